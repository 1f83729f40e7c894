"""Where the officer departs from the reference tables or from the indicative outcome, a reason
is required; with it, the departure is recorded (and a departing decision flagged)."""

import pytest

from eligibility.models import Decision
from tests.eligibility.wizard.journey import (
    Wizard,
    checked_value,
    decision_url,
    months_of_experience,
    page_errors,
    plan,
    results,
    summary_links,
    text,
)

pytestmark = pytest.mark.django_db

REGULATION_REASON_MISSING = ("Reason or source for your finding on regulation: "
                             "Give the reason for departing from the regulation table.")


# Regulation in the province ------------------------------------------------------------------
def at_credentials(client) -> Wizard:
    """A Mexican civil engineering technician in Ontario, where the table says: not regulated."""
    return Wizard.start(client).walk("MX", "technician", until="credentials")


def credentials(**changes) -> dict:
    return plan("MX", "technician", credentials=changes)["credentials"]


def test_the_regulation_table_is_prefilled_with_its_source(officer_client):
    page = at_credentials(officer_client).get("credentials")

    assert checked_value(page, "regulated") == "table"
    assert "As the regulation table says: not regulated" in text(page)
    assert "Source: Certified Engineering Technologist (C.E.T.) is a voluntary designation in Ontario" in text(page)


def test_departing_from_the_regulation_table_needs_a_reason(officer_client):
    wizard = at_credentials(officer_client)

    response = wizard.post("credentials", credentials(regulated="yes"))

    assert response.status_code == 200
    assert page_errors(response) == [REGULATION_REASON_MISSING]
    assert summary_links(response) == ["id_regulated_reason"]
    assert checked_value(response, "regulated") == "yes"  # the choice is kept
    assert "credentials" not in wizard.answers


def test_a_blank_reason_is_no_reason(officer_client):
    response = at_credentials(officer_client).post("credentials", credentials(regulated="yes", regulated_reason="   "))

    assert page_errors(response) == [REGULATION_REASON_MISSING]


def test_agreeing_with_the_regulation_table_needs_no_reason(officer_client):
    wizard = at_credentials(officer_client)

    assert wizard.post("credentials", credentials(regulated="no")).status_code == 302


def test_departing_from_the_regulation_table_with_a_reason_is_recorded(officer_client):
    reason = "Employer's letter: the offer is for a C.E.T. position, certified by OACETT."
    wizard = Wizard.start(officer_client).walk(
        "MX", "technician", credentials={"regulated": "yes", "regulated_reason": reason, "licence_required": "yes",
                                         "licensed": "yes"})

    decision = wizard.record("approve")

    assert decision.facts["regulated"] is True
    assert decision.details["regulated_reason"] == reason
    assert [f["code"] for f in decision.working["criteria"]["credentials"]["findings"]] == [
        "credentials.path_regulated", "credentials.licensed"]


def test_an_occupation_the_table_does_not_cover_is_for_the_officer(officer_client):
    """21231 in Ontario is not in the table: regulation is undetermined unless the officer finds it
    (with a licence required, the two paths would disagree)."""
    wizard = Wizard.start(officer_client).walk("MX", credentials={"licence_required": "yes", "licensed": "no"})
    page = text(wizard.get("credentials"))
    assert "No entry for this occupation and province" in page

    decision = wizard.record("request_information")

    assert results(decision)["credentials"] == "undetermined"


# The prevailing wage -------------------------------------------------------------------------
def at_remuneration(client) -> Wizard:
    return Wizard.start(client).walk("MX", "technician", until="remuneration")


def remuneration(**changes) -> dict:
    return plan("MX", "technician", remuneration=changes)["remuneration"]


OVERRIDE = {"prevailing_override": "on", "prevailing_amount": "30", "prevailing_unit": "hour",
            "prevailing_low": "25"}


def test_the_wage_table_is_shown_with_its_source_and_period(officer_client):
    """No economic region chosen: the province's row (Ontario) is the comparator."""
    page = text(at_remuneration(officer_client).get("remuneration"))

    assert ("Job Bank wages, Ontario, reference period 2023-2024: median $32.60 an hour, low $22.00 an hour."
            in page)
    assert "Source: Job Bank, wages 2025, Ontario" in page


def test_another_prevailing_wage_needs_a_reason(officer_client):
    wizard = at_remuneration(officer_client)

    response = wizard.post("remuneration", remuneration(**OVERRIDE))

    assert response.status_code == 200
    assert page_errors(response) == ["Reason for another prevailing wage: Give the reason for another prevailing wage."]
    assert summary_links(response) == ["id_prevailing_reason"]
    assert "remuneration" not in wizard.answers


def test_another_prevailing_wage_needs_its_amount_and_unit(officer_client):
    response = at_remuneration(officer_client).post(
        "remuneration", remuneration(prevailing_override="on", prevailing_reason="Regional survey"))

    assert set(summary_links(response)) == {"id_prevailing_amount", "id_prevailing_unit"}


def test_the_low_wage_cannot_be_above_the_median(officer_client):
    response = at_remuneration(officer_client).post(
        "remuneration", remuneration(**{**OVERRIDE, "prevailing_low": "40"}, prevailing_reason="Regional survey"))

    assert page_errors(response) == ["Low wage: The low wage cannot be above the median."]


def test_another_prevailing_wage_with_a_reason_is_used_and_recorded(officer_client):
    """31 an hour meets the officer's median (30), where the table's (32.6) would leave it open."""
    reason = "Toronto region survey 2025 is more recent than the table."
    wizard = Wizard.start(officer_client).walk(
        "MX", "technician", remuneration={"amount": "31", "unit": "hour", **OVERRIDE, "prevailing_reason": reason})

    decision = wizard.record("approve")

    # The reason is the officer's source of the figures: kept with them, and in the details.
    assert decision.facts["prevailing_wage"] == {"amount": 30.0, "unit": "hour", "low": 25.0, "source": reason}
    assert decision.details["prevailing_reason"] == reason
    assert results(decision)["remuneration"] == "met"
    table_only = Wizard.start(officer_client).walk(
        "MX", "technician", remuneration={"amount": "31", "unit": "hour"}).record("request_information")
    assert results(table_only)["remuneration"] == "undetermined"


def test_the_wage_tables_figures_apply_without_an_override(officer_client):
    """21 an hour is under the table's low (22): not met, where the officer's 20 would have met it."""
    below = Wizard.start(officer_client).walk(
        "MX", "technician", remuneration={"amount": "21", "unit": "hour"}).record("refuse")
    overridden = Wizard.start(officer_client).walk(
        "MX", "technician", remuneration={"amount": "21", "unit": "hour", **OVERRIDE, "prevailing_amount": "20",
                                          "prevailing_low": "15", "prevailing_reason": "Survey"}).record("approve")

    assert results(below)["remuneration"] == "not_met"
    assert results(overridden)["remuneration"] == "met"


def test_non_monetary_elements_are_listed_and_never_counted(officer_client):
    """A monetary wage under the low, however large the housing and travel."""
    wizard = Wizard.start(officer_client).walk(
        "MX", "technician", remuneration={"amount": "21", "unit": "hour", "housing": "30000", "travel": "5000"})

    decision = wizard.record("refuse")

    assert decision.facts["non_monetary"] == {"housing": 30000.0, "travel": 5000.0}
    assert results(decision)["remuneration"] == "not_met"


# Departing from the indicative outcome --------------------------------------------------------
def not_eligible(client) -> Wizard:
    return Wizard.start(client).walk("MX", "technician", experience=months_of_experience(40))


def test_approving_a_case_the_rules_find_not_eligible_needs_a_reason_code_and_a_written_reason(officer_client):
    wizard = not_eligible(officer_client)

    response = wizard.decide("approve", notes="Seen the file.")

    assert response.status_code == 200
    assert page_errors(response) == [
        "Reason for departing from the indicative outcome: Your decision departs from the indicative outcome: "
        "choose a reason.",
        "Written reason: Your decision departs from the indicative outcome: write the reason."]
    assert summary_links(response) == ["id_departure_reason_code", "id_departure_reason"]
    assert checked_value(response, "decision") == "approve"
    assert "Seen the file." in response.content.decode()
    assert not Decision.objects.exists()


def test_a_reason_code_alone_is_not_enough(officer_client):
    response = not_eligible(officer_client).decide("approve", departure_reason_code="evidence_not_captured")

    assert summary_links(response) == ["id_departure_reason"]
    assert not Decision.objects.exists()


def test_refusing_an_eligible_case_needs_reasons_too(officer_client):
    response = Wizard.start(officer_client).walk("MX", "technician").decide("refuse")

    assert summary_links(response) == ["id_departure_reason_code", "id_departure_reason"]


def test_a_departing_decision_with_reasons_is_recorded_and_flagged(officer_client, supervisor_client):
    reason = "Two further years with the same employer are documented in the pay slips on file."
    decision = not_eligible(officer_client).record("approve", departure_reason_code="evidence_not_captured",
                                                    departure_reason=reason)

    assert decision.outcome == "not_eligible" and decision.decision == "approve"
    assert decision.departs is True and decision.needs_supervisor_review
    assert (decision.departure_reason_code, decision.departure_reason) == ("evidence_not_captured", reason)
    page = text(supervisor_client.get(decision_url(decision)))
    assert "This decision departs from the indicative outcome and is flagged for supervisor review." in page
    assert f"Evidence on file that the criteria do not capture — {reason}" in page
    assert "for supervisor review" in text(officer_client.get("/en/"))


def test_a_decision_that_follows_the_outcome_keeps_no_departure_reason(officer_client):
    decision = not_eligible(officer_client).record("refuse", departure_reason_code="other",
                                                   departure_reason="Typed by mistake")

    assert decision.departs is False
    assert (decision.departure_reason_code, decision.departure_reason) == ("", "")


@pytest.mark.parametrize("choice", ["approve", "refuse", "request_information"])
def test_a_case_left_to_the_officer_takes_any_decision_without_departing(officer_client, choice):
    wizard = Wizard.start(officer_client).walk("MX", "technician", language={"satisfactory": "undecided"})

    decision = wizard.record(choice)

    assert decision.outcome == "needs_officer_review"
    assert decision.departs is False


def test_without_a_table_entry_the_officers_finding_needs_its_source(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician", occupation={"province": "NU"}, until="credentials")
    page = wizard.get("credentials")
    assert "Not in the regulation table: the officer finds it" in text(page)

    response = wizard.post("credentials", credentials(regulated="no"))

    assert page_errors(response) == ["Reason or source for your finding on regulation: "
                                     "Say what your finding rests on, for example the regulator's website."]
