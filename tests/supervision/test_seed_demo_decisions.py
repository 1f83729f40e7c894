"""``seed_demo_decisions``: N decisions whose fields agree with their facts and working (replaying
any of them gives its stored working back), departures with reasons and in the review queue,
reviews that agree with their items, amendments that correct the decision they amend, and the same
rows again from the same seed."""

from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.roles import OFFICER, SUPERVISOR
from eligibility import rulebook
from eligibility.casefile import parse_case
from eligibility.models import Decision
from eligibility.services import departs_from
from eligibility.snapshot import ruleset_on
from supervision.models import Review, ReviewItem

pytestmark = pytest.mark.django_db

UNTIL = date(2026, 11, 27)
N = 800


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def seed(count=N, *extra):
    out = StringIO()
    call_command("seed_demo_decisions", str(count), "--until", UNTIL.isoformat(), "--cases", "30", "--batch", "97",
                 "--officers", "5", *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(debug):
    return seed()


def test_it_refuses_to_run_unless_debug_is_on(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        seed(10)
    assert not Decision.objects.exists()


def test_it_refuses_a_count_below_one(debug):
    with pytest.raises(CommandError, match="at least 1"):
        seed(0)


def test_it_creates_n_decisions_by_the_demo_officers(seeded):
    assert Decision.objects.count() == N
    assert f"{N} decisions" in seeded
    User = get_user_model()
    officers = User.objects.filter(username__startswith="officer-demo-").order_by("username")
    assert [u.username for u in officers] == [f"officer-demo-{i}" for i in range(1, 6)]
    assert all(u.groups.filter(name=OFFICER.group_name).exists() and not u.has_usable_password() for u in officers)
    assert set(Decision.objects.values_list("officer__username", flat=True)) == {u.username for u in officers}
    supervisors = User.objects.filter(username__startswith="supervisor-demo-")
    assert all(u.groups.filter(name=SUPERVISOR.group_name).exists() for u in supervisors)
    assert set(Review.objects.values_list("supervisor__username", flat=True)) <= {u.username for u in supervisors}


def test_the_rows_vary_as_a_desk_s_do(seeded):
    def spread(field):
        return set(Decision.objects.values_list(field, flat=True))

    assert {"AU", "JP", "MX"} < spread("country")
    assert spread("category") == {"professional", "technician"}
    assert spread("outcome") == {"eligible", "not_eligible", "needs_officer_review"}
    assert spread("decision") == {"approve", "refuse", "request_information"}
    assert spread("departs") == {True, False}
    assert len(spread("noc_code")) >= 10
    assert len(spread("applicant_name")) >= N // 2
    assert len(spread("application_number")) == N  # unique


def test_every_row_agrees_with_its_facts_and_working_and_replays_to_it(seeded):
    """Replaying each stored case against the rules in force on its receipt date gives back the
    stored working exactly: the facts and working are real, not made up."""
    first_day = UNTIL - timedelta(days=730)
    for d in Decision.objects.all():
        facts = parse_case(d.facts, d.received_on)
        assert (facts.country, facts.category.value, facts.noc_code, facts.received_on) == (
            d.country, d.category, d.noc_code, d.received_on)
        assert d.facts["reference"] == d.application_number
        replayed = rulebook.assess(facts, ruleset_on(d.received_on))
        assert replayed.as_dict() == d.working
        assert (replayed.outcome.value, replayed.rules_version) == (d.outcome, d.rules_version)
        assert d.work_permit_max_months == replayed.work_permit_max_months
        assert d.departs == departs_from(replayed.outcome, d.decision)
        assert bool(d.departure_reason_code) == bool(d.departure_reason) == d.departs
        assert (d.permit_valid_until is not None) == (d.decision == "approve")
        local = timezone.localtime(d.created_at)
        assert first_day <= local.date() < UNTIL and local.weekday() < 5
        assert time(8, 30) <= local.time() <= time(16, 30)
        assert d.received_on < local.date()


def test_every_departure_is_in_the_review_queue_and_others_are_sampled(seeded):
    departing = Decision.objects.filter(departs=True, corrects__isnull=True)
    assert departing.exists()
    assert not departing.filter(review_item__isnull=True).exists()
    assert set(departing.values_list("review_item__why", flat=True)) == {ReviewItem.Why.OVERRIDE}
    sampled = ReviewItem.objects.filter(why=ReviewItem.Why.SAMPLE)
    assert sampled.exists() and not sampled.filter(decision__departs=True).exists()


def test_each_review_item_s_status_agrees_with_its_reviews(seeded):
    verdicts = {ReviewItem.Status.OPEN: [], ReviewItem.Status.CONCURRED: ["concur"],
                ReviewItem.Status.DISAGREED: ["disagree"], ReviewItem.Status.RETURNED: ["return"],
                ReviewItem.Status.AMENDED: ["return"]}
    seen = set()
    for item in ReviewItem.objects.select_related("decision", "amended_by").prefetch_related("reviews"):
        seen.add(item.status)
        reviews = list(item.reviews.all())
        assert [r.verdict for r in reviews] == verdicts[item.status]
        for review in reviews:
            assert review.created_at > item.decision.created_at
            assert bool(review.criteria) == (review.verdict == "disagree")
            assert bool(review.comment) == (review.verdict != "concur")
        if item.status == ReviewItem.Status.AMENDED:
            assert item.amended_by.corrects_id == item.decision_id
            assert item.amended_by.created_at > reviews[0].created_at
            assert item.amended_by.correction_reason
            assert (item.amended_by.officer_id, item.amended_by.applicant_name) == (
                item.decision.officer_id, item.decision.applicant_name)
        else:
            assert item.amended_by is None
    # Every status but "returned", which only the last fortnight's returns still have (none in 800 rows).
    assert seen >= set(ReviewItem.Status) - {ReviewItem.Status.RETURNED}
    recent = timezone.make_aware(datetime.combine(UNTIL - timedelta(days=1), time.min))
    assert not ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, queued_at__lt=recent - timedelta(days=21))\
        .exists()  # only recent decisions still await review


def test_every_correction_amends_a_returned_decision(seeded):
    corrections = Decision.objects.filter(corrects__isnull=False)
    assert corrections.exists()
    assert corrections.count() == ReviewItem.objects.filter(status=ReviewItem.Status.AMENDED).count()
    assert not corrections.exclude(corrects__review_item__amended_by=F("pk")).exists()


def _snapshot(*extra):
    with transaction.atomic():
        seed(200, *extra)
        rows = list(Decision.objects.order_by("pk").values_list(
            "pk", "officer__username", "created_at", "application_number", "uci", "applicant_name", "received_on",
            "country", "category", "noc_code", "facts", "working", "outcome", "decision", "departs", "notes",
            "review_item__status", "corrects_id"))
        reviews = list(Review.objects.order_by("pk").values_list("item__decision_id", "supervisor__username",
                                                                  "verdict", "criteria", "created_at"))
        transaction.set_rollback(True)
    return rows, reviews


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(debug):
    first = _snapshot("--seed", "7")
    again = _snapshot("--seed", "7")
    other = _snapshot("--seed", "8")

    assert first == again
    assert first[0] != other[0]
