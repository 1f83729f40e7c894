"""What the engine answers: per-criterion findings and the indicative outcome.

Findings carry codes and parameters only; ``eligibility/reasons.py`` words them in English or
French. Everything here is JSON-ready through ``as_dict`` so a decision can store its working.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from .codes import Criterion, Outcome, Result, Section


# Reason and Finding are named tuples rather than frozen dataclasses: a case makes a few dozen of
# each, and a tuple is built in half the time, immutable and hashable all the same.
class Reason(NamedTuple):
    """Why a rule came out as it did: the rule's id, a message code and its figures."""

    rule_id: str
    code: str
    params: tuple[tuple[str, object], ...] = ()

    @property
    def param_dict(self) -> dict:
        return dict(self.params)

    def as_dict(self) -> dict:
        return {"rule_id": self.rule_id, "code": self.code, "params": dict(self.params)}


class Finding(NamedTuple):
    """One rule's verdict on one criterion."""

    result: Result
    reason: Reason
    section: Section
    section_detail: str = ""  # e.g. the country list's citation, for data-driven rules

    def as_dict(self) -> dict:
        return {
            "result": self.result.value,
            "section": self.section.value,
            "section_detail": self.section_detail,
            **self.reason.as_dict(),
        }


# A criterion not assessed has that one finding and no other, so its place here never competes.
_SEVERITY = {Result.MET: 0, Result.NOT_ASSESSED: 1, Result.UNDETERMINED: 1, Result.NOT_MET: 2}


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """A criterion's result and the findings that make it up (the working).

    The result is the gravest of the findings; the deciding finding is the first one with that
    result, and its reason is the criterion's reason. Both are worked out once, on creation:
    wording a batch's results reads them several times per criterion.
    """

    criterion: Criterion
    findings: tuple[Finding, ...]
    result: Result = field(init=False)
    deciding: Finding = field(init=False)

    def __post_init__(self):
        severity = _SEVERITY
        deciding = self.findings[0]
        for finding in self.findings[1:]:
            if severity[finding.result] > severity[deciding.result]:
                deciding = finding
        object.__setattr__(self, "result", deciding.result)
        object.__setattr__(self, "deciding", deciding)

    def as_dict(self) -> dict:
        return {"result": self.result.value, "findings": [f.as_dict() for f in self.findings]}


@dataclass(frozen=True, slots=True)
class Assessment:
    outcome: Outcome
    criteria: tuple[CriterionResult, ...]
    work_permit_max_months: int | None  # None: the employment offered was not entered
    work_permit_reason: Reason
    spouse_open_work_permit: bool | None
    spouse_reason: Reason | None
    rules_version: str

    def criterion(self, criterion: Criterion) -> CriterionResult:
        return next(c for c in self.criteria if c.criterion is criterion)

    def judgements(self, criteria=None) -> tuple[str, ...]:
        """The officer judgements the findings turn on (answered or not), in the working's order:
        what an adapter asks the officer. ``criteria`` limits it to those criteria."""
        asked: dict[str, None] = {}
        for c in self.criteria:
            if criteria is None or c.criterion in criteria:
                for f in c.findings:
                    code = f.reason.param_dict.get("judgement")
                    if code:
                        asked[code] = None
        return tuple(asked)

    def with_result(self, result: Result) -> list[Criterion]:
        return [c.criterion for c in self.criteria if c.result is result]

    def as_dict(self) -> dict:
        """The full working, as stored with a decision."""
        return {
            "outcome": self.outcome.value,
            "criteria": {c.criterion.value: c.as_dict() for c in self.criteria},
            "work_permit_max_months": self.work_permit_max_months,
            "work_permit_reason": self.work_permit_reason.as_dict(),
            "spouse_open_work_permit": self.spouse_open_work_permit,
            "spouse_reason": self.spouse_reason.as_dict() if self.spouse_reason else None,
            "rules_version": self.rules_version,
        }


def outcome_of(results) -> Outcome:
    """Contract: not eligible if any criterion is not met, else review if any is undetermined.
    A criterion not assessed leaves the case to the officer like an undetermined one: a case is
    never eligible on criteria nobody looked at."""
    results = set(results)
    if Result.NOT_MET in results:
        return Outcome.NOT_ELIGIBLE
    if Result.UNDETERMINED in results or Result.NOT_ASSESSED in results:
        return Outcome.NEEDS_OFFICER_REVIEW
    return Outcome.ELIGIBLE
