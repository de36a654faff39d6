"""kaikille's own result types. Engine and check output is converted into these at the edge.

The JSON results file (``AuditReport.to_dict``) is the contract between the audit, the reporters,
the statements and the history; its schema is ``audit/schema/results.schema.json`` (version 2).
Version-1 files (written before engines and checks had a seam) are still read: see ``migrate_v1``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from kaikille.errors import UsageError
from kaikille.files import package_json, read_json_object
from kaikille.wcag import Criterion, sc_key

SCHEMA_VERSION = "2.1"  # 2.1: pages may name a journey step; nodes their landmark and place; groups by place
AXE = "axe-core"  # the name of the axe engine in meta.engines and in Finding.engine
IMPACTS = ("minor", "moderate", "serious", "critical")
VIOLATION = "violation"
NEEDS_REVIEW = "needs-review"


def impact_rank(impact: str | None) -> int:
    """Higher is worse; unknown or missing impact ranks below 'minor'."""
    return IMPACTS.index(impact) if impact in IMPACTS else -1


@dataclass(frozen=True)
class Node:
    """One element a rule flagged: its selector path (through frames), HTML snippet and summary.
    Inside a frame: the frame's document URL, and whether that frame is another site's content
    (third-party content may be outside the law's scope: the statement needs to know)."""

    target: tuple[str, ...]
    html: str
    failure_summary: str
    frame_url: str | None = None
    third_party: bool = False
    landmark: str | None = None  # where it sits (audit.places): banner, navigation, main, contentinfo, ... or ""
    place: str | None = None  # its path from body by tag and position, the same on every page of a template
    screenshot: str | None = None  # a picture of it, outlined in its page, relative to the report folder

    @property
    def selector(self) -> str:
        return " >> ".join(self.target)


@dataclass(frozen=True)
class Finding:
    """One rule's result on one page: a violation, or a result that needs human review.
    ``engine`` names what made it: an engine (``axe-core``) or ``kaikille`` for our own checks."""

    rule_id: str
    outcome: str
    impact: str | None
    help: str
    description: str
    help_url: str
    tags: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    nodes: tuple[Node, ...]
    engine: str = AXE


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
    facts: dict[str, Any] = field(default_factory=dict)  # what checks recorded for the site checks (JSON)
    journey: str | None = None  # a journey's audit step: "Book a room / 3 choose time" (url is then its key)

    @property
    def name(self) -> str:
        """What people call the page in reports: a journey step's name, else its URL."""
        return self.journey or self.url

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
class EngineInfo:
    """An engine (axe-core) or a set of checks (kaikille's) that ran, with its version."""

    name: str
    version: str
    kind: str = "engine"  # engine | check
    criteria: tuple[str, ...] = ()  # the WCAG criteria its rules or checks tested in this run
    review_only: tuple[str, ...] = ()  # of those, the ones it can only flag for review (never a violation)

    @property
    def can_fail(self) -> tuple[str, ...]:
        """The criteria on which it can find a page failing."""
        return tuple(sc for sc in self.criteria if sc not in self.review_only)


def joined_engine(info: EngineInfo, others: Sequence[EngineInfo]) -> EngineInfo:
    """One engine's criteria over several runs (shards, site checks): a criterion any of them can
    fail stays one it can fail."""
    criteria = set(info.criteria).union(*(o.criteria for o in others))
    certain = set(info.can_fail).union(*(o.can_fail for o in others))
    return replace(info, criteria=tuple(sorted(criteria, key=sc_key)), review_only=tuple(sorted(criteria - certain, key=sc_key)))


@dataclass(frozen=True)
class RunMeta:
    tool: str
    tool_version: str
    engines: tuple[EngineInfo, ...]
    browser: str
    user_agent: str
    started_at: str
    finished_at: str
    config: dict[str, Any] = field(default_factory=dict)

    def engine_version(self, name: str) -> str:
        return next((e.version for e in self.engines if e.name == name), "")

    @property
    def axe_version(self) -> str:
        return self.engine_version(AXE)

    @property
    def engines_text(self) -> str:
        """"axe-core 4.12.1, kaikille checks 0.1.0" for people and for run keys."""
        return ", ".join(f"{e.name} {e.version}" for e in self.engines)


@dataclass(frozen=True)
class Issue:
    """One failing element on one page: the unit of gating and of the baseline."""

    fingerprint: str
    page: PageResult
    finding: Finding
    node: Node


@dataclass(frozen=True)
class Group:
    """One fix, many pages: the same rule failing at the same place of the shared template (outside
    the page's main content), or on the same markup (inside it, where each page's content is its own)."""

    rule_id: str
    selector: str
    impact: str | None
    help: str
    help_url: str
    criteria: tuple[Criterion, ...]
    page_count: int
    example_urls: tuple[str, ...]
    html: str
    landmark: str | None = None
    place: str | None = None  # set when grouped by place in the template
    element_count: int = 0
    example_pages: tuple[str, ...] = ()  # what people call the example pages (a journey step's name, else its URL)
    screenshot: str | None = None  # one of its elements, outlined in its page (audit.screenshots)


def group_key(rule_id: str, node: Node) -> tuple[str, ...]:
    """Outside the main content, an element's place in the template (the page-title banner with each
    page's own text, the header's share link with each page's own address: one group, one fix);
    inside it, or with no place known, its markup (each page's own content stays apart)."""
    if node.place is not None and node.landmark != "main":
        return (rule_id, "place", node.landmark or "", node.place)
    return (rule_id, "markup", " ".join(node.html.split()))


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
        # Not keyed by selector: axe picks the shortest unique selector per page, so the same template
        # element gets different selectors on different pages (see group_key).
        buckets: dict[tuple[str, ...], list[Issue]] = {}
        for issue in self.issues():
            buckets.setdefault(group_key(issue.finding.rule_id, issue.node), []).append(issue)
        groups = []
        for key, items in buckets.items():
            first = items[0]
            pages = list(dict.fromkeys(i.page.url for i in items))
            names = {i.page.url: i.page.name for i in items}
            by_place = key[1] == "place"
            groups.append(
                Group(
                    rule_id=key[0],
                    selector=first.node.selector,
                    impact=first.finding.impact,
                    help=first.finding.help,
                    help_url=first.finding.help_url,
                    criteria=first.finding.criteria,
                    page_count=len(pages),
                    example_urls=tuple(pages[:examples]),
                    html=first.node.html,
                    landmark=first.node.landmark,
                    place=first.node.place if by_place else None,
                    element_count=len(items),
                    example_pages=tuple(names[u] for u in pages[:examples]),
                    screenshot=next((i.node.screenshot for i in items if i.node.screenshot), None),
                )
            )
        # One fix that fixes several pages first, worst first; then each page's own problems.
        groups.sort(key=lambda g: (g.page_count < 2, -impact_rank(g.impact), -g.page_count, g.rule_id, g.selector))
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
            "by_criterion": dict(sorted(by_sc.items(), key=lambda kv: sc_key(kv[0]))),
        }

    # --- JSON contract -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "meta": {**asdict(self.meta), "engines": [{**asdict(e), "criteria": list(e.criteria), "review_only": list(e.review_only)} for e in self.meta.engines]},
            "totals": self.totals(),
            "pages": [page_to_dict(p) for p in self.pages],
            "skipped": [asdict(s) for s in self.skipped],
            "groups": [
                {**asdict(g), "criteria": [asdict(c) for c in g.criteria], "example_urls": list(g.example_urls),
                 "example_pages": list(g.example_pages)}
                for g in self.groups()
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditReport:
        """A results document already checked against its schema (``read_report`` does that)."""
        data = upgrade(data)
        meta = dict(data["meta"])
        meta["engines"] = tuple(EngineInfo(**{**e, "criteria": tuple(e.get("criteria", ())), "review_only": tuple(e.get("review_only", ()))})
                               for e in meta["engines"])
        return cls(
            meta=RunMeta(**meta),
            pages=tuple(page_from_dict(p) for p in data["pages"]),
            skipped=tuple(Skipped(**s) for s in data.get("skipped", [])),
        )


def major(version: object) -> str:
    return str(version).split(".")[0]


def migrate_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2: ``meta.axe_version`` becomes ``meta.engines``; every finding came from axe-core."""
    meta = {k: v for k, v in data["meta"].items() if k != "axe_version"}
    meta["engines"] = [{"name": AXE, "version": data["meta"]["axe_version"], "kind": "engine"}]
    pages = [{**p, "findings": [{**f, "engine": AXE} for f in p["findings"]]} for p in data["pages"]]
    return {**data, "schema_version": SCHEMA_VERSION, "meta": meta, "pages": pages}


MIGRATIONS = {"1": migrate_v1}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Any results document this kaikille reads, in the current version's shape."""
    while (version := major(data.get("schema_version"))) in MIGRATIONS:
        data = MIGRATIONS[version](data)
    if version != major(SCHEMA_VERSION):
        raise ValueError(f"unsupported results schema_version {data.get('schema_version')!r} "
                         f"(this kaikille reads 1.x and {SCHEMA_VERSION})")
    return data


@cache
def results_schema(version: str) -> dict[str, Any]:
    name = "results.schema.json" if version == major(SCHEMA_VERSION) else f"results-{version}.schema.json"
    return package_json("audit", f"schema/{name}")


def schema_problem(data: dict[str, Any]) -> str | None:
    """Where a results document breaks its schema, as 'pages[3].findings[0].nodes[1].html: 5 is not
    of type string'; None when it is valid."""
    from jsonschema import Draft202012Validator

    version = major(data.get("schema_version"))
    if version != major(SCHEMA_VERSION) and version not in MIGRATIONS:
        return f"schema_version {data.get('schema_version')!r} is not one this kaikille reads (1.x, {SCHEMA_VERSION})"
    validator = Draft202012Validator(results_schema(version))
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return None
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
    return f"{where or 'the document'}: {error.message}"


def page_to_dict(page: PageResult) -> dict[str, Any]:
    d = asdict(page)  # field order: the dataclass's
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
            nodes=tuple(Node(tuple(n["target"]), n["html"], n["failure_summary"], n.get("frame_url"),
                             bool(n.get("third_party", False)), n.get("landmark"), n.get("place"), n.get("screenshot"))
                        for n in f["nodes"]),
            engine=f.get("engine", AXE),
        )
        for f in d["findings"]
    )
    return PageResult(**{**d, "redirects": tuple(d["redirects"]), "findings": findings, "facts": d.get("facts") or {}})


def read_report(path: str | Path) -> AuditReport:
    """Load a results.json written by kaikille (schema version 1 or 2), checked against its schema;
    anything else is a usage error naming the file and the place in it."""
    data = read_json_object(path, "results")
    if problem := schema_problem(data):
        raise UsageError(f"{path}: not a kaikille results file ({problem})")
    try:
        return AuditReport.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UsageError(f"{path}: not a kaikille results file ({type(exc).__name__}: {exc})") from exc
