"""Benchmark of the `edition` commands as users run them, side by side with jing.

Usage (from the project root)::

    .venv/bin/python bench/bench_cli.py [--corpus DIR] [--repeat N]

Every figure is a whole process timed from outside (interpreter, Saxon or JVM start-up
included), median of ``--repeat`` runs, runs of ours and jing's interleaved so that load from
elsewhere hits both alike. Schema caches are warm (one untimed run first), as they are for
anyone who checks a corpus more than once. Prints a Markdown table with the ratios to jing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "eltec-eng"
ELTEC = SHARED / "schemas" / "eltec-1.rng"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
EDITION = [sys.executable, "-m", "pipeline.cli"]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_pair(
    ours: list[str], theirs: list[str] | None, repeat: int, env: dict[str, str]
) -> tuple[float, float | None]:
    timed(ours, env)  # warm the schema caches
    mine: list[float] = []
    jing: list[float] = []
    for _ in range(repeat):
        mine.append(timed(ours, env))
        if theirs is not None:
            jing.append(timed(theirs, env))
    return statistics.median(mine), statistics.median(jing) if jing else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = [str(p) for p in sorted(args.corpus.glob("*.xml"))]
    jing = shutil.which("jing")
    cache = tempfile.mkdtemp(prefix="edition-bench-")
    env = {**os.environ, "EDITION_CACHE_DIR": cache}
    out = tempfile.mkdtemp(prefix="edition-bench-out-")
    eltec, tei_all = ["check", "--schema", str(ELTEC)], ["check", "--schema", str(TEI_ALL)]
    rows = [
        ("check --checks rng,refs, eltec-1.rng", [*eltec, "--checks", "rng,refs"], ELTEC),
        ("check (rng, schematron, refs), eltec-1.rng", eltec, ELTEC),
        ("check --checks rng,schematron, tei_all.rng", [*tei_all, "--checks", "rng,schematron"], TEI_ALL),  # noqa: E501
        ("check (rng, schematron, refs), tei_all.rng", tei_all, TEI_ALL),
        ("build --only html", ["build", "--only", "html", "--out", out], None),
        ("build --only epub", ["build", "--only", "epub", "--out", out], None),
        ("build (html, epub, index)", ["build", "--out", out], None),
    ]  # fmt: skip
    load = os.getloadavg()[0]
    print(f"{len(files)} files from {args.corpus}, median of {args.repeat}, load {load:.1f}")
    print()
    print("| command | edition (s) | jing, RELAX NG only (s) | ratio |")
    print("|---|---:|---:|---:|")
    try:
        for label, command, schema in rows:
            theirs = [jing, str(schema), *files] if jing and schema else None
            mine, other = median_pair([*EDITION, *command, *files], theirs, args.repeat, env)
            ratio = f"{mine / other:.2f}x" if other else "-"
            shown = f"{other:.2f}" if other else "-"
            print(f"| `edition {label}` | {mine:.2f} | {shown} | {ratio} |", flush=True)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    if jing is None:
        print("\njing is missing: install it (apt-get install jing) for the comparison")


if __name__ == "__main__":
    main()
