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


def all_commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", all_commands())
def test_every_command_is_documented(command):
    assert f"kaikille {command}" in README


def test_the_locator_and_statement_commands_are_registered():
    assert {"locator", "app", "statement"} <= set(all_commands()) and set(COMMANDS) < set(all_commands())
    assert "kaikille statement build" in README and "kaikille statement check" in README


@pytest.mark.parametrize("option", ["--host", "--port", "--places", "--city", "--tiles", "--output", "--retries",
                                    "--results", "--previous", "--format", "--today"])
def test_locator_options_are_documented(option):
    assert f"{option} " in README or f"{option}]" in README


def test_the_two_commands_are_in_the_readme():
    assert "./dev.sh demo" in README and "./dev.sh test" in README
    assert "./dev.sh test" in (Path(__file__).parent.parent / ".ci" / "run").read_text()
