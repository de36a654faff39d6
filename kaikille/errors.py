"""Typed errors and the one map from error to exit code. Library code raises; only the CLI exits.

Exit codes, the same for every command:
  0  done / passed
  1  findings: new violations over the threshold (audit, merge), a statement refused or failing
     its check (statement build / check). Never anything else.
  2  the user's mistake: a bad argument, URL, file, line or setting, named in the message
  3  the tool could not run: no browser, no page loaded, a download or a write that failed, or
     an unexpected error (one line, never a traceback)
"""

from __future__ import annotations

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


class KaikilleError(Exception):
    """Base class for errors a user can act on; the message says what and where."""

    exit_code = EXIT_FAILED


class UsageError(KaikilleError):
    """A bad argument, URL list, config file, results file or baseline: the user's input is wrong."""

    exit_code = EXIT_USAGE


class ToolFailure(KaikilleError):
    """The tool could not do its job although the input was right (network, disk, browser)."""

    exit_code = EXIT_FAILED


class BrowserUnavailable(ToolFailure):
    """No Chromium could be found or launched."""


class AuditFailed(ToolFailure):
    """The audit itself could not run, e.g. no page could be loaded at all."""


class Refused(KaikilleError):
    """The input was read and judged, and the answer is no (a stale statement, a failing check)."""

    exit_code = EXIT_FINDINGS


def exit_code_for(exc: BaseException) -> int:
    """The one map from an exception to the exit code a user or CI sees."""
    if isinstance(exc, KaikilleError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_FAILED
