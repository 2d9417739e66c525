"""A ``teiCorpus`` published as one text of grouped members (pipeline/tei_corpus.py)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.build import build
from pipeline.gate import TEI_NS, parse_bytes
from pipeline.stages import is_register, is_text
from pipeline.tei_corpus import as_text

T = f'xmlns="{TEI_NS}"'
NS = {"t": TEI_NS}


def _header(title: str, extra: str = "") -> str:
    return (
        f"<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>"
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
        f"</fileDesc>{extra}</teiHeader>"
    )


PARTIC = (
    '<profileDesc><particDesc><listPerson><person xml:id="anne"><persName>Anne Lister'
    "</persName></person></listPerson></particDesc></profileDesc>"
)

CORPUS = f"""<?xml version="1.0" encoding="UTF-8"?>
<teiCorpus {T} xml:lang="en">
{_header("Letters of a summer")}
<TEI xml:id="l1">
{_header("Letter to <persName>Anne</persName>, 1 May", PARTIC)}
<text><body><p>Dear <persName ref="#anne">Anne</persName>, the first letter.</p></body></text>
</TEI>
<TEI xml:id="l2" xml:lang="fr">
{_header("Second letter")}
<text><front><docDate>2 May</docDate></front><body><p>La seconde lettre.</p></body></text>
</TEI>
<teiCorpus>
{_header("A bundle within")}
<TEI>{_header("Third letter")}<text><body><p>The third letter.</p></body></text></TEI>
</teiCorpus>
</teiCorpus>
"""


def _doc(text: str, name: str = "corpus.xml"):  # type: ignore[no-untyped-def]
    result = parse_bytes(text.encode(), Path(name))
    assert result.document is not None, result.diagnostics
    return result.document


def test_members_become_the_texts_of_a_group() -> None:
    document = as_text(_doc(CORPUS))
    root = document.root
    assert root.tag == f"{{{TEI_NS}}}TEI"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.xpath("string(t:teiHeader//t:title)", namespaces=NS) == "Letters of a summer"
    members = root.xpath("t:text/t:group/t:text", namespaces=NS)
    assert [m.get("{http://www.w3.org/XML/1998/namespace}id") for m in members] == [
        "l1",
        "l2",
        None,
    ]
    heads = [
        " ".join(m.xpath("string(t:front/t:div[@type='member']/t:head)", namespaces=NS).split())
        for m in members
    ]
    assert heads == ["Letter to Anne, 1 May", "Second letter", "A bundle within"]
    # markup of a title is kept, and the member's own front follows its heading
    assert members[0].xpath("t:front/t:div/t:head/t:persName", namespaces=NS)
    assert [etree.QName(c).localname for c in members[1].find(f"{{{TEI_NS}}}front")] == [
        "div",
        "docDate",
    ]
    assert members[1].get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    # a nested corpus is a text holding a group of its own members
    assert members[2].xpath("string(t:group/t:text//t:p)", namespaces=NS) == "The third letter."
    # the people a member's header declares stay in the document, for the index
    assert root.xpath("t:standOff/t:listPerson/t:person/@xml:id", namespaces=NS) == ["anne"]
    # elements were moved, so their line numbers are the source's
    paragraph = root.xpath("//t:p[contains(., 'first letter')]", namespaces=NS)[0]
    assert CORPUS.splitlines()[paragraph.sourceline - 1].startswith("<text><body><p>Dear")
    assert is_text(document) and not is_register(document)


def test_a_corpus_of_registers_is_a_register() -> None:
    registers = f"""<teiCorpus {T}>{_header("Registers")}
    <TEI>{_header("Persons")}<standOff><listPerson><person xml:id="a"><persName>A</persName>
    </person></listPerson></standOff></TEI></teiCorpus>"""
    document = as_text(_doc(registers))
    assert is_register(document) and not is_text(document)


def test_a_tei_document_and_an_empty_corpus_are_left_as_they_are() -> None:
    plain = _doc(f"<TEI {T}>{_header('x')}<text><body><p>x</p></body></text></TEI>")
    assert as_text(plain).root is plain.root
    empty = _doc(f"<teiCorpus {T}>{_header('x')}</teiCorpus>")
    assert as_text(empty).root.tag == f"{{{TEI_NS}}}teiCorpus"


def test_a_corpus_file_is_published_with_every_member(tmp_path: Path) -> None:
    sources = tmp_path / "tei"
    sources.mkdir()
    (sources / "summer.xml").write_text(CORPUS, encoding="utf-8")
    out = tmp_path / "site"
    report = build([sources], out)
    assert report.errors == 0, report.sorted()
    assert "build.not-tei" not in {d.code for d in report.diagnostics}
    page = (out / "html" / "summer.html").read_text(encoding="utf-8")
    for words in ("the first letter", "La seconde lettre", "The third letter", "Second letter"):
        assert words in page, words
    with zipfile.ZipFile(out / "epub" / "summer.epub") as book:
        content = " ".join(
            book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")
        )
    assert "La seconde lettre" in content and "The third letter" in content
    # each member is an entry of the book's contents, as of the page's
    with zipfile.ZipFile(out / "epub" / "summer.epub") as book:
        nav = etree.fromstring(book.read("OEBPS/nav.xhtml"))
    entries = [" ".join(a.itertext()) for a in nav.iterfind(".//{*}nav[@id='toc']//{*}a")]
    assert entries[:3] == ["Letter to Anne, 1 May", "Second letter", "A bundle within"]
    entities = json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))
    assert "Anne Lister" in json.dumps(entities, ensure_ascii=False)
    # the download is the file as it was written
    assert (out / "html" / "tei").is_dir()
    downloads = list((out / "html" / "tei").rglob("summer.xml"))
    assert downloads and downloads[0].read_text(encoding="utf-8") == CORPUS


NESTED = f"""<TEI {T} xml:lang="en">{_header("Outer collection")}
<text><body><p>Outer words first.</p></body></text>
<TEI xml:id="t1">{_header("First inner")}<text><body><p>Alpha words here.</p></body></text>
<TEI>{_header("Within the first")}<text><body><p>Gamma words.</p></body></text></TEI></TEI>
<TEI xml:id="t2">{_header("Second inner", PARTIC)}<text><body><p>Beta words, <persName
ref="#anne">Anne</persName>.</p></body></text></TEI>
</TEI>"""


def test_the_documents_a_tei_document_holds_are_texts_after_its_own(tmp_path: Path) -> None:
    """Probe 110: TEI P5 lets a TEI document hold others, after its own text or in its
    place (teiHeader, ((model.resource+, TEI*) | TEI+)); they were never published, without
    a word, and a document holding them alone was "nothing to publish". Its own text comes
    first, then each inner document as a corpus's member, nested ones within."""
    root = as_text(_doc(NESTED)).root
    texts = root.xpath("t:text/t:group/t:text", namespaces=NS)
    assert [" ".join(t.xpath("string((.//t:p)[1])", namespaces=NS).split()) for t in texts] == [
        "Outer words first.",
        "Alpha words here.",
        "Beta words, Anne.",
    ]
    # an inner document holding one more: its own text, then that one, in a group
    inner = texts[1].xpath("t:group/t:text", namespaces=NS)
    assert [t.xpath("string(.//t:p)", namespaces=NS) for t in inner] == [
        "Alpha words here.",
        "Gamma words.",
    ]
    assert root.xpath("string(t:teiHeader//t:title)", namespaces=NS) == "Outer collection"
    assert root.xpath("t:standOff/t:listPerson/t:person/@xml:id", namespaces=NS) == ["anne"]
    sources = tmp_path / "tei"
    sources.mkdir()
    (sources / "outer.xml").write_text(NESTED, encoding="utf-8")
    only = NESTED.replace("<text><body><p>Outer words first.</p></body></text>", "")
    (sources / "only.xml").write_text(only, encoding="utf-8")
    report = build([sources], tmp_path / "site")
    assert report.errors == 0 and report.warnings == 0, report.sorted()
    for stem in ("outer", "only"):
        page = (tmp_path / "site" / "html" / f"{stem}.html").read_text(encoding="utf-8")
        with zipfile.ZipFile(tmp_path / "site" / "epub" / f"{stem}.epub") as book:
            content = " ".join(
                book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")
            )
        for words in ("Alpha words here", "Beta words", "Gamma words", "Second inner"):
            assert words in page and words in content, (stem, words)
        assert ("Outer words first" in page) is (stem == "outer")


def test_a_member_says_whose_and_whence_it_is() -> None:
    """A member's authors and source, which its header alone gave, head its section with its
    title (they were shown nowhere: not on the page, the about page or in the book)."""
    corpus = f"""<teiCorpus {T}>{_header("Collected sermons")}
<TEI><teiHeader><fileDesc><titleStmt><title>On charity</title><author>John Smith</author>
<author><persName>Mary Jones</persName></author></titleStmt><publicationStmt><p>x</p>
</publicationStmt><sourceDesc><bibl><title>Sermons</title>, 1690, pp. 1–20</bibl>
</sourceDesc></fileDesc></teiHeader><text><body><p>Charity.</p></body></text></TEI>
</teiCorpus>"""
    (member,) = as_text(_doc(corpus)).root.xpath("//t:group/t:text", namespaces=NS)
    (opening,) = member.xpath("t:front/t:div[@type='member']", namespaces=NS)
    assert [etree.QName(c).localname for c in opening] == ["head", "byline", "docImprint"]
    # marked as the member's opening, whose title the rest of the text stands under (probe 161)
    assert opening.get("{urn:edition}opening") == "member"
    assert " ".join(opening.xpath("string(t:byline)", namespaces=NS).split()) == (
        "John Smith, Mary Jones"
    )
    assert opening.xpath("t:byline/t:docAuthor/t:persName", namespaces=NS)
    assert opening.xpath("string(t:docImprint)", namespaces=NS) == "Sermons, 1690, pp. 1–20"


def test_a_member_the_corpus_includes_from_the_sources_is_published_once(
    tmp_path: Path,
) -> None:
    """Probe 43 (a collection laid out as its project keeps it: the corpus file in one folder,
    its members in another, taken in by xi:include): each member was published twice, in the
    corpus and as a text of its own, and the index counted its names twice. It is published
    in the corpus alone, said so, and a link to it leads to the corpus's page."""
    sources = tmp_path / "tei"
    for folder in ("corpus", "members", "registers"):
        (sources / folder).mkdir(parents=True)
    for n in (1, 2):
        (sources / f"members/m{n}.xml").write_text(
            f'<TEI {T} xml:id="m{n}">{_header(f"Poem {n}")}<text><body><lg><l>Line {n} by '
            '<persName ref="#anna">Anna</persName></l></lg></body></text></TEI>',
            encoding="utf-8",
        )
    (sources / "corpus/poems.xml").write_text(
        f'<teiCorpus {T} xmlns:xi="http://www.w3.org/2001/XInclude">{_header("The poems")}'
        '<xi:include href="../members/m1.xml"/><xi:include href="../members/m2.xml"/>'
        "</teiCorpus>",
        encoding="utf-8",
    )
    (sources / "corpus/note.xml").write_text(
        f'<TEI {T}>{_header("A note")}<text><body><p>See <ref target="../members/m2.xml#m2">'
        "the second poem</ref>.</p></body></text></TEI>",
        encoding="utf-8",
    )
    (sources / "registers/persons.xml").write_text(
        f'<TEI {T}>{_header("Persons")}<standOff><listPerson><person xml:id="anna">'
        "<persName>Anna Abel</persName></person></listPerson></standOff></TEI>",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    report = build([sources], out, jobs=1)
    assert report.errors == 0, report.sorted()
    assert sorted(p.stem for p in (out / "epub").glob("*.epub")) == ["note", "poems"]
    assert not (out / "html" / "m1.html").exists()
    told = sorted(
        (d.path, d.message) for d in report.diagnostics if d.code == "build.corpus-member"
    )
    assert told == [
        (
            f"{sources}/members/m{n}.xml",
            f"a member of the teiCorpus {sources}/corpus/poems.xml, which includes it:"
            " published within that corpus (poems.html), not as a text of its own",
        )
        for n in (1, 2)
    ]
    assert "build.unresolved-link" not in {d.code for d in report.diagnostics}
    note = etree.parse(str(out / "html" / "note.html"), etree.HTMLParser())
    assert note.xpath("//a[. = 'the second poem']/@href") == ["poems.html#m2"]
    page = (out / "html" / "poems.html").read_text(encoding="utf-8")
    assert "Line 1 by" in page and "Line 2 by" in page
    entities = json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))
    (anna,) = [e for e in entities["entities"] if e["id"] == "anna"]
    assert anna["count"] == 2
