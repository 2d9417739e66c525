"""Images: local files beside a text are published with its page; nothing outside is."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html

from pipeline.build import build
from pipeline.xml_base import joined as rebased_join

PNG = b"\x89PNG\r\n\x1a\nnot really an image"
TEXT = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>I</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><text><body><p>Text</p>
<figure><graphic url="img/f%201.png"/><figDesc>One</figDesc></figure>
<figure><graphic url="../secret.png"/><figDesc>Outside</figDesc></figure>
<figure><graphic url="/etc/hostname"/><figDesc>Absolute</figDesc></figure>
<figure><graphic url="img/none.png"/><figDesc>Missing</figDesc></figure>
<figure><graphic url="https://example.org/x.png"/><figDesc>Remote</figDesc></figure>
</body></text></TEI>"""


def test_local_images_are_copied_and_others_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "img").mkdir(parents=True)
    (corpus / "img" / "f 1.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(b"secret")
    (corpus / "t.xml").write_text(TEXT)
    report = build([corpus], tmp_path / "out", only=["html"])
    html = tmp_path / "out" / "html"
    assert (html / "img" / "f 1.png").read_bytes() == PNG
    assert [p.name for p in html.rglob("*.png")] == ["f 1.png"]
    # at the url's column (diagnostics probe: the line alone was told)
    codes = sorted((d.code, d.line, d.column) for d in report.diagnostics)
    assert codes == [
        ("html.image-missing", 7, 18),
        ("html.image-outside", 5, 18),
        ("html.image-outside", 6, 18),
        ("html.image-remote", 8, 18),
    ]
    assert report.errors == 0
    # the page shows the published image alone: an image that is not published is no broken
    # <img> (its description stays)
    page = (html / "t.html").read_text(encoding="utf-8")
    assert re.findall(r'<img src="([^"]*)"', page) == ["img/f%201.png"]
    assert "Missing" in page and "Outside" in page


def test_images_on_another_server_are_told_once_unless_the_server_is_named(
    tmp_path: Path,
) -> None:
    """Probe 65: a facsimile on a IIIF server vanished from the page without a word (the
    edition loads nothing from elsewhere unless ``images`` names the server). One note a
    text says so, and the setting that shows them; none once it is set."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    remote = "".join(
        f'<figure><graphic url="https://iiif.example.org/ms/f{n}.jpg"/></figure>' for n in (1, 2)
    )
    (corpus / "t.xml").write_text(TEXT.replace("<p>Text</p>", "<p>Text</p>" + remote))
    report = build([corpus], tmp_path / "out", only=["html"])
    (note,) = [d for d in report.diagnostics if d.code == "html.image-remote"]
    assert note.severity.value == "info" and note.line == 3
    assert "'https://iiif.example.org/ms/f1.jpg' (and 2 more)" in note.message
    assert 'images = "https://iiif.example.org/"' in note.message
    named = build([corpus], tmp_path / "named", only=["html"], images="https://iiif.example.org/")
    # the one image of another server still is told, alone
    (rest,) = [d for d in named.diagnostics if d.code == "html.image-remote"]
    assert "'https://example.org/x.png' is on another server" in rest.message
    page = (tmp_path / "named" / "html" / "t.html").read_text(encoding="utf-8")
    assert 'src="https://iiif.example.org/ms/f2.jpg"' in page


def test_an_image_named_by_an_address_no_page_shows_is_told(tmp_path: Path) -> None:
    """Probe 148: an image named by a file: URL (even of a file beside the text), a Windows
    path or an ftp: address vanished from the page without a word. One warning a text, at
    the first, says so and how to name it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.png").write_bytes(PNG)
    odd = "".join(
        f'<figure><graphic url="{url}"/><figDesc>{n}</figDesc></figure>'
        for n, url in enumerate(
            (f"file://{corpus / 'scan.png'}", "C:\\scans\\1.png", "ftp://example.org/a.png")
        )
    )
    (corpus / "t.xml").write_text(TEXT.replace("<p>Text</p>", "<p>Text</p>" + odd))
    report = build([corpus], tmp_path / "out", only=["html"])
    (told,) = [d for d in report.diagnostics if d.code == "html.image-address"]
    assert (told.severity.value, told.line) == ("warning", 3), told
    assert f"'file://{corpus / 'scan.png'}' (and 2 more) is named by a file: URL" in told.message
    assert "relative to the text" in told.message
    # a prefix the header declares is no scheme (probe 151: anno:, an image server's)
    prefixed = TEXT.replace(
        "</fileDesc>",
        '</fileDesc><encodingDesc><listPrefixDef><prefixDef ident="anno" matchPattern="(.+)" '
        'replacementPattern="https://anno.example.org/$1"/></listPrefixDef></encodingDesc>',
    ).replace("<p>Text</p>", '<p>Text</p><figure><graphic url="anno:p1.jpg"/></figure>')
    (corpus / "p.xml").write_text(prefixed)
    report = build([corpus / "p.xml"], tmp_path / "out-p", only=["html"])
    assert "html.image-address" not in report.by_code(), report.sorted()
    plain = (corpus / "t.xml").read_text().replace(odd, "")
    (corpus / "t.xml").write_text(plain)
    again = build([corpus], tmp_path / "out", only=["html"])
    assert "html.image-address" not in again.by_code()


def test_a_page_image_is_captioned_by_its_surfaces_label(tmp_path: Path) -> None:
    """Probe 65: a surface labelled "fol. 1r" that a page break n="1r" points at was captioned
    "Page 1r"; its label names it, and a surface without one is the page break's number."""
    corpus = tmp_path / "corpus"
    (corpus / "img").mkdir(parents=True)
    for name in ("a.png", "b.png"):
        (corpus / "img" / name).write_bytes(PNG)
    facsimile = (
        '<facsimile><surface xml:id="s1"><label>fol. 1r</label><graphic url="img/a.png"/>'
        '</surface><surface xml:id="s2"><graphic url="img/b.png"/></surface></facsimile>'
    )
    (corpus / "t.xml").write_text(
        TEXT.replace("<text>", facsimile + "<text>").replace(
            "<p>Text</p>", '<pb n="1r" facs="#s1"/><p>Text</p><pb n="1v" facs="#s2"/><p>More</p>'
        )
    )
    build([corpus], tmp_path / "out", only=["html"])
    page = html.parse(str(tmp_path / "out" / "html" / "t.html"))
    captions = page.xpath("//aside[@class='facs-viewer']//figcaption")
    assert [c.text_content() for c in captions] == ["fol. 1r", "Page 1v"]


def test_two_texts_may_not_publish_different_images_under_one_name(tmp_path: Path) -> None:
    for name, data in (("a", PNG), ("b", PNG + b"other")):
        folder = tmp_path / name
        (folder / "img").mkdir(parents=True)
        (folder / "img" / "f 1.png").write_bytes(data)
        (folder / f"{name}.xml").write_text(TEXT)
    report = build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", only=["html"])
    assert "html.image-clash" in {d.code for d in report.diagnostics}
    assert (tmp_path / "out" / "html" / "img" / "f 1.png").read_bytes() == PNG


def test_an_included_part_names_its_images_beside_its_own_file(tmp_path: Path) -> None:
    """Probe 37 (modular editions: chapters included from a folder of their own, each naming
    the images beside it): the image was looked for beside the including file and reported
    missing. XML Base resolves it against the part's xml:base, which xi:include writes."""
    corpus = tmp_path / "corpus"
    (corpus / "parts").mkdir(parents=True)
    (corpus / "parts" / "f1.png").write_bytes(PNG)
    (corpus / "parts" / "ch1.xml").write_text(
        '<div xmlns="http://www.tei-c.org/ns/1.0"><p>Part</p><figure><graphic url="f1.png"/>'
        "<figDesc>Leaf</figDesc></figure></div>"
    )
    (corpus / "t.xml").write_text(
        TEXT.replace(
            "<body><p>Text</p>",
            '<body><p>Text</p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude"'
            ' href="parts/ch1.xml"/>',
        ).split("<figure>")[0]
        + "</body></text></TEI>"
    )
    report = build([corpus], tmp_path / "out", only=["html"])
    assert not [d for d in report.diagnostics if d.code.startswith("html.image")]
    html = tmp_path / "out" / "html"
    assert (html / "parts" / "f1.png").read_bytes() == PNG
    page = (html / "t.html").read_text(encoding="utf-8")
    assert re.findall(r'<img src="([^"]*)"', page) == ["parts/f1.png"]


def test_a_part_in_a_sibling_folder_never_publishes_another_image(tmp_path: Path) -> None:
    """Probe 140: a part included from "../parts/ch.xml" naming "img/a.png" beside it was
    resolved to "parts/img/a.png" beside the including text (urljoin drops the steps above a
    relative base), and a different file there was published as the part's image. The image
    is outside the text's folder: not published, and told in the part's file."""
    corpus = tmp_path / "tei"
    (corpus / "parts" / "img").mkdir(parents=True)
    (corpus / "texts" / "parts" / "img").mkdir(parents=True)
    (corpus / "parts" / "img" / "a.png").write_bytes(PNG)
    (corpus / "texts" / "parts" / "img" / "a.png").write_bytes(PNG + b"decoy")
    (corpus / "parts" / "ch.xml").write_text(
        '<div xmlns="http://www.tei-c.org/ns/1.0">\n<p>Part</p><figure><graphic url="img/a.png"/>'
        "<figDesc>Leaf</figDesc></figure></div>"
    )
    (corpus / "texts" / "t.xml").write_text(
        TEXT.replace(
            "<body><p>Text</p>",
            '<body><p>Text</p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude"'
            ' href="../parts/ch.xml"/>',
        ).split("<figure>")[0]
        + "</body></text></TEI>"
    )
    report = build([corpus / "texts"], tmp_path / "out", only=["html"], root=corpus)
    html = tmp_path / "out" / "html"
    assert not (html / "parts").exists()
    assert "<img" not in (html / "t.html").read_text(encoding="utf-8")
    (told,) = [d for d in report.diagnostics if d.code.startswith("html.image")]
    assert told.code == "html.image-outside"
    assert told.path.endswith("parts/ch.xml") and told.line == 2
    assert "'../parts/img/a.png'" in told.message and "(included by " in told.message


def test_xml_base_steps_above_a_relative_base_are_kept() -> None:
    assert rebased_join("../parts/ch.xml", "img/a.png") == "../parts/img/a.png"
    assert rebased_join("a/b/", "c/") == "a/b/c/"
    assert rebased_join("a/b/c/", "../d.png") == "a/b/d.png"
    assert rebased_join("../p/sub/", "../../q.png") == "../q.png"
    assert rebased_join("sub/x.xml", "../y.png") == "y.png"
    assert rebased_join("a/", "https://x.org/y.png") == "https://x.org/y.png"


def test_a_missing_sound_is_called_a_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = TEXT.replace(
        "<p>Text</p>", '<p>Text <media mimeType="audio/mpeg" url="sound/song.mp3"/></p>'
    )
    (corpus / "t.xml").write_text(text)
    report = build([corpus], tmp_path / "out", only=["html"])
    (song,) = [d for d in report.diagnostics if "song.mp3" in d.message]
    assert song.code == "html.image-missing" and song.message.startswith("file 'sound/song.mp3'")
    (png,) = [d for d in report.diagnostics if "none.png" in d.message]
    assert png.message.startswith("image 'img/none.png'")


PAGES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>L</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><text><body>
<pb n="1" facs="img/p1.png"/><p>First page.</p>
<figure><graphic url="img/fig.png"/><figDesc>A drawing</figDesc></figure>
<pb n="2" facs="  img/p2.png  "/><p>Second page.</p>
<pb n="3" facs="img/p3.png"/><p>Third.</p>
<pb n="4" facs="img/p4.png"/><p>Fourth.</p>
<pb n="5" facs="#nowhere"/><p>Fifth.</p>
</body></text></TEI>"""


def test_a_page_break_naming_its_image_shows_it_in_the_viewer(tmp_path: Path) -> None:
    """``pb/@facs="img/p1.png"`` (the image itself, not a surface): the image is published and
    shown in the page's viewer, the page number links to it and back; the images that are
    missing are one warning, not one a page; the figure between keeps its own image."""
    from lxml import html as lxml_html

    corpus = tmp_path / "corpus"
    (corpus / "img").mkdir(parents=True)
    for name in ("p1.png", "p2.png", "fig.png"):
        (corpus / "img" / name).write_bytes(PNG + name.encode())
    (corpus / "t.xml").write_text(PAGES)
    report = build([corpus], tmp_path / "out", only=["html"])
    html = tmp_path / "out" / "html"
    assert sorted(p.name for p in (html / "img").iterdir()) == ["fig.png", "p1.png", "p2.png"]
    (missing,) = [d for d in report.diagnostics if d.code.startswith("html.image")]
    assert (missing.code, missing.line) == ("html.image-missing", 7)
    assert "'img/p3.png'" in missing.message and "and 1 more page break)" in missing.message
    doc = lxml_html.parse(str(html / "t.html"))
    viewer = doc.xpath("//aside[@class='facs-viewer']//li")
    assert [li.xpath("string(.//img/@src)") for li in viewer] == ["img/p1.png", "img/p2.png"]
    assert [li.xpath("string(.//figcaption)") for li in viewer] == ["Page 1", "Page 2"]
    for li in viewer:  # the caption leads to the page break, the page break to the image
        pb = doc.xpath(f"//*[@id='{li.xpath('string(.//figcaption/a/@href)')[1:]}']")[0]
        assert pb.xpath("string(.//a/@href)") == "#" + li.get("id")
    assert doc.xpath("//figure[@class='figure']//img/@src") == ["img/fig.png"]
    numbers = doc.xpath("//*[contains(@class, 'pb-n')]")
    assert [bool(n.xpath("self::a")) for n in numbers] == [True, True, False, False, False]


def test_a_book_carries_page_break_images_only_when_asked(tmp_path: Path) -> None:
    import zipfile

    corpus = tmp_path / "corpus"
    (corpus / "img").mkdir(parents=True)
    for name in ("p1.png", "p2.png", "fig.png"):
        (corpus / "img" / name).write_bytes(PNG_REAL)
    (corpus / "t.xml").write_text(PAGES)
    for on in (False, True):
        out = tmp_path / f"out-{on}"
        build([corpus], out, only=["epub"], epub_facsimiles=on)
        with zipfile.ZipFile(out / "epub" / "t.epub") as book:
            images = sorted(n.rsplit("/", 1)[-1] for n in book.namelist() if n.endswith(".png"))
            text = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
        assert images == (["fig.png", "p1.png", "p2.png"] if on else ["fig.png"])
        assert text.count('class="facs-image"') == (2 if on else 0)


# a PNG an EPUB may carry: its bytes agree with its name (epub_package.image_media_type)
PNG_REAL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415478da63f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


SIZES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D</title>
</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><facsimile>
<surface xml:id="s1"><zone><graphic url="img/a_thumb.png" rend="thumbnail"/>
<graphic url="img/a.png" rend="facstab"/><graphic url="img/a_big.png"/></zone></surface>
<surface xml:id="s2"><graphic url="img/b_thumb.png" type="thumbnail"/></surface></facsimile>
<text><body><pb n="1" facs="#s1"/><p>Monday.</p><pb n="2" facs="#s2"/><p>Tuesday.</p></body>
</text></TEI>"""


def test_a_page_in_several_sizes_shows_no_thumbnail_when_it_has_more(tmp_path: Path) -> None:
    """Probe 21 (the Baernreither diaries: a zone holding one page image in three sizes,
    rend="thumbnail", "facstab" and the full one): the viewer showed the first, the
    thumbnail; it shows the first of the others, and a thumbnail when there is nothing else."""
    from lxml import html as lxml_html

    corpus = tmp_path / "corpus"
    (corpus / "img").mkdir(parents=True)
    for name in ("a_thumb.png", "a.png", "a_big.png", "b_thumb.png"):
        (corpus / "img" / name).write_bytes(PNG + name.encode())
    (corpus / "d.xml").write_text(SIZES)
    report = build([corpus], tmp_path / "out", only=["html"])
    assert not report.diagnostics, report.sorted()
    doc = lxml_html.parse(str(tmp_path / "out" / "html" / "d.html"))
    viewer = doc.xpath("//aside[@class='facs-viewer']//li")
    assert [li.xpath("string(.//img/@src)") for li in viewer] == ["img/a.png", "img/b_thumb.png"]


def test_no_image_takes_a_page_of_the_site_or_runs_script_on_it(tmp_path: Path) -> None:
    """Probe 121: a graphic url="b.html" replaced the reading page of text b with its
    script; a graphic in cite/ or assets/ took the place of the build's own files; an SVG
    with script was published and, opened on the site, ran there. The site publishes images,
    sounds and films by their names alone, outside its own folders, and SVG without script;
    the others are told and shown nowhere (no broken image)."""
    corpus = tmp_path / "corpus"
    (corpus / "cite").mkdir(parents=True)
    (corpus / "assets").mkdir()
    figures = "".join(
        f'<figure><graphic url="{url}"/></figure>'
        for url in ("b.html", "cite/b.json", "assets/x.png", "evil.svg", "ok.svg", "sub/ok.png")
    )
    (corpus / "a.xml").write_text(TEXT.replace("<p>Text</p>", f"<p>Text</p>{figures}"))
    (corpus / "b.xml").write_text(TEXT.replace("<p>Text</p>", "<p>The words of b.</p>"))
    (corpus / "b.html").write_text("<script>alert(1)</script>")
    (corpus / "cite" / "b.json").write_text("{}")
    (corpus / "assets" / "x.png").write_bytes(PNG)
    (corpus / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><a href=" JavaScript:alert(1)"><rect/></a></svg>'
    )
    (corpus / "ok.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="page.jpg" width="10" height="10"/></svg>'
    )
    (corpus / "sub").mkdir()
    (corpus / "sub" / "ok.png").write_bytes(PNG)
    report = build([corpus], tmp_path / "out", only=["html"])
    site = tmp_path / "out" / "html"
    assert "The words of b." in (site / "b.html").read_text(encoding="utf-8")
    assert (site / "cite" / "b.json").read_text(encoding="utf-8") != "{}"
    assert not (site / "assets" / "x.png").exists() and not (site / "evil.svg").exists()
    assert (site / "ok.svg").is_file() and (site / "sub" / "ok.png").is_file()
    told = sorted(
        (d.code, d.message.split("'")[1]) for d in report.diagnostics if "image-" in d.code
    )
    codes = {url: code for code, url in told}
    assert codes["b.html"] == "html.image-type" and codes["evil.svg"] == "html.image-script"
    assert codes["cite/b.json"] == codes["assets/x.png"] == "html.image-reserved"
    assert "ok.svg" not in codes and "sub/ok.png" not in codes
    page = (site / "a.html").read_text(encoding="utf-8")
    shown = re.findall(r'<img src="([^"]*)"', page)
    assert shown == ["ok.svg", "sub/ok.png"], shown


def test_an_svg_of_a_drawing_program_and_a_pdf_are_published(tmp_path: Path) -> None:
    """Probe 122: an SVG naming its DTD (as Illustrator exports it) or a CSS stylesheet, and
    a PDF a media element offers, were left out as holding script or no image; they run
    nothing. An SVG whose DOCTYPE declares entities is still left out."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    (corpus / "dt.svg").write_text(
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + svg
    )
    (corpus / "css.svg").write_text('<?xml-stylesheet type="text/css" href="s.css"?>' + svg)
    (corpus / "ent.svg").write_text('<!DOCTYPE svg [<!ENTITY e "x">]>' + svg)
    (corpus / "doc.pdf").write_bytes(b"%PDF-1.4\n")
    figures = "".join(
        f'<figure><graphic url="{n}"/></figure>' for n in ("dt.svg", "css.svg", "ent.svg")
    )
    (corpus / "t.xml").write_text(
        TEXT.replace(
            "<p>Text</p>", f'<p>Text</p>{figures}<media url="doc.pdf" mimeType="application/pdf"/>'
        )
    )
    report = build([corpus], tmp_path / "out", only=["html"])
    site = tmp_path / "out" / "html"
    assert (site / "dt.svg").is_file() and (site / "css.svg").is_file()
    assert (site / "doc.pdf").is_file() and not (site / "ent.svg").exists()
    told = {d.message.split("'")[1]: d.code for d in report.diagnostics if "image-" in d.code}
    assert told.get("ent.svg") == "html.image-script" and "dt.svg" not in told, told
    assert "doc.pdf" not in told and "css.svg" not in told, told


def test_an_image_named_by_a_server_without_a_scheme_is_told_as_remote(tmp_path: Path) -> None:
    """Probe 154 #7: <graphic url="//example.org/b.png"/>, a network-path reference (RFC
    3986: another server, read with the page's scheme), vanished from the page without a
    word: no scheme for html.image-address, none of http(s) for html.image-remote. It is
    told as the image of another server it is, and shown once that server is named."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    figure = '<figure><graphic url="//example.org/b.png"/><figDesc>Far</figDesc></figure>'
    (corpus / "t.xml").write_text(TEXT.replace("<p>Text</p>", "<p>Text</p>" + figure))
    report = build([corpus], tmp_path / "out", only=["html"])
    told = [d for d in report.diagnostics if d.code == "html.image-remote"]
    assert len(told) == 1 and "'//example.org/b.png' (and 1 more)" in told[0].message, told
    assert 'images = "https://example.org/"' in told[0].message
    named = build([corpus], tmp_path / "named", only=["html"], images="https://example.org/")
    assert "html.image-remote" not in named.by_code(), named.sorted()
    page = (tmp_path / "named" / "html" / "t.html").read_text(encoding="utf-8")
    assert 'src="https://example.org/b.png"' in page


def test_an_image_named_by_a_declared_prefix_is_judged_as_the_header_expands_it(
    tmp_path: Path,
) -> None:
    """Probe 155 I9: a prefix the header declares silenced html.image-address whatever it
    expanded to: "loc:p1.jpg" made a file: address, and "anno:P1.JPG", which the prefix's
    pattern does not match and so is not expanded, were published as empty figures without a
    word. The address is judged as the header expands it (as written where the pattern does
    not match): told as a file: address, an anno: address, another server's image; and one
    it expands into a path beside the text is published and shown."""
    corpus = tmp_path / "corpus"
    (corpus / "img").mkdir(parents=True)
    (corpus / "img" / "p.png").write_bytes(PNG)
    declared = (
        '<prefixDef ident="loc" matchPattern="(.+)" replacementPattern="file:///srv/img/$1"/>'
        '<prefixDef ident="anno" matchPattern="^([a-z0-9.]+)$" '
        'replacementPattern="https://anno.example.org/$1"/>'
        '<prefixDef ident="pic" matchPattern="(.+)" replacementPattern="img/$1"/>'
        '<prefixDef ident="fac" matchPattern="(.+)" replacementPattern="#$1"/>'
    )
    figures = "".join(
        f'<figure><graphic url="{url}"/><figDesc>{url}</figDesc></figure>'
        for url in ("loc:p1.jpg", "anno:P1.JPG", "anno:p1.jpg", "pic:p.png")
    )
    (corpus / "t.xml").write_text(
        TEXT.replace(
            "</fileDesc>",
            f"</fileDesc><encodingDesc><listPrefixDef>{declared}</listPrefixDef></encodingDesc>",
        ).replace("<p>Text</p>", '<p>Text<pb facs="fac:s1"/></p>' + figures)
    )
    report = build([corpus], tmp_path / "out", only=["html"])
    (told,) = [d for d in report.diagnostics if d.code == "html.image-address"]
    assert told.message.startswith(
        "image 'loc:p1.jpg' (which the header expands to 'file:///srv/img/p1.jpg') (and 1 "
        "more) is named by a file: URL"
    ), told.message
    (remote,) = [d for d in report.diagnostics if d.code == "html.image-remote"]
    assert remote.message.startswith(
        "image 'anno:p1.jpg' (which the header expands to 'https://anno.example.org/p1.jpg')"
    ), remote.message
    assert 'images = "https://anno.example.org/"' in remote.message
    # the pointer at a surface names no image, and the path beside the text is published
    assert not [d for d in report.diagnostics if "s1" in d.message], report.sorted()
    page = (tmp_path / "out" / "html" / "t.html").read_text(encoding="utf-8")
    assert 'src="img/p.png"' in page and (tmp_path / "out/html/img/p.png").read_bytes() == PNG
    # only the unmatched prefix is told once its address is mended
    alone = (corpus / "t.xml").read_text().replace("loc:p1.jpg", "pic:p.png")
    (corpus / "t.xml").write_text(alone)
    again = build([corpus], tmp_path / "out", only=["html"])
    (told,) = [d for d in again.diagnostics if d.code == "html.image-address"]
    assert "image 'anno:P1.JPG' is named by a anno: address" in told.message, told.message
