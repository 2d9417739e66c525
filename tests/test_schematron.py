"""Schematron: compiler (xslt/schematron/compile.xsl), runner and SVRL reader, by (rule id, line).

Fixtures live in tests/data/schematron/; every test keeps the compiled-stylesheet cache in
its own tmp_path. TEI's and ELTeC's schemas are read in place from ../shared/schemas.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.diagnostics import Diagnostic, Severity
from pipeline.errors import StylesheetError
from pipeline.gate import SourceDocument, read_document
from pipeline.validate import schematron
from pipeline.validate.rng_prune import Vocabulary
from pipeline.validate.schematron import has_embedded_schematron, validator_for

DATA = Path(__file__).parent / "data" / "schematron"
SHARED_SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
TEI_ALL = SHARED_SCHEMAS / "tei_all.rng"
ELTEC = SHARED_SCHEMAS / "eltec-1.rng"
TEI = "http://www.tei-c.org/ns/1.0"


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    cache = tmp_path / "cache"
    monkeypatch.setenv("EDITION_CACHE_DIR", str(cache))
    monkeypatch.setattr(schematron, "_validators", {})
    yield cache


def document(path: Path) -> SourceDocument:
    result = read_document(path)
    assert result.document is not None, result.diagnostics
    return result.document


def run(schema: Path, doc: Path, phase: str | None = None) -> list[Diagnostic]:
    return validator_for(schema, phase).validate(document(doc))


def found(diagnostics: list[Diagnostic]) -> set[tuple[str, int | None]]:
    return {(d.code, d.line) for d in diagnostics}


def by_code(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    matches = [d for d in diagnostics if d.code == code]
    assert len(matches) == 1, diagnostics
    return matches[0]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- rules, asserts, reports, messages --------------------------------------------------


def test_assert_with_lets_value_of_name_and_diagnostic() -> None:
    result = run(DATA / "features.sch", DATA / "features.xml")
    short = by_code(result, "p-too-short")
    assert short.line == 4
    assert short.severity is Severity.ERROR
    assert short.origin == "schematron"
    # rule let ($length), schema let ($minimum, in the diagnostic), pattern let ($unit),
    # sch:name, sch:emph/dir/span text kept, braces taken literally, whitespace collapsed
    assert short.message == "p has 2 only {braces} and characters; write at least 3 characters"


def test_first_matching_rule_wins_within_a_pattern() -> None:
    result = run(DATA / "features.sch", DATA / "features.xml")
    # p n=2 is one character long, but rule skipped-p comes first and takes it
    assert ("p-too-short", 5) not in found(result)


def test_every_pattern_sees_every_node() -> None:
    result = run(DATA / "features.sch", DATA / "features.xml")
    assert ("every-p-rule", 5) in found(result)


def test_role_and_flag_give_the_severity() -> None:
    result = run(DATA / "features.sch", DATA / "features.xml")
    severities = {d.code: (d.line, d.severity) for d in result}
    assert severities["hi-fatal"] == (6, Severity.ERROR)
    assert severities["hi-warn"] == (7, Severity.WARNING)
    assert severities["hi-info"] == (7, Severity.INFO)
    assert severities["hi-plain"] == (8, Severity.ERROR)


def test_schema_level_xsl_function_is_copied_through() -> None:
    result = run(DATA / "features.sch", DATA / "features.xml")
    loud = by_code(result, "severities")  # no assert or rule id: the pattern id
    assert (loud.line, loud.message) == (8, "says E")


def test_attribute_and_text_node_contexts() -> None:
    result = run(DATA / "features.sch", DATA / "features.xml")
    assert ("corresp-rule", 9) in found(result)  # an attribute: its element's line
    # and the attribute's column, not its element's (probe 20: CMIF's rule on
    # correspDesc/@source was placed at the correspDesc)
    assert by_code(result, "corresp-rule").column == 16
    assert ("attributes-and-text", 9) in found(result)  # text()[1] of the p on line 9


def test_an_attribute_in_a_namespace_is_placed_at_its_column(tmp_path: Path) -> None:
    # Probe 25: the Bodleian's rule on //@xml:lang was placed at its element's column, as
    # the slashes of the XML namespace's uri ended the SVRL step of the attribute early
    schema = write(
        tmp_path,
        "lang.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<pattern id="lang-code"><rule context="//@xml:lang">'
        "<assert test=\"matches(., '^[a-z]{2,3}(-|$)')\">a code, not a name</assert>"
        "</rule></pattern></schema>",
    )
    doc = write(tmp_path, "doc.xml", '<a>\n  <b n="1" xml:lang="English"/>\n</a>')
    [wrong] = run(schema, doc)
    assert (wrong.code, wrong.line, wrong.column) == ("lang-code", 2, 12)


@pytest.mark.parametrize("mode", ["saxon", "lxml"])
def test_a_failure_said_of_an_attribute_is_placed_at_it(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 115: a rule about an element whose message begins with an attribute and its
    value (ed-date-order's '@notBefore="1945" is later than ...') was placed at the
    element's "<", where the build and RELAX NG place such a fault at the attribute; on
    Saxon and on lxml alike. A message naming an attribute the element lacks stays at it."""
    schema = write(
        tmp_path,
        "order.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<pattern id="order"><rule context="date"><assert test="not(@notBefore)">'
        '@notBefore="<value-of select="@notBefore"/>" is later than @notAfter</assert>'
        '<assert test="not(@n)">@when="x" is missing</assert></rule></pattern></schema>',
    )
    doc = write(tmp_path, "doc.xml", '<a>\n  <date n="1"\n   notBefore="3" notAfter="2"/>\n</a>')
    monkeypatch.setenv("EDITION_SCHEMATRON", mode)
    if mode == "lxml":
        validator = validator_for(schema)
        assert validator.lxml is not None and validator.lxml.patterns
    places = sorted((d.message[:12], d.line, d.column) for d in run(schema, doc))
    assert places == [('@notBefore="', 3, 4), ('@when="x" is', 2, 3)], places


def test_document_node_and_root_contexts() -> None:
    result = run(DATA / "features.sch", DATA / "features.xml")
    # document-node() makes its pattern walk the tree; "/" is selected directly
    assert {("document-rule", 1), ("body-rule", 3), ("root-rule", 1)} <= found(result)


def test_code_falls_back_to_kind_without_any_id(tmp_path: Path) -> None:
    schema = write(
        tmp_path,
        "anonymous.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron">'
        '<pattern><rule context="b"><report test="true()">b</report>'
        '<assert test="false()">never b</assert></rule></pattern></schema>',
    )
    doc = write(tmp_path, "doc.xml", "<a>\n<b/>\n</a>")
    assert found(run(schema, doc)) == {("sch.report", 2), ("sch.assert", 2)}


def test_svrl_location_is_a_namespace_aware_positional_path() -> None:
    validator = validator_for(DATA / "features.sch")
    svrl = validator.stylesheet.transform(document(DATA / "features.xml").xml_text()).output
    step = f"Q{{{TEI}}}"
    assert f'location="/{step}TEI[1]/{step}text[1]/{step}body[1]/{step}p[4]/@corresp"' in svrl
    assert 'title="Feature schema"' in svrl


def test_locations_among_many_siblings_are_those_path_gives(tmp_path: Path) -> None:
    """Past 200 siblings before a step the generated stylesheet counts them with an
    accumulator (path() counted them for every location: 30,000 failed assertions in one
    body took 50 s); the locations and the places read from them are the same."""
    schema = write(
        tmp_path,
        "many.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">'
        '<pattern id="n-digits"><rule context="b"><assert test="matches(@n, \'^[0-9]+$\')">'
        "digits</assert></rule></pattern>"
        '<pattern id="lang"><rule context="@xml:lang"><assert test="matches(., \'^[a-z]+$\')">'
        "a code</assert></rule></pattern></schema>",
    )
    rows = "".join(
        f'<c/><b n="x{i}"/>\n' if i % 2 else f'<b n="x{i}" xml:lang="E n"/>\n' for i in range(300)
    )
    doc = write(tmp_path, "doc.xml", f"<a>\n<d/>{rows}</a>\n")
    validator = validator_for(schema)
    svrl = validator.stylesheet.transform(document(doc).xml_text()).output
    assert 'location="/Q{}a[1]/Q{}b[2]"' in svrl  # few siblings before: path() itself
    assert 'location="/Q{}a[1]/Q{}b[299]"' in svrl  # counted
    assert 'location="/Q{}a[1]/Q{}b[299]/@Q{http://www.w3.org/XML/1998/namespace}lang"' in svrl
    result = validator.validate(document(doc))
    digits = sorted(d.line or 0 for d in result if d.code == "n-digits")
    assert digits == list(range(2, 302))
    lang = [d for d in result if d.code == "lang"]
    assert [d.line for d in lang] == list(range(2, 302, 2))
    assert all(d.column for d in lang)


def test_location_that_cannot_be_resolved_falls_back_to_the_nearest_element() -> None:
    doc = document(DATA / "features.xml")
    step = f"/Q{{{TEI}}}"
    assert schematron._line(doc, f"{step}TEI[1]{step}text[1]{step}body[1]{step}p[9]") == 3
    assert schematron._line(doc, f"{step}TEI[1]{step}text[1]{step}body[1]{step}p[3]") == 6
    assert schematron._line(doc, "/") == 1


def test_unsupported_query_binding_is_refused(tmp_path: Path) -> None:
    schema = write(
        tmp_path,
        "exslt.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="exslt"/>',
    )
    with pytest.raises(StylesheetError, match="queryBinding"):
        validator_for(schema)


def test_a_file_that_is_neither_schematron_nor_relax_ng_is_refused() -> None:
    with pytest.raises(StylesheetError, match="not a Schematron schema"):
        validator_for(DATA / "features.xml")


# --- phases ---------------------------------------------------------------------------


def test_default_phase_runs_its_active_patterns_only() -> None:
    assert found(run(DATA / "phases.sch", DATA / "phases.xml")) == {("title-empty", 2)}


def test_named_phase_with_a_phase_let() -> None:
    result = run(DATA / "phases.sch", DATA / "phases.xml", phase="full")
    assert found(result) == {("title-empty", 2), ("note-seen", 3)}
    assert by_code(result, "note-seen").message == "note (hello)"


def test_unknown_phase_is_refused() -> None:
    with pytest.raises(StylesheetError, match="no phase"):
        validator_for(DATA / "phases.sch", phase="nonesuch")


# --- abstract patterns and rules ------------------------------------------------------


def test_abstract_pattern_instances_substitute_their_params() -> None:
    result = run(DATA / "abstract.sch", DATA / "abstract.xml")
    assert {("attribute-missing", 3), ("attribute-missing", 4)} <= found(result)
    messages = {d.message for d in result if d.code == "attribute-missing"}
    assert messages == {"persName needs @ref", "date needs @when"}


def test_abstract_rule_is_extended() -> None:
    result = run(DATA / "abstract.sch", DATA / "abstract.xml")
    assert {("key-missing", 5), ("key-x", 6)} <= found(result)
    assert len(result) == 4


# --- include --------------------------------------------------------------------------


def test_include_of_a_schema_and_of_one_rule_by_id() -> None:
    result = run(DATA / "include" / "main.sch", DATA / "include.xml")
    assert found(result) == {("list-empty", 2), ("head-empty", 3)}


def test_include_outside_the_schema_folder_is_refused() -> None:
    with pytest.raises(StylesheetError, match="outside"):
        validator_for(DATA / "include" / "outside.sch")


def test_remote_include_is_refused() -> None:
    with pytest.raises(StylesheetError, match="refused"):
        validator_for(DATA / "include" / "remote.sch")


# --- Schematron embedded in RELAX NG --------------------------------------------------


def test_embedded_schematron_in_relax_ng() -> None:
    result = run(DATA / "embedded.rng", DATA / "embedded.xml")
    assert found(result) == {("seg-typed", 3)}
    assert result[0].severity is Severity.WARNING


def test_has_embedded_schematron() -> None:
    assert has_embedded_schematron(DATA / "embedded.rng")
    assert not has_embedded_schematron(DATA / "plain.rng")


@pytest.mark.skipif(not TEI_ALL.is_file(), reason="needs ../shared/schemas/tei_all.rng")
def test_tei_all_constraint_ref_with_target_and_cref() -> None:
    assert has_embedded_schematron(TEI_ALL)
    validator = validator_for(TEI_ALL)
    assert validator.skipped == ()
    result = validator.validate(document(DATA / "tei-ref.xml"))
    ref = by_code(result, "tei_all-ref-refAtts-constraint-rule-19")
    assert ref.line == 12
    assert ref.message == "Only one of the attributes @target and @cRef may be supplied on ref."
    assert len(result) == 1


def test_a_pattern_repeating_an_earlier_one_in_other_words_is_left_out(tmp_path: Path) -> None:
    """Probe 24: tei_all states the spanTo constraint of addSpan in English and in French,
    two patterns of one logic, and every fault was told twice. A pattern that differs in a
    test, a context or a role is no translation and runs."""
    schema = write(
        tmp_path,
        "twice.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron">'
        '<pattern id="en"><rule context="b"><assert test="@to">b needs @to</assert></rule>'
        "</pattern>"
        '<pattern id="fr"><title>en français</title><rule context="b">'
        '<assert test="@to" id="x">b exige @to</assert></rule></pattern>'
        '<pattern id="role"><rule context="b"><assert test="@to" role="warning">b?</assert>'
        "</rule></pattern>"
        '<pattern id="other"><rule context="b"><assert test="@from">b needs @from</assert>'
        "</rule></pattern></schema>",
    )
    doc = write(tmp_path, "doc.xml", "<a>\n<b/>\n</a>")
    assert sorted(found(run(schema, doc))) == [("en", 2), ("other", 2), ("role", 2)]


@pytest.mark.skipif(not TEI_ALL.is_file(), reason="needs ../shared/schemas/tei_all.rng")
def test_tei_all_tells_a_span_without_its_end_once(tmp_path: Path) -> None:
    doc = write(
        tmp_path,
        "span.xml",
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
        "</fileDesc></teiHeader><text><body>\n<p>a <addSpan/> b</p></body></text></TEI>",
    )
    result = run(TEI_ALL, doc)
    assert found(result) == {("tei_all-addSpan-addSpan-requires-spanTo-constraint-rule-44", 2)}


@pytest.mark.skipif(not ELTEC.is_file(), reason="needs ../shared/schemas/eltec-1.rng")
def test_eltec_word_count_constraint(tmp_path: Path) -> None:
    doc = write(
        tmp_path,
        "novel.xml",
        f'<TEI xmlns="{TEI}">\n<teiHeader><fileDesc>\n'
        '<extent><measure unit="pages">12</measure></extent>\n'
        "</fileDesc></teiHeader>\n</TEI>\n",
    )
    result = run(ELTEC, doc)
    code = "eltec-1-extent-wordCountMandatory-constraint-assert-2"
    assert (code, 3) in found(result)
    assert by_code(result, code).message == "You must provide a word count"


# --- compile once, cache on disk, skip broken patterns, runtime errors -----------------


def test_validator_is_compiled_once_per_process() -> None:
    assert validator_for(DATA / "phases.sch") is validator_for(DATA / "phases.sch")
    assert validator_for(DATA / "phases.sch") is not validator_for(DATA / "phases.sch", "full")


def test_compiled_stylesheet_is_read_back_from_the_disk_cache(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(DATA / "features.sch", DATA / "features.xml")
    assert len(list((fresh_cache / "schematron").glob("*.xsl"))) == 1
    monkeypatch.setattr(schematron, "_validators", {})

    def no_compiling(*args: object) -> None:
        raise AssertionError("the cached stylesheet should have been used")

    monkeypatch.setattr(schematron, "_compile", no_compiling)
    assert run(DATA / "features.sch", DATA / "features.xml") == first


def test_damaged_cache_entry_is_rebuilt(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    validator_for(DATA / "phases.sch")
    (entry,) = (fresh_cache / "schematron").glob("*.xsl")
    entry.write_text("<xsl:stylesheet", encoding="utf-8")
    monkeypatch.setattr(schematron, "_validators", {})
    assert found(run(DATA / "phases.sch", DATA / "phases.xml")) == {("title-empty", 2)}
    assert entry.read_text(encoding="utf-8").startswith("<?xml")


def test_unwritable_cache_does_not_break_validation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write(tmp_path, "not-a-folder", "")
    monkeypatch.setenv("EDITION_CACHE_DIR", str(blocker))
    assert found(run(DATA / "phases.sch", DATA / "phases.xml")) == {("title-empty", 2)}


def test_broken_pattern_is_skipped_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validator = validator_for(DATA / "broken.sch")
    (skipped,) = validator.skipped
    assert (skipped.code, skipped.line, skipped.severity) == (
        "sch.pattern-skipped",
        9,
        Severity.WARNING,
    )
    assert "bad-xpath" in skipped.message and "undeclared" in skipped.message
    doc = write(tmp_path, "doc.xml", f'<TEI xmlns="{TEI}">\n<p> </p>\n</TEI>')
    assert found(validator.validate(document(doc))) == {("p-empty", 2)}
    # the skipped pattern is remembered by the disk cache too
    monkeypatch.setattr(schematron, "_validators", {})
    assert validator_for(DATA / "broken.sch").skipped == validator.skipped


def test_a_broken_first_pattern_is_skipped_not_the_whole_schema(tmp_path: Path) -> None:
    # Diagnostics probe: the patterns' keys were read with the XML declaration glued to the
    # first, so a first pattern that does not compile was never found and the whole schema
    # was refused ("cannot compile schematron", exit 2) instead of one sch.pattern-skipped
    schema = write(
        tmp_path,
        "first-bad.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">\n'
        f'<ns prefix="tei" uri="{TEI}"/>\n'
        '<pattern id="bad">\n<rule context="tei:p"><assert test="(((">x</assert></rule>\n'
        "</pattern>\n"
        '<pattern><rule context="tei:p"><assert id="p-empty" test="normalize-space()">'
        "empty</assert></rule></pattern>\n</schema>",
    )
    validator = validator_for(schema)
    (skipped,) = validator.skipped
    assert (skipped.code, skipped.line) == ("sch.pattern-skipped", 3)
    assert "pattern bad skipped" in skipped.message
    doc = write(tmp_path, "doc.xml", f'<TEI xmlns="{TEI}">\n<p> </p>\n</TEI>')
    assert found(validator.validate(document(doc))) == {("p-empty", 2)}


def test_a_rule_that_asks_for_the_environment_is_skipped(tmp_path: Path) -> None:
    """Probe 121: a Schematron a source names reported environment-variable('PATH') and the
    names of every variable into the report (a CI's secrets). A pattern that asks for the
    environment, by name, through function-lookup or xsl:evaluate, is skipped with a
    warning; the others run. A schema-level let that asks refuses the schema."""
    head = (
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">\n'
        f'<ns prefix="tei" uri="{TEI}"/>\n'
    )
    schema = write(
        tmp_path,
        "env.sch",
        head + '<pattern id="env"><rule context="tei:p"><report test="true()" id="env">'
        "<value-of select=\"environment-variable('PATH')\"/></report></rule></pattern>\n"
        '<pattern id="lookup"><rule context="tei:TEI"><report test="exists(.)" id="lk">'
        "<value-of select=\"fn:function-lookup(xs:QName('fn:available-environment-variables'),"
        ' 0)()"/></report></rule></pattern>\n'
        '<pattern><rule context="tei:p"><assert id="p-empty" test="normalize-space()">'
        "empty</assert></rule></pattern>\n</schema>",
    )
    validator = validator_for(schema)
    assert sorted((d.code, d.line) for d in validator.skipped) == [
        ("sch.pattern-skipped", 3),
        ("sch.pattern-skipped", 4),
    ]
    assert all("asks for the environment" in d.message for d in validator.skipped)
    doc = write(tmp_path, "doc.xml", f'<TEI xmlns="{TEI}">\n<p> </p>\n</TEI>')
    assert found(validator.validate(document(doc))) == {("p-empty", 2)}
    whole = write(
        tmp_path,
        "let.sch",
        head + '<let name="home" value="environment-variable(\'HOME\')"/>\n'
        '<pattern><rule context="tei:p"><report test="true()" id="h"><value-of select="$home"/>'
        "</report></rule></pattern>\n</schema>",
    )
    with pytest.raises(StylesheetError, match="asks for the environment"):
        validator_for(whole)
    # the words of a message, a diagnostic's too, never run (probe 122: skipped, their
    # errors untold)
    said = write(
        tmp_path,
        "said.sch",
        head + '<pattern id="msg"><rule context="tei:p"><assert id="p-empty" '
        'test="normalize-space()" diagnostics="d1">Empty (never function-lookup() output)'
        '</assert></rule></pattern>\n<diagnostics><diagnostic id="d1">not with '
        "environment-variable(...)</diagnostic></diagnostics>\n</schema>",
    )
    quiet = validator_for(said)
    assert quiet.skipped == ()
    assert found(quiet.validate(document(doc))) == {("p-empty", 2)}


def test_a_rule_that_reads_a_file_says_so_and_the_others_run(tmp_path: Path) -> None:
    # Probe 25: the Bodleian authority rules read doc('persons_master.xml'); the report
    # was Saxon's "Access to URI file:<working folder>/persons_master.xml has been
    # prohibited", a path the schema never named, and no word of why
    schema = write(
        tmp_path,
        "reads.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<let name="all" value="doc(\'master.xml\')//person"/>'
        '<pattern id="ids"><rule context="person">'
        "<assert test=\"starts-with(@id, 'person_')\">an id person_N</assert></rule></pattern>"
        '<pattern id="twice"><rule context="person"><let name="me" value="@id"/>'
        '<report test="count($all[@id = $me]) gt 1">used twice</report></rule></pattern>'
        "</schema>",
    )
    write(tmp_path, "master.xml", '<list><person id="p1"/></list>')
    doc = write(tmp_path, "doc.xml", '<list>\n<person id="p1"/>\n</list>')
    result = run(schema, doc)
    assert found(result) == {("ids", 2), ("sch.runtime", None)}
    runtime = by_code(result, "sch.runtime")
    assert runtime.column is None  # no context node: neither line nor column
    assert runtime.message.startswith(
        "schematron rule could not be evaluated: rule twice reads the file master.xml"
    )
    assert "which edition check does not allow, so it was not run" in runtime.message
    assert runtime.message.endswith("ids used twice in the files checked together")


def test_a_rule_reading_a_text_file_is_not_told_of_ids(tmp_path: Path) -> None:
    """Probe 83: a rule reading /etc/passwd with unparsed-text() was refused, and told that
    "the reference check finds ids used twice", which is what a rule reads an XML file for."""
    schema = write(
        tmp_path,
        "reads.sch",
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<pattern id="peek"><rule context="list">'
        "<report test=\"contains(unparsed-text('/etc/passwd'), 'root')\">x</report></rule>"
        "</pattern></schema>",
    )
    doc = write(tmp_path, "doc.xml", "<list/>")
    runtime = by_code(run(schema, doc), "sch.runtime")
    assert "reads the file passwd" in runtime.message
    assert runtime.message.endswith("so it was not run [FOUT1170]"), runtime.message


def test_runtime_error_becomes_one_sch_runtime_diagnostic() -> None:
    result = run(DATA / "runtime.sch", DATA / "runtime.xml")
    runtime = by_code(result, "sch.runtime")
    assert (runtime.line, runtime.column) == (3, 3)  # the "<" of the rule's context element
    assert runtime.severity is Severity.ERROR
    assert "FORG0001" in runtime.message and "n-rule" in runtime.message
    # the failing selection in pattern "selection" is counted in the same diagnostic
    assert runtime.message.endswith("(and 1 more in this file)")
    assert ("n-positive", 4) in found(result)  # the other nodes and patterns still run
    assert found(result) == {("sch.runtime", 3), ("n-positive", 4)}


# --- patterns that cannot fire are not run ----------------------------------------------

NEEDS_SCHEMA = f"""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <ns prefix="tei" uri="{TEI}"/>
  <pattern id="p"><rule context="tei:p"><report id="p" test="true()">p</report></rule></pattern>
  <pattern id="no-rules"><title>a pattern without rules</title></pattern>
  <pattern id="l-p"><rule context="tei:l//tei:p"><report id="l-p" test="true()">l p</report>
  </rule></pattern>
  <pattern id="when"><rule context="tei:*[not(self::tei:x)][@when]">
    <report id="when" test="true()">when</report></rule></pattern>
  <pattern id="type"><rule context="tei:list[@type = ('a', 'b')] | tei:rt/@from">
    <report id="type" test="true()">type</report></rule></pattern>
  <pattern id="spanto"><rule context="tei:*[starts-with(@spanTo, '#')]">
    <report id="spanto" test="true()">spanTo</report></rule></pattern>
  <pattern id="count"><rule context="/*[count(//tei:item) gt 1]">
    <report id="count" test="true()">items</report></rule></pattern>
  <pattern id="numeric"><rule context="tei:ab[@n gt 1]/tei:hi">
    <report id="numeric" test="true()">n</report></rule></pattern>
  <pattern id="any"><rule context="tei:*[@n or @m]"><report id="any" test="false()">x</report>
  </rule></pattern>
  <pattern id="text"><rule context="text()"><report id="text" test="false()">x</report></rule>
  </pattern>
  <pattern id="root"><rule context="/"><report id="root" test="false()">x</report></rule>
  </pattern>
</schema>
"""


def test_the_names_each_pattern_needs_are_read_from_its_rule_contexts(tmp_path: Path) -> None:
    validator = validator_for(write(tmp_path, "needs.sch", NEEDS_SCHEMA))
    assert validator.needs is not None
    assert validator.needs.patterns == 10  # patterns with rules, numbered 1-10
    t = f"{{{TEI}}}"
    assert validator.needs.by_pattern == {
        1: (frozenset({f"{t}p"}),),
        2: (frozenset({f"{t}l", f"{t}p"}),),
        3: (frozenset({f"{t}*", f"{t}* when"}),),
        4: (frozenset({f"{t}list", f"{t}list type"}), frozenset({f"{t}rt", f"{t}rt from"})),
        5: (frozenset({f"{t}*", f"{t}* spanTo"}),),
        6: (frozenset({f"{t}item"}),),
        8: (frozenset({f"{t}*"}),),  # any TEI element: @n or @m is not read
        # 7 (a predicate that can raise an error, on a step before the last: it is
        # evaluated whether or not the document has a hi), 9 (text()) and 10 ("/") run
        # on every document
    }


def test_patterns_that_cannot_fire_are_left_out_with_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validator = validator_for(write(tmp_path, "needs.sch", NEEDS_SCHEMA))
    doc = document(
        write(
            tmp_path,
            "doc.xml",
            f'<TEI xmlns="{TEI}">\n<p/>\n<l><p/></l>\n<list type="b"><item/><item/></list>\n'
            '<date when="1900"/>\n<ab n="2"/>\n</TEI>',
        )
    )
    every = dataclasses.replace(validator, needs=None)
    assert validator.idle(Vocabulary.of(doc.root)) == {5}
    expected = {("p", 2), ("p", 3), ("l-p", 3), ("type", 4), ("count", 1), ("when", 5)}
    # pattern 7 compares an untyped @n with a number: an error on the ab, though no hi
    # follows, so it runs too
    expected.add(("sch.runtime", None))
    assert found(every.validate(doc)) == expected
    calls: list[object] = []
    transform = validator.stylesheet.transform

    def counted(text: str, params: dict[str, str]) -> object:
        calls.append(params)
        return transform(text, params)

    monkeypatch.setattr(validator.stylesheet, "transform", counted)
    assert found(validator.validate(doc)) == expected
    # lxml runs patterns 1, 2, 3 and 8 (XPath 1.0), Saxon the others that can fire
    assert calls == [{"{urn:x-edition:schematron}idle": "1 2 3 5 8"}]
    monkeypatch.setenv("EDITION_SCHEMATRON", "saxon")
    calls.clear()
    assert found(validator.validate(doc)) == expected
    assert calls == [{"{urn:x-edition:schematron}idle": "5"}]


def test_saxon_is_not_called_when_no_pattern_can_fire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = write(
        tmp_path,
        "narrow.sch",
        f'<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="tei" uri="{TEI}"/>'
        '<pattern><rule context="tei:lg"><report id="lg" test="true()">lg</report></rule>'
        "</pattern></schema>",
    )
    validator = validator_for(schema)

    def no_saxon(*args: object) -> None:
        raise AssertionError("no pattern can fire: Saxon should not run")

    doc = document(write(tmp_path, "doc.xml", f'<TEI xmlns="{TEI}"><p/></TEI>'))
    monkeypatch.setattr(validator.stylesheet, "transform", no_saxon)
    assert validator.validate(doc) == []


@pytest.mark.parametrize(
    "context",
    [
        "tei:*",  # needs a TEI element only: reads as {tei}*, kept
        "key('k', 'v')",
        "tei:p[. = $x]/tei:hi",
        "tei:p (: a comment :)",
        "tei:p union tei:l",
        "*[@n]",
        "tei:div[1]/tei:p",
        "tei:p[@n eq 1]/tei:hi",
        "namespace::x",
        "unbound:p",
    ],
)
def test_contexts_that_cannot_be_read_leave_their_pattern_running(context: str) -> None:
    stylesheet = (
        '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        f'xmlns:tei="{TEI}" version="3.0">'
        '<xsl:template name="edsch.p1"/>'
        f'<xsl:template match="{context}" mode="edsch.p1" priority="1"/>'
        "</xsl:stylesheet>"
    )
    needs = schematron.pattern_needs(stylesheet)
    assert needs is not None and needs.patterns == 1
    expected = {1: (frozenset({f"{{{TEI}}}*"}),)} if context == "tei:*" else {}
    assert needs.by_pattern == expected


# --- Schematron as found in the wild ---------------------------------------------------------

WILD = DATA / "wild"


def test_schematron_1_5_runs_with_its_key_and_named_patterns() -> None:
    found_ = run(WILD / "schematron-1.5.sch", WILD / "letters.xml")
    assert found(found_) == {("ref-person", 16)}
    assert found_[0].message == "persName points at no person: #nobody"


def test_schematron_1_5_embedded_in_relax_ng_runs() -> None:
    assert has_embedded_schematron(WILD / "embedded-1.5.rng")
    assert found(run(WILD / "embedded-1.5.rng", WILD / "letters.xml")) == {("nobody", 16)}


def test_standard_prefixes_without_a_declaration_are_bound_with_a_note() -> None:
    validator = validator_for(WILD / "undeclared-prefixes.sch")
    assert validator.skipped == ()
    notes = {(d.code, d.severity, Path(d.path).name, d.line) for d in validator.notes}
    assert notes == {
        ("sch.implicit-namespace", Severity.INFO, "undeclared-prefixes.sch", line)
        for line in (8, 13, 14)
    }
    assert len(validator.notes) == 5  # xs and fn on line 8, math on 13, map and array on 14
    assert found(validator.validate(document(WILD / "letters.xml"))) == {("real-date", 11)}


def test_declared_prefixes_get_no_note(tmp_path: Path) -> None:
    schema = write(
        tmp_path,
        "declared.sch",
        (WILD / "undeclared-prefixes.sch")
        .read_text()
        .replace(
            'queryBinding="xslt3">',
            'queryBinding="xslt3" xmlns:xs="http://www.w3.org/2001/XMLSchema">',
        ),
    )
    notes = {d.message.split('"')[1] for d in validator_for(schema).notes}
    assert notes == {"fn:", "math:", "map:", "array:"}


@pytest.mark.parametrize("binding", ["xpath31", "xslt2", "xpath2"])
def test_query_bindings_of_the_wild_are_accepted(binding: str) -> None:
    assert found(run(WILD / f"{binding}.sch", WILD / "letters.xml")) == {
        ("dated", 10),
        ("dated", 14),
    }


def test_implicit_namespace_note_is_reported_once_per_check(tmp_path: Path) -> None:
    from pipeline.check import CheckOptions, check

    copies = []
    for n in (1, 2, 3):
        target = tmp_path / f"letter-{n}.xml"
        target.write_bytes((WILD / "letters.xml").read_bytes())
        copies.append(target)
    options = CheckOptions(
        checks=frozenset({"schematron"}), schematron=WILD / "undeclared-prefixes.sch"
    )
    report = check(copies, options)
    codes = [d.code for d in report.diagnostics]
    assert codes.count("sch.implicit-namespace") == 5
    assert codes.count("real-date") == 3
