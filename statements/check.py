"""`kaikille statement check`: does a published statement (anyone's) have what the law requires?

Looks, in Finnish, Swedish or English, for: the compliance status, the non-accessible content,
a feedback channel, dates (the newest must be within 12 months), and the current supervisor
(Traficom since 1.1.2025; the Regional State Administrative Agency, AVI, is flagged as outdated).
The phrases are data: statements/data/check_patterns.json.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import requests
from bs4 import BeautifulSoup

from kaikille.errors import ToolFailure, UsageError
from kaikille.files import package_json
from kaikille.http import session as http_session
from statements.build import REVIEW_MAX_DAYS
from statements.render import t

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


@dataclass(frozen=True)
class CheckResult:
    source: str
    language: str
    problems: tuple[str, ...]
    newest_date: dt.date | None

    @property
    def passed(self) -> bool:
        return not self.problems


@cache
def patterns() -> dict:
    return package_json("statements", "data/check_patterns.json")


def read_page(target: str, timeout: float = 20) -> str:
    if target.startswith(("http://", "https://")):
        try:
            response = http_session().get(target, timeout=timeout)
        except requests.RequestException as exc:
            raise ToolFailure(f"{target}: cannot download ({exc.__class__.__name__})") from exc
        if response.status_code != 200:
            raise ToolFailure(f"{target}: HTTP {response.status_code}")
        response.encoding = response.encoding or "utf-8"
        return response.text
    try:
        return Path(target).read_text("utf-8")
    except FileNotFoundError:
        raise UsageError(f"{target}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{target}: cannot read ({exc})") from exc


def _language(soup: BeautifulSoup, body: str) -> str:
    declared = (soup.html.get("lang", "") if soup.html else "").lower()[:2]
    if declared in ("fi", "sv", "en"):
        return declared
    scores = {lang: sum(bool(re.search(p, body)) for group in ("status", "non_accessible", "feedback") for p in patterns()[group][lang])
              for lang in ("fi", "sv", "en")}
    return max(scores, key=scores.get)


def _dates(body: str) -> list[dt.date]:
    found = []
    for index, pattern in enumerate(patterns()["dates"]):
        for match in re.finditer(pattern, body):
            first, second, third = match.groups()
            if second in patterns()["months"]:  # 15 november 2026
                second = str(patterns()["months"].index(second) + 1)
            a, b, c = int(first), int(second), int(third)
            try:
                found.append(dt.date(a, b, c) if index == 1 else dt.date(c, b, a))
            except ValueError:
                continue
    return found


def check_html(source: str, page: str, today: dt.date, messages: str = "en") -> CheckResult:
    """``messages``: the language the problems are written in (the statements catalogs)."""
    soup = BeautifulSoup(page, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    body = " ".join(soup.get_text(" ").split()).lower()
    lang = _language(soup, body)
    p = patterns()
    problems = []

    def has(group: str) -> bool:
        return any(re.search(rx, body) for rx in p[group][lang])

    if not has("status"):
        problems.append(t(messages, "check.no_status"))
    if not has("status_full") and not has("non_accessible"):
        problems.append(t(messages, "check.no_non_accessible"))
    if not (has("feedback") and (EMAIL.search(body) or soup.find("a", href=re.compile(r"^(mailto:|https?://)")))):
        problems.append(t(messages, "check.no_feedback"))
    obsolete = [rx for rx in p["supervisor_obsolete"] if re.search(rx, body)]
    if obsolete:
        problems.append(t(messages, "check.old_supervisor"))
    elif not any(re.search(rx, body) for rx in p["supervisor_current"]):
        problems.append(t(messages, "check.no_supervisor"))
    # the statement's own dates stand near words like "updated"; fix dates elsewhere must not count
    near = [d for w in p["review_words"][lang] for m in re.finditer(w, body) for d in _dates(body[m.start():m.start() + 120])]
    dates = [d for d in (near or _dates(body)) if d <= today]
    newest = max(dates) if dates else None
    if newest is None:
        problems.append(t(messages, "check.no_date"))
    elif (today - newest).days > REVIEW_MAX_DAYS:
        problems.append(t(messages, "check.stale", date=newest.isoformat()))
    return CheckResult(source, lang, tuple(problems), newest)


def check(target: str, today: dt.date, messages: str = "en") -> CheckResult:
    return check_html(target, read_page(target), today, messages)
