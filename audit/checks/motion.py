"""2.2.2 Pause, Stop, Hide: content that moves for more than five seconds by itself (a CSS or Web
Animations animation that repeats forever or lasts longer, a video that plays muted in a loop)
with no control on the page that names pausing or stopping: needs review — whether it is essential
or starts with the page's other content is for a person to judge."""

from __future__ import annotations

import re
from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import NEEDS_REVIEW

PAUSE = re.compile(r"(pause|stop|tauko|pysäytä|keskeytä|pausa|paus|stoppa)", re.IGNORECASE)
MOVING = """() => {
    const found = new Map();
    for (const animation of document.getAnimations ? document.getAnimations() : []) {
        const timing = animation.effect && animation.effect.getComputedTiming ? animation.effect.getComputedTiming() : {};
        const target = animation.effect && animation.effect.target;
        const long = timing.iterations === Infinity || (timing.endTime || 0) > 5000;
        if (!long || animation.playState !== 'running' || !target || target.nodeType !== 1 || !__kaikille.visible(target)) continue;
        if (!found.has(target)) found.set(target, 'animation');
    }
    for (const video of document.querySelectorAll('video[autoplay][loop], video[autoplay][muted]')) {
        if (__kaikille.visible(video) && !video.paused) found.set(video, 'video');
    }
    const controls = Array.from(document.querySelectorAll('button, [role=button], input[type=button], a[href]'))
        .map(e => __kaikille.name(e)).filter(Boolean);
    return {moving: Array.from(found.keys()).slice(0, 20).map(el => __kaikille.describe(el)), controls: controls.slice(0, 500)};
}"""


class MotionCheck:
    id = "kaikille/moving-content"
    name = "moving-content"
    costly = False
    criteria = ("2.2.2",)
    can_fail: tuple[str, ...] = ()  # needs review only

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        found = await world.call(MOVING)
        if not isinstance(found, dict) or not isinstance(found.get("moving"), list) or not found["moving"]:
            return CheckResult()
        controls = found.get("controls") if isinstance(found.get("controls"), list) else []
        if any(isinstance(c, str) and PAUSE.search(c) for c in controls):
            return CheckResult()  # there is a control that says it pauses or stops
        nodes = [node(m, t("moving-content.summary")) for m in found["moving"] if isinstance(m, dict)]
        return CheckResult([finding("moving-content", NEEDS_REVIEW, ("2.2.2",), nodes)] if nodes else [])
