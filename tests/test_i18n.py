"""Catalogs: every language has every key with the same placeholders; missing keys are errors."""

from __future__ import annotations

import pytest

from kaikille.catalogs import catalog as package_catalog
from locator.i18n import LANGUAGES, pick_language, placeholders, t


@pytest.mark.parametrize("package", ["kaikille", "locator", "statements", "audit", "audit.checks", "audit.reporters"])
def test_every_catalog_has_the_same_keys_and_placeholders(package):
    reference = package_catalog(package, "en")
    for lang in LANGUAGES:
        cat = package_catalog(package, lang)
        assert set(cat) == set(reference), lang
        for key, text in reference.items():
            if key == "date.format":  # each language writes dates its own way, from the same parts
                assert placeholders(cat[key]) <= {"d", "m", "y", "month"}, lang
            else:
                assert placeholders(cat[key]) == placeholders(text), (lang, key)
            assert cat[key].strip(), (lang, key)


def test_catalogs_cover_every_place_type_and_language():
    from locator.places import load_city

    for lang in LANGUAGES:
        for place_type in load_city().place_types:
            assert t(lang, f"type.{place_type}")
        for code in LANGUAGES:
            assert t(lang, f"lang.{code}")


def test_missing_key_is_an_error_not_a_fallback():
    with pytest.raises(KeyError):
        t("sv", "no.such.key")
    with pytest.raises(KeyError):
        t("de", "app.title")


@pytest.mark.parametrize("header, lang", [
    ("sv-FI,sv;q=0.9,en;q=0.8", "sv"), ("en-GB", "en"), ("de-DE,fi;q=0.5", "fi"), ("de-DE", "fi"), (None, "fi"), ("fi", "fi"),
])
def test_language_from_the_browser(header, lang):
    assert pick_language(header) == lang
