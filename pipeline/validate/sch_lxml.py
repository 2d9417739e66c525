"""Schematron patterns run with lxml on the tree the gate parsed: no second parse by Saxon.

normalized schema (embedded in the compiled stylesheet by xslt/schematron/modules/
generate.xsl) -> ``LxmlRules.of`` keeps the patterns whose every expression ``xpath1``
accepts (the same meaning in XPath 1.0 as in XPath 3.1) -> ``LxmlRules.run(doc, numbers)``
gives the diagnostics Saxon would have given for those patterns (same codes, severities,
messages, places). The other patterns stay on Saxon (``schematron.py``); the choice is per
pattern, made once per schema.

How a pattern runs: a node is handled by the first rule (document order) whose context
matches it, as in the compiled stylesheet. For a rule without lets whose tests need no
``current()``, each assert and report is one XPath over the document that selects the nodes
where it fires, ``(//context)[not(test)]``, so Python only sees the nodes that fail; other
rules evaluate their lets and tests node by node. Any evaluation error makes ``run`` return
None, and the caller runs the document on Saxon instead, where errors are reported as before.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from lxml import etree

from ..diagnostics import Diagnostic, Severity
from ..gate import SourceDocument
from . import svrl, xpath1
from .xpath1 import Scope, Value

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_SCH = f"{{{SCH_NS}}}"
_KEY = "{urn:x-edition:schematron-compiler}key"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
#: Prefixes the compiled stylesheet reserves for itself (generate.xsl, c:reserved).
_RESERVED = {"", "xml", "xsl", "svrl", "edsch"}
_STRING = etree.XPath("string()")

#: A message: literal text, or an expression whose value is inserted.
Part = Any  # str (literal text) or etree.XPath (a value to insert); lxml is untyped


def enabled() -> bool:
    """``EDITION_SCHEMATRON=saxon`` runs every pattern on Saxon (to compare, or debug)."""
    return os.environ.get("EDITION_SCHEMATRON", "").strip().lower() != "saxon"


@dataclass(frozen=True)
class _Check:
    """One sch:assert or sch:report."""

    fires: etree.XPath | None  # over the document: the nodes where it fires (vectorised)
    test: etree.XPath  # at one node: boolean(test)
    is_assert: bool
    code: str
    severity: Severity
    message: tuple[Part, ...]
    extra: tuple[tuple[Part, ...], ...]  # the referenced sch:diagnostics


@dataclass(frozen=True)
class _Rule:
    candidates: etree.XPath
    lets: tuple[tuple[str, etree.XPath], ...]
    checks: tuple[_Check, ...]
    node_by_node: bool


@dataclass(frozen=True)
class _Pattern:
    number: int
    lets: tuple[tuple[str, etree.XPath], ...]
    rules: tuple[_Rule, ...]
    #: The schema-level lets it uses.
    uses: frozenset[str]


@dataclass(frozen=True)
class LxmlRules:
    """The patterns of one schema that run on lxml, by their number in the stylesheet."""

    patterns: dict[int, _Pattern]
    globals: tuple[tuple[str, etree.XPath], ...]
    #: How many patterns with rules the schema has (lxml's and Saxon's).
    total: int

    @property
    def numbers(self) -> frozenset[int]:
        return frozenset(self.patterns)

    @classmethod
    def of(cls, schema: etree._Element) -> LxmlRules:
        """The patterns of a normalized schema (``sch:schema`` of concrete patterns) that
        can run on lxml; the others are left to Saxon."""
        namespaces = _namespaces(schema)
        diagnostics = {
            str(d.get("id")): d
            for d in schema.iterfind(f"{_SCH}diagnostics/{_SCH}diagnostic")
            if d.get("id")
        }
        scope = Scope(namespaces, current=False, document=True)
        global_lets = _lets(schema, scope)
        known = dict(scope.variables) if global_lets is not None else {}
        patterns: dict[int, _Pattern] = {}
        ruled = [
            p
            for p in schema.iterfind(f"{_SCH}pattern")
            if p.find(f"{_SCH}rule[@context]") is not None
        ]
        for number, pattern in enumerate(ruled, start=1):
            built = _pattern(pattern, number, namespaces, known, diagnostics)
            if built is not None:
                patterns[number] = built
        return cls(patterns, global_lets or (), len(ruled))

    def run(self, doc: SourceDocument, numbers: set[int]) -> list[Diagnostic] | None:
        """The diagnostics of patterns ``numbers`` on ``doc``; None when lxml could not
        evaluate them (then Saxon must)."""
        found: list[Diagnostic] = []
        try:
            variables = self._globals(doc, numbers)
            for number in sorted(numbers):
                found.extend(_run(self.patterns[number], doc, variables))
        except (etree.XPathError, _NotAnElement, ValueError, TypeError):
            return None
        return found

    def _globals(self, doc: SourceDocument, numbers: set[int]) -> dict[str, Any]:
        """The schema's lets, when a pattern to run uses one (they may use each other)."""
        values: dict[str, Any] = {}
        if any(self.patterns[n].uses for n in numbers):
            for name, expression in self.globals:
                values[name] = expression(doc.tree, **values)
        return values


class _NotAnElement(Exception):
    pass


def _namespaces(schema: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for ns in schema.iterfind(f"{_SCH}ns"):
        prefix = ns.get("prefix", "")
        if prefix and prefix not in _RESERVED:
            found.setdefault(prefix, ns.get("uri", ""))
    return found


def _lets(parent: etree._Element, scope: Scope) -> tuple[tuple[str, etree.XPath], ...] | None:
    """The sch:let children of ``parent``, compiled; their kinds go into ``scope``."""
    found = []
    for let in parent.iterfind(f"{_SCH}let"):
        name, value = let.get("name"), let.get("value")
        if not name or value is None or let.get("as") is not None or ":" in name:
            return None
        translated = xpath1.translate(value, scope)
        if translated is None:
            return None
        scope.variables[name] = Value("", translated.kind, translated.single, translated.elements)
        found.append((name, _compile(translated.text, scope)))
    return tuple(found)


def _compile(text: str, scope: Scope) -> etree.XPath:
    return etree.XPath(text, namespaces={"xml": _XML_NS, **scope.namespaces})


def _pattern(
    pattern: etree._Element,
    number: int,
    namespaces: dict[str, str],
    known: dict[str, Value],
    diagnostics: dict[str, etree._Element],
) -> _Pattern | None:
    scope = Scope(dict(namespaces), dict(known), current=False, document=True)
    lets = _lets(pattern, scope)
    if lets is None:
        return None
    uses = set(scope.uses)
    rules = []
    for rule in pattern.iterfind(f"{_SCH}rule"):
        if rule.get("context") is None:
            continue
        built = _rule(rule, pattern, scope, diagnostics, uses)
        if built is None:
            return None
        rules.append(built)
    return _Pattern(number, lets, tuple(rules), frozenset(uses & set(known)))


def _rule(
    rule: etree._Element,
    pattern: etree._Element,
    outer: Scope,
    diagnostics: dict[str, etree._Element],
    uses: set[str],
) -> _Rule | None:
    prefixes = {
        p: str(u)
        for p, u in rule.nsmap.items()
        if p
        and p not in _RESERVED
        and p not in outer.namespaces
        and u != "urn:x-edition:schematron-compiler"
    }
    namespaces = {**outer.namespaces, **prefixes}
    context_scope = Scope(namespaces, dict(outer.variables), current=False)
    paths = xpath1.context_paths(rule.get("context", ""), context_scope)
    if paths is None or context_scope.positional:
        return None
    candidates = " | ".join(paths)
    scope = Scope(namespaces, dict(outer.variables), current=True)
    lets = _lets(rule, scope)
    if lets is None:
        return None
    checks = []
    for element in rule:
        if element.tag not in (f"{_SCH}assert", f"{_SCH}report"):
            continue
        check = _check(element, rule, pattern, scope, candidates, diagnostics)
        if check is None:
            return None
        checks.append(check)
    uses |= context_scope.uses | scope.uses
    node_by_node = bool(lets) or scope.uses_current
    if node_by_node:
        checks = [replace(c, fires=None) for c in checks]
    return _Rule(_compile(candidates, scope), lets, tuple(checks), node_by_node)


def _check(
    element: etree._Element,
    rule: etree._Element,
    pattern: etree._Element,
    scope: Scope,
    candidates: str,
    diagnostics: dict[str, etree._Element],
) -> _Check | None:
    is_assert = element.tag == f"{_SCH}assert"
    test = xpath1.translate(element.get("test", ""), scope)
    if test is None or scope.positional:
        return None
    message = _message(element, scope)
    extra = []
    for key in (element.get("diagnostics") or "").split():
        target = diagnostics.get(key)
        part = _message(target, scope) if target is not None else ()
        if part is None:
            return None
        extra.append(part)
    if message is None:
        return None
    condition = f"not(({test.text}))" if is_assert else f"({test.text})"
    fires = _compile(f"({candidates})[{condition}]", scope)
    code = (
        element.get("id")
        or rule.get("id")
        or pattern.get("id")
        or f"sch.{'assert' if is_assert else 'report'}"
    )
    role = element.get("role") if element.get("role") is not None else rule.get("role")
    severity = svrl.severity(role, element.get("flag"))
    return _Check(
        fires,
        _compile(f"boolean({test.text})", scope),
        is_assert,
        code,
        severity,
        message,
        tuple(extra),
    )


def _message(element: etree._Element, scope: Scope) -> tuple[Part, ...] | None:
    """The parts of an assert's (or a diagnostic's) text, as generate.xsl writes them."""
    parts: list[Part] = []
    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            if child.tag == f"{_SCH}name":
                path = xpath1.translate(child.get("path") or ".", scope)
                if path is None or path.kind != xpath1.NODES or not path.single:
                    return None
                parts.append(_compile(f"name({path.text})", scope))
            elif child.tag == f"{_SCH}value-of":
                value = xpath1.translate(child.get("select", ""), scope)
                if value is None:
                    return None
                parts.append(_compile(value.text, scope))
            else:
                inner = _message(child, scope)
                if inner is None:
                    return None
                parts.extend(inner)
        if child.tail:
            parts.append(child.tail)
    return tuple(parts)


# --- running ---------------------------------------------------------------------------


def _run(pattern: _Pattern, doc: SourceDocument, outer: dict[str, Any]) -> Iterator[Diagnostic]:
    variables = dict(outer)
    for name, expression in pattern.lets:
        variables[name] = expression(doc.tree, **variables)
    earlier: set[etree._Element] = set()
    last = len(pattern.rules) - 1
    for index, rule in enumerate(pattern.rules):
        if rule.node_by_node:
            for node in rule.candidates(doc.tree, **variables):
                if node not in earlier:
                    yield from _node_by_node(rule, _element(node), doc, variables)
        else:
            for check in rule.checks:
                assert check.fires is not None
                for node in check.fires(doc.tree, **variables):
                    if node not in earlier:
                        yield _diagnostic(check, _element(node), doc, variables)
        if index < last:
            earlier.update(rule.candidates(doc.tree, **variables))


def _node_by_node(
    rule: _Rule, node: etree._Element, doc: SourceDocument, outer: dict[str, Any]
) -> Iterator[Diagnostic]:
    variables = {**outer, xpath1.CURRENT: node}
    for name, expression in rule.lets:
        variables[name] = expression(node, **variables)
    for check in rule.checks:
        if bool(check.test(node, **variables)) != check.is_assert:
            yield _diagnostic(check, node, doc, variables)


def _element(node: Any) -> etree._Element:
    if not isinstance(node, etree._Element) or not isinstance(node.tag, str):
        raise _NotAnElement(repr(node))
    return node


def _diagnostic(
    check: _Check, node: etree._Element, doc: SourceDocument, outer: dict[str, Any]
) -> Diagnostic:
    variables = {**outer, xpath1.CURRENT: node}
    message = _text(check.message, node, variables)
    extra = [_text(parts, node, variables) for parts in check.extra]
    if extra:
        message = "; ".join([message, *[e for e in extra if e]])
    path = doc.locate(node)[0]
    named = svrl.attribute_named(node, message)
    line, column = doc.element_place(node) if named is None else doc.attribute_place(node, named)
    note = doc.inclusion_note(node)
    return Diagnostic(path, line, column, check.severity, check.code, message + note, svrl.ORIGIN)


def _text(parts: tuple[Part, ...], node: etree._Element, variables: dict[str, Any]) -> str:
    pieces = []
    for part in parts:
        pieces.append(part if isinstance(part, str) else _value(part(node, **variables)))
    return " ".join("".join(pieces).split())


def _value(result: Any) -> str:
    """What xsl:value-of writes for an XPath result (items joined with one space)."""
    if isinstance(result, bool):
        return "true" if result else "false"
    if isinstance(result, float):
        return str(int(result)) if result.is_integer() else repr(result)
    if isinstance(result, list):
        return " ".join(
            str(_STRING(item)) if isinstance(item, etree._Element) else str(item) for item in result
        )
    return str(result)
