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
from audit.discover import in_shard, parse_shard, read_url_list
from audit.journal import Journal, run_key
from audit.targets import Target
from audit.model import AuditReport
from audit.reporters import write_reports
from audit.sites import SiteSpec, check_url, read_sites


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


def _targets(config: AuditConfig) -> tuple[list[SiteSpec], dict[str, list[Target]] | None]:
    if config.shard and not config.urls_from:
        raise UsageError("--shard needs --urls-from: discover the URLs once (kaikille discover), then split them")
    if not config.urls_from:
        return collect_sites(config), None
    shard = parse_shard(config.shard) if config.shard else None
    listed = read_url_list(config.urls_from)
    targets = {site: [t for t in urls if shard is None or in_shard(t.url, shard)] for site, urls in listed}
    return [SiteSpec(site, origin=config.urls_from) for site, _ in listed], targets


def audit(config: AuditConfig, on_result: Progress | None = None, clock: Clock = utc_now, env_browser: str | None = None) -> Outcome:
    sites, targets = _targets(config)
    axe = load_axe(config.axe_script)
    baseline = read_baseline(config.baseline) if config.baseline else None
    found = find_chromium(config.browser_path, env_browser)
    if found is None:
        raise BrowserUnavailable(INSTALL_HELP)
    key = run_key({**config.public(), "sites": [s.url for s in sites], "axe": axe.version})
    journal = Journal(config.out, key, iso(clock()), config.resume)
    resumed = len(journal.done)
    try:
        report = asyncio.run(run_audit(config, sites, axe, found[0], on_result, clock, journal, targets))
    finally:
        journal.close()
    gate = evaluate(report, config.fail_on, baseline)
    written = write_reports(report, gate, config.out, config.format)
    if config.write_baseline:
        write_baseline(report, config.write_baseline, iso(clock()))
    if not config.no_history:
        history.record(config.history or Path(config.out) / "history.sqlite", report)
    journal.finish()
    return Outcome(report, gate, written, resumed, sharded=bool(config.shard))
