"""Audit settings: one table of options shared by the CLI and the config file.

Precedence: built-in defaults < config file (``kaikille.toml`` [audit], or ``[tool.kaikille.audit]``
in ``pyproject.toml``) < command-line flags. Per-site options in the URL list win for their site.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from kaikille.errors import UsageError
from kaikille.files import read_toml
from audit.checks import CHOICES as CHECK_CHOICES
from audit.model import IMPACTS
from kaikille.wcag import STANDARD_TAGS
from audit.urls import NEVER_FOLLOW, SCOPE_MODES

def default_concurrency(cores: int | None = None) -> int:
    """Two pages per core, at least 2 and at most 8: on this project's 2-core bench machine 4 was the
    fastest setting measured (bench/RESULTS.md, "Speed against the floor"); past 8 tabs the memory
    grows faster than the throughput."""
    count = cores if cores is not None else (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    return max(2, min(8, 2 * (count or 1)))


FORMATS = ("json", "junit", "sarif", "html", "markdown", "codequality")
FAIL_ON = (*IMPACTS, "none")


@dataclass(frozen=True)
class Option:
    """One audit option: its flag (``--name``), config key (``name``), default, help and bounds.
    This table is the one source of every default: the CLI, the config file, ``AuditConfig`` and the
    README's table are checked against it by the tests."""

    name: str  # the flag without '--', and the config key
    kind: str  # int | str | bool | list | choice
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    metavar: str | None = None
    minimum: int = 1  # for int options
    maximum: int = 1_000_000  # for int options
    regex: bool = False  # list options whose items are regular expressions

    @property
    def attr(self) -> str:
        return self.name.replace("-", "_")


OPTIONS: tuple[Option, ...] = (
    Option("sites", "str", None, "file with one start URL a line (default: none; see sites.txt)", metavar="FILE"),
    Option("max-pages", "int", 50, "pages to audit per site at most", metavar="N"),
    Option("max-depth", "int", 5, "link depth from the start URL at most (0 = start page only)", metavar="N", minimum=0, maximum=1000),
    Option("scope", "choice", "host", "which URLs belong to a site", SCOPE_MODES),
    Option("allow", "list", (), "with --scope allow-list: further host names (repeatable)", metavar="HOST"),
    Option("include", "list", (), "audit only URLs matching this regular expression (repeatable)", metavar="REGEX", regex=True),
    Option("exclude", "list", (), "skip URLs matching this regular expression (repeatable)", metavar="REGEX", regex=True),
    Option("never-follow", "str", NEVER_FOLLOW, "never follow a link whose URL or text matches this regular expression "
           "(any case; default: logging out and deleting in English, Finnish and Swedish; '' follows every link)",
           metavar="REGEX", minimum=0, regex=True),
    Option("ignore-robots", "bool", False, "do not obey robots.txt (only for your own sites)"),
    Option("no-sitemaps", "bool", False, "do not read sitemap.xml or robots.txt Sitemap lines"),
    Option("standard", "choice", "wcag21aa", "axe rule tags to run (wcag21aa: what EN 301 549 requires)", tuple(STANDARD_TAGS)),
    Option("best-practice", "bool", False, "also run axe's best-practice rules"),
    Option("rule", "list", (), "also run this axe rule (repeatable)", metavar="ID"),
    Option("disable-rule", "list", (), "do not run this axe rule (repeatable)", metavar="ID"),
    Option("axe-script", "str", None, "use this axe.min.js instead of the bundled axe-core", metavar="FILE"),
    Option("checks", "list", ("default",), "kaikille's own checks: default (the cheap page checks and the site checks), "
           "all (adds the keyboard walk), or check names (repeatable)", CHECK_CHOICES, metavar="NAME"),
    Option("no-checks", "bool", False, "run the engines only, none of kaikille's own checks"),
    Option("fail-on", "choice", "serious", "lowest impact that fails the run ('none': never fail)", FAIL_ON),
    Option("baseline", "str", None, "accepted findings: only findings not in it fail the run", metavar="FILE"),
    Option("write-baseline", "str", None, "write this run's violations as a baseline file", metavar="FILE"),
    Option("out", "str", "kaikille-report", "folder for the reports", metavar="DIR"),
    Option("urls-from", "str", None, "audit exactly the URLs of this list (from `kaikille discover`); follow no links", metavar="FILE"),
    Option("shard", "str", None, "with --urls-from: audit only this machine's share, e.g. 2/5 (stable split by URL)", metavar="I/N"),
    Option("history", "str", None, "SQLite file for run history (default: DIR/history.sqlite in --out)", metavar="FILE"),
    Option("no-history", "bool", False, "do not record this run in the history"),
    Option("resume", "bool", False, "continue an interrupted run from its journal in --out, without loading finished pages again"),
    Option("lang", "choice", "en", "language of the HTML report: fi, sv or en", ("fi", "sv", "en")),
    Option("no-screenshots", "bool", False, "no pictures of the fix groups' elements (taken when the HTML report is written)"),
    Option("format", "list", FORMATS, "report formats to write (repeatable; default: all)", FORMATS),
    Option("concurrency", "int", default_concurrency(), "pages audited at the same time (default: 2 per core, 2 to 8)",
           metavar="N", maximum=64),
    Option("per-host", "int", default_concurrency(), "pages loaded at the same time from one host (default: as --concurrency)",
           metavar="N", maximum=64),
    Option("timeout", "int", 30, "seconds a page may take to load and be audited", metavar="S", maximum=3600),
    Option("storage-state", "str", None, "start the browser with these cookies and this local storage (Playwright's "
           "storage state, e.g. from `kaikille login`): audit pages behind a login", metavar="FILE"),
    Option("journeys", "str", None, "also run these user journeys (TOML: named steps, audited where they say so)", metavar="FILE"),
    Option("wait-for", "str", None, "before auditing, wait until this CSS selector is visible (client-side apps)", metavar="CSS"),
    Option("browser-path", "str", None, "Chromium executable (else $KAIKILLE_BROWSER, Playwright's, the system's)", metavar="FILE"),
)
OPTION_BY_ATTR = {o.attr: o for o in OPTIONS}


DEFAULTS: dict[str, Any] = {o.attr: o.default for o in OPTIONS}


@dataclass(frozen=True)
class AuditConfig:
    """The effective settings of a run. Every default comes from ``OPTIONS``."""

    urls: tuple[str, ...] = ()
    sites: str | None = DEFAULTS["sites"]
    max_pages: int = DEFAULTS["max_pages"]
    max_depth: int = DEFAULTS["max_depth"]
    scope: str = DEFAULTS["scope"]
    allow: tuple[str, ...] = DEFAULTS["allow"]
    include: tuple[str, ...] = DEFAULTS["include"]
    exclude: tuple[str, ...] = DEFAULTS["exclude"]
    never_follow: str = DEFAULTS["never_follow"]
    ignore_robots: bool = DEFAULTS["ignore_robots"]
    no_sitemaps: bool = DEFAULTS["no_sitemaps"]
    standard: str = DEFAULTS["standard"]
    best_practice: bool = DEFAULTS["best_practice"]
    rule: tuple[str, ...] = DEFAULTS["rule"]
    disable_rule: tuple[str, ...] = DEFAULTS["disable_rule"]
    axe_script: str | None = DEFAULTS["axe_script"]
    checks: tuple[str, ...] = DEFAULTS["checks"]
    no_checks: bool = DEFAULTS["no_checks"]
    fail_on: str = DEFAULTS["fail_on"]
    baseline: str | None = DEFAULTS["baseline"]
    write_baseline: str | None = DEFAULTS["write_baseline"]
    out: str = DEFAULTS["out"]
    resume: bool = DEFAULTS["resume"]
    urls_from: str | None = DEFAULTS["urls_from"]
    shard: str | None = DEFAULTS["shard"]
    history: str | None = DEFAULTS["history"]
    no_history: bool = DEFAULTS["no_history"]
    lang: str = DEFAULTS["lang"]
    no_screenshots: bool = DEFAULTS["no_screenshots"]
    format: tuple[str, ...] = DEFAULTS["format"]
    concurrency: int = DEFAULTS["concurrency"]
    per_host: int = DEFAULTS["per_host"]
    timeout: int = DEFAULTS["timeout"]
    storage_state: str | None = DEFAULTS["storage_state"]
    journeys: str | None = DEFAULTS["journeys"]
    wait_for: str | None = DEFAULTS["wait_for"]
    browser_path: str | None = DEFAULTS["browser_path"]

    def public(self) -> dict[str, Any]:
        """The settings worth recording in a results file."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("browser_path",)}


def _coerce(option: Option, value: Any, where: str) -> Any:
    def bad(expected: str) -> UsageError:
        return UsageError(f"{where}: '{option.name}' must be {expected}, got {value!r}")

    if option.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < option.minimum:
            raise bad("a whole number" + (" above 0" if option.minimum == 1 else ""))
        if value > option.maximum:
            raise bad(f"at most {option.maximum}")
        return value
    if option.kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if option.kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
            raise bad("a string or a list of strings")
        if option.choices and (unknown := [i for i in items if i not in option.choices]):
            raise UsageError(f"{where}: '{option.name}' has unknown value(s) {', '.join(unknown)}; choose from {', '.join(option.choices)}")
        if option.regex:
            for item in items:
                try:
                    re.compile(item)
                except (re.error, RecursionError) as exc:
                    raise UsageError(f"{where}: '{option.name}' {item!r} is not a valid regular expression ({exc})") from None
        return tuple(items)
    if not isinstance(value, str):
        raise bad("a string")
    if option.regex:
        try:
            re.compile(value)
        except (re.error, RecursionError) as exc:
            raise UsageError(f"{where}: '{option.name}' {value!r} is not a valid regular expression ({exc})") from None
    if option.kind == "choice" and value not in option.choices:
        raise UsageError(f"{where}: '{option.name}' must be one of {', '.join(option.choices)}, got {value!r}")
    return value


def find_config_file(cwd: Path) -> Path | None:
    if (cwd / "kaikille.toml").is_file():
        return cwd / "kaikille.toml"
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None  # not ours to judge; an explicit --config would report it
        if "audit" in data.get("tool", {}).get("kaikille", {}):
            return pyproject
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    """Settings from a config file, validated against the option table; paths resolved against it."""
    data = read_toml(path, "config")
    table = data.get("tool", {}).get("kaikille", {}).get("audit") if path.name == "pyproject.toml" else data.get("audit")
    section = "[tool.kaikille.audit]" if path.name == "pyproject.toml" else "[audit]"
    if table is None:
        raise UsageError(f"{path}: no {section} table")
    if not isinstance(table, dict):
        raise UsageError(f"{path}: {section} must be a table")
    settings: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{path} {section}"
        if key == "urls":
            settings["urls"] = _coerce(Option("urls", "list", (), ""), value, where)
            continue
        option = OPTION_BY_ATTR.get(key.replace("-", "_"))
        if option is None:
            raise UsageError(f"{where}: unknown setting '{key}' (settings are the audit command's long options)")
        value = _coerce(option, value, where)
        if option.name in ("sites", "baseline", "write-baseline", "out", "axe-script", "browser-path", "history", "urls-from", "storage-state", "journeys"):
            value = str((path.parent / os.path.expanduser(value)))
        settings[option.attr] = value
    return settings


def build_config(file_settings: dict[str, Any], flag_settings: dict[str, Any]) -> AuditConfig:
    """defaults < config file < flags. Flags that were not given are absent from flag_settings."""
    given = {k: v for k, v in flag_settings.items() if v is not None}
    for key, value in given.items():  # flags are checked as strictly as the config file
        option = OPTION_BY_ATTR.get(key)
        if option is not None and (option.kind in ("int", "list") or option.regex):
            given[key] = _coerce(option, value, f"--{option.name}")
    return AuditConfig(**{**file_settings, **given})
