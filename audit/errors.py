"""Typed errors. The CLI maps them to exit codes; library code only raises them."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any



class KaikilleError(Exception):
    """Base class for errors a user can act on."""

    exit_code = 3


class UsageError(KaikilleError):
    """A bad argument, URL list, config file or baseline: the user's input is wrong (exit 2)."""

    exit_code = 2


class BrowserUnavailable(KaikilleError):
    """No Chromium could be found or launched (exit 3)."""

    exit_code = 3


class AuditFailed(KaikilleError):
    """The audit itself could not run, e.g. no page could be loaded at all (exit 3)."""

    exit_code = 3


def read_json_object(path: str | Path, what: str, hint: str = "") -> dict[str, Any]:
    """A user-supplied JSON file that must hold an object; any problem is a UsageError naming the file."""
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{p}: {what} file not found{hint}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{p}: not a readable {what} file ({exc})") from exc
    if not isinstance(data, dict):
        raise UsageError(f"{p}: not a kaikille {what} file (expected a JSON object)")
    return data


def read_toml(path: str | Path, what: str) -> dict[str, Any]:
    """A user-supplied TOML file; any problem reading or parsing it is a UsageError naming the file."""
    p = Path(path)
    try:
        return tomllib.loads(p.read_text("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{p}: {what} file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{p}: not valid TOML ({exc})") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{p}: cannot read {what} file ({exc})") from exc
