"""Recorded decisions are insert-only, enforced by the database on both backends.

One migration with the SQL of each backend, rather than django-pgtrigger: pgtrigger installs
nothing on SQLite, and SQLite needs a trigger of its own either way.
"""

from django.db import migrations

MESSAGE = "a recorded decision cannot be changed or deleted; record a correction instead"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION eligibility_decision_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER eligibility_decision_insert_only
    BEFORE UPDATE OR DELETE ON eligibility_decision
    FOR EACH ROW EXECUTE FUNCTION eligibility_decision_refuse_change();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS eligibility_decision_insert_only ON eligibility_decision;",
    "DROP FUNCTION IF EXISTS eligibility_decision_refuse_change();",
]
SQLITE = [
    f"""
    CREATE TRIGGER eligibility_decision_no_update BEFORE UPDATE ON eligibility_decision
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER eligibility_decision_no_delete BEFORE DELETE ON eligibility_decision
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS eligibility_decision_no_update;",
    "DROP TRIGGER IF EXISTS eligibility_decision_no_delete;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_decisions")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
