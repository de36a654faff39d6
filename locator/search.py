"""Finding the nearest places: distance, walking time, postcode lookup, filters, directions links,
and what the 'Find digital help' page shows for a resident's choices (pure logic, no Streamlit)."""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from locator.events import upcoming
from locator.hours import status_at
from locator.places import City, LocatorDataError, Place

EARTH_RADIUS_M = 6_371_008.8
WALK_M_PER_MIN = 75.0  # 4.5 km/h, a comfortable pace for older walkers
DETOUR = 1.3  # streets are not straight lines: a common factor for urban walking distance


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def walking_minutes(metres: float) -> int:
    """Estimated walk, rounded up to a whole minute, along streets rather than as the crow flies."""
    return max(1, math.ceil(metres * DETOUR / WALK_M_PER_MIN))


@dataclass(frozen=True)
class Hit:
    place: Place
    metres: float  # 0 when there is no origin or the place's location is not known
    minutes: int


def nearest(places: list[Place], lat: float, lon: float, limit: int = 10, types: tuple[str, ...] = ()) -> list[Hit]:
    """The closest places to a point, optionally only of some types; ties broken by id for stability."""
    pool = (p for p in places if p.located and (not types or p.type in types))
    scored = heapq.nsmallest(limit, ((distance_m(lat, lon, p.lat, p.lon), p.id, p) for p in pool), key=lambda t: (t[0], t[1]))
    return [Hit(p, d, walking_minutes(d)) for d, _, p in scored]


@dataclass(frozen=True)
class PostalArea:
    postcode: str
    name_fi: str
    name_sv: str
    lat: float
    lon: float


@cache
def _postcodes(path: Path) -> dict[str, PostalArea]:
    try:
        rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
        return {
            r["postcode"]: PostalArea(r["postcode"], r["name_fi"], r["name_sv"],
                                      float(r["representative_point_lat"]), float(r["representative_point_lon"]))
            for r in rows
        }
    except (OSError, KeyError, ValueError) as exc:
        raise LocatorDataError(f"{path}: cannot read postcode points ({exc})") from exc


def postal_area(city: City, postcode: str) -> PostalArea | None:
    """A postcode's area and a point inside it, offline; None for an unknown or malformed postcode."""
    code = postcode.strip()
    if len(code) != 5 or not code.isdigit():
        return None
    return _postcodes(city.postcode_points).get(code)


def _spot(name: str, lat: float, lon: float) -> str:
    return f"{quote(name, safe='')}::{lat:.6f},{lon:.6f}"


def directions_url(place: Place, lang: str, origin: tuple[str, float, float] | None = None) -> str:
    """HSL journey planner to the place, in the resident's language; from (name, lat, lon) or unset."""
    start = "-" if origin is None else _spot(*origin)
    return f"https://reittiopas.hsl.fi/reitti/{start}/{_spot(place.name(lang), place.lat, place.lon)}?locale={lang}"


@dataclass(frozen=True)
class Query:
    postcode: str = ""
    point: tuple[float, float] | None = None  # a point chosen on the map, or the device's location
    point_kind: str = "click"  # click | device
    types: tuple[str, ...] = ()  # empty: every type
    languages: tuple[str, ...] = ()  # empty: any language of support
    wheelchair_only: bool = False
    open_at: dt.datetime | None = None  # only places known to be open for help at this local time
    sessions_from: dt.datetime | None = None  # only places with a digital-support session in the 7 days from this moment (aware)


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
    if query.open_at is not None and not status_at(place.periods, query.open_at).open:
        return False
    if query.sessions_from is not None and not upcoming(place.sessions, query.sessions_from, days=7):
        return False
    return not (query.wheelchair_only and place.wheelchair is not True)


def find(city: City, places: list[Place], query: Query, lang: str) -> Answer:
    origin, notice = resolve_origin(city, query, lang)
    chosen = [p for p in places if keep(p, query)]
    if origin is None:
        ordered = sorted(chosen, key=lambda p: (p.name(lang).casefold(), p.id))
        return Answer(None, [Hit(p, 0.0, 0) for p in ordered], notice)
    unlocated = sorted((p for p in chosen if not p.located), key=lambda p: (p.name(lang).casefold(), p.id))
    return Answer(origin, nearest(chosen, origin.lat, origin.lon, limit=len(chosen)) + [Hit(p, 0.0, 0) for p in unlocated], notice)
