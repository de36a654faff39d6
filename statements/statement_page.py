"""The staff page "Statement": the accessibility statement of an evaluated site, previewed in each of
its languages from the evaluation and the audit it started from, with the status rule's reasoning;
the statement file's fields (organisation, feedback, dates…) in a form; the statement to download as
HTML, an HTML fragment for a CMS, Markdown and JSON.

The statement file is kept beside the evaluation (``SITE.json`` -> ``SITE.statement.toml``), the same
TOML `kaikille statement build` reads, so the command line and the app build the same statement. The
form saves whatever is typed, even unfinished (nothing is lost); the preview says what is still
missing. Tables the form does not show (burden claims, content out of scope, alternatives, fix dates
per criterion, an override) are kept as they are in the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
from pathlib import Path
from typing import Any

import streamlit as st
import tomli_w

from audit.model import AuditReport, read_report
from kaikille import clock
from kaikille.catalogs import LANGUAGES, text
from kaikille.errors import UsageError
from kaikille.files import read_toml, write_atomic
from kaikille.ui import AppSettings, language_name, staff_page_start
from kaikille.wcag import required_criteria
from statements.build import NOT_COMPLIANT_FROM, StaleStatement, Statement, build, with_evaluation
from statements.evaluation import EvaluationError, evaluation_files, read_evaluation
from statements.render import FORMATS, html_fragment
from statements.source import METHODS, StatementFileError, parse_statement

# the form's texts per language: field -> (table, key) in the statement file
TEXTS = {"organisation": ("site", "organisation"), "service": ("site", "service"), "unit": ("feedback", "unit"),
         "by": ("assessment", "by")}
MIME = {"html": "text/html", "fragment": "text/html", "markdown": "text/markdown", "json": "application/json"}


def t(lang: str, key: str, **params: object) -> str:
    return text("statements", lang, key, **params)


def statement_file(evaluation: Path) -> Path:
    return evaluation.with_name(f"{evaluation.stem}.statement.toml")


def draft(evaluation: dict, today: dt.date) -> dict[str, Any]:
    """A new statement file for an evaluated site: its address and name from the evaluation, today's
    dates, three languages; the organisation, feedback and assessor are for the coordinator to give."""
    name = evaluation["site"]["name"] or evaluation["site"]["url"]
    return {
        "site": {"organisation": {}, "service": {lang: name for lang in LANGUAGES}, "urls": [evaluation["site"]["url"]],
                 "languages": list(LANGUAGES)},
        "feedback": {"unit": {}, "email": "", "form": "", "phone": "", "response_days": 14},
        "assessment": {"method": "self", "by": {}, "date": today, "manual_evaluation": "none"},
        "dates": {"prepared": today, "reviewed": today},
    }


def read_statement_data(path: Path, evaluation: dict, today: dt.date) -> dict[str, Any]:
    """The statement file beside the evaluation, or a new draft when there is none yet."""
    return read_toml(path, "statement") if path.exists() else draft(evaluation, today)


def with_form(data: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The statement file with the form's values in place; every other table and key kept."""
    out = copy.deepcopy(data)
    tables = {name: out.setdefault(name, {}) for name in ("site", "feedback", "assessment", "dates")}
    for field, (table, key) in TEXTS.items():
        tables[table][key] = {lang: " ".join(str(values.get(f"{field}_{lang}", "")).split()) for lang in LANGUAGES
                              if str(values.get(f"{field}_{lang}", "")).strip()}
    tables["site"]["urls"] = [line.strip() for line in str(values.get("urls", "")).splitlines() if line.strip()]
    tables["site"]["languages"] = [lang for lang in LANGUAGES if lang in values.get("languages", [])]
    for key in ("email", "form", "phone"):
        tables["feedback"][key] = str(values.get(key, "")).strip()
    tables["feedback"]["response_days"] = int(values.get("response_days") or 14)
    tables["assessment"]["method"] = values.get("method") if values.get("method") in METHODS else "self"
    tables["assessment"].setdefault("manual_evaluation", "none")  # the evaluation decides; the file must still say something
    for table, key in (("assessment", "date"), ("dates", "prepared"), ("dates", "reviewed")):
        if isinstance(values.get(f"{table}_{key}"), dt.date):
            tables[table][key] = values[f"{table}_{key}"]
    return out


def missing(data: dict[str, Any], lang: str) -> list[str]:
    """The form's fields still empty, by their labels: what the coordinator has still to give."""
    languages = [c for c in data.get("site", {}).get("languages") or [] if c in LANGUAGES]
    out = []
    for field, (table, key) in TEXTS.items():
        given = data.get(table, {}).get(key)
        given = given if isinstance(given, dict) else {}
        out += [t(lang, f"draft.field.{field}", language=language_name(code))
                for code in languages if not str(given.get(code, "")).strip()]
    if not data.get("site", {}).get("urls"):
        out.append(t(lang, "draft.field.urls"))
    if not languages:
        out.append(t(lang, "draft.field.languages"))
    if not any(str(data.get("feedback", {}).get(k) or "").strip() for k in ("email", "form", "phone")):
        out.append(t(lang, "draft.missing.channel"))
    return out


def save_statement_data(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, "# kaikille statement file, saved from the app's Statement page (see statements/example-statement.toml)\n"
                 + tomli_w.dumps(data))


def preview(data: dict[str, Any], path: Path, evaluation: dict, reports: list[AuditReport], today: dt.date) -> Statement:
    """The statement as `kaikille statement build FILE --evaluation … --results …` would build it.
    Raises StatementFileError (what is still missing) or StaleStatement."""
    source, _ = with_evaluation(parse_statement(str(path), data), evaluation)
    return build(source, reports, today)


def reasoning(statement: Statement, lang: str) -> list[str]:
    """Why the status is what it is, in the rule's own steps."""
    src = statement.source
    if statement.status_by == "override":
        return [t(lang, "draft.why.override", justification=src.override_justification)]
    failing = [n.criterion for n in statement.noncompliances]
    total = len(required_criteria())
    lines = []
    if failing:
        lines.append(t(lang, "draft.why.failing", count=len(failing), criteria=", ".join(failing)))
    else:
        lines.append(t(lang, "draft.why.no_failing"))
    unevaluated = [sc for sc in required_criteria() if sc not in src.evaluated]
    if unevaluated:
        lines.append(t(lang, "draft.why.not_evaluated", done=total - len(unevaluated), total=total,
                       criteria=", ".join(unevaluated[:12]) + (" …" if len(unevaluated) > 12 else "")))
    else:
        lines.append(t(lang, "draft.why.all_evaluated", total=total))
    if src.burdens:
        lines.append(t(lang, "draft.why.burden", count=len(src.burdens)))
    lines.append(t(lang, f"draft.why.rule.{statement.status}", limit=NOT_COMPLIANT_FROM, total=total))
    return lines


def bullets(lines: list[str]) -> str:
    """A list of sentences as HTML, each escaped (they carry file texts and page addresses)."""
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def _reports(evaluation: dict, lang: str) -> list[AuditReport]:
    if not evaluation.get("results"):
        return []
    try:
        return [read_report(evaluation["results"])]
    except UsageError:
        st.warning(t(lang, "evaluate.results.unreadable", path=str(evaluation["results"])))
        return []


def _form(data: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """The statement file's fields; the values when the form was sent."""
    site, feedback = data.get("site", {}), data.get("feedback", {})
    assessment, dates = data.get("assessment", {}), data.get("dates", {})
    values: dict[str, Any] = {}
    # open while something is still missing; afterwards closed, so that the preview is near the top
    with st.expander(t(lang, "draft.form"), expanded=bool(missing(data, lang))), st.form("statement_form"):
        for field, (table, key) in TEXTS.items():
            given = data.get(table, {}).get(key) or {}
            for code in LANGUAGES:
                values[f"{field}_{code}"] = st.text_input(t(lang, f"draft.field.{field}", language=language_name(code)),
                                                          value=str(given.get(code, "")) if isinstance(given, dict) else "",
                                                          max_chars=300, key=f"sf_{field}_{code}")
        values["urls"] = st.text_area(t(lang, "draft.field.urls"), value="\n".join(map(str, site.get("urls") or [])), key="sf_urls")
        st.write(t(lang, "draft.field.languages"))
        given = [c for c in site.get("languages") or [] if c in LANGUAGES]
        values["languages"] = [code for code in LANGUAGES
                               if st.checkbox(language_name(code), value=code in given, key=f"sf_language_{code}")]
        values["email"] = st.text_input(t(lang, "draft.field.email"), value=str(feedback.get("email") or ""), max_chars=200, key="sf_email")
        values["form"] = st.text_input(t(lang, "draft.field.feedback_form"), value=str(feedback.get("form") or ""), max_chars=500,
                                       key="sf_form")
        values["phone"] = st.text_input(t(lang, "draft.field.phone"), value=str(feedback.get("phone") or ""), max_chars=40, key="sf_phone")
        days = feedback.get("response_days")
        values["response_days"] = st.selectbox(t(lang, "draft.field.response_days"), list(range(1, 15)), key="sf_days",
                                               index=days - 1 if isinstance(days, int) and 1 <= days <= 14 else 13)
        values["method"] = st.selectbox(t(lang, "draft.field.method"), list(METHODS), format_func=lambda m: t(lang, f"draft.method.{m}"),
                                        index=METHODS.index(assessment.get("method")) if assessment.get("method") in METHODS else 0,
                                        key="sf_method")
        for table, key, given in (("assessment", "date", assessment.get("date")), ("dates", "prepared", dates.get("prepared")),
                                  ("dates", "reviewed", dates.get("reviewed"))):
            values[f"{table}_{key}"] = st.date_input(t(lang, f"draft.field.{table}_{key}"), format="YYYY-MM-DD",
                                                     value=given if isinstance(given, dt.date) else clock.utc_now().date(),
                                                     key=f"sf_{table}_{key}")
        sent = st.form_submit_button(t(lang, "draft.save"), key="statement_save")
    return values if sent else None


def _downloads(statement: Statement, lang: str, shown: str, stem: str) -> None:
    """The statement in ``shown``, in each format; the buttons in the page's language."""
    st.write(t(lang, "draft.downloads"))
    with st.container(horizontal=True):
        for name, (pattern, render) in FORMATS.items():
            st.download_button(t(lang, f"draft.download.{name}"), render(statement, shown), file_name=f"{stem}.{pattern.format(lang=shown)}",
                               mime=MIME[name], key=f"download_{name}", on_click="ignore")


def statement_page(settings: AppSettings) -> None:
    lang = st.session_state.get("lang", "fi")
    staff_page_start(lang, t(lang, "draft.title"), t(lang, "draft.intro"))
    folder = Path(settings.evaluations)
    files = evaluation_files(folder)
    if not files:
        st.info(t(lang, "draft.none", folder=str(folder)))
        return
    name = st.selectbox(t(lang, "evaluate.file"), [p.name for p in files], index=None, key="statement_evaluation",
                        placeholder=t(lang, "evaluate.file.placeholder"))
    if not name:
        return
    today = clock.utc_now().date()
    try:
        evaluation = read_evaluation(folder / name)
    except EvaluationError as exc:
        st.error(t(lang, "evaluate.broken", reason=str(exc)))
        return
    path = statement_file(folder / name)
    try:
        data = read_statement_data(path, evaluation, today)
    except UsageError as exc:
        st.error(t(lang, "draft.unreadable", reason=str(exc)))
        return
    values = _form(data, lang)
    if values is not None:
        data = with_form(data, values)
        save_statement_data(path, data)
        st.success(t(lang, "draft.saved", file=path.name))
    st.header(t(lang, "draft.preview"))
    gaps = missing(data, lang)
    if gaps:
        st.warning(t(lang, "draft.incomplete"))
        st.html(bullets(gaps))
        return
    try:
        statement = preview(data, path, evaluation, _reports(evaluation, lang), today)
    except StatementFileError as exc:
        st.warning(t(lang, "draft.invalid"))
        st.html(bullets([line.removeprefix(f"{path}: ") for line in str(exc).splitlines() if line.startswith(f"{path}: ")]))
        return
    except StaleStatement:
        st.error(t(lang, "draft.stale"))
        return
    st.subheader(t(lang, "draft.status", status=t(lang, f"published.status.{statement.status}")))
    st.html(bullets(reasoning(statement, lang)))
    if statement.warnings:
        st.write(t(lang, "draft.warnings"))
        st.html(bullets(list(statement.warnings)))
    languages = list(statement.source.languages)
    shown = st.radio(t(lang, "draft.language"), languages, format_func=language_name, horizontal=True, key="statement_language",
                     index=languages.index(lang) if lang in languages else 0)  # the page's language first, where the statement has it
    _downloads(statement, lang, shown, Path(name).stem)
    st.html(html_fragment(statement, shown))
