"""Every user mistake that used to end in a raw traceback (and exit 1, which CI reads as "new
violations") now gives one clear line naming the flag, file or line, and exit 2."""

from __future__ import annotations

import os

import pytest

from conftest import kaikille

pytestmark = pytest.mark.usefixtures("chromium")  # the audit checks its inputs after finding Chromium


def usage_error(result, *fragments) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 3, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def test_a_bad_regex_in_include_is_a_usage_error(tmp_path):
    usage_error(kaikille("audit", "https://www.hel.fi/", "--include", "(unclosed", "--out", tmp_path),
                "--include", "is not a valid regular expression")


def test_a_bad_regex_in_the_config_file_is_a_usage_error(tmp_path):
    (tmp_path / "kaikille.toml").write_text('[audit]\nexclude = ["[z-a]"]\n')
    usage_error(kaikille("audit", "https://www.hel.fi/", cwd=tmp_path), "kaikille.toml [audit]", "'exclude'")


def test_an_absurd_timeout_is_a_usage_error(tmp_path):
    usage_error(kaikille("audit", "https://www.hel.fi/", "--timeout", "9999999999"), "'timeout' must be at most 3600")


def test_a_superscript_digit_in_the_url_list_is_a_usage_error(tmp_path):
    sites = tmp_path / "sites.txt"
    sites.write_text("https://www.hel.fi/fi max-pages=²\n")
    usage_error(kaikille("audit", "--sites", sites), f"{sites}:1", "max-pages must be a whole number")


def test_a_nul_byte_in_a_url_is_a_usage_error():
    usage_error(kaikille("audit", "https://www.hel.fi/\x00x"), "command line", "control character")


def test_out_on_a_file_or_a_symlink_loop_is_a_usage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    usage_error(kaikille("audit", "https://www.hel.fi/", "--out", blocker), f"--out {blocker}: is a file")
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    usage_error(kaikille("audit", "https://www.hel.fi/", "--out", loop / "reports"), f"--out {loop / 'reports'}")


@pytest.mark.parametrize("argv, flag", [
    (["audit", "https://www.hel.fi/", "--write-baseline", "{dir}"], "--write-baseline"),
    (["audit", "https://www.hel.fi/", "--history", "{dir}"], "--history"),
    (["baseline", "tests/golden/input-results.json", "-o", "{dir}"], "-o"),
    (["discover", "https://www.hel.fi/", "-o", "{dir}"], "-o"),
    (["locator", "refresh", "--output", "{dir}"], "--output"),
])
def test_a_folder_where_a_file_is_written_is_a_usage_error(tmp_path, argv, flag):
    usage_error(kaikille(*(a.replace("{dir}", str(tmp_path)) for a in argv)), f"{flag} {tmp_path}", "is a folder")


def test_a_folder_as_the_city_settings_is_a_usage_error(tmp_path):
    usage_error(kaikille("locator", "refresh", "--city", tmp_path, "--output", tmp_path / "p.csv"), str(tmp_path), "is a folder")


def test_a_list_as_the_previous_statement_is_a_usage_error(tmp_path):
    previous = tmp_path / "previous.json"
    previous.write_text("[1, 2]")
    usage_error(kaikille("statement", "build", "tests/statements/partial.toml", "--previous", previous,
                         "--out", tmp_path / "s", "--today", "2026-03-01"), str(previous), "expected a JSON object")
