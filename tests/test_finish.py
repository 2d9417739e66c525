"""The build's last pass: the entity index it holds, and when it lets it go."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SHARED, missing
from lxml import etree

from pipeline import finish
from pipeline.build import build, load_corpus
from pipeline.builders import html as html_builder
from pipeline.builders.index import page_subset
from pipeline.builders.index_exports import entities_json
from pipeline.builders.index_merge import merge
from pipeline.builders.index_model import ED_NS, skeleton, text_index
from pipeline.builders.parts import paging
from pipeline.diagnostics import Report

ROOT = Path(__file__).resolve().parents[1]
TEI = ROOT / "tei"

SKELETON = (
    '<ed:index xmlns:ed="urn:edition"><ed:documents/><ed:entities>'
    '<ed:entity id="p1" type="person" sort="Anne"><ed:name>Anne</ed:name></ed:entity>'
    "</ed:entities><ed:timeline/><ed:unresolved/><ed:untagged/></ed:index>"
)


def test_a_released_index_says_so_when_read() -> None:
    index = finish.Index.of(SKELETON, [])
    assert index.root.find("{urn:edition}entities") is not None
    assert 'id="p1"' in index.xml
    index.release()
    with pytest.raises(RuntimeError, match="released"):
        index.root  # noqa: B018 (the property raises)
    with pytest.raises(RuntimeError, match="released"):
        index.xml  # noqa: B018


def test_the_build_lets_the_index_go_after_its_pages_and_before_the_home_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the index (2,248 letters: 200 MB resident) was held while Saxon's heap grew with the
    # home and about pages, the build's peak (docs/benchmarks.md)
    steps: list[str] = []
    index_pages, release, site_pages = (
        finish._index_pages,
        finish.Index.release,
        html_builder.render_site_pages,
    )

    def _index_pages(*args: object, **kwargs: object) -> object:
        steps.append("index pages")
        return index_pages(*args, **kwargs)  # type: ignore[arg-type]

    def _release(self: finish.Index) -> None:
        steps.append("release")
        release(self)

    def _site_pages(*args: object, **kwargs: object) -> object:
        steps.append("site pages")
        return site_pages(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(finish, "_index_pages", _index_pages)
    monkeypatch.setattr(finish.Index, "release", _release)
    monkeypatch.setattr(html_builder, "render_site_pages", _site_pages)
    report = build([TEI], tmp_path, jobs=1)
    assert report.errors == 0, report.sorted()
    # _index_pages lets it go once it has cut the pages' parts; write_site again after it
    firsts = [step for i, step in enumerate(steps) if step not in steps[:i]]
    assert firsts == ["index pages", "release", "site pages"], steps
    # what came after the release still had all it needed
    for name in ("index.html", "about.html", "persons.html", "places.html"):
        assert (tmp_path / "html" / name).is_file(), name


# the texts' own indexes of a corpus, and its skeleton, as the build hands them to Index.of
_CORPORA = [TEI, ROOT / "tests" / "data" / "letters", SHARED / "corpora" / "tei-samples" / "drama"]


def _indexes(path: Path) -> tuple[str, list[str]]:
    corpus = load_corpus([path], Report())
    pages = paging(t.stem for t in corpus.texts).params()
    texts = [text_index(t.stem, t.normalized, corpus.registers, pages) for t in corpus.texts]
    return skeleton(corpus.registers), texts


@pytest.mark.parametrize("path", _CORPORA, ids=[p.name for p in _CORPORA])
def test_an_index_holding_its_records_apart_writes_what_the_whole_index_writes(
    path: Path, tmp_path: Path
) -> None:
    # the records are parsed one entity at a time (9,761 letters: 540 MB as one tree)
    if not path.exists():
        missing(str(path))
    frame, texts = _indexes(path)
    apart = finish.Index.of(frame, texts)
    xml = merge(frame, texts)
    whole = finish.Index(etree.fromstring(xml.encode("utf-8")), xml=xml)
    assert apart.xml == xml
    assert apart.digest() != finish.Index.of(frame, texts[:-1]).digest()
    # the tree holds no record; each entity comes back with its own
    assert next(apart.root.iter(f"{{{ED_NS}}}occurrence"), None) is None
    held = [etree.tostring(e, method="c14n") for e in apart.entities()]
    assert held == [etree.tostring(e, method="c14n") for e in whole.entities()]
    assert any(re.search(b"<ed:(occurrence|speech|letter)[ >]", e) for e in held)
    for index, out in ((apart, tmp_path / "apart"), (whole, tmp_path / "whole")):
        finish.write_index(index, out, "2026-01-01")
        (out / "pages").mkdir()
        for name in index.page_names():
            subset = page_subset(index.root, name, index.text_of)
            (out / "pages" / name).write_text(subset, "utf-8")
    written = sorted(p.relative_to(tmp_path / "whole") for p in (tmp_path / "whole").rglob("*"))
    assert written == sorted(
        p.relative_to(tmp_path / "apart") for p in (tmp_path / "apart").rglob("*")
    )
    for name in written:
        if (tmp_path / "whole" / name).is_file():
            expected = (tmp_path / "whole" / name).read_bytes()
            assert (tmp_path / "apart" / name).read_bytes() == expected, name


def test_entities_json_written_record_by_record_is_what_json_dumps_gives() -> None:
    # written a record at a time, byte for byte the document json.dumps made of the whole
    frame, texts = _indexes(TEI)
    root = etree.fromstring(merge(frame, texts).encode("utf-8"))
    text = entities_json(root)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text)["entities"][0]["occurrences"]
    empty = etree.fromstring(SKELETON.encode("utf-8"))
    text = entities_json(empty)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert '"dates": [],' in text and '"subjects": []\n}' in text
