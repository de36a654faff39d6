"""What we write for people is safe to open: page content and user content never run as script in
report.html, the Markdown summary, the statements (HTML, fragment, and Markdown rendered with HTML
on, as GitHub and CMSs render it), or the app. Each output is opened in a real Chromium."""

from __future__ import annotations

import copy
import csv
import json
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import free_port, kaikille, running

pytestmark = pytest.mark.browser
ROOT = Path(__file__).parent
RECORDED = ROOT / "golden" / "input-results.json"
# Each payload sets window.__pwned (or calls alert) if it ever runs.
PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'onerror'\">",
    "[click](javascript:window.__pwned='md-link')",
    "<a href=\"javascript:window.__pwned='href'\">a</a>",
    "${window.__pwned = 'template'}`'\"",
    "</textarea></style></script><svg onload=\"window.__pwned='svg'\">",
]
HOSTILE = " ".join(PAYLOADS)


def nothing_ran(browser, url: str, ready=None) -> None:
    """Open ``url``; no dialog may open and no frame may have run a payload (``window.__pwned``);
    and no link of the page may use a scheme that runs code. ``ready(page)`` waits for the page."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    if ready:
        ready(page)
    page.wait_for_timeout(500)
    ran = [frame.evaluate("() => window.__pwned ?? null") for frame in page.frames]
    hrefs = [frame.evaluate("() => Array.from(document.querySelectorAll('[href]'), a => a.getAttribute('href'))")
             for frame in page.frames]
    context.close()
    assert dialogs == [] and set(ran) == {None}, (url, dialogs, ran)
    bad = [h for links in hrefs for h in links if h and h.strip().lower().startswith(("javascript:", "data:text/html", "vbscript:"))]
    assert bad == [], (url, bad)


def rendered_markdown(path: Path) -> Path:
    """The Markdown as a CMS or GitHub would turn it into a page: CommonMark with raw HTML allowed."""
    page = path.with_suffix(".rendered.html")
    body = MarkdownIt("commonmark", {"html": True}).render(path.read_text("utf-8"))
    page.write_text(f"<!DOCTYPE html><html lang='en'><title>md</title><body>{body}</body></html>", "utf-8")
    return page


def hostile_results(tmp_path: Path, site: str | None = None) -> Path:
    """The recorded results with page-controlled values made hostile; ``site`` moves the pages
    there (a statement only lists pages inside its own addresses)."""
    text = RECORDED.read_text("utf-8")
    data = json.loads(text.replace("http://127.0.0.1:8000", site) if site else text)
    for page in data["pages"]:
        page["title"] = HOSTILE
        for finding in page["findings"]:
            finding["help_url"] = "javascript:window.__pwned='help-url'"
            finding["help"] = HOSTILE
            for node in finding["nodes"]:
                node["html"] = HOSTILE
                node["failure_summary"] = HOSTILE
                node["target"] = [HOSTILE]
    data["pages"].append({**copy.deepcopy(data["pages"][1]), "url": (site or "https://x.fi") + "/" + HOSTILE.replace(" ", "")})
    data["skipped"].append({"url": "javascript:window.__pwned='skipped'", "reason": HOSTILE, "site": data["pages"][0]["site"],
                            "found_on": None})
    path = tmp_path / "hostile-results.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_reports_from_hostile_content_run_no_script(browser, tmp_path):
    results = hostile_results(tmp_path)
    out = tmp_path / "reports"
    assert kaikille("merge", results, "--out", out, "--no-history").returncode in (0, 1)
    nothing_ran(browser, (out / "report.html").as_uri())
    nothing_ran(browser, rendered_markdown(out / "summary.md").as_uri())
    sarif = json.loads((out / "results.sarif").read_text("utf-8"))
    assert all("helpUri" not in r for r in sarif["runs"][0]["tool"]["driver"]["rules"])  # only https help links


def test_statements_from_hostile_results_run_no_script(browser, tmp_path):
    results = hostile_results(tmp_path, "https://digituki.hel.fi")
    out = tmp_path / "statement"
    built = kaikille("statement", "build", ROOT / "statements" / "partial.toml", "--results", results, "--out", out,
                     "--today", "2026-03-01")
    assert built.returncode == 0, built.stderr
    pages = sorted(out.glob("statement.*.html"))
    assert pages and "digituki.hel.fi/" in (out / "statement.en.html").read_text("utf-8")  # the hostile pages are listed
    for page in pages:  # the standalone pages and the CMS fragments, opened as they are
        nothing_ran(browser, page.as_uri())
    for markdown in sorted(out.glob("statement.*.md")):
        nothing_ran(browser, rendered_markdown(markdown).as_uri())


def test_the_app_shows_hostile_place_names_as_text(browser, tmp_path):
    from locator.places import load_city

    city = load_city()
    rows = list(csv.DictReader(city.places.read_text("utf-8").splitlines()))
    first, second = [r for r in rows if r["name_fi"] and r["lat"]][:2]  # two places that are on the map
    first["name_fi"] = "${window.__pwned = 'tooltip'}"  # ran on page load through folium's tooltip
    second["name_fi"] = HOSTILE  # a backtick or a quote used to break the whole map
    second["street_address_fi"] = HOSTILE
    second["www"] = "javascript:window.__pwned='www'"
    places = tmp_path / "places.csv"
    with places.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--places", str(places)],
                 url + "_stcore/health"):
        nothing_ran(browser, url, ready=map_with_markers(sum(1 for r in rows if r["name_fi"] and r["lat"])))


def map_with_markers(count: int):
    def ready(page) -> None:
        page.locator(".st-key-show_all_button button").click(timeout=30000)  # the list too, with every name
        page.locator("ol.kaikille-places li").first.wait_for(timeout=30000)
        page.wait_for_selector("iframe[title='streamlit_folium.st_folium']", timeout=30000)
        for _ in range(300):  # the map draws inside the component's frames
            drawn = sum(frame.locator(".leaflet-marker-icon").count() for frame in page.frames)
            if drawn == count:
                return
            page.wait_for_timeout(100)
        raise AssertionError(f"the map drew {drawn} of {count} markers")
    return ready
