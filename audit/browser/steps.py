"""Perform a user journey's steps in a tab of its own (``audit.journeys`` says what the steps are).

Each journey gets a fresh browser context, so what one journey does (a login, a half-filled form)
never reaches the crawl or another journey; it starts from the run's storage state when it asks for
one. The tab may navigate only to the journey's hosts (its start URL's and its ``allow`` list):
anything else is refused and named in the step's error. Popups are closed, service workers and
prefetches refused, downloads off, as in the crawl.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urljoin

from playwright.async_api import BrowserContext, Error as PlaywrightError, Page

from audit.browser.session import QUIET_MS, SETTLE_MS, BrowserSession, Traffic
from audit.browser.worlds import LoadedPage
from audit.journeys import Journey, Step
from audit.visit import describe


class JourneyTab:
    """``async with JourneyTab(...) as tab``: the journey's context and its one tab."""

    def __init__(self, session: BrowserSession, journey: Journey, secrets: dict[str, str], timeout_s: float,
                 storage_state: str | None) -> None:
        self.session = session
        self.journey = journey
        self.secrets = secrets
        self.timeout_ms = timeout_s * 1000
        self.storage_state = storage_state if journey.storage_state else None
        self.refused: list[str] = []  # navigations out of the journey's hosts
        self.status: int | None = None
        self._context: BrowserContext | None = None
        self._page: Page | None = None
        self._early: list[Page] = []

    async def __aenter__(self) -> JourneyTab:
        self._context = await self.session.journey_context(self.storage_state)
        self._context.on("page", self._on_page)
        await self._context.route("**/*", self._route)
        self._page = await self._context.new_page()
        for other in self._early:
            if other is not self._page:
                await other.close()
        self._page.on("response", self._on_response)
        self._traffic = Traffic(self._page)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._context is not None:
            try:
                await self._context.close()
            except PlaywrightError:
                pass  # the browser is gone already

    def _on_page(self, page: Page) -> None:
        if self._page is None:
            self._early.append(page)
        elif page is not self._page:
            closing = asyncio.ensure_future(page.close())  # a popup: never the journey's
            closing.add_done_callback(lambda t: t.cancelled() or t.exception())

    def _on_response(self, response: Any) -> None:
        try:
            if response.request.is_navigation_request() and response.frame.parent_frame is None:
                self.status = response.status
        except PlaywrightError:
            pass

    async def _route(self, route: Any, request: Any) -> None:
        try:
            ours = request.frame.page is self._page
        except PlaywrightError:
            ours = False
        if not ours or request.headers.get("sec-purpose", "").startswith("prefetch"):
            await route.abort("blockedbyclient")
            return
        if request.is_navigation_request() and request.frame.parent_frame is None and not self.journey.allows(request.url):
            if len(self.refused) < 100:
                self.refused.append(request.url)
            await route.abort("blockedbyclient")
            return
        await route.continue_()

    async def saved_state(self) -> dict[str, Any]:
        """The journey's cookies and local storage now (what `kaikille login` saves)."""
        assert self._context is not None
        return await self._context.storage_state()

    @property
    def url(self) -> str:
        return self._page.url if self._page is not None else ""

    def why(self, exc: BaseException | None, before: int) -> str:
        """One line for a failed step: leaving the journey's hosts is named as such."""
        if len(self.refused) > before:
            return f"tried to leave the journey's hosts for {self.refused[before]} (add the host to allow if it belongs)"
        return describe(exc) if exc is not None else "failed"

    async def perform(self, step: Step) -> LoadedPage | None:
        """Do one step; an audit step gives the page to analyse (the caller closes it)."""
        page, context = self._page, self._context
        assert page is not None and context is not None
        ms = step.timeout * 1000 if step.timeout else self.timeout_ms
        action, target = step.action, step.target
        value = self.secrets.get(step.value_env, "") if step.value_env else step.value
        if action == "goto":
            base = page.url if page.url.startswith("http") else self.journey.start
            await page.goto(urljoin(base, target), wait_until="load", timeout=ms)
        elif action == "click":
            await page.locator(target).click(timeout=ms)
        elif action == "fill":
            await page.locator(target).fill(value or "", timeout=ms)
        elif action == "select":
            await page.locator(target).select_option(value or "", timeout=ms)
        elif action == "check":
            await page.locator(target).check(timeout=ms)
        elif action == "uncheck":
            await page.locator(target).uncheck(timeout=ms)
        elif action == "press":
            if step.on:
                await page.locator(step.on).press(target, timeout=ms)
            else:
                await page.keyboard.press(target)
        elif action == "wait_for":
            await page.locator(target).wait_for(state="visible", timeout=ms)
        elif action == "wait_for_url":
            await page.wait_for_url(target, timeout=ms)
        elif action == "audit":
            await page.wait_for_load_state("load", timeout=ms)
            await self._traffic.settled(QUIET_MS, min(SETTLE_MS, ms))  # client-side rendering, as in the crawl
            loaded = LoadedPage(page, context)
            await loaded.at_rest()
            return loaded
        else:  # the reader allows only the actions above
            raise ValueError(f"unknown action {action}")
        return None
