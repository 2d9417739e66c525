"""A date's words against its value (pipeline/builders/date_words.py)."""

from __future__ import annotations

import pytest

from pipeline.builders.date_words import disagreement


@pytest.mark.parametrize(
    ("words", "earliest", "latest", "told"),
    [
        # probe 94: "April 1943" as May
        ("April 1943", (1943, 5, 1), (1943, 5, 31), "a month"),
        ("in 1942", (1943, 1, 1), (1943, 12, 31), "1942"),
        ("April 1943", (1943, 4, 1), (1943, 4, 30), None),
        # other languages, accents and abbreviations
        ("5. März 1902", (1902, 3, 5), (1902, 3, 5), None),
        ("le 3 août 1914", (1914, 8, 3), (1914, 8, 3), None),
        ("le 3 août 1914", (1914, 9, 3), (1914, 9, 3), "a month"),
        ("Sept. 12, 1850", (1850, 9, 12), (1850, 9, 12), None),
        ("12 de octubre", (1492, 10, 12), (1492, 10, 12), None),
        # a range: any named month or year inside it will do
        ("between September and December 1944", (1944, 9, 1), (1944, 12, 31), None),
        ("the winter of 1943/1944", (1944, 1, 1), (1944, 1, 31), None),
        ("1943-44", (1943, 1, 1), (1944, 12, 31), None),
        # a range over years: months are not compared
        ("from May 1940 to March 1941", (1940, 5, 1), (1941, 3, 31), None),
        # words that name no year or month, a number that is no year
        ("late that year", (1944, 9, 1), (1944, 12, 31), None),
        ("the 25th", (1944, 11, 25), (1944, 11, 25), None),
        ("12,000 days", (1944, 1, 1), (1944, 12, 31), None),
        ("the year 950", (1944, 1, 1), (1944, 12, 31), None),
        # probe 97: the days of a month's name, dotted numbers, old numbered months
        ("28 février 1840", (1840, 2, 2), (1840, 2, 2), "day 28"),
        ("2 février 1840", (1840, 2, 2), (1840, 2, 2), None),
        ("Feb. 11, 1850", (1850, 2, 11), (1850, 2, 11), None),
        ("11ter Juli", (1890, 7, 11), (1890, 7, 11), None),
        ("6. 8. 1891", (1891, 7, 6), (1891, 7, 6), "a month"),
        ("6. 7. 1891", (1891, 7, 6), (1891, 7, 6), None),
        ("3 7bre 1790", (1790, 10, 3), (1790, 10, 3), "a month"),
        ("3 7bre 1790", (1790, 9, 3), (1790, 9, 3), None),
        ("between September and December", (1943, 9, 1), (1943, 10, 31), "a month"),
        # a Roman month between a day and a year; a Roman number elsewhere is none
        ("12.IV.1944", (1944, 5, 12), (1944, 5, 12), "a month"),
        ("12.IV.1944", (1944, 4, 12), (1944, 4, 12), None),
        ("3 XI 1918", (1918, 11, 4), (1918, 11, 4), "day 3"),
        ("5-vii-1890", (1890, 7, 5), (1890, 7, 5), None),
        ("12. IV. 1944", (1944, 4, 13), (1944, 4, 13), "day 12"),
        ("8, IX, 31", (1931, 9, 8), (1931, 9, 8), None),
        ("8, IX, 31", (1931, 8, 8), (1931, 8, 8), "a month"),
        # probe 103: what read as Roman months and was not
        ("Psalm 23 v 1611", (1611, 8, 1), (1611, 8, 31), None),
        ("fol. 12 v 1544", (1544, 3, 3), (1544, 3, 3), None),
        ("12 Sept. 1850 (vol. 3, i, 22)", (1850, 9, 12), (1850, 9, 12), None),
        ("2 x 50 mins in 1912", (1912, 3, 3), (1912, 3, 3), None),
        ("vol. 3 I 1900", (1900, 6, 1), (1900, 6, 30), None),
        ("Nr. 4 iv 1890", (1890, 6, 1), (1890, 6, 30), None),
        ("Louis 14 v 1700", (1700, 3, 1), (1700, 3, 31), None),
        ("3.V.1791", (1791, 6, 3), (1791, 6, 3), "a month"),
        ("Henry IV, 1590", (1590, 5, 1), (1590, 5, 1), None),
        # probe 97: what read as months or years and was not
        ("16. kalendas septembris", (1575, 8, 17), (1575, 8, 17), None),
        ("3. Kal. Maii", (1560, 4, 29), (1560, 4, 29), None),
        ("Feb. 11, 1731/32", (1732, 2, 22), (1732, 2, 22), None),
        ("op Sint Jan 1650", (1650, 6, 24), (1650, 6, 24), None),
        ("il giorno di San Marco 1500", (1500, 4, 25), (1500, 4, 25), None),
        ("mar. 6", (1850, 5, 6), (1850, 5, 6), None),
        ("le sept", (1850, 5, 7), (1850, 5, 7), None),
        ("2 May, No. 1849 Broadway", (1850, 5, 2), (1850, 5, 2), None),
        # Old Style words of a Gregorian value, without @calendar: told
        ("31 December 1700", (1701, 1, 11), (1701, 1, 11), "1700"),
    ],
)
def test_words_and_value(
    words: str,
    earliest: tuple[int, int, int],
    latest: tuple[int, int, int],
    told: str | None,
) -> None:
    found = disagreement(words, earliest, latest)
    assert found is None if told is None else told in (found or ("", ""))[0], found


def test_the_end_the_words_pass_is_named() -> None:
    """Probe 99: "March to June 1850" with from 1850-03 and to 1850-05 blamed @from."""
    assert disagreement("March to June 1850", (1850, 3, 1), (1850, 5, 31)) == (
        "its words name a month it does not take in",
        "end",
    )
    assert disagreement("1849 to 1850", (1850, 3, 1), (1850, 5, 31)) is None
    assert disagreement("in 1849", (1850, 3, 1), (1851, 5, 31)) == (
        "its words name 1849, a year it does not take in",
        "start",
    )
