"""Change sets: how rule data changes. Rules admins never edit the rules in force; they edit a
draft change set, submit it, and a second rules admin (not the author) approves it with the date
it takes effect, which publishes it. Published rows are never changed again (the database refuses
it, migration 0006): a later change set replaces or removes them from its own effective date.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ChangeSet(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("why"), blank=True, help_text=_("What changed in the instructions, with the section or notice."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="authored_change_sets", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="approved_change_sets", verbose_name=_("approved by"))
    effective_from = models.DateField(_("takes effect on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("history of the change set"))

    class Meta:
        verbose_name = _("change set")
        verbose_name_plural = _("change sets")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False, effective_from__isnull=False),
                name="change_set_published_has_date",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT
