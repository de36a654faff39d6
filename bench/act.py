"""kaikille (axe-core plus kaikille's own checks) over all W3C ACT rules test cases, side by side
with axe-core alone, from one run: per ACT rule and in total, the expected-failed cases flagged
(violation or needs review) and the false violations (a violation on an expected-passed or
inapplicable case), and W3C's consistency per rule.

Which of our rules implement an ACT rule: axe-core's own mapping (W3C's implementation report for
axe-core, ../shared/act/data/implementations/axe-core.json: procedureNames) and, for kaikille's
checks, tests/act_suite.IMPLEMENTS. Cases that load anything from another host are left out.

    .venv/bin/python bench/act.py [--rules ID ...] [--write-results] [--report FILE]

About 15 minutes on 2 cores for all rules. Not part of the test suite (tests/test_act.py runs the
rules kaikille's checks implement).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import act_suite  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from results import write_section  # noqa: E402
from audit.browser import find_chromium  # noqa: E402
from audit.engines.axe import load_axe  # noqa: E402
from kaikille import __version__  # noqa: E402
from kaikille.loopback import serve  # noqa: E402



def axe_mapping() -> dict[str, tuple[str, ...]]:
    data = json.loads((act_suite.ACT / "data" / "implementations" / "axe-core.json").read_text("utf-8"))
    return {m["ruleId"]: tuple(m.get("procedureNames") or ()) for m in data["actRuleMapping"]}


def table(rows: list[dict], totals: dict) -> str:
    lines = [
        "| ACT rule | cases | expected failed | flagged: axe | flagged: kaikille | false violations: axe | false violations: kaikille | consistent: axe | consistent: kaikille |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| {r['rule']} {r['name'][:48]} | {r['cases']} | {r['failed']} | {r['axe_flagged']} | {r['k_flagged']} | "
                     f"{r['axe_false']} | {r['k_false']} | {'–' if r['axe_consistent'] is None else 'yes' if r['axe_consistent'] else 'no'} | {'yes' if r['k_consistent'] else 'no'} |")
    lines.append(f"| **all {totals['rules']} rules** | **{totals['cases']}** | **{totals['failed']}** | **{totals['axe_flagged']}** | "
                 f"**{totals['k_flagged']}** | **{totals['axe_false']}** | **{totals['k_false']}** | **{totals['axe_consistent']}** | "
                 f"**{totals['k_consistent']}** |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", nargs="*", help="only these ACT rule ids")
    parser.add_argument("--write-results", action="store_true", help="put the table into bench/RESULTS.md")
    parser.add_argument("--report", default=str(ROOT / "bench" / "act-implementation-report.json"),
                        help="where to write the implementation report (EARL JSON-LD)")
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    if not act_suite.available():
        print(f"the ACT test cases are not at {act_suite.ACT}", file=sys.stderr)
        return 2
    chosen_rules = tuple(args.rules) if args.rules else None
    every = act_suite.cases(chosen_rules)
    chosen = [c for c in every if not act_suite.needs_network(c)]
    print(f"{len(chosen)} of {len(every)} cases ({len(every) - len(chosen)} need the network)", flush=True)
    executable = find_chromium()[0]
    t0 = time.perf_counter()
    with serve(act_suite.ACT) as base:
        import asyncio

        pages = asyncio.run(act_suite.audit_cases(base, chosen, executable, checks=("all",), concurrency=args.concurrency))
    elapsed = time.perf_counter() - t0
    mapping = axe_mapping()
    by_rule: dict[str, list] = defaultdict(list)
    assertions = []
    for case in chosen:
        page = pages.get(case.path)
        axe_rules = mapping.get(case.rule, ())
        mine = axe_rules + act_suite.IMPLEMENTS.get(case.rule, ())
        axe_got, k_got = act_suite.outcome(page, axe_rules), act_suite.outcome(page, mine)
        by_rule[case.rule].append((case, axe_got, k_got))
        if mine:
            assertions.append((case, k_got))
    rows = []
    for rule, results in sorted(by_rule.items()):
        if not (mapping.get(rule) or act_suite.IMPLEMENTS.get(rule)):
            continue  # neither axe nor kaikille implements it
        failed = [r for r in results if r[0].expected == "failed"]
        rows.append({
            "rule": rule, "name": "", "cases": len(results), "failed": len(failed),
            "axe_flagged": sum(a in ("failed", "cantTell") for _, a, _ in failed),
            "k_flagged": sum(k in ("failed", "cantTell") for _, _, k in failed),
            "axe_false": sum(a == "failed" for c, a, _ in results if c.expected != "failed"),
            "k_false": sum(k == "failed" for c, _, k in results if c.expected != "failed"),
            "axe_consistent": all(act_suite.consistent(c.expected, a) for c, a, _ in results) if mapping.get(rule) else None,
            "k_consistent": all(act_suite.consistent(c.expected, k) for c, _, k in results),
        })
    rule_names = json.loads((act_suite.ASSETS / "testcases.json").read_text("utf-8"))["testcases"]
    titles = {tc["ruleId"]: tc["ruleName"] for tc in rule_names}
    for row in rows:
        row["name"] = titles.get(row["rule"], "")
    totals = {key: sum(r[key] for r in rows) for key in ("cases", "failed", "axe_flagged", "k_flagged", "axe_false", "k_false")}
    totals.update(rules=len(rows), axe_consistent=sum(r["axe_consistent"] is True for r in rows), k_consistent=sum(r["k_consistent"] for r in rows))
    untested = sum(1 for c in chosen if c.path not in pages or pages[c.path].error)
    totals["untested"] = untested
    text = table(rows, totals)
    print(text)
    print(f"{elapsed:.0f} s; {untested} case(s) could not be audited", flush=True)
    Path(args.report).write_text(json.dumps(act_suite.earl(assertions, __version__), indent=1) + "\n", "utf-8")
    per_case = [{"rule": c.rule, "case": c.id, "title": c.title, "expected": c.expected, "axe": a, "kaikille": k}
                for rule in sorted(by_rule) for c, a, k in by_rule[rule]]
    Path(args.report).with_name("act-outcomes.json").write_text(json.dumps(per_case, indent=1) + "\n", "utf-8")
    if args.write_results:
        write_section("act", f"## ACT rules test cases: axe-core alone and kaikille (axe-core + kaikille's checks)\n\n"
                      f"One run over the W3C ACT rules test cases (commit 800c3b49, {len(chosen)} of {len(every)} cases: "
                      f"{len(every) - len(chosen)} need the network and are left out), served on 127.0.0.1, axe-core "
                      f"{load_axe().version} with kaikille's tags (WCAG 2.1 A and AA) and `--checks all`, {args.concurrency} pages at a "
                      f"time, {elapsed / 60:.0f} min on {platform.machine()} with 2 cores. Only ACT rules that axe-core (by W3C's "
                      f"mapping) or a kaikille check implements are listed. *Flagged*: an expected-failed case reported as a "
                      f"violation or needs review; *false violations*: a violation on an expected-passed or inapplicable case; "
                      f"*consistent*: W3C's definition. {untested} case(s) could not be audited.\n\n"
                      f"Command: `.venv/bin/python bench/act.py --write-results`. Implementation report (EARL): "
                      f"`bench/act-implementation-report.json`.\n\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
