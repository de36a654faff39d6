"""Typed errors. The CLI maps them to exit codes; library code only raises them."""


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
