"""The names texts are published under: the file's stem, unless two texts share it.

Runs in the parent once every source is read and classified (``build.named_texts``,
``corpus.load_corpus``), before anything is named after a text: its page
(``<name>.html``), its book, its citation files, the ids of its mentions in the index. Real
corpora repeat file names in different folders (``1840/001.xml``, ``1841/001.xml``); before,
the second text was left out of the edition.

A name that is taken by another text is replaced, for every text that shares it, by the
file's folders below the folder the sharing files have in common, then its stem, joined
with ``-`` (``1840-001``, ``1841-001``); a file that lies in that common folder keeps its
stem, so adding a file in a subfolder never renames the one above it. Names are compared
without case, as a case-insensitive file system (macOS, Windows) would write them. A name
still taken after that gets ``-2``, ``-3`` ... in the order of the paths.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from . import diagnostics as diag
from .diagnostics import Diagnostic
from .paths import display


def text_names(paths: Sequence[Path]) -> dict[Path, str]:
    """A name for every path of ``paths`` (texts), unique without case; deterministic for a
    given set of paths, whatever their order."""
    ordered = sorted(paths, key=str)
    by_stem: defaultdict[str, list[Path]] = defaultdict(list)
    for path in ordered:
        by_stem[path.stem.casefold()].append(path)
    names: dict[Path, str] = {}
    for sharing in by_stem.values():
        if len(sharing) == 1:
            names[sharing[0]] = sharing[0].stem
            continue
        common = Path(os.path.commonpath([str(p.parent.resolve()) for p in sharing]))
        for path in sharing:
            folders = path.parent.resolve().relative_to(common).parts
            names[path] = "-".join((*folders, path.stem))
    taken: set[str] = set()
    # the files that kept their stem claim their names first, then the renamed ones
    for path in sorted(ordered, key=lambda p: (names[p] != p.stem, str(p))):
        name, n = names[path], 2
        while name.casefold() in taken:
            name, n = f"{names[path]}-{n}", n + 1
        names[path] = name
        taken.add(name.casefold())
    return names


def renamed(paths: Sequence[Path]) -> dict[Path, tuple[str, Diagnostic]]:
    """The texts of ``paths`` that are not published under their file's stem: their name,
    and the warning that says so."""
    names = text_names(paths)
    found: dict[Path, tuple[str, Diagnostic]] = {}
    for path in paths:
        name = names[path]
        if name == path.stem:
            continue
        others = ", ".join(
            display(p) for p in paths if p != path and p.stem.casefold() == path.stem.casefold()
        )
        message = (
            f"another text is also named {path.stem!r} ({others}): this one is published as "
            f"{name!r} ({name}.html, {name}.epub); rename a file to choose the names yourself"
        )
        found[path] = (name, diag.warning(display(path), "build.renamed-text", message,
                                          origin="build"))  # fmt: skip
    return found
