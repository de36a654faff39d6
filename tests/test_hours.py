"""Opening hours: Hauki date periods read as the service gives them (a real recorded answer for Kallio
library, and a file of ours for midnight, a holiday and a rule), "open now" against a fixed clock, and
the importer against a real HTTP server on 127.0.0.1: paging, an empty answer, a broken one, a place
the service does not know, and the atomic write."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kaikille.loopback import serve
from locator.hauki import FORMAT, fetch_hours, hours_file, load_hours, write_hours
from locator.hours import HoursError, day_hours, parse_periods, spans_on, status_at
from kaikille.http import session as http_session

HERE = Path(__file__).parent / "data" / "hours"
KALLIO = json.loads((HERE / "hauki_date_periods_kallio_2020_hauki_fixture.json").read_text("utf-8"))
OURS = json.loads((HERE / "ours_evening_and_holiday.json").read_text("utf-8"))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_kallio_library_summer_2020_open_now_and_until_when():
    periods = parse_periods(KALLIO)
    tuesday_noon = status_at(periods, at("2020-06-02T12:00"))
    assert tuesday_noon.known and tuesday_noon.open and tuesday_noon.until == at("2020-06-02T20:00")
    friday = status_at(periods, at("2020-06-05T19:00"))  # Friday closes at 18
    assert friday.known and not friday.open and friday.state == "closed"
    early = status_at(periods, at("2020-06-02T09:00"))  # self service: doors open, nobody to help
    assert early.known and not early.open and early.state == "self_service"
    sunday = status_at(periods, at("2020-06-07T12:00"))
    assert sunday.known and not sunday.open
    assert not status_at(periods, at("2020-08-10T12:00")).known  # after the period: not known, not "closed"
    assert [(a.hour, b.hour) for a, b, _ in day_hours(periods, dt.date(2020, 6, 6))] == [(10, 16)]
    assert day_hours(periods, dt.date(2020, 6, 7)) == []


def test_an_evening_span_runs_past_midnight_and_a_holiday_wins():
    periods = parse_periods(OURS)
    assert len(periods) == 4  # the removed period is gone
    after_midnight = status_at(periods, at("2026-11-14T01:30"))  # Saturday night, from Friday's 18-02
    assert after_midnight.open and after_midnight.until == at("2026-11-14T02:00")
    assert not status_at(periods, at("2026-11-14T02:00")).open
    assert status_at(periods, at("2026-11-13T18:00")).open
    # an exception wins over a regular period even where the regular one is shorter
    assert not status_at(periods, at("2026-12-24T11:00")).open
    christmas_eve = status_at(periods, at("2026-12-24T20:00"))
    assert christmas_eve.known and not christmas_eve.open
    # the night after the 23rd still runs into the 24th: the 23rd's evening was a regular one
    assert status_at(periods, at("2026-12-24T01:00")).open
    assert not status_at(periods, at("2026-12-25T01:00")).open  # the 24th had no evening
    assert status_at(periods, at("2026-12-27T19:00")).open
    assert spans_on(periods, dt.date(2027, 1, 5)) is None  # a rule we do not evaluate: unknown, never guessed
    assert not status_at(periods, at("2027-01-05T11:00")).known


@pytest.mark.parametrize("raw, message", [
    ({"detail": "Not found."}, "not a list of date periods"),
    (["x"], "period 1: not an object"),
    ([{"start_date": "2026-13-01", "time_span_groups": []}], "period 1: not a date"),
    ([{"time_span_groups": [{"time_spans": [{"weekdays": [8], "start_time": "10:00", "end_time": "11:00"}]}]}], "weekdays must be numbers 1-7"),
    ([{"time_span_groups": [{"time_spans": [{"weekdays": [1], "start_time": "10:00"}]}]}], "needs a start and an end time"),
    ([{"time_span_groups": [{"time_spans": [{"weekdays": [1], "start_time": "ten", "end_time": "11:00"}]}]}], "not a time"),
])
def test_malformed_periods_are_refused_with_the_place_of_the_fault(raw, message):
    with pytest.raises(HoursError, match=message):
        parse_periods(raw)


def route(body: object, status: int = 200) -> dict:
    return {"status": status, "headers": {"Content-Type": "application/json"}, "body": body if isinstance(body, str) else json.dumps(body)}


def path(place: str, page: int | None = None) -> str:
    return f"/hauki/v1/date_period/?resource=tprek%3A{place}" + (f"&page={page}" if page else "")


@pytest.fixture
def hauki(tmp_path):
    """Kallio in two pages (the recorded period, then ours), an empty answer, a broken one, one the
    service does not know (404), one with a server error."""
    folder = tmp_path / "api"
    folder.mkdir()
    routes = {
        path("8215"): route({"count": 2, "next": "{base}" + path("8215", 2), "results": KALLIO}),
        path("8215", 2): route({"count": 2, "next": None, "results": OURS[:1]}),
        path("51342"): route({"count": 0, "next": None, "results": []}),
        path("8143"): route("{not json"),
        path("8192"): route([{"time_span_groups": "oops"}]),
        path("8294"): route({"detail": "boom"}, status=500),
    }
    (folder / "_routes.json").write_text(json.dumps(routes), "utf-8")
    with serve(folder) as base:
        yield base + "hauki/v1/"


def test_the_importer_follows_pages_and_leaves_out_only_the_broken_places(hauki, tmp_path):
    raw, problems = fetch_hours(hauki, ["8215", "51342", "8143", "8192", "8294", "99999"], http_session(0), 5)
    assert sorted(raw) == ["8215"] and len(raw["8215"]) == 2  # both pages
    assert sorted(problems) == ["8143: the answer is not JSON", "8192: period 1: time_span_groups is not a list", "8294: HTTP 500"]
    target = hours_file(tmp_path / "data" / "places.csv")
    assert target.name == "places.hours.json"
    write_hours(target, raw, hauki, "2026-11-23")
    assert [p.name for p in target.parent.iterdir()] == ["places.hours.json"]  # no temporary file left
    loaded, unreadable = load_hours(target)
    assert unreadable == [] and set(loaded) == {"8215"}
    assert status_at(loaded["8215"], at("2020-06-02T12:00")).open
    assert json.loads(target.read_text("utf-8"))["format"] == FORMAT


def test_a_damaged_hours_file_costs_only_the_damaged_place(tmp_path):
    target = tmp_path / "places.hours.json"
    target.write_text(json.dumps({"format": FORMAT, "places": {"1": KALLIO, "2": [{"start_date": "soon"}]}}), "utf-8")
    loaded, problems = load_hours(target)
    assert set(loaded) == {"1"} and len(problems) == 1 and "place 2: period 1: not a date" in problems[0]
    target.write_text("{", "utf-8")
    assert load_hours(target)[0] == {} and "cannot be read" in load_hours(target)[1][0]
    assert load_hours(tmp_path / "absent.json") == ({}, [])
