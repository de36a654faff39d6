"""kaikille's shared core: what every package needs and none of them owns.

errors and their exit codes, user files (TOML, JSON, atomic writes), catalogs (fi/sv/en),
one HTTP session with one User-Agent, the WCAG table, the clock, the loopback server and the
app's small UI helper. ``audit``, ``locator`` and ``statements`` import from here, never from
each other's plumbing.
"""

__version__ = "0.1.0"
TOOL_NAME = "kaikille"
