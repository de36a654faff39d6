"""`kaikille locator refresh`: import the support points from the City's API into the locator's CSV.

Reads Service Map v2 ``unit/`` pages by service node (following ``next`` links on the same host),
with timeouts and retries; converts each unit into a CSV row (Service Map v2 and service registry v4
unit shapes both convert); validates the rows with the same loader the app uses; and writes the file
atomically, so a failed refresh never leaves a half-written dataset.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import requests

from kaikille.errors import ToolFailure
from kaikille.files import read_toml
from kaikille.clock import utc_now
from kaikille.http import session as http_session
from locator.events import EventsError, events_file, fetch_events, load_events, write_events
from locator.hauki import HoursResult, fetch_hours, hours_file, load_hours, write_hours
from locator.places import COLUMNS, LANGS, NUMERIC_COLUMNS, City, LocatorDataError, Place, RowProblem, load_places, neutralise

MAX_PAGES = 200  # a runaway 'next' chain stops here


class RefreshError(ToolFailure):
    """The refresh could not finish (network, API): exit 3; the existing dataset is left as it was."""


@dataclass(frozen=True)
class RefreshSettings:
    base_url: str
    municipality: str
    page_size: int
    timeout: float
    service_nodes: dict[str, str]  # node id -> place type
    services: dict[str, str] = field(default_factory=dict)  # registry service id -> place type (community houses, adult education, …)
    hours_url: str = ""  # the opening-hours service (Hauki) API; empty: no hours imported
    events_url: str = ""  # the events API (Linked Events); empty: no sessions imported
    events_terms: tuple[str, ...] = ("digituki",)  # what digital-support keywords and events are called
    events_days: int = 14


def refresh_settings(city_file: Path) -> RefreshSettings:
    try:
        raw = read_toml(city_file, "city settings")["refresh"]
        return RefreshSettings(
            base_url=str(raw["base_url"]),
            municipality=str(raw["municipality"]),
            page_size=int(raw["page_size"]),
            timeout=float(raw["timeout"]),
            service_nodes={str(k): str(v) for k, v in raw["service_nodes"].items()},
            services={str(k): str(v) for k, v in raw.get("services", {}).items()},
            hours_url=str(raw.get("hours_url", "")),
            events_url=str(raw.get("events_url", "")),
            events_terms=tuple(str(x) for x in raw.get("events_terms", ["digituki"])) or ("digituki",),
            events_days=int(raw.get("events_days", 14)),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LocatorDataError(f"{city_file}: missing or malformed [refresh] settings ({exc})") from exc


def fetch_units(settings: RefreshSettings, node: str, session: requests.Session, by: str = "service_node") -> Iterator[dict[str, Any]]:
    """Every unit under one service node (or, ``by="service"``, linked to one registry service), page by page."""
    query = {by: node, "municipality": settings.municipality, "page_size": settings.page_size}
    url: str | None = urljoin(settings.base_url, "unit/") + "?" + urlencode(query)
    host = urlsplit(settings.base_url).netloc
    for _ in range(MAX_PAGES):
        if url is None:
            return
        if urlsplit(url).netloc != host:
            raise RefreshError(f"{url}: the API's next page points to another host; refusing to follow")
        try:
            response = session.get(url, timeout=settings.timeout)
        except requests.exceptions.RetryError as exc:
            raise RefreshError(f"{url}: the server kept failing ({exc.__context__ or exc})") from exc
        except requests.ConnectionError as exc:
            raise RefreshError(f"{url}: cannot reach the City's API (offline?): {exc.__class__.__name__}") from exc
        except requests.Timeout as exc:
            raise RefreshError(f"{url}: no answer within {settings.timeout:g} s") from exc
        if response.status_code != 200:
            raise RefreshError(f"{url}: HTTP {response.status_code}")
        try:
            page = response.json()
            results = page["results"]
            url = page.get("next")
            if not isinstance(results, list):
                raise TypeError("results is not a list")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RefreshError(f"{url}: not a Service Map page of units ({exc})") from exc
        yield from results
    raise RefreshError(f"more than {MAX_PAGES} pages for service node {node}; stopping")


def _text(record: dict[str, Any], key: str, lang: str) -> str:
    value = record.get(key)
    if isinstance(value, dict):  # Service Map v2: {"fi": ..., "sv": ...}
        return str(value.get(lang) or "").strip()
    return str(record.get(f"{key}_{lang}") or "").strip()  # registry v4: name_fi, name_sv


def _coordinates(record: dict[str, Any]) -> tuple[Any, Any]:
    location = record.get("location")
    if isinstance(location, dict) and isinstance(location.get("coordinates"), list) and len(location["coordinates"]) == 2:
        lon, lat = location["coordinates"]  # GeoJSON: longitude first
        return lat, lon
    return record.get("latitude", ""), record.get("longitude", "")


def _wheelchair(record: dict[str, Any]) -> str:
    counts = record.get("accessibility_shortcoming_count")
    if isinstance(counts, dict) and "wheelchair" in counts:
        return "yes" if counts["wheelchair"] == 0 else "no"
    viewpoints = record.get("accessibility_viewpoints")
    if isinstance(viewpoints, str):  # registry v4: "11:green,12:red,..." (11 = wheelchair user)
        marks = dict(part.split(":", 1) for part in viewpoints.split(",") if ":" in part)
        return {"green": "yes", "red": "no"}.get(marks.get("11", ""), "")
    return ""


def _hours(record: dict[str, Any], lang: str) -> str:
    texts = []
    for connection in record.get("connections") or []:
        if not isinstance(connection, dict) or str(connection.get("section_type", "")).upper() != "OPENING_HOURS":
            continue
        name = connection.get("name")
        text = name.get(lang) if isinstance(name, dict) else connection.get(f"name_{lang}")
        if text:
            texts.append(str(text).strip())
    return "\n".join(texts)


def unit_to_row(record: dict[str, Any], place_type: str, digital_support: bool) -> dict[str, str]:
    lat, lon = _coordinates(record)
    www = record.get("www")
    row = {
        "tpr_id": str(record.get("id", "")),
        "type": place_type,
        **{f"name_{lang}": _text(record, "name", lang) for lang in LANGS},
        "street_address_fi": _text(record, "street_address", "fi"),
        "postcode": str(record.get("address_zip") or "").strip(),
        "city": _text(record, "address_city", "fi") or str(record.get("municipality") or "").title(),
        "lat": str(lat),
        "lon": str(lon),
        "coord_precision": "exact",
        "phone": str(record.get("phone") or "").strip(),
        "www": (_text(record, "www", "fi") if not isinstance(www, str) else www.strip()),
        "digituki_listed": "yes" if digital_support else "no",
        "source": "refresh:servicemap",
        "languages": " ".join(l for l in record.get("provided_languages") or [] if isinstance(l, str)),
        "wheelchair": _wheelchair(record),
        **{f"opening_hours_{lang}": _hours(record, lang) for lang in LANGS},
    }
    return row


@dataclass(frozen=True)
class RefreshResult:
    written: Path
    places: list[Place]
    problems: list[RowProblem]
    hours: HoursResult | None = None
    events: EventsResult | None = None


@dataclass(frozen=True)
class EventsResult:
    written: Path | None
    count: int  # sessions written
    problems: list[str]


def refresh(city: City, settings: RefreshSettings, output: Path, retries: int = 3) -> RefreshResult:
    """Fetch, convert, validate, write atomically. Raises RefreshError and leaves `output` untouched."""
    session = http_session(retries, accept="application/json")
    types: dict[str, str] = {}
    records: dict[str, dict[str, Any]] = {}
    digital: set[str] = set()
    sources = [(node, kind, "service_node") for node, kind in settings.service_nodes.items()]
    sources += [(service, kind, "service") for service, kind in settings.services.items()]
    for node, place_type, by in sources:
        for record in fetch_units(settings, node, session, by):
            ident = str(record.get("id", ""))
            records.setdefault(ident, record)
            if place_type == "other":
                digital.add(ident)
            else:
                types[ident] = place_type
    rows = [unit_to_row(record, types.get(ident, "other"), ident in digital) for ident, record in sorted(records.items())]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: v if k in NUMERIC_COLUMNS else neutralise(v) for k, v in row.items()} for row in rows)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
        places, problems = load_places(city, tmp)
        if not places:
            raise RefreshError(f"the API gave no usable place ({len(problems)} rejected); keeping {output}")
        problems = [RowProblem(str(output), p.row, p.reason) for p in problems]
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return RefreshResult(output, places, problems, refresh_hours(settings, places, output, session),
                         refresh_events(settings, places, output, session))


def refresh_events(settings: RefreshSettings, places: list[Place], output: Path, session: requests.Session) -> EventsResult | None:
    """The digital-support sessions at the places, beside the CSV; a failed answer keeps the previous file."""
    if not settings.events_url:
        return None
    today = utc_now().date()
    try:
        sessions, problems = fetch_events(settings.events_url, [p.id for p in places], list(settings.events_terms), today,
                                          settings.events_days, session, settings.timeout)
    except EventsError as exc:
        return EventsResult(None, 0, [str(exc)])
    written = write_events(events_file(output), sessions, settings.events_url, today.isoformat())
    loaded, unreadable = load_events(written)
    return EventsResult(written, sum(len(v) for v in loaded.values()), problems + unreadable)


def refresh_hours(settings: RefreshSettings, places: list[Place], output: Path, session: requests.Session) -> HoursResult | None:
    """Each place's opening hours beside the CSV; an answer with no hours at all keeps the previous file."""
    if not settings.hours_url:
        return None
    raw, problems = fetch_hours(settings.hours_url, [p.id for p in places], session, settings.timeout)
    if not raw:
        return HoursResult(None, {}, problems)
    written = write_hours(hours_file(output), raw, settings.hours_url, utc_now().date().isoformat())
    loaded, unreadable = load_hours(written)
    return HoursResult(written, loaded, problems + unreadable)
