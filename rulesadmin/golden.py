"""Run golden scenarios against a rule history and say which pass and, for the others, why.

    run(scenarios, history=None) -> list[ScenarioResult]

A scenario is anything with ``code``, ``case`` and the ``expected_*`` attributes of
``rulesadmin.models.GoldenScenario``; ``history`` is anything with ``.on(day) -> RuleSet``
(default: the rules the database holds now). The impact preview of a change set calls ``run``
once with the rules in force and once with the draft's, and compares the two lists.

Plain Python over plain data: no model or request is needed here, so the same run serves the
admin page, the impact preview and the tests. Also the JSONL row <-> scenario fields mapping,
shared by the import and the export.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from eligibility.casefile import CaseError, parse_case
from eligibility.rulebook import NoRulesInForce, assess
from eligibility.rulebook.codes import Result

# What a scenario may expect, in the order the differences are listed.
OUTCOME, NOT_MET, UNDETERMINED, MONTHS, SPOUSE = (
    "outcome", "not_met", "undetermined", "work_permit_max_months", "spouse_open_work_permit")
SET_ITEMS = frozenset({NOT_MET, UNDETERMINED})


@dataclass(frozen=True)
class Difference:
    """One expectation that does not hold: what was expected and what the rules now say."""

    item: str  # one of the names above
    expected: object  # sorted list for not_met / undetermined
    actual: object

    @property
    def missing(self) -> list:
        """For a set item: expected but not found."""
        return sorted(set(self.expected) - set(self.actual)) if self.item in SET_ITEMS else []

    @property
    def unexpected(self) -> list:
        """For a set item: found but not expected."""
        return sorted(set(self.actual) - set(self.expected)) if self.item in SET_ITEMS else []


@dataclass(frozen=True)
class RunError:
    """Why a scenario could not be assessed at all (``kind``: invalid_case, no_rules, engine_error)."""

    kind: str
    field: str
    message: str


@dataclass(frozen=True)
class ScenarioResult:
    scenario: object
    passed: bool
    outcome: str | None = None
    not_met: frozenset = frozenset()
    undetermined: frozenset = frozenset()
    work_permit_max_months: int | None = None
    spouse_open_work_permit: bool | None = None
    rules_version: str | None = None
    differences: tuple[Difference, ...] = field(default=())
    error: RunError | None = None


def run(scenarios, history=None) -> list[ScenarioResult]:
    """Assess each scenario's case against the rules in force on its receipt date. Never raises:
    a case that no longer parses, a date with no rules, or a draft rule set the engine chokes on
    is that scenario's failure, shown with the rest."""
    if history is None:
        from eligibility.snapshot import current_history  # needs the app registry: import on use

        history = current_history()
    today = timezone.localdate()  # the receipt date of a case that gives none, as the batch command does
    return [_run_one(scenario, history, today) for scenario in scenarios]


def _run_one(scenario, history, today) -> ScenarioResult:
    try:
        facts = parse_case(scenario.case, today)
    except CaseError as error:
        return ScenarioResult(scenario, False, error=RunError("invalid_case", error.field, error.message))
    except Exception as error:  # a case stored outside the model's validation: still a row, not a 500
        return ScenarioResult(scenario, False, error=RunError("invalid_case", "case", f"{type(error).__name__}: {error}"))
    try:
        assessment = assess(facts, history.on(facts.received_on))
    except NoRulesInForce as error:
        return ScenarioResult(scenario, False, error=RunError(
            "no_rules", "received_on", _("No rules for the %(category)s category are in force on %(day)s.")
            % {"category": error.category.value, "day": facts.received_on.isoformat()}))
    except Exception as error:  # a broken draft rule set must show as a failure, not a 500
        return ScenarioResult(scenario, False, error=RunError("engine_error", "", f"{type(error).__name__}: {error}"))
    actual = {
        OUTCOME: assessment.outcome.value,
        NOT_MET: frozenset(c.value for c in assessment.with_result(Result.NOT_MET)),
        UNDETERMINED: frozenset(c.value for c in assessment.with_result(Result.UNDETERMINED)),
        MONTHS: assessment.work_permit_max_months,
        SPOUSE: assessment.spouse_open_work_permit,
    }
    differences = tuple(_differences(scenario, actual))
    return ScenarioResult(
        scenario, not differences, actual[OUTCOME], actual[NOT_MET], actual[UNDETERMINED], actual[MONTHS],
        actual[SPOUSE], assessment.rules_version, differences,
    )


def _differences(scenario, actual):
    if actual[OUTCOME] != scenario.expected_outcome:
        yield Difference(OUTCOME, scenario.expected_outcome, actual[OUTCOME])
    for item, expected in ((NOT_MET, scenario.expected_not_met), (UNDETERMINED, scenario.expected_undetermined)):
        if frozenset(expected or ()) != actual[item]:
            yield Difference(item, sorted(expected or ()), sorted(actual[item]))
    # None means "not checked" for these two.
    for item, expected in ((MONTHS, scenario.expected_work_permit_max_months),
                           (SPOUSE, scenario.expected_spouse_open_work_permit)):
        if expected is not None and expected != actual[item]:
            yield Difference(item, expected, actual[item])


# JSONL rows ---------------------------------------------------------------------------------
# A row: {"code", "title", "source"?, "notes"?, "active"?, "case": {...}, "expected": {"outcome",
# "not_met"?, "undetermined"?, "work_permit_max_months"?, "spouse_open_work_permit"?}}.
ROW_FIELDS = {"code": "code", "title": "title", "source": "source", "notes": "notes", "active": "active",
              "case": "case"}
EXPECTED_FIELDS = {OUTCOME: "expected_outcome", NOT_MET: "expected_not_met", UNDETERMINED: "expected_undetermined",
                   MONTHS: "expected_work_permit_max_months", SPOUSE: "expected_spouse_open_work_permit"}
# Model field -> the row's path, to name the place of an error in the file's own terms.
ROW_PATH = {**{f: k for k, f in ROW_FIELDS.items()}, **{f: f"expected.{k}" for k, f in EXPECTED_FIELDS.items()}}
REQUIRED = ("code", "title", "case", "expected")


class RowError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def row_fields(row) -> dict:
    """A decoded JSONL row -> the scenario's field values. Raises ``RowError`` on the row's shape;
    the values themselves are checked by the model's validation. Absent lists mean "none"."""
    if not isinstance(row, dict):
        raise RowError("", _("A row must be a JSON object."))
    for key in row:
        if key not in ROW_FIELDS and key != "expected":
            raise RowError(key, _("Unknown field."))
    for key in REQUIRED:
        if key not in row:
            raise RowError(key, _("This field is required."))
    expected = row["expected"]
    if not isinstance(expected, dict):
        raise RowError("expected", _("Must be an object with outcome, not_met, undetermined, ..."))
    for key in expected:
        if key not in EXPECTED_FIELDS:
            raise RowError(f"expected.{key}", _("Unknown field."))
    if OUTCOME not in expected:
        raise RowError("expected.outcome", _("This field is required."))
    values = {name: row[key] for key, name in ROW_FIELDS.items() if key in row}
    values.update({name: expected.get(key) for key, name in EXPECTED_FIELDS.items()})
    for name in ("expected_not_met", "expected_undetermined"):
        if values[name] is None:
            values[name] = []
    for name in ("source", "notes"):
        if values.get(name) is None:
            values[name] = ""
    return values


def scenario_row(scenario) -> dict:
    """A scenario as a JSONL row (what ``row_fields`` reads back)."""
    expected = {OUTCOME: scenario.expected_outcome, NOT_MET: list(scenario.expected_not_met),
                UNDETERMINED: list(scenario.expected_undetermined)}
    if scenario.expected_work_permit_max_months is not None:
        expected[MONTHS] = scenario.expected_work_permit_max_months
    if scenario.expected_spouse_open_work_permit is not None:
        expected[SPOUSE] = scenario.expected_spouse_open_work_permit
    return {"code": scenario.code, "title": scenario.title, "source": scenario.source, "notes": scenario.notes,
            "active": scenario.active, "case": scenario.case, "expected": expected}
