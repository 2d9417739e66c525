"""Peak memory of every process of one command: issue 13's "every process under 400 MB".

Usage (from the project root)::

    .venv/bin/python bench/bench_memory.py [--corpus DIR] [-- COMMAND ...]

Without a command, a full ``edition build --clean`` of the ELTeC corpus into a temporary
folder. The command runs as a child; every 0.1 s the script walks its process tree
(``/proc/<pid>/task/*/children``) and keeps the largest resident set (``VmRSS``) each process
reached, grouped by what runs (the main process, the build's workers, Pagefind...).
``/usr/bin/time -v`` gives only the largest of them, not which. Prints a Markdown table,
largest first, and the limit. A sample every 0.1 s can miss a spike shorter than that.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "eltec-eng"
LIMIT_MB = 400


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(x) for x in handle.read().split())
    except OSError:
        pass
    return found


def _resident_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _kind(pid: int, main: int) -> str:
    """What a process is, for the table: its program and first arguments."""
    if pid == main:
        return "main process"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = [w.decode(errors="replace") for w in handle.read().split(b"\0") if w]
    except OSError:
        return "?"
    name = Path(words[0]).name if words else "?"
    if "pagefind" in name:
        return "Pagefind"
    if any(w.endswith("edition") or w == "pipeline.cli" for w in words[:3]):
        return "worker (forked build process)"
    return name


def measure(command: list[str]) -> tuple[dict[str, int], float, int]:
    """(largest resident set in kB per kind of process, seconds, exit status)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[str, int] = {}
    while child.poll() is None:
        tree, todo = [], [child.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(_children(pid))
        for pid in tree:
            size = _resident_kb(pid)
            if size is not None:
                kind = _kind(pid, child.pid)
                peaks[kind] = max(peaks.get(kind, 0), size)
        time.sleep(0.1)
    return peaks, time.perf_counter() - started, child.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("command", nargs="*", help="the command to measure (after --)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="edition-bench-memory-"))
    try:
        command = args.command or [
            sys.executable, "-m", "pipeline.cli", "build", "--clean",
            "--out", str(work / "out"), str(args.corpus),
        ]  # fmt: skip
        peaks, seconds, status = measure(command)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"`{' '.join(command[-4:])}`: {seconds:.1f} s, exit status {status}\n")
    print("| process | peak resident set (MB) |\n|---|---:|")
    for kind, size in sorted(peaks.items(), key=lambda item: -item[1]):
        print(f"| {kind} | {size / 1024:.0f} |")
    largest = max(peaks.values(), default=0) / 1024
    verdict = "met" if largest < LIMIT_MB else "not met"
    print(f"\nlargest process {largest:.0f} MB (issue 13: under {LIMIT_MB} MB): {verdict}")
    return status


if __name__ == "__main__":
    sys.exit(main())
