"""The page logic without Streamlit: origin, filters, order; and the Folium map built directly."""

from __future__ import annotations

from dataclasses import replace

import pytest

from locator.search import Query, find
from locator.mapview import build_map
from locator.places import load_city, load_places


@pytest.fixture(scope="module")
def city():
    return load_city()


@pytest.fixture(scope="module")
def places(city):
    return load_places(city)[0]


def test_postcode_puts_the_nearest_first(city, places):
    answer = find(city, places, Query(postcode="00840"), "fi")
    assert answer.origin.kind == "postcode" and answer.origin.area == "Laajasalo"
    assert answer.hits[0].place.names["fi"] == "Laajasalon kirjasto"
    located = [h for h in answer.hits if h.place.located]
    assert [h.metres for h in located] == sorted(h.metres for h in located)
    # the named places with no known location follow, in alphabetical order, with no distance
    rest = answer.hits[len(located):]
    assert rest and all(not h.place.located and h.metres == 0 for h in rest)
    assert [h.place.name("fi") for h in rest] == sorted((h.place.name("fi") for h in rest), key=str.casefold)
    assert find(city, places, Query(postcode="00840"), "sv").origin.area == "Degerö"


def test_a_map_click_wins_over_the_postcode(city, places):
    oodi = next(p for p in places if p.names.get("fi", "").startswith("Keskustakirjasto"))
    answer = find(city, places, Query(postcode="00840", point=(oodi.lat, oodi.lon)), "fi")
    assert answer.origin.kind == "click" and answer.hits[0].place == oodi and answer.hits[0].metres == 0
    device = find(city, places, Query(point=(oodi.lat, oodi.lon), point_kind="device"), "fi")
    assert device.origin.kind == "device" and device.hits[0].place == oodi


@pytest.mark.parametrize("postcode, notice", [("0084", "find.postcode.malformed"), ("abcde", "find.postcode.malformed"),
                                              ("99999", "find.postcode.unknown")])
def test_unusable_postcode_gives_a_notice_and_an_alphabetical_list(city, places, postcode, notice):
    answer = find(city, places, Query(postcode=postcode), "fi")
    assert answer.origin is None and answer.notice == notice
    names = [h.place.name("fi").casefold() for h in answer.hits]
    assert names == sorted(names) and len(names) == len(places)


def test_filters(city, places):
    youth = find(city, places, Query(types=("youth_space",)), "en")
    assert len(youth.hits) == 6
    enriched = [replace(places[0], languages=("fi", "sv"), wheelchair=True), replace(places[1], languages=("fi",), wheelchair=False)]
    assert [h.place.id for h in find(city, enriched, Query(languages=("sv",)), "fi").hits] == [places[0].id]
    assert [h.place.id for h in find(city, enriched, Query(wheelchair_only=True), "fi").hits] == [places[0].id]


def test_build_map_shows_the_same_places_labelled_and_no_cdn(city, places):
    answer = find(city, places, Query(postcode="00840"), "sv")
    fmap = build_map(city, answer.hits, answer.origin, "sv")
    html = fmap.get_root().render()
    for hint in ("cdn.", "code.jquery", "bootstrapcdn", "cdnjs"):
        assert hint not in html
    assert "data:text/javascript;base64," in html and "data:text/css;base64," in html
    markers = [c for c in fmap._children.values() if type(c).__name__ == "Marker"]
    assert len(markers) == sum(h.place.located for h in answer.hits) == 46  # a place with no location is listed, not mapped
    assert markers[0].options["title"] == markers[0].options["alt"] == "Degerö bibliotek"
    assert '"title": "Degerö bibliotek"' in html or "Deger\\u00f6 bibliotek" in html
    assert any(type(c).__name__ == "CircleMarker" for c in fmap._children.values())  # the chosen location


HOSTILE_NAME = "Kirjasto ${window.__pwned = 1}`'\"</script><script>window.__pwned = 2</script>"


def test_map_popups_and_tooltips_reach_the_script_only_as_json(city, places):
    hostile = replace(places[0], names={"fi": HOSTILE_NAME}, address="<img src=x onerror=alert(2)>")
    answer = find(city, [hostile], Query(), "fi")
    html = build_map(city, answer.hits, None, "fi").get_root().render()
    assert "<script>window.__pwned" not in html and "<img src=x" not in html  # no markup breaks out
    assert "`Kirjasto" not in html  # never inside a JavaScript template literal, where ${...} runs
    assert "bindTooltip(`" not in html  # folium's template literal, where ${...} ran, is not used
    assert "bindTooltip(\"Kirjasto" in html


def test_no_tiles_when_the_city_has_none(city, places):
    quiet = replace(city, tiles_url="")
    html = build_map(quiet, [], None, "fi").get_root().render()
    assert "tile.openstreetmap.org" not in html
    assert "tile.openstreetmap.org" in build_map(city, [], None, "fi").get_root().render()


def test_the_maps_zoom_buttons_speak_the_pages_language(city, places):
    answer = find(city, places, Query(postcode="00840"), "fi")
    html = build_map(city, answer.hits, answer.origin, "fi").get_root().render()
    assert '"L\\u00e4henn\\u00e4"' in html or '"Lähennä"' in html
    assert "Zoom in" not in html and "zoomControl\": true" not in html
