"""The files a refresh writes beside the places CSV (``<name>.hours.json``, ``<name>.events.json``):
one envelope — format, source, date fetched, and the data under one key — written atomically and
read back without ever failing the page: a missing file is no data, a broken one is said."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kaikille.files import write_atomic


def sidecar_path(places_csv: Path, kind: str) -> Path:
    """``places.csv`` -> ``places.<kind>.json`` beside it."""
    return places_csv.with_name(f"{places_csv.stem}.{kind}.json")


def write_sidecar(path: Path, fmt: str, key: str, data: Any, source: str, fetched: str) -> Path:
    return write_atomic(path, json.dumps({"format": fmt, "source": source, "fetched": fetched, key: data},
                                         ensure_ascii=False, indent=1) + "\n")


def read_sidecar(path: Path, fmt: str, key: str, kind: type) -> tuple[Any, list[str]]:
    """The data under ``key`` (None when there is no file or it is not a ``fmt`` file whose ``key``
    is a ``kind``), and what went wrong, naming the file."""
    if not path.is_file():
        return None, []
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return None, [f"{path}: cannot be read ({exc.__class__.__name__})"]
    if not isinstance(data, dict) or data.get("format") != fmt or not isinstance(data.get(key), kind):
        return None, [f"{path}: not a {fmt} file"]
    return data[key], []
