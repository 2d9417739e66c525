"""Writing outputs safely: atomic files, atomic directory swaps, the build lock, the clock.

Builders never write into the final output directory directly: they write into a staging
directory that ``publish_dir`` swaps into place only when the whole output succeeded, so a
failed build leaves the last good output untouched (DESIGN.md section 5).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildLocked, EditionError

STAGING_PREFIX = ".staging-"
LOCK_NAME = ".edition-build.lock"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def new_staging_dir(out: Path, name: str) -> Path:
    """A fresh, empty directory beside ``out/name`` to build into."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{name}-", dir=out))
    # mkdtemp makes the folder private (0700); the published output must be readable.
    staging.chmod(0o755)
    return staging


def publish_dir(staging: Path, final: Path) -> None:
    """Replace ``final`` by ``staging`` with two renames; the old tree is removed afterwards."""
    old: Path | None = None
    if final.exists():
        old = final.with_name(f"{STAGING_PREFIX}old-{final.name}-{os.getpid()}")
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_stale_staging(out: Path) -> None:
    """Remove staging folders left by a build that was killed."""
    if not out.is_dir():
        return
    for child in out.iterdir():
        if child.name.startswith(STAGING_PREFIX) and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """One build per output directory; a second one fails at once with a clear message."""
    out.mkdir(parents=True, exist_ok=True)
    lock = out / LOCK_NAME
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        holder = _lock_holder(lock)
        if holder is not None and _alive(holder):
            raise BuildLocked(
                f"another build (pid {holder}) is writing to {out}; wait for it or use --out"
            ) from None
        # The holder died without cleaning up: take the lock over.
        lock.unlink(missing_ok=True)
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except OSError as exc:
        raise EditionError(f"cannot write to {out}: {exc.strerror}") from exc
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip() or "0") or None
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True


def source_date(fallback: dt.datetime | None = None) -> dt.datetime:
    """The build's clock: ``SOURCE_DATE_EPOCH`` if set, else ``fallback``, else 1980-01-01.

    With ``SOURCE_DATE_EPOCH`` set, two builds of the same sources give the same bytes.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
        except (ValueError, OverflowError) as exc:
            raise EditionError(f"SOURCE_DATE_EPOCH must be whole seconds, not {raw!r}") from exc
    if fallback is not None:
        return fallback.astimezone(dt.UTC) if fallback.tzinfo else fallback.replace(tzinfo=dt.UTC)
    return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
