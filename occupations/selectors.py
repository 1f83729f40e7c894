"""Reads of rule data for pages (no writes here)."""

from django.db.models import Count, Q

from .models import Country, Listing, UnitGroup


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


def search_unit_groups(text: str, limit: int = 10):
    """Unit groups whose code starts with, or whose English or French title contains, the text."""
    text = text.strip()
    if not text:
        return []
    query = Q(code__startswith=text) if text.isdigit() else Q(title_en__icontains=text) | Q(title_fr__icontains=text)
    return list(UnitGroup.objects.filter(query).order_by("code")[:limit])
