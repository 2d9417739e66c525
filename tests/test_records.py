"""Catalogue records (pipeline/records.py): which descriptions a page shows as its text and
which of their names are mentions."""

from __future__ import annotations

from lxml import etree

from pipeline.records import catalogue_record, described_name, shown_descriptions

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}


def _tei(body: str) -> etree._Element:
    return etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><sourceDesc><msDesc>'
        "<msIdentifier><idno>MS 1</idno></msIdentifier><msPart><msDesc><history><provenance>"
        '<persName role="fmo">Owner</persName><date when="1600">1600</date></provenance>'
        "</history></msDesc></msPart><additional><listBibl><bibl><author><persName>Cited"
        "</persName></author></bibl></listBibl></additional></msDesc></sourceDesc></fileDesc>"
        f"</teiHeader><text><body>{body}</body></text></TEI>".encode()
    )


def test_a_records_outer_description_is_shown_and_its_names_are_mentions() -> None:
    root = _tei("<p><ref target='x.xml'>Images</ref></p>")
    assert catalogue_record(root)
    shown = shown_descriptions(root)
    assert [etree.QName(e.getparent()).localname for e in shown] == ["sourceDesc"]
    owner, cited = root.xpath("//t:persName", namespaces=NS)
    (date,) = root.xpath("//t:date", namespaces=NS)
    # the owner of a part's nested description is the record's, and so is a date of its
    # provenance (on the timeline); a cited author is no mention
    assert described_name(owner, shown)
    assert not described_name(cited, shown)
    assert described_name(date, shown)


def test_a_text_with_words_shows_its_description_beside_it() -> None:
    """Probe 65: a transcription's (or a record's with a sentence of summary) description was
    on the about page alone and its names no mentions; its page shows it now, beside the
    text, and its names are mentions as a record's are."""
    root = _tei("<p>Words of the text.</p>")
    assert not catalogue_record(root)
    shown = shown_descriptions(root)
    assert [etree.QName(e.getparent()).localname for e in shown] == ["sourceDesc"]
    owner, cited = root.xpath("//t:persName", namespaces=NS)
    assert described_name(owner, shown)
    assert not described_name(cited, shown)
    assert not described_name(owner, [])


def test_a_witness_description_beside_a_text_is_its_witness_lists() -> None:
    """A description inside a list of witnesses is shown with the apparatus's witnesses, not
    a second time before the text; without an apparatus, or in a record (no words), it is
    shown as any other."""
    witness = (
        "<listWit><witness xml:id='A'><msDesc><msIdentifier><idno>A</idno></msIdentifier>"
        "</msDesc></witness></listWit>"
    )
    app = "<p>Words <app><lem wit='#A'>a</lem></app>.</p>"
    # without an apparatus the page lists no witnesses: the description is shown (probe 69)
    for body, shown in ((app, 0), ("<p>Words.</p>", 1), ("<p/>", 1)):
        root = etree.fromstring(
            f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><sourceDesc>{witness}</sourceDesc>'
            f"</fileDesc></teiHeader><text><body>{body}</body></text></TEI>".encode()
        )
        assert len(shown_descriptions(root)) == shown, body


def test_a_header_without_a_manuscript_shows_none() -> None:
    root = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><sourceDesc><bibl>A book</bibl>'
        "</sourceDesc></fileDesc></teiHeader><text><body><p>Words.</p></body></text></TEI>"
    )
    assert shown_descriptions(root) == []


def test_an_acquisition_or_provenance_dated_by_its_attributes_is_a_mention() -> None:
    """Probe 23 (a Bodleian record's acquisition when="1817", a block of words dated by its
    attributes alone): it was on no timeline; dated so, an acquisition or a provenance is a
    mention of the record, as its dates are; undated, or in a text's header, it is none."""
    root = _tei(
        "<p/>",
    )
    history = root.find(".//t:history", NS)
    assert history is not None
    for xml in (
        '<acquisition when="1817">Bought in 1817.</acquisition>',
        '<provenance notBefore-iso="1600" notAfter-iso="1650">Owned.</provenance>',
        "<acquisition>Bought later.</acquisition>",
        '<provenance when=" ">Owned.</provenance>',
    ):
        history.append(etree.fromstring(f'<x xmlns="{TEI_NS}">{xml}</x>')[0])
    shown = shown_descriptions(root)
    events = root.xpath("//t:history/t:acquisition | //t:history/t:provenance", namespaces=NS)
    assert [described_name(e, shown) for e in events] == [False, True, True, False, False]
    assert not described_name(events[1], [])


def test_an_anthology_is_no_record() -> None:
    """Probe 69: a text whose texts are a group has no body; it was taken for a record of
    no words, its description shown as its text."""
    root = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><sourceDesc><msDesc><msIdentifier>'
        "<idno>A</idno></msIdentifier></msDesc></sourceDesc></fileDesc></teiHeader><text>"
        "<group><text><body><p>A poem.</p></body></text></group></text></TEI>"
    )
    assert not catalogue_record(root)
    assert len(shown_descriptions(root)) == 1
