"""The run journal: every finished URL is appended to ``<out>/.kaikille-journal.jsonl`` and fsync'd
before the crawl goes on, so a run killed at any moment (Ctrl-C, SIGTERM, kill -9, a crash) loses
nothing; ``--resume`` replays it instead of loading those pages again.

Line 1 is a header naming the run (a key over the sites and the settings that change what is
crawled); each further line is one page or skipped URL with the links found on it. A torn last
line (the process died mid-write, the disk filled up) is cut off before anything is appended, so
every later resume reads the journal to its end. The file is ASCII (``ensure_ascii``): nothing a
page puts in a title can make a line unwritable.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kaikille.errors import ToolFailure, UsageError
from audit.model import PageResult, Skipped, page_from_dict, page_to_dict
from audit.visit import page_links

JOURNAL_NAME = ".kaikille-journal.jsonl"
FORMAT = "kaikille-journal/1"
# settings that do not change which pages are audited or what they yield
NOT_IN_KEY = {"out", "format", "lang", "fail_on", "baseline", "write_baseline", "resume", "concurrency", "per_host", "shard",
              "history", "no_history"}


def run_key(settings: dict[str, Any]) -> str:
    relevant = {k: v for k, v in settings.items() if k not in NOT_IN_KEY}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True, default=list).encode()).hexdigest()[:16]


class Journal:
    def __init__(self, out_dir: str | Path, key: str, started_at: str, resume: bool) -> None:
        self.path = Path(out_dir) / JOURNAL_NAME
        self.key = key
        self.done: dict[str, tuple[PageResult | Skipped, list]] = {}
        self.started_at = started_at
        out = Path(out_dir)
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out}: is a file, not a folder")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a symlink loop, a file where a folder should be, ...
            raise UsageError(f"--out {out}: cannot be used as the report folder ({exc.strerror or exc})") from exc
        try:
            if resume and self.path.is_file():
                self._load(key)
            else:
                header = json.dumps({"format": FORMAT, "key": key, "started_at": started_at}) + "\n"
                self.path.write_text(header, "utf-8")
            self._handle = self.path.open("a", encoding="ascii")
        except OSError as exc:
            raise ToolFailure(f"cannot write the journal in {out}: {exc.strerror or exc}") from exc

    def _load(self, key: str) -> None:
        data = self.path.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        if len(complete) < len(data):  # a torn last line: cut it off, so new lines start clean
            with self.path.open("r+b") as handle:
                handle.truncate(len(complete))
        lines = complete.decode("utf-8", "replace").splitlines()
        try:
            header = json.loads(lines[0])
        except (IndexError, ValueError):
            raise UsageError(f"{self.path}: not a kaikille journal; delete it to start over") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key:
            raise UsageError(f"{self.path}: this journal is from a run with other sites or settings; "
                             "run without --resume (or with the same settings)")
        self.started_at = str(header.get("started_at", self.started_at))
        for line in lines[1:]:
            try:
                entry = json.loads(line)
                result = page_from_dict(entry["page"]) if entry["kind"] == "page" else Skipped(**entry["skipped"])
                links = page_links(entry.get("links", []))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # a damaged line: that URL is simply loaded again
            self.done[result.url] = (result, links)

    def record(self, result: PageResult | Skipped, links: list) -> None:
        entry = {"kind": "page", "page": page_to_dict(result)} if isinstance(result, PageResult) else {"kind": "skipped", "skipped": asdict(result)}
        entry["links"] = links
        try:
            self._handle.write(json.dumps(entry, ensure_ascii=True) + "\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise ToolFailure(f"cannot write the journal {self.path}: {exc.strerror or exc}") from exc

    def finish(self) -> None:
        """The run's reports are written: the journal has served its purpose."""
        self._handle.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        self._handle.close()
