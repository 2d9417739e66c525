"""Normalisation: gated TEI -> normalized TEI, the middle representation every writer reads.

The ordered list ``STAGES`` names the XSLT stages (``xslt/stages/``); each is an identity
transform that changes only what it is about (ids, resolved register keys). Registers reach
the stylesheets as one parameter document (``<ed:registers>``), never through ``doc()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from .gate import TEI_NS, SourceDocument
from .xslt import XmlText, engine

ED_NS = "urn:edition"
#: Register lists: elements whose entries names can point at (a play's cast list holds the
#: roles its speeches' @who point at).
REGISTER_LISTS = (
    "listPerson",
    "listPlace",
    "listOrg",
    "listEvent",
    "listObject",
    "listNym",
    "castList",
)


@dataclass(frozen=True)
class Stage:
    """One normalisation step: the stylesheet ``xslt/<name>.xsl`` and what it guarantees."""

    name: str
    guarantees: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "stages/normalize",
        "stable xml:id on every linkable element; names carry ed:entity/ed:kind when their "
        "@ref resolves, ed:unresolved otherwise",
    ),
)


def is_register(doc: SourceDocument) -> bool:
    """A register file holds entity lists and no ``text`` to publish."""
    root = doc.root
    return root.find(f"{{{TEI_NS}}}text") is None and any(True for _ in _register_lists(root))


def is_text(doc: SourceDocument) -> bool:
    return doc.root.tag == f"{{{TEI_NS}}}TEI" and doc.root.find(f"{{{TEI_NS}}}text") is not None


def _register_lists(root: etree._Element) -> Iterable[etree._Element]:
    for name in REGISTER_LISTS:
        for found in root.iter(f"{{{TEI_NS}}}{name}"):
            # Nested lists are copied with their parent.
            if (
                found.getparent() is None
                or etree.QName(found.getparent()).localname not in REGISTER_LISTS
            ):
                yield found


def registers_document(documents: Iterable[SourceDocument]) -> str:
    """All register lists of the corpus (in file order) under one ``<ed:registers>`` root.

    Each copied list carries ``ed:source`` (the file's stem) so writers can say where an entry
    comes from. Lists inside texts (a ``standOff`` or ``particDesc``) count too.
    """
    root = etree.Element(f"{{{ED_NS}}}registers", nsmap={"ed": ED_NS, None: TEI_NS})
    for doc in documents:
        for found in _register_lists(doc.root):
            copy = _copy_without_tail(found)
            copy.set(f"{{{ED_NS}}}source", doc.path.stem)
            root.append(copy)
    text: str = etree.tostring(root, encoding="unicode")
    return text


def _copy_without_tail(element: etree._Element) -> etree._Element:
    copy = etree.fromstring(etree.tostring(element))
    copy.tail = None
    return copy


def normalize(doc: SourceDocument, registers: str) -> str:
    """Run every stage on one text; returns the normalized TEI as XML text."""
    text = doc.xml_text()
    for stage in STAGES:
        result = engine().stylesheet(stage.name).transform(text, {"registers": XmlText(registers)})
        text = result.output
    return text
