"""Steps not answered are not filled in: the case holds only what the officer entered, the
criteria that need the rest are not assessed, and nothing else (a judgement, the NOC's
requirements, the need to extend, a region) is ever answered for the officer."""

import pytest
from django.utils import timezone

from eligibility.casefile import PARTS
from eligibility.wizard.answers import case_from_answers
from tests.eligibility.wizard.journey import Wizard, decision_url, results, text

pytestmark = pytest.mark.django_db


def test_a_case_holds_only_the_steps_answered(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", case={"extension": "yes"}, until="occupation")

    case = case_from_answers(wizard.answers, timezone.localdate())

    assert case["judgements"] == {}
    assert case["extension"] is True
    assert not any(field in case for field in PARTS.values())
    assert not {"province", "offer_number", "noc_requirements_met", "extension_need_shown",
                "economic_region"} & set(case)


def test_an_occupation_judgement_not_answered_yet_settles_nothing(officer_client):
    """With the occupation step answered and the credentials not yet, nothing is said of the
    education; the occupation, answered, is shown."""
    wizard = Wizard.start(officer_client).walk(
        "MX", occupation={"noc": "40012", "judgement_related_health_education_social_services": "yes"},
        until="credentials")

    review = text(wizard.get("review"))

    assert "Indicative outcome: Not eligible" in review  # settled on the answered occupation step
    assert "Steps not answered yet" in review and "credentials" not in wizard.answers
    assert "Education Not assessed Not entered: education." in review


def test_a_vietnamese_case_settled_at_the_first_step_records_no_occupation_or_province(officer_client):
    wizard = Wizard.start(officer_client).walk("VN", until="occupation")

    decision = wizard.record("refuse", notes="Not a party.")

    assert decision.noc_code == ""
    assert not {"noc_code", "province", "offer_number", "education", "wage", "documents"} & set(decision.facts)
    assert decision.work_permit_max_months is None
    assert results(decision)["status"] == "not_met"
    assert {c for c, r in results(decision).items() if r == "not_assessed"} == {
        "occupation", "education", "experience", "credentials", "language", "remuneration", "employer",
        "documentation"}
    assert decision.criteria_not_met == "status"
    page = text(officer_client.get(decision_url(decision)))
    assert "21231" not in page and "Ontario" not in page
