"""Reporters: each turns an AuditReport and its gate result into one file CI systems read."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from audit.gate import GateResult
from audit.model import AuditReport
from audit.reporters import html, json_report, junit, markdown, sarif

Renderer = Callable[[AuditReport, GateResult], str]

REPORTERS: dict[str, tuple[str, Renderer]] = {
    "json": ("results.json", json_report.render),
    "junit": ("junit.xml", junit.render),
    "sarif": ("results.sarif", sarif.render),
    "html": ("report.html", html.render),
    "markdown": ("summary.md", markdown.render),
}


def write_reports(report: AuditReport, gate: GateResult, out_dir: str | Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Write the chosen formats into out_dir, each file atomically (a reader never sees half a file)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in formats:
        filename, render = REPORTERS[name]
        target = folder / filename
        text = render(report, gate)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{filename}.")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
        written[name] = target
    return written
