"""The batch contract's ``experience_months`` is an "integer ≥ 0" with no upper bound, so the batch
keeps none (issue 15, point 2): an absurd count is assessed, or refused as unreadable, never a
crash, with or without --record."""

import json

import pytest

from eligibility.models import Decision
from tests.case_examples import public_examples
from tests.eligibility.test_assess_command import run_command

pytestmark = pytest.mark.django_db

CASE = public_examples()[0][0]


@pytest.mark.parametrize("record", [False, True])
def test_an_absurd_number_of_months_is_assessed_not_a_crash(tmp_path, officer, record):
    path = tmp_path / "cases.jsonl"
    huge = json.dumps({**CASE, "reference": "HUGE", "experience_months": 10**30})
    unreadable = json.dumps({**CASE, "reference": "UNREADABLE", "experience_months": 0}).replace(
        '"experience_months": 0', '"experience_months": 1' + "0" * 5000)
    path.write_text(huge + "\n" + unreadable + "\n", encoding="utf-8")

    options = {"record": True, "officer": officer.username} if record else {}
    code, out = run_command(str(path), jsonl=True, **options)

    lines = [json.loads(line) for line in out.splitlines()]
    assert code in (0, 2)
    assert lines[0]["criteria"]["experience"]["result"] == "met"
    assert "error" in lines[1] or "criteria" in lines[1]
    if record:
        assert Decision.objects.filter(facts__experience_months=10**30).exists() or \
            Decision.objects.filter(application_number="HUGE").exists()
