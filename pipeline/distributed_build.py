"""The build's two passes on a Dask cluster: ``edition build --scheduler`` (imported only then).

client (this process)                           workers
  reads each source       -- bytes -->          gate, facts (sources.facts_of)
  keeps each copy, sums   <-- facts --
  reads each text again   -- bytes, images -->  gate, normalise, index, page, book
  writes the pages/books  <-- result, files --  (into a scratch folder, sent back)

The passes are those of the local build (``pipeline.build``: ``read_all``, ``_texts``), with
``parallel.run_tasks`` replaced by ``distributed.map_ordered``: the workers need the package
and nothing else of the client's disk (sources, included files and images are shipped;
schemas, stylesheets and a customisation are read at the path the client names:
docs/scaling.md). The client alone writes into the generation being published, with the
same atomic writes as a local build, so a cluster build publishes the same bytes.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from . import files as shipped_files
from .active_content import published_copy
from .diagnostics import Diagnostic
from .distributed import map_ordered, watchdog
from .gate import XI_NS, parse_bytes, read_bytes, read_document
from .io import write_bytes_atomic
from .parallel import Failed, Outcome
from .paths import display_base
from .sources import (
    ReadOptions,
    SourceFacts,
    gated_facts,
    kept,
    refused,
    snapshot_bytes,
    source_key,
)
from .texts import TextJob, TextResult, render_text

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class SourceShipment:
    """One source as a worker of the first pass gets it."""

    path: Path  # absolute: a worker's working directory is not the client's
    shown: str  # the path as the client shows it
    data: bytes
    #: The files its ``xi:include`` expansion read on the client (absolute path -> bytes).
    included: shipped_files.Files
    cwd: str
    max_bytes: int
    root: Path | None


@dataclass(frozen=True)
class Read:
    """What the first pass sends back: the facts, or the gate's refusal."""

    facts: SourceFacts | None
    #: The copy to keep when it is not the bytes sent (a document with includes, expanded).
    snapshot: bytes | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


def read_sources(
    client: Any, paths: Sequence[Path], opts: ReadOptions
) -> Iterator[Outcome[SourceFacts]]:
    """``sources.read_facts`` of every path, gated on the cluster; in order."""
    cwd = os.getcwd()
    root = Path(os.path.abspath(opts.root)) if opts.root is not None else None
    shipped: dict[int, bytes] = {}

    def ship(index: int, path: Path) -> SourceShipment | Read:
        data, refusal = read_bytes(path, opts.max_bytes)
        if refusal is not None:
            return Read(None, None, tuple(refusal.diagnostics))
        shipped[index] = data
        included: shipped_files.Files = {}
        if XI_NS.encode() in data:  # expanded here once to learn which files to ship along
            with shipped_files.recording() as included:
                parse_bytes(data, path, max_bytes=opts.max_bytes, root=opts.root, dtd_entities=True)
        absolute = Path(os.path.abspath(path))
        return SourceShipment(absolute, str(path), data, included, cwd, opts.max_bytes, root)

    items = (ship(i, p) for i, p in enumerate(paths))
    run = functools.partial(_timed, read_shipment, opts.timeout)
    for outcome in map_ordered(run, items, client=client, weight=_weight):
        path = paths[outcome.index]
        data = shipped.pop(outcome.index, b"")
        if outcome.failed is not None:
            yield Outcome(outcome.index, failed=outcome.failed)
            continue
        read = outcome.value
        assert isinstance(read, Read)
        if read.facts is None:
            facts = refused(path, read.diagnostics, opts)
        else:
            facts = kept(replace(read.facts, path=path), read.snapshot or data, opts)
        yield Outcome(outcome.index, facts)


def _weight(item: SourceShipment | Read) -> int:
    if isinstance(item, Read):
        return 1
    return len(item.data) + sum(len(d or b"") for d in item.included.values()) + 2048


def _timed(function: Callable[[T], R], timeout: float | None, item: T) -> R:
    """On a worker: ``function(item)``, the worker ended if it runs past ``timeout``."""
    with watchdog(timeout):
        return function(item)


def read_shipment(item: SourceShipment | Read) -> Read:
    """On a worker: the gate and the facts of one shipped source."""
    if isinstance(item, Read):
        return item
    token = display_base.set((item.cwd, {str(item.path): item.shown}))
    try:
        with shipped_files.shipped({**item.included, str(item.path): item.data}):
            result = read_document(
                item.path, max_bytes=item.max_bytes, root=item.root, dtd_entities=True
            )
        document = result.document
        if document is None:
            return Read(None, None, tuple(result.diagnostics))
        # the client keeps the bytes it shipped unless the copy kept is another document
        snapshot, told = published_copy(document, snapshot_bytes(document))
        facts = gated_facts(document, (*result.diagnostics, *told))
        return Read(facts, snapshot if snapshot is not document.data else None)
    finally:
        display_base.reset(token)


@dataclass(frozen=True)
class TextShipment:
    """One text as a worker of the second pass gets it."""

    fact: SourceFacts  # its path absolute; never from_snapshot (the copy is the data)
    data: bytes | None  # None: the client could no longer read it
    #: The files its includes read and the images it names (absolute path -> bytes).
    files: shipped_files.Files
    cwd: str
    job: TextJob


@dataclass(frozen=True)
class Rendered:
    """What the second pass sends back: the result, and the files written for it."""

    result: TextResult
    written: dict[str, bytes]


def render_texts(
    client: Any, facts: Sequence[SourceFacts], job: TextJob, timeout: float | None
) -> Iterator[tuple[SourceFacts, TextResult | Failed]]:
    """``texts.render_texts`` on the cluster: each text's result, its files written into
    ``job.generation`` here; in the order of ``facts``."""
    cwd = os.getcwd()
    root = Path(os.path.abspath(job.root)) if job.root is not None else None
    remote = replace(job, generation=Path("."), previous=None, root=root)
    items = (_ship_text(fact, job, remote, cwd) for fact in facts)
    run = functools.partial(_timed, render_shipment, timeout)
    for outcome in map_ordered(run, items, client=client, weight=_text_weight):
        fact = facts[outcome.index]
        if outcome.failed is not None:
            yield fact, outcome.failed
            continue
        rendered = outcome.value
        assert isinstance(rendered, Rendered)
        for name, data in sorted(rendered.written.items()):
            write_bytes_atomic(job.generation / name, data)
        yield fact, replace(rendered.result, path=fact.path)


def _ship_text(fact: SourceFacts, job: TextJob, remote: TextJob, cwd: str) -> TextShipment:
    """The text's bytes (the published copy for one built from it), its includes and images."""
    absolute = Path(os.path.abspath(fact.path))
    found: shipped_files.Files = {}
    if fact.from_snapshot:
        data = job.previous.snapshot(source_key(fact.path)) if job.previous else None
    else:
        data = _read(fact.path)
        for name, _ in fact.included:
            found[name] = _read(Path(name))
    for name in fact.images:
        found[name] = _read(Path(name))
    found[str(absolute)] = data
    return TextShipment(replace(fact, path=absolute, from_snapshot=False), data, found, cwd,
                        remote)  # fmt: skip


def _worker_folder() -> str | None:
    """The Dask worker's own folder, which goes with the worker (a local cluster's inside the
    run's scratch folder, swept when a killed run left it: probe 101), else the system's."""
    try:
        from distributed import get_worker

        return str(get_worker().local_directory)
    except (ImportError, ValueError, AttributeError):
        return None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _text_weight(item: TextShipment) -> int:
    return sum(len(d or b"") for d in item.files.values()) + 2048


def render_shipment(item: TextShipment) -> Rendered:
    """On a worker: ``texts.render_text`` into a scratch folder, whose files go back."""
    fact = item.fact
    token = display_base.set((item.cwd, {str(fact.path): fact.display}))
    try:
        with (
            tempfile.TemporaryDirectory(prefix="edition-text-", dir=_worker_folder()) as scratch,
            shipped_files.shipped(item.files),
        ):
            folder = Path(scratch)
            result = render_text(fact, replace(item.job, generation=folder))
            written = {
                file.relative_to(folder).as_posix(): file.read_bytes()
                for file in sorted(folder.rglob("*"))
                if file.is_file()
            }
    finally:
        display_base.reset(token)
    return Rendered(result, written)


__all__ = [
    "Read",
    "Rendered",
    "SourceShipment",
    "TextShipment",
    "read_shipment",
    "read_sources",
    "render_shipment",
    "render_texts",
]
