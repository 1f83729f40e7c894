"""Recorded decisions are chained by hash (eligibility/integrity.py, docs/decisions/0007).

Existing decisions are chained in id order (the order they were recorded in; a database of a
million took minutes, not hours: read in chunks, written back in chunks). Decisions are insert-only,
so the database's guard is lifted for the fill and put back in the same transaction, with the SQL
of migration 0002. On SQLite each change of the table's columns or constraints rebuilds it, which
drops its triggers: they are created again at the end either way.
"""

import importlib
from types import SimpleNamespace

from django.db import migrations, models

from eligibility import integrity

insert_only = importlib.import_module("eligibility.migrations.0002_decision_insert_only")

CHUNK = 2000
PG_TRIGGER = "eligibility_decision_insert_only"  # 0002's trigger on PostgreSQL


def _write(schema_editor, rows: list) -> None:
    """rows: (id, sequence, previous_hash, record_hash)."""
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            ids, sequences, previous, hashes = zip(*rows, strict=True)
            cursor.execute(
                "UPDATE eligibility_decision AS d SET sequence = v.sequence, previous_hash = v.previous_hash, "
                "record_hash = v.record_hash FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[]) "
                "AS v(id, sequence, previous_hash, record_hash) WHERE d.id = v.id",
                [list(ids), list(sequences), list(previous), list(hashes)])
        else:
            cursor.executemany("UPDATE eligibility_decision SET sequence = %s, previous_hash = %s, record_hash = %s "
                               "WHERE id = %s", [(s, p, h, i) for i, s, p, h in rows])


def fill(apps, schema_editor):
    Decision = apps.get_model("eligibility", "Decision")
    ChainHead = apps.get_model("eligibility", "ChainHead")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE eligibility_decision DISABLE TRIGGER {PG_TRIGGER}")
    else:
        for sql in insert_only.SQLITE_REVERSE:
            schema_editor.execute(sql)
    sequence, previous, batch = 0, integrity.GENESIS, []
    for values in Decision.objects.order_by("id").values_list("id", *integrity.FIELDS).iterator(chunk_size=CHUNK):
        sequence += 1
        record = integrity.record_of(SimpleNamespace(**dict(zip(integrity.FIELDS, values[1:], strict=True))))
        digest = integrity.record_hash(record, sequence=sequence, previous_hash=previous)
        batch.append((values[0], sequence, previous, digest))
        previous = digest
        if len(batch) >= CHUNK:
            _write(schema_editor, batch)
            batch = []
    if batch:
        _write(schema_editor, batch)
    ChainHead.objects.update_or_create(pk=1, defaults={"sequence": sequence, "record_hash": previous})
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE eligibility_decision ENABLE TRIGGER {PG_TRIGGER}")
        # The column changes below may not run while row events of this transaction are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    else:
        for sql in insert_only.SQLITE:
            schema_editor.execute(sql)


def guard_again(apps, schema_editor):
    """SQLite's triggers, dropped by the table rebuilds around them, created again (0002's SQL)."""
    if schema_editor.connection.vendor == "sqlite":
        for sql in [*insert_only.SQLITE_REVERSE, *insert_only.SQLITE]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0004_decision_criteria_not_met")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, guard_again),  # backwards, the last step
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sequence", models.PositiveBigIntegerField(default=0)),
                ("record_hash", models.CharField(default=integrity.GENESIS, max_length=64)),
            ],
        ),
        migrations.AddField(
            model_name="decision",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="position in the chain"),
        ),
        migrations.AddField(
            model_name="decision",
            name="previous_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="previous record hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="decision",
            name="record_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="record hash"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="decision",
            name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="position in the chain"),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(condition=~models.Q(previous_hash="") & ~models.Q(record_hash=""),
                                              name="decision_chained"),
        ),
        migrations.RunPython(guard_again, migrations.RunPython.noop),
    ]
