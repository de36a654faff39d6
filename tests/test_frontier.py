"""The crawl policy, without a browser or a network: admission, scope, robots, sitemaps, caps, skip
reasons, and the same pages in the same order whatever order the loads finish in."""

from __future__ import annotations

import random

import pytest
from protego import Protego

from audit.config import AuditConfig
from audit.frontier import ALREADY_CLAIMED, Frontier, ListFrontier, Target, plan
from audit.model import PageResult, Skipped
from audit.robots import Robots
from audit.sites import SiteSpec
from audit.urls import is_http_url, normalize

BASE = "https://www.example.fi/"


def site_plan(**settings):
    return plan(SiteSpec(BASE), AuditConfig(**settings))


def run(frontier, graph, *, not_html=(), order=None):
    """Load every target the frontier hands out, finishing them in ``order`` (a random.Random, or
    None for handing-out order). ``graph`` maps a URL to the links on its page."""
    pending: list[Target] = []
    while True:
        pending += frontier.ready()
        if not pending:
            break
        target = pending.pop(order.randrange(len(pending)) if order else 0)
        if target.url in not_html:
            frontier.done(target, Skipped(target.url, "not HTML (application/pdf)", BASE, target.found_on))
        else:
            page = PageResult(url=target.url, site=BASE, depth=target.depth)
            frontier.done(target, page, graph.get(target.url, []))
    assert frontier.finished
    return frontier


def reference(site, graph, sitemap=(), not_html=(), robots=None):
    """The level-by-level loop the frontier must agree with (the crawl as it was first written)."""
    robots = robots or Robots()
    claimed = {site.start_url}
    pages, skipped = [], []

    def admit(links, parent):
        out = []
        for raw in links:
            if not is_http_url(raw):
                continue
            url = normalize(raw)
            if url in claimed:
                continue
            claimed.add(url)
            if reason := site.scope.why_excluded(url):
                skipped.append((url, reason))
            elif not robots.allows(url):
                skipped.append((url, "disallowed by robots.txt"))
            else:
                out.append((url, parent))
        return out

    level = [(site.start_url, None)]
    for depth in range(site.max_depth + 1):
        if depth == 1:
            level += admit(sitemap, "sitemap")
        runnable = []
        for url, parent in level:
            if len(pages) + len(runnable) >= site.max_pages:
                skipped.append((url, f"page limit reached (max-pages={site.max_pages})"))
            else:
                runnable.append(url)
        links = []
        for url in runnable:
            if url in not_html:
                skipped.append((url, "not HTML (application/pdf)"))
                continue
            pages.append(url)
            links += [(link, url) for link in graph.get(url, [])]
        if depth == site.max_depth:
            skipped += [(u, f"deeper than max-depth={site.max_depth}") for u, _ in admit([lk for lk, _ in links], None)]
            break
        level = []
        for link, parent in links:
            level += admit([link], parent)
        if not level and depth >= 1:
            break
    return pages, skipped


def random_site(seed: int) -> tuple[dict[str, list[str]], list[str], set[str]]:
    rng = random.Random(seed)
    urls = [BASE] + [f"{BASE}p{i}.html" for i in range(40)]
    graph = {u: [rng.choice(urls) + rng.choice(["", "#top", "?utm_source=x"]) for _ in range(rng.randint(0, 6))] for u in urls}
    graph[BASE] += ["https://elsewhere.example/x", "mailto:palaute@hel.fi"]
    sitemap = rng.sample(urls, 5)
    not_html = set(rng.sample(urls[1:], 4))
    return graph, sitemap, not_html


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("max_pages, max_depth", [(50, 5), (7, 5), (12, 2), (3, 1), (20, 0)])
def test_the_same_pages_in_the_same_order_whatever_finishes_first(seed, max_pages, max_depth):
    graph, sitemap, not_html = random_site(seed)
    site = site_plan(max_pages=max_pages, max_depth=max_depth)
    expected_pages, expected_skipped = reference(site, graph, sitemap, not_html)
    for order_seed in range(3):
        frontier = run(Frontier(site, Robots(), sitemap), graph, not_html=not_html, order=random.Random(order_seed))
        assert [p.url for p in frontier.pages] == expected_pages
        assert sorted((s.url, s.reason) for s in frontier.skipped) == sorted(expected_skipped)


def test_a_deeper_page_starts_before_its_level_is_finished():
    graph = {BASE: [BASE + "a", BASE + "b"], BASE + "a": [BASE + "a1"], BASE + "b": []}
    frontier = Frontier(site_plan(), Robots())
    (start,) = frontier.ready()
    frontier.done(start, PageResult(url=BASE, site=BASE, depth=0), graph[BASE])
    a, b = frontier.ready()
    frontier.done(a, PageResult(url=a.url, site=BASE, depth=1), graph[a.url])
    # b is still loading, yet a's link may go: it cannot change what comes before it
    assert [t.url for t in frontier.ready()] == [BASE + "a1"]


@pytest.mark.parametrize("b_is_a_page", [True, False])
def test_the_page_limit_waits_only_when_it_must(b_is_a_page):
    graph = {BASE: [BASE + "a", BASE + "b"], BASE + "a": [BASE + "a1"], BASE + "b": [BASE + "b1"]}
    frontier = Frontier(site_plan(max_pages=3), Robots())
    (start,) = frontier.ready()
    frontier.done(start, PageResult(url=BASE, site=BASE, depth=0), graph[BASE])
    a, b = frontier.ready()
    frontier.done(a, PageResult(url=a.url, site=BASE, depth=1), graph[a.url])
    assert frontier.ready() == []  # a1 waits: it is the third page only if b is no page
    if b_is_a_page:
        frontier.done(b, PageResult(url=b.url, site=BASE, depth=1), graph[b.url])
        assert frontier.ready() == [] and frontier.finished
        assert {s.url: s.reason for s in frontier.skipped} == {
            BASE + "a1": "page limit reached (max-pages=3)", BASE + "b1": "page limit reached (max-pages=3)"}
    else:
        frontier.done(b, Skipped(b.url, "not HTML (application/pdf)", BASE, BASE))
        assert [t.url for t in frontier.ready()] == [BASE + "a1"]  # b used no place: a1 takes it


def test_admission_reasons():
    robots = Robots(Protego.parse("User-agent: *\nDisallow: /private/\n"))
    links = [BASE + "private/x.html", BASE + "report.PDF", "https://other.example/", "javascript:alert(1)",
             BASE + "ok.html#part", BASE + "ok.html?fbclid=1", 42, None]
    frontier = run(Frontier(site_plan(), robots), {BASE: links})
    reasons = {s.url: s.reason for s in frontier.skipped}
    assert reasons == {
        BASE + "private/x.html": "disallowed by robots.txt",
        BASE + "report.PDF": "not a web page (.pdf file)",
        "https://other.example/": "out of scope",
    }
    assert [p.url for p in frontier.pages] == [BASE, BASE + "ok.html"]
    assert all(s.found_on == BASE for s in frontier.skipped)


def test_include_exclude_and_scope_modes():
    links = [BASE + "haku?q=1", BASE + "fi/a", "https://palvelukartta.example.fi/x", "https://x.example.com/"]
    site = plan(SiteSpec(BASE), AuditConfig(scope="domain", exclude=("/haku",)))
    reasons = {s.url: s.reason for s in run(Frontier(site, Robots()), {BASE: links}).skipped}
    assert reasons == {BASE + "haku?q=1": "matched an exclude pattern", "https://x.example.com/": "out of scope"}


def test_sitemap_urls_join_the_first_level_after_the_start_pages_links():
    frontier = run(Frontier(site_plan(), Robots(), [BASE + "s1", BASE + "l1"]), {BASE: [BASE + "l1", BASE + "l2"]})
    assert [(p.url, p.depth) for p in frontier.pages] == [(BASE, 0), (BASE + "l1", 1), (BASE + "l2", 1), (BASE + "s1", 1)]
    assert frontier.loaded[-1].found_on == "sitemap"


def test_max_depth_zero_audits_the_start_page_only_and_says_why():
    frontier = run(Frontier(site_plan(max_depth=0), Robots(), [BASE + "s"]), {BASE: [BASE + "a"]})
    assert [p.url for p in frontier.pages] == [BASE]
    assert [(s.url, s.reason) for s in frontier.skipped] == [(BASE + "a", "deeper than max-depth=0")]


def test_a_redirect_target_is_loaded_once_per_run():
    frontier = Frontier(site_plan(), Robots())
    assert frontier.follow(BASE, BASE + "moved") is None
    assert frontier.follow(BASE + "x", BASE + "moved") == ALREADY_CLAIMED
    assert frontier.follow(BASE, "https://other.example/") == "out of scope"
    frontier.claim(BASE + "gone#x")
    assert frontier.follow(BASE + "y", BASE + "gone") == ALREADY_CLAIMED


def test_sites_of_one_run_share_their_claims():
    claims: set[str] = set()
    first = run(Frontier(site_plan(scope="domain"), Robots(), claims=claims), {BASE: [BASE + "shared"]})
    other = plan(SiteSpec("https://www.example.fi/sv/"), AuditConfig(scope="domain"))
    second = run(Frontier(other, Robots(), claims=claims), {"https://www.example.fi/sv/": [BASE + "shared"]})
    assert [p.url for p in first.pages] == [BASE, BASE + "shared"]
    assert [p.url for p in second.pages] == ["https://www.example.fi/sv/"]


def test_a_shard_refuses_redirects_to_urls_another_shard_audits():
    whole = [Target(BASE, 0, None), Target(BASE + "p0", 1, BASE)]
    mine = ListFrontier(site_plan(), whole[:1], {t.url for t in whole})
    assert mine.follow(BASE, BASE + "p0") == ALREADY_CLAIMED
    assert [t.url for t in mine.ready()] == [BASE] and mine.ready() == []


def test_a_list_comes_back_in_canonical_order():
    targets = [Target(BASE + "b", 1, BASE), Target(BASE, 0, None), Target(BASE + "a", 1, BASE)]
    frontier = ListFrontier(site_plan(), targets, set())
    for target in reversed(frontier.ready()):
        frontier.done(target, PageResult(url=target.url, site=BASE, depth=target.depth))
    assert [p.url for p in frontier.pages] == [BASE, BASE + "a", BASE + "b"]


def test_done_for_an_unknown_or_finished_target_is_a_bug():
    frontier = Frontier(site_plan(), Robots())
    (start,) = frontier.ready()
    with pytest.raises(ValueError):
        frontier.done(Target(BASE + "never", 1, BASE), PageResult(url=BASE + "never", site=BASE, depth=1))
    frontier.done(start, PageResult(url=BASE, site=BASE, depth=0))
    with pytest.raises(ValueError):
        frontier.done(start, PageResult(url=BASE, site=BASE, depth=0))


def test_a_url_list_cannot_send_the_audit_elsewhere():
    """--urls-from entries were not checked at all: another host, a file: address."""
    targets = [Target(BASE + "ok", 1, BASE), Target("https://elsewhere.example/x", 1, BASE),
               Target("file:///etc/passwd", 1, BASE), Target("javascript:alert(1)", 1, BASE)]
    frontier = ListFrontier(site_plan(), targets, set())
    assert [t.url for t in frontier.ready()] == [BASE + "ok"]
    assert {s.url: s.reason for s in frontier.skipped} == {
        "https://elsewhere.example/x": "out of scope", "file:///etc/passwd": "not an http(s) URL",
        "javascript:alert(1)": "not an http(s) URL"}
