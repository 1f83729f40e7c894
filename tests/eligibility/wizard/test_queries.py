"""Each step's POST makes a fixed number of queries, however many drafts and decisions exist."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eligibility import services
from eligibility.casefile import parse_case
from occupations.models import RulesStamp
from supervision.models import SamplingPolicy
from tests.case_examples import case
from tests.eligibility.wizard.journey import Wizard, decision_url, plan, post_data

pytestmark = pytest.mark.django_db

# Measured: session, the user with their roles (config/auth.py), the assessment, the rules stamp
# and the save; the occupation step also reads the occupation's title and asks the rules again;
# the decision step checks for an earlier decision and inserts in a savepoint.
QUERIES = {
    "case": 5,
    "occupation": 7,
    "credentials": 5,
    "experience": 5,
    "language": 5,
    "remuneration": 5,
    "documents": 5,
    # + reading the sampling share, + counting it in the reports' tally, + locking the draft (one
    # finalisation at a time) and the chain head's three (lock, read, move on: eligibility/integrity.py)
    # and their savepoints: 17.
    "decision": 17,
}


@pytest.fixture
def rules_in_memory(db):
    """The rules stamp exists (any edit of the rules makes it), so rule sets are held in memory;
    and no random sampling, so whether a decision enters the review queue is not left to chance."""
    RulesStamp.bump()
    SamplingPolicy.objects.create(share=Decimal("0"))


def at(client, step) -> Wizard:
    wizard = Wizard.start(client).walk("MX", "technician", until=None if step == "decision" else step)
    wizard.get("review" if step == "decision" else step)  # the rules are read once, before measuring
    return wizard


def answers_of(step) -> dict:
    return {"decision": "approve"} if step == "decision" else post_data(step, plan("MX", "technician")[step])


def pile_up(officer, other_officer, count=5):
    """Drafts and decisions of this officer and another."""
    facts = parse_case(case(), timezone.localdate())
    for who in (officer, other_officer):
        for _ in range(count):
            services.start_assessment(who, answers={"case": plan()["case"]})
            services.record_decision(officer=who, facts=facts, decision="approve")


@pytest.mark.parametrize("step", list(QUERIES))
def test_each_steps_post_makes_a_constant_number_of_queries(
        officer_client, officer, other_officer, rules_in_memory, django_assert_num_queries, step):
    first, second = at(officer_client, step), at(officer_client, step)

    with django_assert_num_queries(QUERIES[step]):
        response = first.post(step, answers_of(step))
    assert response.status_code == 302

    pile_up(officer, other_officer)
    with django_assert_num_queries(QUERIES[step]):
        response = second.post(step, answers_of(step))
    assert response.status_code == 302


def test_the_home_page_makes_a_constant_number_of_queries(officer_client, officer, other_officer, rules_in_memory):
    officer_client.get(reverse("home"))
    with CaptureQueriesContext(connection) as before:
        officer_client.get(reverse("home"))

    pile_up(officer, other_officer, count=8)
    with CaptureQueriesContext(connection) as after:
        page = officer_client.get(reverse("home"))

    assert page.status_code == 200
    assert len(after) == len(before)


def test_the_decision_page_makes_a_constant_number_of_queries(officer_client, officer, other_officer,
                                                              rules_in_memory):
    decision = at(officer_client, "decision").record("approve")
    officer_client.get(decision_url(decision))
    with CaptureQueriesContext(connection) as before:
        officer_client.get(decision_url(decision))

    pile_up(officer, other_officer)
    with CaptureQueriesContext(connection) as after:
        officer_client.get(decision_url(decision))

    assert len(after) == len(before)


def test_a_freshly_migrated_database_does_not_reread_every_rule_row_on_each_step(officer_client):
    """After ``migrate`` no rules stamp exists until someone edits a rule: a step must still not
    read the whole wage table (thousands of rows) on every POST."""
    wizard = at(officer_client, "language")

    with CaptureQueriesContext(connection) as queries:
        wizard.post("language", answers_of("language"))

    assert not [q["sql"] for q in queries if 'FROM "occupations_wagerate"' in q["sql"]]
