"""Sitemaps (ultimate-sitemap-parser): the page URLs a site lists, from its own host only.

The robots.txt ``Sitemap:`` lines are read, else ``/sitemap.xml``; sitemap indexes are followed.
A sitemap, or an index entry, on another host is never fetched: a site cannot send the crawler
elsewhere through its sitemap. usp's long list of guessed paths is not tried either: it probes
paths such as admin pages that a polite crawler should not.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

import requests
from usp.fetch_parse import SitemapFetcher
from usp.web_client.abstract_client import AbstractWebClient, AbstractWebClientResponse
from usp.web_client.requests_client import RequestsWebClientErrorResponse, RequestsWebClientSuccessResponse

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one uncompressed file
MAX_SITEMAP_URLS = 50_000
MAX_HOPS = 5  # the sitemaps.org limit for one file; we read no more from a whole site


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


class _SameSiteClient(AbstractWebClient):
    """usp's web client: our session and timeout, and nothing fetched from another host."""

    def __init__(self, start_url: str, session: requests.Session, timeout: float) -> None:
        self._host = _origin(start_url)[1]
        self._session = session
        self._timeout = timeout
        self._max = MAX_SITEMAP_BYTES

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        self._max = max_response_data_length or MAX_SITEMAP_BYTES

    def get(self, url: str) -> AbstractWebClientResponse:
        if _origin(url)[1] != self._host:
            return RequestsWebClientErrorResponse(message=f"{url} is on another host: not read", retryable=False)
        for _hop in range(MAX_HOPS + 1):
            try:
                response = self._session.get(url, timeout=self._timeout, stream=True, allow_redirects=False)
            except requests.Timeout as exc:
                return RequestsWebClientErrorResponse(message=str(exc), retryable=True)
            except requests.RequestException as exc:
                return RequestsWebClientErrorResponse(message=str(exc), retryable=False)
            location = response.headers.get("location")
            if not (300 <= response.status_code < 400 and location):
                break
            url = urljoin(url, location)  # a redirect is followed only on the same host
            if _origin(url)[1] != self._host:
                return RequestsWebClientErrorResponse(message=f"redirects to another host: {url}", retryable=False)
        if 200 <= response.status_code < 300:
            return RequestsWebClientSuccessResponse(response, self._max)
        return RequestsWebClientErrorResponse(message=f"HTTP {response.status_code}", retryable=False)


def sitemap_urls(start_url: str, listed: list[str], session: requests.Session, timeout: float) -> list[str]:
    """Page URLs from the sitemaps ``listed`` in robots.txt that are on the start URL's host, else
    from /sitemap.xml."""
    logging.getLogger("usp").setLevel(logging.CRITICAL)  # usp logs every 404 it meets; we report what matters
    host = _origin(start_url)[1]
    roots = [u for u in listed if _origin(u)[1] == host] or [urljoin(start_url, "/sitemap.xml")]
    client = _SameSiteClient(start_url, session, timeout)
    pages = _read(roots, client)
    fallback = urljoin(start_url, "/sitemap.xml")
    if not pages and fallback not in roots:
        pages = _read([fallback], client)
    return pages


def _read(roots: list[str], client: _SameSiteClient) -> list[str]:
    pages: list[str] = []
    for root in dict.fromkeys(roots):
        fetcher = SitemapFetcher(url=root, recursion_level=0, web_client=client, parent_urls=set(), quiet_404=True)
        pages += [page.url for page in fetcher.sitemap().all_pages()]
        if len(pages) >= MAX_SITEMAP_URLS:
            break
    return list(dict.fromkeys(pages))[:MAX_SITEMAP_URLS]
