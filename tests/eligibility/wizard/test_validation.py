"""Each step checks its fields: bad input is never a server error, the error summary at the top
links to the fields, and nothing already entered is lost."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.eligibility.wizard.journey import (
    Wizard,
    checked_value,
    experience_data,
    input_value,
    page_errors,
    period,
    plan,
    summary_links,
)

pytestmark = pytest.mark.django_db

UCI_ERROR = "UCI: Enter the UCI as 8 or 10 digits, for example 1234-5678."
# Inputs shown again with what was typed, and radio buttons shown again as chosen.
TYPED = {"application_number", "uci", "applicant_name", "received_on", "passport_expiry", "noc", "employer",
         "job_title", "offer_number", "employment_months", "years", "amount", "hours_per_week", "other"}
RADIOS = {"place_of_application", "status", "category", "spouse", "compliance_fee_paid", "related_field",
          "regulated", "licence_required", "licensed", "satisfactory", "offer_states_requirements"}
TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()

# (step, the bad answers, the field in error, the message shown in the summary)
BAD_ANSWERS = [
    ("case", {"uci": "1234567"}, "uci", UCI_ERROR),
    ("case", {"uci": "123456789"}, "uci", UCI_ERROR),
    ("case", {"uci": "12345678901"}, "uci", UCI_ERROR),
    ("case", {"uci": "1234-567X"}, "uci", UCI_ERROR),
    ("case", {"received_on": TOMORROW}, "received_on",
     "Date the application was received: The date received cannot be in the future."),
    ("case", {"received_on": "03/03/2025"}, "received_on",
     "Date the application was received: Enter the date as YYYY-MM-DD, for example 2025-03-03."),
    ("case", {"received_on": "2025-02-30"}, "received_on",
     "Date the application was received: Enter the date as YYYY-MM-DD, for example 2025-03-03."),
    ("case", {"application_number": "W30-1234"}, "application_number",
     "Application number: Use letters and digits only, for example W301234567."),
    ("case", {"country": "XX"}, "country", None),
    ("case", {"spouse": None}, "spouse", "Accompanying spouse or common-law partner?: Answer yes or no."),
    ("case", {"applicant_name": "x" * 201}, "applicant_name", None),
    ("occupation", {"offer_number": "B1234567"}, "offer_number",
     "Offer of employment number: Enter A followed by 7 digits, for example A1234567."),
    ("occupation", {"employment_months": "0"}, "employment_months", None),
    ("occupation", {"employment_months": "twelve"}, "employment_months", None),
    ("occupation", {"province": "ZZ"}, "province", None),
    ("credentials", {"years": "20"}, "years", None),
    ("credentials", {"years": "-1"}, "years", None),
    ("credentials", {"credential": "phd"}, "credential", None),
    ("language", {"offer_states_requirements": "yes"}, "requirements_met",
     "If so, are they met?: Say whether the offer's language requirements are met."),
    ("remuneration", {"amount": "0"}, "amount", "Monetary wage offered: Enter an amount greater than 0."),
    ("remuneration", {"amount": "-5"}, "amount", None),
    ("remuneration", {"amount": "1e400"}, "amount", None),
    ("remuneration", {"hours_per_week": "200"}, "hours_per_week", None),
    ("remuneration", {"other": "500"}, "other_description",
     "What the other elements are: Say what the other non-monetary elements are."),
]


def at(client, step) -> Wizard:
    return Wizard.start(client).walk("MX", "technician", until=step)


@pytest.mark.parametrize(("step", "bad", "field", "message"), BAD_ANSWERS,
                         ids=[f"{s}-{f}-{i}" for i, (s, _b, f, _m) in enumerate(BAD_ANSWERS)])
def test_bad_input_is_refused_with_a_linked_message_and_kept(officer_client, step, bad, field, message):
    wizard = at(officer_client, step)
    data = plan("MX", "technician", **{step: bad})[step]

    response = wizard.post(step, data)

    assert response.status_code == 200
    # A text field is linked by its id; a set of radio buttons by its first button's.
    assert {f"id_{field}", f"id_{field}_0"} & set(summary_links(response)), summary_links(response)
    if message:
        assert message in page_errors(response)
    page = response.content.decode()
    for target in summary_links(response):
        assert re.search(rf'\bid="{target}"', page), target  # every link leads to a field
    assert step not in wizard.answers  # nothing half-saved
    for name, value in data.items():  # everything typed is shown again, the bad value too
        if name in TYPED:
            assert input_value(response, name) == value, name
        elif name in RADIOS:
            assert checked_value(response, name) == value, name


def test_an_error_on_a_saved_step_keeps_the_saved_answers_and_shows_the_typing(officer_client):
    wizard = at(officer_client, "language")
    saved = wizard.answers["occupation"]

    response = wizard.post("occupation", plan("MX", "technician", occupation={
        "employer": "Another Employer Ltd.", "offer_number": "nonsense"})["occupation"])

    assert response.status_code == 200
    assert input_value(response, "employer") == "Another Employer Ltd."
    assert input_value(response, "offer_number") == "nonsense"
    assert wizard.answers["occupation"] == saved


@pytest.mark.parametrize(("typed", "saved"), [("1234-5678", "12345678"), ("12 3456 7890", "1234567890"),
                                               ("1234567890", "1234567890")])
def test_a_uci_of_8_or_10_digits_is_accepted_without_its_separators(officer_client, typed, saved):
    wizard = Wizard.start(officer_client)

    wizard.answer("case", plan(case={"uci": typed})["case"])

    assert wizard.answers["case"]["uci"] == saved


def test_the_date_received_may_be_today(officer_client):
    wizard = Wizard.start(officer_client)

    wizard.answer("case", plan(case={"received_on": timezone.localdate().isoformat()})["case"])

    assert wizard.answers["case"]["received_on"] == timezone.localdate().isoformat()


def test_a_date_before_any_rules_were_in_force_is_not_a_server_error(officer_client):
    """The seed's rules start on 2018-12-30: before that, no rules, said plainly."""
    wizard = Wizard.start(officer_client).walk("MX", case={"received_on": "2010-01-01"},
                                               experience={"periods": [period("2004-01-01", "2009-12-31")]})

    review = wizard.get("review")
    assert review.status_code == 302 and review.url == wizard.url("case")
    assert wizard.get("decision").status_code == 302
    assert wizard.get("occupation").status_code == 200


# Experience periods ----------------------------------------------------------------------------
def test_a_period_ending_before_it_starts_is_refused(officer_client):
    wizard = at(officer_client, "experience")

    response = wizard.post("experience", experience_data([period("2024-01-01", "2023-01-01", employer="Pemex")]))

    assert response.status_code == 200
    assert page_errors(response) == ["Period 1, To: The end of a period cannot be before its start."]
    assert summary_links(response) == ["id_period-0-end"]
    assert input_value(response, "period-0-employer") == "Pemex"
    assert input_value(response, "period-0-start") == "2024-01-01"


def test_overlapping_periods_are_refused_with_their_numbers(officer_client):
    wizard = at(officer_client, "experience")

    response = wizard.post("experience", experience_data([period("2019-01-01", "2021-12-31"),
                                                          period("2021-06-01", "2024-12-31")]))

    assert response.status_code == 200
    assert page_errors(response) == [
        "Periods 1 and 2 overlap: enter overlapping work as one period with the combined hours."]
    assert "experience" not in wizard.answers


def test_periods_are_totalled_in_full_time_months(officer_client):
    """Two years full time and two years at 15 hours a week (half of full time): 36 months."""
    wizard = at(officer_client, "experience")

    wizard.answer("experience", {"periods": [period("2019-01-01", "2020-12-31"),
                                             period("2021-01-01", "2022-12-31", hours="15")]})

    assert wizard.answers["experience"]["months"] == 36
    assert "Saved: 36 months of full-time-equivalent paid experience." in wizard.get("experience").content.decode()


def test_adding_a_period_keeps_what_was_typed_and_saves_nothing(officer_client):
    """"Add another period" works without JavaScript: one more empty row, the typed row kept."""
    wizard = at(officer_client, "experience")

    response = wizard.post("experience", experience_data([period("2019-01-01", "2020-12-31", employer="Cemex")]),
                           button="add_period")

    assert response.status_code == 200
    assert input_value(response, "period-0-employer") == "Cemex"
    assert "period-1-employer" in response.content.decode()
    assert "experience" not in wizard.answers


def test_a_tampered_period_formset_is_not_a_server_error(officer_client):
    wizard = at(officer_client, "experience")

    response = wizard.post("experience", {"period-TOTAL_FORMS": "many", "period-INITIAL_FORMS": "0"})

    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert "experience" not in wizard.answers


def test_no_experience_at_all_can_be_recorded(officer_client):
    wizard = at(officer_client, "experience")

    wizard.answer("experience", {"periods": []})

    assert wizard.answers["experience"] == {"periods": [], "months": 0}


# Addresses that are not steps ----------------------------------------------------------------
def test_an_unknown_step_leads_to_the_case_step(officer_client):
    wizard = Wizard.start(officer_client)

    response = officer_client.get(f"/en/assessments/{wizard.pk}/nonsense/")

    assert response.status_code == 302 and response.url == wizard.url("case")


def test_an_assessment_that_does_not_exist_is_not_found(officer_client):
    assert officer_client.get("/en/assessments/999999/case/").status_code == 404


def test_starting_an_assessment_needs_a_post(officer_client):
    assert officer_client.get("/en/assessments/new/").status_code == 405


@pytest.mark.parametrize(("country", "received_on"), [("VN", "2025-12-01"), ("MX", "2010-01-01")],
                         ids=["no-commitments", "before-any-rules"])
@pytest.mark.parametrize("noc", ["41101", "", "99999", "2"])
def test_odd_occupations_are_never_a_server_error(officer_client, country, received_on, noc):
    wizard = Wizard.start(officer_client).walk(country, until="occupation", case={"received_on": received_on})
    occupation = plan(country, occupation={"noc": noc})["occupation"]

    assert wizard.post("occupation", occupation, button="check").status_code == 200
    assert wizard.post("occupation", occupation).status_code in (200, 302)
    for step in ("credentials", "remuneration", "review", "decision"):
        assert wizard.get(step).status_code in (200, 302), step


@pytest.mark.parametrize("fields", [{"decision": "maybe"}, {"decision": ""},
                                    {"decision": "approve", "departure_reason_code": "whim"}])
def test_a_bad_decision_is_refused_and_nothing_recorded(officer_client, fields):
    wizard = Wizard.start(officer_client).walk("MX", "technician", occupation={"noc": "72300"})

    response = wizard.client.post(wizard.url("decision"), fields)

    assert response.status_code == 200
    assert page_errors(response)
    assert not wizard.assessment.is_finalised
