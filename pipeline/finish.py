"""The build's last pass, in the parent: what the whole corpus makes together.

The texts' own indexes -> one entity index (``index_merge``) -> ``OUT/index/`` (JSON, CSV,
GeoJSON, TEI) and the HTML index pages; the texts' header records -> the home and about
pages; the images the pages show, copied once (a clash reported); the problems only the
whole corpus shows (untagged forms counted over every text, unused entries, entries declared
differently). Everything here reads small records; no text is parsed again. Each unit (the
index files, each index page, the home and about pages) is taken over from the published
edition when its key is the same (``pipeline.cache``).
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
from .cache import Cache, file_digest, key, params_digest
from .customise import layers
from .diagnostics import Diagnostic
from .io import write_bytes_atomic, write_text_atomic
from .stages import HasLists
from .xslt import ParamValue

INDEX_FILES = (
    "entities.json",
    SCHEMA_NAME,
    "entities.csv",
    "occurrences.csv",
    "places.geojson",
    "entities.xml",
)


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


def write_index(index: Index, staging: Path, date: str, cache: Cache | None = None) -> None:
    """``OUT/index/``: the entity index as JSON (with its schema), CSV, GeoJSON and TEI."""
    unit = key(cache.build_key if cache else "", index.xml, date)
    names = [f"index/{n}" for n in INDEX_FILES]
    if cache is not None and cache.files("index", unit, names):
        return
    write_text_atomic(staging / "entities.json", entities_json(index.root))
    write_bytes_atomic(staging / SCHEMA_NAME, SCHEMA_FILE.read_bytes())
    write_text_atomic(staging / "entities.csv", entities_csv(index.root))
    write_text_atomic(staging / "occurrences.csv", occurrences_csv(index.root))
    write_text_atomic(staging / "places.geojson", places_geojson(index.root))
    write_text_atomic(staging / "entities.xml", tei_document(index.xml, date))
    if cache is not None:
        cache.keep_files("index", unit)


def write_site(
    site: html_builder.Site,
    index: Index,
    params: Mapping[str, ParamValue],
    staging: Path,
    missing: Set[str],
    images: Iterable[LocalImage],
    cache: Cache | None = None,
) -> list[Diagnostic]:
    """The site's own pages (home, about, guide, index pages), assets and images."""
    build_key = cache.build_key if cache else ""
    problems = _index_pages(site, index, params, staging, cache) if site.texts else []
    unit = key(
        build_key,
        html_builder.headers_document(site, missing),
        params_digest(params),
        file_digest(site.about),
        file_digest(site.guide),
    )
    names = [f"html/{n}" for n in html_builder.site_pages(site)]
    if cache is None or not cache.files("html/site", unit, names):
        # The home and about pages are the edition's own: if they fail, the output fails.
        for page in html_builder.render_site_pages(site, params, staging, exclude=missing):
            problems.extend(html_builder.messages_to_diagnostics(page.messages, page.source))
        if cache is not None:
            cache.keep_files("html/site", unit)
    html_builder.copy_assets(
        staging / html_builder.ASSET_FOLDER, site.custom.css if site.custom else ()
    )
    return problems + publish_images(images, staging)


def _index_pages(
    site: html_builder.Site,
    index: Index,
    params: Mapping[str, ParamValue],
    staging: Path,
    cache: Cache | None,
) -> list[Diagnostic]:
    names = index.page_names()
    page_params = html_builder.site_params(site, sorted(names))
    custom = layers(site.custom)
    digest = params_digest(params)
    try:
        for name in names:
            subset = index_builder.page_subset(index.root, name)
            unit = key(cache.build_key if cache else "", subset, digest)
            if cache is not None and cache.files(f"html/{name}", unit, [f"html/{name}"]):
                continue
            html = index_builder.index_page(subset, name, page_params, custom)
            html_builder.write_index_page(name, html, params, staging, custom)
            if cache is not None:
                cache.keep_files(f"html/{name}", unit)
    except Exception as exc:  # the index pages are optional: the reading pages still build
        for name in names:
            (staging / name).unlink(missing_ok=True)
        return [
            diag.warning(
                "-",
                "html.no-index-pages",
                f"the entity index pages could not be rendered: {exc}",
                origin="html",
            )
        ]
    return []
