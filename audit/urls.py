"""URL normalisation, fingerprints for de-duplication, and crawl scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import tldextract

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid"}
)
SCOPE_MODES = ("host", "domain", "allow-list")
# Links a crawl never follows, by their URL or their text: logging out ends a logged-in crawl's session
# and a "delete" link may really delete. Whole words, any case, with a space, '-' or '_' between words.
NEVER_FOLLOW = r"\b(log[\s_-]*out|sign[\s_-]*out|kirjaudu[\s_-]*ulos|logga[\s_-]*ut|delete|poista|radera)\b"
NEVER_FOLLOW_REASON = "never followed: looks like logging out or deleting (matches never-follow)"
# Files that are never web pages: skipped without a request (a crawler need not download a video to
# learn it is not HTML). Anything else is judged by its Content-Type when loaded.
BINARY_EXTENSIONS = frozenset(
    "pdf doc docx xls xlsx ppt pptx odt ods odp rtf zip gz tgz bz2 xz 7z rar tar iso dmg exe msi apk bin "
    "jpg jpeg png gif webp svg bmp tif tiff ico heic mp3 wav ogg oga m4a flac mp4 m4v webm mov avi mkv wmv "
    "csv json xml txt ics gpx kml kmz woff woff2 ttf otf eot css js".split()
)


def normalize(url: str) -> str:
    """Canonical form used for de-duplication: no fragment, no tracking parameters, sorted query,
    lower-case scheme and host, no default port, '/' for an empty path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 0) >= 0
    except ValueError:
        return False


@cache
def _extractor() -> tldextract.TLDExtract:
    # The public suffix list snapshot bundled with tldextract: never fetched from the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host: str) -> str:
    ext = _extractor()(host)
    return ext.top_domain_under_public_suffix or host


@dataclass(frozen=True)
class Scope:
    """Which URLs belong to a site's crawl. Regular expressions are searched in the whole URL."""

    start_url: str
    mode: str = "host"
    allow_hosts: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    never_follow: str = ""  # a regular expression searched, case-insensitively, in the URL and the link's text
    _include_re: tuple[re.Pattern[str], ...] = field(default=(), init=False, repr=False, compare=False)
    _exclude_re: tuple[re.Pattern[str], ...] = field(default=(), init=False, repr=False, compare=False)
    _never_re: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_include_re", tuple(re.compile(p) for p in self.include))
        object.__setattr__(self, "_exclude_re", tuple(re.compile(p) for p in self.exclude))
        object.__setattr__(self, "_never_re", re.compile(self.never_follow, re.IGNORECASE) if self.never_follow else None)

    def never(self, text: str) -> bool:
        """True when a link's text (or its URL) looks like logging out or deleting something."""
        return self._never_re is not None and bool(self._never_re.search(text))

    def host_allowed(self, url: str) -> bool:
        start = urlsplit(self.start_url)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        start_host = (start.hostname or "").lower()
        if self.mode == "domain":
            return registrable_domain(host) == registrable_domain(start_host)
        if self.mode == "allow-list":
            return host == start_host or host in self.allow_hosts
        return parts.netloc.lower() == start.netloc.lower()

    def why_excluded(self, url: str) -> str | None:
        """None when the URL is in scope, else a short reason."""
        if not self.host_allowed(url):
            return "out of scope"
        if self._include_re and not any(r.search(url) for r in self._include_re):
            return "not matched by include patterns"
        if any(r.search(url) for r in self._exclude_re):
            return "matched an exclude pattern"
        if self.never(unquote(urlsplit(url)._replace(scheme="", netloc="").geturl())):
            return NEVER_FOLLOW_REASON
        return None


def file_type(url: str) -> str | None:
    """'.pdf' for https://x/a/report.pdf, if the extension is one that is never a web page."""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    extension = last.rsplit(".", 1)[-1].lower() if "." in last else ""
    return f".{extension}" if extension in BINARY_EXTENSIONS else None
