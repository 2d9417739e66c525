"""RELAX NG names shared by every stage: the namespaces, name classes and Clark names.

``rng_schema`` prepares a grammar, ``rng_prune`` prunes it, ``rng_compiled`` and
``rng_patterns`` read it: all of them ask which names an ``element`` or ``attribute``
pattern allows through the ``NameClass`` read here, and split Clark names the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = f"{{{RNG_NS}}}"
_NAME_CLASSES = {_R + "name", _R + "anyName", _R + "nsName", _R + "choice"}


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
        # a wildcard names what it leaves out: TEI's anyXML takes any element but TEI's, and
        # "hi inside me:facs" was told "expected text or any element" (probe 19); a header of
        # foreign metadata that takes no TEI element said "title" was not allowed where "any
        # element" was expected (probe 20)
        if self.kind == "name":
            return f'"{self.local}"'
        if self.kind == "choice":
            return " or ".join(p.describe() for p in self.parts)
        base = "any element" if self.kind == "any" else f'any element in namespace "{self.ns}"'
        if self.exclude is None:
            return base
        if self.kind == "any" and self.exclude.kind == "ns" and self.exclude.exclude is None:
            if not self.exclude.ns:
                return "any element in a namespace"
            return f'any element not in namespace "{self.exclude.ns}"'
        return f"{base} but {self.exclude.excluded()}"

    def excluded(self) -> str:
        """The names an ``except`` leaves out, in the words of "any element but ..."."""
        if self.kind == "name":
            return f'"{self.local}"'
        if self.kind == "choice":
            return " or ".join(p.excluded() for p in self.parts)
        if self.kind == "any":
            return "any"
        return f'one in namespace "{self.ns}"'


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


def shown(clark: str, element: etree._Element | None = None) -> str:
    """An element or attribute name as messages show it: TEI's without prefix; one of
    another namespace with the prefix ``element``'s document gives it (probe 79: CBETA's
    ``cb:type`` was told as "type", which TEI's ``p`` has)."""
    ns, local = split(clark)
    if ns == XML_NS:
        return f"xml:{local}"
    if ns and ns != TEI_NS and element is not None:
        prefix = next((p for p, uri in element.nsmap.items() if uri == ns and p), None)
        if prefix:
            return f"{prefix}:{local}"
    return local
