"""Every generated HTML statement passes kaikille's own audit in a real browser, in its language."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from audit.browser import launch_args
from audit.config import AuditConfig
from kaikille.loopback import serve
from audit.jobs import audit
from conftest import fixed_clock

pytestmark = pytest.mark.browser
GOLDEN = Path(__file__).parent / "statements" / "golden"


@pytest.mark.parametrize("scenario", sorted(p.name for p in GOLDEN.iterdir()))
def test_statements_have_zero_violations_and_the_right_languages(scenario, chromium, tmp_path):
    folder = GOLDEN / scenario
    languages = sorted(p.name.split(".")[1] for p in folder.glob("statement.*.html"))
    with serve(folder) as base:
        # the statements link to each other, so one crawl reaches every language
        # three language versions of one page, not a site: the page checks, not the site checks
        config = AuditConfig(urls=(base + f"statement.{languages[0]}.html",), out=str(tmp_path), best_practice=True, checks=("pages",),
                             browser_path=chromium, no_sitemaps=True)
        report = audit(config, clock=fixed_clock).report
        audited = sorted(p.url.rsplit("/", 1)[1] for p in report.pages if p.audited)
        assert audited == [f"statement.{lang}.html" for lang in languages]
        assert [(p.url, f.rule_id) for p in report.pages for f in p.violations] == []

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=launch_args())
            page = browser.new_page()
            for lang in languages:
                page.goto(base + f"statement.{lang}.html")
                assert page.evaluate("document.documentElement.lang") == lang
                assert page.locator("section.kaikille-statement").get_attribute("lang") == lang
                others = page.locator("a[hreflang]")
                assert sorted(others.evaluate_all("els => els.map(e => e.lang)")) == sorted(set(languages) - {lang})
            browser.close()
