"""Decisions carry the codes of the criteria their working found not met (for the reports).

Existing decisions are filled in from their working. Decisions are insert-only, so the database's
guard is lifted for the fill and put back in the same transaction. On SQLite, adding the column
rebuilds the table, which drops its triggers: they are created again here either way.
"""

import importlib

from django.db import migrations, models

insert_only = importlib.import_module("eligibility.migrations.0002_decision_insert_only")

CRITERIA = ("status", "occupation", "education", "experience", "credentials", "language", "remuneration",
            "employer", "documentation")  # eligibility.rulebook.codes.Criterion as of this migration


def _not_met(working) -> str:
    results = (working or {}).get("criteria") or {}
    return " ".join(c for c in CRITERIA if (results.get(c) or {}).get("result") == "not_met")


def _postgresql_fill() -> str:
    """One UPDATE, computed in the database (a million decisions in a minute or so, where reading
    each working into Python took many times that)."""
    cases = ", ".join(f"CASE WHEN working->'criteria'->'{c}'->>'result' = 'not_met' THEN '{c}' END" for c in CRITERIA)
    return f"UPDATE eligibility_decision SET criteria_not_met = concat_ws(' ', {cases}) WHERE outcome = 'not_eligible'"


def fill(apps, schema_editor):
    Decision = apps.get_model("eligibility", "Decision")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE eligibility_decision DISABLE TRIGGER eligibility_decision_insert_only")
        schema_editor.execute(_postgresql_fill())
        schema_editor.execute("ALTER TABLE eligibility_decision ENABLE TRIGGER eligibility_decision_insert_only")
        return
    for sql in insert_only.SQLITE_REVERSE:
        schema_editor.execute(sql)
    batch = []
    for pk, working in Decision.objects.values_list("pk", "working").iterator(chunk_size=2000):
        codes = _not_met(working)
        if codes:
            batch.append(Decision(pk=pk, criteria_not_met=codes))
        if len(batch) >= 2000:
            Decision.objects.bulk_update(batch, ["criteria_not_met"])
            batch = []
    Decision.objects.bulk_update(batch, ["criteria_not_met"])
    for sql in insert_only.SQLITE:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0003_decision_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="criteria_not_met",
            field=models.CharField(blank=True, default="", editable=False, max_length=120,
                                   verbose_name="criteria not met"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
