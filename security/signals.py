"""Sign-ins, failed sign-ins and sign-outs into the security log, from Django's own signals (so
every way in or out is caught: the desk's sign-in page, the admin's, a session ending)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from . import services
from .models import SecurityEvent

SIGNED_IN_AT = "security.signed_in_at"  # session keys, epoch seconds: when this session signed in,
SEEN_AT = "security.seen_at"  # and when it was last saved for a request (security/middleware.py)
ENDED_BY_LIMIT = "security_session_limit"  # request attribute: the sign-out is a session limit's


def on_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = int(time.time())
    services.record(SecurityEvent.Kind.SIGNED_IN, request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # django-axes's receiver (connected first: "axes" comes before "security" in INSTALLED_APPS)
    # has flagged the request when this attempt is refused or ends in a lockout.
    locked = getattr(request, "axes_locked_out", False)
    kind = SecurityEvent.Kind.LOCKED_OUT if locked else SecurityEvent.Kind.SIGN_IN_FAILED
    services.record(kind, request, username=credentials.get("username", ""))


def on_logged_out(sender, request, user, **kwargs):
    if user is None:  # signing out without a session: nothing happened
        return
    limit = getattr(request, ENDED_BY_LIMIT, False)
    services.record(SecurityEvent.Kind.SESSION_LIMIT if limit else SecurityEvent.Kind.SIGNED_OUT, request, user=user)


def connect():
    user_logged_in.connect(on_logged_in, dispatch_uid="security.logged_in")
    user_login_failed.connect(on_login_failed, dispatch_uid="security.login_failed")
    user_logged_out.connect(on_logged_out, dispatch_uid="security.logged_out")
