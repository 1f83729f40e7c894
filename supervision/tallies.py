"""The reports' pre-aggregated counts: ``DecisionTally`` and ``ReviewTally`` (supervision/models.py).

Counting a million decisions took 0.4–1.7 s per figure on PostgreSQL, and even a narrow copy of the
columns took ~300 ms per aggregate on these 2-core machines: the reports sum tallies instead.

Decisions and reviews are insert-only, so a tally only grows: each new decision or review adds 1
to its key with one upsert,

    INSERT ... VALUES (...) ON CONFLICT (key) DO UPDATE SET n = tally.n + excluded.n

valid on PostgreSQL and SQLite alike (``bulk_create(update_conflicts=True)`` would set the count,
not add to it). The upsert runs on ``post_save`` of a created ``Decision`` or ``Review``, so inside
the writer's transaction (``record_decision``'s, ``services.review``'s): a rolled-back decision
leaves no count behind. ``post_save`` rather than ``decision_recorded`` because that signal comes
only from ``record_decision``: a decision or review written by any other ``save()`` (a test, a
shell, a future import) must count too. ``bulk_create``, ``loaddata`` and raw SQL are not counted:
whoever loads rows that way calls ``rebuild()`` (``seed_demo_decisions`` does; ``manage.py
rebuild_report_tallies`` is there for everyone else).

Months are the first day of the month in the desk's time zone (settings.TIME_ZONE), the month
``TruncMonth("created_at")`` gives the reports that count decisions.
"""

from datetime import date, datetime

from django.apps import apps as installed_apps
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import Count, DateField
from django.db.models.functions import TruncMonth
from django.utils import timezone

# Each tally's key, in the order of its unique constraint (supervision/models.py). Here rather than on
# the models so that the migration's historical models, which carry no such attributes, use them too.
DECISION_KEY = ("month", "officer", "country", "category", "noc_code", "outcome", "decision", "departs",
                "criteria_not_met")
REVIEW_KEY = ("month", "decision_month", "officer", "country", "category", "noc_code", "outcome", "decision",
              "departs", "verdict")


def month_of(moment: datetime) -> date:
    """The first day of the month ``moment`` falls in, on the desk's calendar."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, timezone.get_default_timezone())
    return moment.date().replace(day=1)


def _month_sql(field: str) -> TruncMonth:
    return TruncMonth(field, output_field=DateField(), tzinfo=timezone.get_default_timezone())


# Adding one --------------------------------------------------------------------------------------
def _add(model, names: tuple, key: dict, count_field: str, using: str) -> None:
    """One upsert: the tally of ``key`` plus one, created at one when it is new."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = [model._meta.get_field(name) for name in names]
    key_columns = [quote(f.column) for f in fields]
    count = quote(model._meta.get_field(count_field).column)
    values = [f.get_db_prep_value(key[f.name], connection) for f in fields]
    sql = (f"INSERT INTO {table} ({', '.join(key_columns)}, {count}) "
           f"VALUES ({', '.join(['%s'] * len(values))}, 1) "
           f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}")
    with connection.cursor() as cursor:
        cursor.execute(sql, values)


def count_decision(decision, using: str = DEFAULT_DB_ALIAS) -> None:
    from .models import DecisionTally

    key = {name: getattr(decision, name) for name in DECISION_KEY if name not in ("month", "officer")}
    key.update(month=month_of(decision.created_at), officer=decision.officer_id)
    _add(DecisionTally, DECISION_KEY, key, "decisions", using)


def count_review(review, using: str = DEFAULT_DB_ALIAS) -> None:
    """A review counts under its decision's fields: read them (one query), then add."""
    from eligibility.models import Decision

    from .models import ReviewTally

    fields = ("created_at", "officer_id", "country", "category", "noc_code", "outcome", "decision", "departs")
    decision = Decision.objects.using(using).filter(review_item__id=review.item_id).values(*fields).get()
    key = {name: decision[name] for name in fields[2:]}
    key.update(month=month_of(review.created_at), decision_month=month_of(decision["created_at"]),
               officer=decision["officer_id"], verdict=review.verdict)
    _add(ReviewTally, REVIEW_KEY, key, "reviews", using)


# Rows a fixture loads (``raw``) are left to a rebuild after ``loaddata``: a fixture's review may
# come before its decision, and a fixture may hold rows already counted.
def on_decision_saved(sender, instance, created, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if created and not raw:
        count_decision(instance, using)


def on_review_saved(sender, instance, created, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if created and not raw:
        count_review(instance, using)


# Rebuilding -------------------------------------------------------------------------------------
def _decision_groups(apps):
    Decision = apps.get_model("eligibility", "Decision")
    return (Decision.objects.order_by().annotate(tally_month=_month_sql("created_at"))
            .values("tally_month", "officer", "country", "category", "noc_code", "outcome", "decision", "departs",
                    "criteria_not_met")
            .annotate(n=Count("id")))


def _review_groups(apps):
    Review = apps.get_model("supervision", "Review")
    return (Review.objects.order_by()
            .annotate(tally_month=_month_sql("created_at"), recorded=_month_sql("item__decision__created_at"))
            .values("tally_month", "recorded", "item__decision__officer", "item__decision__country",
                    "item__decision__category", "item__decision__noc_code", "item__decision__outcome",
                    "item__decision__decision", "item__decision__departs", "verdict")
            .annotate(n=Count("id")))


def _refill(model, names: tuple, count_field: str, groups, using: str) -> int:
    """Empty the table and fill it with ``INSERT INTO ... SELECT`` the groups: one statement, the
    rows never pass through Python. The SELECT lists its columns in the order of ``values()``
    (Django 5.2 keeps it), which is the key's order, then the count."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(model._meta.get_field(name).column) for name in (*names, count_field)]
    select, params = groups.using(using).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) {select}", params)
        return cursor.rowcount


def rebuild(apps=installed_apps, using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """Recompute both tallies from the decisions and reviews, one GROUP BY each; returns the
    number of tally rows written (decisions', reviews').

    On PostgreSQL the tallies are locked first against writes (reads go on): a decision recorded
    meanwhile waits for the rebuild to commit and then adds its 1 on top of counts that could not
    have seen it (its transaction had not committed when the rebuild's SELECT began), so nothing
    is counted twice or lost. On SQLite the writer's lock gives the same."""
    DecisionTally = apps.get_model("supervision", "DecisionTally")
    ReviewTally = apps.get_model("supervision", "ReviewTally")
    using = router.db_for_write(DecisionTally) if using is None else using
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {DecisionTally._meta.db_table}, {ReviewTally._meta.db_table} "
                               "IN SHARE ROW EXCLUSIVE MODE")
        decisions = _refill(DecisionTally, DECISION_KEY, "decisions", _decision_groups(apps), using)
        reviews = _refill(ReviewTally, REVIEW_KEY, "reviews", _review_groups(apps), using)
    return decisions, reviews
