"""The wizard's saved answers → the batch contract's case → the engine's facts.

Going through the contract's case format means the wizard and ``manage.py assess`` read a case
the same way, through the same validation, and a decision stores its facts in that format.
"""

from datetime import date

from eligibility.casefile import parse_case
from eligibility.rulebook.counting import WorkPeriod, full_time_months, is_cut
from eligibility.rulebook.facts import Facts

from .steps import ANSWER_STEPS, Step

# Stand-ins for a *trial* assessment of one step's answers (the occupation check, the credentials
# step's judgements): they fill the rest of that one step so the engine can read the answers
# given so far. Never part of a recorded case: ``case_from_answers`` leaves unanswered steps out,
# and the criteria that need them are not assessed. The questions that turn on the officer's say
# stay unanswered (no judgement, no finding on the NOC's requirements, no economic region).
TRIAL_STAND_INS = {
    Step.OCCUPATION: {"noc_code": "21231", "province": "ON", "economic_region": "", "offer_number": "A0000000",
                      "compliance_fee_paid": True, "employment_months": 12, "position": {}, "judgements": {}},
    Step.CREDENTIALS: {"credential": "bachelor", "years": 4, "education_country": "AU", "related_field": True,
                       "regulated": "table", "licence_required": False, "licensed": False, "judgements": {}},
}

_YES_NO_UNDECIDED = {"yes": True, "no": False, "undecided": None}


def case_from_answers(answers: dict, today: date) -> dict:
    """The case in the contract's format, with only what was answered: the parts of unanswered
    steps are left out (``casefile.PARTS``), never filled in. The case step must be answered."""
    case = answers[Step.CASE.value]
    occ, cred = answers.get(Step.OCCUPATION.value), answers.get(Step.CREDENTIALS.value)
    exp, lang = answers.get(Step.EXPERIENCE.value), answers.get(Step.LANGUAGE.value)
    pay, docs = answers.get(Step.REMUNERATION.value), answers.get(Step.DOCUMENTS.value)

    result = {
        "country": case["country"],
        "status": case["status"],
        "category": case["category"],
        "spouse": bool(case.get("spouse")),
        "extension": bool(case.get("extension")),
        "received_on": case.get("received_on") or today.isoformat(),
        # The judgements the occupation's list entries raised, and those of the education.
        "judgements": {**((occ or {}).get("judgements") or {}), **((cred or {}).get("judgements") or {})},
    }
    if occ is not None:
        result.update({
            "noc_code": occ["noc_code"],
            "position": dict(occ.get("position") or {}),
            "province": occ["province"],
            "offer_number": occ["offer_number"],
            "compliance_fee_paid": occ["compliance_fee_paid"],
            "employment_months": occ["employment_months"],
        })
        if occ.get("economic_region"):
            result["economic_region"] = occ["economic_region"]
    if cred is not None:
        result.update({
            "education": {
                "credential": cred["credential"],
                "years": float(cred["years"]),
                "country": cred["education_country"],
                "related_field": cred["related_field"],
            },
            "employer_letter": bool(cred.get("employer_letter")),
            "noc_requirements_met": cred.get("noc_requirements_met"),
            "regulated": {"table": None, "yes": True, "no": False}[cred.get("regulated") or "table"],
            "licence_required": cred["licence_required"],
            "licensed": cred["licensed"],
        })
    if exp is not None:
        result["experience_months"] = int(exp["months"])
    if lang is not None:
        result["language"] = {
            "satisfactory": _YES_NO_UNDECIDED[lang["satisfactory"]],
            "offer_requirements_met": lang.get("requirements_met") if lang.get("offer_states_requirements") else None,
        }
    if pay is not None:
        result["wage"] = {"amount": float(pay["amount"]), "unit": pay["unit"],
                          "hours_per_week": float(pay["hours_per_week"])}
        result["non_monetary"] = {k: float(pay[k]) for k in ("housing", "travel", "other") if pay.get(k)}
        if pay.get("prevailing_override"):
            prevailing = {"amount": float(pay["prevailing_amount"]), "unit": pay["prevailing_unit"]}
            if pay.get("prevailing_low"):
                prevailing["low"] = float(pay["prevailing_low"])
            if (pay.get("prevailing_reason") or "").strip():
                prevailing["source"] = pay["prevailing_reason"].strip()
            result["prevailing_wage"] = prevailing
    if docs is not None:
        result["documents"] = {d: bool(docs.get(d)) for d in ("job_description", "duration", "payment_arrangements",
                                                              "credentials")}
        # Asked on the documents step of an extension only.
        result["extension_need_shown"] = docs.get("extension_need_shown") if case.get("extension") else None
    number = case.get("application_number")
    if number:
        result["reference"] = number
    return result


def recounted_experience(answers: dict, today: date) -> dict | None:
    """The experience step's answers counted again up to the date received now answered, or None
    when they stand as saved (no periods, or the same count). The step counts its periods up to
    the receipt date; changing that date on the case step afterwards must not leave a count made
    for another date (a period now starting after it counts nothing, and the step says so when
    the officer opens it)."""
    exp = answers.get(Step.EXPERIENCE.value)
    if not exp or not exp.get("periods"):
        return None
    received = min(date.fromisoformat((answers.get(Step.CASE.value) or {}).get("received_on") or today.isoformat()),
                   today)
    periods, worked = [], []
    for saved in exp["periods"]:
        period = WorkPeriod(date.fromisoformat(saved["start"]), date.fromisoformat(saved["end"]),
                            float(saved["hours_per_week"]))
        worked.append(period)
        kept = {k: v for k, v in saved.items() if k != "counted_to"}
        if is_cut(period, received):
            kept["counted_to"] = received.isoformat()
        periods.append(kept)
    recounted = {**exp, "periods": periods, "months": full_time_months(worked, received)}
    return None if recounted == exp else recounted


def facts_from_answers(answers: dict, today: date) -> Facts:
    """Raises ``CaseError`` only if saved answers were tampered with: each step's form already
    checked its fields against the same limits."""
    return parse_case(case_from_answers(answers, today), today, partial=True)


def details_from_answers(answers: dict) -> dict:
    """What the decision keeps beyond the facts: who, where, the officer's evidence and reasons."""
    case = answers.get(Step.CASE.value, {})
    occ = answers.get(Step.OCCUPATION.value, {})
    cred = answers.get(Step.CREDENTIALS.value, {})
    lang = answers.get(Step.LANGUAGE.value, {})
    pay = answers.get(Step.REMUNERATION.value, {})
    exp = answers.get(Step.EXPERIENCE.value, {})
    return {
        "place_of_application": case.get("place_of_application"),
        "passport_expiry": case.get("passport_expiry"),
        "employer": occ.get("employer"),
        "job_title": occ.get("job_title"),
        "regulated_reason": cred.get("regulated_reason", ""),
        "experience_periods": exp.get("periods", []),
        "language_evidence": lang.get("evidence", ""),
        "other_non_monetary": pay.get("other_description", ""),
        "prevailing_reason": pay.get("prevailing_reason", ""),
        "unanswered_steps": [s.value for s in ANSWER_STEPS if s.value not in answers],
    }
