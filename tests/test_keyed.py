"""Names identified by @key alone: the edition's own register of them (pipeline/keyed.py),
the normalisation stage's resolution and what a reader sees of them in the index."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

from conftest import tei_text
from lxml import etree

from pipeline.build import build
from pipeline.keyed import keyed_lists, keyed_names

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

LETTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de"><teiHeader><fileDesc>
<titleStmt><title>Brief an Gottfried</title></titleStmt><publicationStmt><p>x</p>
</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc><profileDesc><correspDesc>
<correspAction type="sent"><persName key="P001">Carl Weber</persName>
<date when="1815-03-02"/></correspAction>
<correspAction type="received"><persName key="P002">Gottfried Weber</persName></correspAction>
</correspDesc></profileDesc></teiHeader><text><body>
<p>Lieber <persName key="P002">Gottfried</persName>, aus <placeName key="O9">Prag</placeName>
grüßt dich <rs type="person" key="P002">dein Bruder</rs>; <rs key="X1">jemand</rs> weiß es,
<persName key="P002">Gottfried Weber</persName> auch, und die
<orgName key="K 1">Kapelle</orgName> spielt, wie <persName ref="#nobody" key="P9">einer</persName>
sagt.</p>
<bibl><author><persName key="P003">Ein Autor</persName></author></bibl>
</body></text></TEI>"""


def test_names_with_a_key_and_no_ref_are_collected_in_order() -> None:
    names = keyed_names(etree.fromstring(LETTER))
    assert names == (
        ("person", "P001", "Carl Weber", "de"),
        ("person", "P002", "Gottfried Weber", "de"),
        ("person", "P002", "Gottfried", "de"),
        ("place", "O9", "Prag", "de"),
        ("person", "P002", "dein Bruder", "de"),
        ("person", "P002", "Gottfried Weber", "de"),
        ("org", "K 1", "Kapelle", "de"),
    ), "an rs of no kind, a name with a @ref and a cited author are no keyed names"


def test_one_entry_per_kind_and_key_named_by_its_most_frequent_spelling() -> None:
    taken = {"key-place-O9"}  # a register entry already has the plain id
    lists = keyed_lists(keyed_names(etree.fromstring(LETTER)), taken)
    assert [etree.QName(x).localname for x in lists] == ["listOrg", "listPerson", "listPlace"]
    people = lists[1]
    assert [e.get(XML_ID) for e in people] == ["key-person-P001", "key-person-P002"]
    assert people[1].findtext(f"{TEI}persName") == "Gottfried Weber"
    assert people[1].findtext(f"{TEI}idno[@type='key']") == "P002"
    org_id = lists[0][0].get(XML_ID)
    place_id = lists[2][0].get(XML_ID)
    # a key that is no name, and an id a register took, get a digest of the key
    assert org_id.startswith("key-org-K1-") and len(org_id) == len("key-org-K1-") + 8
    assert place_id.startswith("key-place-O9-") and place_id != "key-place-O9"
    assert {org_id, place_id, "key-person-P001"} <= taken


def test_equal_counts_keep_the_spelling_met_first() -> None:
    names = [("person", "A", "Anna", ""), ("person", "A", "Anne", "")]
    assert keyed_lists(names, set())[0][0].findtext(f"{TEI}persName") == "Anna"
    assert keyed_lists(names[::-1], set())[0][0].findtext(f"{TEI}persName") == "Anne"


def test_equal_counts_prefer_the_spelling_that_is_the_key() -> None:
    """Probe 31 (the Escher letters): a place keyed "Zürich", written once "Zürcher" (in a
    note, met first) and once "Zürich", was "Zürcher" in the index; of equal counts the
    spelling that is the key wins, and a more frequent spelling still wins over it."""
    names = [
        ("place", "Zürich", "Zürcher", ""),
        ("place", "Zürich", "Zürich", ""),
        ("person", "Stockar Egbert", "Egbert", ""),
        ("person", "Stockar Egbert", "Egbert Stockar", ""),
        ("place", "Bern (Stadt)", "Bern", ""),
        ("place", "Bern (Stadt)", "Bern", ""),
        ("place", "Bern (Stadt)", "Bern (Stadt)", ""),
    ]
    lists = keyed_lists(names, set())
    named = {e.findtext(f"{TEI}idno"): e[0].text for lst in lists for e in lst}
    assert named == {"Zürich": "Zürich", "Stockar Egbert": "Egbert", "Bern (Stadt)": "Bern"}


def test_keyed_names_are_linked_indexed_and_letters(tmp_path: Path) -> None:
    src = tmp_path / "tei"
    src.mkdir()
    (src / "letter.xml").write_text(LETTER, "utf-8")
    (src / "other.xml").write_text(
        tei_text('<p><persName key="P002">Gottfried Weber</persName> kam.</p>', "Andere"),
        "utf-8",
    )
    out = tmp_path / "dist"
    report = build([src], out, only=["html", "index"], jobs=1)
    assert report.errors == 0, report.sorted()
    codes = {d.code for d in report.diagnostics}
    assert "index.unused-entry" not in codes, report.sorted()  # the sender has his letter
    data = json.loads((out / "index/entities.json").read_text("utf-8"))
    entities = {e["id"]: e for e in data["entities"]}
    gottfried = entities["key-person-P002"]
    assert gottfried["name"] == "Gottfried Weber"
    assert gottfried["count"] == 4  # three in the letter's text, one in the other text
    assert gottfried["authority"] == [{"type": "key", "id": "P002", "url": None}]
    assert entities["key-person-P001"]["letters"][0]["role"] == "sent"
    assert entities["key-person-P001"]["count"] == 0
    assert {"key-place-O9", "key-person-P001"} <= entities.keys()
    assert not any(i.endswith(("P003", "P9", "X1")) for i in entities)
    page = (out / "html/letter.html").read_text("utf-8")
    assert 'href="persons.html#key-person-P002"' in page
    persons = (out / "html/persons.html").read_text("utf-8")
    assert 'id="key-person-P002"' in persons and "Gottfried Weber" in persons


def test_a_key_that_is_a_register_entry_id_names_that_entry(tmp_path: Path) -> None:
    """A name keyed by the id of a register entry of its kind (the Dodis documents:
    ``persName key="P5"`` and a ``person xml:id="P5"`` in ``particDesc``) is a mention of
    that entry: no second entry is made of the key, the entry is not "never mentioned"."""
    src = tmp_path / "tei"
    src.mkdir()
    (src / "memo.xml").write_text(
        tei_text(
            '<p>Received <persName key="P5">Miller</persName> and <persName key="P5">Mr Miller'
            '</persName> at <placeName key="P5">Millerton</placeName>.</p>'
            '<listPerson><person xml:id="P5"><persName>Anna Miller</persName></person>'
            "</listPerson>"
        ),
        "utf-8",
    )
    out = tmp_path / "dist"
    report = build([src], out, only=["html", "index"], jobs=1)
    assert report.errors == 0, report.sorted()
    assert "index.unused-entry" not in {d.code for d in report.diagnostics}, report.sorted()
    entities = {
        e["id"]: e for e in json.loads((out / "index/entities.json").read_text("utf-8"))["entities"]
    }
    assert entities["P5"]["name"] == "Anna Miller" and entities["P5"]["count"] == 2
    assert "key-person-P5" not in entities
    # a place keyed by a person's id is no mention of the person: its key makes a place
    assert entities["key-place-P5"]["count"] == 1
    assert 'href="persons.html#P5"' in (out / "html/memo.html").read_text("utf-8")


def test_the_normalisation_stage_gives_a_name_the_kind_kind_of_gives(tmp_path: Path) -> None:
    """``kind_of`` (the entries made) and ``ed:by-key`` in normalize.xsl (the names resolved to
    them) decide a name's kind apart: every element and type is counted once or not at all."""
    cases = [(f"<{e}", e) for e in ("persName", "placeName", "geogName", "orgName")]
    cases += [(f"<{e}", e) for e in ("eventName", "objectName")]
    cases += [(f'<{e} type="{t}"', e) for e in ("name", "rs") for t in ("person", "place")]
    cases += [(f'<{e} type="{t}"', e) for e in ("name", "rs") for t in ("org", "event")]
    cases += [('<rs type="object"', "rs"), ('<name type=" place "', "name")]
    cases += [('<rs type="thing"', "rs"), ("<name", "name"), ('<rs type="Person"', "rs")]
    body = "".join(
        f'<p>{start} key="K{n}">N{n}</{end}>.</p>' for n, (start, end) in enumerate(cases)
    )
    src = tmp_path / "tei"
    src.mkdir()
    (src / "t.xml").write_text(tei_text(body), "utf-8")
    out = tmp_path / "dist"
    report = build([src], out, only=["index"], jobs=1)
    assert report.errors == 0, report.sorted()
    entities = json.loads((out / "index/entities.json").read_text("utf-8"))["entities"]
    counts = {e["id"].rsplit("-", 1)[1]: (e["id"], e["count"]) for e in entities}
    names = keyed_names(etree.fromstring(tei_text(body).encode()))
    expected = {key: f"key-{kind}-{key}" for kind, key, _, _ in names}
    assert len(expected) == 16  # the last three say no kind
    for key, entry in expected.items():
        assert counts[key] == (entry, 1), (key, counts.get(key))
    assert not {"K16", "K17", "K18"} & counts.keys()


def _described(body: str) -> bytes:
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><msDesc>"
        "<msIdentifier><idno>MS 1</idno></msIdentifier><history><origin><origPlace>"
        '<settlement key="p-1">Avignon</settlement> <placeName key="p-1">Avignon</placeName>'
        '</origPlace></origin><provenance><persName key="o-1" role="fmo">Ann Owner</persName>'
        '</provenance></history><additional><listBibl><bibl><persName key="a-1">Cited</persName>'
        f"</bibl></listBibl></additional></msDesc></sourceDesc></fileDesc></teiHeader>{body}</TEI>"
    ).encode()


def test_the_keyed_names_of_a_catalogue_records_description_are_collected() -> None:
    """A catalogue record's description is its text: its keyed names are mentions (not a
    settlement, which is no name element, nor a cited work's author); a text with words of
    its own shows its manuscript's description beside them, whose names are mentions alike
    (probe 65)."""
    record = keyed_names(etree.fromstring(_described("<text><body><p/></body></text>")))
    assert record == (("place", "p-1", "Avignon", ""), ("person", "o-1", "Ann Owner", ""))
    text = etree.fromstring(_described("<text><body><p>Words.</p></body></text>"))
    assert keyed_names(text) == record


def test_the_keyed_names_of_a_note_the_standoff_keeps_are_collected() -> None:
    """Task 38: a note of the standOff's listAnnotation is shown after the text, and its
    names are mentions: a keyed name there is collected (it was not, so the normalisation
    stage found no entry for it); a keyed name of a note elsewhere in the standOff, outside
    a listAnnotation, is not."""
    letter = etree.fromstring(
        LETTER.replace(
            "</text>",
            "</text><standOff><listAnnotation><note xml:id='n1'>Von "
            "<persName key='P004'>Max Weber</persName>.</note></listAnnotation>"
            "<note>Ohne Liste: <persName key='P005'>Niemand</persName></note></standOff>",
        )
    )
    assert keyed_names(letter)[-1] == ("person", "P004", "Max Weber", "de")
    assert "P005" not in {key for _, key, _, _ in keyed_names(letter)}


def test_an_entry_known_by_its_key_alone_is_named_by_its_mentions(tmp_path: Path) -> None:
    """Probe 48: the places page of the tei-samples read "key Gilgal_Deu.11.30" (a PTA
    homily's biblical place, keyed and not in any register), the key printed as an
    authority identifier under the entry. The entry, its card, the book's index and the
    data are named by the words of the text (of equal counts, the first met); the key is a
    small labelled detail of the index page, never a line that reads as a name."""
    src = tmp_path / "tei"
    src.mkdir()
    body = (
        '<p>ἐν <placeName type="biblical" key="Gilgal_Deu.11.30">Γαλγάλοις πέραν τοῦ '
        'Ἰορδάνου</placeName>, τὸ ὄνομα τοῦ τόπου <placeName type="biblical" '
        'key="Gilgal_Deu.11.30">Γάλγαλα</placeName>.</p>'
    )
    (src / "homily.xml").write_text(tei_text(body, "Homilia", "grc"), "utf-8")
    out = tmp_path / "dist"
    report = build([src], out, only=["html", "epub", "index"], jobs=1)
    assert report.errors == 0, report.sorted()
    name = "Γαλγάλοις πέραν τοῦ Ἰορδάνου"
    data = json.loads((out / "index/entities.json").read_text("utf-8"))
    (gilgal,) = [e for e in data["entities"] if e["id"] == "key-place-Gilgal_Deu.11.30"]
    assert gilgal["name"] == name
    with (out / "index/entities.csv").open(encoding="utf-8", newline="") as handle:
        assert [row["name"] for row in csv.DictReader(handle)] == [name]
    places = etree.parse(str(out / "html/places.html"), etree.HTMLParser())
    (entry,) = places.xpath('//section[@id="key-place-Gilgal_Deu.11.30"]')
    assert entry.xpath("string(h3/span)") == name
    # every line of the entry a reader reads as its names or identifiers is free of the key
    for line in entry.xpath("h3 | p | ul/li[not(@class = 'index-key')]"):
        assert "Gilgal" not in "".join(line.itertext()), etree.tostring(line)
    (key,) = entry.xpath("ul/li[@class = 'index-key']")
    assert " ".join("".join(key.itertext()).split()) == "Key in the source: Gilgal_Deu.11.30"
    assert key.xpath("small/code/text()") == ["Gilgal_Deu.11.30"]
    page = etree.parse(str(out / "html/homily.html"), etree.HTMLParser())
    (card,) = page.xpath('//*[@id="ed-card-key-place-Gilgal_Deu.11.30"]')
    assert card.xpath("string(p[@class = 'card-title'])") == name
    assert "Gilgal" not in "".join(card.itertext())
    (book,) = out.glob("epub/*.epub")
    with zipfile.ZipFile(book) as epub:
        index = etree.fromstring(epub.read("OEBPS/index.xhtml"))
    terms = index.xpath("//*[@class = 'index-term']")
    assert [t.xpath("string()") for t in terms] == [name]
    assert "Gilgal" not in "".join(index.itertext())
