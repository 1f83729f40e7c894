import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Credential, Criterion, Result
from eligibility.rulebook.facts import Education
from tests.eligibility.rulebook.builders import facts, seed_like, technician

RULES = seed_like()
C = Credential


def education(f):
    return assess(f, RULES).criterion(Criterion.EDUCATION)


@pytest.mark.parametrize(
    ("credential", "years", "expected"),
    [
        (C.BACHELOR, 4, Result.MET),
        (C.MASTER, 6, Result.MET),
        (C.BACHELOR, 3.5, Result.NOT_MET),  # below four years
        (C.BACHELOR, 3, Result.NOT_MET),  # the Australian route is Australia's only
        (C.DIPLOMA, 4, Result.NOT_MET),
        (C.SECONDARY, 0, Result.NOT_MET),
    ],
)
def test_education_01_minimum_study_for_mexican_and_japanese_professionals(credential, years, expected):
    for country in ("MX", "JP"):
        result = education(facts(country=country, education=Education(credential, years, country, True)))
        assert result.result is expected
        assert result.deciding.reason.rule_id == "education_01_minimum_study"


@pytest.mark.parametrize(
    ("country", "credential", "years", "expected"),
    [
        ("MX", C.DIPLOMA, 2, Result.MET),
        ("AU", C.CERTIFICATE, 1.5, Result.NOT_MET),  # an 18-month certificate
        ("MX", C.SECONDARY, 0, Result.NOT_MET),
        ("JP", C.ASSOCIATE, 2, Result.MET),  # a Japanese associate's degree
        ("JP", C.BACHELOR, 4, Result.MET),
        ("JP", C.CERTIFICATE, 1, Result.NOT_MET),  # high school + 1-year vocational certificate
        ("JP", C.CERTIFICATE, 2, Result.NOT_MET),
    ],
)
def test_education_01_minimum_study_for_technicians(country, credential, years, expected):
    result = education(technician(country=country, education=Education(credential, years, country, True)))
    assert result.result is expected


def test_education_02_country_equivalence_accepts_australian_three_year_bachelor_with_employer_letter():
    f = facts(country="AU", education=Education(C.BACHELOR, 3, "AU", True), employer_letter=True)
    result = education(f)
    assert result.result is Result.MET
    assert result.deciding.reason.rule_id == "education_02_country_equivalence"


def test_education_02_country_equivalence_refuses_australian_three_year_bachelor_without_letter():
    result = education(facts(country="AU", education=Education(C.BACHELOR, 3, "AU", True)))
    assert result.result is Result.NOT_MET
    assert result.deciding.reason.code == "education.employer_letter_missing"


def test_education_02_country_equivalence_needs_an_australian_qualification():
    result = education(facts(country="AU", education=Education(C.BACHELOR, 3, "GB", True), employer_letter=True))
    assert result.result is Result.NOT_MET
    assert result.deciding.reason.rule_id == "education_01_minimum_study"


def test_education_02_country_equivalence_does_not_ask_a_four_year_degree_for_a_letter():
    result = education(facts(country="AU", education=Education(C.BACHELOR, 4, "AU", True)))
    assert result.result is Result.MET


def test_education_03_officer_judges_equivalence_of_an_australian_advanced_diploma():
    f = facts(country="AU", education=Education(C.DIPLOMA, 3, "AU", True), employer_letter=True)
    result = education(f)
    assert result.result is Result.UNDETERMINED
    assert result.deciding.reason.rule_id == "education_03_officer_judges_equivalence"


def test_education_03_officer_judges_equivalence_of_a_japanese_technicians_diploma():
    result = education(technician(country="JP", education=Education(C.DIPLOMA, 2, "JP", True)))
    assert result.result is Result.UNDETERMINED


def test_education_03_officer_judges_equivalence_not_for_too_short_a_diploma():
    result = education(technician(country="JP", education=Education(C.DIPLOMA, 1, "JP", True)))
    assert result.result is Result.NOT_MET
