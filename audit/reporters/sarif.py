"""SARIF 2.1.0 for code-scanning tools: a rule per axe rule, a result per failing element."""

from __future__ import annotations

import json

from kaikille import TOOL_NAME, __version__
from audit.gate import GateResult
from audit.reporters.context import Context
from audit.model import AuditReport
from kaikille.links import is_web_address

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}
FINGERPRINT_KEY = "kaikille/v1"


def render(report: AuditReport, gate: GateResult, context: Context = Context()) -> str:
    issues = report.issues()
    rules: dict[str, dict] = {}
    for issue in issues:
        f = issue.finding
        if f.rule_id not in rules:
            criteria = [f"WCAG {c.sc} {c.handle} ({c.level})".replace("  ", " ") for c in f.criteria]
            rules[f.rule_id] = {
                "id": f.rule_id,
                "name": f.rule_id,
                "shortDescription": {"text": f.help},
                "fullDescription": {"text": f.description},
                **({"helpUri": f.help_url} if is_web_address(f.help_url) else {}),
                "help": {"text": f"{f.description}. " + ("; ".join(criteria) or "Best practice") + f". {f.help_url}"},
                "defaultConfiguration": {"level": LEVELS.get(f.impact or "", "warning")},
                "properties": {"tags": ["accessibility", *f.tags], "precision": "high"},
            }
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    results = []
    for issue in issues:
        f, node = issue.finding, issue.node
        result = {
            "ruleId": f.rule_id,
            "ruleIndex": index[f.rule_id],
            "level": LEVELS.get(f.impact or "", "warning"),
            "message": {"text": f"{f.help} ({f.impact}) at {node.selector} on {issue.page.name}. {node.failure_summary}".strip()},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": issue.page.url},
                        "region": {"startLine": 1, "snippet": {"text": node.html}},
                    },
                    "logicalLocations": [{"fullyQualifiedName": node.selector, "kind": "element"}],
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: issue.fingerprint},
            "properties": {
                "impact": f.impact,
                "wcag": [c.sc for c in f.criteria],
                "en301549": [c.en_301_549 for c in f.criteria if c.en_301_549],
                "failsBuild": issue.fingerprint in gate.failing_fingerprints,
            },
        }
        if gate.baseline_used:
            result["baselineState"] = "unchanged" if issue.fingerprint in gate.accepted else "new"
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__, "rules": list(rules.values())},
                    "extensions": [{"name": e.name, "version": e.version} for e in report.meta.engines],
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "startTimeUtc": report.meta.started_at,
                        "endTimeUtc": report.meta.finished_at,
                    }
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
