"""The names texts are published under: the file's stem, unless it cannot be one.

Runs in the parent once every source is read and classified (``build.named_texts``,
``corpus.load_corpus``), before anything is named after a text: its page
(``<name>.html``), its book, its citation files, the ids of its mentions in the index.

Two things keep a stem from being a name:

- **Characters a web address cannot carry as they are.** A page ``Brief #3.html`` is asked
  for as ``Brief `` (the rest is a fragment), ``what?.html`` as ``what``; spaces and ``%``
  make invalid addresses. ``web_name`` keeps letters and digits of every script, ``_``,
  ``.``, ``-`` and ``~``, and writes one ``-`` for each run of anything else
  (``Letter 12 (draft)`` -> ``Letter-12-draft``).
- **Another text with the same name.** Real corpora repeat file names in different folders
  (``1840/001.xml``, ``1841/001.xml``); before, the second text was left out. Every text
  that shares a name is named instead by its folders below the folder the sharing files
  have in common, then its name, joined with ``-`` (``1840-001``, ``1841-001``); a file in
  that common folder keeps its name, so adding a file in a subfolder never renames the one
  above it. Names are compared without case, as a case-insensitive file system (macOS,
  Windows) would write them; a name still taken gets ``-2``, ``-3`` ... in path order.

- **A name too long for a file system.** File systems take 255 bytes a name, and a text's
  files add to its name (``cite/<name>.json``): a file named near that limit failed the
  whole build (``env.name-too-long``). A name longer than ``LONGEST`` bytes is cut there
  and ends with a short digest of the whole (``shortened``).

- **A page of the site itself.** ``index.xml`` would be published as ``index.html``, the
  home page, and one of the two would be lost; a text whose name is one of ``SITE_PAGES``
  (without case) is named ``<name>-text`` instead (``index-text.html``).

Each renamed text gets a ``build.renamed-text`` warning. ``download_name`` names the TEI
downloads by the same rule (``builders.downloads.tei_href``).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from . import diagnostics as diag
from .diagnostics import Diagnostic
from .paths import display

_UNSAFE = re.compile(r"[^\w.~-]+")

#: The pages the site writes beside the texts' (``<name>.html``): the home and about pages,
#: the guide, the search page and the index pages (``builders.html``, ``builders.index``).
SITE_PAGES = frozenset(
    {"index", "about", "guide", "search", "persons", "places", "organisations", "entities",
     "timeline", "subjects", "bibliography"}
)  # fmt: skip
#: Added to the name of a text that would take a page of the site.
_SITE_SUFFIX = "-text"
#: The most bytes (UTF-8) of a name: file systems take 255 a file name, and a text's files
#: add to it (``.epub``, ``-text``, ``-2``); a longer name is cut and given a digest.
LONGEST = 200


def web_name(name: str) -> str:
    """``name`` with what a web address or a file system cannot carry as it is replaced."""
    safe = _UNSAFE.sub(_kept_marks, unicodedata.normalize("NFC", name))
    safe = re.sub(r"-{2,}", "-", safe).strip("-.")
    return safe or "text"


def _kept_marks(run: re.Match[str]) -> str:
    """A run ``\\w`` does not take, with its combining marks and joiners kept: Python's
    ``\\w`` leaves out the vowel signs and viramas of Devanagari, Thai or Bengali, Hebrew's
    points and Arabic's harakat, and Persian's zero-width non-joiner, which an IRI carries as
    it carries the letters (probe 76: "हिन्दी" was "ह-न-द")."""
    return "".join(
        ch if unicodedata.category(ch).startswith("M") or ch in "\u200c\u200d" else "-"
        for ch in run.group(0)
    )


def shortened(name: str, original: str) -> str:
    """``name`` itself, or, when it is longer than ``LONGEST`` bytes, its start and a short
    digest of ``original``: two long names with one beginning stay two names."""
    if len(name.encode("utf-8")) <= LONGEST:
        return name
    digest = hashlib.sha256(original.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    start = name.encode("utf-8")[: LONGEST - len(digest) - 1].decode("utf-8", "ignore")
    return f"{start.rstrip('-.')}-{digest}"


def download_name(part: str, distinct: bool = False) -> str:
    """A file or folder name of a download: itself when it is a web name already, else its
    web name and a short digest of the original, so that two names that differ only in the
    characters replaced stay two files (``Brief #3.xml`` -> ``Brief-3-5d41a2.xml``);
    ``distinct``: with the digest anyway (a name another has but for case)."""
    stem, dot, suffix = part.rpartition(".") if "." in part.lstrip(".") else (part, "", "")
    if (
        not distinct
        and not is_device(stem)
        and web_name(stem) == stem
        and (not suffix or web_name(suffix) == suffix)
    ):
        return shortened(stem, part) + dot + suffix
    digest = hashlib.sha256(part.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return _past_device(
        f"{shortened(web_name(stem), part)}-{digest}{dot}{web_name(suffix) if suffix else ''}",
        f"-{digest}",
    )


def _past_device(name: str, mark: str) -> str:
    """``name`` with ``mark`` moved after its first part when that part is a device's name
    (``com1.notes-1a2b3c.xml`` -> ``com1-1a2b3c.notes.xml``: Windows reads the name up to
    its first dot)."""
    if not is_device(name) or not name.split(".", 1)[0]:
        return name
    head, dot, rest = name.partition(".")
    return f"{head}{mark}{dot}{rest.replace(mark, '', 1)}" if dot else name


def text_names(paths: Sequence[Path]) -> dict[Path, str]:
    """A name for every path of ``paths`` (texts), unique without case; deterministic for a
    given set of paths, whatever their order."""
    ordered = sorted(paths, key=str)
    by_name: defaultdict[str, list[Path]] = defaultdict(list)
    for path in ordered:
        by_name[web_name(path.stem).casefold()].append(path)
    names: dict[Path, str] = {}
    for sharing in by_name.values():
        if len(sharing) == 1:
            path = sharing[0]
            names[path] = _not_a_site_page(shortened(web_name(path.stem), path.stem))
            continue
        common = Path(os.path.commonpath([str(p.parent.resolve()) for p in sharing]))
        for path in sharing:
            folders = path.parent.resolve().relative_to(common).parts
            joined = "-".join(web_name(part) for part in (*folders, path.stem))
            names[path] = _not_a_site_page(shortened(joined, joined))
    taken: set[str] = set()
    # the files that kept their stem claim their names first, then the renamed ones
    for path in sorted(ordered, key=lambda p: (names[p] != p.stem, str(p))):
        name, n = names[path], 2
        while name.casefold() in taken:
            name, n = f"{names[path]}-{n}", n + 1
        names[path] = name
        taken.add(name.casefold())
    return names


def _other_form(one: str, other: str) -> bool:
    return one != other and unicodedata.normalize("NFC", one) == unicodedata.normalize("NFC", other)


#: Names Windows keeps for devices, whatever follows their first dot: a file "aux.html" can
#: be neither made nor unpacked there (probe 76: aux.xml was published as aux.html, aux.epub,
#: and a member of the zip).
_DEVICES = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)


def is_device(name: str) -> bool:
    """Whether a file named ``name`` (or ``name`` and an extension) cannot be made on
    Windows."""
    return name.split(".", 1)[0].rstrip(" ").casefold() in _DEVICES


def _not_a_site_page(name: str) -> str:
    if name.casefold() in SITE_PAGES:
        return f"{name}{_SITE_SUFFIX}"
    return _past_device(f"{name}{_SITE_SUFFIX}", _SITE_SUFFIX) if is_device(name) else name


def renamed(paths: Sequence[Path]) -> dict[Path, tuple[str, Diagnostic]]:
    """The texts of ``paths`` that are not published under their file's stem: their name,
    and the warning that says so."""
    names = text_names(paths)
    found: dict[Path, tuple[str, Diagnostic]] = {}
    for path in paths:
        name = names[path]
        if name == path.stem:
            continue
        key = web_name(path.stem).casefold()
        others = [display(p) for p in paths if p != path and web_name(p.stem).casefold() == key]
        if others:
            why = f"another text is also named {path.stem!r} ({', '.join(others)})"
            if any(_other_form(p.stem, path.stem) for p in paths):
                # the two names look alike in every listing: say how they differ
                why += (
                    ", with the same letters in another Unicode form (an accent composed "
                    "with its letter in one, after it in the other: NFC and NFD)"
                )
        elif len(web_name(path.stem).encode("utf-8")) > LONGEST:
            why = (
                f"the file name is longer than the {LONGEST} bytes a text's own files can "
                "be named with on every file system"
            )
        elif web_name(path.stem).casefold() in SITE_PAGES:
            page = f"{web_name(path.stem).casefold()}.html"
            why = f"the name {path.stem!r} is the edition's own page {page}"
        elif is_device(web_name(path.stem)):
            why = (
                f"the name {path.stem!r} is one Windows keeps for a device (CON, PRN, AUX, NUL, "
                "COM1, LPT1 ...): no file of that name can be made or unpacked there"
            )
        else:
            why = f"the file name {path.stem!r} holds characters a web address cannot carry"
        message = (
            f"{why}: this text is published as {name!r} ({name}.html, {name}.epub); rename "
            "the file to choose the name yourself"
        )
        found[path] = (name, diag.warning(display(path), "build.renamed-text", message,
                                          origin="build"))  # fmt: skip
    return found
