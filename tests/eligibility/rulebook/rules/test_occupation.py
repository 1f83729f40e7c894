from datetime import date

import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Judgement, PositionQuestion, Result
from tests.eligibility.rulebook.builders import RELATED, facts, seed_like, technician

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


def test_occupation_01_permitted_list_reads_electricians_alike_for_all_three_unit_groups():
    """"electricians" (Australia, Mexico): NOC 2016 7241, 7242 and 7243 became 72200, 72201 and 72202."""
    for country in ("AU", "MX"):
        for noc in ("72200", "72201", "72202"):
            assert occupation(technician(country=country, noc_code=noc)).result is Result.MET
    for noc in ("72200", "72201", "72202"):
        assert occupation(technician(country="JP", noc_code=noc)).result is Result.NOT_MET


def test_occupation_01_permitted_list_asks_the_officer_when_no_unit_group_matches_plainly():
    """"international purchasing and selling agents": no NOC 2021 unit group plainly matches."""
    asked = occupation(technician(country="AU", noc_code="12102"))
    assert asked.result is Result.UNDETERMINED
    assert asked.deciding.reason.code == "occupation.judgement_needed_listing"
    yes = occupation(technician(country="AU", noc_code="12102",
                                judgements=frozenset({(Judgement.MATCHES_LISTED_OCCUPATION, True)})))
    assert yes.result is Result.MET
    no = occupation(technician(country="AU", noc_code="12102",
                               judgements=frozenset({(Judgement.MATCHES_LISTED_OCCUPATION, False)})))
    assert no.result is Result.NOT_MET
    assert no.deciding.reason.code == "occupation.judged_not_listed"


@pytest.mark.parametrize(("answer", "expected"), [(None, Result.UNDETERMINED), (True, Result.NOT_MET),
                                                  (False, Result.MET)])
def test_occupation_03_exclusion_applies_on_the_officers_judgement_of_a_related_occupation(answer, expected):
    """"health, education and social services occupations and related occupations": whether an
    education-policy manager's position is "related" is the officer's to answer, never guessed."""
    judgements = frozenset() if answer is None else frozenset({(RELATED, answer)})
    result = occupation(facts(country="MX", noc_code="40012", judgements=judgements))
    assert result.result is expected
    exclusion = next(f for f in result.findings if f.reason.rule_id == "occupation_03_exclusion_applies")
    assert exclusion.result is expected
    assert exclusion.reason.param_dict["judgement"] == RELATED.value


def test_occupation_04_noc2016_basis_leaves_receipts_before_16_november_2022_to_the_officer():
    """The lists name NOC 2016 skill types ("NOC-0 and NOC-A", "listed as NOC B"): an application
    received on 15 November 2022 is classified by the officer, shown the NOC 2016 group."""
    before = occupation(facts(received_on=date(2022, 11, 15)))
    assert before.result is Result.UNDETERMINED
    assert before.deciding.reason.rule_id == "occupation_04_noc2016_basis"
    assert before.deciding.reason.param_dict["noc2016"] == "2173"
    assert occupation(facts(received_on=date(2022, 11, 16))).result is Result.MET


def test_occupation_05_classified_allowed_cites_the_classification_where_there_is_one():
    """"All NOC-0 and NOC-A occupations are permitted, except the following"."""
    listed = occupation(facts(country="MX", noc_code="21231"))
    assert listed.findings[-1].reason.code == "occupation.classified_allowed"
    unlisted = occupation(facts(country="JP", noc_code="21231"))
    assert unlisted.result is Result.MET
    assert unlisted.findings[-1].reason.code == "occupation.not_excluded"
    assert unlisted.findings[-1].reason.rule_id == "occupation_05_classified_allowed"


def test_occupation_judgements_are_listed_for_adapters_to_ask():
    assessment = assess(facts(country="MX", noc_code="40012"), RULES)
    assert assessment.judgements() == (RELATED.value,)
    assert RULES.judgements_for("MX", facts().category, "40012") == (RELATED,)
