import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Province, Result, WageUnit
from eligibility.rulebook.facts import PrevailingWage, Wage
from tests.eligibility.rulebook.builders import TECH, facts, seed_like

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
    assert result.deciding.reason.param_dict["origin"] == "province"
    assert result.deciding.reason.param_dict["area"] == "ON"


def test_remuneration_01_prevailing_wage_of_the_economic_region_where_the_work_is_performed():
    """"in the industry in the region where the work is performed": Windsor–Sarnia's median, 57.69 an
    hour, not Ontario's 50."""
    result = remuneration(facts(prevailing_wage=None, economic_region="ER3570", wage=Wage(55.0, WageUnit.HOUR, 40)))
    assert result.result is Result.UNDETERMINED  # above Ontario's median, below Windsor–Sarnia's
    params = result.deciding.reason.param_dict
    assert (params["origin"], params["area"], params["median"]) == ("region", "Windsor--Sarnia", "119,995.20")


def test_remuneration_01_prevailing_wage_falls_back_to_the_province_then_canada():
    northwest = remuneration(facts(prevailing_wage=None, economic_region="ER3595"))  # no wage published there
    assert northwest.deciding.reason.param_dict["origin"] == "province"
    technician_anywhere = remuneration(facts(category=TECH, noc_code="22300", prevailing_wage=None,
                                             wage=Wage(36.0, WageUnit.HOUR, 40)))
    assert technician_anywhere.result is Result.MET
    assert technician_anywhere.deciding.reason.param_dict["origin"] == "canada"


def test_remuneration_01_prevailing_wage_names_the_officers_source():
    given = PrevailingWage(50.0, WageUnit.HOUR, 30.0, source="Collective agreement, 2026")
    result = remuneration(facts(prevailing_wage=given))
    assert result.deciding.reason.param_dict["officer_source"] == "Collective agreement, 2026"


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
