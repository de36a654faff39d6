"""`kaikille statement build` and `kaikille statement check`, registered into the kaikille command line.

Exit codes: 0 done / the statement passes, 1 refused (review older than 12 months) / the checked
statement has problems, 2 usage error (bad statement file, results file, arguments), 3 a page to
check could not be downloaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from audit.model import read_report
from kaikille.files import read_json_object, read_text, write_atomic
from statements.build import build, with_evaluation
from statements.evaluation import read_evaluation
from kaikille.errors import ToolFailure, UsageError
from kaikille.links import is_web_address
from statements.check import RENDER_CHOICES, check, jurisdictions, read_published, statement_link
from statements.render import FORMATS
from statements.source import read_statement


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-22: {value!r}") from None


def register(sub: argparse._SubParsersAction) -> dict:
    statement = sub.add_parser("statement", help="accessibility statements: build them, check published ones")
    actions = statement.add_subparsers(dest="statement_command", required=True)
    make = actions.add_parser("build", help="write the statement in every language of the statement file")
    make.add_argument("source", metavar="STATEMENT.toml", help="the site's statement file")
    make.add_argument("--results", action="append", default=[], metavar="RESULTS", help="a results.json of kaikille audit (repeatable)")
    make.add_argument("--previous", metavar="JSON", help="last year's statement.LANG.json: report what was fixed, new, still open")
    make.add_argument("--evaluation", metavar="EVALUATION.json", help="a person's evaluation (kaikille evaluate): its problems, "
                      "outcomes and coverage replace the statement file's hand-written findings and evaluated criteria")
    make.add_argument("--out", default="statement", metavar="DIR", help="folder to write (default: statement)")
    make.add_argument("--format", action="append", choices=tuple(FORMATS), help="html, fragment, markdown, json (repeatable; default: all)")
    make.add_argument("--today", type=_date, default=None, metavar="DATE", help="the date to write and check against (default: today)")
    look = actions.add_parser("check", help="check a published statement page or file for the required elements")
    look.add_argument("target", metavar="FILE-or-URL", nargs="*", help="statement pages or files")
    look.add_argument("--sites", metavar="FILE", help="a file of front pages (one URL a line, like sites.txt): each site's statement is found by its link and checked")
    look.add_argument("--today", type=_date, default=None, metavar="DATE", help="the date to check against (default: today)")
    look.add_argument("--messages", choices=("fi", "sv", "en"), default="en", help="language of the problems reported (default: en)")
    look.add_argument("--jurisdiction", choices=tuple(k for k in jurisdictions() if not k.startswith("_")), default="fi",
                      help="whose rules: fi (Finland: Traficom as supervisor; default) or eu (the EU model alone)")
    look.add_argument("--format", dest="output", choices=("text", "json"), default="text",
                      help="text (default) or json: each problem with a stable code and its evidence")
    look.add_argument("--render", choices=RENDER_CHOICES, default="auto",
                      help="read a page as the browser shows it: auto (default: when it shows hardly any text without "
                           "JavaScript, as single-page apps do), always, or never")
    return {"statement": cmd_statement}


def cmd_statement(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    return _build(args, today) if args.statement_command == "build" else _check(args, today)


def _build(args: argparse.Namespace, today: dt.date) -> int:
    source = read_statement(args.source)
    if args.evaluation:
        source, notes = with_evaluation(source, read_evaluation(args.evaluation))
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
    reports = [read_report(path) for path in args.results]
    previous = None
    if args.previous:
        previous = read_json_object(args.previous, "previous statement JSON", " (give last year's statement.LANG.json)")
    statement = build(source, reports, today, previous)
    out = Path(args.out)
    for warning in statement.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for lang in source.languages:
        for name in args.format or FORMATS:
            pattern, render = FORMATS[name]
            target = write_atomic(out / pattern.format(lang=lang), render(statement, lang))
            print(f"  {target}")
    print(f"Status: {statement.status} ({statement.status_by}); {len(statement.noncompliances)} criteria not met.")
    if statement.review:
        print("Since the previous statement: fixed {fixed}; new {new}; still open {open}.".format(
            fixed=", ".join(statement.review["fixed"]) or "none", new=", ".join(statement.review["new"]) or "none",
            open=", ".join(statement.review["still_open"]) or "none"))
    return 0


def front_pages(path: str) -> list[str]:
    """The start URL of each line of a sites file (options after it and '#' comments ignored)."""
    urls = []
    for number, line in enumerate(read_text(path, "sites").splitlines(), 1):
        words = line.split("#", 1)[0].split() if not line.lstrip().startswith("#") else []
        if not words:
            continue
        if not is_web_address(words[0]):
            raise UsageError(f"{path}:{number}: {words[0]!r} is not an http(s) address")
        urls.append(words[0])
    if not urls:
        raise UsageError(f"{path}: no URLs in the list (one front page a line; '#' starts a comment)")
    return urls


def _targets(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """(what to check, or the site whose statement could not be found, with why)."""
    targets: list[tuple[str, str | None]] = [(target, None) for target in args.target]
    if args.sites:
        for site in front_pages(args.sites):
            try:
                link = statement_link(read_published(site, args.render), site)
            except ToolFailure as exc:
                targets.append((site, str(exc)))
                continue
            targets.append((link, None) if link else (site, "no link named like an accessibility statement on the front page"))
    if not targets:
        raise UsageError("give statement pages or files, or --sites FILE")
    return targets


def _check(args: argparse.Namespace, today: dt.date) -> int:
    """0 when every statement passes, 1 when any has problems, 3 when one could not be read at all
    (the others are still checked and reported)."""
    results, failed = [], []
    for target, missing in _targets(args):
        if missing:
            failed.append({"source": target, "error": missing})
            continue
        try:
            results.append(check(target, today, args.messages, args.jurisdiction, args.render))
        except ToolFailure as exc:
            if not args.sites and len(args.target) == 1:
                raise
            failed.append({"source": target, "error": str(exc)})
    if args.output == "json":
        print(json.dumps({"checked": [r.as_json() for r in results], "not_checked": failed}, indent=2, ensure_ascii=False))
    else:
        for result in results:
            if result.passed:
                print(f"{result.source}: OK ({result.language}; newest date {result.newest_date})")
                continue
            print(f"{result.source}: {len(result.found)} problem(s) ({result.language}):")
            for problem in result.found:
                print(f"  - {problem.message}")
        for item in failed:
            print(f"{item['source']}: not checked: {item['error']}", file=sys.stderr)
    if any(not r.passed for r in results):
        return 1
    return 3 if failed else 0
