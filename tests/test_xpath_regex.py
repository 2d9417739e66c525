"""XPath regular expressions in Python's form (pipeline/xpath_regex.py): each pattern gives
what Saxon's ``replace()`` gives on the same words, or is refused where Saxon refuses it."""

from __future__ import annotations

import re

import pytest
import saxonche

from pipeline.xpath_regex import to_python

WORDS = ("anna_b", "Ghost", "café+x", "a\r\nb", "line\n", "ΑΒγ", "x1 y2", "ab:cd", "a.b$")

PATTERNS = (
    r"(\w+)",
    r"(\W)",
    r"(\p{Lu}\w+)",
    r"\p{L}+",
    r"[\p{Ll}\d]+",
    r"\P{L}",
    r"(\s)",
    r"\S+",
    r"a.b",
    r"b$",
    r"^a",
    r"(\i\c*)",
    r"\d",
    r"(?:a)(b)",
    r"[^a-z]",
    r"\$",
    r"(a)\1",
    r"(?i)(ANNA)",
    r"[a-z-[aeiou]]",
    r"[\P{L}x]",
    r"\p{IsGreek}",
    r"[]a]",
    r"\q",
    r"a++",
    r"{",
    r"a{1",
    r"ba??",
    r"a+?b",
    r"a{1,3}?",
    r"(a+)+$",
    r"(.*a){20}",
    r"([a-z]+(-[a-z]+)*)",
    r"(\d+)(\.\d+)*",
    r"([A-Z][a-z]*)+",
    r"(\w+-)*\w+",
    r"((\w+)\s)+",
    r"(\w+\s?)+",
    # a negated escape inside a class (probe 132: refused, and the check expanded nothing)
    r"[\S]+",
    r"([\s\S]+)",
    r"[^\W_]+",
    r"[\D]+",
    r"[\P{Z}]+",
    r"[^\S\n]",
)


#: Patterns XPath reads that this module leaves unwritten: a declaration of one expands
#: nothing in the check, where the build expands it (none met in a real edition yet); a
#: repetition of an unbounded repetition that nothing matched once parts, which takes
#: Python's re exponential time on a mismatch (Saxon stops it at its backtracking limit).
UNWRITTEN = (
    r"[a-z-[aeiou]]", r"\p{IsGreek}", r"(a+)+$", r"(.*a){20}", r"(\w+\s?)+",
)  # fmt: skip


@pytest.fixture(scope="module")
def xpath() -> saxonche.PyXPathProcessor:
    return saxonche.PySaxonProcessor(license=False).new_xpath_processor()


def _saxon(xpath: saxonche.PyXPathProcessor, pattern: str, words: str) -> str | None:
    def literal(value: str) -> str:
        # characters an XPath string literal cannot hold as written
        return "concat('', " + ", ".join(
            f"codepoints-to-string({ord(c)})" if c in "\r\n'" else f"'{c}'" for c in value
        ) + ")"  # fmt: skip

    try:
        item = xpath.evaluate_single(f"replace({literal(words)}, {literal(pattern)}, '[$0]')")
    except saxonche.PySaxonApiError:
        return None
    return None if item is None else item.string_value


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_pattern_reads_as_xpath_reads_it(pattern: str, xpath: saxonche.PyXPathProcessor) -> None:
    written = to_python(pattern)
    for words in WORDS:
        theirs = _saxon(xpath, pattern, words)
        if written is None:
            # refused: XPath refuses it too, or it is one this module cannot write alike
            assert theirs is None or pattern in UNWRITTEN, (pattern, theirs)
            continue
        ours = re.compile(written).sub(lambda m: f"[{m.group(0)}]", words)
        assert ours == theirs, (pattern, words)


@pytest.mark.parametrize(
    "pattern",
    [r"([a-z]+(-[a-z]+)*)", r"(\d+)(\.\d+)*", r"(\d+(\.\d+)*)", r"([A-Z][a-z]*)+", r"(\w+-)*\w+",
     r"([a-z]+\.)+[a-z]+", r"((\w+)\s)+"],
)  # fmt: skip
def test_a_repetition_an_item_parts_is_written(pattern: str) -> None:
    """Probe 131: patterns of real editions (a hyphenated id, a canonical reference 1.2.3)
    were left unwritten as "nested repetitions", and the check passed the dangling pointers
    they expand to: a repeated group that an item matched once parts is unambiguous."""
    assert to_python(pattern) is not None
