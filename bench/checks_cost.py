"""What kaikille's own checks add to an audit: the generated bench site audited with axe alone
(`--no-checks`), with the default checks, and with all checks, side by side in one run, in
alternating rounds (the machine is shared, so each round's runs are back to back).

    .venv/bin/python bench/checks_cost.py [--pages 100] [--rounds 2] [--write-results]

The target: the default checks add at most 25% to the wall time of axe alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from results import write_section  # noqa: E402
from sitegen import generate  # noqa: E402
from audit.config import AuditConfig  # noqa: E402
from audit.jobs import audit  # noqa: E402
from kaikille.loopback import serve  # noqa: E402

SETS = {"axe alone (--no-checks)": {"no_checks": True}, "default checks": {}, "all checks": {"checks": ("all",)}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in SETS}
    findings: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp) / "site", args.pages)
        with serve(Path(tmp) / "site") as base:
            for round_ in range(1, args.rounds + 1):
                for name, settings in SETS.items():
                    config = AuditConfig(urls=(base + "p0.html",), out=str(Path(tmp) / "out"), max_pages=args.pages,
                                         max_depth=50, no_sitemaps=True, no_history=True, format=("json",), **settings)
                    t0 = time.perf_counter()
                    outcome = audit(config)
                    times[name].append(time.perf_counter() - t0)
                    report = outcome.report
                    ours = sum(len(f.nodes) for p in report.pages for f in p.findings if f.engine == "kaikille")
                    axe = sum(len(f.nodes) for p in report.pages for f in p.findings if f.engine == "axe-core")
                    findings[name] = f"{len(report.pages)} pages, axe-core {axe} element(s), kaikille {ours}"
                    print(f"round {round_}: {name}: {times[name][-1]:.1f} s ({findings[name]})", flush=True)
    base_time = statistics.median(times["axe alone (--no-checks)"])
    lines = ["| run | wall time, median of rounds | vs axe alone | results |", "| --- | ---: | ---: | --- |"]
    for name in SETS:
        median = statistics.median(times[name])
        lines.append(f"| {name} | {median:.1f} s ({', '.join(f'{t:.1f}' for t in times[name])}) | "
                     f"{100 * (median / base_time - 1):+.0f}% | {findings[name]} |")
    text = "\n".join(lines)
    print(text)
    if args.write_results:
        write_section("checks", f"## What kaikille's own checks cost\n\nThe generated bench site ({args.pages} pages, "
                      f"`bench/sitegen.py`), audited three ways in {args.rounds} alternating rounds on this machine (2 cores, "
                      f"shared: noisy), concurrency 4. Command: `.venv/bin/python bench/checks_cost.py --pages {args.pages} "
                      f"--rounds {args.rounds} --write-results`.\n\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
