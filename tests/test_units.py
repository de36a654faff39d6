"""Pure functions: standards table, URL normalisation and scope, the URL list, config precedence."""

from __future__ import annotations

import pytest

from audit.engines.axe import convert, load_axe, run_options
from audit.config import AuditConfig, build_config, read_config_file
from kaikille.errors import UsageError
from audit.sites import parse_sites
from kaikille.wcag import criteria_from_tags, criteria_table, criterion_from_tag
from audit.urls import Scope, normalize


@pytest.mark.parametrize("tag, sc, level, clause", [
    ("wcag111", "1.1.1", "A", "9.1.1.1"),
    ("wcag143", "1.4.3", "AA", "9.1.4.3"),
    ("wcag1410", "1.4.10", "AA", "9.1.4.10"),
    ("wcag2411", "2.4.11", "AA", None),  # WCAG 2.2 only: no EN 301 549 V3.2.1 clause
    ("wcag411", "4.1.1", "A", "9.4.1.1"),
])
def test_axe_tag_to_criterion(tag, sc, level, clause):
    c = criterion_from_tag(tag)
    assert (c.sc, c.level, c.en_301_549) == (sc, level, clause)


def test_non_criterion_tags_are_ignored_and_order_is_numeric():
    got = criteria_from_tags(["wcag2aa", "wcag21aa", "best-practice", "wcag1410", "wcag143", "EN-9.1.4.3", "cat.color"])
    assert [c.sc for c in got] == ["1.4.3", "1.4.10"]


def test_table_holds_the_49_criteria_finnish_law_requires():
    table = criteria_table()
    required = [c for c in table.values() if c.level in ("A", "AA") and c.en_301_549 and c.sc != "1.2.4"]
    assert len(required) == 49


def test_normalize_drops_fragments_tracking_and_sorts_query():
    assert normalize("HTTPS://WWW.Hel.FI:443/fi?utm_source=x&b=2&a=1&fbclid=z#top") == "https://www.hel.fi/fi?a=1&b=2"
    assert normalize("http://127.0.0.1:8000") == "http://127.0.0.1:8000/"
    assert normalize("http://example.invalid:80/a b") == "http://example.invalid/a b"


def test_scope_modes_and_patterns():
    host = Scope("https://www.hel.fi/fi")
    assert host.why_excluded("https://www.hel.fi/sv") is None
    assert host.why_excluded("https://digi.hel.fi/") == "out of scope"
    domain = Scope("https://www.hel.fi/fi", mode="domain")
    assert domain.why_excluded("https://digi.hel.fi/") is None
    assert domain.why_excluded("https://hel.fi.example.invalid/") == "out of scope"
    allow = Scope("https://www.hel.fi/fi", mode="allow-list", allow_hosts=("palvelukartta.hel.fi",))
    assert allow.why_excluded("https://palvelukartta.hel.fi/") is None
    assert allow.why_excluded("https://digi.hel.fi/") == "out of scope"
    patterns = Scope("https://www.hel.fi/", include=(r"/fi/",), exclude=(r"/haku",))
    assert patterns.why_excluded("https://www.hel.fi/fi/asuminen") is None
    assert patterns.why_excluded("https://www.hel.fi/sv/") == "not matched by include patterns"
    assert patterns.why_excluded("https://www.hel.fi/fi/haku?q=x") == "matched an exclude pattern"


def test_sites_file_syntax():
    specs = parse_sites(
        "# comment\n\nhttps://www.hel.fi/fi  max-pages=10 max-depth=0 exclude=/haku/ exclude=\\?page=\n"
        "https://palvelukartta.hel.fi/fi#map scope=allow-list allow=kartta.hel.fi,Digi.hel.fi  # trailing comment\n",
        "sites.txt",
    )
    assert [s.url for s in specs] == ["https://www.hel.fi/fi", "https://palvelukartta.hel.fi/fi"]
    assert (specs[0].max_pages, specs[0].max_depth, specs[0].exclude) == (10, 0, ("/haku/", "\\?page="))
    assert specs[1].allow_hosts == ("kartta.hel.fi", "digi.hel.fi") and specs[1].origin == "sites.txt:4"


@pytest.mark.parametrize("line, message", [
    ("www.hel.fi", "is not an http(s) URL"),
    ("https://www.hel.fi max-pages", "must look like name=value"),
    ("https://www.hel.fi max-pages=0", "max-pages must be a whole number above 0"),
    ("https://www.hel.fi scope=world", "scope must be one of"),
    ("https://www.hel.fi include=([", "not a valid regular expression"),
])
def test_sites_file_errors_name_the_line(line, message):
    with pytest.raises(UsageError) as err:
        parse_sites("https://ok.example.invalid/\n" + line, "sites.txt")
    assert str(err.value).startswith("sites.txt:2: ") and message in str(err.value)


def test_the_shipped_sites_list_parses():
    from pathlib import Path

    specs = parse_sites((Path(__file__).parent.parent / "sites.txt").read_text(), "sites.txt")
    assert len(specs) >= 9 and all(s.url.startswith("https://") for s in specs)


def test_precedence_defaults_file_flags(tmp_path):
    cfg = tmp_path / "kaikille.toml"
    cfg.write_text('[audit]\nmax-pages = 7\nfail_on = "critical"\nsites = "lists/sites.txt"\nformat = ["json"]\n')
    file_settings = read_config_file(cfg)
    assert file_settings["sites"] == str(tmp_path / "lists/sites.txt")
    merged = build_config(file_settings, {"max_pages": 3, "fail_on": None})
    assert (merged.max_pages, merged.fail_on, merged.format, merged.max_depth) == (3, "critical", ("json",), AuditConfig().max_depth)


def test_pyproject_table(tmp_path):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[project]\nname = "x"\n[tool.kaikille.audit]\nbest-practice = true\n')
    assert read_config_file(cfg) == {"best_practice": True}
    cfg.write_text('[tool.kaikille.audit]\nbest-practice = "yes"\n')
    with pytest.raises(UsageError, match=r"\[tool.kaikille.audit\]: 'best-practice' must be true or false"):
        read_config_file(cfg)


def test_run_options_select_by_tags_and_rules():
    options = run_options("wcag22aa", True, ("region",), ("color-contrast",))
    assert options["runOnly"]["values"][-2:] == ["wcag22aa", "best-practice"]
    assert options["rules"] == {"region": {"enabled": True}, "color-contrast": {"enabled": False}}
    with pytest.raises(UsageError):
        run_options("wcag3")


def test_incomplete_is_needs_review_never_violation():
    raw = {
        "violations": [{"id": "image-alt", "impact": "critical", "tags": ["wcag2a", "wcag111"], "help": "h",
                        "description": "d", "helpUrl": "u", "nodes": [{"target": ["img"], "html": "<img>", "failureSummary": "f"}]}],
        "incomplete": [{"id": "color-contrast", "impact": "serious", "tags": ["wcag2aa", "wcag143"], "help": "h",
                        "description": "d", "helpUrl": "u", "nodes": [{"target": [["#host", "p"]], "html": "<p>", "failureSummary": None}]}],
    }
    violation, review = convert(raw)
    assert (violation.outcome, review.outcome) == ("violation", "needs-review")
    assert review.nodes[0].target == ("#host >>> p",) and review.nodes[0].failure_summary == ""


def test_axe_script_is_versioned_and_user_path_checked(tmp_path):
    assert load_axe().version.count(".") == 2
    fake = tmp_path / "axe.min.js"
    fake.write_text("console.log('not axe')")
    with pytest.raises(UsageError, match="does not look like axe-core"):
        load_axe(fake)
    with pytest.raises(UsageError, match="cannot read axe-core script"):
        load_axe(tmp_path / "missing.js")


def test_a_page_that_runs_out_of_time_is_worded_the_same_whichever_deadline_fired():
    """Playwright's own navigation deadline ("Page.goto: Timeout 12000ms exceeded.") and the page's
    budget both read "timed out after 12 s" in the results."""
    from audit.visit import describe

    assert describe(Exception("Page.goto: Timeout 12000ms exceeded.\nCall log:\n  - navigating")) == "timed out after 12 s"
    assert describe(Exception("Timeout 1500ms exceeded.")) == "timed out after 1.5 s"
    assert describe(Exception("Page.goto: net::ERR_CONNECTION_REFUSED at http://x/")) == "net::ERR_CONNECTION_REFUSED at http://x/"
