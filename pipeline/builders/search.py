"""Full-text search of the site: the search page, and the static index Pagefind builds from
the written pages.

The last step of the HTML output (``pipeline.finish``), once every page is in the new
generation's ``html/``: Pagefind (its binary ships in the ``pagefind_bin`` wheel; no server,
nothing fetched) reads the pages, in bundles (``bundles``), and writes ``html/pagefind/`` —
the index fragments, its WebAssembly and ``pagefind.js``, which ``assets/search.js`` loads on
``search.html``, merging the other bundles (``html/pagefind/bundle-N/``). What it
indexes is marked in the pages (``xslt/html/modules/shell.xsl``): the ``main`` of reading and
index pages (``data-pagefind-body``) with filters ``text``, ``language`` and ``type``; the
navigation, cards, popovers and citation blocks are left out here (``EXCLUDED``). Any failure
(binary missing, a crash, a time limit) is one diagnostic, ``html.search-index``; the site
is published without search then, and the search page says the index is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..io import write_text_atomic
from ..publish import link_or_copy
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


#: HTML bytes per search bundle. Pagefind holds a bundle's pages in memory while it indexes
#: them (3.4 GB for the 99 ELTeC novels as one bundle) and cannot update a bundle, so the
#: site is indexed in bundles of about this size, each by its own Pagefind (two at a time),
#: and the search page merges them (``assets/html/search.js``, ``pagefind.mergeIndex``). A
#: page's bundle follows from its name, so an edited page re-indexes its bundle alone.
BUNDLE_BYTES = 8_000_000
#: The bundles besides the first, listed for the search page inside the first one.
BUNDLES_FILE = "bundles.json"
_BUNDLE_PREFIX = "bundle-"


@dataclass(frozen=True)
class Bundle:
    """Pages indexed together: the first bundle's folder is ``pagefind``, the others'
    ``pagefind/bundle-N``."""

    folder: str
    pages: tuple[str, ...]
    count: int  # how many buckets the site's pages were shared among


def bundles(site: Path) -> list[Bundle]:
    """The site's pages (``pagefind/`` left out) shared among bundles by name."""
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] != INDEX_FOLDER
    )
    total = sum((site / name).stat().st_size for name in pages)
    count = max(1, -(-total // BUNDLE_BYTES))
    buckets: dict[int, list[str]] = {}
    for name in pages:
        bucket = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % count
        buckets.setdefault(bucket, []).append(name)
    found = []
    for n, bucket in enumerate(sorted(buckets)):
        folder = INDEX_FOLDER if n == 0 else f"{INDEX_FOLDER}/{_BUNDLE_PREFIX}{bucket}"
        found.append(Bundle(folder, tuple(buckets[bucket]), count))
    return found


def index_site(
    site: Path,
    time_limit: float = TIME_LIMIT,
    reuse: Callable[[Bundle], bool] | None = None,
    made: Callable[[Bundle], None] | None = None,
) -> list[Diagnostic]:
    """Run Pagefind over the written site, bundle by bundle (``reuse`` may take a bundle over
    from the previous build instead; ``made`` hears of each bundle indexed); a failure is a
    diagnostic, never an exception."""
    command = pagefind_command(site)
    if command is None:
        return [
            _problem(
                "Pagefind is not installed (pip install 'pagefind[bin]'): the site has no search "
                "index, and its search page says so"
            )
        ]
    plan = bundles(site)
    todo = [b for b in plan if reuse is None or not reuse(b)]
    workers = max(1, min(len(todo), os.cpu_count() or 1, 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda b: _index_bundle(site, b, time_limit), todo))
    problems = [p for found in results for p in found]
    if problems:
        return problems[:1]
    if not (site / INDEX_FOLDER / "pagefind.js").is_file():
        return [_problem("Pagefind wrote no pagefind.js")]
    others = [b.folder.removeprefix(INDEX_FOLDER + "/") + "/" for b in plan[1:]]
    write_text_atomic(site / INDEX_FOLDER / BUNDLES_FILE, json.dumps(others) + "\n")
    for bundle in todo:
        if made is not None:
            made(bundle)
    return []


def _index_bundle(site: Path, bundle: Bundle, time_limit: float) -> list[Diagnostic]:
    """Pagefind over the bundle's pages (linked into a scratch site beside ``site``), its
    output moved to ``site/<bundle.folder>``."""
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as scratch:
        root = Path(scratch)
        for name in bundle.pages:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(site / name, root / name)
        command = pagefind_command(root)
        assert command is not None
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
        written = root / INDEX_FOLDER
        if done.returncode != 0 or not (written / "pagefind.js").is_file():
            said = " ".join((done.stderr or done.stdout or "").split())[-400:]
            return [
                _problem(f"Pagefind failed (exit status {done.returncode}): {said or 'no output'}")
            ]
        found: list[Diagnostic] = []
        try:
            canonicalize(written)
        except (ValueError, KeyError, IndexError, TypeError, OSError) as exc:
            found.append(
                diag.warning(
                    "-",
                    "html.search-index",
                    f"the search index works but could not be made reproducible ({exc}): two "
                    "builds of the same pages may differ in html/pagefind/",
                    origin=_ORIGIN,
                )
            )
        target = site / bundle.folder
        target.mkdir(parents=True, exist_ok=True)
        for entry in sorted(written.iterdir()):
            os.replace(entry, target / entry.name)
        return [f for f in found if f.severity is diag.Severity.ERROR]


def bundle_digest(site: Path, bundle: Bundle) -> str:
    """What Pagefind reads for a bundle, by content: the names and bytes of its pages, the
    excluded selectors, the number of buckets and Pagefind's version. An incremental build
    takes the previous bundle over when this is the same (``pipeline.finish``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        pagefind = version("pagefind_bin")
    except PackageNotFoundError:
        pagefind = ""
    digest = hashlib.sha256(f"{pagefind}\0{EXCLUDED}\0{bundle.count}\0{bundle.folder}\0".encode())
    for name in bundle.pages:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site / name).read_bytes()).digest())
    return digest.hexdigest()


def bundle_files(site: Path, folder: str) -> list[str]:
    """The files of one bundle inside ``site`` (``pagefind/...``), sorted: the first bundle's
    without the others' folders and the list of them."""
    top = site / folder
    if not top.is_dir():
        return []
    found = []
    for path in top.rglob("*"):
        inside = path.relative_to(top).parts
        others = inside[0].startswith(_BUNDLE_PREFIX) or inside == (BUNDLES_FILE,)
        if folder == INDEX_FOLDER and others:
            continue
        if path.is_file():
            found.append(path.relative_to(site).as_posix())
    return sorted(found)


def index_files(site: Path) -> list[str]:
    """The files of the search index inside ``site`` (``pagefind/...``), sorted."""
    folder = site / INDEX_FOLDER
    return sorted(p.relative_to(site).as_posix() for p in folder.rglob("*") if p.is_file())


def _problem(message: str) -> Diagnostic:
    return diag.error(
        "-", "html.search-index", message + "; the rest of the site is published", origin=_ORIGIN
    )
