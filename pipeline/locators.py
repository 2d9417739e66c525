"""Stable locators: the ``xml:id`` normalisation gives every element an output links to.

A locator is derived from the structure the element lives in, never from a count over the
whole document, so that an edit changes no anchor outside the part edited (issue 11):

- a division: the id of the division (or part) around it and its ``@n`` when no sibling
  division has the same, else its position among its sibling divisions: ``div-3``,
  ``div-3.2``, ``front-div-1``, ``back-div-2``; a position that is also a sibling's
  ``@n`` is ``pos`` and the position (``div-pos1`` for a prologue before ``div n="1"``);
- a block (``p``, ``ab``, ``head``, ``lg``, ``sp``, ``stage``, ``table``, ``figure``,
  ``list``, ``item``, ``quote``, ``bibl``, ``listBibl``, ``castList``, ``note``, and an
  utterance ``u``, which the index links to as it links to a speech): the id of
  the division or block it stands in, its name and its position among the blocks of that name
  there: ``div-3-p-12``, ``body-p-2``, ``div-1.2-sp-14``, ``div-3-p-12-note-1``; the header
  counts apart (``hdr-p-1``), and so does each other part of the document (``standOff-...``);
- a page break: ``p-<@n>``; ``p-<@n>-<k>`` for the k-th page of a number already used;
  without a number, its position among the unnumbered page breaks of the block or division
  it stands in (``div-3-p-2-pb-1``);
- a surface of a ``sourceDoc`` (a page of a documentary transcription): likewise,
  ``surface-<@n>``, ``surface-<@n>-<k>``, ``surface-<k>``;
- a verse or drama line with ``@n``: ``l-<@n>``, or, when another line of the document has
  that number, in its scope (``div-2-lg-1-l-3``); in a text of a group or a poem
  (``_collection``), under that text's or poem's id (``sonnet-l-10``); the later
  parts of a split line in their scope, the initial part being the line's; a line without
  ``@n``: the id of the line
  group, speech, block or division it stands in and its position among the lines there
  (``div-2-lg-1-l4``), so that a line added to a poem moves only the later lines of its
  stanza. Such a line opens no scope: the names in it are counted in its line group, as they
  were before it had an id, and the page numbers it in the margin from its place (verse.xsl)
  whatever its id says;
- a name or date in the text: the id of its block and its position among the names and dates
  there (``div-3-p-12-m2``); likewise in a note the ``standOff`` keeps (a ``listAnnotation``,
  ``notes_apart``), which the reading page shows after the text: ``n1-m2`` in ``note
  xml:id="n1"``;
- an index entry (``index``, TEI 3.9.2: the place a subject is discussed) of the text that
  stands in no other entry (its nested entries are its sub-entries, at the same place): the id
  of its block and its position among the entries there (``div-3-p-12-ix1``), counted apart
  from the names, so that no name's id moves when an entry is added;
- a name of the manuscript description a catalogue record shows as its text (pipeline/
  records.py; a former owner, a scribe, an author, outside a cited work): likewise, in the
  header's blocks (``hdr-p-4-m1``), and outside one among the header's names outside blocks
  (``hdr-m3``), as a name between a division's blocks is counted in its division. The
  description's dates are not counted (they are not on the timeline).

An element's own ``xml:id`` is kept and the locators of its contents derive from it. A
generated locator that an ``xml:id`` of the document already has gets ``-g``; an id still
repeated (an ``xml:id`` the source repeats, a sibling's ``@n`` equal to another's position)
gets ``-2``, ``-3`` ... from its second occurrence in document order. Numbers and ids that go
into a locator become NCName characters (anything else turns into ``_``).

The walk is here, in Python over the gated lxml tree, and not in the normalisation stylesheet:
the same bookkeeping as a Saxon accumulator (a stack of maps) doubled the stage's time on the
ELTeC novels; ``xslt/stages/normalize.xsl`` receives the list (``locator_param``) and sets it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from lxml import etree

from .gate import xml_ids
from .keyed import PLACE_PARTS
from .records import described_name, shown_descriptions

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_T = f"{{{TEI_NS}}}"

DIVS = frozenset(
    f"{_T}{n}" for n in ("div", "div1", "div2", "div3", "div4", "div5", "div6", "div7")
)
BLOCKS = frozenset(
    f"{_T}{n}"
    for n in (
        "p", "ab", "head", "lg", "sp", "stage", "table", "figure", "list", "item", "quote",
        "bibl", "listBibl", "castList", "note", "u",
    )
)  # fmt: skip
MENTIONS = frozenset(
    f"{_T}{n}"
    for n in (
        *("persName", "placeName", "orgName", "name", "rs", "date", "geogName"),
        *("objectName", "eventName"),
        *PLACE_PARTS,
    )
)
_TEXT, _PB, _L, _TEI = f"{_T}text", f"{_T}pb", f"{_T}l", f"{_T}TEI"
_GROUP = f"{_T}group"
_LG, _SP = f"{_T}lg", f"{_T}sp"
_PARTS = frozenset(f"{_T}{n}" for n in ("front", "body", "back"))
_HEADER, _FLOATING, _BODY = f"{_T}teiHeader", f"{_T}floatingText", f"{_T}body"
_SOURCE, _SURFACE = f"{_T}sourceDoc", f"{_T}surface"
_NOTE = f"{_T}note"
INDEX = f"{_T}index"

_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME = _START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
#: An id the list cannot carry (one line per element): left as the source wrote it.
_UNSAYABLE = re.compile(r"[\n\r]")
#: The same classes for ASCII text, which most ids and numbers are: compiling the Unicode
#: ones took 9 ms of every command's start, before a file was read.
_ASCII_NOT_NAME = re.compile(r"[^A-Za-z0-9_.\-]+")
_ASCII_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")


@functools.cache
def _unicode() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Runs of what no NCName holds, an NCName's first character, a whole NCName."""
    return (
        re.compile(f"[^{_NAME}]+"),
        re.compile(f"[{_START}]"),
        re.compile(f"[{_START}][{_NAME}]*"),
    )


def is_ncname(value: str) -> bool:
    """Whether ``value`` may be an ``xml:id`` (an XML name without a colon)."""
    pattern = _ASCII_NCNAME if value.isascii() else _unicode()[2]
    return pattern.fullmatch(value) is not None


def id_suggestion(value: str) -> str:
    """An XML name to give an ``xml:id`` that is none ("1a": "_1a", "a b": "a_b")."""
    suggestion = token(value).strip("_") or "id1"
    return suggestion if is_ncname(suggestion) else "_" + suggestion


#: What an ``xml:id`` may be, in the words of the messages about one that is no XML name.
ID_RULE = (
    'a letter or "_" first, then letters, digits, ".", "-" or "_"; no spaces, colons or brackets'
)


def token(value: str | None) -> str:
    """``value`` (an ``@n``, an id) as NCName characters; ``""`` when it has none."""
    words = " ".join((value or "").split())
    return (_ASCII_NOT_NAME if words.isascii() else _unicode()[0]).sub("_", words)


def _prefix(value: str) -> str:
    """A token that may begin an NCName (an id written with a leading digit gets ``_``)."""
    cleaned = token(value)
    if not cleaned:
        return cleaned
    first = cleaned[0]
    starts = first.isascii() and (first.isalpha() or first == "_")
    if not first.isascii():
        starts = _unicode()[1].match(first) is not None
    return cleaned if starts else "_" + cleaned


def _join(prefix: str, step: str) -> str:
    return f"{prefix}-{step}" if prefix else step


def notes_apart(root: etree._Element) -> list[etree._Element]:
    """The notes a ``standOff`` keeps (``listAnnotation``, Guidelines 16.10) whose names and
    dates are mentions, as a text's are, in document order: the outermost notes of the
    normalisation stage's pattern (``tei:TEI/tei:standOff//tei:listAnnotation//tei:note//``
    a name), which the reading page and the book show after the text (xslt/common/notes.xsl
    ``r:notes-apart``). That function leaves out a note without words and without an element
    but ``ptr``, ``anchor``, ``pb``, ``lb`` (a placeholder): none of those holds a name, so
    every name of these notes is shown, and the pattern needs no such test."""
    found = root.xpath(
        "descendant-or-self::tei:TEI/tei:standOff//tei:listAnnotation//tei:note",
        namespaces={"tei": TEI_NS},
    )
    notes = {e for e in found if isinstance(e, etree._Element)}
    return [
        e
        for e in found
        if isinstance(e, etree._Element) and not any(a in notes for a in e.iterancestors())
    ]


class _Scope:
    """An open division, block or part: the prefixes of its contents' ids and their counts."""

    __slots__ = ("counts", "divs", "element", "prefix")

    def __init__(self, element: etree._Element | None, prefix: str, divs: str) -> None:
        self.element = element
        #: prefix of the ids of its blocks and names, and of its divisions
        self.prefix = prefix
        self.divs = divs
        self.counts: dict[str, int] = {}

    def count(self, kind: str) -> int:
        k = self.counts.get(kind, 0) + 1
        self.counts[kind] = k
        return k


def is_counted(
    element: etree._Element, in_text: bool, in_source: bool = False, described: bool = False
) -> bool:
    """Whether the normalisation stage's pattern counts ``element`` (normalize.xsl ``ed:n``):
    an element outputs link to, or one that has an ``xml:id``. ``in_text``: inside a ``text``
    or a ``sourceDoc``, or a note of ``notes_apart`` (names and dates count there);
    ``in_source``: inside a ``sourceDoc`` (whose surfaces are the pages of a documentary
    transcription); ``described``: a name of the description a catalogue record shows
    (``described_name``)."""
    tag = element.tag
    return (
        element.get(XML_ID) is not None
        or (in_source and tag == _SURFACE)
        or tag in DIVS
        or tag in BLOCKS
        or tag in (_PB, _L)
        or (in_text and tag in MENTIONS)
        or described
    )


def is_entry(element: etree._Element) -> bool:
    """Whether an ``index`` is an entry of its own, not a sub-entry of another."""
    return not any(a.tag == INDEX for a in element.iterancestors())


def _poem(
    line: etree._Element, poems: frozenset[etree._Element] = frozenset()
) -> etree._Element | None:
    """The text of a group ``line`` is in (an anthology's poem), else the poem of a
    collection it is in (one of ``poems``: ``_collection``), or None."""
    for ancestor in line.iterancestors(_TEXT, _LG):
        if ancestor.tag == _LG:
            if ancestor in poems:
                return ancestor
            continue
        parent = ancestor.getparent()
        return ancestor if parent is not None and parent.tag == _GROUP else None
    return None


#: The kinds of line group that are a poem of their own (as ``r:is-poem-entry`` reads them).
POEM_TYPES = frozenset(
    ("poem", "sonnet", "song", "ballad", "hymn", "ode", "canto", "psalm", "elegy", "epigram")
)


def _collection(root: etree._Element) -> frozenset[etree._Element]:
    """The poems that number their own lines: a line group with an ``xml:id`` of its own,
    outside any other line group and any speech, that holds stanzas or is typed a poem
    (``POEM_TYPES``), and a song or poem inside a speech (its lines numbered from 1 beside
    the play's). Counted in the whole document, a number another poem shares moved a line
    to its scoped id, so that a poem added anywhere could move the lines of every other one,
    and a play's songs moved the play's lines out of ``l-<n>`` (probes 67, 69). A titled
    stanza is no poem."""
    found = []
    for lg in root.iter(_LG):
        kind = (lg.get("type") or "").strip(" \t\r\n").lower()
        ancestors = [a.tag for a in lg.iterancestors()]
        if _LG in ancestors or not any(True for _ in lg.iter(_L)):
            continue
        if _SP in ancestors:
            if kind in POEM_TYPES:
                found.append(lg)
        elif lg.get(XML_ID) and (kind in POEM_TYPES or lg.find(_LG) is not None):
            found.append(lg)
    return frozenset(found)


def _later_part(line: etree._Element) -> bool:
    """Whether ``line`` is a medial or final part of a split line (``part="M"``, ``"F"``),
    which carries its line's number too: the initial part is the line's anchor."""
    return (line.get("part") or "").strip(" \t\r\n").upper() in ("M", "F")


def _n(element: etree._Element) -> str:
    return (element.get("n") or "").strip(" \t\r\n")


class _Walk:
    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.taken = xml_ids(root)
        # line numbers are counted in the text of a group each line is in (an anthology's
        # poems each number their lines), else in the whole document
        self.poems = _collection(root)
        # a split line's later parts repeat its number: the initial part alone counts, and
        # is ``l-<n>`` (probe 67: every part of a shared line was scoped, none ``l-<n>``)
        self.lines = Counter(
            (_poem(e, self.poems), token(_n(e)))
            for e in root.iter(_L)
            if _n(e) and not _later_part(e)
        )
        self.pages: Counter[tuple[str, str]] = Counter()
        self.in_source = False
        self.siblings: dict[etree._Element, Counter[str]] = {}
        self.scopes = [_Scope(None, "", "div-")]

    def free(self, candidate: str) -> str:
        return candidate + "-g" if candidate in self.taken else candidate

    def div_step(self, div: etree._Element, position: int) -> str:
        n = token(div.get("n"))
        parent = div.getparent()
        if parent is None:
            return str(position)
        names = self.siblings.get(parent)
        if names is None:
            names = Counter(token(d.get("n")) for d in parent if d.tag in DIVS)
            self.siblings[parent] = names
        if n and names[n] == 1:
            return n
        # a position that a sibling's own number also gives (an unnumbered prologue before
        # <div n="1">) is marked as a position: the numbered division keeps its number
        return f"pos{position}" if names[str(position)] == 1 else str(position)

    def scope_kind(self, element: etree._Element, in_text: bool) -> str | None:
        """The kind a scope element is counted as, or None when it opens no scope."""
        tag = element.tag
        if tag in DIVS:
            return "div"
        if tag in BLOCKS:
            return str(etree.QName(element).localname)
        if tag == _L:
            return "l" if _n(element) or element.get(XML_ID) is not None else None
        if tag in _PARTS or tag == _HEADER:
            return str(etree.QName(element).localname)
        if tag == _TEXT:
            return "text" if in_text else None
        if tag == _FLOATING:
            return "ft"
        if tag == _SURFACE and self.in_source:
            return "surface"
        parent = element.getparent()
        if parent is not None and parent.tag == _TEI and tag != _TEXT:
            return str(etree.QName(element).localname)
        return None

    def page(self, prefix: str, unnumbered: str, element: etree._Element) -> str:
        """A page break or a surface: by its ``@n`` (``p-7``, ``p-7-2`` for its second use); a
        page break without one by its position among those of the block or division it stands
        in (``div-3-p-2-pb-1``), a surface by its position in the transcription
        (``surface-3``)."""
        n = token(element.get("n"))
        if not n and element.tag == _PB:
            top = self.scopes[-1]
            return _join(top.prefix, f"{unnumbered}-{top.count(unnumbered)}")
        self.pages[(prefix, n)] += 1
        seen = self.pages[(prefix, n)]
        return (
            f"{unnumbered}-{seen}"
            if not n
            else f"{prefix}-{n}"
            if seen == 1
            else f"{prefix}-{n}-{seen}"
        )

    def made(self, element: etree._Element, kind: str | None, k: int) -> str:
        """The locator the structure gives ``element`` (before any xml:id is considered)."""
        top = self.scopes[-1]
        tag = element.tag
        if tag == _PB:
            return self.page("p", "pb", element)
        if tag == _SURFACE:
            return self.page("surface", "surface", element)
        if tag == INDEX:
            return _join(top.prefix, f"ix{top.count('ix')}")
        if kind is None:  # a name or date of the text
            return _join(top.prefix, f"m{top.count('m')}")
        if tag == _HEADER:
            return "hdr"
        if tag in _PARTS:
            return _join(top.prefix, kind)
        if tag == _TEXT:
            return _join(top.prefix, f"text-{k}")
        if tag == _FLOATING:
            return _join(top.prefix, f"ft-{k}")
        if tag in DIVS:
            return top.divs + self.div_step(element, k)
        if tag == _L:
            n = token(_n(element))
            poem = _poem(element, self.poems)
            if self.lines[(poem, n)] > 1 or _later_part(element):
                return _join(top.prefix, f"l-{n}")
            if poem is None:
                return f"l-{n}"
            # a text of a group, a poem of a collection: its own prefix ("rossetti-l-14"), so
            # that another poem's numbers never move it (probe 58: renumbering Macbeth's
            # line 14 turned Rossetti's "rossetti-div-1-lg-4-l-14" into "l-14")
            text = next((c for c in reversed(self.scopes) if c.element is poem), top)
            return _join(text.prefix, f"l-{n}")
        if tag in BLOCKS:
            return _join(top.prefix, f"{kind}-{k}")
        return kind  # another part of the document: standOff, facsimile, sourceDoc ...

    def open(self, element: etree._Element, the_id: str, generated: bool) -> None:
        prefix = the_id if generated else _prefix(the_id)
        tag = element.tag
        if tag in DIVS:
            divs = prefix + "."
        elif tag == _BODY:
            divs = _join(self.scopes[-1].prefix, "div-")
        else:
            divs = prefix + "-div-"
        self.scopes.append(_Scope(element, prefix, divs))


def locators(root: etree._Element) -> list[str]:
    """The id of every element ``is_counted`` selects, in document order (``""``: keep the
    ``xml:id`` it has)."""
    walk = _Walk(root)
    scopes = walk.scopes
    descriptions = shown_descriptions(root)
    found: list[tuple[str, bool]] = []  # (id, whether it is the element's own)
    in_text = 0
    # the notes of a standOff whose names count as a text's, and the one the walk is in
    apart = set(notes_apart(root))
    in_apart: etree._Element | None = None
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "end":
            if scopes[-1].element is element:
                scopes.pop()
            if tag == _TEXT:
                in_text -= 1
            elif tag == _SOURCE:
                walk.in_source = False
            elif element is in_apart:
                in_apart = None
            continue
        if not isinstance(tag, str):
            continue
        if tag == _NOTE and in_apart is None and element in apart:
            in_apart = element
        own = element.get(XML_ID)
        if tag in BLOCKS and own is None:  # the common case, kept short
            top = scopes[-1]
            name = tag[len(_T) :]
            the_id = walk.free(_join(top.prefix, f"{name}-{top.count(name)}"))
            walk.open(element, the_id, True)
            found.append((the_id, False))
            continue
        if tag == _L and own is None and not _n(element):
            # its place among the lines of its scope (counted with the numbered ones, so that
            # numbering one leaves the others); no scope of its own (the docstring says why)
            top = scopes[-1]
            found.append((walk.free(_join(top.prefix, f"l{top.count('l')}")), False))
            continue
        kind = walk.scope_kind(element, in_text > 0)
        inside = in_text > 0 or walk.in_source or in_apart is not None
        described = described_name(element, descriptions)
        entry = tag == INDEX and (in_text > 0 or walk.in_source) and is_entry(element)
        counted = entry or is_counted(element, inside, walk.in_source, described)
        # names, dates, index entries and pages are counted whether they have an id or not
        mention = (inside and tag in MENTIONS) or described or entry
        if tag == _TEXT:
            in_text += 1
        elif tag == _SOURCE:
            walk.in_source = True
        if kind is None and not counted:
            continue
        k = scopes[-1].count(kind) if kind is not None else 0
        made = walk.made(element, kind, k) if kind or mention or tag == _PB else ""
        the_id = own if own is not None else walk.free(made)
        if kind is not None:
            walk.open(element, the_id, own is None)
        if counted:
            found.append((the_id, own is not None))
    return _unique(found)


def _unique(found: list[tuple[str, bool]]) -> list[str]:
    """Every id once: the second and later holders of an id get ``-2``, ``-3`` ..."""
    total = Counter(i for i, _ in found)
    seen: Counter[str] = Counter()
    used = set(total)
    out = []
    for the_id, own in found:
        seen[the_id] += 1
        if own and _UNSAYABLE.search(the_id):
            out.append("")
            continue
        if total[the_id] > 1 and seen[the_id] > 1:
            k = seen[the_id]
            while f"{the_id}-{k}" in used:
                k += 1
            new = f"{the_id}-{k}"
            used.add(new)
            out.append(new)
        else:
            out.append("" if own else the_id)
    return out


def locator_param(root: etree._Element) -> str:
    """The locators as the normalisation stage's ``ids`` parameter: one line per element."""
    return "\n".join(locators(root))
