"""Never lose a result: a real run killed with SIGKILL resumes to the same reports without
loading finished pages again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audit.journal import JOURNAL_NAME
from conftest import kaikille
from kaikille.loopback import serve

pytestmark = pytest.mark.browser
PAGES = 24


def make_site(folder: Path, delay: float = 0.4) -> None:
    """A chain of slow pages (each takes ``delay`` s to answer), some with a violation; `/` redirects to the first."""
    routes = {}
    for i in range(PAGES):
        links = "".join(f'<a href="/p{j}.html">Page {j}</a> ' for j in (i + 1, i + 2) if j < PAGES)
        image = '<img src="/x.svg">' if i % 3 == 0 else ""
        body = (f'<!DOCTYPE html><html lang="en"><head><title>Page {i}</title></head>'
                f"<body><main><h1>Page {i}</h1><p>{links}</p>{image}</main></body></html>")
        routes[f"/p{i}.html"] = {"status": 200, "headers": {"Content-Type": "text/html"}, "body": body, "delay": delay}
    routes["/"] = {"status": 302, "headers": {"Location": "/p0.html"}}
    folder.mkdir()
    (folder / "_routes.json").write_text(json.dumps(routes), "utf-8")
    (folder / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "utf-8")


def audit_cmd(base: str, out: Path, chromium: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "audit", "audit", base + "p0.html", "--max-depth", "30", "--out", str(out),
            "--concurrency", "2", "--browser-path", chromium, "--no-sitemaps", "--quiet", *extra]


def comparable(results: Path) -> dict:
    """Without what depends on the process: timings, and which page of a fix group is pictured."""
    data = json.loads(results.read_text("utf-8"))
    for page in data["pages"]:
        page.pop("duration_ms")
        page.pop("started_at")
        for finding in page["findings"]:
            for node in finding["nodes"]:
                node.pop("screenshot", None)
    for group in data["groups"]:
        group.pop("screenshot", None)
    data.pop("meta")
    return data


def test_a_killed_run_resumes_to_identical_reports(tmp_path, chromium):
    site = tmp_path / "site"
    make_site(site)
    requests: list[str] = []
    with serve(site, requests) as base:
        whole = subprocess.run(audit_cmd(base, tmp_path / "whole", chromium), capture_output=True, text=True, timeout=300)
        assert whole.returncode == 1, whole.stderr
        assert not (tmp_path / "whole" / JOURNAL_NAME).exists()  # removed once the reports are written

        out = tmp_path / "killed"
        proc = subprocess.Popen(audit_cmd(base, out, chromium), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        journal = out / JOURNAL_NAME
        deadline = time.monotonic() + 120
        while not (journal.exists() and len(journal.read_text().splitlines()) > 8):
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be killed"
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # the audit and its Chromium, mid-run, no chance to clean up
        proc.wait()
        finished = [json.loads(line)["page"]["url"] for line in journal.read_text().splitlines()[1:] if line.strip().endswith("}")]
        assert 8 <= len(finished) < PAGES and not (out / "results.json").exists()

        requests.clear()
        resumed = subprocess.run(audit_cmd(base, out, chromium, "--resume"), capture_output=True, text=True, timeout=300)
        assert resumed.returncode == 1, resumed.stderr
        assert f"Resumed: {len(finished)} URL(s)" in resumed.stdout
    again = {path.split("?")[0] for path in requests if path.endswith(".html")}
    assert not again & {url.removeprefix(base.rstrip("/")) for url in finished}, "finished pages were loaded again"
    assert comparable(out / "results.json") == comparable(tmp_path / "whole" / "results.json")
    assert len(json.loads((out / "results.json").read_text())["pages"]) == PAGES


def test_a_journal_from_other_settings_is_refused(tmp_path, chromium):
    out = tmp_path / "out"
    out.mkdir()
    (out / JOURNAL_NAME).write_text('{"format": "kaikille-journal/1", "key": "0000", "started_at": "x"}\n')
    result = kaikille("audit", "http://127.0.0.1:9/", "--out", out, "--resume", "--browser-path", chromium)
    assert result.returncode == 2 and "other sites or settings" in result.stderr


def test_a_journal_torn_mid_line_resumes_twice_to_its_end(tmp_path):
    """A power cut or a full disk leaves half a line; the next entry must not be glued onto it."""
    from audit.journal import Journal
    from audit.model import PageResult

    def page(i: int) -> PageResult:
        return PageResult(url=f"https://www.example.fi/p{i}", site="https://www.example.fi/", depth=1, title=f"Sivu {i} \ud800")

    first = Journal(tmp_path, "key", "2026-01-15T09:30:00Z", resume=False)
    for i in range(3):
        first.record(page(i), [f"https://www.example.fi/p{i + 1}"])
    first.close()
    journal = tmp_path / JOURNAL_NAME
    whole = journal.read_bytes()
    journal.write_bytes(whole[: len(whole) - 25])  # the third entry is torn
    second = Journal(tmp_path, "key", "x", resume=True)
    assert sorted(second.done) == ["https://www.example.fi/p0", "https://www.example.fi/p1"]
    second.record(page(2), [])
    second.record(page(3), [])
    second.close()
    third = Journal(tmp_path, "key", "x", resume=True)
    assert sorted(third.done) == [f"https://www.example.fi/p{i}" for i in range(4)]
    assert third.started_at == "2026-01-15T09:30:00Z"
    # written as ASCII, so no string can make a line unwritable, and read back exactly as it was
    assert third.done["https://www.example.fi/p0"][0].title == "Sivu 0 \ud800"


def test_out_that_is_a_file_is_a_usage_error(tmp_path, chromium):
    blocker = tmp_path / "report"
    blocker.write_text("not a folder")
    result = kaikille("audit", "http://127.0.0.1:9/", "--out", blocker, "--browser-path", chromium)
    assert result.returncode == 2 and f"--out {blocker}: is a file" in result.stderr


@pytest.fixture
def tiny_disk(tmp_path):
    """A 32 KiB file system: the journal of the fixture site fits, its reports do not."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here to fill a disk ({done.stderr.decode().strip()})")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_is_exit_3_naming_the_file_and_the_journal_is_kept(tiny_disk, site_url, chromium):
    # no pictures: the disk is sized to hold the journal and fill up when the reports are written
    result = kaikille("audit", site_url, "--max-depth", "3", "--out", tiny_disk, "--browser-path", chromium, "--no-history",
                      "--no-screenshots")
    assert result.returncode == 3, result.stdout + result.stderr
    assert f"cannot write {tiny_disk}" in result.stderr and "No space left on device" in result.stderr
    journal = tiny_disk / JOURNAL_NAME
    assert len(journal.read_text("ascii").splitlines()) == 1 + 13 + 2  # header, 13 pages, 2 loads that ended skipped
    assert not [p.name for p in tiny_disk.iterdir() if p.name.endswith(".tmp")]  # no temporary files left


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("sigint", ["default", "ignored"])
def test_sigterm_stops_like_ctrl_c_and_the_run_resumes(tmp_path, chromium, sigint):
    """SIGTERM, as CI sends when a job is cancelled, stops a run as Ctrl-C does — also in a process that
    inherited SIGINT ignored, as one started in the background of a script (`kaikille audit … &`)
    does: going through SIGINT, such a run ignored SIGTERM and went on to the end."""
    site = tmp_path / "site"
    make_site(site)
    with serve(site) as base:
        out = tmp_path / "terminated"
        proc = subprocess.Popen(audit_cmd(base, out, chromium), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True,
                                preexec_fn=_ignore_sigint if sigint == "ignored" else None)
        journal = out / JOURNAL_NAME
        deadline = time.monotonic() + 120
        while not (journal.exists() and len(journal.read_text().splitlines()) > 5):
            assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be stopped"
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)  # as CI does when a job is cancelled
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        assert "interrupted; finished pages are kept" in stderr and "Traceback" not in stderr
        kept = len(journal.read_text().splitlines()) - 1
        resumed = subprocess.run(audit_cmd(base, out, chromium, "--resume"), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr
    assert f"Resumed: {kept} URL(s)" in resumed.stdout
