"""Reference integrity across a corpus: ids unique, pointers resolve to the right kind of entry.

Runs in two steps so that the per-file part can happen in worker processes:
``facts(doc)`` extracts a small picklable record of a file's ids and pointers (``pack``
makes it smaller still, to be kept until the end of a large run); ``resolve`` looks at the
records of the whole corpus and returns diagnostics (codes ``refs.*``).

``xml:id`` is document-scoped, as XML says (DESIGN.md section 5 rule 7): an id is unique
within its document (a duplicate names the first line), the same id in two documents is no
error. ``#id`` resolves in its own document, then in the edition's entity namespace: the
register entries (``person``, ``place``, ``org``, ... inside ``listPerson`` and the other
lists) of every file, register files and texts alike, merged by id; a pointer at a text as a
whole (a letter's neighbour in its correspContext, TEI/@prev and @next) also at the root
``TEI`` of another document, as the build links it. ``file.xml#id`` resolves in that file
only. Content included with ``xi:include`` belongs to the including document,
but is reported at the file and line where it was written.
"""

from __future__ import annotations

import functools
import os
import pickle
import posixpath
import re
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from lxml import etree

from .. import columns, keyed
from .. import diagnostics as diag
from ..config import sources_holding
from ..diagnostics import Diagnostic
from ..escapes import percent_decoded
from ..gate import TEI_NS, XML_ID, SourceDocument, discover_names, read_document
from ..keyed import ENTITY_LISTS
from ..locators import ID_RULE, id_suggestion, is_ncname
from ..paths import display, is_dir
from ..prefixes import Prefixes
from ..xml_base import joined

_ORIGIN = "references"
#: TEI attributes whose values are (lists of) pointers.
POINTER_ATTRIBUTES = (
    "ref",
    "target",
    "corresp",
    "who",
    "sameAs",
    "copyOf",
    "next",
    "prev",
    "synch",
    "resp",
    "ana",
    "hand",
    "wit",
    "source",
    "facs",
    "scribeRef",
    "scriptRef",
    "decls",
    "active",
    "passive",
    "mutual",
    # teidata.pointer too (probe 25: a Bodleian msItem class="#verses", naming a category
    # its taxonomy lacks, and an lb spanTo="#nowhere" were passed over without a word)
    "spanTo",
    "targetEnd",
    "class",
    "change",
    "edRef",
    "nymRef",
    "exclude",
    "select",
    "calendar",
    "period",
    "datingMethod",
    "datingPoint",
    # probe 52: a rendition="#nowhere" (att.global.rendition) was passed over
    "rendition",
)
#: Attributes that are pointers on some elements only (probe 52: an app to="#a9e" and a
#: handShift new="#h9" naming nothing were passed over): ``date/@from`` is a date,
#: ``locus/@from`` a folio, ``shift/@new`` a word.
ELEMENT_POINTERS = {
    "from": frozenset({"app", "span", "arc"}),
    "to": frozenset({"app", "span", "arc"}),
    "new": frozenset({"handShift"}),
}
#: What each name element may point at. A person's name may name a group treated as one
#: person (Guidelines 13.3.2.1: "the Capulets", a family or a crowd that speaks), as the
#: build's normalisation reads it (ed:kind-fits), or a play's role (a stage direction's
#: "the Duke" at the cast list's Orsino), which the build links as it links a speaker.
EXPECTED_KIND: dict[str, tuple[str, ...]] = {
    "persName": ("person", "personGrp", "role"),
    "placeName": ("place",),
    "orgName": ("org",),
    # a settlement, region ... is a place's name as a placeName is (probe 151)
    **dict.fromkeys(keyed.PLACE_PARTS, ("place",)),
}
#: Pointers that name a declaration of the header, not an entry of a register: what a
#: dangling one asks for (probe 35: a Fihrist record's date calendar="#Gregorian", with no
#: calendarDesc, was told to "add the entry to a register").
DECLARED_BY = {
    "calendar": "a <calendar> in the header's calendarDesc",
    "datingMethod": "a <calendar> in the header's calendarDesc",
    "hand": "a <handNote> in the header (handDesc or handNotes)",
    "scriptRef": "a <scriptNote> in the header's scriptDesc",
    "facs": "a <surface>, <zone> or <graphic> in the facsimile",
    "wit": "a <witness> in a listWit",
    "new": "a <handNote> in the header (handDesc or handNotes)",
    "rendition": "a <rendition> in the header's tagsDecl",
    "from": "an <anchor> (or the element meant) in the text",
    "to": "an <anchor> (or the element meant) in the text",
}
#: Pointers at the entries of registers (a name's @ref, a speech's @who, a relation's sides):
#: a dangling one is told to add the entry to a register; any other (a note's @target, a
#: ref's) to add the id to the element meant (probe 59: a note's target was told "add the
#: entry to a register").
REGISTER_POINTERS = frozenset(
    {"ref", "key", "who", "where", "active", "passive", "mutual", "sameAs", "nymRef"}
)
#: The elements whose @sameAs names a register entry (an entry the same as another, a name).
_ENTRY_SAME_AS = frozenset(
    {"person", "personGrp", "place", "org", "event", "object", "persName", "placeName",
     "orgName", "name", "rs", "geogName", *keyed.PLACE_PARTS,
     # and the other names a register or a bibliography lists (probe 146)
     "objectName", "eventName", "nym", "title", "bibl", "biblStruct"}
)  # fmt: skip
#: What a reading's @wit may name: a witness, a group of them, a description of a source that
#: stands for one, or the scholar a conjecture is owed to (the Patristic Text Archive's
#: wit="#FXR" names a person, an editor's emendation names the editor). Anything else (a
#: paragraph, a place, a division) is cited by the apparatus as a witness it is not.
WITNESS_KINDS = frozenset(
    {
        "witness", "listWit", "bibl", "biblStruct", "biblFull", "msDesc", "msPart", "msFrag",
        "person", "personGrp", "persName", "name", "org", "orgName", "editor", "author",
        "respStmt",
    }
)  # fmt: skip
#: Entries of these kinds in a register are expected to be mentioned somewhere.
REGISTER_ENTRIES = ("person", "personGrp", "place", "org", "event", "object", "nym")


# Facts are NamedTuples: a corpus of 100,000 letters has millions of them, and a tuple is
# built faster and held in less memory than a frozen dataclass.


class IdFact(NamedTuple):
    value: str
    element: str
    line: int | None
    register_entry: bool
    #: The file the element was written in, when it came through xi:include.
    origin: Path | None = None


class PointerFact(NamedTuple):
    attribute: str
    file: str  # "" for a bare #fragment, else the (relative) file part
    fragment: str
    element: str
    line: int | None
    #: The file the pointer was written in, when it came through xi:include.
    origin: Path | None = None
    #: The token as written when a prefixDef expanded it (``psn:0012``), else "".
    written: str = ""
    #: A token without "#" that is the xml:id of an element of its own document
    #: (``wit="B"``): an address of a file named B by the Guidelines, most likely meant as
    #: ``#B`` (``_bare_ids``); told so, never resolved as the id.
    bare: bool = False
    #: A pointer at a text of the edition as a whole: a letter's neighbour in its
    #: correspContext, a document's TEI/@prev or @next. ``#V03`` names the text whose root
    #: is V03 there, as the build links it (probe 86: the check called it dangling).
    to_text: bool = False
    #: A bare token of a name's @ref that is no id of its own document (``ref="dresden"``):
    #: told as ``bare`` when a register entry has that id (probe 112: the build said so and
    #: the check did not), else nothing, an address as any other.
    entry_only: bool = False


@dataclass(frozen=True)
class FileFacts:
    path: Path
    display: str
    ids: tuple[IdFact, ...]
    pointers: tuple[PointerFact, ...]

    @functools.cached_property
    def resolved(self) -> Path:
        """The absolute path, resolved once (it is asked for once per id and pointer)."""
        return self.path.resolve()


_POINTER_SET = frozenset(POINTER_ATTRIBUTES)
#: The attributes the facts come from.
ATTRIBUTES = frozenset({XML_ID, "key", *POINTER_ATTRIBUTES, *ELEMENT_POINTERS})


def facts(doc: SourceDocument, among: Iterable[etree._Element] | None = None) -> FileFacts:
    """The ids and pointers of ``doc``. ``among``: the elements of its tree that carry any
    of ``ATTRIBUTES``, in document order, when the caller knows them."""
    ids: list[IdFact] = []
    pointers: list[PointerFact] = []
    bare: list[PointerFact] = []
    # abbreviated pointers (psn:0012) the header's prefixDef expands (Guidelines 16.2.3)
    prefixes = Prefixes.of(doc.root)
    # Only elements with attributes matter, and only a few attribute names: look at the
    # attributes an element has rather than asking for every pointer attribute by name.
    for element in doc.root.iter(etree.Element) if among is None else among:
        attributes = element.attrib
        if not attributes:
            continue
        for key, raw in attributes.items():
            if key == XML_ID:
                name = _local(element.tag)
                entry = _is_register_entry(element, name)
                origin = _origin(doc, element)
                value = sys.intern(raw.strip())
                ids.append(IdFact(value, name, element.sourceline, entry, origin))
                container = _container(element) if entry else None
                if container is not None:
                    # a place that holds the places a text names (a country, its cities) is
                    # used by them: "never referenced; remove it" broke the hierarchy
                    pointers.append(
                        PointerFact("xml:id", "", container, name, element.sourceline, origin)
                    )
                continue
            if key == "key" and raw.strip() and element.get("ref") is None:
                # a name identified by @key alone names the register entry of that id, as
                # the build resolves it (keyed.py): a use of the entry, never dangling (a key
                # may name anything; probe 105: entries reached by @key were "never
                # referenced")
                if keyed.kind_of(element) is not None:
                    pointers.append(
                        PointerFact(
                            "key",
                            "",
                            sys.intern(raw.strip()),
                            _local(element.tag),
                            element.sourceline,
                            _origin(doc, element),
                        )
                    )
                continue
            if key not in _POINTER_SET and (
                key not in ELEMENT_POINTERS or _local(element.tag) not in ELEMENT_POINTERS[key]
            ):
                continue
            if "#" in raw or (prefixes.rules and ":" in raw) or ".xml" in raw.lower():
                name = _local(element.tag)
                origin = _origin(doc, element)
                # a part included from elsewhere has its files beside it (origin), under the
                # bases written inside it (probe 144: a division's xml:base in a part)
                base = _xml_base(element) if origin is None else _part_base(doc, element, origin)
                found = _pointers(key, raw, name, element.sourceline, origin, prefixes, base)
                if _at_text(element, name, key):
                    found = (p._replace(to_text=True) for p in found)
                pointers.extend(found)
            if _BARE.search(raw):
                # (a name's @ref may mean a register entry: entry_only, until the registers
                # say; keyed.kind_of knows the names the index reads; so may a speech's
                # @who, which the build links to the person: probe 125)
                named = key == "who" or (key == "ref" and keyed.kind_of(element) is not None)
                bare.extend(
                    PointerFact(key, "", sys.intern(token), _local(element.tag),
                                element.sourceline, _origin(doc, element), bare=True,
                                entry_only=named)
                    for token in _TOKEN.findall(raw) if _BARE_TOKEN.fullmatch(token)
                )  # fmt: skip
    if bare:
        pointers.extend(_bare_ids(bare, ids))
    return FileFacts(doc.path, doc.display, tuple(ids), tuple(pointers))


#: A pointer's token that may be an id written without its "#" (no path, scheme, fragment
#: or file extension a page or an image has): ``wit="B"``, ``who="eole"``.
_BARE_TOKEN = re.compile(r"[^\W\d][\w.-]*")
_BARE = re.compile(r"(?:^|\s)[^\W\d]")
_FILE_SUFFIX = re.compile(r"\.(xml|x?html?|jpe?g|png|gif|tiff?|pdf|svg|webp|txt|json)$", re.I)


def _names_xml_file(token: str) -> bool:
    """Whether a pointer's token names an XML file of the edition (``other.xml``,
    ``../letters/l2.xml``) with no fragment: no scheme, no query, not absolute. By string
    tests, not a regular expression: a fuzzed attribute of megabytes without a space took a
    search that backtracks from every position past the time limit."""
    return (
        token[-4:].lower() == ".xml"
        and len(token) > 4
        and not any(c in token for c in ":?#")
        and not token.startswith("/")
    )


def _at_text(element: etree._Element, name: str, attribute: str) -> bool:
    """Whether a pointer names a text of the edition (``PointerFact.to_text``)."""
    if attribute in ("prev", "next"):
        return name == "TEI"
    return (
        attribute == "target"
        and name in ("ref", "ptr")
        and next(element.iterancestors(f"{{{TEI_NS}}}correspContext"), None) is not None
    )


def _bare_ids(candidates: list[PointerFact], ids: list[IdFact]) -> Iterator[PointerFact]:
    """The candidates that are the id of an element of the document: a reading's
    ``wit="B"`` beside ``<witness xml:id="B">`` (probe 27), a speech's ``who="eole"``
    beside the role (probe 36). Such a token is by the Guidelines an address, a file named
    B, which nothing checked: the build read some as ids and others as files."""
    own = {fact.value for fact in ids}
    for pointer in candidates:
        if _FILE_SUFFIX.search(pointer.fragment):
            continue
        if pointer.fragment in own:
            yield pointer._replace(entry_only=False)
        elif pointer.entry_only:
            yield pointer


@functools.lru_cache(maxsize=1024)
def _local(tag: str) -> str:
    """The local name of a Clark name (interned: the same few names in every file)."""
    return sys.intern(tag.rpartition("}")[2])


def _origin(doc: SourceDocument, element: etree._Element) -> Path | None:
    if not doc.parts:
        return None
    origin = doc.origin_of(element)
    return None if origin is doc.path else origin


def _is_register_entry(element: etree._Element, name: str) -> bool:
    """An entry of a register list, or one nested in such an entry: a district in its city
    (TEI's place holds places, its org orgs and persons: Guidelines 13.3), which the build
    resolves as an entry too (probe 57: 16 refs.dangling on an edition that built)."""
    if name not in REGISTER_ENTRIES or not element.tag.startswith(f"{{{TEI_NS}}}"):
        return False
    parent = element.getparent()
    while (
        parent is not None
        and parent.tag.startswith(f"{{{TEI_NS}}}")
        and etree.QName(parent).localname in REGISTER_ENTRIES
    ):
        parent = parent.getparent()
    return parent is not None and etree.QName(parent).localname in ENTITY_LISTS


def _container(element: etree._Element) -> str | None:
    """The id of the register entry ``element`` is nested in, if any."""
    parent = element.getparent()
    if parent is None or etree.QName(parent).localname not in REGISTER_ENTRIES:
        return None
    value = parent.get(XML_ID)
    return sys.intern(value.strip()) if value else None


def _pointers(
    attribute: str,
    raw: str,
    element: str,
    line: int | None,
    origin: Path | None,
    prefixes: Prefixes | None = None,
    base: str | None = "",
) -> Iterator[PointerFact]:
    """The pointers of an attribute's value; ``base``: the ``xml:base`` its files are named
    under (None: an address elsewhere, whose files are not looked for)."""
    for written in _TOKEN.findall(raw):
        token = prefixes.expand(written) if prefixes is not None else written
        if "#" not in token:
            # a file of the edition named without an id ("letter-2.xml"): it must be there
            # (probe 66: a ref to a missing file was told only when it named an id in it)
            if _names_xml_file(token) and base is not None:
                yield PointerFact(
                    attribute, sys.intern(_path_of(joined(base, token))), "", element, line,
                    origin, written if token != written else "",
                )  # fmt: skip
            continue
        file_part, _, fragment = token.partition("#")
        if ":" in file_part or not fragment:
            continue  # absolute URIs and prefixed pointers are not ours to resolve
        if file_part and not file_part.lower().endswith(".xml"):
            continue
        if file_part:
            if base is None:
                continue
            file_part = sys.intern(_path_of(joined(base, file_part)))
        yield PointerFact(
            attribute,
            file_part,
            sys.intern(percent_decoded(fragment)),
            element,
            line,
            origin,
            written if token != written else "",
        )


_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

#: A token of a pointer list: pointers are parted by XML's white space alone (a no-break
#: space is part of the pointer, as the build reads it: probe 125, "#anna\u00a0" passed the
#: check, ``str.split`` parting at it, and was an unresolved name in the build).
_TOKEN = re.compile(r"[^ \t\r\n]+")


def _path_of(address: str) -> str:
    """A relative address's path, its escapes read, but for an escaped "/" (RFC 3986, 2.2:
    "%2F" is a character of a segment, no separator): "..%2fregisters%2fpersons.xml" names
    no folder (probe 129: the check read ../registers/persons.xml, the build nothing)."""
    return unquote(_ESCAPED_SLASH.sub("%252F", address))


_ESCAPED_SLASH = re.compile("%2f", re.IGNORECASE)


def _visible(value: str) -> str:
    """``value`` with a character one cannot see (a no-break space, a zero-width joiner)
    written as Python writes it, "anna\\xa0": the id a pointer names is told as it is."""
    return (
        value
        if value.isprintable()
        else "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    )


def _xml_base(element: etree._Element) -> str | None:
    """The folder the ``xml:base`` values around ``element`` name (outermost first, XML Base
    joining them), "" when none does; None when one is an address elsewhere or an absolute
    path: files named under it are not the edition's to look for (probe 69: "y.xml" under
    ``xml:base="other/"`` was told missing though other/y.xml is there)."""
    return _bases([element, *element.iterancestors()])


def _part_base(doc: SourceDocument, element: etree._Element, origin: Path) -> str | None:
    """``_xml_base`` within the included part ``element`` was written in: the bases of its
    ancestors in that part, but the part's root's, which xi:include wrote (``origin`` says
    where the part is)."""
    chain = []
    for holder in (element, *element.iterancestors()):
        if _origin(doc, holder) != origin:
            break
        chain.append(holder)
    return _bases(chain[:-1])


def _bases(holders: list[etree._Element]) -> str | None:
    """The ``xml:base`` values of ``holders`` (innermost first) joined outermost first; None
    when one is an address elsewhere or an absolute path."""
    base = ""
    for holder in reversed(holders):
        value = (holder.get(_XML_BASE) or "").strip(" \t\r\n")
        if value:
            if urlsplit(value).scheme or value.startswith("/"):
                return None
            base = joined(base, value)
    return base


class PackedFacts(NamedTuple):
    """A file's facts as a run keeps them until every file is checked: the ids and pointers
    pickled and compressed (a few hundred bytes a file, a tenth of the records), unpacked
    again only while ``resolve`` passes over them."""

    path: str
    display: str
    blob: bytes
    #: Whether a pointer names a file (``file.xml#id``): only those files are unpacked to
    #: find which files' ids must be kept whole.
    names_files: bool


#: Pickled facts of at least this many bytes are compressed: below, zlib's own start costs
#: more than the bytes it saves (a letter's 600 bytes took 13 us to compress).
_COMPRESS_FROM = 2048
#: The first byte of a zlib stream; a pickle of protocol 5 begins with 0x80.
_ZLIB = 0x78


def pack(facts: FileFacts) -> PackedFacts:
    # plain tuples: pickle writes a NamedTuple by a Python call per record (a letter's facts
    # 19 us, as tuples 6 us); ``unpacked`` makes the records again
    records = (list(map(tuple, facts.ids)), list(map(tuple, facts.pointers)))
    blob = pickle.dumps(records, protocol=5)
    if len(blob) >= _COMPRESS_FROM:
        blob = zlib.compress(blob, 1)
    names_files = any(p.file for p in facts.pointers)
    return PackedFacts(str(facts.path), facts.display, blob, names_files)


def unpacked(item: FileFacts | PackedFacts) -> FileFacts:
    """The records of ``pack``ed facts (facts already whole are returned as they are)."""
    if isinstance(item, FileFacts):
        return item
    blob = item.blob
    if blob[0] == _ZLIB:
        blob = zlib.decompress(blob)
    ids, pointers = pickle.loads(blob)
    return FileFacts(
        Path(item.path),
        item.display,
        tuple(map(IdFact._make, ids)),
        tuple(map(PointerFact._make, pointers)),
    )


Facts = FileFacts | PackedFacts


def resolve(
    checked: Iterable[Facts],
    context: Iterable[Facts] = (),
    complete: Callable[[Path], bool] | None = None,
    root: Path | None = None,
    unread_registers: Sequence[Path] = (),
) -> list[Diagnostic]:
    """Diagnostics for the ``checked`` files; ``context`` files only help resolve pointers.
    ``complete`` says whether every file that could point at an entry of a file was seen
    (``corpus_seen``); an entry is "never referenced" only then (default: always). A file
    a pointer names outside ``root`` (the edition's folder) is not read: the build does not
    read it either (probe 129: the check told whether an id was in any file of the machine,
    and passed links the site would not have).

    Three passes over the files, each unpacking one file at a time: the files that pointers
    name; ids (duplicates, the entity namespace, the ids of named files); pointers. Only the
    register entries and the ids of files that ``file.xml#id`` pointers name are held.
    ``unread_registers``: register files that could not be read (not well-formed): a
    pointer at an id found nowhere may be at one of their entries, and is told so, once a
    file, not "dangling" (probe 180: "add the entry to a register", of an entry there)."""
    checked = list(checked)
    names = {str(f.path) for f in checked}
    everything = checked + [c for c in context if str(c.path) not in names]
    named: set[Path] = set()
    for item in everything:
        if isinstance(item, FileFacts) or item.names_files:
            file = unpacked(item)
            named.update(_named(file, p) for p in file.pointers if p.file)
    by_file: dict[Path, dict[str, IdFact]] = {}
    doubled: dict[Path, dict[str, set[str]]] = {}  # the ids each named file gives twice
    entities: dict[str, IdFact] = {}  # the entity namespace: register entries merged by id
    declared: dict[str, FileFacts] = {}  # the file of each entity's first entry
    texts: dict[str, IdFact] = {}  # the ids of the documents' roots (PointerFact.to_text)
    entries: list[tuple[FileFacts, IdFact]] = []  # of the checked files, for _unused
    out: list[Diagnostic] = []
    # the files with pointers: the last pass unpacks only them (most novels have none)
    pointing: list[Facts] = []
    seen: set[Path] = set()
    for item in everything:
        file = unpacked(item)
        if named:  # resolving a path is 0.14 ms: only when a pointer names a file
            seen.add(file.resolved)
        if file.pointers:
            pointing.append(item)
        own = _own_ids(file, str(file.path) in names, out)
        for fact in file.ids:
            if fact.register_entry:
                first = entities.setdefault(fact.value, fact)
                declared.setdefault(fact.value, file)
                if str(file.path) in names:
                    entries.append((file, fact))
                other = declared[fact.value]
                if first.element != fact.element and other is not file:
                    # told in the checked file of the two, whichever was read first (probe
                    # 126: a text checked before the register it conflicts with said nothing)
                    if str(file.path) in names:
                        out.append(_conflict(file, fact, other, first))
                    elif str(other.path) in names:
                        out.append(_conflict(other, first, file, fact))
            elif fact.element == "TEI":
                texts.setdefault(fact.value, fact)
        if named and file.resolved in named:
            for value, fact in own.items():
                by_file.setdefault(file.resolved, {}).setdefault(value, fact)
            doubled.setdefault(file.resolved, {}).update(_twice(file))
    folder = root.resolve() if root is not None else None
    outside = {p for p in named - seen if folder is not None and not _within(p, folder)}
    absent, unread = (
        _read_named(named - seen - outside, by_file, doubled) if named else (set(), set())
    )
    told_unread: set[tuple[str, Path]] = set()
    used: set[str] = set()
    for item in pointing:
        file = unpacked(item)
        own = _own_ids(file, False, [])
        # ids the file gives twice (told as duplicates): a pointer at one may mean either,
        # so it is neither of the wrong kind nor leaves an entry of that id unused (probe
        # 153: "must point at a <person> ... but p1 is a <p>", and the person "never
        # referenced", beside the duplicate)
        twice = _twice(file)
        # the n-th pointer of a line with the same attribute and id is at the n-th such
        # attribute of the line (two dangling "#nope" on one line: two columns)
        nth: Counter[tuple[Path | None, int | None, str, str]] = Counter()
        for pointer in file.pointers:
            if pointer.entry_only:
                # told only when it is the id of a register entry, and never a use of it
                if str(file.path) in names and pointer.fragment in entities:
                    key = (pointer.origin, pointer.line, pointer.attribute, pointer.fragment)
                    nth[key] += 1
                    out.extend(_pointer_problems(file, pointer, None, nth[key]))
                continue
            target = _target(file, pointer, own, by_file, entities)
            if target is None and pointer.to_text and not pointer.file:
                target = texts.get(pointer.fragment)
            # (into another file too: probe 155, "a.xml#p1" was still of the wrong kind;
            # but of the wrong kind still when none of the elements of that id is of a kind
            # the pointer may name, two <p>: probe 158)
            kinds = (doubled.get(_named(file, pointer), {}) if pointer.file else twice).get(
                pointer.fragment
            )
            expected = EXPECTED_KIND.get(pointer.element)
            ambiguous = kinds is not None and (
                pointer.attribute != "ref" or not expected or bool(kinds & set(expected))
            )
            if target is not None and (target.register_entry or ambiguous):
                used.add(target.value)
            if ambiguous and target is not None:
                continue  # its duplicate is the problem, told as such
            if pointer.attribute == "key":
                continue  # a use or nothing: a key may name no entry
            if str(file.path) in names:
                key = (pointer.origin, pointer.line, pointer.attribute, pointer.fragment)
                nth[key] += 1
                where = _named(file, pointer) if pointer.file else None
                if where in outside:
                    if pointer.fragment:
                        out.append(_outside(file, pointer, root, nth[key]))
                    elif not where.is_file():  # a link to a whole file: its being there alone
                        out.extend(_pointer_problems(file, pointer, None, nth[key], True))
                    continue
                if where is not None and where in unread and target is None and pointer.fragment:
                    # its ids are unknown, not missing (probe 150: a register saved half
                    # written made every pointer into it "dangling"): told once a file
                    if (str(file.path), where) not in told_unread:
                        told_unread.add((str(file.path), where))
                        out.append(_unread(file, pointer, where, nth[key]))
                    continue
                if (
                    unread_registers
                    and where is None
                    and target is None
                    and pointer.fragment
                    and pointer.attribute not in DECLARED_BY
                    and pointer.attribute != "target"
                ):
                    if (str(file.path), unread_registers[0]) not in told_unread:
                        told_unread.add((str(file.path), unread_registers[0]))
                        out.append(_unread_register(file, pointer, unread_registers, nth[key]))
                    continue
                missing = where is not None and where in absent
                out.extend(_pointer_problems(file, pointer, target, nth[key], missing))
    out.extend(_unused([e for e in entries if complete is None or complete(e[0].path)], used))
    return out


def corpus_of(register: Path) -> Path:
    """The folder of the files that may point at the entries of ``register``: the folder
    that holds its ``registers/`` folder, else the ``sources`` of the edition it is in (a
    register folder of another name, ``indices/``, checked as a whole called every entry
    "never referenced"), else its own."""
    folder = register.parent
    for ancestor in [folder, *folder.parents]:
        if ancestor.name == "registers":
            return ancestor.parent
    return _sources_holding(folder) or folder


def corpus_seen(seen: Iterable[Path]) -> Callable[[Path], bool]:
    """Whether every ``*.xml`` of a file's corpus (``corpus_of``) is among ``seen``: a
    register checked alone (``edition check tei/registers/persons.xml``, or ``edition
    serve`` after a register was saved) has no way to know which entries the texts use, and
    called every entry "never referenced"."""
    from ..gate import discover_names

    seen = list(seen)
    # made when first asked (a corpus without registers never is): the names as given, and
    # resolved (symbolic links) only for a name not found as given: a realpath is five
    # system calls (26 us), 5 s of the client's time for the 2 x 100,000 names of a large
    # corpus after its last file
    given: set[str] = set()
    resolved: set[str] = set()
    verdicts: dict[Path, bool] = {}

    def among(name: str) -> bool:
        if os.path.abspath(name) in given:
            return True
        if not resolved:
            resolved.update(os.path.realpath(p) for p in seen)
        return os.path.realpath(name) in resolved

    def complete(path: Path) -> bool:
        corpus = corpus_of(Path(os.path.abspath(path)))
        if corpus not in verdicts:
            if not given:
                given.update(os.path.abspath(p) for p in seen)
            names, _ = discover_names([corpus])
            verdicts[corpus] = all(among(n) for n in names)
        return verdicts[corpus]

    return complete


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _outside(file: FileFacts, pointer: PointerFact, root: Path | None, nth: int) -> Diagnostic:
    """A pointer into a file outside the edition's folder, which neither the check nor the
    build reads."""
    shown = pointer.written or f"{pointer.file}#{pointer.fragment}".rstrip("#")
    return diag.error(
        _shown(file, pointer.origin),
        "refs.dangling",
        f'@{pointer.attribute}="{_visible(shown)}" on <{pointer.element}> names a file outside '
        f"the edition's folder ({display(root) if root else '-'}), which is not read: move the "
        "file into the edition, or fix the path (--root names another folder)",
        *_pointer_place(file, pointer, nth),
        origin=_ORIGIN,
    )


def _read_named(
    paths: Iterable[Path],
    by_file: dict[Path, dict[str, IdFact]],
    doubled: dict[Path, dict[str, set[str]]],
) -> tuple[set[Path], set[Path]]:
    """The ids of files that pointers name and that are none of the files checked or seen
    (``file.xml#id`` into a folder not checked), read from the disk into ``by_file``; the
    paths that name no file, and those of files that cannot be read (not well-formed: a
    checked file that fails the gate is read here too). Checking one folder of an edition
    reported every pointer into a sibling folder as dangling, and a pointer to a missing
    file as one to a missing id (probe 15)."""
    absent: set[Path] = set()
    unread: set[Path] = set()
    for path in sorted(paths):
        if not path.is_file():
            absent.add(path)
            continue
        if path.suffix.lower() != ".xml":
            # an image, a PDF, a page of another site's export: not read for ids (the
            # pointer is reported as before, its id not found there)
            continue
        gated = read_document(path)
        if gated.document is None:
            unread.add(path)
            continue
        found = facts(gated.document)
        for value, fact in _own_ids(found, False, []).items():
            by_file.setdefault(path, {}).setdefault(value, fact)
        doubled.setdefault(path, {}).update(_twice(found))
    return absent, unread


def _unread_register(
    file: FileFacts, pointer: PointerFact, registers: Sequence[Path], nth: int
) -> Diagnostic:
    """A pointer at an id found nowhere while a register cannot be read: it may be there."""
    more = f" (and {len(registers) - 1} more)" if len(registers) > 1 else ""
    return diag.warning(
        _shown(file, pointer.origin),
        "refs.unread-file",
        f'@{pointer.attribute}="#{pointer.fragment}" on <{pointer.element}> names no id of '
        f"this document or of the registers read, and the register {display(registers[0])}"
        f"{more} cannot be read (not well-formed, or no XML; a check of it says why): the "
        "pointers of this file at register entries are not checked until it is mended",
        *_pointer_place(file, pointer, nth),
        origin=_ORIGIN,
    )


def _unread(file: FileFacts, pointer: PointerFact, where: Path, nth: int) -> Diagnostic:
    """A pointer into a file that cannot be read: its ids are unknown, not missing."""
    return diag.warning(
        _shown(file, pointer.origin),
        "refs.unread-file",
        f'@{pointer.attribute}="{pointer.file}#{pointer.fragment}" on <{pointer.element}> '
        f"points into {display(where)}, which cannot be read (not well-formed, or no XML; "
        "a check of it says why): the pointers of this file into it are not checked until it "
        "is mended",
        *_pointer_place(file, pointer, nth),
        origin=_ORIGIN,
    )


def _own_ids(file: FileFacts, report: bool, out: list[Diagnostic]) -> dict[str, IdFact]:
    """The file's ids, the first of each value; a repeated one reported into ``out``."""
    own: dict[str, IdFact] = {}
    for fact in file.ids:
        first = own.setdefault(fact.value, fact)
        if first is not fact and report:
            out.append(_duplicate(file, fact, first))
        elif report and not is_ncname(fact.value):
            out.append(_bad_id(file, fact))
    return own


def _twice(file: FileFacts) -> dict[str, set[str]]:
    """The ids the file gives more than once (told as duplicates), each with the elements
    that carry it: a pointer at one may mean any of them, so it is of the wrong kind only
    when all are, and leaves no entry of that id unused."""
    counts = Counter(f.value for f in file.ids)
    found: dict[str, set[str]] = {}
    for fact in file.ids:
        if counts[fact.value] > 1:
            found.setdefault(fact.value, set()).add(fact.element)
    return found


def _bad_id(file: FileFacts, fact: IdFact) -> Diagnostic:
    return diag.error(
        _shown(file, fact.origin),
        "refs.bad-id",
        f'xml:id "{fact.value}" is not an XML name ({ID_RULE}): a pointer cannot name it, '
        f'and pages and exports cannot carry it; rename it (say "{id_suggestion(fact.value)}") '
        "and the pointers to it",
        *_id_place(file, fact),
        origin=_ORIGIN,
    )


def _named(file: FileFacts, pointer: PointerFact) -> Path:
    """The file a ``file.xml#id`` pointer names."""
    base = pointer.origin or file.path
    return (base.parent / pointer.file).resolve()


def _shown(file: FileFacts, origin: Path | None) -> str:
    return file.display if origin is None else display(origin)


def _duplicate(file: FileFacts, fact: IdFact, first: IdFact) -> Diagnostic:
    shown = _shown(file, fact.origin)
    first_line = _id_place(file, first)[0]
    where = f"line {first_line}" if first_line else "earlier"
    if _shown(file, first.origin) != shown:
        where = f"{_shown(file, first.origin)}, {where}"
    return diag.error(
        shown,
        "refs.duplicate-id",
        f'xml:id "{fact.value}" is used twice in this document (first defined at {where}); '
        "ids must be unique within a document: rename one and update the pointers to it",
        # the second of one line at the second (probe 108: minified TEI's duplicate was
        # placed at the first)
        *_id_place(file, fact, 2 if (first.line, first.origin) == (fact.line, fact.origin) else 1),
        origin=_ORIGIN,
    )


def _conflict(file: FileFacts, fact: IdFact, first_file: FileFacts, first: IdFact) -> Diagnostic:
    """An entry whose id another file's entry of another kind has: the registers are one
    namespace, so the index keeps one of the two (probe 124: an org given a place's id; the
    check told only the texts' names "the wrong kind", and the build published no places)."""
    line = _id_place(first_file, first)[0]
    where = _shown(first_file, first.origin) + (f":{line}" if line else "")
    return diag.error(
        _shown(file, fact.origin),
        "refs.entry-conflict",
        f'register entry "{fact.value}" (<{fact.element}>) has the id of the <{first.element}> '
        f"of {where}: the entries of all the registers share one set of ids, and the index "
        "keeps only one of the two; give one of them another id and update the pointers",
        *_id_place(file, fact),
        origin=_ORIGIN,
    )


def _id_place(file: FileFacts, fact: IdFact, nth: int = 1) -> tuple[int | None, int | None]:
    return columns.attribute_place(fact.origin or file.path, fact.line, "xml:id", fact.value, nth)


def _pointer_place(
    file: FileFacts, pointer: PointerFact, nth: int = 1
) -> tuple[int | None, int | None]:
    path = pointer.origin or file.path
    # a whole file is found by its name (probe 125: "" was found in the line's first
    # pointer, and a missing file told at another's column)
    token = pointer.written or pointer.fragment or posixpath.basename(pointer.file)
    # a value over several lines: the token's own line (the attribute's may hold others)
    spread = columns.token_place(path, pointer.line, pointer.attribute, token, nth)
    if spread is not None:
        return spread
    return columns.attribute_place(path, pointer.line, pointer.attribute, token, nth)


def _target(
    file: FileFacts,
    pointer: PointerFact,
    own: dict[str, IdFact],
    by_file: dict[Path, dict[str, IdFact]],
    entities: dict[str, IdFact],
) -> IdFact | None:
    if pointer.file:
        return by_file.get(_named(file, pointer), {}).get(pointer.fragment)
    found = own.get(pointer.fragment)
    return found if found is not None else entities.get(pointer.fragment)


def _pointer_problems(
    file: FileFacts,
    pointer: PointerFact,
    target: IdFact | None,
    nth: int = 1,
    missing: bool = False,
) -> Iterator[Diagnostic]:
    if pointer.bare:
        where = "the register entry" if pointer.entry_only else "the element"
        within = "" if pointer.entry_only else " in this document"
        yield diag.warning(
            _shown(file, pointer.origin),
            "refs.bare-id",
            f'@{pointer.attribute}="{pointer.fragment}" on <{pointer.element}> is the address '
            f'of a file named "{pointer.fragment}", not of {where} with xml:id '
            f'"{pointer.fragment}"{within}: a pointer to an id begins with "#"; '
            f'write {pointer.attribute}="#{pointer.fragment}"',
            *_pointer_place(file, pointer, nth),
            origin=_ORIGIN,
        )
        return
    shown = f"{pointer.file}#{pointer.fragment}" if pointer.file else f"#{pointer.fragment}"
    if not pointer.fragment:  # a whole file
        shown = pointer.file
    # an abbreviated pointer is named as written, with what its header's prefixDef made of it
    read = f" (read as {shown} by its header's prefixDef)" if pointer.written else ""
    shown = pointer.written or shown
    if target is None and missing and not pointer.fragment:
        # a whole file: a link or a neighbour outside the files at hand as often as a slip
        # (an issue's @next, a witness's edition), so a warning, where an id in it is an error
        yield diag.warning(
            _shown(file, pointer.origin),
            "refs.missing-file",
            f'@{pointer.attribute}="{shown}"{read} on <{pointer.element}> names a file that is '
            f"not there (looked at {display(_named(file, pointer))}); fix the path or add the "
            "file",
            *_pointer_place(file, pointer, nth),
            origin=_ORIGIN,
        )
        return
    if target is None and missing:
        yield diag.error(
            _shown(file, pointer.origin),
            "refs.dangling",
            f'@{pointer.attribute}="{shown}"{read} on <{pointer.element}> points at nothing: there '
            f"is no file {pointer.file} (looked at {display(_named(file, pointer))}); fix the "
            "path or add the file",
            *_pointer_place(file, pointer, nth),
            origin=_ORIGIN,
        )
        return
    if not pointer.fragment:  # the file is there: nothing in it is named
        return
    if target is None:
        where = (
            f"in {pointer.file}"
            if pointer.file
            else "in this document, the registers or the roots of the texts"
            if pointer.to_text
            else "in this document or the registers"
        )
        declared = DECLARED_BY.get(pointer.attribute)
        advice = (
            f'add {declared} with xml:id="{pointer.fragment}" or fix the id'
            if declared
            else "add the entry to a register or fix the id"
            if pointer.attribute in REGISTER_POINTERS
            # a passage's @sameAs names another passage, no register entry (probe 140)
            and (pointer.attribute != "sameAs" or pointer.element in _ENTRY_SAME_AS)
            else f'give the element meant xml:id="{pointer.fragment}" or fix the id'
        )
        yield diag.error(
            _shown(file, pointer.origin),
            "refs.dangling",
            f'@{pointer.attribute}="{_visible(shown)}"{read} on <{pointer.element}> points at '
            f'nothing: no xml:id "{_visible(pointer.fragment)}" {where}; {advice}',
            *_pointer_place(file, pointer, nth),
            origin=_ORIGIN,
        )
        return
    if pointer.attribute == "wit" and target.element not in WITNESS_KINDS:
        yield diag.warning(
            _shown(file, pointer.origin),
            "refs.not-a-witness",
            f'@wit="{shown}"{read} on <{pointer.element}> names a <{target.element}>, not a '
            "<witness> of a listWit: the apparatus cites it as a witness; point it at the "
            "witness meant",
            *_pointer_place(file, pointer, nth),
            origin=_ORIGIN,
        )
        return
    expected = EXPECTED_KIND.get(pointer.element)
    if pointer.attribute == "ref" and expected and target.element not in expected:
        named = [f"<{kind}>" for kind in expected]
        kinds = " or ".join(filter(None, (", ".join(named[:-1]), named[-1])))
        article = "an" if expected[0][0] in "aeiou" else "a"
        yield diag.error(
            _shown(file, pointer.origin),
            "refs.wrong-kind",
            f'<{pointer.element} ref="{shown}">{read} must point at {article} {kinds} entry, but '
            f'"{pointer.fragment}" is a <{target.element}>; use the right tag or entry',
            *_pointer_place(file, pointer, nth),
            origin=_ORIGIN,
        )


def _unused(entries: list[tuple[FileFacts, IdFact]], used: set[str]) -> Iterator[Diagnostic]:
    for file, fact in entries:
        if fact.value not in used:
            yield diag.warning(
                _shown(file, fact.origin),
                "refs.unused-entry",
                f'register entry "{fact.value}" (<{fact.element}>) is never referenced; '
                "tag its mentions with @ref or remove it",
                *_id_place(file, fact),
                origin=_ORIGIN,
            )


def context_files(checked: Iterable[Path], depth: int = 3) -> list[Path]:
    """Register files near the checked ones, loaded only to resolve their pointers.

    An editor who checks ``tei/texts/a.xml`` alone still wants its ``#id`` pointers resolved
    against ``tei/registers/*.xml``: look for ``registers/`` folders up to ``depth`` levels up,
    and, for a file inside an edition's ``sources``, in every folder up to them (a letter in
    ``tei/texts/1890/03/`` is deeper than three levels below ``tei/registers/``).
    """
    found: set[Path] = set()
    checked = list(checked)
    for folder in register_folders({p.parent for p in checked}, depth):
        # as a folder named is walked: not its hidden folders nor a folder a build
        # publishes into (probe 101: `--out tei/registers` had the next build read its
        # working area's copies and its own exports as registers)
        found.update(Path(name) for name in discover_names([folder])[0])
    names = {p.name for p in found}
    chosen = {p.resolve() for p in checked if p.name in names}
    return sorted(p for p in found if p.resolve() not in chosen)


def register_folders(folders: Iterable[Path], depth: int = 3) -> list[Path]:
    """The ``registers/`` folders ``context_files`` reads for files in ``folders``
    (resolved): the build must not publish into one (pipeline/build.py, check_out)."""
    found: set[Path] = set()
    # Files share folders: look up each folder once (a corpus has few, and many files).
    for parent in {folder.resolve() for folder in folders}:
        ancestors = [parent, *parent.parents][:depth]
        sources = _sources_holding(parent)
        if sources is not None:
            ancestors += [a for a in parent.parents if a == sources or sources in a.parents]
        # resolved: a link to the registers is the folder it leads to (probe 103: --out
        # inside the folder a registers link led to was let through)
        found.update((a / "registers").resolve() for a in ancestors if is_dir(a / "registers"))
    return sorted(found)


#: The start of a register list in a file's bytes (``<listPerson``, ``<tei:listPlace``).
_LIST_START = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:" + "|".join(ENTITY_LISTS).encode() + rb")[\s/>]"
)


def may_hold_entries(path: Path) -> bool:
    """Whether a file that could not be read may be a register: it lies in a ``registers/``
    folder, or its bytes start a register list."""
    if "registers" in Path(os.path.abspath(path)).parent.parts:
        return True
    try:
        with open(path, "rb") as handle:
            return _LIST_START.search(handle.read(64 * 1024 * 1024)) is not None
    except OSError:
        return False


def edition_lists(checked: Iterable[Path], targets: Iterable[Path] = ()) -> list[Path]:
    """The other files of the edition's ``sources`` that hold register lists, for checked
    files inside an edition (``[tool.edition]`` in the nearest pyproject.toml): the entries a
    check of every file would resolve their pointers against, wherever the edition keeps
    them (``indices/listperson.xml``, a letter's ``back``). Only files whose bytes hold the
    start of such a list are read as XML. An edition whose sources lie in one of the folders
    named on the command line (``targets``) has every file checked: it is not read again."""
    checked = list(checked)
    whole = [t.resolve() for t in targets if is_dir(t)]
    editions = {s for s in map(_sources_holding, {p.parent for p in checked}) if s is not None}
    editions = {s for s in editions if not any(t == s or t in s.parents for t in whole)}
    if not editions:
        return []
    wanted = {os.path.abspath(p) for p in checked} | {os.path.realpath(p) for p in checked}
    found: list[Path] = []
    for sources in sorted(editions):
        for name in discover_names([sources])[0]:
            # as given first; read, then resolved, only when it is not a checked file
            if (
                os.path.abspath(name) not in wanted
                and holds_lists(Path(name))
                and os.path.realpath(name) not in wanted
            ):
                found.append(Path(name))
    return found


def holds_lists(path: Path) -> bool:
    """Whether the file's bytes hold the start of a register list (read without parsing: a
    file that cannot be read holds none here, its check says why)."""
    try:
        return _LIST_START.search(path.read_bytes()) is not None
    except OSError:
        return False


def _sources_holding(folder: Path) -> Path | None:
    # read at each call, not cached: serve and the language server outlive a change of the
    # settings
    return sources_holding(folder)
