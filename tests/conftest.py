"""Shared fixtures: the fixture website on 127.0.0.1:0, a real Chromium, one audit of the site."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from audit.browser import find_chromium
from audit.config import AuditConfig
from kaikille.loopback import serve
from audit.finish import Outcome
from audit.jobs import audit

TESTS = Path(__file__).parent
SITE = TESTS / "site"
FIXED = datetime(2026, 1, 15, 9, 30, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return FIXED


@pytest.fixture(scope="session")
def site_url():
    with serve(SITE) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> str:
    found = find_chromium(None, os.environ.get("KAIKILLE_BROWSER"))
    if found is None:  # fail, not skip: CI must run the browser tier
        pytest.fail("no Chromium: run ./dev.sh test, which installs one")
    return found[0]


@pytest.fixture(scope="session")
def site_run(site_url, chromium, tmp_path_factory) -> Outcome:
    out = tmp_path_factory.mktemp("site-run")
    config = AuditConfig(urls=(site_url,), out=str(out), max_depth=3, browser_path=chromium)
    return audit(config, clock=fixed_clock)


def by_path(outcome: Outcome, base: str) -> dict:
    return {p.url.removeprefix(base.rstrip("/")): p for p in outcome.report.pages}
