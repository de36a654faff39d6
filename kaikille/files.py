"""User files: TOML and JSON read with messages that name the file, and atomic writes.

Every problem reading a user's file is a UsageError naming the file; a write that fails (disk full,
read-only folder, a path that is a directory) is a ToolFailure naming the path and leaves no
temporary file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kaikille.errors import ToolFailure, UsageError


def read_text(path: str | Path, what: str, hint: str = "") -> str:
    """A text file, UTF-8; a missing or unreadable file is the user's mistake, named."""
    p = Path(path)
    try:
        return p.read_text("utf-8")
    except FileNotFoundError:
        raise UsageError(f"{p}: {what} file not found{hint}") from None
    except IsADirectoryError:
        raise UsageError(f"{p}: is a folder, not a {what} file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{p}: cannot read {what} file ({exc})") from exc


def read_json(path: str | Path, what: str, hint: str = "") -> Any:
    text = read_text(path, what, hint)
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise UsageError(f"{path}: not a readable {what} file ({exc})") from exc


def read_json_object(path: str | Path, what: str, hint: str = "") -> dict[str, Any]:
    """A user-supplied JSON file that must hold an object; any problem is a UsageError naming the file."""
    data = read_json(path, what, hint)
    if not isinstance(data, dict):
        raise UsageError(f"{path}: not a kaikille {what} file (expected a JSON object)")
    return data


def read_toml(path: str | Path, what: str) -> dict[str, Any]:
    """A user-supplied TOML file; any problem reading or parsing it is a UsageError naming the file."""
    text = read_text(path, what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})") from exc


@cache
def package_json(package: str, path: str) -> Any:
    """A JSON data file shipped inside a kaikille package (catalogs, the WCAG table, schemas, patterns).
    Read once; callers must not change what it returns."""
    return json.loads(resources.files(package).joinpath(path).read_text("utf-8"))


def check_writable_file(path: str | Path, flag: str) -> None:
    """Refuse, before any work is done, an output path that can never be written as a file."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{flag} {target}: is a folder; give a file name")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{flag} {target}: {parent} is a file, not a folder")
            break


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: str | bytes, *, fsync: bool = True, private: bool = False) -> Path:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one, never half.

    The file gets the permissions a plain open() would give (the user's umask), not mkstemp's 0600;
    ``private`` keeps 0600 (a file of secrets, such as a login's cookies).
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name")
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o600 if private else 0o666 & ~_umask())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise ToolFailure(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target


def write_json(path: str | Path, document: Any) -> Path:
    return write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
