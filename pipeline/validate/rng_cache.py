"""The disk cache of ``relaxng``: prepared and pruned grammars, keyed by content.

A prepared grammar records the files it was read from (``DEPS``, with their digests), so it
is used only while they are unchanged; a pruned grammar is keyed by the digest of the
prepared one and the vocabulary. A cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from lxml import etree

from ..io import write_cache
from ..paths import cache_dir
from .rng_schema import schema_parser

#: Bump when the prepared or pruned form changes, so stale cache files are not read.
CACHE_VERSION = "12"

DEPS = "{urn:x-edition:cache}deps"


def _cache_path(key: str) -> Path:
    return cache_dir() / "relaxng" / f"{key}.rng"


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode() if isinstance(part, str) else part)
    return h.hexdigest()


def read(key: str) -> etree._Element | None:
    try:
        data = _cache_path(key).read_bytes()
        return etree.fromstring(data, schema_parser())
    except (OSError, etree.XMLSyntaxError, ValueError):
        return None


def write(key: str, root: etree._Element) -> None:
    # A cache that cannot be written only costs time (and one warning: io.cache_warnings).
    with contextlib.suppress(ValueError):
        write_cache(_cache_path(key), etree.tostring(root, encoding="utf-8"))


def read_text(key: str) -> str | None:
    """A text the cache keeps (not a grammar), or None."""
    try:
        return _cache_path(key).with_suffix(".txt").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def write_text(key: str, text: str) -> None:
    write_cache(_cache_path(key).with_suffix(".txt"), text.encode("utf-8"))


def deps_current(root: etree._Element) -> bool:
    for line in (root.get(DEPS) or "").splitlines():
        path, _, recorded = line.rpartition("\t")
        try:
            if hashlib.sha256(Path(path).read_bytes()).hexdigest() != recorded:
                return False
        except OSError:
            return False
    return True
