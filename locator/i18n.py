"""Every sentence a resident reads, in per-language catalogs (locales/fi.json, sv.json, en.json).

A missing key is an error, never a silent fallback to another language.
"""

from __future__ import annotations

from audit.catalogs import LANGUAGES, placeholders, text
from audit.catalogs import catalog as _catalog

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "catalog", "t", "placeholders", "pick_language"]
DEFAULT_LANGUAGE = "fi"


def catalog(lang: str) -> dict[str, str]:
    return _catalog("locator", lang)


def t(lang: str, key: str, **params: object) -> str:
    """The text for ``key`` in ``lang`` with its {placeholders} filled; KeyError if the key is missing."""
    return text("locator", lang, key, **params)


def pick_language(accept_language: str | None) -> str:
    """The first of fi/sv/en the browser asks for (``Accept-Language`` or a locale like 'sv-FI')."""
    if accept_language:
        for part in accept_language.split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE
