"""TeX formulae as MathML (pipeline/formulae.py)."""

from __future__ import annotations

from lxml import etree

from pipeline.formulae import is_tex, with_mathml

TEI = "http://www.tei-c.org/ns/1.0"
MML = "http://www.w3.org/1998/Math/MathML"


def _root(body: str) -> etree._Element:
    return etree.fromstring(f'<TEI xmlns="{TEI}"><text><body>{body}</body></text></TEI>')


def test_a_text_without_tex_is_left_as_it_is() -> None:
    root = _root('<p><formula notation="mathml"><m:math xmlns:m="' + MML + '"/></formula></p>')
    assert with_mathml(root) is None
    assert with_mathml(_root("<p><formula>x + y</formula></p>")) is None


def test_tex_becomes_mathml_in_a_copy_and_keeps_its_source_as_alttext() -> None:
    root = _root(
        '<p>A <formula notation="TeX">$E = mc^2$</formula> b <formula notation="latex" '
        'rend="display">\\frac{a}{b}</formula> c <formula notation="tex">\\[x\\]</formula>.</p>'
    )
    before = etree.tostring(root)
    copy = with_mathml(root)
    assert copy is not None
    assert etree.tostring(root) == before  # the source tree is never changed
    formulae = copy.findall(f".//{{{TEI}}}formula")
    maths = [f.find(f"{{{MML}}}math") for f in formulae]
    assert all(m is not None for m in maths)
    assert [(m.get("display"), m.get("alttext")) for m in maths] == [
        ("inline", "$E = mc^2$"),
        ("block", "\\frac{a}{b}"),
        ("block", "\\[x\\]"),
    ]
    assert [f.text for f in formulae] == [None, None, None]
    assert maths[0].find(f".//{{{MML}}}msup") is not None
    assert maths[1].find(f".//{{{MML}}}mfrac") is not None
    # the words after a formula stay where they were
    assert [f.tail for f in formulae] == [" b ", " c ", "."]


def test_tex_it_cannot_read_stays_its_source() -> None:
    root = _root('<p><formula notation="TeX">\\frac{a}{</formula></p>')
    assert with_mathml(root) is None
    (formula,) = root.iter(f"{{{TEI}}}formula")
    assert is_tex(formula) and formula.text == "\\frac{a}{"


def test_only_a_formula_of_tex_alone_is_converted() -> None:
    (formula,) = _root('<p><formula notation="TeX">x<hi>y</hi></formula></p>').iter(
        f"{{{TEI}}}formula"
    )
    assert not is_tex(formula)
