"""A prepared RELAX NG grammar as interned patterns, and derivatives over child names.

prepared grammar (``rng_schema``) -> ``Grammar``: each element define's content as ``Pat``
nodes, memoised derivatives over child names (as jing matches), the names expected next,
and each element's attribute patterns with their values, datatypes and required names.
``rng_messages`` matches an invalid element against it to say what is wrong.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from .rng_names import RNG_NS, NameClass, content_children, name_class

_R = f"{{{RNG_NS}}}"


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
    content: tuple[etree._Element, ...] = ()  # the value's patterns, as the grammar has them


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
        self._value_schemas: dict[tuple[int, ...], etree.RelaxNG] = {}
        self._definitions: dict[tuple[str, str], tuple[str, ...]] = {}
        self._expected: dict[tuple[int, bool], tuple[list[NameClass], bool]] = {}
        self._intern: dict[tuple[object, ...], Pat] = {}
        self._content: dict[str, Pat] = {}
        self._deriv: dict[tuple[int, str, str], Pat] = {}
        self._refs: dict[str, Pat] = {}
        self._skip: dict[tuple[int, str, str], Pat] = {}
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
        known = self._definitions.get((ns, local))
        if known is not None:
            return list(known)  # asked for the same few names again and again
        if self._by_name is None:
            self._by_name = {}
            for nc, name in self.elements:
                if nc.kind == "name":
                    self._by_name.setdefault((nc.ns, nc.local), []).append(name)
        found = set(self._by_name.get((ns, local), []))
        found.update(
            name for nc, name in self.elements if nc.kind != "name" and nc.contains(ns, local)
        )
        result = [name for _, name in self.elements if name in found] if found else []
        self._definitions[(ns, local)] = tuple(result)
        return result

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

    def _is_element(self, name: str) -> bool:
        defines = self.defines.get(name, [])
        return len(defines) == 1 and len(defines[0]) == 1 and defines[0][0].tag == _R + "element"

    def _ref(self, name: str) -> Pat:
        # Remembered: tei_all's model classes are referred to from hundreds of places, and a
        # define that is no element's cannot refer to itself (RELAX NG 4.19).
        found = self._refs.get(name)
        if found is None:
            found = self._refs[name] = self._ref_uncached(name)
        return found

    def _ref_uncached(self, name: str) -> Pat:
        defines = self.defines.get(name, [])
        if self._is_element(name):
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
        key = (id(p), ns, local)
        found = self._skip.get(key)
        if found is None:
            found = self._skip[key] = self._skip_uncached(p, ns, local)
        return found

    def _skip_uncached(self, p: Pat, ns: str, local: str) -> Pat:
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

    def expected(self, p: Pat, everywhere: bool = False) -> tuple[list[NameClass], bool]:
        """The element name classes ``p`` accepts next, and whether it accepts text.

        With ``everywhere``: every element name class and whether text occurs anywhere in
        ``p``, element contents included.
        """
        key = (id(p), everywhere)  # patterns are interned: the same ones come back often
        known = self._expected.get(key)
        if known is None:
            known = self._expected[key] = self._expected_of(p, everywhere)
        return list(known[0]), known[1]

    def accepting(self, p: Pat, ns: str, local: str) -> list[str]:
        """The element defines ``p`` may match a child of this name with next: where a name
        has several defines (a hand-written grammar's ``note`` of a bibliography and another
        of a page), those the child's place allows."""
        found = [
            q.define
            for q in self._reachable(p, everywhere=False)
            if q.op == "el" and q.nc is not None and q.define and q.nc.contains(ns, local)
        ]
        return sorted(set(found))

    def _expected_of(self, p: Pat, everywhere: bool) -> tuple[list[NameClass], bool]:
        found: list[NameClass] = []
        text = False
        for q in self._reachable(p, everywhere):
            if q.op == "el" and q.nc is not None:
                found.append(q.nc)
            text = text or q.op in ("text", "data")
        return found, text

    @staticmethod
    def _reachable(p: Pat, everywhere: bool) -> Iterator[Pat]:
        """The patterns ``p`` may begin with (its first elements, text, data), each once; with
        ``everywhere`` every pattern inside it."""
        seen: set[int] = set()
        stack = [p]
        while stack:
            q = stack.pop()
            if id(q) in seen:
                continue
            seen.add(id(q))
            yield q
            if everywhere:
                stack += [x for x in (q.a, q.b) if x is not None]
            elif q.op in ("choice", "interleave") and q.a and q.b:
                stack += [q.b, q.a]
            elif q.op == "oneOrMore" and q.a:
                stack.append(q.a)
            elif q.op == "group" and q.a and q.b:
                stack += [q.b, q.a] if q.a.nullable else [q.a]

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
            return Attribute(nc, None, (), tuple(content))
        return Attribute(nc, None if types else tuple(values), tuple(types), tuple(content))

    def value_allowed(self, attribute: Attribute, value: str) -> bool:
        """Whether ``value`` matches the attribute's own pattern (its datatypes with their
        parameters), the element's other attributes aside: libxml2 says "invalid attribute"
        both for a bad value and for an attribute that a choice of attributes excludes."""
        key = tuple(id(node) for node in attribute.content)
        schema = self._value_schemas.get(key)
        if schema is None:
            grammar = etree.Element(_R + "grammar")
            start = etree.SubElement(grammar, _R + "start")
            holder = etree.SubElement(
                etree.SubElement(start, _R + "element", name="v"), _R + "attribute", name="a"
            )
            holder.extend(copy.deepcopy(node) for node in attribute.content)
            wanted = [r.get("name") or "" for r in holder.iter(_R + "ref")]
            copied: set[str] = set()
            while wanted:
                name = wanted.pop()
                if name in copied:
                    continue
                copied.add(name)
                for define in self.defines.get(name, []):
                    clone = copy.deepcopy(define)
                    grammar.append(clone)
                    wanted.extend(r.get("name") or "" for r in clone.iter(_R + "ref"))
            try:
                schema = etree.RelaxNG(grammar)
            except etree.RelaxNGParseError:
                return False
            self._value_schemas[key] = schema
        return bool(schema.validate(etree.Element("v", a=value)))

    def listed_values(self, attribute: Attribute) -> list[str]:
        """The values an attribute's pattern names anywhere in it, following its refs: the
        tokens of a list ("met", "real", "rhyme" for metDecl/@type), which ``values`` leaves
        out since such a value is more than one of them."""
        found: dict[str, None] = {}
        seen: set[str] = set()
        todo = list(attribute.content)
        while todo:
            node = todo.pop()
            for value in node.iter(_R + "value"):
                found.setdefault(" ".join((value.text or "").split()), None)
            for ref in node.iter(_R + "ref"):
                name = ref.get("name") or ""
                if name not in seen:
                    seen.add(name)
                    todo.extend(self.defines.get(name, []))
        return list(found)

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
            elif kind == "choice" or (kind == "group" and len(node) == 1):
                # a group of one value is that value: a schema that documents each value
                # wraps it so (<group><a:documentation/><value/></group>, annotations gone)
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
            if name in refs or self._is_element(name):
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
