"""Names a text tags in one place and leaves untagged in another: the index's reminder.

source tree of one text -> ``index.untagged-mention`` diagnostics (info), one per form.

An edition that promises every person, place and organisation tagged (the first edition's
``projectDesc`` says so) was told nothing when one "Belgium" of fifteen lost its tag (probe
94): the index counts what is tagged, and an untagged word is no fact of it. The forms looked
for are those the same text tags as names (not an ``rs``: "the king", "he") pointing somewhere
(``@ref`` or ``@key``), with a capital letter, or written in a script that has no capitals
(Arabic, Hebrew, Syriac: probe 165, whose Arabic edition was never told); they are found as
whole words in the text outside every name, date, bibliography, forme work, speaker label,
cast list, note and deletion; a one-word form the text also writes in lower case is a common
word, and a name ending in a common word followed by another word ("Belgian resistance
groups") is part of a longer phrase. Many editions tag a name's first mention alone, so this
is a note (info), never a warning: the build's summary and exit code do not change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from ..diagnostics import Diagnostic, Severity
from ..gate import SourceDocument
from ..locators import MENTIONS
from .index_model import TEI_NS

_T = f"{{{TEI_NS}}}"
#: Words that are no running text of the edition, or are names already (tagged or not).
_APART = frozenset(
    {
        *MENTIONS,
        *(f"{_T}{n}" for n in ("teiHeader", "standOff", "facsimile", "fw", "bibl")),
        *(f"{_T}{n}" for n in ("biblStruct", "listBibl", "title", "settlement", "country")),
        *(f"{_T}{n}" for n in ("region", "bloc", "district", "time", "idno", "ptr")),
        # a play's labels of its speakers and its cast list name roles, not mentions of them
        *(f"{_T}{n}" for n in ("speaker", "castList")),
        # an editor's notes quote titles and sources (probe 97: "Finis Poloniae 1831" in a
        # note was a Poland untagged); deleted words are no text
        *(f"{_T}{n}" for n in ("note", "del", "surplus")),
    }
)
_HOLDERS = (f"{_T}text", f"{_T}sourceDoc")
_NAMES = frozenset(MENTIONS - {f"{_T}date", f"{_T}rs"})
_CAPITAL = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass
class _Form:
    element: etree._Element  # the first tagged mention of the form
    count: int = 0
    first: etree._Element | None = None
    line: int | None = None


def untagged_mentions(document: SourceDocument) -> list[Diagnostic]:
    """One note for each form the text tags somewhere and also writes untagged: how often,
    the first place, and the tag it has elsewhere."""
    holders = [
        t
        for t in document.root.iter(*_HOLDERS)
        if not any(a.tag in _HOLDERS for a in t.iterancestors())
    ]
    forms: dict[str, _Form] = {}
    for holder in holders:
        for name in holder.iter(*_NAMES):
            if not (name.get("ref") or name.get("key")):
                continue
            form = " ".join("".join(name.itertext()).split())
            if len(form) > 1 and (_capitalised(form) or _uncased(form)) and form not in forms:
                forms[form] = _Form(name)
    if not forms:
        return []
    words = list(_running_words(holders))
    # a one-word name the text also writes in lower case is a common word too ("Reading" and
    # "reading", "Libreria" and "libreria", "May" and "may"): its capital says nothing
    common = {f[0].lower() + f[1:]: f for f in forms if " " not in f and f[0].lower() != f[0]}
    if common:
        lower = _pattern(common)
        for text, _, _ in words:
            for match in lower.finditer(text):
                forms.pop(common.get(match.group(), ""), None)
        if not forms:
            return []
    pattern = _pattern(forms)
    for text, element, line in words:
        for match in pattern.finditer(text):
            form = " ".join(match.group().split())
            found = forms.get(form)
            if found is None or _goes_on(form, text, match.end()):
                continue
            found.count += 1
            if found.first is None:
                found.first = element
                found.line = None if line is None else line(text, match)
    return [
        _note(document, form, f) for form, f in forms.items() if f.count and f.first is not None
    ]


def _pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """The forms as whole words: longest first, so that "Front de l'Indépendance" is found
    before "Front"; a space matches any run of white space (a name broken over two lines);
    a hyphen joins words, so that "Basel" is not found in "Basel-Landschaft" (probe 97)."""
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in f.split())
        for f in sorted(forms, key=lambda f: (-len(f), f))
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


_GOES_ON = re.compile(r"\s+[^\W\d_]")


def _goes_on(form: str, text: str, end: int) -> bool:
    """Whether a name that ends in a common word ("Belgian resistance") is the beginning of
    a longer phrase here ("all major Belgian resistance groups", a class the first edition
    leaves untagged by its policy), which names something else."""
    last = form.split()[-1]
    if last[:1].lower() != last[:1] or " " not in form:
        return False
    follows = _GOES_ON.match(text, end)
    return follows is not None and follows.group()[-1].islower()


def _capitalised(form: str) -> bool:
    first = _CAPITAL.search(form)
    return first is not None and first.group() != first.group().lower()


def _uncased(form: str) -> bool:
    """A form whose first letter is of a script without capitals (Arabic, Hebrew): nothing
    tells its names from its common words, so a tagged form is taken for a name. A script
    that writes no spaces between words (Chinese) is never found as a whole word, so never
    told untagged."""
    first = _CAPITAL.search(form)
    return first is not None and first.group().lower() == first.group().upper()


def _note(document: SourceDocument, form: str, found: _Form) -> Diagnostic:
    assert found.first is not None
    path, line = document.locate(found.first)
    tag = etree.QName(found.element).localname
    pointer = found.element.get("ref") or found.element.get("key") or ""
    attribute = "ref" if found.element.get("ref") else "key"
    _, tagged_line = document.locate(found.element)
    times = "once" if found.count == 1 else f"{found.count} times"
    where = f" (line {tagged_line})" if tagged_line else ""
    return Diagnostic(
        path,
        found.line or line,
        None,
        Severity.INFO,
        "index.untagged-mention",
        f"{form!r} stands {times} untagged in this text, which tags it elsewhere as "
        f'<{tag} {attribute}="{pointer}">{where}: tag it here too where it names the '
        "same entry (a note: many editions tag some mentions alone)",
        "index",
    )


def _running_words(
    holders: list[etree._Element],
) -> Iterator[tuple[str, etree._Element, _Line | None]]:
    """The text of the holders outside the elements ``_APART`` names, in document order, each
    with the element it was written in (or after) and a way to tell a match's line."""
    for holder in holders:
        apart: etree._Element | None = None
        for event, element in etree.iterwalk(holder, events=("start", "end")):
            is_element = isinstance(element.tag, str)
            if event == "start":
                if apart is None and is_element and element.tag in _APART:
                    apart = element
                if apart is None and is_element and element.text:
                    yield element.text, element, _Line(element, after=False)
                continue
            if element is apart:
                apart = None
            if apart is None and element is not holder and element.tail:
                yield element.tail, element, _Line(element, after=True)


class _Line:
    """The line of a match in a text node, counted on from the line where the element whose
    text it is begins, or, for a tail, where that element ends (its start's line and the
    line breaks of the words inside it). Told for a form's first match alone."""

    def __init__(self, element: etree._Element, *, after: bool) -> None:
        self.element = element
        self.after = after

    def __call__(self, text: str, match: re.Match[str]) -> int | None:
        line = self.element.sourceline
        if not isinstance(line, int):
            return None
        if self.after:
            line += "".join(self.element.itertext()).count("\n")
        return line + text.count("\n", 0, match.start())
