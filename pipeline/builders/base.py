"""What a builder is: a named writer with a short lifecycle over the normalized corpus.

A builder reads ``BuildContext`` (normalized texts, registers, products of earlier builders)
and writes its whole output into the staging folder it is given; ``pipeline.build`` swaps
that folder into ``OUT/<name>/`` only when the builder reported no error of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from .. import diagnostics as diag
from ..diagnostics import Diagnostic
from ..errors import EditionError
from ..parallel import MEMORY_ADVICE, Failed

if TYPE_CHECKING:
    from ..build import BuildContext


class Builder(Protocol):
    #: The output's name: the folder under OUT and the value of ``--only``.
    name: ClassVar[str]
    #: Builders whose products this one reads (they run first, even with ``--only``).
    requires: ClassVar[tuple[str, ...]]

    def build(self, context: BuildContext, staging: Path) -> list[Diagnostic]:
        """Write the output into ``staging``; problems are returned, never printed."""
        ...


def kept_last_good(path: str, what: str) -> Diagnostic:
    """The warning for a text whose new output failed and whose last published one stays."""
    return diag.warning(
        path,
        "build.kept-last-good",
        f"the {what} of the last good build is published again until this text builds",
        origin="build",
    )


def task_failure(failed: Failed) -> str:
    """Why a text's task in a worker produced nothing, for its diagnostic."""
    if failed.kind == "timeout":
        return f"rendering took too long ({failed.message}): split the text or raise --timeout"
    if failed.kind == "crash":
        return f"rendering stopped: {failed.message}: {MEMORY_ADVICE}"
    if isinstance(failed.error, EditionError):
        return str(failed.error)
    return f"internal error ({failed.message}); please report it"
