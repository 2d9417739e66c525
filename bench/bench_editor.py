"""Benchmark of the editor's loop: ``edition serve`` (save -> reloaded page) and ``edition lsp``.

Usage (from the project root)::

    .venv/bin/python bench/bench_editor.py [--novel FILE] [--repeat N] [--only serve|lsp]
        [--corpus] [--dense N]

Both run on a temporary project holding one ELTeC novel (``--novel``, default the Trollope
of 1.2 MB) with ELTeC's schema where its ``<?xml-model?>`` says; ``--corpus`` puts the other
98 novels beside it (the language server then indexes them all for references).

- ``serve``: ``edition serve --port 0`` as a process, the novel's page open in headless
  Chromium (Playwright, ``/usr/bin/chromium``); each round changes a word of a paragraph
  and times from the file's save to the reloaded page showing it. Target: under 1.5 s.
  Run twice: the whole build (html, epub, index) and ``--only html``.
- ``lsp``: ``edition lsp`` driven by pygls' client over stdio: the novel opened once (cold:
  schema compiled, corpus indexed), then each round one edit (a word, or an element the
  schema forbids) timed from the change notification to its diagnostics (debounce
  included); and completion requests (elements in a paragraph, register ids in ``@ref``
  of a name, attribute names) timed from request to answer. Targets: diagnostics within
  500 ms of the change, completion within 100 ms. A text of ``FIRST_PASS_SIZE`` or more
  has two publications per change (all but Schematron, then the whole check): both timed.
- ``--dense N`` (lsp only): instead of a novel, the edition's own text (``tei/``) with its
  body repeated N times, with the edition's schemas and registers: a text dense with names
  (489: 5 MB, 18,000 pointers, probe 45).

Prints a Markdown table per part. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "eltec-eng"
ELTEC_SCHEMA = SHARED / "schemas" / "eltec-1.rng"
NOVEL = CORPUS / "ENG18400_Trollope.xml"
EDITION = ROOT / ".venv" / "bin" / "edition"
#: pipeline.lsp.server.FIRST_PASS_SIZE (not imported: the script runs without the package)
FIRST_PASS_SIZE = 1_000_000
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


def make_project(folder: Path, novel: Path, corpus: bool) -> Path:
    """A project with the novel in tei/texts/ and the schema at ../../Schemas/ from there."""
    texts = folder / "tei" / "texts"
    texts.mkdir(parents=True)
    for source in sorted(CORPUS.glob("*.xml")) if corpus else [novel]:
        shutil.copyfile(source, texts / source.name)
    (folder / "Schemas").mkdir()
    shutil.copyfile(ELTEC_SCHEMA, folder / "Schemas" / "eltec-1.rng")
    (folder / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\nout = "dist"\n')
    return texts / novel.name


def make_dense(folder: Path, repeat: int) -> Path:
    """A copy of the edition (``tei/``, ``schema/``) whose text has its body ``repeat``
    times: made at each run, never kept (5 MB at 489)."""
    shutil.copytree(ROOT / "tei", folder / "tei")
    shutil.copytree(ROOT / "schema", folder / "schema")
    (folder / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\nout = "dist"\n')
    source = folder / "tei" / "texts" / "belgium-1944.xml"
    text = source.read_text(encoding="utf-8")
    start = text.index("<body>") + len("<body>")
    end = text.index("</body>")
    source.write_text(text[:start] + text[start:end] * repeat + text[end:], encoding="utf-8")
    return source


def paragraph_word(text: str, round_: int) -> tuple[str, str]:
    """The text with one word of a paragraph in the middle changed, and the new word."""
    middle = text.index("<p>", len(text) // 2) + 3
    word = f"edited{round_}x"
    return text[:middle] + word + " " + text[middle:], word


def _page_of(project: Path, source: Path, text: str) -> str:
    """The page that shows the paragraph ``paragraph_word`` changes: the text's own page, or
    the part of a text split into pages (``page-size``) that holds it."""
    middle = text.index("<p>", len(text) // 2) + 3
    words = re.sub(r"<[^>]*>", " ", text[middle : middle + 400]).split()[:6]
    for page in sorted((project / "dist" / "html").glob(f"{source.stem}*.html")):
        if " ".join(words) in " ".join(re.sub(r"<[^>]*>", " ", page.read_text()).split()):
            return page.name
    return f"{source.stem}.html"


def table(title: str, rows: list[tuple[str, list[float], str]]) -> None:
    print(f"\n### {title}\n")
    print("| measure | runs | median (ms) | max (ms) | target |")
    print("|---|---:|---:|---:|---|")
    for name, values, target in rows:
        if values:
            median = statistics.median(values) * 1000
            print(
                f"| {name} | {len(values)} | {median:.0f} | {max(values) * 1000:.0f} | {target} |"
            )


# --- serve --------------------------------------------------------------------------------


def _state(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url + "__edition__/state", timeout=10) as answer:
        return json.loads(answer.read())  # type: ignore[no-any-return]


def bench_serve(
    project: Path, source: Path, repeat: int, only: list[str]
) -> tuple[list[float], list[float]]:
    """Seconds from each save to the published edition, and to the reloaded page."""
    from playwright.sync_api import sync_playwright

    command = [str(EDITION), "serve", "--port", "0"]
    for output in only:
        command += ["--only", output]
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        url = ""
        assert process.stdout is not None
        for line in process.stdout:
            found = re.search(r"(http://\S+/)", line)
            url = found.group(1) if found else url
            if line.startswith("serve: watching"):
                break
        original = source.read_text(encoding="utf-8")
        page_url = f"{url}html/{_page_of(project, source, original)}"
        times: list[float] = []
        published: list[float] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(page_url)
            for round_ in range(repeat):
                changed, word = paragraph_word(original, round_)
                build = _state(url)["build"]
                started = time.perf_counter()
                source.write_text(changed, encoding="utf-8")
                while _state(url)["build"] == build:
                    time.sleep(0.01)
                published.append(time.perf_counter() - started)
                page.wait_for_function(
                    f"document.body && document.body.textContent.includes('{word}')",
                    timeout=60_000,
                    polling=20,
                )
                times.append(time.perf_counter() - started)
                while "checked" not in str(_state(url)["note"]):
                    time.sleep(0.05)  # the check of the save is over: the next one starts alone
            browser.close()
        source.write_text(original, encoding="utf-8")
        return published, times
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)


# --- lsp ----------------------------------------------------------------------------------


async def bench_lsp(project: Path, source: Path, repeat: int) -> dict[str, list[float]]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue[tuple[float, lsp.PublishDiagnosticsParams]] = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), params))

    await client.start_io(str(EDITION), "lsp", cwd=str(project))
    await client.initialize_async(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=project.as_uri())
    )
    client.initialized(lsp.InitializedParams())
    uri = source.as_uri()
    text = source.read_text(encoding="utf-8")
    results: dict[str, list[float]] = {
        "open": [],
        "change": [],
        "invalid": [],
        "change (first pass)": [],
        "invalid (first pass)": [],
    }
    started = time.perf_counter()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "xml", 1, text))
    )
    passes = 2 if len(text) >= FIRST_PASS_SIZE else 1
    for _ in range(passes):
        done, _ = await arrived.get()
    results["open"].append(done - started)
    version = 1

    async def change(new: str) -> tuple[float, float, list[str]]:
        """Seconds to the first publication for the new version and to its last (the
        whole check's), and the codes of the last."""
        nonlocal version
        version += 1
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(new)],
            )
        )
        times: list[float] = []
        codes: list[str] = []
        while len(times) < passes:
            when, params = await arrived.get()
            if params.version == version:
                times.append(when - sent)
                codes = [str(d.code) for d in params.diagnostics]
        return times[0], times[-1], codes

    for round_ in range(repeat):
        changed, _ = paragraph_word(text, round_)
        first, took, _ = await change(changed)
        results["change"].append(took)
        results["change (first pass)"].append(first)
        middle = text.index("<p>", len(text) // 2) + 3
        bad = text[:middle] + "<frob>x</frob>" + text[middle:]
        first, took, codes = await change(bad)
        assert any(c.startswith("rng.") for c in codes), codes
        results["invalid"].append(took)
        results["invalid (first pass)"].append(first)
    if passes == 1:
        del results["change (first pass)"], results["invalid (first pass)"]
    await change(text)
    lines = text.split("\n")

    def position(offset: int) -> lsp.Position:
        line = text.count("\n", 0, offset)
        return lsp.Position(line, offset - (text.rfind("\n", 0, offset) + 1))

    probes = {
        "complete elements in a paragraph": text.index("<p>", len(text) // 2) + 3,
        "complete attributes of div": text.index("<div ", len(text) // 2) + 5,
        "complete elements near the end": text.rindex("<p>") + 3,
    }
    for name, offset in probes.items():
        results[name] = []
        for _ in range(repeat):
            sent = time.perf_counter()
            await client.text_document_completion_async(
                lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), position(offset))
            )
            results[name].append(time.perf_counter() - sent)
    del lines
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--novel", type=Path, default=NOVEL)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("serve", "lsp"), default=None)
    parser.add_argument("--corpus", action="store_true", help="all 99 novels in the project")
    parser.add_argument(
        "--dense", type=int, default=0, metavar="N", help="lsp on tei/'s text, its body N times"
    )
    args = parser.parse_args()
    if args.dense:
        return dense(args.dense, args.repeat)
    if not args.novel.is_file() or not ELTEC_SCHEMA.is_file():
        print(f"bench_editor: needs {args.novel} and {ELTEC_SCHEMA}", file=sys.stderr)
        return 1
    size = args.novel.stat().st_size / 1e6
    print(f"novel: {args.novel.name} ({size:.1f} MB); load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as tmp:
        source = make_project(Path(tmp), args.novel, args.corpus)
        if args.only in (None, "serve"):
            if CHROMIUM.is_file():
                whole_built, whole = bench_serve(Path(tmp), source, args.repeat, [])
                html_built, html = bench_serve(Path(tmp), source, args.repeat, ["html"])
                table(
                    "edition serve: from saving the file to the published edition and to the "
                    "reloaded page",
                    [
                        ("published (html, epub, index)", whole_built, ""),
                        ("reloaded page (html, epub, index)", whole, "< 1500 ms"),
                        ("published (`--only html`)", html_built, ""),
                        ("reloaded page (`--only html`)", html, "< 1500 ms"),
                    ],
                )
            else:
                print(f"serve: skipped, no Chromium at {CHROMIUM}")
        if args.only in (None, "lsp"):
            found = asyncio.run(bench_lsp(Path(tmp), source, args.repeat))
            table("edition lsp (debounce included)", lsp_rows(found))
    return 0


def lsp_rows(found: dict[str, list[float]]) -> list[tuple[str, list[float], str]]:
    rows = [("diagnostics after opening (cold)", found.pop("open"), "")]
    for kind in ("change", "invalid"):
        edit = "valid" if kind == "change" else "invalid"
        first = found.pop(f"{kind} (first pass)", [])
        if first:
            rows.append((f"first pass after a change ({edit} edit)", first, "< 500 ms"))
        rows.append((f"diagnostics after a change ({edit} edit)", found.pop(kind), "< 500 ms"))
    return rows + [(name, values, "< 100 ms") for name, values in found.items()]


def dense(repeat_body: int, repeat: int) -> int:
    """The lsp part on the edition's text with its body ``repeat_body`` times."""
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as tmp:
        source = make_dense(Path(tmp), repeat_body)
        size = source.stat().st_size / 1e6
        print(f"text: {source.name}, body x{repeat_body} ({size:.1f} MB); ", end="")
        print(f"load average {os.getloadavg()[0]:.1f}")
        found = asyncio.run(bench_lsp(Path(tmp), source, repeat))
        table("edition lsp (debounce included)", lsp_rows(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
