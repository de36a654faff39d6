"""The browser stage: find or provision Chromium, launch it, load one page. The only Playwright user.

Top-level navigations go through a route handler so that the frontier decides every hop: a redirect
out of scope is never followed, redirect loops are cut, and non-HTML documents are never rendered.
The conductor calls ``load`` (the page stays open, wrapped as a ``LoadedPage`` for the engines and
checks), then ``release``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import Browser, BrowserContext, Error as PlaywrightError, Playwright, async_playwright

from kaikille import TOOL_NAME, __version__
from audit.visit import Follow, Visit, describe, is_html, take_redirect
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
    "--disable-features=LocalNetworkAccessChecks",
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


class LoadedPage:
    """A loaded page as engines and checks see it: scripts to evaluate, in the page and its frames.
    Everything these return is page-controlled: callers check shape and types before use."""

    def __init__(self, page: Any) -> None:
        self._page = page

    @property
    def url(self) -> str:
        return self._page.url

    async def evaluate(self, script: str, arg: Any = None) -> Any:
        return await self._page.evaluate(script, arg)

    async def evaluate_in_frames(self, script: str) -> int:
        """Run ``script`` in the page and every frame in it; frames that vanish meanwhile are passed
        over. Returns how many frames ran it."""
        ran = 0
        for frame in self._page.frames:
            try:
                await frame.evaluate(script)
                ran += 1
            except PlaywrightError:  # a frame detached or navigated while we ran: nothing to do there
                continue
        return ran


class BrowserSession:
    """One Chromium and one context for a whole run; pages are opened and closed per URL."""

    name = "Chromium"

    def __init__(self, executable: str, timeout_s: float, wait_for: str | None = None) -> None:
        self.executable = executable
        self.wait_for = wait_for
        self.timeout_ms = timeout_s * 1000
        self._pw: Playwright | None = None
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None
        self._lock = asyncio.Lock()
        self.version = ""
        self.user_agent = ""

    @property
    def label(self) -> str:
        return f"Chromium {self.version}"

    async def __aenter__(self) -> BrowserSession:
        self._pw = await async_playwright().start()
        try:
            await self._launch()
        except BaseException:
            await self._pw.stop()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._browser is not None:
            try:
                await self._browser.close()
            except PlaywrightError:
                pass  # already gone
        if self._pw is not None:
            await self._pw.stop()

    async def _launch(self) -> None:
        assert self._pw is not None
        try:
            self._browser = await self._pw.chromium.launch(executable_path=self.executable, args=launch_args())
        except PlaywrightError as exc:
            raise BrowserUnavailable(f"Chromium at {self.executable} did not start: {describe(exc)}") from exc
        self.version = self._browser.version
        probe = await self._browser.new_page()
        default_ua = await probe.evaluate("navigator.userAgent")
        await probe.close()
        self.user_agent = f"{default_ua.replace('HeadlessChrome', 'Chrome')} {TOOL_NAME}/{__version__} (accessibility audit)"
        # bypass_csp: pages whose Content-Security-Policy forbids injected scripts are still audited.
        self._context = await self._browser.new_context(bypass_csp=True, user_agent=self.user_agent)

    async def _ensure_browser(self) -> BrowserContext:
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                await self._launch()  # the browser crashed: start a fresh one and go on
            assert self._context is not None
            return self._context

    def died(self) -> bool:
        """True when the whole browser is gone (the next load starts a new one)."""
        return self._browser is not None and not self._browser.is_connected()

    async def release(self, visit: Visit) -> None:
        """Close the tabs a visit opened."""
        visit.page = None
        for tab in visit.tabs:
            try:
                await tab.close()
            except PlaywrightError:
                pass  # the page or the browser is gone already
        visit.tabs.clear()

    async def load(self, visit: Visit, follow: Follow) -> None:
        """Load ``visit.url``, following redirects only while ``follow`` allows, and leave the page
        open as ``visit.page``; or set ``visit.error`` / ``visit.skip_reason``.

        Every hop is our own navigation: the browser is never left to follow a redirect by itself.
        """
        context = await self._ensure_browser()
        hop: dict[str, str | None] = {"target": visit.url, "redirect": None}

        async def route_document(route: Any, request: Any) -> None:
            if not request.is_navigation_request() or request.frame.parent_frame is not None:
                await route.fallback()
                return
            if request.url != hop["target"]:  # the page tries to go elsewhere by itself: stay put
                await route.abort("blockedbyclient")
                return
            try:
                response = await route.fetch(max_redirects=0, timeout=self.timeout_ms)
            except PlaywrightError as exc:
                visit.error = describe(exc)
                await route.abort("failed")
                return
            location = response.headers.get("location")
            if 300 <= response.status < 400 and location:
                hop["redirect"] = urljoin(request.url, location)
                await route.abort("blockedbyclient")
                return
            visit.status = response.status
            content_type = response.headers.get("content-type", "")
            if not is_html(content_type):
                visit.skip_reason = f"not HTML ({content_type.split(';')[0].strip().lower()})"
                await route.abort("blockedbyclient")
                return
            await route.fulfill(response=response)

        while True:
            hop["redirect"] = None
            # A fresh tab per hop: an aborted navigation leaves an error page that would race the next.
            page = await context.new_page()
            visit.tabs.append(page)
            await page.route("**/*", route_document)
            try:
                await page.goto(str(hop["target"]), wait_until="load", timeout=self.timeout_ms)
            except PlaywrightError as exc:
                if visit.error or visit.skip_reason:
                    return
                if hop["redirect"] is None:
                    visit.error = describe(exc)
                    return
            target = hop["redirect"]
            if target is None:
                break
            if not take_redirect(visit, str(hop["target"]), target, follow):
                return
            hop["target"] = target
        visit.final_url = page.url
        if visit.status is not None and visit.status >= 400:
            visit.error = f"HTTP {visit.status}"
            return
        try:  # give client-side rendering a moment to settle, without waiting forever
            await page.wait_for_load_state("networkidle", timeout=min(3000, self.timeout_ms))
        except PlaywrightError:
            pass
        if self.wait_for:
            await page.wait_for_selector(self.wait_for, state="visible", timeout=self.timeout_ms)
        visit.title = await page.title()
        visit.links = await page.evaluate(
            "() => Array.from(document.querySelectorAll('a[href], area[href]'), a => a.href)"
        )
        visit.page = LoadedPage(page)
