"""A text's first dateline and its date for the header record (pipeline/datelines.py)."""

from __future__ import annotations

from lxml import etree

from pipeline.datelines import dateline_date, first_dateline, saluted

TEI = "http://www.tei-c.org/ns/1.0"


def _text(body: str) -> etree._Element:
    return etree.fromstring(f'<text xmlns="{TEI}"><body>{body}</body></text>')


def _date(body: str) -> str | None:
    dateline = first_dateline(_text(body))
    return dateline_date(dateline) if dateline is not None else None


def test_the_first_dateline_of_the_texts_own_is_taken_not_a_quoted_one() -> None:
    body = (
        '<p>He wrote: <quote><dateline><date when="1800-01-01">then</date></dateline></quote></p>'
        '<div><opener><dateline>Gent, <date when="1944-11-24">24 Nov.</date></dateline>'
        "</opener></div>"
    )
    assert _date(body) == "1944-11-24"


def test_a_date_is_its_first_iso_attribute_in_the_calendars_order() -> None:
    assert _date('<dateline><date notAfter="1900" from="1898-05">x</date></dateline>') == "1898-05"
    assert _date('<dateline><date when-iso=" 1901-02-03 ">x</date></dateline>') == "1901-02-03"
    # words alone, or a value that is no date, give none
    assert _date("<dateline><date>20. März 7</date></dateline>") is None
    assert _date('<dateline><date when="spring">x</date></dateline>') is None
    assert _date("<p>No dateline.</p>") is None


def test_a_greeting_beside_the_dateline_is_seen_in_its_division() -> None:
    letter = _text(
        '<div><opener><dateline><date when="1900">x</date></dateline><salute>Dear Sir,</salute>'
        "</opener><p>Words.</p></div>"
    )
    diary = _text('<div><dateline><date when="1900">x</date></dateline><p>Rain.</p></div>')
    for text, greets in ((letter, True), (diary, False)):
        dateline = first_dateline(text)
        assert dateline is not None
        assert saluted(dateline) is greets
