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
from conftest import tei_text
from lxml import etree, html
from words import assert_words_preserved

from pipeline.build import build, load_corpus
from pipeline.builders.html import messages_to_diagnostics
from pipeline.diagnostics import Report, Severity
from pipeline.gate import read_document
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

#: What the build advises of an element without rendering (fallback.xsl).
UNKNOWN_ADVICE = (
    "; correct its name if it is misspelt, or render it with a stylesheet of your own "
    "([tool.edition] xslt: docs/customising.md)"
)


def render(name: str, source: Path | None = None) -> tuple[str, tuple[str, ...]]:
    """The reading page of fixture ``name`` (or of ``source``) and the messages of the
    stylesheet."""
    report = Report()
    corpus = load_corpus([source or DATA / f"{name}.xml"], report)
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
    parts = doc.xpath(
        "//main/article | //main/div[@class='note-popovers'] | //main/div[@class='entity-cards']"
    )
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
        (
            "html.unknown-element",
            "element blorp has no rendering; its text is shown as is" + UNKNOWN_ADVICE,
        ),
        (
            "html.unknown-element",
            "element x:thing has no rendering; its text is shown as is" + UNKNOWN_ADVICE,
        ),
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
    urls = doc.xpath(
        "//div[@class='tei-text']//@href[not(parent::a[@class='anchor'])]"
        " | //div[@class='tei-text']//@src"
    )
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
    assert "Ada Lovelace" in card_text and "10 December 1815 – 27 November 1852" in card_text
    hrefs = card.xpath(".//a/@href")
    assert "https://www.wikidata.org/wiki/Q7259" in hrefs
    assert "https://viaf.org/viaf/44463373" in hrefs
    london = doc.get_element_by_id("ed-card-london")
    assert london.xpath(".//a/@href")[:1] == ["https://www.geonames.org/2643743"]
    assert "javascript" not in html.tostring(london, encoding="unicode")
    unresolved = doc.xpath("//span[contains(@class, 'unresolved')]")
    assert [u.text_content() for u in unresolved] == ["Nobody"]
    date = doc.xpath("//a[contains(@class, 'date')]")[0]
    assert date.get("href") == f"timeline.html#date-names-{date.get('id')}"
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
    calls = doc.xpath("//button[@class='noteref']")
    assert [c.text_content() for c in calls] == ["1", "2", "*", "4"]
    for call in calls:
        # the call opens the note in a popover, which links to the note in its list ...
        popover = doc.get_element_by_id(call.get("popovertarget"))
        assert popover.get("popover") is not None and popover.get("role") == "dialog"
        note_id = call.get("id").removesuffix("-ref")
        assert popover.xpath(".//a/@href") == [f"#{note_id}"]
        # ... whose back link returns to the call
        note = doc.get_element_by_id(note_id)
        back = note.xpath(".//a[@role='doc-backlink']")[0]
        assert back.get("href") == "#" + call.get("id")
        assert back.text_content() == call.text_content()
    # (ids are locators: div 1, its first paragraph, its second note, the note in it)
    assert "A note in a note." in doc.get_element_by_id("div-1-p-1-note-2-note-1").text_content()
    # the notes are listed at the end of their section, under a heading
    section = doc.get_element_by_id("div-1")
    assert section.xpath("section[@class='footnotes']/h3/text()") == ["Notes"]
    # popovers repeat the words of the note but never its ids
    popovers = doc.xpath("//div[@class='note-popovers']")[0]
    copied = popovers.xpath(".//div[@class='note-popover-body']//@id")
    assert copied == []


def test_thousands_of_footnotes_are_listed_with_their_sections(tmp_path: Path) -> None:
    """A chapter of 3,000 paragraphs with a footnote each, beside a part whose chapters have
    headings: each chapter lists its own notes, numbered through the text. (Whether a div
    has headed divs inside was asked again for every note, scanning its children: 8 s for
    this chapter alone.)"""
    paragraphs = "".join(f"<p>Paragraph {n}<note>Note {n}.</note></p>" for n in range(3000))
    source = tmp_path / "many.xml"
    source.write_text(
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Many notes</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body>
<div xml:id="long"><head>Long</head>{paragraphs}</div>
<div xml:id="part"><head>Part</head><p>Before<note>In the part.</note></p>
  <div xml:id="ch"><head>Chapter</head><p>Inside<note>In the chapter.</note></p></div></div>
</body></text></TEI>""",
        encoding="utf-8",
    )
    report = Report()
    corpus = load_corpus([source], report)
    params = {"registers": XmlText(corpus.registers), "stem": "many", "messages": messages("en")}
    page = engine().stylesheet("html/page").transform(corpus.texts[0].normalized, params)
    doc = html.document_fromstring(page.output)
    listed = doc.xpath("//*[@id='long']/section[@class='footnotes']//li")
    assert len(listed) == 3000
    assert [a.text_content() for a in listed[0].xpath("a[@role='doc-backlink']")] == ["1"]
    assert listed[-1].xpath("a[@role='doc-backlink']")[0].text_content() == "3000"
    # a part with headed chapters lists nothing itself: its note goes to the end of the text
    assert doc.xpath("//*[@id='part']/section[@class='footnotes']") == []
    chapter = doc.xpath("//*[@id='ch']/section[@class='footnotes']//li")
    assert [li.xpath("string(.//div)").strip() for li in chapter] == ["In the chapter."]
    (end,) = doc.xpath("//section[@class='footnotes'][@aria-labelledby='ed-notes-title']")
    assert "In the part." in end.text_content()


def test_a_letters_untitled_divisions_list_their_notes_once_after_the_letter(
    tmp_path: Path,
) -> None:
    """Probe 46: a letter of two hands (the Tillich letter L00058: <div
    type="ersteHandschrift">, <div type="zweiteHandschrift">, no head) listed the first
    hand's notes between the hands. Untitled divisions of one text are parts of it: their
    notes are one list after the text, numbered through; a headed chapter keeps its own list
    and takes in the notes of its untitled parts, and an untitled division among headed ones
    (a preface beside chapters) keeps its own."""
    source = tmp_path / "hands.xml"
    source.write_text(
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Two hands</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body>
<div xml:id="first" type="firstHand"><p>Father writes<note>On the father.</note>.</p></div>
<div xml:id="second" type="secondHand"><p>Mother adds<note>On the mother.</note>.</p></div>
</body><back>
<div xml:id="preface"><p>Untitled<note>In the preface.</note></p></div>
<div xml:id="ch"><head>Chapter</head><div xml:id="part"><p>Part<note>In the part.</note></p>
</div></div></back></text></TEI>""",
        encoding="utf-8",
    )
    doc = html.document_fromstring(render("hands", source)[0])
    lists = [
        (s.getparent().get("id") or "end", [" ".join(li.xpath("string(.//div)").split())
                                            for li in s.xpath("ol/li")])
        for s in doc.xpath("//section[@class='footnotes']")
    ]  # fmt: skip
    assert lists == [
        ("preface", ["In the preface."]),
        ("ch", ["In the part."]),
        ("end", ["On the father.", "On the mother."]),
    ]


def test_languages_are_valid_tags(pages: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    doc = _doc("highlighting", pages)
    # a three-letter code is the two-letter one where ISO 639-1 has it (tam: ta), else kept
    # as it is (chr, Cherokee: it was "und" before probe 15)
    assert doc.xpath("//i[@class='foreign']/@lang") == ["fr", "la", "und", "chr", "ta"]
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


# -- word boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONSTRUCTS)
def test_words_are_preserved_in_order(
    name: str, pages: dict[str, tuple[str, tuple[str, ...]]], tmp_path: Path
) -> None:
    page = tmp_path / f"{name}.html"
    page.write_text(pages[name][0], encoding="utf-8")
    source = DATA / f"{name}.xml"
    result = read_document(source)
    assert result.document is not None
    assert_words_preserved(source, result.document.root, page)


def test_adjacent_tokens_are_words_apart_and_breaks_join(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    doc = _doc("words", pages)
    for pilcrow in doc.xpath("//p/a[@class='anchor']"):
        pilcrow.drop_tree()

    def text(xpath: str) -> str:
        return " ".join(str(doc.xpath(f"string({xpath})")).split())

    assert text("//p[@id='tokens']") == "Who's there? Nay, answer me: “stand” and sunshine undone."
    assert text("//p[@id='segs']") == "Verlag Die Fackel Wien and Ada Byron."
    assert [text(f"(//div[@class='u'])[{n}]") for n in (1, 2)] == [
        "a the passing truck",
        "b you",
    ]
    assert text("//p[@id='address']") == "1 Dorset Street Marylebone"
    breaks = doc.xpath("//p[@id='breaks']")[0]
    # the reading view: page numbers and what only the diplomatic view shows left out
    for hidden in breaks.xpath(".//*[@class='pb-n'] | .//*[contains(@class, 'ed-dipl')]"):
        hidden.drop_tree()
    assert " ".join(breaks.text_content().split()) == (
        "hyphen-ated and splitword, passing truck, one. line break and column break."
    )
    assert text("//p[@id='stage']") == "Yes quietly no."
    # a w of punctuation alone joins the word before it as a pc does, and an elided word
    # ("D'", "l’") the word after it, when the source writes no space between them
    # (Transkribus exports of court records tag every token w)
    assert (
        text("//p[@id='w-punct']")
        == "Sitting of the court, between D'une part; l’autre. Then (aside) The dogs' tails."
    )


def test_layout_inside_a_choice_is_no_space_of_the_plain_words(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """A pretty-printed choice inside a word ("Will<choice> <expan>elm</expan> ...
    </choice>us") is one word in the contents, as on the page (it was "Will elm us")."""
    doc = _doc("words", pages)
    toc = [" ".join(a.text_content().split()) for a in doc.xpath("//nav[@class='toc']//a")]
    assert "Grant of Willelmus" in toc, toc


def test_the_marks_of_other_scripts_join_their_tokens(tmp_path: Path) -> None:
    """Probe 127 (the Open Siddur's Genesis as w and pc, one token a line): the marks of
    other scripts stood apart from their words ("הָאָֽרֶץ ׃", "قال ، نعم ؟", "λέγει ·"), the
    maqaf between two words, and the tokens of a Chinese text one a line were spaced
    ("天地 ， 玄黃 。")."""
    lines = {
        "he": ("עַל", "־", "פְּנֵ֥י", "׃"), "ar": ("قال", "،", "نعم", "؟"),
        "grc": ("λέγει", "·", "τί", ";"), "zh": ("天地", "，", "玄黃", "。"),
        "la": ("DIS", "·", "MANIBVS", "."),
    }  # fmt: skip
    body = "".join(
        f'<p xml:lang="{lang}"><s>\n <w>{a}</w>\n <pc>{b}</pc>\n <w>{c}</w>\n <pc>{d}</pc>\n'
        "</s></p>"
        for lang, (a, b, c, d) in lines.items()
    )
    body += "<p><s>\n <w>λέγει</w>\n <pc>·</pc>\n <w>καὶ</w>\n</s></p>"  # no language
    doc = _render_text(tmp_path, "marks", tei_text(body))
    shown = [" ".join(p.text_content().split()) for p in doc.xpath("//div[@class='tei-text']//p")]
    # a Latin inscription's interpunct parts its words (probe 130)
    assert shown == ["עַל־פְּנֵ֥י׃", "قال، نعم؟", "λέγει· τί;", "天地，玄黃。", "DIS · MANIBVS.",
                     "λέγει· καὶ"], shown  # fmt: skip
    # (a Greek word's dot in a text of no language joins it, by its script: probe 131)
    # tokens written against each other: no space after a full-width mark either, in the
    # page and in the plain words (probe 132: "天地， 玄黃。")
    doc = _render_text(
        tmp_path,
        "unspaced",
        tei_text('<p xml:lang="zh"><w>天地</w><pc>，</pc><w>玄黃</w><pc>。</pc><w>宇宙</w></p>'
                 '<p xml:lang="en"><w>so</w><pc>,</pc><w>then</w></p>'
                 # Korean parts its words written in Hanja, Tibetan after its mark (probe 137)
                 '<p xml:lang="ko"><w>大韓民國</w><w>憲法</w><pc>。</pc><w>第一條</w></p>'
                 '<p xml:lang="bo"><w>བཀྲ་ཤིས</w><pc>།</pc><w>ཁྱེད་རང</w></p>'),
    )  # fmt: skip
    shown = [" ".join(p.text_content().split()) for p in doc.xpath("//div[@class='tei-text']//p")]
    assert shown == ["天地，玄黃。宇宙", "so, then", "大韓民國 憲法。 第一條", "བཀྲ་ཤིས། ཁྱེད་རང"], (
        shown
    )


def test_a_mark_after_a_phrase_laid_out_on_lines_joins_it(tmp_path: Path) -> None:
    """Probe 123 (TEI Lex-0's examples: <form> newline <orth>abeceda</orth> newline </form>
    <pc>,</pc>): the layout ending the form stood before the comma, "abeceda ,"."""
    doc = _render_text(
        tmp_path,
        "lex",
        tei_text(
            '<entry xml:id="e1"><form type="lemma">\n  <orth>abeceda</orth>\n</form>\n'
            '<pc>,</pc>\n<gramGrp><gram type="pos">noun</gram></gramGrp></entry>'
        ),
    )
    (entry,) = doc.xpath("//div[contains(@class, 'dict-entry')]")
    assert " ".join(entry.text_content().split()) == "abeceda, noun"


def test_punctuation_on_a_line_of_its_own_joins_its_token(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 21 (charters written one token per line): "<w>Stephanus</w>" newline
    "<pc>,</pc>" read "Stephanus , dei gratia" on the page and in the contents. A mark that
    closes (or opens) its token joins it; a dash and quotation marks keep the file's spaces
    (they open in one language and close in another), and so does French before ; : ! ?."""
    doc = _doc("words", pages)

    def text(xpath: str) -> str:
        for pilcrow in doc.xpath("//p/a[@class='anchor']"):
            pilcrow.drop_tree()
        return " ".join(str(doc.xpath(f"string({xpath})")).split())

    assert text("//p[@id='pc-lines']") == "Stephanus, dei gratia (rex) – ut “ dicitur ”."
    assert text("//p[@id='pc-lines-fr']") == "Vraiment ? Oui, hélas !"
    toc = [" ".join(a.text_content().split()) for a in doc.xpath("//nav[@class='toc']//a")]
    assert "Carta, anno [1200]" in toc, toc


# -- drama and verse -------------------------------------------------------------------------


def test_cast_list_is_a_headed_list_in_the_contents(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    doc = _doc("drama", pages)
    cast = doc.xpath("//section[@class='castList']")[0]
    assert cast.xpath("h2/text()") == ["Dramatis Personae"]
    items = [" ".join(li.text_content().split()) for li in cast.xpath("ul/li")]
    assert items[0] == "HAMLET, Prince of Denmark, son of the late King Hamlet — Mr. Burbage"
    assert items[1] == "HORATIO, friend to Hamlet"
    group = cast.xpath("ul/li[@class='castGroup']")[0]
    assert group.xpath(".//span[contains(@class, 'group-desc')]/text()") == ["of the watch"]
    assert group.xpath(".//li/span[@class='role']/text()") == ["MARCELLUS", "BERNARDO"]
    toc = doc.xpath("//nav[@class='toc']//a")
    assert toc[0].text_content() == "Dramatis Personae" and toc[0].get("href") == "#" + cast.get(
        "id"
    )


def test_parts_of_an_epigraphic_edition_without_heads_are_named(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """EpiDoc's divs (edition, translation, commentary ...) rarely have a head: each is a
    section headed by its type, in the page and in its contents; a textpart inside is not."""
    doc = _doc("epidoc", pages)
    heads = doc.xpath("//article//h2[contains(@class, 'part-title')]/text()")
    assert heads == ["Edition", "Translation", "Commentary", "Bibliography"]
    toc = [(a.text_content(), a.get("href")) for a in doc.xpath("//nav[@class='toc']//a")]
    sections = doc.xpath("//article//section[h2[contains(@class, 'part-title')]]/@id")
    assert toc == list(zip(heads, ["#" + i for i in sections], strict=True))


def test_gaps_of_an_edition_division_take_the_leiden_signs(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Lost characters are dots in square brackets, illegible ones dots without; more than
    eight, a rough count or an unknown number are written out; lost and illegible lines are
    said in words. Outside an edition division a gap is "[…]" and an abbr no "( )"."""
    doc = _doc("leiden", pages)
    edition, translation = doc.xpath("//article//section[contains(@class, 'div')]")
    signs = [s.text_content() for s in edition.xpath(".//span[contains(@class, 'gap')]")]
    assert [s.split(" omitted")[0] for s in signs] == [
        "[.]", "[....]", "..", "– ca. 12 –", "[– ca. 9 –]", "[– ca. 5 –]", "[– ca. 11–15 –]",
        "– ca. ? –", "[– – –]", "[1 line lost]", "[ca. 7 lines lost]",
        "traces of 2–3 lines", "– – – – – –", "[…",
    ]  # fmt: skip
    assert "(vestiges)" in signs[11]
    # the words the interface adds to a Greek division are marked as its own
    (label,) = edition.xpath(".//span[contains(@class, 'gap')][10]/span[@class='sign']")
    assert (label.get("lang"), label.get("dir")) == ("en", "ltr")
    assert edition.xpath("h2")[0].get("lang") == "en"
    assert [a.text_content() for a in edition.xpath(".//abbr[not(parent::*[@class='expan'])]")] == [
        "στρατηγ( )",
        "λ( )(?)",
    ]
    assert [a.text_content() for a in translation.xpath(".//abbr")] == ["Dr."]
    assert translation.xpath(".//span[@class='gap']")[0].text_content().startswith("[…")


def test_a_title_in_another_language_is_marked_with_its_direction(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    (h1,) = _doc("title-language", pages).xpath("//article//h1")
    assert (h1.get("lang"), h1.get("dir"), h1.text_content()) == ("ar", "rtl", "رسالة في الحب")
    (plain,) = _doc("letter", pages).xpath("//article//h1")
    assert plain.get("lang") is None and plain.get("dir") is None


def test_speeches_stage_directions_and_split_lines(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    doc = _doc("drama", pages)
    # a direction after the speaker runs on in the speaker's line
    line = doc.xpath("//p[@class='speaker-line'][i]")[0]
    assert " ".join(line.text_content().split()) == "MARCELLUS aside"
    # a prose speech starts in the speaker's line: no empty line before it
    prose = doc.xpath("//div[contains(@class, 'sp prose')]/p")[0]
    assert prose.xpath("span[@class='speaker']/text()") == ["BOTH"]
    # the parts of a split line carry the words before them, to be stepped
    parts = doc.xpath("//div[contains(@class, 'part-')]")
    assert [(p.get("class"), p.get("data-before")) for p in parts] == [
        ("l part-i", None),
        ("l part-m", "Stand, and unfold"),
        ("l part-f", "Stand, and unfold yourself."),
    ]
    assert doc.xpath("//p[contains(@class, 'stage')]/@class") == [
        "stage type-setting",
        "stage",
        "stage type-exit",
    ]


def test_line_numbers_every_fifth_line(pages: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    drama = _doc("drama", pages)
    # counted per scene (the split line counts once), or the trailing number of l/@n
    assert drama.xpath("//a[@class='l-n']/text()") == ["5", "130"]
    verse = _doc("verse", pages)
    # counted per poem (stanzas side by side in a div are one poem); verse quoted in prose
    # is not numbered
    assert verse.xpath("//a[@class='l-n']/text()") == ["5", "10", "5", "5"]
    assert verse.xpath("//a[@class='l-n']/../text()")[-1] == "a five"
    assert verse.xpath("//a[@class='l-n']/@aria-hidden") == ["true"] * 4
    # issue 11: the number links to its line, numbered in the source or not, so that the
    # number a reader sees gives the line's address (out of the tab order, as it is hidden)
    for page in (drama, verse):
        for number in page.xpath("//a[@class='l-n']"):
            line = number.getparent()
            assert line.get("class").split()[0] == "l" and line.get("id")
            assert number.get("href") == "#" + line.get("id") and number.get("tabindex") == "-1"
    assert drama.xpath("//a[@class='l-n'][. = '130']/@href") == ["#l-1.2.130"]


def test_speakers_are_set_off_from_the_text(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    page, _ = pages["verse-drama"]
    assert "HAMLETa prince" not in " ".join(page.split())


# -- notes -----------------------------------------------------------------------------------


def test_a_note_in_the_margin_between_stanzas_is_a_margin_note(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 18 (a Whitman manuscript: the author's words in the left margin beside a stanza,
    note place="left" between two lg): it was set off as a note between the stanzas, as an
    editor's note standing apart is."""
    doc = _doc("notes-apart", pages)
    (note,) = doc.xpath("//*[contains(@class, 'type-authorial')]")
    assert note.tag == "aside" and "margin-note" in note.get("class").split()
    assert note.text_content() == "Words in the left margin"
    # a note of the list of notes stays an entry of it
    assert "note-entry" in doc.get_element_by_id("n3").get("class").split()


def test_notes_standing_apart_are_called_and_link_back(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    doc = _doc("notes-apart", pages)
    ids = {str(i) for i in doc.xpath("//@id")}
    calls = doc.xpath("//button[@class='noteref']")
    for call in calls:
        assert call.get("popovertarget") in ids
    # the ref's own words are the call; each pointer has its own id to come back to
    refs = doc.xpath("//button[starts-with(@id, 'n1-ref')]")
    assert [(r.get("id"), r.text_content()) for r in refs] == [
        ("n1-ref", "[1]"),
        ("n1-ref-2", "[1]"),
    ]
    n1 = doc.get_element_by_id("n1")
    assert n1.xpath(".//a[@role='doc-backlink']/@href") == ["#n1-ref", "#n1-ref-2"]
    assert doc.get_element_by_id("n2").xpath(".//a[@role='doc-backlink']/text()") == ["ii"]
    # a note with @target is called after what it annotates
    assert doc.xpath("//*[@id='a1']/following-sibling::*[1]/@popovertarget") == ["n4-pop"]
    assert doc.xpath("//*[@id='s1']/following-sibling::*[1]/@popovertarget") == ["n5-pop"]
    # nothing calls n3: it links to itself
    assert doc.get_element_by_id("n3").xpath(".//a/@href") == ["#n3"]
    # the div of notes gets a heading; margin and inline notes stay where they are
    assert doc.xpath("//section[contains(@class, 'type-notes')]/h2/text()") == ["Notes"]
    # (a space at its edges: probe 100, "endmargin" to what reads the page as text)
    assert doc.xpath("//span[contains(@class, 'margin-note')]/text()") == [" In the margin. "]
    assert " ".join(doc.xpath("string(//span[contains(@class, 'note-inline')])").split()) == (
        "(inline words)"
    )
    # footnotes are listed with their chapter, endnotes at the end of the text
    lists = [
        (s.getparent().get("id") or "end", s.xpath("ol/li/@id"))
        for s in doc.xpath("//section[@class='footnotes']")
    ]
    assert lists == [
        ("div-1", ["div-1-p-1-note-1"]),
        ("div-2", ["div-2-p-1-note-1"]),
        ("end", ["div-1-p-1-note-2"]),
    ]
    popover = doc.get_element_by_id("div-2-p-1-note-1-pop")
    # notes apart are numbered where their calls stand, in the order of the text (3 and 4 in
    # chapter one, before the editorial note of chapter two)
    assert popover.xpath("string(p[@class='note-popover-title'])") == "Editorial note 5"
    assert [doc.get_element_by_id(f"{n}-ref").text_content() for n in ("n4", "n5")] == ["3", "4"]
    # a passage (@target to @targetEnd) is called where it ends; a paragraph at its end,
    # inside it, before its own link
    assert doc.xpath("//*[@id='r2']/following-sibling::*[1]/@popovertarget") == ["n6-pop"]
    (paragraph,) = doc.xpath("//p[@id='p-range']")
    assert [c.get("popovertarget") or c.get("class") for c in paragraph[-2:]] == [
        "n7-pop",
        "anchor",
    ]


# -- letters and headers ---------------------------------------------------------------------


def test_letter_head_and_parts(pages: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    doc = _doc("letter", pages)
    assert doc.xpath("string(//h1)") == "Ada to Charles, 5 January 1843"
    assert doc.xpath("string(//header//p[@class='series'])") == "Letters of Ada"
    head = doc.xpath("//div[@class='letter-head']")[0]
    rows = [
        (" ".join(dt.text_content().split()), " ".join(dt.getnext().text_content().split()))
        for dt in head.xpath(".//dt")
    ]
    assert rows == [
        ("From", "Ada Lovelace, London, 5 January 1843"),
        ("To", "Charles Babbage, Marylebone"),
        ("Received", "6 January 1843"),  # <date when="1843-01-06"/>: written in words
        # an action of the edition's own vocabulary says its type (it said "Also")
        ("Received copy", "Mary Somerville"),
    ]
    assert head.xpath(".//a[@rel='external']/@href") == ["https://example.org/letters/L003.xml"]
    lines = doc.xpath("//div[@class='address']/span[@class='addrLine']/text()")
    assert lines == ["Charles Babbage Esq.", "1 Dorset Street", "Marylebone"]
    for part in ("opener", "closer", "postscript"):
        assert doc.xpath(f"//div[@class='{part}']"), part
    assert doc.xpath("//p[@class='signed']/text()") == ["A. A. L."]
    legacy = _doc("letter-legacy", pages)
    rows = [" ".join(dd.text_content().split()) for dd in legacy.xpath("//dl/dd")]
    assert rows == ["Bahr, Hermann, Wien, 20. 3. 1897", "Fischer, Samuel, [Berlin]"]


def test_header_names_are_names_only(pages: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    doc = _doc("header", pages)
    assert doc.xpath("string(//p[@class='authors'])") == "William Shakespeare"
    assert "Q692" not in pages["header"][0] and "1564" not in pages["header"][0]
    assert doc.xpath("string(//p[@class='revised']/time/@datetime)") == "2021-03-04"
    source = " ".join(doc.xpath("string(//p[@class='source'])").split())
    assert source == (
        "First edition: William Shakespeare. Hamlet. Tom Translator (trans.). "
        "London: Nicholas Ling, 1603. "
        "https://example.org/q1"
    )
    drama = _doc("drama", pages)
    assert drama.xpath("string(//p[@class='authors'])") == "William Shakespeare"


def test_mathml_passes_through_without_scripts(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    page, _ = pages["mathml"]
    assert "<math" in page and "onclick" not in page and "javascript" not in page
    assert "not this" not in page  # annotation-xml may carry HTML: left out
    doc = _doc("mathml", pages)
    # a formula in TeX is drawn as MathML, its source kept as the math's alttext
    (tex,) = doc.xpath("//*[local-name() = 'math'][@alttext]")
    assert tex.get("alttext") == "a^2 + b^2 = c^2"
    assert tex.xpath("count(.//*[local-name() = 'msup'])") == 3


def test_unknown_elements_in_running_text_are_spans(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    doc = _doc("unknown", pages)
    # no block inside a paragraph or a span, however the source nests them
    assert doc.xpath("//p//div | //p//p | //span//div | //span//p") == []
    inner = doc.xpath("//span[contains(@class, 'tei-blorp')]/span[contains(@class, 'p')]")
    assert [i.get("class") for i in inner] == ["p block", "p block"]


@pytest.mark.slow
def test_nu_checker_accepts_every_construct(
    pages: dict[str, tuple[str, tuple[str, ...]]], tmp_path: Path
) -> None:
    from test_html import nu_errors

    paths = []
    for name, (page, _) in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    assert nu_errors(paths) == []


def test_homograph_numbers_follow_their_headword(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """A homograph number on hom/@n leads its part of the entry; one on entry/@n (TEI Lex-0)
    is raised after the entry's first headword only ("lead¹", "lead²", not "leed²")."""
    doc = _doc("dictionary-glyphs", pages)
    raised = [
        (sup.getprevious().text_content(), sup.text_content())
        for sup in doc.xpath("//article//sup[@class='hom-n']")
    ]
    assert raised == [("lead", "1"), ("lead", "2")]
    homs = [
        s.text_content()
        for s in doc.xpath("//article//*[contains(@class, 'dict-hom')]/span[@class='hom-n']")
    ]
    assert homs == ["1", "2"]


def test_an_apparatus_attached_by_end_points_links_both_ways(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """An entry of a listApp with @from/@to is numbered and leads back to where its words
    begin; the anchor where they end carries the same number, a link to the entry; a volume
    milestone between blocks says what it counts; a language given by its name is tagged."""
    doc = _doc("apparatus-attached", pages)
    calls = [(a.get("href"), a.text_content()) for a in doc.xpath("//p//a[@class='app-ref']")]
    # the entry listed first is called last: it is numbered by its call (probe 52: the calls
    # read "2 3 1"), and the list keeps the editor's order
    assert calls == [("#app-at-a1", "1"), ("#second", "2"), ("#app-at-a5", "3")]
    entries = doc.xpath("//ul[@class='listApp']/li")
    assert [
        (li.get("id"), li.xpath("string(a[@class='app-back']/@href)"), li.xpath("string(a)"))
        for li in entries
    ] == [("app-at-a5", "#a5", "3"), ("app-at-a1", "#a1", "1"), ("second", "#a3", "2")]
    ids = set(doc.xpath("//@id"))
    assert {"a1", "a3", "app-at-a1", "second"} <= ids
    assert doc.xpath("string(//p[@class='milestone numbered'])") == "Volume 1"
    assert doc.xpath("//p[. = 'Ein Satz.' or starts-with(., 'Ein Satz.')]/@lang") == ["de"]


def test_an_item_of_a_description_reads_its_paragraphs_and_skips_empty_fields(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 15 (a Genizah record): an empty author took a comma ("ff. 21a–30b , Hymns"), an
    item's paragraph was a field labelled "P", and a paragraph field's dd had its id too."""
    doc = _doc("manuscript", pages)
    (head,) = doc.xpath("//li[@class='msItem'][.//cite = 'Hymns']/p[@class='ms-item-head']")
    assert " ".join(head.text_content().split()) == "Foll. 21–30 Hymns"
    (item,) = doc.xpath("//li[@class='msItem'][p/span[@class='ms-n'] = 'a.']")
    assert not item.xpath(".//dt")
    assert " ".join(item.xpath("string(p[@class='p'])").split()) == (
        "(f. 22a) a hymn for the evening."
    )
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


def _render_text(tmp_path: Path, name: str, tei: str) -> html.HtmlElement:
    """The reading page of a TEI document written inline (a scenario of its own)."""
    source = tmp_path / f"{name}.xml"
    source.write_text(tei, encoding="utf-8")
    report = Report()
    corpus = load_corpus([source], report)
    assert not report.errors, [d.message for d in report.diagnostics]
    params = {"registers": XmlText(corpus.registers), "stem": name, "messages": messages("en")}
    page = engine().stylesheet("html/page").transform(corpus.texts[0].normalized, params)
    return html.document_fromstring(page.output)


def _assert_words_kept(tmp_path: Path, name: str, doc: html.HtmlElement) -> None:
    """The tests' words check (tests/words.py) on a page of ``_render_text``: the page shows
    the words of ``name``.xml in order, none joined, none split."""
    page = tmp_path / f"{name}.html"
    page.write_text(html.tostring(doc, encoding="unicode"), encoding="utf-8")
    source = read_document(tmp_path / f"{name}.xml").document
    assert source is not None
    assert_words_preserved(tmp_path / f"{name}.xml", source.root, page)


def test_a_word_laid_out_on_lines_is_one_word(tmp_path: Path) -> None:
    """Probe 118 (EpiDoc's IRT087): a w whose expansion was laid out on lines of its own read
    "t rib (unicia)" on the page, in the book and the search. A w is one word (Guidelines
    17.1): the newlines and indents between its parts are layout; a space on a line, and
    xml:space="preserve", are kept."""
    doc = _render_text(
        tmp_path,
        "w-layout",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Words</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><ab xml:id="a">
  <w lemma="tribunicius">
    <expan>
      <supplied reason="lost">
        <abbr>t</abbr>
      </supplied>
      <abbr>rib</abbr>
      <ex>unicia</ex>
    </expan>
  </w>
  <w>p<supplied reason="lost">otestate</supplied></w>
  <w><seg>New</seg> <seg>York</seg></w> <w xml:space="preserve"><seg>a</seg>
<seg>b</seg></w></ab></body></text></TEI>""",
    )
    words = " ".join(doc.xpath("string(//*[@id='a'])").split())
    assert words == "[t]rib(unicia) p[otestate] New York a b", words


def test_the_last_revision_is_the_latest_date_that_is_one(tmp_path: Path) -> None:
    """Probe 118 (EpiDoc's IRT087): "Last revised 2009-14-01", a thirteenth month and more,
    was taken for the latest date, and the dates with a time zone were passed over."""
    doc = _render_text(
        tmp_path,
        "revised",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>R</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc><revisionDesc><change when="2009-06-27">a</change>
<change when="2009-14-01">b</change><change when="2009-08-24+01:00">c</change>
</revisionDesc></teiHeader><text><body><p>Words.</p></body></text></TEI>""",
    )
    assert [t.get("datetime") for t in doc.xpath("//p[contains(., 'revised')]/time")] == [
        "2009-08-24"
    ]


def test_a_milestone_between_lines_is_a_label_out_of_the_search(tmp_path: Path) -> None:
    """Probe 118 (Perseus' Iliad: milestone unit="card" between verse lines): "Card 1" was a
    paragraph of the search index ("Book 1. Card 1. μῆνιν"), in the Greek of its section.
    A milestone's label is the edition's, out of the search; a unit the interface names
    is said in the interface's language."""
    doc = _render_text(
        tmp_path,
        "cards",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Iliad</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text xml:lang="grc"><body><div type="book"
n="1"><milestone unit="card" n="1"/><l n="1">μῆνιν ἄειδε θεὰ</l><milestone unit="section"
n="2"/><l n="2">οὐλομένην</l></div></body></text></TEI>""",
    )
    card, section = doc.xpath("//*[contains(@class, 'milestone')]")
    assert card.get("data-pagefind-ignore") == "" and section.get("data-pagefind-ignore") == ""
    assert section.get("lang") == "en" and card.get("lang") != "en"


def test_a_collation_of_tokens_cites_its_lemma_and_bare_sigla_as_written(
    tmp_path: Path,
) -> None:
    """Probe 34 (a New Testament collation): a lemma of w elements was cited without its
    spaces ("intheEphesians ]"); a bare siglum with a slash (a commentary manuscript's
    second hand, wit="1910/2") was cut to "2"; a witDetail holding only the editor's
    certainty read "vg: " with its type lost; a note of nothing but the readings' relations
    was an empty pair of brackets; and an empty lemma before the text's first word was
    placed "post" the last word of the interpGrp's descriptions, never shown."""
    doc = _render_text(
        tmp_path,
        "collation",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Collation</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><listWit><witness n="A"/><witness n="B/2"/><witness n="vg"/></listWit>
</sourceDesc></fileDesc></teiHeader><text>
<interpGrp type="rating"><interp xml:id="sure"><p>The reading is sure.</p></interp></interpGrp>
<body><p><app><lem/><rdg n="1" wit="A"><w>to</w><w>the</w></rdg><rdg n="2" wit="B/2"/></app>
<app><lem><w>saints</w><w>in</w><w>Ephesus</w></lem><rdg n="1" wit="A"><w>saints</w><w>in</w>
<w>Ephesus</w></rdg><rdg n="2" wit="B/2"><w>saints</w></rdg>
<witDetail n="W" type="ambiguous" target="1 2" wit="vg"><certainty target="1" locus="value"
 degree="0.5"/></witDetail>
<note><listRelation><relation active="1" passive="2" ana="#sure"/></listRelation></note>
</app></p></body></text></TEI>""",
    )
    entries = [" ".join(li.text_content().split()) for li in doc.xpath("//li[@class='app-entry']")]
    assert entries == [
        "1 ante saints ] to the A; om. B/2",
        # the readings an ambiguous witness may have (its @target, by their @n): 4 December
        "2 saints in Ephesus ] saints in Ephesus A; saints B/2"
        " — vg ambiguous (saints in Ephesus / saints)",
    ]
    assert not doc.xpath("//span[@class='app-note']")
    # the reading text is the lemma's, its words apart
    (p,) = doc.xpath("//div[@class='tei-text']//p[.//a[@class='app-ref']]")
    for call in p.xpath(".//a[@class='app-ref'] | .//a[@class='anchor']"):
        call.drop_tree()
    assert " ".join(p.text_content().split()) == "saints in Ephesus"


def test_a_lemma_is_quoted_as_the_text_reads_it(tmp_path: Path) -> None:
    """Probe 59: a lemma holding a deletion and an addition was quoted "fourteenfifteen" (the
    deleted word kept, run into the added one); a gap in a lemma was lost ("ein Wort") and
    supplied words lost their brackets ("ten eleven"). An abbreviation's title left out its
    marks ("abbreviated: Frankf" for Frankf<am>.</am>), an empty correction's said nothing
    ("corrected:"); a page break of a witness inside its
    reading was the text's page ("p. 72r", in the book's page list too)."""
    doc = _render_text(
        tmp_path,
        "lemmas",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Lemmas</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><listWit><witness xml:id="A">A</witness><witness xml:id="B">B</witness>
</listWit></sourceDesc></fileDesc></teiHeader><text><body><p>
<app><lem wit="#A"><del rend="strikethrough">fourteen</del><add place="above">fifteen</add>
</lem><rdg wit="#B">sixteen</rdg></app>
<app><lem wit="#A">ein <gap reason="lost" quantity="1" unit="word"/> Wort</lem>
<rdg wit="#B">ein langes Wort</rdg></app>
<app><lem wit="#A">ten <supplied reason="omitted">eleven</supplied></lem>
<rdg wit="#B">twelve</rdg></app>
<app><lem wit="#A">one two three four <supplied>five</supplied></lem><rdg wit="#B">six</rdg></app>
<app><lem wit="#A">thirteen</lem><rdg wit="#B"><pb ed="#B" n="72r"/>twelve</rdg></app>
in <choice><abbr>Frankf<am>.</am></abbr><expan>Frankf<ex>urt</ex></expan></choice>
<choice><sic>n</sic><corr/></choice>.
</p></body></text></TEI>""",
    )
    lemmas = [
        " ".join(e.text_content().split())
        for e in doc.xpath("//li[@class='app-entry']//span[@class='app-lemma']")
    ]
    assert lemmas[0] == "fifteen"
    assert lemmas[2] == "ten ⟨eleven⟩"
    assert lemmas[3] == "one … five"
    (gap,) = doc.xpath("//li[@class='app-entry'][2]//span[@class='app-lemma']")
    assert gap.xpath(".//*[contains(@class, 'gap')]"), html.tostring(gap)
    assert gap.text_content().split()[0] == "ein" and gap.text_content().split()[-1] == "Wort"
    titles = doc.xpath("//*[@title]/@title")
    assert "abbreviated: Frankf." in titles, titles
    assert "corrected: (nothing)" in titles, titles
    # a witness's leaf turning in its reading is that witness's, not the text's page
    breaks = doc.xpath("//span[contains(@class, 'pb-secondary')]/span[@class='pb-n']")
    assert [b.text_content() for b in breaks] == ["B 72r"]
    assert not doc.xpath("//span[@class='pb']")


def test_an_entry_apart_attached_at_a_point_says_where_its_reading_stands(
    tmp_path: Path,
) -> None:
    """Probe 59: an entry of a listApp attached at an anchor (@from alone) with no lemma read
    "4 et quaedam pereunt Q", an addition or a replacement the reader could not tell. It is
    placed as an empty lemma in the text is, after the word before the point."""
    doc = _render_text(
        tmp_path,
        "point",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Point</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><listWit><witness xml:id="Q">Q</witness></listWit></sourceDesc></fileDesc>
<encodingDesc><variantEncoding method="double-end-point" location="external"/></encodingDesc>
</teiHeader><text><body><p>Quaedam effluunt.<anchor xml:id="a5"/> Tempora <anchor xml:id="b"/>
eripiuntur.</p></body><back><listApp><app from="#a5"><rdg wit="#Q">et quaedam pereunt</rdg>
</app><app from="#b" to="#b"><rdg wit="#Q">nobis</rdg></app></listApp></back></text></TEI>""",
    )
    entries = [" ".join(li.text_content().split()) for li in doc.xpath("//li[@class='app-entry']")]
    assert entries == ["1 post effluunt ] et quaedam pereunt Q", "2 post Tempora ] nobis Q"]


def test_a_group_of_witnesses_is_cited_by_its_siglum_without_its_gloss(tmp_path: Path) -> None:
    """Probe 59: a group of witnesses without @n, headed "β (the Yorkshire group)", was cited
    by its whole heading after every reading; its siglum is the heading's words before the
    bracket, the heading its title."""
    doc = _render_text(
        tmp_path,
        "group",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Group</title><editor xml:id="ed">Ed Itor</editor></titleStmt><publicationStmt>
<p>Test.</p></publicationStmt>
<sourceDesc><listWit><witness xml:id="A">A</witness><listWit xml:id="g"><head>β (the
Yorkshire group)</head><witness xml:id="C">C</witness><witness xml:id="D">D</witness></listWit>
</listWit></sourceDesc></fileDesc></teiHeader><text><body><p>
<app><lem wit="#A">whiche</lem><rdg wit="#g">that</rdg></app>
<app><lem wit="#ed">wit</lem><rdg wit="#A">wyt</rdg></app></p></body></text></TEI>""",
    )
    entries = [" ".join(e.text_content().split()) for e in doc.xpath("//li[@class='app-entry']")]
    # and the editor an emendation is owed to by name, not by id (probe 63: "ed")
    assert entries == ["1 whiche A ] that β", "2 wit Ed Itor ] wyt A"]


def test_a_stanzas_number_stands_in_its_margin(tmp_path: Path) -> None:
    """Probe 58: stanza numbers (lg/@n) were shown nowhere. A stanza of lines shows its number
    before its first line, a marker like a line's number (not read, not searched, not
    copied); a stanza with a heading, a poem's group of stanzas and a refrain without @n show
    none. The refrain keeps its type for the style sheet."""
    doc = _render_text(
        tmp_path,
        "ballad",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Ballad</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>
<lg type="poem" n="7"><lg type="stanza" n="1"><l>One line here</l><l>Two line here</l></lg>
<lg type="refrain"><l>Sing hey</l></lg><lg type="stanza" n="2"><head>II</head><l>Three</l>
</lg><lg type="stanza" n=" 3 "><l>Four</l></lg></lg></body></text></TEI>""",
    )
    numbers = doc.xpath("//span[@class='lg-n']")
    assert [(n.text, n.getparent().get("class")) for n in numbers] == [
        ("1", "lg type-stanza"),
        ("3", "lg type-stanza"),
    ]
    assert {n.get("aria-hidden") for n in numbers} == {"true"}
    assert all(n.get("data-pagefind-ignore") == "" for n in numbers)
    # a stanza's, not a line's (probe 177: a "2" beside line 3)
    assert [n.get("title") for n in numbers] == ["Stanza 1", "Stanza 3"]
    assert doc.xpath("//div[@class='lg type-refrain']//div[@class='l']/text()") == ["Sing hey"]
    _assert_words_kept(tmp_path, "ballad", doc)


def test_a_right_to_left_language_in_latin_letters_runs_left_to_right(tmp_path: Path) -> None:
    """Probe 61: Yiddish written in Latin letters (xml:lang="yi", no -Latn subtag) inside
    English was set right to left ("fraytik-tsu-nakhts" reversed with its punctuation);
    Yiddish in Hebrew letters still is."""
    doc = _render_text(
        tmp_path,
        "yi",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Yiddish</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>On <foreign
xml:lang="yi">fraytik-tsu-nakhts</foreign>, <foreign xml:lang="yi">שבת</foreign>.</p>
</body></text></TEI>""",
    )
    said = [(e.text_content(), e.get("dir")) for e in doc.xpath("//p//*[@lang='yi']")]
    assert said == [("fraytik-tsu-nakhts", None), ("שבת", "rtl")], said


def test_a_transliterated_text_of_a_language_written_right_to_left_runs_left_to_right(
    tmp_path: Path,
) -> None:
    """Probe 143 (a regression of probe 139's mend): a text declared Middle Persian (pal)
    and written in transliteration, as its editions are, was laid out right to left, page
    and book; in its own letters it still is."""
    header = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>'
        "<titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>{words}</p>"
        "</body></text></TEI>"
    )
    latin = _render_text(tmp_path, "pal", header.format(lang="pal", words="ud ōhrmazd ī xwadāy"))
    assert latin.getroottree().getroot().get("dir") == "ltr"
    own = _render_text(tmp_path, "phli", header.format(lang="pal", words="𐭠𐭡𐭢 𐭣𐭤"))
    assert own.getroottree().getroot().get("dir") == "rtl"


def test_an_empty_language_says_no_language(tmp_path: Path) -> None:
    """Probe 138: xml:lang="" (no language, XML 2.12) was dropped, and its words took the
    text's "en"; HTML's lang="" says the same as the source."""
    doc = _render_text(
        tmp_path,
        "nolang",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>L</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p xml:lang="">Unknown
words</p><p>Known <foreign xml:lang="">zzz</foreign></p></body></text></TEI>""",
    )
    said = [(e.text_content().split()[0], e.get("lang")) for e in doc.xpath("//main//*[@lang]")
            if e.text_content().split()[:1] in (["Unknown"], ["zzz"])]  # fmt: skip
    assert said == [("Unknown", ""), ("zzz", "")], said


def test_historical_and_african_scripts_written_right_to_left_run_so(tmp_path: Path) -> None:
    """Probe 139 (I.Sicily's Punic inscriptions): Phoenician and Punic (phn, xpu), N'Ko and
    Samaritan were laid out left to right, their line numbers on the left and a lacuna at
    the end of the line drawn at its start; a division or a word in them runs right to
    left, by its language or its script subtag, and in their own letters only."""
    doc = _render_text(
        tmp_path,
        "punic",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Punic</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><div type="edition"
xml:lang="xpu"><ab>𐤋𐤓𐤁𐤕 𐤋𐤕𐤍𐤕</ab></div><p>A <foreign xml:lang="phn">𐤋𐤓𐤁𐤕</foreign>
<foreign xml:lang="nqo">ߒߞߏ</foreign> <foreign xml:lang="sam">ࠀࠁ</foreign> <foreign
xml:lang="und-Phnx">𐤋</foreign> <foreign xml:lang="phn">lrbt</foreign></p></body></text></TEI>""",
    )
    said = [(e.get("lang"), e.get("dir")) for e in doc.xpath("//*[@lang][ancestor::main]")
            if e.get("lang") not in ("en", "und")]  # fmt: skip
    assert said == [
        ("xpu", "rtl"), ("phn", "rtl"), ("nqo", "rtl"), ("sam", "rtl"), ("und-Phnx", "rtl"),
        ("phn", None),
    ], said  # fmt: skip


def test_a_synoptic_edition_names_each_witness_leaf_and_tells_a_note_once(
    tmp_path: Path,
) -> None:
    """Probe 34 (a synoptic Middle High German edition): page breaks naming their witness by
    a pointer (pb edRef="#A", edRef="#B") were taken for the text's own pages ("p. 197",
    "p. 249r", whose?); and the note inside the first reading of an app without lem, the
    reading the text shows, was both a note run into the text and a bracket of the
    apparatus, and in the book an aside inside the verse line (epubcheck RSC-005)."""
    doc = _render_text(
        tmp_path,
        "synoptic",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Synopsis</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><listWit><witness xml:id="A">Codex A</witness><witness xml:id="B">Codex B</witness>
</listWit></sourceDesc></fileDesc></teiHeader><text><body><div>
<pb edRef="#A" n="12"/><pb edRef="#B" n="7v"/>
<l><app><rdg wit="#A">ein ritter <w xml:id="w1">gelert</w><note target="#w1">Only A has
this spelling.</note></rdg><rdg wit="#B">ein riter geleret</rdg></app></l>
</div></body></text></TEI>""",
    )
    breaks = doc.xpath("//span[contains(@class, 'pb-secondary')]/span[@class='pb-n']")
    assert [b.text_content() for b in breaks] == ["A 12", "B 7v"]
    assert not doc.xpath("//span[@class='pb']")
    (entry,) = doc.xpath("//li[@class='app-entry']")
    assert "Only A" not in entry.text_content()
    assert " ".join(entry.text_content().split()) == "1 ein ritter gelert A ] ein riter geleret B"
    # a footnote of the text, as a lem's note is (in the book it was an aside inside the line)
    notes = doc.xpath("//section[@class='footnotes']//li[contains(@class, 'footnote')]")
    assert [" ".join(n.text_content().split()) for n in notes] == ["1 Only A has this spelling."]


def test_an_apparatus_kept_in_the_standoff_is_shown_after_the_text(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """A listApp in the standOff (probe 15: a Tamil edition's apparatus) is an apparatus
    section after the text, before the witnesses: its readings were lost, and the call of the
    entry attached by @from/@to led to an id no page had."""
    doc = _doc("apparatus-standoff", pages)
    calls = [a.get("href") for a in doc.xpath("//p//a[@class='app-ref']")]
    assert calls == ["#app-at-w1"]
    (section,) = doc.xpath("//article/section[@id='ed-apparatus']")
    assert section.getnext().get("id") == "ed-witnesses"
    entries = section.xpath(".//ul[@class='listApp']/li")
    assert [li.get("id") for li in entries] == ["app-at-w1", None]
    assert [li.xpath("string(.//span[@class='rdg'])") for li in entries] == [
        "white egret",
        "stands",
    ]
    assert entries[0].xpath("string(a[@class='app-back']/@href)") == "#w1"
    # an empty witDetail says its type (it read "Q: ", the type lost)
    (detail,) = entries[1].xpath(".//span[@class='witDetail']")
    assert " ".join(detail.text_content().split()) == "Q p.c."
    assert detail.xpath("abbr/@title") == ["after correction"]


def test_notes_kept_in_the_standoff_are_shown_after_the_text_and_called(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 31 (the Mondriaan letters): the notes of a standOff listAnnotation, called by a
    ptr of the text (<ptr target="#greeting"/>) or pointing at what they annotate, were shown
    nowhere, and the calls were words leading nowhere ("Note 1"). They follow the text now,
    each list in its language, numbered where they are first called; an empty note (a
    placeholder) is left out. Lists of several kinds say which each is (the Escher letters'
    dating and remarks ran on as one list)."""
    doc = _doc("notes-standoff", pages)
    calls = doc.xpath("//div[@class='tei-text']//button[@class='noteref']")
    assert [(b.get("popovertarget"), b.text_content()) for b in calls] == [
        ("greeting-pop", "1"),
        ("weather-pop", "2"),
        ("on-rain-pop", "3"),
    ]
    (section,) = doc.xpath("//article/section[@id='ed-standoff-notes']")
    assert section.xpath("h2/text()") == ["Notes"]
    assert [d.get("lang") for d in section.xpath("div")] == ["nl", "nl"]
    assert section.xpath("div/h3/text()") == ["General", "Notes"]
    notes = section.xpath(".//div[contains(concat(' ', @class, ' '), ' note ')]")
    assert [n.get("id") for n in notes] == ["dating", "greeting", "weather", "on-rain"]
    assert _reading(notes[0]) == "Gedateerd naar het poststempel."
    assert notes[2].xpath("string(.//a[@role='doc-backlink']/@href)") == "#weather-ref"
    popovers = doc.xpath("//div[@class='note-popovers']/div/@id")
    assert popovers == ["greeting-pop", "weather-pop", "on-rain-pop"]


def test_a_scope_labelled_by_the_words_before_it_takes_no_second_label(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """ "pp. <biblScope unit="page">5–9</biblScope>" in a bibl was "pp. pp. 5–9" (probe 15: a
    DraCor play's source, a Yiddish "ז. 1–64"); a scope without words before it still says
    its unit."""
    doc = _doc("biblio", pages)
    (entry,) = doc.xpath("//p[contains(@class, 'bibl')][.//span[@class='author'] = 'Eve Moe']")
    assert " ".join(entry.text_content().split()) == "Eve Moe, Quarterly, no. 4, pp. 5–9; S. 12."
    # the unit's older name, @type (the Whitman Archive's letters, probe 18: "4, 52")
    (older,) = doc.xpath("//p[contains(@class, 'bibl')][.//span[@class='author'] = 'Flo Poe']")
    assert " ".join(older.text_content().split()) == "Flo Poe, Letters, vol. 4, p. 52."


def test_the_interface_words_after_a_right_to_left_text_keep_their_language(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """The page takes the text's language and direction (html/@lang, @dir: the main element
    inherits them); what the interface says around and after the text (the site's header
    and footer, "Back to top", the printed citation) is marked as its own."""
    doc = _doc("rtl", pages)
    assert (doc.get("lang"), doc.get("dir")) == ("ar", "rtl")
    (main,) = doc.xpath("//main")
    assert (main.get("lang"), main.get("dir")) == (None, None)
    after = doc.xpath("//main/p[@class='to-top'] | //main/div[@class='print-cite']")
    assert [(e.get("lang"), e.get("dir")) for e in after] == [("en", "ltr")] * 2
    chrome = doc.xpath("/html/body/*[not(contains(@class, 'layout'))]")
    assert [(e.get("class"), e.get("lang"), e.get("dir")) for e in chrome] == [
        ("skip-link", "en", "ltr"),
        ("site-header", "en", "ltr"),
        ("site-footer", "en", "ltr"),
    ]


def test_the_interface_words_in_a_right_to_left_text_of_no_language_are_marked(
    tmp_path: Path,
) -> None:
    """Probe 32 (OpenITI's Persian texts, declaring no language): the page is right to left
    by its script, but the words the interface adds inside the text (a gap's "omitted 2
    words") were not marked as the interface's, and read right to left."""
    doc = _render_text(
        tmp_path,
        "persian",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>کتاب</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p>این متن فارسی است <gap
reason="illegible" quantity="2" unit="word"/> و ادامه دارد.</p></body></text></TEI>""",
    )
    (main,) = doc.xpath("//main")
    assert (main.get("lang"), main.get("dir")) == ("und", "rtl")
    (said,) = doc.xpath("//span[@class='gap']/span[@class='visually-hidden']")
    assert (said.get("lang"), said.get("dir"), said.text.strip()) == (
        "en",
        "ltr",
        "omitted 2 words (illegible)",
    )


def test_the_contents_name_headings_by_their_reading_text(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """A heading's entry in the contents is what its reading view says: the correction, the
    expansion, the addition, the lemma, a word joined across a break (r:plain, r:left-out);
    a subtitle before the main head does not take the heading over."""
    doc = _doc("reading-text", pages)
    toc = [a.text_content() for a in doc.xpath("//nav[@class='toc']//a")]
    assert toc[:5] == [
        "Chapter First: The New House",
        "Of the Government of the Realm",
        "The Voyage Home",
        "Hyphenation",
        "The Return of the Native",
    ]
    assert doc.xpath("//section[@id='c5']/h2/text()")[0].strip() == "The Return of the Native"
    assert doc.xpath("//section[@id='c5']/p[contains(@class, 'type-sub')]/text()") == [
        "Book the First"
    ]


def test_verse_numbers_go_on_from_the_number_a_line_has(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Lines numbered in the source only where the print has a number (245, 250) are not
    counted from the poem's start between them: no '5' beside line 246."""
    doc = _doc("reading-text", pages)
    assert doc.xpath("//section[@id='c5']//a[@class='l-n']/text()") == ["245", "250"]


def test_verse_quoted_between_paragraphs_is_counted_quotation_by_quotation(
    tmp_path: Path,
) -> None:
    """Probe 32 (OpenITI's chronicles, bayts quoted between paragraphs of prose): the lines
    were counted through the division, so the second line of the third quotation was "5";
    each quotation is counted from its first line, and a longer poem among them still shows
    its fifth line."""
    lines = "".join(f"<l>bayt {n}</l>" for n in range(1, 7))
    doc = _render_text(
        tmp_path,
        "bayts",
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ar"><teiHeader><fileDesc>
<titleStmt><title>Chronicle</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><div>
<p>qāla</p><lg><l>a <caesura/> b</l><l>c <caesura/> d</l></lg><p>wa-qāla</p>
<lg><l>e <caesura/> f</l><l>g <caesura/> h</l></lg><p>wa-qāla ayḍan</p>
<lg><l>i <caesura/> j</l><l>k <caesura/> l</l></lg><p>qaṣīda</p><lg>{lines}</lg>
</div></body></text></TEI>""",
    )
    numbered = [(n.text, n.tail) for n in doc.xpath("//a[@class='l-n']")]
    assert numbered == [("5", "bayt 5")]


def test_an_edition_division_keeps_its_lines_and_leiden_signs_in_the_reading_view(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """An inscription's lines are cited by number: they stand in every view, numbered where
    an edition prints a number; {surplus} and ⟦erasure⟧ are its text, not the diplomatic
    view's alone."""
    doc = _doc("reading-text", pages)
    ab = doc.xpath("//section[@id='ed']/p")[0]
    assert len(ab.xpath(".//br")) == 4 and not ab.xpath(".//*[contains(@class, 'ed-dipl')]")
    assert ab.xpath(".//span[@class='lb-n']/text()") == ["1", "5"]
    assert ab.xpath(".//span[contains(@class, 'lb-kept')]")
    assert "".join(ab.xpath(".//span[@class='surplus']//text()")) == "{et}"
    assert "".join(ab.xpath(".//del[contains(@class, 'erasure')]//text()")) == "⟦Commodo⟧"


def test_a_glyph_shows_each_view_its_form_and_is_never_invisible(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """A character declared with a diplomatic and a normalised mapping reads "rum" in the
    reading view and "ꝝ" in the diplomatic one (the diplomatic view showed the normalised
    form); one mapped to a private-use code point alone, which no reader's font shows, is
    named; one declared in another file is named by its id (it was an empty span)."""
    doc = _doc("dictionary-glyphs", pages)
    (p,) = doc.xpath("//p[@id='glyph-views']")
    glyphs = p.xpath(".//span[contains(@class, 'g-decl')]")
    assert glyphs[0].xpath("span[@class='ed-read']/text()") == ["rum"]
    assert glyphs[0].xpath("span[@class='ed-dipl']/text()") == ["ꝝ"]
    assert [g.text_content() for g in glyphs[1:3]] == [
        "[LATIN SMALL LETTER ET WITH STROKE]",
        "[yogh]",
    ]
    assert "has-views" in doc.xpath("//article/@class")[0]
    # the expansion's title names the abbreviation as the source writes it
    assert p.xpath(".//*[contains(@class, 'expan')]/@title") == ["abbreviated: quoꝝ"]


def test_a_glyph_of_a_known_type_shows_its_sign(tmp_path: Path) -> None:
    """Probe 123 (papyri.info's P.Oxy. 1 140: <g type="stauros"/>): a glyph declared nowhere
    showed its type in square brackets, "[stauros]", which Leiden reads as a word the editor
    restored. A type EpiDoc names shows its sign, named in its title; another its name. The
    letters Greek numerals write are signs so (probe 147: "[stigma]ιʹσʹ")."""
    doc = _render_text(
        tmp_path,
        "signs",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Signs</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><ab><lb n="1"/><g type="stauros"
/> βασιλείας <g type="chirho"/> a<g type="interpunct"/>b <g type="slanting-stroke"/>
ἔτους <g type="stigma"/>ιʹ</ab>
</body></text></TEI>""",
    )
    (ab,) = doc.xpath("//*[contains(@class, 'ab')][.//span[contains(@class, 'g-decl')]]")
    signs = [
        (g.text_content(), g.get("title")) for g in ab.xpath(".//span[contains(@class, 'g-decl')]")
    ]
    assert signs == [
        ("\u2020", "stauros"), ("\u2627", "chirho"), ("\xb7", "interpunct"),
        ("[slanting stroke]", "slanting stroke"), ("\u03db", "stigma"),
    ], signs  # fmt: skip


def test_a_note_on_a_bibliography_entry_is_read_in_the_entry(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """TEI 3.12.2.7: a note inside a bibl of a listBibl annotates the entry; it is no footnote
    of the text (ninth probe: it became one, far from the work it was about)."""
    doc = _doc("biblio", pages)
    (entry,) = doc.xpath("//p[contains(@class, 'bibl')][.//span[@class='author'] = 'Di Roe']")
    note = entry.xpath(".//span[contains(@class, 'note-inline')]")
    assert [" ".join(n.text_content().split()) for n in note] == [
        "(Cited from the second edition.)"
    ]
    assert not doc.xpath("//*[contains(@class, 'noteref') or contains(@class, 'footnotes')]")


def test_notated_music_stands_as_a_figure_with_its_caption(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """TEI 3.10: the notation's link or drawing, its label and description as the caption (it
    was an unknown element, its words run into the text)."""
    doc = _doc("music", pages)
    (block,) = doc.xpath("//figure[contains(@class, 'notatedMusic')]")
    assert block.xpath("a/@href") == ["https://example.org/tune.mei"]
    assert " ".join(block.xpath("string(figcaption)").split()) == (
        "Example 1 The opening bars of the song, in G major."
    )
    (inline,) = doc.xpath("//p//span[contains(@class, 'notatedMusic')]")
    assert inline.xpath("img/@alt") == ["a falling motif"]
    assert not pages["music"][1]


# -- probe 16: breaks in unspaced scripts, labels, hands, a sense's printed number -----------


def _reading(element: html.HtmlElement) -> str:
    """The words of an element as the reading view shows them (page numbers, the diplomatic
    view's marks and the pilcrow left out), whitespace collapsed."""
    copy = html.fromstring(html.tostring(element))
    for hidden in copy.xpath(
        ".//*[@class='pb-n'] | .//*[contains(@class, 'ed-dipl')] | .//a[@class='anchor']"
    ):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def test_a_break_inside_chinese_or_japanese_adds_no_space(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 16 (a Kanripo text): a page break between two Chinese characters ("剥<pb/>爛")
    was given a space, as between two English words, splitting the phrase for the reader,
    a copied passage and the search; so were a column break and, in a text with two views,
    the reading view's line break. Latin words around a break stay apart."""
    doc = _doc("breaks-labels-hands", pages)
    assert _reading(doc.xpath("//p[@id='zh']")[0]) == "山高水長風清月白，春去秋來。花開花落也。"
    assert _reading(doc.xpath("//p[@id='ja']")[0]) == "きょうははれです。 Latin words stay apart."
    # the newline a file's line puts before or after a break is no space either (probe 79,
    # CBETA's "照見五\n<lb/>蘊皆空" read "照見五 蘊皆空")
    assert _reading(doc.xpath("//p[@id='zh-lines']")[0]) == "照見五蘊皆空，度一切苦厄。"


def test_a_label_in_running_text_is_a_word_apart(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 16 (a Mishnah manuscript): a label at the start of a clause, written against its
    first word ("<label>ג</label>שום"), read as one word with it ("גשום")."""
    doc = _doc("breaks-labels-hands", pages)
    assert _reading(doc.xpath("//p[@id='he']")[0]) == "א ראשון בשבת ב שני בשבת"
    assert _reading(doc.xpath("//p[@id='numbered']")[0]) == ("1. First clause. 2. Second clause.")


def test_a_change_of_hand_names_its_scribe_and_a_reason_keeps_its_capital(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 16 (a letter of the Weber edition, the wife's postscript): handShift
    scribe="Caroline" was titled "change of hand:" and nothing; a gap's reason or a
    supplement's source that is a name ("Maimonides", "#Kaufmann") was lower-cased."""
    doc = _doc("breaks-labels-hands", pages)
    hands = doc.xpath("//p[@id='hands']/span[contains(@class, 'handShift')]/@title")
    assert hands == ["change of hand: Anna", "change of hand"]
    assert doc.xpath("//p[@id='hands']/span[@class='gap']/@title") == ["omitted 3 lines (Tosafot)"]
    assert doc.xpath("//p[@id='hands']/span[@class='supplied']/@title") == [
        "supplied by the editor: Parma"
    ]


def test_a_sense_numbered_in_print_is_numbered_once(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 16 (TEI Lex-0's examples): a sense with @n and the printed number (<num>1.</num>)
    read "1. 1. help"; a sense the print does not number still shows its @n."""
    doc = _doc("breaks-labels-hands", pages)
    senses = doc.xpath("//div[@class='dict-sense']")
    assert [_reading(s) for s in senses] == [
        "1. a device giving light",
        "2. a sense the print does not number",
    ]


def test_senses_within_the_words_of_an_entry_run_on_with_them(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 40 (Ruland's Lexicon Alchemiae, 1612): a sense in a dictScrap or an entryFree, or
    with its parent's words around it, was a block, the punctuation after it on a line of its
    own ("A" / "vide ana" / "."); it runs on now, and a structured entry's senses stay blocks."""
    doc = _doc("dictionary-scraps", pages)
    scraps = doc.xpath("//div[@class='dict-dictScrap']")
    assert [" ".join(s.text_content().split()) for s in scraps[:2]] == [
        "B vide beta .",
        "Alveus fusorius , vas ligneum, German Gießtrog.",
    ]
    # no block inside the printed run of an entry
    assert doc.xpath("//div[@class='dict-dictScrap']//div | //*[@id='free-calx']//div") == []
    free = doc.xpath("//*[@id='free-calx']//span[contains(@class, 'dict-sense')]/@class")
    assert free == ["dict-sense run-in"] * 4
    assert _reading(doc.xpath("//*[@id='free-calx']")[0]) == (
        "calx, f. I. lime 1. burnt lime; 2. chalk; II. the heel."
    )
    structured = doc.xpath("//*[@id='struct-cera']/div/@class")
    assert structured == ["dict-sense", "dict-sense"]


def test_a_form_spelled_in_its_own_text_is_a_headword(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 40: a form with its word as its own text and no orth ("<form type="lemma">Aurum
    </form>") was plain, one more word of the definition; it is set apart as an orth is (class
    spelled, bold), and a form that holds an orth is not."""
    doc = _doc("dictionary-scraps", pages)
    spelled = doc.xpath("//span[contains(@class, 'spelled')]")
    assert [" ".join(s.text_content().split()) for s in spelled] == [
        "B",
        "Alveus fusorius",
        "Aurum",
        "aurium",
        "sol",
        "Cibur n.",
    ]
    assert doc.xpath("//*[@id='struct-cera']//span[contains(@class, 'spelled')]") == []
    css = (ROOT / "assets" / "html" / "edition.css").read_text(encoding="utf-8")
    assert ".dict-form.spelled { font-weight: 700; }" in css


def test_a_pronunciation_in_the_phonetic_alphabet_is_between_slashes(tmp_path: Path) -> None:
    """Probe 175: <pron notation="ipa">ˈma.lum</pron> stood bare after its headword,
    "mălum ˈma.lum"; dictionaries print it between slashes, which the search leaves out. One
    written with its own brackets, or in another notation, is as written."""
    doc = _render_text(
        tmp_path,
        "pron",
        tei_text(
            '<entry><form><orth>mălum</orth><pron notation="ipa">ˈma.lum</pron></form></entry>\n'
            '<entry><form><orth>pomum</orth><pron notation="IPA">[ˈpo.mum]</pron>'
            '<pron notation="sampa">"po.mum</pron></form></entry>'
        ),
    )
    prons = doc.xpath("//span[contains(@class, 'dict-pron')]")
    assert [p.text_content() for p in prons] == ["/ˈma.lum/", "[ˈpo.mum]", '"po.mum']
    signs = prons[0].xpath("span[@class='sign']")
    assert [s.get("data-pagefind-ignore") for s in signs] == ["", ""]
    _assert_words_kept(tmp_path, "pron", doc)


def test_a_note_in_a_dictionary_entry_is_read_in_the_entry(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 40 (a Coptic lemma list: "selten" in a grammar group, "Koptisch?" after a
    translation): a note in an entry that says no place was a footnote far from its word; it
    is read in the entry, in brackets, with who wrote it (@resp), as a bibliography's is."""
    doc = _doc("dictionary-scraps", pages)
    assert doc.xpath("//section[contains(@class, 'footnotes')]") == []
    assert _reading(doc.xpath("//*[@id='struct-cera']")[0]) == (
        "cera f. (rare in the plural) 1. wax 2. a writing tablet (so the print — Ida Editor)"
    )


def _diplomatic(element: html.HtmlElement) -> str:
    """The words of an element as the diplomatic view shows them, whitespace collapsed."""
    copy = html.fromstring(html.tostring(element))
    for hidden in copy.xpath(
        ".//*[contains(@class, 'ed-read')] | .//*[contains(@class, 'lb-n')] | .//a[@class='anchor']"
    ):
        hidden.drop_tree()
    return " ".join(copy.text_content().split())


def test_levels_of_a_word_show_one_in_each_view(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 19 (a Menota edition of Alexanders saga): a word written at three levels
    (me:facs, me:dipl, me:norm) was printed three times, "k̅gr k(onun)gr konungr", and the
    file's one token per line put a space before each comma. The reading view shows the
    normalised level, the diplomatic view the diplomatic one, the facsimile level its title;
    a word at one level shows it in both views."""
    doc = _doc("levels", pages)
    (p,) = doc.xpath("//article//p")
    assert _reading(p) == "Ólafr reið, ok ſang."
    assert _diplomatic(p) == "Olaꝼ(r) reıð (ok) ſang."
    assert p.xpath(".//*[contains(@class, 'level-dipl')]/@title")[:2] == [
        "facsimile: Olaꝼ̅",
        "facsimile: reıð",
    ]
    assert "has-views" in doc.xpath("//article/@class")[0]


# -- probe 24: examples of XML, scribes named by pointers, coordinates, several authors -----


def test_an_example_of_xml_keeps_its_words_and_loses_its_files_indentation(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (the jTEI encoding guidelines): the namespace declarations left out of an
    egXML's tags were also taken out of its words ("Write <egXML> around it", where the
    source says what the declaration is), and every line kept the indentation the example
    has in its file (twelve spaces and more)."""
    doc = _doc("examples-scribes-places", pages)
    (code,) = doc.xpath("//code[contains(@class, 'egXML')]")
    assert code.text_content() == (
        "<p>Write &lt;egXML\n"
        '  xmlns="http://www.tei-c.org/ns/Examples"&gt; around it:\n'
        '  <list rend="bulleted">\n'
        "    <item>one</item>\n"
        "  </list>\n"
        "</p>"
    )


def test_a_scribe_given_by_a_pointer_is_named_by_the_register(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (the Schnitzler letters: handShift scribe="#pmb2563", a person of the
    letter's back): the change of hand was titled by the raw id, "change of hand:
    #pmb2563"; a scribeRef to a person named the person's whole entry. A pointer that leads
    nowhere stays as written."""
    doc = _doc("examples-scribes-places", pages)
    hands = doc.xpath("//p[@id='hands']/span[contains(@class, 'handShift')]/@title")
    assert hands == [
        "change of hand: Ada Rivers",
        "change of hand: Ben Stone",
        "change of hand: #nobody",
    ]


def test_a_card_gives_the_coordinates_the_map_has_with_decimal_points(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (the Schnitzler letters' registers): a place's card listed the coordinates
    of the places it lies in as its own, and numbers with decimal commas read as four
    ("Coordinates: 48,213598, 16,368419; Coordinates: 48,20769, 16,37049")."""
    doc = _doc("examples-scribes-places", pages)
    (card,) = doc.xpath("//div[@id='ed-card-mill']/p[@class='card-dates']")
    assert card.text_content() == "Coordinates: 48.213598, 16.368419"


def test_an_author_naming_two_people_names_both(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (the Schnitzler letters' <editor><name>Müller, ...</name><name>Susen,
    ...</name></editor>): an author or editor naming several people was given as its
    first alone on the page, the about page and the book."""
    doc = _doc("examples-scribes-places", pages)
    assert doc.xpath("//header[@class='text-header']/p[@class='authors']/text()") == [
        "Roe, Jane; Doe, John"
    ]


def test_a_sources_other_dates_are_cited_with_their_kinds(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (RusDraCor's Chekhov: a source's print date, its premiere and the date it
    was written, each a date with its @type): the citation of the source kept the first
    date alone; the premiere and the date of writing were shown nowhere."""
    doc = _doc("examples-scribes-places", pages)
    source = " ".join(doc.xpath("string(//header//p[@class='source'])").split())
    assert source == (
        "Original source: The Mill. 1888. Premiere: 28 October 1888. Written: February 1888."
    )


def test_the_first_paragraph_of_a_prose_speech_has_its_link(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (RusDraCor's Chekhov, a prose play): the paragraph a speech opens with,
    which the speaker's name runs into, had no link to itself, where every other paragraph
    has one: most speeches of the play (one paragraph each) could not be linked to."""
    for name in ("drama", "verse-drama"):
        doc = _doc(name, pages)
        firsts = doc.xpath("//div[contains(@class, 'sp') and contains(@class, 'prose')]/p[1]")
        assert firsts, name
        for p in firsts:
            assert p.xpath("a[@class='anchor']/@href") == ["#" + p.get("id")], name


def test_a_title_in_other_languages_is_shown_in_each(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (RusDraCor: "Медведь" and, with xml:lang="en", "The Bear" and "A Joke in One
    Act"): a title statement's titles in other languages were shown nowhere; each language's
    titles are a line of their own, marked with it (a short title is no parallel title)."""
    doc = _doc("examples-scribes-places", pages)
    (parallel,) = doc.xpath("//header[@class='text-header']/p[@class='parallel-title']")
    assert (parallel.text_content().strip(), parallel.get("lang")) == (
        "Beispiele: Schreiber und Orte",
        "de",
    )


def test_a_glossary_inside_a_paragraph_is_a_description_list(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 24 (the jTEI guidelines: "values include: <list type="gloss">..." inside a
    paragraph): a glossary written in a paragraph was a bulleted list of labels run into
    their glosses; it is a description list as a glossary between paragraphs is."""
    doc = _doc("examples-scribes-places", pages)
    (glossary,) = doc.xpath("//*[@id='glossed']//dl")
    assert [(e.tag, e.text_content()) for e in glossary.iter("dt", "dd")] == [
        ("dt", "group"),
        ("dd", "an unordered set"),
        ("dt", "sequence"),
        ("dd", "an ordered set"),
    ]


def test_a_description_gives_each_measure_its_unit_once(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23 (Beta maṣāḥǝft's <height unit="mm">, the Wellcome's "203mm" with unit="mm",
    the Bodleian's unfilled <height/><width/>, <measure unit="leaf">214</measure>): the units
    on the parts were lost ("200 × 150 × 50"), a unit in the values was said twice ("203mm ×
    281mm mm"), an empty template read "written: × cm" and a count "214"."""
    doc = _doc("catalogue", pages)
    extents = [" ".join(dd.text_content().split()) for dd in doc.xpath("//dd[@class='ms-extent']")]
    assert extents == [
        "214 leaves; outer: 200 × 150 × 50 mm",
        "leaf: 203mm × 281 mm; binding: 31 cm × 9 in",
        "leaf: 180–190 mm",
    ]


def test_one_of_a_unit_the_catalogue_does_not_know_is_as_written(tmp_path: Path) -> None:
    """Probe 97 (a Schnitzler letter's witness, <measure unit="karte" quantity="1"/>): one of
    a unit the interface does not name asked a map for no key, and the page could not be
    rendered; it reads "1 karte", as "2 karte" did."""
    tei = tei_text("<p>Hallo.</p>").replace(
        "<sourceDesc><p>x</p></sourceDesc>",
        "<sourceDesc><msDesc><msIdentifier><idno>1</idno></msIdentifier><physDesc><objectDesc>"
        "<supportDesc><extent><measure unit='karte' quantity='1'/>, <measure unit='leaf'>1"
        "</measure></extent></supportDesc></objectDesc></physDesc></msDesc></sourceDesc>",
    )
    doc = _render_text(tmp_path, "karte", tei)
    measures = [" ".join(m.text_content().split()) for m in doc.xpath("//*[@class='measure']")]
    assert measures == ["1 karte", "1 leaf"]


def test_a_quotation_of_the_manuscript_takes_the_direction_of_its_script(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23 (a Wellcome Arabic record): an incipit in Arabic without xml:lang, in an
    English description, was laid out left to right, its dots on the wrong side; one with
    its own language keeps it."""
    doc = _doc("catalogue", pages)
    (incipit,) = doc.xpath("//dd[contains(@class, 'ms-incipit')]")
    assert incipit.get("dir") == "auto"
    (explicit,) = doc.xpath("//dd[contains(@class, 'ms-explicit')]")
    assert (explicit.get("lang"), explicit.get("dir")) == ("la", None)


def test_a_language_given_by_its_codes_alone_is_named(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23 (Beta maṣāḥǝft's <textLang mainLang="gez"/>): an empty textLang showed
    nothing; its codes are named as langUsage names them, else by their names (Amharic)."""
    doc = _doc("catalogue", pages)
    (item,) = doc.xpath("//li[@class='msItem'][.//cite = 'Canons']")
    assert item.xpath("string(.//dd[@class='ms-textLang'])") == "Gǝʿǝz, Amharic"


def test_a_hand_described_by_its_attributes_alone_says_them(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23 (a Bodleian Hebrew record's <handNote scope="major" script="sephardi"> with an
    unfilled scribe): the hand showed nothing."""
    doc = _doc("catalogue", pages)
    hands = [
        " ".join(d.text_content().split()) for d in doc.xpath("//div[contains(@class, 'handNote')]")
    ]
    assert hands == ["Main hand; script: sephardi", "Minor hand"]


def test_a_description_keeps_the_case_of_a_type_and_reads_a_capitalised_form(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23: an identifier's type that is an abbreviation or a name (the Bodleian's
    idno type="SCN", a catalogue's "Wright") was lower-cased ("scn"), and Beta maṣāḥǝft's
    form="Codex" was not the list's "codex"."""
    doc = _doc("catalogue", pages)
    # (the altIdentifier's own type first: probe 157)
    assert doc.xpath("//dl[contains(@class, 'ms-identifier')]/dt/text()") == [
        "Place",
        "Shelfmark",
        "Other identifier (internal, SCN)",
    ]
    forms = doc.xpath("//dt[. = 'Form']/following-sibling::dd[1]/text()")
    assert forms == ["codex", "codex"]


def test_an_empty_division_of_a_template_gets_no_heading(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23 (Beta maṣāḥǝft's <div type="bibliography"/>): an EpiDoc part with nothing in
    it was headed "Bibliography" over nothing; it keeps its anchor."""
    doc = _doc("catalogue", pages)
    assert not doc.xpath("//*[contains(@class, 'part-title')]")
    assert doc.xpath("//div[contains(@class, 'type-bibliography')]/@id") == ["div-1"]


def test_a_date_of_origin_given_by_its_attributes_is_in_words(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23: <origDate notBefore="1425" notAfter="1450"/> was an empty field, left out
    with the history that held it."""
    doc = _doc("catalogue", pages)
    (history,) = doc.xpath("//section[@class='ms-history']")
    assert " ".join(history.xpath("string(.//dd)").split()) == "between 1425 and 1450"


def test_a_locus_by_its_target_names_its_folios(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 23 (Beta maṣāḥǝft's <locus target="#128r"/>, no @from): the item's folios were
    shown nowhere. A locus pointing at its pages names them by their @n, else by an id that
    is a folio's number; an id of another shape or a web address is no folio."""
    doc = _doc("catalogue", pages)
    loci = [" ".join(s.text_content().split()) for s in doc.xpath("//*[@class='locus']")]
    assert loci == ["ff. 12r–14v", "f. 3v"]  # no empty locus before "A note"


LOCI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Codex A</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<msDesc><msIdentifier><repository>A library</repository><idno>MS 1</idno></msIdentifier>
<msContents>
<msItem><locus target="#f1r #f2v"/><title>Sermons</title></msItem>
<msItem><locus from="3r" to="3v" target="#f3r">ff. 3r-3v</locus><title>Prayers</title></msItem>
<msItem><locus from="4r" target="#s1"/><title>Hymns</title></msItem>
<msItem><locus from="5r" target="https://example.org/iiif/5r"/><title>Psalms</title></msItem>
<msItem><locus from="6r" target="#f6r"/><title>Lost</title></msItem>
</msContents></msDesc></sourceDesc></fileDesc></teiHeader>
<facsimile><surface xml:id="s1"/></facsimile>
<text><body><pb xml:id="f1r" n="1r"/><p>Alpha.</p><pb xml:id="f2v" n="2v"/><p>Beta.</p>
<pb xml:id="f3r" n="3r"/><p>Gamma.</p></body></text></TEI>"""


EMPTY_REFS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Refs</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p xml:id="x" n="7">Target.</p>
<p>See <ref target="#x"/> and <ptr target="#x"/> and <ref target="#anna"/> and <ref
target="https://example.org/a"/>.</p><listPerson><person xml:id="anna"><persName>Anna
Adler</persName></person></listPerson></body></text></TEI>"""


def test_a_ref_without_words_says_what_a_ptr_says(tmp_path: Path) -> None:
    """Probe 125: a ref without words showed its address ("#x", "#handNote2") where a ptr
    to the same showed the element's number and the book its words. It says what a ptr
    says: the element's heading or number, an entry's name; a web address itself."""
    doc = _render_text(tmp_path, "refs", EMPTY_REFS)
    (para,) = doc.xpath("//p[starts-with(normalize-space(), 'See')]")
    assert " ".join(para.text_content().split()) == (
        "See 7 and 7 and Anna Adler and https://example.org/a."
    )
    shown = [a.get("class") for a in para.xpath(".//a[not(@class = 'anchor')]")]
    assert shown == ["ref", "ptr", "ref", "ref shows-url"], shown


def test_the_guidelines_values_of_reasons_and_renditions_are_in_the_interfaces_words(
    tmp_path: Path,
) -> None:
    """Probe 169: a German edition's titles read "vom Herausgeber ergänzt: omitted",
    "ausgelassen 2 Zeilen (illegible)", "Streichung; strikethrough": the Guidelines'
    suggested values of @reason, @agent and a deletion's @rend are said in the interface's
    language; a value the catalogue does not know (a name) is said as written."""
    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de"><teiHeader><fileDesc>
<titleStmt><title>B</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p>Ein
<supplied reason="omitted">Wort</supplied>, <gap reason="illegible" quantity="2" unit="line"/>,
<unclear reason="faded">blass</unclear>, <del rend="strikethrough overwritten">alt</del>,
<gap agent="water"/>, <gap reason="Maimonides"/>.</p></body></text></TEI>"""
    source = tmp_path / "b.xml"
    source.write_text(tei, encoding="utf-8")
    corpus = load_corpus([source], Report())
    params = {"registers": XmlText(corpus.registers), "stem": "b", "messages": messages("de")}
    page = engine().stylesheet("html/page").transform(corpus.texts[0].normalized, params)
    doc = html.document_fromstring(page.output)
    titles = [
        e.get("title")
        for e in doc.xpath("//main//*[contains(' supplied gap unclear del ', "
                           "concat(' ', substring-before(concat(@class, ' '), ' '), ' '))]")
    ]  # fmt: skip
    assert titles == [
        "vom Herausgeber ergänzt: ausgelassen",
        "ausgelassen 2 Zeilen (unleserlich)",
        "unsicher gelesen; verblasst",
        "Streichung; durchgestrichen, überschrieben",
        "ausgelassen (Wasser)",
        "ausgelassen (Maimonides)",
    ]


def test_a_pointers_quoted_words_take_their_texts_quotation_marks(tmp_path: Path) -> None:
    """Probe 143: a pointer's label quoting the words it points at took the interface's
    marks, an English text's "See „It was a dark…“" in a German edition; they are the
    marks of the language the words are in."""
    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Q</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p xml:id="p1">It was
a dark and stormy night, they said.</p><p xml:id="p2" xml:lang="fr">Il était une fois un
roi.</p><p>See <ptr target="#p1"/> and <ptr target="#p2"/>.</p></body></text></TEI>"""
    source = tmp_path / "q.xml"
    source.write_text(tei, encoding="utf-8")
    report = Report()
    corpus = load_corpus([source], report)
    params = {"registers": XmlText(corpus.registers), "stem": "q", "messages": messages("de")}
    page = engine().stylesheet("html/page").transform(corpus.texts[0].normalized, params)
    doc = html.document_fromstring(page.output)
    (para,) = doc.xpath("//p[starts-with(normalize-space(), 'See')]")
    assert " ".join(para.text_content().split()) == (
        "See “It was a dark and stormy…” and « Il était une fois un roi. »."
    )
    # a text of no declared language: the interface's marks (probe 144); Swiss German's,
    # its dialect's; a language its header declares alone (langUsage: probe 146)
    usage = (
        '<profileDesc><langUsage><language ident="en">English</language></langUsage>'
        "</profileDesc></teiHeader>"
    )
    for lang, expected, header in (
        ("", "„It was a dark and stormy…“", "</teiHeader>"),
        ("de-CH", "«It was a dark", "</teiHeader>"),
        ("gsw", "«It was a dark", "</teiHeader>"),
        ("", "“It was a dark and stormy…”", usage),
    ):
        declared = f' xml:lang="{lang}"' if lang else ""
        written = tei.replace(' xml:lang="en"', declared, 1).replace("</teiHeader>", header)
        source.write_text(written, encoding="utf-8")
        corpus = load_corpus([source], Report())
        params["registers"] = XmlText(corpus.registers)
        page = engine().stylesheet("html/page").transform(corpus.texts[0].normalized, params)
        assert expected in " ".join(html.document_fromstring(page.output).text_content().split())


def test_a_locus_links_to_the_folio_it_points_at(tmp_path: Path) -> None:
    """A locus's @target points at its folios (Guidelines 10.3.5, <locus target="#f1r"/>):
    the page named them and linked nowhere. It links to the first, as a ref does: the page
    break the text shows, or a web address; a surface the page does not show and an id the
    text lacks give no link."""
    source = tmp_path / "tei" / "codex.xml"
    source.parent.mkdir()
    source.write_text(LOCI, encoding="utf-8")
    build([source.parent], tmp_path / "out", only=["html"])
    doc = html.parse(str(tmp_path / "out" / "html" / "codex.html")).getroot()
    loci = [
        (el.tag, el.get("href"), " ".join(el.text_content().split()))
        for el in doc.xpath("//*[contains(@class, 'locus')]")
    ]
    assert loci == [
        ("a", "#f1r", "ff. 1r–2v"),
        ("a", "#f3r", "ff. 3r-3v"),
        ("span", None, "f. 4r"),
        ("a", "https://example.org/iiif/5r", "f. 5r"),
        ("span", None, "f. 6r"),
    ]
    assert doc.xpath("//*[@id='f1r']") and doc.xpath("//*[@id='f3r']")


def test_a_catalogues_counts_and_references_given_by_attributes_are_read(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 35 (manuscripta.se's Greek manuscripts, a Fihrist record): a reference's pages
    given by citedRange/@from and @to, leaves counted by measure/@quantity with what they
    count in @type, a form or a material named by its attribute alone, and the register an
    identifier's @subtype names were all shown nowhere ("Smith (1901); Jones (1950)", an
    extent of "; ; 3 leaves"); the loci of a locusGrp ran together."""
    doc = _doc("catalogue-counts", pages)
    fields = {
        " ".join(dt.text_content().split()): " ".join(dt.getnext().text_content().split())
        for dt in doc.xpath("//section[contains(@class, 'msDesc')]//dt")
    }
    assert fields["Bibliography"] == (
        "Smith (1901), p. 12; Jones (1950), vol. 2, pp. 79–85; Migne, column 157C;"
        " Brown (1999), pp. 3-4"
    )
    assert fields["Extent"] == "textblock leaves: 2; left flyleaves: 0; 3 leaves"
    assert (fields["Form"], fields["Material"]) == ("fragment", "paper")
    # probe 41 (the Cavriana letters): a layout told in a paragraph was labelled "P"
    assert fields["Layout"] == "One column, both sides written" and "P" not in fields
    assert fields["Other identifier (id, pinakes)"] == "4021"
    # the loci of a group are listed, not run together ("ff. 2r–9vff. 1r–1v")
    (group,) = doc.xpath("//span[@class='locusGrp']")
    assert " ".join(group.text_content().split()) == "ff. 2r–9v, ff. 1r–1v"
    # the unfilled date of origin is still no field
    assert "History" not in fields and not doc.xpath("//section[@class='ms-history']")


def test_a_parts_identifier_is_its_heading_and_a_former_one_says_so(tmp_path: Path) -> None:
    """Probe 157: an msPart's own idno ("Part B") headed the part and was listed again as
    "Other identifier (part)", the label of its former shelfmark too, whose
    altIdentifier type="former" was said nowhere."""
    doc = _render_text(
        tmp_path,
        "ms-part",
        tei_text("<p>x</p>").replace(
            "<sourceDesc><p>x</p></sourceDesc>",
            "<sourceDesc><msDesc><msIdentifier><settlement>Leeds</settlement><idno>MS 12</idno>"
            '</msIdentifier><msPart><msIdentifier><idno type="part">Part B</idno>'
            '<altIdentifier type="former"><idno>Thoresby 215</idno></altIdentifier>'
            "</msIdentifier></msPart></msDesc></sourceDesc>",
        ),
    )
    (part,) = doc.xpath("//section[contains(@class, 'ms-msPart')]")
    assert " ".join(part.xpath("string(.//*[@class='ms-heading'])").split()) == "Part 1: Part B"
    fields = [
        (" ".join(dt.text_content().split()), " ".join(dt.getnext().text_content().split()))
        for dt in part.xpath(".//dl[contains(@class, 'ms-identifier')]/dt")
    ]
    assert fields == [("Other identifier (former)", "Thoresby 215")], fields


def test_a_description_told_in_paragraphs_is_prose_not_fields(tmp_path: Path) -> None:
    """Probe 159: a part or fragment described in paragraphs (the prose Guidelines 10.1 allows
    instead of msContents and the rest) showed them as a field labelled "P"."""
    doc = _render_text(
        tmp_path,
        "ms-prose",
        tei_text("<p>x</p>").replace(
            "<sourceDesc><p>x</p></sourceDesc>",
            "<sourceDesc><msDesc><msIdentifier><idno>MS 12</idno></msIdentifier>"
            "<msPart><msIdentifier><idno>A</idno></msIdentifier><p>Part <hi>one</hi>.</p>"
            "<ab>Its second.</ab></msPart>"
            "<msFrag><msIdentifier><idno>F</idno></msIdentifier><p>A fragment.</p></msFrag>"
            "<msPart><msIdentifier><idno>B</idno></msIdentifier><msPart><msIdentifier>"
            "<idno>B1</idno></msIdentifier><p>Nested.</p></msPart></msPart>"
            "</msDesc></sourceDesc>",
        ),
    )
    (desc,) = doc.xpath("//section[@class='msDesc ms-msDesc']")
    assert not desc.xpath(".//dd[contains(@class, 'ms-p') or contains(@class, 'ms-ab')]")
    assert "P" not in [" ".join(dt.text_content().split()) for dt in desc.xpath(".//dt")]
    prose = [
        (" ".join(p.text_content().split()), p.getparent().get("class"))
        for p in desc.xpath(".//section/p")
    ]
    assert prose == [
        ("Part one.", "msDesc ms-msPart"),
        ("Its second.", "msDesc ms-msPart"),
        ("A fragment.", "msDesc ms-msFrag"),
        ("Nested.", "msDesc ms-msPart"),
    ]


def test_a_line_break_between_the_fields_of_a_reference_is_their_separator(
    tmp_path: Path,
) -> None:
    """Probe 47 (al-Zuhūr, an Arabic journal's masthead: the journal's title, a line break,
    then issue, date and volume as fields): the comma put between two fields came after the
    break, so the second line began with it (", الجزء ٢"). The break parts them; the fields
    on one line keep their commas, and a space keeps the words apart in a copy."""
    doc = _render_text(
        tmp_path,
        "masthead",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Masthead</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Born digital.</p></sourceDesc></fileDesc></teiHeader><text><front>
<div type="masthead"><bibl><title level="j">الزهور</title><lb/><biblScope unit="issue"
>الجزء ٢</biblScope> <date when="1911-04-01">١ نيسان سنة ١٩١١</date> <biblScope
unit="volume">السنة ٢</biblScope></bibl></div></front><body><p>نص</p></body></text></TEI>""",
    )
    (bibl,) = doc.xpath("//p[contains(@class, 'bibl')]")
    (br,) = bibl.xpath(".//br")
    assert not (br.tail or "").strip(), "no comma at the start of the line"
    # the Arabic comma between the fields: test_the_fields_of_an_arabic_reference_...
    assert " ".join(bibl.text_content().split()) == "الزهور الجزء ٢، ١ نيسان سنة ١٩١١، السنة ٢"


def test_the_fields_of_an_arabic_reference_are_parted_by_the_arabic_comma(
    tmp_path: Path,
) -> None:
    """Probe 47 (al-Zuhūr's masthead, a reference of fields alone): its fields were parted by
    a Latin comma ("الجزء ١, ١ آذار سنة ١٩١٠"). A reference in Arabic, Persian or Urdu, by its
    declared language (its own or its text's) or, where none is declared, by its letters (the
    test above), takes "، "; one transliterated (ar-Latn) or in another language, or mostly in
    Latin letters in an Arabic text, keeps ", "."""
    refs = {
        "ar": '<bibl xml:lang="ar"><title>الزهور</title> <biblScope>الجزء ١</biblScope></bibl>',
        "fa": '<bibl xml:lang="fa"><author>سعدی</author> <title>گلستان</title></bibl>',
        "ur": '<bibl xml:lang="ur-Arab"><author>غالب</author> <title>دیوان</title></bibl>',
        "inherited": "<bibl><title>الهلال</title> <date>١٨٩٢</date></bibl>",
        "latn": '<bibl xml:lang="ar-Latn"><title>al-Zuhūr</title> <date>1910</date></bibl>',
        "en": '<bibl xml:lang="en"><author>Lane</author> <title>Lexicon</title></bibl>',
        "mixed": "<bibl><author>Brockelmann</author> <title>GAL</title></bibl>",
    }
    doc = _render_text(
        tmp_path,
        "commas",
        f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Commas</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Born digital.</p></sourceDesc></fileDesc></teiHeader><text xml:lang="ar">
<body><div type="refs">{"".join(f'<p xml:id="{k}">{v}</p>' for k, v in refs.items())}</div>
</body></text></TEI>""",
    )
    read = {key: " ".join(doc.xpath(f"//p[@id='{key}']")[0].text_content().split()) for key in refs}
    assert read == {
        "ar": "الزهور، الجزء ١",
        "fa": "سعدی، گلستان",
        "ur": "غالب، دیوان",
        "inherited": "الهلال، ١٨٩٢",
        "latn": "al-Zuhūr, 1910",
        "en": "Lane, Lexicon",
        "mixed": "Brockelmann, GAL",
    }


def test_a_catalogue_names_covers_other_titles_and_what_it_counts(tmp_path: Path) -> None:
    """Probe 35 (manuscripta.se's Greek manuscripts): a locus naming a cover (scheme="other",
    "RCI") read "f. RCI"; a work's other titles stood beside its title as if they were
    other works ("Kanon Κανών Canon"); a count typed by what it counts read "16 lines"; a
    list of related items was labelled "Bibliography"; and a part whose only identifier is
    its number was headed "Part 1: 1"."""
    doc = _render_text(
        tmp_path,
        "record",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Gr. 1</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<msDesc><msIdentifier><settlement>Stockholm</settlement><idno>Gr. 1</idno></msIdentifier>
<msContents><msItem n="1"><locus scheme="other" from="RCI" to="RCI"/><title>Kanon</title>
<title type="alt" xml:lang="grc">Κανών</title><title type="alt">Canon</title></msItem>
<msItem n="2"><locus from="1r" to="3v"/><title>Hymns</title></msItem></msContents>
<physDesc><objectDesc><supportDesc><support><measure type="laidLinesIn20mm" quantity="16"
unit="lines">16</measure></support></supportDesc></objectDesc></physDesc>
<msPart><msIdentifier><idno type="codicologicalUnit">1</idno></msIdentifier>
<msContents><msItem><title>Part text</title></msItem></msContents></msPart>
<additional><listBibl type="related-items"><bibl>Holm. Gr. 2</bibl></listBibl></additional>
</msDesc></sourceDesc></fileDesc></teiHeader><text><body><p/></body></text></TEI>""",
    )
    items = [" ".join(p.text_content().split()) for p in doc.xpath("//p[@class='ms-item-head']")]
    assert items == ["1. RCI Kanon (Κανών; Canon)", "2. ff. 1r–3v Hymns", "Part text"]
    fields = {
        " ".join(dt.text_content().split()): " ".join(dt.getnext().text_content().split())
        for dt in doc.xpath("//section[contains(@class, 'msDesc')]//dt")
    }
    assert fields["Support"] == "laid lines in 20mm: 16 lines"
    assert fields["Bibliography (related items)"] == "Holm. Gr. 2"
    assert doc.xpath("//section[contains(@class, 'ms-msPart')]/h3/text()") == ["Part 1"]


def test_a_page_named_by_a_short_description_is_headed_by_it(tmp_path: Path) -> None:
    """Probe 35 (manuscripta.se's page images, <surface><desc>f. 1v</desc>): a page named only
    by its desc was "Page 1" in its heading and the contents, its name following as words;
    a desc that describes the page stays a description."""
    doc = _render_text(
        tmp_path,
        "pages",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Pages</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><sourceDoc><surface xml:id="s1"><desc>f. 1v
</desc><line>Prima linea</line></surface><surface xml:id="s2"><desc>The verso, stained along
its lower margin.</desc><line>Secunda</line></surface></sourceDoc></TEI>""",
    )
    titles = [" ".join(h.text_content().split()) for h in doc.xpath("//*[@class='surface-title']")]
    assert titles == ["f. 1v", "Page 2"]
    assert [a.text_content() for a in doc.xpath("//nav[@class='toc']//a")] == ["f. 1v", "Page 2"]
    text = " ".join(doc.xpath("string(//article)").split())
    assert text.count("f. 1v") == 1 and "stained along its lower margin" in text


def test_a_span_to_an_element_that_is_no_anchor_is_closed_there(tmp_path: Path) -> None:
    """Probe 39 (a Leopardi autograph): an addSpan or delSpan whose @spanTo names a page break
    or a milestone opened its sign (⸂) and nothing closed it; one that names an element of
    words stopped before it, where the Guidelines (att.spanning) run the span to the end of
    the content of the element pointed to."""
    doc = _render_text(
        tmp_path,
        "spans",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Spans</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body>
<p>Before <addSpan spanTo="#pb2"/>added words <pb xml:id="pb2" n="2"/>after the page.</p>
<p>One <delSpan spanTo="#m1"/>two <milestone xml:id="m1" unit="section" n="3"/> three.</p>
<p>One <delSpan spanTo="#s1"/>two <seg xml:id="s1">three</seg> four.</p>
<p>Five <addSpan spanTo="#s2"/>six <seg xml:id="s2">seven<note>A note.</note></seg>.</p>
</body></text></TEI>""",
    )
    paragraphs = doc.xpath("//div[@class='body']/p")
    signs = [p.xpath(".//span[@class='sign']/text()") for p in paragraphs]
    assert signs[:2] == [["⸂", "⸃"], ["⟦", "⟧"]]
    # the closing sign stands before the page break: the span runs up to it
    (close,) = paragraphs[0].xpath(".//span[@class='addSpan-end ed-dipl']")
    assert close.getnext().get("class") == "pb"
    deleted = [d.text_content().strip() for d in paragraphs[2].xpath(".//del")]
    assert deleted == ["two", "three"]
    # and its closing sign follows the last words of that element, not "four"
    assert signs[2] == ["⟦", "⟧"]
    (close,) = paragraphs[2].xpath(".//span[@class='delSpan-end ed-dipl']")
    assert close.xpath("preceding::text()[normalize-space()][1]")[0].strip() == "three"
    # a note ending the element is no place for the sign: it follows the element's words
    (close,) = paragraphs[3].xpath(".//span[@class='addSpan-end ed-dipl']")
    assert (
        close.xpath("preceding::text()[normalize-space()][not(ancestor::a)][1]")[0].strip()
        == "seven"
    )


def test_a_fragmentary_witness_is_said_to_begin_and_end_in_its_reading(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 27 (the EVT Confessiones sample): a reading that holds words and a witStart or
    witEnd (Guidelines 12.1.5, "<rdg wit='#Ra2'><witStart/>Eryment</rdg>") lost the mark: the
    entry said nothing of the witness's text beginning or ending. A mark naming only some of
    the reading's witnesses says whose it is."""
    doc = _doc("apparatus-fragments", pages)
    inline = doc.xpath("//li[@class='app-entry'][not(parent::ul[@class='listApp'])]")
    entries = [" ".join(li.text_content().split()) for li in inline]
    assert entries == [
        "1 cantat A B ] inc. cantabat G",
        "2 semper A B ] saepe des. G",
        "3 hodie A ] heri B G (inc. G)",
        "4 post ridet A ] lac. B",
    ]
    assert inline[0].xpath(".//abbr/@title") == ["the text of this witness begins"]


def test_an_apparatus_attached_to_words_is_called_after_them(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 27 (a Cicero edition attaching its listApp to w elements by @from alone): the text
    had no call, so no link led from a word to its entry; two entries beginning at one word
    shared the id "app-at-w2"."""
    doc = _doc("apparatus-fragments", pages)
    calls = [
        (a.getprevious().get("id"), a.get("href"), a.text_content())
        for a in doc.xpath("//p//a[@class='app-ref'][preceding-sibling::*[1][@class='w']]")
    ]
    assert calls == [
        ("w2", "#app-at-w2", "1"),
        ("w3", "#app-at-w2-2", "2"),
        ("w4", "#app-at-w4", "3"),
    ]
    entries = doc.xpath("//ul[@class='listApp']/li")
    assert [(li.get("id"), li.xpath("string(a[@class='app-back']/@href)")) for li in entries] == [
        ("app-at-w2", "#w2"),
        ("app-at-w2-2", "#w2"),
        ("app-at-w4", "#w4"),
    ]
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_page_breaks_of_several_witnesses_each_name_their_witness(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 27 (the EVT Confessiones sample, pb ed="#A" ... ed="#E"): the witness with the
    most page breaks was taken for the text's own pagination, its leaves shown as "p. 1r"
    without a siglum, the others' as "B 7v"; a critical text has no pages of a witness."""
    doc = _doc("apparatus-fragments", pages)
    breaks = doc.xpath("//span[contains(@class, 'pb')][span[@class='pb-n']]")
    assert [(b.get("class"), b.xpath("string(span[@class='pb-n'])")) for b in breaks] == [
        ("pb pb-secondary", "A 1r"),
        ("pb pb-secondary", "B 7v"),
        ("pb pb-secondary", "A 1v"),
    ]


def test_an_apparatus_places_an_opening_lacuna_and_names_witnesses_by_their_sigla(
    tmp_path: Path,
) -> None:
    """Probes 27 and 34: a lacuna opening a paragraph was placed after the heading's last
    word ("post CAPUT"); a reading's hand that no declaration has (hand="user1") was cited
    as a siglum, "C user1"; an empty reading of a witness that has no text there
    (rend="missing") was an omission, "om."; a witness known only by its @n was listed but no
    siglum linked to it; a witness's page break was titled by its pointer ("page 254r (#C)")
    and its column break did not say whose column it is."""
    doc = _render_text(
        tmp_path,
        "lacuna",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Apparatus</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><listWit><witness xml:id="A">Codex A</witness><witness xml:id="C">Codex C</witness>
<witness n="P46">Papyrus 46</witness></listWit></sourceDesc></fileDesc></teiHeader>
<text xml:lang="la"><body><div><head>CAPUT</head>
<p><app><lem wit="#A"/><rdg wit="#C"><lacunaStart/></rdg></app>Quid est <app><lem wit="#A">hoc
</lem><rdg wit="#C" hand="user1">hic</rdg></app> et <app><lem wit="#A">illud</lem><rdg
wit="P46">illum</rdg></app> <app><lem wit="#A">verbum</lem><rdg wit="#C" rend="missing"/>
</app>. <pb ed="#A" n="3r"/>Alia <pb ed="#C" n="254r"/>verba <cb
edRef="#C" n="2"/>sunt.</p></div></body></text></TEI>""",
    )
    entries = [" ".join(li.text_content().split()) for li in doc.xpath("//li[@class='app-entry']")]
    assert entries == [
        "1 ante Quid A ] lac. C",
        "2 hoc A ] hic C",
        "3 illud A ] illum P46",
        "4 verbum A ] lac. C",
    ]
    (missing,) = doc.xpath("//li[@class='app-entry'][4]//abbr[@class='app-label']")
    assert missing.get("title") == "no text of this witness here (a lacuna)"
    (siglum,) = doc.xpath("//a[@class='siglum'][. = 'P46']")
    (listed,) = doc.xpath("//section[@id='ed-witnesses']//li[span[@class='siglum'] = 'P46']")
    assert siglum.get("href") == "#" + listed.get("id")
    breaks = doc.xpath("//span[contains(@class, 'pb-secondary')] | //span[contains(@class, 'cb')]")
    assert [b.get("title") for b in breaks] == ["page 3r (A)", "page 254r (C)", "column 2 (C)"]
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_the_editors_words_of_an_apparatus_take_the_headers_language(tmp_path: Path) -> None:
    """Probe 156: a Latin text (TEI xml:lang="la") whose header is English had its witness
    list and its apparatus marked Latin, and a note's own xml:lang="en" was dropped."""
    doc = _render_text(
        tmp_path,
        "editor-lang",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="la"><teiHeader xml:lang="en">
<fileDesc><titleStmt><title>Planctus</title></titleStmt><publicationStmt><p>Test.</p>
</publicationStmt><sourceDesc><listWit><witness xml:id="A">Paris, lat. 1118</witness>
<witness xml:id="B">London, Harley 978</witness></listWit></sourceDesc></fileDesc></teiHeader>
<text><body><lg><l>Nunc <app><lem wit="#A">iacet</lem><rdg wit="#B">iam</rdg><note
xml:lang="en">A later hand.</note></app> <app><lem wit="#A">hic</lem><rdg wit="#B">haec</rdg>
<note xml:lang="de">Spätere Hand.</note></app>.</l></lg></body></text></TEI>""",
    )
    (witnesses,) = doc.xpath("//section[@id='ed-witnesses']")
    assert witnesses.get("lang") == "en"
    assert {a.get("lang") for a in doc.xpath("//div[@class='apparatus']")} == {"en"}
    notes = doc.xpath("//span[@class='app-note']")
    assert [(n.get("lang"), " ".join(n.text_content().split())) for n in notes] == [
        (None, "(A later hand.)"),
        ("de", "(Spätere Hand.)"),
    ]
    # the lemma and the readings keep the text's language
    lemmas = doc.xpath("//li[@class='app-entry']//span[@class='app-lemma']")
    assert [lemma.get("lang") for lemma in lemmas] == ["la", "la"]


def test_an_apparatus_entry_that_is_a_note_alone_reads_its_words(tmp_path: Path) -> None:
    """Probe 42 (I.Sicily's <app loc="3"><note>Mommsen: vixit</note></app>): an entry of a
    note and no reading was a bracket after its line number, "3 (Mommsen: vixit)"."""
    doc = _render_text(
        tmp_path,
        "epitaph",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Epitaph</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><div type="edition"
xml:lang="la"><ab>D M</ab></div><div type="apparatus"><listApp><app loc="3"><note>Mommsen:
vixit</note></app><app loc="4"><lem>annis</lem><rdg source="#cil">annos</rdg><note>cf.
l. 2</note></app></listApp></div></body></text></TEI>""",
    )
    entries = [" ".join(li.text_content().split()) for li in doc.xpath("//ul[@class='listApp']/li")]
    assert entries == ["3 Mommsen: vixit", "4 annis ] annos cil (cf. l. 2)"]


def test_a_witness_labelled_by_its_siglum_is_cited_by_it(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 27 (a Cicero edition's <witness xml:id="B.c"><label>B<hi rend="sup">c</hi>
    </label>): the apparatus cited the witness by its id, "B.c"; its label is its siglum,
    with the corrector's raised letter."""
    doc = _doc("apparatus-fragments", pages)
    (siglum,) = doc.xpath("//ul[@class='listApp']/li[1]//a[@class='siglum']")
    assert siglum.get("href") == "#B.c"
    assert siglum.text_content() == "Bc"
    assert siglum.xpath("sup/text()") == ["c"]
    assert siglum.get("title") == "corrector of Codex B"
    assert not siglum.xpath(".//@id")
    # the list of witnesses gives the siglum once, with its mark, before the description
    (item,) = doc.xpath("//section[@id='ed-witnesses']//li[@id='B.c']")
    assert " ".join(item.text_content().split()) == "Bc corrector of Codex B"
    assert item.xpath("span[@class='siglum']/sup/text()") == ["c"]


def test_an_entry_attached_without_a_lemma_cites_the_words_it_is_about(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """Probe 27 (the Lucullus's listApp, <app from="#w2"><rdg wit="#B">navim</rdg></app>):
    an entry apart with no lemma printed its reading alone, "1 navim Bc"; it cites the
    text's words it is attached to, from its @from to its @to, as a lemma is cited."""
    doc = _doc("apparatus-fragments", pages)
    entries = doc.xpath("//ul[@class='listApp']/li")
    cited = [e.xpath("string(.//span[@class='app-lemma app-cited'])") for e in entries]
    assert cited == ["navem", "navem longam", "ducit"]
    first = " ".join(entries[0].xpath("string(span[@class='app-body'])").split())
    assert first.startswith("navem ] navim")


def test_an_index_entry_in_a_heading_is_no_word_of_the_contents(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """The terms of an index entry are the index's words: a heading holding one is "Bees" in
    the contents, not "BeesBees"; the heading itself keeps the entry's anchor."""
    doc = _doc("subjects", pages)
    toc = [
        " ".join(a.text_content().split()) for a in doc.xpath("//nav[contains(@class, 'toc')]//a")
    ]
    assert toc == ["Bees"]
    assert doc.xpath("//h2[@id='div-1-head-1']/span[@class='index-anchor']/@id") == [
        "div-1-head-1-ix1"
    ]


def test_a_card_gives_the_relations_of_its_entry(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """The index pages and the book gave an entry's relations (listRelation), its card on
    the reading page did not. The card says them as they do, each other entry linked to its
    index entry; a relation's description follows it, and its @ref is a link when it is a web
    address (a javascript: one is none). A participant of no entry is as written."""
    doc = _doc("relations", pages)
    (karl,) = doc.xpath("//div[@id='ed-card-karl']/p[@class='card-relations']")
    assert " ".join(karl.text_content().split()) == (
        "Relations: parent of Anna Weber (adopted her in 1890); married with Marie Weber"
        " more on this relation; patron Anna Weber"
    )
    assert [(a.get("href"), a.text_content()) for a in karl.xpath(".//a")] == [
        ("persons.html#anna", "Anna Weber"),
        ("persons.html#marie", "Marie Weber"),
        ("https://example.org/marriages/12", "more on this relation"),
        ("persons.html#anna", "Anna Weber"),
    ]
    (anna,) = doc.xpath("//div[@id='ed-card-anna']/p[@class='card-relations']")
    assert " ".join(anna.text_content().split()) == (
        "Relations: child of Karl Weber (adopted her in 1890); colleagues: Marie Weber,"
        " #nobody; Karl Weber, https://example.org/people/7 patron Anna Weber"
    )
    assert "javascript" not in html.tostring(anna, encoding="unicode")


# -- parallel texts (alignment.xsl) ----------------------------------------------------------


def _rows(column: html.HtmlElement) -> dict[str, int]:
    """The row (--row) of each block with an id of a parallel column."""
    return {
        str(block.get("id")): int(re.sub(r".*--row: (\d+).*", r"\1", str(block.get("style"))))
        for block in column.xpath("*[@id] | *[contains(@class, 'parallel-flat')]/*[@id]")
    }


def test_a_text_and_its_translation_are_columns_with_corresponding_blocks_in_rows(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """@corresp on the divisions one way and on the paragraphs both ways (Latin and English),
    both ways on a division, a line group and an ab (Hebrew and English), and the links of a
    linkGrp in the standOff (Arabic and French): one parallel view each, every column in its
    own language and direction, corresponding blocks in one row, a block without a partner
    in a row of its own column."""
    expected = {
        "parallel-latin": (
            [("la", "la", None), ("en", "en", None)],
            [("la-1", "en-1"), ("la-2", "en-2"), ("la-3", "en-3")],
        ),
        "parallel-hebrew": (
            [("he-gen", "he", "rtl"), ("en-gen", "en", None)],
            [("he-v", "en-v"), ("he-3", "en-3")],
        ),
        "parallel-links": (
            [("ar", "ar", "rtl"), ("fr", "fr", None)],
            [("ar-1", "fr-1"), ("ar-3", "fr-2")],
        ),
        "parallel-group": (
            [("t-de", "de", None), ("t-en", "en", None)],
            [("de-1", "en-1"), ("de-2", "en-2")],
        ),
    }
    for name, (columns, pairs) in expected.items():
        (view,) = _doc(name, pages).xpath("//main//div[@class='parallel']")
        found = view.xpath("*[contains(@class, 'parallel-column')]")
        assert [(c.get("id"), c.get("lang"), c.get("dir")) for c in found] == columns, name
        left, right = (_rows(c) for c in found)
        for a, b in pairs:
            assert left[a] == right[b], (name, a, b)
        # the headings share the first row
        assert [c.xpath("string(h2/@style)") for c in found] == ["--row: 1", "--row: 1"]
        # a text's body is seen through: its paragraphs are the blocks in rows
        for wrapper in view.xpath(".//div[contains(@class, 'parallel-flat')]"):
            assert wrapper.get("class") == "body parallel-flat" and wrapper.get("id") is None
    rows = _rows(_doc("parallel-latin", pages).xpath("//section[@id='en']")[0])
    assert rows["en-1"] < rows["en-note"] < rows["en-2"]
    rows = _rows(_doc("parallel-links", pages).xpath("//section[@id='ar']")[0])
    assert rows["ar-1"] < rows["ar-2"] < rows["ar-3"]
    rows = _rows(_doc("parallel-group", pages).xpath("//div[@id='t-de']")[0])
    assert rows["de-1"] < rows["de-ps"] < rows["de-2"]


def test_a_translations_heading_takes_a_row_of_its_own_beside_an_untitled_original(
    tmp_path: Path,
) -> None:
    """Probe 67: beside an original with no heading, the generated "Translation" of the
    translation took the row of the original's poem, and the translated poem began a row
    below it. The heading stands in a row of its own; the two poems share the next."""
    page = _render_text(
        tmp_path,
        "ode",
        tei_text(
            '<div xml:id="lat" xml:lang="la" corresp="#eng"><lg xml:id="lat-lg" type="poem">'
            '<head>Ad Mare</head><l n="1">O mare</l></lg></div><div type="translation" '
            'xml:id="eng" xml:lang="en"><lg xml:id="eng-lg" type="poem"><head>To the Sea</head>'
            '<l n="1">O sea</l></lg></div>'
        ),
    )
    latin, english = page.xpath("//div[@class='parallel']/*")
    assert _rows(latin) == {"lat-lg": 2}
    assert _rows(english) == {"eng-lg": 2}
    assert english[0].tag == "h2" and "--row: 1" in english[0].get("style")


def test_a_correspondence_that_is_no_translation_changes_nothing(
    pages: dict[str, tuple[str, tuple[str, ...]]],
) -> None:
    """A commentary in English corresponding to the Latin, beside the English translation,
    and two English divisions corresponding to each other stay sections in sequence."""
    latin = _doc("parallel-latin", pages)
    assert latin.xpath("//main//section[@id='commentary']/parent::div/@class") == ["body"]
    hebrew = _doc("parallel-hebrew", pages)
    for id_ in ("notes-1", "notes-2"):
        (section,) = hebrew.xpath(f"//main//section[@id='{id_}']")
        assert section.get("class") == "div" and section.get("style") is None


def test_a_parallel_view_keeps_the_words_and_ids_of_the_text_in_sequence(
    tmp_path: Path, pages: dict[str, tuple[str, tuple[str, ...]]]
) -> None:
    """The page of a parallel text has the same text and the same ids as the page of the
    same document without its correspondences (one passage after the other): nothing is
    lost, nothing said twice."""
    for name in ("parallel-latin", "parallel-hebrew", "parallel-links", "parallel-group"):
        source = (DATA / f"{name}.xml").read_text(encoding="utf-8")
        plain = re.sub(r' corresp="[^"]*"|<link target="[^"]*"/>', "", source)
        assert plain != source
        path = tmp_path / f"{name}.xml"
        path.write_text(plain, encoding="utf-8")
        sequence = html.document_fromstring(render(name, path)[0])
        assert not sequence.xpath("//div[@class='parallel']")
        parallel = _doc(name, pages)
        assert parallel.xpath("//div[@class='parallel']")
        words = [" ".join(d.xpath("string(//main)").split()) for d in (parallel, sequence)]
        assert words[0] == words[1], name
        assert sorted(parallel.xpath("//@id")) == sorted(sequence.xpath("//@id")), name


def test_who_described_a_part_of_a_manuscript_or_made_a_division_is_named(
    tmp_path: Path,
) -> None:
    """Probes 3, 4 and 23 (a Bodleian record's msItem resp, a decoDesc resp="#PA") and 15 (a
    translation made by a machine, div resp="#GPT4"): who was responsible was not shown; each
    is named after the part's words, as a note's author is, by the name its pointer finds.
    A second idno typed by its subtype alone is another identifier (probe 18)."""
    header = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>MS 1</title><respStmt xml:id="PA"><resp>catalogued by</resp><persName>Pat Able</persName>
</respStmt><respStmt xml:id="GPT4"><resp>translated by</resp><name>GPT-4</name></respStmt>
</titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>{}</sourceDesc>
</fileDesc></teiHeader><text><body>{}</body></text></TEI>"""
    record = _render_text(
        tmp_path,
        "record",
        header.format(
            """<msDesc><msIdentifier><idno>MS 1</idno><idno subtype="Hinweis">See MS 2.</idno>
</msIdentifier>
<msContents><msItem n="1" resp="#PA"><title>Psalter</title></msItem><msItem n="2"><title>Hymns
</title></msItem></msContents>
<physDesc resp="#PA"><decoDesc resp="#PA"><p>Initials in red.</p></decoDesc>
<bindingDesc><p>Calf.</p></bindingDesc></physDesc></msDesc>""",
            "<p/>",
        ),
    )
    text = _render_text(
        tmp_path,
        "translated",
        header.format(
            "<p>A letter.</p>",
            """<div><head>Original</head><p>Words.</p></div>
<div type="translation" resp="#GPT4"><head>Translation</head><p>Wörter.</p></div>""",
        ),
    )

    def said(doc: html.HtmlElement, xpath: str) -> list[str]:
        return [" ".join(e.text_content().split()) for e in doc.xpath(xpath)]

    assert said(record, "//li[@class='msItem']/p[@class='ms-item-head']") == [
        "1. Psalter — Pat Able",
        "2. Hymns",
    ]
    assert said(record, "//dd[contains(@class, 'ms-decoDesc')]/p") == [
        "Initials in red.",
        "— Pat Able",
    ]
    assert said(record, "//dd[contains(@class, 'ms-bindingDesc')]//p") == ["Calf."]
    assert said(record, "//section[@class='ms-physDesc']/p[@class='note-resp']") == ["— Pat Able"]
    # probe 18: a second idno typed by its subtype alone (a note, the Bullinger letters'
    # "Hinweis") was a second "Shelfmark"
    assert said(record, "//dl[contains(@class, 'ms-identifier')]/dt") == [
        "Shelfmark",
        "Other identifier (Hinweis)",
    ]
    assert said(text, "//div[@class='tei-text']//p[@class='note-resp']") == ["— GPT-4"]
    (translation,) = text.xpath("//section[normalize-space(h2) = 'Translation']")
    assert translation.xpath("*[last()]/@class") == ["note-resp"]


def test_a_gloss_above_and_one_below_one_base_are_drawn_on_either_side(tmp_path: Path) -> None:
    """Probe 9: a ruby with a gloss above and one below (rt/@place) was one HTML ruby of two
    rt, which Chromium draws side by side above the base, and a lone gloss below was drawn
    above too (Chromium reads ruby-position on the ruby only). The glosses above are a ruby
    inside the ruby of the glosses below, and a ruby with a gloss below is classed so."""
    doc = _render_text(
        tmp_path,
        "ruby",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Ruby</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text xml:lang="ja"><body><p>
<ruby><rb>漢字</rb><rt place="above">かんじ</rt><rt place="below">kanji</rt></ruby>と
<ruby><rb>仮名</rb><rt place="below">kana</rt></ruby>と<ruby><rb>字</rb><rt>じ</rt></ruby></p>
</body></text></TEI>""",
    )
    both, below, above = doc.xpath("//p/ruby")
    assert both.get("class") == "ruby ruby-below"
    (inner,) = both.xpath("ruby")
    assert [rt.text for rt in inner.xpath("rt")] == ["かんじ"]
    assert "".join(inner.xpath("text()")) == "漢字"
    assert [rt.text for rt in both.xpath("rt")] == ["kanji"]
    assert below.get("class") == "ruby ruby-below" and above.get("class") == "ruby"
    # where ruby is not drawn, each gloss is in parentheses after what it glosses
    assert " ".join(both.text_content().split()) == "漢字(かんじ)(kanji)"
    for sheet in ("assets/html/edition.css", "assets/epub/book.css"):
        css = (ROOT / sheet).read_text(encoding="utf-8")
        assert "ruby.ruby-below { ruby-position: under; }" in css
        assert "ruby.ruby-below > ruby { ruby-position: over; }" in css


def test_witnesses_nested_in_a_witness_are_a_list_in_its_item(tmp_path: Path) -> None:
    """Probe 15 (a Tamil edition's hands of one manuscript, a witness inside a witness, which
    TEI writes as a listWit inside it): their sigla and words ran into the witness's own,
    "Tamilfirst hand"; they are a list inside its item, and readings cite them."""
    doc = _render_text(
        tmp_path,
        "hands",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Hands</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<listWit><witness xml:id="T">Tamil manuscript<witness xml:id="T1">first hand</witness>
<witness xml:id="T2">second hand</witness></witness><witness xml:id="P">Print</witness></listWit>
</sourceDesc></fileDesc></teiHeader><text><body><p>A <app><lem wit="#T1">word</lem>
<rdg wit="#T2">ward</rdg></app>.</p></body></text></TEI>""",
    )
    (top,) = doc.xpath("//section[@class='witnesses']/ul")

    def words(li: html.HtmlElement) -> str:
        return " ".join("".join(li.xpath("span[@class='siglum']//text() | text()")).split())

    assert [words(li) for li in top.xpath("li")] == ["T Tamil manuscript", "P Print"]
    nested = top.xpath("li[@id='T']/ul[@class='listWit']/li")
    assert [words(li) for li in nested] == ["T1 first hand", "T2 second hand"]
    assert doc.xpath("//li[@class='app-entry']//text()[contains(., 'T2')]")


def test_a_neighbouring_letter_not_published_is_linked_through_the_xml_base(
    tmp_path: Path,
) -> None:
    """Probes 18 and 24 (the Bullinger letters' correspContext, target="file10001" under the
    root's xml:base): a letter the edition does not publish was its id unlinked; the
    xml:base makes the id an address, which the letter head links to. Without one the id
    stays words, as no address can be made of it."""
    letter = """<TEI xmlns="http://www.tei-c.org/ns/1.0"{base}><teiHeader><fileDesc><titleStmt>
<title>Letter</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="sent">
<persName>Heinrich Bullinger</persName><date when="1550-01-01"/></correspAction>
<correspContext><ref type="prev_same_sender" target="file10001"/><ref type="next"
target="https://example.org/l/3">The next</ref></correspContext></correspDesc></profileDesc>
</teiHeader><text><body><p>Words.</p></body></text></TEI>"""

    def links(doc: html.HtmlElement) -> list[tuple[str, str | None]]:
        return [
            (" ".join(li.text_content().split()), li.xpath("string(a/@href)") or None)
            for li in doc.xpath("//li[starts-with(@class, 'corresp-')]")
        ]

    based = _render_text(
        tmp_path, "based", letter.format(base=' xml:base="https://bullinger.example/letter/"')
    )
    assert links(based) == [
        ("Previous letter: file10001", "https://bullinger.example/letter/file10001"),
        ("Next letter: The next", "https://example.org/l/3"),
    ]
    plain = _render_text(tmp_path, "plain", letter.format(base=""))
    assert links(plain) == [
        ("Previous letter: file10001", None),
        ("Next letter: The next", "https://example.org/l/3"),
    ]


def test_every_pointer_of_a_letters_correspondence_context_is_shown(tmp_path: Path) -> None:
    """Probe 107's leftover: a correspContext showed one previous and one next letter and
    left out without a word the correspondence the letter belongs to (the Schnitzler
    letters' ref type="belongsToCorrespondence"), a second previous letter, a related one
    and a part of the same file. Each is shown; where two lead the same way, what their
    types say tells them apart; a type in camelCase or a vocabulary's address
    ("...#hasNextLetter") is read by its words."""
    letter = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Letter</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="sent">
<persName>Hermann Bahr</persName><date when="1890-01-31"/></correspAction><correspContext>
<ref type="belongsToCorrespondence" target="correspondence_10863">Bahr, Hermann</ref>
<ref type="withinCollection" subtype="previous_letter" target="L00034">Collection before</ref>
<ref type="withinCorrespondence" subtype="previous_letter" target="L00030">Ours before</ref>
<ref type="https://example.org/terms#hasNextLetter" target="https://example.org/l/3">After</ref>
<ptr type="answers" target="https://example.org/l/1"/><ref type="hasEnclosure"
target="#beilage">Enclosure</ref><ref type="related">A draft, lost</ref></correspContext>
</correspDesc></profileDesc></teiHeader>
<text><body><p>Words.</p><div xml:id="beilage"><p>Enclosed.</p></div></body></text></TEI>"""
    doc = _render_text(tmp_path, "context", letter)
    shown = [
        (li.get("class"), " ".join(li.text_content().split()), li.xpath("string(a/@href)"))
        for li in doc.xpath("//nav[@class='corresp-context']//li")
    ]
    assert shown == [
        ("corresp-prev", "Previous letter: Collection before (within collection)", ""),
        ("corresp-next", "Next letter: After", "https://example.org/l/3"),
        ("corresp-correspondence", "Correspondence: Bahr, Hermann", ""),
        ("corresp-prev-more", "Previous letter: Ours before (within correspondence)", ""),
        ("corresp-other", "See also: https://example.org/l/1 (answers)", "https://example.org/l/1"),
        ("corresp-other", "See also: Enclosure (enclosure)", "#beilage"),
        # words and no target, unlinked (probe 116: left out)
        ("corresp-other", "See also: A draft, lost (related)", ""),
    ]
    assert doc.xpath("//*[@id='beilage']")
    # the page's <link rel="prev|next"> and the links' rel stay with the one shown as such
    assert doc.xpath("//nav[@class='corresp-context']//a/@rel") == ["external"] * 2


TRANSCRIPT = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Talk</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc><profileDesc><particDesc><listPerson><person xml:id="A">
<persName>Anna</persName></person><person xml:id="B"><persName>Ben</persName></person>
</listPerson></particDesc></profileDesc></teiHeader><text><body><timeline unit="s"
origin="#T0"><when xml:id="T0" absolute="12:00:00"/><when xml:id="T1" interval="2"
since="#T0"/></timeline><u who="#A #B">oh dear</u><u who="#A"><w>so</w><w>what</w><anchor
synch="#T1"/><pause dur="PT0.3S"/><w>now</w><pc>?</pc></u></body></text></TEI>"""


def _said(tmp_path: Path, name: str, tei: str) -> list[str]:
    """The words of each utterance of the page of ``tei``, spaces normalised."""
    doc = _render_text(tmp_path, name, tei)
    return [" ".join(u.text_content().split()) for u in doc.xpath("//div[@class='u']")]


def test_an_event_between_words_of_running_text_stands_apart(tmp_path: Path) -> None:
    """Probe 133: a pause or an incident between two words of an utterance written without
    tokens ran into them, "I was(0.3 s)there", "yes[door slams]no"; an event is between
    words (Guidelines 8.3.2). Punctuation after it keeps its place."""
    talk = TRANSCRIPT.replace(
        '<w>so</w><w>what</w><anchor\nsynch="#T1"/><pause dur="PT0.3S"/><w>now</w><pc>?</pc>',
        'I was<pause dur="PT0.3S"/>there, yes<incident><desc>door slams</desc></incident>no'
        "<vocal><desc>laughs</desc></vocal>.",
    )
    assert talk != TRANSCRIPT
    assert (
        _said(tmp_path, "talk", talk)[1]
        == "Anna I was (0.3 s) there, yes [door slams] no [laughs]."
    )
    # none in a script written without spaces, nor inside a word; a quotation mark and an
    # Arabic comma are a word's (probe 135)
    talk = TRANSCRIPT.replace(
        '<u who="#A #B">oh dear</u>',
        '<u who="#A" xml:lang="zh">我们<pause/>去了<vocal><desc>笑</desc></vocal>北京。</u>'
        '<u who="#A"><w>wh<pause/>ere</w> is, "it"<pause/>"so"</u>'
        '<u who="#A" xml:lang="ar">السوق،<pause/>ثم</u>'
        # an opening mark is no word's (probe 137: "¡ [laugh] Hola")
        '<u who="#A">¡<vocal><desc>laugh</desc></vocal>Hola! ¿<pause/>Qué? "<pause/>yes"</u>',
    )
    said = _said(tmp_path, "events", talk)
    assert said[:4] == [
        "Anna 我们(…)去了[笑]北京。", 'Anna wh(…)ere is, "it" (…) "so"', "Anna السوق، (…) ثم",
        'Anna ¡[laugh] Hola! ¿(…) Qué? "(…) yes"',
    ], said  # fmt: skip


def test_segments_written_against_each_other_are_one_word(tmp_path: Path) -> None:
    """Probe 145 (the Guidelines' own scansion, 6.2): a seg is an arbitrary segment, as
    often a part of a word as a word (17.3), and "<seg>Ar</seg><seg>ma </seg>" read "Ar ma",
    "<seg>The cur</seg><seg>few tolls</seg>" "The cur few"; one before a capital, a seg
    typed as a word or a token, and one holding tokens stay words apart, and so do a seg and
    another token, and a seg before a digit, a mark or a letter of no case."""
    doc = _render_text(
        tmp_path,
        "segs",
        tei_text(
            '<lg><l><seg type="foot"><seg type="syll">Ar</seg><seg type="syll">ma </seg><seg '
            'type="syll">vi</seg></seg><seg type="foot"><seg type="syll">rum</seg><seg '
            'type="syll">que </seg></seg></l><l><seg type="foot">The cur</seg><seg '
            'type="foot">few tolls</seg> the knell</l></lg><p>A <seg>pre</seg><seg>fix</seg> '
            '<seg type="token">one</seg><seg type="token">two</seg> <seg>Verlag</seg><seg>Die '
            "Fackel</seg></p><p>B <w>the</w><seg>cat</seg> <persName>Anna</persName><seg>went"
            "</seg> <seg>1850</seg><seg>1851</seg> <seg>Hello.</seg><seg>“Yes”</seg> <seg>"
            "שלום</seg><seg>עולם</seg> <seg>l</seg><seg>’homme</seg> <seg>Vo</seg><seg>-ca"
            "</seg></p><p>C <seg>He left.</seg><seg>'Wait,' she said.</seg> <seg>cano,</seg>"
            "<seg>troiae</seg> <seg>word</seg><seg>- a dash</seg> <seg>said</seg><seg>'no'"
            "</seg> <seg>John</seg><seg>'s</seg> <seg>l’</seg><seg>homme</seg></p>"
            "<p>D <seg>glo-</seg><seg>ri-</seg><seg>a</seg> <seg>4</seg><seg>to</seg> "
            "<seg>Ar<note>A note.</note></seg><seg>ma</seg> <seg>1</seg><seg>st</seg> "
            "<seg>12</seg><seg>mo.</seg></p>"
            # (probe 159: a symbol, a dash, a number and a quotation end a word)
            "<p>E <seg>word -</seg><seg>and then</seg> <seg>see →</seg><seg>below</seg> "
            "<seg>cost £</seg><seg>five</seg> <seg>1914</seg><seg>was a year</seg> <seg>Psalm "
            "23</seg><seg>verse</seg> <seg>pages 1</seg><seg>to 4</seg> <seg>a +</seg><seg>b"
            "</seg> <seg>'no'</seg><seg>said</seg> <seg>‘yes’</seg><seg>said</seg> <seg>o’"
            "</seg><seg>clock</seg></p>"
            # (probe 162: the break marks of German transcriptions, a soft hyphen, a decade)
            "<p>F <seg>Verständ¬</seg><seg>nis</seg> <seg>Lebens=</seg><seg>gefahr</seg> "
            "<seg>Haupt⸗</seg><seg>stadt</seg> <seg>Silben\u00ad</seg><seg>trennung</seg> "
            "<seg>1990</seg><seg>s</seg> <seg>a =</seg><seg>b</seg></p>"
            # (probe 164: an English possessive, a word after an apostrophe, a capital after
            # a hyphen, a year before "to", a decade and a number, segs typed as phrases)
            "<p>G <seg>the dogs’</seg><seg>tails</seg> <seg>He said</seg><seg>’tis true</seg> "
            "<seg>pre-</seg><seg>War</seg> <seg>from 1914</seg><seg>to</seg> 1918 <seg>60</seg>"
            '<seg>s</seg> <seg>4</seg><seg>s</seg> <seg type="phrase">In the beginning</seg>'
            '<seg type="phrase">was the word</seg> <seg xml:lang="it">dell’</seg><seg>anno'
            "</seg> <seg>we</seg><seg>’ll</seg> <seg>mid-</seg><seg>1990s</seg> "
            '<seg xml:lang="it">un po’</seg><seg>di</seg></p>'
        ),
    )
    lines = [" ".join(e.text_content().split()) for e in doc.xpath("//main//*[@class='l']")]
    assert lines == ["Arma virumque", "The curfew tolls the knell"], lines
    paragraph = doc.xpath("//main//p[starts-with(normalize-space(), 'A ')]")[0]
    assert " ".join(paragraph.text_content().split()) == "A prefix one two Verlag Die Fackel"
    # a seg beside another token, or before a digit, a mark or a letter of no case, is a
    # word apart (probe 146: "thecat", "Annawent", "18501851", "שלוםעולם"); before an
    # apostrophe or a hyphen it is not (probe 151: "l ’homme")
    paragraph = doc.xpath("//main//p[starts-with(normalize-space(), 'B ')]")[0]
    assert " ".join(paragraph.text_content().split()) == (
        "B the cat Anna went 1850 1851 Hello. “Yes” שלום עולם l’homme Vo-ca"
    )
    # after a stop or a comma, before a hyphen of a dash or a quotation, a seg is a word
    # apart (probe 154: "He left.'Wait,'", "cano,troiae", "word- a dash", "said'no'")
    paragraph = doc.xpath("//main//p[starts-with(normalize-space(), 'C ')]")[0]
    assert " ".join(paragraph.text_content().split()) == (
        "C He left. 'Wait,' she said. cano, troiae word - a dash said 'no' John's l’homme"
    )
    # a syllable's hyphen, a digit and a note's stop end no word (probe 158: "glo- ri- a",
    # "4 to", "Ar¹ ma")
    (paragraph,) = doc.xpath("//main//p[starts-with(normalize-space(), 'D ')]")
    for note in paragraph.xpath(".//*[contains(@class, 'note')]"):
        note.drop_tree()
    assert " ".join(paragraph.text_content().split()) == "D glo-ri-a 4to Arma 1st 12mo."
    # a symbol, a dash after a space, a number but for an ordinal's or a format's ending,
    # and a closing quotation mark end a word (probe 159: "see →below", "word -and then",
    # "1914was"); an elision's apostrophe does not
    (paragraph,) = doc.xpath("//main//p[starts-with(normalize-space(), 'E ')]")
    assert " ".join(paragraph.text_content().split()) == (
        "E word - and then see → below cost £ five 1914 was a year Psalm 23 verse pages 1 to 4 "
        "a + b 'no' said ‘yes’ said o’clock"
    )
    # a word broken by ¬, =, ⸗ or a soft hyphen is one word, and a decade is ("Verständ¬
    # nis", "1990 s": probe 162); an equals sign after a space is a sign
    (paragraph,) = doc.xpath("//main//p[starts-with(normalize-space(), 'F ')]")
    assert " ".join(paragraph.text_content().split()) == (
        "F Verständ¬nis Lebens=gefahr Haupt⸗stadt Silben\u00adtrennung 1990s a = b"
    )
    # a long word's apostrophe is a possessive in English, a word after an apostrophe
    # joins an elided word or is a clitic, a hyphen joins a capital, "to" after a year and
    # "s" after a digit but 0 are words, and so are segs typed as phrases (probe 164:
    # "dogs’tails", "said’tis", "pre- War", "1914to", "beginningwas"); a hyphen joins a
    # digit, and an Italian word cut short is a word (its known gaps: "mid- 1990s", "po’di")
    (paragraph,) = doc.xpath("//main//p[starts-with(normalize-space(), 'G ')]")
    assert " ".join(paragraph.text_content().split()) == (
        "G the dogs’ tails He said ’tis true pre-War from 1914 to 1918 60s 4 s In the "
        "beginning was the word dell’anno we’ll mid-1990s un po’ di"
    )
    # the tests' words check reads the segs as the page does
    _assert_words_kept(tmp_path, "segs", doc)


def test_an_event_beside_an_element_of_words_stands_apart_once(tmp_path: Path) -> None:
    """Probe 135 left: an event beside an element that is no token ran into its words,
    "Anna (1 s)went[coughs]home"; a name beside it (a token) was set apart already, and is
    not twice. The spaces are compared as written, not normalised."""
    talk = TRANSCRIPT.replace(
        '<u who="#A #B">oh dear</u>',
        '<u who="#A"><hi>so</hi><pause dur="PT1S"/><hi>went</hi><vocal><desc>coughs</desc>'
        "</vocal><emph>home</emph> and <persName>Bob</persName><incident><desc>door slams"
        "</desc></incident><choice><sic>lefft</sic><corr>left</corr></choice><pb n='2'/>"
        "<pause/><lb/>now</u>",
    )
    talk = talk.replace("</u>", '</u><u who="#A">hyphen-<lb break="no"/><pause/>ated</u>', 1)
    doc = _render_text(tmp_path, "beside", talk)
    said = doc.xpath("//div[@class='u']")[0].text_content()
    assert " so (1 s) went [coughs] home and Bob [door slams] " in said, said
    assert "  " not in said.strip(), said
    # a pause in a word a break parts takes no space (probe 138: "hyphen-(…) ated")
    assert "hyphen-(…)ated" in doc.xpath("//div[@class='u']")[1].text_content()


def test_a_regularisation_of_low_certainty_says_so(tmp_path: Path) -> None:
    """Probe 114 (P.Oxy. 1.119: <reg cert="low">ἀπενέγκας</reg>): a supplied letter of low
    certainty was marked, a regularisation of low certainty read as sure."""
    doc = _render_text(
        tmp_path,
        "cert",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Cert</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p>οὐκ <choice><reg
cert="low">ἀπενέγκας</reg><orig>ἀπενηχες</orig></choice> <choice><reg>με</reg><orig>μαι</orig>
</choice></p></body></text></TEI>""",
    )
    (doubted, sure) = doc.xpath("//span[contains(@class, 'reg')]")
    assert "cert-low" in doubted.get("class").split()
    assert doubted.get("title") == "original spelling: ἀπενηχες; certainty: low"
    assert "cert-low" not in sure.get("class").split()
    assert sure.get("title") == "original spelling: μαι"


def test_a_leaf_of_a_manuscript_is_a_folio(tmp_path: Path) -> None:
    """Probe 110: a manuscript's page break n="1r" read "p. 1r"; a leaf recto or verso (a
    column too, "12vb") is a folio, "f. 1r", and a page number stays "p. 12"."""
    doc = _render_text(
        tmp_path,
        "leaves",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Leaves</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p><pb n="1r"/>One <pb n="12vb"/>
two <pb n="12"/>three <pb n="iv"/>four <pb n="IIr"/>five <pb n="13V"/>six</p></body></text>
</TEI>""",
    )
    marks = [" ".join(n.text_content().split()) for n in doc.xpath("//span[@class='pb-n']")]
    assert marks == [
        "folio f.1r",
        "folio f.12vb",
        "page p.12",
        "page p.iv",
        # a flyleaf, a capital verso (probe 116)
        "folio f.IIr",
        "folio f.13V",
    ], marks


def test_an_utterance_names_every_speaker_and_a_pause_stands_apart(tmp_path: Path) -> None:
    """Probe 110: an utterance of two speakers (u who="#A #B", att.ascribed takes several)
    named the first alone, "Anna oh dear", where the index counts it as Ben's too; a pause
    written against the token before it, past an anchor of the timeline, ran into it: "so
    what(0.3 s)now?"."""
    doc = _render_text(tmp_path, "talk", TRANSCRIPT)
    said = [" ".join(u.text_content().split()) for u in doc.xpath("//div[@class='u']")]
    assert said == ["Anna, Ben oh dear", "Anna so what (0.3 s) now?"]
    # a speaker of no name by the label it has (probe 110: its id, "SPK1")
    unnamed = TRANSCRIPT.replace(
        '<person xml:id="B"><persName>Ben</persName>', '<person xml:id="B" n="Bea">'
    )
    assert unnamed != TRANSCRIPT
    doc = _render_text(tmp_path, "unnamed", unnamed)
    said = [" ".join(u.text_content().split()) for u in doc.xpath("//div[@class='u']")]
    assert said[0] == "Anna, Bea oh dear", said


def test_the_parts_of_a_dictionary_citation_reference_and_etymology_are_words_apart(
    tmp_path: Path,
) -> None:
    """Probe 110: in an entry written without whitespace between its elements, the
    quotations of one citation, the references of one cross-reference and the words of an
    etymology ran together on the page, in the book and in the search ("a bright coloura dull
    colour", "huetint", "colorcolourcolorem"); a citation of running text is left as it was."""
    doc = _render_text(
        tmp_path,
        "dict",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Dictionary</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><entry
xml:id="colour"><form><orth>colour</orth></form><sense><def>a hue</def><cit
type="example"><quote>a bright colour</quote><quote>a dull colour</quote></cit><xr
type="syn"><ref target="#hue">hue</ref><ref target="#tint">tint</ref></xr></sense><etym><mentioned
>color</mentioned><gloss>colour</gloss><mentioned>colorem</mentioned></etym></entry><entry
xml:id="hue"><form><orth>hue</orth></form></entry><entry xml:id="tint"><form><orth>tint</orth>
</form></entry><div><p>As <cit><quote>one</quote><bibl>Two</bibl></cit> said.</p></div></body>
</text></TEI>""",
    )
    (entry,) = doc.xpath("//*[@id='colour']")
    words = " ".join(entry.text_content().split())
    for run in ("a bright colour a dull colour", "hue tint", "color colour colorem"):
        assert run in words, words
    # a phrase of no meaning of its own goes on the word (probe 116: "(hu e)", "colo r")
    joined = _render_text(
        tmp_path,
        "dict-joined",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Dictionary</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><entry xml:id="c">
<form><orth>colour</orth></form><xr>(<ref target="#c">hu</ref><hi rend="italic">e</hi>)</xr>
<etym><mentioned>col</mentioned><c>o</c><mentioned>r</mentioned></etym></entry></body></text>
</TEI>""",
    )
    words = " ".join(joined.xpath("string(//*[@id='c'])").split())
    assert "(hue)" in words and "color" in words, words
    # a part beside a label, a usage or punctuation (probe 117: "fromOld French abeieviaLatin",
    # "abbotandabbey", "tinctus,dyedarttingere")
    labelled = _render_text(
        tmp_path,
        "dict-labelled",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Dictionary</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><entry xml:id="a">
<form><orth>abbey</orth></form><etym><lbl>from</lbl><lang>Old French</lang><mentioned>abeie
</mentioned><lbl>via</lbl><lang>Latin</lang></etym><xr><ref target="#a">abbot</ref><lbl>and
</lbl><ref target="#a">abbey</ref></xr><etym><mentioned>tinctus</mentioned><pc>,</pc><gloss>
dyed</gloss><usg type="dom">art</usg><mentioned>tingere</mentioned><pc>(</pc><gloss>x</gloss>
<pc>)</pc></etym></entry></body></text></TEI>""",
    )
    words = " ".join(labelled.xpath("string(//*[@id='a'])").split())
    for run in (
        "from Old French abeie via Latin",
        "abbot and abbey",
        "tinctus, dyed art tingere (x)",
    ):
        assert run in words, words
    assert [a.get("href") for a in entry.xpath(".//a[contains(@class, 'ref')]")] == [
        "#hue",
        "#tint",
    ]


def test_a_forms_stress_and_language_are_words_apart(tmp_path: Path) -> None:
    """Probe 161: in a form written without whitespace between its parts, its stress
    pattern and its language (Guidelines 9.3.1) ran into their neighbours on the page, in
    the book and in the search ("cy|ningˈcyning", "DsyllEstressFlang"); the words check of
    the tests knows them as words apart too."""
    doc = _render_text(
        tmp_path,
        "forms",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Dictionary</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><entry
xml:id="c"><form><orth>cyning</orth><hyph>cy|ning</hyph><stress>ˈcyning</stress></form></entry>
<entry xml:id="a"><form><orth>Aorth</orth><pron>Bpron</pron><hyph>Chyph</hyph><syll>Dsyll</syll
><stress>Estress</stress><lang>Flang</lang></form><gramGrp><pos>Gpos</pos></gramGrp></entry>
</body></text></TEI>""",
    )
    assert " ".join(doc.xpath("string(//*[@id='c'])").split()) == "cyning cy|ning ˈcyning"
    words = " ".join(doc.xpath("string(//*[@id='a'])").split())
    assert words == "Aorth Bpron Chyph Dsyll Estress Flang Gpos", words
    assert doc.xpath("//*[@id='a']//span[@class='dict-stress']/text()") == ["Estress"]
    _assert_words_kept(tmp_path, "forms", doc)


def test_the_features_a_token_points_at_are_its_title(tmp_path: Path) -> None:
    """A token's @ana pointing at feature structures (a morphological analysis kept in an
    fvLib) showed nothing of them; their features, "name: value", follow the token's lemma
    in its title, read on hover; the structures themselves stay out of the text."""
    doc = _render_text(
        tmp_path,
        "features",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Features</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p><w ana="#gen">Hundes</w>
<w lemma="bellen" ana="#verb #gen">bellt</w> <w ana="#nowhere">laut</w>.</p>
<fvLib><fs xml:id="gen" type="morph"><f name="case"><symbol value="genitive"/></f>
<f name="num"><string>sg</string></f><f name="def"><binary value="true"/></f></fs>
<fs xml:id="verb"><f name="tense"><vColl><symbol value="present"/><symbol value="past"/></vColl>
</f><f name="mood"/></fs></fvLib></body></text></TEI>""",
    )
    tokens = doc.xpath("//p[@id='body-p-1']/span[@class='w']")
    assert [(w.text, w.get("title")) for w in tokens] == [
        ("Hundes", "case: genitive; num: sg; def: true"),
        ("bellt", "lemma: bellen; case: genitive; num: sg; def: true; tense: present, past"),
        ("laut", None),
    ]
    assert " ".join(doc.xpath("string(//div[@class='tei-text'])").split()) == "Hundes bellt laut."


def test_a_menota_tokens_morphology_is_its_title(tmp_path: Path) -> None:
    """Probe 19 (Menota's Old Norse transcriptions): a token's me:msa, its morphosyntactic
    analysis, was not shown; it is its morphology, after its lemma, as @msd is."""
    doc = _render_text(
        tmp_path,
        "menota",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:me="http://www.menota.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>Menota</title></titleStmt><publicationStmt><p>Test.</p>
</publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body>
<p><w lemma="konungr" me:msa="xNC gM nS cN sI"><choice><me:dipl>kononngr</me:dipl>
<me:norm>konungr</me:norm></choice></w> <w me:msa="xVB fF tPS mIN vA nS p3">reið</w></p>
</body></text></TEI>""",
    )
    assert [w.get("title") for w in doc.xpath("//p/span[@class='w']")] == [
        "lemma: konungr; morphology: xNC gM nS cN sI",
        "morphology: xVB fF tPS mIN vA nS p3",
    ]


def test_an_empty_character_of_an_undeclared_rendition_is_named(tmp_path: Path) -> None:
    """Probe 24 (the Schnitzler letters' <c rendition="#kaufmannsund"/>, the "&" of
    "Holzwarth & Ortony", declared in the project's schema alone): nothing showed; the
    rendition's name stands in brackets, as an undeclared glyph's does, while an empty c of a
    declared rendition stays empty."""
    doc = _render_text(
        tmp_path,
        "character",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Character</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc><encodingDesc><tagsDecl><rendition xml:id="sup"
scheme="css">vertical-align: super;</rendition></tagsDecl></encodingDesc></teiHeader><text>
<body><p>Holzwarth <c rendition="#kaufmannsund"/> Ortony <c rendition="#sup"/>.</p></body>
</text></TEI>""",
    )
    (p,) = doc.xpath("//div[@class='tei-text']//p")
    for anchor in p.xpath("a[@class='anchor']"):
        anchor.drop_tree()
    assert " ".join(p.text_content().split()) == "Holzwarth [kaufmannsund] Ortony ."
    (named,) = p.xpath("span[contains(@class, 'g-decl')]")
    assert named.get("title") == "kaufmannsund"


def test_a_pointer_at_a_work_of_a_bibliography_file_opens_its_card(tmp_path: Path) -> None:
    """biblreg left it: a work of a bibliography kept in a file of its own had no card, a
    pointer at it a link alone. A ptr, a ref, a name (rs) and a short reference (bibl/@ref) at
    the work get the card button a name gets; the card is the work's, named by its short form
    ("Lettich 1983", the note in the surname read out of it), giving the entry formatted as
    the bibliography page formats it (the notes in place, no id of the entry's twice) and
    leading to its entry on bibliography.html. A pointer at a text's own bibl ("#b1") is no
    work of the registers: no card."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "bibliography").mkdir()
    (tmp_path / "bibliography" / "works.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>W'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        '</sourceDesc></fileDesc></teiHeader><standOff><listBibl><bibl xml:id="lettich1983">'
        '<author><persName xml:id="gl"><forename>Giovanni</forename> <surname>Lettich<note>the'
        " epigraphist</note></surname></persName></author>, <title>Le iscrizioni</title>, "
        '<date when="1983">1983</date></bibl></listBibl></standOff></TEI>',
        encoding="utf-8",
    )
    work = "../bibliography/works.xml#lettich1983"
    source = tmp_path / "texts" / "cites.xml"
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>C'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body>"
        f'<p xml:id="c">See <ptr target="{work}"/>, <ref target="{work}">his book</ref>, the'
        f' <rs type="work" ref="{work}">Iscrizioni</rs>, <bibl ref="{work}">Lettich</bibl>'
        ' and <ref target="#b1">ours</ref>.</p><listBibl><bibl xml:id="b1"><title>Ours</title>'
        "</bibl></listBibl></body></text></TEI>",
        encoding="utf-8",
    )
    report = Report()
    corpus = load_corpus([tmp_path], report)
    assert not report.errors, [d.message for d in report.diagnostics]
    params = {"registers": XmlText(corpus.registers), "stem": "cites", "messages": messages("en")}
    (text,) = [t for t in corpus.texts if t.stem == "cites"]
    doc = html.document_fromstring(
        engine().stylesheet("html/page").transform(text.normalized, params).output
    )
    passage = doc.get_element_by_id("c")
    # each link to the work, then its card's button, as a name's
    after = [
        (a.text_content(), a.get("href"), a.getnext().get("popovertarget"))
        for a in passage.iter("a")
        if (a.get("href") or "").startswith("bibliography.html")
    ]
    button = "ed-card-lettich1983"
    assert after == [
        ("Lettich 1983", "bibliography.html#lettich1983", button),
        ("his book", "bibliography.html#lettich1983", button),
        ("Iscrizioni", "bibliography.html#lettich1983", button),
        ("Lettich", "bibliography.html#lettich1983", button),
    ]
    assert {b.get("aria-label") for b in passage.iter("button")} == {"About Lettich 1983"}
    (card,) = doc.find_class("entity-card")
    assert card.get("id") == button and "kind-bibl" in card.get("class", "")
    assert card.find_class("card-kind")[0].text_content() == "Work"
    assert card.find_class("card-title")[0].text_content() == "Lettich 1983"
    (citation,) = card.find_class("card-citation")
    # the note in its place, as a bibliography's note reads on a reading page
    assert " ".join(citation.text_content().split()) == (
        "Giovanni Lettich (the epigraphist) , Le iscrizioni, 1983"
    )
    assert citation.xpath(".//@id") == [], "the entry's ids are the registers', not the page's"
    assert card.xpath(".//p[@class='card-more']/a/@href") == ["bibliography.html#lettich1983"]


def test_a_quotation_among_the_words_of_a_closer_runs_in_them(tmp_path: Path) -> None:
    """Probe 48 (a Syriaca record's decoNote: "written the word ..., <quote>goose</quote>."):
    a quote inside an element that is no paragraph was a block quote, its full stop alone on
    the line under it. Among words it runs in them; a quote standing alone between blocks is
    still a block quote."""
    doc = _render_text(
        tmp_path,
        "closer",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Letter</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><div>
<p>Dear friend,</p><quote>Omnia vincit amor.</quote>
<closer>Yours, as the motto says, <quote>semper idem</quote>.</closer>
</div></body></text></TEI>""",
    )
    assert [q.text_content() for q in doc.xpath("//main//blockquote")] == ["Omnia vincit amor."]
    (quote,) = doc.xpath("//main//*[contains(@class, 'closer')]//*[contains(@class, 'quote')]")
    assert quote.tag == "span" and quote.text_content() == "semper idem"


def test_a_paragraph_with_nothing_in_it_has_no_pilcrow(tmp_path: Path) -> None:
    """Probe 48 (a Hebrew play of the Ben-Yehuda project: "<p>\\n</p>", "<p><br/></p>"): an
    empty paragraph was a pilcrow alone on its line. It keeps its anchor; a paragraph of words,
    or of a gap, keeps its link."""
    doc = _render_text(
        tmp_path,
        "empty-p",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Play</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><div>
<p xml:id="e1">
</p><p xml:id="e2"><lb/> </p><p xml:id="w1">Words.</p>
<p xml:id="g1"><gap reason="illegible" quantity="2" unit="line"/></p>
</div></body></text></TEI>""",
    )
    linked = [str(h) for h in doc.xpath("//main//a[@class='anchor']/@href")]
    assert linked == ["#w1", "#g1"]
    assert doc.xpath("//main//p[@id='e1'] and //main//p[@id='e2']")


def test_a_subtitle_in_another_language_is_shown_once_and_dates_keep_their_order(
    tmp_path: Path,
) -> None:
    """Probe 48 (al-Zuhūr, an Arabic journal: its titleStmt's Arabic title and English
    subtitle "TEI edition"): the subtitle stood under the title twice, once as the subtitle
    and once as a parallel title, and the date of the last revision, the interface's words in
    the Arabic page's direction, read "December 2022 21"."""
    doc = _render_text(
        tmp_path,
        "zuhur",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="ar"><teiHeader><fileDesc>
<titleStmt xml:lang="en"><title xml:lang="ar">مجلة الزهور</title>
<title type="sub" xml:lang="en">TEI edition</title></titleStmt>
<publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>
</fileDesc><revisionDesc><change when="2022-12-21">x</change></revisionDesc></teiHeader>
<text><body><p>بدت منذ مدة</p></body></text></TEI>""",
    )
    header = doc.xpath("//header[@class='text-header']")[0]
    shown = [p.text_content().strip() for p in header.xpath("p[contains(@class, 'title')]")]
    assert shown == ["TEI edition"]
    (subtitle,) = header.xpath("p[@class='subtitle']")
    assert (subtitle.get("lang"), subtitle.get("dir")) == ("en", "ltr")
    (revised,) = header.xpath(".//p[@class='revised']/time")
    assert (revised.text, revised.get("dir")) == ("21 December 2022", "ltr")


def test_the_plain_modes_own_rules_leave_the_other_modules_rules_to_them() -> None:
    """common/base.xsl ends mode r:plain with rules of its own for what the built-in rule does
    (Saxon tried a node no rule matches against every copy of the module, one per importing
    module); its element rule must leave every element another module gives an r:plain rule
    to that rule, which has a lower import precedence than base.xsl's first copy."""
    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    left: set[str] = set()
    others: dict[str, set[str]] = {}
    for sheet in sorted((ROOT / "xslt").rglob("*.xsl")):
        for template in etree.parse(str(sheet)).iter(f"{xsl}template"):
            if "r:plain" not in (template.get("mode") or "").split():
                continue
            match = template.get("match") or ""
            if sheet.name == "base.xsl" and template.get("priority") == "-5":
                left |= set(re.findall(r"self::([\w:-]+)", match))
            elif sheet.name != "base.xsl":
                names = {
                    re.split(r"[\[(]", step.strip(), maxsplit=1)[0] for step in match.split("|")
                }
                others[sheet.name] = names
    assert others, "no other module has an r:plain rule: the exclusion can go"
    for sheet_name, names in others.items():
        assert names <= left, f"{sheet_name}: {sorted(names - left)} not left to it by base.xsl"


def test_an_entry_attached_by_double_end_points_in_the_text_does_not_print_its_words_again(
    tmp_path: Path,
) -> None:
    """Probe 52 (Guidelines 12.2.2, double-end-point-attached, location internal): an app
    after the words its anchors enclose printed its lemma again, "Whan that Aprille with his
    shoures soote Whan that Aprille"; the words are the base text's, the app is its call."""
    doc = _render_text(
        tmp_path,
        "prologue",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Prologue</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<listWit><witness xml:id="El">Ellesmere</witness><witness xml:id="Ha4">Harley</witness></listWit>
</sourceDesc></fileDesc><encodingDesc><variantEncoding method="double-end-point"
location="internal"/></encodingDesc></teiHeader><text><body><lg><l n="1"><anchor xml:id="A1"/>Whan
that Aprille<anchor xml:id="A2"/> with his shoures soote <app from="#A1" to="#A2"><lem
wit="#El">Whan that Aprille</lem><rdg wit="#Ha4">Whan that Aprill</rdg></app></l><l n="2">The
droghte of March</l></lg></body></text></TEI>""",
    )
    (line,) = doc.xpath("//*[@class and contains(concat(' ', @class, ' '), ' l ')][1]")
    words = " ".join(line.xpath("string(.)").split())
    assert words.count("Whan that Aprille") == 1, words
    # the call is there, and its entry gives the lemma and the reading
    assert doc.xpath("//a[contains(@class, 'app-ref')]"), words
    (entry,) = doc.xpath("//ol[@class='apparatus-list']/li")
    assert " ".join(entry.text_content().split()) == "1 Whan that Aprille El ] Whan that Aprill Ha4"


def test_a_change_of_hand_names_its_hand_once(tmp_path: Path) -> None:
    """Probe 52: a handNote scribe="WilhelmGrimm" describing "Wilhelm Grimm, pencil" and a
    handShift medium="pencil" read "change of hand: WilhelmGrimm: Wilhelm Grimm, pencil,
    pencil"; a scribe the description does not name still comes first."""
    doc = _render_text(
        tmp_path,
        "hands",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Hands</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc><profileDesc><handNotes><handNote xml:id="h1"
scribe="WilhelmGrimm">Wilhelm Grimm, pencil</handNote><handNote xml:id="h2"
scribe="Caroline">brown ink</handNote></handNotes></profileDesc></teiHeader><text><body><p>One
<handShift new="#h1" medium="pencil"/>two <handShift new="#h2" medium="pencil"/>three</p>
</body></text></TEI>""",
    )
    titles = [s.get("title") for s in doc.xpath("//*[contains(@class, 'handShift')]")]
    assert titles == [
        "change of hand: Wilhelm Grimm, pencil",
        "change of hand: Caroline: brown ink, pencil",
    ]


def test_a_split_line_steps_by_the_words_its_earlier_parts_show(tmp_path: Path) -> None:
    """Probe 156: the later parts of a split line stood the width of every reading of an app
    and of both sides of a choice further right ("Odo piussanctissimus ..."); they step by
    the words the reading text shows: the lemma, the correction, no note, no deletion."""
    doc = _render_text(
        tmp_path,
        "split-readings",
        tei_text(
            '<lg><l n="1" part="I">Odo <app><lem wit="#A">pius</lem><rdg wit="#B">sanctissimus'
            " et beatissimus</rdg></app>,<note>A note.</note></l>"
            '<l n="1" part="M">pa<lb break="no"/>stor <del>bonus</del></l>'
            '<l n="1" part="F">ovium.</l><l n="2" part="I">Rex <choice><sic>glorie</sic>'
            '<corr>gloriae</corr></choice></l><l n="2" part="F">regnans.</l></lg>'
        ),
    )
    parts = doc.xpath("//div[contains(@class, 'part-')]")
    assert [p.get("data-before") for p in parts] == [
        None,
        "Odo pius,",
        "Odo pius, pastor",
        None,
        "Rex gloriae",
    ]


def test_a_line_split_by_next_and_prev_is_one_line_in_parts(tmp_path: Path) -> None:
    """Probe 52: l next="#v11b" and l prev="#v11a" (the Guidelines' way of joining the parts
    of a discontinuous element) were two lines, each counted; they are read as part="I" and
    "F" are: the second starts where the first ended, and the line is counted once."""
    doc = _render_text(
        tmp_path,
        "split",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Split</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc>
<p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><lg><l>One</l><l>Two</l>
<l>Three</l><l xml:id="a" next="#b">Oft Scyld</l><l xml:id="b" prev="#a">Scefing</l>
<l>Five</l><l part="Y">Six</l></lg></body></text></TEI>""",
    )
    lines = doc.xpath("//div[contains(concat(' ', @class, ' '), ' l ')]")
    classes = [line.get("class") for line in lines]
    assert classes == ["l", "l", "l", "l part-i", "l part-f", "l", "l"]
    assert lines[4].get("data-before") == "Oft Scyld"
    # the split line is the fourth; "Five" the fifth, numbered in the margin
    assert [n.text for n in doc.xpath("//*[@class='l-n']")] == ["5"]
    assert "Five" in lines[5].text_content()


def test_a_deletion_an_undo_cancels_is_the_text_again(tmp_path: Path) -> None:
    """Probe 90 (TEI 11.3.4.5): a deletion cancelled by an undo, pointing at it (@target) or
    spanning it (@spanTo), was hidden from the reading view as any deletion: "its old rope"
    read "its rope". It reads as a restored deletion does; one no undo cancels stays a
    deletion."""
    doc = _render_text(
        tmp_path,
        "undo",
        tei_text(
            '<p>its <del xml:id="d1">old</del><undo target="#d1"/> rope</p>'
            '<p>the <del>grey</del><undo spanTo="#end"/> <del>green</del><anchor xml:id="end"/>'
            " <del>blue</del> sea</p>"
        ),
    )
    deletions = doc.xpath("//div[@class='tei-text']//del")
    assert [(d.text, "restored" in d.get("class")) for d in deletions] == [
        ("old", True),
        ("grey", False),
        ("green", True),
        ("blue", False),
    ]
    assert ["ed-dipl" in d.get("class") for d in deletions] == [False, True, False, True]


def test_a_deletion_whose_words_a_restore_holds_is_the_text_again(tmp_path: Path) -> None:
    """Probe 127 (the Faust edition: <del><restore>rückgängig</restore></del>): a restore
    inside its deletion was hidden with it, named "restored" in the diplomatic view alone and
    lost in the book, where a restore around its deletion reads. Both read; a deletion of
    which a restore holds some words only stays a deletion, and the reading view reads the
    words taken back after it."""
    tei = tei_text(
        "<p>A <restore><del>one</del></restore> B <del><restore>two</restore></del> C <subst>"
        "<del><restore>three</restore></del><add>four</add></subst> D <del>five "
        "<restore>six</restore></del> E <del><gap reason='illegible'/><restore>seven"
        "</restore></del> F</p>"
    )
    doc = _render_text(tmp_path, "restore", tei)
    deletions = doc.xpath("//div[@class='tei-text']//del")
    assert [
        (" ".join(d.text_content().split()), "restored" in d.get("class"),
         "ed-dipl" in d.get("class")) for d in deletions
    ] == [
        ("one", True, False), ("two", True, False), ("three", True, False),
        ("five six", False, True), ("[… omitted (illegible)]seven", False, True),
    ]  # fmt: skip
    # (a gap beside the restore keeps the deletion one: probe 130)
    back = doc.xpath("//div[@class='tei-text']//span[@class='restore ed-read']")
    assert [b.text_content() for b in back] == ["six", "seven"]
    assert all(b.getprevious().tag == "del" for b in back)


def test_a_restored_deletion_inside_a_deletion_is_published(tmp_path: Path) -> None:
    """Probe 139: <del><restore><del>one</del></restore> two</del> (a deletion the writer took
    back inside a deletion that stays) failed the text's page and book; the words taken back
    were rendered twice, the second time as HTML in a tree of no document. The reading view
    reads them once, with what a restore inside them holds (an italic word)."""
    tei = tei_text(
        "<p>Zulu <del><restore><del>one</del></restore> two</del> three. Alpha <del>alte "
        '<restore>neue <hi rend="italic">kursive</hi></restore> mehr <restore>zweite</restore>'
        "</del> Ende.</p>"
    )
    doc = _render_text(tmp_path, "nested-restore", tei)
    back = doc.xpath("//div[@class='tei-text']//span[@class='restore ed-read']")
    assert [" ".join(b.text_content().split()) for b in back] == ["one", "neue kursive zweite"]
    assert back[1].xpath("i[contains(@class, 'rend-italic')]/text()") == ["kursive"]
    # what has an id in the words taken back stands once with it (probe 143: a note's call
    # and a name's mention were two elements of one id, and the book failed epubcheck)
    tei = tei_text(
        "<p>x <del>a <restore>b<note>n1</note></restore> c</del> y</p><p><del>a <restore>"
        '<persName ref="#p1">Anna</persName></restore></del> z</p><listPerson><person '
        'xml:id="p1"><persName>Anna</persName></person></listPerson>'
    )
    assert _taken_back_once(tmp_path, "restore-ids", tei) == ["b", "Anna"]
    # nor a note deeper inside them, nor an apparatus entry's call (probe 144)
    tei = tei_text(
        '<p>One <del>old <restore>new <hi rend="italic">deep<note xml:id="nr2">deep note'
        "</note></hi> <app><lem>lem<note>app note</note></lem></app></restore> tail</del> end."
        "</p>"
    )
    assert _taken_back_once(tmp_path, "restore-deep", tei) == ["new deep lem"]


def _taken_back_once(tmp_path: Path, name: str, tei: str) -> list[str]:
    """The words the restores of ``tei`` take back, as the reading view reads them, once its
    page is known to hold no id twice."""
    doc = _render_text(tmp_path, name, tei)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    back = doc.xpath("//div[@class='tei-text']//span[@class='restore ed-read']")
    return [" ".join(b.text_content().split()) for b in back]


def test_a_substitution_undone_reads_as_before_it(tmp_path: Path) -> None:
    """Probe 93 (TEI 11.3.4.5, an undo "undoes" the alteration it names): the deletion of a
    substitution an undo cancelled was read with the addition, "goodfine". An undo naming
    the substitution's deletion or the substitution itself restores the deletion and
    leaves the addition to the diplomatic view; another substitution reads its addition."""
    doc = _render_text(
        tmp_path,
        "undo-subst",
        tei_text(
            '<p>a <subst><del xml:id="d1">good</del><add>fine</add></subst> day,'
            ' a <subst xml:id="s2"><del>cold</del><add>warm</add></subst> night,'
            " a <subst><del>dark</del><add>pale</add></subst> moon."
            '<undo target="#d1"/><undo target="#s2"/></p>'
        ),
    )
    (p,) = doc.xpath("//div[@class='tei-text']//p")
    reading = "".join(
        t
        for t in p.xpath(".//text()")
        if not t.getparent().xpath("ancestor-or-self::*[contains(@class, 'ed-dipl')]")
    )
    assert " ".join(reading.split()) == "a good day, a cold night, a pale moon."
    undone = [i.text for i in p.xpath(".//ins[contains(@class, 'undone')]")]
    assert undone == ["fine", "warm"]


def test_a_longer_deletion_undone_is_the_text_again(tmp_path: Path) -> None:
    """Probe 93: an undo naming a delSpan left its words deleted. They read as a restored
    deletion's do; a delSpan no undo names stays deleted."""
    doc = _render_text(
        tmp_path,
        "undo-span",
        tei_text(
            '<p>one <delSpan xml:id="ds" spanTo="#e1"/>two three<anchor xml:id="e1"/> four,'
            ' <delSpan spanTo="#e2"/>five<anchor xml:id="e2"/> six.<undo target="#ds"/></p>'
        ),
    )
    spans = doc.xpath("//div[@class='tei-text']//del[contains(@class, 'del-span')]")
    assert [(d.text, d.get("class")) for d in spans] == [
        ("two three", "del del-span restored"),
        ("five", "del del-span ed-dipl"),
    ]


def test_a_writing_says_it_was_written_and_by_whom(tmp_path: Path) -> None:
    """Probe 90 (TEI 8.3.5: writing, a passage of written text revealed to participants):
    its words ran into its writer's name, "[Ann Hobbs MILK EGGS]", read as a kinesic's
    description is ("[Bob Hobbs shrugs]")."""
    doc = _render_text(
        tmp_path,
        "writing",
        tei_text(
            '<u who="#ann">Look.</u><writing who="#ann">MILK EGGS</writing>'
            "<u>It says <writing>MILK</writing>.</u>"
            '<writing who="#ann"><desc>a note on the fridge</desc></writing>'
        ).replace(
            "</teiHeader>",
            '<profileDesc><particDesc><listPerson><person xml:id="ann"><persName>Ann Hobbs'
            "</persName></person></listPerson></particDesc></profileDesc></teiHeader>",
        ),
    )
    said = [
        " ".join(i.text_content().split()) for i in doc.xpath("//i[contains(@class, 'writing')]")
    ]
    # a writing described, not transcribed, is its description (probe 92)
    assert said == [
        "[written by Ann Hobbs: MILK EGGS]",
        "[written: MILK]",
        "[Ann Hobbs a note on the fridge]",
    ]


_APPARATUS_HEADER = (
    "<sourceDesc><listWit><witness xml:id='A'>A</witness><witness xml:id='B'>B</witness>"
    "</listWit></sourceDesc></fileDesc><encodingDesc><variantEncoding method='{method}'"
    " location='{location}'/></encodingDesc>"
)


def _critical(tmp_path: Path, name: str, method: str, location: str, body: str) -> html.HtmlElement:
    """The reading page of a critical text of ``body`` declaring its variant encoding."""
    header = _APPARATUS_HEADER.format(method=method, location=location)
    tei = tei_text(body).replace("<sourceDesc><p>x</p></sourceDesc></fileDesc>", header)
    return _render_text(tmp_path, name, tei)


def _entries(doc: html.HtmlElement) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.xpath("//li[@class='app-entry']")]


def _critical_told(
    tmp_path: Path, name: str, body: str
) -> tuple[html.HtmlElement, list[tuple[str, str]]]:
    """The reading page of a critical text of ``body`` in parallel segmentation, and the
    stylesheet's warnings (code, message)."""
    header = _APPARATUS_HEADER.format(method="parallel-segmentation", location="internal")
    source = tmp_path / f"{name}.xml"
    source.write_text(
        tei_text(body).replace("<sourceDesc><p>x</p></sourceDesc></fileDesc>", header),
        encoding="utf-8",
    )
    report = Report()
    corpus = load_corpus([source], report)
    assert not report.errors, [d.message for d in report.diagnostics]
    params = {"registers": XmlText(corpus.registers), "stem": name, "messages": messages("en")}
    page = engine().stylesheet("html/page").transform(corpus.texts[0].normalized, params)
    told = messages_to_diagnostics(page.messages, f"{name}.xml")
    return html.document_fromstring(page.output), [(d.code, d.message) for d in told]


def test_a_witness_detail_outside_its_app_joins_the_entry_of_its_reading(
    tmp_path: Path,
) -> None:
    """Probe 165: a witDetail kept after its line (a member of model.noteLike, allowed where
    a note is: Guidelines 12.1.1; its @target names the reading) was shown as a line of the
    poem, missing from the entry, with the warning "correct its name if it is misspelt". It
    joins the entry of the reading it names, as one inside the app does; so does one in a
    reading, and one naming the app. One naming no reading stays where it is, told apart."""
    doc, told = _critical_told(
        tmp_path, "apart",
        '<lg><l n="1">With <app><lem wit="#A">blosmen</lem><rdg wit="#B" xml:id="r1">'
        "blostmen</rdg></app> ant briddes,</l>"
        '<witDetail target="#r1" wit="#B">corrected by a <hi>later</hi> hand</witDetail>'
        '<l n="2">and <app xml:id="a2"><lem wit="#A">song<witDetail wit="#A">in red</witDetail>'
        '</lem><rdg wit="#B">songe</rdg></app> <witDetail target="#a2" wit="#B">faded'
        "</witDetail>sweet.</l></lg>",
    )  # fmt: skip
    assert _entries(doc) == [
        "1 blosmen A ] blostmen B — B: corrected by a later hand",
        "2 song A ] songe B — A: in red — B: faded",
    ]
    lines = doc.xpath("//div[@class='tei-text']//div[@class='lg']/*")
    assert [" ".join(e.text_content().split()) for e in lines] == [
        "With blosmen1 ant briddes,",
        "and song2 sweet.",
    ]
    assert not doc.xpath("//*[contains(@class, 'tei-unknown')]")
    assert told == []
    # a target of no reading (a line): shown where it stands, and said so, not "misspelt"
    doc, told = _critical_told(
        tmp_path, "nowhere",
        '<lg><l n="1" xml:id="l1">With <app><lem wit="#A">blosmen</lem><rdg wit="#B">'
        'blostmen</rdg></app> ant briddes,</l><witDetail target="#l1" wit="#B">a later hand'
        "</witDetail></lg>",
    )  # fmt: skip
    assert _entries(doc) == ["1 blosmen A ] blostmen B"]
    (apart,) = doc.xpath("//div[@class='witDetail witDetail-apart']")
    assert " ".join(apart.text_content().split()) == "B: a later hand"
    assert [code for code, _ in told] == ["html.witdetail-target"]
    assert 'target="#l1" no reading of the apparatus' in told[0][1]
    assert told[0][1].startswith("a witDetail outside an app")
    # one inside a reading is told so, and may leave out its target (probe 167)
    doc, told = _critical_told(
        tmp_path, "inside",
        '<lg><l n="1">With <app><lem wit="#A">blosmen<witDetail target="#nowhere" wit="#A">'
        'odd</witDetail></lem><rdg wit="#B">blostmen</rdg></app> ant briddes,</l></lg>',
    )  # fmt: skip
    assert [code for code, _ in told] == ["html.witdetail-target"]
    assert told[0][1].startswith("a witDetail inside a reading of an app")
    assert "remove its @target to make it its app's" in told[0][1]


def test_a_lemma_of_blocks_written_against_each_other_is_quoted_as_words_apart(
    tmp_path: Path,
) -> None:
    """Probe 165: a lemma of two paragraphs or lines written without whitespace between them
    was quoted in its entry as one word, "One.Two."; blocks are words apart, as on the page."""
    doc = _critical(
        tmp_path, "blocks", "parallel-segmentation", "internal",
        '<app><lem wit="#A"><p>One.</p><p>Two.</p></lem><rdg wit="#B"><p>Two.</p></rdg></app>'
        '<lg><app><lem wit="#A"><l>Three</l><l>four</l></lem><rdg wit="#B"><l>Four</l></rdg>'
        "</app></lg>",
    )  # fmt: skip
    assert _entries(doc) == ["1 One. Two. A ] Two. B", "2 Three four A ] Four B"]


def test_an_apps_type_is_said_and_its_call_ends_its_last_line(tmp_path: Path) -> None:
    """Probe 165: an app's @type ("classifies the variation", a transposition) was said
    nowhere, while a group's and a reading's were: "dayes eyes A B ] eyes dayes C" read as an
    ordinary variant. The call of an app around whole lines stood on a line of its own after
    them; it ends the lemma's last line (or paragraph), where the lemma ends."""
    doc = _critical(
        tmp_path, "transp", "parallel-segmentation", "internal",
        '<lg><app type="transposition"><lem wit="#A"><l n="1">Vch foul song singeth.</l>'
        '<l n="2">The threstelcoc him threteth oo;</l></lem><rdg wit="#B">'
        "<l>The threstelcoc him threteth oo;</l>\n<l>Vch foul song singeth.</l></rdg></app>"
        '<l n="3">That <app type="transposition"><lem wit="#A">dayes eyes</lem>'
        '<rdg wit="#B">eyes dayes</rdg></app> in dales,</l>'
        '<l n="4">Away <app type="orthographic"><lem wit="#A">is</lem><rdg wit="#B" '
        'type="orthographic">ys</rdg></app> wo.</l></lg>'
        '<app><lem wit="#A"><p>One.</p>\n<p>Two.</p></lem><rdg wit="#B"><p>Two.</p></rdg></app>'
        # a type naming what any entry is (the PTA's 1,338 type="variants"): not said
        '<p>Five <app type="variants"><lem wit="#A">a</lem><rdg wit="#B">b</rdg></app>.</p>',
    )  # fmt: skip
    assert _entries(doc) == [
        "1 Vch … oo; A ] The threstelcoc him threteth oo; Vch foul song singeth. B (transp.)",
        "2 dayes eyes A ] eyes dayes B (transp.)",
        # said once, by the reading
        "3 is A ] ys B (orthographic)",
        "4 One. Two. A ] Two. B",
        "5 a A ] b B",
    ]
    (label,) = doc.xpath("//li[@class='app-entry'][1]//abbr[@class='app-label']")
    assert label.get("title") == "transposed in"
    # the call ends the last line the lemma holds, and the last paragraph
    (app,) = doc.xpath("//div[contains(@class, 'app type-transposition')]")
    assert [c.get("class") for c in app] == ["l", "l"]
    assert [a.text_content() for a in app[1].xpath("a[@class='app-ref']")] == ["1"]
    assert not app.xpath("a[@class='app-ref']")
    (last,) = doc.xpath("//div[@class='app'][p]/p[last()]")
    assert " ".join(last.text_content().split()) == "Two.4"
    assert not doc.xpath("//div[@class='app'][p]/a")


def test_a_list_of_entries_in_the_back_is_titled_as_the_apparatus(tmp_path: Path) -> None:
    """Probe 165: a back/listApp (a double-end-point apparatus) was a bare list, while the
    apparatus of a text in parallel segmentation is titled "Critical apparatus"; one that a
    division's head titles is not titled twice."""
    header = _APPARATUS_HEADER.format(method="double-end-point", location="external")
    tei = (
        tei_text('<p>With <anchor xml:id="s1"/>blosmen<anchor xml:id="e1"/> ant briddes.</p>')
        .replace("<sourceDesc><p>x</p></sourceDesc></fileDesc>", header)
        .replace(
            "</body>",
            '</body><back><listApp><app from="#s1" to="#e1"><lem wit="#A">blosmen</lem>'
            '<rdg wit="#B">blostmen</rdg></app></listApp><div><head>Apparatus of the second'
            ' hand</head><listApp><app from="#s1" to="#e1"><rdg wit="#B">blosmes</rdg></app>'
            "</listApp></div></back>",
        )
    )
    doc = _render_text(tmp_path, "dep", tei)
    (title,) = doc.xpath("//p[@class='apparatus-title']")
    assert title.text_content() == "Critical apparatus"
    lists = doc.xpath("//ul[@class='listApp']")
    assert [ul.get("aria-labelledby") for ul in lists] == [title.get("id"), None]
    assert title.getnext() is lists[0]


def _letter_text(actions: str, text: str, lang: str = "en") -> str:
    """A letter of the sending and receiving ``actions`` whose ``text`` element is ``text``."""
    return (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>'
        "<titleStmt><title>A letter</title></titleStmt><publicationStmt><p>x</p>"
        "</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc><profileDesc>"
        f"<correspDesc>{actions}</correspDesc></profileDesc></teiHeader>{text}</TEI>"
    )


def test_a_letters_head_lists_its_people_and_reads_its_date_ranges(tmp_path: Path) -> None:
    """Probe 165: two addressees read "To John Bellamy; Harriet Bellamy", where the timeline
    read a comma; they are a list of the interface's language, "John Bellamy and Harriet
    Bellamy" (semicolons kept between names holding a comma, probe 86). A sending date
    given as a range had no machine-readable form, where one of @when was a time element:
    in the interface's words each end is one; in the letter's own, a data element holds the
    range in ISO 8601-2 (EDTF)."""
    body = "<text><body><div><p>Dear all.</p></div></body></text>"

    def head(actions: str, lang: str = "en") -> html.HtmlElement:
        doc = _render_text(tmp_path, "letter", _letter_text(actions, body, lang))
        (dl,) = doc.xpath("//dl[@class='corresp']")
        return dl

    dl = head(
        '<correspAction type="sent"><persName>Thomas Ashworth</persName>'
        '<date notBefore="1851-05-06" notAfter="1851-05-09"/></correspAction>'
        '<correspAction type="received"><persName>John Bellamy</persName><persName>Harriet'
        " Bellamy</persName><placeName>London</placeName></correspAction>"
    )
    said = [" ".join(e.text_content().split()) for e in dl]
    assert said == [
        "From", "Thomas Ashworth, between 6 and 9 May 1851",
        "To", "John Bellamy and Harriet Bellamy, London",
    ]  # fmt: skip
    assert [t.get("datetime") for t in dl.xpath(".//time")] == ["1851-05-06", "1851-05-09"]
    assert [t.text for t in dl.xpath(".//time")] == ["6", "9 May 1851"]
    # three, one name holding a comma; a range of the letter's words, and open ones
    dl = head(
        '<correspAction type="sent"><persName>Ashworth, Thomas</persName>'
        '<date from="1852-03-02" to="1852-03-04">2–4 March 1852</date></correspAction>'
        '<correspAction type="received"><persName>Bellamy, John</persName><persName>Bellamy,'
        " Harriet</persName><persName>Paxton</persName></correspAction>"
    )
    assert " ".join(dl[3].text_content().split()) == "Bellamy, John; Bellamy, Harriet and Paxton"
    (data,) = dl.xpath(".//data")
    assert (data.get("value"), data.text) == ("1852-03-02/1852-03-04", "2–4 March 1852")
    # in a German letter the interface's "and" says its language, as the labels do
    dl = head(
        '<correspAction type="received"><persName>Emil Frey</persName><persName>Marie Frey'
        "</persName></correspAction>",
        "de",
    )
    assert " ".join(dl[1].text_content().split()) == "Emil Frey and Marie Frey"
    assert [
        (e.text, e.get("lang")) for e in dl.xpath(".//span[@class='corresp-people']/span[@lang]")
    ] == [("and", "en")]
    # an element of the page, not one of no namespace written xmlns="" (probe 167)
    assert dl.xpath(".//span[@class='corresp-people']/span[@lang]/@xmlns") == []
    dl = head(
        '<correspAction type="sent"><persName>T. A.</persName><date notAfter="1852-12-31">'
        "before the end of 1852</date></correspAction>"
    )
    assert dl.xpath(".//data/@value") == ["[..1852-12-31]"]
    dl = head(
        '<correspAction type="sent"><persName>T. A.</persName><date from="1852-03-02" '
        'cert="low"/></correspAction>'
    )
    assert " ".join(dl[1].text_content().split()) == "T. A., from 2 March 1852 (uncertain)"
    assert dl.xpath(".//time/@datetime") == ["1852-03-02"]


def test_an_enclosure_says_it_is_one(tmp_path: Path) -> None:
    """Probe 165: an enclosure (floatingText type="enclosure" in the letter, a group's text
    type="enclosure" with a title of its own beside the text headed "Letter") was told by a
    border, or by nothing: it is labelled, in the interface's language."""
    text = (
        '<text><group><text type="letter"><body><div><p>I enclose the notice.</p>'
        '<floatingText type="enclosure"><body><p>Received twelve pounds.</p></body>'
        '</floatingText></div></body></text><text type="enclosure"><body><head>Great'
        " Exhibition</head><p>Season tickets.</p></body></text></group></text>"
    )
    actions = '<correspAction type="sent"><persName>T. A.</persName></correspAction>'
    doc = _render_text(tmp_path, "enclosed", _letter_text(actions, text))
    labels = doc.xpath("//*[@class='enclosure-label']")
    assert [label.text for label in labels] == ["Enclosure", "Enclosure"]
    assert labels[0].getparent().get("class") == "floatingText type-enclosure"
    assert " ".join(labels[0].getnext().text_content().split()) == "Received twelve pounds."
    heading = labels[1].getparent().xpath(".//h2 | .//h3")
    assert [h.text_content() for h in heading] == ["Great Exhibition"]
    _assert_words_kept(tmp_path, "enclosed", doc)


def test_a_declared_parallel_segmentation_keeps_its_lemmas_whatever_their_loc(
    tmp_path: Path,
) -> None:
    """Probe 91: the apps of a text declaring parallel segmentation that carried @loc (a
    label of where they are) were read as entries beside a base text, and their lemmas left
    out of the reading text: "I am a <app loc="1"><lem>wondrous</lem>..." read "I am a
    creature"."""
    doc = _critical(
        tmp_path, "ps", "parallel-segmentation", "internal",
        '<lg><l n="1">I am a <app loc="1"><lem wit="#A">wondrous</lem><rdg wit="#B">curious'
        "</rdg></app> creature,</l></lg>",
    )  # fmt: skip
    text = " ".join(
        doc.xpath("string(//div[@class='tei-text']//div[contains(@class, 'l')])").split()
    )
    assert text.startswith("I am a wondrous"), text
    assert _entries(doc) == ["1 1 wondrous A ] curious B"]


def test_an_empty_lemma_is_placed_where_its_entry_is_attached(tmp_path: Path) -> None:
    """Probe 91: an empty lemma of an entry kept apart was placed after the word before the
    entry in its list ("post dawn", the lemma of the entry before), not before its anchor;
    one of an entry located by @loc alone after the last word of the text; one in a note
    after the verse's word before the note. And a wit element's words were shown nowhere."""
    doc = _critical(
        tmp_path, "note", "parallel-segmentation", "internal",
        "<p>The hill stands still.<note>The mere<app><lem wit='#A'/><rdg wit='#B'>, or lake,"
        "</rdg></app> lies below.</note></p>",
    )  # fmt: skip
    assert _entries(doc) == ["1 post mere A ] , or lake, B"]
    # kept apart in the back
    tei = (
        tei_text(
            "<p>They work <anchor xml:id='a5'/>from dawn<anchor xml:id='a6'/>.</p>"
            "<p>Our mother sends her love.<anchor xml:id='a7'/> She is well.</p>"
        )
        .replace(
            "</body>",
            "</body><back><div><listApp><app from='#a5' to='#a6'><lem>from dawn</lem>"
            "<rdg wit='#B'/><wit>B (the line wanting)</wit></app><app from='#a7' to='#a7'><lem/>"
            "<rdg wit='#B'>God keep you.</rdg></app><app loc='9'><lem/><rdg wit='#B'>always</rdg>"
            "</app></listApp></div></back>",
        )
        .replace(
            "<sourceDesc><p>x</p></sourceDesc></fileDesc>",
            _APPARATUS_HEADER.format(method="double-end-point", location="external"),
        )
    )
    entries = _entries(_render_text(tmp_path, "kept-apart", tei))
    assert "from dawn ] om. B — B (the line wanting)" in entries[0]
    # a variant inside the lemma of an entry kept apart has its entry (probe 104: CBETA's
    # nested variants were lost)
    nested = tei.replace(
        "<lem>from dawn</lem>",
        "<lem>from <app><lem wit='#A'>dawn</lem><rdg wit='#C'>daybreak</rdg></app></lem>",
    )
    doc = _render_text(tmp_path, "kept-apart-nested", nested)
    inner = [" ".join(li.text_content().split()) for li in doc.xpath("//li[contains(@class, "
             "'app-inner')]")]  # fmt: skip
    assert inner == ["dawn A ] daybreak C"], inner
    assert entries[1].endswith("post love ] God keep you. B")
    assert "post" not in entries[2] and "always B" in entries[2]


def test_an_empty_first_reading_is_placed_before_the_next_apps_shown_words(
    tmp_path: Path,
) -> None:
    """Probe 123 (rdgai's Arabic Gospel of John: apps of readings alone, the first shown):
    an empty first reading was placed "ante" a word of the next verse, past the words the
    next app shows, which are the reading text (Guidelines 12.2.3). And the descriptions of
    a note's relations ran together ("Several words are added.The only change.")."""
    doc = _critical(
        tmp_path, "rdgai", "parallel-segmentation", "internal",
        "<ab n='12'><app><rdg wit='#A'/><rdg wit='#B'>the Lord said</rdg><note><listRelation>"
        "<relation name='r' active='1' passive='2'><desc>Several words are added.</desc>"
        "</relation><relation name='r' active='2' passive='1'><desc>The only change.</desc>"
        "</relation></listRelation></note></app> <app><rdg wit='#A'>spoke again</rdg>"
        "<rdg wit='#B'/></app></ab><ab n='13'><app><rdg wit='#A'/><rdg wit='#B'>to</rdg></app>"
        " Then they said</ab>",
    )  # fmt: skip
    entries = _entries(doc)
    assert entries[0].startswith("1 ante spoke A ] the Lord said B"), entries
    assert "(Several words are added. The only change.)" in entries[0], entries
    assert entries[2].startswith("3 ante Then A ] to B"), entries


def test_a_reading_of_the_editors_responsibility_names_the_editor(tmp_path: Path) -> None:
    """Probe 91: a reading's @resp at a statement of responsibility was cited by its id
    ("hums B ed"), and its title ran the statement's parts together ("edited byJane Roe")."""
    tei = (
        tei_text(
            "<p>He <app><lem wit='#A'>sings</lem><rdg wit='#B' resp='#ed'>hums</rdg></app>.</p>"
        )
        .replace(
            "<title>T</title>",
            "<title>T</title><respStmt xml:id='ed'><resp>edited by</resp><name>Jane Roe</name>"
            "</respStmt>",
        )
        .replace(
            "<sourceDesc><p>x</p></sourceDesc>",
            "<sourceDesc><listWit><witness xml:id='A'>A</witness><witness xml:id='B'>B</witness>"
            "</listWit></sourceDesc>",
        )
    )
    doc = _render_text(tmp_path, "resp", tei)
    (entry,) = doc.xpath("//li[@class='app-entry']")
    # (probe 104: who is responsible is no witness, "according to" them)
    assert " ".join(entry.text_content().split()).endswith("hums B according to Jane Roe")
    (editor,) = entry.xpath(".//*[@class='siglum'][. = 'Jane Roe']")
    assert editor.get("title") == "edited by Jane Roe"
    # "according to" in the interface's language, as the other labels (probe 106)
    (label,) = entry.xpath(".//i[contains(@class, 'app-resp')]")
    assert label.get("lang") == "en"


def test_a_sources_date_given_by_its_two_ends_is_cited_as_a_span(tmp_path: Path) -> None:
    """Probe 104: a source dated <date notBefore="1150" notAfter="1180"/> was cited "Work.
    1150.", the end of the range lost; a dated premiere beside it alike."""
    tei = tei_text("<p>x</p>").replace(
        "<sourceDesc><p>x</p></sourceDesc>",
        "<sourceDesc><bibl><title>Work</title> <date notBefore='1150' notAfter='1180'/> <date "
        "type='premiere' from='1888-10-28' to='1888-11-02'/></bibl></sourceDesc>",
    )
    doc = _render_text(tmp_path, "span", tei)
    cited = " ".join(doc.xpath("string(//p[@class='source'])").split())
    assert "Work. 1150–1180" in cited, cited
    assert "28 October 1888–2 November 1888" in cited, cited


def test_a_readings_own_deletions_marks_and_omissions_are_shown(tmp_path: Path) -> None:
    """Probe 104: a reading is what its witness has (Guidelines 12.1): its deleted words were
    hidden with the diplomatic view ("creaturas B" for "creaturas <del>tuas</del>", a reading
    of a deletion alone read as nothing), and an abbreviation's mark ("p<am>.</am>"); a space
    of no extent (CBETA's omission) read as a blank reading, not "om."; a siglum inside its
    witness's description left "Servius Auctus ()"."""
    body = (
        "<p>Quid <app><lem wit='#A'>Quomodo</lem><rdg wit='#B'><del>Quando</del></rdg></app>"
        " <app><lem wit='#A'>creaturas</lem><rdg wit='#B'>creaturas <del>tuas</del></rdg></app>"
        " <app><lem wit='#A'>alpha</lem><rdg wit='#B'><space quantity='0'/></rdg></app>"
        " <app><lem wit='#A'>penitus</lem><rdg wit='#DS'><abbr>p<am>.</am></abbr></rdg></app>"
        " est.</p>"
    )
    tei = tei_text(body).replace(
        "<sourceDesc><p>x</p></sourceDesc>",
        "<sourceDesc><listWit><witness xml:id='A'>A</witness><witness xml:id='B'>B</witness>"
        "<witness xml:id='DS'>Servius Auctus (<abbr type='siglum'>DS</abbr>)</witness>"
        "</listWit></sourceDesc>",
    )
    doc = _render_text(tmp_path, "rdg-marks", tei)
    entries = _entries(doc)
    assert entries[:3] == [
        "1 Quomodo A ] Quando B", "2 creaturas A ] creaturas tuas B", "3 alpha A ] om. B",
    ], entries  # fmt: skip
    assert entries[3].startswith("4 penitus A ] p.") and entries[3].endswith("DS"), entries
    # shown in the reading view too: no view class hides them
    for deleted in doc.xpath("//li[@class='app-entry']//del"):
        assert "ed-dipl" not in deleted.get("class", ""), html.tostring(deleted)
    assert not doc.xpath("//li[@class='app-entry']//*[contains(@class, 'am ')]"
                         "[contains(@class, 'ed-dipl')]")  # fmt: skip
    witnesses = [" ".join(w.text_content().split()) for w in doc.xpath("//li[@class='witness']")]
    assert "DS Servius Auctus (DS)" in witnesses, witnesses
    # a witness described by a short label in brackets alone is cited by it, not by its id
    # (CBETA's <witness xml:id="wit1">【宋】</witness>: probe 104)
    cbeta = tei.replace("<witness xml:id='B'>B</witness>", "<witness xml:id='B'>【宋】</witness>")
    entries = _entries(_render_text(tmp_path, "rdg-marks-2", cbeta))
    assert entries[0] == "1 Quomodo A ] Quando 【宋】", entries
    # a description in parentheses is no siglum (probe 106: "(lost)")
    lost = tei.replace("<witness xml:id='B'>B</witness>", "<witness xml:id='B'>(lost)</witness>")
    assert _entries(_render_text(tmp_path, "rdg-marks-3", lost))[0] == "1 Quomodo A ] Quando B"
    # full-width parentheses, and labels side by side, are sigla too (probe 109)
    for n, label in enumerate(("（宋）", "【元】【明】"), start=4):
        marked = tei.replace(
            "<witness xml:id='B'>B</witness>", f"<witness xml:id='B'>{label}</witness>"
        )
        assert _entries(_render_text(tmp_path, f"rdg-marks-{n}", marked))[0] == (
            f"1 Quomodo A ] Quando {label}"
        )


@pytest.mark.parametrize(
    ("names", "cited", "title"),
    [
        ("<persName>John Doe</persName><persName>Mary Major</persName>", "John Doe, Mary Major",
         "collated by John Doe, Mary Major"),
        ("<persName>Johannes Doe-Smith</persName><persName>Mary Major</persName>",
         "Johannes Doe-Smith et al.", "collated by Johannes Doe-Smith, Mary Major"),
    ],
)  # fmt: skip
def test_a_reading_of_several_editors_names_them_all(
    tmp_path: Path, names: str, cited: str, title: str
) -> None:
    """Probe 95: a reading's @resp at a statement of responsibility naming two people was
    cited by the first alone, and its title ran their names together."""
    tei = (
        tei_text(
            "<p>He <app><lem wit='#A'>runs</lem><rdg wit='#B' resp='#ed2'>walks</rdg></app>.</p>"
        )
        .replace(
            "<title>T</title>",
            f"<title>T</title><respStmt xml:id='ed2'><resp>collated by</resp>{names}</respStmt>",
        )
        .replace(
            "<sourceDesc><p>x</p></sourceDesc>",
            "<sourceDesc><listWit><witness xml:id='A'>A</witness><witness xml:id='B'>B</witness>"
            "</listWit></sourceDesc>",
        )
    )
    doc = _render_text(tmp_path, "resp2", tei)
    (entry,) = doc.xpath("//li[@class='app-entry']")
    sigla = [(s.text_content(), s.get("title")) for s in entry.xpath(".//*[@class='siglum']")]
    assert sigla[-1] == (cited, title)


def test_a_songs_unnumbered_lines_take_no_number_of_the_speeches_lines(tmp_path: Path) -> None:
    """Probe 93: the unnumbered lines of a song in a speech, after line 9 of a play that
    numbers its lines, took the numbers 10, 11 ... of the count, so that "10" stood in the
    margin twice, beside the song and beside the speech's own line 10."""
    lines = "".join(f"<l n='{n}'>line {n}</l>" for n in range(1, 10))
    song = "<lg type='song'>" + "".join(f"<l>sing {n}</l>" for n in range(1, 8)) + "</lg>"
    body = (
        f"<div type='scene'><sp><speaker>A.</speaker>{lines}</sp><sp><speaker>All.</speaker>"
        f"{song}</sp><sp><speaker>B.</speaker><l n='10'>line 10</l></sp></div>"
    )
    doc = _render_text(tmp_path, "song", tei_text(body))
    assert doc.xpath("//*[@class='l-n']/text()") == ["5", "10"]


def _line_apparatus(tmp_path: Path, name: str, body: str) -> html.HtmlElement:
    """The page of a poem in a div whose apparatus (witnesses A and C) holds whole lines."""
    witnesses = (
        "<sourceDesc><listWit><witness xml:id='A'>A</witness><witness xml:id='C'>C</witness>"
        "</listWit></sourceDesc>"
    )
    tei = tei_text(f"<div>{body}</div>").replace("<sourceDesc><p>x</p></sourceDesc>", witnesses)
    return _render_text(tmp_path, name, tei)


def _numbered(doc: html.HtmlElement) -> list[tuple[str, str]]:
    """Each number in the margin with the words of its line."""
    return [(n.text, n.getparent().text_content()) for n in doc.xpath("//*[@class='l-n']")]


@pytest.mark.parametrize(
    "app",
    [
        # a transposition of lines 3 and 4: lem and rdg hold two lines each
        "<app><lem wit='#A'><l>three</l><l>four</l></lem>"
        "<rdg wit='#C'><l>four</l><l>three</l></rdg></app>",
        # no lem: the first reading is the text, the second a variant
        "<app><rdg wit='#A'><l>three</l><l>four</l></rdg><rdg wit='#C'><l>tres</l></rdg></app>",
        # readings in a group, the text's first
        "<app><rdgGrp><rdg wit='#A'><l>three</l><l>four</l></rdg>"
        "<rdg wit='#C'><l>tres</l><l>cuatro</l></rdg></rdgGrp></app>",
    ],
)
def test_the_lines_of_a_variant_reading_are_not_counted(tmp_path: Path, app: str) -> None:
    """Probe 165: the unnumbered lines of a variant reading (an apparatus at the level of
    lines, Guidelines 12.1) were counted with the text's, so that the apparatus entry showed
    a number inside its reading and the text's fifth line was numbered 7. Only the lines the
    text shows (the lem, else the first reading) are counted and numbered."""
    doc = _line_apparatus(
        tmp_path, "lines", f"<lg><l>one</l><l>two</l>{app}<l>five</l><l>six</l></lg>"
    )
    assert _numbered(doc) == [("5", "5five")]
    (entry,) = doc.xpath("//li[@class='app-entry']")
    assert entry.xpath(".//*[contains(@class, 'rdg')]//*[contains(@class, ' block')]")
    assert not entry.xpath(".//*[@class='l-n']")


def test_the_lines_of_one_reading_each_are_counted_once(tmp_path: Path) -> None:
    """Probe 165: an app without lem whose two readings hold one line each counted both;
    the first reading's line is the text's third, and the sixth line is numbered 5 no more."""
    app = "<app><rdg wit='#A'><l>three</l></rdg><rdg wit='#C'><l>tres</l></rdg></app>"
    lines = "".join(f"<l>{word}</l>" for word in ("four", "five", "six"))
    doc = _line_apparatus(tmp_path, "one-each", f"<lg><l>one</l><l>two</l>{app}{lines}</lg>")
    assert _numbered(doc) == [("5", "5five")]
    assert not doc.xpath("//li[@class='app-entry']//*[@class='l-n']")


def test_lines_aside_from_the_text_take_no_number(tmp_path: Path) -> None:
    """Probe 165: an apparatus of whole stanzas (the lemma's lg in a div) left the lemma's
    lines unnumbered and counted the reading's, lines quoted in a note on a line of the
    poem were counted as the poem's, and a lemma quoted with the editor's signs (a gap)
    in its entry showed the text's line number a second time."""
    stanzas = (
        "<lg><l>one<note>cf. <quote><l>q1</l><l>q2</l></quote></note></l><l>two</l>"
        "<l>three</l></lg><app><lem wit='#A'><lg><l>four</l><l>five<gap/></l><l>six</l></lg>"
        "</lem><rdg wit='#C'><lg><l>cuatro</l><l>cinco</l></lg></rdg></app>"
        "<lg><l>seven</l><l>eight</l><l>nine</l><l>ten</l></lg>"
    )
    doc = _line_apparatus(tmp_path, "stanzas", stanzas)
    numbered = [(n, " ".join(words.split())) for n, words in _numbered(doc)]
    assert numbered == [("5", "5five[… omitted]"), ("10", "10ten")]
    assert not doc.xpath("//li[@class='app-entry']//*[@class='l-n']")


def test_a_location_referenced_entry_links_to_its_line(tmp_path: Path) -> None:
    """Probe 91: the entries of a location-referenced apparatus kept apart (app/@loc "5-6")
    led nowhere; the location links to the line whose @n it names (the first of a range),
    and to none when two lines share the number."""
    lines = "".join(f"<l n='{n}'>line {n}</l>" for n in range(1, 9))
    apparatus = (
        "<div type='apparatus'><listApp><app loc='5-6'><rdg wit='#C'>run together</rdg></app>"
        "<app loc='2'><lem>line</lem><rdg wit='#C'>verse</rdg></app>"
        "<app loc='9'><rdg wit='#C'>no such line</rdg></app>"
        # line 1 of the division numbered 3 (probe 157: "1.2" linked nowhere)
        "<app loc='3.1'><lem>third</lem><rdg wit='#C'>fourth</rdg></app></listApp></div>"
    )
    third = "<div n='3'><lg><l n='1'>third one</l></lg></div>"
    tei = tei_text(f"<lg>{lines}</lg><lg><l n='2'>again</l></lg>{third}{apparatus}").replace(
        "<sourceDesc><p>x</p></sourceDesc></fileDesc>",
        _APPARATUS_HEADER.format(method="location-referenced", location="external"),
    )
    doc = _render_text(tmp_path, "loc", tei)
    locs = doc.xpath("//*[@class='app-loc']")
    assert [(e.tag, e.get("href"), e.text) for e in locs] == [
        ("a", "#l-5", "5-6"),
        ("span", None, "2"),
        ("span", None, "9"),
        ("a", locs[3].get("href"), "3.1"),
    ]
    assert doc.xpath("//*[@id='l-5']")
    (target,) = doc.xpath(f"//*[@id='{locs[3].get('href', '#')[1:]}']")
    assert " ".join(target.text_content().split()).endswith("third one")


@pytest.mark.parametrize("wrapped", [False, True], ids=["bare", "in-a-urn-edition"])
def test_a_canonical_reference_names_the_whole_path_of_divisions(
    tmp_path: Path, wrapped: bool
) -> None:
    """Probe 159: a location "1.2" compared only the last divisions around a line, so that
    book 2, poem 1, line 2 matched it as well as book 1, line 2 (the entry linked nowhere),
    and "3.1" linked to book 2, poem 3, line 1 though no division at the top is numbered 3.
    A reference's parts are the whole path of numbered divisions from the outermost; a
    division numbered by a URN around them (EpiDoc's, Perseus's div type="edition") names
    the work and is no part of it (probe 162: nothing linked in such an edition)."""
    body = (
        "<div type='book' n='1'><lg><l n='1'>one one</l><l n='2'>one two</l></lg></div>"
        "<div type='book' n='2'><div type='poem' n='1'><lg><l n='1'>two one one</l>"
        "<l n='2'>two one two</l></lg></div><div type='poem' n='3'><lg><l n='1'>two three "
        "one</l></lg></div></div>"
        "<div type='apparatus'><listApp><app loc='1.2'><rdg wit='#C'>a</rdg></app>"
        "<app loc='3.1'><rdg wit='#C'>b</rdg></app><app loc='2.1.2'><rdg wit='#C'>c</rdg></app>"
        "<app loc='2.3.1-2'><rdg wit='#C'>d</rdg></app><app loc='1.2.2'><rdg wit='#C'>e</rdg>"
        "</app></listApp></div>"
    )
    if wrapped:
        apparatus = body.index("<div type='apparatus'>")
        body = (
            "<div type='edition' n='urn:cts:greekLit:tlg0001.tlg001.perseus-grc2'>"
            + body[:apparatus] + "</div>" + body[apparatus:]
        )  # fmt: skip
    tei = tei_text(body).replace(
        "<sourceDesc><p>x</p></sourceDesc></fileDesc>",
        _APPARATUS_HEADER.format(method="location-referenced", location="external"),
    )
    doc = _render_text(tmp_path, "nested", tei)
    linked = []
    for loc in doc.xpath("//*[@class='app-loc']"):
        href = loc.get("href")
        target = doc.xpath(f"//*[@id='{href[1:]}']")[0] if href else None
        words = " ".join(target.text_content().split()) if target is not None else None
        linked.append((loc.text, words))
    assert linked == [
        ("1.2", "one two"),
        ("3.1", None),
        ("2.1.2", "two one two"),
        ("2.3.1-2", "two three one"),
        ("1.2.2", None),
    ], linked


def test_an_interpretation_standing_alone_is_no_word_of_the_text(tmp_path: Path) -> None:
    """Probe 133: a lone interp and span were rendered as words ("The defendantmale was
    acquitted.", a paragraph "crime and punishment"), where an interpGrp showed nothing;
    both are interpretive annotation (Guidelines 17.3). A tier's span in a block of a
    transcription is still its words."""
    doc = _render_text(
        tmp_path,
        "interp",
        """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Trial</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>
<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body>
<p xml:id="p1">The defendant<interp type="gender">male</interp> was acquitted.</p>
<p xml:id="p2">Second<interpGrp type="verdict"><interp>notGuilty</interp></interpGrp> one.</p>
<span type="topic" from="#p1" to="#p2">crime and punishment</span>
<annotationBlock who="#a"><u>bonjour <span>à tous</span></u><spanGrp type="translation">
<span>good <span>day</span></span></spanGrp></annotationBlock>
<p>See <ref target="#i2">the interpretation</ref><interp xml:id="i2">negative</interp>.</p>
<interpGrp xml:id="g"><interp xml:id="i3">inner</interp></interpGrp>
<p><ref target="#i3">in</ref></p>
</body></text></TEI>""",
    )
    text = " ".join(doc.xpath("string(//div[@class='tei-text'])").split())
    assert "The defendant was acquitted. Second one." in text
    assert "male" not in text and "crime" not in text and "negative" not in text
    # any span of a transcription's block is its words (probe 135: a nested one was lost)
    assert "bonjour à tous" in text and "good day" in text
    # an interpretation a pointer names keeps its place, and the pointer its link (probe 135)
    (link,) = doc.xpath("//a[. = 'the interpretation']")
    assert link.get("href") == "#i2" and doc.xpath("//*[@id = 'i2'][not(node())]")
    # and one inside a group (probe 137)
    assert doc.xpath("//a[. = 'in']/@href") == ["#i3"] and doc.xpath("//*[@id = 'i3']")


def test_a_note_on_a_note_does_not_fail_the_page(tmp_path: Path) -> None:
    """Probe 149 (high): a note whose @target names another note (a commentary on a
    footnote), standing between paragraphs or in the back, failed the page ("an empty
    sequence is not allowed as the value of parameter $n"): a note is no place of a call.
    The page is written, both notes' words on it, as the book has them."""
    for where in ("body", "back"):
        note = '<note target="#n1">A note on note 1.</note>'
        doc = _render_text(
            tmp_path,
            f"nn-{where}",
            tei_text(
                '<p>Words<note xml:id="n1">First note.</note>.</p>'
                + (note if where == "body" else "")
            ).replace("</body>", "</body>" + (f"<back>{note}</back>" if where == "back" else "")),
        )
        words = " ".join(doc.xpath("string(//article)").split())
        assert "First note." in words and "A note on note 1." in words, words


def test_one_space_character_among_spaced_words_leaves_the_other_spaces(tmp_path: Path) -> None:
    """Probe 152 (high): one <c> </c> in a paragraph of words parted by spaces made every
    other space of the paragraph layout, "The standownerMr Smithcame."; a line whose words
    are parted by space characters (the Folger texts') still reads by them alone."""
    doc = _render_text(
        tmp_path,
        "cspace",
        tei_text(
            "<p>The <w>stand</w> <w>owner</w> <w>Mr</w><c> </c><w>Smith</w> <w>came</w>.</p>"
            "<lg><l>\n<w>Now</w>\n<pc>,</pc>\n<c> </c>\n<w>fair</w>\n<c> </c>\n<w>Hippolyta</w>"
            "\n</l><l><w>I</w> <w>saw</w><c> </c><w>him</w></l></lg>"
        ),
    )
    main = doc.xpath("//main")[0] if doc.xpath("//main") else doc
    words = " ".join(main.text_content().split())
    assert "The stand owner Mr Smith came." in words, words
    assert "Now, fair Hippolyta" in words, words
    # a short line too (probe 155: "Isaw him")
    assert "I saw him" in words, words


def test_a_dates_supplied_words_are_marked_in_the_interfaces_language(tmp_path: Path) -> None:
    """Probe 147: a date of no words in a German text (<date when="1912-02-14"/>) was written
    "14 February 1912", in the interface's English, and marked German with the text; the
    words the edition supplies are marked as the interface's."""
    doc = _render_text(
        tmp_path,
        "tagebuch",
        tei_text('<p>Am <date when="1912-02-14"/> schneit es.</p>', lang="de"),
    )
    (supplied,) = doc.xpath("//span[@class='date-supplied']")
    assert (supplied.text, supplied.get("lang")) == ("14 February 1912", "en")
