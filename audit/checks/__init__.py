"""kaikille's own checks, beside the engines: for what no engine automates.

Two kinds, each a module in this folder and a line in its registry:

- a **page check** drives the loaded page (keyboard, viewport, injected CSS) in the same load as the
  engines, after them: a class with ``id`` (``kaikille/<name>``), ``name``, ``costly`` (costly checks
  run only when asked for) and ``async run(page: LoadedPage) -> CheckResult`` (findings, and facts
  recorded on the page for the site checks);
- a **site check** looks across the pages of one site after the crawl, from what the pages
  recorded (no second visit): a class with ``id`` and
  ``run(pages: Sequence[PageResult]) -> dict[url, tuple[Finding, ...]]``.

Their findings carry ``engine = "kaikille"`` and the rule id ``kaikille/<name>``; they are gated,
grouped, baselined, sharded and reported exactly like an engine's. Report a violation only where the
check is certain, else needs review.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from audit.model import Finding, PageResult
from kaikille.wcag import sc_key

ENGINE_NAME = "kaikille"


class PageCheck(Protocol):
    id: str
    name: str
    costly: bool

    async def run(self, page: Any) -> Any: ...  # a CheckResult: findings and facts


class SiteCheck(Protocol):
    id: str

    def run(self, pages: Sequence[PageResult]) -> dict[str, tuple[Finding, ...]]: ...


from audit.checks.contrast import TextFieldContrastCheck  # noqa: E402
from audit.checks.hover import HoverContentCheck  # noqa: E402
from audit.checks.interaction import OnInputCheck, PointerCancellationCheck  # noqa: E402
from audit.checks.keyboard import KeyboardCheck  # noqa: E402
from audit.checks.layout import OrientationCheck, ReflowCheck, TextClipCheck, TextSpacingCheck  # noqa: E402
from audit.checks.markup import DuplicateIdCheck, PageFacts, ViewportZoomCheck  # noqa: E402
from audit.checks.motion import MotionCheck  # noqa: E402
from audit.checks.sitewide import (ConsistentIdentification, ConsistentNavigation, MultipleWays,  # noqa: E402
                               PageLanguage, PageTitleUnique, StatementLink)

# name -> check class. Cheap checks run by default; costly ones with --checks all (or by name).
PAGE_CHECKS: dict[str, Any] = {
    "facts": PageFacts,
    "duplicate-id": DuplicateIdCheck,
    "viewport-zoom": ViewportZoomCheck,
    "text-field-boundary": TextFieldContrastCheck,
    "reflow": ReflowCheck,
    "text-clipped": TextClipCheck,
    "orientation": OrientationCheck,
    "text-spacing": TextSpacingCheck,
    "moving-content": MotionCheck,
    "on-input": OnInputCheck,
    "pointer-down": PointerCancellationCheck,
    "keyboard": KeyboardCheck,
    "hover-content": HoverContentCheck,
}
SITE_CHECKS: dict[str, Any] = {
    "page-title-unique": PageTitleUnique,
    "consistent-navigation": ConsistentNavigation,
    "consistent-identification": ConsistentIdentification,
    "multiple-ways": MultipleWays,
    "page-language": PageLanguage,
    "statement-link": StatementLink,
}
GROUPS = ("default", "pages", "all")
CHOICES = (*GROUPS, *PAGE_CHECKS, *SITE_CHECKS)
PAGE_BUDGET_S = 20.0  # all checks of one page together; what does not finish is noted, not an error


def chosen(config: Any) -> set[str]:
    if getattr(config, "no_checks", False):
        return set()
    names: set[str] = set()
    for name in getattr(config, "checks", ("default",)) or ("default",):
        if name == "all":
            names |= set(PAGE_CHECKS) | set(SITE_CHECKS)
        elif name == "default":
            names |= {n for n, c in PAGE_CHECKS.items() if not c.costly} | set(SITE_CHECKS)
        elif name == "pages":  # the cheap page checks only: a single page, or pages that are not one site
            names |= {n for n, c in PAGE_CHECKS.items() if not c.costly}
        else:
            names.add(name)
    if names & set(SITE_CHECKS):
        names.add("facts")  # the site checks read what it records
    return names


def page_checks(config: Any) -> list[PageCheck]:
    names = chosen(config)
    return [factory() for name, factory in PAGE_CHECKS.items() if name in names]


def coverage(checks: Sequence[Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The criteria these checks test, and of those the ones they can only flag for review."""
    tested = {sc for c in checks for sc in getattr(c, "criteria", ())}
    certain = {sc for c in checks for sc in getattr(c, "can_fail", ())}
    return tuple(sorted(tested, key=sc_key)), tuple(sorted(tested - certain, key=sc_key))


def site_checks(config: Any) -> list[SiteCheck]:
    names = chosen(config)
    return [factory() for name, factory in SITE_CHECKS.items() if name in names]
