"""``xslt/common/alternatives.xsl``: alternatives of the source (``alt``), of which the
reading view reads one (probe 175: the Shelley-Godwin Archive's "perceive" with "recieve"
written above it, ``<alt mode="excl" weights="0 1"/>``, read "perceiverecieve" on the page,
in the book and in the search)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import tei_text
from lxml import etree, html

from pipeline.build import build

BODY = (
    '<p>I <seg type="alternative" xml:id="a1">perceive</seg><add place="superlinear" '
    'xml:id="a2">recieve</add> shade.</p><alt mode="excl" target="#a1 #a2" weights="0 1"/>'
    '<p>We <seg xml:id="b1">walked</seg><seg xml:id="b2">went</seg> home.</p>'
    '<altGrp><alt target="#b1 #b2" weights="0.5 0.5"/></altGrp>'
    '<p>Both <seg xml:id="c1">red</seg> and <seg xml:id="c2">blue</seg>.</p>'
    '<alt mode="incl" target="#c1 #c2" weights="0 1"/>'
)


def _words(element: html.HtmlElement, hide: str) -> str:
    copy = html.fromstring(html.tostring(element))
    for hidden in copy.xpath(f".//*[contains(@class, '{hide}')] | .//a[@class='anchor']"):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def test_the_reading_view_reads_the_heaviest_member_and_sets_the_others_apart(
    tmp_path: Path,
) -> None:
    (tmp_path / "alt.xml").write_text(tei_text(BODY), encoding="utf-8")
    report = build([tmp_path / "alt.xml"], tmp_path / "out", only=["html", "epub"], jobs=1)
    assert not report.errors and not report.warnings, report.diagnostics
    page = html.document_fromstring((tmp_path / "out/html/alt.html").read_bytes())
    paragraphs = page.xpath("//div[@class='tei-text']//p")
    assert [_words(p, "ed-dipl") for p in paragraphs] == [
        "I recieve shade.",  # the weights choose
        "We walked | went home.",  # equal weights: both, set apart
        "Both red and blue.",  # inclusive: no choice to make
    ]
    # the diplomatic view: the source as written
    assert [_words(p, "ed-read") for p in paragraphs][:2] == [
        "I perceiverecieve shade.",
        "We walkedwent home.",
    ]
    (other,) = page.xpath("//*[contains(@class, 'alt-member')]")
    assert other.get("title") == "alternative not read (of lesser weight)"
    assert other.xpath(".//@id") == ["a1"]  # a pointer at it still lands
    with zipfile.ZipFile(tmp_path / "out/epub/alt.epub") as book:
        text = book.read("OEBPS/text-001.xhtml")
    tree = etree.fromstring(text)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    shown = [
        " ".join("".join(p.xpath(".//text()[not(ancestor::*[@hidden])]")).split())
        for p in tree.xpath("//h:p", namespaces=ns)
    ]
    assert shown[-3:] == ["I recieve shade.", "We walked | went home.", "Both red and blue."]
