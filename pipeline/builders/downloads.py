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
import functools
import hashlib
import os
import posixpath
import re
import unicodedata
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from lxml import etree

from .. import diagnostics as diag
from ..active_content import first_active
from ..diagnostics import Diagnostic
from ..gate import tree_of_copy
from ..io import atomic_binary_writer, write_bytes_atomic
from ..naming import download_name
from ..paths import display, is_dir
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
    file's own folder) and of the ``registers/`` folders read beside them, so that ``tei/``
    holds ``texts/a.xml``, not ``tei/texts/a.xml``, and one text built alone keeps its
    registers beside it, as its pointers and its schema's address have them (probe 115:
    ``edition build tei/texts/a.xml`` offered ``tei/a.xml`` and ``tei/persons.xml``, and
    its ``../../schema/edition.rng`` led nowhere); the edition's ``sources`` when they hold
    that folder."""
    from ..config import sources_holding
    from ..validate.references import register_folders

    folders = [str(p.resolve() if is_dir(p) else p.resolve().parent) for p in paths]
    if not folders:
        return None
    registers = [str(f.parent) for f in register_folders({Path(f) for f in folders})]
    common = Path(os.path.commonpath(folders + registers))
    return sources_holding(common) or common


def tei_href(path: Path, root: Path | None) -> str:
    """Where the TEI of source ``path`` is offered: ``tei/`` + its path inside the corpus
    root (else its name alone), each part a name a web address can carry
    (``naming.download_name``: ``Brief #3.xml`` -> ``Brief-3-5d41a2.xml``)."""
    parts: tuple[str, ...] = (path.name,)
    folder = path.resolve().parent
    if root is not None:
        with contextlib.suppress(ValueError):  # a source outside the root: its name alone
            parts = path.resolve().relative_to(root.resolve()).parts or parts
            folder = root.resolve()
    names = []
    for part in parts:
        names.append(download_name(part, distinct=_case_twin(folder, part)))
        folder = folder / part
    return str(PurePosixPath(TEI_FOLDER, *names))


def _case_twin(folder: Path, name: str) -> bool:
    """Whether another entry of ``folder`` has ``name`` but for case (``Letter.xml`` beside
    ``letter.xml``) and comes before it: that one keeps the name, this one is told apart, so
    that the zip unpacks both on a file system that does not tell case (probe 76: one of two
    letters was lost there)."""
    first = _first_of_each_case(folder, _stamp(folder)).get(_fold(name))
    return first is not None and first != name


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _stamp(folder: Path) -> int:
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return 0


@functools.lru_cache(maxsize=256)
def _first_of_each_case(folder: Path, stamp: int) -> dict[str, str]:
    """The names in ``folder`` by their case-folded form, the first of each in code point
    order (``stamp``, the folder's modification time, keys the cache: a folder written to in
    a long-lived process is read again)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return {}
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(_fold(name), name)
    return found


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
    #: The source file itself, whose ``<?xml-model?>`` addresses are relative to it.
    source: Path | None = None
    #: Those addresses, as written (``SourceFacts.schemas``).
    schemas: tuple[str, ...] = ()
    #: A register's own title (its header's) and what it lists (``register_holds``): what
    #: the about page calls it, where its file name said nothing to a reader.
    title: str = ""
    holds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Download:
    """One file offered for download, with its size in bytes."""

    kind: str  # "text", "register", "edition" (the zip) or "index" (an export)
    href: str
    size: int
    stem: str = ""
    licence: str = ""
    licence_url: str = ""
    title: str = ""
    holds: tuple[str, ...] = ()


#: A register's lists by the index page (and interface label) of what they hold.
_HOLDS = {
    "listPerson": "persons",
    "listPlace": "places",
    "listOrg": "organisations",
    "listBibl": "bibliography",
    "listEvent": "entities",
    "listObject": "entities",
    "listNym": "entities",
    "castList": "persons",
}


def register_holds(lists: str) -> tuple[str, ...]:
    """What a register's lists (``SourceFacts.lists``, ``<ed:lists>``) hold, in the order of
    ``_HOLDS``: ``("persons",)`` for a file of ``listPerson``. Relations alone name no kind."""
    if not lists:
        return ()
    found = {etree.QName(e).localname for e in tree_of_copy(lists) if isinstance(e.tag, str)}
    return tuple(dict.fromkeys(kind for name, kind in _HOLDS.items() if name in found))


def publish_sources(
    offered: Sequence[Offered], staging: Path
) -> tuple[list[Download], list[Offered]]:
    """Copy every source's kept copy into ``staging/tei/``: the downloads, and the sources
    copied (in href order), which ``write_zip`` packs."""
    found: list[Download] = []
    linked: list[Offered] = []
    renamed = _renamed(offered)
    for item in sorted(offered, key=lambda o: o.href):
        if item.href in {o.href for o in linked}:
            continue  # a second source under one name is not offered (the first stays)
        data = _repointed(item, renamed) if renamed else None
        if data is not None:
            write_bytes_atomic(staging / item.href, data)
            item = replace(item, sha256=hashlib.sha256(data).hexdigest())
        else:
            # a copy, not a link to the kept copy: a person who edits the published file in
            # place (an editor that writes through hard links) edited the build's own copy
            # too, and after moving the file away as told the next build published their
            # bytes as the source's (probe 89)
            try:
                kept = item.snapshot.read_bytes()
            except FileNotFoundError:
                continue
            write_bytes_atomic(staging / item.href, kept)
        linked.append(item)
        size = (staging / item.href).stat().st_size
        found.append(
            Download(
                item.kind,
                item.href,
                size,
                item.stem,
                item.licence,
                item.licence_url,
                item.title,
                item.holds,
            )
        )
    return found, linked


def _original(item: Offered) -> str | None:
    """The path inside the corpus root a download was named from (``texts/Orte Liste.xml``
    for ``tei/texts/Orte-Liste-f5da8b.xml``): the source's last parts, one for each part of
    its download's name (``tei_href`` names them part by part)."""
    parts = PurePosixPath(item.href).parts[1:]
    if item.source is None or len(item.source.parts) < len(parts):
        return None
    return "/".join(item.source.parts[-len(parts) :]) if parts else None


def _renamed(offered: Sequence[Offered]) -> dict[str, str]:
    """The downloads whose names are not their sources' (a name a web address cannot
    carry): the source's path inside the corpus root -> the download's."""
    found: dict[str, str] = {}
    for item in offered:
        original = _original(item)
        href = item.href.split("/", 1)[1] if "/" in item.href else item.href
        if original is not None and original != href:
            found[original] = href
    return found


#: A start tag, and an attribute in one (the value without its quotes).
_START_TAG = re.compile(r"<(?![!?/])[^<>]*>")
_ATTRIBUTE = re.compile(r"""(\s[\w:.-]+\s*=\s*)(["'])(.*?)\2""", re.S)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _repointed(item: Offered, renamed: Mapping[str, str]) -> bytes | None:
    """The source's kept copy with its pointers to renamed downloads written to their new
    names (``../registers/Orte%20Liste.xml#x`` -> ``../registers/Orte-Liste-f5da8b.xml#x``),
    or None when it has none: probe 76, the zip's files checked with dangling references to
    the names the site could not carry. Only attribute values of start tags change, and only
    their tokens that lead to a renamed file; a copy that is not UTF-8 is left as it is."""
    original = _original(item)
    if original is None:
        return None
    try:
        data = item.snapshot.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    names = {posixpath.basename(old) for old in renamed}
    if not any(name in text or quote(name) in text for name in names):
        return None
    here = posixpath.dirname(original)
    new_here = posixpath.dirname(renamed.get(original, original))

    def token(found: re.Match[str]) -> str:
        value = found.group(0)
        path, hash_, fragment = value.partition("#")
        if not path or _SCHEME.match(path):
            return value
        target = posixpath.normpath(posixpath.join(here, unquote(path)))
        new = renamed.get(target)
        if new is None:
            return value
        return posixpath.relpath(new, new_here or ".") + hash_ + fragment

    def attribute(found: re.Match[str]) -> str:
        value = re.sub(r"\S+", token, found.group(3))
        return found.group(1) + found.group(2) + value + found.group(2)

    changed = _START_TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag.group(0)), text)
    return changed.encode("utf-8") if changed != text else None


def write_zip(
    linked: Sequence[Offered],
    staging: Path,
    date: dt.datetime,
    earlier: Path | None = None,
    known: Mapping[str, str] | None = None,
    schemas: Sequence[Schema] = (),
) -> dict[str, str]:
    """``staging/tei/edition-tei.zip``: every linked source (``publish_sources``) and the
    schemas they name (``publish_schemas``), by their names on the site.
    ``earlier``: the previous build's zip, whose members ``known`` (their sha256 by name, as
    this function returned them then) are copied over compressed when unchanged. Returns the
    members' digests, for the next build."""
    # named as on the site (tei/texts/a.xml, schema/a.rng): unpacked, a source's schema
    # address (../../schema/a.rng) leads to its schema as it does on the site
    files = sorted(
        [(o.href, staging / o.href, o.sha256) for o in linked]
        + [(s.href, staging / s.href, s.sha256) for s in schemas]
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


#: The root elements of what an ``<?xml-model?>`` may name and the build publishes: RELAX NG,
#: ISO Schematron (and Schematron 1.5), W3C XML Schema.
_SCHEMA_ROOTS = frozenset(
    {
        "{http://relaxng.org/ns/structure/1.0}grammar",
        "{http://relaxng.org/ns/structure/1.0}element",
        "{http://relaxng.org/ns/structure/1.0}choice",
        "{http://purl.oclc.org/dsdl/schematron}schema",
        "{http://www.ascc.net/xml/schematron}schema",
        "{http://www.w3.org/2001/XMLSchema}schema",
    }
)
_RNG = "{http://relaxng.org/ns/structure/1.0}"
#: A schema larger than this is not published (tei_all.rng is 6 MB).
MAX_SCHEMA_BYTES = 32 * 2**20
#: At most this many schema files (a grammar and the grammars it includes) are published.
MAX_SCHEMAS = 64
#: The names a published schema may have: a web server serves them as files to download or as
#: XML, never as a page of the site (probe 148: a grammar named "evil.html" was a page).
SCHEMA_SUFFIXES = (".rng", ".sch", ".xsd")


@dataclass(frozen=True)
class Schema:
    """A schema the sources name, published at ``href`` under ``OUT/html``."""

    href: str
    path: Path
    sha256: str


def schemas_named(linked: Sequence[Offered]) -> tuple[list[Schema], list[Diagnostic]]:
    """The schemas the sources' ``<?xml-model?>`` instructions name by a relative address,
    each where that address leads from the source's copy under ``OUT/html/tei/`` (with the
    files they include: RELAX NG ``include``/``externalRef``, XML Schema
    ``include``/``import``/``redefine``/``override``, Schematron ``include``/``extends``),
    so that a downloaded source, or the zip unpacked, finds its schema as it does beside its
    source (``../../schema/edition.rng``).

    Only a file that is a schema (its root says so: RELAX NG, Schematron, XML Schema; read
    through the gate) is published, and only where its place stays inside ``OUT/html``
    (``publish_schemas`` writes none where a file of the site is): an address can never
    publish another file of the machine. Remote schemas are left as they are. Nor is a
    schema published that a browser could open as a page (``_refusal``), nor one including
    a schema held back, whose include would lead nowhere in the download (probe 154: a
    published main.rng included a part.rng.html the site did not have). Each such is told
    once (``build.schema-not-published``), at the first source naming it."""
    found: dict[str, Schema] = {}
    refused: dict[str, str] = {}
    # what each schema read includes: (the address as written, where it leads under OUT/html)
    includes: dict[str, list[tuple[str, str]]] = {}
    # the source naming a schema first, the schema including it (None: the source itself)
    first: dict[str, tuple[Path, Path, str | None]] = {}
    todo: list[tuple[str, Path, Path, str | None]] = []
    for item in linked:
        if item.source is None:
            continue
        for address in filter(None, map(_relative, item.schemas)):
            href = _joined(item.href, address)
            todo.append((href, item.source.parent / address, item.source, None))
    while todo and len(found) < MAX_SCHEMAS:
        href, path, source, includer = todo.pop(0)
        if not href or href in first:
            continue
        first[href] = (source, path, includer)
        schema, addresses, refusal = _schema(href, path, included=includer is not None)
        if refusal is not None:
            refused[href] = refusal
        if schema is None:
            continue
        found[href] = schema
        includes[href] = [(a, _joined(href, a)) for a in addresses]
        todo.extend(
            (joined, Path(schema.path).parent / a, source, href) for a, joined in includes[href]
        )
    _hold_back_includers(found, refused, includes, first)
    return [found[href] for href in sorted(found)], [
        _not_published(href, refused[href], first) for href in sorted(refused)
    ]


def _hold_back_includers(
    found: dict[str, Schema],
    refused: dict[str, str],
    includes: Mapping[str, Sequence[tuple[str, str]]],
    first: Mapping[str, tuple[Path, Path, str | None]],
) -> None:
    """Move from ``found`` to ``refused`` every schema that includes, directly or through
    others, one that is not published: one refused, one whose address leaves ``OUT/html``,
    one past ``MAX_SCHEMAS``. A missing file stays missing as beside the source."""
    changed = True
    while changed:
        changed = False
        for href in list(found):
            for written, joined in includes[href]:
                if joined in refused:
                    why = "which is not published"
                elif not joined:
                    why = "whose address leads out of the site"
                elif joined not in first:
                    why = f"past the {MAX_SCHEMAS} schema files the download takes"
                else:
                    continue
                refused[href] = (
                    f"it includes {written!r}, {why}, and would lead nowhere in the download"
                )
                del found[href]
                changed = True
                break


def _not_published(
    href: str, refusal: str, first: Mapping[str, tuple[Path, Path, str | None]]
) -> Diagnostic:
    """``build.schema-not-published`` for the schema published at ``href``, at the first
    source naming it: the source's download names a schema it names itself; one that another
    schema includes is named by that one."""
    source, path, includer = first[href]
    if includer is None:
        named = "the download names it all the same"
    else:
        named = f"{display(first[includer][1])} includes it"
    return diag.warning(
        display(source),
        "build.schema-not-published",
        f"the schema {display(path)} is not published beside the TEI download: {refusal}; {named}",
        origin="build",
    )


def missing_schemas(linked: Sequence[Offered]) -> list[Diagnostic]:
    """``build.schema-missing``: a schema a published source names by a relative address
    that leads to no file. The download keeps the address, and whoever checks the source
    as downloaded finds nothing there (probe 128: a copy of the sources without their
    schema folder was published without a word, where ``edition check`` fails it)."""
    found: list[Diagnostic] = []
    for item in linked:
        if item.source is None:
            continue
        for written in dict.fromkeys(item.schemas):
            # a relative address, or a path of this machine ("/opt/tei/tei_all.rng",
            # "file:///..."), and an empty one (the source's own folder): the check tells
            # each of them (probe 132: the build told the relative ones alone)
            local = _relative(written) or _local_path(written)
            target = os.path.normpath(item.source.parent / local) if local else None
            if target is not None and Path(target).is_file():
                continue
            if target is None and written.strip():
                continue  # a remote schema: the check tells it, the build never fetches it
            looked = f" (looked at {display(Path(target))})" if target is not None else ""
            # a device, a pipe, a folder is there, but is no schema, as the check says
            # (probe 148: "/dev/zero ... is not there")
            there = target is not None and os.path.lexists(target)
            what = "which is not a regular file" if there else "which is not there"
            found.append(
                diag.warning(
                    display(item.source),
                    "build.schema-missing",
                    f"the xml-model names the schema {written!r}, {what}{looked}: "
                    "the TEI download names it too, and checks find nothing; fix the address "
                    "or add the schema",
                    origin="build",
                )
            )
    return found


def _local_path(href: str) -> str | None:
    """The path of an address of a file of this machine (an absolute path, a "file:" URI
    without a host), percent-decoded; None for any other."""
    href = href.strip()
    parts = urlsplit(href)
    if parts.netloc or (parts.scheme and parts.scheme != "file"):
        return None
    return unquote(parts.path) if parts.path.startswith("/") else None


def publish_schemas(schemas: Sequence[Schema], staging: Path) -> list[Schema]:
    """Copy each schema to its place under ``staging`` (copies: a link would change the
    published file whenever the schema is edited), unless a file of the site is there; the
    schemas published."""
    done: list[Schema] = []
    for schema in schemas:
        target = staging / schema.href
        if target.exists() or target.is_symlink():
            continue
        try:
            data = Path(schema.path).read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != schema.sha256:
            continue  # changed since it was read: published by the next build
        write_bytes_atomic(target, data)
        done.append(schema)
    return done


def _relative(href: str) -> str | None:
    """The path of a relative address (no scheme, not absolute, not a fragment alone),
    percent-decoded; None for any other."""
    href = href.strip()
    parts = urlsplit(href)
    if not href or parts.scheme or parts.netloc or href.startswith(("/", "#")):
        return None
    return unquote(parts.path) or None


def _joined(base_href: str, address: str) -> str:
    """Where ``address``, relative to the file published at ``base_href``, leads under
    ``OUT/html``; "" when it leaves it."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_href), address))
    if joined in (".", "") or joined.startswith(("../", "/")) or joined == "..":
        return ""
    return joined


#: The elements by which a schema includes another, each with its address's attribute.
_INCLUDES = {
    f"{_RNG}include": "href",
    f"{_RNG}externalRef": "href",
    "{http://www.w3.org/2001/XMLSchema}include": "schemaLocation",
    "{http://www.w3.org/2001/XMLSchema}import": "schemaLocation",
    "{http://www.w3.org/2001/XMLSchema}redefine": "schemaLocation",
    "{http://www.w3.org/2001/XMLSchema}override": "schemaLocation",
    "{http://purl.oclc.org/dsdl/schematron}include": "href",
    "{http://purl.oclc.org/dsdl/schematron}extends": "href",
}
#: The namespaces of an included file's root: a Schematron include takes a pattern or a rule,
#: an externalRef any pattern, not only a whole schema.
_SCHEMA_NAMESPACES = frozenset(etree.QName(root).namespace for root in _SCHEMA_ROOTS)


def _schema(
    href: str, path: Path, included: bool = False
) -> tuple[Schema | None, list[str], str | None]:
    """The schema file at ``path`` (``included``: a file another schema includes) and the
    relative addresses of the files it includes; None when it is no readable schema, or
    when it is one a browser could open as a page (with why it is not published)."""
    from ..gate import read_document

    try:
        if not path.is_file() or path.stat().st_size > MAX_SCHEMA_BYTES:
            return None, [], None
    except OSError:
        return None, [], None
    result = read_document(path, max_bytes=MAX_SCHEMA_BYTES, root=path.parent)
    document = result.document
    if document is None or not isinstance(document.root.tag, str):
        return None, [], None
    if document.root.tag not in _SCHEMA_ROOTS and not (
        included and etree.QName(document.root).namespace in _SCHEMA_NAMESPACES
    ):
        return None, [], None
    refusal = _refusal(href, document.root)
    if refusal is not None:
        return None, [], refusal
    addresses = [
        address
        for element in document.root.iter(*_INCLUDES)
        if (address := _relative(element.get(_INCLUDES[str(element.tag)]) or "")) is not None
    ]
    digest = hashlib.sha256(document.data).hexdigest()
    return Schema(href, path.resolve(), digest), list(dict.fromkeys(addresses)), None


def _refusal(href: str, root: etree._Element) -> str | None:
    """Why a schema is not to be published on the site, or None: a name a web server serves
    as a page, XHTML or SVG a browser runs (an ODD's documentation in XHTML, tei_all's
    <code>, runs nothing: probe 151), a stylesheet a browser applies."""
    if not href.lower().endswith(SCHEMA_SUFFIXES):
        return (
            f"its name {posixpath.basename(href)!r} does not end in .rng, .sch or .xsd, and a "
            "web server could serve it as a page of the site; rename it"
        )
    # (the instructions before the root and inside it alike)
    if root.getroottree().xpath("//processing-instruction('xml-stylesheet')"):
        return "it names a stylesheet (<?xml-stylesheet?>) a browser would apply to it"
    active = first_active(root)
    if active is not None:
        return (
            f"it holds <{etree.QName(active).localname}> of {etree.QName(active).namespace} "
            f"(line {active.sourceline}), which a browser opening it would run"
        )
    return None


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
        if d.title:
            item.set("title", d.title)
        if d.holds:
            item.set("holds", " ".join(d.holds))
    text: str = etree.tostring(root, encoding="unicode")
    return text
