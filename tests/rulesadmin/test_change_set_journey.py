"""The rules admins' journey of issue 5, in the admin: one removes plumbers from Australia's
technician list in a change set, previews the impact (golden scenarios and past decisions that
flip), submits; the author cannot approve; a second admin approves it effective tomorrow; a case
received today is still eligible and one received tomorrow is not; the history names each step."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eligibility import rulebook
from eligibility.casefile import parse_case
from eligibility.snapshot import ruleset_on
from occupations.models import ChangeSet, Listing
from rulesadmin import impact
from tests.case_examples import case
from tests.rule_changes import rules_admin
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db


def australian_plumber(received_on):
    return case(country="AU", category="technician", noc_code="72300", province="ON", regulated=None, licensed=True,
                education={"credential": "diploma", "years": 2, "country": "AU"}, experience_months=48,
                received_on=received_on.isoformat())


def outcome(received_on) -> str:
    facts = parse_case(australian_plumber(received_on), received_on)
    return rulebook.assess(facts, ruleset_on(received_on)).outcome.value


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plumbers() -> Listing:
    return Listing.objects.get(country_code="AU", category="technician", unit_group="72300", replaces__isnull=True)


def test_plumbers_come_off_australias_list_through_a_reviewed_change_set(officer):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    past = record(officer, country="AU", category="technician", noc_code="72300", province="ON", regulated=None,
                  licensed=True, education={"credential": "diploma", "years": 2, "country": "AU"},
                  experience_months=48, reference="AU-PLUMBER")
    assert past.outcome == "eligible"
    author, approver = rules_admin("anna-rules"), rules_admin("ben-rules")
    anna, ben = signed_in(author), signed_in(approver)

    # Anna opens a change set and removes plumbers in it, from the list of rows in force.
    response = anna.post(reverse("admin:occupations_changeset_add"),
                         {"title": "Plumbers off Australia's technician list", "description": "Notice 2026-12"})
    assert response.status_code == 302
    change_set = ChangeSet.objects.get(title="Plumbers off Australia's technician list")
    assert change_set.author == author and change_set.status == "draft"
    action = {"action": "remove_in_change_set", ACTION_CHECKBOX_NAME: [plumbers().pk]}
    picker = anna.post(reverse("admin:occupations_listing_changelist"), action)
    assert picker.status_code == 200 and "Add to this change set" in picker.content.decode()
    anna.post(reverse("admin:occupations_listing_changelist"), {**action, "pick": "1", "change_set": change_set.pk})
    [removal] = Listing.objects.filter(change_set=change_set)
    assert removal.removes and removal.replaces == plumbers() and not removal.published
    assert outcome(today) == "eligible"  # a draft changes nothing

    # The preview names the golden scenario and the past decision that flip.
    page = anna.get(reverse("admin:occupations_changeset_impact", args=[change_set.pk])).content.decode()
    assert "T01" in page and "1 would have had a different indicative outcome" in page
    result = impact.preview(change_set, today - timedelta(days=30), today)
    # T01 (eligible) and the contract's P03 (an Australian plumber refused on credentials, now on occupation too)
    assert [c.scenario.code for c in result.scenarios] == ["T01", "contract-P03"]
    assert (result.decisions_changed, [d.decision_id for d in result.decisions]) == (1, [past.pk])

    # Anna submits; she cannot approve her own change set.
    anna.post(reverse("admin:occupations_changeset_submit", args=[change_set.pk]))
    change_set.refresh_from_db()
    assert change_set.status == "submitted"
    refused = anna.post(reverse("admin:occupations_changeset_approve", args=[change_set.pk]),
                        {"effective_from": tomorrow.isoformat()})
    assert "a second rules admin must approve it" in refused.content.decode()
    change_set.refresh_from_db()
    assert change_set.status == "submitted"

    # Ben approves it, effective tomorrow.
    approve_page = ben.get(reverse("admin:occupations_changeset_approve", args=[change_set.pk]))
    assert "T01" in approve_page.content.decode()
    done = ben.post(reverse("admin:occupations_changeset_approve", args=[change_set.pk]),
                    {"effective_from": tomorrow.isoformat()})
    assert done.status_code == 302
    change_set.refresh_from_db()
    assert (change_set.status, change_set.approved_by, change_set.effective_from) == ("published", approver, tomorrow)

    # A case received today keeps the old rules; one received tomorrow has the new.
    assert outcome(today) == "eligible"
    assert outcome(tomorrow) == "not_eligible"

    # The history names who did each step.
    history = anna.get(reverse("admin:occupations_changeset_history", args=[change_set.pk])).content.decode()
    assert "anna-rules" in history and "ben-rules" in history
    steps = [(h.status, h.history_user.username) for h in change_set.history.order_by("history_date")]
    assert steps == [("draft", "anna-rules"), ("submitted", "anna-rules"), ("published", "ben-rules")]


@pytest.mark.parametrize("object_id", ["999999", "add/widgets.css"])
def test_an_unknown_change_set_address_is_not_a_server_error(rules_admin_client, object_id):
    response = rules_admin_client.get(f"/en/admin/occupations/changeset/{object_id}/change/")
    assert response.status_code in (302, 404)
