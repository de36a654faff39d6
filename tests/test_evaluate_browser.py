"""The staff page "Evaluate a site" in a real Chromium, by keyboard alone: open an evaluation,
choose a criterion, record an outcome; the file on disk has it; zero axe violations on the way."""

from __future__ import annotations

import sys

import pytest
from playwright.sync_api import expect

from audit.model import read_report
from conftest import free_port, running
from statements.evaluation import new_evaluation, read_evaluation, save_evaluation
from statements.sample import sample_pages
from test_app_browser import violations

pytestmark = pytest.mark.browser


def test_a_criterion_is_evaluated_by_keyboard_and_saved(browser, tmp_path):
    from pathlib import Path

    pages = sample_pages(read_report(Path(__file__).parent / "golden" / "input-results.json"), seed=7)
    save_evaluation(tmp_path / "fixture.json", new_evaluation("Fixture site", "http://127.0.0.1:8000/", [], pages))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--evaluations", str(tmp_path)],
                 url + "_stcore/health"):
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.goto(url)  # the residents' page is the default; the staff page is one link away
        expect(tab.locator("h1")).to_have_text("Find digital help", timeout=30000)
        tab.get_by_role("link", name="For City staff: Evaluate a site").focus()
        tab.keyboard.press("Enter")
        expect(tab.locator("h1")).to_have_text("Evaluate a site (WCAG-EM)", timeout=30000)
        assert violations(tab) == []
        tab.get_by_role("combobox", name="Evaluation").focus()
        tab.keyboard.type("fixture")
        tab.keyboard.press("Enter")
        expect(tab.get_by_text("0 of 49 criteria evaluated.")).to_be_visible(timeout=20000)
        tab.get_by_role("combobox", name="Criterion").focus()
        tab.keyboard.type("2.4.2")
        tab.keyboard.press("Enter")
        expect(tab.get_by_role("heading", name="2.4.2 Page Titled")).to_be_visible(timeout=20000)
        tab.get_by_role("radio", name="Passed").focus()
        tab.keyboard.press("Space")
        expect(tab.get_by_text("Saved (version 2).")).to_be_visible(timeout=20000)
        assert read_evaluation(tmp_path / "fixture.json")["criteria"]["2.4.2"]["outcome"] == "passed"
        assert violations(tab) == []
        tab.get_by_role("link", name="For City staff: Check published statements").focus()
        tab.keyboard.press("Enter")
        expect(tab.locator("h1")).to_have_text("Check published accessibility statements", timeout=30000)
        tab.get_by_role("textbox", name="Statement addresses").fill("/etc/passwd")
        tab.get_by_role("button", name="Check").click()
        expect(tab.get_by_text("Statements checked: 1. With problems: 1.")).to_be_visible(timeout=20000)
        assert violations(tab) == []
        context.close()
