"""[tool.edition]: defaults, paths relative to pyproject.toml, unknown keys refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import KEYS, Config, load, load_nearest, settings_file
from pipeline.errors import ConfigError


def write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(body)
    return tmp_path


def test_no_pyproject_gives_defaults(tmp_path: Path) -> None:
    assert load(tmp_path) == Config()


def test_values_and_relative_paths(tmp_path: Path) -> None:
    cfg = load(write(tmp_path, '[tool.edition]\nsources = "texts"\njobs = 3\nmax-errors = 5\n'))
    assert cfg.sources == tmp_path / "texts"
    assert (cfg.jobs, cfg.workers, cfg.max_errors) == (3, 3, 5)


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown key"):
        load(write(tmp_path, "[tool.edition]\nsoruces = 'x'\n"))


def test_wrong_type_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="whole number"):
        load(write(tmp_path, "[tool.edition]\njobs = 'many'\n"))


def test_project_pyproject_uses_only_known_keys() -> None:
    cfg = load(Path(__file__).resolve().parents[1])
    assert cfg.sources.name == "tei"
    assert "max-bytes" in KEYS


def test_title_must_be_text(tmp_path: Path) -> None:
    assert load(write(tmp_path, '[tool.edition]\ntitle = " My edition "\n')).title == "My edition"
    with pytest.raises(ConfigError, match="title"):
        load(write(tmp_path, "[tool.edition]\ntitle = 3\n"))


def test_images_base_and_epub_facsimiles(tmp_path: Path) -> None:
    body = '[tool.edition]\nimages = "https://iiif.example.org/"\nepub-facsimiles = true\n'
    cfg = load(write(tmp_path, body))
    assert (cfg.images, cfg.epub_facsimiles) == ("https://iiif.example.org/", True)
    assert (Config().images, Config().epub_facsimiles) == (None, False)
    with pytest.raises(ConfigError, match="images"):
        load(write(tmp_path, '[tool.edition]\nimages = "file:///etc/"\n'))
    with pytest.raises(ConfigError, match="epub-facsimiles"):
        load(write(tmp_path, "[tool.edition]\nepub-facsimiles = 1\n"))


def test_about_is_a_path_relative_to_the_project(tmp_path: Path) -> None:
    cfg = load(write(tmp_path, '[tool.edition]\nabout = "docs/intro.md"\n'))
    assert cfg.about == tmp_path / "docs" / "intro.md"
    with pytest.raises(ConfigError, match="about"):
        load(write(tmp_path, "[tool.edition]\nabout = 1\n"))


def test_the_nearest_edition_above_the_working_directory_is_read(tmp_path: Path) -> None:
    """As ruff and pytest find theirs: a scholar in tei/texts/ gets the edition's settings,
    its folders relative to the edition, not to where the command runs."""
    write(tmp_path, '[tool.edition]\nschema = "schema/own.rng"\nmax-errors = 7\n')
    (tmp_path / "tei" / "texts").mkdir(parents=True)
    (tmp_path / "tei" / "pyproject.toml").write_text("[project]\nname = 'no-edition'\n")
    texts = tmp_path / "tei" / "texts"
    cfg = load_nearest(texts)
    assert (cfg.schema, cfg.max_errors) == (tmp_path / "schema/own.rng", 7)
    assert (cfg.sources, cfg.out) == (tmp_path / "tei", tmp_path / "dist")
    assert settings_file(texts) == tmp_path / "pyproject.toml"
    # the working directory's own pyproject.toml comes first, even without the table
    assert load_nearest(tmp_path / "tei") == Config()
    assert load_nearest(tmp_path) == load(tmp_path)


def test_an_edition_above_with_a_broken_pyproject_between(tmp_path: Path) -> None:
    write(tmp_path, "[tool.edition]\nmax-errors = 3\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("not toml [")
    assert load_nearest(tmp_path / "a" / "b").max_errors == 3
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_nearest(tmp_path / "a")  # the working directory's own file is told


def test_no_edition_anywhere_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "deep").mkdir()
    assert load_nearest(tmp_path / "deep") == Config()
