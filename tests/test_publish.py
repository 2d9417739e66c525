"""The output folder (pipeline/publish.py, pipeline/build.py): ownership, one-step publishing,
failed and partial builds over a published edition, files someone else put there."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, published

from pipeline import publish
from pipeline.build import build, check_out
from pipeline.cli import cli
from pipeline.errors import EnvironmentFailure, OptionError
from pipeline.publish import MARKER, OutputFolder

TEI = ROOT / "tei"
TEXT = "texts/belgium-1944.xml"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Editions are compared byte for byte across builds: the build date must not move."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of the edition's sources that a test may edit."""
    folder = tmp_path / "tei"
    shutil.copytree(TEI, folder)
    return folder


@pytest.fixture
def site(sources: Path, tmp_path: Path) -> Path:
    """A published edition of ``sources``."""
    out = tmp_path / "site"
    report = build([sources], out)
    assert report.errors == 0, report.sorted()
    return out


def codes(report: object) -> list[str]:
    return sorted({d.code for d in report.diagnostics})  # type: ignore[attr-defined]


# -- where the build may write -------------------------------------------------------------


@pytest.mark.parametrize(
    "out",
    ["{src}", "{src}/texts", "{src}/site", "{src}/texts/../site"],
)
def test_out_overlapping_the_sources_is_refused(sources: Path, out: str) -> None:
    target = Path(out.format(src=sources))
    with pytest.raises(OptionError, match="source"):
        check_out([sources], target)
    before = {p: p.read_bytes() for p in sources.rglob("*") if p.is_file()}
    result = CliRunner().invoke(cli, ["build", str(sources), "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert {p: p.read_bytes() for p in sources.rglob("*") if p.is_file()} == before


def test_out_through_a_symlink_to_the_sources_is_refused(sources: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere"
    link.symlink_to(sources)
    with pytest.raises(OptionError):
        check_out([sources], link)


def test_a_file_source_beside_the_out_folder_is_fine(sources: Path) -> None:
    check_out([sources / TEXT], sources / "texts-site")  # a sibling, not the source itself


def test_the_user_folders_in_out_are_never_replaced(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "index").mkdir(parents=True)
    (out / "index" / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["build", str(sources), "--out", str(out)])
    assert result.exit_code == 2
    assert "was not made by edition build" in result.output
    assert (out / "index" / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["index"]


def test_an_out_that_leads_nowhere_or_is_no_utf8_is_refused_with_why(
    sources: Path, tmp_path: Path
) -> None:
    """A dangling link as --out read "something is already there"; a path that is no UTF-8
    published a site without its search (Pagefind refuses such arguments)."""
    link = tmp_path / "dlink"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OptionError, match=r"symbolic link to .*nowhere, which does not exist"):
        check_out([sources], link)
    odd = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"out\xff")))
    with pytest.raises(OptionError, match="not UTF-8"):
        check_out([sources], odd)


@pytest.mark.parametrize(
    ("name", "data"),
    [("notes.txt", b"mine"), ("lock", b"1 " + b"9" * 97 + b"\nmy notes, not a lock\n")],
)
def test_a_foreign_marker_folder_is_refused(tmp_path: Path, name: str, data: bytes) -> None:
    """(probe 92: a "lock" of someone's whose first 100 bytes looked like the build's was
    taken for a vacant folder, and clean removed it)"""
    (tmp_path / MARKER).mkdir()
    (tmp_path / MARKER / name).write_bytes(data)
    with pytest.raises(OptionError, match=MARKER):
        OutputFolder(tmp_path).check_ownership()


@pytest.mark.parametrize("lock", [None, b"", b"4242 123456\n"])
def test_a_vacant_marker_folder_is_the_builds_to_take(
    sources: Path, tmp_path: Path, lock: bytes | None
) -> None:
    """Probe 89: a first build onto a full disk left an empty OUT/.edition (it could not
    write OWNER), an interrupted clean one holding the lock alone; every build and clean
    after refused it as "not made by edition build", whatever the message's "free some space
    and run again" said. Nothing in it is anyone's: the next build takes it."""
    out = tmp_path / "out"
    (out / MARKER).mkdir(parents=True)
    if lock is not None:
        (out / MARKER / "lock").write_bytes(lock)
    assert build([sources / TEXT], out, only=["html"]).errors == 0
    assert (out / "html" / "belgium-1944.html").is_file()


@pytest.mark.parametrize("written", [b"", b"This folder", None])
def test_an_owner_mark_being_written_is_no_strangers(
    sources: Path, tmp_path: Path, written: bytes | None
) -> None:
    """Probe 179: two first builds into one new --out; the second met OUT/.edition holding
    the first's OWNER half written (its temp file), and was told the folder "was not made by
    edition build", where it should wait its turn at the lock. One killed at that moment left
    a folder every build and clean refused. The temp file of OWNER (of a live process or a
    dead one) is the build's; a dead one's is swept; a stranger's file is still refused."""
    out = tmp_path / "out"
    (out / MARKER).mkdir(parents=True)
    if written is None:  # someone's file of the same shape
        (out / MARKER / ".OWNER.99999999.abcd.tmp").write_bytes(b"my notes")
        with pytest.raises(OptionError, match="was not made by edition build"):
            OutputFolder(out).check_ownership()
        return
    (out / MARKER / ".OWNER.99999999.abcd.tmp").write_bytes(written)
    assert build([sources / TEXT], out, only=["html"]).errors == 0
    assert (out / "html" / "belgium-1944.html").is_file()
    assert not (out / MARKER / ".OWNER.99999999.abcd.tmp").exists()


def test_clean_removes_the_owner_mark_after_what_it_vouches_for(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 89: clean removed OUT/.edition/OWNER first, so that one interrupted at its next
    removal left a folder no build or clean would touch again."""
    removed: list[str] = []
    real = publish._remove_or_fail

    def remove(path: Path) -> None:
        if path.parent.name == MARKER:
            removed.append(path.name)
        real(path)

    monkeypatch.setattr(publish, "_remove_or_fail", remove)
    assert OutputFolder(site).clean() == []
    assert removed[-1] == "OWNER" and len(removed) > 1, removed


def test_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(OptionError, match="is a file"):
        OutputFolder(tmp_path / "afile").check_ownership()


def test_other_files_in_out_are_left_alone(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.txt").write_text("mine")
    assert build([sources], out).errors == 0
    assert (out / "README.txt").read_text() == "mine"


# -- publishing in one step ------------------------------------------------------------------


def test_outputs_are_real_folders_of_one_generation(site: Path) -> None:
    generations = [p.name for p in (site / MARKER).iterdir() if p.name.startswith("gen-")]
    assert [os.readlink(site / MARKER / "current")] == generations
    for name in ("html", "epub", "index"):
        assert (site / name).is_dir() and not (site / name).is_symlink()
        # the generation reads its outputs through a link back to the published folder
        assert os.readlink(site / MARKER / generations[0] / name) == f"../../{name}"
    # what find, cp -r, tar or a deploy script sees without following links: every page
    pages = [f for _, _, files in os.walk(site / "html") for f in files if f.endswith(".html")]
    assert "belgium-1944.html" in pages and "index.html" in pages
    assert sorted(p.name for p in (site / "epub").iterdir()) == ["belgium-1944.epub"]


def test_a_site_published_as_links_by_an_older_version_becomes_folders(
    sources: Path, site: Path
) -> None:
    """Before 2026-12-01 ``OUT/html`` was a link to ``.edition/current/html``."""
    before = published(site)
    generation = site / MARKER / os.readlink(site / MARKER / "current")
    for name in ("html", "epub", "index"):
        (generation / name).unlink()
        os.rename(site / name, generation / name)
        os.symlink(f"{MARKER}/current/{name}", site / name)
    manifest = generation / "manifest.json"
    data = json.loads(manifest.read_bytes())
    del data["folders"]
    manifest.write_text(json.dumps(data))
    assert published(site) == before
    assert build([sources], site).errors == 0
    assert all((site / n).is_dir() and not (site / n).is_symlink() for n in ("html", "epub"))
    assert published(site) == before


def test_without_an_atomic_exchange_the_folders_are_moved_in_two_steps(
    sources: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    before = published(site)
    text = sources / TEXT
    text.write_text(text.read_text(encoding="utf-8").replace("Belgium", "Belgique", 1))
    assert build([sources], site).errors == 0
    after = published(site)
    assert after != before
    assert [k for k in after if "pagefind/" not in k] == [k for k in before if "pagefind/" not in k]
    assert sorted(p.name for p in (site / MARKER).iterdir() if p.name.startswith(".")) == []


def test_a_folder_that_cannot_be_replaced_is_refused_before_anything_is_published(
    sources: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``OUT/html`` marked immutable (``chattr +i``) or a mount point: found after the
    commit, the build left the new books beside the old pages and advised "run again" for
    ever. Now the reason, before the commit, and the last edition stays whole."""
    before = published(site)
    text = sources / TEXT
    text.write_text(text.read_text(encoding="utf-8").replace("Belgium", "Belgique", 1))
    html = (site / "html").resolve()
    monkeypatch.setattr(publish, "_fixed", lambda folder: Path(folder).resolve() == html)
    with pytest.raises(EnvironmentFailure) as caught:
        build([sources], site)
    assert caught.value.code == "env.immutable" and "chattr -i" in caught.value.message
    assert published(site) == before
    monkeypatch.setattr(publish, "_fixed", lambda folder: False)
    monkeypatch.setattr(publish.os.path, "ismount", lambda path: Path(path).resolve() == html)
    with pytest.raises(EnvironmentFailure) as mounted:
        build([sources], site)
    assert mounted.value.code == "env.mount-point"
    assert published(site) == before


def test_a_folder_the_system_refuses_to_move_puts_the_others_back(
    sources: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What no check foresees: the exchange of the last folder fails after the others
    moved. The moved ones go back and the last edition is current again: never a new epub/
    beside an old html/."""
    before = published(site)
    current = os.readlink(site / MARKER / "current")
    text = sources / TEXT
    text.write_text(text.read_text(encoding="utf-8").replace("Belgium", "Belgique", 1))
    real = publish.exchange

    def refusing(first: Path, second: Path) -> bool:
        html = Path(second).name == "html" and Path(first).name == "html"
        if html and "gen" in str(first) and not getattr(refusing, "done", False):
            refusing.done = True  # type: ignore[attr-defined]
            raise OSError(16, "Device or resource busy", str(second))
        return real(first, second)

    monkeypatch.setattr(publish, "exchange", refusing)
    with pytest.raises(EnvironmentFailure):
        build([sources], site)
    assert published(site) == before
    assert os.readlink(site / MARKER / "current") == current
    monkeypatch.setattr(publish, "exchange", real)
    assert build([sources], site).errors == 0
    assert published(site) != before


def test_a_copied_back_output_folder_is_still_the_builds(sources: Path, site: Path) -> None:
    """``cp -a`` (or a restored backup) gives the folder another inode: the published
    generation still lists it, and a file it does not know is carried, not lost."""
    shutil.copytree(site / "html", site / "html-copy", symlinks=True)
    shutil.rmtree(site / "html")
    os.rename(site / "html-copy", site / "html")
    (site / "html" / "notes.txt").write_text("mine")
    report = build([sources], site)
    assert report.errors == 0, report.sorted()
    assert (site / "html" / "notes.txt").read_text() == "mine"


def test_a_copy_that_followed_the_builds_link_is_still_the_builds(
    sources: Path, site: Path, tmp_path: Path
) -> None:
    """Probe 134: a copy of the output folder made by a tool that follows symbolic links
    (zip -r, cp -rL, rsync -L) has the build's record of its published edition, a link,
    as a folder; build and clean refused the copy as "not made by edition build". The
    record is read as the generation of the same manifest, and made a link again."""
    copy = tmp_path / "copy"
    shutil.copytree(site, copy, symlinks=False)
    assert not (copy / MARKER / "current").is_symlink()
    (copy / "html" / "notes.txt").write_text("mine")
    report = build([sources], copy)
    assert report.errors == 0, report.sorted()
    assert (copy / MARKER / "current").is_symlink()
    assert (copy / "html" / "notes.txt").read_text() == "mine"
    again = tmp_path / "again"
    shutil.copytree(site, again, symlinks=False)
    assert OutputFolder(again).clean() == []
    assert not again.exists()


def test_a_folder_of_someone_else_where_an_output_was_is_refused(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build([sources], out, only=["html"]).errors == 0
    (out / "epub").mkdir()  # the published generation has no epub: not the build's
    (out / "epub" / "mine.epub").write_text("mine")
    with pytest.raises(OptionError, match="was not made by edition build"):
        build([sources], out)
    assert (out / "epub" / "mine.epub").read_text() == "mine"


def test_a_rebuild_replaces_the_generation_and_leaves_one(sources: Path, site: Path) -> None:
    before = published(site)
    text = sources / TEXT
    text.write_text(text.read_text(encoding="utf-8").replace("Belgium", "Belgique", 1))
    assert build([sources], site).errors == 0
    after = published(site)
    # the search index names its files by their content (pipeline/builders/pagefind_files.py)
    search = "html/pagefind/"
    assert [k for k in after if not k.startswith(search)] == [
        k for k in before if not k.startswith(search)
    ]
    assert after != before
    assert len([p for p in (site / MARKER).iterdir() if p.name.startswith("gen-")]) == 1


def test_a_generation_left_by_a_killed_build_is_removed(sources: Path, site: Path) -> None:
    stale = site / MARKER / "gen-0-1"
    (stale / "html").mkdir(parents=True)
    assert build([sources], site).errors == 0
    assert not stale.exists()


def test_only_one_output_keeps_the_others(sources: Path, site: Path) -> None:
    before = published(site)
    assert build([sources], site, only=["html"]).errors == 0
    after = published(site)
    assert after == before  # the same sources: the same html; epub and index carried over


# -- failed builds over a published edition ----------------------------------------------------


def test_a_truncated_text_keeps_its_published_version(sources: Path, site: Path) -> None:
    before = published(site)
    text = sources / TEXT
    text.write_bytes(text.read_bytes()[:3000])
    report = build([sources], site)
    assert report.errors == 1
    assert {"gate.not-well-formed", "build.kept-last-good"} <= set(codes(report))
    assert published(site) == before


def test_a_typo_in_the_path_publishes_nothing(tmp_path: Path, site: Path) -> None:
    before = published(site)
    report = build([tmp_path / "tie"], site)
    assert codes(report) == ["build.nothing-published", "gate.missing"]
    assert published(site) == before


def test_a_broken_link_among_the_sources_is_one_error_and_the_rest_is_published(
    sources: Path, tmp_path: Path
) -> None:
    """A link named *.xml that leads nowhere (or into a loop) is an error of its own: the
    other texts are built and published, and the exit code says something failed."""
    (sources / "texts" / "gone.xml").symlink_to(tmp_path / "nowhere.xml")
    (sources / "texts" / "loop-a.xml").symlink_to("loop-b.xml")
    (sources / "texts" / "loop-b.xml").symlink_to("loop-a.xml")
    out = tmp_path / "site"
    report = build([sources], out, only=("html",))
    problems = sorted(
        (d.code, Path(d.path).name) for d in report.diagnostics if d.severity.name == "ERROR"
    )
    assert problems == [
        ("env.symlink-loop", "loop-a.xml"),
        ("env.symlink-loop", "loop-b.xml"),
        ("gate.missing", "gone.xml"),
    ]
    assert (out / "html" / "belgium-1944.html").is_file()


def test_an_empty_folder_publishes_nothing(tmp_path: Path, site: Path) -> None:
    before = published(site)
    (tmp_path / "empty").mkdir()
    report = build([tmp_path / "empty"], site)
    assert "build.no-sources" in codes(report)
    assert published(site) == before


def test_a_duplicated_register_keeps_the_index_pages(sources: Path, site: Path) -> None:
    shutil.copy(sources / "registers" / "persons.xml", sources / "registers" / "persons-2.xml")
    build([sources], site)
    assert (site / "html" / "persons.html").is_file()
    assert (site / "index" / "entities.json").is_file()


# -- files that are not the build's ---------------------------------------------------------------


def test_a_file_put_into_an_output_is_carried_on(sources: Path, site: Path) -> None:
    (site / "html" / "CNAME").write_text("edition.example.org\n")
    report = build([sources], site)
    assert report.errors == 0 and "build.kept-file" in codes(report)
    assert (site / "html" / "CNAME").read_text() == "edition.example.org\n"
    again = build([sources], site)
    assert again.errors == 0
    assert "build.kept-file" not in codes(again), "told once, not on every build"
    assert (site / "html" / "CNAME").read_text() == "edition.example.org\n"
    (site / "html" / "CNAME").write_text("other.example.org\n")  # still the person's own
    assert "build.kept-file" not in codes(build([sources], site))
    assert (site / "html" / "CNAME").read_text() == "other.example.org\n"


def test_a_kept_file_in_an_output_not_rebuilt_stays_kept(sources: Path, site: Path) -> None:
    """Probe 73: once a build had kept a person's file in epub/, every `--only html` build
    stopped with build.foreign-file (the output carried unchanged brought the kept file
    along, and it was then "a file of that name" the new edition had)."""
    (site / "epub" / "notes.pdf").write_bytes(b"%PDF mine")
    assert "build.kept-file" in codes(build([sources], site))
    for only in (["html"], ["index"], ["html"]):
        report = build([sources], site, only=only)
        assert report.errors == 0, report.sorted()
        assert (site / "epub" / "notes.pdf").read_bytes() == b"%PDF mine"
    report = build([sources], site)
    assert report.errors == 0 and "build.kept-file" not in codes(report)
    assert (site / "epub" / "notes.pdf").read_bytes() == b"%PDF mine"


def test_the_foreign_files_are_found_while_the_search_index_is_made(
    sources: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk over the published outputs runs while Pagefind works (``while_indexing``),
    and what it found is what publishing acts on."""
    from pipeline.builders import search

    (site / "html" / "CNAME").write_text("edition.example.org\n")
    real_finish = search.Indexing.finish
    order: list[str] = []
    real_scan = OutputFolder.foreign_scan

    def scan(self: OutputFolder, previous: publish.Generation) -> object:
        order.append("scan")
        return real_scan(self, previous)

    def finish(self: search.Indexing, *args: object, **kwargs: object) -> object:
        order.append("finish")
        return real_finish(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(OutputFolder, "foreign_scan", scan)
    monkeypatch.setattr(search.Indexing, "finish", finish)
    report = build([sources], site)
    assert order == ["scan", "finish"], "one walk, before waiting for Pagefind"
    assert "build.kept-file" in codes(report)
    assert (site / "html" / "CNAME").read_text() == "edition.example.org\n"


def test_a_foreign_file_gone_since_it_was_found_is_passed_over(sources: Path, site: Path) -> None:
    (site / "html" / "CNAME").write_text("edition.example.org\n")
    folder = OutputFolder(site)
    previous = folder.current()
    assert previous is not None
    scanned = folder.foreign_scan(previous)
    assert [key for key, record in scanned] == ["html/CNAME"]
    (site / "html" / "CNAME").unlink()
    new = folder.new_generation()
    try:
        assert folder.foreign_files(previous, new, scanned) == []
        assert "html/CNAME" not in new.manifest.files
    finally:
        folder.discard(new)


def test_a_changed_output_file_stops_publishing(sources: Path, site: Path) -> None:
    page = site / "html" / "about.html"
    page.write_text("my own about page")
    before = published(site)
    report = build([sources], site)
    assert "build.modified-output" in codes(report)
    assert published(site) == before
    assert page.read_text() == "my own about page"


def test_a_folder_where_the_edition_writes_a_file_stops_publishing(
    sources: Path, tmp_path: Path
) -> None:
    """Probe 89: a person's folder named as a new page was told as "cannot write: something
    is already there" of a file inside it, with no summary; it is build.foreign-file, naming
    the folder, once, and nothing is published."""
    out = tmp_path / "out"
    assert build([sources], out, only=["html"]).errors == 0
    folder = out / "html" / "persons-extra.html"
    folder.mkdir()
    (folder / "a.txt").write_text("mine")
    (folder / "b.txt").write_text("mine too")
    before = published(out)
    (sources / "texts" / "persons-extra.xml").write_text(
        (sources / TEXT).read_text(encoding="utf-8").replace('xml:id="', 'xml:id="x-')
    )
    report = build([sources], out, only=["html"])
    told = [d for d in report.diagnostics if d.code == "build.foreign-file"]
    assert [Path(d.path) for d in told] == [folder], report.sorted()
    assert "this folder" in told[0].message and "nothing was published" in told[0].message
    assert (folder / "a.txt").read_text() == "mine"
    assert not (out / "html" / "persons-extra.html").is_file()
    assert published(out) == before


def test_a_download_edited_in_place_and_moved_away_is_published_as_the_source(
    sources: Path, site: Path, tmp_path: Path
) -> None:
    """Probe 89: a text's TEI download was a hard link to the build's kept copy of the
    source, so that a person appending to it in place (an editor writing through the link)
    changed the kept copy too; moved away as the build's message told, the next build
    published the person's bytes as the source's, with no error."""
    download = site / "html" / "tei" / TEXT
    with download.open("ab") as handle:  # in place, as an editor keeping the inode writes
        handle.write(b"<!-- mine -->\n")
    assert "build.modified-output" in codes(build([sources], site))
    download.rename(tmp_path / "moved.xml")
    report = build([sources], site)
    assert report.errors == 0, report.sorted()
    assert download.read_bytes() == (sources / TEXT).read_bytes()


@pytest.mark.parametrize("kept_before", [False, True])
def test_a_foreign_file_where_the_edition_writes_stops_publishing(
    sources: Path, tmp_path: Path, kept_before: bool
) -> None:
    out = tmp_path / "out"
    assert build([sources], out, only=["html"]).errors == 0
    (out / "html" / "persons-extra.html").write_text("mine")
    if kept_before:  # carried by earlier builds, it is still the person's, not changed output
        assert "build.kept-file" in codes(build([sources], out, only=["html"]))
    # a new text whose page would take that name
    shutil.copy(sources / TEXT, sources / "texts" / "persons-extra.xml")
    (sources / "texts" / "persons-extra.xml").write_text(
        (sources / TEXT).read_text(encoding="utf-8").replace('xml:id="', 'xml:id="x-')
    )
    report = build([sources], out, only=["html"])
    assert "build.foreign-file" in codes(report)
    assert (out / "html" / "persons-extra.html").read_text() == "mine"


def test_clean_names_a_file_it_cannot_remove_and_keeps_the_folder_its_own(
    sources: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 101: a file of the build's records that could not be removed (chattr +i) was
    passed over in silence, the owner's mark went, and every later build and clean refused
    the folder as "not made by edition build". The file is named, the mark stays, and once
    the file may go, clean finishes."""
    stuck = next(p for p in (site / MARKER).rglob("*") if p.is_file() and "gen-" in str(p))
    real = os.unlink

    def unlink(path: object, *args: object, **kwargs: object) -> None:
        if Path(str(path)) == stuck:
            raise PermissionError(1, "Operation not permitted", str(path))
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(publish.os, "unlink", unlink)
    with pytest.raises(EnvironmentFailure) as caught:
        OutputFolder(site).clean()
    assert caught.value.path == str(stuck), caught.value
    assert (site / MARKER / "OWNER").is_file()
    monkeypatch.setattr(publish.os, "unlink", real)
    assert OutputFolder(site).clean() == []
    assert not site.exists()


def test_clean_removes_the_published_edition_and_nothing_else(sources: Path, site: Path) -> None:
    """`edition clean` (the Makefiles' clean; probe 73: `rm -rf dist` took a person's files
    with it): the outputs and the build's records go, another file in OUT stays; a file of
    someone's inside an output stops it, named, and nothing is removed."""
    (site / "NOTES.md").write_text("mine")
    (site / "html" / "CNAME").write_text("edition.example.org\n")
    before = published(site)
    theirs = OutputFolder(site).clean()
    assert theirs == [site / "html" / "CNAME"]
    assert published(site) == before
    (site / "html" / "CNAME").unlink()
    assert OutputFolder(site).clean() == []
    assert sorted(p.name for p in site.iterdir()) == ["NOTES.md"]
    (site / "NOTES.md").unlink()
    build([sources], site)
    assert OutputFolder(site).clean() == []
    assert not site.exists(), "an output folder left empty goes too"
    assert OutputFolder(site).clean() == []  # nothing there: nothing to do
    user = site.parent / "user"
    (user / "html").mkdir(parents=True)
    with pytest.raises(OptionError):
        OutputFolder(user).clean()  # a folder the build did not make is never removed
    assert (user / "html").is_dir()
