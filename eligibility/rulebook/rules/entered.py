"""Which facts each criterion turns on, and the finding for a criterion whose facts were never
entered.

A case decided on an earlier criterion (a country that is not a party, an excluded occupation)
leaves later steps unanswered. Those criteria are *not assessed*: the engine does not run their
rules on stand-in values, and nothing reads them as met or not met.
"""

from ..codes import Criterion, Section
from ..facts import Facts
from ._base import not_assessed, rule

# The facts (``Facts`` attribute names) without which a criterion's rules cannot run. Each is
# None only when the officer never entered it; a batch case has them all (the contract).
NEEDS: dict[Criterion, tuple[str, ...]] = {
    Criterion.STATUS: (),
    Criterion.OCCUPATION: ("noc_code",),
    Criterion.EDUCATION: ("education", "noc_code"),
    Criterion.EXPERIENCE: ("experience_months",),
    Criterion.CREDENTIALS: ("education", "experience_months", "noc_code", "province"),
    Criterion.LANGUAGE: ("language",),
    Criterion.REMUNERATION: ("wage", "noc_code", "province"),
    Criterion.EMPLOYER: ("offer_number", "compliance_fee_paid"),
    Criterion.DOCUMENTATION: ("documents",),
}


def missing(facts: Facts, criterion: Criterion) -> tuple[str, ...]:
    """The facts ``criterion`` needs that were not entered, in ``NEEDS`` order."""
    return tuple(name for name in NEEDS[criterion] if getattr(facts, name) is None)


@rule("facts_01_not_entered", None, Section.GENERAL_CRITERIA)
def not_entered(criterion: Criterion, names: tuple[str, ...]):
    """Professionals and technicians "should present documentation that provides the following
    information: the occupation for which entry is sought; their province or territory of
    destination; details of the position …; the educational qualification …" (General criteria
    for professionals and technicians). A criterion is assessed on what the officer entered from
    that documentation; where nothing was entered, it is not assessed: neither met nor not met."""
    return not_assessed("facts.not_entered", criterion=criterion.value, facts=",".join(names))
