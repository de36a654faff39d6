"""robots.txt (Protego): what a site lets the kaikille user-agent token load, and its Sitemap lines."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from protego import Protego

ROBOTS_TOKEN = "kaikille"
MAX_ROBOTS_BYTES = 500 * 1024  # Google reads the first 500 KiB; so do we


@dataclass(frozen=True)
class Robots:
    """robots.txt rules for one site; allows everything when there is none (or it is ignored)."""

    parser: Protego | None = None

    def allows(self, url: str) -> bool:
        return self.parser is None or self.parser.can_fetch(url, ROBOTS_TOKEN)

    @property
    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser else []


def fetch_robots(start_url: str, session: requests.Session, timeout: float) -> Robots:
    """Read /robots.txt; a missing or unreadable one means no restrictions (as crawlers agree)."""
    try:
        response = session.get(urljoin(start_url, "/robots.txt"), timeout=timeout, stream=True)
        text = response.raw.read(MAX_ROBOTS_BYTES, decode_content=True).decode(response.encoding or "utf-8", "replace")
    except (requests.RequestException, OSError, ValueError):
        return Robots()
    if response.status_code != 200:
        return Robots()
    return Robots(Protego.parse(text))
