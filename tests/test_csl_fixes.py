"""CSL rules citeproc-py keeps only in part (pipeline/csl_fixes.py), through the citations a
page shows (``citation.formatted``)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from pipeline.citation import Name, TextCitation, formatted

TITLE = "Images of a ledger"


def _citation(
    authors: tuple[Name, ...] = (), editors: tuple[Name, ...] = (), edition: str = "Letters"
) -> TextCitation:
    return TextCitation(
        stem="ledger",
        title=TITLE,
        authors=authors,
        editors=editors,
        edition=edition,
        publisher="",
        issued="2026-12-01",
        language="en",
        licence="",
        licence_url="",
        url="https://example.org/ledger.html",
        absolute=True,
    )


def _styles(c: TextCitation) -> dict[str, str]:
    return {label: re.sub(r"<[^>]+>", "", text) for label, text in formatted(c)}


def _count(text: str, words: str) -> int:
    return text.lower().count(words.lower())


@pytest.mark.parametrize("edition", ["Letters", ""])
def test_a_text_without_author_names_its_title_once(edition: str) -> None:
    cited = _styles(_citation(edition=edition))
    assert set(cited) == {"Chicago (author-date)", "MLA", "APA"}
    for label, text in cited.items():
        assert _count(text, TITLE) == 1, (label, text)
        assert "https://example.org/ledger.html" in text, (label, text)
        if edition:
            assert _count(text, edition) == 1, (label, text)


def test_editors_in_the_authors_place_are_not_named_again() -> None:
    cited = _styles(_citation(editors=(Name("Smith", "Jane"),)))
    for label, text in cited.items():
        assert _count(text, "Smith") == 1, (label, text)
        assert _count(text, TITLE) == 1, (label, text)
    # the editor still says what she is
    assert "Smith, Jane, ed." in cited["Chicago (author-date)"]
    assert "Smith, Jane, editor." in cited["MLA"]


def test_given_names_are_whole_where_the_style_says_so() -> None:
    cited = _styles(_citation(authors=(Name("Lister", "Anne"),), editors=(Name("Smith", "Jane"),)))
    assert cited["Chicago (author-date)"].startswith("Lister, Anne. 2026.")
    assert cited["MLA"].startswith("Lister, Anne.")
    # APA writes initials
    assert cited["APA"].startswith("Lister, A. (2026, December 1).")
    for label, text in cited.items():
        assert _count(text, TITLE) == 1, (label, text)


@pytest.mark.parametrize("title", ["A drawing with a note. London, about 1873.", "Who wrote it?"])
def test_a_title_ending_with_its_own_stop_takes_no_second_one(title: str) -> None:
    """A title that ends with a full stop or a question mark (a letter edition's descriptive
    titles) is followed by no second stop of the style, inside or outside its quotation
    marks or italics (it read "1873.”." and "1873.."); an ellipsis is kept."""
    c = _citation(editors=(Name(family="Roe", given="Jane"),))
    styles = formatted(dataclasses.replace(c, title=title))
    assert len(styles) == 3
    for label, text in styles:
        plain = re.sub(r"<[^>]+>", "", text)
        assert not re.search(r"[.?][”’\"]?\.", plain), (label, plain)
    for _, text in formatted(dataclasses.replace(c, title="And then...")):
        assert "then..." in re.sub(r"<[^>]+>", "", text).lower()


def test_a_stop_after_a_quotation_goes_inside_it_in_american_english() -> None:
    """en-US puts a comma or stop after a quotation inside its closing mark (CSL 1.0.2,
    punctuation-in-quote): Chicago cited the Belgian text as "“Jewish ... 1944”.", which
    citeproc-py writes whatever the locale says. British English keeps it outside; a title
    that ends with its own question mark takes none."""
    c = dataclasses.replace(_citation(editors=(Name(family="Roe", given="Jane"),)), title="Ledgers")
    chicago = "Chicago (author-date)"
    assert "“Ledgers.”" in dict(formatted(c))[chicago]
    assert "‘Ledgers’." in dict(formatted(c, "en-GB"))[chicago]
    asked = dict(formatted(dataclasses.replace(c, title="Who wrote it?")))[chicago]
    assert "“Who Wrote It?”" in asked and "?”." not in asked and "?.”" not in asked
