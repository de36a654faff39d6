"""The pages to evaluate (WCAG-EM step 3): a structured sample chosen from an audit's pages, plus a
random sample, the same for the same results file and seed.

Structured: the front page; the accessibility statement; contact and feedback pages; a page with a
search; a page with a form (a finding on a form field says there is one); documents (PDF and office
files); then one page per template, where a template is approximated by the page's first path
folder and its navigation menus. Random: a share of the remaining audited pages (WCAG-EM asks for
at least a tenth of the structured sample), drawn with a seeded generator over the sorted addresses.
Each page keeps the reasons it was chosen, as codes the app words in fi/sv/en.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from audit.model import NEEDS_REVIEW, VIOLATION, AuditReport, PageResult
from kaikille.links import names_statement
from statements.evaluation import new_evaluation

CONTACT = re.compile(r"yhteystied|ota-yhteytta|contact|kontakt", re.I)
FEEDBACK = re.compile(r"palaute|feedback|respons|anna-palautetta", re.I)
SEARCH = re.compile(r"(^|[/?&_-])(haku|search|sok|sök)([/?=&_-]|$)", re.I)
DOCUMENT = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods)(\?|$)", re.I)
FORM_RULES = ("label", "select-name", "autocomplete-valid", "kaikille/on-input", "kaikille/text-field-boundary")
RANDOM_SHARE = 0.1


def _facts(page: PageResult) -> dict:
    value = page.facts.get("facts") if isinstance(page.facts, dict) else None
    return value if isinstance(value, dict) else {}


def _template(page: PageResult) -> tuple[str, int]:
    """Pages in the same folder with the same number of navigation menus: most likely one template."""
    folder = urlsplit(page.final_url or page.url).path.rstrip("/").rsplit("/", 1)[0]
    return folder, len(_facts(page).get("navs", []))


def structured_sample(report: AuditReport) -> list[tuple[PageResult, list[str]]]:
    pages = sorted((p for p in report.pages if p.audited), key=lambda p: (p.depth, p.url))
    chosen: dict[str, tuple[PageResult, list[str]]] = {}

    def take(page: PageResult, reason: str) -> None:
        chosen.setdefault(page.url, (page, []))[1].append(reason)

    if pages:
        take(pages[0], "front-page")
    statement_links = {href for p in pages for href, _ in _facts(p).get("statement_links", [])}
    rules = [
        ("statement", lambda p: p.url in statement_links or (p.final_url or "") in statement_links or names_statement(p.title)),
        ("contact", lambda p: bool(CONTACT.search(p.url) or CONTACT.search(p.title))),
        ("feedback", lambda p: bool(FEEDBACK.search(p.url) or FEEDBACK.search(p.title))),
        ("search", lambda p: bool(SEARCH.search(urlsplit(p.url).path + "?" + urlsplit(p.url).query))),
        ("form", lambda p: any(f.rule_id in FORM_RULES for f in p.findings)),
        ("document", lambda p: bool(DOCUMENT.search(p.url))),
    ]
    for reason, matches in rules:
        hit = next((p for p in pages if matches(p)), None)
        if hit is not None:
            take(hit, reason)
    seen_templates = {_template(page) for page, _ in chosen.values()}
    for page in pages:
        key = _template(page)
        if key not in seen_templates:
            seen_templates.add(key)
            take(page, "template")
    return list(chosen.values())


def sample_pages(report: AuditReport, seed: int = 2102, random_count: int | None = None) -> list[dict]:
    """The sample as the evaluation file keeps it: structured pages first, then the random ones."""
    structured = structured_sample(report)
    taken = {page.url for page, _ in structured}
    rest = sorted(p.url for p in report.pages if p.audited and p.url not in taken)
    count = random_count if random_count is not None else math.ceil(RANDOM_SHARE * len(structured)) if rest else 0
    drawn = set(random.Random(seed).sample(rest, min(count, len(rest)))) if rest else set()
    titles = {p.url: p.title for p in report.pages}
    out = [{"id": f"s{i + 1}", "url": page.url, "title": page.title[:300], "reasons": reasons, "random": False}
           for i, (page, reasons) in enumerate(structured)]
    out += [{"id": f"r{i + 1}", "url": url, "title": titles.get(url, "")[:300], "reasons": ["random"], "random": True}
            for i, url in enumerate(sorted(drawn))]
    return out


def start_evaluation(report: AuditReport, results: str | Path, name: str = "", seed: int = 2102,
                     random_count: int | None = None) -> dict:
    """A new evaluation of the report's site: its scope (the sites crawled), the sample, and the results
    file it starts from (kept as an absolute path: the app shows that file's evidence per criterion)."""
    front = next((p.url for p in sorted(report.pages, key=lambda p: p.depth)), "")
    pages = sample_pages(report, seed=seed, random_count=random_count)
    data = new_evaluation(name.strip() or urlsplit(front).hostname or "", front, sorted({p.site for p in report.pages}), pages)
    data["results"] = str(Path(results).resolve())
    return data


@dataclass(frozen=True)
class AutomatedKnowledge:
    """What the automated checks of a results file know of one criterion, for the person evaluating it."""

    kind: str  # violations | needs-review | passes | flags-only (tested for review items, none) | not-testable
    pages: tuple[str, ...]  # the pages with violations, or flagged for review
    engines: tuple[str, ...]  # the engines or check sets that tested it


def automated_knowledge(report: AuditReport, sc: str) -> AutomatedKnowledge:
    failing, review, found_by = [], [], []
    for page in report.pages:
        for finding in page.findings:
            if any(c.sc == sc for c in finding.criteria):
                (failing if finding.outcome == VIOLATION else review if finding.outcome == NEEDS_REVIEW else []).append(page.url)
                found_by.append(finding.engine)
    engines = tuple(dict.fromkeys([e.name for e in report.meta.engines if sc in e.criteria] + found_by))
    if failing:
        return AutomatedKnowledge("violations", tuple(dict.fromkeys(failing)), engines)
    if review:
        return AutomatedKnowledge("needs-review", tuple(dict.fromkeys(review)), engines)
    can_fail = any(sc in e.can_fail for e in report.meta.engines)
    return AutomatedKnowledge("passes" if can_fail else "flags-only" if engines else "not-testable", (), engines)
