"""Benchmark of one file with many problems: what a check and a build cost per problem.

Usage (from the project root)::

    .venv/bin/python bench/bench_problems.py [--paragraphs N] [--repeat R] [--one-line]

Writes, into a temporary folder, one TEI text of N paragraphs, each with a name pointing at
no register entry, a pointer to no id and an impossible date (3 MB and 3N problems for N =
30,000), then times as whole processes: `edition check` with the edition's own schemas
and with tei_all (each check alone and all three), jing on the same file, and `edition
build` of the file alone (HTML, EPUB, index). Each figure is the median of R runs, with
the peak memory of the largest process (GNU time's %M of the command). The cost per
problem must stay flat as N grows: run it for 5,000 and 30,000 (a time 36 times larger
for 6 times the problems is a square, as the ones mended on 4 December were).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
EDITION = [sys.executable, "-m", "pipeline.entry"]
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
    "<teiHeader><fileDesc><titleStmt><title>Many problems</title></titleStmt>"
    "<publicationStmt><p>bench</p></publicationStmt><sourceDesc><p>generated</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body>\n"
)


def write_text(folder: Path, paragraphs: int, one_line: bool = False) -> Path:
    """The text; ``one_line``: its paragraphs on one line, as a minified export has them
    (probe 136: every problem of a line was placed by reading the whole line again)."""
    rows = (
        f'<p><persName ref="#nobody{i}">x</persName> <ptr target="#no{i}"/> '
        f'<date when="2020-13-{i % 28 + 1:02d}">d</date></p>' + ("" if one_line else "\n")
        for i in range(paragraphs)
    )
    path = folder / "many.xml"
    path.write_text(HEADER + "".join(rows) + "</body></text></TEI>\n", encoding="utf-8")
    return path


def measured(command: list[str], repeat: int) -> tuple[float, int]:
    """Median seconds and largest peak memory (KB) of ``command`` over ``repeat`` runs."""
    seconds: list[float] = []
    peak = 0
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *command],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        seconds.append(time.perf_counter() - started)
        lines = done.stderr.strip().splitlines()
        if lines and lines[-1].isdigit():
            peak = max(peak, int(lines[-1]))
    return statistics.median(seconds), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--one-line", action="store_true", help="every paragraph on one line")
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        print("needs GNU time (/usr/bin/time)", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="edition-problems-"))
    folder = scratch / "tei"
    folder.mkdir()
    try:
        text = write_text(folder, args.paragraphs, args.one_line)
        size = text.stat().st_size / 1e6
        check = [*EDITION, "check", str(text), "--timeout", "0", "-q"]
        runs = [
            ("check, edition schemas: rng", [*check, "--checks", "rng"]),
            ("check, edition schemas: schematron", [*check, "--checks", "schematron"]),
            ("check, edition schemas: refs", [*check, "--checks", "refs"]),
            ("check, edition schemas: all", check),
            ("check, tei_all: rng", [*check, "--schema", str(TEI_ALL), "--checks", "rng"]),
            ("check, tei_all: all", [*check, "--schema", str(TEI_ALL)]),
        ]
        if shutil.which("jing") and TEI_ALL.exists():
            runs.append(("jing, tei_all", ["jing", str(TEI_ALL), str(text)]))
        out = scratch / "dist"
        runs.append(("build (html, epub, index)", [*EDITION, "build", str(folder), "--out",
                                                    str(out), "--timeout", "0"]))  # fmt: skip
        print(f"One file of {args.paragraphs:,} paragraphs ({size:.1f} MB), "
              f"{3 * args.paragraphs:,} problems; median of {args.repeat}\n")  # fmt: skip
        print("| run | seconds | per 1,000 problems | peak memory |")
        print("|---|---:|---:|---:|")
        for title, command in runs:
            seconds, peak = measured(command, args.repeat)
            per = seconds / (3 * args.paragraphs) * 1000
            print(f"| {title} | {seconds:.2f} | {per:.3f} s | {peak / 1024:.0f} MB |", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
