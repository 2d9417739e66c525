"""Per-file work on a Dask cluster: the backend behind ``--scheduler`` (imported only then).

client (this process)                      workers (``dask worker``, or a LocalCluster)
  reads each source once  -- bytes -->     gate on the bytes, RELAX NG, Schematron, facts
  resolves order, writes   <-- outcomes --  (schemas compiled once per worker process)

``map_ordered(function, items, address=...)`` is the backend's whole interface, the Dask
twin of ``parallel.run_tasks``: ``function(item)`` runs on a worker for each item, and the
outcomes come back in item order as ``parallel.Outcome`` values (``Failed`` for a task that
raised, or whose worker died). Items are shipped with their task, so they carry what the
worker needs (bytes, never paths to read); ``function`` must be importable on the workers.
Small items are sent in batches (a Dask task and its scattered data cost the client and
the scheduler a few milliseconds each: a check of the 99 ELTeC novels, one task per novel,
spent more CPU in the scheduler than in the workers' checks), scattered to a worker rather
than written into the task (the scheduler would keep them). A run whose items are cheap to
process per byte (the check) asks for larger batches: the first ones small, so that the
first outcomes come at once, then doubling up to a size that keeps a few batches for each
worker thread in flight. Only a bounded window of tasks is in flight, so the client's memory
does not grow with the number of items. A task whose worker died is run again; a batch
whose workers died twice is split into its items, and an item that killed two workers is
run once more alone on the cluster (a dying worker takes the tasks queued on it down too):
if it kills two workers again, it is reported (``Failed("crash")``) and the run goes on.

``check_files`` is the check's use of it: ``check_file.check_bytes`` on each file's bytes,
with the files a document's ``xi:include`` reads shipped along (``pipeline.files``).
Schemas are read by the workers from their own disk, at the path the client names
(docs/scaling.md).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from . import files as shipped_files
from . import parallel, signals
from .check_file import CheckOptions, FileOutcome, check_bytes
from .errors import ClusterError, OptionError
from .gate import XI_NS, parse_bytes, read_bytes
from .parallel import (
    Failed,
    Outcome,
    describe_error,
    picklable_error,
    set_untimed_hook,
)
from .paths import PROJECT_DIR, display_base

T = TypeVar("T")
R = TypeVar("R")

#: Seconds to wait for a scheduler to answer before giving up.
CONNECT_TIMEOUT = 10
#: Seconds to wait for a worker to take a batch before the run gives up.
NO_WORKER_TIMEOUT = 120
#: Seconds between two looks at the tasks (an interrupt is noticed within this time).
_POLL = 0.2
#: Items of at most this weight are grouped into one task up to this total weight.
BATCH_WEIGHT = 256 * 1024
#: The weight of the items in flight at most (held by the client until their outcomes come
#: back, so that a batch whose worker died can be sent again), for runs with larger batches.
IN_FLIGHT = 32 * 1024 * 1024
#: The check's largest batch: about 0.15 s of a worker's time (ELTeC runs at 50-60 MB/s per
#: worker), where a task costs the client and scheduler a few milliseconds.
CHECK_BATCH = 8 * 1024 * 1024


def map_ordered(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    address: str | None = None,
    client: Any = None,
    weight: Callable[[T], int] = lambda item: BATCH_WEIGHT,
    window: int | None = None,
    largest: int = BATCH_WEIGHT,
) -> Iterator[Outcome[R]]:
    """``function(item)`` for each item on the cluster at ``address`` (or through a
    ``client`` of ``connect``, which a run with several passes keeps); outcomes in order.

    ``weight`` says how much an item costs (bytes, say): items are grouped into tasks of
    about ``BATCH_WEIGHT``; with a ``largest`` above it, the batches grow from that size up
    to ``largest`` (or less: see ``batch_limits``). ``window``: most tasks in flight.
    """
    if client is None:
        assert address is not None, "a scheduler address or a client"
        with connect(address) as own:
            yield from map_ordered(
                function, items, client=own, weight=weight, window=window, largest=largest
            )
        return
    threads = sum(client.nthreads().values()) or 1
    cap, default_window = batch_limits(threads, largest)
    runner = _Runner(client, function, window or default_window)
    yield from runner.run(_batches(items, weight, cap))


def batch_limits(threads: int, largest: int) -> tuple[int, int]:
    """The largest batch and the most tasks in flight for a cluster of ``threads`` worker
    threads: small batches, 8 tasks per thread; larger ones, about two batches per thread
    within ``IN_FLIGHT`` (a cluster of many threads gets smaller batches, so that each
    thread has work)."""
    if largest <= BATCH_WEIGHT:
        return BATCH_WEIGHT, max(16, 8 * threads)
    cap = max(BATCH_WEIGHT, min(largest, IN_FLIGHT // (2 * threads)))
    return cap, max(2 * threads, IN_FLIGHT // cap)


def _scratch() -> str:
    """A scratch folder for a local cluster, named after this process: the folders of runs
    killed before they could remove theirs (kill -9: probe 101 found them piling up in /tmp)
    are removed first, those of processes still running kept."""
    base = tempfile.gettempdir()
    with contextlib.suppress(OSError):
        for entry in os.scandir(base):
            found = _SCRATCH.fullmatch(entry.name)
            if found and entry.is_dir(follow_symlinks=False) and not _alive(int(found[1])):
                shutil.rmtree(entry.path, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f"edition-dask-{os.getpid()}-", dir=base)


_SCRATCH = re.compile(r"edition-dask-(\d+)-\w+")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's: alive
        return True
    return True


@contextlib.contextmanager
def connect(address: str) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a new ``LocalCluster`` for
    ``local:N`` (N worker processes, one thread each, on loopback); closed on leaving."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise OptionError(
            f"--scheduler {address} needs Dask: pip install 'edition[dask]' ({exc})"
        ) from exc
    cluster = None
    # a local cluster's workers keep their lock files and spills in a folder of this run's,
    # removed with it (probe 83: /tmp/dask-scratch-space/ was left behind, outside --out)
    scratch = _scratch() if address.startswith("local:") else None
    with (
        dask.config.set({"temporary-directory": scratch} if scratch else {}),
        dask.config.set(
            {
                # a task whose worker dies is tried once more, then reported: "a file that
                # kills two workers" (a scheduler started by hand: docs/scaling.md)
                "distributed.scheduler.allowed-failures": 1,
                "distributed.worker.daemon": False,
                # a local worker forks from this process: 0.5 s to start two, instead of 2 s
                # for fresh interpreters that import everything again; not once Saxon runs
                # here (its runtime's threads do not survive a fork: the child crashes)
                "distributed.worker.multiprocessing-method": _start_method(),
                "distributed.admin.tick.limit": "1h",
                # the scheduler keeps its recent computations, each with the task graphs
                # it received (here: the bytes of the files): keep none
                "distributed.diagnostics.computations.max-history": 0,
                # a local worker spawned (one replacing a dead one) ignores Ctrl-C as well
                # (dask_setup, below), beside the preloads configured
                "distributed.worker.preload": [
                    *dask.config.get("distributed.worker.preload", []),
                    *([__name__] if scratch else []),
                ],
            }
        ),
        _quiet_logs(),
        contextlib.ExitStack() as restarts,
    ):
        if scratch is not None:  # last, once the cluster is closed, whatever happened
            restarts.callback(shutil.rmtree, scratch, ignore_errors=True)
        try:
            if address.startswith("local:"):
                restarts.enter_context(_workers_ignore_interrupts())
                cluster = LocalCluster(
                    n_workers=_local_workers(address),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    # the scheduler and the workers always serve HTTP: on loopback, any port
                    dashboard_address="127.0.0.1:0",
                    worker_dashboard_address="127.0.0.1:0",
                    silence_logs=_SILENT,
                    local_directory=scratch,
                )
                client = Client(cluster, set_as_default=False)
                # Forking is safe while nothing runs yet, not later: a worker that replaces
                # a dead one starts afresh (a fork amid the client's busy threads can hang).
                restarts.enter_context(
                    dask.config.set({"distributed.worker.multiprocessing-method": "spawn"})
                )
            else:
                _check_address(address)
                _probe(address)
                _handshake(address)
                client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except ClusterError:
            raise
        except Exception as exc:  # whatever connecting raised: no verdict on the files
            if cluster is not None:
                cluster.close()
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address}: {_reason(exc)}; start one "
                "(dask scheduler) or pass --scheduler local:N"
            ) from exc
        try:
            if cluster is None:
                _same_code(client, address)
            yield client
        finally:
            _close(client, cluster)


#: Whether the worker processes forked now are a local cluster's (``_workers_ignore_interrupts``).
_forking_workers = False


def _ignore_interrupts() -> None:
    """In a local cluster's worker process: Ctrl-C, which a terminal sends to every process
    of the command, is the client's to answer (it closes the cluster); SIGTERM, with which
    a nanny stops its worker, ends it. A forked worker had the client's handler, raising
    ``Interrupted`` in Dask's event loop: 30 to 179 lines of tracebacks when Ctrl-C came
    while the cluster started (probe 176), where the local pool says one line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _after_fork_in_child() -> None:
    if _forking_workers:
        _ignore_interrupts()


@contextlib.contextmanager
def _workers_ignore_interrupts() -> Iterator[None]:
    """While a local cluster runs, the worker processes it forks ignore Ctrl-C from their
    first instruction (``os.register_at_fork``, registered once per process); one it spawns
    (after a worker died, or when Saxon runs here) ignores it from its preload
    (``dask_setup``)."""
    global _forking_workers, _fork_hook
    if not _fork_hook:
        os.register_at_fork(after_in_child=_after_fork_in_child)
        _fork_hook = True
    _forking_workers = True
    try:
        yield
    finally:
        _forking_workers = False


_fork_hook = False


def dask_setup(worker: Any) -> None:
    """Dask's preload hook (this module is a local cluster's preload), run as each worker
    process starts."""
    _ignore_interrupts()


#: Above CRITICAL: Dask's loggers say nothing while we run.
_SILENT = logging.CRITICAL + 10


def _start_method() -> str:
    return "spawn" if "saxonche" in sys.modules else "fork"


@contextlib.contextmanager
def _quiet_logs() -> Iterator[None]:
    """Dask logs connections closing and workers dying (which we report ourselves), some of
    it as CRITICAL with a traceback when Ctrl-C closes the scheduler in mid-write: nothing of
    it is shown."""
    # each of Dask's loggers with a level of its own ("distributed.client" logs the lost
    # scheduler as an ERROR) is silenced, not only their parent
    names = ["distributed", *(n for n in logging.Logger.manager.loggerDict
                              if n.startswith("distributed."))]  # fmt: skip
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(_SILENT)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


#: Why a file was given up on the cluster: its worker processes died each time they ran it
#: (Dask retries a task once; a batch is tried again, and then its file alone), not always
#: twice (probe 96: a nanny's memory limit restarted four).
_DIED = "its worker processes died each time they ran it"

#: The schemes of a scheduler's address another process can reach (inproc is within one
#: process; ucx needs a transport this package does not install).
SCHEMES = ("tcp", "tls", "ws", "wss")


def _check_address(address: str) -> None:
    """Refuse an address no scheduler can have, saying why (probe 96: "tcp://127.0.0.1",
    with no port, and "http://..." were told "not a Dask scheduler", as if something had
    answered there)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    hint = "write the address `dask scheduler` prints (tcp://HOST:PORT), or local:N"
    try:
        scheme, location = parse_address(address, strict=False)
        if scheme not in SCHEMES:
            inproc = " (an inproc address names a scheduler inside one process)"
            raise ValueError(
                f"the scheme {scheme!r} is not one of {', '.join(SCHEMES)}"
                + (inproc if scheme == "inproc" else "")
            )
        parse_host_port(location)
    except ValueError as exc:
        raise ClusterError(f"{address} is no scheduler address: {exc}; {hint}") from exc


def _probe(address: str) -> None:
    """Fail at once when nothing listens at a TCP address (Dask would retry for seconds)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or parts.hostname is None:
        return
    with socket.create_connection((parts.hostname, parts.port or 8786), timeout=CONNECT_TIMEOUT):
        pass


def _handshake(address: str) -> None:
    """Ask what answers at ``address`` before a client is made, within ``CONNECT_TIMEOUT``:
    a web server or a silent listener would keep Dask's client waiting for ever, and a
    worker's address is no scheduler's."""
    import asyncio

    from distributed.comm import connect as open_comm
    from distributed.security import Security

    # TLS as the Dask configuration sets it up for clients (distributed.comm.tls)
    arguments = Security().get_connection_args("client")

    async def identity() -> Any:
        comm = await open_comm(address, timeout=CONNECT_TIMEOUT, **arguments)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    def ask() -> Any:
        # in a thread of its own: the caller's thread keeps its event loop (or none) as it
        # was, for Dask's client that comes next
        outcome: list[Any] = []

        def run() -> None:
            try:
                outcome.append(asyncio.run(asyncio.wait_for(identity(), CONNECT_TIMEOUT)))
            except BaseException as exc:  # handed to the caller's thread
                outcome.append(exc)

        thread = threading.Thread(target=run, name="edition-dask-probe", daemon=True)
        thread.start()
        thread.join()
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    try:
        answer = ask()
    except TimeoutError as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: no Dask scheduler answered within "
            f"{CONNECT_TIMEOUT} s (is it the scheduler's port, 8786 by default, not its "
            "dashboard's?)"
        ) from exc
    except OSError as exc:  # refused, unreachable, reset
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address}: {_reason(exc)}; start one "
            "(dask scheduler) or pass --scheduler local:N"
        ) from exc
    except Exception as exc:  # a listener that is not Dask's: anything may come back
        # (a web server's "400 Bad Request" read as the length of a message: MemoryError)
        raise ClusterError(
            f"{address} is not a Dask scheduler (what answers there does not speak Dask's "
            f"protocol: {type(exc).__name__}): give the scheduler's address, the one "
            "`dask worker` was given"
        ) from exc
    kind = answer.get("type") if isinstance(answer, dict) else None
    if kind != "Scheduler":
        raise ClusterError(
            f"{address} is not a Dask scheduler (it answers as {kind or 'something else'}): "
            "give the scheduler's address, the one `dask worker` was given"
        )


def _same_code(client: Any, address: str) -> None:
    """The workers import this package and run the same code as this client (a worker
    started before an update would render with the old code, unnoticed)."""
    found: dict[str, str] = {}
    for attempt in range(1, SAME_CODE_TRIES + 1):
        try:
            found = client.run(code_digest)
            break
        except Exception as exc:
            text = f"{type(exc).__name__}: {exc}"
            if "No module named" in text or isinstance(exc, ImportError):
                raise ClusterError(
                    f"the Dask workers of {address} cannot import the edition package "
                    f"({_reason(exc)}): install it on each worker (pip install "
                    "'edition[dask]'); see docs/scaling.md"
                ) from exc
            # a worker that left while asked (killed, restarted by its nanny: probe 96, "in
            # <TCP (closed) Scheduler Broadcast ...>: Stream is closed") is asked again, as
            # a worker lost mid-run costs nothing
            if attempt == SAME_CODE_TRIES:
                raise ClusterError(
                    f"the Dask workers of {address} did not answer when asked for their code's "
                    f"version, {SAME_CODE_TRIES} times ({_transport_reason(exc)}): are they "
                    "restarting? run again"
                ) from exc
            time.sleep(attempt)
    mine = code_digest()
    other = sorted(worker for worker, digest in found.items() if digest != mine)
    if other:
        raise ClusterError(
            f"{len(other)} Dask worker(s) of {address} run other code than this client "
            f"({', '.join(other[:3])}): restart them from the same version of the package"
        )


#: What the workers must have as the client has it: the code, the stylesheets, schemas and
#: assets (an editable install shares one version number across every change).
_CODE = ("pipeline/**/*.py", "xslt/**/*.xsl", "xslt/**/*.xml", "schema/*", "assets/**/*")


@functools.cache
def code_digest() -> str:
    """A digest of the package's code and resources, as this process finds them."""
    digest = hashlib.sha256()
    files = {p for pattern in _CODE for p in PROJECT_DIR.glob(pattern) if p.is_file()}
    for path in sorted(files):
        digest.update(path.relative_to(PROJECT_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _local_workers(address: str) -> int:
    count = address.partition(":")[2]
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"{address}: write local:N with N >= 1 worker processes")
    return int(count)


#: Times the workers are asked for their code's version before the run gives up.
SAME_CODE_TRIES = 3


def _transport_reason(exc: BaseException) -> str:
    """Why a message to the workers failed, without Dask's description of its stream."""
    return re.sub(r"^in <[^>]*>:\s*", "", _reason(exc)) or type(exc).__name__


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def _close(client: Any, cluster: Any) -> None:
    """Close at once: an interrupted run must end within a second or two, and a local
    cluster's worker processes must not outlive it."""
    with contextlib.suppress(Exception):
        client.close(timeout=2)
    if cluster is not None:
        for worker in list(getattr(cluster, "workers", {}).values()):
            process = getattr(getattr(worker, "process", None), "process", None)
            if process is not None:
                with contextlib.suppress(Exception):
                    process.kill()  # the nanny's worker process
        with contextlib.suppress(Exception):
            cluster.close(timeout=2)


@dataclass(frozen=True)
class _Result:
    """One item's result inside a batch: its value, or why it failed."""

    value: Any = None
    message: str | None = None
    error: BaseException | None = None


def _run_batch(function: Callable[[Any], Any], items: list[Any]) -> list[_Result]:
    """On a worker: each item alone, so that one item's exception fails only that item."""
    results = []
    for item in items:
        try:
            results.append(_Result(function(item)))
        except Exception as exc:
            results.append(_Result(None, describe_error(exc), picklable_error(exc)))
    return results


def _batches(
    items: Iterable[T], weight: Callable[[T], int], cap: int = BATCH_WEIGHT
) -> Iterator[list[tuple[int, T]]]:
    """Items in batches of about ``BATCH_WEIGHT``, then each batch twice the last one's
    limit, up to ``cap``."""
    batch: list[tuple[int, T]] = []
    total = 0
    limit = BATCH_WEIGHT
    for index, item in enumerate(items):
        cost = max(1, weight(item))
        if batch and total + cost > limit:
            yield batch
            batch, total = [], 0
            limit = min(cap, limit * 2)
        batch.append((index, item))
        total += cost
    if batch:
        yield batch


@dataclass
class _Batch:
    """Items that go to a worker together; how often their worker died under them."""

    items: list[tuple[int, Any]]
    deaths: int = 0
    #: Run alone on the cluster (a suspect: see ``_Runner``).
    alone: bool = False


class _Runner:
    """Keeps ``window`` tasks in flight and hands out outcomes in item order.

    A task whose worker died (Dask retried it, or its scattered items went down with the
    worker) is run again: after two deaths a batch is split into its items, and an item is
    run alone on the cluster, since a dying worker takes the tasks queued on it down too;
    an item that dies twice alone is reported as a crash."""

    def __init__(self, client: Any, function: Callable[[Any], Any], window: int) -> None:
        self.client = client
        self.function = function
        self.window = window
        self.pending: dict[Any, tuple[_Batch, Any]] = {}  # future: (batch, scattered items)
        self.done: dict[int, Outcome[Any]] = {}
        # Futures finish on the client's event-loop thread, which hands them over here.
        self.finished: deque[Any] = deque()
        self.wake = threading.Event()
        self.again: list[_Batch] = []  # to submit before new batches
        self.suspects: list[_Batch] = []  # to submit alone

    def run(self, batches: Iterator[list[tuple[int, Any]]]) -> Iterator[Outcome[Any]]:
        following = 0
        exhausted = False
        try:
            while True:
                while following in self.done:
                    yield self.done.pop(following)
                    following += 1
                if self.suspects and not self.pending:
                    self._submit(self.suspects.pop())
                while not self.suspects and len(self.pending) < self.window:
                    if self.again:
                        self._submit(self.again.pop())
                        continue
                    items = None if exhausted else next(batches, None)
                    if items is None:
                        exhausted = True
                        break
                    self._submit(_Batch(items))
                if not self.pending and not self.suspects:
                    if exhausted and not self.again:
                        assert not self.done, "every outcome is handed out in order"
                        return
                    continue
                self._collect()
        finally:
            with contextlib.suppress(Exception):
                futures = [f for pair in self.pending.items() for f in (pair[0], pair[1][1])]
                self.client.cancel(futures, force=True)
            self.pending.clear()

    def _submit(self, batch: _Batch) -> None:
        # The items go to a worker as scattered data, not inside the task: the scheduler
        # keeps what it receives in a task graph for a while (the client's memory grew with
        # the number of files), while scattered data is dropped when released.
        self._lost()
        try:
            data = self._scatter([item for _, item in batch.items])
            future = self.client.submit(_run_batch, self.function, data, pure=False)
        except ClusterError:
            raise
        except Exception as exc:
            self._lost(exc)
            raise
        self.pending[future] = (batch, data)
        future.add_done_callback(self._finish)

    def _scatter(self, items: list[Any]) -> Any:
        """The items on a worker; a worker that dies as they are sent is tried again."""
        deadline = time.monotonic() + NO_WORKER_TIMEOUT
        while True:
            try:
                [data] = self.client.scatter([items], hash=False, timeout=NO_WORKER_TIMEOUT)
                return data
            except (OSError, TimeoutError, KeyError) as exc:
                # a worker that leaves while the scheduler places the data on it comes back
                # as KeyError of its address (distributed's update_data): another is chosen
                if isinstance(exc, KeyError) and "://" not in str(exc):
                    raise
                self._lost(exc)
                if time.monotonic() > deadline:
                    raise ClusterError(
                        f"no Dask worker took the files for {NO_WORKER_TIMEOUT} s: the "
                        "cluster has no worker left (start some with `dask worker ADDRESS`)"
                    ) from exc
            signals.check()
            time.sleep(_POLL)

    def _lost(self, exc: BaseException | None = None) -> None:
        """Stop when the client has lost its scheduler (Dask closes it after trying to
        reconnect): nothing more can run, and the files not done have no verdict."""
        if self.client.status in ("closing", "closed") or self.client.scheduler is None:
            # the client's own error then ("'NoneType' object has no attribute 'scatter'")
            # says nothing to the user; a refused or reset connection does
            reason = f" ({_reason(exc)})" if isinstance(exc, OSError) else ""
            raise ClusterError(
                f"lost the Dask scheduler mid-run{reason}; the files not yet done have no "
                "verdict and nothing is published: start the scheduler again and run again"
            ) from exc

    def _finish(self, future: Any) -> None:
        self.finished.append(future)
        self.wake.set()

    def _collect(self) -> None:
        signals.check()
        if not self.finished:
            self.wake.wait(_POLL)
        self.wake.clear()
        self._lost()
        while self.finished:
            future = self.finished.popleft()
            found = self.pending.pop(future, None)
            if found is None:
                continue
            batch, data = found
            data.release()
            results = _results(future)
            if results is not None:
                for (index, _), result in zip(batch.items, results, strict=True):
                    self.done[index] = _outcome(index, result)
            elif future.status == "finished":
                self._died(batch, 1)  # its result was lost with its worker: run it again
            else:
                deaths = _deaths(future)
                if deaths:
                    self._died(batch, deaths, future.key)
                else:
                    failed = _failure(future)
                    for index, _ in batch.items:
                        self.done[index] = Outcome(index, failed=failed)
            future.release()

    def _died(self, batch: _Batch, deaths: int, key: Any = None) -> None:
        batch.deaths += deaths
        if batch.deaths < 2:
            (self.suspects if batch.alone else self.again).append(batch)
        elif len(batch.items) > 1:
            self.again.extend(_Batch([one]) for one in reversed(batch.items))
        elif not batch.alone:
            self.suspects.append(_Batch(batch.items, 0, alone=True))
        else:
            index = batch.items[0][0]
            seconds = self._timed_out(key)
            failed = (
                Failed("crash", _DIED)
                if seconds is None
                # as the local pool says it (probe 55: "please report it" for a time limit)
                else Failed("timeout", f"stopped after {seconds:g} s")
            )
            self.done[index] = Outcome(index, failed=failed)

    def _timed_out(self, key: Any) -> float | None:
        """The time limit the task ``key`` ran past, if the watchdog that ended its worker
        said so (an event to the scheduler: ``_Watchdog``); None for another death."""
        if key is None:
            return None
        try:
            events = self.client.get_events(TIMEOUT_EVENTS)
        except Exception:  # the scheduler is gone: no more is known
            return None
        for _, message in events:
            if isinstance(message, dict) and message.get("key") == str(key):
                return float(message.get("seconds", 0))
        return None


def _results(future: Any) -> list[_Result] | None:
    """A finished task's results; None when it failed, or its results are gone."""
    if future.status != "finished":
        return None
    try:
        results: list[_Result] = future.result(timeout=5)
    except Exception:  # the worker that held them died meanwhile
        return None
    return results


def _outcome(index: int, result: _Result) -> Outcome[Any]:
    if result.message is None:
        return Outcome(index, result.value)
    return Outcome(index, failed=Failed("error", result.message, result.error))


def _deaths(future: Any) -> int:
    """How many worker deaths a failed task stands for: Dask retried it once before it
    said KilledWorker; a task whose scattered items were lost with their worker is cancelled."""
    if future.status == "cancelled":
        return 1
    name = type(future.exception()).__name__
    if name == "KilledWorker":
        return 2
    return 1 if name in ("FutureCancelledError", "CancelledError") else 0


def _failure(future: Any) -> Failed:
    exc = future.exception()
    return Failed("error", f"{type(exc).__name__}: {exc}", None)


# --- the check on a cluster --------------------------------------------------------------


@dataclass(frozen=True)
class Shipment:
    """One file as a worker gets it: its bytes, the files its includes read, and how the
    client shows paths (its working directory) and where its package lives."""

    path: Path  # absolute: the worker's working directory is not the client's
    shown: str  # the path as the client named it
    data: bytes
    included: shipped_files.Files
    cwd: str
    project: str
    options: CheckOptions


def check_files(paths: list[Path], options: CheckOptions) -> Iterator[Outcome[FileOutcome]]:
    """``check_bytes`` of every file on the cluster at ``options.scheduler``, in order."""
    assert options.scheduler is not None
    remote = remote_options(options)
    cwd, project = os.getcwd(), str(PROJECT_DIR)
    items = (_ship(path, remote, cwd, project) for path in paths)
    yield from map_ordered(
        check_shipment, items, address=options.scheduler, weight=_weight, largest=CHECK_BATCH
    )


def remote_options(options: CheckOptions) -> CheckOptions:
    """The options a worker checks with: one file at a time, and a schema named relative to
    this process's folder made absolute, so that a worker started elsewhere finds it."""
    schema, schematron = (
        None if value is None else Path(os.path.abspath(value))
        for value in (options.schema, options.schematron)
    )
    return replace(options, scheduler=None, jobs=1, schema=schema, schematron=schematron)


def _ship(path: Path, options: CheckOptions, cwd: str, project: str) -> Shipment | FileOutcome:
    """Read the file once (a refusal is the outcome at once); for a document with
    XInclude, expand it here to learn which files to ship along."""
    data, refusal = read_bytes(path, options.max_bytes)
    if refusal is not None:
        return FileOutcome(path, refusal.diagnostics)
    included: shipped_files.Files = {}
    if XI_NS.encode() in data:
        with shipped_files.recording() as included:
            parse_bytes(data, path, max_bytes=options.max_bytes, root=options.root)
    absolute = Path(os.path.abspath(path))
    return Shipment(absolute, str(path), data, included, cwd, project, options)


def _weight(item: Shipment | FileOutcome) -> int:
    if isinstance(item, FileOutcome):
        return 1
    return len(item.data) + sum(len(d or b"") for d in item.included.values()) + 2048


def check_shipment(item: Shipment | FileOutcome) -> FileOutcome:
    """On a worker: the checks of one shipped file, its paths shown as the client shows
    them; a file that runs past ``--timeout`` ends its worker (docs/scaling.md)."""
    if isinstance(item, FileOutcome):
        return item
    options = _rebased(item.options, Path(item.project))
    token = display_base.set((item.cwd, {str(item.path): item.shown}))
    try:
        with shipped_files.shipped(item.included), watchdog(options.timeout):
            outcome = check_bytes(item.data, item.path, options)
    finally:
        display_base.reset(token)
    return replace(outcome, path=Path(item.shown))


def _rebased(options: CheckOptions, client_project: Path) -> CheckOptions:
    """The package's own default schemas, where the package lives on this worker."""
    if client_project == PROJECT_DIR:
        return options
    moved = {}
    for name in ("default_schema", "default_schematron"):
        value = getattr(options, name)
        if value is not None and value.is_relative_to(client_project):
            moved[name] = PROJECT_DIR / value.relative_to(client_project)
    return replace(options, **moved) if moved else options


#: The topic of the events a watchdog sends before it ends its worker.
TIMEOUT_EVENTS = "edition-timeout"


@contextlib.contextmanager
def watchdog(timeout: float | None) -> Iterator[None]:
    """End this worker process if the block runs past ``timeout``: a running task cannot be
    stopped otherwise; Dask retries it once elsewhere, then reports it. A worker without a
    nanny is not ended: nothing would start it again, and a file that ran past the limit
    took the cluster's workers one by one (probe 55); there the limit is not kept
    (docs/scaling.md)."""
    worker = _current_worker()
    if timeout is None or (worker is not None and getattr(worker, "nanny", None) is None):
        yield
        return
    set_untimed_hook(_untimed)
    _WATCHDOG.arm(timeout, worker)
    try:
        yield
    finally:
        _WATCHDOG.disarm()


class _Watchdog:
    """One thread per worker process that watches the deadline of each task thread's item
    and ends the process (exit status 70) when one passes. A thread per item (a
    ``threading.Timer``) cost 0.2 ms each: 10,000 small files took 40% longer on a cluster
    than on the local pool, with the check's default limit of 60 s."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._deadlines: dict[int, float] = {}  # task thread -> when its item must be done
        # task thread -> what to tell before ending the process: its worker, its task's key
        # and the limit
        self._tasks: dict[int, tuple[Any, Any, float]] = {}
        self._left: dict[int, float] = {}  # task thread -> its time left, while it compiles
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, worker: Any = None) -> None:
        key = None
        if worker is not None:
            with contextlib.suppress(Exception):
                key = worker.get_current_task()
        with self._condition:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._watch, name="edition-watchdog", daemon=True
                )
                self._thread.start()
            self._deadlines[threading.get_ident()] = time.monotonic() + seconds
            self._tasks[threading.get_ident()] = (worker, key, seconds)
            self._condition.notify()

    def untimed(self, begins: bool) -> None:
        """The current thread's item compiles (``parallel.untimed``): its deadline waits."""
        thread = threading.get_ident()
        with self._condition:
            deadline = self._deadlines.get(thread)
            if deadline is None:
                return
            now = time.monotonic()
            if begins:
                self._left[thread] = max(0.0, deadline - now)
                limit = max(parallel.UNTIMED_LIMIT, self._tasks.get(thread, (None, None, 0.0))[2])
                self._deadlines[thread] = now + limit
            else:
                self._deadlines[thread] = now + self._left.pop(thread, 0.0)
            self._condition.notify()

    def disarm(self) -> None:
        with self._condition:
            self._deadlines.pop(threading.get_ident(), None)
            self._tasks.pop(threading.get_ident(), None)
            self._left.pop(threading.get_ident(), None)

    def _watch(self) -> None:
        with self._condition:
            while True:
                if not self._deadlines:
                    self._condition.wait()
                    continue
                thread, deadline = min(self._deadlines.items(), key=lambda pair: pair[1])
                if deadline - time.monotonic() <= 0:
                    self._tell(*self._tasks.get(thread, (None, None, 0.0)))
                    os._exit(70)
                self._condition.wait(deadline - time.monotonic())

    @staticmethod
    def _tell(worker: Any, key: Any, seconds: float) -> None:
        """Tell the scheduler that this task ran past its limit, so that the client reports
        a time limit, not a crash to report (``_Runner._timed_out``)."""
        if worker is None or key is None:
            return
        with contextlib.suppress(Exception):
            worker.log_event(TIMEOUT_EVENTS, {"key": str(key), "seconds": seconds})
            time.sleep(0.5)  # the worker's batched stream sends it within milliseconds


def _current_worker() -> Any:
    """The Dask worker running this task, or None (not on a worker)."""
    try:
        from distributed import get_worker

        return get_worker()
    except (ImportError, ValueError):
        return None


_WATCHDOG = _Watchdog()


def _untimed(begins: bool) -> None:
    _WATCHDOG.untimed(begins)  # the watchdog of this process, also after a fork


def _watchdog_after_fork() -> None:
    global _WATCHDOG
    _WATCHDOG = _Watchdog()  # the parent's thread and lock do not come along


os.register_at_fork(after_in_child=_watchdog_after_fork)
