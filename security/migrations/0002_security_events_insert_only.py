"""The security log is insert-only: the database refuses to change its rows, and on PostgreSQL to
delete them too.

SQLite refuses changes only: tests on SQLite empty every table between browser tests with DELETE
(tests/browser/database.py, pytest-django's flush), and its triggers cannot tell that apart. On
PostgreSQL those use TRUNCATE, which fires no row trigger.
"""

from django.db import migrations

MESSAGE = "the security log cannot be changed"

POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION security_securityevent_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER security_securityevent_insert_only
    BEFORE UPDATE OR DELETE ON security_securityevent
    FOR EACH ROW EXECUTE FUNCTION security_securityevent_refuse_change();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS security_securityevent_insert_only ON security_securityevent;",
    "DROP FUNCTION IF EXISTS security_securityevent_refuse_change();",
]
SQLITE = [
    f"""
    CREATE TRIGGER security_securityevent_no_update BEFORE UPDATE ON security_securityevent
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS security_securityevent_no_update;"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("security", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
