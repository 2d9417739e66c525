"""Where the gate reads source files from: the disk, or bytes a client shipped with a task.

A Dask worker has no shared file system (``pipeline.distributed``): the client reads each
source once and ships its bytes, and, for a document with ``xi:include``, the bytes of every
file its expansion read (``recording`` notes them on the client, ``shipped`` serves them on
the worker). Paths that were not shipped are read from the disk as usual. Only the gate's
reads of user files go through here (``gate.read_bytes`` and the XInclude expander);
schemas and stylesheets are read from the disk (docs/scaling.md).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

#: Absolute path -> bytes (None: the file was missing or unreadable where it was recorded).
Files = dict[str, bytes | None]

_shipped: ContextVar[Files | None] = ContextVar("edition_shipped_files", default=None)
_recorded: ContextVar[Files | None] = ContextVar("edition_recorded_files", default=None)


def _key(path: Path) -> str:
    return os.path.abspath(path)


def size(path: Path) -> int:
    """The file's size in bytes (``OSError`` when it cannot be read)."""
    shipped = _shipped.get()
    if shipped is not None and _key(path) in shipped:
        return len(_or_missing(shipped[_key(path)], path))
    return path.stat().st_size


def read(path: Path) -> bytes:
    """The file's bytes (``OSError`` when it cannot be read)."""
    shipped = _shipped.get()
    if shipped is not None and _key(path) in shipped:
        return _or_missing(shipped[_key(path)], path)
    recorded = _recorded.get()
    try:
        data = read_regular(path)
    except OSError:
        if recorded is not None:
            recorded[_key(path)] = None
        raise
    if recorded is not None:
        recorded[_key(path)] = data
    return data


def read_regular(path: Path | str) -> bytes:
    """The bytes of a regular file; ``OSError`` for a named pipe or a device, which would
    block the reader for ever (probe 179: a source replaced by a pipe while a build ran
    hung it, whatever --timeout said): opened without waiting, and read once it is known to
    be a file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a named pipe or a device)", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            fd = -1  # the handle closes it
            return handle.read()
    finally:
        if fd >= 0:
            os.close(fd)


def is_file(path: Path) -> bool:
    shipped = _shipped.get()
    if shipped is not None and _key(path) in shipped:
        return shipped[_key(path)] is not None
    found = path.is_file()
    recorded = _recorded.get()
    if not found and recorded is not None:
        recorded.setdefault(_key(path), None)
    return found


def _or_missing(data: bytes | None, path: Path) -> bytes:
    if data is None:
        raise FileNotFoundError(2, "No such file or directory", str(path))
    return data


@contextmanager
def shipped(files: Files) -> Iterator[None]:
    """Serve ``files`` instead of the disk while the block runs (in this context only)."""
    token = _shipped.set(files)
    try:
        yield
    finally:
        _shipped.reset(token)


@contextmanager
def recording() -> Iterator[Files]:
    """Note every file read (or found missing) through this module while the block runs."""
    found: Files = {}
    token = _recorded.set(found)
    try:
        yield found
    finally:
        _recorded.reset(token)
