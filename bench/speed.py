"""Speed against the floor (issue 13), side by side in one run, on two generated sites: the plain
bench site and its variant with a stylesheet, a font, photos and an iframe on every page
(bench/sitegen.py). The same URL list for every run (no crawl), the same axe-core, the same tags;
rounds alternate the runs so a noisy shared machine hurts each alike. Findings are compared page by
page (axe's violations: rule -> failing elements).

    .venv/bin/python bench/speed.py --pages 200 --rounds 2 [--write-results]

Runs: the floor (bench/floor.py: load, inject axe into every frame, axe.run; N pages at a time) at
concurrency 2 and 4; kaikille with axe only (--no-checks, JSON only) at concurrency 2 and 4 and at
its default; kaikille as users run it (default checks, every report, pictures).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from compare import measure  # noqa: E402
from sitegen import generate  # noqa: E402

from audit.config import AuditConfig  # noqa: E402
from audit.engines.axe import bundled_axe_path  # noqa: E402
from kaikille.loopback import serve  # noqa: E402

HERE = Path(__file__).parent
TAGS = "wcag2a,wcag21a,wcag2aa,wcag21aa"  # kaikille's wcag21aa standard
Findings = dict[str, dict[str, int]]


def url_list(work: Path, site: str, urls: list[str]) -> Path:
    listing = work / "urls.json"
    listing.write_text(json.dumps({"format": "kaikille-urls/1", "created_at": "", "skipped": [],
                                   "sites": [{"site": site, "urls": [{"url": u, "depth": 0, "found_on": None} for u in urls]}]}))
    return listing


def run_kaikille(listing: Path, out: Path, extra: list[str]) -> tuple[float, float, Findings]:
    wall, rss, proc = measure([sys.executable, "-m", "audit", "audit", "--urls-from", str(listing), "--no-history",
                               "--out", str(out), "--quiet", "--fail-on", "none", *extra])
    if proc.returncode != 0:
        raise SystemExit(f"kaikille failed: {proc.stderr[-2000:]}")
    data = json.loads((out / "results.json").read_text())
    found = {p["url"]: {} for p in data["pages"] if p["error"] is None}
    for page in data["pages"]:
        for f in page["findings"]:
            if f["outcome"] == "violation" and f["engine"] == "axe-core" and page["error"] is None:
                found[page["url"]][f["rule_id"]] = len(f["nodes"])
    return wall, rss, found


def run_floor(urls: list[str], work: Path, concurrency: int) -> tuple[float, float, Findings]:
    listing = work / "urls.txt"
    listing.write_text("\n".join(urls))
    wall, rss, proc = measure([sys.executable, str(HERE / "floor.py"), str(listing), str(bundled_axe_path()),
                               "--concurrency", str(concurrency), "--tags", TAGS])
    if proc.returncode != 0:
        raise SystemExit(f"floor failed: {proc.stderr[-2000:]}")
    return wall, rss, json.loads(proc.stdout)


def same_pages(reference: Findings, other: Findings) -> int:
    return sum(1 for url, rules in reference.items() if other.get(url) == rules)


def scale(wall: float, pages: int, cores: int, heavier: float) -> list[str]:
    """On paper, from the measured CPU cost of a page as users run kaikille (the frames site, every
    check and report): machines and hours for the City's sites and for a national sample."""
    per_page = cores * wall / pages * heavier  # core-seconds a real page costs (assumed heavier)
    lines = ["### Scale, on paper", "",
             f"Measured: kaikille as users run it took {wall:.1f} s for {pages} pages of the frames site on {cores} cores: "
             f"{cores * wall / pages:.2f} core-seconds a page. Assumed: a real city page costs {heavier:g} times that "
             f"({per_page:.1f} core-seconds; measure your own with `bench/audit_site.py` on a sample and scale). "
             "A shard is one CI runner or pod with 2 cores; each adds about 3 minutes of set-up (install, Chromium).", "",
             "| job | pages | core-hours | 2-core shards for about 1 hour | wall time with 20 shards | wall time with 50 shards |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, total in (("the City's sites (about 200 sites)", 50_000), ("a national sample (1,000 sites of 100 pages)", 100_000)):
        core_hours = total * per_page / 3600
        per_shard_hour = 2 * 3600 / per_page  # pages one 2-core shard audits in an hour
        shards = -(-total // int(per_shard_hour))
        minutes = [total / n / per_shard_hour * 60 + 3 for n in (20, 50)]
        lines.append(f"| {name} | {total:,} | {core_hours:.0f} | {shards} | {minutes[0]:.0f} min | {minutes[1]:.0f} min |")
    lines += ["", "Run them as the sharded audit (`kaikille discover`, then `audit --urls-from --shard I/N`, then "
              "`merge`): a GitHub Actions matrix, or the Kubernetes Indexed Job in `deploy/kubernetes/` (one pod per "
              "shard, 2 CPUs requested and 2 GB of memory, retried per index)."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--heavier", type=float, default=4.0,
                        help="how many times a real city page costs a generated one, for the scale table (an assumption)")
    parser.add_argument("--write-results", action="store_true", help="write the section of bench/RESULTS.md")
    args = parser.parse_args()
    default = AuditConfig().concurrency
    runs = [
        ("floor, 2 pages at a time", "floor", 2, []),
        ("floor, 4 pages at a time", "floor", 4, []),
        ("kaikille, axe only, concurrency 2", "kaikille", 2, ["--no-checks", "--format", "json", "--concurrency", "2", "--per-host", "2"]),
        ("kaikille, axe only, concurrency 4", "kaikille", 4, ["--no-checks", "--format", "json", "--concurrency", "4", "--per-host", "4"]),
        (f"kaikille, axe only, default concurrency ({default})", "kaikille", default, ["--no-checks", "--format", "json"]),
        ("kaikille as users run it (checks, all reports, pictures)", "kaikille", default, []),
    ]
    results: dict[tuple[str, str], list[tuple[float, float, Findings]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sites = {"plain": generate(work / "plain", args.pages), "frames": generate(work / "frames", args.pages, frames=True)}
        for name, paths in sites.items():
            with serve(work / name) as base:
                urls = [base.rstrip("/") + p for p in paths]
                listing = url_list(work, base, urls)
                for round_ in range(args.rounds):
                    order = runs if round_ % 2 == 0 else list(reversed(runs))
                    for label, kind, conc, extra in order:
                        if kind == "floor":
                            measured = run_floor(urls, work, conc)
                        else:
                            measured = run_kaikille(listing, work / f"out-{name}-{round_}-{runs.index((label, kind, conc, extra))}", extra)
                        results.setdefault((name, label), []).append(measured)
                        print(f"{name}: {label}: {measured[0]:.1f} s", file=sys.stderr, flush=True)
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
             f"{args.pages} pages per site, {args.rounds} rounds (order alternated), axe-core bundled with kaikille, tags {TAGS}.", ""]
    for name in ("plain", "frames"):
        floor_best = min(statistics.median(w for w, _, _ in results[(name, label)]) for label, kind, _, _ in runs if kind == "floor")
        reference = results[(name, runs[1][0])][0][2]
        lines += [f"Site: **{name}** ({'the bench site' if name == 'plain' else 'with a stylesheet, a font, four photos and an iframe per page'})", "",
                  "| run | wall time, median (s) | rounds (s) | pages/min | vs the floor's best | peak RSS (MB) | pages with the floor's findings |",
                  "| --- | ---: | --- | ---: | ---: | ---: | --- |"]
        for label, kind, _, _ in runs:
            measured = results[(name, label)]
            wall = statistics.median(w for w, _, _ in measured)
            rss = max(r for _, r, _ in measured)
            agree = min(same_pages(reference, f) for _, _, f in measured)
            lines.append(f"| {label} | {wall:.1f} | {', '.join(f'{w:.1f}' for w, _, _ in measured)} | {60 * args.pages / wall:.0f} | "
                         f"{wall / floor_best:.2f}x | {rss:.0f} | {agree}/{len(reference)} |")
        lines.append("")
    users = statistics.median(w for w, _, _ in results[("frames", runs[-1][0])])
    lines += scale(users, args.pages, os.cpu_count() or 1, args.heavier)
    text = "\n".join(lines)
    print(text)
    if args.write_results:
        from results import write_section

        write_section("speed", "## Speed against the floor (issue 13)\n\nCommand: `.venv/bin/python bench/speed.py "
                      f"--pages {args.pages} --rounds {args.rounds} --write-results`.\n\n" + text)


if __name__ == "__main__":
    main()
