"""One Chromium for a run: load a page, hop by hop, and keep every page inside the rules.

Every request of every tab goes through one route handler. For the tabs we open, the frontier
decides every top-level hop: a redirect out of scope is never followed, loops are cut, non-HTML and
attachments are never rendered. Anything else is refused: popups (closed at once as well), service
workers (blocked), prefetches and prerenders. A page that navigates by itself (a meta refresh,
``location = …``, a form it submits) is kept where it is; a GET to another URL before the audit is
then followed like a redirect, under the same rules, and Chromium's own error page is never audited.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import urldefrag, urljoin

from playwright.async_api import Browser, BrowserContext, Error as PlaywrightError, Page, Playwright, async_playwright

from audit.browser.chromium import launch_args, merged_features
from audit.browser.worlds import LoadedPage
from audit.visit import Follow, Visit, describe, is_html, take_redirect
from kaikille import TOOL_NAME, __version__
from kaikille.errors import BrowserUnavailable

SETTLE_MS = 3000  # client-side rendering gets this long to settle, at most
QUIET_MS = 150  # settled: no request of the page open for this long (and at least this long after load)
REUSE_LIMIT = 50  # loads a tab serves before it is closed and a new one opened (a renderer's memory)
VIEWPORT = {"width": 1280, "height": 720}  # Playwright's default; checks that resize put it back, a reused tab too
_SPECULATION = re.compile(rb"(<script\b[^>]*\btype\s*=\s*[\"']?)speculationrules", re.IGNORECASE)


def inert_speculation(html: bytes) -> bytes:
    """Speculation rules make Chromium's browser process fetch and prerender other pages, outside any
    route a page's requests go through: their script elements are kept (so no selector shifts) but
    given a type no browser runs."""
    return _SPECULATION.sub(rb"\1text/x-kaikille-inert-speculationrules", html) if b"peculation" in html else html
TITLE_AND_LINKS = """() => ({
    title: document.title,
    links: Array.from(document.querySelectorAll('a[href], area[href]'), a => [a.href,
        ((a.getAttribute('aria-label') || a.textContent || a.getAttribute('title') || a.getAttribute('alt') || '') + '').trim().slice(0, 300)]).slice(0, 20000),
})"""


class Traffic:
    """A tab's requests in flight, counted from its events: what "settled" is measured by."""

    def __init__(self, page: Page) -> None:
        self.reset()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def reset(self) -> None:
        self.open = 0
        self.changed = asyncio.get_running_loop().time()

    def _started(self, _request: Any) -> None:
        self.open += 1
        self.changed = asyncio.get_running_loop().time()

    def _ended(self, _request: Any) -> None:
        self.open = max(0, self.open - 1)
        self.changed = asyncio.get_running_loop().time()

    async def settled(self, quiet_ms: float = QUIET_MS, limit_ms: float = SETTLE_MS) -> bool:
        """Wait until no request has been open for ``quiet_ms`` (counted from now at the earliest),
        at most ``limit_ms``. Playwright's "networkidle" asks for 500 ms of silence on every page,
        which on a page that fetches nothing after its load is half a second of waiting for nothing;
        a fetch started after load still holds the audit until it has finished."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        deadline = start + limit_ms / 1000
        quiet = quiet_ms / 1000
        while True:
            now = loop.time()
            if self.open == 0 and now - max(self.changed, start) >= quiet:
                return True
            if now >= deadline:
                return False
            await asyncio.sleep(min(0.025, deadline - now))


class BrowserSession:
    """One Chromium and one context for a whole run; tabs are opened and closed per URL."""

    def __init__(self, executable: str, timeout_s: float, wait_for: str | None = None,
                 storage_state: str | None = None, headless: bool = True) -> None:
        self.executable = executable
        self.headless = headless
        self.storage_state = storage_state  # cookies and local storage the crawl starts with (a login)
        self.wait_for = wait_for
        self.timeout_ms = timeout_s * 1000
        self._pw: Playwright | None = None
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None
        self._lock = asyncio.Lock()
        self._tab_lock = asyncio.Lock()
        self._handlers: dict[Page, Any] = {}  # our tabs -> their route handler
        self._idle: list[Page] = []  # tabs of finished visits, at about:blank, waiting for the next URL
        self._uses: dict[Page, int] = {}
        self._traffic: dict[Page, Traffic] = {}
        self._opening: list[Page] | None = None  # pages that appeared while we opened a tab
        self._closing: set[asyncio.Task] = set()
        self.popups_closed = 0
        self._merged: str | None = None  # the merged --disable-features switch, once known ("" if none needed)
        self._drop_defaults: list[str] = []
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

    async def _start(self, args: list[str], drop: list[str]) -> Browser:
        assert self._pw is not None
        try:
            return await self._pw.chromium.launch(executable_path=self.executable, args=args, ignore_default_args=drop,
                                                  headless=self.headless)
        except PlaywrightError as exc:
            raise BrowserUnavailable(f"Chromium at {self.executable} did not start: {describe(exc)}") from exc

    async def _launch(self) -> None:
        args, drop = list(launch_args()), list(self._drop_defaults)
        if self._merged:
            args = [a for a in args if not a.startswith("--disable-features=")] + [self._merged]
        self._browser = await self._start(args, drop)
        probe = await self._browser.new_page()
        if self._merged is None:  # once: does Chromium see two --disable-features lists?
            try:
                await probe.goto("chrome://version", timeout=10000)
                merge = merged_features(await probe.inner_text("#command_line"))
            except PlaywrightError:
                merge = None
            self._merged = merge[1] if merge else ""
            if merge:  # start again with one list: ours and Playwright's
                self._drop_defaults = merge[0]
                await self._browser.close()
                args = [a for a in launch_args() if not a.startswith("--disable-features=")] + [merge[1]]
                self._browser = await self._start(args, merge[0])
                probe = await self._browser.new_page()
        self.version = self._browser.version
        default_ua = await probe.evaluate("navigator.userAgent")
        await probe.close()
        self.user_agent = f"{default_ua.replace('HeadlessChrome', 'Chrome')} {TOOL_NAME}/{__version__} (accessibility audit)"
        context = await self._new_context(self.storage_state)
        context.on("page", self._on_page)
        await context.route("**/*", self._route)
        self._handlers.clear()
        self._idle.clear()
        self._uses.clear()
        self._traffic.clear()
        self._context = context

    async def _new_context(self, storage_state: str | None) -> BrowserContext:
        assert self._browser is not None
        # bypass_csp: pages whose Content-Security-Policy forbids injected scripts are still audited.
        return await self._browser.new_context(bypass_csp=True, user_agent=self.user_agent, service_workers="block",
                                               accept_downloads=False, storage_state=storage_state)

    async def journey_context(self, storage_state: str | None) -> BrowserContext:
        """A fresh context of this browser for one journey (its cookies are its own)."""
        await self._ensure_browser()
        return await self._new_context(storage_state)

    async def _ensure_browser(self) -> BrowserContext:
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                await self._launch()  # the browser crashed: start a fresh one and go on
            assert self._context is not None
            return self._context

    def died(self) -> bool:
        """True when the whole browser is gone (the next load starts a new one)."""
        return self._browser is not None and not self._browser.is_connected()

    # --- tabs: ours, and everything else --------------------------------------------------
    def _on_page(self, page: Page) -> None:
        if self._opening is not None:
            self._opening.append(page)  # ours, or a popup born meanwhile: sorted out in _new_tab
        else:
            self._close_foreign(page)

    def _close_foreign(self, page: Page) -> None:
        """A popup (window.open, target=_blank): it loads nothing (see _route) and is closed at once."""
        self.popups_closed += 1
        task = asyncio.ensure_future(page.close())
        self._closing.add(task)
        task.add_done_callback(lambda t: (self._closing.discard(t), t.exception() if not t.cancelled() else None))

    async def _new_tab(self, context: BrowserContext, handler: Any) -> Page:
        async with self._tab_lock:
            self._opening = []
            try:
                page = await context.new_page()
            finally:
                arrived, self._opening = self._opening, None
            self._handlers[page] = handler
            for other in arrived:
                if other is not page:
                    self._close_foreign(other)
        return page

    async def _tab(self, context: BrowserContext, handler: Any, reuse: bool) -> Page:
        """A tab for one hop: a resting one when allowed (its renderer is kept: no new process), else new."""
        while reuse and self._idle:
            page = self._idle.pop()
            if not page.is_closed():
                self._handlers[page] = handler
                self._uses[page] += 1
                return page
        page = await self._new_tab(context, handler)
        self._uses[page] = 1
        self._traffic[page] = Traffic(page)
        return page

    async def _rest(self, page: Page) -> bool:
        """Make a finished visit's tab ready for the next URL: at about:blank (the page's timers and
        requests end with its document), at the default size. False if it will not."""
        try:
            async with asyncio.timeout(3):
                await page.goto("about:blank", wait_until="load")
                if page.viewport_size != VIEWPORT:
                    await page.set_viewport_size(VIEWPORT)
        except (PlaywrightError, TimeoutError):
            return False
        return page.url == "about:blank"

    async def _route(self, route: Any, request: Any) -> None:
        try:
            handler = self._handlers.get(request.frame.page)
        except PlaywrightError:
            handler = None
        if handler is None:  # not a tab we opened: a popup, or a tab being closed
            await route.abort("blockedbyclient")
            return
        purpose = request.headers.get("sec-purpose", "")
        if purpose.startswith("prefetch"):  # prefetch and prerender: pages we did not choose to load
            await route.abort("blockedbyclient")
            return
        await handler(route, request)

    async def release(self, visit: Visit) -> None:
        """Close the tabs a visit opened; the tab of a visit that ended cleanly in one hop rests for
        the next URL instead (its sessionStorage emptied, at about:blank, at the default size), up to
        ``REUSE_LIMIT`` loads."""
        clean = (isinstance(visit.page, LoadedPage) and not visit.error and not visit.skip_reason
                 and len(visit.tabs) == 1 and not self.died())
        if isinstance(visit.page, LoadedPage):
            await visit.page.close(forget_session_storage=clean)
        visit.page = None
        for tab in visit.tabs:
            self._handlers.pop(tab, None)
            if clean and self._uses.get(tab, REUSE_LIMIT) < REUSE_LIMIT and await self._rest(tab):
                self._idle.append(tab)
                continue
            self._uses.pop(tab, None)
            self._traffic.pop(tab, None)
            try:
                await tab.close()
            except PlaywrightError:
                pass  # the page or the browser is gone already
        visit.tabs.clear()

    # --- loading one URL ------------------------------------------------------------------
    async def _loaded_or_moved(self, page: Page, moved: asyncio.Event) -> None:
        """Wait for the document's load event, or for the page to try to navigate by itself: Chromium
        stops loading a document that starts to leave, so its load event may never come. A page
        that stays (a form it posts, a reload) then gets a moment to finish what it has."""
        load = asyncio.ensure_future(page.wait_for_load_state("load", timeout=self.timeout_ms))
        leaving = asyncio.ensure_future(moved.wait())
        try:
            await asyncio.wait({load, leaving}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            leaving.cancel()
        if load.done():
            load.result()  # raises what the load raised (a crash, a timeout)
            return
        try:
            await asyncio.wait_for(load, SETTLE_MS / 1000)
        except (asyncio.TimeoutError, PlaywrightError):
            pass  # it will not finish loading: what has loaded is what there is


    async def load(self, visit: Visit, follow: Follow) -> None:
        """Load ``visit.url``, following redirects only while ``follow`` allows, and leave the page
        open as ``visit.page``; or set ``visit.error`` / ``visit.skip_reason``."""
        context = await self._ensure_browser()
        hop: dict[str, Any] = {"target": visit.url, "redirect": None, "loaded": False, "navigations": []}
        moved = asyncio.Event()  # the page tried to navigate by itself

        async def route_document(route: Any, request: Any) -> None:
            if not request.is_navigation_request() or request.frame.parent_frame is not None:
                await route.continue_()
                return
            if hop["loaded"] or request.url != hop["target"]:
                # The page navigates by itself: it stays where it is, and we note where it wanted to go.
                if len(hop["navigations"]) < 200:
                    hop["navigations"].append((request.method, request.url))
                moved.set()
                await route.fulfill(status=204)
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
            if response.headers.get("content-disposition", "").strip().lower().startswith("attachment"):
                visit.skip_reason = "download (served as an attachment, not shown as a page)"
                await route.abort("blockedbyclient")
                return
            body = await response.body()
            await route.fulfill(response=response, body=inert_speculation(body),
                                headers={k: v for k, v in response.headers.items() if k.lower() != "speculation-rules"})

        while True:
            hop.update(redirect=None, loaded=False, navigations=[])
            moved.clear()
            # A fresh tab per hop: an aborted navigation leaves an error page that would race the next.
            # The first hop may take a resting tab; a redirect's next hop gets a new one.
            page = await self._tab(context, route_document, reuse=not visit.tabs)
            traffic = self._traffic[page]
            traffic.reset()
            visit.tabs.append(page)
            try:
                await page.goto(str(hop["target"]), wait_until="commit", timeout=self.timeout_ms)
                await self._loaded_or_moved(page, moved)
            except PlaywrightError as exc:
                if visit.error or visit.skip_reason:
                    return
                if hop["redirect"] is None:
                    visit.error = describe(exc)
                    return
            if hop["redirect"] is not None:
                if not take_redirect(visit, str(hop["target"]), hop["redirect"], follow):
                    return
                hop["target"] = hop["redirect"]
                continue
            hop["loaded"] = True
            if page.url.startswith("chrome-error:"):
                visit.error = visit.error or "the browser could not show this page"
                return
            if visit.status is not None and visit.status >= 400:
                visit.final_url = page.url
                visit.error = f"HTTP {visit.status}"
                return
            # give client-side rendering a moment to settle, without waiting forever
            await traffic.settled(QUIET_MS, min(SETTLE_MS, self.timeout_ms))
            gone_to = next((url for method, url in hop["navigations"]
                            if method == "GET" and urldefrag(url)[0] != urldefrag(page.url)[0]), None)
            if gone_to is None:
                break
            # A client-side redirect (meta refresh, location = ...): the same rules as a server's.
            if not take_redirect(visit, page.url, gone_to, follow):
                return
            hop["target"] = gone_to
        visit.final_url = page.url
        if self.wait_for:
            await page.wait_for_selector(self.wait_for, state="visible", timeout=self.timeout_ms)
        loaded = LoadedPage(page, context, hop["navigations"])
        visit.page = loaded
        await loaded.at_rest()
        found = await (await loaded.top()).call(TITLE_AND_LINKS)
        if isinstance(found, dict):
            visit.title = found.get("title") if isinstance(found.get("title"), str) else ""
            visit.links = found.get("links") if isinstance(found.get("links"), list) else []
