"""Manuscript descriptions on the reading page: catalogue records and transcriptions.

A text is a catalogue record when its header describes a manuscript (``sourceDesc//msDesc``)
and its body holds no words outside references and no figure; the reading page and the book
then show the description as the text (``r:catalogue-record`` in xslt/common/manuscripts.xsl,
the same rule). Any other text whose header describes a manuscript (a transcription, a record
with a summary in its body) shows the description beside its text, on its page (a section one
opens) and in its book: it was on the about page alone, its names no mentions (probe 65: a
record whose body said one sentence lost its description from its page, book, index, timeline
and search). What the page shows is read as a text is: the names of the description (a former
owner, a scribe, an author, the place of origin) are mentions of their index entries, given ids
by pipeline/locators.py, resolved by the normalisation stage (its ``record`` parameter) and
counted by the index; its dates (the manuscript's origin, ``origDate``; an acquisition or
provenance its attributes date) are on the timeline, as a text's are. A name in a bibliographic
reference (a work the record cites) is the citation's, no mention, as in a text.
"""

from __future__ import annotations

from lxml import etree

from .gate import TEI_NS

NS = {"tei": TEI_NS}
_T = f"{{{TEI_NS}}}"
#: The names and dates of a description that are mentions (normalize.xsl ``ed:described``):
#: a text's name elements, its dates and the date of the manuscript's origin (``origDate``),
#: which the timeline lists as it lists a text's dates.
DESCRIBED = frozenset(
    f"{_T}{n}"
    for n in (
        *("persName", "placeName", "orgName", "name", "rs", "geogName", "objectName"),
        *("eventName", "date", "origDate"),
    )
)
#: Events of a manuscript's history, blocks of words, that are mentions (on the timeline) when
#: their attributes date them (an ``acquisition when="1817"``): the normalisation's
#: ``ed:described`` says the same.
DATED_EVENTS = frozenset(f"{_T}{n}" for n in ("acquisition", "provenance"))
_DATING = frozenset(
    f"{name}{iso}"
    for name in ("when", "notBefore", "notAfter", "from", "to")
    for iso in ("", "-iso")
)
#: Where a name of the description is a citation's, not the manuscript's.
CITATIONS = frozenset(f"{_T}{n}" for n in ("bibl", "biblStruct", "biblFull"))


def catalogue_record(root: etree._Element) -> bool:
    """Whether a text is a manuscript's catalogue record: its header describes a manuscript
    (``sourceDesc//msDesc``) and its body holds no words outside references and no figure
    (the images of its pages, a facsimile's surfaces, are none).

    The same rule as ``r:catalogue-record`` (xslt/common/manuscripts.xsl), which decides the
    reading page; the about page sees headers only, so it is told here.
    """
    if root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}sourceDesc") is None:
        return False
    if not root.xpath("tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc", namespaces=NS):
        return False
    # A documentary transcription (sourceDoc) is the text of a document that has no body.
    body = root.find(f"{_T}text/{_T}body")
    if body is None:  # an anthology's texts (probe 69: taken for a record of no words)
        body = root.find(f"{_T}text/{_T}group")
    if body is None:
        body = root.find(f"{_T}sourceDoc")
    if body is None:
        return True
    words = _has_words(body)
    # the images of pages (a facsimile read as a sourceDoc: surfaces without lines) are no text,
    # nor is a graphic that names no image (a template's <graphic url=""/>, probe 23)
    things = body.xpath(
        ".//tei:figure | .//tei:graphic[not(parent::tei:surface)][normalize-space(@url)]"
        " | .//tei:media"
        " | .//tei:formula | .//tei:table",
        namespaces=NS,
    )
    return not words and not things


_XML_SPACE = " \t\r\n"
_NO_WORDS = frozenset((f"{_T}ref", f"{_T}ptr"))
_IMAGES = frozenset((f"{_T}surface", f"{_T}graphic"))


def _has_words(body: etree._Element) -> bool:
    """Whether ``body`` holds a word outside references and an image's description. A loop
    that stops at the first word: the rule is asked three times of every text whose header
    describes a manuscript (stages, locators, keyed names), and an XPath over every text node
    of a transcription's body took 12 ms each time."""
    for node in body.iter():
        if isinstance(node.tag, str) and (node.text or "").strip(_XML_SPACE) and _read(node):
            return True
        if node is not body and (node.tail or "").strip(_XML_SPACE):
            parent = node.getparent()
            if parent is not None and _read(parent):
                return True
    return False


def _read(holder: etree._Element) -> bool:
    """Whether text directly inside ``holder`` is read: not a reference's words nor the
    description of a page's image."""
    for element in (holder, *holder.iterancestors()):
        if element.tag in _NO_WORDS:
            return False
        if element.tag == f"{_T}desc":
            parent = element.getparent()
            if parent is not None and parent.tag in _IMAGES:
                return False
    return True


def shown_descriptions(root: etree._Element) -> list[etree._Element]:
    """The manuscript descriptions a text's reading page shows (as ``r:record-descriptions``):
    a catalogue record's as its text, another's beside it; none when its header describes
    no manuscript."""
    found = root.xpath(
        "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:msDesc[not(ancestor::tei:msDesc)]",
        namespaces=NS,
    )
    # beside a text, a witness's description is its list of witnesses', shown with the
    # apparatus (r:witnesses: an app somewhere, no listWit in the text), not twice; without
    # an apparatus the page shows no list of witnesses, and the description here (probe 69:
    # three letters' only description was on the about page alone)
    listed = (
        bool(found)
        and not catalogue_record(root)
        and next(root.iter(f"{_T}app"), None) is not None
        and not root.xpath("tei:text//tei:listWit", namespaces=NS)
    )
    return [
        e
        for e in found
        if isinstance(e, etree._Element)
        and not (listed and any(a.tag == f"{_T}listWit" for a in e.iterancestors()))
    ]


def described_name(element: etree._Element, descriptions: list[etree._Element]) -> bool:
    """Whether ``element`` is a name of one of ``descriptions`` (``shown_descriptions``)
    outside a cited work: a mention, as the names of a text are."""
    if not descriptions or not (element.tag in DESCRIBED or _dated_event(element)):
        return False
    inside = False
    for ancestor in element.iterancestors():
        if ancestor.tag in CITATIONS:
            return False
        if any(ancestor is d for d in descriptions):
            inside = True
    return inside


def _dated_event(element: etree._Element) -> bool:
    return element.tag in DATED_EVENTS and any(element.get(name, "").strip() for name in _DATING)
