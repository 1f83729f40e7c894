"""The employer's part: the offer in the Employer Portal and the compliance fee."""

from ..codes import Criterion, Section
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule


@rule("employer_01_offer_in_portal", Criterion.EMPLOYER, Section.EMPLOYER_PORTAL)
def offer_in_portal(facts: Facts, rules: RuleSet):
    """"The Canadian company needs to submit an offer of employment through the Immigration,
    Refugees and Citizenship Canada Employer Portal." (Language requirement, note.) The offer's
    number (A followed by 7 digits) is checked when the case is entered."""
    return met("employer.offer_submitted", offer_number=facts.offer_number)


@rule("employer_02_compliance_fee", Criterion.EMPLOYER, Section.EMPLOYER_PORTAL)
def compliance_fee(facts: Facts, rules: RuleSet):
    """"They must also pay the employer compliance fee, as it is the Canadian company that is
    creating the need for the temporary worker to enter Canada." (Language requirement, note.)"""
    if facts.compliance_fee_paid:
        return met("employer.fee_paid")
    return not_met("employer.fee_not_paid")


def evaluate(facts: Facts, rules: RuleSet):
    return [offer_in_portal(facts, rules), compliance_fee(facts, rules)]
