"""Assessments while officers work them, and the decisions they record.

An ``Assessment`` is a draft: the answers of each wizard step, saved as the officer goes, so work
survives a closed tab, a logout or an expired session. A ``Decision`` is final: insert-only (no
update or delete path in the app, and database triggers refuse both, see migration 0002). A
correction is a new decision that names the one it corrects, with its reason. Every decision is
appended to a hash chain as it is inserted (``chain``; ``eligibility/integrity.py``), so a row
changed or removed behind the application's back is found by ``manage.py verify_decisions``.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, router, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility import integrity
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


class ChainHead(models.Model):
    """The end of the decisions' hash chain: one row (id 1), the last decision's sequence and
    hash. Appending locks it until the transaction ends, so two finalisations never chain to
    the same predecessor; ``verify_decisions`` compares it with the last row, which is how the
    removal of the latest decisions is found."""

    ROW = 1
    sequence = models.PositiveBigIntegerField(default=0)
    record_hash = models.CharField(max_length=64, default=integrity.GENESIS)

    def __str__(self):
        return f"{self.sequence} {self.record_hash}"

    @classmethod
    def take(cls, using: str) -> "ChainHead":
        """The head, locked until the transaction ends. An UPDATE comes first, not a plain read:
        it takes the row lock on PostgreSQL and the write lock on SQLite before anything is read
        (a SELECT FOR UPDATE is silently a plain SELECT on SQLite)."""
        heads = cls.objects.using(using).filter(pk=cls.ROW)
        if not heads.update(sequence=F("sequence")):
            # Only an emptied database (a test flush) lacks it. With decisions left, a missing
            # head is tampering, and starting afresh would hide it.
            if Decision.objects.using(using).exists():
                raise IntegrityError("The decisions' chain head is missing: run manage.py verify_decisions.")
            try:
                with transaction.atomic(using=using):
                    cls.objects.using(using).create(pk=cls.ROW)
            except IntegrityError:
                pass  # created meanwhile by a concurrent first append
            heads.update(sequence=F("sequence"))
        return heads.get()


def chain(decisions: list, using: str = "default") -> None:
    """Give unsaved decisions, in order, their place in the chain and their hashes, and move the
    head past them. Must run in the transaction that inserts them: the head stays locked until
    it ends, and if the insert fails the head goes back with it."""
    if not transaction.get_connection(using).in_atomic_block:
        raise transaction.TransactionManagementError("chain() must run inside the inserting transaction")
    head = ChainHead.take(using)
    sequence, previous = head.sequence, head.record_hash
    for decision in decisions:
        sequence += 1
        decision.sequence, decision.previous_hash = sequence, previous
        decision.record_hash = previous = integrity.record_hash(integrity.record_of(decision), sequence=sequence,
                                                                previous_hash=previous)
    ChainHead.objects.using(using).filter(pk=ChainHead.ROW).update(sequence=sequence, record_hash=previous)


class DecisionQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Chained in the order given, like ``save()``: no ORM path inserts a decision outside
        the chain. Conflict options are refused: a skipped row would leave a hole in it."""
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise ValueError("Recorded decisions are inserted whole or not at all.")
        objs = list(objs)
        with transaction.atomic(using=self.db):
            chain(objs, using=self.db)
            return super().bulk_create(objs, *args, **kwargs)


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
    noc_code = models.CharField(_("NOC 2021 code"), max_length=5, blank=True)  # blank: never entered

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

    # Blank when the employment offered was never entered (a case decided on an earlier criterion).
    work_permit_max_months = models.PositiveSmallIntegerField(_("longest permit the rules allow (months)"),
                                                              null=True, blank=True)
    permit_valid_until = models.DateField(_("permit valid until"), null=True, blank=True)
    spouse_open_work_permit = models.BooleanField(_("spouse open work permit (T53)"), null=True)

    corrects = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
                                 verbose_name=_("corrects"))
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    # The hash chain (eligibility/integrity.py): set by ``chain`` at the insert, never by hand.
    sequence = models.PositiveBigIntegerField(_("position in the chain"), unique=True, editable=False)
    previous_hash = models.CharField(_("previous record hash"), max_length=64, editable=False)
    record_hash = models.CharField(_("record hash"), max_length=64, editable=False)

    objects = DecisionQuerySet.as_manager()

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
            # Exact and prefix (LIKE 'W3%') on any collation. Covering the keys the search sorts
            # on, it gives a page's ids without reading the table (PostgreSQL's index-only scan):
            # "W312" matched 5,982 of a million decisions, read one table page each (296 ms).
            models.Index(fields=["application_number"], opclasses=["varchar_pattern_ops"],
                         include=["created_at", "received_on", "id"], name="decision_application_number"),
            # The reports' days at either end of a date range that cuts a month (supervision/
            # reports.py, Combined): every column they filter and count on, so those days are read
            # from this index alone (25,000 decisions: 6,357 table pages, or 258 index pages).
            models.Index(fields=["created_at"], include=["id", "officer", "country", "category", "noc_code", "outcome",
                                                         "decision", "departs", "criteria_not_met"],
                         name="decision_recorded_figures"),
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
            models.CheckConstraint(condition=~Q(previous_hash="") & ~Q(record_hash=""), name="decision_chained"),
            # At most one correction per decision (migration 0008). Partial, over the corrections
            # only: a small index that also answers "what corrects this decision?", and on SQLite
            # an index of its own rather than a rebuild of the table (which drops its triggers).
            models.UniqueConstraint(fields=["corrects"], condition=Q(corrects__isnull=False),
                                    name="decision_one_correction",
                                    violation_error_message=_("This decision has already been corrected.")),
        ]

    def __str__(self):
        return f"{self.application_number or self.pk} — {self.get_decision_display()}"

    def save(self, *args, **kwargs):
        # Insert-only. The database triggers are the guarantee; this says it early and plainly.
        if self.pk is not None and not self._state.adding:
            raise ValueError("A recorded decision cannot be changed; record a correction instead.")
        self.criteria_not_met = criteria_not_met(self.working)
        using = kwargs.get("using") or router.db_for_write(Decision, instance=self)
        with transaction.atomic(using=using):
            chain([self], using=using)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A recorded decision cannot be deleted.")

    @property
    def needs_supervisor_review(self) -> bool:
        return self.departs
