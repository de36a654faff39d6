"""Logged-in pages and user journeys: the journeys file's checks, the never-follow rule, and real
runs in Chromium against a site with a login (tests/login_site.py) on 127.0.0.1."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from audit.config import AuditConfig
from audit.frontier import Frontier, Target, plan
from audit.jobs import journeys_of
from audit.journeys import Journey, Step, read_journeys, redact, stopped
from audit.model import Finding, Node, PageResult
from audit.sites import SiteSpec
from audit.urls import NEVER_FOLLOW, NEVER_FOLLOW_REASON, Scope
from kaikille.errors import UsageError
from conftest import kaikille
from login_site import USER, serve_login

SITE = "https://varaamo.example.fi/"
PASSWORD = "Pa55 w/rd&ä+1"  # a space, a slash, an ampersand, a plus and a non-ASCII letter: every encoding


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "journeys.toml"
    path.write_text(text, "utf-8")
    return path


# --- the file ---------------------------------------------------------------------------------
GOOD = """
base = "https://varaamo.example.fi"
[[journey]]
name = "Book a room"
start = "/book"
steps = [
  { audit = "choose room" },
  { fill = "#password", value_env = "PW" },
  { click = "#next", timeout = 5 },
  { audit = "choose time" },
]
"""


def test_a_journeys_file_reads_into_steps_keys_and_names(tmp_path):
    found = read_journeys(write(tmp_path, GOOD), [], {"PW": "s3cr3t-value"})
    journey = found.journeys[0]
    assert journey.start == "https://varaamo.example.fi/book"
    assert [s.action for s in journey.steps] == ["audit", "fill", "click", "audit"]
    assert journey.steps[2].timeout == 5
    assert [journey.label(s) for s in journey.audits] == ["Book a room / 1 choose room", "Book a room / 4 choose time"]
    assert journey.key(journey.audits[1]) == "https://varaamo.example.fi/book#kaikille-journey=Book%20a%20room/4"
    assert found.secrets == {"PW": "s3cr3t-value"}
    assert "s3cr3t-value" not in repr(journey)  # the value is never part of the journey


def test_a_journey_belongs_to_the_runs_site_on_its_host(tmp_path):
    found = read_journeys(write(tmp_path, GOOD), ["https://other.example.fi/", SITE + "fi"], {"PW": "x"})
    assert found.journeys[0].site == SITE + "fi"
    alone = read_journeys(write(tmp_path, GOOD), [], {"PW": "x"})
    assert alone.journeys[0].site == "https://varaamo.example.fi/book"


@pytest.mark.parametrize("text, message", [
    ('[[journey]]\nstart = "/a"\nsteps = [{ audit = "a" }]', "journey 1: needs a name"),
    ('[[journey]]\nname = "A"\nsteps = [{ audit = "a" }]', "journey 'A': needs a start URL"),
    ('[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ audit = "a" }]', "journey 'A': start '/a' is relative, but there is no base"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ click = "#a", fill = "#b", value = "c" }]',
     "journey 'A' step 1: needs exactly one action"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ fill = "#b" }]',
     "journey 'A' step 1: fill needs either value or value_env"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ audit = "a" }, { fill = "#b", value_env = "NOPE" }]',
     "journey 'A' step 2: the environment variable NOPE is not set"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ click = "#b", value = "v" }]',
     "journey 'A' step 1: click does not take value"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ click = "#b" }]', "journey 'A': has no audit step"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ audit = "a", timeout = 0 }]',
     "journey 'A' step 1: timeout must be"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nstep = [{ audit = "a" }]\n'
     '[[journey]]\nname = "A"\nstart = "/b"\nsteps = [{ audit = "b" }]', "two journeys are named 'A'"),
    ('base = "https://x.fi"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ audit = "a" }]\nretries = 3', "unknown key(s) retries"),
    ('base = "javascript:alert(1)"\n[[journey]]\nname = "A"\nstart = "/a"\nsteps = [{ audit = "a" }]', "base"),
])
def test_a_mistake_in_the_journeys_file_is_named_with_its_place(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(UsageError) as caught:
        read_journeys(path, [], {})
    assert str(path) in str(caught.value) and message in str(caught.value), str(caught.value)


def test_the_audit_says_which_file_is_wrong_with_exit_2(tmp_path):
    path = write(tmp_path, '[[journey]]\nname = "A"\nstart = "https://x.fi/"\nsteps = [{ fill = "#pw", value_env = "KAIKILLE_NOT_SET_PW" }, { audit = "a" }]')
    result = kaikille("audit", "--journeys", path, "--out", tmp_path / "out", "--no-history")
    assert result.returncode == 2
    assert f"{path}: journey 'A' step 1: the environment variable KAIKILLE_NOT_SET_PW is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_storage_state_file_is_a_usage_error(tmp_path):
    state = tmp_path / "state.json"
    state.write_text('{"cookies": 3}')
    result = kaikille("audit", "https://x.fi/", "--storage-state", state, "--out", tmp_path / "out")
    assert result.returncode == 2 and f"{state}: not a storage state file" in result.stderr


def test_each_journey_runs_in_exactly_one_shard(tmp_path):
    steps = "steps = [{ audit = \"a\" }]"
    text = 'base = "https://x.fi"\n' + "".join(f'[[journey]]\nname = "J{i}"\nstart = "/{i}"\n{steps}\n' for i in range(12))
    path = write(tmp_path, text)
    names = []
    for i in (1, 2, 3):
        found = journeys_of(AuditConfig(journeys=str(path), shard=f"{i}/3"), [], {})
        names += [j.name for j in found.journeys]
    assert sorted(names) == sorted(f"J{i}" for i in range(12))


def test_a_stopped_journey_says_where_for_every_audit_step_left():
    steps = (Step(1, "audit", "a"), Step(2, "click", "#next"), Step(3, "audit", "b"), Step(4, "audit", "c"))
    journey = Journey("J", SITE, SITE, steps)
    pages = stopped(journey, steps[1], "timed out after 5 s", [journey.key(steps[0])], "t")
    assert [(p.journey, p.error) for p in pages] == [
        ("J / 3 b", "not reached: step 2 (click '#next') failed: timed out after 5 s"),
        ("J / 4 c", "not reached: step 2 (click '#next') failed: timed out after 5 s")]
    last = stopped(journey, Step(5, "click", "#logout"), "gone", [journey.key(s) for s in journey.audits], "t")
    assert [(p.journey, p.error) for p in last] == [("J / 5 click", "step 5 (click '#logout') failed: gone")]


def test_redact_removes_a_secret_in_every_encoding_a_page_may_use():
    node = Node(("input",), f'<input value="{PASSWORD}">', f"Fix: {PASSWORD}")
    finding = Finding("label", "violation", "serious", "h", "d", "https://x", (), (), (node,))
    page = PageResult(url=SITE, site=SITE, depth=0, title=f"Results for {PASSWORD}",
                      final_url=SITE + "?q=Pa55+w%2Frd%26%C3%A4%2B1", error=None, findings=(finding,))
    clean = redact(page, [PASSWORD])
    text = json.dumps(clean.__repr__())
    for form in (PASSWORD, "Pa55+w%2Frd%26%C3%A4%2B1"):
        assert form not in repr(clean), form
    assert clean.title == "Results for [secret]" and "[secret]" in clean.final_url and "[secret]" in text
    assert redact(page, []) is page


# --- never follow ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, never", [
    ("Kirjaudu ulos", True), ("Logga ut", True), ("Log out", True), ("logout", True), ("Sign-out", True),
    ("Delete my account", True), ("Poista tili", True), ("Radera", True), ("/auth/kirjaudu-ulos", True),
    ("Lumen poistaminen", False), ("Blog", False), ("Catalog output", False), ("Kirjaudu sisään", False),
    ("Poistuminen rakennuksesta", False),
])
def test_the_default_never_follow_pattern(text, never):
    assert Scope(SITE, never_follow=NEVER_FOLLOW).never(text) is never


def test_the_crawl_never_follows_logout_or_delete_by_text_or_by_url():
    site = plan(SiteSpec(SITE), AuditConfig())
    frontier = Frontier(site)
    start = frontier.ready()[0]
    links = [(SITE + "session/end", "Kirjaudu ulos"), SITE + "logout", (SITE + "remove", "Poista tili"),
             (SITE + "details", "Omat tiedot"), SITE + "lumen-poistaminen"]
    frontier.done(start, PageResult(url=SITE, site=SITE, depth=0), links)
    assert [t.url for t in frontier.ready()] == [SITE + "details", SITE + "lumen-poistaminen"]
    assert {s.url: s.reason for s in frontier.skipped} == {
        SITE + "session/end": NEVER_FOLLOW_REASON, SITE + "logout": NEVER_FOLLOW_REASON, SITE + "remove": NEVER_FOLLOW_REASON}
    everything = Frontier(plan(SiteSpec(SITE), AuditConfig(never_follow="")))
    first = everything.ready()[0]
    everything.done(first, PageResult(url=SITE, site=SITE, depth=0), links)
    assert len(everything.ready()) == 5


def test_an_invalid_never_follow_pattern_is_a_usage_error(tmp_path):
    result = kaikille("audit", "https://x.fi/", "--never-follow", "(unclosed", "--out", tmp_path / "out")
    assert result.returncode == 2 and "'never-follow' '(unclosed' is not a valid regular expression" in result.stderr


# --- real runs in Chromium ----------------------------------------------------------------------
JOURNEYS = """
[[journey]]
name = "Log in"
start = "/login"
steps = [
  { fill = "#user", value = "%s" },
  { fill = "#password", value_env = "KAIKILLE_TEST_PASSWORD" },
  { click = "button" },
  { wait_for_url = "**/account/" },
]

[[journey]]
name = "Book a room"
start = "/book"
steps = [
  { audit = "choose room" },
  { select = "#room", value = "Sali" },
  { click = "#next" },
  { audit = "choose time" },
  { check = "#t10" },
  { click = "#next" },
  { click = "#confirm" },
  { wait_for_url = "**/book/done" },
  { audit = "booked" },
]

[[journey]]
name = "Search with a secret"
start = "/search"
storage_state = false
steps = [
  { fill = "#q", value_env = "KAIKILLE_TEST_PASSWORD" },
  { click = "#go" },
  { audit = "results" },
]

[[journey]]
name = "Broken"
start = "/search"
steps = [
  { audit = "form" },
  { click = "#nowhere", timeout = 2 },
  { audit = "after" },
]

[[journey]]
name = "Away"
start = "/away"
steps = [
  { click = "#out", timeout = 5 },
  { audit = "partner" },
]
""" % USER


@pytest.fixture(scope="module")
def logged_in_run(chromium, tmp_path_factory):
    """Log in by the journey's steps, then one audit: the account crawled with the saved login, and
    the journeys. The password is given only through the environment."""
    tmp = tmp_path_factory.mktemp("login")
    journeys = tmp / "journeys.toml"
    journeys.write_text(JOURNEYS, "utf-8")
    os.environ["KAIKILLE_TEST_PASSWORD"] = PASSWORD
    try:
        with serve_login(PASSWORD) as site:
            state = tmp / "state.json"
            login = kaikille("login", site.url, "--journeys", journeys, "--journey", "Log in", "-o", state,
                             "--browser-path", chromium, "--timeout", "20")
            audit = kaikille("audit", site.url + "account/", "--storage-state", state, "--journeys", journeys,
                             "--out", tmp / "out", "--browser-path", chromium, "--timeout", "20", "--no-history")
            yield {"site": site, "state": state, "login": login, "audit": audit, "out": tmp / "out",
                   "results": json.loads((tmp / "out" / "results.json").read_text("utf-8"))}
    finally:
        os.environ.pop("KAIKILLE_TEST_PASSWORD", None)


@pytest.mark.browser
def test_kaikille_login_saves_the_session_privately(logged_in_run):
    assert logged_in_run["login"].returncode == 0, logged_in_run["login"].stderr
    state = json.loads(logged_in_run["state"].read_text("utf-8"))
    assert [c["name"] for c in state["cookies"]] == ["session"]
    assert stat.S_IMODE(logged_in_run["state"].stat().st_mode) == 0o600


@pytest.mark.browser
def test_the_crawl_with_the_login_audits_pages_behind_it_and_never_logs_out(logged_in_run):
    site, results = logged_in_run["site"], logged_in_run["results"]
    crawled = {p["url"]: p for p in results["pages"] if p["journey"] is None}
    assert site.url + "account/details" in crawled and crawled[site.url + "account/details"]["error"] is None
    assert any(f["rule_id"] == "image-alt" for f in crawled[site.url + "account/details"]["findings"])
    for path in ("/session/end", "/logout", "/account/remove"):
        assert site.visits(path) == 0, path
        assert {"url": site.url + path[1:], "reason": NEVER_FOLLOW_REASON} in [
            {"url": s["url"], "reason": s["reason"]} for s in results["skipped"]]
    assert all(had for method, path, had in site.log if path.startswith("/account/")), "every account page with the session"


@pytest.mark.browser
def test_each_audit_step_of_a_journey_is_a_page_named_after_it(logged_in_run):
    results = logged_in_run["results"]
    steps = {p["journey"]: p for p in results["pages"] if p["journey"]}
    booking = [name for name in steps if name.startswith("Book a room")]
    assert booking == ["Book a room / 1 choose room", "Book a room / 4 choose time", "Book a room / 9 booked"]
    time_step = steps["Book a room / 4 choose time"]
    assert time_step["final_url"].startswith(logged_in_run["site"].url + "book/time")
    assert time_step["url"] == logged_in_run["site"].url + "book#kaikille-journey=Book%20a%20room/4"
    assert time_step["title"] == "Book a room: 2 time" and time_step["site"] == logged_in_run["site"].url + "account/"
    assert any(f["rule_id"] == "label" for f in time_step["findings"]), "the unlabelled radio button of step 2"
    assert steps["Book a room / 9 booked"]["error"] is None
    junit = (logged_in_run["out"] / "junit.xml").read_text("utf-8")
    html = (logged_in_run["out"] / "report.html").read_text("utf-8")
    assert 'name="Book a room / 4 choose time"' in junit and "Book a room / 4 choose time" in html


@pytest.mark.browser
def test_a_failing_step_ends_its_journey_with_the_step_and_selector_named(logged_in_run):
    steps = {p["journey"]: p for p in logged_in_run["results"]["pages"] if p["journey"]}
    assert steps["Broken / 1 form"]["error"] is None
    assert steps["Broken / 3 after"]["error"] == "not reached: step 2 (click '#nowhere') failed: timed out after 2 s"
    away = steps["Away / 2 partner"]["error"]
    assert away.startswith("not reached: step 1 (click '#out') failed: tried to leave the journey's hosts for http://localhost:")
    assert logged_in_run["audit"].returncode == 1  # findings; the journeys that failed did not stop the run


@pytest.mark.browser
def test_a_secret_from_the_environment_is_in_no_output(logged_in_run):
    results = logged_in_run["results"]
    search = next(p for p in results["pages"] if p["journey"] == "Search with a secret / 3 results")
    assert search["error"] is None and search["title"] == "Results for [secret]"
    assert "[secret]" in search["final_url"]
    from urllib.parse import quote, quote_plus

    forms = {PASSWORD, quote(PASSWORD, safe=""), quote_plus(PASSWORD), json.dumps(PASSWORD)[1:-1], "Pa55 w/rd"}
    for path in logged_in_run["out"].rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert not any(form in text for form in forms), path
    for result in (logged_in_run["login"], logged_in_run["audit"]):
        assert not any(form in result.stdout + result.stderr for form in forms)


@pytest.mark.browser
def test_the_demo_runs_its_example_journeys(chromium, tmp_path):
    from audit.demo import run_demo

    outcome = run_demo(str(tmp_path / "out"), chromium, None)
    steps = {p.journey: p for p in outcome.report.pages if p.journey}
    assert list(steps) == ["Book a guidance session / 1 choose a session", "Book a guidance session / 5 your details",
                           "Book a guidance session / 10 booked", "Send feedback / 1 empty form", "Send feedback / 5 sent"]
    assert all(p.error is None for p in steps.values()), {k: p.error for k, p in steps.items()}
    assert steps["Book a guidance session / 10 booked"].title == "Booked – Demo City"
    assert any(f.rule_id == "label" for f in steps["Book a guidance session / 5 your details"].violations)
