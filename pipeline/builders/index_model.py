"""The entity index: normalized corpus + registers -> one XML document every index output reads.

One XSLT pass (``xslt/index/entities.xsl``) over a single ``<ed:corpus>`` document that wraps
every normalized text gives the entity index XML (its namespace ``ED_NS``, prefixes ``NS``).
``index`` hands it to the HTML and EPUB builders and renders the HTML index pages from it,
``index_exports`` writes the files of ``OUT/index/``, ``index_checks`` reports its problems,
and ``pipeline.index_report`` summarises it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from ..xslt import ParamValue, XmlText, engine

if TYPE_CHECKING:
    from ..build import Corpus

ED_NS = "urn:edition"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"ed": ED_NS, "tei": TEI_NS}


def document(stem: str, normalized: str) -> str:
    """One normalized text in ``<ed:corpus><ed:document ed:stem="...">``."""
    body = normalized
    if body.startswith("<?xml"):
        body = body[body.index("?>") + 2 :]
    return (
        f'<ed:corpus xmlns:ed="{ED_NS}"><ed:document ed:stem={quoteattr(stem)}>{body}'
        "</ed:document></ed:corpus>"
    )


def text_index(stem: str, normalized: str, registers: str) -> str:
    """The index of one text: the entities it names or lets speak, its dates and problems."""
    sheet = engine().stylesheet("index/entities")
    params: dict[str, ParamValue] = {"registers": XmlText(registers), "mentioned-only": True}
    return sheet.transform(document(stem, normalized), params).output


def skeleton(registers: str) -> str:
    """The index of no text: every register entry, mentioned nowhere."""
    sheet = engine().stylesheet("index/entities")
    return sheet.transform(
        f'<ed:corpus xmlns:ed="{ED_NS}"/>', {"registers": XmlText(registers)}
    ).output


def entity_index(corpus: Corpus) -> str:
    """The entity index XML (format documented at the top of ``xslt/index/entities.xsl``):
    the texts indexed one by one and merged (``index_merge``)."""
    from .index_merge import merge

    texts = [text_index(t.stem, t.normalized, corpus.registers) for t in corpus.texts]
    return merge(skeleton(corpus.registers), texts)
