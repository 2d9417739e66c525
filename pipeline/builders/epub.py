"""The EPUB writer: one EPUB 3.3 book per narrative text, ``OUT/epub/<stem>.epub``.

Data flow for one text (normalized TEI):

1. ``xslt/epub/index.xsl`` -> the back-of-book index of names (or nothing: no names, no index),
   from the index builder's product ``entities`` when there is one, else from the text;
2. ``xslt/epub/content.xsl`` -> the metadata record, the title page and the content documents
   (split at divs so no document is too big);
3. ``xslt/epub/nav.xsl`` -> the navigation document (toc, landmarks, page-list);
4. Python serialises the XHTML, adds the stylesheet, writes the package document and zips it
   (``epub_package``), then writes the file atomically.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..errors import EditionError
from ..io import write_bytes_atomic
from ..parallel import fork_map
from ..paths import ASSETS_DIR
from ..xslt import ParamValue, XmlText, engine
from . import epub_package as pkg

if TYPE_CHECKING:
    from ..build import BuildContext, Text

EE_NS = "urn:edition:epub"
XHTML_NS = "http://www.w3.org/1999/xhtml"
CSS_FILE = ASSETS_DIR / "epub" / "book.css"
CSS_HREF = "book.css"
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

        def one(index: int) -> Diagnostic | None:
            text = texts[index]
            try:
                data = build_book(text, context)
            except (EditionError, etree.XMLSyntaxError, ValueError) as exc:
                return diag.error(
                    text.source.display,
                    "epub.failed",
                    f"cannot write the EPUB of {text.stem}: {exc}",
                    origin=self.name,
                )
            write_bytes_atomic(staging / f"{text.stem}.epub", data)
            return None

        found = fork_map(one, len(texts), context.jobs, _compile)
        return [problem for problem in found if problem is not None]


def _compile() -> None:
    for name in ("epub/index", "epub/content", "epub/nav"):
        engine().stylesheet(name)


def build_book(text: Text, context: BuildContext) -> bytes:
    """The bytes of one text's EPUB."""
    params: dict[str, ParamValue] = {
        "registers": XmlText(context.corpus.registers),
        "stem": text.stem,
    }
    entities = context.products.get("entities")
    if entities:
        params["entities"] = XmlText(entities)
    index = _run("epub/index", text, params)
    has_index = index.tag == f"{{{EE_NS}}}document"
    params["has-index"] = has_index
    book = _run("epub/content", text, params)
    nav = _run("epub/nav", text, params)

    record = book.find(f"{{{EE_NS}}}metadata")
    if record is None:
        raise EditionError("the content stylesheet returned no metadata record")
    documents = [_document(nav)]
    documents += [_document(d) for d in book.iterfind(f"{{{EE_NS}}}document")]
    if has_index:
        documents.append(_document(index))
    meta = book_metadata(record, text, context, has_index=has_index)
    return pkg.zip_epub(_package(meta, documents), context.date)


def _run(name: str, text: Text, params: dict[str, ParamValue]) -> etree._Element:
    result = engine().stylesheet(name).transform(text.normalized, params)
    # Our own stylesheets' output: trusted, but parsed without network or entities anyway.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(result.output.encode("utf-8"), parser)


def _document(wrapper: etree._Element) -> Document:
    html = wrapper.find(f"{{{XHTML_NS}}}html")
    if html is None:
        raise EditionError(f"document {wrapper.get('href')} has no html element")
    tree = copy.deepcopy(html)
    etree.cleanup_namespaces(tree)
    body = etree.tostring(tree, encoding="utf-8", xml_declaration=False)
    return Document(
        href=str(wrapper.get("href")),
        data=XHTML_PROLOG + body + b"\n",
        properties=tuple(str(wrapper.get("properties", "")).split()),
        linear=wrapper.get("linear", "yes") != "no",
    )


def _package(meta: pkg.BookMetadata, documents: Sequence[Document]) -> list[pkg.PackageFile]:
    """Reading order: title page, contents, text, index; then the stylesheet."""
    nav, rest = documents[0], list(documents[1:])
    ordered = [rest[0], nav, *rest[1:]]
    items = [(pkg.ManifestItem(d.id, d.href, d.properties), d.data) for d in ordered]
    items.append((pkg.ManifestItem("css", CSS_HREF), CSS_FILE.read_bytes()))
    spine = [pkg.SpineItem(d.id, d.linear) for d in ordered]
    return pkg.package_files(meta, items, spine)


def _texts(record: etree._Element, name: str) -> list[str]:
    return [el.text or "" for el in record.iterfind(f"{{{EE_NS}}}{name}") if (el.text or "")]


def _text(record: etree._Element, name: str) -> str | None:
    found = _texts(record, name)
    return found[0] if found else None


def book_metadata(
    record: etree._Element, text: Text, context: BuildContext, *, has_index: bool
) -> pkg.BookMetadata:
    """The package metadata from the stylesheet's ``<ee:metadata>`` record."""

    def agents(name: str) -> tuple[pkg.Agent, ...]:
        return tuple(
            pkg.Agent(el.text or "", el.get("role", "ctb"))
            for el in record.iterfind(f"{{{EE_NS}}}{name}")
            if el.text
        )

    pages = int(_text(record, "page-breaks") or "0")
    source = _text(record, "source")
    identifier = _text(record, "identifier") or pkg.derived_identifier(
        _text(record, "text-id") or text.stem
    )
    return pkg.BookMetadata(
        title=_text(record, "title") or text.stem,
        language=_text(record, "language") or "en",
        identifier=identifier,
        modified=context.date,
        creators=agents("creator"),
        contributors=agents("contributor"),
        publisher=_text(record, "publisher"),
        rights=_text(record, "rights"),
        date=_text(record, "date"),
        source=source,
        page_break_source=(source or "unknown print source") if pages else None,
        accessibility=accessibility(
            has_index=has_index, pages=pages, notes=int(_text(record, "notes") or "0")
        ),
    )


def accessibility(*, has_index: bool, pages: int, notes: int = 0) -> pkg.Accessibility:
    """What the book offers, stated only where the writer guarantees it."""
    features = ["tableOfContents", "readingOrder", "structuralNavigation", "ARIA"]
    summary = [
        "A text-only publication: every part is text, with no images, audio or video.",
        "It has a table of contents, headings for its parts and a logical reading order.",
    ]
    if has_index:
        features.append("index")
        summary.append("An index of names links every mention of a person, place or body.")
    if pages:
        features += ["pageBreakMarkers", "pageNavigation"]
        summary.append("Page breaks of the print source are marked and listed in a page list.")
    if notes:
        summary.append("Note references and notes are linked both ways.")
    return pkg.Accessibility(features=tuple(features), summary=" ".join(summary))
