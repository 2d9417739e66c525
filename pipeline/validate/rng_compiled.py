"""A pruned RELAX NG grammar compiled by libxml2 (lxml): the verdicts of ``relaxng``.

pruned grammar (``rng_prune``) -> ``Compiled``: one libxml2 schema whose start accepts any
of the grammar's elements, so subtrees can be validated in isolation; a second one with the
real start, compiled only when a document's root is not simply one of the start's elements.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from .rng_names import RNG_NS, NameClass, name_class, split
from .rng_prune import ANY_START, Vocabulary

_R = f"{{{RNG_NS}}}"


def _compile(grammar: etree._Element, schema: Path) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(etree.ElementTree(grammar))
    except etree.RelaxNGParseError as exc:
        first = next(iter(exc.error_log), None)
        detail = first.message if first is not None else str(exc)
        raise EditionError(f"the schema {schema} cannot be compiled: {detail}") from exc


@dataclass
class Compiled:
    """A pruned grammar compiled with a start that accepts any of its elements."""

    schema: Path
    vocabulary: Vocabulary
    grammar: etree._Element
    start: frozenset[str] | None  # element defines of the real start; None: not that simple
    elements: list[tuple[NameClass, str]]
    any_element: etree.RelaxNG | None
    _main: etree.RelaxNG | None = field(default=None, repr=False)
    _matching: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, schema: Path, grammar: etree._Element, vocabulary: Vocabulary) -> Compiled:
        start = _start_refs(grammar)
        elements = [
            (name_class(d[0]), d.get("name") or "")
            for d in grammar.iterchildren(_R + "define")
            if len(d) == 1 and d[0].tag == _R + "element"
        ]
        compiled = _compile(grammar, schema) if elements else None
        frozen = frozenset(start) if start is not None else None
        return cls(schema, vocabulary, grammar, frozen, elements, compiled)

    def matching(self, element: etree._Element) -> frozenset[str]:
        tag = element.tag
        found = self._matching.get(tag)
        if found is None:
            # by tag, once: a corpus of small letters asked it of every file's root, over
            # every element of the grammar (a tenth of the check of a 3 KB letter)
            ns, local = split(tag)
            found = frozenset(name for nc, name in self.elements if nc.contains(ns, local))
            self._matching[tag] = found
        return found

    def valid(self, tree: etree._ElementTree) -> bool:
        matching = self.matching(tree.getroot())
        if self.any_element is None or not matching:
            return False
        if self.start is not None and matching <= self.start:
            return bool(self.any_element.validate(tree))
        if self.start is not None and not matching & self.start:
            return False
        return bool(self._main_schema().validate(tree))

    def judged_alone(self, tree: etree._ElementTree) -> bool:
        """Whether ``valid(tree)`` is the verdict ``valid_alone`` gives on its root (the root
        is one of the start's own elements): an invalid document's search for the culprits
        need not validate the whole document again."""
        matching = self.matching(tree.getroot())
        return (
            self.any_element is not None
            and bool(matching)
            and (self.start is not None and matching <= self.start)
        )

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
                start[:] = [etree.Element(_R + "ref", name=ANY_START)]
            self._main = _compile(main, self.schema)
        return self._main


def _start_refs(grammar: etree._Element) -> list[str] | None:
    """The element defines the real start is a choice of, or None if it is more than that."""
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iterchildren(_R + "define"):
        defines.setdefault(define.get("name") or "", []).append(define)
    found: list[str] = []
    stack = [ANY_START]
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
