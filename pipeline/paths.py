"""Where things live: the project root, the shipped schema and stylesheets, path display."""

from __future__ import annotations

import functools
import os
from pathlib import Path

#: The installed package sits beside ``xslt/`` and ``schema/`` (editable install or checkout).
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
XSLT_DIR = PROJECT_DIR / "xslt"
SCHEMA_DIR = PROJECT_DIR / "schema"
ASSETS_DIR = PROJECT_DIR / "assets"
DEFAULT_SCHEMA = SCHEMA_DIR / "edition.rng"
DEFAULT_SCHEMATRON = SCHEMA_DIR / "edition.sch"


def display(path: Path | str) -> str:
    """The path as diagnostics show it: relative to the working directory when below it."""
    return _display(str(path), os.getcwd())


@functools.lru_cache(maxsize=8192)
def _display(path: str, cwd: str) -> str:
    # Remembered: a run shows the same few paths thousands of times (once per diagnostic
    # and per reference fact), and resolving them cost more than checking references.
    p = Path(path)
    try:
        return os.path.relpath(p) if p.is_absolute() and _below_cwd(p) else str(p)
    except ValueError:
        return str(p)


def _below_cwd(p: Path) -> bool:
    try:
        p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return False
    return True


def cache_dir() -> Path:
    """Per-user cache for compiled Schematron and simplified schemas (keyed by content hash)."""
    base = os.environ.get("EDITION_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root if os.environ.get("EDITION_CACHE_DIR") else root / "edition"
