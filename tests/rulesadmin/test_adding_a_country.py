"""Adding a country entirely in the admin (issue 5, §7): Chile, with a professional exclusion and
a technician list, drafted in a change set by one rules admin and approved by another. After it
takes effect a Chilean case is assessed by the new rules, while a decision recorded before replays
unchanged under its own version."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from eligibility import rulebook
from eligibility.casefile import parse_case
from eligibility.snapshot import ruleset_on
from occupations.models import CategoryRule, ChangeSet, Country, Listing
from supervision.replay import replay
from tests.case_examples import case
from tests.rule_changes import rules_admin
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db
SOURCE = "IRCC, CPTPP professionals and technicians: Chile (test)"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add(client, model: str, change_set: ChangeSet, **fields):
    data = {"change_set": change_set.pk, "seen_revision": 0, "valid_from": timezone.localdate().isoformat(),
            "source": SOURCE, "citation_en": "CPTPP professionals and technicians: Chile",
            "citation_fr": "Professionnels et techniciens du PTPGP : Chili", "_save": "Save", **fields}
    response = client.post(reverse(f"admin:occupations_{model}_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def chilean(noc_code: str, category: str, received_on, **changes):
    education = {"credential": "bachelor", "years": 4, "country": "CL"} if category == "professional" else \
        {"credential": "diploma", "years": 2, "country": "CL"}
    fields = {"country": "CL", "category": category, "noc_code": noc_code, "province": "ON", "regulated": False,
              "education": education, "experience_months": 48, "received_on": received_on.isoformat()}
    data = case(**{**fields, **changes})
    return parse_case(data, received_on)


def outcome(facts, day) -> tuple[str, dict]:
    result = rulebook.assess(facts, ruleset_on(day))
    return result.outcome.value, {c.criterion.value: c.result.value for c in result.criteria}


def test_chile_is_added_in_the_admin_and_applies_from_its_day_while_earlier_decisions_replay(officer):
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    before = record(officer, decision="refuse", country="CL", noc_code="21231", province="ON", regulated=False,
                    education={"credential": "bachelor", "years": 4, "country": "CL"}, reference="CL-BEFORE")
    assert before.outcome == "not_eligible"  # Chile is not a party in the seed's rules
    author, approver = rules_admin("carla-rules"), rules_admin("diego-rules")
    carla, diego = signed_in(author), signed_in(approver)

    assert carla.post(reverse("admin:occupations_changeset_add"), {"title": "Chile joins"}).status_code == 302
    change_set = ChangeSet.objects.get(title="Chile joins")
    add(carla, "country", change_set, code="CL", name_en="Chile", name_fr="Chili", spouse_owp_citizens="on")
    add(carla, "categoryrule", change_set, country_code="CL", category="professional", min_study_years="4",
        accepted_credentials=json.dumps(["bachelor", "master", "doctorate"]), judgement_credentials="[]",
        min_experience_months=24, length_of_stay_months=12, eligible_teers=json.dumps([0, 1]),
        equivalence_credentials="[]")
    add(carla, "categoryrule", change_set, country_code="CL", category="technician", min_study_years="2",
        accepted_credentials=json.dumps(["certificate", "diploma", "associate", "bachelor"]),
        judgement_credentials="[]", min_experience_months=48, length_of_stay_months=12, eligible_teers="[]",
        equivalence_credentials="[]")
    add(carla, "listing", change_set, country_code="CL", category="professional", kind="excluded",
        unit_group="31301", wording="Registered nurses", wording_fr="Infirmiers autorisés")
    add(carla, "listing", change_set, country_code="CL", category="technician", kind="permitted",
        unit_group="72200", wording="Electricians", wording_fr="Électriciens")
    assert Country.objects.filter(change_set=change_set).count() == 1
    assert CategoryRule.objects.filter(change_set=change_set).count() == 2
    assert Listing.objects.filter(change_set=change_set).count() == 2

    carla.post(reverse("admin:occupations_changeset_submit", args=[change_set.pk]))
    response = diego.post(reverse("admin:occupations_changeset_approve", args=[change_set.pk]),
                          {"effective_from": tomorrow.isoformat()})
    assert response.status_code == 302
    change_set.refresh_from_db()
    assert change_set.status == "published"

    engineer = chilean("21231", "professional", tomorrow)
    assert outcome(engineer, tomorrow)[0] == "eligible"
    assert outcome(chilean("21231", "professional", today), today)[0] == "not_eligible"  # not yet
    nurse, criteria = outcome(chilean("31301", "professional", tomorrow), tomorrow)
    assert (nurse, criteria["occupation"]) == ("not_eligible", "not_met")
    assert outcome(chilean("72200", "technician", tomorrow, licensed=True, regulated=None), tomorrow)[0] == "eligible"
    plumber, criteria = outcome(chilean("72300", "technician", tomorrow), tomorrow)
    assert (plumber, criteria["occupation"]) == ("not_eligible", "not_met")  # not on Chile's list

    replayed = replay(before)
    assert replayed.confirmed and replayed.own.rules_version == before.rules_version
