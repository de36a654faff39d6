"""The conductor: owns one run, and is the only stage that knows the others.

    sites -> frontier (which URLs) -> loader (Chromium, or plain HTTP for discover) ->
    engines and page checks (on the loaded page) -> journal -> site checks -> AuditReport

Every URL ends as a page (audited, or with its error) or as a skipped URL with its reason; nothing a
single page does — an exception, a hang, a crash — stops the run. Sites run side by side and share
the page concurrency; each host gets at most ``per_host`` loads at a time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from audit.visit import Visit, describe, page_links, page_text
from audit.checks import ENGINE_NAME as CHECKS_NAME
from audit.checks import PAGE_BUDGET_S, coverage
from audit.frontier import Frontier, ListFrontier, Target, plan
from audit.journal import Journal
from audit.places import place_nodes
from audit.journeys import Journey, Step, audited, redact, stopped
from audit.model import VIOLATION, AuditReport, EngineInfo, joined_engine, Finding, PageResult, RunMeta, Skipped
from audit.robots import Robots, fetch_robots
from audit.sitemaps import sitemap_urls
from audit.sites import SiteSpec
from kaikille import TOOL_NAME, __version__
from kaikille.clock import Clock, iso, utc_now
from kaikille.http import session as http_session

Progress = Callable[[PageResult | Skipped], None]


class Loader:
    """What the conductor needs of a loader (``BrowserSession``, ``PlainHttp``)."""

    label: str
    user_agent: str

    async def load(self, visit: Visit, follow: Callable[[str, str], str | None]) -> None: ...

    async def release(self, visit: Visit) -> None: ...

    def died(self) -> bool: ...


@dataclass(frozen=True)
class Analysis:
    """What runs on every loaded page: the engines, then kaikille's page checks."""

    engines: Sequence[Any] = ()
    checks: Sequence[Any] = ()
    budget: float = PAGE_BUDGET_S
    shots: Any = None  # audit.screenshots.Shots: a picture per fix group, for the HTML report

    def infos(self) -> tuple[EngineInfo, ...]:
        """Every engine and the set of checks, with the criteria they tested (known once a page ran)."""
        infos = [EngineInfo(e.name, e.version, "engine", tuple(getattr(e, "criteria", ()))) for e in self.engines]
        if self.checks:
            tested, review_only = coverage(self.checks)
            infos.append(EngineInfo(CHECKS_NAME, __version__, "check", tested, review_only))
        return tuple(infos)

    async def run(self, page: Any) -> tuple[tuple[Finding, ...], dict[str, Any]]:
        """The page's findings, and the facts the checks recorded. The checks share a time budget:
        a check that does not finish in it is noted in the facts, and the page is still audited."""
        findings: list[Finding] = []
        facts: dict[str, Any] = {}
        for engine in self.engines:
            findings += await analysed_at_rest(engine, page)
        deadline = asyncio.get_running_loop().time() + self.budget
        for check in self.checks:
            left = deadline - asyncio.get_running_loop().time()
            try:
                async with asyncio.timeout(max(left, 0.001)):
                    result = await check.run(page)
            except TimeoutError:
                facts.setdefault("unfinished", []).append(check.name)
                continue
            findings += result.findings
            if result.facts:
                facts[check.name] = result.facts
        if findings and hasattr(page, "top"):  # where each element sits in the template (a browser's page)
            findings = list(await place_nodes(page, findings))
            if self.shots is not None:
                findings = list(await self.shots.capture(page, findings))
        return order_findings(findings), facts


async def analysed_at_rest(engine: Any, page: Any) -> tuple[Finding, ...]:
    """The engine's findings on the page at rest: an analysis during which the page moved (a fade that began
    halfway through, a slide still running when the wait for rest ran out) is made once more when the page has
    come to rest, and the second one is kept. Pages that cannot tell (plain HTTP) are analysed once."""
    if not hasattr(page, "watch_motion"):
        return await engine.analyze(page)
    await page.watch_motion()
    found = await engine.analyze(page)
    if await page.moved():
        await page.at_rest()
        found = await engine.analyze(page)
    return found


class Tab:
    """What the conductor needs of a journey's tab (``audit.browser.steps.JourneyTab``)."""

    url: str
    status: int | None

    async def perform(self, step: Step) -> Any: ...

    def why(self, exc: BaseException | None, before: int) -> str: ...

    refused: list[str]


OpenTab = Callable[[Journey], AbstractAsyncContextManager[Tab]]


def order_findings(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (f.outcome != VIOLATION, f.rule_id)))


class Conductor:
    def __init__(self, loader: Loader, analysis: Analysis, *, timeout: float, concurrency: int, per_host: int,
                 journal: Journal | None = None, on_result: Progress | None = None, clock: Clock = utc_now) -> None:
        self.loader = loader
        self.analysis = analysis
        self.timeout = timeout
        self.journal = journal
        self.on_result = on_result or (lambda _r: None)
        self.clock = clock
        self.per_host = per_host
        self._all = asyncio.Semaphore(concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def crawl(self, frontier: Frontier | ListFrontier) -> Frontier | ListFrontier:
        """Load every target the frontier hands out, as many at a time as the limits allow; the
        finished frontier holds the site's pages and skipped URLs in their final order."""
        running: set[asyncio.Task] = set()
        try:
            while True:
                for target in frontier.ready():
                    running.add(asyncio.create_task(self._target(frontier, target)))
                if not running:
                    break
                finished, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in finished:
                    task.result()  # _target never raises for a page's sake; a bug surfaces here
        finally:
            for task in running:
                task.cancel()
        if not frontier.finished:
            raise RuntimeError(f"the crawl of {frontier.site.start_url} stopped with URLs unfinished")
        return frontier

    async def _target(self, frontier: Frontier | ListFrontier, target: Target) -> None:
        if self.journal is not None and target.url in self.journal.done:
            result, links = self.journal.done[target.url]
            if isinstance(result, PageResult):  # its redirect hops were claimed when it was loaded
                for hop in (*result.redirects, result.final_url):
                    if hop:
                        frontier.claim(hop)
            self.on_result(result)
            frontier.done(target, result, links)
            return
        host = urlsplit(target.url).netloc
        per_host = self._hosts.setdefault(host, asyncio.Semaphore(self.per_host))
        async with self._all, per_host:
            started = self.clock()
            t0 = time.perf_counter()
            visit, findings, facts = await self._visit(frontier, target)
            if visit.error and self.loader.died():  # the whole browser died: a new one, one more try
                visit, findings, facts = await self._visit(frontier, target)
            elapsed = int((time.perf_counter() - t0) * 1000)
        site = frontier.site.start_url
        if visit.skip_reason:
            result: PageResult | Skipped = Skipped(target.url, visit.skip_reason, site, target.found_on)
        else:
            result = PageResult(
                url=target.url, site=site, depth=target.depth, final_url=visit.final_url, status=visit.status,
                title=page_text(visit.title, 2000), started_at=iso(started), duration_ms=elapsed, error=visit.error,
                redirects=tuple(visit.redirects), findings=() if visit.error else findings,
                facts={} if visit.error else facts,
            )
        links = page_links(visit.links) if isinstance(result, PageResult) and not visit.error else []
        if self.journal is not None:
            self.journal.record(result, links)
        self.on_result(result)
        frontier.done(target, result, links)

    async def _visit(self, frontier: Frontier | ListFrontier, target: Target) -> tuple[Visit, tuple[Finding, ...], dict]:
        visit = Visit(target.url)
        findings: tuple[Finding, ...] = ()
        facts: dict[str, Any] = {}
        try:
            async with asyncio.timeout(self.timeout):
                await self.loader.load(visit, frontier.follow)
                if visit.page is not None and not (visit.error or visit.skip_reason):
                    findings, facts = await self.analysis.run(visit.page)
        except TimeoutError:
            visit.error = visit.error or f"timed out after {self.timeout:g} s"
        except Exception as exc:  # anything one page causes is that page's error; the run goes on
            if not (visit.error or visit.skip_reason):
                visit.error = describe(exc)
        finally:
            try:
                await asyncio.wait_for(self.loader.release(visit), 10)
            except Exception:  # noqa: BLE001 - a tab that will not close must not stop the run
                pass
        return visit, findings, facts


    async def journey(self, journey: Journey, open_tab: OpenTab, secrets: Sequence[str] = ()) -> list[PageResult]:
        """Run one journey in a tab of its own: each audit step is analysed like a crawled page; a
        step that fails ends the journey (its remaining audit steps say where), never the run.
        Secret values are removed from everything recorded. A journal replays whole journeys."""
        keys = [journey.key(s) for s in journey.audits]
        if self.journal is not None and all(k in self.journal.done for k in keys):
            replayed = [r for k in keys if isinstance(r := self.journal.done[k][0], PageResult)]
            for page in replayed:
                self.on_result(page)
            return replayed
        results: list[PageResult] = []
        async with self._all:
            started = iso(self.clock())
            start = Step(0, "goto", journey.start)
            try:
                async with open_tab(journey) as tab:
                    for step in (start, *journey.steps):
                        failed = await self._step(journey, tab, step, results)
                        if failed:
                            results += stopped(journey, step, failed, [r.url for r in results], iso(self.clock()))
                            break
            except Exception as exc:  # noqa: BLE001 - the journey's tab could not be opened or closed
                results += stopped(journey, start, describe(exc), [r.url for r in results], started)
        results = [redact(r, secrets) for r in results]
        for page in results:
            if self.journal is not None:
                self.journal.record(page, [])
            self.on_result(page)
        return results

    async def _step(self, journey: Journey, tab: Tab, step: Step, results: list[PageResult]) -> str | None:
        """Perform a step (and analyse, for an audit step); None when it went well, else why not."""
        limit = float(step.timeout or self.timeout)
        started, t0, refused = self.clock(), time.perf_counter(), len(tab.refused)
        loaded = None
        try:
            async with asyncio.timeout(limit + (self.analysis.budget if step.action == "audit" else 0) + 5):
                loaded = await tab.perform(step)
                if len(tab.refused) > refused:  # the click went through, the navigation did not
                    return tab.why(None, refused)
                if loaded is None:
                    return None
                findings, facts = await self.analysis.run(loaded)
                found = await (await loaded.top()).call("() => document.title")
        except TimeoutError:
            return f"timed out after {limit:g} s"
        except Exception as exc:  # noqa: BLE001 - whatever a page makes a step do is that journey's error
            return tab.why(exc, refused)
        finally:
            if loaded is not None:
                try:
                    await asyncio.wait_for(loaded.close(), 10)
                except Exception:  # noqa: BLE001
                    pass
        results.append(audited(journey, step, final_url=tab.url, status=tab.status, title=page_text(found, 2000),
                               started_at=iso(started), duration_ms=int((time.perf_counter() - t0) * 1000),
                               findings=findings, facts=facts))
        return None


async def site_frontier(spec: SiteSpec, config: Any, http: requests.Session, claims: set[str],
                        skip_sitemaps: bool, ignore_robots: bool) -> Frontier:
    """A site's frontier with its robots.txt rules and its sitemap URLs (same host only)."""
    site = plan(spec, config)
    timeout = float(config.timeout)
    robots = Robots() if ignore_robots else await asyncio.to_thread(fetch_robots, site.start_url, http, timeout)
    sitemap: list[str] = []
    unreadable: str | None = None
    if not skip_sitemaps:
        try:
            sitemap = await asyncio.to_thread(sitemap_urls, site.start_url, robots.sitemaps, http, timeout)
        except Exception as exc:  # noqa: BLE001 - a broken sitemap must not stop the crawl: links still work
            unreadable = f"sitemap unreadable: {exc}"
    frontier = Frontier(site, robots, sitemap, claims)
    if unreadable:
        frontier.skipped.append(Skipped(urljoin(site.start_url, "/sitemap.xml"), unreadable, site.start_url, None))
    return frontier


async def run_sites(conductor: Conductor, config: Any, sites: list[SiteSpec],
                    targets: dict[str, list[Target]] | None = None,
                    list_claims: set[str] | None = None) -> list[Frontier | ListFrontier]:
    """Crawl every site (or audit the given targets per site), side by side, sharing one claim set.
    Returns each site's finished frontier, in the order of ``sites``."""
    claims: set[str] = set(list_claims or ())
    http = http_session()

    async def one(spec: SiteSpec) -> Frontier | ListFrontier:
        if targets is not None:
            return await conductor.crawl(ListFrontier(plan(spec, config), targets[spec.url], claims))
        frontier = await site_frontier(spec, config, http, claims, config.no_sitemaps, config.ignore_robots)
        return await conductor.crawl(frontier)

    return list(await asyncio.gather(*(one(s) for s in sites)))


def results_of(frontiers: Sequence[Frontier | ListFrontier]) -> tuple[tuple[PageResult, ...], tuple[Skipped, ...]]:
    return tuple(p for f in frontiers for p in f.pages), tuple(s for f in frontiers for s in f.skipped)


def apply_site_checks(report: AuditReport, checks: Sequence[Any]) -> AuditReport:
    """Run the site checks over each site's pages and add their findings to the pages."""
    if not checks:
        return report
    added: dict[str, list[Finding]] = {}
    for site in dict.fromkeys(p.site for p in report.pages):
        pages = [p for p in report.pages if p.site == site and p.audited]
        for check in checks:
            for url, findings in check.run(pages).items():
                added.setdefault(url, []).extend(findings)
    pages = tuple(replace(p, findings=order_findings([*p.findings, *added[p.url]])) if p.url in added else p
                  for p in report.pages)
    tested, review_only = coverage(checks)
    engines = report.meta.engines
    if not any(e.name == CHECKS_NAME for e in engines):
        engines = (*engines, EngineInfo(CHECKS_NAME, __version__, "check"))
    engines = tuple(joined_engine(e, [EngineInfo(e.name, e.version, e.kind, tested, review_only)]) if e.name == CHECKS_NAME else e for e in engines)
    return replace(report, pages=pages, meta=replace(report.meta, engines=engines))


def run_meta(config: Any, sites: list[SiteSpec], loader: Loader, analysis: Analysis, started_at: str, finished_at: str,
             extra: dict[str, str] | None = None) -> RunMeta:
    return RunMeta(
        tool=TOOL_NAME,
        tool_version=__version__,
        engines=analysis.infos(),
        browser=loader.label,
        user_agent=loader.user_agent,
        started_at=started_at,
        finished_at=finished_at,
        config={**config.public(), "sites": [s.url for s in sites], **(extra or {})},
    )

