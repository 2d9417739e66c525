"""pipeline/paths.py: the shipped stylesheets, schemas, assets and scaffold are found in a
checkout, and a wheel carries every folder of them (pyproject's edition_data packages)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import ROOT

from pipeline.paths import ASSETS_DIR, PROJECT_DIR, SCHEMA_DIR, XSLT_DIR

DATA = ("xslt", "schema", "assets", "scaffold")


def test_a_checkout_finds_its_data_beside_the_package() -> None:
    assert PROJECT_DIR == ROOT
    assert (XSLT_DIR / "epub" / "book.xsl").is_file()
    assert (SCHEMA_DIR / "edition.rng").is_file()
    assert ASSETS_DIR.is_dir()


def test_every_data_folder_goes_into_the_wheel() -> None:
    """A folder missing from the package list is left out of ``pip install .`` (a built
    edition then said "no stylesheet xslt/index/entities.xsl")."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    folders = {
        "edition_data." + path.relative_to(ROOT).as_posix().replace("/", ".")
        for top in DATA
        for path in [ROOT / top, *(ROOT / top).rglob("*")]
        if path.is_dir() and "__pycache__" not in path.parts
    }
    assert folders <= set(setuptools["packages"])
    assert {f"edition_data.{top}": top for top in DATA} == setuptools["package-dir"]


def test_a_path_is_shown_as_relpath_shows_it(tmp_path: Path) -> None:
    """The shown path takes a short cut for a plain path below the working directory; it
    must give what ``os.path.relpath`` gives, and leave other paths as they were shown."""
    import os

    from pipeline.paths import _display

    (tmp_path / "a" / "b").mkdir(parents=True)
    cwd = str(tmp_path / "a")
    for path in ("a/b/c.xml", "a/b/../c.xml", "a//b/c.xml", "a/./b/c.xml", "a/b"):
        full = f"{tmp_path}/{path}"
        assert _display(full, cwd) == os.path.relpath(full, cwd), path
    assert _display(f"{tmp_path}/ab/c.xml", cwd) == f"{tmp_path}/ab/c.xml"  # not below
    assert _display("rel/c.xml", cwd) == "rel/c.xml"
