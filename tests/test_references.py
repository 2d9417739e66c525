"""Reference integrity: duplicate ids, dangling pointers, wrong kinds, unused entries."""

from __future__ import annotations

from pathlib import Path

from pipeline.gate import parse_bytes
from pipeline.validate.references import context_files, facts, resolve

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'


def file_facts(tmp_path: Path, name: str, body: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    doc = parse_bytes(body.encode(), path).document
    assert doc is not None
    return facts(doc)


REGISTER = f"""<TEI {TEI}><standOff>
<listPerson>
  <person xml:id="anna"><persName>Anna</persName></person>
  <person xml:id="unused"><persName>Nobody</persName></person>
</listPerson>
<listPlace><place xml:id="ghent"><placeName>Ghent</placeName></place></listPlace>
</standOff></TEI>"""


def codes(diagnostics) -> list[tuple[str, str, int | None]]:  # type: ignore[no-untyped-def]
    return sorted((Path(d.path).name, d.code, d.line) for d in diagnostics)


def test_resolving_pointers_give_no_error_but_unused_entry_warns(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "text.xml",
        f'<TEI {TEI}><text><p><persName ref="#anna">A</persName>\n'
        '<placeName ref="reg.xml#ghent">G</placeName></p></text></TEI>',
    )
    assert codes(resolve([reg, text])) == [("reg.xml", "refs.unused-entry", 4)]


def test_dangling_pointer_is_located(tmp_path: Path) -> None:
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text>\n<p><persName ref="#ghost">G</persName></p></text></TEI>',
    )
    [d] = resolve([text])
    assert (d.code, d.line) == ("refs.dangling", 2)
    assert "ghost" in d.message


def test_wrong_kind_of_entry(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p><persName ref="#ghent">G</persName>'
        '<persName ref="#anna"/><persName ref="#unused"/></p></text></TEI>',
    )
    assert ("t.xml", "refs.wrong-kind", 1) in codes(resolve([reg, text]))


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    one = file_facts(tmp_path, "a.xml", f'<TEI {TEI}><text><p xml:id="x"/></text></TEI>')
    two = file_facts(tmp_path, "b.xml", f'<TEI {TEI}>\n<text><p xml:id="x"/></text></TEI>')
    [d] = resolve([one, two])
    assert (Path(d.path).name, d.code, d.line) == ("b.xml", "refs.duplicate-id", 2)
    assert "a.xml" in d.message


def test_file_pointer_must_name_the_right_file(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    other = file_facts(tmp_path, "other.xml", f'<TEI {TEI}><text><p xml:id="p1"/></text></TEI>')
    text = file_facts(
        tmp_path, "t.xml", f'<TEI {TEI}><text><ref target="reg.xml#p1">x</ref></text></TEI>'
    )
    assert ("t.xml", "refs.dangling", 1) in codes(resolve([reg, other, text]))


def test_urls_and_prefixed_pointers_are_ignored(tmp_path: Path) -> None:
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><ref target="https://example.org/#x">a</ref>'
        '<ref target="psn:x">b</ref><ref target="page.html#top">c</ref></text></TEI>',
    )
    assert resolve([text]) == []


def test_context_files_resolve_but_are_not_reported(tmp_path: Path) -> None:
    file_facts(tmp_path, "tei/registers/reg.xml", REGISTER)
    text = file_facts(
        tmp_path, "tei/texts/t.xml", f'<TEI {TEI}><text><persName ref="#anna"/></text></TEI>'
    )
    found = context_files([tmp_path / "tei/texts/t.xml"])
    assert [p.name for p in found] == ["reg.xml"]
    reg = file_facts(tmp_path, "tei/registers/reg.xml", REGISTER)
    assert resolve([text], [reg]) == []


def test_multiple_pointers_in_one_attribute(tmp_path: Path) -> None:
    reg = file_facts(tmp_path, "reg.xml", REGISTER)
    text = file_facts(
        tmp_path,
        "t.xml",
        f'<TEI {TEI}><text><p corresp="#anna #ghent #nope"/><persName ref="#unused"/></text></TEI>',
    )
    assert codes(resolve([reg, text])) == [("t.xml", "refs.dangling", 1)]
