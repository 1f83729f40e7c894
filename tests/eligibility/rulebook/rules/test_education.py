from dataclasses import replace

import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Credential, Criterion, Judgement, Result
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
        ("JP", C.CERTIFICATE, 2, Result.UNDETERMINED),  # maybe "the equivalent of" an associate's: the officer's call
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


def test_education_04_employer_letter_refuses_australian_three_year_bachelor_without_letter():
    """"Australian professionals also require a letter provided by the Canadian client or employer"."""
    result = education(facts(country="AU", education=Education(C.BACHELOR, 3, "AU", True)))
    assert result.result is Result.NOT_MET
    assert result.deciding.reason.code == "education.employer_letter_required"
    assert result.deciding.reason.rule_id == "education_04_employer_letter"


def test_education_04_employer_letter_asked_of_an_australian_professional_with_a_four_year_degree():
    """Read for every Australian professional, whatever the degree (issue 14)."""
    without = education(facts(country="AU", education=Education(C.BACHELOR, 4, "AU", True)))
    assert without.result is Result.NOT_MET
    assert [f.reason.rule_id for f in without.findings] == ["education_01_minimum_study", "education_04_employer_letter"]
    with_letter = education(facts(country="AU", education=Education(C.BACHELOR, 4, "AU", True), employer_letter=True))
    assert with_letter.result is Result.MET


def test_education_04_employer_letter_not_asked_of_other_countries():
    for country in ("JP", "MX"):
        result = education(facts(country=country, education=Education(C.BACHELOR, 4, country, True)))
        assert result.result is Result.MET
        assert "education_04_employer_letter" not in [f.reason.rule_id for f in result.findings]


def test_education_02_country_equivalence_letter_only_on_the_route_when_the_parameter_is_off():
    """The other reading, set by a rules admin: the letter belongs to the equivalence route only."""
    rules = seed_like(category_rules=tuple(
        replace(r, employer_letter_for_all=False) for r in RULES.category_rules))
    four_years = assess(facts(country="AU", education=Education(C.BACHELOR, 4, "AU", True)), rules)
    assert four_years.criterion(Criterion.EDUCATION).result is Result.MET
    three_years = assess(facts(country="AU", education=Education(C.BACHELOR, 3, "AU", True)), rules)
    result = three_years.criterion(Criterion.EDUCATION)
    assert result.result is Result.NOT_MET
    assert "education.equivalence_letter_missing" in [f.reason.code for f in result.findings]


def test_education_02_country_equivalence_asks_the_officer_about_a_bachelors_obtained_elsewhere():
    """"the Australian equivalent educational qualification": a 3-year bachelor's from the United
    Kingdom may or may not be it; the officer answers, and the answer decides."""
    base = dict(country="AU", education=Education(C.BACHELOR, 3, "GB", True), employer_letter=True)
    asked = education(facts(**base))
    assert asked.result is Result.UNDETERMINED
    assert asked.deciding.reason.code == "education.equivalence_obtained_elsewhere"
    assert asked.deciding.reason.param_dict["judgement"] == Judgement.EQUIVALENT_QUALIFICATION.value
    yes = education(facts(**base, judgements=frozenset({(Judgement.EQUIVALENT_QUALIFICATION, True)})))
    assert yes.result is Result.MET
    no = education(facts(**base, judgements=frozenset({(Judgement.EQUIVALENT_QUALIFICATION, False)})))
    assert no.result is Result.NOT_MET
    assert [f.reason.code for f in no.findings if f.result is Result.NOT_MET] == [
        "education.too_few_years", "education.officer_judged_not_equivalent"]


def test_education_02_country_equivalence_meets_with_an_australian_three_year_bachelor():
    result = education(facts(country="AU", education=Education(C.BACHELOR, 3, "AU", True), employer_letter=True))
    assert result.result is Result.MET
    assert result.deciding.reason.code == "education.equivalence_met"


def test_education_02_country_equivalence_says_why_it_did_not_apply():
    result = education(facts(country="AU", education=Education(C.BACHELOR, 2, "AU", True), employer_letter=True))
    assert result.result is Result.NOT_MET
    assert [f.reason.code for f in result.findings if f.result is Result.NOT_MET] == [
        "education.too_few_years", "education.equivalence_too_few_years"]


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


def test_education_03_officer_judges_equivalence_of_a_japanese_technicians_two_year_certificate():
    """"A Japanese associate's degree, the equivalent of such a degree or a higher level of education"."""
    base = dict(country="JP", education=Education(C.CERTIFICATE, 2, "JP", True))
    asked = education(technician(**base))
    assert asked.result is Result.UNDETERMINED
    assert asked.deciding.reason.code == "education.equivalence_for_officer"
    no = education(technician(**base, judgements=frozenset({(Judgement.EQUIVALENT_QUALIFICATION, False)})))
    assert no.result is Result.NOT_MET
    yes = education(technician(**base, judgements=frozenset({(Judgement.EQUIVALENT_QUALIFICATION, True)})))
    assert yes.result is Result.MET
    assert yes.deciding.reason.rule_id == "education_03_officer_judges_equivalence"


@pytest.mark.parametrize(("answer", "expected"), [(True, Result.MET), (False, Result.NOT_MET)])
def test_education_05_noc_requirements_recorded_by_the_officer(answer, expected):
    """"and any additional requirements defined in the National Occupational Classification (NOC)"."""
    for make in (facts, technician):
        result = education(make(noc_requirements_met=answer))
        assert result.result is expected
        assert "education_05_noc_requirements" in [f.reason.rule_id for f in result.findings]


def test_education_05_noc_requirements_add_nothing_when_not_recorded():
    result = education(facts(noc_requirements_met=None))
    assert "education_05_noc_requirements" not in [f.reason.rule_id for f in result.findings]
