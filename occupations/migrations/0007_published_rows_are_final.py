"""Rule rows belong to a change set; once published they are final, enforced by the database.

A published row can be neither updated nor deleted (a later change set replaces or removes it).
Publishing itself is the one update allowed: a draft row (``published`` false) may become
published. Plain SQL per backend, as for decisions (eligibility/0002): pgtrigger installs nothing
on SQLite.
"""

from django.db import migrations, models

TABLES = ("occupations_country", "occupations_categoryrule", "occupations_listing", "occupations_regulation",
          "occupations_wagerate")
MESSAGE = "a published rule row cannot be changed or deleted; change it in a new change set"


def postgresql() -> list[str]:
    statements = [f"""
        CREATE OR REPLACE FUNCTION occupations_refuse_published_change() RETURNS trigger AS $$
        BEGIN
            IF OLD.published THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
    """]
    for table in TABLES:
        statements.append(f"""
            CREATE TRIGGER {table}_published_final BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION occupations_refuse_published_change();
        """)
    return statements


def postgresql_reverse() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_published_final ON {table};" for table in TABLES] + [
        "DROP FUNCTION IF EXISTS occupations_refuse_published_change();"]


def sqlite() -> list[str]:
    statements = []
    for table in TABLES:
        statements += [
            f"""CREATE TRIGGER {table}_published_no_update BEFORE UPDATE ON {table} WHEN OLD.published
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
            f"""CREATE TRIGGER {table}_published_no_delete BEFORE DELETE ON {table} WHEN OLD.published
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        ]
    return statements


def sqlite_reverse() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_published_no_{op};" for table in TABLES for op in ("update", "delete")]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, list)():
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("occupations", "0006_seed_change_set")]

    operations = [
        *(migrations.AlterField(
            model_name=model, name="change_set",
            field=models.ForeignKey(on_delete=models.deletion.PROTECT, related_name="%(class)s_rows",
                                    to="occupations.changeset", verbose_name="change set"),
        ) for model in ("country", "categoryrule", "listing", "regulation", "wagerate")),
        migrations.RunPython(_run({"postgresql": postgresql, "sqlite": sqlite}),
                             _run({"postgresql": postgresql_reverse, "sqlite": sqlite_reverse})),
    ]
