"""The edition a file belongs to: its settings, its files' references, its register entries.

``Project.analyse(path, text)`` checks an editor's buffer exactly as ``edition check``
checks a file (``check_file``: the gate, RELAX NG, Schematron; then the reference problems
against the facts of every other file of the edition), so the codes and messages are the
same. It is two steps, for long texts: ``first_pass`` (all but the Schematron rules) and
``finish`` (the rules added, the reference problems they tell better left out).

Meanwhile it keeps an index of the corpus: for every file its reference facts
(``validate.references.facts``) and its register entries with their names and notes, read
again when a file changes on disk; the buffers open in the editor stand in for their files.
Completion, hover, go-to-definition and find-references read that index.

A file's edition is the folder of the nearest ``pyproject.toml`` with a ``[tool.edition]``
table above it: its ``sources`` are the corpus. Without one, the corpus is the file and the
``registers/`` folders near it (as ``edition check`` reads them for a single file).
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from .. import columns, xinclude
from .. import config as config_module
from ..check import RNG_NS, CheckOptions, untold
from ..check_file import DOCUMENT_ROOTS, FirstPass, begin_bytes
from ..diagnostics import Diagnostic
from ..errors import EditionError
from ..gate import (
    TEI_NS,
    XML_ID,
    SourceDocument,
    discover,
    parse_bytes,
    pseudo_attributes,
    read_bytes,
)
from ..paths import DEFAULT_SCHEMA
from ..stages import ENTRY_KINDS, is_text
from ..validate import references
from ..xinclude import corpus_root

_DECLARED = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ROOT_ELEMENT = re.compile(r"<(?![?!])")
_NAME_ELEMENTS = ("persName", "placeName", "orgName", "name", "objectName", "eventName")
_ENTRY_TAGS = tuple(f"{{{TEI_NS}}}{kind}" for kind in ENTRY_KINDS)
#: Longest note shown in a completion or hover.
NOTE_LIMIT = 400


@dataclass(frozen=True)
class Entry:
    """A register entry: what completion and hover show of it, and where it is."""

    id: str
    kind: str  # person, place, org, ...
    label: str  # its preferred name
    note: str
    path: Path
    line: int


@dataclass(frozen=True)
class Mention:
    path: Path
    line: int
    element: str
    attribute: str
    fragment: str


@dataclass(frozen=True)
class Analysis:
    """A buffer checked but for its Schematron rules (``Project.first_pass``)."""

    diagnostics: tuple[Diagnostic, ...]
    begun: FirstPass
    #: The buffer's reference problems against the corpus (None: no facts, no references).
    resolved: tuple[Diagnostic, ...] | None

    @property
    def final(self) -> bool:
        """Whether ``diagnostics`` are already the whole check's (no rules left to run)."""
        return not self.begun.rules_left


@dataclass(frozen=True)
class FileIndex:
    path: Path
    stamp: tuple[int, int] | None  # (mtime_ns, size) of the file read; None for a buffer
    facts: references.FileFacts
    entries: tuple[Entry, ...]
    register: bool  # entries and no text: its declarations come first
    #: The files it includes whole through xi:include (resolved).
    includes: frozenset[Path] = frozenset()


def encode(text: str, path: Path | None = None) -> bytes:
    """A buffer's text as the bytes its file would hold: in its declared encoding, but a wide
    one (UTF-16, UTF-32) only when the file on disk has the byte order mark that makes it
    so. An editor shows a file of one byte a character that declares UTF-16 as it shows any
    other, and the check says the file cannot be that (probe 121: the server said "read
    correctly"). A lone surrogate is kept as the bytes that stand for it, for the gate to
    tell (it made the server say nothing)."""
    declared = _DECLARED.match(text[:200])
    if declared is not None:
        name = declared.group(1)
        wide = name.lower().replace("-", "").startswith(("utf16", "utf32", "ucs"))
        if not wide or _has_wide_mark(path):
            try:
                return text.encode(name)
            except (LookupError, UnicodeEncodeError):
                pass
    return text.encode("utf-8", "surrogatepass")


def _has_wide_mark(path: Path | None) -> bool:
    """Whether the file at ``path`` begins with a UTF-16 or UTF-32 byte order mark; a buffer
    of no file is taken at its word."""
    if path is None:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        return True
    return head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))


def entries_of(doc: SourceDocument) -> tuple[Entry, ...]:
    found = []
    for element in doc.root.iter(etree.Element):
        value = element.get(XML_ID)
        if value is None or not element.tag.startswith(f"{{{TEI_NS}}}"):
            continue
        # an entry of a list, or one nested in an entry (a camp in a town in a country:
        # Guidelines 13.3.4), which the check and the build resolve: hover, definition and
        # completion knew none of the edition's nested places (probe 111)
        parent = element.getparent()
        while parent is not None and element.tag in _ENTRY_TAGS and parent.tag in _ENTRY_TAGS:
            parent = parent.getparent()
        if parent is None or not etree.QName(parent).localname.startswith("list"):
            continue
        path, line = doc.locate(element)
        found.append(
            Entry(
                value.strip(),
                etree.QName(element).localname,
                _label(element),
                _note(element),
                Path(path).resolve(),
                line or 1,
            )
        )
    return tuple(found)


def _label(entry: etree._Element) -> str:
    names = [
        c for c in entry if isinstance(c.tag, str) and etree.QName(c).localname in _NAME_ELEMENTS
    ]
    names.sort(key=lambda n: n.get("type") != "preferred")
    return " ".join("".join(names[0].itertext()).split()) if names else ""


def _note(entry: etree._Element) -> str:
    for child in entry:
        if isinstance(child.tag, str) and etree.QName(child).localname == "note":
            text = " ".join("".join(child.itertext()).split())
            return text if len(text) <= NOTE_LIMIT else text[: NOTE_LIMIT - 1] + "…"
    return ""


def find_root(path: Path, fallback: Path | None = None) -> Path | None:
    """The folder of the nearest ``pyproject.toml`` with ``[tool.edition]`` above ``path``."""
    return config_module.edition_folder(path.resolve().parent, stop=fallback)


class Project:
    """One edition: its check settings, its corpus, and the index of the corpus."""

    def __init__(self, root: Path | None, anchor: Path) -> None:
        self.root = root
        self.problem = ""  # why the settings could not be read, if they could not
        cfg = config_module.Config()
        if root is not None:
            try:
                cfg = config_module.load(root)
            except EditionError as exc:
                self.problem = str(exc)
        base = root or anchor.parent
        self.sources = cfg.sources if cfg.sources.is_absolute() else base / cfg.sources
        # a root setting that is no folder is told, and the project's folder read instead
        # (probe 130: since it is asked where used, the server took "nope" and read no
        # include)
        try:
            configured = cfg.corpus_root(None)
        except EditionError as exc:
            self.problem = self.problem or str(exc)
            configured = None
        self.options = CheckOptions(
            max_errors=cfg.max_errors,
            max_bytes=cfg.max_bytes,
            jobs=1,
            root=corpus_root([self.sources if root is not None else anchor], configured),
            default_schema=cfg.schema or DEFAULT_SCHEMA,
            default_schematron=cfg.default_rules,
        )
        self.anchor = anchor
        self._lock = threading.Lock()
        self._files: dict[Path, FileIndex] = {}
        self._buffers: set[Path] = set()
        self._entries: dict[str, Entry] = {}
        self._runs = itertools.count(1)

    # -- the corpus -------------------------------------------------------------------------

    def corpus(self) -> list[Path]:
        """The edition's files: its sources, or one file and the registers near it."""
        if self.root is not None and self.sources.exists():
            found = [p.resolve() for p in discover([self.sources])[0]]
        else:
            found = [self.anchor.resolve()]
        found.extend(p.resolve() for p in references.context_files(found))
        return sorted(set(found))

    def refresh(self) -> None:
        """Read again every file of the corpus that changed on disk (buffers excepted)."""
        files = dict(self._files)
        wanted = set(self.corpus()) | self._buffers
        for path in list(files):
            if path not in wanted:
                del files[path]
        for path in sorted(wanted - self._buffers):
            try:
                stat = path.stat()
            except OSError:
                files.pop(path, None)
                continue
            stamp = (stat.st_mtime_ns, stat.st_size)
            known = files.get(path)
            if known is not None and known.stamp == stamp:
                continue
            indexed = self._read(path, stamp)
            if indexed is None:
                files.pop(path, None)
            else:
                files[path] = indexed
        self._publish(files)

    def _read(self, path: Path, stamp: tuple[int, int]) -> FileIndex | None:
        data, refusal = read_bytes(path, self.options.max_bytes)
        if refusal is not None:
            return None
        gated = parse_bytes(data, path, max_bytes=self.options.max_bytes, root=self.options.root)
        if gated.document is None:
            return None
        return _index(gated.document, stamp)

    def _publish(self, files: dict[Path, FileIndex]) -> None:
        """Swap in new maps (readers on other threads see the old ones or the new ones)."""
        entries: dict[str, Entry] = {}
        for indexed in sorted(files.values(), key=lambda f: (not f.register, str(f.path))):
            for entry in indexed.entries:
                entries.setdefault(entry.id, entry)
        with self._lock:
            self._files = files
            self._entries = entries

    # -- a buffer ---------------------------------------------------------------------------

    def analyse(
        self, path: Path, text: str, open_texts: Mapping[Path, str] | None = None
    ) -> list[Diagnostic]:
        """The diagnostics ``edition check`` would report for ``path`` if it held ``text``
        (and the files of ``open_texts``, the other open buffers, theirs)."""
        return self.finish(self.first_pass(path, text, open_texts))

    def first_pass(
        self, path: Path, text: str, open_texts: Mapping[Path, str] | None = None
    ) -> Analysis:
        """``analyse`` but for the Schematron rules (``finish`` runs them): the gate, the
        schemas' problems, RELAX NG and the references; the index takes the buffer. A part
        it includes is read from its open buffer, if any (``open_texts``)."""
        path = path.resolve()
        # a run of its own: a schema edited meanwhile is read again (a server's whole life
        # was one run, and kept the rules it had first read)
        options = replace(self.options, run=f"lsp-{next(self._runs)}")
        buffers = {p.resolve(): encode(t, p) for p, t in (open_texts or {}).items() if p != path}
        with xinclude.open_buffers(buffers):
            begun = begin_bytes(encode(text, path), path, options)
        found = begun.diagnostics()
        self.refresh()
        if begun.facts is None:
            return Analysis(tuple(found), begun, None)
        facts = begun.facts
        others = [f.facts for p, f in self._files.items() if p != path]
        with columns.buffer(path, text):  # placed in the buffer, not the saved file
            resolved = tuple(references.resolve([facts], others))
        found.extend(untold(found, resolved, self.options.max_errors))
        entries: tuple[Entry, ...] = ()
        register = False
        if begun.doc is not None and any(fact.register_entry for fact in facts.ids):
            entries = entries_of(begun.doc)
            register = not is_text(begun.doc)
        files = dict(self._files)
        includes: frozenset[Path] = frozenset()
        if begun.doc is not None:
            includes = frozenset(p.path.resolve() for p in begun.doc.parts if p.whole)
        files[path] = FileIndex(path, None, facts, entries, register, includes)
        self._buffers.add(path)
        self._publish(files)
        return Analysis(tuple(self._within(found, begun)), begun, resolved)

    def finish(self, first: Analysis) -> list[Diagnostic]:
        """The whole of ``analyse`` from its ``first_pass``: the rules' diagnostics added,
        and the reference problems they tell better left out."""
        found = list(first.begun.finish().diagnostics)
        if first.resolved is not None:
            found.extend(untold(found, first.resolved, self.options.max_errors))
        return self._within(found, first.begun)

    def _within(self, found: list[Diagnostic], begun: FirstPass) -> list[Diagnostic]:
        """``found`` but what only a document is told, for a part kept apart to be included
        (a bare div) that a file of the corpus includes: it is checked within that file, as
        ``edition check`` checks it (probe 140: its root was "not allowed as the root
        element", and its schema the default's, where the check passes it)."""
        doc = begun.doc
        if doc is None or doc.root.tag in DOCUMENT_ROOTS:
            return found
        path = doc.path.resolve()
        with self._lock:
            included = any(path in f.includes for f in self._files.values() if f.path != path)
        if not included:
            return found
        root = doc.element_place(doc.root)
        # (the note of the schema it is checked against stays: it says where the words of
        # its other problems come from, probe 144)
        return [
            d for d in found
            if not (d.code == "rng.unexpected-element" and (d.line, d.column) == root)
        ]  # fmt: skip

    def closed(self, path: Path) -> None:
        """The editor closed ``path``: its file on disk stands for it again."""
        self._buffers.discard(path.resolve())
        files = dict(self._files)
        files.pop(path.resolve(), None)
        self._publish(files)

    def schema(self, path: Path, text: str) -> Path | None:
        """The RELAX NG schema a check of ``text`` uses: ``--schema``, else the first local
        RELAX NG ``<?xml-model?>`` before the root element, else the edition's default."""
        if self.options.schema is not None:
            return self.options.schema
        root = _ROOT_ELEMENT.search(text, 0, 16384)
        prolog = text[: root.start() if root else 16384]
        models = False
        for chunk in prolog.split("<?xml-model")[1:]:
            models = True
            pseudo = pseudo_attributes(chunk.split("?>", 1)[0])
            href = pseudo.get("href", "")
            is_rng = pseudo.get("schematypens") == RNG_NS or href.endswith(".rng")
            if href and "://" not in href and is_rng:
                target = (path.parent / href).resolve()
                return target if target.is_file() else None
        return None if models else self.options.default_schema

    # -- what the index answers ---------------------------------------------------------------

    def entries(self) -> dict[str, Entry]:
        with self._lock:
            return self._entries

    def entry(self, pointer: str, source: Path) -> Entry | None:
        """The entry ``#id`` (or ``file.xml#id``) written in ``source`` points at."""
        file_part, _, fragment = pointer.partition("#")
        if not fragment:
            return None
        entries = self.entries()
        found = entries.get(fragment)
        if not file_part:
            return found
        target = (source.parent / file_part).resolve()
        with self._lock:
            indexed = self._files.get(target)
        if indexed is None:
            return None
        return next((e for e in indexed.entries if e.id == fragment), None)

    def mentions(self, entry: Entry) -> list[Mention]:
        """Every pointer of the corpus that resolves to ``entry``."""
        with self._lock:
            files = list(self._files.values())
        found: list[Mention] = []
        indexed_paths = {f.path for f in files}
        for indexed in files:
            own = {fact.value for fact in indexed.facts.ids}
            for pointer in indexed.facts.pointers:
                # (an entry nested in it is told as a use of it by the check, no pointer
                # anyone wrote: it has no place to show)
                if (
                    pointer.fragment != entry.id
                    or pointer.attribute == "xml:id"
                    or pointer.entry_only  # (an address, "ref=dresden": no use of it)
                ):
                    continue
                if pointer.origin is not None and pointer.origin.resolve() in indexed_paths:
                    # a part's pointer, read in the part itself too (probe 140: "3 mentions"
                    # where the index counts 2)
                    continue
                written = pointer.origin or indexed.path
                if pointer.file:
                    if (written.parent / pointer.file).resolve() != entry.path:
                        continue
                elif pointer.fragment in own and indexed.path != entry.path:
                    continue  # resolves in its own document first
                found.append(
                    Mention(
                        written.resolve(),
                        pointer.line or 1,
                        pointer.element,
                        pointer.attribute,
                        pointer.fragment,
                    )
                )
        return sorted(found, key=lambda m: (str(m.path), m.line))


def _index(doc: SourceDocument, stamp: tuple[int, int] | None) -> FileIndex:
    entries = entries_of(doc)
    register = bool(entries) and not is_text(doc)
    includes = frozenset(p.path.resolve() for p in doc.parts if p.whole)
    return FileIndex(doc.path.resolve(), stamp, references.facts(doc), entries, register, includes)


class Projects:
    """The projects of the open files, each made once."""

    def __init__(self, workspace: Path | None = None) -> None:
        self.workspace = workspace
        self._projects: dict[Path, Project] = {}
        self._lock = threading.Lock()

    def of(self, path: Path) -> Project:
        root = find_root(path)
        with self._lock:
            key = root if root is not None else path.resolve()
            project = self._projects.get(key)
            if project is None:
                project = self._projects[key] = Project(root, path.resolve())
            return project
