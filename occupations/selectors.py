"""Reads of rule data for pages (no writes here)."""

from django.db.models import Count

from .models import Country, Listing


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
