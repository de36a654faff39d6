"""`kaikille discover`: find the URLs to audit once, with plain HTTP (no browser), for sharded runs.

Follows the same rules as the audit's own crawl — scope, include/exclude, robots.txt, sitemaps,
max-pages, max-depth, URL normalisation — but reads links from the served HTML with BeautifulSoup,
so links that only JavaScript creates are not found (the browser crawl finds those). The result is a
URL list that `kaikille audit --urls-from FILE --shard i/n` splits between CI machines.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

from audit import TOOL_NAME, __version__
from audit.config import AuditConfig
from audit.crawl import SitePlan, plan
from audit.discovery import Robots, fetch_robots, sitemap_urls
from audit.errors import UsageError, read_json_object
from audit.model import Skipped
from audit.sites import SiteSpec
from audit.targets import Target
from audit.urls import file_type, is_http_url, normalize

FORMAT = "kaikille-urls/1"
USER_AGENT = f"{TOOL_NAME}/{__version__} (accessibility audit; discovery)"
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _links(html: str, base: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    tag = soup.find("base", href=True)
    base = urljoin(base, tag["href"]) if tag else base
    return [urljoin(base, a["href"]) for a in soup.find_all(["a", "area"], href=True)]


def discover_site(site: SitePlan, config: AuditConfig, session: requests.Session) -> tuple[list[Target], list[Skipped]]:
    timeout = float(config.timeout)
    robots = Robots() if config.ignore_robots else fetch_robots(site.start_url, USER_AGENT, timeout)
    targets: list[Target] = []
    skipped: list[Skipped] = []
    seen = {site.start_url}
    frontier = [(site.start_url, None)]
    extra = [] if config.no_sitemaps else sitemap_urls(site.start_url, USER_AGENT, timeout)

    def admit(links: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        admitted = []
        for raw, parent in links:
            if not is_http_url(raw) or (url := normalize(raw)) in seen:
                continue
            seen.add(url)
            if reason := site.scope.why_excluded(url):
                skipped.append(Skipped(url, reason, site.start_url, parent))
            elif kind := file_type(url):
                skipped.append(Skipped(url, f"not a web page ({kind} file)", site.start_url, parent))
            elif not robots.allows(url):
                skipped.append(Skipped(url, "disallowed by robots.txt", site.start_url, parent))
            else:
                admitted.append((url, parent))
        return admitted

    for depth in range(site.max_depth + 1):
        if depth == 1:
            frontier += admit([(u, "sitemap") for u in extra])
        found: list[tuple[str, str | None]] = []
        for url, parent in frontier:
            if len(targets) >= site.max_pages:
                skipped.append(Skipped(url, f"page limit reached (max-pages={site.max_pages})", site.start_url, parent))
                continue
            targets.append(Target(url, depth, parent))
            try:
                response = session.get(url, timeout=timeout)
            except requests.RequestException:
                continue  # the audit will record the error when it loads the page
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if response.status_code == 200 and (not kind or kind in HTML_TYPES):
                if normalize(response.url) != url and site.scope.why_excluded(normalize(response.url)):
                    continue  # redirected out of scope: the audit records it; do not read its links
                found += [(link, url) for link in _links(response.text, response.url)]
        if depth == site.max_depth:
            skipped += [Skipped(u, f"deeper than max-depth={site.max_depth}", site.start_url, p) for u, p in admit(found)]
            break
        frontier = admit(found)
        if not frontier and depth >= 1:
            break
    return targets, skipped


def discover(config: AuditConfig, sites: list[SiteSpec], created_at: str) -> dict:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    document = {"format": FORMAT, "created_at": created_at, "sites": [], "skipped": []}
    for spec in sites:
        targets, skipped = discover_site(plan(spec, config), config, session)
        document["sites"].append({"site": spec.url, "urls": [asdict(t) for t in targets]})
        document["skipped"] += [asdict(s) for s in skipped]
    return document


def read_url_list(path: str | Path) -> list[tuple[str, list[Target]]]:
    data = read_json_object(path, "URL list", " (write one with `kaikille discover`)")
    if data.get("format") != FORMAT:
        raise UsageError(f"{path}: not a kaikille URL list (expected \"format\": \"{FORMAT}\")")
    try:
        return [(s["site"], [Target(u["url"], int(u["depth"]), u.get("found_on")) for u in s["urls"]]) for s in data["sites"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{path}: a site or URL entry is malformed ({exc})") from exc


def parse_shard(value: str) -> tuple[int, int]:
    try:
        index, count = (int(x) for x in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard must look like 2/5 (this machine's number / how many), got {value!r}") from None
    if not 1 <= index <= count:
        raise UsageError(f"--shard {value}: the number must be between 1 and {count}")
    return index, count


def in_shard(url: str, shard: tuple[int, int]) -> bool:
    """Stable across machines and runs: decided by a hash of the normalised URL only."""
    index, count = shard
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:12], 16) % count == index - 1


def write_url_list(document: dict, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
