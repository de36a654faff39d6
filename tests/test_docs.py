"""The README stays honest: every command and option it must document is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.cli import COMMANDS, build_parser
from audit.config import OPTIONS

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


@pytest.mark.parametrize("option", [o.name for o in OPTIONS] + ["config", "quiet"])
def test_every_audit_option_is_documented(option):
    assert f"`--{option}" in README


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command):
    assert f"kaikille {command}" in README


def test_parser_and_readme_agree_on_commands():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(COMMANDS)


def test_the_two_commands_are_in_the_readme():
    assert "./dev.sh demo" in README and "./dev.sh test" in README
    assert "./dev.sh test" in (Path(__file__).parent.parent / ".ci" / "run").read_text()
