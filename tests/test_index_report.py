"""``edition index``: the summary record, its table and JSON renderings, and its exit rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ELTEC, ROOT, missing

from pipeline.diagnostics import Severity
from pipeline.index_report import IndexSummary, summarize

EDITION = ROOT / "tei"
CRAFTED = ROOT / "tests/data/index/crafted"


@pytest.fixture(scope="module")
def edition() -> IndexSummary:
    return summarize([EDITION])


@pytest.fixture(scope="module")
def crafted() -> IndexSummary:
    return summarize([CRAFTED])


def test_edition_counts(edition: IndexSummary) -> None:
    assert edition.files == 4 and edition.documents == 1
    assert edition.entities_by_type == (("person", 1), ("place", 5), ("org", 5))
    assert edition.entities == 11
    assert (edition.mentions, edition.dates) == (38, 10)
    assert (edition.unresolved, edition.untagged, edition.unused, edition.external) == (0, 0, 0, 0)
    # its only diagnostics: the entries without authority identifier, as information
    assert [(d.code, d.severity) for d in edition.diagnostics] == 9 * [
        ("index.no-authority", Severity.INFO)
    ]
    assert not edition.has_errors


def test_table(edition: IndexSummary) -> None:
    table = edition.as_table()
    assert table.endswith("\n")
    lines = table.splitlines()[-len(edition.counts()) :]
    assert table.splitlines()[-len(lines) - 1] == "", "the table follows the problems"
    assert lines[0].split() == ["files", "4"]
    assert "  org" in table and lines[-1].split() == ["unused", "0"]
    assert len({len(line) for line in lines}) == 1, "columns are aligned"


def test_json(edition: IndexSummary) -> None:
    data = json.loads(edition.as_json())
    assert data["entities"] == 11
    assert data["entities_by_type"] == {"person": 1, "place": 5, "org": 5}
    assert data["mentions"] == 38
    assert {d["code"] for d in data["diagnostics"]} == {"index.no-authority"}


def test_unresolved_is_an_error_here(crafted: IndexSummary) -> None:
    assert (crafted.unresolved, crafted.untagged, crafted.unused) == (1, 3, 2)
    assert crafted.external == 1
    assert crafted.entities_by_type == (("person", 2), ("place", 2), ("event", 1))
    assert crafted.has_errors
    [error] = [d for d in crafted.diagnostics if d.severity is Severity.ERROR]
    assert (error.code, error.line) == ("index.unresolved-ref", 19)
    assert error.path.endswith("story.xml")


def test_problems_in_the_check_format(crafted: IndexSummary) -> None:
    table = crafted.as_table()
    assert (
        "story.xml:19:66: error: persName 'the ghost' points at '#ghost', which is no "
        "register entry; add the entry to a register or fix the @ref [index.unresolved-ref]"
    ) in table
    assert "register.xml:19:7: warning: register entry 'bob'" in table  # at its "<"
    data = json.loads(crafted.as_json())
    codes = sorted(d["code"] for d in data["diagnostics"])
    assert codes == [
        "index.external-ref",
        "index.no-authority",
        "index.no-authority",
        "index.no-authority",
        "index.unresolved-ref",
        "index.untagged-name",
        "index.untagged-name",
        "index.unused-entry",
        "index.unused-entry",
        # an orgName at the place Paris (the build tells it since probe 115's leftover)
        "index.wrong-kind",
    ]


def test_a_novel_without_names() -> None:
    novel = ELTEC / "ENG18400_Trollope.xml"
    if not novel.exists():
        missing(str(novel))
    summary = summarize([novel])
    assert (summary.entities, summary.mentions, summary.dates) == (0, 0, 0)
    assert summary.entities_by_type == () and not summary.has_errors
    assert json.loads(summary.as_json())["entities_by_type"] == {}


def test_a_text_alone_is_read_with_the_registers_near_it() -> None:
    summary = summarize([CRAFTED / "texts/story.xml"])
    assert summary.files == 2 and summary.entities == 5
    assert (summary.unresolved, summary.unused) == (1, 0)
    assert not [d for d in summary.diagnostics if d.code == "index.unused-entry"]


def test_a_text_alone_is_read_with_the_registers_its_edition_keeps_elsewhere(
    tmp_path: Path,
) -> None:
    """Probe 45: registers in `indices/` (the sources named in pyproject.toml) were not read
    for a text summarised alone: every name was unresolved."""
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "data"\n')
    for path in (ROOT / "tei").rglob("*.xml"):
        folder = "indices" if path.parent.name == "registers" else "editions/1944/03"
        (tmp_path / "data" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "data" / folder / path.name).write_bytes(path.read_bytes())
    summary = summarize([tmp_path / "data/editions/1944/03/belgium-1944.xml"])
    assert summary.files == 4 and summary.unresolved == 0 and summary.unused == 0
