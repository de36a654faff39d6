"""One HTTP client for every command that fetches without a browser (discovery, robots.txt and
sitemaps, the statement checker, the locator's importers): one User-Agent, timeouts, retries."""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from kaikille import TOOL_NAME, __version__

USER_AGENT = f"{TOOL_NAME}/{__version__} (accessibility audit)"


def session(retries: int = 0, accept: str | None = None) -> requests.Session:
    """A requests session that says who it is; with ``retries``, GETs are retried with back-off on
    429 and 5xx answers and on connection errors."""
    s = requests.Session()
    s.headers["User-Agent"] = USER_AGENT
    if accept:
        s.headers["Accept"] = accept
    if retries:
        retry = Retry(total=retries, backoff_factor=0.5, status_forcelist=(429, 500, 502, 503, 504), allowed_methods=("GET",))
        s.mount("http://", HTTPAdapter(max_retries=retry))
        s.mount("https://", HTTPAdapter(max_retries=retry))
    return s
