"""The impact preview names outcomes in words, in the page's language, never by their codes."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from occupations import publishing
from occupations.models import Listing
from tests.eligibility.wizard.journey import text
from tests.rule_changes import rules_admin
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def plumbers_removed(officer):
    """A draft change set taking plumbers off Australia's technician list, and a past decision it flips."""
    record(officer, country="AU", category="technician", noc_code="72300", province="ON", regulated=None,
           licensed=True, education={"credential": "diploma", "years": 2, "country": "AU"}, experience_months=48)
    author = rules_admin("anna-rules")
    change_set = publishing.open_change_set(author, "Plumbers off")
    plumbers = Listing.objects.get(country_code="AU", category="technician", unit_group="72300", replaces__isnull=True)
    publishing.propose_removal(plumbers, change_set)
    return author, change_set


@pytest.mark.parametrize(("language", "eligible", "not_eligible"),
                         [("en", "Eligible", "Not eligible"), ("fr", "Admissible", "Non admissible")])
def test_the_impact_preview_shows_outcomes_as_labels(client, plumbers_removed, language, eligible, not_eligible):
    author, change_set = plumbers_removed
    client.force_login(author)
    with translation.override(language):
        page = client.get(reverse("admin:occupations_changeset_impact", args=[change_set.pk]))
    shown = text(page)
    assert page.status_code == 200
    assert f"{eligible} {eligible} {not_eligible}" in shown  # decision: recorded, today's rules, with the change
    codes = re.findall(r"<td>\s*(eligible|not_eligible|needs_officer_review)\b", page.content.decode())
    assert codes == [] and "not_eligible" not in shown
