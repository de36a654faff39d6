"""Shared fixtures and helpers: the fixture website on 127.0.0.1:0, a real Chromium, one audit of
the site, the command line run in-process, a free loopback port."""

from __future__ import annotations

import contextlib
import io
import os
import socket
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def kaikille(*args: str, cwd: str | Path | None = None) -> Result:
    """`kaikille ARGS` run in this process through ``main(argv)``: its exit code and what it printed."""
    from audit.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or os.getcwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's own usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 2
    return Result(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def running(command: list[str], ready_url: str, timeout: float = 90):
    """Start ``command`` in its own process group, wait until ``ready_url`` answers, and stop the
    whole group afterwards (SIGTERM, then SIGKILL): nothing a test starts outlives it."""
    import signal
    import subprocess
    import tempfile
    import time
    import urllib.request

    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:  # poll for readiness, no fixed sleep
            try:
                urllib.request.urlopen(ready_url, timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"{command[:4]} did not start: {log.read().decode(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield proc
    finally:
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


def free_port() -> int:
    """A loopback port that nobody listens on (for a server to take, or to be refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@pytest.fixture(scope="module")
def browser(chromium):
    """One Chromium per test module for tests that drive pages themselves (each test makes its own
    context: its own storage, permissions and dialogs)."""
    from playwright.sync_api import sync_playwright

    from audit.browser import launch_args

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium, args=launch_args())
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_run(site_url, chromium, tmp_path_factory) -> Outcome:
    out = tmp_path_factory.mktemp("site-run")
    config = AuditConfig(urls=(site_url,), out=str(out), max_depth=3, browser_path=chromium)
    return audit(config, clock=fixed_clock)


def by_path(outcome: Outcome, base: str) -> dict:
    return {p.url.removeprefix(base.rstrip("/")): p for p in outcome.report.pages}
