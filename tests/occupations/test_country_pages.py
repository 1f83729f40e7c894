"""The rules admins' page per country and category: the country, the category's parameters and its
occupation list in force on a chosen day, together, and the changes pending in change sets."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from occupations import publishing
from occupations.models import CategoryRule, Listing
from tests.rule_changes import publish, rules_admin

pytestmark = pytest.mark.django_db


def page_url(code, category, language="en"):
    with translation.override(language):
        return reverse("admin:occupations_country_rules", args=[code, category])


def plumbers() -> Listing:
    return Listing.objects.get(country_code="AU", category="technician", kind="permitted", unit_group="72300",
                               replaces__isnull=True)


def in_force_part(response) -> str:
    """The page above "Pending changes": what is in force on the chosen day."""
    return response.content.decode().split('id="pending"')[0]


def test_the_australian_technicians_page_lists_plumbers_with_their_title(rules_admin_client):
    response = rules_admin_client.get(page_url("AU", "technician"))

    assert response.status_code == 200
    body = in_force_part(response)
    assert "72300" in body and "Plumbers" in body
    assert "Australia" in body and "Australie" in body  # the country's row, both names
    assert "Minimum months of paid experience" in body and "48" in body  # the category's parameters
    assert reverse("admin:occupations_listing_change", args=[plumbers().pk]) in body
    assert "country_code=AU&amp;category=technician" in body  # the filtered list of every row


def test_the_japanese_professionals_page_shows_the_lawyer_exclusion_and_its_question(rules_admin_client):
    response = rules_admin_client.get(page_url("JP", "professional"))

    assert response.status_code == 200
    [exclusions] = [t for t in response.context["tables"] if t["kind"] == "excluded"]
    [lawyers] = [r for r in exclusions["rows"] if r["code"] == "41101"]
    assert lawyers["unless"] == "The position is that of a foreign legal consultant"
    body = in_force_part(response)
    assert "Exclusions" in body and "Does not apply if" in body
    assert "The position is that of a foreign legal consultant" in body
    assert "Lawyers and Quebec notaries" in body


def test_a_draft_removal_is_pending_and_the_row_is_still_in_force(rules_admin_client):
    author = rules_admin("rules-author")
    change_set = publishing.open_change_set(author, "Plumbers off Australia's list")
    removal = publishing.propose_removal(plumbers(), change_set)

    response = rules_admin_client.get(page_url("AU", "technician"))

    body = response.content.decode()
    in_force, pending = body.split('id="pending"')
    assert "72300" in in_force and f"Removed in change set #{change_set.pk}" in in_force
    assert "Removes" in pending
    assert reverse("admin:occupations_changeset_change", args=[change_set.pk]) in pending
    assert reverse("admin:occupations_listing_change", args=[removal.pk]) in pending


def test_a_published_removal_takes_the_row_off_the_list_from_its_day(rules_admin_client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    publish(tomorrow, remove=[plumbers()])
    url = page_url("AU", "technician")

    assert "72300" in in_force_part(rules_admin_client.get(url))
    later = in_force_part(rules_admin_client.get(url, {"on": tomorrow.isoformat()}))
    assert "72300" not in later and "22211" in later  # the rest of the list stays


def test_a_day_before_the_rules_says_none_were_in_force_and_when_they_began(rules_admin_client):
    response = rules_admin_client.get(page_url("AU", "technician"), {"on": "2018-01-01"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "No rules for AU were in force on" in body
    assert "The first took effect on Dec. 30, 2018" in body
    assert "72300" not in body


def test_a_bad_date_is_a_field_error_not_a_failure(rules_admin_client):
    response = rules_admin_client.get(page_url("AU", "technician"), {"on": "2025-13-45"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter the date as YYYY-MM-DD" in body
    assert 'aria-invalid="true"' in body and 'id="id_on_error"' in body
    assert "72300" not in body  # no rules for a day that was not understood


def test_in_french_the_titles_are_the_french_ones(rules_admin_client):
    response = rules_admin_client.get(page_url("AU", "technician", language="fr"))

    assert response.status_code == 200
    body = in_force_part(response)
    assert "Plombiers/plombières" in body
    assert "Plumbers" not in body


@pytest.mark.parametrize(("code", "category"), [("ZZ", "technician"), ("AU", "astronaut"), ("au", "technician")])
def test_an_unknown_country_or_category_is_not_found(rules_admin_client, code, category):
    assert rules_admin_client.get(page_url(code, category)).status_code == 404


def test_the_index_links_every_country_and_category(rules_admin_client):
    response = rules_admin_client.get(reverse("admin:occupations_country_rules_index"))

    assert response.status_code == 200
    body = response.content.decode()
    for code in ("AU", "JP", "MX"):
        for category in ("professional", "technician"):
            assert page_url(code, category) in body
    assert "44 permitted occupations" in body  # Australia's technicians


def test_the_country_list_has_a_button_to_the_pages(rules_admin_client):
    response = rules_admin_client.get(reverse("admin:occupations_country_changelist"))
    assert reverse("admin:occupations_country_rules_index") in response.content.decode()


def test_officers_and_supervisors_are_sent_to_the_admin_sign_in(officer_client, supervisor_client):
    for client in (officer_client, supervisor_client):
        for url in (page_url("AU", "technician"), reverse("admin:occupations_country_rules_index")):
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response.url


def test_staff_who_may_not_read_the_rules_are_refused(client):
    client.force_login(get_user_model().objects.create_user("staff-only", is_staff=True))
    assert client.get(page_url("AU", "technician")).status_code == 403
    assert client.get(reverse("admin:occupations_country_rules_index")).status_code == 403


def test_a_superuser_may_read_the_page(client):
    client.force_login(get_user_model().objects.create_superuser("root", password="unused-in-tests-1"))
    assert client.get(page_url("AU", "technician")).status_code == 200


def test_the_query_count_does_not_grow_with_the_list(rules_admin_client):
    author = rules_admin("rules-author")
    change_set = publishing.open_change_set(author, "Several changes")
    for row in Listing.in_force_on(timezone.localdate()).filter(country_code="AU", category="technician")[:5]:
        publishing.propose_removal(row, change_set)

    counts = {}
    for code in ("MX", "AU"):  # 19 and 43 entries; Australia with five pending removals
        with CaptureQueriesContext(connection) as queries:
            assert rules_admin_client.get(page_url(code, "technician")).status_code == 200
        counts[code] = len(queries)

    assert counts["MX"] == counts["AU"] <= 15, counts


def test_a_draft_change_to_a_parameter_is_pending_with_its_before_and_after(rules_admin_client):
    rule = CategoryRule.in_force_on(timezone.localdate()).get(country_code="AU", category="technician")
    change_set = publishing.open_change_set(rules_admin("rules-author"), "Longer experience")
    draft = publishing.propose_change(rule, change_set)
    draft.min_experience_months = 60
    draft.save()

    response = rules_admin_client.get(page_url("AU", "technician"))

    in_force, pending = response.content.decode().split('id="pending"')
    assert f"Changed by change set #{change_set.pk}" in in_force
    assert "Minimum months of paid experience: 48 → 60" in pending
