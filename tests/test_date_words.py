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
    ],
)
def test_words_and_value(
    words: str,
    earliest: tuple[int, int, int],
    latest: tuple[int, int, int],
    told: str | None,
) -> None:
    found = disagreement(words, earliest, latest)
    assert found is None if told is None else told in (found or ""), found
