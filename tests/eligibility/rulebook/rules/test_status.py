import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Result, Status
from tests.eligibility.rulebook.builders import facts, seed_like

RULES = seed_like()


@pytest.mark.parametrize(
    ("country", "expected"),
    [("AU", Result.MET), ("JP", Result.MET), ("MX", Result.MET), ("VN", Result.NOT_MET), ("NZ", Result.NOT_MET),
     ("GB", Result.NOT_MET), ("CL", Result.NOT_MET)],
)
def test_status_01_country_is_party_covers_only_the_seed_countries(country, expected):
    result = assess(facts(country=country, education=facts().education), RULES).criterion(Criterion.STATUS)
    assert result.result is expected
    if expected is Result.NOT_MET:
        assert result.deciding.reason.rule_id == "status_01_country_is_party"


@pytest.mark.parametrize(
    ("country", "expected"),
    [("AU", Result.MET), ("JP", Result.NOT_MET), ("MX", Result.NOT_MET)],
)
def test_status_02_citizen_or_permanent_resident_admits_only_australian_permanent_residents(country, expected):
    result = assess(facts(country=country, status=Status.PERMANENT_RESIDENT), RULES).criterion(Criterion.STATUS)
    assert result.result is expected
    assert result.findings[-1].reason.rule_id == "status_02_citizen_or_permanent_resident"
    assert result.findings[-1].result is expected


def test_status_02_citizen_or_permanent_resident_covers_citizens():
    result = assess(facts(country="JP"), RULES).criterion(Criterion.STATUS)
    assert result.result is Result.MET
    assert {f.reason.code for f in result.findings} == {"status.country_party", "status.citizen"}


def test_status_01_refused_country_is_still_assessed_on_every_other_criterion():
    assessment = assess(facts(country="VN"), RULES)
    assert assessment.with_result(Result.NOT_MET) == [Criterion.STATUS]
