"""`kaikille evaluate sample|export|import`: the evaluation file from the command line, for automation
(the coordinator's workbench in the app uses the same functions).

Exit codes: 0 done, 2 usage error (a file that is not what it should be; the message names the place).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from audit.model import read_report
from kaikille.errors import UsageError
from kaikille.files import read_json_object, write_atomic
from statements.earl import export_earl, import_earl
from statements.evaluation import criterion_results, read_evaluation, save_evaluation
from statements.sample import start_evaluation


def register(sub: argparse._SubParsersAction) -> dict:
    evaluate = sub.add_parser("evaluate", help="a person's evaluation of a site (WCAG-EM): sample, EARL out and in")
    actions = evaluate.add_subparsers(dest="evaluate_command", required=True)
    sample = actions.add_parser("sample", help="start an evaluation from a results file: the structured and random sample")
    sample.add_argument("results", metavar="RESULTS", help="a results.json of kaikille audit")
    sample.add_argument("-o", "--output", required=True, metavar="EVALUATION.json", help="the evaluation file to write")
    sample.add_argument("--seed", type=int, default=2102, help="the random sample's seed (default: 2102; the same seed, the same sample)")
    sample.add_argument("--random", type=int, default=None, metavar="N", help="pages in the random sample (default: a tenth of the structured one)")
    sample.add_argument("--name", default="", help="the site's name (default: its host)")
    out = actions.add_parser("export", help="write an evaluation as EARL (JSON-LD) for W3C's WCAG-EM Report Tool")
    out.add_argument("evaluation", metavar="EVALUATION.json")
    out.add_argument("--earl", action="store_true", required=True, help="EARL JSON-LD (the only export format)")
    out.add_argument("-o", "--output", metavar="FILE", help="where to write (default: EVALUATION.earl.json)")
    into = actions.add_parser("import", help="read EARL (the report tool's evaluation, or a tool's assertions) into an evaluation file")
    into.add_argument("earl", metavar="EARL.json")
    into.add_argument("-o", "--output", metavar="EVALUATION.json", help="the evaluation file to write (default: EARL.evaluation.json)")
    return {"evaluate": cmd_evaluate}


def _new_file(path: Path) -> Path:
    if path.exists():
        raise UsageError(f"{path}: already exists; an evaluation is never overwritten from the command line (choose another name)")
    return path


def cmd_evaluate(args: argparse.Namespace) -> int:
    if args.evaluate_command == "sample":
        data = start_evaluation(read_report(args.results), args.results, args.name, args.seed, args.random)
        save_evaluation(_new_file(Path(args.output)), data)
        pages = data["sample"]
        print(f"Wrote {args.output}: {len(pages)} pages ({sum(p['random'] for p in pages)} random), 49 criteria to evaluate.")
        return 0
    if args.evaluate_command == "export":
        data = read_evaluation(args.evaluation)
        target = Path(args.output or Path(args.evaluation).with_suffix(".earl.json"))
        write_atomic(target, json.dumps(export_earl(data), ensure_ascii=False, indent=1) + "\n")
        done = sum(r.outcome != "not-checked" for r in criterion_results(data))
        print(f"Wrote {target}: {done} of 49 criteria evaluated.")
        return 0
    raw = read_json_object(args.earl, "EARL file", " (give an evaluation saved by the WCAG-EM Report Tool, or a tool's EARL report)")
    data = import_earl(raw)
    target = _new_file(Path(args.output or Path(args.earl).with_suffix(".evaluation.json")))
    save_evaluation(target, data)
    print(f"Wrote {target}: {len(data['sample'])} pages, {len(data['problems'])} problems, "
          f"{len(data.get('automated', []))} automated results.")
    return 0
