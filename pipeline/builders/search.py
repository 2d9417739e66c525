"""Full-text search of the site: the search page, and the static index Pagefind builds from
the written pages.

The last step of the HTML output (``pipeline.finish``), once every page is in the new
generation's ``html/``: Pagefind (its binary ships in the ``pagefind_bin`` wheel; no server,
nothing fetched) reads the pages and writes ``html/pagefind/`` — the index fragments, its
WebAssembly and ``pagefind.js``, which ``assets/search.js`` loads on ``search.html``. What it
indexes is marked in the pages (``xslt/html/modules/shell.xsl``): the ``main`` of reading and
index pages (``data-pagefind-body``) with filters ``text``, ``language`` and ``type``; the
navigation, cards, popovers and citation blocks are left out here (``EXCLUDED``). Any failure
(binary missing, a crash, a time limit) is one diagnostic, ``html.search-index``; the site
is published without search then, and the search page says the index is missing.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..io import write_text_atomic
from ..xslt import Layers, ParamValue, engine
from .pagefind_files import canonicalize

SEARCH_PAGE = "search.html"
#: Pagefind's output folder inside ``OUT/html``.
INDEX_FOLDER = "pagefind"
#: Parts of the indexed pages that are not the text: navigation, name cards, note popovers
#: (their words are the notes', already indexed where they stand), the citation block.
EXCLUDED = (
    ".toc",
    ".entity-cards",
    ".card-button",
    ".note-popovers",
    ".cite-this",
    ".text-links",
    ".view-switch",
    ".facs-viewer",
    ".places-map",
)
#: Seconds Pagefind may take before the build gives up on the search index.
TIME_LIMIT = 600.0
_ORIGIN = "html"


def write_search_page(
    params: Mapping[str, ParamValue], staging: Path, custom: Layers | None = None
) -> list[Diagnostic]:
    """``search.html``: the search form, its results (by script) and, without script, why it
    cannot search and the index pages to browse instead (in the edition's customised shell)."""
    from .html import messages_to_diagnostics

    sheet = engine().stylesheet("html/search", custom)
    result = sheet.transform("<search/>", {**params, "page": SEARCH_PAGE})
    write_text_atomic(staging / SEARCH_PAGE, result.output)
    return messages_to_diagnostics(result.messages, "-")


def pagefind_command(site: Path) -> list[str] | None:
    """The command that indexes ``site``, or None when Pagefind is not installed."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        executable = get_executable()
    except (FileNotFoundError, OSError):
        return None
    return [
        str(executable),
        "--site",
        str(site),
        "--output-subdir",
        INDEX_FOLDER,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]


def index_site(site: Path, time_limit: float = TIME_LIMIT) -> list[Diagnostic]:
    """Run Pagefind over the written site; its failure is a diagnostic, never an exception."""
    command = pagefind_command(site)
    if command is None:
        return [
            _problem(
                "Pagefind is not installed (pip install 'pagefind[bin]'): the site has no search "
                "index, and its search page says so"
            )
        ]
    # No colour codes, no update check: its output is read only when it fails.
    env = {**os.environ, "NO_COLOR": "1"}
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=time_limit,
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return [_problem(f"Pagefind took longer than {time_limit:.0f} s and was stopped")]
    except OSError as exc:
        return [_problem(f"Pagefind could not be started ({exc.strerror or exc})")]
    if done.returncode != 0 or not (site / INDEX_FOLDER / "pagefind.js").is_file():
        said = " ".join((done.stderr or done.stdout or "").split())[-400:]
        return [_problem(f"Pagefind failed (exit status {done.returncode}): {said or 'no output'}")]
    try:
        canonicalize(site / INDEX_FOLDER)
    except (ValueError, KeyError, IndexError, TypeError, OSError) as exc:
        return [
            diag.warning(
                "-",
                "html.search-index",
                f"the search index works but could not be made reproducible ({exc}): two "
                "builds of the same pages may differ in html/pagefind/",
                origin=_ORIGIN,
            )
        ]
    return []


def pages_digest(site: Path) -> str:
    """What Pagefind reads, by content: the name and bytes of every page of ``site`` (its own
    folder left out), the excluded selectors and Pagefind's version. An incremental build
    takes the previous index over when this is the same (``pipeline.finish``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pagefind = version("pagefind_bin")
    except PackageNotFoundError:
        pagefind = ""
    digest = hashlib.sha256(f"{pagefind}\0{EXCLUDED}\0".encode())
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] != INDEX_FOLDER
    )
    for name in pages:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site / name).read_bytes()).digest())
    return digest.hexdigest()


def index_files(site: Path) -> list[str]:
    """The files of the search index inside ``site`` (``pagefind/...``), sorted."""
    folder = site / INDEX_FOLDER
    return sorted(p.relative_to(site).as_posix() for p in folder.rglob("*") if p.is_file())


def _problem(message: str) -> Diagnostic:
    return diag.error(
        "-", "html.search-index", message + "; the rest of the site is published", origin=_ORIGIN
    )
