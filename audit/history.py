"""Run history: each run's totals per site (by impact and by WCAG criterion) in an embedded SQLite
database, so that `kaikille history` (and later the app) can show trends."""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kaikille.errors import ToolFailure, UsageError
from audit.model import IMPACTS, AuditReport

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
    tool_version TEXT NOT NULL, axe_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS run_identity (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id), identity TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS run_engines (
    run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, version TEXT NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (run_id, name)
);
CREATE TABLE IF NOT EXISTS site_totals (
    run_id INTEGER NOT NULL REFERENCES runs(id), site TEXT NOT NULL,
    pages INTEGER NOT NULL, pages_audited INTEGER NOT NULL, violations INTEGER NOT NULL, needs_review INTEGER NOT NULL,
    critical INTEGER NOT NULL, serious INTEGER NOT NULL, moderate INTEGER NOT NULL, minor INTEGER NOT NULL,
    PRIMARY KEY (run_id, site)
);
CREATE TABLE IF NOT EXISTS site_criteria (
    run_id INTEGER NOT NULL REFERENCES runs(id), site TEXT NOT NULL, criterion TEXT NOT NULL, violations INTEGER NOT NULL,
    PRIMARY KEY (run_id, site, criterion)
);
"""


@dataclass(frozen=True)
class SiteRun:
    run_id: int
    started_at: str
    site: str
    pages: int
    violations: int
    by_impact: dict[str, int]
    by_criterion: dict[str, int]


def _connect(path: str | Path) -> sqlite3.Connection:
    if Path(path).is_dir():
        raise UsageError(f"--history {path}: is a folder; give a file name")
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path)
        db.executescript(SCHEMA)
        return db
    except sqlite3.OperationalError as exc:
        raise ToolFailure(f"cannot open the history database {path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path}: not a kaikille history database ({exc})") from exc
    except OSError as exc:
        raise ToolFailure(f"cannot open the history database {path}: {exc.strerror or exc}") from exc


def identity(report: AuditReport) -> str:
    """The same run gives the same identity: a run resumed after it was recorded is not recorded twice."""
    parts = [report.meta.started_at, report.meta.engines_text, *(p.url for p in report.pages)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def record(path: str | Path, report: AuditReport) -> int:
    """Append one run, once; returns its id."""
    try:
        return _record(path, report)
    except sqlite3.DatabaseError as exc:
        raise ToolFailure(f"cannot record the run in {path}: {exc}") from exc


def _record(path: str | Path, report: AuditReport) -> int:
    with closing(_connect(path)) as db, db:
        known = db.execute("SELECT run_id FROM run_identity WHERE identity = ?", (identity(report),)).fetchone()
        if known:
            return int(known[0])
        run_id = db.execute(
            "INSERT INTO runs (started_at, finished_at, tool_version, axe_version) VALUES (?, ?, ?, ?)",
            (report.meta.started_at, report.meta.finished_at, report.meta.tool_version, report.meta.axe_version),
        ).lastrowid
        db.execute("INSERT INTO run_identity VALUES (?, ?)", (run_id, identity(report)))
        db.executemany("INSERT INTO run_engines VALUES (?, ?, ?, ?)",
                       [(run_id, e.name, e.version, e.kind) for e in report.meta.engines])
        for site in dict.fromkeys(p.site for p in report.pages):
            issues = [i for i in report.issues() if i.page.site == site]
            pages = [p for p in report.pages if p.site == site]
            impacts = Counter(i.finding.impact for i in issues)
            db.execute(
                "INSERT INTO site_totals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, site, len(pages), sum(p.audited for p in pages), len(issues),
                 sum(len(f.nodes) for p in pages for f in p.findings if f.outcome != "violation"),
                 *(impacts[i] for i in reversed(IMPACTS))),
            )
            criteria = Counter(c.sc for i in issues for c in i.finding.criteria)
            db.executemany("INSERT INTO site_criteria VALUES (?, ?, ?, ?)", [(run_id, site, sc, n) for sc, n in criteria.items()])
        return int(run_id)


def trend(path: str | Path, site: str | None = None, limit: int = 20) -> list[SiteRun]:
    """The newest runs per site, oldest first."""
    if not Path(path).is_file():
        raise UsageError(f"{path}: no history yet (kaikille audit writes it; see --history)")
    with closing(_connect(path)) as db:
        rows = db.execute(
            "SELECT t.run_id, r.started_at, t.site, t.pages, t.violations, t.critical, t.serious, t.moderate, t.minor "
            "FROM site_totals t JOIN runs r ON r.id = t.run_id WHERE (? IS NULL OR t.site = ?) "
            "ORDER BY t.run_id DESC LIMIT ?",
            (site, site, limit),
        ).fetchall()
        result = []
        for run_id, started, site_url, pages, violations, *impacts in reversed(rows):
            criteria = dict(db.execute(
                "SELECT criterion, violations FROM site_criteria WHERE run_id = ? AND site = ? ORDER BY criterion",
                (run_id, site_url)).fetchall())
            result.append(SiteRun(run_id, started, site_url, pages, violations,
                                  dict(zip(reversed(IMPACTS), impacts, strict=True)), criteria))
        return result


def run_totals(path: str | Path, sites: list[str], limit: int = 12) -> list[SiteRun]:
    """The newest ``limit`` runs that audited any of ``sites``, each summed over those sites, oldest
    first: the trend an HTML report shows. No database yet: no runs."""
    if not Path(path).is_file() or not sites:
        return []
    marks = ",".join("?" for _ in sites)
    with closing(_connect(path)) as db:
        rows = db.execute(
            f"SELECT t.run_id, r.started_at, SUM(t.pages), SUM(t.violations), SUM(t.critical), SUM(t.serious), "
            f"SUM(t.moderate), SUM(t.minor) FROM site_totals t JOIN runs r ON r.id = t.run_id "
            f"WHERE t.site IN ({marks}) GROUP BY t.run_id ORDER BY t.run_id DESC LIMIT ?",
            (*sites, limit),
        ).fetchall()
    return [SiteRun(run_id, started, "", pages, violations, dict(zip(reversed(IMPACTS), impacts, strict=True)), {})
            for run_id, started, pages, violations, *impacts in reversed(rows)]
