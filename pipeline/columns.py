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

A diagnostic about an attribute is placed at the attribute, on its own line: a start tag
written over several lines has, for libxml2 and jing, the line where it ends
(``StartTags.attribute_place``); a diagnostic about an element, at the "<" of its start tag
(``StartTags.element_place``). The reference checker works from facts (ids and pointers
with their lines) gathered in the workers; its few diagnostics find the attribute they are
about in the lines of the file (``attribute_place``), as the index's diagnostics about
register entries, copied in the workers with their lines alone, find the entry's start tag
(``start_tag_place``). An ``<?xml-model?>`` is found among the prolog's instructions, read
no further than the root's start tag (``instruction_place``).
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import functools
import html
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote

from lxml import etree

from .diagnostics import Diagnostic
from .escapes import percent_decoded

if TYPE_CHECKING:
    from .gate import SourceDocument

_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|</"
    r"|<([^\s/>!?][^\s/>]*)",
    re.S,
)
#: The rest of a start tag after its name: its attributes (a value may hold ">"), its end.
_TAG_REST = re.compile(r"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_PLACE = etree.XPath("count(ancestor::*) + count(preceding::*)")
#: Diagnostics of one document placed by counting before its elements are numbered once.
_ASKED_BEFORE_NUMBERING = 32
#: Elements a document may have to be numbered (a number each costs about 100 bytes).
_NUMBERED_AT_MOST = 500_000
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def decode(data: bytes, encoding: str | None = None) -> str | None:
    """The text of an XML file: by its byte order mark, else ``encoding``, else what its XML
    declaration names, else UTF-8; None when that is no encoding Python knows."""
    # UTF-32-LE's mark begins with UTF-16-LE's: looked for first (probe 155: a UTF-32 text
    # was read as UTF-16, every other character a NUL)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", "replace")
    else:
        if encoding is None:
            declared = _DECLARED.match(data)
            encoding = declared.group(1).decode("ascii") if declared else "utf-8"
        try:
            text = data.decode(encoding, "replace")
        except LookupError:
            return None
    # lines as the gate has the parser count them (gate._line_ends): a CR alone ends one
    return _LONE_CR.sub("\n", text) if "\r" in text else text


_LONE_CR = re.compile(r"\r(?!\n)")


class StartTags:
    """The start tags of one document's text, found as far as diagnostics ask."""

    def __init__(self, text: str | None, root: etree._Element) -> None:
        self._text = text
        self._root = root
        self._scan = _MARKUP.finditer(text) if text is not None else iter(())
        self._starts: list[tuple[int, str]] = []  # offset of "<", the name as written
        self._asked = 0
        self._ordinals: dict[etree._Element, int] | None = None
        self._newlines: list[int] | None = None

    def _line_of(self, offset: int) -> int:
        """The 1-based line of ``offset``: counting the newlines before it for each of
        thousands of diagnostics cost the square of a file's size."""
        if self._newlines is None:
            text = self._text or ""
            self._newlines = [m.start() for m in re.finditer("\n", text)]
        return bisect.bisect_left(self._newlines, offset) + 1

    def _ordinal(self, element: etree._Element) -> int:
        """``element``'s place in document order. Counted by libxml2 as far as the element
        for the first diagnostics (one in a novel's header must not cost a walk over the
        whole novel); a document asked about many times (10,000 warnings of one file, each
        counting the elements before it) is numbered once, when it is not too large to
        hold a number for each element."""
        self._asked += 1
        if self._ordinals is None and self._asked > _ASKED_BEFORE_NUMBERING:
            elements = self._root.iter(etree.Element)
            if next(itertools.islice(elements, _NUMBERED_AT_MOST, None), None) is None:
                self._ordinals = {e: n for n, e in enumerate(self._root.iter(etree.Element))}
            else:
                self._ordinals = {}  # too large: counted each time
        if self._ordinals:
            found = self._ordinals.get(element)
            if found is not None:
                return found
        return int(_PLACE(element))

    def column(self, element: etree._Element) -> int | None:
        """1-based column of ``element``'s start tag on its line (``sourceline``), or None."""
        offset = self._offset(element)
        if offset is None or self._text is None:
            return None
        return offset - (self._text.rfind("\n", 0, offset) + 1) + 1

    def element_place(self, element: etree._Element) -> tuple[int, int] | None:
        """Line and 1-based column where ``element``'s start tag begins, on whichever line
        that is: a tag written over several lines has, for libxml2 and jing, the line where
        it ends, and a scholar looks for its "<" (probe 39: the Davy notebooks write
        ``<hi xmlns:conf="..."`` and ``rend="underline">`` on the next line; an element there
        was reported at the second line without a column). None when the tag found is not
        surely the element's (``_tag``)."""
        tag = self._tag(element)
        text = self._text
        if tag is None or text is None:
            return None
        offset, _end, first = tag
        return first, offset - (text.rfind("\n", 0, offset) + 1) + 1

    def attribute_place(self, element: etree._Element, written: str) -> tuple[int, int] | None:
        """Line and 1-based column of the attribute ``written`` in ``element``'s start tag,
        wherever in the tag it stands: a tag written over several lines has, as libxml2
        records it, the line where it ends, and a scholar looks for the attribute on its own
        line (jing points at the tag's end). None when the tag or the attribute is not
        found where the tree says the tag is."""
        tag = self._tag(element)
        text = self._text
        if tag is None or text is None:
            return None
        offset, end, first = tag
        for found in _ATTRIBUTE.finditer(text, end.start(), end.end()):
            if found.group(1) == written:
                at = found.start(1)
                line = first + text.count("\n", offset, at)
                return line, at - (text.rfind("\n", 0, at) + 1) + 1
        return None

    def text_place(self, element: etree._Element, tail: bool) -> tuple[int, int] | None:
        """Line and 1-based column of the first character (not white space) of ``element``'s
        text, or of its tail (the text after its end tag), where a diagnostic about text
        that stands where none is allowed points; None when it cannot be told for sure."""
        tag = self._tag(element)
        text = self._text
        if tag is None or text is None:
            return None
        offset, end, first = tag
        after: int | None = end.end()
        if tail and not end.group().endswith("/>"):
            after = self._end_of_element(end.end())
        written = element.tail if tail else element.text
        if after is None or not written or not written.strip():
            return None
        at = after
        while at < len(text) and text[at].isspace():
            at += 1
        # the words the tree holds begin here (an entity reference or a CDATA section may
        # stand for them: no place rather than a wrong one)
        if text[at : at + 1] != written.strip()[:1]:
            return None
        line = first + text.count("\n", offset, at)
        return line, at - (text.rfind("\n", 0, at) + 1) + 1

    def _tag(self, element: etree._Element) -> tuple[int, re.Match[str], int] | None:
        """``element``'s start tag: where it begins, the match of what follows its name (its
        attributes and its end), and its first line; None when the tag found there does
        not end (as libxml2 gives a tag's line) or begin on the element's line."""
        begun = self._begin(element)
        text = self._text
        if begun is None or text is None:
            return None
        offset, name = begun
        end = _TAG_REST.match(text, offset + 1 + len(name))
        if end is None:
            return None
        first = self._line_of(offset)
        if element.sourceline not in (first, first + text.count("\n", offset, end.end())):
            return None
        return offset, end, first

    def _end_of_element(self, inside: int) -> int | None:
        """Where the element whose start tag ends at ``inside`` ends (after its end tag)."""
        text = self._text or ""
        depth = 1
        for found in _MARKUP.finditer(text, inside):
            if found.group(1) is not None:
                rest = _TAG_REST.match(text, found.end())
                if rest is None:
                    return None
                if not rest.group().endswith("/>"):
                    depth += 1
            elif found.group() == "</":
                depth -= 1
                if depth == 0:
                    close = text.find(">", found.end())
                    return None if close < 0 else close + 1
        return None

    def _offset(self, element: etree._Element) -> int | None:
        """Where ``element``'s start tag begins in the text, when it is on its line."""
        begun = self._begin(element)
        text = self._text
        if begun is None or text is None:
            return None
        offset = begun[0]
        if self._line_of(offset) != element.sourceline:
            return None  # a start tag over several lines: the line is where it ends
        return offset

    def _begin(self, element: etree._Element) -> tuple[int, str] | None:
        """Where ``element``'s start tag begins in the text, and its name as written."""
        text = self._text
        if text is None or not isinstance(element.tag, str):
            return None
        # its place in document order, counted by libxml2 as far as the element only: a
        # diagnostic in a novel's header must not cost a walk over the whole novel
        n = self._ordinal(element)
        while len(self._starts) <= n:
            match = next(self._scan, None)
            if match is None:
                return None
            if match.group(1) is not None:
                self._starts.append((match.start(), match.group(1)))
        offset, name = self._starts[n]
        if name.rpartition(":")[2] != etree.QName(element).localname:
            return None
        return offset, name


def written_name(element: etree._Element, attribute: str) -> str | None:
    """How a file writes the attribute of Clark name ``attribute`` on ``element``
    (``xml:id``, ``xlink:href``), or None when no prefix in scope names its namespace."""
    if not attribute.startswith("{"):
        return attribute
    ns, _, local = attribute[1:].partition("}")
    if ns == _XML_NS:
        return f"xml:{local}"
    prefix = next((p for p, uri in element.nsmap.items() if uri == ns and p), None)
    return None if prefix is None else f"{prefix}:{local}"


def attribute_column(
    path: str | Path, line: int | None, name: str, token: str, nth: int = 1
) -> int | None:
    """1-based column of the attribute ``name`` on ``line`` of the file at ``path`` whose
    value holds ``token`` (the ``nth`` such attribute of the line, else the first), or
    None."""
    lines = _file_lines(path)
    if not line or lines is None or line > len(lines):
        return None
    values = _values(lines[line - 1], name)
    found = values.columns(token) or [v.column for v in values.all if token in v.value]
    if found:
        return found[nth - 1] if nth <= len(found) else found[0]
    return None


class _Value(NamedTuple):
    """An attribute's value on a line, and where its attribute begins."""

    column: int
    value: str


class _Values(NamedTuple):
    """The values of one attribute on a line, and the columns of those that hold each word:
    as written and percent-decoded, what follows each "#" of it (the id it names) and,
    apart, what follows each "/" (a file at a path's end: an id never is, probe 126:
    "#anna" was told at a ref="https://example.org/people/anna" before it)."""

    all: tuple[_Value, ...]
    words: dict[str, list[int]]
    files: dict[str, list[int]]

    def columns(self, token: str) -> list[int]:
        """The columns of the values that hold ``token`` as a word, in line order."""
        if not token:
            return []
        found = self.words.get(token, [])
        if token.lower().endswith(".xml"):
            found = sorted({*found, *self.files.get(token, [])})
        return found


@functools.lru_cache(maxsize=64)
def _values(written: str, name: str) -> _Values:
    """The values of the attribute ``name`` on the line ``written``, read once for all the
    problems told on the line: each problem's search read them all again, and a line of
    16,000 dangling pointers took 245 s to place (probe 136, the language server held)."""
    found = []
    words: dict[str, list[int]] = {}
    files: dict[str, list[int]] = {}
    # a value as the parser read it: "java&#x09;script:x" is two words (probe 83: its
    # "java" was found in the javascript: of another element before it on the line)
    for match in _attribute(name).finditer(written):
        column, value = match.start() + 1, _unescape(match.group(2))
        found.append(_Value(column, value))
        keys: set[str] = set()
        ends: set[str] = set()
        for word in value.split():
            # read as the checker reads it (runs of escapes that are no UTF-8 kept as written,
            # "#a%FF": probe 138, it was told at another value holding "a\ufffd"), and as
            # unquote reads it
            for form in {word, unquote(word), percent_decoded(word)}:
                keys.add(form)
                keys.update(form[i + 1 :] for i, c in enumerate(form) if c == "#")
                ends.update(form[i + 1 :] for i, c in enumerate(form) if c == "/")
        for key in keys:
            words.setdefault(key, []).append(column)
        for key in ends:
            files.setdefault(key, []).append(column)
    return _Values(tuple(found), words, files)


def _unescape(value: str) -> str:
    """An attribute value with its character references read (``&#x09;``, ``&amp;``)."""
    return html.unescape(value) if "&" in value else value


#: Lines above a diagnostic's line that may still belong to the start tag it names.
_LOOK_BACK = 50


def attribute_place(
    path: str | Path, line: int | None, name: str, token: str, nth: int = 1
) -> tuple[int | None, int | None]:
    """Line and 1-based column of the attribute ``name`` whose value holds ``token``:
    ``attribute_column`` on ``line``, else on an earlier line of the same start tag (a tag
    written over several lines is on the line where it ends); else ``line`` and no column."""
    column = attribute_column(path, line, name, token, nth)
    lines = _file_lines(path)
    if column is not None or not line or lines is None or line > len(lines):
        return line, column
    # the tag's last line holds no such attribute before its end, so its start is above
    if ">" not in lines[line - 1]:
        return line, None
    for as_word in (True, False):  # as a word of a value first, then anywhere in one
        for number in range(line - 1, max(0, line - 1 - _LOOK_BACK), -1):
            written = lines[number - 1]
            begins = written.rfind("<")  # the tag begins on this line: only its part counts
            start = max(begins, 0)
            values = _values(written[start:], name)
            held = (
                values.columns(token)
                if as_word
                else [v.column for v in values.all if token in v.value]
            )
            if held:
                return number, start + held[0]
            if begins >= 0:
                break
    return line, None


def token_place(
    path: str | Path, line: int | None, name: str, token: str, nth: int = 1
) -> tuple[int, int] | None:
    """Line and 1-based column of ``token`` (a pointer as written, or the id it names after
    "#") in a value of the attribute ``name`` written over several lines, in a start tag that
    ends on ``line`` (the ``nth`` such token there, else the first); None when that value is
    on one line (``attribute_place`` names the attribute then) or cannot be found:
    ``target="#a`` and ``#b #missing"`` on the next line was told at the line where the tag
    ends, with no column, though the token stands elsewhere (docs/known-gaps.md)."""
    lines = _file_lines(path)
    if not line or lines is None or line > len(lines):
        return None
    above = lines[line - 2] if line > 1 else ">"
    if above.rfind(">") > above.rfind("<"):
        # no tag runs into the line from above (the common case), so no value ending there
        # spreads over lines: scanning the tags of the fifty lines above for each of 60,000
        # dangling pointers took 18 s
        return None
    first = max(1, line - _LOOK_BACK)
    text = "\n".join(lines[first - 1 : line])
    ends_from = len(text) - len(lines[line - 1])  # the tag's ">" is on the window's last line
    found: list[tuple[int, bool]] = []  # where each matching token is; its value's lines > 1
    for tag in re.finditer(r"<[^\s/>!?][^\s/>]*", text):
        rest = _TAG_REST.match(text, tag.end())
        if rest is None or rest.end() <= ends_from:
            continue
        for attribute in _ATTRIBUTE.finditer(text, rest.start(), rest.end()):
            if attribute.group(1) != name:
                continue
            value = attribute.group().partition("=")[2].lstrip()
            at = attribute.end() - len(value) + 1
            for word in re.finditer(r"\S+", value[1:-1]):
                if word.group() == token or any(
                    f.endswith("#" + token)
                    for f in (unquote(word.group()), percent_decoded(word.group()))
                ):
                    found.append((at + word.start(), "\n" in value))
    if not found:
        return None
    at, spread = found[nth - 1] if nth <= len(found) else found[0]
    if not spread:
        return None
    return first + text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1) + 1


def _attribute(name: str) -> re.Pattern[str]:
    """The attribute ``name`` written with its value (the value's words: group 2)."""
    return re.compile(r"(?<![\w:.-])" + re.escape(name) + r"""\s*=\s*(["'])(.*?)\1""")


#: A file's text as an editor holds it, unsaved (``buffer``): its lines stand for the file's.
_BUFFER: ContextVar[tuple[str, list[str]] | None] = ContextVar("buffer", default=None)


@contextlib.contextmanager
def buffer(path: Path, text: str) -> Iterator[None]:
    """While the block runs, ``path``'s lines are those of ``text``: the language server's
    check of an unsaved buffer placed the reference problems by the file on the disk
    (probe 68: a whole line, or the column of the saved text)."""
    # (a CR alone ends a line, as decode has it for a file: probe 120)
    lone = _LONE_CR.sub("\n", text) if "\r" in text else text
    token = _BUFFER.set((str(path), lone.split("\n")))
    try:
        yield
    finally:
        _BUFFER.reset(token)


def _file_lines(path: str | Path) -> list[str] | None:
    """The lines of the file at ``path`` as it is now (as an editor holds it, in ``buffer``),
    or None when it cannot be read."""
    held = _BUFFER.get()
    if held is not None and held[0] == str(path):
        return held[1]
    try:
        stat = os.stat(path)
    except OSError:
        return None
    # keyed by the file's size and time too: an editor's session checks a file many times
    return _lines(str(path), stat.st_mtime_ns, stat.st_size)


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
    first = _first_unrendered(diagnostic, document, candidates)
    if first is not None:
        candidates = [first]
    elif len(candidates) != 1:
        return diagnostic
    else:
        # the one element of its name on the line: a start tag found by its place in the
        # tree is then surely its own, though the build moved elements (pipeline.reshape)
        local = etree.QName(candidates[0]).localname
        if sum(etree.QName(e).localname == local for e in on_line[diagnostic.line or 0]) != 1:
            return diagnostic
    # at the "<" of a start tag written over several lines, on the line it begins, as the
    # check places it (probe 120: the line where the tag ends, and no column)
    line, column = document.element_place(candidates[0])
    if column is None or line is None:
        return diagnostic
    return replace(diagnostic, line=line, column=column)


def _first_unrendered(
    diagnostic: Diagnostic, document: SourceDocument, candidates: list[etree._Element]
) -> etree._Element | None:
    """The element an ``html.unknown-element`` warning is about, among several of its name
    on the line: the warning is told of the first of that name in the document
    (fallback.xsl), whose start tag may end on a line another begins (probe 122)."""
    if diagnostic.code != "html.unknown-element" or len(candidates) < 2:
        return None
    named = _NAMED_ELEMENT.search(diagnostic.message)
    if named is None:
        return None
    first = first_named(document.root.iter(etree.Element), named.group(1) or named.group(2))
    return first if first is not None and any(first is c for c in candidates) else None


def first_named(elements: Iterable[etree._Element], name: str) -> etree._Element | None:
    """The first of ``elements`` whose name is ``name`` as a message writes it (its prefix
    as the source wrote it, if any), else the first of its local name: an XHTML ``h:script``
    was taken for the ``svg:script`` a warning named (probe 173)."""
    local = name.rpartition(":")[2]
    alike: etree._Element | None = None
    for element in elements:
        if not isinstance(element.tag, str) or etree.QName(element).localname != local:
            continue
        written = f"{element.prefix}:{local}" if element.prefix else local
        if written == name:
            return element
        if alike is None:
            alike = element
    return alike


_INSTRUCTION = re.compile(r"<\?([^\s?]+)\s*(.*?)\?>", re.S)


def instruction_place(
    text: str | None,
    target: str,
    nth: int,
    node: etree._ProcessingInstruction,
    attribute: str | None = None,
    value: str | None = None,
) -> tuple[int, int] | None:
    """Line and 1-based column of the "<?" of the ``nth`` (from 0) processing instruction
    ``target`` before the root element's start tag, ``node`` in the tree, or of its
    pseudo-attribute ``attribute`` (written once, holding ``value``). The prolog alone is
    read. None unless the instruction found holds what ``node`` holds and ends on its line
    (libxml2 gives an instruction the line where it ends): a comment or a DOCTYPE the scan
    misreads gives no place rather than another instruction's."""
    if text is None:
        return None
    seen = 0
    for found in _MARKUP.finditer(text):
        if found.group(1) is not None:
            return None  # the root's start tag: the prolog is over
        written = _INSTRUCTION.match(text, found.start(), found.end())
        if written is None or written.end() != found.end() or written.group(1) != target:
            continue
        if seen < nth:
            seen += 1
            continue
        if (
            written.group(2) != (node.text or "")
            or node.sourceline != text.count("\n", 0, found.end()) + 1
        ):
            return None
        at = found.start()
        if attribute is not None:
            named = [
                a
                for a in _ATTRIBUTE.finditer(text, written.start(2), written.end(2))
                if a.group(1) == attribute
            ]
            if len(named) != 1 or named[0].group().partition("=")[2].strip()[1:-1] != value:
                return None
            at = named[0].start(1)
        return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    return None


def start_tag_place(
    path: str | Path, line: int | None, local: str, ident: str | None
) -> tuple[int, int] | None:
    """Line and 1-based column of the "<" of the start tag that ends on ``line`` of the file
    at ``path`` (as libxml2 gives an element's line), of local name ``local`` and with the
    ``xml:id`` ``ident`` (none when None): where a register entry a worker copied was written
    (``stages.ListsSource``). None unless exactly one such tag ends there."""
    lines = _file_lines(path)
    if not line or lines is None or line > len(lines):
        return None
    above = lines[line - 2] if line > 1 else ">"
    # when no tag runs into the line from above, the tags that end there begin there
    first = line if above.rfind(">") > above.rfind("<") else max(1, line - _LOOK_BACK)
    text = "\n".join(lines[first - 1 : line])
    ends_from = len(text) - len(lines[line - 1])
    found: list[int] = []
    for tag in re.finditer(r"<([^\s/>!?][^\s/>]*)", text):
        if tag.group(1).rpartition(":")[2] != local:
            continue
        rest = _TAG_REST.match(text, tag.end())
        if rest is None or rest.end() <= ends_from:
            continue
        ids = [
            a.group().partition("=")[2].strip()[1:-1].strip()
            for a in _ATTRIBUTE.finditer(text, rest.start(), rest.end())
            if a.group(1) == "xml:id"
        ]
        written = (ids[0] or None) if len(ids) == 1 else None
        if len(ids) <= 1 and written == (ident or None):
            found.append(tag.start())
    if len(found) != 1:
        return None
    at = found[0]
    return first + text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1) + 1
