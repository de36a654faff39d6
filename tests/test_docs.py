"""The README stays honest: every command and every option of every command is documented, and the
defaults it states are the ones the options table (the one source) gives."""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from audit.cli import COMMANDS, build_parser
from audit.config import OPTIONS, AuditConfig

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def subcommands(parser: argparse.ArgumentParser, prefix: str = "kaikille") -> dict[str, argparse.ArgumentParser]:
    """Every command and sub-command: 'kaikille audit', 'kaikille statement build', ..."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[f"{prefix} {name}"] = sub
                found.update(subcommands(sub, f"{prefix} {name}"))
    return found


ALL = subcommands(build_parser())


def long_options() -> list[tuple[str, str]]:
    return sorted({(command, option) for command, parser in ALL.items() for action in parser._actions
                   for option in action.option_strings if option.startswith("--") and option != "--help"})


@pytest.mark.parametrize("command", sorted(ALL))
def test_every_command_is_documented(command):
    assert command in README


def documented_row(command: str) -> str:
    """The README's table row for a command ('| `kaikille merge RESULTS ... [--out DIR]` | ... |');
    the audit command's options are rows of its own CLI reference table."""
    if command == "kaikille audit":
        return "\n".join(line for line in README.splitlines() if line.startswith("| `--"))
    rows = [line for line in README.splitlines() if line.startswith(f"| `{command}") and
            (line[len(command) + 3] in " `")]
    assert rows, f"{command} has no row in a README command table"
    return rows[0]


@pytest.mark.parametrize("command, option", long_options())
def test_every_option_of_every_command_is_documented_in_its_row(command, option):
    if command in ("kaikille locator", "kaikille statement"):
        return  # only groups: their sub-commands have the options
    assert re.search(rf"{re.escape(option)}\b", documented_row(command)), f"{command} {option}"


def test_the_options_table_is_the_one_source_of_defaults():
    config_fields = {f.name: f.default for f in fields(AuditConfig)}
    assert set(config_fields) == {o.attr for o in OPTIONS} | {"urls"}
    for option in OPTIONS:
        assert config_fields[option.attr] == option.default, option.name


def readme_default(option: str) -> str:
    row = re.search(rf"^\| `--{re.escape(option)}[^`]*` \| ([^|]*) \|", README, re.MULTILINE)
    assert row, f"--{option} has no row in the README's CLI reference"
    return row.group(1).strip()


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: o.name)
def test_the_readme_states_each_default_as_the_table_has_it(option):
    stated = readme_default(option.name)
    default = option.default
    if option.regex and isinstance(default, str) and default:  # too long for a cell: written out in the text
        assert f"`{default}`" in README, option.name
        return
    if option.name in ("concurrency", "per-host"):  # from the machine's cores: the rule is stated
        from audit.config import default_concurrency

        assert stated == "2 per core" and default == default_concurrency()
        assert [default_concurrency(c) for c in (1, 2, 3, 4, 16)] == [2, 4, 6, 8, 8]
        return
    if default in (None, (), False, ""):
        assert stated in ("–", "off", "found", "bundled", "DIR/history.sqlite"), (option.name, stated)
    elif isinstance(default, tuple):
        assert stated == ("all" if option.name == "format" else ", ".join(default)), (option.name, stated)
    else:
        assert stated == str(default), (option.name, stated)


def test_the_plugin_commands_are_registered():
    assert {"kaikille locator", "kaikille app", "kaikille statement build", "kaikille statement check"} <= set(ALL)
    assert {f"kaikille {c}" for c in COMMANDS} < set(ALL)


def test_the_two_commands_are_in_the_readme():
    assert "./dev.sh demo" in README and "./dev.sh test" in README
    assert "./dev.sh test" in (ROOT / ".ci" / "run").read_text()


def test_every_rule_id_of_kaikilles_checks_is_documented():
    """Every finding a check can make takes its help text from the catalog: each such rule id is in
    the results documentation's table."""
    catalog = json.loads((ROOT / "audit" / "checks" / "locales" / "en.json").read_text("utf-8"))
    rules = {key.removesuffix(".help") for key in catalog if key.endswith(".help")}
    documented = set(re.findall(r"\| `kaikille/([a-z-]+)` \|", (ROOT / "docs" / "results.md").read_text("utf-8")))
    assert rules and rules == documented
