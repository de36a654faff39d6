"""The staff page "Statement" with AppTest: the statement of an evaluated site, its fields filled in a
form (saved at once as the statement file `kaikille statement build` reads), the status with its
reasoning, the preview in each language and the downloads."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.model import read_report
from kaikille.wcag import required_criteria
from statements.evaluation import new_evaluation, read_evaluation, save_evaluation
from statements.sample import sample_pages
from statements.statement_page import draft, preview, statement_file, with_form

HERE = Path(__file__).parent
SCRIPT = str(HERE / "statement_page_app.py")
RESULTS = HERE / "golden" / "input-results.json"
FORM = {
    "organisation_fi": "Helsingin kaupunki", "organisation_sv": "Helsingfors stad", "organisation_en": "The City of Helsinki",
    "service_fi": "Kokeilusivusto", "service_sv": "Testwebbplatsen", "service_en": "The test site",
    "unit_fi": "Digitalisaatioyksikkö", "unit_sv": "Digitaliseringsenheten", "unit_en": "The Digitalisation Unit",
    "by_fi": "Kaupunginkanslia", "by_sv": "Stadskansliet", "by_en": "The City Executive Office",
    "email": "saavutettavuus@hel.fi",
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    pages = sample_pages(read_report(RESULTS), seed=7)
    data = new_evaluation("Fixture site", "http://127.0.0.1:8000/", ["http://127.0.0.1:8000/"], pages)
    data["results"] = str(RESULTS)
    save_evaluation(tmp_path / "fixture.json", data)
    monkeypatch.setenv("KAIKILLE_TEST_EVALUATIONS", str(tmp_path))
    return tmp_path


def start(lang: str = "en") -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    at.selectbox(key="statement_evaluation").select("fixture.json").run()
    return at


def fill(at: AppTest) -> AppTest:
    for key, value in FORM.items():
        at.text_input(key=f"sf_{key}").input(value)
    return at.button(key="statement_save").click().run()


def page_html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


def test_a_new_statement_says_what_is_missing_then_builds_from_the_form(folder):
    at = start()
    assert not at.exception and at.title[0].value == "Accessibility statement"
    assert at.warning[0].value == "The statement cannot be built yet. Still to give:"
    missing = page_html(at)
    assert "<li>Organisation (Svenska)</li>" in missing and "<li>Unit that handles accessibility feedback (English)</li>" in missing
    assert "<li>At least one way to give feedback: e-mail, form or phone</li>" in missing
    assert not statement_file(folder / "fixture.json").exists()  # nothing written before the coordinator saves
    fill(at)
    saved = tomllib.loads(statement_file(folder / "fixture.json").read_text("utf-8"))
    assert saved["site"]["organisation"] == {"fi": "Helsingin kaupunki", "sv": "Helsingfors stad", "en": "The City of Helsinki"}
    assert saved["feedback"]["email"] == "saavutettavuus@hel.fi" and saved["site"]["urls"] == ["http://127.0.0.1:8000/"]
    assert at.success[0].value == "Saved in fixture.statement.toml."
    assert at.subheader[-1].value == "Status: partially compliant"
    page = page_html(at)
    assert "A person has evaluated 0 of the 49 criteria." in page and "criteria are known not to be met: 1.1.1" in page
    assert 'id="statement-en" lang="en"' in page and "The test site" in page  # the preview starts in the page's language
    assert [b.label for b in at.get("download_button")] == ["Web page (HTML)", "Part of a page for the CMS (HTML)", "Markdown", "Data (JSON)"]
    at.radio(key="statement_language").set_value("sv").run()
    assert 'id="statement-sv" lang="sv"' in page_html(at) and "Testwebbplatsen" in page_html(at)
    at.text_input(key="sf_email").input("not an address")
    at.button(key="statement_save").click().run()
    assert at.warning[0].value.startswith("The statement cannot be built: these details are not right")
    assert "feedback.email: &#x27;not an address&#x27; is not an e-mail address" in page_html(at)
    assert not at.exception


def test_the_status_follows_the_evaluation(folder):
    data = read_evaluation(folder / "fixture.json")
    data["results"] = None  # no automated findings: the person's evaluation alone decides
    for sc in required_criteria():
        data["criteria"][sc]["outcome"] = "passed"
    save_evaluation(folder / "fixture.json", data)
    at = fill(start("fi"))
    assert at.subheader[-1].value == "Tila: vastaa täysin vaatimuksia"
    assert "Ihminen on arvioinut kaikki 49 kriteeriä." in page_html(at)
    data = read_evaluation(folder / "fixture.json")
    data["problems"].append({"id": "pr1", "criteria": ["2.4.3"], "description": "<script>alert(1)</script> order jumps",
                             "pages": ["s1", "s2"]})
    save_evaluation(folder / "fixture.json", data)
    at = start("fi")  # the saved statement file is read back: nothing to fill again
    assert at.subheader[-1].value == "Tila: vastaa suurilta osin vaatimuksia"
    page = page_html(at)
    assert "1 kriteeriä ei tiedetä täyttyvän: 2.4.3." in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; order jumps" in page


def test_the_form_keeps_what_it_does_not_show_and_the_app_builds_what_the_command_line_builds(folder, capsys):
    from audit.cli import main
    from statements.render import markdown

    evaluation = read_evaluation(folder / "fixture.json")
    today = dt.date(2026, 11, 23)
    data = draft(evaluation, today)
    data["burden"] = [{"what": {"fi": "Vanhat videot", "sv": "Gamla videor", "en": "Old videos"},
                       "why": {"fi": "Kallista", "sv": "Dyrt", "en": "Costly"}, "until": dt.date(2027, 6, 30)}]
    path = statement_file(folder / "fixture.json")
    from statements.statement_page import save_statement_data

    save_statement_data(path, with_form(data, {**FORM, "urls": "http://127.0.0.1:8000/", "languages": ["fi", "en"],
                                              "method": "third-party", "response_days": 7}))
    saved = tomllib.loads(path.read_text("utf-8"))
    assert saved["burden"][0]["until"] == dt.date(2027, 6, 30) and saved["site"]["languages"] == ["fi", "en"]
    assert saved["assessment"]["method"] == "third-party" and saved["feedback"]["response_days"] == 7
    statement = preview(saved, path, evaluation, [read_report(RESULTS)], today)
    out = folder / "cli"
    code = main(["statement", "build", str(path), "--evaluation", str(folder / "fixture.json"), "--results", str(RESULTS),
                 "--out", str(out), "--format", "markdown", "--today", "2026-11-23"])
    assert code == 0
    assert (out / "statement.fi.md").read_text("utf-8") == markdown(statement, "fi")
    assert not (out / "statement.sv.md").exists()


def test_a_statement_file_that_is_not_toml_is_named_not_overwritten(folder):
    path = statement_file(folder / "fixture.json")
    path.write_text("[site\norganisation = ", "utf-8")
    at = start()
    assert at.error[0].value.startswith(f"The statement file cannot be read: {path}: not valid TOML")
    assert path.read_text("utf-8") == "[site\norganisation = " and not at.exception
