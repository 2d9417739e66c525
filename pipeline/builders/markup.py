"""Writing XML by hand: character data and attribute values, escaped.

For the few documents the builders write as strings (a book's cover and map page, a text's
index wrapper). Not ``xml.sax.saxutils``: its import pulls in ``urllib.request`` and
``http.client`` (about 15 ms of every command's start), and its ``escape`` leaves a double
quote as it is, which ends an attribute written between double quotes.
"""

from __future__ import annotations


def xml_text(text: str) -> str:
    """``text`` as character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    """``text`` as the value of an attribute written between double quotes (line breaks and
    tabs as references: a parser would read them as spaces)."""
    text = xml_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
