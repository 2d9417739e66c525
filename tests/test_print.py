"""Printing a reading page (issue 11 item 8), checked on the PDF Chromium prints: headings
stay with the block after them, a link's address is printed once, and the page ends with the
text's citation and the address it was read at."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, missing
from lxml import html
from test_html import CHROMIUM, CHROMIUM_ARGS, QuietHandler

from pipeline.build import build

#: Paragraph lengths (in sentences) of the crafted text's divisions: uneven, so that without
#: the print rules some heading falls at the foot of a page.
LENGTHS = [3, 7, 2, 11, 5, 1, 9, 4, 13, 6, 2, 8, 3, 10, 1, 12, 5, 7, 2, 9, 4, 6, 11, 3]
SENTENCE = "The editor wrote a sentence long enough to fill part of a printed line here. "


def _crafted() -> str:
    divs = "".join(
        f"<div><head>Chapter {n}</head><p>{SENTENCE * length}</p>"
        f'<p>See <ref target="https://example.org/source/{n}">the source {n}</ref> and '
        f'<ref target="https://example.org/page/{n}">https://example.org/page/{n}</ref>.</p></div>'
        for n, length in enumerate(LENGTHS, start=1)
    )
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>A Printed Text</title><author>Ada Writer</author></titleStmt>"
        "<publicationStmt><publisher>The Edition</publisher><date when='2024'>2024</date>"
        "</publicationStmt><sourceDesc><p>Crafted for the print test.</p></sourceDesc>"
        f"</fileDesc></teiHeader><text><body>{divs}</body></text></TEI>"
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    try:
        import pypdf  # noqa: F401
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        missing("playwright and pypdf (pip)")
    if not CHROMIUM.is_file():
        missing(f"chromium at {CHROMIUM}")
    src = tmp_path_factory.mktemp("print-src")
    (src / "printed.xml").write_text(_crafted(), encoding="utf-8")
    out = tmp_path_factory.mktemp("print")
    report = build([src, ROOT / "tei"], out, only=["html"])
    assert report.errors == 0, [str(d) for d in report.diagnostics]
    handler = functools.partial(QuietHandler, directory=str(out / "html"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", out / "html"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _print(url: str, pdf: Path) -> list[str]:
    """The text of each page of the PDF Chromium prints of ``url``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            page.pdf(path=str(pdf), format="A4")
        finally:
            browser.close()
    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def _flat(text: str) -> str:
    """Without spaces and line breaks (an address may wrap), ligatures as letters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("stem", ["printed", "belgium-1944"])
def test_a_printed_page_keeps_headings_with_their_text_and_ends_with_its_citation(
    served: tuple[str, Path], stem: str, tmp_path: Path
) -> None:
    base, folder = served
    url = f"{base}{stem}.html"
    pages = _print(url, tmp_path / f"{stem}.pdf")
    assert len(pages) > 1
    doc = html.document_fromstring((folder / f"{stem}.html").read_text(encoding="utf-8"))
    article = doc.xpath("//article")[0]
    headings = {" ".join(h.text_content().replace("#", "").split()) for h in
                article.xpath(".//h2 | .//h3 | .//h4")}  # fmt: skip
    # no page ends with a heading: it went to the next page with its text
    for number, text in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines and lines[-1] not in headings, f"page {number} ends with {lines[-1]!r}"
    # the citation and the page's address close the printout
    last = _flat(pages[-1])
    citation = doc.xpath("string(//div[@class='print-cite']//span[@class='citation'])")
    assert citation and _flat(citation) in last
    assert _flat(url) in last
    # every link's address is printed as many times as there are links to it: once each
    printed = _flat("".join(pages))
    hidden = (
        "ancestor::*[contains(@class, 'entity-cards') or contains(@class, 'note-popovers')"
        " or contains(@class, 'text-links') or contains(@class, 'toc')"
        " or contains(@class, 'print-cite')]"
    )
    links = [
        a.get("href") for a in doc.xpath(f"//main//a[starts-with(@href, 'http')][not({hidden})]")
    ]
    assert links or stem != "printed"
    for href in set(links):
        times = len(re.findall(re.escape(_flat(href)) + "(?![0-9])", printed))
        assert times == links.count(href), href


def test_the_printed_citation_runs_on_as_text(served: tuple[str, Path]) -> None:
    """The printed "Cite as:" held the citation in the about page's box (class citation: a
    bar, padding and a grey ground), which, round a line that wraps, printed as a bar and two
    pieces of box. On paper it is running text."""
    from playwright.sync_api import sync_playwright

    base, _ = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}belgium-1944.html")
            page.emulate_media(media="print")
            style = page.eval_on_selector(
                ".print-cite .citation",
                "e => { const s = getComputedStyle(e); return [s.borderInlineStartWidth,"
                " s.paddingInlineStart, s.backgroundColor]; }",
            )
        finally:
            browser.close()
    assert style == ["0px", "0px", "rgba(0, 0, 0, 0)"]
