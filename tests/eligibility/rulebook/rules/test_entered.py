"""facts_01_not_entered: a criterion whose facts were never entered is not assessed, never met
or not met, and the rules that need those facts do not run."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Outcome, Result
from eligibility.rulebook.rules.entered import NEEDS
from tests.eligibility.rulebook.builders import facts, seed_like

RULES = seed_like()
# The parts of a case the wizard enters on one step each, as Facts attributes.
PARTS = {
    "occupation": ("noc_code", "province", "offer_number", "compliance_fee_paid", "employment_months"),
    "credentials": ("education", "licensed", "licence_required"),
    "experience": ("experience_months",),
    "language": ("language",),
    "remuneration": ("wage",),
    "documents": ("documents",),
}


def without(case, *parts):
    return replace(case, **{name: None for part in parts for name in PARTS[part]})


def test_facts_01_not_entered_a_case_with_only_its_first_step_is_assessed_on_citizenship_alone():
    assessment = assess(without(facts(country="VN"), *PARTS), RULES)
    assert assessment.criterion(Criterion.STATUS).result is Result.NOT_MET
    assert assessment.with_result(Result.NOT_ASSESSED) == [c for c in Criterion if c is not Criterion.STATUS]
    assert assessment.outcome is Outcome.NOT_ELIGIBLE


def test_facts_01_not_entered_names_the_facts_missing():
    finding = assess(without(facts(), "remuneration"), RULES).criterion(Criterion.REMUNERATION).findings
    assert len(finding) == 1
    assert finding[0].reason.rule_id == "facts_01_not_entered"
    assert finding[0].reason.param_dict["facts"] == "wage"


def test_facts_01_not_entered_a_case_never_eligible_on_criteria_nobody_looked_at():
    assessment = assess(without(facts(), "documents"), RULES)
    assert assessment.criterion(Criterion.DOCUMENTATION).result is Result.NOT_ASSESSED
    assert assessment.outcome is Outcome.NEEDS_OFFICER_REVIEW


def test_facts_01_not_entered_no_permit_length_without_the_employment_offered():
    assessment = assess(without(facts(), "occupation"), RULES)
    assert assessment.work_permit_max_months is None
    assert assessment.work_permit_reason.code == "stay.not_entered"


def test_facts_01_not_entered_an_occupation_entered_is_assessed_without_the_later_steps():
    assessment = assess(without(facts(noc_code="31301"), "credentials", "experience", "language", "remuneration",
                                "documents"), RULES)
    assert assessment.criterion(Criterion.OCCUPATION).result is Result.NOT_MET
    assert assessment.criterion(Criterion.EMPLOYER).result is Result.MET


@given(st.sets(st.sampled_from(sorted(PARTS))))
def test_facts_01_not_entered_exactly_the_criteria_needing_a_missing_fact(parts):
    case = without(facts(), *parts)
    missing = {name for part in parts for name in PARTS[part]}
    assessment = assess(case, RULES)
    for c in assessment.criteria:
        needs_missing = bool(missing & set(NEEDS[c.criterion]))
        assert (c.result is Result.NOT_ASSESSED) is needs_missing, c.criterion
    assert assessment.outcome is not Outcome.ELIGIBLE or not parts
