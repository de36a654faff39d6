"""A person's evaluation (WCAG-EM): the sample chosen from a recorded results file, the file that
reopens exactly and refuses a save from a stale copy, each criterion's outcome, and EARL in and out
(our own round trip, an evaluation in W3C's report tool format, an axe EARL report)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from audit.model import read_report
from statements.earl import export_earl, import_earl, wcag_test_id
from statements.evaluation import (ConflictError, EvaluationError, criterion_results, evaluated_all, new_evaluation,
                                   read_evaluation, save_evaluation, validate)
from statements.sample import sample_pages

HERE = Path(__file__).parent
RESULTS = read_report(HERE / "golden" / "input-results.json")  # 13 pages of the fixture site, recorded
EARL = HERE / "data" / "earl"


def clock():
    return dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)


def test_the_sample_starts_with_the_front_page_names_its_reasons_and_is_the_same_for_a_seed():
    sample = sample_pages(RESULTS, seed=7)
    assert sample[0]["url"] == "http://127.0.0.1:8000/" and sample[0]["reasons"][0] == "front-page"
    reasons = {page["url"].rsplit("/", 1)[-1]: page["reasons"] for page in sample}
    assert reasons["form.html"] == ["form"]  # a form field finding says there is a form
    assert reasons["level1.html"] == ["template"]  # the only page of the /deep/ folder at its depth comes in as a template
    assert "missing.html" not in reasons  # not audited: nothing to evaluate
    assert sample == sample_pages(RESULTS, seed=7)
    randoms = [p for p in sample if p["random"]]
    assert len(randoms) == 1 and randoms[0]["reasons"] == ["random"]
    assert len({p["url"] for p in sample}) == len(sample)  # no page twice


def evaluation() -> dict:
    data = new_evaluation("Digituki", "https://digituki.hel.fi/", ["https://digituki.hel.fi/"], sample_pages(RESULTS, seed=7))
    first, second = data["sample"][0]["id"], data["sample"][1]["id"]
    data["problems"].append({"id": "pr1", "criteria": ["1.4.3", "1.4.11"], "description": "Grey text and borders on white",
                             "pages": [first, second], "screenshot": None})
    data["criteria"]["1.1.1"].update(outcome="passed", note="All images checked")
    data["criteria"]["2.1.1"]["pages"] = {first: "passed", second: "cannot-tell"}
    data["criteria"]["1.2.2"]["outcome"] = "not-present"
    data["evaluator"] = "Aino Arvioija"
    return data


def test_saved_work_reopens_exactly_and_a_stale_copy_cannot_overwrite_it(tmp_path):
    path = tmp_path / "digituki.evaluation.json"
    saved = save_evaluation(path, evaluation(), clock)
    assert saved["revision"] == 1 and saved["saved"] == "2026-11-23T12:00:00Z"
    assert read_evaluation(path) == saved
    tab_a, tab_b = read_evaluation(path), read_evaluation(path)  # two browser tabs
    tab_a["criteria"]["3.1.1"]["outcome"] = "passed"
    save_evaluation(path, tab_a, clock)
    tab_b["criteria"]["3.1.2"]["outcome"] = "failed"
    with pytest.raises(ConflictError, match="saved elsewhere meanwhile \\(revision 2, this copy was opened at 1\\)"):
        save_evaluation(path, tab_b, clock)
    assert read_evaluation(path)["criteria"]["3.1.2"]["outcome"] == "not-checked"  # nothing lost, nothing overwritten
    assert [p.name for p in tmp_path.iterdir()] == ["digituki.evaluation.json"]


def test_each_criterion_follows_from_problems_outcomes_and_pages():
    results = {r.criterion: r for r in criterion_results(evaluation())}
    assert results["1.4.3"].outcome == results["1.4.11"].outcome == "failed" and results["1.4.3"].problems == ("pr1",)
    assert results["1.1.1"].outcome == "passed" and results["1.1.1"].note == "All images checked"
    assert results["2.1.1"].outcome == "cannot-tell"  # the worst of its pages
    assert results["1.2.2"].outcome == "not-present" and results["4.1.3"].outcome == "not-checked"
    assert len(results) == 49 and not evaluated_all(evaluation())
    done = evaluation()
    for entry in done["criteria"].values():
        entry["outcome"] = "passed" if entry["outcome"] == "not-checked" else entry["outcome"]
    assert evaluated_all(done)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["problems"].append({"id": "x", "criteria": ["9.9.9"], "description": "d", "pages": ["s1"]}), "problems[1].criteria: '9.9.9' is not one of the 49"),
    (lambda d: d["problems"].append({"id": "x", "criteria": ["1.1.1"], "description": "d", "pages": ["nope"]}), "problems[1].pages: 'nope' is not a page of the sample"),
    (lambda d: d["problems"].append({"id": "x", "criteria": ["1.1.1"], "description": "d", "pages": []}), "name at least one page"),
    (lambda d: d["criteria"]["1.1.1"].update(outcome="great"), "criteria['1.1.1'].outcome: must be one of passed"),
    (lambda d: d["sample"].append(dict(d["sample"][0])), "is used twice"),
    (lambda d: d.update(schema_version="9.0"), "schema_version '9.0' is not one this kaikille reads"),
])
def test_a_broken_evaluation_is_refused_naming_the_place(change, message):
    data = evaluation()
    change(data)
    with pytest.raises(EvaluationError, match=message.replace("[", "\\[").replace("(", "\\(")):
        validate(data)


def semantic(data: dict) -> tuple:
    return ([(r.criterion, r.outcome, r.note) for r in criterion_results(data)],
            sorted((tuple(p["criteria"]), p["description"], tuple(sorted(p["pages"]))) for p in data["problems"]),
            [(p["url"], p["title"], p["random"]) for p in data["sample"]], data["site"]["name"], data["evaluator"])


def test_earl_out_and_back_in_is_the_same_evaluation():
    data = evaluation()
    earl = export_earl(data)
    assert earl["@graph"][0]["type"] == "Evaluation" and len(earl["@graph"][0]["auditResult"]) == 49
    contrast = next(a for a in earl["@graph"][0]["auditResult"] if a["test"] == "WCAG2:contrast-minimum")
    assert contrast["result"]["outcome"] == "earl:failed" and len(contrast["hasPart"]) == 2
    back = import_earl(json.loads(json.dumps(earl)))
    assert semantic(back) == semantic(data)
    assert export_earl(back) == earl  # a second trip changes nothing


def test_an_evaluation_saved_by_the_report_tool_opens_here():
    data = import_earl(json.loads((EARL / "report-tool-evaluation.json").read_text("utf-8")))
    assert [(p["url"], p["random"]) for p in data["sample"]] == [
        ("https://example.org/", False), ("https://example.org/contact/", False), ("https://example.org/news/1", True)]
    assert data["site"] == {"name": "Example city", "url": "https://example.org/"} and data["evaluator"] == "Aino Arvioija"
    (problem,) = data["problems"]
    assert problem["criteria"] == ["1.4.3"] and problem["description"] == "Grey footer text on white" and problem["pages"] == ["r1", "s1"]
    results = {r.criterion: r for r in criterion_results(data)}
    assert results["1.4.3"].outcome == "failed" and results["1.4.3"].note == "Checked with the colour picker"
    assert data["criteria"]["1.4.3"]["pages"] == {"s2": "passed"}
    assert (results["1.1.1"].outcome, results["1.2.2"].outcome, results["2.1.1"].outcome, results["4.1.3"].outcome) == (
        "passed", "not-present", "cannot-tell", "not-checked")  # AAA 1.4.6 is not among the 49: left out


def test_an_axe_earl_report_comes_in_as_the_tools_assertions_not_a_persons_outcomes():
    data = import_earl(json.loads((EARL / "axe-earl.json").read_text("utf-8")))
    assert [p["url"] for p in data["sample"]] == ["https://example.org/", "https://example.org/contact/"]
    assert [(a["test"], a["criteria"], a["outcome"]) for a in data["automated"]] == [
        ("color-contrast", ["1.4.3"], "failed"), ("image-alt", ["1.1.1"], "passed"), ("region", [], "not-present")]
    assert all(a["tool"].endswith("4.11.4") for a in data["automated"])
    assert all(r.outcome == "not-checked" for r in criterion_results(data))


def test_not_earl_is_refused():
    with pytest.raises(EvaluationError, match="no @graph"):
        import_earl({"hello": 1})
    with pytest.raises(EvaluationError, match="neither an evaluation nor any assertion"):
        import_earl({"@graph": []})
    assert wcag_test_id("2.4.4") == "WCAG2:link-purpose-in-context"
    bad = copy.deepcopy(json.loads((EARL / "report-tool-evaluation.json").read_text("utf-8")))
    del bad["@graph"][0]["structuredSample"]["webpage"][0]["description"]
    with pytest.raises(EvaluationError, match="without its address"):
        import_earl(bad)


def test_the_command_line_samples_exports_and_imports(tmp_path):
    from conftest import kaikille

    evaluation_file = tmp_path / "site.evaluation.json"
    made = kaikille("evaluate", "sample", HERE / "golden" / "input-results.json", "-o", evaluation_file, "--seed", "7")
    assert made.returncode == 0, made.stderr
    assert "49 criteria to evaluate" in made.stdout and read_evaluation(evaluation_file)["sample"] == sample_pages(RESULTS, seed=7)
    again = kaikille("evaluate", "sample", HERE / "golden" / "input-results.json", "-o", evaluation_file)
    assert again.returncode == 2 and "already exists" in again.stderr  # never overwritten
    earl = tmp_path / "site.earl.json"
    out = kaikille("evaluate", "export", evaluation_file, "--earl", "-o", earl)
    assert out.returncode == 0 and "0 of 49 criteria evaluated" in out.stdout
    back = kaikille("evaluate", "import", earl, "-o", tmp_path / "back.evaluation.json")
    assert back.returncode == 0, back.stderr
    assert semantic(read_evaluation(tmp_path / "back.evaluation.json")) == semantic(read_evaluation(evaluation_file))
    (tmp_path / "broken.json").write_text('{"@graph": [{"type": "Evaluation", "structuredSample": {"webpage": [{}]}}]}', "utf-8")
    broken = kaikille("evaluate", "import", tmp_path / "broken.json")
    assert broken.returncode == 2 and "without its address" in broken.stderr and "Traceback" not in broken.stderr


STATEMENTS = HERE / "statements"


def evaluated_site(problem: bool, leave_out: str | None = None) -> dict:
    """Kerro kantasi (clean-unevaluated.toml's site): every criterion passed by a person, or one
    problem on two pages, or one criterion left not checked."""
    pages = [{"id": "s1", "url": "https://kerrokantasi.hel.fi/", "title": "Kerro kantasi", "reasons": ["front-page"], "random": False},
             {"id": "s2", "url": "https://kerrokantasi.hel.fi/palaute", "title": "Palaute", "reasons": ["feedback"], "random": False}]
    data = new_evaluation("Kerro kantasi", "https://kerrokantasi.hel.fi/", ["https://kerrokantasi.hel.fi/"], pages)
    for sc, entry in data["criteria"].items():
        entry["outcome"] = "not-checked" if sc == leave_out else "passed"
    if problem:
        data["problems"].append({"id": "pr1", "criteria": ["1.4.3"], "pages": ["s1", "s2"], "fix_by": "2027-03-31",
                                 "description": {"fi": "Harmaa teksti valkoisella", "sv": "Grå text på vitt", "en": "Grey text on white"}})
    return data


def test_a_statement_from_the_evaluation_is_fully_compliant_only_when_all_49_are_evaluated_and_none_fails():
    from statements.build import build, with_evaluation
    from statements.render import as_json
    from statements.source import read_statement

    source = read_statement(STATEMENTS / "clean-unevaluated.toml")
    clean = [read_report(STATEMENTS / "clean-results-2.json")]
    today = dt.date(2026, 11, 22)
    assert build(source, clean, today).status == "partially"  # no person has evaluated
    fully, notes = with_evaluation(source, evaluated_site(problem=False))
    assert notes == [] and build(fully, clean, today).status == "fully"
    gap, _ = with_evaluation(source, evaluated_site(problem=False, leave_out="2.4.7"))
    unevaluated = build(gap, clean, today)
    assert unevaluated.status == "partially" and as_json(unevaluated, "en")["manual_evaluation"] == "partial"
    failing, _ = with_evaluation(source, evaluated_site(problem=True))
    statement = build(failing, clean, today)
    assert statement.status == "partially" and [n.criterion for n in statement.noncompliances] == ["1.4.3"]
    (found,) = statement.noncompliances[0].manual
    assert found.what == {"fi": "Harmaa teksti valkoisella", "sv": "Grå text på vitt", "en": "Grey text on white"}
    assert found.where["fi"] == "Kerro kantasi (https://kerrokantasi.hel.fi/); Palaute (https://kerrokantasi.hel.fi/palaute)"
    assert statement.noncompliances[0].fix_by == dt.date(2027, 3, 31)
    evidence = {c["criterion"]: c for c in as_json(statement, "fi")["criteria"]}
    assert evidence["1.4.3"]["result"] == "failed" and evidence["2.4.7"]["person"] is True


def test_statement_build_takes_the_evaluation_on_the_command_line(tmp_path):
    from conftest import kaikille

    evaluation_file = tmp_path / "kerrokantasi.evaluation.json"
    save_evaluation(evaluation_file, evaluated_site(problem=False), clock)
    result = kaikille("statement", "build", STATEMENTS / "clean-unevaluated.toml", "--results", STATEMENTS / "clean-results-2.json",
                      "--evaluation", evaluation_file, "--out", tmp_path / "out", "--today", "2026-11-22", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Status: fully" in result.stdout
    assert json.loads((tmp_path / "out" / "statement.en.json").read_text("utf-8"))["manual_evaluation"] == "full"
    bad = kaikille("statement", "build", STATEMENTS / "clean-unevaluated.toml", "--evaluation", tmp_path / "nope.json", "--out", tmp_path / "o2")
    assert bad.returncode == 2 and "nope.json: file not found" in bad.stderr


def test_what_automated_checks_know_of_each_criterion():
    from statements.sample import automated_knowledge

    contrast = automated_knowledge(RESULTS, "1.4.3")
    assert contrast.kind == "violations" and contrast.pages == ("http://127.0.0.1:8000/contrast.html",)
    assert automated_knowledge(RESULTS, "2.4.7").kind == "not-testable"  # a version 1 file records no tested criteria
    recorded = read_report(STATEMENTS / "clean-results-2.json")  # records what axe-core and kaikille's checks tested
    assert automated_knowledge(recorded, "1.1.1").kind == "passes"
    review = [sc for sc in ("2.4.3", "2.2.2", "3.1.1") if automated_knowledge(recorded, sc).kind == "flags-only"]
    assert review, "a criterion kaikille's checks only flag for review, with nothing flagged"
    assert automated_knowledge(recorded, "1.2.5").kind == "not-testable"


def test_a_problems_screenshot_is_kept_beside_the_evaluation_only_when_it_is_a_picture(tmp_path):
    import struct
    import zlib

    from statements.evaluation import ChangeRefused, save_picture

    def png(width: int, height: int) -> bytes:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))

    evaluation = tmp_path / "digituki.json"
    name = save_picture(evaluation, "pr1", png(4, 3))
    assert name == "digituki.files/pr1.png" and (tmp_path / name).read_bytes() == png(4, 3)
    with pytest.raises(ChangeRefused) as refused:
        save_picture(evaluation, "pr2", b"<html><script>alert(1)</script></html>")  # a page named .png is not a picture
    assert refused.value.code == "not-picture" and not (tmp_path / "digituki.files" / "pr2.png").exists()
    with pytest.raises(ChangeRefused) as refused:
        save_picture(evaluation, "pr3", b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024))
    assert refused.value.code == "too-big"
    data = new_evaluation("Site", "https://example.org/", [], [{"id": "s1", "url": "https://example.org/", "reasons": []}])
    data["problems"] = [{"id": "pr1", "criteria": ["1.1.1"], "description": "x", "pages": ["s1"], "screenshot": "../../etc/passwd"}]
    with pytest.raises(EvaluationError, match=r"problems\[0\]\.screenshot"):
        validate(data)
    data["problems"][0]["screenshot"] = name
    assert validate(data) is data
