"""The permit's reason names the cap that applied (issue 15, point 3): the passport's expiry, with
its date, when it cut the validity; else the length of stay or the employment offered. Wherever
the permit's validity is shown: the review and decision steps, the decision page and its draft
notes, the supervisor's record page. Read from what the decision stored, so that older decisions
read correctly too."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eligibility.models import Decision
from tests.eligibility.wizard.journey import Wizard, decision_url, text, textarea

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + timedelta(days=100)  # the passport expires before 12 months are up
PASSPORT_REASON = (f"Until {SOON.isoformat()}: the passport expires that day, and a permit never outlasts the "
                   "passport (the rules allow up to 12 months).")
STAY_REASON = "Up to 12 months: the length of stay."


def approved(client, passport) -> Decision:
    return Wizard.start(client).walk("JP", case={"passport_expiry": passport.isoformat()}).record("approve")


def test_a_permit_cut_at_the_passports_expiry_says_so_on_the_decision_page(officer_client):
    decision = approved(officer_client, SOON)
    assert decision.permit_valid_until == SOON

    page = officer_client.get(decision_url(decision))

    assert f"T52, valid until {SOON.isoformat()} ({PASSPORT_REASON})" in text(page)
    assert STAY_REASON not in text(page)
    assert f"Permit valid until: {SOON.isoformat()} — {PASSPORT_REASON}" in textarea(page, "draft-notes")


def test_a_permit_for_the_length_of_stay_says_the_length_of_stay(officer_client):
    decision = approved(officer_client, TODAY + timedelta(days=3000))

    page = text(officer_client.get(decision_url(decision)))

    assert f"valid until {decision.permit_valid_until.isoformat()} ({STAY_REASON})" in page


def test_a_permit_capped_by_the_employment_offered_says_so(officer_client):
    decision = Wizard.start(officer_client).walk(
        "JP", case={"passport_expiry": (TODAY + timedelta(days=3000)).isoformat()},
        occupation={"employment_months": "6"}).record("approve")

    page = text(officer_client.get(decision_url(decision)))

    assert "(Up to 6 months: the employment offered lasts 6 months (length of stay 12).)" in page


def test_the_supervisors_record_page_names_the_passport(officer_client, supervisor_client):
    decision = approved(officer_client, SOON)

    page = text(supervisor_client.get(reverse("supervision:record", args=[decision.pk])))

    assert f"T52, valid until {SOON.isoformat()} ({PASSPORT_REASON})" in page


def test_the_review_and_decision_steps_say_which_cap_would_apply_today(officer_client):
    wizard = Wizard.start(officer_client).walk("JP", case={"passport_expiry": SOON.isoformat()})

    for step in ("review", "decision"):
        assert PASSPORT_REASON in text(wizard.get(step)), step


def test_an_older_decision_reads_from_what_it_stored(officer_client):
    """A decision recorded before this change stored its validity and the passport's expiry
    only: which cap applied is read from those, not worked out again from today's date."""
    decision = approved(officer_client, SOON)
    older = Decision.objects.get(pk=decision.pk)
    assert older.details["passport_expiry"] == SOON.isoformat()
    assert older.working["work_permit_reason"]["code"] == "stay.length_of_stay"  # the engine's own reason

    assert PASSPORT_REASON in text(officer_client.get(decision_url(older)))
