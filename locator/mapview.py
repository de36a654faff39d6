"""The Folium map: the same places as the list, labelled markers and popups, the chosen location.

Leaflet's JS, CSS and marker image come from the XStatic-Leaflet package and are served by the app
itself (as data: URLs inside the map component): no request to a CDN, works in closed networks.
"""

from __future__ import annotations

import base64
import html
from functools import cache
from pathlib import Path

import folium
import xstatic.pkg.leaflet as xleaflet

from locator.finder import Origin
from locator.i18n import t
from locator.places import City
from locator.search import Hit

MARKER_SIZE = (25, 41)
MARKER_ANCHOR = (12, 41)


def _data_url(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@cache
def leaflet_assets() -> tuple[str, str, str]:
    """(leaflet.js, leaflet.css, marker icon) as data: URLs from the installed XStatic-Leaflet."""
    base = Path(xleaflet.BASE_DIR)
    return (
        _data_url(base / "leaflet.js", "text/javascript"),
        _data_url(base / "leaflet.css", "text/css"),
        _data_url(base / "images" / "marker-icon.png", "image/png"),
    )


def popup_html(hit: Hit, lang: str) -> str:
    place = hit.place
    parts = [f"<strong>{html.escape(place.name(lang))}</strong>", html.escape(t(lang, f"type.{place.type}"))]
    if place.address:
        parts.append(html.escape(f"{place.address}, {place.postcode} {place.city}".strip(", ")))
    if hit.metres:
        parts.append(html.escape(t(lang, "place.distance", km=f"{hit.metres / 1000:.1f}", minutes=hit.minutes)))
    return "<br>".join(parts)


def build_map(city: City, hits: list[Hit], origin: Origin | None, lang: str) -> folium.Map:
    js, css, icon = leaflet_assets()
    center = (origin.lat, origin.lon) if origin else city.center
    fmap = folium.Map(location=center, zoom_start=city.zoom + (2 if origin else 0), tiles=None, control_scale=True)
    fmap.default_js = [("leaflet", js)]  # only Leaflet, from this app; no jQuery/Bootstrap CDNs
    fmap.default_css = [("leaflet_css", css)]
    if city.tiles_url:
        folium.TileLayer(tiles=city.tiles_url, attr=city.tiles_attribution, name=city.tiles_name).add_to(fmap)
    for hit in hits:
        name = hit.place.name(lang)
        folium.Marker(
            [hit.place.lat, hit.place.lon],
            tooltip=folium.Tooltip(html.escape(name)),
            popup=folium.Popup(popup_html(hit, lang), max_width=280),
            icon=folium.CustomIcon(icon, icon_size=MARKER_SIZE, icon_anchor=MARKER_ANCHOR, popup_anchor=(1, -34)),
            title=name,
            alt=name,
        ).add_to(fmap)
    if origin:
        you = t(lang, "map.you")
        folium.CircleMarker([origin.lat, origin.lon], radius=9, color="#0000bf", weight=3, fill=True,
                            fill_color="#ffffff", fill_opacity=1, tooltip=folium.Tooltip(html.escape(you))).add_to(fmap)
    return fmap
