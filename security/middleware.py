"""The session's idle and absolute limits, and permission refusals into the security log."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from . import services
from .models import SecurityEvent
from .signals import ENDED_BY_LIMIT, SEEN_AT, SIGNED_IN_AT


class SessionLimitsMiddleware:
    """A signed-in session ends 30 minutes after its last request (SESSION_COOKIE_AGE) and 12 hours
    after sign-in however active (SESSION_ABSOLUTE_LIMIT); then the officer is signed out and sent
    to sign in again with a message. Needs the session, the user and messages.

    The idle limit is first the session store's: a saved session expires SESSION_COOKIE_AGE later,
    in the database and in the browser. A request saves it (pushing that expiry on) only when the
    last save is SESSION_REFRESH_AFTER old, so most requests write nothing. The check on SEEN_AT
    below is the same limit, for a session the store has not dropped yet (and it gives a message)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            # A session from before these limits existed starts its clocks now rather than
            # signing everyone out at once.
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            seen_at = session.setdefault(SEEN_AT, now)
            if now - signed_in_at >= settings.SESSION_ABSOLUTE_LIMIT:
                return self._end(request, _("You were signed out: a session lasts at most 12 hours. "
                                            "Sign in again to continue."))
            if now - seen_at >= settings.SESSION_COOKIE_AGE:
                return self._end(request, _("You were signed out after 30 minutes without activity. "
                                            "Sign in again to continue."))
            if now - seen_at >= settings.SESSION_REFRESH_AFTER:
                session[SEEN_AT] = now  # saved at the end of the request: the expiry moves on
        return self.get_response(request)

    @staticmethod
    def _end(request, message):
        setattr(request, ENDED_BY_LIMIT, True)
        logout(request)
        messages.info(request, message)
        return redirect_to_login(request.get_full_path())


class RecordRefusalsMiddleware:
    """Every 403 answered to a request, whatever refused it (a permission check in a view or
    decorator, the admin, CSRF), goes into the security log. Being sent to sign in is not a
    refusal, nor is a lockout (429, logged as a failed sign-in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            services.record(SecurityEvent.Kind.REFUSED, request, user=user)
        return response
