"""The check facade: files -> gate -> RELAX NG -> Schematron (per file, in workers) -> references.

``check(paths, options)`` returns a ``Report``; it never prints and never raises on bad input.
Per-file work (``pipeline.check_file``) runs in the local process pool (each worker compiles
each schema once) or, with ``options.scheduler``, on a Dask cluster (``pipeline.distributed``,
imported only then). The reference checker then sees the small ``FileFacts`` records of every
file at once. With a ``stream``, each file's diagnostics are handed on as soon as the file is
done (in the order of the files) and the report keeps only their counts, so memory does not
grow with the number of files beyond the reference facts.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import itertools
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from . import columns
from . import diagnostics as diag
from .check_file import (
    CHECKS,
    DUPLICATE_ID_CODES,
    RNG_NS,
    CheckOptions,
    FileOutcome,
    Schemas,
    capped,
    check_bytes,
    check_file,
    schemas_for,
    warm,
)
from .diagnostics import Diagnostic, Report, Severity
from .errors import EditionError, EnvironmentFailure, OptionError
from .gate import discover_names, empty_folders, other_sources, read_document
from .parallel import MEMORY_ADVICE, Failed, Outcome, run_tasks
from .paths import display, is_dir, is_file, same_file
from .validate import references
from .xinclude import corpus_root, include_hrefs

__all__ = [
    "CHECKS",
    "RNG_NS",
    "CheckOptions",
    "FileOutcome",
    "Schemas",
    "capped",
    "check",
    "check_bytes",
    "check_file",
    "reference_problems",
    "schemas_for",
    "untold",
]

#: Receives diagnostics as they are found: one file's (sorted) at a time, in file order,
#: then the reference problems.
Stream = Callable[[Sequence[Diagnostic]], None]


def check(
    paths: Sequence[Path],
    options: CheckOptions,
    progress: Callable[[int], None] | None = None,
    stream: Stream | None = None,
    facts: list[references.PackedFacts] | None = None,
    included_by: dict[str, set[str]] | None = None,
) -> Report:
    """Check ``paths``. ``facts``, when given, receives the reference facts of every file
    read, the checked ones' and their context's: ``edition serve`` resolves the pointers of
    the texts again from them after a register's save, without reading the texts.
    ``included_by``, when given, receives each file an xi:include took whole (its real
    path) with the files checked that include it: ``edition serve`` checks a saved part
    within them."""
    started = time.perf_counter()
    unknown = set(options.checks) - set(CHECKS)
    if unknown:
        raise EditionError(f"unknown check {sorted(unknown)}; choose from {', '.join(CHECKS)}")
    usable(options)
    report = Report()
    configured = options.root
    options = replace(
        options,
        root=corpus_root(paths, options.root),
        run=os.urandom(8).hex(),  # secrets' own way, without its import
        corpus=corpus_digest(paths),
    )
    names, missing = discover_names(paths)
    names = [*names, *_registers_beside(names, paths)]
    out = _Emitter(report, stream)
    out.add(missing)
    # a folder with no *.xml (emptied, mistyped, named x.xml) checks nothing: an archivist's
    # `make check` must not pass on it
    out.add([_no_sources(p) for p in empty_folders(paths, names)])
    checked: list[references.PackedFacts] = []
    files: list[Path] = []
    included: set[str] = set()
    taken: set[str] = set()
    fragments: list[FileOutcome] = []
    within: list[Path] = []  # parts checked within the files including them
    refused: list[Path] = []  # files the gate refused (not well-formed ...)
    for outcome in _run(names, options, progress):
        files.append(outcome.path)
        report.files.append(display(outcome.path))  # as it comes: the first line sooner
        included.update(outcome.includes)
        if included_by is not None:
            for part in outcome.includes:
                included_by.setdefault(part, set()).add(os.path.abspath(outcome.path))
        taken.update(outcome.taken_from)
        if outcome.fragment:
            fragments.append(outcome)  # told at the end, unless another file includes it
            continue
        out.add(outcome.diagnostics)
        if outcome.facts is not None:
            checked.append(outcome.facts)
        elif any(
            d.code.startswith("gate.") and d.severity is Severity.ERROR for d in outcome.diagnostics
        ):
            refused.append(outcome.path)
    # a part kept apart to be included (a division, a surface) is checked within the file
    # that includes it, its problems told at their lines in it: on its own it was "div is not
    # allowed as the root element" and its problems twice (probe 115: make check could not
    # pass on an edition of included parts)
    # (those no file includes first: they may include the others, whose copies they tell)
    fragments.sort(key=lambda o: os.path.realpath(o.path) in included)
    elsewhere = _Includers(options.root, options.max_bytes)
    for outcome in fragments:
        if os.path.realpath(outcome.path) in included:
            # what the including files told of it, at its own columns; not what only a
            # document would be told (its root, its missing header)
            out.add(d for d in outcome.diagnostics if out.told_within(d))
            within.append(outcome.path)  # read, through the file including it
            continue  # its pointers are the including file's, resolved in its document
        elif os.path.realpath(outcome.path) in taken:
            # a file an xpointer takes a part of is checked whole, as the fragment it is:
            # all but its root's "not allowed as the root element" (probe 117: a valid part
            # failed the check)
            out.add(d for d in outcome.diagnostics if not _as_no_document(d, outcome))
        elif includers := elsewhere(outcome.path):
            # a part checked alone (`edition check parts/ch.xml`, an editor's make on the
            # current file) that a file of the edition includes: checked as the document it
            # is alone, as jing checks it ("div is not allowed as the root element"), with a
            # note of what make check, serve and the language server say of it (probe 150)
            out.add(outcome.diagnostics)
            out.add([_checked_apart(outcome, includers)])
        else:
            out.add(outcome.diagnostics)
        if outcome.facts is not None:
            checked.append(outcome.facts)
    out.flush()
    if facts is not None:
        facts.extend(checked)
    if "refs" in options.checks:
        unread: list[Path] = []
        context = list(_context_facts(files, paths, unread))
        # a register checked here that the gate refused is as unread (a folder's check)
        unread += [p for p in refused if references.may_hold_entries(p)]
        if facts is not None:
            facts.extend(references.pack(c) for c in context)
        # the files read: one the gate refused may point at any entry (probe 81: a text
        # saved not well-formed made every entry it named "never referenced")
        # (and the parts read within them: probe 126, one included part made the corpus
        # "not all seen" and every "never referenced" went untold)
        seen = [*(Path(c.path) for c in checked), *within, *(c.path for c in context)]
        complete = references.corpus_seen(seen)
        problems = reference_problems(
            out.said,
            checked,
            context,
            options.max_errors,
            complete,
            _edition_folder(options.root, configured),
            sorted(set(unread)),
        )
        out.add(problems)
        out.add(_no_registers(problems, checked, context, paths))
    report.seconds = time.perf_counter() - started
    return report


def _edition_folder(root: Path | None, configured: Path | None) -> Path | None:
    """The folder pointers may lead into: the root given (--root, [tool.edition] root) or
    an edition's (the folder of its pyproject.toml); no bound for a root found otherwise (the
    working folder, the paths' common parent: a file checked from its own folder points
    into its siblings, probe 131)."""
    if root is None:
        return None
    return root if configured is not None or is_file(root / "pyproject.toml") else None


def _no_registers(
    problems: Sequence[Diagnostic],
    checked: Sequence[references.PackedFacts],
    context: Sequence[references.FileFacts],
    paths: Sequence[Path],
) -> list[Diagnostic]:
    """One note, where names point at register entries and no file read holds any: every
    pointer dangles for that one reason (probe 112: a register moved out of reach gave 28
    errors, "no xml:id ... in this document or the registers", and no word of where
    registers are looked for)."""
    # a name's pointer, which a register entry answers: a ptr at a paragraph of no id is
    # no matter of registers (probe 117: the note on "See <ptr target="#nowhere"/>")
    wanting = tuple(f'@{a}="' for a in references.REGISTER_POINTERS)
    if not any(d.code == "refs.dangling" and d.message.startswith(wanting) for d in problems):
        return []
    # the registers read beside the files first, one file unpacked at a time, stopping at
    # the first entry (a run of 100,000 letters unpacks none but where it has to)
    files = itertools.chain(context, (references.unpacked(c) for c in checked))
    if any(fact.register_entry for f in files for fact in f.ids):
        return []
    # a folder, as a report's path must be (probe 117: "a, b" was a file of no name in the
    # GitHub, SARIF and JSON reports): the one checked, or the folder holding them all
    # (relative when they all are, as a report's other paths: probe 122)
    given = [str(p) for p in paths]
    if not any(os.path.isabs(p) for p in given):
        where = display(Path(os.path.commonpath(given) or "."))
    else:
        where = display(Path(os.path.commonpath([os.path.abspath(p) for p in given])))
    if len(paths) == 1:
        where = display(paths[0])
    return [
        diag.info(
            where,
            "check.no-registers",
            "no register entry was found: registers are read from registers/ folders beside "
            "the checked files (up to three levels up), from files of the edition's sources "
            "that hold register lists, and from the files checked; put the register files "
            "there, or check them with the texts",
            origin="check",
        )
    ]


def _registers_beside(names: Sequence[str], paths: Sequence[Path]) -> list[str]:
    """The register files a build of the folders in ``paths`` reads from outside them
    (``registers/`` beside or above the sources: ``references.context_files``), which it
    publishes: checked too (probe 112: an invalid register in the edition's folder, above
    its sources, passed the check and was published). Not for files named one by one: the
    check of a saved text (the editor's, the server's) is about that text, its registers
    read only to resolve its pointers."""
    folders = [os.path.realpath(p) for p in paths if is_dir(p)]
    if not folders:
        return []
    named = {os.path.realpath(n) for n in names}
    # by folder, as references.context_files looks (a Path for each of 100,000 files was
    # 0.4 s before the first one was checked)
    parents = {Path(os.path.dirname(os.path.abspath(n))) for n in names}
    outside = [
        found
        for found in references.register_folders(parents)
        if not any((str(found) + os.sep).startswith(folder + os.sep) for folder in folders)
    ]
    return [name for name in discover_names(outside)[0] if os.path.realpath(name) not in named]


def corpus_digest(paths: Sequence[Path]) -> str:
    """What the run checks (``CheckOptions.corpus``), as a digest of its sorted absolute
    paths. The options travel with every task, so the paths themselves made each task as
    large as the command line: 4,000 letters named one by one (a shell's ``*.xml``) put a
    client of ``--scheduler local:2`` at 692 MB, against 85 MB with the digest."""
    joined = "\n".join(sorted({os.path.abspath(p) for p in paths}))
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()


def usable(options: CheckOptions) -> None:
    """Refuse, before any file is read, a ``--schema`` that is no RELAX NG schema, rules
    (``--schematron``) that cannot be compiled and a ``--phase`` they do not have (of the
    edition's own rules when no ``--schematron`` is given): one mistake in a command line is
    one usage error (``OptionError``, exit 2), not an error in each of 300 files. Each is
    compiled here once more than in the workers; the disk cache makes that cheap. The RELAX
    NG validator read here is the one the workers forked later start from."""
    if "rng" in options.checks and options.schema is not None:
        from .validate import relaxng

        try:
            relaxng.validator_for(options.schema)
        except EditionError as exc:
            raise OptionError(f"--schema {options.schema}: {exc}") from exc
    rules = options.schematron or (options.default_schematron if options.phase else None)
    if "schematron" in options.checks and rules is not None:
        from .validate import schematron

        try:
            schematron.validator_for(rules, options.phase)
        except EditionError as exc:
            given = f"--schematron {rules}" if options.schematron else f"--phase {options.phase}"
            raise OptionError(f"{given}: {exc}") from exc


def _no_sources(folder: Path) -> Diagnostic:
    return diag.error(
        display(folder),
        "check.no-sources",
        "no *.xml file in this folder: nothing was checked; check the path" + other_sources(folder),
        origin="check",
    )


#: At most this many files of the edition are looked through for one including a part checked
#: alone (``_Includers``), in at most this many folders: a run started in / walked the whole
#: disk before the first was read (probe 168).
MAX_LOOKED_FOR_INCLUDERS = 20_000
MAX_FOLDERS_FOR_INCLUDERS = 20_000


def _edition_files(root: Path, limit: int, folders: int) -> Iterator[Path]:
    """The *.xml files below ``root`` that may include a part, in a fixed order (folder by
    folder, names sorted), at most ``limit`` of them in at most ``folders`` folders: regular
    files only (a named pipe blocked the run for good, probe 168), symbolic links to folders
    not followed."""
    found = 0
    for seen, (folder, subfolders, names) in enumerate(os.walk(root)):
        if seen >= folders:
            return
        subfolders.sort()
        for name in sorted(names):
            if not name.endswith(".xml"):
                continue
            path = Path(folder, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            if not stat.S_ISREG(status.st_mode):
                continue
            yield path
            found += 1
            if found >= limit:
                return


#: Byte order marks of the wide encodings, in whose bytes "include" is not b"include".
_WIDE_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


class _Includers:
    """The files of the edition (below ``root``) that include each file, read once a run
    and only when a part no file of the run includes asks (a part checked alone): the files
    are read as bytes and looked through for includes, not parsed."""

    def __init__(self, root: Path | None, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.by_part: dict[Path, list[Path]] | None = None

    def __call__(self, part: Path) -> list[Path]:
        if self.root is None:
            return []
        if self.by_part is None:
            self.by_part = {}
            candidates = _edition_files(
                self.root, MAX_LOOKED_FOR_INCLUDERS, MAX_FOLDERS_FOR_INCLUDERS
            )
            for path in candidates:
                # no larger than the gate reads a file (probe 168: a 500 MB file beside the
                # edition was read whole, 545 MB at the peak)
                try:
                    with open(path, "rb") as file:
                        data = file.read(self.max_bytes + 1)
                except OSError:
                    continue
                if len(data) > self.max_bytes:
                    continue
                # most files include nothing: only those whose bytes may say so are read as
                # text, by their encoding (probe 155: an includer saved as UTF-16 was not
                # found by a UTF-8 pattern); UTF-32-LE's mark begins with UTF-16-LE's
                if b"include" not in data and not data.startswith(_WIDE_MARKS):
                    continue
                text = columns.decode(data)
                if text is None:
                    continue
                for _, written in include_hrefs(text):
                    href = written.split("#")[0].strip()
                    if href:
                        target = (path.parent / unquote(href)).resolve()
                        self.by_part.setdefault(target, []).append(path)
        return list(dict.fromkeys(self.by_part.get(part.resolve(), [])))


def _checked_apart(outcome: FileOutcome, includers: list[Path]) -> Diagnostic:
    """The note of a part checked apart from the files that include it."""
    first = display(includers[0])
    more = f" (and {len(includers) - 1} more)" if len(includers) > 1 else ""
    return diag.info(
        display(outcome.path),
        "check.part-alone",
        f"this file is a part that {first}{more} includes, checked here on its own as a "
        "document (as jing checks it: a part's root may be no document's); check "
        f"{first}, or the folder, to check it in its place, as make check does",
        origin="check",
    )


def _as_no_document(d: Diagnostic, outcome: FileOutcome) -> bool:
    """Whether ``d`` tells a fragment's root that it may not be a document's root."""
    return d.code == "rng.unexpected-element" and (d.line, d.column) == outcome.root_place


#: Rules of the edition's Schematron that find what the reference checker finds too, with the
#: checker's code: a name pointing at a paragraph is one fault, reported once (by the rule,
#: which a file's own check reports first).
SAME_FAULT = {"ed-ref-kind": "refs.wrong-kind", "ed-ref-target": "refs.dangling"}
#: And those that find it at one attribute, placed where the checker places its fault: a
#: name's ref="dresden" is the rule's "write #id" and the checker's refs.bare-id (probe 117:
#: told twice at one place), where a bare id of another attribute on that line is not the
#: rule's (probe 116: hidden). Its place is said with its column (``untold``).
SAME_PLACE = {"ed-ref-syntax": "refs.bare-id"}

#: A place a per-file check has reported, with the reference checker's code for its fault.
Said = tuple[str, "int | None", str]


def said(diagnostics: Iterable[Diagnostic]) -> set[Said]:
    """The places of ``diagnostics`` that the reference checker must not report again: an id
    used twice (by any of ``DUPLICATE_ID_CODES``), a fault of ``SAME_FAULT``, an id that the
    schema found is no XML name."""
    places: set[Said] = set()
    for d in diagnostics:
        if d.code in DUPLICATE_ID_CODES:
            places.update((d.path, d.line, code) for code in DUPLICATE_ID_CODES)
        elif d.code in SAME_FAULT:
            places.add((d.path, d.line, SAME_FAULT[d.code]))
        elif d.code in SAME_PLACE:
            places.add((d.path, d.line, f"{SAME_PLACE[d.code]}:{d.column}"))
        elif d.code == "rng.bad-value" and 'attribute "xml:id"' in d.message:
            # a schema that types xml:id as an ID has said it is no XML name
            places.add((d.path, d.line, "refs.bad-id"))
    return places


def reference_problems(
    taken: Iterable[Diagnostic] | set[Said],
    checked: Sequence[references.Facts],
    context: Sequence[references.Facts],
    max_errors: int,
    complete: Callable[[Path], bool] | None = None,
    root: Path | None = None,
    unread_registers: Sequence[Path] = (),
) -> list[Diagnostic]:
    """The reference problems of the ``checked`` files (``context`` files only help resolve
    their pointers; ``unread_registers`` could not be read), at most ``max_errors`` per
    file. One diagnostic per problem: an id used twice is reported once at each place, by
    the first of ``DUPLICATE_ID_CODES`` that noticed it, and a fault a Schematron rule
    reported (``SAME_FAULT``) is not reported again: ``taken`` holds those places
    (``said``), or the per-file checks' diagnostics."""
    resolved = references.resolve(checked, context, complete, root, unread_registers)
    return untold(taken, resolved, max_errors)


def untold(
    taken: Iterable[Diagnostic] | set[Said], resolved: Iterable[Diagnostic], max_errors: int
) -> list[Diagnostic]:
    """The problems ``references.resolve`` found that ``taken`` did not tell already, at
    most ``max_errors`` per file (``reference_problems``, for problems resolved once and
    told after more than one set of diagnostics: the language server's two passes)."""
    if not isinstance(taken, set):
        taken = said(taken)
    # a file checked itself and included by another is one file: its problem is told once
    fresh = list(dict.fromkeys(
        d for d in resolved if (d.path, d.line, d.code) not in taken
        and (d.path, d.line, f"{d.code}:{d.column}") not in taken
    ))  # fmt: skip
    return capped(fresh, max_errors)


#: Notes about a schema or the cache (not about a file): reported once, however many files
#: (and worker processes) met them.
SCHEMA_NOTES = frozenset(
    {
        "sch.implicit-namespace",
        "sch.pattern-skipped",
        "env.cache",
        "check.default-schema",
        "check.schematron-not-run",
    }
)


class _Emitter:
    """Diagnostics into the report, or to the stream with only their counts kept; schema
    notes once; the places the reference checker must not report again remembered."""

    def __init__(self, report: Report, stream: Stream | None) -> None:
        self.report = report
        self.stream = stream
        self.notes: set[Diagnostic] = set()
        #: places the reference checker must not report again (``said``)
        self.said: set[Said] = set()
        #: problems of a file's own, and of content included from it, by place and words
        self.told: dict[tuple[str, int | None, str, str], tuple[bool, Diagnostic]] = {}
        #: a streamed report's problems of included content, held until the end: the
        #: included file's own check may tell them yet (``flush``)
        self.held: dict[tuple[str, int | None, str, str], Diagnostic] = {}

    def add(self, items: Iterable[Diagnostic]) -> None:
        kept = []
        for d in items:
            if d.code in SCHEMA_NOTES or d.code.startswith("gate."):
                # a schema's note once; a part the gate refused once, told by its own
                # reading and by the file including it (probe 115: the same line twice)
                if d in self.notes:
                    continue
                self.notes.add(d)
            if self._again(d):
                continue
            kept.append(d)
        self._emit(kept)

    def told_within(self, d: Diagnostic) -> bool:
        """Whether a file including ``d``'s file told it too ("(included by ...)")."""
        entry = self.told.get((same_file(d.path), d.line, d.code, d.message))
        return entry is not None and entry[0]

    def flush(self) -> None:
        """Tell the held problems of included content that no file's own check told."""
        held, self.held = list(self.held.values()), {}
        self._emit(held)

    def _emit(self, kept: list[Diagnostic]) -> None:
        self.said |= said(kept)
        if self.stream is None:
            self.report.extend(kept)
        else:
            self.report.streamed.add(kept)
            if kept:
                self.stream(sorted(kept, key=lambda d: d.sort_key))

    def _again(self, d: Diagnostic) -> bool:
        """Whether ``d`` tells again a problem of a file checked itself and included by
        another (a charDecl shared by an edition's works, checked with them): the problem is
        the included file's, told once, where that file's own check places it (with its
        column); its copy in the including file's report is left out, or taken back when it
        came first. A streamed report cannot take back what it wrote: it holds such copies
        until the end of the files (probe 55: the stream told 16 errors where the whole
        report told 10, the same problems twice)."""
        included = _INCLUDED.search(d.message)
        core = d.message[: included.start()] if included else d.message
        # the file by its real path: a part is shown by its resolved path where a file
        # includes it, and as the command line named it in its own check (probe 155: checked
        # as ../tei, or through a link, a nested part's own report, with its column, was
        # not matched, and its copy "(included by ...)" told in its place)
        key = (same_file(d.path), d.line, d.code, core)
        before = self.told.get(key)
        if included:
            if before is not None:
                return True
            self.told[key] = (True, d)
            if self.stream is None:
                return False
            self.held[key] = d
            self.said |= said([d])
            return True
        if before is not None and before[0]:
            if self.stream is None:
                self.report.diagnostics.remove(before[1])
            else:
                self.held.pop(key, None)
        self.told[key] = (False, d)
        return False


#: The end of a message about content an xi:include brought (gate.SourceDocument).
_INCLUDED = re.compile(r" \(included by [^()]+:\d+\)$")


def _run(
    names: list[str], options: CheckOptions, progress: Callable[[int], None] | None
) -> Iterator[FileOutcome]:
    """Every file's outcome, in order; a file that fails in its worker is reported alone.
    A file's ``Path`` is made by the worker that checks it (``discover_names``)."""
    outcomes: Iterator[Outcome[FileOutcome]]
    if options.scheduler:
        from .distributed import check_files  # Dask only when a scheduler is asked for

        outcomes = check_files([Path(name) for name in names], options)
    else:
        outcomes = run_tasks(
            lambda index: check_file(Path(names[index]), options),
            len(names),
            max(1, min(options.jobs, len(names))),
            timeout=options.timeout,
            prepare=functools.partial(warm, options),
            reuse_memory=True,  # what a file's bytes and tree took, the next file's take again
            prefetch=True,  # a file's check is short: the pipe's round trip was idle time
        )
    for name, outcome in zip(names, outcomes, strict=True):
        if outcome.failed is None:
            assert outcome.value is not None
            yield outcome.value
        else:
            path = Path(name)
            yield FileOutcome(path, (_failure(path, outcome.failed),))
        if progress:
            progress(1)


def _failure(path: Path, failed: Failed) -> Diagnostic:
    shown = display(path)
    if failed.kind == "timeout":
        return diag.error(
            shown,
            "check.timeout",
            f"checking this file took too long ({failed.message}): split the file or raise "
            "--timeout",
            origin="check",
        )
    if failed.kind == "crash":
        return diag.error(
            shown,
            "check.worker-crash",
            f"checking this file ended its worker process ({failed.message}): {MEMORY_ADVICE}",
            origin="check",
        )
    if isinstance(failed.error, EnvironmentFailure):
        return diag.error(failed.error.path, failed.error.code, failed.error.message)
    return diag.error(
        shown,
        "check.internal",
        f"internal error while checking this file ({failed.message}); please report it",
        origin="check",
    )


def _context_facts(
    files: list[Path], paths: Sequence[Path], unread: list[Path]
) -> Iterator[references.FileFacts]:
    """The facts of the registers beside the files checked, and of the edition's lists;
    ``unread`` gets those that cannot be read."""
    nearby = references.context_files(files)
    known = {os.path.realpath(p) for p in nearby}
    listed = references.edition_lists(files, paths)
    edition = [p for p in listed if os.path.realpath(p) not in known]
    for path in [*nearby, *edition]:
        gated = read_document(path)
        if gated.document is not None:
            yield references.facts(gated.document)
        else:
            unread.append(path)
