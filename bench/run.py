"""`make bench`: every benchmark in turn, each printing its Markdown table.

The figures to keep go into docs/benchmarks.md by hand, with the date and the machine's load:
timings on a shared machine are read as ratios, not as absolute seconds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = (
    ("check: RELAX NG against jing", ["bench_check.py", "--repeat", "5", "--fixed-copies"]),
    ("the edition command against jing", ["bench_cli.py", "--repeat", "3"]),
    ("HTML against a Saxon identity transform", ["bench_html.py", "--repeat", "3"]),
    ("the editor's loop: serve and lsp on one novel", ["bench_editor.py", "--repeat", "5"]),
    ("check at scale: jing, the local pool, Dask", ["bench_scale.py", "--files", "10000"]),
    ("the whole build: wall and CPU time, search index", ["bench_build.py", "--repeat", "3"]),
    ("the build with nothing changed", ["bench_build.py", "--repeat", "3", "--incremental"]),
    ("the build after one paragraph changed", ["bench_build.py", "--repeat", "3", "--edit"]),
    ("the build's peak memory, process by process", ["bench_memory.py"]),
    (
        "a correspondence of 1,120 letters: time and memory",
        ["bench_memory.py", "--letters", "1600"],
    ),
    ("one file with 90,000 problems", ["bench_problems.py", "--paragraphs", "30000"]),
    ("texts against registers of growing size", ["bench_registers.py"]),
    ("the site's pages against the number of letters", ["bench_letters.py"]),
    ("texts of one shape at growing sizes", ["bench_shapes.py", "--units", "2000", "4000", "8000"]),
    ("how soon a signal is answered", ["bench_interrupts.py", "--repeat", "4"]),
)


def main() -> int:
    status = 0
    for title, command in STEPS:
        print(f"\n## {title}\n", flush=True)
        done = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], check=False)
        status = status or done.returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
