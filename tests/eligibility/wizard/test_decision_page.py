"""The decision page: the permit's validity, the spouse's result (T53), the draft notes and, for a
refusal or a request for information, a draft letter listing exactly the criteria in question."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from eligibility.models import Decision
from eligibility.rulebook.counting import add_months
from tests.eligibility.wizard.journey import Wizard, decision_url, months_of_experience, plan, text, textarea

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


def months_from_today(months: int) -> date:
    return add_months(today(), months) - timedelta(days=1)


def approved(client, country="MX", category="technician", **steps):
    decision = Wizard.start(client).walk(country, category, **steps).record("approve")
    return decision, client.get(decision_url(decision))


# The permit ----------------------------------------------------------------------------------
def test_the_permit_is_valid_for_twelve_months_at_most(officer_client):
    decision, page = approved(officer_client, occupation={"employment_months": "36"})

    assert decision.work_permit_max_months == 12
    assert decision.permit_valid_until == months_from_today(12)
    assert f"T52, valid until {months_from_today(12).isoformat()}" in text(page)
    assert "Up to 12 months: the length of stay." in text(page)


def test_the_permit_is_no_longer_than_the_employment(officer_client):
    decision, page = approved(officer_client, occupation={"employment_months": "8"})

    assert decision.work_permit_max_months == 8
    assert decision.permit_valid_until == months_from_today(8)
    assert f"T52, valid until {months_from_today(8).isoformat()}" in text(page)
    assert "the employment offered lasts 8 months" in text(page)


def test_the_permit_is_no_longer_than_the_passport(officer_client):
    expiry = today() + timedelta(days=100)

    decision, page = approved(officer_client, case={"passport_expiry": expiry.isoformat()})

    assert decision.permit_valid_until == expiry
    assert f"T52, valid until {expiry.isoformat()}" in text(page)


def test_a_refusal_issues_no_permit(officer_client):
    decision = Wizard.start(officer_client).walk(
        "MX", "technician", experience=months_of_experience(40)).record("refuse")

    assert decision.permit_valid_until is None
    assert "valid until" not in text(officer_client.get(decision_url(decision)))


# The spouse (T53) ----------------------------------------------------------------------------
def test_the_spouse_of_a_japanese_citizen_may_have_an_open_work_permit(officer_client):
    decision, page = approved(officer_client, "JP", "professional", case={"spouse": "yes"})

    assert decision.spouse_open_work_permit is True
    assert "Spouse (T53) A spouse may be issued an open work permit: the principal is a citizen of Japan" in text(page)


def test_the_spouse_of_an_australian_permanent_resident_may_have_one_too(officer_client):
    decision, _page = approved(officer_client, "AU", "professional",
                               case={"spouse": "yes", "status": "permanent_resident"})

    assert decision.spouse_open_work_permit is True


def test_the_spouse_of_a_japanese_permanent_resident_may_not(officer_client):
    decision = Wizard.start(officer_client).walk(
        "JP", case={"spouse": "yes", "status": "permanent_resident"}).record("refuse")

    assert decision.spouse_open_work_permit is False
    assert "No open work permit for a spouse" in text(officer_client.get(decision_url(decision)))


def test_without_a_spouse_there_is_no_spouse_result(officer_client):
    decision, page = approved(officer_client)

    assert decision.spouse_open_work_permit is None
    assert "Spouse (T53) No accompanying spouse or partner." in text(page)


def test_the_decision_step_shows_the_spouse_result_before_deciding(officer_client):
    wizard = Wizard.start(officer_client).walk("JP", case={"spouse": "yes"})

    page = text(wizard.get("decision"))

    assert "Spouse's open work permit (T53): A spouse may be issued an open work permit" in page
    assert "If approved, the permit is valid for at most 12 months" in page


# Draft notes and letter ----------------------------------------------------------------------
def letter_lines(page) -> list[str]:
    letter = textarea(page, "draft-letter")
    assert letter is not None, "no draft letter"
    return [line for line in letter.splitlines() if line.startswith("- ")]


def test_the_draft_notes_summarise_every_criterion_and_the_officers_notes(officer_client):
    decision = Wizard.start(officer_client).walk("MX", "technician").record(
        "approve", notes="Pay slips checked against the offer.")

    page = officer_client.get(decision_url(decision))

    notes = textarea(page, "draft-notes")
    assert notes.startswith("T52 ASSESSMENT — W301234567 — Hanako Sato")
    assert "Indicative outcome: Eligible · Decision: Approve" in notes
    assert "- Experience: Met — 72 months of paid experience; technician applicants need 48." in notes
    assert len([line for line in notes.splitlines() if line.startswith("- ")]) == 9
    assert f"Permit valid until: {months_from_today(12).isoformat()}" in notes
    assert f"Rules version: {decision.rules_version}" in notes
    assert "Pay slips checked against the offer." in text(page)


def test_a_refusal_letter_lists_exactly_the_unmet_and_undetermined_criteria(officer_client):
    decision = Wizard.start(officer_client).walk(
        "MX", "technician", experience=months_of_experience(40),
        language={"satisfactory": "undecided"}).record("refuse")

    page = officer_client.get(decision_url(decision))

    assert letter_lines(page) == [
        "- Experience: 40 months of paid experience; technician applicants need 48.",
        "- Language: The officer has not yet decided on the applicant's English or French for the job.",
    ]
    letter = textarea(page, "draft-letter")
    assert letter.startswith("Dear Hanako Sato,")
    assert "Your application for a work permit is therefore refused." in letter


def test_a_request_for_information_lists_exactly_the_undetermined_criteria(officer_client):
    decision = Wizard.start(officer_client).walk(
        "MX", "technician", language={"satisfactory": "undecided"}).record("request_information")

    letter = textarea(officer_client.get(decision_url(decision)), "draft-letter")

    assert [line for line in letter.splitlines() if line.startswith("- ")] == [
        "- Language: The officer has not yet decided on the applicant's English or French for the job."]
    assert "we need more information on the following requirements" in letter
    assert "within 30 days" in letter


def test_an_approval_has_no_draft_letter(officer_client):
    decision, page = approved(officer_client)

    assert textarea(page, "draft-letter") is None
    assert "Draft letter" not in text(page)


def test_the_departure_is_in_the_draft_notes(officer_client):
    decision = Wizard.start(officer_client).walk("MX", "technician", experience=months_of_experience(40)).record(
        "approve", departure_reason_code="evidence_not_captured", departure_reason="Pay slips show 50 months.")

    notes = textarea(officer_client.get(decision_url(decision)), "draft-notes")

    assert ("Decision: Approve (departs from the indicative outcome: Evidence on file that the criteria do not "
            "capture — Pay slips show 50 months.)") in notes


def test_the_decision_page_is_printable(officer_client):
    _decision, page = approved(officer_client)

    html = page.content.decode()
    assert 'media="print"' in html and "print.css" in html
    assert 'class="d-flex flex-wrap gap-2 d-print-none"' in html  # the buttons are left off the print


def test_an_expired_passport_never_gives_a_permit_that_ended_before_it_was_issued(officer_client):
    """Either the case step refuses an expired passport, or approving records no permit that ended
    before the day it was issued."""
    expired = (today() - timedelta(days=30)).isoformat()
    wizard = Wizard.start(officer_client)

    case_step = wizard.post("case", plan("MX", "technician", case={"passport_expiry": expired})["case"])
    if case_step.status_code == 302:
        wizard.walk("MX", "technician", case={"passport_expiry": expired})
        wizard.decide("approve")
    decision = Decision.objects.filter(assessment_id=wizard.pk).first()

    assert case_step.status_code == 200 or decision is None or decision.permit_valid_until is None \
        or decision.permit_valid_until >= today(), f"permit valid until {decision.permit_valid_until}"


def test_refusing_an_eligible_case_gives_a_letter_with_the_written_reason(officer_client):
    decision = Wizard.start(officer_client).walk("MX", "technician").record(
        "refuse", departure_reason_code="genuineness", departure_reason="The offer letter is not genuine.")

    letter = textarea(officer_client.get(decision_url(decision)), "draft-letter")

    assert [line for line in letter.splitlines() if line.startswith("- ")] == ["- The offer letter is not genuine."]
    assert "Your application for a work permit is therefore refused." in letter
