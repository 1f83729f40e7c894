"""Drafts: saved as the officer goes, kept across back and forward, logout and session expiry,
never mixed between two cases, and never shown to another officer."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.eligibility.wizard.journey import (
    PASSWORD,
    Wizard,
    checked_value,
    decision_url,
    input_value,
    plan,
    text,
)

pytestmark = pytest.mark.django_db


# Back and forward ---------------------------------------------------------------------------
def test_save_and_go_back_keeps_the_answers_of_both_steps(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician", until="credentials")
    answers = plan("MX", "technician", credentials={"years": "3"})

    back = wizard.answer("credentials", answers["credentials"], button="back")

    assert back.url == wizard.url("occupation")
    occupation = wizard.get("occupation")
    assert input_value(occupation, "employer") == "Acme Software Inc."
    assert input_value(occupation, "noc") == "22300"
    assert checked_value(occupation, "compliance_fee_paid") == "yes"
    forward = wizard.get("credentials")
    assert input_value(forward, "years") == "3.0"
    assert checked_value(forward, "related_field") == "yes"
    assert checked_value(forward, "credential") == "diploma"


def test_following_the_progress_links_keeps_every_answer(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician")
    before = wizard.answers

    for step in ("case", "occupation", "credentials", "experience", "language", "remuneration", "documents"):
        assert wizard.get(step).status_code == 200
    case = wizard.get("case")

    assert wizard.answers == before
    assert input_value(case, "applicant_name") == "Hanako Sato"
    assert input_value(case, "uci") == "12345678"
    assert checked_value(case, "country") == "MX"
    assert checked_value(case, "spouse") == "no"
    assert input_value(wizard.get("experience"), "period-0-employer") == "Fujitsu"


def test_answering_a_step_again_changes_only_that_step(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician")
    before = wizard.answers

    wizard.answer("language", plan("MX", "technician", language={"satisfactory": "undecided"})["language"])

    after = wizard.answers
    assert after["language"]["satisfactory"] == "undecided"
    assert {k: v for k, v in after.items() if k != "language"} == {k: v for k, v in before.items() if k != "language"}


def test_save_and_review_goes_to_the_review(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician", until="documents")

    response = wizard.answer("documents", plan("MX", "technician")["documents"], button="to_review")

    assert response.url == wizard.url("review")


def test_the_review_links_each_criterion_to_the_step_that_changes_it(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician")

    page = wizard.get("review").content.decode()

    for step in ("case", "occupation", "credentials", "experience", "language", "remuneration", "documents"):
        assert f'href="{wizard.url(step)}"' in page


# Resume after logout -------------------------------------------------------------------------
def signed_in(username) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "sign-in refused"
    return client


def test_resume_after_logout(officer):
    client = signed_in("officer")
    wizard = Wizard.start(client).walk("MX", "technician", until="language")
    saved = wizard.answers

    client.post(reverse("logout"))
    assert client.get(wizard.url("case")).status_code == 302  # signed out: to the sign-in page

    client = signed_in("officer")
    home = client.get(reverse("home"))
    assert f'href="{wizard.url("case")}"' in home.content.decode()
    assert "W301234567" in text(home) and "Hanako Sato" in text(home)
    resumed = Wizard(client, wizard.pk)
    assert input_value(resumed.get("case"), "applicant_name") == "Hanako Sato"
    assert input_value(resumed.get("experience"), "period-0-employer") == "Fujitsu"
    assert resumed.answers == saved
    decision = resumed.walk("MX", "technician").record("approve")
    assert decision.outcome == "eligible"


def test_a_draft_survives_the_session_expiring(officer):
    client = signed_in("officer")
    wizard = Wizard.start(client).walk("JP", until="credentials")
    client.session.flush()  # the session is gone, as when it expires
    client.cookies.clear()

    client = signed_in("officer")

    assert input_value(Wizard(client, wizard.pk).get("occupation"), "employer") == "Acme Software Inc."


# Two cases at once ---------------------------------------------------------------------------
def test_two_drafts_in_parallel_never_mix(officer_client):
    """Two tabs of one browser: the same client, answers posted to the two cases in turn."""
    hanako = plan("JP", "professional")
    juan = plan("MX", "technician", case={"application_number": "W309999999", "applicant_name": "Juan Pérez",
                                          "uci": "9876543210"},
                experience={"periods": [{"employer": "Cemex", "start": "2018-01-01", "end": "2024-06-30",
                                         "hours_per_week": "40"}]})
    first, second = Wizard.start(officer_client), Wizard.start(officer_client)

    for step in ("case", "occupation", "credentials", "experience", "language", "remuneration", "documents"):
        second.answer(step, juan[step])
        first.answer(step, hanako[step])

    assert first.answers["case"]["applicant_name"] == "Hanako Sato"
    assert second.answers["case"]["applicant_name"] == "Juan Pérez"
    assert second.answers["experience"]["periods"][0]["employer"] == "Cemex"
    assert input_value(first.get("case"), "applicant_name") == "Hanako Sato"
    assert input_value(second.get("case"), "applicant_name") == "Juan Pérez"
    one, two = first.record("approve"), second.record("approve")
    assert (one.applicant_name, one.country, one.category, one.noc_code) == ("Hanako Sato", "JP", "professional",
                                                                             "21231")
    assert (two.applicant_name, two.country, two.category, two.noc_code) == ("Juan Pérez", "MX", "technician",
                                                                             "22300")
    assert two.details["experience_periods"][0]["employer"] == "Cemex"
    assert one.assessment_id == first.pk and two.assessment_id == second.pk


def test_the_home_page_lists_the_officers_drafts_and_decisions(officer_client):
    draft = Wizard.start(officer_client).walk("JP", until="occupation")
    decided = Wizard.start(officer_client).walk(
        "MX", "technician", case={"application_number": "W308888888"}).record("approve")

    page = officer_client.get(reverse("home")).content.decode()

    assert f'href="{draft.url("case")}"' in page
    assert f'href="{decision_url(decided)}"' in page and "W308888888" in page


# Other officers ------------------------------------------------------------------------------
def test_an_officer_cannot_open_another_officers_draft(officer_client, other_officer_client):
    wizard = Wizard.start(officer_client).walk("JP", until="language")
    before = wizard.answers
    intruder = Wizard(other_officer_client, wizard.pk)

    for step in ("case", "occupation", "review", "decision"):
        assert intruder.get(step).status_code == 404
    assert intruder.post("case", plan("MX")["case"]).status_code == 404
    assert intruder.decide("refuse").status_code == 404
    assert wizard.answers == before
    assert f'href="{wizard.url("case")}"' not in other_officer_client.get(reverse("home")).content.decode()


def test_a_supervisor_can_see_a_decision(officer_client, supervisor_client):
    decision = Wizard.start(officer_client).walk("MX", "technician").record("approve")

    page = supervisor_client.get(decision_url(decision))

    assert page.status_code == 200
    assert "Hanako Sato" in text(page)
    assert "Correct this decision" not in text(page)  # only its officer corrects it


def test_an_officer_cannot_see_another_officers_decision(officer_client, other_officer_client):
    decision = Wizard.start(officer_client).walk("MX", "technician").record("approve")

    assert other_officer_client.get(decision_url(decision)).status_code == 404
    assert other_officer_client.post(reverse("decision-correct", args=[decision.pk])).status_code == 404


def test_a_supervisor_cannot_assess_or_open_drafts(officer_client, supervisor_client):
    wizard = Wizard.start(officer_client).walk("JP", until="occupation")

    assert supervisor_client.post(reverse("wizard-start")).status_code == 403
    assert supervisor_client.get(wizard.url("case")).status_code == 403


def test_a_rules_admin_sees_no_decision(officer_client, rules_admin_client):
    decision = Wizard.start(officer_client).walk("MX", "technician").record("approve")

    assert rules_admin_client.get(decision_url(decision)).status_code == 404


@pytest.mark.parametrize("path", ["/en/", "/en/assessments/1/case/", "/en/decisions/1/"])
def test_every_page_needs_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")
