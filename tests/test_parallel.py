"""The worker pool (pipeline/parallel.py): order, time limits, crashes, errors, no orphans."""

from __future__ import annotations

import mmap
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline import parallel
from pipeline.errors import EnvironmentFailure
from pipeline.parallel import TaskFailed, fork_map, run_apart, run_tasks


def test_results_come_back_in_order_from_other_processes() -> None:
    parent = os.getpid()
    prepared: list[int] = []
    results = list(fork_map(lambda i: (i * i, os.getpid()), 6, 2, lambda: prepared.append(1)))
    assert [r[0] for r in results] == [0, 1, 4, 9, 16, 25]
    assert all(pid != parent for _, pid in results)
    assert prepared == [1]


def test_one_job_runs_in_this_process() -> None:
    assert list(fork_map(lambda i: os.getpid(), 3, 1)) == [os.getpid()] * 3


def test_isolate_runs_even_one_task_apart() -> None:
    (outcome,) = run_tasks(lambda i: os.getpid(), 1, 1, isolate=True)
    assert outcome.value != os.getpid()


#: Set in this process only: a spawned process starts without it (a fork would have it).
_MARK: list[str] = []


def _apart(argument: str) -> tuple[str, int, int, list[str]]:
    if argument == "fail":
        raise EnvironmentFailure("out/x", "env.disk-full", "no space left on the device")
    if argument == "die":
        os._exit(3)
    return argument.upper(), os.getpid(), os.getppid(), list(_MARK)


def test_run_apart_runs_a_task_in_a_fresh_process_that_ends_with_it() -> None:
    """The home and about pages of thousands of texts are made so: a fresh process (spawned,
    not forked: it has none of this one's memory, _MARK included), whose result comes back
    and whose failures raise here, the task's own exception (pickled) or TaskFailed."""
    _MARK.append("parent only")
    try:
        value, pid, parent, mark = run_apart(_apart, "pages")
    finally:
        _MARK.clear()
    assert (value, parent, mark) == ("PAGES", os.getpid(), [])
    assert pid != os.getpid()
    with pytest.raises(OSError):
        os.kill(pid, 0)  # it ended with its task
    with pytest.raises(EnvironmentFailure) as raised:
        run_apart(_apart, "fail")
    assert raised.value.code == "env.disk-full"
    with pytest.raises(TaskFailed, match="exit status 3"):
        run_apart(_apart, "die")


def test_run_apart_imports_nothing_of_the_working_folder(tmp_path: Path) -> None:
    """Probe 56: the new process put its working folder first on its path and imported an
    edition's own select.py (or tokenize.py) before anything else: the home and about pages
    failed, or ran the user's code, once an edition had 2 MB of headers."""
    shadow = tmp_path / "edition"
    shadow.mkdir()
    for name in ("select", "tokenize", "traceback"):
        (shadow / f"{name}.py").write_text("raise ImportError('the edition's own module')\n")
    script = tmp_path / "bin" / "run.py"
    script.parent.mkdir()
    script.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pipeline.parallel import run_apart\nprint(run_apart(str.upper, 'pages'))\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], cwd=shadow, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (0, "PAGES\n"), done.stderr[-2000:]


def test_run_apart_says_when_its_process_dies_at_its_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process that ends before it has read its task (no interpreter, no package there)
    is a failed task with its exit status, not a broken pipe of ours."""
    monkeypatch.setattr(sys, "executable", "/bin/false")
    with pytest.raises(TaskFailed, match="exit status 1"):
        run_apart(_apart, "x" * 2**20)  # more than a pipe holds: the write breaks


_UNGUARDED = """
import signal, sys, time
sys.path.insert(0, {root!r})
from pipeline import parallel, signals
with open({log!r}, "a") as log:
    log.write("ran\\n")
for signum in signals.SIGNALS:
    signal.signal(signum, signals.handler)
print(parallel.run_apart(str.upper, "pages"), flush=True)
parallel.run_apart(time.sleep, {sleep})
"""


def test_run_apart_runs_no_script_again_and_its_process_dies_with_an_interrupt(
    tmp_path: Path,
) -> None:
    """A script that calls it without a ``__name__`` guard runs once (multiprocessing's
    spawn ran it again in the new process: a build started a second build); interrupted
    (SIGTERM) while the task runs, the script ends and so does the process of the task."""
    log = tmp_path / "ran.log"
    script = tmp_path / "unguarded.py"
    script.write_text(_UNGUARDED.format(root=str(ROOT), log=str(log), sleep=60), encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline() == "PAGES\n"
        children: list[int] = []
        for _ in range(100):  # the second task's process, once started
            children = [
                int(pid)
                for task in Path(f"/proc/{process.pid}/task").iterdir()
                for pid in (task / "children").read_text().split()
            ]
            if children:
                break
            time.sleep(0.05)
        assert children, "the task's process was started"
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    assert log.read_text() == "ran\n"
    for child in children:
        for _ in range(100):
            if (
                not Path(f"/proc/{child}").exists()
                or " Z " in Path(f"/proc/{child}/stat").read_text()
            ):
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"the task's process {child} outlived the interrupted script")


_KEPT: list[mmap.mmap] = []


def _grow(index: int) -> tuple[int, int]:
    """A task that leaves 16 MB behind in its worker, as Saxon's heap does.

    The memory is a fresh anonymous mapping with every page written: a bytearray may be
    carved from heap pages the parent had freed but kept resident, and then the worker's
    resident size does not grow at all (this test failed so under xdist).
    """
    size = 16 * 2**20
    kept = mmap.mmap(-1, size)
    for offset in range(0, size, mmap.PAGESIZE):
        kept[offset] = 1
    _KEPT.append(kept)
    return index, os.getpid()


def test_a_worker_that_grew_too_much_retires_and_a_fresh_one_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "GROWTH", 8 * 2**20)
    results = list(fork_map(_grow, 6, 2))
    assert [index for index, _ in results] == list(range(6)), "no task lost, order kept"
    assert len({pid for _, pid in results}) == 6, "each worker retired after its task"
    monkeypatch.setattr(parallel, "GROWTH", 0)
    assert len({pid for _, pid in fork_map(_grow, 6, 2)}) == 2, "0: workers never retire"


def _pid_of(argument: int) -> tuple[int, int]:
    if argument < 0:
        time.sleep(60)
    return argument, os.getpid()


def test_resident_workers_stay_from_one_run_to_the_next() -> None:
    resident = parallel.Resident(2)
    try:
        first = [o.result() for o in resident.run(_pid_of, [1, 2, 3, 4])]
        assert [a for a, _ in first] == [1, 2, 3, 4]
        workers = set(resident.pids())
        assert len(workers) == 2 and {pid for _, pid in first} == workers
        second = [o.result() for o in resident.run(_pid_of, [5, 6])]
        assert {pid for _, pid in second} <= workers, "the same workers, still warm"
        # a task past its time limit: its worker is killed, a fresh one takes the next task
        outcomes = list(resident.run(_pid_of, [-1, 7, 8], timeout=1.0))
        assert outcomes[0].failed is not None and outcomes[0].failed.kind == "timeout"
        assert [o.result()[0] for o in outcomes[1:]] == [7, 8]
        assert 1 <= len(resident.pids()) <= 2
        list(resident.run(_pid_of, [9, 10, 11]))
        assert len(resident.pids()) == 2, "a worker killed is replaced when work comes"
    finally:
        kept = resident.pids()
        resident.stop()
    assert resident.pids() == []
    for pid in kept:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def _blocks(index: int) -> int:
    """Blocks of a document's size, allocated and freed (a worker's task in the check)."""
    return sum(len(bytes(2**20 + index)) for _ in range(8))


def test_workers_that_reuse_memory_give_the_same_results() -> None:
    outcomes = list(run_tasks(_blocks, 6, 2, timeout=30, reuse_memory=True))
    assert [o.result() for o in outcomes] == [8 * (2**20 + i) for i in range(6)]


def test_no_tasks() -> None:
    assert list(fork_map(lambda i: i, 0, 4)) == []


def _mixed(index: int) -> int:
    if index == 1:
        time.sleep(60)
    if index == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    if index == 3:
        raise ValueError("bad three")
    if index == 4:
        raise EnvironmentFailure("/x", "env.disk-full", "cannot write: the disk is full")
    return index


def test_a_slow_task_is_stopped_and_the_others_go_on() -> None:
    started = time.monotonic()
    outcomes = list(run_tasks(_mixed, 7, 2, timeout=1.0))
    assert time.monotonic() - started < 10
    assert [o.index for o in outcomes] == list(range(7))
    assert [o.value for o in outcomes if o.failed is None] == [0, 5, 6]
    failed = {o.index: o.failed for o in outcomes if o.failed is not None}
    assert failed[1] is not None and failed[1].kind == "timeout"
    assert failed[2] is not None and failed[2].kind == "crash" and "SIGKILL" in failed[2].message
    assert failed[3] is not None and failed[3].kind == "error"
    assert isinstance(failed[3].error, ValueError) and "bad three" in failed[3].message
    assert failed[4] is not None and isinstance(failed[4].error, EnvironmentFailure)


_COMPILED: list[int] = []


def _compiles_once(index: int) -> int:
    """A task that, the first time in its worker, "compiles" for 1.5 s (untimed), then
    works 0.2 s; task 5 works 3 s, past the limit."""
    if not _COMPILED:
        with parallel.untimed(), parallel.untimed():  # nested: one pause
            time.sleep(1.5)
        _COMPILED.append(index)
    time.sleep(3.0 if index == 5 else 0.2)
    return index


def test_what_a_task_compiles_for_the_run_is_not_on_its_time_limit() -> None:
    """Probe 142: a worker compiling a schema on its first file's time failed a clean file
    with a short limit. Untimed work does not count; the task's own time still does."""
    outcomes = list(run_tasks(_compiles_once, 6, 2, timeout=1.0, prefetch=True))
    assert [o.index for o in outcomes] == list(range(6))
    kinds = {o.index: o.failed.kind for o in outcomes if o.failed is not None}
    assert kinds == {5: "timeout"}
    assert [o.value for o in outcomes if o.failed is None] == [0, 1, 2, 3, 4]


def _compiles_too_long(index: int) -> int:
    with parallel.untimed():
        time.sleep(60)
    return index


def test_untimed_work_has_a_limit_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "UNTIMED_LIMIT", 1.0)
    started = time.monotonic()
    [outcome] = list(run_tasks(_compiles_too_long, 1, 2, timeout=0.5))
    assert outcome.failed is not None and outcome.failed.kind == "timeout"
    assert time.monotonic() - started < 20


def test_untimed_outside_a_worker_does_nothing() -> None:
    with parallel.untimed():
        assert parallel._untimed_hook is None


def test_tasks_sent_ahead_are_never_lost_to_a_timeout_a_crash_or_an_error() -> None:
    """With ``prefetch`` a worker holds its next task while it works: the task waiting
    behind one that runs out of time or kills its worker goes to another worker."""
    outcomes = list(run_tasks(_mixed, 14, 2, timeout=1.0, prefetch=True))
    assert [o.index for o in outcomes] == list(range(14))
    assert [o.value for o in outcomes if o.failed is None] == [0, *range(5, 14)]
    kinds = {o.index: o.failed.kind for o in outcomes if o.failed is not None}
    assert kinds == {1: "timeout", 2: "crash", 3: "error", 4: "error"}


def test_a_worker_that_retires_gives_back_the_task_sent_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "GROWTH", 8 * 2**20)
    outcomes = list(run_tasks(_grow, 10, 2, prefetch=True))
    assert [o.result()[0] for o in outcomes] == list(range(10)), "no task lost, order kept"
    assert len({o.result()[1] for o in outcomes}) == 10, "each worker retired after its task"


def test_the_last_tasks_are_not_sent_ahead() -> None:
    """A task sent ahead waits behind its worker's: the last ones go to whichever worker is
    free, so that a short task never waits behind a long one while a worker is idle."""
    pool = parallel._Pool(lambda i: i, 2, None)
    pool.prefetch = True
    try:
        list(pool.run(5))
        first, second = pool.workers
        pool.queue.extend([7, 8, 9, 10])
        pool._give(first, pool.queue)
        assert (first.index, first.waiting) == (7, 8), "more left than workers: one ahead"
        pool._give(second, pool.queue)
        assert (second.index, second.waiting) == (9, None), "fewer: kept for any worker"
        assert list(pool.queue) == [10]
    finally:
        pool.stop()


def test_a_failed_task_raises_its_own_exception_through_fork_map() -> None:
    with pytest.raises(ValueError, match="bad three"):
        list(fork_map(lambda i: _mixed(3 if i else 0), 2, 2, timeout=5))
    with pytest.raises(TaskFailed, match="stopped after"):
        list(fork_map(lambda i: time.sleep(5), 1, 1, timeout=0.2))


ORPHANS = """
import os, sys, time
from pipeline.parallel import run_tasks
def task(i):
    os.write(1, f"{os.getpid()}\\n".encode())
    time.sleep(60)
for outcome in run_tasks(task, 2, 2):
    pass
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(sig: signal.Signals) -> None:
    parent = subprocess.Popen([sys.executable, "-c", ORPHANS], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    parent.send_signal(sig)
    parent.communicate()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


_FRAGMENTS = """
import os
from lxml import etree
from pipeline.parallel import give_back_freed_memory

def resident():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS")) // 1024

trees, kept = [], []
for n in range(3000):
    trees.append(etree.fromstring(("<a>" + "<b>x</b>" * 300 + "</a>").encode()))
    kept.append(etree.Element("k"))  # small blocks between the trees' blocks, kept
del trees  # freed, but in holes below the kept blocks: glibc keeps them resident
before = resident()
give_back_freed_memory()
print(before, resident())
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads /proc")
def test_give_back_freed_memory_returns_what_many_small_trees_left() -> None:
    # the merge of 1,120 letters' indexes left 88 MB freed but resident (pipeline.finish)
    done = subprocess.run(
        [sys.executable, "-c", _FRAGMENTS], capture_output=True, text=True, check=True
    )
    before, after = (int(x) for x in done.stdout.split())
    assert after < before - 5, (before, after)
