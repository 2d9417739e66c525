"""Where things live: the project root, the shipped schema and stylesheets, path display."""

from __future__ import annotations

import functools
import os
from contextvars import ContextVar
from pathlib import Path

#: The package sits beside ``xslt/``, ``schema/``, ``assets/`` and ``scaffold/`` in a checkout
#: (or an editable install); a wheel installs them as ``edition_data/`` beside it.
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = (
    PACKAGE_DIR.parent
    if (PACKAGE_DIR.parent / "xslt").is_dir()
    else PACKAGE_DIR.parent / "edition_data"
)
XSLT_DIR = PROJECT_DIR / "xslt"
SCHEMA_DIR = PROJECT_DIR / "schema"
ASSETS_DIR = PROJECT_DIR / "assets"
DEFAULT_SCHEMA = SCHEMA_DIR / "edition.rng"
DEFAULT_SCHEMATRON = SCHEMA_DIR / "edition.sch"


#: How a task's client shows paths: its working directory, and the paths it names in
#: another form than the worker reads them (a Dask worker reports paths as the client
#: would, ``pipeline.distributed``); None: this process's own working directory.
display_base: ContextVar[tuple[str, dict[str, str]] | None] = ContextVar(
    "edition_display_base", default=None
)


def resolved(path: Path) -> Path:
    """``path`` resolved; a link in a loop, which ``Path.resolve`` raises RuntimeError for
    (probe 69: a loop named on the command line was an internal error of check and build),
    as written, made absolute: the gate tells the loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def is_dir(path: Path | str) -> bool:
    """Whether ``path`` is a folder: False when it cannot be looked at. ``Path.is_dir`` raises
    PermissionError on Python 3.11 for a path inside a folder that cannot be entered (probe
    155: `edition check locked ok.xml` was an internal error); the gate then tells it."""
    return os.path.isdir(path)


def is_file(path: Path | str) -> bool:
    """Whether ``path`` is a regular file: False when it cannot be looked at (see ``is_dir``)."""
    return os.path.isfile(path)


def denied(path: Path | str) -> bool:
    """Whether looking at ``path`` is refused: it lies in a folder that cannot be entered."""
    try:
        os.stat(path)
    except PermissionError:
        return True
    except (OSError, ValueError):
        return False
    return False


def same_file(path: str) -> str:
    """``path`` as one file is named however it was given: absolute, its folder's symbolic
    links resolved (remembered by folder: a run compares thousands of paths of few
    folders). A file that is itself a link keeps its name."""
    absolute = os.path.abspath(path)
    return os.path.join(_real(os.path.dirname(absolute)), os.path.basename(absolute))


def display(path: Path | str) -> str:
    """The path as diagnostics show it: relative to the working directory when below it."""
    client = display_base.get()
    if client is None:
        return _display(str(path), os.getcwd())
    return _display(client[1].get(str(path), str(path)), client[0])


@functools.lru_cache(maxsize=8192)
def _display(path: str, cwd: str) -> str:
    # Remembered: a run shows the same few paths thousands of times (once per diagnostic
    # and per reference fact), and resolving them cost more than checking references.
    prefix = os.path.join(cwd, "")
    if path.startswith(prefix) and os.path.normpath(path) == path:
        # below the working directory by name, written plainly: what relpath would give,
        # without its cost (a tenth of the check of a small letter)
        return path[len(prefix) :]
    p = Path(path)
    try:
        return os.path.relpath(p, cwd) if p.is_absolute() and _below(p, cwd) else str(p)
    except ValueError:
        return str(p)


def _below(p: Path, cwd: str) -> bool:
    # By the real path of its folder (folders are few, files many): a run of 100,000 files
    # cannot afford to resolve each one.
    real_cwd = os.path.join(_real(cwd), "")
    if os.path.abspath(p).startswith(real_cwd):
        return True  # below the real working directory by name
    return os.path.join(_real(os.path.dirname(os.path.abspath(p))), "").startswith(real_cwd)


def cache_dir() -> Path:
    """Per-user cache for compiled Schematron and simplified schemas (keyed by content hash)."""
    base = os.environ.get("EDITION_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root if os.environ.get("EDITION_CACHE_DIR") else root / "edition"


@functools.lru_cache(maxsize=4096)
def _real(folder: str) -> str:
    return os.path.realpath(folder)
