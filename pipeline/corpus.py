"""Reading a corpus for the build: files -> gate -> texts and registers -> normalized texts.

Each file is gated, classified and normalised on its own, so one bad file never stops the
others (DESIGN.md section 5 rule 6). When a file fails and the published edition holds its
last good version (``publish.Generation.snapshot``), that version is read instead and a
warning says so: a text already published is never replaced by nothing because of a typo.
Normalisation runs in forked workers with a time limit per text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from . import diagnostics as diag
from .diagnostics import Diagnostic, Report
from .errors import StylesheetError
from .gate import DEFAULT_MAX_BYTES, SourceDocument, discover, parse_bytes, read_document
from .parallel import Failed, run_tasks
from .publish import Generation
from .stages import STAGES, is_register, is_text, normalize, registers_document
from .xinclude import corpus_root
from .xslt import engine

_ORIGIN = "build"


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
    #: Sources read from the published edition's copy because the file itself failed.
    fallbacks: frozenset[Path] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ReadOptions:
    jobs: int = 1
    timeout: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    #: The published generation, whose copies of sources stand in for files that fail.
    previous: Generation | None = None
    #: The corpus root for ``xi:include`` (None: ``xinclude.corpus_root`` of the PATHS).
    root: Path | None = None


def source_key(path: Path) -> str:
    """How the published edition names a source: its resolved path."""
    return str(path.resolve())


def snapshot_bytes(document: SourceDocument) -> bytes:
    """What the published edition keeps of a source to rebuild it if it later fails: its
    bytes, or, when it includes other files, the expanded document (which needs none)."""
    if not document.included:
        return document.data
    data: bytes = etree.tostring(document.tree, encoding="utf-8", xml_declaration=True)
    return data


def load_corpus(
    paths: Sequence[Path], report: Report, jobs: int = 1, options: ReadOptions | None = None
) -> Corpus:
    """Gate every file of ``paths``, normalise the texts; problems go into ``report``."""
    opts = options or ReadOptions(jobs=jobs)
    files, missing = discover(paths)
    opts = replace(opts, root=corpus_root(paths, opts.root))
    report.extend(missing)
    report.files.extend(str(p) for p in files)
    documents: list[SourceDocument] = []
    fallbacks: set[Path] = set()
    for path in files:
        document, problems = _read(path, opts)
        report.extend(problems)
        if document is not None:
            documents.append(document)
            if any(d.code == "build.kept-last-good" for d in problems):
                fallbacks.add(path)
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
                        origin=_ORIGIN,
                    )
                ]
            )
    texts = _unique_stems(texts, report)
    register_text = registers_document(registers + texts)
    normalized = _normalize_all(texts, register_text, opts, report, fallbacks)
    return Corpus(tuple(normalized), register_text, tuple(registers), frozenset(fallbacks))


def _read(path: Path, opts: ReadOptions) -> tuple[SourceDocument | None, list[Diagnostic]]:
    """The gated file, or its last published version when the file fails the gate."""
    result = read_document(path, max_bytes=opts.max_bytes, root=opts.root)
    problems = list(result.diagnostics)
    if result.document is not None:
        return result.document, problems
    kept = _last_good(path, opts)
    if kept is None:
        return None, problems
    problems.append(_kept(kept, "it failed the gate (see its error)"))
    return kept, problems


def _last_good(path: Path, opts: ReadOptions) -> SourceDocument | None:
    if opts.previous is None:
        return None
    data = opts.previous.snapshot(source_key(path))
    if data is None:
        return None
    return parse_bytes(data, path, max_bytes=opts.max_bytes, root=opts.root).document


def _kept(document: SourceDocument, why: str) -> Diagnostic:
    return diag.warning(
        document.display,
        "build.kept-last-good",
        f"{why}: the version published by the last good build is built instead; fix the "
        "file to publish your changes",
        origin=_ORIGIN,
    )


def _unique_stems(texts: Iterable[SourceDocument], report: Report) -> list[SourceDocument]:
    """Texts whose pages would overwrite each other's: the second is left out."""
    seen: dict[str, SourceDocument] = {}
    kept: list[SourceDocument] = []
    for doc in texts:
        stem = doc.path.stem
        if stem in seen:
            report.extend(
                [
                    diag.error(
                        doc.display,
                        "build.duplicate-stem",
                        f"two texts are named {stem!r} ({seen[stem].display} and this one); "
                        "their pages would overwrite each other: rename one (this one is "
                        "left out)",
                        origin=_ORIGIN,
                    )
                ]
            )
            continue
        seen[stem] = doc
        kept.append(doc)
    return kept


def _normalize_all(
    texts: list[SourceDocument],
    registers: str,
    opts: ReadOptions,
    report: Report,
    fallbacks: set[Path],
) -> list[Text]:
    def one(index: int) -> str:
        return normalize(texts[index], registers)

    done: list[Text] = []
    outcomes = run_tasks(
        one,
        len(texts),
        opts.jobs,
        prepare=lambda: engine().stylesheet(STAGES[0].name),
        timeout=opts.timeout,
    )
    for doc, outcome in zip(texts, outcomes, strict=True):
        if outcome.failed is None:
            assert outcome.value is not None
            done.append(Text(doc, outcome.value))
            continue
        report.extend([_failure(doc, outcome.failed)])
        kept = None if doc.path in fallbacks else _last_good(doc.path, opts)
        if kept is not None and kept.data != doc.data:
            try:
                done.append(Text(kept, normalize(kept, registers)))
            except Exception:  # the old version fails too: the text is left out
                continue
            fallbacks.add(doc.path)
            report.extend([_kept(kept, "it could not be prepared for publishing")])
    return done


def _failure(doc: SourceDocument, failed: Failed) -> Diagnostic:
    message = failed.message
    if isinstance(failed.error, StylesheetError):
        return diag.error(
            doc.display,
            "build.transform",
            f"the text could not be prepared for publishing ({failed.error}); it is left out",
            origin=_ORIGIN,
        )
    if failed.kind == "timeout":
        return diag.error(
            doc.display,
            "build.timeout",
            f"preparing the text took too long ({message}); it is left out: split the file "
            "or raise the time limit (--timeout)",
            origin=_ORIGIN,
        )
    return diag.error(
        doc.display,
        "build.internal",
        f"internal error while preparing this text ({message}); it is left out; please report it",
        origin=_ORIGIN,
    )
