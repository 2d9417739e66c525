"""Benchmark of the ``rng`` check on the ELTeC corpus, against the lxml parse floor and jing.

Usage (from the project root)::

    .venv/bin/python bench/bench_check.py [--corpus DIR] [--schema RNG ...] [--repeat N]

Every measurement is a whole process (interpreter or JVM start-up included), timed from
outside, median of ``--repeat`` runs:

- ``parse``: the gate alone (hardened lxml parse of every file): the floor;
- ``rng x1``: gate + RELAX NG over all files in one process;
- ``rng x2``: the same with a fork pool of two workers;
- ``jing``: ``jing schema.rng files...`` (one JVM for all files).

``rng`` runs use a warm schema cache (a first, untimed run fills it; ``cold`` is that first
run). Per-file verdicts (valid or not) and error counts are compared with jing's. This is a
script, not a test: it prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora/eltec-eng"
SCHEMAS = [SHARED / "schemas/eltec-1.rng", SHARED / "schemas/tei_all.rng"]
_JING_LINE = re.compile(r"^(.*?):(\d+):\d+: error: ")


def _worker_init() -> None:
    sys.path.insert(0, str(ROOT))


def _check_files(args: tuple[str, list[str]]) -> list[tuple[str, list[int]]]:
    """Gate + RELAX NG over ``files``: (file, line of each error) for each."""
    from pipeline.gate import read_document
    from pipeline.validate.relaxng import validator_for

    schema, files = args
    validator = validator_for(Path(schema))
    result = []
    for name in files:
        gated = read_document(Path(name))
        if gated.document is None:
            result.append((name, [d.line or 0 for d in gated.diagnostics]))
            continue
        result.append((name, [d.line or 0 for d in validator.validate(gated.document)]))
    return result


def run_mode(mode: str, schema: str, files: list[str]) -> None:
    """The timed body of one child process; prints ``file<TAB>errors`` lines."""
    _worker_init()
    if mode == "parse":
        from pipeline.gate import read_document

        for name in files:
            read_document(Path(name))
        return
    if mode == "rng1":
        rows = _check_files((schema, files))
    else:
        import multiprocessing

        from pipeline.validate.relaxng import validator_for

        validator_for(Path(schema))  # prepared once here; the forked workers inherit it
        chunks = [files[i::2] for i in range(2)]
        with multiprocessing.get_context("fork").Pool(2) as pool:
            rows = [
                row
                for part in pool.map(_check_files, [(schema, c) for c in chunks])
                for row in part
            ]
    for name, lines in rows:
        print(name, *lines, sep="\t")


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command[:4])} ...\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def _ours(mode: str, schema: Path, files: list[str], env: dict[str, str]) -> list[str]:
    return [sys.executable, __file__, "--run", mode, "--schema", str(schema), *files]


def _errors_ours(output: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for line in output.splitlines():
        name, *lines = line.split("\t")
        found[Path(name).name] = [int(n) for n in lines]
    return found


def _errors_jing(output: str, files: list[str]) -> dict[str, list[tuple[int, bool]]]:
    """jing's errors per file: (line, whether it is an "incomplete" error at an end tag)."""
    found: dict[str, list[tuple[int, bool]]] = {Path(f).name: [] for f in files}
    for line in output.splitlines():
        match = _JING_LINE.match(line)
        if match:
            found[Path(match.group(1)).name].append((int(match.group(2)), "incomplete" in line))
    return found


def _placed(ours: dict[str, list[int]], theirs: dict[str, list[tuple[int, bool]]]) -> str:
    """How many of jing's errors we report within one line (end-tag errors aside)."""
    near = total = 0
    for name, errors in theirs.items():
        for line, at_end in errors:
            if at_end:
                continue
            total += 1
            near += any(abs(line - mine) <= 1 for mine in ours.get(name, []))
    return f"{near}/{total}"


def bench(schema: Path, files: list[str], repeat: int, cache: Path, title: str = "") -> list[str]:
    env = {**os.environ, "EDITION_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    shutil.rmtree(cache, ignore_errors=True)
    cold, ours_out = _timed(_ours("rng1", schema, files, env), env)
    _timed(_ours("rng2", schema, files, env), env)  # warms the cache for the pool's workers
    times: dict[str, list[float]] = {k: [] for k in ("parse", "rng1", "rng2", "jing")}
    jing_out = ""
    for _ in range(repeat):
        times["parse"].append(_timed(_ours("parse", schema, files, env), env)[0])
        times["rng1"].append(_timed(_ours("rng1", schema, files, env), env)[0])
        times["rng2"].append(_timed(_ours("rng2", schema, files, env), env)[0])
        if shutil.which("jing"):
            elapsed, jing_out = _timed(["jing", str(schema), *files], env)
            times["jing"].append(elapsed)
    median = {k: statistics.median(v) for k, v in times.items() if v}
    jing = median.get("jing")
    rows = [
        ("lxml parse (gate), floor", median["parse"]),
        ("gate + rng, 1 process, cold cache", cold),
        ("gate + rng, 1 process", median["rng1"]),
        ("gate + rng, fork pool of 2", median["rng2"]),
    ]
    if jing is not None:
        rows.append(("jing, one JVM", jing))
    lines = [
        f"### {schema.name}, {title or 'the corpus as it is'} ({len(files)} files)",
        "",
        "| run | seconds | vs jing |",
        "|---|---:|---:|",
    ]
    for label, seconds in rows:
        ratio = f"{seconds / jing:.2f}x" if jing else "-"
        lines.append(f"| {label} | {seconds:.2f} | {ratio} |")
    lines.append("")
    if jing is not None:
        errors = _errors_ours(ours_out)
        theirs = _errors_jing(jing_out, files)
        ours = Counter({name: len(found) for name, found in errors.items()})
        jing_counts = Counter({name: len(found) for name, found in theirs.items()})
        verdicts = sum(1 for f in theirs if (ours[f] > 0) == (jing_counts[f] > 0))
        counts = sum(1 for f in theirs if ours[f] == jing_counts[f])
        invalid = sum(1 for f in theirs if jing_counts[f] > 0)
        lines.append(
            f"Verdicts equal to jing's: {verdicts}/{len(theirs)} files ({invalid} invalid "
            f"for jing); same number of errors: {counts}/{len(theirs)} "
            f"(ours {sum(ours.values())}, jing {sum(jing_counts.values())}); jing's errors "
            f'(other than "incomplete" at an end tag) we place within one line: '
            f"{_placed(errors, theirs)}."
        )
        for name in sorted(theirs):
            if ours[name] != jing_counts[name]:
                lines.append(f"- {name}: ours {ours[name]}, jing {jing_counts[name]}")
        lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--schema", type=Path, action="append")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--fixed-copies",
        action="store_true",
        help="also time tei_all on temporary copies without textDesc (mostly valid files)",
    )
    parser.add_argument("--run", choices=["parse", "rng1", "rng2"], help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_mode(args.run, str(args.schema[0]), args.files)
        return
    files = sorted(str(p) for p in args.corpus.glob("*.xml"))
    if not files:
        raise SystemExit(f"no *.xml files in {args.corpus}")
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-rng-") as tmp:
        for schema in args.schema or SCHEMAS:
            out += bench(schema, files, args.repeat, Path(tmp) / schema.stem)
        if args.fixed_copies:
            # Every ELTeC file breaks tei_all in its textDesc (ELTeC's own elements); without
            # it most are valid, which tests the verdicts on valid documents too.
            fixed = _without_text_desc(files, Path(tmp) / "fixed")
            for schema in args.schema or SCHEMAS[1:]:
                title = "copies without textDesc"
                out += bench(schema, fixed, args.repeat, Path(tmp) / "fixed-cache", title)
    print("\n".join(out))


_TEXT_DESC = re.compile(rb"<textDesc>.*?</textDesc>", re.DOTALL)


def _without_text_desc(files: list[str], folder: Path) -> list[str]:
    """Temporary copies of ``files`` without their textDesc element (same line numbers)."""
    folder.mkdir(parents=True)
    copies = []
    for name in files:
        data = Path(name).read_bytes()
        data = _TEXT_DESC.sub(lambda m: b"\n" * m.group(0).count(b"\n"), data)
        target = folder / Path(name).name
        target.write_bytes(data)
        copies.append(str(target))
    return copies


if __name__ == "__main__":
    main()
