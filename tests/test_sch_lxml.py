"""Schematron on lxml (pipeline/validate/sch_lxml.py, xpath1.py): which expressions it takes,
and the same diagnostics as Saxon on the TEI samples, the test data, hostile documents and
(slow) the ELTeC novels, with TEI's tei_all.rng and ELTeC's eltec-1.rng."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SCHEMAS, SHARED

from pipeline.diagnostics import Diagnostic
from pipeline.gate import read_document
from pipeline.validate.schematron import validator_for
from pipeline.validate.xpath1 import Scope, context_paths, translate

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("@notBefore|@notAfter|@from|@to", "@notBefore | @notAfter | @from | @to"),
        ("child::tei:measure[@unit eq 'words']", "tei:measure[@unit = 'words']"),
        ("child::*:canonicity", "*[local-name() = 'canonicity']"),
        ("ancestor::tei:l[. = current()]", "ancestor::tei:l[. = $edsch.current]"),
        ("count(tei:p) > 1 and normalize-space(.) != ''", None),
        ("string-length(@n) = 4", None),
    ],
)
def test_expressions_with_the_same_meaning_are_taken(expression: str, expected: str | None) -> None:
    value = translate(expression, Scope(dict(NS)))
    assert value is not None
    assert value.text == (expected or value.text)


@pytest.mark.parametrize(
    "expression",
    [
        "@n > 1",  # 1.0 compares numbers, 2.0 raises an error on a non-number
        "@n = 1",
        "@a < @b",  # 1.0 numbers, 2.0 strings
        "string(tei:p)",  # 2.0: an error on two p
        "normalize-space(tei:p)",
        "count(x) div 2",  # decimals against doubles
        "@n gt 1",
        "if (@a) then 1 else 2",
        "a = b = c",  # 2.0 does not chain comparisons
        "tokenize(@ref, ' ')",
        "id('x')",
        "//comment()",  # Saxon sees no prolog
        "preceding::node()",
        "x:y",  # an unbound prefix
        "position() = 1",  # position at the rule's node differs between the engines
        "1.5 = 1.5",
        "(1, 2)",
    ],
)
def test_expressions_that_differ_are_left_to_saxon(expression: str) -> None:
    scope = Scope(dict(NS))
    value = translate(expression, scope)
    assert value is None or scope.positional


def test_contexts_select_elements_from_the_document() -> None:
    assert context_paths("tei:l//tei:p | /tei:TEI", Scope(dict(NS))) == [
        "//tei:l//tei:p",
        "/tei:TEI",
    ]
    for context in ("tei:p/@n", "text()", "$x", "id('a')", "."):
        assert context_paths(context, Scope(dict(NS))) is None, context


def _both(schema: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    validator = validator_for(schema)
    assert validator.lxml is not None and validator.lxml.patterns
    docs = [d for d in (read_document(f).document for f in files) if d is not None]
    assert docs

    def run(mode: str) -> list[list[Diagnostic]]:
        monkeypatch.setenv("EDITION_SCHEMATRON", mode)
        return [sorted(validator.validate(doc), key=lambda d: d.sort_key) for doc in docs]

    saxon, lxml = run("saxon"), run("lxml")
    for doc, theirs, ours in zip(docs, saxon, lxml, strict=True):
        assert ours == theirs, doc.display


HOSTILE = {
    "p-in-p.xml": (
        f'<TEI xmlns="{TEI}"><text><body><p>a<p>b</p></p><ab><p/></ab></body></text></TEI>'
    ),
    "l-in-l.xml": (
        f'<TEI xmlns="{TEI}"><text><body><lg><l>x<l>y</l><note><l>y</l></note></l></lg>'
        "<l><p/><div/></l></body></text></TEI>"
    ),
    "dates.xml": (
        f'<TEI xmlns="{TEI}"><p><date when="1900" from="1899" notBefore="x"/>'
        '<date from="1" notBefore="2" to="3" notAfter="4"/><ref target="#a" cRef="b">r</ref>'
        '<measure unit="cm" unitRef="#u"/><term/><title>  </title><hi subtype="x"/></p></TEI>'
    ),
    "other-ns.xml": '<TEI xmlns="urn:other"><p><p/></p></TEI>',
    "prefixed.xml": (
        f'<?xml-model href="x.rng"?><!-- c --><t:TEI xmlns:t="{TEI}"><t:text><t:body>'
        '<t:p xml:id="a"><t:p/></t:p></t:body></t:text></t:TEI>'
    ),
}


def test_the_same_report_as_saxon_on_samples_and_hostile_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, text in HOSTILE.items():
        (tmp_path / name).write_text(text)
    files = sorted(tmp_path.glob("*.xml"))
    files += sorted((SHARED / "corpora" / "tei-samples").rglob("*.xml"))
    files += sorted((ROOT / "tests" / "data").rglob("*.xml"))
    # generated letters and ELTeC chapters with seeded errors (Schematron ones among them)
    generated = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_corpus.py"), "150", "--out", str(generated)],
        check=True,
        capture_output=True,
    )
    files += sorted(generated.rglob("*.xml"))
    _both(SCHEMAS / "tei_all.rng", files, monkeypatch)
    _both(SCHEMAS / "eltec-1.rng", files, monkeypatch)


@pytest.mark.slow
def test_the_same_report_as_saxon_on_the_eltec_novels(
    eltec_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _both(SCHEMAS / "tei_all.rng", eltec_files, monkeypatch)
    _both(SCHEMAS / "eltec-1.rng", eltec_files, monkeypatch)


def test_every_pattern_tei_all_runs_on_eltec_is_an_lxml_one(eltec_files: list[Path]) -> None:
    """So that `check --schema tei_all.rng` of the novels never starts Saxon."""
    validator = validator_for(SCHEMAS / "tei_all.rng")
    assert validator.lxml is not None and validator.needs is not None
    from pipeline.validate.rng_prune import Vocabulary

    doc = read_document(eltec_files[0]).document
    assert doc is not None
    active = set(range(1, validator.needs.patterns + 1)) - validator.idle(Vocabulary.of(doc.root))
    assert active and active <= validator.lxml.numbers
