"""Putting the migrated database back after a browser test (see conftest.py's docstring).

The rows of every table are copied once with plain SQL (about 6,000 as migrated) and written back
after each test, in one transaction: SQLite's guards lifted (the migrations' own trigger SQL, so
nothing drifts), every table emptied with Django's own flush SQL, the guards put back, the rows
inserted again.
"""

import importlib
import re
from dataclasses import dataclass, field

from django.db import connection, transaction

INSERT_ONLY = importlib.import_module("eligibility.migrations.0002_decision_insert_only")
PUBLISHED_FINAL = importlib.import_module("occupations.migrations.0007_published_rows_are_final")


def _sqlite_guards() -> list[str]:
    """The SQLite triggers that refuse deleting decisions and published rule rows."""
    return [*INSERT_ONLY.SQLITE, *PUBLISHED_FINAL.sqlite()]


def _trigger_name(sql: str) -> str:
    return re.search(r"CREATE TRIGGER\s+(\w+)", sql).group(1)


def _tables() -> dict[str, list[str]]:
    """Each table of the project's models (many-to-many ones too) → its stored columns: the
    model's, less the generated ones (the database computes them) and any the database does not
    have yet (a model changed ahead of its migration)."""
    from django.apps import apps

    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    tables = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.managed and not meta.proxy and meta.db_table in existing:
                cursor.execute(f"SELECT * FROM {quote(meta.db_table)} WHERE 1 = 0")
                stored = {c[0] for c in cursor.description}
                tables[meta.db_table] = [f.column for f in meta.local_concrete_fields
                                         if not f.generated and f.column in stored]
    return tables


@dataclass
class Snapshot:
    """Every table's rows, copied with plain SQL (about 6,000 rows as migrated)."""

    tables: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)

    @classmethod
    def take(cls) -> "Snapshot":
        snapshot = cls()
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, columns in _tables().items():
                cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")
                snapshot.tables[table] = (columns, cursor.fetchall())
        return snapshot

    def restore(self) -> None:
        """Empty every table and put the copied rows back, in one transaction."""
        from django.core.management.color import no_style

        sqlite = connection.vendor == "sqlite"
        tables = list(_tables())
        with transaction.atomic(), connection.cursor() as cursor:
            if sqlite:
                for sql in _sqlite_guards():
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(sql)}")
            for sql in connection.ops.sql_flush(no_style(), tables, reset_sequences=False):
                cursor.execute(sql)
            if sqlite:
                for sql in _sqlite_guards():
                    cursor.execute(sql)
            # Foreign keys are DEFERRABLE INITIALLY DEFERRED on both backends: any table order works.
            for table, (columns, rows) in self.tables.items():
                if rows:
                    names = ", ".join(connection.ops.quote_name(c) for c in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})", rows)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
