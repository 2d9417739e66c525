"""Benchmark of `edition check` at scale: jing, the local pool and a Dask cluster, side by side.

Usage (from the project root)::

    .venv/bin/python bench/bench_scale.py [--files N] [--repeat R] [--skip-eltec]

Part 1, the 99 ELTeC novels, runs interleaved, medians of ``--repeat``:
``jing tei_all.rng`` against ``edition check --schema tei_all.rng`` (RELAX NG, Schematron,
references) on the local pool and on ``--scheduler local:2``; ``jing eltec-1.rng`` against
``edition check --schema eltec-1.rng --checks rng,refs``.

Part 2, ``--files N`` generated files (``bench/make_corpus.py N``, seed 13, in a temporary
folder): ``edition check --schema tei_all.rng --format jsonl`` on the local pool and on
``--scheduler local:2``: wall time, throughput per MB against part 1's (same command), the
client's peak memory (the ``edition`` process alone, not its workers), the time to the first
line of the streamed report.

Part 3, the build: ``edition build --clean`` of the 99 novels (html, epub, index) on the
local pool and on ``--scheduler local:2``, interleaved, medians of ``--repeat``; the client's
peak memory.

Every figure is a whole process timed from outside; schema caches are warm (one untimed run
first). The machine's load average is printed with each table: on a shared machine, read the
ratios, which come from runs side by side.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ELTEC = SHARED / "corpora" / "eltec-eng"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"
ELTEC_RNG = SHARED / "schemas" / "eltec-1.rng"
#: Runs `edition` in this process and writes its peak RSS (KB) to $EDITION_BENCH_RSS at exit.
CLIENT = (
    "import atexit, os, resource, sys\n"
    "from pipeline.cli import main\n"
    "def rss():\n"
    "    with open(os.environ['EDITION_BENCH_RSS'], 'w') as f:\n"
    "        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    "atexit.register(rss)\n"
    "sys.argv = ['edition', *sys.argv[1:]]\n"
    "main()\n"
)


class Run:
    """One timed process: wall seconds, the client's peak RSS (MB), first output line (s)."""

    def __init__(self, seconds: float, rss: float | None, first: float | None) -> None:
        self.seconds, self.rss, self.first = seconds, rss, first


def edition(args: list[str], env: dict[str, str]) -> Run:
    with tempfile.NamedTemporaryFile(prefix="rss-", delete=False) as handle:
        rss_file = handle.name
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", CLIENT, *args],
        cwd=ROOT,
        env={**env, "EDITION_BENCH_RSS": rss_file},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    first = None
    for _ in process.stdout:
        if first is None:
            first = time.perf_counter() - started
    process.wait()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(f"edition {' '.join(args[:6])} ... exited {process.returncode}")
    text = Path(rss_file).read_text() or "0"
    os.unlink(rss_file)
    return Run(seconds, int(text) / 1024, first)


def jing(schema: Path, files: list[str], env: dict[str, str]) -> Run:
    started = time.perf_counter()
    subprocess.run(["jing", str(schema), *files], env=env, capture_output=True, check=False)
    return Run(time.perf_counter() - started, None, None)


def medians(runs: list[Run]) -> Run:
    rss = [r.rss for r in runs if r.rss is not None]
    firsts = [r.first for r in runs if r.first is not None]
    return Run(
        statistics.median(r.seconds for r in runs),
        max(rss) if rss else None,
        statistics.median(firsts) if firsts else None,
    )


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def eltec_part(repeat: int, env: dict[str, str]) -> tuple[list[str], float]:
    files = [str(p) for p in sorted(ELTEC.glob("*.xml"))]
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    commands = {
        "tei_all": ["check", "--schema", str(TEI_ALL), "-q", *files],
        "tei_all_dask": ["check", "--schema", str(TEI_ALL), "-q", "--scheduler", "local:2", *files],
        "rng_refs": ["check", "--schema", str(ELTEC_RNG), "--checks", "rng,refs", "-q", *files],
    }
    for command in commands.values():
        edition(command, env)  # warm the schema caches
    runs: dict[str, list[Run]] = {k: [] for k in [*commands, "jing_tei_all", "jing_eltec"]}
    before = load()
    for _ in range(repeat):
        runs["jing_tei_all"].append(jing(TEI_ALL, files, env))
        runs["tei_all"].append(edition(commands["tei_all"], env))
        runs["tei_all_dask"].append(edition(commands["tei_all_dask"], env))
        runs["jing_eltec"].append(jing(ELTEC_RNG, files, env))
        runs["rng_refs"].append(edition(commands["rng_refs"], env))
    m = {k: medians(v) for k, v in runs.items()}
    jt, je, local = m["jing_tei_all"].seconds, m["jing_eltec"].seconds, m["tei_all"].seconds
    lines = [
        f"### ELTeC, {len(files)} novels, {megabytes:.0f} MB, median of {repeat} "
        f"(load average before {before}, after {load()})",
        "",
        "| run | seconds | ratio | target | client peak RSS |",
        "|---|---:|---:|---|---:|",
        f"| jing tei_all.rng (RELAX NG only) | {jt:.2f} | | | |",
        f"| `edition check --schema tei_all.rng` (local pool) | {local:.2f} | "
        f"{local / jt:.2f}x jing | <= 1.0x | {m['tei_all'].rss:.0f} MB |",
        f"| the same with `--scheduler local:2` | {m['tei_all_dask'].seconds:.2f} | "
        f"{m['tei_all_dask'].seconds / local:.2f}x the pool | <= 1.3x | "
        f"{m['tei_all_dask'].rss:.0f} MB |",
        f"| jing eltec-1.rng | {je:.2f} | | | |",
        f"| `edition check --schema eltec-1.rng --checks rng,refs` | {m['rng_refs'].seconds:.2f} "
        f"| {m['rng_refs'].seconds / je:.2f}x jing | <= 0.4x | {m['rng_refs'].rss:.0f} MB |",
        "",
    ]
    return lines, megabytes / local


def generated_part(count: int, eltec_rate: float | None, env: dict[str, str]) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="edition-bench-corpus-"))
    try:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "make_corpus.py"),
                str(count),
                "--out",
                str(folder),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        megabytes = sum(p.stat().st_size for p in folder.rglob("*.xml")) / 1e6
        base = ["check", "--schema", str(TEI_ALL), "--format", "jsonl", str(folder)]
        edition([*base[:-1], str(folder / "registers")], env)  # warm the schema caches
        before = load()
        local = edition(base, env)
        dask = edition([*base, "--scheduler", "local:2"], env)
        rate = megabytes / local.seconds
        versus = f"{rate / eltec_rate:.2f}x the ELTeC rate" if eltec_rate else ""
        return [
            f"### {count:,} generated files, {megabytes:.0f} MB, one run each "
            f"(load average before {before}, after {load()})",
            "",
            "| run | seconds | MB/s | ratio | client peak RSS | first line after |",
            "|---|---:|---:|---:|---:|---:|",
            f"| `edition check --schema tei_all.rng --format jsonl` (local pool) | "
            f"{local.seconds:.1f} | {rate:.1f} | {versus} | {local.rss:.0f} MB | "
            f"{_first(local)} |",
            f"| the same with `--scheduler local:2` | {dask.seconds:.1f} | "
            f"{megabytes / dask.seconds:.1f} | {dask.seconds / local.seconds:.2f}x the pool | "
            f"{dask.rss:.0f} MB | {_first(dask)} |",
            "",
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def build_part(repeat: int, env: dict[str, str]) -> list[str]:
    out = Path(tempfile.mkdtemp(prefix="edition-bench-build-"))
    try:
        commands = {
            "local": ["build", str(ELTEC), "--out", str(out / "local"), "--clean"],
            "dask": [
                "build",
                str(ELTEC),
                "--out",
                str(out / "dask"),
                "--clean",
                "--scheduler",
                "local:2",
            ],
        }
        runs: dict[str, list[Run]] = {k: [] for k in commands}
        before = load()
        for _ in range(repeat):
            for name, command in commands.items():
                runs[name].append(edition(command, env))
        m = {k: medians(v) for k, v in runs.items()}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    local, dask = m["local"], m["dask"]
    return [
        f"### `edition build` of the ELTeC novels, median of {repeat} "
        f"(load average before {before}, after {load()})",
        "",
        "| run | seconds | ratio | client peak RSS |",
        "|---|---:|---:|---:|",
        f"| local pool | {local.seconds:.1f} | | {local.rss:.0f} MB |",
        f"| `--scheduler local:2` | {dask.seconds:.1f} | {dask.seconds / local.seconds:.2f}x "
        f"the pool | {dask.rss:.0f} MB |",
        "",
    ]


def _first(run: Run) -> str:
    return f"{run.first:.2f} s" if run.first is not None else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="generated files (0: none)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-eltec", action="store_true")
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    if shutil.which("jing") is None and not args.skip_eltec:
        raise SystemExit("jing is missing: apt-get install jing")
    cache = tempfile.mkdtemp(prefix="edition-bench-cache-")
    env = {**os.environ, "EDITION_CACHE_DIR": cache}
    env.pop("EDITION_SCHEDULER", None)
    try:
        rate = None
        if not args.skip_eltec:
            lines, rate = eltec_part(args.repeat, env)
            print("\n".join(lines), flush=True)
        if args.files:
            print("\n".join(generated_part(args.files, rate, env)), flush=True)
        if not args.skip_build:
            print("\n".join(build_part(args.repeat, env)), flush=True)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"(largest process of the benchmark, workers included: {children:.0f} MB)")


if __name__ == "__main__":
    main()
