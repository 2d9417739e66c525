"""Why one element breaks a RELAX NG grammar, in words.

libxml2 decides whether a tree is valid; its messages seldom name the offending element and
often blame a legal sibling. ``relaxng`` finds each element that is wrong in itself; this
module explains it by matching the element's attributes and children against the content
patterns of its definitions (``rng_patterns``: derivatives over child names, as jing does),
and rewrites libxml2's wording when it has nothing better.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from .rng_names import TEI_NS, NameClass, shown, split
from .rng_patterns import Attribute, Grammar, Pat

#: Expected names shown in one message; longer lists end with "and N more".
MAX_LISTED = 12


class Token(NamedTuple):
    """One item of an element's content: a child element or a stretch of text."""

    ns: str
    local: str  # "" for text
    node: etree._Element


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
    matching = [
        a
        for define in g.definitions(*split(element.tag))
        for a in g.attributes(define)[0]
        if a.nc.contains(ns, local)
    ]
    types = {t for a in matching for t in a.datatypes}
    value = element.get(attribute) or ""
    # a good value in the wrong company: ParlaMint's affiliation takes @when or @from, and
    # <affiliation when="1990" from="1990-11-05"> was told that "1990-11-05" is no date
    if not types or any(a.content and g.value_allowed(a, value) for a in matching):
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
    return g.expected(p, everywhere=True)


def root_finding(g: Grammar, root: etree._Element) -> Finding | None:
    """The root element, when the start pattern does not allow its name."""
    start = g.start()
    if g.deriv(start, *split(root.tag)).op != "notAllowed":
        return None
    classes, _ = g.expected(start)
    ns, local = split(root.tag)
    wanted = {n for c in classes for n, name in c.names() if name == local and n != ns}
    if wanted:
        # the right name in the wrong namespace: said plainly, since both print as "TEI"
        where = f'namespace "{ns}"' if ns else "no namespace"
        (expected, *_) = sorted(wanted)
        fix = f'add xmlns="{expected}" to it' if not ns else f'change its namespace to "{expected}"'
        return Finding(
            root,
            "rng.unexpected-element",
            f'the root element "{local}" is in {where}, and the schema expects "{local}" in '
            f'namespace "{expected}": {fix}',
        )
    p4 = (
        "; it is a TEI P4 document: convert it to TEI P5 (the TEI Consortium's p4top5.xsl)"
        if not ns and local in ("TEI.2", "teiCorpus.2")
        else ""
    )
    return Finding(
        root,
        "rng.unexpected-element",
        f"element {_label(root)} is not allowed as the root element; "
        f"expected {names_list(classes)}{p4}",
    )
