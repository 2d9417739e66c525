"""The gate: the only place where user files are read and parsed.

file bytes -> size, compression and encoding checks -> DOCTYPE/entity policy -> hardened lxml
parse -> ``SourceDocument`` (or diagnostics). Everything downstream (RELAX NG, Schematron,
references, Saxon) works on the tree or on its serialised root, never on a path, so no other
component can be tricked into fetching a URL or reading a local file (DESIGN.md section 5).
"""

from __future__ import annotations

import codecs
import errno
import functools
import hashlib
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from . import columns, doctype, files
from . import diagnostics as diag
from .diagnostics import Diagnostic
from .paths import denied, display, is_dir, is_file
from .publish import MARKER, OWNER

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_ID = f"{{{XML_NS}}}id"
XI_INCLUDE = f"{{{XI_NS}}}include"

#: Larger files are refused before parsing; the biggest ELTeC novel is about 2 MB.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_ORIGIN = "gate"
_LATIN_NAMES = {
    "iso-8859-1",
    "latin-1",
    "latin1",
    "iso8859-1",
    "windows-1252",
    "cp1252",
    "us-ascii",
}
#: Encodings of more than one byte a character, as declarations name them.
_WIDE = ("utf-16", "utf-32", "ucs-2", "ucs-4", "iso-10646-ucs")
_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DECL_VERSION = re.compile(rb"""^<\?xml\s+(version)\s*=\s*["']([0-9.]+)["']""")


@dataclass(frozen=True)
class XmlModel:
    """An ``<?xml-model?>`` processing instruction: the schema a file says it follows."""

    href: str
    schematypens: str
    type: str
    line: int | None
    #: Its place among the file's ``<?xml-model?>`` instructions (from 0), read or not.
    position: int = 0


#: Elements by their name and line.
_Places = dict[tuple[object, int | None], list[etree._Element]]


class Inclusion(NamedTuple):
    """The top element of a subtree included with ``xi:include``, and where it came from."""

    element: etree._Element
    path: Path  # the included file (resolved)
    via: str  # the xi:include that brought it: "file:line" as diagnostics show files
    #: The whole included document (no xpointer chose a part of it).
    whole: bool = False


@dataclass(frozen=True)
class SourceDocument:
    """A file that passed the gate: its bytes, their hash and the parsed tree.

    When the file has ``xi:include`` elements, ``tree`` is the expanded document (what
    RELAX NG, Schematron, the references and the build see, as jing does) and the included
    subtrees keep the line numbers of their own files: ``locate`` says where an element was
    written. ``included`` lists the files read through includes, in the order first read.
    """

    path: Path
    data: bytes = field(repr=False)
    tree: etree._ElementTree = field(repr=False)
    #: Files read through ``xi:include`` (resolved paths), in the order first read.
    included: tuple[Path, ...] = ()
    #: The top elements of included subtrees and the file each came from.
    parts: tuple[Inclusion, ...] = field(default=(), repr=False)
    #: sha256 of every included file as it was read (to notice changes during a build).
    digests: tuple[tuple[Path, str], ...] = field(default=(), repr=False)
    #: The name the edition publishes the text under, when it is not the file's stem (two
    #: texts of a corpus with one file name: ``naming.text_names``).
    name: str = ""
    #: What the gate's walk over the tree found, when the reader asked for it (``Survey``);
    #: None for a tree expanded by ``xi:include`` (the walk saw the file alone).
    survey: Survey | None = field(default=None, repr=False, compare=False)

    @property
    def display(self) -> str:
        return display(self.path)

    @property
    def stem(self) -> str:
        """The text's name in the edition: its pages, book and ids are named after it."""
        return self.name or self.path.stem

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def xml_text(self) -> str:
        """The root element serialised, for Saxon: no DOCTYPE, no prolog to re-read."""
        text: str = etree.tostring(self.root, encoding="unicode")
        return text

    def xml_models(self) -> list[XmlModel]:
        return list(_xml_models(self.tree))

    @functools.cached_property
    def _owners(self) -> dict[etree._Element, Inclusion]:
        return {part.element: part for part in self.parts}

    def inclusion_of(self, element: etree._Element) -> Inclusion | None:
        """The inclusion ``element`` belongs to (the innermost), None when written here."""
        if self.parts:
            owners = self._owners
            node: etree._Element | None = element
            while node is not None:
                owner = owners.get(node)
                if owner is not None:
                    return owner
                node = node.getparent()
        return None

    def origin_of(self, element: etree._Element) -> Path:
        """The file ``element`` was written in: ``path``, or the file it was included from."""
        part = self.inclusion_of(element)
        return self.path if part is None else part.path

    def locate(self, element: etree._Element) -> tuple[str, int | None]:
        """The file (as shown in diagnostics) and line where ``element`` was written."""
        line = element.sourceline if isinstance(element.sourceline, int) else None
        part = self.inclusion_of(element)
        return (self.display if part is None else display(part.path)), line

    def column(self, element: etree._Element) -> int | None:
        """The column where ``element``'s start tag begins on the line ``locate`` gives, when
        it can be told (``columns``); None for an element of an included part."""
        tags, written = self._written_as(element)
        return None if tags is None else tags.column(written)

    def _written_as(
        self, element: etree._Element
    ) -> tuple[columns.StartTags | None, etree._Element]:
        """The start tags of this file and ``element`` as they hold it. In a document with
        included parts the elements are no longer the text's start tags one for one (probe
        43: every warning of a text that takes its publisher from a shared file had a line
        and no column): an element written here is found in the file read again without
        its inclusions, by its name, its line and its rank among those of both."""
        if not self.parts:
            return self._start_tags, element
        part = self.inclusion_of(element)
        if part is not None:
            return self._written_in_part(part, element)
        if self._unexpanded is None:
            return None, element
        tags, written = self._unexpanded
        key = (element.tag, element.sourceline)
        here = self._here.get(key, [])
        there = written.get(key, [])
        if len(here) != len(there) or element not in here:
            return None, element  # an xi:fallback's content, or an entity's: no place told
        return tags, there[here.index(element)]

    def _written_in_part(
        self, part: Inclusion, element: etree._Element
    ) -> tuple[columns.StartTags | None, etree._Element]:
        """The start tags of an included file and ``element`` as that file holds it: by its
        name, its line and its rank among the elements of both, as for the including file
        (probe 180: a misspelt element in an included part was told at its line alone, where
        jing gives the column too). None when the part's file cannot be read again alike (an
        xpointer's part of it, which holds fewer elements of a name and line than the file)."""
        if part.path not in self._parts_read:
            self._parts_read[part.path] = _part_tags(part.path)
        tags, written = self._parts_read[part.path]
        if tags is None:
            return None, element
        if part.element not in self._parts_here:
            self._parts_here[part.element] = _by_place(self._part_elements(part))
        key = (element.tag, element.sourceline)
        here = self._parts_here[part.element].get(key, [])
        there = written.get(key, [])
        if len(here) != len(there) or element not in here:
            return None, element
        return tags, there[here.index(element)]

    def _part_elements(self, part: Inclusion) -> list[etree._Element]:
        """The elements of the subtree ``part`` brought, written in its file (not those of
        inclusions inside it), in document order."""
        owners = self._owners
        mine: list[etree._Element] = []
        pending = [part.element]
        while pending:
            element = pending.pop()
            if element is not part.element and element in owners:
                continue
            mine.append(element)
            pending.extend(reversed([c for c in element if isinstance(c.tag, str)]))
        return mine

    @functools.cached_property
    def _parts_read(self) -> dict[Path, tuple[columns.StartTags | None, _Places]]:
        return {}

    @functools.cached_property
    def _parts_here(self) -> dict[etree._Element, _Places]:
        return {}

    @functools.cached_property
    def _unexpanded(
        self,
    ) -> tuple[columns.StartTags, dict[tuple[object, int | None], list[etree._Element]]] | None:
        try:
            root = etree.fromstring(self.data, _parser()[0])
        except etree.XMLSyntaxError:
            return None
        return columns.StartTags(self._text, root), _by_place(root.iter(etree.Element))

    @functools.cached_property
    def _here(self) -> dict[tuple[object, int | None], list[etree._Element]]:
        """The elements of the expanded tree written in this file, by name and line."""
        parts = set(self._owners)
        mine: list[etree._Element] = []
        pending = [self.root]
        while pending:
            element = pending.pop()
            if element in parts:
                continue
            mine.append(element)
            pending.extend(reversed([c for c in element if isinstance(c.tag, str)]))
        return _by_place(mine)

    def element_place(self, element: etree._Element) -> tuple[int | None, int | None]:
        """The line and column where ``element``'s start tag begins, on whichever line of a
        tag written over several lines (``columns``); else ``locate``'s line and ``column``'s
        column, as for included parts."""
        tags, written = self._written_as(element)
        if tags is not None:
            place = tags.element_place(written)
            if place is not None:
                return place
        return self.locate(element)[1], self.column(element)

    def attribute_place(
        self, element: etree._Element, attribute: str
    ) -> tuple[int | None, int | None]:
        """The line and column of ``element``'s attribute ``attribute`` (its Clark name), on
        whichever line of the start tag it stands; else ``locate``'s line and ``column``'s
        column, as for included parts and an attribute whose prefix the element does not
        declare."""
        line = self.locate(element)[1]
        written = columns.written_name(element, attribute)
        tags, as_written = self._written_as(element)
        if tags is not None and written is not None:
            place = tags.attribute_place(as_written, written)
            if place is not None:
                return place
        return line, self.column(element)

    def text_place(self, element: etree._Element, tail: bool) -> tuple[int | None, int | None]:
        """The line and column where ``element``'s text (or, with ``tail``, the text after
        it) begins, when it can be told; else ``locate``'s line and ``column``'s column."""
        tags, written = self._written_as(element)
        if tags is not None:
            place = tags.text_place(written, tail)
            if place is not None:
                return place
        return self.locate(element)[1], self.column(element)

    def model_place(self, position: int, href: str | None = None) -> tuple[int, int] | None:
        """The line and column of the ``position``-th ``<?xml-model?>`` (its "<?"), or of
        its ``href`` when it holds ``href``; None when it cannot be told for sure."""
        node = next((n for i, n in enumerate(_prolog_models(self.tree)) if i == position), None)
        if node is None:
            return None
        attribute = None if href is None else "href"
        return columns.instruction_place(self._text, "xml-model", position, node, attribute, href)

    @functools.cached_property
    def _text(self) -> str | None:
        return columns.decode(self.data, self.tree.docinfo.encoding)

    @functools.cached_property
    def _start_tags(self) -> columns.StartTags:
        return columns.StartTags(self._text, self.root)

    def inclusion_note(self, element: etree._Element) -> str:
        """`` (included by FILE:LINE)`` for included content, to end a message with."""
        part = self.inclusion_of(element)
        return "" if part is None else f" (included by {part.via})"

    def changed_files(self) -> list[Path]:
        """The source and included files whose bytes on disk are no longer those read."""
        changed = []
        for path, digest in ((self.path, self.sha256), *self.digests):
            try:
                current = hashlib.sha256(files.read_regular(path)).hexdigest()
            except OSError:
                current = ""
            if current != digest:
                changed.append(path)
        return changed


@dataclass(frozen=True)
class GateResult:
    document: SourceDocument | None
    diagnostics: tuple[Diagnostic, ...] = ()


def xml_ids(root: etree._Element, *others: str) -> set[str]:
    """Every ``xml:id`` of ``root``'s tree (and every attribute named in ``others``: ``id``).
    A walk, not the XPath ``//@xml:id``: libxml2 gathers every node of the tree on the way,
    and a tree of more than ten million nodes (a 50 MB file of 4.8 million elements, probe
    66) stops it with "unknown error"."""
    names = (XML_ID, *others)
    return {
        value
        for element in root.getroottree().iter(etree.Element)
        for name in names
        if (value := element.get(name)) is not None
    }


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Expand folders to their ``*.xml`` files (recursively, sorted; ``.XML`` too); report
    missing paths, and what a folder holds that cannot be read: a subfolder that cannot be
    listed, a symbolic link named ``*.xml`` that leads to no file. Nothing is left out
    without a word: an archivist must know which files were not checked.

    Hidden files and folders (a name starting with ".") below a given folder are left out,
    and symbolic links to folders are not followed (a warning names each)."""
    names, problems = discover_names(paths)
    return [Path(name) for name in names], problems


def discover_names(paths: Iterable[Path]) -> tuple[list[str], list[Diagnostic]]:
    """``discover``, the files as strings: making 100,000 ``Path`` objects took 0.4 s, which
    ``edition check`` spends as the files are checked, not before the first one."""
    # each file once, however it is named (``tei tei/letters``, a relative and an absolute
    # path, a symbolic link to a file named as well): by its real path, so that a text is not
    # checked or published twice; under its own name rather than a link's (probe 176: a
    # letter reached by a link elsewhere in the corpus was reported under the link's name
    # alone, and the letter's own path was in no report), else the first in sorted order
    found: dict[str, tuple[bool, str]] = {}
    problems: list[Diagnostic] = []

    def add(name: str, real: str, link: bool) -> None:
        if not _utf8(name):
            problems.append(_undecodable_name(name))
            return
        if real not in found or (link, name) < found[real]:
            found[real] = (link, name)

    for path in paths:
        if is_dir(path):
            given = str(path)
            # the real path of the folder once; of a file below it only when it is a link
            top = os.path.realpath(given)
            for name, link in _xml_files(given, problems):
                add(name, os.path.realpath(name) if link else top + name[len(given) :], link)
        elif is_file(path) or denied(path):
            # a file in a folder that cannot be entered: the gate's reading tells it
            # (gate.unreadable), one problem of the run (probe 155: an internal error)
            add(str(path), os.path.realpath(path), os.path.islink(path))
        elif path.exists():
            problems.append(_not_a_file(str(path)))
        elif path.is_symlink():  # a link to nothing, or in a loop
            problems.append(_broken_link(str(path)))
        else:
            problems.append(
                diag.error(
                    display(path),
                    "gate.missing",
                    "no such file or folder: check the path",
                    origin=_ORIGIN,
                )
            )
    # a folder named twice is walked twice: say each thing once
    return sorted(name for _link, name in found.values()), list(dict.fromkeys(problems))


def empty_folders(paths: Iterable[Path], names: Sequence[str]) -> list[Path]:
    """The folders among ``paths`` that hold no ``*.xml`` file ``discover_names`` found.

    A file is listed once, under the first of its names: of a folder given twice (``tei`` and
    its absolute path), or one holding links to files another given folder holds, no listed
    name may start with the folder's, so a folder that seems empty is listed again on its
    own before it is called empty (rare, and never on the common path). Names are compared
    as given: resolving them would call a folder of links to files elsewhere empty."""
    empty = []
    for path in paths:
        if not is_dir(path):
            continue
        given = os.path.join(str(path), "")
        if any(name.startswith(given) for name in names):
            continue
        found, problems = discover_names([path])
        # a folder that could not be listed is not known to be empty: its
        # gate.unreadable-folder is the one problem (probe 155: a folder of mode 111 was
        # told twice, "no *.xml file in this folder" as well)
        if not found and not any(p.code == "gate.unreadable-folder" for p in problems):
            empty.append(path)
    return empty


#: Names TEI files are saved under besides ``*.xml`` (FreeDict's ``*.tei``, Oxygen's ``.tei``).
_OTHER_TEI_SUFFIXES = (".tei", ".teixml", ".odd")


def other_sources(folder: Path) -> str:
    """What a folder of no ``*.xml`` holds that may be TEI, said for the error that tells
    it ("" when nothing): probe 142, a folder of FreeDict's ``*.tei`` was "check the path"
    alone. The first 10,000 folders are looked at."""
    found = 0
    for seen, (_, _, names) in enumerate(os.walk(folder)):
        found += sum(1 for n in names if n.lower().endswith(_OTHER_TEI_SUFFIXES))
        if seen > 10_000:
            break
    if not found:
        return ""
    return (
        f" (it holds {found} file{'s' if found > 1 else ''} named *.tei or *.odd: name them "
        "on the command line, or save them as *.xml)"
    )


def _xml_files(top: str, problems: list[Diagnostic]) -> Iterator[tuple[str, bool]]:
    """The ``*.xml`` files below ``top``, each with whether it is a symbolic link."""
    # os.scandir knows each entry's kind without a stat: 100,000 files are listed in a
    # second, where Path.rglob and is_file took six.
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            problems.append(_unlisted(folder, exc))
            continue
        if _published_here(folder, entries):  # the folder named too (probe 103)
            problems.append(_output_folder(folder))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.is_symlink() and _is_folder(entry):
                problems.append(_linked_folder(entry.path))
            elif entry.name[-4:].lower() == ".xml":
                try:
                    kind = "file" if entry.is_file() else "folder" if entry.is_dir() else ""
                except OSError:  # links that point at each other in a loop
                    kind = ""
                if kind == "file":
                    yield entry.path, entry.is_symlink()
                elif kind == "" and entry.is_symlink() and not os.path.exists(entry.path):
                    problems.append(_broken_link(entry.path))
                elif kind == "":  # a FIFO, a socket, a device named *.xml, or a link to one
                    problems.append(_not_a_file(entry.path))


def _published_here(folder: str, entries: list[os.DirEntry[str]]) -> bool:
    """Whether ``folder`` is one `edition build` publishes into (its working area holds the
    owner's mark): its pages, exports and the sources it published are no texts. Probe 101:
    `edition build e --out e/out`, then `edition build e`, published the output as texts,
    and every build of a folder holding its own output grew it (4, 9, 23 files)."""
    return any(e.name == MARKER for e in entries) and os.path.isfile(
        os.path.join(folder, MARKER, OWNER)
    )


def _output_folder(path: str) -> Diagnostic:
    return diag.warning(
        display(Path(path)),
        "gate.output-folder",
        "a folder `edition build` publishes into (it holds .edition/OWNER) is not read as "
        "sources: its pages and exports are no texts; move it out of the sources",
        origin=_ORIGIN,
    )


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # links that point at each other in a loop
        return False


def _linked_folder(path: str) -> Diagnostic:
    # A corpus gathered from elsewhere (`letters -> /data/letters`) lost every file of the
    # folder without a word; following the link would read outside the folder given, and
    # into loops (`self -> .`)
    link = _link_target(path)
    target = "a folder" if link is None else f"the folder {link!r}"
    # a link named registers is read as the registers of the texts beside it (registers
    # shared by editions), by the check and the build alike (probe 115: "its files are not
    # read" was said of files both read, and the build published)
    if os.path.basename(path.rstrip(os.sep)) == "registers":
        return diag.info(
            display(Path(path)),
            "gate.linked-folder",
            f"a symbolic link to {target}: its files are read as the registers of the texts "
            "beside it (checked and published), not as texts",
            origin=_ORIGIN,
        )
    return diag.warning(
        display(Path(path)),
        "gate.linked-folder",
        f"a symbolic link to {target} is not followed: its files are not read; name the "
        "folder itself to read them",
        origin=_ORIGIN,
    )


def _utf8(name: str) -> bool:
    """Whether a path read from the system is text (its bytes UTF-8, not surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_bytes(name: str) -> str:
    """A path whose bytes are no UTF-8, with those bytes written ``\\xNN``: every report
    format must stay UTF-8 (a JSON report with the raw byte could not be read)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _undecodable_name(name: str) -> Diagnostic:
    # The page, the book and every export are named after the file: a name that is no
    # text cannot be written into them (the build failed on it with an internal error,
    # while check passed it).
    return diag.error(
        shown_bytes(display(name)),
        "gate.file-name",
        "the file's name is not UTF-8 (its bytes are shown as \\xNN): rename the file in "
        "UTF-8; it is not read",
        origin=_ORIGIN,
    )


def _unlisted(folder: str, exc: OSError) -> Diagnostic:
    return diag.error(
        display(Path(folder)),
        "gate.unreadable-folder",
        f"cannot list the folder ({exc.strerror or exc}): its files are not checked; give "
        "the user who runs the edition the right to read it",
        origin=_ORIGIN,
    )


def _not_a_file(path: str) -> Diagnostic:
    return diag.error(
        display(Path(path)),
        "gate.missing",
        "not a file (a pipe, a socket or a device): nothing to read; give a TEI file",
        origin=_ORIGIN,
    )


def _link_target(path: str) -> str | None:
    """Where a symbolic link points, as written in it; None when it cannot be read."""
    try:
        return os.readlink(path)
    except OSError:
        return None


def _broken_link(path: str) -> Diagnostic:
    link = _link_target(path)
    target = "" if link is None else f" to {link!r}"
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # probe 66: "leads to no file" hid the loop
            return diag.error(
                display(Path(path)),
                "env.symlink-loop",
                f"a symbolic link{target} in a loop of links that leads to no file: nothing to "
                "read; fix the links",
                origin=_ORIGIN,
            )
    return diag.error(
        display(Path(path)),
        "gate.missing",
        f"a symbolic link{target} that leads to no file: nothing to read; mend or remove it",
        origin=_ORIGIN,
    )


def read_document(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: Path | None = None,
    dtd_entities: bool = False,
    surveyed: frozenset[str] | None = None,
) -> GateResult:
    """Read ``path`` once as bytes and run it through the gate.

    ``xi:include`` elements are resolved (``pipeline.xinclude``) for local files inside
    ``root``, the corpus root (default: ``xinclude.corpus_root([path])``); each included file
    passes through the gate too, under the same ``max_bytes`` limit. ``dtd_entities``: the
    build's reading (``parse_one``); ``surveyed``: see ``parse_one``.
    """
    data, refusal = read_bytes(path, max_bytes)
    if refusal is not None:
        return refusal
    return parse_bytes(
        data, path, max_bytes=max_bytes, root=root, dtd_entities=dtd_entities, surveyed=surveyed
    )


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes, GateResult | None]:
    """The file's bytes, or the refusal (too large, unreadable)."""
    try:
        size = files.size(path)
        if size > max_bytes:
            return b"", _refuse(
                display(path),
                "gate.too-large",
                f"file is {size:,} bytes, over the limit of {max_bytes:,}; split it or raise "
                "the limit ([tool.edition] max-bytes in pyproject.toml)",
            )
        return files.read(path), None
    except OSError as exc:
        # the path's shown form only when it is shown: a Dask client reads every file, and
        # working it out cost more than reading the file
        message = f"cannot read the file: {exc.strerror}"
        if isinstance(exc, PermissionError):
            message += "; give the user who runs the edition the right to read it"
        return b"", _refuse(display(path), "gate.unreadable", message)


def parse_bytes(
    data: bytes,
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    root: Path | None = None,
    dtd_entities: bool = False,
    surveyed: frozenset[str] | None = None,
) -> GateResult:
    """The gate proper, on bytes already read: one file, then what it includes."""
    result = parse_one(data, path, dtd_entities=dtd_entities, surveyed=surveyed)
    doc = result.document
    if doc is None or next(doc.root.iter(XI_INCLUDE), None) is None:
        return result
    from . import xinclude

    base = root if root is not None else xinclude.corpus_root([path])
    expansion = xinclude.expand(doc.tree, path, base, max_bytes)
    found = (*result.diagnostics, *expansion.diagnostics)
    if expansion.failed:
        return GateResult(None, found)
    expanded = SourceDocument(
        path=path,
        data=data,
        tree=doc.tree,
        included=tuple(f.path for f in expansion.files),
        parts=expansion.parts,
        digests=tuple((f.path, f.sha256) for f in expansion.files),
    )
    return GateResult(expanded, found)


def parse_one(
    data: bytes,
    path: Path,
    *,
    dtd_entities: bool = False,
    surveyed: frozenset[str] | None = None,
) -> GateResult:
    """One file through the gate, its ``xi:include`` elements left as they are.

    The gate walks the parsed tree once (for elements with too many attributes); given
    ``surveyed`` (Clark names of attributes), the walk also takes the document's ``Survey``,
    which the check would otherwise take in a walk of its own (a walk of a novel costs about
    a quarter of its parse).

    ``dtd_entities`` (the build): in a file whose DOCTYPE names a DTD, which is never read,
    entities of the HTML and ISO sets (``&mdash;``, ``&eacute;``: what TEI P4's DTDs
    declared) are read as their characters, with a warning, instead of refusing the file.
    For XML such a file is well-formed (an undeclared entity is a validity error once there
    is an external subset); the check still reports it as an error, as the file cannot be
    read the same way without its DTD."""
    shown = display(path)
    lined = _line_ends(data)
    refusal = _refuse_by_content(lined, shown)
    if refusal is not None:
        return refusal
    notes: list[Diagnostic] = list(_encoding_notes(lined, shown))
    if any(n.code == "gate.encoding-mismatch" for n in notes):
        return GateResult(None, tuple(notes))
    verdict = doctype.judge(lined, shown)
    notes.extend(verdict.problems)
    if verdict.refused:
        return GateResult(None, tuple(notes))
    parser, fetches = _parser(verdict.parameter_entities)
    text = verdict.data
    replaced: dict[str, tuple[int, int | None]] = {}  # entity -> line, column of first use
    while True:
        try:
            tree = etree.ElementTree(etree.fromstring(text, parser))
            break
        except etree.XMLSyntaxError as exc:
            problem = _syntax_diagnostic(exc, parser, shown, verdict.dtd_ignored, lined)
            known = _dtd_entity(problem) if dtd_entities and verdict.dtd_ignored else None
            if known is None or known in replaced or len(replaced) >= _MAX_DTD_ENTITIES:
                return GateResult(None, (*notes, problem))
            used = _reference_column(data, text, known, problem.line, problem.column)
            replaced[known] = (problem.line or 0, used)
            text = _as_characters(text, known)
            parser, fetches = _parser(verdict.parameter_entities)
    notes.extend(_dtd_entity_note(shown, name, *first) for name, first in replaced.items())
    if fetches.urls:  # never expected: the DOCTYPE policy let nothing external through
        return _refuse(
            shown,
            "gate.external-entity",
            f"the parser was asked to load {fetches.urls[0]!r}; nothing was loaded and the "
            "file is refused: remove the DOCTYPE declaration",
        )
    found = None
    if surveyed is None:
        crowded = _crowded_element(tree.getroot())
    else:
        found = survey(tree.getroot(), surveyed)
        crowded = found.crowded
    if crowded is None and data.count(b"xmlns") > MAX_ATTRIBUTES:
        # namespace declarations are attributes to the reader (probe 136: 100,000 of them on
        # one element passed the gate, and Saxon took past the build's timeout to read it);
        # counted only where the file has that many, a walk of each element's namespaces
        # being dear
        crowded = _crowded_namespaces(tree.getroot())
    if crowded is not None:
        text_read = columns.decode(data, tree.docinfo.encoding)
        place = columns.StartTags(text_read, tree.getroot()).element_place(crowded)
        return GateResult(None, (*notes, _too_many_attributes(crowded, shown, place)))
    document = SourceDocument(path=path, data=data, tree=tree, survey=found)
    notes.extend(unread_instructions(document))
    return GateResult(document, tuple(notes))


def _line_ends(data: bytes) -> bytes:
    """``data`` with each carriage return not followed by a line feed made a line feed.

    XML ends a line with CR alone too (2.11), and so do the editors that open such a file
    (old Mac OS); libxml2 counts lines by LF, so every place in the file was said to be on
    line 1. The parser reads either form as one LF, so the tree is the same; the bytes keep
    their length, so offsets into them do not move (``columns.decode`` does the same to
    the text). A file in UTF-16 or UTF-32 is left as it is: a byte 0x0D is not a CR there."""
    if b"\r" not in data or _utf16_bom(data) is not None:
        return data
    return _LONE_CR.sub(b"\n", data)


_LONE_CR = re.compile(rb"\r(?!\n)")


#: Distinct DTD entities the build reads as characters in one file (each costs a parse).
_MAX_DTD_ENTITIES = 64


def _html5() -> dict[str, str]:
    """HTML5's named characters, imported when an undefined entity is met, not at every
    command's start."""
    import html.entities

    return html.entities.html5


def _dtd_entity(problem: Diagnostic) -> str | None:
    """The name of the undefined entity ``problem`` is about, when HTML5 names it."""
    if problem.code != "gate.undefined-entity":
        return None
    found = re.match(r"entity &([A-Za-z][A-Za-z0-9]*);", problem.message)
    if found is None or f"{found.group(1)};" not in _html5():
        return None
    return found.group(1)


def _as_characters(data: bytes, name: str) -> bytes:
    """``data`` with every ``&name;`` written as numeric character references."""
    chars = _html5()[f"{name};"]
    refs = "".join(f"&#x{ord(c):X};" for c in chars).encode("ascii")
    return data.replace(f"&{name};".encode("ascii"), refs)


def _reference_column(
    written: bytes, parsed: bytes, name: str, line: int | None, column: int | None
) -> int | None:
    """The column of the "&" of the reference ``&name;`` the parse stopped at, in the file
    as ``written``. ``column`` is that of its "&" (the gate's place of an undefined entity),
    or libxml2's, just after its ";" in the ``parsed`` bytes, where
    references to other entities may already be character references (of other lengths):
    the reference is found there, counted among those of its line, and the same one taken
    in the line as written. None when anything disagrees."""
    reference = f"&{name};"
    if not line or not column:
        return None
    lines = [columns.decode(data) for data in (parsed, written)]
    if lines[0] is None or lines[1] is None:
        return None
    now, before = (text.split("\n")[line - 1 : line] for text in (lines[0], lines[1]))
    if not now or not before:
        return None
    # its "&" found in the file's line, or libxml2's place past its ";" in the parsed one
    starts = [a for a in (column - 1, column - 1 - len(reference))
              if a >= 0 and now[0][a : a + len(reference)] == reference]  # fmt: skip
    if not starts:
        return None
    start = starts[0]
    nth = now[0].count(reference, 0, start)
    at = -1
    for _ in range(nth + 1):
        at = before[0].find(reference, at + 1)
        if at < 0:
            return None
    return at + 1


def _dtd_entity_note(shown: str, name: str, line: int, column: int | None) -> Diagnostic:
    chars = _html5()[f"{name};"]
    refs = "".join(f"&#x{ord(c):X};" for c in chars)
    return diag.warning(
        shown,
        "gate.dtd-entity",
        f"entity &{name}; is declared by the DTD, which is not read: the build reads it as "
        f"{chars!r} ({refs}); write the character itself so that every tool reads it alike "
        "(edition check reports it as an error)",
        line or None,
        column,
        origin=_ORIGIN,
    )


#: More attributes on one element are refused: TEI elements carry a few dozen at most, and
#: libxml2 reads an element's attributes in time that grows with the square of their number.
MAX_ATTRIBUTES = 256


def _crowded_element(root: etree._Element) -> etree._Element | None:
    for element in root.iter(etree.Element):
        if len(element.attrib) > MAX_ATTRIBUTES:
            return element
    return None


@dataclass(frozen=True)
class Survey:
    """What one walk over a tree found (``survey``): its element names and its
    ``"{ns}element {ns}attribute"`` pairs (Clark names; the vocabulary a RELAX NG grammar is
    pruned to), and the elements that carry any of the ``wanted`` attributes, in document
    order (the duplicate ids, the reference facts). ``crowded``: the first element with more
    than ``MAX_ATTRIBUTES`` attributes, where the walk stopped."""

    wanted: frozenset[str]
    elements: frozenset[str]
    attributes: frozenset[str]
    carriers: tuple[etree._Element, ...]
    crowded: etree._Element | None = None


def survey(root: etree._Element, wanted: frozenset[str]) -> Survey:
    """One walk over the elements of ``root`` for everything a check needs of them."""
    elements: set[str] = set()
    attributes: set[str] = set()
    carriers: list[etree._Element] = []
    # The walk is a fifth of a novel's check (0.06 s of CPU over the 99 ELTeC novels); nine
    # elements in ten carry no attribute and skip the attribute loop.
    element_seen = elements.add
    for element in root.iter(etree.Element):
        tag = element.tag
        element_seen(tag)
        names = element.keys()
        if not names:
            continue
        if len(names) > MAX_ATTRIBUTES:
            return Survey(wanted, frozenset(), frozenset(), (), element)
        carries = False
        for name in names:
            attributes.add(f"{tag} {name}")
            carries = carries or name in wanted
        if carries:
            carriers.append(element)
    return Survey(wanted, frozenset(elements), frozenset(attributes), tuple(carriers))


def _declared(element: etree._Element) -> int:
    """How many namespace declarations an element's start tag holds."""
    parent = element.getparent()
    inherited = parent.nsmap if parent is not None else {}
    return sum(1 for prefix, uri in element.nsmap.items() if inherited.get(prefix) != uri)


def _crowded_namespaces(root: etree._Element) -> etree._Element | None:
    """The first element whose attributes and namespace declarations are over the limit."""
    for element in root.iter(etree.Element):
        if len(element.attrib) + _declared(element) > MAX_ATTRIBUTES:
            return element
    return None


def _too_many_attributes(
    element: etree._Element, shown: str, place: tuple[int, int] | None
) -> Diagnostic:
    line, column = place or (element.sourceline, None)
    declared = _declared(element) if len(element.attrib) <= MAX_ATTRIBUTES else 0
    count = len(element.attrib)
    what = f"{count:,} attribute{'' if count == 1 else 's'}"
    if declared:
        what += f" and {declared:,} namespace declarations"
    return diag.error(
        shown,
        "gate.too-many-attributes",
        f"an element has {what}, over the limit of "
        f"{MAX_ATTRIBUTES}: the file is refused; remove the attributes it does not need",
        line,
        column,
        origin=_ORIGIN,
    )


#: This thread's parsers, by ``parameter_entities`` (``_parser``).
_PARSERS = threading.local()


def _part_tags(path: Path) -> tuple[columns.StartTags | None, _Places]:
    """An included file's start tags and elements by name and line, read again without its
    own inclusions; none when it cannot be read."""
    try:
        data = path.read_bytes()
        root = etree.fromstring(data, _parser()[0])
    except (OSError, etree.XMLSyntaxError):
        return None, {}
    text = columns.decode(data, root.getroottree().docinfo.encoding)
    if text is None:
        return None, {}
    return columns.StartTags(text, root), _by_place(root.iter(etree.Element))


def _by_place(
    elements: Iterable[etree._Element],
) -> dict[tuple[object, int | None], list[etree._Element]]:
    found: dict[tuple[object, int | None], list[etree._Element]] = {}
    for element in elements:
        found.setdefault((element.tag, element.sourceline), []).append(element)
    return found


def tree_of_copy(text: str | bytes) -> etree._Element:
    """The tree of XML the build wrote itself or took past the gate before (copies of register
    lists and headers, a source's kept bytes): no id table, for a copy keeps the source's
    ids, a duplicate too (the check's to tell: probe 115, "ID p1 already defined" stopped the
    build); no entities, no network."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=True, collect_ids=False
    )
    data = text.encode("utf-8") if isinstance(text, str) else text
    return etree.fromstring(data, parser)


def _parser(parameter_entities: bool = False) -> tuple[etree.XMLParser, doctype.NoFetch]:
    # collect_ids=False: a duplicate xml:id must not make the parse fail; the reference
    # checker reports it with both locations. resolve_entities="internal" ignores parameter
    # entities altogether; when the DOCTYPE policy has read and accepted them (they only
    # declare general entities with their text), full substitution is safe: nothing
    # external is declared and NoFetch answers any request with nothing.
    # One parser per thread and kind serves file after file: its error log is that of its
    # last run alone, and its dictionary of names stays warm (a fresh parser per file cost
    # 26 us of a 17 KB chapter's 100 us parse). A parser is used by one thread at a time.
    parsers: dict[bool, tuple[etree.XMLParser, doctype.NoFetch]] | None
    parsers = getattr(_PARSERS, "by_kind", None)
    if parsers is None:
        parsers = _PARSERS.by_kind = {}
    found = parsers.get(parameter_entities)
    if found is None:
        parser = etree.XMLParser(
            resolve_entities=True if parameter_entities else "internal",
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            # the defaults the internal subset declares are the document's attributes, which
            # XML 1.0 (5.1) asks even a processor that does not validate to supply, and jing
            # does (probe 108: <!ATTLIST TEI xml:lang CDATA "fr"> published no language, and
            # a default attribute the schema refuses passed the check); the external subset
            # is never read (load_dtd=False), so nothing outside the file counts
            attribute_defaults=True,
            huge_tree=False,
            collect_ids=False,
        )
        fetches = doctype.NoFetch()
        parser.resolvers.add(fetches)
        found = parsers[parameter_entities] = (parser, fetches)
    found[1].urls.clear()
    return found


def _refuse(path: str, code: str, message: str, line: int | None = None) -> GateResult:
    return GateResult(None, (diag.error(path, code, message, line, origin=_ORIGIN),))


#: Encodings that write "<" as other bytes than ASCII's, in a file of one byte a character
#: (UTF-7, its aliases; names without hyphens): Python reads them, and a filter of markup
#: does not see it.
_HIDING = frozenset({"utf7", "unicode11utf7", "csunicode11utf7", "xutf7"})


#: The byte order marks and the codecs that read what follows ("": UTF-8, kept as it is).
#: UTF-32's little-endian mark begins with UTF-16's: it comes first (probe 155: a UTF-32
#: file of blanks, read as UTF-16, held NULs and was "no XML root element").
_MARKS = (
    (codecs.BOM_UTF8, ""),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _without_mark(data: bytes) -> bytes:
    """``data`` without its byte order mark (UTF-8, UTF-16, UTF-32), for the test of an empty
    file (probe 144: a UTF-16 mark alone was "no XML root element")."""
    for mark, codec in _MARKS:
        if data.startswith(mark):
            rest = data[len(mark) :]
            if not codec:
                return rest
            # a UTF-16 file's characters are two bytes each (UTF-32's, four): read as such,
            # its blanks are blanks (probe 146: the bytes of U+0920, 20 09, were two blanks,
            # "empty")
            return rest.decode(codec, "replace").encode("utf-8")
    return data


def _refuse_by_content(data: bytes, shown: str) -> GateResult | None:
    # all blank (strip copied every file: it ends with a newline), after a byte order mark
    # (probe 142: a file of the UTF-8 mark alone was "no XML root element found")
    if not _without_mark(data).lstrip():
        return _refuse(
            shown, "gate.empty", "file is empty: a TEI file needs at least a root element"
        )
    if data[:2] == b"\x1f\x8b":
        return _refuse(shown, "gate.compressed", "file is gzip-compressed: decompress it first")
    if data[:4] in (b"PK\x03\x04", b"BZh9") or data[:6] == b"\xfd7zXZ\x00":
        return _refuse(shown, "gate.compressed", "file is an archive, not XML: extract it first")
    if _utf16_bom(data) is None and b"\x00" in data[:4096]:
        # "<?" or "<T" in UTF-16 without the mark that says so: libxml2 cannot read it
        # "<" is one byte of four in UTF-32, of two in UTF-16; the NULs come after it in the
        # little-endian forms
        wide = "UTF-32" if data[:4].count(b"\x00") == 3 else "UTF-16"
        order = "big" if data[:1] == b"\x00" else "little" if data[1:2] == b"\x00" else ""
        if order and data[:4].replace(b"\x00", b"")[:1] == b"<":
            return _refuse(
                shown,
                "gate.encoding",
                f"file is {wide} ({order}-endian) without a byte order mark, which an XML "
                f"parser cannot tell: save it as UTF-8 (or as {wide} with a byte order mark)",
            )
        # at the first NUL: a text file with one stray NUL is mended there, and the place is
        # how one tells it from a file that is binary throughout
        first = data.index(b"\x00")
        start = data.rfind(b"\n", 0, first) + 1
        return GateResult(
            None,
            (
                diag.error(
                    shown,
                    "gate.binary",
                    "file holds NUL bytes and no UTF-16 byte order mark: it is not an XML "
                    "text file",
                    data.count(b"\n", 0, first) + 1,
                    len(data[start:first].decode("utf-8", "replace")) + 1,
                    origin=_ORIGIN,
                ),
            ),
        )
    contradiction = _bom_contradiction(data)
    if contradiction is not None:
        return _refuse(shown, "gate.encoding", contradiction, 1)
    declared = _DECL_ENCODING.match(data.lstrip(codecs.BOM_UTF8))
    name = declared.group(1).decode("ascii").lower() if declared else ""
    if name.replace("-", "").replace("_", "") in _HIDING:
        # characters written as other characters: "+ADw-script+AD4-" is <script> (probe 121)
        return _refuse(
            shown,
            "gate.encoding",
            f"the XML declaration says {name.upper()}, an encoding that writes markup as other "
            "characters, which no TEI tool should read: save the file as UTF-8 and declare "
            'encoding="UTF-8"',
            1,
        )
    if _utf16_bom(data) is None and name.startswith(_WIDE):
        # bytes of one octet a character (no NUL, no byte order mark) that declare a wide
        # encoding: libxml2 said "not well-formed: blank needed here" at the declaration
        return _refuse(
            shown,
            "gate.encoding",
            f"the XML declaration says {name.upper()}, but the file has no byte order mark "
            "and one byte a character (UTF-8 or ASCII): change the declaration to "
            'encoding="UTF-8"',
            1,
        )
    return None


def _bom_contradiction(data: bytes) -> str | None:
    """What to say of a byte order mark that the XML declaration contradicts, or None. XML
    1.0 (4.3.3) makes such a file a fatal error, which libxml2 lets pass by trusting the
    mark: a UTF-8 mark under ``encoding="UTF-16"`` was told it had no mark at all, a UTF-16
    mark under ``encoding="UTF-8"`` was read without a word of the contradiction, and a
    UTF-8 mark under ``encoding="ISO-8859-1"`` was warned of as garbled Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        mark, head = "UTF-8", data[3:]
    elif (marked := _utf16_bom(data)) is not None:
        mark = marked.upper()
        head = data[:800].decode(marked, "replace").encode("ascii", "replace")
    else:
        return None
    declared = _DECL_ENCODING.match(head)
    name = declared.group(1).decode("ascii").upper() if declared else ""
    wide = name.lower().startswith(_WIDE)
    # a UTF-8 mark under any other name (ISO-8859-1 too, probe 66: a warning of garbled
    # accents, placed on the mark, though libxml2 read the letters as UTF-8)
    contradicts = name.lower() not in ("utf-8", "utf8") if mark == "UTF-8" else not wide
    if not name or not contradicts:
        return None
    return (
        f"the file begins with a {mark} byte order mark, but its XML declaration says "
        f"{name}: the two contradict each other, which XML forbids; "
        + (
            'change the declaration to encoding="UTF-8"'
            if mark == "UTF-8"
            else f'change the declaration to encoding="{mark}", or better, save the file as '
            'UTF-8 and declare encoding="UTF-8"'
        )
    )


def _utf16_bom(data: bytes) -> str | None:
    """The wide encoding a byte order mark says ("utf-16", "utf-32"), or None. UTF-32's
    little-endian mark begins with UTF-16's: it is looked for first."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _encoding_notes(data: bytes, shown: str) -> Iterator[Diagnostic]:
    wide = _utf16_bom(data)
    if wide:
        yield diag.warning(
            shown,
            "gate.utf16",
            f"file is encoded in {wide.upper()}; it was read correctly, but save it as UTF-8, "
            "the encoding every TEI tool expects",
            origin=_ORIGIN,
        )
        return
    version = _DECL_VERSION.match(data.lstrip(codecs.BOM_UTF8))
    if version is not None and version.group(2) != b"1.0":
        before = version.string[: version.start(1)]
        line = before.count(b"\n") + 1
        # libxml2 reads XML 1.0 alone: a 1.1 file is read by 1.0's rules, silently
        yield diag.warning(
            shown,
            "gate.xml-version",
            f"the XML declaration says version {version.group(2).decode('ascii')}, which is read "
            "as XML 1.0 (as most XML tools read it): characters that only XML 1.1 allows "
            '(control characters such as &#x7;) are errors; declare version="1.0"',
            line,
            len(before) - before.rfind(b"\n"),
            origin=_ORIGIN,
        )
    match = _DECL_ENCODING.match(data.lstrip(codecs.BOM_UTF8))
    declared = match.group(1).decode("ascii").lower() if match else "utf-8"
    # every part of ISO-8859 garbles UTF-8 as Latin-1 does (probe 164)
    single_byte = declared in _LATIN_NAMES or _reads_c1(declared)
    census = _census(data) if single_byte and not data.isascii() else None
    if census is not None and census.sequences and not census.strays:
        first, line = census.first(_UTF8_CHAR)
        # every byte before the first non-ASCII one is a character of its own
        column = first - data.rfind(b"\n", 0, first)
        # refused, not read as declared: its pages were published garbled ("ComitÃ©") and
        # became the last good version a later save fell back to (probe 98)
        yield diag.error(
            shown,
            "gate.encoding-mismatch",
            f"the XML declaration says {declared.upper()} but the bytes are UTF-8: read as "
            "declared, accented letters would be garbled, so the file is not read; change the "
            'declaration to encoding="UTF-8"',
            line,
            column,
            origin=_ORIGIN,
        )
        return
    if census is not None and census.clearly_utf8 and _decodes(census.stray_bytes(), declared):
        yield _mixed_note(data, declared, shown, census)
        return
    c1 = _c1_note(data, declared, shown)
    if c1 is not None:
        yield c1


#: Bytes 0x80 to 0x9F: C1 control characters in every part of ISO-8859, never text;
#: printable characters (dashes, typographic quotes, the euro sign) in the Windows code
#: pages, which write them there.
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
#: Every byte but 0x80-0x9F, to be deleted from bytes to keep those alone.
_NOT_C1 = bytes(range(0x80)) + bytes(range(0xA0, 0x100))
#: A byte that is no UTF-8, as decoding with "surrogateescape" gives it (U+DC80-U+DCFF).
_STRAY_CHAR = re.compile("[\udc80-\udcff]")
#: A UTF-8 character over U+007F, as that decoding gives it.
_UTF8_CHAR = re.compile("[^\x00-\x7f\udc80-\udcff]")
#: The bytes over 0x7F, to be deleted from bytes to count the others.
_HIGH = bytes(range(0x80, 0x100))
#: The Windows code page (Python's codec, the name to declare) written where a part of
#: ISO-8859 was meant: its letters mostly where the part has them, and printable
#: characters in 0x80-0x9F, which the part reads as C1 controls. A part Windows has no
#: code page for is absent.
_WINDOWS_OF = {
    "iso8859-1": ("cp1252", "windows-1252"),
    "iso8859-15": ("cp1252", "windows-1252"),
    "iso8859-9": ("cp1254", "windows-1254"),
    "iso8859-2": ("cp1250", "windows-1250"),
    "iso8859-4": ("cp1257", "windows-1257"),
    "iso8859-13": ("cp1257", "windows-1257"),
    "iso8859-5": ("cp1251", "windows-1251"),
    "iso8859-6": ("cp1256", "windows-1256"),
    "iso8859-7": ("cp1253", "windows-1253"),
    "iso8859-8": ("cp1255", "windows-1255"),
    "iso8859-11": ("cp874", "windows-874"),
}


class _Census(NamedTuple):
    """A file's bytes over 0x7F: those that form UTF-8 characters and those that do not
    (counted by Python's UTF-8 decoder, which takes no overlong form, no surrogate and
    nothing past U+10FFFF, at the speed of a decoding)."""

    sequences: int  # UTF-8 characters of two to four bytes
    in_sequences: int  # their bytes
    strays: int  # the other bytes over 0x7F
    text: str  # the bytes decoded as UTF-8, each stray byte as U+DC80-U+DCFF

    @property
    def mostly_utf8(self) -> bool:
        """Most of the bytes over 0x7F form UTF-8 characters: a UTF-8 file with stray bytes
        (probe 164: a UTF-8 file with one Latin-1 "é" was told to declare windows-1252, its
        em dash's bytes 0x80 and 0x94 counted as Windows-1252's, and the advice followed
        published "â€”"). Counted in bytes, so that the three of one dash outweigh one
        stray byte; bytes of a single-byte encoding seldom happen to form UTF-8 (a capital
        letter before a symbol, "Ã©")."""
        return self.sequences > 0 and self.in_sequences > self.strays

    @property
    def clearly_utf8(self) -> bool:
        """Mostly UTF-8, and more than a file in a single-byte encoding happens to hold: a
        character of three bytes or more (whose bytes 0x80-0xBF after a letter no Latin
        text writes), or three characters of two bytes at least and twice the stray bytes.
        A correct ISO-8859-1 file whose "ß«" and "ß»" (0xDF 0xAB, 0xDF 0xBB) form UTF-8
        pairs by chance was told to declare UTF-8 (probe 167)."""
        return self.mostly_utf8 and (
            self.in_sequences > 2 * self.sequences
            or (self.sequences >= 3 and self.in_sequences >= 2 * self.strays)
        )

    def stray_bytes(self) -> bytes:
        """The bytes over 0x7F that form no UTF-8 character, in file order."""
        return "".join(_STRAY_CHAR.findall(self.text)).encode("utf-8", "surrogateescape")

    def first(self, pattern: re.Pattern[str]) -> tuple[int, int]:
        """The byte offset and line of the first character ``pattern`` finds."""
        found = pattern.search(self.text)
        assert found is not None
        before = self.text[: found.start()]
        return len(before.encode("utf-8", "surrogateescape")), before.count("\n") + 1


def _census(data: bytes) -> _Census:
    text = data.decode("utf-8", "surrogateescape")
    high = len(data) - len(data.translate(None, _HIGH))
    strays = len(text) - len(data.decode("utf-8", "ignore"))
    sequences = len(text) - (len(data) - high) - strays
    return _Census(sequences, high - strays, strays, text)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _stray_meaning(byte: int) -> str:
    """What a byte that is no UTF-8 most likely was: a letter of Latin-1 (and Windows-1252,
    which agrees with it from 0xA0), or a character of Windows-1252 alone."""
    try:
        char = _visible(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:
        return ""
    return f", {char} in {'Latin-1 and ' if byte >= 0xA0 else ''}Windows-1252"


def _invalid_bytes_message(data: bytes) -> str:
    """What to do about bytes the parser cannot read in the declared encoding. In a file
    whose bytes over 0x7F are mostly UTF-8 characters, the others are stray bytes to type
    again (probe 164); else the declaration to suggest (``_encoding_example``)."""
    # the encoding as the file names it, else the default (probe 180: a file declaring UTF-8
    # was told "UTF-8 when its XML declaration names none")
    match = _DECL_ENCODING.match(data.lstrip(codecs.BOM_UTF8))
    named = match.group(1).decode("ascii") if match else ""
    said = (
        f"bytes that are not valid in the file's encoding ({named}, as its XML declaration says)"
        if named
        else "bytes that are not valid in the file's encoding (UTF-8: its XML declaration "
        "names none)"
    )
    census = _census(data)
    if not census.mostly_utf8:
        return f"{said}: save the file as UTF-8, or declare the encoding it is in" + (
            _encoding_example(census)
        )
    declared = named.lower() or "utf-8"
    keep = "keep the file UTF-8" if declared in ("utf-8", "utf8") else 'declare encoding="UTF-8"'
    count = census.strays
    if not count:  # UTF-8 throughout, under a multi-byte encoding's name (Shift_JIS)
        return f'{said}: its bytes are UTF-8; declare encoding="UTF-8"'
    stray = census.stray_bytes()[0]
    _, line = census.first(_STRAY_CHAR)
    return (
        f"{said}: the file is UTF-8 but for {_plural(count, 'stray byte')} "
        f"({census.in_sequences:,} of its {census.in_sequences + count:,} bytes over 0x7F form "
        f"UTF-8 characters); the first, on line {line}, is 0x{stray:02X}"
        f"{_stray_meaning(stray)}: a character saved in another encoding (pasted "
        f"from a Latin-1 or Windows-1252 file); type it again and {keep} (declaring a "
        "single-byte encoding would garble the UTF-8 characters)"
    )


def _encoding_example(census: _Census) -> str:
    """The declaration to suggest for bytes that are not UTF-8: Windows-1252 when some are in
    0x80-0x9F and all read as its characters, ISO-8859-1 when none is there (probe 163: a
    Windows-1252 file told to declare ISO-8859-1 published its dashes and apostrophes as the
    control characters U+0096 and U+0092), no name when such bytes are no Windows-1252.
    Only the bytes that form no UTF-8 character count (probe 164: the bytes 0x80 0x94 of an
    em dash are no Windows-1252 dash); UTF-8 characters beside them are named, as any
    single-byte encoding declared would garble them."""
    c1 = census.stray_bytes().translate(None, _NOT_C1)
    if not c1:
        advice = ' (<?xml version="1.0" encoding="ISO-8859-1"?>)'
    else:
        try:
            c1.decode("cp1252")
        except UnicodeDecodeError:
            advice = " (not ISO-8859-1, in which its bytes 0x80-0x9F would be control characters)"
        else:
            advice = (
                ' (<?xml version="1.0" encoding="windows-1252"?>: its bytes 0x80-0x9F are '
                "Windows-1252 characters such as dashes and quotation marks)"
            )
    if census.sequences:
        advice += (
            f"; but {_plural(census.sequences, 'character')} in it "
            f"{'is' if census.sequences == 1 else 'are'} UTF-8, which such a declaration "
            "would garble: the file mixes two encodings"
        )
    return advice


@functools.lru_cache(maxsize=64)
def _reads_c1(declared: str) -> bool:
    """Whether the parser reads bytes 0x80-0x9F, under this encoding name, as the control
    characters U+0080-U+009F. It does for every part of ISO-8859 and each alias of them it
    knows (ISO-8859-15, ISO-8859-2, csISOLatin1, iso-ir-100, IBM819 ...: probe 164, where
    the names of Latin-1 alone were known, and the others published a Windows-1252 dash as
    U+0096 without a word). Asked of the parser, with a document of those bytes."""
    if declared in ("utf-8", "utf8"):
        return False
    c1 = bytes(range(0x80, 0xA0))
    probe = b'<?xml version="1.0" encoding="%s"?><r>%s</r>' % (declared.encode("ascii"), c1)
    try:
        root = etree.fromstring(probe, etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.LxmlError, LookupError, ValueError):
        return False
    return bool(root.text == c1.decode("latin-1"))


@functools.lru_cache(maxsize=64)
def _codec(declared: str) -> str | None:
    """Python's codec for an encoding name the parser reads, or None. A name Python does
    not know ("ISO-LATIN-1") under which the parser reads C1 controls is the part of
    ISO-8859 whose characters 0xA0-0xFF are those the parser reads, byte by byte (a part
    leaves some undefined)."""
    try:
        return codecs.lookup(declared).name
    except LookupError:
        pass
    if not _reads_c1(declared):
        return None
    read: list[str | None] = []
    for byte in range(0xA0, 0x100):
        probe = b'<?xml version="1.0" encoding="%s"?><r>%c</r>' % (declared.encode("ascii"), byte)
        try:
            read.append(etree.fromstring(probe, etree.XMLParser(resolve_entities=False)).text)
        except (etree.LxmlError, LookupError, ValueError):
            read.append(None)
    for number in (*range(1, 12), *range(13, 17)):
        name = f"iso8859-{number}"
        table = [bytes([b]).decode(name, errors="ignore") or None for b in range(0xA0, 0x100)]
        if table == read:
            return name
    return None


def _c1_note(data: bytes, declared: str, shown: str) -> Diagnostic | None:
    """A warning for a file declared in a part of ISO-8859 that holds bytes 0x80-0x9F, or
    None. Read as declared they are C1 control characters, which XML allows but which are
    never text: such a file is almost always a Windows code page mislabelled (the WHATWG
    Encoding Standard reads the label iso-8859-1 as windows-1252), and its dashes and
    quotation marks were published as U+0096 and U+0092 without a word (probes 163, 164).
    The code page is declared only where it reads the file's other bytes as the part does
    (Windows-1252 for ISO-8859-1); where it reads some otherwise (the euro sign of
    ISO-8859-15, letters of ISO-8859-2 in Windows-1250), it is named with them, to check."""
    if not _reads_c1(declared):
        return None
    found = _C1_BYTES.search(data)
    if found is None:
        return None
    first = found.start()
    byte = data[first]
    line = data.count(b"\n", 0, first) + 1
    # one byte a character in a part of ISO-8859
    column = first - data.rfind(b"\n", 0, first)
    c1 = data.translate(None, _NOT_C1)
    said = declared.upper()
    part = _codec(declared)
    codec, label = _WINDOWS_OF.get(part or "", ("", ""))
    try:
        c1.decode(codec or "ascii")
    except UnicodeDecodeError:
        codec = ""  # bytes that code page leaves undefined (0x81 in Windows-1252)
    meant = _visible(bytes([byte]).decode(codec)) if codec else ""
    shown_label = label.capitalize()
    if not codec or part is None:
        advice = (
            f"the file is most likely in another encoding than {said}, such as a Windows code "
            "page: declare the encoding it is in (or save it as UTF-8)"
        )
    else:
        others = []
        for high in sorted(set(data.translate(None, bytes(range(0xA0))))):
            char = bytes([high])
            try:
                as_declared = char.decode(part)
            except UnicodeDecodeError:
                as_declared = ""
            if as_declared != char.decode(codec, errors="replace"):
                others.append((high, as_declared, char.decode(codec, errors="replace")))
        if not others:
            advice = (
                f"the file is most likely {shown_label}; declare "
                f'encoding="{label}" (or save it as UTF-8)'
            )
        else:
            high, as_declared, as_windows = others[0]
            advice = (
                f"the file is most likely {shown_label}, but {shown_label} also reads "
                f"{_plural(len(others), 'other byte')} of the file otherwise than {said} does "
                f"(0x{high:02X}: {_visible(as_declared) if as_declared else 'no character'} "
                f"in {said}, {_visible(as_windows)} in {shown_label}): see which the text is "
                f'in and declare it, encoding="{label}" or another (or save the file as UTF-8)'
            )
    return diag.warning(
        shown,
        "gate.c1-controls",
        f"the XML declaration says {said}, which reads byte 0x{byte:02X}"
        f"{f' ({meant} in {shown_label})' if meant else ''} as the control character "
        f"U+{byte:04X}, never text ({_plural(len(c1), 'such byte')} in the file): {advice}",
        line,
        column,
        origin=_ORIGIN,
    )


def _decodes(data: bytes, declared: str) -> bool:
    """Whether ``data`` are characters of the declared encoding, as Python reads it: where
    they are not, the parser refuses the file with an error that names the stray bytes, and
    a warning beside it would say the same (US-ASCII, 0x81 under Windows-1252)."""
    codec = _codec(declared)
    if codec is None:
        return True
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _mixed_note(data: bytes, declared: str, shown: str, census: _Census) -> Diagnostic:
    """A warning for a file declared in a single-byte encoding whose bytes over 0x7F mostly
    form UTF-8 characters, and some not: a UTF-8 file with stray bytes, mislabelled (probe
    164: its em dash published as "â€”" without a word, where a file of UTF-8 alone is
    refused). It is read, as declared; placed at the first UTF-8 character."""
    first, line = census.first(_UTF8_CHAR)
    # one byte a character as declared
    column = first - data.rfind(b"\n", 0, first)
    char = data[first : first + 4].decode("utf-8", "ignore")[:1]
    try:
        read = char.encode().decode(_codec(declared) or "latin-1")
    except UnicodeDecodeError:
        read = ""
    garbled = (
        f", read as {read}" if read and all(not (0x80 <= ord(c) <= 0x9F) for c in read) else ""
    )
    count = census.strays
    stray = census.stray_bytes()[0]
    _, stray_line = census.first(_STRAY_CHAR)
    said = declared.upper()
    return diag.warning(
        shown,
        "gate.encoding-mixed",
        f"the XML declaration says {said}, but {census.in_sequences:,} of the file's "
        f"{census.in_sequences + count:,} bytes over 0x7F form UTF-8 characters (the first "
        f"here, {_visible(char)}{garbled}), more than the "
        f"{_plural(count, 'byte')} that {'does' if count == 1 else 'do'} not (the first on "
        f"line {stray_line}: 0x{stray:02X}{_stray_meaning(stray)}): the file is most "
        f"likely UTF-8 with {'a stray byte' if count == 1 else 'stray bytes'} saved in another "
        "encoding, and read as declared its UTF-8 characters are published garbled; declare "
        'encoding="UTF-8" and type the stray characters again',
        line,
        column,
        origin=_ORIGIN,
    )


def _syntax_diagnostic(
    exc: etree.XMLSyntaxError,
    parser: etree.XMLParser,
    shown: str,
    dtd_ignored: bool,
    data: bytes = b"",
) -> Diagnostic:
    entries = [e for e in parser.error_log if e.level_name in ("FATAL", "ERROR")]
    entry = entries[0] if entries else None
    raw = entry.message if entry is not None else (exc.msg or "not well-formed")
    line = entry.line if entry is not None else exc.lineno
    column = entry.column if entry is not None else None
    code, message = _explain(raw, dtd_ignored, data)
    # libxml2 places a stray '&' at the character after it (probe 66)
    if column and column > 1 and raw.startswith("xmlParseEntityRef: no name"):
        column -= 1
    # a stray end tag after itself, at what follows it (probe 102: "</q></p>" placed at the
    # "</p>"): at its own "</", the last one of its name before libxml2's place on the line
    mismatch = _MISMATCH.match(raw)
    if mismatch and line and column and data:
        # the line in the file's own encoding (probe 111: a UTF-16 file's was never read as
        # UTF-8, and its stray end tag was placed after itself)
        lines = (columns.decode(data) or "").split("\n")
        text = lines[line - 1] if line <= len(lines) else ""
        found = text.rfind(f"</{mismatch.group(1)}", 0, column - 1)
        if found >= 0:
            column = found + 1
    # an undefined entity at its "&", where libxml2 places it after its ";" (probe 180)
    undefined = _UNDEFINED_ENTITY.search(raw) if code == "gate.undefined-entity" else None
    if undefined is not None and line and column and data:
        lines = (columns.decode(data) or "").split("\n")
        text = lines[line - 1] if line <= len(lines) else ""
        found = text.rfind(f"&{undefined.group(1)};", 0, column)
        if found >= 0:
            column = found + 1
    # a duplicate attribute and an undeclared prefix, which libxml2 places at the end of
    # the start tag, on its last line (probe 180: 43:24 for a second rend on line 42): at
    # the attribute, or at the tag's "<" (an element's prefix), as the README places them
    if code == "gate.not-well-formed" and line and column and data:
        line, column = _in_start_tag(data, line, column, raw) or (line, column)
    # an over-long text where the parser gave up, ten million characters into it (probe
    # 163: 12:10003667): at the start of the text, or of the markup that is too long
    if code == "gate.too-long" and line and column and data:
        line, column = _long_node_start(data, line, column) or (line, column)
    # and an entity bomb at the XML declaration (probe 98: 1:5): the first declaration of
    # an entity is what to remove
    declared = data.find(b"<!ENTITY") if code == "gate.entity-expansion" else -1
    if declared >= 0:
        line = data.count(b"\n", 0, declared) + 1
        column = declared - data.rfind(b"\n", 0, declared)
    return diag.error(shown, code, message, line or None, column or None, origin=_ORIGIN)


#: A piece of markup, whole: a comment, a CDATA section, a processing instruction, a
#: DOCTYPE (its internal subset's comments and quoted values may hold "]" and ">"), a start
#: or end tag (its attribute values quoted: a ">" may stand in them); else a lone "<", where
#: the markup does not end before the place the parser gave up.
_MARKUP = re.compile(
    r"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"""
    r"""|<!DOCTYPE(?:[^\[>"']|"[^"]*"|'[^']*')*"""
    r"""(?:\[(?:<!--.*?-->|"[^"]*"|'[^']*'|<(?!!--)|[^\]"'<])*\]\s*)?>"""
    r"""|<[^<>"'!?]*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>|<""",
    re.DOTALL,
)


#: libxml2's messages of a fault inside a start tag it placed at the tag's end.
_REDEFINED = re.compile(r"^Attribute (\S+) redefined")
_PREFIXED_ATTRIBUTE = re.compile(r"^Namespace prefix (\S+) for (\S+) on \S+ is not defined")
_PREFIXED_ELEMENT = re.compile(r"^Namespace prefix \S+ on \S+ is not defined")


def _in_start_tag(data: bytes, line: int, column: int, raw: str) -> tuple[int, int] | None:
    """Where in its start tag a fault libxml2 placed at the tag's end lies: the second
    ``name=`` of an attribute given twice, the ``prefix:name=`` of an attribute whose
    prefix is declared nowhere, the "<" of an element's. None for other faults, or when the
    tag is not found."""
    redefined = _REDEFINED.match(raw)
    attribute = _PREFIXED_ATTRIBUTE.match(raw)
    if redefined is None and attribute is None and _PREFIXED_ELEMENT.match(raw) is None:
        return None
    placed = _decoded_place(data, line, column)
    if placed is None:
        return None
    text, end = placed
    start = text.rfind("<", 0, end)  # no "<" in an attribute's value: the tag's own
    if start < 0:
        return None
    offset = start
    if redefined is not None or attribute is not None:
        name = (
            redefined.group(1)
            if redefined is not None
            else (f"{attribute.group(1)}:{attribute.group(2)}" if attribute is not None else "")
        )
        # the name as an attribute: after white space, before "=" (not inside a value)
        found = [
            m.start(1)
            for m in re.finditer(r"\s(" + re.escape(name) + r")\s*=", text[start : end + 1])
        ]
        if not found:
            return None
        offset = start + (found[1] if redefined is not None and len(found) > 1 else found[-1])
    begins = text.rfind("\n", 0, offset)
    return text.count("\n", 0, offset) + 1, offset - begins


def _decoded_place(data: bytes, line: int, column: int) -> tuple[str, int] | None:
    """The file's text and the offset in it of libxml2's ``line`` and ``column`` (from 1,
    the character after the place); None when the file cannot be decoded or has no such
    line."""
    text = columns.decode(data)
    if text is None:
        return None
    at = -1
    for _ in range(line - 1):
        at = text.find("\n", at + 1)
        if at < 0:
            return None
    return text, min(at + column, len(text))


def _long_node_start(data: bytes, line: int, column: int) -> tuple[int, int] | None:
    """Where the node the parser found too long begins (``line``, ``column``: where it gave
    up): the text after the last markup that ends before that place, or the markup that
    does not end before it (a name, a start tag, a comment over the limit). The markup is
    read from the start of the file, whole, so that a "<" or a quote inside a CDATA section
    or a comment is no tag (probe 164: placed at a "<b" inside a CDATA section). None when
    the file cannot be decoded."""
    placed = _decoded_place(data, line, column)
    if placed is None:
        return None
    text, stop = placed
    begin = -1
    for markup in _MARKUP.finditer(text, 0, stop):
        if markup.end() - markup.start() == 1:  # no end before the place: this markup
            begin = markup.start()
            break
        begin = markup.end()
    if begin < 0:
        return None
    return text.count("\n", 0, begin) + 1, begin - text.rfind("\n", 0, begin)


def _visible(char: str) -> str:
    """A character as a message can show it: by its name when it is a space, a control or
    a format character ("no-break space" for &nbsp;, where the message showed "( )": probe
    112), else itself."""
    import unicodedata

    if all(unicodedata.category(c)[0] not in "ZC" for c in char):
        return char
    return ", ".join(unicodedata.name(c, f"U+{ord(c):04X}").lower() for c in char)


_UNDEFINED_ENTITY = re.compile(r"Entity '([^']+)' not defined")
_MISMATCH = re.compile(r"Opening and ending tag mismatch: \S+ line \d+ and (\S+)")


def _explain(raw: str, dtd_ignored: bool = False, data: bytes = b"") -> tuple[str, str]:
    """Turn libxml2's wording into a message that says what to do, on one line (an
    unterminated CDATA section's spanned two, and broke file:line:col reports: probe 69).
    ``data``: the file's bytes, to name the encoding they are most likely in."""
    text = " ".join(raw.split()).rstrip(".")
    undefined = _UNDEFINED_ENTITY.search(text)
    if undefined:
        name = undefined.group(1)
        char = _html5().get(f"{name};")
        hint = (
            f"write the character itself ({_visible(char)}) or &#x{ord(char[0]):X};"
            if char
            else ("write the character itself or a numeric reference")
        )
        why = (
            "the DTD is not read, so only entities declared in the document itself count"
            if dtd_ignored
            else "TEI declares no named entities"
        )
        return ("gate.undefined-entity", f"entity &{name}; is not defined: {why}; {hint}")
    if "amplification" in text or "entity loop" in text.lower() or "Detected an entity" in text:
        return (
            "gate.entity-expansion",
            "entity expansion is too large (an entity bomb?): the file is refused; remove the "
            "entity declarations",
        )
    if "Invalid bytes in character encoding" in text or "not proper UTF-8" in text:
        return ("gate.encoding", _invalid_bytes_message(data))
    if "Unsupported encoding" in text or "unknown encoding" in text.lower():
        return ("gate.encoding", _lower_first(text) + ": declare UTF-8 and save the file as UTF-8")
    if "Excessive depth" in text:
        return (
            "gate.too-deep",
            "the file exceeds the parser's safety limits (elements nested deeper than 256 "
            "levels): the file is refused",
        )
    if "XML_PARSE_HUGE" in text or "huge" in text.lower():
        # a long text is no deep nesting (probe 108: a 20 MB line was "too-deep")
        return (
            "gate.too-long",
            "the file exceeds the parser's safety limits (a text, a name or a start tag with "
            "its attributes over 10 MB): the file is refused; split the text",
        )
    if "Document is empty" in text or "Start tag expected" in text:
        return ("gate.not-xml", "no XML root element found: this is not an XML file")
    for pattern, advice in _SYNTAX_ADVICE:
        found = pattern.search(text)
        if found is not None:
            return ("gate.not-well-formed", "not well-formed: " + advice.format(*found.groups()))
    return ("gate.not-well-formed", "not well-formed: " + _lower_first(text))


#: libxml2's words for the common slips of hand-edited XML, and what to do about each (probe
#: 66: "xmlParseEntityRef: no name" said nothing of the stray '&' it means).
_SYNTAX_ADVICE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), advice)
    for pattern, advice in (
        (
            r"^xmlParseEntityRef: no name",
            "a '&' that begins no entity or character reference; write &amp; for an ampersand",
        ),
        (
            r"^EntityRef: expecting ';'",
            "a reference begun with '&' does not end with ';' (an ampersand in an address or a "
            "text?); write &amp; for an ampersand, or end the reference with ';'",
        ),
        (
            r"^xmlParseCharRef: invalid xmlChar value (\d+)",
            "the character reference &#{0}; names a character XML does not allow (a control "
            "character, or half of a surrogate pair); remove it or write the character meant",
        ),
        (
            r"^CData section not finished",
            "a CDATA section begun with '<![CDATA[' is never closed; end it with ']]>'",
        ),
        (
            r"^Sequence '\]\]>' not allowed in content",
            "the characters ']]>' may not stand in a text; write ]]&gt;",
        ),
        (
            r"^Double hyphen within comment",
            "a comment may not hold '--'; remove it, or put a space between the hyphens",
        ),
        (
            r"^Specification mandates value for attribute (\S+)",
            'the attribute {0} has no value; write {0}="..." or remove it',
        ),
        (
            r"^XML declaration allowed only at the start of the document",
            "the XML declaration (<?xml ...?>) must be the very first thing in the file; remove "
            "what stands before it (a blank line, a space, another declaration); an "
            "instruction named xml further on (<?xml ...?> in the text) is not allowed either: "
            "rename it (names beginning with xml are reserved) or remove it",
        ),
        # probe 109: these three were libxml2's words alone
        (
            r"^[Ii]nvalid PI name",
            "an instruction (<?...?>) whose name is not allowed: the XML declaration is "
            "written <?xml ...?> in lower case, and other names beginning with xml are "
            'reserved; write <?xml version="1.0"?>, or rename or remove the instruction',
        ),
        (
            r"^[Nn]ame too long",
            "an element's or an attribute's name is over the parser's 50,000 characters: the "
            "file is damaged or generated wrongly; shorten the name",
        ),
        (
            r"^[Cc]omment too big",
            "a comment is over the parser's 10 MB: the file is refused; split or remove it",
        ),
        # probe 108: these three were libxml2's words alone
        (
            r"^error parsing attribute name",
            "a start tag goes on where it should end, or an attribute's name is broken: close "
            "the tag with '>' before the next '<', or write the attribute as name=\"value\"",
        ),
        (
            r"^expected '>'",
            "a tag is not closed: end it with '>'",
        ),
        # probe 142: a file cut off inside a start tag
        (
            r"^[Cc]ouldn't find end of Start Tag (\S+) line (\d+)",
            "the start tag <{0}> begun on line {1} is never closed: end it with '>' (the file "
            "may have been cut off there)",
        ),
        (
            r"^xmlns:(\S+): Empty XML namespace is not allowed",
            'the prefix {0} is declared with an empty namespace (xmlns:{0}=""), which XML '
            "does not allow: give it its namespace's URI, or remove the declaration",
        ),
        (
            r"invalid Char value (\d+)|Char 0x([0-9A-Fa-f]+) out of allowed range",
            "a character XML does not allow (a control character or a NUL byte) is in the "
            "text; remove it (it was probably pasted in or left by a conversion)",
        ),
        (
            r"^Comment not terminated",
            "a comment begun with '<!--' is never closed; end it with '-->' (and write no '--' "
            "inside it)",
        ),
        (
            r"^Extra content at the end of the document",
            "something follows the end tag of the root element; a TEI file has one root "
            "element: move what follows inside it, or remove it",
        ),
        (
            r"^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)",
            "the end tag </{2}> does not close the open <{0}> (begun on line {1}); close <{0}> "
            "first, or remove the stray end tag",
        ),
        (
            r"^Premature end of data in tag (\S+) line (\d+)",
            "the file ends before <{0}> (begun on line {1}) is closed; the file is cut short, or "
            "an end tag is missing",
        ),
        (
            r"^StartTag: invalid element name",
            "a '<' that begins no element: a less-than sign in the text (write &lt; for it), "
            "or a tag broken by a stray character or quote before it",
        ),
        (
            r"^AttValue: \\?[\"'] or [\"'] expected|^AttValue: [\"'] expected",
            "an attribute's value is not in quotes, or its closing quote is missing; write "
            'name="value"',
        ),
        (
            # probe 72: a quote left open lines above, reported where the next tag's '<' is
            r"^Unescaped '<' not allowed in attributes? values",
            "a '<' inside an attribute's value: a quote that opens a value before this point "
            "is probably never closed (look back to the start of the tag); else write &lt;",
        ),
        (
            r"^attributes construct error",
            "an attribute here is malformed: a value's closing quote missing, or a name "
            'without ="value"; write name="value", attributes apart by spaces',
        ),
        (
            # probe 72: '<?xml version="1.0" encoding="UTF-8">' said only this
            r"^Blank needed here",
            "a space is missing here, or a declaration is not closed: an XML declaration ends "
            'with "?>" (<?xml version="1.0" encoding="UTF-8"?>), and attributes are apart by '
            "spaces",
        ),
        (
            r"^Attribute (\S+) redefined",
            "the attribute {0} is given twice on one element; keep one",
        ),
        (
            r"^Namespace prefix (\S+) for (\S+) on (\S+) is not defined",
            "the prefix {0}: of the attribute {0}:{1} on <{2}> is declared nowhere; declare it "
            '(xmlns:{0}="...") on this element or the root, or remove the prefix',
        ),
        (
            r"^Namespace prefix (\S+) on (\S+) is not defined",
            "the prefix {0}: of <{0}:{1}> is declared nowhere; declare it "
            '(xmlns:{0}="...") on this element or the root, or remove the prefix',
        ),
    )
)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


#: Longer ``<?xml-model?>`` instructions are not read (a real one is a few hundred bytes).
MAX_INSTRUCTION = 8192
#: At most this many ``<?xml-model?>`` instructions of a file are read.
MAX_MODELS = 16


def _prolog_models(tree: etree._ElementTree) -> list[etree._ProcessingInstruction]:
    """The ``<?xml-model?>`` instructions before the root element, in document order."""
    found = []
    node = tree.getroot().getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            found.append(node)
        node = node.getprevious()
    return found[::-1]


def _xml_models(tree: etree._ElementTree) -> Iterator[XmlModel]:
    found: list[XmlModel] = []
    for position, node in enumerate(_prolog_models(tree)):
        text = node.text or ""
        attrs = pseudo_attributes(text) if len(text) <= MAX_INSTRUCTION else {}
        if "href" in attrs:
            found.append(
                XmlModel(
                    href=attrs["href"],
                    schematypens=attrs.get("schematypens", ""),
                    type=attrs.get("type", ""),
                    line=node.sourceline,
                    position=position,
                )
            )
    yield from found[:MAX_MODELS]


def unread_instructions(doc: SourceDocument) -> Iterator[Diagnostic]:
    """A warning for each ``<?xml-model?>`` that is not read: too long, or naming no ``href``
    in pseudo-attributes (probe 34: a Middle High German edition's ``href=”…”``, written with
    typographic quotes, was ignored without a word, and the file checked against the
    edition's own schema as one that names none), at its "<?"."""
    for position, node in enumerate(_prolog_models(doc.tree)):
        text = node.text or ""
        if len(text) > MAX_INSTRUCTION or "href" not in pseudo_attributes(text):
            # libxml2 gives an instruction the line where it ends: the warning names its first
            place = doc.model_place(position)
            line, column = place or (
                node.sourceline - text.count("\n") if node.sourceline else None,
                None,
            )
            if len(text) > MAX_INSTRUCTION:
                yield diag.warning(
                    doc.display,
                    "gate.long-instruction",
                    f"this xml-model instruction is {len(text):,} characters long, over "
                    f"the {MAX_INSTRUCTION:,} read: it is ignored",
                    line,
                    column,
                    origin=_ORIGIN,
                )
            elif "href" not in pseudo_attributes(text):
                curly = any(mark in text for mark in "“”‘’„")
                yield diag.warning(
                    doc.display,
                    "gate.unread-instruction",
                    "this xml-model instruction names no schema that can be read"
                    + (
                        ' (its values are in typographic quotes): write href="..." with '
                        "straight quotes"
                        if curly
                        else ': give it href="..."'
                    )
                    + "; it is ignored",
                    line,
                    column,
                    origin=_ORIGIN,
                )


def pseudo_attributes(text: str) -> dict[str, str]:
    """``name="value"`` pairs of a processing instruction, read in one pass (linear time).

    Anything that is not such a pair is skipped, character by character; a name that is not
    followed by ``=`` is skipped whole, so no part of the text is read twice.
    """
    found: dict[str, str] = {}
    i, end = 0, len(text)
    while i < end:
        if not (text[i].isalpha() or text[i] == "_"):
            i += 1
            continue
        start = i
        while i < end and (text[i].isalnum() or text[i] in "_.-:"):
            i += 1
        name = text[start:i]
        while i < end and text[i].isspace():
            i += 1
        if i >= end or text[i] != "=":
            continue
        i += 1
        while i < end and text[i].isspace():
            i += 1
        if i >= end or text[i] not in "\"'":
            continue
        close = text.find(text[i], i + 1)
        if close < 0:
            break
        found.setdefault(name, text[i + 1 : close])
        i = close + 1
    return found
