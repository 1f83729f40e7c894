"""The impact preview of a change set: what its rows would change, before anyone approves it.

Two comparisons, each between the rules published now and the same rules with the change set's
rows in force (its additions added, the rows it changes or removes replaced):
  - the golden scenarios whose result would change (``golden.run`` under both);
  - the finalised decisions of a chosen period (by the day they were recorded) whose indicative
    outcome would differ, each assessed on its receipt date under both.
The draft is taken to be in force on every day compared, whatever day it will take effect: the
question is what the change does, not when. Only decisions the rows can concern are assessed (the
countries, categories and NOC codes they name); the others cannot change. Reads only.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from eligibility import rulebook
from eligibility.casefile import CaseError, parse_case
from eligibility.models import Decision
from eligibility.snapshot import RuleHistory, current_history
from occupations import models as m
from occupations.publishing import rows_of

from . import golden
from .models import GoldenScenario

LISTED = 200  # decisions listed on the page; all are counted
EARLIEST = date(1900, 1, 1)


@dataclass
class ScenarioChange:
    scenario: GoldenScenario
    before: golden.ScenarioResult
    after: golden.ScenarioResult


@dataclass
class DecisionChange:
    decision_id: int
    application_number: str
    received_on: date
    recorded_outcome: str
    outcome_now: str | None
    outcome_with_change: str | None


@dataclass
class Impact:
    scenarios_run: int
    scenarios: list[ScenarioChange]
    period: tuple[date, date]
    decisions_assessed: int
    decisions_changed: int
    decisions: list[DecisionChange] = field(default_factory=list)


def draft_history(change_set) -> RuleHistory:
    """The published rules with the change set's rows in force from the earliest date."""
    extra: dict = {}
    for row in rows_of(change_set):
        row.valid_from = EARLIEST
        extra.setdefault(type(row), []).append(row)
    return RuleHistory(extra=extra)


def concerned(change_set) -> Q | None:
    """Decisions the change set's rows can change; None when it may change any."""
    q = Q()
    for row in rows_of(change_set):
        rows = [row] + ([row.replaces] if row.replaces_id else [])
        for r in rows:
            if isinstance(r, m.Country):
                q |= Q(country=r.code)
            elif isinstance(r, m.CategoryRule):
                if not r.country_code:
                    return None  # the general criteria: any country
                q |= Q(country=r.country_code, category=r.category)
            elif isinstance(r, m.Listing):
                q |= Q(country=r.country_code, category=r.category) & (
                    Q(noc_code=r.unit_group_id) if r.unit_group_id else Q())
            else:  # regulation and wage rows: by occupation
                q |= Q(noc_code=r.unit_group_id)
    return q


def _outcome(facts, history: RuleHistory, day: date) -> str | None:
    try:
        return rulebook.assess(facts, history.on(day)).outcome.value
    except rulebook.NoRulesInForce:
        return None


def preview(change_set, start: date, end: date) -> Impact:
    now, draft = current_history(), draft_history(change_set)
    scenarios = list(GoldenScenario.objects.filter(active=True).order_by("code"))
    before, after = golden.run(scenarios, now), golden.run(scenarios, draft)
    changed_scenarios = [ScenarioChange(s, b, a) for s, b, a in zip(scenarios, before, after, strict=True)
                         if (b.passed, b.outcome, b.not_met, b.undetermined) != (a.passed, a.outcome, a.not_met,
                                                                                  a.undetermined)]
    zone = timezone.get_current_timezone()
    decisions = Decision.objects.filter(
        created_at__gte=timezone.make_aware(datetime.combine(start, time.min), zone),
        created_at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone))
    scope = concerned(change_set)
    if scope is not None:
        decisions = decisions.filter(scope)
    assessed, changed, listed = 0, 0, []
    for d in decisions.order_by("-created_at", "-id").only(
            "id", "application_number", "received_on", "facts", "outcome").iterator(chunk_size=2000):
        try:
            facts = parse_case(d.facts, d.received_on, partial=True)
        except CaseError:
            continue
        assessed += 1
        was, will = _outcome(facts, now, d.received_on), _outcome(facts, draft, d.received_on)
        if was != will:
            changed += 1
            if len(listed) < LISTED:
                listed.append(DecisionChange(d.pk, d.application_number, d.received_on, d.outcome, was, will))
    return Impact(len(scenarios), changed_scenarios, (start, end), assessed, changed, listed)
