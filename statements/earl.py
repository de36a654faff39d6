"""EARL (JSON-LD) in and out, so that an evaluation can move between kaikille and W3C's WCAG-EM
Report Tool, and automated results come in as assertions made by their tool.

Out: the report tool's evaluation format (version 2: ``@graph`` with an ``Evaluation`` — scope,
structured and random sample, one ``auditResult`` assertion per criterion with the pages as its
parts — and the evaluator). In: that format (what the report tool saves), and EARL assertion lists
of an automated tool such as axe-core's EARL reporter (``earl:automatic`` assertions on web pages),
kept as the tool's assertions, never as a person's outcome.

Problems are kaikille's own idea: on the way out a problem becomes the description of the pages it
was seen on (one line each), under each criterion it fails; on the way in, the pages of a failed
criterion that share a description line become one problem, and one problem across criteria when
the description and the pages are the same, so an evaluation goes out and comes back the same. A
criterion's own description is its note.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kaikille.wcag import criteria_table, required_criteria
from statements.evaluation import EvaluationError, criterion_results, description, new_evaluation, validate

TO_EARL = {"passed": "earl:passed", "failed": "earl:failed", "cannot-tell": "earl:cantTell",
           "not-present": "earl:inapplicable", "not-checked": "earl:untested"}
FROM_EARL = {v: k for k, v in TO_EARL.items()}
CONTEXT = {
    "@vocab": "http://www.w3.org/TR/WCAG-EM/#", "wcagem": "http://www.w3.org/TR/WCAG-EM/#",
    "WCAG2": "http://www.w3.org/TR/WCAG21/#", "earl": "http://www.w3.org/ns/earl#", "dct": "http://purl.org/dc/terms/",
    "wai": "http://www.w3.org/WAI/", "sch": "http://schema.org/", "Evaluation": "wcagem:Evaluation",
    "EvaluationScope": "wcagem:EvaluationScope", "TestSubject": "earl:TestSubject", "WebSite": "sch:WebSite",
    "WebPage": "sch:WebPage", "Assertion": "earl:Assertion", "TestResult": "earl:TestResult", "title": "dct:title",
    "description": "dct:description", "date": "dct:date", "creator": {"@id": "dct:creator", "@type": "@id"},
    "evaluationScope": "step1", "conformanceTarget": {"@id": "step1b", "@type": "@id"}, "website": "WCAG2:dfn-set-of-web-pages",
    "siteName": "sch:name", "siteScope": "step1a", "structuredSample": "step3a", "randomSample": "step3b",
    "auditResult": "step4", "webpage": "WCAG2:dfn-web-page-s", "test": {"@id": "earl:test", "@type": "@id"},
    "assertedBy": {"@id": "earl:assertedBy", "@type": "@id"}, "subject": {"@id": "earl:subject", "@type": "@id"},
    "result": "earl:result", "mode": {"@id": "earl:mode", "@type": "@id"}, "hasPart": "dct:hasPart",
    "outcome": {"@id": "earl:outcome", "@type": "@id"}, "id": "@id", "type": "@type", "lang": "@language",
}


def wcag_test_id(sc: str) -> str:
    """1.4.3 -> 'WCAG2:contrast-minimum' (the criterion's anchor in WCAG 2.1)."""
    return "WCAG2:" + re.sub(r"[^a-z0-9]+", "-", criteria_table()[sc].handle.lower()).strip("-")


@cache
def _anchors() -> dict[str, str]:
    return {wcag_test_id(sc).split(":", 1)[1]: sc for sc in required_criteria()}


def _criterion_of(test: Any) -> str | None:
    anchors = _anchors()
    text = test.get("@id") or test.get("id") if isinstance(test, dict) else test
    if not isinstance(text, str):
        return None
    return anchors.get(re.split(r"[:#/]", text.rstrip("/"))[-1])


def export_earl(data: dict) -> dict:
    """Our evaluation in the report tool's format."""
    validate(data)
    node = {p["id"]: f"_:{'rand' if p.get('random') else 'struct'}_{p['id']}" for p in data["sample"]}
    results = []
    for sc in required_criteria():
        entry = data["criteria"].get(sc) or {"outcome": "not-checked", "note": "", "pages": {}}
        problems = [p for p in data.get("problems") or [] if sc in p["criteria"]]
        parts = []
        for page in data["sample"]:
            failed_here = [description(p, "en") for p in problems if page["id"] in p.get("pages", [])]
            outcome = "failed" if failed_here else (entry.get("pages") or {}).get(page["id"], "not-checked")
            if outcome == "not-checked" and not failed_here:
                continue
            parts.append({"type": "Assertion", "assertedBy": "_:evaluator", "subject": [node[page["id"]]],
                          "result": {"type": "TestResult", "outcome": TO_EARL[outcome], "description": "\n".join(failed_here)},
                          "mode": "earl:manual", "testcase": wcag_test_id(sc)})
        outcome = next(r.outcome for r in criterion_results(data) if r.criterion == sc)
        results.append({"type": "Assertion", "test": wcag_test_id(sc), "assertedBy": "_:evaluator", "subject": "_:website",
                        "result": {"type": "TestResult", "outcome": TO_EARL[outcome], "description": entry.get("note", "")},
                        "mode": "earl:manual", "hasPart": parts})

    def pages(random_ones: bool) -> list:
        return [{"type": ["TestSubject", "WebPage"], "id": node[p["id"]], "description": p["url"], "title": p.get("title", "")}
                for p in data["sample"] if bool(p.get("random")) == random_ones]

    evaluation = {
        "@context": CONTEXT, "type": "Evaluation", "lang": "en", "title": f"Report for {data['site']['name']}",
        "creator": "_:evaluator", "publisher": "https://github.com/kaikille",
        "evaluationScope": {"type": "EvaluationScope", "conformanceTarget": "wai:WCAG2AA-Conformance",
                            "website": {"type": ["TestSubject", "WebSite"], "id": "_:website", "siteName": data["site"]["name"],
                                        "siteScope": data["site"]["url"]}},
        "structuredSample": {"webpage": pages(False)}, "randomSample": {"webpage": pages(True)}, "auditResult": results,
    }
    evaluator = {"@context": {"@vocab": "http://xmlns.com/foaf/0.1/", "id": "@id", "type": "@type"},
                 "id": "_:evaluator", "type": "Person", "name": data.get("evaluator", "")}
    return {"@graph": [evaluation, evaluator]}


def _pages(block: Any) -> list:
    pages = block.get("webpage") if isinstance(block, dict) else None
    return pages if isinstance(pages, list) else []


def import_earl(raw: Any) -> dict:
    """An evaluation from the report tool's format, or from a tool's EARL assertions (axe)."""
    graph = raw.get("@graph") if isinstance(raw, dict) else raw if isinstance(raw, list) else None
    if not isinstance(graph, list):
        raise EvaluationError("EARL: no @graph of assertions")
    evaluation = next((n for n in graph if isinstance(n, dict) and n.get("type", n.get("@type")) == "Evaluation"), None)
    if evaluation is None:
        return _from_tool(graph)
    scope = evaluation.get("evaluationScope") or {}
    site = scope.get("website") or {}
    sample, ids = [], {}
    for random_ones, block in ((False, evaluation.get("structuredSample")), (True, evaluation.get("randomSample"))):
        for page in _pages(block):
            if not isinstance(page, dict) or not isinstance(page.get("description"), str):
                raise EvaluationError("EARL: a sample page without its address (description)")
            ident = f"{'r' if random_ones else 's'}{sum(p['random'] == random_ones for p in sample) + 1}"
            ids[page.get("id")] = ident
            sample.append({"id": ident, "url": page["description"], "title": str(page.get("title") or ""),
                           "reasons": ["random" if random_ones else "other"], "random": random_ones})
    data = new_evaluation(str(site.get("siteName") or ""), str(site.get("siteScope") or ""), [], sample)
    evaluator = next((n for n in graph if isinstance(n, dict) and n.get("id") == evaluation.get("creator")), {})
    data["evaluator"] = str(evaluator.get("name") or "")
    groups: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for assertion in evaluation.get("auditResult") or []:
        sc = _criterion_of(assertion.get("test")) if isinstance(assertion, dict) else None
        if sc is None:
            continue  # a criterion outside the 49 (AAA, 1.2.4): not part of this evaluation
        result = assertion.get("result") or {}
        outcome = FROM_EARL.get(result.get("outcome"), "not-checked")
        entry = data["criteria"][sc]
        failed_pages: dict[str, list[str]] = {}
        for part in assertion.get("hasPart") or []:
            subjects = part.get("subject") if isinstance(part.get("subject"), list) else [part.get("subject")]
            part_result = part.get("result") or {}
            part_outcome = FROM_EARL.get(part_result.get("outcome"), "not-checked")
            for subject in subjects:
                page = ids.get(subject)
                if page is None:
                    continue
                if part_outcome == "failed" and (part_result.get("description") or "").strip():
                    for text in part_result["description"].split("\n"):
                        failed_pages.setdefault(text.strip(), []).append(page)
                elif part_outcome != "not-checked":
                    entry["pages"][page] = part_outcome
        for text, pages in failed_pages.items():
            groups.setdefault((text, tuple(sorted(set(pages)))), set()).add(sc)
        # the criterion's own description is its note; a failure its pages explain is theirs
        entry["note"] = str(result.get("description") or "")
        entry["outcome"] = "not-checked" if outcome == "failed" and failed_pages else outcome
    data["problems"] = [{"id": f"pr{i + 1}", "criteria": sorted(criteria, key=required_criteria().index), "description": text,
                         "pages": list(pages), "screenshot": None}
                        for i, ((text, pages), criteria) in enumerate(sorted(groups.items(), key=lambda g: (min(map(required_criteria().index, g[1])), g[0][0])))]
    return validate(data)


def _from_tool(graph: list) -> dict:
    """A tool's EARL (e.g. axe-core's reporter): each web page becomes a sample page, each assertion
    an automated result of that tool, mapped to the criteria its test is part of where it says."""
    sample, automated, ids = [], [], {}
    for node in graph:
        if not isinstance(node, dict) or node.get("@type", node.get("type")) != "Assertion":
            continue
        subject = node.get("subject") or {}
        url = subject.get("source") or subject.get("description") if isinstance(subject, dict) else None
        test = node.get("test") or {}
        if not isinstance(url, str) or not isinstance(test, dict):
            raise EvaluationError("EARL: an assertion without its page (subject.source) or its test")
        if url not in ids:
            ids[url] = f"s{len(ids) + 1}"
            sample.append({"id": ids[url], "url": url, "title": "", "reasons": ["other"], "random": False})
        part_of = test.get("dct:isPartOf") or test.get("isPartOf") or []
        parts = part_of if isinstance(part_of, list) else [part_of]
        criteria = sorted({sc for p in parts if (sc := _criterion_of(p)) is not None}, key=required_criteria().index)
        automated.append({"page": ids[url], "tool": str(node.get("assertedBy") or ""), "test": str(test.get("title") or test.get("@id") or ""),
                          "criteria": criteria, "outcome": FROM_EARL.get((node.get("result") or {}).get("outcome"), "not-checked")})
    if not sample:
        raise EvaluationError("EARL: neither an evaluation nor any assertion on a web page")
    data = new_evaluation("", "", [], sample)
    data["automated"] = automated
    return validate(data)


__all__ = ["export_earl", "import_earl", "wcag_test_id"]
