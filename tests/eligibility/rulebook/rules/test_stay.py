import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Status
from tests.eligibility.rulebook.builders import facts, seed_like, technician

RULES = seed_like()


@pytest.mark.parametrize(("employment", "months"), [(24, 12), (12, 12), (8, 8), (1, 1)])
def test_stay_01_length_of_stay_is_a_year_capped_by_the_employment(employment, months):
    assessment = assess(facts(employment_months=employment), RULES)
    assert assessment.work_permit_max_months == months
    assert assessment.work_permit_reason.rule_id == "stay_01_length_of_stay"


@pytest.mark.parametrize(
    ("country", "status", "expected"),
    [
        ("AU", Status.CITIZEN, True),
        ("JP", Status.CITIZEN, True),
        ("MX", Status.CITIZEN, True),
        ("AU", Status.PERMANENT_RESIDENT, True),
        ("JP", Status.PERMANENT_RESIDENT, False),
        ("VN", Status.CITIZEN, False),
    ],
)
def test_spouse_01_open_work_permit_follows_the_principals_status(country, status, expected):
    for make in (facts, technician):
        assessment = assess(make(country=country, status=status, spouse=True), RULES)
        assert assessment.spouse_open_work_permit is expected
        assert assessment.spouse_reason.rule_id == "spouse_01_open_work_permit"


def test_spouse_01_open_work_permit_is_null_without_a_spouse():
    assessment = assess(facts(spouse=False), RULES)
    assert assessment.spouse_open_work_permit is None
    assert assessment.spouse_reason is None
