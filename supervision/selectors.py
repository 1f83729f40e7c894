"""Reads for supervisors: the queue, agreement rates, the access log."""

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth

from eligibility.models import Decision

from .models import AccessEvent, Review, ReviewItem

PAGE = 50


def open_items(limit: int = PAGE):
    """The items waiting for a review, oldest first. A review belongs to the version it is made
    on: a decision corrected meanwhile has left the queue (its correction has its own place)."""
    return list(ReviewItem.objects.filter(status=ReviewItem.Status.OPEN)
                .exclude(Exists(Decision.objects.filter(corrects=OuterRef("decision_id"))))
                .select_related("decision", "decision__officer").order_by("queued_at", "id")[:limit])


def agreement() -> dict:
    """Agreement rates: overall, per criterion disagreed on, per officer and per month."""
    final = Review.objects.filter(verdict__in=[Review.Verdict.CONCUR, Review.Verdict.DISAGREE])
    overall = final.aggregate(total=Count("id"), agreed=Count("id", filter=Q(verdict=Review.Verdict.CONCUR)))
    per_officer = list(final.values("item__decision__officer__username")
                       .annotate(total=Count("id"), agreed=Count("id", filter=Q(verdict=Review.Verdict.CONCUR)))
                       .order_by("item__decision__officer__username"))
    per_month = list(final.annotate(month=TruncMonth("created_at")).values("month")
                     .annotate(total=Count("id"), agreed=Count("id", filter=Q(verdict=Review.Verdict.CONCUR)))
                     .order_by("month"))
    per_criterion: dict[str, int] = {}
    for criteria in final.filter(verdict=Review.Verdict.DISAGREE).values_list("criteria", flat=True):
        for criterion in criteria:
            per_criterion[criterion] = per_criterion.get(criterion, 0) + 1
    total = overall["total"] or 0
    return {
        "total": total,
        "rate": (overall["agreed"] / total) if total else None,
        "per_officer": [{**r, "rate": r["agreed"] / r["total"]} for r in per_officer],
        "per_month": [{**r, "rate": r["agreed"] / r["total"]} for r in per_month],
        "per_criterion": {c: {"disagreed": n, "rate": 1 - n / total} for c, n in sorted(per_criterion.items())},
    }


def access_events(before_id=None, limit: int = PAGE):
    events = AccessEvent.objects.select_related("user").order_by("-id")
    if before_id:
        events = events.filter(id__lt=before_id)
    return list(events[:limit])
