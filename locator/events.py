"""`kaikille locator refresh`, digital-support sessions: the City's events API (Linked Events) asked for
events about digital support ("Digitukea kirjastossa, tiistaisin 10–12") at the locator's places,
kept beside the places CSV (``<name>.events.json``) as a short normalised list the page reads.

The keyword is found at run time (``keyword/?text=digituki``): no fixed keyword id is known. Without
one, events at the places are asked for by text. Pages are followed on the same host only; an event
that is not of the API's shape is left out and said, never guessed; links are kept only with the
http(s) scheme. Written atomically, read back through the same parser the app uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import requests

from kaikille.links import is_web_address
from locator.sidecar import read_sidecar, sidecar_path, write_sidecar

FORMAT = "kaikille-events/1"
MAX_PAGES = 20
LANGS = ("fi", "sv", "en")


class EventsError(ValueError):
    """The events API's answer is not of its shape (the message says what)."""


@dataclass(frozen=True)
class Session:
    place: str  # the place's registry id
    start: dt.datetime  # aware
    end: dt.datetime | None
    names: dict[str, str]
    languages: tuple[str, ...]
    url: str  # how to book or read more ('' when the event gives no http(s) link)
    free: bool | None

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("fi") or next(iter(self.names.values()), "")


def events_file(places_csv: Path) -> Path:
    return sidecar_path(places_csv, "events")


def _get(url: str, host: str, session: requests.Session, timeout: float) -> dict[str, Any]:
    if urlsplit(url).netloc != host:
        raise EventsError(f"a next page on another host ({urlsplit(url).netloc}); not followed")
    try:
        response = session.get(url, timeout=timeout)
    except requests.RequestException as exc:
        raise EventsError(f"{url}: no answer ({exc.__class__.__name__})") from exc
    if response.status_code != 200:
        raise EventsError(f"{url}: HTTP {response.status_code}")
    try:
        page = response.json()
    except ValueError as exc:
        raise EventsError(f"{url}: the answer is not JSON") from exc
    if not isinstance(page, dict) or not isinstance(page.get("data"), list):
        raise EventsError(f"{url}: not a Linked Events list (no data)")
    return page


def _all(first: str, base_url: str, session: requests.Session, timeout: float) -> list[Any]:
    host, url, items = urlsplit(base_url).netloc, first, []
    for _ in range(MAX_PAGES):
        page = _get(url, host, session, timeout)
        items += page["data"]
        meta = page.get("meta") if isinstance(page.get("meta"), dict) else {}
        url = meta.get("next") if isinstance(meta.get("next"), str) else None
        if url is None:
            return items
    raise EventsError(f"more than {MAX_PAGES} pages")


def find_keywords(base_url: str, terms: Iterable[str], session: requests.Session, timeout: float) -> list[str]:
    """Keyword ids whose name contains one of the terms, in any language."""
    found: list[str] = []
    for term in terms:
        url = urljoin(base_url, "keyword/") + "?" + urlencode({"text": term, "page_size": 100})
        for keyword in _all(url, base_url, session, timeout):
            names = keyword.get("name") if isinstance(keyword, dict) else None
            if isinstance(names, dict) and any(isinstance(n, str) and term.casefold() in n.casefold() for n in names.values()):
                if isinstance(keyword.get("id"), str) and keyword["id"] not in found:
                    found.append(keyword["id"])
    return found


def fetch_events(base_url: str, place_ids: list[str], terms: list[str], today: dt.date, days: int,
                 session: requests.Session, timeout: float) -> tuple[list[dict], list[str]]:
    """Normalised sessions at the places over the next ``days`` days, and the events left out (why)."""
    keywords = find_keywords(base_url, terms, session, timeout)
    query = {"location": ",".join(f"tprek:{i}" for i in place_ids), "start": today.isoformat(),
             "end": (today + dt.timedelta(days=days)).isoformat(), "include": "location", "page_size": 100}
    query.update({"keyword": ",".join(keywords)} if keywords else {"text": terms[0]})
    raw = _all(urljoin(base_url, "event/") + "?" + urlencode(query), base_url, session, timeout)
    known = set(place_ids)
    sessions, problems = [], []
    for i, event in enumerate(raw):
        try:
            item = normalise(event)
        except EventsError as exc:
            problems.append(f"event {i + 1}: {exc}")
            continue
        if item is not None and item["place"] in known:
            sessions.append(item)
    return sessions, problems


def _place_id(location: Any) -> str:
    if isinstance(location, dict):
        ident = location.get("id") or str(location.get("@id", "")).rstrip("/").rsplit("/", 1)[-1]
        if isinstance(ident, str) and ident.startswith("tprek:"):
            return ident.removeprefix("tprek:")
    return ""


def _texts(value: Any) -> dict[str, str]:
    return {lang: value[lang].strip() for lang in LANGS if isinstance(value, dict) and isinstance(value.get(lang), str) and value[lang].strip()}


def normalise(event: Any) -> dict | None:
    """One Linked Events event -> the fields the page shows; None for a deleted or cancelled event."""
    if not isinstance(event, dict):
        raise EventsError("not an object")
    if event.get("deleted") is True or event.get("event_status") == "EventCancelled":
        return None
    start = event.get("start_time")
    try:
        start_at = dt.datetime.fromisoformat(str(start).replace("Z", "+00:00"))
        end_at = dt.datetime.fromisoformat(str(event["end_time"]).replace("Z", "+00:00")) if event.get("end_time") else None
    except (ValueError, TypeError) as exc:
        raise EventsError(f"start or end is not a time: {str(start)[:40]!r}") from exc
    if start_at.tzinfo is None:
        raise EventsError("the start has no time zone")
    names = _texts(event.get("name"))
    if not names:
        raise EventsError("no name")
    languages = []
    for item in event.get("in_language") or []:
        code = (item.get("id") or str(item.get("@id", "")).rstrip("/").rsplit("/", 1)[-1]) if isinstance(item, dict) else ""
        if code in LANGS or (isinstance(code, str) and len(code) == 2 and code.isalpha()):
            languages.append(code)
    links = [u for offer in event.get("offers") or [] if isinstance(offer, dict) for u in _texts(offer.get("info_url")).values()]
    links += list(_texts(event.get("info_url")).values())
    free = next((o["is_free"] for o in event.get("offers") or [] if isinstance(o, dict) and isinstance(o.get("is_free"), bool)), None)
    return {"place": _place_id(event.get("location")), "start": start_at.isoformat(), "end": end_at.isoformat() if end_at else None,
            "names": names, "languages": languages, "url": next((u for u in links if is_web_address(u)), ""), "free": free}


def write_events(path: Path, sessions: list[dict], source: str, fetched: str) -> Path:
    return write_sidecar(path, FORMAT, "sessions", sessions, source, fetched)


def load_events(path: Path) -> tuple[dict[str, tuple[Session, ...]], list[str]]:
    """Sessions per place id, in time order ({} when there is no file), and what could not be read."""
    items, problems = read_sidecar(path, FORMAT, "sessions", list)
    if items is None:
        return {}, problems
    by_place: dict[str, list[Session]] = {}
    for i, item in enumerate(items):
        try:
            session = Session(str(item["place"]), dt.datetime.fromisoformat(item["start"]),
                              dt.datetime.fromisoformat(item["end"]) if item.get("end") else None,
                              _texts(item["names"]), tuple(c for c in item.get("languages") or [] if isinstance(c, str)),
                              item["url"] if is_web_address(item.get("url")) else "",
                              item.get("free") if isinstance(item.get("free"), bool) else None)
            if session.start.tzinfo is None or not session.names:
                raise ValueError("no time zone or no name")
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{path}: session {i + 1}: {exc}")
            continue
        by_place.setdefault(session.place, []).append(session)
    return {k: tuple(sorted(v, key=lambda s: s.start)) for k, v in by_place.items()}, problems


def upcoming(sessions: tuple[Session, ...], now: dt.datetime, days: int | None = None) -> list[Session]:
    """Sessions not yet over at ``now`` (aware), within ``days`` if given, in time order."""
    limit = now + dt.timedelta(days=days) if days is not None else None
    return [s for s in sessions if (s.end or s.start) > now and (limit is None or s.start < limit)]
