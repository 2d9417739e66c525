"""Stable locators (pipeline/locators.py) and long texts on several pages
(pipeline/builders/parts.py, xslt/html/modules/parts.xsl): issue 11 items 1, 7 and 10.

The anchor-stability test edits a text as an editor does (one paragraph, the header, one other
division), rebuilds, and proves that no anchor outside the edited divisions changed: every id
of the reading pages still names the same words, and every link of the index exports is the
same."""

from __future__ import annotations

import csv
import functools
import http.server
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ELTEC, ROOT
from lxml import etree, html

from pipeline.build import build
from pipeline.builders.parts import part_separator, split_output, without_dead_links
from pipeline.locators import locators, token

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI_NS}}}"
EDITION_TEXT = ROOT / "tei" / "texts" / "belgium-1944.xml"
NOVEL = ELTEC / "ENG18400_Trollope.xml"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _tree(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode("utf-8"))


# -- the rules, on small documents ----------------------------------------------------------


def _ids(xml: str) -> list[str]:
    return locators(_tree(f'<TEI xmlns="{TEI_NS}">{xml}</TEI>'))


def test_locators_follow_the_structure_not_the_document() -> None:
    ids = _ids(
        "<teiHeader><fileDesc><p>h</p></fileDesc></teiHeader>"
        "<text><body><div><p>a</p><p>b <persName>X</persName></p></div>"
        '<div n="II"><pb n="7"/><p>c</p><lg><l n="1.1.35">v</l></lg></div></body></text>'
    )
    assert ids == [
        "hdr-p-1",
        "div-1",
        "div-1-p-1",
        "div-1-p-2",
        "div-1-p-2-m1",
        "div-II",
        "p-7",
        "div-II-p-1",
        "div-II-lg-1",
        "l-1.1.35",
    ]


def test_an_index_entry_is_counted_apart_from_the_names_of_its_block() -> None:
    """An index entry (TEI 3.9.2) gets an anchor for the subject index where it stands,
    counted apart from the names, so that a name keeps its id when an entry is added; its
    sub-entries (an index inside it) are at its place and get none. An entry of the header
    is no place in the text."""
    plain = _ids(
        "<text><body><p>a <persName>X</persName> b <persName>Y</persName></p></body></text>"
    )
    indexed = _ids(
        "<teiHeader><fileDesc><index><term>h</term></index></fileDesc></teiHeader>"
        "<text><body><p>a <index><term>t</term><index><term>s</term></index></index>"
        "<persName>X</persName> b <index indexName='n'><term>u</term></index>"
        "<persName>Y</persName></p></body></text>"
    )
    assert plain == ["body-p-1", "body-p-1-m1", "body-p-1-m2"]
    assert indexed == ["body-p-1", "body-p-1-ix1", "body-p-1-m1", "body-p-1-ix2", "body-p-1-m2"]


_DESCRIPTION = (
    "<teiHeader><fileDesc><sourceDesc><msDesc><msContents><msItem><author>"
    "<persName>A</persName></author></msItem></msContents><history><provenance>"
    '<p>Owned by <persName role="fmo">B</persName> in <placeName>C</placeName>, '
    '<date when="1600">1600</date>.</p></provenance></history><additional><listBibl>'
    "<bibl><persName>D</persName></bibl></listBibl></additional></msDesc></sourceDesc>"
    "</fileDesc></teiHeader>"
)


def test_the_names_of_a_catalogue_records_description_are_counted_where_they_stand() -> None:
    """A catalogue record's page is its description: its names get locators as a text's do,
    by the block they stand in (else among the header's names outside blocks), and so do
    its dates (on the timeline); a cited work's name (bibl) does not count. A text with
    words of its own shows its manuscript's description beside them, and counts its names
    alike (probe 65), each id the same, the text's own unchanged."""
    record = _ids(_DESCRIPTION + "<text><body><p/></body></text>")
    bibliography = ["hdr-listBibl-1", "hdr-listBibl-1-bibl-1"]
    names = ["hdr-m1", "hdr-p-1", "hdr-p-1-m1", "hdr-p-1-m2", "hdr-p-1-m3"]
    assert record == [*names, *bibliography, "body-p-1"]
    text = _ids(_DESCRIPTION + "<text><body><p>Words.</p></body></text>")
    assert text == [*names, *bibliography, "body-p-1"]


def test_the_names_of_a_note_the_standoff_keeps_are_counted_in_the_note() -> None:
    """Task 38: the names and dates of a listAnnotation note, which the page shows after the
    text, are mentions: counted in the note they stand in (its own id, else its place in the
    standOff), so that a name added to the text changes none of them, nor they the text's.
    A name of the standOff outside such a note (a register entry's) is not counted."""
    standoff = (
        "<standOff><listPerson><person xml:id='p1'><persName>A</persName></person></listPerson>"
        "<listAnnotation><note xml:id='n1'>By <persName>B</persName> on <date>1850</date>"
        "<note>inner <placeName>C</placeName></note></note>"
        "<note><p>About <rs>D</rs></p></note><note/></listAnnotation></standOff>"
    )
    # a note is counted among the standOff's notes whether it has an id of its own or not
    notes = ["n1-m1", "n1-m2", "n1-note-1", "n1-note-1-m1", "standOff-note-2",
             "standOff-note-2-p-1", "standOff-note-2-p-1-m1", "standOff-note-3"]  # fmt: skip
    one = _ids(f"<text><body><p>x</p></body></text>{standoff}")
    assert one == ["body-p-1", "", "", *notes]
    two = _ids(f"<text><body><p>x <persName>E</persName></p></body></text>{standoff}")
    assert two == ["body-p-1", "body-p-1-m1", "", "", *notes]


def test_own_ids_are_kept_and_repeats_get_a_suffix() -> None:
    ids = _ids(
        '<text><body><div xml:id="intro"><p>a</p></div><div><pb n="3"/><pb n="3"/><pb/>'
        '<p xml:id="div-2-p-1">taken</p><p>b</p></div><div n="x"/><div n="x"/></body></text>'
    )
    # "" keeps the element's own id; a generated id an xml:id has already gets -g
    assert ids == ["", "intro-p-1", "div-2", "p-3", "p-3-2", "div-2-pb-1", "", "div-2-p-2",
                   "div-3", "div-4"]  # fmt: skip


def test_a_numbered_division_keeps_its_number_beside_an_unnumbered_one() -> None:
    """An unnumbered prologue before <div n="1">: the act is div-1, the prologue's position
    is marked as one (it took div-1 and the act was renamed div-1-2)."""
    ids = _ids(
        '<text><body><div type="prologue"><p>a</p></div><div n="1"><p>b</p></div>'
        "<div><p>c</p></div></body></text>"
    )
    assert ids == ["div-pos1", "div-pos1-p-1", "div-1", "div-1-p-1", "div-3", "div-3-p-1"]


def test_a_page_without_number_is_counted_where_it_stands() -> None:
    """A page break added in chapter one leaves chapter two's unnumbered pages as they were."""
    one = "<div><p>a<pb/>b</p></div><div><p>c<pb/>d</p></div>"
    two = "<div><p>a<pb/>b<pb/></p></div><div><p>c<pb/>d</p></div>"
    first = _ids(f"<text><body>{one}</body></text>")
    second = _ids(f"<text><body>{two}</body></text>")
    assert first == ["div-1", "div-1-p-1", "div-1-p-1-pb-1", "div-2", "div-2-p-1",
                     "div-2-p-1-pb-1"]  # fmt: skip
    assert second[-1] == first[-1]


_LINES = (
    "<div><lg><l>a</l><l n='2'>b <persName>X</persName></l><l>c <persName>Y</persName></l>"
    "</lg><lg><l>d</l><l n='5'>e</l><l n='5'>f</l></lg></div>"
    "<div><sp><speaker>A</speaker><l>g</l><l n='5'>h</l><l xml:id='own'>i</l><l>j</l></sp>"
    "<p>k</p></div>"
)


def test_the_lines_of_an_anthologys_poems_are_numbered_within_each_poem() -> None:
    """Probe 58: the lines of a group's texts were l-<n> only when no other poem of the file
    numbered a line so: renumbering Macbeth's line 14 turned Rossetti's
    "rossetti-div-1-lg-4-l-14" into "l-14". Each text of a group numbers its own lines,
    under its id."""

    def anthology(macbeth: str) -> list[str]:
        ids = _ids(
            '<text><group><text xml:id="rossetti"><body><lg><l n="1">Does</l><l n="14">Of'
            '</l></lg></body></text><text xml:id="macbeth"><body><sp><l n="'
            + macbeth
            + '">I have done</l><l n="15">the deed</l></sp></body></text></group></text>'
        )
        return [i for i in ids if "-l-" in i]

    assert anthology("14") == ["rossetti-l-1", "rossetti-l-14", "macbeth-l-14", "macbeth-l-15"]
    assert anthology("99") == ["rossetti-l-1", "rossetti-l-14", "macbeth-l-99", "macbeth-l-15"]


def test_a_split_line_is_anchored_at_its_initial_part() -> None:
    """Probe 67: the parts of a line shared by speeches carry its number each, and so none
    was l-<n>. The initial part is the line's anchor; the later parts are scoped."""
    ids = _ids(
        '<text><body><div><sp><l n="3">x</l><l n="4" part="I">a</l></sp><sp><l n="4" '
        'part="M">b</l></sp><sp><l n="4" part="F">c</l><l n="5">d</l></sp></div></body></text>'
    )
    assert [i for i in ids if "l-" in i] == [
        "l-3", "l-4", "div-1-sp-2-l-4", "div-1-sp-3-l-4", "l-5",
    ]  # fmt: skip


def test_the_lines_of_a_collections_poems_are_numbered_within_each_poem() -> None:
    """Probes 67 and 69: a collection's poems (line groups with ids of their own, holding
    stanzas or typed a poem) each number their lines; counted in the whole document, the
    sonnet's lines 1-8, numbered in another poem too, were scoped and 9-14 were l-<n>, until
    a poem added elsewhere numbered a line 10. Each poem's lines are read in it, under its
    id, whatever the others number, and whether it is the only poem or not; a titled stanza
    with an id is no poem; a play's song numbers its lines apart from the play's."""

    def collection(added: str) -> list[str]:
        ids = _ids(
            f'<text><body>{added}<lg xml:id="ode" type="poem"><lg><l n="1">a</l><l n="2">b</l>'
            '</lg></lg><lg xml:id="sonnet" type="sonnet"><l n="1">c</l><l n="10">d</l></lg>'
            "</body></text>"
        )
        return [i for i in ids if "-l-" in i or i.startswith("l-")]

    assert collection("") == ["ode-l-1", "ode-l-2", "sonnet-l-1", "sonnet-l-10"]
    added = '<lg xml:id="new" type="poem"><l n="10">e</l></lg>'
    assert collection(added) == ["new-l-10", "ode-l-1", "ode-l-2", "sonnet-l-1", "sonnet-l-10"]
    alone = _ids('<text><body><lg xml:id="ode" type="poem"><l n="1">a</l></lg></body></text>')
    assert [i for i in alone if "l-" in i] == ["ode-l-1"]
    stanzas = _ids(
        '<text><body><lg xml:id="st1"><l n="1">a</l></lg><lg xml:id="st2"><l n="2">b</l></lg>'
        "</body></text>"
    )
    assert [i for i in stanzas if "l-" in i] == ["l-1", "l-2"]
    play = _ids(
        '<text><body><div><sp><l n="1" part="I">a</l></sp><sp><l n="1" part="F">b</l>'
        '<lg type="song"><l n="1">la</l><l n="2">la</l></lg></sp><sp><l n="2">c</l></sp>'
        "</div></body></text>"
    )
    assert [i for i in play if "l-" in i] == [
        "l-1", "div-1-sp-2-l-1", "div-1-sp-2-lg-1-l-1", "div-1-sp-2-lg-1-l-2", "l-2",
    ]  # fmt: skip


def test_every_line_has_a_locator_numbered_or_not() -> None:
    """Issue 11 item 1: a verse or drama line is l-<@n>; a line without @n, in a poem or a
    speech, is its position among the lines of its line group or speech (numbered ones
    counted too); an @n another line has too is scoped as well (l-5 in the second stanza
    and in the speech). An unnumbered line opens no scope: the name in it keeps the id it
    had in its line group before lines without @n had ids (div-1-lg-1-m1)."""
    ids = _ids(f"<text><body>{_LINES}</body></text>")
    assert ids == [
        "div-1", "div-1-lg-1", "div-1-lg-1-l1", "l-2", "l-2-m1", "div-1-lg-1-l3",
        "div-1-lg-1-m1", "div-1-lg-2", "div-1-lg-2-l1", "div-1-lg-2-l-5", "div-1-lg-2-l-5-2",
        "div-2", "div-2-sp-1", "div-2-sp-1-l1", "div-2-sp-1-l-5", "", "div-2-sp-1-l4",
        "div-2-p-1",
    ]  # fmt: skip


def test_the_readme_tells_the_line_anchors_the_code_gives() -> None:
    """Probe 163: the README said a line whose @n another line has is anchored by its place
    (-l4), as a line without @n is; it keeps its number, in its line group's scope (-l-3).
    Each example of the README's "Anchors" passage is the locator of its kind of line."""
    poems = (
        "<text><body><div><lg><l n='3'>a</l></lg></div><div><lg>"
        "<l n='1'>b</l><l n='2'>c</l><l n='3'>d</l><l>e</l></lg></div></body></text>"
    )
    ids = _ids(poems.replace("'", '"'))
    unnumbered, repeated = ids[-1], ids[-2]
    assert (unnumbered, repeated) == ("div-2-lg-1-l4", "div-2-lg-1-l-3")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    passage = " ".join(readme.split("**Anchors, pages", 1)[1].split("name and date", 1)[0].split())
    assert f"a line without `@n` by its place in its line group or speech, `#{unnumbered}`" in (
        passage
    )
    assert f"one whose `@n` another line of its text has by that number there, `#{repeated}`" in (
        passage
    )


def test_a_line_added_to_a_stanza_moves_only_the_later_lines_of_that_stanza() -> None:
    """A line added at the head of the first stanza, a paragraph added to the header and one
    to the first division: only the first stanza's lines after the new one move."""
    before = _ids(f"<teiHeader><fileDesc><p>h</p></fileDesc></teiHeader><text><body>{_LINES}"
                  "</body></text>")  # fmt: skip
    edited = _LINES.replace("<lg><l>a</l>", "<p>new</p><lg><l>new</l><l>a</l>", 1)
    after = _ids(
        "<teiHeader><fileDesc><p>new</p><p>h</p></fileDesc></teiHeader>"
        f"<text><body>{edited}</body></text>"
    )
    # the new header paragraph, the new paragraph and the new line, in document order
    assert [after[i] for i in (0, 3, 5)] == ["hdr-p-1", "div-1-p-1", "div-1-lg-1-l1"]
    kept = [i for k, i in enumerate(after) if k not in (0, 3, 5)]
    moved = {old: new for old, new in zip(before, kept, strict=True) if old != new}
    # the header's own paragraph, and the two lines after the new one in its stanza
    assert moved == {
        "hdr-p-1": "hdr-p-2",
        "div-1-lg-1-l1": "div-1-lg-1-l2",
        "div-1-lg-1-l3": "div-1-lg-1-l4",
    }


def test_a_locator_is_an_ncname() -> None:
    assert token("1.1 35/a") == "1.1_35_a"
    assert _ids('<text><body><div n="3 b"><p>a</p></div></body></text>') == [
        "div-3_b",
        "div-3_b-p-1",
    ]


def test_part_separator_avoids_a_text_named_like_a_part() -> None:
    assert part_separator(["a", "b"]) == "-"
    assert part_separator(["a", "a-2"]) == "--"
    assert part_separator(["Letter", "letter-1"]) == "--"
    assert split_output("<!DOCTYPE html><p/>") is None


_TWO_PAGES = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml">
  <xsl:output method="html" html-version="5" encoding="UTF-8" include-content-type="no"
      indent="no"/>
  <xsl:template name="xsl:initial-template">
    <xsl:comment>ed:page t.html</xsl:comment>
    <html><head><script>var fake = '&lt;a href="#café"&gt;';</script></head><body>
      <a href="#café">to the second page</a><a href="#here">on this page</a>
      <a href="#both">on both</a><a href="#nowhere">unknown</a>
      <p id="here">x</p><p id="both">y</p>
      <xsl:comment> &lt;a href="#café"&gt; </xsl:comment></body></html>
    <xsl:comment>ed:page t&amp;é-1.html</xsl:comment>
    <html><body><p id="café" title="a&lt;b">z</p><p id="both">w</p>
      <a href="#here">back</a></body></html>
  </xsl:template>
</xsl:stylesheet>"""


def test_a_pointer_to_an_id_no_page_shows_keeps_its_words_without_the_link() -> None:
    """A ref, a ptr and a locus (its folio's surface, which the page does not show) at an id
    none of the text's pages has lose their links, keep their words and their class; a link
    to an id another of the pages shows stays."""
    pages = without_dead_links([
        ("t", '<p id="f1r">A</p><a href="#f1r" class="locus">f. 1r</a> '
              '<a href="#s2" class="locus">f. 2r</a> <a href="#s2" class="ref">see</a>'),
        ("t-2", '<a href="#s2" class="ptr">#s2</a> <a href="#f1r" class="ref">back</a>'),
    ])  # fmt: skip
    assert pages == [
        ("t", '<p id="f1r">A</p><a href="#f1r" class="locus">f. 1r</a> '
              '<span class="locus">f. 2r</span> <span class="ref">see</span>'),
        ("t-2", '<span class="ptr unresolved">#s2</span> <a href="#f1r" class="ref">back</a>'),
    ]  # fmt: skip


def test_split_pages_are_relinked_as_the_serialiser_writes_links() -> None:
    """The pages come from Saxon's HTML serialiser, which %-encodes non-ASCII characters of
    links but not of ids: a link to an id on another page names that page (escaped as the
    serialiser would), a link to an id of its own page or an unknown one is left alone, and
    nothing inside a script or a comment is touched."""
    from saxonche import PySaxonProcessor

    with PySaxonProcessor(license=False) as processor:
        sheet = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=_TWO_PAGES)
        output = sheet.call_template_returning_string(None)
    pages = split_output(output)
    assert pages is not None
    (first, one), (second, two) = pages
    assert (first, second) == ("t.html", "t&é-1.html")
    assert one.startswith("<!DOCTYPE HTML><html") and two.startswith("<!DOCTYPE HTML><html")
    assert '<a href="t&amp;%C3%A9-1.html#caf%C3%A9">to the second page</a>' in one
    assert '<a href="#here">on this page</a>' in one
    assert '<a href="#both">on both</a><a href="#nowhere">unknown</a>' in one
    assert "var fake = '<a href=\"#café\">';" in one and '<!-- <a href="#café"> -->' in one
    assert '<a href="t.html#here">back</a>' in two


# -- anchor stability ------------------------------------------------------------------------


def _edit(source: Path, folder: Path, edited: bool) -> Path:
    """``source`` with two divisions marked (rend, in both versions); ``edited``: one paragraph
    changed and one added in the first marked division, a paragraph added to the header and
    one at the start of the second marked division."""
    tree = etree.parse(str(source), etree.XMLParser(remove_blank_text=False))
    divs = [
        d
        for d in tree.iter(f"{T}div")
        if d.find(f"{T}p") is not None and not d.xpath("ancestor::*[local-name()='teiHeader']")
    ]
    first, second = divs[1], divs[-2]
    first.set("rend", "edited-a")
    second.set("rend", "edited-b")
    if edited:
        paragraph = first.findall(f"{T}p")[-1]
        paragraph.append(etree.Element(f"{T}hi"))
        paragraph[-1].text = "an editor's words"
        new = etree.Element(f"{T}p")
        new.text = "A paragraph the editor added."
        first.find(f"{T}p").addprevious(new)  # type: ignore[union-attr]
        header_p = tree.find(f".//{T}teiHeader//{T}p")
        assert header_p is not None
        extra = etree.Element(f"{T}p")
        extra.text = "Another editorial declaration."
        header_p.addprevious(extra)
        other = etree.Element(f"{T}p")
        other.text = "Another new paragraph."
        second.find(f"{T}p").addprevious(other)  # type: ignore[union-attr]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    tree.write(str(target), encoding="utf-8", xml_declaration=True)
    for extra_file in ("registers",):
        if (source.parent.parent / extra_file).is_dir() and source.parent.name == "texts":
            shutil.copytree(source.parent.parent / extra_file, folder.parent / extra_file,
                            dirs_exist_ok=True)  # fmt: skip
    return target


_MARKED = "contains(@class, 'rend-edited-a') or contains(@class, 'rend-edited-b')"


def _anchors(site: Path, stem: str, around: bool = False) -> tuple[dict[str, str], set[str]]:
    """Every id of a text's reading pages -> (page, its words); and the ids inside the marked
    divisions (``around``: and those around them, whose words hold theirs)."""
    found: dict[str, str] = {}
    inside: set[str] = set()
    for page in sorted((site / "html").glob(f"{stem}*.html")):
        if page.stem != stem and not page.stem[len(stem) :].lstrip("-").isdigit():
            continue
        doc = html.document_fromstring(page.read_text(encoding="utf-8"))
        # a line's number in the margin is its place in the poem or scene, not its words: a
        # line added above renumbers it and leaves its anchor
        for number in doc.xpath("//*[contains(concat(' ', @class, ' '), ' l-n ')]"):
            number.drop_tree()
        for element in doc.xpath("//article//*[@id]"):
            words = " ".join(element.text_content().split())
            found[element.get("id")] = f"{page.name}: {words}"
            if element.xpath(f"ancestor-or-self::*[{_MARKED}]") or (
                around and element.xpath(f"descendant::*[{_MARKED}]")
            ):
                inside.add(element.get("id"))
    return found, inside


def _index_links(site: Path) -> Iterator[tuple[str, str]]:
    with (site / "index" / "occurrences.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["mention"], row["url"]
    entities = json.loads((site / "index" / "entities.json").read_text(encoding="utf-8"))
    for entity in entities["entities"] if isinstance(entities, dict) else entities:
        for occurrence in entity.get("occurrences", []):
            yield occurrence["mention"], occurrence["url"]


@pytest.mark.parametrize(
    ("source", "page_size"), [(EDITION_TEXT, 200), (NOVEL, 60)], ids=["edition", "novel"]
)
def test_an_edit_changes_no_anchor_outside_the_edited_divisions(
    source: Path, page_size: int, tmp_path: Path
) -> None:
    if not source.is_file():
        pytest.skip(f"{source} is not here")
    sites = {}
    for version, edited in (("before", False), ("after", True)):
        text = _edit(source, tmp_path / version / "texts", edited)
        sources = [text.parent.parent]
        report = build(sources, tmp_path / f"site-{version}", only=["html", "index"],
                       page_size=page_size)  # fmt: skip
        assert report.errors == 0, [str(d) for d in report.diagnostics]
        sites[version] = tmp_path / f"site-{version}"
    before, inside = _anchors(sites["before"], source.stem)
    after, _ = _anchors(sites["after"], source.stem)
    assert len(inside) > 3 and len(before) > len(inside) + 10
    changed = {
        i: (words, after.get(i)) for i, words in before.items() if i not in inside
        if after.get(i) != words
    }  # fmt: skip
    assert not changed, f"{len(changed)} anchors changed, e.g. {list(changed.items())[:3]}"
    # the index exports link to the same places, outside the edited divisions
    old = dict(_index_links(sites["before"]))
    new = dict(_index_links(sites["after"]))
    assert old or source == NOVEL, "the edition's text names people, places and dates"
    moved = {m: u for m, u in old.items() if m not in inside and new.get(m) != u}
    assert not moved


SAMPLES = ROOT.parent / "shared" / "corpora" / "tei-samples"
PLAY = SAMPLES / "drama" / "goethe-iphigenie-auf-tauris.xml"
POEMS = SAMPLES / "verse" / "disco486g.xml"


def _lines(tree: etree._ElementTree, tag: str = "l") -> list[etree._Element]:
    return list(tree.iter(f"{T}{tag}"))


_NEW = "Ein neuer Absatz."


def _squeezed(words: str) -> str:
    return "".join(words.split())


def _edit_play(folder: Path, edited: bool) -> None:
    """Goethe's play, its lines without @n, prepared alike in both versions: a scene's first
    speech numbered (l-101 ...), a number given to two lines of two scenes (l/@n "7"), a
    name in a line of a later scene; the first speech's lines marked. ``edited``: a line
    added at the head of the first speech, a note added to the header, and a paragraph at
    the head of the last scene (not marked: nothing of that scene may move)."""
    tree = etree.parse(str(PLAY))
    scenes = [d for d in tree.iter(f"{T}div") if d.get("type") == "scene"]
    for k, line in enumerate(_lines(scenes[1].find(f".//{T}lg")), start=101):  # type: ignore[arg-type]
        line.set("n", str(k))
    for scene in scenes[2:4]:
        scene.find(f".//{T}l").set("n", "7")  # type: ignore[union-attr]
    named = next(x for x in _lines(tree) if (x.text or "").endswith(" nun Orest,"))
    named.text = (named.text or "")[: -len("Orest,")]
    name = etree.SubElement(named, f"{T}persName", ref="#orest")
    name.text, name.tail = "Orest", ","
    first = scenes[0].find(f".//{T}lg")
    assert first is not None and scenes[-1].find(f"{T}p") is None
    first.set("rend", "edited-a")
    if edited:
        added = etree.Element(f"{T}l")
        added.text = "Ein Vers, den der Herausgeber einfügt,"
        first.insert(0, added)
        note = etree.Element(f"{T}notesStmt")
        etree.SubElement(note, f"{T}note").text = "An editor's note."
        tree.find(f".//{T}sourceDesc").addprevious(note)  # type: ignore[union-attr]
        paragraph = etree.Element(f"{T}p")
        paragraph.text = _NEW
        scenes[-1].find(f"{T}head").addnext(paragraph)  # type: ignore[union-attr]
    tree.write(str(folder / PLAY.name), encoding="utf-8", xml_declaration=True)


def _edit_poems(folder: Path, edited: bool) -> None:
    """Two sonnets of lines without @n; the second stanza of the first marked. ``edited``: a
    line at its head and a paragraph at the head of the header's first block."""
    tree = etree.parse(str(POEMS))
    stanza = _lines(tree, "lg")[3]
    assert stanza.get("n") == "2"
    stanza.set("rend", "edited-b")
    if edited:
        added = etree.Element(f"{T}l")
        added.text = "Un verso que el editor añade,"
        stanza.insert(0, added)
        header_p = tree.find(f".//{T}teiHeader//{T}p")
        extra = etree.Element(f"{T}p")
        extra.text = "Another declaration."
        header_p.addprevious(extra)  # type: ignore[union-attr]
    tree.write(str(folder / POEMS.name), encoding="utf-8", xml_declaration=True)


_LINE_IDS = "//*[contains(concat(' ', @class, ' '), ' l ')]/@id"


def _line_ids(site: Path, stem: str) -> set[str]:
    """The ids of the verse and drama lines of a text's reading pages."""
    found: set[str] = set()
    for page in (site / "html").glob(f"{stem}*.html"):
        found.update(html.document_fromstring(page.read_text(encoding="utf-8")).xpath(_LINE_IDS))
    return found


def _book_line_ids(book: Path) -> set[str]:
    found: set[str] = set()
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                found.update(etree.fromstring(archive.read(name)).xpath(_LINE_IDS))
    return found


def test_an_edit_changes_no_line_anchor_outside_the_edited_line_group(tmp_path: Path) -> None:
    """Issue 11 item 1, for verse and drama lines (numbered, unnumbered, an @n two lines
    have; in a speech and in a poem): a line added to one speech and one stanza, a note
    added to the header, a paragraph added to another scene move no line's anchor outside
    the speech and stanza edited. The line's number in the margin links to its anchor; the
    book has the same anchors, and a name in a line is placed at its line in the index."""
    if not (PLAY.is_file() and POEMS.is_file()):
        pytest.skip(f"{SAMPLES} is not here")
    sites = {}
    for version, edited in (("before", False), ("after", True)):
        folder = tmp_path / version
        folder.mkdir()
        _edit_play(folder, edited)
        _edit_poems(folder, edited)
        site = tmp_path / f"site-{version}"
        report = build([folder], site, only=["html", "epub", "index"])
        assert report.errors == 0, [str(d) for d in report.diagnostics]
        sites[version] = site
    for text in (PLAY.stem, POEMS.stem):
        before, inside = _anchors(sites["before"], text, around=True)
        after, _ = _anchors(sites["after"], text)
        assert len(_line_ids(sites["before"], text) - inside) > 20
        # the last scene and its act hold the new paragraph's words, and only those are new
        changed = {
            i: (words, after.get(i))
            for i, words in before.items()
            if i not in inside and _squeezed(after.get(i, "").replace(_NEW, "")) != _squeezed(words)
        }
        assert not changed, f"{len(changed)} anchors changed, e.g. {list(changed.items())[:3]}"
    play, _ = _anchors(sites["after"], PLAY.stem)
    # numbered, a number two lines have (in their speeches' scope), unnumbered in a speech
    assert "l-101" in play and "l-7" not in play
    assert sum(i.endswith("-l-7") for i in play) == 2
    assert any(i.startswith("div-1.2-sp-") and i[-3:-1] == "-l" for i in play)
    # a line's number in the margin links to the line it stands in
    for page in (sites["after"] / "html").glob(f"{PLAY.stem}*.html"):
        doc = html.document_fromstring(page.read_text(encoding="utf-8"))
        for number in doc.xpath("//a[@class='l-n']"):
            assert number.get("href") == "#" + number.getparent().get("id")
    # the book's lines have the reading pages' anchors
    lines = _line_ids(sites["after"], PLAY.stem)
    assert len(lines) > 2000
    assert _book_line_ids(sites["after"] / "epub" / f"{PLAY.stem}.epub") == lines
    # the name's block is its line, an anchor that holds its words
    with (sites["after"] / "index" / "occurrences.csv").open(encoding="utf-8") as handle:
        (orest,) = [r for r in csv.DictReader(handle) if r["text"] == "Orest"]
    assert play[orest["block"]].endswith("Daß zwischen beiden Schwestern nun Orest,")
    assert orest["mention"] == orest["block"][: orest["block"].rindex("-l")] + "-m1"


# -- long texts ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def long_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not NOVEL.is_file():
        pytest.skip(f"{NOVEL} is not here")
    out = tmp_path_factory.mktemp("long")
    # the novel, and the edition's text (which names people, places and dates) split as well
    report = build([NOVEL, ROOT / "tei"], out, only=["html", "index"], page_size=8)
    assert report.errors == 0
    return out


def _page(path: Path) -> html.HtmlElement:
    return html.document_fromstring(path.read_text(encoding="utf-8"))


def test_a_long_text_is_a_contents_page_and_parts_with_previous_and_next(long_text: Path) -> None:
    stem = NOVEL.stem
    contents = _page(long_text / "html" / f"{stem}.html")
    assert contents.xpath("//body[contains(@class, 'contents-page')]")
    listed = contents.xpath("//nav[@class='parts']//a/@href")
    files = sorted({h.split("#")[0] for h in listed}, key=lambda f: int(f[len(stem) + 1 : -5]))
    assert len(files) > 10
    assert files == [f"{stem}-{n}.html" for n in range(1, len(files) + 1)]
    for n, name in enumerate(files, start=1):
        page = _page(long_text / "html" / name)
        prev = page.xpath("//head/link[@rel='prev']/@href")
        nxt = page.xpath("//head/link[@rel='next']/@href")
        assert prev == [files[n - 2] if n > 1 else f"{stem}.html"]
        assert nxt == ([files[n]] if n < len(files) else [])
        assert page.xpath("//nav[@class='parts-nav']//a[@href=$c]", c=f"{stem}.html")
        # the first part's previous page is the contents page: one link to it, not two
        # "Contents of the text" side by side
        links = page.xpath("//nav[@class='parts-nav']//a/@href")
        assert len(links) == len(set(links)), links
        assert page.xpath("//nav[@class='parts-nav']//a[@rel='prev']/@href") == prev
        assert page.xpath("//p[@class='to-top']/a/@href") == ["#ed-main"]
        # "Cite this" on every part: the text's address, a passage's on this part's page
        assert page.xpath("//section[@id='ed-cite-this']/@data-url") == [name]
        assert page.xpath("string(//a[@class='cite-url']/@href)") == f"{stem}.html"
        # every link to an id of the text lands on the page that has it
        for href in page.xpath("//main//a/@href[contains(., '#')]"):
            target, _, anchor = str(href).partition("#")
            if target and not target.startswith(stem):
                continue
            holder = page if not target else _page(long_text / "html" / target)
            assert holder.xpath("//*[@id=$a]", a=anchor), f"{name}: {href}"


def test_index_links_land_on_the_part_that_holds_the_name(long_text: Path) -> None:
    pages: dict[str, html.HtmlElement] = {}
    links = 0
    for index_page in ("persons.html", "places.html", "timeline.html"):
        doc = _page(long_text / "html" / index_page)
        for href in doc.xpath("//main//li/a/@href[contains(., '.html#')]"):
            target, _, anchor = str(href).partition("#")
            if target not in pages:
                pages[target] = _page(long_text / "html" / target)
            assert pages[target].xpath("//*[@id=$a]", a=anchor), href
            links += 1
    with (long_text / "index" / "occurrences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            target, _, anchor = row["url"].removeprefix("../html/").partition("#")
            if target not in pages:
                pages[target] = _page(long_text / "html" / target)
            assert pages[target].xpath("//*[@id=$a]", a=anchor), row["url"]
            links += 1
    assert links > 0
    assert any(t.startswith(f"{EDITION_TEXT.stem}-") for t in pages), "names are on the parts"


def test_a_split_texts_pages_belong_to_it(long_text: Path) -> None:
    manifest = json.loads((long_text / ".edition" / "current" / "manifest.json").read_text())
    owners = {k: v["owner"] if isinstance(v, dict) else v[2] for k, v in manifest["files"].items()}
    parts = [k for k in owners if k.startswith(f"html/{NOVEL.stem}-")]
    assert parts and all(owners[k] == NOVEL.stem for k in parts)


def test_index_pages_and_parts_do_not_scroll_sideways_at_320_px(long_text: Path) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (pip) is not installed")
    from test_html import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.is_file():
        pytest.skip(f"no chromium at {CHROMIUM}")
    names = ["persons.html", "places.html", "timeline.html", f"{NOVEL.stem}.html",
             f"{NOVEL.stem}-2.html", f"{EDITION_TEXT.stem}-1.html"]  # fmt: skip
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 320, "height": 800})
            for name in names:
                page.goto((long_text / "html" / name).as_uri())
                assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
        finally:
            browser.close()


def test_the_contents_page_maps_the_parts_ids(long_text: Path) -> None:
    """The contents page of a split text carries the ids that open each part (divisions,
    pages), from which every other id of the part is derived: an address of the text's
    single page (saved before it was split) can be sent on to its part."""
    stem = NOVEL.stem
    contents = _page(long_text / "html" / f"{stem}.html")
    (script,) = contents.xpath("//script[@id='ed-part-ids']/text()")
    parts = json.loads(script)
    assert parts and set(parts.values()) <= {p.name for p in (long_text / "html").glob(f"{stem}-*")}
    checked = 0
    for name in sorted(set(parts.values()))[:4]:
        for anchor in _page(long_text / "html" / name).xpath("//main//@id"):
            key = str(anchor)
            while key not in parts and ("-" in key or "." in key):
                key = key[: max(key.rfind("-"), key.rfind("."))]
            if key in parts:
                assert parts[key] == name, anchor
                checked += 1
    assert checked > 50


@pytest.mark.slow
def test_an_address_of_the_single_page_goes_on_to_its_part(long_text: Path) -> None:
    """An address of the text's single page, or of a part that does not hold its id, lands
    on the part that does."""
    from test_html import CHROMIUM, CHROMIUM_ARGS, QuietHandler, _browser_tools

    sync_playwright, _ = _browser_tools()
    stem = NOVEL.stem
    part = f"{stem}-3.html"
    (anchor,) = _page(long_text / "html" / part).xpath("(//main//p[@id])[2]/@id")
    handler = functools.partial(QuietHandler, directory=str(long_text / "html"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:  # type: ignore[operator]
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/{stem}.html#{anchor}")
                page.wait_for_url(f"**/{part}#{anchor}")
                assert page.locator(f"[id='{anchor}']").count() == 1
                # an address of another part (the parts planned anew when a division grew,
                # probe 62: part 32's anchor now on part 41) goes by the contents page to
                # the part that holds it
                base = f"http://127.0.0.1:{httpd.server_address[1]}"
                page.goto(f"{base}/{stem}-2.html#{anchor}")
                page.wait_for_url(f"**/{part}#{anchor}")
                assert page.locator(f"[id='{anchor}']").count() == 1
                # an id no part holds, under a division the contents map (a mistyped
                # anchor): it settles on the part, where it went back and forth for ever
                # (probe 63); an address that is no valid escape stops no script
                lost = anchor + "-p-99999"
                page.goto(f"{base}/{stem}-2.html#{lost}")
                page.wait_for_url(f"**/{part}#{lost}")
                page.wait_for_timeout(1500)
                assert page.url.endswith(f"/{part}#{lost}")
                errors: list[str] = []
                page.on("pageerror", lambda error: errors.append(str(error)))
                page.goto(f"{base}/{stem}-2.html#100%")
                page.wait_for_timeout(500)
                assert not errors, errors
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
