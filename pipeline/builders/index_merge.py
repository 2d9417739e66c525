"""The entity index by map and reduce: one small index per text, merged in Python.

``xslt/index/entities.xsl`` makes the index of one text (``mentioned-only``: the entities it
names, lets speak or lists as a letter's sender or addressee, its dates, unresolved and untagged
names) and, run on no text at all, the skeleton of every register entry. ``merge`` adds the
texts' indexes up, in corpus order, into exactly what one pass over the whole corpus gives:
counts summed, variants counted again and sorted (most frequent first, then by form),
occurrences, speeches and letters in document order, the timeline sorted stably by start and
end, the subject index's entries (``ed:subjects``) in corpus and document order. So a text
is indexed on its own (in a worker, cached with its page and book) and one text's failure
stays its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from .index_model import DATABLE, ED_NS

_E = f"{{{ED_NS}}}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def parse(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode("utf-8"), _PARSER)


@dataclass
class _Entity:
    element: etree._Element
    count: int = 0
    speeches: int = 0
    letters: int = 0
    #: form -> [count, lang of its first occurrence in corpus order]
    variants: dict[str, list[object]] = field(default_factory=dict)
    #: The texts' records of it, as text: held as elements, they kept every text's tree
    #: alive to the end (2,248 letters: the merge's peak 210 MB over what it started with).
    occurrences: list[str] = field(default_factory=list)
    speech_records: list[str] = field(default_factory=list)
    #: Each with its sending date's key (``_letter_key``): listed by date, not by file.
    letter_records: list[tuple[tuple[int, str, int, str, str], str]] = field(default_factory=list)


#: Where an entity's records go in the merged text (a processing instruction no index has).
_SLOT = "ed-merged-records"
_SLOTS = re.compile(f"<\\?{_SLOT} ([0-9]+)\\?>")
#: The namespace declarations a record's text opens with (lxml repeats its ancestors').
_DECLARATIONS = re.compile(r'^(<[^\s/>]+)((?:\s+xmlns(?::[^\s=]+)?="[^"]*")+)')


def merge(skeleton: str, texts: Sequence[str]) -> str:
    """The corpus index from the skeleton (every entry, no text) and each text's index."""
    return fill(*merge_apart(skeleton, texts))


def fill(text: str, records: Sequence[str], through: Callable[[str], str] | None = None) -> str:
    """A text of ``merge_apart`` with each entity's records in their places, passed through
    ``through`` first when it is given (each when it is put in place)."""
    if not records:
        return text
    put = through or str
    return _SLOTS.sub(lambda m: put(records[int(m.group(1))]), text)


def holds_records(element: etree._Element) -> bool:
    """Whether an entity of a ``merge_apart`` text has records apart (ends with a slot)."""
    last = element[-1] if len(element) else None
    return last is not None and last.tag is etree.ProcessingInstruction and last.target == _SLOT


def merge_apart(skeleton: str, texts: Sequence[str]) -> tuple[str, list[str]]:
    """``merge``'s index with each entity's records (occurrences, speeches, letters) apart:
    a processing instruction ``<?ed-merged-records N?>`` ends an entity that has some, and
    ``records[N]`` is their text (``fill`` puts them in place). The records are nine tenths
    of a correspondence's index, and a tree of them ten times their text (9,761 letters: 540
    MB): the build reads them one entity at a time.

    Each text's tree is let go once it is read: what the merged index keeps of it is moved
    into the skeleton's tree (its document, dates, subject entries, problems) or held as
    text (its records of each entity)."""
    root = parse(skeleton)
    entities_el = root.find(f"{_E}entities")
    assert entities_el is not None, "the skeleton lists the register entries"
    entities = {str(e.get("id")): _Entity(e) for e in entities_el}
    documents = root.find(f"{_E}documents")
    lists = {name: root.find(f"{_E}{name}") for name in ("timeline", "unresolved", "untagged")}
    # moved out of each text's tree as it is read, sorted at the end
    dates = etree.Element(f"{_E}dates", nsmap={"ed": ED_NS})
    subjects = etree.Element(f"{_E}subjects", nsmap={"ed": ED_NS})
    inherited = dict(root.nsmap)
    for xml in texts:
        one = parse(xml)
        _append(documents, one.find(f"{_E}documents"))
        for entity in one.iterfind(f"{_E}entities/{_E}entity"):
            found = entities.get(str(entity.get("id")))
            if found is not None:
                _add(found, entity, inherited)
        dates.extend(list(one.iterfind(f"{_E}timeline/{_E}date")))
        _append(lists["unresolved"], one.find(f"{_E}unresolved"))
        _append(lists["untagged"], one.find(f"{_E}untagged"))
        subjects.extend(list(one.iterfind(f"{_E}subjects/{_E}subject")))
    records: list[str] = []
    for found in entities.values():
        _finish(found, records)
    timeline = lists["timeline"]
    assert timeline is not None
    dated = len(dates)
    for date in sorted(dates, key=_date_key):  # sorted() is stable: ties keep corpus order
        timeline.append(date)
    if len(subjects):  # as one pass writes them: only when a text has an index entry
        etree.SubElement(root, f"{_E}subjects").extend(list(subjects))
    _totals(root, entities.values(), dated)
    text: str = etree.tostring(root, encoding="unicode")
    return text, records


def _append(target: etree._Element | None, source: etree._Element | None) -> None:
    if target is not None and source is not None:
        for child in list(source):
            target.append(child)


def _add(found: _Entity, entity: etree._Element, inherited: Mapping[str | None, str]) -> None:
    _name_from_speeches(found.element, entity)
    found.count += int(entity.get("count") or 0)
    found.speeches += int(entity.get("speeches") or 0)
    found.letters += int(entity.get("letters") or 0)
    for variant in entity.iterfind(f"{_E}variant"):
        form = variant.text or ""
        kept = found.variants.setdefault(form, [0, variant.get("lang")])
        kept[0] = int(str(kept[0])) + int(variant.get("count") or 0)
    found.occurrences.extend(_record(r, inherited) for r in entity.iterfind(f"{_E}occurrence"))
    found.speech_records.extend(_record(r, inherited) for r in entity.iterfind(f"{_E}speech"))
    found.letter_records.extend(
        (_letter_key(r), _record(r, inherited)) for r in entity.iterfind(f"{_E}letter")
    )


def _record(element: etree._Element, inherited: Mapping[str | None, str]) -> str:
    """One record as text, without the declarations the merged index's root makes (lxml
    writes a part of a tree with every namespace its ancestors declare)."""
    text: str = etree.tostring(element, encoding="unicode", with_tail=False)
    opening = _DECLARATIONS.match(text)
    if opening is not None and element.nsmap == inherited:
        return opening.group(1) + text[opening.end() :]
    return text


def _name_from_speeches(element: etree._Element, entity: etree._Element) -> None:
    """A role of no words of its own is named in the skeleton by its id; a text whose speeches
    call it something (entries.xsl, ``ed:entity-name``: "tous les tritons") names it, the
    first such text in corpus order, as one pass over the corpus does."""
    name, other = element.find(f"{_E}name"), entity.find(f"{_E}name")
    if name is None or other is None or name.text != element.get("id"):
        return
    if other.text and other.text != name.text:
        name.text = other.text
        element.set("sort", entity.get("sort") or other.text)


def _finish(found: _Entity, records: list[str]) -> None:
    element = found.element
    element.set("count", str(found.count))
    element.set("speeches", str(found.speeches))
    element.set("letters", str(found.letters))
    # the variants follow the name and its parts, as one pass writes them (entries.xsl)
    name = element.find(f"{_E}name-parts")
    name = name if name is not None else element.find(f"{_E}name")
    at = element.index(name) + 1 if name is not None else 0
    ordered = sorted(found.variants.items(), key=lambda kv: (-int(str(kv[1][0])), kv[0]))
    for offset, (form, (count, lang)) in enumerate(ordered):
        variant = etree.Element(f"{_E}variant", count=str(count))
        if lang is not None:
            variant.set("lang", str(lang))
        variant.text = form
        element.insert(at + offset, variant)
    # the letters by the date they were sent, undated last, file order among equals (probe
    # 86: "12 March 1850; 3 February 1852; ...; December 1849" as the files were named)
    letters = (text for _, text in sorted(found.letter_records, key=lambda kept: kept[0]))
    held = (*found.occurrences, *found.speech_records, *letters)
    if held:
        element.append(etree.ProcessingInstruction(_SLOT, str(len(records))))
        records.append("".join(held))


def _date_key(date: etree._Element) -> tuple[int, str, int, str, str]:
    # a century or decade known by its words alone sorts by its first year (ed:date-start);
    # any century or decade is filed by its first year, before the dates of that year
    start = next((date.get(a) for a in ("when", "from", "notBefore", "to", "notAfter",
                  "period-start") if date.get(a) is not None), None)  # fmt: skip
    end = next((date.get(a) for a in ("when", "to", "notAfter") if date.get(a) is not None), "")
    period = date.get("period-start")
    return (
        0 if start is not None else 1,
        _in_order(period or start or ""),
        0 if period is not None else 1,
        _in_order(start or ""),
        _in_order(end or ""),
    )


def _letter_key(letter: etree._Element) -> tuple[int, str, int, str, str]:
    """``_date_key`` of a letter record, whose unknown dates are empty attributes; one of no
    sending date by the day it was received."""
    dates = {k: v for k in DATABLE if (v := letter.get(k, "").strip())}
    if not dates and (received := letter.get("received", "").strip()):
        # a day, or an interval of two (an open end "..")
        start, _, end = received.partition("/")
        dates = {
            k: v
            for k, v in (("notBefore", start), ("notAfter", end) if end else ("when", start))
            if v and v != ".."
        }
    return _date_key(etree.Element("date", dates))


_BCE = re.compile(r"-([0-9]{4})")


def _in_order(value: str) -> str:
    """``ed:in-order`` of entities.xsl, which sorts one text's dates the same way: an ISO date
    of the common era is its own key; a year before it (-0098) sorts before all of them, the
    earlier the sooner (its years counted down from 9999)."""
    if not value:
        return ""
    bce = _BCE.match(value)
    if bce is not None:
        return f"0{9999 - int(bce.group(1)):04d}{value[5:]}"
    return f"1{value}"


def _totals(root: etree._Element, entities: Iterable[_Entity], dates: int) -> None:
    records = list(entities)
    root.set("entities", str(len(records)))
    root.set("mentions", str(sum(e.count for e in records)))
    root.set("speeches", str(sum(e.speeches for e in records)))
    root.set("letters", str(sum(e.letters for e in records)))
    root.set("dates", str(dates))
    for name in ("unresolved", "untagged"):
        listed = root.find(f"{_E}{name}")
        root.set(name, str(len(listed) if listed is not None else 0))
