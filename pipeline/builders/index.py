"""The index builder: normalized corpus + registers -> ``OUT/index/`` and the HTML index pages.

The entity index XML (``index_model``) is the internal product handed to the HTML and EPUB
builders as ``context.products["entities"]``. From it this builder writes ``OUT/index/``
(``index_exports``: JSON + its JSON Schema, CSV, GeoJSON, a TEI ``standOff``) and returns
``index_checks``' diagnostics. ``render_index_pages`` renders the HTML index pages
(``xslt/index/pages.xsl``) for the HTML writer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from lxml import etree

from ..customise import layers
from ..diagnostics import Diagnostic, Severity
from ..parallel import run_tasks
from ..xslt import Layers, ParamValue, engine
from .index_checks import index_diagnostics
from .index_model import ED_NS, NS, entity_index
from .parts import without_dead_links

if TYPE_CHECKING:
    from ..build import BuildContext
    from .html import Site

# NS, entity_index and index_diagnostics are re-exported: ``pipeline.index_report`` imports
# them from here (mypy --strict re-exports only what __all__ lists).
__all__ = [
    "NS",
    "OTHER_PAGE",
    "PAGE_OF_TYPE",
    "SUBJECTS_PAGE",
    "TIMELINE_PAGE",
    "IndexBuilder",
    "entity_index",
    "index_diagnostics",
    "index_page",
    "index_pages",
    "page_names",
    "page_subset",
    "render_index_pages",
]

_ED = f"{{{ED_NS}}}"

#: HTML index page of each entity type; every other type is listed on ``entities.html``.
PAGE_OF_TYPE = {
    "person": "persons.html",
    "personGrp": "persons.html",
    "role": "persons.html",
    "castItem": "persons.html",
    "place": "places.html",
    "org": "organisations.html",
    # the works of a bibliography kept in a file of its own (stages.bibliographies)
    "bibl": "bibliography.html",
    "biblStruct": "bibliography.html",
    "biblFull": "bibliography.html",
}
OTHER_PAGE = "entities.html"
BIBLIOGRAPHY_PAGE = "bibliography.html"
TIMELINE_PAGE = "timeline.html"
#: The subject index (TEI ``index`` entries), made only when a text has one.
SUBJECTS_PAGE = "subjects.html"


class IndexBuilder:
    """Writes ``OUT/index/`` and hands the entity index to the HTML and EPUB builders."""

    name: ClassVar[str] = "index"
    requires: ClassVar[tuple[str, ...]] = ()

    def build(self, context: BuildContext, staging: Path) -> list[Diagnostic]:
        from ..finish import Index, write_index

        xml = _entity_index_apart(context)
        context.products["entities"] = xml
        root = etree.fromstring(xml.encode("utf-8"))
        write_index(Index(root, xml=xml), staging, context.date.date().isoformat())
        # Unresolved references are warnings here: ``edition check`` reports them as errors
        # (refs.*), and an error of origin "index" would throw away an index that is correct
        # for every other name. ``edition index`` reports them as errors.
        return index_diagnostics(context.corpus, root, unresolved=Severity.WARNING)


def _entity_index_apart(context: BuildContext) -> str:
    """The entity index, made in a worker process: the build stays responsive to Ctrl-C."""
    outcome = next(
        run_tasks(
            lambda _: entity_index(context.corpus, context.page_size),
            1,
            1,
            prepare=lambda: engine().stylesheet("index/entities"),
            isolate=True,
        )
    )
    return outcome.result()


# -- HTML index pages ------------------------------------------------------------------------


def page_names(root: etree._Element, subjects: bool = False) -> list[str]:
    """The index pages a corpus gets: persons, places, organisations (each when a register
    lists an entry of its kind), timeline, + others;
    the bibliography when a bibliography file lists works;
    the subject index when its texts have index entries, or when ``subjects`` says a text
    has them (the first pass knows it before any text is indexed: ``SourceFacts.subjects``),
    so that a page every page's navigation links to is made even if that text failed."""
    types = {e.get("type") for e in root.iterfind("ed:entities/ed:entity", NS)}
    # a kind of entry no register lists gets no page: every page linked an empty "Persons"
    # from a collection of poems (probe 58). The reading pages' navigation is made from the
    # registers alone (the skeleton), the index's pages from the whole index: the texts add
    # mentions of entries, never an entry, so both name the same pages.
    names = [
        page
        for page in ("persons.html", "places.html", "organisations.html")
        if any(PAGE_OF_TYPE.get(t) == page for t in types)
    ]
    if any(t not in PAGE_OF_TYPE for t in types):
        names.append(OTHER_PAGE)
    if any(PAGE_OF_TYPE.get(t) == BIBLIOGRAPHY_PAGE for t in types):
        names.append(BIBLIOGRAPHY_PAGE)
    if subjects or root.find("ed:subjects/ed:subject", NS) is not None:
        names.append(SUBJECTS_PAGE)
    names.append(TIMELINE_PAGE)
    return names


def render_index_pages(context: BuildContext) -> dict[str, str]:
    """File name -> HTML text of every index page, for the HTML writer to put in OUT/html/."""
    from .html import site_of

    xml = context.products.get("entities") or entity_index(context.corpus, context.page_size)
    return index_pages(etree.fromstring(xml.encode("utf-8")), site_of(context))


def index_pages(root: etree._Element, site: Site) -> dict[str, str]:
    """File name -> HTML text of every index page of an entity index."""
    # The page shell (xslt/html/modules/shell.xsl) takes the HTML writer's site parameters.
    from .html import site_params

    names = page_names(root)
    params = site_params(site, sorted(names))
    custom = layers(site.custom)
    return {name: index_page(page_subset(root, name), name, params, custom) for name in names}


def index_page(
    subset: str, name: str, params: Mapping[str, ParamValue], custom: Layers | None = None
) -> str:
    """One index page from its part of the entity index (``page_subset``)."""
    # the bibliography's works are formatted by the whole rendering: a stylesheet of its own,
    # which the other pages do not compile (xslt/index/works.xsl)
    sheet = "index/works" if name == BIBLIOGRAPHY_PAGE else "index/pages"
    output = engine().stylesheet(sheet, custom).transform(subset, {**params, "page": name}).output
    if name != BIBLIOGRAPHY_PAGE:
        return output
    # a work's pointer at an id of its own file ("#V", a witness the file lists) leads to
    # nothing on this page, as on a reading page, where its card shows the words unlinked
    ((_, page),) = without_dead_links([(name, output)])
    return page


def page_subset(
    root: etree._Element, page: str, text: Callable[[etree._Element], str] | None = None
) -> str:
    """The part of the entity index one page shows (Saxon then parses only that part);
    ``text`` writes an element of ``root`` (``finish.Index.text_of``: with its entities'
    records, which that tree holds apart).

    Written as text element by element: copied into a tree first, the persons of 2,248
    letters held 40 MB more while the index's own tree was still there (the build's peak)."""
    opening = etree.Element(f"{{{ED_NS}}}index", nsmap={"ed": ED_NS})
    for key, value in root.attrib.items():
        opening.set(key, value)
    # "<ed:index .../>" opened instead of closed
    parts = [etree.tostring(opening, encoding="unicode").removesuffix("/>") + ">"]
    text = text or _text
    for child in root:
        if child.tag == f"{{{ED_NS}}}entities":
            parts.append("<ed:entities>")
            parts.extend(
                text(entity)
                for entity in child
                if PAGE_OF_TYPE.get(entity.get("type", ""), OTHER_PAGE) == page
            )
            if page == TIMELINE_PAGE:
                parts.extend(_dated(entity) for entity in child.iterfind(f"{_ED}entity[{_ED}when]"))
            parts.append("</ed:entities>")
        elif (
            child.tag == f"{{{ED_NS}}}documents"
            or (child.tag == f"{{{ED_NS}}}timeline" and page == TIMELINE_PAGE)
            or (child.tag == f"{{{ED_NS}}}subjects" and page == SUBJECTS_PAGE)
        ):
            parts.append(text(child))
    parts.append("</ed:index>")
    return "".join(parts)


def _dated(entity: etree._Element) -> str:
    """An entry the register dates by its own attributes (an event) as the timeline shows it:
    its id, kind, name and dates, none of its mentions."""
    small = etree.Element(f"{_ED}entity", nsmap={"ed": ED_NS})
    for key in ("id", "type"):
        small.set(key, entity.get(key, ""))
    for name in ("name", "when"):
        found = entity.find(f"{_ED}{name}")
        if found is not None:
            small.append(deepcopy(found))
    return _text(small)


def _text(element: etree._Element) -> str:
    text: str = etree.tostring(element, encoding="unicode", with_tail=False)
    return text
