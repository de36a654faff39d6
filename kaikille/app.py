"""The Streamlit app shell: `kaikille app` (or `streamlit run app.py -- [--places FILE] ...`).

It reads the app's settings once, offers the language, and composes the pages that the kaikille
packages register under the ``kaikille.pages`` entry point group: each entry is a function
``pages(lang, settings) -> dict[section, list[st.Page]]``. Adding a page is one module in its
package and one registration line in pyproject.toml. The residents' page is the default and comes
first; staff pages follow in their own section.
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

import streamlit as st

from kaikille.ui import AppSettings, current_language, language_switcher, parse_settings, t

SECTIONS = ("residents", "staff")  # the order of the navigation's sections


def registered_pages(lang: str, settings: AppSettings) -> dict[str, list]:
    sections: dict[str, list] = {name: [] for name in SECTIONS}
    for entry in sorted(entry_points(group="kaikille.pages"), key=lambda e: e.name):
        for section, pages in entry.load()(lang, settings).items():
            sections.setdefault(section, []).extend(pages)
    return {t(lang, f"app.nav.{name}"): pages for name, pages in sections.items() if pages}


def main(argv: list[str] | None = None) -> None:
    settings = parse_settings(sys.argv[1:] if argv is None else argv)
    lang = current_language()
    st.set_page_config(layout="wide")  # pages set their own columns: the list beside the map on a large screen
    # Streamlit's running indicator ("Stop") fades in half a second into a slow script run: it appears at once
    # instead (no motion; a fade is no state to read, or to measure contrast in, as our own audit did)
    st.html("<style>[data-testid=stStatusWidget]{transition:none!important}</style>")
    language_switcher(lang)
    sections = registered_pages(lang, settings)
    only_one = sum(len(p) for p in sections.values()) == 1
    # Our own links rather than Streamlit's sidebar menu (its list markup fails axe's "list" rule):
    # one line under the language, each section's pages as links; the residents' page stays first.
    current = st.navigation(next(iter(sections.values())) if only_one else sections, position="hidden")
    if not only_one:
        # Streamlit marks the current page's link with the same background it gives a focused link:
        # an outline shows where the focus is on every link (WCAG 2.4.7; found by kaikille's own check)
        st.html("<style>[data-testid=stPageLink-NavLink]:focus-visible{outline:3px solid #1f1f1f;outline-offset:2px}</style>")
        with st.container(horizontal=True, key="kaikille_nav"):
            for name, pages in sections.items():
                for page in pages:
                    st.page_link(page, label=f"{name}: {page.title}")
    current.run()


if __name__ == "__main__":  # streamlit runs this file
    main()
