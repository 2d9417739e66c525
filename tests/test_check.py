"""The check facade: schema association, per-file isolation, pool equals serial."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import SCHEMAS, tei_text

from pipeline.check import CheckOptions, check, corpus_digest, schemas_for
from pipeline.diagnostics import Diagnostic, Report, Severity
from pipeline.gate import parse_bytes
from pipeline.paths import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON

ROOT = Path(__file__).resolve().parents[1]
RNG_NS = "http://relaxng.org/ns/structure/1.0"


def doc_with(tmp_path: Path, prolog: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "d.xml"
    data = f'<?xml version="1.0"?>\n{prolog}\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    path.write_text(data)
    doc = parse_bytes(data.encode(), path).document
    assert doc is not None
    return doc


def test_without_xml_model_the_edition_schema_is_used(tmp_path: Path) -> None:
    schemas = schemas_for(doc_with(tmp_path, ""), CheckOptions())
    assert schemas.rng == DEFAULT_SCHEMA
    assert schemas.schematron == (DEFAULT_SCHEMATRON,)


def test_a_file_without_xml_model_that_breaks_the_edition_schema_hears_why_once(
    tmp_path: Path,
) -> None:
    """Another corpus's letters checked without --schema break the edition's own schema on
    elements TEI has: one note for the run says which schema it was and what to give
    instead; a file that names the edition's schema itself, or a clean file, hears none."""
    letter = "<div><opener>Dear Sir,</opener><p>Text.</p></div>"
    for n in (1, 2):
        (tmp_path / f"letter{n}.xml").write_text(tei_text(letter))
    report = check([tmp_path], CheckOptions(checks=frozenset({"rng"}), jobs=2))
    notes = [d for d in report.sorted() if d.code == "check.default-schema"]
    assert len(notes) == 1
    assert notes[0].path.endswith("edition.rng") and "--schema" in notes[0].message
    assert report.errors >= 2
    named = tmp_path / "named"
    named.mkdir()
    model = f'<?xml-model href="{DEFAULT_SCHEMA.as_uri()}" schematypens="{RNG_NS}"?>\n'
    (named / "n.xml").write_text(model + tei_text(letter))
    (named / "clean.xml").write_text(tei_text("<p>Text.</p>"))
    again = check([named], CheckOptions(checks=frozenset({"rng"})))
    assert again.errors >= 1
    assert "check.default-schema" not in again.by_code()


def test_a_configured_schema_brings_its_own_rules_not_the_editions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``[tool.edition] schema`` is what ``--schema`` is for files without an xml-model:
    the edition's own Schematron (its ``ed-*`` rules) no longer runs on them."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    (tmp_path / "any.rng").write_text(
        f'<grammar xmlns="{RNG_NS}"><start><ref name="any"/></start><define name="any">'
        "<element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/>"
        '<ref name="any"/></choice></zeroOrMore></element></define></grammar>'
    )
    (tmp_path / "t.xml").write_text(tei_text('<p><date when="1944-13-01">x</date></p>'))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EDITION_SCHEDULER", raising=False)
    own = CliRunner().invoke(cli, ["check", "--format", "json", "t.xml"])
    assert "ed-date-iso" in own.output
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nschema = "any.rng"\n')
    configured = CliRunner().invoke(cli, ["check", "--format", "json", "t.xml"])
    assert configured.exit_code == 0, configured.output
    assert "ed-" not in configured.output


def test_remote_xml_model_is_an_error_suggesting_schema(tmp_path: Path) -> None:
    doc = doc_with(
        tmp_path, f'<?xml-model href="https://example.org/x.rng" schematypens="{RNG_NS}"?>'
    )
    schemas = schemas_for(doc, CheckOptions())
    [problem] = schemas.problems
    assert (problem.code, problem.line) == ("check.remote-schema", 2)
    assert "--schema" in problem.message
    assert schemas.rng is None


def test_a_remote_or_missing_schematron_model_suggests_schematron(tmp_path: Path) -> None:
    # Probe 25: a DTA text names its remote basisformat.sch; the error said to pass
    # --schema, which replaces the grammar and leaves the rules unread
    sch_ns = "http://purl.oclc.org/dsdl/schematron"
    doc = doc_with(
        tmp_path,
        f'<?xml-model href="https://example.org/x.rng" schematypens="{RNG_NS}"?>\n'
        f'<?xml-model href="https://example.org/x.sch" schematypens="{sch_ns}"?>\n'
        f'<?xml-model href="gone.sch" schematypens="{sch_ns}"?>',
    )
    grammar, rules, missing = schemas_for(doc, CheckOptions()).problems
    assert grammar.message.endswith("pass --schema FILE")
    assert rules.code == "check.remote-schema"
    assert rules.message.endswith("pass --schematron FILE")
    assert missing.code == "check.schema-missing"
    assert missing.message.endswith("pass --schematron FILE")


def test_a_schema_address_is_read_as_a_uri(tmp_path: Path) -> None:
    """Probe 132: an xml-model href with a percent-escape ("edi%74ion.rng", a folder "my%20
    schemas") was "does not exist" in the check, where the build reads the escapes."""
    (tmp_path / "my schemas").mkdir()
    shutil.copy(DEFAULT_SCHEMA, tmp_path / "my schemas" / "edition.rng")
    doc = doc_with(
        tmp_path, f'<?xml-model href="my%20schemas/edi%74ion.rng" schematypens="{RNG_NS}"?>'
    )
    schemas = schemas_for(doc, CheckOptions())
    assert schemas.problems == () and schemas.rng == tmp_path / "my schemas" / "edition.rng"
    # an escape of a NUL, which no path holds, is the address as written (probe 137: the
    # check stopped with an internal error)
    doc = doc_with(tmp_path, f'<?xml-model href="edition.rng%00" schematypens="{RNG_NS}"?>')
    (missing,) = schemas_for(doc, CheckOptions()).problems
    assert missing.code == "check.schema-missing" and "edition.rng%00" in missing.message


def test_rules_a_file_names_and_schema_leaves_unread_are_noted(tmp_path: Path) -> None:
    # Probe 25: the Bodleian authority files name a local authority-schematron.sch; checked
    # with --schema tei_all.rng, its rules were not run and nothing said so
    sch_ns = "http://purl.oclc.org/dsdl/schematron"
    (tmp_path / "rules.sch").write_text(f'<schema xmlns="{sch_ns}"/>')
    doc = doc_with(
        tmp_path,
        f'<?xml-model href="rules.sch" schematypens="{sch_ns}"?>\n'
        f'<?xml-model href="https://example.org/x.sch" schematypens="{sch_ns}"?>\n'
        f'<?xml-model href="https://example.org/x.rng" schematypens="{sch_ns}"?>\n'
        f'<?xml-model href="gone.sch" schematypens="{sch_ns}"?>',
    )
    grammar = tmp_path / "g.rng"
    notes = schemas_for(doc, CheckOptions(schema=grammar)).problems
    assert [(n.code, n.severity, Path(n.path).name) for n in notes] == [
        ("check.schematron-not-run", Severity.INFO, "rules.sch"),
        ("check.schematron-not-run", Severity.INFO, "x.sch"),
        ("check.schematron-not-run", Severity.INFO, "gone.sch"),
    ]
    assert "give --schematron as well" in notes[0].message
    # one that is not there is told too, as such (probe 128: a downloaded edition checked
    # with --schema passed without a word of its rules)
    assert "(and the file is not there)" in notes[2].message
    assert "not there" not in notes[0].message
    rules = tmp_path / "rules.sch"
    assert schemas_for(doc, CheckOptions(schema=grammar, schematron=rules)).problems == ()
    only_rng = CheckOptions(schema=grammar, checks=frozenset({"rng"}))
    assert schemas_for(doc, only_rng).problems == ()


def test_a_schema_problem_of_an_xml_model_is_placed_at_its_href(tmp_path: Path) -> None:
    """check.remote-schema, check.schema-missing and check.schema-unsupported are told at the
    xml-model's href, on its own line when the instruction is written over several."""
    (tmp_path / "s.rnc").write_text("start = element r { empty }")
    doc = doc_with(
        tmp_path,
        f'<?xml-model href="https://example.org/x.rng" schematypens="{RNG_NS}"?>\n'
        f'<!-- a note --> <?xml-model schematypens="{RNG_NS}"\n    href="gone.rng"?>\n'
        '<?xml-model type="application/relax-ng-compact-syntax"  href="s.rnc"?>',
    )
    told = [(p.code, p.line, p.column) for p in schemas_for(doc, CheckOptions()).problems]
    assert told == [
        ("check.remote-schema", 2, 13),
        ("check.schema-missing", 4, 5),
        ("check.schema-unsupported", 5, 57),
    ]


def test_missing_local_schema(tmp_path: Path) -> None:
    doc = doc_with(tmp_path, f'<?xml-model href="nope.rng" schematypens="{RNG_NS}"?>')
    [problem] = schemas_for(doc, CheckOptions()).problems
    assert problem.code == "check.schema-missing"


def test_a_missing_schema_the_run_does_not_use_is_no_error(tmp_path: Path) -> None:
    """A text naming its project's grammar and rules (one missing .rng, twice: RELAX NG and
    Schematron, as the WEA's texts do) was told twice to pass --schema FILE when the run
    used neither: --schematron replaces the rules, --checks rng leaves them out."""
    sch_ns = "http://purl.oclc.org/dsdl/schematron"
    doc = doc_with(
        tmp_path,
        f'<?xml-model href="gone.rng" schematypens="{RNG_NS}"?>\n'
        f'<?xml-model href="gone.rng" schematypens="{sch_ns}"?>',
    )
    rules = tmp_path / "r.sch"
    both = schemas_for(doc, CheckOptions())
    assert [p.line for p in both.problems] == [2, 3]
    own_rules = schemas_for(doc, CheckOptions(schematron=rules))
    assert [p.line for p in own_rules.problems] == [2]
    assert own_rules.schematron == (rules,)
    assert (
        schemas_for(doc, CheckOptions(schematron=rules, checks=frozenset({"schematron"}))).problems
        == ()
    )
    assert [p.line for p in schemas_for(doc, CheckOptions(checks=frozenset({"rng"}))).problems] == [
        2
    ]
    # with no Schematron model, the grammar's embedded rules are what --checks schematron runs
    alone = doc_with(tmp_path, f'<?xml-model href="gone.rng" schematypens="{RNG_NS}"?>')
    assert len(schemas_for(alone, CheckOptions(checks=frozenset({"schematron"}))).problems) == 1


def test_relative_xml_model_resolves_next_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "s.rng").write_text(f'<grammar xmlns="{RNG_NS}"><start><empty/></start></grammar>')
    doc = doc_with(tmp_path, f'<?xml-model href="s.rng" schematypens="{RNG_NS}"?>')
    schemas = schemas_for(doc, CheckOptions())
    assert schemas.rng == (tmp_path / "s.rng").resolve()
    assert schemas.schematron == ()


def test_a_second_grammar_an_xml_model_names_is_told_unused(tmp_path: Path) -> None:
    """Probe 148: a file is checked against one grammar, the first its xml-models name; a
    second one (a stricter project grammar, even a file that is no grammar) was left unread
    without a word. It is told, at its href; a grammar named again for its embedded rules
    (schematypens Schematron) is read for them and not told."""
    grammar = f'<grammar xmlns="{RNG_NS}"><start><empty/></start></grammar>'
    for name in ("a.rng", "b.rng", "c.rng"):
        (tmp_path / name).write_text(grammar)
    sch_ns = "http://purl.oclc.org/dsdl/schematron"
    doc = doc_with(
        tmp_path,
        f'<?xml-model href="a.rng" schematypens="{RNG_NS}"?>\n'
        f'<?xml-model href="c.rng" schematypens="{sch_ns}"?>\n'
        f'<?xml-model href="a.rng" schematypens="{RNG_NS}"?>\n'
        f'<?xml-model href="b.rng" schematypens="{RNG_NS}"?>',
    )
    schemas = schemas_for(doc, CheckOptions())
    assert schemas.rng == (tmp_path / "a.rng").resolve()
    assert [(p.code, p.line, p.severity) for p in schemas.problems] == [
        ("check.schema-not-used", 5, Severity.WARNING)
    ]
    assert "'b.rng'" in schemas.problems[0].message
    assert schemas_for(doc, CheckOptions(checks=frozenset({"schematron"}))).problems == ()
    # a grammar named for its rules first, the grammar after it: that one is the grammar,
    # and no warning (probe 151: the first was the grammar, the real one "not used")
    rules_first = doc_with(
        tmp_path,
        f'<?xml-model href="c.rng" schematypens="{sch_ns}"?>\n'
        f'<?xml-model href="b.rng" schematypens="{RNG_NS}"?>',
    )
    schemas = schemas_for(rules_first, CheckOptions())
    assert schemas.rng == (tmp_path / "b.rng").resolve()
    assert (tmp_path / "c.rng").resolve() in schemas.schematron and schemas.problems == ()
    # named for its rules alone, it is the grammar too, as before
    alone = doc_with(tmp_path, f'<?xml-model href="c.rng" schematypens="{sch_ns}"?>')
    assert schemas_for(alone, CheckOptions()).rng == (tmp_path / "c.rng").resolve()


@pytest.mark.parametrize("href", ["missing.rng", "https://example.org/tei_all.rng"])
def test_a_grammar_that_cannot_be_read_leaves_the_grammar_named_for_its_rules(
    tmp_path: Path, href: str
) -> None:
    """Probe 155: a grammar named as such that is missing (or remote) took the place of the
    one named for its rules (schematypens Schematron, as tei_all.rng), and the file was
    checked against no grammar: its RELAX NG errors vanished. The grammar that can be read
    is the grammar; the other is still told (check.schema-missing, check.remote-schema)."""
    grammar = f'<grammar xmlns="{RNG_NS}"><start><empty/></start></grammar>'
    (tmp_path / "c.rng").write_text(grammar)
    sch_ns = "http://purl.oclc.org/dsdl/schematron"
    doc = doc_with(
        tmp_path,
        f'<?xml-model href="{href}" schematypens="{RNG_NS}"?>\n'
        f'<?xml-model href="c.rng" schematypens="{sch_ns}"?>',
    )
    schemas = schemas_for(doc, CheckOptions())
    assert schemas.rng == (tmp_path / "c.rng").resolve()
    assert (tmp_path / "c.rng").resolve() in schemas.schematron
    told = "check.schema-missing" if href == "missing.rng" else "check.remote-schema"
    assert [p.code for p in schemas.problems] == [told]


def test_schema_option_overrides_xml_model(tmp_path: Path) -> None:
    doc = doc_with(tmp_path, '<?xml-model href="https://example.org/x.rng"?>')
    other = tmp_path / "o.rng"
    other.write_text(f'<grammar xmlns="{RNG_NS}"><start><empty/></start></grammar>')
    schemas = schemas_for(doc, CheckOptions(schema=other))
    assert (schemas.rng, schemas.problems) == (other, ())


def test_edition_is_clean() -> None:
    report = check([ROOT / "tei"], CheckOptions())
    assert [d for d in report.diagnostics if d.severity.value == "error"] == []
    assert len(report.files) >= 4


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text("<TEI")
    (tmp_path / "b.xml").write_bytes(b"")
    good = (ROOT / "tei" / "registers").glob("*.xml")
    report = check([tmp_path, *good], CheckOptions(checks=frozenset({"rng"})))
    assert report.files_with_errors() == {str(tmp_path / "a.xml"), str(tmp_path / "b.xml")}


def test_a_file_whose_lines_end_with_a_carriage_return_alone_is_placed_as_with_lf(
    tmp_path: Path,
) -> None:
    # every problem of an old Mac OS file was on line 1, at a column in the thousands
    body = '<p>a</p>\n<p><persName ref="#nobody">N</persName></p>\n<p><bogus>x</bogus></p>'
    (tmp_path / "lf.xml").write_text(tei_text(body), encoding="utf-8")
    (tmp_path / "cr.xml").write_bytes(tei_text(body).replace("\n", "\r").encode())
    report = check([tmp_path], CheckOptions())
    places = {
        name: sorted(
            (d.code, d.line, d.column) for d in report.diagnostics if d.path == str(tmp_path / name)
        )
        for name in ("lf.xml", "cr.xml")
    }
    assert places["cr.xml"] == places["lf.xml"]
    assert [(code, line) for code, line, _ in places["cr.xml"]] == [
        ("refs.dangling", 2),
        ("rng.unexpected-element", 3),
    ]


@pytest.mark.parametrize(
    "checks", [frozenset({"rng", "refs"}), frozenset({"rng", "schematron", "refs"})]
)
def test_pool_gives_the_same_report_as_serial(checks: frozenset[str]) -> None:
    serial = check([ROOT / "tei"], CheckOptions(checks=checks, jobs=1))
    pooled = check([ROOT / "tei"], CheckOptions(checks=checks, jobs=2))
    assert serial.sorted() == pooled.sorted()


def test_a_folder_with_nothing_to_check_is_an_error(tmp_path: Path) -> None:
    """An emptied or mistyped folder (or one named x.xml) checks nothing: one error for it,
    so that `make check` fails instead of passing on "0 files checked"; a folder that holds
    files beside it is checked as usual."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.xml").mkdir()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.xml").write_text("<r/>")
    report = check(
        [tmp_path / "empty", tmp_path / "x.xml", tmp_path / "texts"],
        CheckOptions(checks=("refs",)),
    )
    assert sorted((d.code, Path(d.path).name) for d in report.diagnostics) == [
        ("check.no-sources", "empty"),
        ("check.no-sources", "x.xml"),
    ]
    assert report.errors == 2 and len(report.files) == 1


def test_a_folder_named_twice_is_not_called_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`edition check tei /abs/tei` checked the files once, under their absolute names, and
    called the folder named relatively empty (check.no-sources, an error failing `make
    check`)."""
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "a.xml").write_text("<r/>")
    monkeypatch.chdir(tmp_path)
    report = check([Path("tei"), tmp_path / "tei"], CheckOptions(checks=("refs",)))
    assert report.diagnostics == [] and len(report.files) == 1


def test_a_wrong_schema_or_phase_is_one_usage_error(tmp_path: Path) -> None:
    """A --schema that is no RELAX NG schema, a --phase the rules do not have: one mistake in
    a command line is one usage error before any file is read, not an error in each file."""
    from pipeline.errors import OptionError

    files = [ROOT / "tei"]
    with pytest.raises(OptionError, match=r"--schema .*not a RELAX NG schema"):
        check(files, CheckOptions(schema=ROOT / "tei" / "texts" / "belgium-1944.xml"))
    with pytest.raises(OptionError, match=r'--phase nosuchphase: .*no phase "nosuchphase"'):
        check(files, CheckOptions(phase="nosuchphase"))
    # not asked for, not compiled: a check of references alone takes no schema
    check(files, CheckOptions(checks=frozenset({"refs"}), phase="nosuchphase"))


def test_a_fault_the_rules_and_the_reference_checker_both_find_is_reported_once(
    tmp_path: Path,
) -> None:
    """A person's name pointing at a paragraph is one fault: the edition's rule (ed-ref-kind)
    says so and the reference checker (refs.wrong-kind) is not heard again at its line."""
    text = (ROOT / "tei" / "texts" / "belgium-1944.xml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "<?xml-model" not in line)
    wrong = text.replace("<p>The <orgName", '<p xml:id="p99">The <orgName', 1).replace(
        '<persName ref="#holzinger-robert">', '<persName ref="#p99">', 1
    )
    assert wrong.count("p99") == 2
    source = tmp_path / "t.xml"
    source.write_text(wrong, encoding="utf-8")
    report = check([source, ROOT / "tei" / "registers"], CheckOptions())
    found = [d.code for d in report.diagnostics if d.code in ("ed-ref-kind", "refs.wrong-kind")]
    assert found == ["ed-ref-kind"], report.sorted()


def test_an_id_that_is_no_xml_name_is_reported_once(tmp_path: Path) -> None:
    """A schema that types xml:id as an ID reports a bad one (rng.bad-value); the reference
    checker says it again only when no schema did (refs.bad-id)."""
    source = tmp_path / "t.xml"
    source.write_text(tei_text('<p xml:id="(curtain falls)">x</p>'), encoding="utf-8")
    both = check([source], CheckOptions())
    assert [d.code for d in both.diagnostics if "xml:id" in d.message] == ["rng.bad-value"]
    alone = check([source], CheckOptions(checks=frozenset({"refs"})))
    assert [d.code for d in alone.diagnostics] == ["refs.bad-id"]


def test_a_misspelt_attribute_is_told_once_with_what_was_meant(tmp_path: Path) -> None:
    """Probe 180: <date wehn="1851-05"> was two errors, the edition's rule ("has no normalised
    value: add when=...") and RELAX NG's, which named no attribute to write; "rfe" on a
    persName likewise ("has no @ref"). RELAX NG's is told, with the attribute meant (two
    letters swapped, which difflib rated too far); a rule about another element is kept."""
    source = tmp_path / "t.xml"
    source.write_text(
        tei_text(
            '<p><date wehn="1851-05">May 1851</date> <persName\n  rfe="#x">Ada</persName> '
            "<date>undated</date></p>"
        ),
        encoding="utf-8",
    )
    report = check([source], CheckOptions(checks=frozenset({"rng", "schematron"})))
    told = [(d.code, d.line) for d in report.sorted() if d.code != "check.default-schema"]
    assert told == [
        ("rng.unexpected-attribute", 1),
        ("rng.unexpected-attribute", 2),
        ("ed-date-value", 2),
    ], report.sorted()
    messages = [d.message for d in report.sorted() if d.code == "rng.unexpected-attribute"]
    assert 'did you mean "when"?' in messages[0] and 'did you mean "ref"?' in messages[1]


def test_an_impossible_date_is_told_once_with_the_rules_advice(tmp_path: Path) -> None:
    """30 February fails the schema's datatype and the edition's date rule at one place: the
    rule, which says how to write a date, is heard; RELAX NG alone still reports it."""
    source = tmp_path / "t.xml"
    source.write_text(
        tei_text('<p><date when="1852-02-30">x</date> <date when="1852-02-28">y</date></p>'),
        encoding="utf-8",
    )
    both = check([source], CheckOptions())
    told = [d for d in both.diagnostics if d.code != "check.default-schema"]
    assert [d.code for d in told] == ["ed-date-iso"], both.sorted()
    alone = check([source], CheckOptions(checks=frozenset({"rng"})))
    told = [d for d in alone.diagnostics if d.code != "check.default-schema"]
    assert [d.code for d in told] == ["rng.bad-value"]
    assert '"1852-02-30"' in told[0].message


def test_a_file_checked_and_included_tells_its_problem_once(tmp_path: Path) -> None:
    """inc/part.xml, included by main.xml and checked itself: its dangling pointer is one
    problem; the xml:base that XInclude writes on what it includes is no error."""
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "part.xml").write_text(
        '<div xmlns="http://www.tei-c.org/ns/1.0"><p><persName ref="#nobody">N</persName>'
        "</p></div>",
        encoding="utf-8",
    )
    include = '<xi:include href="inc/part.xml"/>'
    xi = ' xmlns:xi="http://www.w3.org/2001/XInclude"'
    (tmp_path / "main.xml").write_text(tei_text(include, xmlns=xi), encoding="utf-8")
    report = check([tmp_path / "main.xml", tmp_path / "inc" / "part.xml"], CheckOptions())
    codes = [d.code for d in report.diagnostics]
    assert codes.count("refs.dangling") == 1, report.sorted()
    assert not [d for d in report.diagnostics if "xml:base" in d.message]
    # nor the empty xml:lang XInclude writes on a part of no language included into an
    # element of one (XInclude 1.0, 4.5.6; probe 136: the edition's schema refused it)
    (tmp_path / "main.xml").write_text(tei_text(include, lang="de", xmlns=xi), encoding="utf-8")
    report = check([tmp_path / "main.xml"], CheckOptions())
    assert not [d for d in report.diagnostics if "xml:lang" in d.message], report.sorted()


def test_max_errors_says_when_relax_ng_problems_are_not_shown(tmp_path: Path) -> None:
    """Schematron and the references said "N more problems are not shown"; RELAX NG cut
    its list silently. A file with more than --max-errors RELAX NG problems gets the line."""
    body = "".join(f"<para>{n}</para>" for n in range(5))
    (tmp_path / "t.xml").write_text(tei_text(body))
    capped = check([tmp_path], CheckOptions(checks=frozenset({"rng"}), max_errors=2))
    codes = [d.code for d in capped.sorted() if d.code != "check.default-schema"]
    assert codes.count("rng.too-many") == 1
    assert len([c for c in codes if c != "rng.too-many"]) == 2
    whole = check([tmp_path], CheckOptions(checks=frozenset({"rng"}), max_errors=50))
    assert "rng.too-many" not in whole.by_code()


def test_a_register_the_build_reads_beside_the_sources_is_checked(tmp_path: Path) -> None:
    """Probe 112: a register in the edition's folder, above its sources (``registers/`` beside
    ``tei/``), is read and published by the build, but the check of the sources never looked
    at it: a broken one passed `make check`. A check of a folder checks it; a check of one
    text (the editor's, the server's after a save) reads it for the pointers alone."""
    text = tmp_path / "tei" / "texts" / "t.xml"
    text.parent.mkdir(parents=True)
    text.write_text(tei_text('<p><persName ref="#a">A</persName></p>'), encoding="utf-8")
    register = tmp_path / "registers" / "r.xml"
    register.parent.mkdir()
    register.write_text(
        tei_text(
            '<listPerson><person xml:id="a"><persName>A</persName></person></listPerson>'
        ).replace("</listPerson>", "</listPersons>"),  # not well-formed
        encoding="utf-8",
    )
    options = CheckOptions(checks=frozenset({"rng", "refs"}))
    whole = check([tmp_path / "tei"], options)
    errors = {(Path(d.path).name, d.code) for d in whole.sorted() if d.severity is Severity.ERROR}
    # (its pointer is not told dangling: the register could not be read, which a warning
    # names, probe 180)
    assert errors == {("r.xml", "gate.not-well-formed")}, errors
    assert [(Path(d.path).name, d.code) for d in whole.sorted() if d.code.startswith("refs.")] == [
        ("t.xml", "refs.unread-file")
    ]
    assert len(whole.files) == 2
    one = check([text], options)
    assert not [d for d in one.diagnostics if Path(d.path).name == "r.xml"], one.sorted()
    assert len(one.files) == 1


def test_registers_reached_by_a_link_are_checked_and_said_to_be_read(tmp_path: Path) -> None:
    """Probe 115: tei/registers a symbolic link to registers shared elsewhere: the check
    said "its files are not read", resolved the texts' pointers in them, and passed a broken
    one, which the build published. They are checked, and said to be read as registers."""
    shared = tmp_path / "shared-registers"
    shared.mkdir()
    (shared / "r.xml").write_text(
        tei_text(
            '<listPerson><person xml:id="a"><persName>A</persName></person></listPerson>'
        ).replace("</listPerson>", "</listPersons>"),  # not well-formed
        encoding="utf-8",
    )
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "registers").symlink_to("../shared-registers")
    (tmp_path / "tei" / "t.xml").write_text(
        tei_text('<p><persName ref="#a">A</persName></p>'), encoding="utf-8"
    )
    report = check([tmp_path / "tei"], CheckOptions(checks=frozenset({"rng", "refs"})))
    codes = {(Path(d.path).name, d.code, d.severity.value) for d in report.diagnostics}
    assert ("r.xml", "gate.not-well-formed", "error") in codes, report.sorted()
    assert ("registers", "gate.linked-folder", "info") in codes, report.sorted()


def test_where_no_register_is_found_a_note_says_where_they_are_looked_for(
    tmp_path: Path,
) -> None:
    """Probe 112: a register moved out of reach gave one refs.dangling a mention, 28 of
    them, and no word of where registers are looked for; one note says it. With a register,
    a dangling pointer is told alone."""
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "t.xml").write_text(
        tei_text('<p><persName ref="#a">A</persName> <persName ref="#b">B</persName></p>'),
        encoding="utf-8",
    )
    options = CheckOptions(checks=frozenset({"refs"}))
    alone = check([tmp_path / "tei"], options).by_code()
    assert (alone["refs.dangling"], alone["check.no-registers"]) == (2, 1), alone
    (tmp_path / "tei" / "registers").mkdir()
    (tmp_path / "tei" / "registers" / "r.xml").write_text(
        tei_text('<listPerson><person xml:id="a"><persName>A</persName></person></listPerson>'),
        encoding="utf-8",
    )
    found = check([tmp_path / "tei"], options).by_code()
    assert found["refs.dangling"] == 1 and "check.no-registers" not in found, found
    # a pointer at no element of the text is no matter of registers; two folders checked
    # are named by the folder holding them, a path (probe 117: "a, b")
    bodies = {"c": '<p>See <ptr target="#nowhere"/>.</p>', "d": '<p><persName ref="#z"/></p>'}
    for folder, body in bodies.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "t.xml").write_text(tei_text(body), encoding="utf-8")
    ptr = check([tmp_path / "c"], options).by_code()
    assert ptr["refs.dangling"] == 1 and "check.no-registers" not in ptr, ptr
    both = check([tmp_path / "c", tmp_path / "d"], options)
    (note,) = [d for d in both.diagnostics if d.code == "check.no-registers"]
    assert Path(note.path) == tmp_path, note.path


def test_max_errors_caps_the_problems_of_reading_a_file(tmp_path: Path) -> None:
    """Probe 109: every refused xi:include of a file is told, but 300 of them were all
    listed whatever --max-errors said; the first ones are, and a line says how many more."""
    includes = "".join(f'<xi:include href="/etc/passwd?{n}" parse="text"/>' for n in range(30))
    (tmp_path / "t.xml").write_text(
        tei_text(f"<p>{includes}</p>").replace(
            "<TEI ", '<TEI xmlns:xi="http://www.w3.org/2001/XInclude" ', 1
        )
    )
    capped = check([tmp_path], CheckOptions(checks=frozenset({"rng"}), max_errors=5))
    codes = capped.by_code()
    assert (codes.get("gate.xinclude-outside"), codes.get("gate.too-many")) == (5, 1), codes
    (more,) = [d for d in capped.diagnostics if d.code == "gate.too-many"]
    assert more.message.startswith("25 more reading problems in this file are not shown")
    whole = check([tmp_path], CheckOptions(checks=frozenset({"rng"}), max_errors=50))
    assert whole.by_code().get("gate.xinclude-outside") == 30
    assert "gate.too-many" not in whole.by_code()


def test_relax_ng_problems_under_a_few_refused_parents_are_all_told(tmp_path: Path) -> None:
    """Probe 93: a dictionary's 80 entries in eight divisions the edition's grammar refuses
    read as 9 errors, "10 errors" in the summary and no rng.too-many: the search for
    explanations stopped after --max-errors elements, most of them covered by their
    division's one explanation. It goes on until it has the explanations (or says that
    more are not shown)."""
    divisions = "".join(
        f"<div n='{d}'><head>{d}</head>"
        + "".join(
            f"<entry xml:id='e{d}{n}'><form><orth>w{n}</orth><pron>w</pron></form><gramGrp>"
            f"<pos>n</pos></gramGrp><sense><def>a word</def></sense><etym>old</etym></entry>"
            for n in range(15)
        )
        + "</div>"
        for d in "ABCDEFGH"
    )
    (tmp_path / "t.xml").write_text(tei_text(divisions))
    report = check([tmp_path], CheckOptions(checks=frozenset({"rng"}), max_errors=20))
    told = [d for d in report.sorted() if d.code not in ("check.default-schema",)]
    lines = {d.line for d in told if d.code != "rng.too-many"}
    whole = check([tmp_path], CheckOptions(checks=frozenset({"rng"}), max_errors=5000))
    every = [d for d in whole.sorted() if d.code != "check.default-schema"]
    assert "rng.too-many" not in whole.by_code()
    # as many as the limit allows, or all of them with no "more" line
    assert len(every) > 8
    if len(every) > 20:
        assert [d.code for d in told].count("rng.too-many") == 1 and len(lines) >= 1
    else:
        assert len(told) == len(every) and "rng.too-many" not in report.by_code()


def test_a_skipped_pattern_is_told_once_at_the_schema(tmp_path: Path) -> None:
    """Probe 20: a pattern that does not compile was reported in every checked file, with
    the line of the pattern in the schema ("letter1.xml:9"); it is told once, in the schema."""
    broken = ROOT / "tests/data/schematron/broken.sch"
    for n in (1, 2):
        (tmp_path / f"letter{n}.xml").write_text(tei_text("<p>Text.</p>"))
    options = CheckOptions(schematron=broken, checks=frozenset({"schematron"}), jobs=2)
    skipped = [d for d in check([tmp_path], options).sorted() if d.code == "sch.pattern-skipped"]
    assert [(Path(d.path).name, d.line) for d in skipped] == [("broken.sch", 9)]
    # rules one names oneself that do not compile are an error (probe 71: exit 0 in CI);
    # the same schema named by the files' <?xml-model?>, another's, a warning
    assert skipped[0].severity is Severity.ERROR
    model = f'<?xml-model href="{broken.as_uri()}" schematypens="http://purl.oclc.org/dsdl/schematron"?>'
    for n in (1, 2):
        (tmp_path / f"letter{n}.xml").write_text(model + tei_text("<p>Text.</p>"))
    options = CheckOptions(checks=frozenset({"schematron"}), jobs=2)
    skipped = [d for d in check([tmp_path], options).sorted() if d.code == "sch.pattern-skipped"]
    assert [(Path(d.path).name, d.severity) for d in skipped] == [("broken.sch", Severity.WARNING)]


def test_problems_of_attributes_are_placed_at_the_attribute(tmp_path: Path) -> None:
    """Start tags written over several lines (an editor's wrapping): RELAX NG, the rules and
    the references name the attribute's own line and column, not the line the tag ends on;
    one fault reported by two checks is still told once, at the attribute."""
    source = tmp_path / "t.xml"
    body = (
        '<p xml:id="p1">A <persName\n'
        '   ref="#nobody"\n'
        '   >Anne</persName> <name xml:id="p1"\n'
        "   >x</name> <date\n"
        '   when="1852-02-30">y</date> <hi rend="i"\n'
        '   bogus="1">z</hi></p>'
    )
    source.write_text(tei_text(body), encoding="utf-8")
    report = check([source], CheckOptions())
    placed = sorted(
        (d.code, d.line, d.column)
        for d in report.diagnostics
        if d.code not in ("check.default-schema", "check.no-registers")
    )
    assert placed == [
        ("ed-date-iso", 5, 4),
        ("refs.dangling", 2, 4),
        ("rng.duplicate-id", 3, 27),
        ("rng.unexpected-attribute", 6, 4),
    ], report.sorted()


def test_an_element_is_placed_at_the_start_of_a_tag_written_over_lines(tmp_path: Path) -> None:
    """Probe 39 (the Davy notebooks write ``<hi xmlns:conf="..."`` and its ``rend`` on the
    next line): an element the schema refuses was told at the line its start tag ends on,
    without a column; RELAX NG and the rules now name the line and column of its "<"."""
    source = tmp_path / "t.xml"
    body = (
        '<hi xmlns:conf="urn:x"\n'
        '     rend="underline">Natural Substance</hi>\n'
        '<p>x</p> <blorp xmlns:conf="urn:x"\n'
        '     n="1">words</blorp>'
    )
    text = tei_text(body)
    source.write_text(text, encoding="utf-8")
    report = check([source], CheckOptions(schema=SCHEMAS / "tei_all.rng"))
    placed = [(d.code, d.line, d.column) for d in report.sorted() if d.code.startswith("rng")]
    assert placed == [
        ("rng.unexpected-element", 1, text.index("<hi") + 1),
        ("rng.unexpected-element", 3, 10),
    ], report.sorted()


def test_text_where_none_is_allowed_is_placed_at_its_words(tmp_path: Path) -> None:
    """Words after a division's heading (probe 25's DTA text) are told on their own line,
    at their first word, not at the heading's start tag."""
    source = tmp_path / "t.xml"
    source.write_text(
        tei_text("<div><head>H</head>\n   stray words\n   <p>ok</p></div>"), encoding="utf-8"
    )
    report = check(
        [source], CheckOptions(schema=SCHEMAS / "tei_all.rng", checks=frozenset({"rng"}))
    )
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [
        ("rng.text-not-allowed", 2, 4)
    ]


SMALL_RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><choice><ref name="doc"/><ref name="list"/></choice></start>
  <define name="doc"><element name="doc"><zeroOrMore><choice><ref name="list"/>
    <element name="p"><text/></element>
    <element name="xi:include" xmlns:xi="http://www.w3.org/2001/XInclude">
      <attribute name="href"/><attribute name="xpointer"/></element>
  </choice></zeroOrMore></element></define>
  <define name="list"><element name="list"><optional><attribute name="xml:id"/></optional>
    <optional><attribute name="xml:base"/></optional>
    <zeroOrMore><element name="item"><text/></element></zeroOrMore></element></define>
</grammar>"""


@pytest.mark.parametrize("shared", ["a-shared.xml", "z-shared.xml"])
def test_a_problem_of_an_included_file_checked_too_is_told_once(
    tmp_path: Path, shared: str
) -> None:
    """Probe 37 (an edition's works take a shared charDecl by xi:include from a file of the
    same folder): each problem of the shared file was told twice, at its line and column,
    and again, without the column, "(included by works/w.xml:2)"; it is told once, at its
    column, whichever file is checked first."""
    (tmp_path / "schema.rng").write_text(SMALL_RNG)
    (tmp_path / shared).write_text('<list xml:id="l">\n<item>a</item>\n  <bad/>\n</list>')
    for name in ("m1.xml", "m2.xml"):
        (tmp_path / name).write_text(
            '<doc xmlns:xi="http://www.w3.org/2001/XInclude">\n'
            f'<xi:include href="{shared}" xpointer="l"/><p>x</p></doc>'
        )
    options = CheckOptions(checks=frozenset({"rng"}), schema=tmp_path / "schema.rng")
    report = check([tmp_path], options)
    found = [(Path(d.path).name, d.line, d.column) for d in report.diagnostics]
    assert found == [(shared, 3, 3)]
    # a streamed report (--stream, --format jsonl) tells the same (probe 55: it told the
    # included copies too, 16 errors where the whole report told 10), and counts the same
    streamed: list[Diagnostic] = []
    counted = check([tmp_path], options, stream=streamed.extend)
    assert [(Path(d.path).name, d.line, d.column) for d in streamed] == [(shared, 3, 3)]
    assert counted.errors == report.errors == 1


def test_the_corpus_a_run_names_is_a_digest_of_its_paths(tmp_path: Path) -> None:
    """The options go with every task: thousands of paths named one by one must not make
    each task as large as the command line, and the digest still tells corpora apart."""
    many = [tmp_path / f"letter-{n:05d}.xml" for n in range(4000)]
    digest = corpus_digest(many)
    assert len(digest) == 64
    assert digest == corpus_digest(list(reversed(many)))
    assert digest == corpus_digest([*many, many[0]])
    assert digest != corpus_digest(many[:-1])


def test_a_text_with_a_subject_index_is_valid_against_the_edition_schema(tmp_path: Path) -> None:
    """The edition's schema had no index (with its terms and sub-entries) nor divGen, so a
    text using the subject index the pipeline publishes was told they were not allowed. They
    are where TEI has them: index at phrase level, divGen among the divisions of front, body
    and back; elsewhere they are still refused."""
    report = check([ROOT / "tests/data/index/subjects"], CheckOptions(checks=frozenset({"rng"})))
    assert report.errors == 0, report.sorted()
    (tmp_path / "front.xml").write_text(
        tei_text('<p>A<index indexName="x"><term sortKey="a" key="a">A</term></index>.</p>')
        .replace("<text><body>", '<text><front><divGen type="toc"/></front><body>')
        .replace("</body></text>", '</body><back><divGen type="index"><head>Index</head>'
                 "</divGen></back></text>")
    )  # fmt: skip
    assert check([tmp_path], CheckOptions(checks=frozenset({"rng"}))).errors == 0
    (tmp_path / "wrong.xml").write_text(
        tei_text('<p>A <divGen type="index"/></p><index><term>B</term></index>')
    )
    wrong = check([tmp_path], CheckOptions(checks=frozenset({"rng"}))).sorted()
    assert {d.path for d in wrong if d.severity is Severity.ERROR} == {str(tmp_path / "wrong.xml")}
    assert [d.line for d in wrong if d.severity is Severity.ERROR] != []


def test_capped_problems_keep_the_errors_before_the_warnings() -> None:
    """Probe 70: the first problems of a file by line were kept, so that warnings of its
    header (refs.missing-file) took the places of errors further down, and the totals
    counted fewer errors. The worst are kept, listed in the file's order."""
    from pipeline.check_file import capped

    found = [
        Diagnostic("f.xml", line, 1, severity, code, "m", "refs")
        for line, severity, code in (
            (1, Severity.WARNING, "refs.missing-file"),
            (2, Severity.WARNING, "refs.missing-file"),
            (30, Severity.ERROR, "refs.dangling"),
            (40, Severity.ERROR, "refs.dangling"),
        )
    ]
    kept = capped(found, 3)
    assert [(d.line, d.code) for d in kept] == [
        (1, "refs.missing-file"), (30, "refs.dangling"), (40, "refs.dangling"),
        (None, "refs.too-many"),
    ]  # fmt: skip
    assert kept[-1].severity is Severity.WARNING


def test_capped_problems_and_a_broken_schema_say_what_to_do(tmp_path: Path) -> None:
    """Diagnostics probe: "2 more reference problems in this file are not shown" and a
    schema's compile error said what was wrong, not what to do (rng.too-many did)."""
    refs = "".join(f'<ref target="#n{n}">x</ref>' for n in range(3))
    (tmp_path / "t.xml").write_text(tei_text(f"<p>{refs}</p>"), encoding="utf-8")
    rules = tmp_path / "r.sch"
    rules.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/><pattern><rule context="tei:ref">'
        '<assert id="no-ref" test="false()">a ref</assert></rule></pattern></schema>',
        encoding="utf-8",
    )
    options = CheckOptions(schematron=rules, checks=frozenset({"refs", "schematron"}), max_errors=1)
    capped = {d.code: d.message for d in check([tmp_path / "t.xml"], options).diagnostics}
    advice = "(--max-errors 1): fix these first, or raise the limit"
    assert (
        capped["refs.too-many"] == f"2 more reference problems in this file are not shown {advice}"
    )
    assert (
        capped["sch.too-many"] == f"2 more Schematron problems in this file are not shown {advice}"
    )
    model = '<?xml-model href="bad.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    (tmp_path / "m.xml").write_text(model + tei_text("<p>x</p>"), encoding="utf-8")
    (tmp_path / "bad.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nope"/></start>'
        "</grammar>",
        encoding="utf-8",
    )
    broken = check([tmp_path / "m.xml"], CheckOptions(checks=frozenset({"rng"})))
    (told,) = [d for d in broken.diagnostics if d.code == "check.schema"]
    assert "undefined pattern 'nope'" in told.message
    assert told.message.endswith(": fix the schema, or give another with --schema or --schematron")
    assert (told.line, told.column) == (1, 13)  # the href of the xml-model that named it


def _edition_with_indices(tmp_path: Path) -> Path:
    """An edition laid out as ACDH's static editions lay theirs out: the registers in
    ``data/indices/``, a letter four folders deep, another letter with a list of its own."""
    tei = 'xmlns="http://www.tei-c.org/ns/1.0"'
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "data"\n')
    files = {
        "data/indices/listperson.xml": f'<TEI {tei}><standOff><listPerson><person xml:id="anna">'
        "<persName>Anna</persName></person></listPerson></standOff></TEI>",
        "data/editions/1900/03/14/letter.xml": f"<TEI {tei}><text><body><p>"
        '<persName ref="#anna">A.</persName> <persName ref="#bert">B.</persName> '
        '<persName ref="#nobody">N.</persName></p></body></text></TEI>',
        "data/editions/other.xml": f'<TEI {tei}><text><body><p><persName ref="#bert">B.'
        '</persName></p></body><back><listPerson><person xml:id="bert"><persName>Bert'
        "</persName></person></listPerson></back></text></TEI>",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    return tmp_path / "data"


def test_one_file_is_checked_against_the_registers_of_its_edition(tmp_path: Path) -> None:
    """Probe 45: `edition check` of one letter read only `registers/` folders up to three
    levels above it, so every pointer into `indices/` (or a list in another letter's back)
    was dangling; the edition's sources come from its pyproject.toml."""
    data = _edition_with_indices(tmp_path)
    report = check(
        [data / "editions/1900/03/14/letter.xml"], CheckOptions(checks=frozenset({"refs"}))
    )
    dangling = [d.message for d in report.diagnostics if d.code == "refs.dangling"]
    assert len(dangling) == 1 and '"nobody"' in dangling[0]
    assert report.files == [str(data / "editions/1900/03/14/letter.xml")]


def test_a_register_folder_of_another_name_checked_alone_calls_no_entry_unused(
    tmp_path: Path,
) -> None:
    data = _edition_with_indices(tmp_path)
    alone = check([data / "indices"], CheckOptions(checks=frozenset({"refs"})))
    assert [d.code for d in alone.diagnostics] == []
    (data / "editions/1900/03/14/letter.xml").unlink()
    whole = check([data], CheckOptions(checks=frozenset({"refs"})))
    assert [(d.code, d.message.split('"')[1]) for d in whole.diagnostics] == [
        ("refs.unused-entry", "anna")
    ]


def test_a_text_the_gate_refuses_leaves_the_use_of_entries_unknown(tmp_path: Path) -> None:
    """Probe 81: a letter saved not well-formed made "anna", whom it names, "never
    referenced" beside its gate error; what a refused file points at is not known."""
    data = _edition_with_indices(tmp_path)
    letter = data / "editions/1900/03/14/letter.xml"
    letter.write_text(letter.read_text().replace("</p>", "</px>"))
    report = check([data], CheckOptions(checks=frozenset({"refs"})))
    assert [d.code for d in report.diagnostics] == ["gate.not-well-formed"]


def test_a_text_deep_below_the_edition_finds_its_registers_folder(tmp_path: Path) -> None:
    data = _edition_with_indices(tmp_path)
    (data / "indices").rename(data / "registers")
    (data / "editions/other.xml").unlink()
    report = check(
        [data / "editions/1900/03/14/letter.xml"], CheckOptions(checks=frozenset({"refs"}))
    )
    assert sorted(d.message.split('"')[3] for d in report.diagnostics) == ["bert", "nobody"]


def test_a_bare_id_the_editions_rule_tells_is_told_once(tmp_path: Path) -> None:
    """Probe 117: a name's ref="dresden", an entry's id, was told twice at one place, by the
    edition's rule (ed-ref-syntax) and by the reference checker (refs.bare-id); a bare id of
    another attribute on that line is still the checker's (probe 116)."""
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "persons.xml").write_text(
        tei_text("").replace(
            "<text>",
            '<standOff><listPerson><person xml:id="dresden"><persName type="preferred">'
            "Dresden</persName></person></listPerson></standOff><text>",
        ),
        encoding="utf-8",
    )
    (tmp_path / "a.xml").write_text(
        tei_text('<p xml:id="p1"><persName ref="dresden" corresp="p1">D</persName></p>'),
        encoding="utf-8",
    )
    report = check([tmp_path], CheckOptions(checks=frozenset({"schematron", "refs"})))
    told = sorted(
        (d.code, d.message.split("=")[0])
        for d in report.diagnostics
        if Path(d.path).name == "a.xml" and d.code in ("ed-ref-syntax", "refs.bare-id")
    )
    assert told == [("ed-ref-syntax", "@ref"), ("refs.bare-id", "@corresp")], report.sorted()


def test_a_schema_that_is_no_file_or_too_large_is_not_read(tmp_path: Path) -> None:
    """Probe 121: a schema named by an <?xml-model?> was read whatever it was: a sparse
    1 GB file took 2.1 GB of memory, and a link to /dev/zero "does not exist". A schema over
    64 MB is refused unread, and a device is said to be no regular file."""
    big = tmp_path / "big.rng"
    with big.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    (tmp_path / "zero.rng").symlink_to("/dev/zero")
    for name in ("big.rng", "zero.rng"):
        model = f'<?xml-model href="{name}" schematypens="http://relaxng.org/ns/structure/1.0"?>'
        (tmp_path / f"t-{name}.xml").write_text(model + "\n" + tei_text("<p>A.</p>"), "utf-8")
    report = check(
        [tmp_path / "t-big.rng.xml", tmp_path / "t-zero.rng.xml"],
        CheckOptions(checks=frozenset({"rng"})),
    )
    told = {Path(d.path).name: d.message for d in report.diagnostics if d.severity.value == "error"}
    assert "larger than 64 MB" in str(told), told
    assert "is not a regular file" in told["t-zero.rng.xml"], told


def test_a_pointer_into_a_file_outside_the_edition_is_not_followed(tmp_path: Path) -> None:
    """Probe 129: a pointer at ../../../outside/secret.xml#s1 was resolved by reading that
    file, wherever on the machine, even with --root: the check told whether an id was there,
    and passed links the build, which reads no such file, left unresolved. A file outside
    the root is not read; the pointer is told as naming it."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><standOff><listPerson><person '
        'xml:id="s1"/></listPerson></standOff></TEI>',
        encoding="utf-8",
    )
    texts = tmp_path / "ed" / "tei" / "texts"
    texts.mkdir(parents=True)
    (texts / "t.xml").write_text(
        tei_text('<p><persName ref="../../../outside/secret.xml#s1">S</persName></p>'), "utf-8"
    )
    options = CheckOptions(checks=frozenset({"refs"}), root=tmp_path / "ed")
    (told,) = [d for d in check([texts], options).diagnostics if d.code == "refs.dangling"]
    assert "names a file outside the edition's folder" in told.message, told
    wide = CheckOptions(checks=frozenset({"refs"}), root=tmp_path)
    assert not [d for d in check([texts], wide).diagnostics if d.code == "refs.dangling"]
    # a root found, not given, and no edition's folder: no bound (probe 131: a file checked
    # from its own folder pointed into its siblings); an edition's folder bounds it
    found = CheckOptions(checks=frozenset({"refs"}))
    assert not [d for d in check([texts], found).diagnostics if d.code == "refs.dangling"]
    (tmp_path / "ed" / "pyproject.toml").write_text("[tool.edition]\n", encoding="utf-8")
    assert [d for d in check([texts], found).diagnostics if d.code == "refs.dangling"]
    # a link to a whole file outside is a link: there or not, as before (probe 131)
    (texts / "t.xml").write_text(
        tei_text('<p><ref target="../../../outside/secret.xml">a</ref><ref target="../../../'
                 'outside/gone.xml">b</ref></p>'), "utf-8")  # fmt: skip
    told = [d.code for d in check([texts], options).diagnostics if d.code.startswith("refs.")]
    assert told == ["refs.missing-file"], told


def test_compiling_the_named_schema_is_no_files_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 142: a worker compiled --schema's grammar and rules during its first file, and
    that time counted toward the file's --timeout (clean files failed, differently from run
    to run, while the cache was cold). The schemas named for every file are compiled before
    the workers start: a compile slower than the timeout fails no file."""
    import time

    from pipeline.validate import relaxng

    compile_grammar = relaxng.validator_for

    def slow(path: Path) -> relaxng.RelaxNGValidator:
        time.sleep(1.5)
        return compile_grammar(path)

    monkeypatch.setattr(relaxng, "validator_for", slow)
    for n in range(4):
        (tmp_path / f"t{n}.xml").write_text(tei_text("<p>Fine.</p>"), encoding="utf-8")
    options = CheckOptions(schema=DEFAULT_SCHEMA, checks=frozenset({"rng"}), jobs=2, timeout=1.0)
    report = check(sorted(tmp_path.glob("*.xml")), options)
    assert report.sorted() == []


def test_a_folder_of_tei_files_named_otherwise_says_so(tmp_path: Path) -> None:
    """Probe 142 (FreeDict's *.tei): a folder of no *.xml was "check the path" alone; it
    says what it holds and what to do, and the build says the same."""
    from pipeline.build import build

    folder = tmp_path / "dict"
    folder.mkdir()
    for name in ("a.tei", "b.tei"):
        (folder / name).write_text(tei_text("<p>x</p>"), encoding="utf-8")
    (told,) = check([folder], CheckOptions()).diagnostics
    assert told.code == "check.no-sources"
    assert told.message.endswith("(it holds 2 files named *.tei or *.odd: name them on the "
                                 "command line, or save them as *.xml)")  # fmt: skip
    built = build([folder], tmp_path / "out")
    assert any("2 files named *.tei" in d.message for d in built.diagnostics), built.sorted()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_part_alone_is_told_of_its_includers_as_they_are_written(
    tmp_path: Path, encoding: str
) -> None:
    """Probe 155: the files including a part checked alone were looked for by a pattern over
    their bytes: an include inside a comment counted ("this file is a part that main3.xml
    includes", of a file that includes nothing), and an includer saved as UTF-16 was not
    found. The includes are looked for in each file's text, by its encoding, outside
    comments."""
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude" '
    (tmp_path / "parts").mkdir()
    for name in ("ch3.xml", "ch4.xml"):
        (tmp_path / "parts" / name).write_text('<div xmlns="http://www.tei-c.org/ns/1.0"/>')
    commented = tei_text('<!-- <xi:include href="parts/ch3.xml"/> --><p>x</p>')
    (tmp_path / "main3.xml").write_text(commented.replace("<TEI ", f"<TEI {xi}", 1))
    wide = tei_text('<xi:include href="parts/ch4.xml"/>').replace("<TEI ", f"<TEI {xi}", 1)
    declared = f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n'
    (tmp_path / "wide.xml").write_bytes((declared + wide).encode(encoding))
    options = CheckOptions(checks=frozenset({"rng"}), root=tmp_path)
    report = check([tmp_path / "parts"], options)
    notes = {
        Path(d.path).name: d.message for d in report.diagnostics if d.code == "check.part-alone"
    }
    assert list(notes) == ["ch4.xml"], report.sorted()
    assert "wide.xml includes" in notes["ch4.xml"]


def test_the_includers_of_a_part_are_looked_for_in_regular_files_of_a_readable_size(
    tmp_path: Path,
) -> None:
    """Probe 168: the files of the edition were read to find a part's includers whatever
    they were: a named pipe *.xml below the edition blocked the run for good, and a file
    of 500 MB was read whole. Pipes, devices and files over the size limit are passed over;
    the includer is still found."""
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude" '
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "ch1.xml").write_text('<div xmlns="http://www.tei-c.org/ns/1.0"/>')
    main = tei_text('<xi:include href="parts/ch1.xml"/>').replace("<TEI ", f"<TEI {xi}", 1)
    (tmp_path / "main.xml").write_text(main)
    (tmp_path / "other").mkdir()
    os.mkfifo(tmp_path / "other" / "pipe.xml")  # nobody writes: reading it waits for good
    (tmp_path / "other" / "big.xml").write_text(main + " " * 2000)
    options = CheckOptions(checks=frozenset({"rng"}), root=tmp_path, max_bytes=1000)
    done: list[Report] = []
    worker = threading.Thread(
        target=lambda: done.append(check([tmp_path / "parts"], options)), daemon=True
    )
    worker.start()
    worker.join(timeout=120)
    assert done, "the check waited on the named pipe"
    notes = [d.message for d in done[0].diagnostics if d.code == "check.part-alone"]
    assert len(notes) == 1 and notes[0].startswith("this file is a part that "), notes
    # the includer within the limit, not the one over it
    assert "main.xml includes" in notes[0] and "more)" not in notes[0], notes


def test_a_nested_part_is_told_alike_however_its_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 155: main.xml includes parts/ch1.xml, which includes parts/sub.xml. Checked as
    `.`, sub.xml's error was its own ("inside "p"", with its column); as `../tei`, or through
    a symbolic link, the copy told in the including file ("(included by parts/ch1.xml:1)",
    no column), for the part's own report, which names it as the command line did, was not
    matched with it. Both are matched by the file's real path."""
    xi = 'xmlns:xi="http://www.w3.org/2001/XInclude" '
    tei = tmp_path / "ed" / "tei"
    (tei / "parts").mkdir(parents=True)
    main = tei_text('<xi:include href="parts/ch1.xml"/>').replace("<TEI ", f"<TEI {xi}", 1)
    (tei / "main.xml").write_text(main)
    ns = 'xmlns="http://www.tei-c.org/ns/1.0"'
    (tei / "parts" / "ch1.xml").write_text(
        f'<div {ns} {xi}><head>C1</head><p>One.</p><xi:include href="sub.xml"/></div>'
    )
    (tei / "parts" / "sub.xml").write_text(f"<div {ns}><head>Sub</head><p>Sub <foo/>.</p></div>")
    (tmp_path / "link").symlink_to(tei)
    options = CheckOptions(checks=frozenset({"rng"}), root=tei)

    def told(folder: Path, named: str) -> list[tuple[str, int | None, int | None, str]]:
        monkeypatch.chdir(folder)
        report = check([Path(named)], options)
        return [
            (Path(d.path).name, d.line, d.column, d.message)
            for d in report.sorted()
            if d.code.startswith("rng.")
        ]

    here = told(tei, ".")
    assert [(name, column) for name, _, column, _ in here] == [("sub.xml", 65)], here
    assert told(tei, "../tei") == here
    assert told(tmp_path, "link") == here


def test_compiling_a_schema_a_file_names_is_no_files_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema only an ``xml-model`` names is compiled by the worker whose file asks for it
    first; that time is the run's (``parallel.untimed``), not the file's: a compile slower
    than the timeout fails no file. A file's own work past the limit still fails it."""
    import shutil
    import time

    from pipeline.validate import relaxng

    compile_grammar = relaxng.validator_for

    def slow(path: Path) -> relaxng.RelaxNGValidator:
        time.sleep(1.5)
        return compile_grammar(path)

    monkeypatch.setattr(relaxng, "validator_for", slow)
    shutil.copy(DEFAULT_SCHEMA, tmp_path / "mine.rng")
    model = '<?xml-model href="mine.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>'
    for n in range(4):
        (tmp_path / f"t{n}.xml").write_text(model + tei_text("<p>Fine.</p>"), encoding="utf-8")
    options = CheckOptions(checks=frozenset({"rng"}), jobs=2, timeout=1.0)
    report = check(sorted(tmp_path.glob("*.xml")), options)
    assert [d for d in report.sorted() if d.code == "check.timeout"] == []
