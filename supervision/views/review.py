"""The review queue, reviewing a decision, the sampling share with agreement rates, the access log."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from eligibility import selectors as decisions
from eligibility.views import decision_context

from .. import selectors, services
from ..forms import ReviewForm, SamplingForm
from ..models import AccessEvent, ReviewItem, SamplingPolicy

supervisor_only = permission_required("supervision.view_reviewitem", raise_exception=True)


@supervisor_only
def queue(request):
    return render(request, "supervision/queue.html", {"items": selectors.open_items()})


@supervisor_only
def review_decision(request, pk: int):
    """The full record and the working, and the supervisor's review of it."""
    decision = decisions.decision_for(request.user, pk)
    item = ReviewItem.objects.filter(decision=decision).first()
    form = ReviewForm(request.POST if request.method == "POST" else None)  # an empty POST is refused
    if request.method == "POST" and form.is_valid():
        item = item or services.queue_for_review(decision)
        try:
            services.review(item_id=item.pk, supervisor=request.user, verdict=form.cleaned_data["verdict"],
                            criteria=form.cleaned_data["criteria"], comment=form.cleaned_data["comment"])
        except services.ReviewConflict as conflict:
            messages.error(request, str(conflict))
        else:
            messages.success(request, _("Review recorded."))
        return redirect("supervision:review", pk=decision.pk)
    if request.method != "POST":
        services.log(request.user, AccessEvent.Action.VIEW, decision.pk)
    context = decision_context(request, decision)
    context.update({"item": item, "form": form, "reviews": list(item.reviews.select_related("supervisor"))
                    if item else [],
                    # A corrected decision is reviewed no more: its correction is (services.review).
                    "can_review": (item is None or item.status == ReviewItem.Status.OPEN) and not context["corrections"]})
    return render(request, "supervision/review.html", context)


@supervisor_only
def sampling(request):
    current = SamplingPolicy.current_share()
    form = SamplingForm(request.POST if request.method == "POST" else None, initial={"percent": current * 100})
    if request.method == "POST" and form.is_valid():
        services.set_sampling_share(form.cleaned_data["percent"] / 100, request.user)
        messages.success(request, _("Sampling share saved."))
        return redirect("supervision:sampling")
    return render(request, "supervision/sampling.html", {
        "form": form, "share": current, "agreement": selectors.agreement(),
        "history": SamplingPolicy.objects.select_related("set_by").order_by("-set_at", "-id")[:10],
    })


@permission_required("supervision.view_accessevent", raise_exception=True)
def access_log(request):
    before = request.GET.get("before")
    # A page link holds an event id; anything else (a forged, cut or huge number) starts at the newest.
    events = selectors.access_events(int(before) if before and re.fullmatch(r"[0-9]{1,18}", before) else None)
    return render(request, "supervision/access_log.html", {
        "events": events, "older": events[-1].pk if len(events) == selectors.PAGE else None})
