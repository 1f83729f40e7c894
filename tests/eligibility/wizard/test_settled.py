"""An answer that already settles a criterion against the applicant: said at once, with the
reason, and the officer may go straight to the decision or continue to record the rest."""

import pytest

from tests.eligibility.wizard.journey import (
    Wizard,
    decision_url,
    months_of_experience,
    plan,
    results,
    text,
    textarea,
)

pytestmark = pytest.mark.django_db

SETTLED = "Already settled against the applicant"
NOT_ASSESSED = "Not entered: "


def vietnamese_case(client) -> Wizard:
    """A citizen of Viet Nam, a country without these commitments, after the case step only."""
    return Wizard.start(client).walk("VN", until="occupation")


def test_a_country_without_commitments_is_settled_as_soon_as_the_case_is_saved(officer_client):
    wizard = Wizard.start(officer_client)

    saved = wizard.answer("case", plan("VN")["case"])
    next_page = officer_client.get(saved.url)

    page = text(next_page)
    assert SETTLED in page
    assert "Citizenship or residence : Viet Nam (VN) has no rules in force for professionals and technicians" in page
    assert f'href="{wizard.url("decision")}"' in next_page.content.decode()
    assert "Go to the decision" in page


def test_the_case_step_itself_says_the_case_is_settled(officer_client):
    wizard = vietnamese_case(officer_client)

    page = wizard.get("case")

    assert SETTLED in text(page)
    assert f'href="{wizard.url("decision")}"' in page.content.decode()


def test_an_ordinary_case_is_not_said_to_be_settled(officer_client):
    wizard = Wizard.start(officer_client).walk("JP", until="credentials")

    assert SETTLED not in text(wizard.get("credentials"))


def test_going_straight_to_the_decision_shows_only_what_was_assessed(officer_client):
    wizard = vietnamese_case(officer_client)

    decision_page = wizard.get("decision")
    assert decision_page.status_code == 200
    assert "Indicative outcome: Not eligible" in text(decision_page)

    decision = wizard.record("refuse", notes="Not a party.")

    assert decision.outcome == "not_eligible" and results(decision)["status"] == "not_met"
    assert decision.details["unanswered_steps"] == ["occupation", "credentials", "experience", "language",
                                                    "remuneration", "documents"]
    assert not decision.departs
    detail = officer_client.get(decision_url(decision))
    page = text(detail)
    # Every criterion but citizenship, in the working and in the draft notes.
    assert page.count("Not assessed") == 16
    assert page.count(NOT_ASSESSED) == 16
    notes = textarea(detail, "draft-notes")
    assert notes.count("Not assessed — Not entered: ") == 8
    letter = textarea(detail, "draft-letter")
    assert [line for line in letter.splitlines() if line.startswith("- ")] == [
        "- Citizenship or residence: Viet Nam (VN) has no rules in force for professionals and technicians on the "
        "receipt date."]


def test_the_review_names_the_steps_not_answered(officer_client):
    wizard = vietnamese_case(officer_client)

    page = text(wizard.get("review"))

    assert "Steps not answered yet:" in page
    assert page.count("Not assessed") == 8


def test_the_officer_may_continue_to_record_the_rest(officer_client):
    wizard = vietnamese_case(officer_client)

    wizard.walk("VN", until=None)  # every step, the case again included
    decision = wizard.record("refuse")

    assert decision.details["unanswered_steps"] == []
    assert results(decision)["status"] == "not_met"
    assert results(decision)["occupation"] == "met"
    assert "Not assessed" not in text(officer_client.get(decision_url(decision)))


def test_too_little_experience_is_settled_when_the_experience_is_saved(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician", until="experience")

    saved = wizard.answer("experience", months_of_experience(40))
    page = text(officer_client.get(saved.url))

    assert SETTLED in page
    assert "Experience : 40 months of paid experience; technician applicants need 48." in page


def test_an_unanswered_step_does_not_count_as_settled_against_the_applicant(officer_client):
    """Before the experience step, its stand-in (no experience) must not be reported as a finding."""
    wizard = Wizard.start(officer_client).walk("MX", "technician", until="experience")

    assert SETTLED not in text(wizard.get("experience"))


def test_an_unsettled_case_cannot_skip_to_the_decision(officer_client):
    """Only a case settled against the applicant may be decided with steps unanswered."""
    wizard = Wizard.start(officer_client).walk("JP", until="language")

    response = wizard.get("decision")

    assert response.status_code == 302
    assert response.url == wizard.url("language")


def test_a_case_with_only_its_case_step_cannot_be_refused_on_stand_ins(officer_client):
    """A Japanese citizen (a party) with the rest unanswered is not settled: the stand-ins for the
    steps not yet answered (no experience, a wage of 1 a year) must not make it "not eligible"."""
    wizard = Wizard.start(officer_client).walk("JP", until="occupation")

    response = wizard.decide("refuse")

    assert response.status_code == 302 and response.url == wizard.url("occupation")
    assert not wizard.assessment.is_finalised


def test_steps_other_than_the_case_wait_for_the_case(officer_client):
    wizard = Wizard.start(officer_client)

    response = wizard.get("credentials")

    assert response.status_code == 302 and response.url == wizard.url("case")
    follow = officer_client.get(response.url)
    assert "Start with the case: the rules that apply depend on it." in text(follow)


def test_the_review_claims_no_outcome_while_steps_are_unanswered(officer_client):
    wizard = Wizard.start(officer_client).walk("JP", "professional", until="occupation")

    page = text(wizard.get("review"))

    assert "Indicative outcome: not yet known" in page
    assert "Continue to the decision" not in page
