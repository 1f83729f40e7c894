"""A recorded decision has no edit path; a correction is a new, linked decision with its reason,
and both stay visible."""

import pytest
from django.urls import reverse
from django.utils import timezone

from eligibility import services
from eligibility.models import Assessment, Decision
from tests.eligibility.wizard.journey import (
    Wizard,
    decision_from,
    decision_url,
    months_of_experience,
    plan,
    results,
    text,
)

pytestmark = pytest.mark.django_db


def recorded(decision: Decision) -> str:
    """When a decision was recorded, as the pages say it (never its database id)."""
    return timezone.localtime(decision.created_at).strftime("%Y-%m-%d %H:%M")


def recorded_by(client, **steps) -> tuple[Wizard, Decision]:
    wizard = Wizard.start(client).walk("MX", "technician", **steps)
    return wizard, wizard.record("approve", notes="First decision.")


def correction_draft(client, decision) -> int:
    """Press "Correct this decision"; the new draft's id."""
    response = client.post(reverse("decision-correct", args=[decision.pk]))
    assert response.status_code == 302
    return Assessment.objects.get(corrects=decision, decision__isnull=True).pk


def snapshot(decision: Decision) -> dict:
    fresh = Decision.objects.get(pk=decision.pk)
    return {f.attname: getattr(fresh, f.attname) for f in Decision._meta.concrete_fields}


@pytest.mark.parametrize("step", ["case", "occupation", "credentials", "experience", "language", "remuneration",
                                  "documents", "review", "decision"])
def test_a_finalised_assessments_steps_lead_to_its_decision(officer_client, step):
    wizard, decision = recorded_by(officer_client)
    before, answers = snapshot(decision), wizard.answers

    shown = wizard.get(step)
    posted = wizard.post(step, {"decision": "refuse", "departure_reason_code": "other", "departure_reason": "x",
                                **plan("JP", case={"applicant_name": "Someone Else"})["case"]})

    assert shown.status_code == 302 and shown.url == decision_url(decision)
    assert posted.status_code == 302 and posted.url == decision_url(decision)
    assert wizard.answers == answers
    assert snapshot(decision) == before
    assert Decision.objects.count() == 1


def test_a_recorded_draft_leaves_the_home_pages_drafts(officer_client):
    wizard, decision = recorded_by(officer_client)

    page = officer_client.get(reverse("home")).content.decode()

    assert f'href="{wizard.url("case")}"' not in page
    assert f'href="{decision_url(decision)}"' in page


def test_the_decision_page_offers_no_edit_but_a_correction(officer_client):
    wizard, decision = recorded_by(officer_client)

    page = officer_client.get(decision_url(decision)).content.decode()

    assert f'action="{reverse("decision-correct", args=[decision.pk])}"' in page
    assert f'href="{wizard.url("case")}"' not in page
    assert "Correct this decision" in page


def test_a_correction_starts_a_linked_draft_with_the_answers(officer_client):
    wizard, decision = recorded_by(officer_client)

    response = officer_client.post(reverse("decision-correct", args=[decision.pk]))

    draft = Assessment.objects.exclude(pk=wizard.pk).get()
    assert response.status_code == 302 and response.url == reverse("wizard-step", args=[draft.pk, "review"])
    assert draft.corrects_id == decision.pk
    assert draft.answers == wizard.answers
    assert (f"This assessment corrects the decision on application {decision.application_number} recorded "
            f"{recorded(decision)}.") in text(officer_client.get(response.url))


def test_a_correction_needs_its_reason(officer_client):
    _wizard, decision = recorded_by(officer_client)
    correction = Wizard(officer_client, correction_draft(officer_client, decision))

    response = correction.decide("approve")

    assert response.status_code == 200
    assert "Say why the earlier decision is being corrected." in text(response)
    assert Decision.objects.count() == 1


def test_a_blank_correction_reason_is_no_reason(officer_client):
    _wizard, decision = recorded_by(officer_client)
    correction = Wizard(officer_client, correction_draft(officer_client, decision))

    response = correction.decide("approve", correction_reason="   ")

    assert "Say why the earlier decision is being corrected." in text(response)
    assert Decision.objects.count() == 1


def test_a_correction_is_recorded_and_both_decisions_stay_visible_and_linked(officer_client, supervisor_client):
    _wizard, original = recorded_by(officer_client)
    before = snapshot(original)
    correction = Wizard(officer_client, correction_draft(officer_client, original))
    correction.answer("experience", months_of_experience(40))

    corrected = decision_from(correction.decide("refuse", correction_reason="Experience letters were for 40 months."))

    assert corrected.corrects_id == original.pk
    assert corrected.correction_reason == "Experience letters were for 40 months."
    assert results(corrected)["experience"] == "not_met" and corrected.outcome == "not_eligible"
    assert snapshot(original) == before  # the original is untouched
    for client in (officer_client, supervisor_client):
        new_page = client.get(decision_url(corrected))
        old_page = client.get(decision_url(original))
        assert new_page.status_code == old_page.status_code == 200
        assert f"Corrects the decision recorded {recorded(original)}." in text(new_page)
        assert f'href="{decision_url(original)}"' in new_page.content.decode()
        assert "Reason: Experience letters were for 40 months." in text(new_page)
        assert f"Superseded by decision recorded {recorded(corrected)}" in text(old_page)
        assert f'href="{decision_url(corrected)}"' in old_page.content.decode()
    home = officer_client.get(reverse("home")).content.decode()  # the application once, as it stands
    assert f'href="{decision_url(original)}"' not in home and f'href="{decision_url(corrected)}"' in home


def test_a_correction_can_itself_be_corrected(officer_client):
    _wizard, original = recorded_by(officer_client)
    first = decision_from(Wizard(officer_client, correction_draft(officer_client, original)).decide(
        "approve", notes="Same outcome, note added", correction_reason="Notes were missing."))

    second = decision_from(Wizard(officer_client, correction_draft(officer_client, first)).decide(
        "approve", correction_reason="Second look."))

    assert (second.corrects_id, first.corrects_id) == (first.pk, original.pk)
    assert f"Superseded by decision recorded {recorded(second)}" in text(officer_client.get(decision_url(first)))


def test_only_the_deciding_officer_can_start_a_correction(officer_client, supervisor_client):
    _wizard, decision = recorded_by(officer_client)

    assert supervisor_client.post(reverse("decision-correct", args=[decision.pk])).status_code == 403
    assert officer_client.get(reverse("decision-correct", args=[decision.pk])).status_code == 405
    assert Assessment.objects.filter(corrects=decision).count() == 0


# At most one correction per decision ---------------------------------------------------------
def test_a_second_correction_of_a_corrected_decision_is_refused_with_the_one_that_stands(officer_client):
    _wizard, original = recorded_by(officer_client)
    corrected = Wizard(officer_client, correction_draft(officer_client, original)).record(
        "approve", correction_reason="Notes were missing.")

    response = officer_client.post(reverse("decision-correct", args=[original.pk]), follow=True)

    assert response.redirect_chain[0][0] == decision_url(corrected)
    assert (f"This decision has already been corrected by officer: see the decision recorded {recorded(corrected)}."
            in text(response))
    assert Assessment.objects.filter(corrects=original, decision__isnull=True).count() == 0


def test_a_corrected_decision_offers_no_correction(officer_client):
    _wizard, original = recorded_by(officer_client)
    Wizard(officer_client, correction_draft(officer_client, original)).record("approve", correction_reason="Why.")

    assert "Correct this decision" not in text(officer_client.get(decision_url(original)))


def test_correcting_again_while_a_correction_is_drafted_opens_that_draft(officer_client):
    _wizard, original = recorded_by(officer_client)
    draft = correction_draft(officer_client, original)

    response = officer_client.post(reverse("decision-correct", args=[original.pk]), follow=True)

    assert response.redirect_chain[0][0] == reverse("wizard-step", args=[draft, "review"])
    assert "You have already started a correction of this decision" in text(response)
    assert Assessment.objects.filter(corrects=original).count() == 1


def test_another_officers_correction_draft_is_named(officer_client, other_officer):
    _wizard, original = recorded_by(officer_client)
    services.start_assessment(other_officer, corrects=original, answers={})  # e.g. before a reassignment

    response = officer_client.post(reverse("decision-correct", args=[original.pk]), follow=True)

    assert response.redirect_chain[0][0] == decision_url(original)
    assert "officer2 has already started a correction of this decision" in text(response)
    assert Assessment.objects.filter(corrects=original).count() == 1


def test_finalising_a_correction_of_a_decision_corrected_meanwhile_is_refused(officer, officer_client):
    wizard, original = recorded_by(officer_client)
    # Two drafts, as two tabs pressing "Correct this decision" at once could leave them.
    early, late = (Wizard(officer_client, services.start_assessment(officer, corrects=original,
                                                                    answers=dict(wizard.answers)).pk)
                   for _ in range(2))
    first = early.record("approve", correction_reason="First.")

    response = late.decide("refuse", correction_reason="Second.", departure_reason_code="other",
                           departure_reason="Because.")

    assert response.status_code == 302 and response.url == decision_url(first)
    page = text(officer_client.get(response.url))
    assert "Nothing was recorded: the decision this draft corrects was corrected meanwhile." in page
    assert f"see the decision recorded {recorded(first)}" in page
    assert list(Decision.objects.filter(corrects=original)) == [first]


def test_a_correction_refused_by_the_database_raises_already_corrected(officer, monkeypatch):
    """The other correction committed between the service's look and its insert: the database's
    constraint refuses the insert, and the service says which correction stands."""
    _wizard, original = None, services.record_decision(
        officer=officer, facts=_facts(), decision="approve", notes="First.")
    first = services.record_decision(officer=officer, facts=_facts(), decision="approve", corrects=original,
                                     correction_reason="First.")
    looks = iter([None])  # the look before the insert misses it, the one after finds it
    real = services.correction_of
    monkeypatch.setattr(services, "correction_of", lambda d: next(looks, None) or real(d))

    with pytest.raises(services.AlreadyCorrected) as refused:
        services.record_decision(officer=officer, facts=_facts(), decision="approve", corrects=original,
                                 correction_reason="Second.")

    assert refused.value.correction == first
    assert Decision.objects.filter(corrects=original).count() == 1


def _facts():
    from eligibility.casefile import parse_case
    from tests.case_examples import case

    return parse_case(case(), timezone.localdate())
