"""1.4.11 Non-text Contrast, for text fields: a person must be able to see where to type. A text
field whose every visible boundary — the border sides and the background of the field, or of a
wrapper that draws its box, against what is around it — has a contrast below 3:1 is a violation.
A field with a shadow or a background image is passed over (we cannot measure those), as are
disabled fields."""

from __future__ import annotations

from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import VIOLATION

MAX_FIELDS = 60
FIELDS = """(max) => {
    const parse = (text) => {
        const m = /rgba?\\(([^)]+)\\)/.exec(text || '');
        if (!m) return null;
        const [r, g, b, a] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return [r, g, b, a === undefined || Number.isNaN(a) ? 1 : a];
    };
    const over = (top, under) => top[3] >= 1 ? top : [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
    const behind = (el) => {  // the opaque colour behind an element
        const layers = [];
        for (let up = el; up; up = up.parentElement) {
            const s = getComputedStyle(up);
            if (s.backgroundImage !== 'none') return null;
            const c = parse(s.backgroundColor);
            if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const fields = Array.from(document.querySelectorAll(
        'input:not([type]), input[type=text], input[type=email], input[type=search], input[type=tel], input[type=url], input[type=password], input[type=number], textarea'))
        .filter(e => !e.disabled && __kaikille.visible(e)).slice(0, max);
    // The field's visible box may be drawn by a wrapper (component libraries do): the field itself and
    // up to four ancestors that hug it (within 16 px above and below, 64 px at the sides, where icons
    // and buttons sit) each may show the boundary.
    const boxes = (el) => {
        const r0 = el.getBoundingClientRect();
        const found = [el];
        for (let up = el.parentElement, i = 0; up && i < 4 && up !== document.body; up = up.parentElement, i += 1) {
            const r = up.getBoundingClientRect();
            if (r0.left - r.left > 64 || r.right - r0.right > 64 || r0.top - r.top > 16 || r.bottom - r0.bottom > 16) break;
            found.push(up);
        }
        return found;
    };
    const weak = [];
    for (const el of fields) {
        let best = 0;
        let unknown = false;
        for (const box of boxes(el)) {
            const s = getComputedStyle(box);
            if (s.boxShadow !== 'none' || s.backgroundImage !== 'none') { unknown = true; break; }
            const around = box.parentElement ? behind(box.parentElement) : [255, 255, 255, 1];
            if (!around) { unknown = true; break; }
            best = Math.max(best, ratio(over(parse(s.backgroundColor) || [0, 0, 0, 0], around), around));
            for (const side of ['top', 'right', 'bottom', 'left']) {
                const style = s.getPropertyValue(`border-${side}-style`);
                const width = parseFloat(s.getPropertyValue(`border-${side}-width`));
                const colour = parse(s.getPropertyValue(`border-${side}-color`));
                if (style === 'none' || style === 'hidden' || !(width >= 1) || !colour) continue;
                best = Math.max(best, ratio(over(colour, around), around));
            }
        }
        if (!unknown && best < 3) weak.push({...__kaikille.describe(el), ratio: Math.round(best * 100) / 100});
    }
    return weak;
}"""


class TextFieldContrastCheck:
    id = "kaikille/text-field-boundary"
    name = "text-field-boundary"
    costly = False
    criteria = ("1.4.11",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        weak = await world.call(FIELDS, MAX_FIELDS)
        nodes = [node(w, t("text-field-boundary.summary", ratio=w.get("ratio", 0))) for w in weak if isinstance(w, dict)] \
            if isinstance(weak, list) else []
        return CheckResult([finding("text-field-boundary", VIOLATION, ("1.4.11",), nodes)] if nodes else [])
