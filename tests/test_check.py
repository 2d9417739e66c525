"""The check facade: schema association, per-file isolation, pool equals serial."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.check import CheckOptions, check, schemas_for
from pipeline.gate import parse_bytes
from pipeline.paths import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON

ROOT = Path(__file__).resolve().parents[1]
RNG_NS = "http://relaxng.org/ns/structure/1.0"


def doc_with(tmp_path: Path, prolog: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "d.xml"
    data = f'<?xml version="1.0"?>\n{prolog}\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    path.write_text(data)
    doc = parse_bytes(data.encode(), path).document
    assert doc is not None
    return doc


def test_without_xml_model_the_edition_schema_is_used(tmp_path: Path) -> None:
    schemas = schemas_for(doc_with(tmp_path, ""), CheckOptions())
    assert schemas.rng == DEFAULT_SCHEMA
    assert schemas.schematron == (DEFAULT_SCHEMATRON,)


def test_remote_xml_model_is_an_error_suggesting_schema(tmp_path: Path) -> None:
    doc = doc_with(
        tmp_path, f'<?xml-model href="https://example.org/x.rng" schematypens="{RNG_NS}"?>'
    )
    schemas = schemas_for(doc, CheckOptions())
    [problem] = schemas.problems
    assert (problem.code, problem.line) == ("check.remote-schema", 2)
    assert "--schema" in problem.message
    assert schemas.rng is None


def test_missing_local_schema(tmp_path: Path) -> None:
    doc = doc_with(tmp_path, f'<?xml-model href="nope.rng" schematypens="{RNG_NS}"?>')
    [problem] = schemas_for(doc, CheckOptions()).problems
    assert problem.code == "check.schema-missing"


def test_relative_xml_model_resolves_next_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "s.rng").write_text(f'<grammar xmlns="{RNG_NS}"><start><empty/></start></grammar>')
    doc = doc_with(tmp_path, f'<?xml-model href="s.rng" schematypens="{RNG_NS}"?>')
    schemas = schemas_for(doc, CheckOptions())
    assert schemas.rng == (tmp_path / "s.rng").resolve()
    assert schemas.schematron == ()


def test_schema_option_overrides_xml_model(tmp_path: Path) -> None:
    doc = doc_with(tmp_path, '<?xml-model href="https://example.org/x.rng"?>')
    other = tmp_path / "o.rng"
    other.write_text(f'<grammar xmlns="{RNG_NS}"><start><empty/></start></grammar>')
    schemas = schemas_for(doc, CheckOptions(schema=other))
    assert (schemas.rng, schemas.problems) == (other, ())


def test_edition_is_clean() -> None:
    report = check([ROOT / "tei"], CheckOptions())
    assert [d for d in report.diagnostics if d.severity.value == "error"] == []
    assert len(report.files) >= 4


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text("<TEI")
    (tmp_path / "b.xml").write_bytes(b"")
    good = (ROOT / "tei" / "registers").glob("*.xml")
    report = check([tmp_path, *good], CheckOptions(checks=frozenset({"rng"})))
    assert report.files_with_errors() == {str(tmp_path / "a.xml"), str(tmp_path / "b.xml")}


@pytest.mark.parametrize(
    "checks", [frozenset({"rng", "refs"}), frozenset({"rng", "schematron", "refs"})]
)
def test_pool_gives_the_same_report_as_serial(checks: frozenset[str]) -> None:
    serial = check([ROOT / "tei"], CheckOptions(checks=checks, jobs=1))
    pooled = check([ROOT / "tei"], CheckOptions(checks=checks, jobs=2))
    assert serial.sorted() == pooled.sorted()


def test_a_folder_with_nothing_to_check_is_an_error(tmp_path: Path) -> None:
    """An emptied or mistyped folder (or one named x.xml) checks nothing: one error for it,
    so that `make check` fails instead of passing on "0 files checked"; a folder that holds
    files beside it is checked as usual."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.xml").mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.xml").write_text("<r/>")
    report = check(
        [tmp_path / "empty", tmp_path / "x.xml", tmp_path / "texts"],
        CheckOptions(checks=("refs",)),
    )
    assert sorted((d.code, Path(d.path).name) for d in report.diagnostics) == [
        ("check.no-sources", "empty"),
        ("check.no-sources", "x.xml"),
    ]
    assert report.errors == 2 and len(report.files) == 1
