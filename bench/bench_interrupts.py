"""Benchmark of how soon `edition build` and `edition check` answer Ctrl-C and SIGTERM.

Usage (from the project root)::

    .venv/bin/python bench/bench_interrupts.py [--corpus DIR] [--novels N] [--repeat N]

Each run is a clean build of the first ``--novels`` files of the corpus (or a check of them
against tei_all.rng), started as users start it (``python -m pipeline.cli``, its own process
group) and sent the signal at a moment counted from the start of its first worker, as a
terminal sends it: to the whole group. The figure is the time from the signal to the end of
the run's last process. A build is made of steps the main process cannot leave at once: Saxon
holds Python's interpreter lock while it compiles a stylesheet (the page's and the book's,
about 2 s each), so a signal in that moment is answered when the compile ends; these timings
are why the tests assert what an interrupt leaves, not how soon it comes.

Prints a Markdown table: the median and the longest answer at each moment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "eltec-eng"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
EDITION = [sys.executable, "-m", "pipeline.cli"]
#: Seconds after the first worker started; a build of 20 novels runs about 20 s.
BUILD_MOMENTS = (0.2, 1.0, 2.0, 3.0, 4.0, 6.0, 9.0)
CHECK_MOMENTS = (0.1, 0.2, 0.4)


def answered(command: list[str], sig: signal.Signals, delay: float) -> tuple[float, int] | None:
    """Seconds from the signal to the end of every process of the run, and its exit status;
    None when the run ended before the signal."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        found = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, check=False)
        if found.returncode == 0:
            break
        time.sleep(0.02)
    time.sleep(delay)
    if process.poll() is not None:
        return None
    sent = time.monotonic()
    os.killpg(process.pid, sig)
    status = process.wait(timeout=120)
    while subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True).returncode == 0:
        time.sleep(0.01)
    return time.monotonic() - sent, status


def row(label: str, command: list[str], moment: float, repeat: int) -> str:
    times: list[float] = []
    statuses: set[int] = set()
    for turn in range(repeat):
        sig = signal.SIGINT if turn % 2 == 0 else signal.SIGTERM
        found = answered(command, sig, moment)
        if found is not None:
            times.append(found[0])
            statuses.add(found[1] - 128 - sig)  # 0 when the status is 128 + the signal
    if not times:
        return f"| {label} | {moment:g} | finished first | - | - |"
    right = "yes" if statuses == {0} else f"no ({sorted(statuses)})"
    return f"| {label} | {moment:g} | {statistics.median(times):.2f} | {max(times):.2f} | {right} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--novels", type=int, default=20)
    parser.add_argument(
        "--repeat", type=int, default=4, help="runs per moment, SIGINT and SIGTERM in turn"
    )
    args = parser.parse_args()
    files = [str(p) for p in sorted(args.corpus.glob("*.xml"))[: args.novels]]
    out = Path(tempfile.mkdtemp(prefix="edition-bench-interrupts-"))
    cache = tempfile.mkdtemp(prefix="edition-bench-cache-")
    os.environ["EDITION_CACHE_DIR"] = cache
    build = [*EDITION, "build", *files, "--out", str(out / "site"), "--clean"]
    check = [*EDITION, "check", *files, "--schema", str(TEI_ALL)]
    load = os.getloadavg()[0]
    print(f"{len(files)} files from {args.corpus}, {args.repeat} runs a moment, load {load:.1f}")
    print()
    print("| run | signal after (s) | answered, median (s) | longest (s) | status 128+n |")
    print("|---|---:|---:|---:|---|")
    try:
        subprocess.run(check, cwd=ROOT, capture_output=True, check=False)  # warm the schema cache
        for moment in CHECK_MOMENTS:
            print(row("check, tei_all.rng", check, moment, args.repeat), flush=True)
        for moment in BUILD_MOMENTS:
            print(row("build --clean", build, moment, args.repeat), flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
