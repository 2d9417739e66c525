"""What citeproc-py looks up in a CSL style, looked up once per process.

Used by ``citation.formatted`` (beside ``csl_fixes``) before it formats a text's citations.

citeproc-py 0.11 answers four questions about a style by searching its tree again each
time: which ``cs:macro`` a name calls (an XPath over the whole style), which ``cs:term`` of
a locale gives a word, whether an element prints a variable (``calls_variable``: asked by
every ``cs:group`` of every entry, it walks the element's macros recursively) and which
``cs:layout`` an element is in. The answers
depend on the style alone, which is parsed once per process (``citation._style``) and never
changed. Formatting three citations of a 3 KB letter took 43 ms, more than rendering its page
and its book (200 letters: 8.6 s of a 16.8 s build, 2.8 s of it in ``get_macro``).

``install()`` keeps each answer in a dictionary keyed by the element asked. The key is the
element object itself: lxml hands out the same Python object for a node as long as one is
alive, and the dictionary keeps it alive, so a key can never come to stand for another node.
The styles are few (three, in one locale), so the dictionaries stay small. Formatting the
three citations now takes 10 ms (26 ms with the macros alone remembered).

The answers are the library's own (tests/test_csl_memo.py compares every style's output).
"""

from __future__ import annotations

from typing import Any

_installed = False


def install() -> None:
    """Wrap citeproc's ``get_macro``, ``get_term``, ``get_layout`` and ``calls_variable``
    (idempotent)."""
    global _installed
    if _installed:
        return
    from citeproc import model

    get_macro = model.CitationStylesElement.get_macro
    get_layout = model.CitationStylesElement.get_layout
    get_term = model.Locale.get_term
    macros: dict[tuple[Any, str], Any] = {}
    layouts: dict[Any, Any] = {}
    terms: dict[tuple[Any, str, str | None, bool], Any] = {}

    def macro(self: Any, name: str) -> Any:
        key = (self.get_root(), name)
        found = macros.get(key)
        if found is None:
            found = macros[key] = get_macro(self, name)
        return found

    def layout(self: Any) -> Any:
        found = layouts.get(self)
        if found is None:  # an element outside any layout raises IndexError, each time
            found = layouts[self] = get_layout(self)
        return found

    def term(self: Any, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        key = (self, name, form, zero_padded)
        found = terms.get(key)
        if found is None:  # a term the locale lacks raises IndexError, each time
            found = terms[key] = get_term(self, name, form, zero_padded)
        return found

    model.CitationStylesElement.get_macro = macro
    model.Locale.get_term = term
    model.CitationStylesElement.get_layout = layout
    # calls_variable of the classes whose answer is not a constant
    for cls in (model.Parent, model.Text, model.Label):
        cls.calls_variable = _remembered(cls.calls_variable)
    _installed = True


def _remembered(method: Any) -> Any:
    answers: dict[Any, bool] = {}

    def calls_variable(self: Any) -> bool:
        found = answers.get(self)
        if found is None:
            found = answers[self] = method(self)
        return found

    return calls_variable
