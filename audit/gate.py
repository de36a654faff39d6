"""Gating: which violations fail the build. A baseline holds accepted ones by fingerprint."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kaikille.errors import UsageError
from kaikille.files import read_json_object, write_json
from audit.model import AuditReport, Issue, impact_rank

BASELINE_FORMAT = "kaikille-baseline/1"


@dataclass(frozen=True)
class GateResult:
    fail_on: str
    failing: tuple[Issue, ...]  # over the threshold and not in the baseline: these fail the run
    baselined: int  # violations the baseline accepted
    baseline_used: bool
    fixed: tuple[str, ...] = ()  # baseline fingerprints no longer found
    accepted: frozenset[str] = frozenset()  # the baseline's fingerprints

    @property
    def passed(self) -> bool:
        return not self.failing

    @cached_property
    def failing_fingerprints(self) -> frozenset[str]:
        return frozenset(i.fingerprint for i in self.failing)


def over_threshold(impact: str | None, fail_on: str) -> bool:
    return fail_on != "none" and impact_rank(impact) >= impact_rank(fail_on)


def evaluate(report: AuditReport, fail_on: str, baseline: frozenset[str] | None = None) -> GateResult:
    accepted = baseline or frozenset()
    issues = report.issues()
    failing = tuple(i for i in issues if over_threshold(i.finding.impact, fail_on) and i.fingerprint not in accepted)
    found = {i.fingerprint for i in issues}
    return GateResult(
        fail_on=fail_on,
        failing=failing,
        baselined=sum(i.fingerprint in accepted for i in issues),
        baseline_used=baseline is not None,
        fixed=tuple(sorted(accepted - found)),
        accepted=accepted,
    )


def baseline_document(report: AuditReport, created_at: str) -> dict:
    entries = {
        i.fingerprint: {"fingerprint": i.fingerprint, "rule_id": i.finding.rule_id, "url": i.page.url, "selector": i.node.selector}
        for i in report.issues()
    }
    return {"format": BASELINE_FORMAT, "created_at": created_at, "fingerprints": sorted(entries.values(), key=lambda e: e["fingerprint"])}


def write_baseline(report: AuditReport, path: str | Path, created_at: str) -> None:
    write_json(path, baseline_document(report, created_at))


def read_baseline(path: str | Path) -> frozenset[str]:
    data = read_json_object(path, "baseline", " (write one with `kaikille baseline`)")
    if data.get("format") != BASELINE_FORMAT or not isinstance(data.get("fingerprints"), list):
        raise UsageError(f"{path}: not a kaikille baseline (expected \"format\": \"{BASELINE_FORMAT}\" and a fingerprints list)")
    try:
        return frozenset(str(e["fingerprint"]) for e in data["fingerprints"])
    except (TypeError, KeyError) as exc:
        raise UsageError(f"{path}: a baseline entry has no fingerprint") from exc
