"""Statements: golden outputs in fi/sv/en for four situations, the status rule, the annual review,
the statement file's error messages, and the catalogs."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from conftest import kaikille

from kaikille.catalogs import catalog, placeholders
from audit.model import read_report
from statements.build import StaleStatement, build
from statements.render import FORMATS, as_json, html_page, markdown
from kaikille.wcag import criterion_name
from statements.source import StatementFileError, parse_statement, read_statement, required_criteria

HERE = Path(__file__).parent / "statements"
GOLDEN = HERE / "golden"
TODAY = dt.date(2026, 11, 22)
REGENERATE = os.environ.get("KAIKILLE_REGEN_GOLDEN") == "1"
RECORDED = Path(__file__).parent / "golden" / "input-results.json"  # pages on 127.0.0.1
VIOLATIONS = HERE / "digituki-results.json"  # the same findings on the pages of the site partial.toml covers
CLEAN = HERE / "clean-results.json"  # a version 1 file: it records no criteria, so it claims nothing for them
CLEAN_2 = HERE / "clean-results-2.json"  # records what axe-core and kaikille's checks tested
SCENARIOS = {"partial": VIOLATIONS, "clean-unevaluated": CLEAN_2, "fully": CLEAN, "burden": CLEAN}
EXPECTED_STATUS = {"partial": "partially", "clean-unevaluated": "partially", "fully": "fully", "burden": "partially"}


def statement(name: str, today: dt.date = TODAY, previous: dict | None = None):
    return build(read_statement(HERE / f"{name}.toml"), [read_report(SCENARIOS[name])], today, previous)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_status_follows_the_evidence(name):
    assert statement(name).status == EXPECTED_STATUS[name]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
@pytest.mark.parametrize("fmt", ["html", "markdown", "json"])
def test_golden_statements(name, fmt):
    st = statement(name)
    pattern, render = FORMATS[fmt]
    for lang in st.source.languages:
        produced = render(st, lang)
        golden = GOLDEN / name / pattern.format(lang=lang)
        if REGENERATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(produced, "utf-8")
        assert produced == golden.read_text("utf-8"), f"{golden} changed: review, then KAIKILLE_REGEN_GOLDEN=1"


def test_noncompliances_join_audit_and_manual_findings():
    st = statement("partial")
    assert [n.criterion for n in st.noncompliances] == ["1.1.1", "1.2.2", "1.4.3", "4.1.2"]
    alt = st.noncompliances[0]
    assert alt.automated_pages == 4 and alt.fix_by == dt.date(2027, 6, 30) and not alt.manual
    captions = st.noncompliances[1]
    assert captions.automated_pages == 0 and captions.fix_by == dt.date(2027, 3, 31)
    assert captions.manual[0].what["sv"] == "Två videor saknar undertexter."


def test_each_criterion_says_what_evidence_exists():
    """Automated evidence only from what a results file records each engine tested (a version 1
    file records nothing, so it claims nothing); a check that can only flag for review is not
    'checked'; a person's evaluation and findings count as a person's."""
    old = {e.criterion: e.result for e in statement("partial").evidence}
    assert len(old) == 49 and old["1.1.1"] == "failed" and old["2.1.1"] == "person" and old["1.4.1"] == "person"
    assert old["4.1.1"] == "not-evaluated" and "automated" not in old.values()
    clean = {e.criterion: e for e in statement("clean-unevaluated").evidence}
    assert clean["1.4.10"].result == "automated" and clean["1.4.10"].automated == ("kaikille",)
    assert clean["1.4.4"].automated == ("axe-core", "kaikille")
    assert clean["2.4.3"].result == "review" and clean["2.4.3"].review == ("kaikille",)
    assert clean["2.4.2"].automated == ("axe-core",) and clean["2.4.2"].review == ("kaikille",)  # axe can fail it; ours only flags it
    assert clean["1.3.2"].result == "not-evaluated"
    assert sum(e.result == "automated" for e in clean.values()) == 33
    assert all(e.result == "person" for e in statement("fully").evidence)
    listed = as_json(statement("clean-unevaluated"), "en")["criteria"]
    assert [c["criterion"] for c in listed] == list(required_criteria())
    assert next(c for c in listed if c["criterion"] == "2.4.3") == {
        "criterion": "2.4.3", "name": "Focus Order", "result": "review", "automated": [], "review_only": ["kaikille"], "person": False}


def test_most_requirements_failing_is_not_compliant():
    data = statement_data("fully")
    data["assessment"]["manual_evaluation"] = "full"
    data["finding"] = [{"criterion": sc, "where": {"fi": "x", "sv": "x", "en": "x"}, "what": {"fi": "y", "sv": "y", "en": "y"}}
                       for sc in required_criteria()[:25]]
    assert build(parse_statement("s.toml", data), [], TODAY).status == "not"
    data["finding"] = data["finding"][:24]
    assert build(parse_statement("s.toml", data), [], TODAY).status == "partially"


def test_override_needs_and_keeps_a_justification():
    data = statement_data("partial")
    data["override"] = {"status": "fully"}
    with pytest.raises(StatementFileError, match="override.justification: is missing"):
        parse_statement("s.toml", data)
    data["override"]["justification"] = "The contrast findings are in a decorative logo (exempt)."
    st = build(parse_statement("s.toml", data), [read_report(VIOLATIONS)], TODAY)
    from statements.render import as_json

    assert st.status == "fully" and st.status_by == "override"
    assert as_json(st, "en")["override_justification"].startswith("The contrast findings")


def test_a_review_older_than_twelve_months_is_refused():
    with pytest.raises(StaleStatement, match="reviewed at least once a year"):
        statement("fully", today=dt.date(2027, 10, 6))
    assert statement("fully", today=dt.date(2027, 10, 5)).status == "fully"


def test_pages_outside_the_statements_addresses_are_left_out_with_a_warning():
    source = read_statement(HERE / "partial.toml")
    st = build(source, [read_report(RECORDED)], TODAY)
    assert [n.criterion for n in st.noncompliances] == ["1.2.2"]  # the person's finding stays
    assert not st.noncompliances[0].automated_pages
    assert any("outside the statement's addresses (https://digituki.hel.fi/)" in w and "http://127.0.0.1:8000/" in w for w in st.warnings)
    assert "127.0.0.1" not in markdown(st, "en")


def test_past_fix_dates_warn():
    st = statement("partial", today=dt.date(2026, 11, 20))
    assert st.warnings == ()
    data = statement_data("partial")
    data["finding"][0]["fix_by"] = dt.date(2026, 1, 31)
    st = build(parse_statement("s.toml", data), [read_report(VIOLATIONS)], TODAY)
    assert "criterion 1.2.2: the planned fix date 2026-01-31 has passed" in st.warnings


def test_annual_review_against_last_years_json():
    from statements.render import as_json

    last_year = as_json(statement("partial"), "fi")
    last_year["noncompliances"] = [n for n in last_year["noncompliances"] if n["criterion"] != "4.1.2"] + [
        {"criterion": "2.4.2"}]
    review = statement("partial", previous=last_year).review
    assert review == {"fixed": ["2.4.2"], "new": ["4.1.2"], "still_open": ["1.1.1", "1.2.2", "1.4.3"]}


def statement_data(name: str) -> dict:
    import tomllib

    return tomllib.loads((HERE / f"{name}.toml").read_text("utf-8"))


@pytest.mark.parametrize("change, message", [
    (lambda d: d["finding"][0].update(criterion="1.4.99"), "finding[1].criterion: '1.4.99' is not one of the 49 criteria"),
    (lambda d: d["finding"][0].update(criterion="1.2.4"), "finding[1].criterion: '1.2.4' is not one of the 49 criteria"),
    (lambda d: d["site"].pop("organisation"), "site.organisation: is missing"),
    (lambda d: d["site"].update(languages=["fi", "de"]), "site.languages: unknown language 'de'"),
    (lambda d: d["site"]["service"].pop("sv"), "site.service: has no text in sv"),
    (lambda d: d["feedback"].update(email=""), "feedback: needs at least one channel"),
    (lambda d: d["feedback"].update(response_days=30), "feedback.response_days: must be a whole number of days, at most 14"),
    (lambda d: d["dates"].update(reviewed="last spring"), "dates.reviewed: must be a date like 2026-11-22"),
    (lambda d: d["assessment"].update(method="guess"), "assessment.method: must be one of self, third-party"),
    # a value that would become a live link or break out of one in the HTML or Markdown
    (lambda d: d["feedback"].update(form="javascript:alert(1)"), "feedback.form: 'javascript:alert(1)' must be an http(s) address"),
    (lambda d: d["site"].update(urls=["https://x.fi/><script>alert(1)</script>"]), "site.urls: must be a list of http(s) addresses"),
    (lambda d: d["feedback"].update(email="a@b.fi?subject=<x>"), "feedback.email: 'a@b.fi?subject=<x>' is not an e-mail address"),
    (lambda d: d["feedback"].update(phone="javascript:1"), "feedback.phone: 'javascript:1' is not a phone number"),
    # wrong types used to print "within True days" or end in a traceback
    (lambda d: d["feedback"].update(response_days=True), "feedback.response_days: must be a whole number of days"),
    (lambda d: d.update(fixes={"by_criterion": "x"}), "fixes.by_criterion: must be a table of dates by criterion"),
    (lambda d: d["site"]["service"].update(sv=5), "site.service: the sv text must be text, got 5"),
    (lambda d: d["assessment"].update(evaluated_criteria=["2.1.1", "9.9.9"]), "assessment.evaluated_criteria[1]: '9.9.9' is not one of the 49"),
    (lambda d: d["feedback"].pop("unit"), "feedback.unit: is missing"),
    (lambda d: d["feedback"]["unit"].pop("sv"), "feedback.unit: has no text in sv"),
    (lambda d: d["assessment"].update(evaluated_criteria="2.1.1"), "assessment.evaluated_criteria: must be a list of criteria"),
    (lambda d: d["assessment"].update(manual_evaluation="none"), 'lists criteria a person evaluated, but manual_evaluation is "none"'),
])
def test_statement_file_errors_name_file_field_and_problem(change, message):
    data = statement_data("partial")
    change(data)
    with pytest.raises(StatementFileError) as err:
        parse_statement("sites/digituki.toml", data)
    assert str(err.value).startswith("sites/digituki.toml: ") and message in str(err.value)


def test_every_catalog_has_every_key_and_all_49_criteria():
    reference = catalog("statements", "en")
    for lang in ("fi", "sv", "en"):
        cat = catalog("statements", lang)
        assert set(cat) == set(reference), lang
        # a date format picks its own parts (31.12.2026 / 31 December 2026); other texts keep every placeholder
        assert placeholders(cat["date.format"]) <= {"d", "m", "y", "month"}
        assert all(placeholders(cat[k]) == placeholders(v) for k, v in reference.items() if k != "date.format"), lang
        for sc in required_criteria():
            assert cat[f"sc.{sc}.problem"] and criterion_name(sc, lang)[0]


def test_the_example_statement_file_builds():
    st = build(read_statement(Path(__file__).parent.parent / "statements" / "example-statement.toml"), [], TODAY)
    assert st.status == "partially" and st.source.languages == ("fi", "sv", "en")




def test_cli_build_writes_every_language_and_format(tmp_path):
    result = kaikille("statement", "build", str(HERE / "partial.toml"), "--results", str(VIOLATIONS),
                      "--out", str(tmp_path), "--today", "2026-11-22")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        pattern.format(lang=lang) for pattern, _ in FORMATS.values() for lang in ("fi", "sv", "en"))
    assert json.loads((tmp_path / "statement.sv.json").read_text())["status"] == "partially"


def test_cli_refuses_a_stale_statement_and_reports_bad_files(tmp_path):
    stale = kaikille("statement", "build", str(HERE / "fully.toml"), "--out", str(tmp_path / "a"), "--today", "2028-01-01")
    assert stale.returncode == 1 and "reviewed at least once a year" in stale.stderr and not (tmp_path / "a").exists()
    bad = tmp_path / "bad.toml"
    bad.write_text("[site]\nlanguages = ['fi']\n")
    broken = kaikille("statement", "build", str(bad), "--out", str(tmp_path / "b"))
    assert broken.returncode == 2 and f"{bad}: site.urls: is missing" in broken.stderr
    missing = kaikille("statement", "build", str(HERE / "partial.toml"), "--results", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "results file not found" in missing.stderr


def test_every_problem_in_a_statement_file_is_reported_at_once():
    data = statement_data("partial")
    data["feedback"].update(form="javascript:alert(1)", response_days=True)
    data["dates"]["reviewed"] = "last spring"
    data["site"].pop("organisation")
    with pytest.raises(StatementFileError) as caught:
        parse_statement("s.toml", data)
    lines = str(caught.value).splitlines()
    assert lines[0] == "4 problem(s) in the statement file:"
    assert {line.split(": ", 2)[1] for line in lines[1:]} == {
        "feedback.form", "feedback.response_days", "dates.reviewed", "site.organisation"}


def test_a_link_a_page_could_choose_is_never_emitted():
    from statements.render import Link, safe_url

    for bad in ("javascript:alert(1)", "data:text/html,x", "https://x.fi/a>b", "https://x.fi/\"onmouseover=x", "vbscript:x"):
        assert not safe_url(bad)
        with pytest.raises(ValueError):
            Link("x", bad)
    assert safe_url("https://www.tillgänglighetskrav.fi/sv") and safe_url("statement.sv.html") and safe_url("tel:+358931010011")


def test_criteria_carry_their_official_names():
    """The issue's examples from W3C's authorised Finnish translation; in Swedish 2.4.2 is about the
    page's title (not its headings), and the WCAG 2.1 additions, which have no official Swedish
    translation, are marked as such in the statement, with the note that says so."""
    expected_fi = {"1.1.1": "Ei-tekstuaalinen sisältö", "1.3.1": "Informaatio ja suhteet", "1.4.3": "Kontrasti (minimi)",
                   "2.1.1": "Näppäimistö", "2.5.3": "Nimilappu nimessä", "3.3.2": "Nimilaput tai ohjeet",
                   "4.1.3": "Tilasta kertovat viestit"}
    assert {sc: criterion_name(sc, "fi") for sc in expected_fi} == {sc: (n, True) for sc, n in expected_fi.items()}
    assert criterion_name("2.4.2", "sv") == ("Sidtitel", True)
    assert criterion_name("1.4.10", "sv")[1] is False and criterion_name("1.4.10", "en") == ("Reflow", True)
    for lang in ("fi", "sv", "en"):
        names = [criterion_name(sc, lang)[0] for sc in required_criteria()]
        assert all(names) and len(set(names)) == 49, lang
    unofficial = [sc for sc in required_criteria() if not criterion_name(sc, "sv")[1]]
    assert unofficial == ["1.3.4", "1.3.5", "1.4.10", "1.4.11", "1.4.12", "1.4.13", "2.1.4", "2.5.1", "2.5.2", "2.5.3", "2.5.4", "4.1.3"]
    sv = html_page(statement("clean-unevaluated"), "sv")
    assert "1.4.10 Omflytning*" in sv and catalog("statements", "sv")["criteria.unofficial_note"] in sv
    fi = html_page(statement("clean-unevaluated"), "fi")
    assert "1.4.3 Kontrasti (minimi)" in fi and "*" not in fi.split("<h1")[1]
