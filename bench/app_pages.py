"""How long the app takes to open each page and to do each step of the coordinator's work (issue 11),
side by side in one run, in a real Chromium, on real data: the demo site audited twice (a trend), an
evaluation started from that audit, a statement file filled in.

    .venv/bin/python bench/app_pages.py [--rounds 5]

Each round is a new browser session (nothing cached in Streamlit's session state). A step is timed
from the keypress or navigation to the moment its result is on the screen and Streamlit's rerun has
finished (no status widget). Prints a Markdown table: median and slowest of the rounds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
sys.path[:0] = [str(ROOT)]  # the packages of this checkout, found before tests/statements (data, not the package)
sys.path.append(str(ROOT / "tests"))  # conftest: free_port, running

from conftest import free_port, running  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from audit.browser.chromium import find_chromium, launch_args  # noqa: E402
from audit.model import read_report  # noqa: E402
from statements.evaluation import save_evaluation  # noqa: E402
from statements.sample import start_evaluation  # noqa: E402
from statements.statement_page import draft, save_statement_data, statement_file, with_form  # noqa: E402

FORM = {"organisation_fi": "Helsingin kaupunki", "organisation_sv": "Helsingfors stad", "organisation_en": "The City of Helsinki",
        "service_fi": "Demo", "service_sv": "Demo", "service_en": "Demo", "unit_fi": "Digitalisaatioyksikkö",
        "unit_sv": "Digitaliseringsenheten", "unit_en": "The Digitalisation Unit", "by_fi": "Kaupunginkanslia",
        "by_sv": "Stadskansliet", "by_en": "The City Executive Office", "email": "saavutettavuus@hel.fi",
        "languages": ["fi", "sv", "en"], "method": "self", "response_days": 14}


def prepare(work: Path) -> tuple[Path, Path]:
    reports = work / "reports"
    for _ in range(2):  # two runs: the Sites page draws a trend
        subprocess.run([sys.executable, "-m", "audit", "demo", "--out", str(reports), "--quiet"], check=False,
                       stdout=subprocess.DEVNULL)
    evaluations = work / "evaluations"
    data = start_evaluation(read_report(reports / "results.json"), reports / "results.json", "Demo")
    save_evaluation(evaluations / "demo.json", data)
    today = dt.date.today()
    values = {**FORM, "urls": "\n".join(data["scope"]["urls"])}
    save_statement_data(statement_file(evaluations / "demo.json"), with_form(draft(data, today), values))
    return reports, evaluations


def done(tab) -> None:
    tab.wait_for_function("document.querySelector('[data-testid=stStatusWidget]') === null")


def timed(tab, act, shown) -> float:
    started = time.perf_counter()
    act()
    expect(shown).to_be_visible(timeout=60000)
    done(tab)
    return time.perf_counter() - started


def choose(tab, combobox: str, typed: str) -> None:
    tab.get_by_role("combobox", name=combobox).focus()
    tab.keyboard.type(typed)
    expect(tab.get_by_role("option").filter(has_text=typed).first).to_be_visible(timeout=10000)
    tab.keyboard.press("Enter")


def round_(browser, url: str) -> dict[str, float]:
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    out = {}
    out["Find digital help: open"] = timed(tab, lambda: tab.goto(url), tab.get_by_role("heading", name="About the data"))
    out["Sites and audits: open"] = timed(tab, lambda: tab.goto(url + "sites"), tab.get_by_role("heading", name="Fix first"))
    out["Evaluate a site: open"] = timed(tab, lambda: tab.goto(url + "evaluate"), tab.get_by_role("combobox", name="Evaluation"))
    out["Evaluate a site: open the evaluation"] = timed(tab, lambda: choose(tab, "Evaluation", "demo.json"),
                                                        tab.get_by_text("criteria evaluated."))
    out["Evaluate a site: next criterion"] = timed(tab, lambda: choose(tab, "Criterion", "2.4.7 Focus Visible"),
                                                   tab.get_by_role("heading", name="2.4.7 Focus Visible"))
    radio = tab.get_by_role("radiogroup", name="Outcome of 2.4.7 for the whole sample")
    target = "Passed" if not radio.get_by_role("radio", name="Passed").is_checked() else "Cannot tell"

    def record() -> None:
        radio.get_by_role("radio", name=target).focus()
        tab.keyboard.press("Space")

    out["Evaluate a site: record an outcome (saved)"] = timed(tab, record, tab.get_by_text("Saved (version"))
    out["Statement: open"] = timed(tab, lambda: tab.goto(url + "statement"), tab.get_by_role("combobox", name="Evaluation"))
    out["Statement: preview"] = timed(tab, lambda: choose(tab, "Evaluation", "demo.json"), tab.locator("#statement-fi h1"))
    out["Check published statements: open"] = timed(tab, lambda: tab.goto(url + "published-statements"),
                                                    tab.get_by_role("textbox", name="Statement addresses"))
    context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    chromium = find_chromium(None, None)
    if chromium is None:
        print("no Chromium: run ./dev.sh test first, which installs one", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory() as tmp:
        reports, evaluations = prepare(Path(tmp))
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        with running([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none", "--reports", str(reports),
                      "--evaluations", str(evaluations)], url + "_stcore/health"):
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium[0], args=launch_args())
                rounds = [round_(browser, url) for _ in range(args.rounds)]
                browser.close()
    print(f"App pages, {args.rounds} rounds (each a new browser session), seconds:\n")
    print("| page and step | median | slowest |")
    print("| --- | ---: | ---: |")
    for step in rounds[0]:
        values = [r[step] for r in rounds]
        print(f"| {step} | {statistics.median(values):.2f} | {max(values):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
