"""The registry of builders, in the order they run (the index feeds HTML and EPUB)."""

from __future__ import annotations

from .base import Builder
from .epub import EpubBuilder
from .html import HtmlBuilder
from .index import IndexBuilder

BUILDERS: tuple[type[Builder], ...] = (IndexBuilder, HtmlBuilder, EpubBuilder)

__all__ = ["BUILDERS", "Builder"]
