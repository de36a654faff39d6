"""Per-language text catalogs (``<package>/locales/<lang>.json``), shared by the kaikille packages.

A missing key raises KeyError: never a silent fallback to another language.
"""

from __future__ import annotations

import string
from functools import cache

from kaikille.files import package_json

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"


@cache
def catalog(package: str, lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise KeyError(f"no catalog for language {lang!r}")
    return package_json(package, f"locales/{lang}.json")


def text(package: str, lang: str, key: str, /, **params: object) -> str:
    value = catalog(package, lang)[key]
    return value.format(**params) if params else value


def placeholders(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


def pick_language(accept_language: str | None) -> str:
    """The first of fi/sv/en the browser asks for (``Accept-Language`` or a locale like 'sv-FI')."""
    if accept_language:
        for part in accept_language.split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE
