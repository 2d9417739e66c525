"""The interface's language: message catalogues (``xslt/i18n/<lang>.xml``) for the stylesheets.

Writers pass ``messages(lang)`` to every page and book stylesheet as the parameter document
``messages``; ``xslt/common/i18n.xsl`` looks labels up in it. The chosen catalogue is merged
over the English one, so a key a translation lacks still reads in English.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from . import language_names
from .errors import ConfigError
from .paths import XSLT_DIR
from .xslt import XmlText

I18N_NS = "urn:edition:i18n"
CATALOGUES = XSLT_DIR / "i18n"
DEFAULT_LANGUAGE = "en"


def languages() -> tuple[str, ...]:
    """The interface languages shipped, as catalogue names (``en``, ``de`` ...)."""
    return tuple(sorted(p.stem for p in CATALOGUES.glob("*.xml")))


def check_language(lang: str) -> str:
    """The catalogue for the language tag ``lang``: its own, else its primary language's,
    in any case ("de-DE", "DE", "de_AT" are German: probe 112, they were refused); a
    ``ConfigError`` naming the choices when none exists."""
    shipped = languages()
    for candidate in (lang, lang.lower(), lang.replace("_", "-").split("-")[0].lower()):
        if candidate in shipped:
            return candidate
    raise ConfigError(
        f"no interface catalogue for language {lang!r}; choose one of {', '.join(shipped)}"
    )


@functools.lru_cache(maxsize=8)
def _catalogue(lang: str) -> tuple[dict[str, str], str]:
    root = etree.parse(str(_path(lang))).getroot()
    found = {str(m.get("k")): m.text or "" for m in root.iter(f"{{{I18N_NS}}}m")}
    return found, str(root.get("dir", "ltr"))


def _path(lang: str) -> Path:
    return CATALOGUES / f"{check_language(lang)}.xml"


@functools.lru_cache(maxsize=8)
def messages(lang: str = DEFAULT_LANGUAGE) -> XmlText:
    """The catalogue of ``lang`` over English, as the stylesheets' ``messages`` document."""
    merged = dict(_catalogue(DEFAULT_LANGUAGE)[0])
    own, direction = _catalogue(lang)
    merged.update(own)
    root = etree.Element(f"{{{I18N_NS}}}messages", nsmap={None: I18N_NS})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    root.set("dir", direction)
    for key in sorted(merged):
        etree.SubElement(root, f"{{{I18N_NS}}}m", k=key).text = merged[key]
    # the names of languages, scripts and regions in this language (CLDR's), so that a reader
    # is told "Ancient Greek" where the source says grc (r:language-words)
    for kind, code, name in language_names.names(lang):
        etree.SubElement(root, f"{{{I18N_NS}}}{kind}", k=code).text = name
    return XmlText(etree.tostring(root, encoding="unicode"))


def message(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """One label in Python (for text the writers compose themselves)."""
    own = _catalogue(lang)[0]
    return own.get(key) or _catalogue(DEFAULT_LANGUAGE)[0].get(key, key)
