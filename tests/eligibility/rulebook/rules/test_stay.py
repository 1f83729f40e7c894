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
        assessment = assess(make(country=country, status=status, spouse=True, employer_letter=True), RULES)
        assert assessment.spouse_open_work_permit is expected
        assert assessment.spouse_reason.rule_id == "spouse_01_open_work_permit"


def test_spouse_01_open_work_permit_is_null_without_a_spouse():
    assessment = assess(facts(spouse=False), RULES)
    assert assessment.spouse_open_work_permit is None
    assert assessment.spouse_reason is None


def test_spouse_01_open_work_permit_refused_when_the_principal_is_not_eligible():
    """The open work permit goes to "the spouse of a professional" or "of a technician": a principal
    refused on occupation is neither."""
    assessment = assess(facts(country="JP", noc_code="31301", spouse=True), RULES)
    assert assessment.outcome.value == "not_eligible"
    assert assessment.spouse_open_work_permit is False
    assert assessment.spouse_reason.code == "spouse.principal_not_eligible"


def test_spouse_01_open_work_permit_if_the_t52_permit_is_issued_while_the_principal_awaits_the_officer():
    assessment = assess(facts(country="JP", noc_code="40012", spouse=True), RULES)
    assert assessment.outcome.value == "needs_officer_review"
    assert assessment.spouse_open_work_permit is True
    assert assessment.spouse_reason.code == "spouse.eligible_if_issued"


@pytest.mark.parametrize(("employment", "code"), [(12, "stay.extension"), (6, "stay.extension_capped_by_employment")])
def test_stay_01_length_of_stay_for_an_extension_says_so(employment, code):
    """"with possible extensions at the officer's discretion"."""
    assessment = assess(facts(extension=True, extension_need_shown=True, employment_months=employment), RULES)
    assert assessment.work_permit_reason.code == code
    assert assessment.work_permit_max_months == min(12, employment)


@pytest.mark.parametrize(("shown", "expected"), [(None, "undetermined"), (True, "met"), (False, "not_met")])
def test_documentation_02_extension_need_recorded_by_the_officer(shown, expected):
    """"if the applicant is able to provide documentation that satisfies the processing officer of their
    need to have their stay extended"."""
    assessment = assess(facts(extension=True, extension_need_shown=shown), RULES)
    documentation = next(c for c in assessment.criteria if c.criterion.value == "documentation")
    assert documentation.result.value == expected
    assert documentation.findings[-1].reason.rule_id == "documentation_02_extension_need"


def test_documentation_02_extension_need_not_asked_of_an_initial_application():
    assessment = assess(facts(extension=False), RULES)
    documentation = next(c for c in assessment.criteria if c.criterion.value == "documentation")
    assert [f.reason.rule_id for f in documentation.findings] == ["documentation_01_required_documents"]
