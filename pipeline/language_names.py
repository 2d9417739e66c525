"""Names of languages, scripts and regions in the interface's language, for the stylesheets.

A reader is told which language a text, a translation or a manuscript is in by its name
("Ancient Greek", "Altgriechisch"), not by the code the encoder wrote ("grc"). The names are
CLDR's, read through Babel: ``i18n.messages`` puts them into the ``messages`` document as
``<i:language k="grc">``, ``<i:script k="Latn">`` and ``<i:region k="TW">`` elements, and
``r:language-words`` (``xslt/common/base.xsl``) composes a tag's name from them after
``r:lang`` has normalised it (``eng`` -> ``en``, ``german`` -> ``de``). The whole table of the
interface language goes in (about 1,200 names, parsed once per process with the catalogue),
not the codes one corpus uses: a page then depends on its own text alone, and the stylesheets
need no list of codes gathered from every text.
"""

from __future__ import annotations

import functools

from babel import Locale

#: The kinds of name, each an element of the messages document: Babel's table of the locale.
KINDS = ("language", "script", "region")


@functools.lru_cache(maxsize=8)
def names(ui_language: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, code, name) of every language, script and region CLDR names in ``ui_language``,
    sorted. Regional variants of a language ("en_GB": "British English") are left out: a tag
    is named as Babel's ``get_display_name`` names it, the language with its script and region
    in brackets ("English (United Kingdom)")."""
    locale = Locale.parse(ui_language)
    tables = (locale.languages, locale.scripts, locale.territories)
    found = [
        (kind, code, name)
        for kind, table in zip(KINDS, tables, strict=True)
        for code, name in table.items()
        if "_" not in code and name
    ]
    return tuple(sorted(found))


__all__ = ["KINDS", "names"]
