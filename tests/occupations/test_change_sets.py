"""Change sets: rules are changed in a draft, submitted by its author, approved by a second rules
admin with the day it takes effect; published rows are final; a draft row has one editor at a time."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from occupations import publishing
from occupations.models import ChangeSet, Country, Listing, RulesStamp
from tests.rule_changes import rules_admin

pytestmark = pytest.mark.django_db


def plumbers() -> Listing:
    return Listing.objects.get(country_code="AU", category="technician", kind="permitted", unit_group="72300",
                               replaces__isnull=True)


def today():
    return timezone.localdate()


@pytest.fixture
def author():
    return rules_admin("rules-author")


@pytest.fixture
def approver():
    return rules_admin("rules-approver")


@pytest.fixture
def submitted(author):
    change_set = publishing.open_change_set(author, "Plumbers off Australia's list")
    publishing.propose_removal(plumbers(), change_set)
    publishing.submit(change_set, author)
    return change_set


def test_the_author_cannot_approve_their_own_change_set(submitted, author):
    with pytest.raises(publishing.PublishingError, match="second rules admin"):
        publishing.approve(submitted, author, today() + timedelta(days=1))
    submitted.refresh_from_db()
    assert submitted.status == ChangeSet.Status.SUBMITTED
    assert not Listing.objects.filter(change_set=submitted, published=True).exists()


def test_a_change_cannot_take_effect_in_the_past(submitted, approver):
    with pytest.raises(publishing.PublishingError, match="cannot be in the past"):
        publishing.approve(submitted, approver, today() - timedelta(days=1))


def test_a_draft_cannot_be_approved_before_it_is_submitted(author, approver):
    change_set = publishing.open_change_set(author, "Not yet")
    publishing.propose_removal(plumbers(), change_set)
    with pytest.raises(publishing.PublishingError, match="submitted"):
        publishing.approve(change_set, approver, today())


def test_approval_publishes_every_row_from_the_day_it_takes_effect(submitted, approver):
    stamp = RulesStamp.current()
    tomorrow = today() + timedelta(days=1)

    publishing.approve(submitted, approver, tomorrow)

    submitted.refresh_from_db()
    assert (submitted.status, submitted.approved_by, submitted.effective_from) == ("published", approver, tomorrow)
    [removal] = Listing.objects.filter(change_set=submitted)
    assert removal.published and removal.removes and removal.valid_from == tomorrow
    assert plumbers().pk in Listing.in_force_on(today()).values_list("pk", flat=True)
    assert plumbers().pk not in Listing.in_force_on(tomorrow).values_list("pk", flat=True)
    assert RulesStamp.current() != stamp  # every process rebuilds its rules


def test_a_row_can_be_changed_by_one_change_set_only(submitted, author, approver):
    publishing.approve(submitted, approver, today())
    later = publishing.open_change_set(author, "Again")
    with pytest.raises(publishing.PublishingError, match="already changed or removed"):
        publishing.propose_change(plumbers(), later)


def test_an_empty_change_set_cannot_be_submitted(author):
    change_set = publishing.open_change_set(author, "Nothing")
    with pytest.raises(publishing.PublishingError, match="no changes"):
        publishing.submit(change_set, author)


def test_a_withdrawn_change_set_never_takes_effect(submitted, author, approver):
    publishing.withdraw(submitted, author)
    with pytest.raises(publishing.PublishingError):
        publishing.approve(submitted, approver, today())
    assert plumbers().pk in Listing.in_force_on(today() + timedelta(days=400)).values_list("pk", flat=True)


@pytest.mark.parametrize("model", ["country", "categoryrule", "listing", "regulation", "wagerate"])
def test_the_database_refuses_to_change_or_delete_a_published_row(model):
    from django.apps import apps

    row = apps.get_model("occupations", model).objects.filter(published=True).first()
    row.source = "edited in place"
    with pytest.raises(DatabaseError), transaction.atomic():
        row.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        type(row).objects.filter(pk=row.pk).delete()


def test_the_admin_shows_a_published_row_read_only_and_refuses_a_post(rules_admin_client):
    row = plumbers()
    url = reverse("admin:occupations_listing_change", args=[row.pk])
    page = rules_admin_client.get(url)
    assert page.status_code == 200 and 'name="wording"' not in page.content.decode()
    assert rules_admin_client.post(url, {"wording": "edited"}).status_code == 403
    assert plumbers().wording == row.wording


def _listing_post(row, **changes):
    data = {"country_code": row.country_code, "category": row.category, "kind": row.kind,
            "unit_group": row.unit_group_id or "", "only_if": row.only_if, "unless": row.unless,
            "judgement": row.judgement, "wording": row.wording, "wording_fr": row.wording_fr,
            "valid_from": row.valid_from.isoformat(),
            "valid_to": row.valid_to.isoformat() if row.valid_to else "", "source": row.source,
            "citation_en": row.citation_en, "citation_fr": row.citation_fr,
            "change_set": row.change_set_id, "review_note": row.review_note, "seen_revision": row.revision,
            "_save": "Save"}
    if row.officer_confirms:
        data["officer_confirms"] = "on"
    if row.needs_review:
        data["needs_review"] = "on"
    return {**data, **changes}


def test_of_two_admins_saving_the_same_draft_row_the_second_is_refused_and_keeps_its_input(author, client):
    change_set = publishing.open_change_set(author, "Wording")
    draft = publishing.propose_change(plumbers(), change_set)
    first, second = rules_admin("first-editor"), rules_admin("second-editor")
    url = reverse("admin:occupations_listing_change", args=[draft.pk])
    both_saw = _listing_post(draft)  # both opened the form at the same revision

    client.force_login(first)
    assert client.post(url, {**both_saw, "wording": "Plumbers (first)"}).status_code == 302
    client.force_login(second)
    refused = client.post(url, {**both_saw, "wording": "Plumbers (second)"})

    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Another rules admin saved this row while you were editing it" in body
    assert "Plumbers (second)" in body  # nothing typed is lost
    assert Listing.objects.get(pk=draft.pk).wording == "Plumbers (first)"


def test_a_second_row_for_a_rule_in_force_is_refused_naming_the_row(author, rules_admin_client):
    change_set = publishing.open_change_set(author, "Duplicate")
    row = plumbers()
    data = _listing_post(row, change_set=change_set.pk, seen_revision=0,
                         valid_from=(today() + timedelta(days=1)).isoformat())

    response = rules_admin_client.post(reverse("admin:occupations_listing_add"), data)

    assert response.status_code == 200
    assert "would be in force on the same days as another row for the same rule" in response.content.decode()
    assert not Listing.objects.filter(change_set=change_set).exists()


def test_history_says_who_changed_which_field_from_what_to_what(author, client):
    change_set = publishing.open_change_set(author, "Wording")
    draft = publishing.propose_change(plumbers(), change_set)
    editor = rules_admin("editor")
    client.force_login(editor)
    url = reverse("admin:occupations_listing_change", args=[draft.pk])
    assert client.post(url, _listing_post(draft, wording="Plumbers and pipefitters")).status_code == 302

    latest, previous = Listing.objects.get(pk=draft.pk).history.all()[:2]
    delta = latest.diff_against(previous)
    [change] = [c for c in delta.changes if c.field == "wording"]
    assert (latest.history_user, change.old, change.new) == (editor, draft.wording, "Plumbers and pipefitters")
    page = client.get(reverse("admin:occupations_listing_history", args=[draft.pk]))
    assert page.status_code == 200 and "Plumbers and pipefitters" in page.content.decode()


def test_the_change_sets_history_names_each_step_and_who_took_it(submitted, author, approver):
    publishing.approve(submitted, approver, today() + timedelta(days=1))
    steps = [(h.status, h.history_user) for h in submitted.history.order_by("history_date")]
    assert steps == [("draft", author), ("submitted", author), ("published", approver)]


def test_countries_need_both_names(author, rules_admin_client):
    change_set = publishing.open_change_set(author, "Chile")
    response = rules_admin_client.post(reverse("admin:occupations_country_add"), {
        "code": "CL", "name_en": "Chile", "name_fr": "", "valid_from": today().isoformat(), "source": "PDI",
        "change_set": change_set.pk, "seen_revision": 0, "spouse_owp_citizens": "on"})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not Country.objects.filter(code="CL").exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("country_code", "au", "A country code is 2 capital letters"),
    ("unit_group", "9999", "Select a valid choice"),
    ("only_if", "knows_the_minister", "Select a valid choice"),
    ("valid_from", "2026-02-30", "Enter a valid date"),
])
def test_a_bad_value_in_a_draft_row_is_refused_naming_the_field(author, rules_admin_client, field, value, message):
    change_set = publishing.open_change_set(author, "Bad input")
    draft = publishing.propose_change(plumbers(), change_set)
    url = reverse("admin:occupations_listing_change", args=[draft.pk])

    response = rules_admin_client.post(url, _listing_post(draft, **{field: value}))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert message in " ".join(form.errors.get(field, []))
    assert Listing.objects.get(pk=draft.pk).revision == draft.revision  # nothing saved


def test_a_noc_unit_group_needs_its_french_title(rules_admin_client):
    from occupations.models import UnitGroup

    group = UnitGroup.objects.get(code="21231")
    response = rules_admin_client.post(reverse("admin:occupations_unitgroup_change", args=[group.pk]), {
        "code": "21231", "title_en": group.title_en, "title_fr": "", "valid_from": group.valid_from.isoformat(),
        "source": group.source, "noc2016_links-TOTAL_FORMS": 0, "noc2016_links-INITIAL_FORMS": 0, "_save": "Save"})

    assert response.status_code == 200
    assert "Enter the French title" in " ".join(response.context["adminform"].form.errors.get("title_fr", []))
    assert UnitGroup.objects.get(pk=group.pk).title_fr == group.title_fr
