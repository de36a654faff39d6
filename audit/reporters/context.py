"""What a reporter may use besides the run's results and its gate: the report's language and the
sites' trend from the history database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Context:
    lang: str = "en"  # fi, sv or en: the HTML report's language
    trend: tuple[Any, ...] = ()  # audit.history.SiteRun per run, oldest first, this run last
