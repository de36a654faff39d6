"""Side by side, in one run, on the same pages and the same axe-core rules: kaikille, pa11y-ci (axe
runner, several concurrency settings), @axe-core/cli, and the floor (bench/floor.py). Reports pages
per minute, wall time, peak memory (RSS of the whole process tree) and whether the findings agree.

    bash bench/setup.sh                      # once: pa11y-ci and @axe-core/cli from npm, chromedriver
    .venv/bin/python bench/compare.py --pages 220 [--write-results]

All tools run axe-core 4.11.4 (the copy pa11y ships) with the tags pa11y's axe runner uses for
WCAG2AA: wcag2a, wcag21a, wcag2aa, wcag21aa, best-practice.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from sitegen import generate  # noqa: E402

from audit.browser import QUIET_ARGS, find_chromium  # noqa: E402
from kaikille.loopback import serve  # noqa: E402

HERE = Path(__file__).parent
NODE = HERE / ".node" / "node_modules"
TAGS = "wcag2a,wcag21a,wcag2aa,wcag21aa,best-practice"
Findings = dict[str, dict[str, int]]


def tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[int(entry)] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        total += rss.get(pid, 0)
        frontier += [p for p, parent in parents.items() if parent == pid]
    return total


def measure(cmd: list[str], stdout_path: Path | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run cmd, sampling the RSS of its whole process tree. With stdout_path, standard output goes to
    that file (node tools cut output written to a pipe at 64 KiB when they exit)."""
    peak = 0
    done = threading.Event()
    t0 = time.perf_counter()
    sink = stdout_path.open("w") if stdout_path else subprocess.PIPE
    proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE, text=True)

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if stdout_path:
        sink.close()
        out = stdout_path.read_text()
    return wall, peak / 1024, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def run_kaikille(urls: list[str], site: str, axe: Path, work: Path, concurrency: int) -> tuple[float, float, Findings, int]:
    listing = work / "urls.json"
    listing.write_text(json.dumps({"format": "kaikille-urls/1", "created_at": "", "skipped": [],
                                   "sites": [{"site": site, "urls": [{"url": u, "depth": 0, "found_on": None} for u in urls]}]}))
    out = work / f"kaikille-{concurrency}"
    wall, rss, proc = measure([sys.executable, "-m", "audit", "audit", "--urls-from", str(listing), "--axe-script", str(axe),
                               "--best-practice", "--concurrency", str(concurrency), "--per-host", str(concurrency),
                               "--no-history", "--format", "json", "--out", str(out), "--quiet", "--fail-on", "none"])
    if proc.returncode != 0:
        raise SystemExit(f"kaikille failed: {proc.stderr[-2000:]}")
    data = json.loads((out / "results.json").read_text())
    findings = {p["url"]: {f["rule_id"]: len(f["nodes"]) for f in p["findings"] if f["outcome"] == "violation"}
                for p in data["pages"] if p["error"] is None}
    return wall, rss, findings, len(urls) - len(findings)


def run_floor(urls: list[str], axe: Path, work: Path, concurrency: int) -> tuple[float, float, Findings, int]:
    listing = work / "urls.txt"
    listing.write_text("\n".join(urls))
    wall, rss, proc = measure([sys.executable, str(HERE / "floor.py"), str(listing), str(axe), "--concurrency", str(concurrency), "--tags", TAGS])
    if proc.returncode != 0:
        raise SystemExit(f"floor failed: {proc.stderr[-2000:]}")
    findings = json.loads(proc.stdout)
    return wall, rss, findings, len(urls) - len(findings)


def chrome_args() -> list[str]:
    return ["--no-sandbox", *QUIET_ARGS]


def run_pa11y(urls: list[str], work: Path, concurrency: int, incognito: bool) -> tuple[float, float, Findings, int]:
    config = work / f"pa11y-{concurrency}-{incognito}.json"
    config.write_text(json.dumps({
        "defaults": {
            "runners": ["axe"], "standard": "WCAG2AA", "concurrency": concurrency, "timeout": 60000,
            "useIncognitoBrowserContext": incognito,
            "chromeLaunchConfig": {"executablePath": find_chromium()[0], "args": chrome_args()},
        },
        "urls": urls,
    }))
    wall, rss, proc = measure([str(NODE / ".bin" / "pa11y-ci"), "--config", str(config), "--json"],
                              stdout_path=work / f"pa11y-{concurrency}-{incognito}.out.json")
    data = json.loads(proc.stdout)
    findings: Findings = {}
    failed = 0
    for url, issues in data["results"].items():
        if any("code" not in issue for issue in issues):
            failed += 1
            continue
        counts: dict[str, int] = {}
        for issue in issues:
            if issue.get("type") == "error":
                counts[issue["code"]] = counts.get(issue["code"], 0) + 1
        findings[url] = counts
    return wall, rss, findings, failed


def run_axe_cli(urls: list[str], axe: Path, work: Path) -> tuple[float, float, Findings, int]:
    out = work / "axe-cli"
    out.mkdir(exist_ok=True)
    options = ",".join(a.removeprefix("--") for a in chrome_args()) + ",headless"
    wall, rss, proc = measure([str(NODE / ".bin" / "axe"), *urls, "--tags", TAGS, "--axe-source", str(axe),
                               "--chrome-path", find_chromium()[0], "--chromedriver-path", "/usr/bin/chromedriver",
                               "--chrome-options", options, "--save", "axe.json", "--dir", str(out), "--load-delay", "0"])
    saved = out / "axe.json"
    data = json.loads(saved.read_text()) if saved.exists() else []
    findings = {r["url"]: {v["id"]: len(v["nodes"]) for v in r["violations"]} for r in data}
    return wall, rss, findings, len(urls) - len(findings)


def agreement(reference: Findings, other: Findings) -> tuple[int, int]:
    same = sum(1 for url, rules in reference.items() if other.get(url) == rules)
    return same, len(reference)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=220)
    parser.add_argument("--memory-pages", type=int, default=1000, help="the larger crawl for the flat-memory check")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--pa11y-concurrency", default="1,2,4")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args()
    axe = NODE / "pa11y" / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        raise SystemExit("run bash bench/setup.sh first")
    rows: list[tuple[str, float, float, int, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = generate(work / "site", max(args.pages, args.memory_pages))
        with serve(work / "site") as base:
            urls = [base.rstrip("/") + p for p in paths[: args.pages]]
            wall, rss, reference, lost = run_kaikille(urls, base, axe, work, args.concurrency)
            rows.append((f"kaikille (concurrency {args.concurrency})", wall, rss, lost, "reference"))
            for conc in (args.concurrency, args.concurrency * 2):
                wall, rss, found, lost = run_floor(urls, axe, work, conc)
                same, total = agreement(reference, found)
                rows.append((f"floor: load + axe only (concurrency {conc})", wall, rss, lost, f"{same}/{total}"))
            if not args.skip_peers:
                for conc in (int(c) for c in args.pa11y_concurrency.split(",")):
                    for incognito in (True, False):
                        wall, rss, found, lost = run_pa11y(urls, work, conc, incognito)
                        same, total = agreement(reference, found)
                        rows.append((f"pa11y-ci axe (concurrency {conc}, incognito {'on' if incognito else 'off'})", wall, rss, lost, f"{same}/{total}"))
                wall, rss, found, lost = run_axe_cli(urls, axe, work)
                same, total = agreement(reference, found)
                rows.append(("@axe-core/cli (sequential)", wall, rss, lost, f"{same}/{total}"))
            big = [base.rstrip("/") + p for p in paths[: args.memory_pages]]
            wall_big, rss_big, _, lost_big = run_kaikille(big, base, axe, work, args.concurrency)
            rss_small = rows[0][2]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {find_chromium()[0]}.",
        f"Pages: {args.pages} generated pages (bench/sitegen.py) on 127.0.0.1; axe-core 4.11.4; tags {TAGS}.",
        "",
        "| tool | wall time (s) | pages/min | peak RSS (MB) | pages lost | findings equal to kaikille's |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, wall, rss, lost, agree in rows:
        lines.append(f"| {name} | {wall:.1f} | {60 * (args.pages - lost) / wall:.0f} | {rss:.0f} | {lost} | {agree} |")
    lines += ["", f"Memory: kaikille on {args.memory_pages} pages peaked at {rss_big:.0f} MB "
              f"({wall_big:.0f} s, {lost_big} lost) against {rss_small:.0f} MB on {args.pages} pages "
              f"({100 * (rss_big / rss_small - 1):+.0f}%)."]
    print("\n".join(lines))
    if args.write_results:
        (HERE / "RESULTS.md").write_text(
            "# Benchmark results\n\nCommand: `bash bench/setup.sh && .venv/bin/python bench/compare.py "
            f"--pages {args.pages} --write-results`\n\n" + "\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
