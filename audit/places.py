"""Where a flagged element sits in its page: its landmark and a stable path through the template.

Engines name an element by the shortest selector unique in its page, which differs from page to page
for the same element of a shared template; and the element's markup differs when its text does (a
page-title banner, every page's ``h1``). After the engines and checks, one call in our own world of
the page resolves each flagged element of the top document and records its landmark (banner,
navigation, main, contentinfo, complementary, search, or none) and its path from ``body`` by tag
and position (``header > nav > ul > li:nth-of-type(3) > a``). The report groups by that place
outside ``main`` (the template), and by markup inside it (page content stays apart).

Whatever the page hands back is checked: a list of [landmark, path] pairs of bounded length, or
nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from audit.model import Finding

MAX_SELECTORS = 2000
LANDMARKS = ("banner", "navigation", "main", "contentinfo", "complementary", "search", "")

PLACES_JS = r"""(selectors) => {
  const TAGS = {header: 'banner', nav: 'navigation', main: 'main', footer: 'contentinfo', aside: 'complementary',
                search: 'search'};
  const ROLES = new Set(['banner', 'navigation', 'main', 'contentinfo', 'complementary', 'search']);
  const SECTIONING = 'article, aside, main, nav, section';
  const landmark = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const role = (n.getAttribute('role') || '').trim().split(/\s+/)[0];
      if (ROLES.has(role)) return role;
      const implied = TAGS[n.localName];
      if (!implied) continue;
      // a header or footer inside sectioning content is not the page's banner or contentinfo
      if ((implied === 'banner' || implied === 'contentinfo') && n.parentElement && n.parentElement.closest(SECTIONING)) continue;
      return implied;
    }
    return '';
  };
  const path = (el) => {
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && n.localName !== 'body' && n.localName !== 'html' && parts.length < 40; n = n.parentElement) {
      let part = n.localName;
      const parent = n.parentElement;
      if (parent) {
        const same = Array.prototype.filter.call(parent.children, (c) => c.localName === n.localName);
        if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(n) + 1) + ')';
      }
      parts.unshift(part);
    }
    return parts.join(' > ') || el.localName;
  };
  return selectors.map((s) => {
    let el = null;
    try { el = document.querySelector(s); } catch (e) { el = null; }
    return el ? [landmark(el), path(el)] : null;
  });
}"""


async def place_nodes(page: Any, findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """``findings`` with each top-document element's landmark and place (elements in frames, and
    those no longer in the page, keep none)."""
    selectors = list(dict.fromkeys(n.target[0] for f in findings for n in f.nodes if len(n.target) == 1))[:MAX_SELECTORS]
    if not selectors:
        return tuple(findings)
    answer = await (await page.top()).call(PLACES_JS, selectors)
    places: dict[str, tuple[str, str]] = {}
    if isinstance(answer, list) and len(answer) == len(selectors):
        for selector, item in zip(selectors, answer):
            if (isinstance(item, list) and len(item) == 2 and item[0] in LANDMARKS and isinstance(item[1], str)
                    and 0 < len(item[1]) <= 2000):
                places[selector] = (item[0], item[1])
    if not places:
        return tuple(findings)
    return tuple(replace(f, nodes=tuple(
        replace(n, landmark=places[n.target[0]][0], place=places[n.target[0]][1])
        if len(n.target) == 1 and n.target[0] in places else n for n in f.nodes)) for f in findings)
