"""The draft notes and letter in either official language, whatever the page's language."""

import pytest
from django.utils import translation

from tests.eligibility.wizard.journey import Wizard, decision_url, months_of_experience, text, textarea

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused(officer_client):
    """A Japanese technician with too little experience, refused."""
    return Wizard.start(officer_client).walk("JP", "technician", experience=months_of_experience(30)).record("refuse")


def drafts(client, decision, page_language, draft=None):
    with translation.override(page_language):
        page = client.get(decision_url(decision), {"draft": draft} if draft else {})
    assert page.status_code == 200
    return page, textarea(page, "draft-notes"), textarea(page, "draft-letter")


def test_drafts_follow_the_page_language_unless_asked(officer_client, refused):
    _page, notes, letter = drafts(officer_client, refused, "fr")
    assert notes.startswith("ÉVALUATION T52") and "Japon (JP)" in notes
    assert letter.startswith("Bonjour Hanako Sato,") and "mois d’expérience rémunérée" in letter
    assert "Indicative outcome" not in notes and "Dear" not in letter


def test_an_english_letter_from_a_french_page(officer_client, refused):
    page, notes, letter = drafts(officer_client, refused, "fr", draft="en")
    assert notes.startswith("T52 ASSESSMENT") and "Indicative outcome: Not eligible" in notes
    assert "Country: Japan (JP)" in notes and "NOC 22300" in notes
    assert letter.startswith("Dear Hanako Sato,") and "30 months of paid experience" in letter
    assert "Japon" not in notes and "Résultat indicatif" not in notes
    # The rest of the page stays in French, and the drafts say which language they are in.
    assert "Le raisonnement" in text(page) and 'lang="en"' in page.content.decode()


def test_a_french_letter_from_an_english_page(officer_client, refused):
    page, notes, letter = drafts(officer_client, refused, "en", draft="fr")
    assert notes.startswith("ÉVALUATION T52") and "Japon (JP)" in notes and "CNP 22300" in notes
    assert letter.startswith("Bonjour Hanako Sato,") and "30 mois d’expérience rémunérée" in letter
    assert "Dear" not in letter and "Indicative outcome" not in notes
    assert "The working" in text(page) and 'lang="fr"' in page.content.decode()


def test_the_page_offers_the_other_language(officer_client, refused):
    page, *_ = drafts(officer_client, refused, "fr")
    assert 'href="?draft=en#drafts"' in page.content.decode() and "Rédiger en anglais" in text(page)
    page, *_ = drafts(officer_client, refused, "en")
    assert 'href="?draft=fr#drafts"' in page.content.decode() and "Draft in French" in text(page)


def test_an_unknown_draft_language_falls_back_to_the_pages(officer_client, refused):
    _page, notes, _letter = drafts(officer_client, refused, "en", draft="de")
    assert notes.startswith("T52 ASSESSMENT")
