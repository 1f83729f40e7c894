"""Supervision: the review queue, supervisors' reviews, the sampling share and the access log."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.models import Decision


class SamplingPolicy(models.Model):
    """The share of finalised decisions, besides every override, that enter the review queue.
    One row; supervisors change it on the sampling page, and each change is a new row (history)."""

    share = models.DecimalField(_("share of other decisions sampled"), max_digits=4, decimal_places=3,
                                default=Decimal("0.100"),
                                validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))])
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               verbose_name=_("set by"))
    set_at = models.DateTimeField(_("set"), default=timezone.now)

    class Meta:
        verbose_name = _("sampling policy")
        get_latest_by = ["set_at", "id"]

    def __str__(self):
        return f"{self.share:%}"

    @classmethod
    def current_share(cls) -> Decimal:
        latest = cls.objects.order_by("-set_at", "-id").values_list("share", flat=True).first()
        return Decimal("0.100") if latest is None else latest


class ReviewItem(models.Model):
    """A decision in the review queue, and where its review stands."""

    class Why(models.TextChoices):
        OVERRIDE = "override", _("Departs from the indicative outcome")
        SAMPLE = "sample", _("Random quality sample")

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting review")
        CONCURRED = "concurred", _("Concurred")
        DISAGREED = "disagreed", _("Disagreed")
        RETURNED = "returned", _("Returned to the officer")
        AMENDED = "amended", _("Amended by the officer")

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="review_item",
                                    verbose_name=_("decision"))
    why = models.CharField(_("why it is reviewed"), max_length=10, choices=Why.choices)
    status = models.CharField(_("review status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    amended_by = models.OneToOneField(Decision, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="amends_review", verbose_name=_("amended by"))

    class Meta:
        verbose_name = _("review item")
        indexes = [models.Index(fields=["status", "queued_at"], name="reviewitem_queue")]

    def __str__(self):
        return f"{self.decision_id} {self.status}"


class Review(models.Model):
    """A supervisor's review of a decision. Written once; a later review is a new row."""

    class Verdict(models.TextChoices):
        CONCUR = "concur", _("Concur")
        DISAGREE = "disagree", _("Disagree")
        RETURN = "return", _("Return to the officer for amendment")

    item = models.ForeignKey(ReviewItem, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("item"))
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews",
                                   verbose_name=_("supervisor"))
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    criteria = models.JSONField(_("criteria disagreed with"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.item.decision_id} {self.verdict}"


class AccessEvent(models.Model):
    """Who did what with which decision, when. Holds ids only, never the case's personal details."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        PDF = "pdf", _("Downloaded the record")
        REVIEW = "review", _("Reviewed")
        REPLAY = "replay", _("Replayed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_events",
                             verbose_name=_("user"))
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="access_events", verbose_name=_("decision"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)  # e.g. an export's filter, no names
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("access event")
        indexes = [models.Index(fields=["decision", "-at"], name="access_decision_recent"),
                   models.Index(fields=["-at", "-id"], name="access_recent")]

    def __str__(self):
        return f"{self.user_id} {self.action} {self.decision_id}"


class DecisionTally(models.Model):
    """How many decisions share one key: the month they were recorded in (the desk's time zone)
    and every field the reports filter or group on. The reports sum these instead of counting a
    million decisions (supervision/tallies.py keeps them; reports.py reads them).

    The key holds the decision's review status too ("none" when it never entered the review
    queue, else its ``ReviewItem.status``), which changes after the decision: each change moves one
    count from the old key to the new, in the transaction that makes it."""

    month = models.DateField(_("month recorded"))  # its first day
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("officer"))
    country = models.CharField(_("country"), max_length=2)
    category = models.CharField(_("category"), max_length=20)
    noc_code = models.CharField(_("NOC 2021 code"), max_length=5)
    outcome = models.CharField(_("indicative outcome"), max_length=24)
    decision = models.CharField(_("decision"), max_length=24)
    departs = models.BooleanField(_("departs from the indicative outcome"))
    criteria_not_met = models.CharField(_("criteria not met"), max_length=120)
    review_status = models.CharField(_("review status"), max_length=10)  # tallies.NOT_QUEUED or a ReviewItem.Status
    decisions = models.PositiveIntegerField(_("decisions"))

    class Meta:
        verbose_name = _("decision tally")
        # The key: tallies.DECISION_KEY.
        constraints = [models.UniqueConstraint(fields=["month", "officer", "country", "category", "noc_code",
                                                       "outcome", "decision", "departs", "criteria_not_met",
                                                       "review_status"],
                                               name="decisiontally_key_review")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.country} {self.noc_code} {self.decision}: {self.decisions}"


class ReviewTally(models.Model):
    """How many reviews share one key: the month of the review, the verdict, and the reviewed
    decision's month recorded and the fields the reports filter on (the reports' date filters are
    on the decision's date, the agreement figure is by the review's month: both are needed),
    its review status among them: its item's status now, moved with it as ``DecisionTally``'s."""

    month = models.DateField(_("month reviewed"))  # its first day
    decision_month = models.DateField(_("month recorded"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("officer"))
    country = models.CharField(_("country"), max_length=2)
    category = models.CharField(_("category"), max_length=20)
    noc_code = models.CharField(_("NOC 2021 code"), max_length=5)
    outcome = models.CharField(_("indicative outcome"), max_length=24)
    decision = models.CharField(_("decision"), max_length=24)
    departs = models.BooleanField(_("departs from the indicative outcome"))
    verdict = models.CharField(_("verdict"), max_length=10)
    review_status = models.CharField(_("review status"), max_length=10)  # its item's ReviewItem.Status
    reviews = models.PositiveIntegerField(_("reviews"))

    class Meta:
        verbose_name = _("review tally")
        # The key: tallies.REVIEW_KEY.
        constraints = [models.UniqueConstraint(fields=["month", "decision_month", "officer", "country", "category",
                                                       "noc_code", "outcome", "decision", "departs", "verdict",
                                                       "review_status"],
                                               name="reviewtally_key_review")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.country} {self.noc_code} {self.verdict}: {self.reviews}"
