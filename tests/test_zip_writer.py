"""The zip writer: archives any reader opens, members taken over from an earlier zip byte for
byte, ZIP64 past 65,535 members."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from pipeline.builders import zip_writer
from pipeline.builders.zip_writer import Member, deflated, members_of, packed, write

WHEN = (2024, 5, 17, 13, 45, 30)


def _files(folder: Path, count: int) -> list[tuple[str, Path, str]]:
    folder.mkdir(exist_ok=True)
    found = []
    for n in range(count):
        path = folder / f"f{n}.xml"
        path.write_bytes(f"<TEI>{'Ünïcödé text ' * (n * 50)}{n}</TEI>".encode())
        found.append((f"texts/f{n}.xml", path, f"digest-{n}"))
    return found


def _archive(files: list[tuple[str, Path, str]], earlier: dict[str, Member] | None = None,
             known: dict[str, str] | None = None) -> bytes:  # fmt: skip
    out = io.BytesIO()
    write(out, (m for m, _ in packed(files, earlier or {}, known or {})), WHEN)
    return out.getvalue()


def test_a_reader_finds_every_member_with_its_bytes_time_and_mode(tmp_path: Path) -> None:
    files = _files(tmp_path / "src", 6)
    files.append(("registers/persönen.xml", files[0][1], "d"))  # a name beyond ASCII
    (tmp_path / "a.zip").write_bytes(_archive(files))
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [name for name, _, _ in files]
        for (name, path, _), info in zip(files, archive.infolist(), strict=True):
            assert archive.read(name) == path.read_bytes()
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.date_time == (2024, 5, 17, 13, 45, 30)
            assert info.create_system == 3 and info.external_attr >> 16 == 0o100644
            assert info.flag_bits & 0x800  # the name is UTF-8


def test_members_taken_over_give_the_bytes_of_members_deflated_anew(tmp_path: Path) -> None:
    files = _files(tmp_path / "src", 5)
    first = _archive(files)
    (tmp_path / "first.zip").write_bytes(first)
    earlier = members_of(tmp_path / "first.zip")
    assert set(earlier) == {name for name, _, _ in files}
    known = {name: digest for name, _, digest in files}
    assert _archive(files, earlier, known) == first
    # one source changed: its member is deflated again, the others are copied
    name, path, _ = files[2]
    path.write_bytes(b"<TEI>changed</TEI>")
    files[2] = (name, path, "digest-new")
    again = _archive(files, earlier, known)
    assert again == _archive(files)
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert archive.read(name) == b"<TEI>changed</TEI>"


def test_a_member_is_copied_only_when_its_digest_is_known_and_the_same(tmp_path: Path) -> None:
    files = _files(tmp_path / "src", 3)
    (tmp_path / "first.zip").write_bytes(_archive(files))
    earlier = members_of(tmp_path / "first.zip")
    stale = dict(earlier)
    stale["texts/f1.xml"] = Member("texts/f1.xml", deflated("x", b"other").deflated, 0, 5)
    # no digest known, or another one: the file's own bytes are deflated
    for known in ({}, {"texts/f1.xml": "something else"}):
        taken = [m for m, _ in packed(files, stale, known) if m is stale["texts/f1.xml"]]
        assert not taken


def test_an_unreadable_earlier_zip_gives_nothing_to_take_over(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    assert members_of(broken) == {}
    assert members_of(tmp_path / "missing.zip") == {}
    truncated = tmp_path / "truncated.zip"
    whole = _archive(_files(tmp_path / "src", 2))
    truncated.write_bytes(whole[: len(whole) // 2])
    assert members_of(truncated) == {}


def test_more_than_65535_members_are_written_as_zip64() -> None:
    count = 70_000
    member = deflated("x", b"<TEI/>")
    members = (Member(f"t/{n:05d}.xml", member.deflated, member.crc, member.size)
               for n in range(count))  # fmt: skip
    out = io.BytesIO()
    write(out, members, WHEN)
    data = out.getvalue()
    assert b"PK\x06\x06" in data[-200:] and b"PK\x06\x07" in data[-200:]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert len(names) == count and names[-1] == f"t/{count - 1:05d}.xml"
        assert archive.read(names[-1]) == b"<TEI/>"


def test_a_member_past_4_gb_carries_its_sizes_in_a_zip64_field() -> None:
    huge = Member("big.xml", b"\x03\x00", 0, 5 * 2**30)
    entry = zip_writer._central_entry(huge, b"big.xml", 0, 0, 0)
    (size,) = struct.unpack("<L", entry[24:28])
    assert size == 0xFFFFFFFF
    header_id, length, real = struct.unpack("<2HQ", entry[-12:])
    assert (header_id, length, real) == (1, 8, 5 * 2**30)
