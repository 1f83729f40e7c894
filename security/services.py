"""Writes of the security log."""

from .models import SecurityEvent
from .network import client_ip

USERNAME_LENGTH = SecurityEvent._meta.get_field("username").max_length
PATH_LENGTH = SecurityEvent._meta.get_field("path").max_length


def record(kind: str, request=None, *, user=None, username: str = "") -> SecurityEvent:
    """One event. ``username`` defaults to the user's; for a failure it is what was typed (trimmed)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if not username and user is not None:
        username = user.get_username()
    ip_address, path = None, ""
    if request is not None:
        ip_address = client_ip(request)
        path = request.path[:PATH_LENGTH]  # the path only: a query string may carry a searched name
    return SecurityEvent.objects.create(kind=kind, user=user, username=str(username or "")[:USERNAME_LENGTH],
                                        ip_address=ip_address, path=path)
