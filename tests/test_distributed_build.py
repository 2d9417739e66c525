"""`edition build --scheduler`: the build's passes on a Dask LocalCluster
(pipeline/distributed_build.py) publish the bytes a local build publishes, from shipped bytes
alone, and lose no text when a worker dies."""

from __future__ import annotations

import shutil
import socket
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SHARED, require_module

from pipeline.build import build
from pipeline.cli import cli
from pipeline.diagnostics import Report
from pipeline.sources import ReadOptions, read_facts

require_module("distributed")  # the optional extra edition[dask]

SAMPLES = SHARED / "corpora" / "tei-samples"
TEI = "http://www.tei-c.org/ns/1.0"


def _png() -> bytes:
    """A real 1x1 PNG (a page image the EPUB can carry)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _corpus(folder: Path) -> Path:
    """The seed edition, an XInclude corpus, a text with a page image, a broken file."""
    shutil.copytree(ROOT / "tei", folder / "seed")
    shutil.copytree(SAMPLES / "xinclude", folder / "xinclude")
    letters = folder / "letters"
    (letters / "img").mkdir(parents=True)
    (letters / "img" / "f1.png").write_bytes(_png())
    (letters / "l1.xml").write_text(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>Letter one</title>'
        "</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        "</sourceDesc></fileDesc></teiHeader><facsimile><surface><graphic url='img/f1.png'/>"
        "</surface></facsimile><text><body><p>Dear friend, <graphic url='img/f1.png'/> and "
        "<graphic url='img/none.png'/>.</p></body></text></TEI>\n"
    )
    (folder / "broken.xml").write_text(f'<TEI xmlns="{TEI}"><p>never closed</TEI>\n')
    # files the build reads as texts only once reshaped (probe 83: a worker summed them up
    # as written, and the cluster published none of them, exit 0)
    header = (
        "<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt><p>x"
        "</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
    )
    shapes = folder / "shapes"
    shapes.mkdir()
    (shapes / "corpus.xml").write_text(
        f'<teiCorpus xmlns="{TEI}">{header.format("Corpus")}'
        + "".join(
            f"<TEI>{header.format(f'Member {n}')}<text><body><p>member {n}</p></body></text></TEI>"
            for n in "ab"
        )
        + "</teiCorpus>\n"
    )
    (shapes / "p4.xml").write_text(
        f'<TEI.2 id="p4">{header.format("P4 text")}<text><body><p id="x1">P4 body</p></body>'
        "</text></TEI.2>\n"
    )
    (shapes / "bare.xml").write_text(
        f"<TEI>{header.format('No namespace')}<text><body><p>bare</p></body></text></TEI>\n"
    )
    return folder


def _files(out: Path) -> dict[str, bytes]:
    """The published files (the output folder's own bookkeeping left out)."""
    found = {}
    for name in ("html", "epub", "index"):  # links into the current generation
        top = out / name
        if top.exists():
            found.update(
                {
                    f"{name}/{p.relative_to(top.resolve()).as_posix()}": p.read_bytes()
                    for p in sorted(top.resolve().rglob("*"))
                    if p.is_file()
                }
            )
    return found


def _lines(report: Report) -> list[str]:
    return [str(d) for d in report.sorted()]


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_a_local_cluster_publishes_what_the_local_pool_publishes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    local = build([corpus], tmp_path / "local", jobs=2, epub_facsimiles=True)
    dask = build([corpus], tmp_path / "dask", scheduler="local:2", epub_facsimiles=True)
    assert _lines(dask) == _lines(local)
    assert local.errors == 1  # the broken file, alone
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    published = _files(tmp_path / "local")
    assert "html/img/f1.png" in published  # the image was shipped, found and published
    assert any(name.startswith("html/") and "xinclude" not in name for name in published)
    assert {"html/corpus.html", "html/p4.html", "html/bare.html"} <= published.keys()


def test_an_incremental_build_on_the_cluster_equals_a_clean_local_build(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "dask"
    build([corpus], out, scheduler="local:2")
    letter = corpus / "letters" / "l1.xml"
    letter.write_text(letter.read_text().replace("Dear friend", "Dear colleague"))
    (corpus / "broken.xml").write_text(f'<TEI xmlns="{TEI}"><text><body><p>now fine</p>'
                                       "</body></text></TEI>\n")  # fmt: skip
    again = build([corpus], out, scheduler="local:2")
    clean = build([corpus], tmp_path / "clean", jobs=1, clean=True)
    assert [d for d in _lines(again) if "build.full" not in d] == _lines(clean)
    assert _files(out) == _files(tmp_path / "clean")
    assert b"Dear colleague" in _files(out)["html/l1.html"]


def test_a_text_the_gate_refuses_is_built_from_its_published_copy(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "dask"
    build([corpus], out, scheduler="local:2")
    letter = corpus / "letters" / "l1.xml"
    letter.write_text(letter.read_text()[:-20])  # cut short: not well-formed any more
    report = build([corpus], out, scheduler="local:2")
    codes = {d.code for d in report.diagnostics if d.path.endswith("l1.xml")}
    assert {"gate.not-well-formed", "build.kept-last-good"} <= codes
    assert b"Dear friend" in (out / "html" / "l1.html").read_bytes()


def test_workers_need_no_copy_of_the_corpus(tmp_path: Path) -> None:
    """Both passes run from the shipments alone: the corpus is gone when the workers run."""
    from pipeline.distributed_build import (
        SourceShipment,
        _ship_text,
        read_shipment,
        render_shipment,
    )
    from pipeline.texts import TextJob

    corpus = _corpus(tmp_path / "corpus")
    letter = corpus / "letters" / "l1.xml"
    facts = read_facts(letter, ReadOptions())
    assert facts.images == (str((corpus / "letters" / "img" / "f1.png").resolve()),
                            str((corpus / "letters" / "img" / "none.png").resolve()))  # fmt: skip
    source = SourceShipment(letter, "l1.xml", letter.read_bytes(), {}, str(tmp_path), 1 << 24, None)
    job = TextJob("<ed:lists xmlns:ed='urn:x'/>", frozenset({"html"}), {}, tmp_path / "g",
                  __import__("datetime").datetime(2024, 1, 1))  # fmt: skip
    text = _ship_text(facts, job, job, str(tmp_path))
    shutil.rmtree(corpus)
    read = read_shipment(source)
    assert read.facts is not None and read.facts.kind == "text"
    rendered = render_shipment(text)
    assert rendered.result.page, rendered.result.diagnostics
    assert {i.relative for i in rendered.result.images} == {"img/f1.png"}
    codes = [d.code for d in rendered.result.diagnostics]
    assert codes.count("html.image-missing") == 1  # none.png, which never existed
    # every file the text's task wrote goes back: its page, and what else it makes (citations)
    assert "html/l1.html" in rendered.written
    assert all(name.startswith("html/") for name in rendered.written)


def test_a_worker_killed_mid_build_loses_no_text(tmp_path: Path) -> None:
    import dask
    import distributed  # noqa: F401

    # distributed's defaults must be in dask's config before a setting below them is made:
    # else the setting creates the "distributed" section, and leaving it removes the whole
    # section (defaults included) for the rest of this process ("KeyError: 'comm'").

    corpus = _corpus(tmp_path / "corpus")
    marker = tmp_path / "killed-once"
    script = tmp_path / "killer.py"
    script.write_text(
        "import os, signal\n"
        "from pathlib import Path\n"
        "import pipeline.distributed_build as remote\n"
        "real = getattr(remote.render_text, 'real', remote.render_text)\n"
        "def render_text(fact, job):\n"
        "    if fact.path.name == 'l1.xml':\n"
        f"        marker = Path({str(marker)!r})\n"
        "        if not marker.exists():\n"
        "            marker.touch()\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(fact, job)\n"
        "render_text.real = real\n"
        "remote.render_text = render_text\n"
    )
    local = build([corpus], tmp_path / "local", jobs=1)
    with dask.config.set({"distributed.worker.preload": [str(script)]}):
        dask_report = build([corpus], tmp_path / "dask", scheduler="local:2")
    assert marker.exists()
    assert _lines(dask_report) == _lines(local)
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_an_unreachable_scheduler_stops_the_build_with_one_error(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"><text><body><p>a</p></body></text></TEI>')
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(path), "--out", str(out), "--scheduler", f"tcp://127.0.0.1:{port}"]
    )
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
    # nothing made of OUT: not even its .edition folder and lock (probe 55), nor a usage line
    assert not out.exists()
    assert "Usage" not in result.output


def test_a_local_build_imports_nothing_of_dask(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"><text><body><p>a</p></body></text></TEI>')
    code = (
        "import sys\nfrom pipeline.build import build\n"
        f"build([__import__('pathlib').Path({str(path)!r})], "
        f"__import__('pathlib').Path({str(tmp_path / 'out')!r}), only=['index'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    env = {k: v for k, v in os.environ.items() if k != "EDITION_SCHEDULER"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.stdout.strip().splitlines()[-1:] == ["[]"], done.stderr[-2000:]


def test_a_distributed_build_stops_on_sigterm_and_publishes_nothing(tmp_path: Path) -> None:
    """SIGTERM while the cluster renders: exit 143, one line, no worker left, no output."""
    import os
    import signal
    import subprocess
    import sys
    import time

    novels = sorted((SHARED / "corpora" / "eltec-eng").glob("*.xml"))[:12]
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline.cli", "build", *map(str, novels), "--out",
               str(out), "--scheduler", "local:2"]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True
    )
    time.sleep(6)
    process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    if process.returncode in (0, 1):
        pytest.skip("the build finished before the signal (a fast machine)")
    if process.returncode == -signal.SIGTERM:
        # the signal came while Python was still importing (a loaded machine): nothing started
        assert not (out / "html").exists()
        return
    assert process.returncode == 143, err.decode()[-2000:]
    assert b"Traceback" not in err
    assert b"nothing was published" in err
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True)
    assert left.stdout.strip() == "", "worker processes outlived the run"
    assert not (out / "html").exists()


def test_a_local_cluster_leaves_no_scratch_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 83: a --scheduler local:N run left /tmp/dask-scratch-space/ (the workers' lock
    files) behind, a write outside --out; the run's own scratch folder goes with it."""
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.xml").write_text(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>A</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
        "</fileDesc></teiHeader><text><body><p>A.</p></body></text></TEI>\n"
    )
    report = build([corpus], tmp_path / "out", scheduler="local:2", only=["index"])
    assert report.errors == 0, report.sorted()
    assert sorted(p.name for p in scratch.iterdir()) == []
