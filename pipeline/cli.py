"""The ``edition`` command: a thin click layer over ``pipeline.check`` and ``pipeline.build``.

It parses options, renders reports, and picks exit codes (0 clean, 1 problems found, 2 usage
error); the project's own exceptions become ``click.ClickException`` here and nowhere else.
"""

from __future__ import annotations

if __name__ == "__main__":
    # Run as `python -m pipeline.cli` rather than by the console script (entry.py), Ctrl-C in
    # the few tenths of a second the imports below take ended in a traceback (probe 166):
    # the console script's early handling comes first here too.
    from .entry import early_signals

    early_signals()

import contextlib
import gc
import math
import os
import re
import select
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__, signals
from . import config as config_module
from . import diagnostics as diag
from .diagnostics import Report
from .errors import (
    BuildLocked,
    ClusterError,
    EditionError,
    EnvironmentFailure,
    Interrupted,
    OptionError,
)
from .io import atomic_text_writer, sweep_leftovers, write_text_atomic
from .paths import DEFAULT_SCHEMA, display, is_dir, resolved
from .report import FORMATS, RENDERERS, Baseline, counted, shown

if TYPE_CHECKING:
    from .customise import Customisation

F = TypeVar("F", bound=Callable[..., Any])


class UsageFailure(click.UsageError):
    """A usage error (exit 2) raised from our own checks of option values."""


class SettingsFailure(click.ClickException):
    """A wrong ``[tool.edition]``, or a Dask cluster that cannot do the work (exit 2): its
    file and key, or the cluster's address, without the command's usage line, which pointed
    at options the user had not typed (or had typed right)."""

    exit_code = 2


class MachineFailure(click.ClickException):
    """An operating-system failure: one line in the diagnostics format, exit 1."""

    def __init__(self, failure: EnvironmentFailure) -> None:
        super().__init__(failure.message)
        self.failure = failure

    def show(self, file: Any = None) -> None:
        f = self.failure
        # one line, as a problem matcher reads it: `--out` may hold a newline
        click.echo(f"{shown(f.path)}: error: {f.message} [{f.code}]", err=True)


@contextmanager
def _boundary() -> Iterator[None]:
    """The one place where the library's exceptions become messages and exit statuses."""
    try:
        yield
    except ClusterError as exc:  # no usage: the options were right, the cluster is not
        raise SettingsFailure(str(exc)) from exc
    except OptionError as exc:
        raise UsageFailure(str(exc)) from exc
    except EnvironmentFailure as exc:
        raise MachineFailure(exc) from exc
    except BuildLocked as exc:  # one line in the diagnostics' form, like any refusal
        raise MachineFailure(
            EnvironmentFailure(exc.path or "-", "build.locked", exc.message)
        ) from exc
    except EditionError as exc:
        raise click.ClickException(str(exc)) from exc
    except BrokenPipeError as exc:
        if not _stdout_closed():
            raise MachineFailure(EnvironmentFailure.of(exc, "use", exc.filename)) from exc
        # The reader of the report went away (`edition check | head`): nothing is wrong to
        # tell it; "-: error: cannot use: broken pipe; run again" was printed. Status 1, as
        # click's own handler gives when the pipe breaks at its last flush.
        raise click.exceptions.Exit(1) from exc
    except OSError as exc:  # a call the library did not wrap: still the machine, not a bug
        raise MachineFailure(EnvironmentFailure.of(exc, "use", exc.filename)) from exc


class _Seconds(click.FloatRange):
    """Seconds >= 0, a number: "nan" passed click's range and switched the limit off
    (probe 121), "inf" is no number of seconds either (0 is no limit)."""

    name = "seconds"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is no number of seconds (0 = no limit)", param, ctx)
        return float(number)


_SECONDS = _Seconds(min=0)


def _stdout_closed() -> bool:
    """Whether standard output is a pipe nobody reads any more (its write end polls as an
    error, not a pipe Pagefind or a worker broke); if so it is pointed at /dev/null, so that
    the interpreter's last flush at exit does not fail again."""
    try:
        fd = sys.stdout.fileno()
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        closed = any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError, AttributeError):  # no file descriptor (a test's runner)
        return False
    if closed:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
    return closed


def _config(paths: tuple[Path, ...] = ()) -> config_module.Config:
    """The settings of the edition the command runs in; when neither the working directory
    nor a folder above it has ``[tool.edition]``, those of the edition the PATHS lie in
    (probe 73: `cd / && edition build /srv/ed/tei` published another site than the same
    command run in /srv/ed: the configured title and guide were left out without a word)."""
    try:
        if paths and config_module.edition_folder(Path.cwd().absolute()) is None:
            for path in paths:
                start = path.absolute()
                folder = config_module.edition_folder(start if is_dir(start) else start.parent)
                if folder is not None:
                    return config_module.load(folder, above_start=True)
        return config_module.load_nearest()
    except EditionError as exc:
        raise SettingsFailure(str(exc)) from exc


def _customisation(cfg: config_module.Config) -> Customisation | None:
    """The edition's customisation (``[tool.edition] xslt``, ``templates``, ``css``); a file
    it names that does not exist, or CSS (published as it is) outside the project, is a
    usage error (exit 2)."""
    from . import customise

    try:
        for sheet in cfg.css:
            cfg.published("css", sheet)
        return customise.load(cfg)
    except EditionError as exc:
        raise UsageFailure(str(exc)) from exc


def _root(cfg: config_module.Config, given: Path | None) -> Path | None:
    """``--root``, else the settings' root, which must be a folder (exit 2 else)."""
    try:
        return cfg.corpus_root(given)
    except EditionError as exc:
        raise SettingsFailure(str(exc)) from exc


def _published(cfg: config_module.Config, key: str, named: Path | None) -> Path | None:
    """A configured file the build publishes, when it lies in the project (a usage error,
    exit 2, else): asked only by the commands that publish it."""
    try:
        return cfg.published(key, named)
    except EditionError as exc:
        raise SettingsFailure(str(exc)) from exc


class NamedPath(click.Path):
    """A path that must be named: an empty value (``--out ""``, often an unset shell
    variable) is a usage error, not the working directory that ``Path("")`` would be."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            example = "dist" if param is not None and param.name == "out" else "tei"
            self.fail(f"the path is empty (an unset variable?): name one, such as {example}")
        return super().convert(value, param, ctx)


def paths_argument(func: F) -> F:
    # (readable=False: a file that cannot be read is the gate's gate.unreadable, one problem
    # of the run, as inside a folder; click's own test stopped the whole run, exit 2, the
    # other files unchecked: probe 153)
    return click.argument(
        "paths", nargs=-1, type=NamedPath(path_type=Path, exists=False, readable=False)
    )(func)


def root_option(func: F) -> F:
    return click.option(
        "--root",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        help="Corpus root: xi:include reads only files inside it (default: [tool.edition] "
        "root, else the folder of the nearest pyproject.toml above the PATHS, else the "
        "working directory when it holds every PATH, else their common parent).",
    )(func)


def jobs_option(func: F) -> F:
    func = click.option(
        "--timeout",
        type=_SECONDS,
        default=None,
        help="Seconds one file may take before it is stopped and reported (default: "
        "[tool.edition] timeout, 60; 0 = no limit).",
    )(func)
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=None,
        help="Worker processes (default: [tool.edition] jobs, 0 = one per core; never more "
        "than the cores).",
    )(func)


def scheduler_option(func: F) -> F:
    return click.option(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Run the per-file work on a Dask cluster: a scheduler address "
        "(tcp://host:8786), or local:N for N local worker processes; none: the local pool "
        "(default: EDITION_SCHEDULER, else [tool.edition] scheduler). Needs edition[dask]; "
        "see docs/scaling.md.",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="edition")
def cli() -> None:
    """Validate TEI files and publish them as an HTML edition, EPUB books and an index.

    Guides, in the docs/ folder of this program's source repository (not installed with
    it): docs/schema.md (the edition's schema and rules), docs/scaling.md (large corpora,
    --stream, Dask), docs/editors.md (the language server in VS Code, Emacs and Neovim).
    """


@cli.command()
@paths_argument
@click.option(
    "--schema",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="RELAX NG schema (XML syntax) for every file, instead of each file's xml-model "
    "(the edition's own schema and rules: docs/schema.md).",
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
    help="Most problems of each kind (RELAX NG, Schematron, references) reported per file "
    "(default 100).",
)
@click.option(
    "--stream",
    is_flag=True,
    help="Text format: write each file's problems as soon as it is checked (in file order), "
    "reference problems after the last file, then the totals. JSON Lines always streams. "
    "Not with --baseline, which needs the whole report.",
)
@scheduler_option
@root_option
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
    root: Path | None,
    jobs: int | None,
    timeout: float | None,
    quiet: bool,
    stream: bool,
    scheduler: str | None,
) -> None:
    """Validate TEI files: well-formedness, RELAX NG, Schematron and references.

    PATHS are files or folders (searched for *.xml); default: the edition's tei/ folder.
    Prints one line per problem, `path:line:col: severity: message [code]`, then a summary.
    Exits 0 when there is no error, 1 when there is one, 2 on a usage error.
    """
    from .check import CHECKS, CheckOptions
    from .check import check as run_check

    cfg = _config(paths)
    wanted = frozenset(c.strip() for c in checks.split(",") if c.strip())
    unknown = wanted - set(CHECKS)
    if unknown or not wanted:
        raise UsageFailure(
            f"--checks takes a comma-separated subset of {', '.join(CHECKS)}, not {checks!r}"
        )
    if update_baseline and baseline is None:
        raise UsageFailure("--update-baseline needs --baseline FILE")
    targets = list(paths) or [cfg.sources]
    _writable_report("--output", output, targets)
    _writable_report("--baseline", baseline, targets)
    if output is not None and baseline is not None and resolved(output) == resolved(baseline):
        # (probe 119: the report written over the baseline just recorded, which the next
        # run could not read)
        raise UsageFailure(f"--output and --baseline are one file, {output}: give two")
    configured_schemas(cfg, schema, schematron)
    options = CheckOptions(
        checks=wanted,
        schema=schema,
        schematron=schematron,
        phase=phase,
        max_errors=max_errors or cfg.max_errors,
        jobs=_workers(jobs, cfg),
        max_bytes=cfg.max_bytes,
        timeout=_timeout(timeout, cfg),
        root=_root(cfg, root),
        default_schema=cfg.schema or DEFAULT_SCHEMA,
        default_schematron=cfg.default_rules,
        scheduler=_scheduler(scheduler, cfg),
    )
    if stream and output_format not in ("text", "jsonl"):
        raise UsageFailure("--stream writes the text or jsonl format, not " + output_format)
    if stream and baseline is not None:
        raise UsageFailure("--stream cannot be used with --baseline: it needs the whole report")
    streaming = baseline is None and (output_format == "jsonl" or (stream and not quiet))
    if streaming:
        with _boundary(), _named_scheduler(scheduler):
            status = _streamed_check(targets, options, output_format, output)
        sys.exit(status)
    with _boundary(), _named_scheduler(scheduler):
        known_problems = _baseline(baseline) if baseline and not update_baseline else None
        with _progress(len(targets)) as advance, _interrupts("checking"):
            report = run_check(targets, options, advance)
        known = 0
        if baseline is not None:
            if known_problems is None:
                write_text_atomic(baseline, Baseline.from_report(report).dumps(baseline))
                click.echo(
                    f"baseline: recorded {counted(len(report.diagnostics), 'problem')} in "
                    f"{baseline}",
                    err=True,
                )
                known_problems = Baseline.from_report(report)
            report, known = known_problems.filter(report)
        rendered = _render(report, output_format, known, quiet)
        if output is not None:
            write_text_atomic(output, rendered)
            if output_format != "text":
                click.echo(_summary(report, known), err=True)
        else:
            click.echo(rendered, nl=False)
    sys.exit(1 if report.errors else 0)


def _streamed_check(
    targets: list[Path], options: Any, output_format: str, output: Path | None
) -> int:
    """``check`` with its report written as files finish; the exit status."""
    from .check import check as run_check
    from .report import StreamWriter

    with contextlib.ExitStack() as stack:
        if output is not None:
            sweep_leftovers(output)
        out = stack.enter_context(atomic_text_writer(output)) if output else sys.stdout
        writer = StreamWriter(out, output_format)
        shown = writer if output is None else None  # a file is published whole or not at all
        with _progress(len(targets)) as advance, _interrupts("checking", shown):
            report = run_check(targets, options, advance, writer)
        writer.finish(report)
    if output is not None:
        click.echo(_summary(report, 0), err=True)
    return 1 if report.errors else 0


def _scheduler(option: str | None, cfg: config_module.Config) -> str | None:
    """--scheduler, else EDITION_SCHEDULER, else the configuration; "" or "none": the local
    pool (``--scheduler ""`` too, over an address set in the environment or the file)."""
    for value in (option, os.environ.get("EDITION_SCHEDULER"), cfg.scheduler):
        if value is not None:
            address = value.strip()
            return None if address.lower() in ("", "none") else _local_cores(address)
    return None


def _local_cores(address: str) -> str:
    """``local:N`` with N above the machine's cores runs as many workers as cores, with the
    warning ``--jobs`` gives (probe 55: ``local:3`` on two cores ran three, silently)."""
    count = address.partition(":")[2] if address.startswith("local:") else ""
    cores = os.cpu_count() or 1
    if not count.isdigit() or int(count) <= cores:
        return address
    click.echo(
        f"edition: warning: {address} asks for {count} worker processes, but this machine has "
        f"{cores} cores: using local:{cores} [cli.jobs]",
        err=True,
    )
    return f"local:{cores}"


def _scheduler_source(option: str | None) -> str:
    """Where the scheduler's address came from, for a message about it."""
    if option is not None:
        return "--scheduler"
    if os.environ.get("EDITION_SCHEDULER") is not None:
        return "EDITION_SCHEDULER"
    return "[tool.edition] scheduler in pyproject.toml"


@contextmanager
def _named_scheduler(option: str | None) -> Iterator[None]:
    """A cluster that cannot do the work, said with where its address came from when that
    was not the command line (an address left in the environment or the file surprises)."""
    try:
        yield
    except ClusterError as exc:
        source = _scheduler_source(option)
        if source == "--scheduler":
            raise
        raise ClusterError(f"{exc} (the address comes from {source})") from exc


def _baseline(path: Path) -> Baseline | None:
    """The known problems, or None when the file does not exist yet (it is then recorded)."""
    if not path.exists():
        return None
    try:
        return Baseline.load(path)
    except EnvironmentFailure:
        raise
    except EditionError as exc:
        raise UsageFailure(
            f"{exc}; fix it, delete it, or rewrite it with --update-baseline"
        ) from exc


def configured_schemas(
    cfg: config_module.Config, schema: Path | None, schematron: Path | None
) -> None:
    """Refuse a ``[tool.edition] schema`` or ``schematron`` that does not exist, and is not
    overridden on the command line, before any file is read: it was told only by the files
    without an ``<?xml-model?>``, at each of them and without naming the settings, and not
    at all when every file named its own (probe 112). The build does not read them."""
    for key, given, configured in (("schema", schema, cfg.schema),
                                   ("schematron", schematron, cfg.schematron)):  # fmt: skip
        if given is None and configured is not None and not configured.is_file():
            raise UsageFailure(f"[tool.edition] {key}: {display(configured)} does not exist")


def _writable_report(option: str, path: Path | None, targets: list[Path]) -> None:
    """Refuse a report or baseline path that is a folder or one of the files being checked."""
    if path is None:
        return
    if str(path) in ("", ".") or path.is_dir():
        raise UsageFailure(f"{option} {str(path)!r}: is a folder; give a file name")
    from .gate import discover

    # Only files of the same name can be it (a corpus may hold 100,000 files).
    checked = {resolved(p) for p in discover(targets)[0] if p.name == path.name}
    if resolved(path) in checked:
        raise UsageFailure(
            f"{option} {path} is one of the files being checked; it would be overwritten: "
            "choose another file"
        )
    # what the run reads besides (a register beside the texts, the settings) and any other
    # TEI file: a report written over it destroys it (probe 119: -o tei/registers/persons.xml
    # and --update-baseline onto it, exit 0, every name of the texts dangling after)
    if path.is_file() and (path.name == "pyproject.toml" or _holds_tei(path)):
        what = "a settings file" if path.name == "pyproject.toml" else "a TEI file"
        raise UsageFailure(
            f"{option} {path} is {what}; it would be overwritten: choose another file"
        )
    # a report named *.xml inside a folder being checked (JUnit) is read as TEI by the next
    # check of that folder
    if path.suffix.lower() == ".xml":
        where = resolved(path).parent
        for target in targets:
            folder = target.resolve()
            if target.is_dir() and (where == folder or folder in where.parents):
                raise UsageFailure(
                    f"{option} {path} is inside {target}, which is being checked: the next "
                    "check would read the report as a TEI file; write it outside the folders "
                    "checked"
                )


#: The root of a TEI document, after what may come before it (a declaration, instructions,
#: comments, a DOCTYPE), in its first bytes.
_TEI_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*"
    rb"<(?:[\w.-]+:)?(?:TEI|teiCorpus|TEI\.2)[\s>/]",
    re.S,
)


def _holds_tei(path: Path) -> bool:
    """Whether the file begins as a TEI document (UTF-8 or UTF-16)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    return _TEI_ROOT.match(head) is not None


def _render(report: Report, output_format: str, known: int, quiet: bool) -> str:
    if output_format == "text" and quiet:
        return _summary(report, known) + "\n"
    return RENDERERS[output_format](report, known)


def _summary(report: Report, known: int) -> str:
    from .report import summary_line

    return summary_line(report, known)


def _workers(jobs: int | None, cfg: config_module.Config) -> int:
    """Worker processes: asked for (or configured), never more than the machine's cores."""
    cores = os.cpu_count() or 1
    asked = cfg.jobs if jobs is None else jobs
    if asked > cores:
        click.echo(
            f"edition: warning: {asked} jobs asked for, but this machine has {cores} cores: "
            f"using {cores} [cli.jobs]",
            err=True,
        )
    return min(asked, cores) if asked > 0 else cores


def _timeout(timeout: float | None, cfg: config_module.Config) -> float | None:
    value = cfg.timeout if timeout is None else timeout
    return value if value > 0 else None


@contextmanager
def _interrupts(doing: str, report: Any = None) -> Iterator[None]:
    """Ctrl-C and SIGTERM end the command with one line and exit 130 or 143. ``report``: a
    streamed report (its ``written`` says whether part of it is already out)."""
    previous = {s: signal.getsignal(s) for s in signals.SIGNALS}
    main_thread = _in_main_thread()
    if main_thread:
        for signum in previous:
            signal.signal(signum, signals.handler)
    try:
        # a signal whose exception was dropped before this (in a fork's hook as the command
        # set out) ends it now: it was forgotten here, and a SIGTERM half a second into a
        # build let it publish and exit 0 (probe 173)
        signals.check()
        yield
    except Interrupted as exc:
        what = (
            "the new edition had already been published"
            if exc.published
            else ("nothing was published" if doing == "building" else "no report was written")
        )
        if report is not None and report.written:
            what = "the report above is incomplete"
        click.echo(f"interrupted while {doing}: {what}", err=True)
        signals.reset()  # told: a caller in this process (a test, serve) starts afresh
        sys.exit(exc.status)
    except KeyboardInterrupt:
        click.echo(f"interrupted while {doing}", err=True)
        signals.reset()
        sys.exit(130)
    finally:
        if main_thread:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


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
        resolved(path).relative_to(resolved(folder))
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
    type=NamedPath(path_type=Path, file_okay=False),
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
@root_option
@click.option(
    "--clean",
    is_flag=True,
    help="Build every page and book again, reusing none the last build made (a text that "
    "fails still keeps its published version, and files you put into the outputs are kept).",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    default=None,
    help="Most problems of one kind listed per file (default: [tool.edition] max-errors, "
    "100); the rest are counted in one line.",
)
@scheduler_option
@jobs_option
def build(
    paths: tuple[Path, ...],
    out: Path | None,
    only: tuple[str, ...],
    guide: Path | None,
    about: Path | None,
    title: str | None,
    root: Path | None,
    clean: bool,
    max_errors: int | None,
    scheduler: str | None,
    jobs: int | None,
    timeout: float | None,
) -> None:
    """Build the HTML edition, the EPUB books and the index of names from TEI files.

    PATHS are files or folders (default: the edition's tei/ folder). Outputs go to
    OUT/html/, OUT/epub/<stem>.epub and OUT/index/; each output replaces the previous one
    only when it was built without error. Exits 1 when a file or an output failed.
    """
    from .build import build as run_build

    cfg = _config(paths)
    custom = _customisation(cfg)
    targets = list(paths) or [cfg.sources]
    # The configured title, guide and introduction belong to the configured sources only.
    own = all(_inside(path, cfg.sources) for path in targets)
    steps = 3  # read, texts, site (pipeline.build)
    with (
        _boundary(),
        _named_scheduler(scheduler),
        _steps(steps) as advance,
        _interrupts("building"),
    ):
        report = run_build(
            targets,
            out or cfg.out,
            only=only or None,
            jobs=_workers(jobs, cfg),
            progress=advance,
            guide=guide or (_published(cfg, "guide", cfg.guide) if own else None),
            about=about or (_published(cfg, "about", cfg.about) if own else None),
            title=title or (cfg.title if own else None),
            language=cfg.language,
            timeout=_timeout(timeout, cfg),
            max_bytes=cfg.max_bytes,
            root=_root(cfg, root),
            images=cfg.images,
            epub_facsimiles=cfg.epub_facsimiles,
            publication=cfg.publication,
            page_size=cfg.page_size,
            clean=clean,
            customisation=custom,
            scheduler=_scheduler(scheduler, cfg),
            once=True,
        )
    from .report import counted, format_line, listed

    for diagnostic in listed(report.sorted(), max_errors or cfg.max_errors):
        click.echo(format_line(diagnostic), err=True)
    built = ", ".join(only) if only else "html, epub, index"
    counts = [counted(len(report.files), "file"), counted(report.errors, "error")]
    click.echo(
        f"build: {', '.join(counts)}, {counted(report.warnings, 'warning')} "
        f"({built}) into {shown(str(out or cfg.out))} in {report.seconds:.2f} s"
        + (
            f" (search index {report.timings['search']:.2f} s)"
            if "search" in report.timings
            else ""
        )
        + _what_published(report),
        err=True,
    )
    sys.exit(1 if report.errors else 0)


def _what_published(report: Report) -> str:
    """What the build published, for its summary line: the errors alone did not tell 41
    files left out from 41 published with errors (probe 163)."""
    left = f", {counted(len(report.left_out), 'file')} left out" if report.left_out else ""
    if report.published is None:
        return "; nothing published"
    return f"; {counted(report.published, 'text')} published{left}"


@cli.command()
@click.option(
    "--out",
    type=NamedPath(path_type=Path, file_okay=False),
    default=None,
    help="Output folder (default: [tool.edition] out, i.e. dist/).",
)
def clean(out: Path | None) -> None:
    """Remove the published edition (OUT/html, OUT/epub, OUT/index) and the build's records
    (OUT/.edition); nothing else in OUT. When an output holds a file the build did not write,
    nothing is removed and the file is named (exit 1): it is someone's, move it first.
    """
    from .publish import OutputFolder
    from .report import format_line

    target = out or _config().out
    folder = OutputFolder(target)
    with _boundary():
        published = folder.marker.is_dir()
        theirs = folder.clean()
    for path in theirs:
        click.echo(
            format_line(
                diag.error(
                    shown(str(path)),
                    "clean.own-file",
                    "this file was not written by edition build: nothing was removed; move "
                    "it out of the outputs (or remove it yourself) and clean again",
                    origin="clean",
                )
            ),
            err=True,
        )
    done = (
        "nothing removed"
        if theirs
        else "removed the published edition"
        if published
        else "no edition published there: nothing to remove"
    )
    click.echo(f"clean: {shown(str(target))}: {done}", err=True)
    sys.exit(1 if theirs else 0)


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

    Problems (unresolved @ref, names without @ref, unused register entries, entries
    without an id or declared differently in several files, and, where the registers give
    authority identifiers, entries without one) are listed in the check format. Exits 1
    when a reference does not resolve.
    """
    from . import index_report

    cfg = _config(paths)
    targets = list(paths) or [cfg.sources]
    with _boundary(), _interrupts("indexing"):
        summary = index_report.summarize(targets)
    click.echo(summary.as_json() if output_format == "json" else summary.as_table(), nl=False)
    sys.exit(1 if summary.has_errors else 0)


# The editor's commands live in their own module, which imports the helpers above. Run as
# `python -m pipeline.cli`, this file is `__main__`: the module proper adds them (below).
if __name__ != "__main__":
    from .cli_editor import lsp, new, serve

    cli.add_command(serve)
    cli.add_command(new)
    cli.add_command(lsp)


def main() -> None:
    """The console script: no traceback reaches the user (``EDITION_DEBUG=1`` shows them)."""
    # From the start, Ctrl-C and SIGTERM are an Interrupted (commands install their own
    # too): never click's "Aborted!" with the status of errors found, nor a traceback.
    signals.reset()
    for signum in signals.SIGNALS:
        signal.signal(signum, signals.handler)
    signals.quiet_dropped_interrupts()
    try:
        cli(prog_name="edition")
    except Interrupted as exc:  # a signal between the command's own handlers
        click.echo("interrupted", err=True)
        sys.exit(exc.status)
    except Exception as exc:
        if os.environ.get("EDITION_DEBUG"):
            raise
        click.echo(
            f"edition: internal error ({type(exc).__name__}: {exc}); please report it "
            "(EDITION_DEBUG=1 shows where)",
            err=True,
        )
        sys.exit(1)
    finally:
        # The process ends. Python's garbage collections at shutdown walk every object still
        # held: 20 ms of a 0.32 s check of the 99 ELTeC novels. Frozen objects are not
        # walked; atexit handlers still run and objects are still freed as their references
        # go: only cycles are left to the OS.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    from pipeline.cli import main as main_with_every_command

    main_with_every_command()
