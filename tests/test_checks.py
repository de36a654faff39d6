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
    """One page at a time: the checks of a page share a 20 s budget, and four pages at once on a busy
    two-core machine (the whole suite running) once left the keyboard check of a page unfinished."""
    done = {}
    for group, start in GROUPS.items():
        config = AuditConfig(urls=(f"{site_url}checks/{group}/{start}",), include=(f"/checks/{group}/",), checks=("all",),
                             no_sitemaps=True, out=str(tmp_path_factory.mktemp(group)), no_history=True, browser_path=chromium,
                             concurrency=1, per_host=1)
        done[group] = audit(config, clock=fixed_clock).report
        unfinished = {p.url: p.facts["unfinished"] for p in done[group].pages if p.facts.get("unfinished")}
        assert not unfinished, f"checks ran out of their time budget, so their findings are not there to test: {unfinished}"
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


def test_controls_tab_cannot_reach_are_named_and_nothing_else(runs, site_url):
    """A click listener under a pointer cursor, a button role and an onclick, none focusable; not
    a decorative pointer cursor, not a tab a tablist reaches with arrow keys, not the real button."""
    page = next(p for p in runs["page"].pages if p.url == f"{site_url}checks/page/unreachable.html")
    found = next(f for f in page.findings if f.rule_id == "kaikille/keyboard-unreachable")
    assert sorted(n.target[0] for n in found.nodes) == ["#beside", "#fake-click", "#fake-role"]
    assert found.criteria[0].sc == "2.1.1"


def test_hover_content_that_cannot_be_dismissed_or_hovered_is_named_and_nothing_else(runs, site_url):
    """A pure-CSS tooltip stays until the pointer leaves: Escape cannot close it. A scripted one
    that vanishes when the pointer moves onto it is not hoverable. One that Escape closes and the
    pointer can rest on is not flagged."""
    page = next(p for p in runs["page"].pages if p.url == f"{site_url}checks/page/hover.html")
    found = next(f for f in page.findings if f.rule_id == "kaikille/hover-content")
    assert [n.target[0] for n in found.nodes] == ["#css-trigger", "#leaves"]
    assert "Escape" in found.nodes[0].failure_summary and "Mon–Fri 9–16" in found.nodes[0].failure_summary
    assert "disappears when the pointer moves onto it" in found.nodes[1].failure_summary


def test_a_skip_link_is_activated_to_see_where_it_takes_focus(runs, site_url):
    """Neither page has a main landmark or headings; the skip link whose target exists takes the
    next Tab past the menu (no finding), the one whose target is missing is named."""
    broken = next(p for p in runs["page"].pages if p.url == f"{site_url}checks/page/bypass-broken.html")
    found = next(f for f in broken.findings if f.rule_id == "kaikille/bypass")
    assert [n.target[0] for n in found.nodes] == ["#skip"] and "#content" in found.nodes[0].failure_summary
    works = next(p for p in runs["page"].pages if p.url == f"{site_url}checks/page/bypass-works.html")
    assert works.error is None and not [f for f in works.findings if f.rule_id == "kaikille/bypass"]


def test_focus_that_jumps_back_up_a_column_is_shown_with_the_order(runs, site_url):
    page = next(p for p in runs["page"].pages if p.url == f"{site_url}checks/page/focus-jump.html")
    found = next(f for f in page.findings if f.rule_id == "kaikille/focus-order")
    assert [n.target[0] for n in found.nodes] == ["#late"]
    assert "Shown second, focused first" in found.nodes[0].failure_summary and "→" in found.nodes[0].failure_summary


def test_findings_carry_criteria_and_a_help_link(runs):
    """Every finding but the statement link's (a legal requirement, not a WCAG criterion: it links
    to the EU model statement instead)."""
    findings = [f for report in runs.values() for p in report.pages for f in p.findings if f.engine == "kaikille"]
    wcag = [f for f in findings if f.rule_id != "kaikille/statement-link"]
    assert wcag and all(f.criteria and f.criteria[0].en_301_549 for f in wcag)
    assert all(f.help_url.startswith("https://www.w3.org/WAI/WCAG21/Understanding/") for f in wcag)
    legal = [f for f in findings if f.rule_id == "kaikille/statement-link"]
    assert legal and all(f.criteria == () and f.help_url.startswith("https://eur-lex.europa.eu/") for f in legal)


def test_the_statement_link_finding_names_the_statement_other_pages_link_to(runs, site_url):
    news = next(p for p in runs["site"].pages if p.url == f"{site_url}checks/site/news.html")
    found = next(f for f in news.findings if f.rule_id == "kaikille/statement-link")
    assert f"{site_url}checks/site/statement.html" in found.nodes[0].failure_summary
    assert "5 other pages" in found.nodes[0].failure_summary
    assert {e.name for e in runs["page"].meta.engines} == {"axe-core", "kaikille"}


def test_the_run_records_what_each_engine_can_fail_and_what_it_only_flags(runs, tmp_path):
    """A statement tells 'checked automatically' from 'flagged for review' from 'not evaluated' by
    these lists; the site checks' criteria are in them too, and they survive a results file."""
    from audit.model import read_report

    ours = next(e for e in runs["site"].meta.engines if e.name == "kaikille")
    assert {"2.4.5", "3.2.3", "3.2.4"} <= set(ours.can_fail)  # site checks that can fail a page
    assert {"2.4.2", "3.1.1", "2.4.3", "2.2.2"} <= set(ours.review_only)  # needs review only
    assert "2.4.2" in ours.criteria and "2.4.2" not in ours.can_fail
    axe = next(e for e in runs["site"].meta.engines if e.name == "axe-core")
    assert axe.review_only == () and "1.1.1" in axe.can_fail
    path = tmp_path / "results.json"
    path.write_text(json.dumps(runs["site"].to_dict()), "utf-8")
    assert read_report(path).meta.engines == runs["site"].meta.engines


def test_criteria_with_a_check_that_can_fail_a_page(chromium):
    """axe-core's rules (as kaikille runs them: WCAG 2.1 A and AA) plus kaikille's certain checks
    reach at least 33 of the 49 criteria Finnish law requires (axe alone: 22)."""
    from playwright.sync_api import sync_playwright

    from audit.browser import launch_args
    from audit.checks import PAGE_CHECKS, SITE_CHECKS
    from audit.engines.axe import load_axe
    from kaikille.wcag import criteria_from_tags, required_criteria

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=launch_args())
        page = browser.new_page()
        page.evaluate(load_axe().source)
        rules = page.evaluate("axe.getRules(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])")
        browser.close()
    required = set(required_criteria())
    by_axe = {c.sc for r in rules for c in criteria_from_tags(r["tags"])} & required
    ours = {sc for check in (*PAGE_CHECKS.values(), *SITE_CHECKS.values()) for sc in check.can_fail} & required
    assert len(by_axe) == 22, sorted(by_axe)
    assert len(by_axe | ours) >= 33, sorted(required - by_axe - ours)
    assert ours - by_axe == {"1.4.10", "1.4.11", "2.1.2", "2.4.5", "2.4.7", "2.5.2", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "4.1.1"}
