"""A date's words against its normalised value: the index's check that they agree.

timeline record (words, bounds of ``@when`` or of a range) -> why they disagree, or None.

Probe 94: "April 1943" with ``when="1943-05"`` was filed under May 1943 on the timeline, and
neither ``edition check`` nor the build said a word. The words name a year when they hold a
number of four digits standing alone (not "No. 1849"), two years when they write a double year
("1731/32"); a month when they hold a month's name (English, French, German, Italian, Spanish,
Portuguese, Dutch and Latin: the languages of the interface and their neighbours; unambiguous
abbreviations too, and "7bre" for September), write the date in dotted numbers ("6. 8. 1891",
day first) or with a Roman month between a day and a year ("12.IV.1944", "8, IX, 31"); and a day
when a number stands next to the month's name ("28 février", "Feb. 11"). A date disagrees when
its words name years and none lies within its value; when they name months and none is one its
value takes in (for a range within a year: one outside it); or, for a value of one day, when
they name another day of its month. A Roman date counts its days before the Kalends of the next
month ("16. kalendas septembris" is 17 August): the month before the named one is its month too,
and its day is not compared. Words that name nothing of these, the editor's "late that year",
say nothing to compare. Probe 97 took out what read as months in real dates and was not ("op
Sint Jan", "San Marco", "mar." for mardi, "le sept" for seven).
"""

from __future__ import annotations

import re
import unicodedata

#: Month names by month, lower case and without accents (``_plain``).
_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "janvier", "januar", "janner", "gennaio", "enero", "janeiro", "januari",
        "ianuarius", "ianuarii", "ianuarias", "januarius", "janv"),
    2: ("february", "fevrier", "februar", "feber", "febbraio", "febrero", "fevereiro",
        "februari", "februarius", "februarii", "februarias", "feb", "febr", "fevr"),
    3: ("march", "mars", "marz", "marzo", "maart", "martius", "martii", "martias"),
    4: ("april", "avril", "aprile", "abril", "aprilis", "apriles", "apr", "avr"),
    5: ("may", "mai", "maggio", "mayo", "maio", "mei", "maius", "maii", "maias"),
    6: ("june", "juin", "juni", "giugno", "junio", "junho", "iunius", "iunii", "iunias",
        "jun"),
    7: ("july", "juillet", "juli", "luglio", "julio", "julho", "iulius", "iulii", "iulias",
        "jul", "juil"),
    8: ("august", "aout", "agosto", "augustus", "augusti", "augustas", "aug"),
    9: ("september", "septembre", "settembre", "septiembre", "setiembre", "setembro",
        "septembris", "septembres", "sep"),
    10: ("october", "octobre", "oktober", "ottobre", "octubre", "outubro", "octobris",
         "octobres", "oct", "okt"),
    11: ("november", "novembre", "noviembre", "novembro", "novembris", "novembres", "nov"),
    12: ("december", "decembre", "dezember", "dicembre", "diciembre", "dezembro",
         "decembris", "decembres", "dec"),
}  # fmt: skip
_MONTH = {name: month for month, names in _NAMES.items() for name in names}
_MONTHS = "|".join(sorted(_MONTH, key=len, reverse=True))
_WORD = re.compile(r"[^\W\d_]+")
#: "7bre", "8ber", "Xbre": September to December by their old numbers.
_NUMBERED = re.compile(r"(?<![\w])(7|8|9|10|x)b(?:re|er|ris)?\b")
_YEAR = re.compile(r"(?<!\d)(?<!no\. )(?<!nr\. )(?<!n° )(?<!#)(\d{4})(?:\s*/\s*(\d{1,4}))?(?!\d)")
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.\s*(\d{1,2})\.\s*\d{4}(?!\d)")
#: "12.IV.1944", "3 XI 1918", "8, IX, 31" (probe 97): a Roman month between a day and a
#: year of four or two digits (both asked for, so that "Henry IV" or "vi" is no month).
_ROMAN_MONTH = re.compile(
    r"(?<![\d.])(\d{1,2})(\.?\s*[.,\-/ ]?\s*)(xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
    r"(\s*[.,\-/ ]\s*)(\d{4}|\d{2})(?!\d)"
)
#: What a number before a Roman numeral counts when it is no day (probe 103: "fol. 12 v
#: 1544", "Psalm 23 v 1611", "vol. 3 I 1900", "Nr. 4 iv 1890").
_COUNTED = re.compile(r"(?:vol|fol|f|nr|no|n|ps|psalm|ch|cap|art|p|pp|s|sect|lib|tom|bd|t)\.?\s*$")
_ROMAN_NUMBERS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_ORDINAL = r"(?:st|nd|rd|th|er|e|eme|o|ter|ten)?\.?"
_DAY_BEFORE = re.compile(
    rf"(?<![\d.])(\d{{1,2}}){_ORDINAL}\s+(?:(?:de|of|the|di|del|do|da)\s+)*({_MONTHS})\b"
)
_DAY_AFTER = re.compile(rf"\b({_MONTHS})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)")
_ROMAN = re.compile(r"\b(?:kal|kalend\w*|calend\w*|kl)\b")

Day = tuple[int, int, int]


def disagreement(words: str, earliest: Day, latest: Day) -> tuple[str, str] | None:
    """Why ``words`` cannot say the date from ``earliest`` to ``latest`` (year, month, day),
    and which end of it they pass ("start" or "end": probe 99 blamed @from for a June past
    @to), or None. Only a year from 1000 to 2999 counts (a number of four digits is a sum, a
    page, an address as well), and a month is compared only inside one year's bounds."""
    plain = _plain(words)
    years = sorted(set(_years(plain)))
    if years and not any(earliest[0] <= y <= latest[0] for y in years):
        named = " and ".join(str(y) for y in years)
        side = "end" if years[0] > latest[0] else "start"
        return f"its words name {named}, a year it does not take in", side
    if earliest[0] != latest[0]:
        return None
    roman = _ROMAN.search(plain) is not None
    months = _months(plain)
    if roman:  # the Kalends of a month are counted back from its first day
        months |= {m - 1 for m in months if m > 1} | ({12} if 1 in months else set())
    if months:
        inside = [earliest[1] <= m <= latest[1] for m in months]
        one_month = earliest[1] == latest[1]
        if not any(inside) or (not one_month and not all(inside)):
            side = "end" if max(months) > latest[1] else "start"
            return "its words name a month it does not take in", side
    # a double year is a date of the Old Style, whose day is not the value's
    if earliest == latest and not roman and "/" not in plain:
        days = _days(plain)
        if len(days) == 1 and days != {earliest[2]}:
            return f"its words name day {days.pop()}, not the day it gives", "start"
    return None


def _years(plain: str) -> list[int]:
    found = []
    for match in _YEAR.finditer(plain):
        year = int(match.group(1))
        if not 1000 <= year <= 2999:
            continue
        found.append(year)
        second = match.group(2)
        if second:  # a double year: "1731/32" is 1731 and 1732
            tail = int(second)
            full = int(str(year)[: 4 - len(second)] + second) if len(second) < 4 else tail
            if year < full <= year + 1:
                found.append(full)
    return found


def _months(plain: str) -> set[int]:
    months = {m for w in _WORD.findall(plain) if (m := _MONTH.get(w))}
    months |= {9 + ("7", "8", "9", "10").index(n) if n != "x" else 12
               for n in _NUMBERED.findall(plain)}  # fmt: skip
    months |= {int(m) for _, m in _DOTTED.findall(plain) if 1 <= int(m) <= 12}
    if not months:  # a month named in words is the month ("12 Sept. 1850 (vol. 3, i, 22)")
        months |= {_ROMAN_NUMBERS.index(m) + 1 for _, m in _roman_dates(plain)}
    return months


def _roman_dates(plain: str) -> list[tuple[str, str]]:
    """The (day, Roman month) of the dates written with a Roman month: not after a word that
    counts volumes, leaves or verses, and a numeral of one letter (i, v, x: a verso, a
    times sign, a list's item) only between dots, hyphens or slashes ("3.V.1791")."""
    found = []
    for match in _ROMAN_MONTH.finditer(plain):
        day, before, numeral, after, year = match.groups()
        if _COUNTED.search(plain[: match.start()]):
            continue
        if len(numeral) == 1 and not (before.strip() and after.strip() in (".", "-", "/")):
            continue
        if len(year) == 2 and not after.strip():  # "2 x 50": a two-digit year wants a mark
            continue
        found.append((day, numeral))
    return found


def _days(plain: str) -> set[int]:
    days = {int(d) for d, _ in _DAY_BEFORE.findall(plain)}
    days |= {int(d) for _, d in _DAY_AFTER.findall(plain)}
    days |= {int(d) for d, _ in _DOTTED.findall(plain)}
    days |= {int(d) for d, _ in _roman_dates(plain)}
    return {d for d in days if 1 <= d <= 31}


def _plain(words: str) -> str:
    """Lower case, accents and the German umlauts' dots taken off ("März", "août")."""
    decomposed = unicodedata.normalize("NFKD", " ".join(words.lower().split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
