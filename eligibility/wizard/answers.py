"""The wizard's saved answers → the batch contract's case → the engine's facts.

Going through the contract's case format means the wizard and ``manage.py assess`` read a case
the same way, through the same validation, and a decision stores its facts in that format.
"""

from datetime import date

from eligibility.casefile import parse_case
from eligibility.rulebook.facts import Facts

from .steps import ANSWER_STEPS, Step

# Stand-ins for steps not yet answered, so that the criteria already answered can be judged
# early. Only criteria whose own steps are all answered are ever shown from them. The questions
# that turn on the officer's say stay unanswered (no judgement, no finding on the NOC's
# requirements, no economic region): a stand-in never answers for the officer.
STAND_INS = {
    Step.CASE: {"country": "AU", "status": "citizen", "category": "professional", "spouse": False,
                "extension": False},
    Step.OCCUPATION: {"noc_code": "21231", "province": "ON", "economic_region": "", "offer_number": "A0000000",
                      "compliance_fee_paid": True, "employment_months": 12, "position": {}, "judgements": {}},
    Step.CREDENTIALS: {"credential": "bachelor", "years": 4, "education_country": "AU", "related_field": True,
                       "regulated": "table", "licence_required": False, "licensed": False, "judgements": {}},
    Step.EXPERIENCE: {"months": 0},
    Step.LANGUAGE: {"satisfactory": "undecided", "offer_states_requirements": False},
    Step.REMUNERATION: {"amount": 1, "unit": "year", "hours_per_week": 40},
    Step.DOCUMENTS: {},
}

_YES_NO_UNDECIDED = {"yes": True, "no": False, "undecided": None}


def answered_steps(answers: dict) -> set[Step]:
    return {s for s in ANSWER_STEPS if s.value in answers}


def case_from_answers(answers: dict, today: date) -> dict:
    """The case in the contract's format; unanswered steps take neutral stand-ins."""

    def step(s: Step) -> dict:
        return answers.get(s.value) or STAND_INS[s]

    case, occ, cred = step(Step.CASE), step(Step.OCCUPATION), step(Step.CREDENTIALS)
    exp, lang, pay, docs = step(Step.EXPERIENCE), step(Step.LANGUAGE), step(Step.REMUNERATION), step(Step.DOCUMENTS)

    result = {
        "country": case["country"],
        "status": case["status"],
        "category": case["category"],
        "spouse": bool(case.get("spouse")),
        "extension": bool(case.get("extension")),
        "received_on": case.get("received_on") or today.isoformat(),
        "noc_code": occ["noc_code"],
        "position": dict(occ.get("position") or {}),
        "province": occ["province"],
        "offer_number": occ["offer_number"],
        "compliance_fee_paid": occ["compliance_fee_paid"],
        "employment_months": occ["employment_months"],
        "education": {
            "credential": cred["credential"],
            "years": float(cred["years"]),
            "country": cred["education_country"],
            "related_field": cred["related_field"],
        },
        "employer_letter": bool(cred.get("employer_letter")),
        "noc_requirements_met": cred.get("noc_requirements_met"),
        # The judgements the occupation's list entries raised, and those of the education.
        "judgements": {**(occ.get("judgements") or {}), **(cred.get("judgements") or {})},
        "regulated": {"table": None, "yes": True, "no": False}[cred.get("regulated") or "table"],
        "licence_required": cred["licence_required"],
        "licensed": cred["licensed"],
        "experience_months": int(exp["months"]),
        "language": {
            "satisfactory": _YES_NO_UNDECIDED[lang["satisfactory"]],
            "offer_requirements_met": lang.get("requirements_met") if lang.get("offer_states_requirements") else None,
        },
        "wage": {"amount": float(pay["amount"]), "unit": pay["unit"], "hours_per_week": float(pay["hours_per_week"])},
        "non_monetary": {k: float(pay[k]) for k in ("housing", "travel", "other") if pay.get(k)},
        "documents": {d: bool(docs.get(d)) for d in ("job_description", "duration", "payment_arrangements",
                                                     "credentials")},
        # Asked on the documents step of an extension only.
        "extension_need_shown": docs.get("extension_need_shown") if case.get("extension") else None,
    }
    if occ.get("economic_region"):
        result["economic_region"] = occ["economic_region"]
    if pay.get("prevailing_override"):
        prevailing = {"amount": float(pay["prevailing_amount"]), "unit": pay["prevailing_unit"]}
        if pay.get("prevailing_low"):
            prevailing["low"] = float(pay["prevailing_low"])
        if (pay.get("prevailing_reason") or "").strip():
            prevailing["source"] = pay["prevailing_reason"].strip()
        result["prevailing_wage"] = prevailing
    number = case.get("application_number")
    if number:
        result["reference"] = number
    return result


def facts_from_answers(answers: dict, today: date) -> Facts:
    """Raises ``CaseError`` only if saved answers were tampered with: each step's form already
    checked its fields against the same limits."""
    return parse_case(case_from_answers(answers, today), today)


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
