"""`edition new`: a new edition that checks, builds and serves at once, and never overwrites."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require_executable
from lxml import etree

from pipeline.check import CheckOptions, check
from pipeline.cli import cli

BIN = Path(sys.executable).parent
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(runner: CliRunner, tmp_path: Path) -> Path:
    folder = tmp_path / "letters-of-ada"
    result = runner.invoke(cli, ["new", str(folder), "--title", 'Letters of Ada & "Co"'])
    assert result.exit_code == 0, result.output
    return folder


def test_new_writes_the_whole_skeleton(project: Path) -> None:
    expected = {
        ".github/workflows/check.yml",
        ".gitignore",
        "Makefile",
        "README.md",
        "docs/encoding-guide.md",
        "pyproject.toml",
        "schema/edition.rng",
        "schema/edition.sch",
        "tei/registers/organisations.xml",
        "tei/registers/persons.xml",
        "tei/registers/places.xml",
        "tei/texts/example.xml",
    }
    found = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert found == expected
    settings = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert settings["tool"]["edition"]["title"] == 'Letters of Ada & "Co"'
    assert settings["tool"]["edition"]["sources"] == "tei"
    texts = (p.read_text(encoding="utf-8") for p in project.rglob("*") if p.is_file())
    assert "{{" not in "".join(texts)


def test_schema_is_copied_and_named_by_every_file(project: Path) -> None:
    shipped = Path(__file__).resolve().parents[1] / "schema"
    for name in ("edition.rng", "edition.sch"):
        assert (project / "schema" / name).read_bytes() == (shipped / name).read_bytes()
    for path in (project / "tei").rglob("*.xml"):
        head = path.read_text(encoding="utf-8")[:600]
        assert 'href="../../schema/edition.rng"' in head, path
        assert 'href="../../schema/edition.sch"' in head, path


def test_example_is_valid_and_points_at_one_entry_of_each_register(project: Path) -> None:
    report = check([project / "tei"], CheckOptions(jobs=1))
    assert [d for d in report.diagnostics] == []
    assert len(report.files) == 4
    text = etree.parse(str(project / "tei" / "texts" / "example.xml"))
    refs = {e.get("ref") for e in text.iter(f"{TEI}persName", f"{TEI}placeName", f"{TEI}orgName")}
    assert refs == {"#example-person", "#example-place", "#example-org"}
    title = text.find(f".//{TEI}publisher")
    assert title is not None and title.text == 'The editors of Letters of Ada & "Co"'


def test_workflow_runs_check_with_annotations(project: Path) -> None:
    workflow = (project / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert "run: edition check --format github" in workflow
    # an editable install: no git URL to name, and "edition" on PyPI is another project's;
    # the workflow stops with an annotation saying what to set
    assert 'EDITION_PACKAGE: ""' in workflow and "edition==" not in workflow
    assert "if: env.EDITION_PACKAGE == ''" in workflow and "exit 1" in workflow
    assert workflow.index("the edition tool is named") < workflow.index(
        "- run: python -m pip install"
    )
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    assert "EDITION ?= edition" in makefile
    for target in ("all:", "build:", "check:", "serve:", "test:"):
        assert f"\n{target}" in makefile, target


def test_default_title_comes_from_the_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", str(tmp_path / "my_war-letters")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "my_war-letters" / "pyproject.toml").read_text(encoding="utf-8")
    assert 'title = "My war letters"' in text


def test_an_empty_existing_folder_is_used(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "Makefile").is_file()


@pytest.mark.parametrize("occupant", ["file-inside", "hidden-file", "is-a-file"])
def test_refuses_anything_but_a_new_or_empty_folder(
    runner: CliRunner, tmp_path: Path, occupant: str
) -> None:
    target = tmp_path / "edition"
    if occupant == "is-a-file":
        target.write_text("mine")
    else:
        target.mkdir()
        name = "notes.txt" if occupant == "file-inside" else ".git"
        (target / name).write_text("mine")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = runner.invoke(cli, ["new", str(target)])
    assert result.exit_code == 2, result.output
    assert "empty folder" in result.output or "is a file" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_make_builds_checks_and_tests_at_once(project: Path) -> None:
    """`cd DIR && make` with `edition` found on PATH, as a user who installed it has it."""
    make = require_executable("make")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("MAKEFLAGS", None)
    for target in ([], ["check"], ["test"]):
        done = subprocess.run(
            [make, *target], cwd=project, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "0 errors" in done.stdout + done.stderr
    assert (project / "dist" / "html" / "index.html").is_file()
    assert (project / "dist" / "html" / "example.html").is_file()
    assert (project / "dist" / "epub" / "example.epub").is_file()
    page = (project / "dist" / "html" / "example.html").read_text(encoding="utf-8")
    assert "Ada Example" in page and 'Letters of Ada &amp; "Co"' in page


def _fake_make(tmp_path: Path, makefile: str, script: str) -> tuple[list[str], Path]:
    """make over this project's Makefile or the scaffold's, with EDITION a shell ``script``
    (``{log}``: the file it may write its calls to) and the venv taken as installed; the
    command to run (a target appended) and the log."""
    make = require_executable("make")
    root = Path(__file__).resolve().parents[1]
    source = root / "Makefile" if makefile == "project" else root / "scaffold" / "Makefile"
    log = tmp_path / "calls"
    fake = tmp_path / "edition"
    fake.write_text("#!/bin/sh\n" + script.replace("{log}", str(log)))
    fake.chmod(0o755)
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()
    return [make, "-f", str(source), f"EDITION={fake}", "-o", ".venv/.installed"], log


@pytest.mark.parametrize("makefile", ["project", "scaffold"])
def test_make_builds_even_when_the_check_finds_errors(makefile: str, tmp_path: Path) -> None:
    """`make` (this project's Makefile and the one `edition new` writes) reports the check and
    then builds: a corpus with invalid files still gets its pages, `make check` fails on them,
    and make's own status is the build's."""
    run, log = _fake_make(
        tmp_path, makefile, 'echo "$1" >> {log}\n[ "$1" = check ] && exit 1\nexit 0\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    built = subprocess.run([*run, "build"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    assert log.read_text().split() == ["check", "build"]
    checked = subprocess.run([*run, "check"], cwd=tmp_path, env=env, capture_output=True)
    assert checked.returncode != 0, "make check fails on invalid files"


@pytest.mark.parametrize("makefile", ["project", "scaffold"])
def test_make_takes_an_output_folder_with_a_space(makefile: str, tmp_path: Path) -> None:
    """`make clean OUT="My Edition"` ran `rm -rf My Edition`: it removed `My` and `Edition`,
    and left the output; `make build` built into `My` and took `Edition` for a source."""
    run, log = _fake_make(tmp_path, makefile, 'for a in "$@"; do echo "[$a]" >> {log}; done\n')
    for folder in ("My", "Edition", "My Edition"):
        (tmp_path / folder).mkdir()
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    run = [*run, "OUT=My Edition"]
    built = subprocess.run([*run, "build"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "[--out]\n[My Edition]\n" in log.read_text()
    log.write_text("")
    cleaned = subprocess.run([*run, "clean"], cwd=tmp_path, env=env, capture_output=True)
    assert cleaned.returncode == 0
    assert log.read_text() == "[clean]\n[--out]\n[My Edition]\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == [
        ".venv",
        "Edition",
        "My",
        "My Edition",
    ]


@pytest.mark.parametrize("makefile", ["project", "scaffold"])
def test_make_takes_an_output_folder_with_an_apostrophe(makefile: str, tmp_path: Path) -> None:
    """Probe 101: OUT="Anne's out" ended the shell's quotes ("Unterminated quoted string"),
    and OUT="x'; touch pwned; echo '" ran the command it held."""
    run, log = _fake_make(tmp_path, makefile, 'for a in "$@"; do echo "[$a]" >> {log}; done\n')
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    for out in ("Anne's out", "x'; touch pwned; echo '"):
        log.write_text("")
        for target in ("build", "clean"):
            done = subprocess.run([*run, f"OUT={out}", target], cwd=tmp_path, env=env,
                                  capture_output=True, text=True)  # fmt: skip
            assert done.returncode == 0, done.stdout + done.stderr
        assert f"[--out]\n[{out}]\n" in log.read_text(), log.read_text()
        assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("makefile", ["project", "scaffold"])
def test_make_takes_no_output_folder_from_the_environment(makefile: str, tmp_path: Path) -> None:
    """Probe 73: `OUT ?= dist` took OUT from the environment, where it may name anything, and
    `make clean` ran `rm -rf` on it; without OUT on make's command line the commands take
    the configured folder ([tool.edition] out), and clean is `edition clean`."""
    run, log = _fake_make(tmp_path, makefile, 'for a in "$@"; do echo "[$a]" >> {log}; done\n')
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("mine")
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    env["OUT"] = str(precious)
    for target in ("build", "clean"):
        done = subprocess.run([*run, target], cwd=tmp_path, env=env, capture_output=True)
        assert done.returncode == 0, done.stderr
    assert "[--out]" not in log.read_text() and "precious" not in log.read_text()
    assert "[clean]" in log.read_text()
    assert (precious / "thesis.tex").read_text() == "mine"


def test_a_tool_installed_from_git_is_named_in_the_workflow(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import scaffold

    url = {
        "url": "https://example.org/owner/edition.git",
        "vcs_info": {"vcs": "git", "commit_id": "abc123"},
    }

    class Installed:
        def read_text(self, name: str) -> str:
            return json.dumps(url) if name == "direct_url.json" else ""

    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: Installed())
    result = runner.invoke(cli, ["new", str(tmp_path / "ed")])
    assert result.exit_code == 0 and "note:" not in result.output, result.output
    workflow = (tmp_path / "ed" / ".github" / "workflows" / "check.yml").read_text("utf-8")
    assert 'EDITION_PACKAGE: "git+https://example.org/owner/edition.git@abc123"' in workflow
    # a private repository over ssh (probe 75); a file:// URL is this machine's alone
    url["url"] = "ssh://git@example.org/owner/edition.git"
    assert scaffold.install_spec() == "git+ssh://git@example.org/owner/edition.git@abc123"
    url["url"] = "file:///home/me/edition"
    assert scaffold.install_spec() == ""
    result = runner.invoke(cli, ["new", str(tmp_path / "ed2")])
    assert "(https:// or ssh://; a path or file:// URL names this machine's files)" in (
        " ".join(result.output.split())
    )


def test_a_tool_not_from_git_says_what_to_set(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["new", str(tmp_path / "ed")])
    assert result.exit_code == 0
    assert "set EDITION_PACKAGE in .github/workflows/check.yml" in result.output
