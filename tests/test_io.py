"""Atomic writes, directory swaps, the build lock and the reproducible clock."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pipeline.errors import BuildLocked, EditionError
from pipeline.io import (
    LOCK_NAME,
    build_lock,
    new_staging_dir,
    publish_dir,
    remove_stale_staging,
    source_date,
    write_bytes_atomic,
)


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.txt"
    write_bytes_atomic(target, b"one")
    write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    write_bytes_atomic(target, b"good")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"bad")
    assert target.read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_publish_swaps_whole_directories(tmp_path: Path) -> None:
    final = tmp_path / "html"
    final.mkdir()
    (final / "old.html").write_text("old")
    staging = new_staging_dir(tmp_path, "html")
    (staging / "new.html").write_text("new")
    publish_dir(staging, final)
    assert [p.name for p in final.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]


def test_stale_staging_is_removed(tmp_path: Path) -> None:
    new_staging_dir(tmp_path, "epub")
    (tmp_path / "keep").mkdir()
    remove_stale_staging(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep"]


def test_second_build_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    with (
        build_lock(tmp_path),
        pytest.raises(BuildLocked, match="another build"),
        build_lock(tmp_path),
    ):
        pass
    assert not (tmp_path / LOCK_NAME).exists()


def test_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text("999999999")
    with build_lock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text() == str(os.getpid())


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert source_date(dt.datetime(2020, 1, 1)) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def test_source_date_falls_back_and_never_reads_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date(dt.datetime(2026, 11, 24)) == dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    assert source_date() == dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def test_bad_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(EditionError, match="SOURCE_DATE_EPOCH"):
        source_date()


def test_published_output_is_world_readable(tmp_path: Path) -> None:
    staging = new_staging_dir(tmp_path, "html")
    publish_dir(staging, tmp_path / "html")
    assert (tmp_path / "html").stat().st_mode & 0o777 == 0o755
