"""`kaikille statement build` and `kaikille statement check`, registered into the kaikille command line.

Exit codes: 0 done / the statement passes, 1 refused (review older than 12 months) / the checked
statement has problems, 2 usage error (bad statement file, results file, arguments), 3 a page to
check could not be downloaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from audit.model import read_report
from kaikille.files import read_json_object, write_atomic
from statements.build import build
from statements.check import check
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
    make.add_argument("--out", default="statement", metavar="DIR", help="folder to write (default: statement)")
    make.add_argument("--format", action="append", choices=tuple(FORMATS), help="html, fragment, markdown, json (repeatable; default: all)")
    make.add_argument("--today", type=_date, default=None, metavar="DATE", help="the date to write and check against (default: today)")
    look = actions.add_parser("check", help="check a published statement page or file for the required elements")
    look.add_argument("target", metavar="FILE-or-URL")
    look.add_argument("--today", type=_date, default=None, metavar="DATE", help="the date to check against (default: today)")
    look.add_argument("--messages", choices=("fi", "sv", "en"), default="en", help="language of the problems reported (default: en)")
    return {"statement": cmd_statement}


def cmd_statement(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    return _build(args, today) if args.statement_command == "build" else _check(args, today)


def _build(args: argparse.Namespace, today: dt.date) -> int:
    source = read_statement(args.source)
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


def _check(args: argparse.Namespace, today: dt.date) -> int:
    result = check(args.target, today, args.messages)
    if result.passed:
        print(f"{args.target}: OK ({result.language}; newest date {result.newest_date})")
        return 0
    print(f"{args.target}: {len(result.problems)} problem(s) ({result.language}):")
    for problem in result.problems:
        print(f"  - {problem}")
    return 1
