"""Checks of the encoded narrative tei/texts/belgium-1944.xml and its registers.

The tests need only lxml (and jing for the schema test). They compare the encoded text
with the plain-text source word for word, check that every entity reference resolves to
a register entry of the right kind, check the ISO 8601 dates, and validate every TEI file
against TEI's own schema (tei_all.rng).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from itertools import zip_longest
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared/sources/000_1481e658385669f7.txt"
TEI_ALL = ROOT.parent / "shared/schemas/tei_all.rng"
TEXT = ROOT / "tei/texts/belgium-1944.xml"
REGISTERS = {
    "persName": (ROOT / "tei/registers/persons.xml", "person"),
    "placeName": (ROOT / "tei/registers/places.xml", "place"),
    "orgName": (ROOT / "tei/registers/organisations.xml", "org"),
}
TEI_FILES = [TEXT] + [path for path, _ in REGISTERS.values()]

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
END_OF_NARRATIVE = "Donation"
SOURCE_URLS = [
    "https://www.yadvashem.org/holocaust/this-month/november/1944.html",
    "https://www.jewishgen.org/forgottencamps/camps/BelgEngl.html",
    "https://encyclopedia.ushmm.org/content/en/article/belgium",
    "https://www.yadvashem.org/righteous/stories/belgium-historical-background.html",
]
SECTION_HEADS = [
    "Jewish Resistance in Belgium during the Occupation",
    "Transitioning from Resistance to Reconstruction",
    "The Role of Jewish Fighters in Post-Liberation Belgium",
]


def normalise(text: str) -> str:
    """Collapse runs of XML whitespace to one space and trim (as rendering does)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def string_value(element: etree._Element) -> str:
    return normalise("".join(element.itertext()))


def parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser)


@pytest.fixture(scope="module")
def text_tree() -> etree._ElementTree:
    return parse(TEXT)


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    """Non-blank lines of the source, up to and excluding the donation appeal."""
    if not SOURCE.is_file():
        pytest.skip(f"source not found: {SOURCE}")
    lines = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert END_OF_NARRATIVE in lines, "the source no longer has its donation appeal"
    return lines[: lines.index(END_OF_NARRATIVE)]


# (a) the text, word for word ------------------------------------------------------


def narrative_blocks(tree: etree._ElementTree) -> list[str]:
    """String values of every head and p of body, then of back's head and bibl."""
    body = tree.xpath("/tei:TEI/tei:text/tei:body//*[self::tei:head or self::tei:p]", namespaces=NS)
    back = tree.xpath(
        "/tei:TEI/tei:text/tei:back//*[self::tei:head or self::tei:bibl]", namespaces=NS
    )
    return [string_value(el) for el in body + back]


def test_body_matches_source_paragraph_by_paragraph(text_tree, source_lines):
    body = [
        string_value(el)
        for el in text_tree.xpath(
            "/tei:TEI/tei:text/tei:body//*[self::tei:head or self::tei:p]", namespaces=NS
        )
    ]
    expected = source_lines[: source_lines.index("Sources")]
    for number, (got, want) in enumerate(zip_longest(body, expected), start=1):
        assert got == want, f"block {number} (head or p) differs from the source"


def test_text_covers_every_narrative_line(text_tree, source_lines):
    assert narrative_blocks(text_tree) == source_lines
    assert " ".join(narrative_blocks(text_tree)) == " ".join(source_lines)


def test_donation_appeal_is_left_out(text_tree):
    text = string_value(text_tree.xpath("/tei:TEI/tei:text", namespaces=NS)[0])
    for omitted in ("Donation", "$2", "Leave a comment", "PayPal"):
        assert omitted not in text
    decl = string_value(text_tree.xpath("//tei:encodingDesc/tei:editorialDecl", namespaces=NS)[0])
    assert "donation" in decl.lower() and "omitted" in decl


def test_typography_is_kept(text_tree):
    text = string_value(text_tree.xpath("/tei:TEI/tei:text", namespaces=NS)[0])
    for kept in (
        "Belgium’s",
        "Comité de Défense des Juifs",
        "Front de l’Indépendance",
        "phase—one",
    ):
        assert kept in text
    assert "'" not in text


def test_structure(text_tree):
    root = text_tree.getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.get(XML_ID)
    divs = text_tree.xpath("/tei:TEI/tei:text/tei:body/tei:div", namespaces=NS)
    assert [d.get("type") for d in divs] == ["introduction", "section", "section", "section"]
    assert not divs[0].xpath("tei:head", namespaces=NS)
    assert len(divs[0].xpath("tei:p", namespaces=NS)) == 3
    assert [string_value(d.find("tei:head", NS)) for d in divs[1:]] == SECTION_HEADS
    sources = text_tree.xpath("/tei:TEI/tei:text/tei:back/tei:div[@type='sources']", namespaces=NS)
    assert len(sources) == 1
    assert string_value(sources[0].find("tei:head", NS)) == "Sources"


def test_source_urls_are_ref_targets(text_tree):
    back = text_tree.xpath(
        "/tei:TEI/tei:text/tei:back/tei:div[@type='sources']/tei:listBibl/tei:bibl/tei:ref",
        namespaces=NS,
    )
    assert [ref.get("target") for ref in back] == SOURCE_URLS
    assert [string_value(ref) for ref in back] == SOURCE_URLS
    header = text_tree.xpath("//tei:sourceDesc//tei:listBibl//tei:ref/@target", namespaces=NS)
    assert list(header) == SOURCE_URLS


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda p: p.name)
def test_xml_model_processing_instructions(path):
    tree = parse(path)
    pis = [
        node
        for node in tree.getroot().itersiblings(preceding=True)
        if isinstance(node, etree._ProcessingInstruction)
    ][::-1]
    assert [pi.target for pi in pis] == ["xml-model", "xml-model"]
    assert pis[0].get("href") == "../../schema/edition.rng"
    assert pis[0].get("schematypens") == "http://relaxng.org/ns/structure/1.0"
    assert pis[1].get("href") == "../../schema/edition.sch"
    assert pis[1].get("schematypens") == "http://purl.oclc.org/dsdl/schematron"


# (b) references and registers -------------------------------------------------------


def register_entries() -> dict[str, tuple[str, Path]]:
    """xml:id -> (local name of the entry element, register file) over all registers."""
    entries: dict[str, tuple[str, Path]] = {}
    for path, kind in REGISTERS.values():
        for entry in parse(path).xpath(f"/tei:TEI/tei:standOff//tei:{kind}", namespaces=NS):
            key = entry.get(XML_ID)
            assert key, f"{path.name}: {kind} without xml:id"
            assert key not in entries, f"duplicate xml:id {key}"
            entries[key] = (kind, path)
    return entries


def name_refs(tree: etree._ElementTree) -> list[tuple[str, str]]:
    """(element name, @ref) of every name element of the narrative text."""
    names = tree.xpath(
        "/tei:TEI/tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName]",
        namespaces=NS,
    )
    return [(etree.QName(el).localname, el.get("ref")) for el in names]


def test_every_name_has_a_ref_that_resolves_to_the_right_kind(text_tree):
    entries = register_entries()
    refs = name_refs(text_tree)
    assert refs, "no names are tagged"
    for element, ref in refs:
        assert ref and ref.startswith("#"), f"{element} without a local @ref"
        key = ref[1:]
        assert key in entries, f"{element} ref={ref} has no register entry"
        expected_kind = REGISTERS[element][1]
        assert entries[key][0] == expected_kind, (
            f"{element} ref={ref} points at a {entries[key][0]}"
        )


def test_every_register_entry_is_referenced(text_tree):
    used = {ref[1:] for _, ref in name_refs(text_tree) if ref}
    orphans = sorted(set(register_entries()) - used)
    assert not orphans, f"register entries never referenced: {orphans}"


def test_xml_ids_are_unique_across_files():
    seen: dict[str, Path] = {}
    for path in TEI_FILES:
        for key in parse(path).xpath("//@xml:id"):
            assert key not in seen, f"xml:id {key} in {path.name} and {seen[key].name}"
            seen[key] = path


def test_local_pointers_resolve(text_tree):
    ids = set(text_tree.xpath("//@xml:id")) | set(register_entries())
    for attr in text_tree.xpath("//@who | //@ref | //@corresp"):
        for pointer in attr.split():
            if pointer.startswith("#"):
                assert pointer[1:] in ids, f"@{attr.attrname}={pointer} does not resolve"


@pytest.mark.parametrize("path,kind", list(REGISTERS.values()), ids=lambda v: getattr(v, "name", v))
def test_register_entries_are_complete(path, kind):
    tree = parse(path)
    name = {"person": "persName", "place": "placeName", "org": "orgName"}[kind]
    for entry in tree.xpath(f"//tei:{kind}", namespaces=NS):
        key = entry.get(XML_ID)
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", key), f"id not readable: {key}"
        preferred = entry.xpath(f"tei:{name}[@type='preferred']", namespaces=NS)
        assert len(preferred) == 1, f"{key}: needs exactly one preferred {name}"
        assert entry.xpath("tei:note", namespaces=NS), f"{key}: needs a note"
        for geo in entry.xpath(".//tei:geo", namespaces=NS):
            lat, long = (float(v) for v in geo.text.split())
            assert -90 <= lat <= 90 and -180 <= long <= 180


def test_every_form_in_the_text_is_in_the_register(text_tree):
    forms: dict[str, set[str]] = {}
    for path, kind in REGISTERS.values():
        for entry in parse(path).xpath(f"//tei:{kind}", namespaces=NS):
            names = entry.xpath("tei:persName | tei:placeName | tei:orgName", namespaces=NS)
            forms[entry.get(XML_ID)] = {string_value(n) for n in names}
    for el in text_tree.xpath(
        "/tei:TEI/tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName]",
        namespaces=NS,
    ):
        key = el.get("ref")[1:]
        assert string_value(el) in forms[key], f"form {string_value(el)!r} missing from {key}"


# (c) dates ------------------------------------------------------------------------

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def iso_bounds(value: str) -> tuple[date, date]:
    """First and last day denoted by an ISO 8601 year, year-month or full date."""
    match = ISO_DATE.fullmatch(value)
    assert match, f"not an ISO 8601 date: {value!r}"
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    assert 1 <= month <= 12, value
    if day is None:
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(following.toordinal() - 1)
    return date(year, month, day), date(year, month, day)  # raises if invalid


def test_dates_are_iso_8601(text_tree):
    dates = text_tree.xpath("/tei:TEI/tei:text//tei:date", namespaces=NS)
    assert dates, "no dates are tagged"
    for el in dates:
        when, not_before, not_after = el.get("when"), el.get("notBefore"), el.get("notAfter")
        if when is not None:
            iso_bounds(when)
            assert not_before is None and not_after is None
        else:
            assert not_before and not_after, f"date {string_value(el)!r} has no normalised value"
            assert iso_bounds(not_before)[0] <= iso_bounds(not_after)[1]


def test_dates_in_header_are_iso_8601(text_tree):
    for value in text_tree.xpath("/tei:TEI/tei:teiHeader//@when", namespaces=NS):
        iso_bounds(value)


# (d) validity against TEI ----------------------------------------------------------


def test_files_are_valid_against_tei_all():
    jing = shutil.which("jing")
    if jing is None:
        if os.environ.get("CI") == "true":
            pytest.fail("jing is not installed")
        pytest.skip("jing is not installed")
    if not TEI_ALL.is_file():
        pytest.skip(f"schema not found: {TEI_ALL}")
    result = subprocess.run(
        [jing, str(TEI_ALL), *map(str, TEI_FILES)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
