"""Names identified by ``@key`` alone: the register the edition makes of them.

TEI's ``@key`` (att.canonical) identifies a name "by some externally-defined means", a code
of the editors' own authority file (the Weber edition's ``persName key="A002068"``), where
``@ref`` points at a register entry. An edition that keys its names and ships no register
still names the same person many times under one code; its readers expect one index entry
per code, as they get one per register entry.

source -> ``keyed_names`` (in the read worker, small facts: kind, key, name as written,
language) -> ``keyed_lists`` (in the parent, over the corpus: one entry per kind and key,
named by its most frequent spelling, appended to ``<ed:registers>`` by
``stages.registers_document``) -> the normalisation stage resolves a name with ``@key`` and
no ``@ref`` to that entry (``xslt/stages/normalize.xsl``, ``ed:key-kind``, which must agree
with ``kind_of`` here), and from there it is a name like any other: linked, indexed, counted.

A name whose element says nothing of its kind (``name`` or ``rs`` without a ``@type`` among
the kinds below) is left out: which register it belongs to would be a guess.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable

from lxml import etree

from .gate import TEI_NS, XML_ID
from .records import described_name, shown_descriptions

ED_NS = "urn:edition"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: The lists of a register whose entries are entities (``stages.REGISTER_LISTS`` adds a play's
#: cast list; the reference check knows these). Here, because this module imports no other
#: of the package's but ``gate``: both can import it without a cycle.
ENTITY_LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listObject", "listNym")

#: The geopolitical place names (model.placeNamePart but placeName and geogName): each the
#: name of a place (TEI 13.2.3) that may point at its entry, a mention in a text as a
#: placeName is (probe 145 left them unindexed).
PLACE_PARTS = ("settlement", "region", "country", "district", "bloc")

#: The kind of register entry a name element stands for (``name`` and ``rs`` by ``@type``).
_BY_ELEMENT = {
    "persName": "person",
    "placeName": "place",
    "geogName": "place",
    "orgName": "org",
    "eventName": "event",
    "objectName": "object",
    **dict.fromkeys(PLACE_PARTS, "place"),
}
#: The kinds a ``name`` or ``rs`` may say it is by ``@type``, each the name of its entry element.
_KINDS = frozenset(("person", "place", "org", "event", "object"))
#: The name element an entry of each kind is named by.
_NAME_OF_KIND = {"person": "persName", "place": "placeName", "org": "orgName",
                 "event": "eventName", "object": "objectName"}  # fmt: skip
_LIST_OF_KIND = {"person": "listPerson", "place": "listPlace", "org": "listOrg",
                 "event": "listEvent", "object": "listObject"}  # fmt: skip

_NAMES = tuple(f"{{{TEI_NS}}}{n}" for n in (*_BY_ELEMENT, "name", "rs"))
#: Where a name is no mention of an entity of the text: inside a register (the entry's own
#: names) or a bibliographic reference (a cited book's author).
_NOT_MENTIONS = {f"{{{TEI_NS}}}{n}" for n in (*ENTITY_LISTS, "bibl", "biblStruct", "biblFull")}
_TEXTS = {f"{{{TEI_NS}}}text", f"{{{TEI_NS}}}sourceDoc"}
_NOTE, _ANNOTATIONS = f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}listAnnotation"
_STANDOFF, _TEI = f"{{{TEI_NS}}}standOff", f"{{{TEI_NS}}}TEI"
#: A letter's header names its sender and addressee (and their places) here, as children.
_CORRESP = {
    f"{{{TEI_NS}}}{n}"
    for n in ("correspAction", "sender", "addressee", "placeSender", "placeAddressee")
}
_NCNAME_SAFE = re.compile(r"[A-Za-z0-9._-]+")

#: (kind, key, the name as written, its language)
KeyedName = tuple[str, str, str, str]


def kind_of(element: etree._Element) -> str | None:
    """The kind of entry a name with ``@key`` stands for, or None when it does not say."""
    local = etree.QName(element).localname
    if local in _BY_ELEMENT:
        return _BY_ELEMENT[local]
    kind = (element.get("type") or "").strip()
    return kind if kind in _KINDS else None


def entry_kind(entry: etree._Element) -> str | None:
    """The kind of a register entry (a ``personGrp`` is of the persons), or None."""
    local = etree.QName(entry).localname
    if local == "personGrp":
        return "person"
    return local if local in _KINDS else None


def keyed_names(root: etree._Element) -> tuple[KeyedName, ...]:
    """The names of a text identified by ``@key`` and not by ``@ref``, in document order."""
    found: list[KeyedName] = []
    # the description a catalogue record shows as its text: its names are mentions too
    described = shown_descriptions(root)
    for element in root.iter(*_NAMES):
        key = " ".join((element.get("key") or "").split())
        if not key or element.get("ref") is not None:  # a @ref, even empty, is resolved
            continue
        kind = kind_of(element)
        if kind is None or not (_is_mention(element) or described_name(element, described)):
            continue
        words = " ".join("".join(element.itertext()).split())
        lang = next((a.get(XML_LANG) for a in element.iterancestors() if a.get(XML_LANG)), "")
        found.append((kind, key, words, element.get(XML_LANG) or lang or ""))
    return tuple(found)


def _is_mention(element: etree._Element) -> bool:
    """A name of a text or of a note its ``standOff`` keeps (``listAnnotation``, shown after
    the text: locators.notes_apart), or a letter's sender, addressee or place in its header."""
    parent = element.getparent()
    if (
        parent is not None
        and parent.tag in _CORRESP
        and etree.QName(parent.getparent() if parent.getparent() is not None else parent).localname
        == "correspDesc"
    ):
        return True
    where = False
    note = annotations = False  # on the way up: a note, then its listAnnotation
    for ancestor in element.iterancestors():
        if ancestor.tag in _NOT_MENTIONS:
            return False
        note = note or ancestor.tag == _NOTE
        annotations = annotations or (note and ancestor.tag == _ANNOTATIONS)
        parent = ancestor.getparent()
        where = (
            where
            or ancestor.tag in _TEXTS
            or (annotations and ancestor.tag == _STANDOFF and parent is not None
                and parent.tag == _TEI)
        )  # fmt: skip
    return where


def keyed_lists(names: Iterable[KeyedName], taken: set[str]) -> list[etree._Element]:
    """One register list per kind with an entry per key, sorted by key: its id is
    ``key-<kind>-<key>`` (with a digest when the key is no safe name, or the id ``taken`` by
    a register entry), its name the spelling met most often (of equal ones, the key itself
    when it is one of them, else the first met), its identifier the key (``idno
    type="key"``). ``taken`` gets the new ids."""
    spellings: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
    first: dict[tuple[str, str], dict[tuple[str, str], int]] = {}
    for n, (kind, key, words, lang) in enumerate(names):
        if not words:
            continue
        spellings.setdefault((kind, key), Counter())[(words, lang)] += 1
        first.setdefault((kind, key), {}).setdefault((words, lang), n)
    lists: dict[str, etree._Element] = {}
    for kind, key in sorted(spellings):
        counts = spellings[(kind, key)]
        # a tie goes to the key when it is written as a name: the Escher letters' place keyed
        # "Zürich", once "Zürich" and once "Zürcher" (an adjective, met first), was "Zürcher"
        # in the index (probe 31)
        spoken = " ".join(key.split()).casefold()
        words, lang = min(
            counts,
            key=lambda s: (-counts[s], s[0].casefold() != spoken, first[(kind, key)][s]),
        )
        entry_list = lists.get(kind)
        if entry_list is None:
            entry_list = etree.Element(f"{{{TEI_NS}}}{_LIST_OF_KIND[kind]}")
            entry_list.set(f"{{{ED_NS}}}keyed", "true")
            lists[kind] = entry_list
        entry = etree.SubElement(entry_list, f"{{{TEI_NS}}}{kind}")
        entry.set(XML_ID, _new_id(kind, key, taken))
        entry.set(f"{{{ED_NS}}}key", f"{kind} {key}")
        name = etree.SubElement(entry, f"{{{TEI_NS}}}{_NAME_OF_KIND[kind]}")
        if lang:
            name.set(XML_LANG, lang)
        name.text = words
        idno = etree.SubElement(entry, f"{{{TEI_NS}}}idno", type="key")
        idno.text = key
    return [lists[k] for k in sorted(lists)]


def _new_id(kind: str, key: str, taken: set[str]) -> str:
    safe = _NCNAME_SAFE.fullmatch(key) is not None
    stem = f"key-{kind}-" + ("".join(_NCNAME_SAFE.findall(key)) or "x")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    candidate = stem if safe else f"{stem}-{digest}"
    if candidate in taken:
        candidate = f"{stem}-{digest}"
    n = 2
    base = candidate
    while candidate in taken:  # a register that already uses the digested id too
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
