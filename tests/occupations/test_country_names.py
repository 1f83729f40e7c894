"""Country names in the page's language, from pycountry's own French catalogue."""

import pytest
from django.utils import translation

from occupations.country_names import countries_by_name, country_name
from tests.eligibility.wizard.journey import Wizard, decision_url, text


def test_names_a_country_in_french_and_in_english():
    assert (country_name("JP", "fr"), country_name("JP", "en")) == ("Japon", "Japan")
    assert (country_name("MX", "fr"), country_name("AU", "fr")) == ("Mexique", "Australie")


def test_follows_the_active_language():
    with translation.override("fr"):
        assert country_name("DE") == "Allemagne"
    with translation.override("en"):
        assert country_name("DE") == "Germany"


def test_keeps_a_code_it_does_not_know():
    assert country_name("ZZ", "fr") == "ZZ"


def test_sorts_french_names_as_a_french_reader_looks_for_them():
    names = [name for _code, name in countries_by_name("fr")]
    # "Égypte" among the E's, not after "Zimbabwe" where a sort on the characters' codes puts it.
    assert names.index("Égypte") < names.index("Érythrée") < names.index("Espagne") < names.index("Zimbabwe")
    assert names.index("Danemark") < names.index("Égypte")


@pytest.mark.django_db
def test_the_wizard_and_the_decision_page_name_countries_in_french(officer_client):
    with translation.override("fr"):
        wizard = Wizard.start(officer_client)
        case_step = wizard.get("case").content.decode()
        assert '<option value="JP">Japon</option>' in case_step
        assert '<option value="JP">Japan</option>' not in case_step
        decision = wizard.walk("JP", "professional").record("approve")
        page = text(officer_client.get(decision_url(decision)))
    assert "Japon (JP)" in page and "Japan" not in page
    # The engine's reasons name the country in French too.
    assert "Les citoyens de ce pays sont visés : Japon (JP)." in page
