"""GitLab's Code Quality report (the format its merge-request widget shows): an issue per failing
element that fails the build or is new, each with a stable fingerprint so GitLab can tell new from
fixed between the merge request and its target branch.

The "location" of a web page is its address (there is no source file); GitLab shows it as given.
"""

from __future__ import annotations

import json

from audit.gate import GateResult
from audit.reporters.context import Context
from audit.model import AuditReport

SEVERITIES = {"critical": "critical", "serious": "major", "moderate": "minor", "minor": "info"}


def render(report: AuditReport, gate: GateResult, context: Context = Context()) -> str:
    issues = []
    for issue in report.issues():
        f, node = issue.finding, issue.node
        criteria = ", ".join(f"WCAG {c.sc}" for c in f.criteria) or "best practice"
        issues.append({
            "type": "issue",
            "check_name": f.rule_id,
            "description": f"{f.help} ({criteria}) at {node.selector} on {issue.page.name}"[:1000],
            "categories": ["Accessibility"],
            "severity": SEVERITIES.get(f.impact or "", "minor"),
            "fingerprint": issue.fingerprint,
            "location": {"path": issue.page.url, "lines": {"begin": 1}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
