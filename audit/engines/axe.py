"""The axe-core engine: find the script, build run options, run it in a loaded page, convert its
results into Findings at the edge.

Runs through the ``LoadedPage`` the browser stage hands over; this module does not import Playwright.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.model import AXE, NEEDS_REVIEW, VIOLATION, Finding, Node
from kaikille.errors import UsageError
from kaikille.wcag import BEST_PRACTICE_TAG, STANDARD_TAGS, criteria_from_tags

_VERSION_RE = re.compile(r"axe v(\d+\.\d+\.\d+\S*)")


@dataclass(frozen=True)
class AxeScript:
    source: str
    version: str
    path: str


def bundled_axe_path() -> Path:
    """axe.min.js shipped by the axe-playwright-python package (found without importing it)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError("the axe-playwright-python package is not installed: run `pip install -e .` first")
    return Path(next(iter(spec.submodule_search_locations))) / "axe.min.js"


def load_axe(path: str | Path | None = None) -> AxeScript:
    """Read axe-core from ``path`` (a user's newer axe.min.js) or from the bundled package."""
    target = Path(path) if path else bundled_axe_path()
    try:
        source = target.read_text("utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read axe-core script {target}: {exc.strerror or exc}") from exc
    match = _VERSION_RE.search(source[:400])
    if not match:
        raise UsageError(f"{target} does not look like axe-core (no 'axe vX.Y.Z' banner)")
    return AxeScript(source=source, version=match.group(1), path=str(target))


def run_options(
    standard: str = "wcag21aa",
    best_practice: bool = False,
    include_rules: tuple[str, ...] = (),
    exclude_rules: tuple[str, ...] = (),
) -> dict[str, Any]:
    """axe.run options: rules chosen by tags, plus single rules switched on or off."""
    if standard not in STANDARD_TAGS:
        raise UsageError(f"unknown standard {standard!r}: choose one of {', '.join(STANDARD_TAGS)}")
    tags = list(STANDARD_TAGS[standard]) + ([BEST_PRACTICE_TAG] if best_practice else [])
    options: dict[str, Any] = {
        "runOnly": {"type": "tag", "values": tags},
        "resultTypes": ["violations", "incomplete"],
    }
    rules = {r: {"enabled": True} for r in include_rules}
    rules.update({r: {"enabled": False} for r in exclude_rules})
    if rules:
        options["rules"] = rules
    return options


class AxeEngine:
    """axe-core as a kaikille engine: injected into the page and each of its frames, run from the
    top document (axe reaches into the frames that have it loaded)."""

    name = AXE

    def __init__(self, script: AxeScript, options: dict[str, Any]) -> None:
        self.script = script
        self.options = options
        self.version = script.version

    @classmethod
    def from_config(cls, config: Any) -> AxeEngine:
        """``config``: the run's settings (axe_script, standard, best_practice, rule, disable_rule)."""
        options = run_options(config.standard, config.best_practice, config.rule, config.disable_rule)
        return cls(load_axe(config.axe_script), options)

    async def analyze(self, page: Any) -> tuple[Finding, ...]:
        await page.evaluate_in_frames(self.script.source)
        raw = await page.evaluate("options => axe.run(document, options)", self.options)
        return convert(raw)


def _target(raw: list[Any]) -> tuple[str, ...]:
    # Shadow-DOM steps come as nested lists: join them with axe's own '>>>' notion of piercing.
    return tuple(" >>> ".join(part) if isinstance(part, list) else str(part) for part in raw)


def convert(raw: dict[str, Any]) -> tuple[Finding, ...]:
    """axe results -> kaikille Findings. 'incomplete' becomes needs-review, never a violation."""
    findings = []
    for key, outcome in (("violations", VIOLATION), ("incomplete", NEEDS_REVIEW)):
        for rule in raw.get(key, []):
            tags = tuple(rule.get("tags", []))
            nodes = tuple(
                Node(_target(n.get("target", [])), n.get("html", ""), n.get("failureSummary") or "")
                for n in rule.get("nodes", [])
            )
            findings.append(
                Finding(
                    rule_id=rule["id"],
                    outcome=outcome,
                    impact=rule.get("impact"),
                    help=rule.get("help", ""),
                    description=rule.get("description", ""),
                    help_url=rule.get("helpUrl", ""),
                    tags=tags,
                    criteria=criteria_from_tags(tags),
                    nodes=nodes,
                    engine=AXE,
                )
            )
    findings.sort(key=lambda f: (f.outcome != VIOLATION, f.rule_id))
    return tuple(findings)
