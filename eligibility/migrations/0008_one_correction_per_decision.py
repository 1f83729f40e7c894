"""At most one correction per decision, enforced by the database (issue 15, point 5).

A unique index on ``corrects`` over the corrections only (NULL, an original decision, is left out
of it: both backends would allow any number of NULLs anyway). Being partial, it is an index of
its own on SQLite, where a plain unique constraint rebuilds the table and so drops the insert-only
triggers of migration 0002; they are created again at the end all the same (0002's SQL), so the
table leaves this migration guarded whatever the schema editor did. No row is written: the hash
chain (0005) is untouched.

A database that already holds two corrections of one decision cannot take the constraint. The
migration then stops before changing anything and names them: which of them stands is an
officer's or a supervisor's call, never this migration's (decisions are never deleted).
"""

import importlib

from django.core.management.base import CommandError
from django.db import migrations, models
from django.db.models import Count

insert_only = importlib.import_module("eligibility.migrations.0002_decision_insert_only")

SHOWN = 50  # corrected decisions named in the message at most


class CorrectedTwice(CommandError):
    """Existing decisions carry more than one correction each (``migrate`` prints the message alone)."""


def refuse_double_corrections(apps, schema_editor):
    Decision = apps.get_model("eligibility", "Decision")
    decisions = Decision.objects.using(schema_editor.connection.alias)
    doubled = list(decisions.filter(corrects__isnull=False).values("corrects").annotate(n=Count("id"))
                   .filter(n__gt=1).order_by("corrects").values_list("corrects", flat=True)[:SHOWN + 1])
    if not doubled:
        return
    lines = []
    for corrected in decisions.filter(pk__in=doubled[:SHOWN]).order_by("pk"):
        corrections = decisions.filter(corrects=corrected).order_by("created_at", "id")
        listed = ", ".join(f"decision {c.pk} (recorded {c.created_at:%Y-%m-%d %H:%M})" for c in corrections)
        lines.append(f"  decision {corrected.pk}, application {corrected.application_number or '(no number)'}, "
                     f"recorded {corrected.created_at:%Y-%m-%d %H:%M}, is corrected by {listed}")
    if len(doubled) > SHOWN:
        lines.append(f"  ... and more (the first {SHOWN} are shown)")
    raise CorrectedTwice(
        "Some decisions are corrected more than once; at most one correction per decision is now enforced by "
        "the database. Nothing was changed. Decide which correction stands for each of these (a supervisor's "
        "call: decisions are never deleted), resolve them, then migrate again:\n" + "\n".join(lines))


def guard_again(apps, schema_editor):
    """SQLite's insert-only triggers, as 0002 made them (dropped if a table rebuild left any)."""
    if schema_editor.connection.vendor == "sqlite":
        for sql in [*insert_only.SQLITE_REVERSE, *insert_only.SQLITE]:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [("eligibility", "0007_decision_name_statistics")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, guard_again),  # backwards, the last step
        migrations.RunPython(refuse_double_corrections, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(condition=models.Q(("corrects__isnull", False)), fields=("corrects",),
                                               name="decision_one_correction",
                                               violation_error_message="This decision has already been corrected."),
        ),
        migrations.RunPython(guard_again, migrations.RunPython.noop),
    ]
