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
from branca.element import MacroElement
from jinja2 import Template

from locator.search import Origin
from locator.i18n import t
from locator.places import City
from locator.search import Hit


def _data_url(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@cache
def leaflet_assets() -> dict[str, str]:
    """Leaflet's script, style sheet and marker images as data: URLs from the installed XStatic-Leaflet."""
    base = Path(xleaflet.BASE_DIR)
    images = base / "images"
    return {
        "js": _data_url(base / "leaflet.js", "text/javascript"),
        "css": _data_url(base / "leaflet.css", "text/css"),
        "iconUrl": _data_url(images / "marker-icon.png", "image/png"),
        "iconRetinaUrl": _data_url(images / "marker-icon-2x.png", "image/png"),
        "shadowUrl": _data_url(images / "marker-shadow.png", "image/png"),
    }


class MarkerImages(MacroElement):
    """Point Leaflet's default marker at the images the app serves (no request for images/*.png)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.Icon.Default.imagePath = '';"
        "L.Icon.Default.mergeOptions({{ this.images|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, images: dict[str, str]) -> None:
        super().__init__()
        self._name = "MarkerImages"
        self.images = images


class TextPopup(MacroElement):
    """A popup bound with Leaflet alone. (folium.Popup builds its content with jQuery, which we do not
    load: only Leaflet is served.) The content is HTML whose every piece of data is escaped."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup({{ this.content|tojson }}, {maxWidth: {{ this.max_width }}});"
        "{% if this.open %}{{ this._parent.get_name() }}.openPopup();{% endif %}"
        "{% endmacro %}"
    )

    def __init__(self, content: str, max_width: int = 280, open: bool = False) -> None:
        super().__init__()
        self._name = "TextPopup"
        self.content = content
        self.max_width = max_width
        self.open = open


class ZoomButtons(MacroElement):
    """Leaflet's zoom buttons with their titles in the page's language (Leaflet's own are English)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.zoom({zoomInTitle: {{ this.zoom_in|tojson }}, zoomOutTitle: {{ this.zoom_out|tojson }}})"
        ".addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, zoom_in: str, zoom_out: str) -> None:
        super().__init__()
        self._name = "ZoomButtons"
        self.zoom_in, self.zoom_out = zoom_in, zoom_out


class TextTooltip(MacroElement):
    """A tooltip whose content reaches the map's script as JSON (folium.Tooltip puts it inside a
    JavaScript template literal, where a name with ``${…}`` or a backtick would run as code)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindTooltip({{ this.content|tojson }}, {sticky: true});"
        "{% endmacro %}"
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "TextTooltip"
        self.content = html.escape(text)  # HTML-escaped for Leaflet, then JSON-encoded for the script


def popup_html(hit: Hit, lang: str) -> str:
    place = hit.place
    parts = [f"<strong>{html.escape(place.name(lang))}</strong>", html.escape(t(lang, f"type.{place.type}"))]
    if place.address:
        parts.append(html.escape(f"{place.address}, {place.postcode} {place.city}".strip(", ")))
    if hit.metres:
        parts.append(html.escape(t(lang, "place.distance", km=f"{hit.metres / 1000:.1f}", minutes=hit.minutes)))
    return "<br>".join(parts)


FOCUS_ZOOM = 16


def build_map(city: City, hits: list[Hit], origin: Origin | None, lang: str, focus: str | None = None) -> folium.Map:
    """The places on a map; ``focus`` (a place id, chosen from the list) centres the map on that
    place with its popup open."""
    assets = leaflet_assets()
    chosen = next((h.place for h in hits if h.place.id == focus and h.place.located), None)
    if chosen is not None:
        center, zoom = (chosen.lat, chosen.lon), FOCUS_ZOOM
    else:
        center, zoom = ((origin.lat, origin.lon) if origin else city.center), city.zoom + (2 if origin else 0)
    fmap = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True, zoom_control=False)
    ZoomButtons(t(lang, "map.zoom_in"), t(lang, "map.zoom_out")).add_to(fmap)
    fmap.default_js = [("leaflet", assets["js"])]  # only Leaflet, from this app; no jQuery/Bootstrap CDNs
    fmap.default_css = [("leaflet_css", assets["css"])]
    MarkerImages({k: v for k, v in assets.items() if k.endswith("Url")}).add_to(fmap)
    if city.tiles_url:
        folium.TileLayer(tiles=city.tiles_url, attr=city.tiles_attribution, name=city.tiles_name).add_to(fmap)
    for hit in (h for h in hits if h.place.located):
        name = hit.place.name(lang)
        marker = folium.Marker([hit.place.lat, hit.place.lon], title=name, alt=name).add_to(fmap)
        TextTooltip(name).add_to(marker)
        TextPopup(popup_html(hit, lang), open=hit.place is chosen).add_to(marker)
    if origin:
        you = t(lang, "map.you")
        here = folium.CircleMarker([origin.lat, origin.lon], radius=9, color="#0000bf", weight=3, fill=True,
                                   fill_color="#ffffff", fill_opacity=1).add_to(fmap)
        TextTooltip(you).add_to(here)
    return fmap
