"""The crawl: which URLs to audit, in what order, with what limits; runs the browser and axe stages.

Breadth-first, one depth level at a time, so the set of audited pages does not depend on which
page happened to finish first: the same site gives the same pages in the same order every run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

from audit import TOOL_NAME, __version__
from audit import axe as axe_stage
from audit.browser import BrowserSession
from audit.config import AuditConfig
from audit.discovery import Robots, fetch_robots, sitemap_urls
from audit.journal import Journal
from audit.targets import Target
from audit.model import AuditReport, PageResult, RunMeta, Skipped
from audit.sites import SiteSpec
from audit.urls import Scope, file_type, is_http_url, normalize

Clock = Callable[[], datetime]
Progress = Callable[[PageResult | Skipped], None]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class SitePlan:
    start_url: str
    scope: Scope
    max_pages: int
    max_depth: int


def plan(spec: SiteSpec, config: AuditConfig) -> SitePlan:
    """A site's effective settings: the line's own options over the run's."""
    scope = Scope(
        start_url=spec.url,
        mode=spec.scope or config.scope,
        allow_hosts=spec.allow_hosts or config.allow,
        include=spec.include or config.include,
        exclude=spec.exclude or config.exclude,
    )
    return SitePlan(
        spec.url,
        scope,
        spec.max_pages if spec.max_pages is not None else config.max_pages,
        spec.max_depth if spec.max_depth is not None else config.max_depth,
    )


class Crawler:
    def __init__(
        self,
        config: AuditConfig,
        session: BrowserSession,
        axe: axe_stage.AxeScript,
        on_result: Progress | None = None,
        clock: Clock = utc_now,
        journal: Journal | None = None,
    ) -> None:
        self.config = config
        self.journal = journal
        self.session = session
        self.axe = axe
        self.options = axe_stage.run_options(config.standard, config.best_practice, config.rule, config.disable_rule)
        self.on_result = on_result or (lambda _r: None)
        self.clock = clock
        self.claimed: set[str] = set()
        self._all = asyncio.Semaphore(config.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def _analyze(self, page: object) -> dict:
        await axe_stage.inject(page, self.axe)
        return await axe_stage.run(page, self.options)

    async def audit_list(self, site: SitePlan, targets: list[Target]) -> tuple[list[PageResult], list[Skipped]]:
        """A discovered URL list (``--urls-from``): audit exactly these URLs, follow no links.
        Results come in a canonical order (depth, URL), so shards merge into the same report."""
        for target in targets:
            self.claimed.add(target.url)
        results = await asyncio.gather(*(self._audit(site, t.url, t.found_on, t.depth) for t in targets))
        pages = sorted((r for r, _ in results if isinstance(r, PageResult)), key=lambda p: (p.depth, p.url))
        skipped = sorted((r for r, _ in results if isinstance(r, Skipped)), key=lambda s: s.url)
        return pages, skipped

    async def crawl_site(self, site: SitePlan) -> tuple[list[PageResult], list[Skipped]]:
        pages: list[PageResult] = []
        skipped: list[Skipped] = []

        def skip(url: str, reason: str, found_on: str | None) -> None:
            item = Skipped(url, reason, site.start_url, found_on)
            skipped.append(item)
            self.on_result(item)

        timeout = float(self.config.timeout)
        ua = self.session.user_agent
        robots = Robots() if self.config.ignore_robots else await asyncio.to_thread(fetch_robots, site.start_url, ua, timeout)
        extra: list[str] = []
        if not self.config.no_sitemaps:
            try:
                extra = await asyncio.to_thread(sitemap_urls, site.start_url, ua, timeout)
            except Exception as exc:  # a broken sitemap must not stop the crawl: links still work
                skip(urljoin(site.start_url, "/sitemap.xml"), f"sitemap unreadable: {exc}", None)

        self.claimed.add(site.start_url)
        frontier: list[tuple[str, str | None]] = [(site.start_url, None)]
        for depth in range(site.max_depth + 1):
            if depth == 1:
                frontier += self._admit([(u, "sitemap") for u in extra], site, skip, robots)
            runnable = []
            for url, parent in frontier:
                if len(pages) + len(runnable) >= site.max_pages:
                    skip(url, f"page limit reached (max-pages={site.max_pages})", parent)
                else:
                    runnable.append((url, parent))
            results = await asyncio.gather(*(self._audit(site, url, parent, depth) for url, parent in runnable))
            links: list[tuple[str, str | None]] = []
            for result, found in results:
                if isinstance(result, Skipped):
                    skipped.append(result)
                    continue
                pages.append(result)
                links += [(link, result.url) for link in found]
            if depth == site.max_depth:
                for url, parent in self._admit(links, site, skip, robots):
                    skip(url, f"deeper than max-depth={site.max_depth}", parent)
                break
            frontier = self._admit(links, site, skip, robots)
            if not frontier and depth >= 1:
                break
        return pages, skipped

    def _admit(self, links: list[tuple[str, str | None]], site: SitePlan, skip: Callable, robots: Robots) -> list[tuple[str, str | None]]:
        """New, in-scope, allowed URLs in the order found; each URL is judged once per run."""
        admitted = []
        for raw, parent in links:
            if not is_http_url(raw):
                continue
            url = normalize(raw)
            if url in self.claimed:
                continue
            self.claimed.add(url)
            if reason := site.scope.why_excluded(url):
                skip(url, reason, parent)
            elif kind := file_type(url):
                skip(url, f"not a web page ({kind} file)", parent)
            elif not robots.allows(url):
                skip(url, "disallowed by robots.txt", parent)
            else:
                admitted.append((url, parent))
        return admitted

    def _allowed(self, site: SitePlan, own_url: str) -> Callable[[str], str | None]:
        def check(target: str) -> str | None:
            url = normalize(target)
            if reason := site.scope.why_excluded(url):
                return reason
            if url != own_url and url in self.claimed:
                return "to a page already in this crawl"
            self.claimed.add(url)
            return None

        return check

    async def _audit(
        self, site: SitePlan, url: str, parent: str | None, depth: int
    ) -> tuple[PageResult | Skipped, list[str]]:
        if self.journal is not None and url in self.journal.done:
            return self._replay(*self.journal.done[url])
        host = urlsplit(url).netloc
        per_host = self._hosts.setdefault(host, asyncio.Semaphore(self.config.per_host))
        async with self._all, per_host:
            started = self.clock()
            t0 = time.perf_counter()
            visit = await self.session.visit(url, self._allowed(site, url), self._analyze)
            elapsed = int((time.perf_counter() - t0) * 1000)
        if visit.skip_reason:
            result: PageResult | Skipped = Skipped(url, visit.skip_reason, site.start_url, parent)
        else:
            result = PageResult(
                url=url,
                site=site.start_url,
                depth=depth,
                final_url=visit.final_url,
                status=visit.status,
                title=visit.title,
                started_at=iso(started),
                duration_ms=elapsed,
                error=visit.error,
                redirects=tuple(visit.redirects),
                findings=axe_stage.convert(visit.analysis) if visit.analysis and not visit.error else (),
            )
        if self.journal is not None:
            self.journal.record(result, visit.links)
        self.on_result(result)
        return result, visit.links

    def _replay(self, result: PageResult | Skipped, links: list[str]) -> tuple[PageResult | Skipped, list[str]]:
        """A page finished before the run was interrupted: its redirect targets count as claimed, as
        they did when it was loaded, so the resumed crawl takes exactly the same path."""
        if isinstance(result, PageResult):
            for hop in (*result.redirects, result.final_url):
                if hop:
                    self.claimed.add(normalize(hop))
        self.on_result(result)
        return result, links


async def run_audit(
    config: AuditConfig,
    sites: list[SiteSpec],
    axe: axe_stage.AxeScript,
    executable: str,
    on_result: Progress | None = None,
    clock: Clock = utc_now,
    journal: Journal | None = None,
    targets: dict[str, list[Target]] | None = None,
) -> AuditReport:
    """Crawl and audit every site; sites run side by side, sharing the page concurrency.
    With ``targets`` (site -> URLs, from a discovered list), audit exactly those URLs."""
    started = clock()
    async with BrowserSession(executable, float(config.timeout), config.wait_for) as session:
        crawler = Crawler(config, session, axe, on_result, clock, journal)
        outcomes = await asyncio.gather(*(
            crawler.audit_list(plan(s, config), targets[s.url]) if targets is not None else crawler.crawl_site(plan(s, config))
            for s in sites
        ))
        meta = RunMeta(
            tool=TOOL_NAME,
            tool_version=__version__,
            axe_version=axe.version,
            browser=f"Chromium {session.version}",
            user_agent=session.user_agent,
            started_at=journal.started_at if journal else iso(started),
            finished_at=iso(clock()),
            config={**config.public(), "sites": [s.url for s in sites]},
        )
    pages = tuple(p for site_pages, _ in outcomes for p in site_pages)
    skipped = tuple(s for _, site_skipped in outcomes for s in site_skipped)
    return AuditReport(meta=meta, pages=pages, skipped=skipped)
