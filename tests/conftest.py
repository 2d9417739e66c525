"""Shared test fixtures: project paths, the shared corpora, and tools that must exist in CI."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ELTEC = SHARED / "corpora" / "eltec-eng"
SCHEMAS = SHARED / "schemas"
IN_CI = os.environ.get("CI") == "true"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return (
        bool(request.config.getoption("--update-goldens"))
        or os.environ.get("UPDATE_GOLDENS") == "1"
    )


#: Modules whose fixtures are whole builds (customised sites, every sample corpus, the
#: sample pages served to a browser, the ELTeC novels' books and pages): their tests run on
#: one worker (``--dist loadgroup``, the Makefile's), so that each fixture is built once,
#: where the default distribution let both workers build it. xdist hands the groups of the
#: most tests out first.
GROUPED_MODULES = frozenset(
    {
        "test_customise",
        "test_epub",
        "test_html",
        "test_links",
        "test_samples",
        "test_scholar",
        "test_scholarly_epub",
        "test_scholarly_html",
        "test_sourcedoc",
    }
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """xdist's loadgroup, its groups the modules above. xdist reads an ``xdist_group`` mark
    by renaming the test (``item._nodeid``), which pytest 9 no longer reads: the marks this
    file gave grouped nothing, and both workers built every one of these fixtures (the
    customised sites, 100 s each). The scheduler is asked for the group instead."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class ModuleGroups(LoadGroupScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            if Path(module).stem in GROUPED_MODULES:
                return module
            return str(super()._split_scope(nodeid))

    return ModuleGroups(config, log)


#: Skips that say nothing is missing: the run was faster than the moment a test aims at.
_TIMING_SKIPS = ("finished before the signal",)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI (CI=true) a skipped test is a failed one, whoever skipped it (``missing``, a
    ``pytest.skip`` for a corpus or a tool, ``importorskip`` of an optional extra): a check
    that did not run must not pass silently. Timing skips are the exception."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not (IN_CI and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
    if any(words in reason for words in _TIMING_SKIPS):
        return
    report.outcome = "failed"
    report.longrepr = f"skipped in CI, where every check must run: {reason}"


def missing(what: str) -> None:
    """Skip a test whose tool is missing; in CI (CI=true) a missing tool is a failure."""
    if IN_CI:
        pytest.fail(f"{what} is missing, and CI must run this check")
    pytest.skip(f"{what} is missing")


def require_module(name: str) -> None:
    """At a test module's top: skip it when an optional package is missing (fail in CI)."""
    import importlib.util

    if importlib.util.find_spec(name) is None:
        if IN_CI:
            pytest.fail(f"the {name} package is missing, and CI must run these checks")
        pytest.skip(f"the {name} package is missing", allow_module_level=True)


def require_executable(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        missing(f"the {name} executable")
    assert found is not None
    return found


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep compiled-schema caches out of the home folder; shared within one worker."""
    if "EDITION_CACHE_DIR" not in os.environ:
        monkeypatch.setenv("EDITION_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    yield
    # A test that makes the cache unwritable on purpose leaves its failure to be reported by
    # the next check of the process (pipeline.io.cache_warnings): not another test's.
    from pipeline.io import cache_warnings

    cache_warnings()


@pytest.fixture(scope="session")
def eltec_files() -> list[Path]:
    files = sorted(ELTEC.glob("*.xml"))
    if not files:
        missing("../shared/corpora/eltec-eng")
    return files


def published(out: Path) -> dict[str, str]:
    """Hashes of the published edition in ``out`` (html/, epub/, index/, links followed)."""
    import hashlib

    found: dict[str, str] = {}
    for name in ("html", "epub", "index"):
        top = out / name
        for folder, _, files in os.walk(top, followlinks=True):
            for file in files:
                path = Path(folder) / file
                key = path.relative_to(out).as_posix()
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def tei_text(body: str, title: str = "T", lang: str | None = None, xmlns: str = "") -> str:
    """A minimal TEI document whose ``body`` holds ``body`` (``xmlns``: other namespace
    declarations for the root, such as MathML's)."""
    language = f' xml:lang="{lang}"' if lang else ""
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{language}{xmlns}><teiHeader><fileDesc>'
        f"<titleStmt><title>{title}</title></titleStmt><publicationStmt><p>x</p>"
        "</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        f"<text><body>{body}</body></text></TEI>"
    )


def split_articles(folder: Path, head: str = "") -> Path:
    """Two issues in ``folder`` (a.xml, "Issue 1"; b.xml, "Issue 2") of an article whose
    parts point at each other (@prev, @next): its first two parts in a.xml ("art1", headed
    "The floods", and "art1b", headed ``head`` when given), the last in b.xml ("rest"); and
    in a.xml a division between them and one continued from a file of no text."""
    folder.mkdir(parents=True, exist_ok=True)
    heading = f"<head>{head}</head>" if head else ""
    (folder / "a.xml").write_text(
        tei_text(
            '<div xml:id="art1" next="#art1b"><head>The floods</head><p>Rain fell.</p></div>'
            '<div xml:id="x"><p>Markets.</p></div>'
            f'<div xml:id="art1b" prev="#art1" next="b.xml#rest">{heading}<p>More rain.</p>'
            '</div><div xml:id="gone" prev="nowhere.xml#d"><p>Old news.</p></div>',
            title="Issue 1",
        ),
        encoding="utf-8",
    )
    (folder / "b.xml").write_text(
        tei_text('<div xml:id="rest" prev="a.xml#art1b"><p>And more.</p></div>', title="Issue 2"),
        encoding="utf-8",
    )
    return folder


# --- hostile-input proofs: a secret that must never be read, a listener never called ----

SECRET = "TOP-SECRET-CONTENT-9f3a"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A loopback TCP server that records every connection: proof of no network access."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join(1)
    server.close()


#: A register of names written as words, as parts of words and with a word split by a line
#: break, and a text of two parts naming them (tests of test_html and test_index: the quick
#: reading of plain names must read them as the general one does).
NAMED_PERSONS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>P</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><standOff><listPerson>
<person xml:id="ada"><persName><forename>Ada</forename><surname>Lovelace</surname></persName>
<persName type="birth"><forename>Augusta Ada</forename> <surname>Byron</surname></persName></person>
<person xml:id="mary"><persName> Mary <!-- the poet's wife --> Shelley </persName></person>
<person xml:id="cut"><persName><surname>Wollstone</surname><lb break="no"/>craft</persName></person>
</listPerson></standOff></TEI>"""


def named_parts(folder: Path) -> Path:
    """``folder`` with the register NAMED_PERSONS and a text ``t`` of two long divisions,
    each naming Ada (split in two parts by a page size of 8 KB)."""
    folder.mkdir()
    (folder / "persons.xml").write_text(NAMED_PERSONS, encoding="utf-8")
    filler = "Lorem ipsum dolor sit amet. " * 300
    body = (
        f'<div><head>One</head><p>{filler}<persName ref="#ada">Ada</persName> and '
        '<persName ref="#mary">Mary</persName>.</p></div>'
        f'<div><head>Two</head><p>{filler}<persName ref="#ada"><forename>Ada</forename>'
        '<surname>King</surname></persName>, <persName ref="#cut"><surname>Wollstone'
        '</surname><lb break="no"/>craft</persName>.</p></div>'
    )
    (folder / "t.xml").write_text(tei_text(body), encoding="utf-8")
    return folder
