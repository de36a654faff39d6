"""Chromium for the browser stage: find it, provision it, and the switches it runs with."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable

from kaikille.errors import BrowserUnavailable

ENV_BROWSER = "KAIKILLE_BROWSER"
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Without these Chromium tries to reach Google's services, which a closed network refuses.
QUIET_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    # We serve each top-level document through a route handler; Chromium then no longer knows the
    # document came from a local address and would block its own requests (e.g. a WebSocket back
    # to 127.0.0.1) as "public to local". The page must behave as it does without us.
    #
    # Prerender2: a page must not make the browser load other pages behind our back (prefetches are
    # refused by the route handler, speculation rules made inert in the document).
    # Playwright passes a --disable-features list of its own and Chromium keeps only the last one:
    # the session merges the two (see merged_features).
    "--disable-features=LocalNetworkAccessChecks,Prerender2",
    "--dns-prefetch-disable",
)


# Each tab's JavaScript heap is bounded: a page that eats memory crashes alone and soon (recorded as
# "Page crashed"), instead of taking the machine's memory from the other tabs of the run.
LIMIT_ARGS = ("--js-flags=--max-old-space-size=1024",)


def launch_args() -> list[str]:
    args = [*QUIET_ARGS, *LIMIT_ARGS]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    return args


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            path = pw.chromium.executable_path
    except Exception:  # the driver itself is missing or broken: no Playwright browser then
        return None
    return path if path and os.path.isfile(path) else None


def find_chromium(explicit: str | None = None, env_value: str | None = None) -> tuple[str, str] | None:
    """(path, where it came from), trying: explicit path, $KAIKILLE_BROWSER, Playwright's, the system's."""
    for chosen, label in ((explicit, "--browser-path"), (env_value, ENV_BROWSER)):
        if chosen:
            path = shutil.which(chosen) or (chosen if os.path.isfile(chosen) else None)
            if not path:
                raise BrowserUnavailable(f"{label} names {chosen!r}, which is not an executable file")
            return path, label
    if own := _playwright_chromium():
        return own, "Playwright's Chromium"
    for name in SYSTEM_NAMES:
        if found := shutil.which(name):
            return found, "system Chromium"
    return None


INSTALL_HELP = (
    "No Chromium found. Install one of: Playwright's own (`python -m playwright install chromium`), "
    "Debian/Ubuntu's (`apt-get install chromium`), or point --browser-path / $KAIKILLE_BROWSER at a "
    "Chromium or Chrome executable."
)


def provision(log: Callable[[str], None] = lambda _m: None) -> tuple[str, str]:
    """Find Chromium, else install Playwright's, else (root on Debian) apt-get install chromium."""
    if found := find_chromium():
        return found
    steps: list[list[str]] = [[sys.executable, "-m", "playwright", "install", "chromium"]]
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        steps += [["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]]
    for step in steps:
        log("trying: " + " ".join(step))
        try:
            subprocess.run(step, check=False, timeout=300, stdin=subprocess.DEVNULL,
                           env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        except (OSError, subprocess.TimeoutExpired) as exc:
            log(f"failed: {exc}")
        if found := find_chromium():
            return found
    raise BrowserUnavailable(INSTALL_HELP)


def merged_features(command_line: str) -> tuple[list[str], str] | None:
    """From Chromium's own command line (chrome://version): if several --disable-features switches
    were given (Playwright's and ours), the ones to drop from Playwright's defaults and the one merged
    switch that keeps every feature of all of them off. None when there is nothing to merge."""
    values = re.findall(r"--disable-features=(\S+)", command_line)
    if len(values) < 2:
        return None
    features = list(dict.fromkeys(f for value in values for f in value.split(",") if f))
    return [f"--disable-features={v}" for v in values[:-1]], "--disable-features=" + ",".join(features)
