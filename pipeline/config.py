"""``[tool.edition]`` in pyproject.toml as a frozen record; unknown keys are errors.

The CLI reads the pyproject.toml of the working directory, else the nearest above it with a
``[tool.edition]`` table, for defaults that options override. Paths are relative to that
file's folder.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .gate import DEFAULT_MAX_BYTES
from .paths import is_dir, is_file

if TYPE_CHECKING:
    from .citation import Publication


@dataclass(frozen=True)
class Config:
    #: Folder (or file) that ``check`` and ``build`` read when no PATH is given.
    sources: Path = Path("tei")
    #: Folder ``build`` writes into when ``--out`` is not given.
    out: Path = Path("dist")
    #: Default RELAX NG schema for files without an ``<?xml-model?>``; None: the edition's.
    schema: Path | None = None
    #: Default Schematron for files without an ``<?xml-model?>``; None: the edition's, or,
    #: with a ``schema`` of one's own, the Schematron embedded in it (``default_rules``).
    schematron: Path | None = None
    #: The editors' encoding guide (Markdown), published as guide.html when ``build`` reads
    #: the configured ``sources``.
    guide: Path | None = None
    #: The edition's introduction on the home page (Markdown ``.md`` or TEI ``.xml``), when
    #: ``build`` reads the configured ``sources``.
    about: Path | None = None
    #: The edition's title on every page, when ``build`` reads the configured ``sources``.
    title: str | None = None
    #: The interface language of the site and books (``xslt/i18n/<language>.xml``).
    language: str = "en"
    #: Base URL of the page images kept on another server; None: pages load no image from
    #: elsewhere (remote images of facsimiles are not shown).
    images: str | None = None
    #: Whether an EPUB puts each page image of its facsimile before its page.
    epub_facsimiles: bool = False
    #: Where the site is published (``https://example.org/edition/``): canonical URLs,
    #: citations, the books' identifiers; None: URLs are relative.
    base_url: str | None = None
    #: The edition's editors, cited with every text ("Given Family" or "Family, Given").
    editors: tuple[str, ...] = ()
    #: The edition's publisher, cited with every text (default: the text's own publisher).
    publisher: str | None = None
    #: The edition's DOI (``10.1234/abcd``), cited as the edition each text is part of.
    doi: str | None = None
    #: A tile server's URL template (``https://tile.example.org/{z}/{x}/{y}.png``): the places
    #: map becomes interactive over its tiles; None: the map is drawn offline, nothing loads.
    map_tiles: str | None = None
    #: Kilobytes of HTML above which a text's reading page is split into a contents page and
    #: one page per division (``pipeline/builders/parts.py``); 0 = never split.
    page_size: int = 200
    #: Worker processes; 0 means one per core.
    jobs: int = 0
    #: Cap on RELAX NG errors reported per file.
    max_errors: int = 100
    #: Files larger than this many bytes are refused by the gate.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Seconds one file may take (in check, or in one step of build); 0 = no limit.
    timeout: float = 60.0
    #: The corpus root: ``xi:include`` reads only files inside it; None: found from the
    #: PATHS (``pipeline.xinclude.corpus_root``).
    root: Path | None = None
    #: The edition's customisation stylesheet (docs/customising.md): it imports
    #: ``edition:render.xsl`` and overrides templates of the pages and books.
    xslt: Path | None = None
    #: A stylesheet module that replaces the web pages' shell (``s:page`` and its parts).
    templates: Path | None = None
    #: The edition's own CSS files, linked after ours from every page and every book.
    css: tuple[Path, ...] = ()
    #: A Dask scheduler (``tcp://host:8786``, or ``local:N``) for ``check``'s per-file work;
    #: None: the local process pool (docs/scaling.md).
    scheduler: str | None = None
    #: The settings file read (``pyproject.toml``); None: none was.
    settings: Path | None = None

    def corpus_root(self, given: Path | None) -> Path | None:
        """The root ``xi:include`` reads in: ``given`` (``--root``), else the setting's, which
        must be a folder (probe 124: root = "nope" was taken, and includes read nothing);
        asked only when the option does not stand in for it (probe 126: a wrong setting
        stopped ``--root .`` and ``edition clean``)."""
        if given is not None or self.root is None:
            return given
        if not self.root.is_dir():
            raise ConfigError(
                f"{self.settings}: [tool.edition] root names {self.root}, which is no folder"
            )
        return self.root

    def published(self, key: str, named: Path | None) -> Path | None:
        """``named``, a file the setting ``key`` gives the build to publish (a guide, an
        introduction, CSS), when it lies in the project's folder (links resolved); else
        ``ConfigError``. A project's settings could otherwise publish any file of the
        machine that builds it (probe 121: guide = "/etc/passwd" became guide.html); a file
        given on the command line is the user's own choice, not asked here."""
        if named is None or self.settings is None:
            return named
        project = self.settings.parent.resolve()
        where = named.resolve()
        if where != project and project not in where.parents:
            raise ConfigError(
                f"{self.settings}: [tool.edition] {key} names {named}, outside the project's "
                f"folder {project}: the build publishes it, so it must lie in the project; "
                "copy it there"
            )
        return named

    @property
    def default_rules(self) -> Path | None:
        """The Schematron of files without an ``<?xml-model?>``: ``schematron``; else, with
        a ``schema`` of one's own, None (its embedded rules, as ``--schema`` takes them: the
        edition's own rules are no one else's); else the edition's."""
        if self.schematron is not None:
            return self.schematron
        from .paths import DEFAULT_SCHEMATRON

        return DEFAULT_SCHEMATRON if self.schema is None else None

    @property
    def publication(self) -> Publication:
        """The settings that say where and by whom the edition is published."""
        from .citation import Publication  # imported when a build needs it: 30 ms at start-up

        return Publication(self.base_url, self.editors, self.publisher, self.doi, self.map_tiles)

    @property
    def workers(self) -> int:
        return self.jobs if self.jobs > 0 else (os.cpu_count() or 1)


#: The keys of ``[tool.edition]``: every field but where the settings were read.
KEYS = tuple(f.name.replace("_", "-") for f in fields(Config) if f.name != "settings")


def edition_folder(start: Path, stop: Path | None = None) -> Path | None:
    """The nearest folder, ``start`` or one above it (up to ``stop``), whose pyproject.toml
    has a ``[tool.edition]`` table; a pyproject.toml that cannot be read is passed over."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if is_file(candidate):
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                data = {}
            tool = data.get("tool")
            if isinstance(tool, dict) and "edition" in tool:
                return folder
        if stop is not None and folder == stop:
            break
    return None


def sources_holding(folder: Path) -> Path | None:
    """The ``sources`` folder (resolved) of the nearest edition above ``folder``, when
    ``folder`` lies inside it: the corpus a file there belongs to, whatever its folders are
    called (``edition check`` of one text read only ``registers/`` folders near it, so a
    register kept in ``indices/`` left every pointer into it dangling). Settings that cannot
    be read, and a ``sources`` naming one file, say nothing."""
    folder = folder.resolve()
    root = edition_folder(folder)
    if root is None:
        return None
    try:
        sources = load(root).sources
    except ConfigError:
        return None
    sources = (sources if sources.is_absolute() else root / sources).resolve()
    if is_dir(sources) and (folder == sources or sources in folder.parents):
        return sources
    return None


def load_nearest(start: Path | None = None) -> Config:
    """The settings of the edition the working directory (or ``start``) is in: its own
    pyproject.toml (whose errors are told), else the nearest above it with a
    ``[tool.edition]`` table, as ruff and pytest look for theirs: a scholar working in
    ``tei/texts/`` gets the edition's schema and folders."""
    folder = settings_file(start).parent
    return load(folder, above_start=folder != (start or Path.cwd()).absolute())


def settings_file(start: Path | None = None) -> Path:
    """The pyproject.toml ``load_nearest`` reads (it may not exist): the working directory's
    (or ``start``'s) when there is one, else the nearest above with ``[tool.edition]``."""
    here = (start or Path.cwd()).absolute()
    if (here / "pyproject.toml").is_file():
        return here / "pyproject.toml"
    above = edition_folder(here.parent)
    return (above or here) / "pyproject.toml"


def load(directory: Path | None = None, *, above_start: bool = False) -> Config:
    """The ``[tool.edition]`` of ``directory``'s pyproject.toml (default: the working
    directory's). ``above_start``: the folder is above where the command runs, so the default
    folders (``tei``, ``dist``) are that folder's too."""
    base = directory or Path.cwd()
    path = base / "pyproject.toml"
    if not path.is_file():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        # in the path:line:col form of every other problem an editor jumps to
        told = _TOML_PLACE.search(str(exc))
        if told is None:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
        line, column = int(told[1]), int(told[2])
        reason = str(exc)[: told.start()].rstrip()
        raise ConfigError(
            f"{path}:{line}:{column}: not valid TOML: {reason}", line, column
        ) from exc
    try:
        return _read(path, base, data, above_start)
    except ConfigError as exc:
        if exc.line is not None or not str(exc).startswith(f"{path}: [tool.edition] "):
            raise
        key = str(exc).removeprefix(f"{path}: [tool.edition] ").split(" ", 1)[0].rstrip(":,")
        # (a '"""' in a one-line string or a comment is read as opening a string of several
        # lines: the key is then looked for without reading strings, probe 137)
        place = _key_place(text, key) or _key_place(text, key, strings=False)
        if place is None:
            raise
        line, column = place
        placed = str(exc).replace(f"{path}: ", f"{path}:{line}:{column}: ", 1)
        raise ConfigError(placed, line, column) from exc


#: Where tomllib says a problem is, at the end of its message.
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)$")
#: A table's header line, "[tool.edition]" (spaces and quotes allowed); not "[[...]]".
_HEADER = re.compile(r"\s*\[(?!\[)([^\]]*)\]")


#: The quotes that open and close a multi-line string.
_MULTILINE = re.compile("\"\"\"|'''")


def _after_marks(quoted: str, marks: list[str]) -> str:
    """The multi-line string open after a line of ``marks``, given the one open before it."""
    for mark in marks:
        if not quoted:
            quoted = mark
        elif mark == quoted:
            quoted = ""
    return quoted


def _key_place(text: str, key: str, strings: bool = True) -> tuple[int, int] | None:
    """The line and column of ``key`` as written in the ``[tool.edition]`` table of the
    TOML ``text`` ("css = ..."), or None where it is written otherwise (a dotted key, an
    inline table). ``strings``: lines inside a string of several lines are passed over."""
    within = False
    wanted = re.compile(rf"(\s*)(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
    quoted = ""  # the quotes of a multi-line string the line is inside, if any
    for number, line in enumerate(text.splitlines(), 1):
        # a line inside a multi-line string is no key's (probe 135: "max_error = 5" inside
        # a title of three lines was told as the key)
        marks = _MULTILINE.findall(line) if strings else []
        inside, quoted = quoted, _after_marks(quoted, marks)
        if inside:
            continue
        header = _HEADER.match(line)
        if header is not None:
            name = "".join(header[1].split()).replace('"', "").replace("'", "")
            within = name == "tool.edition"
            continue
        found = wanted.match(line) if within else None
        if found is not None:
            return number, len(found[1]) + 1
    return None


def _read(path: Path, base: Path, data: dict[str, object], above_start: bool) -> Config:
    """The settings of ``data`` (pyproject.toml's, read from ``path`` in ``base``)."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: `tool` must be a table ([tool.edition] ...), not {tool!r}")
    table = tool.get("edition")
    if table is None:
        _misnamed_table(path, data, tool)
        return Config()
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.edition] must be a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        import difflib

        # each with the known key it most likely means ("max_error" for max-errors)
        meant = [
            (k, difflib.get_close_matches(k.replace("_", "-").lower(), KEYS, 1, 0.6))
            for k in unknown
        ]
        said = ", ".join(f"{k} (did you mean {m[0]}?)" if m else k for k, m in meant)
        raise ConfigError(
            f"{path}: [tool.edition] {said}: unknown key(s); known keys: {', '.join(KEYS)}"
        )
    values: dict[str, object] = {}
    for key, value in table.items():
        name = key.replace("_", "-").replace("-", "_")
        if name in (
            "sources", "out", "schema", "schematron", "guide", "root", "about", "xslt", "templates"
        ):  # fmt: skip
            if not isinstance(value, str):
                raise ConfigError(f"{path}: [tool.edition] {key} must be a path string")
            values[name] = base / value
        elif name == "css":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise ConfigError(
                    f'{path}: [tool.edition] css must be a list of paths, such as ["custom.css"]'
                )
            values[name] = tuple(base / v for v in value)
        elif name == "scheduler":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: [tool.edition] scheduler must be an address string")
            # "" or "none": the local pool, as --scheduler none says (an address set
            # elsewhere, EDITION_SCHEDULER, still comes first)
            values[name] = value.strip()
        elif name == "title":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{path}: [tool.edition] title must be a non-empty string")
            values[name] = value.strip()
        elif name == "language":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: [tool.edition] language must be a string")
            from .i18n import check_language  # the i18n module loads Saxon's wrapper

            try:
                values[name] = check_language(value.strip())
            except ConfigError as exc:  # said of the file it is in (probe 112)
                raise ConfigError(f"{path}: [tool.edition] language: {exc}") from exc
        elif name == "timeout":
            # (nan passed "< 0" and switched the limit off: probe 121)
            if (
                not isinstance(value, int | float)
                or isinstance(value, bool)
                or not math.isfinite(value)
                or value < 0
            ):
                raise ConfigError(f"{path}: [tool.edition] timeout must be seconds >= 0")
            values[name] = float(value)
        elif name == "images":
            if not isinstance(value, str) or not value.strip().startswith(("https://", "http://")):
                raise ConfigError(
                    f"{path}: [tool.edition] images must be an http(s) base URL, "
                    'such as "https://images.example.org/edition/"'
                )
            values[name] = value.strip()
        elif name in ("base_url", "editors", "publisher", "doi", "map_tiles"):
            values[name] = publication_value(path, key, name, value)
        elif name == "epub_facsimiles":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: [tool.edition] epub-facsimiles must be true or false")
            values[name] = value
        else:
            # at least one problem listed, one byte read, as the options say (probe 124:
            # max-errors = 0 listed one problem of the grammar and none of the others)
            least = 1 if name in ("max_errors", "max_bytes") else 0
            if not isinstance(value, int) or isinstance(value, bool) or value < least:
                raise ConfigError(f"{path}: [tool.edition] {key} must be a whole number >= {least}")
            values[name] = value
    if above_start:
        for name in ("sources", "out"):
            values.setdefault(name, base / getattr(Config, name))
    values.update(_own_schemas(base, values))
    values["settings"] = path
    return Config(**values)  # type: ignore[arg-type]


def _own_schemas(base: Path, values: dict[str, object]) -> dict[str, Path]:
    """The edition's ``schema/edition.rng`` and ``.sch`` (``edition new`` copies ours there)
    as the defaults of files without ``<?xml-model?>``, when the settings name none: an
    edition that changed its copy had those files checked against the tool's own (probe 72),
    where the README's table says "the edition's ``schema/edition.rng``". Ours, in this
    project, stays the shipped default."""
    from .paths import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON

    found: dict[str, Path] = {}
    if "schema" in values:
        return found
    for name, shipped in (("schema", DEFAULT_SCHEMA), ("schematron", DEFAULT_SCHEMATRON)):
        own = base / "schema" / shipped.name
        if name not in values and own.is_file() and not _same_file(own, shipped):
            found[name] = own
    return found


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _misnamed_table(path: Path, data: dict[str, object], tool: dict[str, object]) -> None:
    """A table that is meant to be ``[tool.edition]`` and is not (``[tools.edition]``,
    ``[tool.editions]``, ``[tool.Edition]``, ``[edition]``): probe 71, every setting of such
    a file was left out without a word, the site built in English with the text's title."""
    import difflib

    tools = data.get("tools")
    found = None
    # a top-level [edition] (probe 112), as a new user writes it after [project]
    top = [str(k) for k, v in data.items() if isinstance(v, dict) and str(k).lower() == "edition"]
    if top:
        found = top[0]
    elif isinstance(tools, dict) and any(str(k).lower().startswith("edition") for k in tools):
        found = "tools." + next(str(k) for k in tools if str(k).lower().startswith("edition"))
    else:
        near = difflib.get_close_matches("edition", [str(k).lower() for k in tool], 1, 0.8)
        if near:
            found = "tool." + next(str(k) for k in tool if str(k).lower() == near[0])
    if found is not None:
        raise ConfigError(f"{path}: [{found}] is not read: the settings' table is [tool.edition]")


def publication_value(path: Path, key: str, name: str, value: object) -> object:
    """A checked value of the keys that say where and by whom the edition is published."""
    if name == "editors":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(
                f'{path}: [tool.edition] editors must be a list of names, such as ["Ada Byron"]'
            )
        return tuple(" ".join(v.split()) for v in value)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: [tool.edition] {key} must be a non-empty string")
    text = value.strip()
    if name == "base_url":
        if not text.startswith(("https://", "http://")) or any(c in text for c in "?# "):
            raise ConfigError(
                f"{path}: [tool.edition] base-url must be the http(s) address the site is "
                'published at, such as "https://example.org/edition/"'
            )
        return text if text.endswith("/") else text + "/"
    if name == "map_tiles":
        if not text.startswith("https://") or not all(f"{{{k}}}" in text for k in "zxy"):
            raise ConfigError(
                f"{path}: [tool.edition] map-tiles must be an https URL template with {{z}}, "
                '{x} and {y}, such as "https://tile.example.org/{z}/{x}/{y}.png"'
            )
        return text
    if name == "doi":
        doi = text.removeprefix("https://doi.org/").removeprefix("doi:")
        if not doi.startswith("10.") or "/" not in doi:
            raise ConfigError(f'{path}: [tool.edition] doi must be a DOI, such as "10.5281/1234"')
        return doi
    return " ".join(text.split())
