"""The staff page "Sites and audits": a site's latest audit, its fix groups first, and its trend from
the history database, read from the report folder the audits write (`kaikille app --reports DIR`).

The page only reads: `DIR/results.json` (the latest run) and `DIR/history.sqlite` (every run). A run
is started where audits belong, in CI or from the command line; the page shows the command.
Everything a page returned (titles, selectors, help texts) is escaped here; tables scroll sideways in
a focusable region on a phone.
"""

from __future__ import annotations

import base64
import html
from dataclasses import replace
from pathlib import Path

import streamlit as st

from audit import history
from audit.model import IMPACTS, AuditReport, read_report
from audit.reporters.html import COLOURS, chart_svg, how_to_fix
from kaikille.catalogs import text
from kaikille.errors import KaikilleError
from kaikille.ui import AppSettings, staff_page_start
from kaikille.wcag import criterion_name, sc_key

MAX_GROUPS = 10
MAX_RUNS = 12


def t(lang: str, key: str, **params: object) -> str:
    return text("audit", lang, key, **params)


def r(lang: str, key: str, **params: object) -> str:
    """The HTML report's sentences (impact names, how-to-fix lines): one wording everywhere."""
    return text("audit.reporters", lang, key, **params)


def pages(lang: str, settings: AppSettings) -> dict[str, list]:
    return {"staff": [st.Page(lambda: sites_page(settings), title=t(lang, "sites.nav"), url_path="sites")]}


def of_site(report: AuditReport, site: str) -> AuditReport:
    return replace(report, pages=tuple(p for p in report.pages if p.site == site),
                   skipped=tuple(s for s in report.skipped if s.site == site))


STYLE = ("<style>.kaikille-sites table{border-collapse:collapse;margin:.25rem 0 1rem}"
         ".kaikille-sites caption{text-align:left;font-weight:600;padding:.25rem 0}"
         ".kaikille-sites th,.kaikille-sites td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}"
         ".kaikille-sites td{text-align:right}.kaikille-sites li{margin-bottom:.75rem}</style>")


def _region(label: str, table: str) -> str:
    return (f'<div role="region" aria-label="{html.escape(label)}" tabindex="0" style="overflow-x:auto">'
            f'<table>{table}</table></div>')


def latest_html(report: AuditReport, lang: str) -> str:
    """The latest audit's counts and its fix groups, worst and widest first."""
    e = html.escape
    totals = report.totals()
    parts = [f"<p>{e(t(lang, 'sites.latest', audited=totals['pages_audited'], pages=totals['pages'], date=report.meta.started_at[:10], violations=totals['violations'], review=totals['needs_review']))}</p>"]
    rows = "".join(f'<tr><th scope="row">{e(r(lang, f"impact.{i}"))}</th><td>{totals["by_impact"].get(i, 0)}</td></tr>'
                   for i in reversed(IMPACTS))
    parts.append(_region(t(lang, "sites.by_impact"), f"<caption>{e(t(lang, 'sites.by_impact'))}</caption><thead><tr>"
                         f'<th scope="col">{e(t(lang, "sites.impact"))}</th><th scope="col">{e(t(lang, "sites.elements"))}</th>'
                         f"</tr></thead><tbody>{rows}</tbody>"))
    groups = report.groups()
    parts.append(f"<h3>{e(t(lang, 'sites.fix_h'))}</h3>")
    if not groups:
        parts.append(f"<p>{e(t(lang, 'sites.fix_none'))}</p>")
        return "".join(parts)
    items = []
    for g in groups[:MAX_GROUPS]:
        lead = t(lang, "sites.fix_once", count=g.page_count) if g.page_count > 1 else t(lang, "sites.one_page")
        criteria = "; ".join(f"WCAG {c.sc} {criterion_name(c.sc, lang)[0]}" for c in g.criteria) or r(lang, "best_practice")
        fixes = " ".join(filter(None, (how_to_fix(c.sc, lang) for c in g.criteria))) or r(lang, "fix.best-practice")
        impact = r(lang, f"impact.{g.impact}") if g.impact in IMPACTS else "–"
        items.append(f'<li><strong>{e(lead)}</strong> <span lang="en">{e(g.help)}</span> ({e(g.rule_id)}, {e(impact)})'
                     f"<br>{e(criteria)}. {e(t(lang, 'sites.how'))}: {e(fixes)}<br><code>{e(g.selector)}</code></li>")
    parts.append(f"<ol>{''.join(items)}</ol>")
    if len(groups) > MAX_GROUPS:
        parts.append(f"<p>{e(t(lang, 'sites.more', count=len(groups) - MAX_GROUPS))}</p>")
    return "".join(parts)



def trend_html(runs: list, site: str, lang: str) -> str:
    """The site's runs as a bar chart (by impact) with the same figures in a table, and the failing
    elements per criterion and run."""
    e = html.escape
    if len(runs) < 2:
        return f"<p>{e(t(lang, 'sites.trend_none'))}</p>"
    # Streamlit's HTML sanitiser removes inline SVG: the chart is a picture of it, its text alternative
    # the sentence, its figures the table beside it.
    drawing = chart_svg(tuple(runs))
    svg = (f'<img src="data:image/svg+xml;base64,{base64.b64encode(drawing.encode()).decode()}" '
           f'alt="{e(t(lang, "sites.trend_chart", count=len(runs), site=site))}" style="max-width:100%;height:auto">')
    head = "".join(f'<th scope="col"><span style="display:inline-block;width:.9em;height:.9em;margin-right:.3em;'
                   f'border:1px solid #000;background:{COLOURS[i]}"></span>{e(r(lang, f"impact.{i}"))}</th>' for i in reversed(IMPACTS))
    rows = "".join(f'<tr><th scope="row">{run.run_id}</th><td>{e(run.started_at)}</td>'
                   + "".join(f"<td>{run.by_impact[i]}</td>" for i in reversed(IMPACTS)) + f"<td>{run.violations}</td></tr>" for run in runs)
    table = _region(t(lang, "sites.trend_table"), f"<caption>{e(t(lang, 'sites.trend_table'))}</caption><thead><tr>"
                    f'<th scope="col">{e(t(lang, "sites.run"))}</th><th scope="col">{e(t(lang, "sites.started"))}</th>{head}'
                    f'<th scope="col">{e(t(lang, "sites.total"))}</th></tr></thead><tbody>{rows}</tbody>')
    criteria = sorted({sc for run in runs for sc in run.by_criterion}, key=sc_key)
    by_sc = "".join(f'<tr><th scope="row">{e(sc)} {e(criterion_name(sc, lang)[0])}</th>'
                    + "".join(f"<td>{run.by_criterion.get(sc, 0)}</td>" for run in runs) + "</tr>" for sc in criteria)
    per_criterion = _region(t(lang, "sites.criteria_table"), f"<caption>{e(t(lang, 'sites.criteria_table'))}</caption><thead><tr>"
                            f'<th scope="col">{e(t(lang, "sites.criterion"))}</th>'
                            + "".join(f'<th scope="col">{e(t(lang, "sites.run"))} {run.run_id}</th>' for run in runs)
                            + f"</tr></thead><tbody>{by_sc}</tbody>") if criteria else ""
    return (f'<div style="display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start">{svg}{table}</div>'
            f"{per_criterion}")


def command_html(command: str) -> str:
    """The command to copy, wrapped rather than scrolled on a phone (a scrolling box would need the
    keyboard's focus to be read)."""
    return (f'<pre style="white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;border:1px solid #767676;'
            f'padding:.5rem"><code>{html.escape(command)}</code></pre>')


def sites_page(settings: AppSettings) -> None:
    lang = st.session_state.get("lang", "fi")
    staff_page_start(lang, t(lang, "sites.title"), t(lang, "sites.intro"))
    folder = Path(settings.reports)
    command = f"kaikille audit --sites sites.txt --out {folder}"
    results = folder / "results.json"
    if not results.is_file():
        st.write(t(lang, "sites.none", folder=str(folder)))
        st.html(command_html(command))
        return
    try:
        report = read_report(results)
    except KaikilleError as exc:
        st.write(t(lang, "sites.unreadable", path=str(results), reason=str(exc)))
        return
    sites = list(dict.fromkeys(p.site for p in report.pages)) or list(report.meta.config.get("sites", []))
    if not sites:
        st.write(t(lang, "sites.none", folder=str(folder)))
        st.html(command_html(command))
        return
    site = st.selectbox(t(lang, "sites.site"), sites, key="sites_site")
    st.header(t(lang, "sites.latest_h"))
    st.html(f'{STYLE}<div class="kaikille-sites">{latest_html(of_site(report, site), lang)}</div>')
    st.header(t(lang, "sites.trend_h"))
    try:
        runs = history.trend(folder / "history.sqlite", site, MAX_RUNS) if (folder / "history.sqlite").is_file() else []
    except KaikilleError:
        runs = []
    st.html(f'{STYLE}<div class="kaikille-sites">{trend_html(runs, site, lang)}</div>')
    st.header(t(lang, "sites.new_h"))
    st.write(t(lang, "sites.new"))
    st.html(command_html(command))
