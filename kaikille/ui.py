"""The small shared helper every app page is built on: settings, language, the document's language.

Pages never read ``sys.argv`` or the environment: the app shell (``kaikille.app``) reads its
arguments once into ``AppSettings`` and hands them to each page.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import streamlit as st

from kaikille.catalogs import LANGUAGES, pick_language, text


# Streamlit's theme, for every page: form fields get a border with at least 3:1 contrast against the
# white page (WCAG 1.4.11; Streamlit's default is a light grey fill at 1.1:1, found by kaikille's own
# text-field-boundary check).
THEME = {"theme.base": "light", "theme.showWidgetBorder": "true", "theme.borderColor": "#767676"}


@dataclass(frozen=True)
class AppSettings:
    """What `kaikille app` was started with (each page reads the fields it needs)."""

    places: str | None = None  # the locator's places CSV (default: the embedded snapshot)
    city: str | None = None  # the city settings file (default: the bundled locator/city.toml)
    tiles: str | None = None  # background map tile URL, or 'none'
    evaluations: str = "evaluations"  # the folder of the coordinators' evaluation files (kaikille evaluate)
    reports: str = "kaikille-report"  # the audits' report folder (results.json, history.sqlite)
    sites: str = "sites.txt"  # the City's sites: their published statements are found from the front pages


def parse_settings(argv: list[str]) -> AppSettings:
    parser = argparse.ArgumentParser(prog="kaikille app", add_help=False)
    for name in ("places", "city", "tiles"):
        parser.add_argument(f"--{name}")
    parser.add_argument("--evaluations", default="evaluations")
    parser.add_argument("--reports", default="kaikille-report")
    parser.add_argument("--sites", default="sites.txt")
    args, _ = parser.parse_known_args(argv)
    return AppSettings(places=args.places, city=args.city, tiles=args.tiles, evaluations=args.evaluations,
                       reports=args.reports, sites=args.sites)


def t(lang: str, key: str, **params: object) -> str:
    """The app frame's own sentences (kaikille/locales)."""
    return text("kaikille", lang, key, **params)


def language_name(code: str) -> str:
    """A language's name in itself: suomi, svenska, English."""
    return t(code, "lang.self")


def current_language() -> str:
    """The person's choice this session, else the first of fi/sv/en their browser asks for."""
    if "lang" not in st.session_state:
        st.session_state.lang = pick_language(st.context.locale or st.context.headers.get("Accept-Language"))
    return st.session_state.lang


def language_switcher(lang: str) -> str:
    """A select box labelled in all three languages; a change reruns the app in the new language."""
    chosen = st.selectbox(
        " · ".join(t(code, "app.language") for code in LANGUAGES),
        LANGUAGES,
        index=LANGUAGES.index(lang),
        format_func=language_name,
    )
    if chosen != lang:
        st.session_state.lang = chosen
        st.rerun()
    return lang


def set_document_language(lang: str) -> None:
    """Streamlit's page says lang="en"; make the document's language the one the person reads."""
    st.iframe(f"<script>window.parent.document.documentElement.lang = {lang!r};</script>", height=1)


def staff_page_start(lang: str, title: str, intro: str) -> None:
    """The start every staff page shares: the document in the page's language, its one heading and
    its introduction."""
    set_document_language(lang)
    st.title(title)
    st.write(intro)
