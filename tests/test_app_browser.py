"""The running app in a real Chromium: postcode, map click, language switch, keyboard path, our own audit.

`kaikille app` serves it on 127.0.0.1 with a free port; no request may leave this machine.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from audit.engines import axe as axe_stage
from conftest import free_port, running

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The shipped places with opening hours for Kallio library (its recorded 2020 pattern moved to
    this year) and two digital-support sessions there in the coming days, both WRITTEN BY US (no
    current recorded hours or digital-support event exists), so every part of a place is on the page."""
    import datetime as dt
    import json
    import shutil
    from pathlib import Path

    data = tmp_path_factory.mktemp("app-data")
    shutil.copy(Path(__file__).parent.parent / "locator" / "data" / "digital_support_points.csv", data / "places.csv")
    today = dt.date.today()
    kallio = json.loads((Path(__file__).parent / "data" / "hours" / "hauki_date_periods_kallio_2020_hauki_fixture.json").read_text("utf-8"))
    kallio[0].update(start_date=f"{today.year - 1}-01-01", end_date=f"{today.year + 1}-12-31")
    (data / "places.hours.json").write_text(json.dumps({"format": "kaikille-hours/1", "places": {"8215": kallio}}), "utf-8")
    def at(days: int, hour: int) -> str:
        return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour), dt.timezone(dt.timedelta(hours=2))).isoformat()
    sessions = [{"place": "8215", "start": at(day, 10), "end": at(day, 12), "names": {"fi": "Digitukea kirjastossa"},
                 "languages": ["fi", "sv"], "url": "https://www.helmet.fi/", "free": True} for day in (1, 8)]
    (data / "places.events.json").write_text(json.dumps({"format": "kaikille-events/1", "sessions": sessions}), "utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--places", str(data / "places.csv")],
                 url + "_stcore/health"):
        yield url


LAAJASALO = {"latitude": 60.1795, "longitude": 25.0505}


@pytest.fixture
def page(app_url, browser, request):
    requests: list[str] = []
    located = getattr(request, "param", None) == "located"
    context = browser.new_context(locale="fi-FI", viewport={"width": 1100, "height": 900},
                                  permissions=["geolocation"] if located else [], geolocation=LAAJASALO if located else None)
    tab = context.new_page()
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(app_url)
    expect(tab.locator("h1")).to_have_text("Löydä digitukea", timeout=30000)
    yield tab
    context.close()
    outside = [u for u in requests if not u.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "about:", "blob:"))]
    assert outside == [], "the app made requests off this machine"


def settled(tab) -> None:
    """Streamlit has finished its rerun: no status widget, no pending requests, no element still shown
    faded as stale nor fading back (its status widget appears only a moment after a rerun starts, and
    a faded element read by axe in between failed colour contrast, once)."""
    tab.wait_for_function("document.querySelector('[data-testid=stStatusWidget]') === null")
    tab.wait_for_load_state("networkidle")
    tab.wait_for_function("document.querySelector('[data-stale=\"true\"]') === null"
                          " && document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')")


def violations(tab) -> list[str]:
    settled(tab)
    script = axe_stage.load_axe()
    for frame in tab.frames:
        try:
            frame.evaluate(script.source)
        except Exception:  # a frame Streamlit replaced meanwhile has nothing left to audit
            continue
    raw = tab.evaluate("o => axe.run(document, o)", axe_stage.run_options())
    return [f"{f.rule_id}: {[n.selector for n in f.nodes]}" for f in axe_stage.convert(raw) if f.outcome == "violation"]


def expect_first_place(tab, name: str) -> None:
    """The list's first place, waited for: Streamlit reruns after each input, and until the rerun has
    settled the list may still be the previous one (reading it at once raced, once)."""
    expect(tab.locator("ol.kaikille-places h3").first).to_have_text(name, timeout=20000)


def test_postcode_finds_the_nearest_library_in_the_browsers_language(page):
    expect(page.locator("html")).to_have_attribute("lang", "fi", timeout=10000)
    page.get_by_role("textbox", name="Postinumerosi").fill("00840")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Lähimmät paikat postinumeroalueella 00840 (Laajasalo) ensin.")).to_be_visible(timeout=20000)
    expect_first_place(page, "Laajasalon kirjasto")
    assert violations(page) == []


@pytest.mark.parametrize("page", ["located"], indirect=True)
def test_the_browsers_location_when_the_person_allows_it(page):
    page.get_by_role("button", name="Käytä sijaintiani").click()
    expect(page.get_by_text("Lähimmät paikat sijaintiisi ensin.")).to_be_visible(timeout=20000)
    expect_first_place(page, "Laajasalon kirjasto")
    assert violations(page) == []


def test_location_refused_says_what_to_do_instead(page):
    page.get_by_role("button", name="Käytä sijaintiani").click()
    expect(page.get_by_text("Selain ei jakanut sijaintiasi.", exact=False)).to_be_visible(timeout=20000)
    assert violations(page) == []


def test_clicking_the_map_chooses_the_location(page):
    page.get_by_role("heading", name="Kartta").scroll_into_view_if_needed()
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    frame.locator(".leaflet-container").click(position={"x": 200, "y": 200})
    expect(page.get_by_text("Lähimmät paikat kartalta valitsemaasi kohtaan ensin.")).to_be_visible(timeout=20000)
    assert violations(page) == []


def test_switching_to_swedish(page):
    page.get_by_role("combobox", name="Kieli · Språk · Language").click()
    page.get_by_role("option", name="svenska").click()
    expect(page.locator("h1")).to_have_text("Hitta digitalt stöd", timeout=20000)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert violations(page) == []


def test_keyboard_path_skips_the_map_and_is_never_trapped(page):
    page.get_by_role("textbox", name="Postinumerosi").fill("00100")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Lähimmät paikat postinumeroalueella 00100", exact=False)).to_be_visible(timeout=20000)
    # the map reports itself once drawn, and Streamlit re-renders: wait for one map with its markers,
    # and if a late re-render still takes the focus away, press the link again (at most three times)
    maps = page.locator("iframe[title='streamlit_folium.st_folium']")
    for attempt in range(3):
        expect(maps).to_have_count(1, timeout=20000)
        maps.last.content_frame.locator(".leaflet-marker-icon").first.wait_for(timeout=20000)
        skip = page.get_by_role("link", name="Ohita kartta")
        skip.focus()
        page.keyboard.press("Enter")
        try:
            expect(page.locator("#after-map")).to_be_focused(timeout=3000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    # from the skip link, Tab goes into the map (its zoom buttons and one stop per marker), then out again
    skip.focus()
    stops_in_map = 0
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "IFRAME":
            stops_in_map += 1
        elif stops_in_map:
            break
    assert stops_in_map > 0, "Tab never reached the map"
    assert page.evaluate("document.activeElement.tagName") != "IFRAME", f"Tab did not get past the map ({stops_in_map} stops in it)"


def test_kaikille_audits_the_app_with_zero_violations(app_url, chromium, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "audit", "audit", app_url, "--max-depth", "0", "--wait-for", "h1",
         "--out", str(tmp_path), "--browser-path", chromium, "--fail-on", "minor", "--quiet"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Violations: 0 element(s)" in result.stdout


@pytest.mark.parametrize("width", [390, 1280])
def test_a_place_with_hours_and_sessions_and_the_map_following_the_list(app_url, browser, width):
    """Postcode 00530 (Kallio) at a phone's and a desktop's width: the place's hours and next
    sessions in the list, a place chosen from the list opens on the map; zero violations in each state."""
    context = browser.new_context(locale="fi-FI", viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(app_url)
    expect(tab.locator("h1")).to_have_text("Löydä digitukea", timeout=30000)
    tab.get_by_role("textbox", name="Postinumerosi").fill("00530")
    tab.keyboard.press("Enter")
    expect(tab.get_by_text("Seuraavat digitukituokiot:")).to_be_visible(timeout=20000)
    expect(tab.get_by_text("Tänään", exact=False).first).to_be_visible()
    assert violations(tab) == []
    choose = tab.get_by_role("combobox", name="Näytä paikka kartalla")  # by keyboard: type, then Enter
    choose.focus()
    tab.keyboard.type("Kallion")
    expect(tab.get_by_role("option", name="Kallion kirjasto")).to_be_visible(timeout=10000)
    tab.keyboard.press("Enter")
    maps = tab.locator("iframe[title='streamlit_folium.st_folium']")
    expect(maps.last.content_frame.locator(".leaflet-popup-content")).to_contain_text("Kallion kirjasto", timeout=20000)
    assert violations(tab) == []
    context.close()
