"""Reference integrity across a corpus: ids unique, pointers resolve to the right kind of entry.

Runs in two steps so that the per-file part can happen in worker processes:
``facts(doc)`` extracts a small picklable record of a file's ids and pointers; ``resolve``
looks at the records of the whole corpus and returns diagnostics (codes ``refs.*``).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..gate import TEI_NS, XML_ID, SourceDocument

_ORIGIN = "references"
#: TEI attributes whose values are (lists of) pointers.
POINTER_ATTRIBUTES = (
    "ref",
    "target",
    "corresp",
    "who",
    "sameAs",
    "copyOf",
    "next",
    "prev",
    "synch",
    "resp",
    "ana",
    "hand",
    "wit",
    "source",
    "facs",
    "scribeRef",
    "scriptRef",
    "decls",
    "active",
    "passive",
    "mutual",
)
#: What each name element must point at.
EXPECTED_KIND = {"persName": "person", "placeName": "place", "orgName": "org"}
#: Entries of these kinds in a register are expected to be mentioned somewhere.
REGISTER_ENTRIES = ("person", "personGrp", "place", "org", "event", "object", "nym")
_REGISTER_LISTS = ("listPerson", "listPlace", "listOrg", "listEvent", "listObject", "listNym")


@dataclass(frozen=True)
class IdFact:
    value: str
    element: str
    line: int | None
    register_entry: bool


@dataclass(frozen=True)
class PointerFact:
    attribute: str
    file: str  # "" for a bare #fragment, else the (relative) file part
    fragment: str
    element: str
    line: int | None


@dataclass(frozen=True)
class FileFacts:
    path: Path
    display: str
    ids: tuple[IdFact, ...]
    pointers: tuple[PointerFact, ...]

    @functools.cached_property
    def resolved(self) -> Path:
        """The absolute path, resolved once (it is asked for once per id and pointer)."""
        return self.path.resolve()


_POINTER_SET = frozenset(POINTER_ATTRIBUTES)


def facts(doc: SourceDocument) -> FileFacts:
    ids: list[IdFact] = []
    pointers: list[PointerFact] = []
    # Only elements with attributes matter, and only a few attribute names: look at the
    # attributes an element has rather than asking for every pointer attribute by name.
    for element in doc.root.iter(etree.Element):
        attributes = element.attrib
        if not attributes:
            continue
        for key, raw in attributes.items():
            if key == XML_ID:
                name = etree.QName(element).localname
                entry = _is_register_entry(element, name)
                ids.append(IdFact(raw, name, element.sourceline, entry))
            elif key in _POINTER_SET and "#" in raw:
                name = etree.QName(element).localname
                pointers.extend(_pointers(key, raw, name, element.sourceline))
    return FileFacts(doc.path, doc.display, tuple(ids), tuple(pointers))


def _is_register_entry(element: etree._Element, name: str) -> bool:
    if name not in REGISTER_ENTRIES or not element.tag.startswith(f"{{{TEI_NS}}}"):
        return False
    parent = element.getparent()
    return parent is not None and etree.QName(parent).localname in _REGISTER_LISTS


def _pointers(attribute: str, raw: str, element: str, line: int | None) -> Iterator[PointerFact]:
    for token in raw.split():
        if "#" not in token:
            continue
        file_part, _, fragment = token.partition("#")
        if ":" in file_part or not fragment:
            continue  # absolute URIs and prefixed pointers are not ours to resolve
        if file_part and not file_part.lower().endswith(".xml"):
            continue
        yield PointerFact(attribute, unquote(file_part), unquote(fragment), element, line)


def resolve(checked: Iterable[FileFacts], context: Iterable[FileFacts] = ()) -> list[Diagnostic]:
    """Diagnostics for the ``checked`` files; ``context`` files only help resolve pointers."""
    checked = list(checked)
    everything = checked + [c for c in context if c.path not in {f.path for f in checked}]
    by_id: dict[str, list[tuple[FileFacts, IdFact]]] = defaultdict(list)
    by_file: dict[Path, dict[str, IdFact]] = {}
    for file in everything:
        by_file[file.resolved] = {}
        for fact in file.ids:
            by_id[fact.value].append((file, fact))
            by_file[file.resolved].setdefault(fact.value, fact)
    out: list[Diagnostic] = []
    out.extend(_duplicates(checked, by_id))
    used: set[tuple[Path, str]] = set()
    checked_paths = {f.path for f in checked}
    for file in everything:
        for pointer in file.pointers:
            target = _target(file, pointer, by_id, by_file)
            if target is not None:
                used.add((target[0].resolved, target[1].value))
            if file.path in checked_paths:
                out.extend(_pointer_problems(file, pointer, target))
    out.extend(_unused(checked, used))
    return out


def _duplicates(
    checked: list[FileFacts], by_id: dict[str, list[tuple[FileFacts, IdFact]]]
) -> Iterator[Diagnostic]:
    checked_paths = {f.path for f in checked}
    for value, places in by_id.items():
        if len(places) < 2:
            continue
        first_file, first = places[0]
        for file, fact in places[1:]:
            if file.path not in checked_paths:
                continue
            where = "earlier in this file" if file is first_file else f"in {first_file.display}"
            where += f" (line {first.line})" if first.line else ""
            yield diag.error(
                file.display,
                "refs.duplicate-id",
                f'xml:id "{value}" is already used {where}; ids must be unique across the '
                "corpus: rename one and update the pointers to it",
                fact.line,
                origin=_ORIGIN,
            )


def _target(
    file: FileFacts,
    pointer: PointerFact,
    by_id: dict[str, list[tuple[FileFacts, IdFact]]],
    by_file: dict[Path, dict[str, IdFact]],
) -> tuple[FileFacts, IdFact] | None:
    if pointer.file:
        path = (file.path.parent / pointer.file).resolve()
        fact = by_file.get(path, {}).get(pointer.fragment)
        if fact is None:
            return None
        owner = next((f for f, i in by_id.get(pointer.fragment, []) if i is fact), None)
        return (owner, fact) if owner is not None else None
    candidates = by_id.get(pointer.fragment, [])
    own = [c for c in candidates if c[0] is file]
    return own[0] if own else (candidates[0] if candidates else None)


def _pointer_problems(
    file: FileFacts, pointer: PointerFact, target: tuple[FileFacts, IdFact] | None
) -> Iterator[Diagnostic]:
    shown = f"{pointer.file}#{pointer.fragment}" if pointer.file else f"#{pointer.fragment}"
    if target is None:
        where = f"in {pointer.file}" if pointer.file else "in the checked files"
        yield diag.error(
            file.display,
            "refs.dangling",
            f'@{pointer.attribute}="{shown}" on <{pointer.element}> points at nothing: no '
            f'xml:id "{pointer.fragment}" {where}; add the entry to a register or fix the id',
            pointer.line,
            origin=_ORIGIN,
        )
        return
    expected = EXPECTED_KIND.get(pointer.element)
    if pointer.attribute == "ref" and expected and target[1].element != expected:
        yield diag.error(
            file.display,
            "refs.wrong-kind",
            f'<{pointer.element} ref="{shown}"> must point at a <{expected}> entry, but '
            f'"{pointer.fragment}" is a <{target[1].element}>; use the right tag or entry',
            pointer.line,
            origin=_ORIGIN,
        )


def _unused(checked: list[FileFacts], used: set[tuple[Path, str]]) -> Iterator[Diagnostic]:
    for file in checked:
        path = file.resolved
        for fact in file.ids:
            if fact.register_entry and (path, fact.value) not in used:
                yield diag.warning(
                    file.display,
                    "refs.unused-entry",
                    f'register entry "{fact.value}" (<{fact.element}>) is never referenced; '
                    "tag its mentions with @ref or remove it",
                    fact.line,
                    origin=_ORIGIN,
                )


def context_files(checked: Iterable[Path], depth: int = 3) -> list[Path]:
    """Register files near the checked ones, loaded only to resolve their pointers.

    An editor who checks ``tei/texts/a.xml`` alone still wants its ``#id`` pointers resolved
    against ``tei/registers/*.xml``: look for ``registers/`` folders up to ``depth`` levels up.
    """
    found: set[Path] = set()
    for path in checked:
        for ancestor in list(path.resolve().parents)[:depth]:
            folder = ancestor / "registers"
            if folder.is_dir():
                found.update(p for p in folder.rglob("*.xml") if p.is_file())
    chosen = {p.resolve() for p in checked}
    return sorted(p for p in found if p.resolve() not in chosen)
