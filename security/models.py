"""The security log: sign-ins, failed sign-ins, sign-outs and permission refusals.

Insert-only (a database trigger refuses changes, security/migrations/0002). It holds who, from
where, which page (its path, never the query string, where a search may carry a name) and when:
never an applicant's details.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Sign-in refused: too many failures")
        SIGNED_OUT = "signed_out", _("Signed out")
        SESSION_LIMIT = "session_limit", _("Signed out: session time limit")
        REFUSED = "refused", _("Permission refused")

    kind = models.CharField(_("event"), max_length=20, choices=Kind.choices)
    # The account when known; ``username`` is what was typed, kept for failures (no account may match).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="security_events", verbose_name=_("user"))
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        indexes = [models.Index(fields=["-at", "-id"], name="security_event_recent")]

    def __str__(self):
        return f"{self.kind} {self.username} {self.at:%Y-%m-%d %H:%M:%S}"
