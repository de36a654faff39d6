"""What we show people passes our own audit: the HTML report, audited by kaikille in a real browser."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import sync_playwright

from audit.browser import launch_args
from audit.config import AuditConfig
from kaikille.loopback import serve
from audit.jobs import audit
from conftest import fixed_clock

pytestmark = pytest.mark.browser


def test_html_report_has_zero_violations_and_runs_no_page_script(site_run, chromium, tmp_path):
    folder = tmp_path / "served"
    folder.mkdir()
    shutil.copy(site_run.written["html"], folder / "index.html")
    with serve(folder) as base:
        config = AuditConfig(urls=(base,), out=str(tmp_path / "self"), max_depth=0, best_practice=True, browser_path=chromium)
        outcome = audit(config, clock=fixed_clock)
        (page,) = outcome.report.pages
        assert page.error is None
        assert [f.rule_id for f in page.violations] == []

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=launch_args())
            tab = browser.new_page()
            tab.goto(base)
            assert tab.evaluate("window.__pwned") is None
            assert tab.locator("details summary", has_text="Hostile <script>window.__pwned = 1</script>").count() == 1
            # keyboard: the skip link comes first and moves focus into the main content
            tab.keyboard.press("Tab")
            assert tab.evaluate("document.activeElement.textContent") == "Skip to content"
            tab.keyboard.press("Enter")
            assert tab.evaluate("location.hash") == "#main"
            browser.close()


def test_finnish_report_with_trend_baseline_pictures_and_filters_passes_our_audit(chromium, tmp_path):
    """The demo audited twice into one history, the second time against a baseline, in Finnish: the
    report with its trend chart, its new-since-baseline table, its pictures and its filter form has
    zero violations in our own audit (every check, the keyboard walk too), and the filter works by
    keyboard alone."""
    from pathlib import Path

    from audit.gate import write_baseline

    root = Path(__file__).parent.parent
    out = tmp_path / "report"
    with serve(root / "audit" / "demo_site") as base:
        settings = dict(urls=(base,), out=str(out), lang="fi", browser_path=chromium,
                        journeys=str(root / "audit" / "demo_journeys.toml"), history=str(tmp_path / "history.sqlite"))
        first = audit(AuditConfig(**settings))
        write_baseline(first.report, str(tmp_path / "baseline.json"), "2026-01-15T09:30:00Z")
        second = audit(AuditConfig(**settings, baseline=str(tmp_path / "baseline.json")))
    html = second.written["html"].read_text("utf-8")
    assert '<html lang="fi">' in html and "Ei-tekstuaalinen sisältö" in html and "Näin korjaat" in html
    assert '<span lang="en">Images must have alternative text</span>' in html
    assert 'role="img"' in html and "Virheelliset elementit ajoittain" in html  # the trend: two runs
    assert "Lähtötasoon verrattuna" in html and "<img src=\"screenshots/" in html
    with serve(out) as base:
        me = audit(AuditConfig(urls=(base + "report.html",), out=str(tmp_path / "self"), max_depth=0, best_practice=True,
                               checks=("all",), browser_path=chromium, no_history=True), clock=fixed_clock)
        (page,) = me.report.pages
        assert page.error is None
        assert [(f.rule_id, [n.selector for n in f.nodes]) for f in page.violations] == []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=launch_args())
            tab = browser.new_page()
            tab.goto(base + "report.html")
            groups = tab.locator("li.group")
            total = groups.count()
            serious = [g.get_attribute("data-impact") for g in groups.all()].count("serious")
            assert 0 < serious < total
            tab.locator("#f-impact").focus()  # then the keyboard alone
            while tab.evaluate("document.getElementById('f-impact').value") != "serious":
                tab.keyboard.press("ArrowDown")
            assert tab.locator("li.group:visible").count() == serious
            assert tab.locator("#f-shown").text_content() == f"Näytetään {serious}/{total} ryhmää."
            tab.keyboard.press("Home")
            assert tab.locator("li.group:visible").count() == total
            assert tab.evaluate("window.__pwned") is None
            browser.close()


STAFF_JOURNEYS = """
[[journey]]
name = "Evaluate"
start = "/evaluate"
steps = [
  { wait_for = "text=Evaluate a site (WCAG-EM)" },
  { click = "input[aria-label='Evaluation']" },
  { press = "Enter", on = "input[aria-label='Evaluation']" },
  { wait_for = "text=criteria evaluated" },
  { audit = "an evaluation open" },
]

[[journey]]
name = "Statement"
start = "/statement"
steps = [
  { wait_for = "text=Accessibility statement" },
  { click = "input[aria-label='Evaluation']" },
  { press = "Enter", on = "input[aria-label='Evaluation']" },
  { wait_for = "text=Status:" },
  { audit = "the preview" },
]
"""


def test_the_staff_pages_pass_our_own_audit_with_every_page_check(chromium, tmp_path):
    """kaikille audits its own staff pages, as a web team audits theirs: every page check (the keyboard
    walk, reflow, text spacing, focus visible, field boundaries…) on each page as it opens, and by
    journeys on the evaluation open and on the statement's preview: zero violations."""
    import datetime as dt
    import sys
    from pathlib import Path

    from audit.checks import PAGE_CHECKS
    from audit.model import read_report
    from conftest import free_port, running
    from statements.evaluation import save_evaluation
    from statements.sample import start_evaluation
    from statements.statement_page import draft, save_statement_data, statement_file, with_form

    results = Path(__file__).parent / "golden" / "input-results.json"
    reports = tmp_path / "reports" / "fixture-site"
    reports.mkdir(parents=True)
    shutil.copy(results, reports / "results.json")
    evaluation = tmp_path / "evaluations" / "fixture.json"
    data = start_evaluation(read_report(results), results, "Fixture site")
    save_evaluation(evaluation, data)
    save_statement_data(statement_file(evaluation), with_form(draft(data, dt.date.today()), {
        **{f"{field}_{lang}": f"{field} {lang}" for field in ("organisation", "service", "unit", "by") for lang in ("fi", "sv", "en")},
        "urls": data["site"]["url"], "languages": ["fi", "sv", "en"], "email": "saavutettavuus@hel.fi"}))
    (tmp_path / "journeys.toml").write_text(STAFF_JOURNEYS, "utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--reports", str(tmp_path / "reports"),
                  "--evaluations", str(evaluation.parent)], url + "_stcore/health"):
        pages = tuple(url + p for p in ("sites", "evaluate", "statement", "published-statements"))
        me = audit(AuditConfig(urls=pages, out=str(tmp_path / "self"), max_depth=0, checks=tuple(PAGE_CHECKS), browser_path=chromium,
                               journeys=str(tmp_path / "journeys.toml"), no_history=True), clock=fixed_clock)
    assert len(me.report.pages) == 6 and all(p.audited for p in me.report.pages), [(p.url, p.error) for p in me.report.pages]
    assert [(p.url, f.rule_id, [n.selector for n in f.nodes]) for p in me.report.pages for f in p.violations] == []
