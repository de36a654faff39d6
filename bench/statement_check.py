"""`kaikille statement check` on the real statements in tests/statements/real/: the confusion matrix
per problem code (as of each statement's own date), and how many statements got exactly the right
problems. Prints Markdown; --write-results puts it in bench/RESULTS.md.

    .venv/bin/python bench/statement_check.py [--write-results]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from results import write_section  # noqa: E402
from statements.check import CODES, check  # noqa: E402

REAL = ROOT / "tests" / "statements" / "real"
NOW = dt.date(2026, 11, 22)


def held_out_lines(expected: dict) -> list[str]:
    """Statements none of us had seen when the checker ran on them: what it reported on that first
    run (recorded in expected.json before the checker was changed because of them)."""
    lines = ["", "Held out (statements added after the checker was tuned on the earlier ones; first run, before any change made because of them):", "",
             "| round | statements | checks exactly right on the first run | false \"no status\" | false \"stale\" |",
             "| --- | ---: | ---: | ---: | ---: |"]
    totals = [0, 0, 0, 0, 0]
    for round_ in sorted({w["held_out"] for w in expected.values() if w.get("held_out")}):
        members = {n: w for n, w in expected.items() if w.get("held_out") == round_}
        # a verdict corrected after its first run is scored as first written
        pairs = [(set(w["first_run"][k]), set(w.get("verdict_corrected", {}).get("was", w)[k])) for w in members.values()
                 for k in ("problems", "problems_now")]
        exact = sum(got == want for got, want in pairs)
        false = {code: sum(code in got and code not in want for got, want in pairs) for code in ("no-status", "stale")}
        lines.append(f"| {round_} | {len(members)} | {exact} of {len(pairs)} ({100 * exact // len(pairs)}%) | {false['no-status']} | {false['stale']} |")
        totals = [a + b for a, b in zip(totals, (len(members), exact, len(pairs), false["no-status"], false["stale"]))]
    statements, exact, checks, no_status, stale = totals
    lines.append(f"| all | {statements} | {exact} of {checks} ({100 * exact // max(checks, 1)}%) | {no_status} | {stale} |")
    sentences = json.loads((REAL / "status_sentences.json").read_text("utf-8"))["sentences"]
    rounds = sorted({s.get("round", 20) for s in sentences})
    counts = [(r, [s for s in sentences if s.get("round", 20) == r]) for r in rounds]
    lines += ["", "Status sentences of published statements not held whole (`status_sentences.json`), read right on the first run: "
              + "; ".join(f"round {r}: {sum(s['first_run'] == s['status'] for s in group)} of {len(group)}" for r, group in counts) + ". "
              + "Under a status heading, as the whole checker reads a statement (its phrase reader, then claims and the reading by parts): "
              + "; ".join(f"round {r}: {sum(s['first_run_in_statement'] == s['status'] for s in group)} of {len(group)}"
                          for r, group in counts if all("first_run_in_statement" in s for s in group)) + "."]
    passages = json.loads((REAL / "date_passages.json").read_text("utf-8"))["passages"]
    rounds = sorted({s["round"] for s in passages})
    lines += ["", "Passages dating published statements (`date_passages.json`), newest labelled date read right on the first run: "
              + "; ".join(f"round {r}: {sum(s['first_run'] == s['newest'] for s in passages if s['round'] == r)} of "
                          f"{sum(s['round'] == r for s in passages)}" for r in rounds) + "."]
    headings = json.loads((REAL / "headings.json").read_text("utf-8"))["headings"]
    rounds = sorted({h["round"] for h in headings})
    lines += ["", "Headings of published statements (`headings.json`), taken for the right section on the first run: "
              + "; ".join(f"round {r}: {sum(sorted(h['first_run']) == sorted(h.get('verdict_corrected', {}).get('was', h['kinds'])) for h in headings if h['round'] == r)} of "
                          f"{sum(h['round'] == r for h in headings)}" for r in rounds) + "."]
    return lines


def parts_alone_line(expected: dict) -> str:
    """How the status read by its parts alone (statements.check.composed_status, the fallback when no
    known wording is found) does on the statements with a status section and one of the model's options."""
    from bs4 import BeautifulSoup
    from statements.check import MODEL_STATUSES, _under, composed_status, sections, status_sections
    right = silent = wrong = 0
    for name, want in expected.items():
        if want["status"] not in MODEL_STATUSES:
            continue
        found, lang = sections(BeautifulSoup((REAL / name).read_text("utf-8"), "html.parser")), want["language"]
        heads = status_sections(found, lang)
        if not heads:
            continue
        got = next((status for i in heads for status, _ in [composed_status(_under(found, i).text, lang)] if status), None)
        right += got == want["status"]
        silent += got is None
        wrong += got not in (None, want["status"])
    sentences = json.loads((REAL / "status_sentences.json").read_text("utf-8"))["sentences"]
    read = [(s["status"], composed_status(s["sentence"].lower(), s["lang"])[0]) for s in sentences]
    read = [(want, None if got == "other" else got) for want, got in read]
    model = [(want, got) for want, got in read if want is not None]
    return (f"The status read by its parts alone (no phrase list), on the {right + silent + wrong} statements with a status "
            f"section and one of the model's options: {right} right, {wrong} wrong, {silent} silent. On the status sentences "
            f"of `status_sentences.json`: {sum(w == g for w, g in model)} right, {sum(g not in (None, w) for w, g in model)} "
            f"wrong, {sum(g is None for _, g in model)} silent of {len(model)} with one of the model's options, and "
            f"{sum(g is not None for w, g in read if w is None)} of the {len(read) - len(model)} with none read as one.")


@cache
def real_page(name: str) -> str:
    """A real statement's page, read once for all the rewrites."""
    from statements.check import read_page
    return read_page(str(REAL / name))


def exactly_right(expected: dict, rewrite) -> tuple[int, int]:
    """(checks with exactly the right problems, checks) when every real statement's page is first
    rewritten by ``rewrite(page, verdict)``: each as of its own date and as of 2026-11-22."""
    from statements.check import check_html
    right = total = 0
    for name, want in sorted(expected.items()):
        page = rewrite(real_page(name), want)
        for day, problems in ((dt.date.fromisoformat(want["as_of"]), "problems"), (NOW, "problems_now")):
            got = set(check_html(name, page, day, jurisdiction=want.get("jurisdiction", "fi")).codes)
            right += got == set(want[problems])
            total += 1
    return right, total


def in_text(write):
    """A rewrite of the page's text alone, never its tags."""
    tag = re.compile(r"(<[^>]+>)")
    return lambda page, _want: "".join(part if part.startswith("<") else write(part) for part in tag.split(page))


HEADING = re.compile(r"<h([2-6])([^>]*)>(.*?)</h\1>", re.S | re.I)  # level, attributes, words


def other_markup_line(expected: dict) -> str:
    """The same checks with every h2–h6 heading written in another markup that pages use for section
    titles: how much of the reading rests on the headings being marked up as h2–h6."""
    forms = {"a bold paragraph": lambda m: f"<p><strong>{m.group(3)}</strong></p>",
             "an ARIA heading": lambda m: f'<div role="heading" aria-level="{m.group(1)}">{m.group(3)}</div>',
             "a disclosure's summary": lambda m: f"<details open><summary>{m.group(3)}</summary></details>"}
    counts = ["as {}, {} of {}".format(form, *exactly_right(expected, lambda page, _w, write=write: HEADING.sub(write, page)))
              for form, write in forms.items()]
    return ("The same statements with every h2–h6 heading written in another markup pages use for section titles, "
            "exactly the right problems: " + "; ".join(counts) + ".")


def other_date_forms_line(expected: dict) -> str:
    """The same checks with every dated day in a statement written in another common form of its
    language (Babel's month names): how much of the reading rests on the form the author chose."""
    from babel.dates import format_date
    from statements.check import _date_spans
    forms = {
        "numeric (10.6.2026; in English 10/06/2026)": lambda d, lang: f"{d:%d/%m/%Y}" if lang == "en" else f"{d.day}.{d.month}.{d.year}",
        "ISO 8601 (2026-06-10)": lambda d, lang: d.isoformat(),
        "written out (10. kesäkuuta 2026, 10 juni 2026, 10 June 2026)":
            lambda d, lang: format_date(d, "d. MMMM y" if lang == "fi" else "d MMMM y", locale=lang),
    }
    rewritten: dict[str, int] = {}

    def rewrite(page: str, want: dict, write, form: str) -> str:
        lang = want["language"]
        # only dates with a day: a month and a year alone ("December 2021") stay as written
        spans = [(a, b, d) for a, b, d in _date_spans(page.lower(), lang) if re.search(r"\d", re.sub(r"(19|20)\d\d", "", page[a:b]))]
        for a, b, d in reversed(spans):
            page = page[:a] + write(d, lang) + page[b:]
        rewritten[form] = rewritten.get(form, 0) + len(spans)
        return page

    counts = ["{}: {} of {}".format(form, *exactly_right(expected, lambda page, want, write=write, form=form: rewrite(page, want, write, form)))
              for form, write in forms.items()]
    return (f"The same statements with every dated day ({max(rewritten.values())} of them) written in another common form of the "
            "statement's language, exactly the right problems: " + "; ".join(counts) + ".")


# a site's chrome in each language: skip link, menu, cookie notice and its buttons, the site's contact
# details and copyright, the footer's links — words every municipal site has, none of them the statement's
CHROME = {
    "fi": ("Siirry sisältöön", ["Etusivu", "Palvelut", "Uutiset", "Palaute", "Yhteystiedot"],
           "Käytämme sivustolla evästeitä. Voit hyväksyä tai hylätä ne.", ["Hyväksy evästeet", "Hylkää"],
           "Kaupungintalo, PL 1, 00099 Kaupunki. Vaihde 09 310 1691. kirjaamo@example.fi", "© 2024 Kaupunki",
           ["Saavutettavuusseloste", "Tietosuoja", "Evästeasetukset"]),
    "sv": ("Gå till innehållet", ["Startsida", "Tjänster", "Nyheter", "Respons", "Kontakt"],
           "Vi använder kakor på webbplatsen. Du kan godkänna eller avvisa dem.", ["Godkänn kakor", "Avvisa"],
           "Stadshuset, PB 1, 00099 Staden. Växel 09 310 1691. registratur@example.fi", "© 2024 Staden",
           ["Tillgänglighetsutlåtande", "Dataskydd", "Kakinställningar"]),
    "en": ("Skip to content", ["Home", "Services", "News", "Feedback", "Contact us"],
           "We use cookies on this website. You can accept or reject them.", ["Accept cookies", "Reject"],
           "City Hall, PO Box 1, 00099 City. Switchboard +358 9 310 1691. registry@example.org", "© 2024 City",
           ["Accessibility statement", "Privacy", "Cookie settings"]),
}
CHROME_SHELLS = {
    "landmark elements": ('<div aria-label="cookies">{n}</div><header><nav><ul>{m}</ul></nav></header><main>{b}</main>'
                          "<footer><p>{a}</p><ul>{f}</ul><p>{c}</p></footer>"),
    "ARIA roles on divs": ('<div role="dialog" aria-label="cookies">{n}</div><div role="banner"><ul>{m}</ul></div><div>{b}</div>'
                           '<div role="contentinfo"><p>{a}</p><ul>{f}</ul><p>{c}</p></div>'),
    "divs named by class": ('<div class="cookie-banner">{n}</div><div class="site-header"><ul class="menu">{m}</ul></div>'
                            '<div class="content">{b}</div><div class="site-footer"><p>{a}</p><ul>{f}</ul><p>{c}</p></div>'),
    "unnamed divs": "<div>{n}</div><div><ul>{m}</ul></div><div>{b}</div><div><p>{a}</p><ul>{f}</ul><p>{c}</p></div>",
}


def chrome_line(expected: dict) -> str:
    """The same checks with each statement set in a site's page — a skip link, a cookie notice, a menu
    with "Feedback" and "Contact us", a footer with the site's e-mail address and switchboard — marked
    up in the ways sites do: landmark elements, ARIA roles on divs, divs named by class, unnamed divs."""
    def page_in(page: str, want: dict, shell: str) -> str:
        lang = want["language"]
        skip, menu, cookie, buttons, address, copyright_, links = CHROME[lang]
        head = re.search(r"<head>.*?</head>", page, re.S | re.I).group(0)
        body = re.search(r"<main[^>]*>(.*)</main>", page, re.S | re.I) or re.search(r"<body[^>]*>(.*)</body>", page, re.S | re.I)
        inner = shell.format(n=f"<p>{cookie}</p>" + "".join(f"<button>{b}</button>" for b in buttons),
                             m="".join(f'<li><a href="/{i}">{text}</a></li>' for i, text in enumerate(menu)), b=body.group(1),
                             a=address, f="".join(f'<li><a href="/f{i}">{text}</a></li>' for i, text in enumerate(links)), c=copyright_)
        # what the statement's page holds after its main content (its own footer, where a statement may
        # be dated) stays after it, at the page's end
        after = re.search(r"</main>(.*)</body>", page, re.S | re.I)
        inner += after.group(1) if after else ""
        return f'<!DOCTYPE html><html lang="{lang}">{head}<body><a href="#top">{skip}</a>{inner}</body></html>'

    counts = ["{}, {} of {}".format(markup, *exactly_right(expected, lambda page, want, shell=shell: page_in(page, want, shell)))
              for markup, shell in CHROME_SHELLS.items()]
    return ("The same statements set in a site's page (a cookie notice, a menu with \"Feedback\" and \"Contact us\", a footer "
            "with the site's e-mail address and switchboard), exactly the right problems, the chrome marked up as: " + "; ".join(counts) + ".")


def word_break_line(expected: dict) -> str:
    """The same checks with a break opportunity in the middle of every long word of the text, as pages
    put them in long compounds so that they wrap on a phone ("Tillgänglighets&shy;redogörelse")."""
    word = re.compile(r"\b([^\W\d_]{7,})([^\W\d_]{6,})\b")
    marks = {"a soft hyphen (&shy;)": "&shy;", "a zero-width space": "\u200b", "<wbr>": "<wbr>"}
    counts = ["{}, {} of {}".format(label, *exactly_right(expected, in_text(lambda t, mark=mark: word.sub(lambda m: m.group(1) + mark + m.group(2), t))))
              for label, mark in marks.items()]
    return ("The same statements with a break opportunity in the middle of every word of 13 letters or more, exactly the right "
            "problems: " + "; ".join(counts) + ".")


def typography_line(expected: dict) -> str:
    """The same checks with the text set as typographers and word processors set it: hyphens inside
    words as non-breaking hyphens or en dashes, apostrophes curly, spaces non-breaking."""
    forms = {
        "non-breaking hyphens (AA\u2011taso)": lambda t: re.sub(r"(?<=\w)-(?=[\w ])", "\u2011", t),
        "en dashes inside words": lambda t: re.sub(r"(?<=\w)-(?=\w)", "\u2013", t),
        "typographic apostrophes": lambda t: t.replace("'", "\u2019"),
        "non-breaking spaces": lambda t: t.replace(" ", "\u00a0"),
    }
    counts = ["{}, {} of {}".format(form, *exactly_right(expected, in_text(write))) for form, write in forms.items()]
    return "The same statements in other typography, exactly the right problems: " + "; ".join(counts) + "."


def declared_language_line(expected: dict) -> str:
    """The same checks with the page's declared language changed, as site templates set it whatever
    the statement's language: how much of the reading rests on the lang attribute."""
    declared = {'lang="fi"': ' lang="fi"', 'lang="sv"': ' lang="sv"', 'lang="en"': ' lang="en"', "none": ""}
    counts = ["{}, {} of {}".format(label, *exactly_right(expected, lambda page, _w, lang=lang: re.sub(r'<html(\s+lang="[^"]*")?', f"<html{lang}", page, count=1)))
              for label, lang in declared.items()]
    return "The same statements with every page declaring one language, exactly the right problems: " + "; ".join(counts) + "."


def heading_forms_line(expected: dict) -> str:
    """The same checks with every h2–h6 heading's words set as pages set them: a colon after them, an
    icon before them, a section number, all headings at one level."""
    forms = {
        "with a colon after": lambda m: f"<h{m.group(1)}{m.group(2)}>{m.group(3).strip()}:</h{m.group(1)}>",
        "with an icon before": lambda m: f'<h{m.group(1)}{m.group(2)}><span aria-hidden="true">›</span> {m.group(3).strip()}</h{m.group(1)}>',
        "numbered": lambda m: f"<h{m.group(1)}{m.group(2)}>3. {m.group(3).strip()}</h{m.group(1)}>",
        "all at level 2": lambda m: f"<h2{m.group(2)}>{m.group(3)}</h2>",
        "all at level 3": lambda m: f"<h3{m.group(2)}>{m.group(3)}</h3>",
    }
    counts = ["{}, {} of {}".format(form, *exactly_right(expected, lambda page, _w, write=write: HEADING.sub(write, page)))
              for form, write in forms.items()]
    return "The same statements with every h2–h6 heading's words set otherwise, exactly the right problems: " + "; ".join(counts) + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args()
    expected = {k: v for k, v in json.loads((REAL / "expected.json").read_text("utf-8")).items() if not k.startswith("_")}
    matrix = {code: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for code in CODES}
    exact = 0
    langs: dict[str, int] = {}
    for name, want in sorted(expected.items()):
        langs[want["language"]] = langs.get(want["language"], 0) + 1
        for day, problems in ((dt.date.fromisoformat(want["as_of"]), "problems"), (NOW, "problems_now")):
            got = set(check(str(REAL / name), day, jurisdiction=want.get("jurisdiction", "fi")).codes)
            exact += got == set(want[problems])
            for code, cell in matrix.items():
                key = {(True, True): "tp", (True, False): "fp", (False, True): "fn", (False, False): "tn"}[(code in got, code in want[problems])]
                cell[key] += 1
    lines = [
        "## `statement check` on real published statements",
        "",
        f"{len(expected)} statements by others ({', '.join(f'{n} {lang}' for lang, n in sorted(langs.items()))}), "
        "each checked twice — as of its own date and as of 2026-11-22 — against what a careful reader finds in it "
        f"(`tests/statements/real/`). Exactly the right problems: **{exact} of {2 * len(expected)}** checks. Command: `.venv/bin/python bench/statement_check.py --write-results`.",
        "",
        "| problem code | true positives | false positives | false negatives | true negatives |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| `{code}` | {c['tp']} | {c['fp']} | {c['fn']} | {c['tn']} |" for code, c in matrix.items()],
    ]
    lines += held_out_lines(expected)
    lines += ["", parts_alone_line(expected), "", other_markup_line(expected), "", other_date_forms_line(expected),
              "", chrome_line(expected), "", word_break_line(expected),
              "", typography_line(expected),
              "", declared_language_line(expected),
              "", heading_forms_line(expected)]
    text = "\n".join(lines)
    print(text)
    if args.write_results:
        write_section("statement-check", text)


if __name__ == "__main__":
    main()
