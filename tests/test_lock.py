"""The build lock (pipeline/lock.py): held by the kernel, never stale, naming its holder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import lock
from pipeline.errors import BuildLocked, EnvironmentFailure

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from pipeline import lock\n"
    "with lock.hold(Path(sys.argv[1]), 'out'):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(30)\n"
)


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    path = tmp_path / "lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield path, holder
    holder.kill()
    holder.communicate()


def test_a_held_lock_refuses_and_names_its_holder(
    held: tuple[Path, subprocess.Popen[str]],
) -> None:
    path, holder = held
    with (
        pytest.raises(BuildLocked, match=f"another build \\(process {holder.pid}\\)"),
        lock.hold(path, "out"),
    ):
        pass


def test_the_lock_dies_with_its_holder(held: tuple[Path, subprocess.Popen[str]]) -> None:
    path, holder = held
    holder.kill()
    holder.wait()
    with lock.hold(path, "out"):
        assert path.read_text().split()[0] == str(os.getpid())


@pytest.mark.parametrize("content", ["", "garbage", "999999999 1", f"{os.getppid()} 0"])
def test_left_over_lock_files_never_block(tmp_path: Path, content: str) -> None:
    # empty, unreadable, a dead process, a live process whose id was reused (start time differs)
    path = tmp_path / "lock"
    path.write_text(content)
    with lock.hold(path, "out"):
        pid, start = path.read_text().split()
        assert pid == str(os.getpid()) and start == lock.process_start(os.getpid())


def test_the_lock_is_released_after_the_block(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    with lock.hold(path, "out"):
        pass
    with lock.hold(path, "out"):
        pass


def test_a_folder_in_the_way_is_an_environment_failure(tmp_path: Path) -> None:
    (tmp_path / "lock").mkdir()
    with pytest.raises(EnvironmentFailure) as caught, lock.hold(tmp_path / "lock", "out"):
        pass
    assert caught.value.code == "env.is-a-folder"


def test_a_forked_child_does_not_keep_the_lock(tmp_path: Path) -> None:
    """A worker forked while a build holds the lock (and kept after it: edition serve's
    resident workers) must not hold it: the next build would be refused."""
    path = tmp_path / "lock"
    started, said = os.pipe()
    with lock.hold(path, "out"):
        child = os.fork()
        if child == 0:  # pragma: no cover - the child only says it runs, then sleeps
            import time

            os.write(said, b"x")
            time.sleep(10)
            os._exit(0)
        os.read(started, 1)  # the child runs: its copies of the descriptors are closed
    os.close(started)
    os.close(said)
    try:
        with lock.hold(path, "out"):
            pass
    finally:
        os.kill(child, 9)
        os.waitpid(child, 0)


def test_the_cli_says_a_build_is_locked_in_the_diagnostics_form(tmp_path: Path) -> None:
    """A second build into the same --out is refused with one line like every other problem:
    the folder, "error", who holds it, and a code (build.locked); exit 1."""
    from click.testing import CliRunner

    from pipeline.cli import cli
    from pipeline.publish import OWNER, OWNER_TEXT

    out = tmp_path / "site"
    (out / ".edition").mkdir(parents=True)
    (out / ".edition" / OWNER).write_text(OWNER_TEXT)
    sources = tmp_path / "tei"
    sources.mkdir()
    (sources / "a.xml").write_text("<r/>")
    with lock.hold(out / ".edition" / "lock", str(out)):
        result = CliRunner().invoke(cli, ["build", str(sources), "--out", str(out)])
    assert result.exit_code == 1, result.output
    (line,) = [x for x in result.output.splitlines() if "build.locked" in x]
    assert line.startswith(f"{out}: error: another build (process {os.getpid()})")
