"""Quick fixes: the edits a diagnostic's own advice asks for, offered as code actions.

``server`` hands over the document's text, the offset where a diagnostic starts and its
message; this module answers with the edits (offsets into the text), so that it needs no
protocol to be tested. Only advice that names its replacement is acted on: a misspelt
element or attribute ("did you mean "persName"?", ``rng_messages``) is renamed, an element
in its start and end tags.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Edit(NamedTuple):
    start: int
    end: int
    text: str


class Fix(NamedTuple):
    title: str
    edits: tuple[Edit, ...]


_ELEMENT = re.compile(
    r'^element "([^"]+)" is not defined by the schema;.*; did you mean "([^"]+)"\?$'
)
_ATTRIBUTE = re.compile(
    r'^attribute "([^"]+)" is not allowed on element .*; did you mean "([^"]+)"\?$'
)
_NAME = r"[^\s/>=]+"


def fixes(text: str, offset: int, message: str) -> list[Fix]:
    """The fixes of the diagnostic starting at ``offset`` of ``text`` with ``message``."""
    found = _ELEMENT.match(message)
    if found:
        edits = _rename_element(text, offset, found.group(1), found.group(2))
    else:
        found = _ATTRIBUTE.match(message)
        edits = _rename_attribute(text, offset, found.group(1), found.group(2)) if found else ()
    if not found or not edits:
        return []
    return [Fix(f'Replace "{found.group(1)}" with "{found.group(2)}"', edits)]


def _rename_element(text: str, offset: int, old: str, new: str) -> tuple[Edit, ...]:
    """The name in the start tag at ``offset`` and in its end tag (found by counting the
    tags of that name, comments, CDATA and processing instructions passed over)."""
    start = re.compile(rf"<((?:{_NAME}:)?){re.escape(old)}(?=[\s/>])").match(text, offset)
    if start is None:
        return ()
    prefix = start.group(1)
    qname = re.escape(prefix + old)
    tags = re.compile(
        rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
        rf"|<(/?){qname}(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>",
        re.S,
    )
    name_at = start.start() + 1 + len(prefix)
    edits = [Edit(name_at, name_at + len(old), new)]
    depth = 0
    for tag in tags.finditer(text, offset):
        if tag.group(0).startswith(("<!", "<?")):
            continue
        closing, empty = tag.group(1), tag.group(2)
        if closing:
            depth -= 1
            if depth == 0:
                at = tag.start() + 2 + len(prefix)
                edits.append(Edit(at, at + len(old), new))
                return tuple(edits)
        elif not empty:
            depth += 1
        elif depth == 0:
            return tuple(edits)  # <persname/>: one tag to rename
    return ()  # no end tag found: renaming half an element would break the file


def _rename_attribute(text: str, offset: int, old: str, new: str) -> tuple[Edit, ...]:
    if not text.startswith(old, offset) or not re.match(r"\s*=", text[offset + len(old) :]):
        return ()
    return (Edit(offset, offset + len(old), new),)
