"""The wizard's named steps, in order, and which steps each criterion's facts come from."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from eligibility.rulebook.codes import Criterion


class Step(StrEnum):
    CASE = "case"
    OCCUPATION = "occupation"
    CREDENTIALS = "credentials"
    EXPERIENCE = "experience"
    LANGUAGE = "language"
    REMUNERATION = "remuneration"
    DOCUMENTS = "documents"
    REVIEW = "review"
    DECISION = "decision"


TITLES = {
    Step.CASE: _("Case"),
    Step.OCCUPATION: _("Occupation and offer"),
    Step.CREDENTIALS: _("Credentials"),
    Step.EXPERIENCE: _("Experience"),
    Step.LANGUAGE: _("Language"),
    Step.REMUNERATION: _("Remuneration"),
    Step.DOCUMENTS: _("Documents"),
    Step.REVIEW: _("Review"),
    Step.DECISION: _("Decision"),
}

ORDER = tuple(Step)
# The steps whose answers make up the facts; review and decision only read them.
ANSWER_STEPS = ORDER[: ORDER.index(Step.REVIEW)]

# The steps a criterion's facts are entered on. A criterion can be judged once all of them are
# answered; the first one after the case step is where the officer goes to change it.
CRITERION_STEPS = {
    Criterion.STATUS: (Step.CASE,),
    Criterion.OCCUPATION: (Step.OCCUPATION, Step.CASE),
    Criterion.EDUCATION: (Step.CREDENTIALS, Step.CASE),
    Criterion.EXPERIENCE: (Step.EXPERIENCE, Step.CASE),
    Criterion.CREDENTIALS: (Step.CREDENTIALS, Step.CASE, Step.OCCUPATION, Step.EXPERIENCE),
    Criterion.LANGUAGE: (Step.LANGUAGE,),
    Criterion.REMUNERATION: (Step.REMUNERATION, Step.CASE, Step.OCCUPATION),
    Criterion.EMPLOYER: (Step.OCCUPATION,),
    Criterion.DOCUMENTATION: (Step.DOCUMENTS, Step.CASE),  # the case step says whether it is an extension
}

CRITERION_TITLES = {
    Criterion.STATUS: _("Citizenship or residence"),
    Criterion.OCCUPATION: _("Occupation"),
    Criterion.EDUCATION: _("Education"),
    Criterion.EXPERIENCE: _("Experience"),
    Criterion.CREDENTIALS: _("Specialized knowledge"),
    Criterion.LANGUAGE: _("Language"),
    Criterion.REMUNERATION: _("Remuneration"),
    Criterion.EMPLOYER: _("Employer"),
    Criterion.DOCUMENTATION: _("Documents"),
}


def step_of(criterion: Criterion) -> Step:
    return CRITERION_STEPS[criterion][0]


def position(step: Step) -> int:
    """1-based, for "Step X of Y"."""
    return ORDER.index(step) + 1


def next_step(step: Step) -> Step | None:
    i = ORDER.index(step)
    return ORDER[i + 1] if i + 1 < len(ORDER) else None


def previous_step(step: Step) -> Step | None:
    i = ORDER.index(step)
    return ORDER[i - 1] if i > 0 else None
