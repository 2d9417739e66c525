"""A text whose words its reading page does not show: the build's warning.

source tree of one text + the page files rendered from it -> at most one ``build.blank-page``
warning.

The page leaves out what the Guidelines call interpretation or apparatus of the encoding
(``interp``, a ``span`` standing alone, forme work held apart, ...). A text whose words are
all of that kind published a page of its title alone, and the build said nothing (probe 135:
a body whose only words were a ``span``). Every word of a source missing from its page is
more than a short check can tell; a page without any word, from a text that has some, is
not, and it is what a scholar publishing an unfamiliar encoding meets first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..gate import SourceDocument

#: Where the text's own words begin on a page, and where they end: the header above (title,
#: links) and the citation below are the page's, not the text's.
_TEXT_STARTS = 'class="tei-text"'
_TEXT_ENDS = "</article>"
#: A text node of the page's markup that shows something: any character but white space
#: between a tag's end and the next tag.
_SHOWN = re.compile(r">[^<]*?[^\s<]")
#: How many element names the warning lists as holding the words.
_NAMED = 3


def blank_page(document: SourceDocument, text: etree._Element | None,
               pages: Sequence[tuple[str, str]]) -> Diagnostic | None:  # fmt: skip
    """The warning for a text that has words and a page that shows none of them; None when
    the page shows some, when the text has none, or when no page file holds a text part (a
    page made by a customised stylesheet: nothing to compare)."""
    regions = [r for r in (_text_region(html) for _, html in pages) if r is not None]
    if not regions or any(_SHOWN.search(r) for r in regions) or text is None:
        return None
    holders = _holders(text)
    if not holders:
        return None
    line, column = document.element_place(text)
    named = ", ".join(f"<{n}>" for n in holders[:_NAMED])
    more = " and others" if len(holders) > _NAMED else ""
    message = (
        f"no word of this text is on its reading page: its words are all in {named}{more}, "
        "which the page does not show (interpretation, forme work or other apparatus of the "
        "encoding); mark the running text up as the Guidelines' text elements (p, ab, l, "
        "seg, ...) to publish it"
    )
    return diag.warning(document.display, "build.blank-page", message, line or 0, column,
                        origin="html")  # fmt: skip


def _text_region(html: str) -> str | None:
    start = html.find(_TEXT_STARTS)
    if start < 0:
        return None
    # the rest of the opening tag is no text: the search starts after its '>'
    start = html.find(">", start)
    end = html.find(_TEXT_ENDS, start)
    region = html[start : end if end >= 0 else len(html)]
    # a no-break space shows nothing either, however it is written (probe 143)
    return _NO_BREAK.sub(" ", region) if "&" in region else region


_NO_BREAK = re.compile(r"&(?:nbsp|#160|#[xX][aA]0);")


def _holders(text: etree._Element) -> list[str]:
    """The local names of the elements whose own text has words, in document order, each
    once (comments and processing instructions are no words). A walk of the tree: an XPath
    of all its text nodes gave up past ten million nodes (probe 166)."""
    names: dict[str, None] = {}
    for event, node in etree.iterwalk(text, events=("start", "end")):
        if event == "start":
            # an element's own first words; a comment's or an instruction's are none
            holder, words = (node, node.text) if isinstance(node.tag, str) else (None, None)
        else:
            # a tail is its element's parent's text (the text's own tail is not its words)
            holder, words = (node.getparent(), node.tail) if node is not text else (None, None)
        if holder is not None and words and words.strip(" \t\r\n") and isinstance(holder.tag, str):
            names.setdefault(etree.QName(holder).localname, None)
    return list(names)
