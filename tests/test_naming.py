"""The names texts are published under when file names repeat (pipeline/naming.py)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from lxml import html

from pipeline.build import build
from pipeline.naming import (
    LONGEST,
    SITE_PAGES,
    download_name,
    is_device,
    renamed,
    text_names,
    web_name,
)


def test_a_stem_of_its_own_is_the_name() -> None:
    paths = [Path("/c/a.xml"), Path("/c/sub/b.xml")]
    assert text_names(paths) == {Path("/c/a.xml"): "a", Path("/c/sub/b.xml"): "b"}
    assert renamed(paths) == {}


def test_shared_stems_are_named_by_their_folders() -> None:
    paths = [
        Path("/c/letters/1840/001.xml"),
        Path("/c/letters/1841/001.xml"),
        Path("/c/intro.xml"),
        Path("/c/vol/intro.xml"),
    ]
    names = text_names(paths)
    assert names[Path("/c/letters/1840/001.xml")] == "1840-001"
    assert names[Path("/c/letters/1841/001.xml")] == "1841-001"
    # the file in the common folder keeps its stem; the other is named by its folder
    assert names[Path("/c/intro.xml")] == "intro"
    assert names[Path("/c/vol/intro.xml")] == "vol-intro"
    found = renamed(paths)
    assert set(found) == {
        Path("/c/letters/1840/001.xml"),
        Path("/c/letters/1841/001.xml"),
        Path("/c/vol/intro.xml"),
    }
    name, warning = found[Path("/c/vol/intro.xml")]
    assert name == "vol-intro" and warning.code == "build.renamed-text"
    assert "/c/intro.xml" in warning.message and "vol-intro.html" in warning.message


def test_names_are_unique_without_case_and_do_not_depend_on_order() -> None:
    paths = [
        Path("/c/A.xml"),
        Path("/c/a.xml"),
        Path("/c/x/a.xml"),
        Path("/c/x-a.xml"),  # the name the third would take
    ]
    expected = text_names(paths)
    for _ in range(5):
        shuffled = paths[:]
        random.shuffle(shuffled)
        assert text_names(shuffled) == expected
    assert len({n.casefold() for n in expected.values()}) == len(paths)
    assert expected[Path("/c/x-a.xml")] == "x-a"  # a stem of its own is never taken away


def _letter(title: str, words: str, person: str = "") -> str:
    mention = f' <persName ref="#{person}">{person}</persName>' if person else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
    <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
  </teiHeader>
  <text><body><p>{words}{mention}.</p></body></text>
</TEI>
"""


REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>
    <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
  </teiHeader>
  <standOff><listPerson><person xml:id="anne"><persName>Anne Lister</persName></person>
  </listPerson></standOff>
</TEI>
"""


def test_a_text_never_takes_a_page_of_the_site() -> None:
    paths = [Path("/c/index.xml"), Path("/c/Timeline.xml"), Path("/c/index-text.xml")]
    names = text_names(paths)
    assert names == {
        Path("/c/index.xml"): "index-text-2",
        Path("/c/Timeline.xml"): "Timeline-text",
        Path("/c/index-text.xml"): "index-text",
    }
    warnings = renamed(paths)
    assert set(warnings) == {Path("/c/index.xml"), Path("/c/Timeline.xml")}
    assert "the edition's own page index.html" in warnings[Path("/c/index.xml")][1].message
    assert "timeline.html" in warnings[Path("/c/Timeline.xml")][1].message


def test_the_site_pages_are_all_reserved(tmp_path: Path) -> None:
    """Every page the build writes beside the texts' is a name no text is given."""
    from pipeline.builders import index as index_builder
    from pipeline.builders import places_map
    from pipeline.builders.guide import GUIDE_PAGE

    written = {
        "index.html", "about.html", "search.html", GUIDE_PAGE, places_map.PAGE,
        index_builder.OTHER_PAGE, index_builder.TIMELINE_PAGE, index_builder.SUBJECTS_PAGE,
        *index_builder.PAGE_OF_TYPE.values(),
    }  # fmt: skip
    assert {name.removesuffix(".html") for name in written} <= SITE_PAGES
    # and a build writes no other page than those and the texts' own
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "a.xml").write_text(_letter("A", "Words", "anne"), encoding="utf-8")
    (tei / "persons.xml").write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "site"
    guide = tmp_path / "guide.md"
    guide.write_text("# How we encode\n\nNames are tagged.\n", encoding="utf-8")
    report = build([tei], out, guide=guide)
    assert report.errors == 0, report.sorted()
    pages = {p.stem for p in (out / "html").glob("*.html")}
    assert pages - {"a"} <= SITE_PAGES, pages - {"a"} - SITE_PAGES


def test_texts_named_like_the_sites_pages_are_all_published(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    tei.mkdir()
    for stem in ("index", "about", "search", "Places", "timeline"):
        (tei / f"{stem}.xml").write_text(
            _letter(f"The {stem} letter", f"Words of {stem}", "anne"), encoding="utf-8"
        )
    (tei / "persons.xml").write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "site"
    report = build([tei], out)
    assert report.errors == 0, report.sorted()
    renames = sorted(d.path for d in report.diagnostics if d.code == "build.renamed-text")
    assert len(renames) == 5
    site = out / "html"
    for stem in ("index", "about", "search", "Places", "timeline"):
        page = (site / f"{stem}-text.html").read_text(encoding="utf-8")
        assert f"Words of {stem}" in page
        assert (out / "epub" / f"{stem}-text.epub").is_file()
    home = html.parse(str(site / "index.html"))
    assert home.findtext(".//title") != "The index letter"
    assert {f"{s}-text.html" for s in ("index", "about", "search", "Places", "timeline")} <= set(
        home.xpath("//a/@href")
    )
    # no register lists a place: no places page (since probe 58), and the text "Places" did
    # not take its name (it is Places-text.html, above)
    assert not (site / "places.html").exists()


def test_a_corpus_with_repeated_file_names_publishes_every_text(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    for folder, words in (("1840", "The first year"), ("1841", "The second year")):
        (tei / folder).mkdir(parents=True)
        (tei / folder / "001.xml").write_text(
            _letter(f"Letter {folder}", words, "anne"), encoding="utf-8"
        )
    (tei / "persons.xml").write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "site"
    report = build([tei], out)
    assert report.errors == 0, report.sorted()
    renames = sorted(d.path for d in report.diagnostics if d.code == "build.renamed-text")
    assert len(renames) == 2 and all(p.endswith("001.xml") for p in renames)
    site = out / "html"
    assert "The first year" in (site / "1840-001.html").read_text(encoding="utf-8")
    assert "The second year" in (site / "1841-001.html").read_text(encoding="utf-8")
    assert not (site / "001.html").exists()
    assert (out / "epub" / "1840-001.epub").is_file() and (out / "epub" / "1841-001.epub").is_file()
    home = html.parse(str(site / "index.html"))
    links = set(home.xpath("//a/@href"))
    assert {"1840-001.html", "1841-001.html"} <= links
    # the index sends each mention to its own text's page
    entities = json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))
    hrefs = json.dumps(entities)
    assert "1840-001.html#" in hrefs and "1841-001.html#" in hrefs
    # the citation files and the TEI downloads are each text's own
    assert (site / "cite" / "1840-001.bib").is_file() and (site / "cite" / "1841-001.bib").is_file()
    assert (site / "tei" / "1840" / "001.xml").is_file()
    # a second build (incremental) publishes the same
    before = (site / "1841-001.html").read_bytes()
    again = build([tei], out)
    assert again.errors == 0
    assert (site / "1841-001.html").read_bytes() == before


def test_names_a_web_address_can_carry() -> None:
    assert web_name("Letter 12 (draft)") == "Letter-12-draft"
    assert web_name("Brief #3") == "Brief-3"
    assert web_name("what?") == "what"
    assert web_name("100%") == "100"
    assert web_name("Ünïcödé") == "Ünïcödé"
    assert web_name("U\u0308ber") == "Über"  # decomposed letters are composed first
    assert web_name("رسالة ١") == "رسالة-١"
    # Windows' device names, whatever follows their first dot, are no file's (probe 76)
    assert download_name("aux.xml").startswith("aux-") and not is_device(download_name("aux.xml"))
    assert download_name("com1.notes.xml").startswith("com1-")
    assert download_name("com1.notes.xml").endswith(".notes.xml")
    assert download_name("auxiliary.xml") == "auxiliary.xml"
    names = text_names([Path("/c/aux.xml"), Path("/c/NUL.xml"), Path("/c/lpt1.a.xml")])
    assert sorted(names.values()) == ["NUL-text", "aux-text", "lpt1-text.a"]
    assert not any(is_device(n) for n in names.values())
    # the letters of every script with their combining marks and joiners, which Python's
    # \w leaves out (probe 76: "हिन्दी" was "ह-न-द", a download "ह-न-द-afe33c.xml")
    for name in ("हिन्दी", "ภาษาไทย", "שָׁלוֹם", "كَتَبَ", "نامه\u200cها"):
        assert web_name(name) == name
        assert download_name(name + ".xml") == name + ".xml"
    assert web_name("###") == "text"
    assert web_name(".hidden") == "hidden"
    # a download keeps its own name when it can, else a digest tells two names apart
    assert download_name("letter-1.xml") == "letter-1.xml"
    assert download_name("Brief #3.xml").startswith("Brief-3-")
    assert download_name("Brief #3.xml") != download_name("Brief ?3.xml")
    assert download_name("my letters") != download_name("my-letters")


def test_odd_file_names_give_pages_and_downloads_that_links_reach(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    tei.mkdir()
    names = ["Brief #3", "what?", "100%", "Letter 12 (draft)", "Brief-3"]
    for i, name in enumerate(names):
        (tei / f"{name}.xml").write_text(_letter(f"Title {i}", f"Words{i}", "anne"), "utf-8")
    (tei / "persons.xml").write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "site"
    report = build([tei], out)
    assert report.errors == 0, report.sorted()
    site = out / "html"
    home = html.parse(str(site / "index.html"))
    for i in range(len(names)):
        # every text's page is linked by its title, and the link names a file that is there
        links = home.xpath(f"//a[normalize-space() = 'Title {i}']/@href")
        hrefs = {h for h in links if h.endswith(".html")}
        assert len(hrefs) == 1, hrefs
        (href,) = hrefs
        assert not set(href) & set("#?% "), href
        assert f"Words{i}" in (site / href).read_text(encoding="utf-8")
    downloads = [h for h in home.xpath("//a/@href") if h.startswith("tei/") and h != "tei/"]
    texts = [h for h in downloads if not h.endswith(("persons.xml", ".zip"))]
    assert len(texts) == len(names) and all((site / h).is_file() for h in texts)
    renamed_files = {
        Path(d.path).stem for d in report.diagnostics if d.code == "build.renamed-text"
    }
    assert renamed_files == {"Brief #3", "what?", "100%", "Letter 12 (draft)"}


def test_the_downloads_point_at_each_others_new_names(tmp_path: Path) -> None:
    """Probe 76: a download renamed for the web (`Orte Liste.xml` -> `Orte-Liste-<digest>.xml`)
    kept the other files' pointers to its old name, so the zip's files, unpacked, checked with
    dangling references. The pointers are written to the new names in the downloads (and only
    there: the sources are never touched); the rest of the file is the source's bytes."""
    import zipfile

    from pipeline.check import CheckOptions, check

    tei = tmp_path / "tei"
    (tei / "texts").mkdir(parents=True)
    (tei / "registers").mkdir()
    register = REGISTER.replace("<title>Persons</title>", "<title>Persons list</title>")
    (tei / "registers" / "Person Liste.xml").write_text(register, encoding="utf-8")
    letter = _letter("A", "Words").replace(
        "<p>Words.</p>",
        '<p>Words <persName ref="../registers/Person%20Liste.xml#anne">Anne</persName>, '
        '<ref target="b%231.xml#x">the other</ref>, <ref target="https://e.org/a%20b.xml">web'
        "</ref>.</p>",
    )
    source = tei / "texts" / "a.xml"
    source.write_text(letter, encoding="utf-8")
    (tei / "texts" / "b#1.xml").write_text(
        _letter("B", "Other").replace("<p>Other", '<p xml:id="x">Other'), encoding="utf-8"
    )
    before = source.read_bytes()
    report = build([tei], tmp_path / "site", only=["html"], jobs=1)
    assert report.errors == 0, report.sorted()
    assert source.read_bytes() == before
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(tmp_path / "site/html/tei/edition-tei.zip") as archive:
        archive.extractall(unpacked)
        names = sorted(archive.namelist())
    register_name = next(n for n in names if n.startswith("tei/registers/Person-Liste-"))
    other_name = next(n for n in names if n.startswith("tei/texts/b-1-"))
    copy = (unpacked / "tei/texts/a.xml").read_text(encoding="utf-8")
    assert f'ref="../registers/{Path(register_name).name}#anne"' in copy
    assert f'target="{Path(other_name).name}#x"' in copy
    assert 'target="https://e.org/a%20b.xml"' in copy  # an address elsewhere stays
    assert copy.replace(Path(register_name).name, "Person%20Liste.xml").replace(
        Path(other_name).name, "b%231.xml"
    ) == before.decode("utf-8")
    assert (tmp_path / "site/html/tei/texts/a.xml").read_text(encoding="utf-8") == copy
    checked = check([unpacked / "tei"], CheckOptions(checks=("refs",)))
    assert [
        d
        for d in checked.sorted()
        if d.code.startswith("refs.")
        and d.severity.value != "info"
        and d.code != "refs.unused-entry"
    ] == []


def test_downloads_differing_in_case_alone_are_told_apart(tmp_path: Path) -> None:
    """Probe 76: `Letter.xml` and `letter.xml` were two downloads, and two members of the zip,
    that a file system which does not tell case makes one (their pages were told apart).
    The second in code point order has a digest; each page links its own."""
    import zipfile

    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "Letter.xml").write_text(_letter("Upper", "Capital"), encoding="utf-8")
    (tei / "letter.xml").write_text(
        _letter("Lower", "Small").replace("<p>Small", '<p>Small <ref target="Letter.xml">up</ref>'),
        encoding="utf-8",
    )
    report = build([tei], tmp_path / "site", only=["html"], jobs=1)
    assert report.errors == 0, report.sorted()
    with zipfile.ZipFile(tmp_path / "site/html/tei/edition-tei.zip") as archive:
        members = [n for n in archive.namelist() if n.endswith(".xml")]
    assert len({m.casefold() for m in members}) == len(members) == 2
    assert "tei/Letter.xml" in members
    for title, words in (("Upper", "Capital"), ("Lower", "Small")):
        home = html.parse(str(tmp_path / "site/html/index.html"))
        links = home.xpath(f"//a[normalize-space() = '{title}']/@href")
        (page,) = {h for h in links if h.endswith(".html")}
        shown = html.parse(str(tmp_path / "site/html" / page)).xpath("//a/@href")
        downloads = [h for h in shown if h.startswith("tei/") and h.endswith(".xml")]
        assert len(set(downloads)) == 1, downloads
        assert words in (tmp_path / "site/html" / downloads[0]).read_text(encoding="utf-8")


def test_a_renamed_text_whose_header_repeats_an_id(tmp_path: Path) -> None:
    """The header record of a renamed text is read again to be renamed: ids the header
    repeats (an invalid file, which the build still publishes) must not stop it (found by
    tests/fuzz.py)."""
    tei = tmp_path / "tei"
    tei.mkdir()
    text = _letter("Twice", "Words").replace(
        "<publicationStmt>",
        '<editor xml:id="ed1">A</editor><editor xml:id="ed1">B</editor><publicationStmt>',
    )
    (tei / "a+b.xml").write_text(text, encoding="utf-8")
    report = build([tei], tmp_path / "site")
    assert report.errors == 0, report.sorted()
    assert (tmp_path / "site" / "html" / "a-b.html").is_file()


def test_file_names_near_the_file_systems_limit_are_published(tmp_path: Path) -> None:
    # a file of a 251-byte name failed the whole build: its citation file `cite/NAME.json`
    # was a name of 256 bytes (env.name-too-long), and nothing was published
    tei = tmp_path / "tei"
    tei.mkdir()
    stems = ["x" * 251, "x" * 240 + "y" * 11, "é" * 125, "short"]
    for i, stem in enumerate(stems):
        (tei / f"{stem}.xml").write_text(_letter(f"Title {i}", f"Words{i}", "anne"), "utf-8")
    (tei / "persons.xml").write_text(REGISTER, encoding="utf-8")
    out = tmp_path / "site"
    report = build([tei], out)
    assert report.errors == 0, report.sorted()
    names = text_names([tei / f"{stem}.xml" for stem in stems])
    assert len(set(names.values())) == len(stems)
    assert all(len(name.encode()) <= LONGEST for name in names.values())
    assert names[tei / "short.xml"] == "short"
    home = html.parse(str(out / "html" / "index.html"))
    for i, stem in enumerate(stems):
        name = names[tei / f"{stem}.xml"]
        links = home.xpath(f"//a[normalize-space() = 'Title {i}']/@href")
        (href,) = {h for h in links if h.endswith(".html")}
        assert href == f"{name}.html"
        assert f"Words{i}" in (out / "html" / href).read_text(encoding="utf-8")
        assert (out / "epub" / f"{name}.epub").is_file()
    warned = {Path(d.path).stem: d.message for d in report.diagnostics
              if d.code == "build.renamed-text"}  # fmt: skip
    assert set(warned) == {"x" * 251, "x" * 240 + "y" * 11, "é" * 125}
    assert f"longer than the {LONGEST} bytes" in warned["x" * 251]
    downloads = {h for h in home.xpath("//a/@href") if h.startswith("tei/") and h != "tei/"}
    assert all((out / "html" / h).is_file() for h in downloads)
    assert all(len(Path(h).name.encode()) <= 255 for h in downloads)


def test_two_names_in_two_unicode_forms_are_told_apart(tmp_path: Path) -> None:
    # `Brief_é.xml` composed and decomposed: the warning named the other file by what
    # looked like the same name, and said nothing of how the two differ
    composed, decomposed = tmp_path / "Brief_\u00e9.xml", tmp_path / "Brief_e\u0301.xml"
    found = renamed([composed, decomposed, tmp_path / "Case.xml", tmp_path / "case.xml"])
    assert sorted(name for name, _ in found.values()) == ["Brief_\u00e9-2", "case-2"]
    unicode_told = [d.message for _, d in found.values() if "Unicode" in d.message]
    assert len(unicode_told) == 1 and "NFC and NFD" in unicode_told[0]
