"""Every public example of shared/contract/examples passes through `manage.py assess`."""

import json

import pytest

from tests.case_examples import EXAMPLES, public_examples

CRITERIA = {"status", "occupation", "education", "experience", "credentials", "language", "remuneration",
            "employer", "documentation"}




@pytest.mark.django_db
def test_assess_matches_every_public_example(capsys):
    from django.core.management import call_command

    with pytest.raises(SystemExit) as exit_info:
        call_command("assess", str(EXAMPLES / "cases.jsonl"), jsonl=True)
    assert exit_info.value.code == 2  # one example is invalid
    results = {r["reference"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    cases, expected = public_examples()
    assert len(results) == len(cases)
    for exp in expected:
        got = results[exp["reference"]]
        if "error_field" in exp:
            assert exp["error_field"] in got["error"]["field"] and got["error"]["message"]
            continue
        assert got["outcome"] == exp["outcome"], exp["reference"]
        assert set(got["criteria"]) == CRITERIA
        not_met = sorted(k for k, v in got["criteria"].items() if v["result"] == "not_met")
        assert not_met == sorted(exp["not_met"]), exp["reference"]
        for key in ("undetermined",):
            if key in exp:
                und = sorted(k for k, v in got["criteria"].items() if v["result"] == "undetermined")
                assert und == sorted(exp[key])
        for key in ("work_permit_max_months", "spouse_open_work_permit"):
            if key in exp:
                assert got[key] == exp[key], exp["reference"]
