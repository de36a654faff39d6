"""Page discovery beyond links: robots.txt (Protego) and sitemaps (ultimate-sitemap-parser)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin

import requests
from protego import Protego
from usp.fetch_parse import SitemapFetcher
from usp.tree import sitemap_tree_for_homepage
from usp.web_client.abstract_client import AbstractWebClient, AbstractWebClientResponse
from usp.web_client.requests_client import RequestsWebClientErrorResponse, RequestsWebClientSuccessResponse

ROBOTS_TOKEN = "kaikille"
logging.getLogger("usp").setLevel(logging.CRITICAL)  # usp logs every 404 it meets; we report what matters
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file


@dataclass(frozen=True)
class Robots:
    """robots.txt rules for one site; allows everything when there is none (or it is ignored)."""

    parser: Protego | None = None

    def allows(self, url: str) -> bool:
        return self.parser is None or self.parser.can_fetch(url, ROBOTS_TOKEN)

    @property
    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser else []


class _Client(AbstractWebClient):
    """usp's web client, identifying as kaikille and with our timeout."""

    def __init__(self, user_agent: str, timeout: float) -> None:
        self._session = requests.Session()
        self._session.headers["User-Agent"] = user_agent
        self._timeout = timeout
        self._max = MAX_SITEMAP_BYTES

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        self._max = max_response_data_length or MAX_SITEMAP_BYTES

    def get(self, url: str) -> AbstractWebClientResponse:
        try:
            response = self._session.get(url, timeout=self._timeout, stream=True)
        except requests.Timeout as exc:
            return RequestsWebClientErrorResponse(message=str(exc), retryable=True)
        except requests.RequestException as exc:
            return RequestsWebClientErrorResponse(message=str(exc), retryable=False)
        if 200 <= response.status_code < 300:
            return RequestsWebClientSuccessResponse(response, self._max)
        return RequestsWebClientErrorResponse(message=f"HTTP {response.status_code}", retryable=False)


def fetch_robots(start_url: str, user_agent: str, timeout: float) -> Robots:
    """Read /robots.txt; a missing or unreadable one means no restrictions (as crawlers agree)."""
    try:
        response = requests.get(urljoin(start_url, "/robots.txt"), headers={"User-Agent": user_agent}, timeout=timeout)
    except requests.RequestException:
        return Robots()
    if response.status_code != 200:
        return Robots()
    return Robots(Protego.parse(response.text))


def sitemap_urls(start_url: str, user_agent: str, timeout: float) -> list[str]:
    """Page URLs from the site's sitemaps: the robots.txt Sitemap lines, else /sitemap.xml;
    sitemap indexes are followed. (usp's long list of guessed paths is not tried: it probes
    paths such as admin pages that a polite crawler should not.)"""
    client = _Client(user_agent, timeout)
    tree = sitemap_tree_for_homepage(start_url, web_client=client, use_known_paths=False)
    pages = [page.url for page in tree.all_pages()]
    if not pages:
        root = urljoin(start_url, "/sitemap.xml")
        fallback = SitemapFetcher(url=root, recursion_level=0, web_client=client, parent_urls=set(), quiet_404=True)
        pages = [page.url for page in fallback.sitemap().all_pages()]
    return pages
