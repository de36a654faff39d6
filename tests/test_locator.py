"""Locator data: loading, row validation, distance, nearest search, postcode lookup, directions."""

from __future__ import annotations

import shutil

import pytest

from locator.places import LocatorDataError, load_city, load_places
from locator.search import directions_url, distance_m, nearest, postal_area, walking_minutes

HEADER = "tpr_id,type,name_fi,name_sv,name_en,street_address_fi,postcode,city,lat,lon,coord_precision,phone,www,digituki_listed,source\n"


@pytest.fixture(scope="module")
def city():
    return load_city()


def test_embedded_snapshot_shows_every_named_place_and_counts_the_rest(city):
    """v2 of the registry snapshot: 84 rows; 46 named and located, 4 named without a location
    (listed, not mapped), 34 not yet named (not errors: pending, counted for the resident)."""
    places, problems = load_places(city)
    assert len(places) == 50 and sum(p.located for p in places) == 46
    assert {p.type for p in places} == {"library", "service_centre", "youth_space"}
    assert len(problems) == 34 and all(pr.pending and pr.reason == "no Finnish name" for pr in problems)
    kontula = next(p for p in places if p.name("fi") == "Kontulan kirjasto")
    assert not kontula.located and kontula.lat is None
    kallio = next(p for p in places if p.id == "8215")
    assert kallio.wheelchair is False and kallio.phone == "+358 9 310 85053" and kallio.languages == ("fi", "sv", "en")
    assert sum(p.precision.startswith("exact") for p in places) == 6


def test_bad_rows_are_reported_with_row_and_reason_and_left_out(city, tmp_path):
    bad = tmp_path / "places.csv"
    bad.write_text(
        HEADER
        + "1,library,Good library,,,,00100,Helsinki,60.1699,24.9384,exact,,,yes,t\n"
        + "2,library,In the sea,,,,,,60.10,24.95,exact,,,yes,t\n"
        + "3,cinema,Wrong type,,,,,,60.1699,24.9384,exact,,,yes,t\n"
        + "4,library,,,,,,,60.1699,24.9384,exact,,,yes,t\n"
        + "5,library,Not a number,,,,,,north,24.9,exact,,,yes,t\n"
        + "6,library,Infinite,,,,,,inf,24.9,exact,,,yes,t\n"
        + "1,library,Duplicate,,,,,,60.1699,24.9384,exact,,,yes,t\n"
        + "7,library,Espoo,,,,,,60.2055,24.6559,exact,,,yes,t\n"
        + "8,library,short row\n"
    )
    places, problems = load_places(city, bad)
    assert [p.id for p in places] == ["1"]
    reasons = {pr.row: pr.reason for pr in problems}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "outside Helsinki's land area" in reasons[3]
    assert reasons[4].startswith("unknown type 'cinema'")
    assert reasons[5] == "no Finnish name"
    assert reasons[6].startswith("coordinates are not numbers")
    assert reasons[7] == "coordinates are not finite"
    assert reasons[8] == "duplicate id 1"
    assert "outside" in reasons[9]
    assert reasons[10] == "wrong number of columns"
    assert str(problems[0]) == f"{bad}:3: {reasons[3]}"


def test_missing_columns_and_broken_city_settings(city, tmp_path):
    bad = tmp_path / "places.csv"
    bad.write_text("id,name\n1,x\n")
    with pytest.raises(LocatorDataError, match="missing column"):
        load_places(city, bad)
    settings = tmp_path / "city.toml"
    settings.write_text('name = "Testburg"\n')
    with pytest.raises(LocatorDataError, match="missing or malformed setting"):
        load_city(settings)


def test_another_city_is_configuration(tmp_path):
    """Espoo by settings alone: its postal areas, its box; a Helsinki point is now outside."""
    from locator import places as module
    from pathlib import Path

    data = Path(module.__file__).parent / "data"
    shutil.copy(data / "paavo2018_capital_region_postal_areas.geojson", tmp_path)
    (tmp_path / "points.csv").write_text(
        HEADER + "1,library,Ison Omenan kirjasto,,,,,,60.1614,24.7381,exact,,,yes,t\n"
        + "2,library,Oodi,,,,,,60.1738,24.9381,exact,,,yes,t\n"
    )
    (tmp_path / "city.toml").write_text(
        'name = "Espoo"\nmunicipality_code = "049"\nbbox = { south = 60.07, west = 24.50, north = 60.37, east = 24.85 }\n'
        'places = "points.csv"\npostal_areas = "paavo2018_capital_region_postal_areas.geojson"\n'
        f'postcode_points = "{data / "capital_region_postcode_points.csv"}"\nplace_types = ["library"]\n'
        '[attribution]\nfi = "Espoon kaupunki"\nsv = "Esbo stad"\nen = "City of Espoo"\n'
    )
    espoo = load_city(tmp_path / "city.toml")
    places, problems = load_places(espoo)
    assert [p.id for p in places] == ["1"] and problems[0].row == 3
    assert espoo.tiles_url == "" and 60.07 < espoo.center[0] < 60.37


def test_distance_and_walking_time():
    # Helsinki railway station to Oodi library: about 400 m
    d = distance_m(60.1710, 24.9414, 60.1738, 24.9381)
    assert 340 < d < 380
    assert walking_minutes(d) == 7  # 360 m * 1.3 / 75 m/min, rounded up
    assert walking_minutes(0) == 1
    assert distance_m(60.0, 25.0, 60.0, 25.0) == 0


def test_nearest_orders_by_distance_and_filters_by_type(city):
    places, _ = load_places(city)
    area = postal_area(city, "00840")  # Laajasalo
    hits = nearest(places, area.lat, area.lon, limit=3)
    assert hits[0].place.names["fi"] == "Laajasalon kirjasto"
    assert [h.metres for h in hits] == sorted(h.metres for h in hits)
    youth = nearest(places, area.lat, area.lon, limit=50, types=("youth_space",))
    assert len(youth) == 6 and all(h.place.type == "youth_space" for h in youth)


def test_postcode_lookup(city):
    assert postal_area(city, "00100").name_fi.startswith("Helsinki Keskusta")
    assert postal_area(city, " 00100 ") is not None
    assert postal_area(city, "0010") is None and postal_area(city, "abcde") is None
    assert postal_area(city, "99999") is None


def test_directions_link_format(city):
    places, _ = load_places(city)
    place = next(p for p in places if p.id == "8143")
    url = directions_url(place, "sv", origin=("00840", 60.18, 25.05))
    assert url == ("https://reittiopas.hsl.fi/reitti/00840::60.180000,25.050000/"
                   "Deger%C3%B6%20bibliotek::60.180030,25.049484?locale=sv")
    assert directions_url(place, "fi").startswith("https://reittiopas.hsl.fi/reitti/-/Laajasalon%20kirjasto::")
