"""Run history in SQLite: totals per site by impact and criterion, and the `history` command."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kaikille.errors import UsageError
from audit.history import record, trend
from audit.model import AuditReport
from conftest import kaikille

RECORDED = Path(__file__).parent / "golden" / "input-results.json"


def recorded() -> AuditReport:
    return AuditReport.from_dict(json.loads(RECORDED.read_text("utf-8")))


def test_runs_are_recorded_per_site_and_read_back_in_order(tmp_path):
    db = tmp_path / "h.sqlite"
    first = recorded()
    better = replace(first, pages=tuple(p for p in first.pages if not p.violations))
    assert record(db, first) == 1 and record(db, better) == 2
    runs = trend(db)
    assert [r.run_id for r in runs] == [1, 2]
    assert runs[0].violations == len(first.issues()) == 8 and runs[1].violations == 0
    assert runs[0].by_impact == {"critical": 7, "serious": 1, "moderate": 0, "minor": 0}
    assert runs[0].by_criterion == {"1.1.1": 5, "1.4.3": 1, "4.1.2": 2}
    assert trend(db, site="https://elsewhere.invalid/") == []
    assert [r.run_id for r in trend(db, limit=1)] == [2]


def test_missing_or_broken_database_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no history yet"):
        trend(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database at all" * 100)
    with pytest.raises(UsageError, match="not a kaikille history database"):
        trend(junk)


def test_history_command(tmp_path):
    db = tmp_path / "h.sqlite"
    record(db, recorded())
    out = kaikille("history", "--db", db)
    assert out.returncode == 0
    assert out.stdout.splitlines()[1].split()[:7] == ["1", "2026-01-15T09:30:00Z", "13", "8", "7", "1", "0"]
    missing = kaikille("history", "--db", tmp_path / "x.sqlite")
    assert missing.returncode == 2 and "no history yet" in missing.stderr


def test_a_run_recorded_twice_counts_once(tmp_path):
    """A run killed after its history was written, then resumed, is the same run: recorded once."""
    db = tmp_path / "h.sqlite"
    first = record(db, recorded())
    assert record(db, recorded()) == first
    assert len(trend(db)) == len({p.site for p in recorded().pages})
    other = replace(recorded(), meta=replace(recorded().meta, started_at="2026-02-01T08:00:00Z"))
    assert record(db, other) != first
