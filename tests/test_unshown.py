"""``pipeline/unshown.py``: a text's span annotations, which its pages leave out, are told
once per text, at the first group (probe 172: the ELTE poetry corpus's spanGrp of
phonological structures vanished without a word)."""

from __future__ import annotations

from pathlib import Path

from conftest import tei_text
from lxml import etree

from pipeline.build import build
from pipeline.unshown import unshown_annotations


def _told(xml: str) -> list[tuple[str, int, str]]:
    root = etree.fromstring(xml.encode())
    found = unshown_annotations(root, lambda e: (e.sourceline, 1), "t.xml")
    return [(d.code, d.line or 0, d.message) for d in found]


def test_span_annotations_with_words_are_told_once_at_the_first_group() -> None:
    body = (
        '<lg><l xml:id="l1">Góg és Magóg</l></lg>\n'
        '<spanGrp type="phon"><span target="#l1">cBc</span><span target="#l1"> </span></spanGrp>\n'
        '<spanGrp type="rhyme stress"><span target="#l1">Fc</span></spanGrp>'
    )
    told = _told(tei_text(body))
    assert len(told) == 1, told
    code, line, message = told[0]
    assert (code, line) == ("build.unshown-annotation", 2)
    assert "2 span annotations in 2 spanGrps (phon, rhyme, stress)" in message
    assert "[tool.edition] xslt" in message


def test_what_the_pages_show_or_what_has_no_words_is_not_told() -> None:
    shown = (
        '<u xml:id="u1">yes</u>'
        '<annotationBlock><u>no</u><spanGrp type="en"><span>no</span></spanGrp>'
        "</annotationBlock>"
    )
    empty = '<p xml:id="p1">x</p><spanGrp><span from="#p1" to="#p1"/></spanGrp>'
    header = tei_text("<p>x</p>").replace(
        "<publicationStmt>", "<publicationStmt><spanGrp><span>h</span></spanGrp>"
    )
    assert _told(tei_text(shown)) == []
    assert _told(tei_text(empty)) == []
    assert _told(header) == []


def test_the_build_tells_it_and_shows_the_words_of_the_text_only(tmp_path: Path) -> None:
    body = (
        '<p xml:id="p1">The verse.</p>\n'
        '<spanGrp type="phon"><span target="#p1">cBc</span></spanGrp>'
    )
    (tmp_path / "t.xml").write_text(tei_text(body), encoding="utf-8")
    report = build([tmp_path / "t.xml"], tmp_path / "out", only=["html"], jobs=1)
    told = [(d.code, d.line, d.column) for d in report.diagnostics if d.code.startswith("build.")]
    assert told == [("build.unshown-annotation", 2, 1)], report.diagnostics
    page = (tmp_path / "out/html/t.html").read_text(encoding="utf-8")
    assert "The verse." in page and "cBc" not in page
