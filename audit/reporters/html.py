"""A self-contained, accessible HTML report in Finnish, Swedish or English (``--lang``). Jinja2
autoescaping escapes every piece of page content; the only script is our own filter."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from audit.gate import GateResult
from audit.model import IMPACTS, AuditReport, fingerprint
from audit.reporters.context import Context
from audit.screenshots import PATH_PATTERN
from kaikille.catalogs import catalog
from kaikille.links import is_web_address
from kaikille.wcag import criterion_name

CATALOG = "audit.reporters"
COLOURS = {"critical": "#7a0019", "serious": "#c4320a", "moderate": "#8a6d00", "minor": "#3d5f94"}  # 3:1 or more on white
CHART = {"bar": 28, "gap": 14, "height": 210, "top": 12, "base": 180, "left": 44}


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


def chart(trend: tuple[Any, ...]) -> dict[str, Any]:
    """Stacked bars (critical at the bottom) for the runs of the trend, in SVG user units."""
    size = max([r.violations for r in trend] + [1])
    span = CHART["base"] - CHART["top"]
    bars = []
    for i, run in enumerate(trend):
        x = CHART["left"] + i * (CHART["bar"] + CHART["gap"])
        y, parts = float(CHART["base"]), []
        for impact in reversed(IMPACTS):
            h = span * run.by_impact.get(impact, 0) / size
            if h > 0:
                y -= h
                parts.append({"y": round(y, 2), "h": round(h, 2), "fill": COLOURS[impact]})
        bars.append({"x": x, "parts": parts, "label": run.run_id})
    width = CHART["left"] + len(trend) * (CHART["bar"] + CHART["gap"]) + 8
    return {**CHART, "width": width, "max": size, "bars": bars}


def render(report: AuditReport, gate: GateResult, context: Context = Context()) -> str:
    lang = context.lang

    def t(key: str, **params: object) -> Markup:
        """Our sentence, escaped, with its values escaped too unless they are markup we made."""
        return Markup(escape(catalog(CATALOG, lang)[key])).format(**params) if params else Markup(escape(catalog(CATALOG, lang)[key]))

    groups = report.groups()
    index = {p.url: i for i, p in enumerate(report.pages)}
    every = report.groups(examples=len(report.pages))  # the same groups, with every page
    group_pages = [" ".join(f"p{index[u]}" for u in g.example_urls) for g in every]
    criteria_seen = sorted({c.sc for g in groups for c in g.criteria}, key=lambda sc: [int(x) for x in sc.split(".")])
    new_issues = [i for i in report.issues() if i.fingerprint not in gate.accepted] if gate.baseline_used else []
    return _env().get_template("report.html.j2").render(
        report=report,
        meta=report.meta,
        totals=report.totals(),
        groups=groups,
        group_pages=group_pages,
        gate=gate,
        new_issues=new_issues,
        impacts=tuple(reversed(IMPACTS)),
        trend=context.trend,
        chart=chart(context.trend),
        colours=COLOURS,
        lang=lang,
        t=t,
        impact_name=lambda impact: t(f"impact.{impact}") if impact in IMPACTS else "–",
        landmark_name=lambda landmark: "–" if landmark is None else t(f"landmark.{landmark or 'none'}"),
        criterion=lambda sc: criterion_name(sc, lang)[0],
        fix=lambda sc: t(f"fix.{sc}") if f"fix.{sc}" in _keys(lang) else t("fix.best-practice"),
        criteria_seen=[(sc, criterion_name(sc, lang)[0]) for sc in criteria_seen],
    )


@cache
def _keys(lang: str) -> frozenset[str]:
    return frozenset(catalog(CATALOG, lang))
