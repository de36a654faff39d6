"""Pictures for the report: each fix group's failing element, outlined, in its page.

After the engines, the checks and the places, the first page on which a fix group's element fails
(group keys as the report forms them: ``audit.model.group_key``) gets one picture of that element
with a red outline and some of its surroundings, at most ``MAX_SIZE`` pixels, saved as
``<out>/screenshots/<id>.png`` and referenced from the node (``Node.screenshot``: a path relative to
the report folder). A run keeps at most ``MAX_SHOTS``; an element that is gone, hidden or off the
page is simply not pictured. The outline is ours, drawn after every check has run and removed
before the next picture.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from audit.model import VIOLATION, Finding, group_key
from kaikille.errors import ToolFailure
from kaikille.files import write_atomic

FOLDER = "screenshots"
PATH_PATTERN = re.compile(r"^screenshots/[0-9a-f]{20}\.png$")  # the only references a report shows
MAX_SHOTS = 300  # per run
MAX_SIZE = (1200, 800)  # CSS pixels of one picture, at most
MARGIN = 48  # of the surroundings, on each side

OUTLINE_JS = r"""(selector) => {
  const state = globalThis.__kaikilleOutline || (globalThis.__kaikilleOutline = {el: null, old: null});
  if (state.el) {
    state.el.style.setProperty('outline', state.old[0], state.old[1]);
    state.el.style.setProperty('outline-offset', state.old[2], state.old[3]);
    state.el = null;
  }
  if (!selector) return null;
  let el = null;
  try { el = document.querySelector(selector); } catch (e) { el = null; }
  if (!el || !el.getBoundingClientRect) return null;
  el.scrollIntoView({block: 'center', inline: 'center'});
  const box = el.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return null;
  state.el = el;
  state.old = [el.style.getPropertyValue('outline'), el.style.getPropertyPriority('outline'),
               el.style.getPropertyValue('outline-offset'), el.style.getPropertyPriority('outline-offset')];
  el.style.setProperty('outline', '4px solid #c00000', 'important');
  // at the page's edge an outline drawn outside would be cut off: draw it inside there
  const edge = box.top + scrollY < 7 || box.left + scrollX < 7;
  el.style.setProperty('outline-offset', edge ? '-4px' : '2px', 'important');
  return [box.left, box.top, box.width, box.height, innerWidth, innerHeight];
}"""


def clip_for(answer: Any) -> tuple[float, float, float, float] | None:
    """The region to picture around the box the page reported, inside its viewport; None when the
    answer is not six finite numbers or leaves nothing to picture."""
    if not (isinstance(answer, list) and len(answer) == 6 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                                  and abs(v) < 1e7 for v in answer)):
        return None
    left, top, width, height, view_w, view_h = answer
    x, y = max(0.0, left - MARGIN), max(0.0, top - MARGIN)
    w = min(width + 2 * MARGIN, MAX_SIZE[0], view_w - x)
    h = min(height + 2 * MARGIN, MAX_SIZE[1], view_h - y)
    if w < 8 or h < 8:
        return None
    return (float(x), float(y), float(w), float(h))


class Shots:
    """The run's pictures: one per fix group, the first page that shows it."""

    def __init__(self, out_dir: str | Path, limit: int = MAX_SHOTS) -> None:
        self.folder = Path(out_dir) / FOLDER
        self.limit = limit
        self.taken: set[tuple[str, ...]] = set()

    def already(self, findings: Sequence[Finding]) -> None:
        """Groups pictured by an interrupted run (its journal's pages): not pictured again."""
        for finding in findings:
            for node in finding.nodes:
                if node.screenshot and (self.folder.parent / node.screenshot).is_file():
                    self.taken.add(group_key(finding.rule_id, node))

    async def capture(self, page: Any, findings: Sequence[Finding]) -> tuple[Finding, ...]:
        wanted: dict[tuple[str, ...], str] = {}
        for finding in findings:
            if finding.outcome != VIOLATION:
                continue
            for node in finding.nodes:
                key = group_key(finding.rule_id, node)
                if len(node.target) == 1 and key not in self.taken and key not in wanted and len(self.taken) + len(wanted) < self.limit:
                    wanted[key] = node.target[0]
        if not wanted:
            return tuple(findings)
        self.taken.update(wanted)  # claimed now: another page of the same group does not try meanwhile
        top = await page.top()
        pictured: dict[str, str] = {}
        try:
            for key, selector in wanted.items():
                if selector in pictured:
                    continue
                clip = clip_for(await top.call(OUTLINE_JS, selector))
                if clip is None:
                    continue
                png = await page.screenshot(clip)
                name = hashlib.sha256("\n".join(key).encode("utf-8")).hexdigest()[:20] + ".png"
                try:
                    write_atomic(self.folder / name, png, fsync=False)
                except ToolFailure:  # a full disk: no more pictures; the journal then says what failed
                    self.limit = 0
                    break
                pictured[selector] = f"{FOLDER}/{name}"
        finally:
            await top.call(OUTLINE_JS, None)
        if not pictured:
            return tuple(findings)
        return tuple(replace(f, nodes=tuple(replace(n, screenshot=pictured[n.target[0]])
                                            if f.outcome == VIOLATION and len(n.target) == 1 and n.target[0] in pictured
                                            else n for n in f.nodes)) for f in findings)
