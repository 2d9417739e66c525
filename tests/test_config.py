"""[tool.edition]: defaults, paths relative to pyproject.toml, unknown keys refused."""

from __future__ import annotations

import re
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


def test_the_editions_own_schema_copy_is_the_default(tmp_path: Path) -> None:
    """Probe 72: `edition new` copies our schema into the edition's schema/; an edition that
    changed its copy had its files without <?xml-model?> checked against ours. Its copy is
    the default (the README's "the edition's schema/edition.rng"); a schema set in the
    settings keeps its own embedded rules; this project's own is the shipped one."""
    from pipeline.check import CheckOptions, check
    from pipeline.paths import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON

    write(tmp_path, '[tool.edition]\nsources = "tei"\n')
    (tmp_path / "schema").mkdir()
    permissive = (
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>'
        '<define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/>'
        '</attribute><text/><ref name="any"/></choice></zeroOrMore></element></define></grammar>'
    )
    (tmp_path / "schema/edition.rng").write_text(permissive, encoding="utf-8")
    cfg = load(tmp_path)
    assert (cfg.schema, cfg.schematron) == (tmp_path / "schema/edition.rng", None)
    text = tmp_path / "tei/t.xml"
    text.parent.mkdir()
    text.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>A <zzz>b</zzz>.</p></body></text>"
        "</TEI>",
        encoding="utf-8",
    )
    options = CheckOptions(default_schema=cfg.schema, default_schematron=cfg.default_rules)
    report = check([text], options)
    assert report.errors == 0, report.sorted()
    # the shipped schema refuses the element the edition's own allows
    report = check([text], CheckOptions())
    assert "rng.unexpected-element" in {d.code for d in report.sorted()}

    (tmp_path / "schema/edition.sch").write_text("<schema/>", encoding="utf-8")
    assert load(tmp_path).schematron == tmp_path / "schema/edition.sch"
    write(tmp_path, '[tool.edition]\nschema = "mine.rng"\n')
    assert (load(tmp_path).schema, load(tmp_path).schematron) == (tmp_path / "mine.rng", None)
    assert load(DEFAULT_SCHEMA.parents[1]).schema is None
    assert load(DEFAULT_SCHEMATRON.parents[1]).schematron is None


def test_the_language_is_read_as_a_tag_and_told_of_its_file(tmp_path: Path) -> None:
    """Probe 112: "de-DE" was refused, and a language without a catalogue was told without
    the settings file it is written in."""
    assert load(write(tmp_path, '[tool.edition]\nlanguage = "de-DE"\n')).language == "de"
    path = write(tmp_path, '[tool.edition]\nlanguage = "nl"\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml:2:1: \[tool\.edition\] language: no "):
        load(path)


# probe 112: a top-level [edition]
@pytest.mark.parametrize(
    "table", ["tools.edition", "tool.editions", "tool.Edition", "tool.edtion", "edition"]
)
def test_a_misnamed_table_is_an_error(tmp_path: Path, table: str) -> None:
    """Probe 71: [tools.edition] was passed over without a word, with all its settings."""
    with pytest.raises(ConfigError, match=rf"\[{table}\] is not read: .*\[tool\.edition\]"):
        load(write(tmp_path, f'[{table}]\nlanguage = "fr"\n'))
    assert load(write(tmp_path, "[tool.ruff]\nline-length = 100\n")) == Config()


def test_a_published_file_must_lie_in_the_project(tmp_path: Path) -> None:
    """Probe 121: guide = "/etc/passwd" published the machine's password file as guide.html;
    a project's settings may give the build for publishing (a guide, an introduction, CSS)
    only its own files, links resolved. Asked by what publishes them (probe 122: every
    command, check too, was refused at reading the settings)."""
    project = tmp_path / "p"
    project.mkdir()
    (tmp_path / "secret.md").write_text("secret")
    (project / "linked.md").symlink_to(tmp_path / "secret.md")
    for key, value in (("guide", "/etc/passwd"), ("about", "../secret.md"),
                       ("guide", "linked.md"), ("css", "../secret.css")):  # fmt: skip
        cfg = load(write(project, f'[tool.edition]\n{key} = "{value}"\n'))
        named = cfg.css[0] if key == "css" else getattr(cfg, key)
        with pytest.raises(ConfigError, match="outside the project's folder"):
            cfg.published(key, named)
    cfg = load(write(project, '[tool.edition]\nguide = "docs/guide.md"\ncss = ["a.css"]\n'))
    assert cfg.published("guide", cfg.guide) == project / "docs" / "guide.md"
    assert cfg.published("css", cfg.css[0]) == project / "a.css"


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_a_timeout_is_a_number_of_seconds(tmp_path: Path, value: str) -> None:
    """Probe 121: timeout = nan passed the check "< 0" and switched the limit off."""
    with pytest.raises(ConfigError, match="timeout must be seconds"):
        load(write(tmp_path, f"[tool.edition]\ntimeout = {value}\n"))


@pytest.mark.parametrize(
    ("setting", "told"),
    [
        ("max-errors = 0", "max-errors must be a whole number >= 1"),
        ("max-bytes = 0", "max-bytes must be a whole number >= 1"),
    ],
)
def test_settings_the_options_refuse_are_refused(tmp_path: Path, setting: str, told: str) -> None:
    """Probe 124: max-errors = 0 was taken where --max-errors 0 is refused (the grammar then
    listed one problem, the other checks none); a page size and a number of jobs of 0 mean
    "never split" and "as many as the cores"."""
    with pytest.raises(ConfigError, match=re.escape(told)):
        load(write(tmp_path, f"[tool.edition]\n{setting}\n"))
    assert load(write(tmp_path, "[tool.edition]\npage-size = 0\njobs = 0\n")).page_size == 0
    (tmp_path / "corpus").mkdir()
    assert load(write(tmp_path, '[tool.edition]\nroot = "corpus"\n')).root == tmp_path / "corpus"


def test_a_root_that_is_no_folder_is_refused_where_it_is_used(tmp_path: Path) -> None:
    """Probe 124: root = "nope" was taken without a word, where --root nope is refused; it
    is refused when a command would use it, and --root stands in for it (probe 126: the
    setting stopped `edition check --root .` and `edition clean`: test_cli)."""
    cfg = load(write(tmp_path, '[tool.edition]\nroot = "nope"\n'))
    with pytest.raises(ConfigError, match=r"root names .*nope, which is no folder"):
        cfg.corpus_root(None)
    assert cfg.corpus_root(tmp_path) == tmp_path


def test_where_the_settings_were_read_is_no_setting(tmp_path: Path) -> None:
    """The settings file a Config was read from is recorded, and is no key of [tool.edition]
    (probe 122's follow-up: "settings" became one)."""
    assert "settings" not in KEYS
    with pytest.raises(ConfigError, match="unknown key"):
        load(write(tmp_path, '[tool.edition]\nsettings = "x"\n'))
    assert load(write(tmp_path, "[tool.edition]\njobs = 1\n")).settings == (
        tmp_path / "pyproject.toml"
    )


def test_a_setting_is_told_at_its_line_and_column(tmp_path: Path) -> None:
    """A wrong setting was told as "pyproject.toml: [tool.edition] css must ...", with no
    place an editor jumps to, where every other problem is path:line:col; an unknown key
    listed the known ones without the one most likely meant."""
    body = '[project]\nname = "x"\n\n[tool.edition]\ntitle = "T"\n  "css" = 5\nmax_error = 3\n'
    with pytest.raises(ConfigError) as unknown:
        load(write(tmp_path, body))
    assert str(unknown.value).startswith(f"{tmp_path / 'pyproject.toml'}:7:1: [tool.edition] ")
    assert "max_error (did you mean max-errors?)" in str(unknown.value)
    assert (unknown.value.line, unknown.value.column) == (7, 1)
    with pytest.raises(ConfigError) as wrong:
        load(write(tmp_path, body.replace("max_error = 3\n", "")))
    assert str(wrong.value).startswith(
        f"{tmp_path / 'pyproject.toml'}:6:3: [tool.edition] css must be a list of paths"
    )
    # a table that says the same key elsewhere is not where it is read
    with pytest.raises(ConfigError) as toml:
        load(write(tmp_path, "[tool.edition]\ntitle = 'T'\n[tool.edition]\n"))
    assert str(toml.value).startswith(f"{tmp_path / 'pyproject.toml'}:3:")
    assert "not valid TOML: " in str(toml.value) and "(at line" not in str(toml.value)
    # a line inside a string of several lines is no key's (probe 135)
    with pytest.raises(ConfigError) as inside:
        load(write(tmp_path, '[tool.edition]\ntitle = """\nmax_error = 5\n"""\nmax_error = 5\n'))
    assert (inside.value.line, inside.value.column) == (5, 1)
    # and three quotes inside a string of one line, or a comment, open none (probe 137)
    with pytest.raises(ConfigError) as one_line:
        load(write(tmp_path, '[tool.edition]\ntitle = \'the """ mark\'\nmax-errors = 0\n'))
    assert (one_line.value.line, one_line.value.column) == (3, 1)
    # a key written so that it cannot be found by its line is told without a place
    with pytest.raises(ConfigError) as dotted:
        load(write(tmp_path, "[tool]\nedition.css = 5\n"))
    assert str(dotted.value).startswith(f"{tmp_path / 'pyproject.toml'}: [tool.edition] css")
