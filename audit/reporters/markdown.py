"""A Markdown summary for CI job summaries and pull-request comments. Page content is escaped."""

from __future__ import annotations

import html
import re

from audit.gate import GateResult
from audit.model import IMPACTS, LANDMARK_NAMES, AuditReport

MAX_GROUPS = 20
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def esc(text: str) -> str:
    """Plain text for a Markdown table cell: HTML escaped, Markdown syntax neutralised, one line."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def render(report: AuditReport, gate: GateResult) -> str:
    totals = report.totals()
    meta = report.meta
    lines = ["## Accessibility audit (kaikille)", ""]
    if gate.passed:
        lines.append(f"**Passed**: no new violations at impact *{gate.fail_on}* or above.")
    else:
        lines.append(f"**Failed**: {len(gate.failing)} new violation(s) at impact *{gate.fail_on}* or above.")
    lines += [
        "",
        f"{totals['pages_audited']} of {totals['pages']} page(s) audited, {totals['pages_with_errors']} not audited, "
        f"{totals['skipped']} URL(s) skipped; {esc(meta.engines_text)}, standard {esc(meta.config.get('standard', ''))}.",
        "",
        "| Impact | Elements |",
        "| --- | ---: |",
        *(f"| {impact} | {totals['by_impact'].get(impact, 0)} |" for impact in reversed(IMPACTS)),
        f"| needs review (not counted) | {totals['needs_review']} |",
        "",
    ]
    if gate.baseline_used:
        lines += [f"Baseline: {gate.baselined} violation(s) accepted, {len(gate.fixed)} baseline entries fixed.", ""]
    groups = report.groups()
    if groups:
        lines += ["### Problems to fix, grouped", "", "Fixes that clear several pages first.", "",
                  "| Rule | Impact | WCAG | Where | Element | Pages |", "| --- | --- | --- | --- | --- | ---: |"]
        for g in groups[:MAX_GROUPS]:
            wcag = ", ".join(c.sc for c in g.criteria) or "best practice"
            where = LANDMARK_NAMES.get(g.landmark or "", "-") if g.landmark is not None else "-"
            pages = f"**fix once: {g.page_count}**" if g.page_count > 1 else "1"
            lines.append(f"| {esc(g.rule_id)} | {esc(g.impact or '-')} | {wcag} | {where} | {esc(g.selector)} | {pages} |")
        if len(groups) > MAX_GROUPS:
            lines.append(f"\n…and {len(groups) - MAX_GROUPS} more group(s) in the HTML report.")
        lines.append("")
    errors = [p for p in report.pages if p.error]
    if errors:
        lines += ["### Pages not audited", ""]
        lines += [f"- {esc(p.name)}: {esc(p.error or '')}" for p in errors]
        lines.append("")
    return "\n".join(lines)

