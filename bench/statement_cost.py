"""What `kaikille statement check` costs, beside the floor of only parsing the same page.

On the real statements of tests/statements/real/ and on pages shaped to be costly (nested thousands
deep, a hundred thousand copyright lines, twenty thousand headings, a table row of twenty thousand
cells, a megabyte of prose). A published
statement is a page we do not control: its checking must grow with its size, never with its size
squared. Each time is the best of --rounds runs.

    .venv/bin/python bench/statement_cost.py [--rounds 3] [--write-results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from results import write_section  # noqa: E402
from statements.check import check_html  # noqa: E402

REAL = ROOT / "tests" / "statements" / "real"
TODAY = dt.date(2026, 11, 22)
STATUS = "<h2>Saavutettavuuden tila</h2><p>Verkkopalvelu täyttää saavutettavuusvaatimukset osittain.</p>"


def shaped() -> dict[str, str]:
    """Pages built to be costly, each around a statement's first lines."""
    def page(body: str) -> str:
        return f'<html lang="fi"><body><h1>Saavutettavuusseloste</h1>{STATUS}{body}</body></html>'
    return {
        "a footer nested 3,000 deep": page("<div>" * 3000 + "<p>© 2026 Kaupunki, kirjaamo@example.fi</p>" + "</div>" * 3000),
        "100,000 copyright lines": page("<p>© 2026 Kaupunki</p>" * 100_000),
        "20,000 headings": page("".join(f"<h2>Osio {i}</h2><p>Teksti {i}.</p>" for i in range(20_000))),
        # each cell asks whether it is its row's second (whose first cell labels it): a step or two back, not the row
        "a table row of 20,000 cells": page("<table><tr>" + "<td>Solu.</td>" * 20_000 + "</tr></table>"),
        "1 MB of prose in one section": page("<h2>Ei-saavutettava sisältö</h2><p>" + "Kartta ei toimi näppäimistöllä. " * 32_000 + "</p>"),
        # a heading that names what is missing heads a list of problems unless it asks ("Puuttuuko …?");
        # one a megabyte long, the word in it 125,000 times and a question mark at its end
        "a 1 MB heading asking what is missing": page("<h2>" + "puuttuu " * 125_000 + "?</h2><p>Teksti.</p>"),
    }


def best(rounds: int, run) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()

    expected = {k: v for k, v in json.loads((REAL / "expected.json").read_text("utf-8")).items() if not k.startswith("_")}
    real = {name: (REAL / name).read_text("utf-8") for name in sorted(expected)}
    rows = []

    def both(pages: dict[str, str], jurisdiction=lambda name: "fi") -> tuple[float, float]:
        parse = best(args.rounds, lambda: [BeautifulSoup(p, "html.parser") for p in pages.values()])
        whole = best(args.rounds, lambda: [check_html(n, p, TODAY, jurisdiction=jurisdiction(n)) for n, p in pages.items()])
        return parse, whole

    parse, whole = both(real, lambda name: expected[name].get("jurisdiction", "fi"))
    size = sum(len(p.encode()) for p in real.values())
    rows.append((f"{len(real)} real statements ({size // 1024} KB in all)", size, parse, whole))
    for name, page in shaped().items():
        parse, whole = both({name: page})
        rows.append((name, len(page.encode()), parse, whole))

    lines = [
        "## What `statement check` costs",
        "",
        f"Command: `.venv/bin/python bench/statement_cost.py --rounds {args.rounds} --write-results` "
        f"(best of {args.rounds}; {platform.machine()}, Python {platform.python_version()}). The floor only parses "
        "each page with BeautifulSoup's html.parser, as the checker does first.",
        "",
        "| pages | size (KB) | parse only (s) | statement check (s) | check ÷ parse |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| {name} | {size // 1024} | {parse:.2f} | {whole:.2f} | {whole / parse:.1f}x |" for name, size, parse, whole in rows],
    ]
    text = "\n".join(lines)
    print(text)
    if args.write_results:
        write_section("statement-cost", text)


if __name__ == "__main__":
    main()
