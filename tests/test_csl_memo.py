"""citeproc-py's style lookups kept once per process (pipeline/csl_memo.py): the citations are
the same as the library's own, and the style is searched far less often."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from pipeline import csl_memo
from pipeline.citation import LOCALES, Name, TextCitation, formatted

#: Citations of every shape the styles branch on: no author, authors, editors, both, an
#: organisation, a particle, a DOI, a relative URL, a year alone, in each interface language.
_CASES = """
import dataclasses, json
from pipeline.citation import LOCALES, Name, TextCitation, formatted

base = TextCitation(stem="t", title="Images of a ledger", authors=(), editors=(),
    edition="Letters", publisher="", issued="2026-12-01", language="en", licence="",
    licence_url="", url="https://example.org/t.html", absolute=True)
shapes = [
    base,
    dataclasses.replace(base, authors=(Name("Lister", "Anne"), Name("Roe", "Jane"))),
    dataclasses.replace(base, editors=(Name("Smith", "Jane"),), publisher="Press"),
    dataclasses.replace(base, authors=(Name("Vondel", "Joost", particle="van den"),),
        editors=(Name("Smith", "Jane"),), doi="10.1234/x", issued="1944"),
    dataclasses.replace(base, authors=(Name(literal="Comité de Défense des Juifs"),),
        url="t.html", absolute=False, title="Who wrote it?", edition=""),
]
found = [formatted(c, locale) for locale in sorted(set(LOCALES.values())) for c in shapes]
print(json.dumps(found))
"""


def _formatted(memo: bool) -> Any:
    # a process of its own: the library's methods are replaced once per process
    code = ("" if memo else "from pipeline import csl_memo; csl_memo._installed = True\n") + _CASES
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_citations_are_the_librarys_own() -> None:
    remembered, searched = _formatted(memo=True), _formatted(memo=False)
    assert len(remembered) == 5 * len(set(LOCALES.values()))
    assert all(len(styles) == 3 for styles in remembered)
    assert remembered == searched


def test_the_style_is_searched_once_per_question() -> None:
    from citeproc import model

    csl_memo.install()
    searched: list[str] = []
    search = model.CitationStylesElement.xpath_search

    def counted(self: Any, expression: str) -> Any:
        searched.append(expression)
        return search(self, expression)

    c = TextCitation(
        stem="t", title="A letter", authors=(Name("Lister", "Anne"),), editors=(),
        edition="Letters", publisher="", issued="2026-12-01", language="en", licence="",
        licence_url="", url="https://example.org/t.html", absolute=True,
    )  # fmt: skip
    formatted(c)  # the first citation of the process asks every question once
    model.CitationStylesElement.xpath_search = counted
    try:
        formatted(c)
    finally:
        model.CitationStylesElement.xpath_search = search
    # without the memo: 827 searches per citation of three styles, 576 of them for a macro;
    # 96 with the macros, terms, layouts and variables remembered, 46 of them for a name's
    # options
    assert not [e for e in searched if e.startswith("cs:macro")]
    # (the names' delimiter, three times, is asked the same way)
    upward = [e for e in searched if "self::cs:citation or self::cs:bibliography" in e]
    assert len(upward) <= 3, upward
    assert not [e for e in searched if "cs:substitute" in e or "cs:locale" in e]
    assert len(searched) < 60, len(searched)


def test_an_items_reference_is_looked_up_once() -> None:
    from citeproc.source import CitationItem

    csl_memo.install()
    looked: list[object] = []
    item = CitationItem("t")

    class Bibliography:
        @property
        def source(self) -> dict[str, object]:
            looked.append(self)
            return {"t": "the reference"}

    class Cited:
        bibliography = Bibliography()

    object.__setattr__(item, "citation", Cited())
    assert item.reference == item.reference == "the reference"
    assert len(looked) == 1
    # kept beside the item's CSL variables, not among them
    assert "_edition_reference" not in item
