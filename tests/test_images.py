"""Images: local files beside a text are published with its page; nothing outside is."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.build import build

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
    codes = sorted((d.code, d.line) for d in report.diagnostics)
    assert codes == [
        ("html.image-missing", 7),
        ("html.image-outside", 5),
        ("html.image-outside", 6),
    ]
    assert report.errors == 0
    # the page shows the published image alone: an image that is not published is no broken
    # <img> (its description stays)
    page = (html / "t.html").read_text(encoding="utf-8")
    assert re.findall(r'<img src="([^"]*)"', page) == ["img/f%201.png"]
    assert "Missing" in page and "Outside" in page


def test_two_texts_may_not_publish_different_images_under_one_name(tmp_path: Path) -> None:
    for name, data in (("a", PNG), ("b", PNG + b"other")):
        folder = tmp_path / name
        (folder / "img").mkdir(parents=True)
        (folder / "img" / "f 1.png").write_bytes(data)
        (folder / f"{name}.xml").write_text(TEXT)
    report = build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", only=["html"])
    assert "html.image-clash" in {d.code for d in report.diagnostics}
    assert (tmp_path / "out" / "html" / "img" / "f 1.png").read_bytes() == PNG


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
