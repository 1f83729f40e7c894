"""The reports' tallies carry the decision's review status in their key (supervision/tallies.py),
so the reports answer the review status filter from them too; refilled from the decisions.

The tallies are emptied first, so the new key's unique index is built on empty tables, and the
fill comes after the schema changes: on PostgreSQL, rows inserted into a table with a deferred
foreign key (the officer) leave trigger events that a later ALTER TABLE in the same transaction
refuses. Emptied by TRUNCATE on PostgreSQL: new files, where a DELETE would leave the old rows'
space behind the new ones (a third of the table at a million decisions) until a VACUUM FULL.
Backwards, the tallies are emptied before the old key comes back (the review status no
longer tells their rows apart) and refilled at the end by the first operation, on the old key."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """The tallies of the decisions and reviews recorded, with each one's review status now."""
    from supervision.tallies import rebuild

    rebuild(apps, using=schema_editor.connection.alias)


def empty(apps, schema_editor):
    connection = schema_editor.connection
    tables = [connection.ops.quote_name(apps.get_model("supervision", name)._meta.db_table)
              for name in ("DecisionTally", "ReviewTally")]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0002_report_tallies'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, fill, elidable=True),  # backwards: the old key's fill
        migrations.RunPython(empty, migrations.RunPython.noop, elidable=True),
        migrations.RemoveConstraint(
            model_name='decisiontally',
            name='decisiontally_key',
        ),
        migrations.RemoveConstraint(
            model_name='reviewtally',
            name='reviewtally_key',
        ),
        migrations.AddField(
            model_name='decisiontally',
            name='review_status',
            field=models.CharField(default='none', max_length=10, verbose_name='review status'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='reviewtally',
            name='review_status',
            field=models.CharField(default='none', max_length=10, verbose_name='review status'),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name='decisiontally',
            constraint=models.UniqueConstraint(fields=('month', 'officer', 'country', 'category', 'noc_code', 'outcome', 'decision', 'departs', 'criteria_not_met', 'review_status'), name='decisiontally_key_review'),
        ),
        migrations.AddConstraint(
            model_name='reviewtally',
            constraint=models.UniqueConstraint(fields=('month', 'decision_month', 'officer', 'country', 'category', 'noc_code', 'outcome', 'decision', 'departs', 'verdict', 'review_status'), name='reviewtally_key_review'),
        ),
        migrations.RunPython(fill, empty, elidable=True),
    ]
