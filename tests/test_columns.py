"""Columns of diagnostics: the start tag of an element, the attribute of a reference."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline import columns
from pipeline.columns import (
    StartTags,
    attribute_column,
    attribute_place,
    decode,
    instruction_place,
    start_tag_place,
    token_place,
)
from pipeline.gate import parse_bytes

TEXT = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a <comment> with <tags> -->
<?xml-model href="x.rng"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
  <p>Één <hi>a</hi> <![CDATA[ <fake> ]]> <tei:hi xmlns:tei="http://www.tei-c.org/ns/1.0">b</tei:hi></p>
  <p
     rend="x">multi-line start tag</p>
</body></text></TEI>
"""


def _doc(text: str, name: str = "t.xml"):  # type: ignore[no-untyped-def]
    result = parse_bytes(text.encode("utf-8"), Path(name))
    assert result.document is not None
    return result.document


def _first(doc, local: str):  # type: ignore[no-untyped-def]
    return next(doc.root.iter(f"{{http://www.tei-c.org/ns/1.0}}{local}"))


def test_the_nth_element_is_the_nth_start_tag() -> None:
    doc = _doc(TEXT)
    found = {
        (e.tag.split("}")[1], e.sourceline, doc.column(e))
        for e in doc.root.iter()
        if isinstance(e.tag, str)
    }
    assert found == {
        ("TEI", 4, 1),
        ("text", 4, 42),
        ("body", 4, 48),
        ("p", 5, 3),
        ("hi", 5, 10),  # "Één" counts three characters, not five bytes
        ("hi", 5, 42),  # after a CDATA section holding a "<fake>" tag
        ("p", 7, None),  # its start tag begins on line 6: no column rather than a wrong one
    }


def test_no_column_when_the_text_does_not_match_the_tree() -> None:
    doc = _doc(TEXT)
    other = _doc(TEXT.replace("<hi>a</hi>", "<seg>a</seg>"))
    tags = StartTags(decode(other.data), doc.root)
    hi = next(doc.root.iter("{http://www.tei-c.org/ns/1.0}hi"))
    assert tags.column(hi) is None


def test_text_is_decoded_by_its_mark_or_declaration() -> None:
    assert decode("<a>é</a>".encode("utf-16")) == "<a>é</a>"
    assert decode('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>'.encode("latin-1")) == (
        '<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>'
    )
    assert decode(b"<a/>", "no-such-encoding") is None
    # UTF-32, whose little-endian mark begins with UTF-16's (probe 155: read as UTF-16)
    for order in ("le", "be"):
        data = "\ufeff<a>é</a>".encode(f"utf-32-{order}")
        assert decode(data) == "<a>é</a>", order


def test_a_carriage_return_alone_ends_a_line_as_the_gate_has_it_counted() -> None:
    # the same length as the bytes: offsets found in the text are offsets into the file
    assert decode(b"<a>\r<b/>\r\n<c/>\r</a>") == "<a>\n<b/>\r\n<c/>\n</a>"
    assert decode(b"\xef\xbb\xbf<a>\r</a>") == "<a>\n</a>"
    data = b'<TEI>\r<p>a</p>\r  <p xml:id="x">b</p>\r</TEI>'
    doc = parse_bytes(data, Path("cr.xml")).document
    assert doc is not None
    second = doc.root[1]
    assert StartTags(decode(doc.data), doc.root).element_place(second) == (3, 3)


def test_the_column_of_an_attribute_on_its_line(tmp_path: Path) -> None:
    source = tmp_path / "l.xml"
    source.write_text('<p>\n  <name ref="#a">A</name> <name key="x" ref="#b #c">B</name>\n</p>')
    assert attribute_column(source, 2, "ref", "#a") == 9
    assert attribute_column(source, 2, "ref", "#c") == 41
    assert attribute_column(source, 2, "ref", "#zz") is None
    assert attribute_column(source, 9, "ref", "#a") is None
    source.write_text('<p>\n<name ref="#a">A</name>\n</p>')  # the file changed since
    assert attribute_column(source, 2, "ref", "#a") == 7


def test_an_id_that_begins_another_is_placed_at_its_own_attribute(tmp_path: Path) -> None:
    # probe 52: the dangling "#wgrim" was placed at the "#wgrimm #jgrimm" before it
    source = tmp_path / "g.xml"
    line = '<name ref="p.xml#wgrimm p.xml#jgrimm">A</name> and <name ref="p.xml#wgrim">W</name>'
    source.write_text(f"<p>\n{line}\n</p>")
    assert attribute_column(source, 2, "ref", "wgrim") == line.index('ref="p.xml#wgrim"') + 1
    assert attribute_column(source, 2, "ref", "jgrimm") == 7
    # a token no word is, such as a file's address, is still found in the value
    assert attribute_column(source, 2, "ref", "p.xml") == 7


def test_the_builds_warnings_get_the_column_of_the_one_element_meant(tmp_path: Path) -> None:
    """``placed``: the one element on the warning's line, or among several the one its
    message names (an element, an attribute); no column when that is in doubt."""
    from pipeline import diagnostics as diag
    from pipeline.columns import placed

    text = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        b"  <p>a <blorp>b</blorp> <ref target='x.xml'>c</ref></p>\n"
        b"    <graphic url='a.png'/>\n"
        b"  <p><hi>x</hi> <hi>y</hi></p>\n"
        b"</TEI>"
    )
    result = parse_bytes(text, tmp_path / "t.xml")
    document = result.document
    assert document is not None
    shown = document.display
    found = placed(
        [
            diag.warning(shown, "html.unknown-element", "element blorp has no rendering", 2),
            diag.warning(shown, "build.unresolved-link", '@target="x.xml" names no text', 2),
            diag.warning(shown, "html.image-missing", "image 'a.png' does not exist", 3),
            diag.warning(shown, "x.doubt", "something on this line", 4),
            diag.warning("other.xml", "x.other", "another file's", 3),
        ],
        document,
    )
    assert [d.column for d in found] == [8, 25, 5, None, None]


def test_a_builds_warning_of_a_start_tag_over_lines_is_placed_where_it_begins(
    tmp_path: Path,
) -> None:
    """Probe 120: the build's warning of an element whose start tag spans lines was placed
    at the line where the tag ends (libxml2's), without a column, where the check places it
    at its "<"."""
    from pipeline import diagnostics as diag
    from pipeline.columns import placed

    text = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <p><foo\n   n="a"\n   rend="b">x</foo>'
        b"</p>\n</TEI>"
    )
    # and when another of its name begins where its start tag ends, the warning is the
    # first's (the build tells each name once, of its first element: probe 122)
    second = text.replace(b"</foo></p>", b"</foo> <foo>y</foo></p>")
    for name, written in (("t.xml", text), ("u.xml", second)):
        document = parse_bytes(written, tmp_path / name).document
        assert document is not None
        said = "element foo has no rendering"
        warning = diag.warning(document.display, "html.unknown-element", said, 4)
        (found,) = placed([warning], document)
        assert (found.line, found.column) == (2, 6), name


def test_the_nth_attribute_holding_a_token_is_found(tmp_path: Path) -> None:
    """Two pointers at "#nope" on one line are at two columns, not both at the first."""
    path = tmp_path / "t.xml"
    path.write_text('<p><ref target="#nope">a</ref> and <ref target="#nope">b</ref></p>\n')
    assert attribute_column(path, 1, "target", "nope") == 9
    assert attribute_column(path, 1, "target", "nope", 2) == 41
    assert attribute_column(path, 1, "target", "nope", 3) == 9  # no third: the first


MULTI_LINE = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xl="http://www.w3.org/1999/xlink"><text>
  <p xml:id="p1">Text with <persName
      ref="#nobody"
      type="x" rend="a>b"
      >Anne</persName> <name xml:id="p1"
     type="k">x</name> <ptr xl:href="y.xml"/> <date when="1944-13-01"
       >y</date>.</p>
</text></TEI>
"""


def test_an_attribute_is_placed_on_its_own_line_of_a_start_tag() -> None:
    """A start tag written over several lines is on the line where it ends (libxml2, jing):
    a diagnostic about one of its attributes names the attribute's own line and column."""
    doc = _doc(MULTI_LINE)
    person, name, date, ptr = (_first(doc, n) for n in ("persName", "name", "date", "ptr"))
    assert person.sourceline == 5
    assert doc.attribute_place(person, "ref") == (3, 7)
    assert doc.attribute_place(person, "rend") == (4, 16)  # after a value holding ">"
    assert doc.attribute_place(name, "{http://www.w3.org/XML/1998/namespace}id") == (5, 30)
    assert doc.attribute_place(date, "when") == (6, 53)
    assert doc.attribute_place(ptr, "{http://www.w3.org/1999/xlink}href") == (6, 29)
    # an attribute the tag does not have: the element's line and (no) column
    assert doc.attribute_place(person, "n") == (5, None)


def test_a_pointer_is_found_on_an_earlier_line_of_its_start_tag(tmp_path: Path) -> None:
    source = tmp_path / "m.xml"
    source.write_text(MULTI_LINE)
    assert attribute_place(source, 5, "ref", "#nobody") == (3, 7)
    assert attribute_place(source, 5, "xml:id", "p1") == (5, 30)  # on the line itself
    assert attribute_place(source, 6, "xml:id", "p1") == (5, 30)  # the name's, ending on 6
    # not before the start of the tag: the p's xml:id on line 2 stands before the persName's
    assert attribute_place(source, 4, "xml:id", "p1") == (4, None)
    assert attribute_place(source, 7, "when", "1944-13-01") == (6, 53)
    assert attribute_place(source, 5, "corresp", "#x") == (5, None)


def test_text_is_placed_where_its_words_begin() -> None:
    """Text where none is allowed is told at its first word (jing: at its last), after a
    start tag or after the end of an element, nested elements of its name and empty ones
    passed over; an entity or CDATA section standing for it gives no place."""
    text = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        "  <div><head>H</head>\n"
        "     stray words\n"
        "    <div>  Words first <div><div/></div> after\n"
        "    <lb/> tail of an empty one</div>\n"
        "    <div><p>x</p><![CDATA[cdata]]></div>\n"
        "</div></body></text></TEI>\n"
    )
    doc = _doc(text)
    divs = list(doc.root.iter("{http://www.tei-c.org/ns/1.0}div"))
    head, lb, p = (_first(doc, n) for n in ("head", "lb", "p"))
    assert doc.text_place(head, tail=True) == (3, 6)
    assert doc.text_place(divs[1], tail=False) == (4, 12)
    assert doc.text_place(divs[2], tail=True) == (4, 42)
    assert doc.text_place(lb, tail=True) == (5, 11)
    # the CDATA section's words: the element's own line and column instead
    assert doc.text_place(p, tail=True) == (6, 10)


def test_an_element_is_placed_where_its_start_tag_begins() -> None:
    """Probe 39 (the Davy notebooks: ``<hi xmlns:conf="..."`` and ``rend="underline">`` on
    the next line): an element whose start tag is written over several lines was reported
    at the line the tag ends on (libxml2, jing), without a column; it is placed at its "<"."""
    doc = _doc(TEXT)
    p = list(doc.root.iter("{http://www.tei-c.org/ns/1.0}p"))[1]
    assert (p.sourceline, doc.column(p)) == (7, None)
    assert doc.element_place(p) == (6, 3)
    hi = _first(doc, "hi")
    assert doc.element_place(hi) == (5, 10)  # a tag on one line: its line and column
    # a tree that does not match the text: the element's line, no column
    other = _doc(TEXT.replace("<hi>a</hi>", "<seg>a</seg>"))
    tags = StartTags(decode(other.data), doc.root)
    assert tags.element_place(hi) is None


def test_a_token_of_a_value_over_several_lines_is_placed_at_itself(tmp_path: Path) -> None:
    source = tmp_path / "v.xml"
    source.write_text(
        '<p><ref n="1" target="#a\n'
        '   #b psn:c  doc.xml#a">x</ref> <ref target="#a">y</ref><ref\n'
        '  corresp="#a\n'
        ' #d" type="t"\n'
        ">z</ref></p>\n"
    )
    assert token_place(source, 2, "target", "#b") == (2, 4)
    assert token_place(source, 2, "target", "psn:c") == (2, 7)
    assert token_place(source, 2, "target", "a") == (1, 23)  # by the id it names
    assert token_place(source, 2, "target", "a", 2) == (2, 14)
    # the third "#a" of line 2's tags is on one line: its attribute names it
    assert token_place(source, 2, "target", "a", 3) is None
    assert token_place(source, 5, "corresp", "d") == (4, 2)  # the tag ends on a later line
    assert token_place(source, 2, "corresp", "d") is None  # that tag does not end on line 2
    assert token_place(source, 2, "target", "zz") is None
    assert token_place(source, 9, "target", "a") is None


def test_an_xml_model_is_placed_at_its_mark_or_its_href() -> None:
    """The n-th xml-model of the prolog, matched to the tree's: its "<?", or its href on
    whichever line of the instruction; no place when the text found is not the node's."""
    doc = _doc(
        '<?xml version="1.0"?>\n<!-- <?xml-model href="c.rng"?> --><?xml-model href="a.rng"?>\n'
        '<?xml-model type="x"\n  href="b.rng"?><TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    )
    text = decode(doc.data)
    b, a, _ = doc.root.itersiblings(preceding=True)  # nearest the root first
    assert instruction_place(text, "xml-model", 0, a) == (2, 36)
    assert instruction_place(text, "xml-model", 1, b, "href", "b.rng") == (4, 3)
    assert doc.model_place(1, "b.rng") == (4, 3)
    # a node that is not the instruction at that place, an href of another value: nothing
    assert instruction_place(text, "xml-model", 0, b) is None
    assert instruction_place(text, "xml-model", 1, b, "href", "a.rng") is None
    assert instruction_place(text, "xml-model", 2, b) is None


def test_a_copied_entry_is_placed_at_its_start_tag_in_its_file(tmp_path: Path) -> None:
    """An entry a worker sent back is found, by its name and id, among the start tags that
    end on its line; two such tags there, or none, give no place."""
    path = tmp_path / "r.xml"
    path.write_text(
        '<listPerson>\n  <person xml:id="a">\n  <tei:person\n     xml:id="b">'
        '<person/><person/></listPerson>\n\u00e9 <place xml:id="c">'
    )
    assert start_tag_place(path, 2, "person", "a") == (2, 3)
    assert start_tag_place(path, 4, "person", "b") == (3, 3)  # where the tag begins
    assert start_tag_place(path, 5, "place", "c") == (5, 3)  # in characters
    assert start_tag_place(path, 4, "person", None) is None  # two without an id end there
    assert start_tag_place(path, 2, "person", "b") is None
    assert start_tag_place(path, 2, "place", "a") is None


def test_a_document_asked_about_many_times_is_numbered_once() -> None:
    """Past a few dozen diagnostics the elements are numbered in one walk (10,000 warnings
    of one file each counted the elements before theirs, and the newlines before their
    tags): the places are those found element by element, in any order of asking."""
    body = "".join(
        f'<p n="{i}">w <hi>x</hi><!-- <no> -->\n<lb/>{"<q>y</q>" if i % 3 else ""}</p>\n'
        for i in range(60)
    )
    text = f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n{body}</body></text></TEI>\n'
    doc = _doc(text)
    elements = list(doc.root.iter(etree.Element))
    one_by_one = [StartTags(text, doc.root).element_place(e) for e in elements]
    assert None not in one_by_one
    shared = StartTags(text, doc.root)
    order = elements[::-1] + elements  # backwards, then forwards, past the numbering
    places = {id(e): shared.element_place(e) for e in order}
    assert [places[id(e)] for e in elements] == one_by_one
    last_p = [e for e in elements if e.tag.endswith("}p")][-1]
    line, column = shared.attribute_place(last_p, "n") or (0, 0)
    assert text.splitlines()[line - 1][column - 1 :].startswith('n="59"')


def test_the_problems_of_one_line_are_placed_from_one_reading_of_it(tmp_path: Path) -> None:
    """Probe 136 (a minified export: 16,000 dangling pointers on one line took 245 s to
    place, and held the language server): the line's values are read once, and each token
    is looked up, not searched for; each still lands at its own attribute."""
    refs = "".join(f'<ref target="#nope{i}">r</ref>' for i in range(2000))
    path = tmp_path / "one.xml"
    path.write_text(f"<TEI>\n<p>{refs}<ref target='a.xml#x b/c.xml'/></p></TEI>\n")
    line = path.read_text().splitlines()[1]
    before = columns._values.cache_info().misses
    for i in (0, 999, 1999):
        assert (
            attribute_column(path, 2, "target", f"nope{i}") == line.index(f'target="#nope{i}"') + 1
        )
    assert attribute_column(path, 2, "target", "c.xml") == line.index("target='a.xml") + 1
    assert attribute_column(path, 2, "target", "x") == line.index("target='a.xml") + 1
    assert columns._values.cache_info().misses == before + 1
