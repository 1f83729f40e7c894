"""Migration eligibility 0009: decisions recorded with stand-ins for the steps never answered are
rewritten to say what was entered (the stand-ins out, those criteria not assessed), and the hash
chain is sealed again, intact; it refuses to rewrite over a broken chain."""

import importlib
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from eligibility import services
from eligibility.casefile import parse_case
from eligibility.models import Decision

migration = importlib.import_module("eligibility.migrations.0009_not_assessed_criteria")
pytestmark = pytest.mark.django_db

UNANSWERED = ["occupation", "credentials", "experience", "language", "remuneration", "documents"]
# What the wizard stored for a Vietnamese case decided on its first step, before issue 15.
STAND_IN_CASE = {
    "country": "VN", "status": "citizen", "category": "professional", "received_on": "2026-11-02",
    "noc_code": "21231", "province": "ON", "position": {}, "offer_number": "A0000000", "compliance_fee_paid": True,
    "employment_months": 12, "education": {"credential": "bachelor", "years": 4, "country": "AU",
                                           "related_field": True},
    "regulated": None, "licence_required": False, "licensed": False, "experience_months": 0,
    "language": {"satisfactory": None}, "wage": {"amount": 1, "unit": "year", "hours_per_week": 40},
    "documents": {"job_description": False, "duration": False, "payment_arrangements": False, "credentials": False},
    "judgements": {},
}


class Editor:
    """What the migration's function uses of a schema editor: the connection and ``execute``
    (Django's own cannot open inside the test's transaction on SQLite). On PostgreSQL the rows
    this test's transaction inserted leave deferred foreign-key checks pending, which an ALTER
    TABLE refuses: they are run first, as a migration's own transaction would have none."""

    connection = connection

    def __init__(self):
        if connection.vendor == "postgresql":
            self.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def _old_style(officer, **case) -> Decision:
    facts = parse_case({**STAND_IN_CASE, **case}, date(2026, 12, 7))
    return services.record_decision(officer=officer, facts=facts, decision="refuse",
                                    details={"unanswered_steps": UNANSWERED})


def _verify() -> str:
    out = StringIO()
    call_command("verify_decisions", stdout=out)
    return out.getvalue()


def test_the_stand_ins_are_taken_out_and_their_criteria_not_assessed(officer):
    before = services.record_decision(officer=officer, facts=parse_case({**STAND_IN_CASE, "country": "MX"},
                                                                          date(2026, 12, 7)),
                                      decision="refuse", details={"unanswered_steps": []})
    old = _old_style(officer)
    after = services.record_decision(officer=officer, facts=parse_case({**STAND_IN_CASE, "country": "JP"},
                                                                         date(2026, 12, 7)),
                                     decision="refuse", details={"unanswered_steps": []})
    assert "experience" in old.criteria_not_met and old.noc_code == "21231"

    migration.mark_not_assessed(apps, Editor())

    old.refresh_from_db()
    assert old.noc_code == "" and old.work_permit_max_months is None
    assert not {"noc_code", "province", "education", "experience_months", "wage", "documents"} & set(old.facts)
    assert old.criteria_not_met == "status"
    assert old.outcome == "not_eligible"
    results = {c: r["result"] for c, r in old.working["criteria"].items()}
    assert results.pop("status") == "not_met"
    assert set(results.values()) == {"not_assessed"}
    # Decisions with every step answered are as they were; the chain holds from end to end.
    unchanged = Decision.objects.get(pk=before.pk)
    assert unchanged.record_hash == before.record_hash and unchanged.facts == before.facts
    assert Decision.objects.get(pk=after.pk).facts["noc_code"] == "21231"
    assert "Intact" in _verify()


def test_nothing_is_rewritten_over_a_broken_chain(officer):
    old = _old_style(officer)
    Editor().execute("DROP TRIGGER IF EXISTS eligibility_decision_no_update" if connection.vendor == "sqlite"
                     else "ALTER TABLE eligibility_decision DISABLE TRIGGER eligibility_decision_insert_only")
    Decision.objects.filter(pk=old.pk).update(applicant_name="Changed behind the app's back")

    with pytest.raises(migration.ChainBroken):
        migration.mark_not_assessed(apps, Editor())

    assert Decision.objects.get(pk=old.pk).noc_code == "21231"
