"""JUnit XML: a test suite per site, a test case per page, a failure per rule that fails the gate."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from audit.gate import GateResult
from audit.reporters.context import Context
from audit.model import AuditReport, PageResult, fingerprint

# Characters XML 1.0 forbids even when escaped; a hostile page can put them in titles and snippets.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(element: ET.Element) -> None:
    for node in element.iter():
        node.attrib = {k: _NOT_XML.sub("\ufffd", v) for k, v in node.attrib.items()}
        if node.text:
            node.text = _NOT_XML.sub("\ufffd", node.text)


def _case(page: PageResult, gate: GateResult) -> tuple[ET.Element, int, int]:
    case = ET.Element("testcase", classname=page.site, name=page.name, time=f"{page.duration_ms / 1000:.3f}")
    if page.error:
        ET.SubElement(case, "error", message=page.error, type="page-error").text = page.error
        return case, 0, 1
    failing_rules, details, notes = [], [], []
    for finding in page.violations:
        failing = [n for n in finding.nodes if fingerprint(finding.rule_id, page.url, n) in gate.failing_fingerprints]
        criteria = ", ".join(f"WCAG {c.sc} ({c.level})" for c in finding.criteria) or "best practice"
        lines = [f"{finding.rule_id}: {finding.help} [{finding.impact}; {criteria}]", finding.help_url]
        lines += [f"- {n.selector}\n  {n.html}\n  {n.failure_summary}".rstrip() for n in finding.nodes]
        if failing:
            failing_rules.append(f"{finding.rule_id} ({len(finding.nodes)} element(s), {finding.impact})")
            details.append("\n".join(lines))
        else:
            notes.append(f"{finding.rule_id} (not failing: under --fail-on or in the baseline)\n" + "\n".join(lines[1:]))
    if failing_rules:  # one failure per test case: CI tools count failed tests, never more than tests
        failure = ET.SubElement(case, "failure", type="accessibility",
                                message=f"{len(failing_rules)} rule(s) fail the build: {', '.join(failing_rules)}")
        failure.text = "\n\n".join(details)
    if notes:
        ET.SubElement(case, "system-out").text = "\n\n".join(notes)
    return case, 1 if failing_rules else 0, 0


def render(report: AuditReport, gate: GateResult, context: Context = Context()) -> str:
    root = ET.Element("testsuites", name="kaikille accessibility audit")
    by_site: dict[str, list[PageResult]] = defaultdict(list)
    for page in report.pages:
        by_site[page.site].append(page)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for site, pages in by_site.items():
        suite = ET.SubElement(root, "testsuite", name=site, timestamp=report.meta.started_at)
        failures = errors = 0
        for page in pages:
            case, f, e = _case(page, gate)
            suite.append(case)
            failures += f
            errors += e
        counts = {"tests": len(pages), "failures": failures, "errors": errors}
        suite.attrib.update({k: str(v) for k, v in counts.items()} | {"skipped": "0", "time": f"{sum(p.duration_ms for p in pages) / 1000:.3f}"})
        for k in totals:
            totals[k] += counts[k]
    root.attrib.update({k: str(v) for k, v in totals.items()})
    _clean(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
