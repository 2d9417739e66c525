"""The edition built from real TEI written by others: the drama/, verse/ and letters/ folders
of ../shared/corpora/tei-samples and an ELTeC novel with notes (Gaskell's Mary Barton, whose
42 notes stand in the back and are called by refs).

What a reader of those texts expects: every word in order (tests/words.py), cast lists,
speeches and their speakers in the index, letter titles and heads, names without their
identifiers; and what the checkers say: the Nu HTML checker, axe-core in Chromium and
epubcheck find nothing. Screenshots of one page of each kind, at desktop (1280 px) and phone
(390 px) widths, are saved in the test's temporary folder (pytest keeps the last runs).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ELTEC, SHARED, missing
from lxml import etree, html
from test_epub import _epubcheck
from test_html import AXE_RUN, CHROMIUM, CHROMIUM_ARGS, QuietHandler, _browser_tools, nu_errors
from words import assert_words_preserved, text_pages

from pipeline.build import build
from pipeline.diagnostics import Severity
from pipeline.gate import read_document

SAMPLES = SHARED / "corpora" / "tei-samples"
FOLDERS = ("drama", "verse", "letters")
NOVEL = "ENG18482_Gaskell"
TEI = "{http://www.tei-c.org/ns/1.0}"


def _sources(folder: str) -> list[Path]:
    return sorted((SAMPLES / folder).glob("*.xml"))


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT folders per sample folder under one root: <root>/<folder>/{html,epub,index}."""
    if not all((SAMPLES / f).is_dir() for f in FOLDERS) or not ELTEC.is_dir():
        missing(f"the sample corpora ({SAMPLES}, {ELTEC})")
    root = tmp_path_factory.mktemp("samples")
    for folder in FOLDERS:
        report = build([SAMPLES / folder], root / folder, jobs=2)
        errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
        assert errors == [], errors
    # one page (page-size 0): the screens below open the novel's notes on its one long page
    report = build([ELTEC / f"{NOVEL}.xml"], root / "novel", only=["html"], jobs=2, page_size=0)
    assert report.errors == 0, report.sorted()
    return root


def _page(path: Path) -> html.HtmlElement:
    return html.document_fromstring(path.read_text(encoding="utf-8"))


# -- words -----------------------------------------------------------------------------------

TEXTS = [(f, p.stem) for f in FOLDERS for p in _sources(f)] + [("novel", NOVEL)]


@pytest.mark.parametrize(("folder", "stem"), TEXTS, ids=[s for _, s in TEXTS])
def test_every_word_in_order(folder: str, stem: str, sites: Path) -> None:
    source = ELTEC / f"{stem}.xml" if folder == "novel" else SAMPLES / folder / f"{stem}.xml"
    result = read_document(source)
    assert result.document is not None
    assert_words_preserved(source, result.document.root, sites / folder / "html" / f"{stem}.html")


# -- drama -----------------------------------------------------------------------------------


def test_speakers_are_entities_with_their_speeches(sites: Path) -> None:
    index = json.loads((sites / "drama" / "index" / "entities.json").read_text("utf-8"))
    entities = {e["id"]: e for e in index["entities"]}
    speeches = 0
    for source in _sources("drama"):
        root = etree.parse(str(source)).getroot()
        # a speech of two speakers ("#a #b") is a speech of each
        speeches += sum(len(sp.get("who", "").split()) for sp in root.iter(f"{TEI}sp"))
    assert sum(e["speeches"] for e in entities.values()) == speeches > 1000
    iphigenie = entities["iphigenie"]
    assert iphigenie["speeches"] == len(iphigenie["speech_occurrences"]) > 50
    first = iphigenie["speech_occurrences"][0]
    # the play is long: its speeches are on the pages of its parts (builders/parts.py)
    assert re.match(r"\.\./html/goethe-iphigenie-auf-tauris-\d+\.html#div-", first["url"])
    # the persons page lists the speeches, each linked to its speech on the reading page
    persons = _page(sites / "drama" / "html" / "persons.html")
    links = persons.xpath("//section[@id='iphigenie']//div[@class='index-speeches']//a/@href")
    assert len(links) == iphigenie["speeches"]
    file, target = links[0].split("#")
    page = _page(sites / "drama" / "html" / file)
    assert page.get_element_by_id(target).get("class").split()[0] == "sp"


def test_plays_have_cast_lists_line_numbers_and_stepped_lines(sites: Path) -> None:
    page = _page(sites / "drama" / "html" / "schiller-wallensteins-lager.html")
    cast = page.xpath("//section[@class='castList']")[0]
    assert cast.xpath("h2/text()") == ["Personen"]
    assert page.xpath(f"//nav[@class='toc']//a[@href='#{cast.get('id')}']/text()") == ["Personen"]
    assert cast.xpath(".//li[@class='castGroup']//span[contains(@class, 'group-desc')]")
    assert "Q22670" not in page.text_content()
    goethe = [
        _page(p) for p in text_pages(sites / "drama" / "html" / "goethe-iphigenie-auf-tauris.html")
    ]
    finals = [f for part in goethe for f in part.xpath("//div[contains(@class, 'part-f')]")]
    source = etree.parse(str(SAMPLES / "drama" / "goethe-iphigenie-auf-tauris.xml"))
    assert len(finals) == len(source.findall(f".//{TEI}l[@part='F']")) > 20
    assert all(f.get("data-before") for f in finals)
    numbers = [int(n) for part in goethe for n in part.xpath("//a[@class='l-n']/text()")]
    assert numbers and all(n % 5 == 0 for n in numbers)


# -- letters ---------------------------------------------------------------------------------


def test_letters_have_their_own_titles_heads_and_series(sites: Path) -> None:
    site = sites / "letters" / "html"
    home = _page(site / "index.html")
    series = home.xpath("//section[@class='texts']/h3/text()")
    assert (
        "Hermann Bahr – Arthur Schnitzler: Briefwechsel, Aufzeichnungen, Dokumente 1891–1931"
        in [" ".join(s.split()) for s in series]
    )
    titles = home.xpath("//a[@class='text-title']/text()")
    assert "Hermann Bahr an S. Fischer, 20. 3. 1897" in titles
    letter = _page(site / "L041207.html")
    assert letter.xpath("string(//h1)") == "Hermann Bahr an S. Fischer, 20. 3. 1897"
    heads = letter.xpath("//dl[@class='corresp']/dt/text()")
    assert heads == ["From", "To"]
    modern = _page(site / "L00071.html")
    rows = [" ".join(dd.text_content().split()) for dd in modern.xpath("//dl[@class='corresp']/dd")]
    assert rows == ["Johannes Tillich, Bregenz, 09.07.1905", "Paul Tillich, Tübingen"]
    with zipfile.ZipFile(sites / "letters" / "epub" / "L041207.epub") as book:
        opf = etree.fromstring(book.read("OEBPS/package.opf"))
    title = opf.findtext(".//{http://purl.org/dc/elements/1.1/}title")
    assert title == "Hermann Bahr an S. Fischer, 20. 3. 1897"


def test_legalkraus_letters_link_their_neighbours(sites: Path) -> None:
    letter = _page(sites / "letters" / "html" / "D_000198-003-000.html")
    context = letter.xpath("//nav[@class='corresp-context']//a")
    assert [a.get("rel") for a in context] == ["external", "external"]
    assert context[0].text == "D_000198-002-000"


# -- checkers --------------------------------------------------------------------------------


@pytest.mark.slow
def test_nu_checker_accepts_the_sample_pages(sites: Path) -> None:
    pages = sorted(sites.glob("*/html/*.html"))
    assert len(pages) > 30
    assert nu_errors(pages) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder", "stem"),
    [
        ("drama", "goethe-iphigenie-auf-tauris"),
        ("verse", "disco486g"),
        ("letters", "D_000198-003-000"),
    ],
)
def test_epubcheck_accepts_the_sample_books(folder: str, stem: str, sites: Path) -> None:
    _epubcheck(sites / folder / "epub" / f"{stem}.epub")


#: One page of each kind: (site, page, element to scroll to, element to click; "" for none).
SCREENS = (
    ("drama", "goethe-iphigenie-auf-tauris.html", "", ""),
    ("drama", "goethe-iphigenie-auf-tauris-2.html", ".part-f", ""),
    ("drama", "schiller-wallensteins-lager.html", ".castGroup", ""),
    ("drama", "ebner-eschenbach-doctor-ritter.html", ".sp.prose", ""),
    ("drama", "persons.html", "#iphigenie", ""),
    ("verse", "disco486g.html", "", ""),
    ("letters", "index.html", "", ""),
    ("letters", "L041207.html", "", ""),
    ("letters", "D_000198-003-000.html", "", ""),
    ("drama", "about.html", ".source", ""),
    ("novel", f"{NOVEL}.html", "", "button.noteref"),
    ("novel", f"{NOVEL}.html", ".type-notes", ""),
)


@pytest.fixture(scope="module")
def server(sites: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(sites))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.slow
def test_axe_and_screenshots(server: str, tmp_path: Path) -> None:
    """axe-core finds no violation on a page of each kind, at both widths; the screenshots
    are kept in tmp_path (look at them before changing the stylesheets)."""
    sync_playwright, axe = _browser_tools()
    assert CHROMIUM.is_file()
    found = {}
    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width in (1280, 390):
                checked: set[tuple[str, str]] = set()
                page = browser.new_page(viewport={"width": width, "height": 900})
                for n, (folder, name, scroll, click) in enumerate(SCREENS):
                    page.goto(f"{server}{folder}/html/{name}")
                    shot = tmp_path / f"{n:02d}-{folder}-{Path(name).stem}-{width}.png"
                    if scroll:
                        page.locator(scroll).first.evaluate("e => e.scrollIntoView()")
                    if click:
                        button = page.locator(click).first
                        button.scroll_into_view_if_needed()
                        button.click()
                        target = button.get_attribute("popovertarget")
                        assert page.locator(f"#{target}").is_visible()
                        page.screenshot(path=str(shot))
                        page.keyboard.press("Escape")
                    else:
                        page.screenshot(path=str(shot))
                    if (folder, name) in checked:
                        # the same page photographed at another place (its popover closed
                        # again): the same document for axe, which took 10-20 s on the novel
                        continue
                    checked.add((folder, name))
                    page.add_script_tag(path=str(axe))
                    result = page.evaluate(AXE_RUN)
                    violations = [(v["id"], len(v["nodes"])) for v in result["violations"]]
                    if violations:
                        found[(folder, name, width)] = violations
                page.close()
        finally:
            browser.close()
    assert found == {}
    assert len(list(tmp_path.glob("*.png"))) == 2 * len(SCREENS)
