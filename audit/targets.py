"""A URL chosen for auditing ahead of time (by `kaikille discover`), with where it was found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    url: str
    depth: int
    found_on: str | None
