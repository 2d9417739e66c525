"""Fuzzing (issue 14): whatever the bytes, ``check`` and ``build`` never raise, never run past
the time limit and exit 0, 1 or 2.

Three layers: properties of the gate and the per-file checks over generated input
(Hypothesis); a seeded run of mutated real files through the CLI (tests/mutations.py, the
quick version of ``make fuzz``); and every file ``make fuzz`` ever found, replayed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from fuzz import fuzz, run_commands
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.check import CheckOptions, check_file
from pipeline.gate import parse_bytes

REGRESSIONS = sorted((ROOT / "tests" / "data" / "fuzz").glob("*.xml"))
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI must not be flaky
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

NAMES = st.sampled_from(
    ["TEI", "teiHeader", "text", "body", "div", "p", "persName", "l", "lg", "note", "pb",
     "xi:include", "hi", "choice", "app", "lem", "rdg", "sp", "speaker", "x:y", "a b"]
)  # fmt: skip
ATTRS = st.dictionaries(
    st.sampled_from(["xml:id", "ref", "n", "target", "who", "rend", "xml:lang", "href", "x"]),
    st.text(max_size=12),
    max_size=3,
)


@st.composite
def xmlish(draw: st.DrawFn, depth: int = 0) -> str:
    """Text shaped like TEI, often broken: random names, attributes, nesting and text."""
    name = draw(NAMES)
    attrs = "".join(f' {k}="{v.replace(chr(34), "&quot;")}"' for k, v in draw(ATTRS).items())
    children = (
        draw(st.lists(st.one_of(st.text(max_size=20), xmlish(depth + 1)), max_size=3))
        if depth < 4
        else []
    )
    inner = "".join(children)
    closing = draw(st.sampled_from([f"</{name}>", f"</{name}>", "", "</other>"]))
    return f"<{name}{attrs}>{inner}{closing}"


def _document(body: str, prolog: str) -> bytes:
    return (prolog + '<TEI xmlns="http://www.tei-c.org/ns/1.0">' + body + "</TEI>").encode(
        "utf-8", "surrogatepass"
    )


@SETTINGS
@given(st.binary(max_size=2000))
def test_the_gate_takes_any_bytes(data: bytes) -> None:
    result = parse_bytes(data, Path("fuzz.xml"))
    assert result.document is not None or result.diagnostics
    assert all(d.code and d.path for d in result.diagnostics)


PROLOGS = st.sampled_from(
    [
        "",
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml-model href="x.rng" type="application/xml"?>',
        '<!DOCTYPE TEI SYSTEM "tei_all.dtd">',
        '<!DOCTYPE TEI [<!ENTITY a "&#x2014;">]>',
    ]
)


@SETTINGS
@given(xmlish(), PROLOGS)
def test_every_check_of_a_file_is_diagnostics(tmp_path: Path, body: str, prolog: str) -> None:
    path = tmp_path / "fuzz.xml"
    path.write_bytes(_document(body, prolog))
    outcome = check_file(path, CheckOptions(root=tmp_path))
    for d in outcome.diagnostics:
        assert d.code and d.message, d
        assert "internal error" not in d.message


@pytest.mark.slow
def test_mutated_real_files_through_check_and_build() -> None:
    assert fuzz(60, seed=2026, batch=30, save=None, quiet=True) == 0


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.stem for p in REGRESSIONS])
def test_files_fuzzing_found_stay_fixed(path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / path.name).write_bytes(path.read_bytes())
    assert run_commands(folder, tmp_path / "out") == []
