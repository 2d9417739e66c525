"""XML Base (``xml:base``): the address a relative reference of an element stands for.

element + a reference written in it -> the reference relative to the document's own file,
through the relative ``xml:base`` values around the element, outermost first: those that
``xi:include`` writes on an included part ("../parts/ch.xml"), and those an encoder writes
on a division. Read by the images a page publishes (``builders/images.py``), by the
pointers between texts the build links (``reshape``) and by the pointers the check resolves
(``validate/references.py``): one join, so that all three read a part's references alike.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit, urlunsplit

from lxml import etree

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def rebased(element: etree._Element, url: str) -> str:
    """A local ``url`` resolved against the relative ``xml:base`` values around ``element``,
    outermost first (probe 37: a part included from ``sub/`` naming ``img.png`` beside it was
    looked for beside the including file). A base that is an address elsewhere is no folder
    of the text: the url stays as written."""
    base = ""
    for holder in reversed([element, *element.iterancestors()]):
        value = (holder.get(XML_BASE) or "").strip()
        if value:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("/"):
                return url
            base = joined(base, value)
    return joined(base, url) if base else url


def joined(base: str, reference: str) -> str:
    """A relative ``reference`` resolved against a relative ``base``, as RFC 3986 joins paths
    but keeping the steps above the base's start: ``urljoin("../parts/ch.xml", "img/a.png")``
    is "parts/img/a.png", a file beside the including text (probe 140: another image than the
    part's was published)."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or reference.startswith("/"):
        return reference
    if not parts.path:
        return base.partition("#")[0] + reference
    folder = base.partition("#")[0].partition("?")[0].rpartition("/")[0]
    path = posixpath.normpath(posixpath.join(folder, parts.path))
    # normpath drops a folder's slash, which says where the next base's files are; "." and
    # ".." name folders too (probe 126: ".." was taken for a file's name)
    named = parts.path.endswith("/") or parts.path.rsplit("/", 1)[-1] in (".", "..")
    path = "" if path == "." else path + ("/" if named else "")
    return urlunsplit(("", "", path, parts.query, parts.fragment))
