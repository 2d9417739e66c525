"""The ``edition`` command: a thin click layer over ``pipeline.check`` and ``pipeline.build``.

It parses options, renders reports, and picks exit codes (0 clean, 1 problems found, 2 usage
error); the project's own exceptions become ``click.ClickException`` here and nowhere else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from . import config as config_module
from .diagnostics import Report
from .errors import EditionError
from .io import write_text_atomic
from .report import FORMATS, RENDERERS, Baseline

F = TypeVar("F", bound=Callable[..., Any])


class UsageFailure(click.UsageError):
    """A usage error (exit 2) raised from our own checks of option values."""


def _config() -> config_module.Config:
    try:
        return config_module.load()
    except EditionError as exc:
        raise UsageFailure(str(exc)) from exc


def paths_argument(func: F) -> F:
    return click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))(func)


def jobs_option(func: F) -> F:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=None,
        help="Worker processes (default: [tool.edition] jobs, 0 = one per core).",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
def cli() -> None:
    """Validate TEI files and publish them as an HTML edition, EPUB books and an index."""


@cli.command()
@paths_argument
@click.option(
    "--schema",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="RELAX NG schema (XML syntax) for every file, instead of each file's xml-model.",
)
@click.option(
    "--schematron",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="ISO Schematron schema for every file (default: the xml-model's, or the one "
    "embedded in the RELAX NG schema).",
)
@click.option("--phase", default=None, help="Schematron phase to run (default: #ALL).")
@click.option(
    "--checks",
    default="rng,schematron,refs",
    show_default=True,
    help="Comma-separated checks to run: rng, schematron, refs.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Known problems file: created when missing; later runs fail only on new problems.",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Rewrite the --baseline file with today's problems.",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    default=None,
    help="Most RELAX NG errors reported per file (default 100).",
)
@jobs_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line (text format).")
def check(
    paths: tuple[Path, ...],
    schema: Path | None,
    schematron: Path | None,
    phase: str | None,
    checks: str,
    output_format: str,
    output: Path | None,
    baseline: Path | None,
    update_baseline: bool,
    max_errors: int | None,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Validate TEI files: well-formedness, RELAX NG, Schematron and references.

    PATHS are files or folders (searched for *.xml); default: the edition's tei/ folder.
    Prints one line per problem, `path:line:col: severity: message [code]`, then a summary.
    Exits 0 when there is no error, 1 when there is one, 2 on a usage error.
    """
    from .check import CHECKS, CheckOptions
    from .check import check as run_check

    cfg = _config()
    wanted = frozenset(c.strip() for c in checks.split(",") if c.strip())
    unknown = wanted - set(CHECKS)
    if unknown or not wanted:
        raise UsageFailure(
            f"--checks takes a comma-separated subset of {', '.join(CHECKS)}, not {checks!r}"
        )
    if update_baseline and baseline is None:
        raise UsageFailure("--update-baseline needs --baseline FILE")
    options = CheckOptions(
        checks=wanted,
        schema=schema,
        schematron=schematron,
        phase=phase,
        max_errors=max_errors or cfg.max_errors,
        jobs=_workers(jobs, cfg),
        max_bytes=cfg.max_bytes,
        **_default_schemas(cfg),
    )
    targets = list(paths) or [cfg.sources]
    try:
        with _progress(len(targets)) as advance:
            report = run_check(targets, options, advance)
    except EditionError as exc:
        raise UsageFailure(str(exc)) from exc
    known = 0
    if baseline is not None:
        if update_baseline or not baseline.exists():
            write_text_atomic(baseline, Baseline.from_report(report).dumps())
            click.echo(
                f"baseline: recorded {len(report.diagnostics)} problems in {baseline}", err=True
            )
        report, known = Baseline.load(baseline).filter(report)
    rendered = _render(report, output_format, known, quiet)
    if output is not None:
        write_text_atomic(output, rendered)
        if output_format != "text":
            click.echo(_summary(report, known), err=True)
    else:
        click.echo(rendered, nl=False)
    sys.exit(1 if report.errors else 0)


def _render(report: Report, output_format: str, known: int, quiet: bool) -> str:
    if output_format == "text" and quiet:
        return _summary(report, known) + "\n"
    return RENDERERS[output_format](report, known)


def _summary(report: Report, known: int) -> str:
    from .report import summary_line

    return summary_line(report, known)


def _default_schemas(cfg: config_module.Config) -> dict[str, Path | None]:
    extra: dict[str, Path | None] = {}
    if cfg.schema is not None:
        extra["default_schema"] = cfg.schema
    if cfg.schematron is not None:
        extra["default_schematron"] = cfg.schematron
    return extra


def _workers(jobs: int | None, cfg: config_module.Config) -> int:
    if jobs is None:
        return cfg.workers
    return jobs if jobs > 0 else config_module.Config(jobs=0).workers


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=0, label="checking", file=sys.stderr) as bar:

        def advance(step: int) -> None:
            bar.length = max(bar.length or 0, bar.pos + step)
            bar.update(step)

        yield advance


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


@contextmanager
def _steps(total: int) -> Iterator[Callable[[str], None] | None]:
    """A progress bar over the build's steps on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=total, label="building", file=sys.stderr) as bar:
        started = False

        def advance(name: str) -> None:
            nonlocal started
            if started:
                bar.update(1)
            started = True
            bar.label = f"building: {name}"

        yield advance


@cli.command()
@paths_argument
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: [tool.edition] out, i.e. dist/).",
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(["html", "epub", "index"]),
    help="Build only this output (repeatable); its prerequisites still run.",
)
@click.option(
    "--guide",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Encoding guide (Markdown) to publish as guide.html (default: [tool.edition] guide "
    "for the configured sources).",
)
@click.option(
    "--about",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="The edition's introduction on the home page (Markdown .md or TEI .xml; default: "
    "[tool.edition] about for the configured sources).",
)
@click.option(
    "--title",
    default=None,
    help="Title of the edition (default: [tool.edition] title for the configured sources, "
    "else the title of a single text).",
)
@jobs_option
def build(
    paths: tuple[Path, ...],
    out: Path | None,
    only: tuple[str, ...],
    guide: Path | None,
    about: Path | None,
    title: str | None,
    jobs: int | None,
) -> None:
    """Build the HTML edition, the EPUB books and the index of names from TEI files.

    PATHS are files or folders (default: the edition's tei/ folder). Outputs go to
    OUT/html/, OUT/epub/<stem>.epub and OUT/index/; each output replaces the previous one
    only when it was built without error. Exits 1 when a file or an output failed.
    """
    from .build import build as run_build
    from .build import selected_builders

    cfg = _config()
    targets = list(paths) or [cfg.sources]
    # The configured title, guide and introduction belong to the configured sources only.
    own = all(_inside(path, cfg.sources) for path in targets)
    steps = 1 + len(selected_builders(only or None))
    try:
        with _steps(steps) as advance:
            report = run_build(
                targets,
                out or cfg.out,
                only=only or None,
                jobs=_workers(jobs, cfg),
                progress=advance,
                guide=guide or (cfg.guide if own else None),
                about=about or (cfg.about if own else None),
                title=title or (cfg.title if own else None),
                language=cfg.language,
            )
    except EditionError as exc:
        raise click.ClickException(str(exc)) from exc
    from .report import format_line

    for diagnostic in report.sorted():
        click.echo(format_line(diagnostic), err=True)
    built = ", ".join(only) if only else "html, epub, index"
    click.echo(
        f"build: {len(report.files)} files, {report.errors} errors, {report.warnings} warnings "
        f"({built}) into {out or cfg.out} in {report.seconds:.2f} s",
        err=True,
    )
    sys.exit(1 if report.errors else 0)


@cli.command()
@paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Summary format.",
)
def index(paths: tuple[Path, ...], output_format: str) -> None:
    """Summarise the named entities of TEI files: entities by type, mentions, unresolved.

    Problems (unresolved @ref, names without @ref, unused register entries) are listed in
    the check format. Exits 1 when a reference does not resolve.
    """
    from . import index_report

    cfg = _config()
    targets = list(paths) or [cfg.sources]
    try:
        summary = index_report.summarize(targets)
    except EditionError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(summary.as_json() if output_format == "json" else summary.as_table(), nl=False)
    sys.exit(1 if summary.has_errors else 0)


def main() -> None:
    cli(prog_name="edition")


if __name__ == "__main__":  # pragma: no cover
    main()
