"""docs/cli.md is the contract: every documented command exists and answers --help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rammedesk.cli import COMMANDS, run

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def documented_commands() -> list[str]:
    return re.findall(r"^### `rammedesk ([a-z][a-z-]*)", DOC.read_text(encoding="utf-8"), re.M)


def test_every_command_is_documented() -> None:
    assert sorted(documented_commands()) == sorted(COMMANDS)


@pytest.mark.parametrize("command", documented_commands())
def test_documented_command_answers_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run([command, "--help"])
    assert info.value.code == 0
    assert f"rammedesk {command}" in capsys.readouterr().out
