"""The build facade: all outputs, byte-identical rebuilds, last good output kept, locks."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED, published, tei_text

from pipeline import build as build_module
from pipeline.build import build, selected_builders
from pipeline.builders.downloads import ZIP_HREF
from pipeline.cli import cli
from pipeline.diagnostics import Diagnostic, Report, Severity
from pipeline.errors import EditionError

ROOT = Path(__file__).resolve().parents[1]
TEI = ROOT / "tei"


def told(report: Report) -> list[str]:
    """The codes of the problems a build reports, without its information (the edition's
    entries without authority identifier, ``index.no-authority``)."""
    return [d.code for d in report.diagnostics if d.severity is not Severity.INFO]


def digest(folder: Path) -> dict[str, str]:
    """The published files of an output folder (or of one output: ``OUT/html``)."""
    if folder.name in ("html", "epub", "index"):
        return {k.split("/", 1)[1]: v for k, v in published(folder.parent).items()
                if k.startswith(folder.name + "/")}  # fmt: skip
    return published(folder)


def test_edition_builds_every_output(tmp_path: Path) -> None:
    report = build([TEI], tmp_path, jobs=1)
    assert report.errors == 0, report.sorted()
    assert (tmp_path / "html" / "belgium-1944.html").is_file()
    assert (tmp_path / "epub" / "belgium-1944.epub").is_file()
    assert (tmp_path / "index" / "entities.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".edition", "epub", "html", "index"]


def test_a_build_lets_the_texts_stylesheets_go_once_the_texts_are_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    # compiled in this process for the workers, they are no use to its site's pages (65 MB of
    # 1,120 letters' build, docs/benchmarks.md); the command line's build (once) lets them go,
    # and another build compiles them again
    from pipeline.xslt import engine

    engine().stylesheet("html/page")
    for out in ("a", "b"):
        assert build([TEI], tmp_path / out, jobs=1, once=True).errors == 0
        names = {name for name, _ in engine()._single}
        assert not names & {"html/page", "epub/book"}, names
        assert "html/home" in names  # the site's own are kept
    # a process that builds again keeps them
    assert build([TEI], tmp_path / "c", jobs=1).errors == 0
    assert "html/page" in {name for name, _ in engine()._single}
    assert (tmp_path / "b" / "html" / "belgium-1944.html").read_bytes() == (
        tmp_path / "a" / "html" / "belgium-1944.html"
    ).read_bytes()


def test_two_builds_give_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the build date is the clock's unless SOURCE_DATE_EPOCH fixes it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([TEI], tmp_path / "a", jobs=2)
    build([TEI], tmp_path / "b", jobs=1)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_source_date_epoch_sets_the_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build([TEI], tmp_path, only=["epub"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    build([TEI], tmp_path / "again", only=["epub"])
    one = (tmp_path / "epub" / "belgium-1944.epub").read_bytes()
    two = (tmp_path / "again" / "epub" / "belgium-1944.epub").read_bytes()
    assert one != two


def test_only_builds_the_requested_output(tmp_path: Path) -> None:
    build([TEI], tmp_path, only=["html"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".edition", "html"]
    # no download link to a book that is not there
    assert ".epub" not in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert ".epub" not in (tmp_path / "html" / "belgium-1944.html").read_text(encoding="utf-8")
    assert [b.name for b in selected_builders(["epub"])] == ["index", "epub"]


def test_unknown_output_is_refused() -> None:
    with pytest.raises(EditionError, match="unknown output"):
        selected_builders(["pdf"])


def test_failed_output_keeps_the_last_good_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build([TEI], tmp_path, only=["html"])
    before = digest(tmp_path / "html")

    def broken(*args: object) -> list[Diagnostic]:
        raise RuntimeError("writer bug")

    monkeypatch.setattr(build_module, "write_site", broken)
    report = build([TEI], tmp_path, only=["html"])
    assert told(report) == ["html.failed", "build.nothing-published"]
    (failed,) = [d for d in report.diagnostics if d.code == "html.failed"]
    assert "writer bug" in failed.message
    assert digest(tmp_path / "html") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".edition", "html"]


def test_an_introduction_or_guide_that_cannot_be_used_stops_the_build_at_once(
    tmp_path: Path,
) -> None:
    """Markdown saved as .txt, XML that is no TEI, a guide not in UTF-8: each was an
    "internal error ... please report it" of the HTML output after the whole build; now one
    error at the file, before anything is read, and nothing published."""
    about = tmp_path / "about.txt"
    about.write_text("# About\n\nThe edition.\n")
    guide = tmp_path / "guide.md"
    guide.write_bytes(b"\xff\xfe# Guide")
    out = tmp_path / "out"
    report = build([TEI], out, about=about, guide=guide)
    assert sorted(d.code for d in report.diagnostics) == [
        "build.about",
        "build.guide",
        "build.nothing-published",
    ]
    by_code = {d.code: d for d in report.diagnostics}
    assert by_code["build.about"].path == str(about)
    assert ".md" in by_code["build.about"].message
    assert "UTF-8" in by_code["build.guide"].message
    assert report.files == [] and not (out / "html").exists()


def test_a_folder_without_sources_says_to_check_the_path(tmp_path: Path) -> None:
    """Diagnostics probe: build.no-sources said "no *.xml file in this folder" and no more,
    where edition check's check.no-sources says to check the path."""
    (tmp_path / "empty").mkdir()
    report = build([tmp_path / "empty"], tmp_path / "out", only=["html"], jobs=1)
    (told,) = [d for d in report.diagnostics if d.code == "build.no-sources"]
    assert told.message == (
        "no *.xml file in this folder: nothing was built from it; check the path"
    )


def test_a_folder_of_links_to_texts_elsewhere_is_built(tmp_path: Path) -> None:
    """A folder of symbolic links to files kept elsewhere (an archivist's selection) was
    refused as "no *.xml file in this folder" and nothing was built: the build asked whether
    the links' targets lay inside the folder. `edition check` read the same folder."""
    kept = tmp_path / "archive" / "letter.xml"
    kept.parent.mkdir()
    kept.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>A letter</title></titleStmt><publicationStmt><p>Unpublished</p>"
        "</publicationStmt><sourceDesc><p>Archive</p></sourceDesc></fileDesc></teiHeader>"
        "<text><body><p>Dear friend, all is well.</p></body></text></TEI>",
        encoding="utf-8",
    )
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "letter.xml").symlink_to(kept)
    out = tmp_path / "out"
    report = build([chosen], out, only=["html"], jobs=1)
    assert report.errors == 0, report.diagnostics
    assert "all is well" in (out / "html" / "letter.html").read_text(encoding="utf-8")


def test_texts_built_alone_are_read_with_the_registers_beside_them(tmp_path: Path) -> None:
    """`edition build tei/texts` lost every name's register entry (check and index found
    them): the registers/ folders near the texts are read, as check reads them, and their
    entries the named texts do not mention are not "unused"."""
    sources = tmp_path / "tei"
    for path in TEI.rglob("*.xml"):
        target = sources / path.relative_to(TEI)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    out = tmp_path / "out"
    report = build([sources / "texts"], out, only=["index"])
    assert "index.unresolved-ref" not in report.by_code()
    assert "index.unused-entry" not in report.by_code()
    assert any(Path(f).parent.name == "registers" for f in report.files)
    build([sources], tmp_path / "whole", only=["index"])
    assert (out / "index" / "entities.json").read_bytes() == (
        tmp_path / "whole" / "index" / "entities.json"
    ).read_bytes()


def test_when_every_text_fails_nothing_is_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every text failing (a time limit, a transform) left an edition of no text: a home
    page saying "A digital edition of 6 texts" and listing none, over the last good one.
    Nothing is published; a text whose last page is kept still counts."""
    from pipeline import texts as texts_module

    out = tmp_path / "out"

    def failing(*args: object, **kwargs: object) -> object:
        raise EditionError("the stylesheet broke")

    monkeypatch.setattr(texts_module, "render_text", failing)
    report = build([TEI], out, jobs=1)
    assert report.by_code()["build.nothing-published"] == 1
    assert not (out / "html").exists()
    monkeypatch.undo()
    build([TEI], out, jobs=1)
    page = (out / "html" / "belgium-1944.html").read_bytes()
    monkeypatch.setattr(texts_module, "render_text", failing)
    # the last pages are kept: that edition is published again
    again = build([TEI], out, jobs=1, clean=True)
    assert "build.kept-last-good" in again.by_code()
    assert "build.nothing-published" not in again.by_code()
    assert (out / "html" / "belgium-1944.html").read_bytes() == page


def test_one_text_built_alone_is_offered_with_its_registers_and_schema(tmp_path: Path) -> None:
    """Probe 115: `edition build tei/texts/a.xml` offered tei/a.xml and tei/persons.xml,
    flattened, and no schema: the download's pointers into ../registers/ and its
    ../../schema/edition.rng led nowhere. They keep their places, as in a build of tei/."""
    sources = tmp_path / "ed" / "tei"
    shutil.copytree(TEI, sources)
    shutil.copytree(ROOT / "schema", tmp_path / "ed" / "schema")
    assert build([sources / "texts" / "belgium-1944.xml"], tmp_path / "out", jobs=1).errors == 0
    offered = sorted(
        str(p.relative_to(tmp_path / "out" / "html"))
        for p in (tmp_path / "out" / "html").rglob("*")
        if p.suffix in (".xml", ".rng", ".sch")
    )
    assert offered == [
        "schema/edition.rng",
        "schema/edition.sch",
        "tei/registers/organisations.xml",
        "tei/registers/persons.xml",
        "tei/registers/places.xml",
        "tei/texts/belgium-1944.xml",
    ], offered


def test_a_schema_the_sources_name_that_is_not_there_is_told(tmp_path: Path) -> None:
    """Probe 128: a copy of the sources without their schema folder was published without a
    word, its downloads naming ../../schema/edition.rng, where `edition check` fails them.
    The build tells each address once, at the source naming it; with the schema, nothing."""
    sources = tmp_path / "ed" / "tei"
    shutil.copytree(TEI, sources)
    report = build([sources], tmp_path / "out", only=["html"], jobs=1)
    told = sorted(
        (Path(d.path).name, d.message.split("'")[1])
        for d in report.diagnostics
        if d.code == "build.schema-missing"
    )
    assert told == [
        (name, f"../../schema/edition.{kind}")
        for name in sorted(p.name for p in sources.rglob("*.xml"))
        for kind in ("rng", "sch")
    ], report.sorted()
    assert report.errors == 0
    shutil.copytree(ROOT / "schema", tmp_path / "ed" / "schema")
    again = build([sources], tmp_path / "out", only=["html"], jobs=1)
    assert "build.schema-missing" not in again.by_code()
    # a path of the machine and an empty address are told too, as the check tells them,
    # and the place looked at without "../" (probe 132: the build said nothing of them)
    text = sources / "texts" / "belgium-1944.xml"
    source = text.read_text(encoding="utf-8")
    for href, looked in (
        ("/no/such/schema.rng", "/no/such/schema.rng"),
        ("file:///no/such/r%20s.rng", "/no/such/r s.rng"),
        ("", None),
        ("../../schema/gone.rng", "schema/gone.rng"),
    ):
        text.write_text(source.replace("../../schema/edition.rng", href, 1), encoding="utf-8")
        report = build([sources], tmp_path / "out", only=["html"], jobs=1)
        (told,) = [d for d in report.diagnostics if d.code == "build.schema-missing"]
        assert f"names the schema {href!r}" in told.message, told.message
        if looked is None:
            assert "looked at" not in told.message
        else:
            assert f"{looked}):" in told.message and "../" not in told.message.split("(")[1]
        assert "which is not there" in told.message
    # a device is there, but is no schema, as the check says (probe 148)
    text.write_text(source.replace("../../schema/edition.rng", "/dev/null", 1), encoding="utf-8")
    report = build([sources], tmp_path / "out", only=["html"], jobs=1)
    (told,) = [d for d in report.diagnostics if d.code == "build.schema-missing"]
    assert "'/dev/null', which is not a regular file (looked at /dev/null)" in told.message


def test_a_schema_a_browser_could_open_as_a_page_is_not_published(tmp_path: Path) -> None:
    """Probe 148 (high): a grammar an xml-model names was published into the site whatever
    its name and content: "schema/evil.html", or a grammar whose annotation is an XHTML
    script, ran that script on the site's origin. Such a schema stays unpublished and is
    told (build.schema-not-published); a plain grammar is published as before."""
    sources = tmp_path / "src"
    (sources / "schema").mkdir(parents=True)
    script = (
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element><anyName/>'
        "<text/></element></start>{}</grammar>"
    )
    active = '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'
    drawn = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    schemas = {
        "evil.html": script.format(""),
        "script.rng": script.format(active),
        "drawn.xsd": script.format(drawn),
        "styled.sch": '<?xml-stylesheet type="text/xsl" href="x.xsl"?>' + script.format(""),
        "plain.rng": script.format(""),
        # XHTML that runs nothing, as an ODD's documentation writes it (tei_all's <code>):
        # published (probe 151)
        "documented.rng": script.format(
            '<h:code xmlns:h="http://www.w3.org/1999/xhtml">persName</h:code>'
        ),
    }
    for n, (name, schema) in enumerate(schemas.items()):
        (sources / "schema" / name).write_text(schema, encoding="utf-8")
        (sources / f"t{n}.xml").write_text(
            f'<?xml-model href="schema/{name}" schematypens="http://relaxng.org/ns/structure/'
            f'1.0"?>{tei_text(f"<p>Text {n}.</p>")}',
            encoding="utf-8",
        )
    out = tmp_path / "out"
    report = build([sources], out, only=["html"], jobs=1)
    told = sorted(
        (Path(d.path).name, d.message.split(" is not")[0].rsplit("/", 1)[1])
        for d in report.diagnostics
        if d.code == "build.schema-not-published"
    )
    assert told == [
        ("t0.xml", "evil.html"), ("t1.xml", "script.rng"), ("t2.xml", "drawn.xsd"),
        ("t3.xml", "styled.sch"),
    ], report.sorted()  # fmt: skip
    published = sorted(p.name for p in (out / "html").rglob("*") if p.parent.name == "schema")
    assert published == ["documented.rng", "plain.rng"]
    with zipfile.ZipFile(out / "html" / ZIP_HREF) as zipped:
        zipped_schemas = [n for n in zipped.namelist() if n.rsplit("/", 1)[-1] in schemas]
    assert sorted(n.rsplit("/", 1)[-1] for n in zipped_schemas) == [
        "documented.rng",
        "plain.rng",
    ], zipped_schemas


def test_no_entry_is_told_unused_when_a_text_could_not_be_read(tmp_path: Path) -> None:
    """Probe 115: a text not well-formed, with no last good version, had every entry of the
    registers told "never mentioned; remove it", entries it names."""
    sources = tmp_path / "tei"
    shutil.copytree(TEI, sources)
    text = sources / "texts" / "belgium-1944.xml"
    text.write_text(text.read_text(encoding="utf-8").replace("</body>", "</bod>"), "utf-8")
    report = build([sources], tmp_path / "out", jobs=1)
    assert "gate.not-well-formed" in report.by_code()
    assert "index.unused-entry" not in report.by_code(), report.sorted()


def test_a_register_giving_two_entries_one_id_is_built(tmp_path: Path) -> None:
    """Probe 115: a register with two entries of one xml:id stopped the whole build with an
    internal error ("ID p1 already defined"), nothing published. The check tells the fault;
    the build publishes, the index reading the first entry; a text with active content
    and a duplicate id is copied for download alike."""
    (tmp_path / "ed" / "texts").mkdir(parents=True)
    (tmp_path / "ed" / "registers").mkdir()
    (tmp_path / "ed" / "texts" / "a.xml").write_text(
        tei_text(
            '<p><persName ref="#p1">Anna</persName><script xmlns="http://www.w3.org/1999/xhtml">'
            'x</script></p><p xml:id="d">x</p><p xml:id="d">y</p>'
        ),
        encoding="utf-8",
    )
    (tmp_path / "ed" / "registers" / "persons.xml").write_text(
        tei_text("").replace(
            "<text>",
            '<standOff><listPerson><person xml:id="p1"><persName>Anna</persName></person>'
            '<person xml:id="p1"><persName>Ben</persName></person></listPerson></standOff><text>',
        ),
        encoding="utf-8",
    )
    report = build([tmp_path / "ed"], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    assert (tmp_path / "out" / "html" / "persons.html").is_file()
    assert (tmp_path / "out" / "html" / "a.html").is_file()


def test_a_name_pointing_at_an_entry_of_another_kind_is_told(tmp_path: Path) -> None:
    """Probe 115's leftover: an orgName pointing at a place was told by the check alone
    (refs.wrong-kind); the build filed it under the place without a word. It warns, at the
    @ref, as the check places it; a family's name at its personGrp and a stage direction's
    name at its role are no fault."""
    (tmp_path / "ed" / "texts").mkdir(parents=True)
    (tmp_path / "ed" / "registers").mkdir()
    (tmp_path / "ed" / "texts" / "a.xml").write_text(
        tei_text(
            '<p>In <orgName ref="#wien">Vienna</orgName>\nthe <persName ref="#roth">Rothschilds'
            '</persName> met <persName ref="#wien">Wien</persName>.</p>'
        ),
        encoding="utf-8",
    )
    (tmp_path / "ed" / "registers" / "places.xml").write_text(
        tei_text("").replace(
            "<text>",
            '<standOff><listPlace><place xml:id="wien"><placeName>Wien</placeName></place>'
            '</listPlace><listPerson><personGrp xml:id="roth"><persName>Rothschild</persName>'
            "</personGrp></listPerson></standOff><text>",
        ),
        encoding="utf-8",
    )
    report = build([tmp_path / "ed"], tmp_path / "out", jobs=1)
    told = [d for d in report.diagnostics if d.code == "index.wrong-kind"]
    assert [(Path(d.path).name, d.severity.value) for d in told] == [("a.xml", "warning")] * 2
    assert told[0].message.startswith("orgName 'Vienna' points at 'wien', which is a place")
    assert told[1].line == told[0].line + 1, report.sorted()
    assert "at the person, personGrp or role entry meant" in told[1].message


def test_a_file_pointer_names_the_entry_of_a_file_written_as_a_uri_or_including_it(
    tmp_path: Path,
) -> None:
    """Probe 117 (a regression of 45f12a2, which read file.xml#id in that file alone): a
    register written as a URI, "my%20persons.xml#sp", and a register including the part that
    gives its entries, "people.xml#pp" of people-part.xml, named no entry to the build, as
    edition check reads them, and the mentions were unresolved, uncounted."""
    (tmp_path / "ed" / "texts").mkdir(parents=True)
    registers = tmp_path / "ed" / "registers"
    registers.mkdir()
    (tmp_path / "ed" / "texts" / "t.xml").write_text(
        tei_text(
            '<p><persName ref="../registers/my%20persons.xml#sp">S</persName> and '
            '<persName ref="../registers/people.xml#pp">P</persName></p>'
        ),
        encoding="utf-8",
    )
    (registers / "my persons.xml").write_text(
        tei_text("").replace(
            "<text>",
            '<standOff><listPerson><person xml:id="sp"><persName>Sp</persName></person>'
            "</listPerson></standOff><text>",
        ),
        encoding="utf-8",
    )
    (registers / "people-part.xml").write_text(
        '<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="pp"><persName>Pp'
        "</persName></person></listPerson>",
        encoding="utf-8",
    )
    (registers / "people.xml").write_text(
        tei_text("").replace(
            "<text>",
            '<standOff><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            'href="people-part.xml"/></standOff><text>',
        ),
        encoding="utf-8",
    )
    report = build([tmp_path / "ed"], tmp_path / "out", jobs=1)
    assert "index.unresolved-ref" not in report.by_code(), report.sorted()
    entities = json.loads((tmp_path / "out/index/entities.json").read_text(encoding="utf-8"))
    listed = entities["entities"] if isinstance(entities, dict) else entities
    assert {e["id"]: e["count"] for e in listed} == {"pp": 1, "sp": 1}


def test_an_edition_of_registers_alone_publishes_its_index_pages(tmp_path: Path) -> None:
    """Probe 118 (a Syriaca.org place record, a gazetteer's file): an edition of register
    files alone published no index page, while every page's menu linked places.html and
    timeline.html, and no search index. The index pages are written, a place's desc its
    note, and every link of the home page resolves."""
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "place.xml").write_text(
        tei_text(
            '<listPlace><place xml:id="antioch" type="settlement"><placeName xml:lang="en">'
            'Antioch</placeName><placeName xml:lang="syr">ܐܢܛܝܘܟܝܐ</placeName><desc>City in '
            "the historical region of Syria.</desc></place></listPlace>"
        ),
        encoding="utf-8",
    )
    report = build([tmp_path / "ed"], tmp_path / "out", jobs=1)
    assert report.errors == 0, report.sorted()
    site = tmp_path / "out" / "html"
    places = (site / "places.html").read_text(encoding="utf-8")
    assert "Antioch" in places and "City in the historical region of Syria." in places
    home = (site / "index.html").read_text(encoding="utf-8")
    for href in set(re.findall(r'href="([^"#:]+\.html)', home)):
        assert (site / href).is_file(), href
    assert (site / "pagefind").is_dir()


def test_a_kept_versions_warnings_are_not_told_of_the_file(tmp_path: Path) -> None:
    """Probe 112: a file saved not well-formed is published as its last good version, whose
    warnings were told again at their lines, which the file on disk no longer has ("has no
    day 32" of a date now mended). The error and the kept version are told, not those."""
    sources = tmp_path / "tei"
    sources.mkdir()
    text = sources / "t.xml"
    text.write_text(tei_text('<p>On <date when="1848-08-32">a day</date>.</p>'), "utf-8")
    first = build([sources], tmp_path / "out", jobs=1)
    assert "index.bad-date" in first.by_code(), first.sorted()
    text.write_text(tei_text('<p>On <date when="1848-08-03">a day</date>.</p>')[:-20], "utf-8")
    kept = build([sources], tmp_path / "out", jobs=1)
    assert {"gate.not-well-formed", "build.kept-last-good"} <= set(kept.by_code())
    assert "index.bad-date" not in kept.by_code(), kept.sorted()


def test_a_corpus_member_that_breaks_stays_within_its_corpus(tmp_path: Path) -> None:
    """Probe 164: a teiCorpus member taken in by xi:include that broke after a good build
    failed the gate, and its corpus with it; the corpus's kept version named no members, and
    the member's kept version was published as a text of its own (member.html, member.epub,
    an entry of the home page) and counted: "2 texts published". It stays a member."""
    from lxml import etree

    sources = tmp_path / "tei"
    sources.mkdir()
    member = sources / "member.xml"
    words = "<p>Included member words.</p>"
    member.write_text(tei_text(words, title="Included member"), "utf-8")
    (sources / "corpus.xml").write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" '
        'xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader><fileDesc><titleStmt>'
        "<title>XI corpus</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        '<xi:include href="member.xml"/></teiCorpus>',
        "utf-8",
    )
    out = tmp_path / "out"
    first = build([sources], out, jobs=1)
    assert first.published == 1 and "build.corpus-member" in first.by_code(), first.sorted()
    member.write_text(tei_text(words.replace("member", "<hi>member"), "Included member"), "utf-8")
    kept = build([sources], out, jobs=1)
    assert "build.kept-last-good" in kept.by_code(), kept.sorted()
    assert kept.published == 1, kept.sorted()
    assert sorted(p.name for p in (out / "epub").glob("*.epub")) == ["corpus.epub"]
    assert not (out / "html" / "member.html").exists()
    home = etree.parse(str(out / "html" / "index.html"), etree.HTMLParser())
    assert home.xpath("//a[@class = 'text-title']/@href") == ["corpus.html"]
    corpus = etree.parse(str(out / "html" / "corpus.html"), etree.HTMLParser())
    assert "Included member words." in " ".join(corpus.xpath("//main//p//text()"))


def test_a_text_that_fails_publishes_nothing_its_task_wrote_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 55: a text whose task ran past the time limit while making its book was "left
    out", and yet the reading pages, the citations and the words in the search index its
    task had written were published. What a failed task wrote (its pages, a part's page, its
    citations, its book, a write cut short) goes; another text's files stay."""
    from pipeline import texts as texts_module

    real = texts_module.render_text
    sources = tmp_path / "src"
    sources.mkdir()
    for stem in ("a", "a-b"):
        (sources / f"{stem}.xml").write_text(tei_text(f"<p>Text {stem}.</p>"), encoding="utf-8")

    def failing_after_writing(fact, job, part="all"):  # type: ignore[no-untyped-def]
        if fact.stem != "a":
            return real(fact, job, part)
        html = job.generation / "html"
        (html / "cite").mkdir(parents=True, exist_ok=True)
        for name in ("a.html", "a-2.html", "cite/a.bib", "cite/a.json", ".a-3.html.1.x1y.tmp"):
            (html / name).write_text("written before the end", encoding="utf-8")
        (job.generation / "epub").mkdir(exist_ok=True)
        (job.generation / "epub" / ".a.epub.1.zz9.tmp").write_bytes(b"half a book")
        # a write of a killed process whose long name the temp file cuts to 64 characters
        (html / f".{'a-' + 'x' * 70}.{dead}.q7w.tmp").write_text("half", encoding="utf-8")
        raise EditionError("ran past the time limit")

    with subprocess.Popen(["true"]) as gone:
        gone.wait()
    dead = gone.pid

    monkeypatch.setattr(texts_module, "render_text", failing_after_writing)
    out = tmp_path / "out"
    report = build([sources], out, jobs=1)
    assert report.by_code()["build.internal"] == 1
    published = sorted(
        str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and ".edition" not in p.parts
    )
    left = [
        p
        for p in published
        if Path(p).name.lstrip(".").startswith(("a.", "a-2", "a-x")) or p.endswith(".tmp")
    ]
    assert left == [], left
    assert "html/a-b.html" in published
    assert "html/cite/a-b.bib" in published
    assert "epub/a-b.epub" in published


def test_a_failed_texts_last_version_never_takes_another_texts_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 56: a long text a, published in parts (a-1.html, a-2.html ...), failed in the
    next build beside a new text a-2; its last version was kept, and its old part page
    a-2.html took the place of the new text's page (the home page led to Dickens under
    Lyall's title). A kept version that would is not kept: the text is left out, and says
    so; one that takes no other's place is kept, and its failure says that too."""
    from pipeline import texts as texts_module

    real = texts_module.render_text
    sources = tmp_path / "src"
    sources.mkdir()
    chapters = "".join(
        f"<div><head>Chapter {n}</head><p>{'Words. ' * 400}</p></div>" for n in range(6)
    )
    (sources / "a.xml").write_text(tei_text(chapters), encoding="utf-8")
    out = tmp_path / "out"
    build([sources], out, jobs=1, only=["html"], page_size=10)
    assert (out / "html" / "a-2.html").is_file(), "a is published in parts"

    def failing_a(fact, job, part="all"):  # type: ignore[no-untyped-def]
        if fact.stem == "a":
            raise EditionError("ran past the time limit")
        return real(fact, job, part)

    monkeypatch.setattr(texts_module, "render_text", failing_a)
    kept = build([sources], out, jobs=1, only=["html"], page_size=10, clean=True)
    (failure,) = [d for d in kept.diagnostics if d.code == "build.internal"]
    assert "its last published version stays" in failure.message
    assert "build.kept-last-good" in kept.by_code()
    (sources / "a-2.xml").write_text(tei_text("<p>The new text.</p>"), encoding="utf-8")
    clash = build([sources], out, jobs=1, only=["html"], page_size=10, clean=True)
    (failure,) = [d for d in clash.diagnostics if d.code == "build.internal"]
    assert "it is left out" in failure.message
    assert "build.kept-last-good" not in clash.by_code()
    assert "The new text." in (out / "html" / "a-2.html").read_text(encoding="utf-8")
    assert not (out / "html" / "a.html").exists()


def test_a_source_changed_during_the_build_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = tmp_path / "tei"
    for path in TEI.rglob("*.xml"):
        target = sources / path.relative_to(TEI)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    text = sources / "texts" / "belgium-1944.xml"
    real_read = build_module.read_all

    def read_then_edit(files, plan, report):  # type: ignore[no-untyped-def]
        facts = real_read(files, plan, report)
        text.write_bytes(text.read_bytes() + b"\n<!-- edited -->\n")
        return facts

    monkeypatch.setattr(build_module, "read_all", read_then_edit)
    report = build([sources], tmp_path / "out", only=["html"])
    assert [d.code for d in report.diagnostics] == ["build.source-changed"]
    assert not (tmp_path / "out" / "html").exists()
    # over a published edition: no "kept-last-good ... fix the file" for a file being saved
    # (probe 101), and that edition stays
    monkeypatch.setattr(build_module, "read_all", real_read)
    assert build([sources], tmp_path / "out", only=["html", "epub"]).errors == 0
    before = published(tmp_path / "out")
    text.write_bytes(text.read_bytes().replace(b"November 1944", b"Nov. 1944", 1))
    monkeypatch.setattr(build_module, "read_all", read_then_edit)
    report = build([sources], tmp_path / "out", only=["html", "epub"])
    assert [d.code for d in report.diagnostics if d.severity is not Severity.INFO] == [
        "build.source-changed"
    ], report.sorted()
    assert published(tmp_path / "out") == before


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    import subprocess
    import sys

    build([TEI], tmp_path, only=["index"])  # the folder is the build's own
    lock = tmp_path / ".edition" / "lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl,sys,time; f=open(sys.argv[1],'w'); "
         "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)", str(lock)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = CliRunner().invoke(cli, ["build", str(TEI), "--out", str(tmp_path)])
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 1
    assert "another build" in result.output
    assert not (tmp_path / "html").exists()


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    (tmp_path / "broken.xml").write_text("<TEI><text>")
    report = build([TEI, tmp_path / "broken.xml"], tmp_path / "out", only=["html"])
    assert told(report) == ["gate.not-well-formed"]
    assert (tmp_path / "out" / "html" / "belgium-1944.html").is_file()


def test_cli_build_reports_and_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(TEI), "--out", str(tmp_path), "--only", "index"])
    assert result.exit_code == 0, result.output
    assert "build: 4 files, 0 errors" in result.output


def test_cli_build_counts_one_of_a_kind_in_the_singular(tmp_path: Path) -> None:
    """ "build: 1 files, 0 errors, 1 warnings" was the line of a build of one file with one
    unused entry; the check's summary said "1 warning" of the same."""
    (tmp_path / "t.xml").write_text(
        tei_text('<p>A.</p><listPerson><person xml:id="idle"><persName>Nobody</persName>'
                 "</person></listPerson>"),
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "t.xml"), "--out", str(out),
                                      "--only", "index"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "build: 1 file, 0 errors, 1 warning (index)" in result.output, result.output


def test_cli_build_says_how_many_texts_it_published_and_left_out(tmp_path: Path) -> None:
    """Probe 163: "build: 150 files, 41 errors" did not tell 41 files left out from 41
    published with errors, and nothing said a refused text was not published. The summary
    counts both, and each file left out says so; a text whose last published version stands
    in is published."""
    sources = tmp_path / "tei"
    sources.mkdir()
    for name in ("a", "b", "c"):
        (sources / f"{name}.xml").write_text(tei_text(f"<p>{name}</p>"), encoding="utf-8")
    (sources / "empty.xml").write_text("\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(sources), "--out", str(out), "--only", "html"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith("build: 4 files, 1 error, 0 warnings (html)"), last
    assert last.endswith("; 3 texts published, 1 file left out"), last
    [said] = [line for line in result.output.splitlines() if "[build.left-out]" in line]
    assert said.startswith(f"{sources / 'empty.xml'}: info: not published")
    assert sorted(p.name for p in (out / "html").glob("?.html")) == ["a.html", "b.html", "c.html"]
    # b broken now: its last published page stands in, and it is counted as published
    (sources / "b.xml").write_text("<TEI><text>", encoding="utf-8")
    again = CliRunner().invoke(cli, args)
    last = again.output.splitlines()[-1]
    assert last.endswith("; 3 texts published, 1 file left out"), again.output
    assert "build.kept-last-good" in again.output
    assert [line for line in again.output.splitlines() if "[build.left-out]" in line] == [said]
    # nothing published: said so
    (sources / "a.xml").unlink()
    (sources / "b.xml").unlink()
    (sources / "c.xml").unlink()
    none = CliRunner().invoke(cli, args)
    assert none.output.splitlines()[-1].endswith("; nothing published"), none.output


def test_title_option_names_the_edition(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(TEI), "--out", str(tmp_path), "--only", "html", "--title", "My Title"]
    )
    assert result.exit_code == 0, result.output
    assert "My Title" in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("sample", ["tei", "apparatus/pta0029.pta002.pta-grc2.xml"])
def test_a_lone_text_made_by_two_workers_is_the_text_made_by_one(
    sample: str, tmp_path: Path
) -> None:
    """With fewer texts than workers, a text's page and book are made side by side
    (texts.render_texts) and merged: the same files and the same diagnostics, in order."""
    source = TEI if sample == "tei" else SHARED / "corpora" / "tei-samples" / sample
    one = build([source], tmp_path / "one", jobs=1, timeout=60)
    two = build([source], tmp_path / "two", jobs=2, timeout=60)
    assert published(tmp_path / "one") == published(tmp_path / "two")
    assert [(d.path, d.line, d.code, d.message) for d in one.diagnostics] == [
        (d.path, d.line, d.code, d.message) for d in two.diagnostics
    ]
    assert published(tmp_path / "two"), "something was published"


def test_resident_workers_render_one_build_after_another(tmp_path: Path) -> None:
    """edition serve's workers (parallel.Resident) stay from one build to the next, and a
    build on them publishes what a build on fresh workers does."""
    import shutil

    from pipeline.parallel import Resident

    sources = tmp_path / "tei"
    shutil.copytree(TEI, sources)
    text = sources / "texts" / "belgium-1944.xml"
    resident = Resident(2)
    try:
        build([sources], tmp_path / "out", jobs=2, timeout=60, resident=resident)
        workers = set(resident.pids())
        assert len(workers) == 2
        source = text.read_text(encoding="utf-8")
        text.write_text(source.replace("significant historical", "notable historical"), "utf-8")
        build([sources], tmp_path / "out", jobs=2, timeout=60, resident=resident)
        assert set(resident.pids()) == workers, "the same workers rendered the second build"
    finally:
        resident.stop()
    build([sources], tmp_path / "fresh", jobs=2, timeout=60)
    assert published(tmp_path / "out") == published(tmp_path / "fresh")


def test_an_edition_of_registers_alone_builds_without_a_search_error(tmp_path: Path) -> None:
    """Probe 98: an edition whose texts were all deleted (its registers kept) failed with
    "-: error: Pagefind wrote no pagefind.js" and exit 1: with no page to search, no index
    is made and nothing is wrong."""
    source = tmp_path / "tei"
    (source / "registers").mkdir(parents=True)
    (source / "registers" / "persons.xml").write_bytes(
        (TEI / "registers" / "persons.xml").read_bytes()
    )
    report = build([source], tmp_path / "out")
    assert not [d for d in report.diagnostics if d.severity is Severity.ERROR], report.diagnostics
    assert (tmp_path / "out" / "html" / "search.html").is_file()


def test_a_register_kept_in_a_body_feeds_the_index_and_is_no_text(tmp_path: Path) -> None:
    """A personography in a ``text/body`` (as many editions keep it) is a register: the
    letter's name resolves to its entry and the index pages show it; the register itself gets
    no reading page and no book, and is not among the texts."""
    tei = 'xmlns="http://www.tei-c.org/ns/1.0"'
    header = (
        "<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt>"
        "<p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc>"
        "</teiHeader>"
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "listperson.xml").write_text(
        f"<TEI {tei}>{header.format('Persons')}<text><body><div><head>Persons</head>"
        '<listPerson><person xml:id="hbahr"><persName><surname>Bahr</surname>'
        "<forename>Hermann</forename></persName></person></listPerson></div></body></text></TEI>",
        encoding="utf-8",
    )
    (corpus / "letter.xml").write_text(
        f"<TEI {tei}>{header.format('A letter')}<text><body><p>Dear "
        '<persName ref="listperson.xml#hbahr">Bahr</persName>.</p></body></text></TEI>',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build([corpus], out, jobs=1)
    assert report.errors == 0, report.sorted()
    assert not [d for d in report.diagnostics if d.code == "index.unresolved"], report.sorted()
    assert not (out / "html" / "listperson.html").exists()
    assert sorted(p.name for p in (out / "epub").glob("*.epub")) == ["letter.epub"]
    persons = (out / "html" / "persons.html").read_text(encoding="utf-8")
    assert "Bahr" in persons and "Hermann" in persons and 'id="hbahr"' in persons
    home = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "letter.html" in home and "listperson.html" not in home


def test_a_refused_write_names_the_published_path_not_the_removed_generation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while the new edition was written named the file in the build's
    generation folder (``OUT/.edition/gen-…/html/belgium-1944.html``), a folder removed as
    the build failed: the path now is the published one, or the output's marker folder for
    the build's own manifest."""
    out = tmp_path / "site"
    real = os.fsync
    refused: list[str] = []

    def full(fd: int) -> None:
        if any(part in os.readlink(f"/proc/self/fd/{fd}") for part in refused):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", full)
    for written, told in (
        ("/html/.belgium-1944.html.", out / "html/belgium-1944.html"),
        ("/.manifest.json.", out / ".edition"),
    ):
        refused[:] = [written]
        result = CliRunner().invoke(cli, ["build", str(TEI), "--out", str(out), "--jobs", "1"])
        assert result.exit_code == 1, result.output
        assert f"{told}: error: cannot write: the disk is full" in result.output, result.output
        assert "/gen-" not in result.output


def test_a_text_built_alone_reads_the_registers_its_edition_keeps_elsewhere(
    tmp_path: Path,
) -> None:
    """Probe 45: in an edition whose registers are in `indices/` (its sources named in
    pyproject.toml), a text built alone had every name unresolved; a file of the sources
    holding lists but no register (a letter's back) is not published with it."""
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "data"\n')
    (tmp_path / "data").mkdir()
    for path in TEI.rglob("*.xml"):
        folder = "indices" if path.parent.name == "registers" else "editions/1944"
        (tmp_path / "data" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "data" / folder / path.name).write_bytes(path.read_bytes())
    other = tmp_path / "data/editions/other.xml"
    other.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>O'
        "</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>o</p></body><back><listPerson>"
        '<person xml:id="o"><persName>O</persName></person></listPerson></back></text></TEI>'
    )
    (text,) = (tmp_path / "data/editions/1944").glob("*.xml")
    report = build([text], tmp_path / "out", only=["index"])
    assert "index.unresolved-ref" not in report.by_code()
    assert "index.unused-entry" not in report.by_code()
    assert sorted(Path(f).parent.name for f in report.files) == ["1944", *["indices"] * 3]


def test_a_text_built_alone_reads_the_lists_other_texts_keep_in_their_back(
    tmp_path: Path,
) -> None:
    """Probe 45 left: a text built alone (`edition build FILE`, serve's build of one text)
    had its names of an entry another text keeps in its ``back`` unresolved, which the whole
    build resolves; that other text is still not published with it."""
    (tmp_path / "pyproject.toml").write_text('[tool.edition]\nsources = "data"\n')
    letters = tmp_path / "data" / "letters"
    letters.mkdir(parents=True)
    header = (
        "<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt><p/>"
        "</publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"
    )
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'
    (letters / "keeper.xml").write_text(
        f"{tei}{header.format('Keeper')}<text><body><p>k</p></body><back><listPerson>"
        '<person xml:id="olga"><persName>Olga Keeper</persName></person></listPerson>'
        "</back></text></TEI>"
    )
    text = letters / "letter.xml"
    text.write_text(
        f"{tei}{header.format('Letter')}<text><body><p>Dear "
        '<persName ref="#olga">Olga</persName>.</p></body></text></TEI>'
    )
    whole = build([tmp_path / "data"], tmp_path / "whole", only=["index", "html"])
    assert "index.unresolved-ref" not in whole.by_code(), whole.sorted()
    alone = build([text], tmp_path / "alone", only=["index", "html"])
    assert "index.unresolved-ref" not in alone.by_code(), alone.sorted()
    assert "index.unused-entry" not in alone.by_code()
    assert [Path(f).name for f in alone.files] == ["letter.xml"]
    persons = (tmp_path / "alone" / "html" / "persons.html").read_text(encoding="utf-8")
    assert "Olga Keeper" in persons and "letter.html" in persons
    assert not (tmp_path / "alone" / "html" / "keeper.html").exists()


def test_a_build_never_reads_what_a_build_published(tmp_path: Path) -> None:
    """Probe 101: `edition build t/texts --out t/registers` was let through (the register
    folder read beside the texts), and its next build read the output, working area
    included, as registers (4, 9, 23 files); `edition build e/a.xml --out e/out`, then
    `edition build e`, published e/out's pages and exports as texts. An --out in a register
    folder the build reads is refused, and a folder a build publishes into is no source."""
    from pipeline.build import check_out
    from pipeline.errors import OptionError

    tei = tmp_path / "t"
    (tei / "texts").mkdir(parents=True)
    (tei / "registers").mkdir()
    (tei / "texts/a.xml").write_text(
        tei_text('<p><persName ref="../registers/p.xml#olga">Olga</persName></p>'), "utf-8"
    )
    (tei / "registers/p.xml").write_text(
        tei_text('<listPerson><person xml:id="olga"><persName>Olga</persName></person>'
                 "</listPerson>"), "utf-8",
    )  # fmt: skip
    for out in (tei / "registers", tei / "registers/o"):
        with pytest.raises(OptionError, match="inside the register folder"):
            check_out([tei / "texts"], out)
        with pytest.raises(OptionError, match="inside the register folder"):
            check_out([tei / "texts/a.xml"], out)
    # a file named alone may publish beside itself ...
    first = build([tei / "texts/a.xml"], tei / "texts/site", jobs=1)
    assert first.errors == 0, first.sorted()
    # ... and the folder's build passes over that output, saying so
    again = build([tei / "texts"], tmp_path / "out", jobs=1)
    assert again.errors == 0, again.sorted()
    assert [Path(f).name for f in again.files] == ["a.xml", "p.xml"], again.files
    (told,) = [d for d in again.diagnostics if d.code == "gate.output-folder"]
    assert told.path.endswith("site"), told
    assert not (tmp_path / "out/html/site-html-tei-a.html").exists()
    assert len(list((tmp_path / "out/html").glob("*.html"))) == len(
        list((tei / "texts/site/html").glob("*.html"))
    )
    # the output named itself is no source either (probe 103: its exports became texts)
    named = build([tei / "texts/site"], tmp_path / "named", jobs=1)
    assert "gate.output-folder" in named.by_code() and not (tmp_path / "named/html").exists()
    # a registers folder reached by a link is the folder it leads to (probe 103)
    linked = tmp_path / "linked"
    (linked / "texts").mkdir(parents=True)
    (linked / "registers").symlink_to(tei / "registers")
    with pytest.raises(OptionError, match="inside the register folder"):
        check_out([linked / "texts"], tei / "registers/site")


def test_an_output_inside_the_editions_sources_is_refused(tmp_path: Path) -> None:
    """Probe 73: `edition build tei/texts --out tei/out` was let through (the PATHS did not
    hold the output), and the edition's next build published its own output as texts."""
    from pipeline.build import check_out
    from pipeline.errors import OptionError

    edition = tmp_path / "ed"
    (edition / "tei/texts").mkdir(parents=True)
    (edition / "pyproject.toml").write_text('[tool.edition]\nsources = "tei"\n')
    text = edition / "tei/texts/a.xml"
    text.write_text(tei_text("<p>a</p>"), encoding="utf-8")
    for paths in ([edition / "tei/texts"], [text]):
        with pytest.raises(OptionError, match="lies inside the edition's source folder"):
            check_out(paths, edition / "tei/out")
        check_out(paths, edition / "dist")  # beside the sources: fine
    # a folder that is no edition's sources says nothing of the others around it
    loose = tmp_path / "loose"
    loose.mkdir()
    check_out([loose], tmp_path / "out")


def test_a_pipe_given_as_the_sources_is_no_file_not_missing(tmp_path: Path) -> None:
    """Probe 119: a fifo given as the sources was said not to exist, beside the gate's
    "not a file (a pipe ...)"."""
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    report = build([fifo], tmp_path / "out", jobs=1)
    (said,) = [d for d in report.diagnostics if d.code == "build.nothing-published"]
    assert "is not a file or a folder" in said.message and "does not exist" not in said.message


def test_a_schema_including_one_held_back_is_held_back_too(tmp_path: Path) -> None:
    """Probe 154 #1: a published main.rng included a part.rng.html that was held back (its
    name a page's), so the site and the zip had a grammar whose include led nowhere, and the
    warning said of part.rng.html "the download names it all the same", which only main.rng
    did. A schema including one held back, directly or through another, is held back too,
    told why; one that includes what is published is published with it, XML Schema and
    Schematron includes alike (a Schematron include may take a pattern alone)."""
    from pipeline.builders.downloads import Offered, schemas_named

    folder = tmp_path / "src" / "schema"
    folder.mkdir(parents=True)
    rng = '<grammar xmlns="http://relaxng.org/ns/structure/1.0">{}</grammar>'
    xsd = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{}</xs:schema>'
    sch = '<schema xmlns="http://purl.oclc.org/dsdl/schematron">{}</schema>'
    files = {
        "top.rng": rng.format('<include href="mid.rng"/>'),
        "mid.rng": rng.format('<include href="part.rng.html"/>'),
        "part.rng.html": rng.format(""),
        "good.rng": rng.format('<externalRef href="piece.rng"/>'),
        "piece.rng": rng.replace("grammar", "element").format("<text/>"),
        "main.xsd": xsd.format('<xs:include schemaLocation="types.xsd.html"/>'),
        "types.xsd.html": xsd.format(""),
        "rules.sch": sch.format('<include href="pattern.sch"/>'),
        "pattern.sch": '<pattern xmlns="http://purl.oclc.org/dsdl/schematron"/>',
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    source = tmp_path / "src" / "t.xml"
    source.write_text(tei_text("<p>x</p>"), encoding="utf-8")
    named = ("schema/top.rng", "schema/good.rng", "schema/main.xsd", "schema/rules.sch")
    offered = Offered("text", "t", "tei/t.xml", source, source=source, schemas=named)
    schemas, told = schemas_named([offered])
    assert [s.href for s in schemas] == [
        "tei/schema/good.rng", "tei/schema/pattern.sch", "tei/schema/piece.rng",
        "tei/schema/rules.sch",
    ]  # fmt: skip
    why = {d.message.split(" is not")[0].rsplit("/", 1)[1]: d.message for d in told}
    assert sorted(why) == ["main.xsd", "mid.rng", "part.rng.html", "top.rng", "types.xsd.html"]
    assert "it includes 'mid.rng', which is not published" in why["top.rng"]
    assert why["top.rng"].endswith("the download names it all the same")
    assert "it includes 'part.rng.html', which is not published" in why["mid.rng"]
    assert why["mid.rng"].endswith("schema/top.rng includes it")
    assert why["part.rng.html"].endswith("schema/mid.rng includes it")
    assert "does not end in .rng" in why["part.rng.html"]
    assert "it includes 'types.xsd.html'" in why["main.xsd"]
