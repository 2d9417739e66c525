"""Images of the HTML edition: the local files that ``graphic``/``media`` point at, copied.

A reading page refers to ``<graphic url="img/f1.png"/>`` as ``img/f1.png``, relative to the
page, so the file is copied to the same relative place under ``OUT/html/``. A page break
naming its page image itself (``<pb facs="img/p1.jpg"/>``, not ``#surface``) is such an
element too (``image_elements``): its image joins the facsimile viewer. Only files inside
the folder of the text that names them are copied (no ``..``, no absolute path, no link out
of it): a TEI file cannot make the build publish any other file of the machine. A part
included from another folder (``xi:include``, which writes its ``xml:base``) names its images
relative to its own file, as XML Base says: ``img.png`` in ``parts/ch1.xml`` is
``parts/img.png`` of the text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from lxml import etree

from .. import diagnostics as diag
from .. import files
from ..diagnostics import Diagnostic
from ..gate import TEI_NS, SourceDocument
from ..io import write_bytes_atomic
from ..prefixes import Prefixes
from ..xml_base import rebased
from .epub_package import scriptless_svg

if TYPE_CHECKING:
    from ..build import BuildContext

_ORIGIN = "html"
#: The elements whose ``@url`` names an image.
TAGS = (f"{{{TEI_NS}}}graphic", f"{{{TEI_NS}}}media")
_PB = f"{{{TEI_NS}}}pb"
#: XML's white space, as ``normalize-space`` and ``tokenize`` read it (not Unicode's).
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def facs_file(element: etree._Element) -> str | None:
    """What a ``pb``'s ``@facs`` names when it names an image itself: its first token, unless
    that points into the document (``#surface``); the same rule as ``r:facs-file`` in
    ``xslt/common/facsimile.xsl``, whose numbering of images must agree with this one."""
    tokens = _XML_SPACE.split((element.get("facs") or "").strip(" \t\r\n"))
    return tokens[0] if tokens[0] and not tokens[0].startswith("#") else None


def image_elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements naming an image, in document order: every ``graphic`` and ``media``, and
    the page breaks whose ``@facs`` names one (``facs_file``). The stylesheets number them
    the same way (the accumulator ``r:graphic-number``)."""
    for element in root.iter(*TAGS, _PB):
        if element.tag != _PB or facs_file(element) is not None:
            yield element


def written_url(element: etree._Element) -> str:
    """The url an element of ``image_elements`` names as written, trimmed."""
    if element.tag == _PB:
        return facs_file(element) or ""
    return (element.get("url") or "").strip()


def image_url(element: etree._Element) -> str:
    """The url an element of ``image_elements`` names: as written, or, with a prefix the
    header declares (``prefixDef``), as the header expands it, where the pattern matches
    (probe 155 I9: "loc:p1.jpg" made a file: address was let pass as a prefix, unjudged);
    "" for a page break whose @facs the header expands into a pointer at a surface of the
    document (the build reads it so: ``ed:expand``), which names no image."""
    url = written_url(element)
    if ":" not in url:
        return url
    expanded = Prefixes.of(element.getroottree().getroot()).expand(url).strip()
    return "" if element.tag == _PB and expanded.startswith("#") else expanded


def _as_written(element: etree._Element, url: str) -> str:
    """``url`` (``image_url``) quoted for a message: as written, with what the header's
    prefixDef made of it."""
    written = written_url(element)
    return repr(url) if written == url else f"{written!r} (which the header expands to {url!r})"


@dataclass(frozen=True)
class LocalImage:
    """A local image a text shows: where it goes under OUT/html, the file, its digest."""

    relative: str  # posix path relative to the page
    source: str  # the resolved file
    sha256: str
    url: str
    line: int | None
    display: str  # the text, as diagnostics name it


def text_images(
    document: SourceDocument, remote: str | None = None
) -> tuple[list[LocalImage], list[Diagnostic]]:
    """The local images of one text that can be published, and warnings for the others (the
    page images of page breaks, often hundreds of a kind, in one warning a kind); a note for
    the images on another server it does not show (``remote``: the configured ``images``)."""
    found: list[LocalImage] = []
    problems: list[Diagnostic] = list(_remote_unshown(document, remote))
    problems.extend(_other_schemes(document))
    pages: dict[str, list[tuple[str, int | None]]] = {}
    base = document.path.parent.resolve()
    for element, url in local_urls(document.root):
        line = element.sourceline
        located = inside(base, url)
        code = ""
        if located is None:
            code = "html.image-outside"
        elif not files.is_file(located[1]):
            code = "html.image-missing"
        else:
            try:
                data = files.read(located[1])
            except OSError:
                code = "html.image-unreadable"
            else:
                code = unpublishable(located[0], data)
                digest = hashlib.sha256(data).hexdigest()
        if code and element.tag == _PB:
            pages.setdefault(code, []).append((url, line))
        elif code:
            # told in the file that names the image: an included part's (probe 140)
            line, column = url_place(document, element, written_url(element))
            shown = document.locate(element)[0]
            told = _warn(shown, code, url, line, element, column)
            problems.append(replace(told, message=told.message + document.inclusion_note(element)))
        elif located is not None:
            relative, source = located
            found.append(
                LocalImage(relative.as_posix(), str(source), digest, url, line, document.display)
            )
    for code, missed in pages.items():
        problems.append(_page_warning(document.display, code, missed))
    return found, problems


#: What the site publishes of a text's images and media, by the extension of the name (the
#: type a web server gives the file): what a browser shows as an image, or plays. A file of
#: any other name, an HTML page or a script "image", would be run on the edition's own site
#: (probe 121: graphic url="b.html" replaced the page of text b with its script).
PUBLISHED_EXTENSIONS = frozenset(
    {
        *(".png", ".apng", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".webp", ".avif"),
        *(".bmp", ".tif", ".tiff", ".jp2", ".jpx", ".j2k", ".jxl", ".heic", ".heif", ".svg"),
        *(".mp3", ".m4a", ".aac", ".oga", ".ogg", ".opus", ".wav", ".flac", ".weba"),
        *(".mp4", ".m4v", ".webm", ".ogv", ".mov"),
        # a document a media element offers (mimeType="application/pdf"): a browser shows it
        # in its viewer, apart from the site's pages (probe 122: its link was lost)
        ".pdf",
    }
)
#: The folders of the site the build writes itself (assets, citations, the search index,
#: schemas, TEI downloads): an image there would take the place of the build's file, or be
#: taken by it.
RESERVED_FOLDERS = frozenset({"assets", "cite", "pagefind", "schema", "tei"})


def unpublishable(relative: PurePosixPath, data: bytes) -> str:
    """The code of why a text's image or media file is not published on the site, or ""."""
    if len(relative.parts) > 1 and relative.parts[0].lower() in RESERVED_FOLDERS:
        return "html.image-reserved"
    suffix = relative.suffix.lower()
    if suffix not in PUBLISHED_EXTENSIONS:
        return "html.image-type"
    if suffix == ".svg" and not scriptless_svg(data, doctype=True):
        return "html.image-script"
    return ""


def _published(relative: PurePosixPath, path: Path) -> bool:
    """Whether ``text_images`` publishes the file: an SVG is read for it (an image of
    another type is judged by its name alone, not read again)."""
    if relative.suffix.lower() != ".svg":
        return not unpublishable(relative, b"")
    try:
        return not unpublishable(relative, files.read(path))
    except OSError:
        return False


def _remote_unshown(document: SourceDocument, remote: str | None) -> Iterator[Diagnostic]:
    """One note for the images of a text on another server that no page shows (``shown_urls``:
    none unless ``[tool.edition] images`` names that server): a facsimile on a IIIF server
    vanished without a word (probe 65)."""
    unshown = [
        element
        for element in image_elements(document.root)
        if (web := _web_address(image_url(element), remote)) is not None
        and not (remote and web.startswith(_prefix(remote)))
    ]
    if not unshown:
        return
    url, more, line, column = _first_of(document, unshown)
    server = urlsplit(_web_address(image_url(unshown[0]), remote) or "")
    yield diag.info(
        document.display,
        "html.image-remote",
        f"image {url}{more} is on another server and no page shows it: the edition loads "
        "nothing from elsewhere unless told to; to show the images of that server, set "
        f'[tool.edition] images = "{server.scheme}://{server.netloc}/" (or a longer base URL '
        "they all start with)",
        line,
        column,
        origin=_ORIGIN,
    )


def _web_address(url: str, remote: str | None) -> str | None:
    """The http(s) address an image's url names on another server, or None: the url itself,
    or, for one naming a server without a scheme ("//example.org/b.png", RFC 3986's
    network-path reference, which a browser reads with its page's scheme), the url with the
    scheme of ``remote`` (the configured image server), else https: such an image vanished
    from the page without a word (probe 154 #7)."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return url
    if not parts.scheme and parts.netloc:
        scheme = urlsplit(remote).scheme if remote else ""
        return f"{scheme or 'https'}:{url}"
    return None


def _other_schemes(document: SourceDocument) -> Iterator[Diagnostic]:
    """One warning for the images of a text named by an address no page shows: a "file:" URL,
    a Windows path ("C:\\scans\\1.png", read as the scheme "c"), "ftp:", "data:" ... (probe
    148: they vanished from the page without a word, even a file beside the text)."""
    # (a prefix the header declares, anno:, is judged as the header expands it, image_url:
    # probe 151, probe 155 I9)
    odd = [
        element
        for element in image_elements(document.root)
        if urlsplit(image_url(element)).scheme not in ("", "http", "https")
    ]
    if not odd:
        return
    url, more, line, column = _first_of(document, odd)
    scheme = urlsplit(image_url(odd[0])).scheme
    what = (
        "a Windows path"
        if len(scheme) == 1 and scheme.isalpha()
        else f"a {scheme}: address"
        if scheme != "file"
        else "a file: URL"
    )
    yield diag.warning(
        document.display,
        "html.image-address",
        f"image {url}{more} is named by {what}, which no page shows or publishes: the page "
        "shows its description only; name the image by a path relative to the text, with "
        "slashes (images/scan.png)",
        line,
        column,
        origin=_ORIGIN,
    )


def _first_of(
    document: SourceDocument, elements: list[etree._Element]
) -> tuple[str, str, int | None, int | None]:
    """What one diagnostic for ``elements`` says: the first's url (quoted, ``_as_written``),
    "(and N more)", the first's line and column."""
    url = image_url(elements[0])
    others = len(elements) - 1
    more = f" (and {others} more)" if others else ""
    written = written_url(elements[0])
    return (_as_written(elements[0], url), more, *url_place(document, elements[0], written))


def publish_images(images: Iterable[LocalImage], staging: Path) -> list[Diagnostic]:
    """Copy the texts' images (in corpus order) beside the pages; a second, different image
    under a name already taken is left out with a warning. Copies, never links: a link would
    make the published file change whenever the source image is edited."""
    problems: list[Diagnostic] = []
    taken: dict[str, str] = {}
    for image in images:
        if taken.get(image.relative, image.sha256) != image.sha256:
            problems.append(_warn(image.display, "html.image-clash", image.url, image.line))
            continue
        if image.relative in taken:
            continue
        try:
            data = Path(image.source).read_bytes()
        except OSError:
            problems.append(_warn(image.display, "html.image-unreadable", image.url, image.line))
            continue
        write_bytes_atomic(staging / image.relative, data)
        taken[image.relative] = image.sha256
    return problems


def published_files(texts: Iterable[tuple[Path, Iterable[str]]]) -> dict[Path, str]:
    """The image files the site publishes (``copy_images``), each with its place under
    OUT/html/, from each text's file and the images it names (``sources.image_files``), in
    corpus order: files that exist and are published, the first of a name (a second, other
    file under a name taken is left out, as ``publish_images`` leaves it). A pointer at one
    links to it (``links.resolve``: a catalogue record's surrogates name the edition's own
    images, probe 157)."""
    found: dict[Path, str] = {}
    taken: dict[str, Path] = {}
    for path, images in texts:
        base = path.parent.resolve()
        for name in images:
            source = Path(name)
            if source in found or not source.is_relative_to(base) or not files.is_file(source):
                continue
            relative = PurePosixPath(source.relative_to(base).as_posix())
            if not _published(relative, source):
                continue
            first = taken.setdefault(relative.as_posix(), source)
            if first == source or _same_bytes(first, source):
                found[source] = relative.as_posix()
    return found


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return files.read(one) == files.read(other)
    except OSError:
        return False


def copy_images(context: BuildContext, staging: Path) -> list[Diagnostic]:
    """Copy every local image of every text; problems are warnings (the text still reads)."""
    problems: list[Diagnostic] = []
    found: list[LocalImage] = []
    for text in context.corpus.texts:
        images, warnings = text_images(text.source, context.images)
        found.extend(images)
        problems.extend(warnings)
    return problems + publish_images(found, staging)


def local_urls(root: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Every element of ``image_elements`` with a local url (no scheme, no host), in document
    order."""
    for element in image_elements(root):
        url = local_url(element)
        if url is not None:
            yield element, url


def local_url(element: etree._Element) -> str | None:
    """The element's url (``image_url``) when it is local: no scheme, no host; else None.
    Relative to the text's file: through the ``xml:base`` of an included part (``rebased``)."""
    url = image_url(element)
    parts = urlsplit(url)
    return rebased(element, url) if url and not parts.scheme and not parts.netloc else None


def safe_relative(url: str) -> PurePosixPath | None:
    """The url's path, percent-decoded, when it is relative and never climbs (no ``..``)."""
    path = PurePosixPath(unquote(urlsplit(url).path))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    return path


def inside(base: Path, url: str) -> tuple[PurePosixPath, Path] | None:
    """The url's relative path and the file it names, or None when that file is not inside
    ``base`` (a resolved folder) once symlinks are resolved. The file need not exist."""
    relative = safe_relative(url)
    if relative is None:
        return None
    source = (base / relative).resolve()
    return (relative, source) if source.is_relative_to(base) else None


def shown_urls(root: etree._Element, base: Path, remote: str | None) -> list[str]:
    """The URL each element of ``image_elements`` of a document shows on its page, in document order
    (``""``: none), for the facsimile viewer (``xslt/common/facsimile.xsl``).

    A local file inside ``base`` (the text's folder, resolved) that exists shows under its own
    relative url (``copy_images`` publishes it there). With ``remote`` (the configured base
    URL of an image server), an absolute http(s) url under it shows as it is, and a local url
    whose file is not beside the text shows from the server (``remote`` + url). Anything else
    shows nothing: no page loads an image from a server the edition did not name.
    """
    urls: list[str] = []
    for element in image_elements(root):
        url = image_url(element)
        parts = urlsplit(url)
        shown = ""
        if url and not parts.scheme and not parts.netloc:
            url = rebased(element, url)
            found = inside(base, url)
            if found is not None and files.is_file(found[1]):
                # what is not published is not shown either (no broken image)
                shown = url if _published(*found) else ""
            elif remote and safe_relative(url) is not None:
                shown = remote.rstrip("/") + "/" + url
        elif remote and (web := _web_address(url, remote)) and web.startswith(_prefix(remote)):
            shown = web
        urls.append(shown if "\n" not in shown else "")
    return urls


def _prefix(base: str) -> str:
    """A base URL as a prefix that ends at a path boundary ("https://a.org" must not admit
    "https://a.org.example.net/...")."""
    return base if base.endswith("/") else base + "/"


def _page_warning(path: str, code: str, missed: list[tuple[str, int | None]]) -> Diagnostic:
    """One warning for the page images of a text's page breaks that cannot be shown."""
    url, line = missed[0]
    others = len(missed) - 1
    more = f" (and {others} more page break{'s' if others > 1 else ''})" if others else ""
    what = {
        "html.image-outside": "is not inside the text's folder",
        "html.image-missing": "does not exist",
        "html.image-unreadable": "cannot be read (permissions?)",
        "html.image-type": "is no image by its name (.png, .jpg, .webp, .svg ...)",
        "html.image-reserved": "lies in a folder the build writes itself",
        "html.image-script": "is an SVG holding script",
    }[code]
    advice = {
        "html.image-type": "save the images as images, under names that say so",
        "html.image-reserved": f"move them out of {', '.join(sorted(RESERVED_FOLDERS))}",
        "html.image-script": "remove the script",
    }.get(code, "put the images beside the text or below its folder")
    return diag.warning(
        path,
        code,
        f"page image {url!r} named by a page break (pb/@facs) {what}{more}: the page break "
        f"shows no image; {advice}",
        line,
        origin=_ORIGIN,
    )


def url_place(
    document: SourceDocument, element: etree._Element, url: str
) -> tuple[int | None, int | None]:
    """Line and column of the attribute that names the image (``url``, ``facs``), where a
    scholar mends it; of the element's start tag when no attribute holds it as written."""
    named = next((n for n, v in element.attrib.items() if str(v).strip() == url), None)
    if named is not None:
        return document.attribute_place(element, str(named))
    return document.element_place(element)


def _warn(
    path: str,
    code: str,
    url: str,
    line: int | None,
    element: etree._Element | None = None,
    column: int | None = None,
) -> Diagnostic:
    # a media element's file is a sound or a film as often as an image
    kind = "file" if element is not None and etree.QName(element).localname == "media" else "image"
    messages = {
        "html.image-outside": f"{kind} {url!r} is not inside the text's folder: it is not "
        f"published; put the {kind} beside the text or below its folder",
        "html.image-missing": f"{kind} {url!r} does not exist: the page shows its description "
        "only; fix the url or add the file",
        "html.image-clash": f"another text publishes a different image as {url!r}: rename one",
        "html.image-unreadable": f"{kind} {url!r} cannot be read (permissions?): the page shows "
        "its description only",
        "html.image-type": f"{kind} {url!r} is no image, sound or film a browser shows by its "
        "name (.png, .jpg, .gif, .webp, .svg, .mp3, .mp4 ...): it is not published, for a "
        "page or a script under that name would run on the edition's site; save it as one",
        "html.image-reserved": f"{kind} {url!r} lies in a folder of the site the build writes "
        f"itself ({', '.join(sorted(RESERVED_FOLDERS))}): it is not published; move it to "
        "another folder",
        "html.image-script": f"SVG {url!r} holds script, or what may hide it (a script or "
        "foreignObject element, an on... attribute, a javascript: link, an XSLT stylesheet "
        "instruction, a DOCTYPE declaring entities): it is not published, for it would run on "
        "the edition's site; remove them",
    }
    return diag.warning(path, code, messages[code], line, column, origin=_ORIGIN)
