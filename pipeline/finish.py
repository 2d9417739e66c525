"""The build's last pass, in the parent: what the whole corpus makes together.

The texts' own indexes -> one entity index (``index_merge``) -> ``OUT/index/`` (JSON, CSV,
GeoJSON, TEI) and the HTML index pages; the texts' header records -> the home and about
pages; the images the pages show, copied once (a clash reported); the problems only the
whole corpus shows (untagged forms counted over every text, unused entries, entries declared
differently). Everything here reads small records; no text is parsed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import diagnostics as diag
from .builders import html as html_builder
from .builders import index as index_builder
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
from .stages import HasLists
from .xslt import ParamValue


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


def write_site(
    site: html_builder.Site,
    index: Index,
    params: Mapping[str, ParamValue],
    staging: Path,
    missing: Set[str],
    images: Iterable[LocalImage],
) -> list[Diagnostic]:
    """The site's own pages (home, about, guide, index pages), assets and images."""
    problems: list[Diagnostic] = []
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
    problems += html_builder.finish_site(site, pages, params, staging, missing)
    return problems + publish_images(images, staging)
