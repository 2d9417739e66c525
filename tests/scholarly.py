"""Shared helpers of the scholarly-edition tests (test_scholarly_html.py, test_scholarly_epub.py):
builds of the tei-samples folders (apparatus, manuscripts, facsimile, rtl), a small facsimile
corpus with local page images written on the fly, and PNG drawing without any image library.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from conftest import SHARED, missing

from pipeline.build import build
from pipeline.diagnostics import Report, Severity

SAMPLES = SHARED / "corpora" / "tei-samples"
FOLDERS = ("apparatus", "manuscripts", "facsimile", "rtl")
#: Codes of warnings the samples raise by design (names without register entries ...).
EXPECTED = {
    "index.untagged-name", "index.external-ref", "index.unresolved-ref", "index.unused-entry",
    "html.image-outside", "html.image-missing", "html.unknown-element", "build.not-tei",
    # the OpenArabicPE samples link to their project's authority files, not part of the samples
    "build.unresolved-link",
    # and name TEI Boilerplate's XSLT, left out of their downloads (probe 121)
    "build.active-content",
    # the Shelley-Godwin notebook names its project's schema, not part of the samples
    "build.schema-missing",
}  # fmt: skip


def sample(folder: str) -> Path:
    path = SAMPLES / folder
    if not path.is_dir():
        missing(f"the tei-samples folder {path}")
    return path


def build_checked(paths: list[Path], out: Path, **options: object) -> Report:
    """Build html and epub; no error, and no warning outside the expected ones (information,
    such as an entry without authority identifier, is no problem)."""
    report = build(paths, out, only=["html", "epub"], jobs=2, **options)  # type: ignore[arg-type]
    problems = [
        f"{d.code}: {d.path}: {d.message}"
        for d in report.diagnostics
        if d.severity is Severity.ERROR
        or (d.severity is Severity.WARNING and d.code not in EXPECTED)
    ]
    assert problems == [], problems[:10]
    return report


# -- page images -----------------------------------------------------------------------------


def png(width: int, height: int, bars: list[tuple[int, int, int, int]]) -> bytes:
    """A greyscale PNG: a paper-coloured page with dark bars (x0, y0, x1, y1) as lines."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type 0 per scanline
        for x in range(width):
            inked = any(x0 <= x < x1 and y0 <= y < y1 for x0, y0, x1, y1 in bars)
            row.append(70 if inked else 236)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


LINES = [(30, 40 + 40 * n, 270, 64 + 40 * n) for n in range(8)]

FACSIMILE_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de">
  <teiHeader><fileDesc><titleStmt><title>Brief mit Faksimile</title></titleStmt>
    <publicationStmt><p>Test fixture</p></publicationStmt>
    <sourceDesc><p>Written for the tests of the facsimile viewer.</p></sourceDesc></fileDesc>
    <profileDesc><handNotes><handNote xml:id="h2">Bleistift, spätere Hand</handNote></handNotes>
    </profileDesc></teiHeader>
  <facsimile>
    <surface xml:id="s1" ulx="0" uly="0" lrx="300" lry="420">
      <graphic url="pages/p1.png" width="300px" height="420px"/>
      <zone xml:id="z1" ulx="30" uly="40" lrx="270" lry="64"/>
      <zone xml:id="z2" points="30,80 270,80 270,104 30,104"/>
      <zone xml:id="z3" ulx="30" uly="120" lrx="270" lry="144"/>
      <zone xml:id="unused" ulx="0" uly="0" lrx="300" lry="420"/>
    </surface>
    <surface xml:id="s2" ulx="0" uly="0" lrx="300" lry="420">
      <graphic url="pages/p2.png" width="300" height="420"/>
      <zone xml:id="z4" ulx="30" uly="40" lrx="270" lry="64"/>
    </surface>
    <surface xml:id="s3"><graphic url="https://images.example.org/edition/p3.jpg"/></surface>
  </facsimile>
  <text><body><div>
    <p><pb n="1" facs="#s1"/><lb facs="#z1"/>Sehr geehrter Herr, ich danke Ihnen für den
      <del rend="strikethrough">langen</del><add place="above" hand="#h2">freundlichen</add>
      Brief<lb facs="#z2"/>vom dritten Mai und für die Nach<lb break="no" facs="#z3"/>richt,
      dass die Sendung <choice><abbr>bzw.</abbr><expan>beziehungsweise</expan></choice>
      die Bücher angekommen sind.</p>
    <p><pb n="2" facs="#s2"/><lb facs="#z4"/>Auf der zweiten Seite steht der Schluss des Briefes
      mit <unclear reason="faded">Grüßen</unclear> und der Unterschrift.</p>
    <p><pb n="3" facs="#s3"/>Die dritte Seite ist nur auf einem anderen Server abgebildet.</p>
  </div></body></text>
</TEI>
"""


def facsimile_corpus(folder: Path) -> Path:
    """A letter with two local page images (zones on them) and one remote one."""
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "pages" / "p1.png").write_bytes(png(300, 420, LINES))
    (folder / "pages" / "p2.png").write_bytes(png(300, 420, LINES[:3]))
    (folder / "letter.xml").write_text(FACSIMILE_TEI, encoding="utf-8")
    return folder
