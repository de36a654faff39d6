"""The kaikille command line: parse, call one job, print, set the exit code.

Exit codes (one map for every command, ``kaikille.errors``): 0 passed, 1 new violations over the
--fail-on threshold (or a statement refused / failing its check), 2 the user's mistake (a bad
argument, URL, file or setting, named), 3 the tool could not run (no browser, no page loaded, a
failed download or write, or any unexpected error: one line, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from audit.config import (
    OPTIONS,
    AuditConfig,
    Option,
    build_config,
    find_config_file,
    read_config_file,
)
from audit.model import PageResult, Skipped, read_report
from kaikille import __version__
from kaikille.errors import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    KaikilleError,
    UsageError,
    exit_code_for,
)
from kaikille.files import check_writable_file

OPTION_BY_NAME = {o.name: o for o in OPTIONS}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: message and exit 2, no traceback
        self.print_usage(sys.stderr)
        print(f"kaikille: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _add_option(parser: argparse.ArgumentParser, option: Option) -> None:
    flag = f"--{option.name}"
    shown = ",".join(option.default) if isinstance(option.default, tuple) else option.default
    help_text = option.help if shown in (None, False, "") else f"{option.help} (default: {shown})"
    if option.kind == "bool":
        parser.add_argument(flag, action="store_true", default=None, help=option.help)
    elif option.kind == "list":
        parser.add_argument(flag, action="append", default=None, metavar=option.metavar,
                            choices=option.choices or None, help=help_text)
    else:
        parser.add_argument(flag, type=int if option.kind == "int" else str, default=None,
                            choices=option.choices or None, metavar=option.metavar, help=help_text)


def _add_audit_options(parser: argparse.ArgumentParser) -> None:
    for option in OPTIONS:
        _add_option(parser, option)
    parser.add_argument("--config", metavar="FILE", help="config file (default: ./kaikille.toml, or [tool.kaikille.audit] in ./pyproject.toml)")
    parser.add_argument("--quiet", action="store_true", help="no progress output")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kaikille", description="kaikille: accessibility audits, statements and digital-help locator.")
    parser.add_argument("--version", action="version", version=f"kaikille {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    audit = sub.add_parser("audit", help="crawl sites and audit every page with axe-core")
    audit.add_argument("urls", nargs="*", metavar="URL", help="start URLs (besides --sites and the config file)")
    _add_audit_options(audit)

    demo = sub.add_parser("demo", help="serve the bundled demo site on 127.0.0.1 and audit it")
    for name in ("out", "browser-path"):
        _add_option(demo, OPTION_BY_NAME[name])
    demo.add_argument("--quiet", action="store_true", help="no progress output")

    baseline = sub.add_parser("baseline", help="write a baseline file from a results.json")
    baseline.add_argument("results", metavar="RESULTS", help="a results.json written by kaikille audit")
    baseline.add_argument("-o", "--output", required=True, metavar="FILE", help="baseline file to write")

    disc = sub.add_parser("discover", help="find the URLs to audit with plain HTTP, once, for sharded runs")
    disc.add_argument("urls", nargs="*", metavar="URL", help="start URLs (besides --sites and the config file)")
    disc.add_argument("-o", "--output", required=True, metavar="FILE", help="URL list to write (JSON)")
    for name in ("sites", "max-pages", "max-depth", "scope", "allow", "include", "exclude", "ignore-robots", "no-sitemaps",
                 "timeout", "concurrency", "per-host"):
        _add_option(disc, OPTION_BY_NAME[name])
    disc.add_argument("--config", metavar="FILE", help="config file (as for audit)")

    merge = sub.add_parser("merge", help="merge the results of sharded runs into one, with all reports and the gate")
    merge.add_argument("results", nargs="+", metavar="RESULTS", help="results.json of each shard")
    for name in ("out", "format", "lang", "fail-on", "baseline", "write-baseline", "history", "no-history"):
        _add_option(merge, OPTION_BY_NAME[name])
    merge.add_argument("--config", metavar="FILE", help="config file (as for audit: its fail-on, baseline, out… apply)")

    hist = sub.add_parser("history", help="show the trend of past runs per site")
    hist.add_argument("--db", default="kaikille-report/history.sqlite", metavar="FILE",
                      help="history database (default: kaikille-report/history.sqlite)")
    hist.add_argument("--site", metavar="URL", help="only this site (its start URL)")
    hist.add_argument("--limit", type=int, default=20, metavar="N", help="newest N runs per listing (default: 20)")

    login = sub.add_parser("login", help="save a login's cookies for --storage-state: by hand in a browser window, "
                                         "or by a journey's steps")
    login.add_argument("url", nargs="?", metavar="URL", help="log in here by hand, in a visible browser window "
                       "(with --journey: the base of the journey's relative start URL)")
    login.add_argument("-o", "--output", required=True, metavar="FILE", help="storage state to write (kept private: 0600)")
    login.add_argument("--journey", metavar="NAME", help="log in by this journey's steps (from --journeys FILE), headless")
    for name in ("journeys", "timeout", "browser-path"):
        _add_option(login, OPTION_BY_NAME[name])
    login.add_argument("--config", metavar="FILE", help="config file (as for audit)")

    browser = sub.add_parser("browser", help="show which Chromium kaikille uses; --install provisions one")
    browser.add_argument("--install", action="store_true", help="install Chromium if none is found")
    for name, handler in plugin_commands(sub).items():
        sub.choices[name].set_defaults(handler=handler)
    return parser


def plugin_commands(sub: argparse._SubParsersAction) -> dict:
    """Commands of the other kaikille packages (locator, statements), found through their entry
    points so that the audit package never imports them."""
    commands: dict = {}
    for entry in entry_points(group="kaikille.commands"):
        commands.update(entry.load()(sub))
    return commands


class _Progress:
    """A bar on a terminal; plain lines elsewhere (CI logs)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.count = 0
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit="page", file=sys.stderr, desc="auditing")

    def __call__(self, item: PageResult | Skipped) -> None:
        if self.quiet or isinstance(item, Skipped):
            return
        self.count += 1
        state = f"error: {item.error}" if item.error else f"{len(item.violations)} rule(s) violated"
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(item.name[-50:])
        else:
            print(f"[{self.count}] {item.name} — {state}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _flag_settings(args: argparse.Namespace) -> dict[str, Any]:
    settings = {o.attr: getattr(args, o.attr) for o in OPTIONS if hasattr(args, o.attr)}
    for option in OPTIONS:
        if option.kind == "list" and settings.get(option.attr) is not None:
            settings[option.attr] = tuple(settings[option.attr])
    if getattr(args, "urls", None):
        settings["urls"] = tuple(args.urls)
    return settings


def _load_config(args: argparse.Namespace) -> AuditConfig:
    path = Path(args.config) if getattr(args, "config", None) else find_config_file(Path.cwd())
    file_settings = read_config_file(path) if path else {}
    return build_config(file_settings, _flag_settings(args))


def _summarize(outcome: Any) -> int:
    totals = outcome.report.totals()
    if outcome.resumed:
        print(f"Resumed: {outcome.resumed} URL(s) came from the interrupted run's journal.")
    print(f"Audited {totals['pages_audited']} of {totals['pages']} page(s); {totals['pages_with_errors']} not audited; "
          f"{totals['skipped']} URL(s) skipped.")
    print(f"Violations: {totals['violations']} element(s) in {totals['groups']} group(s); needs review: {totals['needs_review']}.")
    for name, path in outcome.written.items():
        print(f"  {name:9} {path}")
    if outcome.nothing_audited:
        print("kaikille: no page could be audited (see the errors in the reports)", file=sys.stderr)
        return EXIT_FAILED
    if not outcome.gate.passed:
        print(f"FAILED: {len(outcome.gate.failing)} new violation(s) at impact '{outcome.gate.fail_on}' or above.")
        return EXIT_FINDINGS
    print("PASSED")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from audit.jobs import audit

    config = _load_config(args)
    progress = _Progress(args.quiet)
    try:
        outcome = audit(config, progress, env_browser=os.environ.get("KAIKILLE_BROWSER"), env=os.environ)
    finally:
        progress.close()
    return _summarize(outcome)


def cmd_demo(args: argparse.Namespace) -> int:
    from audit.demo import run_demo

    progress = _Progress(args.quiet)
    try:
        outcome = run_demo(args.out or OPTION_BY_NAME["out"].default, args.browser_path,
                           os.environ.get("KAIKILLE_BROWSER"), progress)
    finally:
        progress.close()
    code = _summarize(outcome)
    print(f"Open {Path(outcome.written['html']).resolve()} in a browser to read the report.")
    return EXIT_FAILED if code == EXIT_FAILED else EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    from audit.gate import write_baseline
    from kaikille.clock import iso, utc_now

    check_writable_file(args.output, "-o")
    report = read_report(args.results)
    write_baseline(report, args.output, iso(utc_now()))
    print(f"Wrote {len(report.issues())} violation(s) to {args.output}")
    return EXIT_OK


def cmd_browser(args: argparse.Namespace) -> int:
    from audit.browser import INSTALL_HELP, find_chromium, provision

    if args.install:
        path, source = provision(lambda m: print(m, file=sys.stderr))
    else:
        found = find_chromium(None, os.environ.get("KAIKILLE_BROWSER"))
        if found is None:
            print(f"kaikille: {INSTALL_HELP}", file=sys.stderr)
            return EXIT_FAILED
        path, source = found
    print(f"{path} ({source})")
    return EXIT_OK


def _wait_for_login() -> None:
    print("Log in in the browser window, then press Enter here.", file=sys.stderr)
    sys.stdin.readline()


def cmd_login(args: argparse.Namespace) -> int:
    from audit.jobs import login

    config = _load_config(args)
    by_hand = args.journey is None and args.url is not None
    if by_hand and sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise UsageError("no display here for a browser window: log in by a journey's steps instead "
                         "(kaikille login --journeys FILE --journey NAME -o FILE)")
    wait = _wait_for_login if by_hand else None
    cookies = login(args.output, config, url=args.url, journey=args.journey, env=os.environ,
                    env_browser=os.environ.get("KAIKILLE_BROWSER"), wait=wait)
    print(f"Wrote {args.output}: {cookies} cookie(s). Keep it private: anyone with it is logged in as you. "
          f"Use it with --storage-state {args.output}")
    return EXIT_OK


def cmd_discover(args: argparse.Namespace) -> int:
    from audit.jobs import discover
    from audit.urllist import write_url_list

    check_writable_file(args.output, "-o")
    document = discover(_load_config(args))
    write_url_list(document, args.output)
    counts = ", ".join(f"{len(s['urls'])} from {s['site']}" for s in document["sites"])
    print(f"Wrote {args.output}: {counts}; {len(document['skipped'])} URL(s) skipped.")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from audit.jobs import merge

    return _summarize(merge(args.results, _load_config(args)))


def cmd_history(args: argparse.Namespace) -> int:
    from audit.history import trend

    rows = trend(args.db, args.site, args.limit)
    print("run  started               pages  violations  critical  serious  moderate  minor  site")
    for r in rows:
        i = r.by_impact
        print(f"{r.run_id:<4} {r.started_at:<21} {r.pages:>5}  {r.violations:>10}  {i['critical']:>8}  {i['serious']:>7}  "
              f"{i['moderate']:>8}  {i['minor']:>5}  {r.site}")
    return EXIT_OK


COMMANDS = {"audit": cmd_audit, "discover": cmd_discover, "merge": cmd_merge, "history": cmd_history, "demo": cmd_demo,
            "baseline": cmd_baseline, "browser": cmd_browser, "login": cmd_login}


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM (CI cancelling a job, docker stop) ends a run as Ctrl-C does: journal kept, resumable.
    This handler stands outside the audit's event loop only; inside it, audit.stopping cancels the
    running tasks in order (an exception raised in whatever callback the signal interrupted would
    leave futures whose cancellation nobody read). It does not go through SIGINT, which a process
    started in the background inherits ignored."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminated) if _main_thread() else None
    try:
        handler = COMMANDS.get(args.command) or args.handler
        return handler(args)
    except KaikilleError as exc:
        print(f"kaikille: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kaikille: interrupted; finished pages are kept: run again with --resume to continue", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - a bug or an unforeseen failure: one line, exit 3, no traceback
        print(f"kaikille: {args.command} could not run: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        return exit_code_for(exc)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or "no details"


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
