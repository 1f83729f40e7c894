import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Province, Result, WageUnit
from eligibility.rulebook.facts import PrevailingWage, Wage
from tests.eligibility.rulebook.builders import facts, seed_like

RULES = seed_like()
TORONTO = PrevailingWage(50.0, WageUnit.HOUR, 30.0)


def remuneration(f):
    return assess(f, RULES).criterion(Criterion.REMUNERATION)


@pytest.mark.parametrize(
    ("wage", "expected"),
    [
        (Wage(52.0, WageUnit.HOUR, 40), Result.MET),
        (Wage(104_000, WageUnit.YEAR, 40), Result.MET),  # exactly the median, per year
        (Wage(2_000, WageUnit.WEEK, 40), Result.MET),  # 2,000 x 52 = 104,000
        (Wage(8_666.67, WageUnit.MONTH, 40), Result.MET),  # x 12 = 104,000.04
        (Wage(45.0, WageUnit.HOUR, 40), Result.UNDETERMINED),  # between low and median
        (Wage(29.99, WageUnit.HOUR, 40), Result.NOT_MET),  # below the low wage
        (Wage(62_399, WageUnit.YEAR, 40), Result.NOT_MET),
        (Wage(62_400, WageUnit.YEAR, 40), Result.UNDETERMINED),  # exactly the low wage
    ],
)
def test_remuneration_01_prevailing_wage_thresholds(wage, expected):
    result = remuneration(facts(wage=wage, prevailing_wage=TORONTO))
    assert result.result is expected
    assert result.deciding.reason.rule_id == "remuneration_01_prevailing_wage"


def test_remuneration_01_prevailing_wage_without_a_low_wage_is_never_refused():
    result = remuneration(facts(wage=Wage(1.0, WageUnit.HOUR, 40), prevailing_wage=PrevailingWage(50, WageUnit.HOUR)))
    assert result.result is Result.UNDETERMINED


def test_remuneration_01_prevailing_wage_from_the_table_for_the_noc_and_province():
    result = remuneration(facts(prevailing_wage=None, wage=Wage(29.0, WageUnit.HOUR, 40)))
    assert result.result is Result.NOT_MET
    assert result.deciding.reason.param_dict["origin"] == "table"


def test_remuneration_01_prevailing_wage_undetermined_when_not_published():
    for noc, province in (("72300", Province.ON), ("21231", Province.BC)):
        result = remuneration(facts(noc_code=noc, province=province, prevailing_wage=None))
        assert result.result is Result.UNDETERMINED
        assert result.deciding.reason.code == "remuneration.no_comparator"


def test_remuneration_02_non_monetary_excluded_from_the_comparison():
    f = facts(wage=Wage(45.0, WageUnit.HOUR, 40), non_monetary=(("housing", 12_480.0), ("travel", 3_000.0)),
              prevailing_wage=TORONTO)
    result = remuneration(f)
    assert result.result is Result.UNDETERMINED  # 45/h counts; housing worth 6/h does not lift it
    codes = [x.reason.rule_id for x in result.findings]
    assert codes == ["remuneration_01_prevailing_wage", "remuneration_02_non_monetary_excluded"]
