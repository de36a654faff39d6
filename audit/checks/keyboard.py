"""The keyboard walk: Tab (and Shift+Tab) through the page as a keyboard user does, with real key
presses, and record where focus goes and how it looks.

- 2.1.2 No Keyboard Trap: focus that Tab cannot take out of a set of elements is a trap when
  Shift+Tab and Escape cannot either, and no instruction on the page (a key combination it names)
  releases it: a violation. Trapped in one direction only, or with a control that may hold the
  instructions (a "help" or "how" link in the trap): needs review.
- 2.4.7 Focus Visible: an element whose focused look (outline, shadow, border, background, colour,
  text decoration, its pseudo-elements, nearest ancestors and children) is the same as its
  unfocused look, while nothing else on the page changed: a violation; something else changed (an
  indicator elsewhere): needs review. We compare computed styles, as Siteimprove's Alfa does; we
  never compare screenshots or keyboard and pointer navigation graphs.
- 2.4.3 Focus Order: positive tabindex values reorder focus, and focus that jumps back up the page
  within the same column (CSS order or positioning against the source): needs review, with the
  order shown.
- 3.2.1 On Focus: focusing an element that makes the page navigate or open a window: a violation.
- 2.1.1 Keyboard: once the walk has gone round the whole page, a visible element that looks like a
  control — an interactive role (button, link, checkbox, switch, slider, text box …) or native
  control taken out of the tab order, an ``onclick`` attribute, or a pointer cursor over a click
  listener — that Tab never reached: needs review (the function may be reachable another way).
  Items of composite widgets (tabs, menus, listboxes, grids, trees, radio groups), which move focus
  with arrow keys, and anything inside or around a reached element or a label are left out.
- 2.4.1 Bypass Blocks: a page with both a main landmark and headings passes; else one of its first
  three focus stops must be a same-page link whose target exists and, activated with Enter, moves
  the next Tab into or past that target. Otherwise: needs review (the repeated blocks, and other
  ways past them, are for a person to judge).

Where focus really went after a key press is read from focus events in our own world (the first
focusout's target, or nothing: focus left the page), not from where a page script put it a moment
later, so a trap cannot hide and a one-way escape is seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import NEEDS_REVIEW, VIOLATION
from audit.visit import page_text

MAX_STOPS = 150  # focus stops walked at most per direction
SETTLE = "() => new Promise(r => setTimeout(r, 60))"  # a page's own focus timers run meanwhile
HELP_WORDS = re.compile(r"\b(help|how|instruction|ohje|apua|miten|hjälp|instruktion|hur)", re.IGNORECASE)
KEY_HINT = re.compile(r"((?:(?:ctrl|control|alt|option|shift|cmd|command|meta)\s*\+\s*)+[a-z0-9]\b|\b(?:esc|escape|f\d{1,2})\b)",
                      re.IGNORECASE)
MAX_NODES = 20  # elements named in one finding at most
CLICKS = ("click", "mousedown", "mouseup", "pointerdown", "pointerup")
# Visible elements that look like controls, not reached by Tab (ids in ``reached``): what and why.
UNREACHED = """(reached, max) => {
    const done = new Set(reached);
    const ROLES = new Set(['button', 'link', 'checkbox', 'switch', 'slider', 'spinbutton', 'textbox', 'combobox', 'searchbox']);
    const COMPOSITE = '[role=tablist], [role=menu], [role=menubar], [role=listbox], [role=grid], [role=treegrid], [role=tree], ' +
        '[role=radiogroup], [role=toolbar], select, datalist';
    const NATIVE = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    const reachedEls = Array.from(done).map(id => __kaikille.get(id)).filter(Boolean);
    const near = (el) => reachedEls.some(r => r === el || r.contains(el) || el.contains(r));
    const skip = (el) => !__kaikille.visible(el) || el.disabled || el.closest('[inert], [aria-hidden=true], label, ' + COMPOSITE)
        || near(el);
    const found = [];
    const add = (el, why, role, listener) => {
        if (found.length < max * 3 && !found.some(f => f.el === el || f.el.contains(el))) found.push({el, why, role, listener});
    };
    for (const el of document.querySelectorAll('[role]')) {
        const role = (el.getAttribute('role') || '').trim().split(/\\s+/)[0].toLowerCase();
        if (ROLES.has(role) && !skip(el)) add(el, 'role', role, false);
    }
    for (const el of document.querySelectorAll(NATIVE)) {
        if (el.getAttribute('tabindex') === '-1' && !skip(el)) add(el, 'role', el.localName, false);
    }
    for (const el of document.querySelectorAll('[onclick]')) if (!skip(el)) add(el, 'click', '', false);
    let looked = 0;
    for (const el of document.body ? document.body.querySelectorAll('div, span, li, img, svg, td, p, i, label, h1, h2, h3, h4, h5, h6') : []) {
        if (looked > 3000) break;
        looked += 1;
        if (getComputedStyle(el).cursor !== 'pointer') continue;
        const parent = el.parentElement;
        if (parent && getComputedStyle(parent).cursor === 'pointer') continue;  // the cursor is inherited: the outermost one
        if (el.closest(NATIVE + ', [tabindex]') || skip(el)) continue;
        add(el, 'click', '', true);
    }
    return found.slice(0, max * 3).map(f => ({id: __kaikille.remember(f.el), why: f.why, role: f.role, listener: f.listener,
                                              ...__kaikille.describe(f.el)}));
}"""
SKIP_LINKS = """(ids) => ids.map(id => __kaikille.get(id)).filter(el => el && el.localName === 'a').map(el => {
    const href = el.getAttribute('href') || '';
    let target = null;
    if (href.startsWith('#') && href.length > 1) {
        let key = href.slice(1);
        try { key = decodeURIComponent(key); } catch (e) { /* as written */ }
        target = document.getElementById(key) || document.getElementsByName(key)[0] || null;
    }
    return {id: __kaikille.remember(el), href: href.slice(0, 200), target: target ? __kaikille.remember(target) : 0};
}).filter(s => s.href.startsWith('#'))"""
LANDMARKS = """() => ({main: !!document.querySelector('main, [role=main]'),
                headings: !!document.querySelector('h1, h2, h3, h4, h5, h6, [role=heading]')})"""
# After the skip link was activated: is the newly focused element the target, inside it or after it?
PAST = """(target) => {
    const el = __kaikille.get(target), now = __kaikille.deepActive();
    return !!(el && now && (el === now || el.contains(now) || (el.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING)));
}"""
MODIFIERS = {"ctrl": "Control", "control": "Control", "alt": "Alt", "option": "Alt", "shift": "Shift", "cmd": "Meta",
             "command": "Meta", "meta": "Meta"}


@dataclass
class Stop:
    landing: int  # where focus went first (0: out of the page)
    active: int  # where it is once the page's scripts have had their say
    info: dict | None
    look: str | None
    previous_look: str | None
    mutated: int
    navigated: bool
    opened: bool


def playwright_key(hint: str) -> str:
    """'Ctrl+M' -> 'Control+M'; 'Esc' -> 'Escape'."""
    parts = [p.strip() for p in hint.split("+")]
    keys = [MODIFIERS.get(p.lower(), p) for p in parts[:-1]]
    last = parts[-1]
    last = {"esc": "Escape", "escape": "Escape"}.get(last.lower(), last.upper() if len(last) == 1 else last.upper())
    return "+".join([*keys, last])


def _box(info: dict) -> tuple[float, float, float, float] | None:
    box = info.get("box")
    if isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box) and box[2] > 0 and box[3] > 0:
        return float(box[0]), float(box[1]), float(box[2]), float(box[3])
    return None


def backward_jumps(stops: list[Stop], gap: float = 10) -> list[tuple[dict, dict]]:
    """Pairs of successive focus stops where focus goes back up the page within the same column
    (the boxes share some width and the second lies wholly above the first): the focus order goes
    against the visual reading order. Stops in fixed or sticky boxes and in frames are left out."""
    seen: set[int] = set()
    infos = []
    for stop in stops:
        if stop.active and stop.active not in seen and stop.info:
            seen.add(stop.active)
            infos.append(stop.info)
    jumps = []
    for a, b in zip(infos, infos[1:]):
        if a.get("fixed") is True or b.get("fixed") is True or "iframe" in (a.get("tag"), b.get("tag")):
            continue
        first, second = _box(a), _box(b)
        if first is None or second is None:
            continue
        overlap = min(first[0] + first[2], second[0] + second[2]) - max(first[0], second[0])
        if overlap > 0 and second[1] + second[3] < first[1] - gap:
            jumps.append((a, b))
    return jumps


class KeyboardCheck:
    id = "kaikille/keyboard"
    name = "keyboard"
    costly = True
    criteria = ("2.1.1", "2.1.2", "2.4.1", "2.4.7", "2.4.3", "3.2.1")
    can_fail = ("2.1.2", "2.4.7", "3.2.1")  # 2.1.1, 2.4.1 and 2.4.3: needs review only

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        count = await world.call("() => __kaikille.focusable().length")
        result = CheckResult(facts={"focusable": count if isinstance(count, int) else 0})
        if not isinstance(count, int) or count == 0:
            return result
        positive = await world.call("""() => __kaikille.focusable()
            .filter(e => (parseInt(e.getAttribute('tabindex'), 10) || 0) > 0).map(e => __kaikille.describe(e))""")
        await world.call("() => { const a = document.activeElement; if (a && a.blur) a.blur(); }")
        forward = await self._walk(page, world, "Tab", min(count + 3, MAX_STOPS), linger=5)
        infos = {s.active: s.info for s in forward if s.active and s.info}
        result.facts["focus_order"] = [infos[i]["name"][:60] for i in dict.fromkeys(s.active for s in forward) if i in infos][:50]
        result.findings += self._focus_visible(forward)
        result.findings += self._on_focus(forward)
        order = " → ".join(result.facts["focus_order"][:20])
        ordered = [node(p, t("focus-order.summary", order=order)) for p in positive if isinstance(p, dict)] if isinstance(positive, list) else []
        ordered += [node(b, t("focus-order.summary.jump", previous=page_text(a.get("name"), 60) or a.get("tag", "?"), order=order))
                    for a, b in backward_jumps(forward)]
        if ordered:
            result.findings.append(finding("focus-order", NEEDS_REVIEW, ("2.4.3",), ordered[:MAX_NODES]))
        if forward and forward[-1].landing == 0:  # the walk went round the whole page
            result.findings += await self._unreachable(page, world, {s.active for s in forward} | {s.landing for s in forward})
        trap = await self._trap(page, world, forward, count)
        if trap:
            result.findings.append(trap)
        else:  # a trapped page cannot be walked further
            bypass = await self._bypass(page, world, forward)
            if bypass:
                result.findings.append(bypass)
        return result

    async def _walk(self, page: Any, world: Any, key: str, steps: int, linger: int = 0) -> list[Stop]:
        stops: list[Stop] = []
        previous = await world.call("() => __kaikille.start()")
        frame_steps = 0
        seen = (len(page.navigations), page.popups)

        def late_events() -> None:
            """A navigation or window the page asked for after the last look belongs to the last stop."""
            nonlocal seen
            now = (len(page.navigations), page.popups)
            named = [s for s in stops if s.info]  # focus that left the page opened nothing: the element before did
            if named and now != seen:
                named[-1].navigated |= now[0] > seen[0]
                named[-1].opened |= now[1] > seen[1]
            seen = now

        for _ in range(steps):
            late_events()
            await world.call("() => __kaikille.start()")
            await page.press(key)
            await world.call(SETTLE)
            state = await world.call("p => __kaikille.finish(p)", previous)
            if not isinstance(state, dict):
                break
            stop = Stop(int(state.get("landing") or 0), int(state.get("active") or 0), state.get("info"),
                        state.get("look"), state.get("previousLook"), int(state.get("mutated") or 0), False, False)
            stops.append(stop)
            in_frame = bool(stop.info and stop.info.get("tag") in ("iframe", "frame"))
            if in_frame and stop.active == previous:
                frame_steps += 1  # moving inside a frame: the top document sees no change
                if frame_steps > 60:
                    break
                continue
            if stop.landing == 0:
                break  # focus left the page: the cycle is complete
            previous = stop.active
        await world.call(SETTLE)
        for _ in range(linger):  # a window the last focus opened may be announced late on a busy machine
            late_events()
            await world.call(SETTLE)
        late_events()
        return stops

    def _focus_visible(self, stops: list[Stop]) -> list:
        invisible, unsure = [], []
        for i, stop in enumerate(stops[:-1]):
            after = stops[i + 1]
            if not stop.active or not stop.info or stop.info.get("tag") in ("iframe", "frame"):
                continue
            if stop.active in (after.landing, after.active) or stop.look is None or after.previous_look is None:
                continue  # it never really lost focus (or got it back at once): nothing to compare
            if stop.look != after.previous_look:
                continue
            target = unsure if stop.mutated else invisible
            if stop.info["selector"] not in {n.target[0] for n in (*invisible, *unsure)}:
                target.append(node(stop.info, t("focus-visible.summary")))
        found = []
        if invisible:
            found.append(finding("focus-visible", VIOLATION, ("2.4.7",), invisible))
        if unsure:
            found.append(finding("focus-visible", NEEDS_REVIEW, ("2.4.7",), unsure))
        return found

    def _on_focus(self, stops: list[Stop]) -> list:
        moved = [node(s.info, t("on-focus.summary")) for s in stops if (s.navigated or s.opened) and s.info]
        return [finding("on-focus", VIOLATION, ("3.2.1",), moved)] if moved else []

    async def _bypass(self, page: Any, world: Any, forward: list[Stop]) -> Any:
        marks = await world.call(LANDMARKS)
        if isinstance(marks, dict) and marks.get("main") is True and marks.get("headings") is True:
            return None
        first = list(dict.fromkeys(s.active for s in forward if s.active))[:3]
        links = await world.call(SKIP_LINKS, first)
        links = [x for x in links if isinstance(x, dict) and isinstance(x.get("id"), int)] if isinstance(links, list) else []
        for link in links:
            if not isinstance(link.get("target"), int) or not link["target"]:
                continue
            await world.call("id => { const el = __kaikille.get(id); if (el) el.focus(); }", link["id"])
            await page.press("Enter")
            await world.call(SETTLE)
            await page.press("Tab")
            await world.call(SETTLE)
            if await world.call(PAST, link["target"]) is True:
                return None  # a skip link that works
        if links:
            info = await world.call("id => __kaikille.describe(__kaikille.get(id))", links[0]["id"])
            why = t("bypass.why.broken", href=page_text(links[0].get("href"), 100))
            return finding("bypass", NEEDS_REVIEW, ("2.4.1",), [node(info if isinstance(info, dict) else {}, why)])
        missing = [t(f"bypass.missing.{k}") for k in ("main", "headings") if not (isinstance(marks, dict) and marks.get(k) is True)]
        why = t("bypass.why.none", missing=", ".join(missing))
        return finding("bypass", NEEDS_REVIEW, ("2.4.1",), [node({"selector": "html"}, why)])

    async def _unreachable(self, page: Any, world: Any, reached: set[int]) -> list:
        found = await world.call(UNREACHED, sorted(i for i in reached if i), MAX_NODES)
        nodes = []
        for item in found if isinstance(found, list) else []:
            if len(nodes) >= MAX_NODES or not isinstance(item, dict) or not isinstance(item.get("id"), int):
                continue
            if item.get("listener") is True and not await page.listens(world, "id => __kaikille.get(id)", CLICKS, item["id"]):
                continue  # a pointer cursor alone is not a control
            why = t("keyboard-unreachable.why.role", role=str(item.get("role") or "")[:40]) if item.get("why") == "role" \
                else t("keyboard-unreachable.why.click")
            nodes.append(node(item, t("keyboard-unreachable.summary", why=why)))
        return [finding("keyboard-unreachable", NEEDS_REVIEW, ("2.1.1",), nodes)] if nodes else []

    async def _trap(self, page: Any, world: Any, forward: list[Stop], count: int) -> Any:
        """A trap: the same element focused twice in one forward cycle, without focus leaving the page."""
        if not forward or forward[-1].landing == 0:
            return None
        seen: set[int] = set()
        repeat = None
        for stop in forward:
            if stop.info and stop.info.get("tag") in ("iframe", "frame"):
                continue
            if stop.active in seen:
                repeat = stop
                break
            if stop.active:
                seen.add(stop.active)
        if repeat is None:
            return None  # a long page whose cycle did not finish within the walk: no conclusion
        cycle = await self._walk(page, world, "Tab", len(seen) * 2 + 2)
        if any(s.landing == 0 for s in cycle):
            return None
        trapped = {s.active for s in cycle if s.active}
        infos = {s.active: s.info for s in [*forward, *cycle] if s.active and s.info}
        nodes = [node(infos[i], t("keyboard-trap.summary")) for i in trapped if i in infos]
        backward = await self._walk(page, world, "Shift+Tab", len(trapped) * 2 + 2)
        if any(s.landing == 0 or (s.active and s.active not in trapped) for s in backward):
            return finding("keyboard-trap", NEEDS_REVIEW, ("2.1.2",), nodes)  # one way out only
        if await self._released(page, world, "Escape", trapped):
            return None
        hints = await world.call("() => document.body ? document.body.innerText.slice(0, 20000) : ''")
        for hint in dict.fromkeys(m.group(0) for m in KEY_HINT.finditer(hints if isinstance(hints, str) else "")):
            if await self._released(page, world, playwright_key(hint), trapped):
                return None  # the page says how to leave, and it works
        if any(HELP_WORDS.search(infos[i].get("name", "")) for i in trapped if i in infos):
            return finding("keyboard-trap", NEEDS_REVIEW, ("2.1.2",), nodes)  # help may be one activation away
        return finding("keyboard-trap", VIOLATION, ("2.1.2",), nodes, impact="critical")

    async def _released(self, page: Any, world: Any, key: str, trapped: set[int]) -> bool:
        await world.call("() => __kaikille.start()")
        await page.press(key)
        await world.call(SETTLE)
        state = await world.call("p => __kaikille.finish(p)", 0)
        if isinstance(state, dict) and state.get("active") and state["active"] not in trapped:
            return True
        after = await self._walk(page, world, "Tab", 2)
        return any(s.landing == 0 or (s.active and s.active not in trapped) for s in after)
