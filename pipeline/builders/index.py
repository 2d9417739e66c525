"""The index writer: normalized corpus + registers -> the entity index and its exports.

One XSLT pass (``xslt/index/entities.xsl``) over a single ``<ed:corpus>`` document that wraps
every normalized text gives the entity index XML, the internal product handed to the HTML and
EPUB builders as ``context.products["entities"]``. From it this builder writes ``OUT/index/``:
``entities.json`` (+ its JSON Schema), ``entities.csv``, ``occurrences.csv``,
``places.geojson`` (Python) and ``entities.xml``, a TEI ``standOff`` (``xslt/index/tei.xsl``).
``render_index_pages`` renders the HTML index pages (``xslt/index/pages.xsl``) for the HTML
writer. Every output uses the register ``xml:id`` as the entity's id.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from xml.sax.saxutils import quoteattr

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic, Severity
from ..io import write_bytes_atomic, write_text_atomic
from ..paths import SCHEMA_DIR
from ..xslt import XmlText, engine

if TYPE_CHECKING:
    from ..build import BuildContext, Corpus, Text

ED_NS = "urn:edition"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"ed": ED_NS, "tei": TEI_NS}
SCHEMA_FILE = SCHEMA_DIR / "entities.schema.json"
SCHEMA_NAME = "entities.schema.json"
#: HTML index page of each entity type; every other type is listed on ``entities.html``.
PAGE_OF_TYPE = {
    "person": "persons.html",
    "personGrp": "persons.html",
    "place": "places.html",
    "org": "organisations.html",
}
OTHER_PAGE = "entities.html"
TIMELINE_PAGE = "timeline.html"
#: Elements counted as names or dates in ``tei:text`` (the normalisation stage's pattern).
MENTION_TAGS = ("persName", "placeName", "orgName", "name", "rs", "date", "geogName", "objectName")
#: Columns of entities.csv and occurrences.csv.
ENTITY_COLUMNS: tuple[str, ...] = ("id", "type", "subtype", "name", "count", "variants", "note")
ENTITY_COLUMNS += ("authority", "latitude", "longitude", "source")
OCCURRENCE_COLUMNS: tuple[str, ...] = ("entity", "type", "document", "mention", "section")
OCCURRENCE_COLUMNS += ("section_heading", "block", "page", "page_id", "text", "context", "url")
_ORIGIN = "index"


class IndexBuilder:
    """Writes ``OUT/index/`` and hands the entity index to the HTML and EPUB builders."""

    name: ClassVar[str] = "index"
    requires: ClassVar[tuple[str, ...]] = ()

    def build(self, context: BuildContext, staging: Path) -> list[Diagnostic]:
        xml = entity_index(context.corpus)
        context.products["entities"] = xml
        root = etree.fromstring(xml.encode("utf-8"))
        write_text_atomic(staging / "entities.json", entities_json(root))
        write_bytes_atomic(staging / SCHEMA_NAME, SCHEMA_FILE.read_bytes())
        write_text_atomic(staging / "entities.csv", entities_csv(root))
        write_text_atomic(staging / "occurrences.csv", occurrences_csv(root))
        write_text_atomic(staging / "places.geojson", places_geojson(root))
        write_text_atomic(staging / "entities.xml", tei_export(xml, context))
        # Unresolved references are warnings here: ``edition check`` reports them as errors
        # (refs.*), and an error of origin "index" would throw away an index that is correct
        # for every other name. ``edition index`` reports them as errors.
        return index_diagnostics(context.corpus, root, unresolved=Severity.WARNING)


# -- the entity index ------------------------------------------------------------------------


def corpus_document(corpus: Corpus) -> str:
    """One ``<ed:corpus>`` holding every normalized text in ``<ed:document ed:stem="...">``."""
    parts = [f'<ed:corpus xmlns:ed="{ED_NS}">']
    for text in corpus.texts:
        body = text.normalized
        if body.startswith("<?xml"):
            body = body[body.index("?>") + 2 :]
        parts.append(f"<ed:document ed:stem={quoteattr(text.stem)}>{body}</ed:document>")
    parts.append("</ed:corpus>")
    return "".join(parts)


def entity_index(corpus: Corpus) -> str:
    """The entity index XML (format documented at the top of ``xslt/index/entities.xsl``)."""
    sheet = engine().stylesheet("index/entities")
    result = sheet.transform(corpus_document(corpus), {"registers": XmlText(corpus.registers)})
    return result.output


def _occurrences(entity: etree._Element) -> list[etree._Element]:
    found: list[etree._Element] = entity.findall("ed:occurrence", NS)
    return found


def _context(record: etree._Element) -> str:
    before = record.findtext("ed:before", "", NS)
    after = record.findtext("ed:after", "", NS)
    return f"{before}{record.findtext('ed:text', '', NS)}{after}".strip()


def _url(record: etree._Element) -> str:
    return f"../html/{record.get('document')}.html#{record.get('mention')}"


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
        "note": entity.findtext("ed:note", None, NS),
        "authority": [
            {"type": a.get("type", ""), "id": a.get("value", ""), "url": a.get("url")}
            for a in entity.iterfind("ed:authority", NS)
        ],
        "coordinates": None
        if coordinates is None
        else {"lat": float(coordinates[0]), "long": float(coordinates[1])},
        "source": entity.get("source", ""),
        "count": int(entity.get("count", "0")),
        "occurrences": [_location(o) for o in _occurrences(entity)],
    }


def date_record(date: etree._Element) -> dict[str, object]:
    record: dict[str, object] = {
        key: _or_none(date.get(key)) for key in ("when", "notBefore", "notAfter", "from", "to")
    }
    record.update(_location(date))
    return record


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def entities_json(root: etree._Element) -> str:
    return _json(
        {
            "$schema": SCHEMA_NAME,
            "entities": [entity_record(e) for e in root.iterfind("ed:entities/ed:entity", NS)],
            "dates": [date_record(d) for d in root.iterfind("ed:timeline/ed:date", NS)],
        }
    )


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
                variants,
                entity.findtext("ed:note", "", NS),
                authority,
                *coordinates,
                entity.get("source", ""),
            )
        )
    return _csv(ENTITY_COLUMNS, rows)


def occurrences_csv(root: etree._Element) -> str:
    rows = []
    for entity in root.iterfind("ed:entities/ed:entity", NS):
        for occurrence in _occurrences(entity):
            location = _location(occurrence)
            rows.append(
                (
                    entity.get("id"),
                    entity.get("type"),
                    *("" if location[k] is None else location[k] for k in OCCURRENCE_COLUMNS[2:]),
                )
            )
    return _csv(OCCURRENCE_COLUMNS, rows)


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
    params = {"date": context.date.date().isoformat()}
    result = engine().stylesheet("index/tei").transform(xml, params)
    return result.output if result.output.endswith("\n") else result.output + "\n"


# -- HTML index pages ------------------------------------------------------------------------


def page_names(root: etree._Element) -> list[str]:
    """The index pages a corpus gets: persons, places, organisations, timeline, + others."""
    names = ["persons.html", "places.html", "organisations.html"]
    types = {e.get("type") for e in root.iterfind("ed:entities/ed:entity", NS)}
    if any(t not in PAGE_OF_TYPE for t in types):
        names.append(OTHER_PAGE)
    names.append(TIMELINE_PAGE)
    return names


def render_index_pages(context: BuildContext) -> dict[str, str]:
    """File name -> HTML text of every index page, for the HTML writer to put in OUT/html/."""
    xml = context.products.get("entities") or entity_index(context.corpus)
    root = etree.fromstring(xml.encode("utf-8"))
    names = page_names(root)
    sheet = engine().stylesheet("index/pages")
    # The page shell (xslt/html/modules/shell.xsl) takes the HTML writer's site parameters.
    from .html import site_params

    params = site_params(context, sorted(names))
    return {
        name: sheet.transform(_page_subset(root, name), {**params, "page": name}).output
        for name in names
    }


def _page_subset(root: etree._Element, page: str) -> str:
    """The part of the entity index one page shows (Saxon then parses only that part)."""
    subset = etree.Element(f"{{{ED_NS}}}index", nsmap={"ed": ED_NS})
    for key, value in root.attrib.items():
        subset.set(key, value)
    for child in root:
        if child.tag == f"{{{ED_NS}}}entities":
            kept = etree.SubElement(subset, child.tag)
            for entity in child:
                if PAGE_OF_TYPE.get(entity.get("type", ""), OTHER_PAGE) == page:
                    kept.append(copy.deepcopy(entity))
        elif child.tag == f"{{{ED_NS}}}documents" or (
            child.tag == f"{{{ED_NS}}}timeline" and page == TIMELINE_PAGE
        ):
            subset.append(copy.deepcopy(child))
    text: str = etree.tostring(subset, encoding="unicode")
    return text


# -- diagnostics -----------------------------------------------------------------------------


def index_diagnostics(
    corpus: Corpus, root: etree._Element, *, unresolved: Severity = Severity.ERROR
) -> list[Diagnostic]:
    """Unresolved references, names without @ref (one per form) and unused register entries."""
    texts = {t.stem: t for t in corpus.texts}
    lines = _MentionLines(texts)
    found: list[Diagnostic] = []
    for mention in root.iterfind("ed:unresolved/ed:mention", NS):
        text = texts[mention.get("document", "")]
        name = f"{mention.get('element')} {mention.findtext('ed:text', '', NS)!r}"
        if mention.get("external") == "true":
            found.append(
                diag.warning(
                    text.source.display,
                    "index.external-ref",
                    f"{name} points at {mention.get('ref')!r}, outside the registers, and is "
                    "not indexed; give a register entry that idno and point at the entry",
                    line=lines.line(mention),
                    origin=_ORIGIN,
                )
            )
            continue
        found.append(
            Diagnostic(
                text.source.display,
                lines.line(mention),
                None,
                unresolved,
                "index.unresolved-ref",
                f"{name} points at {mention.get('ref')!r}, which is no register entry",
                _ORIGIN,
            )
        )
    forms: dict[str, list[etree._Element]] = {}
    for mention in root.iterfind("ed:untagged/ed:mention", NS):
        forms.setdefault(mention.findtext("ed:text", "", NS), []).append(mention)
    for form, mentions in forms.items():
        first = mentions[0]
        found.append(
            diag.warning(
                texts[first.get("document", "")].source.display,
                "index.untagged-name",
                f"{first.get('element')} {form!r} has no @ref ({len(mentions)} "
                f"{'time' if len(mentions) == 1 else 'times'}); point it at a register entry",
                line=lines.line(first),
                origin=_ORIGIN,
            )
        )
    found.extend(_unused(corpus, root))
    return found


class _MentionLines:
    """Source lines of mentions, found by their ordinal among the names and dates of a text."""

    def __init__(self, texts: dict[str, Text]) -> None:
        self._texts = texts
        self._cache: dict[str, list[int | None]] = {}

    def line(self, mention: etree._Element) -> int | None:
        stem = mention.get("document", "")
        if stem not in self._cache:
            root = self._texts[stem].source.root
            tags = [f"{{{TEI_NS}}}{t}" for t in MENTION_TAGS]
            # The outermost tei:text elements (a nested text is inside one of them).
            texts = [
                t
                for t in root.iter(f"{{{TEI_NS}}}text")
                if not any(a.tag == f"{{{TEI_NS}}}text" for a in t.iterancestors())
            ]
            self._cache[stem] = [
                _line(e) for text in texts for e in text.iter(*tags) if e is not text
            ]
        ordinal = int(mention.get("ordinal", "0"))
        lines = self._cache[stem]
        return lines[ordinal - 1] if 0 < ordinal <= len(lines) else None


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _unused(corpus: Corpus, root: etree._Element) -> list[Diagnostic]:
    unused = [e for e in root.iterfind("ed:entities/ed:entity", NS) if e.get("count") == "0"]
    if not unused:
        return []
    where: dict[str, tuple[str, int | None]] = {}
    for doc in (*corpus.register_files, *(t.source for t in corpus.texts)):
        for element in doc.root.iter():
            key = element.get("{http://www.w3.org/XML/1998/namespace}id")
            if key is not None and key not in where:
                where[key] = (doc.display, _line(element))
    found = []
    for entity in unused:
        path, line = where.get(entity.get("id", ""), ("-", None))
        found.append(
            diag.warning(
                path,
                "index.unused-entry",
                f"register entry {entity.get('id')!r} "
                f"({entity.findtext('ed:name', '', NS)}) is never mentioned",
                line=line,
                origin=_ORIGIN,
            )
        )
    return found
