"""Full-text search of the site: the search page, and the static index Pagefind builds from
the written pages.

The last step of the HTML output (``pipeline.finish``), once every page is in the new
generation's ``html/``: Pagefind (its binary ships in the ``pagefind_bin_extended`` wheel,
else ``pagefind_bin``; no server, nothing fetched) reads the pages, in bundles (``bundles``),
and writes ``html/pagefind/`` — the index fragments, its WebAssembly and ``pagefind.js``,
which ``assets/search.js`` loads on ``search.html``: one Pagefind instance for the index of
each language of each bundle (``html/pagefind/bundle-N/``), each reading the query as its
language does, their results merged by score. What it
indexes is marked in the pages (``xslt/html/modules/shell.xsl``): the ``main`` of reading and
index pages (``data-pagefind-body``) with filters ``text``, ``language`` and ``type``; the
navigation, cards, popovers and citation blocks are left out here (``EXCLUDED``). Any failure
(binary missing, a crash, a time limit) is one diagnostic, ``html.search-index``; the site
is published without search then, and the search page says the index is missing.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..errors import EnvironmentFailure
from ..io import write_text_atomic
from ..publish import link_or_copy, walk
from ..xslt import Layers, ParamValue, engine
from . import pagefind_files
from .pagefind_files import canonicalize

SEARCH_PAGE = "search.html"
#: Pagefind's output folder inside ``OUT/html``.
INDEX_FOLDER = "pagefind"
#: Parts of the indexed pages that are not the text: navigation, name cards, note popovers
#: (their words are the notes', already indexed where they stand), the numbers of the calls
#: of notes and entries and of their ways back, the citation blocks (the printed one too)
#: and "Back to top": the interface's words, which Pagefind would file under the language
#: of a text in another (a German text was found by "Address" and "Cite").
EXCLUDED = (
    ".toc",
    ".to-top",
    ".print-cite",
    ".parts-nav",
    ".entity-cards",
    ".card-button",
    ".note-popovers",
    # the calls of notes and apparatus entries: numbers after a word, which Pagefind read as
    # part of it (probe 91: "virtue2", "1patience" were words of the index); and the numbers
    # the notes and entries lead back by
    ".noteref",
    ".app-ref",
    ".backlink",
    ".app-back",
    ".cite-this",
    ".text-links",
    ".view-switch",
    ".facs-viewer",
    ".places-map",
    # an index page's letters and the headings of its letters: "ش" was found by "شباب"
    # and "م" by every Persian word stemmed to it (probe 102)
    ".index-letters",
    ".index-letter-heading",
)
#: An inline element with an id (a name's or a date's mention, a source's xml:id on a word
#: or a segment) is an anchor to Pagefind, which begins a new word at it: "و<a id=..>إبراهيم"
#: was indexed as "و إبراهيم" (probe 61), "Haus<a id=..>tür" as "Haus tür", so the word as
#: written was found nowhere. Results lead to the blocks' anchors, never to these.
_INLINE = (
    b"a|span|i|em|b|strong|abbr|mark|time|small|sup|sub|q|cite|bdi|bdo|code|var|s|u|del|ins"
    b"|dfn|kbd|samp|data|ruby"
)
_INLINE_ID = re.compile(rb"<(?:" + _INLINE + rb")(?=\s)[^>]*?(\sid=\"[^\"]*\")")
_INLINE_NAMES = frozenset(_INLINE.split(b"|"))
#: What may stand before an element that begins a word: a space, an entity's end.
_WORD_START = frozenset(b" \t\r\n;")


def _goes_on_a_word(data: bytes, start: int) -> bool:
    """Whether the text before ``start`` ends in a word's character, looking back past
    inline tags ("Wein<span class=lb-joined></span><a id=..>berg", "<i>Apfel</i><a id=..>":
    probe 63), not past another (a paragraph's end, a line break)."""
    i = start
    while i > 0:
        if data[i - 1] != ord(">"):
            return data[i - 1] not in _WORD_START
        opening = data.rfind(b"<", 0, i - 1)
        name = re.match(rb"</?([A-Za-z][A-Za-z0-9]*)", data[opening : opening + 12])
        if opening < 0 or name is None or name.group(1).lower() not in _INLINE_NAMES:
            return False
        i = opening
    return False


def _continues_a_word(data: bytes, end: int) -> bool:
    """Whether the text after ``end`` begins with a letter, looking forward past closing
    tags of inline elements and empty ones (a joined line's "<span class=lb-joined></span>":
    "<subst>...</subst><lb break="no"/>ing", probe 103), and past the opening of a run of a
    longer addition, which goes on with the words around it; never into an element with
    words of its own (probe 106: a deletion followed by another was taken for a word's
    start)."""
    i = end
    while i < len(data):
        if data[i] != ord("<"):
            return data[i : i + 4].decode("utf-8", "ignore")[:1].isalnum()
        empty = _EMPTY_AT.match(data, i)
        if empty is not None:
            i = empty.end()
            continue
        if data.startswith(_ADD_SPAN, i):
            i = data.find(b">", i) + 1
            continue
        closing = re.match(rb"</([A-Za-z][A-Za-z0-9]*)>", data[i : i + 16])
        if closing is None or closing.group(1).lower() not in _INLINE_NAMES:
            return False
        i += closing.end()
    return False


#: An empty inline element, right after a place (forward) or right before it (backward).
_EMPTY_AT = re.compile(rb"<(span|a|i|b|em|ins|del)\b[^>]*></\1>")
_EMPTY_BEFORE = re.compile(rb"<(span|a|i|b|em|ins|del)\b[^>]*></\1>\Z")
#: The opening of a run of words of a longer addition (addSpan, delSpan's counterpart): the
#: page wraps each run between the elements inside the span in one, which is no addition
#: of its own (probe 109: "and ha" + subst + ... "-tinction" + del lost their words' halves).
_ADD_SPAN = b'<ins class="add add-span"'
#: The name of the tag that begins at a "<".
_TAG_AT = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]*)")


def _letter_before(data: bytes, at: int) -> bool:
    """Whether a letter stands right before ``at``, looking back past empty inline elements
    (a joined line's span: probe 103), the end of a phrase whose last word may go on
    ("<hi>bolt</hi><subst>"), the start of a phrase the place opens ("<hi><del>"), and a run
    of a longer addition's words; not past the end of a deletion or an addition, whose
    words are their own (probe 106: a deleted word before a deletion counted as its word's
    first half). Each step is one whole tag ending right at the place: probe 109's
    "Elizabeth</span> <i><del>wept" took the "</span>" before the space for the tag before
    the deletion, and "wept" was no word."""
    i = at
    while i > 0 and data[i - 1] == ord(">"):
        empty = _EMPTY_BEFORE.search(data, max(0, i - 300), i)
        if empty is not None:
            i = empty.start()
            continue
        start = data.rfind(b"<", 0, i)
        tag = _TAG_AT.match(data, start) if start >= 0 else None
        if tag is None:
            return False
        name = tag.group(2).lower()
        if name not in _INLINE_NAMES or name in (b"del", b"s"):
            return False
        if name == b"ins" and not (
            data.startswith(_ADD_SPAN, start)
            if not tag.group(1)
            else data.startswith(_ADD_SPAN, max(0, data.rfind(b"<ins ", 0, start)))
        ):
            return False
        if name == b"span" and tag.group(1):
            # the end of a line, page or column break: a word goes on over it only when the
            # break joins it; else the break parts words, and its number ("2", "7"), which
            # the search leaves out, is no letter of one (probe 116: "epsilon<pb n="2"/>
            # <del>zebrathree</del>" lost "zebrathree")
            opening = _span_start(data, start)
            if opening >= 0 and _BREAK_SPAN.match(data, opening):
                if not _JOINED_BREAK.match(data, opening):
                    return False
                i = opening
                continue
            # a sign the search leaves out (a line's number after a joined break): no letter
            if (
                opening >= 0
                and b" data-pagefind-ignore" in data[opening : data.find(b">", opening)]
            ):
                i = opening
                continue
        i = start
    return data[max(0, i - 4) : i].decode("utf-8", "ignore")[-1:].isalnum()


#: The start of a break's span (lb, pb, cb), and of one that joins a word (break="no").
_BREAK_SPAN = re.compile(rb'<span(?: id="[^"]*")? class="(?:lb|pb|cb)[" ]')
_JOINED_BREAK = re.compile(rb'<span(?: id="[^"]*")? class="(?:lb|pb|cb) (?:lb|pb|cb)-joined')
_SPAN_TAG = re.compile(rb"<(/?)span\b")


def _span_start(data: bytes, end: int) -> int:
    """Where the span that the end tag at ``end`` closes begins (-1: not within 4 KB)."""
    depth = 0
    window = max(0, end - 4096)
    for tag in reversed(list(_SPAN_TAG.finditer(data, window, end))):
        if tag.group(1):
            depth += 1
        elif depth == 0:
            return tag.start()
        else:
            depth -= 1
    return -1


#: The second form of an editorial choice, right after the first (an abbreviation after its
#: expansion, an error after its correction, Menota's normalised level after its diplomatic
#: one): each view shows one, the page holds both, and Pagefind read "plurimamplurimã",
#: "dominedñe" as one word, so that neither form was found (probe 65).
_SECOND_FORM = re.compile(
    rb"(?<=</span>|</abbr>)<(?:span|abbr) class=\"(?:sic|orig|abbr|corr|reg|expan"
    rb"|level level-[a-z]+) ed-(?:dipl|read)[\" ]"
)


#: Blocks whose words Pagefind runs into the next ones' (it parts paragraphs, list items,
#: table cells and divisions, not these): a manuscript description's "Place" and "Kraków"
#: were one word, "placekraków" (probe 69), and so were a figure's caption and the text
#: after it. The copy it reads has a space at their edges.
_UNPARTED = rb"dt|dd|figcaption|figure|summary|blockquote|address|caption|legend"
_UNPARTED_EDGE = re.compile(rb"<(?:" + _UNPARTED + rb")(?=[\s>])|</(?:" + _UNPARTED + rb")>")


def _second_form(data: bytes, match: re.Match[bytes]) -> tuple[int, int, bytes]:
    """The edit for the second form of a choice: a space before it, each form a word; in a
    choice inside a word (``choice in-word``: "Wein" + "burg"/"berg"), its source's form
    out of the index instead, which read "Weinburg" and "berg" (probe 69)."""
    opening = data.rfind(b'class="choice', 0, match.start())
    in_word = opening >= 0 and data.startswith(b" in-word", opening + 13)
    if in_word and b" ed-dipl" in match.group():
        at = data.index(b" ", match.start())  # after the tag's name
        return (at, at, b" data-pagefind-ignore")
    # the source's form is out of the text's words (_diplomatic_forms): no space before
    # it, which read "verschlingen ." (probe 169)
    if b" ed-dipl" in match.group():
        return (match.start(), match.start(), b"")
    return (match.start(), match.start(), b" ")


#: An addition right after the deletion it replaces (a ``subst``, or ``del`` and ``add`` side
#: by side): the reading view shows the one, the diplomatic view both, and Pagefind read
#: "preybeseche", "silverpale", so that neither word was found (probe 82).
_ADDITION_AFTER_DELETION = re.compile(rb"</del><ins class=\"add(?:\"| (?!add-span))")
#: The opening of an inline element that holds a deletion and its addition, ending where
#: the deletion starts.
_WRAPPER_BEFORE = re.compile(rb'<span class="(?:subst|mod)[^"]*"[^>]*>\Z')


def _addition(data: bytes, match: re.Match[bytes]) -> list[tuple[int, int, bytes]]:
    """The edits for an addition after its deletion: a space between them, each a word, and
    before the deletion when an addition ends right there ("<del>she</del><add>by</add><del>
    was</del><add>the</add>" was "she bywas the", probe 109); in a word ("recomm<del>a</del>
    <add>e</add>nde"), the deletion out of the index instead, so that the reading view's
    word is found whole."""
    opening = data.rfind(b"<del ", 0, match.start())
    before = opening
    # past the openings of what wraps the pair (a subst, a mod: probe 87, "pleas<mod>
    # <del>ed</del><add>ing</add></mod>" was "pleased ing")
    while (wrapper := _WRAPPER_BEFORE.search(data, max(0, before - 400), before)) is not None:
        before = wrapper.start()
    # a letter before, past empty elements (a line joined inside the word: "felt<lb
    # break="no"/><subst>...", probe 103) and the ends of phrases, not of deletions or
    # additions (probe 106); or a letter after the addition, the word going on
    closing = data.find(b"</ins>", match.end())
    if opening >= 0 and (
        _letter_before(data, before) or (closing >= 0 and _continues_a_word(data, closing + 6))
    ):
        return [(opening + 4, opening + 4, b" data-pagefind-ignore")]
    edits = [(match.start() + 6, match.start() + 6, b" ")]
    if opening >= 0 and data.endswith(b"</ins>", 0, opening):
        edits.append((opening, opening, b" "))
    return edits


#: Letters of scripts written without spaces between words.
_SPACELESS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0002fa1f]"
)
#: A deletion's opening (the diplomatic view's: the reading view leaves it out).
_DELETION = re.compile(rb'<del class="del[" ]')
_TAGS = re.compile(rb"<[^>]*>")


def _lone_deletion(data: bytes, match: re.Match[bytes]) -> list[tuple[int, int, bytes]]:
    """The edit for a deletion no addition follows: out of the index when it is part of a
    word, a letter right before or after it and no space inside ("dis-tinction<del>s</del>
    between" was "dis-tinctions" to the search, the reading view's "dis-tinction" found
    nowhere: probe 109); a deleted word or passage stays a word of its own (probe 106)."""
    end = data.find(b"</del>", match.end())
    if end < 0 or _ADDITION_AFTER_DELETION.match(data, end):
        return []  # none, or an addition follows: _addition's
    inside = data[data.find(b">", match.end()) + 1 : end]
    words = _TAGS.sub(b"", inside).decode("utf-8", "ignore")
    if not words or any(c.isspace() for c in words) or b"<del" in inside:
        return []
    # a script written without spaces (Chinese, Japanese, Thai ...) has no words a deletion
    # could be part of: every deleted passage of it is (probe 116: "我们<del>斑马六</del>去了"
    # lost its deletion)
    if _SPACELESS.search(words):
        return []
    if _letter_before(data, match.start()) or _continues_a_word(data, end + 6):
        return [(match.start() + 4, match.start() + 4, b" data-pagefind-ignore")]
    # a word of its own right after an addition is parted from it (probe 116: "<add>ran
    # </add><del>quickly</del>" read "ranquickly")
    if data.endswith(b"</ins>", 0, match.start()):
        return [(match.start(), match.start(), b" ")]
    return []


#: The furniture of a printed page or a manuscript (running heads, catchwords, signatures),
#: shown in the diplomatic view alone: no words of the text, and between the halves of a
#: word broken over the page ("da¬<fw>... des Hommes</fw><lb break="no"/>mes") Pagefind
#: read "Hommesmes" (probe 100). Out of the index.
_FURNITURE = re.compile(rb"<span(?= class=\"(?:fw|catchwords|signatures) ed-dipl[\" ])")


#: The opening of what only the diplomatic view shows (a deletion, an error, an
#: abbreviation, an original spelling: class ``ed-dipl``), its element's name the group.
_DIPLOMATIC = re.compile(rb'<([a-z][a-z0-9]*)\s[^>]*?\bclass="(?:[^"]* )?ed-dipl[" ][^>]*>')
_VOID = frozenset((b"br", b"img", b"hr", b"wbr"))
#: A sign or number left out of the index inside a diplomatic form ("⟦", a line's number).
_IGNORED_LEAF = re.compile(rb"<(span|a)\b[^>]*\sdata-pagefind-ignore[^>]*>[^<]*</\1>")
_SPACES = re.compile(rb"\s+")


def _element_end(data: bytes, name: bytes, start: int) -> int:
    """Where the element whose start tag ends at ``start`` ends (after its end tag; -1: no
    end tag)."""
    depth = 0
    # (from start, not a copy of the rest: a novel's page has thousands of such forms)
    for tag in _tag_of(name).finditer(data, start):
        if not tag.group(1):
            depth += 1
        elif depth == 0:
            close = data.find(b">", tag.end())
            return -1 if close < 0 else close + 1
        else:
            depth -= 1
    return -1


@functools.cache
def _tag_of(name: bytes) -> re.Pattern[bytes]:
    """A start or end tag of the element ``name``."""
    return re.compile(rb"<(/?)" + name + rb"(?=[\s>/])")


def _diplomatic_forms(
    data: bytes, ignored: set[int]
) -> tuple[list[tuple[int, int, bytes]], list[bytes]]:
    """The edits that leave the diplomatic view's forms out of the text's run of words, and
    those forms, each once (probe 169: the page holds both readings of a choice and a
    subst, and Pagefind read "ich wollte will Ihnen", "verschlingen verschlinngen": a
    phrase of the reading text was not found, and excerpts doubled words). The forms stay
    words of the index apart, at the end of the page's text, so that the source's spelling
    ("verschlinngen", a deleted "wollte") still finds the page (probes 65, 82, 106). A form
    the index leaves out already (inside a word: ``ignored``, the positions after the tag
    names) is not added."""
    edits: list[tuple[int, int, bytes]] = []
    forms: dict[bytes, None] = {}  # (in order, once each)
    inside = -1  # the end of the last form taken out: a form inside it is out with it
    for m in _DIPLOMATIC.finditer(data):
        if m.start() < inside:
            continue
        name = m.group(1)
        at = m.start() + 1 + len(name)
        end = m.end() if name in _VOID else _element_end(data, name, m.end())
        if end < 0:
            continue
        inside = end
        if b"data-pagefind-ignore" in m.group() or at in ignored:
            continue
        edits.append((at, at, b" data-pagefind-ignore"))
        words = _TAGS.sub(b"", _IGNORED_LEAF.sub(b" ", data[m.end() : end]))
        form = _SPACES.sub(b" ", words).strip()
        # (a sign alone, a change of hand's "¦", is no word)
        if any(c.isalnum() for c in form.decode("utf-8", "ignore")):
            forms[form] = None
    return edits, list(forms)


def stage_for_search(page: Path, target: Path) -> bool:
    """Write at ``target`` the page as Pagefind is to read it, if it differs from ``page``:
    without the ids of inline elements that continue a word (a letter before them), which
    Pagefind would split the word at, with a space between the two forms of an editorial
    choice, each a word of its own view, and between a deletion and the addition replacing
    it, and at the edges of the blocks it does not part; without the page's furniture;
    the diplomatic view's forms out of the text's words, and after them, once each.
    False, and nothing written, when there is nothing to change (the page is then linked as
    it is)."""
    data = page.read_bytes()
    edits = [
        (*m.span(1), b"") for m in _INLINE_ID.finditer(data) if _goes_on_a_word(data, m.start())
    ]
    edits.extend(_second_form(data, m) for m in _SECOND_FORM.finditer(data))
    edits.extend(e for m in _ADDITION_AFTER_DELETION.finditer(data) for e in _addition(data, m))
    edits.extend(e for m in _DELETION.finditer(data) for e in _lone_deletion(data, m))
    edits.extend((m.end(), m.end(), b" data-pagefind-ignore") for m in _FURNITURE.finditer(data))
    ignored = {start for start, _, text in edits if text == b" data-pagefind-ignore"}
    forms_edits, forms = _diplomatic_forms(data, ignored)
    edits.extend(forms_edits)
    main_end = data.rfind(b"</main>")
    if forms and main_end >= 0:
        edits.append((main_end, main_end, b"<p>" + b" ".join(forms) + b"</p>"))
    # before a start tag, after an end tag ("/" is 47)
    edits.extend(
        (m.end(), m.end(), b" ") if m.group()[1] == 47 else (m.start(), m.start(), b" ")
        for m in _UNPARTED_EDGE.finditer(data)
    )
    if not edits:
        return False
    parts: list[bytes] = []
    last = 0
    for start, end, replacement in sorted(edits):
        parts.extend((data[last:start], replacement))
        last = end
    parts.append(data[last:])
    target.write_bytes(b"".join(parts))
    return True


#: Seconds Pagefind may take before the build gives up on the search index.
TIME_LIMIT = 600.0
_ORIGIN = "html"


def write_search_page(
    params: Mapping[str, ParamValue], staging: Path, custom: Layers | None = None
) -> list[Diagnostic]:
    """``search.html``: the search form, its results (by script) and, without script, why it
    cannot search and the index pages to browse instead (in the edition's customised shell)."""
    from .html import messages_to_diagnostics

    sheet = engine().stylesheet("html/search", custom)
    result = sheet.transform("<search/>", {**params, "page": SEARCH_PAGE})
    write_text_atomic(staging / SEARCH_PAGE, result.output)
    return messages_to_diagnostics(result.messages, "-")


#: Pagefind's wheels, the one preferred first: the extended binary segments Chinese and
#: Japanese text into words (the plain one indexes a run of such characters as one word).
WHEELS = ("pagefind_bin_extended", "pagefind_bin")


@functools.cache
def pagefind_executable() -> tuple[str, Path] | None:
    """The installed Pagefind: its wheel's name and its binary, or None (looked up once)."""
    import importlib

    for wheel in WHEELS:
        try:
            executable: Path = importlib.import_module(wheel).get_executable()
        except (ImportError, AttributeError, OSError):  # FileNotFoundError: a broken wheel
            continue
        return wheel, executable
    return None


def pagefind_command(site: Path) -> list[str] | None:
    """The command that indexes ``site``, or None when Pagefind is not installed."""
    found = pagefind_executable()
    if found is None:
        return None
    return [
        str(found[1]),
        "--site",
        str(site),
        "--output-subdir",
        INDEX_FOLDER,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
    ]


#: HTML bytes per search bundle. Pagefind holds a bundle's pages in memory while it indexes
#: them (3.4 GB for the 99 ELTeC novels as one bundle) and cannot update a bundle, so the
#: site is indexed in bundles of about this size, each by its own Pagefind (two at a time),
#: and the search page merges them (``assets/html/search.js``, ``pagefind.mergeIndex``). A
#: page's bundle follows from its name, so an edited page re-indexes its bundle alone, at
#: about 0.25 s a MB: 3 MB is most of a second of a one-paragraph rebuild. The 99 ELTeC
#: novels make 40 bundles; their search page answered as fast as with 30 (4 MB), and half a
#: second slower with 48 or 60 (Chromium, docs/benchmarks.md).
BUNDLE_BYTES = 3_000_000
#: Every bundle with the languages of its indexes, listed for the search page inside the first
#: one (``bundle_languages``).
BUNDLES_FILE = "bundles.json"
_BUNDLE_PREFIX = "bundle-"


@dataclass(frozen=True)
class Bundle:
    """Pages indexed together: the first bundle's folder is ``pagefind``, the others'
    ``pagefind/bundle-N``."""

    folder: str
    pages: tuple[str, ...]
    count: int  # how many buckets the site's pages were shared among
    #: sha256 of each page's bytes, in the order of ``pages``
    digests: tuple[str, ...] = ()


#: What marks a page Pagefind indexes (``xslt/html/modules/shell.xsl``); once one page has
#: it, Pagefind ignores the others (home, about, search), so they stay out of the bundles:
#: a changed download size on the home page re-indexes nothing.
BODY_MARK = b"data-pagefind-body"


#: What a build knows of a page from the last build (``pipeline.finish``): given its name
#: and lstat, its sha256 ("" for a page Pagefind does not index), or None to read it.
Known = Callable[[str, os.stat_result], "str | None"]


def pages(site: Path, known: Known | None = None) -> list[tuple[str, int, str]]:
    """Every page of ``site`` (``pagefind/`` left out) with its size and, when Pagefind
    indexes it, its sha256 (else "")."""
    found: list[tuple[str, int, str]] = []
    for key, info in walk(site.parent, site.name):  # sorted by name
        name = key.partition("/")[2]
        indexed = name.endswith(".html") and not name.startswith(INDEX_FOLDER + "/")
        if not (indexed and stat.S_ISREG(info.st_mode)):
            continue
        digest = known(name, info) if known is not None else None
        if digest is None:  # a page written by this build: read (the others: 120 MB, 0.2 s)
            data = (site / name).read_bytes()
            digest = hashlib.sha256(data).hexdigest() if BODY_MARK in data else ""
        found.append((name, info.st_size, digest))
    return found


def bundles(found: list[tuple[str, int, str]]) -> list[Bundle]:
    """The indexed ones of the ``pages`` found shared among bundles by name."""
    count = max(1, -(-sum(size for _, size, digest in found if digest) // BUNDLE_BYTES))
    buckets: dict[int, list[tuple[str, str]]] = {}
    for name, _, digest in found:
        if digest:
            bucket = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % count
            buckets.setdefault(bucket, []).append((name, digest))
    plan = []
    for n, bucket in enumerate(sorted(buckets)):
        folder = INDEX_FOLDER if n == 0 else f"{INDEX_FOLDER}/{_BUNDLE_PREFIX}{bucket}"
        held = buckets[bucket]
        plan.append(Bundle(folder, tuple(p for p, _ in held), count, tuple(d for _, d in held)))
    return plan


class Reuse(Protocol):
    """Bundles the previous build indexed: whether one can be taken over (cheap: its key),
    taking it over (linking its files into the new site), and for a bundle indexed again,
    the files of its folder's last index that Pagefind need not write again (``seeds``)."""

    def can(self, bundle: Bundle) -> bool: ...

    def take(self, bundle: Bundle) -> bool: ...

    def seeds(self, bundle: Bundle) -> Mapping[str, str]:
        """The last build's files of the bundle's folder that Pagefind would write the same,
        by name inside Pagefind's output (``fragment/...``, ``index/...``): only those of
        ``pagefind_files.IMMUTABLE``, as the last build wrote them, by the same Pagefind."""
        ...


class Indexing:
    """Pagefind at work on a site's bundles, in a thread of its own, while the build writes
    the pages no bundle holds (the home and about pages, the zip): ``start``, then
    ``finish`` (or ``stop`` on an interrupt, which kills the Pagefind processes)."""

    def __init__(
        self,
        site: Path,
        plan: list[Bundle],
        todo: list[Bundle],
        limit: float,
        reuse: Reuse | None = None,
    ) -> None:
        self.site, self.plan, self.todo = site, plan, todo
        self._reuse = reuse
        #: The pages Pagefind does not index (known after ``start``).
        self.unindexed: list[str] = []
        self._limit = limit
        self._running: set[subprocess.Popen[str]] = set()
        self._lock = threading.Lock()
        self._stopped = False
        self._pool = ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1, 2)))
        self._futures = [self._pool.submit(self._index_bundle, b) for b in todo]

    @classmethod
    def start(
        cls,
        site: Path,
        time_limit: float = TIME_LIMIT,
        reuse: Reuse | None = None,
        known: Known | None = None,
    ) -> Indexing:
        """Begin indexing the written pages of ``site``; ``reuse`` may take a bundle over
        from the previous build instead (called here, in the caller's thread). Pagefind is
        at work on the other bundles before the bundles taken over are linked: linking an
        unchanged bundle's thousands of files took half a second of a one-page rebuild."""
        found = pages(site, known)
        plan = bundles(found)
        kept = [b for b in plan if reuse.can(b)] if reuse is not None else []
        indexing = cls(site, plan, [b for b in plan if b not in kept], time_limit, reuse)
        indexing.unindexed = [name for name, _, digest in found if not digest]
        if reuse is None:
            return indexing
        try:
            for bundle in kept:
                if not reuse.take(bundle):  # its files went missing meanwhile
                    indexing.add(bundle)
        except BaseException:
            indexing.stop()
            raise
        return indexing

    def add(self, bundle: Bundle) -> None:
        """Index one more bundle."""
        self.todo = [*self.todo, bundle]
        self._futures.append(self._pool.submit(self._index_bundle, bundle))

    def finish(self, made: Callable[[Bundle], None] | None = None) -> list[Diagnostic]:
        """Wait for Pagefind; the first problem, or none (``made`` hears of each bundle
        indexed). An exception of a bundle's task (a full disk) is raised here."""
        try:
            results = [future.result() for future in self._futures]
        finally:
            self.stop()
        problems = [p for found in results for p in found]
        if problems:
            _no_room(self.site)
            return problems[:1]
        if not self.plan:
            # no page to search (an edition of registers alone, its last text deleted while
            # serving): no index, and no error (probe 98: "Pagefind wrote no pagefind.js",
            # exit 1); the search page says the index cannot be loaded
            return []
        if not (self.site / INDEX_FOLDER / "pagefind.js").is_file():
            _no_room(self.site)
            return [_problem("Pagefind wrote no pagefind.js")]
        try:
            listed = json.dumps(
                [
                    {"folder": _listed_folder(b), "languages": bundle_languages(self.site, b)}
                    for b in self.plan
                ],
                ensure_ascii=False,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            _no_room(self.site)
            return [_problem(f"Pagefind's entry file could not be read ({exc})")]
        write_text_atomic(self.site / INDEX_FOLDER / BUNDLES_FILE, listed + "\n")
        for bundle in self.todo:
            if made is not None:
                made(bundle)
        return []

    def stop(self) -> None:
        """Kill what still runs and wait for the threads (at once: nothing is left behind)."""
        with self._lock:
            self._stopped = True
            for process in self._running:
                process.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _index_bundle(self, bundle: Bundle) -> list[Diagnostic]:
        """Pagefind over the bundle's pages (linked into a scratch site beside the site),
        its output moved to ``site/<bundle.folder>``."""
        site = self.site
        with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as scratch:
            root = Path(scratch)
            for name in bundle.pages:
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                if not stage_for_search(site / name, root / name):
                    link_or_copy(site / name, root / name)
            written = root / INDEX_FOLDER
            seeded, problem = self._run_seeded(root, bundle)
            if not seeded:
                problem = self._run(root)
            # Asked here, while the scratch site still fills the disk: asked once it was
            # removed, the disk had room again, and a site whose index Pagefind had written
            # as empty files was published (probe 173, a full tmpfs)
            if problem is not None:
                _no_room(site)
                return [problem]
            empty = _empty_files(written)
            if empty:
                _no_room(site)
                return [_problem(f"Pagefind wrote {empty} empty files (the disk full?)")]
            found: list[Diagnostic] = []
            try:
                canonicalize(written)
            except (ValueError, KeyError, IndexError, TypeError, OSError) as exc:
                found.append(
                    diag.warning(
                        "-",
                        "html.search-index",
                        f"the search index works but could not be made reproducible ({exc}): "
                        "two builds of the same pages may differ in html/pagefind/",
                        origin=_ORIGIN,
                    )
                )
            target = site / bundle.folder
            target.mkdir(parents=True, exist_ok=True)
            for entry in sorted(written.iterdir()):
                os.replace(entry, target / entry.name)
            return [f for f in found if f.severity is diag.Severity.ERROR]

    def _run_seeded(self, root: Path, bundle: Bundle) -> tuple[bool, Diagnostic | None]:
        """Pagefind over ``root`` with the last index of the bundle's folder copied into its
        output first: it skips the fragments and index chunks already there (gzip at its best
        level: a third of a one-page rebuild's indexing), and those of changed pages are
        pruned after. Copied, not linked (20-70 ms for a 3 MB bundle, against 2-5 ms): a
        Pagefind that wrote such a file again would write through a link into the published
        edition.
        Whether it ran, and its problem if any: it does not run when there is nothing to
        seed, and counts as not run when its output could not be pruned (the output is
        removed then, and the caller runs Pagefind afresh)."""
        seeds = self._reuse.seeds(bundle) if self._reuse is not None else {}
        if not seeds:
            return False, None
        written = root / INDEX_FOLDER
        for name, old in seeds.items():
            target = written / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copyfile(old, target)
            except FileNotFoundError:  # gone since it was listed: Pagefind writes it
                continue
        problem = self._run(root)
        if problem is not None:
            return True, problem
        try:
            pagefind_files.prune(written)
        except (ValueError, KeyError, TypeError, IndexError, OSError):
            shutil.rmtree(written)
            return False, None
        return True, None

    def _run(self, root: Path) -> Diagnostic | None:
        """Pagefind over the scratch site ``root``; what went wrong, if anything."""
        command = pagefind_command(root)
        assert command is not None
        # No colour codes, no update check: its output is read only when it fails.
        env = {**os.environ, "NO_COLOR": "1"}
        with self._lock:
            if self._stopped:
                return _problem("the search index was abandoned")
            try:
                process = subprocess.Popen(
                    command,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    stdin=subprocess.DEVNULL,
                    text=True,
                    errors="replace",
                    env=env,
                )
            except OSError as exc:
                return _problem(f"Pagefind could not be started ({exc.strerror or exc})")
            self._running.add(process)
        try:
            out, err = process.communicate(timeout=self._limit)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return _problem(f"Pagefind took longer than {self._limit:.0f} s and was stopped")
        finally:
            with self._lock:
                self._running.discard(process)
        if process.returncode == -signal.SIGXFSZ:
            # the machine refused a write (ulimit -f): nothing is published, as for the
            # pages (probe 119: the site was published without its search index)
            large = OSError(errno.EFBIG, os.strerror(errno.EFBIG))
            raise EnvironmentFailure.of(large, "write", root / INDEX_FOLDER)
        if process.returncode != 0 or not (root / INDEX_FOLDER / "pagefind.js").is_file():
            said = " ".join((err or out or "").split())
            if len(said) > 400:  # its last words, whole ("utput:" was a word's end)
                said = "… " + said[-400:].partition(" ")[2]
            status = (
                f"stopped by {signal.Signals(-process.returncode).name}"
                if process.returncode < 0 and -process.returncode in signal.valid_signals()
                else f"exit status {process.returncode}"
            )
            return _problem(f"Pagefind failed ({status}): {said or 'no output'}")
        return None


#: Less room than this on the site's disk when Pagefind's index is found wanting: the disk
#: filled as Pagefind wrote.
NO_ROOM = 1 << 20


def _no_room(site: Path) -> None:
    """Raise a full disk (``env.disk-full``) when the site's disk has no room left.

    Pagefind that meets a full disk may say nothing: on a full tmpfs it wrote its entry file
    empty and exited 0, and the build published the new pages with an index the search page
    could not load, where a full disk publishes nothing (README, "The machine")."""
    try:
        free = shutil.disk_usage(site).free
    except OSError:
        return
    if free < NO_ROOM:
        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        raise EnvironmentFailure.of(full, "write", site / INDEX_FOLDER)


def _empty_files(folder: Path) -> int:
    """How many files under ``folder`` hold nothing: none of Pagefind's does (its entry file
    is JSON, its fragments gzip), except where a write failed."""
    empty = 0
    for base, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                empty += os.stat(os.path.join(base, name)).st_size == 0
    return empty


def bundle_languages(site: Path, bundle: Bundle) -> dict[str, int]:
    """The languages of a bundle's index with their numbers of pages, in the order of
    Pagefind's entry file, as ``BUNDLES_FILE`` lists them for the search page. Pagefind
    splits a bundle's index by the pages' ``html/@lang`` (a reading page's is its text's)
    and its script loads the index of the search page's language alone:
    ``assets/html/search.js`` merges the others, and tells from the numbers which one
    Pagefind loaded."""
    entry = json.loads((site / bundle.folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {code: int(index["page_count"]) for code, index in entry["languages"].items()}


def _listed_folder(bundle: Bundle) -> str:
    """The bundle's folder inside ``pagefind/`` as the search page names it: "" for the
    first, ``bundle-N/``."""
    inside = bundle.folder.removeprefix(INDEX_FOLDER).lstrip("/")
    return inside + "/" if inside else ""


def index_site(
    site: Path,
    time_limit: float = TIME_LIMIT,
    reuse: Reuse | None = None,
    made: Callable[[Bundle], None] | None = None,
) -> list[Diagnostic]:
    """Run Pagefind over the written site, bundle by bundle, and wait for it (``reuse`` and
    ``made`` as for ``Indexing``); a failure is a diagnostic, never an exception."""
    missing = not_installed()
    if missing:
        return missing
    return Indexing.start(site, time_limit, reuse).finish(made)


def not_installed() -> list[Diagnostic]:
    """The diagnostic of a machine without Pagefind; none when it is there."""
    if pagefind_command(Path(".")) is not None:
        return []
    return [
        _problem(
            "Pagefind is not installed (pip install 'pagefind[extended]'): the site has no search "
            "index, and its search page says so"
        )
    ]


def bundle_digest(bundle: Bundle) -> str:
    """What Pagefind reads for a bundle, by content: the names and bytes of its pages, the
    excluded selectors, the number of buckets and Pagefind's version. An incremental build
    takes the previous bundle over when this is the same (``pipeline.finish``)."""
    pagefind = pagefind_version()
    digest = hashlib.sha256(f"{pagefind}\0{EXCLUDED}\0{bundle.count}\0{bundle.folder}\0".encode())
    for name, page in zip(bundle.pages, bundle.digests, strict=True):
        digest.update(name.encode("utf-8") + b"\0" + bytes.fromhex(page))
    return digest.hexdigest()


@functools.cache
def pagefind_version() -> str:
    """The installed Pagefind's wheel and version ("pagefind_bin_extended 1.5.2"), "" when
    there is none (asked once: looking it up reads the installed packages' metadata, 1.5 ms a
    bundle). The wheel is part of it: the extended binary indexes Chinese and Japanese
    otherwise, so a bundle indexed by the other is not taken over."""
    from importlib.metadata import PackageNotFoundError, version

    found = pagefind_executable()
    if found is None:
        return ""
    try:
        return f"{found[0]} {version(found[0])}"
    except PackageNotFoundError:
        return ""


def bundle_files(site: Path) -> dict[str, list[str]]:
    """The files of each bundle inside ``site`` (``pagefind/...``) by the bundle's folder,
    sorted: the first bundle's without the others' folders and the list of them."""
    return grouped(key for key, info in walk(site, INDEX_FOLDER) if stat.S_ISREG(info.st_mode))


def grouped(keys: Iterable[str]) -> dict[str, list[str]]:
    """Files of the search index (``pagefind/...``, relative to the site) by the folder of
    their bundle, sorted; the list of bundles is none's."""
    found: dict[str, list[str]] = {}
    prefix = f"{INDEX_FOLDER}/{_BUNDLE_PREFIX}"
    for key in sorted(keys):
        if not key.startswith(INDEX_FOLDER + "/") or key == f"{INDEX_FOLDER}/{BUNDLES_FILE}":
            continue
        folder = INDEX_FOLDER
        if key.startswith(prefix):
            folder = INDEX_FOLDER + "/" + key[len(INDEX_FOLDER) + 1 :].partition("/")[0]
        found.setdefault(folder, []).append(key)
    return found


def index_files(site: Path) -> list[str]:
    """The files of the search index inside ``site`` (``pagefind/...``), sorted."""
    folder = site / INDEX_FOLDER
    return sorted(p.relative_to(site).as_posix() for p in folder.rglob("*") if p.is_file())


def _problem(message: str) -> Diagnostic:
    return diag.error(
        "-", "html.search-index", message + "; the rest of the site is published", origin=_ORIGIN
    )
