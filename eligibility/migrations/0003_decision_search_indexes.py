"""Indexes for the supervisors' decision search (supervision/search.py).

The composite indexes end in the keyset order (-created_at, -id) behind each common filter; on
PostgreSQL a trigram index also serves the search by any part of the applicant's name (measured on
1,000,000 decisions: a name that matches nothing went from 1.1 s, a walk of every row, to under
1 ms). It indexes the very expression Django's ``icontains`` writes, ``UPPER(name::text)``. The
pg_trgm extension is "trusted" (PostgreSQL 13+): the database's owner may create it. SQLite has no
such index; a name search there reads the rows.
"""

from django.conf import settings
from django.db import migrations, models

TRIGRAM = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    "CREATE INDEX IF NOT EXISTS decision_name_trgm ON eligibility_decision "
    "USING gin (UPPER(applicant_name::text) gin_trgm_ops);",
]
TRIGRAM_REVERSE = ["DROP INDEX IF EXISTS decision_name_trgm;"]  # the extension may serve others: kept


def _postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('eligibility', '0002_decision_insert_only'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['country', '-created_at', '-id'], name='decision_country_recent'),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['noc_code', '-created_at', '-id'], name='decision_noc_recent'),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(condition=models.Q(('departs', True)), fields=['-created_at', '-id'], name='decision_departs_recent'),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['-received_on', '-id'], name='decision_received_recent'),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['application_number'], name='decision_application_number', opclasses=['varchar_pattern_ops']),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['uci'], name='decision_uci'),
        ),
        migrations.RunPython(_postgresql(TRIGRAM), _postgresql(TRIGRAM_REVERSE)),
    ]
