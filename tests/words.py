"""Word sequences of a TEI text and of its HTML rendering, for the text-preservation tests.

Both sides are read as a reader (or a search engine, or a screen reader) meets them: words
are runs of word characters, separated by whitespace and by the boundaries each format
makes. TEI separates words at block elements (p, l, item, cell ...), between two adjacent
tokens (w, pc, seg, names ...; not between the feet of a scanned line, segments that carry
its word spaces) and at lb/pb/cb unless break="no", which joins a word across
the break and the whitespace around it, or the break stands between two characters of a script
written without spaces (Chinese, Japanese, Thai ...). HTML separates words at whitespace and
at block boxes only (p, div, li, br, td ... and spans the stylesheet displays as blocks), never
at an inline element: "<span>Who's</span><span>there</span>" is one word on the page; a br
inside Chinese or Japanese is no boundary either.

Notes are compared apart from the running text: each outermost note of the TEI against each
rendered note body (class note-content), as a multiset, since notes move to lists at the end
of sections. Page furniture (calls, back links, line numbers, headings the edition adds,
popover copies, hidden labels, what a ptr or a numbered milestone show of their attributes) is
left out of the HTML, and so is MathML on both sides (and TeX, which the page draws as MathML);
the reading of a choice is its preferred child, as the page shows it first and the other in
brackets (class alt).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections import Counter
from pathlib import Path

import regex
from lxml import etree, html

from pipeline.formulae import is_tex, with_mathml

TEI = "{http://www.tei-c.org/ns/1.0}"
#: Menota's levels of a word (levels.xsl): the reading view shows the most edited one.
MENOTA = "{http://www.menota.org/ns/1.0}"
LEVELS = tuple(f"{MENOTA}{name}" for name in ("norm", "dipl", "facs"))


def _names(text: str) -> frozenset[str]:
    """Element names written as one string, separated by whitespace."""
    return frozenset(text.split())


WORD = re.compile(r"\w+")
BREAK = "\x00"  # a word boundary without whitespace
#: A line, page or column break: a word boundary, except between two characters of a script
#: written without spaces between words (Chinese, Japanese, Thai ...: base.xsl, r:unspaced).
MILESTONE = "\x01"
UNSPACED = (
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3000-\u30ff"
    "\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff65"
    "\U00020000-\U0003134f]"
)
#: ... with the whitespace a file's lines put around the break (base.xsl, probe 79)
UNSPACED_MILESTONE = re.compile(f"(?<={UNSPACED})\\s*{MILESTONE}(?:\\s|{MILESTONE})*(?={UNSPACED})")

#: TEI elements that are never part of a word with their neighbours.
TEI_BLOCKS = _names(
    """p ab div div1 div2 div3 div4 div5 div6 div7 head lg l sp speaker stage list item table
    row cell figure figDesc castList castGroup castItem role roleDesc actor set u addrLine
    address opener closer salute signed dateline postscript trailer byline docAuthor docTitle
    titlePart titlePage docImprint docDate docEdition epigraph argument floatingText front
    body back group text label listBibl gap milestone caesura space graphic media formula
    listPerson listPlace listOrg person place org sourceDoc surface surfaceGrp zone line"""
)
#: Tokens set apart from an adjacent token with no text between them (base.xsl).
TEI_TOKENS = _names(
    """w pc seg s cl phr u addrLine num stage speaker persName placeName orgName name rs date
    forename surname addName genName nameLink roleName settlement region country district bloc
    street postCode postBox form orth pron hyph syll stress lang gramGrp gram pos gen number
    case per tns mood iType subc colloc usg lbl def etym xr oRef pRef cit vocal kinesic
    incident writing pause rt geo"""
)
#: The parts of a dictionary's cross-reference and etymology, words apart from each other
#: (dictionaries.xsl, r:spaced-parts), and the quotations of its citations (base.xsl,
#: r:is-token).
TOKEN_PARENTS = _names("xr etym")
PARTS = _names("ref ptr mentioned gloss lang term foreign quote q bibl oRef pRef")
DICTIONARY_ENTRIES = _names("entry entryFree dictScrap")


def _is_token(element: etree._Element) -> bool:
    parent = element.getparent()
    if _local(element) in TEI_TOKENS:
        return True
    if parent is None or not isinstance(parent.tag, str):
        return False
    return (_local(parent) in TOKEN_PARENTS and _local(element) in PARTS) or (
        _local(parent) == "cit"
        and _local(element) == "quote"
        and any(_local(a) in DICTIONARY_ENTRIES for a in parent.iterancestors())
    )


#: Structured references whose fields the page separates when nothing is written between them
#: (biblio.xsl, r:fields-separator): a biblStruct, its parts, a bibl of fields alone.
TEI_FIELDS = _names(
    "biblStruct analytic monogr imprint series bibl respStmt msIdentifier relatedItem"
)
#: Elements rendered without words (metadata about the text).
TEI_SILENT = _names(
    """index alt altGrp link linkGrp join joinGrp timeline certainty precision respons
    interpGrp spanGrp listTranspose interp span"""
)
MILESTONES = _names("lb pb cb")

HTML_BLOCKS = _names(
    """p div li br td th tr h1 h2 h3 h4 h5 h6 section article blockquote figure figcaption
    ul ol dl dt dd table caption aside header footer nav hr img tbody thead main"""
)
#: Page furniture: words the edition adds around the text, and copies of it.
FURNITURE = (
    "//header[contains(concat(' ', @class, ' '), ' text-header ')]"
    " | //*[contains(concat(' ', @class, ' '), ' pb ')]"
    " | //*[@class='visually-hidden'] | //a[@class='anchor'] | //*[contains(@class, 'noteref')]"
    " | //a[@class='backlink'] | //button | //*[contains(@class, 'notes-title')]"
    " | //*[@class='l-n'] | //*[@class='lb-n'] | //*[@class='lg-n'] | //*[@class='note-popovers']"
    " | //*[@class='l-met'] | //*[contains(concat(' ', @class, ' '), ' lg-prosody ')]"
    " | //*[@class='rhyme-label']"
    " | //*[@class='note-label'] | //rp | //*[@class='formula-n'] | //*[@class='editor-role']"
    # the editorial signs around supplied, expanded, secluded text (r:marks)
    " | //*[@class='sign']"
    " | //*[contains(concat(' ', @class, ' '), ' alt ')] | //*[@class='u-who']"
    " | //*[@class='u-time']"
    " | //*[@class='entity-cards'] | //a[@class='ptr'] | //*[@class='ref-url']"
    " | //*[@class='ptr unresolved'] | //*[@class='textpart-label'] | //*[@class='event-type']"
    # what an empty ref that leads nowhere shows of its attributes (@n, @target)
    " | //span[starts-with(@class, 'ref unresolved')]"
    " | //*[contains(concat(' ', @class, ' '), ' implied ')]"
    " | //*[@class='hom-n'] | //*[@class='cit-lang'] | //*[@class='xr-label']"
    " | //*[@class='note-resp']"
    # the hand a note is written in, named from the header's handNote (probe 169)
    " | //*[@class='note-hand']"
    " | //*[@class='scope-unit'] | //*[@class='media-name'] | //*[@class='date-supplied']"
    " | //*[@class='item-n'] | //*[contains(concat(' ', @class, ' '), ' speaker-supplied ')]"
    # a bibliographic entry's label (@n: the corpus it cites, "CIL")
    " | //*[@class='bibl-n']"
    " | //*[@class='spanGrp-type'] | //code[contains(concat(' ', @class, ' '), ' egXML ')]"
    # the interface's name of the subject index a divGen links to
    " | //*[@class='divGen-label']"
    # the link to the other part of a division split over pages or issues (structure.xsl)
    " | //*[@class='continued']"
    # the link of a division or a paragraph to its translation elsewhere (alignment.xsl)
    " | //*[@class='parallel-text'] | //a[@class='parallel-link']"
    " | //*[contains(concat(' ', @class, ' '), ' specDesc ')]"
    " | //*[contains(@class, 'milestone')] | //*[contains(@class, 'mathml')]"
    # a page of a long text repeats the headings of the divisions it lies in
    " | //*[contains(concat(' ', @class, ' '), ' part-context ')]"
    # the reading view is compared: what only the diplomatic view shows is left out, and so
    # are the apparatus (its calls, lists and witnesses) and a catalogue record's description
    " | //*[contains(concat(' ', @class, ' '), ' ed-dipl ')] | //*[@class='app-ref']"
    " | //*[contains(concat(' ', @class, ' '), ' apparatus ')] | //*[@class='witnesses']"
    " | //*[@class='apparatus-title'] | //*[@class='enclosure-label']"
    # a list of entries apart (listApp) reads as its lemmas: their numbers, sigla and
    # readings are the apparatus', and so are the text's words an entry without a lemma cites
    " | //*[@class='app-back'] | //ul[@class='listApp']//*[@class='rdg' or @class='siglum'"
    " or @class='app-sep' or @class='app-info' or @class='rdgGrp' or @class='app-note'"
    " or @class='app-loc' or @class='wit' or @class='app-lemma app-cited']"
    " | //*[contains(concat(' ', @class, ' '), ' ms-msDesc ')]"
    # and the description of the manuscript a transcription's page shows before its text
    " | //*[@class='ms-described']"
    # a page of a documentary transcription: its name when the edition gives it ("Page 2")
    # and the link to its image
    " | //*[@class='surface-n'] | //a[@class='surface-facs']"
    # the dates of a person in a list kept in the text, when only attributes give them
    " | //*[@class='card-dates'] | //*[@class='head part-title']"
    # a sense's number, and the character a glyph's declaration gives (<g ref="#x"/>)
    " | //*[@class='sense-n'] | //*[contains(concat(' ', @class, ' '), ' g-decl ')]"
    # the editor's note on a transposition, which quotes the segments to be read in order
    " | //*[contains(concat(' ', @class, ' '), ' transpositions ')]"
)


class _Furniture:
    """FURNITURE as tests of one element: libxml2 evaluated the union's seventy branches on
    every element of a page, half the time the ELTeC novels' words took to compare. Each
    branch is ``//TAG`` with at most one test of ``@class`` (equal to, a token of, containing,
    starting with), or ``//TAG[@class='X']//*[@class='A' or ...]``; any other raises."""

    def __init__(self, union: str) -> None:
        self.tags: set[str] = set()
        self.equal: dict[str, set[str]] = {}  # class -> tags ("*" any)
        self.tokens: dict[str, set[str]] = {}
        self.contains: list[tuple[str, str]] = []  # (tag, words)
        self.starts: list[tuple[str, str]] = []
        self.within: list[tuple[str, str, frozenset[str]]] = []  # (tag, class, classes)
        for branch in union.split(" | "):
            if not self._read(branch):
                raise ValueError(f"a branch of FURNITURE that _Furniture cannot read: {branch}")

    def _read(self, branch: str) -> bool:
        if found := re.fullmatch(r"//(\w+)\[@class='([^']+)'\]//\*\[(.*)\]", branch):
            classes = re.findall(r"@class='([^']+)'", found[3])
            if found[3] != " or ".join(f"@class='{c}'" for c in classes):
                return False
            self.within.append((found[1], found[2], frozenset(classes)))
            return True
        found = re.fullmatch(r"//([\w*]+)(?:\[(.*)\])?", branch)
        if found is None:
            return False
        tag, test = found[1], found[2]
        if test is None:
            self.tags.add(tag)
        elif m := re.fullmatch(r"@class='([^']+)'", test):
            self.equal.setdefault(m[1], set()).add(tag)
        elif m := re.fullmatch(r"contains\(concat\(' ', @class, ' '\), ' (\S+) '\)", test):
            self.tokens.setdefault(m[1], set()).add(tag)
        elif m := re.fullmatch(r"contains\(@class, '([^']+)'\)", test):
            self.contains.append((tag, m[1]))
        elif m := re.fullmatch(r"starts-with\(@class, '([^']+)'\)", test):
            self.starts.append((tag, m[1]))
        else:
            return False
        return True

    def matches(self, element: etree._Element) -> bool:
        tag = element.tag
        if tag in self.tags:
            return True
        value = element.get("class")
        if value is None:
            return False
        if (tags := self.equal.get(value)) and ("*" in tags or tag in tags):
            return True
        for token in value.split():
            if (tags := self.tokens.get(token)) and ("*" in tags or tag in tags):
                return True
        for name, words in self.contains:
            if words in value and name in ("*", tag):
                return True
        for name, words in self.starts:
            if value.startswith(words) and name in ("*", tag):
                return True
        for name, holder, classes in self.within:
            if value in classes and any(
                a.get("class") == holder for a in element.iterancestors(name)
            ):
                return True
        return False

    def find(self, root: etree._Element) -> list[etree._Element]:
        """The elements below ``root`` (the whole page's, as ``//`` took) that are furniture,
        in document order."""
        top = root.getroottree().getroot()
        return [e for e in top.iter() if isinstance(e.tag, str) and self.matches(e)]


FURNITURE_TESTS = _Furniture(FURNITURE)
#: What the reading view leaves out (transcription.xsl: a deletion not restored, surplus
#: text, abbreviation marks, forme work, the writer's marks, changes of hand).
TEI_READING_HIDDEN = _names("surplus am metamark fw catchwords signatures handShift")


def _leiden_kept(element: etree._Element) -> bool:
    """Superfluous letters and an erasure in an edition division are the editor's text of an
    inscription, read in their Leiden brackets ({et}, ⟦Commodo⟧)."""
    name = _local(element)
    if not (name == "surplus" or (name == "del" and element.get("rend") in ("erasure", "erased"))):
        return False
    return any(_local(a) == "div" and a.get("type") == "edition" for a in element.iterancestors())


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag[len(TEI) :] if isinstance(tag, str) and tag.startswith(TEI) else ""


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


# -- TEI -------------------------------------------------------------------------------------


def tei_words(text: etree._Element) -> tuple[list[str], Counter[tuple[str, ...]]]:
    """The running words of a TEI ``text`` (or ``sourceDoc``) and the multiset of its notes'
    words."""
    text = _without_deleted_spans(text)
    notes: list[etree._Element] = []
    note_ids = {
        n.get("{http://www.w3.org/XML/1998/namespace}id")
        for n in text.iter(f"{TEI}note")
        if n.get("{http://www.w3.org/XML/1998/namespace}id")
    }
    parts: list[str] = []
    _tei_walk(text, parts, notes, note_ids, in_note=False)
    note_words: Counter[tuple[str, ...]] = Counter()
    for note in notes:
        inner: list[str] = []
        _tei_content(note, inner, [], note_ids, in_note=True)
        note_words[tuple(_split("".join(inner)))] += 1
    return _split("".join(parts)), note_words


def _without_deleted_spans(text: etree._Element) -> etree._Element:
    """A copy of ``text`` without the words between a delSpan and the anchor its @spanTo
    names (the reading view leaves them out, as a del's), or ``text`` itself when it has no
    delSpan."""
    if next(text.iter(f"{TEI}delSpan"), None) is None:
        return text
    text = copy.deepcopy(text)
    open_spans: set[str] = set()
    for event, element in etree.iterwalk(text, events=("start", "end")):
        if event == "start":
            if _local(element) == "delSpan" and element.get("spanTo"):
                open_spans.add(str(element.get("spanTo")).lstrip("#"))
            open_spans.discard(element.get("{http://www.w3.org/XML/1998/namespace}id") or "")
            if open_spans:
                element.text = None
        elif open_spans:
            element.tail = None
    return text


EGXML = "{http://www.tei-c.org/ns/Examples}egXML"


def _in_annotation_block(element: etree._Element) -> bool:
    """A spanGrp of a block of a transcription is a tier of annotations, shown (spoken.xsl)."""
    return any(_local(a) == "annotationBlock" for a in element.iterancestors())


def _tei_walk(
    element: etree._Element,
    parts: list[str],
    notes: list[etree._Element],
    note_ids: set[str | None],
    in_note: bool,
) -> None:
    name = _local(element)
    if not isinstance(element.tag, str) or element.tag == EGXML:
        return  # an example of XML is shown as its source (blocks.xsl), tags and all
    if name in TEI_SILENT and not (name in ("spanGrp", "span") and _in_annotation_block(element)):
        return
    if name == "formula" and element.find("{http://www.w3.org/1998/Math/MathML}math") is not None:
        return  # MathML, compared as MathML by its own tests
    if name == "formula" and is_tex(element) and with_mathml(copy.deepcopy(element)) is not None:
        return  # TeX drawn as MathML (pipeline/formulae.py), compared by its own tests
    if name == "note" and not in_note:
        notes.append(element)
        return
    if name in ("ref", "ptr") and _points_at_note(element, note_ids):
        return  # rendered as the note's call
    if element.tag in LEVELS and element is not _reading_level(element.getparent()):
        return
    if name in MILESTONES:
        if element.get("break") != "no" and not _at_a_break_inside_a_word(element):
            parts.append(MILESTONE)
        return
    # a note inside a note is shown in its place, in brackets (notes.xsl): its words are
    # apart from those around it
    block = name in TEI_BLOCKS or name == "note"
    if block:
        parts.append(BREAK)
    parent = element.getparent()
    in_ellipsis = parent is not None and _local(parent) == "ellipsis"  # its mark is read
    if not _leiden_kept(element) and (
        (name in TEI_READING_HIDDEN and not in_ellipsis)
        or (name == "del" and not _restored(element))
    ):
        if name == "del" and parent is not None and _local(parent) != "rdg":
            # the words a restore inside it takes back are read after it (transcription.xsl)
            for restore in element.iterdescendants(f"{TEI}restore"):
                if not any(_local(a) == "restore" for a in restore.iterancestors()
                           if element in a.iterancestors()):  # fmt: skip
                    _tei_content(restore, parts, notes, note_ids, in_note)
        if block:
            parts.append(BREAK)
        return
    if name == "app":  # the reading text: the lemma, else the first reading
        lemma = _lemma(element)
        if lemma is not None:
            _tei_content(lemma, parts, notes, note_ids, in_note)
    elif name == "choice":
        preferred = _preferred(element)
        if preferred is not None:
            _tei_walk(preferred, parts, notes, note_ids, in_note)
    else:
        _tei_content(element, parts, notes, note_ids, in_note or name == "note")
    if block:
        parts.append(BREAK)


def _tei_content(
    element: etree._Element,
    parts: list[str],
    notes: list[etree._Element],
    note_ids: set[str | None],
    in_note: bool,
) -> None:
    children = list(element)
    if not _layout(element, element.text, True):
        parts.append(_trim(element.text, None, children[0] if children else None))
    previous: etree._Element | None = None
    fields = _fields(element)
    feet = _scanned_feet(element)
    for index, child in enumerate(children):
        if not isinstance(child.tag, str):
            if not _layout(element, child.tail, _next(children, index) is None):
                parts.append(_trim(child.tail, child, _next(children, index)))
            continue
        if fields and index:
            parts.append(BREAK)
        following = _next(children, index)
        if (
            feet
            and _local(child) == "seg"
            and following is not None
            and _local(following) == "seg"
            and re.search(r"[\w\-‐]$", "".join(child.itertext()))
        ):
            # the layout between the feet of a scanned line is no word space (r:seg-layout)
            _tei_walk(child, parts, notes, note_ids, in_note)
            previous = None
            continue
        if (
            previous is not None
            and _is_token(previous)
            and _is_token(child)
            and _local(element) != "w"
            and previous.get("join") not in ("right", "both")
            and child.get("join") not in ("left", "both")
            and not _segs_join(previous, child)
        ):
            parts.append(BREAK)
        _tei_walk(child, parts, notes, note_ids, in_note)
        if not _layout(element, child.tail, _next(children, index) is None):
            parts.append(_trim(child.tail, child, _next(children, index)))
        # an anchor is no word: the tokens on either side of it stay apart (r:space-before)
        if _local(child) != "anchor" or (child.tail or ""):
            previous = child if not (child.tail or "") else None


#: Two segs written against each other are one word when the second is the rest of the
#: first's word (base.xsl, r:seg-joins: probes 145 to 159): the first ends in a letter, or a
#: letter and an elision's apostrophe or a syllable's hyphen, and closes no quotation; the
#: second begins with a small letter, a hyphen and a letter, or an apostrophe and letters
#: that close no quotation. A number joins only an ordinal's or a book format's ending
#: ("1" "st", "4" "to"; "1914" "was" are two words).
SEG_WORD_END = regex.compile(r"\p{L}\p{M}*['’\-‐‑\u00ad¬=⸗]?$")
SEG_QUOTE_END = regex.compile(r"(^|\s)['‘’]\S*['’]$")
#: an Italian word cut short ("po’"), a word of its own (base.xsl's $r:apocope)
SEG_APOCOPE = regex.compile(r"(^|[^\p{L}\p{M}])(po|mo|be|ca|fa|sta|va|da|di|to)['’]$")
SEG_NUMBER_ENDING = regex.compile(r"^(st|nd|rd|th|d|s|to|vo|mo|fo|er|re|e|ème)\p{P}*$")
#: (probe 164) a long word before an apostrophe, an English possessive unless the language
#: elides ("the dogs’" "tails"); a clitic after one ("John" "'s"); a seg of one of these
#: types is a word or more, never part of one.
SEG_LONG_ELISION = regex.compile(r"[\p{L}\p{M}]{4,}['’]$")
SEG_CLITIC = regex.compile(r"^['’](s|ll|d|re|ve|m|t)(\P{L}|$)")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SEG_APART_TYPES = ("w", "word", "token", "tok", "phrase", "phr", "clause", "sentence")


def _seg_words(seg: etree._Element) -> str:
    """A seg's words, its notes left out (base.xsl, r:seg-words)."""
    words: list[str] = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and _local(child) != "note":
            words.append(_seg_words(child))
        words.append(child.tail or "")
    return "".join(words)


def _segs_join(previous: etree._Element, child: etree._Element) -> bool:
    """Whether a seg is the rest of the word of the seg written against it before it."""
    if not (_local(previous) == "seg" and _local(child) == "seg"):
        return False
    for seg in (previous, child):
        if (seg.get("type") or "").strip().lower() in SEG_APART_TYPES or any(
            _local(e) in ("w", "pc") for e in seg.iterchildren() if isinstance(e.tag, str)
        ):
            return False
    first, second = _seg_words(previous), " ".join(_seg_words(child).split())
    lang = next((e.get(XML_LANG) for e in previous.iterancestors() if e.get(XML_LANG)), "")
    elides = (previous.get(XML_LANG) or lang or "").lower()[:2] in ("fr", "it", "ca", "oc")
    if SEG_WORD_END.search(first) and not SEG_QUOTE_END.search(first):
        if regex.match(r"\p{Ll}", second):
            return (elides or not SEG_LONG_ELISION.search(first)) and not SEG_APOCOPE.search(first)
        if regex.match(r"[\-‐‑]\p{L}", second):
            return True
        if regex.match(r"['’]\p{L}[^'’]*$", second):
            return bool(
                elides or SEG_CLITIC.search(second) or not regex.search(r"[\p{L}\p{M}]{4,}$", first)
            )
        return bool(
            regex.search(r"\p{L}\p{M}*[\-‐‑]$", first) and regex.match(r"[\p{Lu}\p{Nd}]", second)
        )
    if not (regex.search(r"\p{Nd}$", first) and SEG_NUMBER_ENDING.search(second)):
        return False
    if regex.match(r"(to|vo|mo|fo)", second) and not regex.search(r"(^|\D)\d{1,3}$", first):
        return False
    return not (regex.match(r"s\p{P}*$", second) and not first.endswith("0"))


def _layout(element: etree._Element, text: str | None, edge: bool) -> bool:
    """Whether a text inside ``element`` is layout, no word space (``edge``: it stands before
    the first or after the last child): any whitespace of a subst, whose content TEI makes
    elements alone (11.3.1.5: a pretty-printed correction inside a word is one word); the
    whitespace at the edges of a damage without words of its own; a newline and indent
    inside a word (w, 17.1: one word, its parts laid out on lines of their own)."""
    if (text or "").strip():
        return False
    name = _local(element)
    if name == "subst":
        return True
    if "\n" in (text or "") and (
        name == "w" or any(_local(a) == "w" for a in element.iterancestors())
    ):
        return not any(
            a.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
            for a in (element, *element.iterancestors())
        )
    return (
        name == "damage"
        and edge
        and len(element) > 0
        and not any((t or "").strip() for t in (element.text, *(c.tail for c in element)))
    )


def _scanned_feet(element: etree._Element) -> bool:
    """A verse line of segments, no words of its own between them, in a stanza whose segments
    carry its word spaces (reading.xsl, r:seg-layout): a foot may end inside a word."""
    if _local(element) != "l" or any(
        (text or "").strip() for text in (element.text, *(c.tail for c in element))
    ):
        return False
    stanza = next((a for a in element.iterancestors() if _local(a) == "lg"), element)
    return any(
        re.search(r"\s$", "".join(seg.itertext()))
        for seg in stanza.iter(f"{TEI}seg")
        if _local(seg.getparent()) == "l"
    )


def _fields(element: etree._Element) -> bool:
    if _local(element) not in TEI_FIELDS or not len(element):
        return False
    return not any((text or "").strip() for text in (element.text, *(c.tail for c in element)))


def _next(children: list[etree._Element], index: int) -> etree._Element | None:
    return children[index + 1] if index + 1 < len(children) else None


def _joins(element: etree._Element | None) -> bool:
    return element is not None and _local(element) in MILESTONES and element.get("break") == "no"


#: What stands at the place of a break inside a word without saying whether it ends one: a
#: column or page break without @break, the running head or catchword printed there
#: (reading.xsl, r:at-break: "enpre-<cb n="2"/> <lb break="no"/>star" is one word).
AT_BREAK = _names("fw catchwords signatures")


def _at_break(element: etree._Element) -> bool:
    name = _local(element)
    return (name in ("pb", "cb") and element.get("break") is None) or name in AT_BREAK


def _joins_after(element: etree._Element | None) -> bool:
    """Whether a break="no" is this element or follows it past what stands at its place."""
    while element is not None:
        if _joins(element):
            return True
        if not isinstance(element.tag, str) or not _at_break(element):
            return False
        if (element.tail or "").strip():
            return False
        element = element.getnext()
    return False


def _joins_before(element: etree._Element | None) -> bool:
    """Whether a break="no" is this element or precedes it past what stands at its place."""
    while element is not None:
        if _joins(element):
            return True
        if not isinstance(element.tag, str) or not _at_break(element):
            return False
        previous = element.getprevious()
        before = previous.tail if previous is not None else element.getparent().text
        if (before or "").strip():
            return False
        element = previous
    return False


def _trim(text: str | None, before: etree._Element | None, after: etree._Element | None) -> str:
    """Text around a break="no", or between tokens that @join joins, loses its whitespace on
    that side."""
    text = text or ""
    if _joins_before(before) or (before is not None and before.get("join") in ("right", "both")):
        text = text.lstrip()
    if _joins_after(after) or (after is not None and after.get("join") in ("left", "both")):
        text = text.rstrip()
    return text


def _at_a_break_inside_a_word(element: etree._Element) -> bool:
    """A column or page break without @break at the place of a break="no" joins too."""
    if not _at_break(element):
        return False
    previous = element.getprevious()
    before = previous.tail if previous is not None else element.getparent().text
    return (not (element.tail or "").strip() and _joins_after(element.getnext())) or (
        not (before or "").strip() and _joins_before(previous)
    )


def _points_at_note(element: etree._Element, note_ids: set[str | None]) -> bool:
    target = (element.get("target") or "").split()
    return bool(target) and target[0].startswith("#") and target[0][1:] in note_ids


def _restored(element: etree._Element) -> bool:
    """A deletion a restore cancels: one around it, or one holding all its words."""
    if any(_local(a) == "restore" for a in element.iterancestors()):
        return True
    return bool(element.xpath("*[local-name() = 'restore']")) and not element.xpath(
        "node()[not(self::*[local-name() = 'restore' or local-name() = 'note']"
        " or self::text()[not(normalize-space())])]"
    )


def _lemma(app: etree._Element) -> etree._Element | None:
    paths = [f"{TEI}lem", f"{TEI}rdgGrp/{TEI}lem"]
    # an entry of a list apart (listApp) without a lemma is about words of the text, which it
    # does not repeat: its first reading is no reading text, as it is inside the text
    parent = app.getparent()
    if parent is None or _local(parent) != "listApp":
        paths += [f"{TEI}rdg", f"{TEI}rdgGrp/{TEI}rdg"]
    for path in paths:
        found = app.find(path)
        if found is not None:
            return found
    return None


def _reading_level(holder: etree._Element | None) -> etree._Element | None:
    for tag in LEVELS:
        found = holder.find(tag) if holder is not None else None
        if found is not None:
            return found
    return None


def _preferred(choice: etree._Element) -> etree._Element | None:
    level = _reading_level(choice)
    if level is not None:
        return level
    children = [c for c in choice if isinstance(c.tag, str)]
    for name in ("corr", "reg", "expan", "seg", "unclear"):
        for child in children:
            if _local(child) == name:
                return child
    return children[0] if children else None


def _split(text: str) -> list[str]:
    text = UNSPACED_MILESTONE.sub("", text)
    return WORD.findall(text.replace(BREAK, " ").replace(MILESTONE, " "))


# -- HTML ------------------------------------------------------------------------------------


def html_words(article: html.HtmlElement) -> tuple[list[str], Counter[tuple[str, ...]]]:
    """The running words of a rendered text and the multiset of its notes' words."""
    for furniture in FURNITURE_TESTS.find(article):
        furniture.drop_tree()
    notes = [
        n
        for n in article.xpath("//*[contains(concat(' ', @class, ' '), ' note-content ')]")
        if not n.xpath("ancestor::*[contains(concat(' ', @class, ' '), ' note-content ')]")
    ]
    note_words: Counter[tuple[str, ...]] = Counter()
    for note in notes:
        note_words[tuple(_split(_html_text(note)))] += 1
    for note in notes:
        note.drop_tree()
    return _split(_html_text(article)), note_words


def _html_text(element: html.HtmlElement) -> str:
    parts: list[str] = []
    _html_walk(element, parts)
    return "".join(parts)


def _html_walk(element: html.HtmlElement, parts: list[str]) -> None:
    if element.tag == "br":
        # a line break: a boundary, except inside a phrase of Chinese or Japanese (MILESTONE)
        parts.append(MILESTONE)
        return
    block = isinstance(element.tag, str) and (
        element.tag in HTML_BLOCKS or "block" in _classes(element)
    )
    if block:
        parts.append(BREAK)
    parts.append(element.text or "")
    if element.tag == "img" and not element.xpath(
        "ancestor::figure[.//*[@class='figDesc']]"
        " | ancestor::*[contains(@class, 'notatedMusic')][.//*[@class='desc']]"
    ):
        # an image's description (graphic/desc) is its alt text; a figure's description or
        # notated music's is its caption (and the image's alt text too)
        parts.append(BREAK + (element.get("alt") or "") + BREAK)
    for child in element:
        if isinstance(child.tag, str):
            _html_walk(child, parts)
        parts.append(child.tail or "")
    if block:
        parts.append(BREAK)


# -- comparison ------------------------------------------------------------------------------


def text_pages(page: Path) -> list[Path]:
    """A text's reading pages: ``page``, or the parts of a long text its contents page lists
    (builders/parts.py), followed by their "next" links."""
    doc = html.document_fromstring(page.read_text(encoding="utf-8"))
    if not doc.xpath("//body[contains(@class, 'contents-page')]"):
        return [page]
    parts: list[Path] = []
    following = doc.xpath("//head/link[@rel='next']/@href")
    while following:
        parts.append(page.parent / str(following[0]))
        doc = html.document_fromstring(parts[-1].read_text(encoding="utf-8"))
        following = doc.xpath("//head/link[@rel='next']/@href")
    return parts


def assert_words_preserved(tei_file: Path, root: etree._Element, page: Path) -> None:
    """The page shows the words of the TEI text in order, none joined or split, and its
    notes' words."""
    # the text, else a documentary transcription (sourceDoc: its pages are the text)
    text = root.find(f"{TEI}text")
    if text is None:
        text = root.find(f"{TEI}sourceDoc")
    assert text is not None, tei_file
    expected, expected_notes = tei_words(text)
    expected_notes.update(_notes_apart(root))
    got: list[str] = []
    got_notes: Counter[tuple[str, ...]] = Counter()
    for part in text_pages(page):
        doc = html.document_fromstring(part.read_text(encoding="utf-8"))
        words, notes = html_words(doc.xpath("//article")[0])
        got.extend(words)
        got_notes.update(notes)
    if got != expected:
        raise AssertionError(
            f"{tei_file.name}: words differ in {page.name}:\n{_diff(expected, got)}"
        )
    missing = expected_notes - got_notes
    extra = got_notes - expected_notes
    assert not missing and not extra, (
        f"{tei_file.name}: note words differ in {page.name}: "
        f"missing {list(missing)[:3]}, unexpected {list(extra)[:3]}"
    )


def _notes_apart(root: etree._Element) -> Counter[tuple[str, ...]]:
    """The words of the notes a standOff keeps in a listAnnotation, which the page shows after
    the text (notes.xsl, r:notes-apart); an empty one is not shown."""
    words: Counter[tuple[str, ...]] = Counter()
    for note in root.iterfind(f"{TEI}standOff//{TEI}listAnnotation//{TEI}note"):
        if any(_local(a) == "note" for a in note.iterancestors()):
            continue
        inner: list[str] = []
        _tei_content(note, inner, [], set(), in_note=True)
        if found := tuple(_split("".join(inner))):
            words[found] += 1
    return words


def _diff(expected: list[str], got: list[str]) -> str:
    """The first differences, with a few words of context (diffing a window after the first
    mismatch only: a whole novel would take SequenceMatcher minutes)."""
    start = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
        min(len(expected), len(got)),
    )
    low = max(0, start - 5)
    window_a, window_b = expected[low : start + 300], got[low : start + 300]
    out = []
    matcher = difflib.SequenceMatcher(None, window_a, window_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        context = " ".join(window_a[max(0, i1 - 5) : i1])
        out.append(
            f"  {tag} after '…{context}': TEI {window_a[i1:i2][:8]} / HTML {window_b[j1:j2][:8]}"
        )
        if len(out) >= 5:
            break
    return "\n".join(out)
