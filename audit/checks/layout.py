"""1.4.10 Reflow: at 320 CSS pixels wide (a phone, or 400% zoom of a 1280 px window), the page must
not scroll sideways, except for content that needs two dimensions (tables, maps, code, media).

The viewport is set to 320 x 256 and back; the page really scrolls sideways (we try it) and the
elements that stick out past the right edge — or whose own text does, such as a long compound word
in a heading — outside two-dimensional content and outside any element that clips or scrolls by
itself, are named: a violation. A page that scrolls sideways only
because of two-dimensional content passes."""

from __future__ import annotations

from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import VIOLATION

WIDTH, HEIGHT = 320, 256
EXEMPT = ("table, pre, code, canvas, svg, video, audio, iframe, object, embed, math, map, [role=application], "
          "[role=grid], [role=treegrid], [role=table], [role=img], [role=math]")
FIND = """(exempt) => {
    const width = document.documentElement.clientWidth;
    window.scrollTo(200, window.scrollY);
    const scrolls = window.scrollX > 0;
    window.scrollTo(0, window.scrollY);
    if (!scrolls) return {scrolls: false, offenders: []};
    const out = [];
    const right = new Map();  // element -> how far right it (or its own text) reaches
    const contained = (el) => {
        for (let up = el.parentElement; up && up !== document.body && up !== document.documentElement; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== 'visible') return true;
        }
        return false;
    };
    for (const el of document.body ? document.body.querySelectorAll('*') : []) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
        if (el.closest(exempt) || contained(el) || getComputedStyle(el).visibility === 'hidden') continue;
        out.push(el);
        right.set(el, box.right);
    }
    // Text that runs out of its own box (a long word, a long address) scrolls the page too.
    const walker = document.body ? document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT) : null;
    for (let text = walker && walker.nextNode(), n = 0; text && n < 5000; text = walker.nextNode(), n += 1) {
        const el = text.parentElement;
        if (!el || !text.textContent.trim() || right.has(el)) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        const box = range.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) continue;
        if (el.closest(exempt) || contained(el) || getComputedStyle(el).visibility === 'hidden') continue;
        out.push(el);
        right.set(el, box.right);
    }
    const set = new Set(out);
    const outermost = out.filter(el => !set.has(el.parentElement));
    return {scrolls: true, offenders: outermost.slice(0, 20).map(el => ({
        ...__kaikille.describe(el), over: Math.round(right.get(el) - width)}))};
}"""


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


ZOOM_WIDTH, ZOOM_HEIGHT = 640, 512  # 1280 x 1024 at 200%
CLIPPED = """() => {
    const px = (v) => parseFloat(v) || 0;
    const lineHeight = (s) => s.lineHeight === 'normal' ? px(s.fontSize) * 1.2 : px(s.lineHeight);
    // Only elements that hide their overflow can cut text off: find them first (most pages have few).
    const clippers = [];
    for (const el of document.body ? document.body.querySelectorAll('*') : []) {
        const s = getComputedStyle(el);
        if (['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY)) clippers.push(el);
    }
    if (!clippers.length) return [];
    const styles = new Map();  // one computed style per element for the whole pass
    const styleOf = (el) => { let s = styles.get(el); if (!s) { s = getComputedStyle(el); styles.set(el, s); } return s; };
    const found = new Map();
    const seen = new Set();
    for (const clipper of clippers) {
        const walker = document.createTreeWalker(clipper, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(), n = 0; text && n < 2000; text = walker.nextNode()) {
            if (seen.has(text) || !text.textContent.trim()) continue;
            seen.add(text);
            n += 1;
            const parent = text.parentElement;
            if (!parent || parent.closest('[aria-hidden=true], svg, math')) continue;
            const own = styleOf(parent);
            if (own.visibility === 'hidden' || own.display === 'none') continue;
            const range = document.createRange();
            range.selectNodeContents(text);
            const box = range.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) continue;
            let [left, top, right, bottom] = [box.left, box.top, box.right, box.bottom];
            for (let up = parent; up && up !== document.documentElement; up = up.parentElement) {
                const s = styleOf(up);
                if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;  // clips nothing
                const r = up.getBoundingClientRect();
                if (r.width <= 1 || r.height <= 1) break;  // a visually hidden text technique, not a clip
                for (const axis of ['x', 'y']) {
                    const overflow = s.getPropertyValue('overflow-' + axis);
                    if (overflow === 'visible') continue;
                    const [lo, hi] = axis === 'x' ? [r.left + px(s.borderLeftWidth), r.right - px(s.borderRightWidth)]
                                                  : [r.top + px(s.borderTopWidth), r.bottom - px(s.borderBottomWidth)];
                    if (overflow === 'auto' || overflow === 'scroll') {  // reachable by scrolling: the box is what counts
                        if (axis === 'x') { left = Math.max(left, lo); right = Math.min(right, hi); }
                        else { top = Math.max(top, lo); bottom = Math.min(bottom, hi); }
                        continue;
                    }
                    const [a, b] = axis === 'x' ? [left, right] : [top, bottom];
                    if (a >= lo - 1 && b <= hi + 1) continue;  // nothing cut off here
                    let excused;
                    if (axis === 'x') excused = s.whiteSpace.startsWith('nowrap') && s.textOverflow !== 'clip';
                    else {  // cut at a line boundary: the box is a whole number of lines tall
                        const lines = (hi - lo) / lineHeight(s);
                        excused = Math.round(lines) >= 1 && Math.abs(lines - Math.round(lines)) * lineHeight(s) <= 1;
                    }
                    if (!excused && !found.has(up)) found.set(up, axis);
                    if (axis === 'x') { left = Math.max(left, lo); right = Math.min(right, hi); }
                    else { top = Math.max(top, lo); bottom = Math.min(bottom, hi); }
                }
            }
        }
    }
    return Array.from(found.entries()).slice(0, 30).map(([el, how]) => ({...__kaikille.describe(el), how}));
}"""


class TextClipCheck:
    """1.4.4 Resize Text: at 200% zoom (640 x 512 CSS px, as ACT rule 59br37 takes it), text cut off by
    an element that hides its overflow — not where the cut is clean: an ellipsis on a single line, or
    a box that is a whole number of lines tall: a violation."""

    id = "kaikille/text-clipped"
    name = "text-clipped"
    costly = True  # a second viewport: behind --checks all, to keep the default within its time budget
    criteria = ("1.4.4",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        width, height = page.viewport()
        await page.set_viewport(ZOOM_WIDTH, ZOOM_HEIGHT)
        try:
            clipped = await world.call(CLIPPED)
        finally:
            await page.set_viewport(width, height)
        nodes = [node(c, t("text-clipped.summary.x" if c.get("how") == "x" else "text-clipped.summary.y"))
                 for c in clipped if isinstance(c, dict)] \
            if isinstance(clipped, list) else []
        return CheckResult([finding("text-clipped", VIOLATION, ("1.4.4",), nodes)] if nodes else [])


ROTATION = """() => {
    const angle = (el) => {
        const s = getComputedStyle(el);
        let degrees = 0;
        const m = /matrix(3d)?\\(([^)]+)\\)/.exec(s.transform || '');
        if (m) { const v = m[2].split(',').map(Number); degrees += Math.atan2(v[1], v[0]) * 180 / Math.PI; }
        const r = /(-?[\\d.]+)(deg|rad|turn|grad)\\s*$/.exec(s.rotate || '');
        if (r) degrees += Number(r[1]) * {deg: 1, rad: 180 / Math.PI, turn: 360, grad: 0.9}[r[2]];
        return degrees;
    };
    return [document.documentElement, document.body].filter(Boolean).map(el => ({...__kaikille.describe(el), angle: angle(el)}));
}"""


# True when every style sheet can be read and none has an orientation media query (most pages):
# then the two viewport changes are not needed.
NO_ORIENTATION_RULES = """() => {
    const mentions = (rules) => Array.from(rules || []).some(rule =>
        (rule.media && /orientation|aspect-ratio/i.test(rule.media.mediaText)) || (rule.cssRules && mentions(rule.cssRules)));
    for (const sheet of document.styleSheets) {
        let rules;
        try { rules = sheet.cssRules; } catch (e) { return false; }  // another origin's sheet: cannot tell
        if ((sheet.media && /orientation|aspect-ratio/i.test(sheet.media.mediaText)) || mentions(rules)) return false;
    }
    return true;
}"""


def _quarter_turn(a: float, b: float) -> bool:
    """The two angles differ by about a quarter turn (90° or 270°)."""
    difference = abs(a - b) % 180
    return abs(difference - 90) <= 10


class OrientationCheck:
    """1.3.4 Orientation: the page turned a quarter turn in one orientation and not in the other — so
    that it shows the same way whichever way the phone is held, which locks it: a violation (ACT b33eff)."""

    id = "kaikille/orientation"
    name = "orientation"
    costly = False
    criteria = ("1.3.4",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        if await world.call(NO_ORIENTATION_RULES):
            return CheckResult()  # no style sheet turns anything by orientation: nothing to compare
        width, height = page.viewport()
        seen = {}
        try:
            for shape, size in (("landscape", (640, 512)), ("portrait", (512, 640))):
                await page.set_viewport(*size)
                seen[shape] = await world.call(ROTATION)
        finally:
            await page.set_viewport(width, height)
        landscape, portrait = seen.get("landscape"), seen.get("portrait")
        if not (isinstance(landscape, list) and isinstance(portrait, list)):
            return CheckResult()
        turned = [wide for wide, tall in zip(landscape, portrait, strict=False)
                  if isinstance(wide, dict) and isinstance(tall, dict)
                  and isinstance(wide.get("angle"), (int, float)) and isinstance(tall.get("angle"), (int, float))
                  and _quarter_turn(wide["angle"], tall["angle"])]
        nodes = [node(w, t("orientation.summary")) for w in turned[:1]]
        return CheckResult([finding("orientation", VIOLATION, ("1.3.4",), nodes)] if nodes else [])


SPACING = ("*:not(svg):not(svg *) { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
           "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }")
ADD_STYLE = """(css) => { const s = document.createElement('style'); s.textContent = css;
    (document.head || document.documentElement).appendChild(s); return __kaikille.remember(s); }"""
REMOVE_STYLE = "(id) => { const s = __kaikille.get(id); if (s) s.remove(); }"


class TextSpacingCheck:
    """1.4.12 Text Spacing: with the spacing the criterion names (line height 1.5, paragraphs 2,
    letters 0.12, words 0.16 times the font size) applied, text that is cut off by an element that
    hides its overflow — and was not cut off before: a violation. The spacing is removed afterwards."""

    id = "kaikille/text-spacing"
    name = "text-spacing"
    costly = True  # restyles the whole page twice: behind --checks all
    criteria = ("1.4.12",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        before = await world.call(CLIPPED)
        style = await world.call(ADD_STYLE, SPACING)
        try:
            after = await world.call(CLIPPED)
        finally:
            await world.call(REMOVE_STYLE, style)
        if not isinstance(after, list):
            return CheckResult()
        already = {c.get("selector") for c in before if isinstance(c, dict)} if isinstance(before, list) else set()
        nodes = [node(c, t("text-spacing.summary")) for c in after if isinstance(c, dict) and c.get("selector") not in already]
        return CheckResult([finding("text-spacing", VIOLATION, ("1.4.12",), nodes)] if nodes else [])
