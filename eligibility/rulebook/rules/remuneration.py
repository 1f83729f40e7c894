"""Remuneration commensurate with similarly qualified workers in the region."""

from ..codes import Criterion, Section, WageUnit
from ..facts import Facts, Money
from ..ruleset import RuleSet
from ._base import met, not_met, rule, undetermined


def _money(value: float) -> str:
    return f"{value:,.2f}"


def comparator(facts: Facts, rules: RuleSet):
    """(median per year, low per year or None, where it came from) or None when none is known.

    The officer's figures win; else the wage table's row for the NOC and province. Figures are
    turned into a year at the offer's weekly hours, 52 weeks a year (the contract)."""
    hours = facts.wage.hours_per_week
    given = facts.prevailing_wage
    if given is not None:
        low = None if given.low is None else Money(given.low, given.unit).per_year(hours)
        return Money(given.amount, given.unit).per_year(hours), low, "officer", ""
    row = rules.wage(facts.noc_code, facts.province.value)
    if row is None or row.median is None:
        return None
    unit = WageUnit.YEAR if row.annual else WageUnit.HOUR
    median = Money(row.median, unit).per_year(hours)
    low = None if row.low is None else Money(row.low, unit).per_year(hours)
    return median, low, "table", f"{row.source} ({row.reference_period})"


@rule("remuneration_01_prevailing_wage", Criterion.REMUNERATION, Section.GENERAL_CRITERIA)
def prevailing_wage(facts: Facts, rules: RuleSet):
    """"Professionals and technicians should be remunerated at a level commensurate with other
    similarly qualified professionals and technicians in the industry in the region where the
    work is performed." (General criteria for professionals and technicians.) Met at or above the
    prevailing (median) wage; not met below the low wage; between the two, for the officer to
    judge (the contract)."""
    offered = round(facts.wage.per_year(), 2)
    found = comparator(facts, rules)
    if found is None:
        return undetermined("remuneration.no_comparator", noc=facts.noc_code,
                            province=facts.province.value, offered=_money(offered))
    median, low, origin, detail = found
    params = dict(offered=_money(offered), median=_money(median), origin=origin,
                  low=_money(low) if low is not None else "")
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
