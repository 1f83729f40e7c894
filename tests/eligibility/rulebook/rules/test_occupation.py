import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, PositionQuestion, Result
from tests.eligibility.rulebook.builders import facts, seed_like, technician

RULES = seed_like()
Q = PositionQuestion


def occupation(f):
    return assess(f, RULES).criterion(Criterion.OCCUPATION)


@pytest.mark.parametrize(
    ("country", "noc", "expected"),
    [
        ("AU", "72300", Result.MET),  # plumbers: Australia only
        ("MX", "72300", Result.NOT_MET),
        ("JP", "72300", Result.NOT_MET),
        ("MX", "72200", Result.MET),  # electricians: Australia and Mexico
        ("JP", "72200", Result.NOT_MET),
        ("JP", "22212", Result.MET),  # drafting: not Mexico
        ("MX", "22212", Result.NOT_MET),
        ("MX", "22300", Result.MET),
        ("VN", "22300", Result.NOT_MET),  # no list at all
    ],
)
def test_occupation_01_permitted_list_follows_each_countrys_technician_list(country, noc, expected):
    result = occupation(technician(country=country, noc_code=noc))
    assert result.result is expected
    assert result.deciding.reason.rule_id == "occupation_01_permitted_list"


def test_occupation_01_permitted_list_refuses_japanese_oil_and_gas_operator():
    assert occupation(technician(country="JP", noc_code="83101")).result is Result.MET
    result = occupation(technician(country="JP", noc_code="83101", position=frozenset({Q.OPERATOR})))
    assert result.result is Result.NOT_MET
    assert result.deciding.reason.code == "occupation.listed_but_position_excluded"


def test_occupation_01_permitted_list_keeps_australian_oil_and_gas_operator():
    result = occupation(technician(country="AU", noc_code="83101", position=frozenset({Q.OPERATOR})))
    assert result.result is Result.MET


@pytest.mark.parametrize(
    ("noc", "expected"),
    [("00012", Result.MET), ("21231", Result.MET), ("22300", Result.NOT_MET), ("72300", Result.NOT_MET),
     ("64100", Result.NOT_MET)],
)
def test_occupation_02_teer_level_opens_teer_0_and_1_to_professionals(noc, expected):
    result = occupation(facts(noc_code=noc))
    assert result.result is expected
    assert result.findings[0].reason.rule_id == "occupation_02_teer_level"


def test_occupation_02_teer_level_assesses_a_code_not_on_file_by_its_second_digit():
    assert occupation(facts(noc_code="11999")).result is Result.MET
    assert occupation(facts(noc_code="16999")).result is Result.NOT_MET


@pytest.mark.parametrize(
    ("country", "noc", "position", "expected"),
    [
        ("AU", "31301", (), Result.NOT_MET),  # nurses: health, every country
        ("MX", "31301", (), Result.NOT_MET),
        ("AU", "41100", (), Result.NOT_MET),  # judges
        ("AU", "41101", (), Result.MET),  # Australian lawyers are not excluded...
        ("AU", "41101", (Q.NOTARY,), Result.NOT_MET),  # ...notaries are
        ("JP", "41101", (), Result.NOT_MET),  # Japanese lawyers are excluded...
        ("JP", "41101", (Q.FOREIGN_LEGAL_CONSULTANT,), Result.MET),  # ...except foreign legal consultants
        ("MX", "41101", (Q.FOREIGN_LEGAL_CONSULTANT,), Result.MET),
        ("MX", "41101", (Q.NOTARY,), Result.NOT_MET),
        ("JP", "21101", (Q.RESEARCHER,), Result.NOT_MET),  # Japanese researchers, except at an academic entity
        ("JP", "21101", (Q.RESEARCHER, Q.ACADEMIC_ENTITY), Result.MET),
        ("AU", "21101", (Q.RESEARCHER,), Result.MET),  # the researcher exclusion is Japan's only
        ("JP", "21231", (), Result.MET),
    ],
)
def test_occupation_03_exclusion_applies(country, noc, position, expected):
    result = occupation(facts(country=country, noc_code=noc, position=frozenset(position)))
    assert result.result is expected
    if expected is Result.NOT_MET:
        assert result.deciding.reason.rule_id == "occupation_03_exclusion_applies"


@pytest.mark.parametrize(
    ("country", "noc", "questions"),
    [
        ("AU", "41101", (Q.NOTARY,)),
        ("JP", "41101", (Q.FOREIGN_LEGAL_CONSULTANT, Q.RESEARCHER, Q.ACADEMIC_ENTITY)),
        ("MX", "41101", (Q.FOREIGN_LEGAL_CONSULTANT,)),
        ("MX", "21300", ()),
        ("AU", "21300", ()),
    ],
)
def test_occupation_03_exclusion_applies_asks_only_the_questions_the_lists_turn_on(country, noc, questions):
    assert set(RULES.position_questions(country, facts().category, noc)) == set(questions)


def test_occupation_01_permitted_list_asks_japan_about_operators_only_for_oil_and_gas_wells():
    assert RULES.position_questions("JP", technician().category, "83101") == (Q.OPERATOR,)
    assert RULES.position_questions("JP", technician().category, "22300") == ()
