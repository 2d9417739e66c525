"""Long texts on several pages: how big a reading page may grow, and the pages of a split text.

A text whose reading page would weigh more than ``[tool.edition] page-size`` kilobytes is split
by ``xslt/html/modules/parts.xsl`` (the plan of ``xslt/common/plan.xsl``) into a contents page
``<stem>.html`` and one page per part, ``<stem>-1.html``, ``<stem>-2.html`` ... The entity index
(``xslt/index/entities.xsl``) computes the same plan from the same parameters, so each name and
date of the index links to the page it is on. The page stylesheet hands the pages back as one
text, each page after a line ``<!--ed:page NAME-->``; ``split_output`` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..xslt import ParamValue

#: Kilobytes of HTML a reading page may have before its text is split (``page-size``).
DEFAULT_PAGE_SIZE = 200
_MARK = re.compile(r"<!--ed:page ([^\s>]+)-->\n(?=<!DOCTYPE)", re.IGNORECASE)
_DIGITS = re.compile(r"\d+$")


@dataclass(frozen=True)
class Paging:
    """The size above which a text is split, and how its parts' files are named."""

    #: Estimated characters of HTML per page (0: never split).
    chars: int
    #: Between a text's stem and its part's number: ``-`` unless a text is named like a part.
    separator: str = "-"

    def params(self) -> dict[str, ParamValue]:
        """The parameters of the page and index stylesheets (parts.xsl, entities.xsl)."""
        return {"page-chars": self.chars, "part-separator": self.separator}


def paging(stems: Iterable[str], page_size: int = DEFAULT_PAGE_SIZE) -> Paging:
    """The paging of an edition of texts named ``stems``; ``page_size`` in kilobytes."""
    return Paging(max(page_size, 0) * 1000, part_separator(stems))


def part_separator(stems: Iterable[str]) -> str:
    """``-``, or ``--`` ... when a text is named like a part of another (``a`` and ``a-2``),
    so that no page of one text is ever written over another's."""
    names = set(stems)
    separator = "-"
    while any(_clashes(name, separator, names) for name in names):
        separator += "-"
    return separator


def _clashes(name: str, separator: str, names: set[str]) -> bool:
    digits = _DIGITS.search(name)
    if digits is None:
        return False
    rest = name[: digits.start()]
    return rest.endswith(separator) and rest[: -len(separator)] in names


def paging_params(params: Mapping[str, ParamValue]) -> dict[str, ParamValue]:
    """The paging parameters among a page's parameters (for the index of the same build)."""
    return {k: params[k] for k in ("page-chars", "part-separator") if k in params}


def split_output(output: str) -> list[tuple[str, str]] | None:
    """The pages of a split text as (file name, HTML); None for one ordinary page."""
    if not output.startswith("<!--ed:page "):
        return None
    marks = list(_MARK.finditer(output))
    pages = []
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following is not None else len(output)
        pages.append((mark.group(1), output[mark.end() : end]))
    return pages
