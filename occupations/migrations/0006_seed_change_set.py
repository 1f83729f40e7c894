"""Every rule row loaded so far becomes change set #1, "the seed instructions' rules", published.

Its publication time is set before any decision can have been recorded, so that a decision's
"rules of its own version" (the rules published when it was recorded) always include it.
"""

from datetime import UTC, date, datetime

from django.db import migrations, models

SEED_PUBLISHED_AT = datetime(2000, 1, 1, tzinfo=UTC)
RULE_TABLES = ("country", "categoryrule", "listing", "regulation", "wagerate")


def forwards(apps, schema_editor):
    ChangeSet = apps.get_model("occupations", "ChangeSet")
    starts = [d for name in RULE_TABLES
              for d in [apps.get_model("occupations", name).objects.aggregate(m=models.Min("valid_from"))["m"]] if d]
    seed = ChangeSet.objects.create(
        title="The seed instructions' rules",
        description="The rule data loaded with the application (occupations/data), from IRCC's program delivery "
                    "instructions and the public data sets cited on each row.",
        status="published", effective_from=min(starts, default=date(2000, 1, 1)), published_at=SEED_PUBLISHED_AT,
        created_at=SEED_PUBLISHED_AT,
    )
    for name in RULE_TABLES:
        apps.get_model("occupations", name).objects.update(change_set=seed, published=True)


def backwards(apps, schema_editor):
    for name in RULE_TABLES:
        apps.get_model("occupations", name).objects.update(change_set=None, published=False)
    apps.get_model("occupations", "ChangeSet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("occupations", "0005_change_sets")]

    operations = [migrations.RunPython(forwards, backwards)]
