"""Incremental builds (pipeline/cache.py): what is taken over, and that an incremental build
gives the bytes of a clean one, over random sequences of edits."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, published
from lxml import etree

from pipeline import build as build_module
from pipeline.build import build
from pipeline.diagnostics import Severity
from pipeline.publish import MARKER, OutputFolder

TEI = ROOT / "tei"
LETTERS = ROOT / "tests" / "data" / "letters"
DRAMA = SHARED / "corpora" / "tei-samples" / "drama"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The edition, three letters with their registers, and two plays: texts, registers,
    names, speeches, to edit."""
    folder = tmp_path / "src"
    shutil.copytree(TEI, folder / "tei")
    shutil.copytree(LETTERS, folder / "letters")
    plays = folder / "plays"
    plays.mkdir()
    for path in sorted(DRAMA.glob("*.xml"))[:2]:
        shutil.copy(path, plays / path.name)
    return folder


def edits(folder: Path, rnd: random.Random) -> str:
    """One random edit of the kinds editors make; what it was."""
    files = sorted(folder.rglob("*.xml"))
    path = rnd.choice(files)
    text = path.read_text(encoding="utf-8")
    kind = rnd.choice(["word", "paragraph", "register", "remove", "add", "header"])
    if kind == "register":
        path = folder / "tei" / "registers" / "organisations.xml"
        text = path.read_text(encoding="utf-8").replace("Comité", "Komitee", 1)
    elif kind == "remove" and len(files) > 4:
        path.unlink()
        return f"removed {path.name}"
    elif kind == "add":
        copy = path.with_name(f"copy-{rnd.randrange(1000)}-{path.name}")
        copy.write_text(text.replace('xml:id="', 'xml:id="c-'), encoding="utf-8")
        return f"added {copy.name}"
    elif kind == "header" and "</title>" in text:
        text = text.replace("</title>", " (revised)</title>", 1)
    elif kind == "paragraph" and "</p>" in text:
        text = text.replace("</p>", "</p><p>A new paragraph.</p>", 1)
    else:
        words = [w for w in ("the", "der", "die", "and", "und") if f" {w} " in text]
        if not words:
            return "nothing"
        text = text.replace(f" {words[0]} ", f" {words[0].upper()} ", 1)
    path.write_text(text, encoding="utf-8")
    return f"{kind} in {path.name}"


@pytest.mark.slow
def test_incremental_builds_equal_clean_builds(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build([corpus], out, jobs=2).errors == 0
    rnd = random.Random(1944)
    for step in range(6):
        what = edits(corpus, rnd)
        incremental = build([corpus], out, jobs=2)
        clean = build([corpus], tmp_path / f"clean-{step}", jobs=2, clean=True)
        assert published(out) == published(tmp_path / f"clean-{step}"), what
        assert sorted(d.code for d in incremental.diagnostics) == sorted(
            d.code for d in clean.diagnostics
        ), what


def test_an_unchanged_build_takes_everything_over(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build([corpus / "tei"], out)
    first = OutputFolder(out).current()
    assert first is not None
    inode = (first.root / "html" / "belgium-1944.html").stat().st_ino
    build([corpus / "tei"], out)
    second = OutputFolder(out).current()
    assert second is not None and second.root != first.root
    # the same file (a hard link), not a new one: the page was not rendered again
    assert (second.root / "html" / "belgium-1944.html").stat().st_ino == inode


def test_a_source_taken_over_that_changes_during_the_build_is_not_published(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source whose facts and page are taken over is not read again: its stat, checked
    before publishing, tells that it changed (same size, another time), and the bytes
    confirm it."""
    out = tmp_path / "site"
    build([corpus / "letters"], out)
    published_before = published(out)
    letter = corpus / "letters" / "letter-1.xml"
    real_read = build_module.read_all

    def read_then_edit(files, plan, report):  # type: ignore[no-untyped-def]
        facts = real_read(files, plan, report)
        assert plan.cache.unchanged(next(f for f in facts if f.path == letter))
        data = letter.read_bytes()
        letter.write_bytes(data.replace(b"<p>", b"<p>X", 1)[: len(data)])
        return facts

    monkeypatch.setattr(build_module, "read_all", read_then_edit)
    report = build([corpus / "letters"], out)
    errors = [d.code for d in report.diagnostics if d.severity is Severity.ERROR]
    assert errors == ["build.source-changed"]
    assert published(out) == published_before


def test_a_text_moved_unchanged_is_published_from_its_new_place(
    corpus: Path, tmp_path: Path
) -> None:
    """Probe 111: a text moved unchanged to another folder took its last result, which
    named the old path, and the build stopped with an internal error (KeyError), every
    later build too, until --clean; `edition serve` exited. It is built again, and its
    warnings name where it is now."""
    out = tmp_path / "site"
    assert build([corpus], out, jobs=1).errors == 0
    (corpus / "moved").mkdir()
    (corpus / "tei" / "texts" / "belgium-1944.xml").rename(corpus / "moved" / "belgium-1944.xml")
    moved = build([corpus], out, jobs=1)
    assert moved.errors == 0
    clean = build([corpus], tmp_path / "clean", jobs=1, clean=True)
    assert published(out) == published(tmp_path / "clean")
    assert sorted(str(d.path) for d in moved.diagnostics) == sorted(
        str(d.path) for d in clean.diagnostics
    )
    assert not [d for d in moved.diagnostics if "tei/texts/belgium" in str(d.path)]


def test_one_edited_text_is_the_only_one_rendered(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build([corpus / "letters"], out)
    before = OutputFolder(out).current()
    assert before is not None
    inodes = {p.name: p.stat().st_ino for p in (before.root / "html").glob("letter-*.html")}
    letter = corpus / "letters" / "letter-2.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("</p>", " P.S.</p>", 1),
                      encoding="utf-8")  # fmt: skip
    build([corpus / "letters"], out)
    after = OutputFolder(out).current()
    assert after is not None
    now = {p.name: p.stat().st_ino for p in (after.root / "html").glob("letter-*.html")}
    assert now["letter-2.html"] != inodes["letter-2.html"]
    assert now["letter-1.html"] == inodes["letter-1.html"]


def test_a_changed_program_builds_everything(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build([corpus / "tei"], out)
    before = OutputFolder(out).current()
    assert before is not None
    page = "html/belgium-1944.html"
    inode = (before.root / page).stat().st_ino
    monkeypatch.setattr(build_module, "tool_digest", lambda: "another version")
    build([corpus / "tei"], out)
    after = OutputFolder(out).current()
    assert after is not None
    assert (after.root / page).stat().st_ino != inode


def test_a_corrupt_cache_means_a_full_build(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build([corpus / "tei"], out)
    expected = published(out)
    current = OutputFolder(out).current()
    assert current is not None
    for record in (current.root / "cache").rglob("*.json"):
        record.write_text("{not json")
    report = build([corpus / "tei"], out)
    assert report.errors == 0
    assert published(out) == expected
    # and the other way: a manifest whose cache section is of another format
    manifest = current_manifest(out)
    data = json.loads(manifest.read_text())
    data["cache"] = {"format": "0"}
    manifest.write_text(json.dumps(data))
    report = build([corpus / "tei"], out)
    assert "build.full" in {d.code for d in report.diagnostics}
    assert published(out) == expected


def current_manifest(out: Path) -> Path:
    current = OutputFolder(out).current()
    assert current is not None
    return current.root / "manifest.json"


def test_clean_takes_nothing_over(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build([corpus / "tei"], out)
    before = OutputFolder(out).current()
    assert before is not None
    page = "html/belgium-1944.html"
    inode = (before.root / page).stat().st_ino
    build([corpus / "tei"], out, clean=True)
    after = OutputFolder(out).current()
    assert after is not None
    assert (after.root / page).stat().st_ino != inode
    assert (out / MARKER).is_dir()


# --- the scholar's site (issue 11): settings, search index, zip and map in incremental builds --


def _inode(out: Path, name: str) -> int:
    current = OutputFolder(out).current()
    assert current is not None
    return (current.root / name).stat().st_ino


@pytest.mark.parametrize(
    "setting",
    [
        {"base_url": "https://example.org/edition/"},
        {"editors": ("Ada Byron",)},
        {"publisher": "Example Press"},
        {"doi": "10.5281/1234"},
        {"map_tiles": "https://tile.example.org/{z}/{x}/{y}.png"},
    ],
    ids=lambda s: next(iter(s)),
)
def test_a_publication_setting_is_part_of_the_build_key(
    corpus: Path, tmp_path: Path, setting: dict[str, object]
) -> None:
    """base-url, editors, publisher, doi and map-tiles change pages and books: a build with a
    new value takes nothing over that depends on it, and gives the bytes of a clean build."""
    from pipeline.citation import Publication

    out = tmp_path / "site"
    build([corpus / "tei"], out)
    before = published(out)
    publication = Publication(**setting)  # type: ignore[arg-type]
    build([corpus / "tei"], out, publication=publication)
    clean = tmp_path / "clean"
    build([corpus / "tei"], clean, publication=publication, clean=True)
    assert published(out) == published(clean)
    assert published(out) != before


def test_search_index_and_zip_are_taken_over_or_made_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.builders import search, zip_writer

    out = tmp_path / "site"
    build([corpus / "letters"], out)
    entry = "html/pagefind/pagefind-entry.json"
    zipped = "html/tei/edition-tei.zip"
    index, archive = _inode(out, entry), _inode(out, zipped)
    build([corpus / "letters"], out)
    # nothing changed: Pagefind was not run and the zip not written again (the same files)
    assert (_inode(out, entry), _inode(out, zipped)) == (index, archive)
    letter = corpus / "letters" / "letter-2.xml"
    text = letter.read_text(encoding="utf-8").replace("(letter 2).", "(letter 2) Zanzibarian.")
    letter.write_text(text, encoding="utf-8")
    deflated: list[str] = []
    real = zip_writer.deflated
    monkeypatch.setattr(
        zip_writer, "deflated", lambda name, data: deflated.append(name) or real(name, data)
    )
    read: list[str] = []  # the pages whose bytes the search index's plan read
    pages = search.pages

    def spy(site: Path, known: search.Known | None = None) -> list[tuple[str, int, str]]:
        assert known is not None, "the last build's digests are used"

        def knowing(name: str, info: os.stat_result) -> str | None:
            digest = known(name, info)
            if digest is None:
                read.append(name)
            return digest

        return pages(site, knowing)

    monkeypatch.setattr(search, "pages", spy)
    build([corpus / "letters"], out)
    assert _inode(out, entry) != index and _inode(out, zipped) != archive
    # the zip is written again, but only the edited letter is compressed anew: the other
    # members are copied from the last zip as they were compressed
    assert deflated == ["tei/letter-2.xml"]
    # the pages linked over unchanged are not read again to plan the search bundles
    assert "letter-2.html" in read and "letter-1.html" not in read
    monkeypatch.setattr(search, "pages", pages)  # the clean build below plans from scratch
    clean = tmp_path / "clean"
    build([corpus / "letters"], clean, clean=True)
    assert published(out) == published(clean)
    assert "Zanzibarian" in (out / "html" / "letter-2.html").read_text(encoding="utf-8")


def test_a_zip_touched_since_the_last_build_is_not_copied_from(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Members are copied only from a zip as the last build wrote it: after someone touched
    it, every source is compressed again."""
    from pipeline.builders import zip_writer

    out = tmp_path / "site"
    build([corpus / "letters"], out)
    published_zip = out / "html" / "tei" / "edition-tei.zip"
    os.utime(published_zip, ns=(1_000_000_000, 1_000_000_000))
    letter = corpus / "letters" / "letter-2.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("</p>", " P.S.</p>", 1),
                      encoding="utf-8")  # fmt: skip
    deflated: list[str] = []
    real = zip_writer.deflated
    monkeypatch.setattr(
        zip_writer, "deflated", lambda name, data: deflated.append(name) or real(name, data)
    )
    build([corpus / "letters"], out)
    assert sorted(deflated) == ["tei/letter-1.xml", "tei/letter-2.xml", "tei/letter-3.xml"]
    clean = tmp_path / "clean"
    build([corpus / "letters"], clean, clean=True)
    assert published(out) == published(clean)


def test_the_map_follows_a_moved_place(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build([corpus / "tei"], out)
    page = "html/places.html"
    before = (out / page).read_bytes()
    places = corpus / "tei" / "registers" / "places.xml"
    text = places.read_text(encoding="utf-8").replace("<geo>51.028 4.481</geo>",
                                                       "<geo>50.5 4.0</geo>")  # fmt: skip
    places.write_text(text, encoding="utf-8")
    build([corpus / "tei"], out)
    assert (out / page).read_bytes() != before
    clean = tmp_path / "clean"
    build([corpus / "tei"], clean, clean=True)
    assert published(out) == published(clean)


def test_a_long_texts_pages_are_taken_over_and_the_page_size_rebuilds(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    plays = corpus / "plays"
    build([plays], out, page_size=20)
    before = OutputFolder(out).current()
    assert before is not None
    stems = {p.stem for p in plays.glob("*.xml")}
    parts = {
        p.name: p.stat().st_ino
        for p in (before.root / "html").glob("*.html")
        if p.stem not in stems and p.stem.rsplit("-", 1)[0] in stems
    }
    assert len(parts) > 4, "the plays are split at 20 KB"
    # taken over: every part of a split text is the same file, and still the text's own
    build([plays], out, page_size=20)
    after = OutputFolder(out).current()
    assert after is not None
    for name, inode in parts.items():
        assert (after.root / "html" / name).stat().st_ino == inode, name
        assert after.manifest.files[f"html/{name}"].owner == name.rsplit("-", 1)[0]
    # another page size is another build: the texts are one page each, as in a clean build
    build([plays], out, page_size=0)
    assert not [n for n in parts if (out / "html" / n).exists()]
    build([plays], tmp_path / "clean", page_size=0, clean=True)
    assert published(out) == published(tmp_path / "clean")


def _without_index_entries(path: Path) -> None:
    """``path`` with its TEI index elements taken out (the words around them kept)."""
    tree = etree.parse(str(path))
    for entry in list(tree.getroot().iter("{http://www.tei-c.org/ns/1.0}index")):
        parent, before = entry.getparent(), entry.getprevious()
        if parent is None or parent.tag == entry.tag:
            continue  # a sub-entry goes with its entry
        if before is not None:
            before.tail = (before.tail or "") + (entry.tail or "")
        else:
            parent.text = (parent.text or "") + (entry.tail or "")
        parent.remove(entry)
    tree.write(str(path), encoding="utf-8", xml_declaration=True)


def test_an_index_entry_added_to_a_text_brings_the_subject_index_to_every_page(
    tmp_path: Path,
) -> None:
    """Whether a text has index entries is one of its facts (the cache's format 4): the
    first one added makes subjects.html, which every page's navigation names, so every page
    is made again, as a clean build makes it; the entry removed takes it all back."""
    folder = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "data" / "index" / "subjects", folder)
    honey = folder / "honey.xml"
    indexed = honey.read_bytes()
    for path in (folder / "bees.xml", honey):
        _without_index_entries(path)
    out = tmp_path / "site"
    build([folder], out, only=["html"], jobs=1)
    assert not (out / "html" / "subjects.html").exists()
    honey.write_bytes(indexed)
    build([folder], out, only=["html"], jobs=1)
    clean = tmp_path / "clean"
    build([folder], clean, only=["html"], jobs=1, clean=True)
    assert published(out) == published(clean)
    assert 'href="subjects.html"' in (out / "html" / "bees.html").read_text(encoding="utf-8")
    _without_index_entries(honey)
    build([folder], out, only=["html"], jobs=1)
    assert not (out / "html" / "subjects.html").exists()
    assert "subjects.html" not in (out / "html" / "bees.html").read_text(encoding="utf-8")
