"""The keep-alive the session warning pings, and the security log supervisors read."""

import time

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .models import SecurityEvent
from .signals import SEEN_AT

PAGE = 50


@require_POST
def keep_alive(request):
    """"Stay signed in": saves the session now, pushing its expiry 30 minutes on. The limits still
    apply: the middleware signs an ended session out before this runs; without a session the
    request is sent to sign in (LoginRequiredMiddleware)."""
    request.session[SEEN_AT] = int(time.time())
    return HttpResponse(status=204)


@permission_required("security.view_securityevent", raise_exception=True)
def security_log(request):
    before = request.GET.get("before", "")
    events = SecurityEvent.objects.select_related("user").order_by("-id")
    if before.isdigit():
        events = events.filter(id__lt=int(before))
    events = list(events[:PAGE])
    return render(request, "security/security_log.html", {
        "events": events, "older": events[-1].pk if len(events) == PAGE else None})


def locked_out(request, original_response=None, credentials=None):
    """django-axes's answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): the desk's own page,
    saying why and for how long, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html",
                  {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}, status=429)
