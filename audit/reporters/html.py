"""A self-contained, accessible HTML report. Jinja2 autoescaping escapes every piece of page content."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from audit.gate import GateResult
from audit.model import IMPACTS, LANDMARK_NAMES, AuditReport, fingerprint
from audit.screenshots import PATH_PATTERN
from kaikille.links import is_web_address


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("audit", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["fingerprint"] = fingerprint
    env.tests["safe_link"] = is_web_address  # a help link is shown only if it is a plain web address
    env.tests["screenshot_path"] = lambda p: isinstance(p, str) and bool(PATH_PATTERN.match(p))  # ours, nothing else
    return env


def render(report: AuditReport, gate: GateResult) -> str:
    return _env().get_template("report.html.j2").render(
        report=report,
        meta=report.meta,
        totals=report.totals(),
        groups=report.groups(),
        gate=gate,
        impacts=tuple(reversed(IMPACTS)),
        landmark_names=LANDMARK_NAMES,
    )
