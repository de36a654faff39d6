"""kaikille's own checks, beside the engines: for what no engine automates.

Two kinds, each a module in this folder and a line in its registry:

- a **page check** drives the loaded page (keyboard, viewport, injected CSS) in the same load as the
  engines, after them: a class with ``id`` (``kaikille/<name>``), ``costly`` (costly checks run
  only when asked for) and ``async run(page: LoadedPage) -> tuple[Finding, ...]``;
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

ENGINE_NAME = "kaikille"


class PageCheck(Protocol):
    id: str
    costly: bool

    async def run(self, page: Any) -> tuple[Finding, ...]: ...


class SiteCheck(Protocol):
    id: str

    def run(self, pages: Sequence[PageResult]) -> dict[str, tuple[Finding, ...]]: ...


PAGE_CHECKS: dict[str, Any] = {}
SITE_CHECKS: dict[str, Any] = {}


def page_checks(config: Any) -> list[PageCheck]:
    return [factory() for factory in PAGE_CHECKS.values()]


def site_checks(config: Any) -> list[SiteCheck]:
    return [factory() for factory in SITE_CHECKS.values()]
