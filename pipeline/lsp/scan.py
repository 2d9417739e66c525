"""The markup around a cursor, read from a buffer that need not be well-formed.

``context_at(text, offset)`` reads the text before the cursor once, tag by tag (comments,
CDATA sections, processing instructions and the DOCTYPE are skipped whole): the elements
open at the cursor with their namespaces and the children already closed inside the
innermost, and what is being typed (an element name after ``<``, a closing tag, an
attribute name, or an attribute value). ``tag_at(text, offset)`` reads the start tag the
cursor stands in, with the attribute value under it, for hover and go-to-definition.
Namespaces follow the ``xmlns`` declarations in scope, so names are Clark pairs
``(namespace, local)`` as the grammar model asks for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

XML_NS = "http://www.w3.org/XML/1998/namespace"

# One piece of markup: a comment, CDATA, a PI, a DOCTYPE, an end tag or a start tag.
_MARKUP = re.compile(
    r"<(?:!--.*?-->"
    r"|!\[CDATA\[.*?\]\]>"
    r"|\?.*?\?>"
    r"|!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|/([^\s>]+)\s*>"
    r"|([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_NAME_CHARS = re.compile(r"[^\s<>/=\"']*$")


@dataclass
class Open:
    """An element open at the cursor."""

    qname: str
    ns: str
    local: str
    attributes: dict[str, str]
    namespaces: dict[str, str]  # prefix ("" for the default) -> namespace, in scope here
    start: int  # offset of its ``<``
    children: list[tuple[str, str]] = field(default_factory=list)  # closed ones, in order


@dataclass(frozen=True)
class Context:
    """What the cursor is in.

    ``kind``: ``text`` (content), ``element`` (a name after ``<``), ``end`` (after ``</``),
    ``attribute`` (an attribute name inside a start tag), ``value`` (inside a quoted
    attribute value) or ``other`` (a comment, a PI, CDATA). ``prefix`` is what is typed
    of the word being completed, starting at offset ``start``.
    """

    kind: str
    stack: tuple[Open, ...]
    prefix: str = ""
    start: int = 0
    tag: str = ""  # the element whose start tag is being written (attribute, value)
    attribute: str = ""  # the attribute whose value is being written
    present: tuple[str, ...] = ()  # the attributes the tag already has
    namespaces: dict[str, str] = field(default_factory=dict)

    @property
    def parent(self) -> Open | None:
        return self.stack[-1] if self.stack else None


def _namespaces(attributes: dict[str, str], inherited: dict[str, str]) -> dict[str, str]:
    declared = {
        (k[6:] if k.startswith("xmlns:") else ""): v
        for k, v in attributes.items()
        if k == "xmlns" or k.startswith("xmlns:")
    }
    return {**inherited, **declared} if declared else inherited


def attributes_of(raw: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3) or ""
        for m in _ATTRIBUTE.finditer(raw)
    }


def clark(qname: str, namespaces: dict[str, str], attribute: bool = False) -> tuple[str, str]:
    """``(namespace, local)`` of a name as written; attributes without prefix have none."""
    prefix, _, local = qname.rpartition(":")
    if prefix == "xml":
        return XML_NS, local
    if not prefix:
        return ("" if attribute else namespaces.get("", "")), local
    return namespaces.get(prefix, ""), local


def _open(stack: list[Open], qname: str, raw: str, start: int) -> Open:
    attributes = attributes_of(raw) if raw else {}
    inherited = stack[-1].namespaces if stack else {"xml": XML_NS}
    namespaces = _namespaces(attributes, inherited) if "xmlns" in raw else inherited
    ns, local = clark(qname, namespaces)
    return Open(qname, ns, local, attributes, namespaces, start)


def _close(stack: list[Open], qname: str) -> None:
    """Close the innermost element of that name (and what is left open inside it)."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].qname == qname:
            closed = stack[depth]
            del stack[depth:]
            if stack:
                stack[-1].children.append((closed.ns, closed.local))
            return


def context_at(text: str, offset: int) -> Context:
    stack: list[Open] = []
    end = 0
    for match in _MARKUP.finditer(text, 0, offset):
        end = match.end()
        closing, opening = match.group(1), match.group(2)
        if closing is not None:
            _close(stack, closing)
        elif opening is not None:
            element = _open(stack, opening, match.group(3), match.start())
            if match.group(4):
                if stack:
                    stack[-1].children.append((element.ns, element.local))
            else:
                stack.append(element)
    tail_start = text.find("<", end, offset)
    frozen = tuple(stack)
    if tail_start < 0:
        return Context("text", frozen, start=offset)
    return _partial(text[tail_start:offset], tail_start, frozen)


def _partial(tail: str, at: int, stack: tuple[Open, ...]) -> Context:
    """The context inside an unfinished piece of markup ``tail`` (from its ``<``)."""
    if tail.startswith(("<!", "<?")):
        return Context("other", stack)
    if tail.startswith("</"):
        return Context("end", stack, tail[2:].strip(), at + 2)
    name_match = re.match(r"<([^\s/>]*)", tail)
    assert name_match is not None
    name = name_match.group(1)
    rest = tail[name_match.end() :]
    if not rest:
        return Context("element", stack, name, at + 1)
    inherited = stack[-1].namespaces if stack else {"xml": XML_NS}
    complete = attributes_of(rest)
    namespaces = _namespaces(complete, inherited)
    present = tuple(complete)
    opened = _open_quote(rest)
    if opened >= 0:
        named = re.search(r"([^\s=/>]+)\s*=\s*$", rest[:opened])
        if named is None:
            return Context("other", stack)
        value = rest[opened + 1 :]
        token = "" if not value or value[-1].isspace() else value.split()[-1]
        return Context(
            "value",
            stack,
            token,
            at + len(tail) - len(token),
            name,
            named.group(1),
            present,
            namespaces,
        )
    typed = _NAME_CHARS.search(rest)
    word = typed.group(0) if typed else ""
    before = rest[: len(rest) - len(word)]
    if not before[-1:].isspace():
        return Context("other", stack)  # right after a value's closing quote
    return Context(
        "attribute", stack, word, at + len(tail) - len(word), name, "", present, namespaces
    )


def _open_quote(rest: str) -> int:
    """The index of the quote that opens a value still open at the end of ``rest``, or -1."""
    quote, opened = "", -1
    for index, char in enumerate(rest):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote, opened = char, index
    return opened if quote else -1


@dataclass(frozen=True)
class TagAt:
    """The start tag under the cursor: its name, attributes, and the value token there."""

    name: str
    start: int  # offset of ``<``
    attributes: dict[str, str]
    attribute: str = ""  # the attribute whose value holds the cursor
    token: str = ""  # the whitespace-separated token of that value under the cursor
    token_start: int = 0


def tag_at(text: str, offset: int) -> TagAt | None:
    """The start tag holding ``offset``, or None when the cursor is not in one."""
    lt = text.rfind("<", 0, offset + 1)
    if lt < 0 or lt + 1 >= len(text) or text[lt + 1] in "/!?":
        return None
    gt = text.find(">", lt)
    if gt < 0 or gt < offset:
        return None
    raw = text[lt : gt + 1]
    name_match = re.match(r"<([^\s/>]+)", raw)
    if name_match is None:
        return None
    attributes: dict[str, str] = {}
    found_attribute, token, token_start = "", "", 0
    for match in _ATTRIBUTE.finditer(raw):
        group = 2 if match.group(2) is not None else 3
        value = match.group(group) or ""
        attributes[match.group(1)] = value
        begin = lt + match.start(group)
        if begin <= offset <= lt + match.end(group):
            found_attribute = match.group(1)
            for part in re.finditer(r"\S+", value):
                if begin + part.start() <= offset <= begin + part.end():
                    token, token_start = part.group(0), begin + part.start()
    return TagAt(name_match.group(1), lt, attributes, found_attribute, token, token_start)


TEI_NS = "http://www.tei-c.org/ns/1.0"
#: The files the server checks as TEI by their name (a schema, a stylesheet, a page of
#: notes are not checked: probe 68 saw the edition's own schema told "expected TEI").
TEI_SUFFIXES = (".xml", ".tei", ".odd")


def is_tei(name: str, text: str) -> bool:
    """Whether a buffer is a TEI document to check: named ``*.xml`` (``TEI_SUFFIXES``),
    and its root element a ``TEI`` or ``teiCorpus``, or in the TEI namespace (a part
    included into a text). A buffer whose root cannot be read yet (being typed, not
    well-formed before it) is checked: what is wrong with it is what its author needs."""
    if not name.lower().endswith(TEI_SUFFIXES):
        return False
    end = 0
    for found in _MARKUP.finditer(text, 0, min(len(text), 65536)):
        if "<" in text[end : found.start()]:
            return True  # markup before it that cannot be read: the root is being typed
        end = found.end()
        qname = found.group(2)
        if qname is None:
            continue  # a comment, a PI, a DOCTYPE before the root
        if "<" in qname:
            return True
        namespace, local = clark(qname, _namespaces(attributes_of(found.group(3) or ""), {}))
        return local in ("TEI", "teiCorpus") or namespace == TEI_NS
    return True
