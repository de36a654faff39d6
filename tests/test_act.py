"""Conformance on the W3C ACT rules' own test cases (../shared/act) for every ACT rule one of
kaikille's checks implements: every expected-failed case flagged (violation or needs review), no
expected-passed or inapplicable case reported as a violation — W3C's "consistent"."""

from __future__ import annotations

import json

import pytest

import act_suite
from kaikille import __version__
from kaikille.loopback import serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not act_suite.available(), reason=f"the ACT test cases are not at {act_suite.ACT} (the W3C ACT rules test cases are read from ../shared/act beside the project; see the README)"),
]


@pytest.fixture(scope="module")
def results(chromium):
    chosen = [c for c in act_suite.cases(tuple(act_suite.IMPLEMENTS)) if not act_suite.needs_network(c)]
    with serve(act_suite.ACT) as base:
        return act_suite.run(base, chosen, chromium)


@pytest.mark.parametrize("rule", sorted(act_suite.IMPLEMENTS))
def test_consistent_on_every_case_of_the_rule(results, rule):
    mine = [(case, got) for case, got in results if case.rule == rule]
    assert mine, f"no test cases for {rule}"
    wrong = [(case.title, case.expected, got) for case, got in mine if not act_suite.consistent(case.expected, got)]
    assert wrong == []
    # every HTML case of these rules was audited (an SVG document is not a web page kaikille audits)
    assert not [case.title for case, got in mine if got == "untested" and not case.path.endswith((".svg", ".xml"))]
    failed = [got for case, got in mine if case.expected == "failed"]
    assert failed and all(got in ("failed", "cantTell") for got in failed)


def test_the_implementation_report_is_in_the_act_format(results, tmp_path):
    report = act_suite.earl(results, __version__)
    path = tmp_path / "kaikille-act-report.json"
    path.write_text(json.dumps(report, indent=2), "utf-8")
    graph = json.loads(path.read_text("utf-8"))["@graph"]
    assert len(graph) == len(results)
    outcomes = {a["result"]["outcome"] for subject in graph for a in subject["assertions"]}
    assert outcomes <= {"earl:failed", "earl:cantTell", "earl:passed", "earl:untested"} and "earl:failed" in outcomes  # EARL's own outcomes
    sources = [subject["source"] for subject in graph]
    assert all(s.startswith("https://www.w3.org/WAI/content-assets/wcag-act-rules/testcases/") for s in sources)
    assert any(s.endswith(".svg") for s in sources) and all(s.endswith((".html", ".svg", ".xml", ".xhtml")) for s in sources)
