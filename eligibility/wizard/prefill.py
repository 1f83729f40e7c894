"""A recorded decision → the wizard's saved answers, so that correcting it starts from the case.

The inverse of ``case_from_answers`` and ``details_from_answers`` (and of the identity fields the
wizard copies onto the decision): each step's answers in the shape its form saves them, so that
``case_from_answers(answers_from_decision(d))`` gives back ``d.facts`` and
``details_from_answers(...)`` gives back ``d.details``.

The contract's case has no field for some of what the wizard asks. Those come from the
decision's details (``FROM_DETAILS``); a decision recorded by ``manage.py assess --record`` has no
details, so they are left for the officer, unanswered, for the step's form to ask for. Likewise
its identity: a batch decision has only its reference as application number, no UCI or name.
What a batch case may leave unrecorded and the wizard always asks (the NOC's requirements, a
judgement its findings turn on, an extension's need) is left unanswered too, never answered for
the officer.
"""

from datetime import date

from eligibility.casefile import PARTS
from eligibility.rulebook.codes import Category, Document
from eligibility.snapshot import ruleset_on

from .steps import Step

# Step → {answer field: details key}: what the contract's case cannot hold and the details keep.
FROM_DETAILS = {
    Step.CASE: {"place_of_application": "place_of_application", "passport_expiry": "passport_expiry"},
    Step.OCCUPATION: {"employer": "employer", "job_title": "job_title"},
    Step.CREDENTIALS: {"regulated_reason": "regulated_reason"},
    Step.EXPERIENCE: {"periods": "experience_periods"},
    Step.LANGUAGE: {"evidence": "language_evidence"},
    Step.REMUNERATION: {"other_description": "other_non_monetary", "prevailing_reason": "prevailing_reason"},
}
IDENTITY = ("application_number", "uci", "applicant_name")
NON_MONETARY = ("housing", "travel", "other")  # the elements the remuneration step has a field for

_REGULATED = {None: "table", True: "yes", False: "no"}
_SATISFACTORY = {True: "yes", False: "no", None: "undecided"}


def answers_from_decision(decision) -> dict:
    """The per-step answers the decision's facts, details and identity were made from.

    Steps the decision was recorded without have no facts in the case (``casefile.PARTS``) and
    stay unanswered.
    """
    case, details = decision.facts, decision.details or {}
    ruleset = ruleset_on(date.fromisoformat(case["received_on"]))
    category = Category(case["category"])
    country, noc = case["country"], case.get("noc_code")
    rule = ruleset.category_rule(country, category) if ruleset.covers(category) else None
    judgements = case.get("judgements") or {}
    listed = {j.value for j in ruleset.judgements_for(country, category, noc)} if noc else set()
    building = {
        Step.OCCUPATION: lambda: _occupation(case, ruleset.position_questions(country, category, noc),
                                             {j: a for j, a in judgements.items() if j in listed and a is not None}),
        Step.CREDENTIALS: lambda: _credentials(
            case, bool(rule and (rule.employer_letter_for_all or rule.equivalence_requires_employer_letter)),
            {j: a for j, a in judgements.items() if j not in listed and a is not None}),
        Step.EXPERIENCE: lambda: {"months": case["experience_months"]},
        Step.LANGUAGE: lambda: _language(case),
        Step.REMUNERATION: lambda: _remuneration(case, details),
        Step.DOCUMENTS: lambda: _documents(case),
    }
    answers = {Step.CASE: _case(decision, case)}
    answers.update({step: build() for step, build in building.items() if PARTS[step.value] in case})
    for step, fields in FROM_DETAILS.items():
        for field, key in fields.items():
            if step in answers and details.get(key) is not None:
                answers[step].setdefault(field, details[key])
    for step, field, empty in ((Step.CREDENTIALS, "regulated_reason", ""), (Step.EXPERIENCE, "periods", []),
                               (Step.LANGUAGE, "evidence", ""), (Step.REMUNERATION, "other_description", ""),
                               (Step.REMUNERATION, "prevailing_reason", "")):
        if step in answers:
            answers[step].setdefault(field, empty)
    return {step.value: data for step, data in answers.items()}


def _case(decision, case: dict) -> dict:
    answers = {k: getattr(decision, k) for k in IDENTITY if getattr(decision, k)}
    answers.update({k: case[k] for k in ("received_on", "country", "status", "category")})
    answers["spouse"] = bool(case.get("spouse"))
    answers["extension"] = bool(case.get("extension"))
    return answers


def _occupation(case: dict, asked, judgements: dict) -> dict:
    """Position questions: those the rules ask for this occupation (as the form saves them), and
    any other the case answered yes, so that the facts are kept whole. Judgements: those the
    occupation's list entries ask that the officer answered (one unanswered is left to ask)."""
    given = case.get("position") or {}
    position = {q.value: bool(given.get(q.value)) for q in asked}
    position.update({q: True for q, yes in given.items() if yes})
    return {
        "noc_code": case["noc_code"], "province": case["province"],
        "economic_region": case.get("economic_region") or "", "offer_number": case["offer_number"],
        "compliance_fee_paid": case["compliance_fee_paid"], "employment_months": case["employment_months"],
        "position": position, "judgements": judgements,
    }


def _credentials(case: dict, letter_asked: bool, judgements: dict) -> dict:
    """The education's judgements are the answered ones the occupation step does not ask, so that
    the facts are kept whole; the step's form asks again those the engine raises."""
    edu = case["education"]
    answers = {
        "credential": edu["credential"], "years": float(edu["years"]), "education_country": edu["country"],
        "related_field": edu["related_field"], "regulated": _REGULATED[case.get("regulated")],
        "licence_required": case.get("licence_required", True), "licensed": case["licensed"],
    }
    if letter_asked or case.get("employer_letter"):
        answers["employer_letter"] = bool(case.get("employer_letter"))
    if case.get("noc_requirements_met") is not None:  # not recorded (a batch case): left to ask
        answers["noc_requirements_met"] = case["noc_requirements_met"]
    answers["judgements"] = judgements
    return answers


def _documents(case: dict) -> dict:
    """The checklist, and for an extension the officer's finding on the need (when recorded). A
    finding on the need recorded for a case that is no extension is not kept: the wizard asks it
    of extensions only, and the engine reads it of nothing else."""
    answers = {d.value: bool(case["documents"].get(d.value)) for d in Document}
    if case.get("extension") and case.get("extension_need_shown") is not None:
        answers["extension_need_shown"] = case["extension_need_shown"]
    return answers


def _language(case: dict) -> dict:
    lang = case["language"]
    met = lang.get("offer_requirements_met")
    return {"satisfactory": _SATISFACTORY[lang["satisfactory"]], "offer_states_requirements": met is not None,
            "requirements_met": met}


def _remuneration(case: dict, details: dict) -> dict:
    wage, extra = case["wage"], dict(case.get("non_monetary") or {})
    answers = {"amount": float(wage["amount"]), "unit": wage["unit"], "hours_per_week": float(wage["hours_per_week"])}
    answers.update({k: _amount(extra.pop(k, None)) for k in NON_MONETARY})
    if extra:
        # Elements the step has no field for of their own are counted under "other", named in
        # its description, by name (PostgreSQL keeps no key order), never counted either way.
        answers["other"] = (answers["other"] or 0.0) + sum(float(v) for v in extra.values())
        named = [details.get("other_non_monetary") or ""] + [f"{k}: {v:g}" for k, v in sorted(extra.items())]
        answers["other_description"] = "; ".join(n for n in named if n)
    prevailing = case.get("prevailing_wage")
    if prevailing and prevailing.get("source"):
        answers["prevailing_reason"] = prevailing["source"]  # the officer's source, which the wizard asks
    answers.update({
        "prevailing_override": prevailing is not None,
        "prevailing_amount": _amount(prevailing and prevailing["amount"]),
        "prevailing_unit": prevailing["unit"] if prevailing else "",
        "prevailing_low": _amount(prevailing and prevailing.get("low")),
    })
    return answers


def _amount(value):
    return None if value is None else float(value)
