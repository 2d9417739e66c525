"""``edition new``: a new edition's folder, written from the templates in ``scaffold/``.

templates (``scaffold/``, with ``{{title}}``-style placeholders) + the shipped schema
(``schema/edition.rng``, ``schema/edition.sch``) -> a folder that ``make`` checks and builds
at once: ``pyproject.toml`` with ``[tool.edition]``, ``tei/texts/example.xml`` pointing at
one entry of each register in ``tei/registers/``, ``docs/encoding-guide.md``, a
``Makefile``, a README and a GitHub Actions workflow that runs ``edition check``.
Nothing is ever written into a folder that holds anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from xml.sax.saxutils import escape

from .errors import EnvironmentFailure, OptionError
from .io import write_bytes_atomic
from .paths import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, PROJECT_DIR

SCAFFOLD_DIR = PROJECT_DIR / "scaffold"
#: Template files whose names cannot be their own in the repository (a ``.github`` folder
#: would be read by this repository's CI, a ``.gitignore`` by its git).
RENAMED = {"gitignore": ".gitignore", "github": ".github"}
_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


@dataclass(frozen=True)
class Created:
    folder: Path
    files: tuple[Path, ...]  # relative to ``folder``, sorted
    #: What the CI workflow installs (``install_spec``); "" when the editor must say it.
    package: str = ""


def default_title(folder: Path) -> str:
    """A title from the folder's name: ``my-letters`` -> ``My letters``."""
    words = re.sub(r"[-_.]+", " ", folder.resolve().name).strip()
    return (words[:1].upper() + words[1:]) if words else "A digital edition"


def new_edition(folder: Path, title: str | None = None, today: dt.date | None = None) -> Created:
    """Write a new edition into ``folder`` (created when missing).

    Raises ``OptionError`` when ``folder`` is a file or a folder that is not empty, and
    ``EnvironmentFailure`` when the machine refuses a write.
    """
    _refuse_occupied(folder)
    name = (title or "").strip() or default_title(folder)
    values = {
        "title": name,
        "title_xml": escape(name),
        "title_toml": json.dumps(name, ensure_ascii=False),
        "date": (today or dt.date.today()).isoformat(),
        "package": install_spec(),
    }
    written: list[Path] = []
    for template in sorted(p for p in SCAFFOLD_DIR.rglob("*") if p.is_file()):
        relative = _target_name(template.relative_to(SCAFFOLD_DIR))
        text = _fill(template.read_text(encoding="utf-8"), values, template)
        write_bytes_atomic(folder / relative, text.encode("utf-8"))
        written.append(relative)
    for schema in (DEFAULT_SCHEMA, DEFAULT_SCHEMATRON):
        relative = Path("schema") / schema.name
        write_bytes_atomic(folder / relative, schema.read_bytes())
        written.append(relative)
    return Created(folder, tuple(sorted(written)), values["package"])


def install_spec() -> str:
    """What CI should ``pip install`` to get this very tool: the git URL and commit it was
    installed from (PEP 610 ``direct_url.json``), else nothing ("" ): the name ``edition`` on
    PyPI is another project's, so a pinned name would install a stranger's code or fail, and
    a path or wheel on this machine is not on the CI's; the workflow then asks for it."""
    try:
        dist = metadata.distribution("edition")
        raw = json.loads(dist.read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        raw = {}
    vcs = raw.get("vcs_info") if isinstance(raw, dict) else None
    if (
        isinstance(vcs, dict)
        and vcs.get("vcs") == "git"
        # an ssh URL too (a private repository, reached from CI with a deploy key: probe
        # 75); a file:// one names this machine's folder, which no CI can read
        and str(raw.get("url", "")).startswith(("https://", "ssh://"))
    ):
        return f"git+{raw['url']}@{vcs.get('commit_id', '')}".rstrip("@")
    return ""


def _refuse_occupied(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OptionError(f"{folder} is a file: give the name of a new or empty folder")
    if folder.is_dir():
        try:
            with os.scandir(folder) as entries:
                occupied = any(True for _ in entries)
        except OSError as exc:
            raise EnvironmentFailure.of(exc, "read", folder) from exc
        if occupied:
            raise OptionError(
                f"{folder} is not empty: edition new writes only into a new or empty folder, "
                "so that nothing of yours is overwritten"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFailure.of(exc, "create the folder", folder) from exc


def _target_name(relative: Path) -> Path:
    parts = [RENAMED.get(part, part) for part in relative.parts]
    return Path(*parts)


def _fill(text: str, values: dict[str, str], template: Path) -> str:
    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"{template}: unknown placeholder {{{{{key}}}}}")
        return values[key]

    return _PLACEHOLDER.sub(value, text)
