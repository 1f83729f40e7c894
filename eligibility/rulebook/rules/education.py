"""Education: the category's minimum study, and the country routes that replace or tighten it."""

from ..codes import Category, Criterion, Result, Section
from ..facts import Facts
from ..ruleset import CategoryRule, RuleSet
from ._base import met, not_met, rule, undetermined


def _section(category: Category) -> Section:
    return Section.PROFESSIONALS if category is Category.PROFESSIONAL else Section.TECHNICIANS


def _years(value: float) -> str:
    return f"{value:g}"


@rule("education_01_minimum_study", Criterion.EDUCATION, Section.PROFESSIONALS)
def minimum_study(facts: Facts, rules: RuleSet):
    """Professionals: "a post-secondary degree of 4 or more years of study, unless otherwise
    specified in the country-specific occupation list" (Specific criteria for professionals).
    Technicians: "a post-secondary or technical degree requiring 2 or more years of study"
    (Specific criteria for technicians). Japan, technicians: "A Japanese associate's degree, the
    equivalent of such a degree or a higher level of education is required" (Country-specific
    occupations › Japan › Technicians): the accepted credentials are a parameter."""
    rule_ = rules.category_rule(facts.country, facts.category)
    edu = facts.education
    section = _section(facts.category)
    params = dict(credential=edu.credential.value, years=_years(edu.years),
                  min_years=_years(rule_.min_study_years))
    if edu.credential in rule_.accepted_credentials and edu.years >= rule_.min_study_years:
        return met("education.meets_minimum", detail=rule_.source, section=section, **params)
    if edu.credential not in rule_.accepted_credentials:
        return not_met("education.credential_not_accepted", detail=rule_.source, section=section,
                       accepted=", ".join(sorted(c.value for c in rule_.accepted_credentials)), **params)
    return not_met("education.too_few_years", detail=rule_.source, section=section, **params)


@rule("education_02_country_equivalence", Criterion.EDUCATION, Section.COUNTRY_SPECIFIC)
def country_equivalence(facts: Facts, rules: RuleSet):
    """Australia, professionals: "Canadian educational requirements for Australian professionals
    should be deemed to be met whenever an Australian professional has met the Australian
    equivalent educational qualification. This is generally a 3-year bachelor's degree.
    Australian professionals also require a letter provided by the Canadian client or employer,
    indicating that the Australian professional's qualifications are acceptable in Canada."
    (Country-specific occupations › Australia › Professionals.) The letter is read as part of
    this equivalence route (docs/decisions/0002)."""
    rule_ = rules.category_rule(facts.country, facts.category)
    edu = facts.education
    if not _equivalence_route(rule_, facts):
        return None
    params = dict(credential=edu.credential.value, years=_years(edu.years),
                  min_years=_years(rule_.equivalence_min_years), country=rule_.equivalence_country)
    if rule_.equivalence_requires_employer_letter and not facts.employer_letter:
        return not_met("education.employer_letter_missing", detail=rule_.source, **params)
    if edu.credential in rule_.equivalence_credentials:
        return met("education.equivalent_qualification", detail=rule_.source, **params)
    return None


@rule("education_03_officer_judges_equivalence", Criterion.EDUCATION, Section.COUNTRY_SPECIFIC)
def officer_judges_equivalence(facts: Facts, rules: RuleSet):
    """Where the instructions accept an "equivalent" qualification (Japan's "equivalent of such a
    degree"; Australia's "Australian equivalent educational qualification … generally a 3-year
    bachelor's degree"), a credential of another kind with enough years is for the officer to
    judge (the domain brief, open point 4): undetermined, never a silent guess."""
    rule_ = rules.category_rule(facts.country, facts.category)
    edu = facts.education
    if edu.credential not in rule_.judgement_credentials:
        return None
    enough = rule_.min_study_years
    if _equivalence_route(rule_, facts):
        enough = min(enough, rule_.equivalence_min_years)
    if edu.years < enough:
        return None
    return undetermined("education.officer_judges_equivalence", detail=rule_.source,
                        credential=edu.credential.value, years=_years(edu.years))


def _equivalence_route(rule_: CategoryRule, facts: Facts) -> bool:
    edu = facts.education
    return (rule_.has_equivalence and edu.country == rule_.equivalence_country
            and edu.years >= rule_.equivalence_min_years
            and (edu.credential in rule_.equivalence_credentials
                 or edu.credential in rule_.judgement_credentials))


def evaluate(facts: Facts, rules: RuleSet):
    """The standard minimum first; failing it, the country's equivalence, then the officer's call.

    Only the route that decides is kept: a met equivalence must not be outweighed by the
    standard route's not-met finding."""
    standard = minimum_study(facts, rules)
    if standard.result is Result.MET:
        return [standard]
    for alternative in (country_equivalence, officer_judges_equivalence):
        found = alternative(facts, rules)
        if found is not None:
            return [found]
    return [standard]
