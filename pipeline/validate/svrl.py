"""Reading SVRL: the last stage of ``schematron``, from Saxon's report to diagnostics.

SVRL text (failed asserts, successful reports, and the compiler's runtime errors) ->
one ``Diagnostic`` each, with code, severity (from role or flag) and message; SVRL locations
(``/Q{ns}TEI[1]/...``) resolved to lines through the gate's lxml tree, falling back to the
nearest element when a step cannot be followed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from lxml import etree

from .. import diagnostics as diag
from ..diagnostics import Diagnostic, Severity
from ..gate import SourceDocument

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
#: The compiler's own namespace (xslt/schematron/compile.xsl): runtime errors, skipped patterns.
EDSCH_NS = "urn:x-edition:schematron"
_SVRL = f"{{{SVRL_NS}}}"
_EDSCH = f"{{{EDSCH_NS}}}"
ORIGIN = "schematron"

_SEVERITIES = {
    "error": Severity.ERROR,
    "fatal": Severity.ERROR,
    "warning": Severity.WARNING,
    "warn": Severity.WARNING,
    "nonfatal": Severity.WARNING,  # TEI's own constraints say role="nonfatal" for warnings
    "info": Severity.INFO,
    "information": Severity.INFO,
}


#: Saxon's words when a rule asks for a file the locked processor will not open.
_READS_A_FILE = re.compile(r"(FODC0002|FODC0005|FOUT1170)\b.*?(\S+:\S+) has been prohibited")


def read(output: str, doc: SourceDocument) -> list[Diagnostic]:
    """The diagnostics of one SVRL report on ``doc``; runtime errors summed up in one."""
    root = etree.fromstring(output.encode())
    found: list[Diagnostic] = []
    runtime: list[etree._Element] = []
    children = Children()
    for element in root:
        if element.tag == f"{_EDSCH}runtime-error":
            runtime.append(element)
        elif element.tag in (f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
            found.append(_diagnostic(element, doc, children))
    if runtime:
        first = runtime[0]
        location = first.get("location")
        # at the rule's context node, its element's "<" or its attribute, when located
        path, where, _, column = (
            locate(doc, location, children)
            if location is not None
            else (doc.display, None, "", None)
        )
        rule = first.get(f"{_EDSCH}rule") or first.get(f"{_EDSCH}pattern") or "a rule"
        message = f"{rule} failed to run: {first.get('code', '')} {first.text or ''}"
        reads = _READS_A_FILE.search(message)
        if reads:
            # Saxon names the file as resolved against the working folder, not the schema's,
            # and says nothing of why (probe 25: the Bodleian authority rules read
            # doc('persons_master.xml') to find ids used twice across files)
            name = PurePosixPath(urlsplit(reads.group(2)).path).name
            who = rule if rule == "a rule" else f"rule {rule}"
            message = (
                f"{who} reads the file {name} (doc(), collection(), unparsed-text()), which "
                f"edition check does not allow, so it was not run [{reads.group(1)}]"
            )
            # what such a rule reads another XML file for, the reference check does (probe
            # 83: said of a rule reading /etc/passwd with unparsed-text() too)
            if name.lower().endswith(".xml"):
                message += "; the reference check finds ids used twice in the files checked"
                message += " together"
        found.append(runtime_error(path, where, message, len(runtime), column))
    return found


def _diagnostic(element: etree._Element, doc: SourceDocument, children: Children) -> Diagnostic:
    kind = "assert" if element.tag == f"{_SVRL}failed-assert" else "report"
    code = (
        element.get("id")
        or element.get(f"{_EDSCH}rule")
        or element.get(f"{_EDSCH}pattern")
        or f"sch.{kind}"
    )
    message = _text(element.find(f"{_SVRL}text"))
    extra = [_text(d.find(f"{_SVRL}text")) for d in element.iter(f"{_SVRL}diagnostic-reference")]
    if extra:
        message = "; ".join([message, *[e for e in extra if e]])
    severity_ = severity(element.get("role"), element.get("flag"))
    path, line, note, column = locate(doc, element.get("location", ""), children, message)
    return Diagnostic(path, line, column, severity_, code, message + note, ORIGIN)


def runtime_error(
    path: str, line: int | None, message: str, count: int, column: int | None = None
) -> Diagnostic:
    """``sch.runtime``: a rule that could not be evaluated (``count`` times in the file)."""
    places = f" (and {count - 1} more in this file)" if count > 1 else ""
    text = f"schematron rule could not be evaluated: {shorten(message)}{places}"
    return diag.error(path, "sch.runtime", text, line, column, origin=ORIGIN)


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def severity(role: str | None, flag: str | None) -> Severity:
    """The severity an assert's ``role`` (else its ``flag``) names; error by default."""
    for value in (role, flag):
        if value and value.strip().lower() in _SEVERITIES:
            return _SEVERITIES[value.strip().lower()]
    return Severity.ERROR


_GENERATED_AT = re.compile(r" on line \d+ column \d+ of \S+?:(?= )")


def shorten(text: str, limit: int = 300) -> str:
    """One line, without Saxon's position in the generated stylesheet (meaningless to users)."""
    text = _GENERATED_AT.sub(":", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


_STEP = re.compile(
    r"/(?:Q\{(?P<ns>[^}]*)\}(?P<local>[^/\[]+)\[(?P<pos>\d+)\]"
    # an attribute in a namespace is written Q{uri}local, and the uri has slashes of its own
    # (probe 25: the Bodleian's rule on //@xml:lang was placed at its element's column)
    r"|@(?P<attr>Q\{[^}]*\}[^/]+|[^/]+)"
    r"|(?P<kind>text|comment|processing-instruction)\((?P<target>[^)]*)\)\[(?P<kpos>\d+)\])"
)


def location_line(doc: SourceDocument, location: str) -> int | None:
    """The line of the node an SVRL location names; the nearest element when unresolved."""
    return locate(doc, location)[1]


class Children:
    """The children of the elements a report's locations pass through, listed once by name:
    each location's step ``p[29000]`` walked the 28,999 paragraphs before it, so 30,000
    failed assertions in one body cost the square of its length (196 s)."""

    def __init__(self) -> None:
        self._lists: dict[tuple[etree._Element, str], list[etree._Element]] = {}

    def nth(self, parent: etree._Element, tag: str, position: int) -> etree._Element | None:
        key = (parent, tag)
        found = self._lists.get(key)
        if found is None:
            found = self._lists[key] = [c for c in parent.iterchildren(tag) if c.tag == tag]
        return found[position - 1] if 0 < position <= len(found) else None


#: A message that begins by naming an attribute and its value (``@notBefore="1945" is later
#: than ...``): the assertion is about that attribute.
_ABOUT_ATTRIBUTE = re.compile(r'^@([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)="')


def attribute_named(node: etree._Element, message: str) -> str | None:
    """The Clark name of the attribute of ``node`` a message begins with, if it has it: a
    rule's failure about an attribute is placed at the attribute, as RELAX NG's and the
    references' are (probe 115: ed-date-order at "<date", the build's at @notBefore)."""
    named = _ABOUT_ATTRIBUTE.match(message)
    if named is None:
        return None
    prefix, _, local = named.group(1).rpartition(":")
    clark = (
        f"{{http://www.w3.org/XML/1998/namespace}}{local}"
        if prefix == "xml"
        else (None if prefix else local)
    )
    return clark if clark is not None and node.get(clark) is not None else None


def locate(
    doc: SourceDocument, location: str, children: Children | None = None, message: str = ""
) -> tuple[str, int | None, str, int | None]:
    """The file, line, inclusion note (``SourceDocument.inclusion_note``) and column (of an
    element's start tag) of the node an SVRL location names; included content is placed in
    the file it was written in. ``children``: the lists of a report's other locations."""
    element: etree._Element | None = None
    line: int | None = None
    attribute: str | None = None
    for step in _STEP.finditer(location):
        if step.group("local") is not None:
            ns, local = step.group("ns"), step.group("local")
            tag = f"{{{ns}}}{local}" if ns else local
            position = int(step.group("pos"))
            if element is None:
                nth = doc.root if doc.root.tag == tag and position == 1 else None
            else:
                nth = (children or Children()).nth(element, tag, position)
            if nth is None:
                break
            element = nth
        elif element is not None and step.group("kind") is not None:
            line = _other_node_line(element, step.group("kind"), step.group("target"), step)
            break
        else:
            attribute = step.group("attr")  # an attribute: its element's line
            break
    node = doc.root if element is None else element
    path = doc.locate(node)[0]
    if line is not None:
        return path, line, doc.inclusion_note(node), None
    # an assertion about an attribute (a rule whose context is correspDesc/@source) is placed
    # at the attribute, on whichever line of its element's start tag it stands
    clark = None if attribute is None else _clark_name(attribute)
    if clark is None:
        clark = attribute_named(node, message)
    if clark is None:
        line, column = doc.element_place(node)
        return path, line, doc.inclusion_note(node), column
    line, column = doc.attribute_place(node, clark)
    return path, line, doc.inclusion_note(node), column


def _clark_name(step: str) -> str | None:
    """An attribute's Clark name from an SVRL step: ``source`` as it is,
    ``Q{http://www.w3.org/XML/1998/namespace}id`` as ``{...}id``."""
    if not step.startswith("Q{"):
        return step
    ns, _, local = step[2:].partition("}")
    return f"{{{ns}}}{local}" if local else None


def _sourceline(node: etree._Element) -> int | None:
    line = node.sourceline
    return int(line) if line else None


def _nth(items: Iterable[etree._Element], position: int) -> etree._Element | None:
    for index, item in enumerate(items, start=1):
        if index == position:
            return item
    return None


def _other_node_line(
    element: etree._Element, kind: str, target: str, step: re.Match[str]
) -> int | None:
    position = int(step.group("kpos"))
    if kind == "text":
        return _text_line(element, position)
    wanted = etree._Comment if kind == "comment" else etree._ProcessingInstruction
    nodes = (
        c
        for c in element
        if isinstance(c, wanted)
        and (kind == "comment" or not target or getattr(c, "target", None) == target)
    )
    found = _nth(nodes, position)
    return _sourceline(found if found is not None else element)


def _text_line(element: etree._Element, position: int) -> int | None:
    """Text node ``position`` of ``element``: its own text, then the tails of its children."""
    children = list(element)
    texts: list[tuple[str, int]] = []  # (text, index of the child it precedes)
    if element.text:
        texts.append((element.text, 0))
    for index, child in enumerate(children):
        if child.tail:
            texts.append((child.tail, index + 1))
    if position > len(texts):
        return _sourceline(element)
    text, before = texts[position - 1]
    following = _sourceline(children[before]) if before < len(children) else None
    if following is not None:
        return max(1, following - text.count("\n"))
    return _sourceline(children[before - 1] if before > 0 else element)
