"""Ctrl-C and SIGTERM as an ``Interrupted`` exception that cannot be lost.

Python runs a signal handler in the main thread between two bytecodes, which may be inside an
object's finalizer; an exception raised there is printed and dropped, and the run would go on.
So the handler also records the signal, and the places that wait (the worker pool, the steps
of the build) call ``check`` to raise it again if it was dropped.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any

from .errors import Interrupted

_pending: int | None = None


def handler(signum: int, frame: FrameType | None) -> None:
    """The signal handler the CLI installs for SIGINT and SIGTERM."""
    global _pending
    _pending = signum
    raise Interrupted(signum)


def check() -> None:
    """Raise ``Interrupted`` if a signal arrived whose exception was dropped."""
    if _pending is not None:
        raise Interrupted(_pending)


def reset() -> None:
    global _pending
    _pending = None


SIGNALS = (signal.SIGINT, signal.SIGTERM)


def quiet_dropped_interrupts() -> None:
    """Print nothing for an ``Interrupted`` raised where Python can only drop it (a
    finalizer, a fork hook): Python's default prints a traceback, while ``check`` raises
    the interrupt again and the command ends with its one line."""
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, Interrupted):
            return
        previous(unraisable)

    sys.unraisablehook = hook
