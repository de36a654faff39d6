"""From evidence to a statement: audit results + the statement file -> status, non-compliances, checks.

The status rule (documented in the README and recorded in the JSON):
  - "fully" only with no known non-compliance (automated or manual), no disproportionate-burden
    claim, and a manual evaluation that covered every required criterion;
  - "not" when 25 or more of the 49 required criteria are known to fail (most requirements unmet);
  - "partially" otherwise: a clean automated run without a full manual evaluation is never "fully".
  A coordinator may override the status only with a written justification, kept in the JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from audit.model import AuditReport
from kaikille.errors import Refused
from kaikille.links import in_scope
from kaikille.wcag import sc_key
from statements.evaluation import DONE, criterion_results, description
from statements.source import ManualFinding, StatementSource, required_criteria

NOT_COMPLIANT_FROM = 25  # of 49: "most requirements are not met"
REVIEW_MAX_DAYS = 365


class StaleStatement(Refused):
    """The statement may not be published as it is (e.g. its review is older than 12 months)."""


@dataclass(frozen=True)
class Noncompliance:
    criterion: str
    automated_pages: int
    examples: tuple[str, ...]
    manual: tuple[ManualFinding, ...]
    fix_by: dt.date | None


@dataclass(frozen=True)
class Automated:
    engines: str  # "axe-core 4.12.1, kaikille 0.1.0"
    date: dt.date
    pages: int


@dataclass(frozen=True)
class Evidence:
    """What is known about one required criterion, and from whom."""

    criterion: str
    automated: tuple[str, ...]  # engines and check sets that tested it and can find it failing
    review: tuple[str, ...]  # those that can only point out places for a person to check
    person: bool  # a person evaluated it
    failing: bool  # a known non-compliance (automated or manual)

    @property
    def result(self) -> str:
        """failed | person (evaluated by a person, nothing found) | automated (only automated checks,
        nothing found) | review (only flagged for review so far) | not-evaluated"""
        if self.failing:
            return "failed"
        if self.person:
            return "person"
        if self.automated:
            return "automated"
        return "review" if self.review else "not-evaluated"


EVIDENCE_ORDER = ("failed", "person", "automated", "review", "not-evaluated")


def evidence(reports: list[AuditReport], source: StatementSource, failing: set[str]) -> tuple[Evidence, ...]:
    """Per required criterion, in order: which automated engines tested it (and how surely), whether
    a person evaluated it, whether it is known to fail. A results file older than these records
    claims nothing."""
    automated: dict[str, set[str]] = {}
    review: dict[str, set[str]] = {}
    for report in reports:
        for engine in report.meta.engines:
            for sc in engine.can_fail:
                automated.setdefault(sc, set()).add(engine.name)
            for sc in engine.review_only:
                review.setdefault(sc, set()).add(engine.name)
    person = set(source.evaluated) | {f.criterion for f in source.findings}
    return tuple(
        Evidence(sc, tuple(sorted(automated.get(sc, ()))), tuple(sorted(review.get(sc, set()) - automated.get(sc, set()))),
                 sc in person, sc in failing)
        for sc in required_criteria()
    )


@dataclass(frozen=True)
class Statement:
    source: StatementSource
    status: str
    status_by: str  # "rule" or "override"
    noncompliances: tuple[Noncompliance, ...]
    automated: Automated | None
    built_on: dt.date
    warnings: tuple[str, ...] = ()
    review: dict[str, list[str]] = field(default_factory=dict)  # fixed / new / still_open criteria
    evidence: tuple[Evidence, ...] = ()  # per required criterion


def automated_evidence(reports: list[AuditReport], scope: tuple[str, ...] | None = None
                       ) -> tuple[dict[str, list[str]], Automated | None, list[str]]:
    """Required criteria that automated checks found failing -> the pages where, in page order;
    with ``scope``, only pages the statement covers, and the pages with findings it left out."""
    required = set(required_criteria())
    pages: dict[str, list[str]] = {}
    outside: set[str] = set()
    for report in reports:
        for issue in report.issues():
            if scope is not None and not in_scope(issue.page.url, scope):
                outside.add(issue.page.url)
                continue
            for criterion in issue.finding.criteria:
                if criterion.sc in required:
                    urls = pages.setdefault(criterion.sc, [])
                    if issue.page.url not in urls:
                        urls.append(issue.page.url)
    if not reports:
        return pages, None, []
    latest = max(reports, key=lambda r: r.meta.finished_at)
    automated = Automated(
        engines=latest.meta.engines_text,
        date=dt.date.fromisoformat(latest.meta.finished_at[:10]),
        pages=sum(sum(p.audited for p in r.pages) for r in reports),
    )
    return pages, automated, sorted(outside)


def decide_status(source: StatementSource, failing: set[str]) -> tuple[str, str]:
    if source.override_status:
        return source.override_status, "override"
    if not failing and not source.burdens and source.manual == "full":
        return "fully", "rule"
    if len(failing) >= NOT_COMPLIANT_FROM:
        return "not", "rule"
    return "partially", "rule"


def with_evaluation(source: StatementSource, evaluation: dict) -> tuple[StatementSource, list[str]]:
    """The statement file's source with a person's evaluation in place of its hand-written
    assessment: the problems become the manual findings (one per criterion they fail, where = the
    pages' titles and addresses), an explicitly failed criterion without a problem one finding with
    its note, the evaluated criteria and "full" only when all 49 have an outcome a person gave.
    Hand-written findings and evaluated_criteria in the statement file are ignored (and said)."""
    notes = []
    if source.findings or (source.evaluated and source.manual != "full"):
        notes.append(f"{source.path}: its [[finding]] and assessment.evaluated_criteria are ignored: the evaluation decides")
    pages = {p["id"]: p for p in evaluation["sample"]}

    def where(ids: list[str]) -> str:
        return "; ".join(f"{pages[i]['title']} ({pages[i]['url']})" if pages[i].get("title") else pages[i]["url"] for i in ids)

    findings = []
    results = criterion_results(evaluation)
    for result in results:
        for problem in (p for p in evaluation["problems"] if p["id"] in result.problems):
            fix = dt.date.fromisoformat(problem["fix_by"]) if problem.get("fix_by") else None
            findings.append(ManualFinding(result.criterion, {lang: where(problem["pages"]) for lang in source.languages},
                                          {lang: description(problem, lang) for lang in source.languages}, fix))
        if result.outcome == "failed" and not result.problems:
            text = result.note or "—"
            findings.append(ManualFinding(result.criterion, {lang: "" for lang in source.languages}, {lang: text for lang in source.languages}, None))
    evaluated = tuple(r.criterion for r in results if r.outcome in DONE)
    manual = "full" if len(evaluated) == len(results) else "partial" if evaluated else "none"
    return replace(source, findings=tuple(findings), evaluated=evaluated, manual=manual), notes


def build(source: StatementSource, reports: list[AuditReport], today: dt.date, previous: dict | None = None) -> Statement:
    """Raises StaleStatement when the review date is more than 12 months old."""
    age = (today - source.reviewed).days
    if age > REVIEW_MAX_DAYS:
        raise StaleStatement(
            f"not published: {source.path}: dates.reviewed is {source.reviewed.isoformat()}, {age} days ago: a statement must be "
            "reviewed at least once a year. Review it and update the date."
        )
    auto_pages, automated, outside = automated_evidence(reports, source.urls)
    manual_by_sc: dict[str, list[ManualFinding]] = {}
    for finding in source.findings:
        manual_by_sc.setdefault(finding.criterion, []).append(finding)
    failing = set(auto_pages) | set(manual_by_sc)
    status, status_by = decide_status(source, failing)
    items = []
    for sc in sorted(failing, key=sc_key):
        dates = [f.fix_by for f in manual_by_sc.get(sc, []) if f.fix_by]
        if sc in auto_pages:
            dates.append(source.fix_by.get(sc) or source.fix_by_default)
        known = [d for d in dates if d]
        items.append(Noncompliance(
            criterion=sc,
            automated_pages=len(auto_pages.get(sc, [])),
            examples=tuple(auto_pages.get(sc, [])[:3]),
            manual=tuple(manual_by_sc.get(sc, [])),
            fix_by=max(known) if known else None,
        ))
    warnings = [f"criterion {n.criterion}: the planned fix date {n.fix_by.isoformat()} has passed" for n in items if n.fix_by and n.fix_by < today]
    if outside:
        warnings.append(f"{len(outside)} audited page(s) with findings are outside the statement's addresses "
                        f"({', '.join(source.urls)}) and were left out, e.g. {outside[0]}")
    warnings += [f"burden claim '{b.what.get(source.languages[0], '')}' ended on {b.until.isoformat()}" for b in source.burdens if b.until < today]
    review = {}
    if previous is not None:
        before = {n["criterion"] for n in previous.get("noncompliances", []) if isinstance(n, dict) and "criterion" in n}
        review = {
            "fixed": sorted(before - failing, key=sc_key),
            "new": sorted(failing - before, key=sc_key),
            "still_open": sorted(before & failing, key=sc_key),
        }
    return Statement(source, status, status_by, tuple(items), automated, today, tuple(warnings), review,
                     evidence(reports, source, failing))
