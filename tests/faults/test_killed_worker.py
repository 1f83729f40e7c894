"""A gunicorn worker killed in the middle of finalising leaves the whole decision or nothing.

No hook in the app: this test's own connection takes ``LOCK TABLE supervision_reviewitem IN
EXCLUSIVE MODE``, so the worker's transaction stops at the review item (written by supervision's
receiver of ``decision_recorded``), after it has inserted the decision and upserted its report
tally. (Every decision is sampled for review here.) The worker is killed there with SIGKILL, the lock released, and the database must hold no
trace of that decision; the draft is as it was and can be finalised afterwards.
"""

import os
import signal
import threading
import time
from decimal import Decimal

import psycopg
import pytest
from django.conf import settings

from bench.server import worker_pids
from bench.wizard_steps import STEPS
from eligibility.models import Assessment, Decision
from supervision.models import DecisionTally, ReviewItem, SamplingPolicy
from tests.faults.conftest import browser_for, requires_postgresql, walk_to_decision

pytestmark = [pytest.mark.postgres, requires_postgresql]

# The bench's walk is eligible (received when Job Bank's 2025 wages are in force): refusing departs
# from the indicative outcome, with its reason.
DECISION = {"decision": "refuse", "notes": "Killed mid-way, then again.", "departure_reason_code": "genuineness",
            "departure_reason": "The offer's employer could not be reached."}


def connect():
    db = settings.DATABASES["default"]
    return psycopg.connect(dbname=db["NAME"], user=db["USER"] or "postgres", host=db["HOST"] or "127.0.0.1",
                           port=db["PORT"] or 5432, autocommit=True)


def blocked_backend(watcher, seconds: float = 30) -> int:
    """The backend waiting for a lock on supervision_reviewitem (the worker's), by its pid."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        row = watcher.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND query ILIKE %s", ["%supervision_reviewitem%"]).fetchone()
        if row:
            return row[0]
        time.sleep(0.1)
    activity = watcher.execute("SELECT pid, state, wait_event_type, wait_event, left(query, 200) FROM pg_stat_activity "
                               "WHERE datname = current_database()").fetchall()
    raise AssertionError(f"the worker never reached the review item: {activity}")


def tables_written_by(watcher, pid: int) -> set[str]:
    return {name for (name,) in watcher.execute(
        "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE l.pid = %s AND l.mode = 'RowExclusiveLock' AND l.granted", [pid])}


def wait_until_gone(watcher, pid: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while watcher.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
        assert time.monotonic() < deadline, f"backend {pid} still there"
        time.sleep(0.1)


def test_a_worker_killed_mid_finalisation_leaves_no_decision_and_the_draft_can_be_finalised(
        desk_officer, live_desk):
    SamplingPolicy.objects.create(share=Decimal("1"))  # every decision gets a review item: a third write
    server, port = live_desk(workers=1)
    base = walk_to_decision(browser_for(desk_officer, port), STEPS)
    assessment_id = int(base.rsplit("/", 1)[1])
    answers_before = Assessment.objects.get(pk=assessment_id).answers
    (worker,) = worker_pids(server)

    with connect() as locker, connect() as watcher:
        locker.execute("BEGIN")
        locker.execute("LOCK TABLE supervision_reviewitem IN EXCLUSIVE MODE")
        answer = {}

        def finalise():
            try:
                answer["status"] = browser_for(desk_officer, port).request("POST", f"{base}/decision/", DECISION)[0]
            except OSError as error:  # the worker died: the connection is dropped
                answer["error"] = error

        client = threading.Thread(target=finalise)
        client.start()
        backend = blocked_backend(watcher)
        # The decision row and its tally are written, uncommitted, when the worker dies.
        assert {"eligibility_decision", "supervision_decisiontally"} <= tables_written_by(watcher, backend)
        os.kill(worker, signal.SIGKILL)
        client.join(timeout=30)
        locker.execute("COMMIT")
        wait_until_gone(watcher, backend)

    assert "status" not in answer and isinstance(answer.get("error"), OSError)
    assert not Decision.objects.filter(assessment_id=assessment_id).exists()
    assert not DecisionTally.objects.exists()
    assert not ReviewItem.objects.exists()
    assert Assessment.objects.get(pk=assessment_id).answers == answers_before

    # gunicorn's master has started a new worker; the officer sends the decision again.
    browser = browser_for(desk_officer, port)
    deadline = time.monotonic() + 30
    while True:
        try:
            status, location, _, _ = browser.request("POST", f"{base}/decision/", DECISION)
            break
        except OSError:
            assert time.monotonic() < deadline, "no worker answered after the kill"
            time.sleep(0.2)
    decision = Decision.objects.get(assessment_id=assessment_id)
    assert (status, location) == (302, f"/en/decisions/{decision.pk}/")
    assert decision.decision == "refuse"
    assert sum(DecisionTally.objects.values_list("decisions", flat=True)) == 1
    assert ReviewItem.objects.get().decision_id == decision.pk
    assert worker not in worker_pids(server)
