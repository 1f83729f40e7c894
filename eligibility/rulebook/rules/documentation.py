"""The documents the applicant must present."""

from ..codes import Criterion, Document, Section
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule, undetermined


@rule("documentation_01_required_documents", Criterion.DOCUMENTATION, Section.DOCUMENTATION)
def required_documents(facts: Facts, rules: RuleSet):
    """"Professionals and technicians should present documentation that provides … details of the
    position (job description, duration of employment, arrangements regarding payment) [and] the
    educational qualification or alternative credentials required to discharge job duties in
    Canada (such as licensing or certification)" (General criteria for professionals and
    technicians). The occupation and the destination are the case's own facts."""
    missing = [d.value for d in Document if d not in facts.documents]
    if missing:
        return not_met("documentation.missing", missing=", ".join(missing))
    return met("documentation.complete")


@rule("documentation_02_extension_need", Criterion.DOCUMENTATION, Section.LENGTH_OF_STAY)
def extension_need(facts: Facts, rules: RuleSet):
    """"The applicant's length of stay is 1 year, with possible extensions at the officer's
    discretion, if the applicant is able to provide documentation that satisfies the processing
    officer of their need to have their stay extended." (Length of stay.) Only for an extension:
    the officer records whether the documents satisfy them of the need; undetermined until then."""
    if not facts.extension:
        return None
    if facts.extension_need_shown is None:
        return undetermined("documentation.extension_need_not_recorded")
    if facts.extension_need_shown:
        return met("documentation.extension_need_shown")
    return not_met("documentation.extension_need_not_shown")


def evaluate(facts: Facts, rules: RuleSet):
    return [f for f in (required_documents(facts, rules), extension_need(facts, rules)) if f is not None]
