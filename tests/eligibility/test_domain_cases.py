"""The domain brief's acceptance cases (shared/domain/t52-domain-brief.md §9), through the real path.

Each row is one case of §9, written in the batch contract's case format (shared/contract/assess.md)
with ``tests.case_examples.case``, parsed by ``eligibility.casefile.parse_case``, assessed by
``eligibility.rulebook.assess`` against ``eligibility.snapshot.ruleset_on`` (the migrated seed
rules) and checked for the outcome, the exact sets of not_met and undetermined criteria, the
work-permit months and the T53 spouse result.

The brief's baseline (§9), applied to every row unless the row says otherwise: received
2025-03-03; destination Ontario; offer A1234567, fee paid; 12-month employment; language
satisfactory, no offer-specific requirement; all R4 documents present; occupation not regulated
(``regulated: false``, no licence) unless the case says it is; an explicit prevailing wage of
$50.00/h (low $30.00/h, both illustrative) and an offered $52.00/h at 40 h/week, so that no
outcome depends on the wage table. "The same profile" of §9.1 is a software engineer (NOC 21231)
with a 4-year related bachelor's from the citizenship country and 36 months of paid experience.

Expectations: REFUSE → ``not_eligible`` with the named criterion not met; ELIGIBLE →
``eligible``; FLAG → ``needs_officer_review`` with that criterion undetermined. Where the contract
settles a point differently from the brief, the contract wins (its wording is quoted at the row).
Where the application disagrees with the brief and the contract, the row keeps the brief's
expectation and is marked ``xfail(strict=True)`` with the reason, so the disagreement stays
visible.

Cases written with a reading of the contract worth knowing:
    C06  Chile; the only rule set loaded is the seed's, so the seed expectation (REFUSE) is used.
    C10  Dual Mexico + USA citizenship: the contract takes one country; the case is entered as MX.
    E07  30 months of which 12 unpaid: entered as experience_months=18 (the field is paid months).
    E08  Experience outside the contract's sector: entered as experience_months=0. With the
         baseline (licence not needed), the study-and-experience path also lacks "paid work
         experience in the specialty occupation", so credentials is not met as well as experience.
    X06  Notary: NOC 41101 with position.notary (MX excludes 41101 unless a foreign legal consultant).
    X13  "Researcher employed by a Canadian university": NOC 21101 with researcher + academic_entity.
    X15  The contract assesses the category applied under (``category`` is "the category applied
         under"; the result carries no category), so a professional application for a TEER 2
         occupation is refused on occupation; assessing it as a technician is a second case.
    T10  Operator duties: NOC 83101 with position.operator (the contract's way to say it).
    T17  "International purchasing and selling agents": NOC 12102, one of the candidate codes.
    L02  A foreign licence is ``licensed: true`` (the contract: "from a Canadian or foreign
         regulatory body"); the warning that provincial certification is still needed to practise
         is not part of the contract's result. Same input as L01.
    W03  $45/h + housing and travel as ``non_monetary``. The contract: below the median but not
         below the low wage is undetermined ("FLAG"), not not_met.
    W04  Only the guaranteed $40/h is the contract's ``wage`` ("monetary remuneration only"); the
         discretionary bonus has no field and is not entered.
    G02  The offer's French requirement not met: ``language.offer_requirements_met: false``.
    G03  Same input as G01: the officer's concern was resolved by the evidence.
    P01  "No offer in the Employer Portal" has no field (the offer number is required); the fee
         unpaid is the expressible half.
    P02  The contract: an offer number not of the form A1234567 makes the case invalid (an error
         naming ``offer_number``), not an outcome.
    P03  The contract: ``province`` is required; a case without it is invalid (error ``province``).
    S06  The principal's permit of 6 months is expressed as a 6-month offer; the spouse's own
         permit validity is not part of the contract's result, only whether T53 is open.
    W05  The case names its economic region (Toronto, ER3530) without an explicit comparator, so the
         wage table decides (received 2026-01-05: Job Bank's 2025 wages are in force from 2025-11-19).
         The brief's figures are illustrative, so the row checks only that a comparator was found:
         remuneration is met at a wage above every published median for 21231 in Ontario. The fallback
         from region to province to Canada is tested in tests/eligibility/test_rules_fidelity.py.
    P06  An extension with documents that satisfy the officer of the need (``extension``,
         ``extension_need_shown``): eligible, and the permit is for the length of stay again.
    P10  Received 2022-11-15: the instructions then used NOC 2016 skill types, so the occupation is for
         the officer to classify (undetermined), never a silent TEER answer.
    P11  Received 2022-11-16: NOC 2021 TEER applies.
    S05  The principal is refused (an excluded occupation): no open work permit for the spouse.

Skipped: §9 cases the contract's case format cannot express.
    W06  Annual_Wage_Flag is a wage-table property; with an explicit comparator (needed to keep
         outcomes off the table) there is nothing left to test, and physicians are excluded anyway.
    P05  Passport expiry: no passport field in the contract.
    P07  Place of application (port of entry, eTA): no field for it.
    P08  Place of application / visa requirement: no field for it.
    P09  Applying inside Canada under R199: no field for it.
    S04  A principal holding a non-T52 permit: the contract's principal is always a T52 applicant.
    S07  Dependent children: the contract has a ``spouse`` flag only.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from eligibility.casefile import CaseError, check_against_rules, parse_case
from eligibility.rulebook import assess
from eligibility.rulebook.codes import Result
from eligibility.snapshot import ruleset_on
from tests.case_examples import case

RECEIVED_ON = "2025-03-03"
DROP = object()  # a field the case leaves out

BASELINE = {
    "province": "ON",
    "received_on": RECEIVED_ON,
    "offer_number": "A1234567",
    "compliance_fee_paid": True,
    "employment_months": 12,
    "regulated": False,
    "licensed": False,
    "language": {"satisfactory": True},
    "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40},
    "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0},
    "documents": {"job_description": True, "duration": True, "payment_arrangements": True, "credentials": True},
}


def domain_case(**changes) -> dict:
    """BASE_CASE, then the brief's baseline, then the case's own facts (nested dicts merged)."""
    merged = dict(BASELINE)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    data = case(**merged)
    for key in [k for k, v in data.items() if v is DROP]:
        del data[key]
    return data


def professional(country, noc="21231", status="citizen", years=4, credential="bachelor", months=36, **more):
    """§9.1's "same profile": a software engineer with a related 4-year degree, 36 months. An
    Australian professional has the Canadian employer's letter unless the row says otherwise: "Australian
    professionals also require a letter provided by the Canadian client or employer" (R11, read for every
    Australian professional, whatever the degree; E02 is the case without it)."""
    if country == "AU":
        more.setdefault("employer_letter", True)
    return dict(country=country, status=status, category="professional", noc_code=noc,
                education={"credential": credential, "years": years,
                           "country": country, "related_field": True},
                experience_months=months, **more)


def technician(country, noc, credential="diploma", years=2, months=48, status="citizen", **more):
    """A technician with a related 2-year post-secondary credential and 48 months."""
    return dict(country=country, status=status, category="technician", noc_code=noc,
                education={"credential": credential, "years": years,
                           "country": country, "related_field": True},
                experience_months=months, **more)


REGULATED_FROM_TABLE = {"regulated": None}  # seed_regulation.csv: 72200, 72300, 21300 regulated in ON; 22300 not


@dataclass(frozen=True)
class Expect:
    outcome: str | None = None
    not_met: frozenset = frozenset()
    undetermined: frozenset = frozenset()
    months: int = 12
    spouse: bool | None = None
    error: str | None = None  # the contract's invalid case: the field the error names


def row(case_id, changes, outcome=None, not_met=(), undetermined=(), months=12, spouse=None, error=None,
        xfail=None):
    expect = Expect(outcome, frozenset(not_met), frozenset(undetermined), months, spouse, error)
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(changes, expect, id=case_id, marks=marks)


ELIGIBLE, NOT_ELIGIBLE, REVIEW = "eligible", "not_eligible", "needs_officer_review"

ROWS = [
    # 9.1 Citizenship / country ---------------------------------------------------------------
    row("C01", professional("AU"), ELIGIBLE),
    row("C02", professional("JP"), ELIGIBLE),
    row("C03", professional("MX"), ELIGIBLE),
    row("C04", professional("VN"), NOT_ELIGIBLE, ["status"]),
    row("C05", professional("NZ"), NOT_ELIGIBLE, ["status"]),
    row("C06", professional("CL"), NOT_ELIGIBLE, ["status"]),
    row("C07", professional("GB"), NOT_ELIGIBLE, ["status"]),
    row("C08", professional("AU", status="permanent_resident"), ELIGIBLE),
    row("C09", professional("JP", status="permanent_resident"), NOT_ELIGIBLE, ["status"]),
    row("C10", professional("MX"), ELIGIBLE),
    # 9.2 Professional education & experience ---------------------------------------------------
    row("E01", professional("AU", years=3, employer_letter=True), ELIGIBLE),
    row("E02", professional("AU", years=3, employer_letter=False), NOT_ELIGIBLE, ["education"]),
    row("E03", professional("JP", years=3), NOT_ELIGIBLE, ["education"]),
    row("E04", professional("MX", years=3.5), NOT_ELIGIBLE, ["education"]),
    row("E05", professional("MX", months=24), ELIGIBLE),
    row("E06", professional("MX", months=23), NOT_ELIGIBLE, ["experience"]),
    row("E07", professional("JP", months=18), NOT_ELIGIBLE, ["experience"]),
    row("E08", professional("JP", noc="21300", months=0, licence_required=False),
        NOT_ELIGIBLE, ["experience", "credentials"]),
    row("E09", professional("AU", credential="diploma", years=3, employer_letter=True),
        REVIEW, undetermined=["education"]),
    # 9.3 Professional exclusions and exceptions -------------------------------------------------
    row("X01", professional("AU", noc="31301"), NOT_ELIGIBLE, ["occupation"]),
    row("X02", professional("MX", noc="41220"), NOT_ELIGIBLE, ["occupation"]),
    row("X03", professional("AU", noc="41101"), ELIGIBLE),
    row("X04", professional("JP", noc="41101"), NOT_ELIGIBLE, ["occupation"]),
    row("X05", professional("JP", noc="41101", position={"foreign_legal_consultant": True}), ELIGIBLE),
    row("X06", professional("MX", noc="41101", position={"notary": True}), NOT_ELIGIBLE, ["occupation"]),
    row("X07", professional("AU", noc="41100"), NOT_ELIGIBLE, ["occupation"]),
    row("X08", professional("MX", noc="70021"), NOT_ELIGIBLE, ["occupation"]),
    row("X09", professional("JP", noc="10030"), NOT_ELIGIBLE, ["occupation"]),
    row("X10", professional("AU", noc="50012"), NOT_ELIGIBLE, ["occupation"]),
    row("X11", professional("MX", noc="51120"), NOT_ELIGIBLE, ["occupation"]),
    row("X12", professional("JP", noc="21101", position={"researcher": True}), NOT_ELIGIBLE, ["occupation"]),
    row("X13", professional("JP", noc="21101", position={"researcher": True, "academic_entity": True}), ELIGIBLE),
    row("X14", professional("AU", noc="21101", position={"researcher": True}), ELIGIBLE),
    row("X15", professional("JP", noc="22300", months=48), NOT_ELIGIBLE, ["occupation"]),
    # 9.4 Technicians -----------------------------------------------------------------------------
    row("T01", technician("AU", "72300", licensed=True, **REGULATED_FROM_TABLE), ELIGIBLE),
    row("T02", technician("MX", "72300", licensed=True, **REGULATED_FROM_TABLE), NOT_ELIGIBLE, ["occupation"]),
    row("T03", technician("JP", "72200", credential="associate", licensed=True, **REGULATED_FROM_TABLE),
        NOT_ELIGIBLE, ["occupation"]),
    row("T04", technician("MX", "72200", months=60, licensed=True, **REGULATED_FROM_TABLE), ELIGIBLE),
    row("T05", technician("JP", "22212", credential="associate"), ELIGIBLE),
    row("T06", technician("JP", "22212", credential="certificate", years=1, months=96),
        NOT_ELIGIBLE, ["education"]),
    row("T07", technician("MX", "22300", months=48), ELIGIBLE),
    row("T08", technician("MX", "22300", months=47), NOT_ELIGIBLE, ["experience"]),
    row("T09", technician("AU", "22300", credential="certificate", years=1.5), NOT_ELIGIBLE, ["education"]),
    row("T10", technician("JP", "83101", credential="associate", position={"operator": True}),
        NOT_ELIGIBLE, ["occupation"]),
    row("T11", technician("JP", "83101", credential="associate"), ELIGIBLE),
    row("T12", technician("MX", "83101"), NOT_ELIGIBLE, ["occupation"]),
    row("T13", technician("MX", "22211"), NOT_ELIGIBLE, ["occupation"]),
    row("T14", technician("MX", "92012"), NOT_ELIGIBLE, ["occupation"]),
    row("T15", technician("MX", "72021"), ELIGIBLE),
    row("T16", technician("MX", "72013"), NOT_ELIGIBLE, ["occupation"]),
    row("T17", technician("AU", "12102"), REVIEW, undetermined=["occupation"]),
    # 9.5 Regulated vs unregulated ------------------------------------------------------------------
    row("L01", technician("AU", "72200", licensed=True, **REGULATED_FROM_TABLE), ELIGIBLE),
    row("L02", technician("AU", "72200", licensed=True, **REGULATED_FROM_TABLE), ELIGIBLE),
    row("L03", technician("AU", "72200", licensed=False, **REGULATED_FROM_TABLE), NOT_ELIGIBLE, ["credentials"]),
    row("L04", professional("MX", noc="21300", licensed=False, **REGULATED_FROM_TABLE),
        NOT_ELIGIBLE, ["credentials"]),
    row("L05", technician("MX", "22300", licensed=False, **REGULATED_FROM_TABLE), ELIGIBLE),
    row("L06", professional("JP", noc="21300", licensed=False, licence_required=False, **REGULATED_FROM_TABLE),
        ELIGIBLE),
    # 9.6 Remuneration (comparator: NOC 21231, median $50.00/h at 40 h/week) ----------------------
    row("W01", professional("MX", wage={"amount": 52.0, "unit": "hour"}), ELIGIBLE),
    row("W02", professional("MX", wage={"amount": 104000, "unit": "year"}), ELIGIBLE),
    row("W03", professional("MX", wage={"amount": 45.0, "unit": "hour"},
                            non_monetary={"housing": 6.0 * 40 * 52, "travel": 2500}),
        REVIEW, undetermined=["remuneration"]),
    row("W04", professional("MX", wage={"amount": 40.0, "unit": "hour"}), REVIEW, undetermined=["remuneration"]),
    row("W05", professional("MX", economic_region="ER3530", prevailing_wage=DROP, received_on="2026-01-05",
                            wage={"amount": 90.0, "unit": "hour"}), ELIGIBLE),
    # 9.7 Language ---------------------------------------------------------------------------------
    row("G01", professional("MX"), ELIGIBLE),
    row("G02", professional("MX", language={"satisfactory": True, "offer_requirements_met": False}),
        NOT_ELIGIBLE, ["language"]),
    row("G03", professional("AU", language={"satisfactory": True}), ELIGIBLE),
    row("G04", professional("MX", language={"satisfactory": False}), NOT_ELIGIBLE, ["language"]),
    # 9.8 Employer compliance, documents, length ------------------------------------------------------
    row("P01", professional("MX", compliance_fee_paid=False), NOT_ELIGIBLE, ["employer"]),
    row("P02", professional("MX", offer_number="1234567"), error="offer_number"),
    row("P03", professional("MX", province=DROP), error="province"),
    row("P04", professional("MX", employment_months=24), ELIGIBLE, months=12),
    row("P06", professional("MX", extension=True, extension_need_shown=True), ELIGIBLE, months=12),
    row("P10", professional("MX", received_on="2022-11-15"), REVIEW, undetermined=["occupation"]),
    row("P11", professional("MX", received_on="2022-11-16"), ELIGIBLE),
    # 9.9 T53 spouse --------------------------------------------------------------------------------
    row("S01", professional("JP", spouse=True), ELIGIBLE, spouse=True),
    row("S02", technician("AU", "22300", status="permanent_resident", spouse=True), ELIGIBLE, spouse=True),
    row("S03", technician("MX", "22300", spouse=True), ELIGIBLE, spouse=True),
    row("S05", professional("JP", noc="31301", spouse=True), NOT_ELIGIBLE, ["occupation"], spouse=False),
    row("S06", professional("JP", employment_months=6, spouse=True), ELIGIBLE, months=6, spouse=True),
    row("S08", professional("CL", spouse=True), NOT_ELIGIBLE, ["status"], spouse=False),
]


def _criteria(assessment, result: Result) -> frozenset:
    return frozenset(c.value for c in assessment.with_result(result))


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "expected"), ROWS)
def test_domain_case(changes, expected):
    data = domain_case(**changes)
    today = date.fromisoformat(RECEIVED_ON)

    if expected.error:
        with pytest.raises(CaseError) as raised:
            parse_case(data, today)
        assert raised.value.field == expected.error
        assert raised.value.message
        return

    facts = parse_case(data, today)
    ruleset = ruleset_on(facts.received_on)
    check_against_rules(facts, ruleset)
    assessment = assess(facts, ruleset)
    working = {c.criterion.value: (c.result.value, c.deciding.reason.code) for c in assessment.criteria}

    assert assessment.outcome.value == expected.outcome, working
    assert _criteria(assessment, Result.NOT_MET) == expected.not_met, working
    assert _criteria(assessment, Result.UNDETERMINED) == expected.undetermined, working
    assert assessment.work_permit_max_months == expected.months
    assert assessment.spouse_open_work_permit is expected.spouse
