"""The browser stage, the only Playwright user: find or provision Chromium (``chromium``), load a page
inside the rules (``session``), perform a user journey's steps (``steps``), and run our scripts in
worlds of our own (``worlds``)."""

from audit.browser.chromium import INSTALL_HELP, LIMIT_ARGS, QUIET_ARGS, find_chromium, launch_args, provision
from audit.browser.session import BrowserSession
from audit.browser.worlds import LoadedPage, ScriptError, World

__all__ = ["INSTALL_HELP", "LIMIT_ARGS", "QUIET_ARGS", "BrowserSession", "LoadedPage", "ScriptError", "World",
           "find_chromium", "launch_args", "provision"]
