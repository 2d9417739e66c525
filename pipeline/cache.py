"""Incremental builds: what a build may take over from the published edition unchanged.

A published generation keeps, beside its outputs, the records of how they were made
(``cache/`` files named in its manifest): each source's facts with the size, time and inode of
the files they were read from, and each text's result (its index, diagnostics, images) with
the key of everything its page and book depend on. The next build:

- takes a file's facts over when the file and every file it includes have the same size,
  modification time and inode, and the gate is the same (``read key``: tool, limits, root);
- takes a text's result, page and book over (hard links; a long text's pages too, which its
  result names: ``builders/parts.py``) when its key is the same: the tool (every stylesheet,
  asset and module of this package), the build's settings (the page size among them), the
  registers, the site-wide page parameters and the text's own bytes, all by content;
- takes a site page (home, about, an index page) over when its key is the same.

A cache that cannot be read, or was made by another version, is not used: the build is a
full one (and says so). An incremental build gives the bytes a clean build gives.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__
from .builders.images import LocalImage
from .builders.index_checks import TextProblems, Untagged
from .diagnostics import Diagnostic, Severity
from .io import write_bytes_atomic
from .paths import ASSETS_DIR, PACKAGE_DIR, SCHEMA_DIR, XSLT_DIR
from .publish import Generation, SourceRecord, link_or_copy
from .sources import SourceFacts
from .texts import TextResult
from .xslt import ParamValue, XmlText

#: 4: a text's facts say whether it has index entries (``SourceFacts.subjects``).
#: 5: a corpus's facts name the files it includes as members (``SourceFacts.members``), a
#: text's the files its names point into (``SourceFacts.name_links``).
#: 6: a bibliography file is a register, its lists its works (``stages.bibliographies``).
#: 7: a register's facts carry its title (``SourceFacts.title``), which names its download.
#: 8: a text's header record carries its first dateline's date (``ed:dateline``, ``ed:saluted``:
#: pipeline/datelines.py), which the home page's calendar of letters reads.
#: 9: and whether the text greets its reader (``ed:greets``): the calendar lists such a text
#: as a letter, the other texts apart (probe 163).
FORMAT = "9"
CACHE = "cache"


@functools.lru_cache(maxsize=1)
def tool_digest() -> str:
    """The program itself, by content: its modules, stylesheets, assets and schemas."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for folder in (PACKAGE_DIR, XSLT_DIR, ASSETS_DIR, SCHEMA_DIR):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder.parent).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


def key(*parts: object) -> str:
    """A digest of JSON-able parts (strings, numbers, lists, dicts)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def params_digest(params: Mapping[str, ParamValue]) -> str:
    return key({k: (v.text if isinstance(v, XmlText) else v) for k, v in sorted(params.items())})


def file_digest(path: Path | None) -> str:
    """A configured file (guide, introduction) by content; "" when there is none."""
    if path is None:
        return ""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def stat_of(path: str | Path) -> list[int] | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


# -- records to and from JSON ------------------------------------------------------------------


def _same_stats(stats: object) -> bool:
    """Whether every file of a record's ``{path: stat}`` still has that stat."""
    return isinstance(stats, dict) and all(stat_of(p) == s for p, s in stats.items())


def _diagnostic(d: Diagnostic) -> list[object]:
    return [d.path, d.line, d.column, d.severity.value, d.code, d.message, d.origin]


def _undiagnostic(v: list[object]) -> Diagnostic:
    line, column = v[1], v[2]
    return Diagnostic(
        str(v[0]),
        int(line) if isinstance(line, int) else None,
        int(column) if isinstance(column, int) else None,
        Severity(str(v[3])),
        str(v[4]),
        str(v[5]),
        str(v[6]),
    )


def facts_json(facts: SourceFacts) -> dict[str, object]:
    return {
        "path": str(facts.path),
        "display": facts.display,
        "kind": facts.kind,
        "sha256": facts.sha256,
        "lists": facts.lists,
        "header": facts.header,
        "revised": list(facts.revised),
        "included": [list(i) for i in facts.included],
        "members": list(facts.members),
        "xml_id": facts.xml_id,
        "title": facts.title,
        "kept": asdict(facts.kept) if facts.kept is not None else None,
        "licence": list(facts.licence),
        "diagnostics": [_diagnostic(d) for d in facts.diagnostics],
        "images": list(facts.images),
        "schemas": list(facts.schemas),
        "links": [list(link) for link in facts.links],
        "name_links": [list(link) for link in facts.name_links],
        "used_ids": list(facts.used_ids),
        "keyed": [list(k) for k in facts.keyed],
        "subjects": facts.subjects,
    }


def facts_of_json(data: Mapping[str, object]) -> SourceFacts:
    kept = data["kept"]
    return SourceFacts(
        path=Path(str(data["path"])),
        display=str(data["display"]),
        kind=str(data["kind"]),
        sha256=str(data["sha256"]),
        lists=str(data["lists"]),
        header=str(data["header"]),
        revised=tuple(str(r) for r in _list(data["revised"])),
        included=tuple((str(i[0]), str(i[1])) for i in _list(data["included"])),
        members=tuple(str(m) for m in _list(data.get("members", []))),
        xml_id=str(data["xml_id"]),
        title=str(data["title"]),
        kept=SourceRecord(**kept) if isinstance(kept, dict) else None,
        licence=(str(_list(data["licence"])[0]), str(_list(data["licence"])[1])),
        diagnostics=tuple(_undiagnostic(d) for d in _list(data["diagnostics"])),
        images=tuple(str(i) for i in _list(data.get("images", []))),
        schemas=tuple(str(s) for s in _list(data.get("schemas", []))),
        links=tuple((str(t), int(str(n))) for t, n in map(_list, _list(data.get("links", [])))),
        name_links=tuple(
            (str(t), int(str(n))) for t, n in map(_list, _list(data.get("name_links", [])))
        ),
        used_ids=tuple(str(c) for c in _list(data.get("used_ids", []))),
        keyed=tuple(
            (str(k[0]), str(k[1]), str(k[2]), str(k[3])) for k in map(_list, _list(data["keyed"]))
        ),
        subjects=data["subjects"] is True,
    )


def result_json(result: TextResult) -> dict[str, object]:
    return {
        "path": str(result.path),
        "display": result.display,
        "index": result.index,
        "page": result.page,
        "book": result.book,
        "pages": list(result.pages),
        "diagnostics": [_diagnostic(d) for d in result.diagnostics],
        "images": [asdict(i) for i in result.images],
        "references": [_diagnostic(d) for d in result.problems.references],
        "untagged": [asdict(u) for u in result.problems.untagged],
        "name": result.name,
    }


def result_of_json(data: Mapping[str, object]) -> TextResult:
    return TextResult(
        path=Path(str(data["path"])),
        display=str(data["display"]),
        index=str(data["index"]),
        page=bool(data["page"]),
        book=bool(data["book"]),
        pages=tuple(str(p) for p in _list(data["pages"])),
        diagnostics=tuple(_undiagnostic(d) for d in _list(data["diagnostics"])),
        images=tuple(LocalImage(**i) for i in _list(data["images"])),
        problems=TextProblems(
            tuple(_undiagnostic(d) for d in _list(data["references"])),
            tuple(Untagged(**u) for u in _list(data["untagged"])),
        ),
        name=str(data.get("name", "")),
    )


def _list(value: object) -> list:  # type: ignore[type-arg]
    if not isinstance(value, list):
        raise ValueError("a list was expected")
    return value


# -- reading the previous build's records ----------------------------------------------------------


@dataclass
class Cache:
    """The records of the published generation, and those the new one collects."""

    previous: Generation | None
    #: The build's own key: tool and settings; records made under another key are not used.
    build_key: str
    #: The key of the first pass: tool, size limit, corpus root.
    read_key: str
    #: The new generation, where reused records and files are linked and new ones written.
    root: Path = Path()
    new: dict[str, dict[str, object]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.new = {"sources": {}, "texts": {}, "pages": {}, "blobs": {}}
        self._old: dict[str, object] = {}
        #: The sources whose facts were taken over (``facts``).
        self._taken: set[str] = set()
        if self.previous is None:
            return
        old = self.previous.manifest.cache
        if old.get("format") != FORMAT:
            if old:
                self.notes.append("the output folder's build records are of another version")
            return
        self._old = old

    # first pass ----------------------------------------------------------------------------

    def facts(self, path: Path) -> SourceFacts | None:
        """The previous build's facts of ``path`` when nothing it was read from has changed."""
        entry = self._entry("sources", str(path))
        if entry is None or entry.get("read_key") != self.read_key:
            return None
        stats = entry.get("stats")
        if not stats or not _same_stats(stats):
            return None
        data = self._load(str(entry.get("file", "")))
        if data is None:
            return None
        try:
            facts = facts_of_json(data)
        except (KeyError, TypeError, ValueError):
            return None
        if facts.kept is not None and self.previous is not None:
            snapshot = facts.kept.snapshot
            if not link_or_copy(self.previous.root / snapshot, self.root / snapshot):
                return None
        self.new["sources"][str(path)] = entry
        self._taken.add(str(path))
        return facts

    def unchanged(self, facts: SourceFacts) -> bool:
        """Whether the files ``facts`` were taken over for (``facts``) still have the size,
        time and inode they had when the last build read them: the same bytes, as far as
        this cache ever trusts (False for facts read by this build: their files are read
        again to tell)."""
        entry = self.new["sources"].get(str(facts.path))
        if str(facts.path) not in self._taken or not isinstance(entry, dict):
            return False
        return _same_stats(entry.get("stats"))

    def keep_facts(self, facts: SourceFacts) -> None:
        if facts.from_snapshot or facts.kind == "failed":
            return  # a fallback is read again next time: the file may be mended by then
        stats = {str(facts.path): stat_of(facts.path)}
        stats.update({p: stat_of(p) for p, _ in facts.included})
        if any(s is None for s in stats.values()):
            return
        name = f"{CACHE}/sources/{key(str(facts.path))[:32]}.json"
        self._store(name, facts_json(facts))
        self.new["sources"][str(facts.path)] = {
            "read_key": self.read_key,
            "stats": stats,
            "file": name,
        }

    # second pass ---------------------------------------------------------------------------

    def result(self, stem: str, text_key: str, outputs: Iterable[str]) -> TextResult | None:
        """The previous build's result of a text, its page and book linked into the new
        generation, when its key is the same; None otherwise."""
        entry = self._entry("texts", stem)
        if entry is None or entry.get("key") != text_key or self.previous is None:
            return None
        data = self._load(str(entry.get("file", "")))
        if data is None:
            return None
        try:
            result = result_of_json(data)
        except (KeyError, TypeError, ValueError):
            return None
        if not _same_stats(entry.get("deps")):
            return None  # an image the page or book shows has changed
        wanted = {"html": result.page, "epub": result.book}
        for output in outputs:
            if wanted.get(output) and not self._link(output, stem):
                return None
        self.new["texts"][stem] = entry
        return result

    def keep_result(self, stem: str, text_key: str, result: TextResult) -> None:
        if result.changed:
            return
        deps = {image.source: stat_of(image.source) for image in result.images}
        name = f"{CACHE}/texts/{key(stem)[:32]}.json"
        self._store(name, result_json(result))
        self.new["texts"][stem] = {"key": text_key, "file": name, "deps": deps}

    # site pages ------------------------------------------------------------------------------

    def matches(self, unit: str, unit_key: str) -> bool:
        """Whether the previous build recorded the site-wide unit under the same key (its
        files are not looked at)."""
        entry = self._entry("pages", unit)
        return entry is not None and entry.get("key") == unit_key and self.previous is not None

    def has_files(self, unit: str, unit_key: str, names: Iterable[str]) -> bool:
        """Whether ``files`` would take the unit over (nothing is linked)."""
        if not self.matches(unit, unit_key):
            return False
        assert self.previous is not None
        root = str(self.previous.root)
        return all(os.path.isfile(os.path.join(root, n)) for n in names)

    def files(self, unit: str, unit_key: str, names: Iterable[str]) -> bool:
        """Link the files of a site-wide unit (``html/index.html`` ...) made by the previous
        build when its key is the same; False (and nothing linked) otherwise."""
        names = list(names)
        if not self.has_files(unit, unit_key, names):
            return False
        assert self.previous is not None
        entry = self._entry("pages", unit)
        old, new = str(self.previous.root), str(self.root)
        for name in names:  # string paths: a search bundle has hundreds of files
            link_or_copy(os.path.join(old, name), os.path.join(new, name))
        self.new["pages"][unit] = entry
        return True

    def keep_files(self, unit: str, unit_key: str, kept: Mapping[str, str] | None = None) -> None:
        """Record a site-wide unit made by this build; ``kept`` (strings by name) is kept with
        it for the next build (``unit_notes``)."""
        entry: dict[str, object] = {"key": unit_key}
        if kept:
            entry["notes"] = dict(kept)
        self.new["pages"][unit] = entry

    def unit_notes(self, unit: str) -> dict[str, str]:
        """What the previous build kept with a unit (``keep_files``), whatever its key; empty
        when there is none, or the build's tool or settings were others."""
        entry = self._entry("pages", unit)
        found = entry.get("notes") if entry is not None else None
        if not isinstance(found, dict):
            return {}
        return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}

    def blob(self, name: str, blob_key: str) -> str | None:
        """A text the previous build computed under the same key (the entity skeleton)."""
        entry = self._entry("blobs", name)
        if entry is None or entry.get("key") != blob_key:
            return None
        data = self._load(str(entry.get("file", "")))
        value = data.get("text") if data is not None else None
        if not isinstance(value, str):
            return None
        self.new["blobs"][name] = entry
        return value

    def keep_blob(self, name: str, blob_key: str, text: str) -> None:
        file = f"{CACHE}/blobs/{key(name)[:32]}.json"
        self._store(file, {"text": text})
        self.new["blobs"][name] = {"key": blob_key, "file": file}

    # plumbing ------------------------------------------------------------------------------

    def finish(self, generation: Generation) -> None:
        """Name the records in the new generation's manifest."""
        generation.manifest.cache = {"format": FORMAT, "build_key": self.build_key, **self.new}

    def _entry(self, section: str, name: str) -> dict[str, object] | None:
        table = self._old.get(section)
        entry = table.get(name) if isinstance(table, dict) else None
        if not isinstance(entry, dict):
            return None
        if section != "sources" and self._old.get("build_key") != self.build_key:
            return None
        return entry

    def _load(self, name: str) -> dict[str, object] | None:
        if self.previous is None or not name.startswith(f"{CACHE}/") or ".." in name:
            return None
        source = self.previous.root / name
        try:
            data = json.loads(source.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        link_or_copy(source, self.root / name)  # the record lives on in the new generation
        return data

    def _store(self, name: str, data: Mapping[str, object]) -> None:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        write_bytes_atomic(self.root / name, text.encode("utf-8"))

    def _link(self, output: str, stem: str) -> bool:
        assert self.previous is not None
        keys = self.previous.manifest.owned_by(output, stem)
        old, new = str(self.previous.root), str(self.root)
        return bool(keys) and all(
            link_or_copy(os.path.join(old, k), os.path.join(new, k)) for k in keys
        )
