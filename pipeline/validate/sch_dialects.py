"""Schematron as found in the wild, made into the ISO Schematron the compiler reads.

schema tree (gated) -> ``iso`` -> ``bind_standard_prefixes`` -> ``schematron`` compiles it:
- Schematron 1.5 (namespace ``http://www.ascc.net/xml/schematron``, in ``.sch`` files or
  embedded in RELAX NG) is renamed into the ISO namespace; its ``sch:key`` becomes the
  ``xsl:key`` ISO Schematron allows, and a pattern's ``@name`` its ``sch:title``;
- the prefixes ``xs``, ``fn``, ``math``, ``map`` and ``array`` used in expressions without a
  declaration (neither ``sch:ns`` nor an ``xmlns:`` in the schema) are bound to their
  standard namespaces, with an info diagnostic (``sch.implicit-namespace``), instead of
  making their patterns fail to compile. ``xsl`` is always bound by the compiler.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..paths import display

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SCH15_NS = "http://www.ascc.net/xml/schematron"
_SCH = f"{{{SCH_NS}}}"
_SCH15 = f"{{{SCH15_NS}}}"
_XSL = "{http://www.w3.org/1999/XSL/Transform}"
ORIGIN = "schematron"

#: Prefixes XPath users take for granted, and their namespaces.
STANDARD_PREFIXES = {
    "xs": "http://www.w3.org/2001/XMLSchema",
    "fn": "http://www.w3.org/2005/xpath-functions",
    "math": "http://www.w3.org/2005/xpath-functions/math",
    "map": "http://www.w3.org/2005/xpath-functions/map",
    "array": "http://www.w3.org/2005/xpath-functions/array",
}
#: Attributes of Schematron (and of the XSLT it may hold) whose values are XPath.
_EXPRESSION_ATTRIBUTES = ("context", "test", "select", "value", "path", "use", "match")
#: A prefixed name in an expression (not an axis "child::", not inside a URI "http://").
_PREFIXED = re.compile(r"(?<![\w.:/-])([A-Za-z_][\w.-]*):(?=[A-Za-z_*])")


def has_schematron(root: etree._Element) -> bool:
    """Whether a tree holds Schematron patterns, ISO or 1.5."""
    return any(True for _ in root.iter(f"{_SCH}pattern", f"{_SCH15}pattern"))


def iso(root: etree._Element) -> etree._Element:
    """``root`` with Schematron 1.5 elements renamed into ISO Schematron (a copy when it
    has any; ``root`` itself otherwise). Line numbers are kept."""
    if next(root.iter(f"{_SCH15}*"), None) is None:
        return root
    converted = copy.deepcopy(root)
    for element in list(converted.iter(f"{_SCH15}*")):
        local = etree.QName(element).localname
        if local == "key":  # 1.5's key is XSLT's: name, match, and the key's path as use
            element.tag = f"{_XSL}key"
            if element.get("path") is not None:
                element.set("use", element.attrib.pop("path"))
            continue
        element.tag = f"{_SCH}{local}"
        name = element.get("name")
        if local == "pattern" and name and element.find(f"{_SCH15}title") is None:
            title = etree.Element(f"{_SCH}title")
            title.text = name
            element.insert(0, title)
            del element.attrib["name"]
    # Drop the declarations of the 1.5 namespace, now unused, so that no copy of an element
    # can bring back a prefix bound to it; prefixes bound to anything else are kept, since
    # expressions may use them.
    keep = {p for e in converted.iter() for p, uri in _bindings(e) if uri != SCH15_NS}
    etree.cleanup_namespaces(converted, keep_ns_prefixes=sorted(keep))
    return converted


def bind_standard_prefixes(schema: etree._Element, path: Path) -> list[Diagnostic]:
    """Add ``sch:ns`` for standard prefixes the expressions use but nothing declares."""
    declared = {ns.get("prefix") for ns in schema.iter(f"{_SCH}ns")}
    in_scope: dict[str, set[str]] = {}
    for element in schema.iter():
        for prefix, uri in _bindings(element):
            in_scope.setdefault(prefix, set()).add(uri)
    used: dict[str, int | None] = {}
    for element in schema.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in _EXPRESSION_ATTRIBUTES:
            value = element.get(attribute)
            if not value:
                continue
            for prefix in _PREFIXED.findall(_without_literals(value)):
                if prefix in STANDARD_PREFIXES:
                    used.setdefault(prefix, element.sourceline)
    notes = []
    for prefix, line in sorted(used.items()):
        standard = STANDARD_PREFIXES[prefix]
        bound = in_scope.get(prefix, set())
        if prefix in declared or (bound and bound != {standard}):
            continue  # declared by sch:ns, or the schema binds it to something else
        ns = etree.Element(f"{_SCH}ns")
        ns.set("prefix", prefix)
        ns.set("uri", standard)
        schema.insert(0, ns)
        if bound:
            continue  # an xmlns: declaration says the same: nothing to tell
        notes.append(
            diag.info(
                display(path),
                "sch.implicit-namespace",
                f'the prefix "{prefix}:" is used without a declaration; it is bound to '
                f'{standard} (add <sch:ns prefix="{prefix}" uri="{standard}"/> to say so)',
                line,
                origin=ORIGIN,
            )
        )
    return notes


def _bindings(element: etree._Element) -> list[tuple[str, str]]:
    if not isinstance(element.tag, str):
        return []
    return [(p, str(uri)) for p, uri in element.nsmap.items() if p]


def _without_literals(expression: str) -> str:
    return re.sub(r""""[^"]*"|'[^']*'""", '""', expression)
