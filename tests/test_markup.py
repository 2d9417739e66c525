"""XML written by hand (pipeline/builders/markup.py): whatever the words, the document is
well-formed and a parser reads back exactly the words written."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.builders.markup import xml_attr, xml_text

HOSTILE = [
    "plain",
    'a "quoted" word',
    "O'Brien & <Sons>",
    "]]> &amp; &#38;",
    "line one\nline two\r\n\ttabbed",
    "",
]


@pytest.mark.parametrize("words", HOSTILE)
def test_words_read_back_as_written(words: str) -> None:
    element = etree.fromstring(f'<e a="{xml_attr(words)}">{xml_text(words)}</e>')
    assert element.get("a") == words
    # character data: a parser reads "\r\n" as "\n" (XML's end-of-line handling)
    assert (element.text or "") == words.replace("\r\n", "\n")
    assert len(element) == 0 and element.attrib.keys() == ["a"]
