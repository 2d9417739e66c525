"""Duplicate xsd:ID values under RELAX NG, reported as jing reports them.

A schema that types an attribute as ``xsd:ID`` (TEI types ``xml:id`` so) makes a value used
twice in one document invalid. libxml2 notices, but says ``invalid attribute "id" for
element "p"`` or blames the root, once. ``relaxng`` asks this module for the duplicates
(each with its first occurrence), validates with the duplicates given unique values for the
time of the validation (then restores them), and reports each duplicate as
``rng.duplicate-id``: ``ID "y1" has already been defined (first defined at line 12)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from lxml import etree

from ..diagnostics import Diagnostic, Severity
from ..gate import SourceDocument
from .rng_names import RNG_NS

_R = f"{{{RNG_NS}}}"
_XSD = "http://www.w3.org/2001/XMLSchema-datatypes"
_NCNAME = r"^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$"  # compiled when needed: 7 ms


class Duplicate(NamedTuple):
    element: etree._Element
    attribute: str  # Clark name
    value: str
    first: etree._Element


def id_attributes(grammar: etree._Element) -> frozenset[str]:
    """Clark names of the attributes a (prepared) grammar types as xsd:ID."""
    return frozenset(name for name, typed in _attribute_patterns(grammar) if typed is not None)


def _attribute_patterns(grammar: etree._Element) -> Iterator[tuple[str, etree._Element | None]]:
    """Each named attribute pattern's Clark name, with its ``data type="ID"`` if it has one."""
    for attribute in grammar.iter(_R + "attribute"):
        name = _clark(attribute)
        if name is None:
            continue
        data = attribute.find(_R + "data")
        typed = data is not None and data.get("type") == "ID" and _library(data) == _XSD
        yield name, data if typed else None


def _clark(attribute: etree._Element) -> str | None:
    name = attribute.get("name")
    ns = attribute.get("ns", "")
    if name is None:
        child = attribute.find(_R + "name")
        if child is None or not (child.text or "").strip():
            return None
        name, ns = (child.text or "").strip(), child.get("ns", ns)
    if ":" in name:  # a prefixed name: xml:id
        prefix, name = name.split(":", 1)
        ns = attribute.nsmap.get(prefix, "") if prefix != "xml" else _XML_NS
    return f"{{{ns}}}{name}" if ns else name


def id_owners(grammar: etree._Element) -> dict[str, frozenset[tuple[str, str]]]:
    """For an attribute that the grammar types as xsd:ID on some elements only, the names of
    those elements (an ``id`` that is an ID on ``a`` and text on ``b``: two ``b id="q"`` are
    valid for jing, and were reported as a duplicate ID). Attributes typed ID wherever they
    occur (TEI's ``xml:id``), or on an element of no single name, are not listed."""
    typed: dict[str, list[etree._Element]] = {}
    plain: set[str] = set()
    for name, data in _attribute_patterns(grammar):
        if data is None:
            plain.add(name)
        else:
            typed.setdefault(name, []).append(data)
    refs: dict[str, list[etree._Element]] = {}
    for ref in grammar.iter(_R + "ref"):
        refs.setdefault(ref.get("name") or "", []).append(ref)
    owners: dict[str, frozenset[tuple[str, str]]] = {}
    for name in set(typed) & plain:
        found: set[tuple[str, str]] = set()
        if all(_owners(data, refs, found, set()) for data in typed[name]):
            owners[name] = frozenset(found)
    return owners


def _owners(
    node: etree._Element,
    refs: dict[str, list[etree._Element]],
    found: set[tuple[str, str]],
    seen: set[str],
) -> bool:
    """Add the names of the elements whose pattern holds ``node`` (through the defines that
    refer to it); False when one of them has no single name."""
    for ancestor in node.iterancestors():
        if ancestor.tag == _R + "element":
            name = ancestor.get("name")
            if name is None or ":" in name:
                return False
            found.add((ancestor.get("ns", ""), name.strip()))
            return True
        if ancestor.tag == _R + "define":
            define = ancestor.get("name") or ""
            if define in seen:
                return True
            seen.add(define)
            return all(_owners(ref, refs, found, seen) for ref in refs.get(define, []))
    return False


_XML_NS = "http://www.w3.org/XML/1998/namespace"


def _library(node: etree._Element) -> str:
    for element in (node, *node.iterancestors()):
        library = element.get("datatypeLibrary")
        if library is not None:
            return str(library)
    return ""


def duplicates(
    root: etree._Element,
    names: frozenset[str],
    among: Iterable[etree._Element] | None = None,
    owners: dict[str, frozenset[tuple[str, str]]] | None = None,
) -> list[Duplicate]:
    """Every second (third, ...) use of an ID value, in document order. ``among``: the
    elements of ``root``'s tree that carry any of ``names``, when the caller knows them;
    ``owners``: the elements an attribute is an ID on, where it is not one everywhere."""
    if not names:
        return []
    first: dict[str, etree._Element] = {}
    found: list[Duplicate] = []
    for element in root.iter(etree.Element) if among is None else among:
        if not element.attrib:
            continue
        for name in names:
            value = element.get(name)
            if value is None:
                continue
            limited = owners.get(name) if owners else None
            if limited is not None and _qname(element) not in limited:
                continue  # the attribute is no ID on this element
            value = value.strip()
            seen = first.setdefault(value, element)
            if seen is not element:
                found.append(Duplicate(element, name, value, seen))
    return found


def _qname(element: etree._Element) -> tuple[str, str]:
    qname = etree.QName(element)
    return (qname.namespace or "", qname.localname)


@contextmanager
def made_unique(found: list[Duplicate]) -> Iterator[None]:
    """Give each duplicate a value nobody uses while the block runs, then restore it.

    Values that are no NCName are left alone: libxml2 reports them as bad values anyway.
    """
    changed: list[tuple[etree._Element, str, str]] = []
    taken = {d.value for d in found}
    try:
        for number, duplicate in enumerate(found, 1):
            if not re.match(_NCNAME, duplicate.value):
                continue
            original = duplicate.element.get(duplicate.attribute) or ""
            fresh = f"{duplicate.value}.duplicate{number}"
            while fresh in taken:
                fresh += "x"
            taken.add(fresh)
            duplicate.element.set(duplicate.attribute, fresh)
            changed.append((duplicate.element, duplicate.attribute, original))
        yield
    finally:
        for element, attribute, original in reversed(changed):
            element.set(attribute, original)


def diagnostics(doc: SourceDocument, found: list[Duplicate], origin: str) -> list[Diagnostic]:
    out = []
    for duplicate in found:
        path = doc.locate(duplicate.element)[0]
        line, column = doc.attribute_place(duplicate.element, duplicate.attribute)
        first_path = doc.locate(duplicate.first)[0]
        first_line = doc.attribute_place(duplicate.first, duplicate.attribute)[0]
        where = f"line {first_line}" if first_line else "earlier"
        if first_path != path:
            where = f"{first_path}, {where}"
        out.append(
            Diagnostic(
                path,
                line,
                column,
                Severity.ERROR,
                "rng.duplicate-id",
                f'ID "{duplicate.value}" has already been defined (first defined at {where}); '
                "ids must be unique within a document: rename one",
                origin,
            )
        )
    return out
