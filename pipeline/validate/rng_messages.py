"""Why one element breaks a RELAX NG grammar, in words.

libxml2 decides whether a tree is valid; its messages seldom name the offending element and
often blame a legal sibling. ``relaxng`` finds each element that is wrong in itself; this
module explains it by matching the element's attributes and children against the content
patterns of its definitions (``rng_patterns``: derivatives over child names, as jing does),
and rewrites libxml2's wording when it has nothing better.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from lxml import etree

from ..locators import ID_RULE, id_suggestion, is_ncname
from .rng_names import TEI_NS, XML_NS, NameClass, shown, split
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
    if text[1:2].isupper():
        return text  # an acronym ("IDREF attribute ..."), which lower-casing garbled to "iDREF"
    return text[:1].lower() + text[1:]


# --- explaining one element that libxml2 rejects --------------------------------------------


class Finding(NamedTuple):
    node: etree._Element
    code: str
    message: str
    #: The element whose explanation found it (``explain``), so that an element its parent
    #: explained where it stands (``_check_in_place``) is not explained again out of place.
    subject: etree._Element | None = None
    #: The attribute (Clark name) the finding is about, placed at the attribute itself.
    attribute: str | None = None
    #: A finding about text: "text" (the node's own, after its start tag) or "tail" (after
    #: its end tag), placed where the words begin, as jing names the text's own line.
    text: str | None = None


def label(node: etree._Element) -> str:
    """An element's name as messages give it: quoted, its namespace unless TEI's."""
    return _label(node)


def _label(node: etree._Element) -> str:
    ns, local = split(node.tag)
    if ns in (TEI_NS, ""):
        return f'"{local}"'
    return f'"{local}" (namespace "{ns}")'


def explain(g: Grammar, element: etree._Element, defines: list[str] | None = None) -> list[Finding]:
    """What is wrong with ``element`` itself: its attributes and the sequence of its children.

    Children are matched by name only (relaxng has checked each in isolation already), but a
    child whose name has several defines is matched against those its place allows.
    ``defines``: the element's own defines to match it against (default: all of its name's).
    """
    if defines is None:
        defines = g.definitions(*split(element.tag))
    if not defines:
        return []
    found = [*_check_attributes(g, element, defines), *_check_content(g, element, defines)]
    return [f if f.subject is not None else f._replace(subject=element) for f in found]


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
    has = frozenset(split(name) for name in element.attrib)
    for name, value in element.attrib.items():
        ns, local = split(name)
        present.add((ns, local))
        matching = [a for a in allowed if a.nc.contains(ns, local)]
        if not matching:
            findings.append(
                Finding(
                    element,
                    "rng.unexpected-attribute",
                    f'attribute "{shown(name, element)}" is not allowed on element {label}'
                    + _attribute_hint(ns, local, allowed, has),
                    attribute=name,
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
                        f'attribute "{shown(name, element)}" of element {label} has the value '
                        f'"{value}"; expected {listed}',
                        attribute=name,
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
    value = element.get(attribute) or ""
    # a good value in the wrong company: ParlaMint's affiliation takes @when or @from, and
    # <affiliation when="1990" from="1990-11-05"> was told that "1990-11-05" is no date
    checkable = [a for a in matching if a.content]
    if not checkable or any(g.value_allowed(a, value) for a in checkable):
        return Finding(
            element,
            "rng.unexpected-attribute",
            f'attribute "{shown(attribute, element)}" is not allowed on element {_label(element)} '
            "together with its other attributes",
            attribute=attribute,
        )
    # a value that no pattern of the attribute takes is a bad value, said with what the
    # patterns ask: a list of integers from 1 ("1 0") was "not allowed together with its
    # other attributes", and a date before a minInclusive was told to be "of type date"
    wanted = sorted({_describe_value(list(a.content), g.defines) for a in checkable})
    # a list of named values (metDecl type="met real"): the token that is none of them, as
    # jing names it (probe 19, a sonnet corpus's metDecl type="enjamb")
    listed = list(dict.fromkeys(v for a in checkable for v in g.listed_values(a)))
    strays = [t for t in value.split() if t not in listed]
    if listed and strays and any(_is_list(a.content) for a in checkable):
        expected = names_list([NameClass("name", local=v) for v in listed])
        return Finding(
            element,
            "rng.bad-value",
            f'attribute "{shown(attribute, element)}" of element {_label(element)} has an '
            f'invalid value "{value}"; "{strays[0]}" is not one of {expected}',
            attribute=attribute,
        )
    # a list of typed items: the first token that no item pattern takes alone, when another
    # token is taken alone (so that a list of exactly two numbers does not blame its first);
    # jing names it (probe 20: CMIF's ref="[Authority controlled ID ...]")
    tokens = value.split()
    lists = [a for a in checkable if _is_list(a.content)]
    alone = {t: any(g.value_allowed(a, t) for a in lists) for t in dict.fromkeys(tokens)}
    bad = [t for t in alone if not alone[t]]
    named = f'; "{bad[0]}" is no such item' if bad and len(bad) < len(alone) else ""
    if (ns, local) == (XML_NS, "id") and not is_ncname(value):
        # the reference checker's advice, which this report stands for (check.said): "of
        # type ID" told a scholar nothing of what an id may be (probe 72)
        wanted = [f"an XML name ({ID_RULE})"]
        named = f'; rename it (say "{id_suggestion(value)}") and the pointers to it'
    return Finding(
        element,
        "rng.bad-value",
        f'attribute "{shown(attribute, element)}" of element {_label(element)} has an '
        f'invalid value "{value}"; expected {" or ".join(wanted)}{named}',
        attribute=attribute,
    )


def refused_attributes(g: Grammar, element: etree._Element) -> list[str]:
    """The attributes of ``element`` whose value no datatype of their name takes (a value
    that a choice of named values refuses is told by ``_check_attributes``)."""
    found: list[str] = []
    patterns = [a for define in g.definitions(*split(element.tag)) for a in g.attributes(define)[0]]
    for name, value in element.attrib.items():
        ns, local = split(name)
        matching = [a for a in patterns if a.nc.contains(ns, local)]
        # a pattern of the name with no content takes any text (probe 143: <attribute
        # name="k"/> beside a date-typed k, and the text refused as "no date")
        if any(not a.content for a in matching):
            continue
        checkable = [a for a in matching if a.content]
        if checkable and not any(g.value_allowed(a, value) for a in checkable):
            found.append(name)
    return found


def _is_list(patterns: Iterable[etree._Element]) -> bool:
    """Whether an attribute's pattern is a list of tokens (at its top, or in a choice)."""
    for p in patterns:
        if not isinstance(p.tag, str):
            continue
        kind = etree.QName(p).localname
        if kind == "list" or (kind in ("choice", "group") and _is_list(p)):
            return True
    return False


def _as_written(facet: str) -> str:
    """A facet as the schema gives it: a pattern without the white space that
    ``rng_schema._patterns_after_collapse`` lets around it."""
    facet = facet.strip()
    if facet.startswith(r"\s*(") and facet.endswith(r")\s*"):
        return facet[4:-4]
    return facet


def _describe_value(
    patterns: list[etree._Element],
    defines: dict[str, list[etree._Element]] | None = None,
    seen: frozenset[str] = frozenset(),
) -> str:
    """What a value pattern asks, in words: its values, datatypes with their facets, lists.

    ``defines``: the grammar's defines, to follow a ``ref`` to the datatype it names (an ODD
    schema's list of ``teidata.count``, the DTA's ``div/@n``, was "a space-separated list
    (another value)")."""
    parts: list[str] = []
    plain: list[str] = []  # datatypes without facets, named together (TEI's dates are eight)
    for node in patterns:
        if not isinstance(node.tag, str):
            continue
        kind = etree.QName(node).localname
        if kind == "value":
            parts.append(f'"{" ".join((node.text or "").split())}"')
        elif kind == "data":
            inner = [c for c in node if isinstance(c.tag, str)]
            facets = [
                f"{c.get('name')} {_as_written(c.text or '')}"
                for c in inner
                if etree.QName(c).localname == "param"
            ]
            name = node.get("type") or "token"
            excepted = any(etree.QName(c).localname == "except" for c in inner)
            if not facets and not excepted:
                plain.append(name)
                continue
            text = f'a value of type "{name}"'
            if facets:
                text += " with " + ", ".join(facets)
            if excepted:
                text += " (some values excepted)"
            parts.append(text)
        elif kind == "list":
            items = _items(_list_length(list(node), defines or {}, seen))
            described = _describe_value(list(node), defines, seen)
            parts.append(f"a space-separated list{items} ({described})")
        elif kind in ("choice", "group", "oneOrMore", "zeroOrMore", "optional"):
            parts.append(_describe_value(list(node), defines, seen))
        elif kind == "ref" and defines is not None and node.get("name") not in seen:
            name = node.get("name") or ""
            body = [c for d in defines.get(name, []) for c in d]
            parts.append(_describe_value(body, defines, seen | {name}))
        elif kind == "text":
            parts.append("any text")
    if plain:
        listed = names_list([NameClass("name", local=t) for t in dict.fromkeys(plain)])
        parts.append(f"a value of type {listed}")
    joined = " or ".join(dict.fromkeys(p for p in parts if p))  # a value named twice once
    return joined or "another value"


def _items(length: tuple[int, int | None]) -> str:
    """How many items a list takes, in words, unless it is "one or more" (or any number):
    the Bodleian's layout/@columns takes one or two numbers, TEI's zone/@points three or
    more pairs, and "1 2 3" or "1,2 3,4" said only the items' type."""
    low, high = length
    if high is None:
        return f" of at least {low} items" if low > 1 else ""
    if low == high:
        return f" of {low} item{'s' if low != 1 else ''}"
    return f" of {low} to {high} items"


def _list_length(
    patterns: list[etree._Element], defines: dict[str, list[etree._Element]], seen: frozenset[str]
) -> tuple[int, int | None]:
    """The fewest and most tokens a sequence of list patterns takes (None: no limit)."""
    low = 0
    high: int | None = 0
    for node in patterns:
        if not isinstance(node.tag, str):
            continue
        kind = etree.QName(node).localname
        if kind in ("data", "value"):
            part: tuple[int, int | None] = (1, 1)
        elif kind == "group":
            part = _list_length(list(node), defines, seen)
        elif kind == "choice":
            options = [_list_length([c], defines, seen) for c in node if isinstance(c.tag, str)]
            options = options or [(0, 0)]
            part = (
                min(o[0] for o in options),
                None if any(o[1] is None for o in options) else max(o[1] or 0 for o in options),
            )
        elif kind in ("optional", "zeroOrMore", "oneOrMore"):
            inner = _list_length(list(node), defines, seen)
            part = (
                0 if kind != "oneOrMore" else inner[0],
                inner[1] if kind == "optional" else None if inner[1] else 0,
            )
        elif kind == "ref" and node.get("name") not in seen:
            name = node.get("name") or ""
            body = [c for d in defines.get(name, []) for c in d]
            part = _list_length(body, defines, seen | {name})
        else:
            continue  # documentation, empty
        low += part[0]
        high = None if high is None or part[1] is None else high + part[1]
    return low, high


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
    # each state the content passed through, first met before which child element: where a
    # misplaced child would have been accepted (patterns are interned, so states repeat)
    places: dict[int, tuple[Pat, Token]] = {}
    accepted: list[Token] = []  # the children and texts taken so far, in order
    for token in _tokens(element):
        after = g.deriv(p, token.ns, token.local)
        if after.op != "notAllowed":
            if token.local:
                findings += _check_in_place(g, p, token)
                places.setdefault(id(p), (p, token))
            accepted.append(token)
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
                    text="text" if token.node is element else "tail",
                )
            )
            continue
        child = token.node
        moved = _in_another_namespace(classes, token, label)
        if moved is not None:
            findings.append(Finding(child, "rng.unexpected-element", moved))
            continue
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
                f"expected {expected} inside {label}" + _spelling_hint(g, token, everywhere[0])
            )
        else:
            known = any(nc.contains(token.ns, token.local) for nc in everywhere[0])
            where = "here inside" if known else "inside"
            message = f"element {_label(child)} is not allowed {where} {label}; expected {expected}"
            message += (
                _earlier_hint(g, token, places.values(), accepted)
                if known
                else _wrap_hint(g, token, classes)
            )
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


def _earlier_hint(
    g: Grammar, token: Token, places: Iterable[tuple[Pat, Token]], accepted: list[Token]
) -> str:
    """Where the parent would take a child it refuses here: before the first sibling at whose
    place its content accepts the name (a "head" after the division's first "p"), and after
    which the siblings up to its place are still taken: in a content of any order (a choice's
    two readings) "move it before the corr" fixed nothing (probe 146)."""
    for state, before in places:
        moved = g.deriv(state, token.ns, token.local)
        if moved.op == "notAllowed":
            continue
        start = next((i for i, t in enumerate(accepted) if t is before), None)
        if start is None:
            continue
        for sibling in accepted[start:]:
            moved = g.deriv(moved, sibling.ns, sibling.local)
            if moved.op == "notAllowed":
                break
        else:
            node = before.node
            return f"; move it before the {_label(node)} at line {node.sourceline}"
    return ""


def _wrap_hint(g: Grammar, token: Token, classes: list[NameClass]) -> str:
    """The one element expected here that would take the refused child itself (a "p" in a
    "list" belongs in an "item"); nothing when several would, since which of them the
    writer meant (a "date" after a division: a "docDate", a "closer", a "byline" ...) is
    not the grammar's to say.

    An element the child may hold itself is no candidate: TEI's "note", "fw" or "metamark"
    are allowed almost everywhere, and a "p" in a "list" is not meant to go into a "note"."""
    inside = {
        name
        for d in g.definitions(token.ns, token.local)
        for nc in g.expected(g.content(d), True)[0]
        for name in nc.names()
    }
    containers: dict[str, None] = {}
    for nc in classes:
        if nc.kind != "name" or (nc.ns, nc.local) in inside:
            continue
        for d in g.definitions(nc.ns, nc.local):
            if any(c.contains(token.ns, token.local) for c in g.expected(g.content(d), True)[0]):
                containers[nc.describe()] = None
                break
        if len(containers) > 1:
            return ""
    return f"; put it inside {next(iter(containers))}" if containers else ""


def _spelling_hint(g: Grammar, token: Token, here: list[NameClass]) -> str:
    """A name of the schema the unknown one is likely a misspelling of (its case, a letter
    or two), among those allowed in the parent first."""
    near = sorted({local for nc in here for ns, local in nc.names() if ns == token.ns})
    every = sorted({nc.local for nc, _ in g.elements if nc.kind == "name" and nc.ns == token.ns})
    for candidates in (near, every):
        match = _closest(token.local, candidates)
        if match:
            return f'; did you mean "{match}"?'
    return ""


def _attribute_hint(
    ns: str, local: str, allowed: list[Attribute], present: frozenset[tuple[str, str]]
) -> str:
    """The allowed attribute the refused one is likely meant to be: the same local name in
    another namespace ("id" for "xml:id") or a near spelling, not one the element has
    already (probe 72: `<date when=".." whn="..">` was told to rename "whn" to "when", a
    duplicate attribute); else the attributes it may have, as jing lists them (probe 72:
    `<p when="1851">` was told only that "when" is not allowed)."""
    names = sorted(
        {(a_ns, a_local) for a in allowed for a_ns, a_local in a.nc.names() if a.nc.kind} - present
    )
    for a_ns, a_local in names:
        if a_local == local and a_ns != ns:
            return f'; did you mean "{shown(f"{{{a_ns}}}{a_local}" if a_ns else a_local)}"?'
    match = _closest(local, [a_local for a_ns, a_local in names if a_ns == ns])
    if match:
        return f'; did you mean "{match}"?'
    if any(_wild(a.nc) for a in allowed):
        return ""  # a wildcard: the names would be a part of what is allowed
    listed = sorted(
        f'"{shown(f"{{{a_ns}}}{a_local}" if a_ns else a_local)}"' for a_ns, a_local in names
    )
    if not listed:
        return "; it may have no other attribute"
    if len(listed) > MAX_LISTED:
        return (
            "; expected " + ", ".join(listed[:MAX_LISTED]) + f" and {len(listed) - MAX_LISTED} more"
        )
    return "; expected " + (
        ", ".join(listed[:-1]) + " or " + listed[-1] if len(listed) > 1 else listed[0]
    )


def _wild(nc: NameClass) -> bool:
    return nc.kind in ("any", "ns") or any(_wild(p) for p in nc.parts)


def _closest(name: str, candidates: list[str]) -> str | None:
    lowered = {c.lower(): c for c in candidates}
    if name.lower() in lowered and lowered[name.lower()] != name:
        return lowered[name.lower()]
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)
    if found and found[0] != name:
        return found[0]
    # two letters swapped, which difflib rates below the cutoff in a short name (probe 180:
    # "wehn", "rfe", "cret", "dvi" were given no "did you mean")
    swapped = [c for c in candidates if _one_swap(name.lower(), c.lower())]
    return swapped[0] if len(swapped) == 1 else None


def _one_swap(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with two letters in a row swapped ("wehn", "when")."""
    if len(a) != len(b) or a == b:
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def _in_another_namespace(classes: list[NameClass], token: Token, parent: str) -> str | None:
    """The words for a child whose name is expected here in another namespace, or None.

    An element in no namespace prints as the TEI element of its name, so a Bodleian
    ``msItem`` under an ``xmlns=""`` was "not allowed inside msContents; expected msItem"."""
    wanted = sorted({ns for c in classes for ns, name in c.names() if name == token.local})
    if not wanted or token.ns in wanted:
        return None
    where = f'namespace "{token.ns}"' if token.ns else "no namespace"
    return (
        f'element "{token.local}" is in {where}, and {parent} expects "{token.local}" here in '
        f'namespace "{wanted[0]}": check the xmlns of the element and of its ancestors'
    )


def _check_in_place(g: Grammar, p: Pat, token: Token) -> list[Finding]:
    """A child checked against the defines its place allows, when its name has others too.

    Checked alone, such a child is valid when any define of its name takes it, and libxml2
    then blames the parent ("element note failed to validate attributes", at the parent's
    line): a GROBID page's ``note`` without its required ``place`` is a valid bibliography
    ``note`` elsewhere. And a child that no define takes was explained against all of them
    together ("b" not allowed in an inner ``p`` that takes only "b", since the outer ``p``
    takes text). The parent is explained before its children, and ``relaxng`` explains no
    element again that its parent explained here."""
    every = g.definitions(token.ns, token.local)
    if len(every) < 2:
        return []
    here = g.accepting(p, token.ns, token.local)
    if not here or set(here) == set(every):
        return []
    return explain(g, token.node, here)


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
