"""The URL list (``sites.txt``): one start URL a line, ``#`` comments, optional per-site options.

    # comment
    https://www.hel.fi/fi  max-pages=100 max-depth=3 exclude=/haku/
    https://palvelukartta.hel.fi/fi  scope=domain

Options on a line: max-pages=N, max-depth=N, scope=host|domain|allow-list, allow=HOST[,HOST],
include=REGEX, exclude=REGEX (include/exclude may repeat). They override the run's settings
for that site only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kaikille.errors import UsageError
from audit.urls import SCOPE_MODES, is_http_url, normalize

_INT_OPTIONS = {"max-pages": "max_pages", "max-depth": "max_depth"}
_LIST_OPTIONS = {"include": "include", "exclude": "exclude", "allow": "allow_hosts"}


@dataclass(frozen=True)
class SiteSpec:
    """A start URL and the options that differ from the run's settings (None = use the run's)."""

    url: str
    max_pages: int | None = None
    max_depth: int | None = None
    scope: str | None = None
    allow_hosts: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    origin: str = ""  # where it was written, for messages: "sites.txt:4"


def check_url(url: str, where: str) -> str:
    if not isinstance(url, str) or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise UsageError(f"{where}: {url!r} is not an http(s) URL (it holds a space or a control character)")
    if not is_http_url(url):
        raise UsageError(f"{where}: {url!r} is not an http(s) URL")
    return normalize(url)


def parse_line(text: str, where: str) -> SiteSpec | None:
    line = "" if text.lstrip().startswith("#") else _strip_comment(text)
    if not line:
        return None
    url, *options = line.split()
    fields: dict[str, object] = {"url": check_url(url, where), "origin": where}
    lists: dict[str, list[str]] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not value:
            raise UsageError(f"{where}: option {option!r} must look like name=value")
        if key in _INT_OPTIONS:
            if not (value.isascii() and value.isdigit()) or int(value) < (1 if key == "max-pages" else 0) or len(value) > 7:
                raise UsageError(f"{where}: {key} must be a whole number{' above 0' if key == 'max-pages' else ''}, got {value!r}")
            fields[_INT_OPTIONS[key]] = int(value)
        elif key == "scope":
            if value not in SCOPE_MODES:
                raise UsageError(f"{where}: scope must be one of {', '.join(SCOPE_MODES)}, got {value!r}")
            fields["scope"] = value
        elif key in _LIST_OPTIONS:
            if key != "allow":
                _check_regex(value, f"{where}: {key}")
            values = value.split(",") if key == "allow" else [value]
            lists.setdefault(_LIST_OPTIONS[key], []).extend(v.lower() if key == "allow" else v for v in values)
        else:
            known = ", ".join([*_INT_OPTIONS, "scope", *_LIST_OPTIONS])
            raise UsageError(f"{where}: unknown option {key!r} (known: {known})")
    fields.update({k: tuple(v) for k, v in lists.items()})
    return SiteSpec(**fields)  # type: ignore[arg-type]


def _strip_comment(text: str) -> str:
    # A '#' starts a comment only at the line start or after white space: URLs may contain '#'.
    return re.split(r"\s#", text, maxsplit=1)[0].strip()


def _check_regex(pattern: str, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise UsageError(f"{where}: {pattern!r} is not a valid regular expression ({exc})") from exc


def parse_sites(text: str, name: str) -> list[SiteSpec]:
    specs = [s for i, line in enumerate(text.splitlines(), 1) if (s := parse_line(line, f"{name}:{i}"))]
    seen: dict[str, str] = {}
    for spec in specs:
        if spec.url in seen:
            raise UsageError(f"{spec.origin}: {spec.url} is already listed at {seen[spec.url]}")
        seen[spec.url] = spec.origin
    return specs


def read_sites(path: str | Path) -> list[SiteSpec]:
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise UsageError(f"{p}: URL list not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{p}: cannot read URL list ({exc})") from exc
    specs = parse_sites(text, str(p))
    if not specs:
        raise UsageError(f"{p}: no URLs in the list (one start URL a line; '#' starts a comment)")
    return specs
