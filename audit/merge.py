"""`kaikille merge`: the results files of sharded runs -> one results file, as one run would give."""

from __future__ import annotations

from dataclasses import replace

from kaikille.errors import UsageError
from audit.journal import NOT_IN_KEY
from audit.model import AuditReport, RunMeta, read_report


def merge_reports(paths: list[str], out: str | None = None) -> AuditReport:
    if not paths:
        raise UsageError("merge needs at least one results file")
    reports = [read_report(p) for p in paths]
    first = reports[0]
    base_config = {k: v for k, v in first.meta.config.items() if k != "shard"}

    def what_counts(config: dict) -> dict:  # the settings that decide which pages were audited and how
        return {k: v for k, v in config.items() if k not in NOT_IN_KEY}

    for path, report in zip(paths, reports, strict=True):
        if report.meta.engines != first.meta.engines or what_counts(report.meta.config) != what_counts(first.meta.config):
            raise UsageError(f"{path}: not a shard of the same run as {paths[0]} (other settings, sites, or engine versions)")
    seen: dict[str, str] = {}
    for path, report in zip(paths, reports, strict=True):
        for page in report.pages:
            if page.url in seen:
                raise UsageError(f"{path}: {page.url} is also in {seen[page.url]}: shards must not overlap")
            seen[page.url] = path
    site_order = {site: i for i, site in enumerate(base_config.get("sites", []))}
    pages = sorted((p for r in reports for p in r.pages), key=lambda p: (site_order.get(p.site, len(site_order)), p.depth, p.url))
    skipped = sorted((s for r in reports for s in r.skipped), key=lambda s: (site_order.get(s.site, len(site_order)), s.url))
    meta: RunMeta = replace(
        first.meta,
        started_at=min(r.meta.started_at for r in reports),
        finished_at=max(r.meta.finished_at for r in reports),
        config={**base_config, "shard": None, **({"out": out} if out else {})},
    )
    return AuditReport(meta=meta, pages=tuple(pages), skipped=tuple(skipped))
