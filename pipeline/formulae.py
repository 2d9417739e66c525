"""TeX formulae as MathML, for the pages and books: a step of the normalisation (stages.py).

A formula written in TeX or LaTeX (``formula notation="TeX"``, TEI Guidelines 14.4) is its
source, which a reader of the page cannot read ("\\frac{a}{b}"). Its MathML, made here by
latex2mathml, is what browsers and EPUB reading systems draw: the formula holds it, and
xslt/common/formulae.xsl passes MathML into the page through its allow-list, as it does a
source's own MathML. The TeX stays on the ``math`` element as its ``alttext`` (what a screen
reader may say and a copy gives). A formula latex2mathml cannot read stays its source, shown
as code, as before.

The source tree is never changed: a text that has TeX formulae is normalised from a copy.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from .gate import TEI_NS

_FORMULA = f"{{{TEI_NS}}}formula"
#: ``@notation`` values that name TeX (lower case): TeX itself, LaTeX's math.
TEX_NOTATIONS = frozenset({"tex", "latex", "text/x-tex", "application/x-tex"})
#: The delimiters of TeX math a source may keep around the formula: $...$, $$...$$, \(...\),
#: \[...\].
_DELIMITED = re.compile(r"^(?:\$\$(.*)\$\$|\$(.*)\$|\\\((.*)\\\)|\\\[(.*)\\\])$", re.S)
_DISPLAY = frozenset({"display", "block", "displayed"})


def is_tex(formula: etree._Element) -> bool:
    """Whether ``formula`` is TeX alone: a TeX notation, words, and no elements (a formula
    that holds MathML, or markup of its own, is left as it is)."""
    notation = (formula.get("notation") or "").strip().lower()
    return notation in TEX_NOTATIONS and len(formula) == 0 and bool((formula.text or "").strip())


def with_mathml(root: etree._Element) -> etree._Element | None:
    """A copy of ``root`` whose TeX formulae hold their MathML, or None when it has none that
    latex2mathml reads (then the tree itself is what is normalised)."""
    if not any(is_tex(f) for f in root.iter(_FORMULA)):
        return None
    # imported here: 0.1-0.4 s (its version is looked up in the installed packages), paid by
    # the texts that have TeX formulae only
    from latex2mathml.converter import convert

    converted = copy.deepcopy(root)
    changed = False
    for formula in converted.iter(_FORMULA):
        if not is_tex(formula):
            continue
        source = (formula.text or "").strip()
        delimited = _DELIMITED.match(source)
        tex = next((g for g in delimited.groups() if g is not None), "") if delimited else source
        display = source.startswith(("$$", "\\[")) or bool(
            _DISPLAY
            & set((formula.get("rend", "") + " " + formula.get("type", "")).lower().split())
        )
        try:
            math = etree.fromstring(convert(tex.strip(), display="block" if display else "inline"))
        except Exception:  # any TeX it cannot read: its errors have no common base
            continue
        math.set("alttext", source)
        formula.text = None
        formula.append(math)
        changed = True
    return converted if changed else None


__all__ = ["TEX_NOTATIONS", "is_tex", "with_mathml"]
