"""The Saxon facade: lock-down, typed parameters, messages, per-area compilation."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import StylesheetError
from pipeline.xslt import Layers, Saxon, XmlText

PROBE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="xs">
  <xsl:param name="flag" as="xs:boolean" select="false()"/>
  <xsl:param name="count" as="xs:integer" select="0"/>
  <xsl:param name="doc" as="document-node()?" select="()"/>
  <xsl:param name="target" as="xs:string" select="''"/>
  <xsl:template match="/" name="main">
    <xsl:message>seen <xsl:value-of select="count(//*)"/></xsl:message>
    <out flag="{$flag}" count="{$count}" in-doc="{count($doc//x)}">
      <text><xsl:try><xsl:sequence select="unparsed-text($target)"/>
        <xsl:catch select="'blocked'"/></xsl:try></text>
      <doc><xsl:sequence select="doc-available($target)"/></doc>
    </out>
  </xsl:template>
</xsl:stylesheet>"""


@pytest.fixture
def xslt_dir(tmp_path: Path) -> Path:
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "probe.xsl").write_text(PROBE)
    (tmp_path / "probe" / "broken.xsl").write_text("<xsl:stylesheet version='3.0'")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "other.xsl").write_text(PROBE)
    return tmp_path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("SECRET")
    return path


def test_stylesheets_cannot_read_files(xslt_dir: Path, secret: Path) -> None:
    sheet = Saxon(xslt_dir).stylesheet("probe/probe")
    result = sheet.transform("<r/>", {"target": secret.as_uri()})
    assert "<text>blocked</text>" in result.output
    assert "<doc>false</doc>" in result.output
    assert "SECRET" not in result.output


def test_typed_parameters_and_document_parameters(xslt_dir: Path) -> None:
    sheet = Saxon(xslt_dir).stylesheet("probe/probe")
    result = sheet.transform(
        "<r><a/></r>", {"flag": True, "count": 7, "doc": XmlText("<d><x/><x/></d>")}
    )
    assert 'flag="true" count="7" in-doc="2"' in result.output
    assert result.messages == ("seen 2",)


def test_a_document_parameter_handed_over_again_is_parsed_once(
    xslt_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The registers go to every text's transforms as one string: parsed once per engine;
    another string, even of the same content, is parsed for itself."""
    from pipeline.xslt import Engine

    parsed: list[str] = []
    original = Engine.parse

    def counting(self: Engine, text: str) -> object:
        parsed.append(text)
        return original(self, text)

    monkeypatch.setattr(Engine, "parse", counting)
    sheet = Saxon(xslt_dir).stylesheet("probe/probe")
    registers = XmlText("".join(["<d>", "<x/>" * 3, "</d>"]))  # built, so never interned
    for n in range(3):
        citation = XmlText(f"<c>{n}</c>")
        result = sheet.transform(f"<r n='{n}'/>", {"doc": registers, "flag": True, "count": n})
        assert 'in-doc="3"' in result.output
        sheet.transform("<r/>", {"doc": citation})
    assert parsed.count(registers.text) == 1
    # a changed parameter is seen at once, and an equal copy is not mistaken for it
    result = sheet.transform("<r/>", {"doc": XmlText("<d><x/></d>")})
    assert 'in-doc="1"' in result.output
    copy = XmlText("".join(["<d>", "<x/>" * 3, "</d>"]))
    assert 'in-doc="3"' in sheet.transform("<r/>", {"doc": copy}).output
    assert parsed.count(registers.text) == 2


def test_messages_do_not_leak_between_runs(xslt_dir: Path) -> None:
    sheet = Saxon(xslt_dir).stylesheet("probe/probe")
    sheet.transform("<r/>")
    assert sheet.transform("<r><a/><b/></r>").messages == ("seen 3",)


def test_a_released_stylesheet_is_compiled_again_and_the_others_kept(xslt_dir: Path) -> None:
    saxon = Saxon(xslt_dir)
    probe, other = saxon.stylesheet("probe/probe"), saxon.stylesheet("other/other")
    assert saxon.stylesheet("probe/probe") is probe
    saxon.release(["probe/probe", "probe/never-compiled"])
    again = saxon.stylesheet("probe/probe")
    assert again is not probe
    assert "<out" in again.transform("<r/>").output
    assert saxon.stylesheet("other/other") is other


def test_named_template_without_input(xslt_dir: Path) -> None:
    result = Saxon(xslt_dir).stylesheet("probe/probe").transform(None, initial_template="main")
    assert "<out" in result.output


def test_doctype_in_a_document_is_refused(xslt_dir: Path) -> None:
    sheet = Saxon(xslt_dir).stylesheet("probe/probe")
    with pytest.raises(StylesheetError, match="DOCTYPE"):
        sheet.transform('<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>')


def test_a_broken_stylesheet_breaks_only_itself(xslt_dir: Path) -> None:
    saxon = Saxon(xslt_dir)
    with pytest.raises(StylesheetError, match="probe/broken"):
        saxon.stylesheet("probe/broken")
    assert saxon.stylesheet("probe/probe").transform("<r/>").output


def test_a_compile_error_is_told_without_the_warnings_before_it(xslt_dir: Path) -> None:
    """A module imported twice (SXWN9019) filled the message of a customisation's real
    mistake with three lines of warning before it (probe 15)."""
    (xslt_dir / "probe" / "a.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>'
    )
    (xslt_dir / "probe" / "twice.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:import href="a.xsl"/><xsl:import href="a.xsl"/>'
        '<xsl:template match="/"><xsl:value-of select="nosuch:f()"/></xsl:template>'
        "</xsl:stylesheet>"
    )
    with pytest.raises(StylesheetError) as raised:
        Saxon(xslt_dir).stylesheet("probe/twice")
    message = str(raised.value)
    assert "XPST0081" in message and "'nosuch'" in message
    assert "SXWN9019" not in message and "Warning" not in message


def test_areas_compile_independently_after_another_is_locked(xslt_dir: Path) -> None:
    saxon = Saxon(xslt_dir)
    saxon.stylesheet("probe/probe").transform("<r/>")
    assert "<out" in saxon.stylesheet("other/other").transform("<r/>").output


def test_generated_stylesheets_compile_from_text(xslt_dir: Path, secret: Path) -> None:
    sheet = Saxon(xslt_dir).compile_text(PROBE, "generated")
    assert "<text>blocked</text>" in sheet.transform("<r/>", {"target": secret.as_uri()}).output


def test_unknown_stylesheet(xslt_dir: Path) -> None:
    with pytest.raises(StylesheetError, match="no stylesheet"):
        Saxon(xslt_dir).stylesheet("probe/nope")


def test_dynamic_error_becomes_a_stylesheet_error(xslt_dir: Path) -> None:
    bad = PROBE.replace("count($doc//x)", "error()")
    with pytest.raises(StylesheetError, match="generated"):
        Saxon(xslt_dir).compile_text(bad, "generated").transform("<r/>")


def test_result_documents_are_never_written(tmp_path: Path) -> None:
    """Saxon writes xsl:result-document even when no protocol is allowed: every executable
    keeps them in memory instead (pipeline/xslt.py), so no stylesheet writes a file."""
    target = tmp_path / "written.txt"
    writer = (
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><xsl:result-document href="'
        + target.as_uri()
        + '" method="text">x</xsl:result-document><done/></xsl:template></xsl:stylesheet>'
    )
    result = Saxon(tmp_path).compile_text(writer, "writer").transform("<r/>")
    assert "<done" in result.output
    assert not target.exists()


def test_a_temporary_folder_is_made_for_a_customisation_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog and layer file of a customisation live in a temporary folder while the
    area compiles; the shipped stylesheets need none, so a plain build or check makes none."""
    made: list[str] = []
    real = tempfile.TemporaryDirectory

    def spy(*args: Any, **kwargs: Any) -> Any:
        made.append(str(kwargs.get("prefix", "")))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryDirectory", spy)
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "probe.xsl").write_text(PROBE)
    plain = Saxon(tmp_path)
    assert "<out" in plain.stylesheet("html/probe").transform("<r/>").output
    assert "<out" in plain.area("html").stylesheet("html/probe").transform("<r/>").output
    plain.compile_text(PROBE, "generated")
    assert made == []
    custom = tmp_path / "custom.xsl"
    custom.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:import href="edition:render.xsl"/>'
        '<xsl:template match="/"><customised/></xsl:template></xsl:stylesheet>'
    )
    layers = Layers(stylesheet=custom, key="k")
    result = Saxon(tmp_path).stylesheet("html/probe", layers).transform("<r/>")
    assert "<customised" in result.output
    assert made == ["edition-xslt-"]


def test_no_function_of_the_common_layer_is_defined_twice() -> None:
    """Two modules of xslt/common that declare one function name (and arity) do not clash at
    compile time: the one of higher import precedence silently wins everywhere, and the
    other module's callers get a function that does something else (a transcription's line
    number once replaced the verse one). Only the output layers (html/, epub/) override a
    common function, on purpose."""
    from lxml import etree

    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    declared: dict[tuple[str | None, int], list[str]] = {}
    for sheet in sorted((Path(__file__).parents[1] / "xslt" / "common").glob("*.xsl")):
        for function in etree.parse(str(sheet)).iter(f"{xsl}function"):
            key = (function.get("name"), len(function.findall(f"{xsl}param")))
            declared.setdefault(key, []).append(sheet.name)
    twice = {key: sheets for key, sheets in declared.items() if len(sheets) > 1}
    assert not twice, twice
