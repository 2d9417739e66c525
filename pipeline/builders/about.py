"""The edition's introduction on the home page (``[tool.edition] about``), as a document for
``xslt/html/home.xsl``'s ``about`` parameter.

A Markdown file (``.md``) is converted like the encoding guide into an XHTML fragment; any
other file is read through the gate as TEI (a whole TEI document, or a ``text``, ``body`` or
``div``) and rendered by the shared TEI rendering like the texts. Without it, a collection's
home page has no introduction rather than one text's ``projectDesc``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import EditionError
from ..gate import TEI_NS, read_document
from .guide import markdown_fragment

#: Root elements an XML introduction may have.
_TEI_ROOTS = tuple(f"{{{TEI_NS}}}{name}" for name in ("TEI", "text", "body", "div"))


def unreadable(path: Path, what: str) -> str | None:
    """Why the introduction (``what`` = "about") or the guide ("guide") at ``path`` cannot
    be used, or None; cheap (no Markdown is converted), so that a build can refuse a wrong
    file before it starts instead of failing its HTML output at the end."""
    label = "the encoding guide" if what == "guide" else "the edition's introduction"
    markdown = what == "guide" or path.suffix.lower() in (".md", ".markdown")
    try:
        if markdown:
            path.read_bytes().decode("utf-8")
            return None
        about_document(path)
    except OSError as exc:
        return f"cannot read {label} {path}: {exc.strerror}"
    except UnicodeDecodeError as exc:
        return f"{label} {path} is not UTF-8 ({exc.reason} at byte {exc.start}): save it as UTF-8"
    except EditionError as exc:
        return str(exc)
    return None


def about_document(path: Path) -> str:
    """The introduction at ``path`` as XML text (XHTML fragment or TEI)."""
    if path.suffix.lower() in (".md", ".markdown"):
        return markdown_fragment(path, "about", "the edition's introduction")
    result = read_document(path)
    if result.document is None:
        problems = "; ".join(d.message for d in result.diagnostics) or "unreadable"
        raise EditionError(
            f"cannot read the edition's introduction {path}: {problems} (an introduction is "
            "TEI, or Markdown in a file named .md)"
        )
    root = result.document.root
    if root.tag not in _TEI_ROOTS:
        raise EditionError(
            f"the edition's introduction {path} must be Markdown (.md) or TEI "
            "(a TEI, text, body or div element in the TEI namespace)"
        )
    return result.document.xml_text()
