"""`kaikille locator refresh`, opening hours: each place's date periods from the City's opening-hours
service (Hauki), kept as the service gives them, beside the places CSV (``<name>.hours.json``).

A place is addressed as ``tprek:<registry id>``. Pages are followed on the same host only. One
place's broken or missing answer leaves that place without hours (and says why); it never stops the
refresh or the others. The file is written atomically and read back through the same parser the app
uses, so what is written is what the app can read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import requests

from locator.hours import HoursError, Period, parse_periods
from locator.sidecar import read_sidecar, sidecar_path, write_sidecar

FORMAT = "kaikille-hours/1"
MAX_PAGES = 20


@dataclass(frozen=True)
class HoursResult:
    written: Path | None
    places: dict[str, tuple[Period, ...]]  # place id -> its periods (only places with some)
    problems: list[str]  # "<id>: why" for places left without hours


def hours_file(places_csv: Path) -> Path:
    """Where a places file's opening hours live: beside it, ``<stem>.hours.json``."""
    return sidecar_path(places_csv, "hours")


def _pages(base_url: str, place_id: str, session: requests.Session, timeout: float) -> list[Any]:
    url: str | None = urljoin(base_url, "date_period/") + "?" + urlencode({"resource": f"tprek:{place_id}"})
    host = urlsplit(base_url).netloc
    items: list[Any] = []
    for _ in range(MAX_PAGES):
        if url is None:
            return items
        if urlsplit(url).netloc != host:
            raise HoursError(f"the next page points to another host ({urlsplit(url).netloc}); not followed")
        try:
            response = session.get(url, timeout=timeout)
        except requests.RequestException as exc:
            raise HoursError(f"no answer ({exc.__class__.__name__})") from exc
        if response.status_code == 404:
            return items  # the service does not know this place
        if response.status_code != 200:
            raise HoursError(f"HTTP {response.status_code}")
        try:
            page = response.json()
        except ValueError as exc:
            raise HoursError("the answer is not JSON") from exc
        if isinstance(page, list):
            return items + page
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise HoursError("not a list of date periods")
        items += page["results"]
        url = page.get("next") if isinstance(page.get("next"), str) else None
    raise HoursError(f"more than {MAX_PAGES} pages")


def fetch_hours(base_url: str, place_ids: Iterable[str], session: requests.Session, timeout: float) -> tuple[dict[str, list], list[str]]:
    """Raw periods per place id (as the service gave them, checked), and one problem per place left out."""
    raw: dict[str, list] = {}
    problems: list[str] = []
    for place_id in place_ids:
        try:
            items = _pages(base_url, place_id, session, timeout)
            if parse_periods(items):
                raw[place_id] = items
        except HoursError as exc:
            problems.append(f"{place_id}: {exc}")
    return raw, problems


def write_hours(path: Path, raw: dict[str, list], source: str, fetched: str) -> Path:
    return write_sidecar(path, FORMAT, "places", raw, source, fetched)


def load_hours(path: Path) -> tuple[dict[str, tuple[Period, ...]], list[str]]:
    """The hours file beside a places CSV: periods per place id ({} when there is no file), and
    one problem per place whose periods cannot be read (that place simply has no hours)."""
    raw, problems = read_sidecar(path, FORMAT, "places", dict)
    if raw is None:
        return {}, problems
    places = {}
    for place_id, items in raw.items():
        try:
            places[str(place_id)] = parse_periods(items)
        except HoursError as exc:
            problems.append(f"{path}: place {place_id}: {exc}")
    return places, problems
