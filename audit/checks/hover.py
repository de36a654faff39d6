"""1.4.13 Content on Hover or Focus: content a pointer hover shows must be dismissible without
moving the pointer, and hoverable (the pointer can move onto it without it vanishing).

The triggers are sampled, not guessed: elements that the page's own style rules restyle something
else for on ``:hover`` or ``:focus`` (``.menu:hover .sub``, ``.tip-trigger:hover + .tip``), and
elements described by another element (``aria-describedby``), at most ``MAX_TRIGGERS``. For each,
the pointer moves onto it with a real mouse; what became visible near it is the shown content. Then
Escape: still shown → needs review (it may close another way we cannot see). Shown again, the
pointer moves onto the shown content: gone → needs review. A browser's own ``title`` tooltip is
the criterion's exception and is never a trigger. Needs review only: whether the content is the
kind the criterion covers (an error message, or content that does not obscure anything, is not)
is for a person to judge.
"""

from __future__ import annotations

from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import NEEDS_REVIEW
from audit.visit import page_text

MAX_TRIGGERS = 10
SETTLE = "() => new Promise(r => setTimeout(r, 150))"
TRIGGERS = """(max) => {
    const found = [];
    const add = (el) => {
        if (found.length < max && el && !found.includes(el) && __kaikille.visible(el) && !el.closest('[inert], [aria-hidden=true]')) found.push(el);
    };
    const selectors = [];
    const walk = (rules, depth) => {
        for (const rule of rules) {
            if (selectors.length > 200 || depth > 3) return;
            if (rule.cssRules && !rule.selectorText) { walk(rule.cssRules, depth + 1); continue; }
            for (const part of (rule.selectorText || '').split(',')) {
                const at = part.search(/:(hover|focus|focus-within)\\b/);
                if (at < 0) continue;
                const rest = part.slice(at).replace(/^:[\\w-]+(\\([^)]*\\))?/, '');
                if (!/[\\s>+~]\\s*[^\\s]/.test(rest)) continue;  // it restyles only itself
                const trigger = part.slice(0, at).replace(/::?[\\w-]+(\\([^)]*\\))?/g, '').trim();
                if (trigger && !selectors.includes(trigger)) selectors.push(trigger);
            }
        }
    };
    for (const sheet of Array.from(document.styleSheets).slice(0, 50)) {
        let rules = null;
        try { rules = sheet.cssRules; } catch (e) { rules = null; }  // another origin's sheet: not readable
        if (rules) walk(rules, 0);
    }
    for (const selector of selectors) {
        let els = [];
        try { els = Array.from(document.querySelectorAll(selector)).slice(0, 2); } catch (e) { els = []; }
        els.forEach(add);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-describedby]')).slice(0, 20)) add(el);
    return found.map(el => ({id: __kaikille.remember(el), ...__kaikille.describe(el)}));
}"""
# What is visible around a trigger: its parent's subtree and what it is described by.
SCOPE = """(el) => {
    const scope = new Set();
    const root = el.parentElement || document.body;
    const described = (el.getAttribute('aria-describedby') || '').split(/\\s+/).map(i => document.getElementById(i)).filter(Boolean);
    for (const r of [root, ...described]) {
        if (__kaikille.visible(r)) scope.add(r);
        for (const child of Array.from(r.querySelectorAll('*')).slice(0, 800)) if (__kaikille.visible(child)) scope.add(child);
    }
    return scope;
}"""
BEFORE = "(id) => { const el = __kaikille.get(id); globalThis.__kaikilleHover = el ? (" + SCOPE + ")(el) : new Set(); return !!el; }"
# Newly visible after the hover: the outermost such elements that hold text or take room.
SHOWN = """(id) => {
    const el = __kaikille.get(id);
    const before = globalThis.__kaikilleHover || new Set();
    if (!el) return [];
    const now = Array.from((""" + SCOPE + """)(el)).filter(e => !before.has(e) && e !== el);
    const fresh = new Set(now);
    const outer = now.filter(e => !fresh.has(e.parentElement));
    return outer.filter(e => (e.innerText || '').trim() || e.getBoundingClientRect().width * e.getBoundingClientRect().height > 100)
        .slice(0, 3).map(e => ({id: __kaikille.remember(e), text: (e.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 80)}));
}"""
STILL = "(ids) => ids.some(id => { const e = __kaikille.get(id); return !!e && e.isConnected && __kaikille.visible(e); })"
CENTER = """(id) => {
    const el = __kaikille.get(id);
    if (!el) return null;
    el.scrollIntoView({block: 'center', inline: 'center'});
    const r = el.getBoundingClientRect();
    return [r.x + Math.min(r.width / 2, 20), r.y + r.height / 2];
}"""


def _point(value: Any, size: tuple[int, int]) -> tuple[float, float] | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        x, y = value
        if 0 <= x < size[0] and 0 <= y < size[1]:
            return float(x), float(y)
    return None


class HoverContentCheck:
    id = "kaikille/hover-content"
    name = "hover-content"
    costly = True  # moves the pointer over up to ten triggers
    criteria = ("1.4.13",)
    can_fail: tuple[str, ...] = ()  # needs review only

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        triggers = await world.call(TRIGGERS, MAX_TRIGGERS)
        triggers = [x for x in triggers if isinstance(x, dict) and isinstance(x.get("id"), int)] if isinstance(triggers, list) else []
        size = page.viewport()
        nodes = []
        for trigger in triggers[:MAX_TRIGGERS]:
            problem = await self._try(page, world, trigger["id"], size)
            if problem:
                key, shown = problem
                nodes.append(node(trigger, t(f"hover-content.summary.{key}", shown=page_text(shown, 80) or "…")))
            await page.hover(0, 0)
            await world.call(SETTLE)
        return CheckResult([finding("hover-content", NEEDS_REVIEW, ("1.4.13",), nodes)] if nodes else [])

    async def _try(self, page: Any, world: Any, trigger: int, size: tuple[int, int]) -> tuple[str, str] | None:
        """(escape | hoverable, the shown text) when the content the trigger shows fails a test."""
        at = _point(await world.call(CENTER, trigger), size)
        if at is None or not await world.call(BEFORE, trigger):
            return None
        await page.hover(*at)
        await world.call(SETTLE)
        shown = await world.call(SHOWN, trigger)
        shown = [s for s in shown if isinstance(s, dict) and isinstance(s.get("id"), int)] if isinstance(shown, list) else []
        if not shown:
            return None
        ids, text = [s["id"] for s in shown], str(shown[0].get("text") or "")
        await page.press("Escape")
        await world.call(SETTLE)
        if await world.call(STILL, ids) is True:
            return "escape", text
        await page.hover(0, 0)
        await world.call(SETTLE)
        await page.hover(*at)
        await world.call(SETTLE)
        if await world.call(STILL, ids) is not True:
            return None  # it did not come back: nothing more to compare
        onto = _point(await world.call(CENTER, ids[0]), size)
        if onto is None:
            return None
        await page.hover(*onto)
        await world.call(SETTLE)
        if await world.call(STILL, ids) is not True:
            return "hoverable", text
        return None
