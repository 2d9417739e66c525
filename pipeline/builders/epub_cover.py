"""A book's cover (issue 11 item 9): an SVG image drawn from the title, the authors and the
edition, packaged as the EPUB's ``cover-image`` (``epub.py``), so that the book is not a blank
tile in a library view.

The cover is made for thumbnails: a few large words on a plain ground, the title wrapped into
at most five lines, the authors and the edition below it; the colour of the ground derives
from the title (the same book always looks the same; two books rarely alike). Nothing in it
refers to another file, and it has no script: a self-contained SVG, as the EPUB rules want.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
import unicodedata
from collections.abc import Sequence

from .markup import xml_attr, xml_text

WIDTH, HEIGHT = 600, 900
#: Dark grounds on which white text stays readable (contrast above 7:1).
GROUNDS = ("#1f3a5f", "#5a1f2b", "#23452f", "#3d2a55", "#4a3516", "#16434a", "#333333")


def cover_svg(
    title: str, authors: Sequence[str], edition: str | None, lang: str = "und", rtl: bool = False
) -> bytes:
    """The cover of a book as SVG bytes."""
    ground = GROUNDS[int(hashlib.sha256(title.encode("utf-8")).hexdigest(), 16) % len(GROUNDS)]
    size, lines = _fit(title)
    # "start" is the right edge of a line in a right-to-left text: "end", with the
    # direction rtl, put a Hebrew title's right edge... at its left, off the cover (probe 46)
    anchor = "start"
    x = WIDTH - 60 if rtl else 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="cover-title"'
        f' xml:lang="{xml_attr(lang)}" direction="{"rtl" if rtl else "ltr"}">',
        f'<title id="cover-title">{xml_text(title)}</title>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{ground}"/>',
        f'<rect x="30" y="30" width="{WIDTH - 60}" height="{HEIGHT - 60}" fill="none"'
        ' stroke="#ffffff" stroke-opacity="0.5" stroke-width="3"/>',
        f'<g fill="#ffffff" font-family="Georgia, \'DejaVu Serif\', serif" text-anchor="{anchor}">',
    ]
    y = 200
    for line in lines:
        parts.append(f'<text x="{x}" y="{y}" font-size="{size}" font-weight="bold">'
                     f"{xml_text(line)}</text>")  # fmt: skip
        y += round(size * 1.2)
    y += 50
    below = _edition_lines(edition, 3)
    # the edition's first line: two lines end where they always did, a third goes above them
    # while the authors have room; else the authors keep it (Gaskell under a long title)
    if len(below) > 2 and len(_author_lines(authors, 3, room=6)) > _room(y, len(below)):
        below = _edition_lines(edition, 2)
    top = HEIGHT - 110 - 36 * max(0, len(below) - 2)
    for author in _author_lines(authors, 3, _room(y, len(below))):
        parts.append(f'<text x="{x}" y="{y}" font-size="36">{xml_text(author)}</text>')
        y += 46
    for n, line in enumerate(below):
        parts.append(f'<text x="{x}" y="{top + 36 * n}" font-size="28"'
                     f' fill-opacity="0.85">{xml_text(line)}</text>')  # fmt: skip
    parts.append("</g></svg>")
    return ("\n".join(parts) + "\n").encode("utf-8")


#: Font sizes of the title and the letters a line holds at each: 480 px of line over ~0.66 em
#: for a letter of a bold serif.
SIZES = ((72, 10), (60, 12), (50, 14), (42, 17), (36, 20))


def _fit(title: str) -> tuple[int, list[str]]:
    """The largest font size (of a few) at which the title fits in five lines, its words
    whole where a smaller size keeps them so: the largest alone cut "Wienerisch / es
    Diarium", "Frankenste / in" and "Wallenstei / ns Lager" where the next one holds the
    word (probe 47). A word longer than the smallest size's line is broken as before."""
    longest = max((_units(p) for w in _groups(title).split(" ") for p in _unbroken(w)), default=0.0)
    for whole in (True, False):
        for size, width in SIZES:
            lines = _wrap(title, width)
            if len(lines) <= 5 and (longest <= width or not whole):
                return size, lines
    lines = _wrap(title, 20)
    return 36, [*lines[:4], _cut(lines[4], 19) + "…"]


#: How many letters of a bold serif a full-width character (Chinese, Japanese, Korean) takes:
#: it is drawn one em wide, a letter about two thirds of one.
WIDE = 1.5


def _units(text: str) -> float:
    """Letters' widths: a full-width character :data:`WIDE`, a combining mark (Hebrew or Arabic
    vowel points, accents written apart) or a format character none."""
    return sum(
        0.0
        if unicodedata.category(c) in ("Mn", "Me", "Cf")
        else WIDE
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1.0
        for c in text
    )


def _wrap(text: str, width: int) -> list[str]:
    """The lines of ``text`` at ``width`` letters a line. Counted in characters, a Chinese or
    Japanese title ran half as wide again as the cover (probe 22: ten characters of 72 px on a
    line of 480); its full-width characters count as :data:`WIDE` letters, and a line may end
    after any of them (those scripts put no spaces between words). A vowel point counts for
    nothing and stays with its letter: a pointed Hebrew title was wrapped as if twice as long,
    and a word cut between a letter and its dagesh (probe 46). Other words break only where
    they are longer than a line (a title of letters alone: as textwrap wraps it). A date or
    a number group that fits a line stays on one (:func:`_groups`)."""
    held = _groups(text, width)
    return [line.replace(NBSP, " ") for line in _wrap_words(held, width)]


def _wrap_words(text: str, width: int) -> list[str]:
    if all(_units(c) == 1 for c in text):
        return textwrap.wrap(text, width, break_long_words=True)
    lines: list[str] = []
    line, used = "", 0.0
    # the spaces of a group (_groups) are no places to break
    for word in SPACES.split(text.strip()):
        for n, piece in enumerate(_pieces(word, width)):
            sep = " " if n == 0 and line else ""
            # a comma or a closing bracket never starts a line (it stays with its word)
            closing = unicodedata.category(piece[0]) in ("Po", "Pe", "Pf")
            if line and used + _units(sep + piece) > width and not closing:
                lines.append(line)
                line, used = piece, _units(piece)
            else:
                line, used = line + sep + piece, used + _units(sep + piece)
    return [*lines, line] if line else lines


NBSP = "\xa0"
#: Where words part: any space but a no-break one, which a source or :func:`_groups` put there.
SPACES = re.compile(r"[^\S\xa0]+")
#: A number as a date or a count writes it: "8.", "1894", "12,160", "[6.?]", "(3)".
NUMBER = re.compile(r"[\[(]?\d[\d.,/:–-]*\??[\])]?[.,;:]?")
#: A day, a month's name and a year: "1. Juni 1905", "1 June 1905" (not "4 and 5").
DAY = re.compile(r"\d{1,2}\.?")
MONTH = re.compile(r"[^\W\d_]+\.?")
YEAR = re.compile(r"\d{3,4}[.,;:]?")


def _groups(text: str, width: float = float("inf")) -> str:
    """``text`` with the spaces inside a date or a group of numbers ("8. 4. 1894", "1. Juni
    1905", "29. [6.?] 1902") made no-break spaces, where the group fits in ``width`` letters:
    a cover read "Bahr, 8. / 4. 1894" (probe 47). A number after one that ends in a comma or
    a semicolon begins a group of its own ("pp. 3, 4")."""
    words = SPACES.split(text.strip())
    joins = [False] * len(words)
    for n in range(len(words) - 1):
        first, second = words[n], words[n + 1]
        if not NUMBER.fullmatch(first) or first[-1] in ",;:":
            continue
        if NUMBER.fullmatch(second):
            joins[n] = True
        elif (
            n + 2 < len(words)
            and MONTH.fullmatch(second)
            and YEAR.fullmatch(words[n + 2])
            and DAY.fullmatch(first)
        ):
            joins[n] = joins[n + 1] = True
    runs: list[list[str]] = []
    for n, word in enumerate(words):
        if n and joins[n - 1]:
            runs[-1].append(word)
        else:
            runs.append([word])
    # a group longer than a line breaks where its words do
    return " ".join(
        NBSP.join(run) if _units(" ".join(run)) <= width else " ".join(run) for run in runs
    )


def _pieces(word: str, width: int) -> list[str]:
    """Where a word may be broken: after each full-width character, and in a run of other
    letters longer than a line, after each line's worth of them; never before a mark."""
    pieces: list[str] = []
    narrow = False  # whether the last piece is a run of letters that are not full-width
    for char in word:
        units = _units(char)
        if pieces and (units == 0 or (units == 1 and narrow and _units(pieces[-1]) < width)):
            pieces[-1] += char
        else:
            pieces.append(char)
            narrow = units == 1
    return pieces


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` letters, a full-width character counting :data:`WIDE`."""
    while _units(text) > width:
        text = text[:-1]
    return text


def _unbroken(word: str) -> list[str]:
    """The pieces of a word no line may split: runs of letters up to a hyphen (after which
    textwrap breaks) or a full-width character (after which any line may end)."""
    return [p for part in re.split(r"(?<=-)", word) for p in _pieces(part, 10**6) if p]


def _author_lines(authors: Sequence[str], most: int, room: int) -> list[str]:
    """The lines of at most ``most`` authors, in at most ``room`` lines: a name longer than a
    line goes on in a second one. Cut to one line, "Gaskell, Elizabeth…" and "Gaspar Melchor
    de…" lost the family name, "Александр Сергеевич…" all but the given names (probe 47)."""
    names = [a for a in authors if a.strip()]
    lines: list[str] = []
    for name in names[:most]:
        parts = _wrap(name, 24)
        if len(parts) > 2:
            parts = [parts[0], _shorten_one(" ".join(parts[1:]), 24)]
        lines.extend(parts)
    if len(names) > most or len(lines) > room:
        lines = lines[:room]
        if lines:
            lines[-1] = _cut(lines[-1], 22).rstrip() + " …"
    return lines


def _edition_lines(edition: str | None, most: int) -> list[str]:
    """The edition in at most ``most`` lines, the last ending in "…" when words are left out:
    "Austrian Centre for Digital Humanities and Cultural" lost its Heritage without a sign
    (probe 47)."""
    lines = _wrap(edition, 28) if edition else []
    if len(lines) > most:
        lines = [*lines[: most - 1], _cut(lines[most - 1], 26).rstrip() + " …"]
    return lines


def _room(y: int, edition_lines: int) -> int:
    """How many lines of authors fit from ``y`` down to the edition's first line."""
    top = HEIGHT - 110 - 36 * max(0, edition_lines - 2)
    return max(0, (top - 46 - y) // 46 + 1)


def _shorten_one(name: str, width: int) -> str:
    if _units(name) == len(name):
        return textwrap.shorten(name, width, placeholder="…")
    return name if _units(name) <= width else _cut(name, width - 1).rstrip() + "…"
