"""Benchmark of `edition build` over a whole corpus: wall time, CPU time, the search index.

Usage (from the project root)::

    .venv/bin/python bench/bench_build.py [--corpus DIR] [--repeat N] [--baseline REF]

Each run is a full build (``--clean``), or with ``--incremental`` a build with nothing
changed since the previous run, or with ``--edit`` a build after one paragraph of one novel
changed (on a copy of the corpus in a temporary folder; full builds are timed beside it, and
the ratio is issue 12's target: at most 5%), as a whole process
(``python -m pipeline.cli build``) timed from outside: wall time, and the CPU time of the
process and its children (the worker pool, Saxon, Pagefind), which a shared machine
disturbs less than the wall time. ``--baseline REF`` builds the same corpus with the code of
a git revision too (checked out in a temporary worktree, run by the same interpreter), runs
of both interleaved, so that the ratio compares like with like. Prints a Markdown table with
the machine's load.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "eltec-eng"
SEARCH = re.compile(r"search index ([0-9.]+) s")


def run(
    checkout: Path, corpus: Path, out: Path, clean: bool = True
) -> tuple[float, float, float | None]:
    """(wall, CPU, search index seconds) of one build of ``corpus`` by ``checkout``'s code:
    a full one (``--clean``), or one that takes over what the previous run published."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "build", "--out", str(out), str(corpus)]
        + (["--clean"] if clean else []),
        cwd=checkout,
        env={**os.environ, "PYTHONPATH": str(checkout)},
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found = SEARCH.search(done.stderr)
    return wall, cpu, float(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", help="a git revision to compare with (e.g. main)")
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="time builds with nothing changed since the last (default: full builds, --clean)",
    )
    parser.add_argument(
        "--edit",
        action="store_true",
        help="time a rebuild after one paragraph of one file changed, beside full builds",
    )
    args = parser.parse_args()
    if args.edit:
        edit_part(args.corpus, args.repeat)
        return
    checkouts = {"this tree": ROOT}
    base_dir = None
    if args.baseline:
        base_dir = Path(tempfile.mkdtemp(prefix="edition-bench-base-")) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base_dir), args.baseline],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        checkouts = {f"baseline {args.baseline}": base_dir, **checkouts}
    outs = {name: Path(tempfile.mkdtemp(prefix="edition-bench-out-")) for name in checkouts}
    results: dict[str, list[tuple[float, float, float | None]]] = {n: [] for n in checkouts}
    loads = [os.getloadavg()[0]]
    try:
        for name, tree in checkouts.items():
            run(tree, args.corpus, outs[name])  # untimed: caches and page cache warm
        for _ in range(args.repeat):
            for name, tree in checkouts.items():
                clean = not args.incremental
                results[name].append(run(tree, args.corpus, outs[name], clean))
                loads.append(os.getloadavg()[0])
    finally:
        for out in outs.values():
            shutil.rmtree(out, ignore_errors=True)
        if base_dir is not None:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base_dir)], cwd=ROOT, check=False
            )
    files = len(list(args.corpus.glob("*.xml")))
    print(
        f"`edition build{'' if args.incremental else ' --clean'}` of {files} files from "
        f"{args.corpus.name}, median of {args.repeat}, "
        f"load average {min(loads):.1f}-{max(loads):.1f}"
    )
    print()
    print("| code | wall (s) | CPU (s) | search index (s) |")
    print("|---|---:|---:|---:|")
    medians = {}
    for name, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        searches = [r[2] for r in runs if r[2] is not None]
        search = f"{statistics.median(searches):.2f}" if searches else "-"
        medians[name] = (wall, cpu)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {search} |", flush=True)
    if len(medians) == 2:
        (base_wall, base_cpu), (wall, cpu) = medians.values()
        print(f"\nratio to the baseline: wall {wall / base_wall:.2f}x, CPU {cpu / base_cpu:.2f}x")


def edit_part(corpus: Path, repeat: int) -> None:
    """Full builds and one-paragraph rebuilds of a copy of ``corpus``, interleaved."""
    work = Path(tempfile.mkdtemp(prefix="edition-bench-edit-"))
    try:
        copy = work / "corpus"
        shutil.copytree(corpus, copy)
        victim = sorted(copy.glob("*.xml"))[len(list(copy.glob("*.xml"))) // 2]
        original = victim.read_text(encoding="utf-8")
        at = original.index("<p>", original.index("<body")) + len("<p>")
        full: list[float] = []
        edited: list[float] = []
        loads = [os.getloadavg()[0]]
        run(ROOT, copy, work / "out")  # untimed: caches warm, an edition published
        for round_ in range(repeat):
            full.append(run(ROOT, copy, work / "full")[0])
            victim.write_text(original[:at] + f"Edit {round_}. " + original[at:], encoding="utf-8")
            edited.append(run(ROOT, copy, work / "out", clean=False)[0])
            loads.append(os.getloadavg()[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    wall_full, wall_edit = statistics.median(full), statistics.median(edited)
    print(
        f"One paragraph of {victim.name} changed, then `edition build` (incremental), against "
        f"`edition build --clean`; median of {repeat}, load average "
        f"{min(loads):.1f}-{max(loads):.1f}\n"
    )
    print("| build | wall (s) |\n|---|---:|")
    print(f"| full (`--clean`) | {wall_full:.2f} |\n| after one paragraph | {wall_edit:.2f} |")
    print(f"\nratio: {wall_edit / wall_full:.1%} of the full build (target: at most 5%)")


if __name__ == "__main__":
    main()
