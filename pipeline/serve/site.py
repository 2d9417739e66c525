"""Which file a request may read: the published edition of ``OUT``, and nothing else.

request path -> ``resolve(out, path)`` -> a file of the published generation, a redirect, or
a refusal. The outputs ``OUT/html``, ``OUT/epub`` and ``OUT/index`` are the build's own links
into ``OUT/.edition/current`` (``pipeline.publish``); they are resolved at every request, so a
build that publishes switches every later request to the new generation at once, and a
request never sees a mix of two. The path is percent-decoded once; ``.`` and ``..`` segments,
hidden names (``.edition``), backslashes and NUL are refused, and the file's real path (every
symbolic link followed) must lie inside the output's folder of the published generation.
Folders are never listed: a folder serves its ``index.html`` or nothing.

``inject`` adds the live-reload script to an HTML response on its way out; the files on
disk are never changed.
"""

from __future__ import annotations

import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..publish import CURRENT, MARKER, OUTPUTS, is_legacy_link

#: What the server answers for its own needs (events, diagnostics): never a built file.
PRIVATE = "__edition__"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xhtml": "application/xhtml+xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".csv": "text/csv; charset=utf-8",
    ".xml": "application/xml",
    ".epub": "application/epub+zip",
    ".svg": "image/svg+xml",
    # the search index (html/pagefind/) and the downloads
    ".wasm": "application/wasm",
    ".pagefind": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".zip": "application/zip",
    ".bib": "application/x-bibtex; charset=utf-8",
}


@dataclass(frozen=True)
class Resolved:
    """What to answer: ``status`` 200 with ``file``, a redirect to ``location``, or an error."""

    status: int
    file: Path | None = None
    location: str | None = None
    reason: str = ""


def _refuse(status: int, reason: str) -> Resolved:
    return Resolved(status, reason=reason)


def request_path(target: str) -> str | None:
    """The path of a request target (origin form ``/a/b?q`` or absolute form
    ``http://host/a/b``), percent-decoded once; None when it cannot be a path of ours."""
    try:
        path = urlsplit(target).path
    except ValueError:
        return None
    if not path.startswith("/"):
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    return decoded


def segments(decoded: str) -> list[str] | None:
    """The path's segments; None when one is ``.``, ``..`` or hidden (starts with a dot)."""
    parts = [p for p in decoded.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return None
    return parts


def published_output(out: Path, name: str) -> Path | None:
    """The real folder of output ``name`` of the published edition, or None when the edition
    has not been published (or ``OUT/<name>`` is not the build's own)."""
    folder = out / name
    if published_generation(out) is None:
        return None
    if folder.is_dir() and not folder.is_symlink():
        return Path(os.path.realpath(folder))
    if not is_legacy_link(folder, name):
        return None
    real = Path(os.path.realpath(folder))
    generations = Path(os.path.realpath(out / MARKER))
    if not real.is_dir() or generations not in real.parents:
        return None
    return real


def published_generation(out: Path) -> str | None:
    """The name of the published generation (``gen-...``), or None."""
    try:
        return os.readlink(out / MARKER / CURRENT)
    except OSError:
        return None


def resolve(out: Path, target: str) -> Resolved:
    """The answer to ``GET target`` for the edition published in ``out``."""
    decoded = request_path(target)
    if decoded is None:
        return _refuse(400, "not a path")
    parts = segments(decoded)
    if parts is None:
        return _refuse(404, "no such file")
    if not parts:
        return Resolved(302, location="/html/")
    name, rest = parts[0], parts[1:]
    if name not in OUTPUTS:
        return _refuse(404, "no such file")
    base = published_output(out, name)
    if base is None:
        return _refuse(503, "nothing published yet")
    candidate = Path(os.path.realpath(base.joinpath(*rest)))
    if not _within(candidate, base):
        return _refuse(404, "no such file")  # a symbolic link that leaves the output
    if candidate.is_dir():
        if not decoded.endswith("/"):
            return Resolved(301, location=quote(decoded + "/"))
        index = Path(os.path.realpath(candidate / "index.html"))
        if _within(index, base) and index.is_file():
            return Resolved(200, file=index)
        return _refuse(404, "folders are not listed")
    if candidate.is_file():
        return Resolved(200, file=candidate)
    return _refuse(404, "no such file")


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def content_type(path: Path) -> str:
    known = _TYPES.get(path.suffix.lower())
    if known is not None:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def is_html(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject(page: bytes, snippet: bytes) -> bytes:
    """``page`` with ``snippet`` before its last ``</body>`` (at its end when it has none)."""
    matches = list(_BODY_END.finditer(page))
    if not matches:
        return page + snippet
    at = matches[-1].start()
    return page[:at] + snippet + page[at:]
