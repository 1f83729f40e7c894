"""The supervisor's journey of issue 4, end to end through the test client: find last month's
Japanese technician refusals, disagree on one criterion, the officer amends, and the complete
record holds both versions and the amendment."""

import io
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from eligibility.models import Decision
from supervision.models import ReviewItem, SamplingPolicy
from tests.eligibility.wizard.journey import Wizard, months_of_experience

pytestmark = pytest.mark.django_db


def test_supervisor_disagrees_the_officer_amends_and_the_record_shows_both(officer_client, supervisor_client):
    SamplingPolicy.objects.create(share=Decimal("0"))
    refused = Wizard.start(officer_client).walk("JP", "technician", experience=months_of_experience(30)).record("refuse")
    approved = Wizard.start(officer_client).walk("JP", "technician").record("approve")
    # "Last month" as the last 30 days: the decisions were recorded today, and the database
    # refuses to backdate them.
    today = timezone.localdate()
    window = {"recorded_from": (today - timedelta(days=30)).isoformat(), "recorded_to": today.isoformat()}

    found = supervisor_client.get(reverse("supervision:search"), {
        **window, "country": "JP", "category": "technician", "decision": "refuse"}).content.decode()
    assert reverse("supervision:review", args=[refused.pk]) in found
    assert reverse("supervision:review", args=[approved.pk]) not in found

    supervisor_client.post(reverse("supervision:review", args=[refused.pk]), {
        "verdict": "disagree", "criteria": ["experience"], "comment": "The 2019 contract counts too."})

    home = officer_client.get(reverse("home")).content.decode()
    assert "Returned for amendment" in home and "The 2019 contract counts too." in home

    draft = officer_client.post(reverse("decision-correct", args=[refused.pk]))
    amendment_wizard = Wizard(officer_client, resolve(draft.url).kwargs["pk"])
    amendment_wizard.answer("experience", months_of_experience(50))
    amendment = amendment_wizard.record("approve", correction_reason="The 2019 contract adds 20 months.")

    assert amendment.corrects == refused
    assert ReviewItem.objects.get(decision=refused).status == ReviewItem.Status.AMENDED
    assert Decision.objects.filter(pk=refused.pk, decision="refuse").exists()  # the original stays

    pdf = supervisor_client.get(reverse("supervision:record-pdf", args=[amendment.pk])).content
    words = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for expected in ["Original decision", "The 2019 contract counts too.", "The 2019 contract adds 20 months."]:
        assert expected in " ".join(words.split()), expected
