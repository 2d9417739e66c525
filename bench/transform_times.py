"""Every Saxon transform of a run timed, by stylesheet: shared by the benchmarks that build
in their own process (bench_names.py, bench_shapes.py, bench_registers.py, bench_letters.py)."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout, suppress


@contextmanager
def transform_times(
    clock: Callable[[], float] = time.perf_counter,
) -> Iterator[dict[str, list[float]]]:
    """Within the block, each transform's seconds (by ``clock``) by stylesheet name, in the
    order they ran."""
    from pipeline import xslt

    times: dict[str, list[float]] = defaultdict(list)
    plain = xslt.Stylesheet.transform

    def timed(self: xslt.Stylesheet, *a: object, **k: object) -> xslt.TransformResult:
        started = clock()
        try:
            return plain(self, *a, **k)  # type: ignore[arg-type]
        finally:
            times[self.name].append(clock() - started)

    xslt.Stylesheet.transform = timed  # type: ignore[method-assign]
    try:
        yield times
    finally:
        xslt.Stylesheet.transform = plain  # type: ignore[method-assign]


def quiet_run(args: list[str]) -> tuple[dict[str, list[float]], float]:
    """``edition ARGS`` in this process, its output and exit status left out (a generated
    corpus's seeded errors and unused register entries are the corpus's, not news): each
    transform's seconds by stylesheet, and the command's."""
    from pipeline.cli import cli

    started = time.perf_counter()
    with (
        transform_times() as spent,
        open(os.devnull, "w") as quiet,
        redirect_stdout(quiet),
        redirect_stderr(quiet),
        suppress(SystemExit),
    ):
        cli.main(args, standalone_mode=False)
    return dict(spent), time.perf_counter() - started
