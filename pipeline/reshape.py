"""What the build reads of a source whose shape the writers do not take as it is written.

The writers read one TEI P5 ``TEI`` document per file, with a ``text`` (or a ``sourceDoc``)
to show. Real corpora hold other shapes that still mean a text to publish, so the build
(``sources.read_facts``, the second pass in ``texts``, ``corpus.load_corpus``) rewrites the
gated tree of such a file before anything else sees it, and says so in a warning:

- **no namespace**: a ``TEI`` or ``teiCorpus`` root in no namespace (files from older tools,
  or written by hand without ``xmlns``) has its un-namespaced elements put in the TEI
  namespace; elements of other vocabularies (SVG, MathML) are left alone;
- **TEI P4** (root ``TEI.2`` or ``teiCorpus.2``, the TEI's XML vocabulary before P5): the root
  is renamed, the elements are put in the TEI namespace, ``id`` and ``lang`` become
  ``xml:id`` and ``xml:lang``, and the pointing attributes P4 declared as IDREF(S) get the
  ``#`` a P5 pointer has, token by token and only where the token is an id of the document
  (so no URL is ever changed); the elements P5 dropped for another that means the same are
  renamed to it (a dictionary's ``trans``/``tr``, ``cit type="translation"``/``quote``, as
  FreeDict's dictionaries went to P5; ``xptr``/``xref`` with a ``url``, ``ptr``/``ref`` with a
  ``target``), so that no translation of a dictionary is an unknown element. It is the light
  conversion that lets the text be read; the warning points at the TEI Consortium's full one;
- **a ``teiCorpus``** becomes one text with a ``group`` of its members (``tei_corpus``), and a
  ``TEI`` with several ``text`` elements one text with a ``group`` of them; several
  ``sourceDoc`` elements (and no ``text``) one ``sourceDoc`` with a ``surfaceGrp`` of each;
- **a break typed "inWord"** (``lb``, ``pb``, ``cb``: EpiDoc's way before ``@break``) is
  ``break="no"``, quietly: the two mean the same;
- **a pointer written under a relative ``xml:base``** (a part included from another folder, a
  division with a base of its own) to another file is written relative to the text's file,
  as XML Base reads it;
- **a digital facsimile without transcription** (a ``facsimile`` and no ``text`` or
  ``sourceDoc``, TEI Guidelines 11.1) is published as its pages: the ``facsimile`` is read as
  a ``sourceDoc`` whose surfaces carry images and no lines, a lone ``graphic`` as a surface.

Elements are renamed or moved, never copied, so every diagnostic keeps the source's lines.
``edition check`` never sees any of this: it validates the file as it is written, and tells
what is wrong with it.
"""

from __future__ import annotations

import re

from lxml import etree

from . import columns, tei_corpus
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .gate import TEI_NS, XML_ID, SourceDocument, xml_ids
from .xml_base import XML_BASE, rebased

_ORIGIN = "build"
_T = f"{{{TEI_NS}}}"
#: On the rewritten root of a P4 document: the about page says how the text is encoded.
P4_MARK = "{urn:edition}p4"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ROOTS = {"TEI": "TEI", "teiCorpus": "teiCorpus", "TEI.2": "TEI", "teiCorpus.2": "teiCorpus"}
#: P4's attributes declared IDREF or IDREFS (TEI P4, the DTD's att.pointing and the
#: elements' own lists); in P5 each token is a URI, an id written ``#id``.
_P4_POINTERS = frozenset(
    (
        "target", "targets", "corresp", "who", "wit", "next", "prev", "synch", "sameAs",
        "copyOf", "exclude", "select", "hand", "resp", "from", "to", "ana", "decls",
    )
)  # fmt: skip


def as_text(document: SourceDocument) -> tuple[SourceDocument, tuple[Diagnostic, ...]]:
    """``document`` itself, its tree rewritten where its shape asks for it (see the module's
    doc), and a warning for each rewrite a reader of the source should know about."""
    notes: list[Diagnostic] = []
    root = document.root
    name = _local(root)
    if isinstance(root.tag, str) and name in _ROOTS and _namespace(root) == "":
        p4 = name.endswith(".2")
        # placed on a reading of its own, before the root is replaced: the document's start
        # tags, read later, are those of the rewritten tree
        text = columns.decode(document.data, document.tree.docinfo.encoding)
        place = columns.StartTags(text, root).element_place(root)
        document.tree._setroot(_in_tei_namespace(root, _ROOTS[name], p4))
        code, message = ("build.tei-p4", _P4_MESSAGE) if p4 else ("build.no-namespace", _NS_MESSAGE)
        notes.append(_note(document, root, code, message.format(name), place))
    for tei in document.root.iter(f"{_T}TEI"):
        _texts_as_group(tei)
        _source_docs_as_one(tei)
    _in_word_breaks(document.root)
    _pointers_from_their_base(document.root)
    tei_corpus.as_text(document)
    if _facsimile_only(document.root):
        _facsimile_as_pages(document.root)
    return document, tuple(notes)


#: The pointers between texts the build links (``links``) and the parts of a division it
#: names (``@prev``, ``@next``), read against the ``xml:base`` around them.
_BASED_POINTERS = ((f"{_T}ref", "target"), (f"{_T}ptr", "target"),
                   *((f"{_T}{d}", a) for d in ("div", *(f"div{i}" for i in range(1, 8)))
                     for a in ("prev", "next")))  # fmt: skip
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:|//)")


def _pointers_from_their_base(root: etree._Element) -> None:
    """A pointer to another file written under a relative ``xml:base`` (a part included from
    "../parts/", a division with ``xml:base="../parts/"``) is written relative to the text's
    own file, as XML Base reads it and ``edition check`` resolves it: the build looked for
    "other.xml" beside the including text, dropped the link and warned at the wrong file
    (probe 140). Ids of the document ("#p3"), bare ids ("L00037"), addresses and prefixed
    pointers ("txt:a/b") are left as written."""
    # a walk, not XPath's //@xml:base: libxml2's XPath gives up past ten million nodes, and a
    # text of 3.4 million elements was left out as an internal error (probe 166; probe 66)
    if not any(XML_BASE in e.attrib for e in root.iter(etree.Element)):
        return
    for tag, name in _BASED_POINTERS:
        for element in root.iter(tag):
            value = element.get(name)
            if not value or not any(
                XML_BASE in e.attrib for e in (element, *element.iterancestors())
            ):
                continue
            tokens = [_from_base(element, t) for t in value.split()]
            if tokens != value.split():
                element.set(name, " ".join(tokens))


def _from_base(element: etree._Element, token: str) -> str:
    written = token.partition("#")[0]
    # a bare id ("L00037", "Gen.1.1", "p.3": probe 144) names no file, whatever its dots
    bare = "#" not in token and "/" not in written and not _FILE_SUFFIX.search(written)
    if not written or _SCHEME.match(token) or bare:
        return token
    return rebased(element, token)


#: What ends the name of a file a pointer names, where a bare id ends otherwise.
_FILE_SUFFIX = re.compile(
    r"\.(xml|x?html?|pdf|jpe?g|png|gif|tiff?|svg|webp|txt|json|mp3|mp4|ogg|wav)$", re.IGNORECASE
)


def _in_word_breaks(root: etree._Element) -> None:
    """A line, page or column break typed "inWord" (EpiDoc's way before ``@break``, all
    through the DDbDP's papyri) is ``break="no"``, the word going on over it: the search,
    the apparatus and the regularised forms read "ἐ πιστολὴν" (probe 114)."""
    for found in root.iter(f"{_T}lb", f"{_T}pb", f"{_T}cb"):
        if found.get("break") is None and (found.get("type") or "").strip().lower() == "inword":
            found.set("break", "no")


_P4_MESSAGE = (
    'a TEI P4 document (root "{}"): published through a light conversion to P5 (names in the '
    "TEI namespace, xml:id and xml:lang, pointers with #); convert the file to P5 (the TEI "
    "Consortium's p4top5.xsl) so that it can be checked against a P5 schema"
)
_NS_MESSAGE = (
    'the root element "{}" is in no namespace: published as TEI; add '
    f'xmlns="{TEI_NS}" to it, as edition check asks'
)


def why_not(root: etree._Element) -> str:
    """Why a gated file is neither a text nor a register, in the words of a warning."""
    if not isinstance(root.tag, str):
        return "neither a TEI text nor a register: nothing to publish from it"
    name, namespace = _local(root), _namespace(root)
    if namespace != TEI_NS:
        where = f'in namespace "{namespace}"' if namespace else "in no namespace"
        return (
            f'the root element "{name}" ({where}) is not a TEI document (TEI or teiCorpus in '
            f'namespace "{TEI_NS}"): nothing to publish from it'
        )
    if name == "TEI" and root.find(f"{{{TEI_NS}}}sourceDoc") is not None:
        return (
            "a TEI document whose sourceDoc holds no transcription (no surface, zone, line, "
            "image or words), with no text, facsimile or register lists: nothing to publish "
            "from it"
        )
    if name == "TEI":
        return (
            "a TEI document with no text, sourceDoc, facsimile or register lists: nothing to "
            "publish from it"
        )
    if name == "teiCorpus":
        return "a teiCorpus with no member TEI documents: nothing to publish from it"
    return f'the root element is "{name}", not TEI or teiCorpus: nothing to publish from it'


def _note(
    document: SourceDocument,
    root: etree._Element,
    code: str,
    text: str,
    place: tuple[int, int] | None,
) -> Diagnostic:
    line, column = place or (root.sourceline or 0, None)
    return diag.warning(document.display, code, text, line, column, origin=_ORIGIN)


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _namespace(element: etree._Element) -> str:
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _in_tei_namespace(root: etree._Element, name: str, p4: bool) -> etree._Element:
    """A new root ``name`` in the TEI namespace holding ``root``'s content, every element in
    no namespace moved into TEI's (P4's ids, languages and pointers too when ``p4``)."""
    nsmap = {k: v for k, v in root.nsmap.items() if k is not None}
    new = etree.Element(f"{_T}{name}", nsmap={None: TEI_NS, **nsmap})
    for key, value in root.attrib.items():
        new.set(key, value)
    new.text, new.tail = root.text, root.tail
    new.extend(list(root))
    if root.sourceline is not None:
        new.sourceline = root.sourceline
    for element in new.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{_T}{element.tag}"
        if p4:
            _p4_attributes(element)
            _p4_element(element)
    if p4:
        _p4_pointers(new)
        _p4_div0(new)
        new.set(P4_MARK, "true")
    etree.cleanup_namespaces(new)
    return new


def _p4_attributes(element: etree._Element) -> None:
    for old, new in (("id", XML_ID), ("lang", _XML_LANG)):
        value = element.get(old)
        if value is not None and element.get(new) is None:
            del element.attrib[old]
            element.set(new, value)


#: P4 elements that P5 replaced by others of the same meaning: the new name, and the
#: attributes the new element takes (an old attribute renamed, or a value given).
_P4_RENAMED: dict[str, tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {
    # TEI P4 12.3.4: "trans" groups the translation equivalents "tr" of an entry
    "trans": ("cit", (), (("type", "translation"),)),
    "tr": ("quote", (), ()),
    # P4 14.2: extended pointers whose "url" attribute is P5's "target"
    "xptr": ("ptr", (("url", "target"),), ()),
    "xref": ("ref", (("url", "target"),), ()),
    # the members of a P4 corpus (teiCorpus.2 of TEI.2 documents, nested corpora): the root
    # is renamed by as_text, a member was left "TEI.2", and the corpus had nothing to publish
    "TEI.2": ("TEI", (), ()),
    "teiCorpus.2": ("teiCorpus", (), ()),
}


def _p4_element(element: etree._Element) -> None:
    if not isinstance(element.tag, str) or not element.tag.startswith(_T):
        return
    renamed = _P4_RENAMED.get(element.tag[len(_T) :])
    if renamed is None:
        return
    name, attributes, values = renamed
    element.tag = f"{_T}{name}"
    for old, new in attributes:
        value = element.get(old)
        if value is not None and element.get(new) is None:
            del element.attrib[old]
            element.set(new, value)
    for key, value in values:
        if element.get(key) is None:
            element.set(key, value)


#: P4's numbered divisions; ``div0`` (a level above ``div1``, "a volume") is not P5's.
_NUMBERED_DIVS = tuple(f"{_T}div{n}" for n in range(8))


def _p4_div0(root: etree._Element) -> None:
    """A text with P4's ``div0`` (an Old Bailey sessions paper of trial accounts): its
    numbered divisions are unnumbered ``div``, whose levels are their nesting, as P5 writes
    them; P5 has no level above ``div1`` (probe 133: the div0 was an unknown element, and
    the book's contents had none of the trials it holds)."""
    for text in root.iter(f"{_T}text"):
        if next(text.iter(f"{_T}div0"), None) is None:
            continue
        for division in text.iter(*_NUMBERED_DIVS):
            division.tag = f"{_T}div"


def _p4_pointers(root: etree._Element) -> None:
    ids = xml_ids(root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for key, value in element.attrib.items():
            if key not in _P4_POINTERS:
                continue
            tokens = value.split()
            if tokens and all(t in ids for t in tokens):
                element.set(key, " ".join(f"#{t}" for t in tokens))


def _texts_as_group(tei: etree._Element) -> None:
    """A ``TEI`` with several ``text`` elements (model.resource+, valid since P5 3.x): one
    ``text`` holding them in a ``group``, as a collection's texts are, so that the writers,
    which show a document's text, show every one of them (the second was left out)."""
    texts = tei.findall(f"{_T}text")
    if len(texts) < 2:
        return
    outer = etree.Element(f"{_T}text")
    group = etree.SubElement(outer, f"{_T}group")
    if texts[0].sourceline is not None:
        outer.sourceline = group.sourceline = texts[0].sourceline
    texts[0].addprevious(outer)
    outer.tail = texts[0].tail
    for text in texts:
        group.append(text)  # moved, with its tail
    group.text = outer.tail


def _source_docs_as_one(tei: etree._Element) -> None:
    """A ``TEI`` with several ``sourceDoc`` elements and no ``text`` (drafts of a poem, each
    transcribed page by page): one ``sourceDoc`` holding each in a ``surfaceGrp``, its
    ``@n`` and id kept, so that the writers, which show a document's transcription, show
    every one (probe 82: the second was dropped without a word)."""
    docs = tei.findall(f"{_T}sourceDoc")
    if len(docs) < 2 or tei.find(f"{_T}text") is not None:
        return
    outer = etree.Element(f"{_T}sourceDoc")
    if docs[0].sourceline is not None:
        outer.sourceline = docs[0].sourceline
    docs[0].addprevious(outer)
    outer.tail = docs[0].tail
    for doc in docs:
        doc.tag = f"{_T}surfaceGrp"  # renamed and moved, with its tail: lines kept
        outer.append(doc)
    outer.text = outer.tail


def _facsimile_only(root: etree._Element) -> bool:
    return (
        root.tag == f"{_T}TEI"
        and root.find(f"{_T}text") is None
        and root.find(f"{_T}sourceDoc") is None
        and any(
            f.find(f"{_T}surface") is not None
            or f.find(f"{_T}surfaceGrp") is not None
            or f.find(f"{_T}graphic") is not None
            for f in root.iterfind(f"{_T}facsimile")
        )
    )


def _facsimile_as_pages(root: etree._Element) -> None:
    """Each ``facsimile`` read as a ``sourceDoc`` (its surfaces are the pages); a
    ``graphic`` of its own is wrapped in a surface, the one place a page's image stands."""
    for facsimile in root.findall(f"{_T}facsimile"):
        facsimile.tag = f"{_T}sourceDoc"
        for graphic in facsimile.findall(f"{_T}graphic"):
            if not (graphic.get("url") or "").strip() and len(graphic) == 0:
                # a template's unfilled <graphic url=""/> names no image: no page of its own
                # (a Bodleian Hebrew record was its description and an empty "Page 1")
                continue
            surface = etree.Element(f"{_T}surface")
            if graphic.sourceline is not None:
                surface.sourceline = graphic.sourceline
            if graphic.get("n") is not None:
                surface.set("n", graphic.get("n") or "")
            graphic.addprevious(surface)
            surface.tail, graphic.tail = graphic.tail, None
            surface.append(graphic)
