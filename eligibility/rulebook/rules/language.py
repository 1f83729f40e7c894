"""Ability to communicate in English or French for the job."""

from ..codes import Criterion, Section
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule, undetermined


@rule("language_01_ability_for_the_job", Criterion.LANGUAGE, Section.LANGUAGE)
def ability_for_the_job(facts: Facts, rules: RuleSet):
    """"The officer should be satisfied that the applicant has the ability to communicate in 1 of
    the official languages for the purposes of the job they intend to perform." (Language
    requirement.) The officer's finding: yes, no, or not yet decided."""
    finding = facts.language.satisfactory
    if finding is None:
        return undetermined("language.not_yet_decided")
    if finding:
        return met("language.satisfactory")
    return not_met("language.not_satisfactory")


@rule("language_02_offer_requirements", Criterion.LANGUAGE, Section.LANGUAGE)
def offer_requirements(facts: Facts, rules: RuleSet):
    """"An applicant whose letter of offer outlines specific official language requirements must
    satisfy the officer that they meet those requirements." (Language requirement, note.)
    Applies only when the offer states such requirements."""
    finding = facts.language.offer_requirements_met
    if finding is None:
        return None
    if finding:
        return met("language.offer_requirements_met")
    return not_met("language.offer_requirements_not_met")


def evaluate(facts: Facts, rules: RuleSet):
    return [f for f in (ability_for_the_job(facts, rules), offer_requirements(facts, rules)) if f]
