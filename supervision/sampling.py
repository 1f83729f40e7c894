"""Which recorded decisions enter the review queue: every override, and a random share of the
others (the sampling policy). Also closes a returned review when the officer's amendment lands.
A new item moves its decision's count in the reports' tallies on its own ``post_save``; a status
changed by a queryset UPDATE is moved here (supervision/tallies.py)."""

import secrets
from decimal import Decimal

from django.db import transaction

from . import tallies
from .models import ReviewItem, SamplingPolicy

_RESOLUTION = 1_000_000


def sampled(share: Decimal) -> bool:
    """True with probability ``share``, from the system's random source (not reproducible on
    purpose: officers must not be able to predict which decisions are sampled)."""
    return secrets.randbelow(_RESOLUTION) < int(share * _RESOLUTION)


def close_amended(decision) -> None:
    """The review of the decision that ``decision`` corrects is closed, if it was waiting for the
    officer (returned, or disagreed with). The item is read locked, then moved by a conditional
    UPDATE from the status read, so the reports' tallies move from that status (tallies.py)."""
    waiting = (ReviewItem.Status.RETURNED, ReviewItem.Status.DISAGREED)
    amended = ReviewItem.Status.AMENDED
    with transaction.atomic(savepoint=False):  # record_decision's transaction; one of its own otherwise
        item = (ReviewItem.objects.select_for_update().filter(decision_id=decision.corrects_id, status__in=waiting)
                .only("id", "decision_id", "status").first())
        if item is not None and ReviewItem.objects.filter(pk=item.pk, status=item.status).update(
                status=amended, amended_by=decision):
            tallies.status_moved(item, item.status, amended)


def on_decision_recorded(sender, decision, **kwargs):
    """In ``record_decision``'s transaction, after the decision's insert (and its tally's)."""
    if decision.corrects_id:
        close_amended(decision)
    if decision.departs:
        ReviewItem.objects.create(decision=decision, why=ReviewItem.Why.OVERRIDE)
    elif sampled(SamplingPolicy.current_share()):
        ReviewItem.objects.create(decision=decision, why=ReviewItem.Why.SAMPLE)
