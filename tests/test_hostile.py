"""Hostile sites: every URL ends audited or with a clear reason, the run ends in bounded time, and
nothing out of scope is requested."""

from __future__ import annotations

import json
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
        out = tmp_path_factory.mktemp("hostile")
        config = AuditConfig(urls=(served.base,), out=str(out), max_pages=45, max_depth=4,
                             timeout=12, browser_path=chromium, no_history=True)
        t0 = time.monotonic()
        outcome = audit(config, clock=fixed_clock)
        elapsed = time.monotonic() - t0
        yield served.base, outcome, served, elapsed


def result_for(outcome, base, path):
    report = getattr(outcome, "report", outcome)
    url = base.rstrip("/") + path
    for page in report.pages:
        if page.url == url:
            return page.error or "audited"
    for skipped in report.skipped:
        if skipped.url == url:
            return "skipped: " + skipped.reason
    return None


def page_at(outcome, base, path):
    return next(p for p in outcome.report.pages if p.url == base.rstrip("/") + path)


def test_the_run_ends_in_bounded_time_with_every_report(hostile):
    _, outcome, _, elapsed = hostile
    assert elapsed < 240, f"the hostile run took {elapsed:.0f} s"
    assert set(outcome.written) == {"json", "junit", "sarif", "html", "markdown", "codequality"}
    assert all(path.is_file() for path in outcome.written.values())


def test_every_url_ends_audited_skipped_or_errored_with_a_reason(hostile):
    base, outcome, _, _ = hostile
    for path in ["/", *(c.split("?")[0] if c.startswith("/params") else c for c in hostile_cases())]:
        if path.startswith("/params"):
            continue
        assert result_for(outcome, base, path), f"{path} has no outcome"
    assert all(s.reason for s in outcome.report.skipped)
    assert all(p.error is None or p.error.strip() for p in outcome.report.pages)


def hostile_cases():
    from hostile_site import CASES

    return CASES


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
    ("/forge", "audited"),
    ("/surrogate", "audited"),
    ("/sw-install", "audited"),
    ("/refresh-in", "audited"),
    ("/refresh-out", "skipped: redirects out of scope: http://127.0.0.1:"),
    ("/locate", "audited"),
    ("/autosubmit", "audited"),
    ("/popups", "audited"),
    ("/attachment", "skipped: download (served as an attachment, not shown as a page)"),
    ("/frame-3p", "audited"),
    ("/prefetch", "audited"),
    ("/restless", "audited"),
])
def test_each_case_ends_with_a_clear_outcome(hostile, path, expected):
    base, outcome, _, _ = hostile
    assert (result_for(outcome, base, path) or "").startswith(expected)


def test_huge_dom_is_audited_or_times_out_cleanly(hostile):
    base, outcome, _, _ = hostile
    report = outcome.report
    assert result_for(report, base, "/huge-dom") in ("audited", "timed out after 12 s")


def test_a_crashing_tab_is_recorded_as_page_crashed_and_the_run_goes_on(hostile):
    base, outcome, _, _ = hostile
    report = outcome.report
    assert result_for(report, base, "/crash") == "Page crashed"
    assert result_for(report, base, "/hostile") == "audited"


def test_endless_pages_are_bounded_and_reported(hostile):
    base, outcome, _, _ = hostile
    report = outcome.report
    calendar = [p for p in report.pages if "/calendar/" in p.url]
    params = [p for p in report.pages if "/params" in p.url]
    assert 1 <= len(calendar) <= 5 and params
    reasons = {s.reason for s in report.skipped if "/calendar/" in s.url or "/params" in s.url}
    assert reasons & {"deeper than max-depth=4", "page limit reached (max-pages=45)"}
    assert len(report.pages) <= 45


def test_nothing_out_of_scope_was_requested(hostile):
    # links, a redirect, a meta refresh, 60 popups, a target=_blank link, a prefetch, a prerender and a
    # robots.txt sitemap all point at the outside server: it must not have seen a single request
    _, outcome, served, _ = hostile
    assert served.log and served.outside_log == []
    assert not any(p.url.startswith(served.outside) for p in outcome.report.pages)
    assert {s.url: s.reason for s in outcome.report.skipped}[served.outside + "elsewhere"] == "out of scope"


def test_a_page_cannot_forge_its_results_by_replacing_axe_or_javascript_builtins(hostile):
    base, outcome, _, _ = hostile
    forged = page_at(outcome, base, "/forge")
    assert forged.error is None and forged.title == "Forge"
    assert [f.rule_id for f in forged.violations] == ["image-alt"]


def test_a_lone_surrogate_in_a_title_neither_stops_the_run_nor_the_journal(hostile):
    base, outcome, _, _ = hostile
    page = page_at(outcome, base, "/surrogate")
    assert page.title == "Bad \ufffd title"
    json.loads(outcome.written["json"].read_text("utf-8"))  # the results were written and read back


def test_a_service_worker_cannot_answer_for_later_pages(hostile):
    base, outcome, served, _ = hostile
    victim = page_at(outcome, base, "/sw-victim")
    assert victim.title == "The real victim page"
    assert "/sw-victim" in served.log  # really requested, not answered by a worker


def test_a_page_that_navigates_by_itself_is_followed_like_a_redirect_never_to_an_error_page(hostile):
    base, outcome, served, _ = hostile
    refreshed = page_at(outcome, base, "/refresh-in")
    assert refreshed.final_url == base + "landing" and refreshed.redirects == (base + "refresh-in",)
    assert page_at(outcome, base, "/locate").final_url == base + "landing2"
    submitted = page_at(outcome, base, "/autosubmit")
    assert submitted.title == "Submits itself" and submitted.final_url == base + "autosubmit"
    assert not any((p.final_url or "").startswith("chrome-error:") for p in outcome.report.pages)


def test_popups_are_closed_and_load_nothing(hostile):
    base, outcome, served, _ = hostile
    assert page_at(outcome, base, "/popups").error is None
    assert not [path for path in served.outside_log if "pop" in path or "blank" in path]


def test_a_cross_origin_frame_is_audited_and_marked_third_party(hostile):
    base, outcome, served, _ = hostile
    page = page_at(outcome, base, "/frame-3p")
    (finding,) = [f for f in page.violations if f.rule_id == "image-alt"]
    (node,) = finding.nodes
    assert node.target[0] == "iframe" and node.frame_url == served.widget + "widget.html" and node.third_party
    assert served.widget_log == ["/widget.html"]


def test_dialogs_did_not_block_and_titles_are_kept_as_text(hostile):
    base, outcome, _, _ = hostile
    report = outcome.report
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


def test_discover_follows_no_redirect_or_sitemap_off_the_site(hostile):
    """Plain HTTP used to follow redirects anywhere and read a robots.txt sitemap on another host."""
    from audit.jobs import discover

    _, _, served, _ = hostile
    before = list(served.outside_log)
    document = discover(AuditConfig(urls=(served.base,), max_pages=45, max_depth=2, timeout=12))
    listed = {u["url"] for u in document["sites"][0]["urls"]}
    assert served.base + "away" in listed and not any(u.startswith(served.outside) for u in listed)
    assert served.outside_log == before == []
