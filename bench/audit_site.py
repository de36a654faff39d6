"""Time one audit of a local site: pages, wall time, pages per minute, findings.

    .venv/bin/python bench/audit_site.py [FOLDER] [--concurrency N]

FOLDER defaults to the tests' fixture website; it is served on 127.0.0.1 with a free port.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from audit.config import AuditConfig
from kaikille.loopback import serve
from audit.jobs import audit

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "tests" / "site"))
    parser.add_argument("--concurrency", type=int, default=AuditConfig().concurrency)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with serve(args.folder) as base, tempfile.TemporaryDirectory() as out:
        for run in range(1, args.repeat + 1):
            config = AuditConfig(urls=(base,), out=out, concurrency=args.concurrency, per_host=args.concurrency)
            t0 = time.perf_counter()
            outcome = audit(config)
            wall = time.perf_counter() - t0
            totals = outcome.report.totals()
            print(
                f"run {run}: {totals['pages']} pages ({totals['pages_audited']} audited, {totals['skipped']} skipped) "
                f"in {wall:.2f} s = {60 * totals['pages'] / wall:.0f} pages/min; "
                f"{totals['violations']} violating elements in {totals['groups']} groups, {totals['needs_review']} to review "
                f"(concurrency {args.concurrency})"
            )


if __name__ == "__main__":
    main()
