"""The project's exceptions; the CLI translates them to messages and exit codes at one place.

Three families, by who must act:
- ``EditionError``: something the user can fix in the input or the call (exit 1);
  ``OptionError``, its subclass, is a bad option or configuration (exit 2).
- ``EnvironmentFailure``: the machine refused an operation (full disk, read-only folder,
  permissions ...). Raised from one place, ``EnvironmentFailure.of``, so every such failure
  reads the same: the path, the cause in plain words and what to do (exit 1).
- ``Interrupted``: Ctrl-C or SIGTERM; the run stops, cleans up and exits 130 or 143.
"""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path


class EditionError(Exception):
    """A problem the user can fix (bad option, missing file, locked output)."""


class OptionError(EditionError):
    """An option, an argument or ``[tool.edition]`` asks for something impossible (exit 2)."""


class ClusterError(OptionError):
    """The Dask cluster ``--scheduler`` names cannot do the work: nothing or something else
    answers there, its workers lack the package or run other code, it has no worker, or it
    was lost mid-run (exit 2: no verdict on the files)."""


class ConfigError(OptionError):
    """``[tool.edition]`` in pyproject.toml is wrong; ``line`` and ``column`` say where, when
    the settings file is read and the place is known (the message says it too)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


class StylesheetError(EditionError):
    """One of the stylesheets or a Schematron schema could not be compiled or run."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        #: Saxon's own message (naming the module, line and column), when there is one.
        self.detail = detail


class BuildLocked(EditionError):
    """Another build holds the lock of the output directory (``path``: the folder)."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.message = message


#: errno -> (diagnostic code, the cause in plain words, what to do).
_CAUSES: dict[int, tuple[str, str, str]] = {
    errno.ENOSPC: ("env.disk-full", "the disk is full", "free some space and run again"),
    errno.EDQUOT: (
        "env.disk-full",
        "the disk quota is used up",
        "free some space or ask for a larger quota, and run again",
    ),
    errno.EROFS: (
        "env.read-only",
        "the file system is read-only",
        "choose a folder you can write to",
    ),
    errno.EACCES: (
        "env.permission",
        "permission denied",
        "check the permissions of the file and its folder, or choose another place",
    ),
    errno.EPERM: (
        "env.permission",
        "the operation is not permitted",
        "check the permissions of the file and its folder, or choose another place",
    ),
    errno.ENOTDIR: (
        "env.not-a-folder",
        "a part of the path is a file, not a folder",
        "choose a path whose parents are folders",
    ),
    errno.EEXIST: (
        "env.exists",
        "something is already there",
        "move it away or choose another path",
    ),
    errno.EISDIR: (
        "env.is-a-folder",
        "it is a folder, not a file",
        "choose a file name, or move the folder away",
    ),
    errno.ENAMETOOLONG: (
        "env.name-too-long",
        "the name is too long for the file system",
        "choose a shorter path",
    ),
    errno.EFBIG: (
        "env.file-too-large",
        "the file would be larger than this process may write",
        "raise the limit of file sizes (ulimit -f) or write to a file system that takes "
        "larger files",
    ),
    errno.EMFILE: (
        "env.too-many-files",
        "too many files are open",
        "raise the limit (ulimit -n) or use fewer --jobs",
    ),
    errno.ENFILE: (
        "env.too-many-files",
        "the system has too many open files",
        "close other programs or use fewer --jobs, and run again",
    ),
    errno.EIO: (
        "env.io-error",
        "the device reported an input/output error",
        "check the disk or the network mount",
    ),
    errno.ENOENT: (
        "env.missing",
        "it does not exist (or a folder on its way was removed)",
        "check the path",
    ),
    errno.ELOOP: (
        "env.symlink-loop",
        "symbolic links point at each other in a loop",
        "fix the links",
    ),
    errno.ENOMEM: ("env.no-memory", "the system ran out of memory", "use fewer --jobs"),
}


class EnvironmentFailure(EditionError):
    """An operating-system failure on ``path``, described for people; ``code`` is ``env.*``."""

    def __init__(self, path: str, code: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[EnvironmentFailure], tuple[str, str, str]]:
        # Raised in worker processes and pickled back to the parent.
        return (type(self), (self.path, self.code, self.message))

    @classmethod
    def of(cls, exc: OSError, action: str, path: Path | str | None = None) -> EnvironmentFailure:
        """Describe ``exc``, raised while ``action`` (``"write"``, ``"create the folder"`` ...)."""
        where = str(path if path is not None else (exc.filename or "-"))
        known = _CAUSES.get(exc.errno or 0)
        if known is None:
            reason = exc.strerror or type(exc).__name__
            code, cause, advice = "env.os-error", reason[:1].lower() + reason[1:], "run again"
        else:
            code, cause, advice = known
        return cls(where, code, f"cannot {action}: {cause}; {advice}")


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM arrived; ``status`` is the exit status the CLI uses."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        #: Set when the new edition had been published before the signal was handled.
        self.published = False

    @property
    def status(self) -> int:
        return 128 + self.signum


def strerror(exc: OSError) -> str:
    """The OS's own words for ``exc`` (for messages that add their own advice)."""
    return exc.strerror or os.strerror(exc.errno or 0)
