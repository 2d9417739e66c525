"""The encoding guide as a page of the site: Markdown -> an XHTML fragment for the page shell.

The same conversion serves the edition's introduction on the home page
(``[tool.edition] about``, ``pipeline.builders.about``).

The guide is the editors' document (``docs/encoding-guide.md`` for our edition). It is the
project's own text, not a TEI source, so it does not pass the gate; it is converted with the
``markdown`` package and re-serialised through lxml so the shell receives well-formed XML
(``xslt/html/wrap.xsl`` drops any script, style or event attribute on the way).
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree, html

from ..active_content import runs_script
from ..errors import EditionError

GUIDE_PAGE = "guide.html"
_FENCE = re.compile(r"^( +)(```|~~~)")
#: An inline raster picture an img may show.
_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp|avif);", re.IGNORECASE)


def guide_fragment(path: Path) -> str:
    """The guide at ``path`` as one ``<article>`` element (XML text, no namespace)."""
    return markdown_fragment(path, "guide", "the encoding guide")


def markdown_fragment(path: Path, css_class: str, what: str) -> str:
    """Markdown at ``path`` as one ``<article class=css_class>`` (XML text, no namespace);
    ``what`` names the document in the error raised when it cannot be read."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EditionError(f"cannot read {what} {path}: {exc}") from exc
    # Imported here: most builds take the guide and the introduction over from the last
    # one, and importing Markdown was 13 ms of every build's start.
    import markdown

    converter = markdown.Markdown(extensions=["tables", "fenced_code"], output_format="html")
    # A tag written in the guide (<orgName ref="#cdj">) is an example to show, not markup:
    # without these two steps Markdown would pass it through as an unknown HTML element.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    body = converter.convert(_outdent_fences(source))
    article = html.fragment_fromstring(body or "<p></p>", create_parent="article")
    article.set("class", css_class)
    # a link or an image whose address runs a script ([x](javascript:...), a reference
    # definition, data:) keeps its words and loses the address, as a TEI link does (probe
    # 129: they were published live on the home page and the guide)
    for element in article.iter(etree.Element):
        for name in ("href", "src"):
            value = element.get(name) or ""
            # an image's inline picture runs nothing (probe 131: it was taken away); an
            # SVG may carry script, and any other data: is a document
            picture = name == "src" and element.tag == "img" and _PICTURE.match(value)
            if runs_script(value) and not picture:
                del element.attrib[name]
    text: str = etree.tostring(article, encoding="unicode", method="xml")
    return text


def _outdent_fences(source: str) -> str:
    """Move code fences written inside list items to the left margin.

    Python-Markdown's fenced code only works at the top level; an indented fence would come
    out as running text. Outdented, the block interrupts the list, which reads the same.
    """
    lines = source.splitlines()
    out: list[str] = []
    indent = 0
    for line in lines:
        opening = _FENCE.match(line) if indent == 0 else None
        if opening:
            indent = len(opening.group(1))
            out.append(line[indent:])
            continue
        if indent:
            stripped = line[indent:] if line[:indent].strip() == "" else line.lstrip()
            out.append(stripped)
            if stripped.startswith(("```", "~~~")):
                indent = 0
            continue
        out.append(line)
    return "\n".join(out) + "\n"
