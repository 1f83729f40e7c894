"""`migrate` on an empty database yields the seed's rules for Australia, Japan and Mexico exactly."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from eligibility.snapshot import ruleset_on
from occupations.models import CategoryRule, Country, Listing, Noc2016Link, Regulation, UnitGroup, WageRate

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def listed(country, category, kind):
    return set(
        Listing.in_force_on(TODAY).filter(country_code=country, category=category, kind=kind)
        .values_list("unit_group_id", flat=True)
    )


def test_only_australia_japan_and_mexico_are_parties():
    assert [(c.code, c.name_en, c.name_fr) for c in Country.in_force_on(TODAY)] == [
        ("AU", "Australia", "Australie"), ("JP", "Japan", "Japon"), ("MX", "Mexico", "Mexique")]
    assert {c.code: (c.permanent_residents_eligible, c.spouse_owp_citizens, c.spouse_owp_permanent_residents)
            for c in Country.objects.all()} == {
        "AU": (True, True, True), "JP": (False, True, False), "MX": (False, True, False)}


def test_category_rules_hold_the_seeds_thresholds():
    rules = {(r.country_code, r.category): r for r in CategoryRule.in_force_on(TODAY)}
    assert set(rules) == {(c, k) for c in ("", "AU", "JP", "MX") for k in ("professional", "technician")}
    for (_country, category), rule in rules.items():
        professional = category == "professional"
        assert rule.min_study_years == (4 if professional else 2)
        assert rule.min_experience_months == (24 if professional else 48)
        assert rule.length_of_stay_months == 12
        assert rule.eligible_teers == ([0, 1] if professional else [])
    au = rules[("AU", "professional")]
    assert (au.equivalence_country, au.equivalence_credentials, au.equivalence_min_years,
            au.equivalence_requires_employer_letter) == ("AU", ["bachelor"], Decimal("3.0"), True)
    assert rules[("JP", "technician")].accepted_credentials == ["associate", "bachelor", "master", "doctorate"]


def test_technician_lists_differ_as_the_seed_says():
    au, jp, mx = (listed(c, "technician", "permitted") for c in ("AU", "JP", "MX"))
    assert "72300" in au and "72300" not in jp | mx  # plumbers: Australia only
    assert {"72200"} <= au & mx and "72200" not in jp  # electricians: not Japan
    assert "22211" in au & jp and "22211" not in mx  # industrial designers
    assert "22213" not in mx  # land survey technologists
    assert mx == {"22300", "22220", "22221", "22222", "22233", "22303", "22310", "72200", "72201", "72202", "22230",
                  "22231", "52120", "22302", "22312", "52121", "22301", "72011", "72021", "72014"}
    assert (len(au), len(jp)) == (44, 40)
    operator = Listing.objects.get(country_code="JP", category="technician", unit_group="83101")
    assert operator.unless == "operator"


def test_professional_exclusions_carry_their_position_questions():
    lawyers = {r.country_code: (r.only_if, r.unless) for r in Listing.objects.filter(unit_group="41101")}
    assert lawyers == {"AU": ("notary", ""), "JP": ("", "foreign_legal_consultant"),
                       "MX": ("", "foreign_legal_consultant")}
    researchers = Listing.objects.get(unit_group__isnull=True)
    assert (researchers.country_code, researchers.only_if, researchers.unless) == ("JP", "researcher", "academic_entity")
    for code in ("31301", "41100", "70021", "10030", "50012", "41220"):
        assert {r.country_code for r in Listing.objects.filter(unit_group=code)} == {"AU", "JP", "MX"}, code


def test_uncertain_mappings_are_flagged_for_admin_review():
    flagged = set(Listing.objects.filter(needs_review=True).values_list("unit_group_id", flat=True))
    assert {"12102", "62100", "62101", "72201", "51120"} <= flagged
    assert "72300" not in flagged
    assert all(r.review_note for r in Listing.objects.filter(needs_review=True))


def test_every_rule_row_cites_its_source_and_is_in_force_from_the_seed_date():
    for model in (Country, CategoryRule, Listing, Regulation):
        assert not model.objects.filter(source="").exists()
        assert set(model.objects.values_list("valid_from", flat=True)) == {date(2018, 12, 30)}
        assert not model.objects.filter(valid_to__isnull=False).exists()


def test_all_516_noc_2021_unit_groups_with_teer_from_the_code_and_their_2016_origins():
    assert UnitGroup.objects.count() == 516
    with open(SHARED / "noc2021_unit_groups.csv", newline="", encoding="utf-8") as f:
        expected = {r["code"]: (r["title_en"], r["title_fr"], int(r["teer"])) for r in csv.DictReader(f)}
    assert {g.code: (g.title_en, g.title_fr, g.teer) for g in UnitGroup.objects.all()} == expected
    assert Noc2016Link.objects.count() == 585
    assert set(UnitGroup.objects.get(code="21231").noc2016_links.values_list("noc2016_code", flat=True)) == {"2173"}


def test_wage_table_keeps_unpublished_wages_blank_never_zero():
    assert WageRate.objects.count() == 3956
    assert WageRate.objects.filter(median__isnull=True).count() > 1000
    assert not WageRate.objects.filter(median=0).exists()
    toronto = WageRate.objects.get(unit_group="21231", region_code="ER35")
    assert toronto.province_level and toronto.province == "ON" and toronto.median > 0


def test_regulation_table_holds_only_cited_entries():
    assert Regulation.objects.count() == 159
    assert Regulation.objects.get(unit_group="72300", province="ON").regulated is True
    assert Regulation.objects.get(unit_group="22300", province="ON").regulated is False
    assert all("source" in r.source.lower() for r in Regulation.objects.all())


def test_snapshot_of_the_seed_has_a_stable_version():
    first, second = ruleset_on(TODAY), ruleset_on(date(2026, 12, 31))
    assert first.version == second.version
    assert {c.code for c in first.countries} == {"AU", "JP", "MX"}
    assert len(first.wages) == 46 * 86  # Canada, the 13 provinces and territories, and 72 economic regions
