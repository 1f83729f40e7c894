"""Assessments while officers work them, and the decisions they record.

An ``Assessment`` is a draft: the answers of each wizard step, saved as the officer goes, so work
survives a closed tab, a logout or an expired session. A ``Decision`` is final: insert-only (no
update or delete path in the app, and database triggers refuse both, see migration 0002). A
correction is a new decision that names the one it corrects, with its reason.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.choices import DepartureReason, OfficerDecision, Source
from eligibility.rulebook.codes import Criterion, Outcome, Result

OUTCOME_CHOICES = [
    (Outcome.ELIGIBLE.value, _("Eligible")),
    (Outcome.NOT_ELIGIBLE.value, _("Not eligible")),
    (Outcome.NEEDS_OFFICER_REVIEW.value, _("Needs officer review")),
]


def criteria_not_met(working: dict) -> str:
    """The codes of the criteria a working found not met, for ``Decision.criteria_not_met``.
    ``bulk_create`` skips ``save()``: code that bulk-creates decisions sets the column with this."""
    results = (working or {}).get("criteria") or {}
    return " ".join(c.value for c in Criterion if (results.get(c.value) or {}).get("result") == Result.NOT_MET)


class Assessment(models.Model):
    """A draft assessment: one row per case being worked, its answers keyed by step."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments",
                                verbose_name=_("officer"))
    answers = models.JSONField(_("answers"), default=dict, encoder=DjangoJSONEncoder)
    corrects = models.ForeignKey("Decision", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="correction_drafts", verbose_name=_("corrects decision"))
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["officer", "-updated_at"], name="assessment_officer_recent")]

    def __str__(self):
        number = (self.answers.get("case") or {}).get("application_number") or _("(no number yet)")
        return f"{number}"

    @property
    def is_finalised(self) -> bool:
        return hasattr(self, "decision")


class Decision(models.Model):
    """A recorded decision: the facts, the rules it was assessed against, the working, the
    officer's decision and reasons. Never changed once written."""

    assessment = models.OneToOneField(Assessment, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="decision", verbose_name=_("assessment"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions",
                                verbose_name=_("officer"))
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    source = models.CharField(_("recorded through"), max_length=10, choices=Source.choices, default=Source.WIZARD)

    # What a supervisor searches and sorts by, copied out of the facts.
    application_number = models.CharField(_("application number"), max_length=20, blank=True)
    uci = models.CharField(_("UCI"), max_length=10, blank=True)
    applicant_name = models.CharField(_("applicant name"), max_length=200, blank=True)
    received_on = models.DateField(_("received"))
    country = models.CharField(_("country"), max_length=2)
    category = models.CharField(_("category"), max_length=20)
    noc_code = models.CharField(_("NOC 2021 code"), max_length=5)

    # Reproducibility: the facts (in the batch contract's case format), the rule-set version
    # and the engine's working.
    facts = models.JSONField(_("facts"), encoder=DjangoJSONEncoder)
    details = models.JSONField(_("other details of the case"), default=dict, encoder=DjangoJSONEncoder)
    rules_version = models.CharField(_("rules version"), max_length=16)
    working = models.JSONField(_("working"), encoder=DjangoJSONEncoder)
    outcome = models.CharField(_("indicative outcome"), max_length=24, choices=OUTCOME_CHOICES)
    # The working's criteria found not met, as their codes (space-separated, in the officer's
    # order), written with the decision: the reports count these without reading the working,
    # a large JSON value stored out of line (a million of them took over ten seconds).
    criteria_not_met = models.CharField(_("criteria not met"), max_length=120, blank=True, editable=False)

    decision = models.CharField(_("decision"), max_length=24, choices=OfficerDecision.choices)
    departs = models.BooleanField(_("departs from the indicative outcome"), default=False)
    departure_reason_code = models.CharField(_("reason for departing"), max_length=32, blank=True,
                                             choices=DepartureReason.choices)
    departure_reason = models.TextField(_("written reason for departing"), blank=True)
    notes = models.TextField(_("officer's notes"), blank=True)

    work_permit_max_months = models.PositiveSmallIntegerField(_("longest permit the rules allow (months)"))
    permit_valid_until = models.DateField(_("permit valid until"), null=True, blank=True)
    spouse_open_work_permit = models.BooleanField(_("spouse open work permit (T53)"), null=True)

    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
                                 verbose_name=_("corrects"))
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="decision_recent"),
            models.Index(fields=["officer", "-created_at", "-id"], name="decision_officer_recent"),
            # The supervisors' decision search (supervision/search.py): one per common filter
            # prefix, each ending in the keyset order; the received index serves both its sorts.
            models.Index(fields=["country", "-created_at", "-id"], name="decision_country_recent"),
            models.Index(fields=["noc_code", "-created_at", "-id"], name="decision_noc_recent"),
            models.Index(fields=["-created_at", "-id"], condition=Q(departs=True), name="decision_departs_recent"),
            models.Index(fields=["-received_on", "-id"], name="decision_received_recent"),
            models.Index(fields=["application_number"], opclasses=["varchar_pattern_ops"],
                         name="decision_application_number"),  # exact and prefix (LIKE 'W3%') on any collation
            models.Index(fields=["uci"], name="decision_uci"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(departs=False) | (~Q(departure_reason_code="") & ~Q(departure_reason="")),
                name="decision_departure_has_reasons",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_reason=""),
                name="decision_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.application_number or self.pk} — {self.get_decision_display()}"

    def save(self, *args, **kwargs):
        # Insert-only. The database triggers are the guarantee; this says it early and plainly.
        if self.pk is not None and not self._state.adding:
            raise ValueError("A recorded decision cannot be changed; record a correction instead.")
        self.criteria_not_met = criteria_not_met(self.working)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A recorded decision cannot be deleted.")

    @property
    def needs_supervisor_review(self) -> bool:
        return self.departs
