"""Faults of the machine: full disks, read-only folders, refused writes, kills at every step
of publishing. Each is one diagnostic with the path and the cause, exit 1, no traceback, and
the published edition byte-identical to what it was (or the new edition complete)."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, published

from pipeline.cli import cli
from pipeline.cli import main as cli_main
from pipeline.publish import MARKER

TEI = ROOT / "tei"
TEXT = "texts/belgium-1944.xml"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Editions are compared byte for byte across builds: the build date must not move."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    shutil.copytree(TEI, folder)
    return folder


def edit(sources: Path) -> None:
    """A change that alters every output (the text's words)."""
    text = sources / TEXT
    text.write_text(text.read_text(encoding="utf-8").replace("Belgium", "Belgique", 2))


def _named(site: dict[str, str]) -> set[str]:
    """The files of a published edition whose names do not follow their content."""
    return {name for name in site if not name.startswith("html/pagefind/")}


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def generations(out: Path) -> list[str]:
    return sorted(p.name for p in (out / MARKER).iterdir() if p.name.startswith("gen-"))


def assert_one_clear_line(result: Result, code: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert f"[{code}]" in result.output, result.output


# -- refused writes, injected writer by writer -------------------------------------------------


@contextlib.contextmanager
def failing_fsync(
    monkeypatch: pytest.MonkeyPatch, match: Callable[[str], bool], number: int
) -> Iterator[None]:
    """``os.fsync`` fails with ``number`` for files whose path ``match``es (forked workers
    inherit the patch)."""
    real = os.fsync

    def fsync(fd: int) -> None:
        try:
            name = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            name = ""
        if match(name):
            raise OSError(number, os.strerror(number))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    yield


WRITERS = {
    "reading page": lambda n: "/html/.belgium-1944.html." in n,
    "home page": lambda n: "/html/.index.html." in n,
    "stylesheet asset": lambda n: "/assets/.edition.css." in n,
    "book": lambda n: "/epub/.belgium-1944.epub." in n,
    "index export": lambda n: "/index/.entities.json." in n,
    "manifest": lambda n: "/.manifest.json." in n,
    "source copy": lambda n: "/sources/." in n,
}


#: The refusals, each writer's in turn: what is told depends on the error alone (every
#: writer's refusal goes through one classification), what is kept on the writer, so each
#: writer is refused once and each error given to two or three writers (the 21 pairs took
#: 230 s of the suite, two builds each).
REFUSALS = [(errno.ENOSPC, "env.disk-full"), (errno.EROFS, "env.read-only"),
            (errno.EACCES, "env.permission")]  # fmt: skip


@pytest.mark.parametrize(
    ("writer", "number", "code"),
    [(writer, *REFUSALS[i % len(REFUSALS)]) for i, writer in enumerate(sorted(WRITERS))],
)
def test_a_refused_write_publishes_nothing(
    sources: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer: str,
    number: int,
    code: str,
) -> None:
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    before, gens = published(out), generations(out)
    edit(sources)
    with failing_fsync(monkeypatch, WRITERS[writer], number):
        result = run("build", str(sources), "--out", str(out), "--jobs", "2")
    assert_one_clear_line(result, code)
    assert published(out) == before
    assert generations(out) == gens  # the half-written generation is gone
    # the path told is where the file is published, not in the generation just removed
    [told] = [line for line in result.output.splitlines() if f"[{code}]" in line]
    assert f"{MARKER}/gen-" not in told, told
    assert Path(told.split(": ", 1)[0]).parent.exists(), told


def test_a_refused_report_keeps_the_old_one(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.json"
    report.write_text("old")
    with failing_fsync(monkeypatch, lambda n: ".report.json." in n, errno.ENOSPC):
        result = run("check", str(sources), "--format", "json", "-o", str(report))
    assert_one_clear_line(result, "env.disk-full")
    assert report.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "tei"]


def test_a_refused_baseline_keeps_the_old_one(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline.json"
    assert run("check", str(sources), "--baseline", str(baseline)).exit_code == 0
    before = baseline.read_bytes()
    with failing_fsync(monkeypatch, lambda n: ".baseline.json." in n, errno.EDQUOT):
        result = run("check", str(sources), "--baseline", str(baseline), "--update-baseline")
    assert_one_clear_line(result, "env.disk-full")
    assert baseline.read_bytes() == before


def test_an_unwritable_lock_is_one_line(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    before = published(out)

    def pwrite(fd: int, data: bytes, offset: int) -> int:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "pwrite", pwrite)
    result = run("build", str(sources), "--out", str(out))
    assert_one_clear_line(result, "env.io-error")
    assert published(out) == before


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["check", "-o", ""], 2, "is a folder"),
        (["check", "-o", "{tmp}"], 2, "is a directory"),
        (["check", "-o", "{src}/texts/belgium-1944.xml"], 2, "being checked"),
        # a JUnit report inside the folder checked is read as TEI by the next check
        (["check", "--format", "junit", "-o", "{src}/report.xml"], 2, "as a TEI file"),
        (["check", "--baseline", "{src}/registers/persons.xml"], 2, "being checked"),
        # the settings, one file given twice (probe 119: overwritten, exit 0)
        (["check", "-o", "{tmp}/other/pyproject.toml"], 2, "a settings file"),
        (["check", "-o", "{tmp}/same.txt", "--baseline", "{tmp}/same.txt"], 2, "one file"),
        (["build", "--out", "{tmp}/afile"], 2, "file"),
        (["build", "--out", "{tmp}/afile/sub"], 1, "[env.not-a-folder]"),
        (["build", "--out", "{tmp}/" + "n" * 300], 1, "[env.name-too-long]"),
    ],
)
def test_odd_paths_are_one_clear_message(
    sources: Path, tmp_path: Path, args: list[str], status: int, words: str
) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "pyproject.toml").write_text("[tool.edition]\n")
    before = {p: p.read_bytes() for p in sources.rglob("*") if p.is_file()}
    argv = [a.format(tmp=tmp_path, src=sources) for a in args]
    result = run(argv[0], str(sources), *argv[1:])
    assert result.exit_code == status, result.output
    assert words in result.output
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in sources.rglob("*") if p.is_file()} == before


def test_a_report_is_not_written_over_a_register_read_beside_the_texts(sources: Path) -> None:
    """Probe 119: checking the texts alone reads the registers beside them, and -o (or
    --update-baseline) onto a register replaced it with the report, exit 0, every name of
    the texts dangling after. Any TEI file is refused as a report's place."""
    register = sources / "registers" / "persons.xml"
    before = register.read_bytes()
    for args in (["-o", str(register)], ["--baseline", str(register), "--update-baseline"]):
        result = run("check", str(sources / "texts"), *args)
        assert result.exit_code == 2 and "is a TEI file" in result.output, result.output
        assert register.read_bytes() == before


def test_a_corrupt_baseline_is_a_usage_error(sources: Path, tmp_path: Path) -> None:
    for content in ("", "{not json", '{"problems": 3}'):
        baseline = tmp_path / "b.json"
        baseline.write_text(content)
        result = run("check", str(sources), "--baseline", str(baseline))
        assert result.exit_code == 2, result.output
        assert "baseline" in result.output and "Traceback" not in result.output
        assert baseline.read_text() == content


# -- a real small disk (tmpfs), when the tests run as root (as CI does) -------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs needs root; the injected faults above cover the writers")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill the disk up to ``leave`` free bytes."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    filler = disk / "filler"
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_publishes_nothing(sources: Path, small_disk: Path) -> None:
    out = small_disk / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    before = published(out)
    filler = fill(small_disk, 64 * 1024)
    edit(sources)
    result = run("build", str(sources), "--out", str(out))
    assert_one_clear_line(result, "env.disk-full")
    assert published(out) == before
    filler.unlink()
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    assert published(out) != before


def test_a_disk_that_fills_while_pagefind_writes_publishes_nothing(
    sources: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pagefind met the full disk, wrote its entry file empty and exited 0: the build
    # published the new pages with a search index that could not load (html.search-index,
    # "Pagefind's entry file could not be read"), where a full disk publishes nothing
    from pipeline.builders import search

    out = small_disk / "site"
    assert run("build", str(sources), "--out", str(out), "--only", "html").exit_code == 0
    before = published(out)
    filler = small_disk / "filler"
    real = search.pagefind_command
    # what Pagefind left on the probe's full tmpfs: the index written, its entry file empty
    fills = (
        '"$@" || exit; site="$3"; cat /dev/zero > "$0" 2>/dev/null; '
        ': > "$site/pagefind/pagefind-entry.json"'
    )
    monkeypatch.setattr(
        search, "pagefind_command", lambda site: ["sh", "-c", fills, str(filler), *real(site)]
    )
    edit(sources)
    result = run("build", str(sources), "--out", str(out), "--only", "html")
    assert_one_clear_line(result, "env.disk-full")
    assert "html.search-index" not in result.output
    # told of the index, or of a page written while Pagefind filled the disk (the about page
    # is written beside it: which meets the full disk first is the machine's timing)
    assert re.search(
        re.escape(str(out / "html")) + r"/\S*: error: cannot write: the disk is full",
        result.output,
    ), result.output
    assert published(out) == before
    filler.unlink()
    monkeypatch.setattr(search, "pagefind_command", real)
    assert run("build", str(sources), "--out", str(out), "--only", "html").exit_code == 0
    assert published(out) != before


def test_a_disk_pagefinds_own_output_fills_publishes_nothing(
    sources: Path, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 173 (an 8.5 MB tmpfs): the disk filled as Pagefind wrote its scratch site, which left
    empty files; once its scratch site was removed the disk had room again, the free space
    was asked only then, and the new pages were published with an index of empty files.
    The index is judged while the scratch still holds the disk."""
    from pipeline.builders import search

    out = small_disk / "site"
    assert run("build", str(sources), "--out", str(out), "--only", "html").exit_code == 0
    before = published(out)
    real = search.pagefind_command
    fills = (
        '"$@" || exit; site="$3"; cat /dev/zero > "$site/zz-filler" 2>/dev/null; '
        ': > "$site/pagefind/pagefind-entry.json"'
    )
    monkeypatch.setattr(
        search, "pagefind_command", lambda site: ["sh", "-c", fills, "sh", *real(site)]
    )
    edit(sources)
    result = run("build", str(sources), "--out", str(out), "--only", "html")
    assert_one_clear_line(result, "env.disk-full")
    assert published(out) == before
    monkeypatch.setattr(search, "pagefind_command", real)
    assert run("build", str(sources), "--out", str(out), "--only", "html").exit_code == 0
    assert published(out) != before


def test_pagefind_stopped_by_the_file_size_limit_publishes_nothing(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 119: under ulimit -f, Pagefind was killed by SIGXFSZ ("exit status -25", its
    output cut mid-word, at the path "-"), and the site was published without its search
    index, the last good one gone. The machine refused a write: nothing is published."""
    from pipeline.builders import search

    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out), "--only", "html").exit_code == 0
    before = published(out)
    monkeypatch.setattr(search, "pagefind_command", lambda site: ["sh", "-c", "kill -XFSZ $$"])
    edit(sources)
    result = run("build", str(sources), "--out", str(out), "--only", "html")
    assert_one_clear_line(result, "env.file-too-large")
    assert "html.search-index" not in result.output
    assert published(out) == before


def test_a_damaged_search_index_is_made_again(sources: Path, tmp_path: Path) -> None:
    """Probe 119: a file of the published search index deleted (or left out by a killed
    clean) never came back: the next builds took the bundle over without it, or failed on
    its missing entry file until --clean. What the last build wrote is what is taken."""
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out), "--only", "html").exit_code == 0
    index = out / "html" / "pagefind"
    whole = published(out)
    fragment = sorted((index / "fragment").iterdir())[0]
    fragment.unlink()
    assert run("build", str(sources), "--out", str(out), "--only", "html").exit_code == 0
    assert fragment.is_file() and published(out) == whole
    (index / "pagefind-entry.json").unlink()
    result = run("build", str(sources), "--out", str(out), "--only", "html")
    assert result.exit_code == 0, result.output
    assert published(out) == whole


def test_a_full_disk_for_the_report(sources: Path, small_disk: Path) -> None:
    fill(small_disk, 0)
    result = run("check", str(sources), "--format", "json", "-o", str(small_disk / "r.json"))
    assert_one_clear_line(result, "env.disk-full")
    assert not (small_disk / "r.json").exists()


def test_a_read_only_disk_publishes_nothing(sources: Path, small_disk: Path) -> None:
    out = small_disk / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    before = published(out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    edit(sources)
    result = run("build", str(sources), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert "[env.read-only]" in result.output and "Traceback" not in result.output
    assert published(out) == before


# -- kill -9 at every step of publishing -------------------------------------------------------


def build_process(sources: Path, out: Path, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "build", str(sources), "--out", str(out)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


class ForkedBuild:
    """``edition build`` in a child forked from this process, in a session of its own, as
    ``build_process`` runs it but with the stylesheets this process compiled: a new
    interpreter compiled them all again before reaching the publishing steps these tests
    pause at (10 s of each test's 20-38 s on a loaded machine). Killed, it dies as a
    command does; its workers, forked from it, die with it."""

    def __init__(self, sources: Path, out: Path, **env: str) -> None:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the child)
            status = 70
            try:
                os.setsid()
                os.close(reader)
                quiet = os.open(os.devnull, os.O_RDWR)
                # fds 0 and 1 may be pytest-xdist's channel to its controller: never touched
                os.dup2(quiet, 0)
                os.dup2(quiet, 1)
                os.dup2(writer, 2)
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                os.environ.update(env)
                sys.argv = ["edition", "build", str(sources), "--out", str(out)]
                try:
                    cli_main()
                    status = 0
                except SystemExit as exc:
                    status = exc.code if isinstance(exc.code, int) else 1
                sys.stderr.flush()
            finally:
                os._exit(status)
        os.close(writer)
        self.pid = pid
        self.returncode: int | None = None
        self.stderr = os.fdopen(reader, "rb")

    def communicate(self, timeout: float | None = None) -> tuple[None, bytes]:
        errors = self.stderr.read()
        self.stderr.close()
        deadline = time.monotonic() + (timeout or 120)
        while self.returncode is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.returncode = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(["edition", "build"], timeout or 120)
            else:
                time.sleep(0.02)
        return None, errors


def kill_paused_at(sources: Path, out: Path, step: str, marker: Path) -> ForkedBuild:
    """A build of ``sources`` into ``out`` killed (SIGKILL, with its workers) while it waits
    at the publishing step ``step`` (the build's own hook: EDITION_PAUSE_AT)."""
    process = ForkedBuild(sources, out, EDITION_PAUSE_AT=step, EDITION_PAUSE_FILE=str(marker))
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), process.stderr.read() if process.stderr else ""
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    return process


def no_process_left(group: int) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alive = subprocess.run(["pgrep", "-g", str(group)], capture_output=True, check=False)
        if alive.returncode != 0:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(
    ("step", "moved"),
    [
        ("before-publish", ()),
        # committed, but the folders are not in place yet: readers still see the old edition
        ("after-publish", ()),
        # one folder moved (they are moved in the order epub, html, index)
        ("placed-epub", ("epub",)),
        ("placed-index", ("epub", "html", "index")),
    ],
)
def test_kill_at_a_step_of_publishing(
    sources: Path, tmp_path: Path, step: str, moved: tuple[str, ...]
) -> None:
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    old = published(out)
    edit(sources)
    clean = tmp_path / "clean"
    assert run("build", str(sources), "--out", str(clean)).exit_code == 0
    new = published(clean)
    process = kill_paused_at(sources, out, step, tmp_path / "paused")
    assert no_process_left(process.pid)
    expected = {k: v for k, v in old.items() if k.split("/")[0] not in moved}
    expected.update({k: v for k, v in new.items() if k.split("/")[0] in moved})
    assert published(out) == dict(sorted(expected.items()))
    # the next build finishes the job and leaves one generation
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    assert published(out) == new
    assert len(generations(out)) == 1


def test_files_put_into_the_edition_while_a_build_publishes_are_kept(
    sources: Path, tmp_path: Path
) -> None:
    """Probe 119: files written into the published pages in the last seconds of a build,
    after it had looked for files of someone else's, went with the old folder (269 of
    1,278, exit 0). A new one is moved into the new edition; one changed where the new
    edition has a file of its name is rescued; each is told."""
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    edit(sources)
    marker = tmp_path / "paused"
    process = ForkedBuild(
        sources, out, EDITION_PAUSE_AT="before-publish", EDITION_PAUSE_FILE=str(marker)
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), process.stderr.read() if process.stderr else ""
    (out / "html" / "late.txt").write_text("mine")
    (out / "html" / "index.html").write_text("my own home page")
    marker.unlink()
    _, errors = process.communicate(timeout=120)
    told = errors.decode()
    assert process.returncode == 0, told
    assert (out / "html" / "late.txt").read_text() == "mine"
    assert "[build.kept-file]" in told and "[build.rescued-file]" in told, told
    (rescued,) = (out / ".edition" / "rescued").rglob("index.html")
    assert rescued.read_text() == "my own home page"
    assert "my own home page" not in (out / "html" / "index.html").read_text()


def test_a_build_that_stops_before_building_finishes_a_killed_publishing(
    sources: Path, tmp_path: Path
) -> None:
    """Probe 101: after a build killed between moving its folders (epub new, html and index
    old), a build of a path with a typo said "the published edition (if any) is unchanged"
    and left the edition mixed. It finishes that publishing first, as any build does."""
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    edit(sources)
    clean = tmp_path / "clean"
    assert run("build", str(sources), "--out", str(clean)).exit_code == 0
    new = published(clean)
    kill_paused_at(sources, out, "placed-epub", tmp_path / "paused")
    assert published(out) != new
    result = run("build", str(tmp_path / "no-such-folder"), "--out", str(out))
    assert result.exit_code == 1 and "[gate.missing]" in result.output, result.output
    assert published(out) == new
    # a folder no build made is not made one
    elsewhere = tmp_path / "elsewhere"
    assert run("build", str(tmp_path / "no-such-folder"), "--out", str(elsewhere)).exit_code == 1
    assert not elsewhere.exists()


def test_files_put_into_the_old_edition_after_a_killed_commit_are_not_lost(
    sources: Path, tmp_path: Path
) -> None:
    """A build killed after it committed its edition but before it put the folders in place
    leaves the last edition published, maybe for days; what someone then puts into it (a
    CNAME) is carried into the committed edition by the next build, and a page edited by hand
    that the committed edition also has is moved to .edition/rescued/, with a warning."""
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    edit(sources)
    kill_paused_at(sources, out, "after-publish", tmp_path / "paused")
    (out / "html" / "CNAME").write_text("edition.example.org\n", encoding="utf-8")
    page = out / "html" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- fixed by hand -->", encoding="utf-8")
    result = run("build", str(sources), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "html" / "CNAME").read_text(encoding="utf-8") == "edition.example.org\n"
    assert "build.kept-file" in result.output and "build.rescued-file" in result.output
    (rescued,) = (out / ".edition" / "rescued").glob("gen-*/html/index.html")
    assert rescued.read_text(encoding="utf-8").endswith("<!-- fixed by hand -->")
    assert "fixed by hand" not in page.read_text(encoding="utf-8")
    # and the build after keeps the CNAME still
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    assert (out / "html" / "CNAME").exists()


@pytest.mark.parametrize("changed", [False, True])
def test_a_kept_file_is_no_clash_after_a_killed_commit(
    sources: Path, tmp_path: Path, changed: bool
) -> None:
    """Probe 134: a person's file an earlier build had kept, in an edition whose next build
    was killed after its commit, was "rescued" by the build after (the committed edition
    carries it, as the same file): a warning of a clash there was not, a copy in
    .edition/rescued/ at every interrupted publishing, and clean refused. The file is the
    committed edition's already; changed since, it is carried as it is now."""
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    notes = out / "html" / "notes.txt"
    notes.write_text("my note", encoding="utf-8")
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    edit(sources)
    kill_paused_at(sources, out, "after-publish", tmp_path / "paused")
    if changed:
        notes.unlink()  # as an editor saves it: a new file of that name
        notes.write_text("my note, longer", encoding="utf-8")
    result = run("build", str(sources), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "build.rescued-file" not in result.output, result.output
    assert not (out / ".edition" / "rescued").exists()
    assert notes.read_text(encoding="utf-8") == ("my note, longer" if changed else "my note")
    # and it stays the edition's kept file
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    assert notes.read_text(encoding="utf-8") == ("my note, longer" if changed else "my note")


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5])
def test_kill_at_random_moments(sources: Path, tmp_path: Path, delay: float) -> None:
    out = tmp_path / "site"
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
    old = published(out)
    edit(sources)
    process = build_process(sources, out)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    assert no_process_left(process.pid)
    now = published(out)
    # the old edition, or the new one whole: the same files, but for the search index's,
    # which are named after their content (the edit changed it)
    assert now == old or (_named(now) == _named(old) and now != old)
    assert "html/pagefind/pagefind-entry.json" in now
    assert run("build", str(sources), "--out", str(out)).exit_code == 0
