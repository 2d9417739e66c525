"""The build's first pass: every source file gated once, in a worker, and summed up small.

file -> gate -> ``SourceFacts``: what kind of file it is (a text to publish, a register, or
neither), its register lists (a small document of their own, every entry marked with the
file and line it was written at), a record of its header for the home and about pages, its
revision dates, the files it includes and their hashes. The trees stay in the workers: the
parent process holds facts, never a corpus of parsed documents (issue 13: memory).

A file that fails the gate is read from the published edition's copy when there is one
(``build.kept-last-good``): a text already published is never replaced by nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from . import diagnostics as diag
from . import reshape, tei_corpus
from .active_content import published_copy
from .diagnostics import Diagnostic
from .files import read_regular
from .gate import (
    DEFAULT_MAX_BYTES,
    TEI_NS,
    XML_ID,
    SourceDocument,
    parse_bytes,
    read_document,
    tree_of_copy,
)
from .keyed import KeyedName, keyed_names
from .paths import display
from .prefixes import Prefixes
from .publish import Generation, SourceRecord, store_source
from .stages import (
    ED_NS,
    ENTRY_KINDS,
    bibliographies,
    expand_pointers,
    geo_as_lat_long,
    is_register,
    is_text,
    keep_language,
    register_lists,
    relation_lists,
)

_ORIGIN = "build"
_TEI = f"{{{TEI_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class ReadOptions:
    jobs: int = 1
    timeout: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    #: The published generation, whose copies of sources stand in for files that fail.
    previous: Generation | None = None
    #: The corpus root for ``xi:include`` (None: ``xinclude.corpus_root`` of the PATHS).
    root: Path | None = None
    #: The generation being written: each source's copy is kept there (``store_source``).
    generation: Path | None = None


@dataclass(frozen=True)
class SourceFacts:
    """What the build needs to know of one source file before it renders anything."""

    path: Path
    display: str
    #: ``text``, ``register`` or ``other``; ``failed`` when the file and no copy could be read.
    kind: str
    #: sha256 of the bytes the facts were made from (the file's, or the published copy's).
    sha256: str = ""
    #: ``<ed:lists>`` with copies of the file's register lists (entries carry ed:path,
    #: ed:line), or ``""``.
    lists: str = ""
    #: The text's ``<TEI ed:stem>`` record for the home and about pages, or ``""``.
    header: str = ""
    #: ``revisionDesc/change/@when`` values, for the build date.
    revised: tuple[str, ...] = ()
    #: Files read through ``xi:include`` with the sha256 of what was read.
    included: tuple[tuple[str, str], ...] = ()
    #: The files a ``teiCorpus`` includes whole as its members (``tei_corpus.member_files``):
    #: published inside it, and not as texts of their own.
    members: tuple[str, ...] = ()
    #: Read from the published edition's copy because the file itself failed.
    from_snapshot: bool = False
    #: The copy kept in the new generation, for a later build in which the file fails.
    kept: SourceRecord | None = None
    #: The text's ``xml:id`` and its own title (``html.text_title``; a register's too, which
    #: names its download), for the site's pages.
    xml_id: str = ""
    title: str = ""
    #: The licence the file is published under (``availability``): its words and URL.
    licence: tuple[str, str] = ("", "")
    diagnostics: tuple[Diagnostic, ...] = ()
    #: The local image files the text names (``graphic``/``media``), resolved: what a
    #: worker without the corpus on its disk needs shipped with the text.
    images: tuple[str, ...] = ()
    #: The addresses of the schemas its ``<?xml-model?>`` instructions name, as written: the
    #: relative ones are published beside its download (``downloads.schemas_named``).
    schemas: tuple[str, ...] = ()
    #: The name the text is published under when it is not the file's stem
    #: (``naming.text_names``).
    name: str = ""
    #: The targets of the text's pointers that name a file, with their lines
    #: (``links.pointers``).
    links: tuple[tuple[str, int], ...] = ()
    #: The files its names' ``@ref`` point into, with their lines (``links.Pointers.names``):
    #: a name at an element of another text links to its page.
    name_links: tuple[tuple[str, int], ...] = ()
    #: The ``linked-files`` parameter of its page (``links.resolve``), set by the build.
    linked: str = ""
    #: What tells it apart from other texts of the edition with its title (its first
    #: heading: ``build.titled_apart``), set by the build; its book's title says it.
    apart: str = ""
    #: The register ids it uses besides its names (``used_ids``: its ``correspDesc``, its
    #: ``ref`` and ``ptr``): entries not to be reported as never mentioned.
    used_ids: tuple[str, ...] = ()
    #: The names it identifies by ``@key`` alone (``keyed.keyed_names``): the edition's own
    #: register of them is made over the corpus.
    keyed: tuple[KeyedName, ...] = ()
    #: Whether the text has index entries (TEI ``index``) in what its pages show: the site
    #: then has a subject index, which every page's navigation names before any text is
    #: rendered.
    subjects: bool = False

    @property
    def stem(self) -> str:
        return self.name or self.path.stem


def source_key(path: Path) -> str:
    """How the published edition names a source: its resolved path."""
    return str(path.resolve())


def read_facts(path: Path, opts: ReadOptions) -> SourceFacts:
    """Gate ``path`` (or its published copy) and sum it up; runs in a worker."""
    result = read_document(path, max_bytes=opts.max_bytes, root=opts.root, dtd_entities=True)
    if result.document is None:
        return refused(path, result.diagnostics, opts)
    # the copy kept (and offered for download) is the source as written, its inclusions
    # expanded: taken before the reshaping rewrites the tree for the writers (a teiCorpus
    # that includes its members was offered as the build's one TEI with a group)
    snapshot, told = published_copy(result.document, snapshot_bytes(result.document))
    return kept(gated_facts(result.document, (*result.diagnostics, *told)), snapshot, opts)


def gated_facts(
    document: SourceDocument, problems: Sequence[Diagnostic], from_snapshot: bool = False
) -> SourceFacts:
    """The facts of a gated source, read as the text it publishes (``reshape.as_text``: a
    teiCorpus's members, a TEI P4 or namespace-less file): the local pool's and a Dask
    worker's alike (probe 83: a worker summed up the tree as it was, and the distributed
    build published none of those files, "nothing to publish from it", exit 0). Reshaping
    rewrites the tree: take its snapshot before."""
    members = tei_corpus.member_files(document)  # before the members are merged
    text, notes = reshape.as_text(document)
    facts = facts_of(text, (*problems, *notes), from_snapshot)
    return replace(facts, members=members) if members else facts


def refused(path: Path, problems: Sequence[Diagnostic], opts: ReadOptions) -> SourceFacts:
    """The facts of a file the gate refused: those of its published copy, if there is one.
    A corpus's copy names the members it includes as the source does (probe 164: a member
    that broke made its corpus fail too, whose copy then named none, and the member's own
    copy was published as a text of its own beside the corpus, and counted)."""
    document = published_source(path, opts)
    if document is None:
        return SourceFacts(path, display(path), "failed", diagnostics=tuple(problems))
    why = kept_last_good(document.display, "it failed the gate (see its error)")
    snapshot = snapshot_bytes(document)
    return kept(gated_facts(document, (*problems, why), True), snapshot, opts)


def kept(facts: SourceFacts, snapshot: bytes, opts: ReadOptions) -> SourceFacts:
    """``facts`` with the copy of the source kept in the new generation (``snapshot``)."""
    if opts.generation is None or facts.kind not in ("text", "register"):
        return facts
    record = store_source(
        opts.generation, source_key(facts.path), snapshot, facts.kind, opts.previous
    )
    return replace(facts, kept=record)


def published_source(path: Path, opts: ReadOptions) -> SourceDocument | None:
    """The copy of ``path`` the published edition was built from, gated, as written (a
    corpus's members not merged yet), or None."""
    if opts.previous is None:
        return None
    data = opts.previous.snapshot(source_key(path))
    if data is None:
        return None
    return parse_bytes(
        data, path, max_bytes=opts.max_bytes, root=opts.root, dtd_entities=True
    ).document


def last_good(path: Path, opts: ReadOptions) -> SourceDocument | None:
    """The version of ``path`` the published edition was built from, gated and read as the
    text it publishes, or None."""
    document = published_source(path, opts)
    return None if document is None else reshape.as_text(document)[0]


def kept_last_good(shown: str, why: str) -> Diagnostic:
    return diag.warning(
        shown,
        "build.kept-last-good",
        f"{why}: the version published by the last good build is built instead; fix the "
        "file to publish your changes",
        origin=_ORIGIN,
    )


def facts_of(
    document: SourceDocument, problems: Sequence[Diagnostic] = (), from_snapshot: bool = False
) -> SourceFacts:
    from .builders.html import text_title
    from .citation import licence_of
    from .links import pointers, unsafe_links
    from .unshown import unshown_annotations

    root = document.root
    text = is_text(document)
    pointed = pointers(root) if text else None  # one walk over the ref and ptr elements
    if text:
        place, shown = document.element_place, document.display
        problems = (*problems, *unsafe_links(root, place, shown))
        problems = (*problems, *unshown_annotations(root, place, shown))
    kind = "text" if text else "register" if is_register(document) else "other"
    if kind == "other":
        # Said here, with the tree at hand, so that the facts carry it (build.py reports them).
        why = reshape.why_not(root)
        line, column = document.element_place(root)
        other = diag.warning(
            document.display, "build.not-tei", why, line or 0, column, origin=_ORIGIN
        )
        problems = (*problems, other)
    return SourceFacts(
        path=document.path,
        display=document.display,
        kind=kind,
        sha256=hashlib.sha256(document.data).hexdigest(),
        lists=lists_document(document),
        header=header_record(root, document.stem) if text else "",
        revised=tuple(
            str(w)
            for w in root.xpath("//tei:revisionDesc//tei:change/@when", namespaces={"tei": TEI_NS})
        ),
        included=tuple((str(p), d) for p, d in document.digests),
        from_snapshot=from_snapshot,
        xml_id=root.get("{http://www.w3.org/XML/1998/namespace}id", "") if text else "",
        title=text_title(root) if kind != "other" else "",
        licence=licence_of(root) if kind != "other" else ("", ""),
        diagnostics=tuple(problems),
        images=image_files(document) if text else (),
        schemas=tuple(m.href for m in document.xml_models()) if kind != "other" else (),
        links=pointed.files if pointed else (),
        name_links=pointed.names if pointed else (),
        used_ids=used_ids(root) if text else (),
        keyed=keyed_names(root) if text else (),
        subjects=has_subjects(root) if text else False,
    )


def has_subjects(root: etree._Element) -> bool:
    """Whether the text's main text (its ``text``, else its ``sourceDoc``: what its pages
    show, ``r:main-text``) holds an index entry the subject index lists."""
    from .builders.html import text_of

    shown = text_of(root)
    return shown is not None and next(shown.iter(f"{_TEI}index"), None) is not None


def used_ids(root: etree._Element) -> tuple[str, ...]:
    """The ids a text uses besides its names, sorted: every id one of its pointer attributes
    names with ``#`` (``links.pointed_ids``: a letter's ``correspDesc``, the header's author,
    a stage direction's ``@who`` bringing a character on, a ``ptr`` at an event, a relation's
    sides), and, in a letter without a ``correspDesc``, the participants its ``particDesc``
    names as sender and recipients."""
    from .links import pointed_ids

    found = pointed_ids(root)
    if next(root.iter(f"{_TEI}correspDesc"), None) is None:
        found.update(letter_participants(root))
    return tuple(sorted(found))


#: A participant's roles (particDesc, ``person/@role``) that make it a letter's recipient or
#: its sender; "author" is the sender only beside a recipient (r:participant-rows in
#: xslt/common/correspondence.xsl, which shows them as From and To).
_RECIPIENT_ROLES = frozenset({"addressee", "recipient"})
#: The names a participant is shown by (one of them with words, as the letter head needs).
_NAMES = tuple(f"{{{TEI_NS}}}{n}" for n in ("persName", "orgName", "name"))


def letter_participants(root: etree._Element) -> set[str]:
    """The ids of the participants a letter without a ``correspDesc`` names as its sender and
    recipients by their ``@role`` (the letter head shows them: they are used by it)."""
    people = [
        (p.get(XML_ID), set((p.get("role") or "").lower().split()))
        for desc in root.iter(f"{_TEI}particDesc")
        for p in desc.iter(f"{_TEI}person", f"{_TEI}personGrp", f"{_TEI}org")
        if any("".join(n.itertext()).strip() for n in p.iterchildren(*_NAMES))
    ]
    to = any(roles & _RECIPIENT_ROLES for _, roles in people)
    return {
        str(id_)
        for id_, roles in people
        if id_ and (roles & _RECIPIENT_ROLES or "sender" in roles or (to and "author" in roles))
    }


def image_files(document: SourceDocument) -> tuple[str, ...]:
    """The files the text's local image urls name inside its folder, once each, sorted."""
    from .builders.images import inside, local_urls

    base = document.path.parent.resolve()
    found = {str(located[1]) for _, url in local_urls(document.root)
             if (located := inside(base, url)) is not None}  # fmt: skip
    return tuple(sorted(found))


def snapshot_bytes(document: SourceDocument) -> bytes:
    """What the published edition keeps of a source to rebuild it if it later fails: its
    bytes, or, when it includes other files, the expanded document (which needs none)."""
    if not document.included:
        return document.data
    data: bytes = etree.tostring(document.tree, encoding="utf-8", xml_declaration=True)
    return data


def lists_document(document: SourceDocument) -> str:
    """``<ed:lists>`` with copies of the document's register lists, or ``""`` when it has
    none. Every copied element with an ``xml:id``, and every entry (one without an id is
    told of: ``index.entry-without-id``), carries ``ed:path`` and ``ed:line``, where it was
    written (for the diagnostics about entries; ``stages.registers_document`` drops them
    again)."""
    # a bibliography file's lists (none of a text's: stages.bibliographies)
    found = [
        *register_lists(document.root),
        *relation_lists(document.root),
        *bibliographies(document.root),
    ]
    if not found:
        return ""
    prefixes = Prefixes.of(document.root)
    wrapper = etree.Element(f"{{{ED_NS}}}lists", nsmap={"ed": ED_NS, None: TEI_NS})
    for original in found:
        copied = _copy(original)
        keep_language(copied, original)
        expand_pointers(copied, prefixes)
        geo_as_lat_long(copied, document.root)
        # the copy has the original's shape: walk both together
        pairs = zip(original.iter(etree.Element), copied.iter(etree.Element), strict=True)
        for element, twin in pairs:
            if (
                element.get("{http://www.w3.org/XML/1998/namespace}id")
                or etree.QName(element).localname in ENTRY_KINDS
            ):
                path, line = document.locate(element)
                twin.set(f"{{{ED_NS}}}path", path)
                if line is not None:
                    twin.set(f"{{{ED_NS}}}line", str(line))
        wrapper.append(copied)
    text: str = etree.tostring(wrapper, encoding="unicode")
    return text


def _copy(element: etree._Element) -> etree._Element:
    import copy

    copied = copy.deepcopy(element)  # never a re-parse: ids may be no NCNames, or repeat
    copied.tail = None
    return copied


def _first_heading(text: etree._Element) -> etree._Element | None:
    """The heading a text opens with, one that has words: its body's head, else its front's
    head or title page's title, else its first heading anywhere in its body."""
    for path in (
        "tei:body/tei:head[1]",
        "tei:front/tei:head[1]",
        "(tei:front//tei:titlePart)[1]",
        "(tei:body//tei:head)[1]",
    ):
        for element in text.xpath(path, namespaces={"tei": TEI_NS}):
            if "".join(element.itertext()).strip():
                return element
    return None


def header_record(root: etree._Element, stem: str) -> str:
    """A text's ``<TEI ed:stem>`` for the home and about pages: the root's attributes, a copy
    of its teiHeader, and a stub ``text`` with its language and, for a manuscript's catalogue
    record, ``ed:catalogue`` (``ed:described`` for a text whose page shows the description of
    its manuscript beside it), and its first heading (``ed:heading``: the home page tells apart
    texts of one title by it); the normalised date of its first dateline, ``ed:dateline``,
    with ``ed:saluted`` when a greeting stands beside it (pipeline/datelines.py: the home
    page files a letter dated in its text alone by it); ``ed:greets`` when the text greets its
    reader anywhere (the home page lists such a text among the letters, probe 163)."""
    from .builders.html import text_of
    from .datelines import dateline_date, first_dateline, greets, saluted
    from .records import catalogue_record, shown_descriptions

    tei = etree.Element(f"{_TEI}TEI", nsmap={"ed": ED_NS, None: TEI_NS})
    for key, value in root.attrib.items():
        tei.set(key, value)
    tei.set(f"{{{ED_NS}}}stem", stem)
    header = root.find(f"{_TEI}teiHeader")
    if header is not None:
        tei.append(_copy(header))
    body = text_of(root)
    record = catalogue_record(root)
    # a description the text's page shows beside its text is there, not on the about page
    described = not record and bool(shown_descriptions(root))
    heading = _first_heading(body) if body is not None else None
    dateline = first_dateline(body) if body is not None else None
    dated = dateline_date(dateline) if dateline is not None else None
    greeting = body is not None and greets(body)
    if body is not None and (
        body.get(XML_LANG) or record or described or heading is not None or dated or greeting
    ):
        stub = etree.SubElement(tei, f"{_TEI}text")
        if body.get(XML_LANG):
            stub.set(XML_LANG, body.get(XML_LANG, ""))
        if record:
            stub.set(f"{{{ED_NS}}}catalogue", "true")
        if described:
            stub.set(f"{{{ED_NS}}}described", "true")
        if dated and dateline is not None:
            stub.set(f"{{{ED_NS}}}dateline", dated)
            if saluted(dateline):
                stub.set(f"{{{ED_NS}}}saluted", "true")
        if greeting:
            stub.set(f"{{{ED_NS}}}greets", "true")
        if heading is not None:
            etree.SubElement(stub, f"{{{ED_NS}}}heading").append(_copy(heading))
    text: str = etree.tostring(tei, encoding="unicode")
    return text


def titled_apart(texts: Sequence[SourceFacts]) -> list[SourceFacts]:
    """``texts``, each that shares its title with another given what tells it apart: its
    first heading (the ``ed:heading`` of its header record, as the home page's
    ``r:distinct-heading`` reads it), when that says something else than the title. A
    sonnet bank's poems, each titled by the bank, made books all named alike (probe 32)."""
    titles = Counter(" ".join(f.title.split()) for f in texts if f.title)
    told: list[SourceFacts] = []
    for fact in texts:
        title = " ".join(fact.title.split())
        heading = _own_heading(fact.header) if titles[title] > 1 else ""
        told.append(replace(fact, apart=heading) if heading and heading != title else fact)
    return told


def _own_heading(header: str) -> str:
    """The words of a header record's ``ed:heading``, notes left out, spaces collapsed."""
    if not header:
        return ""
    # a header may repeat an id (its source's fault, reported by check): not a parse error
    try:
        record = tree_of_copy(header)
    except etree.XMLSyntaxError:
        return ""
    found = record.find(f"{_TEI}text/{{{ED_NS}}}heading")
    if found is None:
        return ""
    words = found.xpath(".//text()[not(ancestor::tei:note)]", namespaces={"tei": TEI_NS})
    return " ".join("".join(str(w) for w in words).split())


def with_stem(header: str, stem: str) -> str:
    """A ``header_record`` with the text's published name in place of its file's stem."""
    if not header:
        return header
    # the copied header keeps the source's ids, duplicates included: no id table
    tei = tree_of_copy(header)
    tei.set(f"{{{ED_NS}}}stem", stem)
    text: str = etree.tostring(tei, encoding="unicode")
    return text


def changed_files(fact: SourceFacts) -> list[Path]:
    """The file, or files it includes, whose bytes on disk differ from those read."""
    if fact.from_snapshot:
        return []  # built from the published copy: the file is known to differ
    found = []
    for path, digest in ((str(fact.path), fact.sha256), *fact.included):
        try:
            current = hashlib.sha256(read_regular(path)).hexdigest()
        except OSError:
            current = ""
        if current != digest:
            found.append(Path(path))
    return found
