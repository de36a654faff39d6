"""The frontier: which URLs of a site to audit, in what order, within what limits. Pure policy.

No browser, no network: the conductor asks ``ready()`` for targets, loads them with whatever loader
it has (Chromium for ``audit``, plain HTTP for ``discover``), and hands each outcome back with
``done()``. The same frontier serves both, so the two can never drift.

The crawl is breadth-first with the result of a level-by-level loop: a page's links are admitted
only once every page before it (in admission order) is finished, so the same site gives the same
pages, the same order and the same skip reasons on every run, whichever page happens to finish
first. Within that order a deeper page may start as soon as its place is settled, so workers are
not left idle at the tail of each level.

Admission, in order: http(s) only; normalised (``audit.urls.normalize``); judged once per run
(``claims`` is shared by every site of a run); in scope; not a file type that is never a web page;
allowed by robots.txt. Then the caps: at most ``max_pages`` pages per site (a URL that turns out
not to be a page, e.g. not HTML, does not use up a place), and no deeper than ``max_depth`` links
from the start URL. Sitemap URLs join the first level, after the start page's own links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.model import PageResult, Skipped
from audit.robots import Robots
from audit.sites import SiteSpec
from audit.urls import NEVER_FOLLOW_REASON, Scope, file_type, is_http_url, normalize

ALREADY_CLAIMED = "to a page already in this crawl"
Link = str | tuple[str, str]  # a link's URL, or its URL and its text (what a person would read)


@dataclass(frozen=True)
class Target:
    """A URL chosen for loading, with its link depth and the page it was found on."""

    url: str
    depth: int
    found_on: str | None


@dataclass(frozen=True)
class SitePlan:
    """A site's effective settings: the URL list line's own options over the run's."""

    start_url: str
    scope: Scope
    max_pages: int
    max_depth: int


def plan(spec: SiteSpec, config: Any) -> SitePlan:
    """``config``: the run's settings (an AuditConfig: scope, allow, include, exclude, max_pages, max_depth)."""
    scope = Scope(
        start_url=spec.url,
        mode=spec.scope or config.scope,
        allow_hosts=spec.allow_hosts or config.allow,
        include=spec.include or config.include,
        exclude=spec.exclude or config.exclude,
        never_follow=config.never_follow,
    )
    return SitePlan(
        spec.url,
        scope,
        spec.max_pages if spec.max_pages is not None else config.max_pages,
        spec.max_depth if spec.max_depth is not None else config.max_depth,
    )


class _Claims:
    """Redirect hops: a URL is loaded by one page of a run at most."""

    site: SitePlan
    claims: set[str]

    def follow(self, source: str, target: str) -> str | None:
        """May a load of ``source`` go on to ``target`` (a redirect hop)? None if so, else why not.
        The target is claimed: no other page of this run will load it again."""
        url = normalize(target)
        if reason := self.site.scope.why_excluded(url):
            return reason
        if url != source and url in self.claims:
            return ALREADY_CLAIMED
        self.claims.add(url)
        return None

    def claim(self, url: str) -> None:
        """A URL reached by a finished page (a redirect hop replayed from a journal)."""
        self.claims.add(normalize(url))


@dataclass
class _Entry:
    target: Target
    index: int  # position within its depth level
    state: str = "new"  # new -> run | capped; run -> done
    result: PageResult | Skipped | None = None
    links: list[Link] = field(default_factory=list)


class Frontier(_Claims):
    """The breadth-first crawl of one site (see the module's description)."""

    def __init__(self, site: SitePlan, robots: Robots | None = None, sitemap: Sequence[str] = (),
                 claims: set[str] | None = None) -> None:
        self.site = site
        self.robots = robots or Robots()
        self.claims = claims if claims is not None else set()
        self.pages: list[PageResult] = []  # in crawl order, final
        self.skipped: list[Skipped] = []  # in crawl order, final
        self.loaded: list[Target] = []  # every target handed out to be loaded, in order
        self._sitemap = list(sitemap)
        self._entries: list[_Entry] = []
        self._by_url: dict[str, _Entry] = {}
        self._level_size: dict[int, int] = {}
        self._pages_by_level: dict[int, int] = {}
        self._running_by_level: dict[int, int] = {}
        self._decided = 0  # entries before this have a decision (run or capped)
        self._processed = 0  # entries before this are finished and their links admitted
        self._handed: list[Target] = []
        self.claims.add(site.start_url)
        self._append(Target(site.start_url, 0, None))

    # --- the conductor's side ---------------------------------------------------------------
    def ready(self) -> list[Target]:
        """Targets that may be loaded now, in order; each is handed out once."""
        self._decide()
        self._advance()
        handed, self._handed = self._handed, []
        return handed

    def done(self, target: Target, result: PageResult | Skipped, links: Iterable[Link] = ()) -> None:
        """The outcome of loading ``target``: a page (whose links are followed) or a skip."""
        entry = self._find(target.url)
        if entry.state != "run":
            raise ValueError(f"{target.url} was not handed out or is already done")
        entry.state = "done"
        entry.result = result
        entry.links = list(links) if isinstance(result, PageResult) else []
        level = entry.target.depth
        self._running_by_level[level] -= 1
        if isinstance(result, PageResult):
            self._pages_by_level[level] = self._pages_by_level.get(level, 0) + 1
        self._decide()
        self._advance()

    @property
    def finished(self) -> bool:
        return self._processed == len(self._entries)

    # --- policy -------------------------------------------------------------------------
    def _append(self, target: Target) -> None:
        index = self._level_size.get(target.depth, 0)
        self._level_size[target.depth] = index + 1
        entry = _Entry(target, index)
        self._entries.append(entry)
        self._by_url[target.url] = entry

    def _find(self, url: str) -> _Entry:
        if url not in self._by_url:
            raise ValueError(f"{url} is not a target of this frontier")
        return self._by_url[url]

    def _decide(self) -> None:
        """Run or cap the next entries, in order, as far as the page limit can already be told."""
        while self._decided < len(self._entries):
            entry = self._entries[self._decided]
            level = entry.target.depth
            known = sum(n for d, n in self._pages_by_level.items() if d < level)
            pending = sum(n for d, n in self._running_by_level.items() if d < level)
            if known + pending + entry.index < self.site.max_pages:
                entry.state = "run"
                self._running_by_level[level] = self._running_by_level.get(level, 0) + 1
                self._handed.append(entry.target)
                self.loaded.append(entry.target)
            elif known + entry.index >= self.site.max_pages:
                entry.state = "capped"
            else:
                return  # depends on pages still loading
            self._decided += 1

    def _advance(self) -> None:
        """Finish entries in order: record their outcome and admit their links."""
        while self._processed < self._decided:
            entry = self._entries[self._processed]
            if entry.state == "run":
                return
            target = entry.target
            if entry.state == "capped":
                self._skip(target.url, f"page limit reached (max-pages={self.site.max_pages})", target.found_on)
            elif isinstance(entry.result, PageResult):
                self.pages.append(entry.result)
                self._admit_links(entry)
            elif entry.result is not None:
                self.skipped.append(entry.result)
            entry.links = []
            self._processed += 1
            if target.depth == 0 and self.site.max_depth >= 1:
                for url in self._admit(self._sitemap, "sitemap"):
                    self._append(Target(url, 1, "sitemap"))
            self._decide()

    def _admit_links(self, entry: _Entry) -> None:
        depth = entry.target.depth
        admitted = self._admit(entry.links, entry.result.url)
        for url in admitted:
            if depth == self.site.max_depth:
                self._skip(url, f"deeper than max-depth={self.site.max_depth}", entry.result.url)
            else:
                self._append(Target(url, depth + 1, entry.result.url))

    def _admit(self, links: Iterable[Link], parent: str | None) -> list[str]:
        """New, in-scope, allowed URLs in the order found; each URL is judged once per run. A link
        whose text looks like logging out or deleting is never followed, whatever its URL."""
        admitted = []
        for link in links:
            raw, text = link if isinstance(link, tuple) else (link, "")
            if not isinstance(raw, str) or not is_http_url(raw):
                continue
            url = normalize(raw)
            if url in self.claims:
                continue
            self.claims.add(url)
            if text and self.site.scope.never(text):
                self._skip(url, NEVER_FOLLOW_REASON, parent)
            elif reason := self.site.scope.why_excluded(url):
                self._skip(url, reason, parent)
            elif kind := file_type(url):
                self._skip(url, f"not a web page ({kind} file)", parent)
            elif not self.robots.allows(url):
                self._skip(url, "disallowed by robots.txt", parent)
            else:
                admitted.append(url)
        return admitted

    def _skip(self, url: str, reason: str, parent: str | None) -> None:
        self.skipped.append(Skipped(url, reason, self.site.start_url, parent))


class ListFrontier(_Claims):
    """A URL list chosen ahead of time (``audit --urls-from``): exactly these targets, no links
    followed. ``claims`` holds every URL of the whole list, this shard's or not, so a redirect to a
    URL another shard audits is skipped here just as one unsharded run would skip it. Results come
    in a canonical order (depth, URL), so the shards of one list merge into one run's results."""

    def __init__(self, site: SitePlan, targets: Sequence[Target], claims: set[str]) -> None:
        self.site = site
        self.claims = claims
        self.claims.update(t.url for t in targets)
        self._targets = list(targets)
        self.loaded = list(targets)
        self._results: dict[str, PageResult | Skipped] = {}
        self._handed = False

    def ready(self) -> list[Target]:
        """Every target of the list that belongs to the site; the others are skipped, never loaded
        (a list is a file anyone may have edited: another host, a file: address)."""
        if self._handed:
            return []
        self._handed = True
        runnable = []
        for target in self._targets:
            if not is_http_url(target.url):
                reason: str | None = "not an http(s) URL"
            else:
                reason = self.site.scope.why_excluded(normalize(target.url))
            if reason:
                self._results[target.url] = Skipped(target.url, reason, self.site.start_url, target.found_on)
            else:
                runnable.append(target)
        return runnable

    def done(self, target: Target, result: PageResult | Skipped, links: Iterable[Link] = ()) -> None:
        self._results[target.url] = result

    @property
    def finished(self) -> bool:
        return len(self._results) == len(self._targets)

    @property
    def pages(self) -> list[PageResult]:
        return sorted((r for r in self._results.values() if isinstance(r, PageResult)), key=lambda p: (p.depth, p.url))

    @property
    def skipped(self) -> list[Skipped]:
        return sorted((r for r in self._results.values() if isinstance(r, Skipped)), key=lambda s: s.url)
