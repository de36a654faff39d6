"""Every sentence a resident reads, in per-language catalogs (locales/fi.json, sv.json, en.json).

A missing key is an error, never a silent fallback to another language.
"""

from __future__ import annotations

import json
import string
from functools import cache
from importlib import resources

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"


@cache
def catalog(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise KeyError(f"no catalog for language {lang!r}")
    return json.loads(resources.files("locator").joinpath(f"locales/{lang}.json").read_text("utf-8"))


def t(lang: str, key: str, **params: object) -> str:
    """The text for ``key`` in ``lang`` with its {placeholders} filled; KeyError if the key is missing."""
    text = catalog(lang)[key]
    return text.format(**params) if params else text


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def pick_language(accept_language: str | None) -> str:
    """The first of fi/sv/en the browser asks for (``Accept-Language`` or a locale like 'sv-FI')."""
    if accept_language:
        for part in accept_language.split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE
