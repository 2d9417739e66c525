"""What a RELAX NG grammar allows, and why one element breaks it, in words.

libxml2 decides whether a tree is valid; its messages seldom name the offending element and
often blame a legal sibling. ``relaxng`` finds each element that is wrong in itself; this
module explains it by matching the element's attributes and children against the content
patterns of its definitions (derivatives over child names, as jing does), and rewrites
libxml2's wording when it has nothing better.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = f"{{{RNG_NS}}}"
_NAME_CLASSES = {_R + "name", _R + "anyName", _R + "nsName", _R + "choice"}
#: Expected names shown in one message; longer lists end with "and N more".
MAX_LISTED = 12


# --- name classes -------------------------------------------------------------------------


@dataclass(frozen=True)
class NameClass:
    """A RELAX NG name class: ``kind`` is name, any, ns or choice."""

    kind: str
    ns: str = ""
    local: str = ""
    parts: tuple[NameClass, ...] = ()
    exclude: NameClass | None = None

    def contains(self, ns: str, local: str) -> bool:
        if self.kind == "name":
            return self.ns == ns and self.local == local
        if self.kind == "choice":
            return any(p.contains(ns, local) for p in self.parts)
        matched = self.kind == "any" or self.ns == ns
        return matched and not (self.exclude is not None and self.exclude.contains(ns, local))

    def names(self) -> Iterator[tuple[str, str]]:
        if self.kind == "name":
            yield (self.ns, self.local)
        for part in self.parts:
            yield from part.names()

    def describe(self) -> str:
        if self.kind == "name":
            return f'"{self.local}"'
        if self.kind == "choice":
            return " or ".join(p.describe() for p in self.parts)
        if self.kind == "any":
            return "any element"
        return f'any element in namespace "{self.ns}"'


def content_children(pattern: etree._Element) -> list[etree._Element]:
    """The patterns of an ``element`` or ``attribute`` pattern, after its name class."""
    children = [c for c in pattern if isinstance(c.tag, str)]
    if pattern.get("name") is None and children and children[0].tag in _NAME_CLASSES:
        children = children[1:]
    return children


def name_class(pattern: etree._Element) -> NameClass:
    """The name class of an ``element`` or ``attribute`` pattern."""
    if pattern.get("name") is not None:
        return NameClass("name", pattern.get("ns") or "", (pattern.get("name") or "").strip())
    return _name_class(pattern[0])


def _name_class(node: etree._Element) -> NameClass:
    kind = etree.QName(node).localname
    if kind == "name":
        return NameClass("name", node.get("ns") or "", (node.text or "").strip())
    if kind == "choice":
        return NameClass("choice", parts=tuple(_name_class(c) for c in node))
    exclude = _name_class(node[0][0]) if len(node) else None
    if exclude is not None and len(node[0]) > 1:
        exclude = NameClass("choice", parts=tuple(_name_class(c) for c in node[0]))
    if kind == "anyName":
        return NameClass("any", exclude=exclude)
    return NameClass("ns", ns=node.get("ns") or "", exclude=exclude)


def split(clark: str) -> tuple[str, str]:
    if clark.startswith("{"):
        ns, _, local = clark[1:].partition("}")
        return ns, local
    return "", clark


def shown(clark: str) -> str:
    """An element or attribute name as messages show it: TEI's without prefix."""
    ns, local = split(clark)
    if ns == XML_NS:
        return f"xml:{local}"
    return local


# --- content patterns as interned nodes, for derivatives -------------------------------------


class Pat:
    """An interned pattern node; identity is equality, so derivatives memoise cheaply."""

    __slots__ = ("a", "b", "define", "nc", "nullable", "op")

    def __init__(
        self, op: str, a: Pat | None, b: Pat | None, nc: NameClass | None, define: str
    ) -> None:
        self.op, self.a, self.b, self.nc, self.define = op, a, b, nc, define
        self.nullable = _nullable(op, a, b)


def _nullable(op: str, a: Pat | None, b: Pat | None) -> bool:
    if op in ("empty", "text", "data", "att"):
        return True
    if op in ("notAllowed", "el"):
        return False
    assert a is not None
    if op == "oneOrMore":
        return a.nullable
    assert b is not None
    return (a.nullable or b.nullable) if op == "choice" else (a.nullable and b.nullable)


class Attribute(NamedTuple):
    nc: NameClass
    values: tuple[str, ...] | None  # the allowed values when they are an enumeration
    datatypes: tuple[str, ...]  # the datatypes its value may have, when that is all it says


class Token(NamedTuple):
    """One item of an element's content: a child element or a stretch of text."""

    ns: str
    local: str  # "" for text
    node: etree._Element


class Grammar:
    """A prepared grammar (one define per element pattern), read for explanations."""

    def __init__(self, root: etree._Element) -> None:
        self.defines: dict[str, list[etree._Element]] = {}
        for define in root.iterchildren(_R + "define"):
            self.defines.setdefault(define.get("name") or "", []).append(define)
        self.elements: list[tuple[NameClass, str]] = []
        for name, defines in self.defines.items():
            if len(defines) == 1 and len(defines[0]) == 1 and defines[0][0].tag == _R + "element":
                self.elements.append((name_class(defines[0][0]), name))
        self._by_name: dict[tuple[str, str], list[str]] | None = None
        self._intern: dict[tuple[object, ...], Pat] = {}
        self._content: dict[str, Pat] = {}
        self._deriv: dict[tuple[int, str, str], Pat] = {}
        self._attributes: dict[str, tuple[list[Attribute], set[tuple[str, str]]]] = {}
        self.empty = self._mk("empty")
        self.none = self._mk("notAllowed")
        self._starts = [c for s in root.iterchildren(_R + "start") for c in s]

    def start(self) -> Pat:
        """The start pattern (its parts combined by choice, as TEI's are)."""
        result = self.none
        for node in self._starts:
            result = self.choice(result, self.pattern(node))
        return result

    # building --------------------------------------------------------------------------

    def _mk(
        self,
        op: str,
        a: Pat | None = None,
        b: Pat | None = None,
        nc: NameClass | None = None,
        define: str = "",
    ) -> Pat:
        key = (op, id(a), id(b), nc, define)
        found = self._intern.get(key)
        if found is None:
            found = self._intern[key] = Pat(op, a, b, nc, define)
        return found

    def choice(self, a: Pat, b: Pat) -> Pat:
        if a.op == "notAllowed" or a is b:
            return b
        if b.op == "notAllowed":
            return a
        return self._mk("choice", a, b)

    def pair(self, op: str, a: Pat, b: Pat) -> Pat:
        if a.op == "notAllowed" or b.op == "notAllowed":
            return self.none
        if a.op == "empty":
            return b
        if b.op == "empty":
            return a
        return self._mk(op, a, b)

    def one_or_more(self, a: Pat) -> Pat:
        return a if a.op in ("notAllowed", "empty") else self._mk("oneOrMore", a)

    def definitions(self, ns: str, local: str) -> list[str]:
        """The element defines whose name class contains the name, in grammar order."""
        if self._by_name is None:
            self._by_name = {}
            for nc, name in self.elements:
                if nc.kind == "name":
                    self._by_name.setdefault((nc.ns, nc.local), []).append(name)
        found = set(self._by_name.get((ns, local), []))
        found.update(
            name for nc, name in self.elements if nc.kind != "name" and nc.contains(ns, local)
        )
        return [name for _, name in self.elements if name in found] if found else []

    def element_pattern(self, define: str) -> etree._Element:
        return self.defines[define][0][0]

    def content(self, define: str) -> Pat:
        """The content pattern of an element define (its children after the name class)."""
        found = self._content.get(define)
        if found is None:
            element = self.element_pattern(define)
            found = self._seq(content_children(element))
            self._content[define] = found
        return found

    def _seq(self, nodes: list[etree._Element], op: str = "group") -> Pat:
        result = self.empty
        for node in nodes:
            result = self.pair(op, result, self.pattern(node))
        return result

    def pattern(self, node: etree._Element) -> Pat:
        kind = etree.QName(node).localname
        children = [c for c in node if isinstance(c.tag, str)]
        if kind in ("empty", "notAllowed", "text"):
            return self._mk(kind)
        if kind in ("data", "value", "list"):
            return self._mk("data")
        if kind == "attribute":
            return self._mk("att", nc=name_class(node))
        if kind == "element":
            return self._mk("el", nc=name_class(node))
        if kind == "ref":
            return self._ref(node.get("name") or "")
        if kind == "choice":
            result = self.none
            for child in children:
                result = self.choice(result, self.pattern(child))
            return result
        if kind in ("group", "interleave"):
            return self._seq(children, kind)
        inner = self._seq(children)
        if kind == "oneOrMore":
            return self.one_or_more(inner)
        if kind == "zeroOrMore":
            return self.choice(self.one_or_more(inner), self.empty)
        if kind == "optional":
            return self.choice(inner, self.empty)
        if kind == "mixed":
            return self.pair("interleave", self._mk("text"), inner)
        return self.none

    def _ref(self, name: str) -> Pat:
        defines = self.defines.get(name, [])
        if len(defines) == 1 and len(defines[0]) == 1 and defines[0][0].tag == _R + "element":
            return self._mk("el", nc=name_class(defines[0][0]), define=name)
        result: Pat | None = None
        for define in defines:
            body = self._seq([c for c in define if isinstance(c.tag, str)])
            if result is None:
                result = body
            elif define.get("combine") == "interleave":
                result = self.pair("interleave", result, body)
            else:
                result = self.choice(result, body)
        return result if result is not None else self.none

    # matching -----------------------------------------------------------------------------

    def deriv(self, p: Pat, ns: str, local: str) -> Pat:
        """What remains of ``p`` after one child element (``local`` "" means text)."""
        key = (id(p), ns, local)
        found = self._deriv.get(key)
        if found is None:
            found = self._deriv[key] = self._deriv_uncached(p, ns, local)
        return found

    def _deriv_uncached(self, p: Pat, ns: str, local: str) -> Pat:
        op = p.op
        if op == "el":
            assert p.nc is not None
            return self.empty if local and p.nc.contains(ns, local) else self.none
        if op in ("text", "data"):
            return p if not local and op == "text" else (self.empty if not local else self.none)
        if op in ("empty", "notAllowed", "att"):
            return self.none
        a, b = p.a, p.b
        assert a is not None
        if op == "oneOrMore":
            return self.pair("group", self.deriv(a, ns, local), self.choice(p, self.empty))
        assert b is not None
        if op == "choice":
            return self.choice(self.deriv(a, ns, local), self.deriv(b, ns, local))
        if op == "interleave":
            return self.choice(
                self.pair("interleave", self.deriv(a, ns, local), b),
                self.pair("interleave", a, self.deriv(b, ns, local)),
            )
        first = self.pair("group", self.deriv(a, ns, local), b)
        return self.choice(first, self.deriv(b, ns, local)) if a.nullable else first

    def skip_deriv(self, p: Pat, ns: str, local: str) -> Pat:
        """Like ``deriv``, but required items before the child may be skipped (recovery)."""
        op = p.op
        a, b = p.a, p.b
        if op == "oneOrMore" and a is not None:
            return self.pair("group", self.skip_deriv(a, ns, local), self.choice(p, self.empty))
        if op == "group" and a is not None and b is not None:
            first = self.pair("group", self.skip_deriv(a, ns, local), b)
            return self.choice(first, self.skip_deriv(b, ns, local))
        if op in ("choice", "interleave") and a is not None and b is not None:
            left, right = self.skip_deriv(a, ns, local), self.skip_deriv(b, ns, local)
            if op == "choice":
                return self.choice(left, right)
            return self.choice(self.pair(op, left, b), self.pair(op, a, right))
        return self.deriv(p, ns, local)

    def expected(self, p: Pat) -> tuple[list[NameClass], bool]:
        """The element name classes ``p`` accepts next, and whether it accepts text."""
        found: list[NameClass] = []
        text = False
        seen: set[int] = set()
        stack = [p]
        while stack:
            q = stack.pop()
            if id(q) in seen:
                continue
            seen.add(id(q))
            if q.op == "el" and q.nc is not None:
                found.append(q.nc)
            elif q.op in ("text", "data"):
                text = True
            elif q.op in ("choice", "interleave") and q.a and q.b:
                stack += [q.b, q.a]
            elif q.op == "oneOrMore" and q.a:
                stack.append(q.a)
            elif q.op == "group" and q.a and q.b:
                stack += [q.b, q.a] if q.a.nullable else [q.a]
        return found, text

    def attributes(self, define: str) -> tuple[list[Attribute], set[tuple[str, str]]]:
        """The attribute patterns of an element define, and the names it requires."""
        cached = self._attributes.get(define)
        if cached is None:
            element = self.element_pattern(define)
            found: list[Attribute] = []
            required = self._required(content_children(element), "group", found, set())
            cached = self._attributes[define] = (found, required)
        return cached

    def _attribute(self, nc: NameClass, content: list[etree._Element]) -> Attribute:
        values: list[str] = []
        types: list[str] = []
        if not self._values(content, values, types, set()) or not content:
            return Attribute(nc, None, ())
        return Attribute(nc, None if types else tuple(values), tuple(types))

    def _values(
        self, nodes: list[etree._Element], values: list[str], types: list[str], refs: set[str]
    ) -> bool:
        """Collect the values and datatypes of a choice of them; False if it is more."""
        for node in nodes:
            kind = etree.QName(node).localname
            if kind == "value" and node.get("type") in (None, "token", "string"):
                values.append(" ".join((node.text or "").split()))
            elif kind in ("value", "data"):  # a typed value is libxml2's to compare
                types.append(node.get("type") or "")
            elif kind == "choice":
                if not self._values(list(node), values, types, refs):
                    return False
            elif kind == "ref" and node.get("name") not in refs:
                name = node.get("name") or ""
                defines = self.defines.get(name, [])
                if len(defines) != 1 or len(defines[0]) != 1:
                    return False
                if not self._values(list(defines[0]), values, types, refs | {name}):
                    return False
            else:
                return False
        return True

    def _required(
        self, nodes: list[etree._Element], op: str, found: list[Attribute], refs: set[str]
    ) -> set[tuple[str, str]]:
        parts = [self._required_one(n, found, refs) for n in nodes]
        if not parts:
            return set()
        if op == "choice":
            return set.intersection(*parts)
        return set().union(*parts)

    def _required_one(
        self, node: etree._Element, found: list[Attribute], refs: set[str]
    ) -> set[tuple[str, str]]:
        kind = etree.QName(node).localname
        children = [c for c in node if isinstance(c.tag, str)]
        if kind == "attribute":
            nc = name_class(node)
            found.append(self._attribute(nc, content_children(node)))
            names = list(nc.names())
            return set(names) if nc.kind == "name" else set()
        if kind == "ref":
            name = node.get("name") or ""
            if name in refs or self._ref(name).op == "el":
                return set()
            defines = self.defines.get(name, [])
            body = [c for d in defines for c in d if isinstance(c.tag, str)]
            combine = "choice" if any(d.get("combine") == "choice" for d in defines) else "group"
            return self._required(body, combine, found, refs | {name})
        if kind in ("optional", "zeroOrMore"):
            self._required(children, "group", found, refs)
            return set()
        if kind in ("choice", "group", "interleave", "oneOrMore", "mixed"):
            return self._required(children, "choice" if kind == "choice" else "group", found, refs)
        return set()


def names_list(classes: list[NameClass], text: bool = False) -> str:
    """``"a", "b" or "c"`` (sorted, at most MAX_LISTED), for "expected ..." clauses."""
    seen: dict[str, None] = {}
    for nc in classes:
        seen.setdefault(nc.describe(), None)
    items = sorted(seen)
    if text:
        items.insert(0, "text")
    if len(items) > MAX_LISTED:
        return ", ".join(items[:MAX_LISTED]) + f" and {len(items) - MAX_LISTED} more"
    if len(items) > 1:
        return ", ".join(items[:-1]) + " or " + items[-1]
    return items[0] if items else "nothing"


_QUOTE_NAME = re.compile(r"\b(element|attribute) ([\w.:-]+)")


def rewrite_libxml2(message: str) -> str:
    """libxml2's wording with names quoted, lowercase start and no final period."""
    text = message.strip().rstrip(".")
    text = _QUOTE_NAME.sub(lambda m: f'{m.group(1)} "{m.group(2)}"', text)
    return text[:1].lower() + text[1:]


# --- explaining one element that libxml2 rejects --------------------------------------------


class Finding(NamedTuple):
    node: etree._Element
    code: str
    message: str


def _label(node: etree._Element) -> str:
    ns, local = split(node.tag)
    if ns in (TEI_NS, ""):
        return f'"{local}"'
    return f'"{local}" (namespace "{ns}")'


def explain(g: Grammar, element: etree._Element) -> list[Finding]:
    """What is wrong with ``element`` itself: its attributes and the sequence of its children.

    Children are matched by name only (relaxng has checked each in isolation already).
    """
    defines = g.definitions(*split(element.tag))
    if not defines:
        return []
    return [*_check_attributes(g, element, defines), *_check_content(g, element, defines)]


def _check_attributes(g: Grammar, element: etree._Element, defines: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    allowed: list[Attribute] = []
    required: set[tuple[str, str]] | None = None
    for define in defines:
        found, needed = g.attributes(define)
        allowed += found
        required = needed if required is None else required & needed
    label = _label(element)
    present: set[tuple[str, str]] = set()
    for name, value in element.attrib.items():
        ns, local = split(name)
        present.add((ns, local))
        matching = [a for a in allowed if a.nc.contains(ns, local)]
        if not matching:
            findings.append(
                Finding(
                    element,
                    "rng.unexpected-attribute",
                    f'attribute "{shown(name)}" is not allowed on element {label}',
                )
            )
        elif all(a.values is not None for a in matching):
            values = [v for a in matching for v in a.values or ()]
            if " ".join(value.split()) not in values:
                listed = names_list([NameClass("name", local=v) for v in values])
                findings.append(
                    Finding(
                        element,
                        "rng.bad-value",
                        f'attribute "{shown(name)}" of element {label} has the value '
                        f'"{value}"; expected {listed}',
                    )
                )
    for ns, local in sorted((required or set()) - present):
        attribute = f"{{{ns}}}{local}" if ns else local
        findings.append(
            Finding(
                element,
                "rng.missing-attribute",
                f'element {label} is missing the required attribute "{shown(attribute)}"',
            )
        )
    return findings


def bad_value(g: Grammar, element: etree._Element, attribute: str) -> Finding:
    """The attribute's value is not of its datatype (libxml2 found it; we word it)."""
    ns, local = split(attribute)
    types = {
        t
        for define in g.definitions(*split(element.tag))
        for a in g.attributes(define)[0]
        if a.nc.contains(ns, local)
        for t in a.datatypes
    }
    if not types:
        return Finding(
            element,
            "rng.unexpected-attribute",
            f'attribute "{shown(attribute)}" is not allowed on element {_label(element)} '
            "together with its other attributes",
        )
    listed = names_list([NameClass("name", local=t) for t in types])
    return Finding(
        element,
        "rng.bad-value",
        f'attribute "{shown(attribute)}" of element {_label(element)} has an invalid value '
        f'"{element.get(attribute)}"; expected a value of type {listed}',
    )


def _tokens(element: etree._Element) -> Iterator[Token]:
    if element.text and element.text.strip():
        yield Token("", "", element)
    for child in element:
        if isinstance(child.tag, str):
            ns, local = split(child.tag)
            yield Token(ns, local, child)
        if child.tail and child.tail.strip():
            yield Token("", "", child)


def _check_content(g: Grammar, element: etree._Element, defines: list[str]) -> list[Finding]:
    p = g.none
    for define in defines:
        p = g.choice(p, g.content(define))
    everywhere = _all_names(g, p)
    findings: list[Finding] = []
    label = _label(element)
    for token in _tokens(element):
        after = g.deriv(p, token.ns, token.local)
        if after.op != "notAllowed":
            p = after
            continue
        classes, text = g.expected(p)
        expected = names_list(classes, text)
        if not token.local:
            where = "here inside" if everywhere[1] else "inside"
            findings.append(
                Finding(
                    token.node,
                    "rng.text-not-allowed",
                    f"text is not allowed {where} element {label}; expected {expected}",
                )
            )
            continue
        child = token.node
        later = g.skip_deriv(p, token.ns, token.local)
        if later.op != "notAllowed":
            # Allowed further on: say what is missing before it, and go on from there.
            message = f"element {_label(child)} is not allowed yet inside {label}; "
            if len(classes) == 1 and classes[0].kind == "name" and not text:
                message += f"missing required element {classes[0].describe()}"
            else:
                message += f"expected {expected}"
            p = later
        elif not g.definitions(token.ns, token.local):
            message = (
                f"element {_label(child)} is not defined by the schema; "
                f"expected {expected} inside {label}"
            )
        else:
            known = any(nc.contains(token.ns, token.local) for nc in everywhere[0])
            where = "here inside" if known else "inside"
            message = f"element {_label(child)} is not allowed {where} {label}; expected {expected}"
        findings.append(Finding(child, "rng.unexpected-element", message))
    if not p.nullable:
        classes, text = g.expected(p)
        if len(classes) == 1 and classes[0].kind == "name" and not text:
            what = f"missing required element {classes[0].describe()}"
        else:
            what = f"expected {names_list(classes, text)}"
        findings.append(
            Finding(element, "rng.missing-element", f"element {label} is incomplete; {what}")
        )
    return findings


def _all_names(g: Grammar, p: Pat) -> tuple[list[NameClass], bool]:
    """Every element name class and whether text occurs anywhere in ``p``."""
    found: list[NameClass] = []
    text = False
    seen: set[int] = set()
    stack = [p]
    while stack:
        q = stack.pop()
        if id(q) in seen:
            continue
        seen.add(id(q))
        if q.op == "el" and q.nc is not None:
            found.append(q.nc)
        text = text or q.op in ("text", "data")
        stack += [x for x in (q.a, q.b) if x is not None]
    return found, text


def root_finding(g: Grammar, root: etree._Element) -> Finding | None:
    """The root element, when the start pattern does not allow its name."""
    start = g.start()
    if g.deriv(start, *split(root.tag)).op != "notAllowed":
        return None
    classes, _ = g.expected(start)
    return Finding(
        root,
        "rng.unexpected-element",
        f"element {_label(root)} is not allowed as the root element; "
        f"expected {names_list(classes)}",
    )
