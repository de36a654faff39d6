"""The command line through main(argv): every exit code, and clear messages for bad input."""

from __future__ import annotations

import json

import pytest

from conftest import free_port, kaikille

from audit.gate import BASELINE_FORMAT




def assert_usage_error(result, *fragments):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_bad_url_is_a_usage_error(tmp_path):
    assert_usage_error(kaikille("audit", "ftp://example.invalid/", "--out", str(tmp_path)), "command line", "not an http(s) URL")


def test_bad_sites_line_names_file_and_line(tmp_path):
    sites = tmp_path / "sites.txt"
    sites.write_text("# City sites\nhttps://www.hel.fi/fi\nhttps://digi.hel.fi max-pages=lots\n")
    assert_usage_error(kaikille("audit", "--sites", str(sites)), f"{sites}:3", "max-pages must be a whole number")


def test_unknown_sites_option_and_duplicate(tmp_path):
    sites = tmp_path / "sites.txt"
    sites.write_text("https://www.hel.fi/fi depth=2\n")
    assert_usage_error(kaikille("audit", "--sites", str(sites)), f"{sites}:1", "unknown option 'depth'")
    sites.write_text("https://www.hel.fi/fi\nhttps://WWW.hel.fi/fi#x\n")
    assert_usage_error(kaikille("audit", "--sites", str(sites)), f"{sites}:2", "already listed at")


def test_missing_sites_file(tmp_path):
    assert_usage_error(kaikille("audit", "--sites", str(tmp_path / "nope.txt")), "URL list not found")


def test_malformed_config_file(tmp_path):
    (tmp_path / "kaikille.toml").write_text("[audit]\nmax-pages = 'ten'\n")
    assert_usage_error(kaikille("audit", "https://www.hel.fi/", cwd=tmp_path), "kaikille.toml [audit]", "'max-pages' must be a whole number")
    (tmp_path / "kaikille.toml").write_text("[audit]\nmax_pagez = 3\n")
    assert_usage_error(kaikille("audit", "https://www.hel.fi/", cwd=tmp_path), "unknown setting 'max_pagez'")
    (tmp_path / "kaikille.toml").write_text("[audit\n")
    assert_usage_error(kaikille("audit", "https://www.hel.fi/", cwd=tmp_path), "not valid TOML")


def test_bad_flag_value(tmp_path):
    assert_usage_error(kaikille("audit", "https://www.hel.fi/", "--fail-on", "severe"), "invalid choice")
    assert_usage_error(kaikille("audit", "https://www.hel.fi/", "--max-pages", "0"), "'max-pages' must be a whole number above 0")


def test_bad_baseline_file(tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text('{"fingerprints": []}')
    assert_usage_error(kaikille("audit", "https://www.hel.fi/", "--baseline", str(bad)), "not a kaikille baseline")


def test_no_urls_at_all(tmp_path):
    assert_usage_error(kaikille("audit", cwd=tmp_path), "no start URL")


def test_missing_browser_is_exit_3(tmp_path, site_url):
    result = kaikille("audit", site_url, "--browser-path", str(tmp_path / "no-chromium"), "--out", str(tmp_path))
    assert result.returncode == 3 and "not an executable file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.browser
def test_unreachable_site_is_exit_3_with_reports(tmp_path, chromium):
    port = free_port()  # a loopback port nobody listens on
    result = kaikille("audit", f"http://127.0.0.1:{port}/", "--out", str(tmp_path), "--browser-path", chromium, "--timeout", "10")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "no page could be audited" in result.stderr
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["pages"][0]["error"] == f"connect ECONNREFUSED 127.0.0.1:{port}"


@pytest.mark.browser
def test_clean_page_passes_and_violations_fail(tmp_path, site_url, chromium):
    clean = kaikille("audit", site_url + "accessible.html", "--max-depth", "0", "--out", str(tmp_path / "a"), "--browser-path", chromium)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "PASSED" in clean.stdout
    assert (tmp_path / "a" / "history.sqlite").is_file()  # each run is recorded for `kaikille history`
    failing = kaikille("audit", site_url + "form.html", "--max-depth", "0", "--out", str(tmp_path / "b"), "--browser-path", chromium)
    assert failing.returncode == 1 and "FAILED: 1 new violation" in failing.stdout


@pytest.mark.browser
def test_fail_on_threshold_and_format_choice(tmp_path, site_url, chromium):
    # contrast.html has one serious violation only: --fail-on critical lets it pass
    out = tmp_path / "c"
    result = kaikille("audit", site_url + "contrast.html", "--max-depth", "0", "--fail-on", "critical",
                      "--format", "json", "--format", "markdown", "--out", str(out), "--browser-path", chromium)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["history.sqlite", "results.json", "summary.md"]  # reports + run history


@pytest.mark.browser
def test_baseline_written_then_accepted(tmp_path, site_url, chromium):
    baseline = tmp_path / "baseline.json"
    first = kaikille("audit", site_url + "image-alt.html", "--max-depth", "0", "--out", str(tmp_path / "1"),
                     "--write-baseline", str(baseline), "--browser-path", chromium)
    assert first.returncode == 1
    data = json.loads(baseline.read_text())
    assert data["format"] == BASELINE_FORMAT and len(data["fingerprints"]) == 2
    again = kaikille("audit", site_url + "image-alt.html", "--max-depth", "0", "--out", str(tmp_path / "2"),
                     "--baseline", str(baseline), "--browser-path", chromium)
    assert again.returncode == 0, again.stdout
    # the baseline command writes the same fingerprints from a results file
    other = tmp_path / "from-results.json"
    assert kaikille("baseline", str(tmp_path / "1" / "results.json"), "-o", str(other)).returncode == 0
    assert json.loads(other.read_text())["fingerprints"] == data["fingerprints"]


@pytest.mark.browser
def test_config_file_then_flags_take_precedence(tmp_path, site_url, chromium):
    (tmp_path / "kaikille.toml").write_text(
        f'[audit]\nurls = ["{site_url}contrast.html"]\nmax-depth = 0\nfail-on = "critical"\nout = "reports"\n'
    )
    from_file = kaikille("audit", "--browser-path", chromium, cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stdout + from_file.stderr
    assert (tmp_path / "reports" / "results.json").is_file()
    flag_wins = kaikille("audit", "--fail-on", "serious", "--browser-path", chromium, cwd=tmp_path)
    assert flag_wins.returncode == 1


def test_baseline_command_rejects_non_results(tmp_path):
    junk = tmp_path / "x.json"
    junk.write_text("[1, 2]")
    assert_usage_error(kaikille("baseline", str(junk), "-o", str(tmp_path / "b.json")), "not a kaikille results file")
