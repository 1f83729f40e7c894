"""Reads of rule data for pages (no writes here)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Min, Q

from .models import CategoryRule, ChangeSet, Country, Listing, UnitGroup
from .publishing import Entry


def countries_in_force(day):
    return list(Country.in_force_on(day).order_by("code"))


def listing_counts(day) -> dict[tuple[str, str, str], int]:
    """Entries in force per (country, category, kind)."""
    rows = (
        Listing.in_force_on(day)
        .values("country_code", "category", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(r["country_code"], r["category"], r["kind"]): r["n"] for r in rows}


def unit_group(code: str):
    """The NOC 2021 unit group with this code, or None (a valid code may not be on file yet)."""
    return UnitGroup.objects.filter(code=code).first()


SEARCH_MAX_LENGTH = 250  # longer than any title: a longer text matches nothing, unsearched


def search_unit_groups(text: str, limit: int = 10):
    """Unit groups whose code starts with, or whose English or French title contains, the text.
    Text no title can contain is not searched: NUL (which PostgreSQL refuses in a query) and a
    text longer than any title (SQLite refuses a LIKE pattern of 50,000 characters)."""
    text = text.strip()
    if not text or len(text) > SEARCH_MAX_LENGTH or "\x00" in text:
        return []
    query = Q(code__startswith=text) if text.isdigit() else Q(title_en__icontains=text) | Q(title_fr__icontains=text)
    return list(UnitGroup.objects.filter(query).order_by("code")[:limit])


# The rules admins' page per country and category ----------------------------------------------
# Each read below is one query whatever the number of rows, so the page's query count is fixed.

@dataclass(frozen=True)
class CountryRules:
    """One country's rules for one category on a day. ``category_rule`` is the country's own or,
    when it has none (``general_criteria``), the general criteria the engine falls back on."""

    code: str
    category: str
    day: date
    country: Country | None
    category_rule: CategoryRule | None
    general_criteria: bool
    listings: list


def country_rules_on(code: str, category: str, day: date) -> CountryRules:
    """The country row, category rule and occupation list entries in force on ``day``."""
    rules = {r.country_code: r for r in CategoryRule.in_force_on(day)
             .filter(country_code__in=[code, ""], category=category).select_related("change_set")}
    listings = (Listing.in_force_on(day).filter(country_code=code, category=category)
                .select_related("unit_group", "change_set")
                .order_by("kind", F("unit_group_id").asc(nulls_first=True), "only_if", "unless", "pk"))
    return CountryRules(
        code=code, category=category, day=day,
        country=Country.in_force_on(day).filter(code=code).select_related("change_set").first(),
        category_rule=rules.get(code) or rules.get(""),
        general_criteria=code not in rules and "" in rules,
        listings=list(listings),
    )


def country_first_in_force(code: str):
    """``(known, first_day)``: whether any row (published or not) exists for the country code, and
    the first day a published row for it was in force (None if none was ever published)."""
    found = Country.objects.filter(code=code).aggregate(
        rows=Count("id"), first=Min("valid_from", filter=Q(published=True, removes=False)))
    return found["rows"] > 0, found["first"]


def country_codes() -> list:
    """Every country code with a row, each with its most recent names (published rows first)."""
    latest = {}
    for row in Country.objects.filter(removes=False).order_by("code", "-published", "-valid_from", "-pk"):
        latest.setdefault(row.code, row)
    return list(latest.values())


def pending_changes(code: str, category: str) -> list:
    """The rows for this country and category in change sets not yet decided (draft or submitted),
    as ``publishing.Entry`` (adds, changes with their differences, removes): one query per table."""
    undecided = Q(published=False, change_set__status__in=[ChangeSet.Status.DRAFT, ChangeSet.Status.SUBMITTED])
    related = ("change_set", "replaces")
    rows = [
        *Country.objects.filter(undecided, code=code).select_related(*related),
        *CategoryRule.objects.filter(undecided, country_code=code, category=category).select_related(*related),
        *Listing.objects.filter(undecided, country_code=code, category=category)
        .select_related(*related, "unit_group", "replaces__unit_group"),
    ]
    rows.sort(key=lambda row: (row.change_set_id, row.pk))
    return [Entry(row) for row in rows]
