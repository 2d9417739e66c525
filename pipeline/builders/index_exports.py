"""The exports of the entity index: its XML -> the files of ``OUT/index/``.

``entities.json`` (records of ``entities.schema.json``, which is copied beside it),
``entities.csv``, ``occurrences.csv``, ``relations.csv`` and ``places.geojson`` are written
from the parsed index in Python; ``entities.xml`` is a TEI ``standOff``
(``xslt/index/tei.xsl``). Every output uses the register ``xml:id`` as the entity's id.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lxml import etree

from ..errors import EnvironmentFailure
from ..io import write_text_atomic
from ..parallel import TaskFailed, run_apart
from ..paths import SCHEMA_DIR
from ..xslt import engine
from .index_model import DATABLE, NS

if TYPE_CHECKING:
    from ..build import BuildContext

SCHEMA_FILE = SCHEMA_DIR / "entities.schema.json"
SCHEMA_NAME = "entities.schema.json"
#: Columns of entities.csv and occurrences.csv.
ENTITY_COLUMNS: tuple[str, ...] = ("id", "type", "subtype", "name", "count", "speeches")
ENTITY_COLUMNS += ("variants", "note")
ENTITY_COLUMNS += ("authority", "latitude", "longitude", "source", "birth", "death")
#: the register's other names ("name [lang]", "; " between): last, so older readers of the
#: file find every column where it was
ENTITY_COLUMNS += ("names",)
#: the places a place lies in, nearest first, by id (probe 94: only the JSON had them)
ENTITY_COLUMNS += ("within",)
#: The attributes that date a relation (att.datable.w3c, then att.datable.iso), in the order
#: entities.json gives them (common/relations.xsl's r:relation-dating).
RELATION_DATING: tuple[str, ...] = DATABLE + tuple(f"{name}-iso" for name in DATABLE)
#: Columns of relations.csv: one row per relation as one entity it involves reads it (its side,
#: the other entity), the edge list a network tool loads; several others of one relation are
#: several rows, not a list packed into one cell of entities.csv.
RELATION_COLUMNS: tuple[str, ...] = ("entity", "type", "relation", "role", "other")
RELATION_COLUMNS += ("other_type", "other_name")
OCCURRENCE_COLUMNS: tuple[str, ...] = ("entity", "type", "document", "mention", "section")
OCCURRENCE_COLUMNS += ("section_heading", "block", "page", "page_id", "text", "context", "url")


def _occurrences(entity: etree._Element) -> list[etree._Element]:
    found: list[etree._Element] = entity.findall("ed:occurrence", NS)
    return found


def _context(record: etree._Element) -> str:
    before = record.findtext("ed:before", "", NS)
    after = record.findtext("ed:after", "", NS)
    return f"{before}{record.findtext('ed:text', '', NS)}{after}".strip()


def _url(record: etree._Element) -> str:
    return f"../html/{_file(record)}#{record.get('mention')}"


def _file(record: etree._Element) -> str:
    """The reading page of a record: a long text's part holding it, else the text's page."""
    return record.get("file") or f"{record.get('document')}.html"


def _or_none(value: str | None) -> str | None:
    return value or None


def _location(record: etree._Element) -> dict[str, object]:
    """The keys shared by an occurrence and a dated mention, in their JSON order."""
    return {
        "document": record.get("document", ""),
        "mention": record.get("mention", ""),
        "section": _or_none(record.get("section")),
        "section_heading": _or_none(record.get("heading")),
        "block": _or_none(record.get("block")),
        "page": _or_none(record.get("page")),
        "page_id": _or_none(record.get("page-id")),
        "text": record.findtext("ed:text", "", NS),
        "context": _context(record),
        "url": _url(record),
    }


def _coordinates(entity: etree._Element) -> tuple[str, str] | None:
    geo = entity.find("ed:coordinates", NS)
    if geo is None:
        return None
    return geo.get("lat", ""), geo.get("long", "")


def _life(entity: etree._Element) -> dict[str, str | None] | None:
    """A person's birth and death (ISO dates, or the register's words), or None."""
    life = entity.find("ed:life", NS)
    if life is None:
        return None
    return {"birth": life.get("birth"), "death": life.get("death")}


def _named(record: etree._Element) -> dict[str, str | None]:
    """A place or another entity as the index names it: its register id and kind when it is an
    entry, else only the words written (a pointer that names no entry, a place's words)."""
    return {"id": record.get("id"), "type": record.get("type"), "name": record.text or ""}


def _event(entity: etree._Element, which: str) -> dict[str, object] | None:
    """A birth or death as the index pages read it (``modules/facts.xsl``): its date as the
    register's attributes give it, else its words, the century or decade it says ("century
    18", language-neutral), and its places."""
    event = entity.find(f"ed:life/ed:{which}", NS)
    if event is None:
        return None
    record: dict[str, object] = {key: event.get(key) for key in DATABLE}
    record["period"] = event.get("period")
    record["text"] = event.findtext("ed:text", None, NS)
    record["places"] = [_named(p) for p in event.iterfind("ed:place", NS)]
    return record


def _happened(entity: etree._Element) -> dict[str, object] | None:
    """When and where an event happened, who took part and what it was, as its entry on the
    index pages says it (``modules/facts.xsl``: ed:when, ed:place, ed:participant, ed:desc);
    probe 57: the pages said "from 30 December 1883 to 2 January 1884, Moldavanka", the
    exports nothing of it."""
    when = entity.find("ed:when", NS)
    places = [_named(p) for p in entity.iterfind("ed:place", NS)]
    participants = [_named(p) for p in entity.iterfind("ed:participant", NS)]
    words = " ".join(" ".join((d.text or "").split()) for d in entity.iterfind("ed:desc", NS))
    if when is None and not places and not participants and not words:
        return None
    dates = {} if when is None else {k: v for k in DATABLE if (v := when.get(k))}
    return {
        "dates": dates,
        "places": places,
        "participants": participants,
        "description": words.strip() or None,
    }


def _traits(entity: etree._Element) -> list[dict[str, object]]:
    """A person's occupations, affiliations, residences ... as the index pages say them
    (``modules/facts.xsl``: ed:trait): probe 57 found them in no output."""
    return [
        {
            "kind": t.get("kind", ""),
            "type": t.get("type"),
            "text": t.text or "",
            "entry": t.get("id"),
            "entry_type": t.get("entry-type"),
            "dates": {k: v for k in DATABLE if (v := t.get(k))},
        }
        for t in entity.iterfind("ed:trait", NS)
    ]


def _relation_name(relation: etree._Element) -> str:
    """A relation's name as the index pages say it: its ``@name``, else its ``@type`` (the
    record keeps both as the register wrote them, for the TEI index)."""
    return relation.get("name") or relation.get("type") or ""


def _relations(entity: etree._Element) -> list[dict[str, object]]:
    return [
        {
            "name": _relation_name(r),
            "role": r.get("role", ""),
            "others": [_named(o) for o in r.iterfind("ed:other", NS)],
            # the record keeps the relation's att.datable attributes as the register wrote them
            "dates": {name: r.get(name) for name in RELATION_DATING if r.get(name)},
        }
        for r in entity.iterfind("ed:relation", NS)
    ]


def entity_record(entity: etree._Element) -> dict[str, object]:
    coordinates = _coordinates(entity)
    return {
        "id": entity.get("id", ""),
        "type": entity.get("type", ""),
        "subtype": _or_none(entity.get("subtype")),
        "name": entity.findtext("ed:name", "", NS),
        "sort": entity.get("sort", ""),
        "variants": [
            {"form": v.text or "", "count": int(v.get("count", "0"))}
            for v in entity.iterfind("ed:variant", NS)
        ],
        "names": [
            {"name": n.text or "", "lang": n.get("lang")}
            for n in entity.iterfind("ed:other-name", NS)
        ],
        "note": entity.findtext("ed:note", None, NS),
        "life": _life(entity),
        "birth": _event(entity, "birth"),
        "death": _event(entity, "death"),
        "relations": _relations(entity),
        "authority": [
            {"type": a.get("type", ""), "id": a.get("value", ""), "url": a.get("url")}
            for a in entity.iterfind("ed:authority", NS)
        ],
        "coordinates": None
        if coordinates is None
        else {"lat": float(coordinates[0]), "long": float(coordinates[1])},
        # the places a place lies in, nearest first (probe 57: the hierarchy was lost)
        "within": [w.get("id", "") for w in entity.iterfind("ed:within", NS)],
        "happened": _happened(entity),
        "traits": _traits(entity),
        "source": entity.get("source", ""),
        "count": int(entity.get("count", "0")),
        "occurrences": [_location(o) for o in _occurrences(entity)],
        "speeches": int(entity.get("speeches", "0")),
        "speech_occurrences": [_speech(s) for s in entity.iterfind("ed:speech", NS)],
        "letters": [_letter(letter) for letter in entity.iterfind("ed:letter", NS)],
    }


def _letter(letter: etree._Element) -> dict[str, object]:
    """A letter the entity sent or received (a correspDesc naming it): which text, in which
    role, when it was sent (else received), and the letter's own address."""
    return {
        "document": letter.get("document", ""),
        "role": letter.get("role", ""),
        "when": _or_none(letter.get("when")),
        # the bounds of a letter dated by a range (probe 60: its first day was its "when")
        "dates": {k: v for k in DATABLE[1:] if (v := letter.get(k))},
        # the day a letter of no sending date arrived (it was written by then)
        "received": _or_none(letter.get("received")),
        "ref": _or_none(letter.get("ref")),
        "url": f"../html/{_file(letter)}",
    }


def _speech(speech: etree._Element) -> dict[str, object]:
    """A speech of a character (sp/@who): where it is and how it begins."""
    return {
        "document": speech.get("document", ""),
        "speech": speech.get("speech", ""),
        "section": _or_none(speech.get("section")),
        "section_heading": _or_none(speech.get("heading")),
        "page": _or_none(speech.get("page")),
        "page_id": _or_none(speech.get("page-id")),
        "text": speech.findtext("ed:text", "", NS),
        "url": f"../html/{_file(speech)}#{speech.get('speech')}",
    }


def date_record(date: etree._Element) -> dict[str, object]:
    record: dict[str, object] = {key: _or_none(date.get(key)) for key in DATABLE}
    record.update(_location(date))
    return record


def _key(same: str) -> str | None:
    """A term's @key from the identity the index files it by ("key honey", "words Honey")."""
    return same.removeprefix("key ") if same.startswith("key ") else None


def subject_record(subject: etree._Element, titles: dict[str, str]) -> dict[str, object]:
    """An entry of the subject index at one place: its index, its terms from the outermost down
    (a sub-entry's path) and where it is, as subjects.html links it."""
    document = subject.get("document", "")
    return {
        "index": subject.get("index") or None,
        "terms": [
            {
                "term": t.text or "",
                "sort": t.get("sort", ""),
                "key": _key(t.get("same", "")),
                "lang": t.get("lang"),
            }
            for t in subject.iterfind("ed:term", NS)
        ],
        "document": document,
        "title": titles.get(document) or None,
        "mention": subject.get("mention", ""),
        "section": _or_none(subject.get("section")),
        "section_heading": _or_none(subject.get("heading")),
        "part": _or_none(subject.get("part")),
        "page": _or_none(subject.get("page")),
        "page_id": _or_none(subject.get("page-id")),
        "url": _url(subject),
    }


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def entities_json(root: etree._Element, entities: Iterable[etree._Element] | None = None) -> str:
    """``entities.json`` as text (``write_entities_json``)."""
    buffer = io.StringIO()
    write_entities_json(buffer, root, entities)
    return buffer.getvalue()


def write_entities_json(
    out: TextIO, root: etree._Element, entities: Iterable[etree._Element] | None = None
) -> None:
    """``entities.json`` written record by record, byte for byte what ``json.dumps`` of the
    whole gives (indented by 2): the records of a correspondence of thousands of letters, as
    Python objects all at once, took more than the index itself. ``entities`` are the
    entities of ``root`` with their records (``finish.Index.entities``), by default
    ``root``'s own."""
    if entities is None:
        entities = root.iterfind("ed:entities/ed:entity", NS)
    titles = {
        d.get("stem", ""): d.get("title", "") for d in root.iterfind("ed:documents/ed:document", NS)
    }
    out.write(f'{{\n  "$schema": {json.dumps(SCHEMA_NAME)},\n')
    _write_list(out, "entities", (entity_record(e) for e in entities))
    out.write(",\n")
    _write_list(out, "dates", (date_record(d) for d in root.iterfind("ed:timeline/ed:date", NS)))
    out.write(",\n")
    subjects = root.iterfind("ed:subjects/ed:subject", NS)
    _write_list(out, "subjects", (subject_record(s, titles) for s in subjects))
    out.write("\n}\n")


def _write_list(out: TextIO, name: str, items: Iterable[object]) -> None:
    """``"name": [...]`` as a member of the top object of ``_json``: its items one level in."""
    out.write(f"  {json.dumps(name)}: [")
    separator = "\n"
    for item in items:
        out.write(separator)
        # a JSON text has no line end but those of its indentation: each line moved in
        out.write(_INDENT.sub("    ", json.dumps(item, ensure_ascii=False, indent=2)))
        separator = ",\n"
    out.write("]" if separator == "\n" else "\n  ]")


_INDENT = re.compile("^", re.MULTILINE)


def _csv(header: tuple[str, ...], rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def entities_csv(root: etree._Element) -> str:
    rows = []
    for entity in root.iterfind("ed:entities/ed:entity", NS):
        coordinates = _coordinates(entity) or ("", "")
        life = _life(entity)
        variants = "; ".join(
            f"{v.text} ({v.get('count')})" for v in entity.iterfind("ed:variant", NS)
        )
        authority = " ".join(
            a.get("url") or f"{a.get('type')}:{a.get('value')}"
            for a in entity.iterfind("ed:authority", NS)
        )
        rows.append(
            (
                entity.get("id"),
                entity.get("type"),
                entity.get("subtype", ""),
                entity.findtext("ed:name", "", NS),
                entity.get("count"),
                entity.get("speeches", "0"),
                variants,
                entity.findtext("ed:note", "", NS),
                authority,
                *coordinates,
                entity.get("source", ""),
                *((life or {}).get(k) or "" for k in ("birth", "death")),
                "; ".join(
                    f"{n.text} [{n.get('lang')}]" if n.get("lang") else n.text or ""
                    for n in entity.iterfind("ed:other-name", NS)
                ),
                "; ".join(w.get("id", "") for w in entity.iterfind("ed:within", NS)),
            )
        )
    return _csv(ENTITY_COLUMNS, rows)


def write_occurrences_csv(
    out: TextIO, root: etree._Element, entities: Iterable[etree._Element] | None = None
) -> None:
    """``occurrences.csv`` written row by row (``entities`` as ``write_entities_json``)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(OCCURRENCE_COLUMNS)
    if entities is None:
        entities = root.iterfind("ed:entities/ed:entity", NS)
    for entity in entities:
        for occurrence in _occurrences(entity):
            location = _location(occurrence)
            writer.writerow(
                (
                    entity.get("id"),
                    entity.get("type"),
                    *("" if location[k] is None else location[k] for k in OCCURRENCE_COLUMNS[2:]),
                )
            )


def relations_csv(root: etree._Element) -> str:
    rows = []
    for entity in root.iterfind("ed:entities/ed:entity", NS):
        for relation in entity.iterfind("ed:relation", NS):
            for other in relation.iterfind("ed:other", NS):
                rows.append(
                    (
                        entity.get("id"),
                        entity.get("type"),
                        _relation_name(relation),
                        relation.get("role", ""),
                        other.get("id") or other.text or "",
                        other.get("type", ""),
                        other.text or "",
                    )
                )
    return _csv(RELATION_COLUMNS, rows)


def places_geojson(root: etree._Element) -> str:
    features = []
    for entity in root.iterfind("ed:entities/ed:entity", NS):
        coordinates = _coordinates(entity)
        if coordinates is None:
            continue
        lat, long = coordinates
        features.append(
            {
                "type": "Feature",
                "id": entity.get("id"),
                "geometry": {"type": "Point", "coordinates": [float(long), float(lat)]},
                "properties": {
                    "id": entity.get("id"),
                    "name": entity.findtext("ed:name", "", NS),
                    "type": entity.get("type"),
                    "count": int(entity.get("count", "0")),
                },
            }
        )
    return _json({"type": "FeatureCollection", "features": features})


def tei_export(xml: str, context: BuildContext) -> str:
    """The index as a TEI document with a ``standOff`` (``xslt/index/tei.xsl``)."""
    return tei_document(xml, context.date.date().isoformat())


#: What ``xslt/index/tei.xsl`` does not read of an entity's records: an occurrence's context,
#: speeches, letters (our index's own serialisation: text content escaped, no nesting).
_NOT_IN_TEI = re.compile(
    r"<ed:(before|after)(?:/>|>[^<]*</ed:\1>)|<ed:(speech|letter)\b[^>]*?(?:/>|>.*?</ed:\2>)",
    re.DOTALL,
)


#: An occurrence's start tag, and the attributes the TEI export reads of it (``ed:url``).
_OCCURRENCE = re.compile(r"<ed:occurrence\b([^>]*?)(/?)>")
_READ_IN_TEI = re.compile(r'\s(?:document|file|mention)="[^"]*"')


def tei_records(records: str) -> str:
    """An entity's records (``index_merge.merge_apart``) as the TEI export reads them: without
    what it leaves out, which Saxon would parse for nothing (9,761 letters: a 44.6 MB text
    of 29.7 MB without the contexts, speeches and letters, 20.3 MB without the occurrences'
    other attributes; the export's peak 412, 285 and 275 MB over the index)."""

    def start(tag: re.Match[str]) -> str:
        kept = "".join(_READ_IN_TEI.findall(tag.group(1)))
        return f"<ed:occurrence{kept}{tag.group(2)}>"

    return _OCCURRENCE.sub(start, _NOT_IN_TEI.sub("", records))


def tei_document(xml: str, date: str) -> str:
    """The index as a TEI document dated ``date`` (YYYY-MM-DD)."""
    result = engine().stylesheet("index/tei").transform(xml, {"date": date})
    return result.output if result.output.endswith("\n") else result.output + "\n"


#: Characters of the index above which its TEI document is made in a process of its own, as
#: the home and about pages are (``html.APART_ABOVE``): Saxon's tree and heap for the index of
#: 9,761 letters were the peak of the build's main process (774 MB), kept to its end. Below
#: it, the process's start (about a second) costs more than the memory is worth.
TEI_APART_ABOVE = 8_000_000


def write_tei_document(xml: str, date: str, path: Path, apart_above: int | None = None) -> None:
    """``tei_document`` written at ``path``; for a large index, by a process that ends after
    it (``run_apart``), which writes the file itself (the document is not sent back)."""
    if len(xml) <= (TEI_APART_ABOVE if apart_above is None else apart_above):
        _write_tei((xml, date, path))
        return
    try:
        run_apart(_write_tei, (xml, date, path))
    except TaskFailed as exc:
        # killed (out of memory, from outside) or unable to start: the machine's doing
        raise EnvironmentFailure(
            "-",
            "env.process",
            f"the process making the TEI index ended before it ({exc}): free some memory and "
            "build again",
        ) from exc


def _write_tei(job: tuple[str, str, Path]) -> None:
    xml, date, path = job
    write_text_atomic(path, tei_document(xml, date))
