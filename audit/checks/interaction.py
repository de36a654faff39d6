"""Interaction checks: use the page's controls as a person would and watch what happens.

- 3.2.2 On Input: changing a select, checkbox or radio button makes the page navigate or open a
  window: a violation (WCAG failures F36, F37) — needs review when the page seems to say so
  beforehand (the criterion's exception), which we cannot judge.
- 2.5.2 Pointer Cancellation: pressing the mouse button down on a control (without releasing it)
  makes the page navigate or open a window: the action happens on the down-event, and moving the
  pointer away cannot cancel it: a violation.

Navigation never happens: the browser stage holds a page where it is and notes where it wanted to
go. Every change is undone afterwards, so later checks see the page as it was.
"""

from __future__ import annotations

import re
from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import NEEDS_REVIEW, VIOLATION

MAX_CONTROLS = 20
DOWN = ("mousedown", "pointerdown", "touchstart")
WAIT = "() => new Promise(r => setTimeout(r, 120))"
WARNED = re.compile(r"(new window|opens|changes the page|takes you|avautuu|siirtyy|vaihtaa sivu|öppnas|byter sida|tar dig)",
                    re.IGNORECASE)
CONTROLS = """(max) => Array.from(document.querySelectorAll('select, input[type=checkbox], input[type=radio]'))
    .filter(e => !e.disabled && __kaikille.visible(e)).slice(0, max)
    .map(e => ({id: __kaikille.remember(e), ...__kaikille.describe(e),
                nearby: ((e.closest('form, fieldset, label, p, div') || e).innerText || '').slice(0, 400)}))"""
# What was selected before is kept in our own world, never in the page's DOM.
CHANGE = """(id) => {
    const el = __kaikille.get(id);
    if (!el) return false;
    const undo = globalThis.__kaikilleUndo || (globalThis.__kaikilleUndo = new Map());
    if (el.localName === 'select') {
        if (el.options.length < 2) return false;
        undo.set(id, el.selectedIndex);
        el.selectedIndex = (el.selectedIndex + 1) % el.options.length;
        el.dispatchEvent(new Event('input', {bubbles: true}));
        el.dispatchEvent(new Event('change', {bubbles: true}));
    } else {
        const group = el.type === 'radio' && el.name && el.form
            ? Array.from(el.form.elements).filter(e => e.type === 'radio' && e.name === el.name) : [];
        undo.set(id, el.type === 'radio' ? group.find(e => e.checked) || null : el.checked);
        el.click();
    }
    return true;
}"""
UNDO = """(id) => {
    const el = __kaikille.get(id);
    const undo = globalThis.__kaikilleUndo;
    if (!el || !undo || !undo.has(id)) return;
    const was = undo.get(id);
    undo.delete(id);
    if (el.localName === 'select') el.selectedIndex = was;
    else if (el.type === 'checkbox') el.checked = was;
    else if (was) was.checked = true;
    else el.checked = false;
}"""
PRESSABLE = """(max) => Array.from(document.querySelectorAll('a[href], button, [role=button], [role=link], input[type=button], input[type=submit], [onmousedown], [onpointerdown]'))
    .filter(e => __kaikille.visible(e)).slice(0, 400)
    .map(e => ({id: __kaikille.remember(e), ...__kaikille.describe(e)}))"""
ON_SCREEN = """(id) => {
    const el = __kaikille.get(id);
    if (!el) return null;
    el.scrollIntoView({block: 'center', inline: 'center'});
    const r = el.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2];
}"""


class OnInputCheck:
    id = "kaikille/on-input"
    name = "on-input"
    costly = True
    criteria = ("3.2.2",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        controls = await world.call(CONTROLS, MAX_CONTROLS)
        certain, unsure = [], []
        for control in controls if isinstance(controls, list) else []:
            if not isinstance(control, dict) or not isinstance(control.get("id"), int):
                continue
            navigations, popups = len(page.navigations), page.popups
            if not await world.call(CHANGE, control["id"]):
                continue
            await world.call(WAIT)
            changed = len(page.navigations) > navigations or page.popups > popups
            await world.call(UNDO, control["id"])
            if changed:
                warned = WARNED.search(str(control.get("nearby") or ""))
                (unsure if warned else certain).append(node(control, t("on-input.summary")))
        found = []
        if certain:
            found.append(finding("on-input", VIOLATION, ("3.2.2",), certain))
        if unsure:
            found.append(finding("on-input", NEEDS_REVIEW, ("3.2.2",), unsure))
        return CheckResult(found)


class PointerCancellationCheck:
    id = "kaikille/pointer-down"
    name = "pointer-down"
    costly = True
    criteria = ("2.5.2",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        controls = await world.call(PRESSABLE, MAX_CONTROLS)
        controls = [c for c in controls if isinstance(c, dict) and isinstance(c.get("id"), int)] if isinstance(controls, list) else []
        delegated = await page.listens(world, "() => document", DOWN) or await page.listens(world, "() => document.body", DOWN)
        candidates = controls[:MAX_CONTROLS] if delegated else [
            c for c in controls[:100] if await page.listens(world, "id => __kaikille.get(id)", DOWN, c["id"])]
        width, height = page.viewport()
        acted = []
        for control in candidates[:MAX_CONTROLS]:
            point = await world.call(ON_SCREEN, control["id"])
            if not (isinstance(point, list) and len(point) == 2 and all(isinstance(v, (int, float)) for v in point)):
                continue
            x, y = point
            if not (0 <= x < width and 0 <= y < height):
                continue  # not on screen: pressing there would press something else
            navigations, popups = len(page.navigations), page.popups
            await page.pointer_down(x, y)
            await world.call(WAIT)
            if len(page.navigations) > navigations or page.popups > popups:
                acted.append(node(control, t("pointer-down.summary")))
            await page.pointer_cancel()  # move away, then release: how a person cancels a press
            if len(acted) >= MAX_CONTROLS:
                break
        return CheckResult([finding("pointer-down", VIOLATION, ("2.5.2",), acted)] if acted else [])
