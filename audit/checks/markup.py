"""Checks on the page's markup as it stands, cheap and certain, and the facts the site checks read.

- 4.1.1 Parsing (WCAG 2.1, EN 301 549 9.4.1.1): an id used by several elements: a violation (minor
  impact: it harms users when something refers to that id).
- 1.4.4 Resize Text (and 1.4.10 Reflow; ACT b4f0c3): a ``<meta name=viewport>`` whose
  ``user-scalable`` forbids zooming or whose ``maximum-scale`` is below 2: a violation. Values are
  read as browsers read them (CSS Viewport): yes = 1, no = 0, device-width/height = 10, a number's
  leading digits, anything else 0; a negative maximum-scale is ignored.
- The page's facts for the site-level checks: its language, title, navigation menus (their links in
  order, with their names), links in the header and footer, and whether it offers a search or a
  link to a site map."""

from __future__ import annotations

import re
from typing import Any

from audit.checks.kit import CheckResult, finding, kit, node, t
from audit.model import VIOLATION
from audit.visit import page_text
from kaikille.links import statement_link_pattern

DUPLICATES = """() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) {
        if (!el.id) continue;
        const list = seen.get(el.id) || [];
        list.push(el);
        seen.set(el.id, list);
    }
    return Array.from(seen.entries()).filter(([, list]) => list.length > 1).slice(0, 50)
        .map(([id, list]) => ({id, count: list.length, ...__kaikille.describe(list[1])}));
}"""
FACTS = """(statementName) => {
    const links = (root, max) => Array.from(root.querySelectorAll('a[href]')).slice(0, max)
        .map(a => [a.href, __kaikille.name(a).slice(0, 120)]);
    const navs = Array.from(document.querySelectorAll('nav, [role=navigation]')).slice(0, 6)
        .map(n => ({name: (n.getAttribute('aria-label') || '').slice(0, 80), links: links(n, 80)}));
    const edges = Array.from(document.querySelectorAll('header, footer, [role=banner], [role=contentinfo]')).slice(0, 4)
        .flatMap(n => links(n, 60));
    const search = !!document.querySelector('[role=search], input[type=search], form[action*=search], form[action*=haku], form[action*=sok]');
    const sitemap = Array.from(document.querySelectorAll('a[href]')).some(a =>
        /site ?map|sivukartta|webbplatskarta|sidkarta/i.test((a.textContent || '') + ' ' + a.getAttribute('href')));
    const named = new RegExp(statementName);
    const statement = Array.from(document.querySelectorAll('a[href]'))
        .filter(a => named.test(__kaikille.name(a).replace(/\\s+/g, ' ').trim().toLowerCase())).slice(0, 5)
        .map(a => [a.href, __kaikille.name(a).slice(0, 120)]);
    return {lang: document.documentElement.getAttribute('lang') || '', title: document.title || '',
            navs, edge_links: edges.slice(0, 120), search, sitemap_link: sitemap, statement_links: statement};
}"""


VIEWPORTS = """() => Array.from(document.querySelectorAll('meta[name=viewport i][content]')).slice(0, 5)
    .map(m => ({content: String(m.getAttribute('content')).slice(0, 500), ...__kaikille.describe(m)}))"""
_PAIR = re.compile(r"([^\s,;=]+)\s*=\s*([^\s,;=]*)")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")


def viewport_value(value: str) -> float:
    value = value.strip().lower()
    named = {"yes": 1.0, "no": 0.0, "device-width": 10.0, "device-height": 10.0}
    if value in named:
        return named[value]
    match = _NUMBER.match(value)
    return float(match.group(0)) if match else 0.0


def zoom_blockers(content: str) -> list[str]:
    """The settings of a viewport's content that stop zooming to 200%, as written: [] when none."""
    found = []
    for key, value in _PAIR.findall(content):
        key = key.lower()
        if key == "user-scalable" and abs(viewport_value(value)) < 1:
            found.append(f"{key}={value}")
        elif key == "maximum-scale" and 0 <= viewport_value(value) < 2:
            found.append(f"{key}={value}")
    return found


class ViewportZoomCheck:
    id = "kaikille/viewport-zoom"
    name = "viewport-zoom"
    costly = False
    criteria = ("1.4.4", "1.4.10")
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        metas = await world.call(VIEWPORTS)
        nodes = []
        for meta in metas if isinstance(metas, list) else []:
            if isinstance(meta, dict) and isinstance(meta.get("content"), str):
                blockers = zoom_blockers(meta["content"])
                if blockers:
                    nodes.append(node(meta, t("viewport-zoom.summary", setting=page_text(", ".join(blockers), 120))))
        return CheckResult([finding("viewport-zoom", VIOLATION, self.criteria, nodes, impact="critical")] if nodes else [])


class DuplicateIdCheck:
    id = "kaikille/duplicate-id"
    name = "duplicate-id"
    costly = False
    criteria = ("4.1.1",)
    can_fail = criteria

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        dupes = await world.call(DUPLICATES)
        nodes = [node(d, t("duplicate-id.summary", id=page_text(d.get("id"), 100), count=int(d.get("count") or 0)))
                 for d in dupes if isinstance(d, dict)] if isinstance(dupes, list) else []
        return CheckResult([finding("duplicate-id", VIOLATION, ("4.1.1",), nodes, impact="minor")] if nodes else [])


class PageFacts:
    id = "kaikille/facts"
    name = "facts"
    costly = False
    criteria: tuple[str, ...] = ()
    can_fail: tuple[str, ...] = ()

    async def run(self, page: Any) -> CheckResult:
        world = await kit(page)
        facts = await world.call(FACTS, statement_link_pattern())
        return CheckResult(facts=clean_facts(facts))


def _links(value: Any) -> list[list[str]]:
    if not isinstance(value, list):
        return []
    return [[page_text(p[0], 2000), page_text(p[1], 120)] for p in value
            if isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)]


def clean_facts(raw: Any) -> dict[str, Any]:
    """Page-controlled values, checked and bounded before they are kept."""
    if not isinstance(raw, dict):
        return {}
    navs = raw.get("navs") if isinstance(raw.get("navs"), list) else []
    return {
        "lang": page_text(raw.get("lang"), 35),
        "title": page_text(raw.get("title"), 300),
        "navs": [{"name": page_text(n.get("name"), 80), "links": _links(n.get("links"))} for n in navs[:6] if isinstance(n, dict)],
        "edge_links": _links(raw.get("edge_links"))[:120],
        "search": raw.get("search") is True,
        "sitemap_link": raw.get("sitemap_link") is True,
        "statement_links": _links(raw.get("statement_links"))[:5],
    }
