"""The build's last pass: the entity index it holds, and when it lets it go."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import finish
from pipeline.build import build
from pipeline.builders import html as html_builder

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
