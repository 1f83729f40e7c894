"""The reports' tallies count each application once, as its latest version (supervision/tallies.py):
refilled from the decisions, leaving out every decision that a later one corrects. The anti-join
reads the corrections' unique index of eligibility 0008. Backwards, the refill of 0003 (every
decision counted) is what the code of then expects."""

from django.db import migrations


def fill(apps, schema_editor):
    from supervision.tallies import rebuild

    rebuild(apps, using=schema_editor.connection.alias)


def fill_every_decision(apps, schema_editor):
    """0003's tallies: every decision, corrected or not."""
    from django.db.models import Count, F, Value
    from django.db.models.functions import Coalesce

    from supervision import tallies

    Decision = apps.get_model("eligibility", "Decision")
    DecisionTally = apps.get_model("supervision", "DecisionTally")
    columns = {"month": "tally_month", "review_status": "tally_review_status"}
    groups = (Decision.objects.order_by()
              .annotate(tally_month=tallies._month_sql("created_at"),
                        tally_review_status=Coalesce(F("review_item__status"), Value(tallies.NOT_QUEUED)))
              .values(*(columns.get(name, name) for name in tallies.DECISION_KEY)).annotate(n=Count("id")))
    tallies._refill(DecisionTally, tallies.DECISION_KEY, "decisions", groups, schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("supervision", "0003_report_tallies_review_status"),
        ("eligibility", "0009_not_assessed_criteria"),  # the refill counts the criteria as 0009 left them
    ]

    operations = [migrations.RunPython(fill, fill_every_decision, elidable=True)]
