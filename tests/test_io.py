"""Atomic writes, failures of the machine as one described error, cache warnings, the clock."""

from __future__ import annotations

import datetime as dt
import errno
import os
import pickle
import stat
from pathlib import Path

import pytest

from pipeline import io
from pipeline.errors import EnvironmentFailure, OptionError
from pipeline.io import cache_warnings, source_date, write_bytes_atomic, write_cache


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.txt"
    write_bytes_atomic(target, b"one")
    write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~io._UMASK


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_written_file_has_the_modes_of_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int, mode: int
) -> None:
    """Probe 179: under umask 077 the folders and Pagefind's files were private and every
    file the build wrote was 0644, neither private nor readable by a web server."""
    monkeypatch.setattr(io, "_UMASK", umask)
    target = tmp_path / "a.txt"
    write_bytes_atomic(target, b"one")
    assert target.stat().st_mode & 0o777 == mode


@pytest.mark.parametrize(
    ("number", "code", "words"),
    [
        (errno.ENOSPC, "env.disk-full", "the disk is full"),
        (errno.EDQUOT, "env.disk-full", "quota"),
        (errno.EROFS, "env.read-only", "read-only"),
        (errno.EACCES, "env.permission", "permission denied"),
        (errno.EIO, "env.io-error", "input/output error"),
        (errno.EMFILE, "env.too-many-files", "too many files"),
        (errno.EFBIG, "env.file-too-large", "ulimit -f"),
    ],
)
def test_failed_write_keeps_the_old_file_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, code: str, words: str
) -> None:
    target = tmp_path / "a.txt"
    write_bytes_atomic(target, b"good")

    def broken_fsync(fd: int) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(EnvironmentFailure) as caught:
        write_bytes_atomic(target, b"bad")
    assert caught.value.code == code
    assert caught.value.path == str(target)
    assert words in caught.value.message
    assert target.read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_file_in_the_way_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(EnvironmentFailure) as caught:
        write_bytes_atomic(tmp_path / "afile" / "sub" / "a.txt", b"x")
    assert caught.value.code in ("env.not-a-folder", "env.exists")
    assert "afile" in caught.value.path


def test_a_pipe_or_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    # `edition check -o /dev/null` run as root renamed the report over /dev/null: the
    # device became a regular file for every program on the machine
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"  # as /dev/stdout is a link to the process's descriptor
    link.symlink_to(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        io.write_text_atomic(fifo, "summary: 1 file checked\n")
        with io.atomic_text_writer(link) as out:
            out.write("streamed\n")
        assert os.read(reader, 4096) == b"summary: 1 file checked\nstreamed\n"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.fifo", "stdout"]


def test_environment_failures_cross_process_boundaries() -> None:
    failure = EnvironmentFailure("/x", "env.disk-full", "cannot write: the disk is full")
    again = pickle.loads(pickle.dumps(failure))
    assert (again.path, again.code, again.message) == (failure.path, failure.code, failure.message)


def test_cache_failures_are_warnings_once_per_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise EnvironmentFailure(str(path), "env.read-only", "cannot write: read-only")

    monkeypatch.setattr(io, "write_bytes_atomic", refuse)
    write_cache(tmp_path / "c" / "one", b"1")
    write_cache(tmp_path / "c" / "two", b"2")
    found = cache_warnings()
    assert [d.code for d in found] == ["env.cache"]
    assert "only saves time" in found[0].message
    assert cache_warnings() == []


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert source_date(dt.datetime(2020, 1, 1)) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def test_source_date_falls_back_and_never_reads_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date(dt.datetime(2026, 11, 24)) == dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    assert source_date() == dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("value", ["yesterday", "1.5", "-5", "99999999999"])
def test_bad_source_date_epoch(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """A usage error (exit 2), in the years a zip can date: 99999999999 was an internal
    error of the zip writer, -5 a book of 1969 (probe 73)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(OptionError, match="SOURCE_DATE_EPOCH"):
        source_date()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(4354819199))  # 2107-12-31
    assert source_date().year == 2107


def test_the_leftovers_of_a_killed_writer_are_swept_and_a_live_ones_kept(tmp_path: Path) -> None:
    """A report written with -o by a run that was killed leaves .NAME.PID.XXXX.tmp: the next
    run removes it, but never the temp file of a process still writing."""
    import subprocess
    import sys

    from pipeline.io import sweep_leftovers

    report = tmp_path / "report.jsonl"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    (tmp_path / f".report.jsonl.{dead}.abc123.tmp").write_text("partial")
    (tmp_path / f".report.jsonl.{os.getpid()}.def456.tmp").write_text("mine")
    (tmp_path / ".other.jsonl.1.x.tmp").write_text("not this report's")
    sweep_leftovers(report)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f".report.jsonl.{os.getpid()}.def456.tmp", ".other.jsonl.1.x.tmp"]
    )
