"""The staff page "Sites and audits": a site's latest audit with what to fix first, and its trend from
the history database, in fi/sv/en; with AppTest, and in a real Chromium by keyboard with zero
violations at a phone's and a desktop's width."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit import history
from audit.model import read_report

HERE = Path(__file__).parent
SCRIPT = str(HERE / "sites_page_app.py")
SITE = "http://127.0.0.1:8000/"


@pytest.fixture
def reports(tmp_path, monkeypatch):
    """A report folder: the latest results, and a history of three runs (the violations falling)."""
    report = read_report(HERE / "golden" / "input-results.json")
    (tmp_path / "results.json").write_text(json.dumps(report.to_dict()), "utf-8")
    for day, pages in (("01", report.pages), ("08", report.pages[:4]), ("15", report.pages)):
        run = replace(report, pages=pages, meta=replace(report.meta, started_at=f"2026-01-{day}T09:00:00Z"))
        history.record(tmp_path / "history.sqlite", run)
    monkeypatch.setenv("KAIKILLE_TEST_REPORTS", str(tmp_path))
    return tmp_path


def start(lang: str = "en") -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.session_state["lang"] = lang
    return at.run()


def html_of(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


def test_the_latest_audit_what_to_fix_first_and_the_trend(reports):
    at = start()
    assert not at.exception and at.title[0].value == "Sites and audits"
    assert at.selectbox(key="sites_site").value == SITE
    page = html_of(at)
    assert "Fix once, fixes 3 pages:" in page and "WCAG 1.1.1 Non-text Content" in page
    assert "How to fix: Give every image" in page
    trend = page.split("Failing elements per run</caption>")[1].split("</table>")[0]
    assert trend.count("<tr>") == 4  # a header and three runs, oldest first
    assert '<img src="data:image/svg+xml;base64,' in page
    assert 'alt="Bar chart: failing elements by impact in the last 3 runs of http://127.0.0.1:8000/' in page
    assert "1.4.3 Contrast (Minimum)" in page.split("per run</caption>")[-1]  # the per-criterion table
    assert f"kaikille audit --sites sites.txt --out {reports}" in page


def test_in_finnish_with_official_names(reports):
    at = start("fi")
    page = html_of(at)
    assert at.title[0].value == "Sivustot ja tarkastukset"
    assert "Korjaa kerran, korjaa 3 sivua:" in page and "Ei-tekstuaalinen sisältö" in page
    assert '<span lang="en">Images must have alternative text</span>' in page


def test_an_empty_folder_says_how_to_start_and_a_broken_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("KAIKILLE_TEST_REPORTS", str(tmp_path))
    at = start()
    assert any("No audit in" in m.value for m in at.markdown)
    assert "kaikille audit --sites sites.txt" in html_of(at)
    (tmp_path / "results.json").write_text('{"schema_version": "2.1", "meta": 5}')
    at = start()
    assert not at.exception
    assert any("could not be read" in m.value and "results.json" in m.value for m in at.markdown)


def test_page_content_is_escaped(reports):
    data = json.loads((reports / "results.json").read_text("utf-8"))
    finding = data["pages"][2]["findings"][0]
    finding["help"] = '<img src=x onerror="window.__pwned=1">'
    finding["nodes"][0]["target"] = ['<script>window.__pwned=2</script>']
    (reports / "results.json").write_text(json.dumps(data), "utf-8")
    page = html_of(start())
    assert "<img src=x" not in page and "<script>window" not in page
    assert "&lt;img src=x onerror=" in page


@pytest.mark.browser
def test_by_keyboard_with_zero_violations_on_a_phone_and_a_desktop(browser, reports, tmp_path):
    from playwright.sync_api import expect

    from conftest import free_port, running
    from test_app_browser import violations
    from test_evaluate_browser import staff_page

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--reports", str(reports)],
                 url + "_stcore/health"):
        for width in (1280, 390):
            context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
            tab = context.new_page()
            staff_page(tab, url, "Sites and audits", "Sites and audits")
            expect(tab.get_by_text("Fix once, fixes 3 pages:")).to_be_visible(timeout=20000)
            assert violations(tab) == [], width
            tab.screenshot(path=str(tmp_path / f"sites-{width}.png"), full_page=True)
            context.close()
