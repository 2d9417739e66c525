"""What the RELAX NG grammar allows at a cursor: element names, attribute names, values.

The grammar model is ``validate.rng_patterns.Grammar`` over the prepared schema that the
validator uses (``relaxng.load_prepared``, cached on disk): an element's content pattern,
its derivative over the children already written (as jing matches), the names expected
next, and each element's attributes with their closed value lists. An element name may
have several definitions in a grammar; the answers of all of them are merged. When the
children written so far do not match (the document is being edited), the answer falls
back to every element the content model names.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..validate.relaxng import load_prepared
from ..validate.rng_names import NameClass
from ..validate.rng_patterns import Grammar, Pat


@dataclass(frozen=True)
class AttributeInfo:
    ns: str
    local: str
    required: bool
    values: tuple[str, ...]  # the closed list of values, when the schema has one


class Model:
    """The completions one grammar offers."""

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar
        self._lock = threading.Lock()  # the grammar memoises derivatives as it goes

    def _defines(self, ns: str, local: str) -> list[str]:
        return self.grammar.definitions(ns, local)

    def elements(
        self, parent: tuple[str, str] | None, children: Iterable[tuple[str, str]]
    ) -> list[tuple[str, str]]:
        """The elements allowed next inside ``parent`` after ``children`` (the root's
        names when ``parent`` is None), in the grammar's order, without repeats."""
        with self._lock:
            g = self.grammar
            if parent is None:
                return self._names(g.expected(g.start())[0])
            found: list[NameClass] = []
            written = list(children)
            for define in self._defines(*parent):
                content = g.content(define)
                pattern: Pat = content
                for ns, local in written:
                    pattern = g.deriv(pattern, ns, local)
                if pattern.op == "notAllowed":
                    found.extend(g.expected(content, everywhere=True)[0])
                else:
                    found.extend(g.expected(pattern)[0])
            return self._names(found)

    def _names(self, classes: Iterable[NameClass]) -> list[tuple[str, str]]:
        names: dict[tuple[str, str], None] = {}
        for nc in classes:
            if nc.kind in ("name", "choice"):
                names.update(dict.fromkeys(nc.names()))
            else:  # any name, or any in a namespace: the grammar's elements that fit
                for element, _ in self.grammar.elements:
                    names.update(dict.fromkeys(n for n in element.names() if nc.contains(*n)))
        return list(names)

    def attributes(self, element: tuple[str, str]) -> list[AttributeInfo]:
        """The attributes ``element`` may carry, required ones first."""
        with self._lock:
            found: dict[tuple[str, str], AttributeInfo] = {}
            for define in self._defines(*element):
                patterns, required = self.grammar.attributes(define)
                for attribute in patterns:
                    for name in attribute.nc.names():
                        old = found.get(name)
                        values = tuple(attribute.values or ())
                        if old is not None:
                            values = tuple(dict.fromkeys((*old.values, *values)))
                        found[name] = AttributeInfo(*name, name in required, values)
            return sorted(found.values(), key=lambda a: (not a.required, a.local))

    def values(self, element: tuple[str, str], attribute: tuple[str, str]) -> tuple[str, ...]:
        for info in self.attributes(element):
            if (info.ns, info.local) == attribute:
                return info.values
        return ()


_MODELS: dict[tuple[str, int, int], Model] = {}
_MODELS_LOCK = threading.Lock()


def model_for(schema: Path) -> Model:
    """The model of ``schema``, prepared once per version of the file."""
    resolved = schema.resolve()
    stat = os.stat(resolved)
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    with _MODELS_LOCK:
        model = _MODELS.get(key)
        if model is None:
            prepared, _ = load_prepared(resolved)
            model = _MODELS[key] = Model(Grammar(prepared))
        return model
