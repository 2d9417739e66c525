"""The check facade: files -> gate -> RELAX NG -> Schematron (per file, in workers) -> references.

``check(paths, options)`` returns a ``Report``; it never prints and never raises on bad input.
Per-file work runs in a process pool (each worker compiles each schema once); the reference
checker then sees the small ``FileFacts`` records of every file at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from . import diagnostics as diag
from .diagnostics import Diagnostic, Report
from .errors import EditionError, EnvironmentFailure
from .gate import (
    DEFAULT_MAX_BYTES,
    SourceDocument,
    XmlModel,
    discover,
    parse_bytes,
    read_bytes,
    read_document,
)
from .io import cache_warnings
from .parallel import Failed, run_tasks
from .paths import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, display
from .validate import references
from .xinclude import corpus_root

CHECKS = ("rng", "schematron", "refs")
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = ("http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron")


@dataclass(frozen=True)
class CheckOptions:
    checks: frozenset[str] = frozenset(CHECKS)
    schema: Path | None = None
    schematron: Path | None = None
    phase: str | None = None
    max_errors: int = 100
    jobs: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Seconds one file may take; None: no limit.
    timeout: float | None = None
    #: The corpus root: ``xi:include`` reads only files inside it (``--root``); None: found
    #: from the PATHS (``pipeline.xinclude.corpus_root``).
    root: Path | None = None
    #: Used for files that name no schema in an ``<?xml-model?>``.
    default_schema: Path | None = DEFAULT_SCHEMA
    default_schematron: Path | None = DEFAULT_SCHEMATRON


@dataclass(frozen=True)
class Schemas:
    """The grammar and the rules one file is checked against."""

    rng: Path | None
    schematron: tuple[Path, ...]
    problems: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    diagnostics: tuple[Diagnostic, ...]
    facts: references.FileFacts | None = None
    seen: bool = field(default=True)


def check(
    paths: Sequence[Path],
    options: CheckOptions,
    progress: Callable[[int], None] | None = None,
) -> Report:
    started = time.perf_counter()
    unknown = set(options.checks) - set(CHECKS)
    if unknown:
        raise EditionError(f"unknown check {sorted(unknown)}; choose from {', '.join(CHECKS)}")
    report = Report()
    options = replace(options, root=corpus_root(paths, options.root))
    files, missing = discover(paths)
    report.extend(missing)
    report.files.extend(display(p) for p in files)
    outcomes = list(_run(files, options, progress))
    for outcome in outcomes:
        report.extend(outcome.diagnostics)
    _once_per_schema(report)
    if "refs" in options.checks:
        checked = [o.facts for o in outcomes if o.facts is not None]
        context = list(_context_facts(files))
        report.extend(reference_problems(report.diagnostics, checked, context, options.max_errors))
    report.seconds = time.perf_counter() - started
    return report


def capped(
    found: list[Diagnostic], limit: int, code: str = "refs.too-many", what: str = "reference"
) -> list[Diagnostic]:
    """At most ``limit`` problems per file, then one line (``code``) saying how many more."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in found:
        by_path.setdefault(d.path, []).append(d)
    kept: list[Diagnostic] = []
    for path, items in by_path.items():
        items.sort(key=lambda d: d.sort_key)
        kept.extend(items[:limit])
        hidden = items[limit:]
        if hidden:
            worst = max(hidden, key=lambda d: d.severity.rank).severity
            message = (
                f"{len(hidden)} more {what} problems in this file are not shown "
                f"(--max-errors {limit})"
            )
            kept.append(Diagnostic(path, None, None, worst, code, message, code.split(".")[0]))
    return kept


#: Codes that report an xml:id used twice in one document, the preferred one first: the
#: RELAX NG validator (as jing), the edition's Schematron rule, the reference checker.
DUPLICATE_ID_CODES = ("rng.duplicate-id", "ed-id-unique", "refs.duplicate-id")


#: Notes about a schema or the cache (not about a file): reported once, however many files
#: (and worker processes) met them.
SCHEMA_NOTES = frozenset({"sch.implicit-namespace", "env.cache"})


def _once_per_schema(report: Report) -> None:
    seen: set[Diagnostic] = set()
    kept = []
    for d in report.diagnostics:
        if d.code in SCHEMA_NOTES:
            if d in seen:
                continue
            seen.add(d)
        kept.append(d)
    report.diagnostics[:] = kept


def reference_problems(
    found: Sequence[Diagnostic],
    checked: list[references.FileFacts],
    context: list[references.FileFacts],
    max_errors: int,
) -> list[Diagnostic]:
    """The reference problems of the ``checked`` files (``context`` files only help resolve
    their pointers), at most ``max_errors`` per file. One diagnostic per problem: an id used
    twice is reported once at each place, by the first of ``DUPLICATE_ID_CODES`` that
    noticed it, so what ``found`` (the per-file checks) says already is not said again."""
    resolved = references.resolve(checked, context)
    taken = {(d.path, d.line) for d in found if d.code in DUPLICATE_ID_CODES}
    fresh = [
        d for d in resolved if not (d.code in DUPLICATE_ID_CODES and (d.path, d.line) in taken)
    ]
    return capped(fresh, max_errors)


def _one_per_duplicate_id(found: list[Diagnostic]) -> list[Diagnostic]:
    """Of the duplicate-id reports at one place, keep the preferred one."""
    best: dict[tuple[str, int | None], int] = {}
    for d in found:
        if d.code in DUPLICATE_ID_CODES:
            rank = DUPLICATE_ID_CODES.index(d.code)
            key = (d.path, d.line)
            best[key] = min(rank, best.get(key, rank))
    return [
        d
        for d in found
        if d.code not in DUPLICATE_ID_CODES
        or DUPLICATE_ID_CODES.index(d.code) == best[(d.path, d.line)]
    ]


def _run(
    files: list[Path], options: CheckOptions, progress: Callable[[int], None] | None
) -> Iterator[FileOutcome]:
    """Every file's outcome, in order; a file that fails in its worker is reported alone."""
    outcomes = run_tasks(
        lambda index: check_file(files[index], options),
        len(files),
        max(1, min(options.jobs, len(files))),
        timeout=options.timeout,
    )
    for path, outcome in zip(files, outcomes, strict=True):
        if outcome.failed is None:
            assert outcome.value is not None
            yield outcome.value
        else:
            yield FileOutcome(path, (_failure(path, outcome.failed),))
        if progress:
            progress(1)


def _failure(path: Path, failed: Failed) -> Diagnostic:
    shown = display(path)
    if failed.kind == "timeout":
        return diag.error(
            shown,
            "check.timeout",
            f"checking this file took too long ({failed.message}); it was stopped: split the "
            "file or raise --timeout",
            origin="check",
        )
    if failed.kind == "crash":
        return diag.error(
            shown,
            "check.worker-crash",
            f"checking this file ended its worker process ({failed.message}); please report it",
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


def check_file(path: Path, options: CheckOptions) -> FileOutcome:
    """Every per-file check of one file; any unexpected failure becomes one diagnostic."""
    data, refusal = read_bytes(path, options.max_bytes)
    if refusal is not None:
        return FileOutcome(path, refusal.diagnostics)
    return check_bytes(data, path, options)


def check_bytes(data: bytes, path: Path, options: CheckOptions) -> FileOutcome:
    """The checks of ``check_file`` on bytes already read: a file on disk, or an editor's
    buffer (``pipeline.lsp``) that says it is ``path``, whose includes and ``<?xml-model?>``
    schemas are resolved from there. The reference facts are returned; resolving them across
    the corpus (``references.resolve``) is the caller's."""
    gated = parse_bytes(data, path, max_bytes=options.max_bytes, root=options.root)
    found = list(gated.diagnostics)
    doc = gated.document
    if doc is None:
        return FileOutcome(path, tuple(found))
    try:
        validated = list(_validate(doc, options))
        rules = [d for d in validated if d.origin == "schematron"]
        found.extend(d for d in validated if d.origin != "schematron")
        found.extend(capped(rules, options.max_errors, "sch.too-many", "Schematron"))
    except EditionError as exc:
        found.append(diag.error(doc.display, "check.schema", str(exc), origin="check"))
    facts = references.facts(doc) if "refs" in options.checks else None
    found.extend(cache_warnings())
    return FileOutcome(path, tuple(_one_per_duplicate_id(found)), facts)


def _validate(doc: SourceDocument, options: CheckOptions) -> Iterator[Diagnostic]:
    wants_rng = "rng" in options.checks
    wants_sch = "schematron" in options.checks
    if not (wants_rng or wants_sch):
        return
    schemas = schemas_for(doc, options)
    yield from schemas.problems
    from .validate.rng_prune import Vocabulary

    vocabulary = Vocabulary.of(doc.root)  # both validators start from the names used
    if wants_rng and schemas.rng is not None:
        from .validate import relaxng

        validator = relaxng.validator_for(schemas.rng)
        yield from validator.validate(doc, options.max_errors, vocabulary)
    if wants_sch:
        from .validate import schematron

        for sch in schemas.schematron:
            rules = schematron.validator_for(sch, options.phase)
            yield from (d.with_path(doc.display) for d in rules.skipped)
            yield from rules.notes
            yield from rules.validate(doc, vocabulary)


def schemas_for(doc: SourceDocument, options: CheckOptions) -> Schemas:
    """--schema/--schematron first, then the file's ``<?xml-model?>``, then the edition's own."""
    if options.schema is not None:
        sch = (options.schematron,) if options.schematron else _embedded(options.schema)
        return Schemas(options.schema, sch)
    models = doc.xml_models()
    if not models:
        default_sch = options.default_schematron
        defaults = (default_sch,) if default_sch is not None else ()
        return Schemas(
            options.default_schema, (options.schematron,) if options.schematron else defaults
        )
    found = _from_models(doc, models)
    if options.schematron is not None:
        return Schemas(found.rng, (options.schematron,), found.problems)
    if found.rng is not None and not found.schematron:
        return Schemas(found.rng, _embedded(found.rng), found.problems)
    return found


def _from_models(doc: SourceDocument, models: list[XmlModel]) -> Schemas:
    rng: Path | None = None
    sch: list[Path] = []
    problems: list[Diagnostic] = []
    for model in models:
        target, problem = _model_path(doc, model)
        if problem is not None or target is None:
            problems.extend([problem] if problem is not None else [])
            continue
        kind = _model_kind(model, target)
        if kind == "rng":
            rng = rng or target
            if model.schematypens in SCH_NS:
                sch.append(target)
        elif kind == "sch":
            sch.append(target)
        else:
            problems.append(
                diag.warning(
                    doc.display,
                    "check.schema-unsupported",
                    f"the xml-model schema {model.href!r} is neither RELAX NG (XML syntax) nor "
                    "Schematron; it is not used (convert .rnc with trang, or pass --schema)",
                    model.line,
                    origin="check",
                )
            )
    return Schemas(rng, tuple(dict.fromkeys(sch)), tuple(problems))


def _embedded(rng: Path) -> tuple[Path, ...]:
    from .validate import schematron

    return (rng,) if schematron.has_embedded_schematron(rng) else ()


def _model_path(doc: SourceDocument, model: XmlModel) -> tuple[Path | None, Diagnostic | None]:
    parts = urlsplit(model.href)
    if (parts.scheme and parts.scheme != "file") or parts.netloc:
        return None, diag.error(
            doc.display,
            "check.remote-schema",
            f"the xml-model points at a remote schema ({model.href}); schemas are never "
            "fetched over the network: download it and pass --schema FILE",
            model.line,
            origin="check",
        )
    target = (doc.path.parent / parts.path).resolve()
    if not target.is_file():
        return None, diag.error(
            doc.display,
            "check.schema-missing",
            f"the xml-model schema {model.href!r} does not exist (looked at {display(target)}); "
            "fix the href or pass --schema FILE",
            model.line,
            origin="check",
        )
    return target, None


def _model_kind(model: XmlModel, target: Path) -> str:
    if model.schematypens == RNG_NS or target.suffix == ".rng":
        return "rng"
    if model.schematypens in SCH_NS or target.suffix in (".sch", ".schematron"):
        return "sch"
    return "other"


def _context_facts(files: list[Path]) -> Iterator[references.FileFacts]:
    for path in references.context_files(files):
        gated = read_document(path)
        if gated.document is not None:
            yield references.facts(gated.document)
