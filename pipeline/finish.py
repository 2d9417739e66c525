"""The build's last pass, in the parent: what the whole corpus makes together.

The texts' own indexes -> one entity index (``index_merge``) -> ``OUT/index/`` (JSON, CSV,
GeoJSON, TEI) and the HTML index pages; the texts' header records -> the home and about
pages; the images the pages show, copied once (a clash reported); the problems only the
whole corpus shows (untagged forms counted over every text, unused entries, entries declared
differently). Everything here reads small records; no text is parsed again.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import diagnostics as diag
from .builders import html as html_builder
from .builders import index as index_builder
from .builders import places_map, search
from .builders.downloads import (
    Offered,
    downloads_document,
    index_exports,
    publish_sources,
    tei_href,
)
from .builders.images import LocalImage, publish_images
from .builders.index import page_names
from .builders.index_checks import Untagged, corpus_problems
from .builders.index_exports import (
    SCHEMA_FILE,
    SCHEMA_NAME,
    entities_csv,
    entities_json,
    occurrences_csv,
    places_geojson,
    tei_document,
)
from .builders.index_merge import merge, parse
from .diagnostics import Diagnostic
from .io import write_bytes_atomic, write_text_atomic
from .sources import SourceFacts
from .stages import HasLists
from .xslt import ParamValue, XmlText


@dataclass(frozen=True)
class Index:
    """The corpus's entity index: its XML text and its parsed root."""

    xml: str
    root: etree._Element

    @classmethod
    def of(cls, skeleton: str, texts: Sequence[str]) -> Index:
        xml = merge(skeleton, texts)
        return cls(xml, parse(xml))

    def page_names(self) -> list[str]:
        return page_names(self.root)


def index_problems(
    index: Index, untagged: Iterable[Iterable[Untagged]], sources: Sequence[HasLists]
) -> list[Diagnostic]:
    return corpus_problems(index.root, untagged, sources)


def write_index(index: Index, staging: Path, date: str) -> None:
    """``OUT/index/``: the entity index as JSON (with its schema), CSV, GeoJSON and TEI."""
    write_text_atomic(staging / "entities.json", entities_json(index.root))
    write_bytes_atomic(staging / SCHEMA_NAME, SCHEMA_FILE.read_bytes())
    write_text_atomic(staging / "entities.csv", entities_csv(index.root))
    write_text_atomic(staging / "occurrences.csv", occurrences_csv(index.root))
    write_text_atomic(staging / "places.geojson", places_geojson(index.root))
    write_text_atomic(staging / "entities.xml", tei_document(index.xml, date))


@dataclass(frozen=True)
class Extras:
    """What the site offers beside its pages: the sources to download, the index exports."""

    #: The sources offered for download (their kept copies in the new generation).
    offered: tuple[Offered, ...] = ()
    #: Where the published ``OUT/index`` files of this edition are now, or None.
    index_folder: Path | None = None
    #: Seconds each site-wide step took (``downloads``, ``search``), filled in as they run.
    seconds: dict[str, float] = field(default_factory=dict)


def offered_sources(
    facts: Iterable[SourceFacts], root: Path | None, generation: Path
) -> tuple[Offered, ...]:
    """The texts and registers whose kept copies the site offers for download."""
    return tuple(
        Offered(
            f.kind,
            f.stem if f.kind == "text" else "",
            tei_href(f.path, root),
            generation / f.kept.snapshot,
            *f.licence,
        )
        for f in facts
        if f.kept is not None and f.kind in ("text", "register")
    )


def write_site(
    site: html_builder.Site,
    index: Index,
    params: Mapping[str, ParamValue],
    staging: Path,
    missing: Set[str],
    images: Iterable[LocalImage],
    extras: Extras | None = None,
) -> list[Diagnostic]:
    """The site's own pages (home, about, guide, index pages, search), its downloads, assets,
    images and, once every page is written, the search index."""
    extras = extras or Extras()
    problems: list[Diagnostic] = []
    started = time.perf_counter()
    offered = [o for o in extras.offered if o.kind != "text" or o.stem not in missing]
    downloads = publish_sources(offered, staging, site.date)
    downloads += index_exports(extras.index_folder)
    extras.seconds["downloads"] = time.perf_counter() - started
    params = {**params, "downloads": XmlText(downloads_document(downloads))}
    pages: dict[str, str] = {}
    if site.texts:
        try:
            pages = index_builder.index_pages(index.root, site)
        except Exception as exc:  # the index pages are optional: the reading pages still build
            problems.append(
                diag.warning(
                    "-",
                    "html.no-index-pages",
                    f"the entity index pages could not be rendered: {exc}",
                    origin="html",
                )
            )
    started = time.perf_counter()
    pages = places_map.add_map(pages, index.root, site)
    extras.seconds["map"] = time.perf_counter() - started
    problems += html_builder.finish_site(site, pages, params, staging, missing)
    problems += publish_images(images, staging)
    started = time.perf_counter()
    problems += search.index_site(staging)
    extras.seconds["search"] = time.perf_counter() - started
    return problems
