"""Duplicate xsd:ID values under RELAX NG (pipeline/validate/rng_ids.py): one located error per
repeated use, as jing reports them, instead of libxml2's words about the attribute or the root.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, require_executable

from pipeline.cli import cli
from pipeline.gate import XML_ID, parse_bytes
from pipeline.validate import rng_ids
from pipeline.validate.relaxng import validator_for

SCHEMA = ROOT / "tests/data/xinclude/inscription.rng"  # xml:id is an xsd:ID there, as in TEI

DUPLICATES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"
    xml:id="h">
  <teiHeader xml:id="h">
    <fileDesc><titleStmt><title>Header ids count too</title></titleStmt></fileDesc>
  </teiHeader>
  <text>
    <body>
      <p xml:id="y1">one</p>
      <p xml:id="y1">two</p>
      <p xml:id="y1">three <persName xml:id="ok">A</persName></p>
    </body>
  </text>
</TEI>
"""


def test_each_repeated_id_is_reported_with_its_first_line() -> None:
    doc = parse_bytes(DUPLICATES.encode(), Path("dup.xml")).document
    assert doc is not None
    found = validator_for(SCHEMA).validate(doc)
    assert [(d.line, d.code) for d in found] == [
        (3, "rng.duplicate-id"),
        (9, "rng.duplicate-id"),
        (10, "rng.duplicate-id"),
    ]
    assert found[0].message.startswith('ID "h" has already been defined (first defined at line 2)')
    assert 'ID "y1" has already been defined (first defined at line 8)' in found[2].message
    # The tree is left as it was.
    assert [p.get(XML_ID) for p in doc.root.iter("{*}p")] == ["y1", "y1", "y1"]
    assert validator_for(SCHEMA).validate(doc) == found  # and validates the same again


def test_other_errors_are_still_found_beside_duplicates() -> None:
    text = DUPLICATES.replace('<p xml:id="y1">two</p>', '<p xml:id="y1">two</p><para/>')
    doc = parse_bytes(text.encode(), Path("dup.xml")).document
    assert doc is not None
    codes = [(d.line, d.code) for d in validator_for(SCHEMA).validate(doc)]
    assert (9, "rng.unexpected-element") in codes
    assert codes.count((9, "rng.duplicate-id")) == 1


def test_check_reports_a_duplicate_once(tmp_path: Path) -> None:
    path = tmp_path / "dup.xml"
    path.write_text(DUPLICATES)
    result = CliRunner().invoke(cli, ["check", "--schema", str(SCHEMA), str(path)])
    lines = [line for line in result.output.splitlines() if "error:" in line]
    assert [line.rsplit("[", 1)[1] for line in lines] == ["rng.duplicate-id]"] * 3


@pytest.mark.slow
def test_verdict_and_lines_agree_with_jing(tmp_path: Path) -> None:
    path = tmp_path / "dup.xml"
    path.write_text(DUPLICATES)
    exe = require_executable("jing")
    done = subprocess.run([exe, str(SCHEMA), str(path)], capture_output=True, text=True)
    theirs = [
        int(line.split(":")[1])
        for line in done.stdout.splitlines()
        if "already been defined" in line
    ]
    doc = parse_bytes(DUPLICATES.encode(), path).document
    assert doc is not None
    assert [d.line for d in validator_for(SCHEMA).validate(doc)] == theirs


def test_the_survey_finds_the_same_duplicates_as_a_walk_over_the_tree() -> None:
    """``check`` hands ``duplicates`` the elements its one walk found carrying ID attributes
    (``gate.survey``): the same duplicates, in the same order, as walking the tree."""
    from pipeline.gate import survey
    from pipeline.validate.rng_prune import Vocabulary

    doc = parse_bytes(DUPLICATES.encode(), Path("dup.xml")).document
    assert doc is not None
    names = frozenset({XML_ID})
    found = survey(doc.root, names)
    carriers = found.carriers
    assert Vocabulary(found.elements, found.attributes) == Vocabulary.of(doc.root)
    assert [e.get(XML_ID) for e in carriers] == ["h", "h", "y1", "y1", "y1", "ok"]
    walked = rng_ids.duplicates(doc.root, names)
    assert rng_ids.duplicates(doc.root, names, carriers) == walked
    assert [(d.value, d.element.sourceline) for d in walked] == [("h", 3), ("y1", 9), ("y1", 10)]


def test_an_attribute_that_is_an_id_on_some_elements_only() -> None:
    """Probe 20: ``id`` typed ID on one element and text on another made two ``b id="q"`` a
    duplicate ID (jing: valid), and an ``a id`` the same value as a ``b id`` one."""
    validator = validator_for(ROOT / "tests/data/relaxng/id-on-some.rng")

    def found(text: str) -> list[tuple[int | None, str]]:
        result = parse_bytes(text.encode(), Path("ids.xml"))
        assert result.document is not None
        return [(d.column, d.code) for d in validator.validate(result.document)]

    assert found('<doc><b id="q"/><b id="q"/><a id="q"/></doc>') == []
    # at d's key, the attribute the grammar types as an ID
    assert found('<doc><a id="x"/><b id="x"/><d key="x"/></doc>') == [(31, "rng.duplicate-id")]
