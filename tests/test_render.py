"""Scenarios of the shared TEI -> XHTML rendering (xslt/common/), run through html/page.xsl.

One small TEI fixture per construct (tests/data/html/<name>.xml) is gated, normalised and
rendered; the page's article and entity cards are canonicalised and compared with
tests/golden/html/<name>.html. Accept a deliberate change with ``--update-goldens`` (or
``UPDATE_GOLDENS=1``) and review the diff of the golden files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree, html

from pipeline.build import load_corpus
from pipeline.builders.html import messages_to_diagnostics
from pipeline.diagnostics import Report, Severity
from pipeline.i18n import messages
from pipeline.xslt import XmlText, engine

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "html"
GOLDEN = ROOT / "tests" / "golden" / "html"
CONSTRUCTS = sorted(p.stem for p in DATA.glob("*.xml"))
#: Elements after which the canonical form starts a new line (for readable diffs).
BLOCKS = {
    "article", "section", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "table", "tr", "figure", "hr", "header", "dl", "dt", "dd",
}  # fmt: skip


def render(name: str) -> tuple[str, tuple[str, ...]]:
    """The reading page of fixture ``name`` and the messages of the stylesheet."""
    report = Report()
    corpus = load_corpus([DATA / f"{name}.xml"], report)
    assert not report.errors, [d.message for d in report.diagnostics]
    result = (
        engine()
        .stylesheet("html/page")
        .transform(
            corpus.texts[0].normalized,
            {
                "registers": XmlText(corpus.registers),
                "stem": name,
                "edition-title": "Test edition",
                "date": "2000-01-01",
                "index-pages": "persons.html\nplaces.html",
                "messages": messages("en"),
            },
        )
    )
    return result.output, result.messages


def canonical(page: str) -> str:
    """The article and the entity cards, whitespace normalised, one block per line."""
    doc = html.document_fromstring(page)
    parts = doc.xpath("//main/article | //main/div[@class='entity-cards']")
    out: list[str] = []
    for part in parts:
        for element in part.iter():
            element.text = _space(element.text)
            element.tail = _space(element.tail)
            if isinstance(element.tag, str) and element.tag in BLOCKS:
                element.tail = "\n" + (element.tail or "").lstrip()
        out.append(etree.tostring(part, encoding="unicode", method="html"))
    return "".join(out).strip() + "\n"


def _space(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def pages() -> Iterator[dict[str, tuple[str, tuple[str, ...]]]]:
    yield {name: render(name) for name in CONSTRUCTS}


@pytest.mark.parametrize("name", CONSTRUCTS)
def test_golden(
    name: str, pages: dict[str, tuple[str, tuple[str, ...]]], update_goldens: bool
) -> None:
    actual = canonical(pages[name][0])
    golden = GOLDEN / f"{name}.html"
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"golden {golden.name} rewritten")
    assert golden.is_file(), f"no golden for {name}: run pytest with --update-goldens"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, (
        f"the rendering of tests/data/html/{name}.xml changed; if the change is intended, "
        "run pytest tests/test_render.py --update-goldens and review the diff"
    )


def _doc(name: str, pages: dict[str, tuple[str, tuple[str, ...]]]) -> html.HtmlElement:
    return html.document_fromstring(pages[name][0])


def test_unknown_element_is_reported_once_and_its_text_kept(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    _, messages = pages["unknown"]
    doc = _doc("unknown", pages)
    text = " ".join(doc.xpath("string(//main)").split())
    for words in ("unknown words", "more unknown", "foreign namespace", "A block of unknown text"):
        assert words in text
    diagnostics = messages_to_diagnostics(messages, "unknown.xml")
    assert [(d.code, d.message) for d in diagnostics] == [
        ("html.unknown-element", "element blorp has no rendering; its text is shown as is"),
        ("html.unknown-element", "element x:thing has no rendering; its text is shown as is"),
    ]
    assert all(d.severity is Severity.WARNING and d.line is None for d in diagnostics)
    assert doc.xpath("//div[contains(@class, 'tei-unknown')]"), "a block stays a block"


def test_known_constructs_give_no_messages(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    noisy = {name: m for name, (_, m) in pages.items() if m and name != "unknown"}
    assert noisy == {}


def test_url_allow_list(pages: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    doc = _doc("urls", pages)
    urls = doc.xpath("//div[@class='tei-text']//@href | //div[@class='tei-text']//@src")
    assert sorted(str(u) for u in urls) == [
        "#top",
        "HTTPS://example.org/b",
        "http://example.org/a",
        "images/a:b.png",
        # @target is a list of URLs: "java<tab>script:alert(3)" is "java" and "script:..."
        "java",
        "mailto:a@example.org",
        "page.html#x",
    ]
    text = " ".join(doc.xpath("string(//main)").split())
    for words in ("script link", "mixed case", "data link", "file link", "vb link", "tab inside"):
        assert words in text, "the words of a dropped link stay"
    assert "javascript" not in pages["urls"][0].lower()
    assert "data:image" not in pages["urls"][0]


def test_names_link_to_index_entries_with_cards(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    doc = _doc("names", pages)
    links = {a.text_content(): a.get("href") for a in doc.xpath("//a[contains(@class, 'name')]")}
    assert links["Ada"] == "persons.html#ada"
    assert links["London district"] == "places.html#soho"
    assert links["Royal Society"] == "organisations.html#rs"
    assert links["the exhibition"] == "entities.html#fair"
    for button in doc.xpath("//button[@popovertarget]"):
        target = doc.get_element_by_id(button.get("popovertarget"))
        assert target.get("popover") is not None
    card = doc.get_element_by_id("ed-card-ada")
    card_text = " ".join(card.text_content().split())
    assert "Ada Lovelace" in card_text and "1815-12-10–1852-11-27" in card_text
    hrefs = card.xpath(".//a/@href")
    assert "https://www.wikidata.org/wiki/Q7259" in hrefs
    assert "https://viaf.org/viaf/44463373" in hrefs
    london = doc.get_element_by_id("ed-card-london")
    assert london.xpath(".//a/@href")[:1] == ["https://www.geonames.org/2643743"]
    assert "javascript" not in html.tostring(london, encoding="unicode")
    unresolved = doc.xpath("//span[contains(@class, 'unresolved')]")
    assert [u.text_content() for u in unresolved] == ["Nobody"]
    date = doc.xpath("//a[contains(@class, 'date')]")[0]
    assert date.get("href") == f"timeline.html#{date.get('id')}"
    assert date.xpath("time/@datetime") == ["1843"]


def test_ids_are_unique_and_links_in_page_resolve(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    for name in set(CONSTRUCTS) - {"urls"}:  # urls points at ids it does not have
        doc = _doc(name, pages)
        ids = [str(i) for i in doc.xpath("//@id")]
        assert len(ids) == len(set(ids)), name
        for href in doc.xpath("//main//a/@href[starts-with(., '#')]"):
            assert href[1:] in ids, (name, href)


def test_footnotes_are_numbered_with_back_links(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    doc = _doc("notes", pages)
    refs = doc.xpath("//a[@role='doc-noteref']")
    assert [r.text_content() for r in refs] == ["1", "2", "*", "4"]
    for ref in refs:
        note = doc.get_element_by_id(ref.get("href")[1:])
        back = note.xpath(".//a[@role='doc-backlink']")[0]
        assert back.get("href") == "#" + ref.get("id")
    assert "A note in a note." in doc.get_element_by_id(refs[2].get("href")[1:]).text_content()


def test_languages_are_valid_tags(pages: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    doc = _doc("highlighting", pages)
    assert doc.xpath("//i[@class='foreign']/@lang") == ["fr", "la", "und"]
    assert doc.get("lang") == "en"


def test_cast_list_fields_do_not_run_together(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    page, _ = pages["verse-drama"]
    assert "HAMLETa prince" not in " ".join(page.split())
    assert '<span class="role">HAMLET</span>, <span class="roleDesc">a prince</span>' in page


def test_a_reference_holding_a_list_is_a_block_not_a_paragraph(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    page, _ = pages["biblio"]
    root = html.fromstring(page)
    nested = root.xpath("//div[contains(@class, 'bibl')]//ul//a/@href")
    assert nested == ["https://example.org/one", "https://example.org/two"]
    assert not root.xpath("//p//ul")
