"""Writes: starting and saving assessments, recording decisions. The wizard and the batch
command both record through ``record_decision``."""

from datetime import date

from django.db import transaction
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


def record_decision(*, officer, facts: rulebook.Facts, decision: OfficerDecision, details: dict | None = None,
                    departure_reason_code: str = "", departure_reason: str = "", notes: str = "",
                    assessment: Assessment | None = None, corrects: Decision | None = None,
                    correction_reason: str = "", source: Source = Source.WIZARD,
                    identity: dict | None = None, issued_on: date | None = None) -> Decision:
    """Assess the facts against the rules in force on their receipt date and record the decision.

    Safe to retry: an assessment that already has its decision returns it unchanged.
    """
    if assessment is not None:
        existing = Decision.objects.filter(assessment=assessment).first()
        if existing is not None:
            return existing
    ruleset = ruleset_on(facts.received_on)
    result = rulebook.assess(facts, ruleset)
    decision = OfficerDecision(decision)
    departs = departs_from(result.outcome, decision)
    details = details or {}
    passport = details.get("passport_expiry")
    valid_until = None
    if decision == OfficerDecision.APPROVE:
        valid_until = permit_valid_until(issued_on or timezone.localdate(), result.work_permit_max_months,
                                         date.fromisoformat(passport) if passport else None)
    identity = identity or {}
    with transaction.atomic():
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
            noc_code=facts.noc_code,
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
