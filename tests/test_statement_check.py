"""`kaikille statement check` on statements of any author: files, and pages over HTTP on loopback."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import kaikille

from kaikille.loopback import serve
from statements.check import check

HERE = Path(__file__).parent / "statements"
CHECK = HERE / "check"
TODAY = dt.date(2026, 11, 22)


def problems(path: Path, today: dt.date = TODAY) -> tuple[str, ...]:
    return check(str(path), today).problems


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_our_own_statements_pass(lang):
    assert problems(HERE / "golden" / "partial" / f"statement.{lang}.html") == ()


def test_a_complete_current_statement_by_someone_else_passes():
    result = check(str(CHECK / "complete-sv.html"), TODAY)
    assert result.passed and result.language == "sv" and result.newest_date == dt.date(2026, 11, 3)


def test_the_old_avi_supervisor_is_flagged():
    found = problems(CHECK / "avi-fi.html")
    assert found == ("names the former supervisor (the Regional State Administrative Agency, AVI): since 1.1.2025 the supervisor is Traficom",)


def test_a_missing_status_is_flagged():
    assert problems(CHECK / "no-status-en.html") == ("no compliance status (fully, partially or not compliant) was found",)


def test_a_review_fourteen_months_old_is_flagged():
    # reviewed 15.11.2026; fourteen months later. Its fix dates (30.6.2027 …) are not review dates.
    found = problems(HERE / "golden" / "partial" / "statement.fi.html", today=dt.date(2028, 1, 15))
    assert found == ("the newest date in it is 2026-11-15, more than 12 months ago: the statement must be reviewed yearly",)


def test_missing_sections_are_each_named(tmp_path):
    page = tmp_path / "bare.html"
    page.write_text('<html lang="fi"><body><h1>Saavutettavuusseloste</h1><p>Tervetuloa.</p></body></html>', "utf-8")
    assert len(problems(page)) == 5




def test_cli_checks_pages_over_http_with_exit_codes(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(CHECK / "complete-sv.html", site / "ok.html")
    shutil.copy(CHECK / "avi-fi.html", site / "old.html")
    with serve(site) as base:
        ok = kaikille("statement", "check", base + "ok.html", "--today", "2026-11-22")
        old = kaikille("statement", "check", base + "old.html", "--today", "2026-11-22")
        gone = kaikille("statement", "check", base + "missing.html", "--today", "2026-11-22")
    assert ok.returncode == 0 and "OK (sv" in ok.stdout
    assert old.returncode == 1 and "former supervisor" in old.stdout
    assert gone.returncode == 3 and "HTTP 404" in gone.stderr
    nofile = kaikille("statement", "check", str(tmp_path / "nope.html"))
    assert nofile.returncode == 2 and "file not found" in nofile.stderr and "Traceback" not in nofile.stderr


# --- reading statements as people write them (our own short pages, each showing one way real
# statements are worded; the published statements themselves are in tests/statements/check/)

def page(lang: str, *sections: tuple[str, str], intro: str = "") -> str:
    body = "".join(f"<h2>{heading}</h2>{html}" for heading, html in sections)
    return f'<html lang="{lang}"><body><nav><a href="/palaute">Palaute</a> Traficom</nav><main><h1>Seloste</h1>{intro}{body}</main></body></html>'


FI_OK = [
    ("Saavutettavuuden tila", "<p>Verkkopalvelu vastaa suurilta osin digipalvelulain vaatimuksia.</p>"),
    ("Sisällöt, jotka eivät vielä ole saavutettavia", "<ul><li>Lomake ei täytä kontrastivaatimusta.</li></ul>"),
    ("Anna palautetta saavutettavuudesta", "<p>Sähköposti: saavutettavuus@example.fi</p>"),
    ("Valvontaviranomaisen yhteystiedot", "<p>Liikenne- ja viestintävirasto Traficom</p>"),
    ("Tietoa selosteesta", "<p>Seloste on laadittu 3. marraskuuta 2025 ja päivitetty 10.6.2026.</p>"),
]


def run(html: str, tmp_path: Path, today: dt.date = TODAY, jurisdiction: str = "fi"):
    path = tmp_path / "statement.html"
    path.write_text(html, "utf-8")
    return check(str(path), today, jurisdiction=jurisdiction)


def test_a_complete_finnish_statement_passes_and_its_status_comes_from_its_section(tmp_path):
    result = run(page("fi", *FI_OK), tmp_path)
    assert result.passed, result.found
    assert result.status == "partially"  # not the "ei täytä" of the list of problems
    assert result.newest_date == dt.date(2026, 6, 10)


@pytest.mark.parametrize("lang, words, status", [
    ("fi", "Palvelu vastaa täysin saavutettavuusvaatimuksia.", "fully"),
    ("fi", "Suurin osa saavutettavuusvaatimuksista ei toteudu.", "not"),
    ("fi", "Verkkosivusto täyttävät osittain vaatimukset.", "partially"),
    ("sv", "Webbplatsen uppfyller helt och hållet kraven.", "fully"),
    ("sv", "Kraven uppfylls till största delen.", "partially"),
    ("sv", "Webbplatsen uppfyller till stor del kraven.", "partially"),
    ("sv", "Webbplatsen uppfyller inte kraven.", "not"),
    ("en", "This website is not yet fully compliant with the requirements.", "partially"),
    ("en", "This website meets most of the requirements.", "partially"),
    ("en", "This website is fully compliant with the requirements.", "fully"),
])
def test_the_models_status_wordings_and_their_variants(lang, words, status):
    from statements.check import status_of

    assert status_of(words.lower(), lang)[0] == status


def test_the_old_esavi_wording_is_not_one_of_the_three_options(tmp_path):
    sections = [("Saavutettavuuden tila", "<p>Palvelu täyttää kriittiset saavutettavuusvaatimukset.</p>"), *FI_OK[1:]]
    result = run(page("fi", *sections), tmp_path)
    assert result.codes == ("not-a-model-status",) and "täyttää kriittiset" in result.found[0].evidence


@pytest.mark.parametrize("text, lang, expected", [
    ("uppdaterad 10 juni 2026", "sv", [dt.date(2026, 6, 10)]),
    ("laadittu 3. marraskuuta 2025", "fi", [dt.date(2025, 11, 3)]),
    ("päivitetty marraskuussa 2025", "fi", [dt.date(2025, 11, 30)]),
    ("updated on 4th September 2020", "en", [dt.date(2020, 9, 4)]),
    ("reviewed in December 2021", "en", [dt.date(2021, 12, 31)]),
    ("updated September 4, 2020", "en", [dt.date(2020, 9, 4)]),
    ("2026-06-10 and 10.6.2026", "fi", [dt.date(2026, 6, 10), dt.date(2026, 6, 10)]),
    ("den 1 mars 2026", "sv", [dt.date(2026, 3, 1)]),
    ("prepared on 30-Nov-2022", "en", [dt.date(2022, 11, 30)]),  # AIDE, round 115
    ("the 5-May-20221 build", "en", []),
    ("prepared on 17/11/23.", "en", [dt.date(2023, 11, 17)]),  # Defra payment data, round 145
    ("fails 2.4.11 and 1/2/345; open 24/7/365", "en", []),
])
def test_dates_in_every_common_form(text, lang, expected):
    from statements.check import dates_in

    assert dates_in(text, lang) == expected


def test_the_statement_date_is_the_labelled_one_not_the_laws(tmp_path):
    sections = [*FI_OK[:4], ("Tietoa selosteesta", "<p>Laki 15.3.2019/306 tuli voimaan 1.4.2019. Seloste on päivitetty 2.2.2024.</p>")]
    result = run(page("fi", *sections), tmp_path)
    assert result.codes == ("stale",) and result.newest_date == dt.date(2024, 2, 2)
    assert "2024-02-02" in result.found[0].evidence and "2019" not in result.found[0].evidence


def test_a_feedback_heading_is_not_the_non_accessible_section(tmp_path):
    sections = [("Status för överensstämmelse", "<p>Webbplatsen uppfyller delvis kraven.</p>"),
                ("Har du upptäckt brister i tillgängligheten?", "<p>Skriv till tillganglighet@example.fi</p>"),
                ("Tillsynsmyndighet", "<p>Transport- och kommunikationsverket Traficom</p>"),
                ("Om utlåtandet", "<p>Utlåtandet har uppdaterats den 3.11.2026.</p>")]
    assert run(page("sv", *sections), tmp_path).codes == ("no-non-accessible-section",)


def test_a_feedback_channel_must_be_in_the_feedback_section(tmp_path):
    sections = [*FI_OK[:2], ("Anna palautetta", "<p>Kerro meille saavutettavuuspuutteista.</p>"), *FI_OK[3:]]
    result = run(page("fi", *sections), tmp_path)  # the navigation's "Palaute" link does not count
    assert result.codes == ("no-feedback",)
    sections[2] = ("Anna palautetta", '<p><a href="https://example.fi/lomake">Palautelomake</a></p>')
    assert run(page("fi", *sections), tmp_path).passed


def test_the_supervisor_is_read_from_the_enforcement_section(tmp_path):
    formerly = [("Enforcement procedure", "<p>Traficom (formerly the Regional State Administrative Agency) supervises.</p>")]
    en = [("Compliance status", "<p>This website is partially compliant.</p>"),
          ("Non-accessible content", "<p>Some images lack text.</p>"),
          ("Feedback", "<p>accessibility@example.fi</p>"), ("Preparation", "<p>Prepared on 1 October 2026.</p>")]
    assert run(page("en", *en, *formerly), tmp_path).passed
    old = [("Enforcement procedure", "<p>Regional State Administrative Agency for Southern Finland, saavutettavuus@avi.fi</p>")]
    result = run(page("en", *en, *old), tmp_path)  # the navigation's stray "Traficom" is not the section
    assert result.codes == ("old-supervisor",) and result.found[0].evidence == "regional state administrative agency"


def test_the_eu_profile_asks_for_an_enforcement_section_not_for_traficom(tmp_path):
    en = [("Compliance status", "<p>This website is fully compliant.</p>"), ("Feedback", "<p>a11y@example.eu</p>"),
          ("Preparation", "<p>Reviewed on 1 October 2026.</p>")]
    assert run(page("en", *en), tmp_path, jurisdiction="eu").codes == ("no-supervisor",)
    enforcement = ("Enforcement procedure", "<p>Contact the national enforcement body.</p>")
    assert run(page("en", *en, enforcement), tmp_path, jurisdiction="eu").passed
    assert run(page("en", *en, enforcement), tmp_path, jurisdiction="fi").codes == ("no-supervisor",)


def test_a_sweep_finds_each_sites_statement_and_writes_json(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    (site / "a" / "index.html").write_text('<html lang="fi"><body><footer><a href="seloste.html">Saavutettavuusseloste</a></footer></body></html>', "utf-8")
    (site / "a" / "seloste.html").write_text(page("fi", *FI_OK), "utf-8")
    (site / "b" / "index.html").write_text('<html lang="fi"><body><p>Ei linkkiä.</p></body></html>', "utf-8")
    with serve(site) as base:
        sites = tmp_path / "sites.txt"
        sites.write_text(f"{base}a/index.html\n{base}b/index.html\n", "utf-8")
        swept = kaikille("statement", "check", "--sites", str(sites), "--today", "2026-11-22", "--format", "json")
    report = __import__("json").loads(swept.stdout)
    assert [r["source"] for r in report["checked"]] == [f"{base}a/seloste.html"] and report["checked"][0]["passed"]
    assert report["not_checked"] == [{"source": f"{base}b/index.html", "error": "no link named like an accessibility statement on the front page"}]
    assert swept.returncode == 3  # one site's statement could not be found; nothing found failed


def test_json_lists_each_problem_with_its_code_and_evidence(tmp_path):
    out = kaikille("statement", "check", str(CHECK / "avi-fi.html"), "--today", "2026-11-22", "--format", "json")
    problems = __import__("json").loads(out.stdout)["checked"][0]["problems"]
    assert out.returncode == 1 and [p["code"] for p in problems] == ["old-supervisor"] and problems[0]["evidence"]


# --- real statements published by others (tests/statements/real/: source in each file, verdicts in expected.json)

REAL = HERE / "real"
NOW = dt.date(2026, 11, 22)


def real_cases() -> list[str]:
    return sorted(name for name in __import__("json").loads((REAL / "expected.json").read_text("utf-8")) if not name.startswith("_"))


def expected(name: str) -> dict:
    return __import__("json").loads((REAL / "expected.json").read_text("utf-8"))[name]


@pytest.mark.parametrize("name", real_cases())
def test_a_real_statement_gets_exactly_the_right_problems_when_it_was_written(name):
    want = expected(name)
    result = check(str(REAL / name), dt.date.fromisoformat(want["as_of"]), jurisdiction=want.get("jurisdiction", "fi"))
    assert (result.language, result.status) == (want["language"], want["status"])
    assert result.newest_date == (dt.date.fromisoformat(want["newest"]) if want["newest"] else None)
    assert sorted(result.codes) == sorted(want["problems"])


@pytest.mark.parametrize("name", real_cases())
def test_a_real_statement_as_of_today_gets_exactly_the_right_problems(name):
    """As of 2026-11-22: stale only when its newest labelled date is over a year old, the former
    supervisor flagged only where it is the only one named, never a false "no status"."""
    want = expected(name)
    result = check(str(REAL / name), NOW, jurisdiction=want.get("jurisdiction", "fi"))
    assert sorted(result.codes) == sorted(want["problems_now"])


def test_confusion_matrix_per_check_on_the_real_statements():
    """Per problem code, over every real statement as of when it was written: true and false
    positives and negatives. Exactly right on all of them is the bar (the issue asks for 95% on
    statements none of us has seen; on these we know the answers)."""
    matrix = {code: {"tp": 0, "fp": 0, "fn": 0, "tn": 0} for code in __import__("statements.check", fromlist=["CODES"]).CODES}
    for name in real_cases():
        want = expected(name)
        for day, key in ((dt.date.fromisoformat(want["as_of"]), "problems"), (NOW, "problems_now")):
            got = set(check(str(REAL / name), day, jurisdiction=want.get("jurisdiction", "fi")).codes)
            for code, cell in matrix.items():
                cell[{(True, True): "tp", (True, False): "fp", (False, True): "fn", (False, False): "tn"}[(code in got, code in want[key])]] += 1
    assert all(cell["fp"] == 0 and cell["fn"] == 0 for cell in matrix.values()), matrix


@pytest.mark.parametrize("name, is_statement", [
    ("Saavutettavuusseloste", True), ("  SAAVUTETTAVUUSSELOSTE\n", True), ("Tillgänglighetsutlåtande", True),
    ("Tillgänglighetsredogörelse", True), ("Accessibility Statement", True), ("Saavutettavuus", True),
    ("Saavutettavuus ja esteettömyys kirjastossa", False), ("Accessibility of our buildings", False), ("Palaute", False),
])
def test_the_statement_link_is_known_by_its_name_in_three_languages(name, is_statement):
    """One rule for the sweep (`--sites`) and the audit's statement-link check."""
    from kaikille.links import names_statement
    assert names_statement(name) is is_statement


@pytest.mark.parametrize("lang, sentence, status", [
    ("fi", "Palvelu ei täytä täysin saavutettavuusvaatimuksia.", "partially"),
    ("fi", "Palvelu ei täytä saavutettavuusvaatimuksia.", "not"),
    ("fi", "Sivusto täyttää suurimmaksi osaksi vaatimukset.", "partially"),
    ("sv", "Webbplatsen uppfyller inte helt kraven.", "partially"),
    ("sv", "Webbplatsen uppfyller inte kraven.", "not"),
    ("sv", "Tjänsten uppfyller i huvudsak kraven.", "partially"),
    ("en", "The site does not fully meet the requirements.", "partially"),
    ("en", "The site does not meet the requirements.", "not"),
    ("en", "This website is mostly compliant with WCAG 2.1 AA.", "partially"),
    ("en", "The service is substantially conformant with WCAG 2.1.", "partially"),
])
def test_not_fully_is_partially_and_not_is_not(lang, sentence, status):
    """Wordings of ours around the three options: a negation of "fully" is "partially", a plain
    negation is "not", and the common qualifiers (mostly, i huvudsak, suurimmaksi osaksi) are "partially"."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == status


@pytest.mark.parametrize("lang, sentence, status", [
    ("sv", "Digital tjänsten uppfyller till största del de tillgänglighetskriterier som lagen förutsätter.", "partially"),
    ("sv", "Tjänsten uppfyller tillgänglighetskraven.", "fully"),
    ("sv", "Tjänsten uppfyller tillgänglighetskraven delvis.", "partially"),
])
def test_swedish_variants_met_in_the_held_out_rounds(lang, sentence, status):
    """"till största del" without -en is partially; the old tool's bare "uppfyller tillgänglighetskraven"
    is fully unless qualified; a negated "uppfyller inte alla" is never read as "fully"."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == status
    assert status_of("innehållet som nämns nedan uppfyller inte alla tillgänglighetskriterier.", "sv")[0] != "fully"


@pytest.mark.parametrize("text, lang, expected", [
    ("Redogörelsen uppdaterades senast den 16-05-2025.", "sv", [dt.date(2025, 5, 16)]),
    ("This accessibility statement applies to docs.csc.fi and was made on 13.02.2025.", "en", [dt.date(2025, 2, 13)]),
    ("Tämä verkkosivusto/sovellus on julkaistu 21.11.2019", "fi", []),  # the service's publication, not the statement's
    ("Seloste on julkaistu 3.2.2021.", "fi", [dt.date(2021, 2, 3)]),
])
def test_statement_dates_and_not_the_services(text, lang, expected):
    from statements.check import labelled_dates
    assert labelled_dates(text.lower(), lang) == expected


@pytest.mark.parametrize("number, is_phone", [
    ("00 800 6 7 8 9 10 11", True), ("+358 9 310 1234", True), ("029 534 5000", True), ("040 835 1033", True),
    ("0-100", False), ("01", False),
])
def test_phone_numbers_beyond_finnish_ones(number, is_phone):
    from statements.check import PHONE, _phone
    match = PHONE.search(f"Phone: {number}.")
    assert bool(match and _phone(match.group(0))) is is_phone


UK_SECTIONS = [
    ("How accessible this website is", "<p>We know some parts of this website are not fully accessible:</p><ul><li>old PDF files</li></ul>"),
    ("Feedback and contact information", '<p>Email <a href="mailto:help@example.gov.uk">help@example.gov.uk</a></p>'),
    ("Enforcement procedure", "<p>The Equality and Human Rights Commission (EHRC) enforces the regulations.</p>"),
]


def test_a_compliance_status_heading_is_read_before_a_how_accessible_heading(tmp_path):
    """The UK template's "How accessible this website is" lists known limitations; its status is in
    "Compliance status" further down (round 9: the D-TRO statement)."""
    sections = [*UK_SECTIONS, ("Compliance status", "<p>This service is fully compliant with WCAG 2.1 AA.</p>"),
                ("Preparation of this accessibility statement", "<p>This statement was prepared on 8 August 2026.</p>")]
    result = run(page("en", *sections), tmp_path, jurisdiction="eu")
    assert result.status == "fully" and result.passed, result.found
    # without the compliance-status section the loose wording is the status: partially
    result = run(page("en", *UK_SECTIONS, sections[-1]), tmp_path, jurisdiction="eu")
    assert result.status == "partially" and result.passed, result.found


def test_a_claim_of_conformance_is_not_turned_into_partially_by_a_loose_wording(tmp_path):
    """"This website conforms to AA and AAA, but some aspects are not fully accessible" claims a level
    in none of the model's words (round 9: the National Travel Survey diary); the date of a test is
    not the statement's date."""
    sections = [("How accessible this website is", "<p>This website conforms to AA and AAA accessibility standards, but we know "
                 "some aspects of this website are not fully accessible:</p><ul><li>a one-hour session</li></ul>"), *UK_SECTIONS[1:],
                ("Details of accessibility testing", "<p>This website was last tested on 11th May 2026.</p>")]
    result = run(page("en", *sections), tmp_path, jurisdiction="eu")
    assert result.codes == ("not-a-model-status", "no-date"), result.found
    assert "conforms to aa and aaa" in result.found[0].evidence


@pytest.mark.parametrize("sentence, status", [
    ("The MOOC learning environment complies largely with the relevant requirements.", "partially"),
    ("The digital service is for the most part complaint with all of the requirements.", "partially"),
    ("We know some parts of this website are not fully accessible.", "partially"),
    ("Content and functions not yet fully accessible: the charts.", None),
])
def test_english_wordings_met_in_round_nine(sentence, status):
    from statements.check import status_of
    assert status_of(sentence.lower(), "en")[0] == status


def test_a_conciliation_procedure_is_the_enforcement_section_under_eu_rules(tmp_path):
    """Germany's statements name the enforcement procedure "Conciliation procedure" (round 10: DLR)."""
    sections = [("Compliance status", "<p>At present, the website is partially compliant with the requirements.</p>"),
                ("Non-accessible content", "<ul><li>Maps have no text alternative.</li></ul>"),
                ("Reporting barriers: feedback and contact information", '<p><a href="https://example.de/en/contact-form">contact form</a></p>'),
                ("Conciliation procedure", "<p>You can turn to the conciliation body pursuant to Section 16 BGG.</p>"),
                ("Preparation of this accessibility statement", "<p>This statement was prepared on July 10th, 2026.</p>")]
    assert run(page("en", *sections), tmp_path, jurisdiction="eu").passed
    sections[3] = ("Other information", "<p>See our other pages.</p>")
    assert run(page("en", *sections), tmp_path, jurisdiction="eu").codes == ("no-supervisor",)


def test_problems_named_by_their_success_criterion_are_a_description_of_non_accessible_content(tmp_path):
    """Whatever the author calls the section, problems cited by WCAG success criterion describe
    non-accessible content; a year or a version number is not a criterion."""
    sections = [("Saavutettavuuden tila", "<p>Verkkopalvelu vastaa suurilta osin digipalvelulain vaatimuksia.</p>"),
                ("Mitä vielä korjataan", "<ul><li>Karttaa ei voi käyttää näppäimistöllä (WCAG 2.1.1).</li></ul>"), *FI_OK[2:]]
    assert run(page("fi", *sections), tmp_path).passed
    sections[1] = ("Mitä vielä korjataan", "<p>Palvelu noudattaa WCAG 2.1 -ohjeita 10.6.2026 alkaen.</p>")
    assert run(page("fi", *sections), tmp_path).codes == ("no-non-accessible-section",)


def test_an_unqualified_compliant_is_fully_and_comments_are_not_read(tmp_path):
    """"This website is compliant with WCAG 2.1 AA" claims full compliance (round 12: HMPPS WMT);
    contact details left in an HTML comment are not on the page (round 12: SpaceFinder)."""
    from statements.check import status_of
    assert status_of("this website is compliant with the wcag 2.1 aa standard.", "en")[0] == "fully"
    assert status_of("this website is not compliant with wcag 2.1 aa.", "en")[0] == "not"
    assert status_of("webbplatsen är förenlig med lagen.", "sv")[0] == "fully"
    sections = [*UK_SECTIONS[:1], ("Feedback and contact information", "<p>Please contact us:</p><!-- help@example.gov.uk -->"),
                *UK_SECTIONS[2:], ("Preparation of this accessibility statement", "<p>This statement was prepared on 8 August 2026.</p>")]
    assert run(page("en", *sections), tmp_path, jurisdiction="eu").codes == ("no-feedback",)


@pytest.mark.parametrize("lang, sentence, status", [
    ("en", "The website is non-conformant with WCAG 2.1 level AA.", "not"),
    ("sv", "Webbplatsen är helt överensstämmande med WCAG 2.1 nivå AA.", "fully"),
    ("sv", "Webbplatsen är fullt förenlig med lagen.", "fully"),
    ("sv", "Webbplatsen är inte överensstämmande med WCAG 2.1.", "not"),
])
def test_wordings_of_the_w3c_generator_and_the_digg_template(lang, sentence, status):
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == status


@pytest.mark.parametrize("text, lang, expected", [
    ("Seloste laadittiin 3.2.2026 ja päivitettiin 10.6.2026.", "fi", [dt.date(2026, 2, 3), dt.date(2026, 6, 10)]),
    ("Redogörelsen upprättades den 3 februari 2026.", "sv", [dt.date(2026, 2, 3)]),
    ("This statement was written on 3 February 2026.", "en", [dt.date(2026, 2, 3)]),
])
def test_past_passive_forms_label_the_statements_date(text, lang, expected):
    from statements.check import labelled_dates
    assert sorted(labelled_dates(text.lower(), lang)) == expected


def test_a_w3c_generator_statement_is_read_by_its_own_headings(tmp_path):
    sections = [("Conformance status", "<p>This website is partially conformant with WCAG 2.1 level AA.</p>"),
                ("Limitations and alternatives", "<p>Older PDF documents may lack tags.</p>"),
                ("Feedback", '<p>E-mail: <a href="mailto:a11y@example.eu">a11y@example.eu</a></p>'),
                ("Formal complaints", "<p>You may complain to the national enforcement body.</p>"),
                ("Date", "<p>This statement was created on 4 May 2026 using the W3C Accessibility Statement Generator Tool.</p>")]
    result = run(page("en", *sections), tmp_path, jurisdiction="eu")
    assert result.passed and result.status == "partially", result.found


def test_under_eu_rules_a_paragraph_naming_the_enforcement_body_is_enough(tmp_path):
    sections = [("Compliance status", "<p>This website is fully compliant with WCAG 2.1 AA.</p>"),
                ("Contact", '<p>E-mail <a href="mailto:a11y@example.eu">a11y@example.eu</a>. If our answer does not satisfy you, '
                 "the national supervisory authority handles complaints.</p>"),
                ("Preparation", "<p>This statement was prepared on 8 August 2026.</p>")]
    assert run(page("en", *sections), tmp_path, jurisdiction="eu").passed
    sections[1] = ("Contact", '<p>E-mail <a href="mailto:a11y@example.eu">a11y@example.eu</a>. Complain to us.</p>')
    assert run(page("en", *sections), tmp_path, jurisdiction="eu").codes == ("no-supervisor",)


def test_digg_templates_status_is_in_its_technical_information_section(tmp_path):
    """Sweden's DIGG template words the status under "Teknisk information om webbplatsens
    tillgänglighet", after a "Hur tillgänglig är webbplatsen?" in the author's own words
    (round 14: Tillväxtverket)."""
    sections = [("Hur tillgänglig är webbplatsen?", "<p>Webbplatsen är mestadels tillgänglig.</p>"),
                ("Rapportera brister", '<p>E-post: <a href="mailto:a@example.se">a@example.se</a></p>'),
                ("Tillsyn", "<p>Myndigheten för digital förvaltning har ansvaret för tillsyn.</p>"),
                ("Teknisk information om webbplatsens tillgänglighet", "<p>Den här webbplatsen är delvis förenlig med lagen.</p>"),
                ("Innehåll som inte är tillgängligt", "<ul><li>Kartan saknar textalternativ.</li></ul>"),
                ("Hur vi testat webbplatsen", "<p>Redogörelsen uppdaterades senast 1 september 2026.</p>")]
    result = run(page("sv", *sections), tmp_path, jurisdiction="eu")
    assert result.status == "partially" and result.passed, result.found


def test_a_model_wording_under_an_authors_own_heading_outranks_a_claim_in_own_words(tmp_path):
    """A "how accessible" answer in the author's words does not hide the model's wording further down
    under a heading of the author's own; a negation in the list of problems is never the status."""
    sections = [("Hur tillgänglig är webbplatsen?", "<p>Webbplatsen är mestadels tillgänglig.</p>"),
                ("Rapportera brister", '<p>E-post: <a href="mailto:a@example.se">a@example.se</a></p>'),
                ("Tillsyn", "<p>Myndigheten för digital förvaltning har ansvaret för tillsyn.</p>"),
                ("Om webbplatsen", "<p>Den här webbplatsen är delvis förenlig med lagen.</p>"),
                ("Innehåll som inte är tillgängligt", "<ul><li>Kartan uppfyller inte kraven.</li></ul>"),
                ("Hur vi testat webbplatsen", "<p>Redogörelsen uppdaterades senast 1 september 2026.</p>")]
    assert run(page("sv", *sections), tmp_path, jurisdiction="eu").status == "partially"
    sections[3] = ("Om webbplatsen", "<p>Vi arbetar med tillgängligheten.</p>")
    result = run(page("sv", *sections), tmp_path, jurisdiction="eu")
    assert result.codes == ("not-a-model-status",) and "mestadels tillgänglig" in result.found[0].evidence


def test_a_templates_enforcement_instructions_name_no_body_and_a_planned_update_is_no_date(tmp_path):
    """Round 15: a template's "provide details about the enforcement procedure here" is no enforcement
    section, and "this statement will then be updated by 15 July 2025" is a plan, not its date."""
    from statements.check import labelled_dates
    sections = [("Compliance status", "<p>This website is fully compliant with WCAG 2 Level AA.</p>"),
                ("Feedback and contact information", '<p>E-mail <a href="mailto:a11y@example.eu">a11y@example.eu</a></p>'),
                ("Enforcement procedure", "<p>Should your website fall under an accessibility law, provide details about "
                 "the applicable enforcement procedure here.</p>"),
                ("Preparation of this accessibility statement", "<p>This statement was prepared on 1st October 2026.</p>")]
    assert run(page("en", *sections), tmp_path, jurisdiction="eu").codes == ("no-supervisor",)
    sections[2] = ("Enforcement procedure", "<p>The Equality and Human Rights Commission is responsible for enforcing the regulations.</p>")
    assert run(page("en", *sections), tmp_path, jurisdiction="eu").passed
    text = "the statement was reviewed on 21 may 2025. this statement will then be updated by 15 july 2025."
    assert labelled_dates(text, "en") == [dt.date(2025, 5, 21)]


@pytest.mark.parametrize("written, is_channel", [
    ("Sähköposti: saavutettavuus(at)kunta.fi", True),
    ("E-post: tillganglighet [at] kommun [dot] se", True),
    ("Write to us at our office.", False),
    ("Sähköposti: saavutettavuus(at)avi.fi", False),  # the supervisor's address, not the organisation's
])
def test_an_address_written_against_spam_robots_is_a_feedback_channel(tmp_path, written, is_channel):
    sections = [FI_OK[0], FI_OK[1], ("Anna palautetta saavutettavuudesta", f"<p>{written}</p>"), *FI_OK[3:]]
    assert ("no-feedback" not in run(page("fi", *sections), tmp_path).codes) is is_channel


@pytest.mark.parametrize("text, lang, expected", [
    ("Tämä saavutettavuusseloste koskee docs.csc.fi-sivustoa ja se on tehty 13.02.2025.", "fi", [dt.date(2025, 2, 13)]),
    ("Den senaste bedömningen gjordes den 10 januari 2022.", "sv", [dt.date(2022, 1, 10)]),
])
def test_made_and_done_label_a_statements_date_too(text, lang, expected):
    from statements.check import labelled_dates
    assert labelled_dates(text.lower(), lang) == expected


@pytest.mark.parametrize("lang, sentence, status", [
    ("fi", "Sivusto täyttää valtaosiltaan lain vaatimat A- ja AA-tason saavutettavuuskriteerit.", "partially"),  # tasa-arvo.fi
    ("fi", "Sovelluksessa on puutteita, eikä sovellus täytä kaikilta osin WCAG-kriteerejä.", "partially"),  # OP
    ("fi", "Palvelu ei vielä täytä kaikilta osin saavutettavuusvaatimuksia.", "partially"),
    ("fi", "Palvelu täyttää lähes kaikki saavutettavuusvaatimukset.", "partially"),
    ("fi", "Palvelu on täysin saavutettava.", "fully"),
    ("fi", "Palvelu ei ole vielä kaikilta osin saavutettava.", "partially"),
    ("sv", "Tjänsten uppfyller nästan alla krav.", "partially"),
    ("sv", "Webbplatsen uppfyller för det mesta kraven.", "partially"),
    ("sv", "Webbplatsen är helt tillgänglig.", "fully"),
    ("sv", "Webbplatsen är inte helt tillgänglig.", "partially"),
    ("en", "The site meets nearly all of the requirements.", "partially"),
    ("en", "The website is mostly accessible.", "partially"),
    ("en", "The website is fully accessible.", "fully"),
    ("en", "The website is not yet fully accessible.", "partially"),
])
def test_qualified_wordings_in_each_language(lang, sentence, status):
    """Qualifiers met at the beginning of published statements outside the test set (tasa-arvo.fi,
    OP) and their common neighbours: "nearly all" is never "fully"."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == status


@pytest.mark.parametrize("source, sentence", [
    ("www.mynamaki.fi/saavutettavuusseloste/", "Täyttää saavutettavuusvaatimukset osittain."),
    ("www.kuntaliitto.fi/saavutettavuusseloste", "Kuntaliitto.fi-verkkopalvelu täyttää suurelta osin saavutettavuusvaatimukset, ja "
     "muutamia poikkeuksia lukuunottamatta sivustolla ei ole kriittisiä saavutettavuuspuutteita (täyttää WCAG-ohjeistuksen "
     "A- ja AA-tason kriittiset vaatimukset)."),
    ("www.porstuakirjastot.fi/saavutettavuusseloste", "Tämä verkkopalvelu täyttää Verkkosisällön saavutettavuusohjeiden "
     "(WCAG) 2.1 tason AA vaatimukset osittain."),
    ("www.svea.com/fi-fi/…/yrityslimiitti-saavutettavuusseloste", "Täyttää saavutettavuusvaatimukset osittain."),
])
def test_status_sentences_of_published_finnish_statements_read_as_partially(source, sentence):
    """The status sentences of four published Finnish statements outside the test set (read from the
    beginnings of their pages as stored by the search tool; the whole statements were not available,
    so they are not in tests/statements/real/). All four were read right before this test was written."""
    from statements.check import status_of
    assert status_of(sentence.lower(), "fi")[0] == "partially", source


def test_the_service_s_publication_and_plans_do_not_date_a_statement(tmp_path):
    """Round 17: "Webbplatsen offentliggjordes den 25 juni 2025" dates the site and "senast den 31
    december 2025" is a plan; a statement with only those has no date of its own. DIGG's "Vad kan du
    göra om du inte kan använda delar av webbplatsen?" is where its contact details are."""
    from statements.check import labelled_dates, unlabelled_dates
    text = "webbplatsen offentliggjordes den 25 juni 2025. ambitionen är att ha åtgärdat bristerna senast den 31 december 2025."
    assert labelled_dates(text, "sv") == [] and unlabelled_dates(text, "sv") == []
    assert unlabelled_dates("we plan to fix this by march 2025.", "en") == []
    assert unlabelled_dates("the accessibility was assessed by an external consultant in february 2020.", "en") == [dt.date(2020, 2, 29)]
    sections = [("Hur tillgänglig är webbplatsen?", "<p>Webbplatsen är delvis förenlig med lagen.</p>"),
                ("Vad kan du göra om du inte kan använda delar av webbplatsen?", "<p>Ring 08-123 456 78.</p>"),
                ("Rapportera brister", '<p><a href="#kontakt">Meddela oss</a>.</p>'),
                ("Tillsyn", "<p>Myndigheten för digital förvaltning har ansvaret för tillsyn.</p>"),
                ("Innehåll som inte är tillgängligt", "<ul><li>Kartan saknar textalternativ.</li></ul>"),
                ("Om webbplatsen", "<p>Webbplatsen offentliggjordes den 25 juni 2025.</p>")]
    assert run(page("sv", *sections), tmp_path, dt.date(2025, 7, 15), jurisdiction="eu").codes == ("no-date",)


def test_a_form_link_in_any_case_and_inflection_and_a_supervisor_only_where_supervision_is_spoken_of(tmp_path):
    """Round 18: Espoo's feedback form is "verkkolomakkeella" at ".../eFeedback/...", and a researcher's
    statement with no enforcement section names Traficom only in its list of references."""
    form = ("Anna palautetta", '<p>Voit antaa palautetta <a href="https://easiointi.example.fi/eFeedback/fi/20">verkkolomakkeella</a>.</p>')
    status = ("Saavutettavuuden tila", "<p>Verkkopalvelu vastaa suurilta osin digipalvelulain vaatimuksia.</p>")
    problems_ = ("Tunnetut rajoitukset", "<ul><li>Vanhan sisällön upotukset.</li></ul>")
    dated = ("Selosteen laatiminen", "<p>Seloste on laadittu 3.11.2026.</p>")
    references = ("Viittaukset", '<ul><li><a href="https://www.traficom.fi/">Saavutettavuusvaatimukset (Traficom)</a></li></ul>')
    assert run(page("fi", status, problems_, form, dated, references), tmp_path).codes == ("no-supervisor",)
    supervision = ("Lisätietoja", "<p>Liikenne- ja viestintävirasto Traficom valvoo saavutettavuusvaatimusten toteutumista.</p>")
    assert run(page("fi", status, problems_, form, dated, supervision), tmp_path).codes == ()


@pytest.mark.parametrize("lang, sentence", [
    ("sv", "Alla delar av tjänsten uppfyller inte kraven."),
    ("fi", "Kaikki palvelun osat eivät täytä saavutettavuusvaatimuksia."),
    ("en", "Not all parts of the service meet the requirements."),
])
def test_not_all_parts_is_a_loose_partially_and_not_a_does_not_meet(lang, sentence):
    """Round 19 (eVaka Turku in Swedish): "not all parts meet the requirements" contains "do not meet"
    but says "partially", loosely: a claim in the author's own words before it still decides."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "partially"


def test_a_claim_under_a_services_accessibility_heading_is_not_turned_into_partially(tmp_path):
    """Round 19: eVaka Turku's "Tjänstens tillgänglighet" section claims the AA criteria are met and
    then that not all parts meet them: none of the model's options. Its "Kända problem med
    tillgängligheten" lists the problems."""
    sections = [("Tjänstens tillgänglighet", "<p>Tjänsten uppfyller tillgänglighetskriterierna på nivåerna AA som krävs enligt "
                 "lagen (WCAG v2.1). Alla delar av tjänsten uppfyller inte kraven.</p>"),
                ("Kända problem med tillgängligheten", "<ul><li>Kartan kan inte användas med tangentbord.</li></ul>"),
                ("Ge feedback", '<p>E-post <a href="mailto:a@example.fi">a@example.fi</a>.</p>'),
                ("Tillsynsmyndighet", "<p>Transport- och kommunikationsverket Traficom övervakar tillgängligheten.</p>"),
                ("Om utlåtandet", "<p>Utlåtandet har upprättats den 3 november 2026.</p>")]
    result = run(page("sv", *sections), tmp_path)
    assert result.codes == ("not-a-model-status",), result.found
    assert "tillgänglighetskriterierna" in result.found[0].evidence


def _status_sentences() -> list[dict]:
    return __import__("json").loads((REAL / "status_sentences.json").read_text("utf-8"))["sentences"]


@pytest.mark.parametrize("case", _status_sentences(), ids=lambda c: f"{c['lang']}-{c['source'].split('/')[2]}")
def test_status_sentences_of_published_statements(case):
    """Round 20: status sentences of statements whose whole text is not at hand. "delvis inte förenlig"
    is partially, not "inte förenlig"; "meets … in certain respects" is partially; "uppfyller till
    största delen de kritiska kraven" is the old ESAVI tool's wording, none of the model's options."""
    from statements.check import check_html, status_of
    status, _ = status_of(case["sentence"].lower(), case["lang"])
    assert (None if status == "other" else status) == case["status"], case["sentence"]
    # and as the checker reads it under a status heading, with its reading of claims and by parts
    heading = {"fi": "Saavutettavuuden tila", "sv": "Tillgänglighetsstatus", "en": "Compliance status"}[case["lang"]]
    page = f'<html lang="{case["lang"]}"><body><main><h1>x</h1><h2>{heading}</h2><p>{case["sentence"]}</p></main></body></html>'
    assert check_html("status.html", page, TODAY, jurisdiction="eu").status == case["status"], case["sentence"]


def test_a_page_declaring_another_language_is_read_in_the_language_of_its_text(tmp_path):
    """Round 23: a Welsh community council's page declares lang="cy" over English text; the old guess
    from heading words took it for Swedish. A page with no lang at all is read the same way."""
    english = ('<html lang="cy"><body><main><h2>Accessibility</h2><p>This website has been designed to meet the Web Content '
               "Accessibility Guidelines (WCAG) 2.1, level AA.</p><p>Some parts of this website are not fully accessible, such "
               "as older minutes of council meetings (WCAG 2.1 success criterion 4.1.2).</p><p>If you find any problems, "
               'contact <a href="mailto:clerk@example.org">clerk@example.org</a>.</p><p>The Equality and Human Rights '
               "Commission (EHRC) is responsible for enforcing the accessibility regulations.</p></main></body></html>")
    result = run(english, tmp_path, jurisdiction="eu")
    assert result.language == "en"
    assert result.codes == ("not-a-model-status", "no-date"), result.found
    assert "designed to meet" in result.found[0].evidence
    swedish = page("sv", *[("Tillgänglighetsstatus", "<p>Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital "
                            "offentlig service.</p>")]).replace(' lang="sv"', "")
    assert run(swedish, tmp_path).language == "sv"


def test_without_a_status_section_a_loose_wording_alone_is_still_partially(tmp_path):
    """The claim that makes "not fully accessible" none of the model's options must name a level;
    "this statement explains how the website complies with the law" does not."""
    html = ('<html lang="en"><body><main><h1>Accessibility</h1><p>This statement explains how this website complies with '
            "the accessibility regulations.</p><p>Some parts of this website are not fully accessible.</p></main></body></html>")
    assert run(html, tmp_path, jurisdiction="eu").status == "partially"


def test_a_status_section_is_read_without_the_list_of_problems_set_under_it(tmp_path):
    """Round 141 (the Workforce Management Tool): "Technical information" set as h1 holds, as h2s,
    "Non-accessible content", "Non-compliance with the accessibility regulations" and "Non-compliant
    third-party graph"; "non-compliant" in the last was read as the status, "not compliant", where the
    page's only status is "some parts of this website are not fully accessible"."""
    html = ('<html lang="en"><body><main><h1>Accessibility statement</h1><h2>How accessible this website is</h2>'
            "<p>We know some parts of this website are not fully accessible.</p>"
            '<h2>Reporting accessibility problems</h2><p>Email <a href="mailto:a@example.org">a@example.org</a>.</p>'
            "<h2>Enforcement procedure</h2><p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
            "the accessibility regulations.</p><h1>Technical information about this website’s accessibility</h1>"
            "<p>We are committed to making this website accessible.</p><h2>Non-accessible content</h2>"
            "<p>The content listed below is non-accessible for the following reasons:</p>"
            "<h2>Non-compliance with the accessibility regulations</h2><ol><li>Some tables have no row headers.</li></ol>"
            "<h2>Non-compliant third-party graph</h2><ol><li>The graph is not readable by screen readers.</li></ol>"
            "<h1>Preparation of this accessibility statement</h1><p>This statement was prepared on 10 October 2025.</p>"
            "</main></body></html>")
    result = run(html, tmp_path, dt.date(2025, 11, 1), jurisdiction="eu")
    assert (result.status, result.codes) == ("partially", ()), result.found


def test_a_status_word_in_a_heading_inside_the_list_of_problems_is_not_the_status_section(tmp_path):
    """Round 24 (Katrineholm's AI-hubben): DIGG's "Bristande förenlighet med lagkraven" under "Innehåll
    som inte är tillgängligt" was taken for the status section, and "kanske inte alltid uppfyller
    tillgänglighetskraven" in it for "fully"."""
    html = ('<html lang="sv"><body><main><h1>Tillgänglighetsredogörelse</h1>'
            "<h2>Hur tillgänglig är webbplatsen?</h2><p>Webbplatsen är delvis förenlig med lagen om tillgänglighet till "
            "digital offentlig service.</p><h2>Innehåll som inte är tillgängligt</h2><h3>Bristande förenlighet med lagkraven</h3>"
            "<ul><li>PDF-dokument kanske inte alltid uppfyller tillgänglighetskraven.</li></ul>"
            '<h2>Rapportera brister</h2><p><a href="mailto:a@example.se">a@example.se</a></p>'
            "<h2>Tillsyn</h2><p>Myndigheten för digital förvaltning (DIGG) ansvarar för tillsyn.</p>"
            "<p>Senast uppdaterad: 25 mars 2026</p></main></body></html>")
    result = run(html, tmp_path, jurisdiction="eu")
    assert (result.status, result.codes) == ("partially", ()), result.found


@pytest.mark.parametrize("sentence, status", [
    ("Dokumenten som inte uppfyller tillgänglighetskraven listas nedan.", "not"),
    ("Webbplatsen kanske inte alltid uppfyller alla krav.", "partially"),
    ("Webbplatsen uppfyller inte alla krav.", "partially"),
    ("Tjänsten uppfyller ännu inte alla krav.", "partially"),
    ("Webbplatsen uppfyller inte kraven.", "not"),
    ("Webbplatsen uppfyller tillgänglighetskraven.", "fully"),
])
def test_swedish_negation_before_the_verb_and_not_all(sentence, status):
    """Round 24 showed "kanske inte alltid uppfyller tillgänglighetskraven" read as "fully": in a Swedish
    subordinate clause the negation comes before the verb. "Uppfyller inte alla krav" (does not meet
    all) is partially; it was read as no status at all."""
    from statements.check import status_of
    assert status_of(sentence.lower(), "sv")[0] == status


@pytest.mark.parametrize("lang, sentence", [
    ("en", "This website does not meet all of the requirements."),
    ("fi", "Verkkopalvelu ei täytä kaikkia vaatimuksia."),
    ("sv", "Webbplatsen uppfyller inte alla krav."),
])
def test_not_meeting_all_requirements_is_partially_in_each_language(lang, sentence):
    """Checked in all three languages after round 24: the English was read as no status at all."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "partially"


@pytest.mark.parametrize("sentence, status", [
    ("We know some parts of this website aren’t fully accessible.", "partially"),
    ("We know some parts of this website aren't fully accessible.", "partially"),
    ("This website isn’t compliant with the accessibility regulations.", "not"),
])
def test_contractions_are_read_as_negations(tmp_path, sentence, status):
    """Round 28 (Daresay): "aren’t fully accessible" was read as "fully accessible"."""
    html = f'<html lang="en"><body><main><h2>How accessible is this website?</h2><p>{sentence}</p></main></body></html>'
    assert run(html, tmp_path, jurisdiction="eu").status == status


def test_a_check_box_list_of_the_three_options_gives_the_one_chosen(tmp_path):
    """Round 28 (SciLifeLab's Precision Medicine Portal): the status is a list of the three options
    with the chosen one marked ("☒", "Selected:"); the first listed, "Fully compliant", was taken. Its
    enforcement paragraph says DIGG "is responsible for supervising compliance"."""
    options = "".join(f'<li><span aria-hidden="true">{mark}</span><span>{text}</span></li>' for mark, text in
                      (("☐", "Fully compliant"), ("☒", '<strong><span class="sr-only">Selected: </span>Partially compliant</strong>'),
                       ("☐", "Not compliant")))
    html = (f'<html lang="en"><body><main><h1>Accessibility statement</h1><h2>How accessible is the service?</h2>'
            f"<p>This service is:</p><ul>{options}</ul><p>with the accessibility requirements.</p>"
            "<h2>Non accessible content</h2><p>The map is not keyboard accessible.</p>"
            '<h2>Contact information</h2><p>Email: <a href="mailto:a@example.se">a@example.se</a></p>'
            "<h2>Report deficiencies in accessibility</h2><p>The Agency for Digital Government (DIGG) is responsible for "
            "supervising compliance with the Act on Accessibility to Digital Public Services.</p>"
            "<h2>Statement information</h2><p>Last reviewed: 15-06-2026</p></main></body></html>")
    result = run(html, tmp_path, jurisdiction="eu")
    assert (result.status, result.codes) == ("partially", ()), result.found


def test_a_page_title_with_a_feedback_word_does_not_hide_the_status_section(tmp_path):
    """Round 28 (Daresay's "Accessibility report" h1, which has "report" in it, a feedback word): the
    status headings under it are still read; "Non accessible content" (no hyphen) lists the problems."""
    html = ('<html lang="en"><body><main><h1>Accessibility report</h1><h2>How accessible is website?</h2>'
            "<p>We know some parts of this website aren’t fully accessible.</p>"
            '<h2>Reporting accessibility problems with this website</h2><p>Email <a href="mailto:a@example.se">a@example.se</a></p>'
            "<h2>Enforcement procedure</h2><p>The Agency for Digital Government is responsible for enforcing the regulations.</p>"
            "<h2>Technical information about this website’s accessibility</h2><p>This website is not compliant with the "
            "Swedish accessibility regulations.</p><h2>Non accessible content</h2><p>The search needs aria-live.</p>"
            "<h2>How we tested this website</h2><p>The statement was last updated on 3&#160;December, 2025.</p></main></body></html>")
    result = run(html, tmp_path, jurisdiction="eu")
    assert (result.status, result.codes) == ("not", ()), result.found


@pytest.mark.parametrize("lang, heading, sentence, status", [
    ("fi", "Saavutettavuuden tila", "Verkkopalvelu on saavutettavuusvaatimusten mukainen tietyiltä osin.", "partially"),
    ("sv", "Tillgänglighetsstatus", "Webbplatsen följer kraven i lagen till viss del.", "partially"),
    ("en", "Compliance status", "The website satisfies the WCAG 2.1 AA criteria for the most part.", "partially"),
    ("en", "Compliance status", "This service does not satisfy the accessibility requirements.", "not"),
    ("sv", "Tillgänglighetsstatus", "Tjänsten följer lagens krav fullt ut.", "fully"),
])
def test_a_status_in_none_of_the_known_wordings_is_read_by_its_parts(tmp_path, lang, heading, sentence, status):
    """Wordings none of the patterns know, each a compliance word with a degree and a negation in a
    sentence about the site or the requirements, read in the status section only (a list of problems
    elsewhere says "does not meet" of its items)."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang) == (None, "")  # not a known wording: the composition reads it
    html = f'<html lang="{lang}"><body><main><h1>x</h1><h2>{heading}</h2><p>{sentence}</p></main></body></html>'
    assert run(html, tmp_path, jurisdiction="eu").status == status


def test_a_list_of_problems_in_the_status_section_is_not_read_by_its_parts(tmp_path):
    """Diak's status section lists possible shortcomings ("… saattaa olla: … ei ole saavutettavissa"):
    no status is claimed, and the composition must not read one from the list."""
    html = ('<html lang="fi"><body><main><h1>Seloste</h1><h2>Digipalvelun saavutettavuuden tila</h2><p>Arvion mukaan '
            "mahdollisia saavutettavuuspuutteita sivustolla saattaa olla: sivun kieli ei ole ohjelmallisesti "
            "saavutettavissa, palvelun lomakkeet eivät ole saavutettavia</p></main></body></html>")
    assert run(html, tmp_path).status is None


@pytest.mark.parametrize("lang, sentence, status", [
    ("fi", "Verkkosivusto täyttää saavutettavuusvaatimukset kaikilta osin.", "fully"),
    ("en", "Overall the website meets the requirements.", None),
    ("fi", "Verkkopalvelu on vaatimustenmukainen tietyin osin.", "partially"),
])
def test_the_parts_of_a_status_are_whole_words_and_stems_inside_compounds(lang, sentence, status):
    """Degrees are whole words ("osin" in "kaikilta osin" is not "partially", "all" is not in
    "overall"); compliance words are stems inside compounds (vaatimustenmukainen)."""
    from statements.check import composed_status
    assert composed_status(sentence.lower(), lang)[0] == status


@pytest.mark.parametrize("lang, sentence", [
    ("sv", "Enligt lagen ska webbplatser för den offentliga förvaltningen vara tillgängliga, vilket betyder att alla ska ha lika möjligheter att använda dem."),
    ("fi", "Lain mukaan julkisten verkkosivustojen on oltava saavutettavia, eli kaikilla tulee olla tasavertaiset mahdollisuudet käyttää niitä."),
    ("en", "Under the Act, public websites must be accessible, so that everyone has equal access to them."),
])
def test_the_laws_duty_is_not_read_as_a_status_by_its_parts(lang, sentence):
    """The sentence the City's template opens its status section with states what the law requires of
    all sites; read by its parts (a compliance word, "all") it looked like "fully"."""
    from statements.check import composed_status
    assert composed_status(sentence.lower(), lang) == (None, "")


@pytest.mark.parametrize("lang, sentence", [
    ("en", "We aim to meet WCAG 2.1 AA on all our pages."),
    ("fi", "Pyrimme täyttämään kaikki WCAG 2.1 -vaatimukset palvelussamme."),
    ("en", "We are committed to making our website fully accessible."),
])
def test_an_intent_is_not_read_as_a_status_by_its_parts(lang, sentence):
    """An aim ("we aim to meet … all") is not a claim that the site meets anything."""
    from statements.check import composed_status
    assert composed_status(sentence.lower(), lang) == (None, "")


@pytest.mark.parametrize("lang, heading, text, status", [
    ("en", "Current accessibility", "We have reviewed the website to verify whether it meets the level AA accessibility "
     "requirements of WCAG 2.1. The website meets the accessibility requirements partially.", "partially"),
    ("en", "Compliance status", "We checked if the service meets the requirements. It meets them in part.", "partially"),
    ("sv", "Tillgänglighetsstatus", "Vi har granskat huruvida webbplatsen uppfyller kraven. Webbplatsen uppfyller delvis "
     "tillgänglighetskraven.", "partially"),
])
def test_a_requirement_asked_about_is_not_a_status(tmp_path, lang, heading, text, status):
    """Round 30 (Syke's Climate Diet): "to verify whether it meets the level AA accessibility
    requirements" was read as the status, in none of the model's words; the status is the next
    sentence, with "partially" after its verb."""
    html = (f'<html lang="{lang}"><body><main><h1>x</h1><h2>{heading}</h2><p>{text}</p>'
            "<p>The map is not accessible (WCAG 2.1.1).</p></main></body></html>")
    result = run(html, tmp_path, jurisdiction="eu")
    assert result.status == status and "not-a-model-status" not in result.codes, result.found


@pytest.mark.parametrize("lang, text", [
    ("sv", "Följande funktioner är inte tillgängliga eftersom lagen inte tillämpas på dem: - kartor"),
    ("en", "The following functions are not accessible, because the legislation does not apply to them: - maps"),
])
def test_the_functions_that_are_not_accessible_are_the_non_accessible_content(tmp_path, lang, text):
    """Round 30 (Syke's Ilmastodieetti in Swedish and English): the content that is not accessible is
    listed in prose under the status heading, no heading of its own and no success criterion cited."""
    status = {"sv": "Webbplatsen uppfyller delvis tillgänglighetskraven.", "en": "The website partially meets the requirements."}[lang]
    html = f'<html lang="{lang}"><body><main><h1>x</h1><h2>Status</h2><p>{status}</p><p>{text}</p></main></body></html>'
    assert "no-non-accessible-section" not in run(html, tmp_path, jurisdiction="eu").codes


def test_the_supervisors_contact_details_are_part_of_the_enforcement_section(tmp_path):
    """Round 30 (Digitransit in Swedish): the complaint paragraph still names the Regional State
    Administrative Agency, the heading "Övervakningsmyndighetens kontaktuppgifter" gives Traficom: it
    names the current supervisor (as the Finnish "Valvontaviranomaisen yhteystiedot" did)."""
    html = page("sv",
                ("Tillgänglighetsstatus", "<p>Tjänsten uppfyller delvis tillgänglighetskraven.</p>"),
                ("Icke-tillgängligt innehåll", "<p>Kartan kan inte läsas med skärmläsare.</p>"),
                ("Respons om tillgängligheten", "<p>E-post: respons@example.fi</p>"),
                ("Lämna in klagomål", "<p>Du kan göra en anmälan till Regionförvaltningsverket i Södra Finland.</p>"),
                ("Övervakningsmyndighetens kontaktuppgifter", "<p>Transport- och kommunikationsverket Traficom</p>"),
                ("Om redogörelsen", "<p>Redogörelsen har utarbetats den 1 juni 2026.</p>"))
    assert run(html, tmp_path).codes == ()


@pytest.mark.parametrize("body", [
    "<p>Tjänsten följer lagens krav till viss del</p><p>Följande funktioner är undantagna: kartor</p>",
    "<article>Tjänsten följer lagens krav till viss del\n\nFöljande funktioner är undantagna:\n- kartor</article>",
])
def test_a_paragraph_ends_its_sentence_without_a_full_stop(tmp_path, body):
    """Round 30 (Syke's Ilmastodieetti in Swedish): its status sentence has no full stop, and the list
    after it (a paragraph, or a blank line in a text shown as it is) was read as part of it; the
    reading by its parts then skipped the sentence as a list and read the next one."""
    html = f'<html lang="sv"><body><main><h1>x</h1><h2>Tillgänglighetsstatus</h2>{body}</main></body></html>'
    assert run(html, tmp_path, jurisdiction="eu").status == "partially"


def test_the_words_of_a_heading_are_not_the_text_under_it():
    """A heading whose words sit in an inline element (<h5><b>Compliance status</b></h5>, Public Health
    Scotland's Shiny app) is the heading, not the first words of its section's first sentence."""
    from bs4 import BeautifulSoup
    from statements.check import sections
    found = sections(BeautifulSoup("<main><h5><b>Compliance status</b></h5><p>This site has not yet been evaluated.</p></main>",
                                   "html.parser"))
    assert [(s.heading, s.text) for s in found[1:]] == [("compliance status", "this site has not yet been evaluated.")]


@pytest.mark.parametrize("lang, sentence", [
    ("en", "We are compliant with these standards except as highlighted below."),
    ("en", "This website is fully compliant with WCAG 2.1 AA except for the PDF forms."),
    ("sv", "Webbplatsen är förenlig med lagen med undantag för de brister som anges nedan."),
    ("fi", "Verkkosivusto täyttää saavutettavuusvaatimukset alla lueteltuja puutteita lukuun ottamatta."),
])
def test_compliant_except_for_what_is_listed_is_partially(lang, sentence):
    """Round 31 (Oak National Academy's Aila): "We are compliant with these standards except as
    highlighted below" is the partial option in the author's words (compliant but for the listed
    non-compliances); it was read as fully."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "partially"


def test_inline_elements_join_as_the_page_shows_them_and_blocks_stay_apart():
    """Round 32 (HMCTS Log and Audit): "prepared on 12<sup>th</sup> July 2024" was read as "12 th
    July 2024", no date at all; the statement then had none as of its own month."""
    from bs4 import BeautifulSoup
    from statements.check import labelled_dates, sections
    found = sections(BeautifulSoup("<main><h2>Preparation</h2><p>This statement was prepared on 12<sup>th</sup> July "
                                   "2024.</p><ul><li>one</li><li>two</li></ul></main>", "html.parser"))
    assert found[1].text == "this statement was prepared on 12th july 2024. one. two"
    assert labelled_dates(found[1].text, "en") == [dt.date(2024, 7, 12)]


@pytest.mark.parametrize("lang, text", [
    ("en", "the sspf bosa is committed to making this site accessible, in accordance with the law of 19 july 2018 on the accessibility of websites."),
    ("en", "in accordance with article 47 of the french law no. 2005-102 of february 11, 2005."),
    ("en", "as required by the directive of 26 october 2016."),
    ("sv", "enligt lagen (2018:1937) av den 12 december 2018 om tillgänglighet."),
    ("fi", "laki digitaalisten palvelujen tarjoamisesta (306/2019), annettu 15.3.2019."),
])
def test_a_laws_own_date_never_dates_a_statement(lang, text):
    """Round 33 (Belgium's FPS BOSA): the only date on the page was the law's ("Law of 19 July
    2018"), taken for the statement's: a false "stale" where the statement has no date at all."""
    from statements.check import unlabelled_dates
    assert unlabelled_dates(text, lang) == []
    assert unlabelled_dates(text + " reviewed in march 2024.", lang) != []  # the page's other dates still count


def test_legal_remedies_naming_the_defender_of_rights_is_an_enforcement_procedure(tmp_path):
    """Round 33 (France's CCSD, in English): the section "Legal Remedies" sends the reader to the
    Defender of Rights (France's ombudsman institution); it was not taken for an enforcement procedure."""
    sections = [("Compliance status", "<p>This website is partially compliant with WCAG 2.1 AA.</p>"),
                ("Non-accessible content", "<ul><li>The map has no text alternative.</li></ul>"),
                ("Feedback and contact", "<p>Contact us at accessibility@example.org.</p>"),
                ("Legal Remedies", "<p>If you receive no satisfactory response, you may request mediation from the Defender of Rights.</p>"),
                ("Preparation", "<p>This statement was prepared on 1 October 2025.</p>")]
    assert run(page("en", *sections), tmp_path, dt.date(2025, 11, 1), jurisdiction="eu").codes == ()


@pytest.mark.parametrize("lang, sentence, status", [
    ("sv", "När det gäller innehållet uppfyller webbplatsen Metsa.fi delvis kraven för (WCAG) 2.1 A- och AA-nivåerna.", "partially"),
    ("en", "The service at example.gov.uk meets WCAG 2.1 partially.", "partially"),
    ("fi", "Palvelu osoitteessa esimerkki.fi täyttää WCAG 2.1 -ohjeistuksen AA-tason vaatimukset osittain.", "partially"),
    ("sv", "Innehållet uppfyller webbplatsen Planering av statens trafikleder.fi. delvis kriterierna på nivå AA.", "partially"),
])
def test_a_dot_inside_a_name_or_a_number_does_not_end_the_status_sentence(lang, sentence, status):
    """Round 34 (Metsähallitus in Swedish): the dot of "Metsa.fi" stopped the reading within the
    sentence, so "uppfyller webbplatsen Metsa.fi delvis kraven" was read as no status; the words
    matched are still given as written. Round 141: nor does a stray dot after a site's domain name
    ("trafikleder.fi. delvis"), which the reading of Hassu's status had passed over only by taking the
    list of problems under it for part of the status section."""
    from statements.check import status_of
    found, words = status_of(sentence.lower(), lang)
    assert found == status and sentence.lower().find(words) >= 0


@pytest.mark.parametrize("lang, sentence", [
    ("fi", "Ei täytä kriittisiä saavutettavuusvaatimuksia."),
    ("en", "This service does not meet critical accessibility requirements."),
    ("sv", "Tjänsten uppfyller inte de kritiska tillgänglighetskraven."),
])
def test_the_old_tools_third_option_is_none_of_the_models(lang, sentence):
    """Round 34 (Sivistys-Vantaa): the former supervisor's statement tool offered "does not meet the
    critical requirements" as its third option; like its other two it is none of the model's
    options, not the model's "not compliant"."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "other"


def _date_passages() -> list[dict]:
    return __import__("json").loads((REAL / "date_passages.json").read_text("utf-8"))["passages"]


@pytest.mark.parametrize("case", _date_passages(), ids=lambda c: f"{c['lang']}-{c['source'].split('/')[2]}")
def test_date_passages_of_published_statements(case):
    """Round 35: passages that date published statements whose whole text is not at hand; the newest
    date labelled prepared / updated / reviewed is the statement's, never the service's publication."""
    from statements.check import labelled_dates
    found = labelled_dates(" ".join(case["text"].split()).lower(), case["lang"])
    assert (max(found).isoformat() if found else None) == case["newest"], case["text"]


@pytest.mark.parametrize("lang, text, expected", [
    ("sv", "denna redogörelse gäller webbplatsen www.metsa.fi, som har publicerats den 9 juni 2020. redogörelsen har upprättats den 25 maj 2020.", [dt.date(2020, 5, 25)]),
    ("fi", "tämä saavutettavuusseloste koskee verkkosivustoa, joka on julkaistu 25.1.2023.", []),
    ("en", "the accessibility statement of the service was published on 5 may 2021.", [dt.date(2021, 5, 5)]),
    ("en", "this accessibility report has been drawn up on 3 april 2020.", [dt.date(2020, 4, 3)]),
])
def test_a_service_published_in_a_relative_clause_does_not_date_the_statement(lang, text, expected):
    """Round 35 (Metsähallitus in Swedish; Turku's resident budgeting in English): a relative clause
    makes the website what was published, though the sentence names the statement; "drawn up"
    (a Finnish body's "laadittu" in English) dates a statement."""
    from statements.check import labelled_dates
    assert sorted(set(labelled_dates(text, lang))) == expected


def _headings() -> list[dict]:
    return __import__("json").loads((REAL / "headings.json").read_text("utf-8"))["headings"]


@pytest.mark.parametrize("case", _headings(), ids=lambda c: f"{c['lang']}-{c['heading'][:40]}")
def test_headings_of_published_statements(case):
    """Round 36: headings of published statements whose whole text is not at hand, taken for the
    section a careful reader takes them for ("Vi ger stöd till användare för vilka digitala tjänster
    inte är tillgängliga" is about support, not a list of what is not accessible)."""
    from statements.check import heading_kinds
    assert heading_kinds(case["heading"], case["lang"]) == set(case["kinds"])


def test_a_list_after_not_fully_accessible_for_example_describes_non_accessible_content(tmp_path):
    """Round 37 (DBT's Tariff management tool): "parts of the website are not fully accessible. For
    example:" and a list is a description of what is not accessible, as the same words before a colon are."""
    sections = [("How accessible this website is", "<p>Recent testing showed that parts of the website are not fully "
                 "accessible. For example:</p><ul><li>Screen reader users will struggle to complete tasks</li></ul>"),
                ("Reporting accessibility problems", '<p>Contact <a href="mailto:a@example.gov.uk">a@example.gov.uk</a>.</p>'),
                ("Enforcement procedure", "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the regulations.</p>"),
                ("Technical information about this website's accessibility", "<p>This website is partially compliant with WCAG 2.1.</p>"),
                ("Preparation", "<p>This statement was prepared on 10 December 2024.</p>")]
    assert run(page("en", *sections), tmp_path, dt.date(2024, 12, 20), jurisdiction="eu").codes == ()


@pytest.mark.parametrize("sentence", [
    "We anticipate the outcome of all tests to be complete by 16th December 2023.",
    "We expect the audit to be completed by 16 December 2023.",
    "We intend to publish the results in December 2023.",
])
def test_an_expected_outcome_is_a_plan_not_a_date_of_the_statement(sentence):
    """Round 37 (DBT's Data Workspace): the page's only date was when tests were expected to be
    complete; taken for the statement's date it gave a false "stale" where the truth is "no date"."""
    from statements.check import unlabelled_dates
    assert unlabelled_dates(sentence.lower(), "en") == []


@pytest.mark.parametrize("lang, sentence", [
    ("fi", "Katsomme, että sivustomme täyttävät yleisesti WCAG-kriteerit."),
    ("fi", "Palvelu täyttää pääsääntöisesti saavutettavuusvaatimukset."),
    ("en", "Our web pages do not fulfil all accessibility criteria as yet."),
    ("en", "The service does not yet satisfy all of the requirements."),
])
def test_generally_meets_and_not_fulfilling_all_are_partially(lang, sentence):
    """Round 38 (Jakobstad's social and health services; the Hospital District of Southwest
    Finland): "täyttävät yleisesti" (generally meet) and "do not fulfil all … as yet" are the
    partial option in the authors' words; both were read as no status."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "partially"


@pytest.mark.parametrize("lang, sentence", [
    ("sv", "Vi är medvetna om att delar av webbplatsen inte är tillgänglig."),
    ("sv", "Tjänsten är inte helt tillgänglig."),
    ("en", "This website is not fully accessible."),
])
def test_a_negated_accessible_is_not_a_claim_in_the_authors_words(tmp_path, lang, sentence):
    """Under a status heading, "är … tillgänglig" / "is … accessible" in the author's own words is a
    claim and none of the model's options; negated ("inte är tillgänglig", "is not fully
    accessible") it is the loose partial option, which the claim reading had turned into "other"."""
    heading = {"sv": "Tillgänglighetsstatus", "en": "Compliance status"}[lang]
    html = f'<html lang="{lang}"><body><main><h1>x</h1><h2>{heading}</h2><p>{sentence}</p></main></body></html>'
    assert run(html, tmp_path, jurisdiction="eu").status == "partially"


@pytest.mark.parametrize("text, expected", [
    ("palvelun saavutettavuutta on 23.9.2019 arvioinut annanpura oy sekä 10.9.2020 gofore oyj.", [dt.date(2020, 9, 10)]),
    ("saavutettavuusarvioinnissa olemme arvioineet verkkopalvelun testiversion. palvelu julkaistiin 14.10.2019.", []),
    ("tämä seloste on laadittu 3. marraskuuta 2025.", [dt.date(2025, 11, 3)]),
])
def test_an_assessment_in_the_active_voice_dates_a_statement_within_its_sentence(text, expected):
    """Round 39 (the Incomes Register): "on 23.9.2019 arvioinut Annanpura Oy sekä 10.9.2020 Gofore
    Oyj" (has assessed, active voice) dates the statement; a label's date is looked for in the rest of
    its sentence only (eHoks' next sentence is the service's publication), where a date's own dot
    ("3. marraskuuta") does not end it."""
    from statements.check import labelled_dates
    assert sorted(set(labelled_dates(text, "fi"))) == expected


@pytest.mark.parametrize("text, expected", [
    ("utlåtandet har sammanställts 1.3.2021.", [dt.date(2021, 3, 1)]),
    ("denna tillgänglighetsförklaringen gäller caruna.fi-webbplatsen och har förberetts 31.12.2020.", [dt.date(2020, 12, 31)]),
])
def test_compiled_and_prepared_in_swedish_label_a_statements_date(text, expected):
    """Round 40 (the Ostrobothnia wellbeing services county; Caruna): "har sammanställts" and "har
    förberetts" date a Swedish statement as "har upprättats" does."""
    from statements.check import labelled_dates
    assert sorted(set(labelled_dates(text, "sv"))) == expected


def test_not_yet_fully_compatible_is_partially():
    """Round 40 (Caruna in Swedish): "Webbplatsen är ännu inte helt kompatibel" is the loose partial
    option, as "inte helt förenlig" is."""
    from statements.check import status_of
    assert status_of("webbplatsen är ännu inte helt kompatibel.", "sv")[0] == "partially"


def test_a_date_under_the_preparation_heading_needs_no_label(tmp_path):
    """A statement's preparation section dates it even in words the checker does not know as a label
    ("Statement date: 12 July 2024"), while a test, a law's entry into force and a plan there still do not."""
    sections = [("Compliance status", "<p>This website is partially compliant with WCAG 2.1 AA. This statement was first "
                 "prepared on 1 May 2020.</p>"),
                ("Non-accessible content", "<ul><li>The map has no text alternative.</li></ul>"),
                ("Feedback", '<p>Email <a href="mailto:a@example.org">a@example.org</a>.</p>'),
                ("Enforcement procedure", "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the regulations.</p>"),
                ("Preparation of this accessibility statement", "<p>Statement date: 12 July 2024. The regulations came into force "
                 "on 23 September 2018. This website was last tested on 20 July 2024. We plan to fix the map by March 2026.</p>")]
    result = run(page("en", *sections), tmp_path, dt.date(2024, 8, 1), jurisdiction="eu")
    assert result.codes == () and result.newest_date == dt.date(2024, 7, 12)


@pytest.mark.parametrize("lang, heading, kinds", [
    ("sv", "Bristande förenlighet med lagkraven", {"non_accessible"}),
    ("en", "Non-compliance with the accessibility regulations", {"non_accessible"}),
    ("en", "Compliance status", {"status"}),
    ("sv", "Teknisk information", {"status"}),
])
def test_a_lack_of_compliance_heads_the_list_of_problems_not_the_status(lang, heading, kinds):
    """Round 41 (UHR): "Bristande förenlighet med lagkraven" (non-compliance with the law) was taken
    for a status heading by its word "förenlighet", as "Non-compliance …" was by "compliance"."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, sentence", [
    ("sv", "Webbplatsen är ännu inte helt kompatibel."),
    ("fi", "Katsomme, että sivustomme täyttävät yleisesti WCAG-kriteerit."),
    ("en", "Our web pages do not fulfil all accessibility criteria as yet."),
])
def test_the_reading_by_parts_knows_the_words_the_phrases_missed(lang, sentence):
    """Rounds 38 and 40: the phrase reader's misses, read by their parts — "kompatibel" and "fulfil"
    are compliance words, "yleisesti" (generally) a partial degree."""
    from statements.check import composed_status
    assert composed_status(sentence.lower(), lang)[0] == "partially"


@pytest.mark.parametrize("lang, heading, kinds", [
    ("en", "We offer support to users for whom the web service is not accessible", set()),
    ("en", "Correction of deficiencies", set()),
    ("sv", "Rapportering av otillgängligt innehåll", {"feedback"}),
    ("en", "Content that is not yet accessible", {"non_accessible"}),
])
def test_support_correction_and_reporting_headings_are_not_the_list_of_problems(lang, heading, kinds):
    """Round 42 (Oulu and Helsinki in English and Swedish): support for those the service fails,
    the correction of deficiencies and the reporting of inaccessible content were taken for the
    section listing what is not accessible."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("heading, kinds", [
    ("Conformance date", set()),
    ("Conformance status", {"status"}),
])
def test_a_conformance_date_heading_is_not_the_status_section(heading, kinds):
    """Round 142 (the Money Advice Service, 2016): "Conformance date", over the statement's dates, was
    taken for the status section, so "This site has been developed to conform to level AA" above it, a
    claim in the author's own words, was never read and the page was said to state no status."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, "en") == kinds


def test_an_own_words_claim_above_a_conformance_date_is_not_a_model_status(tmp_path):
    html = ('<html lang="en"><body><main><h1>Accessibility statement</h1><h2>Accessibility limitations</h2>'
            "<ul><li>PDF documents</li></ul><h2>Accessibility guidelines</h2><p>This site has been developed to conform "
            "to level AA of the Web Content Accessibility Guidelines 2.0 (WCAG 2.0).</p><h2>Contact us</h2>"
            '<p><a href="mailto:a@example.org">a@example.org</a></p><h2>Conformance date</h2>'
            "<p>This accessibility statement was issued on 21/08/2014 and last updated on 18/02/2016.</p></main></body></html>")
    result = run(html, tmp_path, dt.date(2016, 3, 3), jurisdiction="eu")
    assert result.codes == ("not-a-model-status", "no-supervisor"), result.found


def test_requirements_met_partially_is_partially():
    """Round 42 (Oulu in English): "The accessibility requirements are met partially" (the passive)."""
    from statements.check import status_of
    assert status_of("the accessibility requirements are met partially.", "en")[0] == "partially"


@pytest.mark.parametrize("text, lang, expected", [
    ("seloste on laadittu 13.3.2019 ja sitä on päivitetty 24.11.2019, 24.8.2020 ja 15.3.2021.", "fi", dt.date(2021, 3, 15)),
    ("the statement was reviewed on 1 may 2022, 3 june 2023 and 4 july 2024.", "en", dt.date(2024, 7, 4)),
    ("utlåtandet uppdaterades 1.2.2021 och 3.4.2022.", "sv", dt.date(2022, 4, 3)),
    ("seloste on päivitetty 1.2.2021. palvelu julkaistiin 3.4.2022.", "fi", dt.date(2021, 2, 1)),
])
def test_dates_listed_after_one_label_all_date_the_statement(text, lang, expected):
    """Round 43 (Hyvä kysymys): "päivitetty 24.11.2019, 24.8.2020 ja 15.3.2021" — every date listed
    after the label counts, not only the first; a date in the next sentence still does not."""
    from statements.check import labelled_dates
    assert max(labelled_dates(text, lang)) == expected


@pytest.mark.parametrize("lang, heading, kinds", [
    ("en", "The digital service complies partly with the accessibility requirements", {"status"}),
    ("en", "Content and/or functions of the website not yet in compliance with the requirements", {"non_accessible"}),
    ("en", "Accessibility requirements that are not met", {"non_accessible"}),
    ("sv", "Tillgänglighetskrav som inte uppfylls", {"non_accessible"}),
])
def test_headings_that_state_the_status_or_the_unmet_requirements(lang, heading, kinds):
    """Round 44 (the University of Helsinki in English): a heading may state the status itself, and
    "not yet in compliance" or "requirements that are not met" head the list of problems, not the status."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, sentence, status", [
    ("sv", "Webbplatsen uppfyller dock ännu inte alla tillgänglighetskriterier i WCAG 2.1. och är därför delvis förenliga med lagen.", "partially"),
    ("sv", "Webbplatsen uppfyller tyvärr inte alla krav.", "partially"),
    ("sv", "Webbplatsen uppfyller alla krav.", "fully"),
    ("fi", "Verkkosivusto täyttää verkkosisällön saavutettavuusohjeiden (WCAG) 2.1. tason AA vaatimukset osittain.", "partially"),
])
def test_a_negation_after_an_adverb_is_not_fully_and_a_versions_dot_goes_on(lang, sentence, status):
    """Round 45 (Stockholm University Library; Rautalampi): "uppfyller dock ännu inte alla" was read as
    fully — a false "fully" — because the negation stood after two adverbs; and the dot after "2.1." ended
    what the patterns read as one sentence."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == status


@pytest.mark.parametrize("lang, sentence, status", [
    ("fi", "Sivusto täyttää saavutettavuusvaatimukset, mutta ei kaikilta osin.", "partially"),
    ("sv", "Webbplatsen uppfyller kraven, men inte helt.", "partially"),
    ("en", "The website meets the requirements, but not fully.", "partially"),
    ("fi", "Verkkopalvelu ei vielä täysin täytä vaatimuksia.", "partially"),
    ("fi", "Verkkopalvelu täyttää saavutettavuusvaatimukset.", "fully"),
    ("en", "This website is fully compliant with WCAG 2.1 AA.", "fully"),
])
def test_a_later_but_not_fully_makes_a_claim_partially(lang, sentence, status):
    """After round 45's false "fully", the same kind of reading checked in each language: a claim
    qualified later in its sentence ("…, mutta ei kaikilta osin", "men inte helt", "but not fully") is
    the partial option, not fully and not a wording of the author's own."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == status


def test_section_titles_set_as_bold_paragraphs_are_read_as_headings(tmp_path):
    """Some pages set their section titles in bold rather than as headings (Oak National Academy's
    Aila, round 31). With every heading of the real set turned into a bold paragraph the checker was
    right in 208 of 316 checks; a paragraph that is all one short bold phrase without a full stop is
    now read as a heading (310 of 316), while a bold sentence stays text."""
    body = "".join(f"<p><strong>{title}</strong></p>{text}" for title, text in [
        ("Compliance status", "<p>This website is partially compliant with WCAG 2.1 AA.</p>"),
        ("Non-accessible content", "<ul><li>The map cannot be used with a keyboard.</li></ul>"),
        ("Feedback and contact information", '<p>Email <a href="mailto:a@example.org">a@example.org</a>.</p>'),
        ("Enforcement procedure", "<p>If you are not happy with our answer, contact the Equality Advisory and Support Service (EASS).</p>"),
        ("Preparation of this accessibility statement", "<p>This statement was prepared on 1 September 2026.</p>")])
    html = f'<html lang="en"><body><main><h1>Accessibility statement</h1>{body}</main></body></html>'
    result = run(html, tmp_path, dt.date(2026, 10, 1), jurisdiction="eu")
    assert result.codes == () and result.status == "partially"
    from bs4 import BeautifulSoup
    from statements.check import sections
    found = sections(BeautifulSoup("<main><p><strong>Tämä sivusto täyttää vaatimukset.</strong></p></main>", "html.parser"))
    assert [s.heading for s in found] == [""] and "täyttää vaatimukset" in found[0].text


@pytest.mark.parametrize("markup", [
    '<div role="heading" aria-level="2">{}</div>',
    "<details open><summary>{}</summary></details>",
])
def test_aria_headings_and_disclosure_summaries_are_read_as_headings(tmp_path, markup):
    """Section titles written as ARIA headings or as the summaries of disclosures (accordions): with
    every heading of the real set written so, the checker was right in 210 of 316 checks; now 316 and
    310 (bench/statement_check.py)."""
    body = "".join(markup.format(title) + text for title, text in [
        ("Compliance status", "<p>This website is partially compliant with WCAG 2.1 AA.</p>"),
        ("Non-accessible content", "<ul><li>The map cannot be used with a keyboard.</li></ul>"),
        ("Feedback and contact information", '<p>Email <a href="mailto:a@example.org">a@example.org</a>.</p>'),
        ("Enforcement procedure", "<p>If you are not happy with our answer, contact the Equality Advisory and Support Service (EASS).</p>"),
        ("Preparation of this accessibility statement", "<p>This statement was prepared on 1 September 2026.</p>")])
    html = f'<html lang="en"><body><main><h1>Accessibility statement</h1>{body}</main></body></html>'
    assert run(html, tmp_path, dt.date(2026, 10, 1), jurisdiction="eu").codes == ()


def test_a_sections_numbering_is_not_part_of_its_heading():
    """Numbered section titles ("2. Tila", "3) Status för tillgängligheten"): with every heading of the
    real set numbered, two checks went wrong (a heading read only whole, "^tila$", no longer matched)."""
    from bs4 import BeautifulSoup
    from statements.check import heading_kinds, sections
    found = sections(BeautifulSoup("<main><h2>2. Tila</h2><p>x</p><h2>2.1 Palaute</h2><p>y</p></main>", "html.parser"))
    assert [s.heading for s in found[1:]] == ["tila", "palaute"]
    assert heading_kinds("2. Tila", "fi") == {"status"}


def test_contact_details_under_titles_of_the_feedback_sections_own_level_are_its_channel(tmp_path):
    """A feedback section whose contact details stand under titles of the same level ("Palaute",
    then "Sähköposti" as a bold paragraph): with the real set's headings as bold paragraphs, such
    pages lost their feedback channel. The sections after the feedback one count, up to the next
    section the checker knows."""
    sections = [("Saavutettavuuden tila", "<p>Verkkopalvelu täyttää saavutettavuusvaatimukset osittain.</p>"),
                ("Ei-saavutettava sisältö", "<ul><li>Kartta ei toimi näppäimistöllä.</li></ul>"),
                ("Anna palautetta", "<p>Kerro meille puutteista.</p>"),
                ("Sähköposti", "<p>saavutettavuus@example.fi</p>"),
                ("Valvontaviranomainen", "<p>Liikenne- ja viestintävirasto Traficom, saavutettavuus@traficom.fi</p>"),
                ("Selosteen laatiminen", "<p>Seloste on laadittu 1.9.2026.</p>")]
    assert run(page("fi", *sections), tmp_path, dt.date(2026, 10, 1)).codes == ()
    # without it, the supervisor's address in the next known section is still no channel
    assert run(page("fi", *sections[:3], *sections[4:]), tmp_path, dt.date(2026, 10, 1)).codes == ("no-feedback",)


@pytest.mark.parametrize("lang, heading, kinds", [
    ("sv", "Kontakta Myndigheten för digital förvaltning", {"enforcement"}),
    ("fi", "Ota yhteyttä Traficomiin", {"enforcement"}),
    ("en", "Contacting the Equality and Human Rights Commission", {"enforcement"}),
    ("sv", "Lämna en synpunkt", {"feedback"}),
])
def test_a_heading_naming_the_supervisor_is_the_enforcement_section(lang, heading, kinds):
    """Round 46 (Skellefteå): "Kontakta Myndigheten för digital förvaltning" names the supervisor; it
    heads the enforcement section, not the feedback one ("kontakta"). "Lämna en synpunkt" (singular)
    heads feedback as "synpunkter" does."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, heading, kinds", [
    ("fi", "1) Verkkosivusto ei ole vielä kaikilta osin saavutettavuusvaatimusten mukainen", {"non_accessible"}),
    ("fi", "Tiedon saanti saavutettavassa muodossa", {"feedback"}),
    ("en", "Requesting information in an accessible format", {"feedback"}),
    ("sv", "Begär information i ett tillgängligt format", {"feedback"}),
])
def test_not_yet_compliant_heads_the_problems_and_asking_for_an_accessible_format_is_feedback(lang, heading, kinds):
    """Round 48 (the Kouvola parish union; the Helmet libraries): the old tool's "Verkkosivusto ei
    ole vielä kaikilta osin … vaatimusten mukainen" heads the problems, and asking for content in an
    accessible format is where the feedback channel is."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, sentence, status", [
    ("sv", "Denna webbplats uppfyller de lagstadgade tillgänglighetskraven enligt WCAG 2.1-nivån AA med följande noterade brister.", "partially"),
    ("sv", "Denna webbplats uppfyller de lagstadgade kritiska tillgänglighetskraven enligt WCAG v2.1-nivån AA med följande upptäckta brister.", None),
    ("sv", "Denna webbplats uppfyller kritiska tillgänglighetskrav enligt lag och är förenlig med riktlinjerna WCAG 2.1 AA.", None),
    ("fi", "Tämä verkkosivusto täyttää lain vaatimukset WCAG 2.1 -tason AA mukaisesti seuraavin havaituin puuttein.", "partially"),
    ("en", "This website meets the requirements of WCAG 2.1 level AA with the following deficiencies.", "partially"),
])
def test_meeting_the_requirements_with_the_following_shortcomings_is_partially(tmp_path, lang, sentence, status):
    """Round 50 (the City of Helsinki's own Swedish statements): "uppfyller de lagstadgade
    tillgänglighetskraven … med följande noterade brister" is compliant but for the listed shortcomings,
    the partial option; with the old tool's "kritiska" (after another word, or without "de") it is
    still none of the model's options."""
    heading = {"fi": "Saavutettavuuden tila", "sv": "Tillgänglighetsstatus", "en": "Compliance status"}[lang]
    html = f'<html lang="{lang}"><body><main><h1>x</h1><h2>{heading}</h2><p>{sentence}</p></main></body></html>'
    assert run(html, tmp_path, jurisdiction="eu").status == status


@pytest.mark.parametrize("lang, heading, kinds", [
    ("sv", "Läge i fråga om kravenlighet", {"status"}),
    ("sv", "Korrigering av bristerna", set()),
    ("sv", "Digitjänstens icke-tillgängliga innehåll (enligt WCAG-kriterierna)", {"non_accessible"}),
])
def test_the_citys_swedish_headings(lang, heading, kinds):
    """Round 50: the City's Swedish "Läge i fråga om kravenlighet" heads the status; "Korrigering av
    bristerna" is about fixing them, not the list (which Turku's Servicekarta had passed by that
    heading alone, since its plural "icke-tillgängliga" was not known)."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, sentence, expected", [
    ("fi", "tämä verkkosivusto ei täytä wcag 2.1 tason aa kaikkia vaatimuksia.", "partially"),
    ("sv", "webbplatsen uppfyller inte wcag 2.1 aa:s alla krav.", "partially"),
    ("en", "this website does not meet wcag 2.1 aa in all respects.", "partially"),
    # "all" in another clause, or in a list after a colon, leaves the negation whole
    ("fi", "sivusto ei täytä vaatimuksia, koska kaikki lomakkeet ovat pdf-muodossa.", "not"),
    ("sv", "webbplatsen uppfyller inte följande krav: alla bilder saknar alt-text.", "not"),
    ("en", "this website does not meet the requirements, and all forms lack labels.", "not"),
])
def test_not_all_requirements_later_in_the_clause_is_partially(lang, sentence, expected):
    """Round 51: the University of Helsinki's Helpdesk, "ei täytä WCAG 2.1 tason AA kaikkia
    vaatimuksia" (does not meet all of them) was read as not compliant: the "all" came after the
    standard's name rather than straight after the verb."""
    from statements.check import status_of
    assert status_of(sentence, lang)[0] == expected


@pytest.mark.parametrize("lang, heading, kinds", [
    ("fi", "Onko palvelu saavutettava?", {"status"}),
    ("fi", "Puutteista raportoiminen", {"feedback"}),
    ("fi", "Sivuston sisältö ja/tai toiminnot, jotka eivät ole vielä vaatimusten mukaisia", {"non_accessible"}),
    ("fi", "Kohtuuton rasite", {"non_accessible"}),
    ("sv", "Oproportionell börda", {"non_accessible"}),
    ("en", "Disproportionate burden", {"non_accessible"}),
    ("sv", "Har du observerat en brist i tillgängligheten? Berätta om det för oss", {"feedback"}),
])
def test_round_51_headings(lang, heading, kinds):
    """Round 51: a status asked as a question, reporting as a verb noun, content "not yet meeting the
    requirements" in the plural, the model's disproportionate-burden part of the non-accessible
    content in all three languages, and a Swedish feedback question with "observerat"."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


def test_a_statement_created_on_a_date_is_dated_and_a_site_created_is_not():
    """Round 51: Metsähallitus' publications, "Detta tillgänglighetsutlåtande … har skapats 1.12.2023"
    dates the statement; a website created on a date says nothing of its statement."""
    from statements.check import labelled_dates
    assert labelled_dates("detta tillgänglighetsutlåtande gäller tjänsten https://julkaisut.example.fi/ och har skapats 1.12.2023.", "sv") == [dt.date(2023, 12, 1)]
    assert labelled_dates("webbplatsen har skapats 1.12.2019.", "sv") == []


def test_reporting_non_accessible_content_is_not_a_list_of_it(tmp_path):
    """Round 54: Kultus beta in English has no list of problems, yet its feedback heading "Reporting
    non-accessible content" held the model's phrase "non-accessible content" and passed for one. The
    same phrase outside feedback, enforcement and support still describes the problems."""
    common = [("Compliance status", "<p>This website is partially compliant with WCAG 2.1 level AA.</p>"),
              ("Feedback and contact information", "<p>Email <a href='mailto:a11y@example.fi'>a11y@example.fi</a>.</p>"),
              ("Enforcement procedure", "<p>Traficom supervises the accessibility requirements.</p>"),
              ("Preparation of this accessibility statement", "<p>This statement was prepared on 5 October 2026.</p>")]
    reporting = page("en", *common, ("Reporting non-accessible content", "<p>Report problems to a11y@example.fi.</p>"))
    assert run(reporting, tmp_path).codes == ("no-non-accessible-section",)
    listed = page("en", *common, ("Other information", "<p>The non-accessible content: the map has no text alternative.</p>"))
    assert run(listed, tmp_path).codes == ()


@pytest.mark.parametrize("lang, heading, kinds", [
    ("sv", "Är tjänsten tillgänglig?", {"status"}),
    ("en", "Is this service accessible?", {"status"}),
    ("en", "Current status:", {"status"}),
    ("sv", "Webbplatsens innehåll och/eller funktioner som inte ännu följer kraven:", {"non_accessible"}),
    ("en", "Content or features, which are not yet fully accessible (according to WCAG criteria):", {"non_accessible"}),
    ("sv", "Krav som webbplatsen följer", set()),
])
def test_round_55_headings(lang, heading, kinds):
    """Round 55: the University of Helsinki's Swedish statements ask "Är tjänsten tillgänglig?" and list
    what "inte ännu följer kraven"; the Archipelago Foundation's English one heads its status "Current
    status:" and its problems "Content or features, which are not yet …"."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, sentence", [
    ("sv", "tjänsten uppfyller de flesta tillgänglighetskraven på a- och aa-nivå (wcag-2.1)."),
    ("en", "for the most part, satisfies the a- and aa-level accessibility criteria as required by law (wcag criterion 2.1)."),
    ("en", "the service satisfies most of the wcag 2.1 aa criteria."),
    ("fi", "palvelu täyttää useimmat wcag 2.1 -kriteerit."),
])
def test_most_of_the_requirements_is_partially(lang, sentence):
    """Round 55: "uppfyller de flesta tillgänglighetskraven" was read as no status at all, and "For the
    most part, satisfies …" only by its parts; meeting most of the requirements is the partial option."""
    from statements.check import status_of
    assert status_of(sentence, lang)[0] == "partially"


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "this accessibility statement applies to the internationalkotkahamina.fi website, published on 4.11.2025. "
           "the accessibility statement has been updated on the 30.10.2025.", [dt.date(2025, 10, 30)]),
    ("sv", "detta utlåtande gäller webbplatsen www.example.fi, publicerad 4.11.2025.", []),
    ("en", "this statement, published on 4 november 2025, applies to the website.", [dt.date(2025, 11, 4)]),
])
def test_a_participle_after_the_service_dates_the_service(lang, text, expected):
    """Round 56: the City of Kotka's "… applies to the … website, published on 4.11.2025" dates the
    website (published after the statement was updated), as a relative clause ("which was published")
    already did; the statement's own publication still dates it."""
    from statements.check import labelled_dates
    assert sorted(set(labelled_dates(text, lang))) == expected


def test_a_bold_title_with_a_full_stop_counts_when_it_names_a_section():
    """The bold-paragraph bench line: Färdtjänst Östersund's "Innehåll som inte är förenligt med lagkrav
    eller bristande." ends in a full stop; set in bold rather than as a heading it was read as a sentence
    and the statement lost its list of problems. A bold sentence of other words stays text."""
    from bs4 import BeautifulSoup
    from statements.check import sections
    page = ('<main><h1>Tillgänglighetsredogörelse</h1><p><strong>Innehåll som inte är förenligt med lagkrav eller '
            'bristande.</strong></p><ul><li>Kartan saknar textalternativ.</li></ul>'
            '<p><strong>Vi svarar inom två veckor.</strong></p></main>')
    found = sections(BeautifulSoup(page, "html.parser"))
    assert [s.heading for s in found[1:]] == ["tillgänglighetsredogörelse", "innehåll som inte är förenligt med lagkrav eller bristande"]
    assert "vi svarar inom två veckor" in found[-1].text


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "partial conformance with wcag 2.2 aa as of the most recent automated audit.", "partially"),
    ("fi", "osittain vaatimustenmukainen wcag 2.2 aa -tasolla automaattisen auditoinnin perusteella (axe-core jokaisessa pr:ssä).", "partially"),
    ("fi", "tämä digitaalinen palvelu täyttää suurilta osin lain vaatimat saavutettavuuskriteerit.", "partially"),
    ("fi", "tämä palvelu täyttää osin lain vaatimat saavutettavuuskriteerit.", "partially"),
    ("fi", "tämä palvelu täyttää kaikilta osin lain vaatimat saavutettavuuskriteerit.", "fully"),
    ("sv", "denna tjänst uppfyller till en del tillgänglighetskriterierna som nämns i lagen.", "partially"),
    ("sv", "digital tjänsten uppfyller till största del de tillgänglighetskriterier som lagen förutsätter.", "partially"),
    ("en", "these sites are partially compliant due to the non-conformities and exemptions listed below.", "partially"),
    ("en", "the senior start page partially meets its accessibility objectives.", "partially"),
    ("fi", "seniorin aloitussivu täyttää saavutettavuuden tavoitteet osittain.", "partially"),
    ("fi", "tavoitteenamme on, että sivusto täyttää saavutettavuusvaatimukset.", None),
    ("en", "we are committed to making this website accessible, in accordance with the public sector bodies (websites and "
           "mobile applications) (no. 2) accessibility regulations 2018. this website is fully compliant with wcag 2.1 aa.", "fully"),
])
def test_the_status_read_by_its_parts_on_wordings_of_the_real_set(lang, text, expected):
    """The bench's reading of the status by its parts alone was silent on 16 statements of the real set;
    the reasons were general ones: "partial" and "suurilta osin" (the model's own Finnish), "osin" (but
    not "kaikilta osin"), "till en del", "till största del" were not degrees; "sites" and "page" were
    not subjects; "(No. 2)" ended a sentence; a colon inside a word ("pr:ssä") was taken for a list;
    and Finnish "tavoitteet" (objectives met) was taken for a duty like "tavoitteena on"."""
    from statements.check import composed_status
    assert composed_status(text, lang)[0] == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("fi", "op-yritysmobiilin saavutettavuudessa on puutteita, eikä sovellus täytä kaikilta osin wcag-kriteerejä.", "partially"),
    ("fi", "sivusto täyttää kriittiset saavutettavuusvaatimukset suurelta osin.", "other"),
    ("en", "the website does not meet the critical accessibility requirements.", "other"),
])
def test_the_status_by_its_parts_knows_eika_and_the_old_tool(lang, text, expected):
    """Read by its parts alone, OP's "eikä sovellus täytä kaikilta osin" was fully (the negation "eikä"
    was not known) and the old tool's "critical requirements" were read as one of the model's options;
    the whole checker had them right through its phrases, the reading by parts now does too."""
    from statements.check import composed_status
    assert composed_status(text, lang)[0] == expected


SV_CONTACT = [("Kontakta oss om tillgänglighet", "<p>E-post: <a href='mailto:a11y@example.se'>a11y@example.se</a></p>"),
              ("Tillsyn", "<p>Om du tycker att vi inte uppfyller tillgänglighetskraven kan du anmäla det till Digg.</p>"),
              ("Hur vi testat webbplatsen", "<p>Redogörelsen uppdaterades senast den 17 augusti 2026.</p>")]


@pytest.mark.parametrize("lang, heading, items, sections", [
    ("sv", "Vår status per princip", "<li><strong>Möjligt att uppfatta (Perceivable):</strong> Delvis uppfyllt.</li>"
     "<li><strong>Robust:</strong> Uppfyllt.</li>", SV_CONTACT),
    ("en", "Conformance by success criterion", "<li>1.4.3 Contrast (Minimum): partially compliant.</li>"
     "<li>2.1.1 Keyboard: fully compliant.</li>",
     [("Contact us", "<p>Email <a href='mailto:a11y@example.org'>a11y@example.org</a>.</p>"),
      ("Enforcement procedure", "<p>If you think we are not meeting the requirements, contact the Equality and Human Rights Commission (EHRC).</p>"),
      ("Preparation of this statement", "<p>This statement was prepared on 17 August 2026.</p>")]),
])
def test_a_status_per_principle_or_criterion_is_none_of_the_models_options(tmp_path, lang, heading, items, sections):
    """Round 58: Jobin.se gives each WCAG principle "Delvis uppfyllt" and never the site's status; it
    was read as partially. A status labelled with a principle or a criterion is that part's; with no
    other, the statement words its status in none of the model's options."""
    known = ("Kända brister", "<ul><li>Diagram saknar textalternativ.</li></ul>") if lang == "sv" else \
        ("Known issues", "<ul><li>Charts have no text alternative.</li></ul>")
    result = run(page(lang, known, (heading, f"<ul>{items}</ul>"), *sections), tmp_path, dt.date(2026, 9, 1), "eu")
    assert result.codes == ("not-a-model-status",)
    # the site's own status in the model's words still stands beside such a table
    model = "<p>Den här webbplatsen är delvis förenlig med lagen.</p>" if lang == "sv" else \
        "<p>This website is partially compliant with WCAG 2.1 AA.</p>"
    result = run(page(lang, known, (heading, f"<ul>{items}</ul>"), *sections, intro=model), tmp_path, dt.date(2026, 9, 1), "eu")
    assert (result.codes, result.status) == ((), "partially")


@pytest.mark.parametrize("lang, sentence", [
    ("sv", "Om du tycker att vi inte uppfyller tillgänglighetskraven kan du anmäla det till oss."),
    ("fi", "Jos koet, että palvelu ei täytä saavutettavuusvaatimuksia, voit antaa palautetta."),
])
def test_a_condition_put_to_the_reader_is_not_a_status(lang, sentence):
    from statements.check import status_of
    assert status_of(sentence.lower(), lang) == (None, "")


def test_a_list_right_after_the_models_listed_below_describes_the_problems(tmp_path):
    """Round 58: Arbetsförmedlingen lists its one problem right under its status sentence ("…, på grund
    av de brister som beskrivs nedan"), with no heading of its own; it was reported missing."""
    status = "<p>Den här webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.</p>"
    listed = page("sv", ("Teknisk information om webbplatsens tillgänglighet", status + "<ul><li>Det går inte att använda mörkt läge.</li></ul>"),
                  *SV_CONTACT)
    assert run(listed, tmp_path, dt.date(2026, 9, 1), "eu").codes == ()
    unlisted = page("sv", ("Teknisk information om webbplatsens tillgänglighet", status + "<p>Grunden är standarden EN 301 549.</p>"),
                    *SV_CONTACT)
    assert run(unlisted, tmp_path, dt.date(2026, 9, 1), "eu").codes == ("no-non-accessible-section",)


@pytest.mark.parametrize("lang, sentence, expected", [
    ("en", "This website is compatible with the Act on the Accessibility of Digital Public Services.", "fully"),
    ("en", "This website is compatible with Web Content Accessibility Guidelines (WCAG) version 2.1, level AA.", "fully"),
    ("en", "The site is compatible with the most common screen readers.", None),
    ("en", "This document describes how the DiVA portal and the members' portals meets the requirements of the Act.", None),
    ("sv", "Det här dokumentet beskriver hur portalen och medlemmarnas portaler uppfyller kraven i lagen.", None),
    ("fi", "Tässä selosteessa kerrotaan, miten verkkopalvelu täyttää lain vaatimukset.", None),
])
def test_compatible_with_the_act_is_fully_and_describing_how_is_no_status(lang, sentence, expected):
    """Round 59: DiVA's English statement says "compatible with the Act" for the Swedish "förenlig med
    lagen", and its introduction "describes how the portal meets the requirements" was taken for a
    status in the author's own words."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == expected


@pytest.mark.parametrize("lang, sentence, expected", [
    ("sv", "Vi är medvetna om att våra digitala tjänster idag inte helt lever upp till lagkraven.", "partially"),
    ("sv", "Webbplatsen lever inte fullt ut upp till kraven.", "partially"),
    ("sv", "Webbplatsen lever helt upp till kraven i lagen.", "fully"),
    ("sv", "Webbplatsen lever inte upp till lagens krav.", "not"),
])
def test_living_up_to_the_requirements_is_a_compliance_wording(lang, sentence, expected):
    """Round 60: the SLU library's "inte helt lever upp till lagkraven" was read as no status."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == expected


@pytest.mark.parametrize("lang, heading, kinds", [
    ("sv", "Du kan begära att få information tillgänglighetsanpassad", {"feedback"}),
    ("sv", "Om du är missnöjd med hur vi hanterat din synpunkt", {"enforcement"}),
    ("fi", "Jos et ole tyytyväinen saamaasi vastaukseen", {"enforcement"}),
    ("en", "If you are not satisfied with our response", {"enforcement"}),
])
def test_round_60_headings(lang, heading, kinds):
    """Round 60: asking for information made accessible is feedback; being dissatisfied with how the
    feedback was handled leads to the supervisor, not back to the feedback channel."""
    from statements.check import heading_kinds
    assert heading_kinds(heading.lower(), lang) == kinds


@pytest.mark.parametrize("lang, text, expected", [
    ("sv", "Tillgänglighet till SLU-bibliotekets digitala tjänster. Senast ändrad: 09 mars 2021.", [dt.date(2021, 3, 9)]),
    ("en", "Accessibility statement. Last modified: 9 March 2021.", [dt.date(2021, 3, 9)]),
    ("fi", "Saavutettavuusseloste. Sivua muokattu 9.3.2021.", [dt.date(2021, 3, 9)]),
])
def test_a_statement_page_last_modified_on_a_date_is_dated(lang, text, expected):
    from statements.check import labelled_dates
    assert labelled_dates(" ".join(text.split()).lower(), lang) == expected


@pytest.mark.parametrize("lang, sentence, expected", [
    ("en", "The website is partly compatible with the Digital Public Service Accessibility Act.", "partially"),
    ("en", "The website is compatible with the Digital Public Service Accessibility Act.", "fully"),
    ("en", "The website is partially compliant with WCAG 2.1.", "partially"),
])
def test_partly_compatible_with_the_act_is_partially(lang, sentence, expected):
    """Round 61: the county administrative boards' English statement is "partly compatible with the
    Digital Public Service Accessibility Act" (the Swedish "delvis förenlig med lagen")."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == expected


def test_the_old_tools_non_compliance_with_the_law_heads_the_problems():
    """Round 61: under the old tool's "Ei-saavutettava sisältö" the problems stand under "Lain
    digitaalisten palvelujen tarjoamisesta 306/2019 noudattamatta jättäminen"."""
    from statements.check import heading_kinds
    heading = "Lain digitaalisten palvelujen tarjoamisesta 306/2019 noudattamatta jättäminen"
    assert heading_kinds(heading.lower(), "fi") == {"non_accessible"}


@pytest.mark.parametrize("lang, heading, kinds", [
    ("fi", "Tarkemmat tiedot teknisestä saavutettavuudesta", {"status"}),
    ("fi", "Tekninen saavutettavuus", {"status"}),
    ("sv", "Teknisk information om webbplatsens tillgänglighet", {"status"}),
])
def test_technical_information_about_accessibility_is_the_status_section(lang, heading, kinds):
    """Round 63: the Finnish form of the model's "technical information about the accessibility" heading
    was not known (the Swedish one was)."""
    from statements.check import heading_kinds
    assert heading_kinds(heading.lower(), lang) == kinds


NO_FEEDBACK_FI = ("<h1>Saavutettavuusseloste</h1>"
                  "<h2>Saavutettavuuden tila</h2><p>Verkkopalvelu täyttää saavutettavuusvaatimukset osittain.</p>"
                  "<h2>Ei-saavutettava sisältö</h2><ul><li>Kartta ei toimi näppäimistöllä.</li></ul>"
                  "<h2>Valvontaviranomainen</h2><p>Liikenne- ja viestintävirasto Traficom valvoo vaatimuksia.</p>"
                  "<h2>Selosteen laatiminen</h2><p>Seloste on laadittu 3.4.2026.</p>")


@pytest.mark.parametrize("chrome", [
    ('<div class="cookie-banner"><p>Käytämme evästeitä.</p></div><div class="site-header"><ul class="menu">'
     '<li><a href="/palaute">Palaute</a></li></ul></div><div class="content">{}</div>'
     '<div class="site-footer"><p>Vaihde 09 310 1691. kirjaamo@example.fi</p></div>'),
    ('<div role="dialog"><p>Käytämme evästeitä.</p></div><div role="banner"><ul><li><a href="/palaute">Palaute</a></li></ul></div>'
     '<div>{}</div><div role="contentinfo"><p>Vaihde 09 310 1691. kirjaamo@example.fi</p></div>'),
])
def test_a_sites_chrome_is_no_part_of_the_statement_on_a_page_without_landmarks(chrome):
    """The bench's chrome line: on a page without a main landmark, the site's menu link "Palaute" and
    its footer's e-mail address and switchboard passed for the feedback channel of a statement that
    has none. A site footer, header, menu or cookie notice named so, or marked by its ARIA role, is
    left out; the statement's own title and date are not."""
    from statements.check import check_html
    page = f'<html lang="fi"><body>{chrome.format(NO_FEEDBACK_FI)}</body></html>'
    result = check_html("p", page, dt.date(2026, 5, 1))
    assert result.codes == ("no-feedback",)
    assert result.newest_date == dt.date(2026, 4, 3)


def test_a_header_holding_the_title_and_the_statements_own_footer_stay():
    from statements.check import check_html
    page = ('<html lang="fi"><body><div class="page-header"><h1>Saavutettavuusseloste</h1><p>Päivitetty 7.4.2026</p></div>'
            '<div class="content">' + NO_FEEDBACK_FI.replace("Seloste on laadittu 3.4.2026.", "Seloste on laadittu 3.4.2025.")
            + '<h2>Palaute</h2><p>Sähköposti: saavutettavuus@example.fi</p>'
            '<div class="entry-footer">Seloste päivitetty 5.4.2026.</div></div></body></html>')
    result = check_html("p", page, dt.date(2026, 5, 1))
    assert result.codes == ()
    assert result.newest_date == dt.date(2026, 4, 7) and dt.date(2026, 4, 5) in result.dates


@pytest.mark.parametrize("mark", ["&shy;", "\u00ad", "\u200b", "<wbr>"])
def test_a_break_opportunity_inside_a_word_is_no_part_of_it(tmp_path, mark):
    """Pages put soft hyphens, zero-width spaces or <wbr> inside long compounds so that they wrap on a
    phone ("Tillgänglighets&shy;redogörelse"); read as characters or as a word's end they hid the
    status, the sections and the supervisor."""
    def soft(text: str) -> str:
        return (text.replace("saavutettavuus", f"saavutettavuus{mark}").replace("vaatimuks", f"vaati{mark}muks")
                .replace("Valvontaviranomaisen", f"Valvonta{mark}viranomaisen").replace("Saavutettavuuden", f"Saavutettavuu{mark}den")
                .replace("saavutettavia", f"saavutetta{mark}via"))
    sections = [(soft(heading), soft(html)) for heading, html in FI_OK]
    result = run(page("fi", *sections), tmp_path)
    assert result.passed, result.found
    assert result.status == "partially"


@pytest.mark.parametrize("dash", ["\u2011", "\u2010", "\u2013"])
def test_a_hyphen_set_as_a_typographic_dash_is_a_hyphen(tmp_path, dash):
    """Text pasted from a word processor carries non-breaking hyphens and dashes inside words
    ("Ei‑saavutettava sisältö", "AA‑tason"): the model's headings and wordings were not found."""
    sections = [("Saavutettavuuden tila", "<p>Verkkopalvelu täyttää WCAG 2.1 -tason AA vaatimukset osittain.</p>"),
                (f"Ei{dash}saavutettava sisältö", "<ul><li>Lomakkeen virheilmoitus jää huomaamatta.</li></ul>"),
                *FI_OK[2:]]
    result = run(page("fi", *sections), tmp_path)
    assert result.passed, result.found


def test_a_statement_is_read_in_the_language_of_its_text_whatever_the_page_declares(tmp_path):
    """A Swedish statement under a Finnish site template's lang="fi" (and a Finnish one under a CMS's
    lang="en") was read with the declared language's words and found to have no status, sections or
    date. The declared language still decides a text too short to tell."""
    swedish = [("Tillgänglighetsstatus", "<p>Webbplatsen uppfyller delvis tillgänglighetskraven i lagen om tillhandahållande av digitala tjänster.</p>"),
               ("Icke tillgängligt innehåll", "<ul><li>Kartan går inte att använda med tangentbord och saknar textalternativ.</li></ul>"),
               ("Respons om tillgängligheten", "<p>Skicka e-post till tillganglighet@example.fi så svarar vi inom två veckor.</p>"),
               ("Tillsynsmyndighetens kontaktuppgifter", "<p>Transport- och kommunikationsverket Traficom övervakar kraven.</p>"),
               ("Utlåtandets uppgifter", "<p>Utlåtandet har uppdaterats den 10 juni 2026.</p>")]
    for declared in ("fi", "en"):
        result = run(page("sv", *swedish).replace('lang="sv"', f'lang="{declared}"'), tmp_path)
        assert (result.language, result.codes, result.status) == ("sv", (), "partially")
    finnish = run(page("fi", *FI_OK).replace('lang="fi"', 'lang="en"'), tmp_path)
    assert (finnish.language, finnish.codes) == ("fi", ())
    from statements.check import check_html
    short = check_html("p", '<html lang="sv"><body><main><p>Respons</p></main></body></html>', TODAY)
    assert short.language == "sv"


@pytest.mark.parametrize("written", ["Tjänstens tillgänglighet:", "› Tjänstens tillgänglighet", "Tjänstens tillgänglighet.",
                                     "2.1 Tjänstens tillgänglighet"])
def test_a_headings_icon_and_colon_are_no_part_of_its_words(written):
    """eVaka Turku's "Tjänstens tillgänglighet" heads its status; with a colon after it or an icon
    before it, as pages set headings, it was no longer known."""
    from statements.check import _heading_words, heading_kinds
    assert heading_kinds(_heading_words(written), "sv") == {"status"}


@pytest.mark.parametrize("lang, heading, kinds", [
    ("sv", "Information om webbplatsens tillgänglighet", {"status"}),
    ("en", "Information about this website’s accessibility", {"status"}),
    ("sv", "Hur tillgängliga är våra e-tjänster?", set()),
    ("en", "How accessible are our other services?", set()),
    ("fi", "Kuinka saavutettavia muut palvelumme ovat?", set()),
    ("sv", "Hur tillgängliga är e-tjänsterna?", {"status"}),
    ("sv", "Hur tillgänglig är vår webbplats?", {"status"}),
])
def test_information_about_the_sites_accessibility_is_its_status_and_our_other_services_are_not(lang, heading, kinds):
    """Round 66 (MPRT, Transportstyrelsen): the model's technical-information heading without
    "technical" still heads the status; a question about how accessible "our e-services" are, in the
    plural, points to those services' own statements and is not this statement's status."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


def test_a_question_about_our_other_services_does_not_hide_the_status_after_it(tmp_path):
    """Round 66 (Transportstyrelsen): the links to the e-services' own statements come first; the
    site's status stands under the technical information after them."""
    sections = [
        ("Hur tillgänglig är webbplatsen?", "<p>Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga.</p>"),
        ("Hur tillgängliga är våra e-tjänster?", "<p>Redogörelser för våra e-tjänster är publicerade separat.</p>"
                                               '<p><a href="/e-tjanster">Tillgänglighetsredogörelse för e-tjänster</a></p>'),
        ("Rapportera brister i webbplatsens tillgänglighet", "<p>Ring oss på 0771-503 503.</p>"),
        ("Tillsyn", "<p>Myndigheten för digital förvaltning har ansvaret för tillsyn.</p>"),
        ("Teknisk information om webbplatsens tillgänglighet",
         "<p>Den här webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service.</p>"),
        ("Innehåll som inte är tillgängligt", "<ul><li>Filmer saknar undertexter.</li></ul>"),
        ("Hur vi testat webbplatsen", "<p>Redogörelsen uppdaterades senast den 2 juni 2026.</p>"),
    ]
    result = run(page("sv", *sections), tmp_path, jurisdiction="eu")
    assert (result.status, result.codes) == ("not", ())


@pytest.mark.parametrize("lang, sections", [
    ("fi", [*FI_OK[:3], ("Valvontaviranomaisen yhteystiedot",
                         "<p>Liikenne- ja viestintävirasto<br>Digitaalisen esteettömyyden ja saavutettavuuden valvontayksikkö</p>"),
            FI_OK[4]]),
    ("sv", [("Status för överensstämmelse", "<p>Webbplatsen uppfyller delvis kraven.</p>"),
            ("Innehåll som inte är tillgängligt", "<ul><li>Vissa bilder saknar textalternativ.</li></ul>"),
            ("Har du upptäckt brister i tillgängligheten?", "<p>Skriv till tillganglighet@example.fi</p>"),
            ("Tillsynsmyndighet", "<p>Transport- och kommunikationsverket, Enheten för tillsyn över digital tillgänglighet</p>"),
            ("Om utlåtandet", "<p>Utlåtandet har uppdaterats den 3.11.2026.</p>")]),
    ("en", [("Compliance status", "<p>This website is partially compliant.</p>"),
            ("Non-accessible content", "<p>Some images lack text.</p>"),
            ("Feedback", "<p>accessibility@example.fi</p>"),
            ("Enforcement procedure", "<p>The Transport and Communications Agency supervises the requirements.</p>"),
            ("Preparation", "<p>Prepared on 1 October 2026.</p>")]),
])
def test_the_supervisor_named_without_traficom_is_the_current_one(tmp_path, lang, sections):
    """The supervisor by its name and unit (statements/data/supervisor.json) without the short name
    "Traficom" ("Liikenne- ja viestintävirastoon", "Transport- och kommunikationsverket") is the
    current supervisor, not a missing one."""
    html = page(lang, *sections).replace("<nav><a href=\"/palaute\">Palaute</a> Traficom</nav>", "")
    assert "traficom" not in html.lower()
    assert run(html, tmp_path, dt.date(2026, 11, 22)).codes == ()


def test_every_name_and_unit_of_the_supervisor_names_the_current_one():
    """The checker's words for the current supervisor cover its data file (the one source of truth):
    each language's name and unit, as a statement writes them."""
    from statements.check import _matches, patterns
    from statements.render import supervisor
    for lang in ("fi", "sv", "en"):
        for field in ("name", "unit"):
            text = supervisor()[lang][field].lower().replace("traficom", "").strip()
            assert _matches(patterns()["supervisor_current"], text), (lang, field, text)


SV_REST = [("Innehåll som inte är tillgängligt", "<ul><li>Vissa bilder saknar textalternativ.</li></ul>"),
           ("Har du upptäckt brister i tillgängligheten?", "<p>Skriv till tillganglighet@example.fi</p>"),
           ("Tillsynsmyndighet", "<p>Transport- och kommunikationsverket Traficom</p>"),
           ("Om utlåtandet", "<p>Utlåtandet har uppdaterats den 3.11.2026.</p>")]
EN_REST = [("Non-accessible content", "<p>Some images lack text.</p>"), ("Feedback", "<p>accessibility@example.fi</p>"),
           ("Enforcement procedure", "<p>Traficom supervises the requirements.</p>"), ("Preparation", "<p>Prepared on 1 October 2026.</p>")]


@pytest.mark.parametrize("lang, sentence, status", [
    ("fi", "Verkkopalvelu on saavutettavuusvaatimusten mukainen.", "fully"),
    ("fi", "Verkkosivusto on vaatimustenmukainen.", "fully"),
    ("fi", "Palvelu ei ole vaatimustenmukainen.", "not"),
    ("fi", "Verkkopalvelu ei ole vielä täysin saavutettavuusvaatimusten mukainen.", "partially"),
    ("fi", "Sivusto noudattaa saavutettavuusvaatimuksia osittain.", "partially"),
    ("fi", "Sovellus täyttää saavutettavuusvaatimukset lähes kokonaan.", "partially"),
    ("sv", "Webbtjänsten motsvarar delvis kraven.", "partially"),
    ("sv", "Webbplatsen motsvarar kraven till största delen.", "partially"),
    ("sv", "Tjänsten motsvarar inte kraven.", "not"),
    ("sv", "Tjänsten motsvarar kraven helt.", "fully"),
    ("en", "The website meets the accessibility requirements in full.", "fully"),
    ("fi", "Palvelu täyttää osan saavutettavuusvaatimuksista.", "partially"),
    ("sv", "Webbplatsen uppfyller en del av kraven.", "partially"),
    ("en", "Most of the requirements are not met.", "not"),
])
def test_a_status_worded_as_statements_word_it_beside_a_list_that_says_does_not_meet(tmp_path, lang, sentence, status):
    """Wordings a statement may use for the model's options: "on (saavutettavuus)vaatimusten
    mukainen", "lähes kokonaan" (almost wholly: partially), the Finland-Swedish "motsvarar" (the
    model's "vastaa"), "in full", meeting a part of the requirements ("osan", "en del av": partially), the supervisor's
    third option in English ("most of the requirements are not met"). A status section read by its parts comes before the rest of the
    page, whose list of problems says "ei täytä" ("Sivusto noudattaa … osittain" was read as not)."""
    rest = {"fi": FI_OK[1:], "sv": SV_REST, "en": EN_REST}[lang]
    head = {"fi": "Saavutettavuuden tila", "sv": "Status för överensstämmelse", "en": "Compliance status"}[lang]
    result = run(page(lang, (head, f"<p>{sentence}</p>"), *rest), tmp_path)
    assert (result.status, result.codes) == (status, ())


@pytest.mark.parametrize("lang, text, newest", [
    ("sv", "Utlåtandet har setts över 5.1.2026.", dt.date(2026, 1, 5)),
    ("sv", "Redogörelsen sågs senast över den 5 januari 2026.", dt.date(2026, 1, 5)),
    ("sv", "Utlåtandet är utarbetat 5.1.2026.", dt.date(2026, 1, 5)),
    ("en", "This statement was last checked on 5 January 2026.", dt.date(2026, 1, 5)),
    ("en", "Date of last review: 05.01.2026", dt.date(2026, 1, 5)),
])
def test_a_statement_seen_over_checked_or_drawn_up_on_a_day_is_dated(lang, text, newest):
    """Words that date a statement as "reviewed" and "prepared" do: "setts över" (looked over),
    "utarbetat" (drawn up, the supervisor's own Swedish), "last checked", "date of last review"."""
    from statements.check import labelled_dates
    assert max(labelled_dates(" ".join(text.split()).lower(), lang), default=None) == newest


@pytest.mark.parametrize("lang, heading", [
    ("fi", "Oikeusturvakeinot"),
    ("fi", "Saavutettavuuskantelun ja -selvityspyynnön tekeminen"),
    ("sv", "Lämna en tillgänglighetsklagan"),
    ("sv", "Om du inte är nöjd med svaret"),
    ("en", "Submit a complaint"),
])
def test_a_complaint_to_the_supervisor_heads_the_enforcement_section(lang, heading):
    """The supervisor's own words for the way to it — a "kantelu" (complaint to an authority),
    "oikeusturvakeinot" (legal remedies), a "tillgänglighetsklagan", submitting a complaint — and
    being dissatisfied with the answer ("inte är nöjd") head the enforcement section."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == {"enforcement"}


@pytest.mark.parametrize("heading, html", [
    ("Saavutettavuuden puutteet ja niiden korjaaminen", "<ul><li>Osa kuvista on ilman tekstivastinetta.</li></ul>"),
    ("Tiedossa olevat ongelmat", "<ul><li>Osa kuvista on ilman tekstivastinetta.</li></ul>"),
    (None, "<p>Palvelussa on seuraavia puutteita:</p><ul><li>Osa kuvista on ilman tekstivastinetta.</li></ul>"),
])
def test_the_shortcomings_named_with_their_fixing_or_as_known_problems_are_the_list(tmp_path, heading, html):
    """Shortcomings named together with their fixing ("… ja niiden korjaaminen") are the list of
    what is not accessible, not the plan to fix it; so are "tiedossa olevat ongelmat" (known
    problems) and, under the status, "seuraavia puutteita:" before a list."""
    sections = [(FI_OK[0][0], FI_OK[0][1] + ("" if heading else html)), *([(heading, html)] if heading else []), *FI_OK[2:]]
    assert run(page("fi", *sections), tmp_path).codes == ()


@pytest.mark.parametrize("lang, text", [
    ("sv", "vi följer eu:s tillgänglighetsdirektiv (european accessibility act) i kraft sedan 28 juni 2025."),
    ("sv", "lagen om vissa produkters och tjänsters tillgänglighet gäller från den 28 juni 2025."),
    ("en", "the european accessibility act applies from 28 june 2025."),
    ("fi", "esteettömyysdirektiivin vaatimukset ovat voimassa 28.6.2025 alkaen."),
    ("fi", "lakia sovelletaan 23.9.2020 lähtien."),
])
def test_a_date_in_a_sentence_about_a_law_is_the_laws(lang, text):
    """Round 72 (Hadj Omra Resor): the one date on the page was the day the European Accessibility
    Act applied ("i kraft sedan 28 juni 2025"), taken for the statement's: a false "stale" where the
    statement has no date of its own. A sentence that names a law and not the statement dates the law."""
    from statements.check import unlabelled_dates
    assert unlabelled_dates(text, lang) == []
    statement = {"sv": "redogörelsen enligt lagen är från 3 mars 2026.", "en": "this statement under the act is from 3 march 2026.",
                 "fi": "tämä lain mukainen seloste on 3.3.2026."}[lang]
    assert unlabelled_dates(text + " " + statement, lang) == [dt.date(2026, 3, 3)]  # the statement's own sentence still dates it


@pytest.mark.parametrize("lang, status, work", [
    ("sv", "Webbplatsen är delvis förenlig med standarden WCAG 2.2 AA.",
     "Pågående arbete: kontrastförbättringar för vissa sektioner, tangentbordsnavigering i bokningsflöden."),
    ("en", "This website is partially compliant with WCAG 2.1 AA.",
     "We are working to fix the following: the contrast of the footer, keyboard access to the booking form."),
    ("fi", "Verkkopalvelu vastaa suurilta osin digipalvelulain vaatimuksia.",
     "Työn alla: alatunnisteen kontrasti, varauslomakkeen näppäimistökäyttö."),
])
def test_the_work_in_progress_under_the_status_names_what_is_not_accessible(tmp_path, lang, status, work):
    """Round 72 (Hadj Omra Resor): a partially compliant site names its shortcomings as the work in
    progress right after its status ("Pågående arbete: …"), with no section of their own; the
    section was reported missing. The same status with nothing after it still has none."""
    contact = {"sv": SV_CONTACT,
               "en": [("Feedback", "<p>E-mail: a11y@example.org</p>"), ("Enforcement procedure", "<p>Contact the Agency for Digital Government (Digg).</p>"),
                      ("Preparation", "<p>This statement was prepared on 17 August 2026.</p>")],
               "fi": FI_OK[2:]}[lang]
    jurisdiction = "fi" if lang == "fi" else "eu"
    heading = {"sv": "Status", "en": "Compliance status", "fi": "Saavutettavuuden tila"}[lang]
    named = page(lang, (heading, f"<p>{status} {work}</p>"), *contact)
    assert run(named, tmp_path, dt.date(2026, 9, 1), jurisdiction).codes == ()
    unnamed = page(lang, (heading, f"<p>{status}</p>"), *contact)
    assert run(unnamed, tmp_path, dt.date(2026, 9, 1), jurisdiction).codes == ("no-non-accessible-section",)


@pytest.mark.parametrize("lang, heading, items, contact", [
    ("sv", "Så här uppfyller tjänsten kraven", "<li>All funktionalitet kan nås med tangentbord.</li>", SV_CONTACT),
    ("fi", "Näin palvelu täyttää vaatimukset", "<li>Kaikki toiminnot toimivat näppäimistöllä.</li>", FI_OK[2:]),
])
def test_a_heading_over_the_measures_taken_is_no_status(tmp_path, lang, heading, items, contact):
    """Round 74 (UBM Klar): the heading "Så här uppfyller tjänsten kraven" (this is how the service
    meets the requirements) over a list of measures was read as a status in the author's own words;
    the statement states no status at all. "Näin ollen" (therefore) before a status still claims one."""
    measures = page(lang, (heading, f"<ul>{items}</ul>"), *contact)
    assert "no-status" in run(measures, tmp_path, dt.date(2026, 9, 1), "eu" if lang == "sv" else "fi").codes
    from statements.check import status_of
    assert status_of("näin ollen palvelu täyttää saavutettavuusvaatimukset osittain.", "fi")[0] == "partially"


@pytest.mark.parametrize("lang, text", [
    ("en", "the data was fetched through gbif's open api on 2026-10-01 and is free to use."),
    ("sv", "datan hämtades via gbif:s öppna gränssnitt den 2026-10-01 och får användas fritt."),
    ("fi", "aineisto on haettu avoimesta rajapinnasta 1.10.2026."),
])
def test_the_day_data_was_fetched_does_not_date_the_statement(lang, text):
    """Round 75 (Artkollen): a statement that is the last section of a page about its data has no date
    of its own; the day the data was fetched was not taken for it only because it was also the day of
    the last test, which does not date a statement either. A sentence about fetched data dates the data."""
    from statements.check import unlabelled_dates
    assert unlabelled_dates(text, lang) == []
    assert unlabelled_dates("2026-10-05. " + text, lang) == [dt.date(2026, 10, 5)]  # a bare date still counts


@pytest.mark.parametrize("lang, heading", [
    ("sv", "Pågående förbättringar"),
    ("en", "Ongoing improvements"),
    ("en", "Work in progress"),
    ("fi", "Työn alla olevat korjaukset"),
])
def test_a_heading_over_the_improvements_in_progress_heads_the_list_of_problems(lang, heading):
    """Round 76 (Screndo): the only list of what is not yet accessible stands under "Pågående
    förbättringar" / "Ongoing improvements" ("Better colour contrast for key components"); the
    section was reported missing. The heading names work in progress, as "Pågående arbete:" does in a
    sentence (round 72); a heading about fixing in general ("Åtgärdande av brister") still is not the list."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == {"non_accessible"}
    assert "non_accessible" not in heading_kinds({"sv": "Åtgärdande av brister", "en": "Fixing problems",
                                                  "fi": "Puutteiden korjaaminen"}[lang], lang)


@pytest.mark.parametrize("footer", [
    '<div><p>Vaihde 09 310 1691. kirjaamo@example.fi</p><p>© 2026 Kaupunki</p></div>',
    '<div class="bg-slate-900 py-8"><div><p>kirjaamo@example.fi</p></div><p>Copyright © Example Oy</p></div>',
])
def test_an_unnamed_footer_with_the_sites_copyright_is_no_part_of_the_statement(footer):
    """The bench's chrome line, unnamed divs: a footer no landmark, role or name marks passed its e-mail
    address for the feedback channel of a statement whose last section has none (Artkollen, round 75;
    UBM Klar, round 74). The short block around the site's copyright line that ends the page is left
    out; a statement's own words about copyright, and a © block with text after it, stay."""
    from statements.check import check_html
    feedback = "<h2>Palaute</h2><p>Kerro meille, jos huomaat puutteita.</p>"
    page = f'<html lang="fi"><body><div>{NO_FEEDBACK_FI}{feedback}</div>{footer}</body></html>'
    assert "no-feedback" in check_html("p", page, dt.date(2026, 5, 1)).codes
    own = NO_FEEDBACK_FI + "<h2>Palaute</h2><p>Tekijänoikeudella suojattu aineisto (copyright 2020) ei kuulu lain piiriin. Sähköposti: a11y@example.fi</p>"
    assert check_html("p", f'<html lang="fi"><body><div>{own}</div></body></html>', dt.date(2026, 5, 1)).codes == ()
    followed = f'<html lang="fi"><body><div>{NO_FEEDBACK_FI}{feedback}</div>{footer}<div><p>Lisätietoja sivustosta.</p></div></body></html>'
    assert "no-feedback" not in check_html("p", followed, dt.date(2026, 5, 1)).codes  # not the page's end: kept


EN_CONTACT = [("Feedback", "<p>E-mail: <a href='mailto:a11y@example.org'>a11y@example.org</a></p>"),
              ("Enforcement procedure", "<p>The Equality and Human Rights Commission (EHRC) enforces the regulations.</p>"),
              ("Preparation", "<p>This statement was prepared on 17 August 2026.</p>")]


@pytest.mark.parametrize("lang, heading, items, contact", [
    ("en", "How accessible this website is",
     "<li>You can change the font size.</li><li>We know some parts of this website are not fully accessible.</li>"
     "<li>Some of our online forms are difficult to navigate using just a keyboard.</li>", EN_CONTACT),
    ("sv", "Hur tillgänglig är webbplatsen?",
     "<li>Du kan ändra textstorleken.</li><li>Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga.</li>"
     "<li>Vissa formulär går inte att använda med tangentbord.</li>", SV_CONTACT),
])
def test_a_list_that_says_parts_are_not_fully_accessible_names_the_problems(tmp_path, lang, heading, items, contact):
    """Round 79 (Birmingham Choice): the only list of problems stands under "How accessible this
    website is", with "We know some parts of this website are not fully accessible." as one of its
    items; the non-accessible section was reported missing. The same section with nothing listed
    still has none."""
    listed = page(lang, (heading, f"<ul>{items}</ul>"), *contact)
    assert run(listed, tmp_path, dt.date(2026, 9, 1), "eu").codes == ()
    loose = {"en": "We know some parts of this website are not fully accessible.",
             "sv": "Vi är medvetna om att delar av webbplatsen inte är helt tillgängliga."}[lang]
    unlisted = page(lang, (heading, f"<p>{loose}</p>"), *contact)
    assert run(unlisted, tmp_path, dt.date(2026, 9, 1), "eu").codes == ("no-non-accessible-section",)


@pytest.mark.parametrize("lang, aim, heading, problem, contact", [
    ("sv", "Denna webbplats försöker uppfylla WCAG 2.1 på nivå AA.", "Kontrastproblem för knappen",
     "Kontrasten på vår knapp uppfyller inte WCAG 2.1 för tillräcklig kontrast.", SV_CONTACT),
    ("fi", "Tavoitteenamme on täyttää WCAG 2.1 AA -taso.", "Kontrastiongelma painikkeessa",
     "Painikkeen kontrasti ei täytä WCAG 2.1 -vaatimusta.", FI_OK[2:]),
])
def test_does_not_meet_under_a_heading_naming_a_problem_is_no_status(tmp_path, lang, aim, heading, problem, contact):
    """Round 79 (Alltid Hemtjänst): with no status section and only an aim ("försöker uppfylla"), the
    contrast of a button that "uppfyller inte" WCAG under "Kontrastproblem för Call-to-Action-knappen"
    was read as the site's status, "not compliant". A heading naming a kind of problem heads a list of
    problems, and a status is never read from one."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == {"non_accessible"}
    codes = run(page(lang, ("Mål", f"<p>{aim}</p>"), (heading, f"<p>{problem}</p>"), *contact),
                tmp_path, dt.date(2026, 9, 1), "eu").codes
    assert "no-status" in codes and "no-non-accessible-section" not in codes


@pytest.mark.parametrize("link", [
    '<a href="https://github.com/example/site/issues">GitHub issue tracker</a>',
    '<a href="https://gitlab.com/example/site/-/issues">report it here</a>',
])
def test_an_issue_tracker_link_is_a_feedback_channel(tmp_path, link):
    """Round 80 (Barazo): "You can report accessibility issues through our GitHub issue tracker" under
    "Contact us" was not taken for a channel, so "no feedback" was reported. A link to an issue tracker
    is one, as a form is; the same section without the link still has none."""
    status = ("Compliance status", "<p>This website is fully compliant with WCAG 2.1 AA.</p>")
    rest = EN_CONTACT[1:]
    with_link = page("en", status, ("Contact us", f"<p>Please tell us about barriers. Use our {link}.</p>"), *rest)
    assert run(with_link, tmp_path, dt.date(2026, 9, 1), "eu").codes == ()
    without = page("en", status, ("Contact us", "<p>Please let us know about barriers.</p>"), *rest)
    assert run(without, tmp_path, dt.date(2026, 9, 1), "eu").codes == ("no-feedback",)


def test_a_support_page_link_is_a_feedback_channel_and_the_complaints_service_is_not(tmp_path):
    """Round 138 (GDS's Find open data): "please select 'Report a problem' on the data.gov.uk support page" under
    "Reporting accessibility problems" was not taken for a channel, so "no feedback" was reported. A link to the
    site's support page is one, as a contact form is; a link to the Equality Advisory and Support Service in the same
    section is where a complaint goes after the organisation has answered, not a channel to the organisation."""
    status = ("Compliance status", "<p>This website is fully compliant with WCAG 2.1 AA.</p>")
    rest = EN_CONTACT[1:]
    support = '<a href="/support">data.gov.uk support page</a>'
    eass = '<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service</a>'
    with_link = page("en", status, ("Reporting accessibility problems",
                                    f"<p>Please select 'Report a problem' on the {support}.</p>"), *rest)
    assert run(with_link, tmp_path, dt.date(2026, 9, 1), "eu").codes == ()
    only_eass = page("en", status, ("Reporting accessibility problems",
                                    f"<p>If you are not happy with our answer, contact the {eass}.</p>"), *rest)
    assert run(only_eass, tmp_path, dt.date(2026, 9, 1), "eu").codes == ("no-feedback",)


@pytest.mark.parametrize("lang, heading, kinds", [
    ("fi", "Upotuksesta puuttuu selittävä otsikko", {"non_accessible"}),
    ("fi", "Kuvien ja kaavioiden tekstivastineissa on puutteita", {"non_accessible"}),
    ("sv", "Alternativ text saknas", {"non_accessible"}),
    ("sv", "Bilderna saknar alternativtext", {"non_accessible"}),
    ("en", "Some images are missing alternative text", {"non_accessible"}),
    ("en", "The map lacks a text alternative", {"non_accessible"}),
    ("sv", "Noterade du brister i tillgängligheten?", {"feedback"}),
    ("sv", "Märkte du brister i tillgängligheten?", {"feedback"}),
    ("fi", "Linkit", set()),
    ("sv", "Saknar du något?", set()),
    ("en", "Is something missing?", set()),
])
def test_a_heading_stating_a_problem_heads_problems_and_a_question_about_noticing_them_asks_for_feedback(lang, heading, kinds):
    """Round 82 (Uusikaupunki, DVV): headings that state a problem ("Upotuksesta puuttuu selittävä
    otsikko", the embed lacks a title) were taken for none of a statement's sections, and "Noterade du
    brister i tillgängligheten?" (did you notice shortcomings?) for the list of problems rather than
    the feedback section. A heading naming only a topic ("Linkit"), or asking whether something is
    missing ("Saknar du något?"), is still none of them."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, text, newest", [
    ("sv", "en utomstående organisation har utfört en bedömning av webbplatsen i januari 2022. det här utlåtandet bereddes i samband med bedömningen.", dt.date(2022, 1, 31)),
    ("fi", "ulkopuolinen asiantuntija arvioi palvelun 14.3.2023. tämä seloste on laadittu arvioinnin yhteydessä.", dt.date(2023, 3, 14)),
    ("en", "an external auditor assessed the website on 2 may 2024. this statement was prepared alongside the assessment.", dt.date(2024, 5, 2)),
])
def test_a_statement_prepared_with_an_assessment_takes_its_date(lang, text, newest):
    """Round 83 (the Åland police): "En utomstående organisation (Eficode Oy) har utfört en bedömning av
    webbplatsen i januari 2022. Det här utlåtandet bereddes i samband med bedömningen." dates the
    statement by the assessment it was prepared with; no date was found. The assessment's date alone
    still labels nothing."""
    from statements.check import labelled_dates
    assert max(labelled_dates(text, lang)) == newest
    assert labelled_dates(text.split(". ")[0] + ".", lang) == []


@pytest.mark.parametrize("lang, heading, sentence", [
    ("sv", "Tillgänglighetsstatus", "Vi är medvetna om att delar av webbplatsen inte uppfyller kraven."),
    ("sv", "Hur tillgänglig är webbplatsen?", "Vi vet att delar av tjanst.example.se inte lever upp till kraven."),
    ("fi", "Saavutettavuuden tila", "Osa sivuston sisällöistä ei täytä saavutettavuusvaatimuksia."),
    ("en", "Compliance status", "We know parts of this website do not meet the requirements."),
])
def test_parts_that_do_not_meet_the_requirements_are_partially(tmp_path, lang, heading, sentence):
    """Round 88 (Staffanstorp): "Vi är medvetna om att delar av webbplatsen inte uppfyller kraven"
    (parts of the site do not meet the requirements) was read as "not compliant" by its words, and as a
    claim in none of the model's words under a status heading. Parts that do not meet them is the
    loose partial option, as "delar av webbplatsen inte är helt tillgängliga" already was."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "partially"
    html = f'<html lang="{lang}"><body><main><h1>x</h1><h2>{heading}</h2><p>{sentence}</p></main></body></html>'
    assert run(html, tmp_path, jurisdiction="eu").status == "partially"


@pytest.mark.parametrize("lang, heading", [
    ("sv", "Teknisk information om vardgivarwebben.norrbotten.ses tillgänglighet"),
    ("en", "Technical information about example.org's accessibility"),
])
def test_technical_information_about_a_named_site_heads_the_status(lang, heading):
    """Round 88 (Region Norrbotten's vårdgivarwebben): the site named by its address in "Teknisk
    information om vardgivarwebben.norrbotten.ses tillgänglighet" hid the status heading."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == {"status"}


@pytest.mark.parametrize("lang, sentence, expected", [
    ("sv", "Tjänsten uppfyller delvis WCAG-kriteriernas kritiska A- och AA-krav.", "other"),
    ("fi", "Palvelu täyttää osittain WCAG-kriteeristön kriittiset A- ja AA-tason vaatimukset.", "other"),
    ("fi", "Palvelu täyttää suurelta osin saavutettavuusvaatimukset, ja sivustolla ei ole kriittisiä puutteita.", "partially"),
    ("sv", "Webbplatsen uppfyller delvis tillgänglighetskraven och det finns inga kritiska brister.", "partially"),
])
def test_partly_meeting_the_critical_requirements_is_the_old_tools_wording(lang, sentence, expected):
    """Round 91 (Traficom's Bitmätaren.fi): "uppfyller delvis WCAG-kriteriernas kritiska A- och AA-krav"
    partly meets the old statement tool's critical requirements, none of the model's options; the
    words naming them lay past the 40 characters read after the wording and were not "kritiska
    tillgänglighetskrav". A clause is read to its end; critical shortcomings that are absent still
    leave the partial option."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == expected


@pytest.mark.parametrize("enforcement", [
    [("Ongoing evaluation of accessibility", "<p>If you are not satisfied with our reply, contact the supervisor.</p>"),
     ("Contact information for the Regional State Administrative Agency",
      "<p><strong>Regional State Administrative Agency of Southern Finland</strong><br>Accessibility Monitoring Unit<br>"
      "saavutettavuus(at)avi.fi</p>")],
    [("Ongoing evaluation of accessibility",
      "<p>If you do not receive a reply within two weeks, you can file a report with the Regional State Administrative "
      "Agency for Southern Finland.</p>")],
])
def test_the_former_supervisor_named_in_english_outside_an_enforcement_heading(tmp_path, enforcement):
    """Round 96 (Kela's family leave calculator in English): the enforcement heading is translated as
    "Ongoing evaluation of accessibility", the supervisor stands under "Contact information for the
    Regional State Administrative Agency" (a heading naming the body, as "Valvontaviranomaisen
    yhteystiedot" or "Regionförvaltningsverket" do), and the complaint sentence "file a report with" is
    the English of the Finnish "tehdä ilmoituksen" and the Swedish "anmälan". It names the former
    supervisor, not none."""
    en = [("Compliance status", "<p>This website is partially compliant.</p>"),
          ("Non-accessible content", "<p>Some images lack text.</p>"),
          ("Feedback", "<p>accessibility@example.fi</p>"), ("Preparation", "<p>Prepared on 1 October 2026.</p>")]
    result = run(page("en", *en, *enforcement), tmp_path)
    assert result.codes == ("old-supervisor",), result.found


@pytest.mark.parametrize("lang, heading", [
    ("en", "Known Limitations &amp; Assistance"),
    ("en", "Known issues and support"),
    ("sv", "Kända brister och stöd"),
    ("fi", "Tunnetut puutteet ja tuki"),
])
def test_a_heading_naming_known_limitations_and_assistance_is_the_non_accessible_section(tmp_path, lang, heading):
    """Round 97 (the Enemy Alien portfolio): "Known Limitations & Assistance" heads the known limitations
    and offers help with them. A heading that only names support for those the content keeps out is not
    the section listing it, but one that names the limitations too, joined by "and", is."""
    status = {"en": "This website is partially compliant with WCAG 2.1 AA.",
              "sv": "Webbplatsen är delvis förenlig med lagen.",
              "fi": "Verkkosivusto täyttää saavutettavuusvaatimukset osittain."}[lang]
    vague = {"en": "There may be some.", "sv": "Det kan finnas några.", "fi": "Niitä voi olla."}[lang]
    html = (f'<html lang="{lang}"><body><main><h1>x</h1><h2>Status</h2><p>{status}</p>'
            f"<h2>{heading}</h2><p>{vague}</p></main></body></html>")
    assert "no-non-accessible-section" not in run(html, tmp_path, jurisdiction="eu").codes


def test_a_heading_naming_only_support_is_still_not_the_non_accessible_section(tmp_path):
    html = ('<html lang="en"><body><main><h1>x</h1><h2>Status</h2><p>This website is partially compliant with WCAG 2.1 AA.</p>'
            "<h2>Support for users for whom the content is not accessible</h2><p>Call us.</p></main></body></html>")
    assert "no-non-accessible-section" in run(html, tmp_path, jurisdiction="eu").codes


@pytest.mark.parametrize("lang, heading, kinds", [
    ("sv", "Situationen med digitjänstens tillgänglighet", {"status"}),
    ("sv", "Situationen gällande den digitala tjänstens tillgänglighet", {"status"}),
    ("sv", "Aktias nättjänsters tillgänglighet", {"status"}),
    ("sv", "Detaljerad information om teknisk tillgänglighet", {"status"}),
    ("en", "Accessibility of the digital service", {"status"}),
    ("sv", "3. Webbsidorna uppfyller inte till alla delar kraven", {"non_accessible"}),
    ("sv", "3. Webbplatsen uppfyller inte ännu kraven till alla delar", {"non_accessible"}),
    ("sv", "Allvarliga missförhållanden – WCAG", {"non_accessible"}),
    ("en", "Accessibility of our website", set()),
])
def test_the_headings_of_finnish_banks_statements(lang, heading, kinds):
    """Round 99 (Finnish banks' and insurers' statements, Säästöpankki's, Aktia's, OP's, POP Pankki's):
    the Swedish of "Digipalvelun saavutettavuuden tila" is "Situationen med/gällande … tillgänglighet",
    the status also stands under "<company>s nättjänsters tillgänglighet", "Accessibility of the digital
    service" and "Detaljerad information om teknisk tillgänglighet"; the list of problems under "Webbsidorna
    uppfyller inte till alla delar kraven" (as under the Finnish "Verkkosivusto ei ole vielä kaikilta osin
    vaatimusten mukainen") and "Allvarliga missförhållanden". A site's title, "Accessibility of our
    website", stays no section of the model."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, lang) == kinds


@pytest.mark.parametrize("lang, sentence", [
    ("sv", "Nättjänster uppfyller kraven enligt lagen om tillhandahållande av digitala tjänster 306/2019 till vissa delar."),
    ("en", "This website partly fulfils the requirements."),
    ("en", "Account applications comply with the requirements in part."),
])
def test_in_part_and_to_some_parts_are_partially(lang, sentence):
    """Round 99 (Aktia in Swedish, OP in English)."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "partially"


@pytest.mark.parametrize("text, newest", [
    ("Denna tillgänglighetsbeskrivning berör tjänsten Sb-Livförsäkring Ab:s elektroniska hälsodeklaration och är "
     "uppgjord/uppdaterats 19.12.2023.", "2023-12-19"),
    ("Detta tillgänglighetsutlåtande gäller mobilbanken och har publicerats 30.6.2021 och updaterats 30.11.2022.",
     "2022-11-30"),
    ("Utlåtandet ska uppdateras 1.6.2027.", None),
])
def test_a_swedish_update_label_is_not_taken_for_a_plan_inside_a_word(text, newest):
    """Round 99 (Säästöpankki's and Nordea's Swedish statements): "ska" (shall) marks a plan only as a word,
    not inside "elektroniska"; and Nordea's "updaterats" is "uppdaterats" misspelt."""
    from statements.check import labelled_dates
    found = labelled_dates(" ".join(text.split()).lower(), "sv")
    assert (max(found).isoformat() if found else None) == newest


@pytest.mark.parametrize("lang, sentence", [
    ("fi", "Arvioinnin mukaan lain vaatimukset saavutettiin osittain."),
    ("en", "OP’s identity verification services meet the requirements in part."),
])
def test_requirements_met_in_part_in_the_plural_and_in_the_past(lang, sentence):
    """Round 100 (Oma Säästöpankki: "according to the assessment the law's requirements were met in
    part"; OP's identification services, a plural subject: "meet the requirements in part")."""
    from statements.check import status_of
    assert status_of(sentence.lower(), lang)[0] == "partially"


@pytest.mark.parametrize("lang, text, newest", [
    ("en", "This web service was published on 2 May 2022 and updated on 14 October 2024 and it partly meets the "
           "criteria.", None),
    ("fi", "Tämä verkkopalvelu on julkaistu 2.5.2022 ja päivitetty 14.10.2024.", None),
    ("sv", "Detta tillgänglighetsutlåtande gäller mobilbanken och har publicerats 30.6.2021 och uppdaterats 30.11.2022.",
     "2022-11-30"),
    ("en", "This statement was published on 2 May 2022 and updated on 14 October 2024.", "2024-10-14"),
])
def test_an_update_that_follows_the_services_publication_is_the_services(lang, text, newest):
    """Round 101 (Job Market Finland in English): "This web service was published on 2 May 2022 and
    updated on 14 October 2024" dates the service, not the statement; the same words about the statement
    date the statement."""
    from statements.check import labelled_dates
    found = labelled_dates(" ".join(text.split()).lower(), lang)
    assert (max(found).isoformat() if found else None) == newest


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "More detailed information on technical accessibility", {"status"}),
])
def test_information_on_technical_accessibility_heads_the_status(lang, text, expected):
    """Round 101 (HUS in English), as "Tarkemmat tiedot teknisestä saavutettavuudesta" in Finnish."""
    from statements.check import heading_kinds
    assert heading_kinds(text, lang) == expected


def test_fyller_delvis_is_partially():
    """Round 101 (Job Market Finland in Swedish): "den fyller delvis i lagens krav", "uppfyller" misspelt."""
    from statements.check import status_of
    assert status_of("webbtjänsten är publicerad 2.5.2022 och den fyller delvis i lagens krav om tillgänglighet.", "sv")[0] == "partially"


def test_known_remaining_gaps_listed_under_the_status_are_the_non_accessible_content(tmp_path):
    """Round 102 (Yosemite Crew): under "Conformance status", "Partially conformant. … Known remaining gaps
    include:" and a list of them, with no heading of their own."""
    html = ('<html lang="en"><body><main><h1>x</h1><h2>Conformance status</h2><p><strong>Partially conformant.</strong> '
            "Some parts of the content do not fully conform to WCAG 2.2 AA. Known remaining gaps include:</p>"
            "<ul><li>Some data tables lack sort semantics.</li><li>Colour contrast is under review.</li></ul></main></body></html>")
    assert "no-non-accessible-section" not in run(html, tmp_path, jurisdiction="eu").codes


def test_an_issue_described_as_follows_under_the_status_is_the_non_accessible_content(tmp_path):
    """Round 140 (DWP's Fraud Referral Capture form): under "Compliance status", "partially compliant … We have
    identified an issue … The issue is described as follows:" and a list of its steps, with no heading of their own,
    was read as no list of what is not accessible. Without the sentence, the same list names nothing."""
    def html(lead):
        return ('<html lang="en"><body><main><h1>x</h1><h2>Compliance status</h2><p>This service is partially compliant '
                f"with WCAG 2.2 AA. We have identified an issue that could affect users in a rare scenario. {lead}</p>"
                "<ul><li>Text input area has a 500 character limit.</li><li>Going back adds spaces to the count.</li></ul>"
                "</main></body></html>")
    assert "no-non-accessible-section" not in run(html("The issue is described as follows:"), tmp_path, jurisdiction="eu").codes
    assert "no-non-accessible-section" in run(html("Here is what we know:"), tmp_path, jurisdiction="eu").codes


@pytest.mark.parametrize("lang, text, newest", [
    ("en", "This statement was prepared in accordance with regulations. It was last reviewed in 2024.", "2024-12-31"),
    ("fi", "Seloste on päivitetty vuonna 2023.", "2023-12-31"),
    ("en", "This statement was prepared in line with the Accessibility Regulations 2018.", None),
])
def test_a_year_alone_after_the_label_dates_the_statement_to_its_last_day(text, lang, newest):
    """Round 102 (the University of Edinburgh's Collections site): "It was last reviewed in 2024" dates the
    statement, to the year's last day as a month alone dates it to the month's (a year cited from a law
    after other words does not)."""
    from statements.check import labelled_dates
    found = labelled_dates(" ".join(text.split()).lower(), lang)
    assert (max(found).isoformat() if found else None) == newest


def test_does_not_currently_comply_is_not_compliant():
    """Round 103 (OP's overdraft payment service): "does not currently comply with digital accessibility
    standards" — an adverb between the verb and its negation."""
    from statements.check import status_of
    assert status_of("the op overdraft payment service does not currently comply with digital accessibility standards.", "en")[0] == "not"
    assert status_of("the service does not currently comply with all of the requirements.", "en")[0] == "partially"


@pytest.mark.parametrize("sentence", [
    "Den här tjänsten följer delvis lagen om tillgänglighet till digital offentlig service.",
    "Idavall Data e-tjänster är till stora delar förenliga med lagen om tillgänglighet till digital offentlig service.",
])
def test_swedish_partial_wordings_of_round_104(sentence):
    """Round 104 (MSB's e-service portal, Idavall): "följer delvis lagen" and "till stora delar förenliga"
    are partially, as "uppfyller delvis" and "till stor del förenlig" already were."""
    from statements.check import status_of
    assert status_of(sentence.lower(), "sv")[0] == "partially"


def test_how_the_services_meet_the_requirements_heads_the_status():
    """Round 104 (Idavall): "2. Hur våra e-tjänster uppfyller kraven" heads the status of the e-services
    the statement is about; "Hur tillgängliga är våra e-tjänster?" still points to their own statements."""
    from statements.check import heading_kinds
    assert heading_kinds("2. Hur våra e-tjänster uppfyller kraven", "sv") == {"status"}
    assert heading_kinds("Hur tillgängliga är våra e-tjänster?", "sv") == set()


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "wcag 2.1 level a fully conformant - essential requirements met. wcag 2.1 level aa partially conformant - most requirements met.", "partially"),
    ("en", "level a: fully compliant. level aa: non-compliant.", "not"),
    ("sv", "nivå a: helt förenlig. nivå aa: delvis förenlig.", "partially"),
    ("en", "this website is fully conformant with wcag 2.1 level a and aa.", "fully"),
    ("en", "level a: fully conformant.", "fully"),
])
def test_a_status_at_level_a_alone_gives_way_to_the_one_against_the_requirement(lang, text, expected):
    """Round 105 (The Quantum Club): "WCAG 2.1 Level A — Fully conformant", then "WCAG 2.1 Level AA —
    Partially conformant": the site is partially conformant with the requirement (A and AA); a status
    at level A is read only when it is the only one worded."""
    from statements.check import status_of
    assert status_of(text, lang)[0] == expected


def test_not_aware_of_any_content_that_fails_is_the_non_accessible_section(tmp_path):
    """Round 105 (SKR Info): "We are not aware of any content that fails to meet WCAG 2.2 AA" under "How
    accessible this website is" says what is not accessible (nothing known), whatever the status."""
    html = ('<html lang="en"><body><main><h1>x</h1><h2>How accessible this website is</h2><p>We aim to meet WCAG 2.2 AA.</p>'
            "<p>We are not aware of any content that fails to meet WCAG 2.2 AA.</p></main></body></html>")
    assert "no-non-accessible-section" not in run(html, tmp_path, jurisdiction="eu").codes
    html = html.replace("We are not aware of any content that fails to meet WCAG 2.2 AA.", "We test it often.")
    assert "no-non-accessible-section" in run(html, tmp_path, jurisdiction="eu").codes


def test_a_statement_dated_only_in_the_pages_footer(tmp_path):
    """Round 106 (Skill-Learn): the page's <main> holds the statement, and its only date stands in the
    page's <footer>: "This statement was last updated on October 24, 2023." A sentence outside the
    statement dates it only when it names the accessibility statement (a privacy statement's or the
    page's own update does not)."""
    main = ('<html lang="en"><body><main><h1>Accessibility Statement</h1><h2>Conformance Status</h2>'
            "<p>This site is fully conformant with WCAG 2.1 level AA.</p><h2>Feedback</h2>"
            '<p><a href="mailto:a11y@example.org">a11y@example.org</a></p></main>')
    dated = run(main + "<footer><p>This statement was last updated on October 24, 2023.</p></footer></body></html>",
                tmp_path, jurisdiction="eu", today=dt.date(2023, 11, 1))
    assert dated.newest_date == dt.date(2023, 10, 24) and "no-date" not in dated.codes
    for other in ("<p>Our privacy notice was last updated on October 24, 2023.</p>",
                  "<p>This page was last updated on October 24, 2023.</p>",
                  "<script>var note = 'This statement was last updated on October 24, 2023.';</script>",
                  "<template><p>This statement was last updated on October 24, 2023.</p></template>",
                  "<noscript><p>This statement was last updated on October 24, 2023.</p></noscript>"):
        undated = run(main + f"<footer>{other}</footer></body></html>", tmp_path, jurisdiction="eu", today=dt.date(2023, 11, 1))
        assert undated.newest_date is None and "no-date" in undated.codes


def test_built_to_conform_under_accessibility_on_this_site_is_a_claim_in_other_words(tmp_path):
    """Round 106 (Friends of Scenic 30A): "Accessibility on this site" heads the status like "Accessibility
    of the website", and "This site is built to conform with WCAG 2.2 at Level AA" claims a level in
    words none of the model's, as "designed to meet" does."""
    html = ('<html lang="en"><body><main><h1>Accessibility Statement</h1><h2>Accessibility on this site</h2>'
            "<p>This site is built to conform with the Web Content Accessibility Guidelines (WCAG) 2.2 at Level AA. "
            "Pages use a skip link.</p></main></body></html>")
    assert "not-a-model-status" in run(html, tmp_path, jurisdiction="eu").codes
    from statements.check import heading_kinds
    assert heading_kinds("Accessibility on this site", "en") == {"status"}
    assert heading_kinds("Accessibility of our website", "en") == set()


def test_state_of_the_accessibility_heads_the_status_and_drafting_the_statement_its_preparation(tmp_path):
    """Round 108 (the University of Turku's ReGrow and utu.fi): "1.1 State of the accessibility of the website"
    heads the status as "State of accessibility" does; under "Drafting this accessibility statement" a
    date needs no label, as under "Preparation of this accessibility statement"."""
    from statements.check import heading_kinds
    assert heading_kinds("1.1 State of the accessibility of the website", "en") == {"status"}
    html = ('<html lang="en"><body><main><h1>Accessibility statement</h1><h2>Compliance status</h2>'
            "<p>This website is fully compliant with WCAG 2.1 AA. Its first statement was prepared on 1 March 2019.</p>"
            "<h2>Drafting this accessibility statement</h2>"
            "<p>16 September 2019, based on an evaluation by an outside expert.</p></main></body></html>")
    assert run(html, tmp_path, jurisdiction="eu", today=dt.date(2019, 10, 1)).newest_date == dt.date(2019, 9, 16)


def test_a_department_named_under_the_enforcement_procedure_is_an_enforcement_body(tmp_path):
    """Round 110 (AgentBio.net): under "Enforcement Procedure", "You may file a complaint with the U.S.
    Department of Justice or your state's attorney general office" names where to turn, as a commission,
    an authority or an ombudsman does; a heading with no body under it still names none."""
    page = ('<html lang="en"><body><main><h1>Accessibility Statement</h1><h2>Conformance Status</h2>'
            "<p>This site is partially conformant with WCAG 2.1 AA.</p><h2>Known limitations</h2><ul><li>Maps.</li></ul>"
            '<h2>Feedback</h2><p><a href="mailto:a11y@example.org">a11y@example.org</a></p>'
            "<h2>Enforcement Procedure</h2><p>{}</p><p>Last updated: January 12, 2026</p></main></body></html>")
    named = page.format("You may file a complaint with the U.S. Department of Justice or your state's attorney general office.")
    assert "no-supervisor" not in run(named, tmp_path, jurisdiction="eu").codes
    assert "no-supervisor" in run(page.format("Contact us first."), tmp_path, jurisdiction="eu").codes


@pytest.mark.parametrize("heading", [
    "1. Webbplatsen uppfyller ännu inte kraven till alla delar.",
    "Tilläggsuppgifter om det innehåll på webbplatsen som inte öppnas för skärmläsarprogram",
])
def test_swedish_non_accessible_headings_of_round_111(heading):
    """Round 111 (Vasa central hospital): "uppfyller ännu inte kraven" heads the list of problems as "uppfyller
    inte ännu kraven" does, and so does a heading on content that "does not open" for screen readers."""
    from statements.check import heading_kinds
    assert heading_kinds(heading, "sv") == {"non_accessible"}
    assert heading_kinds("Innehåll som vi har granskat", "sv") == set()


def test_known_limits_heads_the_non_accessible_section():
    """Round 113 (NORVARDEN): "Known limits" heads what is not accessible, as "Known limitations" does."""
    from statements.check import heading_kinds
    assert heading_kinds("Known limits", "en") == {"non_accessible"}
    assert heading_kinds("Speed limits", "en") == set()


def test_all_before_people_is_no_degree_of_compliance():
    """Round 116 (PhysioPathway): under "Standards Compliance", after an aim, the W3C's "Conformance with these
    guidelines helps make the web more user-friendly for all people" is no claim that the site is fully
    conformant; "meets all of the requirements" still is."""
    from statements.check import composed_status
    aim = ("The site strives to conform to Level AA of WCAG 2.1. These guidelines explain how to make web content "
           "more accessible. Conformance with these guidelines helps make the web more user-friendly for all people.")
    assert composed_status(aim.lower(), "en") == (None, "")
    assert composed_status("this website meets all of the requirements of wcag 2.1 aa.", "en")[0] == "fully"


def test_what_a_level_name_means_is_no_status():
    """Round 122 (Read Master): after "aims to conform to WCAG 2.2 Level AAA", the sentence "AAA conformance means
    that our content meets all Level A, AA, and AAA Success Criteria" defines the level's name; it claims nothing
    of the site (it was read as fully conformant). "Our content meets all Level A and AA criteria" still is."""
    from statements.check import composed_status
    aim = ("Read Master aims to conform to WCAG 2.2 Level AAA. AAA conformance means that our content meets all "
           "Level A, AA, and AAA Success Criteria.")
    assert composed_status(aim.lower(), "en") == (None, "")
    assert composed_status("our content meets all level a and aa success criteria of wcag 2.1.", "en")[0] == "fully"
    assert composed_status("aa-nivån förenlighet innebär att webbplatsen uppfyller alla krav.", "sv") == (None, "")


def test_a_third_party_content_heading_heads_what_is_not_accessible(tmp_path):
    """Round 123 (Focal Optical): "Third-Party Content" ("we cannot guarantee accessibility for content … not owned or
    controlled by" us) is the model's content outside the rules, a part of what is not accessible, as "Content that's
    not within the scope of the accessibility regulations" is; "Third-party cookies" is not. In Finnish and Swedish too."""
    from statements.check import heading_kinds
    assert heading_kinds("Third-Party Content", "en") == {"non_accessible"}
    assert heading_kinds("Third-party cookies", "en") == set()
    assert heading_kinds("Kolmansien osapuolten sisällöt", "fi") == {"non_accessible"}
    assert heading_kinds("Tredjepartsinnehåll", "sv") == {"non_accessible"}
    page = ('<html lang="en"><body><main><h1>Accessibility Statement</h1><p>Last updated: 30 May 2026.</p>'
            "<p>We are dedicated to complying with WCAG 2.1 AA.</p><h2>{}</h2><p>While we strive to ensure that "
            "third-party content on our website is accessible, we cannot guarantee it.</p><h2>Feedback</h2>"
            '<p><a href="mailto:a11y@example.org">a11y@example.org</a></p></main></body></html>')
    assert "no-non-accessible-section" not in run(page.format("Third-Party Content"), tmp_path, jurisdiction="eu").codes
    assert "no-non-accessible-section" in run(page.format("Third-party cookies"), tmp_path, jurisdiction="eu").codes


def test_most_areas_meeting_the_standard_is_partially():
    """Round 124 (AlabaMarketplace.ng): under "Accessibility Compliance Status", "We are actively working to achieve
    WCAG 2.1 Level AA compliance. While most areas of our site already meet this standard, …" says the site partly
    meets it (it was read as none of the model's options); "the most recent versions of screen readers" is no degree."""
    from statements.check import composed_status
    text = ("we are actively working to achieve wcag 2.1 level aa compliance. while most areas of our site already meet "
            "this standard, we are constantly refining our systems to provide equal access for all users.")
    assert composed_status(text, "en")[0] == "partially"
    assert composed_status("the most recent versions of screen readers meet the standard.", "en") == (None, "")


def test_a_header_holding_the_title_is_the_statements_own_on_a_page_without_main(tmp_path):
    """Bench (Focal Optical set in a site's page without landmarks): the statement's own <header>, with its h1 and
    "Effective Date: May 30, 2025" beside it, is no site banner, as a block named a header that holds the h1 is not;
    the site's header above it, with no h1, still is (its date is not the statement's)."""
    page = ('<html lang="en"><body><header><p>Site news of 1 January 2020</p></header><div>'
            "<header><h1>Accessibility Statement</h1><p>Effective Date: May 30, 2025</p></header>"
            "<h2>Conformance status</h2><p>This website is partially conformant with WCAG 2.1 AA.</p>"
            "<h2>Known limitations</h2><ul><li>Maps.</li></ul><h2>Feedback</h2>"
            '<p><a href="mailto:a11y@example.org">a11y@example.org</a></p></div></body></html>')
    result = run(page, tmp_path, today=dt.date(2025, 6, 10), jurisdiction="eu")
    assert result.newest_date == dt.date(2025, 5, 30)
    assert "no-date" not in result.codes


def test_an_escalation_sentence_that_names_a_body_is_the_enforcement_procedure(tmp_path):
    """Round 116 (Back Reform): with no enforcement heading, "If you are not satisfied with our response …, you
    can contact the Equality and Human Rights Commission (EHRC)" under "Legal Information" names where to
    turn; "If you are not satisfied with our response, write to us again" names no body."""
    page = ('<html lang="en"><body><main><h1>Accessibility Statement</h1><h2>Conformance Status</h2>'
            "<p>This site is partially conformant with WCAG 2.1 AA.</p><h2>Known limitations</h2><ul><li>Maps.</li></ul>"
            '<h2>Feedback</h2><p><a href="mailto:a11y@example.org">a11y@example.org</a></p>'
            "<h2>Legal Information</h2><p>This statement was last reviewed on 12 January 2026. {}</p></main></body></html>")
    named = page.format("If you are not satisfied with our response to your accessibility feedback, you can contact the "
                        "Equality and Human Rights Commission (EHRC).")
    assert "no-supervisor" not in run(named, tmp_path, jurisdiction="eu").codes
    unnamed = page.format("If you are not satisfied with our response, write to us again.")
    assert "no-supervisor" in run(unnamed, tmp_path, jurisdiction="eu").codes


@pytest.mark.parametrize("sentence, code", [
    ("This website has been designed to meet the Web Content Accessibility Guidelines (WCAG) 2.1 Level AA standards.",
     "not-a-model-status"),
    ("We strive to be compliant with WCAG 2.1 Level AA.", "no-status"),
    ("Some embedded maps may not be compliant with WCAG 2.1 Level AA.", "no-status"),
    ("Digilist is built to WCAG 2.1 level AA, the level required by the Norwegian regulation.", "not-a-model-status"),
    ("We've designed our pages to meet the Web Content Accessibility Guidelines to level AA.", "not-a-model-status"),
])
def test_an_own_words_claim_without_a_status_heading_is_not_a_model_status(tmp_path, sentence, code):
    """Round 116 (Compleo Health): no status heading and no status anywhere, but under "Accessibility Standards"
    a claim of the standard's level in the author's own words: none of the model's options, not a missing
    status. An aim, or a sentence about what may not comply, is still no status. Round 144 (the NHS service
    manual): what was designed may stand between "designed" and "to meet" ("designed our pages to meet")."""
    html = ('<html lang="en"><body><main><h1>Accessibility Statement</h1>'
            f"<h3>Accessibility Standards</h3><p>{sentence} These guidelines explain how to make content accessible.</p>"
            "<h3>Third-Party Content</h3><p>We cannot guarantee the accessibility of third-party content.</p>"
            "<h3>Reporting Accessibility Issues</h3><p>Email: info@example.co.uk</p>"
            "<h3>Enforcement and Complaints</h3><p>If you are not satisfied with our response, you can contact the "
            "Equality and Human Rights Commission (EHRC).</p>"
            "<p>This statement was prepared and last reviewed in July 2026.</p></main></body></html>")
    codes = run(html, tmp_path, jurisdiction="eu").codes
    assert {"no-status", "not-a-model-status"} & set(codes) == {code}


@pytest.mark.parametrize("rows, status", [
    ([("WCAG 2.1 Level A", "Compliant"), ("WCAG 2.1 Level AA", "Compliant"), ("WCAG 2.1 Level AAA", "Partial")], "fully"),
    ([("WCAG 2.1 Level A", "Compliant"), ("WCAG 2.1 Level AA", "Partially conformant")], "partially"),
    ([("Section 508", "Compliant")], None),
])
def test_a_status_table_reads_each_row_as_its_label_and_value(tmp_path, rows, status):
    """Round 119 (E-Code): under "Compliance Status" a table of standards and their status, "WCAG 2.1 Level AA |
    Compliant | All Level AA criteria are met": a row's first cell labels its second, and a bare "Compliant" for
    level AA is fully compliant, as an unqualified "is compliant with" is; another standard's row is no status."""
    body = "".join(f"<tr><td>{label}</td><td><div>{value}</div></td><td>Notes</td></tr>" for label, value in rows)
    html = ('<html lang="en"><body><main><h1>Accessibility Statement</h1><h2>Compliance Status</h2>'
            f"<table><thead><tr><th>Standard</th><th>Status</th><th>Notes</th></tr></thead><tbody>{body}</tbody></table>"
            "<h2>Known Limitations</h2><ul><li>Maps.</li></ul>"
            '<h2>Accessibility Feedback</h2><p>Email: <a href="mailto:a11y@example.com">a11y@example.com</a></p>'
            "<p>This accessibility statement was last updated on November 2026.</p></main></body></html>")
    assert run(html, tmp_path, jurisdiction="eu").status == status


def test_a_version_of_wcag_before_a_status_is_no_part_of_wcag():
    """Round 119 (E-Code): read as label and value, "WCAG 2.1 Level AA: Partially conformant" is the site's status;
    "2.1" there is WCAG's version, not its guideline 2.1, whose "2.1 Keyboard Accessible: Partially supports" is
    still the status of that part."""
    from statements.check import status_of
    assert status_of("wcag 2.1 level aa: partially conformant.", "en")[0] == "partially"
    assert status_of("2.1 keyboard accessible: partially supports.", "en")[0] != "partially"


@pytest.mark.parametrize("sentence, status", [
    ("we conform to wcag 2.1 level aa.", "fully"),
    ("this website complies with the web content accessibility guidelines 2.1 at level aa.", "fully"),
    ("we aim to conform to wcag 2.1 level aa.", None),
    ("the site will comply with wcag 2.2 aa by june.", None),
    ("this website does not conform to wcag 2.1 aa.", "not"),
    ("the website complies with wcag 2.1 aa except for the maps.", "partially"),
])
def test_conforms_to_wcag_unqualified_is_fully_and_an_aim_is_not(sentence, status):
    """Round 120 (Elite Doorstep Barber Services): under "Conformance Status", "We conform to WCAG 2.1 level AA"
    claims the level without qualification, as "is compliant with" does: fully. To aim, to plan or not to conform
    is no such claim, and an exception makes it partial."""
    from statements.check import status_of
    assert status_of(sentence, "en")[0] == status


def test_a_public_sector_body_named_under_formal_complaints_is_no_enforcement_body(tmp_path):
    """Round 121 (Peakly): under "Formal complaints", "Peakly is not operated by a public-sector body, so there is
    no statutory enforcement procedure for it" names the kind of organisation the law binds, not a body to turn
    to; "a conciliation body" or "the supervisory body" still is one."""
    page = ('<html lang="en"><body><main><h1>Accessibility statement</h1><h2>Conformance status</h2>'
            "<p>This site is partially conformant with WCAG 2.1 AA.</p><h2>Known limitations</h2><ul><li>Charts.</li></ul>"
            '<h2>Feedback and contact</h2><p><a href="mailto:a11y@example.org">a11y@example.org</a></p>'
            "<h2>Formal complaints</h2><p>{}</p><p>This statement was created on 2026-10-05.</p></main></body></html>")
    none = page.format("Peakly is not operated by a public-sector body, so there is no statutory enforcement procedure for it.")
    assert "no-supervisor" in run(none, tmp_path, jurisdiction="eu").codes
    named = page.format("If you are not satisfied with our answer, you can turn to the national conciliation body.")
    assert "no-supervisor" not in run(named, tmp_path, jurisdiction="eu").codes


def test_a_known_deviations_heading_heads_what_is_not_accessible():
    """Round 131 (Digilist): "3. Known deviations" ("We know of no significant unresolved deviations from WCAG 2.1 AA
    … Individual faults may still occur") is the list of what is not accessible, as "Known limitations" is (the
    statement was reported as having none); "How we test" is not."""
    from statements.check import heading_kinds
    assert heading_kinds("3. Known deviations", "en") == {"non_accessible"}
    assert heading_kinds("Deviations from the requirements", "en") == {"non_accessible"}
    assert heading_kinds("2. How we test", "en") == set()


@pytest.mark.parametrize("lang, sentence, claims", [
    ("en", "digilist is built to wcag 2.1 level aa, the level required by the norwegian regulation.", True),
    ("en", "the site is built to last.", False),
    ("sv", "webbplatsen är byggd enligt wcag 2.1 nivå aa.", True),
    ("fi", "sivusto on rakennettu wcag 2.1 -ohjeiden aa-tason mukaiseksi.", True),
])
def test_a_site_built_to_the_standard_claims_a_level(lang, sentence, claims):
    """Round 131 (Digilist): "Digilist is built to WCAG 2.1 level AA" claims the standard's level in the author's own
    words, as "designed to meet" does (it was read as no status at all); in Swedish "byggd enligt WCAG", in Finnish
    "rakennettu WCAG … mukaiseksi" alike."""
    from statements.check import _claims
    assert _claims(sentence, lang) is claims


def test_a_complaint_to_a_named_agency_in_the_feedback_section_is_the_enforcement_procedure(tmp_path):
    """Round 131 (Digilist): with no enforcement heading, "If you are not satisfied with the response, you can complain
    to the Norwegian Digitalisation Agency, which supervises the rules on universal design of ICT" under "Feedback and
    complaints" names where to turn (it was reported as naming no body); complaining "to the shop manager" does not."""
    page = ('<html lang="en"><body><main><h1>Accessibility statement</h1><h2>Status</h2>'
            "<p>This site is partially compliant with WCAG 2.1 AA.</p><h2>Known limitations</h2><ul><li>Maps.</li></ul>"
            '<h2>Feedback and complaints</h2><p>Write to <a href="mailto:a11y@example.org">a11y@example.org</a>.</p>'
            "<p>If you are not satisfied with the response, you can complain to {}.</p>"
            "<p>Last updated: 11 August 2026</p></main></body></html>")
    named = page.format("the Norwegian Digitalisation Agency, which supervises the rules on universal design of ICT")
    assert "no-supervisor" not in run(named, tmp_path, today=dt.date(2026, 8, 20), jurisdiction="eu").codes
    unnamed = page.format("the shop manager")
    assert "no-supervisor" in run(unnamed, tmp_path, today=dt.date(2026, 8, 20), jurisdiction="eu").codes


@pytest.mark.parametrize("lang, text, dates", [
    ("en", "accessibility testing was performed on this web service by ten10 solutions during september 2021.", []),
    ("en", "this statement was prepared in october 2021, after the audit was carried out.", [dt.date(2021, 10, 31)]),
    ("en", "this website is being tested via a combination of accessibility tools throughout september 2020.", []),
    ("en", "the testing has been carried out by parliament uk since september 2020.", []),
    ("fi", "saavutettavuuden testaus tehtiin ulkopuolisen asiantuntijan toimesta syyskuussa 2021 ja 3.10.2021.", []),
    ("sv", "granskningen utfördes av en extern konsult under hösten, den 3 oktober 2021.", []),
])
def test_a_sentence_about_when_testing_was_done_dates_the_test(lang, text, dates):
    """Round 132 (the CMA's internal market form): with no labelled date, "Accessibility testing was performed on
    this web service by Ten10 Solutions during September 2021" dates the test, not the statement (it was read as the
    statement's date, and the statement as stale); its date stands too far from "tested" words for the test-date rule.
    A sentence that names the statement keeps its date."""
    from statements.check import unlabelled_dates
    assert unlabelled_dates(text, lang) == dates
