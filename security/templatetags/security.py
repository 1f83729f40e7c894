"""The idle-session warning's markup, for base.html: no inline script (CSP); the timings, the
keep-alive address and the CSRF token travel as data- attributes to static/js/session-timeout.js."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("security/session_timeout.html", takes_context=True)
def session_timeout_warning(context):
    idle = settings.SESSION_COOKIE_AGE
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "warn_after": max(idle - settings.SESSION_WARNING_BEFORE, 0),
        "expire_after": idle,
        "warning_minutes": settings.SESSION_WARNING_BEFORE // 60,
    }
