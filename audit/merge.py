"""`kaikille merge`: the results files of sharded runs -> one results file, as one run would give."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kaikille.errors import UsageError
from kaikille.files import write_atomic
from audit.journal import NOT_IN_KEY
from audit.model import AuditReport, Node, RunMeta, joined_engine, read_report
from audit.screenshots import PATH_PATTERN
from audit.urllist import parse_shard


def merge_reports(paths: list[str], out: str | None = None) -> AuditReport:
    if not paths:
        raise UsageError("merge needs at least one results file")
    reports = [read_report(p) for p in paths]
    first = reports[0]
    base_config = {k: v for k, v in first.meta.config.items() if k != "shard"}

    def what_counts(config: dict) -> dict:  # the settings that decide which pages were audited and how
        return {k: v for k, v in config.items() if k not in NOT_IN_KEY}

    _check_shards(paths, reports)
    for path, report in zip(paths, reports, strict=True):
        if versions(report) != versions(first) or what_counts(report.meta.config) != what_counts(first.meta.config):
            raise UsageError(f"{path}: not a shard of the same run as {paths[0]} (other settings, sites, or engine versions)")
    seen: dict[str, str] = {}
    for path, report in zip(paths, reports, strict=True):
        for page in report.pages:
            if page.url in seen:
                raise UsageError(f"{path}: {page.url} is also in {seen[page.url]}: shards must not overlap")
            seen[page.url] = path
    site_order = {site: i for i, site in enumerate(base_config.get("sites", []))}
    if out:
        reports = [_move_pictures(report, Path(path).parent, Path(out)) for path, report in zip(paths, reports, strict=True)]
    pages = sorted((p for r in reports for p in r.pages),
                   key=lambda p: (p.journey is not None, site_order.get(p.site, len(site_order)), p.depth, p.url))
    skipped = sorted((s for r in reports for s in r.skipped), key=lambda s: (site_order.get(s.site, len(site_order)), s.url))
    meta: RunMeta = replace(
        first.meta,
        engines=tuple(joined_engine(e, [o for r in reports for o in r.meta.engines if o.name == e.name]) for e in first.meta.engines),
        started_at=min(r.meta.started_at for r in reports),
        finished_at=max(r.meta.finished_at for r in reports),
        config={**base_config, "shard": None, **({"out": out} if out else {})},
    )
    return AuditReport(meta=meta, pages=tuple(pages), skipped=tuple(skipped))


def _check_shards(paths: list[str], reports: list[AuditReport]) -> None:
    """Shards of one list, one browser, and all of them: else the merge would not be the run."""
    first = reports[0].meta
    for path, report in zip(paths, reports, strict=True):
        meta = report.meta
        if meta.browser != first.browser:
            raise UsageError(f"{path}: audited with {meta.browser}, {paths[0]} with {first.browser}: "
                             "shards of one run use the same browser")
        if meta.config.get("url_list") != first.config.get("url_list"):
            raise UsageError(f"{path}: a shard of another URL list than {paths[0]} (run `kaikille discover` once "
                             "and give every shard the same list)")
    shards = [r.meta.config.get("shard") for r in reports]
    if not any(shards):
        return
    if not all(shards):
        raise UsageError("some results are shards and some are not: merge the shards of one run only")
    parsed = [parse_shard(str(s)) for s in shards]
    counts = {n for _, n in parsed}
    if len(counts) != 1:
        raise UsageError(f"the shards were split in different ways ({', '.join(sorted(map(str, shards)))})")
    (count,) = counts
    have = sorted(i for i, _ in parsed)
    if len(set(have)) != len(have):
        twice = sorted({i for i in have if have.count(i) > 1})
        raise UsageError(f"shard {twice[0]}/{count} is given more than once")
    missing = [i for i in range(1, count + 1) if i not in have]
    if missing:
        raise UsageError(f"shard {', '.join(f'{i}/{count}' for i in missing)} is missing: merge all {count} shards")


def versions(report: AuditReport) -> list[tuple[str, str, str]]:
    """Which engines ran, at which versions (what a shard tested may differ: an empty shard tested nothing)."""
    return [(e.name, e.version, e.kind) for e in report.meta.engines]


def _move_pictures(report: AuditReport, shard_dir: Path, out: Path) -> AuditReport:
    """A shard's pictures copied beside the merged report; a reference to a picture that is not
    there (or not one of ours) is dropped."""
    def moved(node: Node) -> Node:
        if node.screenshot is None:
            return node
        source = shard_dir / node.screenshot
        if not PATH_PATTERN.match(node.screenshot) or not source.is_file():
            return replace(node, screenshot=None)
        target = out / node.screenshot
        if source.resolve() != target.resolve():
            write_atomic(target, source.read_bytes(), fsync=False)
        return node

    return replace(report, pages=tuple(replace(p, findings=tuple(replace(f, nodes=tuple(moved(n) for n in f.nodes))
                                                                   for f in p.findings)) for p in report.pages))
