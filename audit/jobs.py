"""The jobs the command line starts, one function each: check every input first (so a mistake
stops the run before anything is loaded), let the conductor run, then the one end of a run.

    audit     sites or a URL list -> Chromium + engines and checks -> results, reports, gate
    discover  sites -> plain HTTP -> the URL list for sharded audits
    merge     the results of shards -> one run's results, reports, gate
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from audit import stopping
from audit.checks import page_checks, site_checks
from audit.conductor import (
    Analysis,
    Conductor,
    Progress,
    apply_site_checks,
    results_of,
    run_meta,
    run_sites,
)
from audit.engines import build_engines
from audit.fetch import PlainHttp
from audit.finish import Outcome, finish, load_baseline
from audit.frontier import Target
from audit.journal import Journal, run_key
from audit.journeys import Journey, Journeys, Step, read_journeys
from audit.merge import merge_reports
from audit.screenshots import Shots
from audit.model import AuditReport, PageResult
from audit.sites import SiteSpec, check_url, read_sites
from audit.urllist import (
    in_shard,
    list_key,
    parse_shard,
    read_url_list,
    url_list_document,
)
from kaikille.clock import Clock, iso, utc_now
from kaikille.errors import BrowserUnavailable, UsageError
from kaikille.files import check_writable_file, read_json_object, write_atomic
from kaikille.http import session as http_session


def collect_sites(config: Any) -> list[SiteSpec]:
    specs = [SiteSpec(check_url(u, "command line"), origin="command line") for u in config.urls]
    if config.sites:
        specs += read_sites(config.sites)
    if not specs and not config.journeys:
        raise UsageError("no start URL: give URLs, --sites FILE, --journeys FILE, or 'urls'/'sites' in the config file")
    unique: dict[str, SiteSpec] = {}
    for spec in specs:
        unique.setdefault(spec.url, spec)
    return list(unique.values())


def _targets(config: Any) -> tuple[list[SiteSpec], dict[str, list[Target]] | None, set[str], dict[str, str]]:
    """The sites, and with --urls-from the targets per site (this shard's), every URL of the list,
    and what the results must record of the list (its hash, so shards of other lists never merge)."""
    if config.shard and not config.urls_from:
        raise UsageError("--shard needs --urls-from: discover the URLs once (kaikille discover), then split them")
    if not config.urls_from:
        return collect_sites(config), None, set(), {}
    shard = parse_shard(config.shard) if config.shard else None
    listed = read_url_list(config.urls_from)
    sites = [SiteSpec(check_url(site, f"{config.urls_from}: site"), origin=config.urls_from) for site, _ in listed]
    every = {t.url for _, urls in listed for t in urls}
    targets = {spec.url: [t for t in urls if shard is None or in_shard(t.url, shard)] for spec, (_, urls) in zip(sites, listed)}
    return sites, targets, every, {"url_list": list_key(listed)}


def check_outputs(config: Any) -> None:
    """Every file the run will write can be written: found out now, not after an hour of crawling."""
    out = Path(config.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file, not a folder")
    for flag, path in (("--write-baseline", config.write_baseline), ("--history", config.history)):
        if path:
            check_writable_file(path, flag)


def check_storage_state(path: str | None) -> None:
    """A storage-state file is Playwright's JSON: cookies and origins (checked now, named if not)."""
    if path is None:
        return
    data = read_json_object(path, "storage state", " (make one with `kaikille login`)")
    for key in ("cookies", "origins"):
        if not isinstance(data.get(key, []), list):
            raise UsageError(f"{path}: not a storage state file ('{key}' must be a list; make one with `kaikille login`)")


def journeys_of(config: Any, sites: list[SiteSpec], env: Mapping[str, str]) -> Journeys | None:
    """The run's journeys (this shard's share of them), or None."""
    if not config.journeys:
        return None
    found = read_journeys(config.journeys, [s.url for s in sites], env, need_audit=False)
    # A journey with no audit step (a login for `kaikille login`) is not run by an audit.
    found = replace(found, journeys=tuple(j for j in found.journeys if j.audits))
    if not found.journeys:
        raise UsageError(f"{config.journeys}: no journey has an audit step, so nothing would be audited "
                         "(add { audit = \"name\" } where a page should be checked)")
    if config.shard:
        shard = parse_shard(config.shard)
        found = replace(found, journeys=tuple(j for j in found.journeys if in_shard(j.key(j.audits[0]), shard)))
    return found


def audit(config: Any, on_result: Progress | None = None, clock: Clock = utc_now, env_browser: str | None = None,
          env: Mapping[str, str] | None = None) -> Outcome:
    """``env``: where journeys' secrets (``value_env``) are looked up; the CLI passes the environment."""
    from audit.browser import (  # only the audit needs Playwright
        INSTALL_HELP,
        find_chromium,
    )

    check_outputs(config)
    check_storage_state(config.storage_state)
    sites, targets, listed, recorded = _targets(config)
    journeys = journeys_of(config, sites, env or {})
    shots = Shots(config.out) if "html" in config.format and not config.no_screenshots else None
    analysis = Analysis(build_engines(config), page_checks(config), shots=shots)
    baseline = load_baseline(config)
    found = find_chromium(config.browser_path, env_browser)
    if found is None:
        raise BrowserUnavailable(INSTALL_HELP)
    key = run_key({**config.public(), **recorded, "sites": [s.url for s in sites],
                   "engines": [[e.name, e.version] for e in analysis.infos()]})
    journal = Journal(config.out, key, iso(clock()), config.resume)
    resumed = len(journal.done)
    if shots is not None:
        shots.already([f for result, _ in journal.done.values() if isinstance(result, PageResult) for f in result.findings])
    try:
        report = stopping.run(_audit(config, sites, targets, listed, recorded, analysis, found[0], journal, on_result,
                                    clock, journeys))
    finally:
        journal.close()
    if not config.shard:  # a shard sees part of a site: site checks run when the shards are merged
        report = apply_site_checks(report, site_checks(config))
    outcome = finish(report, config, baseline, clock, resumed, sharded=bool(config.shard))
    journal.finish()
    return outcome


async def _audit(config: Any, sites: list[SiteSpec], targets: dict[str, list[Target]] | None, listed: set[str],
                 recorded: dict[str, str], analysis: Analysis, executable: str, journal: Journal,
                 on_result: Progress | None, clock: Clock, journeys: Journeys | None = None) -> AuditReport:
    from audit.browser import BrowserSession
    from audit.browser.steps import JourneyTab

    async with BrowserSession(executable, float(config.timeout), config.wait_for, config.storage_state) as session:
        conductor = Conductor(session, analysis, timeout=float(config.timeout), concurrency=config.concurrency,
                              per_host=config.per_host, journal=journal, on_result=on_result, clock=clock)

        def open_tab(journey: Any) -> JourneyTab:
            assert journeys is not None
            return JourneyTab(session, journey, dict(journeys.secrets), float(config.timeout), config.storage_state)

        planned = journeys.journeys if journeys else ()
        secrets = journeys.secret_values() if journeys else ()
        crawled, journeyed = await asyncio.gather(
            run_sites(conductor, config, sites, targets, listed),
            asyncio.gather(*(conductor.journey(j, open_tab, secrets) for j in planned)))
        pages, skipped = results_of(crawled)
        pages += tuple(p for found in journeyed for p in found)
        meta = run_meta(config, sites, session, analysis, journal.started_at, iso(clock()), recorded)
    return AuditReport(meta=meta, pages=pages, skipped=skipped)


def discover(config: Any, clock: Clock = utc_now) -> dict:
    """The URLs an audit of these sites would load, found with plain HTTP: every URL the frontier
    hands out, in crawl order, whatever loading it gave (the audit records that)."""
    sites = collect_sites(config)
    created_at = iso(clock())
    loader = PlainHttp(http_session(), float(config.timeout))
    conductor = Conductor(loader, Analysis(), timeout=float(config.timeout), concurrency=config.concurrency,
                          per_host=config.per_host, clock=clock)
    frontiers = stopping.run(run_sites(conductor, config, sites))
    return url_list_document(
        [(f.site.start_url, list(f.loaded)) for f in frontiers],
        [{"url": s.url, "reason": s.reason, "site": s.site, "found_on": s.found_on} for f in frontiers for s in f.skipped],
        created_at,
    )


def merge(paths: list[str], config: Any, clock: Clock = utc_now) -> Outcome:
    """The shards' pages as one run; the site checks the run asked for (its own settings, not the
    merge command's) run over the whole site now that it is whole."""
    check_outputs(config)
    baseline = load_baseline(config)
    report = merge_reports(paths, config.out)
    recorded = report.meta.config
    asked = SimpleNamespace(checks=tuple(recorded.get("checks") or ("default",)),
                            no_checks=bool(recorded.get("no_checks", "checks" not in recorded)))  # older runs ran none
    report = apply_site_checks(report, site_checks(asked))
    return finish(report, config, baseline, clock)


def login(out: str, config: Any, *, url: str | None, journey: str | None, env: Mapping[str, str],
          env_browser: str | None, wait: Callable[[], None] | None = None) -> int:
    """Save a login's cookies and local storage to ``out`` (0600) for ``--storage-state``: either a
    person logs in at ``url`` in a visible browser (``wait`` returns when they are done), or the
    steps of the journey named ``journey`` in ``config.journeys`` log in, headless (``url`` is then
    the base of relative start URLs). Returns the number of cookies saved."""
    from audit.browser import INSTALL_HELP, BrowserSession, find_chromium
    from audit.browser.steps import JourneyTab

    check_writable_file(out, "-o")
    if url is None and journey is None:
        raise UsageError("give a URL to log in by hand, or --journey NAME (with --journeys FILE) to log in by its steps")
    if journey is not None:
        if not config.journeys:
            raise UsageError("--journey needs --journeys FILE")
        base = check_url(url, "command line") if url else None  # relative starts are read against it
        found = read_journeys(config.journeys, [base] if base else [], env, need_audit=False)
        chosen = next((j for j in found.journeys if j.name == journey), None)
        if chosen is None:
            names = ", ".join(repr(j.name) for j in found.journeys)
            raise UsageError(f"{config.journeys}: no journey named {journey!r} (there are {names})")
        secrets = dict(found.secrets)
    else:
        start = check_url(url or "", "command line")
        chosen = Journey("login", start, start, (), allow=("*",), storage_state=False)
        secrets = {}
        if wait is None:
            raise UsageError("logging in by hand needs a person at the terminal")
    browser = find_chromium(config.browser_path, env_browser)
    if browser is None:
        raise BrowserUnavailable(INSTALL_HELP)

    async def run() -> dict:
        async with BrowserSession(browser[0], float(config.timeout), headless=journey is not None) as session:
            async with JourneyTab(session, chosen, secrets, float(config.timeout), None) as tab:
                for step in (Step(0, "goto", chosen.start), *chosen.steps):
                    if step.action == "audit":
                        continue
                    refused = len(tab.refused)
                    try:
                        await tab.perform(step)
                    except Exception as exc:  # noqa: BLE001 - the page's doing: said as the step's failure
                        raise UsageError(f"journey {chosen.name!r}: {step.describe()} failed: {tab.why(exc, refused)}") from None
                    if len(tab.refused) > refused:
                        raise UsageError(f"journey {chosen.name!r}: {step.describe()} failed: {tab.why(None, refused)}")
                if wait is not None and journey is None:
                    await asyncio.to_thread(wait)
                return await tab.saved_state()

    state = stopping.run(run())
    write_atomic(out, json.dumps(state, indent=2) + "\n", private=True)
    return len(state.get("cookies", []))
