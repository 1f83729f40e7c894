"""Experience counts up to the date the application was received (issue 15, point 2): a period
running past it is cut there and the officer is told, in the step and in the record; a period
starting after it is refused; dates are bounded (no later than today, none before 1950); never a
server error."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from eligibility.rulebook.counting import EARLIEST_WORK_YEAR
from tests.eligibility.wizard.journey import (
    Wizard,
    decision_url,
    experience_data,
    input_value,
    page_errors,
    period,
    plan,
    summary_links,
    text,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
RECEIVED = date(2025, 12, 1)  # the journey's case: over a year before these tests were written


def at_experience(client) -> Wizard:
    return Wizard.start(client).walk("JP", case={"received_on": RECEIVED.isoformat()}, until="experience")


def test_a_period_running_past_the_date_received_counts_only_up_to_it(officer_client):
    """Two years full time before the receipt date, then work up to today: 24 months, not 37."""
    wizard = at_experience(officer_client)
    start = RECEIVED.replace(year=RECEIVED.year - 2) + timedelta(days=1)

    response = wizard.answer("experience", {"periods": [period(start.isoformat(), TODAY.isoformat(),
                                                               employer="Fujitsu")]})

    saved = wizard.answers["experience"]
    assert saved["months"] == 24
    # What was entered is kept, with the day it was counted to.
    assert saved["periods"] == [{"employer": "Fujitsu", "start": start.isoformat(), "end": TODAY.isoformat(),
                                 "hours_per_week": 40.0, "counted_to": RECEIVED.isoformat()}]
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert told == [f"Period 1 (Fujitsu): Counted up to {RECEIVED.isoformat()}, the date the application was "
                    "received: the work after it does not count."]
    assert (f"Counted up to {RECEIVED.isoformat()}, the date the application was received"
            in text(wizard.get("experience")))


def test_the_record_keeps_the_period_as_entered_and_the_day_it_was_counted_to(officer_client):
    start = RECEIVED.replace(year=RECEIVED.year - 5)
    wizard = Wizard.start(officer_client).walk(
        "JP", case={"received_on": RECEIVED.isoformat()},
        experience={"periods": [period(start.isoformat(), TODAY.isoformat())]})

    decision = wizard.record()

    assert decision.details["experience_periods"][0]["end"] == TODAY.isoformat()
    assert decision.details["experience_periods"][0]["counted_to"] == RECEIVED.isoformat()
    assert decision.facts["experience_months"] == 60
    assert officer_client.get(decision_url(decision)).status_code == 200


def test_a_period_starting_after_the_date_received_is_refused_naming_the_field(officer_client):
    wizard = at_experience(officer_client)
    start = RECEIVED + timedelta(days=1)

    response = wizard.post("experience", experience_data([period(start.isoformat(), TODAY.isoformat(),
                                                                 employer="Cemex")]))

    assert response.status_code == 200
    assert page_errors(response) == [
        f"Period 1, From: This period starts after the application was received ({RECEIVED.isoformat()}): work "
        "after that date does not count. Remove the period or correct its start."]
    assert summary_links(response) == ["id_period-0-start"]
    assert input_value(response, "period-0-employer") == "Cemex"  # nothing typed is lost
    assert "experience" not in wizard.answers


@pytest.mark.parametrize("end", ["9999-12-31", "9999-11-30", (TODAY + timedelta(days=1)).isoformat()])
def test_an_end_after_today_is_refused_not_counted_and_never_a_server_error(officer_client, end):
    wizard = at_experience(officer_client)

    response = wizard.post("experience", experience_data([period("2020-01-01", end)]))

    assert response.status_code == 200
    assert page_errors(response) == [
        f"Period 1, To: Enter a date no later than today ({TODAY.isoformat()}). For work that goes on, enter "
        "today's date: only work up to the date received counts."]
    assert input_value(response, "period-0-end") == end
    assert "experience" not in wizard.answers


@pytest.mark.parametrize(("field", "start", "end"), [("start", "0202-01-01", "2020-12-31"),
                                                     ("start", "1949-12-31", "2020-12-31"),
                                                     ("end", "0001-01-01", "0001-12-31")])
def test_a_date_before_1950_is_refused(officer_client, field, start, end):
    wizard = at_experience(officer_client)

    response = wizard.post("experience", experience_data([period(start, end)]))

    assert response.status_code == 200
    assert f"Period 1, {'From' if field == 'start' else 'To'}: Enter a date in {EARLIEST_WORK_YEAR} or later." \
        in page_errors(response)
    assert "experience" not in wizard.answers


def test_a_period_within_the_dates_is_counted_whole_and_says_nothing(officer_client):
    wizard = at_experience(officer_client)
    end = RECEIVED - timedelta(days=1)
    start = end.replace(year=end.year - 1) + timedelta(days=1)

    response = wizard.answer("experience", {"periods": [period(start.isoformat(), end.isoformat())]})

    assert wizard.answers["experience"]["months"] == 12
    assert "counted_to" not in wizard.answers["experience"]["periods"][0]
    assert list(get_messages(response.wsgi_request)) == []


def test_the_end_field_says_up_to_which_date_work_counts(officer_client):
    wizard = at_experience(officer_client)

    page = text(wizard.get("experience"))

    assert f"Only work up to the date received ({RECEIVED.isoformat()}) counts." in page


def test_changing_the_date_received_counts_the_saved_experience_again(officer_client):
    """Counted up to 2025-12-01 first; the date received moved back a year, the saved periods are
    counted again up to the new date, and the officer is told."""
    wizard = Wizard.start(officer_client).walk("JP", until="language", experience={"periods": [
        period("2022-12-01", "2025-11-30")]})
    assert wizard.answers["experience"]["months"] == 36

    moved = {**plan("JP")["case"], "received_on": "2024-12-01"}
    response = officer_client.post(wizard.url("case"), {**moved, "next": "1"}, follow=True)

    saved = wizard.answers["experience"]
    assert saved["months"] == 24
    assert saved["periods"][0]["counted_to"] == "2024-12-01"
    assert "The date received changed: the experience was counted again up to it (24 months)." in text(response)
