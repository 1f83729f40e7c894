"""The T52 rules engine: pure Python, no Django, one entry point.

    assess(facts, ruleset) -> Assessment

``facts`` is what the officer found (``facts.Facts``); ``ruleset`` is the rule data in force on
the application's receipt date (``ruleset.RuleSet``). The answer carries, per criterion, the
findings with their rule ids, message codes and figures, so that any decision can be explained
and replayed.
"""

from .codes import Criterion
from .facts import Facts
from .outcome import Assessment, CriterionResult, outcome_of
from .rules import EVALUATORS, REGISTRY, entered, stay
from .ruleset import NoRulesInForce, RuleSet

# The criteria in the contract's order with their evaluators, listed once rather than per case.
_IN_ORDER = tuple((criterion, EVALUATORS[criterion]) for criterion in Criterion)


def assess(facts: Facts, ruleset: RuleSet) -> Assessment:
    """Raises ``NoRulesInForce`` when no criteria for the case's category are in force."""
    if not ruleset.covers(facts.category):
        raise NoRulesInForce(facts.category)
    criteria = tuple(CriterionResult(criterion, _findings(criterion, evaluate, facts, ruleset))
                     for criterion, evaluate in _IN_ORDER)
    permit = stay.length_of_stay(facts, ruleset)
    outcome = outcome_of(c.result for c in criteria)
    spouse = stay.spouse_open_work_permit(facts, ruleset, outcome)
    return Assessment(
        outcome=outcome,
        criteria=criteria,
        work_permit_max_months=permit.reason.param_dict["months"],
        work_permit_reason=permit.reason,
        spouse_open_work_permit=None if spouse is None else spouse.result.value == "met",
        spouse_reason=None if spouse is None else spouse.reason,
        rules_version=ruleset.version,
    )


def _findings(criterion, evaluate, facts: Facts, ruleset: RuleSet) -> tuple:
    """The criterion's findings; the one "not entered" finding when facts it needs are missing
    (its rules never run on facts nobody entered)."""
    missing = entered.missing(facts, criterion)
    if missing:
        return (entered.not_entered(criterion, missing),)
    return tuple(evaluate(facts, ruleset))


__all__ = ["assess", "Assessment", "Facts", "NoRulesInForce", "RuleSet", "REGISTRY"]
