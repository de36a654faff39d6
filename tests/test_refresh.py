"""`locator refresh` against real recorded registry responses, served on 127.0.0.1 by a real HTTP server."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import free_port, kaikille

from kaikille.loopback import serve
from locator.places import load_city, load_places
from locator.registry import RefreshError, RefreshSettings, refresh, refresh_settings

RECORDED = Path(__file__).parent / "data" / "registry"
NODES = {"341": "other", "328": "library", "823": "service_centre"}


def recorded(name: str):
    return json.loads((RECORDED / name).read_text("utf-8"))


def page_path(node: str, page: int | None = None) -> str:
    extra = f"page={page}&" if page else ""
    return f"/v2/unit/?{extra}service_node={node}&municipality=helsinki&page_size=2"


def api_folder(tmp_path: Path, routes: dict) -> Path:
    folder = tmp_path / "api"
    folder.mkdir()
    (folder / "_routes.json").write_text(json.dumps(routes), "utf-8")
    return folder


def json_route(body: object, status: int = 200) -> dict:
    return {"status": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}


def good_routes() -> dict:
    swimming, football = recorded("unit-41102.json"), recorded("unit-42284.json")
    espoo = recorded("helfi-tpr_fixture_units_espoo.json")[0]
    second = page_path("341", 2)
    return {
        # digital guidance: two pages, with an Espoo unit the Helsinki validation must reject
        page_path("341"): json_route({"count": 3, "next": "{base}" + second, "previous": None, "results": [swimming, espoo]}),
        second: json_route({"count": 3, "next": None, "previous": None, "results": [football]}),
        page_path("328"): json_route({"count": 1, "next": None, "previous": None, "results": [swimming]}),
        page_path("823"): json_route({"count": 0, "next": None, "previous": None, "results": []}),
        page_path("366"): json_route({"count": 0, "next": None, "previous": None, "results": []}),
        # registry services asked for by id (community houses, adult education, …): empty here
        **{service_path(s): json_route({"count": 0, "next": None, "previous": None, "results": []}) for s in ("3251", "7589", "10335", "6361")},
    }


def service_path(service: str) -> str:
    return f"/v2/unit/?service={service}&municipality=helsinki&page_size=2"


def settings_for(base: str) -> RefreshSettings:
    return RefreshSettings(base_url=base + "v2/", municipality="helsinki", page_size=2, timeout=5, service_nodes=NODES)


@pytest.fixture
def city():
    return load_city()


def test_refresh_follows_pages_converts_and_validates(tmp_path, city):
    out = tmp_path / "data" / "places.csv"
    with serve(api_folder(tmp_path, good_routes())) as base:
        result = refresh(city, settings_for(base), out, retries=0)
    assert sorted(p.id for p in result.places) == ["41102", "42284"]
    (problem,) = result.problems
    assert problem.file == str(out) and "outside Helsinki's land area" in problem.reason
    swimming = next(p for p in result.places if p.id == "41102")
    assert swimming.type == "library" and swimming.names == {"fi": "Yrjönkadun uimahalli", "sv": "Georgsgatans simhall", "en": "Yrjönkatu swimming hall"}
    assert (swimming.lat, swimming.lon, swimming.postcode, swimming.address) == (60.16835, 24.93896, "00100", "Yrjönkatu 21 b")
    assert swimming.languages == ("fi", "sv") and swimming.wheelchair is False
    assert "Naiset" in swimming.hours("fi") and swimming.phone == "+358 9 310 87401"
    football = next(p for p in result.places if p.id == "42284")
    assert football.type == "other"
    # the written file is the app's input: it loads back to the same places
    again, problems = load_places(city, out)
    assert again == result.places and len(problems) == 1
    with out.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:3] == ["tpr_id", "type", "name_fi"]


@pytest.mark.parametrize("broken, message", [
    (json_route({"unexpected": True}), "not a Service Map page of units"),
    ({"status": 200, "headers": {"Content-Type": "application/json"}, "body": "{not json"}, "not a Service Map page of units"),
    (json_route({"detail": "boom"}, status=500), "the server kept failing"),
    (json_route({"detail": "no"}, status=403), "HTTP 403"),
])
def test_a_bad_response_fails_cleanly_and_keeps_the_old_dataset(tmp_path, city, broken, message):
    out = tmp_path / "places.csv"
    out.write_text("the previous dataset\n", "utf-8")
    routes = good_routes()
    routes[page_path("328")] = broken
    with serve(api_folder(tmp_path, routes)) as base, pytest.raises(RefreshError, match=message):
        refresh(city, settings_for(base), out, retries=1)
    assert out.read_text("utf-8") == "the previous dataset\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_offline_is_a_clear_error(tmp_path, city):
    port = free_port()
    with pytest.raises(RefreshError, match="cannot reach the City's API"):
        refresh(city, settings_for(f"http://127.0.0.1:{port}/"), tmp_path / "p.csv", retries=0)


def test_next_page_on_another_host_is_refused(tmp_path, city):
    routes = good_routes()
    routes[page_path("341")] = json_route({"count": 9, "next": "http://elsewhere.invalid/v2/unit/?page=2", "results": []})
    with serve(api_folder(tmp_path, routes)) as base, pytest.raises(RefreshError, match="another host"):
        refresh(city, settings_for(base), tmp_path / "p.csv", retries=0)


def test_shipped_settings_name_the_city_api(city):
    settings = refresh_settings(city.settings_file)
    assert settings.base_url.endswith("/servicemap/v2/") and settings.service_nodes["341"] == "other"



def city_file_for(tmp_path: Path, base_url: str) -> Path:
    from locator import places as module

    shipped = Path(module.__file__).parent / "city.toml"
    # every address of the API on loopback: the opening-hours service too (this server has no hours: 404)
    text = shipped.read_text("utf-8").replace("https://api.hel.fi/servicemap/v2/", base_url)
    text = text.replace("https://hauki.api.hel.fi/v1/", base_url.rstrip("/").rsplit("/", 1)[0] + "/hauki/v1/")
    text = text.replace("https://api.hel.fi/linkedevents/v1/", base_url.rstrip("/").rsplit("/", 1)[0] + "/linkedevents/v1/")
    data = Path(module.__file__).parent / "data"
    for name in ("digital_support_points.csv", "paavo2018_capital_region_postal_areas.geojson", "capital_region_postcode_points.csv"):
        text = text.replace(f'"data/{name}"', f'"{data / name}"')
    target = tmp_path / "city.toml"
    target.write_text(text, "utf-8")
    return target


def test_refresh_command_writes_the_csv(tmp_path):
    with serve(api_folder(tmp_path, good_routes())) as base:
        settings = city_file_for(tmp_path, base + "v2/").read_text("utf-8").replace("page_size = 200", "page_size = 2")
        (tmp_path / "city.toml").write_text(settings, "utf-8")
        out = tmp_path / "out.csv"
        result = kaikille("locator", "refresh", "--city", str(tmp_path / "city.toml"), "--output", str(out), "--retries", "0")
    assert result.returncode == 0, result.stderr
    assert "Wrote 2 places" in result.stdout and "1 left out" in result.stdout
    assert "outside Helsinki's land area" in result.stderr


def test_refresh_command_offline_exit_3_and_file_kept(tmp_path):
    port = free_port()
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    result = kaikille("locator", "refresh", "--city", str(city_file_for(tmp_path, f"http://127.0.0.1:{port}/")),
                      "--output", str(out), "--retries", "0")
    assert result.returncode == 3 and "unchanged" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text() == "old\n"


def test_bad_city_settings_and_missing_places_are_usage_errors(tmp_path):
    bad = tmp_path / "city.toml"
    bad.write_text("name = 'x'\n")
    result = kaikille("locator", "refresh", "--city", str(bad))
    assert result.returncode == 2 and "missing or malformed setting" in result.stderr
    result = kaikille("app", "--places", str(tmp_path / "nope.csv"))
    assert result.returncode == 2 and "file not found" in result.stderr


def test_values_a_spreadsheet_would_run_are_neutralised_in_the_csv(tmp_path, city):
    routes = good_routes()
    football = recorded("unit-42284.json")
    football["name"] = {"fi": '=HYPERLINK("https://evil.example/","Klikkaa")', "sv": "@SUM(1)", "en": "-2+3"}
    routes[page_path("341", 2)] = json_route({"count": 1, "next": None, "previous": None, "results": [football]})
    out = tmp_path / "places.csv"
    with serve(api_folder(tmp_path, routes)) as base:
        result = refresh(city, settings_for(base), out, retries=0)
    import csv

    cells = [row for row in csv.DictReader(out.read_text("utf-8").splitlines()) if row["tpr_id"] == "42284"][0]
    assert cells["name_fi"].startswith("'=") and cells["name_sv"] == "'@SUM(1)" and cells["name_en"] == "'-2+3"
    assert cells["phone"].startswith("'+358")  # a phone number too: a spreadsheet would compute it
    loaded = next(p for p in result.places if p.id == "42284")
    assert loaded.names["fi"] == '=HYPERLINK("https://evil.example/","Klikkaa")' and loaded.phone.startswith("+358")


def test_refresh_also_writes_opening_hours_beside_the_csv_and_keeps_them_when_none_come(tmp_path, city):
    kallio = json.loads((Path(__file__).parent / "data" / "hours" / "hauki_date_periods_kallio_2020_hauki_fixture.json").read_text("utf-8"))
    routes = good_routes()
    routes["/hauki/v1/date_period/?resource=tprek%3A41102"] = json_route({"count": 1, "next": None, "results": kallio})
    routes["/hauki/v1/date_period/?resource=tprek%3A42284"] = json_route({"count": 0, "next": None, "results": []})
    out = tmp_path / "data" / "places.csv"
    with serve(api_folder(tmp_path, routes)) as base:
        settings = RefreshSettings(**{**settings_for(base).__dict__, "hours_url": base + "hauki/v1/"})
        result = refresh(city, settings, out, retries=0)
    assert result.hours.written == tmp_path / "data" / "places.hours.json" and set(result.hours.places) == {"41102"}
    before = result.hours.written.read_text("utf-8")
    # a second refresh whose hours service answers nothing keeps the hours already there
    routes.pop("/hauki/v1/date_period/?resource=tprek%3A41102")
    (tmp_path / "api" / "_routes.json").write_text(json.dumps(routes), "utf-8")
    with serve(tmp_path / "api") as base:
        settings = RefreshSettings(**{**settings_for(base).__dict__, "hours_url": base + "hauki/v1/"})
        again = refresh(city, settings, out, retries=0)
    assert again.hours.written is None and result.hours.written.read_text("utf-8") == before


def test_community_houses_and_adult_education_come_by_their_registry_service(tmp_path, city):
    """A unit linked to registry service 10335 (the City's community houses) becomes a resident house,
    one linked to 6361 (Työväenopisto) adult education: recorded units, types given by the service."""
    routes = good_routes()
    house, school = recorded("unit-41102.json"), recorded("unit-42284.json")
    routes[service_path("10335")] = json_route({"count": 1, "next": None, "previous": None, "results": [house]})
    routes[service_path("6361")] = json_route({"count": 1, "next": None, "previous": None, "results": [school]})
    routes[page_path("328")] = json_route({"count": 0, "next": None, "previous": None, "results": []})
    routes[page_path("341")] = json_route({"count": 0, "next": None, "previous": None, "results": []})
    out = tmp_path / "places.csv"
    with serve(api_folder(tmp_path, routes)) as base:
        settings = RefreshSettings(**{**settings_for(base).__dict__,
                                      "services": {"3251": "service_centre", "7589": "library", "10335": "resident_house", "6361": "adult_education"}})
        result = refresh(city, settings, out, retries=0)
    assert {p.id: p.type for p in result.places} == {"41102": "resident_house", "42284": "adult_education"}
