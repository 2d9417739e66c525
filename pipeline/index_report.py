"""``edition index``: the entity index of some TEI files, summarised, without writing anything.

paths -> ``pipeline.build.load_corpus`` (gate, registers, normalisation) -> the entity index
XML in memory (``pipeline.builders.index.entity_index``) -> an ``IndexSummary``: counts
(entities by type, mentions, dates, unresolved references, references to addresses outside
the registers, names without ``@ref``, unused register entries) and diagnostics. Here an
unresolved reference is an error (the command exits 1 on it); the build reports the same
problem as a warning. Rendering is pure: the CLI prints ``as_table()`` or ``as_json()``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .build import load_corpus
from .builders.index import NS, entity_index, index_diagnostics
from .diagnostics import Diagnostic, Report, Severity
from .gate import discover, read_document
from .paths import display
from .report import as_dict, format_line
from .stages import is_register
from .validate.references import context_files, edition_lists

#: Entity types in the order the summary lists them; others follow alphabetically.
TYPE_ORDER = ("person", "personGrp", "place", "org", "event", "object", "nym")


@dataclass(frozen=True)
class IndexSummary:
    """What ``edition index`` reports about a corpus."""

    files: int
    documents: int
    entities_by_type: tuple[tuple[str, int], ...]
    mentions: int
    dates: int
    unresolved: int
    external: int
    untagged: int
    unused: int
    diagnostics: tuple[Diagnostic, ...]

    @property
    def entities(self) -> int:
        return sum(n for _, n in self.entities_by_type)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def _totals(self) -> dict[str, int]:
        return {"files": self.files, "documents": self.documents, "entities": self.entities}

    def _mentions(self) -> dict[str, int]:
        return {
            "mentions": self.mentions,
            "dates": self.dates,
            "unresolved": self.unresolved,
            "external": self.external,
            "untagged": self.untagged,
            "unused": self.unused,
        }

    def counts(self) -> dict[str, int]:
        """The figures in display order (entities by type right after the total)."""
        by_type = {f"  {kind}": n for kind, n in self.entities_by_type}
        return {**self._totals(), **by_type, **self._mentions()}

    def as_table(self) -> str:
        """Diagnostics in the check format, then a two-column table; ends with a newline."""
        lines = [format_line(d) for d in self.diagnostics]
        if lines:
            lines.append("")
        rows = self.counts()
        width = max(len(k) for k in rows)
        digits = max(len(str(v)) for v in rows.values())
        lines.extend(f"{key:<{width}}  {value:>{digits}}" for key, value in rows.items())
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        data = {
            **self._totals(),
            "entities_by_type": dict(self.entities_by_type),
            **self._mentions(),
            "diagnostics": [as_dict(d) for d in self.diagnostics],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def summarize(paths: Sequence[Path]) -> IndexSummary:
    """Read ``paths`` (files or folders), build the entity index in memory and count it.

    As ``edition check`` does, a text named alone is read with the ``registers/`` folders near
    it and the register files of its edition's ``sources`` (so its pointers resolve); entries
    of those registers that the named texts do not mention are not reported as unused.
    """
    report = Report()
    files, _ = discover(paths)
    nearby = context_files(files)
    known = {p.resolve() for p in (*files, *nearby)}
    nearby += [p for p in edition_lists(files, paths) if p.resolve() not in known and _register(p)]
    corpus = load_corpus([*paths, *nearby], report)
    root = etree.fromstring(entity_index(corpus).encode("utf-8"))
    shown = {display(p) for p in nearby}
    report.extend(
        d
        for d in index_diagnostics(corpus, root, unresolved=Severity.ERROR)
        if not (d.code == "index.unused-entry" and d.path in shown)
    )
    return summary_of(root, len(report.files), tuple(report.sorted()))


def summary_of(
    root: etree._Element, files: int, diagnostics: tuple[Diagnostic, ...]
) -> IndexSummary:
    """Counts read from an entity index XML root (format: ``xslt/index/entities.xsl``)."""
    entities = root.findall("ed:entities/ed:entity", NS)
    unresolved = root.findall("ed:unresolved/ed:mention", NS)
    by_type = Counter(str(e.get("type")) for e in entities)
    order = {kind: i for i, kind in enumerate(TYPE_ORDER)}
    kinds = sorted(by_type, key=lambda k: (order.get(k, len(order)), k))
    return IndexSummary(
        files=files,
        documents=len(root.findall("ed:documents/ed:document", NS)),
        entities_by_type=tuple((k, by_type[k]) for k in kinds),
        mentions=sum(int(e.get("count", "0")) for e in entities),
        dates=len(root.findall("ed:timeline/ed:date", NS)),
        unresolved=sum(1 for m in unresolved if m.get("external") != "true"),
        external=sum(1 for m in unresolved if m.get("external") == "true"),
        untagged=len(root.findall("ed:untagged/ed:mention", NS)),
        unused=sum(1 for d in diagnostics if d.code == "index.unused-entry"),
        diagnostics=diagnostics,
    )


def _register(path: Path) -> bool:
    """Whether ``path`` is a register: a text holding lists in its ``back`` would be counted
    as a text of its own."""
    gated = read_document(path)
    return gated.document is not None and is_register(gated.document)
