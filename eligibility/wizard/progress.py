"""What the answers so far already settle, asked of the engine (never worked out here)."""

from datetime import date

from eligibility import rulebook
from eligibility.casefile import CaseError
from eligibility.rulebook.codes import Result
from eligibility.snapshot import ruleset_on
from eligibility.working import criterion_rows

from .answers import facts_from_answers


def assess_answers(answers: dict, today: date):
    """(facts, assessment) for the answers so far, the criteria of unanswered steps not assessed;
    (None, None) before the case step or when no rules were in force on the date received."""
    if "case" not in answers:
        return None, None
    try:
        facts = facts_from_answers(answers, today)
        return facts, rulebook.assess(facts, ruleset_on(facts.received_on))
    except (CaseError, rulebook.NoRulesInForce):
        return None, None


def settled_against(answers: dict, today: date):
    """Criteria the answers already settle against the applicant: not met on the facts entered
    (a criterion whose facts are not all entered is not assessed, never not met)."""
    _facts, result = assess_answers(answers, today)
    if result is None:
        return []
    return [row for row in criterion_rows(result.as_dict()) if row.result == Result.NOT_MET.value]
