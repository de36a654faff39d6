"""`kaikille merge` without a browser: shards of a recorded run merge back into that run, with the
same gate; shards that do not belong together are refused; results files are checked on read."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from audit.cli import main
from conftest import kaikille
from audit.config import AuditConfig
from audit.jobs import merge
from audit.model import SCHEMA_VERSION, AuditReport, read_report, upgrade
from audit.urllist import in_shard
from kaikille.errors import UsageError

RECORDED = Path(__file__).parent / "golden" / "input-results.json"  # a version-1 file: read through the migration


def shards(tmp_path: Path, count: int = 2) -> list[Path]:
    data = upgrade(json.loads(RECORDED.read_text("utf-8")))
    paths = []
    for i in range(1, count + 1):
        part = copy.deepcopy(data)
        part["pages"] = [p for p in data["pages"] if in_shard(p["url"], (i, count))]
        part["skipped"] = [s for s in data["skipped"] if in_shard(s["url"], (i, count))]
        part["meta"]["config"]["shard"] = f"{i}/{count}"
        path = tmp_path / f"shard-{i}.json"
        path.write_text(json.dumps(part), "utf-8")
        paths.append(path)
    return paths


def test_shards_merge_into_the_run_they_came_from(tmp_path):
    whole = read_report(RECORDED)
    config = AuditConfig(out=str(tmp_path / "merged"), no_history=True)
    outcome = merge([str(p) for p in shards(tmp_path, 3)], config)
    canonical = sorted(whole.pages, key=lambda p: (p.depth, p.url))  # shards list pages by depth, then URL
    assert outcome.report.pages == tuple(canonical)
    assert sorted(s.url for s in outcome.report.skipped) == sorted(s.url for s in whole.skipped)
    assert outcome.report.meta.engines == whole.meta.engines and outcome.report.meta.config["shard"] is None
    assert len(outcome.gate.failing) == len([i for i in whole.issues() if i.finding.impact in ("serious", "critical")])
    written = json.loads((tmp_path / "merged" / "results.json").read_text("utf-8"))
    assert written["schema_version"] == SCHEMA_VERSION


def test_merge_reads_the_config_file_and_records_history(tmp_path, monkeypatch, capsys):
    paths = shards(tmp_path)
    (tmp_path / "kaikille.toml").write_text('[audit]\nfail-on = "none"\nout = "from-config"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["merge", *map(str, paths)]) == 0  # fail-on = "none" from the config file
    assert (tmp_path / "from-config" / "results.json").is_file()
    assert (tmp_path / "from-config" / "history.sqlite").is_file()
    assert main(["merge", *map(str, paths), "--fail-on", "serious", "--no-history", "--out", "flags"]) == 1
    assert "FAILED" in capsys.readouterr().out


def test_overlapping_results_are_refused(tmp_path):
    first, _ = shards(tmp_path)
    with pytest.raises(UsageError, match="shard 1/2 is given more than once"):
        merge([str(first), str(first)], AuditConfig(out=str(tmp_path / "m"), no_history=True))
    plain = tmp_path / "plain.json"
    plain.write_text(RECORDED.read_text("utf-8"), "utf-8")
    with pytest.raises(UsageError, match="must not overlap"):
        merge([str(plain), str(plain)], AuditConfig(out=str(tmp_path / "m"), no_history=True))


def test_a_missing_shard_is_refused(tmp_path):
    """Two of three shards used to merge with exit 0: a third of the site silently unaudited."""
    one, two, _ = shards(tmp_path, 3)
    result = kaikille("merge", one, two, "--out", tmp_path / "m", "--no-history")
    assert result.returncode == 2 and "shard 3/3 is missing" in result.stderr


@pytest.mark.parametrize("change, message", [
    (lambda d: d["meta"]["config"].update(url_list="0123456789abcdef"), "a shard of another URL list"),
    (lambda d: d["meta"].update(browser="Chromium 99.0"), "shards of one run use the same browser"),
])
def test_shards_of_another_list_or_browser_are_refused(tmp_path, change, message):
    first, second = shards(tmp_path)
    data = json.loads(second.read_text("utf-8"))
    change(data)
    second.write_text(json.dumps(data), "utf-8")
    result = kaikille("merge", first, second, "--out", tmp_path / "m", "--no-history")
    assert result.returncode == 2 and message in result.stderr


@pytest.mark.parametrize("change, message", [
    (lambda d: d["meta"]["engines"][0].update(version="4.0.0"), "not a shard of the same run"),
    (lambda d: d["meta"]["config"].update(max_pages=7), "not a shard of the same run"),
])
def test_shards_of_another_run_are_refused(tmp_path, change, message):
    first, second = shards(tmp_path)
    data = json.loads(second.read_text("utf-8"))
    change(data)
    second.write_text(json.dumps(data), "utf-8")
    with pytest.raises(UsageError, match=message):
        merge([str(first), str(second)], AuditConfig(out=str(tmp_path / "m"), no_history=True))


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d["pages"][2]["findings"][0]["nodes"][0].update(html=5), "pages[2].findings[0].nodes[0].html"),
    (lambda d: d["pages"][2]["findings"][0]["criteria"][0].update(sc="1.x.1"), "pages[2].findings[0].criteria[0].sc"),
    (lambda d: d["pages"][0].update(url=7), "pages[0].url"),
    (lambda d: d["meta"].update(finished_at=None), "meta.finished_at"),
    (lambda d: d.update(schema_version="9.0"), "schema_version"),
])
def test_a_results_file_that_breaks_the_schema_names_the_place(tmp_path, break_it, where, capsys):
    data = json.loads(RECORDED.read_text("utf-8"))
    assert data["pages"][2]["findings"], "the recorded run's third page has findings"
    break_it(data)
    bad = tmp_path / "results.json"
    bad.write_text(json.dumps(data), "utf-8")
    for argv in (["merge", str(bad), "--out", str(tmp_path / "m")], ["baseline", str(bad), "-o", str(tmp_path / "b.json")]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert where in err and str(bad) in err and "Traceback" not in err


def test_a_version_1_file_reads_as_version_2():
    report = read_report(RECORDED)
    assert isinstance(report, AuditReport) and report.meta.axe_version == "4.12.1"
    assert {f.engine for p in report.pages for f in p.findings} == {"axe-core"}
    again = AuditReport.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report
