"""The supervisors' decision search: filters, sorting and keyset pages with an opaque cursor.

Reads only. A page is found by keyset, never by OFFSET, with the bounded predicate of the
engineering guide (§11), which the composite indexes of ``Decision`` serve:

    created_at <= t AND (created_at < t OR id < pk)   ORDER BY created_at DESC, id DESC

The cursor is the sort, the direction and the (key, id) of the row to continue from, signed
(``django.core.signing``), so a page link cannot be forged to reach around the filters or made to
run an arbitrary query: an altered or cut link is refused with a message, never a 500. There is no
count of the results (an exact COUNT(*) over a million rows costs more than the page itself).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import django_filters
import pycountry
from django import forms
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from eligibility.choices import OfficerDecision
from eligibility.models import OUTCOME_CHOICES, Decision
from occupations import choices as labels

from .models import ReviewItem

PAGE_SIZE = 25
CURSOR_SALT = "supervision.search.cursor"
ISO_COUNTRIES = frozenset(c.alpha_2 for c in pycountry.countries)


@dataclass(frozen=True)
class Sort:
    label: str
    key: str  # the column sorted on; ``id`` breaks ties in the same direction
    descending: bool


SORTS = {
    "newest": Sort(_("Recorded, newest first"), "created_at", True),
    "oldest": Sort(_("Recorded, oldest first"), "created_at", False),
    "received": Sort(_("Received, newest first"), "received_on", True),
    "received_oldest": Sort(_("Received, oldest first"), "received_on", False),
}
DEFAULT_SORT = "newest"

# What a results page reads of each decision, as plain values: the facts and the working (several
# kB each) stay behind; the officer's name is joined for the page's rows only (see page_of).
LISTED = ("id", "created_at", "received_on", "application_number", "uci", "applicant_name", "country", "category",
          "noc_code", "outcome", "decision", "departs", "officer__username", "review_item__status")


# Text search --------------------------------------------------------------------------------------
UCI_OR_NUMBER = re.compile(r"[0-9][0-9 -]*")
APPLICATION_NUMBER = re.compile(r"[A-Za-z0-9]*[0-9][A-Za-z0-9]*")
NAME = re.compile(r"[^\W\d_][^\d_]*", re.UNICODE)


def text_kind(text: str) -> str:
    """What a search text is taken for: "uci" (digits: a UCI, or the start of an application
    number), "application_number" (letters and digits), else "name"."""
    if UCI_OR_NUMBER.fullmatch(text):
        return "uci"
    if APPLICATION_NUMBER.fullmatch(text):
        return "application_number"
    return "name"


def text_condition(text: str) -> Q:
    kind = text_kind(text)
    if kind == "uci":
        digits = re.sub(r"[ -]", "", text)
        return Q(uci=digits) | Q(application_number__startswith=digits)
    if kind == "application_number":
        return Q(application_number__startswith=text.upper())
    return Q(applicant_name__icontains=text)


class SearchTextField(forms.CharField):
    def __init__(self, *args, **kwargs):
        # No name is longer (Decision.applicant_name); SQLite refuses a LIKE of 50,000 characters.
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = " ".join((super().clean(value) or "").split())
        if value and text_kind(value) == "name" and (len(value) < 2 or not NAME.fullmatch(value)):
            raise forms.ValidationError(
                _("Enter an application number (e.g. W301234567), a UCI (8 or 10 digits) or at least two "
                  "letters of the applicant's name."), code="search")
        return value


class CountryField(forms.CharField):
    def clean(self, value):
        value = (super().clean(value) or "").strip().upper()
        if value and value not in ISO_COUNTRIES:
            raise forms.ValidationError(_("Enter a two-letter country code, for example JP."), code="country")
        return value


class NocField(forms.CharField):
    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if value and not re.fullmatch(r"[0-9]{5}", value):
            raise forms.ValidationError(_("Enter a NOC 2021 code of 5 digits, for example 21231."), code="noc")
        return value


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class CountryFilter(django_filters.CharFilter):
    field_class = CountryField


class NocFilter(django_filters.CharFilter):
    field_class = NocField


# The filters ----------------------------------------------------------------------------------
DATE_ERRORS = {"invalid": _("Enter the date as YYYY-MM-DD, for example 2025-03-03.")}
# Dates a filter may hold: far around any decision, and far from date.min and date.max, where the
# day after, the month after or the day's start in UTC would be no date at all (a server error).
DATE_RANGE = [MinValueValidator(date(1900, 1, 1)), MaxValueValidator(date(2999, 12, 31))]


def _date_filter(label, method):
    return django_filters.DateFilter(label=label, method=method, input_formats=["%Y-%m-%d"], validators=DATE_RANGE,
                                     error_messages=DATE_ERRORS, widget=forms.DateInput(attrs={"type": "date"}))


def _choices(label, choices, **kwargs):
    return django_filters.ChoiceFilter(label=label, choices=choices, empty_label=_("Any"), **kwargs)


def officers():
    """Everyone who has recorded a decision (one index probe per user, not a scan of decisions)."""
    users = get_user_model().objects.filter(Exists(Decision.objects.filter(officer=OuterRef("pk"))))
    return users.order_by("username")


OFFICERS_KEPT = 60  # seconds
OFFICERS_KEY = "supervision.search.officers"


def officer_ids() -> dict[str, int]:
    """The officer select's list, username to id, kept for up to a minute in each server process
    (Django's cache). Every search and report page needs it and it changes only when someone records
    their first decision; reading it each time was one of the search page's four queries, and a
    query costs 1.5 to 2 ms on these machines, on a page that must stay ten times faster than the
    admin's. So a new officer is in the select, and can be filtered on, within a minute of their
    first decision; the results always name every decision's officer (read with the page)."""
    return cache.get_or_set(OFFICERS_KEY, lambda: dict(officers().values_list("username", "pk")), OFFICERS_KEPT)


class FilterForm(forms.Form):
    """The filters' form (django-filter adds a field per filter), as the reports use it."""

    field_order = ["q", "recorded_from", "recorded_to", "officer", "country", "category", "noc", "outcome",
                   "decision", "departs", "review", "sort"]

    def clean(self):
        data = super().clean()
        start, end = data.get("recorded_from"), data.get("recorded_to")
        if start and end and end < start:
            self.add_error("recorded_to", _("The end date is before the start date."))
        return data


class SearchForm(FilterForm):
    """The search's form: the filters and the sort."""

    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=[(k, s.label) for k, s in SORTS.items()])


class DecisionFilter(django_filters.FilterSet):
    q = SearchTextFilter(label=_("Application number, UCI or name"), method="search_text",
                         help_text=_("Application numbers match from the start; names match any part."))
    recorded_from = _date_filter(_("Recorded from"), "starting")
    recorded_to = _date_filter(_("Recorded until"), "ending")
    officer = _choices(_("Officer"), [], method="by_officer")  # choices: see __init__
    country = CountryFilter(label=_("Country"), help_text=_("Two-letter code, e.g. JP."))
    category = _choices(_("Category"), labels.choices(labels.CATEGORY))
    noc = NocFilter(label=_("NOC 2021 code"), field_name="noc_code")
    outcome = _choices(_("Indicative outcome"), OUTCOME_CHOICES)
    decision = _choices(_("Officer's decision"), OfficerDecision.choices)
    departs = _choices(_("Departs from the indicative outcome"), [("yes", _("Yes")), ("no", _("No"))],
                       method="departing")
    review = _choices(_("Review status"), [("none", _("Not in the review queue")), *ReviewItem.Status.choices],
                      method="reviewed")

    class Meta:
        model = Decision
        fields: list = []
        form = SearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The officers, for the select and for the filter itself.
        self.officer_ids = officer_ids()

    @property
    def form(self):
        if not hasattr(self, "_form"):
            super().form.fields["officer"].choices = [(name, name) for name in self.officer_ids]
        return self._form

    def get_form_class(self):
        """The form's class, built once for each filter set class rather than on every request
        (its fields are the same each time but the officers' choices, which ``form`` sets on each
        form's own copy of its fields): a quarter of a millisecond of every search page."""
        built = type(self).__dict__.get("_form_class")
        if built is None:
            built = type(self)._form_class = super().get_form_class()
        return built

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:  # the form also holds the sort, which is not a filter
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def search_text(self, queryset, name, value):
        return queryset.filter(text_condition(value))

    def by_officer(self, queryset, name, value):
        return queryset.filter(officer_id=self.officer_ids[value])

    def starting(self, queryset, name, value: date):
        return queryset.filter(created_at__gte=day_start(value))

    def ending(self, queryset, name, value: date):
        return queryset.filter(created_at__lt=day_start(value + timedelta(days=1)))

    def departing(self, queryset, name, value):
        return queryset.filter(departs=value == "yes")

    def reviewed(self, queryset, name, value):
        # EXISTS rather than a join: PostgreSQL plans "none" as an anti-join that walks the
        # keyset index (the LEFT JOIN ... IS NULL form became a full scan and a sort, 1.4 s).
        items = ReviewItem.objects.filter(decision=OuterRef("pk"))
        if value == "none":
            return queryset.filter(~Exists(items))
        return queryset.filter(Exists(items.filter(status=value)))


class ReportFilter(DecisionFilter):
    """The same filters for the reports, which have no sort."""

    class Meta(DecisionFilter.Meta):
        form = FilterForm


def day_start(day: date) -> datetime:
    """The first instant of a day in the desk's time zone: a range on created_at itself, which
    the indexes serve (a cast of created_at to a date would not)."""
    return timezone.make_aware(datetime.combine(day, time.min))


# Cursors and pages -----------------------------------------------------------------------------
class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    sort: str
    forward: bool  # True: the rows after the position, in the sort's order; False: those before it
    key: object
    pk: int

    def token(self) -> str:
        return signing.dumps([self.sort, "n" if self.forward else "p", self.key.isoformat(), self.pk],
                             salt=CURSOR_SALT)

    @classmethod
    def read(cls, token: str, sort: str) -> "Cursor":
        """Raises ``BadCursor`` for anything but a cursor this module made, for this sort."""
        try:
            saved_sort, way, key, pk = signing.loads(token, salt=CURSOR_SALT)
            parse = datetime.fromisoformat if SORTS[saved_sort].key == "created_at" else date.fromisoformat
            cursor = cls(saved_sort, {"n": True, "p": False}[way], parse(key), int(pk))
        except (signing.BadSignature, ValueError, TypeError, KeyError):
            raise BadCursor(_("The link to this page of results is not valid: it may have been cut short or "
                              "altered. Start again from the first page.")) from None
        if cursor.sort != sort:
            raise BadCursor(_("The sort order has changed since this page link was made. Start again from the "
                              "first page."))
        return cursor


@dataclass
class Page:
    decisions: list[dict]  # LISTED of each
    next: str | None  # cursor tokens
    previous: str | None


def _after(key: str, value, pk: int, descending: bool) -> Q:
    """The bounded keyset predicate: rows strictly after (value, pk) in the given direction."""
    if descending:
        return Q(**{f"{key}__lte": value}) & (Q(**{f"{key}__lt": value}) | Q(id__lt=pk))
    return Q(**{f"{key}__gte": value}) & (Q(**{f"{key}__gt": value}) | Q(id__gt=pk))


def ordering(sort: str, reverse: bool = False) -> list[str]:
    spec = SORTS[sort]
    descending = spec.descending != reverse
    return [f"-{spec.key}", "-id"] if descending else [spec.key, "id"]


def page_of(queryset, sort: str, cursor: Cursor | None = None, size: int | None = None) -> Page:
    """One page of ``queryset`` in the sort's order, from the cursor's position: one query, whose
    rows are dicts of LISTED."""
    size = size or PAGE_SIZE
    spec = SORTS[sort]
    forward = cursor is None or cursor.forward
    descending = spec.descending == forward  # the direction this query walks the key in
    if cursor is not None:
        queryset = queryset.filter(_after(spec.key, cursor.key, cursor.pk, descending))
    # A deferred join: the page's ids first, then their columns. The ids alone can come from an
    # index (an application number prefix matching thousands of decisions is read from the
    # covering index decision_application_number, not from thousands of table rows), and the
    # officer's name and the review status are joined for the page's rows only.
    order = ordering(sort, reverse=not forward)
    ids = queryset.order_by(*order).values("pk")[: size + 1]
    # A decision's correction, if any (one at most: eligibility 0008's unique index gives it).
    rows = list(queryset.model.objects.filter(pk__in=ids).order_by(*order)
                .annotate(superseded_at=F("corrections__created_at")).values(*LISTED, "superseded_at"))
    more, rows = len(rows) > size, rows[:size]
    if not forward:
        rows.reverse()
    if not rows:
        return Page([], None, None)

    def at(row, ahead):
        return Cursor(sort, ahead, row[spec.key], row["id"]).token()

    if forward:
        return Page(rows, at(rows[-1], True) if more else None, at(rows[0], False) if cursor else None)
    return Page(rows, at(rows[-1], True), at(rows[0], False) if more else None)


# The search, as the views use it --------------------------------------------------------------
def base_queryset():
    return Decision.objects.all()


class DecisionSearch:
    """The filters and the sort from a query string, validated; then a page or the whole set."""

    def __init__(self, params, request=None):
        self.params = params
        self.filterset = DecisionFilter(params, queryset=base_queryset(), request=request)
        self.form = self.filterset.form
        self.cursor = None

    def is_valid(self, with_cursor: bool = True) -> bool:
        if not self.form.is_valid():
            return False
        token = self.params.get("cursor")
        if with_cursor and token:
            try:
                self.cursor = Cursor.read(token, self.sort)
            except BadCursor as bad:
                self.form.add_error(None, str(bad))
                return False
        return True

    @property
    def sort(self) -> str:
        return (self.form.cleaned_data.get("sort") if self.form.is_bound and hasattr(self.form, "cleaned_data")
                else None) or DEFAULT_SORT

    @property
    def queryset(self):
        return self.filterset.qs

    def page(self, size: int | None = None) -> Page:
        return page_of(self.queryset, self.sort, self.cursor, size)

    def ordered(self):
        return self.queryset.order_by(*ordering(self.sort))

    def query_string(self, **changes) -> str:
        """The filters and sort as given (no cursor), with ``changes``; empty values left out."""
        values = {k: v for k, v in self.params.items() if k != "cursor" and v}
        values.update({k: v for k, v in changes.items() if v})
        return urlencode(values)

    def summary(self) -> str:
        """The filter for the access log: codes and dates only. The text searched for is never
        written, only what it was taken for (a name, a UCI or an application number)."""
        parts = []
        data = self.form.cleaned_data
        for name, value in [*((n, data.get(n)) for n in self.filterset.filters), ("sort", data.get("sort"))]:
            if value in (None, ""):
                continue
            if name == "q":
                parts.append(f"q={text_kind(value)}")
            else:
                parts.append(f"{name}={value.isoformat() if isinstance(value, date) else value}")
        return " ".join(parts) or "all"
