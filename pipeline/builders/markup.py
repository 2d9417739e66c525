"""Writing XML by hand: character data and attribute values, escaped.

For the few documents the builders write as strings (a book's cover and map page, a text's
index wrapper). Not ``xml.sax.saxutils``: its import pulls in ``urllib.request`` and
``http.client`` (about 15 ms of every command's start), and its ``escape`` leaves a double
quote as it is, which ends an attribute written between double quotes. ``html.escape``
gives the character data; an attribute also needs its line breaks and tabs as references.
"""

from __future__ import annotations

import html


def xml_text(text: str) -> str:
    """``text`` as character data."""
    return html.escape(text, quote=False)


def xml_attr(text: str) -> str:
    """``text`` as the value of an attribute written between double quotes (line breaks and
    tabs as references: a parser would read them as spaces)."""
    text = xml_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
