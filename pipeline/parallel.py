"""Running one function over many documents in a fork pool, stylesheets compiled once.

Writers and the normalisation stage compile their stylesheets in this process, then fork:
each worker runs on its copy of the compiled Saxon engine (SaxonC's native image collects
garbage on the calling thread, so the copy needs none of the parent's threads); compiling in
every worker instead costs about a second per worker. Tasks are indexes into data the
parent holds, so nothing large is pickled on the way in.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

R = TypeVar("R")

_TASK: Callable[[int], Any] | None = None


def fork_map(
    task: Callable[[int], R],
    count: int,
    jobs: int,
    prepare: Callable[[], object] | None = None,
) -> Iterator[R]:
    """``task(0) ... task(count - 1)`` in order; ``jobs`` > 1 runs them in forked workers.

    ``prepare`` runs first, in this process (compile the stylesheets there).
    """
    global _TASK
    if prepare is not None:
        prepare()
    if jobs <= 1 or count <= 1:
        yield from (task(i) for i in range(count))
        return
    _TASK = task
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(min(jobs, count), mp_context=context) as pool:
            yield from pool.map(_run, range(count), chunksize=1)
    finally:
        _TASK = None


def _run(index: int) -> Any:
    assert _TASK is not None, "the task is set before the pool forks"
    return _TASK(index)
