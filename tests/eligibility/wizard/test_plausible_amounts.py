"""Implausible amounts need the officer's confirmation (issue 15, point 8): an amount above the
bounds in settings is not saved until the officer ticks a confirmation that appears with a message
naming the field and the figure; nothing typed is lost."""

import pytest

from tests.eligibility.wizard.journey import Wizard, checked_value, input_value, page_errors, plan, summary_links

pytestmark = pytest.mark.django_db

CONFIRM = "I have checked the amounts above: they are right"


def at_remuneration(client) -> Wizard:
    return Wizard.start(client).walk("JP", until="remuneration")


def pay(**fields) -> dict:
    return {**plan("JP")["remuneration"], **fields}


def test_a_wage_of_nine_million_an_hour_is_not_saved_without_confirmation(officer_client):
    wizard = at_remuneration(officer_client)

    response = wizard.post("remuneration", pay(amount="9000000", unit="hour"))

    assert response.status_code == 200
    assert page_errors(response) == [
        "Monetary wage offered: $9,000,000.00 per hour is more than $500.00 an hour at the offer's hours, far above "
        f"what is usual. Check the figure; if it is right, tick \u201c{CONFIRM}\u201d."]
    assert summary_links(response) == ["id_amount"]
    assert 'name="confirm_amounts"' in response.content.decode()
    assert input_value(response, "amount") == "9000000"  # nothing typed is lost
    assert "remuneration" not in wizard.answers


def test_a_confirmed_implausible_wage_is_saved_as_entered(officer_client):
    wizard = at_remuneration(officer_client)

    wizard.answer("remuneration", pay(amount="9000000", unit="hour", confirm_amounts="on"))

    saved = wizard.answers["remuneration"]
    assert (saved["amount"], saved["unit"], saved["amounts_confirmed"]) == (9000000.0, "hour", True)


@pytest.mark.parametrize(("fields", "field"), [
    ({"amount": "1100000", "unit": "year", "hours_per_week": "40"}, "amount"),  # $528.85 an hour
    ({"amount": "100000", "unit": "week", "hours_per_week": "40"}, "amount"),
    ({"housing": "2000000"}, "housing"),
    ({"prevailing_override": "on", "prevailing_amount": "600", "prevailing_unit": "hour",
      "prevailing_reason": "Provincial survey 2025"}, "prevailing_amount"),
])
def test_each_amount_above_its_bound_asks_for_confirmation(officer_client, fields, field):
    wizard = at_remuneration(officer_client)

    response = wizard.post("remuneration", pay(**fields))

    assert summary_links(response) == [f"id_{field}"]
    assert "far above what is usual" in page_errors(response)[0]
    assert "remuneration" not in wizard.answers


@pytest.mark.parametrize("fields", [
    {"amount": "500", "unit": "hour"},
    {"amount": "1040000", "unit": "year", "hours_per_week": "40"},
    {"housing": "1040000"},
    # The officer's prevailing wage is not used without "Use another prevailing wage": not asked.
    {"prevailing_amount": "9000000", "prevailing_unit": "hour"},
])
def test_amounts_within_the_bounds_are_saved_without_a_question(officer_client, fields):
    wizard = at_remuneration(officer_client)

    response = wizard.post("remuneration", pay(**fields))

    assert response.status_code == 302, page_errors(response)
    assert "amounts_confirmed" not in wizard.answers["remuneration"]


def test_the_confirmation_is_asked_only_when_an_amount_needs_it(officer_client):
    wizard = at_remuneration(officer_client)

    assert 'name="confirm_amounts"' not in wizard.get("remuneration").content.decode()
    response = wizard.post("remuneration", pay(amount="abc"))
    assert 'name="confirm_amounts"' not in response.content.decode()
    assert checked_value(response, "confirm_amounts") is None


def test_the_bounds_come_from_the_settings(officer_client, settings):
    settings.PLAUSIBLE_HOURLY_WAGE_MAX = 100
    wizard = at_remuneration(officer_client)

    response = wizard.post("remuneration", pay(amount="150", unit="hour"))

    assert "more than $100.00 an hour" in page_errors(response)[0]
