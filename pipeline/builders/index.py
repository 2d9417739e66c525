"""Placeholder until the index writer lands (being written in parallel); fails loudly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from .. import diagnostics as diag
from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from ..build import BuildContext


class IndexBuilder:
    name: ClassVar[str] = "index"
    requires: ClassVar[tuple[str, ...]] = ()

    def build(self, context: BuildContext, staging: Path) -> list[Diagnostic]:
        return [
            diag.error(
                "-", "build.not-implemented", "the index writer is not written yet", origin="index"
            )
        ]
