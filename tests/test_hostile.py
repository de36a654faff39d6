"""Hostile sites: every URL ends audited or with a clear reason, the run ends in bounded time, and
nothing out of scope is requested."""

from __future__ import annotations

import os
import signal
import time

import pytest

from audit.config import AuditConfig
from audit.jobs import audit
from conftest import fixed_clock
from hostile_site import serve_hostile

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile(chromium, tmp_path_factory):
    with serve_hostile() as served:
        config = AuditConfig(urls=(served.base,), out=str(tmp_path_factory.mktemp("hostile")), max_pages=30, max_depth=4,
                             timeout=12, browser_path=chromium, no_sitemaps=True, no_history=True)
        t0 = time.monotonic()
        outcome = audit(config, clock=fixed_clock)
        elapsed = time.monotonic() - t0
        yield served.base, outcome.report, served, elapsed


def result_for(report, base, path):
    url = base.rstrip("/") + path
    for page in report.pages:
        if page.url == url:
            return page.error or "audited"
    for skipped in report.skipped:
        if skipped.url == url:
            return "skipped: " + skipped.reason
    return None


def test_the_run_ends_in_bounded_time(hostile):
    _, report, _, elapsed = hostile
    assert elapsed < 150, f"the hostile run took {elapsed:.0f} s"
    assert report.pages


@pytest.mark.parametrize("path, expected", [
    ("/loop-a", "redirect loop or more than 10 redirects"),
    ("/away", "skipped: redirects out of scope: http://127.0.0.1:"),
    ("/gone", "HTTP 404"),
    ("/broken", "HTTP 500"),
    ("/photo", "skipped: not HTML (image/png)"),
    ("/blob", "skipped: not HTML (application/octet-stream)"),
    ("/never", "timed out after 12 s"),
    ("/busy", "audited"),
    ("/dialog", "audited"),
    ("/csp", "audited"),
    ("/hostile", "audited"),
])
def test_each_case_ends_with_a_clear_outcome(hostile, path, expected):
    base, report, _, _ = hostile
    assert (result_for(report, base, path) or "").startswith(expected)


def test_huge_dom_is_audited_or_times_out_cleanly(hostile):
    base, report, _, _ = hostile
    assert result_for(report, base, "/huge-dom") in ("audited", "timed out after 12 s")


def test_a_crashing_tab_is_recorded_as_page_crashed_and_the_run_goes_on(hostile):
    base, report, _, _ = hostile
    assert result_for(report, base, "/crash") == "Page crashed"
    assert result_for(report, base, "/hostile") == "audited"


def test_endless_pages_are_bounded_and_reported(hostile):
    base, report, _, _ = hostile
    calendar = [p for p in report.pages if "/calendar/" in p.url]
    params = [p for p in report.pages if "/params" in p.url]
    assert 1 <= len(calendar) <= 5 and params
    reasons = {s.reason for s in report.skipped if "/calendar/" in s.url or "/params" in s.url}
    assert reasons & {"deeper than max-depth=4", "page limit reached (max-pages=30)"}
    assert len(report.pages) <= 30


def test_nothing_out_of_scope_was_requested(hostile):
    _, report, served, _ = hostile
    assert served.log and served.outside_log == []  # the outside server saw no request at all
    assert not any(p.url.startswith(served.outside) for p in report.pages)
    assert {s.url: s.reason for s in report.skipped}[served.outside + "elsewhere"] == "out of scope"


def test_dialogs_did_not_block_and_titles_are_kept_as_text(hostile):
    base, report, _, _ = hostile
    titles = {p.url.removeprefix(base.rstrip("/")): p.title for p in report.pages}
    assert titles["/dialog"] == "Dialogs"
    assert titles["/hostile"] == "<script>window.__pwned=1</script>"


def descendants(pid: int) -> list[int]:
    """Child processes of pid, recursively (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        children = [p for p, parent in parents.items() if parent == current]
        found += children
        frontier += children
    return found


def test_a_dead_browser_is_relaunched_and_the_run_goes_on(chromium):
    import asyncio

    from audit.browser import BrowserSession
    from audit.conductor import Analysis, Conductor
    from audit.config import AuditConfig
    from audit.frontier import ListFrontier, Target, plan
    from audit.sites import SiteSpec

    async def crawl(conductor: Conductor, base: str, path: str):
        site = plan(SiteSpec(base), AuditConfig())
        frontier = await conductor.crawl(ListFrontier(site, [Target(base + path, 0, None)], set()))
        return frontier.pages[0]

    async def scenario(base: str):
        async with BrowserSession(chromium, 15) as session:
            conductor = Conductor(session, Analysis(), timeout=15, concurrency=1, per_host=1)
            first = await crawl(conductor, base, "dialog")
            for pid in descendants(os.getpid()):
                try:
                    if "chrom" in open(f"/proc/{pid}/comm").read():
                        os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            return first, await crawl(conductor, base, "csp")

    with serve_hostile() as served:
        first, second = asyncio.run(scenario(served.base))
    assert first.title == "Dialogs" and second.error is None and second.title == "Strict CSP"
