"""Diagnostics as values: the record every checker returns, and the report that counts them.

Every stage of the data flow (gate, RELAX NG, Schematron, references, builders) returns
``Diagnostic`` records instead of printing or raising; the CLI renders them through one of
the formatters in ``pipeline.report`` and picks the exit status from the worst severity.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol


class Severity(enum.Enum):
    """How bad a problem is; ``ERROR`` makes ``check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place.

    ``path`` is the file as the user named it (or relative to the working directory);
    ``line``/``column`` are 1-based and ``None`` when unknown. ``code`` is a stable rule
    id such as ``gate.not-well-formed`` or ``sch.ref-kind``; ``origin`` names the checker.
    """

    path: str
    line: int | None
    column: int | None
    severity: Severity
    code: str
    message: str
    origin: str = ""

    def with_path(self, path: str) -> Diagnostic:
        return replace(self, path=path)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.code, self.message)


class _Make(Protocol):
    def __call__(
        self,
        path: str | Path,
        code: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        origin: str = "",
    ) -> Diagnostic: ...


def _maker(severity: Severity) -> _Make:
    def make(
        path: str | Path,
        code: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        origin: str = "",
    ) -> Diagnostic:
        return Diagnostic(str(path), line, column, severity, code, message, origin)

    make.__name__ = severity.value
    make.__doc__ = f"A diagnostic of severity {severity.value}."
    return make


#: ``error(path, code, message, line=None, column=None, origin="")``, and so on.
error = _maker(Severity.ERROR)
warning = _maker(Severity.WARNING)
info = _maker(Severity.INFO)


@dataclass
class Tally:
    """The counts of diagnostics that were handed on (streamed) instead of kept."""

    severities: Counter[Severity] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    paths: Counter[str] = field(default_factory=Counter)

    def add(self, items: Iterable[Diagnostic]) -> None:
        for d in items:
            self.severities[d.severity] += 1
            self.codes[d.code] += 1
            self.paths[d.path] += 1


def quoted(value: object) -> str:
    """A value of the source in a message, quoted as Python quotes it (control characters
    shown as escapes) but with its backslashes as written: ``repr`` doubled them, and the
    pointer "#org\\_teic" was told as '#org\\\\_teic', which no search of the file finds
    (probe 170)."""
    return repr(value).replace("\\\\", "\\")


def said_once(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``items`` without repeats: a diagnostic said twice, or once without a column where it
    is also said with one. Content one text includes from another (``xi:include``) is read
    in both, and its problems were told twice, once at the line alone (probe 83)."""
    kept = list(dict.fromkeys(items))
    placed = {(d.path, d.line, d.code, d.message) for d in kept if d.column is not None}
    return [
        d for d in kept if d.column is not None or (d.path, d.line, d.code, d.message) not in placed
    ]


@dataclass
class Report:
    """Collects diagnostics of a run and knows its counts; knows nothing about output.

    A streamed run keeps in ``diagnostics`` only what was not handed on; the counts of the
    rest are in ``streamed``, and every count below includes them."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    streamed: Tally = field(default_factory=Tally)
    #: Seconds of named steps that a run times on its own (the build's ``search`` index ...).
    timings: dict[str, float] = field(default_factory=dict)
    #: A build's texts in the edition it published (0: an edition of registers alone); None
    #: when the run published nothing (a build that failed as a whole, a check).
    published: int | None = None
    #: A build's source files left out of the edition (refused, or failed with no version of
    #: the last edition to stand in), as diagnostics name them.
    left_out: list[str] = field(default_factory=list)

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: d.sort_key)

    def count(self, severity: Severity) -> int:
        kept = sum(1 for d in self.diagnostics if d.severity is severity)
        return kept + self.streamed.severities[severity]

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def by_code(self) -> Counter[str]:
        return Counter(d.code for d in self.diagnostics) + self.streamed.codes

    def by_file(self) -> Counter[str]:
        return Counter(d.path for d in self.diagnostics) + self.streamed.paths

    @property
    def empty(self) -> bool:
        """No diagnostic at all (kept or streamed)."""
        return not self.diagnostics and not self.streamed.codes

    def files_with_errors(self) -> set[str]:
        return {d.path for d in self.diagnostics if d.severity is Severity.ERROR}
