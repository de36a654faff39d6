"""The embedded demo: serve the bundled demo site on 127.0.0.1 and audit it with default settings,
with the example journeys of ``demo_journeys.toml``."""

from __future__ import annotations

from importlib import resources

from audit.config import AuditConfig
from audit.conductor import Progress
from kaikille.loopback import serve
from audit.finish import Outcome
from audit.jobs import audit


def run_demo(out: str, browser_path: str | None, env_browser: str | None, on_result: Progress | None = None) -> Outcome:
    """The demo site crawled, and its two example journeys (a booking form, the feedback form) run."""
    files = resources.files("audit")
    with resources.as_file(files.joinpath("demo_site")) as folder, serve(folder) as base, \
            resources.as_file(files.joinpath("demo_journeys.toml")) as journeys:
        config = AuditConfig(urls=(base,), out=out, browser_path=browser_path, journeys=str(journeys))
        return audit(config, on_result, env_browser=env_browser)
