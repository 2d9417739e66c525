"""Pages of scholarly editions: critical apparatus, transcriptions with two views, manuscript
descriptions, facsimiles, right-to-left texts and the interface catalogues, on the tei-samples
folders (apparatus, manuscripts, facsimile, rtl) and small fixtures; checked with the Nu HTML
checker, in Chromium with axe-core (one page of each kind, desktop and phone width), and
photographed: the screenshots are written to this test's tmp folder (pytest keeps it).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, tei_text
from lxml import html
from scholarly import FOLDERS, build_checked, facsimile_corpus, png, sample
from test_html import (
    AXE_RUN,
    CHROMIUM,
    CHROMIUM_ARGS,
    QuietHandler,
    _browser_tools,
    nu_errors,
)
from words import assert_words_preserved

from pipeline.build import build
from pipeline.gate import read_document
from pipeline.records import catalogue_record

FIXTURES = ROOT / "tests" / "data" / "html"
WIDTHS = (1280, 390)


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """OUT/html of each tei-samples folder."""
    out = {}
    for folder in FOLDERS:
        target = tmp_path_factory.mktemp(folder)
        build_checked([sample(folder)], target)
        out[folder] = target / "html"
    return out


@pytest.fixture(scope="session")
def facsimile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = facsimile_corpus(tmp_path_factory.mktemp("facsimile-source"))
    out = tmp_path_factory.mktemp("facsimile-out")
    build_checked([source], out)
    return out / "html"


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The transcription, apparatus, manuscript, media and block fixtures, with the Arabic
    interface for rtl.xml."""
    out = tmp_path_factory.mktemp("fixtures")
    names = ("transcription", "apparatus", "manuscript", "media-examples", "blocks")
    names += ("groups-and-code",)
    build_checked([FIXTURES / f"{n}.xml" for n in names], out / "en")
    build_checked([FIXTURES / "rtl.xml"], out / "ar", language="ar")
    return out


def _page(path: Path) -> html.HtmlElement:
    return html.document_fromstring(path.read_text(encoding="utf-8"))


# -- structure -------------------------------------------------------------------------------


def test_apparatus_entries_and_text_link_both_ways(samples: dict[str, Path]) -> None:
    doc = _page(samples["apparatus"] / "pta0040.pta001.pta-grc1.html")
    refs = doc.xpath("//a[@class='app-ref']")
    assert len(refs) > 300
    for ref in refs[:50]:
        entry = doc.get_element_by_id(ref.get("href")[1:])
        back = entry.xpath("a[@class='app-back']")[0]
        assert doc.get_element_by_id(back.get("href")[1:]).xpath(".//a[@class='app-ref']")
    sigla = {a.text_content() for a in doc.xpath("//a[@class='siglum']")}
    assert {"E", "S", "P", "X"} <= sigla
    for siglum in doc.xpath("//a[@class='siglum']")[:20]:
        witness = doc.get_element_by_id(siglum.get("href")[1:])
        assert "witness" in witness.get("class") and siglum.get("title")
    text = " ".join(doc.xpath("string(//ol[@class='apparatus-list'][1])").split())
    assert "] add. οὐρανοφάντορος P" in text and "post ἡμῶν" in text


def test_reading_text_shows_the_lemma_not_the_readings(samples: dict[str, Path]) -> None:
    doc = _page(samples["apparatus"] / "pta0040.pta001.pta-grc1.html")
    section = "//*[@id='div-urn_cts_pta_pta0040.pta001.pta-grc1.1']"
    # its first paragraph, after the label the unheaded textpart gets ("Section 1")
    running = " ".join(doc.xpath(f"string({section}/p[not(@class = 'textpart-label')][1])").split())
    assert "ἐγκωμιάσαι ἡμέραν" in running  # the lem, not the transposed rdg
    assert "ἡμέραν ἐγκωμιᾶσαι" not in running


def test_catalogue_record_page_is_its_description(samples: dict[str, Path]) -> None:
    doc = _page(samples["manuscripts"] / "539.html")
    main = doc.xpath("//main")[0]
    headings = [" ".join(h.text_content().split()) for h in main.xpath(".//h2 | .//h3 | .//h4")]
    assert "London, British Library, Add. 14,683" in headings
    assert any(h.startswith("Part 1") for h in headings) and "Physical description" in headings
    labels = {dt.text_content() for dt in main.xpath(".//dt")}
    assert {"Rubric", "Colophon", "Extent", "Layout", "Hands", "Provenance"} <= labels
    assert main.xpath(".//dd[@lang='syr'][@dir='rtl']"), "Syriac rubrics are right to left"
    about = _page(samples["manuscripts"] / "about.html")
    assert not about.xpath("//section[contains(@class, 'msDesc')]"), "shown once, on its page"


def test_the_about_page_and_the_reading_page_agree_on_catalogue_records() -> None:
    for path in sorted(sample("manuscripts").glob("*.xml")):
        result = read_document(path)
        assert result.document is not None
        assert catalogue_record(result.document.root), path.name
    result = read_document(sample("apparatus") / "pta0040.pta001.pta-grc1.xml")
    assert result.document is not None and not catalogue_record(result.document.root)


def test_facsimile_viewer_shows_local_images_only(facsimile: Path) -> None:
    doc = _page(facsimile / "letter.html")
    assert "with-facs" in doc.xpath("//body/@class")[0]
    images = doc.xpath("//aside[@class='facs-viewer']//img/@src")
    assert images == ["pages/p1.png", "pages/p2.png"], "no remote image without [images]"
    assert (facsimile / "pages" / "p1.png").is_file()
    link = doc.xpath("//span[@id][contains(@class, 'pb')]//a[@class='pb-n pb-facs']")[0]
    assert link.get("href") == "#facs-s1"
    caption = doc.get_element_by_id("facs-s1").xpath(".//figcaption/a")[0]
    assert doc.get_element_by_id(caption.get("href")[1:]).get("data-facs") == "facs-s1"
    zones = doc.xpath("//*[local-name()='svg']//*[@class='zone']/@id")
    assert sorted(zones) == ["z1", "z2", "z3", "z4"], "only zones the text points at"
    assert doc.xpath("//*[@data-facs='z3'][contains(@class, 'lb-joined')]")
    assert "html" not in {Path(src).suffix for src in images}


def test_zones_of_a_surface_of_no_coordinates_are_drawn_in_its_images_pixels(
    tmp_path: Path,
) -> None:
    """Probe 157: the zones of a surface that gives no coordinates of its own (Guidelines
    11.1 makes them optional), in the pixels of its image's @width and @height, were never
    drawn: the test of the surface's coordinates was true of none."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "f12r.png").write_bytes(png(160, 240, [(10, 20, 150, 40)]))
    (source / "leaf.xml").write_text(
        tei_text('<p><pb n="12r" facs="#s12r"/><lb facs="#z1"/>First line</p>').replace(
            "<text>",
            '<facsimile><surface xml:id="s12r" n="12r"><graphic url="f12r.png" width="160px" '
            'height="240px"/><zone xml:id="z1" ulx="10" uly="20" lrx="150" lry="40"/>'
            "</surface></facsimile><text>",
        ),
        encoding="utf-8",
    )
    build([source], tmp_path / "out", only=["html"])
    doc = _page(tmp_path / "out" / "html" / "leaf.html")
    (svg,) = doc.xpath("//*[local-name()='svg'][contains(@class, 'facs-zones')]")
    assert svg.get("viewbox", svg.get("viewBox")) == "0 0 160 240"
    (zone,) = svg.xpath(".//*[@class='zone']")
    assert (zone.get("id"), zone.get("width"), zone.get("height")) == ("z1", "140", "20")


def test_remote_images_show_under_the_configured_base(tmp_path: Path) -> None:
    source = facsimile_corpus(tmp_path / "src")
    build([source], tmp_path / "out", only=["html"], images="https://images.example.org/")
    doc = _page(tmp_path / "out" / "html" / "letter.html")
    assert doc.xpath("//aside[@class='facs-viewer']//img/@src")[-1] == (
        "https://images.example.org/edition/p3.jpg"
    )
    build([source], tmp_path / "other", only=["html"], images="https://images.example.org.evil/")
    doc = _page(tmp_path / "other" / "html" / "letter.html")
    assert len(doc.xpath("//aside[@class='facs-viewer']//img")) == 2


def test_rtl_texts_get_dir_by_language_or_script(samples: dict[str, Path]) -> None:
    arabic = _page(samples["rtl"] / "oclc_1034545644-i_1.TEIP5.html")
    # a declared language is the page's; the chrome keeps the interface's language
    assert arabic.xpath("/html/@dir") == ["rtl"] and arabic.xpath("/html/@lang") == ["ar"]
    assert arabic.xpath("//header[@class='site-header']/@dir") == ["ltr"]
    hebrew = _page(samples["rtl"] / "itzhak_peretz_1182.html")
    assert hebrew.xpath("//main/@dir") == ["rtl"], "no xml:lang: the script decides"
    assert hebrew.xpath("//main/@lang") == ["und"]
    yiddish = _page(samples["rtl"] / "sholem-aleichem-a-dokter.html")
    assert yiddish.xpath("/html/@dir") == ["rtl"] and yiddish.xpath("/html/@lang") == ["yi"]
    ltr = yiddish.xpath("//*[@lang='ru' or @lang='fr']")
    assert ltr and all(e.get("dir") == "ltr" for e in ltr)
    greek = _page(samples["apparatus"] / "pta0040.pta001.pta-grc1.html")
    assert not greek.xpath("//*[@dir='rtl']")
    # the site's own pages are in the interface's language; each text's title says its own
    for page in ("index.html", "about.html", "persons.html"):
        site = _page(samples["rtl"] / page)
        assert site.xpath("/html/@lang") == ["en"] and site.xpath("/html/@dir") == ["ltr"], page
    home = _page(samples["rtl"] / "index.html")
    titles = {
        a.get("href"): (a.get("lang"), a.get("dir")) for a in home.xpath("//a[@class='text-title']")
    }
    assert titles["oclc_1034545644-i_1.TEIP5.html"] == ("ar", "rtl")
    assert titles["itzhak_peretz_1182.html"] == ("und", "rtl"), "no xml:lang: the script decides"


def test_arabic_interface_flips_the_chrome(fixtures: Path) -> None:
    doc = _page(fixtures / "ar" / "html" / "rtl.html")
    assert doc.xpath("/html/@lang") == ["ar"] and doc.xpath("/html/@dir") == ["rtl"]
    assert doc.xpath("//nav[@class='site-nav']//a/text()")[0] == "النصوص"
    english = _page(fixtures / "ar" / "html" / "about.html")
    assert english.xpath("//h1/text()") == ["عن الطبعة"]


def test_views_are_marked_for_the_switch(fixtures: Path) -> None:
    doc = _page(fixtures / "en" / "html" / "transcription.html")
    assert doc.xpath("//div[@class='view-switch']/@hidden"), "hidden until the script runs"
    assert "has-views" in doc.xpath("//article/@class")[0]
    assert doc.xpath("//del[contains(@class, 'ed-dipl')]") and doc.xpath(
        "//*[@class='corr ed-read']"
    )
    plain = _page(fixtures / "en" / "html" / "manuscript.html")
    assert not plain.xpath("//div[@class='view-switch']")


@pytest.mark.parametrize("folder", FOLDERS)
def test_sample_words_are_kept_in_order(folder: str, samples: dict[str, Path]) -> None:
    """The reading view shows the words of every sample text, in order (tests/words.py)."""
    for source in sorted(sample(folder).glob("*.xml")):
        page = samples[folder] / f"{source.stem}.html"
        if not page.is_file():
            continue
        result = read_document(source)
        assert result.document is not None
        assert_words_preserved(source, result.document.root, page)


# -- conformance and the browser -------------------------------------------------------------


@pytest.mark.slow
def test_nu_checker_accepts_the_sample_pages(
    samples: dict[str, Path], facsimile: Path, fixtures: Path
) -> None:
    pages = [p for folder in samples.values() for p in sorted(folder.glob("*.html"))]
    # rtl/: the Hebrew plays' register ids hold spaces (not NCNames), which the index pages
    # repeat; that is the index's and the gate's matter, not this rendering's.
    pages = [p for p in pages if not (p.parent == samples["rtl"] and p.name == "persons.html")]
    pages += [facsimile / "letter.html", *sorted((fixtures / "ar" / "html").glob("*.html"))]
    pages += sorted((fixtures / "en" / "html").glob("*.html"))
    assert nu_errors(pages) == []


@pytest.fixture(scope="module")
def served(
    samples: dict[str, Path],
    facsimile: Path,
    fixtures: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """One server over every output: /<name>/<page>."""
    root = tmp_path_factory.mktemp("served")
    for name, folder in {**samples, "facsimile-fixture": facsimile}.items():
        (root / name).symlink_to(folder)
    (root / "fixtures").symlink_to(fixtures / "en" / "html")
    (root / "arabic").symlink_to(fixtures / "ar" / "html")
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


#: One page of each kind: (screenshot name, path under the server).
KINDS = (
    ("apparatus", "apparatus/pta0040.pta001.pta-grc1.html"),
    ("manuscript", "manuscripts/539.html"),
    ("facsimile", "facsimile-fixture/letter.html"),
    ("transcription", "fixtures/transcription.html"),
    ("arabic-text", "rtl/oclc_1034545644-i_1.TEIP5.html"),
    ("hebrew-play", "rtl/itzhak_peretz_1182.html"),
    ("arabic-interface", "arabic/rtl.html"),
    ("about", "manuscripts/about.html"),
)


@pytest.mark.slow
def test_pages_pass_axe_and_are_photographed(served: str, tmp_path: Path) -> None:
    sync_playwright, axe = _browser_tools()
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in KINDS:
                    page.goto(served + path)
                    page.screenshot(path=str(shots / f"{name}-{width}.png"))
                    page.add_script_tag(path=str(axe))
                    result = page.evaluate(AXE_RUN)
                    violations = [(v["id"], len(v["nodes"])) for v in result["violations"]]
                    assert violations == [], (path, width, violations)
                page.goto(served + "fixtures/transcription.html")
                page.click("button[data-view='diplomatic']")
                page.screenshot(path=str(shots / f"transcription-diplomatic-{width}.png"))
                page.close()
        finally:
            browser.close()
    assert len(list(shots.glob("*.png"))) == 2 * (len(KINDS) + 1)


@pytest.mark.slow
def test_reading_and_diplomatic_views_switch_without_reloading(served: str) -> None:
    sync_playwright, _ = _browser_tools()
    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(served + "fixtures/transcription.html")
            deleted, corrected = page.locator("del.ed-dipl").first, page.locator(".corr.ed-read")
            assert page.locator(".view-switch").is_visible()
            assert not deleted.is_visible() and corrected.is_visible()
            page.evaluate("window.loaded = true")
            page.click("button[data-view='diplomatic']")
            assert deleted.is_visible() and not corrected.is_visible()
            assert page.evaluate("window.loaded === true"), "no reload"
            assert page.get_attribute("button[data-view='diplomatic']", "aria-pressed") == "true"
            page.click("button[data-view='reading']")
            assert not deleted.is_visible() and corrected.is_visible()
            quiet = browser.new_context(java_script_enabled=False).new_page()
            quiet.goto(served + "fixtures/transcription.html")
            assert not quiet.locator(".view-switch").is_visible()
            assert not quiet.locator("del.ed-dipl").first.is_visible()
            facs = browser.new_page(viewport={"width": 1280, "height": 900})
            facs.goto(served + "facsimile-fixture/letter.html")
            box = facs.locator("#div-1-p-1").bounding_box()
            assert box is not None
            facs.mouse.move(box["x"] + 40, box["y"] + 30)
            facs.wait_for_function("document.querySelector('.zone.active') !== null")
        finally:
            browser.close()


def test_a_page_break_naming_a_remote_image_links_out_to_it(tmp_path: Path) -> None:
    """pb/@facs may name the page's image by its address rather than a surface of the
    facsimile (Guidelines 3.11.3, att.global.facs): the page number links out to it, nothing
    is loaded; a local file name or a javascript: address gives no link."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "pages.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Pages</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc>
<p>x</p></sourceDesc></fileDesc></teiHeader><text><body>
<p><pb n="12" facs="https://iiif.example.org/ms/0012.jpg"/>One <pb n="13" facs="img/13.jpg"/>two
<pb n="14" facs="javascript:alert(1)"/>three <pb facs="http://example.org/b.jpg"/>four</p>
</body></text></TEI>""",
        encoding="utf-8",
    )
    build([source], tmp_path / "out", only=["html"])
    doc = _page(tmp_path / "out" / "html" / "pages.html")
    links = [
        (a.get("href"), a.get("rel"), " ".join(a.text_content().split()))
        for a in doc.xpath("//span[contains(@class, 'pb')]/a")
    ]
    assert links == [
        ("https://iiif.example.org/ms/0012.jpg", "external", "image of page p.12"),
        ("http://example.org/b.jpg", "external", "image of page ▣"),
    ]
    assert not doc.xpath("//img[contains(@src, 'example.org')]")
    assert [" ".join(s.text_content().split()) for s in doc.xpath("//span[@class='pb-n']")] == [
        "page p.13",
        "page p.14",
    ]
