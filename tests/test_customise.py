"""The customisation layer (docs/customising.md): ``[tool.edition] xslt``, ``templates`` and
``css``. The worked examples are read out of docs/customising.md (the blocks marked
``<!-- example: PROJECT/PATH -->``) and built on a small letter with a name, a note and a
piece of code, so the documentation cannot drift from what the build does; then the
diagnostics of broken customisations, the lock-down, and the digest for the build's cache.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from lxml import etree, html
from test_epub import _epubcheck
from test_html import nu_errors

from pipeline import config, customise
from pipeline.build import build
from pipeline.cli import cli
from pipeline.diagnostics import Report
from pipeline.serve.session import ServeOptions, watch_set

DOC = ROOT / "docs" / "customising.md"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="letter" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>A letter with code</title></titleStmt>
    <publicationStmt><p>Test fixture</p></publicationStmt>
    <sourceDesc><p>Written for the customisation tests.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div>
    <head>The letter</head>
    <p>Dear <persName ref="#ada">Ada</persName>, the program <code lang="python">print(1)</code>
      ran at last.<note place="foot">It ran on the second try.</note> Yours, <persName
      ref="#charles">Charles</persName>.</p>
    <eTree><label>S</label><eLeaf><label>NP</label></eLeaf><eLeaf><label>VP</label></eLeaf></eTree>
  </div></body></text>
</TEI>
"""
REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>
    <publicationStmt><p>Test fixture</p></publicationStmt>
    <sourceDesc><p>Written for the customisation tests.</p></sourceDesc></fileDesc></teiHeader>
  <standOff><listPerson>
    <person xml:id="ada"><persName>Ada Lovelace</persName></person>
    <person xml:id="charles"><persName>Charles Babbage</persName></person>
  </listPerson></standOff>
</TEI>
"""


def examples() -> dict[str, dict[str, str]]:
    """The example projects of docs/customising.md: name -> {path: text}."""
    found: dict[str, dict[str, str]] = {}
    pattern = re.compile(r"<!-- example: ([\w-]+)/(\S+) -->\n```\w*\n(.*?)\n```", re.DOTALL)
    for name, path, text in pattern.findall(DOC.read_text(encoding="utf-8")):
        found.setdefault(name, {})[path] = text + "\n"
    return found


def project(folder: Path, files: dict[str, str]) -> Path:
    """An edition in ``folder``: the letter, the register and ``files``."""
    (folder / "tei" / "texts").mkdir(parents=True)
    (folder / "tei" / "registers").mkdir(parents=True)
    (folder / "tei" / "texts" / "letter.xml").write_text(LETTER, encoding="utf-8")
    (folder / "tei" / "registers" / "persons.xml").write_text(REGISTER, encoding="utf-8")
    files = {"pyproject.toml": '[tool.edition]\nsources = "tei"\n', **files}
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


@dataclass
class Built:
    out: Path
    report: Report

    def page(self, name: str = "letter.html") -> html.HtmlElement:
        return html.document_fromstring((self.out / "html" / name).read_text(encoding="utf-8"))

    def book(self, href: str = "text-001.xhtml") -> etree._Element:
        with zipfile.ZipFile(self.out / "epub" / "letter.epub") as archive:
            return etree.fromstring(archive.read(f"OEBPS/{href}"))

    def book_files(self) -> list[str]:
        with zipfile.ZipFile(self.out / "epub" / "letter.epub") as archive:
            return archive.namelist()


def build_project(folder: Path, out: Path) -> Built:
    settings = config.load(folder)
    report = build([settings.sources], out, jobs=1, customisation=customise.load(settings))
    errors = [d for d in report.diagnostics if d.severity.value == "error"]
    assert errors == [], errors
    return Built(out, report)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each example of the documentation, built; and the letter without customisation."""
    found = {"plain": build_project(project(tmp_path_factory.mktemp("plain"), {}),
                                    tmp_path_factory.mktemp("plain-out"))}  # fmt: skip
    for name, files in examples().items():
        folder = project(tmp_path_factory.mktemp(name), files)
        found[name] = build_project(folder, tmp_path_factory.mktemp(f"{name}-out"))
    return found


def test_the_documentation_has_its_examples() -> None:
    assert set(examples()) == {"new-element", "page-header", "note-style", "person-names"}


# -- the worked examples ---------------------------------------------------------------------


def test_a_new_element_renders_in_pages_and_books(built: dict[str, Built]) -> None:
    plain, custom = built["plain"], built["new-element"]
    assert any(d.code == "html.unknown-element" for d in plain.report.diagnostics)
    assert not any(d.code == "html.unknown-element" for d in custom.report.diagnostics)
    tree = [
        (ul.get("class"), [li.text for li in ul.iter("li")])
        for ul in custom.page().xpath("//ul[@class='tree']")
    ]
    assert tree == [("tree", ["S", "NP", "VP"])]  # the root's label, its leaves below it
    in_book = custom.book().xpath("//h:ul[@class='tree']/h:li/h:ul/h:li", namespaces=XHTML)
    assert ["".join(li.itertext()) for li in in_book] == ["NP", "VP"]
    assert not plain.page().xpath("//ul[@class='tree']")


def test_a_new_page_header_on_every_web_page_and_not_in_books(built: dict[str, Built]) -> None:
    custom = built["page-header"]
    pages = sorted(p.name for p in (custom.out / "html").glob("*.html"))
    assert {"letter.html", "index.html", "about.html", "persons.html"} <= set(pages)
    for name in pages:
        page = custom.page(name)
        banner = page.xpath("//header[contains(@class, 'banner')]")
        assert len(banner) == 1, name
        assert "Letters and reports of the resistance" in banner[0].text_content()
        assert banner[0].xpath(".//nav[@class='site-nav']//a[@href='about.html']"), name
        links = [link.get("href") for link in page.xpath("//head/link[@rel='stylesheet']")]
        assert links == ["assets/edition.css", "assets/reader.css", "assets/banner.css"], name
    assert (custom.out / "html" / "assets" / "banner.css").is_file()
    # the book: no banner, but the edition's CSS packaged and linked after ours
    assert "OEBPS/banner.css" in custom.book_files()
    for href in ("title.xhtml", "text-001.xhtml", "nav.xhtml"):
        doc = custom.book(href)
        assert not doc.xpath("//*[contains(@class, 'banner')]")
        links = doc.xpath("//h:link[@rel='stylesheet']/@href", namespaces=XHTML)
        assert links == ["book.css", "banner.css"], href


def test_notes_in_the_margin_on_the_web_only(built: dict[str, Built]) -> None:
    plain, custom = built["plain"], built["note-style"]
    assert plain.page().xpath("//button[@class='noteref']")
    page = custom.page()
    assert not page.xpath("//button[@class='noteref']")
    assert not page.xpath("//*[contains(@class, 'notes')]//li")
    margin = page.xpath("//*[contains(@class, 'margin-note')]")
    assert [" ".join(m.text_content().split()) for m in margin] == ["It ran on the second try."]
    # the book keeps its footnote, called from the text
    refs = custom.book().xpath("//h:a[@class]", namespaces=XHTML)
    assert any(a.get(EPUB_TYPE) == "noteref" for a in refs)


def test_a_persname_override_changes_the_page_and_the_book(built: dict[str, Built]) -> None:
    plain, custom = built["plain"], built["person-names"]
    assert not plain.page().xpath("//*[@class='person-name']")
    names = custom.page().xpath("//article//span[@class='person-name']")
    assert [n.xpath("string(a)") for n in names] == ["Ada", "Charles"]
    # ours still runs inside: the link to the index entry
    assert names[0].xpath("a/@href") == ["persons.html#ada"]
    in_book = custom.book().xpath("//h:span[@class='person-name']", namespaces=XHTML)
    assert [" ".join("".join(n.itertext()).split()) for n in in_book] == ["Ada", "Charles"]
    assert in_book[0].xpath("h:a/@href", namespaces=XHTML) == ["index.xhtml#ada"]


@pytest.mark.slow
def test_customised_books_pass_epubcheck(built: dict[str, Built]) -> None:
    for name in ("page-header", "person-names", "new-element"):
        _epubcheck(built[name].out / "epub" / "letter.epub")


@pytest.mark.slow
def test_customised_pages_pass_the_nu_checker(built: dict[str, Built]) -> None:
    pages = [
        built[name].out / "html" / page
        for name in ("page-header", "note-style", "person-names", "new-element")
        for page in ("letter.html", "index.html", "persons.html")
    ]
    assert nu_errors(pages) == []


# -- what goes wrong -------------------------------------------------------------------------

GOOD = examples()["person-names"]["xslt/custom.xsl"]


def run_cli(folder: Path, *args: str) -> tuple[int, str]:
    with contextlib.chdir(folder):
        result = CliRunner().invoke(cli, ["build", "--out", str(folder / "out"), "-j", "1", *args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.output


def custom_project(tmp_path: Path, stylesheet: str, **more: str) -> Path:
    files = {
        "pyproject.toml": '[tool.edition]\nsources = "tei"\nxslt = "xslt/custom.xsl"\n',
        "xslt/custom.xsl": stylesheet,
        **more,
    }
    return project(tmp_path, files)


def test_a_missing_stylesheet_is_a_usage_error(tmp_path: Path) -> None:
    folder = project(
        tmp_path, {"pyproject.toml": '[tool.edition]\nsources = "tei"\nxslt = "nope.xsl"\n'}
    )
    status, output = run_cli(folder)
    assert status == 2
    assert "[tool.edition] xslt: nope.xsl does not exist" in output


def test_a_compile_error_names_the_file_line_and_saxon_message(tmp_path: Path) -> None:
    broken = GOOD.replace('<span class="person-name">', '<span class="{r:nope(.)}">')
    folder = custom_project(tmp_path, broken)
    status, output = run_cli(folder)
    assert status == 1
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "r:nope" in text)
    found = re.search(rf"^xslt/custom\.xsl:{line}:\d+: error: (.*) \[custom\.xslt\]$", output, re.M)
    assert found, output
    assert "XPST0017" in found.group(1) and "nope" in found.group(1)
    assert "compiled over" in found.group(1)
    assert "html/page" in found.group(1) and "epub/book" in found.group(1)
    assert "[build.nothing-published]" in output
    assert "Traceback" not in output and "internal error" not in output
    assert not (folder / "out" / "html").exists()


def test_not_well_formed(tmp_path: Path) -> None:
    folder = custom_project(tmp_path, GOOD.replace("</xsl:stylesheet>", ""))
    status, output = run_cli(folder)
    assert status == 1
    assert re.search(r"^xslt/custom\.xsl:\d+:\d+: error: not well-formed XML: ", output, re.M)


@pytest.mark.parametrize(
    ("href", "why"),
    [
        ("https://example.org/x.xsl", "its own files by relative path"),
        ("/etc/x.xsl", "is an absolute path"),
        ("../outside.xsl", "leaves the customisation's folder"),
        ("missing.xsl", "no such file"),
        ("edition:html/page.xsl", "unknown 'edition:html/page.xsl'"),
    ],
)
def test_imports_the_lock_down_refuses(tmp_path: Path, href: str, why: str) -> None:
    stylesheet = GOOD.replace(
        '<xsl:import href="edition:render.xsl"/>',
        f'<xsl:import href="edition:render.xsl"/>\n  <xsl:include href="{href}"/>',
    )
    (tmp_path / "outside.xsl").write_text(GOOD)
    folder = custom_project(tmp_path, stylesheet)
    status, output = run_cli(folder)
    assert status == 1
    line = next(n for n, text in enumerate(stylesheet.splitlines(), 1) if "xsl:include" in text)
    expected = rf"^xslt/custom\.xsl:{line}: error: .*{re.escape(why)}.* \[custom\.import\]$"
    assert re.search(expected, output, re.M), output


def test_the_rendering_must_be_imported_once(tmp_path: Path) -> None:
    folder = custom_project(tmp_path, GOOD.replace('<xsl:import href="edition:render.xsl"/>', ""))
    status, output = run_cli(folder)
    assert status == 1
    assert "does not import the edition's rendering" in output


def test_a_static_expression_may_not_read(tmp_path: Path) -> None:
    stylesheet = GOOD.replace(
        "<xsl:template",
        '<xsl:variable name="v" static="yes" select="unparsed-text(\'/etc/hostname\')"/>\n'
        "  <xsl:template",
        1,
    )
    status, output = run_cli(custom_project(tmp_path, stylesheet))
    assert status == 1
    assert "unparsed-text() in a static expression" in output
    assert "[custom.static-read]" in output


@pytest.mark.parametrize(
    ("declaration", "said"),
    [
        (
            '<xsl:template match="/"><html/></xsl:template>',
            'a template for the document (match="/")',
        ),
        ('<xsl:template match="/ | x" mode="#all"><html/></xsl:template>', "a template for the"),
        ('<xsl:template match="document-node()"><p/></xsl:template>', "a template for the"),
        ('<xsl:output method="text"/>', "xsl:output"),
        ('<xsl:mode on-no-match="shallow-skip"/>', "an unnamed xsl:mode"),
        ('<xsl:template name="xsl:initial-template"><p/></xsl:template>', "xsl:initial-template"),
    ],
)
def test_what_the_entry_stylesheets_own_is_refused(
    tmp_path: Path, declaration: str, said: str
) -> None:
    """Probe 71: a template for "/" published every page as an empty <html>, an xsl:output
    of text the home page as text and no index pages; both compiled. They are refused before
    anything is built, and the published edition stays."""
    stylesheet = GOOD.replace("<xsl:template", declaration + "\n  <xsl:template", 1)
    folder = custom_project(tmp_path, stylesheet)
    (folder / "out/html").mkdir(parents=True)
    (folder / "out/html/index.html").write_text("last good", encoding="utf-8")
    status, output = run_cli(folder)
    assert status == 1
    line = next(n for n, text in enumerate(stylesheet.splitlines(), 1) if declaration in text)
    found = re.search(rf"^xslt/custom\.xsl:{line}: error: (.*) \[custom\.entry\]$", output, re.M)
    assert found and said in found.group(1), output
    assert (folder / "out/html/index.html").read_text(encoding="utf-8") == "last good"


def test_templates_of_other_modes_for_the_document_are_allowed(tmp_path: Path) -> None:
    stylesheet = GOOD.replace(
        "<xsl:template",
        '<xsl:template match="/" mode="mine"><p/></xsl:template>\n'
        '  <xsl:template match="node()" mode="other"><p/></xsl:template>\n  <xsl:template',
        1,
    )
    status, output = run_cli(custom_project(tmp_path, stylesheet), "--only", "html")
    assert status == 0, output
    assert "custom.entry" not in output


def test_a_customisation_reads_and_writes_nothing_when_it_runs(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    written = tmp_path / "written.txt"
    stylesheet = GOOD.replace(
        '<span class="person-name"><xsl:next-match/></span>',
        f"""<span class="person-name"><xsl:try>
      <xsl:value-of select="unparsed-text('{secret.as_uri()}')"/>
      <xsl:catch select="'blocked'"/></xsl:try>
      <xsl:value-of select="doc-available('{secret.as_uri()}')"/>
      <xsl:try><xsl:result-document href="{written.as_uri()}" method="text">x</xsl:result-document>
      <xsl:catch/></xsl:try>
      <xsl:next-match/></span>""",
    )
    folder = custom_project(tmp_path / "edition", stylesheet)
    result = build_project(folder, tmp_path / "out")
    page = result.page()
    names = [" ".join(s.text_content().split()) for s in page.xpath("//span[@class='person-name']")]
    assert [n[: len("blockedfalseAda")] for n in names] == ["blockedfalseAda", "blockedfalseCha"]
    assert "SECRET" not in (tmp_path / "out" / "html" / "letter.html").read_text()
    assert not written.exists()


def test_result_elements_in_no_namespace_are_reported(tmp_path: Path) -> None:
    stylesheet = GOOD.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    folder = custom_project(tmp_path, stylesheet)
    report = build([folder / "tei"], tmp_path / "out", jobs=1,
                   customisation=customise.load(config.load(folder)))  # fmt: skip
    found = [d for d in report.diagnostics if d.code == "custom.namespace"]
    assert (
        len(found) == 1
        and found[0].line
        == GOOD.splitlines().index('    <span class="person-name"><xsl:next-match/></span>') + 1
    )


def test_css_pointing_at_other_files_is_reported(tmp_path: Path) -> None:
    folder = project(
        tmp_path,
        {
            "pyproject.toml": '[tool.edition]\nsources = "tei"\ncss = ["site.css"]\n',
            "site.css": "body { color: navy; }\nh1 { background: url(paper.png); }\n",
        },
    )
    custom = customise.load(config.load(folder))
    assert custom is not None
    assert [(d.code, d.line) for d in custom.problems] == [("custom.css", 2)]


@pytest.mark.parametrize(
    "css",
    ['["edition.css"]', '["a/x.css", "b/x.css"]', '["notes.txt"]', '"missing.css"', "[1]"],
)
def test_css_names_that_cannot_be_used(tmp_path: Path, css: str) -> None:
    files = {
        "pyproject.toml": f'[tool.edition]\nsources = "tei"\ncss = {css}\n',
        "edition.css": "",
        "a/x.css": "",
        "b/x.css": "",
        "notes.txt": "",
    }
    status, output = run_cli(project(tmp_path, files))
    assert status == 2, output


# -- the digest for the build's cache --------------------------------------------------------


def test_the_digest_follows_every_file_of_the_customisation(tmp_path: Path) -> None:
    stylesheet = GOOD.replace(
        '<xsl:import href="edition:render.xsl"/>',
        '<xsl:import href="edition:render.xsl"/>\n  <xsl:include href="parts/more.xsl"/>',
    )
    more = '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>\n'
    folder = custom_project(
        tmp_path, stylesheet, **{"xslt/parts/more.xsl": more, "site.css": "p { margin: 0 }\n"}
    )
    toml = folder / "pyproject.toml"
    toml.write_text(toml.read_text() + 'css = ["site.css"]\n')
    settings = config.load(folder)
    first = customise.customisation_digest(settings)
    assert first == customise.customisation_digest(config.load(folder))
    custom = customise.load(settings)
    assert custom is not None and custom.problems == ()
    assert {p.name for p in custom.files} == {"custom.xsl", "more.xsl", "site.css"}
    (folder / "xslt" / "parts" / "more.xsl").write_text(more.replace("/>", "></xsl:stylesheet>"))
    second = customise.customisation_digest(settings)
    assert second != first
    (folder / "site.css").write_text("p { margin: 1px }\n")
    assert customise.customisation_digest(settings) not in (first, second)
    empty = config.load(project(tmp_path / "plain", {}))
    assert customise.customisation_digest(empty) == customise.customisation_digest(empty)


def test_serve_watches_the_customisation(tmp_path: Path) -> None:
    folder = custom_project(tmp_path, GOOD)
    custom = customise.load(config.load(folder))
    assert custom is not None
    from pipeline.check import CheckOptions

    options = ServeOptions(
        (folder / "tei",), tmp_path / "out", CheckOptions(), customisation=custom
    )
    assert (folder / "xslt" / "custom.xsl").resolve() in {
        p.resolve() for p in watch_set(options).files
    }
