"""Which recorded decisions enter the review queue: every override, and a random share of the
others (the sampling policy). Also closes a returned review when the officer's amendment lands."""

import secrets
from decimal import Decimal

from .models import ReviewItem, SamplingPolicy

_RESOLUTION = 1_000_000


def sampled(share: Decimal) -> bool:
    """True with probability ``share``, from the system's random source (not reproducible on
    purpose: officers must not be able to predict which decisions are sampled)."""
    return secrets.randbelow(_RESOLUTION) < int(share * _RESOLUTION)


def on_decision_recorded(sender, decision, **kwargs):
    if decision.corrects_id:
        waiting = (ReviewItem.Status.RETURNED, ReviewItem.Status.DISAGREED)
        ReviewItem.objects.filter(decision_id=decision.corrects_id, status__in=waiting).update(
            status=ReviewItem.Status.AMENDED, amended_by=decision)
    if decision.departs:
        ReviewItem.objects.create(decision=decision, why=ReviewItem.Why.OVERRIDE)
    elif sampled(SamplingPolicy.current_share()):
        ReviewItem.objects.create(decision=decision, why=ReviewItem.Why.SAMPLE)
