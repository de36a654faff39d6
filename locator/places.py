"""The locator's data: the city's settings, its support points, validated row by row.

A bad row is reported (file, row, reason) and left out: never drawn in the sea, never dropped silently.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.prepared import prep

from kaikille.errors import UsageError
from kaikille.files import read_toml
from locator.hours import Period

PACKAGE_CITY = "city.toml"


class LocatorDataError(UsageError):
    """The city settings or a data file cannot be used at all (not a single bad row): exit 2."""


@dataclass(frozen=True)
class City:
    name: str
    municipality_code: str
    bbox: tuple[float, float, float, float]  # south, west, north, east
    places: Path
    postal_areas: Path
    postcode_points: Path
    place_types: tuple[str, ...]
    settings_file: Path
    attribution: dict[str, str]  # language -> the data's attribution
    tiles_url: str  # empty: no background map
    tiles_attribution: str
    tiles_name: str
    center: tuple[float, float]
    zoom: int
    remote_phone: str = ""  # help by phone for people who cannot travel ("" when the city has none)
    remote_hours: dict[str, str] = field(default_factory=dict)  # language -> when the line is open
    timezone: str = "Europe/Helsinki"  # opening hours are local times

    @cached_property
    def _land(self):
        data = json.loads(self.postal_areas.read_text("utf-8"))
        areas = [shape(f["geometry"]) for f in data["features"] if f["properties"].get("kunta") == self.municipality_code]
        if not areas:
            raise LocatorDataError(f"{self.postal_areas}: no postal areas for municipality {self.municipality_code}")
        return [prep(a) for a in areas]

    def contains(self, lat: float, lon: float) -> bool:
        south, west, north, east = self.bbox
        if not (south <= lat <= north and west <= lon <= east):
            return False
        point = Point(lon, lat)
        return any(area.contains(point) for area in self._land)


def load_city(path: str | Path | None = None) -> City:
    """The city settings; relative data paths are resolved against the settings file."""
    file = Path(path) if path else Path(str(resources.files("locator").joinpath(PACKAGE_CITY)))
    try:
        raw = read_toml(file, "city settings")
        box = raw["bbox"]
        return City(
            name=str(raw["name"]),
            municipality_code=str(raw["municipality_code"]),
            bbox=(float(box["south"]), float(box["west"]), float(box["north"]), float(box["east"])),
            places=file.parent / raw["places"],
            postal_areas=file.parent / raw["postal_areas"],
            postcode_points=file.parent / raw["postcode_points"],
            place_types=tuple(raw["place_types"]),
            settings_file=file,
            attribution={str(k): str(v) for k, v in raw["attribution"].items()},
            # without a [map] table: no background tiles, centred on the box
            tiles_url=str(raw.get("map", {}).get("tiles_url", "")),
            tiles_attribution=str(raw.get("map", {}).get("tiles_attribution", "")),
            tiles_name=str(raw.get("map", {}).get("tiles_name", "")),
            center=(
                float(raw.get("map", {}).get("center", {}).get("lat", (box["south"] + box["north"]) / 2)),
                float(raw.get("map", {}).get("center", {}).get("lon", (box["west"] + box["east"]) / 2)),
            ),
            zoom=int(raw.get("map", {}).get("zoom", 12)),
            remote_phone=str(raw.get("remote_help", {}).get("phone", "")),
            remote_hours={str(k): str(v) for k, v in raw.get("remote_help", {}).get("hours", {}).items()},
            timezone=str(raw.get("timezone", "Europe/Helsinki")),
        )
    except UsageError as exc:
        raise LocatorDataError(str(exc)) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise LocatorDataError(f"{file}: missing or malformed setting {exc}") from exc


@dataclass(frozen=True)
class Place:
    id: str
    type: str
    names: dict[str, str]  # language -> name; at least 'fi'
    address: str
    postcode: str
    city: str
    lat: float | None  # None: a named place whose location is not known offline (listed, not mapped)
    lon: float | None
    precision: str  # exact | exact_2020 … | entrance_2016 | none
    phone: str
    www: str
    source: str
    languages: tuple[str, ...] = ()  # languages support is given in, where the registry says
    wheelchair: bool | None = None  # None: not known
    opening_hours: dict[str, str] = field(default_factory=dict)  # language -> the registry's text
    periods: tuple[Period, ...] = ()  # structured hours from the opening-hours service, where imported
    sessions: tuple = ()  # digital-support sessions from the events API (locator.events.Session), in time order

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["fi"]

    def name_language(self, lang: str) -> str:
        """The language the shown name is in (a Finnish name may stand in an English page)."""
        return lang if self.names.get(lang) else "fi"

    def hours(self, lang: str) -> str:
        return self.opening_hours.get(lang) or self.opening_hours.get("fi", "")


@dataclass(frozen=True)
class RowProblem:
    file: str
    row: int  # the line number in the file (the header is line 1)
    reason: str
    pending: bool = False  # not wrong, only not known yet offline (display_ready=no: no name): the live refresh fills it in

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.reason}"


REQUIRED_COLUMNS = ("tpr_id", "type", "name_fi", "lat", "lon")
NUMERIC_COLUMNS = ("lat", "lon")
FORMULA_START = tuple("=+-@\t\r")  # what a spreadsheet would run as a formula


def neutralise(value: str) -> str:
    """A text cell a spreadsheet would take for a formula gets a leading apostrophe (OWASP's advice)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def restore(value: str) -> str:
    """The text as it was before ``neutralise``."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value
# The snapshot's columns, plus the ones the live refresh fills in (optional when reading).
COLUMNS = (
    "tpr_id", "type", "name_fi", "name_sv", "name_en", "street_address_fi", "postcode", "city", "lat", "lon",
    "coord_precision", "phone", "www", "digituki_listed", "source",
    "languages", "wheelchair", "opening_hours_fi", "opening_hours_sv", "opening_hours_en",
)
LANGS = ("fi", "sv", "en")


def load_places(city: City, path: str | Path | None = None) -> tuple[list[Place], list[RowProblem]]:
    """Read and validate the support points; returns the good places and one problem per bad row."""
    file = Path(path) if path else city.places
    try:
        text = file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LocatorDataError(f"{file}: cannot read places ({exc})") from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise LocatorDataError(f"{file}: missing column(s) {', '.join(missing)}")
    places, problems, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        row = {k: restore(v) if isinstance(v, str) and k not in NUMERIC_COLUMNS else v for k, v in row.items()}
        reason = _problem(row, city, seen)
        if reason:
            pending = reason == "no Finnish name" and (row.get("display_ready") or "").strip() == "no"
            problems.append(RowProblem(str(file), line, reason, pending))
            continue
        located = bool((row.get("lat") or "").strip())
        seen.add(row["tpr_id"].strip())
        places.append(
            Place(
                id=row["tpr_id"].strip(),
                type=row["type"].strip(),
                names={lang: name for lang in LANGS if (name := (row.get(f"name_{lang}") or "").strip())},
                address=(row.get("street_address_fi") or "").strip(),
                postcode=(row.get("postcode") or "").strip(),
                city=(row.get("city") or "").strip(),
                lat=float(row["lat"]) if located else None,
                lon=float(row["lon"]) if located else None,
                precision=(row.get("coord_precision") or "unknown").strip(),
                phone=(row.get("phone") or "").strip(),
                www=(row.get("www") or "").strip(),
                source=(row.get("source") or "").strip(),
                languages=tuple((row.get("languages") or "").replace(",", " ").split()),
                wheelchair=WHEELCHAIR.get((row.get("wheelchair") or "").strip()),
                opening_hours={lang: text for lang in LANGS if (text := (row.get(f"opening_hours_{lang}") or "").strip())},
            )
        )
    return places, problems


WHEELCHAIR = {"yes": True, "no": False, "limited": False}  # limited: the registry records obstacles


def _problem(row: dict[str, str | None], city: City, seen: set[str]) -> str | None:
    if None in row or any(v is None for v in row.values()):
        return "wrong number of columns"
    ident = (row["tpr_id"] or "").strip()
    if not ident:
        return "no id"
    if ident in seen:
        return f"duplicate id {ident}"
    if not (row["name_fi"] or "").strip():
        return "no Finnish name"
    if (row["type"] or "").strip() not in city.place_types:
        return f"unknown type {row['type']!r} (known: {', '.join(city.place_types)})"
    if (row.get("wheelchair") or "").strip() not in ("", *WHEELCHAIR):
        return f"wheelchair must be yes, limited, no or empty, got {row['wheelchair']!r}"
    if not (row["lat"] or "").strip() and not (row["lon"] or "").strip():
        return None  # a named place whose location is not known offline: listed without a distance, not mapped
    try:
        lat, lon = float(row["lat"] or ""), float(row["lon"] or "")
    except ValueError:
        return f"coordinates are not numbers: lat={row['lat']!r} lon={row['lon']!r}"
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return "coordinates are not finite"
    if not city.contains(lat, lon):
        return f"location {lat:.5f},{lon:.5f} is outside {city.name}'s land area"
    return None
