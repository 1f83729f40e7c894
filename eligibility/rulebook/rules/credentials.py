"""Specialized knowledge: the licensing path or the study-and-experience path."""

from ..codes import Criterion, Result, Section
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule, undetermined


def regulated_in_province(facts: Facts, rules: RuleSet) -> tuple[bool | None, str]:
    """The officer's finding, else the regulation table; (None, "") when neither says."""
    if facts.regulated is not None:
        return facts.regulated, "officer"
    entry = rules.regulation(facts.noc_code, facts.province.value)
    if entry is None:
        return None, ""
    return entry.regulated, entry.source


@rule("credentials_01_licensing_path", Criterion.CREDENTIALS, Section.SPECIALIZED_KNOWLEDGE)
def licensing_path(facts: Facts, rules: RuleSet):
    """"where the occupation is regulated by the province or territory of the applicant's intended
    destination, evidence of licensing or certification in their occupation from the applicable
    Canadian or foreign regulatory body" (General criteria for professionals and technicians)."""
    params = dict(noc=facts.noc_code, province=facts.province.value)
    if facts.licensed:
        return met("credentials.licensed", **params)
    return not_met("credentials.not_licensed", **params)


@rule("credentials_02_study_and_experience_path", Criterion.CREDENTIALS, Section.SPECIALIZED_KNOWLEDGE)
def study_and_experience_path(facts: Facts, rules: RuleSet):
    """"where the occupation is not regulated … or where licensing or certification is not
    required to fulfill the offer of employment, evidence of study in a field of study related to
    the specialty occupation (theoretical) and evidence of paid work experience in the specialty
    occupation (practical)" (General criteria for professionals and technicians). The months of
    experience are weighed under the experience criterion; here, that there is some."""
    params = dict(noc=facts.noc_code, months=facts.experience_months)
    if not facts.education.related_field:
        return not_met("credentials.study_unrelated", **params)
    if facts.experience_months <= 0:
        return not_met("credentials.no_practical_experience", **params)
    return met("credentials.study_and_experience", **params)


@rule("credentials_03_which_path", Criterion.CREDENTIALS, Section.SPECIALIZED_KNOWLEDGE)
def which_path(facts: Facts, rules: RuleSet):
    """Chooses between the two ways of showing "theoretical and practical application of a body
    of specialized knowledge": "where the occupation is regulated by the province or territory …
    evidence of licensing or certification"; "where the occupation is not regulated … or where
    licensing or certification is not required to fulfill the offer of employment, evidence of
    study … and … paid work experience" (General criteria for professionals and technicians).
    Regulation is the officer's finding, else the regulation table; where neither says and the
    two paths disagree, the officer must find it (undetermined)."""
    regulated, source = regulated_in_province(facts, rules)
    params = dict(noc=facts.noc_code, province=facts.province.value)
    if not facts.licence_required:
        return met("credentials.path_licence_not_required", **params)
    if regulated is True:
        return met("credentials.path_regulated", detail="" if source == "officer" else source,
                   by_officer=source == "officer", **params)
    if regulated is False:
        return met("credentials.path_not_regulated", detail="" if source == "officer" else source,
                   by_officer=source == "officer", **params)
    return undetermined("credentials.regulation_unknown", **params)


def evaluate(facts: Facts, rules: RuleSet):
    path = which_path(facts, rules)
    if path.reason.code == "credentials.path_regulated":
        return [path, licensing_path(facts, rules)]
    if path.result is Result.MET:
        return [path, study_and_experience_path(facts, rules)]
    # Regulation unknown: when both paths agree the answer does not depend on it.
    licence, study = licensing_path(facts, rules), study_and_experience_path(facts, rules)
    if licence.result is study.result:
        return [licence, study]
    return [path]
