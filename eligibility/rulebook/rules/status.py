"""Who the commitments cover: citizens of a party, and permanent residents where the rules say so."""

from ..codes import Criterion, Section, Status
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule


@rule("status_01_country_is_party", Criterion.STATUS, Section.COUNTRY_SPECIFIC)
def country_is_party(facts: Facts, rules: RuleSet):
    """"The CPTPP includes a list of specific occupations permitted under the professionals and
    technicians category on a country-by-country basis." (Introduction; Country-specific
    occupations.) Only a country with rules in force on the receipt date is covered."""
    country = rules.country(facts.country)
    if country is None:
        return not_met("status.country_not_party", country=facts.country)
    return met("status.country_party", detail=country.source, country=facts.country)


@rule("status_02_citizen_or_permanent_resident", Criterion.STATUS, Section.SPOUSES)
def citizen_or_permanent_resident(facts: Facts, rules: RuleSet):
    """Citizens of a party are covered. Permanent residents only where the country's rules say so:
    the seed names "a permanent resident of Australia" (Spousal provisions – T53); the domain
    brief's open point 3 reads that as covering Australian permanent residents as principals."""
    country = rules.country(facts.country)
    if country is None:
        return None
    if facts.status is Status.CITIZEN:
        return met("status.citizen", detail=country.source, country=facts.country)
    if country.permanent_residents_eligible:
        return met("status.permanent_resident_covered", detail=country.source, country=facts.country)
    return not_met("status.permanent_resident_not_covered", detail=country.source, country=facts.country)


def evaluate(facts: Facts, rules: RuleSet):
    return [f for f in (country_is_party(facts, rules), citizen_or_permanent_resident(facts, rules)) if f]
