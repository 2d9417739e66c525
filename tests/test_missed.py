"""Names a text tags in one place and leaves untagged in another (pipeline/builders/missed.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import tei_text

from pipeline.builders.missed import untagged_mentions
from pipeline.diagnostics import Severity
from pipeline.gate import read_document


def _notes(tmp_path: Path, body: str, header: str = "") -> list[tuple[int | None, str]]:
    source = tmp_path / "t.xml"
    text = tei_text(body)
    if header:
        text = text.replace("</titleStmt>", f"</titleStmt>{header}", 1)
    source.write_text(text, encoding="utf-8")
    document = read_document(source).document
    assert document is not None
    found = untagged_mentions(document)
    assert all(d.severity is Severity.INFO and d.code == "index.untagged-mention" for d in found)
    return [(d.line, d.message) for d in found]


def test_a_form_the_text_tags_elsewhere_is_noted_once_with_its_count(tmp_path: Path) -> None:
    """Probe 94: one "Belgium" of fifteen untagged was told by nothing. The note says the
    form, how often it stands untagged, its first line, and the tag it has elsewhere."""
    notes = _notes(
        tmp_path,
        '<p>In <placeName ref="#be">Belgium</placeName> and\n'
        "the Belgian lands,\nBelgium's people\n"
        "<hi>left Belgium</hi>.</p>",
    )
    assert len(notes) == 1
    line, message = notes[0]
    assert line == 3
    assert message.startswith("'Belgium' stands 2 times untagged in this text")
    assert '<placeName ref="#be"> (line 1)' in message


def test_names_words_apart_and_lower_case_forms_are_not_noted(tmp_path: Path) -> None:
    """Words inside another name, a bibliography's title, the header and forme work are no
    untagged mention; neither is a form without a capital (an rs "the king", a pronoun) nor a
    form that is tagged only without a pointer, nor a speaker's label."""
    notes = _notes(
        tmp_path,
        '<p><placeName ref="#be">Belgium</placeName>, <rs ref="#k">the king</rs>, '
        '<persName>Anna</persName>, <orgName ref="#r">Belgium Resistance</orgName>,'
        " <bibl><title>A History of Belgium</title></bibl><fw>Belgium</fw>"
        " the king, Anna.</p>"
        '<sp who="#be"><speaker>Belgium</speaker><p>Words.</p></sp>',
        header="<editionStmt><p>Belgium</p></editionStmt>",
    )
    assert notes == []


def test_a_text_without_pointed_names_costs_nothing(tmp_path: Path) -> None:
    assert _notes(tmp_path, "<p>Belgium, Belgium.</p>") == []


def test_common_words_longer_phrases_notes_and_deletions_are_not_noted(tmp_path: Path) -> None:
    """Probes 94 and 97: a one-word name the text also writes in lower case ("Reading",
    "reading"), a name ending in a common word that begins a longer phrase ("all major
    Belgian resistance groups", a class the first edition leaves untagged), another place
    joined by a hyphen ("Basel-Landschaft"), a note's quoted title and a deleted word were
    noted as untagged mentions. A real one still is."""
    notes = _notes(
        tmp_path,
        '<p><placeName ref="#r">Reading</placeName>, <orgName ref="#b">Belgian resistance'
        '</orgName>, <placeName ref="#bs">Basel</placeName>, <placeName ref="#p">Poland'
        "</placeName>.</p>"
        "<p>Reading your letter, reading it again; all major Belgian resistance groups;"
        ' Basel-Landschaft; <note>see "Finis Poland 1831"</note> <del>Poland</del>.</p>'
        "<p>The Belgian resistance, in Basel.</p>",
    )
    assert [message.split(" stands")[0] for _, message in notes] == [
        "'Belgian resistance'",
        "'Basel'",
    ]


def test_a_name_in_a_script_without_capitals_is_noted(tmp_path: Path) -> None:
    """Probe 165: an Arabic text that tagged "سيف الدولة" once and left it untagged twice was
    told nothing, as the forms looked for had to begin with a capital; a Hebrew one alike.
    A script written without spaces between words is never a whole word: not noted."""
    notes = _notes(
        tmp_path,
        '<head>في مدح سيف الدولة</head><p>قيل في <persName ref="#s">سيف الدولة</persName>'
        " شعر كثير.</p><p>ومدح الشاعر سيف الدولة مرة أخرى.</p>"
        '<p><placeName ref="#y">ירושלים</placeName> ועוד ירושלים.</p>'
        '<p><placeName ref="#b">北京</placeName>在北京。</p>',
    )
    assert [message.split(" stands")[0] for _, message in notes] == [
        "'سيف الدولة'",
        "'ירושלים'",
    ]
    assert notes[0][1].split(" stands ")[1].startswith("2 times untagged")
