"""One end of a run, the same for `audit` and `merge`: gate -> reports -> baseline -> history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit import history
from audit.gate import GateResult, evaluate, read_baseline, write_baseline
from audit.model import AuditReport
from audit.reporters import write_reports
from audit.reporters.context import Context
from kaikille.errors import KaikilleError
from kaikille.clock import Clock, iso, utc_now


@dataclass(frozen=True)
class Outcome:
    report: AuditReport
    gate: GateResult
    written: dict[str, Path]
    resumed: int = 0  # pages taken from an interrupted run's journal
    sharded: bool = False

    @property
    def nothing_audited(self) -> bool:
        """No page loaded at all: the audit could not run. (A shard may simply have no URLs.)"""
        if self.sharded and not self.report.pages:
            return False
        return not any(p.audited for p in self.report.pages)


def load_baseline(config: Any) -> frozenset[str] | None:
    """Read before the run starts, so a bad baseline stops it at once (exit 2)."""
    return read_baseline(config.baseline) if config.baseline else None


def finish(report: AuditReport, config: Any, baseline: frozenset[str] | None, clock: Clock = utc_now,
           resumed: int = 0, sharded: bool = False) -> Outcome:
    gate = evaluate(report, config.fail_on, baseline)
    trend: list = []
    failed: KaikilleError | None = None
    if not config.no_history:  # recorded first, so the report's trend ends with this run
        path = config.history or Path(config.out) / "history.sqlite"
        try:
            history.record(path, report)
            trend = history.run_totals(path, list(dict.fromkeys(p.site for p in report.pages)))
        except KaikilleError as exc:  # the reports are still written; then the run says what failed
            failed = exc
    context = Context(lang=config.lang, trend=tuple(trend))
    written = write_reports(report, gate, config.out, config.format, context)
    if config.write_baseline:
        write_baseline(report, config.write_baseline, iso(clock()))
    if failed is not None:
        raise failed
    return Outcome(report, gate, written, resumed, sharded)
