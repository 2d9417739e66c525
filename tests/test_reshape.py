"""Sources of other shapes read as texts by the build (pipeline/reshape.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from pipeline.build import build
from pipeline.gate import TEI_NS, XML_ID, SourceDocument, parse_bytes
from pipeline.records import catalogue_record
from pipeline.reshape import P4_MARK, as_text, why_not
from pipeline.stages import is_text

NS = {"t": TEI_NS}
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt>"
    "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
    "</fileDesc></teiHeader>"
)

NO_NAMESPACE = f"""<?xml version="1.0"?>
<TEI xml:id="plain">{HEADER.format("Written without xmlns")}
<text><body><p>Words of a text <hi rend="italic">without</hi> a namespace.</p>
<figure><svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg></figure></body></text></TEI>
"""

P4 = f"""<?xml version="1.0"?>
<TEI.2 lang="en">{HEADER.format("A P4 text")}
<text><body><div1 type="chapter" id="c1"><head>One</head>
<p id="p1">See <ref target="p2">below</ref>, <ref target="http://example.org/">a site</ref>
and <ref target="p1 p2">both</ref>.</p>
<sp who="hamlet"><speaker>Hamlet</speaker><l>To be</l></sp>
<p id="p2" lang="fr">Second paragraph.</p></div1></body></text></TEI.2>
"""

FACSIMILE = f"""<?xml version="1.0"?>
<TEI xmlns="{TEI_NS}">{HEADER.format("Images of a ledger")}
<facsimile>
  <surface n="1r" xml:id="s1"><graphic url="1r.png"/><desc>Front leaf, stained.</desc></surface>
  <surface n="1v" xml:id="s2"><graphic url="1v.png"/></surface>
  <graphic url="cover.png" n="cover"/>
</facsimile>
</TEI>
"""


def _doc(text: str, name: str = "source.xml") -> SourceDocument:
    result = parse_bytes(text.encode(), Path(name))
    assert result.document is not None, result.diagnostics
    return result.document


def test_a_tei_document_in_no_namespace_is_read_in_the_tei_namespace() -> None:
    document, notes = as_text(_doc(NO_NAMESPACE))
    root = document.root
    assert root.tag == f"{{{TEI_NS}}}TEI" and root.get(XML_ID) == "plain"
    assert root.sourceline == 2
    assert root.xpath("string(//t:hi)", namespaces=NS) == "without"
    # another vocabulary keeps its namespace
    assert (
        root.xpath(
            "count(//*[local-name()='circle'][namespace-uri()='http://www.w3.org/2000/svg'])"
        )
        == 1
    )
    assert is_text(document)
    assert [n.code for n in notes] == ["build.no-namespace"]
    assert notes[0].line == 2 and 'xmlns="http://www.tei-c.org/ns/1.0"' in notes[0].message
    # at the root's "<" (diagnostics probe: the line alone was told)
    assert notes[0].column == 1


def test_a_p4_document_gets_p5_names_ids_languages_and_pointers() -> None:
    document, notes = as_text(_doc(P4))
    root = document.root
    assert root.tag == f"{{{TEI_NS}}}TEI"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.get("lang") is None
    assert root.xpath("//t:div1/@xml:id", namespaces=NS) == ["c1"]
    targets = root.xpath("//t:ref/@target", namespaces=NS)
    # ids become #pointers; a URL and a name that is no id of the document stay as written
    assert targets == ["#p2", "http://example.org/", "#p1 #p2"]
    assert root.xpath("string(//t:sp/@who)", namespaces=NS) == "hamlet"
    assert root.xpath("//t:p[@xml:id='p2']/@xml:lang", namespaces=NS) == ["fr"]
    assert [n.code for n in notes] == ["build.tei-p4"]
    assert "p4top5" in notes[0].message
    # the about page tells a P4 text from a P5 one by this mark of the rewritten root
    assert document.root.get(P4_MARK) == "true"


def test_a_p4_corpus_publishes_its_p4_members() -> None:
    """A teiCorpus.2 of TEI.2 documents (P4's corpus): the root was renamed, its members were
    left "TEI.2", and the build said both that it was published and that it had "no member TEI
    documents: nothing to publish from it"."""
    corpus = (
        f'<?xml version="1.0"?>\n<teiCorpus.2 id="letters">{HEADER.format("Two letters")}'
        f'<TEI.2 id="l1">{HEADER.format("First")}<text><body><p>One.</p></body></text></TEI.2>'
        f'<teiCorpus.2>{HEADER.format("Inner")}<TEI.2 id="l2">{HEADER.format("Second")}'
        '<text><body><p>Two, after <ptr target="l1"/>.</p></body></text></TEI.2>'
        "</teiCorpus.2></teiCorpus.2>"
    )
    document, notes = as_text(_doc(corpus))
    assert [n.code for n in notes] == ["build.tei-p4"]
    assert is_text(document)
    members = document.root.xpath("//t:text/t:group//t:text/@xml:id", namespaces=NS)
    assert members == ["l1", "l2"]
    assert document.root.xpath("string(//t:ptr/@target)", namespaces=NS) == "#l1"
    assert not document.root.xpath("//*[local-name()='TEI.2' or local-name()='teiCorpus.2']")


P4_DICTIONARY = f"""<?xml version="1.0"?>
<TEI.2>{HEADER.format("A P4 glossary")}
<text><body><entry><form><orth>lumen</orth></form>
<trans><tr>light</tr><tr>lamp</tr></trans></entry>
<p>Home: <xptr url="http://example.org/"/>, <xref url="http://example.org/b">b</xref>.</p>
</body></text></TEI.2>
"""


def test_a_p4_dictionary_reads_its_translations_as_p5_does() -> None:
    """Probe 19 (FreeDict's Sanskrit-German and Japanese-German dictionaries, TEI P4): every
    translation (trans, tr) was an unknown element, and the project's home page an xptr whose
    url was shown as an unknown element's text, linking nowhere."""
    document, _ = as_text(_doc(P4_DICTIONARY))
    root = document.root
    assert root.xpath("//t:cit/@type", namespaces=NS) == ["translation"]
    assert root.xpath("//t:cit/t:quote/text()", namespaces=NS) == ["light", "lamp"]
    assert root.xpath("//t:ptr/@target", namespaces=NS) == ["http://example.org/"]
    assert root.xpath("//t:ref/@target", namespaces=NS) == ["http://example.org/b"]
    assert not root.xpath("//t:trans | //t:tr | //t:xptr | //t:xref | //@url", namespaces=NS)


def test_a_facsimile_without_transcription_has_its_surfaces_as_pages() -> None:
    document, notes = as_text(_doc(FACSIMILE))
    root = document.root
    assert notes == ()
    assert root.find(f"{{{TEI_NS}}}facsimile") is None
    pages = root.findall(f"{{{TEI_NS}}}sourceDoc/{{{TEI_NS}}}surface")
    assert [p.get("n") for p in pages] == ["1r", "1v", "cover"]
    assert pages[2].find(f"{{{TEI_NS}}}graphic").get("url") == "cover.png"
    assert is_text(document)


def test_a_document_with_two_texts_publishes_both(tmp_path: Path) -> None:
    """``TEI`` may hold several ``text`` elements (model.resource+): both are published, in a
    group of one text (the second was left out of the page and the book, without a word)."""
    source = tmp_path / "two.xml"
    source.write_text(
        f'<TEI xmlns="{TEI_NS}">{HEADER.format("Two")}\n'
        '<text xml:id="t1"><body><p>First text body.</p></body></text>\n'
        '<text xml:id="t2" xml:lang="fr"><body><p>Second text body.</p></body></text></TEI>',
        encoding="utf-8",
    )
    document, notes = as_text(_doc(source.read_text(), "two.xml"))
    assert notes == ()
    (outer,) = document.root.findall(f"{{{TEI_NS}}}text")
    assert [t.get(XML_ID) for t in outer.findall(f"{{{TEI_NS}}}group/{{{TEI_NS}}}text")] == [
        "t1",
        "t2",
    ]
    report = build([source], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    page = (tmp_path / "out/html/two.html").read_text(encoding="utf-8")
    assert "First text body." in page and "Second text body." in page
    with zipfile.ZipFile(tmp_path / "out/epub/two.epub") as book:
        words = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "First text body." in words and "Second text body." in words


def test_the_photographs_of_a_described_manuscript_follow_its_description(
    tmp_path: Path,
) -> None:
    """Probe 15 (a Genizah record: msDesc and a facsimile of bare graphics): the reading
    page was the pages' headings alone, the description on the about page only. The images
    of pages are no text: the record shows its description, then its pages."""
    source = tmp_path / "record.xml"
    source.write_text(
        FACSIMILE.replace(
            "<sourceDesc><p>x</p></sourceDesc>",
            "<sourceDesc><msDesc><msIdentifier><settlement>Oxford</settlement>"
            "<idno>MS. Test 1</idno></msIdentifier><physDesc><p>Two leaves of vellum.</p>"
            "</physDesc></msDesc></sourceDesc>",
        ),
        encoding="utf-8",
    )
    document, _ = as_text(_doc(source.read_text(), "record.xml"))
    assert catalogue_record(document.root)
    report = build([source], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    page = (tmp_path / "out/html/record.html").read_text(encoding="utf-8")
    assert "Two leaves of vellum." in page
    # in the reading text (the contents before it list the pages by their names)
    text = page[page.index("<main") :]
    assert text.index("Two leaves of vellum.") < text.index("Front leaf, stained.")


def test_an_unfilled_graphic_of_a_record_is_no_page(tmp_path: Path) -> None:
    """Probe 23 (a Bodleian Hebrew record: its description and a template's
    <facsimile><graphic url=""/></facsimile>): the page showed an empty "Page 1" after the
    description. A graphic naming no image is no page; the record is still published."""
    source = tmp_path / "record.xml"
    source.write_text(
        f'<TEI xmlns="{TEI_NS}">'
        + HEADER.format("MS. Test 2").replace(
            "<sourceDesc><p>x</p></sourceDesc>",
            "<sourceDesc><msDesc><msIdentifier><idno>MS. Test 2</idno></msIdentifier>"
            "<physDesc><p>Paper, 166 leaves.</p></physDesc></msDesc></sourceDesc>",
        )
        + '<facsimile><graphic url=""/></facsimile></TEI>',
        encoding="utf-8",
    )
    document, _ = as_text(_doc(source.read_text(), "record.xml"))
    assert document.root.findall(f"{{{TEI_NS}}}sourceDoc/{{{TEI_NS}}}surface") == []
    assert catalogue_record(document.root)
    report = build([source], tmp_path / "out", jobs=1, only=["html"])
    assert report.errors == 0, report.sorted()
    page = (tmp_path / "out/html/record.html").read_text(encoding="utf-8")
    assert "Paper, 166 leaves." in page
    assert "surface-title" not in page and "Page 1" not in page


def test_a_break_typed_in_word_joins_the_word(tmp_path: Path) -> None:
    """Probe 114 (the DDbDP's papyri: <lb n="2" type="inWord"/>, EpiDoc's way before
    @break): the word broken over the line was two in the search, the apparatus and the
    regularised forms ("ἐ πιστολὴν"); it reads as break="no", quietly."""
    text = (
        f'<TEI xmlns="{TEI_NS}">{HEADER.format("Papyrus")}<text><body><ab xml:lang="grc">'
        '<lb n="1"/>σοι ἐ\n<lb n="2" type="inWord"/>πιστολὴν <lb n="3" type="inWord" '
        'break="yes"/>λαλῶ</ab></body></text></TEI>'
    )
    document, notes = as_text(_doc(text))
    breaks = document.root.xpath("//t:lb", namespaces=NS)
    assert [b.get("break") for b in breaks] == [None, "no", "yes"]
    assert notes == ()
    (tmp_path / "t.xml").write_text(text, encoding="utf-8")
    assert build([tmp_path / "t.xml"], tmp_path / "out", only=["html"]).errors == 0
    page = (tmp_path / "out" / "html" / "t.html").read_text(encoding="utf-8")
    # the page joins the halves as for break="no" (a joined line's marker)
    assert page.count("lb-joined") == 1, page


def test_a_facsimile_beside_a_text_is_left_alone() -> None:
    text = FACSIMILE.replace("</facsimile>", "</facsimile><text><body><p>x</p></body></text>")
    document, _ = as_text(_doc(text))
    assert document.root.find(f"{{{TEI_NS}}}facsimile") is not None
    assert document.root.find(f"{{{TEI_NS}}}sourceDoc") is None


def test_why_a_file_is_not_published() -> None:
    def root(text: str) -> etree._Element:
        return etree.fromstring(text.encode())

    assert 'root element "html" (in no namespace)' in why_not(root("<html/>"))
    assert 'in namespace "urn:x"' in why_not(root('<doc xmlns="urn:x"/>'))
    only_header = f'<TEI xmlns="{TEI_NS}">{HEADER.format("x")}</TEI>'
    assert "no text, sourceDoc, facsimile or register lists" in why_not(root(only_header))
    assert "no member" in why_not(root(f'<teiCorpus xmlns="{TEI_NS}"/>'))


def test_a_build_publishes_every_shape_and_says_what_it_did(tmp_path: Path) -> None:
    sources = tmp_path / "tei"
    sources.mkdir()
    for name, text in (("plain", NO_NAMESPACE), ("old", P4), ("ledger", FACSIMILE)):
        (sources / f"{name}.xml").write_text(text, encoding="utf-8")
    (sources / "page.xml").write_text("<html><body/></html>", encoding="utf-8")
    out = tmp_path / "site"
    report = build([sources], out)
    assert report.errors == 0, report.sorted()
    codes = {(Path(d.path).name, d.code) for d in report.diagnostics}
    assert {
        ("plain.xml", "build.no-namespace"),
        ("old.xml", "build.tei-p4"),
        ("page.xml", "build.not-tei"),
    } <= codes
    assert not any(name == "ledger.xml" and code == "build.not-tei" for name, code in codes)
    # each at its root's start tag, line and column (diagnostics probe: no column was told)
    placed = {Path(d.path).name: (d.line, d.column) for d in report.diagnostics
              if d.code in ("build.no-namespace", "build.tei-p4", "build.not-tei")}  # fmt: skip
    assert placed["page.xml"] == (1, 1) and placed["plain.xml"][1] == 1
    assert placed["old.xml"][1] == 1
    html = out / "html"
    assert "a namespace." in (html / "plain.html").read_text(encoding="utf-8")
    old = (html / "old.html").read_text(encoding="utf-8")
    assert 'href="#p2"' in old and 'href="http://example.org/"' in old
    ledger = (html / "ledger.html").read_text(encoding="utf-8")
    assert "Front leaf, stained." in ledger and ledger.count('class="surface"') == 3
    assert not (html / "page.html").exists()
    for name in ("plain", "old", "ledger"):
        with zipfile.ZipFile(out / "epub" / f"{name}.epub") as book:
            assert book.testzip() is None
    # the downloads are the files as written
    assert (html / "tei" / "old.xml").read_text(encoding="utf-8") == P4
    # probe 19: the about page said a P4 file "is encoded in TEI P5"
    about = lxml_html.parse(str(html / "about.html"))
    encodings = {
        section.get("id"): " ".join(p.text_content().split())
        for section in about.xpath("//section[@class='about-text']")
        for p in section.xpath(".//p[contains(., 'The text is encoded')]")
    }
    assert encodings["text-old"].startswith(
        "The text is encoded in TEI P4 XML and published through a conversion to P5."
    )
    assert encodings["text-plain"].startswith("The text is encoded in TEI P5 XML.")


def test_a_part_another_file_includes_is_not_told_it_publishes_nothing(tmp_path: Path) -> None:
    """A file that holds a part of a text (a surface, a division, a declaration) and that a
    text of the build includes (xi:include) is published within it: no build.not-tei for it
    ("nothing to publish" on every part of a facsimile edition); a file no text includes
    still hears it."""
    sources = tmp_path / "tei"
    sources.mkdir()
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
    (sources / "book.xml").write_text(
        f'<TEI xmlns="{TEI_NS}" {xi}>{HEADER.format("Book")}<text><body>'
        '<xi:include href="chapter.xml"/></body></text></TEI>',
        encoding="utf-8",
    )
    (sources / "chapter.xml").write_text(
        f'<div xmlns="{TEI_NS}"><p>The chapter.</p></div>', encoding="utf-8"
    )
    (sources / "stray.xml").write_text(f'<div xmlns="{TEI_NS}"><p>x</p></div>', encoding="utf-8")
    report = build([sources], tmp_path / "site", only=["html"])
    assert report.errors == 0, report.sorted()
    told = sorted(Path(d.path).name for d in report.diagnostics if d.code == "build.not-tei")
    assert told == ["stray.xml"]
    assert "The chapter." in (tmp_path / "site" / "html" / "book.html").read_text(encoding="utf-8")


def test_why_a_file_with_an_empty_source_doc_is_not_published() -> None:
    """Probe 29: a header with a bibliography and an empty sourceDoc is no text; the warning
    says that its sourceDoc holds nothing, not that it has none."""
    text = f'<TEI xmlns="{TEI_NS}">{HEADER.format("x")}<sourceDoc><addSpan/></sourceDoc></TEI>'
    reason = why_not(etree.fromstring(text.encode()))
    assert "whose sourceDoc holds no transcription" in reason


def test_a_p4_text_with_div0_has_its_divisions_as_p5_writes_them() -> None:
    """Probe 133 (an Old Bailey sessions paper): P4's div0 was an unknown element to the
    build, and the book's contents had none of the trials in it. P5 has no level above
    div1: the text's numbered divisions are div, their levels their nesting; a text
    without div0 keeps its div1, div2."""
    p4 = P4.replace(
        '<body><div1 type="chapter" id="c1">',
        '<body><div0 type="sessionsPaper" id="s"><div1 id="c1">',
    ).replace("</div1></body>", '<div2 id="c2"><p>Third.</p></div2></div1></div0></body>')
    document, _ = as_text(_doc(p4))
    found = document.root.xpath("//*[starts-with(local-name(), 'div')]")
    assert [(etree.QName(e).localname, e.get(XML_ID)) for e in found] == [
        ("div", "s"), ("div", "c1"), ("div", "c2"),
    ]  # fmt: skip
    plain, _ = as_text(_doc(P4))
    assert plain.root.find(f".//{{{TEI_NS}}}div1") is not None


def test_a_text_of_millions_of_elements_is_read() -> None:
    """Probe 166: a text of 3.5 million elements (a novel tokenised word by word) was left
    out of the build as an internal error, as libxml2's XPath gives up past ten million
    nodes and the search for an xml:base was one (probe 66 found the same of the ids)."""
    words = "<hi>w</hi> " * 3_500_000
    document, notes = as_text(
        _doc(
            f'<TEI xmlns="{TEI_NS}">{HEADER.format("Big")}<text><body><p>{words}'
            '<ref target="b.xml">b</ref></p></body></text></TEI>'
        )
    )
    assert notes == ()
    assert len(document.root.find(f"{{{TEI_NS}}}text")[0][0]) == 3_500_001
