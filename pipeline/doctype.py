"""The gate's DOCTYPE policy: DTDs are declared, never fetched (DESIGN.md section 5 rule 1).

file bytes -> the prolog's ``<!DOCTYPE>`` read in Python -> a verdict the gate acts on:
- an external DTD (``SYSTEM``/``PUBLIC`` on the DOCTYPE) is not read: a warning
  ``gate.dtd-ignored``, and the external identifier is blanked out of the bytes handed to
  libxml2 (same length, so lines and columns stay right), because libxml2 2.14 loads the
  external subset whenever entities are substituted, whatever ``load_dtd`` says;
- the internal subset may declare general entities with literal values (expanded by libxml2
  within its amplification limits) and parameter entities whose replacement text declares
  only such general entities (as TEI's own test files do);
- anything that would read from outside is refused: an entity with ``SYSTEM``/``PUBLIC``
  (``gate.external-entity``), an external or otherwise unsafe parameter entity
  (``gate.parameter-entity``). Character references are expanded before a parameter
  entity's text is judged, so ``&#x53;YSTEM`` cannot smuggle a declaration through.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field

from lxml import etree

from . import diagnostics as diag
from .diagnostics import Diagnostic

_ORIGIN = "gate"
#: Parameter-entity replacement text we are willing to read, and references we follow.
MAX_PARAMETER_TEXT = 1_000_000
MAX_PARAMETER_REFERENCES = 1_000

_NAME = r"[A-Za-z_:\u00C0-\uFFFF][\w.:\-\u00B7\u00C0-\uFFFF]*"

_CHAR_REF = re.compile(r"&#(x[0-9A-Fa-f]+|[0-9]+);")
_DECL = re.compile(r"<!(ENTITY|ELEMENT|ATTLIST|NOTATION)\b")
_EXTERNAL = re.compile(r"(SYSTEM|PUBLIC)\b")


# The two patterns with wide Unicode classes take 15 ms to compile, paid by every command at
# start-up; only a DOCTYPE with a name or an internal subset needs them.
@functools.cache
def _name_re() -> re.Pattern[str]:
    return re.compile(_NAME)


@functools.cache
def _pe_ref() -> re.Pattern[str]:
    return re.compile(rf"%({_NAME});")


@dataclass(frozen=True)
class Verdict:
    """What the gate does with a file's DOCTYPE."""

    #: Errors refuse the file; warnings travel with the document.
    problems: tuple[Diagnostic, ...] = ()
    #: The bytes to parse: the input with the DOCTYPE's external identifier blanked out.
    data: bytes = b""
    #: The DOCTYPE named an external DTD (which was not read).
    dtd_ignored: bool = False
    #: The internal subset uses parameter entities: the parser must expand them.
    parameter_entities: bool = False

    @property
    def refused(self) -> bool:
        return any(p.severity is diag.Severity.ERROR for p in self.problems)


@dataclass
class _Entity:
    name: str
    value: str | None  # None: external (SYSTEM or PUBLIC)
    line: int
    column: int | None = None  # of ``<!ENTITY`` (None inside a parameter entity's text)


@dataclass
class _Subset:
    """The declarations of an internal subset (or of a parameter entity's text)."""

    general: list[_Entity] = field(default_factory=list)
    parameter: list[_Entity] = field(default_factory=list)
    # %name;, its line and column
    references: list[tuple[str, int, int | None]] = field(default_factory=list)
    other: list[tuple[str, int]] = field(default_factory=list)  # ELEMENT, ATTLIST, ...
    unreadable: int | None = None  # line where the scanner gave up


class NoFetch(etree.Resolver):  # type: ignore[misc]  # lxml is untyped here
    """Answers every request of the parser for an outside resource with nothing, and notes it.

    The DOCTYPE policy already keeps every external identifier away from libxml2; this is
    the second lock, in case libxml2 asks anyway (it loads the external subset whenever it
    substitutes entities, whatever ``load_dtd`` says)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        self.urls.append(system_url or public_id or "?")
        return self.resolve_string("", context)


#: Bytes decoded for a first look at the prolog: a DOCTYPE, or the root element, is nearly
#: always within them; decoding a megabyte of each file took 0.3 ms (30 ms of the 99 novels).
_FIRST_LOOK = 16_384


def prolog_text(data: bytes, size: int = 1_000_000) -> str:
    """The start of the file decoded well enough to read markup (latin-1 keeps byte offsets)."""
    head = data[:size]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.decode("latin-1")


def judge(data: bytes, shown: str) -> Verdict:
    """The verdict on ``data``'s DOCTYPE (an empty verdict when it has none)."""
    text = prolog_text(data, _FIRST_LOOK)
    start, cut = _prolog(text)
    if start is None and not cut:
        return Verdict(data=data)
    if len(data) > _FIRST_LOOK:  # a long prolog, or an internal subset: the longer look
        text = prolog_text(data)
        start = _prolog(text)[0]
    if start is None:
        return Verdict(data=data)
    line = text.count("\n", 0, start) + 1
    problems: list[Diagnostic] = []
    pos = _space_end(text, start + len("<!DOCTYPE"))
    name = _name_re().match(text, pos)
    pos = _space_end(text, name.end() if name else pos)
    out = data
    ignored = False
    external = _EXTERNAL.match(text, pos)
    if external is not None:
        end = _external_id_end(text, external.end())
        if end is None:
            return Verdict(data=data)  # malformed: libxml2 reports it
        system = _literals(text[external.end() : end])
        out = _blank(data, text, pos, end)
        ignored = True
        problems.append(
            diag.warning(
                shown,
                "gate.dtd-ignored",
                # said to build too, which validates nothing: no promise of a check here
                f"the DTD {system[-1] if system else ''} is not read (edition check validates "
                "against RELAX NG, not DTDs); an entity the document uses must be declared in "
                "the document itself",
                line,
                _column(text, start),
                origin=_ORIGIN,
            )
        )
        pos = _space_end(text, end)
    parameters = False
    if text.startswith("[", pos):
        subset = _scan(text, pos + 1, line + text.count("\n", start, pos), placed=True)
        problems.extend(_subset_problems(subset, shown))
        parameters = bool(subset.parameter or subset.references)
    return Verdict(tuple(problems), out, ignored, parameters)


def _space_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _prolog(text: str) -> tuple[int | None, bool]:
    """Where ``<!DOCTYPE`` starts in the prolog (after the XML declaration, comments, PIs),
    and whether ``text`` stops inside the prolog (a comment or PI it does not close, a token
    cut short: ``<!DOC``), so that only a longer look can tell whether a DOCTYPE follows."""
    pos = 3 if text.startswith("\xef\xbb\xbf") else 0  # a UTF-8 byte order mark
    while True:
        pos = _space_end(text, pos)
        if text.startswith("<!DOCTYPE", pos):
            return pos, False
        closer = (
            "?>" if text.startswith("<?", pos) else "-->" if text.startswith("<!--", pos) else ""
        )
        if not closer:  # the root element, or a token cut short
            return None, len(text) - pos < len("<!DOCTYPE")
        end = text.find(closer, pos)
        if end == -1:
            return None, True
        pos = end + len(closer)


def _external_id_end(text: str, pos: int) -> int | None:
    """End of ``SYSTEM "x"`` or ``PUBLIC "p" "x"`` (``pos`` is just after the keyword)."""
    for _ in range(2 if text[pos - 6 : pos] == "PUBLIC" else 1):
        pos = _space_end(text, pos)
        quote = text[pos : pos + 1]
        if quote not in ("'", '"'):
            return None
        close = text.find(quote, pos + 1)
        if close == -1:
            return None
        pos = close + 1
    return pos


def _literals(text: str) -> list[str]:
    return [a or b for a, b in re.findall(r'"([^"]*)"|\'([^\']*)\'', text)]


def _blank(data: bytes, text: str, start: int, end: int) -> bytes:
    """``data`` with the characters ``text[start:end]`` replaced by spaces, byte for byte."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        first = 2 + len(text[:start].encode(codec))
        last = 2 + len(text[:end].encode(codec))
        return data[:first] + (" " * (end - start)).encode(codec) + data[last:]
    return data[:start] + b" " * (end - start) + data[end:]


# --- the internal subset ---------------------------------------------------------------------


def _scan(text: str, pos: int, line: int, nested: bool = False, placed: bool = False) -> _Subset:
    """Declarations from ``pos`` to the closing ``]`` (or the end of a parameter entity);
    ``line`` is the line of ``text[pos]``; ``placed``: ``text`` is the file's, so offsets
    give columns (a parameter entity's replacement text stands nowhere in the file)."""
    found = _Subset()
    while True:
        start, pos = pos, _space_end(text, pos)
        line += text.count("\n", start, pos)
        if pos >= len(text) or (text[pos] == "]" and not nested):
            return found
        end = _declaration(text, pos, line, _column(text, pos) if placed else None, found)
        if end is None:
            found.unreadable = line
            return found
        line += text.count("\n", pos, end)
        pos = end


def _declaration(text: str, pos: int, line: int, column: int | None, found: _Subset) -> int | None:
    """Record the declaration (or comment, PI, %reference;) at ``pos``; return its end."""
    for opener, closer in (("<!--", "-->"), ("<?", "?>")):
        if text.startswith(opener, pos):
            end = text.find(closer, pos)
            return end + len(closer) if end != -1 else None
    if text[pos] == "%":
        ref = _pe_ref().match(text, pos)
        if ref is None:
            return None
        found.references.append((ref.group(1), line, column))
        return ref.end()
    decl = _DECL.match(text, pos)
    if decl is None:
        return None
    if decl.group(1) == "ENTITY":
        return _entity(text, decl.end(), _Entity("", None, line, column), found)
    found.other.append((decl.group(1), line))
    return _skip_declaration(text, decl.end())


def _entity(text: str, pos: int, place: _Entity, found: _Subset) -> int | None:
    """Record the entity declared from ``pos`` (after ``<!ENTITY``) at ``place``'s line and
    column; return the declaration's end."""
    pos = _space_end(text, pos)
    parameter = text.startswith("%", pos)
    if parameter:
        pos = _space_end(text, pos + 1)
    name = _name_re().match(text, pos)
    if name is None:
        return None
    pos = _space_end(text, name.end())
    quote = text[pos : pos + 1]
    value: str | None
    if quote in ("'", '"'):
        close = text.find(quote, pos + 1)
        if close == -1:
            return None
        value = text[pos + 1 : close]
        end = close + 1
    elif _EXTERNAL.match(text, pos):
        value = None
        end = _skip_declaration(text, pos) - 1
    else:
        return None
    close = text.find(">", end)
    if close == -1:
        return None
    entity = _Entity(name.group(0), value, place.line, place.column)
    (found.parameter if parameter else found.general).append(entity)
    return close + 1


def _skip_declaration(text: str, pos: int) -> int:
    """Offset just after the ``>`` that closes a declaration, skipping quoted literals."""
    quote = ""
    while pos < len(text):
        char = text[pos]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ">":
            return pos + 1
        pos += 1
    return len(text)


def _replacement(value: str) -> str:
    """A parameter entity's replacement text: character references expanded."""

    def char(match: re.Match[str]) -> str:
        code = match.group(1)
        number = int(code[1:], 16) if code.startswith("x") else int(code)
        return chr(number) if 0 < number <= 0x10FFFF else ""

    return _CHAR_REF.sub(char, value)


def _subset_problems(subset: _Subset, shown: str) -> list[Diagnostic]:
    problems = [
        diag.error(
            shown,
            "gate.external-entity",
            f"the entity &{e.name}; is declared with SYSTEM or PUBLIC (an external file or "
            "address); external entities are never loaded: write its text into the document",
            e.line,
            e.column,
            origin=_ORIGIN,
        )
        for e in subset.general
        if e.value is None
    ]
    problems.extend(
        _refuse_parameter(
            shown,
            e.line,
            f"the parameter entity %{e.name}; is declared with SYSTEM or PUBLIC; external "
            "parameter entities are never loaded: declare the entities in the document",
            e.column,
        )
        for e in subset.parameter
        if e.value is None
    )
    if problems:
        return problems
    declared = {e.name: e for e in subset.parameter}
    budget = [MAX_PARAMETER_TEXT, MAX_PARAMETER_REFERENCES]
    for name, line, column in subset.references:
        problem = _parameter_reference(name, line, column, declared, budget, shown)
        if problem is not None:
            return [problem]
    if subset.unreadable is not None and (subset.parameter or subset.references):
        return [
            _refuse_parameter(
                shown,
                subset.unreadable,
                "the DOCTYPE's internal subset uses parameter entities and holds markup "
                "the gate cannot read; remove the DOCTYPE declaration",
            )
        ]
    return []


def _parameter_reference(
    name: str,
    line: int,
    column: int | None,
    declared: dict[str, _Entity],
    budget: list[int],
    shown: str,
) -> Diagnostic | None:
    entity = declared.get(name)
    if entity is None or entity.value is None:
        return _refuse_parameter(
            shown, line, f"the parameter entity %{name}; is not declared in the document", column
        )
    if "%" in entity.value:
        return _refuse_parameter(
            shown,
            entity.line,
            f"the parameter entity %{name}; refers to another parameter entity; only "
            "parameter entities that declare general entities are read",
            entity.column,
        )
    text = _replacement(entity.value)
    budget[0] -= len(text)
    budget[1] -= 1
    if budget[0] < 0 or budget[1] < 0:
        return diag.error(
            shown,
            "gate.entity-expansion",
            "the parameter entities of the DOCTYPE expand to too much text (an entity bomb?): "
            "the file is refused; remove the entity declarations",
            line,
            column,
            origin=_ORIGIN,
        )
    inner = _scan(text, 0, entity.line, nested=True)
    safe = (
        inner.unreadable is None
        and not inner.parameter
        and not inner.references
        and not inner.other
        and all(e.value is not None for e in inner.general)
    )
    if not safe:
        return _refuse_parameter(
            shown,
            entity.line,
            f"the parameter entity %{name}; does more than declare general entities with "
            "their text (it declares elements, attributes, other parameter entities or "
            "external entities); it is not read: declare the entities in the document",
            entity.column,
        )
    return None


def _refuse_parameter(shown: str, line: int, message: str, column: int | None = None) -> Diagnostic:
    return diag.error(shown, "gate.parameter-entity", message, line, column, origin=_ORIGIN)


def _column(text: str, pos: int) -> int | None:
    """1-based column of ``text[pos]`` on its line, counted in characters; None when the
    line holds other characters than ASCII before it (``text`` is the file's bytes read as
    Latin-1, where a UTF-8 letter would count twice: a wrong column is worse than none)."""
    begins = text.rfind("\n", 0, pos) + 1
    before = text[begins:pos]
    if begins == 0 and before.startswith("\xef\xbb\xbf"):  # the byte order mark is no column
        before = before[3:]
    return len(before) + 1 if before.isascii() else None
