"""Streamed reports: `--format jsonl` and `--stream` write each file's problems as it is done,
with the same problems and counts as the whole report; the report keeps only counts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.check import CheckOptions, check
from pipeline.cli import cli
from pipeline.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parents[1]
TEI = "http://www.tei-c.org/ns/1.0"
#: The copies' xml-model hrefs no longer reach the schemas: name them.
SCHEMAS = [
    "--schema",
    str(ROOT / "schema/edition.rng"),
    "--schematron",
    str(ROOT / "schema/edition.sch"),
]
OPTIONS = CheckOptions(
    jobs=1, schema=ROOT / "schema/edition.rng", schematron=ROOT / "schema/edition.sch"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The edition's registers and texts, a broken file, a dangling reference."""
    folder = tmp_path / "corpus"
    (folder / "texts").mkdir(parents=True)
    for path in (ROOT / "tei").rglob("*.xml"):
        target = folder / path.relative_to(ROOT / "tei")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (folder / "texts" / "a-broken.xml").write_text(f'<TEI xmlns="{TEI}"><p></TEI>')
    text = folder / "texts" / "belgium-1944.xml"
    data = text.read_text(encoding="utf-8").replace('ref="#', 'ref="#nobody-', 1)
    (folder / "texts" / "z-dangling.xml").write_text(data, encoding="utf-8")
    return folder


def _whole(corpus: Path) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["check", str(corpus), *SCHEMAS, "--format", "json"])
    assert result.exit_code == 1, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_jsonl_has_the_problems_and_summary_of_the_json_report(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(corpus), *SCHEMAS, "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.splitlines()]
    *diagnostics, last = lines
    whole = _whole(corpus)
    key = json.dumps
    assert sorted(map(key, diagnostics)) == sorted(map(key, whole["diagnostics"]))  # type: ignore[arg-type]
    summary, expected = last["summary"], whole["summary"]
    assert isinstance(expected, dict)
    del summary["seconds"], expected["seconds"]
    assert summary == expected
    # file by file, in the order of the files; the references after the last file
    paths = [d["path"] for d in diagnostics if d["origin"] != "references"]
    assert paths == sorted(paths)
    origins = [d["origin"] for d in diagnostics]
    assert origins[-1] == "references"
    assert "references" not in origins[: origins.index("references")]


def test_text_stream_has_the_lines_totals_and_summary_of_the_text_report(corpus: Path) -> None:
    whole = CliRunner().invoke(cli, ["check", str(corpus), *SCHEMAS]).output.splitlines()
    streamed = (
        CliRunner().invoke(cli, ["check", str(corpus), *SCHEMAS, "--stream"]).output.splitlines()
    )
    problems = [line for line in whole if ": error: " in line or ": warning: " in line]
    assert sorted(streamed[: len(problems)]) == sorted(problems)
    tail = len(problems)
    assert streamed[tail:-1] == whole[tail:-1]  # "by rule:", "by file:"
    assert streamed[-1].split(" in ")[0] == whole[-1].split(" in ")[0]


def test_a_stream_gets_each_file_as_it_is_done_and_the_report_keeps_counts(
    corpus: Path,
) -> None:
    batches: list[Sequence[Diagnostic]] = []
    seen_when: list[int] = []
    report = check([corpus], OPTIONS, progress=lambda n: seen_when.append(len(batches)))
    streamed = check(
        [corpus],
        OPTIONS,
        progress=lambda n: seen_when.append(len(batches)),
        stream=batches.append,
    )
    assert streamed.diagnostics == []
    assert sum(len(b) for b in batches) == len(report.diagnostics)
    assert (streamed.errors, streamed.warnings) == (report.errors, report.warnings)
    assert streamed.by_code() == report.by_code()
    assert streamed.by_file() == report.by_file()
    assert all(len({d.path for d in b}) == 1 for b in batches[:-1])  # one file per batch
    assert batches[-1][0].origin == "references"


def test_stream_and_baseline_do_not_mix(corpus: Path, tmp_path: Path) -> None:
    base = str(tmp_path / "base.json")
    result = CliRunner().invoke(
        cli, ["check", str(corpus), *SCHEMAS, "--stream", "--baseline", base]
    )
    assert result.exit_code == 2
    assert "--baseline" in result.output
    jsonl = CliRunner().invoke(
        cli, ["check", str(corpus), *SCHEMAS, "--format", "jsonl", "--baseline", base]
    )
    assert jsonl.exit_code == 0  # recorded now: nothing new; written whole, not streamed
    assert json.loads(jsonl.output.splitlines()[-1])["summary"]["baselined"] > 0
    bad = CliRunner().invoke(cli, ["check", str(corpus), *SCHEMAS, "--stream", "--format", "junit"])
    assert bad.exit_code == 2


def test_streamed_output_file_is_written_whole(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.jsonl"
    result = CliRunner().invoke(
        cli, ["check", str(corpus), *SCHEMAS, "--format", "jsonl", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "summary:" in result.output  # the summary line on stderr
    assert "summary" in json.loads(out.read_text().splitlines()[-1])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
