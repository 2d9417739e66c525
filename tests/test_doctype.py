"""The DOCTYPE policy (pipeline/doctype.py): DTDs declared, never fetched; internal entities
read within limits; nothing external loaded, proved with a secret file and a loopback listener.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SECRET

from pipeline.diagnostics import Severity
from pipeline.gate import GateResult, read_document

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'


def gate(tmp_path: Path, data: str | bytes, name: str = "doc.xml") -> GateResult:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return read_document(path)


def codes(result: GateResult) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in result.diagnostics]


def leaks(result: GateResult) -> bool:
    text = result.document.xml_text() if result.document is not None else ""
    return SECRET in text or any(SECRET in d.message for d in result.diagnostics)


@pytest.fixture
def secret_dtd(tmp_path: Path) -> Path:
    """A local DTD that would define &secret; (and be noticed by its bad syntax) if read."""
    path = tmp_path / "secret.dtd"
    path.write_text(f'<!ENTITY secret "{SECRET}">\n<!ELEMENT this is not a DTD')
    return path


def test_remote_dtd_is_a_warning_and_no_request(
    tmp_path: Path, listener: tuple[int, list[bytes]]
) -> None:
    port, hits = listener
    for doctype in (
        f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/tei_all.dtd">',
        f'<!DOCTYPE TEI PUBLIC "-//TEI P5//DTD Main//EN" "http://127.0.0.1:{port}/tei.dtd">',
    ):
        result = gate(tmp_path, f"{doctype}\n{TEI}<text>a &amp; b</text></TEI>")
        assert result.document is not None
        [warning] = result.diagnostics
        assert (warning.code, warning.severity, warning.line) == (
            "gate.dtd-ignored",
            Severity.WARNING,
            1,
        )
        assert "not read" in warning.message and "RELAX NG" in warning.message
        assert result.document.root[0].text == "a & b"
    assert hits == []


def test_local_dtd_is_never_read(tmp_path: Path, secret_dtd: Path) -> None:
    for href in (secret_dtd.name, str(secret_dtd), secret_dtd.as_uri()):
        quiet = gate(tmp_path, f'<!DOCTYPE TEI SYSTEM "{href}">\n{TEI}<text/></TEI>')
        # Read, the DTD's syntax error would be an error; it is only declared.
        assert codes(quiet) == [("gate.dtd-ignored", 1)]
        used = gate(tmp_path, f'<!DOCTYPE TEI SYSTEM "{href}">\n{TEI}\n<text>&secret;</text></TEI>')
        assert used.document is None
        assert codes(used) == [("gate.dtd-ignored", 1), ("gate.undefined-entity", 3)]
        assert "&secret;" in used.diagnostics[1].message
        assert not leaks(used)


def test_an_entity_from_the_dtd_names_the_character_to_write(tmp_path: Path) -> None:
    result = gate(tmp_path, f'<!DOCTYPE TEI SYSTEM "tei_all.dtd">\n{TEI}\n<p>a&mdash;b</p></TEI>')
    [_, error] = result.diagnostics
    assert (error.code, error.severity, error.line) == ("gate.undefined-entity", Severity.ERROR, 3)
    assert "&mdash;" in error.message and "—" in error.message and "&#x2014;" in error.message
    assert "DTD is not read" in error.message


def test_lines_and_columns_stay_right_after_the_dtd_is_blanked(tmp_path: Path) -> None:
    body = f"{TEI}<a></b></TEI>"  # the error on the DOCTYPE's own line
    data = f'<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE TEI SYSTEM "x.dtd">{body}'
    result = gate(tmp_path, data)
    assert codes(result) == [("gate.dtd-ignored", 3), ("gate.not-well-formed", 3)]
    plain = gate(tmp_path, data.replace('SYSTEM "x.dtd"', " " * 14), "plain.xml")
    assert result.diagnostics[1].column == plain.diagnostics[0].column


def test_utf16_file_with_an_external_dtd(tmp_path: Path) -> None:
    text = f'<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE TEI SYSTEM "x.dtd">\n{TEI}é</TEI>'
    result = gate(tmp_path, text.encode("utf-16"))
    assert result.document is not None
    assert [d.code for d in result.diagnostics] == ["gate.utf16", "gate.dtd-ignored"]
    assert result.document.root.text == "é"


def test_internal_entities_beside_an_external_dtd_are_read(tmp_path: Path) -> None:
    data = (
        '<!DOCTYPE TEI PUBLIC "-//TEI//DTD" "tei.dtd" [\n  <!ENTITY ed "edition">\n'
        '  <!ENTITY mdash "&#x2014;">\n]>\n'
        f"{TEI}<text>the &ed;&mdash;ours</text></TEI>"
    )
    result = gate(tmp_path, data)
    assert codes(result) == [("gate.dtd-ignored", 1)]
    assert result.document is not None
    assert result.document.root[0].text == "the edition—ours"


def test_parameter_entities_that_declare_entities_are_read(tmp_path: Path) -> None:
    # As the TEI's own test files do: a parameter entity holding entity declarations, and
    # parameter entities declared for marked sections that the document never uses.
    data = (
        "<!DOCTYPE TEI [\n"
        "  <!ENTITY % chars \"<!ENTITY mdash '&#x2014;'> <!-- a dash --> <!ENTITY ed 'E'>\">\n"
        "  %chars;\n"
        '  <!ENTITY % TEI.XML "INCLUDE">\n'
        "]>\n"
        f"{TEI}<text>&ed;&mdash;x</text></TEI>"
    )
    result = gate(tmp_path, data)
    assert result.diagnostics == ()
    assert result.document is not None
    assert result.document.root[0].text == "E—x"


@pytest.mark.parametrize(
    "subset",
    [
        '<!ENTITY % p SYSTEM "{secret}"> %p;',
        '<!ENTITY % p PUBLIC "-//X//Y" "{secret}">',
        # A character reference hides SYSTEM from a plain text search: it is expanded first.
        "<!ENTITY % p \"<!ENTITY x &#x53;YSTEM '{secret}'>\"> %p;",
        "<!ENTITY % p \"<!ENTITY &#x25; q SYSTEM '{secret}'>\"> %p;",
        '<!ENTITY % q "x"> <!ENTITY % p "&#x25;q;"> %p;',
        '<!ENTITY % p "<!ELEMENT TEI ANY>"> %p;',
        "%undeclared;",
    ],
)
def test_unsafe_parameter_entities_are_refused_and_nothing_read(
    tmp_path: Path, secret_file: Path, subset: str
) -> None:
    declared = subset.format(secret=secret_file.as_uri())
    result = gate(tmp_path, f"<!DOCTYPE TEI [{declared}]>\n{TEI}<text>&x;</text></TEI>")
    assert result.document is None
    assert [d.code for d in result.diagnostics] == ["gate.parameter-entity"]
    assert not leaks(result)


def test_external_general_entity_through_the_network_is_refused(
    tmp_path: Path, listener: tuple[int, list[bytes]]
) -> None:
    port, hits = listener
    data = (
        f'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:{port}/a.dtd" [\n'
        f'<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>\n{TEI}&x;</TEI>'
    )
    result = gate(tmp_path, data)
    assert result.document is None
    assert [(d.code, d.line) for d in result.diagnostics if d.severity is Severity.ERROR] == [
        ("gate.external-entity", 2)
    ]
    assert hits == []


def test_billion_laughs_inside_a_parameter_entity_is_stopped(tmp_path: Path) -> None:
    decl = "<!ENTITY l0 'lol'>" + "".join(
        f"<!ENTITY l{i} '{('&l' + str(i - 1) + ';') * 10}'>" for i in range(1, 10)
    )
    result = gate(tmp_path, f'<!DOCTYPE TEI [<!ENTITY % p "{decl}"> %p;]>\n{TEI}&l9;</TEI>')
    assert [d.code for d in result.diagnostics] == ["gate.entity-expansion"]


def test_too_many_parameter_entity_references_are_refused(tmp_path: Path) -> None:
    subset = "<!ENTITY % p \"<!ENTITY x 'y'>\">" + " %p;" * 1500
    result = gate(tmp_path, f"<!DOCTYPE TEI [{subset}]>\n{TEI}&x;</TEI>")
    assert [d.code for d in result.diagnostics] == ["gate.entity-expansion"]


def test_a_doctype_in_a_comment_or_the_body_is_not_a_doctype(tmp_path: Path) -> None:
    data = f'{TEI}<!-- <!DOCTYPE TEI SYSTEM "x.dtd"> --><text><![CDATA[<!DOCTYPE x>]]></text></TEI>'
    result = gate(tmp_path, data)
    assert result.diagnostics == ()


def test_a_poem_with_a_remote_doctype_is_published(tmp_path: Path) -> None:
    from conftest import ROOT

    from pipeline.build import build

    report = build([ROOT / "tests/data/dtd/sonnet.xml"], tmp_path / "out", only=["html"])
    assert [(d.code, d.line) for d in report.diagnostics if d.code.startswith("gate.")] == [
        ("gate.dtd-ignored", 2)
    ]
    assert report.errors == 0
    page = (tmp_path / "out/html/sonnet.html").read_text(encoding="utf-8")
    assert "never read—" in page


@pytest.mark.parametrize("before", [20_000, 16_384 - 4, 16_384 - 8, 16_384 - 100])
def test_a_doctype_far_into_the_prolog_is_still_seen(tmp_path: Path, before: int) -> None:
    """The gate looks at the first 16 KB of a file for its DOCTYPE and looks further only
    when the prolog goes on past them (a long comment): a DOCTYPE after it, or cut in two by
    the first look's end, is judged as one at the top of the file."""
    declaration = '<?xml version="1.0"?>\n'
    comment = "<!--" + "x" * (before - len(declaration) - 8) + "-->"
    head = f"{declaration}{comment}\n"
    assert len(head) == before
    result = gate(tmp_path, f'{head}<!DOCTYPE TEI SYSTEM "tei_all.dtd">\n{TEI}<text/></TEI>')
    assert [d.code for d in result.diagnostics] == ["gate.dtd-ignored"]


def test_an_internal_subset_longer_than_the_first_look_is_read(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY e{i} "entity number {i}">\n' for i in range(800))
    assert len(entities) > 16_384
    body = "<text>&e0; &e799;</text>"
    result = gate(tmp_path, f"<!DOCTYPE TEI [\n{entities}]>\n{TEI}{body}</TEI>")
    assert result.document is not None, codes(result)
    assert result.document.root[0].text == "entity number 0 entity number 799"


def test_refused_declarations_are_placed_at_their_column(tmp_path: Path) -> None:
    data = (
        "<!DOCTYPE TEI [\n"
        '  <!ENTITY % p SYSTEM "p.dtd">\n'
        '    <!ENTITY x SYSTEM "x.txt">\n'
        "]>\n"
        f"{TEI}&x;</TEI>"
    )
    result = gate(tmp_path, data)
    assert result.document is None
    assert sorted((d.code, d.line, d.column) for d in result.diagnostics) == [
        ("gate.external-entity", 3, 5),
        ("gate.parameter-entity", 2, 3),
    ]


def test_an_undeclared_parameter_entity_is_placed_at_its_reference(tmp_path: Path) -> None:
    result = gate(tmp_path, f"<!DOCTYPE TEI [\n  <!ENTITY a 'b'>   %q;\n]>\n{TEI}</TEI>")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [
        ("gate.parameter-entity", 2, 21)
    ]


def test_no_column_where_letters_before_it_would_be_miscounted(tmp_path: Path) -> None:
    """The subset is read as bytes; after a UTF-8 letter on the line a column would be off."""
    data = f'<!DOCTYPE TEI [<!-- é --><!ENTITY x SYSTEM "x.txt">]>\n{TEI}&x;</TEI>'
    [d] = gate(tmp_path, data).diagnostics
    assert (d.code, d.line, d.column) == ("gate.external-entity", 1, None)


def test_a_parameter_entitys_text_has_no_column(tmp_path: Path) -> None:
    """What a parameter entity declares stands in its value, nowhere in the file's layout."""
    data = (
        f"<!DOCTYPE TEI [\n  <!ENTITY % p '<!ENTITY y SYSTEM \"y.txt\">'>\n  %p;\n]>\n{TEI}</TEI>"
    )
    [d] = gate(tmp_path, data).diagnostics
    assert (d.code, d.line, d.column) == ("gate.parameter-entity", 2, 3)
