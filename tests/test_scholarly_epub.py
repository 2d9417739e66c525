"""Books of scholarly editions: the apparatus as endnotes per chapter with the list of witnesses,
the reading view of a transcription, a catalogue record's description, page images of a
facsimile (``epub-facsimiles``), right-to-left books (language, direction, page progression)
and the interface catalogues; epubcheck on one book of each tei-samples folder and on the
facsimile fixture (five runs, about ten seconds each).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from scholarly import build_checked, facsimile_corpus, sample
from test_epub import EPUB_TYPE, NS, Book, _epubcheck, _run_ace

FIXTURES = ROOT / "tests" / "data" / "html"


def _books(paths: list[Path], out: Path, **options: object) -> dict[str, Book]:
    build_checked(paths, out, **options)
    return {p.stem: Book(p) for p in sorted((out / "epub").glob("*.epub"))}


@pytest.fixture(scope="session")
def apparatus(tmp_path_factory: pytest.TempPathFactory) -> Book:
    source = sample("apparatus") / "pta0040.pta001.pta-grc1.xml"
    return _books([source], tmp_path_factory.mktemp("apparatus"))[source.stem]


@pytest.fixture(scope="session")
def manuscript(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return _books([sample("manuscripts") / "539.xml"], tmp_path_factory.mktemp("ms"))["539"]


@pytest.fixture(scope="session")
def rtl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Book]:
    names = ("oclc_1034545644-i_1.TEIP5", "itzhak_peretz_1182")
    return _books([sample("rtl") / f"{n}.xml" for n in names], tmp_path_factory.mktemp("rtl"))


@pytest.fixture(scope="session")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Book:
    source = sample("facsimile") / "D_000085-007-000.xml"
    return _books([source], tmp_path_factory.mktemp("letter"))[source.stem]


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Book]:
    """The facsimile fixture's book with and without its page images."""
    source = facsimile_corpus(tmp_path_factory.mktemp("facs-source"))
    return {
        on: _books([source], tmp_path_factory.mktemp(f"facs-{on}"), epub_facsimiles=on)["letter"]
        for on in (True, False)
    }


def _text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def test_apparatus_is_endnotes_per_chapter(apparatus: Book) -> None:
    text = [h for h in apparatus.spine() if h.startswith("text-")]
    sections = [
        (href, s)
        for href in text
        for s in apparatus.docs[href].xpath("//h:section[@class='apparatus']", namespaces=NS)
    ]
    assert sections and all(s.get(EPUB_TYPE) == "endnotes" for _, s in sections)
    refs = [
        (href, a)
        for href, a in apparatus.links()
        if a.get(EPUB_TYPE) == "noteref" and "app-ref" in a.get("class", "")
    ]
    assert len(refs) > 300
    for href, ref in refs[:40]:
        entry = apparatus.resolve(href, ref.get("href"))
        assert entry is not None and entry.get(EPUB_TYPE) == "endnote"
        back = entry.xpath("h:a[@role='doc-backlink']", namespaces=NS)[0]
        assert apparatus.resolve(href, back.get("href")) is not None


def test_witnesses_have_a_document_after_the_title_page(apparatus: Book) -> None:
    spine = apparatus.spine()
    assert spine[:3] == ["title.xhtml", "nav.xhtml", "witnesses.xhtml"]
    sigla = [(h, a) for h, a in apparatus.links() if a.get("class") == "siglum"]
    assert sigla and all(a.get("href").startswith("witnesses.xhtml#") for _, a in sigla)
    assert all(apparatus.resolve(h, a.get("href")) is not None for h, a in sigla)
    toc = apparatus.docs["nav.xhtml"].xpath("//h:nav[@id='toc']//h:a/@href", namespaces=NS)
    assert toc[0] == "witnesses.xhtml", "the contents follow the spine"


def test_catalogue_record_book_shows_the_description(manuscript: Book) -> None:
    first = manuscript.docs["text-001.xhtml"]
    assert _text(first.xpath("//h:h1", namespaces=NS)[0]) == "London, British Library, Add. 14,683"
    assert first.xpath("//h:section[contains(@class, 'ms-msPart')]", namespaces=NS)
    assert first.xpath("//h:dd[@lang='syr'][@dir='rtl']", namespaces=NS)


def test_the_book_is_the_reading_view(letter: Book) -> None:
    docs = [d for h, d in letter.docs.items() if h.startswith("text-")]
    deletions = [e for d in docs for e in d.xpath("//h:del", namespaces=NS)]
    assert deletions and all(e.get("hidden") == "hidden" for e in deletions)
    additions = [e for d in docs for e in d.xpath("//h:ins", namespaces=NS)]
    assert additions and not any(e.get("hidden") for e in additions)
    assert not any(d.xpath("//h:br[contains(@class, 'ed-dipl')]", namespaces=NS) for d in docs)


def test_rtl_books_read_right_to_left(rtl: dict[str, Book]) -> None:
    arabic = rtl["oclc_1034545644-i_1.TEIP5"]
    assert arabic.dc("language") == ["ar"]
    assert arabic.opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    html = arabic.docs["text-001.xhtml"]
    assert html.get("dir") == "rtl" and html.get("lang") == "ar"
    hebrew = rtl["itzhak_peretz_1182"]
    assert hebrew.dc("language") == ["und"], "no language is guessed from the script"
    assert hebrew.opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    # its script, sampled once for the book, sets the direction of every content document
    texts = [d for h, d in hebrew.docs.items() if h.startswith("text-")]
    assert texts and {d.get("dir") for d in texts} == {"rtl"}


def test_page_images_come_before_their_pages_when_asked(pages: dict[bool, Book]) -> None:
    book = pages[True]
    assert {"OEBPS/images/pages/p1.png", "OEBPS/images/pages/p2.png"} <= set(book.names)
    doc = book.docs["text-001.xhtml"]
    markers = doc.xpath("//h:span[@role='doc-pagebreak']", namespaces=NS)
    for marker in markers[:2]:
        before = marker.getprevious()
        assert before is not None and before.get("class") == "facs-image"
        assert before.xpath("h:img/@alt", namespaces=NS)[0].startswith("Facsimile of page")
    assert not pages[False].docs["text-001.xhtml"].xpath("//h:img", namespaces=NS)
    assert not [n for n in pages[False].names if n.startswith("OEBPS/images/")]


def test_arabic_interface_labels_the_book(tmp_path: Path) -> None:
    book = _books([FIXTURES / "rtl.xml"], tmp_path, language="ar")["rtl"]
    nav = book.docs["nav.xhtml"]
    assert _text(nav.xpath("//h:nav[@id='toc']/h:h1", namespaces=NS)[0]) == "المحتويات"


@pytest.mark.slow
def test_epubcheck_accepts_the_scholarly_books(
    apparatus: Book, manuscript: Book, rtl: dict[str, Book], letter: Book, pages: dict[bool, Book]
) -> None:
    for book in (apparatus, manuscript, rtl["oclc_1034545644-i_1.TEIP5"], letter, pages[True]):
        _epubcheck(book.path)


@pytest.mark.slow
def test_ace_finds_no_violation_in_the_apparatus_book(apparatus: Book, tmp_path: Path) -> None:
    _run_ace(apparatus.path, tmp_path)
