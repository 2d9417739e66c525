"""Benchmark of one text with many names pointing at register entries (letters, newspapers).

Usage (from the project root)::

    .venv/bin/python bench/bench_names.py [--names N ...] [--repeat R] [--keep DIR]

For each N (default 2,000, 8,000 and 32,000) writes, into a temporary folder, a register file
of N/2 entries (persons, places, organisations, with dates, places and notes) and one text
whose paragraphs hold N names (``persName``, ``placeName``, ``orgName``, each with ``@ref``)
spread over those entries, then times ``edition build --only html --only index`` on the
folder as a whole process (the median of R runs; the wall time), and once more in this
process's child with one worker and no time limit, timing every Saxon transform by
stylesheet: ``html/page`` is the reading page, ``index/entities`` the index's facts of the
text (and of no text, the register's skeleton), ``index/pages`` and ``index/tei`` the
index's pages and TEI export. The time per 1,000 names must stay flat as N grows.
``--keep DIR`` writes the folders of the generated editions there and keeps them (to build
them before and after a change and compare the outputs).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import FIRST, LAST, TOWNS, WORDS, _pick, document  # noqa: E402

EDITION = [sys.executable, "-m", "pipeline.entry"]
NAMES_PER_PARAGRAPH = 4
PARAGRAPHS_PER_DIVISION = 50


def _kind(i: int) -> str:
    """Six persons, three places and one organisation in every ten entries."""
    return ("p", "p", "pl", "p", "p", "pl", "o", "p", "pl", "p")[i % 10]


def register(entries: int) -> str:
    """One register file of ``entries`` entries, ids ``e0`` ... in three lists."""
    persons, places, orgs = [], [], []
    for i in range(entries):
        kind = _kind(i)
        if kind == "p":
            birth = (
                f'<birth when="{1800 + i % 90}"><placeName ref="#e{(i // 10) * 10 + 2}"/></birth>'
            )
            persons.append(
                f'<person xml:id="e{i}"><persName><forename>{_pick(FIRST, i)}</forename> '
                f"<surname>{_pick(LAST, i // 7)}</surname></persName>{birth}"
                f'<death when="{1860 + i % 90}"/><note>Person {i} of the register.</note></person>'
            )
        elif kind == "pl":
            places.append(
                f'<place xml:id="e{i}"><placeName>{_pick(TOWNS, i)} {i}</placeName>'
                f"<location><geo>{50 + i % 7}.5 {3 + i % 5}.25</geo></location></place>"
            )
        else:
            orgs.append(f'<org xml:id="e{i}"><orgName>Society {i}</orgName></org>')
    lists = (
        f"<listPerson>\n{chr(10).join(persons)}\n</listPerson>\n"
        f"<listPlace>\n{chr(10).join(places)}\n</listPlace>\n"
        f"<listOrg>\n{chr(10).join(orgs)}\n</listOrg>"
    )
    return document("Register", lists)


def text(names: int, entries: int) -> str:
    """One text of ``names`` names; name ``j`` points at entry ``(j * 7) mod entries``, so
    every entry is named about ``names / entries`` times, its mentions spread over the text."""
    words = WORDS.split()
    tags = {"p": "persName", "pl": "placeName", "o": "orgName"}
    divisions: list[str] = []
    paragraphs: list[str] = []
    for j in range(names):
        entry = (j * 7) % entries
        tag = tags[_kind(entry)]
        start = j % len(words)
        paragraphs.append(
            f'{" ".join(words[start : start + 6])} <{tag} ref="#e{entry}">'
            f"{_pick(FIRST if tag == 'persName' else TOWNS, j)}</{tag}>"
        )
        if len(paragraphs) == NAMES_PER_PARAGRAPH or j == names - 1:
            block = f"<p>{' '.join(paragraphs)}.</p>"
            paragraphs = []
            if not divisions or divisions[-1].count("<p>") == PARAGRAPHS_PER_DIVISION:
                divisions.append("")
            divisions[-1] += block + "\n"
    body = "\n".join(
        f'<div type="article"><head>Article {n + 1}</head>\n{d}</div>'
        for n, d in enumerate(divisions)
    )
    return document(f"Many names ({names})", body)


def write_edition(folder: Path, names: int) -> Path:
    """The register and the text of ``names`` names in ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = max(names // 2, 10)
    (folder / "register.xml").write_text(register(entries), encoding="utf-8")
    (folder / "names.xml").write_text(text(names, entries), encoding="utf-8")
    return folder


def build_command(folder: Path, out: Path) -> list[str]:
    return [*EDITION, "build", str(folder), "--out", str(out), "--only", "html",
            "--only", "index", "--clean"]  # fmt: skip


def wall(folder: Path, out: Path, repeat: int) -> float:
    """Median seconds of the whole build as a process, at its default limit and workers."""
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [*build_command(folder, out), "--timeout", "0"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def transforms(folder: Path, out: Path) -> dict[str, float]:
    """Seconds per stylesheet of one build in a child process (one worker, no limit)."""
    report = out.parent / f"{out.name}-transforms.json"
    args = [*build_command(folder, out), "-j", "1", "--timeout", "0"][3:]
    subprocess.run(
        [sys.executable, __file__, "--inner", str(report), "--", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    found: dict[str, float] = json.loads(report.read_text(encoding="utf-8"))
    return found


def inner(report: Path, args: list[str]) -> None:
    """Run the build in this process, every transform timed (the child of ``transforms``)."""
    sys.path.insert(0, str(ROOT))
    from transform_times import transform_times

    from pipeline.cli import cli

    with transform_times() as times:
        try:
            cli(args, standalone_mode=False)
        finally:
            spent = {name: sum(seconds) for name, seconds in times.items()}
            report.write_text(json.dumps(spent), encoding="utf-8")


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--inner":
        inner(Path(sys.argv[2]), sys.argv[4:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, nargs="+", default=[2_000, 8_000, 32_000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="write the editions here")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="edition-names-"))
    print(f"One text of N names pointing at N/2 register entries; build --only html,index "
          f"(median of {args.repeat}); transforms of one in-process run\n")  # fmt: skip
    print("| names | wall | page (html/page) | facts (index/entities) | index pages | TEI index "
          "| per 1,000 names (wall) |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for names in args.names:
            folder = write_edition((args.keep or scratch) / f"names-{names}", names)
            out = scratch / f"out-{names}"
            seconds = wall(folder, out, args.repeat)
            spent = transforms(folder, out)
            cells = [spent.get(s, 0.0) for s in ("html/page", "index/entities", "index/pages",
                                                  "index/tei")]  # fmt: skip
            row = " | ".join(f"{c:.2f} s" for c in cells)
            per = seconds / names * 1000
            print(f"| {names:,} | {seconds:.2f} s | {row} | {per:.3f} s |", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
