"""RELAX NG validation of gated trees, reporting every invalid element readably.

schema file -> hardened parse; includes and externalRefs flattened (local files only);
annotations stripped; one define per element pattern ("prepared", cached on disk)
-> pruned to the vocabulary of the documents: element names, and for each element the
attribute names it carries (cached on disk). Pruning keeps verdicts exact for documents
within that vocabulary, makes tei_all compile in well under a second, and leaves most
elements without attribute patterns, which libxml2 then validates with a compiled automaton
-> libxml2 (lxml), compiled once per vocabulary and process, decides valid or not.
For an invalid document a top-down search validates subtrees in isolation (the pruned
grammar's start accepts any of its elements) to find each element that is wrong in itself,
and ``rng_messages`` says what is wrong with it. The caller's tree is never modified.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, Severity
from ..errors import EditionError
from ..gate import SourceDocument
from ..io import write_text_atomic
from ..paths import cache_dir
from . import rng_messages
from .rng_messages import RNG_NS, Grammar, NameClass

#: Bump when the prepared or pruned form changes, so stale cache files are not read.
CACHE_VERSION = "7"

_R = f"{{{RNG_NS}}}"
_DEPS = "{urn:x-edition:cache}deps"


def _schema_parser() -> etree.XMLParser:
    # Internal entities are expanded (dropping them would change the schema); external ones,
    # DTDs and the network are never read.
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )


# --- preparing a schema: flatten, strip, make names explicit -----------------------------


def _parse_schema(path: Path, deps: dict[Path, str]) -> etree._Element:
    try:
        data = path.read_bytes()
        deps[path] = hashlib.sha256(data).hexdigest()
        return etree.fromstring(data, _schema_parser(), base_url=str(path))
    except OSError as exc:
        raise EditionError(f"cannot read the schema {path}: {exc.strerror}") from exc
    except etree.XMLSyntaxError as exc:
        raise EditionError(f"the schema {path} is not well-formed XML: {exc}") from exc


def _load(
    path: Path, inherited_ns: str | None, stack: tuple[Path, ...], deps: dict[Path, str]
) -> etree._Element:
    """One schema file with its includes and externalRefs replaced by their content."""
    if path in stack:
        raise EditionError(f"the schema {path} includes itself")
    root = _parse_schema(path, deps)
    if not isinstance(root.tag, str) or not root.tag.startswith(_R):
        raise EditionError(f"{path} is not a RELAX NG schema in XML syntax")
    _strip_foreign(root)
    if inherited_ns is not None and root.get("ns") is None:
        root.set("ns", inherited_ns)
    _make_names_explicit(root)
    for node in list(root.iter(_R + "include", _R + "externalRef")):
        target = _local_href(node, path)
        loaded = _load(target, node.get("ns"), (*stack, path), deps)
        if node.tag == _R + "externalRef":
            _replace(node, loaded)
        else:
            _merge_include(node, loaded, target)
    return root


def _local_href(node: etree._Element, base: Path) -> Path:
    href = (node.get("href") or "").strip()
    if not href or "://" in href or href.startswith(("//", "file:")):
        raise EditionError(f"{base}: only local files can be included (href={href!r}); never a URL")
    target = (base.parent / href).resolve()
    if not target.is_file():
        raise EditionError(f"{base}: the included schema {href} does not exist")
    return target


def _strip_foreign(root: etree._Element) -> None:
    """Drop annotations: elements and attributes of other namespaces, comments, PIs."""
    for node in list(root.iter()):
        if not isinstance(node.tag, str) or not node.tag.startswith(_R):
            parent = node.getparent()
            if parent is not None:
                _remove(node)
            continue
        for name in list(node.attrib):
            if name.startswith("{"):
                del node.attrib[name]
        if len(node) and node.tag not in (_R + "value", _R + "param", _R + "name"):
            node.text = None
            for child in node:
                child.tail = None


def _remove(node: etree._Element) -> None:
    parent = node.getparent()
    assert parent is not None
    parent.remove(node)


def _make_names_explicit(root: etree._Element) -> None:
    """Give every name, namespace and datatype library its value where it is used, so that
    patterns can be moved to other parents without changing their meaning."""
    for node in root.iter(_R + "*"):
        kind = etree.QName(node).localname
        if kind in ("element", "attribute") and node.get("name") is not None:
            _resolve_qname(node, inherited=kind == "element")
        elif kind in ("name", "nsName", "value", "include", "externalRef"):
            if node.get("ns") is None:
                node.set("ns", _inherited(node, "ns"))
            if kind == "name" and ":" in (node.text or ""):
                prefix, local = (node.text or "").strip().split(":", 1)
                node.set("ns", _prefix_uri(node, prefix))
                node.text = local
        if kind in ("data", "value") and node.get("datatypeLibrary") is None:
            node.set("datatypeLibrary", _inherited(node, "datatypeLibrary"))


def _resolve_qname(node: etree._Element, *, inherited: bool) -> None:
    name = (node.get("name") or "").strip()
    if ":" in name:
        prefix, local = name.split(":", 1)
        node.set("ns", _prefix_uri(node, prefix))
        node.set("name", local)
    elif node.get("ns") is None:
        node.set("ns", _inherited(node, "ns") if inherited else "")
    else:
        node.set("name", name)


def _inherited(node: etree._Element, attribute: str) -> str:
    current: etree._Element | None = node
    while current is not None:
        value = current.get(attribute)
        if value is not None:
            return str(value)
        current = current.getparent()
    return ""


def _prefix_uri(node: etree._Element, prefix: str) -> str:
    uri = rng_messages.XML_NS if prefix == "xml" else node.nsmap.get(prefix)
    if uri is None:
        raise EditionError(f"the schema uses the undeclared prefix {prefix!r}")
    return str(uri)


def _replace(old: etree._Element, new: etree._Element) -> None:
    parent = old.getparent()
    if parent is None:
        raise EditionError("a schema cannot consist of an externalRef alone")
    parent.replace(old, new)


def _merge_include(node: etree._Element, grammar: etree._Element, target: Path) -> None:
    """RELAX NG 4.7: the included grammar's components, minus those the include overrides."""
    if grammar.tag != _R + "grammar":
        raise EditionError(f"the included schema {target} is not a grammar")
    overrides = {d.get("name") for d in node.iter(_R + "define")}
    overrides_start = any(True for _ in node.iter(_R + "start"))
    for component in list(grammar.iter(_R + "define", _R + "start")):
        if _in_nested_grammar(component, grammar):
            continue
        overridden = (
            overrides_start if component.tag == _R + "start" else component.get("name") in overrides
        )
        if overridden:
            _remove(component)
    div = etree.Element(_R + "div")
    div.extend(list(grammar))
    div.extend(list(node))
    _replace(node, div)


def _in_nested_grammar(node: etree._Element, grammar: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not grammar:
        if parent.tag == _R + "grammar":
            return True
        parent = parent.getparent()
    return False


def _flatten_divs(grammar: etree._Element) -> None:
    for div in reversed(list(grammar.iter(_R + "div"))):
        parent = div.getparent()
        assert parent is not None
        index = parent.index(div)
        parent[index : index + 1] = list(div)


def _flatten_groups(root: etree._Element) -> None:
    """Splice groups into the patterns that group their children anyway: the same meaning,
    and libxml2 rejects valid text when a group of attributes follows mixed content."""
    for group in reversed(list(root.iter(_R + "group"))):
        parent = group.getparent()
        if parent is not None and etree.QName(parent).localname in _GROUPING:
            index = parent.index(group)
            parent[index : index + 1] = list(group)


def _scope(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != _R + "grammar":
        parent = parent.getparent()
    return parent


def _flatten_grammars(root: etree._Element, schema: Path) -> None:
    """RELAX NG 4.18: the defines of nested grammars (an externalRef to a grammar) renamed
    apart and moved to the top grammar; each nested grammar replaced by its start."""
    nested = [g for g in root.iter(_R + "grammar") if g is not root]
    renames: dict[int, dict[str, str]] = {id(root): {}}
    for number, grammar in enumerate(nested, 1):
        renames[id(grammar)] = {
            d.get("name") or "": f"{d.get('name')}.grammar{number}"
            for d in grammar.iter(_R + "define")
            if _scope(d) is grammar
        }
    for ref in list(root.iter(_R + "ref", _R + "parentRef")):
        target = _scope(ref)
        if ref.tag == _R + "parentRef":
            target = _scope(target) if target is not None else None
            if target is None:
                raise EditionError(f"{schema}: parentRef outside a nested grammar")
            ref.tag = _R + "ref"
        assert target is not None
        name = ref.get("name") or ""
        ref.set("name", renames[id(target)].get(name, name))
    for grammar in reversed(nested):
        for define in [c for c in grammar if c.tag == _R + "define"]:
            define.set("name", renames[id(grammar)][define.get("name") or ""])
            root.append(define)
        starts = [c for c in grammar if c.tag == _R + "start"]
        if len(starts) != 1 or len(starts[0]) != 1:
            raise EditionError(f"{schema}: a nested grammar needs exactly one start pattern")
        _replace(grammar, starts[0][0])


def _extract_elements(grammar: etree._Element) -> None:
    """Put every element pattern alone into a define of its own (RELAX NG 4.19)."""
    counter = 0
    for element in list(grammar.iter(_R + "element")):
        parent = element.getparent()
        assert parent is not None
        if (
            parent.tag == _R + "define"
            and parent.getparent() is grammar
            and parent.get("combine") is None
            and len(parent) == 1
        ):
            continue
        counter += 1
        name = f"edition.element.{counter}"
        define = etree.SubElement(grammar, _R + "define", name=name)
        parent.replace(element, etree.Element(_R + "ref", name=name))
        define.append(element)


def prepare(schema: Path, deps: dict[Path, str]) -> etree._Element:
    """The schema as one grammar with explicit names and one define per element pattern."""
    root = _load(schema.resolve(), None, (), deps)
    if root.tag != _R + "grammar":
        grammar = etree.Element(_R + "grammar")
        etree.SubElement(grammar, _R + "start").append(root)
        root = grammar
    _flatten_divs(root)
    _flatten_grammars(root, schema)
    _flatten_groups(root)
    defined = {d.get("name") for d in root.iter(_R + "define")}
    for ref in root.iter(_R + "ref"):
        if ref.get("name") not in defined:
            raise EditionError(f"{schema}: reference to the undefined pattern {ref.get('name')!r}")
    if not any(True for _ in root.iterchildren(_R + "start")):
        raise EditionError(f"{schema}: the grammar has no start pattern")
    _extract_elements(root)
    return root


# --- pruning to a vocabulary ---------------------------------------------------------------

_NA, _EMPTY, _OTHER = "notAllowed", "empty", "other"
_ANY_START = "edition.start"


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
        content = rng_messages.content_children(node)
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
        return _not_allowed(node) if state == _NA else state
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


#: Patterns whose children form a group: a define's patterns can be spliced into them.
_GROUPING = {"element", "define", "group", "oneOrMore", "zeroOrMore", "optional", "mixed", "list"}


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
            grouped = etree.QName(parent).localname in _GROUPING
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
    nc = rng_messages.name_class(element)
    names = {a for owner, found in owners.items() if nc.contains(*owner) for a in found}
    _inline_refs(element, attribute_defines, None if names else zero)
    for node in list(element.iter(_R + "attribute")):
        if not _matches(rng_messages.name_class(node), names):
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
            if _matches(rng_messages.name_class(nodes[0][0]), elements):
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
    elements = {rng_messages.split(n) for n in vocabulary.elements}
    grammar, dead = _reachable_copy(prepared, elements)
    owners: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for pair in vocabulary.attributes:
        owner, _, attribute = pair.partition(" ")
        owners.setdefault(rng_messages.split(owner), set()).add(rng_messages.split(attribute))
    attribute_defines = _attribute_defines(grammar)
    if zero is None:
        zero = _zero_states(attribute_defines)
    for node in list(grammar.iter(_R + "element")):
        _specialise_attributes(node, attribute_defines, zero, owners)
    dead = _dead_defines(grammar, dead)
    for start in grammar.iterchildren(_R + "start"):
        _reduce_all(list(start), dead)
        start.tag = _R + "define"
        start.set("name", _ANY_START)
    element_defines = []
    for define in list(grammar.iterchildren(_R + "define")):
        if define.get("name") in dead:
            grammar.remove(define)
        elif len(define) == 1 and define[0].tag == _R + "element":
            element_defines.append(define.get("name") or "")
    _drop_unreachable(grammar, element_defines)
    start = etree.SubElement(grammar, _R + "start")
    choice = etree.SubElement(start, _R + "choice")
    for name in element_defines:
        etree.SubElement(choice, _R + "ref", name=name)
    if not element_defines:
        etree.SubElement(choice, _R + "notAllowed")
    return grammar


def _drop_unreachable(grammar: etree._Element, roots: list[str]) -> None:
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iterchildren(_R + "define"):
        defines.setdefault(define.get("name") or "", []).append(define)
    reached: set[str] = set()
    todo = [*roots, _ANY_START]
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


# --- compiled schemas, one per vocabulary ----------------------------------------------------


def _compile(grammar: etree._Element, schema: Path) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(etree.ElementTree(grammar))
    except etree.RelaxNGParseError as exc:
        first = next(iter(exc.error_log), None)
        detail = first.message if first is not None else str(exc)
        raise EditionError(f"the schema {schema} cannot be compiled: {detail}") from exc


@dataclass
class _Compiled:
    """A pruned grammar compiled with a start that accepts any of its elements."""

    schema: Path
    vocabulary: Vocabulary
    grammar: etree._Element
    start: frozenset[str] | None  # element defines of the real start; None: not that simple
    elements: list[tuple[NameClass, str]]
    any_element: etree.RelaxNG | None
    _main: etree.RelaxNG | None = field(default=None, repr=False)

    @classmethod
    def build(cls, schema: Path, grammar: etree._Element, vocabulary: Vocabulary) -> _Compiled:
        start = _start_refs(grammar)
        elements = [
            (rng_messages.name_class(d[0]), d.get("name") or "")
            for d in grammar.iterchildren(_R + "define")
            if len(d) == 1 and d[0].tag == _R + "element"
        ]
        compiled = _compile(grammar, schema) if elements else None
        frozen = frozenset(start) if start is not None else None
        return cls(schema, vocabulary, grammar, frozen, elements, compiled)

    def matching(self, element: etree._Element) -> set[str]:
        ns, local = rng_messages.split(element.tag)
        return {name for nc, name in self.elements if nc.contains(ns, local)}

    def valid(self, tree: etree._ElementTree) -> bool:
        matching = self.matching(tree.getroot())
        if self.any_element is None or not matching:
            return False
        if self.start is not None and matching <= self.start:
            return bool(self.any_element.validate(tree))
        if self.start is not None and not matching & self.start:
            return False
        return bool(self._main_schema().validate(tree))

    def valid_alone(self, element: etree._Element) -> bool:
        return self.any_element is not None and bool(self.any_element.validate(element))

    def errors_alone(self, element: etree._Element) -> list[etree._LogEntry]:
        if self.any_element is None or self.any_element.validate(element):
            return []
        return list(self.any_element.error_log)

    def _main_schema(self) -> etree.RelaxNG:
        if self._main is None:
            main = copy.deepcopy(self.grammar)
            for start in main.iterchildren(_R + "start"):
                start[:] = [etree.Element(_R + "ref", name=_ANY_START)]
            self._main = _compile(main, self.schema)
        return self._main


def _start_refs(grammar: etree._Element) -> list[str] | None:
    """The element defines the real start is a choice of, or None if it is more than that."""
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iterchildren(_R + "define"):
        defines.setdefault(define.get("name") or "", []).append(define)
    found: list[str] = []
    stack = [_ANY_START]
    while stack:
        parts = defines.get(stack.pop(), [])
        if len(parts) == 1 and len(parts[0]) == 1 and parts[0][0].tag == _R + "element":
            found.append(parts[0].get("name") or "")
            continue
        if any(d.get("combine") == "interleave" for d in parts) or any(len(d) != 1 for d in parts):
            return None
        nodes = [d[0] for d in parts]
        while nodes:
            node = nodes.pop()
            if node.tag == _R + "choice":
                nodes.extend(node)
            elif node.tag == _R + "ref":
                stack.append(node.get("name") or "")
            elif node.tag != _R + "notAllowed":
                return None
    return found


# --- the disk cache: prepared and pruned grammars, keyed by content --------------------------


def _cache_path(key: str) -> Path:
    return cache_dir() / "relaxng" / f"{key}.rng"


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode() if isinstance(part, str) else part)
    return h.hexdigest()


def _cache_read(key: str) -> etree._Element | None:
    try:
        data = _cache_path(key).read_bytes()
        return etree.fromstring(data, _schema_parser())
    except (OSError, etree.XMLSyntaxError, ValueError):
        return None


def _cache_write(key: str, root: etree._Element) -> None:
    # A cache that cannot be written only costs time.
    with contextlib.suppress(OSError, ValueError):
        write_text_atomic(_cache_path(key), etree.tostring(root, encoding="unicode"))


def _deps_current(root: etree._Element) -> bool:
    for line in (root.get(_DEPS) or "").splitlines():
        path, _, digest = line.rpartition("\t")
        try:
            if hashlib.sha256(Path(path).read_bytes()).hexdigest() != digest:
                return False
        except OSError:
            return False
    return True


def load_prepared(schema: Path) -> tuple[etree._Element, str]:
    """The prepared grammar (from the disk cache when current) and its content digest."""
    resolved = schema.resolve()
    try:
        data = resolved.read_bytes()
    except OSError as exc:
        raise EditionError(f"cannot read the schema {schema}: {exc.strerror}") from exc
    key = _digest("prepared", str(resolved), data)
    cached = _cache_read(key)
    if cached is not None and _deps_current(cached):
        return cached, _digest(cached.get(_DEPS) or "")
    deps: dict[Path, str] = {}
    root = prepare(resolved, deps)
    root.set(_DEPS, "\n".join(f"{p}\t{d}" for p, d in sorted(deps.items())))
    _cache_write(key, root)
    return root, _digest(root.get(_DEPS) or "")


# --- the validator ---------------------------------------------------------------------------

_ORIGIN = "relaxng"


class RelaxNGValidator:
    """Validates gated documents against one schema; compiled once per vocabulary."""

    def __init__(self, schema: Path) -> None:
        self.schema = schema
        self._prepared, self._digest = load_prepared(schema)
        self._compiled: _Compiled | None = None
        self._grammar: Grammar | None = None
        self._zero: dict[str, str] | None = None

    def compiled_for(self, vocabulary: Vocabulary) -> _Compiled:
        current = self._compiled
        if current is not None and vocabulary.within(current.vocabulary):
            return current
        if current is not None:
            vocabulary = vocabulary | current.vocabulary  # grow, so compiles stay rare
        key = _digest("pruned", self._digest, vocabulary.key())
        grammar = _cache_read(key)
        if grammar is None:
            if self._zero is None:
                self._zero = _zero_states(_attribute_defines(self._prepared))
            grammar = prune(self._prepared, vocabulary, self._zero)
            _cache_write(key, grammar)
        self._compiled = _Compiled.build(self.schema, grammar, vocabulary)
        return self._compiled

    def warm(self, docs: Iterable[SourceDocument]) -> None:
        """Compile once for all of ``docs`` (optional: otherwise the grammar is pruned and
        compiled again each time a document brings names the last compile did not know)."""
        vocabulary = Vocabulary(frozenset(), frozenset())
        for doc in docs:
            vocabulary = vocabulary | Vocabulary.of(doc.root)
        self.compiled_for(vocabulary)

    @property
    def grammar(self) -> Grammar:
        if self._grammar is None:
            self._grammar = Grammar(self._prepared)
        return self._grammar

    def validate(self, doc: SourceDocument, max_errors: int = 100) -> list[Diagnostic]:
        """One diagnostic per invalid element (at most ``max_errors``, at least one for an
        invalid document); none for a valid one. Never modifies ``doc``."""
        compiled = self.compiled_for(Vocabulary.of(doc.root))
        if compiled.valid(doc.tree):
            return []
        limit = max(1, max_errors)
        findings = self._explain(doc.root, compiled, limit)
        if not findings:
            findings = [_fallback(doc.root, compiled)]
        findings.sort(key=lambda f: f.node.sourceline or 0)
        shown = doc.display
        return [
            Diagnostic(shown, f.node.sourceline, None, Severity.ERROR, f.code, f.message, _ORIGIN)
            for f in findings[:limit]
        ]

    def _explain(
        self, root: etree._Element, compiled: _Compiled, budget: int
    ) -> list[rng_messages.Finding]:
        g = self.grammar
        found: dict[tuple[int, str, str], rng_messages.Finding] = {}
        finding = rng_messages.root_finding(g, root)
        if finding is not None:
            found[(id(root), finding.code, finding.message)] = finding
            if not g.definitions(*rng_messages.split(root.tag)):
                return list(found.values())
        explained: set[int] = set()
        for element, culprit in _invalid_elements(compiled, root, budget):
            target: etree._Element | None = element
            while target is not None and not g.definitions(*rng_messages.split(target.tag)):
                target = target.getparent()
            if target is None or id(target) in explained:
                continue
            explained.add(id(target))
            findings = rng_messages.explain(g, target)
            if culprit:
                findings += _libxml2_findings(g, target, compiled, findings)
            for finding in findings:
                found.setdefault((id(finding.node), finding.code, finding.message), finding)
            if len(found) >= budget:
                break
        return list(found.values())


def _invalid_elements(
    compiled: _Compiled, root: etree._Element, budget: int
) -> list[tuple[etree._Element, bool]]:
    """The elements invalid on their own, in document order, each with whether it is a
    culprit: invalid though each of its children is valid on its own. Only culprits need
    libxml2's word; the others may still break the grammar by their own attributes or by
    the names and order of their children, which ``rng_messages.explain`` checks."""
    found: list[tuple[etree._Element, bool]] = []
    culprits = 0

    def visit(element: etree._Element) -> None:
        nonlocal culprits
        bad = [c for c in element.iterchildren(etree.Element) if not compiled.valid_alone(c)]
        found.append((element, not bad))
        culprits += not bad
        for child in bad:
            if culprits >= budget:
                return
            visit(child)

    if not compiled.valid_alone(root):
        visit(root)
    return found


_INVALID_ATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_BAD_TYPE = re.compile(r"Type \S+ doesn't allow value '(.*)'$")
_ATTRIBUTE_CODES = ("rng.unexpected-attribute", "rng.bad-value", "rng.missing-attribute")


def _libxml2_findings(
    g: Grammar, target: etree._Element, compiled: _Compiled, findings: list[rng_messages.Finding]
) -> list[rng_messages.Finding]:
    """What libxml2 adds: bad datatype values, or its own words when ours found nothing."""
    if any(f.code in _ATTRIBUTE_CODES and f.node is target for f in findings):
        return []
    errors = compiled.errors_alone(target)
    local = rng_messages.split(target.tag)[1]
    for entry in errors:
        match = _INVALID_ATTR.match(entry.message)
        if match and match.group(2) == local:
            names = [k for k in target.attrib if rng_messages.split(k)[1] == match.group(1)]
            if names:
                return [rng_messages.bad_value(g, target, names[0])]
        match = _BAD_TYPE.match(entry.message)
        if match:
            names = [k for k, v in target.attrib.items() if v == match.group(1)]
            if names:
                return [rng_messages.bad_value(g, target, names[0])]
    if findings or not errors:
        return []
    return [
        rng_messages.Finding(target, "rng.invalid", rng_messages.rewrite_libxml2(errors[0].message))
    ]


def _fallback(root: etree._Element, compiled: _Compiled) -> rng_messages.Finding:
    errors = compiled.errors_alone(root)
    if not errors:
        return rng_messages.Finding(root, "rng.invalid", "the document is not valid")
    entry = errors[0]
    node = next((e for e in root.iter(etree.Element) if e.sourceline == entry.line), root)
    return rng_messages.Finding(node, "rng.invalid", rng_messages.rewrite_libxml2(entry.message))


_VALIDATORS: dict[tuple[str, int, int], RelaxNGValidator] = {}


def validator_for(schema: Path) -> RelaxNGValidator:
    """The validator of ``schema``, compiled once per process (and per version of the file)."""
    resolved = schema.resolve()
    try:
        stat = resolved.stat()
    except OSError as exc:
        raise EditionError(f"cannot read the schema {schema}: {exc.strerror}") from exc
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    validator = _VALIDATORS.get(key)
    if validator is None:
        validator = _VALIDATORS[key] = RelaxNGValidator(schema)
    return validator
