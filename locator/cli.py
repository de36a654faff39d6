"""`kaikille locator refresh` and `kaikille app`, registered into the kaikille command line.

Exit codes: 0 done, 2 usage or settings error, 3 the refresh could not finish (network, API).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from kaikille.errors import ToolFailure, UsageError
from kaikille.ui import THEME
from locator.places import load_city
from locator.registry import RefreshError, refresh, refresh_settings

DEFAULT_OUTPUT = "locator-data/digital_support_points.csv"


def register(sub: argparse._SubParsersAction) -> dict:
    locator = sub.add_parser("locator", help="the digital-help locator's data")
    actions = locator.add_subparsers(dest="locator_command", required=True)
    fresh = actions.add_parser("refresh", help="import the support points from the City's API")
    fresh.add_argument("--output", default=DEFAULT_OUTPUT, metavar="FILE", help=f"CSV to write (default: {DEFAULT_OUTPUT})")
    fresh.add_argument("--city", metavar="FILE", help="city settings (default: the bundled locator/city.toml)")
    fresh.add_argument("--retries", type=int, default=3, metavar="N", help="retries per request (default: 3)")

    app = sub.add_parser("app", help="open the digital-help app (Streamlit)")
    app.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    app.add_argument("--port", type=int, default=8501, help="port (default: 8501)")
    app.add_argument("--places", metavar="FILE", help="places CSV (default: the embedded snapshot)")
    app.add_argument("--city", metavar="FILE", help="city settings (default: the bundled locator/city.toml)")
    app.add_argument("--tiles", metavar="URL", help="background map tile URL, or 'none'")
    app.add_argument("--evaluations", metavar="DIR", help="the folder of evaluation files for the staff's Evaluate page (default: ./evaluations)")
    app.add_argument("--reports", metavar="DIR", help="the audits' report folder for the staff's Sites and audits page (default: ./kaikille-report)")
    app.add_argument("--sites", metavar="FILE", help="the City's sites (like sites.txt): the staff's Check published statements page finds "
                     "their statements from the front pages (default: ./sites.txt)")
    return {"locator": cmd_locator, "app": cmd_app}


def cmd_locator(args: argparse.Namespace) -> int:
    if Path(args.output).is_dir():
        raise UsageError(f"--output {args.output}: is a folder; give the CSV file to write")
    city = load_city(args.city)
    settings = refresh_settings(city.settings_file)
    try:
        result = refresh(city, settings, Path(args.output), retries=args.retries)
    except RefreshError as exc:
        raise ToolFailure(f"refresh failed, {args.output} unchanged: {exc}") from exc
    for problem in result.problems:
        print(f"left out {problem}", file=sys.stderr)
    print(f"Wrote {len(result.places)} places to {result.written} ({len(result.problems)} left out).")
    if result.hours is not None:
        for problem in result.hours.problems:
            print(f"no opening hours for {problem}", file=sys.stderr)
        where = f"to {result.hours.written}" if result.hours.written else "(none received; the previous hours file, if any, is kept)"
        print(f"Opening hours for {len(result.hours.places)} places {where}.")
    if result.events is not None:
        for problem in result.events.problems:
            print(f"sessions: {problem}", file=sys.stderr)
        where = f"to {result.events.written}" if result.events.written else "(the events API could not be read; the previous file, if any, is kept)"
        print(f"{result.events.count} digital-support sessions {where}.")
    print(f"Use it: kaikille app --places {result.written}")
    return 0


def app_script() -> Path:
    """The app shell's script, found through the installed kaikille package."""
    spec = importlib.util.find_spec("kaikille.app")
    if spec is None or spec.origin is None:
        raise ToolFailure("kaikille's app shell (kaikille/app.py) is not installed")
    return Path(spec.origin)


def streamlit_command(args: argparse.Namespace) -> list[str]:
    command = [
        sys.executable, "-m", "streamlit", "run", str(app_script()),
        "--server.address", args.host, "--server.port", str(args.port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
        "--server.maxUploadSize", "5",  # MB: the only upload is a problem's screenshot (statements.evaluation.PICTURE_MAX_BYTES)
        *(part for key, value in THEME.items() for part in (f"--{key}", value)), "--",
    ]
    for flag in ("places", "city", "tiles", "evaluations", "reports", "sites"):
        if getattr(args, flag):
            command += [f"--{flag}", getattr(args, flag)]
    return command


def cmd_app(args: argparse.Namespace) -> int:
    for flag in ("places", "city"):
        value = getattr(args, flag)
        if value and not Path(value).is_file():
            raise UsageError(f"--{flag} {value}: file not found")
    command = streamlit_command(args)
    print(f"kaikille app: http://{args.host}:{args.port}/", flush=True)
    # Become Streamlit: a SIGTERM or Ctrl-C to `kaikille app` then reaches the server itself.
    os.execv(command[0], command)
    return 0  # not reached
