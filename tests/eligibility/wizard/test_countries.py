"""Each country × category through every step to a recorded decision."""

import pytest

from tests.eligibility.wizard.journey import (
    COUNTRY_CATEGORIES,
    CRITERIA,
    Wizard,
    decision_url,
    months_of_experience,
    plan,
    results,
    text,
)

pytestmark = pytest.mark.django_db

# Experience just short of each category's minimum (technicians 48 months, professionals 24).
TOO_LITTLE = {"technician": 47, "professional": 23}


@pytest.mark.parametrize(("country", "category"), COUNTRY_CATEGORIES)
def test_records_an_eligible_case_for_each_country_and_category(officer_client, officer, country, category):
    wizard = Wizard.start(officer_client).walk(country, category)

    review = wizard.get("review")
    assert "Indicative outcome: Eligible" in text(review)
    decision = wizard.record("approve", notes="All criteria met on the evidence.")

    assert decision.outcome == "eligible"
    assert results(decision) == dict.fromkeys(CRITERIA, "met")
    assert (decision.country, decision.category) == (country, category)
    assert decision.noc_code == plan(country, category)["occupation"]["noc"]
    assert decision.decision == "approve" and not decision.departs
    assert decision.officer == officer and decision.assessment_id == wizard.pk
    assert decision.rules_version and decision.working["rules_version"] == decision.rules_version
    assert decision.facts["country"] == country and decision.facts["received_on"] == "2025-12-01"
    assert (decision.application_number, decision.uci, decision.applicant_name) == (
        "W301234567", "12345678", "Hanako Sato")
    assert decision.notes == "All criteria met on the evidence."


@pytest.mark.parametrize(("country", "category"), COUNTRY_CATEGORIES)
def test_too_little_experience_is_not_eligible_for_each_country_and_category(officer_client, country, category):
    months = TOO_LITTLE[category]
    wizard = Wizard.start(officer_client).walk(country, category, experience=months_of_experience(months))
    assert wizard.answers["experience"]["months"] == months

    decision = wizard.record("refuse")

    assert decision.outcome == "not_eligible"
    assert {c for c, r in results(decision).items() if r != "met"} == {"experience"}
    assert decision.decision == "refuse" and not decision.departs
    assert decision.permit_valid_until is None


@pytest.mark.parametrize(("category", "months"), [("technician", 48), ("professional", 24)])
def test_exactly_the_minimum_experience_is_enough(officer_client, category, months):
    decision = Wizard.start(officer_client).walk(
        "MX", category, experience=months_of_experience(months)).record("approve")

    assert results(decision)["experience"] == "met"


@pytest.mark.parametrize(("country", "status_result"), [("AU", "met"), ("JP", "not_met"), ("MX", "not_met")])
def test_permanent_residents_are_eligible_only_where_the_country_says_so(officer_client, country, status_result):
    decision = Wizard.start(officer_client).walk(
        country, "professional", case={"status": "permanent_resident"}).record(
        "approve" if status_result == "met" else "refuse")

    assert results(decision)["status"] == status_result


def test_a_japanese_technician_with_a_diploma_is_left_to_the_officer(officer_client):
    """Japan's technicians need an associate degree or its equivalent: whether a diploma is, the
    officer says at the credentials step (tests/eligibility/wizard/test_judgements.py asks it)."""
    wizard = Wizard.start(officer_client).walk(
        "JP", "technician", credentials={"credential": "diploma", "judgement_equivalent_qualification": "yes"})

    decision = wizard.record("approve")

    assert decision.outcome == "eligible"
    assert results(decision)["education"] == "met"
    assert decision.facts["judgements"] == {"equivalent_qualification": True}
    assert not decision.departs


def test_an_australian_three_year_bachelor_counts_with_the_employers_letter(officer_client):
    """Australia's rule accepts a 3-year bachelor with the employer's letter; the step asks for it."""
    wizard = Wizard.start(officer_client).walk("AU", "professional", until="credentials")
    assert "employer_letter" in wizard.get("credentials").context["form"].fields

    wizard.walk("AU", "professional", credentials={"years": "3", "employer_letter": "yes"})
    with_letter = wizard.record("approve")
    without = Wizard.start(officer_client).walk(
        "AU", "professional", credentials={"years": "3", "employer_letter": "no"}).record("refuse")

    assert results(with_letter)["education"] == "met"
    assert results(without)["education"] == "not_met"


@pytest.mark.parametrize("country", ["JP", "MX"])
def test_only_australia_asks_for_the_employers_letter(officer_client, country):
    wizard = Wizard.start(officer_client).walk(country, "professional", until="credentials")

    assert "employer_letter" not in wizard.get("credentials").context["form"].fields


def test_the_recorded_decision_page_shows_the_working_for_each_criterion(officer_client):
    decision = Wizard.start(officer_client).walk("MX", "technician").record("approve")

    page = text(officer_client.get(decision_url(decision)))

    for title in ("Citizenship or residence", "Occupation", "Education", "Experience", "Specialized knowledge",
                  "Language", "Remuneration", "Employer", "Documents"):
        assert title in page
    assert "NOC 22300 is on the technician list for Mexico (MX)." in page
    assert "72 months of paid experience; technician applicants need 48." in page
    assert "Country-specific occupations › Mexico › Technicians" in page  # the section relied on
    assert decision.rules_version in page
