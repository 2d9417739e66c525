"""Columns for diagnostics: where an element's start tag or an attribute begins on its line.

lxml gives an element's line (the line its start tag ends on, as libxml2 records it) and no
column, while diagnostics say ``file:line:col``. The n-th element of a document in document
order is the n-th start tag of its text, so when a diagnostic needs a column the text is
scanned for start tags (comments, CDATA sections, processing instructions and the DOCTYPE
skipped) as far as that element, once per document however many diagnostics it has. A start
tag that does not begin on the element's line, or a name that does not match (an entity
that expands to markup), gives no column: a wrong column is worse than none.

The build's warnings about a text (a link that leads nowhere, an element without rendering,
a missing image) name a line: ``placed`` gives them the column of the element they are about
when one element alone can be meant.

The reference checker works from facts (ids and pointers with their lines) gathered in the
workers; its few diagnostics find the column of the attribute they are about in the line of
the file (``attribute_column``).
"""

from __future__ import annotations

import codecs
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from .gate import SourceDocument

_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|</"
    r"|<([^\s/>!?][^\s/>]*)",
    re.S,
)
_PLACE = etree.XPath("count(ancestor::*) + count(preceding::*)")
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def decode(data: bytes, encoding: str | None = None) -> str | None:
    """The text of an XML file: by its byte order mark, else ``encoding``, else what its XML
    declaration names, else UTF-8; None when that is no encoding Python knows."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if encoding is None:
        declared = _DECLARED.match(data)
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding, "replace")
    except LookupError:
        return None


class StartTags:
    """The start tags of one document's text, found as far as diagnostics ask."""

    def __init__(self, text: str | None, root: etree._Element) -> None:
        self._text = text
        self._root = root
        self._scan = _MARKUP.finditer(text) if text is not None else iter(())
        self._starts: list[tuple[int, str]] = []  # offset of "<", the name as written

    def column(self, element: etree._Element) -> int | None:
        """1-based column of ``element``'s start tag on its line (``sourceline``), or None."""
        offset = self._offset(element)
        if offset is None or self._text is None:
            return None
        return offset - (self._text.rfind("\n", 0, offset) + 1) + 1

    def attribute_column(self, element: etree._Element, written: str) -> int | None:
        """1-based column of the attribute ``written`` (its name as the file writes it:
        ``source``, ``xml:id``) in ``element``'s start tag, when it stands on the tag's first
        line; else None."""
        offset = self._offset(element)
        text = self._text
        if offset is None or text is None:
            return None
        line_start = text.rfind("\n", 0, offset) + 1
        ends = [e for e in (text.find(">", offset), text.find("\n", offset)) if e >= 0]
        pattern = re.compile(r"(?<![\w:.-])" + re.escape(written) + r"\s*=")
        found = pattern.search(text, offset, min(ends) if ends else len(text))
        return None if found is None else found.start() - line_start + 1

    def _offset(self, element: etree._Element) -> int | None:
        """Where ``element``'s start tag begins in the text, when it is on its line."""
        text = self._text
        if text is None or not isinstance(element.tag, str):
            return None
        # its place in document order, counted by libxml2 as far as the element only: a
        # diagnostic in a novel's header must not cost a walk over the whole novel
        n = int(_PLACE(element))
        while len(self._starts) <= n:
            match = next(self._scan, None)
            if match is None:
                return None
            if match.group(1) is not None:
                self._starts.append((match.start(), match.group(1)))
        offset, name = self._starts[n]
        if name.rpartition(":")[2] != etree.QName(element).localname:
            return None
        if text.count("\n", 0, offset) + 1 != element.sourceline:
            return None  # a start tag over several lines: the line is where it ends
        return offset


def attribute_column(
    path: str | Path, line: int | None, name: str, token: str, nth: int = 1
) -> int | None:
    """1-based column of the attribute ``name`` on ``line`` of the file at ``path`` whose
    value holds ``token`` (the ``nth`` such attribute of the line, else the first), or
    None."""
    if not line:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    # keyed by the file's size and time too: an editor's session checks a file many times
    lines = _lines(str(path), stat.st_mtime_ns, stat.st_size)
    if lines is None or line > len(lines):
        return None
    written = lines[line - 1]
    pattern = re.compile(r"(?<![\w:.-])" + re.escape(name) + r"""\s*=\s*(["'])(.*?)\1""")
    found = [m.start() + 1 for m in pattern.finditer(written) if token in m.group(2)]
    if not found:
        return None
    return found[nth - 1] if nth <= len(found) else found[0]


@functools.lru_cache(maxsize=8)
def _lines(path: str, mtime: int, size: int) -> list[str] | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    text = decode(data)
    return None if text is None else text.split("\n")


_NAMED_ELEMENT = re.compile(r"\belement <?([\w:.-]+)>?|<([\w:.-]+)>")
_NAMED_ATTRIBUTE = re.compile(r"@([\w:.-]+)")


def placed(found: Iterable[Diagnostic], document: SourceDocument) -> list[Diagnostic]:
    """The build's warnings about ``document`` with the column of the element each is about,
    where it can be told: the one element whose start tag is on the warning's line, or among
    several there the one the message names (``element blorp``, ``<ref>``) or whose attribute
    it names (``@target``). Any doubt leaves the column out, as a wrong column is worse."""
    found = list(found)
    if not any(_wants_column(d, document) for d in found):
        return found
    on_line: dict[int, list[etree._Element]] = {}
    for element in document.root.iter():
        if isinstance(element.tag, str) and isinstance(element.sourceline, int):
            on_line.setdefault(element.sourceline, []).append(element)
    return [_with_column(d, document, on_line) if _wants_column(d, document) else d for d in found]


def _wants_column(diagnostic: Diagnostic, document: SourceDocument) -> bool:
    return (
        diagnostic.column is None
        and diagnostic.line is not None
        and diagnostic.path == document.display
        and not document.parts
    )


def _with_column(
    diagnostic: Diagnostic,
    document: SourceDocument,
    on_line: dict[int, list[etree._Element]],
) -> Diagnostic:
    candidates = on_line.get(diagnostic.line or 0, [])
    if len(candidates) > 1:
        named = _NAMED_ELEMENT.search(diagnostic.message)
        if named is not None:
            local = (named.group(1) or named.group(2)).rpartition(":")[2]
            candidates = [e for e in candidates if etree.QName(e).localname == local]
        attribute = _NAMED_ATTRIBUTE.search(diagnostic.message)
        if len(candidates) > 1 and attribute is not None:
            name = attribute.group(1)
            if name.startswith("xml:"):
                name = "{http://www.w3.org/XML/1998/namespace}" + name[4:]
            candidates = [e for e in candidates if e.get(name) is not None]
    if len(candidates) != 1:
        return diagnostic
    # the one element of its name on the line: a start tag found by its place in the tree
    # is then surely its own, though the build moved elements (pipeline.reshape)
    local = etree.QName(candidates[0]).localname
    if sum(etree.QName(e).localname == local for e in on_line[diagnostic.line or 0]) != 1:
        return diagnostic
    column = document.column(candidates[0])
    return replace(diagnostic, column=column) if column is not None else diagnostic
