"""The fuzzing harness: mutants of real TEI files through ``edition check`` and ``edition build``.

    python tests/fuzz.py --cases 10000 [--seed 1] [--batch 40] [--save tests/data/fuzz]

(``make fuzz``). Mutants (tests/mutations.py) are written in batches into a temporary folder
and checked and built there through the CLI, in this process. A run passes when no command
raises, every exit status is 0, 1 or 2, no file reaches the time limit, and no batch takes
longer than its limit. A batch that fails is replayed file by file; each failing file is
saved under ``--save`` with a note, and tests/test_fuzz.py replays every saved file forever.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from mutations import mutate, seeds  # noqa: E402

from pipeline.cli import cli  # noqa: E402

PROJECT = HERE.parent
SHARED = PROJECT.parent / "shared"
#: Seconds one file may take (``--timeout`` of check and build); reaching it is a finding.
FILE_LIMIT = 20
#: Codes that say a file reached the time limit or hit a bug of ours.
BAD_CODES = ("check.timeout", "build.timeout", "check.internal", "build.internal",
             "check.worker-crash", "internal error")  # fmt: skip


@dataclass(frozen=True)
class Finding:
    command: str
    reason: str


def run_commands(folder: Path, out: Path) -> list[Finding]:
    """Check and build ``folder``; what went wrong, if anything."""
    found = []
    limit = ["--timeout", str(FILE_LIMIT)]
    for name, args in (
        ("check", ["check", str(folder), *limit]),
        ("build", ["build", str(folder), "--out", str(out), *limit]),
    ):
        started = time.monotonic()
        result = CliRunner().invoke(cli, args)
        took = time.monotonic() - started
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            found.append(Finding(name, f"raised {type(result.exception).__name__}: "
                                       f"{result.exception}"))  # fmt: skip
        elif result.exit_code not in (0, 1, 2):
            found.append(Finding(name, f"exit status {result.exit_code}"))
        for code in BAD_CODES:
            if code in result.output:
                found.append(Finding(name, f"{code}: " + _line_with(result.output, code)))
        if "Traceback" in result.output:
            found.append(Finding(name, "a traceback was printed"))
        files = max(1, len(list(folder.glob("*.xml"))))
        if took > FILE_LIMIT + 2 * files:
            found.append(Finding(name, f"took {took:.1f} s for {files} files"))
    return found


def _line_with(output: str, code: str) -> str:
    return next((line for line in output.splitlines() if code in line), "")[:300]


def mutants(count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    rnd = random.Random(seed)
    pool = [(p, p.read_bytes()) for p in seeds(PROJECT, SHARED)]
    for index in range(count):
        path, data = rnd.choice(pool)
        mutant, names = mutate(data, rnd)
        yield f"m{index:05d}-{path.stem[:20]}-{'+'.join(names)}.xml", mutant


def fuzz(count: int, seed: int, batch: int, save: Path | None, quiet: bool = False) -> int:
    """Run ``count`` mutants; returns the number of failing files (saved under ``save``)."""
    failures = 0
    cases = list(mutants(count, seed))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="edition-fuzz-") as tmp:
        for first in range(0, len(cases), batch):
            chunk = cases[first : first + batch]
            folder = Path(tmp) / f"batch-{first}"
            folder.mkdir()
            for name, data in chunk:
                (folder / name).write_bytes(data)
            if run_commands(folder, Path(tmp) / f"out-{first}"):
                failures += _replay(chunk, Path(tmp), save)
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(Path(tmp) / f"out-{first}", ignore_errors=True)
            if not quiet:
                done = first + len(chunk)
                rate = done / (time.monotonic() - started)
                print(f"fuzz: {done}/{len(cases)} cases, {failures} failing, "
                      f"{rate:.1f} cases/s", file=sys.stderr, flush=True)  # fmt: skip
    return failures


def _replay(chunk: list[tuple[str, bytes]], tmp: Path, save: Path | None) -> int:
    failing = 0
    for name, data in chunk:
        folder = tmp / "one"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        (folder / name).write_bytes(data)
        found = run_commands(folder, tmp / "one-out")
        shutil.rmtree(tmp / "one-out", ignore_errors=True)
        if not found:
            continue
        failing += 1
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256(data).hexdigest()[:16]
            (save / f"{digest}.xml").write_bytes(data)
            note = "\n".join(f"{f.command}: {f.reason}" for f in found)
            (save / f"{digest}.txt").write_text(f"{name}\n{note}\n", encoding="utf-8")
    return failing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=40)
    parser.add_argument("--save", type=Path, default=HERE / "data" / "fuzz")
    args = parser.parse_args()
    failures = fuzz(args.cases, args.seed, args.batch, args.save)
    print(f"fuzz: {args.cases} cases, {failures} failing files"
          + (f" (saved in {args.save})" if failures else ""), file=sys.stderr)  # fmt: skip
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
