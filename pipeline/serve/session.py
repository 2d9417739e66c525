"""The loop of ``edition serve``: build, check, tell the pages; then again on every save.

One cycle (``Session.cycle``), always in the main thread, so that two builds never overlap
and Ctrl-C reaches the build as it does in ``edition build``:

1. ``rebuild`` (a full build today, through one function the incremental build will
   replace) publishes a new generation; the pages showing an older one reload;
2. ``pipeline.check.check`` on the sources that changed (all of them after a change of a
   schema, a register outside the sources, the configuration, or at the start);
   after a save of a file holding register lists, the pointers of the texts that point at
   its entries (as they were or as they are) are resolved again from the reference facts
   kept from the last checks, without reading those texts;
3. the diagnostics of that check (kept per file between cycles) and of the build go to the
   pages' panel, and those new since the last cycle (or of a file just saved), as lines in
   the check format, to the terminal.

Library code: it never prints; ``echo`` is the caller's.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import build as build_module
from .. import diagnostics as diag
from ..check import CheckOptions, check, reference_problems
from ..check_file import DUPLICATE_ID_CODES
from ..citation import Publication
from ..customise import Customisation
from ..diagnostics import Diagnostic, Report
from ..errors import BuildLocked, EditionError, EnvironmentFailure
from ..gate import DEFAULT_MAX_BYTES, discover
from ..parallel import Resident
from ..paths import display
from ..report import counted, format_line
from ..validate import references
from . import site
from .state import LiveState
from .watch import Watcher, WatchSet

#: Seconds before a build refused by another build's lock is tried again.
RETRY = 1.0
#: Longest wait for the open pages to reload before the check starts.
RELOAD_WAIT = 2.0
#: Files the source view of the pages may show (named by a diagnostic).
#: Where Python's TOML reader says a file went wrong: "(at line 10, column 14)".
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")
SHOWN_SUFFIXES = (".xml", ".rng", ".sch", ".md", ".toml", ".xsl", ".css")

#: The build's codes that restate a fault the check tells, each with the check's codes for
#: that fault: a build diagnostic at the file, line and column of one of those is left out
#: of the panel, the terminal and the counts (probe 163: a bad date was rng.bad-value and
#: index.bad-date, a misspelt element rng.unexpected-element and html.unknown-element, a
#: pointer at no entry refs.dangling and index.unresolved-ref, each fault counted twice).
#: The check's words are the ones kept: they say how to mend the source. Both place such a
#: fault at one column (an attribute, a start tag); the line alone was compared, and a
#: reversed date range or an element without rendering that shared a line with another
#: fault the check told was told nowhere (probe 164). A reversed range is the check's
#: ed-date-order or ed-date-span (the edition's schema; tei_all tells none).
RESTATED: dict[str, frozenset[str]] = {
    "index.bad-date": frozenset({"rng.bad-value", "ed-date-iso", "ed-date-order", "ed-date-span"}),
    "html.unknown-element": frozenset({"rng.unexpected-element"}),
    "index.unresolved-ref": frozenset({"refs.dangling", "ed-ref-target"}),
    "index.wrong-kind": frozenset({"refs.wrong-kind", "ed-ref-kind"}),
    "index.duplicate-id": frozenset(DUPLICATE_ID_CODES),
    "index.entry-conflict": frozenset({"refs.entry-conflict"}),
    "index.unused-entry": frozenset({"refs.unused-entry", "ed-register-unused"}),
    "index.bad-authority": frozenset({"ed-authority-form"}),
    "index.untagged-name": frozenset({"ed-name-ref"}),
}
#: Build codes placed at an entry's start tag, where the check places its fault at the
#: entry's xml:id (refs.unused-entry, refs.entry-conflict): compared by their line alone.
ENTRY_LINE = frozenset({"index.unused-entry", "index.entry-conflict"})
#: A check's words that tell another fault than the build's code for it at that place: an
#: element the schema defines, in a place it does not allow it, is a TEI element, whose lack
#: of a rendering (html.unknown-element) is a fault of its own that the build tells once per
#: name, at the first of them; told as restated there, the others of that name, valid where
#: they are, were told nowhere (probe 164). An element the schema does not define is told by
#: the check wherever it is.
OTHER_FAULT: dict[str, re.Pattern[str]] = {
    "rng.unexpected-element": re.compile(r'^element "[^"]+" is not allowed ')
}


@dataclass(frozen=True)
class ServeOptions:
    """What to build and check: ``edition build``'s and ``edition check``'s settings."""

    targets: tuple[Path, ...]
    out: Path
    check: CheckOptions
    only: tuple[str, ...] | None = None
    jobs: int = 1
    guide: Path | None = None
    #: The home page's introduction (``[tool.edition] about``), watched as the guide is.
    about: Path | None = None
    title: str | None = None
    language: str = "en"
    timeout: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    root: Path | None = None
    publication: Publication = field(default_factory=Publication)
    #: Kilobytes of HTML above which a reading page is split (``[tool.edition] page-size``).
    page_size: int = 200
    #: ``[tool.edition] images`` and ``epub-facsimiles``, as ``edition build`` reads them.
    images: str | None = None
    epub_facsimiles: bool = False
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
        about=options.about,
        title=options.title,
        language=options.language,
        timeout=options.timeout,
        max_bytes=options.max_bytes,
        root=options.root,
        images=options.images,
        epub_facsimiles=options.epub_facsimiles,
        publication=options.publication,
        page_size=options.page_size,
        # read again: a save may have changed a stylesheet of it
        customisation=options.customisation.reread() if options.customisation else None,
        resident=resident,
    )


def watch_set(options: ServeOptions) -> WatchSet:
    """The sources (folders recursively), the register folders beside them, the schemas
    they name, the settings file, the guide and the introduction."""
    folders = [t for t in options.targets if t.is_dir()]
    files = [t for t in options.targets if not t.is_dir()]
    found, _ = discover(options.targets)
    folders.extend(p.parent for p in references.context_files(found))
    files.extend(options.watched_files)
    if options.customisation is not None:
        files.extend(options.customisation.files)
    files.extend(_schemas(found, options.check))
    files.extend(f for f in (options.guide, options.about) if f is not None)
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
    #: The reference facts of every file the checks read, by shown path: a register's save
    #: resolves the pointers into it again from them.
    facts: dict[str, references.PackedFacts] = field(default_factory=dict)
    #: The files of the sources that include each part (its real path) whole: a part saved
    #: alone is checked within them.
    includers: dict[str, set[str]] = field(default_factory=dict)
    #: How many files' pointers the last register's save resolved again.
    pointing: int = 0
    #: The ids of the entries of the files removed since the last check.
    gone: set[str] = field(default_factory=set)
    #: What the terminal was told at the end of the last cycle: said again only when new.
    told: set[Diagnostic] = field(default_factory=set)
    #: Why the settings were not (all) taken at their last change.
    settings_problems: list[Diagnostic] = field(default_factory=list)

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
                changed = self._meant(batch.paths) if batch is not None else frozenset()
                if changed:
                    self.cycle(changed)
                elif self.retry_at is not None and time.monotonic() >= self.retry_at:
                    self.cycle(frozenset())
        finally:
            if self.workers is not None:
                self.workers.stop()

    def _meant(self, paths: frozenset[Path]) -> frozenset[Path]:
        """The changes of ``paths`` an editor made, without the names that are neither a file
        nor a folder now, nor held any known source: an editor's temporary file written and
        renamed over a text in one save ("sedaVaf5i", "4913"), which read as a folder of
        texts removed, listed among the changes and checked everything again (probe 81)."""
        known = {os.path.abspath(f.path) for f in self.facts.values()}
        return frozenset(
            p for p in paths
            if p.suffix or p.exists()
            or any(k.startswith(os.path.join(str(p), "")) for k in known)
        )  # fmt: skip

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
        if self.pointing:
            pointers = f"the pointers of {self.pointing} file" + "s" * (self.pointing != 1)
            checked = pointers if checked == "nothing" else f"{checked} and {pointers}"
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
                # a part kept apart to be included is checked within the files that include
                # it, as the check of the edition does: saved alone it was "div is not allowed
                # as the root element" (probe 140)
                scope.extend(
                    Path(p)
                    for p in sorted(self.includers.get(os.path.realpath(path), ()))
                    if Path(p).resolve() in sources
                )
            elif path in styles:
                continue  # a stylesheet of the customisation: the build, not the check
            elif path.suffix.lower() == ".xml" and any(f in path.parents for f in folders):
                self.checked.pop(display(path), None)  # removed: its problems went with it
                gone = self.facts.pop(display(path), None)  # and its entries, its pointers
                self.gone |= _entry_ids([gone] if gone is not None else [])
            else:
                return None  # a schema, a register outside the sources, the settings
        return list(dict.fromkeys(scope))

    def _check(self, scope: list[Path] | None) -> str:
        self.pointing = 0
        # the entries of the saved files holding lists as they were, and of those removed: a
        # text pointing at one renamed or deleted dangles now
        lists = {display(p) for p in scope or () if references.holds_lists(p)}
        changed = _entry_ids(self.facts[s] for s in lists if s in self.facts) | self.gone
        self.gone = set()
        saved = [display(p) for p in scope or ()]
        pointed = _pointed_ids(self.facts[s] for s in saved if s in self.facts)
        # and every id of the saved files as it was: a text's passage renamed left the
        # pointers of other texts at it untold (probe 150: ref target="scherr.xml#dup")
        had = _all_ids(self.facts[s] for s in saved if s in self.facts)
        checked: list[str] = []
        if scope is None or scope:
            found = self._check_files(scope)
            if found is None:
                return "nothing"
            checked = found
        changed |= _entry_ids(self.facts[s] for s in lists if s in self.facts)
        changed |= had ^ _all_ids(self.facts[s] for s in saved if s in self.facts)
        if changed:
            self._resolve_pointing(changed, set(checked))
        if scope and pointed != _pointed_ids(self.facts[s] for s in saved if s in self.facts):
            self._recount_unused()
        if not checked:
            return "nothing"
        return f"{len(checked)} file" + ("" if len(checked) == 1 else "s")

    def _check_files(self, scope: list[Path] | None) -> list[str] | None:
        """Check ``scope`` (None: every source): the files checked, None when the check
        could not run."""
        targets = list(self.options.targets) if scope is None else scope
        options = self.options.check
        if scope is not None:
            # The files of one save are checked in this process, whose compiled schemas stay
            # warm from one save to the next (forked workers would compile them each time).
            options = replace(options, jobs=1, timeout=None)
        read: list[references.PackedFacts] = []
        included_by: dict[str, set[str]] = {}
        try:
            report = check(targets, options, facts=read, included_by=included_by)
        except EditionError as exc:
            self.checked = {"-": [diag.error("-", "serve.check", str(exc))]}
            return None
        by_path: dict[str, list[Diagnostic]] = {}
        for d in report.diagnostics:
            by_path.setdefault(d.path, []).append(d)
        if scope is None:
            self.checked = {p: [] for p in report.files}
            self.facts = {}
            self.includers = {}
        # what the files checked now include replaces what they included before
        now = {os.path.abspath(p) for p in targets}
        for part in list(self.includers):
            self.includers[part] -= now
            if not self.includers[part]:
                del self.includers[part]
        for part, including in included_by.items():
            self.includers.setdefault(part, set()).update(including)
        for path in report.files:
            self.checked[path] = []
        self.checked.update(by_path)
        self.facts.update((f.display, f) for f in read)
        return report.files

    def _resolve_pointing(self, ids: set[str], checked: set[str]) -> None:
        """The reference problems, again, of the texts not checked now that point at
        ``ids``: a register's save left the pointers it broke unsaid until each text was
        saved again (probe 45), and the ones it mended said. The texts are not read again:
        their facts are those of their last check, the register's are new."""
        sources = {display(p) for p in discover(self.options.targets)[0]}
        pointing = [
            f
            for shown, f in self.facts.items()
            if shown in sources
            and shown not in checked
            and not ids.isdisjoint(p.fragment for p in references.unpacked(f).pointers)
        ]
        if not pointing:
            return
        shown = {f.display for f in pointing}
        kept = {s: [d for d in self.checked.get(s, []) if d.origin != "references"] for s in shown}
        others = [f for f in self.facts.values() if f.display not in shown]
        problems = reference_problems(
            [d for items in kept.values() for d in items],
            pointing,
            others,
            self.options.check.max_errors,
            references.corpus_seen(Path(f.path) for f in self.facts.values()),
            self.options.check.root,
        )
        for d in problems:
            if d.path not in kept:
                # content an xi:include brought, told at the file it was written in: added to
                # that file's problems, which are not replaced
                kept[d.path] = list(self.checked.get(d.path, []))
            if d not in kept[d.path]:
                kept[d.path].append(d)
        self.checked.update(kept)
        self.pointing = len(pointing)

    def _recount_unused(self) -> None:
        """Which entries no file points at, again, from every file's facts: a save that
        points at an entry, or no longer does, changes a register's warnings the check of
        the saved file alone does not give (probe 81: "never referenced" stayed on the
        registers after the text naming them was mended)."""
        facts = list(self.facts.values())
        complete = references.corpus_seen(Path(f.path) for f in facts)
        unused = [d for d in references.resolve(facts, (), complete)
                  if d.code == "refs.unused-entry"]  # fmt: skip
        for shown, items in self.checked.items():
            self.checked[shown] = [d for d in items if d.code != "refs.unused-entry"]
        for d in unused:
            self.checked.setdefault(d.path, []).append(d)

    # -- telling ----------------------------------------------------------------------------

    def diagnostics(self) -> list[Diagnostic]:
        """The last check's problems of every file, then the last build's not said already
        (``told_once``)."""
        checked = [d for items in self.checked.values() for d in items]
        return [*self.settings_problems, *told_once(checked, self.built)]

    def _shown(self) -> tuple[list[Diagnostic], dict[str, Path]]:
        """The diagnostics, and the files the pages' source view may show for them: those
        that lie, once their links are followed, in the edition's folders (its sources', its
        settings'). Probe 98: a link among the texts to /etc/passwd (gate.not-xml) had the
        source view show it, to anyone the server answers."""
        found = self.diagnostics()
        roots = self._own_folders()
        files = {}
        for d in found:
            path = Path(d.path)
            if path.suffix not in SHOWN_SUFFIXES or not path.is_file():
                continue
            real = path.resolve()
            if any(real.is_relative_to(root) for root in roots):
                files[d.path] = real
        return found, files

    def _own_folders(self) -> list[Path]:
        options = self.options
        places = [t if t.is_dir() else t.parent for t in options.targets]
        if options.config_file is not None:
            places.append(options.config_file.parent)
        return [p.resolve() for p in places]

    def _report(self, note: str, scope: list[Path] | None) -> None:
        """The diagnostics new since the last report, and those of the files just saved, to
        the terminal: it had the build's warnings of every text again at every save (probe
        45), hundreds of lines for one changed word; the panel keeps the whole set."""
        saved = {display(p) for p in scope or ()}
        found = self.diagnostics()
        unchanged = 0
        for d in found:
            if d not in self.told or d.path in saved:
                self.echo(format_line(d), True)
            else:
                unchanged += 1
        self.told = set(found)
        errors = sum(d.severity is diag.Severity.ERROR for d in found)
        warnings = sum(d.severity is diag.Severity.WARNING for d in found)
        # the counts are the edition's (the panel's), not the checked files' alone: a save of
        # one file read "checked 1 file: 1796 errors"
        counts = f"the edition has {counted(errors, 'error')}, {counted(warnings, 'warning')}"
        if unchanged:
            counts += f" ({unchanged} told before, not repeated)"
        self.echo(f"serve: {note}; {counts}", False)

    def _reload_settings(self) -> None:
        """The settings read again; what they cannot change while serving (the sources,
        which the watch and the checks follow) kept, and said. Probe 81: settings that
        could not be read were told in the terminal alone (the panel said "0 errors"), and
        a new ``sources`` was half taken (checked, not watched)."""
        assert self.settings is not None
        shown = display(self.options.config_file) if self.options.config_file else "-"
        try:
            options = self.settings()
        except EditionError as exc:
            # told with the cycle's diagnostics, in the terminal and the panel; at the place
            # TOML's reader names, so that the panel links to it (probe 98)
            line, column = getattr(exc, "line", None), getattr(exc, "column", None)
            where = _TOML_PLACE.search(str(exc)) if line is None else None
            if where is not None:
                line, column = int(where[1]), int(where[2])
            self.settings_problems = [
                diag.error(
                    shown,
                    "serve.settings",
                    f"the settings were not reloaded: {exc}",
                    line=line,
                    column=column,
                )
            ]
            return
        self.settings_problems = []
        if options.targets != self.options.targets:
            note = (
                "the sources changed in the settings; edition serve goes on with the ones it "
                "started with: restart it to serve the new ones"
            )
            self.settings_problems = [diag.warning(shown, "serve.restart", note)]
            options = replace(options, targets=self.options.targets)
        self.options = options


def _entry_ids(facts: Iterable[references.PackedFacts]) -> set[str]:
    """The ids of the register entries of the files of ``facts``."""
    return {
        fact.value
        for packed in facts
        for fact in references.unpacked(packed).ids
        if fact.register_entry
    }


def _all_ids(facts: Iterable[references.PackedFacts]) -> set[str]:
    """Every id of the files of ``facts``."""
    return {fact.value for packed in facts for fact in references.unpacked(packed).ids}


def _pointed_ids(facts: Iterable[references.PackedFacts]) -> set[str]:
    """The ids the pointers of the files of ``facts`` name."""
    return {p.fragment for packed in facts for p in references.unpacked(packed).pointers}


def _order(d: Diagnostic) -> tuple[int, tuple[str, int, int, str, str]]:
    return (-d.severity.rank, d.sort_key)


def told_once(checked: Iterable[Diagnostic], built: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The check's problems, then the build's not said already: by the same words at the
    same place, or by a check's code for the same fault at its place (``RESTATED``): the
    same line and column, the line alone where either has no column (or for ``ENTRY_LINE``)."""
    seen: set[tuple[str, int | None, str, str]] = set()
    # the check's codes at each file, line and column (None: told of the line, no column)
    codes: dict[tuple[str, int, int | None], set[str]] = {}
    lines: dict[tuple[str, int], set[str]] = {}  # and at each file and line
    found: list[Diagnostic] = []
    for d in sorted(checked, key=_order):
        seen.add((d.path, d.line, d.code, d.message))
        other = OTHER_FAULT.get(d.code)
        if d.line is not None and (other is None or not other.match(d.message)):
            codes.setdefault((d.path, d.line, d.column), set()).add(d.code)
            lines.setdefault((d.path, d.line), set()).add(d.code)
        found.append(d)
    for d in sorted(built, key=_order):
        if (d.path, d.line, d.code, d.message) in seen:
            continue
        told: set[str] = set()
        if d.line is not None and (d.column is None or d.code in ENTRY_LINE):
            told = lines.get((d.path, d.line), set())
        elif d.line is not None:
            told = codes.get((d.path, d.line, d.column), set()) | codes.get(
                (d.path, d.line, None), set()
            )
        if told.isdisjoint(RESTATED.get(d.code, ())):
            found.append(d)
    return found
