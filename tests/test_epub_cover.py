"""The book's cover (pipeline/builders/epub_cover.py, issue 11 item 9): an SVG image drawn
from the title, authors and edition, in the manifest as ``cover-image``."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SHARED
from lxml import etree

from pipeline.build import build
from pipeline.builders import epub_package as pkg
from pipeline.builders.epub_cover import HEIGHT, WIDTH, cover_svg

OPF = {"opf": "http://www.idpf.org/2007/opf"}
SVG = {"svg": "http://www.w3.org/2000/svg"}
PLAY = SHARED / "corpora" / "tei-samples" / "drama" / "goethe-iphigenie-auf-tauris.xml"


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("covers")
    sources = [ROOT / "tei", *([PLAY] if PLAY.is_file() else [])]
    assert build(sources, out, only=["epub"]).errors == 0
    return out / "epub"


def _cover(book: Path) -> tuple[etree._Element, etree._Element]:
    with zipfile.ZipFile(book) as z:
        opf = etree.fromstring(z.read("OEBPS/package.opf"))
        (item,) = opf.xpath("//opf:item[contains(@properties, 'cover-image')]", namespaces=OPF)
        svg = etree.fromstring(z.read(f"OEBPS/{item.get('href')}"))
    return opf, svg


def test_every_book_has_a_cover_image(books: Path) -> None:
    for book in sorted(books.glob("*.epub")):
        opf, svg = _cover(book)
        (item,) = opf.xpath("//opf:item[@properties='cover-image']", namespaces=OPF)
        assert item.get("media-type") == "image/svg+xml"
        # EPUB 2 reading systems find it too
        assert opf.xpath("//opf:meta[@name='cover']/@content", namespaces=OPF) == [item.get("id")]
        data = etree.tostring(svg)
        assert pkg.image_media_type("cover.svg", data) == "image/svg+xml", "self-contained"
        title = opf.xpath("string(//*[local-name()='title'])")
        words = " ".join(svg.xpath("//svg:text/text()", namespaces=SVG))
        assert " ".join(title.split()) in " ".join(words.split())
        creators = opf.xpath("//*[local-name()='creator']/text()")
        assert all(c in words for c in creators)


def test_the_cover_is_readable_at_thumbnail_size() -> None:
    title = "The Life and Adventures of Michael Armstrong, the Factory Boy, with Notes"
    svg = etree.fromstring(cover_svg(title, ["Frances Trollope"], "ELTeC, 2019"))
    texts = svg.xpath("//svg:text", namespaces=SVG)
    sizes = [int(t.get("font-size")) for t in texts]
    # the title's letters are at least 1/25 of the cover's width: 4 px on a 100 px tile
    assert min(sizes[:-2]) * 25 >= WIDTH
    for text in texts:
        assert 0 < int(text.get("y")) < HEIGHT
        # a bold serif letter is ~0.66 em wide: no line runs past the cover's frame
        assert len(text.text or "") * 0.66 * int(text.get("font-size")) <= WIDTH - 100
    assert cover_svg(title, [], None) == cover_svg(title, [], None), "the same every time"


def test_a_chinese_title_stays_inside_the_cover() -> None:
    """Probe 22 (a Chinese reading edition): a full-width character is drawn one em wide, but
    the title was wrapped by its count of characters as if they were letters (~0.66 em): ten
    characters of 72 px, a line of 720 px on a cover of 600. Every line now fits the frame,
    no line starts with a comma, and the words are all there."""
    title = "無門關（一六三二年和刻本，国立国会図書館本・編訂讀本）"
    author = "無門慧開 (Wumen Huikai, 1183–1260)"
    svg = etree.fromstring(cover_svg(title, [author], "読本版 二〇二六年", lang="zh-Hant"))
    texts = svg.xpath("//svg:text", namespaces=SVG)
    for text in texts:
        words = text.text or ""
        # a letter is ~0.66 em wide in bold (the title), ~0.5 em in the regular weight
        letter = 0.66 if text.get("font-weight") == "bold" else 0.5
        ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else letter for c in words)
        assert ems * int(text.get("font-size")) <= WIDTH - 60, words
    lines = [t.text or "" for t in texts if t.get("font-weight") == "bold"]
    assert "".join(lines) == title
    assert not any(line.startswith(("，", "）", "。")) for line in lines)


def test_markup_in_the_words_of_a_cover_stays_text() -> None:
    """A title, author or language with XML's special characters (a hostile header) gives a
    well-formed cover that shows them as written."""
    svg = etree.fromstring(
        cover_svg('A <b>"bold"</b> & daring', ["O'Brien & Sons"], "Ed. <1>", lang='en" x="1')
    )
    assert svg.get("{http://www.w3.org/XML/1998/namespace}lang") == 'en" x="1'
    assert svg.get("x") is None
    assert svg.findtext("svg:title", namespaces=SVG) == 'A <b>"bold"</b> & daring'
    texts = "".join(svg.xpath("//svg:text/text()", namespaces=SVG))
    assert "O'Brien & Sons" in texts and "Ed. <1>" in texts


def test_a_pointed_hebrew_title_is_drawn_right_to_left_inside_the_cover() -> None:
    """Probe 46 (a Hebrew play of DraCor, its title with vowel points): the cover's lines
    were anchored at their "end" under direction rtl, which is their left edge, so every line
    ran off the cover to the right; and the points counted as letters, so the title was
    wrapped as if twice as long and a word was cut between a letter and its dagesh."""
    title = "הוי אח! מַשָּׂא חִזָּיוֹן בְּאַרְבָּעָה מַחֲזוֹת"
    svg = etree.fromstring(cover_svg(title, ["יהודה ליב גורדון"], "DraCor", "he", rtl=True))
    assert svg.get("direction") == "rtl"
    texts = svg.xpath("//svg:text", namespaces=SVG)
    group = texts[0].getparent()
    assert group.get("text-anchor") == "start" and texts[0].get("x") == str(WIDTH - 60)
    lines = [t.text or "" for t in texts if t.get("font-weight") == "bold"]
    assert " ".join(lines) == title  # no word cut
    assert all(unicodedata.category(line[0]) != "Mn" for line in lines)
    assert len(lines) <= 4 and int(texts[0].get("font-size")) == 72


def test_a_cover_keeps_words_and_names_whole() -> None:
    """Probe 47 (the covers of the tei-samples at thumbnail size): the largest size broke a
    word it could not hold ("Wienerisch / es Diarium", "Wallenstei / ns Lager") where the next
    size holds it; an author was cut to one line, losing the family name ("Gaspar Melchor
    de…", "Gaskell, Elizabeth…"); and an edition of three lines lost its third without a sign
    ("...Digital Humanities and Cultural"). Three authors under a five-line title ran into
    the edition."""
    for title in ("Wienerisches Diarium", "Wallensteins Lager", "Frankenstein, MS. Abinger C. 56"):
        svg = etree.fromstring(cover_svg(title, [], None))
        lines = [t.text or "" for t in svg.xpath("//svg:text[@font-weight='bold']", namespaces=SVG)]
        assert all(word in title.split() for line in lines for word in line.split()), lines
        assert " ".join(lines) == title
    edition = (
        "Austrian Centre for Digital Humanities and Cultural Heritage, Austrian Academy of Sciences"
    )
    authors = ["Gaspar Melchor de Jovellanos", "Gaskell, Elizabeth Cleghorn"]
    svg = etree.fromstring(cover_svg("A Enarda", authors, edition))
    texts = svg.xpath("//svg:text", namespaces=SVG)
    regular = [t for t in texts if t.get("font-weight") != "bold"]
    names = [t for t in regular if t.get("font-size") == "36"]
    below = [t for t in regular if t.get("font-size") == "28"]
    assert " ".join(t.text or "" for t in names) == " ".join(authors)
    words = " ".join(t.text or "" for t in below)
    assert words.endswith("…") and words.startswith(edition.split(" Austrian Academy")[0])
    # no line runs into the next: the names end above the edition, and all inside the frame
    assert int(names[-1].get("y")) + 10 < int(below[0].get("y")) - 28
    assert all(30 < int(t.get("y")) < HEIGHT - 30 for t in texts)
    many = etree.fromstring(
        cover_svg(
            "A title long enough to take five lines at the largest size", ["A B"] * 4, edition
        )
    )
    ys = [int(t.get("y")) for t in many.xpath("//svg:text[@font-size='36']", namespaces=SVG)]
    top = min(int(t.get("y")) for t in many.xpath("//svg:text[@font-size='28']", namespaces=SVG))
    assert ys and max(ys) + 10 < top - 28
    # under a title of five lines the authors keep their second line before the edition its third
    novel = etree.fromstring(
        cover_svg("Mary Barton: A Tale of Manchester Life", [authors[1]], edition)
    )
    names = novel.xpath("//svg:text[@font-size='36']/text()", namespaces=SVG)
    assert " ".join(names) == authors[1]
    below = novel.xpath("//svg:text[@font-size='28']/text()", namespaces=SVG)
    assert len(below) == 2 and below[-1].endswith("…")


def test_a_cover_keeps_a_date_on_one_line() -> None:
    """Probe 47 (the Bahr letters of the tei-samples): a title ending in a date wrapped between
    its numbers ("Adele / Sandrock / an Hermann / Bahr, 8. / 4. 1894"). A date, or a group of
    numbers, stays on one line where it fits; a list of numbers still breaks after a comma."""

    def lines(title: str) -> list[str]:
        svg = etree.fromstring(cover_svg(title, [], None))
        return [t.text or "" for t in svg.xpath("//svg:text[@font-weight='bold']", namespaces=SVG)]

    assert lines("Adele Sandrock an Hermann Bahr, 8. 4. 1894")[-1] == "8. 4. 1894"
    assert lines("Hermann Bahr an S. Fischer, 20. 3. 1897")[-1] == "20. 3. 1897"
    assert lines("Emerich von Bukovics an Hermann Bahr, 29. [6.?] 1902")[-1] == "29. [6.?] 1902"
    assert lines("Brief vom 1. Juni 1905")[-1] == "1. Juni 1905"
    # a count with its thousands, and the words around a date, wrap as before
    assert lines("Ein Brief von 12,160 Seiten") == ["Ein Brief", "von 12,160", "Seiten"]
    assert lines("Pages 3, 4 and 5 of a letter") == ["Pages 3, 4", "and 5 of a", "letter"]
    # a date no line of the smallest size holds breaks where its words do
    long = "A " + " ".join(["12."] * 12)
    assert " ".join(lines(long)) == long
