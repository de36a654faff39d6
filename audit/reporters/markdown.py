"""A Markdown summary for CI job summaries and pull-request comments. Page content is escaped."""

from __future__ import annotations

import html
import re

from audit.gate import GateResult
from audit.reporters.context import Context
from audit.model import IMPACTS, AuditReport, impact_rank
from kaikille.catalogs import text

MAX_GROUPS = 20
MAX_LISTED = 30  # new problems, pages not audited: the rest are in the HTML report
MAX_CELL = 300
MAX_BYTES = 1_000_000  # GitHub shows at most 1 MiB of a step's job summary
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def esc(text: str, limit: int = MAX_CELL) -> str:
    """Plain text for a Markdown table cell: one line of at most ``limit`` characters, HTML escaped,
    Markdown syntax neutralised."""
    line = " ".join(str(text).split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", html.escape(line, quote=False))


def render(report: AuditReport, gate: GateResult, context: Context = Context()) -> str:
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
        new = [i for i in report.issues() if i.fingerprint not in gate.accepted]
        lines += [f"Since the baseline: **{len(new)} new** failing element(s) ({len(gate.failing)} of them fail the build), "
                  f"**{len(gate.fixed)} fixed**, {gate.baselined} still there and accepted.", ""]
        if new:
            lines += ["### New since the baseline", "", "| Rule | Impact | Page | Element |", "| --- | --- | --- | --- |"]
            new.sort(key=lambda i: (-impact_rank(i.finding.impact), i.page.name, i.finding.rule_id))
            lines += [f"| {esc(i.finding.rule_id)} | {esc(i.finding.impact or '-')} | {esc(i.page.name)} | {esc(i.node.selector)} |"
                      for i in new[:MAX_LISTED]]
            if len(new) > MAX_LISTED:
                lines.append(f"\n…and {len(new) - MAX_LISTED} more in the HTML report.")
            lines.append("")
    groups = report.groups()
    if groups:
        lines += ["### Problems to fix, grouped", "", "Fixes that clear several pages first.", "",
                  "| Rule | Impact | WCAG | Where | Element | Pages |", "| --- | --- | --- | --- | --- | ---: |"]
        for g in groups[:MAX_GROUPS]:
            wcag = ", ".join(c.sc for c in g.criteria) or "best practice"
            where = text("audit.reporters", "en", f"landmark.{g.landmark or 'none'}") if g.landmark is not None else "-"
            pages = f"**fix once: {g.page_count}**" if g.page_count > 1 else "1"
            lines.append(f"| {esc(g.rule_id)} | {esc(g.impact or '-')} | {wcag} | {where} | {esc(g.selector)} | {pages} |")
        if len(groups) > MAX_GROUPS:
            lines.append(f"\n…and {len(groups) - MAX_GROUPS} more group(s) in the HTML report.")
        lines.append("")
    errors = [p for p in report.pages if p.error]
    if errors:
        lines += ["### Pages not audited", ""]
        lines += [f"- {esc(p.name)}: {esc(p.error or '')}" for p in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(f"- …and {len(errors) - MAX_LISTED} more in the HTML report.")
        lines.append("")
    return fit("\n".join(lines))


def fit(text: str) -> str:
    """The summary within GitHub's job-summary size, cut at a line end if ever it is not."""
    if len(text.encode("utf-8")) <= MAX_BYTES:
        return text
    cut = text.encode("utf-8")[: MAX_BYTES - 200].decode("utf-8", "ignore").rsplit("\n", 1)[0]
    return cut + "\n\n…cut here to fit a job summary: the HTML report has everything.\n"

