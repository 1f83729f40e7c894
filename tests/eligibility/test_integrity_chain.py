"""Every recorded decision is appended to the hash chain as it is inserted (one by one or in bulk),
and ``manage.py verify_decisions`` finds what was changed, removed or added behind the
application's back. Runs on SQLite and PostgreSQL: the guard is lifted the way each allows."""

import importlib
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone as django_timezone

from eligibility import integrity, services
from eligibility.casefile import parse_case
from eligibility.models import ChainHead, Decision
from supervision.models import SamplingPolicy
from tests.case_examples import case

pytestmark = pytest.mark.django_db
insert_only = importlib.import_module("eligibility.migrations.0002_decision_insert_only")


def record(officer, **changes):
    facts = parse_case(case(**changes), django_timezone.localdate())
    return services.record_decision(officer=officer, facts=facts, decision="approve", notes="Recorded.",
                                    details={"passport_expiry": "2035-06-30"})


def behind_the_apps_back(sql, params=()):
    """What the application never does: the insert-only guard lifted, SQL run, the guard put back
    (SQLite: dropped and created again with migration 0002's own SQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no ALTER TABLE while the test's FK checks wait
            cursor.execute("ALTER TABLE eligibility_decision DISABLE TRIGGER eligibility_decision_insert_only")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE eligibility_decision ENABLE TRIGGER eligibility_decision_insert_only")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for statement in insert_only.SQLITE_REVERSE:
                cursor.execute(statement)
            cursor.execute(sql, params)
            for statement in insert_only.SQLITE:
                cursor.execute(statement)


def verify() -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("verify_decisions", stdout=out)
    except SystemExit as exit_status:
        return exit_status.code, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture(autouse=True)
def no_sampling(db):
    """None of these decisions enters the review queue at random: a review item would keep the
    tests from removing a decision behind the application's back (its foreign key)."""
    SamplingPolicy.objects.create(share=Decimal("0"))


@pytest.fixture
def three(officer):
    return [record(officer, reference=f"W30000000{n}") for n in range(3)]


# Appending -------------------------------------------------------------------------------------
def test_decisions_are_chained_in_the_order_they_are_recorded(three):
    first, second, third = (Decision.objects.get(pk=d.pk) for d in three)

    assert [d.sequence for d in (first, second, third)] == [1, 2, 3]
    assert first.previous_hash == integrity.GENESIS
    assert second.previous_hash == first.record_hash and third.previous_hash == second.record_hash
    assert ChainHead.objects.values_list("sequence", "record_hash").get() == (3, third.record_hash)


def test_the_hash_made_before_the_insert_is_the_one_the_stored_row_gives(officer):
    """Values the database gives back in another form: a moment in another zone, decimals, dates
    and tuples in JSON, an integral float, text beyond ASCII."""
    made = Decision.objects.create(
        officer=officer, created_at=datetime(2026, 3, 2, 9, 30, 1, 123456, tzinfo=timezone(timedelta(hours=-5))),
        received_on="2026-02-20", country="JP", category="technician", noc_code="22310",
        facts={"wage": {"amount": 92000.0, "rate": Decimal("41.50")}, "big": 1e20, "tiny": 1e-7},
        details={"passport_expiry": datetime(2035, 6, 30).date(), "periods": ({"hours": 40},)},
        rules_version="test", working={"criteria": {}}, outcome="eligible", decision="approve",
        applicant_name="Zoë Ñúñez 佐藤", notes="Line one\r\nline two", work_permit_max_months=36)

    stored = Decision.objects.get(pk=made.pk)

    assert stored.record_hash == made.record_hash
    assert integrity.record_hash(integrity.record_of(stored), sequence=stored.sequence,
                                 previous_hash=stored.previous_hash) == stored.record_hash


def test_every_value_a_decision_stores_is_hashed():
    stored = {f.attname for f in Decision._meta.concrete_fields}

    assert stored - set(integrity.FIELDS) == {"id", "sequence", "previous_hash", "record_hash"}


def test_bulk_created_decisions_are_chained_in_the_order_given(three, officer):
    template = three[0]
    copies = [Decision(**{f.attname: getattr(template, f.attname) for f in Decision._meta.concrete_fields
                          if f.name not in ("id", "assessment")} | {"notes": f"copy {n}"}) for n in range(3)]

    Decision.objects.bulk_create(copies)

    assert [c.sequence for c in copies] == [4, 5, 6]
    assert copies[0].previous_hash == three[2].record_hash
    assert verify()[0] == 0


def test_bulk_create_refuses_to_skip_conflicting_rows(three):
    with pytest.raises(ValueError, match="whole or not at all"):
        Decision.objects.bulk_create([Decision(**{"notes": "x"})], ignore_conflicts=True)


def test_the_database_refuses_a_decision_without_its_hashes(three):
    template = three[0]
    unchained = Decision(**{f.attname: getattr(template, f.attname) for f in Decision._meta.concrete_fields
                            if f.name not in ("id", "assessment")})
    unchained.sequence, unchained.previous_hash, unchained.record_hash = 99, "", ""

    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet(Decision).bulk_create([unchained])  # Django's own bulk insert: no chaining


def test_a_failed_insert_leaves_the_head_where_it_was(three):
    before = ChainHead.objects.values_list("sequence", "record_hash").get()

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(**{f.attname: getattr(three[0], f.attname) for f in Decision._meta.concrete_fields
                                   if f.attname != "id"} | {"departs": True})  # no reasons: refused

    assert ChainHead.objects.values_list("sequence", "record_hash").get() == before
    assert verify()[0] == 0


def test_recording_is_refused_when_the_head_is_gone_but_decisions_remain(three, officer):
    ChainHead.objects.all().delete()

    with pytest.raises(IntegrityError, match="chain head is missing"):
        record(officer)


def test_an_emptied_database_starts_a_fresh_chain(officer):
    ChainHead.objects.all().delete()  # as a test flush leaves it

    decision = record(officer)

    assert (decision.sequence, decision.previous_hash) == (1, integrity.GENESIS)


def test_the_demo_seed_chains_its_decisions(settings, officer):
    settings.DEBUG = True
    call_command("seed_demo_decisions", "150", "--cases", "20", "--batch", "40", stdout=StringIO())

    status, out = verify()

    assert status == 0, out
    assert "Decisions checked: 150. Altered: 0. Breaks in the chain: 0." in out


# Verifying -------------------------------------------------------------------------------------
def test_an_intact_chain_is_reported_intact(three):
    status, out = verify()

    assert status == 0
    assert "Decisions checked: 3. Altered: 0. Breaks in the chain: 0." in out
    assert f"Chain head: position 3, hash {Decision.objects.get(pk=three[2].pk).record_hash}" in out
    assert "Intact" in out


def test_no_decisions_is_intact(db):
    status, out = verify()

    assert status == 0 and "Decisions checked: 0." in out


def test_a_decision_altered_behind_the_apps_back_is_named(three):
    altered = three[1]
    behind_the_apps_back("UPDATE eligibility_decision SET outcome = %s WHERE id = %s", ["not_eligible", altered.pk])

    status, out = verify()

    assert status == 1
    assert f"Altered: decision {altered.pk} (position 2)" in out
    assert "Altered: 1. Breaks in the chain: 0." in out
    assert f"decision {three[0].pk} " not in out and f"decision {three[2].pk} " not in out


def test_a_removed_decision_is_a_break_before_the_next(three):
    behind_the_apps_back("DELETE FROM eligibility_decision WHERE id = %s", [three[1].pk])

    status, out = verify()

    assert status == 1
    assert f"Break before decision {three[2].pk} (position 3): positions 2-2 are missing" in out
    assert "Decisions checked: 2. Altered: 0. Breaks in the chain: 1." in out


def test_removing_the_latest_decision_is_a_break_at_the_end(three):
    behind_the_apps_back("DELETE FROM eligibility_decision WHERE id = %s", [three[2].pk])

    status, out = verify()

    assert status == 1
    assert "Break at the end: the chain's head (3 " in out


def test_an_altered_decision_given_a_fresh_hash_breaks_the_link_after_it(three):
    """Someone who knows the algorithm recomputes the altered row's hash: the next link shows it."""
    altered = Decision.objects.get(pk=three[1].pk)
    record_ = integrity.record_of(altered) | {"outcome": "not_eligible"}
    forged = integrity.record_hash(record_, sequence=altered.sequence, previous_hash=altered.previous_hash)
    behind_the_apps_back("UPDATE eligibility_decision SET outcome = %s, record_hash = %s WHERE id = %s",
                         ["not_eligible", forged, altered.pk])

    status, out = verify()

    assert status == 1
    assert f"Break at decision {three[2].pk} (position 3): its previous hash is not" in out
    assert "Altered: 0. Breaks in the chain: 1." in out


# Shown -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", ["record", "review"])
def test_the_decision_s_pages_show_its_record_hash(supervisor_client, three, page):
    stored = Decision.objects.get(pk=three[0].pk)

    html = supervisor_client.get(reverse(f"supervision:{page}", args=[stored.pk])).content.decode()

    assert "Record hash" in html
    assert f'<code title="{stored.record_hash}">{stored.record_hash[:12]}</code>' in html
