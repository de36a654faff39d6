"""kaikille's own checks on fixture pages made for them (tests/site/checks/), each folder beside its
expectations file: every check fires where it must, with the outcome it must have, and nowhere else.
The ACT rules' own cases are in test_act.py."""

from __future__ import annotations

import json

import pytest

from audit.config import AuditConfig
from audit.jobs import audit
from conftest import SITE, fixed_clock

pytestmark = pytest.mark.browser
GROUPS = {"page": "index.html", "site": "index.html", "noways": "page1.html"}


@pytest.fixture(scope="module")
def runs(site_url, chromium, tmp_path_factory):
    done = {}
    for group, start in GROUPS.items():
        config = AuditConfig(urls=(f"{site_url}checks/{group}/{start}",), include=(f"/checks/{group}/",), checks=("all",),
                             no_sitemaps=True, out=str(tmp_path_factory.mktemp(group)), no_history=True, browser_path=chromium)
        done[group] = audit(config, clock=fixed_clock).report
    return done


def cases() -> list[tuple[str, str]]:
    return [(group, page) for group in GROUPS for page in sorted(p.name for p in (SITE / "checks" / group).glob("*.html"))]


@pytest.mark.parametrize("group, page", cases())
def test_each_fixture_page_gets_exactly_the_expected_findings(runs, site_url, group, page):
    expected = json.loads((SITE / "checks" / group / "expected.json").read_text("utf-8"))
    result = next(p for p in runs[group].pages if p.url == f"{site_url}checks/{group}/{page}")
    assert result.error is None
    got = sorted({(f.rule_id, f.outcome) for f in result.findings if f.engine == "kaikille"})
    assert got == sorted(expected.get(page, {}).items())


def test_findings_carry_criteria_and_a_help_link(runs):
    findings = [f for report in runs.values() for p in report.pages for f in p.findings if f.engine == "kaikille"]
    assert findings and all(f.criteria and f.criteria[0].en_301_549 for f in findings)
    assert all(f.help_url.startswith("https://www.w3.org/WAI/WCAG21/Understanding/") for f in findings)
    assert {e.name for e in runs["page"].meta.engines} == {"axe-core", "kaikille"}
