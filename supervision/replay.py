"""Replaying a recorded decision: its stored facts run again through the engine, against

(a) the rules of its own version: the rule set in force on its receipt date, as the change sets
    published when it was recorded made it (``snapshot.Versions``). It must hash to the stored
    ``rules_version`` and give the identical working; then the decision is *confirmed*. Published
    rule rows are never changed (the database refuses it) and later change sets only add rows, so
    these rules can always be rebuilt; if the hash still differed, the replay says so rather than
    passing off other rules as the decision's own;
(b) the rules in force today: what would differ, outcome and criterion by criterion.

Pure apart from reading the rule rows (through ``RuleHistory``): it writes nothing, logs nothing
and words nothing. Pages and ``manage.py replay_decisions`` do that.
"""

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from eligibility import rulebook
from eligibility.casefile import CaseError, parse_case
from eligibility.rulebook.codes import Criterion
from eligibility.snapshot import RuleHistory, Versions, current_history

# Keys of the stored working compared outside the criteria (the rules version is checked on its own).
_NOT_COMPARED = frozenset({"outcome", "criteria", "rules_version"})


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    NOT_REPRODUCIBLE = "not_reproducible"


class Why(StrEnum):
    """Why a decision could not be reproduced under its own version."""

    RULES_EDITED = "rules_edited"  # the rebuilt rule set has another version: rows in force then were edited
    # (possible only for rows changed behind the application's back: published rows are final)
    WORKING_DIFFERS = "working_differs"  # same rules, another answer: the engine itself has changed
    FACTS_UNREADABLE = "facts_unreadable"  # the stored facts no longer pass the case format's checks
    NO_RULES = "no_rules"  # no criteria for the case's category in the rebuilt rule set


@dataclass(frozen=True)
class CriterionChange:
    """One criterion whose working differs: the stored working and the replayed one (None when the
    replay could not give one)."""

    criterion: Criterion
    before: dict | None
    after: dict | None

    @property
    def result_before(self) -> str | None:
        return self.before["result"] if self.before else None

    @property
    def result_after(self) -> str | None:
        return self.after["result"] if self.after else None

    @property
    def result_changed(self) -> bool:
        return self.result_before != self.result_after


@dataclass(frozen=True)
class Differences:
    outcome: tuple[str, str] | None  # (stored, replayed) when they differ
    criteria: tuple[CriterionChange, ...]
    other: tuple[tuple[str, object, object], ...]  # (key of the working, stored, replayed)

    @property
    def none(self) -> bool:
        return self.outcome is None and not self.criteria and not self.other


@dataclass(frozen=True)
class Run:
    """The facts assessed against one rule set."""

    rules_version: str
    working: dict | None  # JSON-plain, as a decision stores it; None when the engine could not assess
    differences: Differences | None  # from the stored working
    error: Why | None = None
    error_detail: str = ""

    @property
    def outcome(self) -> str | None:
        return self.working["outcome"] if self.working else None


@dataclass(frozen=True)
class Replay:
    decision_id: int
    received_on: date
    stored_version: str
    stored_outcome: str
    today: date
    own: Run | None  # None when the facts could not be read
    now: Run | None
    facts_error: str = ""

    @property
    def why(self) -> Why | None:
        """None when confirmed; else the first reason the decision was not reproduced."""
        if self.own is None:
            return Why.FACTS_UNREADABLE
        if self.own.rules_version != self.stored_version:
            return Why.RULES_EDITED
        if self.own.error:
            return self.own.error
        if not self.own.differences.none:
            return Why.WORKING_DIFFERS
        return None

    @property
    def verdict(self) -> Verdict:
        return Verdict.CONFIRMED if self.why is None else Verdict.NOT_REPRODUCIBLE

    @property
    def confirmed(self) -> bool:
        return self.why is None

    @property
    def differs_today(self) -> bool:
        """Whether today's rules give another outcome (or none at all) for the same facts."""
        return self.now is None or self.now.outcome != self.stored_outcome

    @property
    def changes_today(self) -> bool:
        """Whether anything at all in the working would differ today."""
        return self.now is None or self.now.differences is None or not self.now.differences.none


def replay(decision, *, history: RuleHistory | None = None, versions: Versions | None = None,
           today: date | None = None) -> Replay:
    """Replay one decision. ``history`` (today's rules) and ``versions`` (the rules as they stood
    at any moment) let a caller replaying many decisions read the rule rows once; ``today`` is the
    date whose rules are "today's" (the local date by default)."""
    history = history or current_history()
    versions = versions or Versions(classification=history.classification)
    today = today or timezone.localdate()
    stored = plain(decision.working)
    base = {"decision_id": decision.pk, "received_on": decision.received_on,
            "stored_version": decision.rules_version, "stored_outcome": decision.outcome, "today": today}
    try:
        facts = parse_case(decision.facts, decision.received_on, partial=True)
    except CaseError as error:
        return Replay(**base, own=None, now=None, facts_error=str(error))
    own = _run(facts, versions.at(decision.created_at).on(decision.received_on), stored)
    now = _run(facts, history.on(today), stored)
    return Replay(**base, own=own, now=now)


def _run(facts, ruleset, stored: dict) -> Run:
    try:
        result = rulebook.assess(facts, ruleset)
    except rulebook.NoRulesInForce as missing:
        return Run(ruleset.version, None, None, Why.NO_RULES, missing.category.value)
    working = plain(result.as_dict())
    return Run(ruleset.version, working, compare(stored, working))


def compare(before: dict, after: dict) -> Differences:
    """What differs between two workings (as ``Assessment.as_dict`` gives them), the rules
    version aside."""
    outcome = None if before.get("outcome") == after.get("outcome") else (before.get("outcome"), after.get("outcome"))
    was, now = before.get("criteria", {}), after.get("criteria", {})
    criteria = tuple(CriterionChange(c, was.get(c.value), now.get(c.value))
                     for c in Criterion if was.get(c.value) != now.get(c.value))
    keys = sorted((set(before) | set(after)) - _NOT_COMPARED)
    other = tuple((k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k))
    return Differences(outcome, criteria, other)


def plain(working: dict) -> dict:
    """The working as it reads back from the database: tuples as lists, dates and decimals as
    text, so a replayed working compares equal to a stored one when they say the same."""
    return json.loads(json.dumps(working, cls=DjangoJSONEncoder))
