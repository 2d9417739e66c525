"""A text whose reading page shows none of its words (pipeline/builders/blank_page.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import tei_text

from pipeline.build import build
from pipeline.builders.blank_page import blank_page
from pipeline.builders.html import text_of
from pipeline.gate import read_document


def _told(tmp_path: Path, body: str) -> list[tuple[int | None, str]]:
    """Build the text's page (Saxon, as published) and return the blank-page warnings."""
    source = tmp_path / "src" / "t.xml"
    source.parent.mkdir(parents=True)
    source.write_text(tei_text(body), encoding="utf-8")
    report = build([source], tmp_path / "out", only=("html",), jobs=1)
    return [(d.line, d.message) for d in report.diagnostics if d.code == "build.blank-page"]


def test_a_text_whose_words_are_all_in_a_span_is_told(tmp_path: Path) -> None:
    """Probe 135: a body whose only words were a span published a page of its title alone,
    and the build said nothing. The warning is at the text and names where the words are."""
    told = _told(tmp_path, '<span from="#a">Only a span here.</span>')
    assert len(told) == 1
    line, message = told[0]
    assert line is not None and line > 0
    assert "no word of this text is on its reading page" in message
    assert "<span>" in message


def test_pages_that_show_words_and_texts_without_words_are_not_told(tmp_path: Path) -> None:
    """A page with a word shown (beside a hidden interp) and a text of no words at all (an
    empty paragraph, a page break) are no blank page."""
    assert _told(tmp_path / "a", '<p>Words.</p><interp xml:id="i">male</interp>') == []
    assert _told(tmp_path / "b", '<p/><pb n="1"/>') == []


def test_the_holders_are_listed_in_order_three_at_most(tmp_path: Path) -> None:
    source = tmp_path / "t.xml"
    body = (
        '<span from="#a">one</span><interp>two</interp><fw>three</fw>'
        "<interpGrp><interp>four</interp></interpGrp><span>five</span><label>six</label>"
    )
    source.write_text(tei_text(body), encoding="utf-8")
    document = read_document(source).document
    assert document is not None
    empty = '<article><div class="tei-text"><div class="body"><span></span></div></article>'
    found = blank_page(document, text_of(document.root), [("t.html", empty)])
    assert found is not None
    assert "<span>, <interp>, <fw> and others" in found.message
    # a word anywhere in the text's part of any page file (a long text's parts) is enough
    shown = '<div class="tei-text"><p> x </p></div></article>'
    assert (
        blank_page(document, text_of(document.root), [("t.html", empty), ("t-2.html", shown)])
        is None
    )
    # words above the text's part (the title) or after it (the citation) are not the text's
    around = '<h1>T</h1><div class="tei-text"></div></article><p>Cite this</p>'
    assert blank_page(document, text_of(document.root), [("t.html", around)]) is not None
    # a no-break space, written as a character or a reference, shows nothing (probe 143)
    for space in ("\u00a0", "&nbsp;", "&#160;", "&#xA0;"):
        blank = f'<div class="tei-text"><p>{space}</p></div></article>'
        assert blank_page(document, text_of(document.root), [("t.html", blank)]) is not None
    # no text part at all (a customised page): nothing to compare
    assert blank_page(document, text_of(document.root), [("t.html", "<p>x</p>")]) is None
