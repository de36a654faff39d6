"""Site-level checks: across the pages of one site, from what the pages recorded (no second visit).
No page-at-a-time engine can see these.

- 2.4.2 Page Titled: different pages with the same title: needs review.
- 3.2.3 Consistent Navigation: a navigation menu repeated on several pages whose shared links come in
  another relative order on some page: a violation (WCAG failure F66).
- 3.2.4 Consistent Identification: links to the same place named differently on different pages:
  a violation inside a repeated navigation menu (failure F31), needs review elsewhere.
- 2.4.5 Multiple Ways: a site of several pages none of which offers a search, a site map or a
  navigation menu: a violation, reported on the start page.
- 3.1.1 Language of Page: a page whose lang differs from the pages beside it in the same language
  version (the same first path segment): needs review (a page may really be in another language).
- The accessibility statement (law 306/2019 and the EU model statement, not a WCAG criterion): the
  statement must be easy to find, and the supervisor asks for a link from every page (usually the
  footer). No crawled page links to one: needs review, serious, on the start page; some pages do
  and this one does not: needs review on this page. Links are recognised by their name
  (saavutettavuusseloste, tillgänglighetsutlåtande, accessibility statement…), so a link named
  otherwise is a person's call, never a violation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from audit.checks.kit import finding, t
from audit.model import NEEDS_REVIEW, VIOLATION, Finding, Node, PageResult
from audit.urls import normalize

MIN_SHARED = 3  # links two menus must share to be the same menu
Findings = dict[str, tuple[Finding, ...]]


def facts(page: PageResult) -> dict:
    value = page.facts.get("facts") if isinstance(page.facts, dict) else None
    return value if isinstance(value, dict) else {}


def _add(out: dict[str, list[Finding]], url: str, item: Finding) -> None:
    out.setdefault(url, []).append(item)


def _done(out: dict[str, list[Finding]]) -> Findings:
    return {url: tuple(items) for url, items in out.items()}


def _target(url: str) -> str:
    try:
        return normalize(url)
    except ValueError:
        return url


class PageTitleUnique:
    id = "kaikille/page-title-unique"
    name = "page-title-unique"
    criteria = ("2.4.2",)
    can_fail: tuple[str, ...] = ()  # needs review only

    def run(self, pages: Sequence[PageResult]) -> Findings:
        by_title: dict[str, list[PageResult]] = defaultdict(list)
        for page in pages:
            title = " ".join(page.title.split()).casefold()
            if title:
                by_title[title].append(page)
        out: dict[str, list[Finding]] = {}
        for same in by_title.values():
            distinct = list({(p.final_url or p.url): p for p in same}.values())
            if len(distinct) < 2:
                continue
            examples = ", ".join(p.url for p in distinct[:3])
            for page in distinct:
                summary = t("page-title-unique.summary", title=page.title.strip()[:120], count=len(distinct), examples=examples)
                _add(out, page.url, finding("page-title-unique", NEEDS_REVIEW, ("2.4.2",),
                                            [Node(("title",), f"<title>{page.title.strip()[:200]}</title>", summary)]))
        return _done(out)


def _menus(pages: Sequence[PageResult]) -> list[tuple[PageResult, int, list[tuple[str, str]]]]:
    """(page, menu index, [(target, name)]) for every navigation menu of every page."""
    found = []
    for page in pages:
        for index, nav in enumerate(facts(page).get("navs", [])):
            links = [(_target(href), " ".join(name.split())) for href, name in nav.get("links", [])]
            if links:
                found.append((page, index, links))
    return found


def _same_menu(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> list[str]:
    """The targets two menus share (in a's order) if they are the same menu, else []."""
    targets_b = {target for target, _ in b}
    shared = [target for target in dict.fromkeys(t for t, _ in a) if target in targets_b]
    smaller = min(len({t for t, _ in a}), len(targets_b))
    return shared if len(shared) >= MIN_SHARED and len(shared) * 2 >= smaller else []


class ConsistentNavigation:
    id = "kaikille/consistent-navigation"
    name = "consistent-navigation"
    criteria = ("3.2.3",)
    can_fail = criteria

    def run(self, pages: Sequence[PageResult]) -> Findings:
        menus = _menus(pages)
        out: dict[str, list[Finding]] = {}
        for i, (page, index, links) in enumerate(menus):
            for reference_page, _, reference in menus[:i]:
                if reference_page.url == page.url:
                    continue
                shared = _same_menu(reference, links)
                if not shared:
                    continue
                mine = [t for t in dict.fromkeys(target for target, _ in links) if t in set(shared)]
                if mine != shared:
                    names = dict(links)
                    moved = ", ".join(f"“{names.get(t, t)[:40]}”" for t in mine[:6])
                    summary = t("consistent-navigation.summary", links=moved, other=reference_page.url)
                    item = Node((f"nav:nth-of-type({index + 1})",), "<nav>", summary)
                    _add(out, page.url, finding("consistent-navigation", VIOLATION, ("3.2.3",), [item]))
                break  # compared with the first page that has the same menu
        return _done(out)


class ConsistentIdentification:
    id = "kaikille/consistent-identification"
    name = "consistent-identification"
    criteria = ("3.2.4",)
    can_fail = criteria

    def run(self, pages: Sequence[PageResult]) -> Findings:
        menus = _menus(pages)
        in_menus: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))  # target -> name -> pages
        repeated: set[str] = set()
        for i, (page, _, links) in enumerate(menus):
            if any(_same_menu(other, links) for other_page, _, other in menus[:i] if other_page.url != page.url):
                repeated |= {target for target, _ in links}
            for target, name in links:
                if name:
                    in_menus[target][name.casefold()].append(page.url)
        elsewhere: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for page in pages:
            for href, name in facts(page).get("edge_links", []):
                name = " ".join(name.split())
                if name:
                    elsewhere[_target(href)][name.casefold()].append(page.url)
        out: dict[str, list[Finding]] = {}
        reported: set[str] = set()
        for source, outcome in ((in_menus, VIOLATION), (elsewhere, NEEDS_REVIEW)):
            for target, names in source.items():
                if len(names) < 2 or target in reported or (outcome == VIOLATION and target not in repeated):
                    continue
                pages_with = {url for urls in names.values() for url in urls}
                if len(pages_with) < 2:
                    continue  # differently named on one page only: that is 2.4.4, not consistency
                reported.add(target)
                listed = ", ".join(f"“{n[:40]}”" for n in list(names)[:4])
                rarest = min(names.values(), key=len)
                summary = t("consistent-identification.summary", target=target, names=listed)
                for url in dict.fromkeys(rarest):
                    _add(out, url, finding("consistent-identification", outcome, ("3.2.4",),
                                           [Node((f'a[href="{target[:200]}"]',), "<a>", summary)]))
        return _done(out)


class MultipleWays:
    id = "kaikille/multiple-ways"
    name = "multiple-ways"
    criteria = ("2.4.5",)
    can_fail = criteria
    MIN_PAGES = 3

    def run(self, pages: Sequence[PageResult]) -> Findings:
        recorded = [p for p in pages if facts(p)]
        if len(recorded) < self.MIN_PAGES:
            return {}
        ways = any(f.get("search") or f.get("sitemap_link") or any(len(n.get("links", [])) >= MIN_SHARED for n in f.get("navs", []))
                   for f in map(facts, recorded))
        if ways:
            return {}
        start = min(recorded, key=lambda p: p.depth)
        summary = t("multiple-ways.summary", count=len(recorded))
        return {start.url: (finding("multiple-ways", VIOLATION, ("2.4.5",), [Node(("html",), "<html>", summary)]),)}


class PageLanguage:
    id = "kaikille/page-language"
    name = "page-language"
    criteria = ("3.1.1",)
    can_fail: tuple[str, ...] = ()  # needs review only
    MIN_PAGES = 3

    def run(self, pages: Sequence[PageResult]) -> Findings:
        groups: dict[str, list[tuple[PageResult, str]]] = defaultdict(list)
        for page in pages:
            lang = facts(page).get("lang", "").split("-")[0].lower()
            if lang:
                segment = urlsplit(page.final_url or page.url).path.strip("/").split("/")[0]
                groups[f"/{segment}/" if segment else "/"].append((page, lang))
        out: dict[str, list[Finding]] = {}
        for prefix, members in groups.items():
            if len(members) < self.MIN_PAGES:
                continue
            expected, votes = Counter(lang for _, lang in members).most_common(1)[0]
            if votes * 4 < len(members) * 3:
                continue  # no clear language for this part of the site
            for page, lang in members:
                if lang != expected:
                    summary = t("page-language.summary", lang=lang, prefix=prefix, expected=expected)
                    _add(out, page.url, finding("page-language", NEEDS_REVIEW, ("3.1.1",),
                                                [Node(("html",), f'<html lang="{lang}">', summary)]))
        return _done(out)


class StatementLink:
    id = "kaikille/statement-link"
    name = "statement-link"
    criteria: tuple[str, ...] = ()  # a legal requirement, not a WCAG criterion
    can_fail: tuple[str, ...] = ()
    MIN_PAGES = 2
    ABOUT = "https://eur-lex.europa.eu/eli/dec_impl/2018/1523/oj"  # the EU model statement

    def run(self, pages: Sequence[PageResult]) -> Findings:
        recorded = [p for p in pages if facts(p)]
        if len(recorded) < self.MIN_PAGES:
            return {}
        linking = {p.url: facts(p).get("statement_links", []) for p in recorded}
        found = [links[0][0] for links in linking.values() if links]
        if not found:
            start = min(recorded, key=lambda p: p.depth)
            summary = t("statement-link.none", count=len(recorded))
            return {start.url: (finding("statement-link", NEEDS_REVIEW, (), [Node(("html",), "<html>", summary)],
                                        impact="serious", help_url=self.ABOUT),)}
        statement = Counter(found).most_common(1)[0][0]
        out: dict[str, list[Finding]] = {}
        for page in recorded:
            if not linking[page.url] and _target(page.final_url or page.url) != _target(statement):
                summary = t("statement-link.missing", statement=statement, count=len(found))
                _add(out, page.url, finding("statement-link", NEEDS_REVIEW, (), [Node(("html",), "<html>", summary)],
                                            help_url=self.ABOUT))
        return _done(out)
