"""What a builder is: a named writer with a short lifecycle over the normalized corpus.

A builder reads ``BuildContext`` (normalized texts, registers, products of earlier builders)
and writes its whole output into the staging folder it is given; ``pipeline.build`` swaps
that folder into ``OUT/<name>/`` only when the builder reported no error of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from ..diagnostics import Diagnostic

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
