"""What loading one URL gives, whatever loads it (Chromium for `audit`, plain HTTP for `discover`),
and the one rule for redirect hops. No Playwright here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")

Follow = Callable[[str, str], "str | None"]  # (from URL, to URL) -> None to go on, else the reason not


@dataclass
class Visit:
    """What loading one URL gave: a loaded HTML page (``page`` set until released) or a reason not."""

    url: str
    final_url: str | None = None
    status: int | None = None
    title: str = ""
    redirects: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    error: str | None = None
    skip_reason: str | None = None  # not an error: the URL is not a page to audit (not HTML, out of scope)
    page: Any = None  # what engines analyse: the browser's LoadedPage, or plain HTTP's StaticPage
    tabs: list[Any] = field(default_factory=list, repr=False)  # what the loader must close


def take_redirect(visit: Visit, current: str, target: str, follow: Follow) -> bool:
    """Record the hop from ``current`` to ``target``; False, with the visit's error or skip reason
    set, when it must not be followed (a loop, too many hops, or the frontier says no)."""
    visit.redirects.append(current)
    if target in visit.redirects or len(visit.redirects) > MAX_REDIRECTS:
        visit.error = f"redirect loop or more than {MAX_REDIRECTS} redirects (at {target})"
        return False
    if reason := follow(visit.url, target):
        visit.skip_reason = f"redirects {reason}: {target}"
        return False
    return True


def is_html(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return not kind or kind in HTML_TYPES


def describe(exc: BaseException) -> str:
    """One line for a page's error: the message without a "Page.goto: " style prefix."""
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    if "page crashed" in line.lower() or "target crashed" in line.lower():
        return "Page crashed"  # Playwright words it several ways, depending on when it happened
    timeout = re.search(r"\bTimeout (\d+)ms exceeded", line)
    if timeout:  # Playwright's own deadline, the same as the page's: one wording for both
        return f"timed out after {int(timeout.group(1)) / 1000:g} s"
    return re.sub(r"^(Error: )?\w+\.\w+: ", "", line).strip()[:500]


def page_text(value: object, limit: int = 10_000) -> str:
    """A string a page handed back, made safe to keep: a str (else empty), bounded, and encodable
    (a lone surrogate, which no UTF-8 file can hold, becomes U+FFFD)."""
    if not isinstance(value, str):
        return ""
    value = value[:limit]
    if value.isascii():
        return value
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def page_links(value: object, limit: int = 20_000) -> list[str | tuple[str, str]]:
    """The links a page handed back, at most ``limit`` of them: each a URL, or a URL and the link's
    text as a pair (a two-item list from JSON); anything else is dropped."""
    if not isinstance(value, list):
        return []
    links: list[str | tuple[str, str]] = []
    for item in value[:limit]:
        if isinstance(item, str):
            links.append(page_text(item, 4096))
        elif isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], str):
            links.append((page_text(item[0], 4096), page_text(item[1], 300)))
    return links
