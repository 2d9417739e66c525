"""Noticing saved files: ``watchfiles`` threads feeding one queue of changed paths.

What is watched (``WatchSet``): source folders recursively (their ``*.xml`` files, new ones
included), and single files (a text named on the command line, schemas, ``pyproject.toml``,
the encoding guide) through their folders, not recursively, since editors save by writing a
new file and renaming it over the old one. ``watchfiles`` groups the events of one save
(``STEP`` milliseconds without a new event ends a group); ``next_batch`` then waits a little
more, so that a save that touched several files is one rebuild.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import watchfiles

#: Milliseconds without a new event that end a group of events (watchfiles' ``step``).
STEP = 50
#: Seconds ``next_batch`` waits for more changes after the first group.
SETTLE = 0.05


@dataclass(frozen=True)
class WatchSet:
    #: Folders whose ``*.xml`` files are watched, sub-folders included.
    folders: tuple[Path, ...]
    #: Single files (absolute), watched through their folders.
    files: frozenset[Path]

    @classmethod
    def of(cls, folders: Iterable[Path], files: Iterable[Path]) -> WatchSet:
        """Absolute paths; folders inside other watched folders are dropped (a single file
        inside a watched folder stays: the folders only report ``*.xml`` files)."""
        unique = sorted({f.resolve() for f in folders if f.is_dir()})
        kept = tuple(f for f in unique if not any(o in f.parents for o in unique))
        singles = frozenset(f.resolve() for f in files if f.parent.is_dir())
        return cls(kept, singles)

    def wanted(self, path: Path) -> bool:
        if path in self.files:
            return True
        # a text named *.XML, which check and build read, and a folder of texts renamed or
        # removed (a name without a suffix): a check of everything (probe 68: neither was
        # noticed, and a removed folder's problems stayed on the panel)
        return path.suffix.lower() in (".xml", "") and any(
            folder in path.parents
            and not any(p.startswith(".") for p in path.relative_to(folder).parts)
            for folder in self.folders
        )


@dataclass(frozen=True)
class Batch:
    paths: frozenset[Path]
    #: Why watching stopped (the system's limit of watches, a folder removed), if it did.
    error: str | None = None


class Watcher:
    """Threads that watch a ``WatchSet``; ``next_batch`` hands out what changed."""

    def __init__(self, watched: WatchSet) -> None:
        self.watched = watched
        self._queue: queue.Queue[Batch] = queue.Queue()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        groups = [(self.watched.folders, True)]
        parents = tuple(sorted({f.parent for f in self.watched.files}))
        groups.append((parents, False))
        for folders, recursive in groups:
            if folders:
                thread = threading.Thread(
                    target=self._watch, args=(folders, recursive), daemon=True, name="watch"
                )
                thread.start()
                self._threads.append(thread)

    def _watch(self, folders: tuple[Path, ...], recursive: bool) -> None:
        try:
            for changes in watchfiles.watch(
                *folders,
                watch_filter=self._keep,
                step=STEP,
                stop_event=self._stop,
                recursive=recursive,
                raise_interrupt=False,
                rust_timeout=1000,
            ):
                paths = frozenset(Path(p) for _, p in changes)
                self._queue.put(Batch(paths))
        except Exception as exc:  # the watcher is gone: the session says so and goes on
            if not self._stop.is_set():
                self._queue.put(Batch(frozenset(), f"watching stopped: {exc}"))

    def _keep(self, change: watchfiles.Change, path: str) -> bool:
        return self.watched.wanted(Path(path))

    def next_batch(self, timeout: float) -> Batch | None:
        """The files changed since the last call (waiting up to ``timeout`` seconds for the
        first change), or None."""
        try:
            first = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        paths = set(first.paths)
        error = first.error
        with contextlib.suppress(queue.Empty):
            while True:
                more = self._queue.get(timeout=SETTLE)
                paths.update(more.paths)
                error = error or more.error
        return Batch(frozenset(paths), error)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
