"""Every sentence a resident reads, in per-language catalogs (locales/fi.json, sv.json, en.json).

A missing key is an error, never a silent fallback to another language.
"""

from __future__ import annotations

from kaikille.catalogs import DEFAULT_LANGUAGE, LANGUAGES, pick_language, placeholders, text
from kaikille.catalogs import catalog as _catalog

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "catalog", "t", "placeholders", "pick_language"]


def catalog(lang: str) -> dict[str, str]:
    return _catalog("locator", lang)


def t(lang: str, key: str, **params: object) -> str:
    """The text for ``key`` in ``lang`` with its {placeholders} filled; KeyError if the key is missing."""
    return text("locator", lang, key, **params)
