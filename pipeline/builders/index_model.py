"""The entity index: normalized corpus + registers -> one XML document every index output reads.

One XSLT pass (``xslt/index/entities.xsl``) over a single ``<ed:corpus>`` document that wraps
every normalized text gives the entity index XML (its namespace ``ED_NS``, prefixes ``NS``).
``index`` hands it to the HTML and EPUB builders and renders the HTML index pages from it,
``index_exports`` writes the files of ``OUT/index/``, ``index_checks`` reports its problems,
and ``pipeline.index_report`` summarises it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..xslt import ParamValue, XmlText, engine
from .markup import xml_attr
from .parts import DEFAULT_PAGE_SIZE, paging

if TYPE_CHECKING:
    from ..build import Corpus

ED_NS = "urn:edition"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"ed": ED_NS, "tei": TEI_NS}
#: The attributes that normalise a date (TEI att.datable.w3c), as the index records carry
#: them: a date's, an event's, a trait's, a relation's, a letter's.
DATABLE = ("when", "notBefore", "notAfter", "from", "to")


def document(stem: str, normalized: str) -> str:
    """One normalized text in ``<ed:corpus><ed:document ed:stem="...">``."""
    body = normalized
    if body.startswith("<?xml"):
        body = body[body.index("?>") + 2 :]
    return (
        f'<ed:corpus xmlns:ed="{ED_NS}"><ed:document ed:stem="{xml_attr(stem)}">{body}'
        "</ed:document></ed:corpus>"
    )


def text_index(
    stem: str, normalized: str, registers: str, paging: Mapping[str, ParamValue] | None = None
) -> str:
    """The index of one text: the entities it names or lets speak, its dates and problems.
    ``paging``: the reading pages' paging parameters (``builders/parts.py``), so that each
    record names the page its mention is on."""
    sheet = engine().stylesheet("index/entities")
    params: dict[str, ParamValue] = {"registers": XmlText(registers), "mentioned-only": True}
    params.update(paging or {})
    return sheet.transform(document(stem, normalized), params).output


def skeleton(registers: str) -> str:
    """The index of no text: every register entry, mentioned nowhere."""
    sheet = engine().stylesheet("index/entities")
    return sheet.transform(
        f'<ed:corpus xmlns:ed="{ED_NS}"/>', {"registers": XmlText(registers)}
    ).output


def entity_index(corpus: Corpus, page_size: int = DEFAULT_PAGE_SIZE) -> str:
    """The entity index XML (format documented at the top of ``xslt/index/entities.xsl``):
    the texts indexed one by one and merged (``index_merge``); ``page_size`` as the reading
    pages are split (``builders/parts.py``)."""
    from .index_merge import merge

    pages = paging((t.stem for t in corpus.texts), page_size).params()
    texts = [text_index(t.stem, t.normalized, corpus.registers, pages) for t in corpus.texts]
    return merge(skeleton(corpus.registers), texts)
