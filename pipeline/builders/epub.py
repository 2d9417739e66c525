"""The EPUB writer: one EPUB 3.3 book per narrative text, ``OUT/epub/<stem>.epub``.

Data flow for one text (normalized TEI):

1. ``xslt/epub/book.xsl``, one transform with four parts: the back-of-book index of names
   (``modules/index.xsl``; nothing when the text names no entity), from the index builder's
   product ``entities`` when there is one, else from the text; the subject index of the
   text's index entries (``modules/subjects.xsl``; nothing when it has none); the metadata
   record, the title page and the content documents (``modules/content.xsl``, split at divs so no
   document is too big), with an ``img`` for every image packaged (``book_images``: local
   files inside the text's folder whose bytes are a core image type); the navigation
   document (``modules/nav.xsl``: toc, landmarks, page-list);
2. Python serialises the XHTML, adds the stylesheet, writes the package document and zips it
   (``epub_package``), then writes the file atomically.
"""

from __future__ import annotations

import copy
import datetime as dt
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote

from lxml import etree

from .. import diagnostics as diag
from .. import files
from ..citation import Publication, book_identifier
from ..customise import Customisation, layers
from ..diagnostics import Diagnostic
from ..errors import EditionError, EnvironmentFailure
from ..gate import TEI_NS, SourceDocument
from ..i18n import messages
from ..io import write_bytes_atomic
from ..parallel import run_tasks
from ..paths import ASSETS_DIR
from ..xslt import Layers, ParamValue, XmlText, engine
from . import epub_package as pkg
from .base import kept_last_good, task_failure
from .epub_cover import cover_svg
from .images import image_elements, inside, local_url, url_place, written_url

if TYPE_CHECKING:
    from ..build import BuildContext, Text

EE_NS = "urn:edition:epub"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_PB = f"{{{TEI_NS}}}pb"
CSS_FILE = ASSETS_DIR / "epub" / "book.css"
CSS_HREF = "book.css"
#: The entry stylesheet that makes every part of a book (xslt/epub/book.xsl).
BOOK = "epub/book"
COVER_HREF = "cover.svg"
XHTML_PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'


@dataclass(frozen=True)
class Document:
    """A finished XHTML document of the book."""

    href: str
    data: bytes
    properties: tuple[str, ...] = ()
    linear: bool = True

    @property
    def id(self) -> str:
        return "doc-" + self.href.removesuffix(".xhtml")


class EpubBuilder:
    """Writes ``<stem>.epub`` for every text of the corpus (register files are not books)."""

    name: ClassVar[str] = "epub"
    requires: ClassVar[tuple[str, ...]] = ("index",)

    def build(self, context: BuildContext, staging: Path) -> list[Diagnostic]:
        texts = context.corpus.texts

        def one(index: int) -> list[Diagnostic]:
            text = texts[index]
            images = book_images(text, context.epub_facsimiles)
            try:
                data = build_book(text, context, images)
            except (EditionError, etree.XMLSyntaxError, ValueError) as exc:
                return [
                    diag.error(
                        text.source.display,
                        "epub.failed",
                        f"cannot write the EPUB of {text.stem}: {exc}",
                        origin=self.name,
                    )
                ]
            write_bytes_atomic(staging / f"{text.stem}.epub", data)
            return image_warnings(text.source.display, images)

        problems: list[Diagnostic] = []
        custom = layers(context.customisation)
        outcomes = run_tasks(
            one,
            len(texts),
            context.jobs,
            prepare=lambda: compile_stylesheets(custom),
            timeout=context.timeout,
        )
        for text, outcome in zip(texts, outcomes, strict=True):
            if outcome.failed is None:
                problems.extend(outcome.value or ())
                if not (staging / f"{text.stem}.epub").is_file():
                    problems.extend(self._keep(context, text, staging))
                continue
            if isinstance(outcome.failed.error, EnvironmentFailure):
                raise outcome.failed.error
            message = f"cannot write the EPUB of {text.stem}: {task_failure(outcome.failed)}"
            problems.append(
                diag.error(text.source.display, "epub.failed", message, origin=self.name)
            )
            problems.extend(self._keep(context, text, staging))
        return problems

    def _keep(self, context: BuildContext, text: Text, staging: Path) -> list[Diagnostic]:
        if context.keep_previous(self.name, text.stem, staging):
            return [kept_last_good(text.source.display, "book")]
        return []


def compile_stylesheets(custom: Layers | None = None) -> None:
    engine().stylesheet(BOOK, custom)


@dataclass
class BookImages:
    """The images a book may package, found beside its text.

    ``hrefs`` has one entry per element of ``images.image_elements`` in document order: the
    package href of its image, or ``""`` when it is not packaged. ``files`` maps each href to
    the file's bytes (one href per file, however many elements show it).
    """

    hrefs: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    #: (url, line, column) of existing images left out because their bytes are no core
    #: image type: the line and column of the attribute that names the image.
    refused: list[tuple[str, int | None, int | None]] = field(default_factory=list)


def book_images(text: Text, facsimiles: bool = False) -> BookImages:
    """The local images of a text that its book can carry.

    An image is packaged when its ``graphic``/``media`` lies in the text (not the header; in
    the text's ``facsimile`` or ``sourceDoc`` too when ``facsimiles``: the page images, as
    are those a page break names, ``pb/@facs``), its
    url is relative and names an existing file inside the text's folder (symlinks resolved:
    ``images.inside``), and the file's name and bytes agree on an EPUB core image type
    (``epub_package.image_media_type``). Any other image is left out (the HTML writer reports
    missing files and files outside the folder; ``refused`` lists the wrong types); its figure
    keeps its head and description, and nothing refers to it, so no link in the book breaks.
    """
    root = text.source.root
    body = root.find(f"{{{TEI_NS}}}text")
    base = text.source.path.parent.resolve()
    found = BookImages()
    by_file: dict[Path, str] = {}
    taken: set[str] = set()
    pages = set(root.findall(f"{{{TEI_NS}}}facsimile")) if facsimiles else set()
    if facsimiles:
        pages.update(root.findall(f"{{{TEI_NS}}}sourceDoc"))
    for element in image_elements(root):
        found.hrefs.append("")
        url = local_url(element)
        holders = set(element.iterancestors())
        # a page break's image is a page image: the book carries it with the facsimile's
        in_text = body is not None and body in holders and (facsimiles or element.tag != _PB)
        if url is None or not (in_text or holders & pages):
            continue
        located = inside(base, url)
        if located is None or not files.is_file(located[1]):
            continue
        relative, source = located
        if source in by_file:
            found.hrefs[-1] = by_file[source]
            continue
        try:
            data = files.read(source)
        except OSError:
            continue
        # The package name keeps the url's extension: that is the name that must agree.
        if pkg.image_media_type(relative.name, data) is None:
            # a recording or a film (media of another type than an image) is no image the
            # book failed to carry: the book names it, as the page plays it
            if not _not_an_image(element):
                found.refused.append((url, *url_place(text.source, element, written_url(element))))
            continue
        href = pkg.image_href(relative, taken)
        by_file[source] = found.hrefs[-1] = href
        found.files[href] = data
    return found


def _not_an_image(element: etree._Element) -> bool:
    """A ``media`` whose ``@mimeType`` says it is no image (audio/mpeg, video/mp4 ...)."""
    mime = (element.get("mimeType") or "").split()
    return (
        etree.QName(element).localname == "media"
        and bool(mime)
        and not (mime[0].lower().startswith("image/"))
    )


def build_book(text: Text, context: BuildContext, images: BookImages | None = None) -> bytes:
    """The bytes of one text's EPUB (``images``: ``book_images(text)``, when already known)."""
    images = images if images is not None else book_images(text, context.epub_facsimiles)
    return _book(
        text,
        context.corpus.registers,
        context.date,
        context.language,
        images,
        custom=context.customisation,
    )


def book_of(
    document: SourceDocument,
    normalized: str,
    registers: str,
    date: dt.datetime,
    language: str = "en",
    facsimiles: bool = False,
    *,
    publication: Publication | None = None,
    places_map: bytes | None = None,
    custom: Customisation | None = None,
    linked: str = "",
    apart: str = "",
) -> tuple[bytes, list[Diagnostic]]:
    """One text's book and the warnings about images it could not carry (a text's task).

    ``places_map``: the map of the text's places (SVG, ``places_map.book_map``), a page of
    the book after its index. ``linked``: the other texts its links name, with their titles
    (``links.resolve``), which a pointer to one of them shows. ``apart``: what tells the
    book apart from others of its title (``build.titled_apart``), after its title."""
    from ..corpus import Text

    text = Text(document, normalized)
    images = book_images(text, facsimiles)
    data = _book(
        text, registers, date, language, images, publication, places_map, custom, linked, apart
    )
    return data, image_warnings(document.display, images)


def image_warnings(shown: str, images: BookImages) -> list[Diagnostic]:
    return [
        diag.warning(
            shown,
            "epub.image-type",
            f"image {url!r} is not a PNG, JPEG, GIF, WebP or self-contained SVG file "
            "(its name and its bytes must agree): the book shows its description only; "
            "save it as one of them under a name that says so",
            line,
            column,
            origin="epub",
        )
        for url, line, column in images.refused
    ]


def _book(
    text: Text,
    registers: str,
    date: dt.datetime,
    language: str,
    images: BookImages,
    publication: Publication | None = None,
    places_map: bytes | None = None,
    custom: Customisation | None = None,
    linked: str = "",
    apart: str = "",
) -> bytes:
    # Only what this text says goes into its book (no entity index of the whole corpus), so
    # that a book is made from its text alone, in its own task, and cached with it.
    params: dict[str, ParamValue] = {
        "registers": XmlText(registers),
        "stem": text.stem,
        "messages": messages(language),
        # the edition's own CSS, packaged beside book.css and linked after it
        "custom-css": "\n".join(custom.css_names if custom else ()),
        # the other texts its pointers name: shown by their titles, not linked
        "linked-titles": linked,
        "title-apart": apart,
    }
    params["images"] = "\n".join(images.hrefs)
    # the contents list its page, after the index (the page is made here, not by the XSLT)
    params["map-file"] = MAP_PAGE if places_map is not None else ""
    parts = list(_run(BOOK, text, params, layers(custom)))
    if len(parts) != 4:
        raise EditionError("the book stylesheet returned no index, subjects, book and nav parts")
    index, subjects, book, nav = parts
    has_index = index.tag == f"{{{EE_NS}}}document"
    has_subjects = subjects.tag == f"{{{EE_NS}}}document"

    record = book.find(f"{{{EE_NS}}}metadata")
    if record is None:
        raise EditionError("the content stylesheet returned no metadata record")
    wrappers = [*book.iterfind(f"{{{EE_NS}}}document")]
    wrappers += [w for w, made in ((index, has_index), (subjects, has_subjects)) if made]
    _unlink_dead_fragments(wrappers, [nav])
    documents = [_document(nav), *(_document(w) for w in wrappers)]
    shown = _shown_images(book, images)
    if places_map is not None:
        lang = _text(record, "language") or "und"
        rtl = _text(record, "direction") == "rtl"
        documents.append(map_document(lang, rtl, language, places_map))
        shown.append(ShownImage(MAP_HREF, places_map, described=True))
    meta = book_metadata(
        record,
        text,
        date,
        has_index=has_index,
        images=shown,
        publication=publication,
        has_subjects=has_subjects,
    )
    css = custom.css if custom else ()
    return pkg.zip_epub(_package(meta, documents, shown, css, _cover(meta)), date)


def _cover(meta: pkg.BookMetadata) -> bytes:
    """The book's cover image (epub_cover.py): title, authors, and the edition it is from."""
    edition = ", ".join(v for v in (meta.publisher, meta.date) if v) or None
    authors = [a.name for a in meta.creators]
    return cover_svg(meta.title, authors, edition, meta.language, meta.direction == "rtl")


MAP_HREF = "images/places-map.svg"
#: The book's page that shows the map (``map_document``).
MAP_PAGE = "places-map.xhtml"


def map_document(lang: str, rtl: bool, language: str, drawing: bytes = b"") -> Document:
    """The book's page with the map of its places (an SVG image, ``MAP_HREF``); its text
    alternative names the places drawn (``drawing``: the image, ``places_map.book_map``)."""
    from .. import i18n
    from .markup import xml_attr, xml_text

    title = xml_text(i18n.message("map.title", language))
    names = _map_places(drawing)
    shown = ", ".join(names[:30]) + (", …" if len(names) > 30 else "")
    alt = f'"{xml_attr(i18n.message("map.title", language) + (": " + shown if names else ""))}"'
    direction = ' dir="rtl"' if rtl else ""
    body = (
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{xml_attr(lang)}" xml:lang="{xml_attr(lang)}"{direction}>'
        f'<head><meta charset="utf-8"/><title>{title}</title>'
        f'<link rel="stylesheet" type="text/css" href="{CSS_HREF}"/></head>'
        f'<body><section epub:type="appendix" role="doc-appendix" aria-labelledby="map-title">'
        f'<h1 id="map-title">{title}</h1>'
        f'<figure class="places-map"><img src="{MAP_HREF}" alt={alt}/></figure>'
        "</section></body></html>"
    )
    return Document(MAP_PAGE, XHTML_PROLOG + body.encode("utf-8") + b"\n")


def _map_places(drawing: bytes) -> list[str]:
    """The names of the places a map of ``places_map`` draws (each point's title), in its
    order (by name)."""
    if not drawing:
        return []
    svg_ns = "{http://www.w3.org/2000/svg}"
    root = etree.fromstring(drawing)
    return [(t.text or "").strip() for t in root.iterfind(f"{svg_ns}g/{svg_ns}title")]


@dataclass(frozen=True)
class ShownImage:
    """A packaged image: its href, bytes, and whether every img showing it has alt text."""

    href: str
    data: bytes
    described: bool


def _shown_images(book: etree._Element, images: BookImages) -> list[ShownImage]:
    """The packaged images the content documents show, in the order they first appear.

    Only these go into the package: an image whose element rendered nothing is left out.
    """
    described: dict[str, bool] = {}
    for document in book.iterfind(f"{{{EE_NS}}}document"):
        base = PurePosixPath(str(document.get("href"))).parent
        for img in document.iter(f"{{{XHTML_NS}}}img"):
            href = posixpath.normpath((base / str(img.get("src"))).as_posix())
            if href not in images.files:
                raise EditionError(f"{document.get('href')} shows an image not packaged: {href}")
            has_alt = bool((img.get("alt") or "").strip())
            described[href] = described.get(href, True) and has_alt
    return [ShownImage(href, images.files[href], ok) for href, ok in described.items()]


def _run(
    name: str, text: Text, params: dict[str, ParamValue], custom: Layers | None = None
) -> etree._Element:
    result = engine().stylesheet(name, custom).transform(text.normalized, params)
    # Our own stylesheets' output: trusted, but parsed without network or entities anyway.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(result.output.encode("utf-8"), parser)


#: What only a link may carry: left off when a link with nowhere to go becomes a span.
_LINK_ONLY = ("href", "rel", "target", "hreflang", "type", "download", "ping", "referrerpolicy")
_LINK_ROLES = frozenset({"doc-noteref", "doc-backlink", "doc-biblioref", "doc-glossref"})
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def _unlink_dead_fragments(
    wrappers: list[etree._Element], others: Sequence[etree._Element] = ()
) -> None:
    """Each link of the book's documents to an id that the document it names does not hold
    becomes its words, unlinked (a span of the same class): epubcheck fails a book on such a
    link (RSC-012), and a reader's link leads nowhere. The page drops its own pointers of the
    kind alike (``parts.without_dead_links``); probe 172: a ref at the xml:id of the
    header's msIdentifier was linked in the book, to an id no document had. ``others`` (the
    navigation) are read for their ids, never changed."""
    held = {str(w.get("href")): {str(v) for v in w.xpath(".//@id")} for w in (*wrappers, *others)}
    for wrapper in wrappers:
        here = str(wrapper.get("href"))
        for link in wrapper.iter(f"{{{XHTML_NS}}}a"):
            named, hashed, fragment = (link.get("href") or "").partition("#")
            ids = held.get(named or here) if hashed else None
            if ids is None or fragment in ids or unquote(fragment) in ids:
                continue
            link.tag = f"{{{XHTML_NS}}}span"
            for attribute in _LINK_ONLY:
                link.attrib.pop(attribute, None)
            if link.get("role") in _LINK_ROLES:
                del link.attrib["role"]
            if link.get(_EPUB_TYPE) in ("noteref", "biblioref", "glossref", "backlink"):
                del link.attrib[_EPUB_TYPE]


def _document(wrapper: etree._Element) -> Document:
    html = wrapper.find(f"{{{XHTML_NS}}}html")
    if html is None:
        raise EditionError(f"document {wrapper.get('href')} has no html element")
    tree = copy.deepcopy(html)
    etree.cleanup_namespaces(tree)
    body = etree.tostring(tree, encoding="utf-8", xml_declaration=False)
    properties = tuple(str(wrapper.get("properties", "")).split())
    # A document with MathML (a formula passed through) must say so in the manifest.
    if tree.find(f".//{{{MATHML_NS}}}math") is not None and "mathml" not in properties:
        properties += ("mathml",)
    return Document(
        href=str(wrapper.get("href")),
        data=XHTML_PROLOG + body + b"\n",
        properties=properties,
        linear=wrapper.get("linear", "yes") != "no",
    )


def _package(
    meta: pkg.BookMetadata,
    documents: Sequence[Document],
    images: Sequence[ShownImage] = (),
    css: Sequence[Path] = (),
    cover: bytes | None = None,
) -> list[pkg.PackageFile]:
    """Reading order: title page, contents, text, index; then the stylesheets (ours, then the
    edition's own ``css``), the cover image (``cover-image``) and the images."""
    nav, rest = documents[0], list(documents[1:])
    ordered = [rest[0], nav, *rest[1:]]
    items = [(pkg.ManifestItem(d.id, d.href, d.properties), d.data) for d in ordered]
    items.append((pkg.ManifestItem("css", CSS_HREF), CSS_FILE.read_bytes()))
    for n, path in enumerate(css, start=1):
        items.append((pkg.ManifestItem(f"css-{n}", path.name), path.read_bytes()))
    if cover is not None:
        items.append((pkg.ManifestItem(pkg.COVER_ID, COVER_HREF, ("cover-image",)), cover))
    for n, image in enumerate(images, start=1):
        items.append((pkg.ManifestItem(f"img-{n:03d}", image.href), image.data))
    spine = [pkg.SpineItem(d.id, d.linear) for d in ordered]
    return pkg.package_files(meta, items, spine)


def _texts(record: etree._Element, name: str) -> list[str]:
    return [el.text or "" for el in record.iterfind(f"{{{EE_NS}}}{name}") if (el.text or "")]


def _text(record: etree._Element, name: str) -> str | None:
    found = _texts(record, name)
    return found[0] if found else None


def _attribute(record: etree._Element, name: str, attribute: str) -> str:
    found = record.find(f"{{{EE_NS}}}{name}")
    return (found.get(attribute) or "") if found is not None else ""


#: A person's name as a catalogue writes it, with life dates: "Brontë, Emily (1818-1848)"
#: (ELTeC's authors), "Dickens, Charles (1812–1870)".
_CATALOGUE_NAME = re.compile(
    r"\s*(?:(?P<family>[^,()]+?),\s*)?(?P<given>[^,()]+?)\s*\((?P<dates>[^()]*\d{3,4}[^()]*)\)"
    r"\.?\s*"
)
#: A cataloguer's note in brackets ("Eliot, George [pseud.] (1819-1880)"): no part of the name.
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")


def _as_read(agent: pkg.Agent) -> pkg.Agent:
    """A name written as a catalogue writes it, with life dates, as a reader reads it:
    "Emily Brontë", filed as "Brontë, Emily" (probe 78: the books' creators and covers read
    "Brontë, Emily (1818-1848)"). Only a name with dates in brackets is taken for a
    person's: an organisation's name with a comma stays as written."""
    found = _CATALOGUE_NAME.fullmatch(agent.name)
    if found is None:
        return agent
    given = _BRACKETED.sub("", found["given"]).strip()
    family = _BRACKETED.sub("", found["family"] or "").strip()
    if not family:
        return replace(agent, name=given)
    return replace(agent, name=f"{given} {family}", file_as=f"{family}, {given}")


def _with_editors(
    creators: tuple[pkg.Agent, ...],
    contributors: tuple[pkg.Agent, ...],
    publication: Publication | None,
) -> tuple[pkg.Agent, ...]:
    """The contributors the text names, then the edition's configured editors (role
    ``edt``) that it does not name already."""
    named = {" ".join(a.name.split()) for a in (*creators, *contributors)}
    editors = publication.editors if publication is not None else ()
    return contributors + tuple(
        pkg.Agent(name, "edt") for name in editors if " ".join(name.split()) not in named
    )


def book_metadata(
    record: etree._Element,
    text: Text,
    date: dt.datetime,
    *,
    has_index: bool,
    images: Sequence[ShownImage] = (),
    publication: Publication | None = None,
    has_subjects: bool = False,
) -> pkg.BookMetadata:
    """The package metadata from the stylesheet's ``<ee:metadata>`` record."""

    def agents(name: str) -> tuple[pkg.Agent, ...]:
        return tuple(
            _as_read(pkg.Agent(el.text or "", el.get("role", "ctb")))
            for el in record.iterfind(f"{{{EE_NS}}}{name}")
            if el.text
        )

    pages = int(_text(record, "page-breaks") or "0")
    source = _text(record, "source")
    identifier = book_id(_text(record, "identifier"), _text(record, "text-id"), text.stem,
                         publication)  # fmt: skip
    return pkg.BookMetadata(
        title=_text(record, "title") or text.stem,
        title_language=_attribute(record, "title", "lang"),
        language=_text(record, "language") or "und",
        other_languages=tuple(
            el.text for el in record.iterfind(f"{{{EE_NS}}}other-language") if el.text
        ),
        direction="rtl" if _text(record, "direction") == "rtl" else "ltr",
        identifier=identifier,
        modified=date,
        creators=agents("creator"),
        contributors=_with_editors(agents("creator"), agents("contributor"), publication),
        # the edition's settings, as its citations name them (README: "cited with every
        # text"); the book's package gave the text's own alone (probe 71)
        publisher=(publication.publisher if publication else None) or _text(record, "publisher"),
        part_of=f"https://doi.org/{publication.doi}" if publication and publication.doi else None,
        rights=_text(record, "rights"),
        date=_text(record, "date"),
        source=source,
        page_break_source=(source or pkg.UNKNOWN_PAGE_SOURCE) if pages else None,
        accessibility=accessibility(
            has_index=has_index,
            has_subjects=has_subjects,
            pages=pages,
            notes=int(_text(record, "notes") or "0"),
            images=len(images),
            described=all(image.described for image in images),
        ),
    )


_URI = re.compile(r"^(urn:[a-z0-9][a-z0-9-]*:\S+|https?://\S+|doi:10\.\S+/\S+|10\.\d+/\S+)$", re.I)


def book_id(
    idno: str | None, text_id: str | None, stem: str, publication: Publication | None
) -> str:
    """The book's ``dc:identifier``: derived from the page's URL when the edition has a base
    URL; else the header's ``idno`` when it is a URN, URL or DOI; else a uuid5 of the text's
    ``xml:id`` (or stem). Never a short label such as a play's ``@n``, never random."""
    if publication is not None and publication.base_url:
        return book_identifier(text_id or "", stem, publication)
    if idno and _URI.match(idno.strip()) and not _site_address(idno.strip()):
        return idno.strip()
    return pkg.derived_identifier(text_id or stem)


def _site_address(uri: str) -> bool:
    """Whether ``uri`` is a web site's own address (``https://dracor.org``), which names the
    publisher, not the text: seven DraCor plays were one book to a library (probe 78)."""
    from urllib.parse import urlsplit

    parts = urlsplit(uri)
    return (
        parts.scheme.lower() in ("http", "https")
        and parts.path in ("", "/")
        and not (parts.query or parts.fragment)
    )


def accessibility(
    *,
    has_index: bool,
    pages: int,
    notes: int = 0,
    images: int = 0,
    described: bool = True,
    has_subjects: bool = False,
) -> pkg.Accessibility:
    """What the book offers, stated only where the writer guarantees it.

    ``images`` is the number of images packaged, ``described`` whether every one of them has
    alternative text (the figure's description); only then is ``alternativeText`` claimed and
    text alone sufficient to read the book.
    """
    features = ["tableOfContents", "readingOrder", "structuralNavigation", "ARIA"]
    modes: tuple[str, ...] = ("textual",)
    sufficient: tuple[str, ...] = ("textual",)
    if not images:
        summary = ["A text-only publication: every part is text, with no images, audio or video."]
    elif described:
        features.append("alternativeText")
        modes, sufficient = ("textual", "visual"), ("textual", "textual,visual")
        summary = [
            "Besides its text the publication has images; each has a text description "
            "(alternative text). It has no audio or video."
        ]
    else:
        modes, sufficient = ("textual", "visual"), ("textual,visual",)
        summary = [
            "Besides its text the publication has images, and not every image has a text "
            "description. It has no audio or video."
        ]
    summary.append(
        "It has a table of contents, headings for its parts and a logical reading order."
    )
    if has_index or has_subjects:
        features.append("index")
    if has_index:
        summary.append("An index of names links every mention of a person, place or body.")
    if has_subjects:
        summary.append("A subject index links every place where a subject is indexed.")
    if pages:
        features += ["pageBreakMarkers", "pageNavigation"]
        summary.append("Page breaks of the print source are marked and listed in a page list.")
    if notes:
        summary.append("Note references and notes are linked both ways.")
    return pkg.Accessibility(
        features=tuple(features),
        summary=" ".join(summary),
        access_modes=modes,
        sufficient=sufficient,
    )
