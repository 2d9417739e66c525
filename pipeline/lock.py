"""The build lock: one build per output folder, held by the kernel, named in its file.

The lock is an ``flock`` on ``OUT/.edition/lock``. The kernel releases it when the holding
process dies, however it dies, so a lock can never be stale: a left-over file, an empty one,
or one naming a process id that has since been reused by another program blocks nothing. The
file holds the holder's process id and start time only to name it in the refusal message.
Taking the lock is one system call, so two builds can never both hold it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import BuildLocked, EnvironmentFailure

#: The descriptors of the locks this process holds. A forked child closes its copies at once:
#: a worker that outlives the build that forked it (``parallel.Resident``) would otherwise
#: keep the lock held, and the next build would wait for it forever.
_HELD: set[int] = set()


def _close_in_child() -> None:
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


def process_start(pid: int) -> str:
    """The start time of ``pid`` in clock ticks since boot (``/proc``), or ``""``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # Field 22, counted after the command name, which is in parentheses and may hold spaces.
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else ""


@contextlib.contextmanager
def hold(lock: Path, what: str) -> Iterator[None]:
    """Hold the lock at ``lock`` for the block; ``BuildLocked`` if another process holds it.

    ``what`` names the locked thing in the refusal (``"dist"``). The lock file stays after the
    block: removing it would let a third process lock a new file while a second still waits
    on the old one.
    """
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "create the build lock", lock) from exc
    _HELD.add(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(
                f"another build ({_holder(fd)}) is writing to {what}; wait for it to finish "
                "or choose another --out",
                what,
            ) from None
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "lock", lock) from exc
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {process_start(os.getpid())}\n".encode(), 0)
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "write the build lock", lock) from exc
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)  # releases the flock


def _holder(fd: int) -> str:
    try:
        words = os.pread(fd, 100, 0).decode("ascii", "replace").split()
    except OSError:
        words = []
    if words and words[0].isdigit():
        pid = int(words[0])
        alive = len(words) > 1 and process_start(pid) == words[1]
        return f"process {pid}" + ("" if alive else ", still finishing")
    return "a process that has not yet written its id"
