"""Rule data in both languages, and no internal references in what people read (issue 15, points 6
and 7; docs/decisions/0008-rule-data-in-both-languages.md).

Every list entry and exclusion in force is assessed, and its working worded and rendered in each
language as the decision page, the draft notes and the draft letter word it (``criterion_rows`` and
the notes and letter templates); the whole pages are rendered for a representative set of
recorded decisions. A French text must hold no English rule-data words (a list wording, a citation,
a regulator) and an English text no French ones; neither may hold an internal reference.
"""

import re
from datetime import date
from functools import cache
from types import SimpleNamespace

import pytest
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from eligibility import drafts, rulebook, services
from eligibility.casefile import parse_case
from eligibility.rulebook.codes import Category, ListingKind, Result
from eligibility.snapshot import RuleHistory
from eligibility.working import criterion_rows
from occupations import wordings
from occupations.citations import cited
from occupations.models import RULE_MODELS, Listing, Regulation, WageRate
from tests.case_examples import case
from tests.supervision.recorded import TODAY, record
from tests.test_untranslated_pages import shown_text

pytestmark = pytest.mark.django_db

# What only rules admins may read: the domain brief's points, a data file's estimate ids.
INTERNAL = re.compile(r"domain brief|open point \d|Source\d{4}_|NHQ=|\bNOC5\b|S30[a-c]")
TECHNICIAN_EDUCATION = {"credential": "diploma", "years": 2, "country": "MX", "related_field": True}


@cache
def _words() -> dict[str, frozenset[str]]:
    """Per language, the rule-data texts that must not appear in the other (where the two differ)."""
    english, french = set(), set()
    for en, fr in Listing.objects.exclude(wording_fr="").exclude(wording_fr=F("wording")) \
            .values_list("wording", "wording_fr").distinct():
        english.add(en)
        french.add(fr)
    for model in RULE_MODELS:
        rows = model.objects.exclude(citation_fr=F("citation_en")).values_list("citation_en", "citation_fr").distinct()
        for en, fr in rows:
            english.add(en)
            french.add(fr)
    for en, fr in Regulation.objects.exclude(regulator="").values_list("regulator", "regulator_fr").distinct():
        english.add(en)
        french.add(fr)
    # A French citation may keep a proper name that is the whole English one ("Canada", "Toronto").
    return {"en": frozenset(english - french), "fr": frozenset(french - english)}


@cache
def _pattern(language: str) -> re.Pattern:
    words = sorted(_words()[language], key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in words)})(?![\w-])")


def other_language(text: str, language: str) -> list[str]:
    return sorted(set(_pattern("fr" if language == "en" else "en").findall(text)))


def problems(text: str, language: str) -> list[str]:
    return other_language(text, language) + INTERNAL.findall(text)


def in_force_entries():
    today = timezone.localdate()
    return today, RuleHistory().on(today).listings


def _case(entry, today: date) -> dict:
    category = entry.category.value
    changes = {"country": entry.country, "category": category, "noc_code": entry.noc_code or "21211",
               "received_on": today.isoformat(), "reference": "ENTRY"}
    if entry.category is Category.TECHNICIAN:
        changes["education"] = {**TECHNICIAN_EDUCATION, "country": entry.country}
    # The answers that make the entry apply: its position question as it needs, its judgement yes.
    position = {}
    if entry.only_if is not None:
        position[entry.only_if.value] = True
    if entry.unless is not None:
        position[entry.unless.value] = False
    if position:
        changes["position"] = position
    if entry.officer_judgement is not None:
        changes["judgements"] = {entry.officer_judgement.value: True}
    return case(**changes)


def _texts(working: dict, decision, language: str) -> tuple[list, str, str]:
    """The criterion rows, draft notes and draft letter as the decision page words them."""
    with translation.override(language):
        rows = criterion_rows(working)
        letter_rows = [r for r in rows if r.result in (Result.NOT_MET.value, Result.UNDETERMINED.value)]
        context = {"decision": decision, "rows": [(row, None) for row in rows], "letter_rows": letter_rows}
        return rows, render_to_string(drafts.NOTES, context), render_to_string(drafts.LETTER, context)


@pytest.fixture(autouse=True)
def words_of_this_database():
    _words.cache_clear()
    _pattern.cache_clear()


def test_every_list_entry_in_force_has_its_french_wording_and_citations():
    today, entries = in_force_entries()
    assert len(entries) > 300
    in_force = Listing.in_force_on(today)
    assert not in_force.filter(wording_fr="").exists()
    assert not in_force.filter(wording_fr=F("wording")).exists()
    for model in RULE_MODELS:
        rows = model.in_force_on(today)
        assert not rows.filter(citation_en="").exists() and not rows.filter(citation_fr="").exists(), model
        for en, fr in rows.values_list("citation_en", "citation_fr").distinct():
            assert not INTERNAL.search(en) and not INTERNAL.search(fr), (en, fr)
    assert not Regulation.in_force_on(today).exclude(regulator="").filter(regulator_fr="").exists()


def test_every_list_entry_in_force_is_worded_in_each_language_on_the_working_the_notes_and_the_letter():
    today, entries = in_force_entries()
    ruleset = RuleHistory().on(today)
    decision = SimpleNamespace(application_number="ENTRY", applicant_name="A. Applicant", country="",
                               category="", noc_code="", outcome="not_eligible", decision="refuse",
                               departs=False, permit_valid_until=None, rules_version=ruleset.version,
                               get_decision_display=lambda: "", get_departure_reason_code_display=lambda: "")
    found, quoted = {}, 0
    for entry in entries:
        result = rulebook.assess(parse_case(_case(entry, today), today), ruleset)
        working = result.as_dict()
        occupation = working["criteria"]["occupation"]["findings"]
        wordings_quoted = {f["params"]["wording"] for f in occupation if "wording" in f["params"]}
        decision.country, decision.category, decision.noc_code = entry.country, entry.category.value, entry.noc_code
        for language in ("en", "fr"):
            rows, notes, letter = _texts(working, decision, language)
            shown = " ".join(f"{r.reason} {r.source} {f.reason} {f.source}" for r in rows for f in r.findings)
            for label, text in (("working", shown), ("notes", notes), ("letter", letter)):
                if found_here := problems(text, language):
                    found[f"{entry.country} {entry.category.value} {entry.kind.value} {entry.noc_code} "
                          f"{language} {label}"] = found_here
            for wording in wordings_quoted:  # the entry's words, in the language of the page
                quoted += 1
                assert wordings.wording(wording, language) in shown, (entry, language)
    assert not found, "\n".join(f"{where}: {what}" for where, what in list(found.items())[:20])
    assert quoted > 100  # exclusions and judgements quote their entry's wording


def test_the_mexican_lawyers_refusal_letter_is_french_throughout(officer, client):
    client.force_login(officer)
    refused = record(officer, decision="refuse", noc_code="41101", reference="MX-LAWYER")
    page = client.get(reverse("decision-detail", args=[refused.pk]).replace("/en/", "/fr/", 1))
    text = shown_text(page.content.decode())
    assert "juges, avocats et notaires, sauf les conseillers juridiques étrangers" in text
    assert "Professions propres à chaque pays › Mexique › Professionnels" in text
    assert "judges, lawyers and notaries" not in text
    assert problems(text, "fr") == []
    letter = page.context["draft_letter"]
    assert "juges, avocats et notaires, sauf les conseillers juridiques étrangers" in letter
    assert problems(letter, "fr") == [] and problems(page.context["draft_notes"], "fr") == []


# A representative set of recorded decisions: an exclusion, one on a position question, one on an
# officer's judgement, an entry covering every occupation, a technician list, permanent residents.
REPRESENTATIVE = (
    {"noc_code": "41101"},
    {"country": "AU", "noc_code": "41101", "position": {"notary": True},
     "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": True}},
    {"country": "AU", "noc_code": "31301", "judgements": {"related_health_education_social_services": True},
     "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": True}},
    {"country": "JP", "noc_code": "21211", "position": {"academic_entity": False},
     "education": {"credential": "bachelor", "years": 4, "country": "JP", "related_field": True}},
    {"country": "AU", "category": "technician", "noc_code": "72201", "province": "ON", "regulated": False,
     "judgements": {"matches_listed_occupation": True}, "education": {**TECHNICIAN_EDUCATION, "country": "AU"},
     "experience_months": 48},
    {"country": "AU", "status": "permanent_resident", "noc_code": "21300",
     "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": True}},
)


@pytest.mark.parametrize("changes", REPRESENTATIVE, ids=lambda c: f"{c.get('country', 'MX')}-{c['noc_code']}")
@pytest.mark.parametrize("decision", ["refuse", "approve"])
def test_the_decision_page_notes_and_letter_hold_one_language(officer, client, changes, decision):
    client.force_login(officer)
    recorded = record(officer, decision=decision, reference="REP", **changes)
    url = reverse("decision-detail", args=[recorded.pk])
    for language in ("en", "fr"):
        for draft in ("en", "fr"):
            with translation.override(language):
                page = client.get(url.replace("/en/", f"/{language}/", 1), {"draft": draft})
            assert page.status_code == 200
            # The page in its language; its drafts (marked with their own language) in theirs.
            body = re.sub(r"<textarea\b[^>]*>.*?</textarea>", " ", page.content.decode(), flags=re.S)
            assert problems(shown_text(body), language) == [], (language, draft)
            assert problems(page.context["draft_notes"], draft) == [], (language, draft)
            assert problems(page.context["draft_letter"] or "", draft) == [], (language, draft)


def test_no_decision_page_shows_permanent_residents_reading_or_data_file_ids(officer, client):
    client.force_login(officer)
    data = case(country="AU", noc_code="21300", reference="AU-CITIZEN", province="ON", economic_region="ER3570",
                education={"credential": "bachelor", "years": 4, "country": "AU", "related_field": True})
    del data["prevailing_wage"]  # compared with Job Bank's wage for the region
    citizen = services.record_decision(officer=officer, facts=parse_case(data, TODAY), decision="approve",
                                       departure_reason_code="other", departure_reason="Because.")
    text = shown_text(client.get(reverse("decision-detail", args=[citizen.pk])).content.decode())
    assert "Spousal provisions – T53 (citizen or permanent resident of Australia)" in text
    assert "Job Bank, wages 2025, Windsor–Sarnia" in text
    assert INTERNAL.findall(text) == []


def test_a_wage_row_is_cited_as_a_reader_would_in_each_language():
    row = WageRate.objects.filter(published=True, unit_group="21231", region_code="ER3570").first()
    engine = RuleHistory().on(timezone.localdate()).wage("21231", "ON", "ER3570")
    assert engine is not None and engine.region_code == "ER3570"
    # The engine cites the row as occupations/wordings.py keys it.
    assert wordings.wage_key(row.source, row.region_name, row.reference_period) == engine.citation
    assert cited(engine.citation, "en") == "Job Bank, wages 2025, Windsor–Sarnia"
    assert cited(engine.citation, "fr") == "Guichet-Emplois, salaires 2025, Windsor–Sarnia"
    bc = WageRate.objects.filter(published=True, region_name="British Columbia").first()
    assert cited(wordings.wage_key(bc.source, bc.region_name, bc.reference_period), "fr") == (
        "Guichet-Emplois, salaires 2025, Colombie-Britannique")


def test_the_regulator_is_named_in_the_pages_language():
    from occupations.templatetags.rules_tags import regulator

    name = "Engineering regulator of the province or territory"
    with translation.override("fr"):
        assert regulator(name) == "Ordre des ingénieurs de la province ou du territoire"
    with translation.override("en"):
        assert regulator(name) == name


def test_the_french_words_and_citations_are_outside_the_rules_version():
    """A translation or a citation changes no assessment: the engine never reads them, so the
    rules version, and every decision's replay, is the same with or without them."""
    ruleset = RuleHistory().on(timezone.localdate())
    content = repr(ruleset.content())
    assert "citation_fr" not in content and "wording_fr" not in content
    assert "juges, avocats et notaires" not in content and "Guichet-Emplois" not in content


def test_the_admin_requires_the_wording_and_citation_in_both_languages(rules_admin_client):
    from occupations import publishing
    from tests.rule_changes import rules_admin

    change_set = publishing.open_change_set(rules_admin("rules-author"), "French")
    entry = Listing.in_force_on(timezone.localdate()).filter(country_code="MX", unit_group="41101").first()
    data = {"change_set": change_set.pk, "seen_revision": 0, "valid_from": timezone.localdate().isoformat(),
            "country_code": "MX", "category": "technician", "kind": "permitted", "unit_group": "41101",
            "wording": entry.wording, "source": "test", "citation_en": "A test", "_save": "Save"}
    response = rules_admin_client.post(reverse("admin:occupations_listing_add"), data)
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"wording_fr", "citation_fr"}
    data["regulator"] = "A regulator"
    response = rules_admin_client.post(reverse("admin:occupations_regulation_add"), {
        **data, "province": "ON", "regulated": "on", "citation_fr": "Un essai"})
    assert "regulator_fr" in response.context["adminform"].form.errors


def test_the_check_finds_the_other_languages_words():
    assert problems("Exclu : judges, lawyers and notaries, except foreign legal consultants.", "fr")
    assert problems("Excluded: juges, avocats et notaires, sauf les conseillers juridiques étrangers.", "en")
    assert problems("(Country-specific occupations › Mexico › Professionals)", "fr")
    assert problems("Source2025_NHQ=LFS 2023-24 PR NOC5", "en")
    assert not problems("Exclu : juges, avocats et notaires, sauf les conseillers juridiques étrangers.", "fr")


def test_the_kinds_of_entries_covered():
    _today, entries = in_force_entries()
    assert {e.kind for e in entries} == set(ListingKind)
    assert any(e.noc_code is None for e in entries) and any(e.officer_judgement for e in entries)
    assert any(e.only_if for e in entries) and any(e.unless for e in entries)
