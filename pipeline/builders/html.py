"""The HTML writer: normalized TEI -> a static site in ``OUT/html/``.

Reading pages (``xslt/html/page.xsl``, one per text, rendered in parallel by a process pool),
the home page and the about page (``home.xsl``, ``about.xsl`` over one small document of the
texts' headers), the entity index pages handed over by the index writer (wrapped in the same
page shell when they are fragments), and the local CSS/JS assets. Saxon's ``xsl:message``
output (``CODE|line|message``) becomes warnings. Nothing here depends on the wall clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from lxml import etree

from .. import columns, i18n
from .. import diagnostics as diag
from ..citation import Publication, split_name
from ..customise import Customisation, layers
from ..diagnostics import Diagnostic
from ..errors import EnvironmentFailure, StylesheetError
from ..gate import SourceDocument, read_document
from ..i18n import messages
from ..io import write_bytes_atomic, write_text_atomic
from ..parallel import TaskFailed, run_apart, run_tasks
from ..paths import ASSETS_DIR
from ..xslt import Layers, ParamValue, XmlText, engine
from .about import about_document
from .base import kept_last_good, task_failure
from .blank_page import blank_page
from .guide import GUIDE_PAGE, guide_fragment
from .images import copy_images, shown_urls
from .parts import DEFAULT_PAGE_SIZE, Paging, paging, split_output, without_dead_links
from .search import write_search_page

if TYPE_CHECKING:
    from ..build import BuildContext, Text

TEI_NS = "http://www.tei-c.org/ns/1.0"
ED_NS = "urn:edition"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NS = {"tei": TEI_NS}
_ORIGIN = "html"
ASSETS = ASSETS_DIR / "html"
#: Folder of the assets inside OUT/html/ (the page shell links ``assets/edition.css``).
ASSET_FOLDER = "assets"


@dataclass(frozen=True)
class Page:
    """One page written: its file name, the messages Saxon emitted, the source shown in them."""

    name: str
    messages: tuple[str, ...]
    source: str
    #: Why the page could not be rendered (a dynamic error of the stylesheet), if it failed.
    error: str | None = None
    #: Every file written for the text: its page, or its contents page and its parts.
    files: tuple[str, ...] = ()
    #: What the build found wrong with the page itself (``blank_page``).
    found: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class _Job:
    """What a worker needs; handed to forked workers through a module global."""

    texts: tuple[Text, ...]
    params: Mapping[str, ParamValue]
    staging: Path
    images: str | None = None
    #: The edition's customisation of the stylesheets, if any.
    layers: Layers | None = None


_JOB: _Job | None = None


@dataclass(frozen=True)
class TextEntry:
    """What the pages of the whole site know of one text."""

    stem: str
    xml_id: str
    title: str
    #: Its ``<TEI ed:stem>`` record for the home and about pages (``sources.header_record``).
    header: str
    #: Its source file and that file as diagnostics name it, where a warning about an element
    #: of its header is placed (``in_their_headers``).
    path: Path | None = None
    display: str = ""


@dataclass(frozen=True)
class Site:
    """What the site's own pages (home, about, index pages, guide) and every page's shell
    need: made from the texts' facts by the build, or from a corpus (``site_of``)."""

    texts: tuple[TextEntry, ...]  # in stem order
    date: dt.datetime
    language: str = "en"
    #: The configured title (None: the one text's, else a count).
    title: str | None = None
    #: Whether the books are (or stay) published beside the site.
    epub: bool = True
    guide: Path | None = None
    about: Path | None = None
    images: str | None = None
    #: The edition's customisation of the stylesheets and its CSS, if any.
    custom: Customisation | None = None
    #: Where and by whom the edition is published (``[tool.edition] base-url`` ...).
    publication: Publication = field(default_factory=Publication)
    #: Kilobytes of HTML above which a text's reading page is split (0: never).
    page_size: int = DEFAULT_PAGE_SIZE

    def paging(self) -> Paging:
        return paging((t.stem for t in self.texts), self.page_size)


def site_of(context: BuildContext) -> Site:
    """The site of an in-process corpus (tests and benchmarks)."""
    from ..sources import header_record

    texts = tuple(
        TextEntry(
            t.stem,
            t.source.root.get("{http://www.w3.org/XML/1998/namespace}id", ""),
            text_title(t.source.root),
            header_record(t.source.root, t.stem),
            t.source.path,
            t.source.display,
        )
        for t in sorted(context.corpus.texts, key=lambda t: t.stem)
    )
    return Site(
        texts,
        context.date,
        context.language,
        context.title,
        context.has_output("epub"),
        context.guide,
        context.about,
        context.images,
        context.customisation,
        page_size=context.page_size,
    )


class HtmlBuilder:
    """Writes ``index.html``, ``about.html``, ``<stem>.html`` per text, index pages, assets.

    The in-process path over a loaded corpus (tests, benchmarks); ``pipeline.build`` renders
    each page in its text's task (``pipeline.texts``) and calls ``finish_site``."""

    name: ClassVar[str] = "html"
    requires: ClassVar[tuple[str, ...]] = ("index",)

    def build(self, context: BuildContext, staging: Path) -> list[Diagnostic]:
        problems: list[Diagnostic] = []
        site = site_of(context)
        index_pages = _index_pages(context, problems)
        params = site_params(site, sorted(index_pages))
        job = _Job(
            tuple(sorted(context.corpus.texts, key=lambda t: t.stem)),
            {**params, "registers": XmlText(context.corpus.registers)},
            staging,
            context.images,
            layers(context.customisation),
        )
        missing: set[str] = set()
        pages = render_texts(job, context.jobs, context.timeout)
        for text, page in zip(job.texts, pages, strict=True):
            problems.extend(page_diagnostics(page, text.source))
            if page.error is not None:
                problems.append(diag.error(page.source, "html.render", page.error, origin=_ORIGIN))
                if context.keep_previous(self.name, text.stem, staging):
                    problems.append(kept_last_good(page.source, "reading page"))
                else:
                    missing.add(text.stem)
        problems.extend(finish_site(site, index_pages, params, staging, missing))
        problems.extend(copy_images(context, staging))
        return problems


def finish_site(
    site: Site,
    index_pages: Mapping[str, str],
    params: Mapping[str, ParamValue],
    staging: Path,
    missing: Set[str] = frozenset(),
) -> list[Diagnostic]:
    """The site's own pages and assets: home, about, guide, the index pages (wrapped in the
    page shell), the CSS and script. ``missing``: texts without a reading page (unlisted)."""
    problems: list[Diagnostic] = []
    # The home and about pages are the edition's own: if they fail, the output fails.
    for page in render_site_pages(site, params, staging, exclude=missing):
        problems.extend(messages_to_diagnostics(page.messages, page.source))
    for name, html in sorted(index_pages.items()):
        write_index_page(name, html, params, staging, layers(site.custom))
    problems.extend(write_search_page(params, staging, layers(site.custom)))
    copy_assets(staging / ASSET_FOLDER, site.custom.css if site.custom else ())
    return problems


def write_index_page(
    name: str,
    html: str,
    params: Mapping[str, ParamValue],
    staging: Path,
    custom: Layers | None = None,
) -> None:
    write_text_atomic(staging / name, wrap_index_page(name, html, params, custom))


def site_pages(site: Site) -> list[str]:
    """The names of the pages ``render_site_pages`` writes."""
    return ["index.html", "about.html"] + ([GUIDE_PAGE] if site.guide is not None else [])


def site_params(site: Site, index_pages: Sequence[str]) -> dict[str, ParamValue]:
    """Parameters every page stylesheet receives (the shell's title, date, navigation)."""
    return {
        "edition-title": edition_title(site),
        "date": site.date.strftime("%Y-%m-%d"),
        "index-pages": "\n".join(index_pages),
        # no link to books that will not be there (``build --only html``)
        "epub": site.epub,
        "messages": messages(site.language),
        "texts": texts_param(site),
        # the site's address (canonical URLs); "" when it has none: links stay relative
        "base-url": site.publication.base_url or "",
        # the edition's editors and publisher ([tool.edition]), for the about page's citation
        # of the whole edition (probe 60: "Letters. 5 December 2026." named neither)
        "edition-editors": "\n".join(
            n for e in site.publication.editors if (n := split_name(e).display())
        ),
        "publisher": site.publication.publisher or "",
        # every site has its search page (search.html), whose index Pagefind writes
        "search": True,
        **site.paging().params(),
        # the edition's own CSS, linked after ours ([tool.edition] css)
        "custom-css": "\n".join(site.custom.css_names if site.custom else ()),
    }


def texts_param(site: Site) -> str:
    """Every text of the build as "stem TAB xml:id TAB title" lines, so that a letter can link
    to the letters before and after it (xslt/common/correspondence.xsl)."""
    lines = []
    for text in site.texts:
        fields = (text.stem, text.xml_id, text.title)
        lines.append("\t".join(" ".join(f.split()) for f in fields))
    return "\n".join(lines)


def edition_title(site: Site) -> str:
    """The configured title; else a one-text edition's is the text's, a collection's its size."""
    if site.title:
        return site.title
    texts = site.texts
    if len(texts) == 1 and texts[0].title:
        return texts[0].title
    if not texts:
        return i18n.message("edition.default", site.language)
    return i18n.message("edition.count", site.language).replace("{1}", str(len(texts)))


#: Title types that name no text's own title: a subtitle, a description, other forms, and
#: what the text is part of (Dodis and the KBGA open a document's titleStmt with the title
#: of its volume, ``type="volume"``), as r:title-element (xslt/common/header.xsl) has them.
_NOT_OWN_TITLE = ("sub", "desc", "alt", "short", "volume", "series", "collection")


def text_title(root: etree._Element) -> str:
    """A text's own title, as ``r:title`` (xslt/common/header.xsl) chooses it: a letter's or
    article's (level a), else the main title, else the first that is not a series title."""
    titles = [
        t
        for t in root.xpath("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces=NS)
        if "".join(t.itertext()).strip()
    ]
    best = (
        [t for t in titles if t.get("level") == "a"]
        + [t for t in titles if t.get("type") == "main"]
        + [
            t
            for t in titles
            if t.get("level") not in ("s", "j", "u") and t.get("type") not in _NOT_OWN_TITLE
        ]
        + titles
    )
    if not best:
        return ""
    title = " ".join(_shown_text(best[0]).split())
    # a title the editors supplied, rend="bracketed", in its brackets as r:plain gives it
    # (xslt/common/base.xsl: r:bracketed), so the edition's and the citation's title agree
    bracketed = "bracketed" in (best[0].get("rend") or "").split()
    if bracketed and not re.fullmatch(r"\[[^\[\]]*\]", title):
        return f"[{title}]"
    return title


#: What a page shows nothing of (r:metadata, xslt/common/reading.xsl), and notes: a title's
#: interp was the page's title's no word, and the citation's metadata's (probe 138).
_UNSHOWN = frozenset(
    f"{{{TEI_NS}}}{n}"
    for n in ("interp", "interpGrp", "span", "spanGrp", "note", "fs", "fLib", "fvLib",
              "certainty", "precision", "respons", "link", "linkGrp", "join", "joinGrp",
              "substJoin", "alt", "altGrp", "index", "timeline")
)  # fmt: skip


#: What the reading text leaves out of a title's words (r:left-out, xslt/common/reading.xsl):
#: forme work, deletions, surplus words, abbreviation marks.
_LEFT_OUT = frozenset(
    f"{{{TEI_NS}}}{n}" for n in ("fw", "del", "surplus", "am", "metamark", "catchwords")
)
_CHOICE = f"{{{TEI_NS}}}choice"
#: A choice's readings in the order the reading text prefers them (r:chosen); its other
#: children are the source's side (sic, orig, abbr), read when there is nothing else.
_CHOSEN = tuple(f"{{{TEI_NS}}}{n}" for n in ("corr", "reg", "expan", "seg", "unclear"))
_SOURCE_SIDE = frozenset(f"{{{TEI_NS}}}{n}" for n in ("sic", "orig", "abbr"))
_BREAKS = frozenset(f"{{{TEI_NS}}}{n}" for n in ("lb", "pb", "cb"))
_NOT_READ = _UNSHOWN | _LEFT_OUT | _BREAKS
#: XML's white space at the end of a text (not Unicode's: a no-break space stays).
_XML_SPACE_AT_END = re.compile(r"[ \t\r\n]+$")


def _shown_text(element: etree._Element) -> str:
    """``element``'s words as the reading page reads them: one side of a choice (probe 146:
    "A Hist.History of Rome"), no forme work or deletion ("Sermons FWof Donne"), a line break
    a space unless it parts a word ("VoyageRound"), and then without the white space around
    it, as the page trims its neighbours (r:joined; probe 154 #4: "A Voy\n<lb break="no"/>age"
    read "A Voy Age"), nothing of what the page does not show."""
    parts = [element.text or ""]
    chosen = _chosen(element) if element.tag == _CHOICE else None
    for child in element:
        if chosen is not None:
            if child is chosen:
                parts.append(_shown_text(child))
            continue  # a choice's other sides, and the layout between them
        parted = child.tag in _BREAKS and child.get("break") == "no"
        if parted:
            # (and a page or column break at the same place before it: "enpre-<cb/> <lb
            # break="no"/>star", as r:at-break reads it)
            parts = [_XML_SPACE_AT_END.sub("", "".join(parts))]
        elif child.tag in _BREAKS:
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag not in _NOT_READ:
            parts.append(_shown_text(child))
        tail = child.tail or ""
        parts.append(tail.lstrip(" \t\r\n") if parted else tail)
    return "".join(parts) if chosen is None else "".join(parts[1:])


def _chosen(choice: etree._Element) -> etree._Element | None:
    """The side of a choice the reading text reads (r:chosen)."""
    children = [c for c in choice if isinstance(c.tag, str)]
    for tag in _CHOSEN:
        for child in children:
            if child.tag == tag:
                return child
    others = [c for c in children if c.tag not in _SOURCE_SIDE]
    return (others or children or [None])[0]


# -- reading pages ---------------------------------------------------------------------------


def render_texts(job: _Job, jobs: int, timeout: float | None = None) -> Iterable[Page]:
    """Write the reading page of every text (in stem order) in forked workers, which write
    their pages themselves (no page crosses a process boundary); a page that fails, takes
    longer than ``timeout`` or kills its worker comes back with its ``error``."""
    global _JOB
    _JOB = job
    try:
        outcomes = run_tasks(
            _render_one,
            len(job.texts),
            jobs,
            prepare=lambda: engine().stylesheet("html/page", job.layers),
            timeout=timeout,
        )
        for text, outcome in zip(job.texts, outcomes, strict=True):
            if outcome.failed is None:
                assert outcome.value is not None
                yield outcome.value
            elif isinstance(outcome.failed.error, EnvironmentFailure):
                raise outcome.failed.error
            else:
                name = f"{text.stem}.html"
                yield Page(name, (), text.source.display, task_failure(outcome.failed))
    finally:
        _JOB = None


def _render_one(index: int) -> Page:
    assert _JOB is not None, "the job is handed over before the pool starts"
    text = _JOB.texts[index]
    return render_page(
        text.source, text.normalized, _JOB.params, _JOB.staging, _JOB.images, _JOB.layers
    )


def render_page(
    document: SourceDocument,
    normalized: str,
    params: Mapping[str, ParamValue],
    staging: Path,
    images: str | None = None,
    custom: Layers | None = None,
) -> Page:
    """Write one text's reading page (or, for a long text, its contents page and its parts:
    ``parts.py``) into ``staging``; a failure comes back as ``error``."""
    stem = document.stem
    name = f"{stem}.html"
    base = document.path.parent.resolve()
    graphics = "\n".join(shown_urls(document.root, base, images))
    try:
        page = engine().stylesheet("html/page", custom)
        result = page.transform(
            normalized,
            {**params, "stem": stem, "graphics": graphics, "graphics-checked": True},
        )
    except StylesheetError as exc:  # one text's failure does not stop the others
        return Page(name, (), document.display, f"the reading page could not be rendered: {exc}")
    pages = without_dead_links(split_output(result.output) or [(name, result.output)])
    for file, html in pages:
        write_text_atomic(staging / file, html)
    blank = blank_page(document, text_of(document.root), pages)
    return Page(name, result.messages, document.display, files=tuple(f for f, _ in pages),
                found=(blank,) if blank is not None else ())  # fmt: skip


def page_diagnostics(page: Page, document: SourceDocument) -> list[Diagnostic]:
    """The stylesheet's messages about a reading page, placed in its text where they can be."""
    found = messages_to_diagnostics(page.messages, page.source)
    return [*(locate(d, document.root, document) for d in found), *page.found]


# -- home and about --------------------------------------------------------------------------


def headers_document(site: Site, exclude: Set[str] = frozenset()) -> str:
    """Every text's header record under one ``ed:corpus``, in stem order.

    ``exclude``: stems of texts that have no reading page (the home page does not list them).
    """
    records = "".join(t.header for t in site.texts if t.stem not in exclude)
    return f'<ed:corpus xmlns:ed="{ED_NS}" xmlns="{TEI_NS}">{records}</ed:corpus>'


def text_of(root: etree._Element) -> etree._Element | None:
    """What a reading page shows of a document: its text, else its sourceDoc (as
    ``r:text-of`` in xslt/common/base.xsl)."""
    found = root.find(f"{{{TEI_NS}}}text")
    return found if found is not None else root.find(f"{{{TEI_NS}}}sourceDoc")


#: Characters of headers above which the home and about pages are made in a process of their own
#: (about 3,000 letters): Saxon's heap grows by some 60 bytes a byte of headers while it
#: makes them (9,761 letters: 6 MB of headers, the build's main process 680 -> 1,050 MB) and
#: keeps that size to the end of the build. Below it, a process's start and imports (about
#: a second) would cost more than the memory is worth.
APART_ABOVE = 2_000_000


def render_site_pages(
    site: Site,
    params: Mapping[str, ParamValue],
    staging: Path,
    exclude: Set[str] = frozenset(),
    apart_above: int | None = None,
) -> list[Page]:
    """Write the home and about pages, and the encoding guide when there is one; for an
    edition of thousands of texts, in a process that ends after them (``run_apart``)."""
    headers = headers_document(site, exclude)
    if len(headers) > (APART_ABOVE if apart_above is None else apart_above):
        # what the pages need of the site beside the headers: not its texts again
        try:
            return run_apart(_site_pages, (replace(site, texts=()), headers, dict(params), staging))
        except TaskFailed as exc:
            # killed (out of memory, from outside) or unable to start: the machine's doing,
            # one line, nothing published (probe 56: "internal error (TaskFailed: ...)")
            raise EnvironmentFailure(
                "-",
                "env.process",
                f"the process making the home and about pages ended before them ({exc}): "
                "free some memory and build again",
            ) from exc
    return _site_pages((site, headers, params, staging))


def _site_pages(job: tuple[Site, str, Mapping[str, ParamValue], Path]) -> list[Page]:
    site, headers, params, staging = job
    custom = layers(site.custom)
    pages = []
    if site.about is not None:
        params = {**params, "about": XmlText(about_document(site.about))}
    if site.guide is not None:
        fragment = guide_fragment(site.guide)
        guide = wrap_index_page(GUIDE_PAGE, fragment, params, custom)
        write_text_atomic(staging / GUIDE_PAGE, guide)
        params = {**params, "guide-url": GUIDE_PAGE}
    # the texts' headers are shown here, away from their folders and their pages: a relative
    # link of theirs (other.xml, #an-id-of-that-text) would lead nowhere, so it is words
    params = {**params, "linked-files": ""}
    for name, sheet in (("index.html", "html/home"), ("about.html", "html/about")):
        result = engine().stylesheet(sheet, custom).transform(headers, params)
        ((_, output),) = without_dead_links([(name, result.output)])
        write_text_atomic(staging / name, output)
        pages.append(Page(name, result.messages, "-"))
    return pages


# -- index pages -----------------------------------------------------------------------------


def _index_pages(context: BuildContext, problems: list[Diagnostic]) -> dict[str, str]:
    """The index writer's pages (file name -> HTML), or none when it cannot give them."""
    from . import index

    render = getattr(index, "render_index_pages", None)
    if render is None or not context.corpus.texts:
        return {}
    try:
        pages: dict[str, str] = render(context)
    # the reading pages still build, but their links to the index pages lead nowhere: an
    # error (probe 83: it was a warning, exit 0)
    except Exception as exc:
        problems.append(
            diag.error(
                "-",
                "html.no-index-pages",
                f"the entity index pages could not be rendered: {exc}",
                origin=_ORIGIN,
            )
        )
        return {}
    return {name: html for name, html in pages.items() if _safe_name(name)}


def _safe_name(name: str) -> bool:
    return name.endswith(".html") and "/" not in name and not name.startswith(".")


def wrap_index_page(
    name: str, html: str, params: Mapping[str, ParamValue], custom: Layers | None = None
) -> str:
    """A whole document is written as it is; a fragment is put into the page shell."""
    head = html.lstrip()[:15].lower()
    if head.startswith(("<!doctype", "<html")):
        return html
    result = engine().stylesheet("html/wrap", custom).transform(html, {**params, "page": name})
    return result.output


# -- diagnostics and assets ------------------------------------------------------------------


def messages_to_diagnostics(messages: Iterable[str], path: str) -> list[Diagnostic]:
    """``CODE|line|message`` from the stylesheets -> warnings (other messages: info)."""
    found = []
    for message in messages:
        parts = message.split("|", 2)
        if len(parts) == 3 and parts[0] and " " not in parts[0]:
            line = int(parts[1]) if parts[1].isdigit() else None
            found.append(diag.warning(path, parts[0], parts[2], line=line, origin=_ORIGIN))
        else:
            found.append(diag.info(path, "html.message", message, origin=_ORIGIN))
    return found


_UNKNOWN = re.compile(r"^element (\S+) has no rendering")
_IN_HEADER = re.compile(
    r"^(element (\S+) has no rendering.*?) \(in the header of (.+?)\)((?:; .*)?)$"
)


def in_their_headers(found: Iterable[Diagnostic], texts: Iterable[TextEntry]) -> list[Diagnostic]:
    """The home and about pages' warnings about an element of a text's header (whose
    stylesheet knows the text's name only: "... (in the header of tale)"), placed at the
    first such element of that header in the text's file, where the scholar mends it;
    as they are when the file cannot be read again."""
    by_stem = {t.stem: t for t in texts}
    placed = []
    for d in found:
        match = _IN_HEADER.match(d.message)
        entry = by_stem.get(match.group(3)) if match else None
        where = _in_header(entry.path, match.group(2)) if match and entry and entry.path else None
        if match is None or where is None:
            placed.append(d)
            continue
        path, line, column = where
        told = match.group(1) + match.group(4)
        placed.append(replace(d, path=path, line=line, column=column, message=told))
    return placed


def _in_header(path: Path, name: str) -> tuple[str, int | None, int | None] | None:
    """The file, line and column of the first element called ``name`` (as ``name()`` gives
    it: prefix and local name) in the header of the text at ``path``."""
    document = read_document(path).document
    if document is None:
        return None
    header = document.root.find(f"{{{TEI_NS}}}teiHeader")
    local = name.rpartition(":")[2]
    for element in header.iter() if header is not None else ():
        if isinstance(element.tag, str) and etree.QName(element).localname == local:
            shown, line = document.locate(element)
            return shown, line, document.column(element)
    return None


def locate(
    diagnostic: Diagnostic, root: etree._Element | None, document: SourceDocument | None = None
) -> Diagnostic:
    """Give an unknown-element warning the place of the first such element of the text: in
    the file it was written in, for content an xi:include brought (probe 115: the part's line
    was given on the including file), with its column."""
    match = _UNKNOWN.match(diagnostic.message)
    if diagnostic.line is not None or root is None or match is None:
        return diagnostic
    body = text_of(root)
    element = columns.first_named((body if body is not None else root).iter(), match.group(1))
    if element is None:
        return diagnostic
    if document is None:
        return replace(diagnostic, line=element.sourceline)
    shown, line = document.locate(element)
    return replace(diagnostic, path=shown, line=line, column=document.column(element))


def copy_assets(target: Path, custom_css: Sequence[Path] = ()) -> None:
    """Our CSS and script, then the edition's own CSS files (``[tool.edition] css``)."""
    for path in sorted(ASSETS.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            write_bytes_atomic(target / path.name, path.read_bytes())
    for path in custom_css:
        write_bytes_atomic(target / path.name, path.read_bytes())


__all__ = ["HtmlBuilder", "Page", "edition_title", "in_their_headers", "messages_to_diagnostics"]
