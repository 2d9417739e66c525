"""The edition's sources for download: each text's and register's TEI, the whole edition as one
zip, and the list of every download (sizes, licences) for the home and about pages.

The files offered are the sources as this edition publishes them: the copy the build keeps of
each source in the generation (``publish.store_source``: the bytes read, or the document with
its inclusions expanded), hard-linked into ``OUT/html/tei/`` under their path inside the
corpus root (``texts/a.xml``, ``registers/persons.xml``), so that a text's references to its
registers (``../registers/persons.xml#x``) resolve on the site and in the zip alike. The zip is
deterministic: sorted names, one fixed timestamp (the build date), mode 0644.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from lxml import etree

from ..io import atomic_binary_writer
from ..naming import download_name
from ..publish import link_or_copy
from . import zip_writer

#: Folder of the TEI downloads inside ``OUT/html``.
TEI_FOLDER = "tei"
#: The whole edition's TEI, one zip.
ZIP_NAME = "edition-tei.zip"
ZIP_HREF = f"{TEI_FOLDER}/{ZIP_NAME}"
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
#: Among the digests ``write_zip`` returns, the version of zlib that deflated the members (no
#: member has an empty name).
_ZLIB = ""
ED_NS = "urn:edition"


def sources_root(paths: Sequence[Path]) -> Path | None:
    """The folder the downloads are named from: the common folder of the build's PATHS (a
    file's own folder), so that ``tei/`` holds ``texts/a.xml``, not ``tei/texts/a.xml``."""
    import os

    folders = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in paths]
    return Path(os.path.commonpath(folders)) if folders else None


def tei_href(path: Path, root: Path | None) -> str:
    """Where the TEI of source ``path`` is offered: ``tei/`` + its path inside the corpus
    root (else its name alone), each part a name a web address can carry
    (``naming.download_name``: ``Brief #3.xml`` -> ``Brief-3-5d41a2.xml``)."""
    parts: tuple[str, ...] = (path.name,)
    if root is not None:
        with contextlib.suppress(ValueError):  # a source outside the root: its name alone
            parts = path.resolve().relative_to(root.resolve()).parts or parts
    return str(PurePosixPath(TEI_FOLDER, *(download_name(p) for p in parts)))


@dataclass(frozen=True)
class Offered:
    """A source to offer: what kind, the text's stem, where its kept copy lies."""

    kind: str  # "text" or "register"
    stem: str
    href: str
    snapshot: Path
    licence: str = ""
    licence_url: str = ""
    #: The kept copy's digest (the zip is made again only when one of them changes).
    sha256: str = ""


@dataclass(frozen=True)
class Download:
    """One file offered for download, with its size in bytes."""

    kind: str  # "text", "register", "edition" (the zip) or "index" (an export)
    href: str
    size: int
    stem: str = ""
    licence: str = ""
    licence_url: str = ""


def publish_sources(
    offered: Sequence[Offered], staging: Path
) -> tuple[list[Download], list[Offered]]:
    """Link every source's kept copy into ``staging/tei/``: the downloads, and the sources
    linked (in href order), which ``write_zip`` packs."""
    found: list[Download] = []
    linked: list[Offered] = []
    for item in sorted(offered, key=lambda o: o.href):
        if item.href in {o.href for o in linked}:
            continue  # a second source under one name is not offered (the first stays)
        if not link_or_copy(item.snapshot, staging / item.href):
            continue
        linked.append(item)
        size = (staging / item.href).stat().st_size
        found.append(
            Download(item.kind, item.href, size, item.stem, item.licence, item.licence_url)
        )
    return found, linked


def write_zip(
    linked: Sequence[Offered],
    staging: Path,
    date: dt.datetime,
    earlier: Path | None = None,
    known: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """``staging/tei/edition-tei.zip``: every linked source (``publish_sources``), by name.
    ``earlier``: the previous build's zip, whose members ``known`` (their sha256 by name, as
    this function returned them then) are copied over compressed when unchanged. Returns the
    members' digests, for the next build."""
    files = sorted(
        (o.href.removeprefix(TEI_FOLDER + "/"), staging / o.href, o.sha256) for o in linked
    )
    # Another zlib may deflate otherwise: then a clean build would give other bytes.
    same_zlib = known is not None and known.get(_ZLIB) == zlib.ZLIB_RUNTIME_VERSION
    kept = zip_writer.members_of(earlier) if earlier is not None and same_zlib else {}
    digests: dict[str, str] = {_ZLIB: zlib.ZLIB_RUNTIME_VERSION}

    def members() -> Iterator[zip_writer.Member]:
        for member, digest in zip_writer.packed(files, kept, dict(known or {})):
            if digest:
                digests[member.name] = digest
            yield member

    with atomic_binary_writer(staging / ZIP_HREF) as out:
        zip_writer.write(out, members(), _zip_time(date))
    return digests


def zip_download(staging: Path) -> Download:
    """The zip as a download (written now, or taken over from the previous build)."""
    return Download("edition", ZIP_HREF, (staging / ZIP_HREF).stat().st_size)


def _zip_time(date: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """The build date in UTC (a zip cannot say times before 1980)."""
    utc = date.astimezone(dt.UTC) if date.tzinfo else date.replace(tzinfo=dt.UTC)
    stamp = max(utc, _ZIP_EPOCH)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)


def index_exports(folder: Path | None) -> list[Download]:
    """The files of ``OUT/index`` (``folder``: where they are now), linked as ``../index/``."""
    if folder is None or not folder.is_dir():
        return []
    return [
        Download("index", f"../index/{path.name}", path.stat().st_size)
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".")
    ]


def shown_size(download: Download) -> Download:
    """``download`` with a size that stands for every size the pages show alike.

    ``xslt/html/modules/downloads.xsl`` (``s:size``) writes bytes below 1 kB, then kB and MB
    with one decimal. Within one of those ranges, the shown number depends only on the size's
    whole tenths of a unit and on whether the rest is below, at or above half a tenth
    (whatever the rounding rule: half-even needs the tenths too, which are kept), so sizes
    alike in those are shown alike; they become one number here."""
    size = download.size
    if size < 1000:
        return download
    step = 100 if size < 1_000_000 else 100_000
    tenths, rest = divmod(size, step)
    half = (2 * rest > step) - (2 * rest < step)  # -1 below half, 0 at half, 1 above
    return replace(download, size=tenths * step + (half + 1) * step // 4)


def downloads_document(downloads: Sequence[Download]) -> str:
    """``<ed:downloads>`` for the home and about pages (xslt/html/modules/downloads.xsl)."""
    root = etree.Element(f"{{{ED_NS}}}downloads", nsmap={"ed": ED_NS})
    for d in downloads:
        item = etree.SubElement(
            root, f"{{{ED_NS}}}file", kind=d.kind, href=d.href, size=str(d.size)
        )
        if d.stem:
            item.set("stem", d.stem)
        if d.licence:
            item.set("licence", d.licence)
        if d.licence_url:
            item.set("licence-url", d.licence_url)
    text: str = etree.tostring(root, encoding="unicode")
    return text
