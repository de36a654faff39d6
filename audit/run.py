"""One audit run, end to end: inputs checked first, then crawl, gate, reports, baseline."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from audit import history
from audit.axe import load_axe
from audit.browser import INSTALL_HELP, find_chromium
from audit.config import AuditConfig
from audit.crawl import Clock, Progress, iso, run_audit, utc_now
from audit.errors import BrowserUnavailable, UsageError
from audit.gate import GateResult, evaluate, read_baseline, write_baseline
from audit.journal import Journal, run_key
from audit.model import AuditReport
from audit.reporters import write_reports
from audit.sites import SiteSpec, check_url, read_sites


@dataclass(frozen=True)
class Outcome:
    report: AuditReport
    gate: GateResult
    written: dict[str, Path]
    resumed: int = 0  # pages taken from an interrupted run's journal

    @property
    def nothing_audited(self) -> bool:
        return not any(p.audited for p in self.report.pages)


def collect_sites(config: AuditConfig) -> list[SiteSpec]:
    specs = [SiteSpec(check_url(u, "command line"), origin="command line") for u in config.urls]
    if config.sites:
        specs += read_sites(config.sites)
    if not specs:
        raise UsageError("no start URL: give URLs, --sites FILE, or 'urls'/'sites' in the config file")
    unique: dict[str, SiteSpec] = {}
    for spec in specs:
        unique.setdefault(spec.url, spec)
    return list(unique.values())


def audit(config: AuditConfig, on_result: Progress | None = None, clock: Clock = utc_now, env_browser: str | None = None) -> Outcome:
    sites = collect_sites(config)
    axe = load_axe(config.axe_script)
    baseline = read_baseline(config.baseline) if config.baseline else None
    found = find_chromium(config.browser_path, env_browser)
    if found is None:
        raise BrowserUnavailable(INSTALL_HELP)
    key = run_key({**config.public(), "sites": [s.url for s in sites], "axe": axe.version})
    journal = Journal(config.out, key, iso(clock()), config.resume)
    resumed = len(journal.done)
    try:
        report = asyncio.run(run_audit(config, sites, axe, found[0], on_result, clock, journal))
    finally:
        journal.close()
    gate = evaluate(report, config.fail_on, baseline)
    written = write_reports(report, gate, config.out, config.format)
    if config.write_baseline:
        write_baseline(report, config.write_baseline, iso(clock()))
    if not config.no_history:
        history.record(config.history or Path(config.out) / "history.sqlite", report)
    journal.finish()
    return Outcome(report, gate, written, resumed)
