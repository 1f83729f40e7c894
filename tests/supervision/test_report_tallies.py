"""The reports' tallies: each decision and review recorded adds one to its tally, each change of a
decision's review status moves its counts, a correction moves the application from the corrected
decision's figures to its own (each application counts once, as its latest version), a rebuild
gives the same tallies, every figure summed from the tallies equals the figure counted on the
decisions, filters the tallies cannot answer fall
back to the decisions, and the page's queries stay few."""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.models import Decision
from eligibility.signals import decision_recorded
from supervision import reports, services, tallies
from supervision.models import DecisionTally, Review, ReviewItem, ReviewTally, SamplingPolicy
from supervision.search import ReportFilter
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db

TORONTO = ZoneInfo("America/Toronto")
CRITERIA = ("status", "occupation", "education", "experience", "credentials", "language", "remuneration",
            "employer", "documentation")


@pytest.fixture
def no_sampling(db):
    SamplingPolicy.objects.create(share=Decimal("0"))


def make(officer, when, *, country="JP", category="technician", noc="22310", outcome="eligible",
         decision="approve", not_met=(), departs=False, name="", corrects=None, not_assessed=()) -> Decision:
    """A decision saved through the ORM, as the reports' tests make them (no service, no signal
    of its own: the tallies count every saved decision). ``not_assessed``: criteria whose facts
    were never entered (a case decided on an earlier criterion)."""
    working = {"outcome": outcome, "criteria": {
        c: {"result": "not_met" if c in not_met else "not_assessed" if c in not_assessed else "met", "findings": []}
        for c in CRITERIA}}
    return Decision.objects.create(
        officer=officer, created_at=when, received_on=when.date(), country=country, category=category,
        noc_code=noc, applicant_name=name, facts={}, rules_version="test", working=working, outcome=outcome,
        decision=decision, departs=departs, departure_reason_code="other" if departs else "",
        departure_reason="Reason." if departs else "", work_permit_max_months=36, corrects=corrects,
        correction_reason="Amended." if corrects else "")


def reviewed(decision, supervisor, verdict, when) -> Review:
    status = {"concur": "concurred", "disagree": "disagreed", "return": "returned"}[verdict]
    item = ReviewItem.objects.create(decision=decision, why=ReviewItem.Why.SAMPLE, status=status, queued_at=when)
    return Review.objects.create(item=item, supervisor=supervisor, verdict=verdict, created_at=when)


def decision_tallies() -> dict:
    return {tuple(row[:-1]): row[-1] for row in DecisionTally.objects.values_list(
        *(("officer_id" if k == "officer" else k) for k in tallies.DECISION_KEY), "decisions")}


def review_tallies() -> dict:
    return {tuple(row[:-1]): row[-1] for row in ReviewTally.objects.values_list(
        *(("officer_id" if k == "officer" else k) for k in tallies.REVIEW_KEY), "reviews")}


# Adding one ---------------------------------------------------------------------------------------
def test_recording_a_decision_through_the_service_adds_one_to_its_tally(officer, no_sampling):
    first = record(officer, decision="refuse")
    record(officer, decision="refuse")

    tally = DecisionTally.objects.get()
    assert tally.decisions == 2
    assert (tally.month, tally.officer_id, tally.country, tally.category, tally.noc_code, tally.outcome,
            tally.decision, tally.departs, tally.criteria_not_met) == (
        tallies.month_of(first.created_at), officer.pk, "MX", "professional", "21300", first.outcome, "refuse",
        True, first.criteria_not_met)


def test_a_decision_with_another_key_starts_its_own_tally(officer, other_officer, no_sampling):
    record(officer)
    record(other_officer)
    record(officer, decision="refuse")

    assert sorted(decision_tallies().values()) == [1, 1, 1]


def test_a_decision_rolled_back_leaves_no_count(officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        make(officer, datetime(2025, 1, 10, 12, tzinfo=TORONTO))
        raise RuntimeError("the recording failed after the insert")

    assert not DecisionTally.objects.exists()


def test_the_month_is_the_desks_month(officer):
    make(officer, datetime(2025, 1, 31, 23, 30, tzinfo=TORONTO))  # already 1 February in UTC

    assert DecisionTally.objects.get().month == date(2025, 1, 1)


def test_a_review_adds_one_to_the_review_tally(supervisor, officer, no_sampling):
    decision = record(officer, decision="refuse")  # departs: queued for review

    services.review(item_id=decision.review_item.pk, supervisor=supervisor, verdict="concur")

    tally = ReviewTally.objects.get()
    review = Review.objects.get()
    assert tally.reviews == 1
    assert (tally.month, tally.decision_month, tally.officer_id, tally.country, tally.noc_code, tally.decision,
            tally.departs, tally.verdict, tally.review_status) == (
        tallies.month_of(review.created_at), tallies.month_of(decision.created_at), officer.pk, "MX", "21300",
        "refuse", True, "concur", "concurred")


def test_reviews_with_the_same_key_add_up(supervisor, officer):
    when = datetime(2025, 2, 3, 10, tzinfo=TORONTO)
    for verdict in ("concur", "concur", "disagree"):
        reviewed(make(officer, when), supervisor, verdict, when + timedelta(days=30))

    assert sorted((key[-2:], n) for key, n in review_tallies().items()) == [(("concur", "concurred"), 2),
                                                                            (("disagree", "disagreed"), 1)]
    assert ReviewTally.objects.get(verdict="concur").month == date(2025, 3, 1)


# Moving with the review status ----------------------------------------------------------------------
def statuses() -> dict:
    """Decisions and reviews counted per review status (no status with a count of 0)."""
    found: dict = {}
    for key, n in decision_tallies().items():
        found.setdefault("decisions", {}).setdefault(key[-1], 0)
        found["decisions"][key[-1]] += n
    for key, n in review_tallies().items():
        found.setdefault("reviews", {}).setdefault((key[-2], key[-1]), 0)
        found["reviews"][(key[-2], key[-1])] += n
    return found


def no_empty_tallies() -> bool:
    return not DecisionTally.objects.filter(decisions=0).exists() and not ReviewTally.objects.filter(
        reviews=0).exists()


def test_a_decision_not_queued_counts_under_none(officer, no_sampling):
    record(officer)

    assert DecisionTally.objects.get().review_status == tallies.NOT_QUEUED == "none"


def test_a_departure_queued_as_it_is_recorded_counts_as_open_only(officer, no_sampling):
    record(officer, decision="refuse")  # departs: sampling queues it in record_decision's transaction

    assert statuses() == {"decisions": {"open": 1}}
    assert no_empty_tallies()  # the "none" row it was first counted in is gone, not left at 0


def test_queueing_by_hand_moves_one_count_from_none_to_open(officer, no_sampling):
    first, second = record(officer), record(officer)

    services.queue_for_review(first)
    services.queue_for_review(first)  # already queued: nothing moves

    assert statuses() == {"decisions": {"none": 1, "open": 1}}
    services.queue_for_review(second)
    assert statuses() == {"decisions": {"open": 2}} and no_empty_tallies()


@pytest.mark.parametrize(("verdict", "status"), [("concur", "concurred"), ("disagree", "disagreed"),
                                                 ("return", "returned")])
def test_a_review_moves_the_decision_and_counts_under_the_new_status(supervisor, officer, no_sampling, verdict,
                                                                     status):
    decision = record(officer, decision="refuse")

    services.review(item_id=decision.review_item.pk, supervisor=supervisor, verdict=verdict,
                    criteria=["remuneration"] if verdict == "disagree" else [], comment="Why.")

    assert statuses() == {"decisions": {status: 1}, "reviews": {(verdict, status): 1}}
    assert no_empty_tallies()


@pytest.mark.parametrize("verdict", ["return", "disagree"])
def test_the_amendment_counts_the_application_once_and_moves_the_review_to_amended(supervisor, officer,
                                                                                 no_sampling, verdict):
    decision = record(officer, decision="refuse")
    services.review(item_id=decision.review_item.pk, supervisor=supervisor, verdict=verdict,
                    criteria=["remuneration"] if verdict == "disagree" else [], comment="Why.")

    record(officer, decision="approve", corrects=decision)  # follows the rules: not queued itself

    # The corrected decision gives way to its correction; its review stays, under "amended".
    assert statuses() == {"decisions": {"none": 1}, "reviews": {(verdict, "amended"): 1}}
    assert no_empty_tallies()


def test_a_conflicting_review_moves_nothing(supervisor, officer, no_sampling):
    decision = record(officer, decision="refuse")
    services.review(item_id=decision.review_item.pk, supervisor=supervisor, verdict="concur")
    before = decision_tallies(), review_tallies()

    with pytest.raises(services.ReviewConflict):
        services.review(item_id=decision.review_item.pk, supervisor=supervisor, verdict="return", comment="Late.")

    assert (decision_tallies(), review_tallies()) == before


def test_a_status_change_rolled_back_leaves_the_tallies_as_they_were(supervisor, officer, no_sampling):
    decision = record(officer, decision="refuse")
    before = decision_tallies(), review_tallies()

    with pytest.raises(RuntimeError), transaction.atomic():
        services.review(item_id=decision.review_item.pk, supervisor=supervisor, verdict="concur")
        raise RuntimeError("the request failed after the review")

    assert (decision_tallies(), review_tallies()) == before


def test_an_item_saved_with_a_new_status_or_deleted_moves_the_counts(supervisor, officer):
    when = datetime(2025, 3, 3, 10, tzinfo=TORONTO)
    item = ReviewItem.objects.create(decision=make(officer, when), why=ReviewItem.Why.SAMPLE)
    assert statuses() == {"decisions": {"open": 1}}

    item.status = ReviewItem.Status.RETURNED
    item.save()
    Review.objects.create(item=item, supervisor=supervisor, verdict="return", created_at=when)
    item.status = ReviewItem.Status.AMENDED
    item.save(update_fields=["status"])
    assert statuses() == {"decisions": {"amended": 1}, "reviews": {("return", "amended"): 1}}

    bare = ReviewItem.objects.create(decision=make(officer, when), why=ReviewItem.Why.SAMPLE)
    bare.delete()
    assert statuses() == {"decisions": {"amended": 1, "none": 1}, "reviews": {("return", "amended"): 1}}
    assert no_empty_tallies()


def test_a_decision_never_counted_stays_uncounted_when_queued(officer):
    template = make(officer, datetime(2025, 5, 5, 9, tzinfo=TORONTO))
    copied = {f.attname: getattr(template, f.attname) for f in Decision._meta.concrete_fields if f.name != "id"}
    [loaded] = Decision.objects.bulk_create([Decision(**{**copied, "created_at": datetime(2025, 6, 5, 9,
                                                                                           tzinfo=TORONTO)})])

    services.queue_for_review(loaded)

    assert statuses() == {"decisions": {"none": 1}}  # the template; the copy waits for a rebuild
    tallies.rebuild()
    assert statuses() == {"decisions": {"none": 1, "open": 1}}


def test_the_filters_review_codes_are_the_tallies(db):
    choices = {value for value, _label in ReportFilter().filters["review"].extra["choices"]}

    assert choices == {tallies.NOT_QUEUED, *ReviewItem.Status.values}


# Rebuilding -----------------------------------------------------------------------------------------
def _varied(officer, other_officer, supervisor):
    for day, country, outcome, decision, departs, not_met in [
            (1, "JP", "eligible", "approve", False, ()), (1, "JP", "eligible", "approve", False, ()),
            (31, "MX", "not_eligible", "approve", True, ("experience",)),
            (45, "AU", "not_eligible", "refuse", False, ("experience", "language")),
            (59, "JP", "needs_officer_review", "request_information", False, ())]:
        when = datetime(2025, 1, 1, 0, 30, tzinfo=TORONTO) + timedelta(days=day)
        made = make(officer if day % 2 else other_officer, when, country=country, outcome=outcome,
                    decision=decision, departs=departs, not_met=not_met)
        if departs or day == 45:
            reviewed(made, supervisor, "disagree" if departs else "concur", when + timedelta(days=3))


def test_rebuild_gives_the_same_tallies_as_the_increments(officer, other_officer, supervisor):
    _varied(officer, other_officer, supervisor)
    added = decision_tallies(), review_tallies()

    assert tallies.rebuild() == (len(added[0]), len(added[1]))

    assert (decision_tallies(), review_tallies()) == added
    assert sum(added[0].values()) == Decision.objects.count()
    assert sum(added[1].values()) == Review.objects.count()


def test_rebuild_gives_the_same_tallies_after_the_review_statuses_changed(officer, other_officer, supervisor,
                                                                          no_sampling):
    _varied(officer, other_officer, supervisor)
    refused = record(officer, decision="refuse")  # queued, then returned and amended
    services.review(item_id=refused.review_item.pk, supervisor=supervisor, verdict="return", comment="Wage.")
    record(officer, decision="approve", corrects=refused)
    disagreed = record(other_officer, decision="refuse")  # queued, then disagreed with, not amended yet
    services.review(item_id=disagreed.review_item.pk, supervisor=supervisor, verdict="disagree",
                    criteria=["remuneration"], comment="Wage.")
    services.queue_for_review(record(officer))  # queued by hand, open
    concurred = record(other_officer)
    services.review(item_id=services.queue_for_review(concurred).pk, supervisor=supervisor, verdict="concur")
    added = decision_tallies(), review_tallies()
    # The amended decision gave way to its correction: no decision counts as "amended", its review does.
    assert {key[-1] for key in added[0]} == {"none", "open", "concurred", "disagreed"}
    assert {key[-1] for key in added[1]} >= {"amended"}

    tallies.rebuild()

    assert (decision_tallies(), review_tallies()) == added
    assert sum(added[0].values()) == Decision.objects.count() - 1  # each application once
    assert sum(added[1].values()) == Review.objects.count()


def test_rebuild_counts_decisions_loaded_behind_the_apps_back(officer, supervisor):
    template = make(officer, datetime(2025, 5, 5, 9, tzinfo=TORONTO))
    loaded = [Decision(**{f.attname: getattr(template, f.attname) for f in Decision._meta.concrete_fields
                          if f.name != "id"}) for _ in range(3)]
    Decision.objects.bulk_create(loaded)  # no signal: not counted yet
    assert DecisionTally.objects.get().decisions == 1

    out = StringIO()
    call_command("rebuild_report_tallies", stdout=out)

    assert DecisionTally.objects.get().decisions == 4
    assert "1 decision tallies, 0 review tallies" in out.getvalue()


def test_the_migrations_fill_works_on_the_historical_models(officer, other_officer, supervisor):
    _varied(officer, other_officer, supervisor)
    added = decision_tallies(), review_tallies()
    state = MigrationExecutor(connection).loader.project_state(("supervision", "0003_report_tallies_review_status"))

    tallies.rebuild(state.apps)

    assert (decision_tallies(), review_tallies()) == added


def test_the_demo_seed_leaves_tallies_that_match_its_decisions(settings):
    settings.DEBUG = True
    call_command("seed_demo_decisions", "150", "--until", "2026-11-27", "--cases", "12", "--officers", "3",
                 stdout=StringIO())
    seeded = decision_tallies(), review_tallies()

    applications = Decision.objects.filter(corrects__isnull=True).count()  # the seed corrects originals only
    assert Decision.objects.count() == 150 and applications < 150
    assert sum(seeded[0].values()) == applications
    assert sum(seeded[1].values()) == Review.objects.count() > 0
    tallies.rebuild()
    assert (decision_tallies(), review_tallies()) == seeded


# Which source answers ---------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "served"), [
    ({}, True),
    ({"country": "JP", "category": "technician", "noc": "22310", "outcome": "eligible", "decision": "approve",
      "departs": "no", "officer": "officer"}, True),
    ({"recorded_from": date(2025, 2, 1), "recorded_to": date(2025, 3, 31)}, True),
    ({"recorded_to": date(2024, 2, 29)}, True),  # a leap year's February
    ({"recorded_from": date(2025, 2, 2)}, True),  # in part: from March, the tallies
    ({"recorded_to": date(2025, 2, 27)}, True),
    ({"q": "Sato"}, False),
    ({"review": "none"}, True),
    ({"review": "amended", "country": "JP", "recorded_from": date(2025, 2, 1)}, True),
    ({"review": "open", "q": "Sato"}, False),
    ({"q": "", "review": "", "recorded_from": None, "sort": "newest"}, True),  # empty filters and the sort
])
def test_the_tallies_serve_only_their_columns(data, served):
    assert reports.tallies_serve(data) is served


@pytest.mark.parametrize(("start", "end", "months"), [
    (None, None, (None, None)),
    (date(2025, 1, 1), date(2025, 3, 31), (date(2025, 1, 1), date(2025, 3, 31))),
    (date(2025, 1, 15), date(2025, 4, 15), (date(2025, 2, 1), date(2025, 3, 31))),
    (date(2024, 12, 31), None, (date(2025, 1, 1), None)),
    (None, date(2024, 2, 28), (None, date(2024, 1, 31))),  # a leap year: the 28th is not February's last day
    (date(2025, 1, 15), date(2025, 2, 27), None),  # no whole month between them
    (date(2025, 2, 2), date(2025, 2, 28), None),
])
def test_whole_months_are_those_inside_the_dates(start, end, months):
    assert reports.whole_months(start, end) == months


def _filters(params) -> ReportFilter:
    filterset = ReportFilter(params, queryset=Decision.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset


def figures(counted: reports.Counted) -> dict:
    """Every figure of the page, months as dates."""
    groups = reports.breakdown(counted)
    months = reports.by_month(groups)
    return {"months": months, "countries": reports.by_country(groups), "categories": reports.by_category(groups),
            "totals": reports.totals(groups), "overrides": reports.override_rate(months),
            "noc": reports.top_noc(counted), "criteria": reports.criteria_not_met(counted),
            "agreement": reports.review_agreement(counted)}


@contextmanager
def rolled_back():
    """Each generated example starts from an empty table of decisions."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


COUNTRIES, NOCS = ("JP", "MX", "AU"), ("22310", "21300", "21231")
OUTCOMES = ("eligible", "not_eligible", "needs_officer_review")
DECISIONS = ("approve", "refuse", "request_information")
VERDICTS = ("concur", "disagree", "return")
# A review made through the ORM (an item with its status and a review, on a chosen day), or the
# review status's path through the app: recorded (sampling queues a departure), maybe queued by
# hand, maybe reviewed (services.review), maybe amended by a correction (sampling closes the item).
REVIEWS = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(VERDICTS), st.integers(0, 40)),
    st.fixed_dictionaries({"queue": st.booleans(), "verdict": st.sampled_from((None, *VERDICTS)),
                           "amend": st.sampled_from((None, "approve", "refuse")), "days": st.integers(0, 40)}))
# Decisions and dates crowd the edges of months, where a tally and a day filter could disagree.
EDGE_DAYS = [date(2025, m, d) for m in (1, 2, 3, 4) for d in (1, 2, 15)] + [
    date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]
A_DECISION = st.fixed_dictionaries({
    "officer": st.integers(0, 1), "day": st.sampled_from(EDGE_DAYS), "hour": st.sampled_from((0, 9, 23)),
    "country": st.sampled_from(COUNTRIES), "category": st.sampled_from(("technician", "professional")),
    "noc": st.sampled_from((*NOCS, "")), "outcome": st.sampled_from(OUTCOMES), "decision": st.sampled_from(DECISIONS),
    "not_met": st.lists(st.sampled_from(CRITERIA), max_size=3, unique=True),
    # Criteria never assessed (those also drawn as not met stay not met): never counted as not met.
    "not_assessed": st.lists(st.sampled_from(CRITERIA), max_size=8, unique=True),
    "name": st.sampled_from(("", "Hanako Sato", "Juan Pérez")), "review": REVIEWS,
    # Versions: a correction (unless the review's path amends it), maybe itself corrected again.
    "corrected": st.sampled_from((None, "approve", "refuse")), "again": st.booleans(),
    "later": st.integers(0, 40)})
A_FILTER = {
    "country": st.sampled_from(COUNTRIES), "category": st.sampled_from(("technician", "professional")),
    "noc": st.sampled_from(NOCS), "outcome": st.sampled_from(OUTCOMES), "decision": st.sampled_from(DECISIONS),
    "departs": st.sampled_from(("yes", "no")), "officer": st.sampled_from(("officer", "officer2")),
    "recorded_from": st.sampled_from(EDGE_DAYS), "recorded_to": st.sampled_from(EDGE_DAYS), "q": st.just("Sato"),
    "review": st.sampled_from(("none", *ReviewItem.Status.values))}
# Up to three filters at once, dates more often than the rest: more would mostly match nothing.
FILTERS = st.lists(st.sampled_from([*A_FILTER, "recorded_from", "recorded_to"]), max_size=3, unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: A_FILTER[name] for name in names}))


def _departs(outcome, decision) -> bool:
    return (outcome == "eligible" and decision != "approve") or (outcome == "not_eligible" and decision == "approve")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(decisions=st.lists(A_DECISION, min_size=1, max_size=40), filter_sets=st.lists(FILTERS, min_size=1, max_size=8))
def test_every_figure_from_the_tallies_equals_the_figure_from_the_decisions(officer, other_officer, supervisor,
                                                                             no_sampling, decisions, filter_sets):
    with rolled_back():
        paths = []  # (decision, its plan), for the reviews and amendments that come after all decisions
        versions = []  # (decision, its plan), for the corrections that come after them
        for d in decisions:
            when = datetime.combine(d["day"], time(d["hour"], 30), tzinfo=TORONTO)
            made = make((officer, other_officer)[d["officer"]], when, country=d["country"], category=d["category"],
                        noc=d["noc"], outcome=d["outcome"], decision=d["decision"], not_met=d["not_met"],
                        departs=_departs(d["outcome"], d["decision"]), name=d["name"],
                        not_assessed=set(d["not_assessed"]) - set(d["not_met"]))
            if isinstance(d["review"], tuple):
                verdict, days = d["review"]
                reviewed(made, supervisor, verdict, when + timedelta(days=days))
            elif d["review"]:
                decision_recorded.send(sender=Decision, decision=made)  # a departure enters the queue
                if d["review"]["queue"]:
                    services.queue_for_review(made)
                paths.append((made, d["review"]))
            if d["corrected"] and not (isinstance(d["review"], dict) and d["review"]["amend"]):
                versions.append((made, d))
        for made, plan in reversed(paths):
            item = ReviewItem.objects.filter(decision=made).first()
            if item and plan["verdict"]:
                services.review(item_id=item.pk, supervisor=supervisor, verdict=plan["verdict"],
                                criteria=["language"] if plan["verdict"] == "disagree" else [], comment="Why.")
        for made, plan in paths:
            if plan["amend"]:  # closes the item if it waits for the officer (returned, disagreed)
                amended = make(made.officer, made.created_at + timedelta(days=plan["days"]), country=made.country,
                               category=made.category, noc=made.noc_code, outcome=made.outcome,
                               decision=plan["amend"], departs=_departs(made.outcome, plan["amend"]),
                               corrects=made)
                decision_recorded.send(sender=Decision, decision=amended)  # and queues it if it departs
        for made, d in versions:  # corrections, without a review asking for them
            for _time in range(2 if d["again"] else 1):
                made = make(made.officer, made.created_at + timedelta(days=d["later"]), country=made.country,
                            category=made.category, noc=made.noc_code, outcome=made.outcome,
                            decision=d["corrected"], departs=_departs(made.outcome, d["corrected"]), corrects=made)
                decision_recorded.send(sender=Decision, decision=made)
        # Each application counts once, however many versions it has.
        everything = figures(reports.counted(_filters({})))
        assert everything["totals"]["total"] == len(decisions)
        # A criterion counts as not met on the latest version only, and never where it was not assessed.
        latest = [d for d in Decision.objects.prefetch_related("corrections") if not d.corrections.all()]
        assert {row["criterion"]: row["not_met"] for row in everything["criteria"]} == {
            c: sum(d.working["criteria"][c]["result"] == "not_met" for d in latest) for c in CRITERIA}
        for params in filter_sets:
            params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
            filterset = ReportFilter(params, queryset=Decision.objects.all())
            if not filterset.is_valid():
                continue  # an end before the start, or an officer with no decisions: refused by the form
            from_tallies = reports.counted(filterset)

            data = filterset.form.cleaned_data
            assert from_tallies.tallied is (reports.tallies_serve(data) and reports.whole_months(
                data.get("recorded_from"), data.get("recorded_to")) is not None)
            assert figures(from_tallies) == figures(reports.counted(filterset, tallies=False)), params
        added = decision_tallies(), review_tallies()
        assert no_empty_tallies()
        tallies.rebuild()
        assert (decision_tallies(), review_tallies()) == added


# Falling back ------------------------------------------------------------------------------------
@pytest.fixture
def spread(officer, supervisor):
    """January to March: one decision on the 1st, one on the 20th, of each month; the 20th's are
    reviewed, and the January ones are Hanako Sato's."""
    for month in (1, 2, 3):
        for day in (1, 20):
            made = make(officer, datetime(2025, month, day, 10, tzinfo=TORONTO),
                        name="Hanako Sato" if month == 1 else "Juan Pérez")
            if day == 20:
                reviewed(made, supervisor, "concur", datetime(2025, month, 25, 10, tzinfo=TORONTO))


@pytest.mark.parametrize(("params", "decisions", "reviews", "on_those_days"), [
    ({"recorded_from": "2025-01-15", "recorded_to": "2025-02-28"}, 3, 2, [1]),  # from inside January
    ({"recorded_from": "2025-02-01", "recorded_to": "2025-03-10"}, 3, 1, [1]),  # to inside March
    ({"recorded_from": "2025-01-15", "recorded_to": "2025-03-10"}, 4, 2, [1, 1]),  # both
])
def test_dates_inside_months_count_the_decisions_of_those_days_and_the_tallies_of_whole_months(
        spread, params, decisions, reviews, on_those_days):
    counted = reports.counted(_filters(params))

    assert isinstance(counted, reports.Combined)
    whole, *days = counted.parts
    assert whole.tallied and not any(part.tallied for part in days)
    assert [part.decisions.count() for part in days] == on_those_days  # January's 20th, March's 1st
    assert reports.totals(reports.breakdown(counted))["total"] == decisions
    assert sum(r["total"] for r in reports.review_agreement(counted)) == reviews


@pytest.mark.parametrize(("params", "decisions", "reviews"), [
    ({"recorded_from": "2025-01-15", "recorded_to": "2025-02-27"}, 3, 2),  # no whole month
    ({"q": "Sato"}, 2, 1),
])
def test_filters_the_tallies_cannot_answer_fall_back_to_the_decisions(spread, params, decisions, reviews):
    counted = reports.counted(_filters(params))

    assert not counted.tallied
    assert reports.totals(reports.breakdown(counted))["total"] == decisions
    assert sum(r["total"] for r in reports.review_agreement(counted)) == reviews


@pytest.mark.parametrize(("params", "decisions", "reviews"), [
    ({"review": "none"}, 3, 0),
    ({"review": "concurred"}, 3, 3),
    ({"review": "concurred", "recorded_from": "2025-02-01"}, 2, 2),
    ({"review": "open"}, 0, 0),
])
def test_the_review_status_filter_is_answered_from_the_tallies(spread, params, decisions, reviews):
    counted = reports.counted(_filters(params))

    assert counted.tallied
    assert reports.totals(reports.breakdown(counted))["total"] == decisions
    assert sum(r["total"] for r in reports.review_agreement(counted)) == reviews


def test_the_page_counts_from_the_tallies_when_the_filters_allow(supervisor_client, spread):
    hidden = Decision.objects.first()  # loaded again without signals: only the decisions know of the copy
    Decision.objects.bulk_create([Decision(**{f.attname: getattr(hidden, f.attname)
                                              for f in Decision._meta.concrete_fields if f.name != "id"})])
    reports_url = reverse("supervision:reports")

    assert supervisor_client.get(reports_url).context["total"] == 6  # the tallies
    # Not from the 1st: January's days counted on the decisions, February and March (and the copy,
    # of March 20th) from the tallies.
    assert supervisor_client.get(reports_url, {"recorded_from": "2025-01-02"}).context["total"] == 5
    # No whole month: counted on the decisions, which have the copy.
    assert supervisor_client.get(reports_url, {"recorded_from": "2025-03-02", "recorded_to": "2025-03-30"}
                                 ).context["total"] == 2
    tallies.rebuild()
    assert supervisor_client.get(reports_url).context["total"] == 7


# Queries ----------------------------------------------------------------------------------------
def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("supervision:reports"), params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"country": "JP", "officer": "officer", "recorded_from": "2025-01-01"},
                                    {"recorded_from": "2025-01-15"}, {"recorded_from": "2025-01-15",
                                                                      "recorded_to": "2025-11-20"},
                                    {"review": "none"}])
def test_the_pages_queries_do_not_grow_with_the_decisions(supervisor_client, spread, officer, supervisor, params):
    _queries(supervisor_client, **params)  # reads the officers' list, kept from then on (search.officer_ids)
    few = _queries(supervisor_client, **params)
    for month in range(1, 13):
        for country, noc in (("AU", "21311"), ("MX", "22312"), ("JP", "21300")):
            made = make(officer, datetime(2025, month, 3, 9, tzinfo=TORONTO), country=country, noc=noc,
                        outcome="not_eligible", decision="refuse", not_met=("experience",))
            reviewed(made, supervisor, "concur", datetime(2025, month, 4, 9, tzinfo=TORONTO))

    # Dates that cut a month count each of the four figures again for the days at each end (their
    # decisions) besides the whole months (their tallies): up to 10 + 2 x 4.
    assert _queries(supervisor_client, **params) == few <= 18
