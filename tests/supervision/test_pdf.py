"""supervision/pdf.py: the complete record's PDF is a tagged PDF (issue 6: "PDFs tagged"), in the
language it was asked in: marked content, a structure tree, the document's language and title."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.urls import reverse
from django.utils import translation

from supervision.models import SamplingPolicy
from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db

TITLES = {"en": "Complete record of decision {number}", "fr": "Dossier complet de la décision {number}"}


def catalogue(reader: pypdf.PdfReader) -> dict:
    return reader.trailer["/Root"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_record_pdf_is_tagged_in_the_language_it_was_asked_in(supervisor_client, officer, language):
    SamplingPolicy.objects.create(share=Decimal("0"))
    decision = record(officer, decision="refuse", reference="E0001234")
    with translation.override(language):
        address = reverse("supervision:record-pdf", args=[decision.pk])
    assert address.startswith(f"/{language}/")

    reader = pypdf.PdfReader(io.BytesIO(supervisor_client.get(address).content))

    root = catalogue(reader)
    assert bool(root["/MarkInfo"]["/Marked"])  # a BooleanObject
    structure = root["/StructTreeRoot"].get_object()
    assert structure["/K"]  # the tree has content: the document's tagged elements
    assert root["/Lang"] == language
    assert reader.metadata.title == TITLES[language].format(number="E0001234")  # named as people name it
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]  # readers show the title, not the file name
