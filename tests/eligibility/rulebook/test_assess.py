"""The engine as a whole: one entry point, outcomes from criteria, versions, and its rule registry."""

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from eligibility.rulebook import REGISTRY, assess
from eligibility.rulebook.codes import (
    Category,
    Credential,
    Criterion,
    Document,
    Outcome,
    PositionQuestion,
    Province,
    Result,
    Status,
    WageUnit,
)
from eligibility.rulebook.facts import Education, Facts, Language, PrevailingWage, Wage
from eligibility.rulebook.outcome import outcome_of
from tests.eligibility.rulebook.builders import facts, permitted, seed_like

RULES = seed_like()
TESTS = Path(__file__).resolve().parent


def test_eligible_software_engineer_meets_every_criterion():
    assessment = assess(facts(), RULES)
    assert assessment.outcome is Outcome.ELIGIBLE
    assert [c.criterion for c in assessment.criteria] == list(Criterion)
    assert all(c.result is Result.MET for c in assessment.criteria)


def test_refuses_japanese_electrician():
    assessment = assess(facts(country="JP", category=Category.TECHNICIAN, noc_code="72200",
                              education=Education(Credential.DIPLOMA, 2, "JP", True), experience_months=60), RULES)
    assert assessment.outcome is Outcome.NOT_ELIGIBLE
    assert Criterion.OCCUPATION in assessment.with_result(Result.NOT_MET)


def test_outcome_is_not_eligible_over_undetermined_over_eligible():
    assert outcome_of([Result.MET, Result.UNDETERMINED, Result.NOT_MET]) is Outcome.NOT_ELIGIBLE
    assert outcome_of([Result.MET, Result.UNDETERMINED]) is Outcome.NEEDS_OFFICER_REVIEW
    assert outcome_of([Result.MET, Result.MET]) is Outcome.ELIGIBLE


def test_rules_version_is_a_content_hash():
    assert seed_like().version == RULES.version
    fewer = seed_like(listings=tuple(e for e in RULES.listings if e.noc_code != "72300"))
    assert fewer.version != RULES.version
    more = seed_like(listings=RULES.listings + (permitted("MX", "72300"),))
    assert more.version != RULES.version
    assert assess(facts(), RULES).rules_version == RULES.version


def test_removing_plumbers_from_australias_list_changes_the_result():
    plumber = facts(country="AU", category=Category.TECHNICIAN, noc_code="72300", licensed=True,
                    education=Education(Credential.DIPLOMA, 2, "AU", True), experience_months=48)
    assert assess(plumber, RULES).outcome is Outcome.ELIGIBLE
    without = seed_like(listings=tuple(e for e in RULES.listings if e.noc_code != "72300"))
    assert assess(plumber, without).outcome is Outcome.NOT_ELIGIBLE


def test_the_working_is_json_ready_and_names_every_rule_used():
    working = assess(facts(spouse=True), RULES).as_dict()
    assert set(working["criteria"]) == {c.value for c in Criterion}
    used = {f["rule_id"] for c in working["criteria"].values() for f in c["findings"]}
    assert used <= set(REGISTRY)
    assert working["spouse_reason"]["rule_id"] == "spouse_01_open_work_permit"


def test_every_rule_quotes_its_clause_and_names_its_section():
    for rule_id, info in REGISTRY.items():
        assert re.fullmatch(r"[a-z]+_\d\d_[a-z0-9_]+", rule_id), rule_id
        assert len(info.doc) > 80, f"{rule_id} has no clause in its docstring"
        assert "(" in info.doc and ")" in info.doc, f"{rule_id} names no section"


def test_every_rule_id_has_tests_named_after_it():
    names = " ".join(re.findall(r"def (test_\w+)", "".join(p.read_text() for p in TESTS.rglob("test_*.py"))))
    missing = [rule_id for rule_id in REGISTRY if f"test_{rule_id}" not in names]
    assert missing == []


# Property: any well-formed facts give an answer consistent with its criteria -----------------
countries = st.sampled_from(["AU", "JP", "MX", "VN", "NZ", "CL"])
noc_codes = st.from_regex(r"\A[0-9]{5}\Z").filter(lambda c: len(c) == 5) | st.sampled_from(
    ["21231", "41101", "72300", "83101", "22300", "31301", "72200", "21101"])
money = st.floats(min_value=0.01, max_value=1e7, allow_nan=False, allow_infinity=False)
facts_strategy = st.builds(
    Facts,
    country=countries,
    status=st.sampled_from(Status),
    category=st.sampled_from(Category),
    noc_code=noc_codes,
    province=st.sampled_from(Province),
    licensed=st.booleans(),
    education=st.builds(Education, st.sampled_from(Credential), st.floats(0, 20), countries, st.booleans()),
    experience_months=st.integers(0, 600),
    language=st.builds(Language, st.none() | st.booleans(), st.none() | st.booleans()),
    wage=st.builds(Wage, money, st.sampled_from(WageUnit), st.floats(0.5, 168)),
    offer_number=st.just("A1234567"),
    compliance_fee_paid=st.booleans(),
    employment_months=st.integers(1, 120),
    documents=st.frozensets(st.sampled_from(Document)),
    received_on=st.dates(date(2018, 1, 1), date(2030, 12, 31)),
    position=st.frozensets(st.sampled_from(PositionQuestion)),
    regulated=st.none() | st.booleans(),
    licence_required=st.booleans(),
    employer_letter=st.booleans(),
    prevailing_wage=st.none() | st.builds(PrevailingWage, money, st.sampled_from(WageUnit), st.none() | money),
    spouse=st.booleans(),
)


@given(facts_strategy)
def test_any_facts_get_an_outcome_consistent_with_their_criteria(f):
    assessment = assess(f, RULES)
    results = [c.result for c in assessment.criteria]
    assert assessment.outcome is outcome_of(results)
    assert all(c.findings for c in assessment.criteria)
    assert 1 <= assessment.work_permit_max_months <= 12
    assert assessment.work_permit_max_months <= f.employment_months
    assert (assessment.spouse_open_work_permit is None) == (not f.spouse)
    if f.country not in {"AU", "JP", "MX"}:
        assert assessment.criterion(Criterion.STATUS).result is Result.NOT_MET


@given(facts_strategy)
def test_assessing_twice_gives_the_same_working(f):
    assert assess(f, RULES).as_dict() == assess(replace(f), RULES).as_dict()
