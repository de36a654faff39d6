"""`kaikille statement check` on statements of any author: files, and pages over HTTP on loopback."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import kaikille

from kaikille.loopback import serve
from statements.check import check

HERE = Path(__file__).parent / "statements"
CHECK = HERE / "check"
TODAY = dt.date(2026, 11, 22)


def problems(path: Path, today: dt.date = TODAY) -> tuple[str, ...]:
    return check(str(path), today).problems


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_our_own_statements_pass(lang):
    assert problems(HERE / "golden" / "partial" / f"statement.{lang}.html") == ()


def test_a_complete_current_statement_by_someone_else_passes():
    result = check(str(CHECK / "complete-sv.html"), TODAY)
    assert result.passed and result.language == "sv" and result.newest_date == dt.date(2026, 11, 3)


def test_the_old_avi_supervisor_is_flagged():
    found = problems(CHECK / "avi-fi.html")
    assert found == ("names the former supervisor (the Regional State Administrative Agency, AVI): since 1.1.2025 the supervisor is Traficom",)


def test_a_missing_status_is_flagged():
    assert problems(CHECK / "no-status-en.html") == ("no compliance status (fully, partially or not compliant) was found",)


def test_a_review_fourteen_months_old_is_flagged():
    # reviewed 15.11.2026; fourteen months later. Its fix dates (30.6.2027 …) are not review dates.
    found = problems(HERE / "golden" / "partial" / "statement.fi.html", today=dt.date(2028, 1, 15))
    assert found == ("the newest date in it is 2026-11-15, more than 12 months ago: the statement must be reviewed yearly",)


def test_missing_sections_are_each_named(tmp_path):
    page = tmp_path / "bare.html"
    page.write_text('<html lang="fi"><body><h1>Saavutettavuusseloste</h1><p>Tervetuloa.</p></body></html>', "utf-8")
    assert len(problems(page)) == 5




def test_cli_checks_pages_over_http_with_exit_codes(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(CHECK / "complete-sv.html", site / "ok.html")
    shutil.copy(CHECK / "avi-fi.html", site / "old.html")
    with serve(site) as base:
        ok = kaikille("statement", "check", base + "ok.html", "--today", "2026-11-22")
        old = kaikille("statement", "check", base + "old.html", "--today", "2026-11-22")
        gone = kaikille("statement", "check", base + "missing.html", "--today", "2026-11-22")
    assert ok.returncode == 0 and "OK (sv" in ok.stdout
    assert old.returncode == 1 and "former supervisor" in old.stdout
    assert gone.returncode == 3 and "HTTP 404" in gone.stderr
    nofile = kaikille("statement", "check", str(tmp_path / "nope.html"))
    assert nofile.returncode == 2 and "file not found" in nofile.stderr and "Traceback" not in nofile.stderr
