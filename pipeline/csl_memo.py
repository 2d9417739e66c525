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

``install()`` keeps each answer in a dictionary keyed by the element asked and the
question's arguments (``_remembered``, one wrapper for every question). The key holds the
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
    """Wrap citeproc's ``get_macro``, ``get_term``, ``get_layout``, ``calls_variable``,
    ``substitute``, ``is_locale_date``, ``Name.get_option`` and
    ``CitationItem.reference`` (idempotent)."""
    global _installed
    if _installed:
        return
    from citeproc import model

    element = model.CitationStylesElement
    element.get_macro = _remembered(element.get_macro)
    element.get_layout = _remembered(element.get_layout)
    model.Locale.get_term = _remembered(model.Locale.get_term)
    # calls_variable of the classes whose answer is not a constant
    for cls in (model.Parent, model.Text, model.Label):
        cls.calls_variable = _remembered(cls.calls_variable)
    # an XPath over the style each time a name is substituted and a date rendered
    model.Names.substitute = _remembered(model.Names.substitute)
    model.Date.is_locale_date = _remembered(model.Date.is_locale_date)
    # a name's option, its own or its citation's or bibliography's (an XPath up from
    # ``context``, a style's element): 46 of the 96 searches left per citation of three
    # styles. A sort's options are the sort's: not kept.
    name_option = model.Name.get_option
    remembered_option = _remembered(name_option)

    def option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None:
            return name_option(self, name, context, sort_options)
        return remembered_option(self, name, context)

    model.Name.get_option = option
    _remember_reference()
    _installed = True


def _remember_reference() -> None:
    """``CitationItem.reference``: asked about 400 times per entry (every variable a style
    tests), each time through three lookups of citeproc's dictionaries that raise for a
    missing key (27% of the formatting's time). The reference of an item is its
    bibliography's source's entry, which never changes once the item is cited; it is kept
    in the item's own attributes, not among its dictionary's keys (the CSL variables)."""
    from citeproc.source import CitationItem

    look_up = CitationItem.reference.fget

    def reference(self: Any) -> Any:
        found = self.__dict__.get("_edition_reference")
        if found is None:
            found = look_up(self)
            object.__setattr__(self, "_edition_reference", found)
        return found

    CitationItem.reference = property(reference)


def _remembered(method: Any) -> Any:
    """``method`` of a style's element, answered once per element and arguments (the
    answer may be None; a question that raises, a term the locale lacks, is asked again)."""
    answers: dict[Any, Any] = {}

    def remembered(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = (self, args, tuple(sorted(kwargs.items()))) if kwargs else (self, args)
        found = answers.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = answers[key] = method(self, *args, **kwargs)
        return found

    return remembered


_UNKNOWN = object()
