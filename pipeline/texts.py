"""The build's second pass: each text, alone in a worker, from its bytes to what it publishes.

One task per text: gate the file again (it is not kept in the parent), normalise it against
the registers, index it (``index_model.text_index``: its names, speeches and dates), write its
reading page and its book into the new generation, and send back only small things: the
text's index, its diagnostics, the images its page shows, the copy of it the edition keeps.
A text that fails stays alone: its page or its book is missing from the result and the build
keeps the last published one (``BuildContext.keep_previous``) or leaves it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import citation, columns, reshape
from . import diagnostics as diag
from .builders import epub as epub_builder
from .builders import html as html_builder
from .builders import places_map
from .builders.downloads import tei_href
from .builders.images import LocalImage, text_images
from .builders.index_checks import TextProblems, text_problems
from .builders.index_model import text_index
from .builders.parts import paging_params
from .customise import Customisation, layers
from .diagnostics import Diagnostic
from .errors import EditionError, EnvironmentFailure, StylesheetError
from .gate import DEFAULT_MAX_BYTES, SourceDocument, read_document
from .parallel import Failed, Resident, run_tasks
from .publish import Generation
from .sources import ReadOptions, SourceFacts, last_good
from .stages import STAGES, CastScopes, normalize
from .xslt import ParamValue, XmlText, engine

_ORIGIN = "build"


@dataclass(frozen=True)
class TextJob:
    """What every text's task shares (handed to forked workers through a module global)."""

    registers: str
    #: The outputs to make: ``html`` (reading page), ``epub`` (book); the index always.
    outputs: frozenset[str]
    #: Parameters of the reading page (``html.site_params``).
    page_params: Mapping[str, ParamValue]
    generation: Path
    date: dt.datetime
    language: str = "en"
    images: str | None = None
    epub_facsimiles: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    root: Path | None = None
    previous: Generation | None = None
    #: Where and by whom the edition is published (citations, canonical URLs, book ids).
    publication: citation.Publication = field(default_factory=citation.Publication)
    #: The folder the sources' downloads are named from (``downloads.tei_href``).
    sources_root: Path | None = None
    #: The edition's customisation of the stylesheets and its CSS, if any.
    custom: Customisation | None = None
    #: The cast entries the registers gave scoped ids (``stages.cast_scopes``).
    scopes: CastScopes = field(default_factory=dict)


@dataclass(frozen=True)
class TextResult:
    """What a text's task sends back to the parent."""

    path: Path
    display: str
    #: The text's own entity index (``entities.xsl`` with mentioned-only), or ``""``.
    index: str = ""
    page: bool = False
    book: bool = False
    #: The reading page's files: ``<stem>.html``, and a long text's parts (``builders/parts``).
    pages: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    images: tuple[LocalImage, ...] = ()
    problems: TextProblems = field(default_factory=TextProblems)
    #: The bytes on disk differ from those the first pass read: nothing may be published.
    changed: bool = False
    #: The text's name when it is not the file's stem (``SourceFacts.name``).
    name: str = ""

    @property
    def stem(self) -> str:
        return self.name or self.path.stem


_JOB: TextJob | None = None
#: The tasks of the run under way: a text and what of it to make.
_TASKS: list[tuple[SourceFacts, str]] = []


def render_texts(
    facts: Sequence[SourceFacts],
    job: TextJob,
    jobs: int,
    timeout: float | None,
    resident: Resident | None = None,
) -> Iterator[tuple[SourceFacts, TextResult | Failed]]:
    """Each text's result (or why its task produced none), in the order of ``facts``; on
    ``resident`` workers when given (``edition serve``), else on workers of this run.

    With fewer texts than workers (a save in ``edition serve``, a one-text rebuild), a text's
    reading page and its book are made by two workers side by side and their results merged
    (``_merged``): the same result, sooner (the page and the book are each about half of a
    text's time)."""
    global _JOB, _TASKS
    parts = _PARTS if len(facts) < jobs and set(_PARTS) <= job.outputs else (ALL,)
    _JOB, _TASKS = job, [(f, part) for f in facts for part in parts]
    # Stylesheets compiled before the fork are compiled once for all workers; when no worker
    # has more than one task, each compiles what its own task needs, side by side (a text's
    # page and book: 0.25 s each, instead of 0.5 s in a row first).
    shared = _compile if resident is not None or len(_TASKS) > max(jobs, 1) else None
    outcomes = (
        resident.run(_render, [(f, job, p) for f, p in _TASKS], prepare=shared, timeout=timeout)
        if resident is not None
        else run_tasks(_one, len(_TASKS), jobs, prepare=shared, timeout=timeout)
    )
    try:
        for fact in facts:
            found = [next(outcomes) for _ in parts]
            for outcome in found:
                if outcome.failed is not None and isinstance(
                    outcome.failed.error, EnvironmentFailure
                ):
                    raise outcome.failed.error
            failed = [o.failed for o in found if o.failed is not None]
            results = [o.value for o in found if o.value is not None]
            yield fact, failed[0] if failed else _merged(results)
        # run to its end, so that resident workers know the run is over (and stay)
        assert next(outcomes, None) is None, "one outcome per task"
    finally:
        outcomes.close()  # stop the workers now, not whenever the generator is collected
        _JOB, _TASKS = None, []


#: What a text's task makes: everything, or (two workers on one text) its page or its book.
ALL = "all"
_PARTS = ("html", "epub")


def _merged(results: list[TextResult]) -> TextResult:
    """One text's result from its page's and its book's (or its only result)."""
    if len(results) == 1:
        return results[0]
    page, book = results
    return replace(
        page,
        index=book.index,
        problems=book.problems,
        book=book.book,
        diagnostics=page.diagnostics + book.diagnostics,
        changed=page.changed or book.changed,
    )


#: What ``_compile`` compiles for the texts alone (the site's pages need neither).
TEXT_STYLESHEETS = ("html/page", epub_builder.BOOK)


def _compile() -> None:
    """The stylesheets, compiled once in the parent before the workers fork."""
    assert _JOB is not None
    engine().stylesheet(STAGES[0].name)
    engine().stylesheet("index/entities")
    if "html" in _JOB.outputs:
        engine().stylesheet("html/page", layers(_JOB.custom))
        citation.load_styles(_JOB.language)
    if "epub" in _JOB.outputs:
        epub_builder.compile_stylesheets(layers(_JOB.custom))


def _one(index: int) -> TextResult:
    assert _JOB is not None, "the job is handed over before the pool starts"
    fact, part = _TASKS[index]
    return render_text(fact, _JOB, part)


def _render(task: tuple[SourceFacts, TextJob, str]) -> TextResult:
    return render_text(*task)


def render_text(fact: SourceFacts, job: TextJob, part: str = ALL) -> TextResult:
    """Everything one text publishes (``part``: only its page, ``html``, or only its book,
    ``epub``, whose result then carries the book's messages alone); raises only for what no
    fallback can mend."""
    document = _read(fact, job)
    if document is None:
        return TextResult(fact.path, fact.display, changed=True, name=fact.name)
    # a failure here fails the task
    normalized = normalize(document, job.registers, job.scopes)
    found: list[Diagnostic] = []
    index = ""
    problems = TextProblems()
    # Two workers on one text: the book's task indexes it (the book's map of places needs
    # the index), the page's does not (0.1 s less ahead of a one-text rebuild's search).
    if part != "html":
        try:
            index = text_index(
                document.stem, normalized, job.registers, paging_params(job.page_params)
            )
            published = {line.partition("\t")[0] for line in fact.linked.splitlines()}
            problems = text_problems(document, index, published=published)
        except StylesheetError as exc:
            found.append(
                diag.error(
                    fact.display,
                    "index.text-failed",
                    f"this text could not be indexed ({exc}); its names are left out of the index",
                    origin="index",
                )
            )
    page = book = False
    pages: tuple[str, ...] = ()
    images: list[LocalImage] = []
    if "html" in job.outputs and part in (ALL, "html"):
        page, pages, messages = _page(document, normalized, job, fact.linked)
        found.extend(messages)
        shown, warnings = text_images(document, job.images)
        images.extend(shown)
        found.extend(warnings)
    if "epub" in job.outputs and part in (ALL, "epub"):
        book, messages = _book(document, normalized, job, index, fact.linked, fact.apart)
        found.extend(messages)
    # file:line:col, as edition check says it, where one element alone can be meant
    found = columns.placed(found, document)
    return TextResult(fact.path, fact.display, index, page, book, pages, tuple(found),
                      tuple(images), problems, name=fact.name)  # fmt: skip


def _read(fact: SourceFacts, job: TextJob) -> SourceDocument | None:
    """The text as the first pass read it; None when its bytes have changed since."""
    opts = ReadOptions(max_bytes=job.max_bytes, previous=job.previous, root=job.root)
    if fact.from_snapshot:
        document = last_good(fact.path, opts)
    else:
        document = read_document(
            fact.path, max_bytes=job.max_bytes, root=job.root, dtd_entities=True
        ).document
    if document is None or document.sha256 != fact.sha256:
        return None
    return replace(reshape.as_text(document)[0], name=fact.name)


def _page(
    document: SourceDocument, normalized: str, job: TextJob, linked: str = ""
) -> tuple[bool, tuple[str, ...], list[Diagnostic]]:
    staging = job.generation / "html"
    params = {
        **job.page_params,
        "citation": XmlText(_citation(document, job, staging)),
        "tei-href": tei_href(document.path, job.sources_root),
        # given even when empty: a link to no published text is then shown unlinked
        "linked-files": linked,
    }
    page = html_builder.render_page(
        document, normalized, params, staging, job.images, layers(job.custom)
    )
    found = html_builder.page_diagnostics(page, document)
    if page.error is not None:
        found.append(diag.error(page.source, "html.render", page.error, origin="html"))
    return page.error is None, page.files, found


def _citation(document: SourceDocument, job: TextJob, staging: Path) -> str:
    """Write the text's BibTeX and CSL-JSON downloads; the citation document of its page."""
    from .io import write_text_atomic

    edition = str(job.page_params.get("edition-title", ""))
    cited = citation.text_citation(document.root, document.stem, edition, job.date, job.publication)
    write_text_atomic(staging / cited.bibtex_href, citation.bibtex(cited))
    write_text_atomic(staging / cited.json_href, citation.csl_json(cited))
    return citation.page_document(cited, citation.csl_locale(job.language))


def _book(
    document: SourceDocument,
    normalized: str,
    job: TextJob,
    index: str = "",
    linked: str = "",
    apart: str = "",
) -> tuple[bool, list[Diagnostic]]:
    try:
        data, warnings = epub_builder.book_of(
            document,
            normalized,
            job.registers,
            job.date,
            job.language,
            job.epub_facsimiles,
            custom=job.custom,
            publication=job.publication,
            places_map=places_map.book_map(index, job.language),
            linked=linked,
            apart=apart,
        )
    except (EditionError, ValueError) as exc:
        if isinstance(exc, EnvironmentFailure):
            raise
        message = f"cannot write the EPUB of {document.stem}: {exc}"
        return False, [diag.error(document.display, "epub.failed", message, origin="epub")]
    from .io import write_bytes_atomic

    write_bytes_atomic(job.generation / "epub" / f"{document.stem}.epub", data)
    return True, warnings
