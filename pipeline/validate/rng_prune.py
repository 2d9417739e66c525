"""Pruning a prepared RELAX NG grammar to the vocabulary of the documents.

prepared grammar (``rng_schema``) + ``Vocabulary`` (element names, and for each element the
attribute names it carries) -> a grammar with only the element defines those names can
reach, each element with its own copy of the attribute patterns it may carry, patterns that
can match nothing reduced away (RELAX NG 4.20), the original start kept as ``ANY_START`` and
a start that accepts any element. Verdicts stay exact for documents within the vocabulary;
tei_all compiles in well under a second, and most elements are left without attribute
patterns, which libxml2 then validates with a compiled automaton (``rng_compiled``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from .rng_names import RNG_NS, NameClass, content_children, name_class, split
from .rng_schema import GROUPING

_R = f"{{{RNG_NS}}}"

_NA, _EMPTY, _OTHER = "notAllowed", "empty", "other"
ANY_START = "edition.start"


@dataclass(frozen=True)
class Vocabulary:
    """The names a document uses: its elements, and each element's attributes, as
    ``"{ns}element {ns}attribute"`` pairs (Clark notation)."""

    elements: frozenset[str]
    attributes: frozenset[str]

    @classmethod
    def of(cls, root: etree._Element) -> Vocabulary:
        elements: set[str] = set()
        attributes: set[str] = set()
        for element in root.iter(etree.Element):
            tag = element.tag
            elements.add(tag)
            for name in element.keys():  # noqa: SIM118 (iterating an element gives children)
                attributes.add(f"{tag} {name}")
        return cls(frozenset(elements), frozenset(attributes))

    def within(self, other: Vocabulary) -> bool:
        return self.elements <= other.elements and self.attributes <= other.attributes

    def __or__(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(self.elements | other.elements, self.attributes | other.attributes)

    def key(self) -> str:
        return "\n".join(sorted(self.elements)) + "\n\n" + "\n".join(sorted(self.attributes))

    @classmethod
    def from_key(cls, key: str) -> Vocabulary:
        """The vocabulary whose ``key`` is ``key``."""
        elements, _, attributes = key.partition("\n\n")
        return cls(
            frozenset(n for n in elements.split("\n") if n),
            frozenset(n for n in attributes.split("\n") if n),
        )


def _not_allowed(node: etree._Element) -> str:
    parent = node.getparent()
    if parent is not None:
        replacement = etree.Element(_R + "notAllowed")
        replacement.tail = node.tail
        parent.replace(node, replacement)
    return _NA


def _reduce_all(nodes: list[etree._Element], dead: set[str]) -> str:
    """Reduce the patterns of an implicit group; drop its ``empty`` members, which libxml2
    mishandles (a group ending in ``<empty/>`` rejects valid content)."""
    parent = nodes[0].getparent() if nodes else None
    states = [_reduce(n, dead) for n in nodes]
    if _NA in states:
        return _NA
    if parent is not None:
        content = parent[len(parent) - len(nodes) :]  # the name class, if any, comes first
        empties = [c for c in content if c.tag == _R + "empty"]
        keep = 0 if len(empties) < len(content) else 1
        for child in empties[keep:]:
            parent.remove(child)
    return _EMPTY if all(s == _EMPTY for s in states) else _OTHER


def _reduce(node: etree._Element, dead: set[str]) -> str:
    """Rewrite patterns that can match nothing to notAllowed (RELAX NG 4.20), in place."""
    kind = etree.QName(node).localname
    if kind in ("notAllowed", "empty"):
        return _NA if kind == "notAllowed" else _EMPTY
    if kind == "ref":
        return _not_allowed(node) if node.get("name") in dead else _OTHER
    if kind in ("element", "attribute"):
        content = content_children(node)
        if content and _reduce_all(content, dead) == _NA:
            return _not_allowed(node)
        return _OTHER
    children = list(node)
    if kind == "choice":
        states = [_reduce(c, dead) for c in children]
        for child in list(node):
            if child.tag == _R + "notAllowed":
                node.remove(child)
        if not len(node):
            return _not_allowed(node)
        return _EMPTY if all(s == _EMPTY for s in states if s != _NA) else _OTHER
    if kind in ("optional", "zeroOrMore"):
        state = _reduce_all(children, dead)
        if state == _NA:
            parent = node.getparent()
            assert parent is not None
            parent.replace(node, etree.Element(_R + "empty"))
            return _EMPTY
        return state
    if kind in ("group", "interleave", "oneOrMore", "mixed", "list"):
        state = _reduce_all(children, dead)
        if state == _NA:
            return _not_allowed(node)
        parent = node.getparent()
        if state == _EMPTY and kind != "mixed" and kind != "list" and parent is not None:
            # A group left with nothing but <empty/> (tei_all's objectDesc and history:
            # "p+ | (supportDesc?, layoutDesc?)" pruned to a vocabulary without those two) is
            # <empty/> itself; libxml2 rejected the empty element against the group.
            replacement = etree.Element(_R + "empty")
            replacement.tail = node.tail
            parent.replace(node, replacement)
        return state
    return _OTHER  # text, data, value


def _dead_defines(grammar: etree._Element, dead: set[str]) -> set[str]:
    """The defines that can match nothing, given those known to be ``dead`` already."""
    dead = set(dead)
    while True:
        states: dict[str, list[tuple[str, str]]] = {}
        for define in grammar.iterchildren(_R + "define"):
            state = _reduce_all(list(define), dead)
            name = define.get("name") or ""
            states.setdefault(name, []).append((state, define.get("combine") or ""))
        newly = {
            name
            for name, parts in states.items()
            if name not in dead
            and (
                any(s == _NA for s, _ in parts)
                if any(c == "interleave" for _, c in parts)
                else all(s == _NA for s, _ in parts)
            )
        }
        if not newly:
            return dead
        dead |= newly


def _attribute_defines(grammar: etree._Element) -> dict[str, list[etree._Element]]:
    """The defines, other than element defines, whose patterns hold attributes."""
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iterchildren(_R + "define"):
        if not (len(define) == 1 and define[0].tag == _R + "element"):
            defines.setdefault(define.get("name") or "", []).append(define)
    found = {
        n for n, ds in defines.items() if any(True for d in ds for _ in d.iter(_R + "attribute"))
    }
    while True:
        more = {
            name
            for name, ds in defines.items()
            if name not in found
            and any(r.get("name") in found for d in ds for r in d.iter(_R + "ref"))
        }
        if not more:
            return {name: defines[name] for name in found}
        found |= more


def _inline(defines: list[etree._Element], wrap: bool) -> list[etree._Element]:
    """Copies of the patterns of ``defines``, to put in place of a ref to them. No needless
    ``group``: libxml2 rejects valid content when a group of attributes follows text."""
    parts = []
    for define in defines:
        children = [copy.deepcopy(c) for c in define]
        if len(children) == 1 or (len(defines) == 1 and not wrap):
            parts.extend(children)
        else:
            group = etree.Element(_R + "group")
            group.extend(children)
            parts.append(group)
    if len(defines) == 1:
        return parts
    combine = "interleave" if any(d.get("combine") == "interleave" for d in defines) else "choice"
    wrapper = etree.Element(_R + combine)
    wrapper.extend(parts)
    return [wrapper]


def _inline_refs(
    node: etree._Element,
    attribute_defines: dict[str, list[etree._Element]],
    zero: dict[str, str] | None = None,
) -> None:
    """Replace refs to attribute defines by copies of them; with ``zero`` (for an element
    that carries no attribute), by what they amount to without attributes when known."""
    while True:
        refs = [r for r in node.iter(_R + "ref") if r.get("name") in attribute_defines]
        if not refs:
            return
        for ref in refs:
            parent = ref.getparent()
            assert parent is not None
            index = parent.index(ref)
            state = zero.get(ref.get("name") or "", _OTHER) if zero is not None else _OTHER
            if state != _OTHER:
                parent[index : index + 1] = [etree.Element(_R + state)]
                continue
            grouped = etree.QName(parent).localname in GROUPING
            parent[index : index + 1] = _inline(attribute_defines[ref.get("name")], not grouped)


def _zero_states(attribute_defines: dict[str, list[etree._Element]]) -> dict[str, str]:
    """What each attribute define amounts to on an element without attributes."""
    states = {}
    for name, defines in attribute_defines.items():
        holder = etree.Element(_R + "group")
        holder.extend(_inline(defines, wrap=False))
        _inline_refs(holder, attribute_defines)
        for attribute in list(holder.iter(_R + "attribute")):
            _not_allowed(attribute)
        states[name] = _reduce_all(list(holder), set())
    return states


def _specialise_attributes(
    element: etree._Element,
    attribute_defines: dict[str, list[etree._Element]],
    zero: dict[str, str],
    owners: dict[tuple[str, str], set[tuple[str, str]]],
) -> None:
    """Give ``element`` its own copy of the attribute patterns it refers to, keeping only
    those whose names occur on such elements in the documents. Exact for those documents,
    and it lets libxml2 compile the content of elements that carry no attribute into an
    automaton: validation is several times faster."""
    nc = name_class(element)
    names = {a for owner, found in owners.items() if nc.contains(*owner) for a in found}
    _inline_refs(element, attribute_defines, None if names else zero)
    for node in list(element.iter(_R + "attribute")):
        if not _matches(name_class(node), names):
            _not_allowed(node)


def _matches(nc: NameClass, names: set[tuple[str, str]]) -> bool:
    if nc.kind == "name":
        return (nc.ns, nc.local) in names
    return any(nc.contains(ns, local) for ns, local in names)


def _reachable_copy(
    prepared: etree._Element, elements: set[tuple[str, str]]
) -> tuple[etree._Element, set[str]]:
    """A copy of the start and of the defines reachable from it or from an element define
    whose name occurs in ``elements``; and the names of the element defines left out."""
    defines: dict[str, list[etree._Element]] = {}
    for define in prepared.iterchildren(_R + "define"):
        defines.setdefault(define.get("name") or "", []).append(define)
    dead: set[str] = set()
    live: list[str] = []
    for name, nodes in defines.items():
        if len(nodes) == 1 and len(nodes[0]) == 1 and nodes[0][0].tag == _R + "element":
            if _matches(name_class(nodes[0][0]), elements):
                live.append(name)
            else:
                dead.add(name)
    starts = list(prepared.iterchildren(_R + "start"))
    todo = live + [r.get("name") or "" for s in starts for r in s.iter(_R + "ref")]
    reached: set[str] = set()
    while todo:
        name = todo.pop()
        if name in reached or name in dead:
            continue
        reached.add(name)
        todo.extend(r.get("name") or "" for d in defines.get(name, []) for r in d.iter(_R + "ref"))
    grammar = etree.Element(prepared.tag, nsmap=prepared.nsmap)
    for node in prepared:
        if node.tag == _R + "start" or (node.tag == _R + "define" and node.get("name") in reached):
            grammar.append(copy.deepcopy(node))
    return grammar, dead


def prune(
    prepared: etree._Element, vocabulary: Vocabulary, zero: dict[str, str] | None = None
) -> etree._Element:
    """The grammar restricted to ``vocabulary``, with the original start kept as the define
    ``edition.start`` and a start that accepts any element the grammar defines."""
    elements = {split(n) for n in vocabulary.elements}
    grammar, dead = _reachable_copy(prepared, elements)
    owners: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for pair in vocabulary.attributes:
        owner, _, attribute = pair.partition(" ")
        owners.setdefault(split(owner), set()).add(split(attribute))
    attribute_defines = _attribute_defines(grammar)
    if zero is None:
        zero = _zero_states(attribute_defines)
    for node in list(grammar.iter(_R + "element")):
        _specialise_attributes(node, attribute_defines, zero, owners)
    dead = _dead_defines(grammar, dead)
    for start in grammar.iterchildren(_R + "start"):
        _reduce_all(list(start), dead)
        start.tag = _R + "define"
        start.set("name", ANY_START)
    element_defines = []
    for define in list(grammar.iterchildren(_R + "define")):
        if define.get("name") in dead:
            grammar.remove(define)
        elif len(define) == 1 and define[0].tag == _R + "element":
            element_defines.append(define.get("name") or "")
    _drop_unreachable(grammar, element_defines)
    _flatten_repeats(grammar)
    _unnest_repeats(grammar)
    start = etree.SubElement(grammar, _R + "start")
    choice = etree.SubElement(start, _R + "choice")
    for name in element_defines:
        etree.SubElement(choice, _R + "ref", name=name)
    if not element_defines:
        etree.SubElement(choice, _R + "notAllowed")
    return grammar


_REPEATS = (_R + "oneOrMore", _R + "zeroOrMore")


def _flatten_repeats(grammar: etree._Element) -> None:
    """A repetition of nothing but a repetition is one repetition: ``(p+)+`` is ``p+``, and
    ``(p*)+``, ``(p+)*`` and ``(p*)*`` are ``p*``. Pruning leaves such nests (tei_all's
    listBibl, ``(biblLike+, milestoneLike*)+``, becomes ``(bibl+)+`` where no milestone is
    used), and libxml2 follows every way of splitting the children among the two: a listBibl
    of 2,000 entries took 4 s to validate, of 4,000 entries 29 s."""
    for outer in list(grammar.iter(*_REPEATS)):
        while len(outer) == 1 and outer[0].tag in _REPEATS:
            inner = outer[0]
            if inner.tag == _R + "zeroOrMore":
                outer.tag = inner.tag
            outer.remove(inner)
            outer.extend(inner)


def _pattern(items: list[etree._Element]) -> etree._Element:
    """``items`` as one pattern: the one item, else a group of them."""
    if len(items) == 1:
        return items[0]
    group = etree.Element(_R + "group")
    group.extend(items)
    return group


def _unnest_repeats(grammar: etree._Element) -> None:
    """A repetition of a repetition and a repetition after it, ``(X+, Y*)+``, is ``X, (X |
    Y)*``: the same sequences (an X first, then X and Y in any order), one repetition. Where
    the vocabulary keeps both (tei_all's listBibl, ``(biblLike+, milestoneLike*)+``, in a
    corpus that uses a milestone anywhere: a worker's grammar grows to every name it met),
    libxml2 followed every way of sharing the entries between the two repetitions: a
    listBibl of 3,000 entries took 25 s to validate, after the ELTeC novels, and 0.3 s
    alone. ``(X+, Y*)*`` is the same, optional."""
    for outer in list(grammar.iter(*_REPEATS)):
        items = list(outer[0]) if len(outer) == 1 and outer[0].tag == _R + "group" else list(outer)
        if not (
            len(items) == 2
            and items[0].tag == _R + "oneOrMore"
            and items[1].tag == _R + "zeroOrMore"
            and len(items[0]) > 0
            and len(items[1]) > 0
        ):
            continue
        first = list(items[0])
        again = etree.Element(_R + "zeroOrMore")
        choice = etree.SubElement(again, _R + "choice")
        choice.append(_pattern([copy.deepcopy(item) for item in first]))
        choice.append(_pattern(list(items[1])))
        sequence = etree.Element(_R + "group")
        sequence.extend(first)
        sequence.append(again)
        if outer.tag == _R + "zeroOrMore":
            optional = etree.Element(_R + "optional")
            optional.append(sequence)
            sequence = optional
        sequence.tail = outer.tail
        parent = outer.getparent()
        if parent is not None:
            parent.replace(outer, sequence)


def _drop_unreachable(grammar: etree._Element, roots: list[str]) -> None:
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iterchildren(_R + "define"):
        defines.setdefault(define.get("name") or "", []).append(define)
    reached: set[str] = set()
    todo = [*roots, ANY_START]
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        for define in defines.get(name, []):
            todo.extend(r.get("name") or "" for r in define.iter(_R + "ref"))
    for name, nodes in defines.items():
        if name not in reached:
            for node in nodes:
                grammar.remove(node)


def zero_states_of(prepared: etree._Element) -> dict[str, str]:
    """What each attribute define of ``prepared`` amounts to on an element without
    attributes: the same for every vocabulary, so worked out once per schema for ``prune``."""
    return _zero_states(_attribute_defines(prepared))
