"""Plain HTTP loading, for `kaikille discover`: the browser stage's counterpart without a browser.

Follows redirects hop by hop under the same rule as the browser (the frontier decides each hop),
reads links from the served HTML with BeautifulSoup (links that only JavaScript creates are not
found), and never reads more than a bounded amount of one answer.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

from audit.visit import Follow, Visit, is_html, take_redirect
from kaikille.http import USER_AGENT

MAX_HTML_BYTES = 10 * 1024 * 1024


def links_in(soup: BeautifulSoup, base: str) -> list[tuple[str, str]]:
    """Each link's URL and its text (its label, else its words), in document order."""
    tag = soup.find("base", href=True)
    base = urljoin(base, tag["href"]) if tag else base
    found = []
    for a in soup.find_all(["a", "area"], href=True):
        try:
            url = urljoin(base, a["href"])
        except ValueError:  # e.g. an invalid IPv6 host in a link: not a URL we can follow
            continue
        label = a.get("aria-label") or a.get_text(" ", strip=True) or a.get("title") or a.get("alt") or ""
        found.append((url, str(label).strip()[:300]))
    return found


class StaticPage:
    """A page as plain HTTP served it: its URL and HTML, no scripts run. Engines that only read markup
    can analyse it; the browser's ``LoadedPage`` is what every other engine needs."""

    def __init__(self, url: str, html: str) -> None:
        self.url = url
        self.html = html


class PlainHttp:
    label = "none (plain HTTP)"

    def __init__(self, session: requests.Session, timeout: float) -> None:
        self.session = session
        self.timeout = timeout
        self.user_agent = session.headers.get("User-Agent", USER_AGENT)

    def _get(self, url: str) -> tuple[requests.Response, bytes]:
        with self.session.get(url, timeout=self.timeout, allow_redirects=False, stream=True) as response:
            body = response.raw.read(MAX_HTML_BYTES, decode_content=True) if response.status_code < 300 else b""
            return response, body

    async def load(self, visit: Visit, follow: Follow) -> None:
        url = visit.url
        while True:
            try:
                response, body = await asyncio.to_thread(self._get, url)
            except (requests.RequestException, OSError) as exc:
                visit.error = f"{type(exc).__name__}: cannot load {url}"
                return
            location = response.headers.get("location")
            if not (300 <= response.status_code < 400 and location):
                break
            target = urljoin(url, location)
            if not take_redirect(visit, url, target, follow):
                return
            url = target
        visit.final_url = url
        visit.status = response.status_code
        if response.status_code >= 400:
            visit.error = f"HTTP {response.status_code}"
            return
        content_type = response.headers.get("content-type", "")
        if not is_html(content_type):
            visit.skip_reason = f"not HTML ({content_type.split(';')[0].strip().lower()})"
            return
        declared = "charset=" in response.headers.get("content-type", "").lower()
        html = body.decode(response.encoding if declared else "utf-8", "replace")
        soup = BeautifulSoup(html, "html.parser")
        visit.links = links_in(soup, url)
        visit.title = soup.title.get_text() if soup.title else ""
        visit.page = StaticPage(url, html)

    async def release(self, visit: Visit) -> None:
        return None

    def died(self) -> bool:
        return False
