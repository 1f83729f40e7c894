"""Finalisations at the same moment never chain to the same predecessor: 20 threads, each with its
own PostgreSQL connection, record a decision at once (released together by a barrier) in a
scratch database, and the chain that results is whole and unbroken. Without the head's lock two
of them would read the same head: the same position (refused by the unique index) or, had it not
been, a fork that verify_decisions reports."""

import json

import pytest
from django.db import connection

from tests.eligibility.scratch_databases import manage, scratch_database

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="concurrent writers need PostgreSQL: SQLite has one writer at a time"),
]
FINALISATIONS = 20

SCRIPT = f"""
import json, threading
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from eligibility import services
from eligibility.casefile import parse_case
from eligibility.models import Decision
from eligibility.snapshot import ruleset_on
from tests.case_examples import case

officer = get_user_model().objects.create_user("officer-at-once")
ruleset_on(timezone.localdate())  # the rules in memory first: the threads contend on the database only
barrier, errors = threading.Barrier({FINALISATIONS}), []

def finalise(n):
    try:
        facts = parse_case(case(reference=f"AT{{n:04d}}"), timezone.localdate())
        barrier.wait()
        services.record_decision(officer=officer, facts=facts, decision="approve")
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=finalise, args=(n,)) for n in range({FINALISATIONS})]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
rows = list(Decision.objects.order_by("sequence").values_list("sequence", "previous_hash", "record_hash"))
print(json.dumps({{"errors": errors, "rows": rows}}))
"""


def test_simultaneous_finalisations_make_one_unbroken_chain():
    with scratch_database("at_once") as name:
        result = json.loads(manage(name, "shell", "--no-imports", "-c", SCRIPT).stdout.splitlines()[-1])
        verified = manage(name, "verify_decisions", check=False)

    assert result["errors"] == []
    sequences = [sequence for sequence, _, _ in result["rows"]]
    assert sequences == list(range(1, FINALISATIONS + 1))
    previous = [previous for _, previous, _ in result["rows"]]
    assert len(set(previous)) == FINALISATIONS  # no two chained to the same predecessor
    assert verified.returncode == 0, verified.stdout
    assert f"Decisions checked: {FINALISATIONS}. Altered: 0. Breaks in the chain: 0." in verified.stdout
