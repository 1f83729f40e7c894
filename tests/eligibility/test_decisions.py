"""Recorded decisions are insert-only: no code path changes or deletes one, and the database
refuses an UPDATE or DELETE on eligibility_decision (a trigger on PostgreSQL and on SQLite; the
suite runs on both). ``record_decision`` flags departures from the indicative outcome."""

from datetime import date

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from eligibility import services
from eligibility.casefile import parse_case
from eligibility.choices import OfficerDecision
from eligibility.models import Decision
from eligibility.rulebook.codes import Outcome
from tests.case_examples import case

pytestmark = pytest.mark.django_db


def facts(**changes):
    return parse_case(case(**changes), timezone.localdate())


@pytest.fixture
def decision(officer):
    return services.record_decision(officer=officer, facts=facts(), decision="approve", notes="Recorded.",
                                    details={"passport_expiry": "2035-06-30"})


def stored(decision) -> dict:
    fresh = Decision.objects.get(pk=decision.pk)
    return {f.attname: getattr(fresh, f.attname) for f in Decision._meta.concrete_fields}


# No code path ----------------------------------------------------------------------------------
def test_saving_a_recorded_decision_again_raises(decision):
    before = stored(decision)
    decision.decision = "refuse"

    with pytest.raises(ValueError, match="cannot be changed"):
        decision.save()

    assert stored(decision) == before


def test_deleting_a_recorded_decision_raises(decision):
    with pytest.raises(ValueError, match="cannot be deleted"):
        decision.delete()

    assert Decision.objects.filter(pk=decision.pk).exists()


# The database ---------------------------------------------------------------------------------
def test_the_database_refuses_a_queryset_update(decision):
    before = stored(decision)

    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(decision="refuse")

    assert stored(decision) == before


def test_the_database_refuses_a_queryset_delete(decision):
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).delete()

    assert Decision.objects.filter(pk=decision.pk).exists()


@pytest.mark.parametrize(("sql", "params"), [
    ("UPDATE eligibility_decision SET decision = %s WHERE id = %s", ["refuse"]),
    ("UPDATE eligibility_decision SET notes = %s WHERE id = %s", ["rewritten"]),
    ("UPDATE eligibility_decision SET outcome = %s, departs = %s WHERE id = %s", ["eligible", False]),
], ids=["decision", "notes", "outcome"])
def test_the_database_refuses_a_raw_update(decision, sql, params):
    before = stored(decision)

    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [*params, decision.pk])

    assert "cannot be changed or deleted" in str(refused.value)
    assert stored(decision) == before


def test_the_database_refuses_a_raw_delete(decision):
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM eligibility_decision WHERE id = %s", [decision.pk])

    assert "cannot be changed or deleted" in str(refused.value)
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_the_database_refuses_deleting_every_decision(decision, officer):
    services.record_decision(officer=officer, facts=facts(), decision="refuse",
                             departure_reason_code="other", departure_reason="Because.")

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM eligibility_decision")

    assert Decision.objects.count() == 2


def test_new_decisions_can_still_be_inserted(decision, officer):
    """Insert-only, not read-only: a correction is a new row."""
    correction = services.record_decision(officer=officer, facts=facts(), decision="approve", corrects=decision,
                                          correction_reason="Typo in the notes.")

    assert correction.corrects == decision
    assert list(decision.corrections.all()) == [correction]


def test_a_decision_departing_without_reasons_is_refused_by_the_database(officer, decision):
    row = {f.attname: getattr(decision, f.attname) for f in Decision._meta.concrete_fields if f.attname != "id"}
    row.update(assessment_id=None, departs=True, departure_reason_code="", departure_reason="")

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(**row)


def test_a_correction_without_its_reason_is_refused_by_the_database(officer, decision):
    row = {f.attname: getattr(decision, f.attname) for f in Decision._meta.concrete_fields if f.attname != "id"}
    row.update(assessment_id=None, corrects_id=decision.pk, correction_reason="")

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(**row)


# The service ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("outcome", "choice", "departs"), [
    (Outcome.ELIGIBLE, OfficerDecision.APPROVE, False),
    (Outcome.ELIGIBLE, OfficerDecision.REFUSE, True),
    (Outcome.ELIGIBLE, OfficerDecision.REQUEST_INFORMATION, True),
    (Outcome.NOT_ELIGIBLE, OfficerDecision.APPROVE, True),
    (Outcome.NOT_ELIGIBLE, OfficerDecision.REFUSE, False),
    (Outcome.NOT_ELIGIBLE, OfficerDecision.REQUEST_INFORMATION, False),
    (Outcome.NEEDS_OFFICER_REVIEW, OfficerDecision.APPROVE, False),
    (Outcome.NEEDS_OFFICER_REVIEW, OfficerDecision.REFUSE, False),
    (Outcome.NEEDS_OFFICER_REVIEW, OfficerDecision.REQUEST_INFORMATION, False),
])
def test_departs_from_the_indicative_outcome(outcome, choice, departs):
    assert services.departs_from(outcome, choice) is departs


def test_a_recorded_decision_keeps_the_facts_rules_version_and_working(decision, officer):
    assert decision.outcome == "eligible"
    assert decision.facts["noc_code"] == "21300" and decision.facts["country"] == "MX"
    assert parse_case(decision.facts, date(2000, 1, 1)) == facts()  # the stored facts replay exactly
    assert decision.rules_version == decision.working["rules_version"]
    assert set(decision.working["criteria"]) == {"status", "occupation", "education", "experience", "credentials",
                                                 "language", "remuneration", "employer", "documentation"}
    assert decision.officer == officer and decision.created_at is not None
    assert decision.work_permit_max_months == 12


def test_a_departing_decision_is_recorded_with_its_reasons_and_flagged(officer):
    recorded = services.record_decision(officer=officer, facts=facts(experience_months=3), decision="approve",
                                        departure_reason_code="evidence_not_captured",
                                        departure_reason="More experience on file.")

    assert recorded.outcome == "not_eligible"
    assert recorded.departs and recorded.needs_supervisor_review


def test_recording_the_same_assessment_twice_gives_the_first_decision(officer):
    assessment = services.start_assessment(officer)
    first = services.record_decision(officer=officer, facts=facts(), decision="approve", assessment=assessment)

    again = services.record_decision(officer=officer, facts=facts(), decision="refuse", assessment=assessment,
                                     departure_reason_code="other", departure_reason="Changed my mind.")

    assert again.pk == first.pk and again.decision == "approve"
    assert Decision.objects.count() == 1


def test_the_permit_is_capped_by_the_passport(officer):
    recorded = services.record_decision(officer=officer, facts=facts(), decision="approve",
                                        details={"passport_expiry": "2027-01-31"}, issued_on=date(2026, 6, 1))

    assert recorded.permit_valid_until == date(2027, 1, 31)


def test_the_permit_is_capped_by_the_employment(officer):
    recorded = services.record_decision(officer=officer, facts=facts(employment_months=6), decision="approve",
                                        issued_on=date(2026, 6, 1))

    assert recorded.work_permit_max_months == 6
    assert recorded.permit_valid_until == date(2026, 11, 30)
