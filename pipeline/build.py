"""The build facade: sources -> gate -> normalized TEI -> builders -> one published edition.

Read it top to bottom as the whole data flow of ``edition build``:

1. refuse an output folder that overlaps the sources or holds what the build did not make
   (``publish.OutputFolder``), then take its lock;
2. read the corpus (``pipeline.corpus``): every file gated and normalised on its own; a file
   that fails is replaced by its last published version when there is one;
3. run the builders in their declared order into a new generation folder; a text that fails
   in a builder keeps its last published page or book (``BuildContext.keep_previous``);
4. publish the generation in one atomic step, unless the sources changed meanwhile, a whole
   builder failed, or nothing could be read: then the previous edition stays, whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import customise, signals
from . import diagnostics as diag
from .builders import BUILDERS, Builder
from .corpus import Corpus, ReadOptions, Text, load_corpus, snapshot_bytes, source_key
from .customise import Customisation
from .diagnostics import Diagnostic, Report
from .errors import EditionError, EnvironmentFailure, Interrupted, OptionError, StylesheetError
from .gate import DEFAULT_MAX_BYTES, discover
from .io import source_date
from .paths import display
from .publish import Generation, OutputFolder, link_or_copy

_ORIGIN = "build"


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
    #: The edition's customisation of the pages and books (``[tool.edition] xslt``, css ...).
    customisation: Customisation | None = None

    def has_output(self, name: str) -> bool:
        """Whether ``OUT/<name>/`` will exist after this run (built now, or earlier)."""
        if name in self.outputs:
            return True
        return self.previous is not None and name in self.previous.manifest.outputs

    def keep_previous(self, output: str, stem: str, staging: Path) -> bool:
        """Put the last published files of text ``stem`` in ``output`` into ``staging``."""
        if self.previous is None:
            return False
        kept = False
        for key in self.previous.manifest.owned_by(output, stem):
            relative = key.split("/", 1)[1]
            kept = link_or_copy(self.previous.root / key, staging / relative) or kept
        return kept


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
    customisation: Customisation | None = None,
) -> Report:
    """Build every selected output from ``paths`` into ``out``; never raises on bad input.

    ``progress`` is called with the name of each step as it starts: ``read`` (gate and
    normalisation), then each builder's name. Raises ``OptionError`` for an output folder it
    may not use, ``EnvironmentFailure`` when the machine refuses a write (nothing is then
    published) and ``Interrupted`` on Ctrl-C or SIGTERM.
    """
    step = progress or (lambda name: None)
    started = time.perf_counter()
    report = Report()
    builders = selected_builders(only)
    requested = set(only or ()) or {b.name for b in BUILDERS}
    check_out(paths, out)
    # A customisation that breaks a rule or does not compile stops the build before it reads.
    report.extend(customise.check(customisation, {b.name for b in builders}))
    if report.errors:
        report.extend([_nothing_published("the customisation has errors (see above)")])
        report.seconds = time.perf_counter() - started
        return report
    if not _sources_exist(paths, report):
        report.seconds = time.perf_counter() - started
        return report
    folder = OutputFolder(out)
    with folder.claimed():
        folder.remove_unpublished()
        previous = folder.current()
        step("read")
        read = ReadOptions(
            jobs=jobs, timeout=timeout, max_bytes=max_bytes, previous=previous, root=root
        )
        corpus = load_corpus(paths, report, options=read)
        if not (corpus.texts or corpus.register_files):
            report.extend([_nothing_published("no text or register to publish was found")])
            report.seconds = time.perf_counter() - started
            return report
        context = BuildContext(
            corpus=corpus,
            out=out,
            date=_build_date(),
            jobs=jobs,
            guide=guide,
            about=about,
            title=title,
            language=language,
            images=images,
            epub_facsimiles=epub_facsimiles,
            outputs=frozenset(requested),
            previous=previous,
            timeout=timeout,
            customisation=customisation,
        )
        generation = folder.new_generation()
        try:
            if _make(generation, builders, requested, context, report, step):
                _publish(folder, generation, context, report)
        except Interrupted as exc:
            exc.published = folder.is_current(generation)
            raise
        finally:
            # Never by a flag: an interrupt may land between the rename and any assignment.
            if not folder.is_current(generation):
                folder.discard(generation)
    report.seconds = time.perf_counter() - started
    return report


def check_out(paths: Sequence[Path], out: Path) -> None:
    """Refuse an output folder that is, holds or lies inside the sources (symlinks followed)."""
    target = out.resolve()
    for path in paths:
        source = path.resolve()
        if source == target or target in source.parents:
            raise OptionError(
                f"--out {out} holds the sources ({path}): the build would read its own output "
                "or replace your files; choose a folder outside the sources"
            )
        if path.is_dir() and source in target.parents:
            raise OptionError(
                f"--out {out} lies inside the source folder {path}: the next build would read "
                "its own output as sources; choose a folder outside the sources"
            )


def _sources_exist(paths: Sequence[Path], report: Report) -> bool:
    """False, with errors, when a path is missing or a folder holds no ``*.xml``: a typo must
    never publish an empty edition over a good one."""
    files, missing = discover(paths)
    report.extend(missing)
    found = [f.resolve() for f in files]
    empty = [
        p for p in paths if p.is_dir() and not any(f.is_relative_to(p.resolve()) for f in found)
    ]
    for folder in empty:
        report.extend([diag.error(str(folder), "build.no-sources", "no *.xml file in this folder")])
    if not missing and not empty and files:
        return True
    reason = "a source path does not exist" if missing else "no source file was found"
    report.extend([_nothing_published(reason)])
    return False


def _nothing_published(reason: str) -> Diagnostic:
    return diag.error(
        "-",
        "build.nothing-published",
        f"{reason}: nothing was built, and the published edition (if any) is unchanged; fix "
        "the paths or the files and build again",
        origin=_ORIGIN,
    )


def _make(
    generation: Generation,
    builders: Sequence[type[Builder]],
    requested: set[str],
    context: BuildContext,
    report: Report,
    step: Callable[[str], None],
) -> bool:
    """Run the builders into ``generation``; False when it must not be published."""
    whole = True
    for builder_class in builders:
        builder = builder_class()
        signals.check()
        step(builder.name)
        staging = generation.output(builder.name)
        problems, ok = _run_builder(builder, context, staging)
        report.extend(problems)
        whole = whole and ok
        if builder.name not in requested:
            shutil.rmtree(staging, ignore_errors=True)
    if not whole:
        report.extend([_nothing_published("an output could not be built (see above)")])
    return whole


def _run_builder(
    builder: Builder, context: BuildContext, staging: Path
) -> tuple[list[Diagnostic], bool]:
    """A builder's problems, and whether it produced its whole output."""
    try:
        return builder.build(context, staging), True
    except EnvironmentFailure:
        raise  # the machine, not the input: nothing of this build is published
    except (StylesheetError, EditionError) as exc:
        message = str(exc)
    except Exception as exc:  # a bug in one writer: reported, and nothing is published
        message = f"internal error ({type(exc).__name__}: {exc}); please report it"
    return [diag.error("-", f"{builder.name}.failed", message, origin=builder.name)], False


def _publish(
    folder: OutputFolder, generation: Generation, context: BuildContext, report: Report
) -> None:
    """Publish ``generation`` unless something says not to (said in ``report``)."""
    corpus = context.corpus
    previous = context.previous
    changed = list(_changed_sources(corpus))
    report.extend(changed)
    if changed:
        return
    if previous is not None:
        for name in previous.manifest.outputs:
            if not (generation.root / name).is_dir():
                generation.carry_output(previous, name)
        foreign = folder.foreign_files(previous, generation)
        report.extend(foreign)
        if any(d.severity is diag.Severity.ERROR for d in foreign):
            return
    owners = {f"html/{t.stem}.html": t.stem for t in corpus.texts}
    owners.update({f"epub/{t.stem}.epub": t.stem for t in corpus.texts})
    for name in sorted(context.outputs):
        generation.record_output(name, owners)
    for text in corpus.texts:
        key = source_key(text.source.path)
        generation.keep_source(key, snapshot_bytes(text.source), "text", previous)
    for register in corpus.register_files:
        key = source_key(register.path)
        generation.keep_source(key, snapshot_bytes(register), "register", previous)
    signals.check()
    with _signals_deferred():
        folder.publish(generation, pause_hook())


def _changed_sources(corpus: Corpus) -> Iterator[Diagnostic]:
    """Sources that changed on disk while the build ran: nothing built from them is published."""
    for source in (*(t.source for t in corpus.texts), *corpus.register_files):
        if source.path in corpus.fallbacks:
            continue  # built from the published copy: the file on disk is known to differ
        for path in source.changed_files():  # the file itself, or a file it includes
            yield diag.error(
                display(path),
                "build.source-changed",
                "the file changed while the build ran; nothing was published: build again",
                origin=_ORIGIN,
            )


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the edition is published (one rename, a few links)."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def pause_hook() -> Callable[[str], None] | None:
    """A pause at a named step of publishing, for the tests that kill a build there.

    Set ``EDITION_PAUSE_AT`` to a step name (``before-publish``, ``after-publish``) and
    ``EDITION_PAUSE_FILE`` to a file: the build writes the step's name there and sleeps.
    """
    wanted = os.environ.get("EDITION_PAUSE_AT")
    marker = os.environ.get("EDITION_PAUSE_FILE")
    if not wanted or not marker:
        return None

    def pause(name: str) -> None:
        if name == wanted:
            Path(marker).write_text(name)
            time.sleep(60)

    return pause


def _build_date() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when it is set (reproducible builds), else the clock.

    The date a text's encoding last changed is the text's own revision date
    (``revisionDesc``), which the pages show and label as such; the build date is when the
    outputs were made.
    """
    return source_date(dt.datetime.now(dt.UTC))


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
