"""The staff pages "Evaluate a site" and "Statement" in a real Chromium, by keyboard alone: open an
evaluation, choose a criterion, record an outcome; the file on disk has it; and the coordinator's whole
way from an audit to a statement, through a reload and a restart of the app; zero axe violations on
the way."""

from __future__ import annotations

import sys

import pytest
from playwright.sync_api import expect

from audit.model import read_report
from conftest import free_port, running
from statements.evaluation import new_evaluation, read_evaluation, save_evaluation
from statements.sample import sample_pages
from test_app_browser import settled, violations

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
        _choose(tab, "Evaluation", "fixture")
        expect(tab.get_by_text("0 of 49 criteria evaluated.")).to_be_visible(timeout=20000)
        _choose(tab, "Criterion", "2.4.2")
        expect(tab.get_by_role("heading", name="2.4.2 Page Titled")).to_be_visible(timeout=20000)
        settled(tab)  # a key pressed while Streamlit's rerun replaces the widgets is lost
        tab.get_by_role("radio", name="Passed").focus()
        tab.keyboard.press("Space")
        expect(tab.get_by_text("Saved (version 2).")).to_be_visible(timeout=20000)
        assert read_evaluation(tmp_path / "fixture.json")["criteria"]["2.4.2"]["outcome"] == "passed"
        assert violations(tab) == []
        tab.get_by_role("link", name="For City staff: Check published statements").focus()
        tab.keyboard.press("Enter")
        expect(tab.locator("h1")).to_have_text("Check published accessibility statements", timeout=30000)
        tab.get_by_role("textbox", name="Statement addresses").fill("/etc/passwd")
        tab.get_by_role("button", name="Check", exact=True).click()
        expect(tab.get_by_text("Statements checked: 1. With problems: 1.")).to_be_visible(timeout=20000)
        assert violations(tab) == []
        context.close()


def idle(tab) -> None:
    """Streamlit's rerun has finished (its status widget gone); no wait for the network to be idle."""
    tab.wait_for_function("document.querySelector('[data-testid=stStatusWidget]') === null")
    tab.wait_for_timeout(300)


def _choose(tab, combobox: str, typed: str) -> None:
    """A Streamlit select box by keyboard: focus it, type to filter, Enter takes the first match (once
    the filtered list shows it: an Enter during the list's animation takes nothing). Streamlit's rerun
    is awaited before and after: keys pressed while it replaces the widgets are lost."""
    settled(tab)
    tab.get_by_role("combobox", name=combobox).focus()
    tab.keyboard.type(typed)
    expect(tab.get_by_role("option").filter(has_text=typed).first).to_be_visible(timeout=10000)
    tab.keyboard.press("Enter")
    settled(tab)


def staff_page(tab, url: str, link: str, title: str) -> None:
    """From the residents' page (the default) to a staff page by its link, by keyboard."""
    tab.goto(url)
    expect(tab.locator("h1")).to_have_text("Find digital help", timeout=30000)
    tab.get_by_role("link", name=f"For City staff: {link}").focus()
    tab.keyboard.press("Enter")
    expect(tab.locator("h1")).to_have_text(title, timeout=30000)


def _open_evaluation(tab, url: str, name: str) -> None:
    staff_page(tab, url, "Evaluate a site", "Evaluate a site (WCAG-EM)")
    _choose(tab, "Evaluation", name)


def test_a_whole_evaluation_by_keyboard_survives_a_reload_and_a_restart_and_becomes_a_statement(browser, tmp_path):
    """The coordinator's whole way, keyboard alone: an audit's results -> the sample -> one problem
    on two pages -> every other criterion passed -> reload, and the app killed and started again:
    all still there -> the statement's details -> the statement, previewed and downloaded; every
    state with zero axe violations."""
    import shutil
    import time
    from pathlib import Path
    from urllib.parse import urlsplit

    from kaikille.wcag import criterion_name, required_criteria

    reports = tmp_path / "reports" / "fixture-site"
    reports.mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "golden" / "input-results.json", reports / "results.json")
    evaluations = tmp_path / "evaluations"

    def app(port: int):
        return running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--evaluations", str(evaluations),
                        "--reports", str(tmp_path / "reports")], f"http://127.0.0.1:{port}/_stcore/health")

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with app(port):
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        staff_page(tab, url, "Evaluate a site", "Evaluate a site (WCAG-EM)")
        assert violations(tab) == []
        settled(tab)
        tab.get_by_role("textbox", name="Name of the site (optional)").focus()
        tab.keyboard.type("Fixture site")
        tab.get_by_role("button", name="Choose the sample and start").focus()
        tab.keyboard.press("Enter")
        expect(tab.get_by_text("Started fixture-site.json with")).to_be_visible(timeout=20000)
        evaluation = evaluations / "fixture-site.json"
        sample = read_evaluation(evaluation)["sample"]
        assert len(sample) >= 3
        assert violations(tab) == []

        # one problem, seen on two pages, recorded once
        _choose(tab, "Criterion", "2.4.3 Focus Order")
        expect(tab.get_by_role("heading", name="2.4.3 Focus Order")).to_be_visible(timeout=20000)
        settled(tab)
        tab.get_by_role("textbox", name="What is the problem?").focus()
        tab.keyboard.type("The focus jumps from the menu to the footer")
        two = [p for p in sample if urlsplit(p["url"]).path.strip("/")][:2]  # typed by the end of their path
        for page in two:
            _choose(tab, "Pages where it was seen", urlsplit(page["url"]).path.rsplit("/", 1)[-1])
        tab.keyboard.press("Escape")
        shot = tmp_path / "seen.png"
        shot.write_bytes(tab.screenshot())  # the picture a coordinator would take of the problem
        tab.locator("[data-testid=stForm] input[type=file]").set_input_files(str(shot))
        expect(tab.get_by_text("seen.png")).to_be_visible(timeout=20000)
        settled(tab)
        expect(tab.get_by_role("button", name="Save the problem")).to_be_enabled()  # Streamlit holds it while the file uploads
        tab.get_by_role("button", name="Save the problem").focus()
        tab.keyboard.press("Enter")
        expect(tab.get_by_text("Problems recorded for this criterion: 1")).to_be_visible(timeout=20000)
        (problem,) = read_evaluation(evaluation)["problems"]
        assert problem["pages"] == [p["id"] for p in two] and problem["criteria"] == ["2.4.3"]
        assert (evaluations / problem["screenshot"]).read_bytes() == shot.read_bytes()
        expect(tab.get_by_role("img", name="Screenshot: The focus jumps from the menu to the footer")).to_be_visible()
        assert violations(tab) == []

        # every other criterion passed for the whole sample, one by one
        for sc in required_criteria():
            if sc == "2.4.3":
                continue
            _choose(tab, "Criterion", f"{sc} {criterion_name(sc, 'en')[0]}")
            expect(tab.get_by_role("heading", name=f"{sc} {criterion_name(sc, 'en')[0]}")).to_be_visible(timeout=20000)
            settled(tab)  # the criterion's own radio buttons are in place (focus on the last one's would be lost)
            passed = tab.get_by_role("radiogroup", name=f"Outcome of {sc} for the whole sample").get_by_role("radio", name="Passed")
            passed.focus()
            tab.keyboard.press("Space")
            expect(passed).to_be_checked()
            deadline = time.monotonic() + 20  # saved at once: the file has it
            while read_evaluation(evaluation)["criteria"][sc]["outcome"] != "passed":
                assert time.monotonic() < deadline, f"{sc} was not saved"
                time.sleep(0.1)
        expect(tab.get_by_text("49 of 49 criteria evaluated.")).to_be_visible(timeout=20000)
        assert violations(tab) == []
        tab.reload()  # a new browser session: only the file remembers
        expect(tab.locator("h1")).to_have_text("Evaluate a site (WCAG-EM)", timeout=30000)
        _choose(tab, "Evaluation", "fixture-site.json")
        expect(tab.get_by_text("49 of 49 criteria evaluated.")).to_be_visible(timeout=20000)
        context.close()

    port = free_port()  # the app killed and started again
    url = f"http://127.0.0.1:{port}/"
    with app(port):
        context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 900})
        tab = context.new_page()
        _open_evaluation(tab, url, "fixture-site.json")
        expect(tab.get_by_text("49 of 49 criteria evaluated.")).to_be_visible(timeout=20000)
        expect(tab.get_by_text("Every criterion has been evaluated.")).to_be_visible()
        _choose(tab, "Criterion", "2.4.3 Focus Order")
        expect(tab.get_by_text("• The focus jumps from the menu to the footer")).to_be_visible(timeout=20000)
        assert violations(tab) == []

        tab.get_by_role("link", name="For City staff: Statement").focus()
        tab.keyboard.press("Enter")
        expect(tab.locator("h1")).to_have_text("Accessibility statement", timeout=30000)
        _choose(tab, "Evaluation", "fixture-site.json")
        expect(tab.get_by_text("The statement cannot be built yet. Still to give:")).to_be_visible(timeout=20000)
        assert violations(tab) == []  # settled, too
        fields = {"Organisation": ("Helsingin kaupunki", "Helsingfors stad", "The City of Helsinki"),
                  "Unit that handles accessibility feedback": ("Digitalisaatioyksikkö", "Digitaliseringsenheten", "The Digitalisation Unit"),
                  "Who assessed the accessibility": ("Kaupunginkanslia", "Stadskansliet", "The City Executive Office")}
        for label, texts in fields.items():
            for language, value in zip(("Suomi", "Svenska", "English"), texts):
                tab.get_by_role("textbox", name=f"{label} ({language})").focus()
                tab.keyboard.type(value)
        tab.get_by_role("textbox", name="E-mail address for feedback").focus()
        tab.keyboard.type("saavutettavuus@hel.fi")
        tab.get_by_role("button", name="Save the details").focus()
        tab.keyboard.press("Enter")
        expect(tab.get_by_text("Status: partially compliant")).to_be_visible(timeout=20000)
        expect(tab.get_by_text("A person has evaluated all 49 criteria.")).to_be_visible()
        expect(tab.locator("#statement-en h1")).to_be_visible()  # in the page's language first
        assert violations(tab) == []
        for language, code in (("Svenska", "sv"), ("English", "en")):
            settled(tab)
            tab.get_by_role("radio", name=language).focus()
            tab.keyboard.press("Space")
            expect(tab.locator(f"#statement-{code}")).to_contain_text("The focus jumps from the menu to the footer", timeout=20000)
            assert violations(tab) == []
        with tab.expect_download() as download:
            tab.get_by_role("button", name="Markdown").focus()
            tab.keyboard.press("Enter")
        text = Path(download.value.path()).read_text("utf-8")
        assert download.value.suggested_filename == "fixture-site.statement.en.md"
        assert "The focus jumps from the menu to the footer" in text and "partially compliant" in text
        context.close()


def test_an_evaluation_from_w3cs_report_tool_is_imported_and_exported_by_keyboard(browser, tmp_path):
    """A coordinator who started in W3C's WCAG-EM Report Tool continues here: its saved file is
    uploaded and imported, and the evaluation downloads again in the tool's format, equal to what
    `kaikille evaluate export` writes."""
    import json
    from pathlib import Path

    from statements.earl import export_earl

    saved = Path(__file__).parent / "data" / "earl" / "report-tool-evaluation.json"
    evaluations = tmp_path / "evaluations"
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--evaluations", str(evaluations),
                  "--reports", str(tmp_path / "no-reports")], url + "_stcore/health"):
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}, accept_downloads=True)
        tab = context.new_page()
        tab.goto(url + "evaluate")
        expect(tab.get_by_role("button", name="Import the file")).to_be_visible(timeout=30000)
        idle(tab)
        tab.locator("input[type=file][accept*='.json']").set_input_files(str(saved))
        expect(tab.get_by_role("button", name="Remove report-tool-evaluation.json")).to_be_visible(timeout=20000)
        idle(tab)
        tab.get_by_role("button", name="Import the file").focus()
        tab.keyboard.press("Enter")
        expect(tab.get_by_text("Imported as")).to_be_visible(timeout=20000)
        (written,) = evaluations.glob("*.json")
        data = read_evaluation(written)
        assert data["sample"] and violations(tab) == []  # settled, too
        idle(tab)
        with tab.expect_download() as download:
            tab.get_by_role("button", name="Download for W3C's WCAG-EM Report Tool (EARL, JSON-LD)").focus()
            tab.keyboard.press("Enter")
        assert json.loads(Path(download.value.path()).read_text("utf-8")) == export_earl(read_evaluation(written))
        tab.locator("summary").filter(has_text="Start an evaluation from an audit").focus()  # folded now that there is a file: opened by keyboard
        tab.keyboard.press("Enter")
        expect(tab.get_by_role("button", name="Import the file")).to_be_visible(timeout=20000)
        tab.locator("input[type=file][accept*='.json']").set_input_files(files=[{"name": "not-earl.json", "mimeType": "application/json",
                                                                 "buffer": b"<script>alert(1)</script>"}])
        expect(tab.get_by_role("button", name="Remove not-earl.json")).to_be_visible(timeout=20000)
        idle(tab)
        tab.get_by_role("button", name="Import the file").focus()
        tab.keyboard.press("Enter")
        expect(tab.get_by_text("The file was not imported: JSONDecodeError")).to_be_visible(timeout=20000)
        assert len(list(evaluations.glob("*.json"))) == 1
        context.close()
