"""Private URI prefixes (pipeline/prefixes.py): a header's ``prefixDef`` expands abbreviated
pointers as XPath's ``replace()`` would (TEI Guidelines 16.2.3)."""

from __future__ import annotations

import pytest
import saxonche
from lxml import etree

from pipeline.prefixes import Prefixes

TEI = "http://www.tei-c.org/ns/1.0"


def prefixes(*declarations: str, corpus: bool = False) -> Prefixes:
    header = (
        f"<teiHeader><encodingDesc><listPrefixDef>{''.join(declarations)}</listPrefixDef>"
        "</encodingDesc></teiHeader>"
    )
    document = f'<TEI xmlns="{TEI}">{header}</TEI>'
    if corpus:
        document = f'<teiCorpus xmlns="{TEI}"><teiHeader/>{document}</teiCorpus>'
    return Prefixes.of(etree.fromstring(document))


def test_the_first_declaration_whose_pattern_matches_expands_the_token() -> None:
    found = prefixes(
        '<prefixDef ident="facs" matchPattern="(W[0-9]{4})-[0-9]{4}"'
        ' replacementPattern="img/$1/$0.jpg"/>',
        '<prefixDef ident="facs" matchPattern="(W[0-9]{4})-([A-Z])-[0-9]{4}"'
        ' replacementPattern="img/$1/$2/$0.jpg"/>',
        '<prefixDef ident="psn" matchPattern="([a-z]+)" replacementPattern="p.xml#\\$$1"/>',
    )
    assert found.expand("facs:W0003-0004") == "img/W0003/W0003-0004.jpg"
    assert found.expand("facs:W0013-A-0004") == "img/W0013/A/W0013-A-0004.jpg"
    assert found.expand("psn:anna") == "p.xml#$anna"  # \$ is a dollar sign


def test_tokens_no_declaration_takes_are_kept_as_written() -> None:
    found = prefixes(
        '<prefixDef ident="psn" matchPattern="^[0-9]+$" replacementPattern="p.xml#$1"/>',
        '<prefixDef ident="bad" matchPattern="([a-z" replacementPattern="b.xml#$1"/>',
        '<prefixDef ident="gap" matchPattern="([a-z]+)" replacementPattern="b.xml#$2"/>',
        '<prefixDef ident="all" matchPattern="(.*)" replacementPattern="a.xml#$1"/>',
    )
    assert found.expand("all:x") == "all:x"  # a pattern matching "" is refused by replace()
    assert [found.expand(t) for t in ("#anna", "gnd:123", "psn:anna", "bad:x", "gap:x")] == [
        "#anna",
        "gnd:123",
        "psn:anna",  # the pattern does not match
        "bad:x",  # a pattern that is no regular expression
        "b.xml#",  # a group the pattern does not have is empty, as in XPath's replace()
    ]
    assert prefixes().rules == ()


def test_a_corpus_members_declarations_count() -> None:
    found = prefixes(
        '<prefixDef ident="psn" matchPattern="(.+)" replacementPattern="p.xml#$1"/>', corpus=True
    )
    assert found.expand("psn:a1") == "p.xml#a1"


def test_a_pattern_is_read_as_xpath_reads_it() -> None:
    """Probe 125: the check read a matchPattern with Python's ``re``: "(\\w+)" made
    "#anna_b" of "anna_b" where the build's replace() made "#anna_#b" ("_" is no word
    character in XPath), "\\p{Lu}" expanded nothing, and "(?i)", which XPath refuses, did."""
    found = prefixes(
        '<prefixDef ident="w" matchPattern="(\\w+)" replacementPattern="#$1"/>',
        '<prefixDef ident="up" matchPattern="(\\p{Lu}\\w+)" replacementPattern="#$1"/>',
        '<prefixDef ident="ci" matchPattern="(?i)(ANNA)" replacementPattern="#anna"/>',
    )
    assert found.expand("w:anna_b") == "#anna_#b"
    assert found.expand("up:Ghost") == "#Ghost"
    assert found.expand("ci:ANNA") == "ci:ANNA"


@pytest.mark.parametrize(
    "replacement",
    ["#$1", "#$10", "#$12", "#$2x", "p#\\$", "p#\\\\", "p#\\", "p#\\8", "p#$", "p#$a", "#$0"],
)
def test_a_replacement_reads_as_xpaths_replace_reads_it(replacement: str) -> None:
    """Probe 129: a trailing backslash or "\\8" failed the whole file (check.internal), "$10"
    was group 1 and a "0" where XPath reads group 10, "$" before no digit was kept. Each
    replacement expands as Saxon's replace() does, or nothing where Saxon refuses it."""
    pattern = "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)"
    word = "abcdefghij"
    found = prefixes(
        f'<prefixDef ident="p" matchPattern="{pattern}" replacementPattern='
        f'"{replacement.replace(chr(34), "&quot;")}"/>'
    )
    xpath = saxonche.PySaxonProcessor(license=False).new_xpath_processor()
    literal = (
        "concat(" + ", ".join(f"codepoints-to-string({ord(c)})" for c in replacement) + ", '')"
    )
    try:
        theirs = xpath.evaluate_single(f"replace('{word}', '{pattern}', {literal})").string_value
    except saxonche.PySaxonApiError:
        theirs = None
    ours = found.expand(f"p:{word}")
    assert ours == (theirs if theirs is not None else f"p:{word}"), (replacement, theirs)


def test_a_pattern_python_cannot_compile_expands_nothing() -> None:
    """Probe 129: a count past what Python compiles failed the whole file, even with no
    pointer using it."""
    found = prefixes('<prefixDef ident="p" matchPattern="a{4294967296}" replacementPattern="#x"/>')
    assert found.rules == () and found.expand("p:a") == "p:a"


def test_a_pattern_of_overlapping_alternatives_is_stopped_as_saxon_stops_it() -> None:
    """A pattern whose alternatives overlap ("(a|aa)+$") fails a match in time exponential
    in the token's length: a pointer of 60 letters held the check (and a language server)
    for hours. The match is stopped at a time limit and the token kept as written, as the
    build keeps it where Saxon stops at its backtracking limit; a token it matches is
    expanded as before."""
    found = prefixes(
        '<prefixDef ident="p" matchPattern="^((a|aa)+)$" replacementPattern="#$1"/>',
    )
    assert found.expand("p:" + "a" * 60 + "b") == "p:" + "a" * 60 + "b"
    assert found.expand("p:aaaa") == "#aaaa"
