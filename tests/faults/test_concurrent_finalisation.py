"""A hundred attempts to finalise one draft at once record one decision; the others are refused
plainly, never with a 500 (record_decision locks the draft's row; the wizard says "already
decided"). PostgreSQL: the shared server allows 100 connections in all, so the attempts share a
bounded number of connections (16 threads in-process; 3 gunicorn workers x 4 threads over HTTP)."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.utils import timezone

from bench.wizard_steps import DECISION, STEPS
from eligibility import services
from eligibility.casefile import parse_case
from eligibility.models import Assessment, Decision
from supervision.models import DecisionTally
from tests.case_examples import case
from tests.faults.conftest import browser_for, requires_postgresql, walk_to_decision

pytestmark = [pytest.mark.postgres, requires_postgresql]

ATTEMPTS = 100


def test_a_hundred_concurrent_service_calls_record_one_decision_and_refuse_the_rest(desk_officer):
    assessment = services.start_assessment(desk_officer)
    facts = parse_case(case(), timezone.localdate())
    threads = 16
    barrier = threading.Barrier(threads)

    def attempts(share: int):
        outcomes = []
        try:
            barrier.wait(timeout=30)
            for _ in range(share):
                try:
                    decision = services.record_decision(officer=desk_officer, facts=facts, decision="approve",
                                                        assessment=Assessment.objects.get(pk=assessment.pk),
                                                        refuse_if_decided=True)
                    outcomes.append(("recorded", decision.pk))
                except services.AlreadyDecided as refused:
                    outcomes.append(("refused", refused.decision.pk))
                except Exception as error:  # counted, so the assertion names it
                    outcomes.append(("error", repr(error)))
        finally:
            connections.close_all()  # this thread's own connection
        return outcomes

    shares = [ATTEMPTS // threads + (1 if i < ATTEMPTS % threads else 0) for i in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        outcomes = [o for chunk in pool.map(attempts, shares) for o in chunk]

    assert [o for o in outcomes if o[0] == "error"] == []
    decisions = list(Decision.objects.filter(assessment=assessment).values_list("pk", flat=True))
    assert len(decisions) == 1
    assert sorted(kind for kind, _ in outcomes) == ["recorded"] + ["refused"] * (ATTEMPTS - 1)
    assert {pk for _, pk in outcomes} == set(decisions)  # every refusal names the decision that stands
    assert sum(DecisionTally.objects.values_list("decisions", flat=True)) == 1


def test_a_hundred_simultaneous_posts_of_the_decision_record_one_and_tell_the_others(desk_officer, live_desk):
    _server, port = live_desk(workers=3, threads=4)
    base = walk_to_decision(browser_for(desk_officer, port), STEPS)
    browsers = [browser_for(desk_officer, port) for _ in range(ATTEMPTS)]
    barrier = threading.Barrier(ATTEMPTS)

    def attempt(browser):
        barrier.wait(timeout=60)
        status, location, page, _ = browser.request("POST", f"{base}/decision/", DECISION)
        if status != 302:
            return status, location, page[:200]
        status, _, page, _ = browser.request("GET", location)  # the page it is sent to, with its message
        return status, location, page

    with ThreadPoolExecutor(ATTEMPTS) as pool:
        answers = list(pool.map(attempt, browsers))

    assert [a[:2] for a in answers if a[0] != 200] == []  # no 500, no refusal by the server's queue
    decision = Decision.objects.get(assessment_id=int(base.rsplit("/", 1)[1]))
    assert {location for _, location, _ in answers} == {f"/en/decisions/{decision.pk}/"}
    recorded = [page for _, _, page in answers if "Decision recorded." in page]
    refused = [page for _, _, page in answers
               if re.search(r"This assessment was already decided: the decision recorded "
                            rf"{timezone.localtime(decision.created_at):%Y-%m-%d %H:%M} stands\. Nothing was changed\.",
                            page)]
    assert (len(recorded), len(refused)) == (1, ATTEMPTS - 1)
    assert Decision.objects.count() == 1
