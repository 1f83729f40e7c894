"""Change set #2, published by this migration: every TEER 0/1 unit group classified for each
country, one reading of each technician list name, and the Australian employer letter read as
every Australian professional's (issue 14, docs/decisions/0002).

``occupations/data/occupation_classification.csv`` holds the whole occupation lists of Australia,
Japan and Mexico as they should stand. Rows already in force that say the same are kept; a row
that differs is replaced by a new one; a row no longer wanted is removed; a new row is added. The
new rows take effect from the seed's own start (the same clauses, read again: the correction is
not a policy change), so cases received on any date use them, while decisions recorded before
this migration replay under the rules they were made with (their change sets' publication time).
Rows are never edited in place: published rows are final (0007).
"""

import csv
import uuid
from pathlib import Path

from django.db import migrations
from django.utils import timezone

DATA = Path(__file__).resolve().parent.parent / "data" / "occupation_classification.csv"
SECTION = {"professional": "Professionals", "technician": "Technicians"}
COUNTRIES = ("AU", "JP", "MX")
# (country, category) → changed fields of the category rule in force.
CATEGORY_CHANGES = {
    ("AU", "professional"): {"employer_letter_for_all": True},
    ("JP", "technician"): {"judgement_credentials": ["certificate", "diploma"]},
}
COPIED = ("country_code", "category", "min_study_years", "accepted_credentials", "judgement_credentials",
          "min_experience_months", "length_of_stay_months", "eligible_teers", "equivalence_country",
          "equivalence_credentials", "equivalence_min_years", "equivalence_requires_employer_letter",
          "employer_letter_for_all", "source")


def _key(country, category, kind, noc, only_if, unless):
    return (country, category, kind, noc or None, only_if or "", unless or "")


def _in_force(model):
    """Published rows not replaced by another published row (the rules as they stand)."""
    replaced = set(model.objects.filter(published=True, replaces__isnull=False).values_list("replaces_id", flat=True))
    return [r for r in model.objects.filter(published=True, removes=False) if r.pk not in replaced]


def forwards(apps, schema_editor):
    ChangeSet = apps.get_model("occupations", "ChangeSet")
    Country = apps.get_model("occupations", "Country")
    Listing = apps.get_model("occupations", "Listing")
    CategoryRule = apps.get_model("occupations", "CategoryRule")
    RulesStamp = apps.get_model("occupations", "RulesStamp")

    current = {_key(r.country_code, r.category, r.kind, r.unit_group_id, r.only_if, r.unless): r
               for r in _in_force(Listing) if r.country_code in COUNTRIES}
    if not current:
        return  # a database without the seed's lists (nothing to correct)
    start = min(r.valid_from for r in current.values())
    now = timezone.now()
    change_set = ChangeSet.objects.create(
        title="Every TEER 0/1 unit group classified; officer judgements; the Australian employer letter",
        description="A clause-by-clause reading of the instructions (issue 14): every TEER 0/1 unit group is "
                    "classified for Australia, Japan and Mexico as excluded (with the clause), permitted, or for the "
                    "officer's judgement with the question asked; 'electricians' covers 72200, 72201 and 72202 alike; "
                    "no-clean-match technician entries ask the officer; every Australian professional needs the "
                    "Canadian employer's letter; a Japanese technician's certificate of 2 years or more is for the "
                    "officer to judge as an associate's equivalent. docs/decisions/0002 gives each reading.",
        status="published", effective_from=start, published_at=now, created_at=now,
    )
    names = {c.code: c.name_en for c in _in_force(Country)}

    def values(row):
        return dict(
            country_code=row["country"], category=row["category"], kind=row["kind"],
            unit_group_id=row["noc_code"] or None, only_if=row["only_if"], unless=row["unless"],
            judgement=row["judgement"], wording=row["wording"], review_note=row["note"],
            officer_confirms=False, needs_review=False,
            source=f"Country-specific occupations › {names[row['country']]} › {SECTION[row['category']]}",
        )

    wanted = {}
    with open(DATA, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            wanted[_key(row["country"], row["category"], row["kind"], row["noc_code"], row["only_if"],
                        row["unless"])] = values(row)

    new_rows = []
    for key, fields in wanted.items():
        old = current.get(key)
        same = old is not None and all(getattr(old, k) == fields[k] for k in
                                       ("judgement", "wording", "officer_confirms", "needs_review"))
        if same:
            continue
        new_rows.append(Listing(**fields, valid_from=start, change_set=change_set, published=True, replaces=old))
    for key, old in current.items():
        if key not in wanted:
            new_rows.append(Listing(
                **{k: getattr(old, k) for k in ("country_code", "category", "kind", "unit_group_id", "only_if",
                                                "unless", "judgement", "wording", "source")},
                valid_from=start, change_set=change_set, published=True, replaces=old, removes=True))
    Listing.objects.bulk_create(new_rows)

    for rule in _in_force(CategoryRule):
        changes = CATEGORY_CHANGES.get((rule.country_code, rule.category))
        if changes is None:
            continue
        fields = {name: getattr(rule, name) for name in COPIED} | changes
        CategoryRule.objects.create(**fields, valid_from=rule.valid_from, change_set=change_set, published=True,
                                    replaces=rule)
    RulesStamp.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


class Migration(migrations.Migration):
    dependencies = [("occupations", "0009_judgements_and_employer_letter")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
