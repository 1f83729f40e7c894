"""Writes of supervision: reviews (one supervisor wins when two act at once), the sampling share,
the access log."""

from django.db import transaction
from django.utils.translation import gettext as _

from eligibility.models import Decision

from . import tallies
from .models import AccessEvent, Review, ReviewItem, SamplingPolicy

NEXT_STATUS = {
    Review.Verdict.CONCUR: ReviewItem.Status.CONCURRED,
    Review.Verdict.DISAGREE: ReviewItem.Status.DISAGREED,
    Review.Verdict.RETURN: ReviewItem.Status.RETURNED,
}


class ReviewConflict(Exception):
    """Someone else reviewed the item first."""


def review(*, item_id: int, supervisor, verdict: str, criteria=(), comment: str = "") -> Review:
    """Record a review of an open item. The status moves in one conditional UPDATE, so of two
    supervisors acting at once exactly one succeeds, on PostgreSQL and on SQLite alike."""
    verdict = Review.Verdict(verdict)
    with transaction.atomic():
        if Decision.objects.filter(corrects__review_item__id=item_id).exists():
            raise ReviewConflict(_("This decision has been corrected since: review its correction instead."))
        moved = ReviewItem.objects.filter(pk=item_id, status=ReviewItem.Status.OPEN).update(
            status=NEXT_STATUS[verdict])
        if not moved:
            raise ReviewConflict(_("This decision has already been reviewed."))
        item = ReviewItem.objects.get(pk=item_id)
        tallies.status_moved(item, ReviewItem.Status.OPEN, item.status)  # the UPDATE sends no signal
        done = Review.objects.create(item=item, supervisor=supervisor, verdict=verdict, criteria=list(criteria),
                                     comment=comment)
        log(supervisor, AccessEvent.Action.REVIEW, item.decision_id, detail=verdict.value)
        return done


def queue_for_review(decision) -> ReviewItem:
    """A supervisor may review any decision, sampled or not: it enters the queue on demand."""
    item, _created = ReviewItem.objects.get_or_create(decision=decision,
                                                      defaults={"why": ReviewItem.Why.SAMPLE})
    return item


def set_sampling_share(share, supervisor) -> SamplingPolicy:
    return SamplingPolicy.objects.create(share=share, set_by=supervisor)


def log(user, action: str, decision_id=None, detail: str = "") -> None:
    AccessEvent.objects.create(user=user, decision_id=decision_id, action=action, detail=detail[:200])
