"""Stand-off annotations a text's pages leave out, told once per text.

Read while a source is read (``sources.facts_of``, beside ``links.unsafe_links``): the
words of a ``span`` are the annotation of the passage it points at (TEI 17.3), not text of
the edition, and the pages and books show none of them (xslt/common/inline.xsl), except a
tier of a transcription's ``annotationBlock`` (xslt/common/spoken.xsl). A text whose body
holds ``spanGrp`` annotations with words lost them without a word (probe 172: the ELTE
poetry corpus's phonological structures); the build now says so, at the first group.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from . import diagnostics as diag
from .diagnostics import Diagnostic
from .gate import TEI_NS

_ORIGIN = "build"
_TEXT = f"{{{TEI_NS}}}text"
_GROUP = f"{{{TEI_NS}}}spanGrp"
_SPAN = f"{{{TEI_NS}}}span"
_BLOCK = f"{{{TEI_NS}}}annotationBlock"

Placer = Callable[[etree._Element], tuple[int | None, int | None]]


def unshown_annotations(root: etree._Element, place: Placer, shown: str) -> list[Diagnostic]:
    """One warning for the ``spanGrp`` annotations with words in the text (its ``text``
    element, outside an ``annotationBlock``), placed at the first group: how many spans,
    in how many groups, of which types."""
    groups = [
        group
        for group in root.iter(_GROUP)
        if _in_text(group) and any(_worded(span) for span in group.iter(_SPAN))
    ]
    if not groups:
        return []
    spans = sum(1 for group in groups for span in group.iter(_SPAN) if _worded(span))
    types = sorted({t for group in groups for t in (group.get("type") or "").split()})
    kinds = f" ({', '.join(types[:3])}{', ...' if len(types) > 3 else ''})" if types else ""
    line, column = place(groups[0])
    count = f"{len(groups)} spanGrp" + ("s" if len(groups) > 1 else "")
    return [
        diag.warning(
            shown,
            "build.unshown-annotation",
            f"the words of {spans} span annotation{'s' if spans > 1 else ''} in {count}{kinds} "
            "are not shown: a span is the annotation of the passage it points at (stand-off "
            "markup, TEI 17.3), not text of the edition; to publish them, render spanGrp with "
            "a stylesheet of your own ([tool.edition] xslt: docs/customising.md)",
            line or 0,
            column,
            origin=_ORIGIN,
        )
    ]


def _in_text(group: etree._Element) -> bool:
    tags = {a.tag for a in group.iterancestors()}
    return _TEXT in tags and _BLOCK not in tags


def _worded(span: etree._Element) -> bool:
    return bool("".join(span.itertext()).strip())
