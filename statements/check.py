"""`kaikille statement check`: does a published statement (anyone's) have what the law requires?

The page is read as a person reads it: by its sections, found by their headings (the text under a
heading up to the next heading of the same or a higher level; a paragraph that is all one short bold
phrase, an ARIA heading (role="heading") and a disclosure's summary do too). In Finnish, Swedish or English (the
language of its text, as py3langid identifies it, when the text says so clearly, else the page's
declared language):

- **status**: one of the model's three options, read from the status section (a compliance-status
  heading before a "how accessible is…" one; or, when it has no heading of its own, from the text
  before the first other section), never from a list of problems; wordings that are not one of
  the three (the old ESAVI tool's "täyttää kriittiset …", a level claimed in the author's own
  words, also before a loose "some parts are not fully accessible" on a page without a status
  section) are named as such; a status section in none of the known wordings is read by its parts
  (a compliance word, its degree, a negation, in a sentence about the site or the requirements);
- **non-accessible content**: a section of its own, the model's phrases, or problems cited by their
  WCAG success criterion (1.3.1) under any heading, unless the status is "fully";
- **feedback**: a real channel — an e-mail address (also one written as nimi(at)kunta.fi), a phone
  number or a link to a form — in the feedback section; HTML comments are not read;
- **supervisor** (by jurisdiction): in Finland, Traficom since 1.1.2025; naming only the former
  supervisor (AVI) is out of date; elsewhere in the EU, an enforcement section that names a body;
- **dates**: the dates labelled prepared / updated / reviewed in their sentence, or standing under the
  statement's own preparation heading (in any common form, month names from CLDR through Babel),
  never a planned update, a test's date, the service's publication or a law's date; the newest
  must be within 12 months.

Every problem has a stable code and the evidence it rests on (``--format json``). The phrases are
data: statements/data/check_patterns.json; the jurisdictions: statements/data/jurisdictions.json.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from urllib.parse import urljoin

import requests
from babel.dates import get_month_names
from bs4 import BeautifulSoup, Tag, UnicodeDammit
from bs4.element import NavigableString, PreformattedString
from py3langid.langid import MODEL_FILE as LANGID_MODEL
from py3langid.langid import LanguageIdentifier

from kaikille.errors import ToolFailure, UsageError
from kaikille.files import package_json
from kaikille.http import session as http_session
from kaikille.links import names_statement
from statements.build import REVIEW_MAX_DAYS
from statements.render import t

LANGUAGES = ("fi", "sv", "en")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w.])(?:\+\d|0)[\d\s()-]{5,22}\d(?!\w|\.\d)")  # +358 9 310 1234, 029 534 5000, 00 800 6 7 8 9 10 11
SUCCESS_CRITERION = re.compile(r"(?<![\d.])[1-4]\.[1-5]\.\d{1,2}(?![\d.]\d)")  # 1.3.1, 2.4.10; not 2.1 nor 10.6.2026
MODEL_STATUSES = ("fully", "partially", "not")
SELECTED = re.compile(r"(?:[☒☑✅]|\[x\]|\b(?:selected|valittu|vald|markerad)\s*:)\s*")  # a chosen option in a form-like list
LEVEL = re.compile(r"\bwcag\b[^.]{0,60}\baa?\b|\b(?:level|taso|tason|nivå)\s+aa?\b|\baa?[- ](?:level|tason?|nivå)", re.I)  # a conformance level named
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CODES = ("no-status", "not-a-model-status", "no-non-accessible-section", "no-feedback", "old-supervisor", "no-supervisor",
         "no-date", "stale")


@dataclass(frozen=True)
class Problem:
    code: str  # one of CODES: stable, for sweeps and trends
    message: str  # in the language asked for
    evidence: str = ""  # the text matched, or the dates found


@dataclass(frozen=True)
class CheckResult:
    source: str
    language: str
    found: tuple[Problem, ...]
    newest_date: dt.date | None
    status: str | None = None  # fully | partially | not, as the statement words it
    dates: tuple[dt.date, ...] = ()
    jurisdiction: str = "fi"

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(p.message for p in self.found)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.found)

    @property
    def passed(self) -> bool:
        return not self.found

    def as_json(self) -> dict:
        return {
            "source": self.source, "language": self.language, "jurisdiction": self.jurisdiction, "passed": self.passed,
            "status": self.status, "newest_date": self.newest_date.isoformat() if self.newest_date else None,
            "dates": [d.isoformat() for d in self.dates],
            "problems": [{"code": p.code, "message": p.message, "evidence": p.evidence} for p in self.found],
        }


@dataclass
class Section:
    heading: str  # lower case, spaces collapsed ("" for the text before the first heading)
    level: int
    text: str = ""  # lower case, spaces collapsed
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    items: int = 0  # list items directly in it (not in its subsections)


@cache
def patterns() -> dict:
    return package_json("statements", "data/check_patterns.json")


@cache
def jurisdictions() -> dict:
    return package_json("statements", "data/jurisdictions.json")


def read_page(target: str, timeout: float = 20) -> str:
    if target.startswith(("http://", "https://")):
        try:
            response = http_session().get(target, timeout=timeout)
        except requests.RequestException as exc:
            raise ToolFailure(f"{target}: cannot download ({exc.__class__.__name__})") from exc
        if response.status_code != 200:
            raise ToolFailure(f"{target}: HTTP {response.status_code}")
        if "charset" in response.headers.get("content-type", "").lower():
            return response.text
        return UnicodeDammit(response.content, is_html=True).unicode_markup  # the page's own <meta charset>, else detected
    try:
        return Path(target).read_text("utf-8")
    except FileNotFoundError:
        raise UsageError(f"{target}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{target}: cannot read ({exc})") from exc


CONTRACTION = re.compile(r"(\w)n['’]t\b")  # aren't, isn’t, doesn't: "not" as a word, for the wordings


# break opportunities and joiners a page puts inside long words ("Tillgänglighets&shy;redogörelse"):
# invisible, and no part of the word
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# the hyphen of "AA-taso" and "ei-saavutettava" as word processors and typographers set it: a
# non-breaking hyphen, a hyphen or a dash between two letters or digits
HYPHEN = str.maketrans({"\u2010": "-", "\u2011": "-"})
DASH_IN_WORD = re.compile(r"(?<=\w)[\u2012\u2013](?=\w)")


def _clean(text: str) -> str:
    text = DASH_IN_WORD.sub("-", " ".join(text.translate(INVISIBLE).translate(HYPHEN).split())).lower()
    text = text.replace("can't", "cannot").replace("can’t", "cannot").replace("won't", "will not")
    return CONTRACTION.sub(r"\1 not", text.replace("won’t", "will not"))


BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "div", "br", "blockquote", "section", "article", "tr"})
# a blank line in a text shown as it is (a translation string put on the page with v-html) parts paragraphs
PARAGRAPH_BREAK = re.compile(r"(?<=[^\s.!?:;,])[ \t]*\n[ \t]*\n\s*")


def _end_sentence(section: Section, mark: str = ".") -> None:
    """A paragraph, list item or cell ends a sentence even without its full stop ("Webbplatsen
    uppfyller delvis tillgänglighetskraven" followed by a list), so that a sentence is never read
    together with the next block. A row's first cell is the label of its second ("WCAG 2.1 Level AA |
    Compliant" reads "wcag 2.1 level aa: compliant.")."""
    if section.text.strip() and section.text.rstrip()[-1] not in ".!?:;,":
        section.text = section.text.rstrip() + mark


def _second_cell(element: Tag) -> bool:
    """Whether the element is the second cell of its table row: one cell before it, found by stepping
    back at most twice (counting all the cells before it would cost a row of n cells n² steps)."""
    if element.name not in ("td", "th"):
        return False
    first = element.find_previous_sibling(("td", "th"))
    return first is not None and first.find_previous_sibling(("td", "th")) is None


NUMBERING = re.compile(r"^(\d+(\.\d+)*\.?|[a-z]\)|[ivx]+\.)\s+")


# what a heading carries around its words: an icon or an arrow before them ("› Palaute"), a colon or
# a full stop after them ("Tjänstens tillgänglighet:")
HEADING_EDGES = re.compile(r"^[^\w(]+|[\s:.;,!*»›–—-]+$")


def _heading_words(text: str) -> str:
    """A heading's words, without the numbering some statements give their sections ("2. Tila"), an
    icon before them or a colon after them."""
    return HEADING_EDGES.sub("", NUMBERING.sub("", HEADING_EDGES.sub("", _clean(text))))


def _title(element: Tag) -> str:
    return _heading_words(element.get_text(" "))


def _aria_level(element: Tag) -> int:
    """An ARIA heading's level (aria-level, 2 when it has none or a wrong one)."""
    try:
        return min(max(int(str(element.get("aria-level", "2")).strip()), 1), 6)
    except ValueError:
        return 2


def _bold_title(element: Tag) -> bool:
    """A paragraph that is all one bold phrase, short and without a sentence's full stop, stands for
    a heading on pages whose section titles are set in bold rather than marked up ("<p><strong>Feedback
    and contact information</strong></p>"). With a full stop it is a title only when it names one of a
    statement's sections ("Innehåll som inte är förenligt med lagkrav eller bristande."): a bold
    sentence of other words stays text."""
    if element.name not in ("p", "div") or element.find(["a", "p", "div", "ul", "ol", "table", *HEADINGS]):
        return False
    bold = element.find(["strong", "b"])
    text = " ".join(element.get_text(" ").split())
    if bold is None or " ".join(bold.get_text(" ").split()) != text or not 2 <= len(text) <= 120 or text.endswith("!"):
        return False
    return not text.endswith(".") or any(heading_kinds(text[:-1], lang) for lang in LANGUAGES)


CHROME_ROLES = frozenset({"banner", "contentinfo", "navigation", "dialog", "alertdialog"})
CHROME_NAME = re.compile(r"^(?:(?:site|page|global|main|region)[-_]?)?footer(?:[-_]\w+)?$|cookie|consent", re.I)
HEADER_NAME = re.compile(r"^(?:(?:site|global|main|top)[-_]?)?(?:header|masthead|navbar|nav|menu|breadcrumbs?)(?:[-_]\w+)?$", re.I)


def _chrome(tag: Tag) -> bool:
    """A site's chrome around a statement, on a page without landmarks: an ARIA banner, contentinfo,
    navigation or dialog; a block named a (site) footer or a cookie banner ("site-footer",
    "cookie-banner"; not a statement's own "entry-footer"); a block named a site header, menu or
    breadcrumb that holds no h1 (the statement's title and the date beside it stay)."""
    if str(tag.get("role", "")).strip().lower() in CHROME_ROLES:
        return True
    if tag.name not in ("div", "section", "aside", "ul"):
        return False
    names = [name for name in (*tag.get("class", []), str(tag.get("id", ""))) if name]
    return (any(CHROME_NAME.search(name) for name in names)
            or (any(HEADER_NAME.search(name) for name in names) and tag.find("h1") is None))


# a site's copyright line ("© 2024 City", "Copyright © Example Oy"), never a statement's word about
# copyright-protected content
COPYRIGHT = re.compile(r"©\s*(?:\d{4}|[^\W\d_])|\bcopyright\s*(?:©|\(c\)|\d{4})", re.I)
FOOTER_MAX_CHARS = 600


def _unnamed_footer(mark: NavigableString, root: Tag) -> Tag | None:
    """The site footer a page marks by no landmark, role or name: the largest block around its copyright
    line that holds no heading, when it is short and ends the page after the content. A statement's
    feedback section is often its last; the site's e-mail address under it is no channel of the statement."""
    # every block that holds a heading, found once from the headings up (a page nested thousands deep
    # costs one pass, not one search of each block around the copyright line)
    holding: set[int] = set()
    for heading in (*root.find_all(HEADINGS), *root.find_all(attrs={"role": "heading"})):
        for parent in heading.parents:
            if id(parent) in holding:
                break
            holding.add(id(parent))
    block = None
    for parent in mark.parents:
        if parent is root or id(parent) in holding:
            break
        block = parent
    if block is None or len(" ".join(block.get_text(" ").split())) > FOOTER_MAX_CHARS:
        return None
    # a block right after a heading beside it is that heading's section, not the site's footer
    if any(isinstance(sibling, Tag) and (sibling.name in HEADINGS or sibling.get("role") == "heading")
           for sibling in block.previous_siblings):
        return None
    last = next(reversed(list(block.descendants)), block)
    shown = lambda text: bool(text.strip())  # noqa: E731
    if last.find_next(string=shown) is not None or block.find_previous(string=shown) is None:
        return None
    return block


def sections(soup: BeautifulSoup, left_out: list[str] | None = None) -> list[Section]:
    """The statement's text by section, in page order. Navigation, headers, footers and cookie notices
    of the site around it are left out when the page marks them: its main content, landmark elements,
    ARIA roles, blocks named so, or, ending a page that marks none, a short block around the site's
    copyright line. ``left_out`` collects the text of what is left out (never a script's)."""
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    if soup.find("wbr"):  # a word break opportunity inside a word joins its two halves again
        for opportunity in soup("wbr"):
            opportunity.decompose()
        soup.smooth()

    def leave_out(chrome: Tag) -> None:
        if left_out is not None:
            left_out.append(chrome.get_text(" "))
        chrome.decompose()

    main = soup.find("main") or soup.find(attrs={"role": "main"})
    root = main or soup.body or soup
    if main is not None and left_out is not None:
        # what the page holds around its main content, read with the main content set aside a moment
        placeholder = soup.new_tag("span")
        main.replace_with(placeholder)
        left_out.append((soup.body or soup).get_text(" "))
        placeholder.replace_with(main)
    # a header that holds the page's h1 is the statement's own title block (its date beside the title
    # stays), as a block named a header that holds one is; any other header, and every nav, is the site's
    for chrome in root.find_all(["nav"] if main else ["nav", "header", "footer"]):
        if not (chrome.name == "header" and chrome.find("h1") is not None):
            leave_out(chrome)
    if not main:
        # a page without a main landmark: the site's banner, footer, navigation and dialogs (a cookie
        # consent) by their ARIA roles, and its footer, cookie notice, header or menu by their names,
        # are not the statement (a site footer's e-mail address is no feedback channel of the statement)
        for chrome in root.find_all(_chrome):
            if not chrome.decomposed:
                leave_out(chrome)
        # only the page's last copyright line can stand in the footer that ends it
        footer = next((_unnamed_footer(mark, root) for mark in root.find_all(string=COPYRIGHT)[-1:]), None)
        if footer is not None:
            leave_out(footer)
    found = [Section("", 0)]
    level = 1  # of the last real heading: a bold paragraph standing for a heading sits one below it
    titles: set[int] = set()
    for element in root.descendants:
        if isinstance(element, Tag) and element.name in BLOCKS:
            _end_sentence(found[-1], ":" if _second_cell(element) else ".")
            found[-1].text += " "
            found[-1].items += element.name == "li"
        if isinstance(element, Tag) and element.name in HEADINGS:
            level = int(element.name[1])
            found.append(Section(_title(element), level))
        elif isinstance(element, Tag) and element.get("role") == "heading" and not element.find_parent(HEADINGS):
            # an ARIA heading is a heading to every reader and assistive technology
            titles.add(id(element))
            level = _aria_level(element)
            found.append(Section(_title(element), level))
        elif isinstance(element, Tag) and (element.name == "summary" or _bold_title(element)):
            # a disclosure's summary and a bold title paragraph stand one level below the last heading
            titles.add(id(element))
            found.append(Section(_title(element), min(level + 1, 6)))
        elif isinstance(element, Tag) and element.name == "a" and element.get("href"):
            found[-1].links.append((str(element["href"]), _clean(element.get_text(" "))))
        elif (isinstance(element, str) and not isinstance(element, PreformattedString) and not element.find_parent(HEADINGS)
              and not (titles and any(id(parent) in titles for parent in element.parents))):
            # inline elements join as the page shows them: "12<sup>th</sup> July" is "12th July"
            found[-1].text += PARAGRAPH_BREAK.sub(". ", element)
    for section in found:
        section.text = _clean(section.text)
    return found


def _span(found: list[Section], index: int) -> range:
    """The indices of the section at ``index`` and its subsections (up to the next heading of the
    same or a higher level)."""
    end = next((j for j in range(index + 1, len(found)) if found[j].level <= found[index].level), len(found))
    return range(index, end)


def _under(found: list[Section], index: int, until: frozenset[int] = frozenset()) -> Section:
    """The section at ``index`` with its subsections' text and links, up to the first subsection in
    ``until``."""
    head = found[index]
    whole = Section(head.heading, head.level, head.text, list(head.links))
    for j in _span(found, index)[1:]:
        if j in until:
            break
        sub = found[j]
        whole.text += " " + sub.heading + " " + sub.text
        whole.links += sub.links
    return whole


SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _sentence_before(text: str, position: int, width: int) -> str:
    """The part of the sentence that comes before ``position`` (at most ``width`` characters)."""
    return SENTENCE_END.split(text[max(0, position - width):position])[-1]


# the end of a site's domain name (a word, a dot and a common top-level domain)
DOMAIN_END = "(?:" + "|".join(rf"(?<=\w\.{tld})" for tld in ("fi", "se", "ax", "eu", "uk", "com", "org", "net")) + ")"


@cache
def _rx(rule: str) -> re.Pattern:
    """A rule as written in the data; "[^.]" (within a sentence) lets a dot inside a number or a
    name pass ("WCAG 2.1", "Metsa.fi"), the one after a version ("WCAG 2.1. tason") and the one after
    a site's name that ends in its domain ("uppfyller webbplatsen Planering av statens trafikleder.fi.
    delvis kriterierna")."""
    return re.compile(rule.replace("[^.]", rf"(?:[^.]|\.(?=\w)|(?<=\d\.\d)\.|{DOMAIN_END}\.)"))


def _matches(rules: list[str], text: str) -> re.Match | None:
    hits = [m for rx in rules for m in [_rx(rx).search(text)] if m]
    return min(hits, key=lambda m: m.start()) if hits else None


# a heading joining the non-accessible content and another subject ("Known limitations & assistance",
# "Kända brister och stöd") is read by its parts when the other is a group left out (only for that
# section: "and" is also inside names, "Contacting the Equality and Human Rights Commission")
HEADING_AND = re.compile(r"\s+(?:&|\+|and|och|samt|ja|sekä)\s+")


def _find(found: list[Section], group: str, lang: str, exclude: tuple[str, ...] = ()) -> list[int]:
    p = patterns()["headings"]

    def names(heading: str) -> bool:
        return bool(_matches(p[group][lang], heading)) and not any(_matches(p[other][lang], heading) for other in exclude)

    return [i for i, s in enumerate(found) if s.heading and _matches(p[group][lang], s.heading)
            and (names(s.heading) or group == "non_accessible" and any(names(part) for part in HEADING_AND.split(s.heading)))]


# a heading naming the feedback on non-accessible content ("Report non-accessible content"), its
# fixing ("Åtgärdande av brister") or support for those it keeps out ("We offer support to users for
# whom the web service is not accessible") is not the section listing it
NOT_NON_ACCESSIBLE = ("feedback", "remedy", "support")
# the supervisor's contact details ("Valvontaviranomaisen yhteystiedot") are not the feedback section
NOT_FEEDBACK = ("enforcement",)


def heading_kinds(heading: str, lang: str) -> set[str]:
    """What the checker takes a heading for, read as it reads a statement's headings: status,
    non_accessible, feedback, enforcement (none of them: an empty set)."""
    found = [Section("", 0), Section(_heading_words(heading), 2)]
    kinds = {"status"} if status_sections(found, lang) else set()
    kinds |= {"non_accessible"} if _find(found, "non_accessible", lang, exclude=NOT_NON_ACCESSIBLE) else set()
    kinds |= {"feedback"} if _find(found, "feedback", lang, exclude=NOT_FEEDBACK) else set()
    return kinds | ({"enforcement"} if _find(found, "enforcement", lang) else set())


def status_sections(found: list[Section], lang: str) -> list[int]:
    """The status sections (by index): a compliance-status heading before a "how accessible is…"
    question, which in some templates (the UK's) introduces the known limitations rather than the
    status; never a heading inside the list of problems ("Bristande förenlighet med lagkraven" under
    "Innehåll som inte är tillgängligt"), nor a question about "our" services in the plural ("Hur
    tillgängliga är våra e-tjänster?"), which points to those services' own statements."""
    listed = {j for i in _find(found, "non_accessible", lang, exclude=NOT_NON_ACCESSIBLE) for j in _span(found, i)[1:]}
    questions = _find(found, "status_question", lang, exclude=("status", "other_services"))
    return [i for i in _find(found, "status", lang) + questions if i not in listed]


def _outside(found: list[Section], lang: str,
             groups: tuple[str, ...] = ("non_accessible", "feedback", "enforcement", "remedy")) -> list[int]:
    """The sections (by index) that are not, nor belong to, a section of these groups (by default the
    non-accessible content, feedback, enforcement and remedy sections)."""
    covered = {j for group in groups for i in _find(found, group, lang) for j in _span(found, i)}
    return [i for i in range(len(found)) if i not in covered]


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(LANGID_MODEL, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _language(soup: BeautifulSoup, body: str) -> str:
    """The language the statement's text is written in, when its text says so clearly: a page's
    declared language is often its site template's (a Swedish or English statement under
    lang="fi", a Finnish one under a CMS's lang="en"; a Welsh council's lang="cy" over English
    text). The declared language decides a short or unclear text."""
    declared = (soup.html.get("lang", "") if soup.html else "").lower()[:2]
    if body.strip():
        language, probability = _identifier().classify(body)
        if declared not in LANGUAGES or (len(body.split()) >= 20 and probability >= 0.99):
            return language
    return declared if declared in LANGUAGES else "en"


OBFUSCATED_AT = re.compile(r"\s*[(\[{]\s*(?:at|ät)\s*[)\]}]\s*")
OBFUSCATED_DOT = re.compile(r"\s*[(\[{]\s*(?:dot|piste|punkt)\s*[)\]}]\s*")


def _deobfuscated(text: str) -> str:
    """E-mail addresses written against spam robots: nimi(at)hel.fi, name [at] example [dot] eu."""
    return OBFUSCATED_DOT.sub(".", OBFUSCATED_AT.sub("@", text))


def _phone(text: str) -> bool:
    """A phone number, not a short code: at least seven digits."""
    return sum(ch.isdigit() for ch in text) >= 7


def _complaint_body_contact(text: str) -> bool:
    """Whether the text is an address, phone number or site of a body a complaint goes to after the
    organisation has answered (the supervisor, the UK's Equality Advisory and Support Service): printed
    in a feedback section, it is no channel to the organisation."""
    return _matches(patterns()["complaint_body_contacts"], text.lower()) is not None


def _asked(text: str, position: int, lang: str) -> bool:
    """Whether the wording at ``position`` is asked rather than claimed: "to verify whether it meets
    the requirements" says nothing of the status."""
    return _matches(patterns()["asked_before"][lang], _sentence_before(text, position, 80)) is not None


def _claims(sentence: str, lang: str) -> bool:
    """Whether a sentence claims a level of accessibility (in any words), not merely asks about one. The
    words of a loose partial wording are not a claim of their own ("delar av webbplatsen inte uppfyller
    kraven": parts do not meet them)."""
    loose = _loose_spans(sentence, lang)
    return any(not _asked(sentence, m.start(), lang) and not any(m.start() in span for span in loose)
               for rx in patterns()["status_claim"][lang] for m in _rx(rx).finditer(sentence))


def _loose_spans(text: str, lang: str) -> list[range]:
    """Where the text words the loose partial option ("delar av webbplatsen inte är helt tillgängliga")."""
    return [range(*m.span()) for rx in patterns()["status"]["partially_loose"][lang] for m in _rx(rx).finditer(text)]


def status_of(text: str, lang: str) -> tuple[str | None, str]:
    """(fully | partially | not | other | None, the words matched) — the first status wording in
    the text; "other" is a wording that is none of the model's three options. A loose wording
    ("parts of this website are not fully accessible") counts as "partially" only when no other
    wording is found."""
    p = patterns()["status"]
    # a form's check-box list of the three options: the one marked as chosen ("☒ Partially compliant",
    # "Selected: Partially compliant"), not the first listed
    for marked in SELECTED.finditer(text):
        kind, words = status_of(text[marked.end():marked.end() + 80], lang)
        if kind in MODEL_STATUSES:
            return kind, words
    # "alla delar av tjänsten uppfyller inte kraven" (not all parts meet them) is a loose "partially",
    # not the "uppfyller inte" (does not meet) it contains
    within = _loose_spans(text, lang)
    found = [(m.start(), kind, m.group(0)) for kind in ("not", "partially", "fully", "other") for rx in p[kind][lang]
             for m in _rx(rx).finditer(text) if not any(m.start() in span for span in within) and not _asked(text, m.start(), lang)]
    # "Robust: Delvis uppfyllt." is the status of a WCAG principle, not of the site: only statuses of
    # parts, and no other, word a status in none of the model's options (and keep a loose wording out)
    ends = [m.end() for m in SENTENCE_END.finditer(text)] if found else []

    def before(position: int) -> str:  # the words of its sentence before a wording (boundaries found once)
        i = bisect.bisect_right(ends, position)
        return text[ends[i - 1] if i else 0:position]

    hits = [hit for hit in found if not _labelled("status_of_a_part", before(hit[0]), lang)]
    if found and not hits:
        return "other", min(found)[2]
    # "Level A: Fully conformant. Level AA: Partially conformant": the status against the requirement
    # (A and AA), not the one at level A alone, unless that is the only one worded
    lower = [hit for hit in hits if _labelled("status_of_a_lower_level", before(hit[0]), lang)]
    if lower and len(lower) < len(hits):
        hits = [hit for hit in hits if hit not in lower]
    if not hits:
        loose = _matches(p["partially_loose"][lang], text)
        return ("partially", loose.group(0)) if loose else (None, "")
    # the earliest wins; at the same place the more specific reading ("not fully" before "fully",
    # any of the three before a bare "meets the requirements")
    order = {"not": 0, "partially": 1, "fully": 2, "other": 3}
    start, kind, words = min(hits, key=lambda h: (h[0], order[h[1]]))
    # the old ESAVI tool's "critical requirements" as what the wording is about make it the tool's:
    # "uppfyller till största delen de kritiska kraven" is none of the model's options, while
    # "täyttää suurelta osin saavutettavuusvaatimukset, ja … kriittiset vaatimukset" is partially
    sentence = SENTENCE_END.split(text[start:], maxsplit=1)[0]
    # what a claim is about runs to its clause's end ("uppfyller delvis WCAG-kriteriernas kritiska A- och
    # AA-krav"), and at least 40 characters past it; a negation far from the critical requirements keeps its
    # reading ("se ei täytä lain edellyttämiä kriittisiä saavutettavuusvaatimuksia. Emme noudata vielä lakia.")
    about = len(words) + 40
    if kind != "not":
        about = max(about, next((m.start() for m in WORDING_CLAUSE_END.finditer(sentence, len(words))), len(sentence)))
    if kind != "other" and _matches(p["old_tool"][lang], sentence[:about]):
        return "other", sentence[:200]
    # "täyttää saavutettavuusvaatimukset, mutta ei kaikilta osin" / "meets the requirements, but not
    # fully": the qualifier later in the sentence makes the claim before it the partial option
    if kind in ("fully", "other"):
        qualified = _matches(p["qualified_partially"][lang], sentence)
        if qualified:
            return "partially", sentence[:qualified.end()][:200]
    return kind, words


def _labelled(group: str, before: str, lang: str) -> bool:
    """Whether a wording is labelled, in its sentence's words before it, as the pattern group says:
    "status_of_a_part" a part of WCAG — a principle, a guideline or a success criterion ("hanterbart
    (operable): delvis uppfyllt"); "status_of_a_lower_level" WCAG's level A alone ("Level A: Fully
    conformant")."""
    return _matches(patterns()[group][lang], before) is not None


# a status wording's clause ends at a comma or a semicolon
WORDING_CLAUSE_END = re.compile(r"[,;]")

# in a status section's first sentences: "(No. 2) Accessibility Regulations" goes on after "No.", and a
# colon that introduces a list ends the reading, not one inside a word ("pr:ssä")
STATUS_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bno\.)\s")
LIST_COLON = re.compile(r":(\s|$)")


def _has(group: str, sentence: str, lang: str) -> bool:
    """Whether the sentence has a word of the status lexicon's group. Compliance words and subjects are
    stems that also stand inside compounds (vaatimustenmukainen); degrees are whole words ("all" is not
    in "overall", "osittain" not in "kaikilta osin")."""
    whole = group in ("partial", "full")
    return any(re.search(word if "\\" in word else rf"\b{re.escape(word)}\b" if whole else re.escape(word), sentence)
               for word in patterns()["status_lexicon"][group][lang])


def composed_status(text: str, lang: str) -> tuple[str | None, str]:
    """The status read by its parts, when no known wording is found: a sentence about the site or
    the requirements with a compliance word, read with its degree ("i vissa delar förenlig",
    "vaatimukset täyttyvät pääosin": partially) and negation ("ei täytä": not; "not fully": partially);
    "other" when it is about the old tool's critical requirements."""
    def has(group: str, sentence: str) -> bool:
        return _has(group, sentence, lang)

    for sentence in STATUS_SENTENCE_END.split(text.strip())[:3]:  # a status comes first in its section
        if (LIST_COLON.search(sentence) or has("duty", sentence) or has("definition", sentence)
                or not (has("compliance", sentence) and has("about", sentence))):
            # a list of problems ("… saattaa olla: …"), the law's duty ("webbplatser ska vara tillgängliga"),
            # or what a level's name means ("AAA conformance means that our content meets all …")
            continue
        if _matches(patterns()["status"]["old_tool"][lang], sentence):
            return "other", sentence[:200]  # the old tool's "critical requirements": none of the model's options
        negated, partial, full = has("negation", sentence), has("partial", sentence), has("full", sentence)
        if partial or (negated and full):
            return "partially", sentence[:200]
        if negated:
            return "not", sentence[:200]
        if full:
            return "fully", sentence[:200]
    return None, ""


def _composed(texts: list[str], lang: str) -> tuple[str | None, str]:
    """The first status the texts give read by their parts (see ``composed_status``)."""
    return next(((found, used) for text in texts for found, used in [composed_status(text, lang)] if found), (None, ""))


def loose_status(words: str, lang: str) -> bool:
    return _matches(patterns()["status"]["partially_loose"][lang], words) is not None


@cache
def _months(lang: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context=context, locale=lang).items():
                names[name.lower().rstrip(".")] = number
    if lang == "fi":  # "marraskuussa 2025": the stand-alone name in the inessive
        names.update({name + "ssa": n for name, n in list(names.items()) if name.endswith("kuu")})
    return names


ISO_DATE = re.compile(r"(?<![\d.])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
DMY_DATE = re.compile(r"(?<![\d./-])(\d{1,2})(?:\.\s?(\d{1,2})\.\s?|/(\d{1,2})/|-(\d{1,2})-)((?:19|20)\d{2})(?!\d)")  # 10.6.2026, 10/06/2026, 10-06-2026
# "17/11/23": a two-digit year only with slashes, where no criterion number ("2.4.11") can be taken for a date;
# the law came in 2016, so such a year is this century's
DMY_SHORT = re.compile(r"(?<![\d./-])(\d{1,2})/(\d{1,2})/(\d{2})(?![\d/])")


@cache
def _month_dates(lang: str) -> tuple[dict[str, int], re.Pattern, re.Pattern, re.Pattern]:
    """The language's month names (and English ones) -> number, and the three patterns that use
    them: "3. marraskuuta 2025", "30-Nov-2022", "September 4, 2020", "December 2021". Built once per language."""
    months = _months(lang) | (_months("en") if lang != "en" else {})
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    day_month = re.compile(  # also "30-Nov-2022", "30/Nov/2022"
        rf"(?<![\d.])(\d{{1,2}})(?:\.|st|nd|rd|th)?(?:\s+(?:of\s+)?|([-/]))({names})\.?(?(2)\2|,?\s+)((?:19|20)\d{{2}})(?!\d)", re.I)
    month_day = re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})(?!\d)", re.I)
    month_year = re.compile(rf"\b({names})\.?,?\s+((?:19|20)\d{{2}})(?!\d)", re.I)
    return months, day_month, month_day, month_year


def dates_in(text: str, lang: str) -> list[dt.date]:
    """Every date in the text in a common form of the language (and ISO). A month and a year alone
    ("December 2021") count as the month's last day: no statement is called stale too early."""
    return [d for _, _, d in _date_spans(text, lang)]


def _date_spans(text: str, lang: str) -> list[tuple[int, int, dt.date]]:
    """The dates in the text with where each is written (start, end), in page order."""
    months, day_month, month_day, month_year = _month_dates(lang)
    found: list[tuple[int, int, dt.date]] = []
    taken: list[range] = []

    def add(match: re.Match, year: int, month: int, day: int | None) -> None:
        if any(match.start() in r for r in taken):
            return
        try:
            if day is None:
                following = dt.date(year + (month == 12), month % 12 + 1, 1)
                value = following - dt.timedelta(days=1)
            else:
                value = dt.date(year, month, day)
        except ValueError:
            return
        taken.append(range(match.start(), match.end()))
        found.append((match.start(), match.end(), value))

    for m in ISO_DATE.finditer(text):
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in DMY_DATE.finditer(text):
        add(m, int(m.group(5)), int(m.group(2) or m.group(3) or m.group(4)), int(m.group(1)))
    for m in DMY_SHORT.finditer(text):
        add(m, 2000 + int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in day_month.finditer(text):
        add(m, int(m.group(4)), months[m.group(3).lower()], int(m.group(1)))
    for m in month_day.finditer(text):
        add(m, int(m.group(3)), months[m.group(1).lower()], int(m.group(2)))
    for m in month_year.finditer(text):
        add(m, int(m.group(2)), months[m.group(1).lower()], None)
    return sorted(found, key=lambda x: x[0])


# dates listed after one label: "päivitetty 24.11.2019, 24.8.2020 ja 15.3.2021"
DATE_LIST_JOIN = re.compile(r"\s*(,|;|&|\bja\b|\bsekä\b|\boch\b|\bsamt\b|\band\b)\s*")


# a year alone right after the label ("last reviewed in 2024", "päivitetty vuonna 2023"): the year's last
# day, as a month alone is the month's last day
YEAR_ALONE = re.compile(r"\s*(?:in|during|vuonna|år|under)?\s*((?:19|20)\d{2})(?![\d/-]|\.\d)(?!\s*[-–]\s*\d)")


def _label_dates(text: str, lang: str) -> list[dt.date]:
    """The date a label is followed by, with the dates listed after it ("… ja 15.3.2021")."""
    spans = _date_spans(text, lang)
    year = YEAR_ALONE.match(text)
    if year and not any(start < year.end() for start, _, _ in spans):
        spans = [(year.start(1), year.end(1), dt.date(int(year.group(1)), 12, 31))] + spans
    dates = spans[:1]
    for span in spans[1:]:
        if not DATE_LIST_JOIN.fullmatch(text[dates[-1][1]:span[0]]):
            break
        dates.append(span)
    return [d for _, _, d in dates]


# a sentence's end that is not a date's own dot ("laadittu 3. marraskuuta 2025" goes on)
CLAUSE_END = re.compile(r"(?<=[^\d\s][.!?])\s")


def _after(text: str, position: int) -> str:
    """The rest of the sentence after ``position`` (at most 120 characters)."""
    return CLAUSE_END.split(text[position:position + 120], maxsplit=1)[0]


# what may stand between the service word and a participle set off by a comma that dates the service:
# the rest of the word ("webbplats|en") and the service's name or address ("www.example.fi")
SERVICE_NAMED = re.compile(r"\w*(?:\s+[\w.:/-]+)?\s*,\s*")


def _last_end(rules: list[str], text: str) -> int:
    """Where the last match of any of the rules ends in the text (-1: none)."""
    return max((m.end() for rule in rules for m in re.finditer(rule, text)), default=-1)


def labelled_dates(text: str, lang: str) -> list[dt.date]:
    """Dates that follow a word saying the statement was prepared, updated or reviewed (in the rest
    of its sentence, at most 120 characters), never a date quoted from a law."""
    found = []
    p = patterns()
    for word in p["review_words"][lang]:
        for m in re.finditer(word, text):
            # "will then be updated by 15 July 2025" is a plan, not a date of the statement
            if _matches(p["future_words"][lang], _sentence_before(text, m.start(), 40)):
                continue
            # "This web service was published on 2 May 2022 and updated on …": what was published
            # (not the statement) is what was updated
            before = _sentence_before(text, m.start(), 200)
            if _matches(p["publication_words"][lang], before) and not _matches(p["statement_words"][lang], before):
                continue
            found += _label_dates(_after(text, m.end()), lang)
    # "published" dates the statement only when the sentence is about the statement, and not when a
    # relative clause makes the service what was published ("this statement applies to the website
    # www.metsa.fi, which was published on …"; "the statement of the service was published on …" is
    # the statement's)
    for word in p["publication_words"][lang]:
        for m in re.finditer(word, text):
            before = _sentence_before(text, m.start(), 100)
            if not _matches(p["statement_words"][lang], before):
                continue
            service, statement = (_last_end(p[group][lang], before) for group in ("service_words", "statement_words"))
            # "… applies to the website, which was published on …" or, with the participle right after
            # it, "… applies to the website, published on …"
            if service > statement and (_matches(p["relative_words"][lang], before[service:]) or SERVICE_NAMED.fullmatch(before[service:])):
                continue
            found += _label_dates(_after(text, m.end()), lang)
    # "Det här utlåtandet bereddes i samband med bedömningen": the date of that assessment, in the
    # sentence before or in the same one ("… gjort en bedömning av webbplatsen i januari 2022.")
    for rule in p["prepared_with_assessment"][lang]:
        for m in _rx(rule).finditer(text):
            before = [s for s in SENTENCE_END.split(text[max(0, m.start() - 300):m.end()]) if s.strip()]
            found += [d for s in before[-2:] for d in dates_in(s, lang)][-1:]
    return found


def _enforcement_named(found: list[Section], body: str, lang: str) -> bool:
    """Elsewhere in the EU: an enforcement section that names a body (the EHRC, DIGG, a conciliation
    body, an authority…), or a sentence that names the procedure and its body. A template's "provide
    details about the enforcement procedure here" names none."""
    bodies = patterns()["enforcement_bodies"]
    if any(_matches(bodies, section.heading + " " + section.text) for section in (_under(found, i) for i in _find(found, "enforcement", lang))):
        return True
    return any(_matches(patterns()["enforcement_phrases"][lang], sentence) and _matches(bodies, sentence)
               for sentence in SENTENCE_END.split(body))


def unlabelled_dates(text: str, lang: str) -> list[dt.date]:
    """Every date, when none is labelled, except the date of a test ("This website was last tested
    on 11 May 2022": the UK model keeps that apart from the statement's own date; "Accessibility
    testing was performed … during September 2021"), the service's publication ("Webbplatsen
    offentliggjordes den 25 juni 2025"), a plan ("senast den 31 december 2025", "by March 2025"), a
    law's own date ("Law of 19 July 2018", "the Act applies from 28 June 2025") and the day data was
    fetched ("Datan hämtades … den 2026-10-07")."""
    cited = [dates_in(text[m.end():m.end() + span], lang)[:1]
             for words, span in ((patterns()["test_words"][lang], 60), (patterns()["law_date_words"][lang], 25))
             for word in words for m in re.finditer(word, text)]
    excluded = {d for found in cited for d in found}
    p = patterns()
    for sentence in SENTENCE_END.split(text):
        # a sentence naming a law, or saying when a test was carried out, and not naming the statement dates
        # the law or the test ("EU:s tillgänglighetsdirektiv … i kraft sedan 28 juni 2025", "Accessibility
        # testing was performed … during September 2021")
        about_a_law_or_test = (_matches(p["law_words"][lang] + p["test_sentence_words"][lang], sentence)
                               and not _matches(p["statement_words"][lang], sentence))
        if about_a_law_or_test or _matches(p["publication_words"][lang] + p["plan_words"][lang] + p["data_words"][lang], sentence):
            excluded.update(dates_in(sentence, lang))
    return [d for d in dates_in(text, lang) if d not in excluded]


def _channel(section: Section) -> str:
    """A real feedback channel in the section: an e-mail address, a phone number, or a link to a form
    or to mail or phone (a form, a support page, an issue tracker). The supervisor's own address or
    switchboard, or the complaints service's, often printed inside the feedback section, is not a channel
    to the organisation."""
    hit = next((m.group(0) for rx in (EMAIL, PHONE) for m in rx.finditer(_deobfuscated(section.text))
                if not _complaint_body_contact(m.group(0)) and (rx is EMAIL or _phone(m.group(0)))), "")
    form = next((href for href, text in section.links if not _complaint_body_contact(href) and (href.startswith(("mailto:", "tel:"))
                 or (href.startswith(("http", "/")) and re.search(patterns()["form_link"], (text + " " + href).lower())))), "")
    return hit or form


def _own_level_claim(found: list[Section], lang: str) -> str:
    """The first sentence, outside lists of problems, feedback, enforcement and support, that claims
    the standard's level in the author's own words ("This website has been designed to meet the WCAG
    2.1 Level AA standards"): not an aim ("we aim to …") nor a problem ("… may not be compliant with
    WCAG 2.1 AA"). Empty when there is none."""
    for i in _outside(found, lang, ("non_accessible", "feedback", "enforcement", "support")):
        for sentence in SENTENCE_END.split(found[i].text):
            if (LEVEL.search(sentence) and _claims(sentence, lang)
                    and not _has("duty", sentence, lang) and not _has("negation", sentence, lang)):
                return sentence[:200]
    return ""


def check_html(source: str, page: str, today: dt.date, messages: str = "en", jurisdiction: str = "fi") -> CheckResult:
    """``messages``: the language the problems are written in (the statements catalogs)."""
    rules = jurisdictions().get(jurisdiction)
    if rules is None:
        raise UsageError(f"unknown jurisdiction {jurisdiction!r} (known: {', '.join(jurisdictions())})")
    soup = BeautifulSoup(page, "html.parser")
    # what is left out as the site's chrome is kept aside: a statement's own date may stand outside its
    # main content ("This statement was last updated on …" in the page's footer)
    left_out: list[str] = []
    found_sections = sections(soup, left_out)
    body = " ".join(s.heading + " " + s.text for s in found_sections)
    lang = _language(soup, body)
    problems: list[Problem] = []

    def problem(code: str, key: str, evidence: str = "", **params: object) -> None:
        problems.append(Problem(code, t(messages, key, **params), evidence[:300]))

    # status: the status section, else what comes before the first other section, else anywhere
    heading = status_sections(found_sections, lang)
    others = [i for group in ("non_accessible", "feedback", "enforcement", "preparation") for i in _find(found_sections, group, lang)]
    first_other = min(others) if others else len(found_sections)
    # anywhere but in a list of problems ("the contrast of our button does not meet WCAG 2.1" under
    # "Kontrastproblem …" is no status)
    anywhere = " ".join(found_sections[i].text for i in _outside(found_sections, lang, ("non_accessible",)))
    # a status section's own subsections, not the list of problems that may follow inside it (a "Technical
    # information" heading set one level above "Non-accessible content" and its "Non-compliant …" parts)
    non_accessible = _find(found_sections, "non_accessible", lang, exclude=NOT_NON_ACCESSIBLE)
    listing = frozenset(non_accessible)
    places = [_under(found_sections, i, listing).text for i in heading] + [" ".join(s.text for s in found_sections[:first_other]), anywhere]
    # a status section whose first sentence claims a level of accessibility in none of the model's words
    claim = next((first for text in places[:len(heading)] if text.strip()
                  for first in [SENTENCE_END.split(text.strip(), maxsplit=1)[0][:200]]
                  if _claims(first.lower(), lang)), "")
    # with such a claim only the status sections are read: a model wording there, else the claim
    status, words = None, ""
    for at, text in enumerate(places[:len(heading)] if claim else places):
        if heading and at == len(heading):
            # none of the known wordings in the status sections: their first sentences read by their
            # parts come before the rest of the page, whose lists of problems say "does not meet"
            status, words = _composed(places[:len(heading)], lang)
            if status:
                break
        status, words = status_of(text, lang)
        if claim and loose_status(words, lang):  # "conforms to AA, but some parts are not fully accessible"
            status = None
        if status in MODEL_STATUSES or (status and not claim):
            break
    if claim and status not in MODEL_STATUSES:
        # the model's wording may still stand under a heading of the author's own ("Teknisk
        # information om webbplatsens tillgänglighet"), never in a list of problems, feedback or enforcement
        status, words = status_of(" ".join(found_sections[i].text for i in _outside(found_sections, lang)), lang)
        if status not in MODEL_STATUSES or loose_status(words, lang):
            status, words = "other", claim
    if status is None and not heading:
        # no status anywhere and no status section: a claim of the level in the author's own words is
        # none of the model's options
        words = _own_level_claim(found_sections, lang)
        status = "other" if words else None
    if not heading and status == "partially" and loose_status(words, lang):
        # no status section, and only "some parts are not fully accessible": a sentence before it that
        # claims the standard's level in the author's own words ("This website has been designed to
        # meet WCAG 2.1, level AA") makes it none of the model's options, as under a status heading
        text = next(place for place in places if words in place)
        level_claim = next((sentence[:200] for sentence in SENTENCE_END.split(text[:text.index(words)])
                            if _matches(patterns()["status_claim"][lang], sentence) and LEVEL.search(sentence)), "")
        if level_claim:
            status, words = "other", level_claim
    if status is None:
        problem("no-status", "check.no_status")
    elif status == "other":
        problem("not-a-model-status", "check.not_a_model_status", words, words=words)
        status = None

    # a section without a heading of its own: the model's phrases, or problems named by their WCAG
    # success criterion ("… (WCAG 1.3.1)") under whatever heading the author chose; the phrases count
    # only outside the feedback, enforcement and support sections ("Reporting non-accessible content"
    # names where to report, not what is non-accessible)
    describing = " ".join(found_sections[i].heading + " " + found_sections[i].text
                          for i in _outside(found_sections, lang, ("feedback", "enforcement", "support")))
    # and a list right in a section that says the problems are described below ("…, på grund av de
    # brister som beskrivs nedan" followed by them, under the status heading) or that parts are not
    # fully accessible ("How accessible this website is": a list with "We know some parts of this
    # website are not fully accessible." among its items)
    says_listed = patterns()["listed_below"][lang] + patterns()["status"]["partially_loose"][lang]
    listed = next((found_sections[i].text for i in _outside(found_sections, lang, ("feedback", "enforcement", "support"))
                   if found_sections[i].items and _matches(says_listed, found_sections[i].text)), "")
    described = (_matches(patterns()["non_accessible_phrases"][lang], describing) or SUCCESS_CRITERION.search(body)
                 or listed)
    if status != "fully" and not non_accessible and not described:
        problem("no-non-accessible-section", "check.no_non_accessible")

    feedback_at = _find(found_sections, "feedback", lang, exclude=NOT_FEEDBACK)
    feedback = [_under(found_sections, i) for i in feedback_at]
    channel = next((found for section in feedback or [Section("", 0, body, [link for s in found_sections for link in s.links])]
                    for found in [_channel(section)] if found), "")
    if not channel and feedback:
        # a feedback section whose contact details stand under titles of the same level ("Palaute",
        # then "Sähköposti" and "Puhelin" as bold paragraphs): the sections after it, up to the next
        # one the checker knows
        known = {i for group in ("status", "status_question", "non_accessible", "feedback", "enforcement", "preparation", "remedy")
                 for i in _find(found_sections, group, lang)}
        for start in feedback_at:
            following = list(itertools.takewhile(lambda j: j not in known, range(start + 1, len(found_sections))))
            channel = next((found for j in following for found in [_channel(found_sections[j])] if found), "")
            if channel:
                break
    if not channel and feedback:  # "contact us by the e-mail link below": an actual address after the feedback section
        after = found_sections[min(feedback_at) + 1:]
        channel = next((href for s in after for href, _ in s.links if href.startswith(("mailto:", "tel:")) and not _complaint_body_contact(href)), "")
    if not channel:
        problem("no-feedback", "check.no_feedback")

    if rules["supervisor"]:
        enforcement = [_under(found_sections, i).text for i in _find(found_sections, "enforcement", lang)]
        # without an enforcement section, only sentences about supervision or complaints: a
        # "Traficom" in a list of references does not tell the reader where to turn
        p = patterns()
        where = " ".join(enforcement) or " ".join(
            sentence for sentence in SENTENCE_END.split(body)
            if _matches(p["enforcement_phrases"][lang] + p["supervision_words"][lang], sentence))
        current = _matches(p["supervisor_current"], where)  # named: Traficom
        site = _matches(p["supervisor_site"], where)  # its web site: the former supervisor's too
        obsolete = _matches(p["supervisor_obsolete"], where)
        if obsolete and today < dt.date.fromisoformat(rules.get("supervisor_since", "0001-01-01")):
            current = obsolete  # checked as of a day when the former supervisor was still the supervisor
        if obsolete and not current:
            problem("old-supervisor", "check.old_supervisor", obsolete.group(0))
        elif not (current or site):
            problem("no-supervisor", "check.no_supervisor")
    elif not _enforcement_named(found_sections, body, lang):
        problem("no-supervisor", "check.no_enforcement")

    # under the statement's own preparation heading a date needs no label ("Preparation of this
    # accessibility statement: 12 July 2024"), though a test, a publication or a plan still does not date it
    prepared = [d for i in _find(found_sections, "preparation", lang) for d in unlabelled_dates(_under(found_sections, i).text, lang)]
    labelled = [d for d in labelled_dates(body, lang) + prepared if d <= today]
    if not labelled:
        # none in the statement: a sentence elsewhere on the page that names the statement and dates it
        naming = patterns()["statement_named"][lang]
        around = _clean(" ".join(left_out))
        named = " ".join(sentence for sentence in SENTENCE_END.split(around) if _matches(naming, sentence))
        labelled = [d for d in labelled_dates(named, lang) if d <= today]
    dates = labelled or [d for d in unlabelled_dates(body, lang) if d <= today]
    newest = max(dates) if dates else None
    if newest is None:
        problem("no-date", "check.no_date")
    elif (today - newest).days > REVIEW_MAX_DAYS:
        problem("stale", "check.stale", ", ".join(sorted({d.isoformat() for d in dates})), date=newest.isoformat())
    return CheckResult(source, lang, tuple(problems), newest, status, tuple(sorted(set(dates))), jurisdiction)


def check(target: str, today: dt.date, messages: str = "en", jurisdiction: str = "fi", render: str = "auto") -> CheckResult:
    """Check a statement file or page, read as ``read_published`` reads it."""
    return check_html(target, read_published(target, render), today, messages, jurisdiction)


RENDER_CHOICES = ("auto", "always", "never")
SHELL_WORDS = 30  # fewer words than this outside scripts, and scripts to run: an app's shell


def shows_only_with_javascript(markup: str) -> bool:
    """Whether a page fetched over HTTP is an app's shell: scripts, and hardly any text without them
    (a <noscript> "enable JavaScript" notice is no statement)."""
    soup = BeautifulSoup(markup, "html.parser")
    if soup.find("script") is None:
        return False
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    return len((soup.body or soup).get_text(" ").split()) < SHELL_WORDS


def read_published(target: str, render: str = "auto") -> str:
    """A statement page or file as a reader sees it: a page that shows its text only with JavaScript
    (an app's shell over HTTP) as the browser shows it ("auto"), or always, or never. The browser stage
    is found through the ``kaikille.page_markup`` entry point (the audit's), never imported."""
    page = read_page(target)
    if not target.startswith(("http://", "https://")) or render == "never":
        return page
    if render == "always" or shows_only_with_javascript(page):
        stage = next(iter(entry_points(group="kaikille.page_markup")), None)
        if stage is None:
            raise ToolFailure(f"{target}: the page shows its text only with JavaScript, and no browser stage is installed")
        return stage.load()(target)
    return page


def statement_link(front_page: str, base: str) -> str | None:
    """The address of the accessibility statement a site's front page links to, by the link's name."""
    soup = BeautifulSoup(front_page, "html.parser")
    for anchor in soup.find_all("a", href=True):
        name = _clean(anchor.get_text(" ") + " " + str(anchor.get("aria-label") or ""))
        if names_statement(name):
            return urljoin(base, str(anchor["href"]))
    return None
