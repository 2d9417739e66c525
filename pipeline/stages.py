"""Normalisation: gated TEI -> normalized TEI, the middle representation every writer reads.

The ordered list ``STAGES`` names the XSLT stages (``xslt/stages/``); each is an identity
transform that changes only what it is about (ids, resolved register keys). Registers reach
the stylesheets as one parameter document (``<ed:registers>``), never through ``doc()``.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Protocol

from lxml import etree

from . import columns, formulae
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .gate import TEI_NS, XML_ID, SourceDocument, tree_of_copy, xml_ids
from .keyed import ENTITY_LISTS, KeyedName, entry_kind, keyed_lists
from .locators import id_suggestion, locator_param
from .prefixes import Prefixes
from .records import shown_descriptions
from .xslt import ParamValue, XmlText, engine

ED_NS = "urn:edition"
#: Register lists: elements whose entries names can point at (a play's cast list holds the
#: roles its speeches' @who point at).
REGISTER_LISTS = (*ENTITY_LISTS, "castList")
#: The entries of those lists: the edition's entity namespace, merged by id.
ENTRY_KINDS = ("person", "personGrp", "place", "org", "event", "object", "nym")
_ENTRY_TAGS = tuple(f"{{{TEI_NS}}}{kind}" for kind in ENTRY_KINDS)
#: The works of a bibliography kept in a file of its own: entries a ``ptr`` or ``ref`` in any
#: text may point at (``master_bibliography.xml#lettich1983``), listed on the index's
#: bibliography page (probes 29 and 43).
WORK_KINDS = ("bibl", "biblStruct", "biblFull")
_WORK_TAGS = tuple(f"{{{TEI_NS}}}{kind}" for kind in WORK_KINDS)
_LIST_BIBL = f"{{{TEI_NS}}}listBibl"


@dataclass(frozen=True)
class Stage:
    """One normalisation step: the stylesheet ``xslt/<name>.xsl`` and what it guarantees."""

    name: str
    guarantees: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "stages/normalize",
        "stable xml:id on every linkable element; names carry ed:entity/ed:kind when their "
        "@ref resolves, ed:unresolved otherwise",
    ),
)


def is_register(doc: SourceDocument) -> bool:
    """A register file holds entity lists and nothing to read: no ``text`` (the lists in a
    ``standOff``, say), or a ``text`` of lists alone (``lists_only``). A bibliography kept in
    a file of its own (``listBibl`` in a ``standOff``, the header's ``sourceDesc`` or a
    ``text``) is one too: its works are entries the texts cite."""
    root = doc.root
    return _nothing_to_read(root) and (
        any(True for _ in _register_lists(root)) or any(True for _ in bibliographies(root))
    )


def _nothing_to_read(root: etree._Element) -> bool:
    text = root.find(f"{{{TEI_NS}}}text")
    return (text is None or lists_only(text) or _placeholder(root, text)) and not (
        holds_transcription(root.find(f"{{{TEI_NS}}}sourceDoc"))
    )


#: What an empty text is made of: its divisions and empty paragraphs, nothing to see.
_EMPTY_PARTS = frozenset(("text", "front", "body", "back", "div", "p", "ab", "head"))


def _placeholder(root: etree._Element, text: etree._Element) -> bool:
    """Whether ``text`` is a template's placeholder beside register lists kept elsewhere in
    the file (the header's particDesc, a standOff): no words, only empty divisions and
    paragraphs (probe 178: OpenArabicPE's personography, <text><body><p/></body></text>,
    was published as a page and a book of nothing, counted among the texts)."""
    for element in text.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        qname = etree.QName(element)
        if qname.namespace != TEI_NS or qname.localname not in _EMPTY_PARTS:
            return False
        if (element.text or "").strip() or (element is not text and (element.tail or "").strip()):
            return False
    # (a catalogue record's text is its description, shown from its header: no register)
    if next(root.iter(f"{{{TEI_NS}}}msDesc"), None) is not None:
        return False
    return any(True for _ in _register_lists(root))


#: Where a ``listBibl`` is a description's or a reference's (or an entry's, in a register
#: list), not the project's bibliography.
_NOT_BIBLIOGRAPHY = frozenset(("msDesc", "bibl", "biblStruct", "biblFull", "relatedItem"))


def bibliographies(root: etree._Element) -> Iterator[etree._Element]:
    """The outermost ``listBibl`` of a file that has nothing to read (a register or a
    bibliography file), in document order; none for a text, whose bibliography is its own
    (its ``bibl`` are cited by ``#id`` and shown on its page). ``root`` may be the lists
    ``sources.lists_document`` copied from such a file."""
    if root.tag == f"{{{TEI_NS}}}TEI":
        if not _nothing_to_read(root):
            return
    elif root.tag != f"{{{ED_NS}}}lists":  # a teiCorpus: its members' lists are theirs
        return
    for found in root.iter(_LIST_BIBL):
        above = {etree.QName(a).localname for a in found.iterancestors(etree.Element)}
        if above.isdisjoint((*_NOT_BIBLIOGRAPHY, *REGISTER_LISTS, "listRelation", "listBibl")):
            yield found


def is_text(doc: SourceDocument) -> bool:
    """A text to publish: a TEI document with a ``text`` that is not a register's lists alone,
    or with a ``sourceDoc`` only (a documentary or genetic transcription: its surfaces are the
    pages, TEI Guidelines 11.2.2)."""
    root = doc.root
    if root.tag != f"{{{TEI_NS}}}TEI":
        return False
    text = root.find(f"{{{TEI_NS}}}text")
    if text is not None and not lists_only(text) and not _placeholder(root, text):
        return True
    return holds_transcription(root.find(f"{{{TEI_NS}}}sourceDoc"))


#: What makes a sourceDoc a transcription to publish: a page, a part of one, a line, an image.
_TRANSCRIPTION = frozenset(
    f"{{{TEI_NS}}}{name}" for name in ("surface", "surfaceGrp", "zone", "line", "graphic")
)


def holds_transcription(source_doc: etree._Element | None) -> bool:
    """Whether a ``sourceDoc`` holds anything to read or see: a surface, zone, line or image,
    or words. An empty one (probe 29: a bibliography kept in a header, beside a template's
    ``<sourceDoc><addSpan/></sourceDoc>``) was published as a page and a book of nothing,
    and the links into it led to no entry."""
    if source_doc is None:
        return False
    # a comment's words are no words of the source: only elements' text and tails count
    return any(
        isinstance(e.tag, str) and (e.tag in _TRANSCRIPTION or bool((e.text or "").strip()))
        for e in source_doc.iter()
    ) or any((e.tail or "").strip() for e in source_doc.iterdescendants())


#: What the lists of a register kept in a ``text`` may stand in: many editions keep their
#: personography in a ``body``, often in a ``div`` with a ``head`` (TEI Guidelines 13.3.2 allows
#: ``listPerson`` there); the relations between the entries may stand beside them.
_LIST_WRAPPERS = frozenset(("front", "body", "back", "div", *(f"div{n}" for n in range(1, 8))))
_BESIDE_LISTS = frozenset(("head", "listRelation"))


def lists_only(text: etree._Element) -> bool:
    """Whether a ``text`` holds register lists and nothing else to read: no prose (a ``p``, a
    ``group``, words between the lists), only lists, headings and the divisions around them.
    Such a file is a register: its entries feed the index pages, and it is no text to publish
    (a reading page and a book of 20,000 persons, listed among the texts)."""
    lists = 0
    pending = [text]
    while pending:
        element = pending.pop()
        if (element.text or "").strip():
            return False
        for child in element:
            if (child.tail or "").strip():
                return False
            if not isinstance(child.tag, str):  # a comment or a processing instruction
                continue
            qname = etree.QName(child)
            name = qname.localname if qname.namespace == TEI_NS else ""
            if name in REGISTER_LISTS or name == "listBibl":
                lists += 1
            elif name in _LIST_WRAPPERS:
                pending.append(child)
            elif name not in _BESIDE_LISTS:
                return False
    return lists > 0


class HasLists(Protocol):
    """A source of register lists: a gated document, or the lists a worker sent back."""

    @property
    def path(self) -> Path: ...
    @property
    def display(self) -> str: ...
    @property
    def root(self) -> etree._Element: ...
    def locate(self, element: etree._Element) -> tuple[str, int | None]: ...
    def element_place(self, element: etree._Element) -> tuple[int | None, int | None]: ...


def entry_place(doc: HasLists, element: etree._Element) -> tuple[str, int | None, int | None]:
    """The file, line and column where a register entry was written: its start tag's "<"."""
    path = doc.locate(element)[0]
    return (path, *doc.element_place(element))


@dataclass(frozen=True)
class ListsSource:
    """The register lists of one file as ``sources.lists_document`` wrote them: copies whose
    entries say where they were written (``ed:path``, ``ed:line``)."""

    path: Path
    display: str
    root: etree._Element

    @classmethod
    def of(cls, path: Path, shown: str, lists: str) -> ListsSource:
        return cls(path, shown, tree_of_copy(lists))

    def locate(self, element: etree._Element) -> tuple[str, int | None]:
        line = element.get(_LINE)
        return element.get(_PATH, self.display), int(line) if line and line.isdigit() else None

    def element_place(self, element: etree._Element) -> tuple[int | None, int | None]:
        """The line and column of the copied ``element``'s start tag in the file it was
        written in, found in that file's lines when a diagnostic asks (never in the workers,
        for every entry); the line it ends on and no column when the tag is not surely it.
        An included file is named by its shown path alone: it gets no column."""
        path, line = self.locate(element)
        if path != self.display:
            return line, None
        ident = element.get(XML_ID)
        place = columns.start_tag_place(self.path, line, etree.QName(element).localname, ident)
        return place or (line, None)


_PATH = f"{{{ED_NS}}}path"
_LINE = f"{{{ED_NS}}}line"


def entry_ids(sources: Iterable[ListsSource]) -> frozenset[str]:
    """The ids of the register entries of ``sources``: what a pointer may name to lead to
    an entry of the index (``r:pointed-entry``), whichever file declares it."""
    return frozenset(
        str(ident)
        for source in sources
        for entry in (*source.root.iter(*_ENTRY_TAGS), *works(source.root))
        if (ident := entry.get(XML_ID))
    )


def works(root: etree._Element) -> Iterator[etree._Element]:
    """The works of the bibliographies of a register or bibliography file (``bibliographies``)
    that have an ``xml:id``: what a pointer from a text may cite."""
    for found in bibliographies(root):
        for work in found.iter(*_WORK_TAGS):
            parent = work.getparent()
            if work.get(XML_ID) and parent is not None and parent.tag == _LIST_BIBL:
                yield work


def register_lists(root: etree._Element) -> Iterable[etree._Element]:
    """The outermost register lists of a document, in document order."""
    return _register_lists(root)


#: Where a ``listRelation`` relates something other than register entries: the parts of a
#: manuscript, the readings of an apparatus.
_NOT_REGISTER_RELATIONS = frozenset(("msDesc", "note", "app", "rdg", "lem"))


def relation_lists(root: etree._Element) -> Iterable[etree._Element]:
    """The lists of relations a document keeps beside its register lists (in a ``standOff``,
    a ``particDesc``, a register's ``body``): the relations between its entries (TEI
    Guidelines 13.3.2.3), which the index shows on the entry of each entity they involve.
    Those inside a register list are copied with it."""
    for found in root.iter(f"{{{TEI_NS}}}listRelation"):
        above = {etree.QName(a).localname for a in found.iterancestors(etree.Element)}
        if above.isdisjoint((*REGISTER_LISTS, *_NOT_REGISTER_RELATIONS, "listRelation")):
            yield found


#: The pointers of register entries and relations a reader follows from the index: a birth's
#: place (``@ref``), an event's (``@where``), a relation's participants.
_ENTRY_POINTERS = ("ref", "where", "active", "passive", "mutual")


def expand_pointers(copied: etree._Element, prefixes: Prefixes) -> None:
    """Write the abbreviated pointers (``psn:0012``) of a copied list as the pointers the
    header of the document it was copied from declares them (``prefixDef``): the copy no
    longer has that header."""
    if not prefixes.rules:
        return
    for element in copied.iter(etree.Element):
        for name in _ENTRY_POINTERS:
            value = element.get(name)
            if value and ":" in value:
                element.set(name, " ".join(prefixes.expand(t) for t in value.split()))


def _register_lists(root: etree._Element) -> Iterable[etree._Element]:
    for name in REGISTER_LISTS:
        for found in root.iter(f"{{{TEI_NS}}}{name}"):
            # Nested lists are copied with their parent, also when an entry stands between
            # them (an event's listPlace, probe 24: its place was copied, and told of, twice).
            if not any(
                etree.QName(above).localname in REGISTER_LISTS
                for above in found.iterancestors(etree.Element)
            ):
                yield found


#: Cast lists' ids made the edition's (``cast_scopes``): for a file (``scope_key`` of its
#: path), its cast entries' ids and the ids of the entities the registers make of them.
CastScopes = Mapping[str, Mapping[str, str]]


def scope_key(path: Path) -> str:
    """How ``cast_scopes`` names a file: its absolute path, which a text shipped to another
    process (distributed_build: the fact's path made absolute) is still named by."""
    return os.path.abspath(path)


def cast_scopes(documents: Iterable[HasLists]) -> dict[str, dict[str, str]]:
    """The cast entries whose ids are not theirs alone, by file: ``{scope_key: {id: scoped}}``.

    A cast list's ids are its play's own (TEI Guidelines 7.1.4 and 7.2.2: a speech's ``@who``
    points at a role of its play; DESIGN.md section 5 rule 7), as ``edition check`` reads
    them; the registers' entries share one set of ids. Two plays that each list
    ``<role xml:id="nurse">`` (DraCor-style ids: "servant", "messenger", "all") were one
    entity of the index, credited with both plays' speeches, and the build asked to make the
    two declarations agree (known gap after probe 163). So a document's first indexed entry of
    an id that is a cast entry (``_cast_entries``), where an entry written elsewhere
    (another file, not a part two files include) has that id too, is an entity of its own
    id: "<file's stem>.<id>" ("playa.nurse"), made unique against every id of the lists.
    Both plays' roles are so scoped, whatever the order of the files; an entry of a
    register (a person "nurse") keeps its id. ``registers_document`` gives the scoped
    entries those ids, the normalisation stage leads a play's own pointers to them."""
    docs = list(documents)
    declared: dict[str, set[tuple[str, int | None]]] = {}
    firsts: list[dict[str, tuple[etree._Element, set[tuple[str, int | None]]]]] = []
    for doc in docs:
        own: dict[str, tuple[etree._Element, set[tuple[str, int | None]]]] = {}
        for entry, key in indexed_entries(doc):
            place = doc.locate(entry)
            own.setdefault(key, (entry, set()))[1].add(place)
            declared.setdefault(key, set()).add(place)
        firsts.append(own)
    wanted = [
        (doc, key, doc.locate(entry))
        for doc, own in zip(docs, firsts, strict=True)
        for key, (entry, places) in own.items()
        if entry.tag in _CAST_TAGS and declared[key] - places
    ]
    if not wanted:
        return {}
    taken = {ident for doc in docs for ident in _list_ids(doc.root)}
    scopes: dict[str, dict[str, str]] = {}
    # one entity per place an entry is written: a cast list two plays include from one file
    # is that file's, one entry however many plays include it (probe 167: it was two, one
    # scoped by each play, once a third play gave the id too)
    made: dict[tuple[str, int | None, str], str] = {}
    for doc, key, place in wanted:
        scoped = made.get((*place, key))
        if scoped is None:
            base = f"{id_suggestion(PurePath(place[0]).stem or doc.path.stem)}.{key}"
            scoped, n = base, 1
            while scoped in taken:
                n += 1
                scoped = f"{base}-{n}"
            taken.add(scoped)
            made[(*place, key)] = scoped
        scopes.setdefault(scope_key(doc.path), {})[key] = scoped
    return scopes


def _list_ids(root: etree._Element) -> Iterator[str]:
    """The ids of what ``registers_document`` copies of a document."""
    for found in (*_register_lists(root), *relation_lists(root), *bibliographies(root)):
        for element in found.iter(etree.Element):
            if ident := element.get(XML_ID):
                yield ident


def keep_language(copied: etree._Element, original: etree._Element) -> None:
    """Give a copied list the language its original inherits (a register whose root alone
    says xml:lang="ar"): the names of the copy, read apart from their file, were of no
    language, and the index wrote an Arabic name unmarked on an English page (probe 165)."""
    if _XML_LANG not in copied.attrib:
        inherited = next(
            (a.get(_XML_LANG) for a in original.iterancestors() if a.get(_XML_LANG)), None
        )
        if inherited is not None:
            copied.set(_XML_LANG, inherited)


def registers_document(
    documents: Iterable[HasLists],
    keyed: Iterable[KeyedName] = (),
    scopes: CastScopes | None = None,
) -> str:
    """All register lists of the corpus (in file order) under one ``<ed:registers>`` root.

    Each copied list carries ``ed:source`` (the file's stem) so writers can say where an entry
    comes from. Lists inside texts (a ``back``, ``standOff`` or ``particDesc``) count too. An
    entry is one entity however many files declare it (DESIGN.md section 5 rule 7): the first
    declaration is kept and later ones with the same id are left out (``entity_differences``
    warns when they do not agree). A cast list's entries are its play's: one whose id another
    file's entry has is given its scoped id (``scopes``, ``cast_scopes`` of ``documents``
    when not given), its own as ``ed:cast-id``. Then the edition's own lists of the names the
    texts identify by ``@key`` alone (``keyed``, in corpus order: ``keyed.keyed_lists``).
    """
    documents = list(documents)
    if scopes is None:
        scopes = cast_scopes(documents)
    root = etree.Element(f"{{{ED_NS}}}registers", nsmap={"ed": ED_NS, None: TEI_NS})
    seen: set[str] = set()
    kept: dict[str, etree._Element] = {}
    for doc in documents:
        scoped = scopes.get(scope_key(doc.path), {})
        prefixes = Prefixes.of(doc.root)
        lists = (*_register_lists(doc.root), *relation_lists(doc.root), *bibliographies(doc.root))
        for found in lists:
            # A copy, never a re-parse: a list may hold ids that are not NCNames.
            copied = copy.deepcopy(found)
            copied.tail = None
            keep_language(copied, found)
            expand_pointers(copied, prefixes)
            geo_as_lat_long(copied, doc.root)
            for element in copied.iter(etree.Element):  # where entries were written: not data
                element.attrib.pop(_PATH, None)
                element.attrib.pop(_LINE, None)
            for entry, key in list(_cast_entries(copied)) if scoped else ():
                if key in scoped:
                    entry.set(XML_ID, scoped[key])
                    entry.set(_WRITTEN_ID, key)
            # (a cast list's roles too: a second role of one id was indexed beside the
            # first, two entries of one HTML id, the speeches credited to the last; probe 163)
            for entry, key in [*_entries(copied), *_cast_entries(copied)]:
                if key in seen:
                    _remove(entry)
                    _given_also_by(kept.get(key), doc.path.stem)
                else:
                    kept[key] = entry
                seen.add(key)
            copied.set(f"{{{ED_NS}}}source", doc.path.stem)
            root.append(copied)
    # A key that is the id of a register entry of its kind names that entry (the Dodis
    # documents: persName key="P27996" and particDesc's person xml:id="P27996"), as
    # normalize.xsl resolves it (ed:by-key): no second entry is made of it.
    declared = {
        (kind, key)
        for found in root
        for entry, key in _entries(found)
        if (kind := entry_kind(entry)) is not None
    }
    keyed = [name for name in keyed if (name[0], name[1]) not in declared]
    if keyed:
        taken = xml_ids(root)
        for made in keyed_lists(keyed, taken):
            made.set(f"{{{ED_NS}}}source", "")
            root.append(made)
    text: str = etree.tostring(root, encoding="unicode")
    return text


_GEO = f"{{{TEI_NS}}}geo"
#: Two numbers and what parts them: "4.481 51.028", "4.7, 50.8", "48,2 16,3" (decimal commas).
_GEO_PAIR = re.compile(r"(\S+?)(\s*[,;]\s*|\s+)(\S+)")
_GEO_DECL = f"{{{TEI_NS}}}geoDecl"


def geo_as_lat_long(copied: etree._Element, source: etree._Element) -> None:
    """Write every ``geo`` of ``copied`` as "latitude longitude", the order the index reads:
    a ``geo`` whose declaration (``@decls``, else its file's default ``geoDecl``, else its
    only one) says "long lat" has its two numbers swapped (probe 101: "4.481 51.028" under
    a geoDecl "long lat" was published as a point off Somalia). Guidelines 13.3.4.1: the
    notation of ``geo`` is what its ``geoDecl`` says, "lat long" when none says."""
    geos = list(copied.iter(_GEO))
    if not geos:
        return
    declared = list(source.iter(_GEO_DECL))
    if not declared:
        return
    by_id = {d.get(XML_ID): d for d in declared if d.get(XML_ID)}
    default = next((d for d in declared if d.get("default") == "true"), None)
    if default is None and len(declared) == 1:
        default = declared[0]
    for geo in geos:
        named = [by_id.get(t.removeprefix("#")) for t in (geo.get("decls") or "").split()]
        decl = next((d for d in named if d is not None), None if named else default)
        notation = " ".join("".join(decl.itertext()).lower().split()) if decl is not None else ""
        if not notation.startswith(("long", "lng", "lon ")):
            continue
        pair = _GEO_PAIR.fullmatch(" ".join((geo.text or "").split()))
        # the two numbers parted by a space, which every reader of a geo takes, whatever
        # parted them ("4.7;50.879" kept its ";" and was lost: probe 109; "4.7, 50.8"
        # before that, probe 106)
        if pair is not None and len(geo) == 0:
            geo.text = f"{pair[3]} {pair[1]}"


def _entries(register_list: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """The entries of a list (nested lists included) with their ids, and the entries nested
    in them (a city's district, an organisation's branch: Guidelines 13.3), which the index
    and ``edition check`` take for entries: the build asked no authority identifier of a
    place nested in a place, nor told it unused (probe 64's camp in Mechelen)."""
    for entry in register_list.iter(*_ENTRY_TAGS):
        key = (entry.get(XML_ID) or "").strip()
        parent = entry.getparent()
        while parent is not None and parent.tag in _ENTRY_TAGS:
            parent = parent.getparent()
        if key and parent is not None and etree.QName(parent).localname in REGISTER_LISTS:
            yield entry, key


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ROLE = f"{{{TEI_NS}}}role"
_CAST_ITEM = f"{{{TEI_NS}}}castItem"
_CAST_TAGS = (_ROLE, _CAST_ITEM)
#: The id a scoped cast entry's document gives it (``cast_scopes``): what a pointer of
#: another file names it by ("playa.xml#nurse").
_WRITTEN_ID = f"{{{ED_NS}}}cast-id"


def _cast_entries(register_list: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """The entries of a cast list the index makes (xslt/index/modules/entries.xsl): its roles
    of an id, and its cast items of an id whose role has none, with their ids."""
    for entry in register_list.iter(_ROLE, _CAST_ITEM):
        key = (entry.get(XML_ID) or "").strip()
        if key and not (
            entry.tag == _CAST_ITEM
            and any((r.get(XML_ID) or "").strip() for r in entry.iter(_ROLE))
        ):
            yield entry, key


def indexed_entries(doc: HasLists) -> Iterator[tuple[etree._Element, str]]:
    """``register_entries`` and the entries of the document's cast lists: every entry the
    index makes of it, in document order within each list."""
    for found in _register_lists(doc.root):
        yield from _entries(found)
        yield from _cast_entries(found)


#: The other files that give an entry kept from the first (``ed:also-in``: their stems), so
#: that "people.xml#pp" names it though people-part.xml, which people.xml includes, gave it
#: first (probe 117; normalize.xsl, ed:entity-of).
_ALSO_IN = f"{{{ED_NS}}}also-in"


def _given_also_by(entry: etree._Element | None, stem: str) -> None:
    if entry is None:
        return
    stems = (entry.get(_ALSO_IN) or "").split("\t")
    if stem not in stems:
        entry.set(_ALSO_IN, "\t".join(filter(None, (*stems, stem))))


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        previous = element.getprevious()
        if element.tail and previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        elif element.tail:
            parent.text = (parent.text or "") + element.tail
        parent.remove(element)


def register_entries(doc: HasLists) -> Iterator[tuple[etree._Element, str]]:
    """The entries of a document's register lists, with their ids, in document order."""
    for found in _register_lists(doc.root):
        yield from _entries(found)


def entries_without_id(doc: HasLists) -> Iterator[etree._Element]:
    """The entries of a document's register lists that have no ``xml:id``, in document order:
    nothing can point at them, and the index leaves them out (a gazetteer's record may give
    its names ids and the place none)."""
    for found in _register_lists(doc.root):
        for entry in found.iter(*_ENTRY_TAGS):
            parent = entry.getparent()
            if (
                not (entry.get(XML_ID) or "").strip()
                and parent is not None
                and etree.QName(parent).localname in REGISTER_LISTS
            ):
                yield entry


def entity_differences(
    documents: Iterable[HasLists], scopes: CastScopes | None = None
) -> list[Diagnostic]:
    """``index.entity-differs``: an entry declared in several files with other names or notes;
    ``index.duplicate-id``: an entry whose id an earlier entry of its own document has.

    ``documents`` in the order ``registers_document`` got them: the first declaration is the
    one the index uses; one warning per entity, at the first declaration that differs. A cast
    entry scoped by its file (``scopes``, ``cast_scopes`` of ``documents`` when not given) is
    an entity of its own: no other file declares it.
    """
    documents = list(documents)
    if scopes is None:
        scopes = cast_scopes(documents)
    first: dict[str, tuple[HasLists, tuple[tuple[str, str], ...], str]] = {}
    differing: dict[str, list[tuple[HasLists, etree._Element]]] = {}
    out = []
    for doc in documents:
        scoped = scopes.get(scope_key(doc.path), {})
        # this document's first entry of each id, and the lines of its entries of that id
        # (for the column of a repeated one, when two are written on one line)
        own: dict[str, tuple[etree._Element, list[int | None]]] = {}
        for entry, key in indexed_entries(doc):
            line = doc.locate(entry)[1]
            earlier = own.setdefault(key, (entry, []))
            if earlier[0] is not entry:
                out.append(_duplicate_entry(doc, entry, key, earlier[0], earlier[1].count(line)))
            earlier[1].append(line)
            if earlier[0] is not entry:
                continue  # one fault, told as such: not a declaration of another file
            if entry.tag in _CAST_TAGS and key in scoped:
                continue  # the play's own entity: no declaration of another file's
            signature = _signature(entry)
            kind = etree.QName(entry).localname
            kept = first.setdefault(key, (doc, signature, kind))
            if kept[0] is doc:
                continue
            if kept[2] != kind:
                # entries of two kinds: one entity no more, the other published nowhere
                # (probe 129: "with different names or notes" of a person and a place)
                path, line, column = entry_place(doc, entry)
                out.append(
                    diag.warning(
                        path,
                        "index.entry-conflict",
                        f'register entry "{key}" (<{kind}>) has the id of the <{kept[2]}> of '
                        f"{kept[0].display}: the entries of all the registers share one set "
                        f"of ids, and the index keeps the <{kept[2]}> alone; give one of them "
                        "another id and update the pointers"
                        # (a cast list's ids are its document's for edition check)
                        + (
                            " (edition check: refs.entry-conflict)"
                            if {kind, kept[2]} <= set(ENTRY_KINDS)
                            else ""
                        ),
                        line,
                        column,
                        origin="index",
                    )
                )
            elif kept[1] != signature:
                differing.setdefault(key, []).append((doc, entry))
    for key, places in sorted(differing.items()):
        kept_doc = first[key][0]
        path, line, column = entry_place(*places[0])
        others = ", ".join(dict.fromkeys(doc.display for doc, _ in places))
        out.append(
            diag.warning(
                path,
                "index.entity-differs",
                f'register entry "{key}" is declared in {kept_doc.display} and in {others} with '
                f"different names or notes; it is one entity, and the index shows the entry of "
                f"{kept_doc.display}: make the declarations agree",
                line,
                column,
                origin="index",
            )
        )
    return out


def _duplicate_entry(
    doc: HasLists, entry: etree._Element, key: str, kept: etree._Element, before: int
) -> Diagnostic:
    """An entry whose id an earlier entry of the same document has (probe 163: two roles of
    one cast list, "ellen"): the index lists the first alone, as a pointer at the id leads to
    it. Placed at its xml:id as edition check places refs.duplicate-id (``before``: the
    entries of that id written earlier on the same line). Named by the check's codes for
    it: the schema's, rng.duplicate-id, with the edition's schema and tei_all, and the
    reference checker's alone without a schema that types xml:id (``--checks refs``); probe
    164: refs.duplicate-id alone was named, a code the check did not print."""
    path, line, column = _id_place(doc, entry, key, before + 1)
    first_line = _id_place(doc, kept, key, 1)[1]
    where = f"line {first_line}" if first_line else "earlier"
    return diag.warning(
        path,
        "index.duplicate-id",
        f'xml:id "{key}" is used twice in this document (first defined at {where}): the '
        f"index lists the first <{etree.QName(kept).localname}> alone, and the pointers at "
        f"the id lead to it; rename this <{etree.QName(entry).localname}> and the pointers "
        "meant for it (edition check: rng.duplicate-id, or refs.duplicate-id where no "
        "schema checks the ids)",
        line,
        column,
        origin="index",
    )


def _id_place(
    doc: HasLists, entry: etree._Element, key: str, nth: int
) -> tuple[str, int | None, int | None]:
    """The file, line and column of an entry's xml:id (the ``nth`` of that value on its
    line), else of its start tag."""
    path, line = doc.locate(entry)
    if path == doc.display and line is not None:
        at_line, column = columns.attribute_place(doc.path, line, "xml:id", key, nth)
        if column is not None:
            return path, at_line, column
    return entry_place(doc, entry)


def _signature(entry: etree._Element) -> tuple[tuple[str, str], ...]:
    """An entry's names and notes, whitespace normalised, to compare declarations; a role's
    own words, which name it."""
    if entry.tag == _ROLE:
        return (("role", " ".join("".join(entry.itertext()).split())),)
    return tuple(
        (etree.QName(child).localname, " ".join("".join(child.itertext()).split()))
        for child in entry
        if isinstance(child.tag, str) and _NAMEISH.match(etree.QName(child).localname)
    )


_NAMEISH = re.compile(r"^(\w*Name|name|label|note|forename|surname)$")


def normalize(doc: SourceDocument, registers: str, scopes: CastScopes | None = None) -> str:
    """Run every stage on one text; returns the normalized TEI as XML text. ``scopes``: the
    cast entries the registers gave scoped ids (``cast_scopes``), which the text's own
    pointers at them lead to."""
    # TeX formulae as MathML (pipeline/formulae.py), from a copy of the tree
    with_mathml = formulae.with_mathml(doc.root)
    text = (
        doc.xml_text() if with_mathml is None else etree.tostring(with_mathml, encoding="unicode")
    )
    params: dict[str, ParamValue] = {
        "registers": XmlText(registers),
        "ids": locator_param(doc.root),
        # the names and dates of the descriptions the page shows are mentions
        "record": bool(shown_descriptions(doc.root)),
        # one line per scoped cast entry of this text: its id, a tab, the entity's id
        "cast-ids": "".join(
            f"{key}\t{scoped}\n"
            for key, scoped in (scopes or {}).get(scope_key(doc.path), {}).items()
        ),
    }
    for stage in STAGES:
        result = engine().stylesheet(stage.name).transform(text, params)
        text = result.output
    return text
