"""Paid work experience in the sector of activity of the contract."""

from ..codes import Category, Criterion, Section
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule


@rule("experience_01_paid_experience", Criterion.EXPERIENCE, Section.PROFESSIONALS)
def paid_experience(facts: Facts, rules: RuleSet):
    """Professionals: "paid work experience for a length of 2 years in the sector of activity of
    the contract" (Specific criteria for professionals). Technicians: "paid work experience for a
    length of 4 years in the sector of activity of the contract" (Specific criteria for
    technicians). Years are counted as months (24 and 48), a parameter of the category rule."""
    rule_ = rules.category_rule(facts.country, facts.category)
    section = Section.PROFESSIONALS if facts.category is Category.PROFESSIONAL else Section.TECHNICIANS
    params = dict(months=facts.experience_months, min_months=rule_.min_experience_months,
                  category=facts.category.value)
    if facts.experience_months >= rule_.min_experience_months:
        return met("experience.enough", detail=rule_.source, section=section, **params)
    return not_met("experience.too_little", detail=rule_.source, section=section, **params)


def evaluate(facts: Facts, rules: RuleSet):
    return [paid_experience(facts, rules)]
