"""Documentary transcriptions: TEI documents that hold a ``sourceDoc`` and no ``text`` (TEI
Guidelines 11.2.2) are published as texts, their surfaces as the pages of the reading page and
of the book. On the XInclude sample (the Shelley-Godwin Archive's two drivers, assembled from
page files whose root is a surface) and on a small transcription with local page images,
zones and lines with coordinates, a name and a note: pages, words, the page-image viewer, the
book's pages and page-list, the HTML and EPUB checkers, and screenshots at desktop and phone
width (written to this test's tmp folder).
"""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree, html
from scholarly import LINES, build_checked, png, sample
from test_epub import _epubcheck
from test_html import AXE_RUN, CHROMIUM, CHROMIUM_ARGS, QuietHandler, _browser_tools, nu_errors
from words import assert_words_preserved

from pipeline.gate import TEI_NS, read_document

XHTML = {"h": "http://www.w3.org/1999/xhtml"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
DRIVERS = ("hu-hm_2177", "hu-to_william")

NOTEBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="notebook" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>A notebook, two leaves</title></titleStmt>
    <publicationStmt><p>Test fixture</p></publicationStmt>
    <sourceDesc><p>Written for the tests of documentary transcriptions.</p></sourceDesc>
  </fileDesc></teiHeader>
  <sourceDoc>
    <surface n="1r" ulx="0" uly="0" lrx="300" lry="420">
      <graphic url="pages/p1.png" width="300px" height="420px"/>
      <zone type="main" ulx="20" uly="30" lrx="280" lry="200">
        <line ulx="30" uly="40" lrx="270" lry="64">Met <persName ref="#ada">Ada</persName> at the
          <del rend="strikethrough">station</del> <add place="above">harbour</add></line>
        <line ulx="30" uly="80" lrx="270" lry="104">and gave her the<note place="foot">The
          second notebook.</note> book.</line>
      </zone>
      <zone type="left_margin" rotate="90" points="0,0 20,0 20,420 0,420">
        <line>Tuesday</line>
      </zone>
    </surface>
    <surface xml:id="leaf2" ulx="0" uly="0" lrx="300" lry="420">
      <label>Leaf 2, recto</label>
      <graphic url="pages/p2.png" width="300" height="420"/>
      <zone type="main">
        <line xml:id="l5" ulx="30" uly="40" lrx="270" lry="64">The rain did not stop.</line>
        <line><unclear reason="faded">Nothing</unclear> more to say.</line>
      </zone>
    </surface>
  </sourceDoc>
</TEI>
"""
REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>
    <publicationStmt><p>Test fixture</p></publicationStmt>
    <sourceDesc><p>Written for the tests of documentary transcriptions.</p></sourceDesc>
  </fileDesc></teiHeader>
  <standOff><listPerson><person xml:id="ada"><persName>Ada Lovelace</persName></person>
  </listPerson></standOff>
</TEI>
"""


def notebook_corpus(folder: Path) -> Path:
    (folder / "pages").mkdir(parents=True)
    (folder / "registers").mkdir()
    (folder / "pages" / "p1.png").write_bytes(png(300, 420, LINES[:2]))
    (folder / "pages" / "p2.png").write_bytes(png(300, 420, LINES[:1]))
    (folder / "notebook.xml").write_text(NOTEBOOK, encoding="utf-8")
    (folder / "registers" / "persons.xml").write_text(REGISTER, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def drivers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT of the XInclude sample."""
    out = tmp_path_factory.mktemp("xinclude")
    build_checked([sample("xinclude")], out)
    return out


@pytest.fixture(scope="session")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(source folder, OUT) of the notebook, its book with its page images."""
    source = notebook_corpus(tmp_path_factory.mktemp("notebook"))
    out = tmp_path_factory.mktemp("notebook-out")
    build_checked([source], out, epub_facsimiles=True)
    return source, out


def _page(path: Path) -> html.HtmlElement:
    return html.document_fromstring(path.read_text(encoding="utf-8"))


def _book(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {
            name.removeprefix("OEBPS/"): etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith((".xhtml", ".opf"))
        }


def _text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


# -- the XInclude sample ---------------------------------------------------------------------


def test_drivers_are_published_as_pages_and_books(drivers: Path) -> None:
    for stem in DRIVERS:
        assert (drivers / "html" / f"{stem}.html").is_file()
        assert (drivers / "epub" / f"{stem}.epub").is_file()
    home = _page(drivers / "html" / "index.html")
    assert {a.get("href") for a in home.xpath("//main//a")} >= {f"{s}.html" for s in DRIVERS}


def test_every_surface_is_a_page_with_its_zones_and_lines(drivers: Path) -> None:
    """Each driver resolves to 3 surfaces, 7 zones and 43 lines (the sample's README); the
    work view has the same pages in another order (46r, 45v, 46v)."""
    firsts = {}
    for stem in DRIVERS:
        article = _page(drivers / "html" / f"{stem}.html").xpath("//article")[0]
        pages = article.xpath(".//section[@class='surface']")
        assert [p.xpath("string(h2)").strip() for p in pages] == ["Page 1", "Page 2", "Page 3"]
        assert len(article.xpath(".//div[contains(@class, 'source-zone')]")) == 7
        assert len(article.xpath(".//div[contains(@class, 'source-line')]")) == 43
        firsts[stem] = [p.get("id") for p in pages]
        # the contents list the pages
        toc = _page(drivers / "html" / f"{stem}.html").xpath("//nav[@class='toc']//a/@href")
        assert toc == [f"#{i}" for i in firsts[stem]]
    assert firsts["hu-hm_2177"] == ["hu-hm_2177-fb045v", "hu-hm_2177-fb046r", "hu-hm_2177-fb046v"]
    assert firsts["hu-to_william"] == [
        "hu-hm_2177-fb046r",
        "hu-hm_2177-fb045v",
        "hu-hm_2177-fb046v",
    ]


def test_additions_and_deletions_render_as_in_transcriptions(drivers: Path) -> None:
    page = _page(drivers / "html" / "hu-hm_2177.html")
    line = page.xpath("//div[contains(@class, 'source-line')][contains(., 'mother')]")[0]
    assert line.xpath(".//del[contains(@class, 'ed-dipl')]/text()") == ["heart"]
    assert line.xpath(".//ins[contains(@class, 'place-below')]/text()") == ["grief"]
    assert "rend-indent1" in line.get("class")
    assert page.xpath("//div[@class='view-switch']")  # deletions: the two views differ


@pytest.mark.parametrize("stem", DRIVERS)
def test_driver_words_are_kept_in_order(stem: str, drivers: Path) -> None:
    source = sample("xinclude") / "hu" / f"{stem}.xml"
    result = read_document(source, root=sample("xinclude"))
    assert result.document is not None
    assert_words_preserved(source, result.document.root, drivers / "html" / f"{stem}.html")


def test_driver_books_list_their_pages(drivers: Path) -> None:
    book = _book(drivers / "epub" / "hu-to_william.epub")
    nav = book["nav.xhtml"]
    pages = nav.xpath("//h:nav[@id='page-list']//h:a/@href", namespaces=XHTML)
    assert pages == [
        "text-001.xhtml#hu-hm_2177-fb046r-page",
        "text-001.xhtml#hu-hm_2177-fb045v-page",
        "text-001.xhtml#hu-hm_2177-fb046v-page",
    ]
    text = book["text-001.xhtml"]
    breaks = text.xpath("//h:span[@role='doc-pagebreak']", namespaces=XHTML)
    assert [b.get("id") for b in breaks] == [p.split("#")[1] for p in pages]
    assert all(b.get(EPUB_TYPE) == "pagebreak" for b in breaks)
    # the book is the reading view: deletions stay, hidden
    assert text.xpath("//h:del[@hidden]", namespaces=XHTML)


# -- a transcription with page images --------------------------------------------------------


def test_page_images_show_in_the_viewer_with_their_regions(notebook: tuple[Path, Path]) -> None:
    _, out = notebook
    page = _page(out / "html" / "notebook.html")
    assert page.xpath("//body[contains(@class, 'with-facs')]")
    items = page.xpath("//aside[@class='facs-viewer']//li[@class='facs-page']")
    assert [i.get("id") for i in items] == ["facs-surface-1r", "facs-leaf2"]
    assert [i.xpath("string(.//img/@src)") for i in items] == ["pages/p1.png", "pages/p2.png"]
    assert [_text(i.xpath(".//figcaption")[0]) for i in items] == ["Page 1r", "Leaf 2, recto"]
    assert items[0].xpath(".//figcaption/a/@href") == ["#surface-1r"]
    assert (out / "html" / "pages" / "p1.png").is_file()
    # the page's section follows its image; its heading links to it
    sections = page.xpath("//article//section[@class='surface']")
    assert [s.get("data-facs") for s in sections] == ["facs-surface-1r", "facs-leaf2"]
    assert [_text(s.xpath("h2")[0]) for s in sections] == [
        "Page 1r image of page 1r▣",
        "Leaf 2, recto image of page Leaf 2, recto▣",
    ]
    # zones and lines with a place are drawn, and point at their shapes
    shapes = page.xpath("//*[local-name()='svg']//*[@class='zone']/@id")
    assert shapes == [
        "facs-surface-1r-r1",
        "facs-surface-1r-r2",
        "facs-surface-1r-r3",
        "facs-surface-1r-r4",
        "facs-l5",
    ]
    pointers = page.xpath("//article//*[@data-facs][not(self::section)]/@data-facs")
    assert pointers == shapes


def test_names_and_notes_of_a_transcription(notebook: tuple[Path, Path]) -> None:
    _, out = notebook
    page = _page(out / "html" / "notebook.html")
    name = page.xpath("//article//a[contains(@class, 'persName')]")[0]
    assert name.get("href") == "persons.html#ada"
    persons = _page(out / "html" / "persons.html")
    assert persons.xpath("//*[@id='ada']//a[starts-with(@href, 'notebook.html#')]")
    assert page.xpath("//article//button[@class='noteref']")
    assert page.xpath("//section[contains(@class, 'footnotes')]//li")


def test_notebook_words_are_kept_in_order(notebook: tuple[Path, Path]) -> None:
    source, out = notebook
    result = read_document(source / "notebook.xml")
    assert result.document is not None
    assert result.document.root.find(f"{{{TEI_NS}}}text") is None
    assert_words_preserved(
        source / "notebook.xml", result.document.root, out / "html" / "notebook.html"
    )


def test_the_book_shows_each_page_image_at_its_page(notebook: tuple[Path, Path]) -> None:
    _, out = notebook
    book = _book(out / "epub" / "notebook.epub")
    text = book["text-001.xhtml"]
    sections = text.xpath("//h:section[@class='surface']", namespaces=XHTML)
    firsts = [[etree.QName(c).localname for c in s][:3] for s in sections]
    assert firsts == [["span", "span", "h1"], ["span", "span", "h1"]]
    images = text.xpath("//h:span[@class='facs-image']/h:img/@src", namespaces=XHTML)
    assert images == ["images/pages/p1.png", "images/pages/p2.png"]
    items = book["package.opf"].xpath("//*[local-name()='item']/@href")
    assert {"images/pages/p1.png", "images/pages/p2.png"} <= set(items)
    assert book["index.xhtml"].xpath("//*[@id='ada']")


@pytest.mark.slow
def test_epubcheck_accepts_the_books(drivers: Path, notebook: tuple[Path, Path]) -> None:
    _epubcheck(drivers / "epub" / "hu-hm_2177.epub")
    _epubcheck(notebook[1] / "epub" / "notebook.epub")


@pytest.mark.slow
def test_nu_checker_accepts_the_pages(drivers: Path, notebook: tuple[Path, Path]) -> None:
    pages = [drivers / "html" / f"{s}.html" for s in DRIVERS]
    pages.append(notebook[1] / "html" / "notebook.html")
    assert nu_errors(pages) == []


@pytest.fixture(scope="module")
def served(drivers: Path, notebook: tuple[Path, Path]) -> Iterator[str]:
    root = notebook[1].parent / "served-sourcedoc"
    root.mkdir(exist_ok=True)
    for name, folder in (("xinclude", drivers / "html"), ("notebook", notebook[1] / "html")):
        if not (root / name).exists():
            (root / name).symlink_to(folder)
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.slow
def test_pages_pass_axe_and_are_photographed(served: str, tmp_path: Path) -> None:
    sync_playwright, axe = _browser_tools()
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                for name, path in (
                    ("sourcedoc", "xinclude/hu-hm_2177.html"),
                    ("sourcedoc-images", "notebook/notebook.html"),
                ):
                    page.goto(served + path)
                    page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
                    page.add_script_tag(path=str(axe))
                    result = page.evaluate(AXE_RUN)
                    violations = [(v["id"], len(v["nodes"])) for v in result["violations"]]
                    assert violations == [], (path, width, violations)
                # the diplomatic view: deletions struck through, whole deleted lines back
                page.goto(served + "xinclude/hu-hm_2177.html")
                struck = page.locator("div.source-line.ed-dipl").first
                assert not struck.is_visible()
                page.click("button[data-view='diplomatic']")
                assert struck.is_visible()
                page.screenshot(
                    path=str(shots / f"sourcedoc-diplomatic-{width}.png"), full_page=True
                )
                page.close()
            # the line under the pointer is outlined on its page image
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(served + "notebook/notebook.html")
            box = page.locator("[data-facs='facs-l5']").bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + 20, box["y"] + box["height"] / 2)
            page.wait_for_function("document.querySelector('#facs-l5.active') !== null")
        finally:
            browser.close()
    assert len(list(shots.glob("*.png"))) == 6


def test_the_words_of_a_page_image_s_description_are_the_text_s(tmp_path: Path) -> None:
    """Probe 82: a page image's own desc ("Front cover, showing a stamp reading KEW") in a
    facsimile without transcription was shown nowhere: the image is the viewer's, its
    description the text's, on the page and in the book."""
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "f1.png").write_bytes(png(4, 4, []))
    _published(
        tmp_path,
        "cover",
        "<facsimile><surface><label>Front cover</label><graphic url='img/f1.png'><desc>Front"
        " cover, showing a stamp reading KEW.</desc></graphic></surface></facsimile>",
    )
    page = _page(tmp_path / "out/html/cover.html")
    said = [_text(p) for p in page.xpath("//p[@class='graphic-desc']")]
    assert said == ["Front cover, showing a stamp reading KEW."]
    book = _book(tmp_path / "out/epub/cover.epub")
    described = ".//{http://www.w3.org/1999/xhtml}p[@class='graphic-desc']"
    told = [_text(p) for doc in book.values() for p in doc.iterfind(described)]
    assert told == said


def test_every_source_doc_of_a_file_is_published(tmp_path: Path) -> None:
    """Probe 82: a file holding two sourceDoc elements (two drafts, each transcribed page by
    page) published the first alone, without a word: each is a part of the one text now,
    on the page and in the book, in order."""
    _published(
        tmp_path,
        "drafts",
        '<sourceDoc n="draft A"><surface><line>First draft alpha</line></surface></sourceDoc>'
        '\n<sourceDoc n="draft B"><surface><line>Second draft omega</line><surface n="patch">'
        "<line>A pasted slip zeta</line></surface></surface></sourceDoc>",
    )
    page = _text(_page(tmp_path / "out/html/drafts.html").xpath("//main")[0])
    assert page.index("alpha") < page.index("omega") < page.index("zeta"), page
    book = " ".join(_text(d) for name, d in sorted(_book(tmp_path / "out/epub/drafts.epub").items())
                    if name.endswith(".xhtml"))  # fmt: skip
    assert all(word in book for word in ("alpha", "omega", "zeta")), book


def test_a_surface_on_a_surface_is_a_part_of_its_page_with_its_image(tmp_path: Path) -> None:
    """Probe 157: a surface on a surface (a slip pasted on the leaf, with an image of its own)
    was headed "Page 2" of a document of one page, the page after it "Page 3", and its image
    was published and shown nowhere. It is a part of its page, its image shown where its
    graphic stands, on the page and in the book; the pages keep their numbers."""
    (tmp_path / "img").mkdir()
    for name in ("leaf", "slip", "next"):
        (tmp_path / "img" / f"{name}.png").write_bytes(png(4, 4, []))
    _published(
        tmp_path,
        "slips",
        "<sourceDoc><surface xml:id='s1'><graphic url='img/leaf.png'/><line>Leaf words</line>"
        "<surface xml:id='slip'><graphic url='img/slip.png' width='4px'/><line>Slip words</line>"
        "</surface><surface xml:id='patch' n='b'><line>Patch words</line></surface></surface>"
        "<surface xml:id='s2'><graphic url='img/next.png'/><line>Next words</line></surface>"
        "</sourceDoc>",
        facsimiles=True,
    )
    page = _page(tmp_path / "out/html/slips.html")
    titles = [
        _text(h) for h in page.xpath("//section[@class='surface']/*[1]/span[@class='surface-n']")
    ]
    assert titles == ["Page 1", "Part of page 1", "Part of page 1 (b)", "Page 2"]
    viewer = page.xpath("//li[@class='facs-page']//img/@src")
    assert viewer == ["img/leaf.png", "img/next.png"]
    shown = page.xpath("//section[@id='slip']/figure[@class='facs-part']/img")
    assert [(i.get("src"), i.get("alt"), i.get("width")) for i in shown] == [
        ("img/slip.png", "Facsimile of part of page 1", "4")
    ]
    book = _book(tmp_path / "out/epub/slips.epub")
    text = book["text-001.xhtml"]
    parts = text.xpath("//h:section[@id='slip']/h:figure/h:img/@src", namespaces=XHTML)
    assert parts == ["images/img/slip.png"]
    assert "images/img/slip.png" in book["package.opf"].xpath("//*[local-name()='item']/@href")
    ns = {**XHTML, "epub": "http://www.idpf.org/2007/ops"}
    listed = book["nav.xhtml"].xpath("//h:nav[@epub:type='page-list']//h:a/text()", namespaces=ns)
    assert listed == ["1", "2"]


def _published(folder: Path, stem: str, transcription: str, *, facsimiles: bool = False) -> None:
    """A document of ``transcription`` (a facsimile, sourceDocs) and no text, published as
    page and book (with its page images when ``facsimiles``) into ``folder/out`` without an
    error."""
    from pipeline.build import build

    (folder / f"{stem}.xml").write_text(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>{stem}</title>'
        "</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        f"</sourceDesc></fileDesc></teiHeader>{transcription}</TEI>",
        encoding="utf-8",
    )
    report = build(
        [folder / f"{stem}.xml"],
        folder / "out",
        only=("html", "epub"),
        jobs=1,
        epub_facsimiles=facsimiles,
    )
    assert report.errors == 0, report.sorted()
