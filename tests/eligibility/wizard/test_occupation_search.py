"""The occupation field: a NOC 2021 code or words of a title, validated without JavaScript;
suggestions as the officer types come from a small JSON endpoint, never a 500-option select."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.eligibility.wizard.journey import (
    Wizard,
    input_value,
    page_errors,
    plan,
    summary_links,
    text,
)

pytestmark = pytest.mark.django_db


def at_occupation(client, country="MX", category="technician") -> Wizard:
    return Wizard.start(client).walk(country, category, until="occupation")


def save_occupation(wizard, noc, country="MX", category="technician"):
    return wizard.post("occupation", plan(country, category, occupation={"noc": noc})["occupation"])


def test_a_title_that_names_one_occupation_resolves_to_its_code(officer_client):
    wizard = at_occupation(officer_client)

    response = save_occupation(wizard, "plumbers")

    assert response.status_code == 302
    assert wizard.answers["occupation"]["noc_code"] == "72300"
    assert input_value(wizard.get("occupation"), "noc") == "72300"


def test_a_suggestion_as_typed_resolves_to_its_code(officer_client):
    """A picked suggestion reads "21231 Software engineers and designers"."""
    wizard = at_occupation(officer_client, "MX", "professional")

    save_occupation(wizard, "21231 Software engineers and designers", "MX", "professional")

    assert wizard.answers["occupation"]["noc_code"] == "21231"


def test_an_ambiguous_title_names_the_candidates(officer_client):
    wizard = at_occupation(officer_client, "MX", "professional")

    response = save_occupation(wizard, "software engineer", "MX", "professional")

    assert response.status_code == 200
    assert page_errors(response) == [
        "Occupation (NOC 2021): Several occupations match: 21231 Software engineers and designers; "
        "21311 Computer engineers (except software engineers and designers). Enter the 5-digit code of the one meant."]
    assert summary_links(response) == ["id_noc"]
    assert input_value(response, "noc") == "software engineer"  # what was typed is kept
    assert "occupation" not in wizard.answers


def test_words_matching_no_title_ask_for_a_code(officer_client):
    response = save_occupation(at_occupation(officer_client), "astronaut of the deep sea")

    assert page_errors(response) == [
        "Occupation (NOC 2021): No NOC 2021 occupation matches. Enter a 5-digit code, for example 21231."]


def test_refuses_a_code_that_is_not_a_noc_2021_unit_group_with_a_field_error(officer_client):
    """21999 has five digits and TEER 1's second digit, but NOC 2021 has no such unit group: it is
    never assessed (issue 14, point 3; the contract: "a code that is not a unit group of the
    classification in force on received_on is invalid")."""
    wizard = at_occupation(officer_client, "MX", "professional")

    response = save_occupation(wizard, "21999", "MX", "professional")

    assert response.status_code == 200
    assert page_errors(response) == [
        "Occupation (NOC 2021): 21999 is not a NOC 2021 unit group. Enter the 5-digit code of a unit group, "
        "for example 21231, or words of its title."]
    assert summary_links(response) == ["id_noc"]
    assert input_value(response, "noc") == "21999"  # what was typed is kept
    assert "occupation" not in wizard.answers


def test_checking_a_code_that_is_not_a_unit_group_says_so_and_assesses_nothing(officer_client):
    wizard = at_occupation(officer_client, "MX", "professional")

    checked = wizard.post("occupation", plan("MX", occupation={"noc": "21239"})["occupation"], button="check")

    page = text(checked)
    assert "21239 is not a NOC 2021 unit group: nothing can be assessed on it." in page
    assert "For this country and category" not in page
    assert "occupation" not in wizard.answers


def test_the_occupation_field_is_a_text_field_not_a_select(officer_client):
    page = at_occupation(officer_client).get("occupation").content.decode()

    assert '<select name="noc"' not in page
    assert 'name="noc"' in page and 'list="noc-suggestions"' in page
    assert page.count("<option") < 100


def test_suggestions_list_matching_occupations_as_json(officer_client):
    response = officer_client.get(reverse("noc-suggestions"), {"q": "plumb"})

    assert response.status_code == 200
    assert {"code": "72300", "title": "Plumbers"} in response.json()["results"]


def test_suggestions_by_code_prefix_are_few(officer_client):
    results_ = officer_client.get(reverse("noc-suggestions"), {"q": "2"}).json()["results"]

    assert 0 < len(results_) <= 10
    assert all(r["code"].startswith("2") for r in results_)


def test_suggestions_in_french_give_french_titles(officer_client):
    with translation.override("en"):  # the French request leaves French active: put English back after
        response = officer_client.get("/fr/occupations/suggest/", {"q": "72300"})

    assert response.json()["results"] == [{"code": "72300", "title": "Plombiers/plombières"}]


def test_no_text_gives_no_suggestions(officer_client):
    assert officer_client.get(reverse("noc-suggestions"), {"q": "  "}).json() == {"results": []}


def test_suggestions_need_sign_in(client):
    response = client.get(reverse("noc-suggestions"), {"q": "plumb"})

    assert response.status_code == 302 and "/accounts/login/" in response.url
