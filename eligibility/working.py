"""The working of an assessment, for people: per criterion the result, the reasons in plain
words, the rule and section relied on, and the facts used. Read from the stored working (the
engine's ``as_dict``), so a recorded decision shows exactly what was decided on."""

from dataclasses import dataclass

from django.utils.translation import get_language

from eligibility.reasons import criterion_summary, reason_text, source_text
from eligibility.rulebook.codes import Criterion, Result, Section
from eligibility.rulebook.outcome import CriterionResult, Finding, Reason


@dataclass(frozen=True)
class FindingRow:
    rule_id: str
    result: str
    reason: str
    source: str


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    result: str
    reason: str
    source: str
    findings: tuple[FindingRow, ...]

    @property
    def not_assessed(self) -> bool:
        """Its facts were not entered (the case was decided on an earlier criterion)."""
        return self.result == Result.NOT_ASSESSED.value


def _finding(data: dict) -> Finding:
    reason = Reason(data["rule_id"], data["code"], tuple(data["params"].items()))
    return Finding(Result(data["result"]), reason, Section(data["section"]), data.get("section_detail", ""))


def criterion_rows(working: dict) -> list[CriterionRow]:
    """Rows in the contract's criterion order."""
    language = get_language()
    rows = []
    for criterion in Criterion:
        stored = working["criteria"][criterion.value]
        result = CriterionResult(criterion, tuple(_finding(f) for f in stored["findings"]))
        summary = criterion_summary(result, language)
        findings = tuple(FindingRow(f.reason.rule_id, f.result.value, reason_text(f.reason), source_text(f))
                         for f in result.findings)
        rows.append(CriterionRow(criterion, summary["result"], summary["reason"], summary["source"], findings))
    return rows


def stay_reason(working: dict) -> str:
    data = working["work_permit_reason"]
    return reason_text(Reason(data["rule_id"], data["code"], tuple(data["params"].items())))


def spouse_reason(working: dict) -> str:
    data = working.get("spouse_reason")
    if not data:
        return ""
    return reason_text(Reason(data["rule_id"], data["code"], tuple(data["params"].items())))
