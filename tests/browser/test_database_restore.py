"""The browser tests commit what they write; their ``transactional_db`` puts the migrated database
back after each (conftest.py). This checks that on the run's backend: a recorded decision and a
published change set go, the seed's rules, golden scenarios and groups stay, and the database's
guards still refuse to change a decision or a published rule row."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from config.roles import OFFICER
from eligibility.models import Decision
from occupations.models import ChangeSet, Listing
from rulesadmin.models import GoldenScenario
from tests.browser.desk import make_user
from tests.rule_changes import publish
from tests.supervision.recorded import record


def counts() -> dict:
    return {"decisions": Decision.objects.count(), "change sets": ChangeSet.objects.count(),
            "list entries": Listing.objects.count(), "golden scenarios": GoldenScenario.objects.count(),
            "groups": Group.objects.count()}


def test_the_migrated_database_comes_back_guards_included(_migrated, transactional_db):
    before = counts()
    # the seed's change set and the classification's (occupations/0010)
    assert before["decisions"] == 0 and before["change sets"] == 2 and before["golden scenarios"] > 0

    record(make_user("agent", OFFICER))
    plumbers = Listing.objects.get(country_code="AU", category="technician", unit_group="72300", replaces__isnull=True)
    publish(timezone.localdate(), remove=[plumbers])
    assert counts() != before

    _migrated.restore()

    assert counts() == before
    guarded = [f"UPDATE {Listing._meta.db_table} SET source = 'x' WHERE id = %s"]
    record(make_user("agent", OFFICER))
    guarded.append(f"DELETE FROM {Decision._meta.db_table}")
    for sql in guarded:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [plumbers.pk] if "%s" in sql else None)
