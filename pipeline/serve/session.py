"""The loop of ``edition serve``: build, check, tell the pages; then again on every save.

One cycle (``Session.cycle``), always in the main thread, so that two builds never overlap
and Ctrl-C reaches the build as it does in ``edition build``:

1. ``rebuild`` (a full build today, through one function the incremental build will
   replace) publishes a new generation; the pages showing an older one reload;
2. ``pipeline.check.check`` on the sources that changed (all of them after a change of a
   schema, a register outside the sources, the configuration, or at the start);
3. the diagnostics of that check (kept per file between cycles) and of the build go to the
   pages' panel and, as lines in the check format, to the terminal.

Library code: it never prints; ``echo`` is the caller's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import build as build_module
from .. import diagnostics as diag
from ..check import CheckOptions, check
from ..citation import Publication
from ..customise import Customisation
from ..diagnostics import Diagnostic, Report
from ..errors import BuildLocked, EditionError, EnvironmentFailure
from ..gate import DEFAULT_MAX_BYTES, discover
from ..parallel import Resident
from ..paths import display
from ..report import format_line
from ..validate import references
from . import site
from .state import LiveState
from .watch import Watcher, WatchSet

#: Seconds before a build refused by another build's lock is tried again.
RETRY = 1.0
#: Longest wait for the open pages to reload before the check starts.
RELOAD_WAIT = 2.0
#: The problems of pointers that a change of a register may mend.
_POINTER_CODES = frozenset(("refs.dangling", "refs.wrong-kind"))
#: Files the source view of the pages may show (named by a diagnostic).
SHOWN_SUFFIXES = (".xml", ".rng", ".sch", ".md", ".toml", ".xsl", ".css")


@dataclass(frozen=True)
class ServeOptions:
    """What to build and check: ``edition build``'s and ``edition check``'s settings."""

    targets: tuple[Path, ...]
    out: Path
    check: CheckOptions
    only: tuple[str, ...] | None = None
    jobs: int = 1
    guide: Path | None = None
    title: str | None = None
    language: str = "en"
    timeout: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    root: Path | None = None
    publication: Publication = field(default_factory=Publication)
    #: Kilobytes of HTML above which a reading page is split (``[tool.edition] page-size``).
    page_size: int = 200
    #: Files whose change reloads the settings (``pyproject.toml``) or needs a full check.
    watched_files: tuple[Path, ...] = ()
    config_file: Path | None = None
    #: The edition's customisation (``[tool.edition] xslt``, ``templates``, ``css``).
    customisation: Customisation | None = None


def rebuild(options: ServeOptions, resident: Resident | None = None) -> Report:
    """The build behind every cycle: an incremental ``edition build``, its texts rendered by
    ``resident`` workers (kept warm from one save to the next) when given."""
    return build_module.build(
        list(options.targets),
        options.out,
        only=options.only,
        jobs=options.jobs,
        guide=options.guide,
        title=options.title,
        language=options.language,
        timeout=options.timeout,
        max_bytes=options.max_bytes,
        root=options.root,
        publication=options.publication,
        page_size=options.page_size,
        # read again: a save may have changed a stylesheet of it
        customisation=options.customisation.reread() if options.customisation else None,
        resident=resident,
    )


def watch_set(options: ServeOptions) -> WatchSet:
    """The sources (folders recursively), the register folders beside them, the schemas
    they name, the settings file and the guide."""
    folders = [t for t in options.targets if t.is_dir()]
    files = [t for t in options.targets if not t.is_dir()]
    found, _ = discover(options.targets)
    folders.extend(p.parent for p in references.context_files(found))
    files.extend(options.watched_files)
    if options.customisation is not None:
        files.extend(options.customisation.files)
    files.extend(_schemas(found, options.check))
    if options.guide is not None:
        files.append(options.guide)
    if options.config_file is not None:
        files.append(options.config_file)
    return WatchSet.of(folders, files)


def _schemas(found: Iterable[Path], options: CheckOptions) -> set[Path]:
    """Every schema a check of ``found`` may use (read from the first lines of each file)."""
    from ..gate import pseudo_attributes

    schemas = {
        p
        for p in (
            options.schema,
            options.schematron,
            options.default_schema,
            options.default_schematron,
        )
        if p is not None
    }
    for path in found:
        try:
            with path.open("rb") as handle:
                head = handle.read(4096).decode("utf-8", "replace")
        except OSError:
            continue
        for chunk in head.split("<?xml-model")[1:]:
            href = pseudo_attributes(chunk.split("?>", 1)[0]).get("href", "")
            if href and "://" not in href:
                schemas.add((path.parent / href).resolve())
    return schemas


@dataclass
class Session:
    """The state of one ``edition serve`` between cycles."""

    options: ServeOptions
    state: LiveState
    echo: Callable[[str, bool], None]  # (line, is_diagnostic)
    settings: Callable[[], ServeOptions] | None = None  # reads the settings again
    build_number: int = 0
    generation: str | None = None
    checked: dict[str, list[Diagnostic]] = field(default_factory=dict)
    built: list[Diagnostic] = field(default_factory=list)
    retry_at: float | None = None
    #: The workers that render the texts, kept from one save to the next.
    workers: Resident | None = None

    def run(self, watcher: Watcher, ready: Callable[[], None] | None = None) -> None:
        """The first cycle, then one per batch of changes, until interrupted."""
        self.generation = site.published_generation(self.options.out)
        if self.generation is not None:
            self.build_number = 1
        try:
            self.cycle(frozenset(), first=True)
            if ready is not None:
                ready()
            while True:
                wait = 1.0 if self.retry_at is None else max(0.05, self.retry_at - time.monotonic())
                batch = watcher.next_batch(wait)
                if batch is not None and batch.error:
                    self.echo(f"serve: {batch.error}; restart edition serve", True)
                if batch is not None and batch.paths:
                    self.cycle(batch.paths)
                elif self.retry_at is not None and time.monotonic() >= self.retry_at:
                    self.cycle(frozenset())
        finally:
            if self.workers is not None:
                self.workers.stop()

    def cycle(self, changed: frozenset[Path], first: bool = False) -> None:
        started = time.perf_counter()
        if changed:
            self.echo(f"serve: changed: {', '.join(sorted(display(p) for p in changed))}", False)
        if self.settings is not None and self.options.config_file in changed:
            self._reload_settings()
        self.state.update(building=True)
        before = self.build_number
        waited = self.retry_at is not None
        outcome = self._build()
        built = time.perf_counter() - started
        found, files = self._shown()
        pages = self.state.pages_older_than(self.build_number)
        self.state.update(building=False, build=self.build_number, diagnostics=found, files=files)
        if self.build_number != before:
            # The check competes with the pages' reload for the processor: it waits for them.
            self.state.wait_reloaded(self.build_number, pages, RELOAD_WAIT)
        scope = self._check_scope(changed, first)
        checked = self._check(scope)
        seconds = time.perf_counter() - started
        note = f"{outcome} in {built:.2f} s; checked {checked} in {seconds - built:.2f} s"
        found, files = self._shown()
        self.state.update(note=note, diagnostics=found, files=files, done=True)
        if not (waited and self.retry_at is not None and not changed):
            # a retry refused again by another build's lock has nothing new to say: the
            # terminal had the same warning once a second while the other build ran
            self._report(note, scope)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> str:
        self.retry_at = None
        if self.workers is None or self.workers.jobs != self.options.jobs:
            if self.workers is not None:
                self.workers.stop()
            self.workers = Resident(self.options.jobs)
        try:
            report = rebuild(self.options, self.workers)
        except BuildLocked as exc:
            self.retry_at = time.monotonic() + RETRY
            self.built = [diag.warning(str(self.options.out), "serve.locked", str(exc))]
            return "waiting for another build"
        except EnvironmentFailure as exc:
            self.built = [diag.error(exc.path, exc.code, exc.message)]
            return "not built"
        except EditionError as exc:
            self.built = [diag.error(str(self.options.out), "serve.build", str(exc))]
            return "not built"
        self.built = list(report.diagnostics)
        generation = site.published_generation(self.options.out)
        if generation is not None and generation != self.generation:
            self.generation = generation
            self.build_number += 1
            return "published"
        return "nothing published"

    # -- checking ---------------------------------------------------------------------------

    def _check_scope(self, changed: frozenset[Path], first: bool) -> list[Path] | None:
        """The files to check again; None: all of them."""
        if first or not changed:
            return None if first or not self.checked else []
        sources = {p.resolve() for p in discover(self.options.targets)[0]}
        folders = [t.resolve() for t in self.options.targets if t.is_dir()]
        custom = self.options.customisation
        styles = {p.resolve() for p in custom.files} if custom is not None else set()
        scope: list[Path] = []
        for path in sorted(changed):
            if path in sources:
                scope.append(path)
            elif path in styles:
                continue  # a stylesheet of the customisation: the build, not the check
            elif path.suffix == ".xml" and any(f in path.parents for f in folders):
                self.checked.pop(display(path), None)  # removed: its problems went with it
            else:
                return None  # a schema, a register outside the sources, the settings
        if any(references.holds_lists(p) for p in scope):
            scope.extend(self._broken_pointers(sources, set(scope)))
        return scope

    def _broken_pointers(self, sources: set[Path], scope: set[Path]) -> list[Path]:
        """The files whose last check found pointers that led nowhere: an entry renamed in a
        register and renamed back left their errors in the panel until each was saved again
        (the texts are not all checked again at a register's save: too slow for a large
        edition; the build still tells of the pointers a change breaks)."""
        found = []
        for shown, items in self.checked.items():
            if any(d.code in _POINTER_CODES for d in items):
                path = Path(shown).resolve()
                if path in sources and path not in scope:
                    found.append(path)
        return sorted(found)

    def _check(self, scope: list[Path] | None) -> str:
        if scope is not None and not scope:
            return "nothing"
        targets = list(self.options.targets) if scope is None else scope
        options = self.options.check
        if scope is not None:
            # The files of one save are checked in this process, whose compiled schemas stay
            # warm from one save to the next (forked workers would compile them each time).
            options = replace(options, jobs=1, timeout=None)
        try:
            report = check(targets, options)
        except EditionError as exc:
            self.checked = {"-": [diag.error("-", "serve.check", str(exc))]}
            return "nothing"
        by_path: dict[str, list[Diagnostic]] = {}
        for d in report.diagnostics:
            by_path.setdefault(d.path, []).append(d)
        if scope is None:
            self.checked = {p: [] for p in report.files}
        for path in report.files:
            self.checked[path] = []
        self.checked.update(by_path)
        count = len(report.files)
        return f"{count} file" + ("" if count == 1 else "s")

    # -- telling ----------------------------------------------------------------------------

    def diagnostics(self) -> list[Diagnostic]:
        """The last check's problems of every file, then the last build's not said already."""
        seen: set[tuple[str, int | None, str, str]] = set()
        found: list[Diagnostic] = []
        for d in sorted((d for items in self.checked.values() for d in items), key=_order):
            seen.add((d.path, d.line, d.code, d.message))
            found.append(d)
        for d in sorted(self.built, key=_order):
            if (d.path, d.line, d.code, d.message) not in seen:
                found.append(d)
        return found

    def _shown(self) -> tuple[list[Diagnostic], dict[str, Path]]:
        """The diagnostics, and the files the pages' source view may show for them."""
        found = self.diagnostics()
        files = {
            d.path: Path(d.path).resolve()
            for d in found
            if Path(d.path).suffix in SHOWN_SUFFIXES and Path(d.path).is_file()
        }
        return found, files

    def _report(self, note: str, scope: list[Path] | None) -> None:
        shown = {display(p) for p in scope} if scope is not None else None
        for d in self.diagnostics():
            if shown is None or d.path in shown or d in self.built:
                self.echo(format_line(d), True)
        found = self.diagnostics()
        errors = sum(d.severity is diag.Severity.ERROR for d in found)
        warnings = sum(d.severity is diag.Severity.WARNING for d in found)
        # the counts are the edition's (the panel's), not the checked files' alone: a save of
        # one file read "checked 1 file: 1796 errors"
        self.echo(f"serve: {note}; the edition has {errors} errors, {warnings} warnings", False)

    def _reload_settings(self) -> None:
        assert self.settings is not None
        try:
            self.options = self.settings()
        except EditionError as exc:
            self.echo(f"serve: the settings were not reloaded: {exc}", True)


def _order(d: Diagnostic) -> tuple[int, tuple[str, int, int, str, str]]:
    return (-d.severity.rank, d.sort_key)
