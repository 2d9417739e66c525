"""``pipeline/files.py``: how the gate reads a source file. A named pipe or a device is
refused at once rather than waited on (probe 179: a source replaced by a pipe while a build
ran hung it for ever, whatever --timeout said)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from pipeline import files
from pipeline.gate import read_bytes
from pipeline.sources import changed_files


def test_a_regular_file_is_read_and_a_pipe_is_refused_at_once(tmp_path: Path) -> None:
    text = tmp_path / "t.xml"
    text.write_bytes(b"<r>caf\xc3\xa9</r>")
    assert files.read_regular(text) == b"<r>caf\xc3\xa9</r>"
    assert files.read(text) == b"<r>caf\xc3\xa9</r>"
    pipe = tmp_path / "p.xml"
    os.mkfifo(pipe)
    done: list[object] = []

    def read() -> None:  # in a thread: a regression hangs the test's thread, not the run
        try:
            files.read_regular(pipe)
        except OSError as exc:
            done.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    assert done and "not a regular file" in str(done[0]), done
    with pytest.raises(IsADirectoryError):
        files.read_regular(tmp_path)
    _, refused = read_bytes(pipe, 1000)
    assert refused is not None
    (d,) = refused.diagnostics
    assert d.code == "gate.unreadable" and "named pipe" in d.message, d


def test_a_source_that_became_a_pipe_is_a_changed_source(tmp_path: Path) -> None:
    from pipeline.gate import read_document
    from pipeline.sources import facts_of

    text = tmp_path / "t.xml"
    text.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>x</p></text></TEI>')
    document = read_document(text).document
    assert document is not None
    fact = facts_of(document)
    assert changed_files(fact) == []
    text.unlink()
    os.mkfifo(text)
    found: list[list[Path]] = []
    checker = threading.Thread(target=lambda: found.append(changed_files(fact)), daemon=True)
    checker.start()
    checker.join(5)
    assert found == [[text]]
