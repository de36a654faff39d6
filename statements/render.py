"""A statement as a document per language, then as standalone HTML, an HTML fragment, Markdown, JSON.

Every sentence comes from the catalogs (statements/locales); every value from the statement file or
the audit is escaped by the renderer that outputs it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from kaikille.catalogs import text
from kaikille.files import package_json
from kaikille.links import is_safe_link, tel_target
from kaikille.wcag import criterion_name
from statements.build import EVIDENCE_ORDER, NOT_COMPLIANT_FROM, Statement
from statements.source import required_criteria

SCHEMA = "kaikille-statement/1"


def t(lang: str, key: str, **params: object) -> str:
    return text("statements", lang, key, **params)


def sc_title(sc: str, lang: str) -> str:
    """"1.4.3 Kontrasti (minimi)": the number and the official name; an asterisk marks a name that is
    not an official translation (explained once by ``unofficial_note``)."""
    name, official = criterion_name(sc, lang)
    return f"{sc} {name}" + ("" if official else "*")


def unofficial_note(criteria: list[str], lang: str) -> list[Block]:
    if all(criterion_name(sc, lang)[1] for sc in criteria):
        return []
    return [Block("p", [t(lang, "criteria.unofficial_note")])]


def date_text(lang: str, day: dt.date) -> str:
    return t(lang, "date.format", d=day.day, m=day.month, y=day.year, month=t(lang, f"month.{day.month}"))


@cache
def supervisor() -> dict:
    return package_json("statements", "data/supervisor.json")


_SIBLING = re.compile(r"^[A-Za-z0-9._-]+$")  # another language of the same statement, beside it


def safe_url(url: str) -> bool:
    """Only addresses that cannot run anything (``kaikille.links``), or a sibling file name."""
    return bool(_SIBLING.match(url)) or is_safe_link(url)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    lang: str | None = None  # set when the label is in another language than the page

    def __post_init__(self) -> None:
        if not safe_url(self.url):
            raise ValueError(f"refusing to link to {self.url!r}")


Inline = str | Link


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | ul | dl
    parts: list = field(default_factory=list)  # p: [Inline]; ul: [[Inline]]; dl: [(term, [Inline])]; h*: [str]


def status_key(st: Statement) -> str:
    """The status sentence: 'partially' with nothing known to fail and no burden claimed is partial
    only because not every requirement has been evaluated yet, and says so."""
    if st.status == "partially" and not st.noncompliances and not st.source.burdens:
        return "partially_unevaluated"
    return st.status


def document(st: Statement, lang: str, siblings: str | None = None) -> list[Block]:
    """The statement's blocks; ``siblings`` (e.g. 'statement.{lang}.html') links the other languages."""
    src = st.source
    org, service = src.organisation[lang], src.service[lang]
    sup = supervisor()[lang]
    doc = [Block("h1", [t(lang, "statement.title_for", service=service)])]
    others = [code for code in src.languages if code != lang]
    if others and siblings:
        links: list[Inline] = [t(lang, "label.in_language") + " "]
        for i, code in enumerate(others):
            links += ([", "] if i else []) + [Link(t(code, f"lang.{code}"), siblings.format(lang=code), code)]
        doc.append(Block("p", links))
    doc += [
        Block("p", [t(lang, "statement.commitment", organisation=org, service=service)]),
        Block("p", [t(lang, "statement.scope")]),
        Block("ul", [[Link(url, url)] for url in src.urls]),
        Block("h2", [t(lang, "h.status")]),
        Block("p", [t(lang, f"status.{status_key(st)}")]),
    ]
    if src.manual != "full":
        doc.append(Block("p", [t(lang, "status.not_fully_evaluated")]))

    doc += [Block("h2", [t(lang, "h.non_accessible")]), Block("p", [t(lang, "non_accessible.lead")]),
            Block("h3", [t(lang, "h.non_compliance")])]
    if not st.noncompliances:
        doc.append(Block("p", [t(lang, "noncompliance.none")]))
    for item in st.noncompliances:
        doc.append(Block("h4", [sc_title(item.criterion, lang)]))
        doc.append(Block("p", [t(lang, f"sc.{item.criterion}.problem")]))
        details: list[tuple[str, list[Inline]]] = []
        for finding in item.manual:
            details.append((t(lang, "finding.where"), [finding.where[lang]]))
            details.append((t(lang, "finding.what"), [finding.what[lang]]))
        if details:
            doc.append(Block("dl", details))
        if item.automated_pages:
            doc.append(Block("p", [t(lang, "finding.automated", count=item.automated_pages), " ", t(lang, "finding.examples")]))
            doc.append(Block("ul", [[Link(url, url)] if safe_url(url) and url.startswith("http") else [url]
                                    for url in item.examples]))
        doc.append(Block("p", [t(lang, "finding.fix_by", date=date_text(lang, item.fix_by)) if item.fix_by else t(lang, "finding.fix_unknown")]))
    if not st.evidence:
        doc += unofficial_note([item.criterion for item in st.noncompliances], lang)
    if src.burdens:
        doc += [Block("h3", [t(lang, "h.burden")]), Block("p", [t(lang, "burden.lead")])]
        for burden in src.burdens:
            doc.append(Block("dl", [(t(lang, "finding.what"), [burden.what[lang]]),
                                    (t(lang, "burden.why"), [burden.why[lang] + " " + t(lang, "burden.until", date=date_text(lang, burden.until))])]))
    if src.out_of_scope:
        doc += [Block("h3", [t(lang, "h.out_of_scope")]),
                Block("ul", [[t(lang, f"out_of_scope.{o.kind}") + (f" {o.detail[lang]}" if o.detail else "")] for o in src.out_of_scope])]
    if src.alternatives:
        doc += [Block("h3", [t(lang, "h.alternatives")]), Block("ul", [[a[lang]] for a in src.alternatives])]

    method = t(lang, f"prep.method.{src.method}", by=src.assessed_by[lang], date=date_text(lang, src.assessed_on))
    doc += [Block("h2", [t(lang, "h.preparation")]),
            Block("p", [t(lang, "prep.prepared", date=date_text(lang, src.prepared)), " ", t(lang, "prep.reviewed", date=date_text(lang, src.reviewed))]),
            Block("p", [method, " ", t(lang, f"prep.manual.{src.manual}")])]
    if st.automated:
        doc.append(Block("p", [t(lang, "prep.automated", axe=st.automated.engines, date=date_text(lang, st.automated.date), pages=st.automated.pages)]))
    doc += evidence_blocks(st, lang)

    contacts: list[tuple[str, list[Inline]]] = []
    if src.email:
        contacts.append((t(lang, "feedback.email"), [Link(src.email, f"mailto:{src.email}")]))
    if src.form:
        contacts.append((t(lang, "feedback.form"), [Link(src.form, src.form)]))
    if src.phone:
        contacts.append((t(lang, "feedback.phone"), [Link(src.phone, tel_target(src.phone))]))
    doc += [Block("h2", [t(lang, "h.feedback")]), Block("p", [t(lang, "feedback.lead", days=src.response_days)]), Block("dl", contacts),
            Block("p", [t(lang, "feedback.unit", unit=src.feedback_unit[lang])])]

    doc += [
        Block("h2", [t(lang, "h.enforcement")]),
        Block("p", [t(lang, "enforcement.lead", authority=sup["name"])]),
        Block("p", [Link(t(lang, "enforcement.complaint_link"), sup["complaint_page"])]),
        Block("h3", [t(lang, "h.supervisor_contact")]),
        Block("p", [f"{sup['name']}, {sup['unit']}"]),
        Block("dl", [
            (t(lang, "label.website"), [Link(sup["website"].removeprefix("https://"), sup["website"])]),
            (t(lang, "feedback.email"), [Link(sup["email"], f"mailto:{sup['email']}")]),
            (t(lang, "feedback.phone"), [sup["phone"]]),
        ]),
    ]
    return doc


def evidence_blocks(st: Statement, lang: str) -> list[Block]:
    """Every required criterion, grouped by what is known of it: failing, evaluated by a person,
    checked automatically, only flagged for review by automated checks, not evaluated."""
    if not st.evidence:
        return []
    blocks = [Block("h3", [t(lang, "h.evidence")]), Block("p", [t(lang, "evidence.lead", total=len(st.evidence))])]
    for result in EVIDENCE_ORDER:
        group = [e for e in st.evidence if e.result == result]
        if not group:
            continue
        items = []
        for e in group:
            text = sc_title(e.criterion, lang)
            engines = e.automated or e.review
            if engines and result != "failed":
                text += f" ({t(lang, 'evidence.by', engines=', '.join(engines))})"
            items.append([text])
        blocks += [Block("p", [t(lang, f"evidence.{result}", count=len(group))]), Block("ul", items)]
    return blocks + unofficial_note([e.criterion for e in st.evidence], lang)


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("statements", "templates"), autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def html_fragment(st: Statement, lang: str, siblings: str | None = None) -> str:
    """For a CMS: one <section lang=…> with the whole statement, starting with its h1."""
    return _env().get_template("fragment.html.j2").render(blocks=document(st, lang, siblings), lang=lang)


def html_page(st: Statement, lang: str) -> str:
    return _env().get_template("page.html.j2").render(
        fragment=html_fragment(st, lang, "statement.{lang}.html"), lang=lang,
        title=t(lang, "statement.title_for", service=st.source.service[lang]))


_MD = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def _md(value: str) -> str:
    return _MD.sub(r"\\\1", value)


def _md_target(url: str) -> str:
    """A link target for Markdown's <…> form: anything that could end it is percent-encoded (the
    rest, such as an internationalised host name, stays as it is)."""
    return re.sub(r"[<>\s\\`]", lambda m: quote(m.group(0)), url)


def markdown(st: Statement, lang: str) -> str:
    def inline(parts: list[Inline]) -> str:
        return "".join(f"[{_md(p.label)}](<{_md_target(p.url)}>)" if isinstance(p, Link) else _md(p) for p in parts)

    out: list[str] = []
    for block in document(st, lang, "statement.{lang}.md"):
        if block.kind.startswith("h"):
            out += ["#" * int(block.kind[1]) + " " + _md(block.parts[0]), ""]
        elif block.kind == "p":
            out += [inline(block.parts), ""]
        elif block.kind == "ul":
            out += [f"- {inline(item)}" for item in block.parts] + [""]
        elif block.kind == "dl":
            out += [f"- **{_md(term)}**: {inline(value)}" for term, value in block.parts] + [""]
    return "\n".join(out)


def as_json(st: Statement, lang: str) -> dict:
    src = st.source
    return {
        "format": SCHEMA,
        "language": lang,
        "organisation": src.organisation[lang],
        "service": src.service[lang],
        "urls": list(src.urls),
        "status": st.status,
        "status_decided_by": st.status_by,
        "status_rule": f"fully: no known non-compliance, no burden claim, full manual evaluation; not: {NOT_COMPLIANT_FROM} or more "
                       f"of {len(required_criteria())} required criteria failing; otherwise partially",
        "override_justification": src.override_justification or None,
        "manual_evaluation": src.manual,
        "noncompliances": [
            {
                "criterion": n.criterion,
                "name": criterion_name(n.criterion, lang)[0], "name_official": criterion_name(n.criterion, lang)[1],
                "problem": t(lang, f"sc.{n.criterion}.problem"),
                "automated_pages": n.automated_pages,
                "example_pages": list(n.examples),
                "manual": [{"where": f.where[lang], "what": f.what[lang]} for f in n.manual],
                "fix_by": n.fix_by.isoformat() if n.fix_by else None,
            }
            for n in st.noncompliances
        ],
        "disproportionate_burden": [{"what": b.what[lang], "why": b.why[lang], "until": b.until.isoformat()} for b in src.burdens],
        "out_of_scope": [{"kind": o.kind, "detail": o.detail.get(lang)} for o in src.out_of_scope],
        "alternatives": [a[lang] for a in src.alternatives],
        "assessment": {"method": src.method, "by": src.assessed_by[lang], "date": src.assessed_on.isoformat()},
        "automated": {"engines": st.automated.engines, "date": st.automated.date.isoformat(), "pages": st.automated.pages} if st.automated else None,
        "prepared": src.prepared.isoformat(),
        "reviewed": src.reviewed.isoformat(),
        "feedback": {"email": src.email or None, "form": src.form or None, "phone": src.phone or None, "response_days": src.response_days,
                     "unit": src.feedback_unit[lang]},
        "supervisor": supervisor()[lang],
        "review": st.review or None,
        "criteria": [{"criterion": e.criterion, "name": criterion_name(e.criterion, lang)[0], "result": e.result,
                      "automated": list(e.automated), "review_only": list(e.review), "person": e.person} for e in st.evidence],
        "warnings": list(st.warnings),
        "generated_on": st.built_on.isoformat(),
    }


FORMATS = {
    "html": ("statement.{lang}.html", html_page),
    "fragment": ("statement.{lang}.fragment.html", html_fragment),
    "markdown": ("statement.{lang}.md", markdown),
    "json": ("statement.{lang}.json", lambda st, lang: json.dumps(as_json(st, lang), indent=2, ensure_ascii=False) + "\n"),
}
