"""1.4.10 Reflow: at 320 CSS pixels wide (a phone, or 400% zoom of a 1280 px window), the page must
not scroll sideways, except for content that needs two dimensions (tables, maps, code, media).

The viewport is set to 320 x 256 and back; the page really scrolls sideways (we try it) and the
elements that stick out past the right edge, outside two-dimensional content and outside any
element that clips or scrolls by itself, are named: a violation. A page that scrolls sideways only
because of two-dimensional content passes."""

from __future__ import annotations

from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import VIOLATION

WIDTH, HEIGHT = 320, 256
EXEMPT = ("table, pre, code, canvas, svg, video, audio, iframe, object, embed, math, map, [role=application], "
          "[role=grid], [role=treegrid], [role=table], [role=img], [role=math]")
FIND = """(exempt) => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
    const width = document.documentElement.clientWidth;
    window.scrollTo(200, window.scrollY);
    const scrolls = window.scrollX > 0;
    window.scrollTo(0, window.scrollY);
    if (!scrolls) { resolve({scrolls: false, offenders: []}); return; }
    const out = [];
    for (const el of document.body ? document.body.querySelectorAll('*') : []) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
        if (el.closest(exempt)) continue;
        let contained = false;
        for (let up = el.parentElement; up && up !== document.body && up !== document.documentElement; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible') { contained = true; break; }
        }
        if (contained || getComputedStyle(el).visibility === 'hidden') continue;
        out.push(el);
    }
    const set = new Set(out);
    const outermost = out.filter(el => !set.has(el.parentElement));
    resolve({scrolls: true, offenders: outermost.slice(0, 20).map(el => ({
        ...__kaikille.describe(el), over: Math.round(el.getBoundingClientRect().right - width)}))});
})))"""


class ReflowCheck:
    id = "kaikille/reflow"
    name = "reflow"
    costly = False
    criteria = ("1.4.10",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        width, height = page.viewport()
        await page.set_viewport(WIDTH, HEIGHT)
        try:
            found = await world.call(FIND, EXEMPT)
        finally:
            await page.set_viewport(width, height)
        if not isinstance(found, dict):
            return CheckResult()
        offenders = [o for o in found.get("offenders", []) if isinstance(o, dict)]
        result = CheckResult(facts={"scrolls_sideways_at_320": bool(found.get("scrolls"))})
        if offenders:
            nodes = [node(o, t("reflow.summary", px=int(o.get("over") or 0))) for o in offenders]
            result.findings.append(finding("reflow", VIOLATION, ("1.4.10",), nodes))
        return result
