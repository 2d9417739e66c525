"""The site's own pages against the number of letters: none may grow faster than the letters.

Usage (from the project root)::

    .venv/bin/python bench/bench_letters.py [--files 800 1600 3200]

For each size, ``make_corpus.py FILES`` writes a correspondence (about 0.7 FILES letters and
their registers; its chapters of novels are left out), which is built whole in this process
(``edition build``, its workers as usual) with every Saxon transform of this process timed:
the site's pages (the index pages, the home, about and search pages, the index's TEI export)
are made here, once per build. The table gives each one's seconds per thousand letters at
each size; a ratio (largest size against smallest) well over 1 is a cost that grows with the
square of the letters. Until 5 December the index pages looked for each occurrence's text
among all texts, and the home and about pages for each download's: 9,761 letters took 129 s
for persons.html alone (5.6 s since).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_corpus  # noqa: E402
from transform_times import quiet_run  # noqa: E402

#: Made once per build, from every letter: the stylesheets this benchmark watches.
SITE = ("index/tei", "index/pages", "html/home", "html/about")


def measure(files: int, work: Path) -> tuple[int, dict[str, float], float]:
    """The letters built, each site stylesheet's seconds (summed over its runs), the build's
    seconds."""
    corpus = work / f"corpus-{files}"
    make_corpus.generate(files, corpus, 13, make_corpus.ELTEC)
    shutil.rmtree(corpus / "chapters", ignore_errors=True)
    letters = sum(1 for _ in (corpus / "letters").rglob("*.xml"))
    spent, seconds = quiet_run(["build", str(corpus), "--out", str(work / f"out-{files}")])
    return letters, {name: sum(spent.get(name, [0.0])) for name in SITE}, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[800, 1600, 3200])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="edition-bench-letters-"))
    try:
        rows = [measure(n, work) for n in sorted(args.files)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("seconds per 1,000 letters of each site stylesheet (all its runs in one build)\n")
    print("| stylesheet | " + " | ".join(f"{n:,} letters" for n, _, _ in rows) + " | ratio |")
    print("|---|" + "---:|" * (len(rows) + 1))
    for name in SITE:
        per = [spent[name] * 1000 / n for n, spent, _ in rows]
        cells = " | ".join(f"{p:.2f}" for p in per)
        print(f"| {name} | {cells} | {per[-1] / max(per[0], 0.001):.1f}x |")
    builds = " | ".join(f"{s:.1f} s" for _, _, s in rows)
    print(f"| whole build | {builds} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
