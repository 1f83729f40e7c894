"""The engine's reasons worded for people: amounts, countries and sources in the page's language."""

import pytest
from django.utils import translation

from eligibility.reasons import reason_text, source_text
from eligibility.rulebook.codes import Result, Section
from eligibility.rulebook.outcome import Finding, Reason
from occupations import wordings

NBSP = "\u00a0"
MEDIAN = Reason("remuneration_01_prevailing_wage", "remuneration.at_or_above_median",
                (("offered", "120,000.00"), ("median", "85,000.50"), ("low", ""), ("origin", "province"),
                 ("area", "QC"), ("period", "2023-2024"), ("officer_source", "")))
NON_MONETARY = Reason("remuneration_02_non_monetary_excluded", "remuneration.non_monetary_not_counted",
                      (("elements", "housing 12,000.00, travel 1,500.00, Car allowance 300.00"),))


@pytest.fixture(autouse=True)
def no_rule_rows(monkeypatch):
    """No database here: no rule row's own words are looked up (tests/eligibility/test_rule_data_languages.py
    covers those), so what is shown is the stored text's."""
    monkeypatch.setattr(wordings, "_held", wordings._Table())
    monkeypatch.setattr(wordings, "_checked_at", float("inf"))


def worded(reason, language):
    with translation.override(language):
        return reason_text(reason)


def test_words_amounts_the_english_way_on_english_pages():
    assert worded(MEDIAN, "en") == ("Offered $120,000.00 a year; the prevailing (median) wage is $85,000.50 a year "
                                    "(Job Bank wages, Quebec, reference period 2023-2024).")


def test_words_amounts_the_french_way_on_french_pages():
    assert worded(MEDIAN, "fr") == (f"Salaire offert{NBSP}: 120{NBSP}000,00{NBSP}$ par année; le salaire en vigueur "
                                    f"(médian) est de 85{NBSP}000,50{NBSP}$ par année (Salaires du Guichet-Emplois, "
                                    f"Québec, période de référence 2023-2024).")


def test_words_the_non_monetary_elements_and_their_amounts_in_the_pages_language():
    assert worded(NON_MONETARY, "en") == (
        "Not counted as remuneration: housing $12,000.00, travel $1,500.00, Car allowance $300.00 a year.")
    assert worded(NON_MONETARY, "fr") == (
        f"Non comptés dans la rémunération{NBSP}: logement 12{NBSP}000,00{NBSP}$, déplacements 1{NBSP}500,00{NBSP}$, "
        f"Car allowance 300,00{NBSP}$ par année.")


def test_one_page_in_french_after_another_in_english_gets_its_own_words():
    assert "$120,000.00" in worded(MEDIAN, "en")
    assert f"120{NBSP}000,00{NBSP}$" in worded(MEDIAN, "fr")
    assert "$120,000.00" in worded(MEDIAN, "en")


def test_names_the_source_in_the_pages_language():
    finding = Finding(Result.MET, Reason("occupation_01_permitted_list", "occupation.on_list", ()),
                      Section.COUNTRY_SPECIFIC, "Country-specific occupations › Japan › Technicians")
    with translation.override("fr"):
        assert source_text(finding) == "Professions propres à chaque pays › Japon › Techniciens"
    with translation.override("en"):
        assert source_text(finding) == "Country-specific occupations › Japan › Technicians"


def test_puts_the_section_before_a_source_that_does_not_start_with_it():
    finding = Finding(Result.MET, MEDIAN, Section.GENERAL_CRITERIA,
                      "ESDC Job Bank Wages 2025 open data (revision 2025-11-19)")
    with translation.override("fr"):
        assert source_text(finding) == ("Critères généraux pour les professionnels et les techniciens; "
                                        "Salaires du Guichet-Emplois d’EDSC 2025 données ouvertes (révision 2025-11-19)")
