"""The edition's schema: schema/edition.rng (RELAX NG) and schema/edition.sch (Schematron).

(1) Every TEI file of the edition, and a kitchen-sink sample that uses every element of the
    grammar in every position it allows, are valid against edition.rng (lxml) and against
    TEI's own tei_all.rng (jing): the customisation only narrows TEI.
(2) Crafted samples that break the grammar are rejected by lxml's RELAX NG.
(3) Every Schematron rule fires, by (rule id, line), on a crafted sample and stays silent on
    the edition; run through pipeline.validate.schematron, as ``edition check`` runs it.
(4) The cross-file rules, run as oXygen runs them (files readable, a base URI), find
    dangling and wrong-kind references and unused entries; run under the pipeline's Saxon
    lock-down they stay silent instead of failing. Each of these runs Saxon in a
    subprocess, because a process has one Saxon processor and the pipeline's is locked.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
RNG = ROOT / "schema" / "edition.rng"
SCH = ROOT / "schema" / "edition.sch"
DOC = ROOT / "docs" / "schema.md"
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
IN_CI = os.environ.get("CI") == "true"
DATA = Path(__file__).parent / "data" / "schema"
KITCHEN_SINK = DATA / "kitchen-sink.xml"
EDITION = sorted((ROOT / "tei").rglob("*.xml"))

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
ANNOTATIONS_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"


def sample(body: str, standoff: str = "", header: str = "") -> str:
    """A minimal text document with ``body`` inside its body (and optional standOff)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Sample</title></titleStmt>
      <publicationStmt><p>Unpublished.</p></publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>{header}
  </teiHeader>
  <text>
    <body>
{body}
    </body>
  </text>{standoff}
</TEI>
"""


def register(entries: str) -> str:
    """A minimal register document whose standOff holds ``entries``."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Register</title></titleStmt>
      <publicationStmt><p>Unpublished.</p></publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
{entries}
  </standOff>
</TEI>
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th appearance of ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


# --- (1) the edition and the kitchen sink are valid against both grammars ----------------


@pytest.fixture(scope="module")
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RNG)))


def test_the_edition_has_files() -> None:
    assert any(path.parent.name == "texts" for path in EDITION)
    assert any(path.parent.name == "registers" for path in EDITION)


@pytest.mark.parametrize("path", [*EDITION, KITCHEN_SINK], ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_against_edition_rng(relaxng: etree.RelaxNG, path: Path) -> None:
    valid = relaxng.validate(etree.parse(str(path)))
    errors = [f"{e.line}: {e.message}" for e in relaxng.error_log]
    assert valid, "\n".join(errors)


@pytest.mark.slow
def test_valid_against_tei_all_and_edition_rng_with_jing() -> None:
    jing = shutil.which("jing")
    for what, there in (("the jing executable", jing), (str(TEI_ALL), TEI_ALL.is_file())):
        if not there:
            if IN_CI:
                pytest.fail(f"{what} is missing, and CI must run this check")
            pytest.skip(f"{what} is missing")
    assert jing is not None
    files = [str(p) for p in [*EDITION, KITCHEN_SINK]]
    for schema in (TEI_ALL, RNG):
        done = subprocess.run(
            [jing, str(schema), *files], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{schema.name}:\n{done.stdout}{done.stderr}"


def test_grammar_uses_only_tei_elements_and_attributes() -> None:
    """Names are checked against tei_all.rng, so a typo or a home-made element fails."""
    if not TEI_ALL.is_file():
        pytest.skip(f"{TEI_ALL} is missing")
    tei_all = etree.parse(str(TEI_ALL))
    tei_elements = set(tei_all.xpath("//r:element/@name", namespaces={"r": RNG_NS}))
    tei_attributes = set(tei_all.xpath("//r:attribute/@name", namespaces={"r": RNG_NS}))
    ours = etree.parse(str(RNG))
    assert ours.getroot().get("ns") == TEI_NS
    elements = set(ours.xpath("//r:element/@name", namespaces={"r": RNG_NS}))
    attributes = set(ours.xpath("//r:attribute/@name", namespaces={"r": RNG_NS}))
    assert not ours.xpath(
        "//r:element[@ns]|//r:attribute[@ns]|//r:anyName|//r:nsName", namespaces={"r": RNG_NS}
    )
    assert elements - tei_elements == set()
    assert attributes - tei_attributes == set()


def test_kitchen_sink_uses_every_element_of_the_grammar() -> None:
    grammar = etree.parse(str(RNG)).xpath("//r:element/@name", namespaces={"r": RNG_NS})
    used = {etree.QName(e).localname for e in etree.parse(str(KITCHEN_SINK)).iter("{*}*")}
    assert set(grammar) - used == set()


def test_every_define_is_documented() -> None:
    ours = etree.parse(str(RNG))
    defines = ours.xpath("//r:define", namespaces={"r": RNG_NS})
    assert defines
    undocumented = [
        d.get("name")
        for d in defines
        if not (d.xpath("string(a:documentation)", namespaces={"a": ANNOTATIONS_NS}) or "").strip()
    ]
    assert undocumented == []


# --- (1b) random documents drawn from the grammar are valid TEI ---------------------------

R = f"{{{RNG_NS}}}"
XML_NS = "http://www.w3.org/XML/1998/namespace"


#: Values for the datatypes edition.rng uses; each also satisfies the pattern facet there.
VALUES: dict[str, list[str]] = {
    "token": ["word", "x-y"],
    "anyURI": ["#g1", "persons.xml#a", "https://example.org/p"],
    "language": ["en", "fr", "nl-BE"],
    "string": ["s 1"],
    "gYear": ["1944"],
    "gYearMonth": ["1944-11"],
    "date": ["1944-02-29"],
    "dateTime": ["1944-11-24T10:30:00+01:00"],
    "nonNegativeInteger": ["42"],
    "geo": ["51.028 4.481", "-12.5 -100.25", "0 0"],
}
DEEP = 6  # below this depth, take the cheapest way out of every pattern


class Generator:
    """Draws random documents from a RELAX NG grammar (the patterns edition.rng uses)."""

    def __init__(self, grammar: Path) -> None:
        self.grammar = etree.parse(str(grammar)).getroot()
        self.defines = {d.get("name"): d for d in self.grammar.iter(f"{R}define")}
        self.random = random.Random(0)
        self.ids = 0
        self.costs: dict[str | None, int] = {}
        while True:  # fixed point: the fewest elements each define can produce
            costs = {name: self.cost(define) for name, define in self.defines.items()}
            if costs == self.costs:
                break
            self.costs = costs

    def document(self, seed: int) -> etree._Element:
        self.random.seed(seed)
        holder = etree.Element("holder")
        for pattern in self.patterns(self.grammar.find(f"{R}start")):
            self.emit(pattern, holder, 0)
        return holder[0]

    @staticmethod
    def patterns(parent: etree._Element | None) -> list[etree._Element]:
        assert parent is not None
        return [c for c in parent if isinstance(c.tag, str) and c.tag.startswith(R)]

    def cost(self, pattern: etree._Element) -> int:
        kind = etree.QName(pattern).localname
        parts = [self.cost(p) for p in self.patterns(pattern)]
        if kind == "element":
            return 1 + sum(parts)
        if kind == "ref":
            return self.costs.get(pattern.get("name"), 10**9)
        if kind == "choice":
            return min(parts, default=0)
        if kind in ("group", "oneOrMore", "define"):
            return min(10**9, sum(parts))
        return 0  # optional, zeroOrMore, attribute, text, data, value, empty

    def emit(self, pattern: etree._Element, parent: etree._Element, depth: int) -> None:
        kind = etree.QName(pattern).localname
        parts = self.patterns(pattern)
        deep = depth > DEEP
        count = 1
        if kind == "element":
            element = etree.SubElement(parent, f"{{{TEI_NS}}}{pattern.get('name')}")
            parent, depth = element, depth + 1
        elif kind == "ref":
            parts = self.patterns(self.defines[pattern.get("name")])
        elif kind == "choice":
            parts = [min(parts, key=self.cost) if deep else self.random.choice(parts)]
        elif kind == "optional":
            count = 0 if deep else self.random.randint(0, 1)
        elif kind in ("zeroOrMore", "oneOrMore"):
            count = 0 if deep else self.random.randint(0, 3)
            count = max(count, 1) if kind == "oneOrMore" else count
        elif kind == "attribute":
            name = str(pattern.get("name"))
            key = f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name
            if parent.get(key) is None:
                parent.set(key, self.value(parts[0]))
            return
        elif kind in ("text", "data", "value"):
            text = self.random.choice(["", "word ", "Two words "])
            self.add_text(parent, text if kind == "text" else self.value(pattern))
            return
        for _ in range(count):
            for part in parts:
                self.emit(part, parent, depth)

    @staticmethod
    def add_text(parent: etree._Element, text: str) -> None:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def value(self, pattern: etree._Element) -> str:
        kind = etree.QName(pattern).localname
        if kind == "value":
            return pattern.text or ""
        if kind == "choice":
            return self.value(self.random.choice(self.patterns(pattern)))
        if kind == "ref":
            return self.value(self.patterns(self.defines[pattern.get("name")])[0])
        if kind == "list":
            item = self.patterns(pattern)[0]
            if etree.QName(item).localname == "oneOrMore":
                item = self.patterns(item)[0]
            return " ".join(self.value(item) for _ in range(self.random.randint(1, 2)))
        assert kind == "data", kind
        datatype = str(pattern.get("type"))
        if datatype == "ID":
            self.ids += 1
            return f"g{self.ids}"
        if "\\d{1,2}" in (pattern.findtext(f"{R}param[@name='pattern']") or ""):
            datatype = "geo"
        return self.random.choice(VALUES[datatype])


@pytest.mark.slow
def test_random_documents_of_the_grammar_are_valid_tei(
    relaxng: etree.RelaxNG, tmp_path: Path
) -> None:
    """The customisation is a narrowing of TEI: whatever edition.rng accepts, tei_all does."""
    jing = shutil.which("jing")
    if jing is None or not TEI_ALL.is_file():
        if IN_CI:
            pytest.fail("jing and tei_all.rng are needed in CI")
        pytest.skip("jing or tei_all.rng is missing")
    files = []
    generator = Generator(RNG)
    for seed in range(40):
        root = generator.document(seed)
        assert relaxng.validate(etree.ElementTree(root)), (seed, relaxng.error_log.last_error)
        path = tmp_path / f"random-{seed}.xml"
        path.write_bytes(etree.tostring(root, pretty_print=True))
        files.append(str(path))
    done = subprocess.run([jing, str(TEI_ALL), *files], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[:3000]


# --- (2) the grammar rejects what it should ---------------------------------------------

INVALID = {
    "unknown-element": sample("<p>A <foo>made-up</foo> element.</p>"),
    "p-inside-p": sample("<p>Outer <p>inner</p> paragraph.</p>"),
    "non-tei-element": sample('<p>A <x:b xmlns:x="urn:example">foreign</x:b> element.</p>'),
    "missing-teiHeader": """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <text><body><p>No header.</p></body></text>
</TEI>""",
    "no-text-or-standOff": """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p></publicationStmt>
  <sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader></TEI>""",
    "unknown-attribute": sample('<p colour="red">Text.</p>'),
    "non-tei-attribute": sample('<p xmlns:x="urn:example" x:colour="red">Text.</p>'),
    "text-between-divs": sample("<div><p>One.</p></div> loose text <div><p>Two.</p></div>"),
    "div-type-not-in-list": sample('<div type="kapitel"><p>Text.</p></div>'),
    "head-after-p": sample("<div><p>Text.</p><head>Late</head></div>"),
    "date-not-iso": sample('<p><date when="24/11/1944">24 November 1944</date></p>'),
    "date-impossible": sample('<p><date when="1944-13">1944</date></p>'),
    "foreign-without-lang": sample("<p><foreign>étranger</foreign></p>"),
    "ptr-without-target": sample("<p><ptr/></p>"),
    "entry-without-id": register(
        '<listPerson><person><persName type="preferred">A</persName></person></listPerson>'
    ),
    "entry-name-without-type": register(
        '<listPlace><place xml:id="a"><placeName>A</placeName></place></listPlace>'
    ),
    "entry-name-bad-type": register(
        '<listOrg><org xml:id="a"><orgName type="main">A</orgName></org></listOrg>'
    ),
    "entry-note-before-name": register(
        '<listPlace><place xml:id="a"><note>N</note>'
        '<placeName type="preferred">A</placeName></place></listPlace>'
    ),
    "geo-not-coordinates": register(
        '<listPlace><place xml:id="a"><placeName type="preferred">A</placeName>'
        "<location><geo>north of Brussels</geo></location></place></listPlace>"
    ),
    "person-in-text": sample(
        '<p><person xml:id="a"><persName type="preferred">A</persName></person></p>'
    ),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_grammar_rejects(relaxng: etree.RelaxNG, name: str) -> None:
    tree = etree.ElementTree(etree.fromstring(INVALID[name].encode()))
    assert not relaxng.validate(tree), f"{name} was accepted"


# --- (3) Schematron rules, by (rule id, line) -------------------------------------------


@pytest.fixture(scope="module")
def schematron() -> Iterator[object]:
    module = pytest.importorskip("pipeline.validate.schematron")
    yield module.validator_for(SCH)


def check(validator: object, text: str) -> list[tuple[str, int | None]]:
    from pipeline.gate import parse_bytes

    result = parse_bytes(text.encode(), Path("sample.xml"))
    assert result.document is not None, result.diagnostics
    diagnostics = validator.validate(result.document)  # type: ignore[attr-defined]
    return sorted((d.code, d.line) for d in diagnostics)


def test_schematron_compiles_every_pattern(schematron: object) -> None:
    assert schematron.skipped == ()  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", EDITION, ids=lambda p: str(p.relative_to(ROOT)))
def test_schematron_is_silent_on_the_edition(schematron: object, path: Path) -> None:
    from pipeline.gate import read_document

    document = read_document(path).document
    assert document is not None
    assert schematron.validate(document) == []  # type: ignore[attr-defined]


def test_schematron_is_silent_on_the_kitchen_sink(schematron: object) -> None:
    assert check(schematron, KITCHEN_SINK.read_text(encoding="utf-8")) == []


# (rule id, sample, the text on the line where it must fire, occurrence of that text)
FIRES = {
    "ed-date-iso-month": (
        "ed-date-iso",
        sample('<p>In <date when="1944-13">1944</date>.</p>'),
        "1944-13",
    ),
    "ed-date-iso-day": (
        "ed-date-iso",
        sample('<p>On <date when="1944-02-30">30 February</date>.</p>'),
        "1944-02-30",
    ),
    "ed-date-iso-notAfter": (
        "ed-date-iso",
        sample('<p>In\n<date notBefore="1944" notAfter="1944-9">late 1944</date>.</p>'),
        "1944-9",
    ),
    "ed-date-iso-time-without-seconds": (
        "ed-date-iso",
        sample('<p>At <date when="1944-11-24T10:30">half past ten</date>.</p>'),
        "T10:30",
    ),
    "ed-date-order": (
        "ed-date-order",
        sample('<p>In <date notBefore="1945" notAfter="1944-12-31">1944 or 1945</date>.</p>'),
        "notBefore",
    ),
    "ed-date-order-same-year-months": (
        "ed-date-order",
        sample('<p>In <date notBefore="1944-11" notAfter="1944-10-31">autumn</date>.</p>'),
        "notBefore",
    ),
    "ed-date-span": (
        "ed-date-span",
        sample('<p>From <date from="1944-12" to="1944-11-30">then</date>.</p>'),
        'from="1944-12"',
    ),
    # probe 113: a point and a range at once (TEI's att-datable-w3c-when), filed by @when
    "ed-date-mixed-when": (
        "ed-date-mixed",
        sample('<p>By\n<date when="1944-11" notBefore="1944-10-01">November</date>.</p>'),
        'notBefore="1944-10-01"',
    ),
    "ed-date-mixed-from": (
        "ed-date-mixed",
        sample('<p>From\n<date from="1944-10" notBefore="1944-09">then</date>.</p>'),
        'from="1944-10"',
    ),
    # probe 141: a date of the text without a normalised value passed the check
    "ed-date-value": (
        "ed-date-value",
        sample("<p>In\n<date>September 1944</date>.</p>"),
        "September 1944",
    ),
    # probe 141: an identifier that cannot be its authority's was linked by the card
    "ed-authority-form": (
        "ed-authority-form",
        sample(
            "<p>T.</p>",
            standoff='<standOff><listPlace><place xml:id="b"><placeName type="preferred">B'
            '</placeName>\n<idno type="Wikidata">Q31x</idno></place></listPlace></standOff>',
        ),
        "Q31x",
    ),
    # probe 143: by its subtype when typed by its form; a GND number of several hyphens
    "ed-authority-form-subtype": (
        "ed-authority-form",
        sample(
            "<p>T.</p>",
            standoff='<standOff><listPlace><place xml:id="b"><placeName type="preferred">B'
            '</placeName>\n<idno type="URL" subtype="wikidata">Q31y</idno></place></listPlace>'
            "</standOff>",
        ),
        "Q31y",
    ),
    "ed-authority-form-gnd": (
        "ed-authority-form",
        sample(
            "<p>T.</p>",
            standoff='<standOff><listPlace><place xml:id="b"><placeName type="preferred">B'
            '</placeName>\n<idno type="gnd">1-2-3-X</idno></place></listPlace></standOff>',
        ),
        "1-2-3-X",
    ),
    "ed-id-unique": (
        "ed-id-unique",
        sample('<p xml:id="same">One.</p>\n<p xml:id="same">Two.</p>'),
        'xml:id="same"',
        2,
    ),
    "ed-empty-p": ("ed-empty-p", sample("<p>Text.</p>\n<p> <lb/> </p>"), "<lb/>"),
    "ed-empty-head": (
        "ed-empty-head",
        sample("<div>\n<head>  </head>\n<p>Text.</p></div>"),
        "<head>",
    ),
    "ed-name-ref": (
        "ed-name-ref",
        sample("<p>Said <persName>Someone</persName>.</p>"),
        "<persName>",
    ),
    # probe 41: a name in a register entry's note is a mention, still asked for its @ref
    "ed-name-ref-in-an-entry-note": (
        "ed-name-ref",
        sample(
            '<listPerson><person xml:id="a"><persName type="preferred">A</persName>'
            "<note>Wife of <persName>Someone</persName>.</note></person></listPerson>"
        ),
        "<persName>Someone",
    ),
    "ed-ref-syntax-no-hash": (
        "ed-ref-syntax",
        sample('<p>In <placeName ref="belgium">Belgium</placeName>.</p>'),
        'ref="belgium"',
    ),
    "ed-ref-syntax-url": (
        "ed-ref-syntax",
        sample('<p>In <placeName ref="https://www.wikidata.org/wiki/Q31">B</placeName>.</p>'),
        "wikidata",
    ),
    "ed-ref-syntax-second-token": (
        "ed-ref-syntax",
        sample('<p>The <orgName ref="#a other.txt#b">O</orgName>.</p>'),
        "other.txt",
    ),
    "ed-ref-kind-local": (
        "ed-ref-kind",
        sample(
            '<p>Met <persName ref="#brussels">Brussels</persName>.</p>',
            standoff='\n  <standOff><listPlace><place xml:id="brussels">'
            '<placeName type="preferred">Brussels</placeName></place></listPlace></standOff>',
        ),
        'ref="#brussels"',
    ),
    "ed-preferred-name-none": (
        "ed-preferred-name",
        register(
            '<listPlace>\n<place xml:id="a"><placeName type="variant">A</placeName></place>'
            "</listPlace>"
        ),
        'xml:id="a"',
    ),
    "ed-preferred-name-two": (
        "ed-preferred-name",
        register(
            '<listOrg>\n<org xml:id="a"><orgName type="preferred">A</orgName>'
            '<orgName type="preferred">B</orgName></org></listOrg>'
        ),
        'xml:id="a"',
    ),
    "ed-geo-range": (
        "ed-geo-range",
        register(
            '<listPlace><place xml:id="a"><placeName type="preferred">A</placeName>\n'
            "<location><geo>95.1 4.4</geo></location></place></listPlace>"
        ),
        "<geo>",
    ),
}


@pytest.mark.parametrize("case", sorted(FIRES))
def test_schematron_rule_fires_at_its_line(schematron: object, case: str) -> None:
    code, text, needle, *occurrence = FIRES[case]
    assert check(schematron, text) == [(code, line_of(text, needle, *occurrence))]


SILENT = {
    "dates-of-every-precision": sample(
        '<p><date when="1944">a</date> <date when="1944-11">b</date>'
        ' <date when="1944-11-24">c</date> <date when="1944-11-24T10:30:00">d</date>'
        ' <date when="1944-11-24T10:30:00.5+01:00">e</date></p>'
    ),
    "leap-day": sample('<p><date when="1944-02-29">29 February 1944</date></p>'),
    "order-across-precisions": sample(
        '<p><date notBefore="1944-11" notAfter="1944">a</date>'
        ' <date notBefore="1944-09-01" notAfter="1944-09">b</date>'
        ' <date notBefore="1944-09-30" notAfter="1944-09">c</date>'
        ' <date from="1944" to="1944-01-01">d</date></p>'
    ),
    "head-with-only-a-name": sample(
        '<div><head><placeName ref="#b">B</placeName></head><p>T.</p></div>',
        standoff='<standOff><listPlace><place xml:id="b"><placeName type="preferred">B'
        "</placeName></place></listPlace></standOff>",
    ),
    "names-in-the-header-need-no-ref": sample(
        "<p>Text.</p>",
        header="<profileDesc><creation>By <placeName>Here</placeName>.</creation></profileDesc>",
    ),
    "refs-to-other-files": sample(
        '<p><persName ref="../registers/persons.xml#a persons.xml#b">A</persName>'
        ' <placeName ref="#c">C</placeName></p>'
    ),
    # a bibliography's date ("n.d.") and one of -iso or -custom values need no @when
    "dates-of-bibliographies-and-other-calendars": sample(
        '<p><bibl>Anon., <date>n.d.</date></bibl> <date when-iso="1944-W47">a week</date>'
        ' <date when-custom="5705" datingMethod="#hebrew">5705</date></p>'
    ),
    "authority-identifiers-of-every-accepted-form": sample(
        "<p>T.</p>",
        standoff='<standOff><listPlace><place xml:id="b"><placeName type="preferred">B'
        '</placeName><idno type="wikidata">Q31</idno><idno type="wikidata">wd:Q46</idno>'
        '<idno type="viaf">https://viaf.org/viaf/x</idno><idno type="geonames"/>'
        '<idno type="gnd">4005728-8</idno><idno type="gnd">11854023X</idno>'
        '<idno type="isni">0000 0001</idno></place></listPlace></standOff>',
    ),
    "page-numbers-in-biblScope-are-not-dates": sample(
        '<bibl><biblScope unit="page" from="12" to="3">12–3</biblScope></bibl>'
    ),
    # probe 41: a register kept in the text (the Karl Kraus letters' register file, whose
    # body holds the listPerson): the entry's own name was asked for a @ref to its entry
    "a-register-entry-in-the-text-names-itself": sample(
        '<listPerson><person xml:id="kraus"><persName type="preferred"><forename>Karl'
        "</forename> <surname>Kraus</surname></persName></person></listPerson>"
        '<listPlace><place xml:id="wien"><placeName type="preferred">Wien</placeName>'
        "</place></listPlace><p>Text.</p>"
    ),
    # probe 23: a glyph's pointer at its declaration (TCP's prefixed "char:EOLhyphen") was
    # told to point at "an entry of the registers"
    "a-glyph-points-at-its-declaration": sample(
        '<p>preci<g ref="char:EOLhyphen"/>ous, broke<g ref="#stroke">̄</g></p>'
    ),
    # probe 15: a folio range and an apparatus entry's end-points were "not an ISO 8601 date"
    "folios-and-pointers-are-not-dates": sample(
        '<p><locus from="1a" to="2b">ff. 1a–2b</locus> <anchor xml:id="s"/>word<anchor'
        ' xml:id="e"/></p><listApp><app from="#s" to="#e"><lem>word</lem></app></listApp>'
    ),
}


@pytest.mark.parametrize("case", sorted(SILENT))
def test_schematron_is_silent(schematron: object, case: str) -> None:
    assert check(schematron, SILENT[case]) == []


def test_schematron_messages_follow_the_house_style() -> None:
    """Stable ids everywhere; messages start in lower case and end without a period."""
    tree = etree.parse(str(SCH))
    ns = {"s": SCH_NS}
    checks = tree.xpath("//s:assert | //s:report", namespaces=ns)
    rules = tree.xpath("//s:rule | //s:pattern", namespaces=ns)
    ids = [e.get("id") for e in [*checks, *rules]]
    assert None not in ids
    assert len(ids) == len(set(ids))
    for rule in tree.xpath("//s:rule", namespaces=ns):
        kinds = [etree.QName(child).localname for child in rule.iterchildren("{*}*")]
        lets = [i for i, kind in enumerate(kinds) if kind == "let"]
        checks_at = [i for i, kind in enumerate(kinds) if kind in ("assert", "report")]
        assert not lets or max(lets) < min(checks_at), (rule.get("id"), "let after a check")
    for element in checks:
        text = " ".join("".join(element.itertext()).split())
        assert not text.endswith("."), element.get("id")
        if element.text and element.text.strip():
            first = element.text.strip()[0]
            assert not first.isupper(), element.get("id")


def test_every_schematron_code_is_documented() -> None:
    tree = etree.parse(str(SCH))
    codes = tree.xpath("//s:assert/@id | //s:report/@id", namespaces={"s": SCH_NS})
    documented = DOC.read_text(encoding="utf-8")
    assert [c for c in codes if f"`{c}`" not in documented] == []


# --- (4) cross-file rules: in oXygen they work, under the lock-down they are silent -------

# Runs the compiled Schematron on files with a real base URI in a fresh Saxon processor.
# Argument 1: the compiled stylesheet; 2: "lock" or "open"; the rest: documents. With
# "lock" the documents are parsed first and then the processor is locked down exactly as
# pipeline/xslt.py locks it, the worst case: a base URI is there, doc() may not be used.
RUNNER = r"""
import json, sys
from pathlib import Path
import saxonche
from lxml import etree
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
processor = saxonche.PySaxonProcessor(license=False)
compiler = processor.new_xslt30_processor()
stylesheet = compiler.compile_stylesheet(stylesheet_text=Path(sys.argv[1]).read_text())
nodes = [(path, processor.parse_xml(xml_file_name=path)) for path in sys.argv[3:]]
if sys.argv[2] == "lock":
    processor.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "")
found = []
for path, node in nodes:
    output = stylesheet.transform_to_string(xdm_node=node)
    for element in etree.fromstring(output.encode()):
        tag = etree.QName(element).localname
        if tag in ("failed-assert", "successful-report"):
            text = " ".join("".join(element.itertext()).split())
            found.append([Path(path).name, element.get("id"), element.get("role"), text])
        elif tag == "runtime-error":
            found.append([Path(path).name, "runtime-error", None, element.text or ""])
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def compiled_xslt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Schematron compiled by the pipeline's compiler, as a stylesheet file."""
    module = pytest.importorskip("pipeline.validate.schematron")
    cache = tmp_path_factory.mktemp("compiled")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDITION_CACHE_DIR", str(cache))
        patch.setattr(module, "_validators", {})
        module.validator_for(SCH)
    found = sorted(cache.rglob("*.xsl"))
    assert len(found) == 1, found
    return found[0]


def run_outside(xslt: Path, mode: str, files: list[Path]) -> list[list[str | None]]:
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(xslt), mode, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result: list[list[str | None]] = json.loads(done.stdout)
    return result


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """A small corpus laid out like tei/: one text, three registers."""
    texts = tmp_path / "tei" / "texts"
    registers = tmp_path / "tei" / "registers"
    texts.mkdir(parents=True)
    registers.mkdir()
    text = sample(
        '<p><persName ref="#anna">Anna</persName> went to'
        ' <placeName ref="../registers/places.xml#brussels">Brussels</placeName>,'
        ' not to <placeName ref="#nowhere">Nowhere</placeName>, and joined the'
        ' <orgName ref="#anna">Anna group</orgName> and the'
        ' <orgName ref="organisations.xml#cdj">CDJ</orgName>.</p>'
    )
    files = {
        texts / "text.xml": text,
        registers / "persons.xml": register(
            '<listPerson><person xml:id="anna"><persName type="preferred">Anna</persName>'
            "</person></listPerson>"
        ),
        registers / "places.xml": register(
            '<listPlace><place xml:id="brussels"><placeName type="preferred">Brussels'
            '</placeName></place><place xml:id="ghent"><placeName type="preferred">Ghent'
            "</placeName></place></listPlace>"
        ),
        registers / "organisations.xml": register(
            '<listOrg><org xml:id="cdj"><orgName type="preferred">CDJ</orgName></org></listOrg>'
        ),
    }
    for path, content in files.items():
        path.write_text(content, encoding="utf-8")
    return sorted(files)


@pytest.mark.slow
def test_cross_file_rules_work_where_files_are_readable(
    compiled_xslt: Path, corpus: list[Path]
) -> None:
    found = run_outside(compiled_xslt, "open", corpus)
    codes = sorted((name, code) for name, code, _, _ in found)
    assert codes == [
        ("places.xml", "ed-register-unused"),  # ghent: no text mentions it
        ("text.xml", "ed-ref-kind"),  # orgName -> #anna, a person
        ("text.xml", "ed-ref-target"),  # #nowhere
    ], found
    messages = {code: (role, text) for _, code, role, text in found}
    assert messages["ed-register-unused"][0] == "warning"
    assert '"ghent"' in str(messages["ed-register-unused"][1])
    assert "#nowhere" in str(messages["ed-ref-target"][1])
    assert "#anna is a person" in str(messages["ed-ref-kind"][1])


@pytest.mark.slow
def test_cross_file_rules_pass_on_the_edition_where_files_are_readable(
    compiled_xslt: Path,
) -> None:
    assert run_outside(compiled_xslt, "open", EDITION) == []


@pytest.mark.slow
def test_cross_file_rules_are_silent_under_the_lock_down(
    compiled_xslt: Path, corpus: list[Path]
) -> None:
    # doc-available() answers false under allowedProtocols="" instead of raising, so the
    # guards switch the cross-file checks off without a runtime error
    assert run_outside(compiled_xslt, "lock", corpus) == []


def test_rng_and_sch_agree_on_the_date_shape() -> None:
    """The grammar's date patterns and the Schematron's regexes accept the same shapes."""
    rng = RNG.read_text(encoding="utf-8")
    sch = SCH.read_text(encoding="utf-8")
    time = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+\-]\d{2}:\d{2})?"
    assert f">{time}<" in rng
    assert f"'^{time}$'" in sch
    assert re.fullmatch(time, "1944-11-24T10:30:00Z")


def test_a_date_with_a_time_zone_is_a_date(schematron: object, relaxng: etree.RelaxNG) -> None:
    """Probe 118 (EpiDoc's change when="2009-05-19+01:00"): a date of xsd's types with a time
    zone, which TEI takes, was "not an ISO 8601 date" to the grammar and the rules; a
    measure's from and to are numbers, never dates."""
    zoned = sample(
        '<p><date when="2009-05-19+01:00">a</date> <date when="1944-11Z">b</date> '
        '<date notBefore="1944-11-01-05:00" notAfter="1945">c</date></p>'
    )
    assert check(schematron, zoned) == []
    assert relaxng.validate(etree.fromstring(zoned.encode())), relaxng.error_log
    measured = sample("<p><measure from='0.06' to='0.055' unit='metre'>x</measure></p>")
    assert "ed-date-iso" not in {code for code, _ in check(schematron, measured)}


def test_a_choice_holds_its_two_readings_in_either_order(relaxng: etree.RelaxNG) -> None:
    """Probe 139 (papyri.info writes <choice><reg>…</reg><orig>…</orig></choice>): the
    edition's schema took the pairs of a choice in one order, where TEI takes either; one
    reading alone is still refused."""
    both = sample(
        "<p><choice><reg>κάτω</reg><orig>κάτωι</orig></choice> <choice><corr>x</corr>"
        "<sic>y</sic></choice> <choice><expan>and</expan><abbr>&amp;</abbr></choice></p>"
    )
    assert relaxng.validate(etree.fromstring(both.encode())), relaxng.error_log
    one = sample("<p><choice><sic>y</sic></choice></p>")
    assert not relaxng.validate(etree.fromstring(one.encode()))
