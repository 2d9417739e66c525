"""Two rules of CSL 1.0.2 that citeproc-py 0.11 keeps only in part, kept here.

Used by ``citation.formatted`` before it formats a text's citations.

**Substituted variables.** A text with no author
is cited by a substitute in the author's place: its editors, else its title (CSL 1.0.2,
``cs:substitute``), and "substituted variables are considered empty for the remainder of
the output". citeproc-py suppresses a substitute only when the substitute names its variable
directly (``<text variable="title"/>``); the styles we ship reach it through macros and
``cs:choose`` (MLA, APA, Chicago), and ``cs:names`` never looks at the suppressed list. So
every author-less text was cited with its title, or its editors, twice:
"“Images of a Ledger”. “Images of a Ledger”. *Letters*, 1 Dec. 2026".

``install()`` wraps three methods of citeproc's model (once per process): while a
substitute renders, every variable a ``cs:text`` or ``cs:names`` under it actually printed is
recorded, and the recorded variables are then suppressed for the rest of the entry, as the
specification says.

**``initialize="false"``.** A style may set ``initialize-with`` (how initials are written)
and ``initialize="false"`` (do not shorten given names to initials): Chicago and MLA write
"Lister, Anne". citeproc-py reads only the first and cited "Lister, A."; given names now
stay whole where the name's ``initialize`` (or that of its citation, bibliography or style)
is false.

Nothing else of the library's behaviour changes (tests/test_csl_fixes.py).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

#: Variables printed while a substitute renders (None: no substitute is rendering).
_PRINTED: ContextVar[list[str] | None] = ContextVar("csl_printed", default=None)
#: The key of the suppressed names in citeproc's per-entry ``repressed`` mapping.
_NAMES = "edition:names"
_CSL = "{http://purl.org/net/xbiblio/csl}"
_TEXT, _NAME = f"{_CSL}text", f"{_CSL}name"
#: The cs:names whose substitute is rendering.
_OWNER: ContextVar[Any] = ContextVar("csl_owner", default=None)
_installed = False


def _repressed(element: Any) -> dict[str, list[str]]:
    """The suppressed variables of the entry being rendered (a throwaway mapping for an
    element outside any layout, which has no entry)."""
    try:
        layout = element.get_layout()
    except IndexError:
        return {}
    found: dict[str, list[str]] = layout.repressed
    return found


def install() -> None:
    """Wrap citeproc's ``Substitute``, ``Text``, ``Names`` and ``Name`` (idempotent)."""
    global _installed
    if _installed:
        return
    from citeproc import model

    substitute_render = model.Substitute.render
    text_variable = model.Text._variable
    names_process = model.Names.process

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        printed: list[str] = []
        token = _PRINTED.set(printed)
        owner = _OWNER.set(self.getparent())
        try:
            text = substitute_render(self, item, context=context, **kwargs)
        finally:
            _PRINTED.reset(token)
            _OWNER.reset(owner)
        if text:
            repressed = _repressed(context if context is not None else self)
            repressed.setdefault(_NAMES, []).extend(printed)
            repressed.setdefault(_TEXT, []).extend(printed)
        return text

    def variable(self: Any, item: Any, context: Any) -> Any:
        value = text_variable(self, item, context)
        printed = _PRINTED.get()
        if printed is not None and value:
            printed.append(self.get("variable"))
        return value

    def process(self: Any, item: Any, names_context: Any = None, context: Any = None,
                **kwargs: Any) -> Any:  # fmt: skip
        suppressed = set(_repressed(context if context is not None else self).get(_NAMES, ()))
        roles = self.get("variable")
        shown = [r for r in roles.split() if r not in suppressed]
        printed = _PRINTED.get()
        owner = _OWNER.get()
        if names_context is None and owner is not None and self.find(_NAME) is None:
            # A bare cs:names in a substitute, also one inside a cs:choose there, takes the
            # name of the cs:names it substitutes for (CSL 1.0.2); citeproc-py passed it to
            # direct children only, and the others wrote names with a default cs:name.
            names_context = owner
        # Suppressed roles are empty ones: with none left, the element's own substitute (if
        # any) renders, as for an entry that never had them.
        self.set("variable", " ".join(shown))
        try:
            result = names_process(self, item, names_context, context, **kwargs)
        finally:
            self.set("variable", roles)
        if printed is not None and result:
            printed.extend(r for r in shown if r in item.reference)
        return result

    name_initialize = model.Name.initialize

    def initialize(self: Any, given: str, mark: str, context: Any) -> Any:
        holders = self.xpath_search("ancestor-or-self::*[@initialize][1]/@initialize")
        if holders and str(holders[0]).strip() == "false":
            return given
        return name_initialize(self, given, mark, context)

    model.Name.initialize = initialize
    model.Substitute.render = render
    model.Text._variable = variable
    model.Names.process = process
    _installed = True
