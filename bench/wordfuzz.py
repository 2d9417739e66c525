"""Word-preserving structural fuzz of the reading pages (and, with --epub, the books).

Usage (from the project root)::

    .venv/bin/python bench/wordfuzz.py [--cases 200] [--seed 1] [--batch 40] [--rounds 3]
        [--epub] [--whole] [--save DIR]

Each case is an excerpt of a seed file (a few consecutive blocks of one of the tei-samples or
of an ELTeC novel, under the seed's own header) with one to ``--rounds`` word-preserving mutations
(tests/structure_mutations.py: runs wrapped in names, dates, corrections, lemmas ...; blocks
moved into notes, cells, items, speeches, stanzas, a letter's opener ...). The excerpt is
built unchanged beside its mutant, so that what the excerpting does is told apart from what
the mutation does. Batches are built with the library's ``build`` (as the tests do), and the
words of each text are compared with its page by tests/words.py. A case fails when its words
differ, when the build reports an error, or a warning that says a rendering failed. Failing
cases are written to ``--save`` (default: a temporary folder, printed) with the difference.
With ``--epub`` every running word of the text must also be found, in order, in the book's
XHTML (a subsequence: the book adds headings and moves notes); ``--whole`` mutates whole
seed files (those under 300 KB) rather than excerpts. This is a script, not a test: a case
takes about 0.4 s (two cores, with the book). Run with ``PYTHONPATH=.`` from a worktree, so
that the build's worker processes import this tree's ``pipeline``.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree, html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from structure_mutations import TEI, mutate_structure  # noqa: E402
from words import assert_words_preserved, html_words, tei_words  # noqa: E402

from pipeline.build import build  # noqa: E402
from pipeline.diagnostics import Severity  # noqa: E402
from pipeline.gate import read_document  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
#: Blocks an excerpt is made of.
UNITS = frozenset(
    ["p", "ab", "lg", "sp", "list", "table", "quote", "floatingText", "figure", "stage"]
)
#: Warnings that say a rendering failed (others, such as a name without an entry, are noise).
BAD_CODES = ("internal", "transform", "render", "failed", "timeout", "kept-last-good")


def seeds() -> list[Path]:
    samples = SHARED / "tei-samples"
    found = sorted(
        p for p in samples.rglob("*.xml") if "xinclude" not in p.parts and p.name != "SHA256SUMS"
    )
    eltec = sorted((SHARED / "eltec-eng").glob("*.xml"))
    return found + eltec[:: max(1, len(eltec) // 4)][:4]


def _units(body: etree._Element) -> list[etree._Element]:
    out = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag[len(TEI) :] not in UNITS:
            continue
        if not element.tag.startswith(TEI):
            continue
        if any(
            a.tag.startswith(TEI) and a.tag[len(TEI) :] in UNITS for a in element.iterancestors()
        ):
            continue
        out.append(element)
    return out


def excerpt(root: etree._Element, rnd: random.Random) -> etree._Element | None:
    """A copy of ``root`` whose text is a few consecutive blocks of its body, in one div."""
    text = root.find(f"{TEI}text")
    body = text.find(f"{TEI}body") if text is not None else None
    if body is None:
        return None
    units = _units(body)
    if not units:
        return None
    start = rnd.randrange(len(units))
    chosen = units[start : start + rnd.randint(1, 4)]
    out = copy.deepcopy(root)
    for child in list(out):
        if child.tag in (f"{TEI}text", f"{TEI}sourceDoc", f"{TEI}facsimile"):
            out.remove(child)
    new_text = etree.SubElement(out, f"{TEI}text")
    for key, value in text.attrib.items():
        new_text.set(key, value)
    new_body = etree.SubElement(new_text, f"{TEI}body")
    div = etree.SubElement(new_body, f"{TEI}div")
    for unit in chosen:
        clone = copy.deepcopy(unit)
        clone.tail = "\n"
        div.append(clone)
    return out


def cases(
    count: int, seed: int, rounds: int, whole: bool = False
) -> list[tuple[str, bytes, bytes, list[str]]]:
    """(name, excerpt, mutant, operators) for ``count`` cases (``whole``: the seed file
    itself, not an excerpt, for the seeds under 300 KB)."""
    rnd = random.Random(seed)
    parsed = []
    parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True)
    for path in seeds():
        if whole and path.stat().st_size > 300_000:
            continue
        try:
            parsed.append((path, etree.parse(str(path), parser).getroot()))
        except etree.XMLSyntaxError:
            continue
    out = []
    while len(out) < count:
        path, root = rnd.choice(parsed)
        base = copy.deepcopy(root) if whole else excerpt(root, rnd)
        if base is None:
            continue
        mutant = copy.deepcopy(base)
        names = mutate_structure(mutant.find(f"{TEI}text"), rnd, rnd.randint(1, rounds))
        if not names:
            continue
        out.append(
            (
                f"c{len(out):05d}_{path.stem[:24].strip('-_.')}",
                etree.tostring(base, encoding="UTF-8", xml_declaration=True),
                etree.tostring(mutant, encoding="UTF-8", xml_declaration=True),
                names,
            )
        )
    return out


def _check(source: Path, page: Path) -> str | None:
    result = read_document(source)
    if result.document is None:
        return "not read"
    if not page.exists():
        return "no page"
    try:
        assert_words_preserved(source, result.document.root, page)
    except AssertionError as error:
        return str(error)
    return None


def _check_book(source: Path, book: Path) -> str | None:
    """The running words of the text, in order, among the book's (a looser comparison than
    the page's: the book adds headings and puts its notes where it likes, so the text's words
    need only be a subsequence of the book's; a word lost, or two run together, still shows)."""
    result = read_document(source)
    if result.document is None or not book.exists():
        return "no book"
    text = result.document.root.find(f"{TEI}text")
    expected, _ = tei_words(text)
    got: list[str] = []
    with zipfile.ZipFile(book) as archive:
        for name in sorted(n for n in archive.namelist() if "/text-" in n):
            doc = html.document_fromstring(archive.read(name))
            words, notes = html_words(doc.xpath("//body")[0])
            got.extend(words)
            for note in notes:
                got.extend(note)
    position = 0
    for index, word in enumerate(expected):
        while position < len(got) and got[position] != word:
            position += 1
        if position == len(got):
            context = " ".join(expected[max(0, index - 6) : index + 3])
            return f"book: word {index} {word!r} not found in order (…{context}…)"
        position += 1
    return None


def run(
    count: int, seed: int, batch: int, rounds: int, epub: bool, save: Path, whole: bool = False
) -> Counter[str]:
    tally: Counter[str] = Counter()
    all_cases = cases(count, seed, rounds, whole)
    started = time.monotonic()
    save.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wordfuzz-") as tmp:
        for first in range(0, len(all_cases), batch):
            chunk = all_cases[first : first + batch]
            folder = Path(tmp) / f"in-{first}"
            folder.mkdir()
            for name, base, mutant, _ in chunk:
                (folder / f"{name}_base.xml").write_bytes(base)
                (folder / f"{name}_mut.xml").write_bytes(mutant)
            out = Path(tmp) / f"out-{first}"
            report = build([folder], out, only=["html", "epub"] if epub else ["html"], jobs=2)
            bad = {}
            for d in report.diagnostics:
                if d.severity is Severity.ERROR or (
                    d.severity is Severity.WARNING and any(c in d.code for c in BAD_CODES)
                ):
                    bad.setdefault(Path(d.path).stem, []).append(f"{d.code}: {d.message}")
            for name, base, mutant, names in chunk:
                for kind, data in (("base", base), ("mut", mutant)):
                    stem = f"{name}_{kind}"
                    problem = _check(folder / f"{stem}.xml", out / "html" / f"{stem}.html")
                    if epub and not problem:
                        problem = _check_book(folder / f"{stem}.xml", out / "epub" / f"{stem}.epub")
                    problems = ([problem] if problem else []) + bad.get(stem, [])
                    if not problems:
                        tally[f"{kind} ok"] += 1
                        continue
                    tally[f"{kind} failing"] += 1
                    (save / f"{stem}.xml").write_bytes(data)
                    note = "+".join(names) + "\n" + "\n".join(problems)
                    (save / f"{stem}.txt").write_text(note + "\n", encoding="utf-8")
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            done = first + len(chunk)
            print(
                f"wordfuzz: {done}/{len(all_cases)} cases, {dict(tally)}, "
                f"{time.monotonic() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epub", action="store_true")
    parser.add_argument("--whole", action="store_true", help="mutate whole files, no excerpts")
    parser.add_argument("--save", type=Path, default=None)
    args = parser.parse_args()
    save = args.save or Path(tempfile.mkdtemp(prefix="wordfuzz-found-"))
    tally = run(args.cases, args.seed, args.batch, args.rounds, args.epub, save, args.whole)
    print(f"wordfuzz: seed {args.seed}: {dict(tally)}; failing cases in {save}", file=sys.stderr)
    sys.exit(1 if tally["mut failing"] else 0)


if __name__ == "__main__":
    main()
