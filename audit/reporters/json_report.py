"""The JSON results file: the contract (schema: audit/schema/results.schema.json)."""

from __future__ import annotations

import json

from audit.gate import GateResult
from audit.reporters.context import Context
from audit.model import AuditReport


def document(report: AuditReport, gate: GateResult) -> dict:
    return {
        **report.to_dict(),
        "gate": {
            "fail_on": gate.fail_on,
            "passed": gate.passed,
            "baseline_used": gate.baseline_used,
            "baselined": gate.baselined,
            "failing": [i.fingerprint for i in gate.failing],
            "fixed_since_baseline": list(gate.fixed),
        },
    }


def render(report: AuditReport, gate: GateResult, context: Context = Context()) -> str:
    return json.dumps(document(report, gate), indent=2, ensure_ascii=False) + "\n"
