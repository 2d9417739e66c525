"""Unit tests of the EPUB packaging (pipeline/builders/epub_package.py): OPF, container, zip."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath

import pytest
from lxml import etree

from pipeline.builders import epub_package as pkg

OPF = {"opf": pkg.OPF_NS, "dc": pkg.DC_NS}
WHEN = dt.datetime(2024, 3, 5, 6, 7, 8, tzinfo=dt.UTC)


def _meta(**changes: object) -> pkg.BookMetadata:
    base = pkg.BookMetadata(
        title="A Title",
        language="en",
        identifier="urn:edition:a-title",
        modified=WHEN,
        creators=(pkg.Agent("Doe, Jane", "aut"),),
        contributors=(pkg.Agent("Roe, Richard", "edt"), pkg.Agent("Poe, Pat", "trl")),
        publisher="Press",
        rights="CC BY 4.0",
        date="2020-05-01",
        source="The print source",
        page_break_source="The print source",
        accessibility=pkg.Accessibility(
            features=("tableOfContents", "readingOrder"), summary="Text only."
        ),
    )
    return pkg.BookMetadata(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def _opf(meta: pkg.BookMetadata | None = None) -> etree._Element:
    manifest = [
        pkg.ManifestItem("doc-title", "title.xhtml"),
        pkg.ManifestItem("doc-nav", "nav.xhtml", ("nav",)),
        pkg.ManifestItem("css", "book.css"),
    ]
    spine = [pkg.SpineItem("doc-title"), pkg.SpineItem("doc-nav", linear=False)]
    return etree.fromstring(pkg.package_document(meta or _meta(), manifest, spine))


def _metas(opf: etree._Element, prop: str) -> list[str]:
    return [m.text for m in opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=OPF)]


def test_package_declares_its_unique_identifier() -> None:
    opf = _opf()
    assert opf.get("version") == "3.0"
    ids = opf.xpath("//dc:identifier", namespaces=OPF)
    assert [i.text for i in ids] == ["urn:edition:a-title"]
    assert ids[0].get("id") == opf.get("unique-identifier")


def test_roles_refine_creators_and_contributors() -> None:
    opf = _opf()
    roles = {
        m.get("refines"): (m.text, m.get("scheme"))
        for m in opf.xpath("//opf:meta[@property='role']", namespaces=OPF)
    }
    names = {
        "#" + e.get("id"): e.text
        for e in opf.xpath("//dc:creator | //dc:contributor", namespaces=OPF)
    }
    assert {names[k]: v for k, v in roles.items()} == {
        "Doe, Jane": ("aut", "marc:relators"),
        "Roe, Richard": ("edt", "marc:relators"),
        "Poe, Pat": ("trl", "marc:relators"),
    }


def test_modified_is_the_build_date_in_utc() -> None:
    assert _metas(_opf(), "dcterms:modified") == ["2024-03-05T06:07:08Z"]
    naive = dt.datetime(2024, 3, 5, 6, 7, 8)
    assert pkg.modified_stamp(naive) == "2024-03-05T06:07:08Z"
    plus_two = dt.datetime(2024, 3, 5, 8, 7, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert pkg.modified_stamp(plus_two) == "2024-03-05T06:07:08Z"


def test_accessibility_metadata_without_a_conformance_claim() -> None:
    opf = _opf()
    assert _metas(opf, "schema:accessMode") == ["textual"]
    assert _metas(opf, "schema:accessModeSufficient") == ["textual"]
    assert _metas(opf, "schema:accessibilityFeature") == ["tableOfContents", "readingOrder"]
    assert _metas(opf, "schema:accessibilityHazard") == ["none"]
    assert _metas(opf, "schema:accessibilitySummary") == ["Text only."]
    assert _metas(opf, "dcterms:conformsTo") == []
    assert _metas(opf, "a11y:certifiedBy") == []
    assert _metas(opf, "pageBreakSource") == ["The print source"]


def test_english_metadata_of_a_book_in_another_language_says_so() -> None:
    """Probe 22 (an Arabic journal): the package's xml:lang is the book's, so the English
    accessibility summary and the fallback page source were Arabic to a reading system; they
    carry xml:lang="en" now, and the source's own words (its title) do not."""
    lang = "{http://www.w3.org/XML/1998/namespace}lang"

    def langs(opf: etree._Element, prop: str) -> list[str | None]:
        return [m.get(lang) for m in opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=OPF)]

    arabic = _opf(_meta(language="ar", page_break_source=pkg.UNKNOWN_PAGE_SOURCE))
    assert arabic.get(lang) == "ar"
    assert langs(arabic, "schema:accessibilitySummary") == ["en"]
    assert langs(arabic, "pageBreakSource") == ["en"]
    assert langs(_opf(_meta(language="ar")), "pageBreakSource") == [None]
    english = _opf(_meta(language="en-GB", page_break_source=pkg.UNKNOWN_PAGE_SOURCE))
    assert langs(english, "schema:accessibilitySummary") == [None]
    assert langs(english, "pageBreakSource") == [None]


def test_conformance_claim_only_when_given() -> None:
    claim = pkg.Accessibility(
        features=("tableOfContents",),
        summary="s",
        conforms_to=pkg.CONFORMANCE,
        certified_by="Edition pipeline team",
    )
    opf = _opf(_meta(accessibility=claim))
    assert _metas(opf, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert _metas(opf, "a11y:certifiedBy") == ["Edition pipeline team"]


def test_manifest_media_types_properties_and_spine() -> None:
    opf = _opf()
    items = {
        i.get("href"): (i.get("media-type"), i.get("properties"))
        for i in opf.xpath("//opf:item", namespaces=OPF)
    }
    assert items == {
        "title.xhtml": ("application/xhtml+xml", None),
        "nav.xhtml": ("application/xhtml+xml", "nav"),
        "book.css": ("text/css", None),
    }
    refs = [(r.get("idref"), r.get("linear")) for r in opf.xpath("//opf:itemref", namespaces=OPF)]
    assert refs == [("doc-title", None), ("doc-nav", "no")]


def test_unknown_media_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="no media type"):
        pkg.media_type("font.ttf")


def test_container_points_at_the_package_document() -> None:
    container = etree.fromstring(pkg.container_xml())
    (rootfile,) = container.iter(f"{{{pkg.CONTAINER_NS}}}rootfile")
    assert rootfile.get("full-path") == "OEBPS/package.opf"
    assert rootfile.get("media-type") == "application/oebps-package+xml"


def test_derived_identifier_is_a_stable_uuid() -> None:
    first = pkg.derived_identifier("ENG18670")
    assert first == pkg.derived_identifier("ENG18670")
    assert first != pkg.derived_identifier("ENG18671")
    assert re.fullmatch(
        r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", first
    )


FILES = [
    pkg.PackageFile("META-INF/container.xml", pkg.container_xml()),
    pkg.PackageFile("OEBPS/a.xhtml", b"<html/>" * 50),
    pkg.PackageFile("OEBPS/b.css", b"p { margin: 0 }"),
]


def test_zip_starts_with_a_stored_mimetype() -> None:
    data = pkg.zip_epub(FILES, WHEN)
    # OCF: the first local header names "mimetype", stored, without extra field.
    assert data[30:38] == b"mimetype"
    assert data[38:58] == b"application/epub+zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [
            "mimetype",
            "META-INF/container.xml",
            "OEBPS/a.xhtml",
            "OEBPS/b.css",
        ]
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[0].extra == b""
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos[1:])
        assert {i.date_time for i in infos} == {(2024, 3, 5, 6, 7, 8)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert archive.testzip() is None


def test_zip_is_byte_identical_for_the_same_input() -> None:
    assert pkg.zip_epub(FILES, WHEN) == pkg.zip_epub(list(FILES), WHEN)
    assert pkg.zip_epub(FILES, WHEN) != pkg.zip_epub(FILES, WHEN + dt.timedelta(seconds=2))


def test_zip_clamps_dates_before_1980() -> None:
    data = pkg.zip_epub(FILES, dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_zip_refuses_a_path_twice() -> None:
    with pytest.raises(ValueError, match="twice"):
        pkg.zip_epub([*FILES, FILES[1]], WHEN)


# ---------------------------------------------------------------- images


def _chunk(kind: bytes, data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


PNG = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0]))
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00"
WEBP = b"RIFF\x16\x00\x00\x00WEBPVP8L\x0a\x00\x00\x00\x2f" + bytes(9)
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PNG, "image/png"),
        (JPEG, "image/jpeg"),
        (GIF, "image/gif"),
        (WEBP, "image/webp"),
        (SVG, "image/svg+xml"),
        (b"\x89PNG\r\n\x1a\nnot really an image", None),  # no IHDR
        (PNG[:-1] + bytes([PNG[-1] ^ 1]), None),  # IHDR checksum wrong
        (b"\xff\xd8\xff\xe0garbage", None),  # no frame header
        (b"GIF89a\x00\x00\x01\x00", None),  # no size
        (b"this is text, not a JPEG\n", None),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', None),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="photo.png"/></svg>', None),
        (b'<svg xmlns="http://www.w3.org/2000/svg" style="fill: url(x.svg#a)"/>', None),
        (b'<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg"/>', None),
        (b"<svg/>", None),  # not in the SVG namespace
        # script by an attribute or an instruction (probe 121)
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', None),
        (b'<?xml-stylesheet href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>', None),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><a href="java\tscript:x()"/></svg>', None),
    ],
)
def test_images_are_recognised_by_their_bytes(data: bytes, expected: str | None) -> None:
    assert pkg.sniff_image(data) == expected


def test_name_and_bytes_must_agree() -> None:
    assert pkg.image_media_type("a.PNG", PNG) == "image/png"
    assert pkg.image_media_type("a.jpeg", JPEG) == "image/jpeg"
    assert pkg.image_media_type("a.jpg", PNG) is None  # a PNG named as a JPEG
    assert pkg.image_media_type("a.tif", PNG) is None  # not a core media type
    assert pkg.image_media_type("a", PNG) is None


def test_image_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    names = [
        pkg.image_href(PurePosixPath(p), taken)
        for p in ("img/a dot.png", "img/a_dot.png", "IMG/A_DOT.PNG", "Été/.x.", "ok.svg")
    ]
    assert names == [
        "images/img/a_dot.png",
        "images/img/a_dot-2.png",
        "images/IMG/A_DOT-3.png",
        "images/_t_/_x_",
        "images/ok.svg",
    ]
    for name in names:
        assert re.fullmatch(r"[A-Za-z0-9._/-]+", name)
    assert pkg.media_type("images/a.webp") == "image/webp"
    assert pkg.media_type("images/a.gif") == "image/gif"
