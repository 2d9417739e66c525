"""Benchmark of the HTML writer on the ELTeC corpus, against a Saxon identity transform.

Usage (from the project root)::

    .venv/bin/python bench/bench_html.py [--corpus DIR] [--jobs N] [--repeat N]

The corpus is gated and normalised once and the index builder runs once (untimed), as in
``edition build``. Then, median of ``--repeat`` runs each:

- ``identity``: a saxonche identity transform (``on-no-match="shallow-copy"``, HTML output)
  of every gated file, one process: the floor of any XSLT writer;
- ``html``: ``HtmlBuilder.build`` with ``--jobs`` workers: every reading page, the home
  and about pages, the index pages and the assets, written to a temporary folder.

The target is ``html`` under twice ``identity``. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpora" / "eltec-eng"

IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" html-version="5" encoding="UTF-8"/>
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""


def main() -> None:
    from pipeline.build import BuildContext, load_corpus
    from pipeline.builders.html import HtmlBuilder
    from pipeline.builders.index import IndexBuilder
    from pipeline.diagnostics import Report
    from pipeline.xslt import engine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.xml"))
    started = time.perf_counter()
    corpus = load_corpus(files, Report())
    print(
        f"{len(corpus.texts)} texts gated and normalised in {time.perf_counter() - started:.1f} s"
    )
    context = BuildContext(
        corpus, Path(tempfile.gettempdir()), dt.datetime(2000, 1, 1), jobs=args.jobs
    )
    with tempfile.TemporaryDirectory() as tmp:
        IndexBuilder().build(context, Path(tmp))

    identity = engine().compile_text(IDENTITY, "identity")
    sources = [text.source.xml_text() for text in corpus.texts]

    def run_identity() -> None:
        for source in sources:
            identity.transform(source)

    def run_html() -> None:
        staging = Path(tempfile.mkdtemp(prefix="bench-html-"))
        try:
            problems = HtmlBuilder().build(context, staging)
            assert not [p for p in problems if p.severity.value == "error"], problems
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    times = {"identity": _median(run_identity, args.repeat), "html": _median(run_html, args.repeat)}
    size = sum(len(s.encode("utf-8")) for s in sources) / 1e6
    print(f"\n| run | wall s | CPU s |  (median of {args.repeat})\n|---|---|---|")
    label = f"identity transform, {len(sources)} files, {size:.0f} MB, 1 process"
    print(f"| {label} | {times['identity'][0]:.2f} | {times['identity'][1]:.2f} |")
    print(f"| html build, jobs={args.jobs} | {times['html'][0]:.2f} | {times['html'][1]:.2f} |")
    wall = times["html"][0] / times["identity"][0]
    cpu = times["html"][1] / times["identity"][1]
    print(f"\nratio html / identity: wall {wall:.2f}, CPU {cpu:.2f} (target: wall < 2)")


def _median(run: object, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (this process and its finished workers)."""
    walls, cpus = [], []
    for _ in range(repeat):
        cpu, started = _cpu(), time.perf_counter()
        run()  # type: ignore[operator]
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    main()
