"""The diagnostics of the entity index: what in the corpus the index could not use.

entity index XML + corpus -> unresolved references (``index.unresolved-ref``, or
``index.external-ref`` for addresses outside the registers), names without ``@ref`` (one
``index.untagged-name`` per form) and register entries never mentioned
(``index.unused-entry``: neither named nor speaking), each placed at its line in the source
files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic, Severity
from .index_model import NS, TEI_NS

if TYPE_CHECKING:
    from ..build import Corpus, Text

#: Elements counted as names or dates in ``tei:text`` (the normalisation stage's pattern).
MENTION_TAGS = ("persName", "placeName", "orgName", "name", "rs", "date", "geogName", "objectName")
_ORIGIN = "index"


def index_diagnostics(
    corpus: Corpus, root: etree._Element, *, unresolved: Severity = Severity.ERROR
) -> list[Diagnostic]:
    """Unresolved references, names without @ref (one per form) and unused register entries."""
    texts = {t.stem: t for t in corpus.texts}
    lines = _MentionLines(texts)
    found: list[Diagnostic] = []
    for mention in root.iterfind("ed:unresolved/ed:mention", NS):
        text = texts[mention.get("document", "")]
        name = f"{mention.get('element')} {mention.findtext('ed:text', '', NS)!r}"
        if mention.get("external") == "true":
            found.append(
                diag.warning(
                    text.source.display,
                    "index.external-ref",
                    f"{name} points at {mention.get('ref')!r}, outside the registers, and is "
                    "not indexed; give a register entry that idno and point at the entry",
                    line=lines.line(mention),
                    origin=_ORIGIN,
                )
            )
            continue
        found.append(
            Diagnostic(
                text.source.display,
                lines.line(mention),
                None,
                unresolved,
                "index.unresolved-ref",
                f"{name} points at {mention.get('ref')!r}, which is no register entry",
                _ORIGIN,
            )
        )
    forms: dict[str, list[etree._Element]] = {}
    for mention in root.iterfind("ed:untagged/ed:mention", NS):
        forms.setdefault(mention.findtext("ed:text", "", NS), []).append(mention)
    for form, mentions in forms.items():
        first = mentions[0]
        found.append(
            diag.warning(
                texts[first.get("document", "")].source.display,
                "index.untagged-name",
                f"{first.get('element')} {form!r} has no @ref ({len(mentions)} "
                f"{'time' if len(mentions) == 1 else 'times'}); point it at a register entry",
                line=lines.line(first),
                origin=_ORIGIN,
            )
        )
    found.extend(_unused(corpus, root))
    return found


class _MentionLines:
    """Source lines of mentions, found by their ordinal among the names and dates of a text."""

    def __init__(self, texts: dict[str, Text]) -> None:
        self._texts = texts
        self._cache: dict[str, list[int | None]] = {}

    def line(self, mention: etree._Element) -> int | None:
        stem = mention.get("document", "")
        if stem not in self._cache:
            root = self._texts[stem].source.root
            tags = [f"{{{TEI_NS}}}{t}" for t in MENTION_TAGS]
            # The outermost tei:text elements (a nested text is inside one of them).
            texts = [
                t
                for t in root.iter(f"{{{TEI_NS}}}text")
                if not any(a.tag == f"{{{TEI_NS}}}text" for a in t.iterancestors())
            ]
            self._cache[stem] = [
                _line(e) for text in texts for e in text.iter(*tags) if e is not text
            ]
        ordinal = int(mention.get("ordinal", "0"))
        lines = self._cache[stem]
        return lines[ordinal - 1] if 0 < ordinal <= len(lines) else None


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _unused(corpus: Corpus, root: etree._Element) -> list[Diagnostic]:
    unused = [
        e
        for e in root.iterfind("ed:entities/ed:entity", NS)
        if e.get("count") == "0" and e.get("speeches", "0") == "0"
    ]
    if not unused:
        return []
    where: dict[str, tuple[str, int | None]] = {}
    for doc in (*corpus.register_files, *(t.source for t in corpus.texts)):
        for element in doc.root.iter():
            key = element.get("{http://www.w3.org/XML/1998/namespace}id")
            if key is not None and key not in where:
                where[key] = (doc.display, _line(element))
    found = []
    for entity in unused:
        path, line = where.get(entity.get("id", ""), ("-", None))
        found.append(
            diag.warning(
                path,
                "index.unused-entry",
                f"register entry {entity.get('id')!r} "
                f"({entity.findtext('ed:name', '', NS)}) is never mentioned",
                line=line,
                origin=_ORIGIN,
            )
        )
    return found
