"""The crawl on the fixture site in a real Chromium: what it visits, what it skips, what each page yields."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from playwright.sync_api import sync_playwright

from audit.engines.axe import load_axe, run_options
from audit.browser import launch_args
from conftest import SITE, by_path

pytestmark = pytest.mark.browser


def test_visits_linked_and_sitemap_pages_once(site_run, site_url):
    pages = by_path(site_run, site_url)
    assert sorted(pages) == sorted([
        "/", "/accessible.html", "/image-alt.html", "/form.html", "/contrast.html", "/csp.html",
        "/iframe.html", "/hostile.html", "/redirect", "/missing.html", "/sitemap-only.html",
        "/deep/level1.html", "/deep/level2.html",
    ])
    # the tracking parameter and the fragment were dropped, so the images page was audited once
    assert [p.url for p in site_run.report.pages].count(site_url + "image-alt.html") == 1


def test_skips_with_reasons(site_run, site_url):
    reasons = {s.url.removeprefix(site_url.rstrip("/")): s.reason for s in site_run.report.skipped}
    assert reasons["/private/secret.html"] == "disallowed by robots.txt"
    assert reasons["/files/report.pdf"] == "not a web page (.pdf file)"  # by its name, without a request
    assert reasons["/download"] == "not HTML (application/pdf)"  # by its Content-Type, never rendered
    assert reasons["/offsite-redirect"] == "redirects out of scope: http://offsite.invalid/landing"
    assert reasons["/deep/level3.html"] == "deeper than max-depth=3"
    assert reasons["http://offsite.invalid/page"] == "out of scope"
    assert not any(s.url.startswith("mailto:") for s in site_run.report.skipped)


def test_redirect_and_errors_are_recorded(site_run, site_url):
    pages = by_path(site_run, site_url)
    moved = pages["/redirect"]
    assert moved.final_url == site_url + "redirect-target.html"
    assert moved.redirects == (site_url + "redirect",)
    assert moved.status == 200
    missing = pages["/missing.html"]
    assert missing.status == 404 and missing.error == "HTTP 404" and not missing.findings


def expected_counts() -> dict[str, dict[str, int]]:
    return {f"/{p.stem}.html": json.loads(p.read_text())["violations"] for p in SITE.glob("*.json") if p.name != "_routes.json"}


@pytest.mark.parametrize("path", sorted(expected_counts()))
def test_page_yields_expected_violations(site_run, site_url, path):
    page = next(p for p in site_run.report.pages if (p.final_url or p.url) == site_url.rstrip("/") + path)
    assert page.error is None
    got = {f.rule_id: len(f.nodes) for f in page.violations}
    assert got == expected_counts()[path]


def test_findings_carry_criteria_and_frames(site_run, site_url):
    pages = by_path(site_run, site_url)
    contrast = pages["/contrast.html"].violations[0]
    assert [(c.sc, c.level, c.en_301_549) for c in contrast.criteria] == [("1.4.3", "AA", "9.1.4.3")]
    assert contrast.impact == "serious" and contrast.help_url.startswith("https://dequeuniversity.com/")
    button = pages["/iframe.html"].violations[0]
    assert button.nodes[0].target == ("iframe", "button")


def test_page_titles_and_metadata(site_run, site_url):
    pages = by_path(site_run, site_url)
    assert pages["/hostile.html"].title.startswith("Hostile <script>")
    meta = site_run.report.meta
    assert meta.axe_version == load_axe().version
    assert meta.browser.startswith("Chromium ") and "kaikille/" in meta.user_agent


def test_same_violations_as_axe_core_itself(site_run, chromium):
    """Each audited page, re-run with plain axe-core in a plain Playwright page: same rules, same counts."""
    axe = load_axe()
    options = run_options()
    audited = [p for p in site_run.report.pages if p.audited]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=launch_args())
        context = browser.new_context(bypass_csp=True)
        for page_result in audited:
            page = context.new_page()
            page.goto(page_result.final_url, wait_until="networkidle")
            for frame in page.frames:
                frame.evaluate(axe.source)
            raw = page.evaluate("o => axe.run(document, o)", options)
            page.close()
            direct = Counter({v["id"]: len(v["nodes"]) for v in raw["violations"]})
            ours = Counter({f.rule_id: len(f.nodes) for f in page_result.violations if f.engine == "axe-core"})
            assert ours == direct, page_result.url
        browser.close()


AT_REST_PAGES = {
    # text fading in over 0.8 s from load: at rest it is black on white
    "fade.html": "<style>@keyframes in { from { opacity: 0 } to { opacity: 1 } } "
                 "main { animation: in .8s linear both }</style><main><h1>Fading in</h1><p>Black on white at rest.</p></main>",
    # an endless spinner beside text that stays faint: the spinner is not waited for, the faint text is found
    "faint.html": "<style>@keyframes turn { to { transform: rotate(1turn) } } .spin { display: inline-block; "
                  "animation: turn 1s linear infinite } .faint { opacity: .3 }</style>"
                  "<main><h1>Faint</h1><span class='spin' aria-hidden='true'>*</span><p class='faint'>Faint text.</p></main>",
}


def test_a_page_is_analysed_at_rest_not_halfway_through_a_fade(chromium, tmp_path):
    """Contrast measured halfway through a fade is no colour the page shows: the audit waits for
    animations that end (at most a second) and for the DOM to stop changing, as Streamlit's running
    indicator showed in our own staff pages' audit. An endless animation is not waited for."""
    from audit.config import AuditConfig
    from audit.jobs import audit
    from conftest import fixed_clock
    from kaikille.loopback import serve

    for name, body in AT_REST_PAGES.items():
        (tmp_path / name).write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>'
                                     f"<body>{body}</body></html>", "utf-8")
    with serve(tmp_path) as base:
        outcome = audit(AuditConfig(urls=tuple(base + n for n in AT_REST_PAGES), out=str(tmp_path / "out"), max_depth=0,
                                    browser_path=chromium, no_history=True), clock=fixed_clock)
    found = {p.url.rsplit("/", 1)[1]: [f.rule_id for f in p.violations] for p in outcome.report.pages}
    assert found == {"fade.html": [], "faint.html": ["color-contrast"]}


class StartsTheFade:
    """axe-core, but the page's fade begins as the first analysis does (as Streamlit's running indicator fades
    in half a second into a slow script run, after the page looked at rest): the class that starts it is set
    from our world, as the page's own timer would set it."""

    def __init__(self, axe) -> None:
        self.axe = axe
        self.name, self.version, self.criteria = axe.name, axe.version, ()
        self.analyses: list[str] = []

    async def analyze(self, page):
        if not self.analyses and page.url.endswith("/later.html"):
            await (await page.top()).call("() => document.body.classList.add('go')")
        self.analyses.append(page.url.rsplit("/", 1)[1])
        return await self.axe.analyze(page)


def test_an_analysis_the_page_moved_during_is_made_again_at_rest(chromium, tmp_path):
    """A fade that starts after the wait for rest, while axe measures, is no colour the page shows: that
    analysis is made once more at rest and the second is kept. A page that stays still is analysed once."""
    import asyncio

    from audit.browser import BrowserSession
    from audit.conductor import Analysis, Conductor
    from audit.config import AuditConfig
    from audit.engines.axe import AxeEngine
    from audit.frontier import ListFrontier, Target, plan
    from audit.sites import SiteSpec
    from kaikille.loopback import serve

    # faint for most of a 0.8 s fade, black on white once it has ended
    (tmp_path / "later.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Later</title><style>'
        "@keyframes in { 0%, 90% { opacity: .3 } to { opacity: 1 } } .go main { animation: in .8s linear both }"
        "</style></head><body><main><h1>Fading in later</h1><p>Black on white at rest.</p></main></body></html>", "utf-8")
    (tmp_path / "still.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Still</title></head>'
        "<body><main><h1>Still</h1><p>Nothing moves.</p></main></body></html>", "utf-8")
    engine = StartsTheFade(AxeEngine.from_config(AuditConfig()))

    async def scenario(base: str):
        async with BrowserSession(chromium, 15) as session:
            conductor = Conductor(session, Analysis(engines=[engine]), timeout=15, concurrency=1, per_host=1)
            frontier = ListFrontier(plan(SiteSpec(base), AuditConfig()),
                                    [Target(base + "later.html", 0, None), Target(base + "still.html", 0, None)], set())
            return (await conductor.crawl(frontier)).pages

    with serve(tmp_path) as base:
        pages = asyncio.run(scenario(base))
    assert {p.url.rsplit("/", 1)[1]: [f.rule_id for f in p.violations] for p in pages} == {"later.html": [], "still.html": []}
    assert sorted(engine.analyses) == ["later.html", "later.html", "still.html"]
