"""A corpus in memory: files -> gate -> texts and registers -> normalized texts.

The in-process reading used by ``edition index``, the tests and the benchmarks: every text
gated and normalised here (normalisation in forked workers when ``jobs`` > 1) and kept, trees
and all. ``edition build`` reads in two passes of small records instead (``pipeline.sources``,
``pipeline.texts``), so that no process holds a whole corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import diagnostics as diag
from . import reshape
from .diagnostics import Report
from .gate import SourceDocument, discover, read_document
from .keyed import keyed_names
from .naming import renamed
from .parallel import fork_map
from .stages import (
    STAGES,
    CastScopes,
    cast_scopes,
    is_register,
    is_text,
    normalize,
    registers_document,
)
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
        return self.source.stem


@dataclass(frozen=True)
class Corpus:
    texts: tuple[Text, ...]
    registers: str  # one <ed:registers> document with every register list
    register_files: tuple[SourceDocument, ...]
    #: The cast entries the registers gave scoped ids (``stages.cast_scopes``), which the
    #: index's checks read again rather than work out a second time.
    scopes: CastScopes = field(default_factory=dict)


def load_corpus(
    paths: Sequence[Path], report: Report, jobs: int = 1, root: Path | None = None
) -> Corpus:
    """Gate every file of ``paths``, normalise the texts; problems go into ``report``."""
    files, missing = discover(paths)
    report.extend(missing)
    report.files.extend(str(p) for p in files)
    root = corpus_root(paths, root)
    documents: list[SourceDocument] = []
    for path in files:
        result = read_document(path, root=root, dtd_entities=True)
        report.extend(result.diagnostics)
        if result.document is not None:
            document, notes = reshape.as_text(result.document)
            report.extend(notes)
            documents.append(document)
    registers = [d for d in documents if is_register(d)]
    texts: list[SourceDocument] = [d for d in documents if is_text(d)]
    names = renamed([d.path for d in texts])
    for i, doc in enumerate(texts):
        if doc.path in names:
            name, warning = names[doc.path]
            report.extend([warning])
            texts[i] = replace(doc, name=name)
    for doc in documents:
        if not is_register(doc) and not is_text(doc):
            report.extend(
                [
                    diag.warning(
                        doc.display,
                        "build.not-tei",
                        reshape.why_not(doc.root),
                        origin=_ORIGIN,
                    )
                ]
            )
    # a cast list's ids that other files' entries have too are its play's own entities
    scopes = cast_scopes(registers + texts)
    register_text = registers_document(
        registers + texts, (k for t in texts for k in keyed_names(t.root)), scopes
    )

    def one(index: int) -> str:
        return normalize(texts[index], register_text, scopes)

    normalized = fork_map(one, len(texts), jobs, lambda: engine().stylesheet(STAGES[0].name))
    return Corpus(
        tuple(Text(doc, out) for doc, out in zip(texts, normalized, strict=True)),
        register_text,
        tuple(registers),
        scopes,
    )
