"""Texts against registers of growing size: a text's cost must not grow with the registers.

Usage (from the project root)::

    .venv/bin/python bench/bench_registers.py [--letters 50] [--entries 1300 6500 26000]

A correspondence edition's registers list every person, place and organisation of the whole
correspondence (tens of thousands of entries), and each letter names a handful. For each
size, ``make_corpus.py``'s letters (their names drawn from the registers) are built whole in
this process (``edition build -j 1 --timeout 0``) with every Saxon transform timed: the table
gives the milliseconds per letter of each per-text stylesheet (the median, so that the first
text's parse of the registers does not count) and of the index's skeleton, made once per
build from every entry. A row whose per-letter times grow with the entries is a cost per text
and per entry: one text's index walked every register entry until 5 December (85 ms per
letter at 26,000 entries; 5 ms now).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_corpus  # noqa: E402
from transform_times import quiet_run  # noqa: E402

PER_TEXT = ("stages/normalize", "index/entities", "html/page", "epub/book")


def measure(letters: int, entries: int, work: Path) -> dict[str, float]:
    """Milliseconds per letter of each per-text stylesheet (median), the skeleton's, the
    build's seconds."""
    # the registers' proportions of make_corpus.py: 400 persons, 200 places, 60 organisations
    make_corpus.PERSONS = entries * 400 // 660
    make_corpus.PLACES = entries * 200 // 660
    make_corpus.ORGS = entries - make_corpus.PERSONS - make_corpus.PLACES
    corpus = work / f"corpus-{entries}"
    # about 30% of make_corpus.py's files are chapters of novels, left out: letters only
    make_corpus.generate(letters * 10 // 7 + 1, corpus, 13, make_corpus.ELTEC)
    shutil.rmtree(corpus / "chapters", ignore_errors=True)
    out = work / f"out-{entries}"
    spent, seconds = quiet_run(
        ["build", str(corpus), "--out", str(out), "-j", "1", "--timeout", "0"]
    )
    times = {name: [s * 1000 for s in runs] for name, runs in spent.items()}
    found = {name: statistics.median(times.get(name, [0.0])[1:] or [0.0]) for name in PER_TEXT}
    # the skeleton is the index stylesheet's first run, on no text
    found["skeleton"] = times.get("index/entities", [0.0])[0]
    found["build"] = seconds
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=50)
    parser.add_argument("--entries", type=int, nargs="+", default=[1300, 6500, 26000])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="edition-bench-registers-"))
    try:
        rows = {n: measure(args.letters, n, work) for n in args.entries}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sizes = sorted(rows)
    print(f"{args.letters} letters; milliseconds per letter (median), skeleton once per build\n")
    print(
        "| stylesheet | " + " | ".join(f"{n:,} entries" for n in sizes) + " | largest / smallest |"
    )
    print("|---|" + "---:|" * (len(sizes) + 1))
    for name in (*PER_TEXT, "skeleton"):
        cells = " | ".join(f"{rows[n][name]:.1f}" for n in sizes)
        ratio = rows[sizes[-1]][name] / max(rows[sizes[0]][name], 0.01)
        print(f"| {name} | {cells} | {ratio:.1f}x |")
    builds = " | ".join(f"{rows[n]['build']:.1f} s" for n in sizes)
    print(f"| whole build | {builds} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
