"""Standards knowledge as data: WCAG success criteria, levels and EN 301 549 clauses.

The table lives in ``kaikille/data/wcag_criteria.json``; this module reads it once and offers the
one function that turns axe-core tags into success criteria, and the list of the 49 criteria that
Finnish law requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kaikille.files import package_json

# Tag sets for rule selection. The default is what Finnish law requires: WCAG 2.1 A and AA.
STANDARD_TAGS: dict[str, tuple[str, ...]] = {
    "wcag21aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    "wcag22aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"),
    "wcag2aa": ("wcag2a", "wcag2aa"),
}
BEST_PRACTICE_TAG = "best-practice"

_SC_TAG = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Criterion:
    """A WCAG success criterion, e.g. 1.4.3 Contrast (Minimum), level AA, EN 301 549 9.1.4.3."""

    sc: str
    handle: str
    level: str
    en_301_549: str | None


@cache
def criteria_table() -> dict[str, Criterion]:
    raw = package_json("kaikille", "data/wcag_criteria.json")
    return {
        row["sc"]: Criterion(row["sc"], row["handle_en"], row["level"], row["en_301_549"])
        for row in raw["success_criteria"]
    }


def criterion_from_tag(tag: str) -> Criterion | None:
    """``wcag143`` -> 1.4.3 Contrast (Minimum); ``wcag2aa`` and non-WCAG tags -> None."""
    match = _SC_TAG.match(tag)
    if not match:
        return None
    number = ".".join(match.groups())
    known = criteria_table().get(number)
    return known or Criterion(number, "", "", None)


def criteria_from_tags(tags: list[str] | tuple[str, ...]) -> tuple[Criterion, ...]:
    found = {c for c in (criterion_from_tag(t) for t in tags) if c is not None}
    return tuple(sorted(found, key=lambda c: tuple(int(p) for p in c.sc.split("."))))


def required_criteria() -> tuple[str, ...]:
    """WCAG 2.1 A and AA minus 1.2.4: the 49 criteria of EN 301 549 V3.2.1 that law 306/2019 requires."""
    return tuple(
        c.sc for c in criteria_table().values()
        if c.level in ("A", "AA") and c.en_301_549 and c.sc != "1.2.4"
    )


def sc_key(sc: str) -> tuple[int, ...]:
    """Sort key for criterion numbers: 1.4.10 after 1.4.3."""
    return tuple(int(p) if p.isdigit() else 0 for p in sc.split("."))


@cache
def _names() -> dict[str, dict]:
    return {row["sc"]: row for row in package_json("kaikille", "data/wcag_criteria.json")["success_criteria"]}


def criterion_name(sc: str, lang: str) -> tuple[str, bool]:
    """The criterion's name in ``lang`` (fi, sv, en) and whether that name is an official translation.

    Finnish names are W3C's authorised Finnish translation of WCAG 2.1; Swedish names of the WCAG 2.0
    criteria are W3C's authorised Swedish translation of WCAG 2.0, the WCAG 2.1 additions have none
    (their Swedish names are marked unofficial); English is W3C's own. Unknown language: English."""
    row = _names().get(sc)
    if row is None:
        return "", False
    if lang in ("fi", "sv") and row.get(f"name_{lang}"):
        return row[f"name_{lang}"], bool(row.get(f"name_{lang}_official", True))
    return row["handle_en"], True
