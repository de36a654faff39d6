"""Running kaikille over the W3C ACT rules' test cases (../shared/act), as W3C's implementation
reports do: per case an outcome (failed, cantTell, passed), compared with the case's expectation.

Used by tests/test_act.py (a few rules, in the suite) and bench/act.py (all 1,213 cases). The
cases are served from 127.0.0.1; a case that loads anything from another host needs the network
and is left out of the counts, as the suite's README asks.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from pathlib import Path

from audit.browser import BrowserSession
from audit.checks import page_checks, site_checks
from audit.conductor import Analysis, Conductor, apply_site_checks
from audit.config import AuditConfig
from audit.engines import build_engines
from audit.frontier import ListFrontier, Target, plan
from audit.model import NEEDS_REVIEW, VIOLATION, AuditReport, PageResult, RunMeta
from audit.sites import SiteSpec

ACT = Path(__file__).resolve().parent.parent.parent / "shared" / "act"
ASSETS = ACT / "WAI" / "content-assets" / "wcag-act-rules"
# Which of our findings implement which ACT rule (kaikille's own checks first; axe's rules for the
# ACT rules axe implements, so the report covers everything kaikille runs).
IMPLEMENTS: dict[str, tuple[str, ...]] = {
    "80af7b": ("kaikille/keyboard-trap",),
    "a1b64e": ("kaikille/keyboard-trap",),
    "ebe86a": ("kaikille/keyboard-trap",),
    "oj04fd": ("kaikille/focus-visible",),
    "59br37": ("kaikille/text-clipped",),
    "b33eff": ("kaikille/orientation", "css-orientation-lock"),
    "b4f0c3": ("kaikille/viewport-zoom", "meta-viewport"),
    "cf77f2": ("kaikille/bypass", "bypass"),
}
_LOADS_ELSEWHERE = re.compile(
    r"""(?:\bsrc|\bdata|\bposter|<link[^>]*\bhref)\s*=\s*["']?(?:https?:)?//(?!127\.0\.0\.1)|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    rule: str
    id: str
    title: str
    expected: str  # passed | failed | inapplicable
    path: str  # under the served root
    criteria: tuple[str, ...]

    @property
    def file(self) -> Path:
        return ACT / self.path.lstrip("/")


def available() -> bool:
    return (ASSETS / "testcases.json").is_file()


def cases(rules: tuple[str, ...] | None = None) -> list[Case]:
    data = json.loads((ASSETS / "testcases.json").read_text("utf-8"))
    found = []
    for tc in data["testcases"]:
        if rules is not None and tc["ruleId"] not in rules:
            continue
        path = tc["relativePath"]
        path = path if path.startswith("/") else "/WAI/content-assets/wcag-act-rules/" + path
        requirements = tc.get("ruleAccessibilityRequirements") or {}
        criteria = tuple(key.split(":", 1)[1] for key in requirements if key.startswith(("wcag20:", "wcag21:", "wcag22:")))
        found.append(Case(tc["ruleId"], tc["testcaseId"], tc["testcaseTitle"], tc["expected"], path, criteria))
    return found


def needs_network(case: Case) -> bool:
    """The case loads something from another host (or a media file that is not in the set)."""
    try:
        text = case.file.read_text("utf-8", errors="replace")
    except OSError:
        return True
    return bool(_LOADS_ELSEWHERE.search(text))


async def audit_cases(base: str, chosen: list[Case], executable: str, checks: tuple[str, ...] = ("all",),
                      concurrency: int = 2, timeout: int = 30) -> dict[str, PageResult]:
    """Every case loaded once in one Chromium, axe and kaikille's checks run on it: case path -> page."""
    config = AuditConfig(urls=(base,), checks=checks, timeout=timeout, max_depth=0)
    analysis = Analysis(build_engines(config), page_checks(config))
    site = plan(SiteSpec(base), config)
    targets = [Target(base.rstrip("/") + c.path, 0, None) for c in chosen]
    async with BrowserSession(executable, float(timeout)) as session:
        conductor = Conductor(session, analysis, timeout=float(timeout), concurrency=concurrency, per_host=concurrency)
        frontier = await conductor.crawl(ListFrontier(site, targets, set()))
    pages = {p.url: p for p in frontier.pages}
    by_path = {}
    for c in chosen:
        page = pages.get(base.rstrip("/") + c.path)
        if page is not None:
            by_path[c.path] = page
    return by_path


def site_findings(pages: list[PageResult], config: AuditConfig) -> list[PageResult]:
    meta = RunMeta("kaikille", "", (), "", "", "", "", {})
    return list(apply_site_checks(AuditReport(meta, tuple(pages)), site_checks(config)).pages)


def outcome(page: PageResult | None, rule_ids: tuple[str, ...]) -> str:
    """failed (a violation by one of the rules), cantTell (needs review), passed (nothing), or
    untested (the page could not be audited)."""
    if page is None or page.error:
        return "untested"
    mine = [f for f in page.findings if f.rule_id in rule_ids]
    if any(f.outcome == VIOLATION for f in mine):
        return "failed"
    if any(f.outcome == NEEDS_REVIEW for f in mine):
        return "cantTell"
    return "passed"


def consistent(expected: str, got: str) -> bool:
    """W3C's consistency: a failed case reported failed or cantTell; no passed or inapplicable case
    failed. An untested case (e.g. an SVG or XML file, which kaikille does not audit as a page) counts
    against coverage, not consistency, as in W3C's reports."""
    if got == "untested":
        return True
    return got in ("failed", "cantTell") if expected == "failed" else got != "failed"


def earl(results: list[tuple[Case, str]], tool_version: str) -> dict:
    """An implementation report in the ACT format (EARL, JSON-LD), one assertion per test case."""
    return {
        "@context": "https://act-rules.github.io/earl-context.json",
        "@graph": [{
            "@type": "TestSubject",
            "source": "https://www.w3.org" + case.path,
            "assertions": [{
                "@type": "Assertion",
                "test": {"@type": "TestCase", "title": case.rule},
                "result": {"@type": "TestResult", "outcome": f"earl:{got}"},
                "assertedBy": {"@type": "Assertor", "title": "kaikille", "release": tool_version},
            }],
        } for case, got in results],
    }


def run(base: str, chosen: list[Case], executable: str, **options) -> list[tuple[Case, str]]:
    pages = asyncio.run(audit_cases(base, chosen, executable, **options))
    return [(case, outcome(pages.get(case.path), IMPLEMENTS.get(case.rule, ()))) for case in chosen]
