"""A date's words against its normalised value: the index's check that they agree.

timeline record (words, bounds of ``@when`` or of a range) -> why they disagree, or None.

Probe 94: "April 1943" with ``when="1943-05"`` was filed under May 1943 on the timeline, and
neither ``edition check`` nor the build said a word. The words name a year when they hold a
number of four digits standing alone, and a month when they hold a month's name (English,
French, German, Italian, Spanish, Portuguese, Dutch and Latin: the languages of the
interface and their neighbours; three-letter and dotted abbreviations of the English, French
and German names too). A date disagrees when its words name years and none lies within its
value, or name months and none is a month its value takes in, so that "1943-44", "the winter
of 1943/1944" or "between September and December" pass; words that name neither, the
editor's "late that year", say nothing to compare.
"""

from __future__ import annotations

import re
import unicodedata

#: Month names by month, lower case and without accents (``_plain``).
_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "janvier", "januar", "jaenner", "janner", "gennaio", "enero", "janeiro",
        "januari", "ianuarius", "ianuarii", "jan", "janv"),
    2: ("february", "fevrier", "februar", "feber", "febbraio", "febrero", "fevereiro",
        "februari", "februarius", "februarii", "feb", "febr", "fevr"),
    3: ("march", "mars", "marz", "marzo", "marco", "maart", "martius", "martii", "mar"),
    4: ("april", "avril", "aprile", "abril", "aprilis", "apr", "avr"),
    5: ("may", "mai", "maggio", "mayo", "maio", "mei", "maius", "maii"),
    6: ("june", "juin", "juni", "giugno", "junio", "junho", "iunius", "iunii", "jun"),
    7: ("july", "juillet", "juli", "luglio", "julio", "julho", "iulius", "iulii", "jul",
        "juil"),
    8: ("august", "aout", "agosto", "augustus", "augusti", "aug"),
    9: ("september", "septembre", "settembre", "septiembre", "setiembre", "setembro",
        "septembris", "sep", "sept"),
    10: ("october", "octobre", "oktober", "ottobre", "octubre", "outubro", "octobris",
         "oct", "okt"),
    11: ("november", "novembre", "noviembre", "novembro", "novembris", "nov"),
    12: ("december", "decembre", "dezember", "dicembre", "diciembre", "dezembro",
         "decembris", "dec", "dez"),
}  # fmt: skip
_MONTH = {name: month for month, names in _NAMES.items() for name in names}
_WORD = re.compile(r"[^\W\d_]+")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")

Day = tuple[int, int, int]


def disagreement(words: str, earliest: Day, latest: Day) -> str | None:
    """Why ``words`` cannot say the date from ``earliest`` to ``latest`` (year, month, day),
    or None. Only a year from 1000 to 2999 counts (a number of four digits is a sum, a page,
    an address as well), and a month is compared only inside one year's bounds."""
    years = sorted({int(y) for y in _YEAR.findall(words) if 1000 <= int(y) <= 2999})
    if years and not any(earliest[0] <= y <= latest[0] for y in years):
        named = " and ".join(str(y) for y in years)
        return f"its words name {named}, a year it does not take in"
    months = sorted({m for w in _WORD.findall(_plain(words)) if (m := _MONTH.get(w))})
    if (
        months
        and earliest[0] == latest[0]
        and not any(earliest[1] <= m <= latest[1] for m in months)
    ):
        return "its words name a month it does not take in"
    return None


def _plain(words: str) -> str:
    """Lower case, accents and the German umlauts' dots taken off ("März", "août")."""
    decomposed = unicodedata.normalize("NFKD", words.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
