"""Pagefind's index made reproducible: the same pages give the same bytes.

Pagefind 1.x writes its filter files and its metadata file in the order of a hash map, so two
runs over the same pages name and fill them differently (``pagefind/filter/*.pf_filter``, the
``pagefind.<hash>.pf_meta`` file and ``pagefind-entry.json``). The edition promises
byte-identical rebuilds (DESIGN.md), so after Pagefind has run, ``canonicalize`` sorts the
values of every filter and the filters listed in the metadata, names each rewritten file
after a digest of its content, and points the entry file at the new metadata. It numbers the
pages too, by their fragments' names (``_renumbered``): Pagefind numbers them in the order
the file system lists the site's files, which differs from one file system to another. The files are
gzip streams of ``pagefind_dcd`` followed by CBOR; the small codec below reads and writes the
subset Pagefind uses (integers, strings, byte strings, arrays, maps). Anything else raises
``ValueError``, and the index is then left as Pagefind wrote it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

MAGIC = b"pagefind_dcd"


class Map(list[tuple[Any, Any]]):
    """A CBOR map, its pairs in their order."""


def decode(data: bytes, i: int = 0) -> tuple[Any, int]:
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        width = 1 << (info - 24)
        n = int.from_bytes(data[i : i + width], "big")
        i += width
    else:
        raise ValueError(f"unsupported CBOR item {head:#x}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major == 2:
        return bytes(data[i : i + n]), i + n
    if major == 3:
        return data[i : i + n].decode("utf-8"), i + n
    if major in (4, 5):
        items: list[Any] = []
        for _ in range(n * (2 if major == 5 else 1)):
            value, i = decode(data, i)
            items.append(value)
        if major == 5:
            return Map(zip(items[::2], items[1::2], strict=True)), i
        return items, i
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError("integer too large")


def encode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise ValueError("booleans are not used by Pagefind's files")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, Map):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    raise ValueError(f"cannot encode {type(value).__name__}")


def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path.name} is not a Pagefind file")
    value, end = decode(data, len(MAGIC))
    if end != len(data):
        raise ValueError(f"{path.name} has trailing bytes")
    return value


def _pack(value: Any) -> bytes:
    return gzip.compress(MAGIC + encode(value), compresslevel=6, mtime=0)


def _named(prefix: str, data: bytes, digits: int) -> str:
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"


def canonicalize(folder: Path) -> None:
    """Rewrite Pagefind's output in ``folder`` so that its bytes depend on the pages only."""
    entry_path = folder / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    # pages in an order of their own first: each language's metadata, index and filters
    for language in entry["languages"].values():
        meta_path = folder / f"pagefind.{language['hash']}.pf_meta"
        meta_path.write_bytes(_pack(_renumbered(folder, read(meta_path))))
    renamed: dict[str, str] = {}
    for path in sorted((folder / "filter").glob("*.pf_filter")):
        name, values = read(path)
        values = sorted(values, key=lambda v: (str(v[0]), v[1]))
        data = _pack([name, values])
        new = _named(path.stem.split("_", 1)[0], data, 7)
        renamed[path.stem] = new
        path.unlink()
        (folder / "filter" / f"{new}.pf_filter").write_bytes(data)
    for language in entry["languages"].values():
        meta_path = folder / f"pagefind.{language['hash']}.pf_meta"
        meta = _renamed(read(meta_path), renamed)
        data = _pack(meta)
        new = _named(language["hash"].split("_", 1)[0], data, 10)
        meta_path.unlink()
        (folder / f"pagefind.{new}.pf_meta").write_bytes(data)
        language["hash"] = new
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def _renumbered(folder: Path, meta: Any) -> Any:
    """The metadata of one language with its pages in the order of their fragments' names
    (digests of their content), and its index chunks and filters saying the same numbers.
    Pagefind numbers the pages in the order it walks the site's folder, which is the file
    system's (probe 179: a build on ext4 and one on a tmpfs gave other bytes). The metadata
    is ``[version, pages, chunks, filters, sorts, ...]``: a page ``[fragment, words]``, a
    chunk ``[first word, last word, name]`` of ``index/<name>.pf_index`` (``[[word, pages,
    variants]]``, a page ``[number, locations, meta locations]`` whose number is its
    difference from the page before, a variant ``[word, pages]``), a filter ``[name,
    file]`` of ``filter/<file>.pf_filter`` (``[name, [[value, numbers]]]``), a sort
    ``[name, numbers]``."""
    pages = meta[1]
    order = sorted(range(len(pages)), key=lambda i: (str(pages[i][0]), pages[i][1]))
    number = {old: new for new, old in enumerate(order)}

    def postings(found: list[Any]) -> list[Any]:
        # a word's pages are numbered by their difference from the one before (ascending)
        at, pairs = 0, []
        for page in found:
            at += page[0]
            pairs.append([number[at], *page[1:]])
        pairs.sort(key=lambda p: p[0])
        before = 0
        for page in pairs:
            page[0], before = page[0] - before, page[0]
        return pairs

    chunks = []
    for first, last, name in meta[2]:
        path = folder / "index" / f"{name}.pf_index"
        (words,) = read(path)
        # (a word's spellings in the text, its variants, in the order of a hash map: sorted)
        words = [
            [
                word,
                postings(found),
                sorted(([v, postings(at), *rest] for v, at, *rest in variants), key=lambda v: v[0]),
            ]
            for word, found, variants in words
        ]
        data = _pack([words])
        new = _named(name.split("_", 1)[0], data, 7)
        if new != name:
            (folder / "index" / f"{new}.pf_index").write_bytes(data)
            path.unlink()
        chunks.append([first, last, new])
    for _, file in meta[3]:
        path = folder / "filter" / f"{file}.pf_filter"
        name, values = read(path)
        path.write_bytes(_pack([name, [[v, sorted(number[p] for p in at)] for v, at in values]]))
    sorts = [[name, [number[p] for p in at]] for name, at in meta[4]]
    return [meta[0], [pages[i] for i in order], chunks, meta[3], sorts, *meta[5:]]


def _renamed(value: Any, renamed: dict[str, str]) -> Any:
    """The metadata with every filter file's new name, and the filters in name order."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, Map):
        return Map((k, _renamed(v, renamed)) for k, v in value)
    if isinstance(value, list):
        items = [_renamed(v, renamed) for v in value]
        filters = [
            i
            for i in items
            if isinstance(i, list)
            and len(i) == 2
            and isinstance(i[1], str)
            and i[1] in renamed.values()
        ]
        if filters and len(filters) == len(items):
            return sorted(items, key=lambda i: str(i[0]))
        return items
    return value


#: Pagefind's folders of files named after their content, which it does not write again when
#: a file of that name is there (``WriteBehavior::Immutable`` in Pagefind 1.x): the page
#: fragments and the word index chunks, most of its gzip work. The filters and the metadata
#: are rewritten by ``canonicalize`` and are left out.
IMMUTABLE = ("fragment", "index")


def referenced(folder: Path) -> set[str]:
    """The files of ``IMMUTABLE`` folders that Pagefind's metadata in ``folder`` names (as
    ``fragment/<hash>.pf_fragment`` and ``index/<hash>.pf_index``); ``ValueError`` when the
    metadata is not as Pagefind 1.x writes it."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    for language in entry["languages"].values():
        meta = read(folder / f"pagefind.{language['hash']}.pf_meta")
        if not (isinstance(meta, list) and len(meta) >= 3):
            raise ValueError("unexpected Pagefind metadata")
        pages, chunks = meta[1], meta[2]
        if not all(isinstance(p, list) and p and isinstance(p[0], str) for p in pages):
            raise ValueError("unexpected page list in Pagefind's metadata")
        if not all(isinstance(c, list) and len(c) == 3 and isinstance(c[2], str) for c in chunks):
            raise ValueError("unexpected index chunks in Pagefind's metadata")
        names.update(f"fragment/{p[0]}.pf_fragment" for p in pages)
        names.update(f"index/{c[2]}.pf_index" for c in chunks)
    return names


def prune(folder: Path) -> int:
    """Remove the files of ``IMMUTABLE`` folders that the metadata does not name: a run over
    a folder seeded with the last build's files leaves those of changed pages behind. How many
    went; ``ValueError`` when a file the metadata names is missing."""
    keep = referenced(folder)
    removed = 0
    for sub in IMMUTABLE:
        present = sorted((folder / sub).iterdir()) if (folder / sub).is_dir() else []
        for path in present:
            if f"{sub}/{path.name}" not in keep:
                path.unlink()
                removed += 1
        keep.difference_update(f"{sub}/{p.name}" for p in present)
    if keep:
        raise ValueError(f"Pagefind's metadata names missing files: {sorted(keep)[:3]}")
    return removed
