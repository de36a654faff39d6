"""The Streamlit page's logic with AppTest (the map component itself is tested in test_finder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).parent.parent / "app.py")


def start(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.session_state["lang"] = lang
    return at.run()


def list_html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html") if "kaikille-places" in h.proto.body)


def test_default_page_in_finnish_asks_where_first_and_lists_every_place_only_when_asked():
    at = start()
    assert not at.exception
    assert at.title[0].value == "Löydä digitukea"
    assert [h.value for h in at.header] == ["Missä olet?", "Näytä vain", "Paikat", "Kartta", "Tietoja aineistosta"]
    assert list_html(at) == ""  # no wall of 50 names before the person says where she is
    assert at.button(key="show_all_button").label == "Näytä kaikki 50 paikkaa aakkosjärjestyksessä"
    at.button(key="show_all_button").click().run()
    assert list_html(at).count("<li>") == 50
    # the places this copy cannot show are counted, not hidden
    assert any("34 muuta digitukea antavaa paikkaa" in m.value for m in at.markdown)


def test_a_location_lists_the_nearest_ten_and_offers_the_rest():
    at = start("en")
    at.text_input(key="postcode").input("00840").run()
    assert list_html(at).count("<li>") == 10
    more = at.button(key="show_all_button")
    assert more.label == "Show the other 40 places"
    more.click().run()
    html = list_html(at)
    assert html.count("<li>") == 50
    # the four named places with no location come last, without a distance or a directions link
    last = html.split("<li>")[-4:]
    assert all("on foot" not in item and "reittiopas" not in item and "not on the map" in item for item in last)


def test_postcode_lists_the_nearest_library_first():
    at = start("en")
    at.text_input(key="postcode").input("00840").run()
    assert not at.exception
    html = list_html(at)
    assert html.index("Laajasalo Library") < html.index("<li>", html.index("<li>") + 1)
    assert "0.4 km, about 7 min on foot" in html
    assert any("postcode 00840 (Laajasalo)" in m.value for m in at.markdown)


def test_bad_postcode_warns_in_the_chosen_language():
    at = start("sv")
    at.text_input(key="postcode").input("12").run()
    assert at.warning[0].value == "Ett postnummer har fem siffror, till exempel 00100."


def test_switching_language():
    at = start("fi")
    at.selectbox[0].select("sv").run()
    assert at.title[0].value == "Hitta digitalt stöd"
    assert at.session_state["lang"] == "sv"


def test_type_filter():
    at = start("en")
    at.multiselect[0].select("youth_space").run()
    assert list_html(at).count("<li>") == 6


def test_finnish_names_in_a_swedish_page_are_marked():
    at = start("sv")
    at.button(key="show_all_button").click().run()
    html = list_html(at)
    assert '<h3 lang="fi">Kannelmäen kirjasto</h3>' in html  # no Swedish name in the data
    assert "<h3>Degerö bibliotek</h3>" in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_attribution_is_shown(lang):
    at = start(lang)
    assert any("CC BY 4.0" in m.value for m in at.markdown)


def test_a_bad_places_file_shows_a_resident_a_sentence_not_a_traceback(tmp_path):
    bad = tmp_path / "places.csv"
    bad.write_text("this,is,not,the,places,file\n1,2,3,4,5,6\n", "utf-8")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "sv"
    import sys

    argv, sys.argv = sys.argv, ["app.py", "--places", str(bad)]
    try:
        at.run()
    finally:
        sys.argv = argv
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert shown == "Uppgifterna om platserna kan inte visas just nu. Försök igen om en stund."
    assert str(tmp_path) not in shown and "Traceback" not in shown


def test_kaikille_app_stops_with_its_server_on_sigterm():
    """The wrapper used to exit on SIGTERM and leave Streamlit serving (CI runners collected them)."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the app did not start"
                time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)  # to the process we started only, not its group
        proc.wait(timeout=20)
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, "the server still answers after SIGTERM"
    finally:
        try:
            import os

            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.parametrize("lang, words", [("fi", "arkisin klo 9–12"), ("sv", "vardagar kl. 9–12"), ("en", "weekdays 9–12")])
def test_the_phone_line_for_people_who_cannot_travel_comes_first_with_a_number_to_call(lang, words):
    at = start(lang)
    remote = [h.proto.body for h in at.get("html") if "kaikille-remote" in h.proto.body]
    assert remote and '<a href="tel:0931010011">09 310 10011</a>' in remote[0] and words in remote[0]
    bodies = [h.proto.body for h in at.get("html")]
    assert bodies.index(remote[0]) < next(i for i, b in enumerate(bodies) if "#after-map" in b)  # before the places and the map


@pytest.mark.parametrize("lang, word", [("fi", "Valitse"), ("sv", "Välj"), ("en", "Choose")])
def test_the_filters_placeholder_is_in_the_pages_language(lang, word):
    at = start(lang)
    assert at.multiselect[0].proto.placeholder == word


@pytest.fixture
def with_hours(tmp_path, monkeypatch):
    """The shipped places with recorded opening hours for Kallio library (summer 2020) beside them,
    and the clock stopped at Tuesday 2 June 2020, 12:00 in Helsinki."""
    import datetime as dt
    import json
    import shutil
    import sys

    from kaikille import clock
    from locator.hauki import FORMAT

    places = tmp_path / "places.csv"
    shutil.copy(Path(__file__).parent.parent / "locator" / "data" / "digital_support_points.csv", places)
    kallio = json.loads((Path(__file__).parent / "data" / "hours" / "hauki_date_periods_kallio_2020_hauki_fixture.json").read_text("utf-8"))
    (tmp_path / "places.hours.json").write_text(json.dumps({"format": FORMAT, "places": {"8215": kallio}}), "utf-8")
    # sessions WRITTEN BY US (no recorded digital-support event exists), one with a hostile name and link
    session = {"place": "8215", "start": "2020-06-03T10:00:00+03:00", "end": "2020-06-03T12:00:00+03:00",
               "names": {"fi": "Digitukea kirjastossa"}, "languages": ["fi", "sv"], "url": "https://www.helmet.fi/digituki", "free": True}
    hostile = {**session, "start": "2020-06-20T10:00:00+03:00", "end": None, "names": {"fi": "<script>alert(1)</script>"}, "url": "javascript:alert(1)"}
    (tmp_path / "places.events.json").write_text(json.dumps({"format": "kaikille-events/1", "sessions": [session, hostile]}), "utf-8")
    monkeypatch.setattr(sys, "argv", ["app.py", "--places", str(places)])
    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2020, 6, 2, 9, 0, tzinfo=dt.timezone.utc))


def test_todays_hours_and_open_now_from_the_opening_hours_service(with_hours):
    at = start("en")
    at.text_input(key="postcode").input("00530").run()
    assert not at.exception
    items = list_html(at).split("<li>")[1:]
    kallio = next(item for item in items if "Kallio Library" in item or "Kallion kirjasto" in item)
    assert "Open now, until 20." in kallio and "Today 10–20." in kallio
    assert "Open now" not in "".join(i for i in items if i is not kallio)  # the others have no hours: nothing claimed
    next(c for c in at.checkbox if c.label.startswith("Open now")).check().run()
    assert list_html(at).count("<h3") == 1 and "Open now, until 20." in list_html(at)


def test_next_digital_support_sessions_are_listed_with_a_link_and_filterable(with_hours):
    at = start("en")
    at.text_input(key="postcode").input("00530").run()
    items = list_html(at).split("<li>")
    kallio = next(i for i, item in enumerate(items) if "Kallio" in item)
    block = "".join(items[kallio:kallio + 4])
    assert "Next digital-support sessions:" in block
    assert 'Wed 3 Jun 10–12: <span lang="fi">Digitukea kirjastossa</span> (in Finnish, Swedish) <a href="https://www.helmet.fi/digituki">Booking and details</a>' in block
    assert "<script>" not in list_html(at) and "&lt;script&gt;" in list_html(at) and "javascript:" not in list_html(at)
    next(c for c in at.checkbox if c.label == "Digital-support sessions this week").check().run()
    assert "Kallio" in list_html(at) and list_html(at).count("<h3") == 1


def test_the_short_list_to_print_holds_the_three_nearest_with_their_hours_and_no_script(with_hours):
    at = start("fi")
    at.text_input(key="postcode").input("00530").run()
    button = at.get("download_button")[0]
    assert button.proto.label == "Tallenna 3 lähintä paikkaa tulostettavaksi"
    import datetime as dt
    import sys

    from locator.page import load_data, printable_html  # the same function the button's data comes from
    from locator.search import Query, find

    city, places, _ = load_data(None, sys.argv[2], None)
    hits = find(city, places, Query(postcode="00530"), "fi").hits[:3]
    page = printable_html(hits, "fi", dt.datetime(2020, 6, 2, 12, 0), city)
    assert page.count("<h3") == 3 and "Auki nyt, klo 20 asti." in page and "09 310 10011" in page
    assert "<script" not in page and "http" not in page.split("<main>")[0]  # nothing loaded from elsewhere
    assert "Tehty 2.6.2020" in page
