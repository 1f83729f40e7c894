"""NOC unit groups' titles in the page's language (the French title where one is on file)."""

import pytest
from django.utils import translation

from occupations.models import UnitGroup
from tests.eligibility.wizard.journey import Wizard, page_errors, plan, text

pytestmark = pytest.mark.django_db

ENGINEERS_EN = "Software engineers and designers"
ENGINEERS_FR = "Ingénieurs/ingénieures et concepteurs/conceptrices en logiciel"


def test_a_unit_group_reads_in_the_active_language():
    group = UnitGroup.objects.get(code="21231")
    with translation.override("fr"):
        assert str(group) == f"21231 {ENGINEERS_FR}"
    with translation.override("en"):
        assert str(group) == f"21231 {ENGINEERS_EN}"


def test_a_unit_group_without_a_french_title_keeps_its_english_one_in_french():
    group = UnitGroup(code="99999", title_en="Testers", title_fr="", teer=1)
    with translation.override("fr"):
        assert str(group) == "99999 Testers"


def test_checking_the_occupation_shows_its_french_title_on_the_french_step(officer_client):
    with translation.override("fr"):
        wizard = Wizard.start(officer_client).walk("JP", "professional", until="occupation")
        page = text(wizard.post("occupation", plan("JP", "professional")["occupation"], "check"))
    assert ENGINEERS_FR in page and ENGINEERS_EN not in page


def test_several_matching_titles_are_listed_in_french(officer_client):
    with translation.override("fr"):
        wizard = Wizard.start(officer_client).walk("JP", "professional", until="occupation")
        errors = page_errors(wizard.post("occupation", {**plan("JP", "professional")["occupation"], "noc": "logiciel"}))
    [error] = [e for e in errors if "21231" in e]
    assert ENGINEERS_FR in error and ENGINEERS_EN not in error
