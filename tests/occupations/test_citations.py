"""Rule rows' stored source citations, shown with their fixed words in the page's language."""

import pytest
from django.utils import translation

from occupations.citations import cited

JAPAN_TECHNICIANS = "Country-specific occupations › Japan › Technicians (associate's degree, its equivalent or higher)"


def test_translates_the_sections_countries_and_categories_of_a_citation():
    assert cited(JAPAN_TECHNICIANS, "fr") == (
        "Professions propres à chaque pays › Japon › Techniciens (grade d’associé, son équivalent ou un diplôme supérieur)")


def test_names_the_country_after_a_colon_in_french_longest_phrase_first():
    assert cited("Spousal provisions – T53 (citizen or permanent resident of Australia); permanent residents as "
                 "principals: domain brief, open point 3", "fr") == (
        "Dispositions relatives aux conjoints – T53 (citoyen ou résident permanent de ce pays\u00a0: Australie); "
        "résidents permanents à titre de demandeurs principaux: exposé du domaine, point en suspens 3")


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
