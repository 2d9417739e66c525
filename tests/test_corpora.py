"""Real corpora in, nothing lost (issue 9): ``edition build`` over each folder of
../shared/corpora/tei-samples/ (letters, apparatus, manuscripts, facsimiles, right-to-left
scripts, drama, verse, an XInclude project), TEI nobody on this project wrote.

Each build exits 0 or 1, never with an internal error, and every text that has a ``text``
element, or a ``sourceDoc`` (a documentary transcription), gets its HTML page and its EPUB
book.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SHARED

from pipeline.cli import cli
from pipeline.gate import TEI_NS, read_document

SAMPLES = SHARED / "corpora" / "tei-samples"
FOLDERS = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()) if SAMPLES.is_dir() else []


def texts(folder: Path) -> list[Path]:
    """The files of ``folder`` that the gate reads and that have a ``text`` or ``sourceDoc``
    element."""
    found = []
    for path in sorted(folder.rglob("*.xml")):
        doc = read_document(path, root=folder).document
        if doc is not None and any(
            doc.root.find(f"{{{TEI_NS}}}{name}") is not None for name in ("text", "sourceDoc")
        ):
            found.append(path)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", FOLDERS)
def test_every_text_of_a_real_corpus_is_published(name: str, tmp_path: Path) -> None:
    folder = SAMPLES / name
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp_path), "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert "internal error" not in result.output
    found = texts(folder)
    for source in found:
        assert (tmp_path / "html" / f"{source.stem}.html").is_file(), source
        assert (tmp_path / "epub" / f"{source.stem}.epub").is_file(), source
    if found:
        assert (tmp_path / "html" / "index.html").is_file()
        assert (tmp_path / "index" / "entities.json").is_file()
    else:  # nothing to publish: nothing is published, and the run says so
        assert "[build.nothing-published]" in result.output


def test_the_xinclude_drivers_are_texts() -> None:
    """The two drivers of the XInclude sample hold only a sourceDoc: both are texts."""
    folder = SAMPLES / "xinclude"
    if not folder.is_dir():
        pytest.skip("../shared/corpora/tei-samples/xinclude is missing")
    assert [p.name for p in texts(folder)] == ["hu-hm_2177.xml", "hu-to_william.xml"]


def test_the_shared_corpus_is_there() -> None:
    if not FOLDERS:
        pytest.skip("../shared/corpora/tei-samples is missing")
    assert {"letters", "rtl", "verse", "xinclude"} <= set(FOLDERS)
