"""Education: the category's minimum study, the country routes that replace or tighten it, the
Canadian employer's letter, and the NOC's own requirements.

Every reason names the route it considered: the standard route (the category's minimum), the
country's equivalence route (Australia), or the officer's judgement of an "equivalent"."""

from ..codes import Category, Criterion, Judgement, Result, Section
from ..facts import Facts
from ..ruleset import CategoryRule, RuleSet
from ._base import met, not_met, rule, undetermined


def _section(category: Category) -> Section:
    return Section.PROFESSIONALS if category is Category.PROFESSIONAL else Section.TECHNICIANS


def _years(value: float) -> str:
    return f"{value:g}"


def _codes(credentials) -> str:
    return ", ".join(sorted(c.value for c in credentials))


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
                       accepted=_codes(rule_.accepted_credentials), **params)
    return not_met("education.too_few_years", detail=rule_.source, section=section, **params)


@rule("education_02_country_equivalence", Criterion.EDUCATION, Section.COUNTRY_SPECIFIC)
def country_equivalence(facts: Facts, rules: RuleSet):
    """Australia, professionals: "Canadian educational requirements for Australian professionals
    should be deemed to be met whenever an Australian professional has met the Australian
    equivalent educational qualification. This is generally a 3-year bachelor's degree."
    (Country-specific occupations › Australia › Professionals.) A 3-year bachelor's obtained in
    Australia is deemed to meet the requirement; one obtained elsewhere may or may not be "the
    Australian equivalent educational qualification": the officer judges it. Another credential,
    or fewer years, is outside the route (the reason says which)."""
    rule_ = rules.category_rule(facts.country, facts.category)
    if not rule_.has_equivalence:
        return None
    edu = facts.education
    params = dict(credential=edu.credential.value, years=_years(edu.years),
                  min_years=_years(rule_.equivalence_min_years), route_country=rule_.equivalence_country,
                  route_credentials=_codes(rule_.equivalence_credentials))
    if edu.credential not in rule_.equivalence_credentials:
        return not_met("education.equivalence_other_credential", detail=rule_.source, **params)
    if edu.years < rule_.equivalence_min_years:
        return not_met("education.equivalence_too_few_years", detail=rule_.source, **params)
    if rule_.equivalence_requires_employer_letter and not rule_.employer_letter_for_all and not facts.employer_letter:
        return not_met("education.equivalence_letter_missing", detail=rule_.source, **params)
    if edu.country == rule_.equivalence_country:
        return met("education.equivalence_met", detail=rule_.source, **params)
    return _officer_judgement(facts, rule_, "education.equivalence_obtained_elsewhere",
                              obtained_in=edu.country, **params)


@rule("education_03_officer_judges_equivalence", Criterion.EDUCATION, Section.COUNTRY_SPECIFIC)
def officer_judges_equivalence(facts: Facts, rules: RuleSet):
    """Where the instructions accept an "equivalent" qualification (Japan, technicians: "A
    Japanese associate's degree, the equivalent of such a degree or a higher level of education";
    Australia, professionals: "the Australian equivalent educational qualification … generally a
    3-year bachelor's degree"), a credential of another kind with enough years of study is for the
    officer to judge (the domain brief, open point 4): undetermined until the officer answers,
    never a silent guess either way."""
    rule_ = rules.category_rule(facts.country, facts.category)
    edu = facts.education
    if edu.credential not in rule_.judgement_credentials:
        return None
    enough = rule_.min_study_years
    if rule_.has_equivalence:
        enough = min(enough, rule_.equivalence_min_years)
    if edu.years < enough:
        return None
    return _officer_judgement(facts, rule_, "education.equivalence_for_officer", credential=edu.credential.value,
                              years=_years(edu.years), min_years=_years(enough),
                              accepted=_codes(rule_.accepted_credentials))


def _officer_judgement(facts: Facts, rule_: CategoryRule, asked: str, **params):
    answer = facts.judgement(Judgement.EQUIVALENT_QUALIFICATION)
    params["judgement"] = Judgement.EQUIVALENT_QUALIFICATION.value
    if answer is None:
        return undetermined(asked, detail=rule_.source, **params)
    if answer:
        return met("education.officer_judged_equivalent", detail=rule_.source, **params)
    return not_met("education.officer_judged_not_equivalent", detail=rule_.source, **params)


@rule("education_04_employer_letter", Criterion.EDUCATION, Section.COUNTRY_SPECIFIC)
def employer_letter(facts: Facts, rules: RuleSet):
    """Australia, professionals: "Australian professionals also require a letter provided by the
    Canadian client or employer, indicating that the Australian professional's qualifications are
    acceptable in Canada." (Country-specific occupations › Australia › Professionals.) Read by
    default as every Australian professional, whatever the degree: a parameter of the country's
    rule (``employer_letter_for_all``) a rules admin can change; with it off, the letter is asked
    only on the equivalence route (education_02). The reason says which reading applied."""
    rule_ = rules.category_rule(facts.country, facts.category)
    if not rule_.employer_letter_for_all:
        return None
    if facts.employer_letter:
        return met("education.employer_letter_provided", detail=rule_.source, country=rule_.country)
    return not_met("education.employer_letter_required", detail=rule_.source, country=rule_.country)


@rule("education_05_noc_requirements", Criterion.EDUCATION, Section.PROFESSIONALS)
def noc_requirements(facts: Facts, rules: RuleSet):
    """Professionals: "… and any additional requirements defined in the National Occupational
    Classification (NOC)" (Specific criteria for professionals); technicians: "as well as any
    other minimum requirements for entry defined in the NOC" (Specific criteria for
    technicians). The officer reads the unit group's employment requirements and records whether
    the applicant meets them: not met when they say no. A case with nothing recorded (a batch
    case without the field) adds no finding: the wizard always asks."""
    answer = facts.noc_requirements_met
    if answer is None:
        return None
    section = _section(facts.category)
    if answer:
        return met("education.noc_requirements_met", section=section, noc=facts.noc_code)
    return not_met("education.noc_requirements_not_met", section=section, noc=facts.noc_code)


def evaluate(facts: Facts, rules: RuleSet):
    """The standard minimum first; failing it, the officer's judgement of an "equivalent" or the
    country's equivalence route. A route that meets the requirement decides alone (a met
    equivalence is not outweighed by the standard route's shortfall); when none does, the
    standard route's finding stands with the reason the country's route did not apply. The
    employer's letter and the NOC's requirements are findings of their own."""
    standard = minimum_study(facts, rules)
    route = [standard]
    if standard.result is not Result.MET:
        judged = officer_judges_equivalence(facts, rules)
        country = country_equivalence(facts, rules) if judged is None else None
        if judged is not None:
            route = [judged]
        elif country is not None and country.result is not Result.NOT_MET:
            route = [country]
        elif country is not None:
            route = [standard, country]
    return [f for f in (*route, employer_letter(facts, rules), noc_requirements(facts, rules)) if f is not None]
