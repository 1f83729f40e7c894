"""How long a permit the rules allow, and the spouse's open work permit (T53)."""

from ..codes import Outcome, Section, Status
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_assessed, not_met, rule


@rule("stay_01_length_of_stay", None, Section.LENGTH_OF_STAY)
def length_of_stay(facts: Facts, rules: RuleSet):
    """"The applicant's length of stay is 1 year, with possible extensions at the officer's
    discretion, if the applicant is able to provide documentation that satisfies the processing
    officer of their need to have their stay extended" (Length of stay). The permit is also no
    longer than the employment offered. An extension is granted for the same length again; whether
    the documents show the need is a documentation finding (documentation_02)."""
    stay = rules.category_rule(facts.country, facts.category).length_of_stay_months
    if facts.employment_months is None:  # the offer was never entered: no permit length is worked out
        return not_assessed("stay.not_entered", months=None, stay=stay)
    months = min(stay, facts.employment_months)
    if facts.extension:
        code = "stay.extension_capped_by_employment" if months < stay else "stay.extension"
    else:
        code = "stay.capped_by_employment" if months < stay else "stay.length_of_stay"
    return met(code, months=months, stay=stay, employment_months=facts.employment_months)


@rule("spouse_01_open_work_permit", None, Section.SPOUSES)
def spouse_open_work_permit(facts: Facts, rules: RuleSet, outcome: Outcome):
    """"Spousal eligibility is based on the citizenship or permanent resident status of the
    principal applicant. … An open work permit may be issued to the spouse of a professional [or
    technician] if the principal applicant is either of the following: a citizen of Australia,
    Japan or Mexico; a permanent resident of Australia" (Spousal provisions – T53). Which
    countries and statuses qualify is country data. Only asked when there is a spouse. The permit
    goes to the spouse *of a professional or technician*: a principal found not eligible is
    neither (not met); for a principal whose case awaits the officer, the spouse qualifies only if
    the T52 permit is issued (the contract)."""
    if not facts.spouse:
        return None
    country = rules.country(facts.country)
    params = dict(country=facts.country, status=facts.status.value)
    if outcome is Outcome.NOT_ELIGIBLE:
        return not_met("spouse.principal_not_eligible", **params)
    if country is None:
        return not_met("spouse.country_not_party", **params)
    covered = (country.spouse_owp_citizens if facts.status is Status.CITIZEN
               else country.spouse_owp_permanent_residents)
    if not covered:
        return not_met("spouse.status_not_covered", detail=country.source, **params)
    if outcome is Outcome.NEEDS_OFFICER_REVIEW:
        return met("spouse.eligible_if_issued", detail=country.source, **params)
    return met("spouse.eligible", detail=country.source, **params)
