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
