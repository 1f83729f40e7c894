import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Result
from eligibility.rulebook.facts import Language
from tests.eligibility.rulebook.builders import facts, seed_like

RULES = seed_like()


@pytest.mark.parametrize(
    ("satisfactory", "expected"),
    [(True, Result.MET), (False, Result.NOT_MET), (None, Result.UNDETERMINED)],
)
def test_language_01_ability_for_the_job_follows_the_officers_finding(satisfactory, expected):
    result = assess(facts(language=Language(satisfactory)), RULES).criterion(Criterion.LANGUAGE)
    assert result.result is expected
    assert result.deciding.reason.rule_id == "language_01_ability_for_the_job"


@pytest.mark.parametrize(
    ("offer_met", "expected"),
    [(None, Result.MET), (True, Result.MET), (False, Result.NOT_MET)],
)
def test_language_02_offer_requirements_must_be_met_when_the_offer_states_them(offer_met, expected):
    result = assess(facts(language=Language(True, offer_met)), RULES).criterion(Criterion.LANGUAGE)
    assert result.result is expected
    assert len(result.findings) == (1 if offer_met is None else 2)
