"""The project's exceptions; the CLI translates them to messages and exit codes at one place."""

from __future__ import annotations


class EditionError(Exception):
    """A problem the user can fix (bad option, missing file, locked output)."""


class ConfigError(EditionError):
    """``[tool.edition]`` in pyproject.toml is wrong."""


class StylesheetError(EditionError):
    """One of the stylesheets or a Schematron schema could not be compiled or run."""


class BuildLocked(EditionError):
    """Another build holds the lock of the output directory."""
