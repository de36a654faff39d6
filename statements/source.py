"""The statement file a coordinator keeps per site (TOML), read and validated.

Every problem names the file, the field and what is wrong, e.g.
``digituki.toml: finding[2].criterion: '1.4.99' is not one of the 49 criteria Finnish law requires``.
See ``statements/example-statement.toml`` for a commented example.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kaikille.catalogs import LANGUAGES
from kaikille.errors import UsageError
from kaikille.files import read_toml
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


def parse_statement(path: str, data: dict[str, Any]) -> StatementSource:
    r = _Reader(path, data)
    site = r.table("site")
    languages = r.get(site, "languages", "site")
    if not isinstance(languages, list) or not languages:
        raise r.fail("site.languages", "must be a list such as [\"fi\", \"sv\", \"en\"]")
    for lang in languages:
        if lang not in LANGUAGES:
            raise r.fail("site.languages", f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    r.languages = tuple(languages)
    urls = r.get(site, "urls", "site")
    if not isinstance(urls, list) or not all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in urls):
        raise r.fail("site.urls", "must be a list of http(s) addresses")
    feedback = r.table("feedback")
    channels = {k: str(feedback.get(k) or "").strip() for k in ("email", "form", "phone")}
    if not any(channels.values()):
        raise r.fail("feedback", "needs at least one channel: email, form or phone")
    days = feedback.get("response_days", 14)
    if not isinstance(days, int) or not 1 <= days <= 14:
        raise r.fail("feedback.response_days", f"must be a whole number of days, at most 14 (the law's limit), got {days!r}")
    assessment = r.table("assessment")
    dates = r.table("dates")
    fixes = r.table("fixes", required=False)
    override = r.table("override", required=False)
    override_status = None
    if override:
        override_status = r.choice(override.get("status"), STATUSES, "override.status")
        if not str(override.get("justification") or "").strip():
            raise r.fail("override.justification", "is missing: a status override needs a written justification")
    return StatementSource(
        path=path,
        organisation=r.text(r.get(site, "organisation", "site"), "site.organisation"),
        service=r.text(r.get(site, "service", "site"), "site.service"),
        urls=tuple(urls),
        languages=r.languages,
        email=channels["email"],
        form=channels["form"],
        phone=channels["phone"],
        response_days=days,
        method=r.choice(r.get(assessment, "method", "assessment"), METHODS, "assessment.method"),
        assessed_by=r.text(r.get(assessment, "by", "assessment"), "assessment.by"),
        assessed_on=r.date(r.get(assessment, "date", "assessment"), "assessment.date"),
        manual=r.choice(r.get(assessment, "manual_evaluation", "assessment"), MANUAL, "assessment.manual_evaluation"),
        prepared=r.date(r.get(dates, "prepared", "dates"), "dates.prepared"),
        reviewed=r.date(r.get(dates, "reviewed", "dates"), "dates.reviewed"),
        findings=tuple(
            ManualFinding(
                criterion=r.criterion(r.get(e, "criterion", w), f"{w}.criterion"),
                where=r.text(r.get(e, "where", w), f"{w}.where"),
                what=r.text(r.get(e, "what", w), f"{w}.what"),
                fix_by=r.date(e["fix_by"], f"{w}.fix_by") if e.get("fix_by") else None,
            )
            for w, e in r.entries("finding")
        ),
        burdens=tuple(
            Burden(
                what=r.text(r.get(e, "what", w), f"{w}.what"),
                why=r.text(r.get(e, "why", w), f"{w}.why"),
                until=r.date(r.get(e, "until", w), f"{w}.until"),
            )
            for w, e in r.entries("burden")
        ),
        out_of_scope=tuple(
            OutOfScope(
                kind=r.choice(r.get(e, "kind", w), OUT_OF_SCOPE_KINDS, f"{w}.kind"),
                detail=r.text(e["detail"], f"{w}.detail") if e.get("detail") else {},
            )
            for w, e in r.entries("out_of_scope")
        ),
        alternatives=tuple(r.text(r.get(e, "text", w), f"{w}.text") for w, e in r.entries("alternative")),
        fix_by={r.criterion(k, f"fixes.by_criterion.{k}"): r.date(v, f"fixes.by_criterion.{k}")
                for k, v in (fixes.get("by_criterion") or {}).items()},
        fix_by_default=r.date(fixes["default"], "fixes.default") if fixes.get("default") else None,
        override_status=override_status,
        override_justification=str(override.get("justification") or "").strip(),
    )


def read_statement(path: str | Path) -> StatementSource:
    return parse_statement(str(path), read_toml(path, "statement"))
