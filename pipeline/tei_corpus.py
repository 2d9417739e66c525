"""A ``teiCorpus`` read by the build as one text: its members become the texts of a ``group``
(and so do the ``TEI`` documents a ``TEI`` document holds, after its own text).

TEI P5 (15.1) keeps a corpus in one file: ``teiCorpus`` holds a corpus header, then ``TEI``
documents (or nested ``teiCorpus``), each with a header of its own. The writers read one
``TEI`` document per file, so the build (``sources.read_facts`` and the second pass in
``texts``) rewrites the gated tree of such a file before anything else sees it, as TEI itself
writes a composite text (4.3.1, ``group``):

- the corpus header stays the header (title, editors, licence of the whole);
- each member's ``text`` goes into ``text/group`` in order, with the member's ``xml:id`` and
  ``xml:lang`` when it has none of its own, and opens with what its header says of it: a
  division of its ``front`` headed by its title, with its authors (``byline``) and its source
  (``docImprint``: the ``bibl`` or words of its ``sourceDesc``), so that the reading page and
  the book show one section per member, in their contents, with whose and whence it is;
- register lists found in a member's header (``particDesc``, ``settingDesc``) and any
  ``standOff`` move into one ``standOff``, so that the index keeps the members' people and
  places; a member's ``sourceDoc`` and ``facsimile`` go beside the text.

Elements are moved, not copied: line numbers stay those of the source. ``edition check``
never sees this: it validates the file as it is written.
"""

from __future__ import annotations

import copy
from urllib.parse import urlsplit

from lxml import etree

from .gate import TEI_NS, XML_ID, SourceDocument
from .stages import ED_NS, register_lists

_T = f"{{{TEI_NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
#: What stands beside the text in a TEI document and is kept beside the merged one.
_RESOURCE_TAGS = (f"{_T}facsimile", f"{_T}sourceDoc")
#: The mark of the division a member's text opens with (its title, authors and source).
_OPENING = f"{{{ED_NS}}}opening"


def is_corpus(root: etree._Element) -> bool:
    """Whether ``root`` holds documents of its own: a ``teiCorpus``, or a ``TEI`` with
    ``TEI`` children (P5 allows a TEI document to hold others after its own text, or in
    its place: ``teiHeader, ((model.resource+, TEI*) | TEI+)``). Probe 110: such inner
    documents were never published, and one holding no text of its own was "nothing to
    publish"."""
    return bool(
        root.tag == f"{_T}teiCorpus"
        or (root.tag == f"{_T}TEI" and any(child.tag == f"{_T}TEI" for child in root))
    )


def as_text(document: SourceDocument) -> SourceDocument:
    """``document`` itself, its tree rewritten into one ``TEI`` when its root is a
    ``teiCorpus`` with at least one member, or a ``TEI`` holding others."""
    root = document.root
    if not is_corpus(root) or _members(root) == []:
        return document
    document.tree._setroot(merged(root))
    return document


def member_files(document: SourceDocument) -> tuple[str, ...]:
    """The files a ``teiCorpus`` takes in whole as its members by ``xi:include`` (their
    ``xml:base``, relative to the corpus file), resolved; nested corpora's members too.
    Their texts are published inside the corpus: the build publishes no second copy of them
    (probe 43)."""
    if not is_corpus(document.root):
        return ()
    found: list[str] = []
    pending = [(document.root, document.path.parent)]
    while pending:
        corpus, folder = pending.pop()
        for member in _members(corpus):
            base = member.get(_XML_BASE)
            within = folder
            if base and not urlsplit(base).scheme and not base.startswith("/"):
                path = (folder / base).resolve()
                found.append(str(path))
                within = path.parent
            if is_corpus(member):
                pending.append((member, within))
    return tuple(found)


def _members(corpus: etree._Element) -> list[etree._Element]:
    return [c for c in corpus if c.tag in (f"{_T}TEI", f"{_T}teiCorpus")]


def merged(corpus: etree._Element) -> etree._Element:
    """One ``TEI`` element holding the whole corpus (the corpus's children are moved)."""
    tei = etree.Element(f"{_T}TEI", nsmap=corpus.nsmap)
    for name, value in corpus.attrib.items():
        tei.set(name, value)
    tei.text = "\n"
    header = corpus.find(f"{_T}teiHeader")
    if header is not None:
        tei.append(header)
    beside: list[etree._Element] = []
    lists: list[etree._Element] = []
    _collect(corpus, beside, lists)
    # a TEI document's own text comes first, before the documents it holds, under the
    # document's own title (no opening of its own)
    own = corpus.find(f"{_T}text") if corpus.tag == f"{_T}TEI" else None
    texts = [own] + [_member_text(member, beside, lists) for member in _members(corpus)]
    if any(t is not None for t in texts):
        group = etree.SubElement(etree.SubElement(tei, f"{_T}text"), f"{_T}group")
        group.extend(t for t in texts if t is not None)
    tei.extend(beside)
    if lists:
        stand_off = etree.SubElement(tei, f"{_T}standOff")
        stand_off.extend(lists)
    tei.tail = corpus.tail
    return tei


def _collect(
    holder: etree._Element, beside: list[etree._Element], lists: list[etree._Element]
) -> None:
    """What a corpus or a member keeps beside its texts: its resources, and the register
    lists of its ``standOff`` (a member's header lists are taken by ``_member_text``)."""
    for child in holder:
        if child.tag == f"{_T}standOff":
            lists.extend(_lists(child))
        elif child.tag in _RESOURCE_TAGS:
            beside.append(child)


def _member_text(
    member: etree._Element, beside: list[etree._Element], lists: list[etree._Element]
) -> etree._Element | None:
    """The member as a ``text`` of the group (a nested corpus: a text holding a group), or
    None when it has no text (a register kept in a ``standOff``: its lists are taken)."""
    if is_corpus(member):
        inner = merged(member)
        text = inner.find(f"{_T}text")
        header = inner.find(f"{_T}teiHeader")
        beside.extend(c for c in inner if c.tag in _RESOURCE_TAGS)
        stand_off = inner.find(f"{_T}standOff")
        if stand_off is not None:
            lists.extend(stand_off)
    else:
        header = member.find(f"{_T}teiHeader")
        text = member.find(f"{_T}text")
        _collect(member, beside, lists)
    if header is not None:
        lists.extend(_lists(header))
    if text is None:
        return None
    for name in (XML_ID, _XML_LANG):
        if text.get(name) is None and member.get(name) is not None:
            text.set(name, member.get(name) or "")
    title = _title(header)
    if title is not None and header is not None:
        front = text.find(f"{_T}front")
        if front is None:
            front = etree.Element(f"{_T}front")
            text.insert(_after_globals(text), front)
        opening = etree.Element(f"{_T}div", type="member")
        # marked as the member's opening: the rest of its text stands under its title, in the
        # headings' levels and in the contents (base.xsl r:is-member-opening; probe 161)
        opening.set(_OPENING, "member")
        opening.append(title)
        opening.extend(_about(header))
        front.insert(0, opening)
    return text


def _about(header: etree._Element) -> list[etree._Element]:
    """What a member's header says of whose and whence it is: its authors (``byline``) and
    its source (``docImprint``), copies (they stay in the header too)."""
    found: list[etree._Element] = []
    authors = [
        a
        for a in header.findall(f"{_T}fileDesc/{_T}titleStmt/{_T}author")
        if "".join(a.itertext()).strip()
    ]
    if authors:
        byline = etree.Element(f"{_T}byline")
        for n, author in enumerate(authors):
            doc_author = etree.SubElement(byline, f"{_T}docAuthor")
            doc_author.text = author.text
            doc_author.extend(copy.deepcopy(c) for c in author)
            if n < len(authors) - 1:
                doc_author.tail = ", "
        found.append(byline)
    source = next(
        (
            s
            for s in header.iterfind(f"{_T}fileDesc/{_T}sourceDesc/*")
            if etree.QName(s).localname in ("bibl", "biblStruct", "biblFull", "p")
            and "".join(s.itertext()).strip()
        ),
        None,
    )
    if source is not None:
        imprint = etree.Element(f"{_T}docImprint")
        if etree.QName(source).localname in ("bibl", "p"):
            imprint.text = source.text
            imprint.extend(copy.deepcopy(c) for c in source)
        else:  # a structured record: its words (its parts would run together as fields)
            imprint.text = " ".join(" ".join(source.itertext()).split())
        found.append(imprint)
    return found


def _title(header: etree._Element | None) -> etree._Element | None:
    """A ``head`` with the words of the member's main title (its markup kept)."""
    if header is None:
        return None
    titles = header.findall(f"{_T}fileDesc/{_T}titleStmt/{_T}title")
    main = next((t for t in titles if t.get("type") in (None, "main")), None)
    if main is None or not "".join(main.itertext()).strip():
        return None
    head = etree.Element(f"{_T}head")
    head.text = main.text
    for child in main:
        head.append(copy.deepcopy(child))  # the title stays in its header too
    return head


def _after_globals(text: etree._Element) -> int:
    """Where a ``front`` goes in a ``text``: after leading comments and milestones."""
    for index, child in enumerate(text):
        if isinstance(child.tag, str) and etree.QName(child).localname in (
            "body",
            "group",
            "back",
        ):
            return index
    return len(text)


def _lists(holder: etree._Element) -> list[etree._Element]:
    """The outermost register lists under ``holder``, listed before any is moved."""
    return list(register_lists(holder))
