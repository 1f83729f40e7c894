"""The ``rule`` decorator: gives each rule a stable id, its section, and a registry entry."""

from collections.abc import Callable
from dataclasses import dataclass

from ..codes import Criterion, Result, Section
from ..outcome import Finding, Reason


@dataclass(frozen=True)
class RuleInfo:
    rule_id: str
    criterion: Criterion | None
    section: Section
    doc: str
    module: str


REGISTRY: dict[str, RuleInfo] = {}


class Verdict:
    """What a rule body returns: a result, a message code and its figures."""

    __slots__ = ("result", "code", "params", "detail", "section")

    def __init__(self, result: Result, code: str, detail: str = "", section=None, **params):
        self.result = result
        self.code = code
        self.params = params
        self.detail = detail  # the citation of the data row relied on, where there is one
        self.section = section  # overrides the rule's section (e.g. professionals vs technicians)


def met(code: str, detail: str = "", section: Section | None = None, **params) -> Verdict:
    return Verdict(Result.MET, code, detail, section, **params)


def not_met(code: str, detail: str = "", section: Section | None = None, **params) -> Verdict:
    return Verdict(Result.NOT_MET, code, detail, section, **params)


def undetermined(code: str, detail: str = "", section: Section | None = None, **params) -> Verdict:
    return Verdict(Result.UNDETERMINED, code, detail, section, **params)


def not_assessed(code: str, detail: str = "", section: Section | None = None, **params) -> Verdict:
    return Verdict(Result.NOT_ASSESSED, code, detail, section, **params)


def rule(rule_id: str, criterion: Criterion | None, section: Section):
    """Register a rule. The body returns a Verdict (or None: the rule does not apply)."""

    def wrap(fn: Callable) -> Callable:
        if rule_id in REGISTRY:
            raise ValueError(f"duplicate rule id {rule_id}")
        REGISTRY[rule_id] = RuleInfo(rule_id, criterion, section, fn.__doc__ or "", fn.__module__)

        def run(*args, **kwargs) -> Finding | None:
            verdict = fn(*args, **kwargs)
            if verdict is None:
                return None
            reason = Reason(rule_id, verdict.code, tuple(verdict.params.items()))
            return Finding(verdict.result, reason, verdict.section or section, verdict.detail)

        run.rule_id = rule_id
        run.__doc__ = fn.__doc__
        run.__name__ = fn.__name__
        run.__wrapped__ = fn
        return run

    return wrap
