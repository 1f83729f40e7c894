"""Replay: a decision's stored facts run again under the rules of its own version (must give the
identical outcome and working: confirmed) and under today's rules (what would differ); the page,
its access log entry, and ``manage.py replay_decisions`` over a period."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eligibility.models import Decision
from eligibility.rulebook.codes import Criterion
from occupations.models import Listing
from supervision.models import AccessEvent
from supervision.replay import Verdict, Why, compare, replay
from tests.eligibility.wizard.journey import Wizard
from tests.rule_changes import edit_behind_the_apps_back, publish
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


RECEIVED = today() - timedelta(days=120)


def plumber(officer, decision="approve", received_on=RECEIVED, **changes):
    """An Australian plumber (NOC 72300, on Australia's technician list): eligible while listed."""
    return record(officer, decision=decision, country="AU", category="technician", noc_code="72300", province="ON",
                  regulated=None, licensed=True, education={"credential": "diploma", "years": 2, "country": "AU"},
                  experience_months=48, received_on=received_on.isoformat(), **changes)


def plumbers_listing() -> Listing:
    return Listing.objects.get(country_code="AU", category="technician", kind="permitted", unit_group="72300")


def end_the_listing():
    """What rules admins do to take an occupation off a list: a change set that removes the row,
    approved to take effect today."""
    publish(today(), remove=[plumbers_listing()])


def edit_the_listing_in_place():
    """What the application never does (the database refuses it): a published row changed in
    place, as of its original date. Done here with the guard lifted, to see the replay notice."""
    row = plumbers_listing()
    edit_behind_the_apps_back(row, wording=row.wording + " (edited)")


def in_memory(decision, **changes) -> Decision:
    """An unsaved copy of a recorded decision with some fields changed (decisions are insert-only)."""
    fields = {f.attname: getattr(decision, f.attname) for f in Decision._meta.concrete_fields}
    return Decision(**{**fields, **changes})


def replay_url(decision):
    return reverse("supervision:replay", args=[decision.pk])


# The service ---------------------------------------------------------------------------------------
def test_a_recorded_decision_replays_as_confirmed(officer):
    decision = plumber(officer)

    result = replay(decision)

    assert result.verdict is Verdict.CONFIRMED and result.why is None
    assert result.own.rules_version == decision.rules_version
    assert result.own.working == decision.working
    assert result.now.differences.none and not result.differs_today


def test_a_decision_settled_before_its_later_steps_replays_as_confirmed(officer_client):
    """A case decided at its first step stores only that step's facts: replayed, the criteria it
    never entered stay not assessed, and the working is the one recorded."""
    decision = Wizard.start(officer_client).walk("VN", until="occupation").record("refuse")
    assert "noc_code" not in decision.facts

    result = replay(decision)

    assert result.verdict is Verdict.CONFIRMED and result.why is None
    assert result.own.working == decision.working


def test_after_a_list_entry_ends_todays_rules_differ_and_the_own_version_stays_confirmed(officer):
    decision = plumber(officer)
    assert decision.outcome == "eligible"

    end_the_listing()
    result = replay(decision)

    assert result.confirmed  # the entry was still in force on the receipt date: same rules, same version
    assert result.own.rules_version == decision.rules_version
    assert result.differs_today
    assert result.now.rules_version != decision.rules_version
    assert result.now.differences.outcome == ("eligible", "not_eligible")
    [change] = [c for c in result.now.differences.criteria if c.result_changed]
    assert (change.criterion, change.result_before, change.result_after) == (Criterion.OCCUPATION, "met", "not_met")


def test_a_rule_row_edited_in_place_means_the_original_rules_cannot_be_rebuilt(officer):
    decision = plumber(officer)

    edit_the_listing_in_place()
    result = replay(decision)

    assert result.verdict is Verdict.NOT_REPRODUCIBLE and result.why is Why.RULES_EDITED
    assert result.own.rules_version != decision.rules_version
    assert result.own.differences.none  # the wording is not in the working: same answer, other rules


def test_the_same_rules_giving_another_working_is_not_reproducible(officer):
    decision = plumber(officer)
    working = {**decision.working, "work_permit_max_months": decision.working["work_permit_max_months"] + 1}

    result = replay(in_memory(decision, working=working))

    assert result.why is Why.WORKING_DIFFERS
    assert [key for key, *_ in result.own.differences.other] == ["work_permit_max_months"]


def test_facts_that_no_longer_read_are_not_reproducible_and_say_why(officer):
    decision = plumber(officer)

    result = replay(in_memory(decision, facts={**decision.facts, "province": "XX"}))

    assert result.why is Why.FACTS_UNREADABLE and "province" in result.facts_error
    assert result.differs_today  # nothing can be said of today either


def test_compare_names_what_differs():
    stored = {"outcome": "eligible", "rules_version": "a", "work_permit_max_months": 12,
              "criteria": {"status": {"result": "met", "findings": []}, "language": {"result": "met", "findings": []}}}
    other = {**stored, "outcome": "not_eligible", "rules_version": "b",
             "criteria": {**stored["criteria"], "language": {"result": "not_met", "findings": []}}}

    differences = compare(stored, other)

    assert differences.outcome == ("eligible", "not_eligible")
    assert [c.criterion for c in differences.criteria] == [Criterion.LANGUAGE]
    assert differences.other == ()
    assert compare(stored, {**stored, "rules_version": "c"}).none  # the version is checked on its own


# The page ------------------------------------------------------------------------------------------
def test_the_replay_page_shows_confirmed_and_what_differs_today_and_is_logged(supervisor_client, supervisor, officer):
    decision = plumber(officer)
    end_the_listing()

    response = supervisor_client.get(replay_url(decision))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Confirmed." in body and decision.rules_version in body
    assert "the outcome would differ" in body
    assert "72300 is not on the technician list for Australia" in body
    assert "Not met" in body and "occupation_" in body  # the rule ids, before and after
    assert AccessEvent.objects.filter(user=supervisor, decision=decision, action=AccessEvent.Action.REPLAY).exists()


def test_the_replay_page_says_so_when_the_original_rules_cannot_be_rebuilt(supervisor_client, officer):
    decision = plumber(officer)
    edit_the_listing_in_place()

    body = supervisor_client.get(replay_url(decision)).content.decode()

    assert "Not reproducible." in body
    assert "The original rules cannot be rebuilt from current data" in body
    assert "Nothing would differ" not in body or "edited" in body


def test_the_replay_page_says_so_when_the_stored_facts_no_longer_read(supervisor_client, officer):
    recorded = plumber(officer)
    unreadable = in_memory(recorded, id=None, facts={**recorded.facts, "province": "XX"})
    unreadable.save()  # a new row: decisions are insert-only

    body = supervisor_client.get(replay_url(unreadable)).content.decode()

    assert "Not reproducible." in body and "no longer pass the case format" in body and "province" in body
    code, out = run(*this_period())
    assert code == 1 and "1 confirmed, 1 not reproducible" in out
    assert "the stored facts no longer pass the case format's checks" in out


def test_nothing_differs_today_when_the_rules_have_not_changed(officer_client, officer):
    decision = plumber(officer)

    body = officer_client.get(replay_url(decision)).content.decode()

    assert "Confirmed." in body and "Nothing would differ" in body


def test_an_officer_cannot_replay_another_officers_decision(other_officer_client, officer):
    decision = plumber(officer)

    assert other_officer_client.get(replay_url(decision)).status_code == 404
    assert not AccessEvent.objects.filter(action=AccessEvent.Action.REPLAY).exists()


# The command ---------------------------------------------------------------------------------------
def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("replay_decisions", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def this_period() -> list[str]:
    return ["--from", (today() - timedelta(days=1)).isoformat(), "--to", (today() + timedelta(days=1)).isoformat()]


def test_the_command_confirms_every_decision_of_the_period_and_exits_0(officer):
    plumber(officer)
    plumber(officer, decision="refuse")

    code, out = run(*this_period())

    assert code == 0
    assert "Decisions recorded" in out and ": 2" in out
    assert "2 confirmed, 0 not reproducible" in out
    assert "0 would have another outcome" in out


def test_the_command_reports_the_decisions_whose_outcome_would_differ_today(officer):
    listed = plumber(officer, reference="A-PLUMBER")
    record(officer, reference="A-ENGINEER", received_on=RECEIVED.isoformat())  # Mexico's engineer: no list involved
    end_the_listing()

    code, out = run(*this_period())

    assert code == 0  # every decision is still confirmed under its own version
    assert "2 confirmed, 0 not reproducible" in out
    assert "1 would have another outcome" in out
    assert f"decision {listed.pk} (A-PLUMBER): eligible then, not_eligible today; occupation met -> not_met" in out
    assert "A-ENGINEER" not in out


def test_a_decision_recorded_after_a_change_takes_effect_replays_under_the_new_rules(officer):
    end_the_listing()
    decision = plumber(officer, received_on=today())

    result = replay(decision)

    assert decision.outcome == "not_eligible"
    assert result.confirmed and not result.differs_today


def test_a_published_rule_row_cannot_be_changed_in_place():
    row = plumbers_listing()
    row.wording = "edited"
    with pytest.raises(DatabaseError), transaction.atomic():
        row.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        Listing.objects.filter(pk=row.pk).delete()


def test_the_command_exits_1_when_a_decision_is_not_reproducible(officer):
    decision = plumber(officer)
    edit_the_listing_in_place()

    code, out = run(*this_period())

    assert code == 1
    assert "0 confirmed, 1 not reproducible" in out
    assert "the original rules cannot be rebuilt from current data" in out
    assert f"decision {decision.pk}" in out and decision.rules_version in out


def test_the_command_counts_only_the_period(officer):
    plumber(officer)
    before = today() - timedelta(days=10)

    code, out = run("--from", before.isoformat(), "--to", (before + timedelta(days=1)).isoformat())

    assert code == 0 and "0 confirmed, 0 not reproducible" in out


def test_the_command_reads_the_rules_once_and_streams_the_decisions(officer):
    plumber(officer)
    with CaptureQueriesContext(connection) as one:
        run(*this_period())
    for _ in range(5):
        plumber(officer)

    with CaptureQueriesContext(connection) as six:
        code, out = run(*this_period())

    assert code == 0 and "6 confirmed" in out
    # the change sets' dates, the rule tables for today and for the decisions' own version (once
    # each), the NOC classification and its 2016 concordance (once, shared), the decisions in one go
    assert len(six.captured_queries) == len(one.captured_queries) <= 14


@pytest.mark.parametrize("args", [["--from", "2026-02-30", "--to", "2026-03-01"],
                                  ["--from", "2026-03-02", "--to", "2026-03-01"]])
def test_the_command_refuses_a_bad_period(args):
    with pytest.raises(CommandError):
        call_command("replay_decisions", *args, stdout=io.StringIO())
