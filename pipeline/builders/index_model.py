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

from ..xslt import XmlText, engine

if TYPE_CHECKING:
    from ..build import Corpus

ED_NS = "urn:edition"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"ed": ED_NS, "tei": TEI_NS}


def corpus_document(corpus: Corpus) -> str:
    """One ``<ed:corpus>`` holding every normalized text in ``<ed:document ed:stem="...">``."""
    parts = [f'<ed:corpus xmlns:ed="{ED_NS}">']
    for text in corpus.texts:
        body = text.normalized
        if body.startswith("<?xml"):
            body = body[body.index("?>") + 2 :]
        parts.append(f"<ed:document ed:stem={quoteattr(text.stem)}>{body}</ed:document>")
    parts.append("</ed:corpus>")
    return "".join(parts)


def entity_index(corpus: Corpus) -> str:
    """The entity index XML (format documented at the top of ``xslt/index/entities.xsl``)."""
    sheet = engine().stylesheet("index/entities")
    result = sheet.transform(corpus_document(corpus), {"registers": XmlText(corpus.registers)})
    return result.output
