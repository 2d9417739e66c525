"""Pagefind's output files (``pipeline.builders.pagefind_files``): the reproducible index, and
a run seeded with the last index's files giving what a fresh run gives.

Pagefind itself runs here (its binary ships in the ``pagefind_bin_extended`` wheel the suite
installs, and ``pagefind_bin``): the point is what Pagefind writes, which a fake would not tell.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.builders import pagefind_files, search

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
</head><body><main data-pagefind-body="" data-pagefind-filter="text[data-ed-title]"
 data-ed-title="{title}"><h1 id="top">{title}</h1>{body}</main></body></html>
"""


def _site(folder: Path, pages: dict[str, str], lang: str = "en") -> Path:
    for name, body in pages.items():
        page = PAGE.format(title=name, body=body, lang=lang)
        (folder / name).write_text(page, encoding="utf-8")
    return folder


def _pages(edited: str = "") -> dict[str, str]:
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota"]
    pages = {}
    for n in range(6):
        paragraphs = [
            f'<p id="p{k}">{" ".join(words[(n + k + j) % len(words)] for j in range(40))}'
            f" page{n} paragraph{k}</p>"
            for k in range(30)
        ]
        pages[f"page-{n}.html"] = "".join(paragraphs)
    pages["page-3.html"] += edited
    return pages


def _pagefind(site: Path) -> Path:
    command = search.pagefind_command(site)
    assert command is not None, "Pagefind is installed with the suite (pagefind[extended])"
    subprocess.run(command, check=True, capture_output=True)
    return site / search.INDEX_FOLDER


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _seed(old: Path, site: Path) -> dict[str, tuple[int, int]]:
    """Copy the immutable files of ``old`` into ``site``'s index folder, as a build does,
    each with a time of its own; the copies' inode and modification time by name."""
    seeded = {}
    for n, path in enumerate(p for sub in pagefind_files.IMMUTABLE for p in (old / sub).iterdir()):
        name = f"{path.parent.name}/{path.name}"
        target = site / search.INDEX_FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        os.utime(target, ns=(1_000_000_000 * (n + 1), 1_000_000_000 * (n + 1)))
        info = target.stat()
        seeded[name] = (info.st_ino, info.st_mtime_ns)
    return seeded


def test_a_seeded_run_pruned_equals_a_fresh_run(tmp_path: Path) -> None:
    old = _pagefind(_site(_mkdir(tmp_path / "old"), _pages()))
    pagefind_files.canonicalize(old)
    edited = _pages('<p id="new">an added paragraph with xylophone</p>')
    seeded_site = _site(_mkdir(tmp_path / "seeded"), edited)
    seeded = _seed(old, seeded_site)
    index = _pagefind(seeded_site)
    removed = pagefind_files.prune(index)
    pagefind_files.canonicalize(index)
    fresh = _pagefind(_site(_mkdir(tmp_path / "fresh"), edited))
    pagefind_files.canonicalize(fresh)

    assert _files(index) == _files(fresh), "byte for byte, and no file more or less"
    # the edited page's fragment and the chunks holding its words were written anew; the
    # other pages' fragments are the seeded files, untouched (Pagefind did not write them
    # again: that is the time saved)
    assert removed >= 2
    kept = {
        name
        for name, stamp in seeded.items()
        if (index / name).is_file()
        and ((index / name).stat().st_ino, (index / name).stat().st_mtime_ns) == stamp
    }
    assert sum(name.startswith("fragment/") for name in kept) == 5
    assert not any((index / name).is_file() for name in set(seeded) - kept)


def test_prune_keeps_what_the_metadata_names_and_nothing_else(tmp_path: Path) -> None:
    index = _pagefind(_site(_mkdir(tmp_path / "site"), _pages()))
    named = pagefind_files.referenced(index)
    assert {n.split("/")[0] for n in named} == {"fragment", "index"}
    assert sum(n.startswith("fragment/") for n in named) == 6
    stray = "fragment/en_0000000.pf_fragment"
    (index / stray).write_bytes(b"left by an older index")
    before = _files(index)
    assert pagefind_files.prune(index) == 1
    assert _files(index) == {k: v for k, v in before.items() if k != stray}


def test_prune_refuses_an_index_missing_a_named_file(tmp_path: Path) -> None:
    index = _pagefind(_site(_mkdir(tmp_path / "site"), _pages()))
    next((index / "fragment").iterdir()).unlink()
    with pytest.raises(ValueError, match="missing files"):
        pagefind_files.prune(index)


@pytest.mark.parametrize("meta", [["1.5.2"], ["1.5.2", [["en_1", 3]], [["a", "b"]]], "text"])
def test_referenced_refuses_metadata_of_another_shape(tmp_path: Path, meta: object) -> None:
    folder = _mkdir(tmp_path / "index")
    entry = {"languages": {"en": {"hash": "en_1", "page_count": 1}}, "version": "1.5.2"}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    data = pagefind_files.MAGIC + pagefind_files.encode(meta)
    (folder / "pagefind.en_1.pf_meta").write_bytes(gzip.compress(data))
    with pytest.raises(ValueError):
        pagefind_files.referenced(folder)


def test_a_run_seeded_with_unreadable_metadata_is_done_again_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the seeded output cannot be pruned, the bundle is indexed without seeds: the
    result is a fresh run's, never one with a stale file left in it."""
    old = _pagefind(_site(_mkdir(tmp_path / "old"), _pages()))
    site = _site(_mkdir(tmp_path / "site"), _pages("<p>more words: quokka</p>"))
    stale = old / "fragment" / "en_stale00.pf_fragment"
    stale.write_bytes(b"from another index")

    def broken(folder: Path) -> int:
        raise ValueError("not as Pagefind 1.x writes it")

    monkeypatch.setattr(pagefind_files, "prune", broken)
    assert search.Indexing.start(site, reuse=_Seeds(old)).finish() == []
    fresh = _pagefind(_site(_mkdir(tmp_path / "fresh"), _pages("<p>more words: quokka</p>")))
    pagefind_files.canonicalize(fresh)
    got = _files(site / search.INDEX_FOLDER)
    got.pop(search.BUNDLES_FILE)
    assert got == _files(fresh)


class _Seeds:
    """A build's ``search.Reuse`` that takes no bundle over and seeds every bundle with the
    immutable files of ``old`` (``remove_one``: the first of them removed once listed)."""

    def __init__(self, old: Path, remove_one: bool = False) -> None:
        self.old, self.remove_one = old, remove_one

    def can(self, bundle: search.Bundle) -> bool:
        return False

    def take(self, bundle: search.Bundle) -> bool:
        return False

    def seeds(self, bundle: search.Bundle) -> dict[str, str]:
        found = {f"{sub}/{p.name}": str(p) for sub in pagefind_files.IMMUTABLE
                 for p in (self.old / sub).iterdir()}  # fmt: skip
        if self.remove_one:
            Path(found[sorted(found)[0]]).unlink()
        return found


def _mkdir(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return folder


def test_seeding_works_with_the_installed_pagefind() -> None:
    """The seeding relies on Pagefind 1.x skipping a content-named file that exists; a
    Pagefind of another major version must be looked at before it is installed."""
    wheel, _, version = search.pagefind_version().partition(" ")
    assert wheel in search.WHEELS and version.startswith("1."), search.pagefind_version()


@pytest.fixture
def looked_up_again() -> Iterator[None]:
    """The installed Pagefind looked up afresh, before and after the test."""
    search.pagefind_executable.cache_clear()
    search.pagefind_version.cache_clear()
    yield
    search.pagefind_executable.cache_clear()
    search.pagefind_version.cache_clear()


def test_the_extended_pagefind_is_preferred_and_the_plain_one_serves_without_it(
    looked_up_again: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = search.pagefind_executable()
    assert found is not None and found[0] == "pagefind_bin_extended", found
    assert search.pagefind_version().startswith("pagefind_bin_extended 1.")
    assert search.WHEELS[-1] == "pagefind_bin"  # the plain wheel, when it is the one there
    # a machine without the first wheel asked for takes the next one: here the extended
    # wheel stands second (`pip install edition` installs it alone, not the plain wheel)
    monkeypatch.setattr(search, "WHEELS", ("pagefind_bin_not_installed", "pagefind_bin_extended"))
    search.pagefind_executable.cache_clear()
    search.pagefind_version.cache_clear()
    found = search.pagefind_executable()
    assert found is not None and found[0] == "pagefind_bin_extended", found
    command = search.pagefind_command(Path("site"))
    assert command is not None and command[0] == str(found[1])
    assert search.pagefind_version().startswith("pagefind_bin_extended 1.")
    monkeypatch.setattr(search, "WHEELS", ("pagefind_bin_not_installed",))
    search.pagefind_executable.cache_clear()
    assert search.pagefind_command(Path("site")) is None
    assert "pagefind[extended]" in search.not_installed()[0].message


def _words(index: Path) -> set[str]:
    """The words of Pagefind's word index in ``index`` (its chunks: [[word, pages, ...]])."""
    chunks = [pagefind_files.read(p) for p in sorted((index / "index").iterdir())]
    return {entry[0] for chunk in chunks for entry in chunk[0]}


def test_chinese_is_indexed_word_by_word(tmp_path: Path, looked_up_again: None) -> None:
    """The extended Pagefind segments a run of Chinese characters into words: the plain one
    indexed the sentence as one word, which a search for a word of it never found."""
    site = _site(_mkdir(tmp_path / "zh"), {"t.html": "<p>我们今天去北京大学学习中文</p>"}, "zh")
    words = _words(_pagefind(site))
    assert {"北京", "大学", "中文"} <= words, words
    assert "我们今天去北京大学学习中文" not in words


def test_the_search_page_is_told_every_language_of_every_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind splits each bundle's index by the pages' languages (html/@lang) and its script
    loads the search page's language alone: ``BUNDLES_FILE`` lists every bundle's languages
    (with their pages, for the script to tell which one Pagefind loads by itself)."""
    site = _site(_mkdir(tmp_path / "site"), _pages())
    _site(site, {f"de-{n}.html": f"<p>Die Häuser waren verlassen {n}</p>" for n in range(4)}, "de")
    monkeypatch.setattr(search, "BUNDLE_BYTES", 40_000)
    assert search.Indexing.start(site).finish() == []
    listed = json.loads((site / search.INDEX_FOLDER / search.BUNDLES_FILE).read_text())
    assert len(listed) > 1 and listed[0]["folder"] == ""
    total: dict[str, int] = {}
    for bundle in listed:
        entry = json.loads(
            (site / search.INDEX_FOLDER / bundle["folder"] / "pagefind-entry.json").read_text()
        )
        pages = {code: index["page_count"] for code, index in entry["languages"].items()}
        assert list(bundle["languages"].items()) == list(pages.items()), bundle
        for code, count in pages.items():
            total[code] = total.get(code, 0) + count
    assert total == {"de": 4, "en": 6}


def test_a_seed_gone_before_it_is_copied_is_passed_over(tmp_path: Path) -> None:
    """A file of the last index removed between the listing and the copy: Pagefind writes
    it, and the index is a fresh run's."""
    old = _pagefind(_site(_mkdir(tmp_path / "old"), _pages()))
    site = _site(_mkdir(tmp_path / "site"), _pages("<p>a walrus</p>"))

    assert search.Indexing.start(site, reuse=_Seeds(old, remove_one=True)).finish() == []
    fresh = _pagefind(_site(_mkdir(tmp_path / "fresh"), _pages("<p>a walrus</p>")))
    pagefind_files.canonicalize(fresh)
    got = _files(site / search.INDEX_FOLDER)
    got.pop(search.BUNDLES_FILE)
    assert got == _files(fresh)


def _moved(count: int, found: list) -> list:
    """Postings of pages numbered ``count - 1 - n`` (each a difference from the one before)."""
    at, pages = 0, []
    for page in found:
        at += page[0]
        pages.append([count - 1 - at, *page[1:]])
    pages.sort(key=lambda posting: posting[0])
    before = 0
    for page in pages:
        page[0], before = page[0] - before, page[0]
    return pages


def _reverse_pages(folder: Path) -> None:
    """Number the pages of every language of ``folder`` the other way round, as Pagefind
    does when the file system lists the site's files in another order: the metadata's
    pages, the index's postings (each a difference from the page before) and the filters."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = folder / f"pagefind.{language['hash']}.pf_meta"
        meta = pagefind_files.read(meta_path)
        count = len(meta[1])
        moved = functools.partial(_moved, count)
        for _, _, name in meta[2]:
            path = folder / "index" / f"{name}.pf_index"
            (words,) = pagefind_files.read(path)
            words = [
                [w, moved(found), [[v, moved(at), *rest] for v, at, *rest in variants][::-1]]
                for w, found, variants in words
            ]
            path.write_bytes(pagefind_files._pack([words]))
        for _, file in meta[3]:
            path = folder / "filter" / f"{file}.pf_filter"
            name, values = pagefind_files.read(path)
            values = [[v, sorted(count - 1 - p for p in at)] for v, at in values]
            path.write_bytes(pagefind_files._pack([name, values]))
        meta[1] = meta[1][::-1]
        meta[4] = [[name, [count - 1 - p for p in at]] for name, at in meta[4]]
        meta_path.write_bytes(pagefind_files._pack(meta))


def test_pages_numbered_in_another_order_give_the_same_index(tmp_path: Path) -> None:
    """Probe 179: a build on ext4 and one on a tmpfs gave other bytes in html/pagefind:
    Pagefind numbers the pages in the order the file system lists them, and a word's
    spellings in the order of a hash map. The canonical index numbers the pages by their
    fragments' names and sorts the spellings."""
    index = _pagefind(_site(_mkdir(tmp_path / "site"), _pages()))
    other = tmp_path / "other"
    shutil.copytree(index, other)
    _reverse_pages(other)
    assert _files(index) != _files(other)
    pagefind_files.canonicalize(index)
    pagefind_files.canonicalize(other)
    assert _files(index) == _files(other)
