"""Reporters: each turns an AuditReport and its gate result into one file CI systems read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audit.gate import GateResult
from audit.model import AuditReport
from audit.reporters import codequality, html, json_report, junit, markdown, sarif
from audit.reporters.context import Context
from kaikille.errors import UsageError
from kaikille.files import write_atomic

Renderer = Callable[[AuditReport, GateResult, Context], str]

REPORTERS: dict[str, tuple[str, Renderer]] = {
    "json": ("results.json", json_report.render),
    "junit": ("junit.xml", junit.render),
    "sarif": ("results.sarif", sarif.render),
    "html": ("report.html", html.render),
    "markdown": ("summary.md", markdown.render),
    "codequality": ("gl-code-quality-report.json", codequality.render),
}


def write_reports(report: AuditReport, gate: GateResult, out_dir: str | Path, formats: tuple[str, ...],
                  context: Context = Context()) -> dict[str, Path]:
    """Write the chosen formats into out_dir, each file atomically (a reader never sees half a file,
    a failed write leaves no temporary file) and with the user's usual file permissions."""
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder}: is a file, not a folder")
    written = {}
    for name in formats:
        filename, render = REPORTERS[name]
        written[name] = write_atomic(folder / filename, render(report, gate, context))
    return written
