"""Every valid public example of shared/contract/examples driven through the wizard: the recorded
decision has the outcome and the per-criterion results (and reasons) that ``manage.py assess``
gives for the same case. So do cases of our own that use the fields the contract gained with
issue 14 (judgements, economic_region, noc_requirements_met, extension, extension_need_shown).

The wizard asks some things of every case that a batch case may leave out: whether the applicant
meets the NOC's requirements, whether it is an extension, and the source of an officer's
prevailing wage. ``as_the_wizard_records`` gives the example those answers (those an officer
would give for it) before both are run, so that both assess the same facts."""

import copy
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from eligibility.casefile import case_dict, parse_case
from eligibility.working import criterion_rows
from tests.case_examples import case, public_examples
from tests.eligibility.wizard.journey import CRITERIA, Wizard, months_of_experience

pytestmark = pytest.mark.django_db

CASES, EXPECTED = public_examples()
VALID = [c for c, e in zip(CASES, EXPECTED, strict=True) if "error_field" not in e]  # P09's province is "ZZ"
YES_NO = {True: "yes", False: "no"}
FOLLOWING = {"eligible": "approve", "not_eligible": "refuse", "needs_officer_review": "request_information"}


SOURCE = "As given in the contract example"


def as_the_wizard_records(example: dict) -> dict:
    """The example with the answers the wizard asks of every case and a batch case may omit."""
    case = copy.deepcopy(example)
    case.setdefault("noc_requirements_met", True)
    case.setdefault("extension", False)
    if "prevailing_wage" in case:
        case["prevailing_wage"].setdefault("source", SOURCE)
    return case


def wizard_answers(example: dict, asked: set[str]) -> dict:
    """The contract's case as the wizard's step answers. ``asked``: the position questions and
    judgements the occupation step asks for this case (only those have fields there)."""
    today = timezone.localdate()
    education, language, wage = example["education"], example["language"], example["wage"]
    positions = {name.removeprefix("position_") for name in asked if name.startswith("position_")}
    listed = {name.removeprefix("judgement_") for name in asked if name.startswith("judgement_")}
    judgements = example.get("judgements") or {}
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
            "extension": YES_NO[example.get("extension", False)],
        },
        "occupation": {
            "noc": example["noc_code"], "province": example["province"], "offer_number": example["offer_number"],
            "compliance_fee_paid": YES_NO[example["compliance_fee_paid"]],
            "employment_months": str(example["employment_months"]),
            # No counterpart in the contract: the employer and the job title.
            "employer": "Employer of the example", "job_title": "Job of the example",
            # Only the questions asked have fields; an absent answer is "no", as in the contract.
            **{f"position_{q}": YES_NO[bool(example.get("position", {}).get(q))] for q in positions},
            "economic_region": example.get("economic_region", ""),
            **{f"judgement_{j}": YES_NO[judgements[j]] for j in listed if judgements.get(j) is not None},
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
            "noc_requirements_met": YES_NO[example["noc_requirements_met"]],
            # The education's judgements: asked when the engine raises them for this credential.
            **{f"judgement_{j}": YES_NO[a] for j, a in judgements.items() if j not in listed and a is not None},
        },
        # experience_months → one full-time period of exactly that many months, ending on the
        # date received (only work up to that date counts).
        "experience": months_of_experience(example["experience_months"],
                                           ending=date.fromisoformat(example.get("received_on", today.isoformat()))),
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
    if example.get("extension") and example.get("extension_need_shown") is not None:
        answers["documents"]["extension_need_shown"] = YES_NO[example["extension_need_shown"]]
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
                   prevailing_unit=prevailing["unit"], prevailing_reason=prevailing["source"])
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
    """The names of the position and judgement questions "Check this occupation" shows."""
    checked = wizard.post("occupation", answers["occupation"], button="check")
    return {name for name in checked.context["form"].fields if name.startswith(("position_", "judgement_"))}


def through_both(officer_client, tmp_path, capsys, example: dict):
    """(what assess says, the decision the wizard records) for one case."""
    example = as_the_wizard_records(example)
    expected = assess(tmp_path, capsys, example)
    assert "error" not in expected, expected
    wizard = Wizard.start(officer_client)
    answers = wizard_answers(example, asked=set())
    wizard.answer("case", answers["case"])
    answers = wizard_answers(example, asked=asked_questions(wizard, answers))

    for step in ("occupation", "credentials", "experience", "language", "remuneration", "documents"):
        wizard.answer(step, answers[step])
    assert wizard.answers["experience"]["months"] == example["experience_months"]
    return expected, wizard.record(FOLLOWING[expected["outcome"]])


def assert_agree(expected: dict, decision):
    assert decision.outcome == expected["outcome"]
    recorded = {row.criterion.value: row for row in criterion_rows(decision.working)}
    for criterion in CRITERIA:
        assert recorded[criterion].result == expected["criteria"][criterion]["result"], criterion
        assert recorded[criterion].reason == expected["criteria"][criterion]["reason"], criterion
        assert recorded[criterion].source == expected["criteria"][criterion]["source"], criterion
    assert decision.work_permit_max_months == expected["work_permit_max_months"]
    assert decision.spouse_open_work_permit == expected["spouse_open_work_permit"]
    assert decision.rules_version == expected["rules_version"]


@pytest.mark.parametrize("example", VALID, ids=[c["reference"] for c in VALID])
def test_the_wizard_and_assess_agree_on_each_public_example(officer_client, tmp_path, capsys, example):
    assert_agree(*through_both(officer_client, tmp_path, capsys, example))


def test_every_valid_example_is_driven_through_the_wizard():
    assert [c["reference"] for c in VALID] == ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P10"]


# The fields of issue 14 -----------------------------------------------------------------------
NO_TABLE_WAGE = {"amount": 40, "unit": "hour", "low": 30, "source": "Provincial wage survey 2025"}
OURS = [
    # A Mexican education-policy manager: "health, education and social services occupations and
    # related occupations" (Country-specific occupations › Mexico › Professionals), judged both ways.
    case(reference="J01", noc_code="40012", regulated=None, licensed=False, licence_required=False,
         prevailing_wage=NO_TABLE_WAGE,
         judgements={"related_health_education_social_services": False}),
    case(reference="J02", noc_code="40012", regulated=None, licensed=False, licence_required=False,
         prevailing_wage=NO_TABLE_WAGE,
         judgements={"related_health_education_social_services": True}),
    # A library manager: "occupations related to cultural industries", for the officer.
    case(reference="J03", country="JP", noc_code="50010", regulated=None, licensed=False,
         licence_required=False, prevailing_wage=NO_TABLE_WAGE, judgements={"related_cultural_industries": True},
         education={"country": "JP"}),
    # An Australian's 3-year bachelor's from New Zealand: "the Australian equivalent educational
    # qualification ... generally a 3-year bachelor's degree" (Australia › Professionals).
    case(reference="J04", country="AU", noc_code="21231", province="ON", regulated=None, licensed=False,
         licence_required=False, employer_letter=True, education={"years": 3, "country": "NZ"},
         wage={"amount": 125000, "unit": "year", "hours_per_week": 40},
         judgements={"equivalent_qualification": True}),
    # A Japanese technician's 2-year certificate: "A Japanese associate's degree, the equivalent of
    # such a degree or a higher level of education" (Japan › Technicians), judged not equivalent.
    case(reference="J05", country="JP", category="technician", noc_code="22300", regulated=None, licensed=False,
         licence_required=False, experience_months=50, education={"credential": "certificate", "years": 2, "country": "JP"},
         judgements={"equivalent_qualification": False}),
    # A Windsor software engineer: "the region where the work is performed" (General criteria),
    # compared with Windsor–Sarnia's published wage, not Ontario's: 119,000 a year is at least
    # Ontario's median (56.73 an hour) but under Windsor–Sarnia's (57.69).
    case(reference="J06", noc_code="21231", province="ON", economic_region="ER3570", regulated=None,
         licensed=False, licence_required=False, wage={"amount": 119000, "unit": "year", "hours_per_week": 40}),
    # The NOC's own requirements not met: "any additional requirements defined in the NOC".
    case(reference="J07", noc_requirements_met=False),
    # Extensions: "possible extensions at the officer's discretion, if the applicant is able to
    # provide documentation that satisfies the processing officer" (Length of stay).
    case(reference="J08", extension=True, extension_need_shown=True, employment_months=36),
    case(reference="J09", extension=True, extension_need_shown=False),
    # Work in Prince Edward Island, which Job Bank does not divide into regions: the province's wage.
    case(reference="J10", noc_code="21231", province="PE", regulated=None, licensed=False, licence_required=False),
]
for ours in OURS:
    if ours["noc_code"] == "21231" or ours["reference"] == "J06":
        ours.pop("prevailing_wage", None)  # the wage table's figures, by region or province


@pytest.mark.parametrize("ours", OURS, ids=[c["reference"] for c in OURS])
def test_the_wizard_and_assess_agree_on_cases_using_the_new_fields(officer_client, tmp_path, capsys, ours):
    expected, decision = through_both(officer_client, tmp_path, capsys, ours)

    assert_agree(expected, decision)
    given = case_dict(parse_case(as_the_wizard_records(ours), timezone.localdate()))
    for field in ("judgements", "noc_requirements_met", "extension", "extension_need_shown", "economic_region"):
        assert decision.facts.get(field) == given.get(field), field
