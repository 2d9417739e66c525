"""The TEI copies the site offers carry nothing a browser runs (pipeline/active_content.py):
XHTML, SVG and MathML scripts, event attributes and script addresses are left out of the
kept copy, with one ``build.active-content`` warning; a file without them is kept as read."""

from __future__ import annotations

from pathlib import Path

from conftest import tei_text
from lxml import etree

from pipeline.active_content import published_copy
from pipeline.build import build
from pipeline.gate import parse_bytes

XMLNS = (
    ' xmlns:h="http://www.w3.org/1999/xhtml" xmlns:svg="http://www.w3.org/2000/svg"'
    ' xmlns:m="http://www.w3.org/1998/Math/MathML" xmlns:xl="http://www.w3.org/1999/xlink"'
)
HOSTILE = (
    "<p>Before <h:script>alert(1)</h:script>after, <h:img src='x' onerror='alert(2)'/> and"
    " <svg:svg onload='alert(3)'><svg:a xl:href='java&#9;script:alert(4)'><svg:set"
    " attributeName='href' to='javascript:alert(5)'/><svg:text>link</svg:text></svg:a>"
    "</svg:svg> <h:a href=' JavaScript:alert(6)' title='kept'>here</h:a> <m:math"
    " href='javascript:alert(7)'><m:mi>x</m:mi></m:math> <h:iframe src='//evil'/>end.</p>"
)


def _document(tmp_path: Path, body: str) -> tuple[Path, bytes]:
    path = tmp_path / "t.xml"
    data = tei_text(body, xmlns=XMLNS).encode()
    path.write_bytes(data)
    return path, data


def test_what_a_browser_runs_is_left_out_and_told_once(tmp_path: Path) -> None:
    path, data = _document(tmp_path, HOSTILE)
    document = parse_bytes(data, path).document
    assert document is not None
    kept, told = published_copy(document, data)
    assert [(d.code, d.line) for d in told] == [("build.active-content", 1)]
    assert told[0].message.startswith("<script> of XHTML would run in a reader's browser")
    assert "(and 7 more)" in told[0].message
    assert kept.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    copy = etree.fromstring(kept)
    text = kept.decode()
    for gone in ("alert", "onerror", "onload", "iframe", "script", "<svg:set"):
        assert gone not in text, gone
    # the rest is the source's: words, the harmless elements and attributes, in order
    paragraph = copy.find(".//{http://www.tei-c.org/ns/1.0}body/{http://www.tei-c.org/ns/1.0}p")
    assert " ".join("".join(paragraph.itertext()).split()) == "Before after, and link here x end."
    (link,) = copy.iter("{http://www.w3.org/1999/xhtml}a")
    assert dict(link.attrib) == {"title": "kept"}
    assert copy.find(".//{http://www.w3.org/1999/xhtml}img").get("src") == "x"
    # the gated tree the writers read is untouched
    assert next(document.root.iter("{http://www.w3.org/1999/xhtml}script")) is not None


def test_the_first_told_is_the_first_in_the_file(tmp_path: Path) -> None:
    """Probe 85: an onload of an svg before a set on the same line was told as "<set> ...
    (and 1 more)": the first in document order is named, not the first of the elements."""
    body = (
        "<p><svg:svg onload='x()'><svg:set attributeName='href' to='javascript:y()'/></svg:svg></p>"
    )
    path, data = _document(tmp_path, body)
    document = parse_bytes(data + b"\n", path).document
    assert document is not None
    kept, told = published_copy(document, data + b"\n")
    assert told[0].message.startswith("@onload of SVG would run"), told[0].message
    assert kept.endswith(b"</TEI>\n")


def test_a_file_with_harmless_svg_is_kept_as_read(tmp_path: Path) -> None:
    body = "<figure><svg:svg><svg:circle r='2'/><svg:a xl:href='#x'/></svg:svg></figure><p>A.</p>"
    path, data = _document(tmp_path, body)
    document = parse_bytes(data, path).document
    assert document is not None
    kept, told = published_copy(document, data)
    assert kept is data and told == []


def test_the_published_tei_of_a_build_carries_no_script(tmp_path: Path) -> None:
    """Probe 83: the download of a text with an XHTML script ran it in the site's origin."""
    path, _ = _document(tmp_path, HOSTILE)
    report = build([path], tmp_path / "out", only=("html",), jobs=1)
    (told,) = [d for d in report.diagnostics if d.code == "build.active-content"]
    assert told.path.endswith("t.xml") and told.line == 1
    published = (tmp_path / "out/html/tei/t.xml").read_text(encoding="utf-8")
    assert "alert" not in published and "after, " in published


def test_a_stylesheet_instruction_is_left_out_of_the_published_copy(tmp_path: Path) -> None:
    """Probe 121: an <?xml-stylesheet?> of the source was kept in the TEI copy the site
    offers, and a browser opening it there ran the XSLT it named ("XSLT-SCRIPT-RAN"). It is
    left out, told once at its line; the rest of the prolog (the schema's xml-model, a
    comment) stays; a UTF-16 source is written again in UTF-8."""
    prolog = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="s.rng"?>\n'
        '<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n<!-- kept -->\n'
        "<?xml-stylesheet href='y.xsl'?>"
    )
    text = tei_text("<p>A.</p>")
    body = text[text.index("<TEI") :]
    for encoding in ("utf-8", "utf-16"):
        data = f"{prolog}\n{body}".replace("UTF-8", encoding.upper()).encode(encoding)
        path = tmp_path / f"{encoding}.xml"
        path.write_bytes(data)
        document = parse_bytes(data, path).document
        assert document is not None
        kept, told = published_copy(document, data)
        assert [(d.code, d.line) for d in told] == [("build.active-content", 3)], told
        assert "(and 1 more)" in told[0].message
        written = kept.decode("utf-8")
        assert "xml-stylesheet" not in written, written
        assert '<?xml-model href="s.rng"?>' in written and "<!-- kept -->" in written
        assert "<p>A.</p>" in written


def test_a_css_stylesheet_instruction_is_kept(tmp_path: Path) -> None:
    """Probe 122: DraCor's plays name a CSS stylesheet, which runs nothing; it was left out
    of every download with a warning each. One of the edition's own files is kept."""
    text = tei_text("<p>A.</p>")
    # (and the Syriaca records' of no type, named .css: probe 122)
    for instruction in (
        'type="text/css" href="tei.css"',
        'href="../css/tei.css"',
        # the site's own too, as a browser reads them (probe 154 #6: dropped "as from
        # elsewhere")
        'type="text/css" href="/css/tei.css"',
        'type="text/css" href="css/my style.css"',
        'type="text/css" href="tei+print.css"',
        'type="text/css" href="css/(1).css?v=2&amp;x=1"',
        'type="text/css" href="c&#115;s/&#x61;.css"',
    ):
        data = (f"<?xml-stylesheet {instruction}?>\n" + text).encode()
        path = tmp_path / "css.xml"
        path.write_bytes(data)
        document = parse_bytes(data, path).document
        assert document is not None
        assert published_copy(document, data) == (data, [])
    # one of another server, or a javascript: address, is left out: the download would load
    # it from elsewhere (probe 148)
    for instruction in (
        'href="https://e.org/tei.css"',
        'type="text/css" href="//e.org/tei.css"',
        'type="text/css" href="javascript:alert(1)"',
        # disguised: a character reference, backslashes (probe 151)
        'type="text/css" href="&#104;ttps://e.org/x.css"',
        'type="text/css" href="\\\\e.org/x.css"',
        'type="text/css" href="/\\e.org/x.css"',
        'type="text/css" href="&#47;/e.org/x.css"',
        'type="text/css" href="/&#10;/e.org/x.css"',
        'type="text/css" href="&#32;//e.org/x.css"',
        'type="text/css" href="ht&#9;tps://e.org/x.css"',
        'type="text/css" href="HTTPS://e.org/x.css"',
        'type="text/css" href="&sol;/e.org/x.css"',
    ):
        data = (f"<?xml-stylesheet {instruction}?>\n" + text).encode()
        path.write_bytes(data)
        document = parse_bytes(data, path).document
        assert document is not None
        kept, told = published_copy(document, data)
        assert b"xml-stylesheet" not in kept and [d.code for d in told] == [
            "build.active-content"
        ], instruction
