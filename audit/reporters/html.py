"""A self-contained, accessible HTML report in Finnish, Swedish or English (``--lang``). Jinja2
autoescaping escapes every piece of page content; the only script is our own filter."""

from __future__ import annotations

from dataclasses import replace
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
EXAMPLES = 5  # pages named in a group
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


def chart_svg(trend: tuple[Any, ...], title: str | None = None) -> str:
    """The runs of a trend as stacked bars (critical at the bottom), in SVG; with ``title``, an image
    named by it (inline in our report), else a plain drawing (a picture with its own text alternative).
    Only run numbers, counts and our colours are drawn."""
    size = max([r.violations for r in trend] + [1])
    c = CHART
    span = c["base"] - c["top"]
    shapes = []
    for i, run in enumerate(trend):
        x = c["left"] + i * (c["bar"] + c["gap"])
        y = float(c["base"])
        for impact in reversed(IMPACTS):
            h = span * int(run.by_impact.get(impact, 0)) / size
            if h > 0:
                y -= h
                shapes.append(f'<rect x="{x}" y="{y:.2f}" width="{c["bar"]}" height="{h:.2f}" fill="{COLOURS[impact]}" '
                              'stroke="#1a1a1a" stroke-width=".5"/>')
        shapes.append(f'<text x="{x + c["bar"] / 2}" y="{c["base"] + 16}" font-size="12" text-anchor="middle" '
                      f'fill="#1a1a1a">{int(run.run_id)}</text>')
    width = c["left"] + len(trend) * (c["bar"] + c["gap"]) + 8
    named = (f' role="img" aria-labelledby="trend-chart"><title id="trend-chart">{escape(title)}</title'
             if title is not None else ' xmlns="http://www.w3.org/2000/svg" font-family="sans-serif"')
    return (f'<svg width="{width}" height="{c["height"]}" viewBox="0 0 {width} {c["height"]}"{named}>'
            f'<line x1="40" y1="{c["base"]}" x2="{width - 4}" y2="{c["base"]}" stroke="#1a1a1a"/>'
            f'<text x="34" y="{c["base"]}" font-size="12" text-anchor="end" fill="#1a1a1a">0</text>'
            f'<text x="34" y="{c["top"] + 4}" font-size="12" text-anchor="end" fill="#1a1a1a">{size}</text>'
            f'{"".join(shapes)}</svg>')


def render(report: AuditReport, gate: GateResult, context: Context = Context()) -> str:
    lang = context.lang

    def t(key: str, **params: object) -> Markup:
        """Our sentence, escaped, with its values escaped too unless they are markup we made."""
        return Markup(escape(catalog(CATALOG, lang)[key])).format(**params) if params else Markup(escape(catalog(CATALOG, lang)[key]))

    index = {p.url: i for i, p in enumerate(report.pages)}
    every = report.groups(examples=len(report.pages))  # grouped once, with every page: the filter needs them all
    group_pages = [" ".join(f"p{index[u]}" for u in g.example_urls) for g in every]
    groups = [replace(g, example_urls=g.example_urls[:EXAMPLES], example_pages=g.example_pages[:EXAMPLES]) for g in every]
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
        chart=Markup(chart_svg(context.trend, t("trend_chart", count=len(context.trend)))) if len(context.trend) > 1 else "",
        colours=COLOURS,
        lang=lang,
        t=t,
        impact_name=lambda impact: t(f"impact.{impact}") if impact in IMPACTS else "–",
        landmark_name=lambda landmark: "–" if landmark is None else t(f"landmark.{landmark or 'none'}"),
        criterion=lambda sc: criterion_name(sc, lang)[0],
        fix=lambda sc: how_to_fix(sc, lang) or t("fix.best-practice"),
        criteria_seen=[(sc, criterion_name(sc, lang)[0]) for sc in criteria_seen],
    )


def how_to_fix(sc: str, lang: str) -> str | None:
    """A criterion's one-line how-to-fix in ``lang`` (audit/reporters/locales), if it has one."""
    return catalog(CATALOG, lang).get(f"fix.{sc}")
