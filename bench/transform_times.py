"""Every Saxon transform of a run timed, by stylesheet: shared by the benchmarks that build
in their own process (bench_names.py, bench_shapes.py, bench_registers.py)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager


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
