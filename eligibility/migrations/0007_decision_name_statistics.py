"""Finer statistics on the upper-cased applicant name, so that PostgreSQL plans a name search well.

A search by name wants the newest 25 matches. For a common surname the quickest way is to walk the
decisions newest first until 25 match ("Sato", 0.84% of 1,000,000 decisions: 3,200 rows, 3 ms); for
a rare name it is the trigram index (eligibility/0003), then a sort of the few matches. PostgreSQL
chooses by the share of rows it expects to match, read off a sample of names in its statistics.
With the default 100 names in the sample, a surname carried by 1 decision in 120 is usually in
none of them: the planner expected 96 rows instead of 8,396 and read every match through the index,
8,300 of the table's pages (14 ms warm, 60 ms and more once other pages had pushed them out of
the buffers). With 1,000 names in the sample it expects 7,400 and walks; a full name (216 matches)
and a name nobody has still go through the index (measured on the lab database, see bench/README.md).

The target belongs to the trigram index's expression, UPPER(applicant_name), which is what the
search compares. It takes effect at the next ANALYZE, which this migration runs (24 s on 1,000,000
decisions on these machines; autovacuum's later ANALYZEs sample more rows too). SQLite has no planner
statistics of this kind.
"""

from django.db import migrations

POSTGRESQL = ["ALTER INDEX decision_name_trgm ALTER COLUMN 1 SET STATISTICS 1000;", "ANALYZE eligibility_decision;"]
POSTGRESQL_REVERSE = ["ALTER INDEX decision_name_trgm ALTER COLUMN 1 SET STATISTICS -1;"]


def _postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [("eligibility", "0006_decision_covering_indexes")]

    operations = [migrations.RunPython(_postgresql(POSTGRESQL), _postgresql(POSTGRESQL_REVERSE))]
