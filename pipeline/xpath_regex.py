"""XPath regular expressions (XSD's, as ``matches()`` and ``replace()`` read them without
flags) in the form Python's ``re`` reads, so that the reference checker expands a
``prefixDef`` as the build's XSLT does.

``prefixes.Prefixes.of`` -> ``to_python(matchPattern)`` -> ``regex.compile`` (re's reading,
with a time limit). The two dialects write most patterns alike and read some differently:
XSD's ``\\w`` is every character but punctuation, separators and others (``_`` is
punctuation, ``+`` a word's), its ``\\s`` four characters, its ``.`` no carriage return
either, its ``$`` the very end; ``\\p{Lu}``, ``\\i`` and ``\\c`` are XSD's alone; ``(?i)`` and
``[a-z-[aeiou]]`` are Python's or XSD's alone. A pattern
this module cannot write for Python with the same meaning is ``None``: its declaration then
expands nothing, as one XPath refuses expands nothing in the build.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass

#: ``\p{..}``/``\P{..}``: a general category (``Lu``, ``L``), or a block (``IsGreek``).
_PROPERTY = re.compile(r"\\([pP])\{([A-Za-z0-9-]*)\}")
#: The general categories XSD names, by their major class and their own.
_CATEGORIES = frozenset(
    major + minor
    for major, minors in (
        ("L", "ultmo"),
        ("M", "nce"),
        ("N", "dlo"),
        ("P", "cdseifo"),
        ("Z", "slp"),
        ("S", "mcko"),
        ("C", "cfon"),
    )
    for minor in ("", *minors)
)
#: XSD's single-character escapes (XPath adds ``\\$``), written alike in Python.
_SINGLE = frozenset("nrt\\|.?*+(){}-[]^$")
#: XML's name characters (XML 1.0, fifth edition, 2.3), for ``\\i`` and ``\\c``.
_NAME_START = (
    ":A-Z_a-z\\xc0-\\xd6\\xd8-\\xf6\\xf8-\\u02ff\\u0370-\\u037d\\u037f-\\u1fff\\u200c-\\u200d"
    "\\u2070-\\u218f\\u2c00-\\u2fef\\u3001-\\ud7ff\\uf900-\\ufdcf\\ufdf0-\\ufffd"
    "\\U00010000-\\U000effff"
)
_NAME = _NAME_START + "\\-.0-9\\xb7\\u0300-\\u036f\\u203f-\\u2040"


@dataclass
class _Group:
    """What the matcher needs to know of a group to tell whether repeating it is safe."""

    #: whether it repeats something without bound inside ("(a+)")
    unbounded: bool = False
    #: whether every branch so far has an item matched exactly once ("-" of "(-[a-z]+)"),
    #: and the current one
    earlier: bool = True
    current: bool = False
    #: whether it begins with an unbounded "." ("(.*a)")
    lead_dot: bool = False
    #: whether an item was read in its current branch yet
    started: bool = False

    @property
    def ambiguous(self) -> bool:
        """Whether a repetition of it can match a string in many ways: an unbounded
        repetition inside, with nothing each pass must match once to part the passes."""
        return self.unbounded and (self.lead_dot or not (self.earlier and self.current))


def to_python(pattern: str) -> str | None:
    """``pattern`` (an XPath regular expression) as Python's ``re`` reads the same, or None
    when it is none XPath accepts or one this module cannot write alike, or one whose
    nested repetition ("(a+)+") makes a failing match take exponential time: Saxon stops
    such a match at its backtracking limit, Python's ``re`` never does (probe 129: a
    pointer of 34 letters held the language server). A repeated group that an item matched
    once parts ("(-[a-z]+)*", "(\\.\\d+)*") is safe and written (probe 131)."""
    out: list[str] = []
    in_class = False
    groups: list[_Group] = [_Group()]  # the pattern itself, then each open group
    # the item just read and not yet placed: whether it matches once (no quantifier yet),
    # whether it is a "." that begins its group, and the group it closed, if it is one
    pending: tuple[bool, bool, _Group | None] | None = None
    last = ""  # "atom", "group", "quantifier", "lazy", or "" (nothing to repeat)

    def place() -> None:
        nonlocal pending
        if pending is not None and pending[0]:
            groups[-1].current = True
        pending = None

    def item(dot: bool = False, closed: _Group | None = None) -> None:
        nonlocal pending
        place()
        fixed = closed is None or (closed.earlier and closed.current)
        pending = (fixed, dot and not groups[-1].started, closed)
        groups[-1].started = True

    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            written = _escape(pattern, i, in_class)
            if written is None:
                return None
            text, i = written
            out.append(text)
            if not in_class:
                item()
                last = "atom"
            continue
        if in_class:
            if c == "[":
                return None  # a class subtraction ("[a-z-[aeiou]]"), not written alike
            if c == "]":
                in_class = False
                item()
                last = "atom"
            out.append(c)
            i += 1
            continue
        if c in "*+?{":
            count = _QUANTITY.match(pattern, i) if c == "{" else None
            if c == "{" and count is None:
                return None  # "a{1", "{": XPath refuses them, Python reads them as letters
            if c == "?" and last == "quantifier":
                out.append("?")  # lazy ("a+?", "a??"), alike in both
                i += 1
                last = "lazy"
                continue
            if last in ("", "quantifier", "lazy") or pending is None:
                return None  # nothing to repeat, or "a++" (possessive in Python 3.11)
            low = int(count.group(1)) if count is not None else (1 if c == "+" else 0)
            high = (
                (int(count.group(3)) if count.group(3) else None if count.group(2) else low)
                if count is not None
                else (1 if c == "?" else None)
            )
            if max(low, high or 0) > 65535:
                return None  # a count Python cannot compile
            _, leading_dot, closed = pending
            if closed is not None and closed.ambiguous and (high is None or high > 1):
                return None  # an ambiguous repetition repeated: exponential on a mismatch
            if high is None:
                groups[-1].unbounded = True
                groups[-1].lead_dot = groups[-1].lead_dot or leading_dot
            pending = (low == high == 1, leading_dot, closed)
            text = count.group(0) if count is not None else c
            out.append(text)
            i += len(text)
            last = "quantifier"
            continue
        if c == "[":
            in_class = True
            out.append(c)
            if pattern.startswith("^", i + 1):
                out.append("^")
                i += 1
            if pattern.startswith("]", i + 1):
                return None  # an empty class: XPath refuses it, Python reads "]" in it
        elif c == "(":
            if pattern.startswith("?", i + 1):
                if not pattern.startswith("?:", i + 1):
                    return None  # "(?i)", "(?P<..>)", lookarounds: XPath has none
                out.append("(?:")
                i += 3
            else:
                out.append("(")
                i += 1
            place()
            groups.append(_Group())
            last = ""
            continue
        elif c == ")":
            if len(groups) < 2:
                return None
            place()
            closed = groups.pop()
            if closed.unbounded:
                groups[-1].unbounded = True
            item(closed=closed)
            out.append(c)
            i += 1
            last = "group"
            continue
        elif c == "|":
            place()
            group = groups[-1]
            group.earlier, group.current = group.earlier and group.current, False
            group.started = False
            out.append(c)
            i += 1
            last = ""
            continue
        elif c == ".":
            out.append("[^\\n\\r]")
            item(dot=True)
            last = "atom"
            i += 1
            continue
        elif c == "$":
            out.append("\\Z")  # Python's "$" matches before a last newline too
        else:
            out.append(c)
            if c != "^":
                item()
                last = "atom"
                i += 1
                continue
        last = "atom" if c != "^" else last
        i += 1
    return None if in_class or len(groups) > 1 else "".join(out)


#: A counted repetition: {n}, {n,}, {n,m}.
_QUANTITY = re.compile(r"\{(\d+)(,)?(\d+)?\}")


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int] | None:
    """The escape at ``pattern[i]`` in Python's form and the index after it, or None."""
    e = pattern[i + 1 : i + 2]
    if e in ("p", "P"):
        found = _PROPERTY.match(pattern, i)
        ranges = _category(found.group(2)) if found else None
        written = None if found is None or ranges is None else _class(ranges, e == "P", in_class)
        return None if written is None or found is None else (written, found.end())
    if e and e in "wWsSdDiIcC":
        ranges = {
            "w": _word(),
            "s": " \\t\\n\\r",
            "d": _category("Nd"),
            "i": _NAME_START,
            "c": _NAME,
        }[e.lower()]
        written = _class(str(ranges), e.isupper(), in_class)
        return None if written is None else (written, i + 2)
    if e and e in _SINGLE:
        return pattern[i : i + 2], i + 2
    if e.isdigit() and e != "0" and not in_class:
        return pattern[i : i + 2], i + 2  # a back-reference, alike in both
    return None


def _class(ranges: str, negated: bool, in_class: bool) -> str | None:
    """A class of ``ranges``; inside a class its ranges alone, a negated one there
    ("[\\S]", "[\\s\\S]", "[^\\W_]") as the ranges of its complement, which Python cannot
    write as a negation inside a class (probe 132: such patterns, which Saxon reads, expanded
    nothing in the check)."""
    if in_class:
        return _complement(ranges) if negated else ranges
    return f"[{'^' if negated else ''}{ranges}]"


@functools.cache
def _complement(ranges: str) -> str:
    """The ranges of every character not in the class of ``ranges`` (once a process for each
    escape a pattern negates inside a class: about 0.3 s)."""
    inside = re.compile(f"[{ranges}]")
    kept: list[tuple[int, int]] = []
    start: int | None = None
    for point in range(sys.maxunicode + 2):
        out = point <= sys.maxunicode and inside.match(chr(point)) is None
        if out and start is None:
            start = point
        elif not out and start is not None:
            kept.append((start, point - 1))
            start = None
    return "".join(_range(a, b) for a, b in kept)


@functools.cache
def _table() -> dict[str, list[tuple[int, int]]]:
    """Every general category's code points as ranges (about 0.5 s, once a process, when a
    pattern names one)."""
    table: dict[str, list[tuple[int, int]]] = {}
    start, last = 0, unicodedata.category("\0")
    for point in range(1, sys.maxunicode + 2):
        category = unicodedata.category(chr(point)) if point <= sys.maxunicode else ""
        if category != last:
            table.setdefault(last, []).append((start, point - 1))
            start, last = point, category
    return table


@functools.cache
def _category(name: str) -> str | None:
    """The ranges of a general category (``Lu``) or class (``L``), None for a block's name
    (``IsGreek``: Python knows no blocks) or a name XSD does not have."""
    if name not in _CATEGORIES:
        return None
    ranges = sorted(r for key, found in _table().items() if key.startswith(name) for r in found)
    return "".join(_range(a, b) for a, b in _merged(ranges))


@functools.cache
def _word() -> str:
    """XSD's ``\\w``: every character but punctuation, separators and others (XSD 1.0,
    F.1.1)."""
    kept = sorted(r for key, found in _table().items() if key[0] not in "PZC" for r in found)
    return "".join(_range(a, b) for a, b in _merged(kept))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _range(a: int, b: int) -> str:
    return f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}"
