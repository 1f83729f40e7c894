"""The reports' pre-aggregated counts: ``DecisionTally`` and ``ReviewTally`` (supervision/models.py).

Counting a million decisions took 0.4–1.7 s per figure on PostgreSQL, and even a narrow copy of the
columns took ~300 ms per aggregate on these 2-core machines: the reports sum tallies instead.

Decisions and reviews are insert-only: each new decision or review adds 1 to its key with one upsert,

    INSERT ... VALUES (...) ON CONFLICT (key) DO UPDATE SET n = tally.n + excluded.n

valid on PostgreSQL and SQLite alike (``bulk_create(update_conflicts=True)`` would set the count,
not add to it). The upsert runs on ``post_save`` of a created ``Decision`` or ``Review``, so inside
the writer's transaction (``record_decision``'s, ``services.review``'s): a rolled-back decision
leaves no count behind. ``post_save`` rather than ``decision_recorded`` because that signal comes
only from ``record_decision``: a decision or review written by any other ``save()`` (a test, a
shell, a future import) must count too. ``bulk_create``, ``loaddata`` and raw SQL are not counted:
whoever loads rows that way calls ``rebuild()`` (``seed_demo_decisions`` does; ``manage.py
rebuild_report_tallies`` is there for everyone else).

The key also holds the decision's review status, which does change: ``NOT_QUEUED`` ("none") until
a ``ReviewItem`` is made for it, then the item's status (open, then concurred, disagreed or
returned, then amended). Each change moves the decision's count, and its reviews' counts, from
the old key to the new (``status_moved``): an UPDATE that takes the count off the old row (and a
DELETE when that leaves it at 0, so no empty row stays to show as a group of no decisions), then
the upsert above on the new key, in the transaction of the change. Who changes a status:

- a decision is counted under "none" on its ``post_save``; the item that ``sampling`` makes next,
  in the same transaction of ``record_decision``, moves it to "open" on the item's ``post_save``
  (as does ``services.queue_for_review``, or any item made by ``save()``): exact whatever the
  order or the transaction, as an item can only follow its decision;
- ``services.review`` and ``sampling`` (an amendment) change the status with conditional
  queryset UPDATEs, which send no signal: they call ``status_moved`` themselves, only when the
  UPDATE moved the row, with the status it had;
- any other ``save()`` of an item that changes its status is moved on ``post_save`` (its status
  before is read on ``pre_save``); deleting an item moves its decision back to "none".

Each application counts once, as its latest version: a correction, as it is counted, takes the
count of the decision it corrects off that one's key (``count_decision``), and a corrected
decision's later status changes move its reviews' counts only (``status_moved``); the rebuild
counts the decisions no other corrects. Reviews count whichever version they were made on.

A count is moved only when the old key holds it, so a move never changes how many decisions are
counted: a decision loaded behind the app's back and never counted stays uncounted until a rebuild
(if another decision of its key was counted, that one's count moves for it: the figures stay off
by the one uncounted decision, as before, until the rebuild).
A rebuild running meanwhile is safe as for inserts (see ``rebuild()``): it counts the status the
changing transaction had not committed, which that transaction then moves.

Months are the first day of the month in the desk's time zone (settings.TIME_ZONE), the month
``TruncMonth("created_at")`` gives the reports that count decisions.
"""

from collections import Counter
from datetime import date, datetime

from django.apps import apps as installed_apps
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import Count, DateField, Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

# Each tally's key, in the order of its unique constraint (supervision/models.py). Here rather than on
# the models so that the migration's historical models, which carry no such attributes, use them too.
DECISION_KEY = ("month", "officer", "country", "category", "noc_code", "outcome", "decision", "departs",
                "criteria_not_met", "review_status")
REVIEW_KEY = ("month", "decision_month", "officer", "country", "category", "noc_code", "outcome", "decision",
              "departs", "verdict", "review_status")
NOT_QUEUED = "none"  # the review status of a decision that has no ReviewItem (the search's "none" too)
# What a tally's key takes from its decision.
DECIDED = ("created_at", "officer_id", "country", "category", "noc_code", "outcome", "decision", "departs",
           "criteria_not_met")


def month_of(moment: datetime) -> date:
    """The first day of the month ``moment`` falls in, on the desk's calendar."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, timezone.get_default_timezone())
    return moment.date().replace(day=1)


def _month_sql(field: str) -> TruncMonth:
    return TruncMonth(field, output_field=DateField(), tzinfo=timezone.get_default_timezone())


# Adding and moving counts -------------------------------------------------------------------------
def _key_sql(model, names: tuple, key: dict, connection) -> tuple[list[str], list]:
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    return [quote(f.column) for f in fields], [f.get_db_prep_value(key[f.name], connection) for f in fields]


def _add(model, names: tuple, key: dict, count_field: str, using: str, n: int = 1) -> None:
    """One upsert: the tally of ``key`` plus ``n``, created at ``n`` when it is new."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key_columns, values = _key_sql(model, names, key, connection)
    count = quote(model._meta.get_field(count_field).column)
    sql = (f"INSERT INTO {table} ({', '.join(key_columns)}, {count}) "
           f"VALUES ({', '.join(['%s'] * len(values))}, %s) "
           f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, n])


def _take(model, names: tuple, key: dict, count_field: str, using: str, n: int = 1) -> bool:
    """The tally of ``key`` less ``n``, the row deleted when that leaves 0. False (and nothing
    changed) when the key holds fewer than ``n``: those rows were never counted.

    UPDATE ... RETURNING (PostgreSQL; SQLite since 3.35), then the DELETE only when the count fell
    to 0. Two transactions taking from one row queue on its lock: the second's UPDATE sees the
    first's result, and its DELETE its own, so the row is deleted by whoever brought it to 0."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key_columns, values = _key_sql(model, names, key, connection)
    count = quote(model._meta.get_field(count_field).column)
    where = " AND ".join(f"{column} = %s" for column in key_columns)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {count} = {count} - %s WHERE {where} AND {count} >= %s "
                       f"RETURNING {count}", [n, *values, n])
        left = cursor.fetchone()
        if left is None:
            return False
        if left[0] == 0:
            cursor.execute(f"DELETE FROM {table} WHERE {where} AND {count} = 0", values)
    return True


def _decision_key(decided: dict) -> dict:
    key = {name: decided[name] for name in DECIDED[2:]}
    key.update(month=month_of(decided["created_at"]), officer=decided["officer_id"])
    return key


def _review_key(decided: dict, month: date, verdict: str, status: str) -> dict:
    key = _decision_key(decided)
    key.update(month=month, decision_month=key["month"], verdict=verdict, review_status=status)
    return key


def count_decision(decision, using: str = DEFAULT_DB_ALIAS) -> None:
    """A new decision: not in the review queue yet (an item can only follow its decision). A
    correction takes the application's count off the decision it corrects (under that one's
    review status now: one query to read it), so each application counts once, as its latest
    version."""
    from eligibility.models import Decision

    from .models import DecisionTally

    key = _decision_key({name: getattr(decision, name) for name in DECIDED})
    with transaction.atomic(using=using, savepoint=False):  # both halves or neither
        if decision.corrects_id is not None:
            corrected = Decision.objects.using(using).filter(pk=decision.corrects_id).values(
                *DECIDED, "review_item__status").get()
            _take(DecisionTally, DECISION_KEY, {**_decision_key(corrected), "review_status":
                                                corrected["review_item__status"] or NOT_QUEUED}, "decisions", using)
        _add(DecisionTally, DECISION_KEY, {**key, "review_status": NOT_QUEUED}, "decisions", using)


def count_review(review, using: str = DEFAULT_DB_ALIAS) -> None:
    """A review counts under its decision's fields and its item's status now: read them (one
    query), then add."""
    from eligibility.models import Decision

    from .models import ReviewTally

    decided = Decision.objects.using(using).filter(review_item__id=review.item_id).values(
        *DECIDED, "review_item__status").get()
    key = _review_key(decided, month_of(review.created_at), review.verdict, decided["review_item__status"])
    _add(ReviewTally, REVIEW_KEY, key, "reviews", using)


def status_moved(item, old: str, new: str, using: str = DEFAULT_DB_ALIAS, reviewed: bool = True) -> None:
    """The review status of ``item``'s decision went from ``old`` to ``new`` (``NOT_QUEUED`` for
    an item made or deleted): move the decision's count, and those of the item's reviews (unless
    ``reviewed`` is False: a new or deleted item has none), from the old key to the new.

    Call it in the transaction that made the change, once the change is made (the conditional
    UPDATE's count says whether it was). Reads the decision unless the item holds it (one
    query), and the item's reviews (one query)."""
    from eligibility.models import Decision

    from .models import DecisionTally, Review, ReviewItem, ReviewTally

    if old == new:
        return
    corrections = Decision.objects.using(using).filter(corrects_id=item.decision_id)
    if ReviewItem._meta.get_field("decision").is_cached(item):
        decided = {name: getattr(item.decision, name) for name in DECIDED}
        superseded = corrections.exists()
    else:
        decided = Decision.objects.using(using).filter(pk=item.decision_id).values(
            *DECIDED, superseded=Exists(corrections)).get()
        superseded = decided.pop("superseded")
    with transaction.atomic(using=using, savepoint=False):  # both halves or neither, even in autocommit
        key = _decision_key(decided)
        # A corrected decision is counted no more (its correction is): only its reviews move.
        if not superseded and _take(DecisionTally, DECISION_KEY, {**key, "review_status": old}, "decisions",
                                    using):
            _add(DecisionTally, DECISION_KEY, {**key, "review_status": new}, "decisions", using)
        if not reviewed:
            return
        reviews = Counter((month_of(at), verdict) for at, verdict in
                          Review.objects.using(using).filter(item_id=item.pk).values_list("created_at", "verdict"))
        for (month, verdict), n in reviews.items():
            key = _review_key(decided, month, verdict, old)
            if _take(ReviewTally, REVIEW_KEY, key, "reviews", using, n):
                _add(ReviewTally, REVIEW_KEY, {**key, "review_status": new}, "reviews", using, n)


# Rows a fixture loads (``raw``) are left to a rebuild after ``loaddata``: a fixture's review may
# come before its decision, and a fixture may hold rows already counted.
def on_decision_saved(sender, instance, created, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if created and not raw:
        count_decision(instance, using)


def on_review_saved(sender, instance, created, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if created and not raw:
        count_review(instance, using)


# The items' receivers are connected here, by the model's label, when the app's ready() imports this
# module (supervision/apps.py connects the decisions' and reviews' above).
@receiver(pre_save, sender="supervision.ReviewItem", dispatch_uid="supervision.tally_item_before")
def on_item_saving(sender, instance, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None, **kwargs):
    """An item saved again: note the status it has in the database, for ``on_item_saved``."""
    if raw or instance._state.adding or (update_fields is not None and "status" not in update_fields):
        return
    instance._status_before = sender.objects.using(using).filter(pk=instance.pk).values_list(
        "status", flat=True).first()


@receiver(post_save, sender="supervision.ReviewItem", dispatch_uid="supervision.tally_item")
def on_item_saved(sender, instance, created, raw=False, using=DEFAULT_DB_ALIAS, **kwargs):
    if raw:
        return
    if created:
        status_moved(instance, NOT_QUEUED, instance.status, using, reviewed=False)
        return
    before = instance.__dict__.pop("_status_before", None)
    if before is not None:
        status_moved(instance, before, instance.status, using)


@receiver(post_delete, sender="supervision.ReviewItem", dispatch_uid="supervision.tally_item_deleted")
def on_item_deleted(sender, instance, using=DEFAULT_DB_ALIAS, origin=None, **kwargs):
    status_moved(instance, instance.status, NOT_QUEUED, using, reviewed=False)  # PROTECT: it had no reviews


# Rebuilding -------------------------------------------------------------------------------------
def _key_of(model, names: tuple) -> tuple:
    """The key's names that ``model`` has: a historical model of an earlier migration (before
    0003, no review status) is rebuilt with the key it had."""
    have = {field.name for field in model._meta.get_fields()}
    return tuple(name for name in names if name in have)


def _decision_groups(apps, names: tuple):
    """The latest version of each application (a decision no other corrects) grouped by the key;
    the review status by a LEFT JOIN of their item (a decision has at most one)."""
    Decision = apps.get_model("eligibility", "Decision")
    columns = {"month": "tally_month", "review_status": "tally_review_status"}
    latest = ~Exists(Decision.objects.filter(corrects=OuterRef("pk")))  # each application once
    return (Decision.objects.filter(latest).order_by()
            .annotate(tally_month=_month_sql("created_at"),
                      tally_review_status=Coalesce(F("review_item__status"), Value(NOT_QUEUED)))
            .values(*(columns.get(name, name) for name in names))
            .annotate(n=Count("id")))


def _review_groups(apps, names: tuple):
    Review = apps.get_model("supervision", "Review")
    columns = {"month": "tally_month", "decision_month": "recorded", "verdict": "verdict",
               "review_status": "item__status"}
    return (Review.objects.order_by()
            .annotate(tally_month=_month_sql("created_at"), recorded=_month_sql("item__decision__created_at"))
            .values(*(columns.get(name, f"item__decision__{name}") for name in names))
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
    """Recompute both tallies from the decisions and reviews, one GROUP BY each, with each
    decision's review status now; returns the number of tally rows written (decisions', reviews').

    On PostgreSQL the tallies are locked first against writes (reads go on): a decision recorded,
    or a review status changed, meanwhile waits for the rebuild to commit and then adds (or moves)
    its count on top of counts that could not have seen it (its transaction had not committed when
    the rebuild's SELECT began: the rebuild counted the status before), so nothing is counted twice
    or lost. On SQLite the writer's lock gives the same."""
    DecisionTally = apps.get_model("supervision", "DecisionTally")
    ReviewTally = apps.get_model("supervision", "ReviewTally")
    using = router.db_for_write(DecisionTally) if using is None else using
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {DecisionTally._meta.db_table}, {ReviewTally._meta.db_table} "
                               "IN SHARE ROW EXCLUSIVE MODE")
        names = _key_of(DecisionTally, DECISION_KEY)
        decisions = _refill(DecisionTally, names, "decisions", _decision_groups(apps, names), using)
        names = _key_of(ReviewTally, REVIEW_KEY)
        reviews = _refill(ReviewTally, names, "reviews", _review_groups(apps, names), using)
    return decisions, reviews
