"""The editor's commands: ``edition serve``, ``edition new`` and ``edition lsp``.

A thin click layer like ``pipeline.cli`` (whose helpers it shares, and whose group adds these
commands): options in, ``pipeline.serve``, ``pipeline.scaffold`` and ``pipeline.lsp`` do the
work, the terminal and the exit status are decided here.
"""

from __future__ import annotations

import shlex
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import config as config_module
from . import signals
from .cli import (
    NamedPath,
    UsageFailure,
    _boundary,
    _inside,
    _root,
    _timeout,
    _workers,
    jobs_option,
    paths_argument,
    root_option,
)
from .errors import EditionError, Interrupted

if TYPE_CHECKING:
    from .serve.state import LiveState


@click.command()
@paths_argument
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback exposes the site and your sources' "
    "diagnostics to the network (a warning says so).",
)
@click.option(
    "--out",
    type=NamedPath(path_type=Path, file_okay=False),
    default=None,
    help="Output folder, as for build (default: [tool.edition] out, i.e. dist/).",
)
@click.option(
    "--only",
    multiple=True,
    type=click.Choice(["html", "epub", "index"]),
    help="Rebuild only this output (repeatable); its prerequisites still run.",
)
@root_option
@jobs_option
def serve(
    paths: tuple[Path, ...],
    port: int,
    host: str,
    out: Path | None,
    only: tuple[str, ...],
    root: Path | None,
    jobs: int | None,
    timeout: float | None,
) -> None:
    """Build, serve the site at http://127.0.0.1:8000/, and rebuild on every save.

    PATHS are files or folders (default: the edition's tei/ folder), built into OUT as
    `edition build` does. The sources, registers, schemas, pyproject.toml, the encoding
    guide and the introduction are watched; a save rebuilds the edition, checks the
    changed files and reloads the open pages, which show the diagnostics in a panel (and
    the terminal prints them).
    Ctrl-C stops the server.
    """
    from .check import CheckOptions
    from .paths import DEFAULT_SCHEMA
    from .serve.http import EditionServer, is_loopback
    from .serve.session import ServeOptions, Session, watch_set
    from .serve.state import LiveState
    from .serve.watch import Watcher

    config_file = config_module.settings_file().resolve()

    def settings() -> ServeOptions:
        cfg = config_module.load_nearest()  # ConfigError when pyproject.toml is wrong
        from . import customise

        targets = tuple(paths) or (cfg.sources,)
        own = all(_inside(path, cfg.sources) for path in targets)
        workers = _workers(jobs, cfg)
        return ServeOptions(
            targets=targets,
            out=out or cfg.out,
            only=only or None,
            jobs=workers,
            # as `edition build` has them (probe 112: the introduction was left out, and the
            # preview's home page, written over the published one, had none)
            guide=cfg.published("guide", cfg.guide) if own else None,
            about=cfg.published("about", cfg.about) if own else None,
            title=cfg.title if own else None,
            language=cfg.language,
            timeout=_timeout(timeout, cfg),
            max_bytes=cfg.max_bytes,
            root=_root(cfg, root),
            images=cfg.images,
            epub_facsimiles=cfg.epub_facsimiles,
            publication=cfg.publication,
            page_size=cfg.page_size,
            check=CheckOptions(
                max_errors=cfg.max_errors,
                jobs=workers,
                max_bytes=cfg.max_bytes,
                timeout=_timeout(timeout, cfg),
                root=_root(cfg, root),
                default_schema=cfg.schema or DEFAULT_SCHEMA,
                default_schematron=cfg.default_rules,
            ),
            config_file=config_file if config_file.is_file() else None,
            customisation=customise.load(cfg) if _css_inside(cfg) else None,
        )

    try:
        options = settings()
    except EditionError as exc:
        raise UsageFailure(str(exc)) from exc
    with _boundary():
        _usable_out(options.targets, options.out)
    if not is_loopback(host):
        click.echo(
            f"edition: warning: --host {host} is not loopback: anyone who can reach this "
            "machine can read the site, the diagnostics and the sources they name [serve.exposed]",
            err=True,
        )
    state = LiveState()
    try:
        server = EditionServer(host, port, options.out, state)
    except OSError as exc:
        raise UsageFailure(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port"
        ) from exc
    threading.Thread(target=server.serve_forever, daemon=True, name="http").start()
    click.echo(f"serve: {server.url} (Ctrl-C stops)")
    watcher = Watcher(watch_set(options))
    watcher.start()

    def echo(line: str, diagnostic: bool) -> None:
        click.echo(line, err=diagnostic)

    def ready() -> None:
        watched = watcher.watched
        folders, files = len(watched.folders), len(watched.files)
        click.echo(
            f"serve: watching {folders} folder{'s' * (folders != 1)} and "
            f"{files} file{'s' * (files != 1)}"
        )

    session = Session(options, state, echo, settings)
    with _stopped_by_signals(state):
        try:
            session.run(watcher, ready)
        finally:
            state.stop()
            watcher.stop()
            server.shutdown()
            server.server_close()


def _css_inside(cfg: config_module.Config) -> bool:
    """Whether the configured CSS lies in the project (``ConfigError`` else), as the build
    asks it."""
    for sheet in cfg.css:
        cfg.published("css", sheet)
    return True


def _usable_out(targets: tuple[Path, ...], out: Path) -> None:
    """Refuse at once (exit 2) an output folder the build would refuse at each save."""
    from .build import check_out
    from .publish import OutputFolder

    check_out(targets, out)
    OutputFolder(out).check_ownership()


@contextmanager
def _stopped_by_signals(state: LiveState) -> Iterator[None]:
    """Ctrl-C and SIGTERM stop the server as they stop ``edition build``: a build under way
    is abandoned (nothing of it is published, the last good edition stays), one line says
    so, and the status is 130 (SIGINT) or 143 (SIGTERM)."""
    previous = {s: signal.getsignal(s) for s in signals.SIGNALS}
    signals.reset()
    for signum in previous:
        signal.signal(signum, signals.handler)
    try:
        yield
    except (Interrupted, KeyboardInterrupt) as exc:
        status = exc.status if isinstance(exc, Interrupted) else 130
        what = (
            "the build under way was abandoned: nothing of it was published"
            if state.snapshot.building
            else "the last published edition stays"
        )
        click.echo(f"interrupted while serving: {what}", err=True)
        sys.exit(status)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--title",
    default=None,
    help="The edition's title (default: from the folder's name).",
)
def new(folder: Path, title: str | None) -> None:
    """Start a new edition in DIR: settings, an example text, registers, schema, Makefile.

    DIR must be new or empty (exit 2 otherwise). The edition builds at once: `cd DIR &&
    make` checks it and builds dist/; `make serve` previews it as you edit.
    """
    from .scaffold import new_edition

    with _boundary():
        created = new_edition(folder, title)
    for path in created.files:
        click.echo(f"  {folder / path}")
    click.echo(
        f"new: {len(created.files)} files in {folder}; next: cd {shlex.quote(str(folder))} && make "
        "(check and build), make serve (live preview)"
    )
    if not created.package:
        click.echo(
            "note: this edition tool was not installed from a git URL a CI machine can reach "
            "(https:// or ssh://; a path or file:// URL names this machine's files), so the CI "
            "workflow cannot name it: set EDITION_PACKAGE in .github/workflows/check.yml (the "
            'name "edition" on PyPI is another project)',
            err=True,
        )


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the only way; accepted because editors pass it).",
)
def lsp(stdio: bool) -> None:
    """Run the language server for TEI files over standard input and output.

    Editors start it (see docs/editors.md): diagnostics as `edition check` reports them,
    completion of register ids, element and attribute names and values, hover, go to
    definition and find references of register entries.
    """
    from .lsp.server import run

    run()
