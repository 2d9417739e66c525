"""The encoding guide published with the site: Markdown to a page in the shell, linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.build import build
from pipeline.builders.guide import guide_fragment
from pipeline.cli import cli

ROOT = Path(__file__).resolve().parents[1]
TEI = ROOT / "tei"
GUIDE = ROOT / "docs" / "encoding-guide.md"


def test_fragment_is_one_article_with_code_blocks(tmp_path: Path) -> None:
    source = tmp_path / "g.md"
    source.write_text(
        "# Guide\n\n- item:\n\n  ```xml\n  <p>x</p>\n  ```\n\n<script>alert(1)</script>\n"
    )
    fragment = guide_fragment(source)
    assert fragment.startswith('<article class="guide">')
    assert "<pre><code" in fragment and "&lt;p&gt;x&lt;/p&gt;" in fragment
    # raw tags in the text are shown as text, never passed through as markup
    assert "<script>" not in fragment and "&lt;script&gt;" in fragment


def test_an_address_that_runs_a_script_loses_its_link(tmp_path: Path) -> None:
    """Probe 129: a Markdown link or image whose address runs a script (javascript:, a
    scheme in mixed case, a reference definition, data:, vbscript:) was published live on
    the home page and the guide. Each keeps its words, without the address; a web link
    stays."""
    source = tmp_path / "g.md"
    source.write_text(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c][r] [d](data:text/html;base64,"
        "PHNjcmlwdD4=) [e](vbscript:msgbox) ![f](javascript:x) [ok](https://example.org/)\n\n"
        "[r]: javascript:alert('refdef')\n"
    )
    fragment = guide_fragment(source)
    assert "script:" not in fragment.lower() and "data:" not in fragment, fragment
    assert all(f">{w}</a>" in fragment for w in "abcde"), fragment
    assert 'href="https://example.org/"' in fragment
    # an inline raster picture stays; an SVG, which may carry script, does not (probe 131)
    source.write_text("![p](data:image/png;base64,iVBORw0KGgo=) ![s](data:image/svg+xml;base64,"
                      "PHN2Zz4=)\n")  # fmt: skip
    fragment = guide_fragment(source)
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in fragment, fragment
    assert "svg+xml" not in fragment


def test_built_site_has_the_guide_linked_from_about(tmp_path: Path) -> None:
    report = build([TEI], tmp_path, only=["html"], guide=GUIDE)
    assert report.errors == 0
    page = (tmp_path / "html" / "guide.html").read_text(encoding="utf-8")
    assert "<title>" in page and "Encoding guide" in page
    assert "<script>alert" not in page
    assert 'href="guide.html"' in (tmp_path / "html" / "about.html").read_text(encoding="utf-8")


def test_no_guide_no_page(tmp_path: Path) -> None:
    build([TEI], tmp_path, only=["html"])
    assert not (tmp_path / "html" / "guide.html").exists()


def test_cli_uses_the_configured_guide_only_for_the_configured_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "corpus"
    elsewhere.mkdir()
    text = ROOT / "tei" / "texts" / "belgium-1944.xml"
    (elsewhere / "belgium-1944.xml").write_bytes(text.read_bytes())
    runner = CliRunner()
    monkeypatch.chdir(ROOT)
    runner.invoke(cli, ["build", "--out", str(tmp_path / "a"), "--only", "html"])
    runner.invoke(cli, ["build", "tei/texts", "--out", str(tmp_path / "b"), "--only", "html"])
    runner.invoke(cli, ["build", str(elsewhere), "--out", str(tmp_path / "c"), "--only", "html"])
    assert (tmp_path / "a" / "html" / "guide.html").exists()
    assert (tmp_path / "b" / "html" / "guide.html").exists()
    assert not (tmp_path / "c" / "html" / "guide.html").exists()


def test_guide_page_is_valid_html(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    from conftest import missing

    modules = Path(os.environ.get("EDITION_NODE_MODULES") or ROOT / "node_modules")
    jar = modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    java = shutil.which("java")
    if not jar.is_file() or java is None:
        missing("the Nu HTML checker (vnu-jar from npm) or Java")
    build([TEI], tmp_path, only=["html"], guide=GUIDE)
    pages = [str(tmp_path / "html" / "guide.html"), str(tmp_path / "html" / "about.html")]
    result = subprocess.run(
        [str(java), "-jar", str(jar), "--errors-only", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
