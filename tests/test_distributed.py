"""`edition check --scheduler`: the Dask backend (pipeline/distributed.py) on a LocalCluster of
worker processes on loopback: the same reports as the local pool, no file lost when a worker
dies, one clear error when the scheduler cannot be reached, Dask imported only when asked."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SCHEMAS, SHARED, require_module

from pipeline import distributed, signals
from pipeline.check import CheckOptions, check
from pipeline.cli import cli
from pipeline.errors import ClusterError

require_module("distributed")  # the optional extra edition[dask]

SAMPLES = SHARED / "corpora" / "tei-samples"
TEI = "http://www.tei-c.org/ns/1.0"


def _report(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    payload = json.loads(result.output)
    del payload["summary"]["seconds"]
    return result.exit_code, json.dumps(payload, indent=1)


def test_a_local_cluster_gives_the_report_of_the_local_pool() -> None:
    """tei-samples (xi:include among them) and the test data: byte-identical JSON reports."""
    paths = [str(SAMPLES), str(ROOT / "tests" / "data")]
    local = _report([*paths, "--jobs", "2"])
    dask = _report([*paths, "--scheduler", "local:2"])
    assert dask == local
    assert local[0] == 1
    assert "(included by " in local[1]  # included files were shipped to the workers


def test_a_local_cluster_checks_against_tei_all_like_the_local_pool(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 12)
    args = [str(corpus), "--schema", str(SCHEMAS / "tei_all.rng")]
    assert _report([*args, "--scheduler", "local:2"]) == _report(args)


def _corpus(folder: Path, count: int) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(count), "--out", str(folder)],
        check=True,
        capture_output=True,
    )
    return folder


def _broken_files(folder: Path, count: int) -> list[Path]:
    """Files that each give exactly one diagnostic (not well-formed)."""
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"f{number:02d}.xml"
        path.write_text(f'<TEI xmlns="{TEI}"><p>{number}</TEI>\n')
        paths.append(path)
    return paths


def _lines(report: list[object]) -> list[str]:
    return [str(d) for d in report]


def _killing(tmp_path: Path, name: str, once: bool) -> object:
    """Dask config that makes every worker (the first ones, and those that replace the dead)
    kill itself when it meets the file ``name`` (only the first time, with ``once``)."""
    import dask
    import distributed  # noqa: F401

    # distributed's defaults must be in dask's config before a setting below them is made:
    # else the setting creates the "distributed" section, and leaving it removes the whole
    # section (defaults included) for the rest of this process ("KeyError: 'comm'").

    marker = tmp_path / "killed-once"
    script = tmp_path / "killer.py"
    script.write_text(
        "import os, signal\n"
        "from pathlib import Path\n"
        "import pipeline.distributed as distributed\n"
        "real = getattr(distributed.check_bytes, 'real', distributed.check_bytes)\n"
        "def check_bytes(data, path, options):\n"
        f"    if path.name == {name!r}:\n"
        f"        marker = Path({str(marker)!r})\n"
        f"        if not ({once!r} and marker.exists()):\n"
        "            marker.touch()\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(data, path, options)\n"
        "check_bytes.real = real\n"  # the preload may run twice in one process
        "distributed.check_bytes = check_bytes\n"
    )
    return dask.config.set({"distributed.worker.preload": [str(script)]})


def test_a_worker_killed_mid_run_loses_no_file(tmp_path: Path) -> None:
    """The worker that meets f05.xml first is killed; its tasks run again elsewhere."""
    paths = _broken_files(tmp_path / "corpus", 12)
    with _killing(tmp_path, "f05.xml", once=True):  # type: ignore[attr-defined]
        report = check(paths, CheckOptions(scheduler="local:2", checks=frozenset({"rng"})))
    assert (tmp_path / "killed-once").exists()
    assert sorted(d.path for d in report.diagnostics) == sorted(str(p) for p in paths)
    assert {d.code for d in report.diagnostics} == {"gate.not-well-formed"}


def test_a_file_that_kills_two_workers_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    paths = _broken_files(tmp_path / "corpus", 6)
    with _killing(tmp_path, "f03.xml", once=False):  # type: ignore[attr-defined]
        report = check(paths, CheckOptions(scheduler="local:2", checks=frozenset({"rng"})))
    by_path = {d.path: d.code for d in report.diagnostics}
    assert len(report.diagnostics) == len(paths)
    assert by_path.pop(str(paths[3])) == "check.worker-crash"
    assert set(by_path.values()) == {"gate.not-well-formed"}
    # probe 96: not "two worker processes died" (a nanny's memory limit restarts more), and
    # not "please report it" alone to a user whose file outgrew a worker's memory
    (crash,) = [d.message for d in report.diagnostics if d.code == "check.worker-crash"]
    assert "its worker processes died each time they ran it" in crash
    assert "more memory than the worker may take" in crash and "two" not in crash


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"/>')
    result = CliRunner().invoke(cli, ["check", str(path), "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
    # one line: no usage of the command (probe 55), whose options were right
    assert result.output.count("\n") == 1 and "Usage" not in result.output, result.output
    bad = CliRunner().invoke(cli, ["check", str(path), "--scheduler", "local:zero"])
    assert bad.exit_code == 2 and "local:N" in bad.output
    assert "cannot reach" not in bad.output and "Usage" not in bad.output, bad.output


def test_more_local_workers_than_cores_are_as_many_as_cores(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Probe 55: ``local:3`` on two cores ran three workers where ``--jobs 3`` warns and
    uses two; it does as ``--jobs`` does now."""
    from pipeline.cli import _local_cores

    cores = os.cpu_count() or 1
    assert _local_cores(f"local:{cores}") == f"local:{cores}"
    assert capsys.readouterr().err == ""
    assert _local_cores(f"local:{cores + 1}") == f"local:{cores}"
    assert "[cli.jobs]" in capsys.readouterr().err
    assert _local_cores("tcp://127.0.0.1:8786") == "tcp://127.0.0.1:8786"


def test_a_listener_that_answers_with_junk_is_no_scheduler(tmp_path: Path) -> None:
    """Probe 55: a server answering "HTTP/1.1 400 Bad Request" was "cannot reach the Dask
    scheduler at ...: MemoryError" (its words read as the length of a message)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]

    def answer() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = server.accept()
                with conn:
                    conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"/>')
    try:
        result = CliRunner().invoke(
            cli, ["check", str(path), "--scheduler", f"tcp://127.0.0.1:{port}"]
        )
    finally:
        server.close()
    assert result.exit_code == 2
    assert f"tcp://127.0.0.1:{port} is not a Dask scheduler" in result.output, result.output
    assert "MemoryError" not in result.output or "protocol" in result.output


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("tcp://127.0.0.1", "missing port number"),
        ("http://127.0.0.1:8787", "the scheme 'http' is not one of tcp, tls, ws, wss"),
        ("inproc://x", "names a scheduler inside one process"),
    ],
)
def test_an_address_no_scheduler_can_have_says_why(tmp_path: Path, address: str, why: str) -> None:
    """Probe 96: an address without a port, or of another scheme, was "not a Dask scheduler
    (what answers there does not speak Dask's protocol: ValueError)", though nothing had
    been asked; it is refused for what is wrong with it, exit 2."""
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"/>')
    result = CliRunner().invoke(cli, ["check", str(path), "--scheduler", address])
    assert result.exit_code == 2
    assert f"{address} is no scheduler address" in result.output and why in result.output
    assert "Traceback" not in result.output


def test_workers_that_leave_while_asked_for_their_code_are_asked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Probe 96: both workers killed as the client asked them for their code's version ended
    the run (exit 2, "in <TCP (closed) Scheduler Broadcast ...>: Stream is closed") though
    their nannies restarted them within a second; they are asked again, and a cluster that
    never answers is told without Dask's stream."""
    monkeypatch.setattr(distributed.time, "sleep", lambda seconds: None)

    class Client:
        def __init__(self, failures: int) -> None:
            self.failures = failures

        def run(self, function: Callable[[], str]) -> dict[str, str]:
            if self.failures:
                self.failures -= 1
                raise OSError(
                    "in <TCP (closed) Scheduler Broadcast local=tcp://a>: Stream is closed"
                )
            return {"tcp://w": function()}

    distributed._same_code(Client(2), "tcp://s:1")
    with pytest.raises(ClusterError) as raised:
        distributed._same_code(Client(3), "tcp://s:1")
    assert "(Stream is closed)" in str(raised.value) and "TCP (closed)" not in str(raised.value)


def test_the_scheduler_comes_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"/>')
    env = {"EDITION_SCHEDULER": "tcp://127.0.0.1:1"}
    result = CliRunner().invoke(cli, ["check", str(path)], env=env)
    assert result.exit_code == 2 and "tcp://127.0.0.1:1" in result.output
    assert "(the address comes from EDITION_SCHEDULER)" in result.output
    for local in ("none", ""):  # the command line says: here
        run = CliRunner().invoke(cli, ["check", str(path), "--scheduler", local], env=env)
        assert run.exit_code in (0, 1), run.output


def test_a_scheduler_of_the_configuration_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An address left in pyproject.toml is said to come from there; ``scheduler = ""`` (or
    "none") in the file is the local pool, as on the command line."""
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"/>')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EDITION_SCHEDULER", raising=False)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.edition]\nscheduler = "tcp://127.0.0.1:1"\n')
    result = CliRunner().invoke(cli, ["check", "a.xml"])
    assert result.exit_code == 2
    assert "comes from [tool.edition] scheduler in pyproject.toml" in result.output
    for local in ("", "none"):
        config.write_text(f'[tool.edition]\nscheduler = "{local}"\n')
        run = CliRunner().invoke(cli, ["check", "a.xml"])
        assert run.exit_code in (0, 1), run.output


def test_without_a_scheduler_dask_is_not_imported(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"/>')
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom pipeline.cli import cli\n"
        f"CliRunner().invoke(cli, ['check', {str(path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    env = {k: v for k, v in os.environ.items() if k != "EDITION_SCHEDULER"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.stdout.strip() == "[]", done.stderr[-2000:]


def test_a_distributed_check_stops_within_two_seconds(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 2000)  # a few seconds of work on a quiet machine
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "check",
        str(corpus),
        "--schema",
        str(SCHEMAS / "tei_all.rng"),
        "--scheduler",
        "local:2",
        "--stream",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True
    )
    # The report streams as files finish (each line flushed): its first line says the
    # workers are at work, with most of the corpus still to do. A fixed wait before the
    # signal was passed by the check itself once it had grown faster.
    assert process.stdout is not None
    process.stdout.readline()
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    took = time.monotonic() - sent
    if process.returncode in (0, 1):
        pytest.skip("the check finished before the signal (a fast machine)")
    # -SIGINT: the signal came while Python was still importing, before the CLI's handlers
    # (a loaded machine); the process died of it, which a shell reports as 130 too
    assert process.returncode in (130, -signal.SIGINT), err.decode()[-2000:]
    # it stopped rather than ran on (how soon is bench/bench_interrupts.py's to measure)
    assert took < 10.0, took
    assert b"Traceback" not in err
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True)
    assert left.stdout.strip() == "", "worker processes outlived the run"


def _dispositions() -> tuple[int, int]:
    return int(signal.getsignal(signal.SIGINT)), int(signal.getsignal(signal.SIGTERM))


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_local_clusters_workers_leave_ctrl_c_to_the_client(
    monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    """Probe 176: Ctrl-C while a local cluster started (the terminal sends it to every process
    of the command) printed 30 to 179 lines of tracebacks: a forked worker had the client's
    handler, which raised Interrupted in Dask's event loop. Its workers, forked or spawned,
    ignore it (the client closes them) and die of SIGTERM (their nanny's)."""
    monkeypatch.setattr(distributed, "_start_method", lambda: method)
    previous = signal.signal(signal.SIGINT, signals.handler)  # as the CLI runs
    try:
        with distributed.connect("local:2") as client:
            seen = client.run(_dispositions)
    finally:
        signal.signal(signal.SIGINT, previous)
    ignored = (int(signal.SIG_IGN), int(signal.SIG_DFL))
    assert len(seen) == 2 and set(seen.values()) == {ignored}, seen
    # and the hook of forks is off once the cluster is closed (the local pool's workers
    # set their own)
    assert not distributed._forking_workers


def test_batches_grow_from_the_small_size_up_to_the_cap() -> None:
    from pipeline.distributed import BATCH_WEIGHT, _batches

    item = BATCH_WEIGHT // 4
    sizes = [len(b) for b in _batches(range(100), lambda _: item, cap=4 * BATCH_WEIGHT)]
    # 4 items fill the first batch, then 8, then 16 (the cap), and the rest
    assert sizes == [4, 8, 16, 16, 16, 16, 16, 8]
    batches = list(_batches(range(100), lambda _: item, cap=4 * BATCH_WEIGHT))
    assert [index for batch in batches for index, _ in batch] == list(range(100))
    # without a larger cap, every batch has the small size
    assert {len(b) for b in _batches(range(40), lambda _: item)} == {4}


def test_larger_batches_keep_every_worker_thread_fed_within_the_memory_bound() -> None:
    from pipeline.distributed import BATCH_WEIGHT, CHECK_BATCH, IN_FLIGHT, batch_limits

    assert batch_limits(2, BATCH_WEIGHT) == (BATCH_WEIGHT, 16)  # the build: as before
    for threads in (1, 2, 8, 64, 1000):
        cap, window = batch_limits(threads, CHECK_BATCH)
        assert BATCH_WEIGHT <= cap <= CHECK_BATCH
        assert window >= 2 * threads  # a batch running and one waiting on each thread
        assert cap * window <= max(IN_FLIGHT, 2 * threads * BATCH_WEIGHT)
    assert batch_limits(2, CHECK_BATCH)[0] == CHECK_BATCH  # two workers: the largest


def test_a_run_in_growing_batches_gives_every_outcome_in_order() -> None:
    import operator

    from pipeline.distributed import BATCH_WEIGHT, map_ordered

    outcomes = list(
        map_ordered(
            operator.neg,
            range(200),
            address="local:2",
            weight=lambda _: BATCH_WEIGHT // 8,
            largest=8 * BATCH_WEIGHT,
        )
    )
    assert [o.index for o in outcomes] == list(range(200))
    assert [o.result() for o in outcomes] == [-i for i in range(200)]


def test_the_watchdog_ends_the_process_when_an_item_runs_past_its_limit() -> None:
    script = (
        "import time\n"
        "from pipeline.distributed import watchdog\n"
        "with watchdog(0.3):\n"
        "    time.sleep(5)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=30)
    assert done.returncode == 70
    assert time.monotonic() - started < 4


def test_the_watchdog_waits_while_an_item_compiles_for_the_run() -> None:
    """What a worker compiles on its first item (a schema: ``parallel.untimed``) is not on
    that item's time; the item's own work still is, and so is a compile that never ends."""
    script = (
        "import sys, time\n"
        "from pipeline import parallel\n"
        "from pipeline.distributed import watchdog\n"
        "parallel.UNTIMED_LIMIT = float(sys.argv[1])\n"
        "with watchdog(0.5):\n"
        "    with parallel.untimed():\n"
        "        time.sleep(1.0)\n"
        "    time.sleep(0.3)\n"
        "print('compiled', flush=True)\n"
        "with watchdog(0.5):\n"
        "    time.sleep(float(sys.argv[2]))\n"
    )
    run = functools.partial(subprocess.run, cwd=ROOT, timeout=30, capture_output=True, text=True)
    done = run([sys.executable, "-c", script, "30", "0.1"])
    assert (done.returncode, done.stdout.strip()) == (0, "compiled"), done.stderr[-2000:]
    done = run([sys.executable, "-c", script, "30", "2"])  # past the limit after a compile
    assert (done.returncode, done.stdout.strip()) == (70, "compiled")
    done = run([sys.executable, "-c", script, "0.6", "0.1"])  # the compile past its own
    assert (done.returncode, done.stdout.strip()) == (70, "")


def test_the_watchdog_ends_no_worker_without_a_nanny() -> None:
    """Probe 55: on workers started with --no-nanny, a file past the time limit ended its
    worker, which nothing started again, then the next: the cluster was left with none. A
    worker without a nanny (here: one in the process, as --no-nanny has) is not ended."""
    script = (
        "import time\n"
        "from distributed import Client, LocalCluster\n"
        "from pipeline.distributed import watchdog\n"
        "def slow(pause):\n"
        "    with watchdog(0.2):\n"
        "        time.sleep(pause)\n"
        "    return 'survived'\n"
        "if __name__ == '__main__':\n"
        "    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as c:\n"
        "        with Client(c) as client:\n"
        "            print(client.submit(slow, 0.8).result())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, timeout=60, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout.strip()) == (0, "survived"), done.stderr[-2000:]


def test_the_watchdog_keeps_one_thread_for_many_items() -> None:
    """A thread per item cost 0.2 ms each; one thread watches every item's deadline, each
    task thread's own (a Dask worker may run several at once)."""
    script = (
        "import threading, time\n"
        "from pipeline.distributed import watchdog\n"
        "for _ in range(20000):\n"
        "    with watchdog(60):\n"
        "        pass\n"
        "assert threading.active_count() == 2, threading.enumerate()\n"
        "def slow_then_fast(pause):\n"
        "    with watchdog(1.0):\n"
        "        time.sleep(pause)\n"
        "threads = [threading.Thread(target=slow_then_fast, args=(p,)) for p in (0.6, 0.1)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "time.sleep(1.2)  # each item ended within its own limit: nobody is ended\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=60)
    assert done.returncode == 0


def test_a_file_past_the_time_limit_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    import dask
    import distributed  # noqa: F401  (its defaults first: see _killing)

    paths = _broken_files(tmp_path / "corpus", 4)
    script = tmp_path / "slow.py"
    script.write_text(
        "import time\n"
        "import pipeline.distributed as distributed\n"
        "real = getattr(distributed.check_bytes, 'real', distributed.check_bytes)\n"
        "def check_bytes(data, path, options):\n"
        "    if path.name == 'f02.xml':\n"
        "        time.sleep(30)\n"
        "    return real(data, path, options)\n"
        "check_bytes.real = real\n"
        "distributed.check_bytes = check_bytes\n"
    )
    with dask.config.set({"distributed.worker.preload": [str(script)]}):
        options = CheckOptions(scheduler="local:2", checks=frozenset({"rng"}), timeout=1.0)
        report = check(paths, options)
    by_path = {d.path: d for d in report.diagnostics}
    assert len(report.diagnostics) == len(paths)
    # a time limit, said as the local pool says it (probe 55: "ended its worker process ...
    # please report it"): the watchdog told the scheduler before it ended its worker
    slow = by_path.pop(str(paths[2]))
    assert (slow.code, slow.message) == (
        "check.timeout",
        "checking this file took too long (stopped after 1 s): split the file or raise --timeout",
    )
    assert {d.code for d in by_path.values()} == {"gate.not-well-formed"}


def test_a_listener_that_is_no_scheduler_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A port where something else listens (a web server, the dashboard, a silent service)
    is no scheduler: one line and exit 2 within the connection time, not a hang."""
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 2)
    path = tmp_path / "a.xml"
    path.write_text(f'<TEI xmlns="{TEI}"/>')
    with socket.socket() as server:  # accepts, and never says a word
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        port = server.getsockname()[1]
        started = time.monotonic()
        result = CliRunner().invoke(
            cli, ["check", str(path), "--scheduler", f"tcp://127.0.0.1:{port}"]
        )
    assert result.exit_code == 2, result.output
    assert "no Dask scheduler answered within 2 s" in result.output
    assert "Traceback" not in result.output and time.monotonic() - started < 10


def test_a_workers_address_is_refused_and_the_schedulers_accepted(tmp_path: Path) -> None:
    """A scheduler and a worker started by hand (processes of their own, as on a cluster):
    the scheduler's address is taken, the worker's refused by name."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dask = str(Path(sys.executable).parent / "dask")
    address = f"tcp://127.0.0.1:{port}"
    log = tmp_path / "worker.log"
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--dashboard-address", "127.0.0.1:0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                distributed._handshake(address)
                break
            except ClusterError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        with log.open("w") as out:
            worker = subprocess.Popen(
                [dask, "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                 "--no-nanny", "--no-dashboard"],
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        found = None
        while found is None and time.monotonic() < deadline:
            time.sleep(0.5)
            found = re.search(r"Start worker at:\s*(tcp://\S+)", log.read_text())
        assert found, log.read_text()
        with pytest.raises(ClusterError, match=r"not a Dask scheduler .*Worker"):
            distributed._handshake(found.group(1))
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.kill()
                process.wait(10)


class _Client:
    """What pipeline.distributed asks of a Dask client, answering as told."""

    def __init__(self, answer: object = None, status: str = "running") -> None:
        self.answer = answer
        self.status = status
        self.scheduler = object()

    def run(self, function: object) -> object:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def test_workers_without_the_package_or_with_other_code_are_refused() -> None:
    missing = _Client(Exception("ModuleNotFoundError(\"No module named 'pipeline'\")"))
    with pytest.raises(ClusterError, match="cannot import the edition package"):
        distributed._same_code(missing, "tcp://h:8786")
    other = _Client({"tcp://w1": distributed.code_digest(), "tcp://w2": "0" * 64})
    with pytest.raises(ClusterError, match=r"1 Dask worker\(s\) .* run other code.*tcp://w2"):
        distributed._same_code(other, "tcp://h:8786")
    distributed._same_code(_Client({"tcp://w1": distributed.code_digest()}), "tcp://h:8786")


def test_a_lost_scheduler_stops_the_run_with_no_verdict() -> None:
    runner = distributed._Runner(_Client(status="closed"), len, 4)
    with pytest.raises(ClusterError, match="lost the Dask scheduler mid-run"):
        list(runner.run(iter([[(0, "a")]])))


class _Scatterer(_Client):
    """A client whose scatter fails as told, then places the data."""

    def __init__(self, failures: list[Exception]) -> None:
        super().__init__()
        self.failures = failures

    def scatter(self, items: list[object], **options: object) -> list[object]:
        if self.failures:
            raise self.failures.pop(0)
        return items


def test_a_worker_leaving_as_the_files_are_placed_is_no_failure() -> None:
    """The scheduler placing scattered data on a worker that just died answers KeyError of
    the worker's address (seen in CI while a test killed workers): the files go to another;
    a KeyError of anything else is a fault and is raised."""
    gone = KeyError("tcp://127.0.0.1:42131")
    runner = distributed._Runner(_Scatterer([gone, OSError("closed")]), len, 4)
    assert runner._scatter(["a", "b"]) == ["a", "b"]
    runner = distributed._Runner(_Scatterer([KeyError("something")]), len, 4)
    with pytest.raises(KeyError):
        runner._scatter(["a"])


def test_a_relative_schema_is_made_absolute_for_the_workers(tmp_path: Path) -> None:
    options = CheckOptions(schema=Path("schemas/x.rng"), schematron=None, scheduler="local:2")
    remote = distributed.remote_options(options)
    assert remote.schema == Path(os.getcwd()) / "schemas/x.rng"
    assert remote.scheduler is None and remote.jobs == 1


def test_a_local_clusters_scratch_left_by_a_killed_run_is_swept(tmp_path: Path) -> None:
    """Probe 101: a build on a local cluster killed with -9 left its scratch folder in the
    system's temporary folder, and nothing removed it (36 of them on one machine). The next
    run removes those of processes no longer running, never one of a run still going."""
    import tempfile

    from pipeline import distributed

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    dead = Path(tempfile.gettempdir()) / f"edition-dask-{ended.stdout.strip()}-probe"
    living = Path(tempfile.mkdtemp(prefix=f"edition-dask-{os.getpid()}-"))
    (dead / "worker-x").mkdir(parents=True)
    made = Path(distributed._scratch())
    try:
        assert not dead.exists() and living.is_dir() and made.is_dir()
        assert made.name.startswith(f"edition-dask-{os.getpid()}-")
    finally:
        for folder in (living, made):
            shutil.rmtree(folder, ignore_errors=True)
