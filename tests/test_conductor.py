"""The conductor without a browser: the fixture site over plain HTTP on 127.0.0.1, engines on the
served HTML, the journal, a page that breaks or hangs its analysis, and `kaikille discover`."""

from __future__ import annotations

import asyncio

import pytest

from audit.conductor import Analysis, Conductor, results_of, run_sites
from audit.config import AuditConfig
from audit.fetch import PlainHttp
from audit.jobs import collect_sites, discover
from audit.journal import Journal
from audit.model import VIOLATION, Finding, Node
from conftest import SITE, fixed_clock
from kaikille.http import session
from kaikille.loopback import serve


class MissingLangEngine:
    """A tiny engine that reads only markup: a page whose <html> has no lang attribute."""

    name = "example-lang"
    version = "1.0"

    def __init__(self, broken_on: str = "", slow_on: str = "") -> None:
        self.broken_on, self.slow_on = broken_on, slow_on

    async def analyze(self, page) -> tuple[Finding, ...]:
        if self.broken_on and page.url.endswith(self.broken_on):
            raise ValueError("the page handed back something unexpected")
        if self.slow_on and page.url.endswith(self.slow_on):
            await asyncio.sleep(30)
        if "<html lang=" in page.html.replace("'", '"'):
            return ()
        return (Finding("example/html-lang", VIOLATION, "serious", "The page states its language", "", "", (), (),
                        (Node(("html",), "<html>", ""),), engine=self.name),)


@pytest.fixture()
def served():
    log: list[str] = []
    with serve(SITE, log) as base:
        yield base, log


def crawl(base: str, analysis: Analysis, journal: Journal | None = None, **settings):
    config = AuditConfig(urls=(base,), max_depth=3, **settings)
    loader = PlainHttp(session(), float(config.timeout))
    conductor = Conductor(loader, analysis, timeout=float(config.timeout), concurrency=2, per_host=2,
                          journal=journal, clock=fixed_clock)
    frontiers = asyncio.run(run_sites(conductor, config, collect_sites(config)))
    return results_of(frontiers)


def by_path(pages, base):
    return {p.url.removeprefix(base.rstrip("/")): p for p in pages}


def test_the_fixture_site_over_plain_http(served):
    base, _ = served
    pages, skipped = crawl(base, Analysis())
    paths = by_path(pages, base)
    assert {"/", "/accessible.html", "/redirect", "/missing.html", "/sitemap-only.html", "/deep/level2.html"} <= set(paths)
    assert paths["/redirect"].final_url == base + "redirect-target.html"
    assert paths["/missing.html"].error == "HTTP 404"
    reasons = {s.url.removeprefix(base.rstrip("/")): s.reason for s in skipped}
    assert reasons["/private/secret.html"] == "disallowed by robots.txt"
    assert reasons["/download"] == "not HTML (application/pdf)"
    assert reasons["/offsite-redirect"] == "redirects out of scope: http://offsite.invalid/landing"
    assert reasons["/deep/level3.html"] == "deeper than max-depth=3"


def test_an_engine_runs_on_every_page_and_says_it_made_the_finding(tmp_path):
    (tmp_path / "index.html").write_text('<!DOCTYPE html><html lang="fi"><title>Etusivu</title><a href="/no-lang.html">x</a>')
    (tmp_path / "no-lang.html").write_text("<!DOCTYPE html><html><title>No language</title></html>")
    with serve(tmp_path) as base:
        pages, _ = crawl(base, Analysis(engines=[MissingLangEngine()]), no_sitemaps=True)
    found = {p.url.removeprefix(base.rstrip("/")): [(f.rule_id, f.engine) for f in p.findings] for p in pages}
    assert found == {"/": [], "/no-lang.html": [("example/html-lang", "example-lang")]}
    assert [p.title for p in pages] == ["Etusivu", "No language"]
    assert Analysis(engines=[MissingLangEngine()]).infos()[0].name == "example-lang"


def test_a_page_that_breaks_its_analysis_is_that_pages_error_and_the_run_goes_on(served):
    base, _ = served
    pages, _ = crawl(base, Analysis(engines=[MissingLangEngine(broken_on="/form.html")]))
    paths = by_path(pages, base)
    assert paths["/form.html"].error == "the page handed back something unexpected"
    assert paths["/form.html"].findings == ()
    assert paths["/accessible.html"].audited and paths["/contrast.html"].audited


def test_a_page_whose_analysis_hangs_times_out_alone(served):
    base, _ = served
    pages, _ = crawl(base, Analysis(engines=[MissingLangEngine(slow_on="/form.html")]), timeout=2)
    paths = by_path(pages, base)
    assert paths["/form.html"].error == "timed out after 2 s"
    assert sum(p.audited for p in pages) >= 8


def test_a_resumed_crawl_does_not_load_finished_pages_again(served, tmp_path):
    base, log = served
    first = Journal(tmp_path, "key", "2026-01-15T09:30:00Z", resume=False)
    whole, _ = crawl(base, Analysis(), first)
    first.close()
    log.clear()
    again = Journal(tmp_path, "key", "2026-01-15T09:30:00Z", resume=True)
    replayed, _ = crawl(base, Analysis(), again)
    again.close()
    assert [p.url for p in replayed] == [p.url for p in whole]
    assert not [path for path in log if path.endswith(".html")]  # robots.txt and sitemaps only


def test_discover_lists_every_url_the_crawl_would_load(served):
    base, _ = served
    document = discover(AuditConfig(urls=(base,), max_depth=3), clock=fixed_clock)
    (site,) = document["sites"]
    listed = [u["url"].removeprefix(base.rstrip("/")) for u in site["urls"]]
    assert listed[0] == "/" and len(listed) == len(set(listed))
    assert {"/offsite-redirect", "/download", "/sitemap-only.html", "/deep/level2.html"} <= set(listed)
    assert "/deep/level3.html" not in listed and "/private/secret.html" not in listed
    assert document["created_at"] == "2026-01-15T09:30:00Z"
