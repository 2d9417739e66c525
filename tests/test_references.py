"""Reference integrity: duplicate ids, dangling pointers, wrong kinds, unused entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from pipeline.escapes import percent_decoded
from pipeline.gate import parse_bytes
from pipeline.validate.references import (
    IdFact,
    PointerFact,
    context_files,
    facts,
    pack,
    resolve,
    unpacked,
)

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


def file_facts(tmp_path: Path, name: str, body: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    doc = parse_bytes(body.encode(), path).document
    assert doc is not None
    return facts(doc)


REGISTER = f"""<TEI {TEI}><standOff>
<listPerson>
  <person xml:id="anna"><persName>Anna</persName></person>
  <person xml:id="unused"><persName>Nobody</persName></person>
</listPerson>
<listPlace><place xml:id="ghent"><placeName>Ghent</placeName></place></listPlace>
</standOff></TEI>"""


def codes(diagnostics) -> list[tuple[str, str, int | None]]:  # type: ignore[no-untyped-def]
    return sorted((Path(d.path).name, d.code, d.line) for d in diagnostics)


def test_resolving_pointers_give_no_error_but_unused_entry_warns(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "text.xml",
        f'<TEI {TEI}><text><p><persName ref="#anna">A</persName>\n'
        '<placeName ref="reg.xml#ghent">G</placeName></p></text></TEI>',
    )
    assert codes(resolve([reg, text])) == [("reg.xml", "refs.unused-entry", 4)]


def test_a_name_identified_by_key_uses_the_entry_of_that_id(tmp_path: Path) -> None:
    """Probe 105: a register entry reached by a name's @key alone (the build resolves
    key="unused" to the entry of that id, keyed.py) was "never referenced"; a key naming no
    entry is no dangling pointer."""
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "text.xml",
        f'<TEI {TEI}><text><p><persName ref="#anna">A</persName> <persName key="unused">N'
        '</persName> <persName key="elsewhere">E</persName> <placeName ref="#ghent">G'
        "</placeName></p></text></TEI>",
    )
    assert codes(resolve([reg, text])) == []


def test_places_nested_in_places_are_entries_and_their_container_is_used(
    tmp_path: Path,
) -> None:
    """Probe 57 (TEI's place holds places, Guidelines 13.3.4): a text's pointer at a city
    declared inside its country was "points at nothing" (16 refs.dangling on an edition
    that built), and the country that holds the cities was "never referenced; remove it"."""
    reg = file_facts(
        tmp_path,
        "places.xml",
        f"""<TEI {TEI}><standOff><listPlace>
<place xml:id="empire"><placeName>Russian Empire</placeName>
  <place xml:id="odessa"><placeName>Odessa</placeName>
    <place xml:id="moldavanka"><placeName>Moldavanka</placeName></place></place></place>
<place xml:id="nowhere"><placeName>Nowhere</placeName></place>
</listPlace></standOff></TEI>""",
    )
    text = file_facts(
        tmp_path,
        "text.xml",
        f'<TEI {TEI}><text><p><placeName ref="places.xml#moldavanka">M</placeName></p></text>'
        "</TEI>",
    )
    assert codes(resolve([reg, text])) == [("places.xml", "refs.unused-entry", 5)]


def test_a_register_checked_without_its_texts_calls_no_entry_unused(tmp_path: Path) -> None:
    """Whether an entry is used is known only when every file of its corpus was seen: a
    register checked alone (or re-checked alone by ``edition serve`` after a save) called
    every entry "never referenced" though the texts used them."""
    from pipeline.check import CheckOptions, check

    tei = tmp_path / "tei"
    (tei / "registers").mkdir(parents=True)
    (tei / "texts").mkdir()
    (tei / "registers" / "persons.xml").write_text(REGISTER)
    (tei / "texts" / "a.xml").write_text(
        f'<TEI {TEI}><text><p><persName ref="#anna">A</persName>'
        '<placeName ref="#ghent">G</placeName></p></text></TEI>'
    )
    refs = CheckOptions(checks=frozenset({"refs"}))
    alone = check([tei / "registers" / "persons.xml"], refs)
    assert "refs.unused-entry" not in alone.by_code()
    whole = check([tei], refs)
    assert codes(d for d in whole.diagnostics if d.code == "refs.unused-entry") == [
        ("persons.xml", "refs.unused-entry", 4)
    ]
    both = check([tei / "registers", tei / "texts" / "a.xml"], refs)
    assert both.by_code()["refs.unused-entry"] == 1
    # one file named through a symbolic link to the folder: the corpus is still whole
    (tmp_path / "link").symlink_to(tei, target_is_directory=True)
    linked = check([tmp_path / "link" / "registers", tei / "texts" / "a.xml"], refs)
    assert linked.by_code()["refs.unused-entry"] == 1


def test_pointers_into_a_file_that_cannot_be_read_are_not_dangling(tmp_path: Path) -> None:
    """Probe 150: a register saved half written made every pointer of other files into it
    "points at nothing ... add the entry to a register", entries it holds. Its ids are
    unknown: one warning a pointing file says so; once mended, a missing id is told again."""
    from pipeline.check import CheckOptions, check

    (tmp_path / "registers").mkdir()
    register = tmp_path / "registers" / "persons.xml"
    whole = f'<TEI {TEI}><text><listPerson><person xml:id="p1"/></listPerson></text></TEI>'
    register.write_text(whole[: whole.index("</listPerson>")])
    (tmp_path / "a.xml").write_text(
        f'<TEI {TEI}><text><p><persName ref="registers/persons.xml#p1">A</persName>'
        '<persName ref="registers/persons.xml#p2">B</persName></p></text></TEI>'
    )
    refs = CheckOptions(checks=frozenset({"refs"}))
    for checked in ([tmp_path], [tmp_path / "a.xml"]):
        report = check(checked, refs)
        told = [d for d in report.diagnostics if d.path.endswith("a.xml")]
        assert [(d.code, d.severity.value) for d in told] == [("refs.unread-file", "warning")], (
            report.sorted()
        )
        assert "registers/persons.xml, which cannot be read" in told[0].message
    register.write_text(whole)
    mended = check([tmp_path], refs)
    assert [d.code for d in mended.diagnostics] == ["refs.dangling"], mended.sorted()


def test_an_entry_pointer_while_a_register_cannot_be_read_is_not_dangling(
    tmp_path: Path,
) -> None:
    """Probe 180: with the register of `edition new` not well-formed, a text's
    ref="#example-person" (the form the new edition writes) was "points at nothing ... add
    the entry to a register", of an entry there, and a text checked alone said nothing of the
    register. The register is named, once a file, and its pointers wait until it is mended;
    a pointer at a paragraph of the text is still told."""
    from pipeline.check import CheckOptions, check

    (tmp_path / "registers").mkdir()
    (tmp_path / "texts").mkdir()
    register = tmp_path / "registers" / "persons.xml"
    whole = f'<TEI {TEI}><text><listPerson><person xml:id="p1"/></listPerson></text></TEI>'
    register.write_text(whole.replace("</listPerson>", "<hi></listPerson>"))
    (tmp_path / "texts" / "a.xml").write_text(
        f'<TEI {TEI}><text><p><persName ref="#p1">A</persName> <persName ref="#p2">B'
        '</persName> <ref target="#nowhere">see</ref></p></text></TEI>'
    )
    refs = CheckOptions(checks=frozenset({"refs"}))
    for checked in ([tmp_path], [tmp_path / "texts" / "a.xml"]):
        report = check(checked, refs)
        told = [(d.code, d.severity.value) for d in report.diagnostics if d.path.endswith("a.xml")]
        assert told == [("refs.unread-file", "warning"), ("refs.dangling", "error")], (
            report.sorted()
        )
        unread = next(d for d in report.diagnostics if d.code == "refs.unread-file")
        assert "registers/persons.xml cannot be read" in unread.message, unread.message
    register.write_text(whole)
    mended = check([tmp_path], refs)
    assert sorted(d.code for d in mended.diagnostics) == ["refs.dangling"] * 2, mended.sorted()


def test_abbreviated_pointers_are_read_as_their_prefix_def_says(tmp_path: Path) -> None:
    """Guidelines 16.2.3 (a letters edition whose names point at its personography by
    private URIs, ref="psn:0002"): the pointers were passed over as addresses outside the
    edition, so a pointer to no entry was never told and every entry was "never referenced".
    A prefix declared by the header is expanded (the first declaration whose pattern
    matches); one the header does not declare (gnd:) stays outside."""
    reg = file_facts(tmp_path, "registers/persons.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "letters/l.xml",
        f"<TEI {TEI}><teiHeader><encodingDesc><listPrefixDef>"
        '<prefixDef ident="psn" matchPattern="^([0-9]+)$" replacementPattern="x.xml#$1"/>'
        '<prefixDef ident="psn" matchPattern="([a-z]+)"'
        ' replacementPattern="../registers/persons.xml#$1"/>'
        "</listPrefixDef></encodingDesc></teiHeader><text><p>\n"
        '<persName ref="psn:anna">A</persName> <persName ref="gnd:123">B</persName>\n'
        '<persName ref="psn:ghent">G</persName> <persName ref="psn:nobody">N</persName>'
        "</p></text></TEI>",
    )
    found = resolve([reg, text])
    assert codes(found) == [
        ("l.xml", "refs.dangling", 3),
        ("l.xml", "refs.wrong-kind", 3),
        ("persons.xml", "refs.unused-entry", 4),
    ]
    dangling = next(d for d in found if d.code == "refs.dangling")
    assert dangling.message.startswith(
        '@ref="psn:nobody" (read as ../registers/persons.xml#nobody by its header\'s '
        "prefixDef) on <persName> points at nothing"
    )
    assert dangling.column == 50  # at the attribute as written


def test_dangling_pointer_is_located(tmp_path: Path) -> None:
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text>\n<p><persName ref="#ghost">G</persName></p></text></TEI>',
    )
    [d] = resolve([text])
    assert (d.code, d.line) == ("refs.dangling", 2)
    assert "ghost" in d.message


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("an%6Ea", "anna"), ("caf%c3%a9", "café"), ("w%F0%90%8C%B0", "w𐌰"), ("a%FF", "a%FF"),
        ("%C0%AE", "%C0%AE"), ("%ED%A0%80", "%ED%A0%80"), ("%41%FF", "%41%FF"), ("%01x", "%01x"),
        ("%EF%BF%BF", "%EF%BF%BF"), ("a%4", "a%4"), ("%41-%42", "A-B"),
    ],
)  # fmt: skip
def test_a_fragments_escapes_are_read_as_the_build_reads_them(written: str, read: str) -> None:
    """Probe 132: "#a%FF" was the id "a\ufffd" in the check (Python's unquote) and no
    entry in the build, and messages showed the replacement characters. A run of escapes
    that writes no UTF-8, or a character XML does not allow, stays as written, as
    normalize.xsl's ed:percent-decoded keeps it."""
    assert percent_decoded(written) == read


def test_a_pointer_of_escapes_of_no_utf8_is_told_as_written(tmp_path: Path) -> None:
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text>\n<p xml:id="a&#xFFFD;"><persName ref="#a%FF">G</persName></p>'
        "</text></TEI>",
    )
    [d] = resolve([text])
    assert d.code == "refs.dangling" and '"#a%FF"' in d.message, d.message
    assert (d.line, d.column) == (2, 33)  # at the attribute


def test_pointers_of_escapes_of_no_utf8_are_told_each_at_its_own_value(tmp_path: Path) -> None:
    """Probe 138: "#a%FF" kept as written was looked for among the values' decoded words
    ("a\ufffd"), and told at the first value holding it, "#a%FFb" before it."""
    line = '<p>x <ref target="#a%FFb">one</ref> <ref target="#a%FF">two</ref></p>'
    text = file_facts(tmp_path, "t.xml", f"<TEI {TEI}><text>\n{line}</text></TEI>")
    found = resolve([text])
    assert [(d.line, d.column) for d in found] == [
        (2, line.index('target="#a%FFb') + 1),
        (2, line.index('target="#a%FF"') + 1),
    ], found


def test_a_dangling_pointer_to_a_declaration_asks_for_the_declaration(tmp_path: Path) -> None:
    """Probe 35 (a Fihrist record's <date calendar="#Gregorian"> without a calendarDesc): a
    pointer that names a calendar, a hand or a page image was told to "add the entry to a
    register", where such things are never kept; a name's pointer still is."""
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text>\n<p><date calendar="#Gregorian">no date</date>\n'
        '<add hand="#h2">x</add>\n<persName ref="#ghost">G</persName></p></text></TEI>',
    )
    found = sorted(resolve([text]), key=lambda d: d.line or 0)
    assert [(d.code, d.line) for d in found] == [
        ("refs.dangling", 2),
        ("refs.dangling", 3),
        ("refs.dangling", 4),
    ]
    assert found[0].message.endswith(
        'add a <calendar> in the header\'s calendarDesc with xml:id="Gregorian" or fix the id'
    )
    assert "a <handNote> in the header" in found[1].message
    assert found[2].message.endswith("add the entry to a register or fix the id")


def test_spans_classes_and_changes_are_pointers_too(tmp_path: Path) -> None:
    # Probe 25: a manuscript item classed by a category its taxonomy lacks
    # (msItem class="#verses"), a span to an anchor that is not there (spanTo) and a change
    # attribute naming no change were passed over; those that resolve stay silent
    text = file_facts(
        tmp_path,
        "t.xml",
        f"<TEI {TEI}><teiHeader><encodingDesc><classDecl><taxonomy>"
        '<category xml:id="versus"><catDesc>Versus</catDesc></category></taxonomy>'
        '</classDecl></encodingDesc><revisionDesc><change xml:id="c1">x</change>'
        "</revisionDesc></teiHeader><text>\n"
        '<msItem class="#versus #verses"/>\n'
        '<p change="#c1 #c2"><lb spanTo="#a1"/>x<anchor xml:id="a1"/><lb spanTo="#a2"/></p>'
        "</text></TEI>",
    )
    found = sorted((d.line, d.message.split(" on ")[0]) for d in resolve([text]))
    assert found == [
        (2, '@class="#verses"'),
        (3, '@change="#c2"'),
        (3, '@spanTo="#a2"'),
    ]


def test_renditions_hand_shifts_and_attached_entries_are_pointers_too(tmp_path: Path) -> None:
    # Probe 52: an apparatus entry attached to an anchor that is not there (app/@to), a change
    # of hand to no hand (handShift/@new) and a rendition the header lacks were passed over;
    # @from, @to and @new are pointers on these elements only (a date's @from is a date, a
    # locus's a folio, a shift's @new a word), and those that resolve stay silent
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><teiHeader><encodingDesc><tagsDecl><rendition xml:id="i">'
        "font-style: italic</rendition></tagsDecl></encodingDesc><profileDesc><handNotes>"
        '<handNote xml:id="h1"/></handNotes></profileDesc></teiHeader><text>\n'
        '<p rendition="#i #nowhere"><anchor xml:id="a1"/>x<app from="#a1" to="#a9"/></p>\n'
        '<p><handShift new="#h1"/><handShift new="#h9"/><shift new="loud"/></p>\n'
        '<p><date from="1901" to="1902"/><locus from="2r" to="#3v"/>'
        '<span from="#a1" to="#gone"/></p></text></TEI>',
    )
    found = sorted((d.line, d.message.split(" on ")[0]) for d in resolve([text]))
    assert found == [
        (2, '@rendition="#nowhere"'),
        (2, '@to="#a9"'),
        (3, '@new="#h9"'),
        (4, '@to="#gone"'),
    ]
    messages = {d.message.split(" on ")[0]: d.message for d in resolve([text])}
    assert "a <rendition> in the header's tagsDecl" in messages['@rendition="#nowhere"']
    assert "a <handNote> in the header" in messages['@new="#h9"']
    assert "add an <anchor> (or the element meant) in the text" in messages['@to="#a9"']


def test_a_dangling_target_is_asked_for_the_id_not_a_register_entry(tmp_path: Path) -> None:
    """Probe 59: a note's @target naming nothing was told to "add the entry to a register",
    where a commentary note points at a passage of the text."""
    text = file_facts(
        tmp_path, "t.xml", f'<TEI {TEI}><text><p>x<note target="#sp2">n</note></p></text></TEI>'
    )
    (found,) = resolve([text])
    assert found.code == "refs.dangling"
    assert found.message.endswith('give the element meant xml:id="sp2" or fix the id')


def test_a_reading_attested_by_what_is_no_witness_warns(tmp_path: Path) -> None:
    """Probe 59: a @wit naming what is no witness went untold, and the apparatus cited it as
    one. A witness, a group of witnesses, a source's description or the scholar a conjecture
    is owed to (the editor's name, a person: the Patristic Text Archive's practice) is what a
    @wit names; a paragraph is not."""
    text = file_facts(
        tmp_path,
        "t.xml",
        f"<TEI {TEI}><teiHeader><fileDesc><titleStmt><respStmt><resp>ed.</resp>"
        '<name xml:id="ed1">Pat</name></respStmt></titleStmt><sourceDesc><listWit xml:id="g">'
        '<witness xml:id="A"/><witness xml:id="B"/></listWit><listBibl><bibl xml:id="C"/>'
        '</listBibl></sourceDesc></fileDesc></teiHeader><text><p xml:id="p1"><app>\n'
        '<lem wit="#A #ed1">x</lem><rdg wit="#g #C #p1">y</rdg></app></p></text></TEI>',
    )
    (found,) = resolve([text])
    assert (found.code, found.severity.value, found.line) == ("refs.not-a-witness", "warning", 2)
    assert found.message.startswith('@wit="#p1" on <rdg> names a <p>, not a <witness>')


def test_wrong_kind_of_entry(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p><persName ref="#ghent">G</persName>'
        '<persName ref="#anna"/><persName ref="#unused"/></p></text></TEI>',
    )
    assert ("t.xml", "refs.wrong-kind", 1) in codes(resolve([reg, text]))
    # a settlement is a place's name (probe 151: one at a person was no wrong kind)
    place = file_facts(
        tmp_path,
        "s.xml",
        f'<TEI {TEI}><text><p><settlement ref="#anna">A</settlement></p></text></TEI>',
    )
    assert ("s.xml", "refs.wrong-kind", 1) in codes(resolve([reg, place]))


def test_a_persons_name_may_name_a_group_of_persons(tmp_path: Path) -> None:
    """A family or a crowd is a personGrp, "a group of individuals treated as a single person"
    (Guidelines 13.3.2.1), and "the Rothschilds" a persName naming it: the build links and
    indexes it so; the check called it the wrong kind of entry. An org's name naming a place
    is still told, with the kinds a person's name may name in the advice."""
    reg = file_facts(
        tmp_path,
        "reg.xml",
        f'<TEI {TEI}><standOff><listPerson><personGrp xml:id="roth"><persName>Rothschild'
        '</persName></personGrp></listPerson><listPlace><place xml:id="wien"><placeName>Wien'
        "</placeName></place></listPlace></standOff></TEI>",
    )
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p><persName ref="#roth">the Rothschilds</persName>\n'
        '<orgName ref="#wien">Vienna</orgName>\n<persName ref="#wien">W.</persName></p>'
        "</text></TEI>",
    )
    found = [d for d in resolve([reg, text]) if d.code == "refs.wrong-kind"]
    assert [d.line for d in found] == [2, 3]
    assert "must point at an <org> entry" in found[0].message
    assert "must point at a <person>, <personGrp> or <role> entry" in found[1].message


def test_same_id_in_two_documents_is_no_error(tmp_path: Path) -> None:
    one = file_facts(tmp_path, "a.xml", f'<TEI {TEI}><text><p xml:id="x"/></text></TEI>')
    two = file_facts(tmp_path, "b.xml", f'<TEI {TEI}>\n<text><p xml:id="x"/></text></TEI>')
    assert resolve([one, two]) == []


def test_duplicate_id_in_one_document_names_the_first_line(tmp_path: Path) -> None:
    text = file_facts(
        tmp_path,
        "a.xml",
        f'<TEI {TEI}><teiHeader>\n<revisionDesc><change xml:id="c"/>\n<change xml:id="c"/>'
        '</revisionDesc></teiHeader>\n<text><p xml:id="x"/>\n<p xml:id="x"/>'
        '\n<p xml:id="x"/></text></TEI>',
    )
    found = resolve([text])
    assert codes(found) == [
        ("a.xml", "refs.duplicate-id", 3),
        ("a.xml", "refs.duplicate-id", 5),
        ("a.xml", "refs.duplicate-id", 6),
    ]
    assert "first defined at line 2" in found[0].message
    assert all("first defined at line 4" in d.message for d in found[1:])
    # two on one line: the second is placed at its own xml:id (probe 108: at the first)
    line = '<p xml:id="a">1</p><p xml:id="b">2</p><p xml:id="a">3</p>'
    text = file_facts(tmp_path, "one.xml", f"<TEI {TEI}>\n<text>{line}</text></TEI>")
    (found,) = resolve([text])
    assert (found.line, found.column) == (2, len("<text>") + line.rindex("xml:id") + 1)


def test_an_id_that_is_no_xml_name_is_an_error_with_a_better_name(tmp_path: Path) -> None:
    """DraCor's "(curtain falls)" as an xml:id: no pointer can name it (a space ends a
    pointer) and exports cannot carry it."""
    text = file_facts(
        tmp_path,
        "a.xml",
        f'<TEI {TEI}><text>\n<p xml:id="(curtain falls)"/>\n<p xml:id="1a"/><p xml:id="ok"/>'
        "</text></TEI>",
    )
    found = resolve([text])
    assert codes(found) == [("a.xml", "refs.bad-id", 2), ("a.xml", "refs.bad-id", 3)]
    assert '"curtain_falls"' in found[0].message and '"_1a"' in found[1].message


def test_bare_pointer_resolves_in_its_own_document_first(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p xml:id="anna"/><persName ref="#anna">A</persName></text></TEI>',
    )
    found = codes(resolve([reg, text]))
    # "#anna" is the p of this document, not the register's person: the wrong kind.
    assert ("t.xml", "refs.wrong-kind", 1) in found
    assert ("reg.xml", "refs.unused-entry", 3) in found


def test_ids_of_other_documents_are_not_visible(tmp_path: Path) -> None:
    other = file_facts(tmp_path, "other.xml", f'<TEI {TEI}><text><p xml:id="p1"/></text></TEI>')
    text = file_facts(tmp_path, "t.xml", f'<TEI {TEI}><text><ref target="#p1">x</ref></text></TEI>')
    [d] = resolve([other, text])
    assert (Path(d.path).name, d.code) == ("t.xml", "refs.dangling")
    assert "in this document or the registers" in d.message
    text = file_facts(
        tmp_path, "t.xml", f'<TEI {TEI}><text><ref target="other.xml#p1">x</ref></text></TEI>'
    )
    assert resolve([other, text]) == []


def test_a_letters_neighbour_is_named_by_the_id_of_its_texts_root(tmp_path: Path) -> None:
    """Probe 86: ``correspContext/ref target="#V03"``, the root id of another letter, was
    refs.dangling for the check while the build linked the letter. A text's root id names
    it where a pointer names a text as a whole (correspContext, TEI/@prev and @next), and
    nowhere else."""
    other = file_facts(tmp_path, "v03.xml", f'<TEI {TEI} xml:id="V03"><text/></TEI>')
    letter = file_facts(
        tmp_path,
        "v02.xml",
        f'<TEI {TEI} xml:id="V02" next="#V03"><teiHeader><profileDesc><correspDesc>'
        '<correspContext><ref type="next" target="#V03">next</ref>\n'
        '<ptr type="prev" target="#V01"/></correspContext></correspDesc></profileDesc>'
        '</teiHeader><text><p><ref target="#V03">V03</ref></p></text></TEI>',
    )
    found = resolve([other, letter])
    assert codes(found) == [("v02.xml", "refs.dangling", 2), ("v02.xml", "refs.dangling", 2)]
    (neighbour,) = [d.message for d in found if '"#V01"' in d.message]
    assert "in this document, the registers or the roots of the texts" in neighbour
    # a ref in the text names an element of its own document or an entry
    (inline,) = [d.message for d in found if '"#V03"' in d.message]
    assert "in this document or the registers" in inline


LETTER = f"""<TEI {TEI}><text><body><p><persName ref="#bahr">B</persName></p></body>
<back><listPerson><person xml:id="bahr"><persName>Hermann Bahr</persName></person>
</listPerson></back></text></TEI>"""


def test_register_entries_of_several_texts_are_one_entity(tmp_path: Path) -> None:
    one = file_facts(tmp_path, "l1.xml", LETTER)
    two = file_facts(tmp_path, "l2.xml", LETTER.replace('<persName ref="#bahr">B</persName>', ""))
    three = file_facts(
        tmp_path, "l3.xml", f'<TEI {TEI}><text><persName ref="#bahr">H.B.</persName></text></TEI>'
    )
    # No duplicate across letters; l2's own entry is used through l1's and l3's mentions.
    assert resolve([one, two, three]) == []


def test_file_pointer_must_name_the_right_file(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    other = file_facts(tmp_path, "other.xml", f'<TEI {TEI}><text><p xml:id="p1"/></text></TEI>')
    text = file_facts(
        tmp_path, "t.xml", f'<TEI {TEI}><text><ref target="reg.xml#p1">x</ref></text></TEI>'
    )
    assert ("t.xml", "refs.dangling", 1) in codes(resolve([reg, other, text]))


def test_a_file_pointer_out_of_the_checked_files_is_read_from_the_disk(tmp_path: Path) -> None:
    """Probe 15: checking one folder of an edition, "../b/other.xml#x" into a sibling folder
    was dangling though other.xml has x, and a pointer into a file that does not exist was
    "no xml:id in" it."""
    file_facts(tmp_path, "b/other.xml", f'<TEI {TEI}><text><p xml:id="x"/></text></TEI>')
    text = file_facts(
        tmp_path,
        "a/t.xml",
        f'<TEI {TEI}><text><ref target="../b/other.xml#x">one</ref>\n'
        '<ref target="../b/other.xml#y">two</ref>\n'
        '<ref target="../b/gone.xml#x">three</ref></text></TEI>',
    )
    found = sorted(resolve([text]), key=lambda d: d.line or 0)
    assert [(d.code, d.line) for d in found] == [("refs.dangling", 2), ("refs.dangling", 3)]
    assert 'no xml:id "y" in ../b/other.xml' in found[0].message
    assert "there is no file ../b/gone.xml" in found[1].message


def test_a_pointer_to_a_whole_file_that_is_not_there_warns(tmp_path: Path) -> None:
    """Probe 66: ``<ref target="other.xml">`` to no file was told nothing, where
    ``other.xml#x`` was dangling. A whole file that is not there is a warning at the
    attribute (an issue's @next, a witness's edition, are often outside the files at hand);
    one that is there, in the run or on the disk, is none; an address is not looked for."""
    file_facts(tmp_path, "b/there.xml", f"<TEI {TEI}><text/></TEI>")
    seen = file_facts(tmp_path, "a/seen.xml", f"<TEI {TEI}><text/></TEI>")
    text = file_facts(
        tmp_path,
        "a/t.xml",
        f'<TEI {TEI} next="gone.xml"><text><ref target="../b/there.xml">one</ref>\n'
        '<ref target="seen.xml">two</ref> <ref target="https://example.org/x.xml">three'
        '</ref>\n<witness corresp="ms%20B.xml"/></text></TEI>',
    )
    found = sorted(resolve([text, seen]), key=lambda d: d.line or 0)
    assert [(d.code, d.severity.value, d.line, d.column) for d in found] == [
        ("refs.missing-file", "warning", 1, 42),
        ("refs.missing-file", "warning", 3, 10),
    ]
    assert '@next="gone.xml" on <TEI> names a file that is not there' in found[0].message
    assert "ms B.xml" in found[1].message


def test_a_missing_file_is_told_at_its_own_pointer(tmp_path: Path) -> None:
    """Probe 125: a missing file named on a line after other pointers was told at the
    line's first pointer (column 9 for 109); it is told at its own, written as it is or
    percent-encoded."""
    line = '<p><ref target="#a" xml:id="a">a</ref> <ref target="missing.xml">b</ref> '
    text = file_facts(
        tmp_path, "t.xml",
        f'<TEI {TEI}><text>\n{line}<ref target="ms%20C.xml">c</ref></p></text></TEI>',
    )  # fmt: skip
    found = resolve([text])
    assert [(d.code, d.line, d.column) for d in found] == [
        ("refs.missing-file", 2, line.index('target="missing') + 1),
        ("refs.missing-file", 2, len(line) + 6),
    ], found
    # an id is never found at the end of a web address before it (probe 126)
    line = '<p><ref target="https://example.org/people/anna">A</ref> <ref target="#anna">B</ref>'
    text = file_facts(tmp_path, "u.xml", f"<TEI {TEI}><text>\n{line}</p></text></TEI>")
    (told,) = resolve([text])
    assert (told.code, told.column) == ("refs.dangling", line.index('target="#anna') + 1), told


def test_files_are_named_under_their_xml_base(tmp_path: Path) -> None:
    """Probe 69: "y.xml" under xml:base="other/" was told missing though other/y.xml is
    there, and one under a remote base was looked for on the disk; a missing one under the
    base was not told."""
    file_facts(tmp_path, "other/y.xml", f'<TEI {TEI}><text><p xml:id="p"/></text></TEI>')
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><div xml:base="other/"><ref target="y.xml">a</ref>\n'
        '<ref target="y.xml#p">b</ref>\n<ref target="in.xml">c</ref></div>\n'
        '<div xml:base="http://example.org/texts/"><ref target="z.xml">d</ref></div>'
        "</text></TEI>",
    )
    found = resolve([text])
    assert [(d.code, d.line) for d in found] == [("refs.missing-file", 3)]
    assert "other/in.xml" in found[0].message


def test_a_passage_the_same_as_a_missing_one_is_not_sent_to_a_register(tmp_path: Path) -> None:
    """Probe 140: a dangling @sameAs of a seg was told to "add the entry to a register";
    a person's still is."""
    file_facts(tmp_path, "other.xml", f'<TEI {TEI}><text><p xml:id="o1"/></text></TEI>')
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p><seg sameAs="other.xml#nope">a</seg></p>\n<listPerson><person '
        'xml:id="x" sameAs="other.xml#gone"/></listPerson>\n<p><settlement sameAs="#s1">S'
        '</settlement> <title sameAs="#w1">T</title></p><listBibl><bibl xml:id="b" '
        'sameAs="#w2"/></listBibl></text></TEI>',
    )
    found = [d for d in resolve([text]) if d.code == "refs.dangling"]
    assert [m.message.rsplit("; ", 1)[1] for m in found] == [
        'give the element meant xml:id="nope" or fix the id',
        "add the entry to a register or fix the id",
        # a settlement, a title, a bibliography's entry: register entries too (probe 146)
        "add the entry to a register or fix the id",
        "add the entry to a register or fix the id",
        "add the entry to a register or fix the id",
    ], found


def test_xml_base_is_read_in_a_document_that_includes_parts(tmp_path: Path) -> None:
    """Probe 140: with an xi:include in the document, the xml:base an encoder wrote on one
    of its own divisions was ignored, and a pointer under it was told dangling (the build
    links it)."""
    file_facts(tmp_path, "parts/other.xml", f'<TEI {TEI}><text><p xml:id="o1"/></text></TEI>')
    (tmp_path / "parts" / "ch.xml").write_text(f"<div {TEI}><p>Part.</p></div>", "utf-8")
    body = (
        f'<TEI {TEI}><text><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
        'href="../parts/ch.xml"/>\n<div xml:base="../parts/"><ref target="other.xml#o1">a'
        "</ref></div></text></TEI>"
    )
    path = tmp_path / "texts" / "main.xml"
    path.parent.mkdir()
    path.write_text(body, encoding="utf-8")
    doc = parse_bytes(body.encode(), path, root=tmp_path).document
    assert doc is not None and doc.parts
    assert resolve([facts(doc)]) == []
    # and the xml:base of a division inside the part, under the part's own folder (probe
    # 144: the build followed it, the check looked beside the part)
    file_facts(tmp_path, "texts/second.xml", f'<TEI {TEI}><text><p xml:id="s1"/></text></TEI>')
    (tmp_path / "parts" / "ch2.xml").write_text(
        f'<div {TEI}><div xml:base="../texts/"><p><ref target="second.xml#s1">i</ref></p>'
        "</div></div>",
        "utf-8",
    )
    body = body.replace("ch.xml", "ch2.xml")
    doc = parse_bytes(body.encode(), path, root=tmp_path).document
    assert doc is not None and doc.parts
    assert resolve([facts(doc)]) == []


def test_a_base_climbing_out_of_the_texts_folder_is_followed(tmp_path: Path) -> None:
    """Probe 125: "persons.xml#anna" under xml:base="../registers/" was looked for at
    texts/registers/persons.xml (``urljoin`` drops a "../" above a relative base) and told
    dangling, where XML Base and the build read ../registers/persons.xml; a base of bases
    climbs as far as they say, and ".." names the folder above (probe 126: it was taken
    for a file's name)."""
    file_facts(tmp_path, "registers/persons.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "texts/t.xml",
        f'<TEI {TEI}><text><div xml:base="../registers/"><persName ref="persons.xml#anna"/>\n'
        '<persName ref="persons.xml#ghost"/></div>\n<div xml:base="../"><div xml:base='
        '"x/../registers/"><persName ref="persons.xml#anna"/></div></div>\n<div xml:base="..">'
        '<persName ref="registers/persons.xml#anna"/></div></text></TEI>',
    )
    found = resolve([text])
    assert [(d.code, d.line) for d in found] == [("refs.dangling", 2)], found
    assert 'no xml:id "ghost"' in found[0].message


def test_pointers_are_parted_by_xml_white_space_alone(tmp_path: Path) -> None:
    """Probe 125: "#anna&#xA0;" passed the check (``str.split`` parts at a no-break space)
    and was an unresolved name in the build: XML parts a list at space, tab and line ends
    only, so the no-break space is part of the pointer, which points at nothing."""
    file_facts(tmp_path, "tei/registers/reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "tei/texts/t.xml",
        f'<TEI {TEI}><text><persName ref="#anna&#xA0;"/><persName ref="#anna&#x9;#ghent"/>'
        "</text></TEI>",
    )
    found = resolve([text, file_facts(tmp_path, "tei/registers/reg.xml", REGISTER)])
    (told,) = [d for d in found if d.code == "refs.dangling"]
    assert told.line == 1, found
    assert 'no xml:id "anna\\xa0"' in told.message, told.message  # a space one can see


def test_an_entry_with_the_id_of_another_kinds_entry_is_told(tmp_path: Path) -> None:
    """Probe 124: an org given a place's id in another register was told nowhere but in the
    texts' names ("the wrong kind"), and the build's index kept one of the two: the place's
    page was not published. The later entry is told, naming the first; the same entry in
    two files (a letter's own list and the register) is no conflict."""
    places = file_facts(tmp_path, "tei/registers/places.xml", REGISTER)
    orgs = file_facts(
        tmp_path, "tei/registers/orgs.xml",
        f'<TEI {TEI}><standOff><listOrg>\n<org xml:id="ghent"><orgName>G</orgName></org>'
        '<org xml:id="club"><orgName>C</orgName></org></listOrg></standOff></TEI>',
    )  # fmt: skip
    letter = file_facts(
        tmp_path, "tei/texts/l.xml",
        f'<TEI {TEI}><text><body><p><persName ref="#anna">A</persName></p></body><back>'
        '<listPerson><person xml:id="anna"><persName>Anna</persName></person></listPerson>'
        '<listOrg><org xml:id="club"/></listOrg></back></text></TEI>',
    )  # fmt: skip
    found = [d for d in resolve([places, orgs, letter]) if d.code == "refs.entry-conflict"]
    assert [(Path(d.path).name, d.line) for d in found] == [("orgs.xml", 2)], found
    assert '"ghent" (<org>) has the id of the <place> of ' in found[0].message
    assert "places.xml:" in found[0].message
    # the register read as context after the checked file: told in the checked one
    # (probe 126: a text checked alone said nothing)
    found = [d for d in resolve([orgs], [places]) if d.code == "refs.entry-conflict"]
    assert [(Path(d.path).name, d.line) for d in found] == [("orgs.xml", 2)], found


def test_an_escaped_slash_is_no_folders_separator(tmp_path: Path) -> None:
    """Probe 129: "..%2fregisters%2fpersons.xml#anna" passed the check, which read the
    escaped slashes as separators, where the build resolves nothing (RFC 3986, 2.2)."""
    file_facts(tmp_path, "registers/persons.xml", REGISTER)
    text = file_facts(
        tmp_path, "texts/t.xml",
        f'<TEI {TEI}><text><persName ref="..%2fregisters%2fpersons.xml#anna"/>'
        '<persName ref="../registers/persons.xml#anna"/></text></TEI>',
    )  # fmt: skip
    told = [d for d in resolve([text]) if d.code == "refs.dangling"]
    assert len(told) == 1 and "%2F" in told[0].message, told


def test_urls_and_prefixed_pointers_are_ignored(tmp_path: Path) -> None:
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><ref target="https://example.org/#x">a</ref>'
        '<ref target="psn:x">b</ref><ref target="page.html#top">c</ref></text></TEI>',
    )
    assert resolve([text]) == []


def test_context_files_resolve_but_are_not_reported(tmp_path: Path) -> None:
    file_facts(tmp_path, "tei/registers/reg.xml", REGISTER)
    text = file_facts(
        tmp_path, "tei/texts/t.xml", f'<TEI {TEI}><text><persName ref="#anna"/></text></TEI>'
    )
    found = context_files([tmp_path / "tei/texts/t.xml"])
    assert [p.name for p in found] == ["reg.xml"]
    reg = file_facts(tmp_path, "tei/registers/reg.xml", REGISTER)
    assert resolve([text], [reg]) == []


def test_multiple_pointers_in_one_attribute(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p corresp="#anna #ghent #nope"/><persName ref="#unused"/></text></TEI>',
    )
    assert codes(resolve([reg, text])) == [("t.xml", "refs.dangling", 1)]


def test_a_dangling_pointer_in_a_value_over_several_lines_is_placed_at_itself(
    tmp_path: Path,
) -> None:
    """A value written over several lines is told at the token that points at nothing, not
    at the line where the tag ends with no column; a value on one line, at its attribute."""
    text = file_facts(
        tmp_path,
        "t.xml",
        f"<TEI {TEI}><text><body>\n"
        '<p xml:id="a"><ref target="#a\n'
        '   #b #missing">x</ref><ref\n'
        '  corresp="#missing #a">y</ref></p>\n'
        '<p xml:id="b" corresp="#a #nope\n'
        '  #nope"/></body></text></TEI>',
    )
    found = resolve([text])
    assert [(d.code, d.line, d.column) for d in found] == [
        ("refs.dangling", 3, 7),
        ("refs.dangling", 4, 3),
        ("refs.dangling", 5, 27),
        ("refs.dangling", 6, 3),
    ]
    assert all("#missing" in d.message for d in found[:2])


def test_facts_from_the_survey_equal_facts_from_the_whole_tree() -> None:
    """``check`` gives ``facts`` the elements its one walk found carrying ids or pointers
    (``gate.survey``, taken by the gate's own walk): the same facts as walking the tree, on
    every sample edition."""
    from pipeline.validate.references import ATTRIBUTES

    files = sorted((SHARED / "corpora" / "tei-samples").rglob("*.xml"))
    assert len(files) >= 40
    compared = 0
    for path in files:
        doc = parse_bytes(path.read_bytes(), path, surveyed=ATTRIBUTES).document
        if doc is None:
            continue
        if doc.survey is None:  # expanded by xi:include: the check walks the whole tree
            assert doc.included, path.name
            continue
        assert facts(doc, doc.survey.carriers) == facts(doc), path.name
        compared += 1
    assert compared >= 40


def test_an_id_written_without_its_hash_is_told_to_take_one(tmp_path: Path) -> None:
    """Probes 27 and 36 (a reading's wit="B" beside <witness xml:id="B">, a speech's
    who="eole" beside the role): a token without "#" is by the Guidelines the address of a
    file, and was passed over. When it is the id of an element of its own document it is
    told, with the pointer to write; a file's name (scan.jpg, a.xml), a web address, a word
    no element of the document is called, or a register entry of another file stay
    unreported."""
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><listWit><witness xml:id="B"/><witness xml:id="a.jpg"/></listWit>\n'
        '<app><rdg wit="B #B">x</rdg><rdg wit="C">y</rdg></app>\n'
        '<pb facs="a.jpg"/><ref target="https://x.org/ anna scan.png">z</ref></text></TEI>',
    )
    reg = file_facts(tmp_path, "reg.xml", REGISTER.replace('"unused"', '"unused2"'))
    found = [d for d in resolve([text, reg]) if d.path.endswith("t.xml")]
    assert [(d.code, d.line, d.column, d.severity.value) for d in found] == [
        ("refs.bare-id", 2, 11, "warning")
    ]
    assert found[0].message == (
        '@wit="B" on <rdg> is the address of a file named "B", not of the element with xml:id'
        ' "B" in this document: a pointer to an id begins with "#"; write wit="#B"'
    )


def test_a_names_ref_without_its_hash_naming_a_register_entry_is_told(tmp_path: Path) -> None:
    """Probe 112: <placeName ref="dresden"> with dresden an entry of the registers passed
    the check of a file validated against tei_all, where the build warned that it points at
    a file of that name; it is told, with the pointer to write, and is no use of the entry.
    A bare word naming no entry, or on a pointer of another kind, stays unreported."""
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p><placeName ref="anna">A</placeName>\n'
        '<persName ref="nobody">N</persName><ref target="anna">r</ref></p></text></TEI>',
    )
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    found = resolve([text, reg])
    told = [(Path(d.path).name, d.code, d.line, d.column) for d in found]
    assert ("t.xml", "refs.bare-id", 1, 62) in told, told  # at the attribute
    assert next(d for d in found if d.code == "refs.bare-id").message == (
        '@ref="anna" on <placeName> is the address of a file named "anna", not of the register'
        ' entry with xml:id "anna": a pointer to an id begins with "#"; write ref="#anna"'
    )
    assert len([t for t in told if t[0] == "t.xml"]) == 1, told
    # no use of the entry: it is never referenced
    assert ("reg.xml", "refs.unused-entry") in {(t[0], t[1]) for t in told}, told


def test_a_speechs_who_without_its_hash_naming_a_register_entry_is_told(tmp_path: Path) -> None:
    """Probe 125: <sp who="anna"> with anna a person of the registers passed the check, and
    the build linked the speaker to her entry: the check tells it as it tells a name's bare
    @ref; a word naming no entry stays unreported."""
    text = file_facts(
        tmp_path, "t.xml",
        f'<TEI {TEI}><text><sp who="anna"><speaker>A</speaker><p>x</p></sp>\n'
        '<sp who="chorus"><p>y</p></sp></text></TEI>',
    )  # fmt: skip
    found = resolve([text, file_facts(tmp_path, "reg.xml", REGISTER)])
    told = [(d.code, d.line) for d in found if Path(d.path).name == "t.xml"]
    assert told == [("refs.bare-id", 1)], told
    (bare,) = [d for d in found if d.code == "refs.bare-id"]
    assert bare.message.startswith('@who="anna" on <sp> is the address of a file named "anna"')


def test_packed_facts_come_back_whole_small_or_large(tmp_path: Path) -> None:
    """A file's facts travel and wait packed (``pack``): a letter's few records plainly, a
    novel's many compressed; either way ``unpacked`` gives the same records, of their types."""
    small = file_facts(
        tmp_path, "letter.xml", '<p xml:id="p1"><persName ref="#p1 reg.xml#x">A</persName></p>'
    )
    many = "".join(f'<p xml:id="p{i}"><ref target="#p{i + 1}">n</ref></p>' for i in range(400))
    large = file_facts(tmp_path, "novel.xml", f"<TEI {TEI}><text><body>{many}</body></text></TEI>")
    for whole in (small, large):
        packed = pack(whole)
        again = unpacked(packed)
        assert (again.ids, again.pointers) == (whole.ids, whole.pointers)
        assert isinstance(again.ids, tuple) and isinstance(again.pointers, tuple)
        assert all(isinstance(i, IdFact) for i in again.ids)
        assert all(isinstance(p, PointerFact) for p in again.pointers)
        assert packed.names_files == any(p.file for p in whole.pointers)
    assert pack(small).blob[:1] == b"\x80" and pack(large).blob[:1] == b"\x78"


def test_a_pointer_at_a_duplicated_id_is_told_as_the_duplicate_alone(tmp_path: Path) -> None:
    """Probe 153: a name pointing at an id its document gives twice (a paragraph and a
    person) was "must point at a <person> ... but p1 is a <p>", and the person "never
    referenced", beside the duplicate; the pointer may mean either, so the duplicate alone
    is told, as jing tells it."""
    text = file_facts(
        tmp_path,
        "dup.xml",
        f'<TEI {TEI}><text><p>Dear <persName ref="#p1">Ada</persName>.</p>\n<p xml:id="p1">'
        'Yours.</p></text>\n<standOff><listPerson><person xml:id="p1"><persName>Ada</persName>'
        "</person></listPerson></standOff></TEI>",
    )
    assert [c for _, c, _ in codes(resolve([text]))] == ["refs.duplicate-id"]


@pytest.mark.parametrize("checked", [True, False], ids=["both-checked", "target-read"])
def test_a_pointer_into_another_file_at_a_duplicated_id_is_not_of_the_wrong_kind(
    tmp_path: Path, checked: bool
) -> None:
    """Probe 155: a.xml gives "p1" to a paragraph and to a person; b.xml's
    `<persName ref="a.xml#p1">` was still "must point at a <person> ... but p1 is a <p>"
    (the mend of probe 153 looked at pointers inside one file). The pointer may mean either:
    the duplicate alone is told, where a.xml is checked; read only for its ids (b.xml
    checked alone), a.xml's fault is its own check's."""
    a = file_facts(
        tmp_path,
        "a.xml",
        f'<TEI {TEI}><text><p xml:id="p1">Yours.</p></text>\n<standOff><listPerson>'
        '<person xml:id="p1"><persName>Ada</persName></person></listPerson></standOff></TEI>',
    )
    b = file_facts(
        tmp_path,
        "b.xml",
        f'<TEI {TEI}><text><p>Dear <persName ref="a.xml#p1">Ada</persName>.</p></text></TEI>',
    )
    told = [c for _, c, _ in codes(resolve([a, b] if checked else [b]))]
    assert told == (["refs.duplicate-id"] if checked else [])
    # none of the elements of that id a person: of the wrong kind whichever is meant (probe
    # 158: two <p xml:id="p1"> made the pointer silent)
    a = file_facts(
        tmp_path,
        "a.xml",
        f'<TEI {TEI}><text><p xml:id="p1">One.</p>\n<p xml:id="p1">Two.</p></text></TEI>',
    )
    told = [c for _, c, _ in codes(resolve([a, b] if checked else [b]))]
    assert told == (["refs.duplicate-id"] if checked else []) + ["refs.wrong-kind"], told
