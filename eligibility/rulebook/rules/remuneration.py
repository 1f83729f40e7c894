"""Remuneration commensurate with similarly qualified workers in the region."""

from ..codes import Criterion, Section, WageUnit
from ..facts import Facts, Money
from ..ruleset import RuleSet
from ._base import met, not_met, rule, undetermined


def _money(value: float) -> str:
    return f"{value:,.2f}"


def comparator(facts: Facts, rules: RuleSet):
    """(median per year, low per year or None, params naming the comparator, citation) or None.

    The officer's figures win; else the wage table's row for the NOC where the work is performed:
    the economic region's published wage, else the province's, else Canada's. Figures are turned
    into a year at the offer's weekly hours, 52 weeks a year (the contract)."""
    hours = facts.wage.hours_per_week
    given = facts.prevailing_wage
    if given is not None:
        low = None if given.low is None else Money(given.low, given.unit).per_year(hours)
        named = {"origin": "officer", "area": "", "period": "", "officer_source": given.source}
        return Money(given.amount, given.unit).per_year(hours), low, named, "officer"
    row = rules.wage(facts.noc_code, facts.province.value, facts.economic_region)
    if row is None:
        return None
    area = {"region": row.region_name, "province": row.province, "canada": ""}[row.origin]
    named = {"origin": row.origin, "area": area, "period": row.reference_period, "officer_source": ""}
    unit = WageUnit.YEAR if row.annual else WageUnit.HOUR
    median = Money(row.median, unit).per_year(hours)
    low = None if row.low is None else Money(row.low, unit).per_year(hours)
    return median, low, named, row.citation


@rule("remuneration_01_prevailing_wage", Criterion.REMUNERATION, Section.GENERAL_CRITERIA)
def prevailing_wage(facts: Facts, rules: RuleSet):
    """"Professionals and technicians should be remunerated at a level commensurate with other
    similarly qualified professionals and technicians in the industry in the region where the
    work is performed." (General criteria for professionals and technicians.) The comparator is
    Job Bank's median for the economic region where the work is performed, else the province's,
    else Canada's (the contract). Met at or above the prevailing (median) wage; not met below the
    low wage; between the two, for the officer to judge. With no published wage, the officer
    supplies the comparator and its source."""
    offered = round(facts.wage.per_year(), 2)
    found = comparator(facts, rules)
    if found is None:
        return undetermined("remuneration.no_comparator", noc=facts.noc_code,
                            province=facts.province.value, offered=_money(offered))
    median, low, named, detail = found
    params = dict(offered=_money(offered), median=_money(median), low=_money(low) if low is not None else "",
                  **named)
    if offered >= round(median, 2):
        return met("remuneration.at_or_above_median", detail=detail, **params)
    if low is not None and offered < round(low, 2):
        return not_met("remuneration.below_low", detail=detail, **params)
    return undetermined("remuneration.between_low_and_median", detail=detail, **params)


@rule("remuneration_02_non_monetary_excluded", Criterion.REMUNERATION, Section.GENERAL_CRITERIA)
def non_monetary_excluded(facts: Facts, rules: RuleSet):
    """"Such remuneration should not include non-monetary elements, such as housing costs and
    travel expenses." (General criteria for professionals and technicians.) Listed and left out
    of the comparison."""
    if not facts.non_monetary:
        return None
    listed = ", ".join(f"{name} {_money(amount)}" for name, amount in facts.non_monetary)
    return met("remuneration.non_monetary_not_counted", elements=listed)


def evaluate(facts: Facts, rules: RuleSet):
    return [f for f in (prevailing_wage(facts, rules), non_monetary_excluded(facts, rules)) if f]
