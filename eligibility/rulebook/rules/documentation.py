"""The documents the applicant must present."""

from ..codes import Criterion, Document, Section
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule


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


def evaluate(facts: Facts, rules: RuleSet):
    return [required_documents(facts, rules)]
