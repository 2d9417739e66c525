"""The code stays as STYLE.md asks: ruff clean and formatted, mypy --strict clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "pipeline", "tests", "bench"],
        ["ruff", "format", "--check", "pipeline", "tests", "bench"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_is_clean(command: list[str]) -> None:
    tool = BIN / command[0]
    if not tool.exists():
        pytest.fail(f"{command[0]} is not installed in the test environment")
    result = subprocess.run(
        [str(tool), *command[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
