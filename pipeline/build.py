"""The build facade: sources -> gate -> normalized TEI -> builders (index, html, epub).

Read it top to bottom as the whole data flow of ``edition build``:

1. ``discover`` the files and pass each through the gate (diagnostics, never exceptions);
2. split them into texts (a ``text`` element) and registers (entity lists);
3. normalise every text once (``pipeline.stages``) against the combined registers;
4. run the builders in their declared order; each writes into a staging folder that replaces
   ``OUT/<name>/`` only when it succeeded, so a failed build keeps the last good output.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import diagnostics as diag
from .builders import BUILDERS, Builder
from .diagnostics import Diagnostic, Report
from .errors import EditionError
from .gate import SourceDocument, discover, read_document
from .io import build_lock, new_staging_dir, publish_dir, remove_stale_staging, source_date
from .parallel import fork_map
from .stages import STAGES, is_register, is_text, normalize, registers_document
from .xslt import engine


@dataclass(frozen=True)
class Text:
    """One narrative to publish: its gated source and its normalized TEI."""

    source: SourceDocument
    normalized: str

    @property
    def stem(self) -> str:
        return self.source.path.stem


@dataclass(frozen=True)
class Corpus:
    texts: tuple[Text, ...]
    registers: str  # one <ed:registers> document with every register list
    register_files: tuple[SourceDocument, ...]


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
    #: The outputs this run publishes (``html``, ``epub``, ``index``).
    outputs: frozenset[str] = frozenset()

    def has_output(self, name: str) -> bool:
        """Whether ``OUT/<name>/`` will exist after this run (built now, or earlier)."""
        return name in self.outputs or (self.out / name).is_dir()


def load_corpus(paths: Sequence[Path], report: Report, jobs: int = 1) -> Corpus:
    files, missing = discover(paths)
    report.extend(missing)
    report.files.extend(str(p) for p in files)
    documents: list[SourceDocument] = []
    for path in files:
        result = read_document(path)
        report.extend(result.diagnostics)
        if result.document is not None:
            documents.append(result.document)
    registers = [d for d in documents if is_register(d)]
    texts = [d for d in documents if is_text(d)]
    for doc in documents:
        if doc not in registers and doc not in texts:
            report.extend(
                [
                    diag.warning(
                        doc.display,
                        "build.not-tei",
                        "neither a TEI text nor a register: nothing to publish from it",
                        origin="build",
                    )
                ]
            )
    _check_unique_stems(texts, report)
    register_text = registers_document(registers + texts)

    def one(index: int) -> str:
        return normalize(texts[index], register_text)

    normalized = fork_map(one, len(texts), jobs, lambda: engine().stylesheet(STAGES[0].name))
    corpus_texts = tuple(Text(doc, out) for doc, out in zip(texts, normalized, strict=True))
    return Corpus(corpus_texts, register_text, tuple(registers))


def _check_unique_stems(texts: Iterable[SourceDocument], report: Report) -> None:
    seen: dict[str, SourceDocument] = {}
    for doc in texts:
        stem = doc.path.stem
        if stem in seen:
            report.extend(
                [
                    diag.error(
                        doc.display,
                        "build.duplicate-stem",
                        f"two texts are named {stem!r} ({seen[stem].display} and this one); "
                        "their pages would overwrite each other: rename one",
                        origin="build",
                    )
                ]
            )
        seen[stem] = doc


def selected_builders(only: Iterable[str] | None) -> list[type[Builder]]:
    wanted = set(only or ())
    unknown = wanted - {b.name for b in BUILDERS}
    if unknown:
        raise EditionError(f"unknown output {sorted(unknown)}; choose from html, epub, index")
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
) -> Report:
    """Build every selected output from ``paths`` into ``out``; never raises on bad input.

    ``progress`` is called with the name of each step as it starts: ``read`` (gate and
    normalisation), then each builder's name.
    """
    step = progress or (lambda name: None)
    started = time.perf_counter()
    report = Report()
    builders = selected_builders(only)
    requested = set(only or ()) or {b.name for b in BUILDERS}
    with build_lock(out):
        remove_stale_staging(out)
        step("read")
        corpus = load_corpus(paths, report, jobs)
        context = BuildContext(
            corpus=corpus,
            out=out,
            date=_build_date(),
            jobs=jobs,
            guide=guide,
            about=about,
            title=title,
            language=language,
            outputs=frozenset(requested),
        )
        staged: list[tuple[Path, str]] = []
        for builder_class in builders:
            builder = builder_class()
            step(builder.name)
            staging = new_staging_dir(out, builder.name)
            problems = _run_builder(builder, context, staging)
            report.extend(problems)
            failed = any(
                d.severity is diag.Severity.ERROR and d.origin == builder.name for d in problems
            )
            if failed or builder.name not in requested:
                _discard(staging)
            else:
                staged.append((staging, builder.name))
        changed = list(_changed_sources(corpus))
        report.extend(changed)
        for staging, name in staged:
            if changed:
                _discard(staging)
            else:
                publish_dir(staging, out / name)
    report.seconds = time.perf_counter() - started
    return report


def _run_builder(builder: Builder, context: BuildContext, staging: Path) -> list[Diagnostic]:
    """A builder's problems; a builder that raises fails alone, with one diagnostic."""
    try:
        return builder.build(context, staging)
    except EditionError as exc:
        message = str(exc)
    except Exception as exc:  # a bug in one writer must not cost the other outputs
        message = f"internal error ({type(exc).__name__}: {exc}); please report it"
    return [diag.error("-", f"{builder.name}.failed", message, origin=builder.name)]


def _changed_sources(corpus: Corpus) -> Iterator[Diagnostic]:
    """Sources that changed on disk while the build ran: nothing built from them is published."""
    for source in (*(t.source for t in corpus.texts), *corpus.register_files):
        try:
            current = source.path.read_bytes()
        except OSError:
            current = b""
        if current != source.data:
            yield diag.error(
                source.display,
                "build.source-changed",
                "the file changed while the build ran; nothing was published: build again",
                origin="build",
            )


def _discard(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _build_date() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when it is set (reproducible builds), else the clock.

    The date a text's encoding last changed is the text's own revision date
    (``revisionDesc``), which the pages show and label as such; the build date is when the
    outputs were made.
    """
    return source_date(dt.datetime.now(dt.UTC))


__all__ = ["BuildContext", "Corpus", "Diagnostic", "Text", "build", "load_corpus"]
