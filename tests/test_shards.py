"""Discover once, audit in shards, merge: the same result as one unsharded run."""

from __future__ import annotations

import json

import pytest

from conftest import kaikille

from audit.urllist import in_shard, parse_shard
from kaikille.errors import UsageError

pytestmark = pytest.mark.browser




def comparable(path) -> dict:
    """A results file without what depends on the process: timings, and which page's element of a
    group is pictured (each shard pictures the first page it sees); every picture named must exist."""
    data = json.loads(path.read_text("utf-8"))
    data.pop("meta")
    for page in data["pages"]:
        page.pop("duration_ms")
        page.pop("started_at")
        for finding in page["findings"]:
            for node in finding["nodes"]:
                if node.get("screenshot"):
                    assert (path.parent / node["screenshot"]).is_file(), node["screenshot"]
                node.pop("screenshot", None)
    for group in data["groups"]:
        assert group["screenshot"] is None or (path.parent / group["screenshot"]).is_file()
        group.pop("screenshot", None)
    return data


def test_shard_split_is_stable_and_complete():
    urls = [f"https://www.hel.fi/fi/page-{i}" for i in range(200)]
    shares = [[u for u in urls if in_shard(u, (i, 3))] for i in (1, 2, 3)]
    assert sorted(sum(shares, [])) == sorted(urls) and all(shares)
    assert shares == [[u for u in urls if in_shard(u, (i, 3))] for i in (1, 2, 3)]  # same answer every time
    for bad in ("0/3", "4/3", "two/3", "3"):
        with pytest.raises(UsageError):
            parse_shard(bad)


def test_discover_shard_merge_equals_one_run(site_url, site_run, chromium, tmp_path):
    listing = tmp_path / "urls.json"
    found = kaikille("discover", site_url, "--max-depth", "3", "-o", str(listing))
    assert found.returncode == 0, found.stderr
    listed = {u["url"] for u in json.loads(listing.read_text())["sites"][0]["urls"]}
    crawled = {p.url for p in site_run.report.pages}
    # plain HTTP finds what the browser crawl audits, plus the redirect the audit then skips
    assert listed == crawled | {site_url + "offsite-redirect", site_url + "download"}

    common = ["--urls-from", str(listing), "--browser-path", chromium, "--quiet"]
    whole = kaikille("audit", *common, "--out", str(tmp_path / "whole"))
    one = kaikille("audit", *common, "--shard", "1/2", "--out", str(tmp_path / "s1"))
    two = kaikille("audit", *common, "--shard", "2/2", "--out", str(tmp_path / "s2"))
    assert {whole.returncode, one.returncode, two.returncode} <= {0, 1}, whole.stderr + one.stderr + two.stderr
    pages = [json.loads((tmp_path / d / "results.json").read_text())["pages"] for d in ("s1", "s2")]
    assert pages[0] and pages[1] and not {p["url"] for p in pages[0]} & {p["url"] for p in pages[1]}

    merged = kaikille("merge", str(tmp_path / "s1" / "results.json"), str(tmp_path / "s2" / "results.json"),
                      "--out", str(tmp_path / "merged"))
    assert merged.returncode == whole.returncode == 1  # the same gate verdict
    assert comparable(tmp_path / "merged" / "results.json") == comparable(tmp_path / "whole" / "results.json")
    whole_pages = {p["url"] for p in json.loads((tmp_path / "whole" / "results.json").read_text())["pages"]}
    assert whole_pages == crawled

    overlap = kaikille("merge", str(tmp_path / "s1" / "results.json"), str(tmp_path / "s1" / "results.json"),
                       "--out", str(tmp_path / "bad"))
    assert overlap.returncode == 2 and "shard 1/2 is given more than once" in overlap.stderr


def test_shard_without_a_url_list_is_a_usage_error(tmp_path):
    result = kaikille("audit", "https://www.hel.fi/", "--shard", "1/2", "--out", str(tmp_path))
    assert result.returncode == 2 and "--shard needs --urls-from" in result.stderr


def test_a_redirect_across_shards_merges_to_the_unsharded_run(tmp_path, chromium):
    """`/` redirects to `/p0.html`; with the two in different shards, the merged run used to audit `/`
    as well (one page more than the unsharded run)."""
    from kaikille.loopback import serve
    from test_resume import make_site

    site = tmp_path / "site"
    make_site(site, delay=0)
    with serve(site) as base:
        urls = [base, base + "p0.html", base + "p1.html", base + "p2.html"]
        def shard_of(url: str, n: int) -> int:
            return next(i for i in range(1, n + 1) if in_shard(url, (i, n)))

        # the fewest shards that put the two in different shards (the port decides; some count always does)
        count = next(n for n in range(2, 17) if shard_of(urls[0], n) != shard_of(urls[1], n))
        listing = tmp_path / "urls.json"
        listing.write_text(json.dumps({"format": "kaikille-urls/1", "created_at": "2026-01-15T09:30:00Z", "skipped": [],
                                       "sites": [{"site": base, "urls": [{"url": u, "depth": 1, "found_on": None} for u in urls]}]}))
        common = ["--urls-from", listing, "--browser-path", chromium, "--quiet", "--no-history"]
        whole = kaikille("audit", *common, "--out", tmp_path / "whole")
        outs = []
        for i in range(1, count + 1):
            out = tmp_path / f"s{i}"
            assert kaikille("audit", *common, "--shard", f"{i}/{count}", "--out", out).returncode in (0, 1)
            outs.append(out / "results.json")
        merged = kaikille("merge", *outs, "--out", tmp_path / "merged", "--no-history")
    assert merged.returncode == whole.returncode, merged.stderr
    assert comparable(tmp_path / "merged" / "results.json") == comparable(tmp_path / "whole" / "results.json")
    skipped = json.loads((tmp_path / "whole" / "results.json").read_text())["skipped"]
    assert [(s["url"], s["reason"]) for s in skipped] == [(base, "redirects to a page already in this crawl: " + base + "p0.html")]
