"""Digital-support sessions from the events API (Linked Events), against a real HTTP server on
127.0.0.1: the keyword found at run time, paging, an event that is not of the API's shape, a
cancelled one, a link with a scheme we do not follow, the atomic write and reading it back."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest

from kaikille.http import session as http_session
from kaikille.loopback import serve
from locator.events import FORMAT, EventsError, events_file, fetch_events, load_events, normalise, upcoming, write_events

HERE = Path(__file__).parent / "data" / "events"
RECORDED = json.loads((HERE / "linkedevents_event_with_place_tprek45317_palvelutarjotin_fixture.json").read_text("utf-8"))
TODAY = dt.date(2026, 11, 23)


def ours(ident: str, place: str, start: str, end: str, name_fi: str, languages=("fi",), url="https://www.helmet.fi/digituki", status="EventScheduled") -> dict:
    """A digital-support session WRITTEN BY US in the recorded event's shape (no recorded one exists)."""
    event = copy.deepcopy(RECORDED)
    event.update({"id": ident, "start_time": start, "end_time": end, "event_status": status,
                  "name": {"fi": name_fi, "sv": None, "en": None}, "info_url": {"fi": url, "sv": None, "en": None},
                  "offers": [{"is_free": True, "price": None, "description": None, "info_url": {"fi": url}}],
                  "in_language": [{"@id": f"https://api.hel.fi/linkedevents/v1/language/{code}/"} for code in languages]})
    event["location"] = {**RECORDED["location"], "id": f"tprek:{place}"}
    return event


def listing(data: list, next_url: str | None = None) -> dict:
    return {"status": 200, "headers": {"Content-Type": "application/json"},
            "body": json.dumps({"meta": {"count": len(data), "next": next_url, "previous": None}, "data": data})}


PLACES = ["45317", "8215"]


def event_path(keyword: str | None, page: int | None = None) -> str:
    query = {"location": "tprek:45317,tprek:8215", "start": "2026-11-23", "end": "2026-12-07", "include": "location", "page_size": 100}
    query.update({"keyword": keyword} if keyword else {"text": "digituki"})
    return "/linkedevents/v1/event/?" + urlencode(query) + (f"&page={page}" if page else "")


@pytest.fixture
def api(tmp_path):
    folder = tmp_path / "api"
    folder.mkdir()
    keyword = {"id": "helsinki:digituki-ours", "name": {"fi": "Digituki", "sv": "Digitalt stöd", "en": "Digital support"}}  # ours
    unrelated = {"id": "yso:p1", "name": {"fi": "digitaalinen taide"}}  # ours: found by the text search but not about support
    routes = {
        "/linkedevents/v1/keyword/?text=digituki&page_size=100": listing([keyword, unrelated]),
        "/linkedevents/v1/keyword/?text=digiopastus&page_size=100": listing([]),
        event_path("helsinki:digituki-ours"): listing([
            ours("ours:1", "45317", "2026-11-24T10:00:00+02:00", "2026-11-24T12:00:00+02:00", "Digitukea kirjastossa", ("fi", "sv")),
            ours("ours:2", "8215", "2026-11-25T08:00:00Z", "2026-11-25T10:00:00Z", "Digiopastusta senioreille"),
            {"id": "broken", "name": "not an object of languages", "start_time": "soon"},
        ], next_url="{base}" + event_path("helsinki:digituki-ours", 2)),
        event_path("helsinki:digituki-ours", 2): listing([
            ours("ours:3", "45317", "2026-12-01T10:00:00+02:00", "2026-12-01T12:00:00+02:00", "Digitukea kirjastossa",
                 url="javascript:alert(1)"),
            ours("ours:4", "45317", "2026-11-26T10:00:00+02:00", "2026-11-26T12:00:00+02:00", "Peruttu", status="EventCancelled"),
            ours("ours:5", "99999", "2026-11-26T10:00:00+02:00", "2026-11-26T12:00:00+02:00", "Somewhere else"),
        ]),
    }
    (folder / "_routes.json").write_text(json.dumps(routes), "utf-8")
    with serve(folder) as base:
        yield base + "linkedevents/v1/"


def test_sessions_are_found_by_keyword_across_pages_and_only_the_broken_event_is_left_out(api, tmp_path):
    sessions, problems = fetch_events(api, PLACES, ["digituki", "digiopastus"], TODAY, 14, http_session(0), 5)
    assert [s["names"]["fi"] for s in sessions] == ["Digitukea kirjastossa", "Digiopastusta senioreille", "Digitukea kirjastossa"]
    assert problems == ["event 3: start or end is not a time: 'soon'"]
    first = sessions[0]
    assert first["place"] == "45317" and first["languages"] == ["fi", "sv"] and first["free"] is True
    assert first["url"] == "https://www.helmet.fi/digituki"
    assert sessions[2]["url"] == ""  # a javascript: link is not kept
    target = write_events(events_file(tmp_path / "places.csv"), sessions, api, "2026-11-23")
    assert target.name == "places.events.json" and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    loaded, unreadable = load_events(target)
    assert unreadable == [] and sorted(loaded) == ["45317", "8215"]
    jatkasaari = loaded["45317"]
    assert [s.start.isoformat() for s in jatkasaari] == ["2026-11-24T10:00:00+02:00", "2026-12-01T10:00:00+02:00"]
    now = dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert [s.start.day for s in upcoming(jatkasaari, now)] == [24, 1]  # the one under way is still shown
    assert [s.start.day for s in upcoming(jatkasaari, now, days=6)] == [24]


def test_without_a_keyword_events_at_the_places_are_asked_for_by_text(tmp_path):
    folder = tmp_path / "api"
    folder.mkdir()
    routes = {"/linkedevents/v1/keyword/?text=digituki&page_size=100": listing([]),
              event_path(None): listing([ours("ours:9", "8215", "2026-11-30T10:00:00+02:00", "2026-11-30T11:00:00+02:00", "Digituki")])}
    (folder / "_routes.json").write_text(json.dumps(routes), "utf-8")
    with serve(folder) as base:
        sessions, problems = fetch_events(base + "linkedevents/v1/", PLACES, ["digituki"], TODAY, 14, http_session(0), 5)
    assert [s["place"] for s in sessions] == ["8215"] and problems == []


def test_an_answer_that_is_not_the_apis_is_an_error_the_refresh_can_report(tmp_path):
    folder = tmp_path / "api"
    folder.mkdir()
    (folder / "_routes.json").write_text(json.dumps({"/linkedevents/v1/keyword/?text=digituki&page_size=100":
                                                     {"status": 200, "headers": {}, "body": "{\"results\": []}"}}), "utf-8")
    with serve(folder) as base, pytest.raises(EventsError, match="not a Linked Events list"):
        fetch_events(base + "linkedevents/v1/", PLACES, ["digituki"], TODAY, 14, http_session(0), 5)


def test_the_recorded_event_reads_and_a_naive_time_is_refused():
    recorded = copy.deepcopy(RECORDED)
    recorded["start_time"] = "2020-06-01T10:00:00+03:00"
    item = normalise(recorded)
    assert item["place"] == "45317" and item["names"]["fi"] == "Raija Malka & Kaija Saariaho: Blick" and item["url"] == "http://www.amosrex.fi"
    recorded["start_time"] = "2020-06-01T10:00:00"
    with pytest.raises(EventsError, match="no time zone"):
        normalise(recorded)


def test_a_damaged_events_file_costs_only_the_damaged_session(tmp_path):
    target = tmp_path / "p.events.json"
    good = {"place": "1", "start": "2026-11-24T10:00:00+02:00", "end": None, "names": {"fi": "Digituki"}, "languages": ["fi"], "url": "https://x.fi/", "free": True}
    target.write_text(json.dumps({"format": FORMAT, "sessions": [good, {**good, "start": "2026-11-24T10:00:00"}, {"place": "1"}]}), "utf-8")
    loaded, problems = load_events(target)
    assert len(loaded["1"]) == 1 and len(problems) == 2
