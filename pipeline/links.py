"""Links between texts: which relative links of a text lead to a page the edition publishes.

A ``ref`` or ``ptr`` may point at another file of the corpus (``letter-2.xml#p3``), at a file
the edition does not publish (``scan.pdf``, ``../other-edition/K_3219``) or, as many editions
write it, at an element of its own document by its bare id (``K_3219`` with no ``#``).

Runs in two places. While a source is read (``sources.facts_of``), ``pointers`` notes the
first target of each such pointer that names a file (not ``#id``, not a web address, not a
bare id of the document) with its line. In the parent, once every text and its published
name are known, ``resolve`` maps each target to the page of the text it names, if that text
is published by this build, and warns (``build.unresolved-link``, at the pointer's line) for
the others. The map is the ``linked-files`` parameter of the text's page and book (``r:href``
in xslt/common/base.xsl), which shows an unresolved pointer's words without a link, so that no
page links to a file that is not there; it names each text's title too, which a ``ptr`` (a
pointer without words) shows, on the page and in the book alike. The map is part of the
page's cache key: a page is made again when a text it links to appears or goes, and the
warnings are said by every build.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol
from urllib.parse import quote, unquote

from lxml import etree

from . import columns
from . import diagnostics as diag
from .active_content import runs_script, script_scheme
from .diagnostics import Diagnostic
from .gate import TEI_NS
from .locators import MENTIONS
from .prefixes import Prefixes
from .xml_base import XML_BASE

_ORIGIN = "build"
_POINTERS = (f"{{{TEI_NS}}}ref", f"{{{TEI_NS}}}ptr")
#: A scheme (``https:``, ``urn:``, ``javascript:``) or a network path: not a file of the corpus.
_ABSOLUTE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:|//)")
#: What r:target-href takes for a bare id: a name, not a file with a page's extension.
_BARE_ID = re.compile(r"^[^\W\d][\w.-]*$")
_PAGE_SUFFIX = re.compile(r"\.(xml|x?html?)$")
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: A pointer r:pointed-entry reads as naming a register entry: an XML file and an id.
_ENTRY_FILE = re.compile(r"^[^#:]+\.xml#.")


class Placer(Protocol):
    """Where an element was written: ``SourceDocument.element_place``."""

    def __call__(self, element: etree._Element, /) -> tuple[int | None, int | None]: ...


class Pointers(NamedTuple):
    """What a document's ``ref`` and ``ptr`` point at, from one walk over them."""

    #: The first target of each that names a file, with its line (``resolve``).
    files: tuple[tuple[str, int], ...]
    #: The ids their first targets name with ``#`` (``#ev1``, ``persons.xml#ada``): register
    #: entries among them are used (``sources.used_ids``, ``r:pointed-entry``).
    ids: frozenset[str]
    #: The first pointer of each name's ``@ref`` that names an XML file (``works.xml#w1``),
    #: with its line: a name at an element of another text leads to its page (``resolve``).
    names: tuple[tuple[str, int], ...] = ()


def pointers(root: etree._Element) -> Pointers:
    """The targets of every ``ref``/``ptr`` of the document that name a file, and the ids
    they name."""
    ids: set[str] | None = None
    files: list[tuple[str, int]] = []
    based: list[tuple[str, int]] = []  # a letter's neighbours under a web xml:base
    named: set[str] = set()
    # an abbreviated pointer (target="psn:0002") is the pointer its header's prefixDef
    # expands it to (Guidelines 16.2.3), as ed:expand reads it for the page (probe 37)
    prefixes = Prefixes.of(root)
    for element in root.iter(_POINTERS):
        tokens = [prefixes.expand(t) for t in (element.get("target") or "").split()]
        if not tokens or _ABSOLUTE.match(tokens[0]) or runs_script(element.get("target") or ""):
            continue  # a web address, or one that runs a script (unsafe_links tells it)
        token = tokens[0]
        fragment = token.partition("#")[2]
        if fragment:
            named.add(fragment)
        if token.startswith("#"):
            continue
        if _BARE_ID.match(token) and not _PAGE_SUFFIX.search(token):
            if ids is None:
                ids = {str(v) for v in root.iter() if isinstance(v.tag, str)
                       for v in [v.get(_XML_ID)] if v}  # fmt: skip
            if token in ids:
                continue
        if _web_based(element):
            based.append((token, element.sourceline or 0))
            continue
        files.append((token, element.sourceline or 0))
    names = _name_files(root, prefixes) + _part_files(root, prefixes) + tuple(based)
    return Pointers(tuple(files), frozenset(named), names)


_CONTEXT = f"{{{TEI_NS}}}correspContext"


def _web_based(element: etree._Element) -> bool:
    """Whether a letter's pointer to another letter (``correspContext``) stands under an
    ``xml:base`` that is a web address: the page links a letter this edition does not
    publish at that address (r:neighbour, xslt/common/correspondence.xsl), so it is mapped
    when the edition publishes it and never warned of (probe 170: the Schnitzler letters'
    previous and next letters were told "shown without a link", and linked)."""
    parent = element.getparent()
    if parent is None or parent.tag != _CONTEXT:
        return False
    for holder in (element, *element.iterancestors()):
        base = (holder.get(XML_BASE) or "").strip()
        if _ABSOLUTE.match(base):  # the first address outward decides (relative ones join it)
            return bool(re.match(r"(?i)https?://", base))
    return False


_LINKED = (f"{{{TEI_NS}}}ref", f"{{{TEI_NS}}}ptr", f"{{{TEI_NS}}}graphic")


def unsafe_links(root: etree._Element, place: Placer, shown: str) -> list[Diagnostic]:
    """A warning for each ``ref``/``ptr`` target and ``graphic`` address that would run a
    script (``javascript:``, ``data:``): the pages and books leave them unlinked, and said
    nothing of it (probe 83)."""
    found = []
    prefixes = Prefixes.of(root)
    linked = [(e, "url" if e.tag.endswith("}graphic") else "target") for e in root.iter(_LINKED)]
    # an image a page or a zone shows (@facs: probe 173, a pb's javascript: was left unlinked
    # without a word)
    linked += [(e, "facs") for e in root.iter(etree.Element) if e.get("facs") is not None]
    for element, attribute in linked:
        value = element.get(attribute) or ""
        first = (value.split() or [""])[0]
        scheme = script_scheme(value)
        # a prefix the header declares ("data:set42" for https://example.org/data/set42) is
        # the address it stands for, which the page links (probe 87)
        if scheme is None or prefixes.expand(first) != first:
            continue
        line, column = place(element)
        shown_value = value[:60].encode("unicode_escape").decode("ascii")
        why = (
            "a file written into the address, which a browser opens as a page of the site"
            if scheme == "data"
            else "it runs a script in the reader's browser"
        )
        found.append(
            diag.warning(
                shown,
                "build.unsafe-link",
                f'@{attribute}="{shown_value}" on <{etree.QName(element).localname}> is a '
                f"{scheme}: address, which the edition never links ({why}); point at a web "
                "page, a file or an id instead",
                line or 0,
                columns.attribute_column(shown, line, attribute, value) or column,
                origin=_ORIGIN,
            )
        )
    return found


def pointed_ids(root: etree._Element) -> set[str]:
    """Every id the document's pointer attributes name with "#" (a relation's ``@active``, a
    note's ``@target``, a header's ``@corresp``), abbreviated pointers expanded: an entry one
    of them names is used, as ``edition check`` counts it (``references.POINTER_ATTRIBUTES``;
    probe 79: an entry named only in a ``relation`` was used for the check, never mentioned
    for the build)."""
    from .validate.references import POINTER_ATTRIBUTES

    attributes = frozenset(POINTER_ATTRIBUTES)
    prefixes = Prefixes.of(root)
    found: set[str] = set()
    for element in root.iter(etree.Element):
        for name, value in element.items():
            if name in attributes and ("#" in value or ":" in value):
                for token in value.split():
                    fragment = prefixes.expand(token).partition("#")[2]
                    if fragment:
                        found.add(fragment)
    return found


def _name_files(root: etree._Element, prefixes: Prefixes) -> tuple[tuple[str, int], ...]:
    """The first pointer into each XML file of the corpus that names' ``@ref`` point into:
    one a file, as the map needs (thousands of names point at one register file)."""
    found: dict[str, tuple[str, int]] = {}
    for element in root.iter(MENTIONS):
        tokens = (element.get("ref") or "").split()
        token = prefixes.expand(tokens[0]) if tokens else ""
        if _ENTRY_FILE.match(token) and not _ABSOLUTE.match(token):
            found.setdefault(file_part(token), (token, element.sourceline or 0))
    return tuple(found.values())


#: The divisions whose other parts (``@prev``, ``@next``) the page links (r:continued,
#: xslt/common/structure.xsl).
_DIVISIONS = tuple(f"{{{TEI_NS}}}{n}" for n in ("div", *(f"div{i}" for i in range(1, 8))))


def _part_files(root: etree._Element, prefixes: Prefixes) -> tuple[tuple[str, int], ...]:
    """The first pointer into each XML file that the other part of a division is in (an
    article continued in the next issue: ``next="issue-13.xml#art4"``), mapped as names'
    are, never warned of: a part in a text the edition does not publish is not linked."""
    found: dict[str, tuple[str, int]] = {}
    for element in root.iter(_DIVISIONS):
        for name in ("prev", "next"):
            tokens = (element.get(name) or "").split()
            token = prefixes.expand(tokens[0]) if tokens else ""
            if _ENTRY_FILE.match(token) and not _ABSOLUTE.match(token):
                found.setdefault(file_part(token), (token, element.sourceline or 0))
    return tuple(found.values())


def file_part(token: str) -> str:
    """The file a target names, as written (``letter-2.xml#p3`` -> ``letter-2.xml``)."""
    return token.partition("#")[0]


class Published(NamedTuple):
    """A text the build publishes, as a link to it needs it."""

    page: str
    title: str


def resolve(
    path: Path,
    display: str,
    targets: Sequence[tuple[str, int]],
    pages: dict[Path, Published],
    ids: Mapping[str, Published] | None = None,
    entries: Collection[str] = (),
    names: Sequence[tuple[str, int]] = (),
    bibliographies: Collection[Path] = (),
    images: Mapping[Path, str] | None = None,
) -> tuple[str, list[Diagnostic]]:
    """The ``linked-files`` parameter of the text at ``path`` and a warning for each target
    that names no published text. ``pages``: each published text's resolved path -> its page
    and title; ``ids``: each published text's ``TEI/@xml:id`` -> the same, for a bare id
    that names another text of the edition (the Schnitzler letters' correspContext,
    ``target="L00037"``: the letter ``L00037.xml`` whose root is ``xml:id="L00037"``,
    published as ``schnitzler-L00037.html``; probe 24), as r:text-of reads such a pointer.
    A target ``file.xml#id`` whose id is one of ``entries`` (a register entry) leads to the
    entry's index page (``r:pointed-entry``) and needs no line; it is never warned of.
    ``names``: the files names' ``@ref`` point into (``Pointers.names``), mapped alike when
    they are published texts and never warned of (a name that leads nowhere is the index's
    ``index.unresolved-ref``). ``bibliographies``: the resolved paths of the bibliography
    files (``stages.bibliographies``); a target ``file.xml#id`` into one whose id is no entry
    is the index's to tell too (``index.unresolved-ref``: it names no work), not a link to a
    text. ``images``: the image files the site publishes (resolved) -> their place under
    OUT/html/ (``images.published_files``); a target naming one leads to it (a catalogue
    record's surrogates, ``target="images/f1r.png"``: probe 157), with no title: a book,
    which carries its own images alone, shows its words unlinked.
    One line per file named: as written, its page and its title, tab-separated."""
    lines: dict[str, Published] = {}
    warned: set[str] = set()
    warnings: list[Diagnostic] = []
    told = [(token, line, True) for token, line in targets]
    for token, line, tell in [*told, *((token, line, False) for token, line in names)]:
        written, _, fragment = token.partition("#")
        # a name at a register entry is linked by the index (ed:entity), not by this map
        if tell and fragment in entries and _ENTRY_FILE.match(token):
            continue
        if written in lines or written in warned:
            continue  # one warning per file named, at its first pointer
        named = (path.parent / unquote(written)).resolve() if written else None
        if tell and fragment and named in bibliographies:
            continue
        page = pages.get(named) if named is not None else None
        if page is None and _BARE_ID.match(written) and not _PAGE_SUFFIX.search(written):
            page = (ids or {}).get(written)
        if page is None and named is not None and named in (images or {}):
            page = Published(quote((images or {})[named]), "")
        if page is not None:
            lines[written] = page
            continue
        if not tell:
            continue
        warned.add(written)
        warnings.append(
            diag.warning(
                display,
                "build.unresolved-link",
                f'@target="{token}" names no text or image this edition publishes (nor an '
                "xml:id of this document): its words are shown without a link; point at a "
                "text of the edition (file.xml or file.xml#id), at an image a text of it "
                "shows (its graphic's url, as that text's folder names it), at an id with #, "
                "or at a full https:// address",
                line or None,
                columns.attribute_column(path, line, "target", token),
                origin=_ORIGIN,
            )
        )
    return "".join(
        f"{w}\t{p.page}\t{' '.join(p.title.split())}\n" for w, p in sorted(lines.items())
    ), warnings
