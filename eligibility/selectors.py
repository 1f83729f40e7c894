"""Reads for the assessment pages. Object scope lives here: an officer sees their own drafts and
decisions; a supervisor sees every decision."""

from django.shortcuts import get_object_or_404

from eligibility.models import Assessment, Decision

HOME_LIMIT = 20


def drafts_for(officer, limit: int = HOME_LIMIT):
    return list(Assessment.objects.filter(officer=officer, decision__isnull=True).order_by("-updated_at")[:limit])


def recent_decisions_for(officer, limit: int = HOME_LIMIT):
    return list(Decision.objects.filter(officer=officer).order_by("-created_at", "-id")[:limit])


def returned_to(officer, limit: int = HOME_LIMIT):
    """The officer's decisions a supervisor disagreed with or returned, not amended yet."""
    return list(Decision.objects.filter(officer=officer, review_item__status__in=("returned", "disagreed"))
                .select_related("review_item").prefetch_related("review_item__reviews")
                .order_by("-created_at", "-id")[:limit])


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
