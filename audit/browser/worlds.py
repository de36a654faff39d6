"""Our own JavaScript worlds in a loaded page: where engines and checks run, out of page scripts' reach.

Every frame of a page has its main world, where the page's own scripts live: a page can replace
``window.axe``, ``Array.from`` or ``JSON`` there and so forge whatever we would compute. An isolated
world (Chromium's, through the DevTools protocol) shares the frame's DOM but none of its JavaScript:
the page cannot see it, change its built-ins or call into it. Frames of other sites run in other
processes; each gets its own protocol session, so they are reached too.

What a world hands back is still page content (markup, text, selectors): callers check its shape.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from playwright.async_api import BrowserContext, Error as PlaywrightError, Page

WORLD_NAME = "kaikille"
REST_MS = 1000  # a page's fades and slides get this long to end before it is analysed, at most
STILL_MS = 150  # at rest: no node of the page has changed for this long

# Whether an animation that will end (a fade, a slide, a transition) is running; endless ones (spinners) are not.
MOVING = """() => document.getAnimations().some(a => a.playState === 'running' && a.effect
    && Number.isFinite(a.effect.getComputedTiming().endTime))"""

# Resolves once no node has changed for ``quiet`` ms and no animation that will end is running (a fade,
# a slide, a transition: contrast measured halfway through one is no colour the page shows at rest), or
# after ``limit`` ms. Endless animations (spinners) never end and are not waited for. Runs in our world:
# the page cannot replace getAnimations or MutationObserver there.
AT_REST = """(quiet, limit) => new Promise(resolve => {
    const start = performance.now();
    let changed = start;
    const watch = new MutationObserver(() => { changed = performance.now(); });
    watch.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    const moving = """ + MOVING + """;
    const look = () => {
        const now = performance.now();
        const rest = now - changed >= quiet && !moving();
        if (rest || now - start >= limit) { watch.disconnect(); resolve(rest); } else setTimeout(look, 25);
    };
    look();
})"""


# Notes, in our world, whether the page moves from now on: a fade, slide or transition that starts (its event),
# or one that is running when the watch starts or is asked. An analysis made while the page moved measured
# colours no one sees at rest (Streamlit's running indicator fades in half a second into a slow script run).
WATCH_MOTION = """() => {
    const moving = """ + MOVING + """;
    let watch = globalThis.__kaikilleMotion;
    if (!watch) {
        watch = globalThis.__kaikilleMotion = {moved: false, moving};
        const mark = () => { watch.moved = true; };
        for (const type of ['transitionrun', 'animationstart']) document.addEventListener(type, mark, true);
    }
    watch.moved = moving();
    return true;
}"""
# A document with no watch is another document (the page went elsewhere while it was analysed): no evidence of motion.
MOVED = "() => { const watch = globalThis.__kaikilleMotion; return !!watch && (watch.moved || watch.moving()); }"


class ScriptError(Exception):
    """A script of ours failed inside a page's world (a page may have made it fail; that page's error)."""


@dataclass
class World:
    """An isolated world in one frame."""

    session: Any  # the CDPSession that owns the frame
    context_id: int
    frame_id: str
    url: str  # the frame's document URL when the world was made

    async def run(self, source: str) -> None:
        """Evaluate a script (e.g. inject axe-core); nothing is returned."""
        answer = await self.session.send("Runtime.evaluate", {"expression": source, "contextId": self.context_id,
                                                              "returnByValue": False, "silent": True})
        _raise_for(answer)

    async def call(self, function: str, *args: Any) -> Any:
        """Call ``function`` (JavaScript source of a function) with JSON ``args``; its JSON result.
        Promises are awaited."""
        answer = await self.session.send("Runtime.callFunctionOn", {
            "functionDeclaration": function, "executionContextId": self.context_id,
            "arguments": [{"value": a} for a in args], "returnByValue": True, "awaitPromise": True, "silent": True,
        })
        _raise_for(answer)
        return answer.get("result", {}).get("value")

    async def frame_id_of(self, function: str, *args: Any) -> str | None:
        """The frame id of the frame element that ``function`` returns (an <iframe> or <frame>), if any."""
        answer = await self.session.send("Runtime.callFunctionOn", {
            "functionDeclaration": function, "executionContextId": self.context_id,
            "arguments": [{"value": a} for a in args], "returnByValue": False, "silent": True,
        })
        _raise_for(answer)
        object_id = answer.get("result", {}).get("objectId")
        if not object_id:
            return None
        node = (await self.session.send("DOM.describeNode", {"objectId": object_id})).get("node", {})
        frame_id = node.get("frameId")
        return frame_id if isinstance(frame_id, str) else None


def _raise_for(answer: dict) -> None:
    details = answer.get("exceptionDetails")
    if details:
        text = (details.get("exception") or {}).get("description") or details.get("text") or "script error"
        raise ScriptError(str(text).splitlines()[0][:300])


class LoadedPage:
    """A loaded page as engines and checks see it: isolated worlds in its frames, found on demand."""

    def __init__(self, page: Page, context: BrowserContext, navigations: list | None = None) -> None:
        self._page = page
        self._context = context
        self.navigations = navigations if navigations is not None else []  # (method, URL) the page tried
        self.popups = 0  # windows the page tried to open (each closed at once)
        page.on("popup", self._popup)
        self._owners: dict[str, tuple[Any, str]] = {}  # frame id -> (session, url)
        self._sessions: list[Any] = []
        self._worlds: dict[str, World] = {}
        self._top: str | None = None
        self._tried: set[int] = set()  # frames asked for a session of their own

    @property
    def url(self) -> str:
        return self._page.url

    def _popup(self, _popup: Page) -> None:
        self.popups += 1

    async def press(self, key: str) -> None:
        """A real key press, as a keyboard user makes it (Tab, Shift+Tab, Escape, Control+M, ...)."""
        await self._page.keyboard.press(key)

    async def hover(self, x: float, y: float) -> None:
        await self._page.mouse.move(x, y)

    async def pointer_down(self, x: float, y: float) -> None:
        await self._page.mouse.move(x, y)
        await self._page.mouse.down()

    async def pointer_cancel(self) -> None:
        """Move the pressed pointer away from everything, then release it."""
        width, _ = self.viewport()
        await self._page.mouse.move(width - 1, 0)
        await self._page.mouse.up()

    async def listens(self, world: World, getter: str, types: tuple[str, ...], *args: Any) -> bool:
        """Whether a page script listens on the node ``getter`` returns for any event of ``types``."""
        answer = await world.session.send("Runtime.callFunctionOn", {
            "functionDeclaration": getter, "executionContextId": world.context_id,
            "arguments": [{"value": a} for a in args], "returnByValue": False, "silent": True})
        object_id = answer.get("result", {}).get("objectId")
        if not object_id:
            return False
        try:  # listeners are kept per world: ask with the node's handle in the page's own world
            backend = (await world.session.send("DOM.describeNode", {"objectId": object_id}))["node"]["backendNodeId"]
            resolved = await world.session.send("DOM.resolveNode", {"backendNodeId": backend})
            found = await world.session.send("DOMDebugger.getEventListeners", {"objectId": resolved["object"]["objectId"]})
        except (PlaywrightError, KeyError):
            return False
        return any(listener.get("type") in types for listener in found.get("listeners", []))

    async def at_rest(self, quiet_ms: float = STILL_MS, limit_ms: float = REST_MS) -> bool:
        """Wait until the top document is at rest (see ``AT_REST``), at most ``limit_ms``; whether it is.
        A page that blocks its own thread or breaks our script is analysed as it stands."""
        try:
            world = await self.top()
            return await asyncio.wait_for(world.call(AT_REST, quiet_ms, limit_ms), limit_ms / 1000 + 1) is True
        except (PlaywrightError, ScriptError, TimeoutError):
            return False

    async def watch_motion(self) -> None:
        """Start noting whether the top document moves (see ``WATCH_MOTION``); ``moved`` tells."""
        try:
            await (await self.top()).call(WATCH_MOTION)
        except (PlaywrightError, ScriptError):
            pass

    async def moved(self) -> bool:
        """Whether the top document moved since ``watch_motion``. Only evidence counts: a page that cannot be
        asked (it broke our script, or went elsewhere) keeps the analysis already made."""
        try:
            return await (await self.top()).call(MOVED) is True
        except (PlaywrightError, ScriptError):
            return False

    async def screenshot(self, clip: tuple[float, float, float, float], timeout_s: float = 10) -> bytes:
        """A PNG of the viewport's region ``clip`` (x, y, width, height in CSS pixels)."""
        x, y, width, height = clip
        return await self._page.screenshot(type="png", clip={"x": x, "y": y, "width": width, "height": height},
                                           timeout=timeout_s * 1000, animations="disabled", caret="hide")

    def viewport(self) -> tuple[int, int]:
        size = self._page.viewport_size or {"width": 1280, "height": 720}
        return size["width"], size["height"]

    async def set_viewport(self, width: int, height: int) -> None:
        await self._page.set_viewport_size({"width": width, "height": height})

    async def _index(self, session: Any) -> str:
        tree = (await session.send("Page.getFrameTree"))["frameTree"]
        stack = [tree]
        while stack:
            node = stack.pop()
            self._owners[node["frame"]["id"]] = (session, node["frame"].get("url", ""))
            stack += node.get("childFrames", [])
        return tree["frame"]["id"]

    async def top(self) -> World:
        """The top document's world."""
        if self._top is None:
            session = await self._context.new_cdp_session(self._page)
            self._sessions.append(session)
            self._top = await self._index(session)
        world = await self.world(self._top)
        assert world is not None
        return world

    async def world(self, frame_id: str) -> World | None:
        """The world in frame ``frame_id`` (made once), or None if that frame is gone."""
        if frame_id in self._worlds:
            return self._worlds[frame_id]
        if frame_id not in self._owners:
            await self._find_out_of_process_frames()
        if frame_id not in self._owners:
            return None
        session, url = self._owners[frame_id]
        try:
            made = await session.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": WORLD_NAME,
                                                                    "grantUniveralAccess": False})
        except PlaywrightError:  # the frame navigated or went away meanwhile
            return None
        world = World(session, made["executionContextId"], frame_id, url)
        self._worlds[frame_id] = world
        return world

    async def _find_out_of_process_frames(self) -> None:
        """Frames of other sites run in their own renderer: each needs a session of its own."""
        for frame in self._page.frames[1:]:
            if id(frame) in self._tried:
                continue
            self._tried.add(id(frame))
            try:
                session = await self._context.new_cdp_session(frame)
            except PlaywrightError:
                continue  # an in-process frame: the top session has it already
            self._sessions.append(session)
            await self._index(session)

    async def close(self, forget_session_storage: bool = False) -> None:
        """Detach from the page; with ``forget_session_storage``, first empty its sessionStorage (the
        tab is kept for another URL: nothing of this page may reach the next)."""
        self._page.remove_listener("popup", self._popup)
        if forget_session_storage and self._top is not None:
            try:
                world = await self.world(self._top)
                if world is not None:
                    await world.call("() => { try { sessionStorage.clear(); } catch (e) {} }")
            except (PlaywrightError, ScriptError):
                pass
        for session in self._sessions:
            try:
                await session.detach()
            except PlaywrightError:
                pass
        self._sessions.clear()
        self._worlds.clear()
