"""What every kaikille check needs: the JS kit in the page's isolated world, findings in the same
model as axe's (with the criterion, level, EN 301 549 clause and a help text from the catalogs),
and a link to W3C's explanation of the criterion."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from audit.model import VIOLATION, Finding, Node
from audit.visit import page_text
from kaikille.catalogs import text
from kaikille.wcag import criteria_table

ENGINE = "kaikille"
IMPACT = {"violation": "serious", "needs-review": "moderate"}


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)


@cache
def kit_source() -> str:
    return resources.files("audit.checks").joinpath("kit.js").read_text("utf-8")


async def kit(page: Any) -> Any:
    """The top document's world with the kit loaded (once per world)."""
    world = await page.top()
    await world.run(kit_source())
    return world


def understanding_url(sc: str) -> str:
    handle = criteria_table()[sc].handle
    slug = re.sub(r"[^a-z0-9]+", "-", handle.lower()).strip("-")
    return f"https://www.w3.org/WAI/WCAG21/Understanding/{slug}.html"


def t(key: str, language: str = "en", **params: object) -> str:
    return text("audit.checks", language, key, **params)


def node(info: dict[str, Any], summary: str) -> Node:
    return Node((page_text(info.get("selector"), 1000) or "html",), page_text(info.get("html"), 2000), summary)


def finding(rule: str, outcome: str, criteria: tuple[str, ...], nodes: list[Node], impact: str | None = None,
            help_url: str = "") -> Finding:
    """A kaikille finding: rule id ``kaikille/<rule>``, texts from the catalog (``<rule>.help``,
    ``<rule>.description``), the criteria from the WCAG table; a rule that no WCAG criterion covers
    (a legal requirement) gives its own ``help_url``."""
    table = criteria_table()
    return Finding(
        rule_id=f"kaikille/{rule}",
        outcome=outcome,
        impact=impact or IMPACT[outcome],
        help=t(f"{rule}.help"),
        description=t(f"{rule}.description"),
        help_url=understanding_url(criteria[0]) if criteria else help_url,
        tags=("kaikille", *(f"wcag{sc.replace('.', '')}" for sc in criteria)),
        criteria=tuple(table[sc] for sc in criteria),
        nodes=tuple(nodes),
        engine=ENGINE,
    )


__all__ = ["VIOLATION", "CheckResult", "finding", "kit", "node", "t"]
