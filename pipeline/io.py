"""Writing files safely, and the build's clock.

Every file the program writes (pages, books, exports, reports, baselines, caches) goes through
``write_bytes_atomic``: a temporary file in the same folder, flushed to disk, then renamed over
the target, so a reader sees the old file or the new one and a full disk never leaves half a
file. A failure of the machine is raised as ``EnvironmentFailure`` (path, cause, what to do);
caches, which only save time, record their failures as warnings instead (``cache_warnings``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from . import diagnostics as diag
from .diagnostics import Diagnostic
from .errors import EnvironmentFailure, OptionError

_CACHE_FAILURES: dict[str, EnvironmentFailure] = {}


def _umask() -> int:
    # read once, when the module is imported (the umask can only be read by setting it)
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _umask()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder, fsync, rename."""
    with _atomic(path, "wb") as handle:
        handle.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_text_writer(path: Path) -> Iterator[TextIO]:
    """A text file written bit by bit (a streamed report) and published as ``path`` only
    when the block ends without an exception (temp file, fsync, rename)."""
    with _atomic(path, "w") as handle:
        yield handle  # type: ignore[misc]


@contextlib.contextmanager
def atomic_binary_writer(path: Path) -> Iterator[BinaryIO]:
    """``atomic_text_writer`` for bytes (a zip written member by member)."""
    with _atomic(path, "wb") as handle:
        yield handle  # type: ignore[misc]


@contextlib.contextmanager
def _atomic(path: Path, mode: str) -> Iterator[IO[Any]]:
    """A temp file beside ``path``, renamed over it when the block ends without an
    exception, removed otherwise; OS errors become ``EnvironmentFailure``."""
    if _special(path):
        with _direct(path, mode) as handle:
            yield handle
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "create the folder", path.parent) from exc
    try:
        # the writer's process id in the name: a later run can tell the leftovers of a
        # killed one from a file another run is writing (sweep_leftovers)
        import tempfile  # here: a check that writes its report to the terminal needs none

        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name[:64]}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "write", path) from exc
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # as a file the process made itself would be (mkstemp's are private): readable by
        # all under the usual umask 022, private under 077 as the folders and Pagefind's
        # files are (probe 179: every file the build wrote was 0644 under umask 077)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise EnvironmentFailure.of(exc, "write", path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _special(path: Path) -> bool:
    """Whether ``path`` is a device, a pipe or a socket (a link to one too)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def _direct(path: Path, mode: str) -> Iterator[IO[Any]]:
    """``path`` opened as it is: a report sent to ``/dev/null``, ``/dev/stdout`` or a named
    pipe a CI job reads. Renaming a file over it put a regular file in its place, which
    for root was ``/dev/null`` itself; nothing can be half-written there that a reader keeps."""
    try:
        encoding = None if "b" in mode else "utf-8"
        with open(path, mode, encoding=encoding) as handle:
            yield handle
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "write", path) from exc


def sweep_leftovers(path: Path) -> None:
    """Remove the temp files a killed run left beside ``path`` (``.NAME.PID.XXXX.tmp`` of a
    process that no longer runs): a report written with ``-o`` is atomic, and a run killed
    while writing it must not leave litter for ever. Files of live processes are kept."""
    prefix = f".{path.name[:64]}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def temp_parts(name: str) -> tuple[str, str] | None:
    """The NAME and PID of a temp file of this module's (``.NAME.PID.XXXX.tmp``, NAME cut to
    64 characters), or None for another file."""
    if not (name.startswith(".") and name.endswith(".tmp")) or name.count(".") < 4:
        return None
    target, pid, _, _ = name[1:].rsplit(".", 3)
    return target, pid


def stale_temp(name: str) -> bool:
    """Whether ``name`` is a temp file of this module's whose process no longer runs (a
    write cut short by a kill)."""
    parts = temp_parts(name)
    pid = parts[1] if parts is not None else ""
    return pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file; a failure is remembered for ``cache_warnings``, never raised."""
    try:
        write_bytes_atomic(path, data)
    except EnvironmentFailure as failure:
        _CACHE_FAILURES.setdefault(str(path.parent), failure)


def cache_warnings() -> list[Diagnostic]:
    """One warning per cache folder that could not be written since the last call."""
    found = [
        diag.warning(
            failure.path,
            "env.cache",
            f"{failure.message} (the schema cache only saves time: checks run without it, "
            "more slowly)",
            origin="cache",
        )
        for failure in _CACHE_FAILURES.values()
    ]
    _CACHE_FAILURES.clear()
    return found


def source_date(fallback: dt.datetime | None = None) -> dt.datetime:
    """The build's clock: ``SOURCE_DATE_EPOCH`` if set, else ``fallback``, else 1980-01-01.

    With ``SOURCE_DATE_EPOCH`` set, two builds of the same sources give the same bytes.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        # a usage error (exit 2), in the years a zip's entries can be dated in: 99999999999
        # (the year 5138) was an internal error of the zip writer, "-5" a book of 1969
        # (probe 73)
        try:
            seconds = int(raw)
            when = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        except (ValueError, OverflowError, OSError) as exc:
            raise OptionError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {raw!r}"
            ) from exc
        if seconds < 0 or when.year > 2107:
            raise OptionError(
                f"SOURCE_DATE_EPOCH {raw} is not a date of 1970-2107 (whole seconds since "
                "1970; a zip cannot carry a later one)"
            )
        return when
    if fallback is not None:
        return fallback.astimezone(dt.UTC) if fallback.tzinfo else fallback.replace(tzinfo=dt.UTC)
    return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
