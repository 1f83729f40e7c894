"""The change-set preview reads decisions settled before their later steps (only the steps
answered are stored): they are assessed against the draft like any other, never skipped."""

from datetime import timedelta

import pytest
from django.utils import timezone

from occupations import publishing
from occupations.models import Listing
from rulesadmin import impact
from tests.eligibility.wizard.journey import Wizard
from tests.rule_changes import rules_admin

pytestmark = pytest.mark.django_db


def test_a_decision_settled_on_its_occupation_is_previewed_against_a_draft_that_lifts_the_exclusion(officer_client):
    refused = Wizard.start(officer_client).walk("AU", occupation={"noc": "31102"}, until="credentials").record("refuse")
    assert refused.outcome == "not_eligible" and "education" not in refused.facts
    exclusion = Listing.objects.get(country_code="AU", category="professional", kind="excluded", unit_group="31102",
                                    change_set__status="published", removes=False)
    draft = publishing.open_change_set(rules_admin("rules-author"), "Physicians off the exclusions")
    publishing.propose_removal(exclusion, draft)

    today = timezone.localdate()
    result = impact.preview(draft, today - timedelta(days=1), today)

    # Now not eligible on its occupation; without the exclusion its other criteria are not assessed.
    assert (result.decisions_assessed, result.decisions_changed) == (1, 1)
    assert [(d.decision_id, d.outcome_now, d.outcome_with_change) for d in result.decisions] == [
        (refused.pk, "not_eligible", "needs_officer_review")]
