"""The language toggle on a wizard step keeps what the officer typed and had not saved: the step
comes back in the other language with the same fields (and their errors), nothing saved to the
draft, nothing decided (eligibility/wizard/language.py)."""

import re

import pytest
from django.urls import translate_url

from eligibility.models import Decision

from .journey import BASE, Wizard, experience_data, input_value, page_errors, period, post_data, text

pytestmark = pytest.mark.django_db


def switch(wizard: Wizard, step: str, data: dict, language: str = "fr"):
    """Press the header's language button on a step: it submits the step's form."""
    return wizard.client.post(wizard.url(step), {**data, "switch_language": language})


def test_the_toggle_on_a_step_belongs_to_the_steps_form(officer_client):
    wizard = Wizard.start(officer_client)
    body = wizard.get("case").content.decode()

    assert 'id="step-form"' in body
    assert re.search(r'<button type="submit" form="step-form" formnovalidate name="switch_language" value="fr"', body)


def test_switching_language_keeps_what_was_typed_without_saving_it(officer_client):
    wizard = Wizard.start(officer_client)
    typed = {**post_data("case", BASE["case"]), "applicant_name": "Hanako Satō", "received_on": "2025-13-45"}

    switched = switch(wizard, "case", typed)

    assert switched.status_code == 302
    assert switched.url == translate_url(wizard.url("case"), "fr") and switched.url.startswith("/fr/")
    assert wizard.answers == {}  # nothing saved: the date typed is not even valid
    page = officer_client.get(switched.url)
    assert page.status_code == 200 and 'lang="fr"' in page.content.decode()
    assert input_value(page, "applicant_name") == "Hanako Satō"
    assert input_value(page, "received_on") == "2025-13-45"
    assert page_errors(page)  # the invalid date is pointed out, in French
    # Given back once: the next visit shows the draft as saved (empty).
    assert input_value(officer_client.get(switched.url), "applicant_name") in (None, "")


def test_switching_language_on_the_experience_step_keeps_every_period(officer_client):
    wizard = Wizard.start(officer_client).walk(until="experience")
    typed = experience_data([period("2019-01-01", "2021-12-31", employer="Fujitsu"),
                             period("2022-01-01", "2021-06-30", employer="NEC")])  # ends before it starts

    page = officer_client.get(switch(wizard, "experience", typed).url)

    assert input_value(page, "period-0-employer") == "Fujitsu"
    assert input_value(page, "period-1-employer") == "NEC"
    assert page_errors(page)
    assert "experience" not in wizard.answers


def test_switching_language_on_the_decision_step_decides_nothing(officer_client):
    wizard = Wizard.start(officer_client).walk()

    switched = switch(wizard, "decision", {"decision": "approve", "notes": "Checked the offer twice."}, "fr")
    page = officer_client.get(switched.url)

    assert not Decision.objects.exists()
    assert "Checked the offer twice." in text(page)
    assert re.search(r'value="approve"[^>]*checked|checked[^>]*value="approve"', page.content.decode())


def test_an_unknown_language_is_an_ordinary_post(officer_client):
    wizard = Wizard.start(officer_client)

    response = wizard.client.post(wizard.url("case"), {"switch_language": "de"})

    assert response.status_code == 200 and page_errors(response)  # the case's fields are missing
    assert wizard.answers == {}
