"""Migration 0003 brings the shipped golden scenarios of a database migrated before issue 14 up to
date, and leaves alone what a rules admin changed.

The test database is migrated from scratch, so 0002 already loaded the current data file; each test
first puts rows back as an earlier 0002 loaded them (the migration's own frozen BEFORE), then calls
the migration's function with the app registry, as the migration executor would.
"""

import importlib

import pytest
from django.apps import apps

from rulesadmin import golden
from rulesadmin.models import GoldenScenario
from tests.rulesadmin.test_golden import SHIPPED

migration = importlib.import_module("rulesadmin.migrations.0003_scenarios_after_issue_14")
BEFORE = {row["code"]: row for row in migration._rows(migration.BEFORE)}
AFTER = {row["code"]: row for row in migration._rows(migration.AFTER)}
ADDED = {row["code"]: row for row in migration._rows(migration.ADDED)}
SHIPPED_BY_CODE = {row["code"]: row for row in SHIPPED}

pytestmark = pytest.mark.django_db


def as_shipped_before(code, **edits):
    """The row as the earlier data file had it, with a rules admin's ``edits`` if any."""
    GoldenScenario.objects.filter(code=code).update(**{**migration._fields(BEFORE[code]), **edits})


def fields(code):
    scenario = GoldenScenario.objects.get(code=code)
    return {name: getattr(scenario, name) for name in migration._fields(SHIPPED_BY_CODE[code])}


def test_the_frozen_versions_are_the_data_files_lines():
    shipped = SHIPPED_BY_CODE
    assert ADDED == {code: shipped[code] for code in ADDED} and set(ADDED) == {"W05", "P06", "P10", "P11", "S05"}
    assert set(AFTER) == set(BEFORE) == {"C01", "C08", "E02", "X01", "X03", "X07", "X10", "X14", "G03"}
    for code, row in AFTER.items():
        assert row == {"code": code, "case": shipped[code]["case"], "expected": shipped[code]["expected"]}
        # What changed: the employer letter, now given in every Australian professional's case.
        assert {k: v for k, v in row["case"].items() if k != "employer_letter"} == BEFORE[code]["case"]
        assert row["expected"] == BEFORE[code]["expected"]


def test_an_unedited_old_scenario_is_updated_and_an_edited_one_left_alone():
    as_shipped_before("C01")
    as_shipped_before("C08", title="Renamed by an admin", active=False)  # only the case and expected count
    edited_case = {**BEFORE["X01"]["case"], "experience_months": 40}
    as_shipped_before("X01", case=edited_case)
    as_shipped_before("X03", expected_outcome="needs_officer_review", expected_undetermined=["education"])
    GoldenScenario.objects.filter(code__in=["W05", "S05"]).delete()  # shipped after that database was made
    GoldenScenario.objects.filter(code="P06").update(title="An admin's own P06", notes="Kept")
    current = fields("E02")

    migration.forwards(apps, None)

    assert fields("C01") == migration._fields(AFTER["C01"]) and fields("C01")["case"]["employer_letter"] is True
    c08 = GoldenScenario.objects.get(code="C08")
    assert c08.case == AFTER["C08"]["case"] and (c08.title, c08.active) == ("Renamed by an admin", False)
    assert fields("X01")["case"] == edited_case  # the admin's edit stands
    assert fields("X03")["expected_outcome"] == "needs_officer_review" and "employer_letter" not in fields("X03")["case"]
    assert fields("E02") == current  # already current: unchanged
    for code in ("W05", "S05"):
        added = GoldenScenario.objects.get(code=code)
        assert (added.title, added.notes, added.source) == (ADDED[code]["title"], ADDED[code]["notes"],
                                                            ADDED[code]["source"])
        assert fields(code) == migration._fields(ADDED[code])
    assert GoldenScenario.objects.get(code="P06").title == "An admin's own P06"  # an existing code is not replaced
    assert all(r.passed for r in golden.run(GoldenScenario.objects.filter(code__in=["C01", "C08", "W05", "S05"])))


def test_an_old_scenario_fails_on_the_new_rules_until_migrated():
    """Why the update is needed: the Australian professional without the letter is no longer eligible."""
    as_shipped_before("C01")
    before, = golden.run(GoldenScenario.objects.filter(code="C01"))
    migration.forwards(apps, None)
    after, = golden.run(GoldenScenario.objects.filter(code="C01"))

    assert not before.passed and before.not_met == frozenset({"education"})
    assert after.passed


def test_reversing_restores_the_earlier_rows_that_were_not_edited():
    GoldenScenario.objects.filter(code="P10").update(notes="An admin's note")
    GoldenScenario.objects.filter(code="P11").update(expected_outcome="not_eligible")
    edited_case = {**AFTER["G03"]["case"], "experience_months": 40}
    GoldenScenario.objects.filter(code="G03").update(case=edited_case)

    migration.backwards(apps, None)

    assert fields("C01") == migration._fields(BEFORE["C01"])
    assert fields("G03")["case"] == edited_case
    remaining = set(GoldenScenario.objects.filter(code__in=ADDED).values_list("code", flat=True))
    assert remaining == {"P10", "P11"}  # an admin's note or outcome: not removed
    assert not GoldenScenario.objects.filter(code__in=["W05", "P06", "S05"]).exists()
