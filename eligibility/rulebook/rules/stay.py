"""How long a permit the rules allow, and the spouse's open work permit (T53)."""

from ..codes import Section, Status
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule


@rule("stay_01_length_of_stay", None, Section.LENGTH_OF_STAY)
def length_of_stay(facts: Facts, rules: RuleSet):
    """"The applicant's length of stay is 1 year, with possible extensions at the officer's
    discretion" (Length of stay). The permit is also no longer than the employment offered."""
    stay = rules.category_rule(facts.country, facts.category).length_of_stay_months
    months = min(stay, facts.employment_months)
    return met("stay.capped_by_employment" if months < stay else "stay.length_of_stay",
               months=months, stay=stay, employment_months=facts.employment_months)


@rule("spouse_01_open_work_permit", None, Section.SPOUSES)
def spouse_open_work_permit(facts: Facts, rules: RuleSet):
    """"Spousal eligibility is based on the citizenship or permanent resident status of the
    principal applicant. … An open work permit may be issued to the spouse of a professional [or
    technician] if the principal applicant is either of the following: a citizen of Australia,
    Japan or Mexico; a permanent resident of Australia" (Spousal provisions – T53). Which
    countries and statuses qualify is country data. Only asked when there is a spouse."""
    if not facts.spouse:
        return None
    country = rules.country(facts.country)
    params = dict(country=facts.country, status=facts.status.value)
    if country is None:
        return not_met("spouse.country_not_party", **params)
    covered = (country.spouse_owp_citizens if facts.status is Status.CITIZEN
               else country.spouse_owp_permanent_residents)
    if covered:
        return met("spouse.eligible", detail=country.source, **params)
    return not_met("spouse.status_not_covered", detail=country.source, **params)
