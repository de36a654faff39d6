"""A page's markup as the browser shows it, for a reader of one page (``kaikille statement check``).

Many of the City's services are single-page apps: over HTTP their statement page is an empty shell
(a ``<div id="root">`` and scripts). The page is loaded in the audit's own browser session (the same
Chromium, the same hostile-page rules: no downloads, no popups, redirects followed as the audit
follows them), given time to draw its text, and its markup is taken from our isolated world, out of
the page scripts' reach. The markup is still page content: the reader only parses it, and never more
than ``MAX_MARKUP`` characters of it. Other packages find this stage through the ``kaikille.page_markup``
entry point, never by importing it.
"""

from __future__ import annotations

import asyncio
import os

from audit.browser.chromium import INSTALL_HELP, find_chromium
from audit.browser.session import BrowserSession
from audit.browser.worlds import ScriptError, World
from audit.visit import Visit
from kaikille.errors import BrowserUnavailable, ToolFailure

MAX_MARKUP = 5_000_000
MARKUP = "() => document.documentElement ? document.documentElement.outerHTML : ''"
WORDS = "() => (document.body ? document.body.innerText : '').split(/\\s+/).filter(Boolean).length"
DRAWN_WORDS = 30  # a page with text has at least this many words
DRAW_POLL_S = 0.2
DRAW_LIMIT_S = 8  # an app that has drawn nothing by then is read as it is


def page_markup(url: str, timeout: float = 20) -> str:
    """The page's markup once the browser has run its scripts and drawn its text."""
    found = find_chromium(None, os.environ.get("KAIKILLE_BROWSER"))
    if found is None:
        raise BrowserUnavailable(f"{url}: the page shows its text only with JavaScript, and no browser was found to run it. "
                                 + INSTALL_HELP)
    return asyncio.run(_markup(url, found[0], timeout))


async def _drawn(world: World, timeout: float) -> None:
    """Wait until the app has drawn its text: as many words as a page with text has, the same on two
    looks in a row (an app that draws in steps, after a timer as well as after its requests), for at
    most ``DRAW_LIMIT_S`` seconds (or the page timeout, if shorter)."""
    loop = asyncio.get_running_loop()
    deadline, last = loop.time() + min(timeout, DRAW_LIMIT_S), -1
    while loop.time() < deadline:
        words = await world.call(WORDS)
        if isinstance(words, int) and words >= DRAWN_WORDS and words == last:
            return
        last = words if isinstance(words, int) else -1
        await asyncio.sleep(DRAW_POLL_S)


async def _markup(url: str, executable: str, timeout: float) -> str:
    async with BrowserSession(executable, timeout) as session:
        visit = Visit(url)
        try:
            await session.load(visit, follow=lambda _from, _to: None)
            if visit.error or visit.skip_reason or visit.page is None:
                raise ToolFailure(f"{url}: the browser could not show the page ({visit.error or visit.skip_reason or 'no page'})")
            try:
                world = await visit.page.top()
                await _drawn(world, timeout)
                markup = await world.call(MARKUP)
            except ScriptError as exc:
                raise ToolFailure(f"{url}: the page's markup could not be read ({exc})") from None
        finally:
            await session.release(visit)
    if not isinstance(markup, str):
        raise ToolFailure(f"{url}: the page's markup could not be read")
    return markup[:MAX_MARKUP]
