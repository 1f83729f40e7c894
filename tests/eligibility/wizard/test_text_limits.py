"""Text fields show their limit and say when it is exceeded (issue 15, point 8), instead of the
browser cutting the text at the limit without a word: no maxlength attribute, the limit in the
text box's hint, and text over it refused with a message, all of it kept on the page."""

import re

import pytest
from django.utils import translation

from tests.eligibility.wizard.journey import Wizard, page_errors, plan, summary_links, textarea

pytestmark = pytest.mark.django_db


def test_no_wizard_text_field_is_cut_by_the_browser(officer_client):
    wizard = Wizard.start(officer_client).walk("JP")
    for step in ("case", "occupation", "credentials", "experience", "language", "remuneration", "documents",
                 "decision"):
        page = wizard.get(step).content.decode()
        assert "maxlength" not in page, step


def test_a_text_box_says_its_limit(officer_client):
    wizard = Wizard.start(officer_client).walk("JP", until="language")

    page = wizard.get("language").content.decode()

    assert "For example: interview, test results, studies in English. Up to 2,000 characters." in page
    assert re.search(r'<textarea[^>]*data-limit="2000"', page)


def test_text_over_the_limit_is_refused_naming_the_field_and_kept_whole(officer_client):
    wizard = Wizard.start(officer_client).walk("JP", until="language")
    evidence = "Interview in English, then a test. " * 62 + "And more."  # 2,179 characters

    response = wizard.post("language", {**plan("JP")["language"], "evidence": evidence})

    assert response.status_code == 200
    assert page_errors(response) == [
        "Evidence relied on: Shorten this to 2,000 characters or fewer: it has 2,179."]
    assert summary_links(response) == ["id_evidence"]
    assert textarea(response, "id_evidence").strip() == evidence  # nothing cut
    assert "language" not in wizard.answers


def test_a_single_line_field_over_its_limit_is_refused_too(officer_client):
    wizard = Wizard.start(officer_client)

    response = wizard.post("case", {**plan("JP")["case"], "applicant_name": "x" * 201})

    assert "Applicant's name: Shorten this to 200 characters or fewer: it has 201." in page_errors(response)


def test_the_decision_notes_say_their_limit_in_french(officer_client):
    wizard = Wizard.start(officer_client).walk("JP")

    with translation.override("fr"):
        page = wizard.get("decision").content.decode()

    assert re.search(r"Jusqu’à 8\s000 caractères\.", page.replace("\u00a0", " ").replace("\u202f", " "))
