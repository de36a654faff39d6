"""The statement file a coordinator keeps per site (TOML), read and validated.

Every problem names the file, the field and what is wrong, e.g.
``digituki.toml: finding[2].criterion: '1.4.99' is not one of the 49 criteria Finnish law requires``.
See ``statements/example-statement.toml`` for a commented example.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kaikille.catalogs import LANGUAGES
from kaikille.errors import UsageError
from kaikille.files import read_toml
from kaikille.links import is_web_address
from kaikille.wcag import required_criteria

OUT_OF_SCOPE_KINDS = ("office-files-pre-2018", "pre-2020-media", "live-media", "maps", "third-party", "archived", "other")
METHODS = ("self", "third-party")
MANUAL = ("full", "partial", "none")
STATUSES = ("fully", "partially", "not")


class StatementFileError(UsageError):
    """The statement file cannot be used; the message names file, field and problem."""


__all__ = ["required_criteria"]  # re-exported: the statements read the 49 criteria from here


Text = dict[str, str]  # language -> text


@dataclass(frozen=True)
class ManualFinding:
    """A problem a person found (not an automated check): criterion, where, what, planned fix date."""

    criterion: str
    where: Text
    what: Text
    fix_by: dt.date | None


@dataclass(frozen=True)
class Burden:
    what: Text
    why: Text
    until: dt.date


@dataclass(frozen=True)
class OutOfScope:
    kind: str
    detail: Text


@dataclass(frozen=True)
class StatementSource:
    path: str
    organisation: Text
    service: Text
    urls: tuple[str, ...]
    languages: tuple[str, ...]
    email: str
    form: str
    phone: str
    response_days: int
    feedback_unit: Text  # who handles accessibility feedback (the EU model requires it)
    method: str
    assessed_by: Text
    assessed_on: dt.date
    manual: str
    prepared: dt.date
    reviewed: dt.date
    findings: tuple[ManualFinding, ...] = ()
    burdens: tuple[Burden, ...] = ()
    out_of_scope: tuple[OutOfScope, ...] = ()
    alternatives: tuple[Text, ...] = ()
    fix_by: dict[str, dt.date] = field(default_factory=dict)  # criterion -> planned date for automated findings
    fix_by_default: dt.date | None = None
    override_status: str | None = None
    override_justification: str = ""
    evaluated: tuple[str, ...] = ()  # criteria a person evaluated (all 49 when manual is "full")


class _Reader:
    def __init__(self, path: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self.languages: tuple[str, ...] = LANGUAGES

    def fail(self, where: str, problem: str) -> StatementFileError:
        return StatementFileError(f"{self.path}: {where}: {problem}")

    def get(self, table: dict[str, Any], key: str, where: str, required: bool = True) -> Any:
        if key not in table or table[key] in ("", None):
            if required:
                raise self.fail(f"{where}.{key}" if where else key, "is missing")
            return None
        return table[key]

    def table(self, name: str, required: bool = True) -> dict[str, Any]:
        value = self.data.get(name)
        if value is None:
            if required:
                raise self.fail(name, "is missing (a [" + name + "] table)")
            return {}
        if not isinstance(value, dict):
            raise self.fail(name, "must be a table")
        return value

    def text(self, value: Any, where: str) -> Text:
        if isinstance(value, str):
            if len(self.languages) > 1:
                raise self.fail(where, f"needs a text for each language: {', '.join(self.languages)}")
            return {self.languages[0]: value}
        if not isinstance(value, dict):
            raise self.fail(where, "must be a table of texts by language, e.g. { fi = \"…\", sv = \"…\", en = \"…\" }")
        unknown = [k for k in value if k not in LANGUAGES]
        if unknown:
            raise self.fail(where, f"unknown language {unknown[0]!r} (known: {', '.join(LANGUAGES)})")
        not_text = [k for k, v in value.items() if not isinstance(v, str)]
        if not_text:
            raise self.fail(where, f"the {not_text[0]} text must be text, got {value[not_text[0]]!r}")
        missing = [lang for lang in self.languages if not str(value.get(lang, "")).strip()]
        if missing:
            raise self.fail(where, f"has no text in {', '.join(missing)}")
        return {k: str(v).strip() for k, v in value.items()}

    def date(self, value: Any, where: str) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(where, f"must be a date like 2026-11-22, got {value!r}")

    def choice(self, value: Any, options: tuple[str, ...], where: str) -> str:
        if value not in options:
            raise self.fail(where, f"must be one of {', '.join(options)}, got {value!r}")
        return str(value)

    def criterion(self, value: Any, where: str) -> str:
        if str(value) not in required_criteria():
            raise self.fail(where, f"{value!r} is not one of the 49 criteria Finnish law requires (WCAG 2.1 A/AA)")
        return str(value)

    def entries(self, name: str) -> list[tuple[str, dict[str, Any]]]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(name, f"must be a list of tables ([[{name}]])")
        return [(f"{name}[{i}]", entry) for i, entry in enumerate(value, 1)]


EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")


def parse_statement(path: str, data: dict[str, Any]) -> StatementSource:
    """The statement file, checked whole: every problem is collected and reported at once."""
    r = _Reader(path, data)
    problems: list[str] = []

    def field(read: Any, default: Any = None) -> Any:
        try:
            return read()
        except StatementFileError as exc:
            problems.append(str(exc).removeprefix(f"{path}: "))
            return default

    site = field(lambda: r.table("site"), {})
    languages = field(lambda: r.get(site, "languages", "site"), ["fi"])
    if not isinstance(languages, list) or not languages or not all(isinstance(x, str) for x in languages):
        problems.append('site.languages: must be a list such as ["fi", "sv", "en"]')
        languages = ["fi"]
    for lang in languages:
        if lang not in LANGUAGES:
            problems.append(f"site.languages: unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    r.languages = tuple(lang for lang in languages if lang in LANGUAGES) or ("fi",)
    urls = field(lambda: r.get(site, "urls", "site"), None)
    if urls is not None and (not isinstance(urls, list) or not urls or not all(is_web_address(u) for u in urls)):
        problems.append("site.urls: must be a list of http(s) addresses (no spaces or quotes)")
    urls = urls if isinstance(urls, list) and all(is_web_address(u) for u in urls) else []
    feedback = field(lambda: r.table("feedback"), {})
    channels = {}
    for key in ("email", "form", "phone"):
        value = feedback.get(key, "")
        if not isinstance(value, str):
            problems.append(f"feedback.{key}: must be text, got {value!r}")
            value = ""
        channels[key] = value.strip()
    if not any(channels.values()) and feedback:
        problems.append("feedback: needs at least one channel: email, form or phone")
    if channels["email"] and not EMAIL.match(channels["email"]):
        problems.append(f"feedback.email: {channels['email']!r} is not an e-mail address")
    if channels["form"] and not is_web_address(channels["form"]):
        problems.append(f"feedback.form: {channels['form']!r} must be an http(s) address")
    if channels["phone"] and not PHONE.match(channels["phone"]):
        problems.append(f"feedback.phone: {channels['phone']!r} is not a phone number (digits, spaces, +, -, parentheses)")
    days = feedback.get("response_days", 14)
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 14:
        problems.append(f"feedback.response_days: must be a whole number of days, at most 14 (the law's limit), got {days!r}")
        days = 14
    assessment = field(lambda: r.table("assessment"), {})
    dates = field(lambda: r.table("dates"), {})
    fixes = field(lambda: r.table("fixes", required=False), {})
    override = field(lambda: r.table("override", required=False), {})
    override_status = None
    if override:
        override_status = field(lambda: r.choice(override.get("status"), STATUSES, "override.status"))
        if not isinstance(override.get("justification"), str) or not override["justification"].strip():
            problems.append("override.justification: is missing: a status override needs a written justification")
    by_criterion = fixes.get("by_criterion") or {}
    if not isinstance(by_criterion, dict):
        problems.append('fixes.by_criterion: must be a table of dates by criterion, e.g. { "1.4.3" = 2026-06-30 }')
        by_criterion = {}
    manual = field(lambda: r.choice(r.get(assessment, "manual_evaluation", "assessment"), MANUAL, "assessment.manual_evaluation"), "none")
    evaluated = assessment.get("evaluated_criteria", [])
    if not isinstance(evaluated, list):
        problems.append('assessment.evaluated_criteria: must be a list of criteria, e.g. ["1.1.1", "2.1.1"]')
        evaluated = []
    evaluated = [field(lambda: r.criterion(sc, f"assessment.evaluated_criteria[{i}]")) for i, sc in enumerate(evaluated)]
    if evaluated and manual == "none":
        problems.append('assessment.evaluated_criteria: lists criteria a person evaluated, but manual_evaluation is "none"')
    if manual == "full":
        evaluated = list(required_criteria())
    today = dt.date.min
    source = StatementSource(
        path=path,
        organisation=field(lambda: r.text(r.get(site, "organisation", "site"), "site.organisation"), {}),
        service=field(lambda: r.text(r.get(site, "service", "site"), "site.service"), {}),
        urls=tuple(urls),
        languages=r.languages,
        email=channels["email"],
        form=channels["form"],
        phone=channels["phone"],
        response_days=days,
        feedback_unit=field(lambda: r.text(r.get(feedback, "unit", "feedback"), "feedback.unit"), {}),
        method=field(lambda: r.choice(r.get(assessment, "method", "assessment"), METHODS, "assessment.method"), "self"),
        assessed_by=field(lambda: r.text(r.get(assessment, "by", "assessment"), "assessment.by"), {}),
        assessed_on=field(lambda: r.date(r.get(assessment, "date", "assessment"), "assessment.date"), today),
        manual=manual,
        prepared=field(lambda: r.date(r.get(dates, "prepared", "dates"), "dates.prepared"), today),
        reviewed=field(lambda: r.date(r.get(dates, "reviewed", "dates"), "dates.reviewed"), today),
        findings=tuple(
            ManualFinding(
                criterion=field(lambda: r.criterion(r.get(e, "criterion", w), f"{w}.criterion"), "1.1.1"),
                where=field(lambda: r.text(r.get(e, "where", w), f"{w}.where"), {}),
                what=field(lambda: r.text(r.get(e, "what", w), f"{w}.what"), {}),
                fix_by=field(lambda: r.date(e["fix_by"], f"{w}.fix_by")) if e.get("fix_by") else None,
            )
            for w, e in field(lambda: r.entries("finding"), [])
        ),
        burdens=tuple(
            Burden(
                what=field(lambda: r.text(r.get(e, "what", w), f"{w}.what"), {}),
                why=field(lambda: r.text(r.get(e, "why", w), f"{w}.why"), {}),
                until=field(lambda: r.date(r.get(e, "until", w), f"{w}.until"), today),
            )
            for w, e in field(lambda: r.entries("burden"), [])
        ),
        out_of_scope=tuple(
            OutOfScope(
                kind=field(lambda: r.choice(r.get(e, "kind", w), OUT_OF_SCOPE_KINDS, f"{w}.kind"), "other"),
                detail=field(lambda: r.text(e["detail"], f"{w}.detail"), {}) if e.get("detail") else {},
            )
            for w, e in field(lambda: r.entries("out_of_scope"), [])
        ),
        alternatives=tuple(field(lambda: r.text(r.get(e, "text", w), f"{w}.text"), {})
                           for w, e in field(lambda: r.entries("alternative"), [])),
        fix_by={field(lambda: r.criterion(k, f"fixes.by_criterion.{k}"), k): field(lambda: r.date(v, f"fixes.by_criterion.{k}"), today)
                for k, v in by_criterion.items()},
        fix_by_default=field(lambda: r.date(fixes["default"], "fixes.default")) if fixes.get("default") else None,
        override_status=override_status,
        override_justification=str(override.get("justification") or "").strip(),
        evaluated=tuple(dict.fromkeys(sc for sc in evaluated if sc)),
    )
    if problems:
        unique = list(dict.fromkeys(problems))
        listed = "\n".join(f"{path}: {p}" for p in unique)
        raise StatementFileError(f"{len(unique)} problem(s) in the statement file:\n{listed}" if len(unique) > 1 else listed)
    return source


def read_statement(path: str | Path) -> StatementSource:
    return parse_statement(str(path), read_toml(path, "statement"))
