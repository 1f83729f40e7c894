import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Credential, Criterion, Province, Result
from eligibility.rulebook.facts import Education
from tests.eligibility.rulebook.builders import facts, seed_like, technician

RULES = seed_like()


def credentials(f):
    return assess(f, RULES).criterion(Criterion.CREDENTIALS)


def australian_plumber(**changes):
    return technician(**{"country": "AU", "noc_code": "72300", "regulated": None, **changes})


def test_credentials_01_licensing_path_refuses_unlicensed_plumber_in_ontario():
    result = credentials(australian_plumber(licensed=False))
    assert result.result is Result.NOT_MET
    assert result.deciding.reason.rule_id == "credentials_01_licensing_path"


def test_credentials_01_licensing_path_accepts_a_foreign_licence():
    assert credentials(australian_plumber(licensed=True)).result is Result.MET


def test_credentials_01_licensing_path_follows_the_officers_finding_over_the_table():
    result = credentials(australian_plumber(licensed=False, regulated=False))
    assert result.result is Result.MET
    assert [f.reason.rule_id for f in result.findings] == [
        "credentials_03_which_path", "credentials_02_study_and_experience_path"]


def test_credentials_02_study_and_experience_path_when_the_offer_needs_no_licence():
    result = credentials(australian_plumber(licensed=False, licence_required=False))
    assert result.result is Result.MET
    assert result.findings[0].reason.code == "credentials.path_licence_not_required"


@pytest.mark.parametrize(
    ("related", "months", "expected"),
    [(True, 48, Result.MET), (False, 48, Result.NOT_MET), (True, 0, Result.NOT_MET)],
)
def test_credentials_02_study_and_experience_path_needs_related_study_and_practice(related, months, expected):
    f = technician(regulated=False, experience_months=months,
                   education=Education(Credential.DIPLOMA, 2, "MX", related))
    assert credentials(f).result is expected


def test_credentials_03_which_path_reads_the_regulation_table():
    f = technician(province=Province.ON, regulated=None, licensed=False)  # 22300 not regulated in ON
    result = credentials(f)
    assert result.result is Result.MET
    assert result.findings[0].reason.code == "credentials.path_not_regulated"
    assert result.findings[0].section_detail == "S30b"


@pytest.mark.parametrize(
    ("licensed", "related", "expected"),
    [
        (False, True, Result.UNDETERMINED),  # depends on whether it is regulated
        (True, False, Result.UNDETERMINED),
        (True, True, Result.MET),  # both paths met: regulation does not matter
        (False, False, Result.NOT_MET),  # neither path met
    ],
)
def test_credentials_03_which_path_when_regulation_is_not_on_file(licensed, related, expected):
    f = facts(regulated=None, licensed=licensed, education=Education(Credential.BACHELOR, 4, "MX", related))
    assert credentials(f).result is expected
