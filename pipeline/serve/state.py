"""What the open pages are told: the published build, whether one runs, the diagnostics.

The session (main thread) updates a ``LiveState``; each page's event stream (a server
thread) waits on it and sends the new ``snapshot`` as a Server-Sent Event. A page reloads
when the ``build`` number it was served with is older than the one it is told.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..report import format_line

#: Most diagnostics sent to a page; the terminal has all of them.
PANEL_LIMIT = 200


@dataclass(frozen=True)
class Snapshot:
    version: int  # changes whenever anything below changes
    build: int  # the published edition's number: a page older than it reloads
    building: bool
    diagnostics: tuple[Diagnostic, ...]
    note: str  # one line: the outcome of the last cycle
    cycles: int = 0  # cycles done, check included (a note may read as the last one's did)

    def as_json(self, sources: dict[str, int], instance: str) -> str:
        """The snapshot for a page: each diagnostic with its file's number in the source
        view (``/__edition__/source/N#L12``) when the server may show that file."""
        shown = self.diagnostics[:PANEL_LIMIT]
        items = [
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
                "text": format_line(d),
                "source": sources.get(d.path),
            }
            for d in shown
        ]
        errors = sum(d.severity is Severity.ERROR for d in self.diagnostics)
        warnings = sum(d.severity is Severity.WARNING for d in self.diagnostics)
        return json.dumps(
            {
                "instance": instance,
                "version": self.version,
                "build": self.build,
                "building": self.building,
                "errors": errors,
                "warnings": warnings,
                "more": len(self.diagnostics) - len(shown),
                "note": self.note,
                "cycles": self.cycles,
                "diagnostics": items,
            },
            ensure_ascii=False,
        )


class LiveState:
    """The shared state, guarded by one condition that wakes every waiting stream."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._snapshot = Snapshot(0, 0, False, (), "")
        self._files: list[Path] = []  # files the source view may show, by number
        self._numbers: dict[str, int] = {}
        self._current: set[int] = set()  # the numbers of the files diagnostics name now
        self._streams: dict[int, int] = {}  # open event streams: token -> build of the page
        self._tokens = 0
        self.stopping = False

    @property
    def snapshot(self) -> Snapshot:
        with self._condition:
            return self._snapshot

    def update(
        self,
        *,
        build: int | None = None,
        building: bool | None = None,
        diagnostics: Iterable[Diagnostic] | None = None,
        note: str | None = None,
        files: dict[str, Path] | None = None,
        done: bool = False,
    ) -> None:
        """Change some fields and wake the streams. ``files`` maps each diagnostic's path
        to the file it names, for the source view; ``done``: a cycle ends."""
        with self._condition:
            old = self._snapshot
            self._snapshot = Snapshot(
                old.version + 1,
                old.build if build is None else build,
                old.building if building is None else building,
                old.diagnostics if diagnostics is None else tuple(diagnostics),
                old.note if note is None else note,
                old.cycles + (1 if done else 0),
            )
            for shown, path in (files or {}).items():
                if shown not in self._numbers:
                    self._numbers[shown] = len(self._files)
                    self._files.append(path)
            if files is not None:
                # a file no diagnostic names any more is shown no more (its number stays
                # taken, so that a page's older link does not lead to another file)
                self._current = {self._numbers[shown] for shown in files}
            self._condition.notify_all()

    def sources(self) -> dict[str, int]:
        with self._condition:
            return {shown: n for shown, n in self._numbers.items() if n in self._current}

    def source_file(self, number: int) -> Path | None:
        """A file a diagnostic names now, by its number; never any other path."""
        with self._condition:
            return self._files[number] if number in self._current else None

    def wait_newer(self, version: int, timeout: float) -> Snapshot | None:
        """The snapshot once its version passes ``version``; None after ``timeout`` seconds
        or when the server stops."""
        with self._condition:
            self._condition.wait_for(
                lambda: self.stopping or self._snapshot.version > version, timeout
            )
            if self.stopping or self._snapshot.version <= version:
                return None
            return self._snapshot

    def opened(self, build: int) -> int:
        """A page showing ``build`` listens: a token for ``closed``."""
        with self._condition:
            self._tokens += 1
            self._streams[self._tokens] = build
            self._condition.notify_all()
            return self._tokens

    def closed(self, token: int) -> None:
        with self._condition:
            self._streams.pop(token, None)
            self._condition.notify_all()

    def pages_older_than(self, build: int) -> int:
        with self._condition:
            return sum(b < build for b in self._streams.values())

    def wait_reloaded(self, build: int, pages: int, timeout: float) -> None:
        """Wait until ``pages`` pages listen with ``build`` (they reloaded), at most
        ``timeout`` seconds: the work after a publish waits for the pages to load."""
        with self._condition:
            self._condition.wait_for(
                lambda: self.stopping or sum(b >= build for b in self._streams.values()) >= pages,
                timeout,
            )

    def stop(self) -> None:
        with self._condition:
            self.stopping = True
            self._condition.notify_all()
