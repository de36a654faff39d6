"""What the 'Find digital help' page shows for a resident's choices: pure logic, no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

from locator.places import City, Place
from locator.search import Hit, distance_m, postal_area, walking_minutes


@dataclass(frozen=True)
class Query:
    postcode: str = ""
    point: tuple[float, float] | None = None  # a point chosen on the map, or the device's location
    point_kind: str = "click"  # click | device
    types: tuple[str, ...] = ()  # empty: every type
    languages: tuple[str, ...] = ()  # empty: any language of support
    wheelchair_only: bool = False


@dataclass(frozen=True)
class Origin:
    kind: str  # postcode | click | device
    lat: float
    lon: float
    postcode: str = ""
    area: str = ""


@dataclass(frozen=True)
class Answer:
    origin: Origin | None
    hits: list[Hit]  # metres/minutes are 0 when there is no origin
    notice: str | None = None  # a catalog key: why the postcode was not used


def resolve_origin(city: City, query: Query, lang: str) -> tuple[Origin | None, str | None]:
    """A chosen point (map click or the device's location) wins: the page clears it when the postcode
    changes, so it is always the newest choice. Else the postcode, with a notice key if unusable."""
    if query.point is not None:
        return Origin(query.point_kind, *query.point), None
    code = query.postcode.strip()
    if not code:
        return None, None
    if len(code) != 5 or not code.isdigit():
        return None, "find.postcode.malformed"
    area = postal_area(city, code)
    if area is None:
        return None, "find.postcode.unknown"
    name = area.name_sv if lang == "sv" and area.name_sv else area.name_fi
    return Origin("postcode", area.lat, area.lon, code, name), None


def keep(place: Place, query: Query) -> bool:
    if query.types and place.type not in query.types:
        return False
    if query.languages and not set(query.languages) & set(place.languages):
        return False
    return not (query.wheelchair_only and place.wheelchair is not True)


def find(city: City, places: list[Place], query: Query, lang: str) -> Answer:
    origin, notice = resolve_origin(city, query, lang)
    chosen = [p for p in places if keep(p, query)]
    if origin is None:
        ordered = sorted(chosen, key=lambda p: (p.name(lang).casefold(), p.id))
        return Answer(None, [Hit(p, 0.0, 0) for p in ordered], notice)
    scored = sorted(((distance_m(origin.lat, origin.lon, p.lat, p.lon), p.id, p) for p in chosen), key=lambda x: (x[0], x[1]))
    return Answer(origin, [Hit(p, d, walking_minutes(d)) for d, _, p in scored], notice)
