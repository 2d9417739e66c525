"""Mutations of real TEI files, for fuzzing ``check`` and ``build`` (tests/test_fuzz.py, make fuzz).

Each operator takes the bytes of a seed file and a ``random.Random`` and returns a mutant:
byte-level damage (flips, truncations, random Unicode, encoding swaps), markup damage (tags and
attributes deleted or duplicated), resource abuse (deep nesting, huge attributes and
instructions, many attributes, entity declarations, XInclude of odd targets) and
structure-aware TEI mutations on the parsed tree (elements moved, deleted, duplicated;
ids and pointers broken). Deterministic from the generator's seed.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree

Mutation = Callable[[bytes, random.Random], bytes]

TEI = "http://www.tei-c.org/ns/1.0"
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)([^<>]*?)(/?)>")
_ATTR = re.compile(rb'\s[A-Za-z_:][\w.:-]*\s*=\s*("[^"]*"|\'[^\']*\')')


def flip_bytes(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        if out:
            out[rnd.randrange(len(out))] = rnd.randrange(256)
    return bytes(out)


def truncate(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


#: Code points that break naive text handling: controls, bidi overrides, BOMs, non-characters.
_ODD = (0x202E, 0x200B, 0xFEFF, 0x0, 0x1F, 0xFFFE, 0xD800)


def random_unicode(data: bytes, rnd: random.Random) -> bytes:
    def one() -> str:
        kind = rnd.randrange(4)
        if kind == 0:
            return chr(rnd.randint(0x20, 0x7E))
        if kind == 1:
            return chr(rnd.randint(0xA0, 0xD7FF))
        if kind == 2:
            return chr(rnd.randint(0xE000, 0x10FFFF))
        return chr(rnd.choice(_ODD))

    chars = "".join(one() for _ in range(rnd.randint(1, 40)))
    where = rnd.randrange(len(data) + 1)
    return data[:where] + chars.encode("utf-8", "surrogatepass") + data[where:]


def swap_encoding(data: bytes, rnd: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    choice = rnd.choice(["latin-1", "utf-16", "utf-16-be", "cp1252", "declared", "bom"])
    if choice == "declared":
        name = rnd.choice(["ISO-8859-1", "windows-1252", "EBCDIC", "klingon", "UTF-16"])
        return re.sub(rb'encoding="[^"]*"', f'encoding="{name}"'.encode(), data, count=1)
    if choice == "bom":
        return rnd.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data
    return text.encode(choice, "replace")


def drop_tag(data: bytes, rnd: random.Random) -> bytes:
    tags = list(_TAG.finditer(data))
    if not tags:
        return data
    tag = rnd.choice(tags)
    return data[: tag.start()] + data[tag.end() :]


def duplicate_tag(data: bytes, rnd: random.Random) -> bytes:
    tags = list(_TAG.finditer(data))
    if not tags:
        return data
    tag = rnd.choice(tags)
    where = rnd.choice(tags).end()
    return data[:where] + tag.group(0) + data[where:]


def drop_attribute(data: bytes, rnd: random.Random) -> bytes:
    found = list(_ATTR.finditer(data))
    if not found:
        return data
    attr = rnd.choice(found)
    return data[: attr.start()] + data[attr.end() :]


def duplicate_attribute(data: bytes, rnd: random.Random) -> bytes:
    found = list(_ATTR.finditer(data))
    if not found:
        return data
    attr = rnd.choice(found)
    return data[: attr.end()] + attr.group(0) + data[attr.end() :]


def _into_body(data: bytes, rnd: random.Random, fragment: bytes) -> bytes:
    spots = [m.end() for m in re.finditer(rb"<(p|body|div|l|head|ab)\b[^<>]*>", data)]
    where = rnd.choice(spots) if spots else len(data)
    return data[:where] + fragment + data[where:]


def deep_nesting(data: bytes, rnd: random.Random) -> bytes:
    depth = rnd.choice([50, 255, 300, 5000])
    return _into_body(data, rnd, b"<hi>" * depth + b"x" + b"</hi>" * depth)


def huge_attribute(data: bytes, rnd: random.Random) -> bytes:
    size = rnd.choice([10_000, 1_000_000])
    value = rnd.choice([b"a", b"#", b" ", b"&amp;"]) * size
    return _into_body(data, rnd, b'<seg ref="' + value + b'">x</seg>')


def many_attributes(data: bytes, rnd: random.Random) -> bytes:
    count = rnd.choice([100, 300, 20_000])
    attrs = b" ".join(b'a%d="v"' % i for i in range(count))
    return _into_body(data, rnd, b"<seg " + attrs + b">x</seg>")


def huge_instruction(data: bytes, rnd: random.Random) -> bytes:
    size = rnd.choice([10_000, 100_000, 2_000_000])
    body = rnd.choice([b"a", b"href", b'href="', b"= "]) * (size // 4)
    return b"<?xml-model " + body + b"?>\n" + data.split(b"?>", 1)[-1]


def entity_games(data: bytes, rnd: random.Random) -> bytes:
    decls = rnd.choice(
        [
            b'<!ENTITY a "&#x2014;">',
            b"<!ENTITY % p \"<!ENTITY b 'x'>\"> %p;",
            b'<!ENTITY x SYSTEM "file:///etc/passwd">',
            b'<!ENTITY % q SYSTEM "http://127.0.0.1:9/x.dtd"> %q;',
            b'<!ENTITY a "&a;">',
            b'<!ENTITY l0 "ha">'
            + b"".join(b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10) for i in range(1, 8)),
        ]
    )
    doctype = b"<!DOCTYPE TEI [" + decls + b"]>\n"
    body = data.split(b"?>", 1)[-1] if data.startswith(b"<?xml") else data
    use = rnd.choice([b"&a;", b"&b;", b"&x;", b"&l7;", b"&mdash;", b"&undefined;"])
    return doctype + _into_body(body, rnd, use)


def xinclude(data: bytes, rnd: random.Random) -> bytes:
    href = rnd.choice(
        [
            "/etc/passwd", "../../../../etc/hostname", "http://127.0.0.1:9/x.xml", "file:///etc/passwd",
            "self.xml", "missing.xml", "", "data:text/plain,hello", "%2e%2e/%2e%2e/x.xml",
        ]
    )  # fmt: skip
    parse = rnd.choice(["xml", "text", "evil"])
    include = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{href}" parse="{parse}"/>'
    ).encode()
    return _into_body(data, rnd, include)


def structure(data: bytes, rnd: random.Random) -> bytes:
    """A mutation on the parsed tree: elements moved, deleted, duplicated; ids and pointers
    broken. The input must be well-formed; otherwise it is returned as it is."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return data
    elements = [e for e in root.iter(etree.Element) if e is not root]
    if not elements:
        return data
    for _ in range(rnd.randint(1, 5)):
        target = rnd.choice(elements)
        parent = target.getparent()
        if parent is None:
            continue
        action = rnd.choice(["delete", "duplicate", "move", "id", "ref", "text", "empty"])
        if action == "delete":
            parent.remove(target)
        elif action == "duplicate":
            parent.insert(parent.index(target), copy.deepcopy(target))
        elif action == "move":
            other = rnd.choice(elements)
            if target not in other.iterancestors() and other is not target:
                other.append(target)
        elif action == "id":
            target.set("{http://www.w3.org/XML/1998/namespace}id",
                       rnd.choice(["1abc", "a b", "dup", "", "x:y", "é"]))  # fmt: skip
        elif action == "ref":
            pointer = rnd.choice(["#nowhere", "other.xml#x", "#dup", "javascript:alert(1)", "##"])
            target.set(rnd.choice(["ref", "target", "corresp", "who", "facs"]), pointer)
        elif action == "text":
            target.text = rnd.choice(["", "<>&", "\u202e", "x" * 10_000])
        else:
            for child in list(target):
                target.remove(child)
        elements = [e for e in root.iter(etree.Element) if e is not root]
        if not elements:
            break
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "unicode": random_unicode,
    "encoding": swap_encoding,
    "drop-tag": drop_tag,
    "duplicate-tag": duplicate_tag,
    "drop-attribute": drop_attribute,
    "duplicate-attribute": duplicate_attribute,
    "deep": deep_nesting,
    "huge-attribute": huge_attribute,
    "many-attributes": many_attributes,
    "huge-instruction": huge_instruction,
    "entities": entity_games,
    "xinclude": xinclude,
    "structure": structure,
}


def mutate(data: bytes, rnd: random.Random, rounds: int | None = None) -> tuple[bytes, list[str]]:
    """``data`` after one to three random mutations, and their names."""
    names = []
    for _ in range(rounds or rnd.randint(1, 3)):
        name = rnd.choice(sorted(MUTATIONS))
        data = MUTATIONS[name](data, rnd)
        names.append(name)
    return data, names


def seeds(project: Path, shared: Path, limit_bytes: int = 400_000) -> list[Path]:
    """Seed files: the tei-samples, the edition, and the smaller ELTeC novels."""
    found = sorted((shared / "corpora" / "tei-samples").rglob("*.xml"))
    found += sorted((project / "tei").rglob("*.xml"))
    eltec = sorted((shared / "corpora" / "eltec-eng").glob("*.xml"), key=lambda p: p.stat().st_size)
    found += eltec[:5]
    return [p for p in found if p.stat().st_size <= limit_bytes]
