import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Result
from tests.eligibility.rulebook.builders import facts, seed_like, technician

RULES = seed_like()


@pytest.mark.parametrize(
    ("make", "months", "expected"),
    [
        (facts, 24, Result.MET),  # professionals: exactly two years
        (facts, 23, Result.NOT_MET),
        (facts, 0, Result.NOT_MET),
        (technician, 48, Result.MET),  # technicians: exactly four years
        (technician, 47, Result.NOT_MET),
        (technician, 46, Result.NOT_MET),
    ],
)
def test_experience_01_paid_experience_boundaries(make, months, expected):
    result = assess(make(experience_months=months), RULES).criterion(Criterion.EXPERIENCE)
    assert result.result is expected
    assert result.deciding.reason.rule_id == "experience_01_paid_experience"
    assert result.deciding.reason.param_dict["months"] == months
