"""Placeholder until the html writer lands (being written in parallel); fails loudly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from .. import diagnostics as diag
from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from ..build import BuildContext


class HtmlBuilder:
    name: ClassVar[str] = "html"
    requires: ClassVar[tuple[str, ...]] = ("index",)

    def build(self, context: BuildContext, staging: Path) -> list[Diagnostic]:
        return [
            diag.error(
                "-", "build.not-implemented", "the html writer is not written yet", origin="html"
            )
        ]
