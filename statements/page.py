"""The staff page "Evaluate": a coordinator goes through the 49 criteria of one site's evaluation
file, one criterion at a time, and records an outcome, a note and problems seen on sample pages.
Every change is saved at once (atomically, as the next revision); if the file was saved elsewhere
meanwhile (another tab, another person), nothing is overwritten: the page says so and offers to
reload. Registered with the app shell through the ``kaikille.pages`` entry point.

Files come from the folder given with ``kaikille app --evaluations DIR`` (default ./evaluations),
made with ``kaikille evaluate sample`` or ``kaikille evaluate import``. Every sentence is in the
statements' catalogs (keys ``evaluate.*``); file content is shown as text, never as markup.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from kaikille import clock
from kaikille.catalogs import text
from kaikille.ui import AppSettings, staff_page_start
from kaikille.wcag import criterion_name, required_criteria
from audit.model import read_report
from kaikille.errors import ToolFailure, UsageError
from kaikille.links import is_web_address
from statements.check import check, read_page, statement_link
from statements.cli import front_pages
from statements.earl import export_earl, import_earl
from statements.evaluation import (OUTCOMES, ChangeRefused, ConflictError, EvaluationError, add_page, criterion_results, description,
                                   evaluated_all, evaluation_files, next_id, picture_kind, read_evaluation, remove_pages,
                                   save_evaluation, save_picture)
from statements.sample import automated_knowledge, start_evaluation
from statements.statement_page import statement_page


def t(lang: str, key: str, **params: object) -> str:
    return text("statements", lang, key, **params)


def pages(lang: str, settings: AppSettings) -> dict[str, list]:
    evaluate = st.Page(partial(evaluate_page, settings), title=t(lang, "evaluate.nav"), url_path="evaluate")
    statement = st.Page(partial(statement_page, settings), title=t(lang, "draft.nav"), url_path="statement")
    published = st.Page(partial(published_page, settings), title=t(lang, "published.nav"), url_path="published-statements")
    return {"staff": [evaluate, statement, published]}


def check_rows(urls: list[str], lang: str, today: dt.date) -> list[dict]:
    """Each published statement checked (web addresses only: the page never reads the server's files)."""
    rows = []
    for url in urls:
        if not is_web_address(url):
            rows.append({"url": url, "error": t(lang, "published.not_address")})
            continue
        try:
            result = check(url, today, messages=lang)
        except (ToolFailure, UsageError) as exc:
            rows.append({"url": url, "error": str(exc)})
            continue
        rows.append({"url": url, "status": result.status, "newest": result.newest_date, "problems": list(result.problems)})
    return rows


def rows_html(rows: list[dict], lang: str) -> str:
    e = html.escape
    head = "".join(f'<th scope="col">{e(t(lang, f"published.col.{c}"))}</th>' for c in ("address", "status", "date", "problems"))
    body = []
    for row in rows:
        if "error" in row:
            cells = f'<td colspan="3">{e(t(lang, "published.unreadable", reason=row["error"]))}</td>'
        else:
            status = t(lang, f"published.status.{row['status'] or 'none'}")
            date = row["newest"].isoformat() if row["newest"] else "—"
            problems = "".join(f"<li>{e(p)}</li>" for p in row["problems"])
            cells = f"<td>{e(status)}</td><td>{e(date)}</td><td>{f'<ul>{problems}</ul>' if problems else e(t(lang, 'published.ok'))}</td>"
        body.append(f'<tr><th scope="row">{e(row["url"])}</th>{cells}</tr>')
    # a table keeps its columns on a phone: the region scrolls sideways (and takes the keyboard focus to do so)
    return (f'<div role="region" aria-label="{e(t(lang, "published.table"))}" tabindex="0" style="overflow-x:auto">'
            f'<table class="kaikille-published" style="text-align:left;min-width:36em"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def sweep_rows(sites: str, lang: str, today: dt.date, limit: int = 100) -> list[dict]:
    """Each site's statement found from its front page (the link named like an accessibility
    statement) and checked; a site whose front page cannot be read or has no such link says so."""
    rows: list[dict] = []
    for site in front_pages(sites)[:limit]:
        try:
            link = statement_link(read_page(site), site)
        except ToolFailure as exc:
            rows.append({"url": site, "error": str(exc)})
            continue
        rows += check_rows([link], lang, today) if link else [{"url": site, "error": t(lang, "published.no_link")}]
    return rows


def published_page(settings: AppSettings) -> None:
    lang = st.session_state.get("lang", "fi")
    staff_page_start(lang, t(lang, "published.title"), t(lang, "published.intro"))
    sites = Path(settings.sites)
    if sites.is_file():
        if st.button(t(lang, "published.sweep", file=sites.name), key="published_sweep"):
            with st.spinner(t(lang, "published.sweeping")):
                try:
                    st.session_state.published_rows = sweep_rows(str(sites), lang, clock.utc_now().date())
                except UsageError as exc:
                    st.session_state.published_rows = [{"url": str(sites), "error": str(exc)}]
    with st.form("published_form"):
        typed = st.text_area(t(lang, "published.addresses"), key="published_addresses")
        sent = st.form_submit_button(t(lang, "published.check"))
    if sent:
        urls = [line.strip() for line in typed.splitlines() if line.strip()][:50]
        st.session_state.published_rows = check_rows(urls, lang, clock.utc_now().date())
    rows = st.session_state.get("published_rows")
    if rows:
        with_problems = sum(1 for r in rows if "error" in r or r["problems"])
        st.write(t(lang, "published.summary", count=len(rows), problems=with_problems))
        st.html(rows_html(rows, lang))


def _save(path: Path, lang: str) -> None:
    """Write the session's copy as the next revision; a conflict leaves the file as it is."""
    try:
        st.session_state.evaluation = save_evaluation(path, st.session_state.evaluation)
        st.session_state.saved_message = t(lang, "evaluate.saved", revision=st.session_state.evaluation["revision"])
        st.session_state.conflict = ""
    except ConflictError:
        st.session_state.conflict = t(lang, "evaluate.conflict")


def _set_outcome(path: Path, lang: str, sc: str) -> None:
    st.session_state.evaluation["criteria"][sc]["outcome"] = st.session_state[f"outcome_{sc}"]
    _save(path, lang)


def _set_note(path: Path, lang: str, sc: str) -> None:
    st.session_state.evaluation["criteria"][sc]["note"] = st.session_state[f"note_{sc}"]
    _save(path, lang)


def _forget_widgets() -> None:
    """Per-criterion widgets show the file's values again (after a reload or another file)."""
    st.session_state.conflict = ""
    for key in [k for k in st.session_state if str(k).startswith(("outcome_", "note_", "page_"))]:
        del st.session_state[key]


def _reload(path: Path) -> None:
    st.session_state.evaluation = read_evaluation(path)
    _forget_widgets()


def _open(folder: Path) -> None:
    name = st.session_state.get("evaluation_file")
    st.session_state.pop("evaluation", None)
    _forget_widgets()
    if name:
        st.session_state.evaluation = read_evaluation(folder / name)


def results_files(folder: Path) -> list[Path]:
    """The audits' results files in the reports folder: its own results.json and those one or two
    folders down (one folder per site, or per site and run)."""
    if not folder.is_dir():
        return []
    found = [folder / "results.json", *folder.glob("*/results.json"), *folder.glob("*/*/results.json")]
    return sorted(p for p in found if p.is_file())


def new_file_name(folder: Path, site: str) -> str:
    """A file name of the site's name that is not taken yet: digituki.hel.fi.json, then -2, -3…"""
    stem = re.sub(r"[^a-z0-9.-]+", "-", site.lower()).strip(".-")[:60] or "evaluation"
    return next(name for n in range(1, 1000) if not (folder / (name := f"{stem}{'' if n == 1 else f'-{n}'}.json")).exists())


def _keep_and_open(folder: Path, data: dict, lang: str, failed: str, done: str) -> None:
    """A new evaluation written under a name not taken yet, then opened; a failure says why."""
    try:
        name = new_file_name(folder, data["site"]["name"] or urlsplit(data["site"]["url"]).hostname or "")
        folder.mkdir(parents=True, exist_ok=True)
        save_evaluation(folder / name, data)
    except (OSError, UsageError) as exc:
        st.session_state.start_error = t(lang, failed, reason=str(exc))
        return
    st.session_state.start_error = ""
    st.session_state.evaluation_file = name
    _open(folder)
    st.session_state.saved_message = t(lang, done, file=name, count=len(data["sample"]))


def _start(folder: Path, reports: Path, lang: str) -> None:
    """A new evaluation from an audit's results: the sample is chosen, the file written and opened."""
    chosen = st.session_state.get("start_results")
    try:
        data = start_evaluation(read_report(reports / chosen), reports / chosen, st.session_state.get("start_name", ""))
    except UsageError as exc:
        st.session_state.start_error = t(lang, "evaluate.start.failed", reason=str(exc))
        return
    _keep_and_open(folder, data, lang, "evaluate.start.failed", "evaluate.start.done")


def _import(folder: Path, lang: str) -> None:
    """An evaluation saved by W3C's WCAG-EM Report Tool (or a tool's EARL report), continued here."""
    upload = st.session_state.get("import_earl")
    if upload is None:
        st.session_state.start_error = t(lang, "evaluate.import.none")
        return
    try:
        data = import_earl(json.loads(upload.getvalue().decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as exc:  # not UTF-8 JSON: the kind of error says which
        st.session_state.start_error = t(lang, "evaluate.import.failed", reason=exc.__class__.__name__)
        return
    except UsageError as exc:
        st.session_state.start_error = t(lang, "evaluate.import.failed", reason=str(exc))
        return
    _keep_and_open(folder, data, lang, "evaluate.import.failed", "evaluate.import.done")


def start_section(folder: Path, reports: Path, lang: str, expanded: bool) -> None:
    found = results_files(reports)
    with st.expander(t(lang, "evaluate.start"), expanded=expanded):
        if found:
            st.selectbox(t(lang, "evaluate.start.results"), [str(p.relative_to(reports)) for p in found], key="start_results")
            st.text_input(t(lang, "evaluate.start.name"), key="start_name", max_chars=120)
            st.button(t(lang, "evaluate.start.button"), key="start_button", on_click=_start, args=(folder, reports, lang))
        else:
            st.write(t(lang, "evaluate.start.none", folder=str(reports)))
        st.file_uploader(t(lang, "evaluate.import"), type=["json", "jsonld"], key="import_earl")
        st.button(t(lang, "evaluate.import.button"), key="import_button", on_click=_import, args=(folder, lang))
        if st.session_state.get("start_error"):
            st.error(st.session_state.start_error)


def picture_html(content: bytes, alt: str) -> str:
    """A kept screenshot with its text alternative (Streamlit's own image element gives it none)."""
    kind = picture_kind(content)
    if kind is None:  # the file was changed on disk into something that is not a picture: not shown
        return ""
    return (f'<img src="data:image/{"jpeg" if kind == "jpg" else "png"};base64,{base64.b64encode(content).decode()}" '
            f'alt="{html.escape(alt)}" style="max-width:100%;height:auto;border:1px solid #767676">')


def _set_page_outcome(path: Path, lang: str, sc: str, page: str) -> None:
    pages = st.session_state.evaluation["criteria"][sc].setdefault("pages", {})
    value = st.session_state[f"page_{sc}_{page}"]
    if value == "not-checked":
        pages.pop(page, None)
    else:
        pages[page] = value
    _save(path, lang)


def _edit_sample(path: Path, lang: str) -> None:
    """The sample form's changes: pages left out, then a page added; a refusal says why and saves nothing."""
    data = st.session_state.evaluation
    try:
        if st.session_state.get("sample_remove"):
            data = remove_pages(data, st.session_state.sample_remove)
        if st.session_state.get("sample_add", "").strip():
            data = add_page(data, st.session_state.sample_add, st.session_state.get("sample_add_title", ""))
    except ChangeRefused as exc:
        st.session_state.sample_error = t(lang, f"evaluate.sample.{exc.code}", url=exc.url)
        return
    st.session_state.sample_error = ""
    st.session_state.evaluation = data
    _save(path, lang)


def criterion_section(data: dict, path: Path, lang: str) -> None:
    """One criterion at a time: how to test it, what the automated checks know, the outcome for the
    whole sample and per page, a note, and problems (one problem, many pages)."""
    results = criterion_results(data)
    words = {o: t(lang, f"evaluate.outcome.{o}") for o in OUTCOMES}
    by_sc = {r.criterion: r for r in results}
    urls = {p["id"]: p["url"] for p in data["sample"]}
    report = None
    if data.get("results"):
        try:
            report = read_report(data["results"])
        except UsageError:
            st.warning(t(lang, "evaluate.results.unreadable", path=str(data["results"])))
    knowledge = {sc: automated_knowledge(report, sc) for sc in required_criteria()} if report else {}
    # what the automated checks left for a person to decide comes first
    order = sorted(required_criteria(), key=lambda sc: (knowledge[sc].kind != "needs-review", knowledge[sc].kind != "violations")
                   ) if knowledge else list(required_criteria())

    def label(sc: str) -> str:
        name, official = criterion_name(sc, lang)
        return f"{sc} {name}{'' if official else '*'} — {words[by_sc[sc].outcome]}"

    sc = st.selectbox(t(lang, "evaluate.criterion"), order, format_func=label, key="criterion")
    entry = data["criteria"][sc]
    st.subheader(label(sc).split(" — ")[0])
    st.markdown(f"**{t(lang, 'evaluate.howto')}**")
    st.write(t(lang, f"steps.{sc}"))
    if sc in knowledge:
        known = knowledge[sc]
        st.write(t(lang, f"evaluate.auto.{known.kind}", count=len(known.pages), engines=", ".join(known.engines) or "—"))
        for url in known.pages[:5]:
            st.text(f"• {url}")
    st.radio(t(lang, "evaluate.outcome", sc=sc), list(OUTCOMES), index=OUTCOMES.index(entry["outcome"]), format_func=words.__getitem__,
             key=f"outcome_{sc}", on_change=_set_outcome, args=(path, lang, sc), horizontal=True)
    st.text_area(t(lang, "evaluate.note", sc=sc), value=entry.get("note", ""), key=f"note_{sc}", on_change=_set_note, args=(path, lang, sc))
    with st.expander(t(lang, "evaluate.per_page", count=len(entry.get("pages") or {}), total=len(data["sample"]))):
        for page in data["sample"]:
            st.selectbox(page["url"], list(OUTCOMES), index=OUTCOMES.index((entry.get("pages") or {}).get(page["id"], "not-checked")),
                         format_func=words.__getitem__, key=f"page_{sc}_{page['id']}", on_change=_set_page_outcome,
                         args=(path, lang, sc, page["id"]))
    problems = [p for p in data["problems"] if sc in p["criteria"]]
    if problems:
        st.write(t(lang, "evaluate.problems", count=len(problems)))
        for problem in problems:
            st.text(f"• {description(problem, lang)} ({', '.join(urls.get(i, i) for i in problem['pages'])})")
            picture = path.parent / problem["screenshot"] if problem.get("screenshot") else None
            if picture is not None and picture.is_file():
                st.html(picture_html(picture.read_bytes(), t(lang, "evaluate.problem.picture_of", problem=description(problem, lang))))
    with st.form(key=f"problem_{sc}", clear_on_submit=True):
        st.write(t(lang, "evaluate.problem.heading"))
        described = st.text_input(t(lang, "evaluate.problem.description"))
        seen = st.multiselect(t(lang, "evaluate.problem.pages"), list(urls), format_func=urls.__getitem__,
                              placeholder=t(lang, "evaluate.file.placeholder"))
        also = st.multiselect(t(lang, "evaluate.problem.also"), [c for c in required_criteria() if c != sc],
                              format_func=lambda c: f"{c} {criterion_name(c, lang)[0]}", placeholder=t(lang, "evaluate.file.placeholder"))
        picture = st.file_uploader(t(lang, "evaluate.problem.picture"), type=["png", "jpg", "jpeg"])
        if st.form_submit_button(t(lang, "evaluate.problem.add")):
            if not described.strip() or not seen:
                st.warning(t(lang, "evaluate.problem.incomplete"))
                return
            new_id = next_id("pr", {p["id"] for p in data["problems"]})
            try:
                kept = save_picture(path, new_id, picture.getvalue()) if picture is not None else None
            except ChangeRefused as exc:
                st.warning(t(lang, f"evaluate.problem.{exc.code}"))
                return
            data["problems"].append({"id": new_id, "criteria": [sc, *also], "description": " ".join(described.split()),
                                     "pages": seen, "screenshot": kept})
            _save(path, lang)
            st.rerun()


def sample_section(data: dict, path: Path, lang: str) -> None:
    """The sample: each page and why it was chosen; pages left out or added by the evaluator."""
    st.header(t(lang, "evaluate.sample"))
    st.write(t(lang, "evaluate.sample.count", count=len(data["sample"])))
    for page in data["sample"]:
        reasons = ", ".join(t(lang, f"evaluate.reason.{r}") for r in page.get("reasons", []))
        st.text(f"{page['url']} — {reasons}")
    with st.form(key="sample_form", clear_on_submit=True):
        st.write(t(lang, "evaluate.sample.edit"))
        urls = {p["id"]: p["url"] for p in data["sample"]}
        st.multiselect(t(lang, "evaluate.sample.remove"), list(urls), key="sample_remove", format_func=urls.__getitem__,
                       placeholder=t(lang, "evaluate.file.placeholder"))
        st.text_input(t(lang, "evaluate.sample.add"), key="sample_add", max_chars=2000)
        st.text_input(t(lang, "evaluate.sample.add_title"), key="sample_add_title", max_chars=300)
        st.form_submit_button(t(lang, "evaluate.sample.save"), on_click=_edit_sample, args=(path, lang))
    if st.session_state.get("sample_error"):
        st.error(st.session_state.sample_error)


def evaluate_page(settings: AppSettings) -> None:
    lang = st.session_state.get("lang", "fi")
    staff_page_start(lang, t(lang, "evaluate.title"), t(lang, "evaluate.intro"))
    folder = Path(settings.evaluations)
    files = evaluation_files(folder)
    start_section(folder, Path(settings.reports), lang, expanded=not files)
    if not files:
        st.info(t(lang, "evaluate.none", folder=str(folder)))
        return
    st.selectbox(t(lang, "evaluate.file"), [p.name for p in files], index=None, key="evaluation_file",
                 placeholder=t(lang, "evaluate.file.placeholder"), on_change=_open, args=(folder,))
    if st.session_state.get("evaluation_file") and "evaluation" not in st.session_state:
        try:
            _open(folder)
        except EvaluationError as exc:
            st.error(t(lang, "evaluate.broken", reason=str(exc)))
            return
    data = st.session_state.get("evaluation")
    if data is None:
        return
    path = folder / st.session_state.evaluation_file
    if st.session_state.get("conflict"):
        st.error(st.session_state.conflict)
        st.button(t(lang, "evaluate.reload"), key="reload_button", on_click=_reload, args=(path,))
    elif st.session_state.get("saved_message"):
        st.success(st.session_state.saved_message)

    results = criterion_results(data)
    done = sum(r.outcome != "not-checked" for r in results)
    st.header(t(lang, "evaluate.site", site=data["site"]["name"] or data["site"]["url"]))
    scope = data.get("scope") or {}
    st.text(t(lang, "evaluate.scope", standard=scope.get("standard", "WCAG 2.1 AA"), count=len(scope.get("criteria") or results),
              urls=", ".join(scope.get("urls") or [data["site"]["url"]])))
    st.write(t(lang, "evaluate.progress", done=done, total=len(results)))
    st.download_button(t(lang, "evaluate.export"), json.dumps(export_earl(data), ensure_ascii=False, indent=1),
                       file_name=f"{path.stem}.earl.json", mime="application/ld+json", key="export_earl", on_click="ignore")
    if evaluated_all(data):
        st.write(t(lang, "evaluate.complete"))
    criterion_section(data, path, lang)
    sample_section(data, path, lang)
