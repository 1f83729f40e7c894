"""Changing the rules as rules admins do it, for tests: a change set drafted by one rules admin,
submitted, and approved by another (``occupations.publishing``); and, for the tests of what the
application detects, a row changed behind its back with the database's guard lifted."""

import importlib
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection

from config.roles import RULES_ADMIN
from occupations import publishing
from occupations.models import ChangeSet, RulesStamp

GUARD = importlib.import_module("occupations.migrations.0007_published_rows_are_final")


def rules_admin(username: str):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
    if created:
        user.groups.add(Group.objects.get(name=RULES_ADMIN.group_name))
    return user


def publish(effective_from: date, *, remove=(), change=(), add=(), title="Test change") -> ChangeSet:
    """Remove the rows ``remove``; change each row of ``change`` (pairs of a row and a dict of new
    field values); add the unsaved rows ``add``: in one change set, published from ``effective_from``."""
    author, approver = rules_admin("rules-author"), rules_admin("rules-approver")
    change_set = publishing.open_change_set(author, title)
    for row in remove:
        publishing.propose_removal(row, change_set)
    for row, values in change:
        copy = publishing.propose_change(row, change_set)
        for name, value in values.items():
            setattr(copy, name, value)
        copy.save()
    for row in add:
        row.change_set = change_set
        row.save()
    publishing.submit(change_set, author)
    publishing.approve(change_set, approver, effective_from)
    change_set.refresh_from_db()
    return change_set


def edit_behind_the_apps_back(row, **values) -> None:
    """UPDATE a published rule row directly, the database's guard (occupations/0007) lifted for it."""
    table = row._meta.db_table
    sets = ", ".join(f"{connection.ops.quote_name(row._meta.get_field(k).column)} = %s" for k in values)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_published_final")
            cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*values.values(), row.pk])
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_published_final")
        else:
            cursor.execute(f"DROP TRIGGER {table}_published_no_update")
            cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*values.values(), row.pk])
            [again] = [sql for sql in GUARD.sqlite() if f"{table}_published_no_update" in sql]
            cursor.execute(again)
    RulesStamp.bump()
