"""A large generated TEI corpus for benchmarks: letters with registers, and ELTeC chapters.

Usage (from the project root)::

    .venv/bin/python bench/make_corpus.py N [--seed S] [--out DIR] [--eltec DIR]

Writes N TEI files (plus three register files) into ``DIR`` (default: a new temporary
folder) and prints the folder. Everything follows from the seed: the same N and seed give
the same bytes. About 70% of the files are letters (3-4 KB: a correspondence header, names
pointing into the registers), 30% are copies of chapters of the ELTeC novels, each wrapped
in a small TEI document. About 8% of the files carry one seeded error, of a kind chosen
from ``ERRORS`` (RELAX NG, Schematron, references, well-formedness), so that a check of the
corpus reports problems at a realistic rate. Files go into folders of 1,000.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-eng"
TEI_NS = "http://www.tei-c.org/ns/1.0"
ERROR_RATE = 0.08
ERRORS = (
    "dangling-ref",  # refs.dangling
    "wrong-kind",  # refs.wrong-kind
    "unknown-element",  # RELAX NG
    "duplicate-id",  # rng.duplicate-id
    "when-and-from",  # tei_all's Schematron (a warning)
    "p-in-p",  # RELAX NG and tei_all's Schematron
    "truncated",  # not well-formed
)
PERSONS, PLACES, ORGS = 400, 200, 60
FIRST = "Anne Bram Clara Dirk Elise Frans Greta Hugo Ida Jan Karel Lotte Maria Nico Olga"
LAST = "Aerts Bakker Claes Dewit Engels Fransen Goossens Hermans Jacobs Kok Laenen Maes"
TOWNS = "Aalst Brugge Dinant Eupen Gent Hasselt Ieper Leuven Mons Namen Spa Tielt"
WORDS = (
    "the letter arrived this morning and we read it together by the window while the rain "
    "kept on falling over the fields of the old farm where nobody works any longer since "
    "father left for the town to find work at the station as he wrote in his last note"
)


def _pick(words: str, index: int) -> str:
    choices = words.split()
    return choices[index % len(choices)]


def header(title: str, extra: str = "") -> str:
    return (
        f"<teiHeader><fileDesc><titleStmt><title>{escape(title)}</title></titleStmt>"
        "<publicationStmt><p>Generated for benchmarks.</p></publicationStmt>"
        f"<sourceDesc><p>bench/make_corpus.py</p></sourceDesc></fileDesc>{extra}</teiHeader>"
    )


def document(title: str, body: str, extra: str = "", xml_id: str = "") -> str:
    ident = f' xml:id="{xml_id}"' if xml_id else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}"{ident}>\n'
        f"{header(title, extra)}\n<text>\n<body>\n{body}\n</body>\n</text>\n</TEI>\n"
    )


def registers() -> dict[str, str]:
    persons = "\n".join(
        f'<person xml:id="p{i}"><persName type="preferred">{_pick(FIRST, i)} {_pick(LAST, i)} {i}'
        "</persName></person>"
        for i in range(PERSONS)
    )
    places = "\n".join(
        f'<place xml:id="pl{i}"><placeName type="preferred">{_pick(TOWNS, i)} {i}</placeName>'
        "</place>"
        for i in range(PLACES)
    )
    orgs = "\n".join(
        f'<org xml:id="o{i}"><orgName type="preferred">Society {i}</orgName></org>'
        for i in range(ORGS)
    )
    return {
        "persons.xml": document("Persons", f"<listPerson>\n{persons}\n</listPerson>"),
        "places.xml": document("Places", f"<listPlace>\n{places}\n</listPlace>"),
        "orgs.xml": document("Organisations", f"<listOrg>\n{orgs}\n</listOrg>"),
    }


def sentence(rng: random.Random, names: list[str]) -> str:
    vocabulary = WORDS.split()
    words = [rng.choice(vocabulary) for _ in range(rng.randint(12, 30))]
    for name in names:
        words.insert(rng.randrange(len(words) + 1), name)
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def letter(number: int, rng: random.Random, error: str | None) -> str:
    sender, addressee = rng.randrange(PERSONS), rng.randrange(PERSONS)
    year, month, day = rng.randint(1850, 1920), rng.randint(1, 12), rng.randint(1, 28)
    when = f"{year}-{month:02d}-{day:02d}"
    date_attrs = f'when="{when}"' + (f' from="{year}"' if error == "when-and-from" else "")
    corresp = (
        "<profileDesc><correspDesc>"
        f'<correspAction type="sent"><persName ref="#p{sender}">P {sender}</persName>'
        f"<date {date_attrs}>{when}</date></correspAction>"
        f'<correspAction type="received"><persName ref="#p{addressee}">P {addressee}'
        "</persName></correspAction></correspDesc></profileDesc>"
    )
    paragraphs = []
    for index in range(rng.randint(3, 6)):
        names = []
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.6:
                names.append(f'<persName ref="#p{rng.randrange(PERSONS)}">someone</persName>')
            elif kind < 0.9:
                names.append(f'<placeName ref="#pl{rng.randrange(PLACES)}">somewhere</placeName>')
            else:
                names.append(f'<orgName ref="#o{rng.randrange(ORGS)}">a society</orgName>')
        ident = f' xml:id="l{number}-p{index}"'
        paragraphs.append(f"<p{ident}>{sentence(rng, names)}</p>")
    if error == "dangling-ref":
        paragraphs.append('<p>See <persName ref="#p999999">nobody</persName>.</p>')
    elif error == "wrong-kind":
        paragraphs.append(f'<p>At <persName ref="#pl{rng.randrange(PLACES)}">here</persName>.</p>')
    elif error == "unknown-element":
        paragraphs.append("<p>An <oddity>unknown</oddity> element.</p>")
    elif error == "duplicate-id":
        paragraphs.append(f'<p xml:id="l{number}-p0">Again.</p>')
    elif error == "p-in-p":
        paragraphs.append("<p>Outer <p>inner</p> text.</p>")
    body = (
        f'<div type="letter">\n<opener><dateline><placeName ref="#pl{rng.randrange(PLACES)}">'
        f'Town</placeName>, <date when="{when}">{when}</date></dateline>'
        f"<salute>Dear friend,</salute></opener>\n" + "\n".join(paragraphs) + "\n"
        f'<closer><salute>Yours,</salute><signed><persName ref="#p{sender}">P</persName>'
        "</signed></closer>\n</div>"
    )
    return document(f"Letter {number}", body, corresp, f"letter{number}")


def chapters(folder: Path) -> list[str]:
    """Every chapter of the ELTeC novels, serialised (in a fixed order)."""
    from lxml import etree

    found = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for path in sorted(folder.glob("*.xml")):
        root = etree.parse(str(path), parser).getroot()
        for div in root.iter(f"{{{TEI_NS}}}div"):
            if div.get("type") == "chapter":
                div.tail = None
                text = etree.tostring(div, encoding="unicode")
                found.append(text.replace(f' xmlns="{TEI_NS}"', ""))
    if not found:
        raise SystemExit(f"no ELTeC chapters found in {folder}")
    return found


def chapter(number: int, source: str, rng: random.Random, error: str | None) -> str:
    text = source
    if error in ("unknown-element", "wrong-kind", "dangling-ref", "duplicate-id"):
        text = text.replace("<p>", "<p><oddity>seeded</oddity>", 1)
    elif error == "p-in-p":
        text = text.replace("<p>", "<p>Outer <p>inner</p>", 1)
    elif error == "when-and-from":
        text = text.replace("<p>", '<p><date when="1900" from="1899">then</date>', 1)
    return document(f"Chapter {number}", text)


def generate(count: int, out: Path, seed: int, eltec: Path) -> None:
    rng = random.Random(seed)
    (out / "registers").mkdir(parents=True, exist_ok=True)
    for name, text in registers().items():
        (out / "registers" / name).write_text(text, encoding="utf-8")
    sources = chapters(eltec)
    for number in range(count):
        error = rng.choice(ERRORS) if rng.random() < ERROR_RATE else None
        if rng.random() < 0.3:
            kind, text = "chapter", chapter(number, rng.choice(sources), rng, error)
        else:
            kind, text = "letter", letter(number, rng, error)
        if error == "truncated":
            text = text[: len(text) * 2 // 3]
        folder = out / f"{kind}s" / f"{number // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{kind}-{number:06d}.xml").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many TEI files (registers aside)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=None, help="folder (default: a new one)")
    parser.add_argument("--eltec", type=Path, default=ELTEC, help="the ELTeC novels")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="edition-corpus-"))
    generate(args.count, out, args.seed, args.eltec)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
