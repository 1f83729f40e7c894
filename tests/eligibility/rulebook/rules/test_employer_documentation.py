import pytest

from eligibility.rulebook import assess
from eligibility.rulebook.codes import Criterion, Document, Result
from tests.eligibility.rulebook.builders import facts, seed_like

RULES = seed_like()


def test_employer_01_offer_in_portal_records_the_offer_number():
    result = assess(facts(), RULES).criterion(Criterion.EMPLOYER)
    assert result.findings[0].reason.rule_id == "employer_01_offer_in_portal"
    assert result.findings[0].reason.param_dict["offer_number"] == "A1234567"


@pytest.mark.parametrize(("paid", "expected"), [(True, Result.MET), (False, Result.NOT_MET)])
def test_employer_02_compliance_fee(paid, expected):
    result = assess(facts(compliance_fee_paid=paid), RULES).criterion(Criterion.EMPLOYER)
    assert result.result is expected


@pytest.mark.parametrize("missing", list(Document))
def test_documentation_01_required_documents_refuses_each_missing_document(missing):
    result = assess(facts(documents=frozenset(Document) - {missing}), RULES).criterion(Criterion.DOCUMENTATION)
    assert result.result is Result.NOT_MET
    assert missing.value in result.deciding.reason.param_dict["missing"]


def test_documentation_01_required_documents_complete():
    result = assess(facts(), RULES).criterion(Criterion.DOCUMENTATION)
    assert result.result is Result.MET
