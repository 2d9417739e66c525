"""fork_map: ordered results, work done in forked workers, the parent's preparation shared."""

from __future__ import annotations

import os

from pipeline.parallel import fork_map


def test_results_come_back_in_order_from_other_processes() -> None:
    parent = os.getpid()
    prepared: list[int] = []
    results = list(fork_map(lambda i: (i * i, os.getpid()), 6, 2, lambda: prepared.append(1)))
    assert [r[0] for r in results] == [0, 1, 4, 9, 16, 25]
    assert all(pid != parent for _, pid in results)
    assert prepared == [1]


def test_one_job_runs_in_this_process() -> None:
    assert list(fork_map(lambda i: os.getpid(), 3, 1)) == [os.getpid()] * 3


def test_no_tasks() -> None:
    assert list(fork_map(lambda i: i, 0, 4)) == []
