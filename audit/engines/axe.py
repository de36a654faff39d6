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
from urllib.parse import urlsplit

from audit.model import AXE, IMPACTS, NEEDS_REVIEW, VIOLATION, Finding, Node
from audit.urls import registrable_domain
from audit.visit import page_text
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


MAX_FRAME_DEPTH = 8  # frames inside frames inside frames...: deeper ones are not audited
MAX_NODES = 500  # elements kept per rule and page; the count beyond is said in the summary
_RULE_ID = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


class AxeEngine:
    """axe-core as a kaikille engine. In every frame of the page, in a world of our own (page scripts
    can neither see nor change it), axe's ``runPartial`` audits that frame; ``finishRun`` then joins
    the parts, as axe's own integrations do. Frames of other sites are audited too, and their
    elements marked as third-party content."""

    name = AXE

    def __init__(self, script: AxeScript, options: dict[str, Any]) -> None:
        self.script = script
        self.options = options
        self.version = script.version
        self.criteria: tuple[str, ...] = ()  # what the chosen rules test, learnt from axe on the first page

    @classmethod
    def from_config(cls, config: Any) -> AxeEngine:
        """``config``: the run's settings (axe_script, standard, best_practice, rule, disable_rule)."""
        options = run_options(config.standard, config.best_practice, config.rule, config.disable_rule)
        return cls(load_axe(config.axe_script), options)

    async def analyze(self, page: Any) -> tuple[Finding, ...]:
        top = await page.top()
        partials: list[Any] = []
        await self._partial(page, top, None, 0, partials)
        if not self.criteria:
            tags = await top.call("o => axe.getRules(o.runOnly.values).filter(r => !(o.rules && o.rules[r.ruleId] && "
                                  "o.rules[r.ruleId].enabled === false)).flatMap(r => r.tags)", self.options)
            found = criteria_from_tags([t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [])
            self.criteria = tuple(c.sc for c in found)
        raw = await top.call("(parts, options) => axe.finishRun(parts, options)", partials, self.options)
        return convert(raw, self.version, page.url, await self._frame_urls(page, top, raw))

    async def _partial(self, page: Any, world: Any, context: Any, depth: int, partials: list[Any]) -> None:
        """axe in one frame, then in each of its frames, depth first (the order finishRun expects)."""
        await world.run(self.script.source)
        partials.append(await world.call("(c, o) => axe.runPartial(c ?? document, o)", context, self.options))
        children = await world.call("(c, o) => axe.utils.getFrameContexts(c ?? document, o)", context, self.options)
        for child in children if isinstance(children, list) else []:
            selector = child.get("frameSelector") if isinstance(child, dict) else None
            frame_id = await world.frame_id_of("s => axe.utils.shadowSelect(s)", selector) if selector else None
            inner = await page.world(frame_id) if frame_id and depth < MAX_FRAME_DEPTH else None
            if inner is None:
                partials.append(None)  # a frame that went away, or too deep: axe reports it as not run
                continue
            await self._partial(page, inner, child.get("frameContext"), depth + 1, partials)

    async def _frame_urls(self, page: Any, top: Any, raw: Any) -> dict[tuple[str, ...], str]:
        """The document URL of each frame that holds a flagged element, found by following the
        element's frame selectors from the top document, world by world."""
        paths: dict[tuple[str, ...], list[Any]] = {}
        for key in ("violations", "incomplete"):
            for rule in raw.get(key, []) if isinstance(raw, dict) and isinstance(raw.get(key), list) else []:
                for node in rule.get("nodes", []) if isinstance(rule, dict) and isinstance(rule.get("nodes"), list) else []:
                    target = node.get("target") if isinstance(node, dict) else None
                    if isinstance(target, list) and len(target) > 1:
                        paths.setdefault(tuple(_step(p) for p in target[:-1]), target[:-1])
        urls = {}
        for key, steps in list(paths.items())[:100]:
            world = top
            for step in steps:
                frame_id = await world.frame_id_of("s => axe.utils.shadowSelect(s)", step)
                world = await page.world(frame_id) if frame_id else None
                if world is None:
                    break
            if world is not None:
                urls[key] = world.url
        return urls


def _step(part: Any) -> str:
    # Shadow-DOM steps come as nested lists: join them with axe's own '>>>' notion of piercing.
    if isinstance(part, list):
        return " >>> ".join(page_text(p, 2000) for p in part)
    return page_text(part, 2000)


def help_url(rule_id: str, given: object, version: str) -> str:
    """The rule's help page: axe's own if it is an https: address at Deque University, else built
    from the rule id and axe's version. Never a link a page could have chosen."""
    if isinstance(given, str) and given.startswith("https://dequeuniversity.com/"):
        return given
    major_minor = ".".join(version.split(".")[:2])
    return f"https://dequeuniversity.com/rules/axe/{major_minor}/{rule_id}"


def _third_party(frame_url: str | None, page_url: str) -> bool:
    if not frame_url or not frame_url.startswith(("http://", "https://")):
        return False  # about:blank, srcdoc and data: frames belong to the page that made them
    frame_host, page_host = urlsplit(frame_url).hostname or "", urlsplit(page_url).hostname or ""
    return registrable_domain(frame_host) != registrable_domain(page_host)


def convert(raw: Any, version: str = "", page_url: str = "", frames: dict[tuple[str, ...], str] | None = None) -> tuple[Finding, ...]:
    """axe results -> kaikille Findings. 'incomplete' becomes needs-review, never a violation.
    Every value is checked: strings are page content (markup, selectors) and are cleaned and bounded."""
    if not isinstance(raw, dict):
        raise ValueError("axe-core gave no results object")
    frames = frames or {}
    findings = []
    for key, outcome in (("violations", VIOLATION), ("incomplete", NEEDS_REVIEW)):
        rules = raw.get(key, [])
        if not isinstance(rules, list):
            raise ValueError(f"axe-core's {key} is not a list")
        for rule in rules:
            if not isinstance(rule, dict) or not isinstance(rule.get("id"), str) or not _RULE_ID.match(rule["id"]):
                continue
            tags = tuple(page_text(t, 100) for t in rule.get("tags", []) if isinstance(t, str)) if isinstance(rule.get("tags"), list) else ()
            nodes = []
            for n in rule.get("nodes", []) if isinstance(rule.get("nodes"), list) else []:
                if not isinstance(n, dict):
                    continue
                target = tuple(_step(p) for p in n.get("target", [])) if isinstance(n.get("target"), list) else ()
                frame_url = frames.get(target[:-1]) if len(target) > 1 else None
                nodes.append(Node(target, page_text(n.get("html"), 5000), page_text(n.get("failureSummary"), 5000),
                                  frame_url=frame_url, third_party=_third_party(frame_url, page_url)))
            impact = rule.get("impact") if rule.get("impact") in IMPACTS else None
            findings.append(
                Finding(
                    rule_id=rule["id"],
                    outcome=outcome,
                    impact=impact,
                    help=page_text(rule.get("help"), 500),
                    description=page_text(rule.get("description"), 2000),
                    help_url=help_url(rule["id"], rule.get("helpUrl"), version),
                    tags=tags,
                    criteria=criteria_from_tags(tags),
                    nodes=tuple(nodes[:MAX_NODES]),
                    engine=AXE,
                )
            )
    findings.sort(key=lambda f: (f.outcome != VIOLATION, f.rule_id))
    return tuple(findings)
