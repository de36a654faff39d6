"""The staff page "Evaluate a site" with AppTest: choosing a file, recording an outcome, a note and
a problem saves each at once to the file; a copy that went stale (the file saved elsewhere) is not
written over, and the page says so and reloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.model import read_report
from statements.evaluation import new_evaluation, read_evaluation, save_evaluation
from statements.sample import sample_pages

HERE = Path(__file__).parent
SCRIPT = str(HERE / "evaluate_page_app.py")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    pages = sample_pages(read_report(HERE / "golden" / "input-results.json"), seed=7)
    save_evaluation(tmp_path / "fixture.json", new_evaluation("Fixture site", "http://127.0.0.1:8000/", [], pages))
    monkeypatch.setenv("KAIKILLE_TEST_EVALUATIONS", str(tmp_path))
    return tmp_path


def start(lang: str = "en") -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.session_state["lang"] = lang
    return at.run()


def test_an_outcome_a_note_and_a_problem_are_saved_at_once(folder):
    at = start()
    assert not at.exception and at.title[0].value == "Evaluate a site (WCAG-EM)"
    at.selectbox(key="evaluation_file").select("fixture.json").run()
    assert any("0 of 49 criteria evaluated." in m.value for m in at.markdown)
    at.selectbox(key="criterion").select("1.4.3").run()
    at.radio(key="outcome_1.4.3").set_value("cannot-tell").run()
    saved = read_evaluation(folder / "fixture.json")
    assert saved["criteria"]["1.4.3"]["outcome"] == "cannot-tell" and saved["revision"] == 2
    at.text_area(key="note_1.4.3").input("Checked the footer with the colour picker").run()
    assert read_evaluation(folder / "fixture.json")["criteria"]["1.4.3"]["note"] == "Checked the footer with the colour picker"
    at.text_input[0].input("Grey footer text on white")  # inside the form: sent with its submit button
    at.multiselect[0].select("s1").select("s2")
    at.multiselect[1].select("1.4.11")  # one problem, recorded once, fails two criteria
    at.button(key="FormSubmitter:problem_1.4.3-Save the problem").click().run()
    problem = read_evaluation(folder / "fixture.json")["problems"][0]
    assert problem["criteria"] == ["1.4.3", "1.4.11"] and problem["pages"] == ["s1", "s2"]
    assert problem["description"] == "Grey footer text on white"
    assert any("2 of 49 criteria evaluated." in m.value for m in at.markdown)  # both failed, by the one problem
    assert not at.exception


def test_a_stale_copy_is_not_written_over_and_the_page_offers_the_latest(folder):
    at = start("fi")
    at.selectbox(key="evaluation_file").select("fixture.json").run()
    other_tab = read_evaluation(folder / "fixture.json")
    other_tab["criteria"]["2.1.1"]["outcome"] = "passed"
    save_evaluation(folder / "fixture.json", other_tab)  # saved in another window meanwhile
    at.selectbox(key="criterion").select("1.1.1").run()
    at.radio(key="outcome_1.1.1").set_value("failed").run()
    on_disk = read_evaluation(folder / "fixture.json")
    assert on_disk["criteria"]["1.1.1"]["outcome"] == "not-checked" and on_disk["criteria"]["2.1.1"]["outcome"] == "passed"
    assert at.error[0].value.startswith("Ei tallennettu: arviointi on tallennettu toisessa ikkunassa")
    at.button(key="reload_button").click().run()
    assert at.session_state["evaluation"]["criteria"]["2.1.1"]["outcome"] == "passed" and not at.error


def test_an_empty_folder_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.setenv("KAIKILLE_TEST_EVALUATIONS", str(tmp_path / "none"))
    at = start("sv")
    assert "kaikille evaluate sample" in at.info[0].value and not at.exception


def test_the_automated_evidence_is_shown_and_review_items_come_first(folder):
    data = read_evaluation(folder / "fixture.json")
    data["results"] = str(HERE / "golden" / "input-results.json")
    save_evaluation(folder / "fixture.json", data)
    at = start()
    at.selectbox(key="evaluation_file").select("fixture.json").run()
    options = at.selectbox(key="criterion").options
    assert options[0].startswith("1.1.1 Non-text Content")  # failing pages found automatically come before the rest
    at.selectbox(key="criterion").select("1.4.3").run()
    assert any(m.value.startswith("Automated checks (axe-core) found it failing on 1 page(s)") for m in at.markdown)
    assert any("contrast.html" in x.value for x in at.text)


def test_published_statements_are_checked_from_their_addresses_only(tmp_path, monkeypatch):
    """Real statements served on 127.0.0.1: one without problems, one stale with no status and the
    former supervisor; a missing page and a local file path are said, never read. Checked as of
    2026-11-23."""
    import datetime as dt

    from kaikille import clock
    from kaikille.loopback import serve

    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc))

    with serve(HERE / "statements" / "real") as base:
        at = AppTest.from_file(str(HERE / "published_page_app.py"), default_timeout=60)
        at.session_state["lang"] = "en"
        at.run()
        at.text_area(key="published_addresses").input(
            f"{base}seniorsurf-en.html\n{base}kela-atc-sv.html\n{base}missing.html\n/etc/passwd\n")
        at.button[0].click().run()
    page = "".join(h.proto.body for h in at.get("html"))
    assert any(m.value == "Statements checked: 4. With problems: 3." for m in at.markdown)
    rows = page.split("<tr>")[2:]
    assert "seniorsurf-en.html" in rows[0] and "partially compliant" in rows[0] and "No problems found." in rows[0]
    assert "kela-atc-sv.html" in rows[1] and "none of the three" in rows[1] and rows[1].count("<li>") == 3
    assert "Could not be checked" in rows[2] and "HTTP 404" in rows[2]
    assert "not a web address" in rows[3] and "root:" not in page


def test_each_criterion_says_how_to_test_it_in_plain_words(folder):
    from kaikille.catalogs import catalog
    from kaikille.wcag import required_criteria

    for lang in ("fi", "sv", "en"):
        steps = catalog("statements", lang)
        assert all(steps.get(f"steps.{sc}", "").strip() for sc in required_criteria()), lang
    at = start("fi")
    at.selectbox(key="evaluation_file").select("fixture.json").run()
    at.selectbox(key="criterion").select("2.4.7").run()
    assert any(m.value == "**Näin testaat**" for m in at.markdown)
    assert any("Näetkö aina, missä kohdistus on?" in m.value for m in at.markdown)


def test_an_evaluation_starts_from_an_audit_in_the_app(tmp_path, monkeypatch):
    """No file to edit: the coordinator picks an audit's results, and the sample is chosen, saved and opened."""
    import shutil

    reports = tmp_path / "reports" / "fixture-site"
    reports.mkdir(parents=True)
    shutil.copy(HERE / "golden" / "input-results.json", reports / "results.json")
    monkeypatch.setenv("KAIKILLE_TEST_EVALUATIONS", str(tmp_path / "evaluations"))
    monkeypatch.setenv("KAIKILLE_TEST_REPORTS", str(tmp_path / "reports"))
    at = start()
    assert at.selectbox(key="start_results").options == ["fixture-site/results.json"]
    at.text_input(key="start_name").input("Fixture site")
    at.button(key="start_button").click().run()
    written = read_evaluation(tmp_path / "evaluations" / "fixture-site.json")
    expected = sample_pages(read_report(reports / "results.json"))
    assert written["sample"] == expected and written["site"]["name"] == "Fixture site"
    assert written["results"] == str((reports / "results.json").resolve())
    assert at.success[0].value.startswith(f"Started fixture-site.json with {len(expected)} pages in the sample.")
    assert any("0 of 49 criteria evaluated." in m.value for m in at.markdown) and not at.exception
    at.text_input(key="start_name").input("Fixture site")
    at.button(key="start_button").click().run()  # a second start never writes over the first
    assert (tmp_path / "evaluations" / "fixture-site-2.json").is_file()
    assert read_evaluation(tmp_path / "evaluations" / "fixture-site.json")["revision"] == 1


def test_without_audit_results_the_page_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.setenv("KAIKILLE_TEST_EVALUATIONS", str(tmp_path / "evaluations"))
    monkeypatch.setenv("KAIKILLE_TEST_REPORTS", str(tmp_path / "nothing"))
    at = start("fi")
    assert any(m.value.startswith(f"Kansiossa {tmp_path / 'nothing'} ei ole auditointien tuloksia.") for m in at.markdown)
    assert not at.exception


def test_the_sample_is_edited_and_a_page_with_a_problem_stays(folder):
    at = start()
    at.selectbox(key="evaluation_file").select("fixture.json").run()
    before = read_evaluation(folder / "fixture.json")["sample"]
    at.multiselect(key="sample_remove").select(before[-1]["id"])
    at.text_input(key="sample_add").input("http://127.0.0.1:8000/asiointi/lomake")
    at.text_input(key="sample_add_title").input("Asiointilomake")
    at.button(key="FormSubmitter:sample_form-Save the sample").click().run()
    after = read_evaluation(folder / "fixture.json")["sample"]
    assert [p["url"] for p in after] == [p["url"] for p in before[:-1]] + ["http://127.0.0.1:8000/asiointi/lomake"]
    assert after[-1]["reasons"] == ["other"] and after[-1]["title"] == "Asiointilomake"
    at.text_input(key="sample_add").input("https://evil.example/")
    at.button(key="FormSubmitter:sample_form-Save the sample").click().run()
    assert at.error[0].value == "The sample was not changed: https://evil.example/ is not a page of the site being evaluated."
    assert read_evaluation(folder / "fixture.json")["sample"] == after
    data = read_evaluation(folder / "fixture.json")
    data["problems"].append({"id": "pr1", "criteria": ["1.3.1"], "description": "Table without headers", "pages": ["s1"]})
    save_evaluation(folder / "fixture.json", data)
    at = start()  # the problem was recorded on s1 (in another window)
    at.selectbox(key="evaluation_file").select("fixture.json").run()
    at.multiselect(key="sample_remove").select("s1")
    at.button(key="FormSubmitter:sample_form-Save the sample").click().run()
    assert "a recorded problem was seen on" in at.error[0].value
    assert any(p["id"] == "s1" for p in read_evaluation(folder / "fixture.json")["sample"])


def test_an_outcome_per_page_is_saved_and_decides_the_criterion(folder):
    at = start()
    at.selectbox(key="evaluation_file").select("fixture.json").run()
    at.selectbox(key="criterion").select("2.4.6").run()
    at.selectbox(key="page_2.4.6_s1").select("passed").run()
    at.selectbox(key="page_2.4.6_s2").select("cannot-tell").run()
    saved = read_evaluation(folder / "fixture.json")
    assert saved["criteria"]["2.4.6"]["pages"] == {"s1": "passed", "s2": "cannot-tell"}
    assert at.selectbox(key="criterion").value == "2.4.6"
    assert at.selectbox(key="criterion").format_func("2.4.6").endswith("— Cannot tell")  # the worst page decides
    at.selectbox(key="page_2.4.6_s2").select("not-checked").run()
    assert read_evaluation(folder / "fixture.json")["criteria"]["2.4.6"]["pages"] == {"s1": "passed"}
    assert not at.exception


def test_the_statements_of_the_sites_in_the_sites_file_are_found_and_checked(tmp_path, monkeypatch):
    """Three sites on 127.0.0.1: one whose front page links to its statement (a real one), one
    without such a link, one whose front page is missing. Checked as of 2026-11-23."""
    import datetime as dt
    import shutil

    from kaikille import clock
    from kaikille.loopback import serve

    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc))
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(HERE / "statements" / "real" / "seniorsurf-en.html", site / "statement.html")
    (site / "a.html").write_text('<html lang="en"><body><a href="statement.html">Accessibility statement</a></body></html>', "utf-8")
    (site / "b.html").write_text('<html lang="en"><body><a href="about.html">About us</a></body></html>', "utf-8")
    with serve(site) as base:
        sites = tmp_path / "sites.txt"
        sites.write_text(f"# three sites\n{base}a.html max-pages=5\n{base}b.html\n{base}missing.html\n", "utf-8")
        monkeypatch.setenv("KAIKILLE_TEST_SITES", str(sites))
        at = AppTest.from_file(str(HERE / "published_page_app.py"), default_timeout=60)
        at.session_state["lang"] = "en"
        at.run()
        at.button(key="published_sweep").click().run()
    page = "".join(h.proto.body for h in at.get("html"))
    rows = page.split("<tr>")[2:]
    assert any(m.value == "Statements checked: 3. With problems: 2." for m in at.markdown)
    assert f"{base}statement.html" in rows[0] and "partially compliant" in rows[0] and "No problems found." in rows[0]
    assert f"{base}b.html" in rows[1] and "No link named like an accessibility statement" in rows[1]
    assert f"{base}missing.html" in rows[2] and "HTTP 404" in rows[2]
    assert not at.exception
