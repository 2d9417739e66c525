"""The gate: hostile and broken inputs each give one located diagnostic and leak nothing."""

from __future__ import annotations

import codecs
import gzip
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SECRET
from lxml import etree

from pipeline.diagnostics import Severity
from pipeline.gate import (
    MAX_INSTRUCTION,
    discover,
    discover_names,
    empty_folders,
    parse_bytes,
    read_document,
    xml_ids,
)


def gate(tmp_path: Path, name: str, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


def only_error(result) -> object:  # type: ignore[no-untyped-def]
    assert result.document is None
    assert len(result.diagnostics) == 1, result.diagnostics
    d = result.diagnostics[0]
    assert d.severity is Severity.ERROR
    return d


def test_the_internal_subsets_attribute_defaults_are_the_documents(tmp_path: Path) -> None:
    """Probe 108: attribute defaults an internal subset declares were ignored, where XML 1.0
    (5.1) has every processor supply them and jing does: a text declared French by
    <!ATTLIST TEI xml:lang CDATA "fr"> was published in no language, and a default attribute
    the schema refuses passed the check. Nothing of an external subset counts."""
    for external in (b"", b' SYSTEM "nowhere.dtd"'):
        data = (
            b'<?xml version="1.0"?>\n<!DOCTYPE TEI' + external + b" [<!ATTLIST p rend CDATA "
            b'"x"><!ATTLIST TEI xml:lang CDATA "fr">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
            b'<text><body><p>Hello</p><p rend="y">Own</p></body></text></TEI>'
        )
        result = gate(tmp_path, "d.xml", data)
        assert result.document is not None, result.diagnostics
        root = result.document.root
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr", external
        assert [p.get("rend") for p in root.iter("{http://www.tei-c.org/ns/1.0}p")] == ["x", "y"]
    # in a process where libxslt has not set libxml2's global default to supply them (this
    # one has: the suite loads lxml's XSLT), as `edition check` of one file: probe 108's case
    import subprocess
    import sys

    plain = tmp_path / "plain.xml"
    plain.write_bytes(
        data.replace(b' SYSTEM "nowhere.dtd"', b"").replace(b"rend CDATA", b"bogus CDATA")
    )
    fresh = subprocess.run([sys.executable, "-m", "pipeline.cli", "check", "--checks", "rng",
                            str(plain)], capture_output=True, text=True, check=False)  # fmt: skip
    assert fresh.returncode == 1 and "bogus" in fresh.stdout, fresh.stdout + fresh.stderr


def test_well_formed_tei_passes(tmp_path: Path) -> None:
    result = gate(tmp_path, "ok.xml", b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>')
    assert result.document is not None
    assert result.diagnostics == ()


def test_not_well_formed_is_located(tmp_path: Path) -> None:
    # a stray end tag at its own "</" (probe 102: libxml2 placed it at what follows)
    d = only_error(gate(tmp_path, "bad.xml", b"<r>\n  <a></b>\n</r>"))
    assert (d.code, d.line, d.column) == ("gate.not-well-formed", 2, 6)
    assert "the end tag </b> does not close the open <a> (begun on line 2)" in d.message
    d = only_error(gate(tmp_path, "fa.xml", "<r>\n<p>سلام </q></p>\n</r>".encode()))
    assert (d.line, d.column) == (2, 9)
    # in a UTF-16 file too (probe 111: placed after itself, the file never read as UTF-8)
    utf16 = '<?xml version="1.0" encoding="UTF-16"?>\n<r>\n<p>سلام </q></p>\n</r>'
    found = gate(tmp_path, "u16.xml", utf16.encode("utf-16")).diagnostics
    (d,) = [d for d in found if d.code == "gate.not-well-formed"]  # and gate.utf16's note
    assert (d.line, d.column) == (3, 9)


@pytest.mark.parametrize(
    ("data", "column", "advice"),
    [
        (b"<r>a & b</r>", 6, "write &amp; for an ampersand"),
        (b"<r>a &b c</r>", 8, "does not end with ';'"),
        (b"<r>&#1;</r>", 8, "&#1; names a character XML does not allow"),
        (b"<r>a\x01b</r>", 5, "a character XML does not allow"),
        (b"<r><!-- x </r>", 15, "end it with '-->'"),
        (b"<r/><s/>", 5, "a TEI file has one root element"),
        (b"<r><p>x", 8, "the file ends before <p> (begun on line 1) is closed"),
        (b"<r>a < b</r>", 7, "(write &lt; for it)"),
        (b"<r a=b/>", 6, 'write name="value"'),
        # at the attribute given twice, the prefix's element or attribute (probe 180: at the
        # end of the start tag, on another line when the tag is written over several)
        (b'<r a="1" a="2"/>', 10, "the attribute a is given twice"),
        (b"<r><x:y/></r>", 4, 'declare it (xmlns:x="...")'),
        # probe 109: libxml2's words alone
        (b'<?XML version="1.0"?>\n<r/>', 6, "written <?xml ...?> in lower case"),
        (b"<r><" + b"a" * 60000 + b"/></r>", 60005, "over the parser's 50,000 characters"),
        # probe 108: libxml2's words alone before
        (b'<r a="1" <s/></r>', 10, "close the tag with '>' before the next '<'"),
        (b"<r><p>x</p </r>", 12, "end it with '>'"),
        (b'<r><p xmlns:x="">x</p></r>', 17, "declared with an empty namespace"),
        (b"<r><p>x<?xml y?></p></r>", 13, "an instruction named xml further on"),
        (b'<r><y a:b="1"/></r>', 7, "the attribute a:b on <y>"),
        (b"<r><![CDATA[x</r>", 18, "end it with ']]>'"),
        (b"<r>a ]]> b</r>", 6, "write ]]&gt;"),
        (b"<r><!-- a -- b --></r>", 11, "may not hold '--'"),
        (b"<r a/>", 5, 'the attribute a has no value; write a="..."'),
        (b" <?xml version='1.0'?><r/>", 7, "must be the very first thing in the file"),
        (b"<r>&#xD800;</r>", 12, "half of a surrogate pair"),
        # probe 72: libxml2's "Unescaped '<' ...", "attributes construct error" and "Blank
        # needed here" said nothing of the quote left open or the declaration's missing "?"
        (b'<r><b x="1><c/></b></r>', 12, "a quote that opens a value before this point"),
        (b'<r><b x="1 y="2"><c/></b></r>', 15, "a value's closing quote missing"),
        (b'<?xml version="1.0" encoding="UTF-8"><r/>', 37, 'declaration ends with "?>"'),
        # probe 142: a file cut off inside a start tag was libxml2's words alone
        (b"<r><fileDesc", 13, "the start tag <fileDesc> begun on line 1 is never closed"),
    ],
)
def test_a_slip_of_hand_editing_is_told_what_to_do(
    tmp_path: Path, data: bytes, column: int, advice: str
) -> None:
    """Probe 66: libxml2's own words ("xmlParseEntityRef: no name") said nothing of what to
    mend, and placed a stray '&' one character after it."""
    d = only_error(gate(tmp_path, "bad.xml", data))
    assert (d.code, d.line, d.column) == ("gate.not-well-formed", 1, column)
    assert d.message.startswith("not well-formed: ") and advice in d.message, d.message
    assert "\n" not in d.message


def test_a_fault_of_a_start_tag_over_several_lines_is_at_its_own_line(tmp_path: Path) -> None:
    """Probe 180: a duplicate attribute and an undeclared prefix were placed at the end of
    the start tag, on its last line (43:24 for a second rend on line 42)."""
    cases = [
        (b'<r>\n<hi rend="a"\n    n="rend=" rend="b"\n    >x</hi></r>', (3, 15)),
        (b'<r>\n<x:hi\n  rend="a"\n  >x</x:hi></r>', (2, 1)),
        (b'<r>\n<hi rend="a"\n  xl:href="b"\n  >x</hi></r>', (3, 3)),
    ]
    for data, place in cases:
        d = only_error(gate(tmp_path, "bad.xml", data))
        assert (d.code, (d.line, d.column)) == ("gate.not-well-formed", place), (data, d)


def test_a_link_in_a_loop_named_on_the_command_line_is_told(tmp_path: Path) -> None:
    """Probe 69: a link in a loop named as a path was "no such file or folder", and an
    internal error of build (Path.resolve raises RuntimeError on a loop)."""
    (tmp_path / "self.xml").symlink_to("self.xml")
    files, problems = discover([tmp_path / "self.xml"])
    assert files == [] and [d.code for d in problems] == ["env.symlink-loop"]


def test_one_parser_serves_file_after_file_and_tells_each_its_own_faults(
    tmp_path: Path, secret_file: Path
) -> None:
    """A thread's parser is reused (``gate._parser``): a fault of one file is never told of
    the next, nor a request of an entity of one file held against another."""
    good = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>'
    xxe = f'<!DOCTYPE r [<!ENTITY s SYSTEM "file://{secret_file}">]><r>&s;</r>'.encode()
    for _ in range(2):
        d = only_error(gate(tmp_path, "bad.xml", b"<r>\n  <a></b>\n</r>"))
        assert (d.code, d.line, d.column) == ("gate.not-well-formed", 2, 6)
        assert gate(tmp_path, "ok.xml", good).diagnostics == ()
        assert only_error(gate(tmp_path, "xxe.xml", xxe)).code.startswith("gate.")
        assert gate(tmp_path, "ok.xml", good).diagnostics == ()
        d = only_error(gate(tmp_path, "late.xml", b"<r>\n\n\n<a>&amp</a></r>"))
        assert (d.code, d.line) == ("gate.not-well-formed", 4)


def test_empty_file(tmp_path: Path) -> None:
    assert only_error(gate(tmp_path, "e.xml", b"")).code == "gate.empty"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert only_error(gate(tmp_path, "e.xml", b"  \n\n")).code == "gate.empty"
    # a UTF-8 byte order mark alone, or before blanks (probe 142: "no XML root element")
    assert only_error(gate(tmp_path, "e.xml", b"\xef\xbb\xbf")).code == "gate.empty"
    assert only_error(gate(tmp_path, "e.xml", b"\xef\xbb\xbf \n")).code == "gate.empty"
    # and a UTF-16 mark alone, or before blanks (probe 144)
    assert only_error(gate(tmp_path, "e.xml", b"\xff\xfe")).code == "gate.empty"
    assert only_error(gate(tmp_path, "e.xml", b"\xfe\xff\x00 \x00\n")).code == "gate.empty"
    # but a UTF-16 character whose bytes are those of blanks is no blank (probe 146: U+0920,
    # bytes 20 09, and U+2020 were "empty")
    for data in (b"\xff\xfe\x20\x09", b"\xfe\xff\x20\x20"):
        told = [d.code for d in gate(tmp_path, "e.xml", data).diagnostics]
        assert told and "gate.empty" not in told, told
    # a UTF-32 mark alone, or before blanks (probe 155: the little-endian mark, which begins
    # with UTF-16's, was read as UTF-16 and its NULs were "no XML root element")
    for mark in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE):
        order = "le" if mark == codecs.BOM_UTF32_LE else "be"
        for data in (mark, mark + " \n".encode(f"utf-32-{order}")):
            assert only_error(gate(tmp_path, "e.xml", data)).code == "gate.empty", data


def test_gzip_file_is_refused_not_decompressed(tmp_path: Path) -> None:
    d = only_error(gate(tmp_path, "z.xml", gzip.compress(b"<r/>")))
    assert d.code == "gate.compressed"


def test_binary_file(tmp_path: Path) -> None:
    assert only_error(gate(tmp_path, "b.xml", b"\x00\x01\x02<r/>")).code == "gate.binary"


def test_a_stray_nul_byte_is_placed(tmp_path: Path) -> None:
    # the refusal said the file alone, where libxml2 places a NUL after the first 4 KB
    data = "<TEI>\n<p>café</p>\n<p>né\x00</p></TEI>".encode()
    found = only_error(gate(tmp_path, "n.xml", data))
    assert (found.code, found.line, found.column) == ("gate.binary", 3, 6)
    assert only_error(gate(tmp_path, "b.xml", b"\x00\x01<r/>")).column == 1


def test_lines_ended_by_a_carriage_return_alone_are_counted(tmp_path: Path) -> None:
    # old Mac OS line ends: libxml2 counts LF only and placed every fault on line 1 (the
    # stray end tag at its "</": probe 102)
    text = '<?xml version="1.0"?>\r<TEI>\r<p>a</p>\r  <p>b</bad>\r</TEI>'
    lf = only_error(gate(tmp_path, "lf.xml", text.replace("\r", "\n").encode()))
    assert (lf.line, lf.column) == (4, 7)
    found = only_error(gate(tmp_path, "cr.xml", text.encode()))
    assert (found.line, found.column) == (4, 7)
    mixed = only_error(gate(tmp_path, "mixed.xml", text.replace("\r", "\r\n", 2).encode()))
    assert (mixed.line, mixed.column) == (4, 7)
    # the tree is what the parser makes of either line end; the bytes are kept as read
    data = text.replace("</bad>", "</p>").encode()
    document = gate(tmp_path, "good.xml", data).document
    assert document is not None and document.data == data
    assert [(p.sourceline, p.text) for p in document.root] == [(3, "a"), (4, "b")]
    assert document.root.text == "\n"


def test_xxe_local_file_is_refused_and_not_read(tmp_path: Path, secret_file: Path) -> None:
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret_file}">]>\n'
        "<r>&x;</r>"
    ).encode()
    d = only_error(gate(tmp_path, "xxe.xml", data))
    assert d.code == "gate.external-entity"
    assert (d.line, d.column) == (2, 14)  # where its <!ENTITY begins
    assert SECRET not in d.message


def test_xxe_http_makes_no_request(tmp_path: Path, listener: tuple[int, list[bytes]]) -> None:
    port, hits = listener
    data = (f'<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>\n<r>&x;</r>').encode()
    assert only_error(gate(tmp_path, "http.xml", data)).code == "gate.external-entity"
    assert hits == []


def test_parameter_entity_is_refused(tmp_path: Path, secret_file: Path) -> None:
    data = (f'<!DOCTYPE r [<!ENTITY % p SYSTEM "file://{secret_file}"> %p;]>\n<r/>').encode()
    assert only_error(gate(tmp_path, "pe.xml", data)).code == "gate.parameter-entity"


def test_external_dtd_makes_no_request(tmp_path: Path, listener: tuple[int, list[bytes]]) -> None:
    port, hits = listener
    data = f'<!DOCTYPE r SYSTEM "http://127.0.0.1:{port}/r.dtd">\n<r/>'.encode()
    result = gate(tmp_path, "dtd.xml", data)
    assert result.document is not None
    assert [(d.code, d.severity) for d in result.diagnostics] == [
        ("gate.dtd-ignored", Severity.WARNING)
    ]
    assert hits == []


def test_billion_laughs_is_stopped(tmp_path: Path) -> None:
    decl = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = f"<!DOCTYPE r [{decl}]>\n<r>&l9;</r>".encode()
    assert only_error(gate(tmp_path, "bomb.xml", data)).code == "gate.entity-expansion"
    # placed at the first declaration, what to remove (probe 98: at the XML declaration)
    declared = f'<?xml version="1.0"?>\n<!DOCTYPE r [\n  {decl}]>\n<r>&l9;</r>'.encode()
    told = only_error(gate(tmp_path, "bomb2.xml", declared))
    assert (told.code, told.line, told.column) == ("gate.entity-expansion", 3, 3)


def test_internal_entities_are_expanded_not_lost(tmp_path: Path) -> None:
    data = b'<!DOCTYPE r [<!ENTITY mdash "&#x2014;">]>\n<r>a&mdash;b</r>'
    result = gate(tmp_path, "int.xml", data)
    assert result.document is not None
    assert result.document.root.text == "a—b"


def test_undefined_html_entity_suggests_the_character(tmp_path: Path) -> None:
    d = only_error(gate(tmp_path, "u.xml", b"<r>\n&mdash;</r>"))
    assert d.code == "gate.undefined-entity"
    assert d.line == 2
    # at its "&", not after its ";" (probe 180)
    d = only_error(gate(tmp_path, "v.xml", b"<r>\n<p>a&mdash;b &mdash;</p></r>"))
    assert (d.line, d.column) == (2, 5)
    assert "—" in d.message
    # a character no one can see is named (probe 112: "write the character itself ( )")
    d = only_error(gate(tmp_path, "s.xml", b"<r>&nbsp;</r>"))
    assert "write the character itself (no-break space) or &#xA0;" in d.message, d.message
    d = only_error(gate(tmp_path, "z.xml", b"<r>&zwnj;</r>"))
    assert "(zero width non-joiner)" in d.message, d.message


def test_utf16_is_read_with_a_warning(tmp_path: Path) -> None:
    data = '<?xml version="1.0" encoding="UTF-16"?>\n<r>é</r>'.encode("utf-16")
    result = gate(tmp_path, "u16.xml", data)
    assert result.document is not None
    assert result.document.root.text == "é"
    assert [d.code for d in result.diagnostics] == ["gate.utf16"]


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be-marked"])
def test_utf32_is_read_and_named(tmp_path: Path, codec: str) -> None:
    """UTF-32's little-endian mark begins with UTF-16's: such a file was read right but
    told it was UTF-16, and one that declared UTF-8 was told of a UTF-16 mark."""
    text = '<?xml version="1.0" encoding="UTF-32"?>\n<r>é</r>'
    data = (
        codecs.BOM_UTF32_BE + text.encode("utf-32-be")
        if codec.endswith("marked")
        else text.encode(codec)
    )
    result = gate(tmp_path, "u32.xml", data)
    assert result.document is not None and result.document.root.text == "é"
    (d,) = result.diagnostics
    assert d.code == "gate.utf16" and d.message.startswith("file is encoded in UTF-32;")
    wrong = gate(tmp_path, "w.xml", text.replace("UTF-32", "UTF-8").encode("utf-32"))
    (d,) = wrong.diagnostics
    assert d.code == "gate.encoding"
    assert "UTF-32 byte order mark, but its XML declaration says UTF-8" in d.message
    assert 'change the declaration to encoding="UTF-32"' in d.message


@pytest.mark.parametrize(
    ("mark", "declared", "codec", "advice"),
    [
        ("UTF-8", "UTF-16", "utf-8-sig", 'change the declaration to encoding="UTF-8"'),
        ("UTF-8", "utf-32", "utf-8-sig", 'change the declaration to encoding="UTF-8"'),
        # probe 66: a warning of garbled Latin-1, placed on the mark, where the letters read
        ("UTF-8", "ISO-8859-1", "utf-8-sig", 'change the declaration to encoding="UTF-8"'),
        ("UTF-8", "US-ASCII", "utf-8-sig", 'change the declaration to encoding="UTF-8"'),
        ("UTF-16", "UTF-8", "utf-16", 'change the declaration to encoding="UTF-16"'),
        ("UTF-16", "ISO-8859-1", "utf-16-be-marked", 'declare encoding="UTF-8"'),
    ],
)
def test_a_byte_order_mark_the_declaration_contradicts_is_one_error_at_line_1(
    tmp_path: Path, mark: str, declared: str, codec: str, advice: str
) -> None:
    """A UTF-8 mark under encoding="UTF-16" was told it had no mark; a UTF-16 mark under
    encoding="UTF-8" was read without a word. XML makes either a fatal error: one error
    names both and what to declare, and the next file is read as ever."""
    text = f'<?xml version="1.0" encoding="{declared}"?>\n<TEI xmlns="x">caf\u00e9</TEI>'
    if codec == "utf-16-be-marked":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(codec)
    d: Any = only_error(gate(tmp_path, "bom.xml", data))
    assert (d.code, d.line) == ("gate.encoding", 1)
    assert f"begins with a {mark} byte order mark" in d.message
    assert f"declaration says {declared.upper()}:" in d.message
    assert advice in d.message
    agreeing = text.replace(declared, "UTF-8" if mark == "UTF-8" else "UTF-16")
    fine = gate(tmp_path, "ok.xml", agreeing.encode(codec if mark == "UTF-8" else "utf-16"))
    assert fine.document is not None and fine.document.root.text == "caf\u00e9"


def test_the_ids_of_a_tree_are_gathered_by_a_walk() -> None:
    """Probe 66: ``//@xml:id`` gathers every node of the tree on the way, and libxml2 stops
    past ten million ("unknown error": a 50 MB file of 4.8 million elements, which check
    passed, was an internal error of the build). The walk gives the same ids."""
    root = etree.fromstring(
        '<r xml:id="a"><s id="b"><!-- c --><?pi x?><t xml:id="c" id="d">x</t></s></r>'
    )
    assert xml_ids(root) == {"a", "c"}
    assert xml_ids(root[0], "id") == {"a", "b", "c", "d"}


def test_an_xml_11_declaration_is_said_to_be_read_as_10(tmp_path: Path) -> None:
    """libxml2 reads XML 1.0 alone: a 1.1 file is read by 1.0's rules, with a warning, so
    that a character only 1.1 allows is understood when its error follows."""
    result = gate(tmp_path, "v.xml", b'<?xml version="1.1"?>\n<r>x</r>')
    assert result.document is not None
    (note,) = result.diagnostics
    assert (note.code, note.line, note.column) == ("gate.xml-version", 1, 7)
    assert "version 1.1" in note.message
    # at the version's own line and column (diagnostics probe: the column was not told)
    wrapped = gate(tmp_path, "w.xml", b'<?xml\n   version="1.1"?>\n<r>x</r>').diagnostics
    assert [(d.line, d.column) for d in wrapped] == [(2, 4)]
    bad = gate(tmp_path, "c.xml", b'<?xml version="1.1"?>\n<r>&#x7;</r>')
    assert [d.code for d in bad.diagnostics] == ["gate.xml-version", "gate.not-well-formed"]
    assert gate(tmp_path, "ok.xml", b'<?xml version="1.0"?>\n<r>x</r>').diagnostics == ()


def test_bytes_invalid_in_declared_utf8(tmp_path: Path) -> None:
    data = '<?xml version="1.0" encoding="UTF-8"?>\n<r>\né</r>'.encode("latin-1")
    d = only_error(gate(tmp_path, "l1.xml", data))
    assert (d.code, d.line) == ("gate.encoding", 3)
    # the encoding as declared (probe 180: "UTF-8 when its XML declaration names none")
    assert "the file's encoding (UTF-8, as its XML declaration says)" in d.message, d.message
    bare = only_error(gate(tmp_path, "l2.xml", "<r>\né</r>".encode("latin-1")))
    assert "(UTF-8: its XML declaration names none)" in bare.message, bare.message


def test_utf8_declared_as_latin1_is_refused(tmp_path: Path) -> None:
    """Probe 98: read as declared, its pages were published garbled ("ComitÃ©") with a
    warning, and became the last good version; the file is refused, at the first letter the
    declaration would garble."""
    data = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<r>é</r>'.encode()
    result = gate(tmp_path, "moj.xml", data)
    assert result.document is None
    [d] = result.diagnostics
    assert (d.code, d.severity, d.line) == ("gate.encoding-mismatch", Severity.ERROR, 2)
    assert d.column == 4
    # a Latin-1 file declared so is read as it is
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<r>é</r>'.encode("latin-1")
    assert gate(tmp_path, "l1.xml", latin).document is not None


def test_windows_1252_bytes_are_told_to_declare_windows_1252(tmp_path: Path) -> None:
    """Probe 163: a Windows-1252 file with no declaration was told to declare ISO-8859-1,
    which then read its dashes and apostrophes as the control characters U+0096 and U+0092.
    Declared as now advised, the file reads them as what was written."""
    text = "<r>\n<p>a shilling \u2013 the first time I\u2019ve known him</p></r>"
    d = only_error(gate(tmp_path, "w.xml", text.encode("cp1252")))
    assert (d.code, d.line) == ("gate.encoding", 2)
    assert 'encoding="windows-1252"' in d.message
    assert 'ISO-8859-1"' not in d.message
    declared = b'<?xml version="1.0" encoding="windows-1252"?>\n' + text.encode("cp1252")
    result = gate(tmp_path, "w2.xml", declared)
    assert result.diagnostics == ()
    assert result.document is not None
    assert "".join(result.document.root.itertext()).strip() == (
        "a shilling \u2013 the first time I\u2019ve known him"
    )
    # accented letters alone (no byte in 0x80-0x9F): ISO-8859-1 reads them right
    latin = only_error(gate(tmp_path, "l.xml", "<r>\nComit\u00e9</r>".encode("latin-1")))
    assert 'encoding="ISO-8859-1"' in latin.message
    # bytes 0x80-0x9F that Windows-1252 leaves undefined (0x81): neither name is advised
    other = only_error(gate(tmp_path, "o.xml", b"<r>\x81\x96</r>"))
    assert "windows-1252" not in other.message
    assert 'encoding="ISO-8859-1"' not in other.message


@pytest.mark.parametrize("label", ["ISO-8859-1", "latin1", "iso_8859-1"])
def test_c1_controls_under_a_latin1_declaration_are_warned_of(tmp_path: Path, label: str) -> None:
    """Probe 163: a Windows-1252 file declared ISO-8859-1 published U+0096 and U+0092 where
    it had an en dash and an apostrophe, with no word. The file is read (XML allows C1
    controls), with a warning at the first such byte that names Windows-1252."""
    data = (
        f'<?xml version="1.0" encoding="{label}"?>\n<r>\n<p>caf\u00e9 \u2013 I\u2019ve</p></r>'
    ).encode("cp1252")
    result = gate(tmp_path, "c1.xml", data)
    assert result.document is not None
    [d] = result.diagnostics
    assert (d.code, d.severity, d.line, d.column) == (
        "gate.c1-controls",
        Severity.WARNING,
        3,
        9,
    )
    assert "0x96" in d.message and 'encoding="windows-1252"' in d.message
    # declared Windows-1252, or ISO-8859-1 without such bytes: no warning
    fixed = data.replace(label.encode(), b"windows-1252")
    assert gate(tmp_path, "w.xml", fixed).diagnostics == ()
    plain = f'<?xml version="1.0" encoding="{label}"?>\n<r>caf\u00e9</r>'.encode("latin-1")
    assert gate(tmp_path, "p.xml", plain).diagnostics == ()


def test_a_utf8_file_with_a_stray_byte_is_told_to_type_it_again(tmp_path: Path) -> None:
    """Probe 164: a UTF-8 file with one Latin-1 "é" was told to declare windows-1252, the
    bytes 0x80 and 0x94 of its em dash counted as Windows-1252's; declared so, it published
    "â€”". Most of its bytes over 0x7F are UTF-8: the stray byte is named, at its place."""
    data = "<r>\n<p>A dash \u2014 here and caf\u00e9.</p></r>".encode().replace(
        "\u00e9".encode(), b"\xe9"
    )
    d: Any = only_error(gate(tmp_path, "s.xml", data))
    assert (d.code, d.line) == ("gate.encoding", 2)
    assert "the file is UTF-8 but for 1 stray byte" in d.message
    assert "0xE9, \u00e9 in Latin-1 and Windows-1252" in d.message
    assert "windows-1252" not in d.message and "ISO-8859-1" not in d.message
    # mostly single-byte, with one UTF-8 dash: the declaration named for its stray bytes
    # alone (no byte in 0x80-0x9F among them), and the UTF-8 character said to be garbled
    mixed = b"<r>" + "caf\u00e9 na\u00efve ".encode("latin-1") * 3 + "\u2014</r>".encode()
    d = only_error(gate(tmp_path, "m.xml", mixed))
    assert 'encoding="ISO-8859-1"' in d.message and "windows-1252" not in d.message
    assert "1 character in it is UTF-8" in d.message


@pytest.mark.parametrize("label", ["windows-1252", "ISO-8859-1", "ISO-8859-15"])
def test_a_utf8_file_with_a_stray_byte_declared_single_byte_is_warned_of(
    tmp_path: Path, label: str
) -> None:
    """Probe 164: the same file declared windows-1252, as advised, was read without a word
    and published "â€”" (gate.encoding-mismatch is told only when every byte is UTF-8);
    declared ISO-8859-1, it was told to declare windows-1252. Over half of its bytes over
    0x7F form UTF-8 characters: a warning at the first, and the file is read."""
    text = f'<?xml version="1.0" encoding="{label}"?>\n<r>\n<p>A dash \u2014 here and caf'
    data = text.encode() + b"\xe9.</p></r>"
    result = gate(tmp_path, "s.xml", data)
    assert result.document is not None
    [d] = result.diagnostics
    assert (d.code, d.severity, d.line, d.column) == (
        "gate.encoding-mixed",
        Severity.WARNING,
        3,
        11,
    )
    assert "3 of the file's 4 bytes over 0x7F form UTF-8 characters" in d.message
    assert "(the first on line 3: 0xE9" in d.message
    assert 'declare encoding="UTF-8"' in d.message
    # a Windows-1252 file whose capital letter and quotation mark happen to form UTF-8
    # ("\u00c9\u201d": 0xC9 0x94) among as many stray bytes is no UTF-8 file
    cp1252 = (
        f'<?xml version="1.0" encoding="{label}"?>\n<r>CAF\u00c9\u201d, na\u00efve cr\u00e8me</r>'
    )
    fine = gate(tmp_path, "w.xml", cp1252.encode("cp1252"))
    assert fine.document is not None
    assert [d.code for d in fine.diagnostics] == (
        [] if label == "windows-1252" else ["gate.c1-controls"]
    )
    # probe 167: German guillemets after an sharp s ("Straß«", 0xDF 0xAB) form UTF-8 pairs
    # by chance, more bytes of them than the file's other letters: a correct file, silent
    german = f'<?xml version="1.0" encoding="{label}"?>\n<r>»Die Straß« und das Maß»</r>'
    correct = gate(tmp_path, "g.xml", german.encode("latin-1"))
    assert correct.document is not None and list(correct.diagnostics) == []


@pytest.mark.parametrize(
    ("label", "text", "codec", "advice"),
    [
        # names libxml2 reads as ISO-8859-1 (ISO-LATIN-1 is no name Python knows)
        ("csISOLatin1", "caf\u00e9 \u2013 I\u2019ve", "cp1252", "windows-1252"),
        ("iso-ir-100", "caf\u00e9 \u2013 I\u2019ve", "cp1252", "windows-1252"),
        ("ISO-LATIN-1", "caf\u00e9 \u2013 I\u2019ve", "cp1252", "windows-1252"),
        # other parts of ISO-8859, with the Windows code page written where they were meant
        ("ISO-8859-15", "caf\u00e9 \u2013 I\u2019ve", "cp1252", "windows-1252"),
        ("ISO-8859-2", "Zazolc \u2013 \u201ecytat\u201d", "cp1250", "windows-1250"),
        (
            "ISO-8859-7",
            "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u2013 x",
            "cp1253",
            "windows-1253",
        ),
    ],
)
def test_c1_controls_under_any_iso_8859_part_are_warned_of(
    tmp_path: Path, label: str, text: str, codec: str, advice: str
) -> None:
    """Probe 164: ISO-8859-15 and csISOLatin1 read bytes 0x80-0x9F as C1 controls as
    ISO-8859-1 does, and published U+0096 and U+0092 without a word: every name the parser
    reads so is told, with the Windows code page that reads the file's other bytes as the
    declared part does; declared as advised, the file reads as written."""
    head = f'<?xml version="1.0" encoding="{label}"?>\n'
    data = head.encode() + f"<r>\n<p>{text}</p></r>".encode(codec)
    result = gate(tmp_path, "c1.xml", data)
    assert result.document is not None
    [d] = result.diagnostics
    assert (d.code, d.severity, d.line) == ("gate.c1-controls", Severity.WARNING, 3)
    assert f'the file is most likely {advice.capitalize()}; declare encoding="{advice}"' in (
        d.message
    )
    fixed = gate(tmp_path, "w.xml", data.replace(label.encode(), advice.encode()))
    assert fixed.diagnostics == () and fixed.document is not None
    assert "".join(fixed.document.root.itertext()).strip() == text


@pytest.mark.parametrize(
    ("label", "text", "codec", "said"),
    [
        # Windows-1250 also reads ą (0xB9) where ISO-8859-2 has š: named, to be checked
        (
            "ISO-8859-2",
            "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 \u2013",
            "cp1250",
            "0xB9: \u0161 in ISO-8859-2, \u0105 in Windows-1250",
        ),
        # ¤ of Windows-1252 is the euro sign of ISO-8859-15
        (
            "ISO-8859-15",
            "5 \u00a4 \u2013 x",
            "cp1252",
            "0xA4: \u20ac in ISO-8859-15, \u00a4 in Windows-1252",
        ),
    ],
)
def test_c1_controls_name_what_the_code_page_reads_otherwise(
    tmp_path: Path, label: str, text: str, codec: str, said: str
) -> None:
    """Probe 164: where the Windows code page reads other bytes of the file otherwise than
    the declared part, it is not simply advised: the first such byte is named."""
    head = f'<?xml version="1.0" encoding="{label}"?>\n'
    data = head.encode() + f"<r>{text}</r>".encode(codec)
    [d] = gate(tmp_path, "c1.xml", data).diagnostics
    assert d.code == "gate.c1-controls"
    assert said in d.message and "see which the text is in" in d.message


def test_c1_controls_no_code_page_reads_are_told_without_one(tmp_path: Path) -> None:
    """A part Windows has no code page for (ISO-8859-3), and a byte Windows-1252 leaves
    undefined (0x81), are told as control characters, with no code page to declare; one
    such byte is "1 such byte" (probe 164: "1 such bytes")."""
    for label, byte in (("ISO-8859-3", b"\x96"), ("ISO-8859-1", b"\x81")):
        data = f'<?xml version="1.0" encoding="{label}"?>\n<r>x '.encode() + byte + b"</r>"
        [d] = gate(tmp_path, "c1.xml", data).diagnostics
        assert d.code == "gate.c1-controls"
        assert "(1 such byte in the file)" in d.message
        assert "windows-" not in d.message and "a Windows code page" in d.message


def test_utf8_declared_as_any_iso_8859_part_is_refused(tmp_path: Path) -> None:
    """Probe 164: UTF-8 declared ISO-8859-2 was read as declared and published garbled
    without a word (only the names of ISO-8859-1 and Windows-1252 were known)."""
    data = '<?xml version="1.0" encoding="ISO-8859-2"?>\n<r>Za\u017c\u00f3\u0142\u0107</r>'.encode()
    result = gate(tmp_path, "u.xml", data)
    assert result.document is None
    [d] = result.diagnostics
    assert (d.code, d.line, d.column) == ("gate.encoding-mismatch", 2, 6)


def test_unknown_encoding_declaration(tmp_path: Path) -> None:
    d = only_error(gate(tmp_path, "enc.xml", b'<?xml version="1.0" encoding="klingon"?>\n<r/>'))
    assert d.code == "gate.encoding"


def test_xinclude_of_a_file_outside_the_root_is_refused(tmp_path: Path) -> None:
    data = (
        b'<r xmlns:xi="http://www.w3.org/2001/XInclude">\n'
        b'<xi:include href="/etc/passwd" parse="text"/></r>'
    )
    result = gate(tmp_path, "xi.xml", data)
    assert result.document is None
    assert [(d.code, d.line) for d in result.diagnostics] == [("gate.xinclude-outside", 2)]


def test_duplicate_ids_do_not_break_the_parse(tmp_path: Path) -> None:
    result = gate(tmp_path, "dup.xml", b'<r><a xml:id="x"/><b xml:id="x"/></r>')
    assert result.document is not None


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(b"<r>" + b"x" * 2000 + b"</r>")
    d = only_error(read_document(path, max_bytes=1000))
    assert d.code == "gate.too-large"


def test_source_is_never_modified(tmp_path: Path) -> None:
    data = b'<!DOCTYPE r [<!ENTITY e "x">]>\n<r>&e;</r>'
    path = tmp_path / "keep.xml"
    path.write_bytes(data)
    read_document(path)
    assert path.read_bytes() == data


def test_xml_text_has_no_doctype(tmp_path: Path) -> None:
    data = b'<!DOCTYPE r [<!ENTITY e "x">]>\n<r>&e;</r>'
    result = parse_bytes(data, tmp_path / "t.xml")
    assert result.document is not None
    assert result.document.xml_text() == "<r>x</r>"


def test_xml_model_instructions_are_read(tmp_path: Path) -> None:
    data = (
        b'<?xml version="1.0"?>\n<?xml-model href="a.rng" type="application/xml" '
        b'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        b"<?xml-model href='b.sch' schematypens='http://purl.oclc.org/dsdl/schematron'?>\n<r/>"
    )
    result = parse_bytes(data, tmp_path / "m.xml")
    assert result.document is not None
    models = result.document.xml_models()
    assert [(m.href, m.line) for m in models] == [("a.rng", 2), ("b.sch", 3)]


def test_an_xml_model_whose_href_cannot_be_read_is_warned_at_its_first_line(
    tmp_path: Path,
) -> None:
    """Probe 34 (a Middle High German edition): an xml-model written with typographic quotes
    (href=”…”), over two lines, named no schema the gate could read and was ignored without a
    word; one with no href at all likewise. A readable one is no warning."""
    data = (
        "<?xml-model href=”s.rng”\ntype=”application/xml”?><?xml-model type='x'?>\n"
        '<?xml-model href="ok.rng"?>\n<r/>'
    ).encode()
    result = parse_bytes(data, tmp_path / "q.xml")
    assert result.document is not None
    assert [m.href for m in result.document.xml_models()] == ["ok.rng"]
    unread = [d for d in result.diagnostics if d.code == "gate.unread-instruction"]
    assert [(d.line, d.severity) for d in unread] == [(1, Severity.WARNING), (2, Severity.WARNING)]
    assert "typographic quotes" in unread[0].message
    assert "typographic quotes" not in unread[1].message


def test_an_unread_xml_model_is_placed_at_its_opening_mark(tmp_path: Path) -> None:
    """The unread and the too long xml-model are told at their "<?", on the line where they
    begin (libxml2 gives an instruction the line where it ends); a commented-out instruction
    before them is not taken for one."""
    long = "x" * (MAX_INSTRUCTION + 1)
    data = (
        '<?xml version="1.0"?>\n'
        '<!-- <?xml-model type="c"?> -->  <?xml-model href="ok.rng"?> <?xml-model href=\u201ds\n'
        f'type="x"?><!--\u00e9\u00e9-->  <?xml-model href="a.rng" {long}?>\n<r/>'
    ).encode()
    result = parse_bytes(data, tmp_path / "q.xml")
    told = [
        (d.code, d.line, d.column)
        for d in result.diagnostics
        if d.code in ("gate.unread-instruction", "gate.long-instruction")
    ]
    assert told == [("gate.unread-instruction", 2, 62), ("gate.long-instruction", 3, 22)]


def test_discover_sorts_recurses_and_reports_missing(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.xml").write_text("<r/>")
    (tmp_path / "1.xml").write_text("<r/>")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.xml").write_text("<r/>")
    (tmp_path / "notes.txt").write_text("x")
    files, problems = discover([tmp_path, tmp_path / "nope.xml"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["1.xml", "b/2.xml"]
    assert [d.code for d in problems] == ["gate.missing"]
    # diagnostics probe: the message said what was wrong, not what to do
    assert problems[0].message == "no such file or folder: check the path"


def test_discover_says_what_it_cannot_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in a folder is passed over without a word: a file ``.XML`` is a file to check,
    a broken link and a folder that cannot be listed are errors."""
    (tmp_path / "LETTER.XML").write_text("<r/>")
    (tmp_path / "gone.xml").symlink_to(tmp_path / "nowhere.xml")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.xml").write_text("<r/>")
    listing = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if Path(path).name == "locked":  # the tests may run as root, who reads any folder
            raise PermissionError(13, "Permission denied")
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = discover([tmp_path, tmp_path / "locked"])
    assert [p.name for p in files] == ["LETTER.XML"]
    found = sorted((d.code, Path(d.path).name, d.message) for d in problems)
    assert [(code, name) for code, name, _ in found] == [
        ("gate.missing", "gone.xml"),
        ("gate.unreadable-folder", "locked"),
    ]
    assert "nowhere.xml" in found[0][2] and "Permission denied" in found[1][2]
    assert all(d.severity is Severity.ERROR for d in problems)


def test_links_in_a_loop_are_one_error_each_and_the_rest_is_found(tmp_path: Path) -> None:
    """Two links that point at each other (a stat of either fails with ELOOP) are two links
    in a loop (probe 66: "leads to no file" hid the loop), not a failure of the whole run; a
    link to a folder named *.xml is named, not followed."""
    (tmp_path / "ok.xml").write_text("<r/>")
    (tmp_path / "a.xml").symlink_to("b.xml")
    (tmp_path / "b.xml").symlink_to("a.xml")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir.xml").symlink_to(tmp_path / "dir")
    files, problems = discover([tmp_path])
    assert [p.name for p in files] == ["ok.xml"]
    assert sorted((d.code, Path(d.path).name) for d in problems) == [
        ("env.symlink-loop", "a.xml"),
        ("env.symlink-loop", "b.xml"),
        ("gate.linked-folder", "dir.xml"),
    ]
    loops = [d for d in problems if d.code == "env.symlink-loop"]
    assert all("in a loop of links" in d.message for d in loops)


def test_a_link_to_a_folder_is_named_and_its_files_read_when_named(tmp_path: Path) -> None:
    # `letters -> ../elsewhere`: the folder's files were left out of check and build
    # without a word
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "c.xml").write_text("<r/>")
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "a.xml").write_text("<r/>")
    (tei / "letters").symlink_to("../elsewhere")
    (tei / "self").symlink_to(".")
    files, problems = discover([tei])
    assert [p.name for p in files] == ["a.xml"]
    told = sorted((d.code, d.severity, Path(d.path).name, d.message) for d in problems)
    assert [t[:3] for t in told] == [
        ("gate.linked-folder", Severity.WARNING, "letters"),
        ("gate.linked-folder", Severity.WARNING, "self"),
    ]
    assert "'../elsewhere'" in told[0][3]
    files, problems = discover([tei, tei / "letters"])
    assert [p.name for p in files] == ["a.xml", "c.xml"]


def test_discover_names_gives_the_same_files_as_strings(tmp_path: Path) -> None:
    """The names ``edition check`` works from are ``discover``'s, in its order (a name with
    "-", which sorts before "/", beside a folder of the same start)."""
    for name in ("a/2.xml", "a-b.xml", "a/1.xml", "b.xml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("<r/>")
    files, problems = discover([tmp_path, tmp_path / "b.xml"])
    names, same = discover_names([tmp_path, tmp_path / "b.xml"])
    assert names == [str(p) for p in files] and same == problems == []
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a-b.xml",
        "a/1.xml",
        "a/2.xml",
        "b.xml",
    ]


def test_a_file_reached_by_a_link_too_is_listed_under_its_own_name(tmp_path: Path) -> None:
    """Probe 176: a letter that a link elsewhere in the corpus points at ("broken/link.xml",
    sorted first) was checked once, under the link's name: the letter's own path was in no
    report. Its own name is kept; a file reached by links alone keeps the first of them."""
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "L1.xml").write_text("<r/>")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "link.xml").symlink_to("../letters/L1.xml")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "L2.xml").write_text("<r/>")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.xml").symlink_to("../elsewhere/L2.xml")
    (tmp_path / "a" / "y.xml").symlink_to("../elsewhere/L2.xml")
    names, problems = discover_names([tmp_path / "letters", tmp_path / "broken", tmp_path / "a"])
    assert problems == []
    assert [Path(n).relative_to(tmp_path).as_posix() for n in names] == [
        "a/y.xml",
        "letters/L1.xml",
    ]
    # a file named on the command line, and a link to it named too
    names, _ = discover_names([tmp_path / "broken" / "link.xml", tmp_path / "letters" / "L1.xml"])
    assert names == [str(tmp_path / "letters" / "L1.xml")]


def test_a_folder_is_empty_only_when_it_holds_no_xml_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder named twice (relative and absolute) lists its files under one name, and a
    folder of links to files elsewhere under names of its own: neither is empty, where the
    build called the folder of links empty (it compared resolved paths) and check the folder
    named a second time."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.xml").write_text("<r/>")
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "a.xml").symlink_to(tmp_path / "texts" / "a.xml")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no TEI here")
    monkeypatch.chdir(tmp_path)
    given = [Path("texts"), tmp_path / "texts", tmp_path / "empty"]
    names, problems = discover_names(given)
    assert len(names) == 1 and problems == []
    assert empty_folders(given, names) == [tmp_path / "empty"]
    links = [tmp_path / "links"]
    assert empty_folders(links, discover_names(links)[0]) == []


def test_excessive_nesting_is_refused_with_a_plain_message(tmp_path: Path) -> None:
    d = only_error(gate(tmp_path, "deep.xml", b"<r>" * 300 + b"</r>" * 300))
    assert d.code == "gate.too-deep"
    assert "XML_PARSE_HUGE" not in d.message
    # a text over 10 MB is too long, not too deep (probe 108)
    d = only_error(gate(tmp_path, "long.xml", b"<r>" + b"word " * 2_200_000 + b"</r>"))
    assert d.code == "gate.too-long" and "split the text" in d.message, d


@pytest.mark.parametrize(
    ("before", "place"),
    [
        ("<r>\n  <p>", (2, 6)),  # a text after its start tag, on the line of the text
        ("<r>\n  <p a='x>y'>", (2, 14)),  # a ">" in an attribute value ends no tag
        ("<r><p>\n", (1, 7)),  # a text that begins at the end of a line
        ("<r>\n <p>short <!-- a > note -->", (2, 28)),  # after a comment in the paragraph
        ("<r>\n  <p>\u00e9\u00e9 ", (2, 6)),  # the column counts characters, not bytes
        # probe 164: a "<" and an unbalanced quote inside a CDATA section or a comment are no
        # tag (the CDATA section's was taken for the start of one, 2:14)
        ('<r>\n<p><![CDATA[a<b "q]]>', (2, 22)),
        ("<r>\n<p><!-- it's a<b -->", (2, 21)),
        # an internal subset's comment and entity value hold "]" and ">"
        ("<!DOCTYPE r [<!-- ] > --><!ENTITY e 'a]>'>]>\n<r><p>", (2, 7)),
    ],
)
def test_an_over_long_text_is_placed_where_it_begins(
    tmp_path: Path, before: str, place: tuple[int, int]
) -> None:
    """Probe 163: gate.too-long was placed where libxml2 gave up, ten million columns into
    the line (12:10003667), and an editor jumped into the middle of the text: it is placed
    at the text's first character."""
    data = before.encode() + b"word " * 2_200_000 + b"</p></r>"
    d = only_error(gate(tmp_path, "long.xml", data))
    assert d.code == "gate.too-long"
    assert (d.line, d.column) == place
    # a start tag that is too long itself is placed at its "<"
    tag = b"<r>\n <p a='" + b"x" * 11_000_000 + b"'>w</p></r>"
    d = only_error(gate(tmp_path, "tag.xml", tag))
    assert (d.code, d.line, d.column) == ("gate.too-long", 2, 2)


def test_the_build_reads_entities_of_an_unread_dtd_as_characters() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE TEI.2 SYSTEM "tei2.dtd">\n<TEI.2><p>Caf&eacute;\n'
        b"a&mdash;b &mdash; &amp; &#x41;</p></TEI.2>"
    )
    strict = parse_bytes(data, Path("old.xml"))
    assert strict.document is None
    assert [d.code for d in strict.diagnostics] == ["gate.dtd-ignored", "gate.undefined-entity"]
    built = parse_bytes(data, Path("old.xml"), dtd_entities=True)
    assert built.document is not None
    assert built.document.root[0].text == "Café\na—b — & A"
    assert built.document.data == data  # the bytes kept (and offered) are the file's own
    notes = [(d.code, d.line, d.severity) for d in built.diagnostics]
    assert notes == [
        ("gate.dtd-ignored", 2, Severity.WARNING),
        ("gate.dtd-entity", 3, Severity.WARNING),
        ("gate.dtd-entity", 4, Severity.WARNING),
    ]
    assert "&#x2014;" in built.diagnostics[2].message


def test_an_entity_of_an_unread_dtd_is_placed_at_its_ampersand() -> None:
    """gate.dtd-entity names the first use of each entity at its "&", counted in characters
    (libxml2 says where the reference ends, in the bytes it parsed, where an entity read
    before on the line is already written otherwise)."""
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE TEI.2 SYSTEM "tei2.dtd">\n'
        "<TEI.2><p>\u00e9\u00e9 &eacute;&eacute; x &mdash;</p>\n<p>&hellip;</p></TEI.2>"
    ).encode()
    built = parse_bytes(data, Path("old.xml"), dtd_entities=True)
    notes = [(d.message.split()[1], d.line, d.column) for d in built.diagnostics[1:]]
    assert notes == [("&eacute;", 3, 14), ("&mdash;", 3, 33), ("&hellip;", 4, 4)]


def test_only_known_entities_of_a_file_with_a_dtd_are_read() -> None:
    # without a DTD an undeclared entity is not well-formed XML: refused, as by the check
    bare = parse_bytes(b"<r>&mdash;</r>", Path("r.xml"), dtd_entities=True)
    assert bare.document is None and bare.diagnostics[-1].code == "gate.undefined-entity"
    # a name no entity set knows stays an error
    odd = parse_bytes(
        b'<!DOCTYPE r SYSTEM "r.dtd">\n<r>&mdash;&notanentity;</r>',
        Path("r.xml"),
        dtd_entities=True,
    )
    assert odd.document is None and "&notanentity;" in odd.diagnostics[-1].message


def test_a_file_named_twice_is_found_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same file under a relative and an absolute name, in a folder named twice, and
    through a symbolic link is one file, under the first of its names (it was checked and
    published twice: "L00071" and "L00071-2")."""
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a.xml").write_text("<TEI/>")
    (folder / "b.xml").write_text("<TEI/>")
    (tmp_path / "link.xml").symlink_to(folder / "a.xml")
    monkeypatch.chdir(tmp_path)
    names, problems = discover_names(
        [Path("letters"), folder / "a.xml", Path("letters/a.xml"), Path("link.xml"), folder]
    )
    assert names == [str(folder / "a.xml"), str(folder / "b.xml")]
    assert problems == []


def test_utf16_without_a_byte_order_mark_is_named(tmp_path: Path) -> None:
    """UTF-16 without its mark is no "binary" file: the message says what it is and how to
    save it; a file whose bytes do not fit its encoding is told what to declare."""
    text = '<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    for codec, order in (
        ("utf-16-le", "little"),
        ("utf-16-be", "big"),
        ("utf-32-le", "little"),
        ("utf-32-be", "big"),
    ):
        result = parse_bytes(text.encode(codec), tmp_path / "u.xml")
        (d,) = result.diagnostics
        wide = codec[:6].upper()
        assert d.code == "gate.encoding" and f"{wide} ({order}-endian)" in d.message
    latin = "<TEI>caf\u00e9</TEI>".encode("latin-1")
    (d,) = parse_bytes(latin, tmp_path / "l.xml").diagnostics
    assert d.code == "gate.encoding" and 'encoding="ISO-8859-1"' in d.message


@pytest.mark.parametrize("declared", ["UTF-16", "utf-32", "UTF-16LE"])
def test_wide_encoding_declared_over_bytes_of_one_octet(tmp_path: Path, declared: str) -> None:
    """Probe 20: a file saved as UTF-8 whose declaration still says UTF-16 was "not
    well-formed: blank needed here" at the declaration; it is told what to declare."""
    text = f'<?xml version="1.0" encoding="{declared}"?>\n<TEI xmlns="x">caf\u00e9</TEI>'
    d = only_error(parse_bytes(text.encode("utf-8"), tmp_path / "w.xml"))
    assert (d.code, d.line) == ("gate.encoding", 1)  # type: ignore[attr-defined]
    assert 'change the declaration to encoding="UTF-8"' in d.message  # type: ignore[attr-defined]
    assert f"says {declared.upper()}," in d.message  # type: ignore[attr-defined]


def test_a_pipe_named_xml_is_said_not_passed_over(tmp_path: Path) -> None:
    """A FIFO named *.xml in a folder was passed over without a word, and named on the
    command line it was "no such file or folder"."""
    folder = tmp_path / "tei"
    folder.mkdir()
    os.mkfifo(folder / "pipe.xml")
    (folder / "a.xml").write_text("<TEI/>")
    names, problems = discover_names([folder, folder / "pipe.xml"])
    assert names == [str(folder / "a.xml")]
    assert [(d.code, "not a file" in d.message) for d in problems] == [("gate.missing", True)]


def test_a_link_to_a_pipe_or_a_device_is_not_called_broken(tmp_path: Path) -> None:
    # `z.xml -> /dev/zero` was "a symbolic link that leads to no file": it leads to a device
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "p.xml").symlink_to("pipe")
    (tmp_path / "z.xml").symlink_to("/dev/zero")
    (tmp_path / "gone.xml").symlink_to("nowhere")
    names, problems = discover_names([tmp_path])
    assert names == []
    told = sorted((Path(d.path).name, d.message.split(":")[0]) for d in problems)
    assert told == [
        ("gone.xml", "a symbolic link to 'nowhere' that leads to no file"),
        ("p.xml", "not a file (a pipe, a socket or a device)"),
        ("z.xml", "not a file (a pipe, a socket or a device)"),
    ]


@pytest.mark.parametrize(
    "surveyed", [None, frozenset({"{http://www.w3.org/XML/1998/namespace}id"})]
)
def test_an_element_with_too_many_attributes_is_refused(surveyed: frozenset[str] | None) -> None:
    """The gate's walk refuses a crowded element, whether it takes the check's survey on
    the way (``surveyed``) or not (the build): one error at the element's line."""
    from pipeline.gate import MAX_ATTRIBUTES

    crowded = " ".join(f'a{n}="x"' for n in range(MAX_ATTRIBUTES + 1))
    text = f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p/>\n  <p\n{crowded}/></TEI>'
    result = parse_bytes(text.encode(), Path("crowded.xml"), surveyed=surveyed)
    assert result.document is None
    # diagnostics probe: at the "<" of the element, with what to do (it had the line where
    # the tag ends and no column)
    (told,) = result.diagnostics
    assert (told.code, told.line, told.column) == ("gate.too-many-attributes", 3, 3)
    assert told.message.endswith("remove the attributes it does not need")
    fine = text.replace('a0="x" ', "")
    assert parse_bytes(fine.encode(), Path("fine.xml"), surveyed=surveyed).document is not None
    # namespace declarations count (probe 136: 100,000 on one element passed the gate and
    # the check, and the build stopped at its timeout reading it)
    declared = " ".join(f'xmlns:n{n}="urn:{n}"' for n in range(MAX_ATTRIBUTES))
    text = f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p/>\n  <p a="x"\n{declared}/></TEI>'
    result = parse_bytes(text.encode(), Path("declared.xml"), surveyed=surveyed)
    (told,) = result.diagnostics
    assert (told.code, told.line, told.column) == ("gate.too-many-attributes", 3, 3)
    assert "1 attribute and 256 namespace declarations" in told.message, told.message
    fine = text.replace('xmlns:n0="urn:0" ', "")
    assert parse_bytes(fine.encode(), Path("fine.xml"), surveyed=surveyed).document is not None


def test_the_gate_survey_is_the_walk_the_check_would_take() -> None:
    """Asked for a survey, the gate hands the check the names and the carriers a walk of
    its own finds; a tree expanded by xi:include has none (the gate saw one file of it)."""
    from pipeline.gate import XML_ID, survey

    text = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        '<p xml:id="a" rend="x"><name ref="#a">A</name><hi>b</hi></p></body></text></TEI>'
    )
    wanted = frozenset({XML_ID, "ref"})
    doc = parse_bytes(text.encode(), Path("t.xml"), surveyed=wanted).document
    assert doc is not None and doc.survey is not None
    assert doc.survey == survey(doc.root, wanted)
    assert [e.tag.split("}")[1] for e in doc.survey.carriers] == ["p", "name"]
    assert "{http://www.tei-c.org/ns/1.0}p rend" in doc.survey.attributes
    plain = parse_bytes(text.encode(), Path("t.xml")).document
    assert plain is not None and plain.survey is None


def test_a_file_name_that_is_no_utf8_is_one_error_in_every_report(tmp_path: Path) -> None:
    """`build` failed on such a name with an internal error while `check` passed it, and
    the JSON reports carried the raw byte (no longer UTF-8). Both now say it once, with the
    byte written \\xNN, and go on with the other files."""
    import json

    from click.testing import CliRunner

    from pipeline.cli import cli

    text = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>'
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.xml"), "wb") as handle:
        handle.write(text.encode())
    (tmp_path / "ok.xml").write_text(text)
    names, problems = discover_names([tmp_path])
    assert [Path(n).name for n in names] == ["ok.xml"]
    assert [(d.code, Path(d.path).name) for d in problems] == [("gate.file-name", "caf\\xe9.xml")]
    result = CliRunner().invoke(
        cli, ["check", "--checks", "refs", "--format", "json", str(tmp_path)]
    )
    report = json.loads(result.output.encode("utf-8"))
    assert [d["code"] for d in report["diagnostics"]] == ["gate.file-name"]


def test_an_element_written_beside_an_inclusion_is_placed_at_its_column(tmp_path: Path) -> None:
    """Probe 43 (letters that take their publication statement from a shared file): every
    build warning of such a text had a line and no column, its elements being no longer its
    start tags one for one. An element written in the file is placed at its "<" and its
    attribute at its name; one of the included part at its place in its file; content of an
    xi:fallback not taken is never mistaken for the element of the same name and line."""
    (tmp_path / "shared.xml").write_text(
        '<publicationStmt xmlns="http://www.tei-c.org/ns/1.0">\n  <publisher>P</publisher>'
        "</publicationStmt>",
        encoding="utf-8",
    )
    source = tmp_path / "l1.xml"
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">\n'
        "<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>\n"
        '  <xi:include href="shared.xml"><xi:fallback><p>none</p></xi:fallback></xi:include>'
        "<sourceDesc><p>x</p></sourceDesc>\n</fileDesc></teiHeader>\n"
        '<text><body><p>A</p> <p>B <graphic\n   url="../p.png"/></p></body></text></TEI>',
        encoding="utf-8",
    )
    document = read_document(source, root=tmp_path).document
    assert document is not None and document.parts
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    (graphic,) = document.root.xpath("//t:graphic", namespaces=ns)
    assert document.element_place(graphic) == (5, 27)
    assert document.attribute_place(graphic, "url") == (6, 4)
    second = document.root.xpath("//t:body/t:p", namespaces=ns)[1]
    assert document.element_place(second) == (5, 22)
    assert document.text_place(second, tail=False) == (5, 25)
    (publisher,) = document.root.xpath("//t:publisher", namespaces=ns)
    # (at its column in the included file too, since probe 180)
    assert document.element_place(publisher) == (2, 3)
    # beside a fallback's <p> on its line: which tag is its own cannot be told for sure
    (source_p,) = document.root.xpath("//t:sourceDesc/t:p", namespaces=ns)
    assert document.element_place(source_p) == (3, None)
    (source_desc,) = document.root.xpath("//t:sourceDesc", namespaces=ns)
    assert document.element_place(source_desc) == (3, 84)


@pytest.mark.parametrize("name", ["UTF-7", "utf7", "csUnicode11UTF7"])
def test_an_encoding_that_writes_markup_as_other_characters_is_refused(
    tmp_path: Path, name: str
) -> None:
    """Probe 121: a file declaring UTF-7 was read as UTF-7, "+ADw-script+AD4-" a <script>
    no filter of markup sees. It is refused at its declaration."""
    data = f'<?xml version="1.0" encoding="{name}"?>\n<TEI>+ADw-b+AD4-x+ADw-/b+AD4-</TEI>'
    d: Any = only_error(gate(tmp_path, "u7.xml", data.encode("ascii")))
    assert (d.code, d.line) == ("gate.encoding", 1)
    assert "writes markup as other characters" in d.message
