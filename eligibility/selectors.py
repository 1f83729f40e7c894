"""Reads for the assessment pages. Object scope lives here: an officer sees their own drafts and
decisions; a supervisor sees every decision."""

from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from eligibility.models import Assessment, Decision

HOME_LIMIT = 20


def drafts_for(officer, limit: int = HOME_LIMIT):
    return list(Assessment.objects.filter(officer=officer, decision__isnull=True).order_by("-updated_at")[:limit])


def latest_versions(decisions: QuerySet) -> QuerySet:
    """The decisions no later decision corrects: each application once, as it stands now. An
    anti-join on the corrections' unique index (eligibility 0008), one probe per decision."""
    return decisions.filter(~Exists(Decision.objects.filter(corrects=OuterRef("pk"))))


def recent_decisions_for(officer, limit: int = HOME_LIMIT):
    """The officer's latest decisions, each application once (a corrected decision gives way
    to its correction), with their own review status."""
    return list(latest_versions(Decision.objects.filter(officer=officer)).select_related("review_item", "corrects")
                .order_by("-created_at", "-id")[:limit])


def returned_to(officer, limit: int = HOME_LIMIT):
    """The officer's decisions a supervisor disagreed with or returned, not amended yet."""
    return list(latest_versions(Decision.objects.filter(officer=officer,
                                                        review_item__status__in=("returned", "disagreed")))
                .select_related("review_item").prefetch_related("review_item__reviews")
                .order_by("-created_at", "-id")[:limit])


def correction_draft_of(decision: Decision) -> Assessment | None:
    """A draft correcting ``decision`` not finalised yet, the latest saved, with its officer."""
    return (Assessment.objects.select_related("officer").filter(corrects=decision, decision__isnull=True)
            .order_by("-updated_at", "-id").first())


def draft_for(officer, pk: int) -> Assessment:
    """The officer's own assessment (404 for anyone else's), with its decision if it has one."""
    return get_object_or_404(Assessment.objects.select_related("decision", "corrects"), pk=pk, officer=officer)


def decision_for(user, pk: int) -> Decision:
    decisions = Decision.objects.select_related("officer", "corrects")
    if not user.has_perm("eligibility.view_decision"):
        decisions = decisions.none()
    elif not is_supervisor(user):
        decisions = decisions.filter(officer=user)
    return get_object_or_404(decisions, pk=pk)


def is_supervisor(user) -> bool:
    from config.roles import SUPERVISOR

    return user.groups.filter(name=SUPERVISOR.group_name).exists()


def corrections_of(decision: Decision):
    return list(decision.corrections.order_by("created_at", "id"))
