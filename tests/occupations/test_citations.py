"""Stored source citations no rule row gives its own citation for, shown with their fixed words in
the page's language and without internal references."""

import pytest
from django.utils import translation

from occupations import wordings
from occupations.citations import cited

JAPAN_TECHNICIANS = "Country-specific occupations › Japan › Technicians (associate's degree, its equivalent or higher)"


@pytest.fixture(autouse=True)
def no_rule_rows(monkeypatch):
    """No database here: no rule row's own words are looked up (tests/eligibility/test_rule_data_languages.py
    covers those), so what is shown is the stored text's."""
    monkeypatch.setattr(wordings, "_held", wordings._Table())
    monkeypatch.setattr(wordings, "_checked_at", float("inf"))


def test_translates_the_sections_countries_and_categories_of_a_citation():
    assert cited(JAPAN_TECHNICIANS, "fr") == (
        "Professions propres à chaque pays › Japon › Techniciens (grade d’associé, son équivalent ou un diplôme supérieur)")


def test_names_the_country_after_a_colon_in_french_longest_phrase_first():
    assert cited("Spousal provisions – T53 (citizen or permanent resident of Australia)", "fr") == (
        "Dispositions relatives aux conjoints – T53 (citoyen ou résident permanent de ce pays\u00a0: Australie)")


def test_leaves_out_internal_references_of_a_text_no_row_cites():
    brief = ("Spousal provisions – T53 (citizen of Japan); permanent residents as principals: domain brief, "
             "open point 3")
    assert cited(brief, "en") == "Spousal provisions – T53 (citizen of Japan)"
    wage = "ESDC Job Bank Wages 2025 open data (revision 2025-11-19); Source2025_NHQ=LFS 2023-24 PR NOC5 (2023-2024)"
    assert cited(wage, "en") == "ESDC Job Bank Wages 2025 open data (revision 2025-11-19) (2023-2024)"
    assert cited("Third-party source (domain brief S30c, APEGA): engineering", "en") == "Third-party source (APEGA): engineering"


def test_leaves_what_it_does_not_know_as_stored():
    assert cited("Notice 2026-12, Source2025_NHQ=LFS 2023-24", "fr") == "Notice 2026-12, Source2025_NHQ=LFS 2023-24"


def test_leaves_english_unchanged_and_follows_the_active_language():
    assert cited(JAPAN_TECHNICIANS, "en") == JAPAN_TECHNICIANS
    with translation.override("fr"):
        assert cited("Country-specific occupations › Mexico › Professionals") == (
            "Professions propres à chaque pays › Mexique › Professionnels")


def test_matches_whole_words_only():
    assert cited("Japanese law", "fr") == "Japanese law"


@pytest.mark.django_db
def test_the_rules_admins_country_page_shows_citations_in_french(rules_admin_client):
    page = rules_admin_client.get("/fr/admin/occupations/country/rules/AU/technician/").content.decode()
    assert "Professions propres à chaque pays › Australie › Techniciens" in page
    assert "Country-specific occupations" not in page
