"""Supervisors review decisions: the queue, verdicts, returns and amendments, agreement rates."""

from decimal import Decimal

import pytest
from django.urls import reverse

from supervision import services
from supervision.models import AccessEvent, ReviewItem, SamplingPolicy
from supervision.sampling import sampled
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_sampling(db):
    SamplingPolicy.objects.create(share=Decimal("0"))


def review_url(decision):
    return reverse("supervision:review", args=[decision.pk])


# The queue -----------------------------------------------------------------------------------
def test_every_override_enters_the_queue(officer, no_sampling):
    decision = record(officer, decision="refuse")  # refusing an eligible case departs

    assert decision.departs
    assert decision.review_item.why == ReviewItem.Why.OVERRIDE
    assert decision.review_item.status == ReviewItem.Status.OPEN


def test_with_no_sampling_other_decisions_are_not_queued(officer, no_sampling):
    decision = record(officer)

    assert not ReviewItem.objects.filter(decision=decision).exists()


def test_with_full_sampling_every_decision_is_queued(officer):
    SamplingPolicy.objects.create(share=Decimal("1"))

    decision = record(officer)

    assert decision.review_item.why == ReviewItem.Why.SAMPLE


def test_the_sample_draws_about_the_configured_share():
    draws = sum(sampled(Decimal("0.25")) for _ in range(4000))
    assert 850 < draws < 1150  # 1000 expected; the bounds are about five standard deviations apart
    assert not any(sampled(Decimal("0")) for _ in range(1000))


def test_a_supervisor_sets_the_share_and_it_is_kept_with_its_author(supervisor_client, supervisor):
    response = supervisor_client.post(reverse("supervision:sampling"), {"percent": "25"})

    assert response.status_code == 302
    assert SamplingPolicy.current_share() == Decimal("0.25")
    assert SamplingPolicy.objects.latest().set_by == supervisor


def test_a_share_over_100_percent_is_refused_naming_the_field(supervisor_client):
    response = supervisor_client.post(reverse("supervision:sampling"), {"percent": "150"})

    assert response.status_code == 200
    assert "Share of other decisions sampled (%)" in response.content.decode()
    assert SamplingPolicy.current_share() == Decimal("0.100")


def test_the_queue_lists_open_items_oldest_first(supervisor_client, officer, no_sampling):
    first = record(officer, decision="refuse", reference="FIRST")
    second = record(officer, decision="refuse", reference="SECOND")

    page = supervisor_client.get(reverse("supervision:queue")).content.decode()

    assert page.index(first.application_number) < page.index(second.application_number)


# Reviewing -----------------------------------------------------------------------------------
def test_concurring_closes_the_item_and_is_logged(supervisor_client, supervisor, officer, no_sampling):
    decision = record(officer, decision="refuse")

    supervisor_client.post(review_url(decision), {"verdict": "concur"})

    item = ReviewItem.objects.get(decision=decision)
    assert item.status == ReviewItem.Status.CONCURRED
    assert item.reviews.get().supervisor == supervisor
    assert AccessEvent.objects.filter(decision=decision, action="review", user=supervisor).exists()


def test_disagreeing_needs_the_criteria_and_a_comment(supervisor_client, officer, no_sampling):
    decision = record(officer, decision="refuse")

    response = supervisor_client.post(review_url(decision), {"verdict": "disagree"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Name the criteria you disagree with." in page and "Say why, for the officer." in page
    assert ReviewItem.objects.get(decision=decision).status == ReviewItem.Status.OPEN


def test_disagreeing_on_one_criterion_is_recorded(supervisor_client, officer, no_sampling):
    decision = record(officer, decision="refuse")

    supervisor_client.post(review_url(decision), {"verdict": "disagree", "criteria": ["experience"],
                                                  "comment": "The periods overlap."})

    review = ReviewItem.objects.get(decision=decision).reviews.get()
    assert (review.verdict, review.criteria, review.comment) == ("disagree", ["experience"], "The periods overlap.")


def test_a_supervisor_may_review_a_decision_that_was_not_sampled(supervisor_client, officer, no_sampling):
    decision = record(officer)

    supervisor_client.post(review_url(decision), {"verdict": "concur"})

    assert ReviewItem.objects.get(decision=decision).status == ReviewItem.Status.CONCURRED


def test_of_two_supervisors_acting_at_once_only_one_succeeds(supervisor, officer, no_sampling):
    item = record(officer, decision="refuse").review_item

    services.review(item_id=item.pk, supervisor=supervisor, verdict="concur")
    with pytest.raises(services.ReviewConflict):
        services.review(item_id=item.pk, supervisor=supervisor, verdict="disagree", criteria=["status"], comment="x")

    assert item.reviews.count() == 1


def test_the_second_supervisor_is_told_it_was_already_reviewed(supervisor_client, officer, no_sampling):
    decision = record(officer, decision="refuse")
    supervisor_client.post(review_url(decision), {"verdict": "concur"})

    response = supervisor_client.post(review_url(decision), {"verdict": "return", "comment": "Again."}, follow=True)

    assert "This decision has already been reviewed." in response.content.decode()
    assert ReviewItem.objects.get(decision=decision).status == ReviewItem.Status.CONCURRED


# Returned to the officer ------------------------------------------------------------------------
def test_a_returned_decision_shows_on_the_officers_home_until_amended(supervisor_client, officer_client, officer,
                                                                       no_sampling):
    decision = record(officer, decision="refuse")
    supervisor_client.post(review_url(decision), {"verdict": "return", "comment": "Check the wage."})

    home = officer_client.get(reverse("home")).content.decode()
    assert "Returned for amendment" in home and "Check the wage." in home

    amendment = record(officer, decision="approve", corrects=decision)

    item = ReviewItem.objects.get(decision=decision)
    assert (item.status, item.amended_by) == (ReviewItem.Status.AMENDED, amendment)
    assert "Returned for amendment" not in officer_client.get(reverse("home")).content.decode()
    assert decision.corrections.get() == amendment  # the original stays, linked


# Agreement -----------------------------------------------------------------------------------
def test_agreement_rates_overall_per_officer_and_per_criterion(supervisor_client, supervisor, officer, other_officer,
                                                                 no_sampling):
    for who, verdict, criteria in [(officer, "concur", []), (officer, "disagree", ["experience"]),
                                   (other_officer, "concur", []), (other_officer, "concur", [])]:
        item = record(who, decision="refuse").review_item
        services.review(item_id=item.pk, supervisor=supervisor, verdict=verdict, criteria=criteria, comment="c")

    from supervision.selectors import agreement

    rates = agreement()
    assert rates["total"] == 4 and rates["rate"] == 0.75
    assert {r["item__decision__officer__username"]: r["rate"] for r in rates["per_officer"]} == {
        officer.username: 0.5, other_officer.username: 1.0}
    assert rates["per_criterion"] == {"experience": {"disagreed": 1, "rate": 0.75}}
    assert "75 %" in supervisor_client.get(reverse("supervision:sampling")).content.decode()


def test_a_disagreement_also_goes_back_to_the_officer_and_the_amendment_closes_it(
        supervisor_client, officer_client, officer, no_sampling):
    decision = record(officer, decision="refuse")
    supervisor_client.post(review_url(decision), {"verdict": "disagree", "criteria": ["remuneration"],
                                                  "comment": "The wage meets the median."})

    assert "The wage meets the median." in officer_client.get(reverse("home")).content.decode()

    record(officer, decision="approve", corrects=decision)
    assert ReviewItem.objects.get(decision=decision).status == ReviewItem.Status.AMENDED
    assert ReviewItem.objects.get(decision=decision).reviews.get().verdict == "disagree"


# Versions: a review belongs to the version it was made on -------------------------------------
def test_a_decision_corrected_while_waiting_leaves_the_queue_and_its_correction_has_its_own_place(
        supervisor_client, officer, no_sampling):
    waiting = record(officer, decision="refuse")  # departs: queued
    correction = record(officer, decision="refuse", corrects=waiting)  # still departs: queued on its own

    queue = supervisor_client.get(reverse("supervision:queue")).content.decode()

    assert review_url(waiting) not in queue and review_url(correction) in queue
    assert correction.review_item.status == ReviewItem.Status.OPEN


def test_a_corrected_decision_cannot_be_reviewed_any_more(supervisor, officer, no_sampling):
    waiting = record(officer, decision="refuse")
    record(officer, decision="approve", corrects=waiting)

    with pytest.raises(services.ReviewConflict, match="corrected since"):
        services.review(item_id=waiting.review_item.pk, supervisor=supervisor, verdict="concur")

    waiting.review_item.refresh_from_db()
    assert waiting.review_item.status == ReviewItem.Status.OPEN and not waiting.review_item.reviews.exists()


def test_the_officers_home_lists_the_application_once_with_its_own_review_status(client, officer, supervisor,
                                                                                 no_sampling):
    returned = record(officer, decision="refuse")
    services.review(item_id=returned.review_item.pk, supervisor=supervisor, verdict="return", comment="Wage.")
    amended = record(officer, decision="approve", corrects=returned)  # follows the rules: not queued
    client.force_login(officer)

    home = client.get(reverse("home")).content.decode()

    assert reverse("decision-detail", args=[returned.pk]) not in home
    assert home.count(reverse("decision-detail", args=[amended.pk])) == 1
    assert "for supervisor review" not in home
