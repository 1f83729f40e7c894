"""The complete record's PDF in the page's language: French headings, reasons and names on /fr/."""

import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db


def pdf_words(client, decision, language) -> str:
    with translation.override(language):
        response = client.get(reverse("supervision:record-pdf", args=[decision.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(response.content)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def test_the_record_pdf_is_in_french_on_french_pages(officer, supervisor_client):
    decision = record(officer, decision="approve")
    words = pdf_words(supervisor_client, decision, "fr")
    for french in ["La décision", "Résultat indicatif", "Pays et catégorie", "Mexique (MX)", "CNP"]:
        assert french in words, french
    for english in ["The decision", "Indicative outcome", "Country and category", "Mexico (MX)"]:
        assert english not in words, english


def test_the_record_pdf_is_in_english_on_english_pages(officer, supervisor_client):
    decision = record(officer, decision="approve")
    words = pdf_words(supervisor_client, decision, "en")
    assert "The decision" in words and "Indicative outcome" in words and "Mexico (MX)" in words
    assert "Résultat indicatif" not in words
