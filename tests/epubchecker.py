"""epubcheck for the test suite: one JVM per test process, kept running, that checks the books
it is handed one after another (tests/tools/EpubCheckBatch.java, run from its source).

A JVM per book cost about four seconds of CPU each (start, class loading, epubcheck's
schemas), and the suite checks some seventy books; the running JVM checks a small book in
0.3 to 0.9 s. Where the JVM cannot run the source (a Java runtime without its compiler
module), or stops, each book gets a JVM of its own as before: the verdict is the same, read
from the same output.
"""

from __future__ import annotations

import atexit
import select
import subprocess
from pathlib import Path

SOURCE = Path(__file__).parent / "tools" / "EpubCheckBatch.java"
#: a JVM per book is short-lived: the quick JIT alone halves its CPU time (9 s -> 4.7 s)
ONE_BOOK_FLAGS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
#: what a book may take before the check is called hung
TIMEOUT = 600.0


class Checker:
    """epubcheck's command line, asked book by book of one running JVM."""

    def __init__(self, java: str, jar: Path) -> None:
        self.java, self.jar = java, jar
        self.process: subprocess.Popen[bytes] | None = None
        self.broken = False

    def check(self, book: Path) -> tuple[int, str]:
        """epubcheck's exit status and everything it printed for ``book``."""
        if not self.broken:
            answer = self._ask(book)
            if answer is not None:
                return answer
            self.broken = True
        run = subprocess.run(
            [self.java, *ONE_BOOK_FLAGS, "-jar", str(self.jar), str(book)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        return run.returncode, run.stdout + run.stderr

    def _ask(self, book: Path) -> tuple[int, str] | None:
        if "\n" in str(book):
            return None
        if self.process is None:
            self.process = subprocess.Popen(
                [self.java, "-XX:+UseSerialGC", "-cp", str(self.jar), str(SOURCE)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                # what the JVM says of itself (a missing compiler module) is not epubcheck's
                # verdict: the book is then checked by a JVM of its own, whose output is read
                stderr=subprocess.DEVNULL,
            )
            atexit.register(self.close)
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(f"{book}\n".encode())
            self.process.stdin.flush()
        except BrokenPipeError:
            return None
        # the answers are read whole, so nothing is left in the reader's buffer to wait on
        ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
        if not ready:
            self.close()
            raise TimeoutError(f"epubcheck took more than {TIMEOUT} s on {book}")
        header = self.process.stdout.readline().split()
        if len(header) != 2:
            self.close()
            return None
        status, size = int(header[0]), int(header[1])
        return status, self.process.stdout.read(size).decode("utf-8", "replace")

    def close(self) -> None:
        if self.process is not None:
            if self.process.stdin is not None:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
