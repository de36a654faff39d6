"""User journeys: what an anonymous crawler cannot reach (a form's later steps, pages behind a login).

A journeys file (TOML) names step lists; each runs in one tab of its own browser context, and every
``audit`` step becomes a page result like any crawled page (in every report, the baseline, shards
and statements), named after the journey and the step: "Book a room / 3 choose time".

    [[journey]]
    name = "Send feedback"
    start = "/feedback.html"          # read against `base` (else the run's first start URL)
    steps = [
      { audit = "empty form" },
      { fill = "#message", value = "The lift is broken" },
      { fill = "#password", value_env = "KAIKILLE_PASSWORD" },   # secrets only from the environment
      { click = "button[type=submit]" },
      { wait_for = "#thanks" },
      { audit = "sent" },
    ]

This module is the policy: reading and checking the file (every mistake named with its file, journey
and step, before anything is loaded), the page key of each audit step, and the results of a journey
that stopped. The browser stage performs the steps (``audit.browser.steps``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus, urljoin, urlsplit

from audit.model import PageResult, page_from_dict, page_to_dict
from audit.sites import check_url
from kaikille.errors import UsageError
from kaikille.files import read_toml

# action -> (what its value is, further keys it takes)
ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "goto": ("a URL (relative to the current page)", ()),
    "click": ("a selector", ()),
    "fill": ("a selector", ("value", "value_env")),
    "select": ("a selector", ("value", "value_env")),
    "check": ("a selector", ()),
    "uncheck": ("a selector", ()),
    "press": ("a key, e.g. Enter", ("on",)),
    "wait_for": ("a selector (waits until it is visible)", ()),
    "wait_for_url": ("a URL pattern (glob, e.g. **/confirm*)", ()),
    "audit": ("the name of this audited state", ()),
}
NEEDS_VALUE = ("fill", "select")
STEP_KEYS = {"timeout"}
JOURNEY_KEYS = {"name", "start", "site", "allow", "steps", "step", "storage_state"}
KEY_MARK = "kaikille-journey"  # the fragment that makes a journey step's page key


@dataclass(frozen=True)
class Step:
    """One step; ``value_env`` names the environment variable that holds a secret value (the value
    itself is never kept here: see ``Journeys.secrets``)."""

    number: int  # 1-based, in the journey
    action: str
    target: str
    value: str | None = None
    value_env: str | None = None
    on: str | None = None  # press: the element to press the key on (else the focused one)
    timeout: int | None = None  # seconds; else the run's --timeout

    def describe(self) -> str:
        """"step 4 (click '#next')": where a journey stopped, never with a value in it."""
        return f"step {self.number} ({self.action} {self.target!r})"


@dataclass(frozen=True)
class Journey:
    name: str
    start: str  # absolute URL
    site: str  # the site its pages belong to in reports and statements
    steps: tuple[Step, ...]
    allow: tuple[str, ...] = ()  # further hosts the journey may navigate to
    storage_state: bool = True  # start from the run's --storage-state, if one is given

    def key(self, step: Step) -> str:
        """The page key of an audit step: the start URL with a fragment naming the journey and the
        step, so it is stable from run to run and unique in a run, and still opens the start page."""
        base = self.start.split("#", 1)[0]
        return f"{base}#{KEY_MARK}={quote(self.name, safe='')}/{step.number}"

    def label(self, step: Step) -> str:
        return f"{self.name} / {step.number} {step.target if step.action == 'audit' else step.action}"

    @property
    def audits(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.action == "audit")

    def allows(self, url: str) -> bool:
        """May the journey's tab navigate to ``url``? Its start URL's host and its ``allow`` hosts."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        if parts.scheme not in ("http", "https"):
            return url.startswith("about:")
        if "*" in self.allow:  # a journey that may go anywhere (a person logging in at an identity provider)
            return True
        start = urlsplit(self.start)
        return parts.netloc.lower() == start.netloc.lower() or (parts.hostname or "").lower() in self.allow


@dataclass(frozen=True)
class Journeys:
    path: str
    journeys: tuple[Journey, ...]
    secrets: Mapping[str, str]  # environment variable -> value, for the steps that use one

    def secret_values(self) -> tuple[str, ...]:
        return tuple(v for v in self.secrets.values() if v)


def read_journeys(path: str | Path, sites: Sequence[str], env: Mapping[str, str], need_audit: bool = True) -> Journeys:
    """The journeys of ``path``, checked; secrets looked up in ``env`` now, so a missing one stops the
    run before anything is loaded. ``sites``: the run's start URLs; the first is the base of relative
    starts, and a journey without a ``site`` belongs to the first of them on its start URL's host."""
    first_site = sites[0] if sites else None
    data = read_toml(path, "journeys")
    unknown = set(data) - {"journey", "base"}
    if unknown:
        raise UsageError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} (a journeys file has [[journey]] tables and an optional base)")
    base = data.get("base", first_site)
    if base is not None and not isinstance(base, str):
        raise UsageError(f"{path}: base must be a URL, got {base!r}")
    if isinstance(base, str):
        base = check_url(base, f"{path}: base")
    tables = data.get("journey")
    if not isinstance(tables, list) or not tables:
        raise UsageError(f"{path}: no journeys (write one [[journey]] table per journey)")
    journeys: list[Journey] = []
    secrets: dict[str, str] = {}
    for index, table in enumerate(tables, 1):
        journey = _journey(table, f"{path}: journey {index}", base, env, secrets, need_audit, sites)
        if any(j.name == journey.name for j in journeys):
            raise UsageError(f"{path}: two journeys are named {journey.name!r}; names make the pages' keys, so each must be unique")
        journeys.append(journey)
    return Journeys(str(path), tuple(journeys), secrets)


def _journey(table: Any, where: str, base: str | None, env: Mapping[str, str], secrets: dict[str, str],
             need_audit: bool, sites: Sequence[str]) -> Journey:
    if not isinstance(table, dict):
        raise UsageError(f"{where}: must be a table")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise UsageError(f"{where}: needs a name")
    where = f"{where.rsplit(': ', 1)[0]}: journey {name!r}"
    if unknown := set(table) - JOURNEY_KEYS:
        raise UsageError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; a journey has {', '.join(sorted(JOURNEY_KEYS - {'step'}))}")
    start = table.get("start")
    if not isinstance(start, str) or not start.strip():
        raise UsageError(f"{where}: needs a start URL")
    if base is None and not urlsplit(start).scheme:
        raise UsageError(f"{where}: start {start!r} is relative, but there is no base (give base = URL in the file, or a start URL to the run)")
    start = check_url(urljoin(base or start, start.strip()), f"{where}: start")
    host = urlsplit(start).netloc.lower()
    site = table.get("site", next((s for s in sites if urlsplit(s).netloc.lower() == host), start))
    if not isinstance(site, str):
        raise UsageError(f"{where}: site must be a URL")
    site = check_url(urljoin(start, site), f"{where}: site")
    allow = table.get("allow", [])
    if isinstance(allow, str):
        allow = [allow]
    if not isinstance(allow, list) or not all(isinstance(h, str) for h in allow):
        raise UsageError(f"{where}: allow must be a list of host names")
    storage_state = table.get("storage_state", True)
    if not isinstance(storage_state, bool):
        raise UsageError(f"{where}: storage_state must be true or false")
    raw_steps = table.get("steps", table.get("step"))
    if not isinstance(raw_steps, list) or not raw_steps:
        raise UsageError(f"{where}: needs steps (a list of tables such as {{ click = \"#next\" }})")
    steps = tuple(_step(raw, n, f"{where} step {n}", env, secrets) for n, raw in enumerate(raw_steps, 1))
    if need_audit and not any(s.action == "audit" for s in steps):
        raise UsageError(f"{where}: has no audit step, so nothing of it would be audited (add {{ audit = \"name\" }} where a page should be checked)")
    return Journey(name.strip(), start, site, steps, tuple(h.lower() for h in allow), storage_state)


def _step(raw: Any, number: int, where: str, env: Mapping[str, str], secrets: dict[str, str]) -> Step:
    if not isinstance(raw, dict):
        raise UsageError(f"{where}: must be a table such as {{ click = \"#next\" }}")
    actions = [k for k in raw if k in ACTIONS]
    if len(actions) != 1:
        found = f"has {', '.join(actions)}" if actions else "has none"
        raise UsageError(f"{where}: needs exactly one action of {', '.join(ACTIONS)}; it {found}")
    action = actions[0]
    what, extra = ACTIONS[action]
    if unknown := set(raw) - {action, *extra, *STEP_KEYS}:
        raise UsageError(f"{where}: {action} does not take {', '.join(sorted(unknown))}")
    target = raw[action]
    if not isinstance(target, str) or not target.strip():
        raise UsageError(f"{where}: {action} must be {what}")
    value, value_env = raw.get("value"), raw.get("value_env")
    if action in NEEDS_VALUE:
        if (value is None) == (value_env is None):
            raise UsageError(f"{where}: {action} needs either value or value_env (the name of an environment variable)")
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{where}: value must be a string")
        if value_env is not None:
            if not isinstance(value_env, str) or not value_env:
                raise UsageError(f"{where}: value_env must name an environment variable")
            if value_env not in env:
                raise UsageError(f"{where}: the environment variable {value_env} is not set")
            secrets[value_env] = env[value_env]
    on = raw.get("on")
    if on is not None and (not isinstance(on, str) or not on.strip()):
        raise UsageError(f"{where}: on must be a selector")
    timeout = raw.get("timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int) or not 0 < timeout <= 3600):
        raise UsageError(f"{where}: timeout must be a whole number of seconds from 1 to 3600")
    return Step(number, action, target.strip(), value, value_env, on, timeout)


def stopped(journey: Journey, failed: Step, reason: str, done: Sequence[str], started_at: str) -> list[PageResult]:
    """The pages of a journey that stopped at ``failed``: each audit step not done yet is an error
    naming where it stopped; with none left, the failing step itself is one."""
    why = f"{failed.describe()} failed: {reason}"
    left = [s for s in journey.audits if journey.key(s) not in done]
    if not left:
        return [audited(journey, failed, started_at=started_at, error=why)]
    return [audited(journey, s, started_at=started_at, error=f"not reached: {why}" if s.number > failed.number else why)
            for s in left]


def audited(journey: Journey, step: Step, **fields: Any) -> PageResult:
    """The page result of a journey's step, under its key and name."""
    return PageResult(url=journey.key(step), site=journey.site, depth=0, journey=journey.label(step), **fields)


def redact(page: PageResult, secrets: Sequence[str]) -> PageResult:
    """The page with every secret value replaced, wherever the page put it (a URL a form sent it to,
    a snippet, a title, an error), in each encoding it may have there (JSON, URL, HTML)."""
    if not secrets:
        return page
    text = json.dumps(page_to_dict(page), ensure_ascii=False)
    forms = sorted({form for s in secrets for form in (s, json.dumps(s, ensure_ascii=False)[1:-1], quote(s, safe=""),
                                                         quote_plus(s), html.escape(s), html.escape(s, quote=False))},
                   key=len, reverse=True)
    if not any(form in text for form in forms):
        return page
    for form in forms:
        text = text.replace(form, "[secret]")
    return page_from_dict(json.loads(text))
