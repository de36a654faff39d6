"""A person's evaluation of a site against the 49 criteria (WCAG-EM: scope, sample, audit), kept in
one JSON file per site that reopens exactly.

The file (``format: kaikille-evaluation``, ``schema_version`` 1.0, documented in docs/evaluation.md):

- ``site`` (name, url) and ``scope`` (standard, the criteria, the addresses in scope);
- ``sample``: the pages evaluated, each with an id, address, title, why it was chosen (reason codes)
  and whether it came from the random sample;
- ``problems``: problem-first findings — one problem recorded once, with the criteria it fails, a
  description (one line, or one per language), the sample pages it was seen on, an optional planned
  fix date and an optional screenshot file name;
- ``criteria``: per criterion, an outcome for the whole sample (passed, failed, cannot-tell,
  not-present, not-checked), a note, and outcomes per sample page;
- ``revision``: raised by one at every save. A save names the revision it started from; if the file
  moved on meanwhile (another browser tab, another person), the save is refused and says so instead
  of overwriting silently.

A criterion fails if a problem names it or its outcome says so; it is evaluated when it has an outcome
other than not-checked. Everything here is pure data and file handling; the app and the CLI call it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kaikille.clock import Clock, iso, utc_now
from kaikille.errors import UsageError
from kaikille.files import write_atomic
from kaikille.links import in_scope, is_web_address
from kaikille.wcag import required_criteria

FORMAT = "kaikille-evaluation"
SCHEMA_VERSION = "1.0"
OUTCOMES = ("passed", "failed", "cannot-tell", "not-present", "not-checked")
DONE = {"passed", "failed", "cannot-tell", "not-present"}  # a person has looked
REASONS = ("front-page", "statement", "contact", "feedback", "search", "form", "template", "document", "other", "random")


SCREENSHOT_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}\.files/[A-Za-z0-9_][A-Za-z0-9_-]{0,40}\.(png|jpg)")
PICTURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}  # what a picture's first bytes say it is
PICTURE_MAX_BYTES = 5 * 1024 * 1024


class EvaluationError(UsageError):
    """An evaluation file that is not one, or a change that does not fit it (the message says where): exit 2."""


class ChangeRefused(EvaluationError):
    """A change that would not fit: ``code`` (outside, already, has-problem for the sample;
    not-picture, too-big for a screenshot) says which, for the app to word it; the message says it
    in English for the command line."""

    def __init__(self, code: str, url: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.url = url


class ConflictError(EvaluationError):
    """The file was saved by someone else (another tab) since this copy was opened."""


def new_evaluation(site_name: str, site_url: str, urls: list[str], sample: list[dict]) -> dict:
    return {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "revision": 0, "saved": None,
        "site": {"name": site_name, "url": site_url},
        "scope": {"standard": "WCAG 2.1 AA", "criteria": list(required_criteria()), "urls": urls},
        "evaluator": "", "sample": sample, "problems": [],
        "criteria": {sc: {"outcome": "not-checked", "note": "", "pages": {}} for sc in required_criteria()},
    }


def _fail(where: str, why: str) -> EvaluationError:
    return EvaluationError(f"{where}: {why}")


def validate(data: Any, where: str = "evaluation") -> dict:
    """The evaluation, checked: every place that is not of the format is named."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _fail(where, f"not a {FORMAT} file")
    if str(data.get("schema_version", "")).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise _fail(where, f"schema_version {data.get('schema_version')!r} is not one this kaikille reads ({SCHEMA_VERSION})")
    if not isinstance(data.get("revision"), int) or data["revision"] < 0:
        raise _fail(f"{where}.revision", "must be a whole number")
    if data.get("results") is not None and not isinstance(data["results"], str):
        raise _fail(f"{where}.results", "the path of the results file the evaluation started from")
    sample = data.get("sample")
    if not isinstance(sample, list):
        raise _fail(f"{where}.sample", "must be a list of pages")
    ids = set()
    for i, page in enumerate(sample):
        at = f"{where}.sample[{i}]"
        if not isinstance(page, dict) or not isinstance(page.get("id"), str) or not isinstance(page.get("url"), str):
            raise _fail(at, "a page needs an id and a url")
        if page["id"] in ids:
            raise _fail(at, f"id {page['id']!r} is used twice")
        ids.add(page["id"])
        if not all(r in REASONS for r in page.get("reasons", [])):
            raise _fail(f"{at}.reasons", f"known reasons are {', '.join(REASONS)}")
    known = set(required_criteria())
    for i, problem in enumerate(data.get("problems") or []):
        at = f"{where}.problems[{i}]"
        if not isinstance(problem, dict) or not isinstance(problem.get("id"), str):
            raise _fail(at, "a problem needs an id")
        bad = [sc for sc in problem.get("criteria") or [] if sc not in known]
        if bad or not problem.get("criteria"):
            raise _fail(f"{at}.criteria", f"{bad[0]!r} is not one of the 49 criteria" if bad else "name at least one criterion")
        texts = problem.get("description")
        texts = list(texts.values()) if isinstance(texts, dict) else [texts]
        if not texts or not all(isinstance(t, str) and t.strip() and "\n" not in t for t in texts):
            raise _fail(f"{at}.description", "say what the problem is, on one line (or one line per language: fi, sv, en)")
        if problem.get("fix_by") is not None:
            try:
                dt.date.fromisoformat(str(problem["fix_by"]))
            except ValueError:
                raise _fail(f"{at}.fix_by", f"not a date like 2027-06-30: {str(problem['fix_by'])[:30]!r}") from None
        if problem.get("screenshot") is not None and not SCREENSHOT_NAME.fullmatch(str(problem["screenshot"])):
            raise _fail(f"{at}.screenshot", "the name of a PNG or JPEG picture in the evaluation's own folder, e.g. 'site.files/pr1.png'")
        missing = [p for p in problem.get("pages") or [] if p not in ids]
        if missing or not problem.get("pages"):
            raise _fail(f"{at}.pages", f"{missing[0]!r} is not a page of the sample" if missing else "name at least one page it was seen on")
    criteria = data.get("criteria")
    if not isinstance(criteria, dict):
        raise _fail(f"{where}.criteria", "must map criteria to outcomes")
    for sc, entry in criteria.items():
        at = f"{where}.criteria[{sc!r}]"
        if sc not in known:
            raise _fail(at, "not one of the 49 criteria")
        if not isinstance(entry, dict) or entry.get("outcome") not in OUTCOMES:
            raise _fail(f"{at}.outcome", f"must be one of {', '.join(OUTCOMES)}")
        pages = entry.get("pages") or {}
        if not isinstance(pages, dict) or any(p not in ids or o not in OUTCOMES for p, o in pages.items()):
            raise _fail(f"{at}.pages", "maps sample page ids to outcomes")
    return data


def evaluation_files(folder: Path) -> list[Path]:
    """The JSON files in the folder (one that is not an evaluation says so when opened)."""
    return sorted(p for p in folder.glob("*.json") if p.is_file()) if folder.is_dir() else []


def read_evaluation(path: str | Path) -> dict:
    file = Path(path)
    try:
        data = json.loads(file.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise EvaluationError(f"{file}: file not found") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise EvaluationError(f"{file}: cannot be read as JSON ({exc.__class__.__name__})") from exc
    return validate(data, str(file))


def save_evaluation(path: str | Path, data: dict, clock: Clock = utc_now) -> dict:
    """Write the evaluation atomically as the next revision. ``data["revision"]`` is the revision it
    was opened at; if the file on disk has another, nothing is written and ConflictError says so."""
    file = Path(path)
    validate(data, str(file))
    if file.exists():
        on_disk = read_evaluation(file)["revision"]
        if on_disk != data["revision"]:
            raise ConflictError(f"{file}: saved elsewhere meanwhile (revision {on_disk}, this copy was opened at {data['revision']}); "
                                "reopen it to see those changes")
    saved = {**data, "revision": data["revision"] + 1, "saved": iso(clock())}
    write_atomic(file, json.dumps(saved, ensure_ascii=False, indent=1) + "\n")
    return saved


@dataclass(frozen=True)
class CriterionResult:
    criterion: str
    outcome: str  # the outcome for the whole sample, problems included
    problems: tuple[str, ...]  # ids of the problems that fail it
    note: str


def criterion_results(data: dict) -> list[CriterionResult]:
    """Each of the 49 criteria's outcome: failed when a problem names it, else the recorded outcome;
    a criterion whose pages were evaluated one by one takes the worst of them."""
    order = {"failed": 0, "cannot-tell": 1, "passed": 2, "not-present": 3, "not-checked": 4}
    out = []
    for sc in required_criteria():
        entry = data["criteria"].get(sc) or {"outcome": "not-checked", "note": "", "pages": {}}
        problems = tuple(p["id"] for p in data.get("problems") or [] if sc in p.get("criteria", []))
        outcome = entry["outcome"]
        page_outcomes = [o for o in (entry.get("pages") or {}).values() if o != "not-checked"]
        if outcome == "not-checked" and page_outcomes:
            outcome = min(page_outcomes, key=order.__getitem__)
        if problems:
            outcome = "failed"
        out.append(CriterionResult(sc, outcome, problems, entry.get("note", "")))
    return out


def evaluated_all(data: dict) -> bool:
    """Every one of the 49 criteria has an outcome a person gave (not 'not checked')."""
    return all(r.outcome in DONE for r in criterion_results(data))


def next_id(prefix: str, taken: set[str]) -> str:
    """The first of prefix1, prefix2, … not taken yet (for sample pages and problems)."""
    return next(f"{prefix}{n}" for n in range(1, len(taken) + 2) if f"{prefix}{n}" not in taken)


def picture_kind(content: bytes) -> str | None:
    """png or jpg by what the picture's first bytes say, else None."""
    return next((kind for magic, kind in PICTURES.items() if content.startswith(magic)), None)


def add_page(data: dict, url: str, title: str = "") -> dict:
    """The evaluation with one more sample page the evaluator chose (reason "other")."""
    url = url.strip()
    if not is_web_address(url) or not in_scope(url, (data["site"]["url"], *data["scope"].get("urls", []))):
        raise ChangeRefused("outside", url[:200], f"{url[:200]!r} is not an address of the site being evaluated")
    if any(p["url"] == url for p in data["sample"]):
        raise ChangeRefused("already", url[:200], f"{url[:200]!r} is already in the sample")
    page = {"id": next_id("e", {p["id"] for p in data["sample"]}), "url": url, "title": title.strip()[:300], "reasons": ["other"], "random": False}
    return {**data, "sample": [*data["sample"], page]}


def remove_pages(data: dict, ids: list[str]) -> dict:
    """The evaluation without those sample pages (and their per-page outcomes). A page a problem was
    seen on stays: the problem would lose its evidence."""
    named = sorted({i for p in data["problems"] for i in p["pages"]} & set(ids))
    if named:
        url = next(p["url"] for p in data["sample"] if p["id"] == named[0])
        raise ChangeRefused("has-problem", url[:200], f"{url[:200]} is named in a recorded problem: it stays in the sample")
    gone = set(ids)
    criteria = {sc: {**entry, "pages": {k: v for k, v in (entry.get("pages") or {}).items() if k not in gone}}
                for sc, entry in data["criteria"].items()}
    return {**data, "sample": [p for p in data["sample"] if p["id"] not in gone], "criteria": criteria}


def save_picture(evaluation: Path, problem_id: str, content: bytes) -> str:
    """Keep a screenshot of a problem beside the evaluation (``SITE.files/pr1.png``) and return the
    name the problem records. Only PNG and JPEG (by their bytes, not their name), at most 5 MB."""
    kind = picture_kind(content)
    if kind is None:
        raise ChangeRefused("not-picture", "", "only PNG and JPEG pictures can be kept")
    if len(content) > PICTURE_MAX_BYTES:
        raise ChangeRefused("too-big", "", f"the picture is larger than {PICTURE_MAX_BYTES // 1024 // 1024} MB")
    name = f"{evaluation.stem}.files/{problem_id}.{kind}"
    if not SCREENSHOT_NAME.fullmatch(name):
        raise ChangeRefused("not-picture", "", f"{name!r} cannot be used as a file name")
    write_atomic(evaluation.parent / name, content)
    return name


def description(problem: dict, lang: str) -> str:
    """A problem's description in ``lang``, else in the first language it was written in."""
    text = problem["description"]
    if isinstance(text, str):
        return text
    return text.get(lang) or next(iter(text.values()))
