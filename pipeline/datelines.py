"""A text's date as its first dateline gives it, for the header record (sources.header_record).

Many editions of letters date a letter in its text alone (``opener/dateline/date/@when``)
and give it no correspondence description; the home page reads each text's header record,
not its text, so without this such a letter was listed as undated in the calendar of an
edition of letters (xslt/html/modules/calendar.xsl). The record carries the date as
``ed:dateline`` on its stub ``text`` (the normalised value, nothing else: a thousand
letters' records stay small), and ``ed:saluted`` when the dateline's division also greets
its reader (``salute`` in its opener or closer). ``ed:greets``, whatever its datelines, when
the text greets its reader anywhere of its own (``greets``): with a correspondence
description, what makes a text one of the letters the calendar lists, where a play or a
collection of poems in an edition of letters was listed as an undated letter (probe 163).

Why the greeting: the TEI Guidelines give a dateline to "a letter, newspaper story, or other
work" (a diary's entries, a novel's closing "Trieste-Zürich-Paris, 1914-1921" have one too),
so a dateline says when a text was written, not that it is a letter; an opener's or
closer's salutation ("My dear Sir") is what letters have and diaries and articles have not.
The home page counts a text as a letter when its correspondence description gives a sending
date, or when it has a correspondence description or a greeting beside its dated dateline.
"""

from __future__ import annotations

import re

from lxml import etree

from .gate import TEI_NS

_T = f"{{{TEI_NS}}}"
#: The date's attributes in the order the calendar files a letter by them (``@when``, else
#: the start of a range, else its end), as ``r:letter-sort-date`` reads a sending date.
_ORDER = tuple(
    f"{name}{suffix}"
    for name in ("when", "notBefore", "from", "notAfter", "to")
    for suffix in ("", "-iso")
)
#: An ISO date as ``r:is-iso-date`` (xslt/common/i18n.xsl) accepts it.
_ISO = re.compile(
    r"-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]"
    r"(:[0-5][0-9](\.[0-9]+)?)?)?)?)?(Z|[+\-][0-9]{2}:[0-9]{2})?"
)
#: A dateline inside these is someone else's (a letter quoted in a novel, a note's source).
_EMBEDDED = frozenset(
    f"{_T}{n}" for n in ("floatingText", "q", "quote", "said", "cit", "note", "group")
)
#: A division's greeting: its opener's or closer's salutation.
_GREETING = etree.XPath("tei:opener/tei:salute | tei:closer/tei:salute", namespaces={"tei": TEI_NS})
_DIVISION = re.compile(r"\{" + re.escape(TEI_NS) + r"\}(div[1-7]?|body|front|back|text)$")


def first_dateline(text: etree._Element) -> etree._Element | None:
    """The text's first dateline of its own (not one inside a quotation, a note, an embedded
    text), in its front, body or back."""
    for dateline in text.iter(f"{_T}dateline"):
        if not any(a.tag in _EMBEDDED for a in dateline.iterancestors()):
            return dateline
    return None


def dateline_date(dateline: etree._Element) -> str | None:
    """The normalised date of a dateline's first date that has one: the first of its
    attributes (``_ORDER``) that is an ISO date; None when its dates are words alone."""
    for date in dateline.iter(f"{_T}date"):
        for name in _ORDER:
            value = " ".join(date.get(name, "").split())
            if _ISO.fullmatch(value):
                return value
    return None


def greets(text: etree._Element) -> bool:
    """Whether a text greets its reader: a ``salute`` of its own (in an opener or closer, or
    a division's top or bottom), not one inside a quotation, a note or an embedded text. A
    letter greets its reader; a play, a poem, a diary's entry does not (probe 163)."""
    return any(
        not any(a.tag in _EMBEDDED for a in salute.iterancestors())
        for salute in text.iter(f"{_T}salute")
    )


def saluted(dateline: etree._Element) -> bool:
    """Whether the dateline's division greets its reader: a ``salute`` in the opener or
    closer of the nearest division (or body) that holds the dateline."""
    division = next((a for a in dateline.iterancestors() if _DIVISION.match(str(a.tag))), None)
    if division is None:
        return False
    return bool(_GREETING(division))
