"""Running one function over many documents in forked workers, each task within a time limit.

The parent prepares (compiles its stylesheets), then forks workers; each worker runs on its
copy of the compiled Saxon engine (compiling in every worker instead costs about a second
each). Tasks are indexes into data the parent holds, so nothing large is pickled on the way in.

What ``concurrent.futures`` cannot do and this pool does:
- a task that runs past ``timeout`` seconds is ended by killing its worker (a runaway C call
  cannot be stopped any other way); the task's outcome says so and a fresh worker takes over;
- a worker that dies (killed, out of memory, a crash in native code) fails its task alone;
- workers die with the parent, however it dies (``PR_SET_PDEATHSIG``), ignore Ctrl-C (the
  parent decides), and are killed at once when the parent stops early (an interrupt, an
  exception): nothing is left running behind it;
- a worker whose memory grew by more than ``GROWTH`` since it was forked retires after its
  task and a fresh fork takes its place: Saxon's heap keeps what the largest documents made
  it grow to, and a worker that renders novel after novel reached 490 MB (issue 13 asks for
  400 MB per process);
- with ``reuse_memory``, a worker keeps the memory a task freed for the next (``mallopt``):
  glibc gave the bytes of a novel and most of its tree back to the system after each, to
  fault them in again for the next (7,000 page faults, 20 ms of the check of the 99 ELTeC
  novels);
- ``run_apart`` runs one task in a new interpreter, for work whose memory the parent should
  not keep;
- with ``prefetch``, a worker has its next task waiting in its pipe while it works on one:
  a worker of short tasks otherwise waited for the parent to wake up, read its result and
  send the next (about 0.4 ms a task: 20 ms of each worker's 0.27 s over the ELTeC novels).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from . import signals

R = TypeVar("R")
A = TypeVar("A")

_PR_SET_PDEATHSIG = 1
#: Seconds between two looks at the workers when none has finished.
_POLL = 0.25
#: Bytes of resident memory a worker may gain over what it had when forked before it retires
#: (``EDITION_WORKER_GROWTH_MB`` sets it, for a machine with memory to spare; 0: never).
GROWTH = int(os.environ.get("EDITION_WORKER_GROWTH_MB", "128") or 0) * 2**20


#: What a worker's death most often is (the kernel's or Dask's memory limit ending it), and
#: what to do; a bug only when it is not that (probe 96: "please report it" alone sent a
#: user whose file outgrew the worker's memory to file a bug).
MEMORY_ADVICE = (
    "most often the file needs more memory than the worker may take (split the file, or give "
    "the workers more memory); if not, please report it"
)


@dataclass(frozen=True)
class Failed:
    """A task that produced no result: ``kind`` is ``timeout``, ``crash`` or ``error``.

    ``error`` carries the exception the task raised when it could be sent back (an
    ``EditionError`` subclass, say), else only ``message`` (its text and last frames).
    """

    kind: str
    message: str
    error: BaseException | None = None


@dataclass(frozen=True)
class Outcome(Generic[R]):
    index: int
    value: R | None = None
    failed: Failed | None = None

    def result(self) -> R:
        """The value; a failed task raises its own exception, or ``TaskFailed``."""
        if self.failed is None:
            return self.value  # type: ignore[return-value]
        if self.failed.error is not None:
            raise self.failed.error
        raise TaskFailed(self.failed)


class TaskFailed(Exception):
    def __init__(self, failed: Failed) -> None:
        super().__init__(failed.message)
        self.failed = failed


#: How long work that does not count toward a task's limit (``untimed``) may take.
UNTIMED_LIMIT = 300.0
#: Called with True as work the run pays for once (compiling a schema or a stylesheet)
#: begins, with False as it ends: set in a pool worker (``_worker_main``) and on a Dask
#: worker (``pipeline.distributed.watchdog``).
_untimed_hook: Callable[[bool], None] | None = None
_untimed_depth = threading.local()


def set_untimed_hook(hook: Callable[[bool], None] | None) -> None:
    global _untimed_hook
    _untimed_hook = hook


@contextlib.contextmanager
def untimed() -> Iterator[None]:
    """Time inside the block does not count toward the running task's limit: what compiles
    there (a schema a run needs) is the run's cost, not the task's file's. Probe 142: a clean
    file failed ``--timeout 0.5`` when its worker compiled tei_all's rules on its time; the
    schemas were then compiled before the workers forked, Saxon's rules too, which cost every
    run 0.2 s and 85 MB before the first file even when no file needed Saxon. The block may
    take ``UNTIMED_LIMIT`` seconds at most (or the task's limit, when longer)."""
    hook = _untimed_hook
    depth = getattr(_untimed_depth, "value", 0)
    outermost = hook is not None and depth == 0
    _untimed_depth.value = depth + 1
    if outermost and hook is not None:
        hook(True)
    try:
        yield
    finally:
        _untimed_depth.value = depth
        if outermost and hook is not None:
            hook(False)


def run_tasks(
    task: Callable[[int], R],
    count: int,
    jobs: int,
    *,
    prepare: Callable[[], object] | None = None,
    timeout: float | None = None,
    isolate: bool = False,
    reuse_memory: bool = False,
    prefetch: bool = False,
) -> Generator[Outcome[R], None, None]:
    """``task(0) ... task(count - 1)`` in forked workers; outcomes in index order.

    ``jobs`` workers at most (never more than tasks). ``prepare`` runs first, in this process.
    With ``jobs`` <= 1, no ``timeout`` and no ``isolate`` the tasks run in this process;
    ``isolate`` runs even one task in a worker, so that an interrupt never waits for it.
    With no task, ``prepare`` is not run. ``reuse_memory``: each worker keeps the memory its
    tasks free for the next (``keep_freed_memory``), for many tasks that each read and parse a
    document of a few MB. ``prefetch``: each worker is sent its next task before it has
    finished the one it works on (for many short tasks; the last ``jobs`` tasks are not sent
    ahead, so that no task waits behind another while a worker is idle).
    """
    if count == 0:
        return  # nothing to do: not even the preparation (compiling stylesheets costs time)
    if prepare is not None:
        prepare()
    if jobs <= 1 and timeout is None and not isolate:
        for index in range(count):
            yield _in_process(task, index)
        return
    pool = _Pool(task, min(max(jobs, 1), count), timeout)
    pool.reuse_memory = reuse_memory
    pool.prefetch = prefetch
    try:
        yield from pool.run(count)
    finally:
        pool.stop()


def fork_map(
    task: Callable[[int], R],
    count: int,
    jobs: int,
    prepare: Callable[[], object] | None = None,
    timeout: float | None = None,
) -> Iterator[R]:
    """Results in order; a failed task raises (its own exception, or ``TaskFailed``)."""
    for outcome in run_tasks(task, count, jobs, prepare=prepare, timeout=timeout):
        yield outcome.result()


def run_apart(task: Callable[[A], R], argument: A) -> R:
    """``task(argument)`` in a fresh Python process that ends with it, for work whose memory
    this process should not keep: Saxon's heap never shrinks, so the pages of an edition's
    thousands of headers left a build's main process 370 MB larger to its end.

    Not a fork (its resident memory counts every page of this process it shares), nor
    multiprocessing's spawn (which runs the caller's ``__main__`` again: a script calling
    ``build`` without a ``__name__`` guard built twice): a new interpreter that is sent
    this process's ``sys.path``, then ``task`` and ``argument`` pickled (a module-level
    function, plain data), and sends back the result pickled. A failure raises here: the
    task's own exception, or ``TaskFailed`` when the process died. It dies with this
    process, ignores Ctrl-C, and is killed at once when this one stops early (an
    interrupt)."""
    reader, writer = os.pipe()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    program = (
        f"import sys; sys.path.insert(0, {root!r}); import pipeline.parallel as p; p._apart_main()"
    )
    # Ctrl-C and SIGTERM wait until the process is started: it unblocks them once it ignores
    # the first and dies with this process
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, signals.SIGNALS)
    try:
        process = subprocess.Popen(
            # isolated (-I): nothing of the working folder or PYTHONPATH is imported before
            # the parent's sys.path arrives (probe 56: an edition's own select.py broke it)
            [sys.executable, "-I", "-c", program, str(writer), str(os.getpid())],
            stdin=subprocess.PIPE,
            pass_fds=(writer,),
        )
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(writer)
    try:
        assert process.stdin is not None
        # a process that died at its start (its interpreter or our package not found) has
        # closed its end: its exit status tells why, below
        with contextlib.suppress(BrokenPipeError), process.stdin:
            process.stdin.write(pickle.dumps(sys.path) + pickle.dumps((task, argument)))
        chunks = []
        while True:
            signals.check()
            ready, _, _ = select.select([reader], [], [], _POLL)
            if ready:
                chunk = os.read(reader, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        status = process.wait()
    finally:
        os.close(reader)
        if process.poll() is None:
            process.kill()
            process.wait()
    if not chunks:
        raise TaskFailed(Failed("crash", f"the process died ({_exit_reason(status)})"))
    kind, payload = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return payload  # type: ignore[no-any-return]
    message, error = payload
    raise error if error is not None else TaskFailed(Failed("error", message))


def _apart_main() -> None:
    """The process ``run_apart`` starts: ``argv`` names the pipe for the result and the
    parent; ``stdin`` brings the parent's ``sys.path``, then the task and its argument."""
    result, parent = int(sys.argv[1]), int(sys.argv[2])
    _die_with_parent(parent)
    try:
        sys.path[:] = pickle.load(sys.stdin.buffer)
        # a task that cannot be found here (a function of the caller's __main__) is the
        # caller's error, told there
        task, argument = pickle.load(sys.stdin.buffer)
        reply: tuple[str, Any] = ("ok", task(argument))
    except Exception as exc:
        reply = ("error", (describe_error(exc), picklable_error(exc)))
    try:
        data = pickle.dumps(reply)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        data = pickle.dumps(("error", (f"the result could not be sent back: {exc}", None)))
    with os.fdopen(result, "wb") as out:
        out.write(data)
    # nothing of this process is wanted once its result is sent: not the interpreter's
    # freeing of Saxon and every module one by one
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _in_process(task: Callable[[int], R], index: int) -> Outcome[R]:
    try:
        return Outcome(index, task(index))
    except Exception as exc:
        return Outcome(index, failed=Failed("error", describe_error(exc), exc))


def describe_error(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = "; ".join(f"{os.path.basename(f.filename)}:{f.lineno} in {f.name}" for f in frames)
    return f"{type(exc).__name__}: {exc}" + (f" (at {where})" if where else "")


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    index: int | None = None
    #: A task sent behind ``index`` (``prefetch``), still unread by the worker or not begun.
    waiting: int | None = None
    deadline: float | None = None
    #: While it compiles (``untimed``): the time its task had left, None without a limit.
    left: float | None = None
    #: It said with its last result that it ends (grown too big): no more tasks for it.
    retiring: bool = False


class _Pool:
    def __init__(self, task: Callable[[Any], Any], size: int, timeout: float | None) -> None:
        self.task = task
        self.size = size
        self.timeout = timeout
        self.workers: list[_Worker] = []
        #: What a worker is sent for task ``i``: ``i`` itself, or (resident pools) the
        #: function and argument of the task.
        self.message: Callable[[int], Any] = lambda index: index
        #: The workers keep the memory their tasks free (``run_tasks``'s ``reuse_memory``).
        self.reuse_memory = False
        #: Send each worker its next task ahead (``run_tasks``'s ``prefetch``).
        self.prefetch = False
        #: Tasks not yet sent to any worker.
        self.queue: deque[int] = deque()
        self.context = multiprocessing.get_context("fork")
        #: The process that owns the pool: a forked copy of it (in a worker) must not touch it.
        self.owner = os.getpid()

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        # Ctrl-C and SIGTERM wait until the worker is started and known: a signal handled
        # inside fork's hooks (logging's lock release) is printed with a traceback and dropped,
        # and a worker started but not yet listed would be left behind.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, signals.SIGNALS)
        try:
            process = self.context.Process(
                target=_worker_main,
                # a forked worker is handed the task as it is (closures too); a spawned
                # one gets it pickled (a module-level function)
                args=(child_end, os.getpid(), self.task, self.reuse_memory),
                daemon=True,
            )
            process.start()
            child_end.close()
            worker = _Worker(process, parent_end)
            self.workers.append(worker)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        return worker

    def run(self, count: int) -> Iterator[Outcome[Any]]:
        self.queue = queue = deque(range(count))
        done: dict[int, Outcome[Any]] = {}
        following = 0
        for worker in list(self.workers):  # a resident pool's idle workers come first
            if queue:
                self._give(worker, queue)
        while len(self.workers) < self.size and queue:
            self._give(self._spawn(), queue)
        while following < count:
            if following in done:
                yield done.pop(following)
                following += 1
                continue
            for worker, outcome in self._collect():
                done[outcome.index] = outcome
                # A worker that died after sending a result, with a task sent ahead, is
                # reported by its sentinel with that task (the task it died on), next time.
                if worker.retiring or (worker.index is None and not worker.process.is_alive()):
                    self._retire(worker)
                    if queue:
                        self._give(self._spawn(), queue)
                else:
                    self._give(worker, queue)

    def _give(self, worker: _Worker, queue: deque[int]) -> None:
        """Keep ``worker`` busy: a task if it has none, and one ahead with ``prefetch``."""
        if worker.index is None:
            if not queue:
                worker.deadline = None
                return
            worker.index = queue.popleft()
            worker.deadline = time.monotonic() + self.timeout if self.timeout else None
            self._send(worker, worker.index)
        # the last tasks are not sent ahead: one of them would wait behind a long task while
        # another worker is idle
        if self.prefetch and worker.waiting is None and len(queue) > self.size:
            worker.waiting = queue.popleft()
            self._send(worker, worker.waiting)

    def _send(self, worker: _Worker, index: int) -> None:
        # A worker that died meanwhile is reported by its sentinel in _collect.
        with contextlib.suppress(OSError):
            worker.conn.send(self.message(index))

    def _requeue(self, worker: _Worker) -> None:
        """The task sent ahead to a worker that will not run it goes back to the queue."""
        if worker.waiting is not None:
            self.queue.appendleft(worker.waiting)
            worker.waiting = None

    def _collect(self) -> list[tuple[_Worker, Outcome[Any]]]:
        busy = [w for w in self.workers if w.index is not None]
        assert busy, "a task not yet done is always with a worker"
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        # Wake up now and then to notice an interrupt whose exception was dropped.
        wait_for = min([_POLL] + [max(0.0, d - time.monotonic()) for d in deadlines])
        signals.check()
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for)
        found: list[tuple[_Worker, Outcome[Any]]] = []
        now = time.monotonic()
        for worker in busy:
            index = worker.index
            assert index is not None
            if worker.conn in ready:
                outcome = self._receive(worker, index)
                if outcome is not None:
                    found.append((worker, outcome))
                    # the task sent ahead is the one it works on now
                    worker.index, worker.waiting = worker.waiting, None
                    worker.deadline = (
                        now + self.timeout if self.timeout and worker.index is not None else None
                    )
                    continue
            if worker.process.sentinel in ready or not worker.process.is_alive():
                worker.process.join(1)  # reap it, so that its exit status is known
                code = worker.process.exitcode
                self._kill(worker)
                message = f"the worker process died ({_exit_reason(code)})"
                found.append((worker, Outcome(index, failed=Failed("crash", message))))
            elif worker.deadline is not None and now >= worker.deadline:
                self._kill(worker)
                message = f"stopped after {self.timeout:g} s"
                found.append((worker, Outcome(index, failed=Failed("timeout", message))))
        return found

    def _receive(self, worker: _Worker, index: int) -> Outcome[Any] | None:
        try:
            status, payload, retiring = worker.conn.recv()
        except (EOFError, OSError):
            return None
        if status in ("untimed", "timed"):  # its task compiles, or is done compiling
            self._untimed(worker, status == "untimed")
            return None
        worker.retiring = retiring
        if status == "ok":
            return Outcome(index, payload)
        message, error = payload
        return Outcome(index, failed=Failed("error", message, error))

    def _untimed(self, worker: _Worker, begins: bool) -> None:
        now = time.monotonic()
        if begins:
            worker.left = None if worker.deadline is None else max(0.0, worker.deadline - now)
            if worker.deadline is not None:
                worker.deadline = now + max(UNTIMED_LIMIT, self.timeout or 0.0)
        elif worker.deadline is not None:
            worker.deadline = now + (worker.left or 0.0)
            worker.left = None

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.process.kill()
        worker.process.join(5)
        worker.index = None
        self._requeue(worker)

    def _retire(self, worker: _Worker) -> None:
        if worker.index is not None:  # sent ahead to a worker that ended after its last result
            self.queue.appendleft(worker.index)
            worker.index = None
        self._requeue(worker)
        if worker.retiring:
            worker.process.join(5)  # it exits by itself once its result is sent
            if worker.process.is_alive():
                self._kill(worker)
        worker.conn.close()
        self.workers.remove(worker)

    def stop(self) -> None:
        """Kill every worker at once and reap it: nothing outlives the pool."""
        if os.getpid() != self.owner:
            return  # a copy inherited by a forked process: the workers are not its children
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.process.kill()
        for worker in self.workers:
            worker.process.join(5)
            with contextlib.suppress(OSError):
                worker.conn.close()
        self.workers.clear()


class Resident:
    """Workers that outlive a run, for a process that runs the same kind of task again and
    again (``edition serve``): forked at the first run, they keep what Saxon warmed up
    (a novel's reading page 0.19 s in a worker's third run against 0.31 s in a fresh one).

    A run sends each task's function and argument (both pickled: module-level functions,
    plain data), not an index into the parent's memory, which changes between runs. Time
    limits, crashes and growth act as in ``run_tasks``; an interrupt or an exception during
    a run, and ``stop``, kill every worker.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool = _Pool(_call, max(jobs, 1), None)
        self._pool.message = self._message
        self._calls: list[tuple[Callable[[Any], Any], Any]] = []

    def run(
        self,
        task: Callable[[Any], R],
        arguments: list[Any],
        *,
        prepare: Callable[[], object] | None = None,
        timeout: float | None = None,
    ) -> Generator[Outcome[R], None, None]:
        """``task(a)`` for each of ``arguments``; outcomes in order. ``prepare`` runs first,
        in this process (before the workers are forked, if they are)."""
        if not arguments:
            return
        if prepare is not None:
            prepare()
        pool = self._pool
        for worker in [w for w in pool.workers if not w.process.is_alive()]:
            worker.process.join(1)  # died while idle (killed from outside): reap it
            pool._retire(worker)
        pool.timeout = timeout
        self._calls = [(task, a) for a in arguments]
        finished = False
        try:
            yield from pool.run(len(arguments))
            finished = True
        finally:
            self._calls = []
            if not finished:
                pool.stop()

    def stop(self) -> None:
        """Kill the workers (the next run forks new ones)."""
        self._pool.stop()

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._pool.workers if w.process.pid is not None]

    def _message(self, index: int) -> tuple[Callable[[Any], Any], Any]:
        return self._calls[index]


def _call(message: tuple[Callable[[Any], R], Any]) -> R:
    task, argument = message
    return task(argument)


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


def _worker_main(
    conn: Connection, parent: int, task: Callable[[Any], Any], reuse_memory: bool = False
) -> None:
    _die_with_parent(parent)
    if reuse_memory:
        keep_freed_memory()
    limit = resident_bytes() + GROWTH if GROWTH > 0 else None

    def untimed(begins: bool) -> None:
        nonlocal limit
        with contextlib.suppress(OSError):  # a parent gone: the task ends anyway
            conn.send(("untimed" if begins else "timed", None, False))
        if not begins and limit is not None:
            # what a worker compiles for the run stays for its next tasks: growth is counted
            # from there, or a worker that compiled Saxon's rules (85 MB) would retire soon
            # and its successor compile them again
            limit = max(limit, resident_bytes() + GROWTH)

    set_untimed_hook(untimed)
    while True:
        try:
            index = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", task(index))
        except Exception as exc:
            reply = ("error", (describe_error(exc), picklable_error(exc)))
        retiring = limit is not None and resident_bytes() > limit
        try:
            conn.send((*reply, retiring))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send(("error", (f"the result could not be sent back: {exc}", None), retiring))
        if retiring:
            return


def resident_bytes() -> int:
    """This process's resident memory (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def picklable_error(exc: BaseException) -> BaseException | None:
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return None
    exc.__traceback__ = None
    return exc


#: ``mallopt`` parameters (glibc's malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_freed_memory() -> None:
    """Keep in this process the memory it frees, for what it allocates next (glibc; elsewhere
    nothing changes). glibc maps a large block (a novel's bytes) on its own and unmaps it when
    it is freed, and gives the top of the heap back once 128 KB of it are free: a process
    that reads, parses and drops one document after another faulted the pages of each in
    again. Blocks up to 32 MB now come from the heap, which keeps up to 64 MB free (a worker
    checking the ELTeC novels: 34 MB resident at most, against 33)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, 32 * 2**20)
        libc.mallopt(_M_TRIM_THRESHOLD, 64 * 2**20)


def give_back_freed_memory() -> None:
    """Give the memory this process freed back to the system (glibc; elsewhere nothing
    happens). glibc returns only the top of its heap by itself: after many small documents
    were parsed and dropped, their freed blocks lie all over it and stay resident."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def _die_with_parent(parent: int) -> None:
    """Be killed when the parent dies; ignore Ctrl-C, which the parent handles for all."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, signals.SIGNALS)  # blocked by the parent's fork
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
