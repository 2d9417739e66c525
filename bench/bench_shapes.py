"""Benchmark of texts of one shape at growing sizes: does any cost grow with the square?

Usage (from the project root)::

    .venv/bin/python bench/bench_shapes.py [--shapes S ...] [--units N ...] [--keep DIR]
                                           [--no-check] [--profile DIR]

For each shape (default: all of ``SHAPES``) and each N (default 2,000, 4,000 and 8,000),
writes into a temporary folder one TEI text of N units of that shape (``names`` and
``unheaded`` with a small register in the back), builds it once in a child process with one
worker and no time limit (HTML, EPUB and index), timing every Saxon transform by stylesheet
in CPU seconds (the host is shared: wall times drift with the others' load), and times
``edition check`` of the text with tei_all as a whole process. Printed per shape and N: the
build's wall and CPU time, each stylesheet's CPU time, the rest (Python, the search index),
the check, and for every N after the first the ratio of the stylesheets' time to that at the
previous N: about 2 for a doubling is linear, about 4 a square. ``--keep DIR`` keeps the
generated texts (to build them before and after a change and compare); ``--profile DIR``
writes a cProfile dump of each build there (``SHAPE-N.prof``), to find a Python cost. The
script takes about fifteen minutes for the sixteen shapes at the three sizes, so ``make
bench`` does not run it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import FIRST, LAST, TEI_NS, WORDS, _pick, header  # noqa: E402

EDITION = [sys.executable, "-m", "pipeline.entry"]
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
STYLESHEETS = ("stages/normalize", "html/page", "epub/book", "index/entities", "index/pages",
               "index/tei")  # fmt: skip
SHORT = {"stages/normalize": "norm", "html/page": "page", "epub/book": "book",
         "index/entities": "facts", "index/pages": "ix pages", "index/tei": "ix tei"}  # fmt: skip


def _words(i: int, count: int = 6) -> str:
    words = WORDS.split()
    start = i % (len(words) - count)
    return " ".join(words[start : start + count])


def _tei(title: str, body: str, extra_header: str = "", back: str = "") -> str:
    """A TEI document; ``extra_header`` replaces the sourceDesc's paragraph."""
    head = header(title)
    if extra_header:
        head = head.replace("<p>bench/make_corpus.py</p>", extra_header)
    back_part = f"\n<back>\n{back}\n</back>" if back else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}">\n{head}\n'
        f"<text>\n<body>\n{body}\n</body>{back_part}\n</text>\n</TEI>\n"
    )


def _divisions(blocks: list[str], per: int = 50) -> str:
    """Blocks grouped into headed divisions of ``per``, as a long text has them."""
    return "\n".join(
        f'<div type="chapter"><head>Chapter {n // per + 1}</head>\n'
        + "\n".join(blocks[n : n + per])
        + "\n</div>"
        for n in range(0, len(blocks), per)
    )


def notes(n: int) -> str:
    blocks = [f'<p>{_words(i)}<note place="foot">Note {i}: {_words(i + 3)}.</note> '
              f"{_words(i + 5)}.</p>" for i in range(n)]  # fmt: skip
    return _tei(f"Footnotes ({n})", _divisions(blocks))


def apparatus(n: int) -> str:
    witnesses = (
        '<listWit><witness xml:id="A">Codex A</witness><witness xml:id="B">Codex B</witness>'
        '<witness xml:id="C">Codex C</witness></listWit>'
    )
    blocks = [f'<p>{_words(i)} <app><lem wit="#A">{_pick(FIRST, i)}</lem>'
              f'<rdg wit="#B #C">{_pick(LAST, i)}</rdg></app> {_words(i + 4)}.</p>'
              for i in range(n)]  # fmt: skip
    return _tei(f"Apparatus ({n})", _divisions(blocks), witnesses)


def pages(n: int) -> str:
    blocks = [f'<pb n="{i + 1}" facs="https://example.org/images/p{i + 1}.jpg"/>'
              f"<p>{_words(i)} {_words(i + 7)}.</p>" for i in range(n)]  # fmt: skip
    return _tei(f"Page breaks ({n})", _divisions(blocks))


def lines(n: int) -> str:
    rows = [f'<lb n="{i + 1}"/>{_words(i, 5)}' for i in range(n)]
    blocks = ["<p>" + "\n".join(rows[k : k + 30]) + "</p>" for k in range(0, n, 30)]
    return _tei(f"Diplomatic lines ({n})", _divisions(blocks, 10))


def verse(n: int) -> str:
    stanzas = [
        '<lg type="stanza">'
        + "".join(f'<l n="{k + 1}">{_words(k, 5)}</l>' for k in range(s, min(s + 14, n)))
        + "</lg>"
        for s in range(0, n, 14)
    ]
    return _tei(f"Verse ({n})", _divisions(stanzas, 20))


def drama(n: int) -> str:
    roles = 20
    cast = "".join(f'<castItem><role xml:id="r{k}">{_pick(FIRST, k)} {k}</role></castItem>'
                   for k in range(roles))  # fmt: skip
    speeches = [f'<sp who="#r{i % roles}"><speaker>{_pick(FIRST, i % roles)} {i % roles}'
                f"</speaker><p>{_words(i)}.</p></sp>" for i in range(n)]  # fmt: skip
    scenes = "\n".join(
        f'<div type="scene"><head>Scene {k // 100 + 1}</head>\n'
        + "\n".join(speeches[k : k + 100])
        + "\n</div>"
        for k in range(0, n, 100)
    )
    front = f"<front><castList><head>Persons</head>{cast}</castList></front>\n"
    return _tei(f"A play ({n})", scenes).replace("<text>\n", f"<text>\n{front}")


def divisions(n: int) -> str:
    """N divisions with headings, three levels deep (a long contents)."""
    parts = []
    for top in range(0, n, 10):
        subs = "".join(f'<div type="section"><head>Section {top + k + 1}</head>'
                       f"<p>{_words(top + k)}.</p></div>"
                       for k in range(1, min(10, n - top)))  # fmt: skip
        parts.append(f'<div type="chapter"><head>Chapter {top + 1}</head>{subs}</div>')
    books = [
        f'<div type="part"><head>Part {k // 100 + 1}</head>' + "".join(parts[k : k + 100])
        + "</div>" for k in range(0, len(parts), 100)
    ]  # fmt: skip
    return _tei(f"Divisions ({n})", "\n".join(books))


def pointers(n: int) -> str:
    blocks = []
    for i in range(n):
        target = (i * 7 + 3) % n
        link = (f'<ptr target="#a{target}"/>' if i % 2 else
                f'<ref target="#a{target}">see {target}</ref>')  # fmt: skip
        blocks.append(f'<p><anchor xml:id="a{i}"/>{_words(i)} {link}.</p>')
    return _tei(f"Cross-references ({n})", _divisions(blocks))


def choices(n: int) -> str:
    blocks = []
    for i in range(n):
        choice = ("<choice><sic>teh</sic><corr>the</corr></choice>" if i % 2 else
                  "<choice><abbr>Mr</abbr><expan>Mister</expan></choice>")  # fmt: skip
        blocks.append(f"<p>{_words(i)} {choice} {_words(i + 2)}.</p>")
    return _tei(f"Choices ({n})", _divisions(blocks))


def names(n: int) -> str:
    people = min(n, 200)
    register = "".join(f'<person xml:id="p{k}"><persName>{_pick(FIRST, k)} {_pick(LAST, k)}'
                       f"</persName></person>" for k in range(people))  # fmt: skip
    blocks = [f'<p>{_words(i)} <persName ref="#p{i % people}">{_pick(FIRST, i)}</persName> '
              f'on <date when="{1800 + i % 200}-{i % 12 + 1:02d}-{i % 28 + 1:02d}">a day</date>.'
              "</p>" for i in range(n)]  # fmt: skip
    back = f'<div type="register"><listPerson>{register}</listPerson></div>'
    return _tei(f"Names and dates ({n})", _divisions(blocks), back=back)


def table(n: int) -> str:
    rows = "\n".join(f'<row><cell>{i + 1}</cell><cell>{_pick(FIRST, i)}</cell>'
                     f"<cell>{_pick(LAST, i)}</cell><cell>{_words(i, 3)}</cell></row>"
                     for i in range(n))  # fmt: skip
    head = ('<row role="label"><cell>No.</cell><cell>First</cell><cell>Last</cell>'
            "<cell>Note</cell></row>")  # fmt: skip
    return _tei(f"A table ({n})", f"<div><head>Table</head><table>{head}\n{rows}</table></div>")


def bibliography(n: int) -> str:
    items = "\n".join(f'<bibl xml:id="b{i}"><author>{_pick(LAST, i)}, {_pick(FIRST, i)}</author>'
                      f"<title>{_words(i, 4)}</title><pubPlace>Gent</pubPlace>"
                      f"<date>{1800 + i % 200}</date></bibl>" for i in range(n))  # fmt: skip
    body = "<div><head>Bibliography</head><p>The works below.</p></div>"
    return _tei(f"Bibliography ({n})", body, back=f"<listBibl>\n{items}\n</listBibl>")


def segments(n: int) -> str:
    blocks = [f'<p><seg xml:id="s{i}" corresp="#s{(i + n // 2) % n}">{_words(i)}</seg> '
              f"{_words(i + 1, 3)}.</p>" for i in range(n)]  # fmt: skip
    return _tei(f"Segments ({n})", _divisions(blocks))


def items(n: int) -> str:
    entries = "\n".join(f"<item>{_words(i)}</item>" for i in range(n))
    return _tei(f"A list ({n})", f"<div><head>List</head><list>\n{entries}\n</list></div>")


def unheaded(n: int) -> str:
    """N names, four to a division of one type with no heading (an issue's articles)."""
    people = min(n, 200)
    register = "".join(f'<person xml:id="p{k}"><persName>{_pick(FIRST, k)} {_pick(LAST, k)}'
                       f"</persName></person>" for k in range(people))  # fmt: skip
    paragraphs = [
        f'<p>{_words(i)} <persName ref="#p{i % people}">{_pick(FIRST, i)}</persName>.</p>'
        for i in range(n)
    ]
    parts = [f'<div type="article">{"".join(paragraphs[k : k + 4])}</div>' for k in range(0, n, 4)]
    back = f'<div type="register"><listPerson>{register}</listPerson></div>'
    return _tei(f"Unheaded articles ({n})", "\n".join(parts), back=back)


def dictionary(n: int) -> str:
    entries = [f'<entry xml:id="e{i}"><form type="lemma"><orth>{_pick(LAST, i)}{i}</orth></form>'
               f"<gramGrp><pos>noun</pos></gramGrp><sense><def>{_words(i)}</def>"
               f'<cit type="translation" xml:lang="{("fr", "de", "nl")[i % 3]}">'
               f"<quote>{_pick(FIRST, i)}</quote></cit></sense></entry>"
               for i in range(n)]  # fmt: skip
    return _tei(f"A dictionary ({n})", _divisions(entries, 100))


SHAPES: dict[str, Callable[[int], str]] = {
    "notes": notes, "app": apparatus, "pb": pages, "lb": lines, "l": verse, "sp": drama,
    "div": divisions, "ptr": pointers, "choice": choices, "names": names, "table": table,
    "listBibl": bibliography, "seg": segments, "entry": dictionary,
    "item": items, "unheaded": unheaded,
}  # fmt: skip


def write_text(folder: Path, shape: str, units: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{shape}.xml"
    path.write_text(SHAPES[shape](units), encoding="utf-8")
    return path


def build(folder: Path, out: Path, profile: Path | None) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of one build in a child process (one worker, no limit), and the
    CPU seconds of its transforms by stylesheet (CPU: the host is shared, wall times drift)."""
    report = out.parent / f"{out.name}-transforms.json"
    args = ["build", str(folder), "--out", str(out), "--clean", "-j", "1", "--timeout", "0"]
    extra = ["--profile", str(profile)] if profile else []
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--inner", str(report), *extra, "--", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    found: dict[str, float] = json.loads(report.read_text(encoding="utf-8"))
    return seconds, cpu, found


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def check(path: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [*EDITION, "check", str(path), "--schema", str(TEI_ALL), "--timeout", "0", "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def inner(report: Path, profile: Path | None, args: list[str]) -> None:
    """Run the build in this process, every transform timed (the child of ``build``)."""
    sys.path.insert(0, str(ROOT))
    from transform_times import transform_times

    from pipeline.cli import cli

    profiler = cProfile.Profile() if profile else None
    with transform_times(time.process_time) as times:
        try:
            if profiler:
                profiler.enable()
            cli(args, standalone_mode=False)
        finally:
            if profiler and profile:
                profiler.disable()
                profiler.dump_stats(str(profile))
            spent = {name: sum(seconds) for name, seconds in times.items()}
            report.write_text(json.dumps(spent), encoding="utf-8")


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--inner":
        profile = Path(sys.argv[4]) if sys.argv[3] == "--profile" else None
        inner(Path(sys.argv[2]), profile, sys.argv[sys.argv.index("--") + 1 :])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    parser.add_argument("--units", type=int, nargs="+", default=[2_000, 4_000, 8_000])
    parser.add_argument("--keep", type=Path, default=None, help="write the texts here")
    parser.add_argument("--no-check", action="store_true", help="do not time edition check")
    parser.add_argument("--profile", type=Path, default=None, help="cProfile dumps here")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="edition-shapes-"))
    cells = " | ".join(SHORT[s] for s in STYLESHEETS)
    print("One text of N units per shape; one build (html, epub, index) in one process, one "
          "worker: wall and CPU seconds, each stylesheet's CPU seconds, the rest (Python, the "
          "search index); check: wall seconds of `edition check` with tei_all; ratio: the "
          "stylesheets' CPU at N over that at the previous N\n")  # fmt: skip
    print(f"| shape | N | build wall | build CPU | {cells} | rest | check | ratio |")
    print("|---|---:|---:|---:|" + "---:|" * (len(STYLESHEETS) + 3))
    try:
        for shape in args.shapes:
            previous = 0.0
            for units in args.units:
                folder = (args.keep or scratch) / f"{shape}-{units}"
                path = write_text(folder, shape, units)
                out = scratch / f"out-{shape}-{units}"
                profile = None
                if args.profile:
                    args.profile.mkdir(parents=True, exist_ok=True)
                    profile = (args.profile / f"{shape}-{units}.prof").resolve()
                seconds, cpu, spent = build(folder, out, profile)
                checked = "" if args.no_check else f"{check(path):.2f}"
                saxon = sum(spent.get(s, 0.0) for s in STYLESHEETS)
                row = " | ".join(f"{spent.get(s, 0.0):.2f}" for s in STYLESHEETS)
                ratio = f"{saxon / previous:.2f}" if previous else ""
                print(f"| {shape} | {units:,} | {seconds:.2f} | {cpu:.2f} | {row} | "
                      f"{cpu - saxon:.2f} | {checked} | {ratio} |", flush=True)  # fmt: skip
                previous = saxon
                shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
