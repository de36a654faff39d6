"""`kaikille statement check` on statements that single-page apps show only with JavaScript: read as
the browser shows them, in a real Chromium, from a real HTTP server on loopback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import kaikille
from kaikille.loopback import serve
from statements.check import shows_only_with_javascript

REAL = Path(__file__).parent / "statements" / "real"
SHELL = ('<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Ulkoliikuntakartta</title></head><body>'
         '<div id="root"></div><noscript>Ota JavaScript käyttöön, niin näet sivun.</noscript><script src="{}"></script></body></html>')


def statement_markup() -> str:
    """A real published statement (Ulkoliikuntakartta, Finnish, complete and current): its main content."""
    page = (REAL / "ulkoliikunta-fi.html").read_text("utf-8")
    return re.search(r"<main>(.*)</main>", page, re.S).group(1)


def app(markup: str, forge: bool = False) -> str:
    """An app that draws the statement a moment after it starts; with ``forge``, it also tries to make
    whoever reads the DOM from its world see a different page."""
    lie = ("const fake = '<html><body><h2>Saavutettavuuden tila</h2><p>Palvelu täyttää kaikki vaatimukset.</p></body></html>';"
           "Object.defineProperty(Element.prototype, 'outerHTML', {get() { return fake; }});"
           "Object.defineProperty(Document.prototype, 'documentElement', {get() { return {outerHTML: fake}; }});") if forge else ""
    return f"{lie}setTimeout(() => {{ document.getElementById('root').innerHTML = {json.dumps(markup)}; }}, 300);"


@pytest.fixture
def site(tmp_path, monkeypatch, chromium):
    monkeypatch.setenv("KAIKILLE_BROWSER", chromium)
    (tmp_path / "app.js").write_text(app(statement_markup()), "utf-8")
    (tmp_path / "forging.js").write_text(app("<p>Ei mitään.</p>", forge=True), "utf-8")
    (tmp_path / "seloste.html").write_text(SHELL.format("app.js"), "utf-8")
    (tmp_path / "forged.html").write_text(SHELL.format("forging.js"), "utf-8")
    front = ("<main><h1>Ulkoliikuntakartta</h1><p>Kartalta löydät kaupungin ulkoliikuntapaikat: uimarannat, latureitit, "
             "kuntoportaat, luistelukentät ja lähiliikuntapaikat sekä niiden kunnon ja aukioloajat. Hae paikkoja nimellä "
             "tai osoitteella, tai selaa karttaa lähelläsi. Kartan tiedot päivittyvät kerran vuorokaudessa.</p></main><footer><a href='seloste.html'>Saavutettavuusseloste</a></footer>")
    (tmp_path / "front.js").write_text(f"document.getElementById('root').innerHTML = {json.dumps(front)};", "utf-8")
    (tmp_path / "index.html").write_text(SHELL.format("front.js"), "utf-8")
    with serve(tmp_path) as base:
        yield base, tmp_path


def test_an_apps_shell_is_told_from_a_page_with_its_text():
    assert shows_only_with_javascript(SHELL.format("app.js"))
    assert not shows_only_with_javascript((REAL / "ulkoliikunta-fi.html").read_text("utf-8"))
    assert not shows_only_with_javascript("<html><body><p>Lyhyt sivu ilman skriptejä.</p></body></html>")


@pytest.mark.browser
def test_a_statement_an_app_shows_only_with_javascript_is_read_as_the_browser_shows_it(site):
    base, _ = site
    shown = kaikille("statement", "check", f"{base}seloste.html", "--today", "2026-11-22")
    assert shown.returncode == 0 and "OK (fi; newest date 2026-06-10)" in shown.stdout, shown.stdout + shown.stderr
    # the shell as HTTP serves it: every element missing, as a reader without JavaScript sees it
    raw = kaikille("statement", "check", f"{base}seloste.html", "--today", "2026-11-22", "--render", "never", "--format", "json")
    codes = {p["code"] for p in json.loads(raw.stdout)["checked"][0]["problems"]}
    assert raw.returncode == 1 and {"no-status", "no-feedback", "no-date"} <= codes


@pytest.mark.browser
def test_a_sweep_finds_the_statement_link_an_apps_front_page_draws(site):
    base, tmp_path = site
    sites = tmp_path / "sites.txt"
    sites.write_text(f"{base}index.html\n", "utf-8")
    swept = kaikille("statement", "check", "--sites", str(sites), "--today", "2026-11-22", "--format", "json")
    report = json.loads(swept.stdout)
    assert swept.returncode == 0, swept.stderr
    assert [(r["source"], r["passed"]) for r in report["checked"]] == [(f"{base}seloste.html", True)]


@pytest.mark.browser
def test_a_page_cannot_forge_the_markup_the_checker_reads(site):
    """The app redefines outerHTML and documentElement in its own world to show a clean statement; the
    checker reads the DOM from its isolated world and finds the page as it is: no statement."""
    base, _ = site
    forged = kaikille("statement", "check", f"{base}forged.html", "--today", "2026-11-22", "--format", "json")
    codes = {p["code"] for p in json.loads(forged.stdout)["checked"][0]["problems"]}
    assert forged.returncode == 1 and "no-status" in codes and "not-a-model-status" not in codes
