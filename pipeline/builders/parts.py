"""Long texts on several pages: how big a reading page may grow, and the pages of a split text.

A text whose reading page would weigh more than ``[tool.edition] page-size`` kilobytes is split
by ``xslt/html/modules/parts.xsl`` (the plan of ``xslt/common/plan.xsl``) into a contents page
``<stem>.html`` and one page per part, ``<stem>-1.html``, ``<stem>-2.html`` ... The entity index
(``xslt/index/entities.xsl``) computes the same plan from the same parameters, so each name and
date of the index links to the page it is on. The page stylesheet hands the pages back as one
HTML output, each page after a comment ``<!--ed:page NAME-->``; ``split_output`` cuts it apart
and points each link to an id that is on another page of the text at that page.
"""

from __future__ import annotations

import bisect
import html as html_lib
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote

from ..xslt import ParamValue

#: Kilobytes of HTML a reading page may have before its text is split (``page-size``).
DEFAULT_PAGE_SIZE = 200
_MARK = re.compile(r"<!--ed:page ([^\s>]+)-->(?=<!DOCTYPE HTML>|<html[\s>])")
_DOCTYPE = "<!DOCTYPE HTML>"
#: Start tags as the HTML serialiser writes them: attribute values double-quoted with '"'
#: escaped, and '<' escaped in text, so a match can only begin at a real tag, or inside a
#: script, a style or a comment (``_raw``), where what looks like a tag is none.
_TAG_START = r'<[A-Za-z][^\s/>]*(?:\s+[^\s"=/>]+(?:="[^"]*")?)*?\s+'
_ID = re.compile(_TAG_START + r'id="([^"]*)"')
_LOCAL_HREF = re.compile("(" + _TAG_START + r'href=")#([^"]*)"')
_RAW_START = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_RAW_END = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}
_AMPERSAND = re.compile(r"&(?!\{)")
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
    # without case: a case-insensitive file system writes ``A-2.html`` over ``a-2.html``
    names = {stem.casefold() for stem in stems}
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
    """The pages of a split text as (file name, HTML), each link to an id on another of its
    pages pointing at that page; None for one ordinary page."""
    if not output.startswith("<!--ed:page "):
        return None
    marks = list(_MARK.finditer(output))
    pages = []
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following is not None else len(output)
        html = output[mark.end() : end]
        # the serialiser writes the doctype once, before the first page's root
        pages.append((mark.group(1), html if html.startswith(_DOCTYPE) else _DOCTYPE + html))
    return _relinked(pages)


def _relinked(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``href="#x"`` becomes ``href="<page>#x"`` when ``x`` is not on the link's own page but
    on another page of the text (the first of them, in the order of the pages)."""
    raw = [_raw(html) for _, html in pages]
    ids = [
        {_escaped_id(m.group(1)) for m in _ID.finditer(html) if not _inside(m.start(), spans)}
        for (_, html), spans in zip(pages, raw, strict=True)
    ]
    where: dict[str, str] = {}
    for (name, _), found in zip(pages, ids, strict=True):
        for value in sorted(found):
            where.setdefault(value, name)
    relinked = []
    for (name, html), spans, here in zip(pages, raw, ids, strict=True):

        def link(
            match: re.Match[str],
            name: str = name,
            here: set[str] = here,
            spans: list[tuple[int, int]] = spans,
        ) -> str:
            target = match.group(2)
            there = where.get(target)
            if there is None or there == name or target in here or _inside(match.start(), spans):
                return match.group()
            return f'{match.group(1)}{_href_escaped(there)}#{target}"'

        relinked.append((name, _LOCAL_HREF.sub(link, html)))
    return _with_forwarding(relinked, where)


#: Above this size the contents page's map of a split text's ids keeps only the divisions and
#: pages (a text with an xml:id on every word would otherwise weigh on its contents page).
_MAX_MAP_BYTES = 200_000
_PART_IDS = '<script type="application/json" id="ed-part-ids">'


def _with_forwarding(pages: list[tuple[str, str]], where: dict[str, str]) -> list[tuple[str, str]]:
    """The contents page (the first) with the map edition.js reads to send an address of
    the text's single page (``stem.html#div-3-p-2``, saved before the text was split, or
    made by hand) on to the part that holds the id: the ids that open each part's scopes, as
    the locators derive an id from the one it lies in (``div-3`` stands for ``div-3-p-2``),
    and every id no such prefix accounts for (an element's own ``xml:id``)."""
    contents, html = pages[0]
    roots: dict[str, str] = {}
    # the ids as written, not as in an href (%-encoded, with HTML's escapes)
    named = sorted(
        (v if "%" not in v and "&" not in v else unquote(html_lib.unescape(v)), page)
        for v, page in where.items()
        if page != contents
    )
    for value, page in named:
        if _scope_page(value, roots) != page:
            roots[value] = page
    if len(roots) * 24 > _MAX_MAP_BYTES:
        roots = {k: v for k, v in roots.items() if k.startswith(("div-", "p-", "pb-"))}
    if not roots or "</body>" not in html:
        return pages
    data = json.dumps(roots, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    script = _PART_IDS + data.replace("</", "<\\/") + "</script>"
    at = html.rindex("</body>")
    return [(contents, html[:at] + script + html[at:]), *pages[1:]]


def _scope_page(value: str, roots: dict[str, str]) -> str | None:
    """The page of the longest id in ``roots`` that ``value`` continues (``div-3`` for
    ``div-3-p-2`` and ``div-3.1``), if any."""
    end = len(value)
    while (cut := max(value.rfind("-", 0, end), value.rfind(".", 0, end))) > 0:
        found = roots.get(value[:cut])
        if found is not None:
            return found
        end = cut
    return None


#: A link a TEI ``ref`` or ``ptr`` made to an id of its own text (``r:target-href``), or a
#: name to an element of its own text (``ed:local``, class ``local``): its target, its other
#: attributes (the class among them), its content.
_POINTER_LINK = re.compile(r'<a href="#([^"]*)"((?:\s+[^\s"=/>]+="[^"]*")*)>(.*?)</a>', re.DOTALL)
_POINTER_CLASS = re.compile(r'\sclass="(?:(ref|ptr|locus)[ "]|name [^"]*\blocal\b)')


def without_dead_links(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``pages`` (a text's, in order) with each pointer to an id that none of them shows (an
    entry of the header the page does not render, a witness list left out) as its words
    without a link: a link must lead somewhere. A ``ptr`` keeps its address as words, a name
    (``ed:local``) its id and class."""
    if not any(
        'class="ref' in html or 'class="ptr' in html or 'class="locus' in html or " local" in html
        for _, html in pages
    ):
        return pages  # most texts: no pointer at all, no page read twice
    ids: set[str] = set()
    for _, html in pages:
        spans = _raw(html)
        ids.update(_escaped_id(m.group(1)) for m in _ID.finditer(html)
                   if not _inside(m.start(), spans))  # fmt: skip

    def unlink(match: re.Match[str]) -> str:
        kind = _POINTER_CLASS.search(match.group(2))
        if kind is None or match.group(1) in ids:
            return match.group()
        if kind.group(1) == "ptr":
            return f'<span class="ptr unresolved">{match.group(3)}</span>'
        return f"<span{match.group(2)}>{match.group(3)}</span>"

    return [(name, _POINTER_LINK.sub(unlink, html)) for name, html in pages]


def _raw(html: str) -> list[tuple[int, int]]:
    """Where a page's scripts, styles and comments are (start, end), in order."""
    spans = []
    found = _RAW_START.search(html)
    while found is not None:
        # an attribute's value may hold "<script" or "<!--" as words (a register's name in a
        # card button's label: the serialiser escapes '>' there, not '<'), and text never
        # holds '<': a start after the last '>' with a '<' between is inside a tag. Taken
        # for a script, it hid every id after it, and the links to them lost their targets
        # (probe 63: a name "<script>" unlinked the page's cross-references to footnotes)
        if "<" in html[html.rfind(">", 0, found.start()) + 1 : found.start()]:
            found = _RAW_START.search(html, found.end())
            continue
        if found.group(1):
            closing = _RAW_END[found.group(1).lower()].search(html, found.end())
            end = closing.end() if closing else len(html)
        else:
            closing_at = html.find("-->", found.end())
            end = closing_at + 3 if closing_at >= 0 else len(html)
        spans.append((found.start(), end))
        found = _RAW_START.search(html, end)
    return spans


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    at = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return at >= 0 and spans[at][0] <= offset < spans[at][1]


def _escaped_id(value: str) -> str:
    """An id as the serialiser writes it in ``href="#..."``: the same attribute escapes, and
    the characters outside printable ASCII %-encoded (``escape-uri-attributes``)."""
    return _href_escaped(html_lib.unescape(value))


def _href_escaped(raw: str) -> str:
    """``raw`` as the HTML serialiser writes it in an ``href``: UTF-8 %-encoded outside
    printable ASCII, then '&' (unless before '{'), '"' and '>' escaped."""
    encoded = "".join(c if " " <= c <= "~" else quote(c, safe="") for c in raw)
    return _AMPERSAND.sub("&amp;", encoded).replace('"', "&#34;").replace(">", "&gt;")
