"""What the TEI copies the site offers must not carry: content a browser runs.

A source is published twice: as reading pages the writers make (which show a foreign
element's words as words), and as itself, under ``OUT/html/tei/`` and in the edition's zip
(``builders.downloads``). A browser that opens that copy from the site renders it as XML,
and runs what it finds of XHTML and SVG there: a ``<h:script>``, an ``onload`` attribute, a
``javascript:`` link (probe 83: ``<h:script>`` inside a TEI paragraph ran in the site's
origin from the download). None of it is TEI; the copy the build keeps (``sources.kept``) is
written without it, and the build says where it was (``build.active-content``).

gated document -> ``published_copy`` -> (bytes to keep, diagnostics)
"""

from __future__ import annotations

import re

from lxml import etree

from . import diagnostics as diag
from .diagnostics import Diagnostic
from .gate import SourceDocument, tree_of_copy

_ORIGIN = "build"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
XHTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: The namespaces a browser renders (and runs) inside an XML document.
_RENDERED = tuple(f"{{{ns}}}*" for ns in (XHTML_NS, SVG_NS, MATHML_NS))
#: Elements that run or load a document of their own: left out whole.
_ACTIVE = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
     "link", "portal", "handler", "listener"}
)  # fmt: skip
#: Attributes whose value a browser follows or evaluates as an address.
_ADDRESSES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "background", "srcdoc",
     XLINK_HREF}
)  # fmt: skip
#: Addresses that run what follows them (the browser ignores tabs and newlines inside a scheme,
#: and leading spaces or control characters: "java&#9;script:" runs).
_RUNS = re.compile(r"^(javascript|vbscript|data|livescript):", re.IGNORECASE)
_IGNORED = re.compile(r"[\x00-\x20]")
#: SVG animations that set an attribute (``<set attributeName="href" to="javascript:..">``).
_ANIMATIONS = frozenset({"set", "animate", "animateMotion", "animateTransform"})


def script_scheme(value: str) -> str | None:
    """The scheme of an address that runs what follows it (``javascript``, ``data``), in
    lower case, else None."""
    found = _RUNS.match(_IGNORED.sub("", value))
    return found.group(1).lower() if found else None


def runs_script(value: str) -> bool:
    """Whether an address runs what follows its scheme (``javascript:``, ``data:``)."""
    return script_scheme(value) is not None


def _active_attributes(element: etree._Element) -> list[str]:
    found = []
    for name, value in element.items():
        local = etree.QName(name).localname
        if local.lower().startswith("on") or (name in _ADDRESSES and runs_script(value)):
            found.append(name)
    return found


def _is_active(element: etree._Element) -> bool:
    local = etree.QName(element).localname
    if local in _ACTIVE:
        return True
    if local in _ANIMATIONS and etree.QName(element).namespace == SVG_NS:
        target = (element.get("attributeName") or "").lower()
        values = " ".join(element.get(a) or "" for a in ("to", "from", "values", "by"))
        return target.startswith("on") or (target.endswith("href") and runs_script(values.strip()))
    return False


def first_active(root: etree._Element) -> etree._Element | None:
    """The first element of XHTML, SVG or MathML under ``root`` that a browser would run (an
    element that runs or loads, an ``on…`` attribute, a ``javascript:`` address), or None:
    a schema's documentation in XHTML (tei_all's <code>) runs nothing."""
    for element in root.iter(*_RENDERED):
        if _is_active(element) or _active_attributes(element):
            return element
    return None


def published_copy(document: SourceDocument, snapshot: bytes) -> tuple[bytes, list[Diagnostic]]:
    """``snapshot`` (the bytes the build keeps of ``document``: ``sources.snapshot_bytes``),
    or, when the document holds XHTML, SVG or MathML that a browser would run, the document
    written again without it, and one ``build.active-content`` warning saying where the
    first of it was and how much there was."""
    root = document.root
    snapshot, told = _without_stylesheets(document, snapshot)
    if next(root.iter(*_RENDERED), None) is None:  # nearly every file: one walk in C
        return snapshot, told
    # what runs, in document order: an element, else each of its attributes that runs
    found: list[tuple[etree._Element, str]] = []
    for element in root.iter(*_RENDERED):
        if _is_active(element):
            found.append((element, f"<{etree.QName(element).localname}>"))
        else:
            found.extend(
                (element, f"@{etree.QName(name).localname}") for name in _active_attributes(element)
            )
    if not found:
        return snapshot, told
    first, what = found[0]
    line, column = document.element_place(first)
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    active = diag.warning(
        document.display,
        "build.active-content",
        f"{what} of {_namespace_name(first)} would run in a reader's browser from the TEI "
        f"the site offers for download{more}: left out of the published copy; remove it "
        "from the source",
        line or 0,
        column,
        origin=_ORIGIN,
    )
    tree = tree_of_copy(snapshot)
    _strip(tree)
    data = _written(tree)
    # the source's last line break kept
    if snapshot.endswith(b"\n") and not data.endswith(b"\n"):
        data += b"\n"
    return data, [*told, active]


#: The prolog's parts, as far as the root's start tag (which ends the search).
_PROLOG = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|<[^!?]|[^<]+", re.S)
_STYLESHEET_PI = re.compile(rb"<\?xml-stylesheet(?:\s|\?>)")
_PSEUDO = re.compile(r"""\b(type|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def css_stylesheet(data: str) -> bool:
    """Whether an ``<?xml-stylesheet?>``'s data names a CSS stylesheet, which runs nothing:
    of type text/css, or of no type and a name ending in .css (the Syriaca records')."""
    said = {m.group(1): (m.group(2) or m.group(3) or "").strip() for m in _PSEUDO.finditer(data)}
    kind = said.get("type", "").lower()
    if kind:
        return kind == "text/css"
    return said.get("href", "").split("?")[0].split("#")[0].lower().endswith(".css")


#: What a pseudo-attribute's value may hold besides characters: the references XML knows.
_REFERENCE = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
#: A scheme as a browser finds one (WHATWG URL: a letter, then letters, digits, "+-.", ":").
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _address_read(value: str) -> str | None:
    """A pseudo-attribute's address as a browser follows it: its character references
    replaced ("&#104;ttps:" is "https:"), the spaces and controls around it and the tabs
    and newlines inside it dropped (WHATWG URL); None when it holds a reference XML does
    not know, which no reading here can be sure of."""

    def replaced(found: re.Match[str]) -> str:
        decimal, hexadecimal, named = found.groups()
        if named:
            return _NAMED[named]
        code = int(decimal) if decimal else int(hexadecimal, 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"

    text = _REFERENCE.sub(replaced, value)
    if "&" in _REFERENCE.sub("", value):
        return None
    return re.sub(r"[\t\n\r]", "", text.strip("".join(map(chr, range(0x21)))))


def _kept_stylesheet(data: str) -> bool:
    """Whether a copy offered for download keeps an ``<?xml-stylesheet?>``: a CSS stylesheet
    of the edition's own files, which runs nothing and loads nothing from elsewhere (probe
    148: a remote one, or a javascript: address, stayed in the download without a word).
    An address of the site's own is one with no scheme and no server as a browser reads it
    (``_address_read``): "/css/tei.css", "css/my style.css", "tei+print.css" are kept (probe
    154 #6: they were dropped "as from elsewhere"); "&#104;ttps://...", "//host/x.css" and
    any backslash, which a browser reads as a slash ("\\\\host/x.css"), are not (probe
    151)."""
    said = {m.group(1): (m.group(2) or m.group(3) or "") for m in _PSEUDO.finditer(data)}
    href = _address_read(said.get("href", ""))
    if not href or not css_stylesheet(data):
        return False
    return "\\" not in href and not href.startswith("//") and _URL_SCHEME.match(href) is None


def _without_stylesheets(
    document: SourceDocument, snapshot: bytes
) -> tuple[bytes, list[Diagnostic]]:
    """``snapshot`` without the ``<?xml-stylesheet?>`` instructions of its prolog, which a
    browser opening the TEI copy from the site follows: an XSLT stylesheet runs what it
    writes (probe 121: "XSLT-SCRIPT-RAN" in the site's origin), and one warning where the
    first was."""
    # (a CSS stylesheet runs nothing: DraCor's plays name one, probe 122)
    named = [
        node
        for node in document.root.itersiblings(preceding=True)
        if isinstance(node, etree._ProcessingInstruction)
        and node.target == "xml-stylesheet"
        and not _kept_stylesheet(node.text or "")
    ]
    if not named:
        return snapshot, []
    first = named[-1]  # (the siblings come nearest first)
    more = f" (and {len(named) - 1} more)" if len(named) > 1 else ""
    told = diag.warning(
        document.display,
        "build.active-content",
        f"<?xml-stylesheet?> would have a reader's browser run a stylesheet on the TEI the "
        f"site offers for download, or load one from elsewhere{more}: left out of the "
        "published copy (the site's pages are the edition's rendering); remove it from the "
        "source",
        first.sourceline or 0,
        origin=_ORIGIN,
    )
    data = snapshot
    if not data.startswith(b"<?xml version") or not _is_utf8(data):
        # another encoding: written again in UTF-8, as the build writes what it changes
        data = _written(tree_of_copy(data))
    kept, at = [], 0
    for part in _PROLOG.finditer(data):
        if part.group().startswith(b"<") and part.group()[1:2] not in (b"!", b"?"):
            break  # the root's start tag
        if at == 0 and part.start() == 0 and part.group().startswith(b"<?xml "):
            continue  # the declaration
        if _STYLESHEET_PI.match(part.group()) and not _kept_stylesheet(
            part.group().decode("utf-8", "replace")[len("<?xml-stylesheet") : -2]
        ):
            kept.append(data[at : part.start()])
            at = part.end()
    kept.append(data[at:])
    return b"".join(kept), [told]


def _written(root: etree._Element) -> bytes:
    """A copy's tree written again in UTF-8, its declaration as the build writes its own."""
    data: bytes = etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True)
    return data.replace(b"<?xml version='1.0' encoding='utf-8'?>", _DECLARATION, 1)


def _is_utf8(data: bytes) -> bool:
    declared = re.match(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)", data)
    return declared is None or declared.group(1).lower() in (b"utf-8", b"utf8")


def _strip(root: etree._Element) -> None:
    """Remove what runs from the tree parsed from the snapshot (its own copy of the nodes:
    the gated tree stays as it is for the writers)."""
    doomed = []
    for element in root.iter(*_RENDERED):
        if _is_active(element):
            doomed.append(element)
            continue
        for name in _active_attributes(element):
            del element.attrib[name]
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        # the words after the element are the parent's, not the element's: keep them
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _namespace_name(element: etree._Element) -> str:
    namespace = etree.QName(element).namespace
    return {XHTML_NS: "XHTML", SVG_NS: "SVG", MATHML_NS: "MathML"}.get(namespace or "", "HTML")
