"""kaikille's own result types. Engine output is converted into these at the edge (``audit.axe``).

The JSON results file (``AuditReport.to_dict``) is the contract between the audit, the reporters,
the statements and the history; its schema is ``audit/schema/results.schema.json``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from audit.errors import UsageError, read_json_object
from audit.standards import Criterion

SCHEMA_VERSION = "1.0"
IMPACTS = ("minor", "moderate", "serious", "critical")
VIOLATION = "violation"
NEEDS_REVIEW = "needs-review"


def impact_rank(impact: str | None) -> int:
    """Higher is worse; unknown or missing impact ranks below 'minor'."""
    return IMPACTS.index(impact) if impact in IMPACTS else -1


@dataclass(frozen=True)
class Node:
    """One element a rule flagged: its selector path (through frames), HTML snippet and summary."""

    target: tuple[str, ...]
    html: str
    failure_summary: str

    @property
    def selector(self) -> str:
        return " >> ".join(self.target)


@dataclass(frozen=True)
class Finding:
    """One axe rule's result on one page: a violation, or a result that needs human review."""

    rule_id: str
    outcome: str
    impact: str | None
    help: str
    description: str
    help_url: str
    tags: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class PageResult:
    """What happened to one URL: audited (findings), or not (error says why)."""

    url: str
    site: str
    depth: int
    final_url: str | None = None
    status: int | None = None
    title: str = ""
    started_at: str = ""
    duration_ms: int = 0
    error: str | None = None
    redirects: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def audited(self) -> bool:
        return self.error is None

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.outcome == VIOLATION)


@dataclass(frozen=True)
class Skipped:
    """A URL the crawl saw but did not audit, and why (out of scope, robots.txt, not HTML, limits)."""

    url: str
    reason: str
    site: str
    found_on: str | None = None


@dataclass(frozen=True)
class RunMeta:
    tool: str
    tool_version: str
    axe_version: str
    browser: str
    user_agent: str
    started_at: str
    finished_at: str
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Issue:
    """One failing element on one page: the unit of gating and of the baseline."""

    fingerprint: str
    page: PageResult
    finding: Finding
    node: Node


@dataclass(frozen=True)
class Group:
    """The same rule failing on the same markup across pages: one fix, many pages."""

    rule_id: str
    selector: str
    impact: str | None
    help: str
    help_url: str
    criteria: tuple[Criterion, ...]
    page_count: int
    example_urls: tuple[str, ...]
    html: str


def fingerprint(rule_id: str, page_url: str, node: Node) -> str:
    """Stable id of one failing element: independent of run time, page order and snippet text."""
    key = "\n".join((rule_id, page_url, node.selector))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class AuditReport:
    meta: RunMeta
    pages: tuple[PageResult, ...]
    skipped: tuple[Skipped, ...] = ()

    def issues(self, outcome: str = VIOLATION) -> list[Issue]:
        return [
            Issue(fingerprint(f.rule_id, p.url, n), p, f, n)
            for p in self.pages
            for f in p.findings
            if f.outcome == outcome
            for n in f.nodes
        ]

    def groups(self, examples: int = 5) -> list[Group]:
        # Keyed by the element's markup, not its selector: axe picks the shortest unique selector
        # per page, so the same template element gets different selectors on different pages.
        buckets: dict[tuple[str, str], list[Issue]] = {}
        for issue in self.issues():
            buckets.setdefault((issue.finding.rule_id, " ".join(issue.node.html.split())), []).append(issue)
        groups = []
        for (rule_id, _markup), items in buckets.items():
            first = items[0]
            selector = first.node.selector
            urls = list(dict.fromkeys(i.page.url for i in items))
            groups.append(
                Group(
                    rule_id=rule_id,
                    selector=selector,
                    impact=first.finding.impact,
                    help=first.finding.help,
                    help_url=first.finding.help_url,
                    criteria=first.finding.criteria,
                    page_count=len(urls),
                    example_urls=tuple(urls[:examples]),
                    html=first.node.html,
                )
            )
        groups.sort(key=lambda g: (-impact_rank(g.impact), -g.page_count, g.rule_id, g.selector))
        return groups

    def totals(self) -> dict[str, Any]:
        violations = self.issues()
        by_impact = Counter(i.finding.impact or "unknown" for i in violations)
        by_rule = Counter(i.finding.rule_id for i in violations)
        by_sc = Counter(c.sc for i in violations for c in i.finding.criteria)
        return {
            "pages": len(self.pages),
            "pages_audited": sum(p.audited for p in self.pages),
            "pages_with_errors": sum(not p.audited for p in self.pages),
            "pages_with_violations": sum(bool(p.violations) for p in self.pages),
            "skipped": len(self.skipped),
            "violations": len(violations),
            "needs_review": len(self.issues(NEEDS_REVIEW)),
            "groups": len(self.groups()),
            "by_impact": {k: by_impact[k] for k in (*reversed(IMPACTS), "unknown") if by_impact[k]},
            "by_rule": dict(sorted(by_rule.items())),
            "by_criterion": dict(sorted(by_sc.items(), key=lambda kv: [int(p) for p in kv[0].split(".")])),
        }

    # --- JSON contract -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "meta": asdict(self.meta),
            "totals": self.totals(),
            "pages": [page_to_dict(p) for p in self.pages],
            "skipped": [asdict(s) for s in self.skipped],
            "groups": [
                {**asdict(g), "criteria": [asdict(c) for c in g.criteria], "example_urls": list(g.example_urls)}
                for g in self.groups()
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditReport:
        version = str(data.get("schema_version", ""))
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise ValueError(f"unsupported results schema_version {version!r} (this kaikille reads {SCHEMA_VERSION})")
        return cls(
            meta=RunMeta(**data["meta"]),
            pages=tuple(page_from_dict(p) for p in data["pages"]),
            skipped=tuple(Skipped(**s) for s in data.get("skipped", [])),
        )


def page_to_dict(page: PageResult) -> dict[str, Any]:
    d = asdict(page)
    d["redirects"] = list(page.redirects)
    for f, fd in zip(page.findings, d["findings"], strict=True):
        fd["tags"] = list(f.tags)
        fd["criteria"] = [asdict(c) for c in f.criteria]
        fd["nodes"] = [{**asdict(n), "target": list(n.target)} for n in f.nodes]
    return d


def page_from_dict(d: dict[str, Any]) -> PageResult:
    findings = tuple(
        Finding(
            rule_id=f["rule_id"],
            outcome=f["outcome"],
            impact=f["impact"],
            help=f["help"],
            description=f["description"],
            help_url=f["help_url"],
            tags=tuple(f["tags"]),
            criteria=tuple(Criterion(**c) for c in f["criteria"]),
            nodes=tuple(Node(tuple(n["target"]), n["html"], n["failure_summary"]) for n in f["nodes"]),
        )
        for f in d["findings"]
    )
    return PageResult(**{**d, "redirects": tuple(d["redirects"]), "findings": findings})


def read_report(path: str | Path) -> AuditReport:
    """Load a results.json written by kaikille; anything else is a usage error naming the file."""
    data = read_json_object(path, "results")
    try:
        return AuditReport.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UsageError(f"{path}: not a kaikille results file ({type(exc).__name__}: {exc})") from exc
