"""Load the seed's rules: `migrate` on an empty database gives exactly these.

Data files (occupations/data/, see its README for sources):
- noc2021_unit_groups.csv, noc2016_to_noc2021.csv: Statistics Canada, NOC 2021 V1.0 and the
  NOC 2016 V1.3 → 2021 V1.0 concordance;
- seed_rules.json: countries and per country × category parameters (Australia, Japan, Mexico);
- seed_occupation_lists.csv: professional exclusions and technician lists in NOC 2021 codes;
- seed_regulation.csv: the regulation entries a source could be cited for;
- jobbank_wages.csv: ESDC Job Bank wages, 2025 release.
"""

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
NOC_VALID_FROM = date(2022, 11, 16)  # IRCC moved to NOC 2021 on 16 November 2022
WAGES_VALID_FROM = date(2025, 11, 19)  # revision date of Job Bank's 2025 wages release
NOC_SOURCE = "Statistics Canada, NOC 2021 Version 1.0"
COUNTRY_SECTION = {"professional": "Professionals", "technician": "Technicians"}


def _csv(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _decimal(text):
    return Decimal(text) if text not in ("", None) else None


def load(apps, schema_editor):
    UnitGroup = apps.get_model("occupations", "UnitGroup")
    Noc2016Link = apps.get_model("occupations", "Noc2016Link")
    Country = apps.get_model("occupations", "Country")
    CategoryRule = apps.get_model("occupations", "CategoryRule")
    Listing = apps.get_model("occupations", "Listing")
    Regulation = apps.get_model("occupations", "Regulation")
    WageRate = apps.get_model("occupations", "WageRate")

    UnitGroup.objects.bulk_create(
        UnitGroup(code=r["code"], title_en=r["title_en"], title_fr=r["title_fr"],
                  valid_from=NOC_VALID_FROM, source=NOC_SOURCE)
        for r in _csv("noc2021_unit_groups.csv")
    )
    Noc2016Link.objects.bulk_create(
        Noc2016Link(noc2016_code=r["noc2016_code"], noc2016_title=r["noc2016_title"],
                    change_type=r["change_type"], unit_group_id=r["noc2021_code"], notes=r["notes"])
        for r in _csv("noc2016_to_noc2021.csv")
    )

    seed = json.loads((DATA / "seed_rules.json").read_text(encoding="utf-8"))
    valid_from = date.fromisoformat(seed["valid_from"])
    names = {}
    for c in seed["countries"]:
        Country.objects.create(valid_from=valid_from, **c)
        names[c["code"]] = c["name_en"]
    for r in seed["category_rules"]:
        fields = dict(r)
        fields["min_study_years"] = Decimal(fields["min_study_years"])
        if "equivalence_min_years" in fields:
            fields["equivalence_min_years"] = Decimal(fields["equivalence_min_years"])
        CategoryRule.objects.create(valid_from=valid_from, **fields)

    Listing.objects.bulk_create(
        Listing(
            country_code=r["country"], category=r["category"], kind=r["kind"],
            unit_group_id=r["noc_code"] or None, only_if=r["only_if"], unless=r["unless"],
            wording=r["wording"], officer_confirms=r["officer_confirms"] == "yes",
            needs_review=r["needs_review"] == "yes", review_note=r["review_note"],
            valid_from=valid_from,
            source=f"Country-specific occupations › {names[r['country']]} › {COUNTRY_SECTION[r['category']]}",
        )
        for r in _csv("seed_occupation_lists.csv")
    )
    Regulation.objects.bulk_create(
        Regulation(unit_group_id=r["noc_code"], province=r["province"], regulated=r["regulated"] == "yes",
                   regulator=r["regulator"], source=r["source"], valid_from=valid_from)
        for r in _csv("seed_regulation.csv")
    )
    WageRate.objects.bulk_create(
        (
            WageRate(
                unit_group_id=r["noc2021_code"], province=r["province"], region_code=r["region_code"],
                region_name=r["region_name"], low=_decimal(r["low_hourly"]), median=_decimal(r["median_hourly"]),
                high=_decimal(r["high_hourly"]), annual=r["annual_wage_flag"] == "1",
                reference_period=r["reference_period"], source=r["source"], valid_from=WAGES_VALID_FROM,
            )
            for r in _csv("jobbank_wages.csv")
        ),
        batch_size=1000,
    )


def unload(apps, schema_editor):
    for name in ("WageRate", "Regulation", "Listing", "CategoryRule", "Country", "Noc2016Link", "UnitGroup"):
        apps.get_model("occupations", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("occupations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
