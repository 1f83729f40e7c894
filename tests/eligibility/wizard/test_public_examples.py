"""Every valid public example of shared/contract/examples driven through the wizard: the recorded
decision has the outcome and the per-criterion results (and reasons) that ``manage.py assess``
gives for the same case."""

import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from eligibility.working import criterion_rows
from tests.case_examples import public_examples
from tests.eligibility.wizard.journey import CRITERIA, Wizard, months_of_experience

pytestmark = pytest.mark.django_db

CASES, EXPECTED = public_examples()
VALID = [c for c, e in zip(CASES, EXPECTED, strict=True) if "error_field" not in e]  # P09's province is "ZZ"
YES_NO = {True: "yes", False: "no"}
FOLLOWING = {"eligible": "approve", "not_eligible": "refuse", "needs_officer_review": "request_information"}


def wizard_answers(example: dict, asked: set[str]) -> dict:
    """The contract's case as the wizard's step answers. ``asked``: the position questions the
    occupation step asks for this case (only those have fields)."""
    today = timezone.localdate()
    education, language, wage = example["education"], example["language"], example["wage"]
    regulated = example.get("regulated")
    offer_met = language.get("offer_requirements_met")
    answers = {
        "case": {
            "application_number": example["reference"],  # reference → the application number
            # No counterpart in the contract: UCI, name, place of application and passport expiry.
            "uci": "12345678", "applicant_name": f"Example {example['reference']}",
            "place_of_application": "outside_canada", "passport_expiry": "2035-06-30",
            "country": example["country"], "status": example["status"], "category": example["category"],
            "spouse": YES_NO[example.get("spouse", False)],
            # The contract defaults the date received to today; the wizard asks for it.
            "received_on": example.get("received_on", today.isoformat()),
        },
        "occupation": {
            "noc": example["noc_code"], "province": example["province"], "offer_number": example["offer_number"],
            "compliance_fee_paid": YES_NO[example["compliance_fee_paid"]],
            "employment_months": str(example["employment_months"]),
            # No counterpart in the contract: the employer and the job title.
            "employer": "Employer of the example", "job_title": "Job of the example",
            # Only the questions asked have fields; an absent answer is "no", as in the contract.
            **{f"position_{q}": YES_NO[bool(example.get("position", {}).get(q))] for q in asked},
        },
        "credentials": {
            "credential": education["credential"], "years": str(education["years"]),
            "education_country": education["country"], "related_field": YES_NO[education["related_field"]],
            # null/absent = the regulation table; a finding of the officer needs a reason in the wizard.
            "regulated": {None: "table", True: "yes", False: "no"}[regulated],
            "regulated_reason": "" if regulated is None else "As found in the contract example",
            "licence_required": YES_NO[example.get("licence_required", True)],
            "licensed": YES_NO[example["licensed"]],
            # Asked only where the country's rule has the letter route (Australia's professionals).
            "employer_letter": YES_NO[example.get("employer_letter", False)],
        },
        # experience_months → one full-time period of exactly that many months.
        "experience": months_of_experience(example["experience_months"], ending=today),
        "language": {
            "satisfactory": {True: "yes", False: "no", None: "undecided"}[language["satisfactory"]],
            "offer_states_requirements": "no" if offer_met is None else "yes",
            **({} if offer_met is None else {"requirements_met": YES_NO[offer_met]}),
            "evidence": "",  # no counterpart in the contract
        },
        "remuneration": {"amount": str(wage["amount"]), "unit": wage["unit"],
                         "hours_per_week": str(wage["hours_per_week"])},
        "documents": {name: "on" for name, given in example["documents"].items() if given},
    }
    pay = answers["remuneration"]
    for name, amount in example.get("non_monetary", {}).items():
        # The wizard has housing and travel; anything else is "other", with its description.
        key = name if name in ("housing", "travel") else "other"
        pay[key] = str(amount)
        if key == "other":
            pay["other_description"] = name
    if "prevailing_wage" in example:
        prevailing = example["prevailing_wage"]
        pay.update(prevailing_override="on", prevailing_amount=str(prevailing["amount"]),
                   prevailing_unit=prevailing["unit"], prevailing_reason="As given in the contract example")
        if "low" in prevailing:
            pay["prevailing_low"] = str(prevailing["low"])
    return answers


def assess(tmp_path, capsys, example: dict) -> dict:
    path = tmp_path / f"{example['reference']}.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    capsys.readouterr()
    call_command("assess", str(path))
    return json.loads(capsys.readouterr().out)


def asked_questions(wizard: Wizard, answers: dict) -> set[str]:
    checked = wizard.post("occupation", answers["occupation"], button="check")
    return {name.removeprefix("position_") for name in checked.context["form"].fields if name.startswith("position_")}


@pytest.mark.parametrize("example", VALID, ids=[c["reference"] for c in VALID])
def test_the_wizard_and_assess_agree_on_each_public_example(officer_client, tmp_path, capsys, example):
    expected = assess(tmp_path, capsys, example)
    wizard = Wizard.start(officer_client)
    answers = wizard_answers(example, asked=set())
    wizard.answer("case", answers["case"])
    answers = wizard_answers(example, asked=asked_questions(wizard, answers))

    for step in ("occupation", "credentials", "experience", "language", "remuneration", "documents"):
        wizard.answer(step, answers[step])
    assert wizard.answers["experience"]["months"] == example["experience_months"]
    decision = wizard.record(FOLLOWING[expected["outcome"]])

    assert decision.outcome == expected["outcome"]
    recorded = {row.criterion.value: row for row in criterion_rows(decision.working)}
    for criterion in CRITERIA:
        assert recorded[criterion].result == expected["criteria"][criterion]["result"], criterion
        assert recorded[criterion].reason == expected["criteria"][criterion]["reason"], criterion
        assert recorded[criterion].source == expected["criteria"][criterion]["source"], criterion
    assert decision.work_permit_max_months == expected["work_permit_max_months"]
    assert decision.spouse_open_work_permit == expected["spouse_open_work_permit"]
    assert decision.rules_version == expected["rules_version"]


def test_every_valid_example_is_driven_through_the_wizard():
    assert [c["reference"] for c in VALID] == ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P10"]
