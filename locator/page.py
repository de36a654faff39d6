"""The residents' page, "Find digital help". Thin: it reads the resident's choices, calls the
locator's functions, renders. Registered with the app shell through the ``kaikille.pages`` entry
point (``pages`` below).

Every visible sentence comes from the catalogs (locator/locales); page content is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import replace
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import streamlit as st
from streamlit_folium import st_folium
from streamlit_js_eval import get_geolocation

from kaikille import clock
from kaikille.links import tel_target
from kaikille.ui import AppSettings, set_document_language
from babel.dates import format_skeleton

from locator.events import events_file, load_events, upcoming
from locator.hauki import hours_file, load_hours
from locator.hours import day_hours, hhmm, status_at
from locator.i18n import LANGUAGES, t
from locator.mapview import build_map
from locator.places import City, LocatorDataError, Place, load_city, load_places
from locator.search import Answer, Query, directions_url, find

log = logging.getLogger("kaikille.locator")


def pages(lang: str, settings: AppSettings) -> dict[str, list]:
    """The locator's pages for the app shell."""
    page = st.Page(partial(find_help_page, settings), title=t(lang, "app.nav.find_help"), url_path="find-help", default=True)
    return {"residents": [page]}


@st.cache_resource(show_spinner=False)
def load_data(city_file: str | None, places_file: str | None, tiles: str | None) -> tuple[City, list[Place], int]:
    """The city, its places, and how many of its registry's places this copy cannot show yet."""
    city = load_city(city_file)
    if tiles is not None:
        city = replace(city, tiles_url="" if tiles == "none" else tiles)
    places, problems = load_places(city, places_file)
    for problem in problems:  # for the operator's log; residents simply do not see bad rows
        if not problem.pending:
            log.warning("left out %s", problem)
    source = Path(places_file) if places_file else city.places
    hours, unreadable = load_hours(hours_file(source))
    sessions, unread = load_events(events_file(source))
    for problem in unreadable + unread:
        log.warning("left out: %s", problem)
    places = [replace(p, periods=hours.get(p.id, ()), sessions=sessions.get(p.id, ())) for p in places]
    return city, places, sum(p.pending for p in problems)


def local_now(city: City) -> dt.datetime:
    """The city's wall-clock time now (opening hours are local times)."""
    return clock.utc_now().astimezone(ZoneInfo(city.timezone)).replace(tzinfo=None)


def hours_html(place: Place, lang: str, now: dt.datetime) -> str:
    """'Open now, until 20.' or 'Closed now.', and today's hours, from the imported periods; '' when
    the place has none (then the registry's text, if any, is shown instead)."""
    if not place.periods:
        return ""
    e = html.escape
    status = status_at(place.periods, now)
    today = day_hours(place.periods, now.date())
    parts = []
    if status.known:
        parts.append(t(lang, "place.open_now", time=hhmm(status.until)) if status.open and status.until else t(lang, "place.closed_now"))
    if today is None:
        parts.append(t(lang, "place.today.unknown"))
    elif not today:
        parts.append(t(lang, "place.today.closed"))
    else:
        spans = ", ".join(t(lang, "place.hours.range", start=hhmm(a), end=hhmm(b)) for a, b, _ in today)
        parts.append(t(lang, "place.today", hours=spans))
    return f'<p class="kaikille-hours"><strong>{e(" ".join(parts))}</strong></p>'



SHOWN_SESSIONS = 3
BABEL_LOCALE = {"fi": "fi", "sv": "sv_FI", "en": "en_GB"}


def sessions_html(place: Place, lang: str, now: dt.datetime, zone: str) -> str:
    """The next few digital-support sessions: day, time, name, languages, a link to book or read more."""
    coming = upcoming(place.sessions, now)[:SHOWN_SESSIONS]
    if not coming:
        return ""
    e = html.escape
    items = []
    for s in coming:
        start = s.start.astimezone(ZoneInfo(zone))
        end = s.end.astimezone(ZoneInfo(zone)) if s.end else None
        when = format_skeleton("MMMEd", start, locale=BABEL_LOCALE.get(lang, lang))
        times = t(lang, "place.hours.range", start=hhmm(start.time()), end=hhmm(end.time())) if end else hhmm(start.time())
        name_lang = lang if s.names.get(lang) else next(iter(s.names))
        marked = f' lang="{name_lang}"' if name_lang != lang else ""
        spoken = ", ".join(t(lang, f"lang.{c}") for c in s.languages if c in LANGUAGES)
        text = f"{e(when)} {e(times)}: <span{marked}>{e(s.name(lang))}</span>"
        if spoken:
            text += f" ({e(t(lang, 'place.session.languages', languages=spoken))})"
        if s.url:
            text += f' <a href="{e(s.url)}">{e(t(lang, "place.session.link"))}</a>'
        items.append(f"<li>{text}</li>")
    return f"<p>{e(t(lang, 'place.sessions'))}</p><ul>{''.join(items)}</ul>"


def place_html(hit, lang: str, origin_label: tuple[str, float, float] | None, now: dt.datetime | None = None,
               zone: str = "Europe/Helsinki") -> str:
    place = hit.place
    e = html.escape
    name_lang = place.name_language(lang)
    marked = f' lang="{name_lang}"' if name_lang != lang else ""  # WCAG 3.1.2: a Finnish name in a Swedish page
    lines = [f"<h3{marked}>{e(place.name(lang))}</h3>", f"<p>{e(t(lang, f'type.{place.type}'))}"]
    if hit.metres:
        lines.append(f" · {e(t(lang, 'place.distance', km=f'{hit.metres / 1000:.1f}', minutes=hit.minutes))}")
    lines.append("</p>")
    if now is not None:
        lines.append(hours_html(place, lang, now))
    lines.append("<dl>")
    address = ", ".join(x for x in (place.address, f"{place.postcode} {place.city}".strip()) if x)
    if address:
        lines.append(f"<dt>{e(t(lang, 'place.address'))}</dt><dd>{e(address)}</dd>")
    if place.phone:
        lines.append(f'<dt>{e(t(lang, "place.phone"))}</dt><dd><a href="{e(tel_target(place.phone))}">{e(place.phone)}</a></dd>')
    if place.www.startswith(("http://", "https://")):
        lines.append(f'<dt>{e(t(lang, "place.website"))}</dt><dd><a href="{e(place.www)}">{e(place.www)}</a></dd>')
    hours = place.hours(lang)
    if place.periods and not hours:
        hours = t(lang, "place.hours.see_above")
    unknown = t(lang, "place.hours.unknown" if place.phone or place.www else "place.hours.not_known")
    lines.append(f"<dt>{e(t(lang, 'place.hours'))}</dt><dd>{e(hours) if hours else e(unknown)}</dd>")
    lines.append("</dl>")
    if now is not None:
        lines.append(sessions_html(place, lang, now.replace(tzinfo=ZoneInfo(zone)), zone))
    notes = [location_note(place, lang)]
    spoken = [t(lang, f"lang.{code}") for code in place.languages if code in LANGUAGES]
    if spoken:
        notes.insert(0, t(lang, "place.languages", languages=", ".join(spoken)))
    if place.wheelchair is not None:
        notes.append(t(lang, "place.wheelchair.yes" if place.wheelchair else "place.wheelchair.no"))
    lines.append(f"<p>{e(' '.join(notes))}</p>")
    if place.located:
        url = directions_url(place, lang, origin_label)
        before, _, after = t(lang, "place.directions", name="\x00").partition("\x00")
        label = f"{e(before)}<span{marked}>{e(place.name(lang))}</span>{e(after)}"
        lines.append(f'<p><a href="{e(url)}">{label}</a></p>')
    return "".join(lines)


def location_note(place: Place, lang: str) -> str:
    """How far the shown location can be trusted: exact (as recorded in a year), the 2016 entrance,
    or not known offline (the place is listed, not on the map)."""
    if not place.located:
        return t(lang, "place.location.none")
    kind, _, year = place.precision.partition("_")
    if kind == "exact":
        return t(lang, "place.location.exact_year", year=year) if year.isdigit() else t(lang, "place.location.exact")
    return t(lang, "place.location.entrance_2016") if place.precision == "entrance_2016" else t(lang, "place.location.unknown")


def _clear_point() -> None:
    st.session_state.pop("point", None)


def _ask_location() -> None:
    st.session_state.asking_location = True


def device_location(lang: str) -> None:
    """Ask the browser for the location only after the person pressed the button."""
    st.button(t(lang, "find.use_location"), on_click=_ask_location)
    if not st.session_state.get("asking_location"):
        return
    answer = get_geolocation("device-location")
    if answer is None:
        st.write(t(lang, "find.location.waiting"))
        return
    st.session_state.asking_location = False
    coords = answer.get("coords") if isinstance(answer, dict) else None
    if not coords or coords.get("latitude") is None:
        st.warning(t(lang, "find.location.denied"))
        return
    st.session_state.point = (float(coords["latitude"]), float(coords["longitude"]), "device")
    st.rerun()


FIRST = 10  # places listed before "show more": the nearest few, not a wall of names
PRINTED = 3  # the short list people take on paper


def shown_hits(hits: list, chosen: bool, show_all: bool) -> list:
    """What the list shows: nothing until the person gives a location or a filter (the map shows
    every place meanwhile), then the nearest ``FIRST``; everything once asked."""
    if show_all:
        return list(hits)
    return list(hits[:FIRST]) if chosen else []


def _show_all() -> None:
    st.session_state.show_all = True


def printable_html(hits: list, lang: str, now: dt.datetime, city: City) -> str:
    """A small page to print or keep: the nearest places with their address, phone, today's hours
    and next sessions, the City's help line; every value escaped, no script, no external resource."""
    e = html.escape
    items = "".join(f"<li>{place_html(hit, lang, None, now, city.timezone)}</li>" for hit in hits)
    remote = remote_help_html(city, lang) if city.remote_phone else ""
    title = t(lang, "print.title")
    return (f'<!DOCTYPE html><html lang="{e(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>body{{font:16px/1.5 sans-serif;max-width:40em;margin:1em auto;padding:0 1em;color:#000;background:#fff}}"
            f"a{{color:#00529b}}</style></head><body><main><h1>{e(title)}</h1>"
            f"<p>{e(t(lang, 'print.made', date=format_skeleton('yMMMd', now, locale=BABEL_LOCALE.get(lang, lang))))}</p>"
            f"<ol>{items}</ol>{remote}</main></body></html>")


def remote_help_html(city: City, lang: str) -> str:
    """The city's help line for people who cannot travel: the sentence from the catalog, escaped,
    with the number as a link to call."""
    hours = city.remote_hours.get(lang) or city.remote_hours.get("fi", "")
    link = f'<a href="{html.escape(tel_target(city.remote_phone))}">{html.escape(city.remote_phone)}</a>'
    sentence = html.escape(t(lang, "find.remote", phone="\x00", hours=hours)).replace("\x00", link)
    return f'<p class="kaikille-remote"><strong>{sentence}</strong></p>'


def find_help_page(settings: AppSettings) -> None:
    lang = st.session_state.get("lang", "fi")
    set_document_language(lang)
    st.title(t(lang, "app.title"))
    try:
        city, places, pending = load_data(settings.city, settings.places, settings.tiles)
    except LocatorDataError as exc:  # a resident gets a plain sentence; the operator's log gets the details
        log.error("the locator's data cannot be used: %s", exc)
        st.error(t(lang, "data.unavailable"))
        return
    st.write(t(lang, "find.intro"))
    if city.remote_phone:
        st.html(remote_help_html(city, lang))

    where_col, filter_col = st.columns(2, gap="large")
    with where_col:
        st.header(t(lang, "find.where.heading"))
        postcode = st.text_input(t(lang, "find.postcode"), key="postcode", max_chars=5, help=t(lang, "find.postcode.help"),
                                 on_change=_clear_point)
        device_location(lang)
        st.write(t(lang, "find.location.note"))

    with filter_col:
        st.header(t(lang, "find.filters.heading"))
        present_types = [k for k in city.place_types if any(p.type == k for p in places)]
        types = st.multiselect(t(lang, "find.filter.types"), present_types, format_func=lambda k: t(lang, f"type.{k}"),
                               placeholder=t(lang, "find.filter.placeholder"))
        support_langs = sorted({code for p in places for code in p.languages if code in LANGUAGES})
        languages = (
            st.multiselect(t(lang, "find.filter.language"), support_langs, format_func=lambda k: t(lang, f"lang.{k}"),
                           placeholder=t(lang, "find.filter.placeholder"))
            if support_langs else []
        )
        wheelchair = st.checkbox(t(lang, "find.filter.wheelchair")) if any(p.wheelchair is not None for p in places) else False
        now = local_now(city)
        open_now = st.checkbox(t(lang, "find.filter.open_now")) if any(p.periods for p in places) else False
        this_week = st.checkbox(t(lang, "find.filter.sessions")) if any(p.sessions for p in places) else False

    point = st.session_state.get("point")
    query = Query(postcode=postcode, point=point[:2] if point else None, point_kind=point[2] if point else "click",
                  types=tuple(types), languages=tuple(languages), wheelchair_only=wheelchair, open_at=now if open_now else None,
                  sessions_from=now.replace(tzinfo=ZoneInfo(city.timezone)) if this_week else None)
    answer: Answer = find(city, places, query, lang)

    # a large screen: the list beside the map; a phone: the list, then the map (columns stack)
    list_col, map_col = st.columns(2, gap="large")
    with list_col:
        st.header(t(lang, "find.results.heading"))
        if answer.notice:
            st.warning(t(lang, answer.notice, postcode=postcode.strip(), city=city.name))
        origin = answer.origin
        if origin is None:
            st.write(t(lang, "find.origin.none"))
            origin_label = None
        elif origin.kind == "postcode":
            st.write(t(lang, "find.origin.postcode", postcode=origin.postcode, area=origin.area))
            origin_label = (origin.postcode, origin.lat, origin.lon)
        else:
            st.write(t(lang, f"find.origin.{origin.kind}"))
            origin_label = (t(lang, "map.you"), origin.lat, origin.lon)
        shown: list = []
        if not answer.hits:
            st.info(t(lang, "find.results.none"))
        else:
            st.write(t(lang, "find.results.count", count=len(answer.hits)))
            shown = shown_hits(answer.hits, chosen=origin is not None or bool(types or languages or wheelchair or open_now or this_week),
                               show_all=bool(st.session_state.get("show_all")))
            if shown:
                items = "".join(f"<li>{place_html(hit, lang, origin_label, now, city.timezone)}</li>" for hit in shown)
                st.html(f'<ol class="kaikille-places">{items}</ol>')
                st.download_button(t(lang, "print.button", count=min(PRINTED, len(shown))),
                                   data=printable_html(shown[:PRINTED], lang, now, city), file_name=t(lang, "print.file"),
                                   mime="text/html", key="print_button")
            if len(shown) < len(answer.hits):
                label = "find.results.more" if shown else "find.results.show_all"
                st.button(t(lang, label, count=len(answer.hits) - len(shown)), key="show_all_button", on_click=_show_all)

    with map_col:
        st.header(t(lang, "map.heading"))
        on_map = [h.place for h in shown if h.place.located]
        focus = (st.selectbox(t(lang, "map.focus"), [p.id for p in on_map], index=None, key="map_focus",
                              format_func=lambda ident: next(p.name(lang) for p in on_map if p.id == ident),
                              placeholder=t(lang, "map.focus.placeholder"))
                 if on_map else None)
        st.html(f'<p><a href="#after-map">{html.escape(t(lang, "map.skip"))}</a></p>')
        fmap = build_map(city, answer.hits, origin, lang, focus)
        clicked = st_folium(fmap, key="map", height=460, use_container_width=True, returned_objects=["last_clicked"])
        last = (clicked or {}).get("last_clicked")
        if last and (last["lat"], last["lng"]) != st.session_state.get("last_click"):
            st.session_state.last_click = (last["lat"], last["lng"])
            st.session_state.point = (last["lat"], last["lng"], "click")
            st.rerun()
        st.html(f'<p id="after-map" tabindex="-1">{html.escape(t(lang, "map.summary", count=len(answer.hits)))} '
                f'{html.escape(t(lang, "map.tiles_note"))}</p>')

    st.header(t(lang, "data.heading"))
    tiles = city.tiles_name if city.tiles_url else t(lang, "map.no_tiles")
    st.write(t(lang, "data.attribution", sources=city.attribution.get(lang, city.attribution.get("fi", "")), tiles=tiles))
    st.write(t(lang, "data.snapshot"))
    if pending:
        st.write(t(lang, "data.pending", count=pending))
