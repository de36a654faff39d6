"""Engines: each turns a loaded page into Findings that say which engine made them.

An engine is a class with ``name``, ``version``, ``from_config(config)`` and
``async analyze(page: LoadedPage) -> tuple[Finding, ...]``. Adding one is a module in this folder
and a line in ``ENGINES``; the conductor runs every engine on every page, records each in
``meta.engines``, and the results, reports, baselines, shards and statements treat their findings
alike. Convert the engine's own output into ``audit.model`` types at the edge, and check the shape
and types of everything the page hands back: it is page-controlled.
"""

from __future__ import annotations

from typing import Any, Protocol

from audit.engines.axe import AxeEngine
from audit.model import Finding


class Engine(Protocol):
    name: str
    version: str

    async def analyze(self, page: Any) -> tuple[Finding, ...]: ...


ENGINES: dict[str, Any] = {
    "axe-core": AxeEngine,
}


def build_engines(config: Any) -> list[Engine]:
    return [factory.from_config(config) for factory in ENGINES.values()]
