"""One file's checks: gate -> RELAX NG -> Schematron -> reference facts (in a worker).

``check_file(path, options)`` (the local pool) and ``check_bytes(data, path, options)`` (a
Dask worker, on bytes its client read) return a ``FileOutcome``: the file's diagnostics and
the small ``FileFacts`` record the reference checker needs. Which schemas a file is checked
against: ``--schema``/``--schematron``, else the file's ``<?xml-model?>``, else the defaults.
Both are ``first_pass`` (all but the Schematron rules) then ``FirstPass.finish``: the
language server publishes the first half of a long text's check before the whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TypeVar, cast
from urllib.parse import unquote, urlsplit

from . import diagnostics as diag
from .diagnostics import Diagnostic, Severity
from .errors import EditionError
from .gate import (
    DEFAULT_MAX_BYTES,
    TEI_NS,
    GateResult,
    SourceDocument,
    Survey,
    XmlModel,
    parse_bytes,
    read_document,
)
from .gate import survey as take_survey
from .io import cache_warnings
from .parallel import untimed
from .paths import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, display
from .validate import references

if TYPE_CHECKING:
    from .validate.rng_prune import Vocabulary

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
    #: A Dask scheduler's address, or ``local:N`` (``pipeline.distributed``); None: the
    #: local process pool.
    scheduler: str | None = None
    #: Set by ``check`` for each run: schemas are looked up once per run and process.
    run: str = ""
    #: Set by ``check``: what the run checks (its PATHS), the corpus whose names a RELAX NG
    #: grammar is grown to from one run to the next (``RelaxNGValidator.use_corpus``).
    corpus: str = ""


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
    #: Packed on the worker: a run keeps them until every file is checked.
    facts: references.PackedFacts | None = None
    seen: bool = field(default=True)
    #: The files it included whole through xi:include, resolved (``check``: those checked on
    #: their own too are parts, told within it).
    includes: tuple[str, ...] = ()
    #: Its root is no TEI document (a division, a surface kept apart to be included).
    fragment: bool = False
    #: The files it took parts of through an xpointer, resolved (``check``: such a part,
    #: checked on its own, is a fragment, not a document with a wrong root).
    taken_from: tuple[str, ...] = ()
    #: Where its root element starts: what only a document is told is placed there.
    root_place: tuple[int | None, int | None] = (None, None)


#: The roots of a TEI document (a part kept apart to be included has another).
DOCUMENT_ROOTS = frozenset(f"{{{TEI_NS}}}{name}" for name in ("TEI", "teiCorpus"))

#: Codes that report an xml:id used twice in one document, the preferred one first: the
#: RELAX NG validator (as jing), the edition's Schematron rule, the reference checker.
DUPLICATE_ID_CODES = ("rng.duplicate-id", "ed-id-unique", "refs.duplicate-id")

_RULE_VALUE = re.compile(r'^@([^=]+)="(.*?)" ')
_RNG_VALUE = re.compile(
    r'^attribute "([^"]+)" of element \S+ has an invalid value "(.*)"; expected '
)
_ID_VALUE = re.compile(r'^(?:ID |xml:id ?=?)"([^"]*)"')

#: What tells that two diagnostics report one fault (None: this one reports no such fault).
FaultKey = Callable[[Diagnostic], Hashable | None]


def _value(pattern: re.Pattern[str]) -> FaultKey:
    # the file and the words the message quotes (an id; an attribute and its value), not the
    # place: a check that places a report at the attribute (RELAX NG) and one that places it
    # at its element (a Schematron rule about the element) give other lines for one fault
    # when the start tag is written over several lines
    def key(d: Diagnostic) -> Hashable | None:
        match = pattern.search(d.message)
        return None if match is None else (d.path, *match.groups())

    return key


#: Faults that more than one check of a file reports, each group with its codes, the
#: preferred one first: of the reports of one fault, only the preferred code's are kept.
#: An xml:id used twice is one fault; a value the schema's datatype refuses is told with
#: advice by a rule (``ed-date-iso`` says how to write "1852-02-30"), and RELAX NG's report
#: of the same value is then redundant.
SAME_FAULT_IN_FILE: tuple[dict[str, FaultKey], ...] = (
    dict.fromkeys(DUPLICATE_ID_CODES, _value(_ID_VALUE)),
    {"ed-date-iso": _value(_RULE_VALUE), "rng.bad-value": _value(_RNG_VALUE)},
)


#: Codes of SAME_FAULT_IN_FILE that a check places at the attribute the fault is in (RELAX
#: NG, the reference checker); the others are rules about an element, placed at its start.
_AT_ATTRIBUTE = frozenset({"rng.duplicate-id", "refs.duplicate-id", "rng.bad-value"})


_MISSPELT_ATTRIBUTE = re.compile(
    r'^attribute "[^"]+" is not allowed on element "([^"]+)"; did you mean "([^"]+)"\?'
)


def _not_misspelt(found: list[Diagnostic]) -> list[Diagnostic]:
    """``found`` without a rule's report that an element lacks the attribute RELAX NG says
    is misspelt on it: "<date> has no normalised value: add when=..." beside "attribute
    "wehn" is not allowed on element "date"; did you mean "when"?" is one fault told twice
    (probe 180). The rule's report is known by its file, its element's name, the attribute
    it names and its place: at the element's start tag, on the attribute's line or up to ten
    lines before it (a start tag over several lines)."""
    misspelt = [
        (d.path, d.line or 0, match.group(1), match.group(2))
        for d in found
        if d.code == "rng.unexpected-attribute"
        and (match := _MISSPELT_ATTRIBUTE.match(d.message)) is not None
    ]
    if not misspelt:
        return found

    def told(d: Diagnostic) -> bool:
        if d.origin != "schematron" or d.line is None:
            return False
        return any(
            d.path == path
            and line - 10 <= d.line <= line
            and f"<{element}" in d.message
            and (f"{attribute}=" in d.message or f"@{attribute}" in d.message)
            for path, line, element, attribute in misspelt
        )

    return [d for d in found if not told(d)]


def _one_per_fault(found: list[Diagnostic]) -> list[Diagnostic]:
    """``found`` without the reports of a fault of ``SAME_FAULT_IN_FILE`` that a preferred
    code reported too; a kept report of a rule about the element (placed at its start tag)
    takes the place the attribute-placed reports of the same fault agree on: the attribute,
    on another line when the tag is written over several. Nor a rule's report of a missing
    attribute that RELAX NG says is misspelt (``_not_misspelt``)."""
    found = _not_misspelt(found)
    ranked: list[tuple[Hashable, int] | None] = []
    best: dict[Hashable, int] = {}
    places: dict[Hashable, set[tuple[int | None, int]]] = {}
    for d in found:
        mark: tuple[Hashable, int] | None = None
        for group_no, group in enumerate(SAME_FAULT_IN_FILE):
            if d.code in group and (key := group[d.code](d)) is not None:
                rank = list(group).index(d.code)
                mark = ((group_no, key), rank)
                best[mark[0]] = min(rank, best.get(mark[0], rank))
                if d.column is not None and d.code in _AT_ATTRIBUTE:
                    places.setdefault(mark[0], set()).add((d.line, d.column))
                break
        ranked.append(mark)
    if not best:
        return found
    kept = []
    for d, mark in zip(found, ranked, strict=True):
        if mark is not None and best[mark[0]] != mark[1]:
            continue
        at = places.get(mark[0], set()) if mark is not None else set()
        if d.code not in _AT_ATTRIBUTE and len(at) == 1:
            line, column = next(iter(at))
            d = replace(d, line=line, column=column)
        kept.append(d)
    return kept


def capped(
    found: list[Diagnostic], limit: int, code: str = "refs.too-many", what: str = "reference"
) -> list[Diagnostic]:
    """At most ``limit`` problems per file, then one line (``code``) saying how many more."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in found:
        by_path.setdefault(d.path, []).append(d)
    kept: list[Diagnostic] = []
    for path, items in by_path.items():
        # the worst first, then in the file's order: warnings of the header (refs.missing-
        # file) took the places of errors further down, which the totals then left out
        # (probe 70: 15 errors of two files no longer listed)
        ranked = sorted(items, key=lambda d: (-d.severity.rank, d.sort_key))
        kept.extend(sorted(ranked[:limit], key=lambda d: d.sort_key))
        hidden = ranked[limit:]
        if hidden:
            worst = max(hidden, key=lambda d: d.severity.rank).severity
            message = (
                f"{len(hidden)} more {what} problems in this file are not shown "
                f"(--max-errors {limit}): fix these first, or raise the limit"
            )
            kept.append(Diagnostic(path, None, None, worst, code, message, code.split(".")[0]))
    return kept


def check_file(path: Path, options: CheckOptions) -> FileOutcome:
    """Every per-file check of one file; any unexpected failure becomes one diagnostic."""
    gated = read_document(
        path, max_bytes=options.max_bytes, root=options.root, surveyed=_surveyed(options)
    )
    return checked(gated, path, options)


def check_bytes(data: bytes, path: Path, options: CheckOptions) -> FileOutcome:
    """``check_file`` on bytes read elsewhere (by a Dask client): the gate runs on them."""
    return begin_bytes(data, path, options).finish()


def begin_bytes(data: bytes, path: Path, options: CheckOptions) -> FirstPass:
    """``check_bytes`` but for the Schematron rules, which ``finish`` runs."""
    gated = parse_bytes(
        data, path, max_bytes=options.max_bytes, root=options.root, surveyed=_surveyed(options)
    )
    return first_pass(gated, path, options)


def _surveyed(options: CheckOptions) -> frozenset[str] | None:
    """The attributes whose carriers the gate's walk collects for the checks (the reference
    facts', and xml:id, TEI's ID attribute), when a check needs the walk."""
    return references.ATTRIBUTES if set(CHECKS) & set(options.checks) else None


def checked(gated: GateResult, path: Path, options: CheckOptions) -> FileOutcome:
    return first_pass(gated, path, options).finish()


@dataclass(frozen=True)
class FirstPass:
    """A file checked but for its Schematron rules, and what ``finish`` needs to run them.

    The language server shows ``diagnostics`` of a long text at once: on Saxon the rules
    took 60% of the check of a 5 MB text (probe 45). ``finish`` gives what ``checked``
    always gave: a schema that does not compile, found while the rules are read, replaces
    every diagnostic of the schemas, as it did when both were read in one go."""

    path: Path
    options: CheckOptions
    gated: tuple[Diagnostic, ...]
    #: The schemas' problems and RELAX NG's diagnostics; empty when ``failure``.
    validated: tuple[Diagnostic, ...] = ()
    #: A schema that does not compile (``check.schema``).
    failure: Diagnostic | None = None
    facts: references.FileFacts | None = None
    doc: SourceDocument | None = None
    schemas: Schemas | None = None
    vocabulary: Vocabulary | None = None

    @property
    def rules_left(self) -> bool:
        """Whether ``finish`` has Schematron rules to run."""
        return (
            self.doc is not None
            and self.failure is None
            and self.schemas is not None
            and "schematron" in self.options.checks
            and bool(self.schemas.schematron)
        )

    def diagnostics(self) -> list[Diagnostic]:
        """What the check says without the rules (their notes, the cache's warnings and the
        faults they tell better come with ``finish``)."""
        failed = () if self.failure is None else (self.failure,)
        return _one_per_fault([*self.gated, *self.validated, *failed])

    def finish(self) -> FileOutcome:
        """The whole check of the file: ``diagnostics`` and the rules'."""
        found = list(self.gated)
        if self.doc is None:
            return FileOutcome(self.path, tuple(found))
        failure = self.failure
        if failure is None:
            try:
                ruled = list(self._rules())
            except EditionError as exc:
                failure = _schema_error(self.doc, exc, self.options)
            else:
                rules = [d for d in ruled if d.origin == "schematron"]
                found.extend(self.validated)
                found.extend(d for d in ruled if d.origin != "schematron")
                found.extend(capped(rules, self.options.max_errors, "sch.too-many", "Schematron"))
        if failure is not None:
            found.append(failure)
        facts = None if self.facts is None else references.pack(self.facts)
        found.extend(cache_warnings())
        root = self.doc.root.tag
        return FileOutcome(
            self.path,
            tuple(_one_per_fault(found)),
            facts,
            # (included whole: a part an xpointer chose leaves the rest of its file to its
            # own check, probe 116)
            includes=tuple(sorted({str(p.path.resolve()) for p in self.doc.parts if p.whole})),
            fragment=isinstance(root, str) and root not in DOCUMENT_ROOTS,
            taken_from=tuple(
                sorted({str(p.path.resolve()) for p in self.doc.parts if not p.whole})
            ),
            root_place=self.doc.element_place(self.doc.root),
        )

    def _rules(self) -> Iterator[Diagnostic]:
        if not self.rules_left:
            return
        from .validate import schematron

        assert self.doc is not None and self.schemas is not None
        options = self.options
        for sch in self.schemas.schematron:
            rules = _compiled(
                options, "sch", sch, lambda p: schematron.validator_for(p, options.phase)
            )
            # at the schema's line in the schema, once a run (check.SCHEMA_NOTES): moved to
            # each checked file, it named the schema's line in the file ("doc.xml:3"). Rules
            # one names oneself (--schematron, [tool.edition] schematron) that do not compile
            # are an error: a typo in one's own rule passed CI with exit 0 (probe 71); a
            # pattern of another's schema (tei_all's, a file's <?xml-model?>) stays a warning
            own = sch in (options.schematron, options.default_schematron)
            yield from (replace(d, severity=Severity.ERROR) if own else d for d in rules.skipped)
            yield from rules.notes
            yield from rules.validate(self.doc, self.vocabulary)


def first_pass(gated: GateResult, path: Path, options: CheckOptions) -> FirstPass:
    """The checks of a gated file but for its Schematron rules (``FirstPass.finish``)."""
    doc = gated.document
    # (probe 109: a file of 300 refused xi:includes listed all 300, --max-errors 5 or not)
    told = tuple(capped(list(gated.diagnostics), options.max_errors, "gate.too-many", "reading"))
    if doc is None:
        return FirstPass(path, options, told)
    wants_refs = "refs" in options.checks
    survey = _Survey(references.ATTRIBUTES if wants_refs else frozenset())
    schemas: Schemas | None = None
    validated: list[Diagnostic] = []
    vocabulary: Vocabulary | None = None
    failure = None
    try:
        schemas, validated, vocabulary = _grammar(doc, options, survey)
    except EditionError as exc:
        validated, failure = [], _schema_error(doc, exc, options)
    facts = references.facts(doc, survey.walk(doc).carriers) if wants_refs else None
    return FirstPass(
        path,
        options,
        told,
        tuple(validated),
        failure,
        facts,
        doc,
        schemas,
        vocabulary,
    )


def _schema_error(doc: SourceDocument, exc: EditionError, options: CheckOptions) -> Diagnostic:
    advice = "fix the schema, or give another with --schema or --schematron"
    line, column = _schema_place(doc, exc, options)
    return diag.error(doc.display, "check.schema", f"{exc}: {advice}", line, column, origin="check")


@dataclass
class _Survey:
    """What one walk over a document found for every check (``gate.survey``): its names,
    and the elements carrying the attributes of ``wanted`` (the reference facts' and the
    RELAX NG ID attributes). The gate's walk when it took what is wanted (most often: the
    checks ask it to, ``_surveyed``), else a walk of its own, once."""

    wanted: frozenset[str]
    found: Survey | None = None

    def walk(self, doc: SourceDocument, also: frozenset[str] = frozenset()) -> Survey:
        self.wanted |= also
        if self.found is not None and self.wanted <= self.found.wanted:
            return self.found
        gated = doc.survey
        if gated is not None and self.wanted <= gated.wanted:
            self.found = gated
        else:
            self.found = take_survey(doc.root, self.wanted)
        return self.found

    def vocabulary(self, doc: SourceDocument, also: frozenset[str] = frozenset()) -> Vocabulary:
        from .validate.rng_prune import Vocabulary

        found = self.walk(doc, also)
        return Vocabulary(found.elements, found.attributes)


def _grammar(
    doc: SourceDocument, options: CheckOptions, survey: _Survey
) -> tuple[Schemas | None, list[Diagnostic], Vocabulary | None]:
    """The schemas of ``doc``, their problems and RELAX NG's diagnostics, and the names the
    document uses (for the rules)."""
    wants_rng = "rng" in options.checks
    wants_sch = "schematron" in options.checks
    if not (wants_rng or wants_sch):
        return None, [], None
    schemas = schemas_for(doc, options)
    found = list(schemas.problems)
    if wants_rng and schemas.rng is not None:
        from .validate import relaxng

        validator = _compiled(options, "rng", schemas.rng, relaxng.validator_for)
        validator.use_corpus(options.corpus)
        vocabulary = survey.vocabulary(doc, validator.id_attributes)
        carriers = survey.walk(doc).carriers
        limit = max(1, options.max_errors)
        # one more than shown: whether there are more to tell, as Schematron's and the
        # references' "N more" lines do (RELAX NG's explanations stop at the budget)
        found_rng = validator.validate(doc, limit + 1, vocabulary, carriers)
        rng: list[Diagnostic] = list(found_rng)
        # (or the search stopped short of them: probe 93, a dictionary's 80 entries in
        # eight divisions the grammar refuses read as 9 errors, the rest unsaid)
        if len(rng) > limit or found_rng.cut:
            rng = [*rng[:limit], _more_rng(doc, limit)]
        found.extend(rng)
        if (
            rng
            and schemas.rng == options.default_schema
            and schemas.rng.name == DEFAULT_SCHEMA.name
            and not doc.xml_models()
        ):
            found.append(_default_schema_note(schemas.rng))
    else:
        vocabulary = survey.vocabulary(doc)
    return schemas, found, vocabulary


class _SchemaFailure(EditionError):
    """A schema that could not be compiled, and which (``check.schema``, ``_schema_place``)."""

    def __init__(self, cause: EditionError, schema: Path) -> None:
        super().__init__(str(cause))
        self.schema = schema


def _compiled(options: CheckOptions, kind: str, path: Path, make: Callable[[Path], _T]) -> _T:
    try:
        return _per_run(options, kind, path, make)
    except _SchemaFailure:
        raise
    except EditionError as exc:
        raise _SchemaFailure(exc, path) from exc


def _schema_place(
    doc: SourceDocument, exc: EditionError, options: CheckOptions
) -> tuple[int | None, int | None]:
    """Where a schema that does not compile is named in the checked file: at the ``href``
    of the ``<?xml-model?>`` that named it; nowhere when an option or the edition named it
    (the file is not at fault) or it cannot be told which schema failed."""
    if not isinstance(exc, _SchemaFailure) or exc.schema in (options.schema, options.schematron):
        return None, None
    for model in doc.xml_models():
        target, problem = _model_path(doc, model)
        if problem is None and target == exc.schema:
            return _model_place(doc, model)
    return None, None


def _more_rng(doc: SourceDocument, limit: int) -> Diagnostic:
    return diag.error(
        doc.display,
        "rng.too-many",
        f"more RELAX NG problems in this file are not shown (--max-errors {limit}): fix these "
        "first, or raise the limit",
        origin="relaxng",
    )


def _default_schema_note(schema: Path) -> Diagnostic:
    """Said once a run (``check.SCHEMA_NOTES``) when a file that names no schema broke the
    rules of the edition's own (ours, or the copy ``edition new`` made and the edition may
    have changed: ``schema``), which allows only what this edition's texts use: another
    corpus's letters gave 300 errors for elements TEI has, and nothing said why."""
    return diag.info(
        display(schema),
        "check.default-schema",
        "files that name no schema (no <?xml-model?>) were checked against this edition's own "
        "schema, which allows only what its texts use: for other TEI texts give --schema "
        "(tei_all.rng, your project's schema), set [tool.edition] schema, or add an "
        "<?xml-model?> to the files",
        origin="check",
    )


def schemas_for(doc: SourceDocument, options: CheckOptions) -> Schemas:
    """--schema/--schematron first, then the file's ``<?xml-model?>``, then the edition's own."""
    if options.schema is not None:
        sch = (options.schematron,) if options.schematron else _embedded(options.schema, options)
        notes = () if options.schematron else _unused_rules(doc, options)
        return Schemas(options.schema, sch, notes)
    models = doc.xml_models()
    if not models:
        default_sch = options.default_schematron
        if options.schematron is not None:
            rules: tuple[Path, ...] = (options.schematron,)
        elif default_sch is not None:
            rules = (default_sch,)
        elif options.default_schema is not None:  # a schema of one's own: its own rules
            rules = _embedded(options.default_schema, options)
        else:
            rules = ()
        return Schemas(options.default_schema, rules)
    found = _from_models(doc, models, _used_roles(models, options))
    if options.schematron is not None:
        return Schemas(found.rng, (options.schematron,), found.problems)
    if found.rng is not None and not found.schematron:
        return Schemas(found.rng, _embedded(found.rng, options), found.problems)
    return found


def _unused_rules(doc: SourceDocument, options: CheckOptions) -> tuple[Diagnostic, ...]:
    """Once a run (``check.SCHEMA_NOTES``), per Schematron an xml-model names: --schema
    replaces the files' schemas, and their own rules went unread without a word (probe 25:
    the Bodleian authority files, checked with --schema tei_all.rng, named a local
    authority-schematron.sch; a DTA text its basisformat.sch)."""
    if "schematron" not in options.checks:
        return ()
    notes = []
    for model in doc.xml_models():
        parts = urlsplit(model.href)
        # a grammar named for its rules lends the embedded ones, which --schema's replace
        if _role(model) != "sch" or PurePosixPath(parts.path).suffix == ".rng":
            continue
        remote = bool((parts.scheme and parts.scheme != "file") or parts.netloc)
        target = (doc.path.parent / _decoded_path(parts.path)).resolve()
        # (a file that is not there is told too: probe 128, a downloaded edition checked
        # with --schema passed without a word of the rules its files name)
        absent = "" if remote or target.is_file() else " (and the file is not there)"
        where = model.href if remote else display(target)
        notes.append(
            diag.info(
                where,
                "check.schematron-not-run",
                f"the xml-model of checked files names these Schematron rules, which were not "
                f"run{absent}: --schema replaces the files' schemas; give --schematron as well "
                "to run them",
                origin="check",
            )
        )
    return tuple(notes)


def _decoded_path(path: str) -> str:
    """A URI's path with its escapes read, or as written where they write a NUL, which no
    path holds (probe 137: "edition.rng%00" stopped the check with an internal error)."""
    decoded = unquote(path)
    return path if "\x00" in decoded else decoded


def _role(model: XmlModel) -> str:
    """What an ``<?xml-model?>`` is for, from its words alone: "rng", "sch" or "other"."""
    if model.schematypens == RNG_NS:
        return "rng"
    if model.schematypens in SCH_NS:
        return "sch"
    suffix = PurePosixPath(urlsplit(model.href).path).suffix
    return {".rng": "rng", ".sch": "sch", ".schematron": "sch"}.get(suffix, "other")


def _used_roles(models: list[XmlModel], options: CheckOptions) -> frozenset[str]:
    """The roles of the xml-models this run reads: a missing or remote schema the run would
    not have used is no error (a WEA text naming its missing Schematron, checked with
    --schematron or with --checks rng, was told to pass the option it had passed). An RNG
    model lends its embedded rules when no Schematron is named."""
    wants_sch = "schematron" in options.checks and options.schematron is None
    roles = {"other"}
    if wants_sch:
        roles.add("sch")
    if "rng" in options.checks or (wants_sch and not any(_role(m) == "sch" for m in models)):
        roles.add("rng")
    return frozenset(roles)


def _from_models(
    doc: SourceDocument,
    models: list[XmlModel],
    used: frozenset[str] = frozenset({"rng", "sch", "other"}),
) -> Schemas:
    rng: Path | None = None
    sch: list[Path] = []
    problems: list[Diagnostic] = []
    looked = [(model, *_model_path(doc, model)) for model in models]
    # a grammar named for its embedded rules alone (schematypens Schematron) is the grammar
    # only when no xml-model names one as a grammar that can be read: named first, it was
    # the grammar, and the one named as such after it "not used" (probe 151); a grammar
    # named that is missing or remote took its place, and the file was checked against none
    # (probe 155: tei_all.rng's errors vanished beside a missing.rng)
    as_grammar = any(
        target is not None and m.schematypens not in SCH_NS and _role(m) == "rng"
        for m, target, _ in looked
    )
    for model, target, problem in looked:
        if problem is not None or target is None:
            if problem is not None and _role(model) in used:
                problems.append(problem)
            continue
        kind = _model_kind(model, target)
        if kind == "rng" and model.schematypens in SCH_NS and as_grammar:
            sch.append(target)
            continue
        if (
            kind == "rng"
            and rng is not None
            and target != rng
            and "rng" in used
            and model.schematypens not in SCH_NS  # a grammar named for its rules is read
        ):
            # one grammar a file: a second was left unread without a word, its faults and
            # all (probe 148); the check says which it reads
            problems.append(
                diag.warning(
                    doc.display,
                    "check.schema-not-used",
                    f"the xml-model names a second RELAX NG grammar, {model.href!r}, which is "
                    f"not used: a file is checked against one grammar, the first its "
                    f"xml-models name ({display(rng)}); remove the other xml-model, or pass "
                    "--schema FILE to choose",
                    *_model_place(doc, model),
                    origin="check",
                )
            )
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
                    *_model_place(doc, model),
                    origin="check",
                )
            )
    return Schemas(rng, tuple(dict.fromkeys(sch)), tuple(problems))


def _embedded(rng: Path, options: CheckOptions) -> tuple[Path, ...]:
    if "schematron" not in options.checks:
        return ()

    def embedded(path: Path) -> tuple[Path, ...]:
        from .validate import schematron

        return (path,) if schematron.has_embedded_schematron(path) else ()

    return _per_run(options, "embedded", rng, embedded)


def warm(options: CheckOptions) -> None:
    """Compile the schemas every file of the run is checked against (``--schema``,
    ``--schematron``) before the workers start: a worker that compiled them first counted
    the time toward its first file's ``--timeout`` (probe 142: tei_all's grammar and rules
    take about 1.3 s when nothing is cached, and a clean file failed ``--timeout 0.5``, and
    again on every run, its killed worker never keeping what it compiled). The workers fork
    with them. A schema that fails is told by each file, as before."""
    from .validate import relaxng, schematron

    rng = options.schema
    try:
        if rng is not None and "rng" in options.checks:
            _compiled(options, "rng", rng, relaxng.validator_for)
        rules: tuple[Path, ...] = (options.schematron,) if options.schematron else ()
        if not rules and rng is not None:
            rules = _embedded(rng, options)
        for sch in rules if "schematron" in options.checks else ():
            validator = _compiled(
                options, "sch", sch, lambda p: schematron.validator_for(p, options.phase)
            )
            # Saxon's part of the rules (85 MB, 0.2 s) is compiled by a worker when a file
            # needs it first (lxml runs every pattern that can fire on most files), on no
            # file's time (``parallel.untimed``)
            validator.lxml  # noqa: B018 - the rules that run on lxml, translated once
    except (EditionError, _SchemaFailure):
        return


_T = TypeVar("_T")
#: Schemas (validators, facts about them) met in the current run, by kind and path: each
#: file of a run would otherwise resolve and stat every schema again (a cost that showed
#: with 100,000 small files). A new run starts afresh, so an edited schema is read again.
_RUN: dict[tuple[str, str, str], object] = {}


def _per_run(options: CheckOptions, kind: str, path: Path, make: Callable[[Path], _T]) -> _T:
    key = (options.run, kind, str(path))
    if key not in _RUN:
        if options.run and any(k[0] != options.run for k in _RUN):
            _RUN.clear()
        with untimed():  # compiling a schema: the run's cost, not the file's
            _RUN[key] = make(path)
    return cast(_T, _RUN[key])


def _model_path(doc: SourceDocument, model: XmlModel) -> tuple[Path | None, Diagnostic | None]:
    parts = urlsplit(model.href)
    # the option that replaces this model: a DTA text's remote basisformat.sch was told to
    # pass --schema, which replaces the grammar and leaves its rules unread
    option = "--schematron" if _role(model) == "sch" else "--schema"
    if (parts.scheme and parts.scheme != "file") or parts.netloc:
        return None, diag.error(
            doc.display,
            "check.remote-schema",
            f"the xml-model points at a remote schema ({model.href}); schemas are never "
            f"fetched over the network: download it and pass {option} FILE",
            *_model_place(doc, model),
            origin="check",
        )
    # a URI's path, its escapes read ("edi%74ion.rng" is edition.rng), as the build reads
    # it when it publishes the schema (probe 132: the check said it did not exist)
    target = (doc.path.parent / _decoded_path(parts.path)).resolve()
    if not target.is_file():
        # a device, a pipe, a folder is there, but is no schema (probe 121: "/dev/zero does
        # not exist")
        what = "is not a regular file" if target.exists() else "does not exist"
        return None, diag.error(
            doc.display,
            "check.schema-missing",
            f"the xml-model schema {model.href!r} {what} (looked at {display(target)}); "
            f"fix the href or pass {option} FILE",
            *_model_place(doc, model),
            origin="check",
        )
    return target, None


def _model_place(doc: SourceDocument, model: XmlModel) -> tuple[int | None, int | None]:
    """Where a problem of ``model``'s schema is told: at its ``href``, on whichever line of
    the instruction it stands, else at the line where the instruction ends."""
    return doc.model_place(model.position, model.href) or (model.line, None)


def _model_kind(model: XmlModel, target: Path) -> str:
    if model.schematypens == RNG_NS or target.suffix == ".rng":
        return "rng"
    if model.schematypens in SCH_NS or target.suffix in (".sch", ".schematron"):
        return "sch"
    return "other"
