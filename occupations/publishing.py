"""Changing the rules through change sets: drafting, submitting, approving (which publishes).

The rules in force are never edited. A rules admin opens a draft change set and, in it, adds
rows, changes published rows (a draft copy that ``replaces`` the row) or removes them (a draft
row that ``replaces`` it with ``removes`` set). The author submits it; a second rules admin, not
the author, approves it with the day it takes effect (today or later, never in the past: past
decisions keep the rules they were made under). Approval publishes every row of the set in one
transaction. Each step is saved with its user, so the change set's history says who did what.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RULE_MODELS, ChangeSet, RulesStamp

COPIED_EXCLUDE = {"id", "change_set", "replaces", "removes", "published", "revision", "valid_from"}


class PublishingError(ValidationError):
    """A step refused, with a message for the rules admin."""


def rows_of(change_set: ChangeSet) -> list:
    """Every row of the change set, table by table."""
    return [row for model in RULE_MODELS for row in model.objects.filter(change_set=change_set).order_by("pk")]


def _save(change_set: ChangeSet, user, **changes) -> None:
    for name, value in changes.items():
        setattr(change_set, name, value)
    change_set._history_user = user  # simple-history: who made this step
    change_set.save()


def open_change_set(author, title: str, description: str = "") -> ChangeSet:
    change_set = ChangeSet(title=title, description=description, author=author)
    _save(change_set, author)
    return change_set


def _editable(change_set: ChangeSet) -> None:
    if not change_set.is_editable:
        raise PublishingError(_("Change set #%(pk)s is %(status)s: only a draft can be changed.")
                              % {"pk": change_set.pk, "status": change_set.get_status_display().lower()})


def _draft_copy(row, change_set: ChangeSet, removes: bool):
    _editable(change_set)
    if not row.published:
        raise PublishingError(_("Only a published row can be changed or removed through a change set."))
    taken = type(row).objects.filter(replaces=row).filter(Q(published=True) | Q(change_set=change_set)).first()
    if taken is not None:
        raise PublishingError(_("This row is already changed or removed by change set #%(pk)s.")
                              % {"pk": taken.change_set_id})
    copy = type(row)(**{f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields
                        if f.name not in COPIED_EXCLUDE})
    copy.change_set, copy.replaces, copy.removes = change_set, row, removes
    copy.valid_from = max(row.valid_from, timezone.localdate())
    copy.save()
    return copy


def propose_change(row, change_set: ChangeSet):
    """A draft copy of a published row, to edit: once published it replaces the row."""
    return _draft_copy(row, change_set, removes=False)


def propose_removal(row, change_set: ChangeSet):
    """A draft entry that removes a published row from the day the change set takes effect."""
    return _draft_copy(row, change_set, removes=True)


def overlapping(row, effective_from: date | None = None) -> list:
    """Rows for the same rule (``RULE_KEY``) that would be in force on a day this row is: the
    published rows not replaced (by a published row or by this row's change set) and the other
    rows of its change set. ``effective_from`` is when the change set takes effect (at approval)."""
    if row.removes:
        return []
    model = type(row)
    start = max(row.valid_from, effective_from) if effective_from else row.valid_from
    same = model.objects.filter(**row.rule_key(), removes=False).exclude(pk=row.pk)
    if row.replaces_id:
        same = same.exclude(pk=row.replaces_id)
    same = same.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
    if row.valid_to:
        same = same.filter(valid_from__lte=row.valid_to)
    replaced = model.objects.filter(Q(published=True) | Q(change_set=row.change_set_id)).values("replaces")
    published = same.filter(published=True).exclude(pk__in=replaced.filter(replaces__isnull=False))
    siblings = same.filter(change_set=row.change_set_id, published=False)
    return list(published) + list(siblings)


def problems(change_set: ChangeSet, effective_from: date | None = None) -> list[str]:
    """What stops the change set from being published, in words (empty when nothing does)."""
    found = []
    rows = rows_of(change_set)
    if not rows:
        found.append(_("The change set has no changes."))
    for row in rows:
        if row.replaces_id:
            replaced = row.replaces
            if not replaced.published:
                found.append(_("%(row)s replaces a row that is not published.") % {"row": row})
            later = type(row).objects.filter(replaces=replaced, published=True).exclude(pk=row.pk).first()
            if later is not None:
                found.append(_("%(row)s: the row it replaces was already changed by change set #%(pk)s.")
                             % {"row": row, "pk": later.change_set_id})
        start = max(row.valid_from, effective_from) if effective_from else row.valid_from
        if row.valid_to and row.valid_to < start:
            found.append(_("%(row)s ends on %(end)s, before the change set takes effect.")
                         % {"row": row, "end": row.valid_to})
        for other in overlapping(row, effective_from):
            found.append(_("%(row)s would be in force on the same days as %(other)s (change set #%(pk)s).")
                         % {"row": row, "other": other, "pk": other.change_set_id})
    return found


def submit(change_set: ChangeSet, user) -> None:
    _editable(change_set)
    if user != change_set.author:
        raise PublishingError(_("Only the author submits a change set for approval."))
    found = problems(change_set)
    if found:
        raise PublishingError(found)
    _save(change_set, user, status=ChangeSet.Status.SUBMITTED, submitted_at=timezone.now())


def return_to_draft(change_set: ChangeSet, user) -> None:
    """The author takes it back to change it, or the approver sends it back."""
    if change_set.status != ChangeSet.Status.SUBMITTED:
        raise PublishingError(_("Only a submitted change set can go back to draft."))
    _save(change_set, user, status=ChangeSet.Status.DRAFT, submitted_at=None)


def withdraw(change_set: ChangeSet, user) -> None:
    if change_set.status not in (ChangeSet.Status.DRAFT, ChangeSet.Status.SUBMITTED):
        raise PublishingError(_("A published change set cannot be withdrawn; change its rows in a new one."))
    _save(change_set, user, status=ChangeSet.Status.WITHDRAWN)


def check_effective_from(day: date) -> None:
    """A change set takes effect today or later: decisions already made keep their rules."""
    if day < timezone.localdate():
        raise PublishingError(_("The day it takes effect cannot be in the past: decisions already made keep "
                                "the rules they were made under."), code="past")


@transaction.atomic
def approve(change_set: ChangeSet, approver, effective_from: date) -> None:
    """Publish the change set from ``effective_from``. Refused to its author, for a date in the
    past, and when a row would clash with the rules in force."""
    change_set = ChangeSet.objects.select_for_update().get(pk=change_set.pk)  # one approval wins
    if change_set.status != ChangeSet.Status.SUBMITTED:
        raise PublishingError(_("Only a change set submitted for approval can be approved."))
    if approver == change_set.author:
        raise PublishingError(_("You wrote this change set: a second rules admin must approve it."))
    check_effective_from(effective_from)
    found = problems(change_set, effective_from)
    if found:
        raise PublishingError(found)
    for row in rows_of(change_set):
        row.valid_from = max(row.valid_from, effective_from)
        row.published = True
        row._history_user = approver
        row.save()
    _save(change_set, approver, status=ChangeSet.Status.PUBLISHED, approved_by=approver,
          effective_from=effective_from, published_at=timezone.now())
    RulesStamp.bump()


class Entry:
    """One row of a change set as a rules admin reads it: what it does, and for a change, the
    fields it changes (label, value before, value after)."""

    def __init__(self, row):
        self.row = row
        self.model_name = row._meta.verbose_name
        if row.replaces_id is None:
            self.action, self.differences = "add", []
        elif row.removes:
            self.action, self.differences = "remove", []
        else:
            self.action = "change"
            before = row.replaces
            self.differences = [
                (f.verbose_name, _shown(before, f), _shown(row, f)) for f in row._meta.concrete_fields
                if f.name not in COPIED_EXCLUDE and getattr(before, f.attname) != getattr(row, f.attname)]


def _shown(row, field):
    value = getattr(row, field.name)
    display = getattr(row, f"get_{field.name}_display", None)
    return display() if display and field.choices else value


def entries(change_set: ChangeSet) -> list[Entry]:
    return [Entry(row) for row in rows_of(change_set)]
