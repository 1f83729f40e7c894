"""Correcting a decision recorded without the wizard (``manage.py assess --record``, the demo
seed) starts from its case: ``answers_from_decision`` rebuilds each step's answers as the step's
form saves them, so the facts and details come back unchanged and the officer can walk through."""

import contextlib
import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility import rulebook, services
from eligibility.casefile import case_dict, parse_case
from eligibility.choices import DepartureReason, OfficerDecision, PlaceOfApplication, Source
from eligibility.models import Decision
from eligibility.rulebook.codes import (
    Category,
    Credential,
    Criterion,
    Document,
    Outcome,
    PositionQuestion,
    Province,
    WageUnit,
)
from eligibility.rulebook.counting import WorkPeriod, full_time_months
from eligibility.snapshot import ruleset_on
from eligibility.wizard.answers import case_from_answers, details_from_answers
from eligibility.wizard.build import FORMS, build
from eligibility.wizard.prefill import answers_from_decision
from eligibility.wizard.steps import ANSWER_STEPS, Step
from tests.case_examples import case
from tests.eligibility.wizard.journey import Wizard, experience_data, text

pytestmark = pytest.mark.django_db

FOLLOWS = {Outcome.ELIGIBLE.value: "approve", Outcome.NOT_ELIGIBLE.value: "refuse",
           Outcome.NEEDS_OFFICER_REVIEW.value: "request_information"}
# What a batch decision cannot give back: its case has no field for them, and it has no details.
LEFT_FOR_OFFICER = {
    Step.CASE: {"uci", "applicant_name", "place_of_application", "passport_expiry"},
    Step.OCCUPATION: {"employer", "job_title"},
    Step.CREDENTIALS: {"regulated_reason"},  # asked only where the finding departs from the table
    Step.REMUNERATION: {"prevailing_reason", "other_description"},  # asked only with an override / "other"
}


# Helpers ------------------------------------------------------------------------------------
def today() -> date:
    return timezone.localdate()


def replayed(answers: dict) -> dict:
    """The facts the wizard would record from these answers, in the decision's stored form."""
    return case_dict(parse_case(case_from_answers(answers, today()), today(), partial=True))


def posted(step: Step, saved: dict) -> dict:
    """The POST data of a step whose form shows ``saved`` (what pressing Next sends back)."""
    if step is Step.EXPERIENCE:
        return experience_data([{k: str(v) for k, v in p.items()} for p in saved.get("periods", [])])
    data = {}
    for name, value in FORMS[step].initial_from(saved).items():
        if value is None or value is False or isinstance(value, dict | list):
            continue
        data[name] = "on" if value is True else str(value)
    return data


def bound_forms(answers: dict, confirming: bool = False) -> dict:
    """Each answered step's form, bound to its prefilled answers, as the wizard builds it;
    ``confirming``: with the officer's tick confirming amounts out of the usual range."""
    def data(step):
        given = posted(step, answers[step.value])
        return {**given, "confirm_amounts": "on"} if confirming and step is Step.REMUNERATION else given

    return {step: build(step, answers, data(step))[0] for step in ANSWER_STEPS if step.value in answers}


def asks_to_confirm_amounts(form) -> bool:
    """The remuneration step holds an amount out of the usual range until the officer confirms it
    (a batch case's amounts were never confirmed by an officer)."""
    return "confirm_amounts" in form.fields and bool(form.errors)


def form_errors(form) -> set[str]:
    if isinstance(form.errors, list):  # the experience step's formset
        return {name for errors in form.errors for name in errors} | set(form.formset.non_form_errors() and ["__all__"])
    return set(form.errors)


def record(officer, facts_case: dict, details=None, identity=None) -> Decision:
    """Record the case without an assessment, as the batch command does."""
    decision = services.record_decision(
        officer=officer, facts=parse_case(facts_case, today(), partial=True), decision=OfficerDecision.REFUSE, details=details,
        identity=identity, source=Source.BATCH, departure_reason_code=DepartureReason.choices[0][0],
        departure_reason="Test.")
    return Decision.objects.get(pk=decision.pk)  # as stored


def record_by_command(officer, tmp_path, facts_case: dict) -> Decision:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(facts_case))
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("assess", str(path), record=True, officer=officer.username)
    return Decision.objects.get(source=Source.BATCH, application_number=facts_case["reference"])


def correct(client: Client, decision: Decision) -> Wizard:
    response = client.post(reverse("decision-correct", args=[decision.pk]))
    assert response.status_code == 302
    match = resolve(response.url)
    assert match.kwargs["step"] == "review"
    return Wizard(client, match.kwargs["pk"])


# Generated cases, as the wizard would have saved them ------------------------------------------
# 40012 and 50010 raise a judgement on most lists; 00012, 31102 and 40012 have no published wage.
NOC_CODES = ["21231", "41101", "21300", "22300", "72300", "00012", "31102", "83101", "40012", "50010"]
COUNTRIES = ["AU", "JP", "MX", "VN", "NZ", "GB"]
money = st.integers(min_value=1, max_value=1_000_000_00).map(lambda cents: cents / 100)
words = st.text(alphabet="abcdefghij XYZ", min_size=1, max_size=30).map(str.strip).filter(bool)


@st.composite
def periods(draw, received_on: date):
    """Up to three periods, one after another, ending before the application."""
    result, start = [], received_on - timedelta(days=draw(st.integers(400, 5000)))
    for _i in range(draw(st.integers(0, 3))):
        end = start + timedelta(days=draw(st.integers(0, 900)))
        if end >= received_on:
            break
        result.append({"employer": draw(words), "start": start.isoformat(), "end": end.isoformat(),
                       "hours_per_week": float(draw(st.integers(10, 800))) / 10})
        start = end + timedelta(days=draw(st.integers(1, 60)))
    return result


@st.composite
def wizard_decisions(draw):
    """(contract case, details, identity) as a walk through the wizard would have recorded them."""
    received_on = today() - timedelta(days=draw(st.integers(0, 3 * 365)))
    country, category = draw(st.sampled_from(COUNTRIES)), draw(st.sampled_from([c.value for c in Category]))
    noc = draw(st.sampled_from(NOC_CODES))
    ruleset = ruleset_on(received_on)
    asked = ruleset.position_questions(country, Category(category), noc)
    rule = ruleset.category_rule(country, Category(category))
    letter = rule.employer_letter_for_all or rule.equivalence_requires_employer_letter
    province = draw(st.sampled_from([p.value for p in Province]))
    region = draw(st.sampled_from([None] + [r.code for r in ruleset.regions_of(province)]))
    extension = draw(st.booleans())
    worked = draw(periods(received_on))
    regulated = draw(st.sampled_from([None, True, False]))
    met = draw(st.sampled_from([None, True, False]))
    facts = {
        "reference": draw(st.from_regex(r"[A-Z0-9]{1,20}", fullmatch=True)),
        "country": country, "status": draw(st.sampled_from(["citizen", "permanent_resident"])),
        "category": category, "noc_code": noc,
        "position": {q.value: draw(st.booleans()) for q in asked},
        "province": province,
        "regulated": regulated, "licence_required": draw(st.booleans()), "licensed": draw(st.booleans()),
        "education": {"credential": draw(st.sampled_from([c.value for c in Credential])),
                      "years": draw(st.integers(0, 150)) / 10, "country": draw(st.sampled_from(COUNTRIES)),
                      "related_field": draw(st.booleans())},
        "employer_letter": letter and draw(st.booleans()),
        "experience_months": full_time_months([WorkPeriod(date.fromisoformat(p["start"]), date.fromisoformat(
            p["end"]), p["hours_per_week"]) for p in worked]),
        "language": {"satisfactory": draw(st.sampled_from([True, False, None]))},
        "wage": {"amount": draw(money), "unit": draw(st.sampled_from([u.value for u in WageUnit])),
                 "hours_per_week": draw(st.integers(10, 1680)) / 10},
        "non_monetary": {k: draw(money) for k in draw(st.sets(st.sampled_from(["housing", "travel", "other"])))},
        "offer_number": draw(st.from_regex(r"A[0-9]{7}", fullmatch=True)),
        "compliance_fee_paid": draw(st.booleans()), "employment_months": draw(st.integers(1, 120)),
        "documents": {d.value: draw(st.booleans()) for d in Document},
        "spouse": draw(st.booleans()), "received_on": received_on.isoformat(),
        # Asked of every case: the NOC's requirements, and whether it is an extension (then the need).
        "noc_requirements_met": draw(st.booleans()), "extension": extension,
        "extension_need_shown": draw(st.booleans()) if extension else None,
        # The occupation's judgements; the education's are added below when the engine raises them.
        "judgements": {j.value: draw(st.booleans()) for j in ruleset.judgements_for(country, Category(category), noc)},
    }
    if region:
        facts["economic_region"] = region
    if met is not None:
        facts["language"]["offer_requirements_met"] = met
    education = rulebook.assess(parse_case(facts, today()), ruleset).judgements(criteria={Criterion.EDUCATION})
    facts["judgements"].update({j: draw(st.booleans()) for j in education})
    reason = None
    # Without a published wage, the wizard asks for the officer's figures and their source.
    if ruleset.wage(noc, province, region) is None or draw(st.booleans()):
        median, reason = draw(money), draw(words)
        facts["prevailing_wage"] = {"amount": median, "unit": draw(st.sampled_from([u.value for u in WageUnit])),
                                    "source": reason}
        if draw(st.booleans()):
            facts["prevailing_wage"]["low"] = draw(st.integers(1, int(median * 100))) / 100
    details = {
        "place_of_application": draw(st.sampled_from(PlaceOfApplication.values)),
        "passport_expiry": (today() + timedelta(days=draw(st.integers(0, 3650)))).isoformat(),
        "employer": draw(words), "job_title": draw(words),
        "regulated_reason": draw(words) if regulated is not None else "",
        "experience_periods": worked,
        "language_evidence": draw(st.sampled_from(["", "Interview in English"])),
        "other_non_monetary": draw(words) if "other" in facts["non_monetary"] else "",
        "prevailing_reason": reason or "",
        "unanswered_steps": [],
    }
    identity = {"application_number": facts["reference"], "uci": draw(st.from_regex(r"[0-9]{8}([0-9]{2})?", fullmatch=True)),
                "applicant_name": draw(words)}
    return facts, details, identity


# Round trip ---------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wizard_decisions())
def test_a_decision_recorded_without_the_wizard_gives_back_its_facts_details_and_identity(officer, generated):
    facts, details, identity = generated
    decision = record(officer, facts, details, identity)

    answers = answers_from_decision(decision)

    assert replayed(answers) == decision.facts
    assert details_from_answers(answers) == decision.details
    assert {k: answers["case"].get(k, "") for k in identity} == {k: getattr(decision, k) for k in identity}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wizard_decisions())
def test_every_step_form_accepts_its_prefilled_answers_and_saves_them_unchanged(officer, generated):
    decision = record(officer, *generated)
    answers = answers_from_decision(decision)

    forms = bound_forms(answers)
    if asks_to_confirm_amounts(forms[Step.REMUNERATION]):
        forms = bound_forms(answers, confirming=True)
    for step, form in forms.items():
        assert form.is_valid(), (step, form.errors)
        saved = form.answers()
        if step is Step.REMUNERATION:
            saved.pop("amounts_confirmed", None)
        assert saved == answers[step.value], step


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(wizard_decisions())
def test_a_batch_decision_gives_back_its_facts_and_leaves_only_what_its_case_lacks_to_the_officer(officer, generated):
    facts, _details, _identity = generated
    decision = record(officer, facts)  # no details, no identity: as manage.py assess --record

    answers = answers_from_decision(decision)

    assert replayed(answers) == decision.facts
    assert answers["case"]["application_number"] == facts["reference"]
    forms = bound_forms(answers)
    if asks_to_confirm_amounts(forms[Step.REMUNERATION]):  # the officer confirms them: asked, never assumed
        forms = bound_forms(answers, confirming=True)
    for step, form in forms.items():
        form.is_valid()
        assert form_errors(form) <= LEFT_FOR_OFFICER.get(step, set()), step
    left = details_from_answers(answers)
    assert left["experience_periods"] == [] and left["employer"] is None and left["passport_expiry"] is None


# What the wizard cannot hold as the contract does -----------------------------------------------
def test_a_position_fact_the_rules_do_not_ask_about_is_kept(officer):
    decision = record(officer, case(received_on="2025-12-01", position={"notary": True}))  # 21300 in BC, Mexico

    answers = answers_from_decision(decision)

    assert answers["occupation"]["position"] == {"notary": True}
    assert replayed(answers) == decision.facts


def test_questions_the_rules_ask_are_answered_as_the_form_saves_them(officer):
    decision = record(officer, case(country="JP", noc_code="21231", received_on="2025-12-01",
                                    position={"researcher": True}, employer_letter=False))

    assert answers_from_decision(decision)["occupation"]["position"] == {
        PositionQuestion.RESEARCHER.value: True, PositionQuestion.ACADEMIC_ENTITY.value: False}


DETAILS = {"place_of_application": "outside_canada", "passport_expiry": "2035-01-31", "employer": "Acme",
           "job_title": "Policy manager", "regulated_reason": "", "experience_periods": [],
           "language_evidence": "", "other_non_monetary": "", "prevailing_reason": "Provincial survey",
           "unanswered_steps": []}


def test_the_new_answers_are_prefilled_where_their_steps_ask_them(officer):
    """Judgements split by the step that asks them, the region, the NOC's requirements, the
    extension and its need, and the source of the officer's prevailing wage."""
    decision = record(officer, case(
        country="AU", noc_code="40012", province="ON", economic_region="ER3570", received_on="2025-12-01",
        regulated=None, licence_required=False, licensed=False,
        education={"years": 3, "country": "NZ"}, employer_letter=True, noc_requirements_met=False,
        extension=True, extension_need_shown=True,
        prevailing_wage={"amount": 40, "unit": "hour", "source": "Provincial survey"},
        judgements={"related_health_education_social_services": False, "equivalent_qualification": True}),
        DETAILS, {"application_number": "BASE", "uci": "12345678", "applicant_name": "Ana Ruiz"})

    answers = answers_from_decision(decision)

    assert answers["case"]["extension"] is True
    assert answers["occupation"]["economic_region"] == "ER3570"
    assert answers["occupation"]["judgements"] == {"related_health_education_social_services": False}
    assert answers["credentials"]["judgements"] == {"equivalent_qualification": True}
    assert answers["credentials"]["noc_requirements_met"] is False
    assert answers["credentials"]["employer_letter"] is True
    assert answers["documents"]["extension_need_shown"] is True
    assert answers["remuneration"]["prevailing_reason"] == "Provincial survey"
    assert replayed(answers) == decision.facts
    for step, form in bound_forms(answers).items():
        if step is not Step.EXPERIENCE:  # recorded without periods: its months are kept as they are
            assert form.is_valid(), (step, form.errors)
            assert form.answers() == answers[step.value], step


def test_a_batch_decision_leaves_what_it_did_not_record_for_the_officer_to_answer(officer):
    """A batch case may leave the NOC's requirements, a judgement and an extension's need unrecorded
    (null): the correction asks them, never answers them for the officer."""
    decision = record(officer, case(
        country="MX", noc_code="40012", received_on="2025-12-01", extension=True,
        prevailing_wage={"amount": 40, "unit": "hour", "source": "Provincial survey"}))

    answers = answers_from_decision(decision)
    forms = bound_forms(answers)

    assert replayed(answers) == decision.facts
    assert "noc_requirements_met" in form_errors(forms[Step.CREDENTIALS])
    assert "judgement_related_health_education_social_services" in form_errors(forms[Step.OCCUPATION])
    assert "extension_need_shown" in form_errors(forms[Step.DOCUMENTS])


def test_a_need_to_extend_recorded_for_a_first_permit_is_not_kept(officer):
    """The engine reads the need of extensions only, and the wizard asks it of them only."""
    decision = record(officer, case(received_on="2025-12-01", extension=False, extension_need_shown=True))

    answers = answers_from_decision(decision)

    assert "extension_need_shown" not in answers["documents"]
    assert replayed(answers) == {**decision.facts, "extension_need_shown": None}


def test_non_monetary_elements_without_a_field_of_their_own_are_counted_under_other_and_named(officer):
    decision = record(officer, case(received_on="2025-12-01", non_monetary={"housing": 12000, "meals": 1500,
                                                                           "car": 3000.5}))

    pay = answers_from_decision(decision)["remuneration"]

    assert (pay["housing"], pay["travel"], pay["other"]) == (12000.0, None, 4500.5)
    assert pay["other_description"] == "car: 3000.5; meals: 1500"
    assert replayed({**answers_from_decision(decision), "remuneration": pay})["non_monetary"] == {
        "housing": 12000.0, "other": 4500.5}


def test_steps_a_decision_was_recorded_without_stay_unanswered(officer):
    whole = answers_from_decision(record(officer, case(received_on="2025-12-01")))
    partial = {step: data for step, data in whole.items() if step not in ("language", "documents")}
    decision = record(officer, case_from_answers(partial, today()), details_from_answers(partial))

    answers = answers_from_decision(decision)

    assert answers == partial
    assert replayed(answers) == decision.facts
    assert "language" not in decision.facts and "documents" not in decision.facts  # never filled in


# Through the pages ----------------------------------------------------------------------------
def test_an_officer_corrects_a_batch_decision_from_the_review_step_without_re_entering_it(
        officer, officer_client, tmp_path):
    original = record_by_command(officer, tmp_path, case(reference="W399887766", received_on="2025-12-01",
                                                         experience_months=30, non_monetary={"housing": 9000}))
    assert original.assessment is None

    wizard = correct(officer_client, original)
    review = text(wizard.get("review"))

    assert "Indicative outcome:" in review and "Steps not answered yet" not in review
    for shown in ("30 months", "21300", "Continue to the decision"):
        assert shown in review, shown
    correction = wizard.record(FOLLOWS[original.outcome], correction_reason="Returned by the supervisor.")

    assert correction.corrects == original
    assert correction.facts == original.facts
    assert (correction.outcome, correction.working, correction.application_number) == (
        original.outcome, original.working, "W399887766")


def test_the_officer_walks_a_prefilled_correction_with_next_and_the_facts_stay_as_recorded(officer, officer_client):
    # As the wizard records it: with the officer's finding on the NOC's requirements.
    facts = case(reference="W300000001", received_on="2025-12-01", prevailing_wage=None, noc_requirements_met=True)
    del facts["prevailing_wage"]
    worked = [{"employer": "Pemex", "start": "2020-01-01", "end": "2022-06-30", "hours_per_week": 40.0}]
    details = {"place_of_application": "outside_canada", "passport_expiry": "2035-01-31", "employer": "Acme",
               "job_title": "Civil engineer", "regulated_reason": "", "experience_periods": worked,
               "language_evidence": "Interview", "other_non_monetary": "", "prevailing_reason": "",
               "unanswered_steps": []}
    original = record(officer, {**facts, "experience_months": 30}, details,
                      {"application_number": "W300000001", "uci": "12345678", "applicant_name": "Ana Ruiz"})

    wizard = correct(officer_client, original)
    prefilled = wizard.answers
    for step in ANSWER_STEPS:
        wizard.answer(step.value, {"periods": prefilled["experience"]["periods"]} if step is Step.EXPERIENCE
                      else posted(step, prefilled[step.value]))
    correction = wizard.record(FOLLOWS[original.outcome], correction_reason="Checked every step.")

    assert wizard.answers == prefilled
    assert correction.facts == original.facts and correction.details == original.details
    assert (correction.uci, correction.applicant_name) == ("12345678", "Ana Ruiz")


def test_a_seeded_decision_is_corrected_the_same_way(settings):
    settings.DEBUG = True
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("seed_demo_decisions", "20", "--until", today().isoformat(), "--cases", "5", "--officers", "2",
                     stdout=io.StringIO())
    settings.DEBUG = False
    original = Decision.objects.filter(assessment__isnull=True).order_by("id").first()
    client = Client()
    client.force_login(original.officer)

    wizard = correct(client, original)
    answers = wizard.answers

    assert replayed(answers) == original.facts
    assert details_from_answers(answers) == original.details
    review = text(wizard.get("review"))
    assert "Steps not answered yet" not in review and original.noc_code in review
    correction = wizard.record(FOLLOWS[original.outcome], correction_reason="Returned by the supervisor.")
    assert correction.corrects == original and correction.facts == original.facts
    assert (correction.application_number, correction.uci, correction.applicant_name) == (
        original.application_number, original.uci, original.applicant_name)


def test_a_wizard_decision_is_still_corrected_from_its_own_answers(officer_client):
    original = Wizard.start(officer_client).walk("JP", "professional").record("approve")

    wizard = correct(officer_client, original)

    assert wizard.answers == original.assessment.answers


def test_next_on_the_experience_step_keeps_a_batch_decisions_months_until_periods_are_entered(
        officer, officer_client, tmp_path):
    original = record_by_command(officer, tmp_path, case(reference="W399887700", received_on="2025-12-01",
                                                         experience_months=30))
    wizard = correct(officer_client, original)

    wizard.answer(Step.EXPERIENCE.value, {"periods": []})  # Next, no period typed

    assert "30 months" in text(wizard.get("review"))
    assert wizard.record(FOLLOWS[original.outcome], correction_reason="Checked.").facts == original.facts
