"""Steps not answered yet stand in neutrally: a stand-in never answers a question that is the
officer's (a judgement, the NOC's requirements, the need to extend) nor picks a region."""

import pytest
from django.utils import timezone

from eligibility.wizard.answers import STAND_INS, case_from_answers
from tests.eligibility.wizard.journey import Wizard, text

pytestmark = pytest.mark.django_db


def test_the_stand_ins_answer_nothing_that_is_the_officers_to_answer(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", case={"extension": "yes"}, until="occupation")

    case = case_from_answers(wizard.answers, timezone.localdate())

    assert case["judgements"] == {}
    assert case["noc_requirements_met"] is None
    assert case["extension"] is True and case["extension_need_shown"] is None
    assert "economic_region" not in case
    assert all("judgement" not in key or not value for answers in STAND_INS.values() for key, value in answers.items())


def test_an_occupation_judgement_not_answered_yet_settles_nothing(officer_client):
    """With the occupation step answered and the credentials not yet, the stand-ins must not tell
    the officer anything about the education; the occupation, answered, is shown."""
    wizard = Wizard.start(officer_client).walk(
        "MX", occupation={"noc": "40012", "judgement_related_health_education_social_services": "yes"},
        until="credentials")

    review = text(wizard.get("review"))

    assert "Indicative outcome: Not eligible" in review  # settled on the answered occupation step
    assert "Steps not answered yet" in review and "credentials" not in wizard.answers
