"""A rules admin's change to rule data changes the next assessment and its rules_version: no code."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from occupations.models import Listing
from tests.case_examples import case
from tests.rule_changes import publish

pytestmark = pytest.mark.django_db


def australian_plumber(**changes):
    return case(country="AU", category="technician", noc_code="72300", province="ON", regulated=None, licensed=True,
                education={"credential": "diploma", "years": 2, "country": "AU"}, experience_months=48, **changes)


def run_assess(tmp_path, capsys, *cases):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in cases))
    call_command("assess", str(path), jsonl=True)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_removing_plumbers_from_australias_list_in_a_change_set_changes_the_next_assessment(tmp_path, capsys):
    today = timezone.localdate().isoformat()
    [before] = run_assess(tmp_path, capsys, australian_plumber(received_on=today))
    assert before["outcome"] == "eligible"

    publish(timezone.localdate(), remove=[Listing.objects.get(country_code="AU", category="technician",
                                                             unit_group="72300")])

    [after] = run_assess(tmp_path, capsys, australian_plumber(received_on=today))
    assert after["outcome"] == "not_eligible"
    assert after["criteria"]["occupation"]["result"] == "not_met"
    assert "72300 is not on the technician list for Australia" in after["criteria"]["occupation"]["reason"]
    assert after["rules_version"] != before["rules_version"]


def test_a_change_effective_tomorrow_applies_by_receipt_date(tmp_path, capsys):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    publish(tomorrow, remove=[Listing.objects.get(country_code="AU", category="technician", unit_group="72300")])

    received_today, received_tomorrow = run_assess(
        tmp_path, capsys, australian_plumber(received_on=today.isoformat()),
        australian_plumber(received_on=tomorrow.isoformat()))

    assert received_today["outcome"] == "eligible"
    assert received_tomorrow["outcome"] == "not_eligible"
    assert received_today["rules_version"] != received_tomorrow["rules_version"]


def test_the_wage_table_applies_from_its_release_date(tmp_path, capsys):
    engineer = case(noc_code="21231", province="ON", regulated=False, prevailing_wage=None,
                    wage={"amount": 200000, "unit": "year", "hours_per_week": 40})
    del engineer["prevailing_wage"]
    early, late = run_assess(tmp_path, capsys, {**engineer, "received_on": "2025-03-03"},
                             {**engineer, "received_on": "2025-11-19"})
    assert early["criteria"]["remuneration"]["result"] == "undetermined"
    assert late["criteria"]["remuneration"]["result"] == "met"
    assert "Job Bank" in late["criteria"]["remuneration"]["source"]


def test_rules_admin_reaches_the_rule_data_admin_and_an_officer_does_not(rules_admin_client, officer_client):
    url = reverse("admin:occupations_listing_changelist")
    assert rules_admin_client.get(url + "?country_code=JP&needs_review=1").status_code == 200
    assert officer_client.get(url).status_code == 302  # to the admin's sign-in


def test_rules_in_force_page_needs_sign_in_and_shows_the_version(client, officer_client):
    url = reverse("rules-in-force")
    assert client.get(url).status_code == 302
    response = officer_client.get(url, {"on": "2025-03-03"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Japan" in body and "Australia" in body and "Mexico" in body
    bad = officer_client.get(url, {"on": "2025-02-30"})
    assert bad.status_code == 200
    assert "Enter the date as YYYY-MM-DD" in bad.content.decode()
