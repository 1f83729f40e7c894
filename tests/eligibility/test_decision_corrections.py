"""At most one correction per decision, enforced by the database on both backends (migration 0008),
which leaves the insert-only triggers of migration 0002 in place."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from eligibility import services
from eligibility.casefile import parse_case
from eligibility.models import Decision
from tests.case_examples import case

pytestmark = pytest.mark.django_db

one_correction = importlib.import_module("eligibility.migrations.0008_one_correction_per_decision")
MIGRATING = SimpleNamespace(connection=connection)  # what the migration's check reads of its schema editor


def facts():
    return parse_case(case(), timezone.localdate())


@pytest.fixture
def original(officer):
    return services.record_decision(officer=officer, facts=facts(), decision="approve", notes="Recorded.")


def correct(decision, officer, reason="Typo in the notes."):
    return Decision.objects.create(**{
        **{f.attname: getattr(decision, f.attname) for f in Decision._meta.concrete_fields
           if f.attname not in ("id", "sequence", "previous_hash", "record_hash", "assessment_id", "corrects_id")},
        "officer": officer, "created_at": timezone.now(), "corrects": decision, "correction_reason": reason})


def test_a_decision_takes_one_correction(original, officer):
    correction = correct(original, officer)

    assert list(original.corrections.all()) == [correction]


def test_the_database_refuses_a_second_correction_of_one_decision(original, officer):
    correct(original, officer)

    with pytest.raises(IntegrityError), transaction.atomic():
        correct(original, officer, reason="Another officer's correction.")

    assert original.corrections.count() == 1


def test_a_correction_can_itself_be_corrected_once(original, officer):
    correction = correct(original, officer)

    again = correct(correction, officer)

    assert again.corrects == correction
    with pytest.raises(IntegrityError), transaction.atomic():
        correct(correction, officer)


def test_any_number_of_decisions_correct_nothing(original, officer):
    services.record_decision(officer=officer, facts=facts(), decision="approve", notes="Another case.")

    assert Decision.objects.filter(corrects__isnull=True).count() == 2


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's triggers (PostgreSQL's are one trigger, "
                    "untouched by a constraint: tests/eligibility/test_decisions.py covers both)")
def test_the_insert_only_triggers_are_still_there_after_the_migrations_on_sqlite():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'eligibility_decision'")
        triggers = {name for (name,) in cursor.fetchall()}

    assert {"eligibility_decision_no_update", "eligibility_decision_no_delete"} <= triggers


@pytest.mark.parametrize("sql", [
    "UPDATE eligibility_decision SET corrects_id = NULL WHERE id = %s",
    "DELETE FROM eligibility_decision WHERE id = %s",
], ids=["update", "delete"])
def test_the_database_still_refuses_changing_a_correction(original, officer, sql):
    """A second correction cannot be made room for by unlinking or deleting the first."""
    correction = correct(original, officer)

    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [correction.pk])

    assert "cannot be changed or deleted" in str(refused.value)
    assert Decision.objects.get(pk=correction.pk).corrects_id == original.pk


# The migration on a database that already holds two corrections of one decision ---------------
def test_the_migration_stops_naming_the_decisions_corrected_twice(original, officer):
    first = correct(original, officer)
    with connection.cursor() as cursor:  # the database as it was before 0008, in this test's transaction
        cursor.execute("DROP INDEX decision_one_correction")
    second = correct(original, officer, reason="A second correction.")

    with pytest.raises(one_correction.CorrectedTwice) as stopped:
        one_correction.refuse_double_corrections(apps, MIGRATING)

    message = str(stopped.value)
    assert f"decision {original.pk}, application {original.application_number}" in message
    assert f"decision {first.pk}" in message and f"decision {second.pk}" in message
    assert "Nothing was changed" in message
    assert Decision.objects.filter(corrects=original).count() == 2  # nothing deleted


def test_the_migration_lets_a_database_of_single_corrections_through(original, officer):
    correct(original, officer)

    one_correction.refuse_double_corrections(apps, MIGRATING)  # no exception
