"""Writes: starting and saving assessments, recording decisions. The wizard and the batch
command both record through ``record_decision``."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from eligibility import rulebook
from eligibility.casefile import case_dict
from eligibility.choices import OfficerDecision, Source
from eligibility.models import Assessment, Decision
from eligibility.rulebook.codes import Outcome
from eligibility.rulebook.counting import permit_valid_until
from eligibility.signals import decision_recorded
from eligibility.snapshot import ruleset_on


def start_assessment(officer, corrects: Decision | None = None, answers: dict | None = None) -> Assessment:
    return Assessment.objects.create(officer=officer, corrects=corrects, answers=answers or {})


def save_step(assessment: Assessment, step: str, answers: dict) -> None:
    """Save one step's answers; the other steps' answers are kept as they are."""
    assessment.answers[step] = answers
    assessment.updated_at = timezone.now()
    assessment.save(update_fields=["answers", "updated_at"])


def departs_from(outcome: Outcome, decision: OfficerDecision) -> bool:
    """Approving what the rules find not eligible, or refusing or questioning what they find
    eligible. Where the rules leave the case to the officer, any decision is the officer's."""
    if outcome is Outcome.ELIGIBLE:
        return decision != OfficerDecision.APPROVE
    if outcome is Outcome.NOT_ELIGIBLE:
        return decision == OfficerDecision.APPROVE
    return False


class AlreadyDecided(Exception):
    """The assessment was decided already (by another tab, a double click, a retry)."""

    def __init__(self, decision: Decision):
        super().__init__(f"assessment already decided: decision {decision.pk}")
        self.decision = decision


class AlreadyCorrected(Exception):
    """The decision to be corrected has a correction already: at most one per decision (the
    database's ``decision_one_correction``). ``correction`` is the one that stands."""

    def __init__(self, correction: Decision):
        super().__init__(f"decision {correction.corrects_id} already corrected: decision {correction.pk}")
        self.correction = correction


def correction_of(decision: Decision) -> Decision | None:
    """The decision that corrects ``decision``, if any (one at most; the constraint's index)."""
    return Decision.objects.select_related("officer").filter(corrects=decision).first()


def _lock_and_find_decision(assessment: Assessment) -> Decision | None:
    """Lock the draft's row until the transaction ends, then look for its decision. The lookup
    runs after the lock is granted, so under READ COMMITTED it sees a decision that the
    transaction we waited for has just committed. (SQLite has no row locks: a second concurrent
    writer there fails, database locked or the one-decision constraint, but never duplicates.)"""
    Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("pk", flat=True).first()
    return Decision.objects.filter(assessment_id=assessment.pk).first()


def record_decision(**kwargs) -> Decision:
    """Record a decision (``_record_decision`` says how). A correction that the database refuses,
    because another correction of the same decision was committed between the look for one and
    the insert, raises ``AlreadyCorrected`` with the one that stands, not the IntegrityError."""
    try:
        return _record_decision(**kwargs)
    except IntegrityError:
        corrects = kwargs.get("corrects")
        standing = correction_of(corrects) if corrects is not None else None
        if standing is None:
            raise
        raise AlreadyCorrected(standing) from None


def _record_decision(*, officer, facts: rulebook.Facts, decision: OfficerDecision, details: dict | None = None,
                    departure_reason_code: str = "", departure_reason: str = "", notes: str = "",
                    assessment: Assessment | None = None, corrects: Decision | None = None,
                    correction_reason: str = "", source: Source = Source.WIZARD,
                    identity: dict | None = None, issued_on: date | None = None,
                    refuse_if_decided: bool = False) -> Decision:
    """Assess the facts against the rules in force on their receipt date and record the decision.

    Safe to retry: an assessment that already has its decision returns it unchanged, or, with
    ``refuse_if_decided`` (the wizard: the officer must be told), raises ``AlreadyDecided``.

    Concurrent attempts on one assessment are serialised on its row (``SELECT ... FOR UPDATE``
    in the decision's transaction): the first records, each later one waits for it to commit,
    then finds its decision. Without the lock both would miss it and the second insert would hit
    the one-decision-per-assessment constraint (an IntegrityError, a 500 for the officer).

    A correction of a decision that has one already raises ``AlreadyCorrected``, whether that
    one was there before or is committed meanwhile (the database's constraint refuses the
    second; the refusal is turned into the exception, never a 500).
    """
    ruleset = ruleset_on(facts.received_on)
    result = rulebook.assess(facts, ruleset)
    decision = OfficerDecision(decision)
    departs = departs_from(result.outcome, decision)
    details = details or {}
    passport = details.get("passport_expiry")
    valid_until = None
    if decision == OfficerDecision.APPROVE and result.work_permit_max_months is not None:
        valid_until = permit_valid_until(issued_on or timezone.localdate(), result.work_permit_max_months,
                                         date.fromisoformat(passport) if passport else None)
    identity = identity or {}
    with transaction.atomic():
        if assessment is not None:
            existing = _lock_and_find_decision(assessment)
            if existing is not None:
                if refuse_if_decided:
                    raise AlreadyDecided(existing)
                return existing
        if corrects is not None and (standing := correction_of(corrects)) is not None:
            raise AlreadyCorrected(standing)
        recorded = Decision.objects.create(
            assessment=assessment,
            officer=officer,
            source=source,
            application_number=identity.get("application_number") or (facts.reference or "")[:20],
            uci=identity.get("uci", ""),
            applicant_name=identity.get("applicant_name", ""),
            received_on=facts.received_on,
            country=facts.country,
            category=facts.category.value,
            noc_code=facts.noc_code or "",  # blank: the occupation was never entered
            facts=case_dict(facts),
            details=details,
            rules_version=result.rules_version,
            working=result.as_dict(),
            outcome=result.outcome.value,
            decision=decision.value,
            departs=departs,
            departure_reason_code=departure_reason_code if departs else "",
            departure_reason=departure_reason if departs else "",
            notes=notes,
            work_permit_max_months=result.work_permit_max_months,
            permit_valid_until=valid_until,
            spouse_open_work_permit=result.spouse_open_work_permit,
            corrects=corrects,
            correction_reason=correction_reason,
        )
        # Supervision samples and tracks decisions; it listens rather than being called from here.
        decision_recorded.send(sender=Decision, decision=recorded)
        return recorded
