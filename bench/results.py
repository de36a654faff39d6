"""bench/RESULTS.md is written by several scripts: each owns one section between its markers."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, text: str) -> None:
    """Replace (or append) the section between ``<!-- NAME:begin -->`` and ``<!-- NAME:end -->``."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    section = f"{begin}\n{text.strip()}\n{end}"
    current = RESULTS.read_text("utf-8") if RESULTS.is_file() else ""
    if begin in current:
        current = current[:current.index(begin)] + section + current[current.index(end) + len(end):]
    else:
        current = current.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(current, "utf-8")
