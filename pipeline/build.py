"""The build facade: sources -> facts -> each text's outputs -> the site -> one published edition.

Read it top to bottom as the whole data flow of ``edition build``:

1. refuse an output folder that overlaps the sources or holds what the build did not make
   (``publish.OutputFolder``), then take its lock and start a new generation folder;
2. first pass (``pipeline.sources``, in workers): every file gated and summed up in small
   facts (kind, register lists, header record); a file that fails is read from the published
   edition's copy when there is one; the registers document is made from the lists;
3. second pass (``pipeline.texts``, in workers): each text alone is normalised, indexed, and
   its reading page and book written into the generation; a text that fails falls back to
   its published copy, or keeps its last published page and book, or is left out;
4. last pass (``pipeline.finish``, here): the texts' indexes merged into the entity index,
   ``OUT/index/``, the index pages, the home and about pages, the images;
5. publish the generation in one atomic step, unless a source changed meanwhile, an output
   failed as a whole, or nothing could be read: then the previous edition stays, whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import signal
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence, Set
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from . import customise, links, signals
from . import diagnostics as diag
from .builders import BUILDERS, Builder
from .builders.downloads import sources_root
from .builders.html import Site, TextEntry, site_params
from .builders.images import published_files
from .builders.index import page_names
from .builders.index_merge import parse
from .builders.index_model import skeleton
from .builders.parts import DEFAULT_PAGE_SIZE
from .cache import Cache, file_digest, params_digest, tool_digest
from .cache import key as cache_key
from .citation import CITE_FOLDER, Publication
from .config import sources_holding
from .corpus import Corpus, Text, load_corpus
from .customise import Customisation
from .diagnostics import Diagnostic, Report
from .errors import EnvironmentFailure, Interrupted, OptionError, StylesheetError
from .finish import Extras, Index, index_problems, offered_sources, write_index, write_site
from .gate import DEFAULT_MAX_BYTES, discover, empty_folders, other_sources
from .io import source_date, stale_temp, temp_parts
from .naming import renamed
from .parallel import MEMORY_ADVICE, Failed, Outcome, Resident, run_tasks
from .paths import denied, display, is_dir, is_file, resolved
from .publish import MARKER, OUTPUTS, OWNER, FileRecord, Generation, OutputFolder, link_or_copy
from .sources import (
    ReadOptions,
    SourceFacts,
    changed_files,
    kept_last_good,
    read_facts,
    source_key,
    titled_apart,
    with_stem,
)
from .stages import (
    ListsSource,
    bibliographies,
    cast_scopes,
    entry_ids,
    registers_document,
)
from .texts import TEXT_STYLESHEETS, TextJob, TextResult, render_texts
from .validate.references import context_files, edition_lists, register_folders
from .xinclude import corpus_root
from .xslt import XmlText, engine

_ORIGIN = "build"
_NO_SOURCES = "no *.xml file in this folder: nothing was built from it; check the path"


@dataclass
class BuildContext:
    """What every builder may read; ``products`` carries results from earlier builders."""

    corpus: Corpus
    out: Path
    date: dt.datetime
    products: dict[str, str] = field(default_factory=dict)
    jobs: int = 1
    #: The editors' encoding guide (Markdown), published with the site when given.
    guide: Path | None = None
    #: The edition's introduction on the home page (Markdown or TEI), when given.
    about: Path | None = None
    #: The edition's title; None: the title of its only text, else a count of texts.
    title: str | None = None
    #: The interface language (labels of pages and books; ``pipeline.i18n``).
    language: str = "en"
    #: Base URL of page images on another server (``[tool.edition] images``); None: none.
    images: str | None = None
    #: Whether books carry the page images of their facsimiles (``epub-facsimiles``).
    epub_facsimiles: bool = False
    #: The outputs this run publishes (``html``, ``epub``, ``index``).
    outputs: frozenset[str] = frozenset()
    #: The published edition this build replaces (its files stand in for failed texts).
    previous: Generation | None = None
    #: Seconds one text may take in one builder before it is stopped.
    timeout: float | None = None
    #: Kilobytes of HTML above which a reading page is split (``builders/parts.py``).
    page_size: int = DEFAULT_PAGE_SIZE
    #: The edition's customisation of the pages and books (``[tool.edition] xslt``, css ...).
    customisation: Customisation | None = None

    def has_output(self, name: str) -> bool:
        """Whether ``OUT/<name>/`` will exist after this run (built now, or earlier)."""
        if name in self.outputs:
            return True
        return self.previous is not None and name in self.previous.manifest.outputs

    def keep_previous(self, output: str, stem: str, staging: Path) -> bool:
        """Put the last published files of text ``stem`` in ``output`` into ``staging``."""
        return keep_previous(self.previous, output, stem, staging)


def selected_builders(only: Iterable[str] | None) -> list[type[Builder]]:
    wanted = set(only or ())
    unknown = wanted - {b.name for b in BUILDERS}
    if unknown:
        raise OptionError(f"unknown output {sorted(unknown)}; choose from html, epub, index")
    chosen = [b for b in BUILDERS if not wanted or b.name in wanted]
    # A builder's prerequisites always run (the index feeds the HTML and EPUB index pages).
    needed = {n for b in chosen for n in b.requires} | {b.name for b in chosen}
    return [b for b in BUILDERS if b.name in needed]


def build(
    paths: Sequence[Path],
    out: Path,
    *,
    only: Iterable[str] | None = None,
    jobs: int = 1,
    progress: Callable[[str], None] | None = None,
    guide: Path | None = None,
    about: Path | None = None,
    title: str | None = None,
    language: str = "en",
    timeout: float | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: Path | None = None,
    images: str | None = None,
    epub_facsimiles: bool = False,
    publication: Publication | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    clean: bool = False,
    customisation: Customisation | None = None,
    scheduler: str | None = None,
    resident: Resident | None = None,
    once: bool = False,
) -> Report:
    """Build every selected output from ``paths`` into ``out``; never raises on bad input.

    ``progress`` is called with the name of each step as it starts: ``read`` (gate and
    normalisation), then each builder's name. Raises ``OptionError`` for an output folder it
    may not use, ``EnvironmentFailure`` when the machine refuses a write (nothing is then
    published) and ``Interrupted`` on Ctrl-C or SIGTERM. With ``scheduler`` (a Dask address
    or ``local:N``) the per-file work runs on that cluster (``pipeline.distributed_build``);
    with ``resident`` the texts are rendered by those workers, kept between builds. ``once``:
    the process ends with this build (the command line), so the stylesheets only the texts
    need are let go once the texts are done and the site's pages reuse their memory; a
    process that builds again (tests, a notebook) keeps them compiled.
    """
    step = progress or (lambda name: None)
    started = time.perf_counter()
    report = Report()
    outputs = {b.name for b in selected_builders(only)}
    requested = frozenset(set(only or ()) or outputs)
    check_out(paths, out)
    # A customisation that breaks a rule or does not compile stops the build before it reads.
    report.extend(customise.check(customisation, outputs))
    report.extend(_extras_problems(about, guide, outputs))
    if report.errors:
        _finish_interrupted(out, report)
        what = "the customisation, the introduction or the guide has errors"
        report.extend([_nothing_published(f"{what} (listed with their files)", out)])
        report.seconds = time.perf_counter() - started
        return report
    if not _sources_exist(paths, report, out):
        _finish_interrupted(out, report)
        report.seconds = time.perf_counter() - started
        return report
    folder = OutputFolder(out)
    # the cluster first: one that cannot be reached left OUT/.edition made for nothing
    with _cluster(scheduler) as cluster, folder.claimed() as finished:
        report.extend(finished)
        folder.remove_unpublished()
        previous = folder.current()
        generation = folder.new_generation()
        site_options = SiteOptions(
            title,
            guide,
            about,
            language,
            images,
            epub_facsimiles,
            customisation,
            publication or Publication(),
            page_size,
        )
        read_key = cache_key(tool_digest(), max_bytes, str(corpus_root(paths, root)))
        cache = Cache(
            None if clean else previous,
            cache_key(
                tool_digest(),
                sorted(outputs),
                _settings(site_options),
                _build_date(),
                # the downloads' names (``tei/<path inside it>``) on every reading page
                str(sources_root(paths)),
            ),
            read_key,
            root=generation.root,
        )
        report.extend(diag.info("-", "build.full", note, origin=_ORIGIN) for note in cache.notes)
        plan = Plan(
            paths=tuple(paths),
            outputs=frozenset(outputs),
            requested=requested,
            jobs=jobs,
            timeout=timeout,
            read=ReadOptions(
                jobs=jobs,
                timeout=timeout,
                max_bytes=max_bytes,
                previous=previous,
                root=corpus_root(paths, root),
                generation=generation.root,
            ),
            site=site_options,
            cache=cache,
            cluster=cluster,
            resident=resident,
            out=out,
            once=once,
        )
        scan = _ForeignScan(folder, previous)
        try:
            made = _make(generation, plan, report, step, scan)
            if made is not None:
                _publish(folder, generation, plan, made, report, scan.found)
                if folder.is_current(generation):
                    report.published = made.texts
        except Interrupted as exc:
            exc.published = folder.is_current(generation)
            raise
        except EnvironmentFailure as exc:
            raise _as_published(exc, generation.root, out) from exc
        finally:
            # Never by a flag: an interrupt may land between the rename and any assignment.
            if not folder.is_current(generation):
                folder.discard(generation)
    _leave_out_stand_ins(report)
    _leave_out_unsure_unused(report)
    # a part two readings refused (its own, and the including file's) is told once (probe
    # 115: the same not-well-formed line twice)
    report.diagnostics[:] = diag.said_once(report.diagnostics)
    report.seconds = time.perf_counter() - started
    return report


def _leave_out_unsure_unused(report: Report) -> None:
    """No "never mentioned; remove it" of register entries when a file could not be read:
    it may mention them (probe 115: a text saved not well-formed, published by no last good
    version, had every entry of the registers told to be removed)."""
    if any(d.origin == "gate" and d.severity is diag.Severity.ERROR for d in report.diagnostics):
        report.diagnostics[:] = [d for d in report.diagnostics if d.code != "index.unused-entry"]


def _leave_out_stand_ins(report: Report) -> None:
    """Leave out the warnings of a text whose last good version was published in its place
    (``build.kept-last-good``): they are that version's, by its pages, its book and the
    index, at its lines, not those of the file on disk (probe 112: "@when has no day 32"
    told of a file whose line now reads 1848-08-03). Its errors, and what the gate and the
    build say of the file itself, stay."""
    stand_ins = {d.path for d in report.diagnostics if d.code == "build.kept-last-good"}
    if stand_ins:
        report.diagnostics[:] = [
            d
            for d in report.diagnostics
            if d.path not in stand_ins
            or d.severity is diag.Severity.ERROR
            or d.origin in ("gate", _ORIGIN)
        ]


def _finish_interrupted(out: Path, report: Report) -> None:
    """Finish a publishing a killed build left half done, for a build that stops before it
    builds: the published edition is then whole, as its message says, not html of one build
    and index of another (probe 101: a build of a folder with a typo left it mixed)."""
    folder = OutputFolder(out)
    if not (folder.marker / OWNER).is_file():
        return  # nothing of ours there: nothing to finish, and nothing to create
    with folder.claimed() as finished:
        report.extend(finished)


def _as_published(exc: EnvironmentFailure, generation: Path, out: Path) -> EnvironmentFailure:
    """``exc`` naming the file where it would have been published (a file of the build's
    own, like its manifest, by the output's marker folder): the generation folder it names
    is removed when the build fails, so the path told led nowhere."""
    try:
        inside = Path(exc.path).relative_to(generation)
    except ValueError:
        return exc
    shown = out / inside if inside.parts and inside.parts[0] in OUTPUTS else out / MARKER
    return EnvironmentFailure(str(shown), exc.code, exc.message)


@dataclass(frozen=True)
class SiteOptions:
    title: str | None = None
    guide: Path | None = None
    about: Path | None = None
    language: str = "en"
    images: str | None = None
    epub_facsimiles: bool = False
    custom: Customisation | None = None
    publication: Publication = field(default_factory=Publication)
    page_size: int = DEFAULT_PAGE_SIZE


@dataclass(frozen=True)
class Plan:
    """One build's settings, as the passes read them."""

    paths: tuple[Path, ...]
    #: The outputs made (requested ones and their prerequisites) and those published.
    outputs: frozenset[str]
    requested: frozenset[str]
    jobs: int
    timeout: float | None
    read: ReadOptions
    site: SiteOptions
    #: What may be taken over from the published edition (``pipeline.cache``).
    cache: Cache
    #: A client of the Dask cluster the per-file work runs on; None: the local pool.
    cluster: Any = None
    #: Workers kept from one build to the next (``edition serve``); None: forked per build.
    resident: Resident | None = None
    #: The output folder (where a build that publishes nothing says so).
    out: Path | None = None
    #: The process ends with this build: what only the texts need is let go after them.
    once: bool = False


@dataclass
class Made:
    """What the passes made, for publishing: the texts' facts and results."""

    sources: list[SourceFacts] = field(default_factory=list)
    results: list[TextResult] = field(default_factory=list)
    #: The texts the edition holds: made now, or their last published version kept.
    texts: int = 0


def check_out(paths: Sequence[Path], out: Path) -> None:
    """Refuse an output folder that is, holds or lies inside the sources (symlinks followed),
    or whose path is no UTF-8 (pages link and Pagefind indexes by it: the site lost its
    search)."""
    from .gate import shown_bytes

    if shown_bytes(str(out.resolve())) != str(out.resolve()):
        raise OptionError(
            f"--out {shown_bytes(str(out))}: the folder's path is not UTF-8 (its bytes are "
            "shown as \\xNN); choose a folder whose name is"
        )
    if out.is_symlink() and not out.exists():
        raise OptionError(
            f"--out {out} is a symbolic link to {os.readlink(out)}, which does not exist: "
            "create that folder, or remove the link"
        )
    target = out.resolve()
    for path in paths:
        source = resolved(path)  # a link in a loop is the gate's to tell
        if source == target or target in source.parents:
            raise OptionError(
                f"--out {out} holds the sources ({path}): the build would read its own output "
                "or replace your files; choose a folder outside the sources"
            )
        if is_dir(path) and source in target.parents:
            raise OptionError(
                f"--out {out} lies inside the source folder {path}: the next build would read "
                "its own output as sources; choose a folder outside the sources (--out, or "
                "[tool.edition] out; by default dist)"
            )
        # (an --out inside the folder of a file named alone is let be, `edition build
        # letter.xml --out site` being common: a build of that folder passes over the
        # folders a build publishes into, gate.output-folder)
        folder = source if is_dir(path) else source.parent
        # a registers/ folder the build reads beside the texts (probe 101: `build t/texts
        # --out t/registers` wrote the edition among the registers, read the next time)
        for registers in register_folders([folder]):
            if registers == target or registers in target.parents:
                raise OptionError(
                    f"--out {out} is or lies inside the register folder {display(registers)} "
                    "the build reads beside the texts: its next build would read the output as "
                    "registers; choose a folder outside the sources"
                )
        # the edition's sources folder, when the PATHS are a part of it: `edition build
        # tei/texts --out tei/out` was let through, and the edition's next build and check
        # read the output as texts and registers (probe 73)
        holding = sources_holding(source if is_dir(source) else source.parent)
        if holding is not None and holding in target.parents:
            raise OptionError(
                f"--out {out} lies inside the edition's source folder {holding}: its next "
                "build and check would read the output as sources; choose a folder outside "
                "it (--out, or [tool.edition] out; by default dist)"
            )


def _sources_exist(paths: Sequence[Path], report: Report, out: Path | None = None) -> bool:
    """False, with errors, when a path is missing or a folder holds no ``*.xml``: a typo must
    never publish an empty edition over a good one. What a folder holds that cannot be read
    (a link to no file, a subfolder nobody may list) is an error of its own, and the other
    files are built."""
    files, problems = discover(paths)
    report.extend(problems)
    # (a file in a folder that cannot be entered is there: the gate tells it, gate.unreadable)
    missing = [p for p in paths if not (is_dir(p) or is_file(p) or denied(p))]
    empty = empty_folders(paths, [str(f) for f in files])
    for folder in empty:
        report.extend(
            [diag.error(str(folder), "build.no-sources", _NO_SOURCES + other_sources(folder))]
        )
    if not missing and not empty and files:
        return True
    if missing:
        named = ", ".join(str(p) for p in missing)
        # a pipe, a device is there and is no source (probe 119: "does not exist")
        what = (
            "is not a file or a folder"
            if all(os.path.lexists(p) for p in missing)
            else ("does not exist")
        )
        reason = f"the source path {named} {what} (give the folder of your TEI files)"
    else:
        reason = "no source file was found"
    report.extend([_nothing_published(reason, out)])
    return False


def _nothing_published(reason: str, out: Path | None = None) -> Diagnostic:
    """The error that says a build published nothing, at the output folder it left as it
    was ("-", the run, when there is none)."""
    return diag.error(
        str(out) if out is not None else "-",
        "build.nothing-published",
        f"{reason}: nothing was built, and the published edition (if any) is unchanged; fix "
        "the paths or the files and build again",
        origin=_ORIGIN,
    )


@dataclass
class _ForeignScan:
    """The files someone else put into the published outputs, looked for while Pagefind
    runs (the walk over every output file was 0.09 s of a one-paragraph rebuild)."""

    folder: OutputFolder
    previous: Generation | None
    found: list[tuple[str, FileRecord | None]] | None = None

    def __call__(self) -> None:
        if self.previous is not None:
            self.found = self.folder.foreign_scan(self.previous)


def _make(
    generation: Generation,
    plan: Plan,
    report: Report,
    step: Callable[[str], None],
    while_indexing: Callable[[], object] | None = None,
) -> Made | None:
    """Write the new edition into ``generation``; None when it must not be published."""
    previous = plan.read.previous
    step("read")
    files, _ = discover(plan.paths)
    # the introduction and the guide are pages of the site, not texts, where they lie among
    # the sources (probe 112: a TEI introduction in tei/ was published as a text too, as
    # "about-text", and the home page counted it)
    pages = {os.path.realpath(p) for p in (plan.site.about, plan.site.guide) if p is not None}
    files = [f for f in files if os.path.realpath(f) not in pages] if pages else files
    # as check and index do: texts named without their registers are read with the
    # registers/ folders near them (`edition build tei/texts` lost every name's entry)
    nearby = context_files(files)
    files = [*files, *nearby]
    report.files.extend(str(p) for p in files)
    sources = read_all(files, plan, report)
    listed = _edition_lists(files, plan)
    registers_beside = [f for f in listed if f.kind == "register"]
    report.files.extend(str(f.path) for f in registers_beside)
    sources += registers_beside
    texts = named_texts([f for f in sources if f.kind == "text"], report)
    registers = [f for f in sources if f.kind == "register"]
    if not (texts or registers):
        report.extend([_nothing_published("no text or register to publish was found", plan.out)])
        return None
    # the lists of the texts not built with these (a letter's back) name entries as the
    # whole build's do; those texts themselves are not published by this build
    kept_by_others = [f for f in listed if f.kind != "register"]
    lists = [
        ListsSource.of(f.path, f.display, f.lists)
        for f in (*registers, *texts, *kept_by_others)
        if f.lists
    ]
    # the pages link to the texts their pointers name, the books name them by their titles;
    # a pointer at a register entry leads to its entry of the index (r:pointed-entry)
    # a pointer at an id a bibliography file lacks is the index's to tell (it names no work)
    works = {s.path.resolve() for s in lists if any(True for _ in bibliographies(s.root))}
    texts = titled_apart(linked_texts(texts, report, entry_ids(lists), works))
    # a cast list's ids that other files' entries have too are its play's own entities
    scopes = cast_scopes(lists)
    registers_xml = registers_document(lists, (k for t in texts for k in t.keyed), scopes)
    site = _site(texts, plan, previous)
    skeleton_xml = plan.cache.blob("skeleton", cache_key(registers_xml))
    if skeleton_xml is None:
        skeleton_xml = skeleton(registers_xml)
        plan.cache.keep_blob("skeleton", cache_key(registers_xml), skeleton_xml)
    subjects = any(t.subjects for t in texts)
    names = page_names(parse(skeleton_xml), subjects)
    params = {**site_params(site, sorted(names)), "registers": XmlText(registers_xml)}
    step("texts")
    job = TextJob(
        registers=registers_xml,
        scopes=scopes,
        outputs=plan.outputs & {"html", "epub"},
        page_params=params,
        generation=generation.root,
        date=site.date,
        language=plan.site.language,
        images=plan.site.images,
        epub_facsimiles=plan.site.epub_facsimiles,
        max_bytes=plan.read.max_bytes,
        root=plan.read.root,
        previous=previous,
        publication=plan.site.publication,
        sources_root=sources_root(plan.paths),
        custom=plan.site.custom,
    )
    results, missing = _texts(texts, job, plan, generation, report)
    if plan.once:
        # Compiled here so that the forked workers share them, the page's and book's
        # stylesheets are no use to this process now; their 65 MB are taken back by Saxon
        # while it makes the site's pages (1,120 letters: 443 MB at the peak, not 508). A
        # process that builds again keeps them (edition serve: its resident workers fork
        # from here; compiling them again took 1-2 s per build).
        engine().release(TEXT_STYLESHEETS)
    if any(r.changed for r in results):
        return None  # a source changed while the build ran (said): nothing is published
    if texts and not _anything_shown(results, report, plan.outputs):
        # every text failed and none had a page or book to keep: an edition of no text
        # ("A digital edition of 6 texts", listing none) would replace the last good one
        report.extend(
            [
                _nothing_published(
                    "no text could be published (each one's error is listed)", plan.out
                )
            ]
        )
        return None
    step("site")
    index = Index.of(skeleton_xml, [r.index for r in results if r.index], subjects)
    # each text's own index is in the merged one now (9,761 letters: 44 MB of text held to
    # the end of the build)
    results = [replace(r, index="") for r in results]
    report.extend(diag.said_once(d for r in results for d in r.problems.references))
    used = {c for f in texts for c in f.used_ids}
    # their entries the named texts need not use
    beside = {display(p) for p in (*nearby, *(f.path for f in listed))}
    report.extend(
        d
        for d in index_problems(index, [r.problems.untagged for r in results], lists, used, scopes)
        if not (d.code == "index.unused-entry" and d.path in beside)
    )
    whole = True
    if "index" in plan.outputs:
        date = site.date.date().isoformat()
        whole &= _output(
            "index",
            report,
            lambda: write_index(index, generation.output("index"), date, plan.cache),
        )
    if "html" in plan.outputs:
        images = [i for r in results for i in r.images]
        staging = generation.output("html")
        extras = Extras(
            offered_sources([*texts, *registers], sources_root(plan.paths), generation.root),
            _index_folder(generation, plan),
            report.timings,
            while_indexing,
        )
        whole &= _output(
            "html",
            report,
            lambda: report.extend(
                write_site(site, index, params, staging, missing, images, extras, plan.cache)
            ),
        )
    if not whole:
        report.extend(
            [_nothing_published("an output could not be built (its error is listed)", plan.out)]
        )
        return None
    left = set(report.left_out)
    return Made(sources, results, sum(1 for t in texts if t.display not in left))


def _extras_problems(about: Path | None, guide: Path | None, outputs: set[str]) -> list[Diagnostic]:
    """An introduction (``--about``) or a guide that is not what it must be, at its path,
    before anything is built: it was an "internal error" of the HTML output, at the end."""
    if "html" not in outputs:
        return []
    from .builders.about import unreadable

    found = []
    for path, what in ((about, "about"), (guide, "guide")):
        problem = unreadable(path, what) if path is not None else None
        if problem is not None:
            found.append(diag.error(str(path), f"build.{what}", problem, origin=_ORIGIN))
    return found


def _anything_shown(results: Sequence[TextResult], report: Report, outputs: frozenset[str]) -> bool:
    """Whether a text of the new edition has a page or a book (an index entry, for a build
    of the index alone): made now, or the last edition's, kept (``_keep_files`` says so in
    the report)."""
    if not outputs & {"html", "epub"}:
        return any(r.index for r in results)
    return any(r.page or r.book for r in results) or any(
        d.code == "build.kept-last-good" for d in report.diagnostics
    )


def _index_folder(generation: Generation, plan: Plan) -> Path | None:
    """Where the files of the ``OUT/index`` this build publishes are (for their sizes)."""
    if "index" in plan.requested:
        return generation.root / "index"
    previous = plan.read.previous
    if previous is not None and "index" in previous.manifest.outputs:
        return previous.root / "index"
    return None


def _settings(options: SiteOptions) -> list[object]:
    """The settings every page depends on, by value and by content (guide, introduction)."""
    return [
        options.title,
        options.language,
        options.images,
        options.epub_facsimiles,
        file_digest(options.guide),
        file_digest(options.about),
        options.custom.digest if options.custom is not None else "",
        # base URL, editors, publisher, DOI, map tiles: citations, canonical URLs, book ids
        asdict(options.publication),
        options.page_size,
    ]


def _output(name: str, report: Report, write: Callable[[], object]) -> bool:
    """Run one output's site-wide step; a bug in it is reported, and nothing is published."""
    try:
        write()
    except EnvironmentFailure:
        raise  # the machine, not the input: nothing of this build is published
    except Exception as exc:
        message = (
            str(exc)
            if isinstance(exc, StylesheetError)
            else (f"internal error ({type(exc).__name__}: {exc}); please report it")
        )
        report.extend([diag.error("-", f"{name}.failed", message, origin=name)])
        return False
    return True


def _edition_lists(files: Sequence[Path], plan: Plan) -> list[SourceFacts]:
    """The files of the edition's ``sources`` the named files are in that hold register
    lists, wherever the edition keeps them (``indices/``, a letter's ``back``): a text built
    alone there had every name unresolved (probe 45), and so had its names of the entries
    another text keeps in its ``back``. Only the registers among them are published with the
    named files; the problems of those read are their own build's to tell."""
    known = {os.path.realpath(p) for p in files}
    extra = [p for p in edition_lists(files, plan.paths) if os.path.realpath(p) not in known]
    if not extra:
        return []
    return [f for f in read_all(extra, plan, Report()) if f.kind == "register" or f.lists]


def read_all(files: Sequence[Path], plan: Plan, report: Report) -> list[SourceFacts]:
    """The first pass: every file's facts (taken over from the published edition when the
    file has not changed, else read in workers); a file that fails is reported."""
    found: list[SourceFacts] = []
    known = {path: plan.cache.facts(path) for path in files}
    fresh = [path for path in files if known[path] is None]
    if plan.cluster is not None:
        from .distributed_build import read_sources

        outcomes: Iterable[Outcome[SourceFacts]] = read_sources(plan.cluster, fresh, plan.read)
    else:
        outcomes = run_tasks(
            lambda i: read_facts(fresh[i], plan.read), len(fresh), plan.jobs, timeout=plan.timeout
        )
    read = dict(zip(fresh, outcomes, strict=True))
    for path in files:
        facts = known[path]
        if facts is None:
            outcome = read[path]
            if outcome.failed is not None:
                if isinstance(outcome.failed.error, EnvironmentFailure):
                    raise outcome.failed.error
                report.extend([_failure(display(path), outcome.failed, "reading")])
                report.left_out.append(display(path))
                continue
            facts = outcome.value
            assert facts is not None
            plan.cache.keep_facts(facts)
        found.append(facts)
    # a part another file includes (xi:include of a surface, a div, a declaration) is no text
    # of its own: it is published within that file, so it is not told "nothing to publish"
    parts = {Path(p).resolve() for f in found for p, _ in f.included}
    for facts in found:
        part = facts.kind == "other" and facts.path.resolve() in parts
        report.extend(d for d in facts.diagnostics if not (part and d.code == "build.not-tei"))
        if facts.kind == "failed":
            # the gate's error says what is wrong, not what became of the file (probe 163:
            # "150 files, 41 errors" for 41 files refused and 109 published, and a refused
            # letter was missing from the home page without a word)
            report.extend([_left_out(facts.display)])
            report.left_out.append(facts.display)
    return [f for f in _members_apart(found, report) if f.kind != "failed"]


def _left_out(shown: str) -> Diagnostic:
    return diag.info(
        shown,
        "build.left-out",
        "not published: the file is refused (see its error), and the edition holds no "
        "earlier version of it to publish instead; fix it and build again",
        origin=_ORIGIN,
    )


def _members_apart(found: Sequence[SourceFacts], report: Report) -> list[SourceFacts]:
    """``found``, the texts a ``teiCorpus`` of the edition includes as its members made
    parts of it (kind ``member``), each told: published twice, as a text of its own and in
    the corpus, its names were counted twice by the index (probe 43)."""
    corpora = {Path(m): f for f in found if f.kind == "text" for m in f.members}
    if not corpora:
        return list(found)
    kept: list[SourceFacts] = []
    for facts in found:
        corpus = corpora.get(facts.path.resolve())
        if facts.kind != "text" or corpus is None or corpus is facts:
            kept.append(facts)
            continue
        report.extend([_corpus_member(facts, corpus)])
        kept.append(replace(facts, kind="member"))
    return kept


def _corpus_member(member: SourceFacts, corpus: SourceFacts) -> Diagnostic:
    return diag.info(
        member.display,
        "build.corpus-member",
        f"a member of the teiCorpus {corpus.display}, which includes it: published within "
        f"that corpus ({corpus.stem}.html), not as a text of its own",
        origin=_ORIGIN,
    )


def named_texts(texts: Sequence[SourceFacts], report: Report) -> list[SourceFacts]:
    """``texts``, each with the name it is published under (``naming.text_names``); a
    text whose file's stem another text shares is renamed, with a warning."""
    names = renamed([f.path for f in texts])
    named: list[SourceFacts] = []
    for fact in texts:
        if fact.path not in names:
            named.append(fact)
            continue
        name, warning = names[fact.path]
        report.extend([warning])
        named.append(replace(fact, name=name, header=with_stem(fact.header, name)))
    return named


def linked_texts(
    texts: Sequence[SourceFacts],
    report: Report,
    entries: Collection[str] = (),
    bibliographies: Collection[Path] = (),
) -> list[SourceFacts]:
    """``texts``, each with the pages its links to other texts (and to the images the site
    publishes) lead to (``links.resolve``);
    a link to nothing the edition publishes is reported, unless it names a register entry
    (one of ``entries``), whose entry of the index it leads to, or an id of one of the
    ``bibliographies`` (files), which the index tells of."""
    pages = {f.path.resolve(): links.Published(f"{f.stem}.html", f.title) for f in texts}
    # a member of a corpus is published within it, its ids kept (``_members_apart``)
    pages.update({Path(m): pages[f.path.resolve()] for f in texts for m in f.members})
    ids = {f.xml_id: links.Published(f"{f.stem}.html", f.title) for f in texts if f.xml_id}
    images = published_files((f.path, f.images) for f in texts)
    linked: list[SourceFacts] = []
    for fact in texts:
        if not (fact.links or fact.name_links):
            linked.append(fact)
            continue
        param, warnings = links.resolve(
            fact.path,
            fact.display,
            fact.links,
            pages,
            ids,
            entries,
            fact.name_links,
            bibliographies,
            images,
        )
        report.extend(warnings)
        linked.append(replace(fact, linked=param))
    return linked


def _site(texts: Sequence[SourceFacts], plan: Plan, previous: Generation | None) -> Site:
    epub = "epub" in plan.outputs or (previous is not None and "epub" in previous.manifest.outputs)
    entries = tuple(
        sorted(
            (TextEntry(f.stem, f.xml_id, f.title, f.header, f.path, f.display) for f in texts),
            key=lambda e: e.stem,
        )
    )
    options = plan.site
    return Site(entries, _build_date(), options.language, options.title, epub, options.guide,
                options.about, options.images, options.custom, options.publication,
                options.page_size)  # fmt: skip


def _texts(
    texts: Sequence[SourceFacts],
    job: TextJob,
    plan: Plan,
    generation: Generation,
    report: Report,
) -> tuple[list[TextResult], set[str]]:
    """The second pass: every text's page, book and index; failures fall back to the last
    published version (the copy of the source, or the files themselves), else are left out."""
    results: list[TextResult] = []
    retry: list[SourceFacts] = []
    missing: set[str] = set()
    shared = cache_key(plan.cache.build_key, job.registers, params_digest(job.page_params))
    # the path as given is part of the key: a text moved unchanged (another folder, another
    # working directory) has its images, its diagnostics' locations and its place in the
    # order elsewhere; its old result crashed the sort below (probe 111: KeyError, `edition
    # serve` gone, every later build failing until --clean)
    keys = {
        f.path: cache_key(shared, f.sha256, list(f.included), f.linked, f.apart, str(f.path),
                          f.display)
        for f in texts
    }  # fmt: skip
    fresh: list[SourceFacts] = []
    for fact in texts:
        cached = None if fact.from_snapshot else plan.cache.result(fact.stem, keys[fact.path],
                                                                    job.outputs)  # fmt: skip
        if cached is None:
            fresh.append(fact)
        else:
            results.append(cached)
            report.extend(cached.diagnostics)
    separator = str(job.page_params.get("part-separator", "-"))
    stems = {f.stem for f in texts}
    # a failure is told once what becomes of the text is known: left out, or its last
    # published version kept (probe 56: "kept" warnings beside "it is left out")
    failures: dict[Path, Failed] = {}
    for fact, outcome in _render(fresh, job, plan):
        if isinstance(outcome, Failed):
            _discard_written(fact.stem, separator, generation, job.outputs)
            if not fact.from_snapshot and job.previous is not None and fact.kept is not None:
                failures[fact.path] = outcome
                retry.append(replace(fact, from_snapshot=True, sha256=_kept_sha(fact, job)))
            else:
                lost, kept = _keep_files(fact, job, generation, report, stems)
                missing |= lost
                report.extend([_failure(fact.display, outcome, "preparing", kept)])
                if not kept:
                    report.left_out.append(fact.display)
            continue
        results.append(outcome)
        report.extend(outcome.diagnostics)
        if outcome.changed:
            report.extend([_changed(fact.display)])
            # nothing is published: that the last good version would stand in for the file
            # is no news, and "fix the file" wrong for a valid file being saved (probe 101)
            lost, _ = _keep_files(fact, job, generation, Report(), stems)
            missing |= lost
            continue
        if not fact.from_snapshot:
            plan.cache.keep_result(fact.stem, keys[fact.path], outcome)
        lost, _ = _keep_files(fact, job, generation, report, stems, page=not outcome.page,
                              book=not outcome.book)  # fmt: skip
        missing |= lost
    for fact, outcome in _render(retry, job, plan) if retry else ():
        first = failures[fact.path]
        if isinstance(outcome, Failed):
            _discard_written(fact.stem, separator, generation, job.outputs)
            lost, kept = _keep_files(fact, job, generation, report, stems)
            missing |= lost
            report.extend([_failure(fact.display, first, "preparing", kept)])
            if not kept:
                report.left_out.append(fact.display)
            continue
        results.append(outcome)
        report.extend([_failure(fact.display, first, "preparing", kept=True)])
        report.extend([kept_last_good(fact.display, "it could not be prepared for publishing")])
        report.extend(d for d in outcome.diagnostics if d.severity is not diag.Severity.ERROR)
    order = {f.path: i for i, f in enumerate(texts)}
    results.sort(key=lambda r: order[r.path])
    return results, missing


def _render(
    texts: Sequence[SourceFacts], job: TextJob, plan: Plan
) -> Iterator[tuple[SourceFacts, TextResult | Failed]]:
    """Each text's result, from the local pool or the cluster."""
    if plan.cluster is None:
        return render_texts(texts, job, plan.jobs, plan.timeout, plan.resident)
    from .distributed_build import render_texts as render_on_cluster

    return render_on_cluster(plan.cluster, texts, job, plan.timeout)


@contextlib.contextmanager
def _cluster(scheduler: str | None) -> Iterator[Any]:
    """A client of the Dask cluster at ``scheduler`` for the whole build, or None; Dask is
    imported only when a scheduler is asked for."""
    if scheduler is None:
        yield None
        return
    from .distributed import connect

    with connect(scheduler) as client:
        yield client


def _discard_written(stem: str, separator: str, generation: Generation, outputs: Set[str]) -> None:
    """Remove what the task of a text that failed wrote before it failed: its reading page,
    the pages of its parts, its citations, its book, and the temporary file of a write its
    end cut short. A text told "left out" published the pages its task had written before it
    ran past the time limit making its book (probe 55: 23 pages of a novel, and its words in
    the search index)."""
    page = re.compile(rf"{re.escape(stem)}(?:{re.escape(separator)}\d+)?\.html")
    folders = {
        "html": (page, re.compile(rf"{re.escape(stem)}\.(?:bib|json)")),
        "epub": (re.compile(rf"{re.escape(stem)}\.epub"),),
    }
    for output, names in folders.items():
        if output not in outputs:
            continue
        staging = generation.output(output)
        for folder, pattern in zip((staging, staging / CITE_FOLDER), names, strict=False):
            with contextlib.suppress(FileNotFoundError):
                for entry in os.scandir(folder):
                    # io.write_bytes_atomic's temporary file: one of the text's, or any of a
                    # process that was killed (its name is cut to 64 characters: a long
                    # name's matched nothing, probe 56)
                    temp = temp_parts(entry.name)
                    target = entry.name if temp is None else temp[0]
                    if pattern.fullmatch(target) or stale_temp(entry.name):
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(entry.path)


def _kept_sha(fact: SourceFacts, job: TextJob) -> str:
    record = job.previous.manifest.sources.get(source_key(fact.path)) if job.previous else None
    return record.sha256 if record is not None else ""


def _keep_files(
    fact: SourceFacts,
    job: TextJob,
    generation: Generation,
    report: Report,
    stems: Set[str],
    *,
    page: bool = True,
    book: bool = True,
) -> tuple[set[str], bool]:
    """Put a failed text's last published page and book into the new edition (``stems``:
    the texts of this build); the stems that end up without a reading page, and whether
    anything was kept."""
    missing: set[str] = set()
    kept = False
    reserved = frozenset(key for stem in stems - {fact.stem} for key in _own_files(stem))
    for output, wanted, what in (("html", page, "reading page"), ("epub", book, "book")):
        if not wanted or output not in job.outputs:
            continue
        if keep_previous(job.previous, output, fact.stem, generation.output(output), reserved):
            report.extend([kept_last_good(fact.display, what)])
            kept = True
        elif output == "html":
            missing.add(fact.stem)
    return missing, kept


def _own_files(stem: str) -> tuple[str, ...]:
    """The files text ``stem`` publishes whatever its length (its page, its citations, which
    go or stay with it, and its book), by their keys in the edition's manifest."""
    return (f"html/{stem}.html", f"html/{CITE_FOLDER}/{stem}.bib",
            f"html/{CITE_FOLDER}/{stem}.json", f"epub/{stem}.epub")  # fmt: skip


def keep_previous(
    previous: Generation | None,
    output: str,
    stem: str,
    staging: Path,
    reserved: Set[str] = frozenset(),
) -> bool:
    """Put the last published files of text ``stem`` in ``output`` into ``staging``. Nothing
    is kept when one of them has the key of a file of another text of this build
    (``reserved``): a part page "a-2.html" of the last build's text a took the place of the
    new text a-2's page, and the home page led to Dickens under Lyall's title (probe 56).
    The text is then left out."""
    if previous is None:
        return False
    keys = previous.manifest.owned_by(output, stem)
    if any(key in reserved for key in keys):
        return False
    kept = False
    for key in keys:
        kept = link_or_copy(previous.root / key, staging / key.split("/", 1)[1]) or kept
    return kept


def _failure(shown: str, failed: Failed, doing: str, kept: bool = False) -> Diagnostic:
    """A text's task that failed; ``kept``: its last published version stands in."""
    then = "its last published version stays" if kept else "it is left out"
    if isinstance(failed.error, StylesheetError):
        return diag.error(
            shown,
            "build.transform",
            f"the text could not be prepared for publishing ({failed.error}); {then}",
            origin=_ORIGIN,
        )
    if failed.kind == "timeout":
        return diag.error(
            shown,
            "build.timeout",
            f"{doing} the file took too long ({failed.message}); {then}: split the file or "
            "raise the time limit (--timeout)",
            origin=_ORIGIN,
        )
    if failed.kind == "crash":
        return diag.error(
            shown,
            "build.internal",
            f"{doing} this file ended its worker process ({failed.message}); {then}: "
            f"{MEMORY_ADVICE}",
            origin=_ORIGIN,
        )
    return diag.error(
        shown,
        "build.internal",
        f"internal error while {doing} this file ({failed.message}); {then}; please report it",
        origin=_ORIGIN,
    )


def _changed(shown: str) -> Diagnostic:
    return diag.error(
        shown,
        "build.source-changed",
        "the file changed while the build ran; nothing was published: build again",
        origin=_ORIGIN,
    )


def _publish(
    folder: OutputFolder,
    generation: Generation,
    plan: Plan,
    made: Made,
    report: Report,
    scanned: list[tuple[str, FileRecord | None]] | None = None,
) -> None:
    """Publish ``generation`` unless something says not to (said in ``report``);
    ``scanned``: the foreign files found while Pagefind ran (``_ForeignScan``)."""
    previous = plan.read.previous
    # A source taken over unchanged is known by its stat (hashing the ELTeC corpus again
    # took 0.07 s of a one-paragraph rebuild); one read by this build, by its bytes.
    changed = [p for f in made.sources if not plan.cache.unchanged(f) for p in changed_files(f)]
    report.extend(_changed(display(p)) for p in changed)
    if changed:
        return
    for name in sorted(plan.outputs - plan.requested):
        shutil.rmtree(generation.root / name, ignore_errors=True)
    if previous is not None:
        for name in previous.manifest.outputs:
            if not (generation.root / name).is_dir():
                generation.carry_output(previous, name)
        foreign = folder.foreign_files(previous, generation, scanned)
        report.extend(foreign)
        if any(d.severity is diag.Severity.ERROR for d in foreign):
            return
    stems = [f.stem for f in made.sources if f.kind == "text"]
    owners = {key: stem for stem in stems for key in _own_files(stem)}
    # a long text's pages (builders/parts.py): those written now, and those kept from the
    # edition before for a text that failed
    owners.update({f"html/{page}": r.stem for r in made.results for page in r.pages})
    if previous is not None:
        for stem in stems:
            owners.update({key: stem for key in previous.manifest.owned_by("html", stem)})
    for name in sorted(plan.requested):
        generation.record_output(name, owners, previous)
    plan.cache.finish(generation)
    for fact in made.sources:
        if fact.kept is not None:
            generation.record_source(source_key(fact.path), fact.kept)
    signals.check()
    with _signals_deferred():
        report.extend(folder.publish(generation, pause_hook()))


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the edition is published (one rename, three exchanges)."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def pause_hook() -> Callable[[str], None] | None:
    """A pause at a named step of publishing, for the tests that kill a build there.

    Set ``EDITION_PAUSE_AT`` to a step name (``before-publish``, ``after-publish``,
    ``placed-<output>``) and ``EDITION_PAUSE_FILE`` to a file: the build writes the step's
    name there and sleeps until the file is removed (or a minute).
    """
    wanted = os.environ.get("EDITION_PAUSE_AT")
    marker = os.environ.get("EDITION_PAUSE_FILE")
    if not wanted or not marker:
        return None

    def pause(name: str) -> None:
        # until the test removes the file (it may do something meanwhile), or a minute
        if name == wanted:
            Path(marker).write_text(name)
            deadline = time.monotonic() + 60
            while os.path.exists(marker) and time.monotonic() < deadline:
                time.sleep(0.05)

    return pause


def _build_date() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when it is set (reproducible builds), else today (at midnight,
    UTC: two builds of one day give the same bytes, so unchanged pages need no new copy).

    The date a text's encoding last changed is the text's own revision date
    (``revisionDesc``), which the pages show and label as such; the build date is when the
    outputs were made.
    """
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return source_date(today)


__all__ = [
    "BuildContext",
    "Corpus",
    "Diagnostic",
    "Text",
    "build",
    "check_out",
    "load_corpus",
    "selected_builders",
]
