"""The rules, one module per area. Each rule has a stable id (see ``_base.REGISTRY``)."""

from ..codes import Criterion
from . import (
    credentials,
    documentation,
    education,
    employer,
    entered,
    experience,
    language,
    occupation,
    remuneration,
    status,
    stay,
)
from ._base import REGISTRY

# Each criterion's evaluator, in the order of the working.
EVALUATORS = {
    Criterion.STATUS: status.evaluate,
    Criterion.OCCUPATION: occupation.evaluate,
    Criterion.EDUCATION: education.evaluate,
    Criterion.EXPERIENCE: experience.evaluate,
    Criterion.CREDENTIALS: credentials.evaluate,
    Criterion.LANGUAGE: language.evaluate,
    Criterion.REMUNERATION: remuneration.evaluate,
    Criterion.EMPLOYER: employer.evaluate,
    Criterion.DOCUMENTATION: documentation.evaluate,
}

__all__ = ["EVALUATORS", "REGISTRY", "entered", "stay"]
