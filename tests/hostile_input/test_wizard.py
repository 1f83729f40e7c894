"""Hostile values in every field of every wizard step, with each of its buttons ("Check this
occupation", "Add another period", back, to the review), the decision step and starting a
correction: never a server error; refused with the field named and the typing kept; what is
accepted is shown escaped wherever the desk shows it again."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from eligibility.models import Assessment, Decision
from tests.eligibility.wizard.journey import ANSWER_STEPS, Wizard, experience_data, page_errors, plan, post_data

from .checks import assert_no_live_markup, assert_refused_clearly, assert_typing_kept, sent_values
from .conftest import HOSTILE
from .strategies import hostile_value, tampered

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]

VALID = {step: post_data(step, answers) for step, answers in plan("JP", "professional").items()}
VALID["experience"] = experience_data(plan()["experience"]["periods"])
BUTTONS = {"case": ("next", "to_review"), "occupation": ("next", "check", "back"), "credentials": ("next", "back"),
           "experience": ("next", "add_period", "back"), "language": ("next",), "remuneration": ("next",),
           "documents": ("next", "to_review")}
# The fields a step shows as text inputs (what was typed must come back).
TEXT_INPUTS = {
    "case": {"application_number", "uci", "applicant_name", "received_on", "passport_expiry"},
    "occupation": {"noc", "employer", "job_title", "offer_number", "employment_months"},
    "credentials": {"years"},
    "experience": {"period-0-employer", "period-0-start", "period-0-end", "period-0-hours_per_week"},
    "language": set(),
    "remuneration": {"amount", "hours_per_week", "housing", "travel", "other", "other_description",
                     "prevailing_amount", "prevailing_low"},
    "documents": set(),
}
# Fields beyond the valid case's that a hostile client may add (optional ones, conditional ones).
EXTRA_FIELDS = {
    "occupation": ("position_researcher", "position_academic_entity"),
    "credentials": ("employer_letter", "regulated_reason"),
    "experience": ("period-0-DELETE", "period-1-employer", "period-1-start"),
    "language": ("requirements_met",),
    "remuneration": ("housing", "travel", "other", "other_description", "prevailing_override", "prevailing_amount",
                     "prevailing_unit", "prevailing_low", "prevailing_reason"),
    "documents": ("ties", "licence"),
}


def management_form_intact(pairs) -> bool:
    """A forged count of periods (a hidden field no browser changes) is refused as tampering, and
    the periods cannot be shown again: the formset no longer knows how many there are."""
    sent = dict(pairs)
    # ASCII digits only: "²".isdigit() is true, but a formset cannot count with it.
    return all(re.fullmatch(r"[0-9]+", sent.get(f"period-{name}", "")) is not None
               and [n for n, _v in pairs].count(f"period-{name}") == 1 for name in ("TOTAL_FORMS", "INITIAL_FORMS"))


def display_pages(wizard: Wizard) -> list[str]:
    return [reverse("home"), wizard.url("case"), wizard.url("review")]


def check_step(hostile, wizard: Wizard, step: str, pairs, button: str) -> None:
    before = Assessment.objects.get(pk=wizard.pk).answers.get(step)
    response = hostile.post(wizard.url(step), [*pairs, (button, "1")])
    assert response.status_code in (200, 302, 400), response.status_code
    values = sent_values(pairs)
    assert_no_live_markup(response, values)
    after = Assessment.objects.get(pk=wizard.pk).answers.get(step)
    if response.status_code == 200:
        if button not in ("check", "add_period"):
            assert after == before, "a refused step saves nothing"
            assert_refused_clearly(response)
        if step != "experience" or management_form_intact(pairs):
            assert_typing_kept(response, pairs, TEXT_INPUTS[step])
    elif response.status_code == 302:
        for url in display_pages(wizard):
            shown = hostile.get(url)
            assert shown.status_code in (200, 302)
            assert_no_live_markup(shown, values)


@pytest.fixture
def wizards(hostile_officer):
    """A draft at each step (the steps before it answered), made once for the test."""
    made = {}

    def at(step: str) -> Wizard:
        if step not in made:
            made[step] = Wizard.start(hostile_officer.client).walk("JP", "professional", until=step)
        return made[step]

    return at


def _step_test(step):
    fields = sorted(set(VALID[step]) | set(EXTRA_FIELDS.get(step, ())))

    @HOSTILE
    @given(data=tampered(VALID[step], fields), button=st.sampled_from(BUTTONS[step]))
    def test(hostile_officer, wizards, data, button):
        pairs, _hostile = data
        check_step(hostile_officer, wizards(step), step, pairs, button)

    test.__name__ = f"test_hostile_values_on_the_{step}_step_are_refused_or_shown_escaped"
    return test


for _step in ANSWER_STEPS:
    globals()[f"test_hostile_values_on_the_{_step}_step_are_refused_or_shown_escaped"] = _step_test(_step)


@HOSTILE
@given(total=hostile_value(), initial=hostile_value())
def test_a_forged_period_count_is_answered_not_a_server_error(hostile_officer, wizards, total, initial):
    wizard = wizards("experience")
    data = {**VALID["experience"], "period-TOTAL_FORMS": total, "period-INITIAL_FORMS": initial}
    for button in ("next", "add_period"):
        response = hostile_officer.post(wizard.url("experience"), [*data.items(), (button, "1")])
        assert response.status_code in (200, 302)


@HOSTILE
@given(step=hostile_value())
def test_an_unknown_step_name_is_answered_not_a_server_error(hostile_officer, wizards, step):
    wizard = wizards("case")
    path = f"/en/assessments/{wizard.pk}/" + quote(step.replace("/", ""), errors="surrogatepass") + "/"
    response = hostile_officer.get(path)
    assert response.status_code in (200, 302, 404)


# The decision step -------------------------------------------------------------------------------
DECISION_VALID = {"decision": "approve", "notes": "Checked.", "departure_reason_code": "",
                  "departure_reason": "", "correction_reason": "Amended."}


@pytest.fixture
def deciding(hostile_officer):
    """A complete draft to decide; once decided, a correction of it (a new draft) is decided next."""
    state = {"wizard": Wizard.start(hostile_officer.client).walk("JP", "professional")}

    def current() -> Wizard:
        wizard = state["wizard"]
        if Assessment.objects.get(pk=wizard.pk).is_finalised:
            decision = Decision.objects.get(assessment_id=wizard.pk)
            response = hostile_officer.post(reverse("decision-correct", args=[decision.pk]))
            assert response.status_code == 302
            wizard = state["wizard"] = Wizard(hostile_officer.client, Assessment.objects.latest("pk").pk)
        return wizard

    return current


@HOSTILE
@given(data=tampered(DECISION_VALID))
def test_hostile_values_on_the_decision_step_are_refused_or_recorded_and_shown_escaped(
        hostile_officer, deciding, data):
    pairs, _hostile = data
    wizard = deciding()
    count = Decision.objects.count()
    response = hostile_officer.post(wizard.url("decision"), pairs)
    values = sent_values(pairs)
    assert response.status_code in (200, 302, 400)
    assert_no_live_markup(response, values)
    if response.status_code == 200:
        assert Decision.objects.count() == count, "a refused decision records nothing"
        assert_refused_clearly(response)
        return
    if Decision.objects.count() == count:
        return  # sent elsewhere (a step to answer first), nothing recorded
    decision = Decision.objects.latest("pk")
    for url in (reverse("decision-detail", args=[decision.pk]), reverse("home"),
                reverse("supervision:record", args=[decision.pk])):
        shown = hostile_officer.get(url)
        assert shown.status_code == 200, url
        assert_no_live_markup(shown, values)


@HOSTILE
@given(pk=st.one_of(st.integers(min_value=-(10**25), max_value=10**25), st.just(2**63), st.just(2**31)))
def test_a_correction_of_any_number_is_answered_not_a_server_error(hostile_officer, pk):
    response = hostile_officer.post(f"/en/decisions/{pk}/correct/")
    assert response.status_code in (404,)


# What the fixes say, exactly ----------------------------------------------------------------------
CONTROL = "Remove the control characters (such as NUL) from this text: they cannot be stored."


@pytest.mark.parametrize("name", ["Hanako\x00Sato", "Hanako\x1b[31mSato", "Hanako\x7fSato", "Hanako\x85Sato"])
def test_control_characters_in_a_text_field_are_refused_naming_the_field(hostile_officer, name):
    wizard = Wizard.start(hostile_officer.client)

    response = hostile_officer.post(wizard.url("case"), [*{**VALID["case"], "applicant_name": name}.items(),
                                                         ("next", "1")])

    assert response.status_code == 200
    assert page_errors(response) == [f"Applicant's name: {CONTROL}"]
    assert "case" not in wizard.answers


def test_tabs_and_line_ends_are_ordinary_text(hostile_officer):
    wizard = Wizard.start(hostile_officer.client).walk("JP", "professional", until="language")

    hostile_officer.post(wizard.url("language"), [*{**VALID["language"], "evidence": "Interview\r\n\tin English"}
                                                  .items(), ("next", "1")])

    assert wizard.answers["language"]["evidence"] == "Interview\r\n\tin English"


def test_a_correction_without_a_reason_is_refused_in_the_error_summary(hostile_officer, deciding):
    deciding().record("approve")
    correction = deciding()

    for reason in ("", "   ", "Because\x00"):
        response = hostile_officer.post(correction.url("decision"), [("decision", "approve"),
                                                                     ("correction_reason", reason)])
        assert response.status_code == 200
        assert page_errors(response) == [
            "Why the earlier decision is corrected: " + ("Say why the earlier decision is being corrected."
                                                         if not reason.strip() else CONTROL)]
    assert Decision.objects.count() == 1
